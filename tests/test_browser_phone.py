"""Every page type as a citizen on a phone meets it, in Debian's Chromium (Playwright): nothing
scrolls sideways at 390 or 320 px, axe-core finds nothing serious at 1280 and 390 px, every page
has the same header and a dark title and no edit pencil, the 404 page one title and no nameless
control, the map names its provinces, a chart that scrolls says so, and the badge chips read the
same everywhere in colours that mean "more evidence", never "danger".

The site: the sample catalogue with a listing of two entries per page (so a province has later
pages), on a GitHub repository (so the proposal form is linked), served as a static host serves
it: a missing address answers with the 404 page. One more entry is written as some authors write:
long names, an address and a word longer than a phone, a table and a code block in its story.
"""

from __future__ import annotations

import colorsys
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import AXE, AXE_SERIOUS, REPO, ROOT, open_page, serve

pytestmark = pytest.mark.browser

# Every page type: (name, address, a selector to wait for or None).
PAGES = [
    ("beranda", "/", None),
    ("entri", "/inovasi/sp4n-lapor/", None),
    ("entri-replikasi", "/inovasi/mal-pelayanan-publik-banyuwangi/", None),
    ("entri-panjang", "/inovasi/uji-ponsel/", None),
    ("jelajahi", "/jelajahi/", None),
    ("jelajahi-cari", "/jelajahi/?q=sampah", ".katalog-cari__item"),
    ("jelajahi-provinsi", "/jelajahi/?provinsi=jawa-timur", ".katalog-cari__item"),  # the facets open
    ("daftar", "/jelajahi/jawa-timur/", None),
    ("daftar-lanjut", "/jelajahi/jawa-timur/2/", None),
    ("statistik", "/statistik/", None),
    ("kualitas", "/statistik/kualitas-data/", None),
    ("kualitas-provinsi", "/statistik/kualitas-data/jawa-timur/", None),
    ("antrean", "/statistik/kualitas-data/antrean/", None),
    ("antrean-provinsi", "/statistik/kualitas-data/antrean/jawa-timur/", "button.katalog-urut"),
    ("kriteria", "/kriteria/", None),
    ("data-terbuka", "/data-terbuka/", None),
    ("kontribusi", "/kontribusi/", None),
    ("404", "/inovasi/tidak-ada-di-katalog/", None),
]


def _params(widths: tuple[int, ...]) -> list[Any]:
    out = []
    for width in widths:
        for name, path, ready in PAGES:
            out.append(pytest.param(width, path, ready, id=f"{name}-{width}"))
    return out


LONG_URL = ("https://dukcapil.kabupatenpanjangsekali.go.id/dokumen/laporan-tahunan-pelayanan-administrasi-"
            "kependudukan-2023-final-revisi.pdf")
LONG_BODY = ("## Latar Belakang\n\nLihat " + LONG_URL + " untuk rinciannya; kata "
             "sangatpanjangsekalitanpaspasiyangtidakbolehmelebarkanhalamanpadaponsel.\n\n"
             "| Kecamatan | Sebelum | Sesudah | Petugas | Armada | Keterangan |\n|---|---|---|---|---|---|\n"
             "| Kecamatan Pagerwojo | 14 hari | 1 hari | 3 orang | 1 mobil | layanan setiap Selasa dan Kamis |\n\n"
             "```\nkatalog validate content/innovations/jawa-timur/inovasi-dengan-nama-file-yang-panjang-sekali.md\n```\n")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, h: Any) -> Iterator[str]:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    tmp = tmp_path_factory.mktemp("ponsel")
    shutil.copytree(ROOT / "content", tmp / "content")
    h.write_entry(tmp / "content", "kepulauan-bangka-belitung", "uji-ponsel", body=LONG_BODY,
                  judul="Pelayanan Adminduk Keliling Kepulauan Bangka Belitung Terintegrasi Digitalisasi Kependudukan",
                  instansi="\n  nama: Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bangka Belitung Timur Tengah"
                           " Selatan\n  jenis: pemkab",
                  ringkasan="Layanan keliling dengan kata sangatpanjangsekalitanpaspasiyangtidakbolehmelebarkan halaman.",
                  tautan=f"\n  situs: {LONG_URL}\n  dokumen:\n    - judul: Laporan tahunan\n      url: {LONG_URL}")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"(?m)^repo_url: .*$", f"repo_url: {REPO}", config)
    config = re.sub(r"(?m)^site_url: .*$", "site_url: https://contoh.go.id/", config)
    config = config.replace("plugins:\n  - katalog\n", "plugins:\n  - katalog:\n      pages_listing_size: 2\n")
    assert "pages_listing_size: 2" in config and f"repo_url: {REPO}" in config
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        build(load_config(config_file=str(tmp / "mkdocs.yml"), site_dir=str(tmp / "site")))
    assert (tmp / "site/jelajahi/jawa-timur/2/index.html").is_file()
    yield from serve(tmp / "site")


