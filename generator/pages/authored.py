"""The site's own pages: the `.md` files of `content/` outside the catalogue folder (the home
page's introduction, the contributing guide, an "about" page), held to the rules of entries.

A pull request can add or change them as easily as an entry, and the forge's rendered diff does
not show a reviewer a `<meta>` redirect or a `<style>` in one, so they are untrusted input too:

* **Read** like an entry (`loader`: size cap, UTF-8, YAML without anchors, positions), with an
  optional front matter of four plain keys (`PAGE_KEYS`): `title`, `description`, `author`, `hide`.
* **Validated** by `katalog validate` and by every build, each problem at its line: hidden
  characters (`text.hidden_character`), and the body's limits and everything the sanitiser would
  drop (`render.body_problems`, the entries' own check).
* **Rendered** by the entries' renderer (`render.render_markdown`: markdown-it, bounded work,
  nh3), never by Python-Markdown: the plugin hands MkDocs an empty source for each of them and
  fills the page with this HTML, so no raw HTML of a page, and no Python-Markdown extension,
  ever reaches a page.
* **Placed** where no page or file the build writes can be (`reserved_paths`, `path_problem`):
  not below `inovasi/`, `jelajahi/`, `api/`, the search bundle, the theme's `assets/`, nor at a
  generated page's address, except as the introduction of the few generated pages that take
  one (`site.INTROS`).

Pure: no MkDocs. The plugin adds what only the build knows (the files of the theme) to
`reserved_paths`; the list itself comes from the modules that write those paths.
"""

from __future__ import annotations

import html as htmllib
import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import exports, search, sitemap
from ..diagnostics import ERROR, Diagnostic
from ..loader import Parsed, decode, parse_bytes, read_bounded
from ..render import body_problems, render_markdown, title_of
from ..text import LINE, NAME, character_name, hidden_character, hidden_characters
from ..urls import Urls
from . import site

PAGE_KEYS = {"title": "judul halaman", "description": "deskripsi singkat untuk mesin pencari dan kartu berbagi",
             "author": "penulis halaman", "hide": "bagian tampilan yang disembunyikan: toc, navigation, footer"}
"""The keys a site page's front matter may hold, all plain text the templates escape (MkDocs and
Material read more, `template:` among them, which would let a page choose any template)."""
HIDE = ("toc", "navigation", "footer")
MAX_TITLE = 160
MAX_DESCRIPTION = 300

THEME_NAMES = ("assets", "404.html", "robots.txt", "search", "sitemap.xml", "sitemap.xml.gz", "index.html")
"""What the theme (Material and ours) and MkDocs write at the top of every site; the build adds
the exact list of the theme's files."""


@dataclass
class Page:
    """One site page as read: its front matter's values, its body, its problems."""

    path: str  # as diagnostics show it
    uri: str  # below the docs dir, "/"-separated ("tentang.md")
    title: str | None = None
    description: str | None = None
    author: str | None = None
    hide: list[str] = field(default_factory=list)
    body: str = ""
    body_line: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    def meta(self) -> dict[str, Any]:
        """The page's meta for the builder: only what was validated."""
        meta: dict[str, Any] = {}
        if self.title:
            meta["title"] = self.title
        if self.description:
            meta["description"] = self.description
        if self.author:
            meta["author"] = self.author
        if self.hide:
            meta["hide"] = list(self.hide)
        return meta

    def heading(self) -> str | None:
        """The page's title as its text gives it (the first `#` heading), when no `title:` does."""
        return self.title or title_of(self.body)

    def html(self, link: Callable[[str], str] | None = None) -> tuple[str, list[dict[str, Any]]]:
        """The body as sanitised HTML, its headings as written (its `#` title is the page's h1)
        and each given an anchor, and the table of contents of those headings (level, id,
        name as escaped text, children: what MkDocs' `get_toc` reads, and what the theme's
        skip link and contents column are made from)."""
        html = render_markdown(self.body, posixpath.dirname(self.uri), link=link, shift_headings=False)
        return with_anchors(_OWN_LINK.sub(r"\1", html))


_OWN_LINK = re.compile(r'(<a href="(?![a-zA-Z][a-zA-Z0-9+.-]*:|//)[^"]*")'
                       r' rel="noopener noreferrer nofollow"')
"""A link to a page of the site itself: not `nofollow` (search engines follow the site's own
pages), nothing to hide from it (`noreferrer`)."""


_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>", re.S)
_TAG = re.compile(r"<[^>]*>")
_NOT_SLUG = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"[-\s]+")


def _slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SPACES.sub("-", _NOT_SLUG.sub("", text).strip().lower())


