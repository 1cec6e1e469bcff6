"""Entry bodies: Markdown to safe HTML, the way the forge's preview shows them, cached on disk.

Authors check their entry in the pull request's preview, so the site renders the body with the
same dialect: CommonMark with tables and strikethrough (markdown-it-py), raw HTML allowed and
then sanitised (nh3). Bodies come from pull requests, so the sanitiser is the security boundary:
no script or style, no event handlers, only http(s)/mailto links, no `id`/`name` (a body must
not clobber the page's own elements), no off-site images (they would tell a third party who
reads the page: they become plain links), iframes only from privacy-preserving video players
and only with the attributes we set.

Bounded work: Markdown parsing and HTML tree building (html5ever inside nh3) are slow or
quadratic on some inputs (deeply nested or misnested tags, unclosed formatting elements that
the HTML parser re-opens again and again). Before anything expensive runs, the body is checked
against a few limits (`MAX_*`): its size and amount of markup before Markdown parsing, then,
on the rendered HTML, a linear pass that re-tokenises it into a canonical form (no comments,
no raw-text elements: exactly what nh3 will see) while modelling the HTML parser's stack,
counting elements and depth. A body over a limit is not rendered as-is: the page shows a
notice instead. `body_problems` reports the same limits (and the privacy problems) with body
line numbers, so validation refuses such an entry before the build has to.

Rendering is the costliest step of a cold build (about 1 ms per body), so results are kept in a
disk cache keyed by a hash of the renderer version, the sanitising policy, the library versions
and the input: a rebuild renders only the bodies that changed.

No MkDocs import here: the adapter and `katalog preview` share this module.
"""

from __future__ import annotations

import bisect
import hashlib
import html as htmllib
import json
import os
import posixpath
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import cache
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

from .urls import address_in_text, has_user_info, normalise, same_site

RENDER_VERSION = "3"
"""Bump when the output for the same input changes: it invalidates every cached body."""

# --- limits -------------------------------------------------------------------------------------
# The worst body within these limits renders in well under a second (measured: see the tests).

MAX_BODY_CHARS = 200_000
"""Characters in a body (a long entry is a few thousand)."""
MAX_BODY_LINES = 5_000
"""Lines in a body: markdown-it spends up to ~40 µs on each."""
MAX_MARKUP_CHARS = 5_000
"""Characters that start Markdown/HTML constructs (`MARKUP_CHARS`): up to ~20 µs each."""
MARKUP_CHARS = "[]!*_`~<>|&\\"
MAX_QUOTED_BRACKETS = 20
"""Quoted lines (`> [`) that start with a bracket: markdown-it-py's reference-definition rule is
quadratic in their number times the length of the quote."""
MAX_DEPTH = 32
"""Elements open inside each other (lists in quotes in tables…), as the HTML parser sees them."""
MAX_ELEMENTS = 10_000
"""Elements the HTML parser would build, counting the ones it re-opens by itself."""

# --- sanitising policy --------------------------------------------------------------------------

