"""No English of the theme or the tools in the interface: every page of the built sample site, its
visible text and the attributes a visitor perceives (`title`, `aria-label`, `alt`, `placeholder`,
button values, `<title>`, the card a shared link shows), holds none of the interface strings of
Material for MkDocs, MkDocs or Pagefind in English. What an entry brings (its body in
`.katalog-uraian`, its title, summary and other fields) may quote English and is left out.

The English strings are Material's own list (`partials/languages/en.html`): a test below fails
when Material adds a string this file has not sorted, so the list never falls behind."""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MATERIAL_EN = "material/templates/partials/languages/en.html"

# Material's English interface strings (en.html, by key), as a visitor would meet them; "#" is a number.
MATERIAL = {
    "action.edit": "Edit this page",
    "action.skip": "Skip to content",
    "action.view": "View source of this page",
    "announce.dismiss": "Don't show this again",
    "blog.archive": "Archive",
    "blog.authors": "Authors",
    "blog.categories": "Categories",
    "blog.continue": "Continue reading",
    "blog.draft": "Draft",
    "blog.index": "Back to index",
    "blog.references": "Related links",
    "clipboard.copy": "Copy to clipboard",
    "clipboard.copied": "Copied to clipboard",
    "consent.accept": "Accept",
    "consent.manage": "Manage settings",
    "consent.reject": "Reject",
    "footer": "Footer",
    "footer.next": "Next",
    "footer.previous": "Previous",
    "header": "Header",
    "meta.comments": "Comments",
    "meta.source": "Source",
    "nav": "Navigation",
    "readtime.one": "min read",
    "readtime.other": "min read",
    "rss.created": "RSS feed",
    "rss.updated": "RSS feed of updated content",
    "search": "Search",
    "search.placeholder": "Search",
    "search.share": "Share",
    "search.reset": "Clear",
    "search.result.initializer": "Initializing search",
    "search.result.placeholder": "Type to start searching",
    "search.result.none": "No matching documents",
    "search.result.one": "matching document",
    "search.result.other": "matching documents",
    "search.result.more.one": "more on this page",
    "search.result.more.other": "more on this page",
    "search.result.term.missing": "Missing",
    "select.language": "Select language",
    "select.version": "Select version",
    "source": "Go to repository",
    "source.file.contributors": "Contributors",
    "source.file.date.created": "Created",
    "source.file.date.updated": "Last update",
    "tabs": "Tabs",
    "toc": "Table of contents",
    "top": "Back to top",
}
# Keys of en.html that are no interface words: settings, or a word Indonesian writes the same.
MATERIAL_NOT_WORDS = {
    "language", "direction", "search.config.lang", "search.config.pipeline", "search.config.separator",
    "blog.categories.in",  # "in": too short to tell from a name
    "blog.meta",           # "Metadata": the same word in Indonesian
}
# MkDocs' own theme and Material's footer and 404, Pagefind's default interface (pagefind-ui:
# its English translations), and the words every English interface has.
OTHERS = [
    "Made with", "Material for MkDocs", "Built with", "Powered by", "Not found", "404 - Not found",
    "Page not found", "Home", "Previous page", "Next page",
    "Search this site", "Load more results", "No results for", "Zero results", "results for",
    "Searching for", "Filters", "Clear search", "Show more", "Read more", "Loading", "Close",
    "Open menu", "Sort by", "Results",
]
ENGLISH = sorted(set(MATERIAL.values()) | set(OTHERS), key=len, reverse=True)
_ENGLISH_RE = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in ENGLISH) + r")(?![\w-])", re.IGNORECASE)

# What a visitor perceives besides the text: these attributes, a button's value, the shared card.
ATTRIBUTES = ("title", "aria-label", "aria-description", "aria-roledescription", "aria-valuetext", "alt",
              "placeholder", "label")
SHARED_META = {"description", "og:title", "og:description", "og:site_name", "og:image:alt", "twitter:title",
               "twitter:description", "twitter:image:alt"}
SKIPPED = {"script", "style", "template"}  # code and styles, not text (a <noscript> is shown: kept)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s",
          "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"}