def with_anchors(html: str) -> tuple[str, list[dict[str, Any]]]:
    """Sanitised HTML with an id on each heading (made here from its text: letters, digits and
    dashes, never the author's own), and the headings as a table of contents."""
    toc: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []
    seen: dict[str, int] = {}

    def anchor(m: re.Match[str]) -> str:
        level, inner = int(m.group(1)), m.group(2)
        text = " ".join(htmllib.unescape(_TAG.sub("", inner)).split())
        slug = _slug(text) or "bagian"
        seen[slug] = seen.get(slug, 0) + 1
        if seen[slug] > 1:
            slug = f"{slug}_{seen[slug] - 1}"
        token = {"level": level, "id": slug, "name": htmllib.escape(text), "children": []}
        while stack and stack[-1]["level"] >= level:
            stack.pop()
        (stack[-1]["children"] if stack else toc).append(token)
        stack.append(token)
        return f'<h{level} id="{slug}">{inner}</h{level}>'

    return _HEADING.sub(anchor, html), toc


# --- reading and validating ----------------------------------------------------------------------


def read_page(path: Path | str, uri: str, display: str | None = None, raw: bytes | None = None) -> Page:
    """Read and validate one site page (from `path`, or its bytes `raw`); every problem is a
    diagnostic, never an exception."""
    shown = display or str(path)
    page = Page(shown, uri)
    parsed = _parse(raw, shown) if raw is not None else _read(Path(path), shown)
    page.diagnostics += parsed.diagnostics
    if parsed.diagnostics:
        return page
    page.body, page.body_line = parsed.body, parsed.body_line
    _front_matter(parsed, page)
    _body(page)
    return page


def _read(path: Path, shown: str) -> Parsed:
    """The file, within the size cap of every file a pull request adds."""
    raw = read_bounded(path, shown)
    return raw if isinstance(raw, Parsed) else _parse(raw, shown)


def _parse(raw: bytes, shown: str) -> Parsed:
    """Front matter (when the first line is `---`) and body, as an entry's; else all body."""
    first = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    if first.rstrip(b" \t\r") == b"---":
        return parse_bytes(raw, shown)
    return _without_front_matter(raw, shown)


def _without_front_matter(raw: bytes, shown: str) -> Parsed:
    """A page with no front matter: all of it is the body (UTF-8, as an entry)."""
    text = decode(raw, shown)
    if isinstance(text, Parsed):
        return text
    result = Parsed(shown)
    result.body = text.replace("\r\n", "\n").replace("\r", "\n")
    result.body_line = 1
    return result


def _front_matter(parsed: Parsed, page: Page) -> None:
    data = parsed.data or {}
    for key, value in data.items():
        line, col = parsed.position((key,), key=True)
        if key not in PAGE_KEYS:
            allowed = ", ".join(PAGE_KEYS)
            page.diagnostics.append(Diagnostic(page.path, line, col, ERROR, str(key),
                                               f"kunci '{key}' tidak diizinkan di halaman situs; yang boleh: {allowed}"))
            continue
        line, col = parsed.position((key,))
        problem = _value_problem(key, value)
        if problem:
            page.diagnostics.append(Diagnostic(page.path, line, col, ERROR, key, problem))
        elif key == "title":
            page.title = value.strip()
        elif key in ("description", "author"):
            setattr(page, key, " ".join(value.split()))
        else:
            page.hide = list(value)


def _value_problem(key: str, value: Any) -> str | None:
    if key == "hide":
        if not isinstance(value, list) or not all(isinstance(v, str) and v in HIDE for v in value):
            return "harus berupa daftar berisi " + ", ".join(HIDE)
        return None
    if not isinstance(value, str) or not value.strip():
        return "harus berupa teks yang tidak kosong"
    limit = MAX_TITLE if key == "title" else MAX_DESCRIPTION
    if len(value.strip()) > limit:
        return f"terlalu panjang: maksimal {limit} karakter, sekarang {len(value.strip())}"
    found = hidden_character(value.strip(), NAME if key == "title" else LINE)
    if found is not None:
        return f"teks ini memuat {character_name(found)} yang tidak boleh ada di sini; hapus karakter tersebut"
    return None


def _body(page: Page) -> None:
    body = page.body
    for offset, char in list(hidden_characters(body))[:10]:
        line = body.count("\n", 0, offset)
        col = offset - (body.rfind("\n", 0, offset) + 1) + 1
        page.diagnostics.append(Diagnostic(page.path, page.body_line + line, col, ERROR, "",
                                           f"halaman memuat {character_name(char)} yang tidak terlihat di layar; "
                                           "hapus karakter tersebut"))
    for line, message in body_problems(body, active=True):
        page.diagnostics.append(Diagnostic(page.path, page.body_line + line - 1, 1, ERROR, "", message))


