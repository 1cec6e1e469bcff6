"""The home and statistics pages' charts and the provinces' tile map, read from real `mkdocs
build` runs: every chart's numbers are in its data table, no link sits inside an image, the map
has one tile per province linking to its listing with the right count, and an adopter's
`custom_dir` can replace the page templates."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EPOCH, ROOT, page, run_build, text_of

from generator import vocabulary
from generator.pages import charts, tilemap

PROVINCES = [slug for slug in vocabulary.PROVINSI if slug != "nasional"]
# Entries per province in the full catalogue: every province has some, a few more.
EXTRA = {"jawa-timur": 4, "jawa-tengah": 3, "bali": 2, "papua-selatan": 2}
YEARS = (2016, 2018, 2019, 2021, 2023)


# --- a small DOM, enough to ask "what is inside what" -------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else " " + c.text() + " " for c in self.children).split())

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        out = []
        for child in self.children:
            if isinstance(child, Node):
                if ((tag is None or child.tag == tag) and (cls is None or cls in child.classes())
                        and all(child.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())):
                    out.append(child)
                out += child.all(tag, cls, **attrs)
        return out

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, f"{len(found)} × {tag} .{cls} {attrs}"
        return found[0]

    def next_element(self) -> Node | None:
        siblings = [c for c in self.parent.children if isinstance(c, Node)]
        i = siblings.index(self)
        return siblings[i + 1] if i + 1 < len(siblings) else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.at = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def dom(html: str) -> Node:
    builder = _Builder()
    builder.feed(html)
    return builder.root


def article_of(html: str) -> Node:
    return dom(html).one("article")


def table_rows(table: Node) -> list[list[str]]:
    return [[cell.text() for cell in tr.children if isinstance(cell, Node)] for tr in table.one("tbody").all("tr")]


def chart_table(figure: Node) -> Node:
    """The data table that follows a chart: in the "Tabel data" panel right after it."""
    details = figure.next_element()
    assert details is not None and details.tag == "details" and "katalog-data" in details.classes(), figure.attrs
    assert details.one("summary").text().startswith("Tabel data: ")
    table = details.one("table")
    assert table.one("caption").text()
    return table


def angka_int(text: str) -> int:
    return int(text.replace(".", ""))


# --- the tile positions -------------------------------------------------------------------------


@pytest.mark.unit
def test_every_province_has_exactly_one_tile_and_no_two_overlap() -> None:
    raw = yaml.safe_load(tilemap.PLACES.read_text(encoding="utf-8"))
    slugs = [item["slug"] for item in raw]
    assert sorted(slugs) == sorted(PROVINCES) and len(slugs) == len(set(slugs)) == 38
    places = tilemap.places()
    spots = Counter((p.x, p.y) for p in places)
    assert max(spots.values()) == 1, [spot for spot, n in spots.items() if n > 1]
    codes = [p.kode for p in places]
    assert len(set(codes)) == 38 and all(re.fullmatch(r"[A-Z]{2}", c) for c in codes)
    where = {p.slug: (p.x, p.y) for p in places}
    # roughly where they lie: Aceh top left, the Papua provinces furthest right, Java below Sumatra
    assert where["aceh"] == (0, 0)
    assert min(where[s][0] for s in where if s.startswith("papua")) > max(
        x for s, (x, _) in where.items() if not s.startswith("papua"))
    assert where["jawa-timur"][0] > where["jawa-barat"][0] > where["banten"][0]
    assert where["lampung"][1] > where["sumatera-utara"][1]


@pytest.mark.unit
def test_tile_text_contrasts_with_its_colour() -> None:
    for colour in (tilemap.EMPTY, *tilemap.SCALE, *charts.LEVEL_FILLS):
        assert charts.contrast(colour, charts.ink(colour)) >= 7, colour  # WCAG AAA
    assert charts.ink("#ffffff") == "#000000" and charts.ink("#8e1b16") == "#ffffff"


@pytest.mark.unit
@pytest.mark.parametrize("scale", [charts.LEVEL_FILLS, tilemap.SCALE], ids=["tingkat-bukti", "peta"])
def test_more_colour_means_more_and_nothing_reads_as_danger(scale: tuple[str, ...]) -> None:
    """The levels' and the map's colours: darker step by step, and no red, orange or yellow."""
    import colorsys

    hls = [colorsys.rgb_to_hls(*(int(c.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))) for c in scale]
    assert [lightness for _, lightness, _ in hls] == sorted((lightness for _, lightness, _ in hls), reverse=True)
    for colour, (hue, _, saturation) in zip(scale, hls, strict=True):
        assert saturation < 0.15 or 0.5 <= hue <= 0.72, colour  # grey, or a blue (180°–260°)


@pytest.mark.unit
@pytest.mark.parametrize("values", [[0, 0, 0], [5], [1, 1, 1], [1, 2, 3, 4, 5, 6, 7, 8], [1, 1, 2, 90, 3, 0, 400]])
def test_colour_classes_cover_every_count_once(values: list[int]) -> None:
    ranges = tilemap.classes(values)
    assert len(ranges) <= len(tilemap.SCALE)
    for n in values:
        holding = [r for r in ranges if r[0] <= n <= r[1]]
        assert len(holding) == (1 if n else 0), (n, ranges)
    assert all(high + 1 == low for (_, high), (low, _) in zip(ranges, ranges[1:], strict=False))


# --- a catalogue from every province ---------------------------------------------------------------


@pytest.fixture(scope="module")
def full_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    request.getfixturevalue("h").pin_build(request, EPOCH)
    h = request.getfixturevalue("h")
    tmp = tmp_path_factory.mktemp("semua-provinsi")
    root = tmp / "content"
    n = 0
    for slug in [*PROVINCES, "nasional"]:
        for i in range(EXTRA.get(slug, 1)):
            year = YEARS[n % len(YEARS)]
            n += 1
            h.write_entry(root, slug, f"inovasi-{slug}-{i}", judul=f"Inovasi {i} {vocabulary.PROVINSI[slug]}",
                          tanggal=f"\n  mulai: {year}-02-01\n  penerapan: {year}-06-01")
    site = run_build(tmp, search=False)
    yield site
    shutil.rmtree(site, ignore_errors=True)


def expected_count(slug: str) -> int:
    return EXTRA.get(slug, 1)


@pytest.mark.site
@pytest.mark.parametrize("url", ["", "statistik"])
def test_the_map_has_a_tile_link_per_province_to_its_listing_with_its_count(full_site: Path, url: str) -> None:
    figure = article_of(page(full_site, url)).one("figure", "katalog-peta")
    region = figure.one("div", "katalog-peta__geser")
    assert region.attrs["role"] == "region" and region.attrs["tabindex"] == "0" and region.attrs["aria-label"]
    tiles = region.all("li", "katalog-peta__petak")
    assert len(tiles) == 38
    seen = set()
    for tile in tiles:
        link = tile.one("a")
        href = link.attrs["href"]
        slug = re.fullmatch(r"(?:\.\./)?jelajahi/([a-z-]+)/", href).group(1)
        seen.add(slug)
        label, n = vocabulary.PROVINSI[slug], expected_count(slug)
        place = next(p for p in tilemap.places() if p.slug == slug)
        # its name, then what the tile shows (WCAG 2.5.3: the visible text is in the name)
        assert link.attrs["aria-label"] == f"{label}, {place.kode}: {n} inovasi"
        assert link.one("span", "katalog-peta__kode").text() == place.kode
        assert link.one("span", "katalog-peta__nilai").text() == str(n)  # the number is written on it
        listing = (full_site / url / href / "index.html").resolve()
        assert listing.is_file() and re.search(f"<h1[^>]*>{label}</h1>", listing.read_text(encoding="utf-8"))
        style = tile.attrs["style"]
        fill = re.search(r"--isi:(#[0-9a-f]{6})", style).group(1)
        ink = re.search(r"--tinta:(#[0-9a-f]{6})", style).group(1)
        assert charts.contrast(fill, ink) >= 4.5
        assert f"grid-column:{place.x + 1};grid-row:{place.y + 1};" in style
    assert seen == set(PROVINCES)
    # the darkest colour goes to the most, the lightest of the scale to the fewest
    fills = {re.search(r"jelajahi/([a-z-]+)/", t.one("a").attrs["href"]).group(1):
             re.search(r"--isi:(#[0-9a-f]{6})", t.attrs["style"]).group(1) for t in tiles}
    assert fills["jawa-timur"] == tilemap.SCALE[-1] and fills["aceh"] != fills["jawa-timur"]
    legend = [li.text() for li in figure.one("ul", "katalog-peta__legenda").all("li")]
    assert legend[0] == "0" and legend[-1].endswith("4")
    assert "Instansi pusat: 1 inovasi nasional" in figure.text()


@pytest.mark.site
def test_the_home_maps_numbers_are_in_a_table_too(full_site: Path) -> None:
    figure = article_of(page(full_site, "")).one("figure", "katalog-peta")
    rows = table_rows(chart_table(figure))
    assert len(rows) == 39  # 38 provinces and the central agencies
    counts = {label: angka_int(n) for label, _, n in rows}
    assert counts == {vocabulary.PROVINSI[s]: expected_count(s) for s in [*PROVINCES, "nasional"]}
    # every code on the map, with its province's name: the table explains the tiles
    codes = {label: code for label, code, _ in rows}
    assert codes == {**{vocabulary.PROVINSI[p.slug]: p.kode for p in tilemap.places()}, vocabulary.PROVINSI["nasional"]: "–"}


def _chart_rows(figure: Node) -> list[tuple[str, int]]:
    image = figure.one(role="img")
    if "katalog-grafik--kolom" in figure.classes():
        return [(c.one("span", "katalog-grafik__label").text(), angka_int(c.one("span", "katalog-grafik__nilai").text()))
                for c in image.all("div", "katalog-grafik__kolom")]
    return [(r.one("span", "katalog-grafik__label").text(), angka_int(r.one("span", "katalog-grafik__nilai").text()))
            for r in image.all("div", "katalog-grafik__baris")]


@pytest.mark.site
@pytest.mark.parametrize("url", ["", "statistik"])
def test_every_chart_comes_with_its_data_table_holding_the_same_numbers(full_site: Path, url: str) -> None:
    article = article_of(page(full_site, url))
    figures = article.all("figure", "katalog-grafik")
    assert len(figures) == (2 if url == "" else 4)
    for figure in figures:
        image = figure.one(role="img")
        assert image.attrs["aria-label"].count(". ") >= 1  # its title and a sentence of numbers
        if "katalog-grafik--level" in figure.classes():
            table = chart_table(figure) if url == "" else figure.next_element().one("table")
            rows = table_rows(table)
            for bar, row in zip(image.all("div", "katalog-grafik__baris"), rows, strict=True):
                assert bar.one("span", "katalog-grafik__label").text() == row[0]
                levels = [angka_int(c) for c in row[1:5]]
                total = sum(levels)
                for segment in bar.all("span", "katalog-grafik__segmen"):
                    level = int(next(c for c in segment.classes() if c.startswith("katalog-grafik__segmen--"))[-1])
                    share = float(re.search(r"--porsi:([0-9.]+)", segment.attrs["style"]).group(1))
                    assert abs(share * total - levels[level]) < 0.01
                    if segment.text():
                        assert angka_int(segment.text()) == levels[level]
            continue
        rows = [(row[0], angka_int(row[-1])) for row in table_rows(chart_table(figure))]
        assert _chart_rows(figure) == rows, figure.attrs["id"]
    years = dict(_chart_rows(article.one("figure", id="beranda-tahun" if url == "" else "grafik-tahun")))
    assert list(years) == [str(y) for y in range(YEARS[0], YEARS[-1] + 1)]  # gaps shown as 0
    assert years["2017"] == 0 and sum(years.values()) == sum(expected_count(s) for s in vocabulary.PROVINSI)


@pytest.mark.site
@pytest.mark.parametrize("url", ["", "statistik"])
def test_no_link_or_control_inside_an_image(full_site: Path, url: str) -> None:
    root = dom(page(full_site, url))
    images = root.all(role="img")
    assert images
    for image in images:
        inside = [n for n in image.all() if n.tag in ("a", "button", "input", "select", "textarea")
                  or "tabindex" in n.attrs]
        assert not inside, (image.attrs.get("aria-label"), [n.tag for n in inside])
    for link in root.one("figure", "katalog-peta").all("a"):  # the map's links are in no image
        node = link.parent
        while node is not None:
            assert node.attrs.get("role") != "img"
            node = node.parent


@pytest.mark.site
def test_statistics_page_shows_the_map_the_charts_and_the_tables_in_order(full_site: Path) -> None:
    article = article_of(page(full_site, "statistik"))
    headings = [h2.text() for h2 in article.all("h2")]
    assert headings == ["Per tahun mulai", "Per provinsi", "Per urusan pemerintahan", "Per lencana kriteria",
                        "Tahapan, status, jenis"]
    ids = [n.attrs["id"] for n in article.all("figure")]
    assert ids == ["grafik-tahun", "peta-provinsi", "grafik-provinsi", "grafik-urusan", "grafik-lencana"]
    provinces = dict(_chart_rows(article.one("figure", id="grafik-provinsi")))
    assert provinces["Jawa Timur"] == 4 and provinces["Aceh"] == 1 and len(provinces) == 39
    captions = [c.text() for c in article.all("caption")]
    assert "Tahapan" in captions and "Jenis instansi" in captions and "Jumlah inovasi per tingkat bukti lencana" in captions


# --- a catalogue from a few provinces: tiles without innovations -----------------------------------


@pytest.mark.site
def test_a_province_without_innovations_is_a_tile_without_a_link(tmp_path: Path, h: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    h.write_entry(tmp_path / "content", "jawa-timur", "satu")
    h.write_entry(tmp_path / "content", "jawa-timur", "dua", judul="Inovasi Kedua")
    site = run_build(tmp_path, search=False)
    home = article_of(page(site, ""))
    figure = home.one("figure", "katalog-peta")
    assert [a.attrs["aria-label"] for a in figure.all("a")] == ["Jawa Timur, JI: 2 inovasi"]  # no national link
    empty = [t for t in figure.all("li", "katalog-peta__petak") if not t.all("a")]
    assert len(empty) == 37
    aceh = next(t for t in empty if "Aceh: 0 inovasi" in t.text())
    # an image named as a link would be, its name also shown on pointing
    assert aceh.one("span", "katalog-peta__kosong").attrs["aria-label"] == "Aceh: 0 inovasi"
    assert aceh.one("span", "katalog-peta__kosong").attrs["role"] == "img"
    assert aceh.one("span", "katalog-peta__nama").text() == "Aceh: 0 inovasi" and "--isi:#f2f2f2" in aceh.attrs["style"]
    assert "Instansi pusat: 0 inovasi nasional." in figure.text()
    assert "JI untuk Jawa Timur" in figure.text()  # the note explains the codes by the largest province
    rows = table_rows(chart_table(figure))
    assert rows[0] == ["Jawa Timur", "JI", "2"] and ["Aceh", "AC", "0"] in rows
    assert rows[0][0] == "Jawa Timur" and figure.next_element().one("a").attrs["href"] == "jelajahi/jawa-timur/"
    shutil.rmtree(site, ignore_errors=True)


# --- an adopter's own page templates ------------------------------------------------------------


@pytest.mark.site
def test_an_adopter_overrides_the_home_and_statistics_templates(tmp_path: Path, h: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    mine = tmp_path / "kementerian"
    # the home page with a header of the adopter's own; the map (a macro) with a note in it
    for name, after, marker in (("katalog/beranda.html", "-#}\n", "Beranda Kementerian Contoh"),
                                ("katalog/peta.html", "</figcaption>\n", "Peta Kementerian Contoh")):
        source = (ROOT / "generator" / "theme" / name).read_text(encoding="utf-8")
        at = source.index(after) + len(after)
        (mine / name).parent.mkdir(parents=True, exist_ok=True)
        (mine / name).write_text(source[:at] + f'<p class="kementerian">{marker}</p>\n' + source[at:], encoding="utf-8")
    h.write_entry(tmp_path / "content", "bali", "satu")
    config = tmp_path / "mkdocs.yml"
    run_build(tmp_path, search=False)  # writes mkdocs.yml with our theme; now the adopter's:
    config.write_text(config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'generator' / 'theme'}",
                                                                 f"custom_dir: {mine}"), encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    build(loaded)
    home, stats = page(tmp_path / "site", ""), page(tmp_path / "site", "statistik")
    assert '<p class="kementerian">Beranda Kementerian Contoh</p>' in home
    assert "Beranda Kementerian Contoh" not in stats  # statistik.html is still ours ...
    assert "Peta Kementerian Contoh" in stats  # ... and imports the adopter's map
    assert "Peta Kementerian Contoh" in text_of(home)
    assert 'aria-label="Bali, BA: 1 inovasi"' in home and "Katalog dalam angka" in text_of(home)
