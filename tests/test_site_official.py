"""The sample site as an official, shareable public site: an Indonesian footer naming the
publisher, its contact and the data licence (from mkdocs.yml), an Indonesian 404 page with
search, no English left from the theme or tools, Open Graph cards, robots.txt, a print
stylesheet, and the licence in the open data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator import exports

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("resmi")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795392000")
        patch.delenv("SITE_URL", raising=False)
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out)))
    return out


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _publisher() -> dict:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"!ENV \[[^\]]*\]", '""', text)  # MkDocs' tag, not plain YAML
    return yaml.safe_load(text)["extra"]["katalog"]


class _Text(HTMLParser):
    """What a visitor reads or hears: text outside script/style/template, and the attributes a
    browser shows or reads out (aria-label, title, placeholder, alt, value of buttons)."""

    SKIP = {"script", "style", "template", "svg"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.depth += 1
        for name, value in attrs:
            if value and name in ("aria-label", "title", "placeholder", "alt"):
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if not self.depth and data.strip():
            self.parts.append(data.strip())


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(parser.parts)


ENGLISH = ["Made with", "Material for MkDocs", "Not found", "Search", "Previous", "Next", "Skip to content",
           "Table of contents", "Back to top", "Edit this page", "View source", "Copy to clipboard", "Header",
           "Footer", "Navigation", "Type to start searching", "Initializing search", "No matching documents",
           "Share", "Clear", "Go to repository", "Last update", "Initial commit", "Results"]


@pytest.mark.site
def test_no_english_from_the_theme_or_tools_in_the_interface(site: Path) -> None:
    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 30
    found = []
    for page in pages:
        if page.parts[len(site.parts)] == "cari":
            continue
        for match in pattern.finditer(visible_text(page.read_text(encoding="utf-8"))):
            found.append(f"{page.relative_to(site)}: {match.group()}")
    assert found == []


def _footer(html: str) -> str:
    footer = html[html.index('<footer class="md-footer katalog-kaki"'):]
    return footer[: footer.index("</footer>")]


@pytest.mark.site
def test_the_footer_names_the_publisher_contact_and_licence_from_mkdocs_yml(site: Path) -> None:
    katalog = _publisher()
    penerbit, lisensi = katalog["penerbit"], katalog["lisensi"]
    for path in ("index.html", "statistik/index.html", "404.html"):
        footer = _footer(_read(site, path))
        text = visible_text(footer)
        for value in (penerbit["nama"], penerbit["alamat"], penerbit["email"], penerbit["telepon"], lisensi["nama"]):
            assert value in text, (path, value)
        assert f'href="mailto:{penerbit["email"]}"' in footer
        assert f'href="{lisensi["url"]}" rel="license"' in footer
        assert "Lisensi data" in text and "Penerbit" in text


@pytest.mark.site
def test_an_entry_pages_footer_is_one_line_that_leads_to_the_publishers_address(site: Path) -> None:
    """Entry pages (tens of thousands) carry the licence and the publisher in one line, and a link
    to the publisher's full address and contact in the home page's footer."""
    katalog = _publisher()
    footer = _footer(_read(site, "inovasi/sp4n-lapor/index.html"))
    text = " ".join(visible_text(footer).split())
    assert f'href="{katalog["lisensi"]["url"]}" rel="license">{katalog["lisensi"]["nama"]}</a>' in footer
    assert f'Penerbit: {katalog["penerbit"]["nama"]}' in text
    assert katalog["penerbit"]["alamat"] not in text and "<address" not in footer
    contact = re.search(r'<a href="([^"]+)">alamat dan kontak</a>', footer).group(1)
    assert contact == "../..#kaki-penerbit"  # the home page, at its footer's publisher section
    home = _footer(_read(site, "index.html"))
    address = home[home.index('id="kaki-penerbit"'):]
    for value in ("alamat", "email", "telepon"):
        assert katalog["penerbit"][value] in visible_text(address), value


@pytest.mark.site
def test_the_footer_takes_an_adopters_own_publisher(tmp_path: Path, h) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    h.write_entry(tmp_path / "content", "aceh", "inovasi-uji", judul="Inovasi Uji")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Uji\nsite_url: https://contoh.go.id/\ndocs_dir: content\nsite_dir: site\n"
        f"theme:\n  name: material\n  language: id\n  font: false\n  custom_dir: {ROOT / 'generator' / 'theme'}\n"
        "plugins:\n  - katalog\nextra:\n  katalog:\n    penerbit:\n      nama: Dinas <Kominfo> Aceh\n"
        "      telepon: \"0651 123\"\n    lisensi:\n      nama: ODbL\n      url: https://opendatacommons.org/licenses/odbl/\n",
        encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1780358400")
        build(load_config(config_file=str(tmp_path / "mkdocs.yml")))
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "Dinas &lt;Kominfo&gt; Aceh" in html and "<Kominfo>" not in html  # escaped
    assert 'href="tel:0651123"' in html and ">ODbL</a>" in html and "CC BY" not in html
    # …and the open data and its page state the adopter's licence, not the default.
    data = json.loads((tmp_path / "site/api/inovasi.json").read_text(encoding="utf-8"))
    assert data["lisensi"]["nama"] == "ODbL"
    page = (tmp_path / "site/data-terbuka/index.html").read_text(encoding="utf-8")
    assert "ODbL" in page and "CC BY 4.0" not in page


@pytest.mark.site
def test_the_404_page_is_indonesian_and_offers_search(site: Path) -> None:
    html = _read(site, "404.html")
    text = visible_text(html)
    assert "Halaman tidak ditemukan" in text and "<title>Halaman tidak ditemukan" in html
    form = re.search(r'<form[^>]*role="search"[^>]*action="([^"]*)"[^>]*method="get"', html)
    assert form and form.group(1).endswith("/jelajahi/")
    assert re.search(r'<input id="galat-q" name="q" type="search"', html)
    assert '<label for="galat-q">Cari inovasi</label>' in html


class _Titles(HTMLParser):
    """Every <title> element of a document and what it says (an SVG's own <title> aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.titles: list[str] = []
        self._svg = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._svg += tag == "svg"
        if tag == "title" and not self._svg:
            self.titles.append("")
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        self._svg -= tag == "svg" and self._svg > 0
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles[-1] += data


@pytest.mark.site
def test_every_page_and_the_404_page_have_exactly_one_title(site: Path) -> None:
    """Once the 404 page had two: Material's and ours. Every page of the built sample site, the
    404 page first, holds one <title>, and the 404 page's says what happened."""
    pages = [site / "404.html", *sorted(p for p in site.rglob("*.html") if p.name != "404.html")]
    for path in pages:
        parser = _Titles()
        parser.feed(path.read_text(encoding="utf-8"))
        assert len(parser.titles) == 1, (path.relative_to(site), parser.titles)
    parser = _Titles()
    parser.feed(_read(site, "404.html"))
    assert parser.titles == ["Halaman tidak ditemukan - Katalog Inovasi Pelayanan Publik"]


def _meta(html: str) -> dict[str, str]:
    out = {}
    for _attr, name, content in re.findall(r'<meta (property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html):
        out[name] = content
    return out


@pytest.mark.site
def test_every_page_has_a_sharing_card(site: Path) -> None:
    pages = [p for p in site.rglob("*.html") if "cari" not in p.parts]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = _meta(html)
        assert meta.get("og:title") and meta.get("og:image") and meta.get("twitter:card") == "summary_large_image", page
        assert meta["og:image"] == "https://example.go.id/katalog/assets/images/katalog-berbagi.png"
        assert meta.get("og:type") and meta.get("og:site_name") == "Katalog Inovasi Pelayanan Publik"
        # An entry's card, written 32,000 times, leaves what every entry's card shares or a
        # crawler reads elsewhere: the locale to its <html lang> (id), the image's size, type and
        # alt to the one image file, og:url to the canonical link and og:description to the
        # description (WhatsApp, Facebook, Telegram and LinkedIn read them so).
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        if page.parent.parent.name == "inovasi":
            assert '<html lang="id">' in html and not {"og:locale", "og:image:width", "og:url", "og:description"} & set(meta)
            assert canonical and re.search(r'<meta name="description" content="[^"]+">', html), page
        else:
            assert meta.get("og:locale") == "id_ID"
            assert meta["og:image:width"] == "1200" and meta["og:image:height"] == "630"
            if page.name != "404.html":
                assert meta["og:url"] == canonical.group(1) and meta.get("og:description"), page
    assert (site / "assets/images/katalog-berbagi.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.site
def test_an_entry_card_shows_its_title_and_summary(site: Path) -> None:
    meta = _meta(_read(site, "inovasi/sp4n-lapor/index.html"))
    assert meta["og:type"] == "article"
    assert meta["og:title"].startswith("SP4N-LAPOR!")
    html = _read(site, "inovasi/sp4n-lapor/index.html")
    # The card's description is the page's (sharing cards read it when og:description is absent).
    assert re.search(r'<meta name="description" content="LAPOR! \(Layanan Aspirasi dan Pengaduan Online Rakyat\)', html)
    assert '<link rel="canonical" href="https://example.go.id/katalog/inovasi/sp4n-lapor/">' in html
    home = _meta(_read(site, "index.html"))
    assert home["og:type"] == "website" and home["og:title"] == "Katalog Inovasi Pelayanan Publik"


@pytest.mark.site
def test_robots_txt_points_at_the_sitemap(site: Path) -> None:
    robots = _read(site, "robots.txt")
    assert robots.splitlines()[0] == "User-agent: *"
    assert "Sitemap: https://example.go.id/katalog/sitemap.xml" in robots.splitlines()
    assert "{" not in robots and (site / "sitemap.xml").is_file()


@pytest.mark.unit
def test_an_entry_prints_as_a_clean_document() -> None:
    css = (ROOT / "generator/theme/assets/stylesheets/katalog.css").read_text(encoding="utf-8")
    start = css.index("@media print", css.index("/* --- print: an entry"))
    block = css[start:]
    for hidden in (".md-header", ".md-sidebar", ".md-footer", ".katalog-cari", ".md-content__button"):
        assert hidden in block.split("display: none")[0], hidden
    assert 'content: " (" attr(href) ")"' in block


@pytest.mark.site
def test_the_open_data_names_its_licence(site: Path) -> None:
    page = _read(site, "data-terbuka/index.html")
    assert 'Lisensi: <a href="https://creativecommons.org/licenses/by/4.0/deed.id" rel="license">CC BY 4.0</a>' in page
    header = json.loads(_read(site, "api/inovasi.json"))
    assert header["lisensi"] == {"nama": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/deed.id"}
    assert "<rights>Data dapat digunakan ulang dengan lisensi CC BY 4.0" in _read(site, "api/terbaru.xml")


@pytest.mark.unit
def test_the_licence_is_configurable() -> None:
    assert exports.licence_from(None) == exports.DEFAULT_LICENCE
    assert exports.licence_from({"katalog": {"lisensi": {"nama": "CC BY 4.0"}}}).url == exports.DEFAULT_LICENCE.url
    own = exports.licence_from({"katalog": {"lisensi": {"nama": "CC0 1.0", "url": "https://creativecommons.org/publicdomain/zero/1.0/"}}})
    assert own == exports.Licence("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/")
    assert exports.licence_from({"katalog": {"lisensi": {"nama": "Lisensi Daerah"}}}).url is None
