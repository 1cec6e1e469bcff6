"""Where pages live on the site, and the relative links between them. A neutral helper: pages,
open data, search records and the adapters all name URLs the same way."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

CRITERIA = "kriteria"  # the methodology page: how the badges are computed
CONTRIBUTING = "kontribusi"  # the contributing guide's path: its field reference has a row per key


def field_anchor(key: str) -> str:
    """The id of a front-matter key's row in the contributing guide's field reference:
    "hasil[].sebelum.tanggal" → "kunci-hasil-sebelum-tanggal"."""
    return "kunci-" + key.replace("[]", "").replace(".", "-")


@dataclass(frozen=True)
class Urls:
    """Where pages live on the site, and relative links between them.

    Every link in a generated page is relative (the site may be served below a path, and
    `mkdocs serve` and file:// previews must work), computed the way MkDocs does it.
    """

    use_directory_urls: bool = True
    site_url: str | None = None
    entries: str = "inovasi"
    browse: str = "jelajahi"

    def page(self, path: str) -> str:
        """"inovasi/x" → "inovasi/x/" (or "inovasi/x.html"); "" → "" (the home page)."""
        if not path:
            return ""
        return f"{path}/" if self.use_directory_urls else f"{path}.html"

    def entry(self, entry_id: str) -> str:
        return self.page(f"{self.entries}/{entry_id}")

    def listing(self, provinsi: str, number: int = 1) -> str:
        if number <= 1:
            return self.index(f"{self.browse}/{provinsi}")
        return self.page(f"{self.browse}/{provinsi}/{number}")

    def index(self, folder: str) -> str:
        """The URL of `<folder>/index.md`."""
        return f"{folder}/" if self.use_directory_urls else f"{folder}/index.html"

    def absolute(self, url: str) -> str | None:
        if not self.site_url:
            return None
        base = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return base + url

    @staticmethod
    def rel(to: str, frm: str) -> str:
        """The link from the page at `frm` to the page at `to` (both site-relative URLs).

        Always up to the site root and down again ("../../jelajahi/bali/"): not the shortest
        link, but one string concatenation, and entry pages hold dozens of links each."""
        return (_up(frm) + to) or "./"


@lru_cache(maxsize=4096)
def _up(url: str) -> str:
    """"../" once per folder of the page at `url` ("inovasi/x/" → "../../", "a/b.html" → "../")."""
    folder = url if url.endswith("/") else posixpath.dirname(url)
    return "../" * len([part for part in folder.split("/") if part])