IFRAME_PLAYERS = (
    ("www.youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
)
"""Where an iframe may point: https, this host, a path below this prefix. Only players that do
not set tracking cookies before the reader presses play."""
IFRAME_ALLOW = "fullscreen; picture-in-picture; encrypted-media"
IFRAME_SANDBOX = "allow-scripts allow-same-origin allow-presentation allow-popups"
IFRAME_REFERRER = "strict-origin"
"""The player learns the site, not the page. (YouTube refuses to play without any referrer.)"""
_IFRAME_FIXED = {"allow": IFRAME_ALLOW, "sandbox": IFRAME_SANDBOX, "referrerpolicy": IFRAME_REFERRER,
                 "loading": "lazy", "allowfullscreen": ""}

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
_IFRAME_ATTRIBUTES = {"src", "title", "width", "height", *_IFRAME_FIXED}
_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "noopener noreferrer nofollow"
_STYLE_PROPERTIES = {"text-align"}
_DROP_WITH_CONTENT = {"script", "style", "noscript", "template", "textarea", "select", "object", "embed",
                      "svg", "math", "title", "xmp", "noembed", "noframes", "plaintext", "iframe"}
"""Dropped with everything inside (an allowed iframe is rebuilt, its inner text dropped)."""


def _policy() -> dict:
    """Everything that decides the sanitised output, for the cache key."""
    return {
        "tags": sorted(_TAGS), "attributes": {k: sorted(v) for k, v in sorted(_ATTRIBUTES.items())},
        "iframe": [list(p) for p in IFRAME_PLAYERS], "iframe_attributes": sorted(_IFRAME_ATTRIBUTES),
        "iframe_fixed": _IFRAME_FIXED, "schemes": sorted(_SCHEMES), "rel": _LINK_REL,
        "style": sorted(_STYLE_PROPERTIES), "drop": sorted(_DROP_WITH_CONTENT), "markup": MARKUP_CHARS,
        "limits": [MAX_BODY_CHARS, MAX_BODY_LINES, MAX_MARKUP_CHARS, MAX_QUOTED_BRACKETS, MAX_DEPTH, MAX_ELEMENTS],
    }


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


@cache
def _fingerprint() -> bytes:
    """Renderer version, policy and library versions: a change to any of them re-renders."""
    data = {"render": RENDER_VERSION, "policy": _policy(),
            "markdown-it-py": _version("markdown-it-py"), "nh3": _version("nh3")}
    return hashlib.blake2b(json.dumps(data, sort_keys=True).encode(), digest_size=16).digest()


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _clean_url(value: str) -> str:
    """The URL as a browser reads it: entities decoded (by the caller), tabs, newlines and spaces
    dropped, backslashes as slashes."""
    return _URL_NOISE.sub("", value).replace("\\", "/")


def is_offsite(url: str) -> bool:
    """Would the browser fetch this (decoded) image address from another site?"""
    url = _clean_url(url)
    return url.startswith("//") or bool(_SCHEME.match(url))


_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


def player_url(url: str) -> str | None:
    """The address an iframe may load, as the browser will request it: an allow-listed player
    (https, its host, no port or user, the path its prefix and one video id after it), judged
    after the address is normalised (`urls.normalise`: percent-decoding, `.` and `..` segments),
    never on the text as written; None for anything else."""
    address = normalise(url)
    if address is None or address.scheme != "https" or address.port is not None:
        return None
    for host, prefix in IFRAME_PLAYERS:
        if (address.host == host and address.path.startswith(prefix)
                and _VIDEO_ID.fullmatch(address.path[len(prefix):])):
            return address.url()
    return None


_DIMENSION = re.compile(r"\d{1,4}%?")


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    """nh3's last word on URLs that fetch something: the canonical pass already rewrote them,
    this holds even for HTML that did not go through it."""
    if tag == "img" and attribute == "src":
        return None if is_offsite(value) else value
    if tag == "a" and attribute == "href":
        return None if has_user_info(value) else value
    if tag == "iframe":
        if attribute == "src":
            return player_url(value)
        if attribute in _IFRAME_FIXED:
            return _IFRAME_FIXED[attribute]
        if attribute in ("width", "height"):
            return value if _DIMENSION.fullmatch(value) else None
    return value


@cache
def _cleaner() -> nh3.Cleaner:
    tags = _TAGS | {"iframe"}
    attributes = {tag: set(names) for tag, names in _ATTRIBUTES.items()}
    attributes["iframe"] = set(_IFRAME_ATTRIBUTES)
    return nh3.Cleaner(
        tags=tags,
        clean_content_tags=_DROP_WITH_CONTENT - {"iframe"},
        attributes=attributes,
        url_schemes=_SCHEMES,
        link_rel=_LINK_REL,
        strip_comments=True,
        filter_style_properties=_STYLE_PROPERTIES,
        attribute_filter=_attribute_filter,
    )


# --- the canonical pass: bounded, and what nh3 will see -----------------------------------------

_VOID = {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
         "keygen", "link", "meta", "param", "source", "track", "wbr"}
_FORMATTING = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"}
_MARKERS = {"applet", "caption", "marquee", "object", "td", "th", "template"}
_SCOPE = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"}
_BUTTON_SCOPE = _SCOPE | {"button"}
_LIST_SCOPE = _SCOPE | {"ol", "ul"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CLOSES_P = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
             "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol",
             "p", "search", "section", "summary", "ul", "pre", "listing", "form", "table", "hr", "li", "dd",
             "dt", *_HEADINGS}
_SPECIAL = _CLOSES_P | _SCOPE | {"area", "base", "body", "br", "col", "colgroup", "embed", "frameset", "head",
                                 "iframe", "img", "input", "link", "meta", "param", "source", "tbody",
                                 "tfoot", "thead", "tr", "track", "wbr", "button"}
_NO_RECONSTRUCT = {"caption", "col", "colgroup", "tbody", "td", "tfoot", "th", "thead", "tr", "iframe", "textarea",
                   "noembed", "noscript", "math", "svg"}
_RAW_TEXT = {"script", "style", "noscript", "textarea", "title", "xmp", "noembed", "noframes", "iframe"}

_MARKUP = re.compile(r"<(?:!--(?:-?>|.*?(?:--!?>|\Z))"        # comment (also <!--> and <!--->)
                     r"|[!?][^>]*+>?"                          # doctype, bogus comment
                     r"|/(?![A-Za-z])[^>]*+>?"                 # </> or </ x>
                     r"|(/?)([A-Za-z][^\t\n\f\r />]*+)"        # tag name
                     r"((?>[^>=]++|=[\t\n\f\r ]*+(?>\"[^\"]*+\"?|'[^']*+'?|[^\t\n\f\r >]*+))*+)(>?))",
                     re.S)
_ATTRIBUTE = re.compile(r"([^\t\n\f\r />][^\t\n\f\r />=]*+)"
                        r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"([^\"]*+)\"?|'([^']*+)'?|([^\t\n\f\r >]*+)))?")
_ATTRIBUTE_NAME = re.compile(r"[a-z][a-z0-9_.:-]*")


class Problem(Exception):
    """A limit the body goes over: the position in the HTML and the message."""

    def __init__(self, offset: int, message: str) -> None:
        super().__init__(message)
        self.offset, self.message = offset, message


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _shown(url: str) -> str:
    url = "".join(c if c.isprintable() else "?" for c in url[:120])
    return url + ("…" if len(url) >= 120 else "")


MSG_DEPTH = (f"Isi entri bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat daftar, kutipan atau tag HTML "
             "di dalam tag lain), sehingga tidak dapat ditampilkan. Kurangi tingkatnya dan tutup setiap tag HTML.")
MSG_ELEMENTS = (f"Isi entri menghasilkan terlalu banyak elemen HTML (lebih dari {_thousands(MAX_ELEMENTS)}), "
                "sehingga tidak dapat ditampilkan. Sederhanakan isinya dan tutup setiap tag HTML yang dibuka.")


def _msg_image(url: str) -> str:
    return (f"Gambar dari situs lain tidak ditampilkan ({_shown(url)}): gambar dari luar memberi tahu situs itu "
            "siapa yang membaca halaman ini. Unggah gambarnya ke repositori di samping berkas entri dan pakai "
            "alamat relatif, misalnya ![keterangan](foto.png), atau jadikan tautan biasa.")


def _msg_iframe(url: str) -> str:
    where = f" ({_shown(url)})" if url else " (tanpa alamat)"
    return (f"Sematan <iframe>{where} tidak ditampilkan: hanya video dari https://www.youtube-nocookie.com/embed/… "
            "dan https://player.vimeo.com/video/… yang boleh disematkan. Untuk yang lain, pakai tautan biasa.")


class _Item:
    """An element on the modelled stack; a formatting element is also in the active list."""

    __slots__ = ("name", "formatting", "open")

    def __init__(self, name: str, formatting: bool) -> None:
        self.name, self.formatting, self.open = name, formatting, True


class _Tree:
    """A cheap model of the HTML5 tree builder (html5ever, inside nh3), enough to bound its work.

    It keeps the stack of open elements and the list of active formatting elements, follows
    the implied closings that matter (a block closes an open `p`, `li` closes `li`, …) and, like
    the parser, re-opens formatting elements that were closed implicitly before new content (the
    source of output far larger than the input). Every element the parser would build is
    counted; depth is the stack's height. It errs on counting more. Each step costs at most
    `MAX_DEPTH`, so the pass is linear."""

    def __init__(self) -> None:
        self.stack: list[_Item] = []
        self.active: list[_Item | None] = []  # None: a marker (cells, captions…)
        self.names: dict[str, int] = {}
        self.count = 0
        self.offset = 0

    def _add(self, n: int = 1) -> None:
        self.count += n
        if self.count > MAX_ELEMENTS:
            raise Problem(self.offset, MSG_ELEMENTS)

    def _push(self, item: _Item) -> None:
        self._add()
        if len(self.stack) >= MAX_DEPTH:
            raise Problem(self.offset, MSG_DEPTH)
        self.stack.append(item)
        self.names[item.name] = self.names.get(item.name, 0) + 1

    def _pop(self) -> _Item:
        item = self.stack.pop()
        self.names[item.name] -= 1
        item.open = False
        if item.name in _MARKERS:
            while self.active:
                if self.active.pop() is None:
                    break
        return item

    def _pop_through(self, name: str) -> None:
        while self.stack and self._pop().name != name:
            pass

    def _in_scope(self, name: str, stop: set[str] = _SCOPE) -> bool:
        if not self.names.get(name):
            return False
        for item in reversed(self.stack):
            if item.name == name:
                return True
            if item.name in stop:
                return False
        return False

    def _reconstruct(self) -> None:
        active = self.active
        if not active or active[-1] is None or active[-1].open:
            return
        i = len(active) - 1
        while i > 0 and active[i - 1] is not None and not active[i - 1].open:
            i -= 1
        for j in range(i, len(active)):
            item = _Item(active[j].name, True)
            self._push(item)
            active[j] = item

    def _last_active(self, name: str) -> int | None:
        for i in range(len(self.active) - 1, -1, -1):
            item = self.active[i]
            if item is None:
                return None
            if item.name == name:
                return i
        return None

    def text(self) -> None:
        self._reconstruct()

    def start(self, name: str) -> None:
        if name not in _CLOSES_P and name not in _NO_RECONSTRUCT:
            self._reconstruct()
        if name in _CLOSES_P and self._in_scope("p", _BUTTON_SCOPE):
            self._pop_through("p")
        if name == "li" and self._in_scope("li", _LIST_SCOPE):
            self._pop_through("li")
        elif name in ("dd", "dt"):
            for other in ("dd", "dt"):
                if self._in_scope(other):
                    self._pop_through(other)
        elif name in _HEADINGS and self.stack and self.stack[-1].name in _HEADINGS:
            self._pop()
        elif name in ("a", "nobr") and self._last_active(name) is not None:
            self.end(name)
        if name in _VOID:
            self._add()
            return
        item = _Item(name, name in _FORMATTING)
        self._push(item)
        if item.formatting:
            self.active.append(item)
        elif name in _MARKERS:
            self.active.append(None)

    def end(self, name: str) -> None:
        if name in _FORMATTING:
            i = self._last_active(name)
            if i is not None:
                item = self.active[i]
                del self.active[i]
                if item is not None and item.open:
                    above = len(self.stack) - 1 - self.stack.index(item)
                    self._add(min(24, above))  # the adoption agency clones what it re-parents
                    self._pop_through_item(item)
                return
        if name == "p" and not self._in_scope("p", _BUTTON_SCOPE):
            self._add()  # the parser inserts an empty p
        elif name == "br":
            self._add()  # </br> is read as <br>
        elif name in _HEADINGS:
            for item in reversed(self.stack):
                if item.name in _HEADINGS:
                    self._pop_through(item.name)
                    break
                if item.name in _SCOPE:
                    break
        elif name in _SPECIAL:
            if self._in_scope(name, _LIST_SCOPE if name == "li" else _SCOPE):
                self._pop_through(name)
        elif self.names.get(name):
            for item in reversed(self.stack):
                if item.name == name:
                    self._pop_through(name)
                    break
                if item.name in _SPECIAL:
                    break

    def _pop_through_item(self, target: _Item) -> None:
        while self.stack and self._pop() is not target:
            pass


def _attributes(text: str) -> list[tuple[str, str]]:
    """(lowercase name, raw value) pairs, first of each name, only well-formed names."""
    seen: dict[str, str] = {}
    for m in _ATTRIBUTE.finditer(text):
        name = m.group(1).lower()
        if name not in seen and _ATTRIBUTE_NAME.fullmatch(name):
            raw = m.group(2) if m.group(2) is not None else m.group(3) if m.group(3) is not None else m.group(4) or ""
            seen[name] = raw.replace('"', "&quot;")
    return list(seen.items())


def _tag(name: str, attributes: Iterable[tuple[str, str]]) -> str:
    return "<" + name + "".join(f' {key}="{value}"' for key, value in attributes) + ">"


def _find_end(html: str, name: str, pos: int) -> int:
    """Where the end tag `</name` closing a raw-text element starts (len(html) if none)."""
    m = re.compile(r"</" + re.escape(name) + r"[\t\n\f\r />]", re.I).search(html, pos)
    return m.start() if m else len(html)


_ACTIVE = frozenset({"script", "style", "meta", "link", "base", "form", "input", "button", "textarea", "select",
                     "option", "object", "embed", "applet", "frame", "frameset", "svg", "math", "template",
                     "noscript", "portal", "head", "title", "html", "body", "dialog", "xmp", "plaintext",
                     "noembed", "noframes", "param", "source", "track", "audio", "video", "canvas", "slot"})
"""Elements that act rather than show (run code, style or redirect the page, send a form, load
something): the sanitiser drops them, and validation names each one, since a reviewer reading
the diff on the forge does not see them."""
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "background", "data",
                             "srcset", "xlink:href", "ping", "longdesc", "usemap", "manifest"})
