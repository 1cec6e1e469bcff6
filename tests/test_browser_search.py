"""Jelajahi in Debian's Chromium: a query loads only what its results need, and the page does not
shift as the search starts (the sample site; the 32,000-entry figures are `make bench`'s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import _page, browser, site_url  # noqa: F401  (fixtures used here: the sample site)

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
    return [p for p in paths if "/pagefind/filter/" in p]


def _search_done(page) -> None:
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('inovasi')")


def test_a_query_loads_no_filter_file_until_a_facet_is_opened(browser, site_url: str) -> None:  # noqa: F811
    page, problems = _page(browser)
    paths = _fetched(page)
    page.goto(f"{site_url}/jelajahi/")
    _search_done(page)
    page.fill("#cari-q", "perpustakaan")
    page.wait_for_function("document.querySelector('[data-status]').textContent.match(/ditemukan|Tidak ada/)")
    page.wait_for_timeout(300)
    assert any("/pagefind/" in p for p in paths), "the search did not load the bundle"
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


def test_arriving_with_a_facet_chosen_loads_the_filters(browser, site_url: str) -> None:  # noqa: F811
    page, problems = _page(browser)
    paths = _fetched(page)
    page.goto(f"{site_url}/jelajahi/?provinsi=jawa-timur")
    _search_done(page)
    assert page.locator(".katalog-cari__penyaring").get_attribute("open") is not None
    assert _filters(paths)
    items = page.locator("[data-hasil] li").count()
    assert items and items <= int(page.locator("#cari-provinsi option[value='jawa-timur']").get_attribute("data-count"))
    assert problems == []
    page.context.close()


@pytest.mark.parametrize("query", ["", "?q=layanan", "?provinsi=jawa-timur"])
def test_jelajahi_does_not_shift_on_a_phone(browser, site_url: str, query: str) -> None:  # noqa: F811
    page, problems = _page(browser, **PHONE)
    page.goto(f"{site_url}/jelajahi/{query}")
    _search_done(page)
    page.wait_for_timeout(300)
    shift = page.evaluate(CLS)
    assert shift < 0.1, f"cumulative layout shift {shift:.3f} on /jelajahi/{query}"
    assert problems == []
    page.context.close()


def test_without_javascript_the_search_block_takes_no_space(browser, site_url: str) -> None:  # noqa: F811
    page, _ = _page(browser, java_script_enabled=False)
    page.goto(f"{site_url}/jelajahi/")
    assert page.locator("#katalog-cari").is_hidden()
    assert page.locator(".katalog-provinsi a").count() > 0
    page.context.close()
