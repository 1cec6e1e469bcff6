"""The entry page reads in five seconds: under the title, the five badges as chips in words with
the legend of their levels, then the summary, then what each badge means and rests on, in a
citizen's words, folded in a <details> a summary's length below the chips (it opens without
JavaScript, by keyboard, from a chip's link, and on paper), then the story.

Real `mkdocs build` runs of a small catalogue (test_site_build's helpers), read as HTML, and the
same site in Debian's Chromium at a phone's width.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from helpers import EPOCH, article, page, rich, run_build, serve, text_of

from generator.criteria import KEYS

LONG_SUMMARY = ("Petugas Dinas Kependudukan dan Pencatatan Sipil mendatangi desa-desa terpencil dengan mobil "
                "layanan untuk menerbitkan KTP-el, kartu keluarga dan akta kelahiran di balai desa, sehingga warga "
                "tidak lagi menempuh perjalanan jauh ke kantor kabupaten dan kehilangan satu hari kerja untuk "
                "mengurus satu dokumen.")
STORY = "## Latar Belakang\n\nWarga desa jauh dari kantor.\n\n## Inovasi\n\n" + "Mobil layanan datang ke desa. " * 40 + "\n"
# Every criterion at level ≥ 1: the entry is "Lengkap" (sustainability by a legal basis).
LAW = '\n  dasar_hukum:\n    - jenis: perkada\n      nomor: "12"\n      tahun: 2022'
# (criterion, its label, its level's name) of the full entry: rich() plus the legal basis.
CHIPS = [("kebaruan", "Kebaruan", "bukti kuat"), ("efektif", "Efektif", "bukti awal"),
         ("bermanfaat", "Bermanfaat", "bukti sangat kuat"), ("dapat_ditransfer", "Dapat Ditransfer", "bukti sangat kuat"),
         ("berkelanjutan", "Berkelanjutan", "bukti awal")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, h: Any) -> Iterator[Path]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        tmp = tmp_path_factory.mktemp("entri")
        root = tmp / "content"
        h.write_entry(root, "jawa-timur", "lengkap-sekali", judul="Adminduk Keliling Desa Terpencil Tulungagung",
                      ringkasan=LONG_SUMMARY, body=STORY, keberlanjutan=LAW, **rich())
        h.write_entry(root, "jawa-timur", "tanpa-bukti", judul="Inovasi Tanpa Bukti")  # every level 0
        yield run_build(tmp)


def _chips(html: str) -> list[tuple[str, str]]:
    """(href, text) of each linked chip under the title."""
    block = re.search(r'<ul class="katalog-minis"[^>]*>(.*?)</ul>', html, re.S)
    assert block, "no chips of the badges"
    return [(href, " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()))
            for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', block.group(1), re.S)]


def _explained(html: str) -> dict[str, str]:
    """Each badge's item in the folded explanations, as text, by criterion."""
    folded = re.search(r'<details class="katalog-alasan"><summary>([^<]+)</summary>(.*?)</details>\s*</section>', html, re.S)
    assert folded, "the explanations are not in one <details> closing the badges' section"
    assert folded.group(1) == "Arti setiap lencana dan buktinya"
    items = re.split(r'<li id="lencana-([a-z_]+)" class="l\d">', folded.group(2))
    bodies = items[2::2]
    bodies[-1] = bodies[-1].rsplit("</ul>", 1)[0]  # the last item ends where the list does
    return {key: text_of(body) for key, body in zip(items[1::2], bodies, strict=True)}


# --- the markup ----------------------------------------------------------------------------------