def _open(page: Any, url: str, ready: str | None) -> None:
    page.goto(url)
    if ready:
        page.locator(ready).first.wait_for()
    page.wait_for_load_state("load")


def _real(problems: list[str]) -> list[str]:
    """The console's errors but the 404 page's own status (it is served as "not found")."""
    return [p for p in problems if "status of 404" not in p]


# --- no sideways scroll ------------------------------------------------------------------------------


@pytest.mark.parametrize(("width", "path", "ready"), _params((390, 320)))
def test_no_page_scrolls_sideways_on_a_phone(browser: Any, site_url: str, width: int, path: str,
                                             ready: str | None) -> None:
    """Measured as a desktop browser narrowed to the phone's width (the page may not be wider
    than the window), and as a phone (which would zoom out to show a wider page: the window
    grows with it, so the measure is the phone's own width)."""
    for phone in (False, True):
        context, page, problems = open_page(browser, width, phone=phone)
        _open(page, site_url + path, ready)
        wide, window = page.evaluate("[document.documentElement.scrollWidth, innerWidth]")
        assert window == width and wide <= width, f"{path} is {wide} px wide at {width} px (phone: {phone})"
        assert _real(problems) == []
        context.close()


# --- axe-core -------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 390])
def test_axe_finds_nothing_serious_on_any_page_type(browser: Any, site_url: str, width: int) -> None:
    """axe-core (tools/package.json, installed by `make test`) on every page type at a desktop and
    a phone width, folded parts opened: no serious or critical finding, headings in order."""
    assert AXE.is_file(), "run `make test` (it installs tools/: npm ci --prefix tools)"
    context, page, problems = open_page(browser, width, phone=width < 600)
    found = []
    for name, path, ready in PAGES:
        _open(page, site_url + path, ready)
        page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")  # folded parts too
        page.add_script_tag(path=str(AXE))
        found += [f"{name} [{width}px] {v}" for v in page.evaluate(AXE_SERIOUS)]
    assert not found, "\n".join(found)
    assert _real(problems) == []
    context.close()


# --- one header, a dark title, no edit pencil, a 404 page with one title -------------------------


def test_every_page_type_has_the_same_header_a_dark_title_and_no_edit_pencil(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390)
    headers = {}
    for name, path, ready in PAGES:
        _open(page, site_url + path, ready)
        header = page.evaluate("""() => {
          const head = document.querySelector("header.katalog-kepala");
          const menu = document.querySelector("nav.katalog-kepala__menu");
          return [head && head.innerText.trim(), menu && [...menu.querySelectorAll("a")].map((a) => [a.innerText.trim(), a.getAttribute("href").replace(/^(\\.\\.\\/)+|^\\.\\//, "")])];
        }""")
        headers[name] = header
        assert page.locator(".md-content__button, a[rel=edit] svg, .md-header__source").count() == 0, name
        assert "GitHub" not in page.locator("header, nav.katalog-kepala__menu").all_inner_texts().__str__(), name
        ink = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
        channels = [int(c) for c in re.findall(r"\d+", ink)[:3]]
        assert max(channels) <= 0x33, f"{name}: the title is {ink}, not dark"
        assert page.locator("title").count() == 1, name
    first = headers["beranda"]
    assert first[0] == "Katalog Inovasi Pelayanan Publik"
    labels = [label for label, _ in first[1]]
    assert labels == ["Beranda", "Jelajahi", "Statistik", "Kriteria", "Data Terbuka", "Kontribusi", "Kode sumber"]
    assert first[1][-1][1] == REPO
    for name, header in headers.items():
        assert [label for label, _ in header[1]] == labels, name
        assert header[0] == first[0], name
    assert _real(problems) == []
    context.close()


