"""Entry bodies: Markdown to safe HTML, the way the forge's preview shows them, cached on disk.

Authors check their entry in the pull request's preview, so the site renders the body with the
same dialect: CommonMark with tables and strikethrough (markdown-it-py), raw HTML allowed and
then sanitised (nh3). Bodies come from pull requests, so the sanitiser is the security boundary:
no script or style, no event handlers, only http(s)/mailto links, no `id`/`name` (a body must
not clobber the page's own elements), iframes only from allow-listed video hosts.

Rendering is the costliest step of a cold build (about 1 ms per body), so results are kept in a
disk cache keyed by a hash of the renderer version and the input: a rebuild renders only the
bodies that changed.

No MkDocs import here: the adapter and `katalog preview` share this module.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import sqlite3
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

RENDER_VERSION = "1"
"""Bump when the output for the same input changes: it invalidates every cached body."""

# --- sanitising ---------------------------------------------------------------------------------

IFRAME_HOSTS = frozenset({
    "www.youtube-nocookie.com",
    "youtube-nocookie.com",
    "www.youtube.com",
    "youtube.com",
    "player.vimeo.com",
})
"""Hosts whose https embeds may appear in a body (video players); every other iframe is dropped."""

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "del": {"datetime"},
    "ins": {"datetime"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
_IFRAME_ATTRIBUTES = {"src", "width", "height", "title", "allow", "allowfullscreen", "loading", "referrerpolicy"}
_SCHEMES = {"http", "https", "mailto"}
_DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "textarea", "select", "object", "embed",
                      "svg", "math"}
_EMPTY_IFRAME = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.DOTALL)


def _iframe_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in IFRAME_HOSTS:
            return None
    return value


@cache
def _cleaner(with_iframes: bool) -> nh3.Cleaner:
    tags = set(_TAGS)
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    options = {}
    if with_iframes:
        tags.add("iframe")
        attributes["iframe"] = set(_IFRAME_ATTRIBUTES)
        options["attribute_filter"] = _iframe_filter
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=attributes,
        url_schemes=_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        filter_style_properties={"text-align"},
        **options,
    )


def sanitize(html: str) -> str:
    """HTML that is safe to put in a page of ours, whatever the author wrote."""
    if "<iframe" in html.lower():
        return _EMPTY_IFRAME.sub("", _cleaner(True).clean(html))
    return _cleaner(False).clean(html)


# --- Markdown -----------------------------------------------------------------------------------


def _link_target(url: str, base: str) -> str:
    """Where a relative link of the body points on the site.

    `base` is the folder of the entry file below the docs dir ("innovations/jawa-timur"); the
    page is at /inovasi/<id>/, two levels below the site root. A link to another entry's `.md`
    file becomes its page; other relative files (images) are served from where they sit in the
    docs dir. Absolute URLs, anchors and site-absolute paths are left alone.
    """
    if not url or url.startswith(("#", "/")) or urlsplit(url).scheme:
        return url
    path, sep, fragment = url.partition("#")
    path = path.split("?", 1)[0]
    if path.endswith(".md"):
        stem = posixpath.basename(path)[:-3]
        return f"../{stem}/" + (sep + fragment if fragment else "")
    joined = posixpath.normpath(posixpath.join(base, path)) if base else path
    if joined.startswith("..") or not base:
        return url
    return "../../" + joined + (sep + fragment if fragment else "")


def _shift_headings(tokens: list) -> None:
    """The page has its own h1 (the title): a body that uses `#` is moved one level down."""
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels or min(levels) > 1:
        return
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _rewrite_links(tokens: list, base: str) -> None:
    for token in tokens:
        if token.type == "inline" and token.children:
            for child in token.children:
                if child.type == "link_open":
                    child.attrSet("href", _link_target(str(child.attrGet("href") or ""), base))
                elif child.type == "image":
                    child.attrSet("src", _link_target(str(child.attrGet("src") or ""), base))


def render_markdown(text: str, base: str = "") -> str:
    """The body as sanitised HTML; `base` is the entry file's folder below the docs dir."""
    md = _markdown()
    env: dict = {}
    tokens = md.parse(text, env)
    _shift_headings(tokens)
    _rewrite_links(tokens, base)
    return sanitize(md.renderer.render(tokens, md.options, env))


# --- the disk cache -----------------------------------------------------------------------------


def cache_key(text: str, base: str = "") -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{RENDER_VERSION}\0{base}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class BodyCache:
    """Rendered bodies in one SQLite file, keyed by `cache_key` (which includes the renderer
    version, so a new renderer simply misses and old rows are pruned).

    One file rather than one per body: a warm rebuild reads 32,000 bodies in about a second,
    and worker processes can read and write it at once (WAL). Each process opens its own
    connection on first use. `path=None` disables the cache. A cache that cannot be opened or
    written only costs time: the body is rendered anyway.
    """

    def __init__(self, path: Path | str | None) -> None:
        self.path = str(path) if path else None
        self._conn: sqlite3.Connection | None = None
        self._pid = 0

    def _db(self) -> sqlite3.Connection | None:
        if self.path is None:
            return None
        if self._conn is None or self._pid != os.getpid():
            try:
                os.makedirs(os.path.dirname(self.path) or ".", exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL) WITHOUT ROWID")
            except (OSError, sqlite3.Error):
                self.path = None
                return None
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def get_many(self, keys: list[str]) -> dict[str, str]:
        db = self._db()
        if db is None or not keys:
            return {}
        found: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i: i + 500]
                marks = ",".join("?" * len(part))
                found.update(db.execute(f"SELECT key, html FROM bodies WHERE key IN ({marks})", part))
        except sqlite3.Error:
            return found
        return found

    def put_many(self, items: list[tuple[str, str]]) -> None:
        db = self._db()
        if db is None or not items:
            return
        try:
            db.execute("BEGIN IMMEDIATE")
            db.executemany("INSERT OR REPLACE INTO bodies (key, html) VALUES (?, ?)", items)
            db.execute("COMMIT")
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass

    def render(self, text: str, base: str = "") -> str:
        key = cache_key(text, base)
        html = self.get_many([key]).get(key)
        if html is None:
            html = render_markdown(text, base)
            self.put_many([(key, html)])
        return html

    def prune(self, keep: Iterable[str]) -> int:
        """Delete the bodies this build did not use; returns how many."""
        db = self._db()
        if db is None:
            return 0
        try:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY) WITHOUT ROWID")
            db.execute("BEGIN IMMEDIATE")
            db.execute("DELETE FROM temp.keep")
            db.executemany("INSERT OR IGNORE INTO temp.keep VALUES (?)", ((k,) for k in keep))
            removed = db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM temp.keep)").rowcount
            db.execute("COMMIT")
            return max(0, removed)
        except sqlite3.Error:
            try:
                db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            return 0

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None