@pytest.mark.site
def test_each_badge_reads_as_its_name_and_level_in_words_under_the_title(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    assert _chips(html) == [(f"#lencana-{key}", f"{label} {name}") for key, label, name in CHIPS]
    chips = html[html.index('<ul class="katalog-minis"'):]
    chips = chips[:chips.index("</ul>")]
    assert not re.search(r"\d\s*/\s*\d", text_of(chips))  # words, never a fraction like "2/3"
    assert '<li class="lengkap">Lengkap</li>' in chips  # all five ≥ 1
    # each chip carries its level (the colour; the words say it too)
    assert re.findall(r'<li class="l(\d)"><a href="#lencana-', chips) == ["2", "1", "3", "3", "1"]
    assert 'aria-label="Lencana kriteria, skor 10 dari 15"' in chips  # the score as the criteria table words it
    # the legend right under them: the four level names in order, and the way to their meaning
    legend = re.search(r'<div class="katalog-legenda"><ol aria-label="([^"]+)">(.*?)</ol> <a href="([^"]+)">', html, re.S)
    assert legend and legend.group(1).startswith("Tingkat bukti")
    assert re.findall(r'<li class="l(\d)">([^<]+)</li>', legend.group(2)) == [
        ("0", "belum ada bukti"), ("1", "bukti awal"), ("2", "bukti kuat"), ("3", "bukti sangat kuat")]
    assert legend.group(3) == "#arti-lencana" and html.count('id="arti-lencana"') == 1


@pytest.mark.site
def test_a_badge_without_evidence_reads_belum_ada_bukti_not_a_failing_grade(site: Path) -> None:
    html = article(page(site, "inovasi/tanpa-bukti"))
    chips = _chips(html)
    assert [text for _, text in chips] == [f"{label} belum ada bukti" for _, label, _ in CHIPS]
    assert "Lengkap" not in text_of(html[:html.index('id="masalah"')])
    explained = _explained(html)
    assert explained["efektif"].startswith("Efektif belum ada bukti Inovasi terbukti memberi hasil yang terukur.")
    # what would earn the first level, in the methodology's words (what every way needs is on
    # the Kriteria page; the badge's own reasons say what this entry lacks)
    assert "Untuk bukti awal: 1 indikator hasil dengan nilai dan tanggal sebelum dan sesudah" in explained["efektif"]
    assert "syarat" not in explained["efektif"]
    assert "Skor 0 dari 15" in text_of(html) or "skor 0 dari 15" in text_of(html)


@pytest.mark.site
def test_one_way_of_naming_levels_on_the_page(site: Path) -> None:
    """Levels by their names (the criteria table's), the score as "skor n dari 15": no "level 2",
    no "8/15", anywhere a visitor reads on an entry page."""
    for entry_id in ("lengkap-sekali", "tanpa-bukti"):
        text = text_of(article(page(site, f"inovasi/{entry_id}")))
        assert not re.search(r"\blevel\s*\d", text, re.I), entry_id
        assert not re.search(r"\b\d+\s*/\s*15\b", text), entry_id


@pytest.mark.site
def test_the_explanations_are_in_a_citizens_words(site: Path) -> None:
    """No front-matter key, no YAML on the public page: those are for `katalog badges` and the
    pull request's comment."""
    html = article(page(site, "inovasi/lengkap-sekali"))
    explained = _explained(html)
    assert list(explained) == list(KEYS)
    assert explained["kebaruan"].startswith("Kebaruan bukti kuat Inovasi membawa sesuatu yang baru")
    assert "Gagasan baru, diuraikan dalam minimal 30 kata: bukti kuat" in explained["kebaruan"]
    assert "Untuk bukti sangat kuat: Gagasan baru dengan penghargaan KIPP, IGA atau UNPSA" in explained["kebaruan"]
    # the basis the entry chose, not the five others
    assert "Untuk" not in explained["bermanfaat"]  # at the top level: nothing to add
    assert "Untuk" not in explained["dapat_ditransfer"]
    assert "Untuk bukti kuat: 2 dari 3 pilar terbukti (dasar hukum, anggaran, organisasi pelaksana)" in explained["berkelanjutan"]
    section = html[html.index('<section class="katalog-lencana"'):]
    section = section[:section.index("</section>")]
    assert "kunci" not in text_of(section) and "<code" not in section and "kontribusi/#kunci-" not in section
    assert not re.search(r"^\s*[a-z_]+:\s", text_of(section), re.M)  # no YAML line
    assert "../../kriteria/" in section  # the methodology, for the whole rule


@pytest.mark.site
def test_the_order_is_chips_summary_explanations_then_the_story(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    marks = ["<h1", '<ul class="katalog-minis"', 'class="katalog-legenda"', 'class="katalog-entri__ringkasan"',
             'id="lencana-kriteria"', '<details class="katalog-alasan">', 'id="lencana-kebaruan"', 'id="masalah"',
             'class="katalog-uraian"', 'id="data-inovasi"', 'id="hasil"', 'id="replikasi"']
    where = [html.index(mark) for mark in marks]
    assert where == sorted(where), [m for m, _ in sorted(zip(marks, where, strict=True), key=lambda x: x[1])]


@pytest.mark.site
def test_every_chip_links_to_its_explanation_inside_the_folded_details(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    explained = _explained(html)
    for href, _ in _chips(html):
        assert href[len("#lencana-"):] in explained, href
        assert html.count(f'id="{href[1:]}"') == 1


@pytest.mark.site
def test_the_badges_add_no_script_and_no_pip_markup(site: Path) -> None:
    """A page is written 32,000 times: the level meter is CSS, the opening is the browser's."""
    html = article(page(site, "inovasi/lengkap-sekali"))
    assert "<script" not in html and "onclick" not in html
    assert "katalog-pip" not in html and "aria-hidden" not in html
    badges = html[html.index('<ul class="katalog-minis"'):html.index('class="katalog-entri__ringkasan"')]
    badges += html[html.index('<section class="katalog-lencana"'):html.index('id="masalah"')]
    # The markup alone (tags, not the words): chips, legend and the explanations' list
    # (this entry: 1,177 bytes of tags with the chips and the reasons; 1,544 with the legend, a
    # sentence per badge and the next level's line).
    tags = sum(len(t) for t in re.findall(r"<[^>]*>", badges))
    assert tags < 1_650, tags


# --- in the browser ------------------------------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    for address in serve(site):
        yield address + "/inovasi/lengkap-sekali/"


def _open(browser: Any, url: str, **options: Any) -> tuple[Any, Any, list[str]]:
    options.setdefault("bypass_csp", True)  # the CSP has its own tests (test_browser.py)
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, problems


def _top(page: Any, selector: str) -> float:
    return page.evaluate(f"document.querySelector({selector!r}).getBoundingClientRect().top + scrollY")


@pytest.mark.browser
def test_on_a_phone_the_first_screen_holds_the_chips_the_legend_and_the_summary(browser: Any, url: str) -> None:
    context, page, problems = _open(browser, url, **PHONE)
    rows = page.evaluate("new Set([...document.querySelectorAll('ul.katalog-minis > li')]"
                         ".map((li) => Math.round(li.getBoundingClientRect().top))).size")
    assert rows <= 2, f"the five chips and Lengkap wrap into {rows} rows at 390 px"
    legend = page.locator(".katalog-legenda").bounding_box()
    assert legend["y"] + legend["height"] < 844, "the legend is not on the first screen"
    assert _top(page, ".katalog-entri__ringkasan") < 700, "the summary does not start on the first screen"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing scrolls sideways
    assert page.locator("#lencana-kebaruan").is_hidden()  # the explanations are folded ...
    assert page.get_by_role("region", name="Lencana kriteria").is_visible()  # ... under a visible heading
    assert problems == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True], ids=["tanpa-js", "dengan-js"])
def test_the_reasons_open_and_close_by_keyboard(browser: Any, url: str, javascript: bool) -> None:
    context, page, problems = _open(browser, url, java_script_enabled=javascript)
    summary = page.locator("details.katalog-alasan > summary")
    reason = page.locator("#lencana-berkelanjutan")
    assert reason.is_hidden()
    for _ in range(60):  # a keyboard user tabs to it
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('details.katalog-alasan > summary')"):
            break
    else:
        pytest.fail("Tab never reached the summary of the reasons")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visibly focused
    page.keyboard.press("Enter")
    assert reason.is_visible() and "Berkelanjutan bukti awal" in " ".join(reason.inner_text().split())
    page.keyboard.press(" ")
    assert reason.is_hidden()
    assert summary.get_attribute("aria-expanded") in (None, "false")  # the browser says it, natively
    assert problems == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [False, True], ids=["tanpa-js", "dengan-js"])