def test_the_404_page_has_one_title_and_no_control_without_a_name(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390)
    # Its stylesheets do not load everywhere it is served (an address far below the site): what
    # a visitor gets must hold without them too.
    page.route(re.compile(r".*\.css$"), lambda route: route.abort())
    response = page.goto(site_url + "/a/b/c/tidak-ada/")
    assert response.status == 404
    assert page.title() == "Halaman tidak ditemukan - Katalog Inovasi Pelayanan Publik"
    assert page.locator("head title").count() == 1 and page.locator("title").count() == 1
    nameless = page.evaluate("""() => [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !el.hidden && el.type !== "hidden")
      .filter((el) => !(el.labels && [...el.labels].some((l) => l.textContent.trim())) && !el.getAttribute("aria-label")
                      && !(el.tagName === "BUTTON" && el.textContent.trim()))
      .map((el) => el.outerHTML.slice(0, 80))""")
    assert nameless == []
    assert page.get_by_role("searchbox", name="Cari inovasi").is_visible()
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_SERIOUS) == []
    context.close()
    assert not [p for p in _real(problems) if "ERR_FAILED" not in p]  # only the stylesheets refused above


# --- the badges: one chip, one palette, one legend -------------------------------------------------


def _hsl(rgb: str) -> tuple[float, float, float]:
    r, g, b = (int(c) / 255 for c in re.findall(r"\d+", rgb)[:3])
    h, lightness, s = colorsys.rgb_to_hls(r, g, b)
    return h * 360, s, lightness