_SAFE_SCHEMES = ("http", "https", "mailto")


def _active_attribute(name: str, value: str) -> str | None:
    """Why an attribute acts (an event handler, a script address), or None."""
    if name.startswith("on"):
        return f"atribut {name} (skrip)"
    if name in ("style", "srcdoc", "formaction"):
        return f"atribut {name}"
    if name in _URL_ATTRIBUTES:
        scheme = _SCHEME.match(_clean_url(htmllib.unescape(value)))
        if scheme and scheme.group()[:-1].lower() not in _SAFE_SCHEMES:
            return f"alamat {scheme.group()}…"
    return None


def _msg_active(what: str) -> str:
    return (f"Isi memuat {what} yang tidak diizinkan: situs membuangnya. Halaman di katalog hanya boleh "
            "berisi teks, tautan, gambar dan tabel; hapus bagian ini.")


def _msg_user_info(url: str) -> str:
    return (f"Tautan {_shown(url)} memuat nama pengguna sebelum alamat situsnya (bagian sebelum '@'): alamat "
            "seperti ini menyamarkan situs tujuan, jadi tidak ditampilkan sebagai tautan. Tulis alamat situs "
            "tujuannya langsung.")


def _msg_text_address(text: str, url: str) -> str:
    return (f"Teks tautan tampak seperti alamat {_shown(text)}, tetapi tautannya menuju {_shown(url)}: "
            "pembaca akan mengira membuka situs lain. Jadikan alamat tujuan itu sendiri sebagai teks tautan, "
            "atau pakai teks biasa.")