class _Perceived(HTMLParser):
    """The pieces of a page a visitor reads or hears: runs of text between block boundaries, and
    the perceivable attributes, each with where it was found. Skips `<script>`, `<style>` and the
    subtree of any element with the class `katalog-uraian` (an entry's body)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[str, str]] = []
        self._text: list[str] = []
        self._skip: tuple[str, int] | None = None  # (tag, nesting) of the skipped subtree
        self._where = "?"
        self._closed = False  # the tag being read closes itself (<path/>)

    def _flush(self) -> None:
        text = " ".join("".join(self._text).split())
        if text:
            self.pieces.append((self._where, text))
        self._text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self._skip:
            if tag == self._skip[0] and tag not in VOID:
                self._skip = (tag, self._skip[1] + 1)
            return
        if tag not in INLINE:
            self._flush()
        if tag in SKIPPED or "katalog-uraian" in a.get("class", "").split():
            if tag not in VOID:
                self._skip = (tag, 1)
            return
        if tag not in VOID and not self._closed:
            self._where = f"<{tag}{' class=' + a['class'] if a.get('class') else ''}>"
        for name in ATTRIBUTES:
            if a.get(name):
                self.pieces.append((f"<{tag} {name}>", a[name]))
        if tag == "input" and a.get("type") in ("submit", "reset", "button") and a.get("value"):
            self.pieces.append(("<input value>", a["value"]))
        if tag == "meta" and (a.get("name") in SHARED_META or a.get("property") in SHARED_META):
            self.pieces.append((f"<meta {a.get('name') or a.get('property')}>", a.get("content", "")))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._closed = True
        self.handle_starttag(tag, attrs)
        self._closed = False
        if self._skip and self._skip[0] == tag and tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if tag not in INLINE:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def perceived(page: str) -> list[tuple[str, str]]:
    parser = _Perceived()
    parser.feed(page)
    parser.close()
    return parser.pieces


def entry_strings(value: object) -> Iterator[str]:
    """Every text an entry brings (its open-data record), whitespace collapsed."""
    if isinstance(value, str):
        text = " ".join(value.split())
        if len(text) >= 3:
            yield text
    elif isinstance(value, dict):
        for item in value.values():
            yield from entry_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from entry_strings(item)


def english_in(pieces: list[tuple[str, str]], entries: list[str]) -> list[str]:
    """The English interface strings in the pieces, once the entries' own words are taken out.

    A long piece (three words or more) that is part of an entry's text is the entry's (a summary
    shortened on a card). Inside a longer piece, an entry's text is cut out as whole words (a
    title in a heading, "Tentang <title>"), if it has two words or more. A short piece is never
    waved through because some entry happens to contain it: a "Search" button stays found though
    an entry says "Search"."""
    found: list[str] = []
    entries = [e for e in entries if len(e.split()) >= 2]
    cut = [re.compile(r"(?<![\w-])" + re.escape(e) + r"(?![\w-])") for e in entries]
    for where, text in pieces:
        text = " ".join(html.unescape(text).split())
        bare = text.rstrip("…. ")
        if len(bare.split()) >= 3 and any(bare in e for e in entries):
            continue
        for e, pattern in zip(entries, cut, strict=True):
            if e in text:
                text = pattern.sub(" ", text)
        for match in _ENGLISH_RE.finditer(text):
            found.append(f"{where}: “{match.group(0)}” in “{text[:120]}”")
    return found


# --- the scanner itself --------------------------------------------------------------------------

@pytest.mark.unit
def test_material_english_strings_are_all_sorted() -> None:
    """Every string of Material's en.html is in MATERIAL (checked) or named as no interface word,
    so a new Material string cannot slip past this file."""
    import material

    source = (Path(material.__file__).parent.parent / MATERIAL_EN).read_text(encoding="utf-8")
    strings = dict(re.findall(r'^\s*"([\w.]+)": "((?:[^"\\]|\\.)*)",?$', source, re.M))
    assert len(strings) > 40, "en.html's format changed: read it anew"
    unsorted = set(strings) - set(MATERIAL) - MATERIAL_NOT_WORDS
    assert not unsorted, f"Material strings this test does not know yet: {sorted(unsorted)}"
    for key, english in MATERIAL.items():
        assert english in strings[key].replace("\\'", "'").replace("# ", "").replace("1 ", ""), key


@pytest.mark.unit
def test_the_scanner_finds_english_outside_the_entries() -> None:
    page = """<html lang="id"><head><title>Search - Situs</title>
      <meta property="og:title" content="Beranda"><meta name="description" content="Made with love"></head>
      <body><a class="md-skip" href="#isi">Skip to <b>content</b></a>
      <button title="Back to top">Kembali ke atas</button><input type="search" placeholder="Type to start searching">
      <nav aria-label="Table of contents"></nav><img alt="Footer logo" src="x.png">
      <input type="submit" value="Next"><p>Lihat <a href="#">Go to repository</a></p>
      <section class="katalog-uraian"><section><p>Search and Home in the body</p></section>
        <p>Next</p></section>
      <h1>Home Care Dottorota Makassar</h1><p>Tentang Home Care Dottorota Makassar: Previous</p>
      <p class="katalog-kartu__ringkasan">Layanan home care untuk lansia, Search &amp; Rescue dan</p>
      <button type="button">Search</button><p>Kembali ke Bali</p>
      <script>const label = "Search";</script></body></html>"""
    entries = ["Home Care Dottorota Makassar", "bali", "Search",
               "Layanan home care untuk lansia, Search & Rescue dan ambulans gratis 24 jam."]
    found = english_in(perceived(page), entries)
    words = [f.split("“")[1].split("”")[0] for f in found]
    assert words == ["Search", "Made with", "Skip to content", "Back to top", "Type to start searching",
                     "Table of contents", "Footer", "Next", "Go to repository", "Previous", "Search"], found


# --- the sample site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
        patch.setenv("KATALOG_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out)))
    return out


def _entries(site: Path) -> list[str]:
    """The texts of every entry, from the open data: each entry's own file (complete) and the list."""
    records = [json.loads(f.read_text(encoding="utf-8")) for f in sorted((site / "api/inovasi").glob("*.json"))]
    assert records, "the sample site has no entries"
    records.append(json.loads((site / "api/inovasi.json").read_text(encoding="utf-8"))["inovasi"])
    return sorted(set(entry_strings(records)), key=len, reverse=True)