# --- where a page may be ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Reserved:
    """The addresses the build writes: folders (nothing of `content/` may be in one) and pages
    (no authored page may have their address, but as the introduction its page takes)."""

    folders: frozenset[str]  # "inovasi", "statistik/kualitas-data" (lower case)
    files: frozenset[str]  # site paths of single files and pages ("kriteria/", "404.html")
    intros: frozenset[str]  # source paths of the generated pages that take an authored introduction


def reserved_paths(urls: Urls | None = None, *, extra_files: Iterable[str] = (),
                   extra_folders: Iterable[str] = ()) -> Reserved:
    """Every path the build writes, from the modules that write them: the entry pages
    (`urls.entries`), the listings (`urls.browse`), the open data (`exports.API`), the search
    bundle (`search.BUNDLE`), the sitemap (`sitemap`), the generated pages (`site`: their
    addresses, and the folders of those that are many), the theme's and MkDocs' own
    (`THEME_NAMES`; and the build adds the pages it generates, `extra_files`, and the folders
    of the theme's own files, `extra_folders`)."""
    urls = urls or Urls()
    folders = {urls.entries, urls.browse, exports.API, search.BUNDLE, "assets", "search"}
    files = {name.lower() for name in (*THEME_NAMES, sitemap.SITEMAP, f"{sitemap.SITEMAP}.gz")}
    for uri in site.generated_uris():
        files.add(site.url_of(uri, urls).lower())
    for uri in site.MANY:
        folders.add(posixpath.dirname(uri).lower())
    files.add(site.url_of(site.ERROR_PAGE, urls).lower())
    files.update(path.lower() for path in extra_files)
    folders.update(path.lower().strip("/") for path in extra_folders)
    return Reserved(frozenset(f.lower().strip("/") for f in folders), frozenset(files),
                    frozenset(site.INTROS))


def _url_of(uri: str, urls: Urls) -> str:
    """Where a file of the docs dir is published: a page at its URL (a `README.md` is its
    folder's index, as MkDocs makes it), anything else at its path."""
    if not uri.endswith(".md"):
        return uri
    folder, name = posixpath.split(uri)
    if name == "README.md":
        uri = posixpath.join(folder, "index.md")
    return site.url_of(uri, urls)


def path_problem(uri: str, reserved: Reserved, urls: Urls | None = None) -> str | None:
    """Why a file of `content/` outside the catalogue (a page or an image, `uri` below the docs
    dir) may not be where it is: where the build writes a page or a folder of its own. None:
    it may."""
    urls = urls or Urls()
    if uri in reserved.intros:
        return None
    url = _url_of(uri, urls).lower()
    path = url.rstrip("/")
    for folder in sorted(reserved.folders):
        if path == folder or path.startswith(folder + "/"):
            return (f"alamat /{url} dipakai oleh halaman yang dibuat katalog (/{folder}/…); halaman dan gambar "
                    "situs tidak boleh berada di sana: pindahkan file ini ke folder lain di content/")
    if url in reserved.files or path in reserved.files or (path + "/") in reserved.files:
        return (f"alamat /{url} dipakai oleh halaman yang dibuat katalog; pilih nama file lain untuk halaman "
                "ini")
    return None


def site_files(docs_dir: str | os.PathLike[str], catalogue_dir: str, allowed: Iterable[str]) -> list[str]:
    """The files of the docs dir outside the catalogue (its `allowed` paths, from the content
    allow-list), sorted: pages and images of the site's own."""
    prefix = catalogue_dir.strip("/") + "/"
    return sorted(uri for uri in allowed if not uri.startswith(prefix))


def check_site(docs_dir: str | os.PathLike[str], catalogue_dir: str, allowed: Iterable[str],
               reserved: Reserved | None = None, urls: Urls | None = None,
               display: Callable[[str], str] | None = None) -> tuple[dict[str, Page], list[Diagnostic]]:
    """Every site page and image of the docs dir: the pages read and validated (by source
    path), and every problem (the pages' own and the places refused)."""
    reserved = reserved or reserved_paths(urls)
    shown = display or (lambda path: path)
    pages: dict[str, Page] = {}
    problems: list[Diagnostic] = []
    for uri in site_files(docs_dir, catalogue_dir, allowed):
        path = os.path.join(os.fspath(docs_dir), *uri.split("/"))
        where = path_problem(uri, reserved, urls)
        if where:
            problems.append(Diagnostic(shown(path), 1, 1, ERROR, "", where))
        if uri.endswith(".md"):
            page = read_page(path, uri, shown(path))
            pages[uri] = page
            problems += page.diagnostics
    return pages, problems