class _Link:
    """An open `<a>` of the canonical pass: where its text starts in the output."""

    __slots__ = ("start", "href", "offset", "tags")

    def __init__(self, start: int, href: str, offset: int) -> None:
        self.start, self.href, self.offset, self.tags = start, href, offset, False


def canonical(html: str, report: Callable[[int, str], None] | None = None, *, active: bool = False) -> str:
    """The HTML re-tokenised the way an HTML5 parser tokenises it, and written back in a form
    with no ambiguity: tags with double-quoted attributes, text with no stray `<`, no comments,
    no raw-text or foreign elements (dropped with their content, as the sanitiser would). The
    tree model counts elements and depth on the way: over a limit, `Problem` is raised.

    Off-site images become links (text: the alt text or the address), iframes become ours (an
    allow-listed player, at its normalised address, with our attributes) or disappear, links
    with user information lose their address, and a link whose text reads as another site's
    address shows its real address instead: `report(offset, message)` hears of each, and of
    every element or attribute that acts (`_ACTIVE`, event handlers, script addresses) when
    `active`, which nh3 then drops. nh3 sanitises this output, seeing exactly the tokens the
    model counted.
    """
    tree = _Tree()
    out: list[str] = []
    link: _Link | None = None
    pos, size = 0, len(html)
    while pos < size:
        lt = html.find("<", pos)
        if lt < 0:
            lt = size
        if lt > pos:
            tree.offset = pos
            tree.text()
            out.append(html[pos:lt])
        if lt >= size:
            break
        tree.offset = lt
        m = _MARKUP.match(html, lt)
        name = m.group(2) if m else None
        if name is None:  # comment, doctype, bogus: dropped; a lone '<' is text
            if m is None:
                tree.text()
                out.append("&lt;")
                pos = lt + 1
            else:
                pos = m.end()
            continue
        pos = m.end()
        if not m.group(4):  # a tag cut off by the end of the body: the parser drops it
            continue
        name = name.lower()
        if name == "image":
            name = "img"
        if m.group(1):  # end tag
            if name not in _DROP_WITH_CONTENT:
                if name == "a" and link is not None:
                    _close_link(link, out, report)
                    link = None
                elif link is not None:
                    link.tags = True
                tree.end(name)
                out.append(f"</{name}>")
            continue
        if report and active and name in _ACTIVE:
            report(lt, _msg_active(f"tag <{name}>"))
        if name in _DROP_WITH_CONTENT:
            attributes = dict(_attributes(m.group(3))) if name == "iframe" else {}
            if name in _RAW_TEXT:
                end = _find_end(html, name, pos)
                pos = end
            elif name not in _VOID:
                depth, finder = 1, re.compile(r"<(/?)" + re.escape(name) + r"[\t\n\f\r />]", re.I)
                while depth:
                    found = finder.search(html, pos)
                    if not found:
                        pos = size
                        break
                    depth += -1 if found.group(1) else 1
                    pos = html.find(">", found.end() - 1)
                    pos = size if pos < 0 else pos + 1
            if name == "iframe":
                src = htmllib.unescape(attributes.get("src", ""))
                address = player_url(src) if attributes.get("src") else None
                if address is not None:
                    tree.start("iframe")
                    tree.end("iframe")
                    keep = [("src", htmllib.escape(address))]
                    keep += [(k, attributes[k]) for k in ("title", "width", "height") if k in attributes
                             and (k not in ("width", "height") or _DIMENSION.fullmatch(attributes[k]))]
                    if "title" not in attributes:
                        keep.append(("title", "Video"))
                    out.append(_tag("iframe", keep + list(_IFRAME_FIXED.items())) + "</iframe>")
                elif report:
                    report(lt, _msg_iframe(src))
            continue
        attributes = _attributes(m.group(3))
        if report and active and name not in _ACTIVE:
            for key, value in attributes:
                why = _active_attribute(key, value)
                if why and not (key == "style" and name in ("td", "th")):
                    report(lt, _msg_active(why))
        if name == "img":
            values = dict(attributes)
            src = htmllib.unescape(values.get("src", ""))
            if is_offsite(src):
                if report:
                    report(lt, _msg_image(src))
                text = htmllib.escape(htmllib.unescape(values.get("alt", "")).strip() or src)
                tree.text()
                if tree.names.get("a"):
                    out.append(text)
                else:
                    tree.start("a")
                    tree.end("a")
                    out.append(_tag("a", [("href", htmllib.escape(src))]) + text + "</a>")
                continue
        if name == "a":
            href = htmllib.unescape(dict(attributes).get("href", ""))
            if href and has_user_info(href):
                if report:
                    report(lt, _msg_user_info(href))
                attributes = [(k, v) for k, v in attributes if k != "href"]
                href = ""
            if link is not None:
                _close_link(link, out, report)  # a new link closes the one before (the parser does)
            tree.start(name)
            out.append(_tag(name, attributes))
            link = _Link(len(out), href, lt)
            continue
        if link is not None:
            link.tags = True
        tree.start(name)
        out.append(_tag(name, attributes))
    if link is not None:
        _close_link(link, out, report)
    return "".join(out)