@pytest.mark.site
def test_no_english_interface_words_on_any_page(sample_site: Path) -> None:
    entries = _entries(sample_site)
    pages = sorted(sample_site.rglob("*.html"))
    kinds = {p.relative_to(sample_site).parts[0] for p in pages}
    # every page type: home and 404, entries, Jelajahi and listings, statistics and quality, the rest
    assert {"index.html", "404.html", "inovasi", "jelajahi", "statistik", "kriteria", "data-terbuka",
            "kontribusi"} <= kinds, kinds
    found: list[str] = []
    for path in pages:
        page = path.read_text(encoding="utf-8")
        rel = path.relative_to(sample_site)
        assert re.search(r'<html[^>]*\slang="id"', page), f"{rel}: the page is not marked Indonesian"
        found += [f"{rel} {f}" for f in english_in(perceived(page), entries)]
    assert not found, f"English in the interface ({len(found)}):\n" + "\n".join(found[:60])


@pytest.mark.site
def test_pages_name_their_interface_in_indonesian(sample_site: Path) -> None:
    """The words Material would print in English are there in Indonesian: the scan above reads
    the places where they stand, not an empty page."""
    for page in ("index.html", "jelajahi/jawa-timur/index.html", "statistik/index.html"):
        texts = {text for _, text in perceived((sample_site / page).read_text(encoding="utf-8"))}
        assert {"Kembali ke atas", "Navigasi"} <= texts, page
    home = {text for _, text in perceived((sample_site / "index.html").read_text(encoding="utf-8"))}
    assert {"Lewati ke isi", "Kode sumber"} <= home
    assert "Halaman tidak ditemukan" in (sample_site / "404.html").read_text(encoding="utf-8")


# --- what scripts write: Jelajahi with a query and its facets open, in the browser ----------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/jelajahi/?q=sampah", "/jelajahi/?q=zzzzqqq", "/jelajahi/?provinsi=jawa-timur"])
def test_no_english_in_what_the_scripts_write(sample_site: Path, path: str) -> None:
    """jelajahi.js writes the results, their counts and the status line; Material's
    script adds its buttons. The page as shown after they ran holds no English either."""
    chromium = "/usr/bin/chromium"
    assert Path(chromium).exists(), "browser tests need Debian's chromium: `make test` installs it as root"
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(sample_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--headless", "--no-sandbox", "--disable-gpu"])
            # bypass_csp: wait_for_function evaluates its predicate, which the site's CSP refuses
            page = browser.new_context(viewport={"width": 390, "height": 900}, is_mobile=True, bypass_csp=True).new_page()
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}")
            status = page.locator("[data-status]")
            page.wait_for_function("() => !document.querySelector('[data-status]').textContent.includes('Memuat')")
            if "provinsi=" in path:  # on a phone the filters stay folded, their line names the choice
                assert page.locator("details.katalog-cari__penyaring summary").inner_text() == "Penyaring: Jawa Timur"
            dom = page.content()
            shown = status.inner_text()
            browser.close()
    finally:
        server.shutdown()
    assert shown.strip(), "the status line is empty"
    found = english_in(perceived(dom), _entries(sample_site))
    assert not found, f"{path}: English in the interface:\n" + "\n".join(found)