def test_a_chip_opens_its_explanation_within_one_screen(browser: Any, url: str, javascript: bool) -> None:
    context, page, problems = _open(browser, url, java_script_enabled=javascript, **PHONE)
    chip = page.locator("ul.katalog-minis a", has_text="Dapat Ditransfer")
    chip_bottom = _top(page, "ul.katalog-minis") + page.locator("ul.katalog-minis").bounding_box()["height"]
    chip.click()
    target = page.locator("#lencana-dapat_ditransfer")
    target.wait_for(state="visible", timeout=3000)
    assert page.evaluate("location.hash") == "#lencana-dapat_ditransfer"
    assert page.locator("details.katalog-alasan").get_attribute("open") is not None
    box = target.bounding_box()
    assert 0 <= box["y"] < 844, "the explanation opened but is not on screen"
    # a summary's length below the chips: a reader scrolls back up less than a screen
    assert _top(page, "#lencana-kebaruan") - chip_bottom < 844
    assert "Dapat Ditransfer bukti sangat kuat" in " ".join(target.inner_text().split())
    assert problems == []
    context.close()


@pytest.mark.browser
def test_the_legend_opens_the_explanations(browser: Any, url: str) -> None:
    context, page, problems = _open(browser, url, java_script_enabled=False, **PHONE)
    page.locator(".katalog-legenda a").click()
    page.locator("#arti-lencana").wait_for(state="visible", timeout=3000)
    assert page.locator("#lencana-kebaruan").is_visible()
    assert problems == []
    context.close()


@pytest.mark.browser
def test_a_link_to_a_reason_opens_it_on_arrival(browser: Any, url: str) -> None:
    context, page, _ = _open(browser, url + "#lencana-efektif", java_script_enabled=False)
    assert page.locator("#lencana-efektif").is_visible()
    context.close()


@pytest.mark.browser
def test_the_reasons_print_unfolded_without_javascript(browser: Any, url: str) -> None:
    context, page, _ = _open(browser, url, java_script_enabled=False)
    page.emulate_media(media="print")
    for key in KEYS:
        assert page.locator(f"#lencana-{key}").is_visible(), key
    assert page.locator("details.katalog-alasan > summary").is_hidden()  # "open me" means nothing on paper
    colours = page.evaluate("[...document.querySelectorAll('ul.katalog-minis > li, .katalog-legenda li')]"
                            ".map((li) => getComputedStyle(li).color)")
    assert len(colours) == 10 and set(colours) == {"rgb(0, 0, 0)"}  # no white text on a background that does not print
    context.close()