def _close_link(link: _Link, out: list[str], report: Callable[[int, str], None] | None) -> None:
    """At the end of a link's text: when the text reads as a web address that is not where the
    link goes, the link shows where it goes (its text is replaced by its address), or, when its
    text holds markup, loses its address."""
    if not link.href:
        return
    text = htmllib.unescape("".join(out[link.start:]))
    host = address_in_text(text)
    if host is None or same_site(host, link.href):
        return
    if report:
        report(link.offset, _msg_text_address(text, link.href))
    if link.tags:
        tag = out[link.start - 1]
        out[link.start - 1] = "<a>" if tag.startswith("<a") else tag
    else:
        out[link.start:] = [htmllib.escape(link.href)]


def sanitize(html: str) -> str:
    """HTML that is safe to put in a page of ours, whatever the author wrote."""
    try:
        return _cleaner().clean(canonical(html))
    except Problem as problem:
        return _notice(problem.message)


_NOTICE_HEAD = '<p class="katalog-isi-ditolak"><strong>Isi entri ini tidak ditampilkan.</strong> '
_NOTICE_TAIL = "</p>\n"


def _notice(message: str) -> str:
    return f"{_NOTICE_HEAD}{htmllib.escape(message)}{_NOTICE_TAIL}"


MAX_CACHED_CHARS = 4 * MAX_BODY_CHARS
"""A cached body longer than this is not ours (escaping can grow a body, not fourfold)."""


def from_cache(html: str) -> str | None:
    """A body read back from the disk cache, made safe again: the cache is a file anyone who can
    write the build's cache dir (a restored CI cache) may have changed, so what it holds goes
    through the sanitiser again, its work bounded as for a body (`sanitize`). A notice is
    written anew from its text. None for what cannot be a cached body (then it is rendered)."""
    if not isinstance(html, str) or len(html) > MAX_CACHED_CHARS:
        return None
    if html.startswith(_NOTICE_HEAD) and html.endswith(_NOTICE_TAIL):
        return _notice(htmllib.unescape(html[len(_NOTICE_HEAD):-len(_NOTICE_TAIL)]))
    return sanitize(html)


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


_LINK_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)|^ {0,3}\[[^\]\n]+\]:[ \t]*<?(\S*)", re.MULTILINE)
_INLINE_DESTINATION = re.compile(r"\]\(\s*<?([^)\s>]*)")
"""`_LINK_DESTINATION`'s first half alone: what it finds in a text without "]:" (where its second
half, a link definition, matches nowhere), found as fast as a literal ("](") is searched."""
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_HEADING_TAG = re.compile(r"<(/?)h([1-6])>")

def _fast_html(text: str) -> str | None:
    """markdown-it's HTML of an entry's body, made by its Rust port (markdown-it-pyrs, by the
    same maintainers: the same rules, about twelve times faster), for a body whose HTML needs
    nothing of the token pass of `_html_with_lines`: within the limits by its lines alone, no
    raw HTML, no image, no link that could lie (`_links_plainly_fine`) and no relative link to
    rewrite. None for any other body (the full pass renders it). Its headings are moved down
    a level as `_shift_headings` moves them; an empty quote is written as markdown-it-py writes
    it; and a body with a tab, a quote's lazy continuation or a table the two read differently
    (`_tables_plain`) takes the full pass: the differences between the two renderers a property
    test found. Byte for byte what the full pass gives: a property
    test holds the two together (tests/test_render.py), and so did 2,000 corpus bodies."""
    if ("\t" in text or (">" in text and _lazy_quote(text)) or not _plainly_within_limits(text)
            or not _links_plainly_fine(text) or not _tables_plain(text)):
        return None
    targets = ([inline or defined for inline, defined in _LINK_DESTINATION.findall(text)] if "]:" in text
               else _INLINE_DESTINATION.findall(text))
    for target in targets:
        if target and not target.startswith(("#", "/")) and not _SCHEME.match(target):
            return None
    html = _fast_markdown().render(text).replace("<blockquote>\n</blockquote>", "<blockquote></blockquote>")
    if "<h1>" in html:
        html = _HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + 1)}>", html)
    return html


# The quote markers a line starts with (`> > a` has two), and a quote marker after a list item's.
_QUOTE_MARKERS = re.compile(r" {0,3}>(?: {0,4}>)*")
_QUOTE_IN_ITEM = re.compile(r"^ *(?:[-+*]|\d{1,9}[.)]) +>", re.MULTILINE)


def _lazy_quote(text: str) -> bool:
    """Whether a line of text follows a quote's line with fewer quote markers than it (`> a`
    then `b`, or `> > a` then `> b`): a lazy continuation, which the two renderers end
    differently when that line could open a list; or whether a quote sits in a list item, where
    the same can happen. Such bodies take the full pass. (Tabs, which the two expand differently
    inside quotes, send a body to the full pass too.)"""
    if _QUOTE_IN_ITEM.search(text):
        return True
    depth = 0
    for line in text.split("\n"):
        if not line.strip():
            depth = 0
            continue
        marks = _QUOTE_MARKERS.match(line)
        here = marks.group().count(">") if marks else 0
        if here < depth:
            return True
        depth = here
    return False
_DASHES = re.compile(r"[ \t>]*\|?[ \t]*:?-[-:| \t>]*")


def _tables_plain(text: str) -> bool:
    """Whether the body's tables are ones markdown-it-py and its Rust port read alike: under each
    row of dashes that has a pipe, or that stands under a line with one, a header line starting
    with a pipe, itself after a blank line (or first), no quote marker in the row, and rows that
    each start with a pipe up to a blank line or the end. (A table
    that follows a quote's or a paragraph's line with no blank line between, or a row of dashes
    without a pipe under a line with one, is read differently: such bodies take the full pass.)"""
    if "|" not in text:
        return True
    lines = text.split("\n")
    for i, row in enumerate(lines):
        if "-" not in row or not _DASHES.fullmatch(row):
            continue
        header = lines[i - 1] if i else ""
        if "|" not in row and "|" not in header:
            continue  # a rule or a heading's underline: read alike
        if "|" not in row or ">" in row or not header.startswith("|") or (i >= 2 and lines[i - 2].strip()):
            return False
        for after in lines[i + 1:]:
            if not after.strip():
                break
            if not after.startswith("|"):
                return False  # a line that may end the table or be its row: read differently
    return True


@cache
def _fast_markdown():  # noqa: ANN202 - markdown_it_pyrs.MarkdownIt, imported only when used
    import markdown_it_pyrs

    return markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])


@cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _rewrite_links(tokens: list, base: str, link: Callable[[str], str] | None = None,
                   problems: list[tuple[int, str]] | None = None) -> None:
    """Relative links and images to where they are on the site (`link`, or `_link_target`), and
    the two ways a Markdown link can lie: an address with user information (the link keeps
    its text, loses its address) and a text that reads as another site's address (the text
    becomes the real address). Each lie goes to `problems` as (body line, message)."""
    target = link or (lambda url: _link_target(url, base))
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] + 1 if token.map else 1
        children = token.children
        for index, child in enumerate(children):
            if child.type == "link_open":
                href = str(child.attrGet("href") or "")
                if href and has_user_info(href):
                    if problems is not None:
                        problems.append((line, _msg_user_info(href)))
                    child.attrs.pop("href", None)
                    continue
                child.attrSet("href", target(href))
                _check_link_text(children, index, href, line, problems)
            elif child.type == "image":
                child.attrSet("src", target(str(child.attrGet("src") or "")))


def _check_link_text(children: list, start: int, href: str, line: int,
                     problems: list[tuple[int, str]] | None) -> None:
    """A link whose text reads as a web address goes to that address: if not, its text becomes
    the address it does go to (and the author hears of it)."""
    inner: list = []
    for child in children[start + 1:]:
        if child.type == "link_close":
            break
        inner.append(child)
    if not inner or any(child.type not in ("text", "softbreak") for child in inner):
        text = "".join(child.content for child in inner if child.type == "text")
        plain = False
    else:
        text, plain = "".join(child.content for child in inner), True
    host = address_in_text(text)
    if host is None or same_site(host, href):
        return
    if problems is not None:
        problems.append((line, _msg_text_address(text, href)))
    if plain:
        inner[0].content = href
        for child in inner[1:]:
            child.content = ""
            child.type = "text"
    else:
        children[start].attrs.pop("href", None)


_MARKUP_CHAR = re.compile("[" + re.escape(MARKUP_CHARS) + "]")
_QUOTED_BRACKET = re.compile(r"^[ \t]*+(?:(?:[-*+]|\d{1,9}[.)])[ \t]++)*+(?:>[ \t]*+)++\[", re.M)


def _size_problem(text: str) -> tuple[int, str] | None:
    """The first limit checked before Markdown parsing that the body goes over: (line, message).
    Cheap (str.count runs in C), so checked before anything slow."""
    if len(text) > MAX_BODY_CHARS:
        return (text.count("\n", 0, MAX_BODY_CHARS) + 1,
                f"Isi entri terlalu panjang: {_thousands(len(text))} karakter, paling banyak "
                f"{_thousands(MAX_BODY_CHARS)}. Ringkas isinya dan tautkan dokumen lengkapnya.")
    lines = text.count("\n") + 1
    if lines > MAX_BODY_LINES:
        return (MAX_BODY_LINES + 1, f"Isi entri terlalu panjang: {_thousands(lines)} baris, paling banyak "
                                    f"{_thousands(MAX_BODY_LINES)}. Ringkas isinya dan tautkan dokumen lengkapnya.")
    if _marks(text) > MAX_MARKUP_CHARS:
        for n, m in enumerate(_MARKUP_CHAR.finditer(text)):
            if n == MAX_MARKUP_CHARS:
                return (text.count("\n", 0, m.start()) + 1,
                        f"Isi entri memuat terlalu banyak tanda format (lebih dari {_thousands(MAX_MARKUP_CHARS)} "
                        f"karakter {' '.join(MARKUP_CHARS)}), sehingga tidak dapat ditampilkan. "
                        "Sederhanakan format isinya.")
    for n, m in enumerate(_QUOTED_BRACKET.finditer(text) if ">" in text and "[" in text else ()):
        if n == MAX_QUOTED_BRACKETS:
            return (text.count("\n", 0, m.start()) + 1,
                    f"Terlalu banyak baris kutipan (>) yang diawali '[' (lebih dari {MAX_QUOTED_BRACKETS}), "
                    "sehingga isi tidak dapat ditampilkan. Pindahkan definisi tautan [label]: alamat ke luar kutipan.")
    return None


_CONTAINERS = re.compile(r"[ \t]*(?:(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))[ \t]*)*")


_BRACKETED = re.compile(r"\[([^\[\]\n]*)\]")
_NESTED = re.compile(r"\[[^\]\n]*\[")
_INLINE_MARKS = str.maketrans("", "", "*_`~\\")  # emphasis, code and escapes: the words stay
_USER_IN_ADDRESS = (re.compile(r"://[^\s)\]>\"']*@"), re.compile(r"\]\(\s*<?[^)\s]*@"))
"""A user before a host, in an address or in a link's destination: two patterns, each searched
as fast as its literal start ("://", "](") is, and only in a text with an "@"."""


def _links_plainly_fine(text: str) -> bool:
    """Whether no link of the body can have a problem, read from its text alone: no address with
    a user before its host, and no bracketed text that reads as an address (`address_in_text`)
    or nests brackets. A superset of what rendering reports, never fewer: a body that passes
    skips rendering, which costs a millisecond a body and most bodies have a link."""
    if "[" not in text:
        return True
    if ("@" in text and any(p.search(text) for p in _USER_IN_ADDRESS)) or _NESTED.search(text):
        return False
    return not any(address_in_text(found.translate(_INLINE_MARKS)) for found in _BRACKETED.findall(text))


def _plainly_within_limits(text: str) -> bool:
    """Whether the body surely stays within the depth and element limits and holds no raw HTML
    and no image, read from its lines alone (no Markdown parsing): most bodies, which then
    skip the full check, since rendering costs about a millisecond and validation sees 32,000.

    An upper bound, never an estimate: a line opens at most two elements per character of its
    container prefix (indentation, `>`, `-`, `1.`), three of its own (paragraph or heading, line
    break, table row; a table adds four levels), and inline elements only between a pair of
    markup characters (`*…*`, `[…]`, backticks)."""
    if "<" in text or "![" in text:
        return False
    # The markup characters of each line, and nothing else: one pass in C over the bytes.
    return _lines_within_limits(text.split("\n"), text.encode("utf-8", "surrogatepass").translate(None, _NOT_MARKS))