def _contrast(a: str, b: str) -> float:
    def lum(rgb: str) -> float:
        cs = [int(c) / 255 for c in re.findall(r"\d+", rgb)[:3]]
        cs = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in cs]
        return 0.2126 * cs[0] + 0.7152 * cs[1] + 0.0722 * cs[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


_CHIPS = """() => [...document.querySelectorAll("ul.katalog-minis > li, .katalog-legenda ol > li")].map((li) => {
  const cs = getComputedStyle(li);
  return {level: (li.className.match(/^l(\\d)$/) || [])[1], text: li.innerText.replace(/\\s+/g, " ").trim(),
          bg: cs.backgroundColor, fg: cs.color, border: cs.borderStyle};
})"""


def test_the_chips_read_the_same_everywhere_in_colours_of_evidence(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390)
    seen: dict[str, set[str]] = {}
    for path in ("/", "/inovasi/sp4n-lapor/", "/jelajahi/nasional/", "/jelajahi/jawa-timur/2/"):
        _open(page, site_url + path, None)
        chips = page.evaluate(_CHIPS)
        assert chips, path
        legend = page.locator(".katalog-legenda").first
        assert legend.is_visible(), f"{path}: no legend beside the chips"
        for chip in chips:
            if chip["level"] is None:
                assert chip["text"] == "Lengkap"
                continue
            seen.setdefault(chip["level"], set()).add(chip["bg"])
            assert _contrast(chip["bg"], chip["fg"]) >= 7, (path, chip)  # AAA for the badge labels
            hue, saturation, _ = _hsl(chip["bg"])
            assert saturation < 0.15 or 180 <= hue <= 260, (path, chip)  # no red, orange or yellow: not a warning
        names = [c["text"].split(" ", 1)[1] if " " in c["text"] and c["level"] and not c["text"].startswith(
            ("belum", "bukti")) else c["text"] for c in chips]
        assert not [n for n in names if re.search(r"level\s*\d|\d\s*/\s*\d", n)], (path, names)
    # one colour per level, the same on every page; more colour, more evidence: each level darker
    # and more saturated than the one before, and the empty level also outlined differently
    assert set(seen) == {"0", "1", "2", "3"} and all(len(colours) == 1 for colours in seen.values()), seen
    fills = [_hsl(next(iter(seen[str(n)]))) for n in range(4)]
    assert [f[2] for f in fills] == sorted((f[2] for f in fills), reverse=True)
    assert fills[0][1] < 0.1 < fills[1][1]
    page.goto(site_url + "/inovasi/tpbis-perpusnas/")
    borders = {c["level"]: c["border"] for c in page.evaluate(_CHIPS) if c["level"]}
    assert borders.get("0") == "dashed" and {b for lvl, b in borders.items() if lvl != "0"} <= {"solid"}
    assert problems == []
    context.close()


# --- the map and the charts ------------------------------------------------------------------------


def test_the_map_names_a_province_on_focus_and_on_hover(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390, phone=False)
    page.goto(site_url + "/")
    region = page.get_by_role("region", name="Peta jumlah inovasi per provinsi")
    jatim = region.get_by_role("link", name="Jawa Timur, JI: 3 inovasi")
    name = jatim.locator(".katalog-peta__nama")
    assert not name.is_visible() or name.bounding_box()["width"] <= 1
    jatim.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focused by keyboard: :focus-visible
    box, view = name.bounding_box(), region.bounding_box()
    assert name.inner_text() == "Jawa Timur: 3 inovasi" and box["width"] > 40
    assert view["x"] - 1 <= box["x"] and box["y"] + box["height"] <= view["y"] + view["height"] + 1  # inside the map
    page.mouse.move(0, 0)
    aceh = region.locator(".katalog-peta__petak", has_text="AC")  # no innovation: no link, a name on hover
    aceh.scroll_into_view_if_needed()
    aceh.hover()
    label = aceh.locator(".katalog-peta__nama")
    assert label.inner_text() == "Aceh: 0 inovasi" and label.bounding_box()["width"] > 40
    note = page.locator(".katalog-peta__catatan").inner_text()
    assert "JI untuk Jawa Timur" in note and "kode" in note
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []
    context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_a_chart_or_map_that_scrolls_says_so(browser: Any, site_url: str, width: int) -> None:
    context, page, problems = open_page(browser, width)
    page.goto(site_url + "/statistik/")
    for region in page.locator(".katalog-geser").all():
        scrolls = region.evaluate("r => r.scrollWidth > r.clientWidth + 1")
        hint = region.locator(".katalog-geser__petunjuk")
        assert hint.is_visible() == scrolls, (region.get_attribute("aria-label"), width)
        if scrolls:
            assert "Geser" in hint.inner_text() and region.get_attribute("tabindex") == "0"
    if width == 390:  # the map and the years do not fit a phone
        assert page.locator(".katalog-geser__petunjuk:visible").count() >= 1
    assert problems == []
    context.close()


# --- a way in for citizens ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/kontribusi/"])
def test_the_issue_form_comes_before_git(browser: Any, site_url: str, path: str) -> None:
    context, page, problems = open_page(browser, 390)
    page.goto(site_url + path)
    form = page.get_by_role("link", name="Isi formulir usulan")
    assert form.get_attribute("href") == f"{REPO}/issues/new?template=usulkan-inovasi.yml"
    text = page.locator("article").inner_text()
    assert text.index("formulir") < text.index("git") < text.lower().index("pull request")
    if path == "/kontribusi/":
        headings = page.locator("article h2").all_inner_texts()
        assert headings.index("Cara 1: isi formulir, tanpa git") < headings.index("Cara 2: lewat git dan pull request")
        developer = headings.index("Untuk staf teknis dan pengembang")
        assert developer > headings.index("Cara 2: lewat git dan pull request")
        assert page.locator("article h2").nth(developer).evaluate(
            "h => [...document.querySelectorAll('article h3')].filter((x) => x.compareDocumentPosition(h) & 2)"
            ".map((x) => x.id)") == ["bidang", "kosakata"]  # the field reference under it
    assert problems == []
    context.close()
