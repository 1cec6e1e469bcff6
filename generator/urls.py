"""Where pages live on the site, and the relative links between them; and outside addresses
read the way a browser reads them (`normalise`), before any allow-list looks at them. A neutral
helper: pages, open data, search records, the sanitiser and the adapters all name URLs the same
way."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

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


# --- outside addresses, as a browser reads them ---------------------------------------------------

_STRIPPED = re.compile(r"[\t\n\r]")
_EDGES = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
_UNRESERVED = re.compile(r"%(2[dDeE]|3[0-9]|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class Address(NamedTuple):
    """An http(s) address in the form a browser would request it."""

    scheme: str  # "http" or "https"
    host: str  # lower case, percent-decoded, no trailing dot
    port: int | None  # None for the scheme's default port
    path: str  # "/"-rooted, dot segments resolved, unreserved characters decoded
    query: str
    fragment: str

    def url(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        query = f"?{self.query}" if self.query else ""
        fragment = f"#{self.fragment}" if self.fragment else ""
        return f"{self.scheme}://{self.host}{port}{self.path}{query}{fragment}"


def _without_dot_segments(path: str) -> str:
    """RFC 3986 §5.2.4 (what browsers do to `/a/./b/../c`), on a path whose `%2e` are decoded."""
    out: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments[1:], start=1):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if out:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)


def normalise(url: str) -> Address | None:
    """`url` as a browser resolves it (tabs and line breaks dropped, backslashes as slashes,
    scheme and host in lower case, the host and the unreserved characters of the path
    percent-decoded, `.` and `..` segments resolved, the default port dropped), or None when it
    is no absolute http(s) address, or one that carries user information (`https://a.go.id@b.com/`
    goes to b.com) or a host a browser would not read as a plain name. Allow-lists compare what
    this returns, never the text as written: `…/embed/%2e%2e/%2e%2e/watch` is `/watch`."""
    url = _STRIPPED.sub("", url.strip(_EDGES)).replace("\\", "/")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not url[len(scheme) + 1:].startswith("//"):
        return None
    if "@" in parts.netloc:
        return None
    host = parts.hostname or ""
    if "%" in host:
        try:
            host = unquote(host, errors="strict")
        except UnicodeDecodeError:
            return None
    host = host.rstrip(".")
    if not host or any(c in host for c in "@/\\%:?#[] ") or not host.isprintable():
        return None
    path = _UNRESERVED.sub(lambda m: chr(int(m.group(1), 16)), parts.path) or "/"
    return Address(scheme, host.lower(), None if port == _DEFAULT_PORTS[scheme] else port,
                   _without_dot_segments(path), parts.query, parts.fragment)


def has_user_info(url: str) -> bool:
    """Whether an http(s) address names a user before its host (`https://a.go.id@b.com/`, which
    goes to b.com): such addresses only ever serve to look like another one."""
    try:
        netloc = urlsplit(_STRIPPED.sub("", url.strip(_EDGES)).replace("\\", "/")).netloc
    except ValueError:
        return False
    return "@" in netloc


_WEB_TLDS = frozenset({"id", "com", "net", "org", "info", "io", "co", "biz", "gov", "edu", "me", "ly", "app",
                       "dev", "site", "online", "xyz", "my", "sg", "au", "uk", "us", "int", "mil", "tv", "web"})
_ADDRESS_TEXT = re.compile(r"(?:(https?)://)?((?:[^\s/?#@:.]+\.)+[^\s/?#@:.]+)(?::\d+)?(?:[/?#]\S*)?/?",
                           re.IGNORECASE)


def address_in_text(text: str) -> str | None:
    """The host a link text names when it reads as a web address ("https://layanan.jatimprov.go.id/…",
    "www.lapor.go.id", "jdih.jatimprov.go.id"), lower case and without a leading "www."; None
    for any other text. A link whose text reads as an address must go to that address."""
    text = text.strip()
    found = _ADDRESS_TEXT.fullmatch(text)
    if found is None:
        return None
    host = found.group(2).lower().rstrip(".")
    tld = host.rsplit(".", 1)[-1]
    if not (found.group(1) or host.startswith("www.") or tld in _WEB_TLDS):
        return None
    return host.removeprefix("www.")


def same_site(text_host: str, url: str) -> bool:
    """Whether `url` goes to the host a link text names (`address_in_text`), "www." aside."""
    address = normalise(url)
    return address is not None and address.host.removeprefix("www.") == text_host