def _lines_within_limits(lines: list[str], kept: bytes) -> bool:
    """`_plainly_within_limits` from the body's lines and its markup characters (`_NOT_MARKS`
    deleted from its UTF-8 bytes, line breaks kept), as `_plainly_fine` has them already."""
    nesting = [2 * len(line[:_CONTAINERS.match(line).end()].expandtabs(4))  # type: ignore[union-attr]
               for line in lines if line[:1] in _PREFIX_START]
    marks = len(kept) - len(lines) + 1
    if 3 * len(lines) + sum(nesting) + marks > MAX_ELEMENTS:
        return False
    deepest = max(nesting, default=0) + 8
    if deepest + marks // 2 <= MAX_DEPTH:
        return True
    return deepest + max(map(len, kept.split(b"\n"))) // 2 <= MAX_DEPTH


_PREFIX_START = frozenset(" \t>-*+0123456789")
_MARK_BYTES = MARKUP_CHARS.encode()
_NOT_MARKS = bytes(b for b in range(256) if b not in _MARK_BYTES and b != ord("\n"))


def _marks(text: str) -> int:
    """How many markup characters `text` holds (all ASCII: counted on the UTF-8 bytes, where
    deleting a set of characters runs in C, several times faster than on the text)."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _MARK_BYTES))


def _html_with_lines(text: str, base: str, *, link: Callable[[str], str] | None = None, shift: bool = True,
                     problems: list[tuple[int, str]] | None = None) -> tuple[str, Callable[[int], int]]:
    """The body rendered by markdown-it (not yet sanitised), and a map from an offset in that
    HTML to the body line it comes from. The links' problems go to `problems`."""
    md = _markdown()
    env: dict = {}
    tokens = md.parse(text, env)
    if shift:
        _shift_headings(tokens)
    _rewrite_links(tokens, base, link, problems)
    renderer, options = md.renderer, md.options
    parts: list[str] = []
    starts: list[int] = []
    lines: list[int] = []
    offset, line = 0, 1
    for i, token in enumerate(tokens):
        if token.map:
            line = token.map[0] + 1
        if token.type == "inline":
            part = renderer.renderInline(token.children or [], options, env)
        elif token.type in renderer.rules:
            part = renderer.rules[token.type](tokens, i, options, env)
        else:
            part = renderer.renderToken(tokens, i, options, env)
        if part:
            parts.append(part)
            starts.append(offset)
            lines.append(line)
            offset += len(part)

    def line_of(at: int) -> int:
        k = max(0, bisect.bisect_right(starts, at) - 1)
        if not parts:
            return 1
        within = parts[k][: at - starts[k]]
        return lines[k] + within.count("\n")

    return "".join(parts), line_of


def render_markdown(text: str, base: str = "", *, link: Callable[[str], str] | None = None,
                    shift_headings: bool = True) -> str:
    """The body as sanitised HTML; `base` is the entry file's folder below the docs dir.

    A body over one of the limits (see `body_problems`) is not rendered: a notice says why.
    A page of the site's own (not an entry) gives `link`, which maps each relative address of
    the page to where it points on the site, and keeps its headings (`shift_headings=False`:
    its `#` title is the page's h1)."""
    size = _size_problem(text)
    if size:
        return _notice(size[1])
    fast = _fast_html(text) if link is None and shift_headings else None
    if fast is not None:
        return _cleaner().clean(fast)
    html, _ = _html_with_lines(text, base, link=link, shift=shift_headings)
    if _plainly_within_limits(text):
        # No `<` and no image in the body, and within the limits by its lines alone: the HTML
        # is markdown-it's own tags and escaped text, which `canonical` would write back as it
        # is (checked on 4,000 corpus bodies: byte-identical). nh3 still sanitises it. Saves
        # 0.7 ms of the 0.9 a body's sanitising costs: most bodies, 32,000 times a cold build.
        return _cleaner().clean(html)
    return sanitize(html)


_IMG_SRC = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def local_images(text: str, base: str = "") -> list[str]:
    """The files of the docs dir a body shows as images (`![…](foto.png)`, `<img src=…>`), as
    paths below the docs dir (`base`: the folder of the file the body is in), in order, each
    once: what the site publishes of the images in `content/`."""
    if "![" not in text and ("<" not in text or "<img" not in text.lower()) or _size_problem(text):
        return []
    sources: list[str] = []
    for token in _markdown().parse(text, {}):
        if token.type in ("html_block", "html_inline"):
            sources += [next(g for g in m.groups() if g is not None) for m in _IMG_SRC.finditer(token.content)]
        for child in token.children or ():
            if child.type == "image":
                sources.append(str(child.attrGet("src") or ""))
            elif child.type == "html_inline":
                sources += [next(g for g in m.groups() if g is not None) for m in _IMG_SRC.finditer(child.content)]
    found: dict[str, None] = {}
    for src in sources:
        src = _clean_url(htmllib.unescape(src))
        if not src or is_offsite(src) or src.startswith(("/", "#")):
            continue
        path = unquote(src.split("#", 1)[0].split("?", 1)[0])
        joined = posixpath.normpath(posixpath.join(base, path))
        if not joined.startswith(("..", "/")) and joined != ".":
            found[joined] = None
    return list(found)


def title_of(text: str) -> str | None:
    """The plain text of the first level-1 heading (`# …` or underlined with `===`), if any: the
    title of a page of the site's own that gives none in its front matter."""
    if _size_problem(text) or "#" not in text and "=" not in text:
        return None
    tokens = _markdown().parse(text, {})
    for index, token in enumerate(tokens[:-1]):
        if token.type == "heading_open" and token.tag == "h1":
            inline = tokens[index + 1]
            words = "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline"))
            return " ".join(words.split()) or None
    return None


MAX_REPORTED = 20
"""Problems of one kind reported per body; the rest are counted in one more message."""


