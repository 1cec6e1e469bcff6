"""Jelajahi in Debian's Chromium: a query loads only what its results need, the page does not
shift as the search starts, and on a phone the results come first (the sample site; the
32,000-entry figures are `make bench`'s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import build_small_site, open_page, serve

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

# Layout shifts as Lighthouse and the Core Web Vitals count them: not those right after input.
CLS = """() => new Promise((resolve) => {
  let total = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve(total), 500);
})"""


def _fetched(page) -> list[str]:
    paths: list[str] = []
    page.on("request", lambda request: paths.append(request.url))
    return paths


def _filters(paths: list[str]) -> list[str]:
    return [p for p in paths if "/cari/kolom/" in p]


def _search_done(page) -> None:
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('inovasi')")


def test_a_query_loads_no_filter_file_until_a_facet_is_opened(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    paths = _fetched(page)
    page.goto(f"{site_url}/jelajahi/")
    _search_done(page)
    page.fill("#cari-q", "perpustakaan")
    page.wait_for_function("!document.querySelector('[data-status]').textContent.startsWith('16 ')")
    assert any("/cari/kata/" in p for p in paths), "the search did not load the index"
    assert _filters(paths) == [], f"filter files loaded before any facet was used: {_filters(paths)}"
    # Until then each option shows the whole catalogue's count, from the page.
    option = page.locator("#cari-provinsi option[value='jawa-timur']")
    before = option.text_content()
    assert before == f"Jawa Timur ({option.get_attribute('data-count')})"

    page.click(".katalog-cari__penyaring summary")
    page.wait_for_function("document.querySelectorAll('#cari-provinsi option')[1].textContent.includes('(')")
    page.wait_for_timeout(500)
    assert _filters(paths), "opening the filters loaded no filter file"
    # Now the counts are those of the query's results: fewer than the catalogue's for some option.
    counted = page.eval_on_selector_all(
        "#cari-provinsi option[value]:not([value=''])",
        "os => os.map(o => [Number(o.dataset.count), Number(o.textContent.match(/\\((\\d+)\\)/)[1])])")
    assert any(shown < whole for whole, shown in counted), counted
    assert problems == []
    page.context.close()


def test_arriving_with_a_facet_chosen_loads_the_filters(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    paths = _fetched(page)
    page.goto(f"{site_url}/jelajahi/?provinsi=jawa-timur")
    _search_done(page)
    assert page.locator(".katalog-cari__penyaring").get_attribute("open") is not None
    assert _filters(paths)
    items = page.locator("[data-hasil] > li").count()
    assert items and items <= int(page.locator("#cari-provinsi option[value='jawa-timur']").get_attribute("data-count"))
    assert problems == []
    page.context.close()


@pytest.mark.parametrize("query", ["", "?q=layanan", "?provinsi=jawa-timur"])
def test_jelajahi_does_not_shift_on_a_phone(browser, site_url: str, query: str) -> None:
    _, page, problems = open_page(browser, **PHONE)
    page.goto(f"{site_url}/jelajahi/{query}")
    _search_done(page)
    page.wait_for_timeout(300)
    shift = page.evaluate(CLS)
    assert shift < 0.1, f"cumulative layout shift {shift:.3f} on /jelajahi/{query}"
    assert problems == []
    page.context.close()


def test_without_javascript_the_search_block_takes_no_space(browser, site_url: str) -> None:
    _, page, _ = open_page(browser, java_script_enabled=False)
    page.goto(f"{site_url}/jelajahi/")
    assert page.locator("#katalog-cari").is_hidden()
    assert page.locator(".katalog-provinsi a").count() > 0
    page.context.close()


def test_the_query_is_in_the_box_from_the_first_paint(browser, site_url: str) -> None:
    """The page's inline script fills the form while the page is parsed: even with the search's
    own script held back, the visitor sees her words (and her filters named) at once."""
    _, page, _ = open_page(browser, **PHONE)
    page.route("**/jelajahi.js", lambda route: route.abort())  # the search's module never runs
    page.goto(f"{site_url}/jelajahi/?q=antrean%20puskesmas&provinsi=jawa-timur", wait_until="domcontentloaded")
    assert page.locator("#cari-q").input_value() == "antrean puskesmas"
    assert page.locator("#cari-provinsi").input_value() == "jawa-timur"
    assert page.locator(".katalog-cari__penyaring summary").inner_text() == "Penyaring: Jawa Timur"
    page.context.close()


def test_on_a_phone_the_filters_stay_folded_and_the_results_come_first(browser, site_url: str) -> None:
    _, page, problems = open_page(browser, **PHONE)
    page.goto(f"{site_url}/jelajahi/?provinsi=jawa-timur&jenis=digital")
    _search_done(page)
    details = page.locator("details.katalog-cari__penyaring")
    assert details.get_attribute("open") is None
    assert details.locator("summary").inner_text() == "Penyaring: Jawa Timur, Digital"
    first = page.locator("[data-hasil] > li").first
    assert first.bounding_box()["y"] < PHONE["viewport"]["height"], "the first result is below the first screen"
    # On a wide screen the chosen filters are shown open.
    _, wide, _ = open_page(browser)
    wide.goto(f"{site_url}/jelajahi/?provinsi=jawa-timur")
    _search_done(wide)
    assert wide.locator("details.katalog-cari__penyaring").get_attribute("open") is not None
    assert problems == []
    page.context.close()
    wide.context.close()


COUNT_SEARCHES = """
window.__searches = 0;
const replace = history.replaceState.bind(history);
history.replaceState = (...args) => { window.__searches++; return replace(...args); };
"""


def test_arrow_keys_in_a_dropdown_run_one_search_when_they_stop(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.add_init_script(COUNT_SEARCHES)
    page.goto(f"{site_url}/jelajahi/?q=layanan")
    _search_done(page)
    before = page.evaluate("window.__searches")
    announced: list[str] = []
    page.expose_function("announce", lambda text: announced.append(text))
    page.evaluate("""() => new MutationObserver(() => announce(document.querySelector('[data-status]').textContent))
        .observe(document.querySelector('[data-status]'), {childList: true, characterData: true, subtree: true})""")
    page.locator("#cari-urut").focus()
    for _ in range(2):
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(120)
    page.locator("#cari-q").focus()
    for key in "puskesmas":
        page.keyboard.press(key)
        page.wait_for_timeout(60)
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__searches") - before == 1, "one search for the settled change, not one per key"
    assert len(announced) <= 1, announced
    assert "urut=skor" in page.url and "q=layananpuskesmas" in page.url
    assert problems == []
    page.context.close()


def test_without_javascript_the_home_search_says_why_and_leads_to_the_provinces(browser, site_url: str) -> None:
    _, page, _ = open_page(browser, java_script_enabled=False)
    page.goto(f"{site_url}/")
    page.get_by_role("searchbox", name="Cari inovasi").fill("antrean")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/jelajahi/?q=antrean")
    note = page.locator(".katalog-cari__tanpa-js")
    assert note.is_visible() and "memerlukan JavaScript" in note.inner_text()
    note.get_by_role("link", name="menurut provinsi").click()
    assert page.url.endswith("#provinsi")
    assert page.locator(".katalog-provinsi a").first.is_visible()
    page.context.close()


@pytest.fixture(scope="module")
def hostile_site_url(tmp_path_factory: pytest.TempPathFactory, h):

    tmp = tmp_path_factory.mktemp("jahat")
    evil = '<img src=x onerror=window.__jahat=1><script>window.__jahat=2</script>'
    h.write_entry(tmp / "content", "bali", "jahat", judul=f"'Kartu {evil}'", ringkasan=f"'Ringkasan {evil} panjang sekali'",
                  body=f"## Cerita\n\nKata langka kelorisasi ada di cerita {evil.replace('<', '&lt;')}.\n")
    yield from serve(build_small_site(tmp, "1795392000"))


def test_results_show_hostile_text_as_text(browser, hostile_site_url: str) -> None:
    _, page, problems = open_page(browser)
    for q in ("kartu", "kelorisasi"):
        page.goto(f"{hostile_site_url}/jelajahi/?q={q}")
        _search_done(page)
        page.wait_for_timeout(500)
        item = page.locator("[data-hasil] > li").first
        assert "<img src=x" in item.locator("h3").inner_text()
        assert page.locator("[data-hasil] img, [data-hasil] script").count() == 0
        assert page.evaluate("window.__jahat") is None
    assert problems == []
    page.context.close()
