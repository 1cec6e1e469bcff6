"""The charts and the provinces' map in Debian's Chromium (Playwright) on a phone and a desktop:
text as large as the page's own (at least 12 px as displayed, whatever scaling), nothing wider
than the screen, the map scrolling inside its own region, its tiles links named with their
numbers, and no serious accessibility finding."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from helpers import AXE, AXE_SERIOUS, ROOT, build_small_site, serve

pytestmark = pytest.mark.browser

# More entries than the sample catalogue: a year axis longer than a phone is wide, provinces in
# every colour of the map's scale, long urusan labels.
EXTRA = {"aceh": 1, "sumatera-utara": 2, "papua": 3, "papua-selatan": 1, "maluku-utara": 4, "jawa-timur": 6}
YEARS = range(2011, 2027, 2)


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, h) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("grafik")
    shutil.copytree(ROOT / "content", tmp / "content")
    n = 0
    for slug, count in EXTRA.items():
        for i in range(count):
            year = YEARS[n % len(YEARS)]
            n += 1
            h.write_entry(tmp / "content", slug, f"grafik-{slug}-{i}", judul=f"Inovasi Grafik {slug} {i}",
                          tanggal=f"\n  mulai: {year}-03-01\n  penerapan: {year}-09-01",
                          urusan="\n  - pekerjaan-umum-dan-penataan-ruang\n  - pemberdayaan-masyarakat-dan-desa")
    yield from serve(build_small_site(tmp, "1795392000", theme="  palette:\n    primary: custom\n    accent: custom\n",
                                      plugin="      search: false\n"))


def _page(browser, width: int):
    phone = width < 600
    context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=phone, has_touch=phone,
                                  device_scale_factor=2 if phone else 1, bypass_csp=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    return page, problems


# Every text a reader sees in a chart or the map, with its size as displayed: the computed font
# size times the scale it is drawn at (an SVG's text shrinks with its viewBox; HTML's does not,
# unless a transform scales it).
_SIZES = """() => {
  const out = [];
  for (const root of document.querySelectorAll("figure.katalog-grafik, figure.katalog-peta, svg")) {
    if (!root.closest("article")) continue;
    const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walk.nextNode()) {
      const node = walk.currentNode;
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (el.closest("title, desc, .katalog-sr") || !el.getClientRects().length) continue;
      let scale = 1;
      if (el instanceof SVGElement) {
        const m = el.getScreenCTM();
        scale = Math.hypot(m.a, m.b);
      } else {
        const box = el.getBoundingClientRect();
        if (el.offsetWidth) scale = box.width / el.offsetWidth;
      }
      out.push({text: node.textContent.trim().slice(0, 30), px: parseFloat(getComputedStyle(el).fontSize) * scale});
    }
  }
  return out;
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", ["/", "/statistik/"])
def test_chart_and_map_text_is_at_least_12px_and_the_page_fits(browser, site_url: str, path: str, width: int) -> None:
    page, problems = _page(browser, width)
    page.goto(site_url + path)
    sizes = page.evaluate(_SIZES)
    assert len(sizes) > (100 if path == "/" else 150)  # the map's 38 tiles (code and number), the charts
    small = [s for s in sizes if s["px"] < 12]
    assert not small, f"{path} at {width}px: text under 12px: {small[:10]}"
    texts = {s["text"] for s in sizes}
    assert {"JI", "PS", "2013", "Kebaruan"} <= texts  # the map's codes, the years, the criteria
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{path} scrolls sideways by {overflow}px at {width}px"
    assert problems == []


@pytest.mark.parametrize("path", ["/", "/statistik/"])
def test_on_a_phone_the_map_scrolls_inside_its_region_by_keyboard(browser, site_url: str, path: str) -> None:
    page, problems = _page(browser, 390)
    page.goto(site_url + path)
    region = page.get_by_role("region", name="Peta jumlah inovasi per provinsi")
    assert region.get_attribute("tabindex") == "0"
    wide, shown = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert wide > shown  # wider than the phone: it scrolls, the page does not
    assert region.locator(".katalog-geser__petunjuk").is_visible()  # and says so
    region.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("document.querySelector('.katalog-peta__geser').scrollLeft > 0")
    papua = page.get_by_role("link", name="Papua, PA: 3 inovasi")
    papua.focus()  # a keyboard user tabbing to a tile far right: the region scrolls it into view
    box, view = papua.bounding_box(), region.bounding_box()
    assert view["x"] <= box["x"] and box["x"] + box["width"] <= view["x"] + view["width"] + 1
    assert problems == []


def test_on_a_desktop_the_map_fits_and_its_tiles_lead_to_the_listings(browser, site_url: str) -> None:
    page, problems = _page(browser, 1280)
    page.goto(site_url + "/statistik/")
    region = page.get_by_role("region", name="Peta jumlah inovasi per provinsi")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert region.locator(".katalog-geser__petunjuk").is_hidden()
    tiles = region.get_by_role("link")
    listed = page.locator("#grafik-provinsi + details table tbody a").all_text_contents()  # closed: not rendered
    assert tiles.count() == len(listed) - 1 >= len(EXTRA)  # a link per province with innovations (not nasional)
    names = tiles.evaluate_all("links => links.map((a) => a.getAttribute('aria-label'))")
    assert all(name.endswith(" inovasi") and name.split(", ")[0] in listed for name in names), (names, listed)
    maluku = page.get_by_role("link", name="Maluku Utara, MU: 4 inovasi")
    assert maluku.inner_text().split() == ["MU", "4"]  # the code and the number, written on the tile
    colour, background = maluku.evaluate(
        "a => [getComputedStyle(a).color, getComputedStyle(a.parentElement).backgroundColor]")
    assert colour != background
    maluku.click()
    page.wait_for_url("**/jelajahi/maluku-utara/")
    assert "Maluku Utara" in page.locator("h1").inner_text()
    assert problems == []


def test_the_charts_tables_open_and_hold_the_numbers(browser, site_url: str) -> None:
    page, problems = _page(browser, 390)
    page.goto(site_url + "/statistik/")
    panel = page.locator("details.katalog-data", has_text="Tabel data: Jumlah inovasi per provinsi")
    panel.locator("summary").click()
    table = panel.get_by_role("table", name="Jumlah inovasi per provinsi")
    assert table.is_visible()
    row = table.get_by_role("row", name="Jawa Timur")
    cells = row.locator("td").all_inner_texts()
    assert cells[0] == "JI"  # the letters on its tile in the map
    image = page.locator("#grafik-provinsi [role=img]")
    bar = image.locator(".katalog-grafik__baris", has_text="Jawa Timur").first
    assert bar.locator(".katalog-grafik__nilai").inner_text() == cells[-1]
    assert problems == []


@pytest.mark.parametrize("width", [390, 1280])
def test_no_serious_accessibility_violations_on_the_charts_and_map(browser, site_url: str, width: int) -> None:
    assert AXE.is_file(), "run `make test` (it installs tools/: npm ci --prefix tools)"
    page, problems = _page(browser, width)
    found = []
    for path in ("/", "/statistik/"):
        page.goto(site_url + path)
        page.locator("details.katalog-data summary").first.click()  # an open table is checked too
        page.add_script_tag(path=str(AXE))
        found += [f"{path}: {v}" for v in page.evaluate(AXE_SERIOUS)]
    assert not found, "\n".join(found)
    assert problems == []
