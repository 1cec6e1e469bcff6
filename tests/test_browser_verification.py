"""The lifecycle in Debian's Chromium: each state's label on the entry page and in a search
result, the same as the listing's card; the Jelajahi filter by state; the reviewers' queue sorted
with the keyboard; at a phone's width, without sideways scroll and with nothing serious for
axe-core."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from helpers import AXE, AXE_SERIOUS, LABELS, STATES, build_states, epoch, open_page, serve

pytestmark = pytest.mark.browser

READY = "document.querySelector('[data-status]').textContent.match(/ditemukan|Tidak ada/)"


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory, h: Any) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("siklus-peramban")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp)
        patch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        site = build_states(tmp)
    yield from serve(site)


def _label(locator: Any) -> tuple[str, str]:
    state = locator.locator("p.katalog-siklus")
    assert state.count() == 1
    kind = state.get_attribute("class").split("katalog-siklus--")[1]
    said, shown = state.evaluate("""e => [e.querySelector('.katalog-sr').textContent,
        [...e.childNodes].filter((n) => !(n.classList && n.classList.contains('katalog-sr')))
                         .map((n) => n.textContent).join('')]""")
    assert said == "Status verifikasi: "  # heard first by a screen reader, not shown
    return kind, shown


def test_each_state_reads_the_same_on_the_entry_page_the_card_and_the_search_result(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390, phone=True)
    page.goto(f"{site_url}/jelajahi/jawa-timur/")
    cards = {}
    for card in page.locator("li.katalog-kartu").all():
        entry_id = card.locator("h2 a, h3 a").first.get_attribute("href").strip("/").split("/")[-1]
        cards[entry_id] = (_label(card), card.locator("p.katalog-siklus").evaluate("e => e.nextElementSibling.className"))
    page.goto(f"{site_url}/jelajahi/?q=inovasi")
    page.wait_for_function(READY)
    results = {}
    for item in page.locator("[data-hasil] > li").all():
        entry_id = item.locator("h3 a").get_attribute("href").strip("/").split("/")[-1]
        results[entry_id] = (_label(item), item.locator("p.katalog-siklus").evaluate("e => e.nextElementSibling.className"))
    assert results == cards
    for entry_id, state in STATES.items():
        # The visible words; a screen reader hears "Status verifikasi:" before them.
        assert cards[entry_id][0] == (state, LABELS[state]), entry_id
        assert cards[entry_id][1] == "katalog-minis"  # right before the chips
        page.goto(f"{site_url}/inovasi/{entry_id}/")
        assert _label(page.locator("article")) == (state, LABELS[state])
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []
    context.close()


def test_the_filter_narrows_the_results_to_a_state(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 1280)
    page.goto(f"{site_url}/jelajahi/")
    page.wait_for_function(READY)
    page.locator("details.katalog-cari__penyaring > summary").click()
    page.get_by_label("Verifikasi").select_option("perlu_perbaikan")
    page.wait_for_function("new URLSearchParams(location.search).get('verifikasi') === 'perlu_perbaikan'")
    page.wait_for_function("document.querySelectorAll('[data-hasil] > li').length === 1")
    assert _label(page.locator("[data-hasil] > li").first) == ("perlu_perbaikan", "Perlu perbaikan")
    options = page.get_by_label("Verifikasi").locator("option").all_inner_texts()
    assert options[0] == "Semua" and [o.split(" (")[0] for o in options[1:]] == [
        "Diajukan", "Terverifikasi", "Perlu verifikasi ulang", "Perlu perbaikan", "Tidak aktif"]
    assert problems == []
    context.close()


def test_the_queue_sorts_by_a_column_from_the_keyboard(browser: Any, site_url: str) -> None:
    context, page, problems = open_page(browser, 390, phone=True)
    page.goto(f"{site_url}/statistik/kualitas-data/antrean/jawa-timur/")
    table = page.get_by_role("table", name="Entri yang menunggu verifikasi")
    titles = lambda: table.locator("tbody th a").all_inner_texts()  # noqa: E731
    assert titles() == ["Inovasi Belum Diperiksa", "Inovasi Bukti Berubah"]
    button = table.get_by_role("button", name="Inovasi")
    button.focus()
    page.keyboard.press("Enter")  # A to Z, as written
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "ascending"
    page.keyboard.press("Enter")
    assert table.locator("th[aria-sort]").get_attribute("aria-sort") == "descending"
    assert titles() == ["Inovasi Bukti Berubah", "Inovasi Belum Diperiksa"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert problems == []
    context.close()


@pytest.mark.parametrize("path", [f"/inovasi/{entry_id}/" for entry_id in STATES]
                         + ["/jelajahi/?q=inovasi", "/statistik/kualitas-data/antrean/jawa-timur/", "/kriteria/"])
def test_axe_finds_nothing_serious_at_390_px(browser: Any, site_url: str, path: str) -> None:
    assert AXE.is_file(), "run `make test` (it installs tools/: npm ci --prefix tools)"
    context, page, problems = open_page(browser, 390, phone=True)
    page.goto(site_url + path)
    if "?q=" in path:
        page.wait_for_function(READY)
    page.evaluate("document.querySelectorAll('details').forEach((d) => { d.open = true; })")
    page.add_script_tag(path=str(AXE))
    assert page.evaluate(AXE_SERIOUS) == []
    assert problems == []
    context.close()