def _plainly_fine(text: str) -> bool:
    """Whether `body_problems` surely finds nothing, read the way it reads most bodies but more
    cheaply: the tests of `_size_problem`, `_plainly_within_limits` and `_links_plainly_fine`,
    with the body encoded once (its markup characters counted once for two of them) and the
    quoted lines that start with '[' bounded by a count (each such line holds a '>' and a '[' of
    its own, so there are no more of them than of either). False only means: look closer."""
    if len(text) > MAX_BODY_CHARS or "<" in text or "![" in text:
        return False
    newlines = text.count("\n")
    if newlines >= MAX_BODY_LINES:
        return False
    if ">" in text and "[" in text and min(text.count(">"), text.count("[")) > MAX_QUOTED_BRACKETS:
        return False
    kept = text.encode("utf-8", "surrogatepass").translate(None, _NOT_MARKS)
    if len(kept) - newlines > MAX_MARKUP_CHARS:
        return False
    return _lines_within_limits(text.split("\n"), kept) and _links_plainly_fine(text)


def body_problems(text: str, *, active: bool = False) -> list[tuple[int, str]]:
    """What in this body the site would not show as written: (1-based body line, message in
    Indonesian), in body order.

    The limits are the ones `render_markdown` applies (the same code): a body with no problem
    here renders in bounded time and as written, except for what the sanitiser removes without
    comment in an entry (scripts, event handlers, unsafe links; with `active`, for the site's
    own pages, each of those is reported too: elements and attributes that act, `<meta>`,
    `<style>`, forms, event handlers, script addresses). Reported as well: images from other
    sites (shown as links), iframes that are not allow-listed players (dropped), links with user
    information (no longer links) and links whose text reads as another site's address (their
    text becomes the real address). Linear in the body's size."""
    if _plainly_fine(text):
        return []  # within the limits by its lines alone, no HTML, no link that could be wrong
    size = _size_problem(text)
    if size:
        return [size]
    plain = _plainly_within_limits(text)
    if plain and _links_plainly_fine(text):
        return []
    links: list[tuple[int, str]] = []
    html, line_of = _html_with_lines(text, "", problems=links)
    found: list[tuple[int, str]] = []
    per_kind: dict[str, int] = {}

    def add(line: int, message: str) -> None:
        kind = message.split(" ", 1)[0]
        per_kind[kind] = per_kind.get(kind, 0) + 1
        if per_kind[kind] <= MAX_REPORTED:
            found.append((line, message))

    for line, message in links:
        add(line, message)
    if not plain:
        try:
            canonical(html, lambda offset, message: add(line_of(offset), message), active=active)
        except Problem as problem:
            found.append((line_of(problem.offset), problem.message))
    extra = sum(n - MAX_REPORTED for n in per_kind.values() if n > MAX_REPORTED)
    if extra:
        found.append((found[-1][0], f"… dan {_thousands(extra)} masalah serupa lainnya."))
    return sorted(found, key=lambda item: item[0])


# --- the disk cache -----------------------------------------------------------------------------


def cache_key(text: str, base: str = "") -> str:
    digest = hashlib.blake2b(digest_size=20)
    digest.update(_fingerprint())
    digest.update(f"\0{RENDER_VERSION}\0{base}\0".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


_BODIES = "CREATE TABLE bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL)"
"""The body cache's one table: a rowid table, its rows appended in the order they are put, with
the key in an index of its own. (It was a `WITHOUT ROWID` table, keyed by the key itself, until
issue 27: its rows, 7.6 KB on average, are far above the twentieth of a page below which SQLite
advises one, and each one went to a random place of the table's tree. Measured in one process,
64,000 rows of 7.6 KB put 64 at a time: 90 to 120 µs of CPU a row, growing with the table,
against 35 to 47 µs now, and a quarter of the time waiting for the disk.)"""


def _schema(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'bodies'").fetchone()
    return row[0] if row else None


def _make_table(conn: sqlite3.Connection) -> None:
    """The table as `_BODIES` makes it; a table of another shape (an older cache's) dropped, its
    bodies rendered again. In one write transaction, so that two writers opening the file at
    once do not both drop and make it."""
    with _writing(conn):
        schema = _schema(conn)
        if schema != _BODIES:
            if schema is not None:
                conn.execute("DROP TABLE bodies")
            conn.execute(_BODIES)


@contextmanager
def _writing(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction (`BEGIN IMMEDIATE`: the file's write lock taken at once, so two
    processes never both start one and then wait on each other), committed, or rolled back when
    SQLite refuses a step; the error is raised again for the caller to say what it costs."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
        conn.execute("COMMIT")
    except sqlite3.Error:
        try:
            conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass
        raise


class BodyCache:
    """Rendered bodies in one SQLite file, keyed by `cache_key` (which includes the renderer
    version, so a new renderer simply misses and old rows are pruned). What it gives back has
    been sanitised again on the way out (`from_cache`): the file is input like any other.

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
                if _schema(conn) != _BODIES:
                    _make_table(conn)
            except (OSError, sqlite3.Error):
                self.path = None
                return None
            self._conn, self._pid = conn, os.getpid()
        return self._conn

    def get_many(self, keys: list[str]) -> dict[str, str]:
        db = self._db()
        if db is None or not keys:
            return {}
        rows: dict[str, str] = {}
        try:
            for i in range(0, len(keys), 500):
                part = keys[i: i + 500]
                marks = ",".join("?" * len(part))
                rows.update(db.execute(f"SELECT key, html FROM bodies WHERE key IN ({marks})", part))
        except sqlite3.Error:
            pass
        # Never published as read: see `from_cache`.
        found: dict[str, str] = {}
        for key, html in rows.items():
            safe = from_cache(html)
            if safe is not None:
                found[key] = safe
        return found

    def put_many(self, items: list[tuple[str, str]]) -> None:
        db = self._db()
        if db is None or not items:
            return
        try:
            with _writing(db):
                db.executemany("INSERT OR REPLACE INTO bodies (key, html) VALUES (?, ?)", items)
        except sqlite3.Error:
            pass

    def prune(self, keep: Iterable[str]) -> int:
        """Delete the bodies this build did not use; returns how many."""
        db = self._db()
        if db is None:
            return 0
        try:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep (key TEXT PRIMARY KEY) WITHOUT ROWID")
            with _writing(db):
                db.execute("DELETE FROM temp.keep")
                db.executemany("INSERT OR IGNORE INTO temp.keep VALUES (?)", ((k,) for k in keep))
                removed = db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM temp.keep)").rowcount
            return max(0, removed)
        except sqlite3.Error:
            return 0

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None
