"""Small pieces every page builder uses: escaping, URLs, Indonesian dates and numbers.

Every value that comes from an entry passes through `e()` (text and attributes alike) or
`json_script()` (JSON in a <script>); page builders never put a front-matter value in HTML
any other way.
"""

from __future__ import annotations

import html
import json
import posixpath
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..criteria import MAX_LEVEL, angka

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")


def e(value: Any) -> str:
    """Text or attribute value, escaped (quotes included)."""
    return html.escape(str(value), quote=True)


def json_script(data: Any) -> str:
    """JSON safe inside <script>: what Jinja's `tojson` filter does (`<`, `>`, `&`, `'` as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL, or None. The model already insists on it; this keeps templates honest."""
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("http", "https") else None


def link(url: str | None, text: str, *, external: bool = True) -> str:
    """An <a> to an outside URL (escaped), or just the text when the URL is not http(s)."""
    href = safe_url(url) if external else url
    if not href:
        return e(text)
    rel = ' rel="noopener noreferrer"' if external else ""
    return f'<a href="{e(href)}"{rel}>{e(text)}</a>'


def level_text(level: int) -> str:
    return f"level {level} dari {MAX_LEVEL}" if level else f"belum diperoleh (level 0 dari {MAX_LEVEL})"


def tanggal(day: date | None) -> str:
    """20 November 2026."""
    if day is None:
        return ""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def time_tag(day: date | None) -> str:
    if day is None:
        return ""
    return f'<time datetime="{day.isoformat()}">{tanggal(day)}</time>'


def bilangan(value: float) -> str:
    return angka(value)


def persen(part: int, whole: int) -> str:
    """A share as Indonesians write it: 12,5%."""
    if not whole:
        return "–"
    return f"{angka(round(100 * part / whole, 1))}%"


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


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
