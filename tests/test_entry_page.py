"""The entry page reads right without a legend: the five badges in one line of words under the
summary, then the story, then each badge's reasons, folded in a <details> that opens without
JavaScript, by keyboard, from a chip's link, and on paper.

Real `mkdocs build` runs of a small catalogue (test_site_build's helpers), read as HTML, and the
same site in Debian's Chromium at a phone's width.
"""

# ruff: noqa: F811  (pytest fixtures imported from test_browser are parameters here)
from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from test_browser import browser  # noqa: F401  (a fixture used here)
from test_site_build import EPOCH, article, page, rich, run_build, text_of

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
    """(href, text) of each chip of the one-line summary."""
    block = re.search(r'<ul class="katalog-minis katalog-ringkas"[^>]*>(.*?)</ul>', html, re.S)
    assert block, "no one-line summary of the badges"
    return [(href, " ".join(unescape(re.sub(r"<[^>]+>", " ", text)).split()))
            for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', block.group(1), re.S)]


# --- the markup ----------------------------------------------------------------------------------


def test_each_badge_reads_as_its_name_and_level_in_words_under_the_summary(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    assert _chips(html) == [(f"#lencana-{key}", f"{label} {name}") for key, label, name in CHIPS]
    chips = html[html.index('class="katalog-minis katalog-ringkas"'):]
    chips = chips[:chips.index("</ul>")]
    assert not re.search(r"\d\s*/\s*\d", text_of(chips))  # words, never a fraction like "2/3"
    assert '<li class="lengkap">Lengkap</li>' in chips  # all five ≥ 1
    # each chip carries its level (the colour; the words say it too)
    assert re.findall(r'<li class="l(\d)"><a href="#lencana-', chips) == ["2", "1", "3", "3", "1"]
    assert 'aria-label="Lencana kriteria, skor 10 dari 15"' in chips


def test_a_badge_without_evidence_reads_belum_ada_bukti_not_a_failing_grade(site: Path) -> None:
    html = article(page(site, "inovasi/tanpa-bukti"))
    chips = _chips(html)
    assert [text for _, text in chips] == [f"{label} belum ada bukti" for _, label, _ in CHIPS]
    assert "Lengkap" not in text_of(html[:html.index('id="masalah"')])
    assert "Belum ada bukti (level 0)" in text_of(html)  # the full reasons keep the number too


def test_the_order_is_summary_chips_story_then_the_reasons(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    marks = ["<h1", 'class="katalog-entri__ringkasan"', 'class="katalog-minis katalog-ringkas"',
             'id="masalah"', 'class="katalog-uraian"', 'id="data-inovasi"', 'id="lencana-kriteria"',
             '<details class="katalog-alasan">', 'id="lencana-kebaruan"', 'id="hasil"', 'id="replikasi"']
    where = [html.index(mark) for mark in marks]
    assert where == sorted(where), [m for m, _ in sorted(zip(marks, where, strict=True), key=lambda x: x[1])]


def test_every_chip_links_to_its_reasons_inside_the_folded_details(site: Path) -> None:
    html = article(page(site, "inovasi/lengkap-sekali"))
    folded = re.search(r'<details class="katalog-alasan"><summary>([^<]+)</summary>(.*?)</details>\s*</section>', html, re.S)
    assert folded, "the reasons are not in one <details> at the end of the badge section"
    assert folded.group(1) == "Alasan setiap lencana dan yang masih kurang"
    for href, _ in _chips(html):
        assert f'id="{href[1:]}"' in folded.group(2), href
        assert html.count(f'id="{href[1:]}"') == 1
    reasons = text_of(folded.group(2))
    assert "Kebaruan Bukti kuat (level 2)" in reasons and "Contoh YAML" not in reasons
    # Per badge: its heading, then its reasons, then what is missing for the next level, each
    # marked as such and naming the key to add, linked to its row in the contributing guide
    # (which has that row).
    badges = re.findall(r'<li id="lencana-([a-z_]+)" class="l(\d)"><h3>(.*?)</h3>(.*?)</li>(?=<li id="lencana-|</ul>$)',
                        folded.group(2).strip(), re.S)
    assert [key for key, *_ in badges] == list(KEYS)
    kebaruan = dict((key, items) for key, _, _, items in badges)["kebaruan"]
    assert "Gagasan baru" in text_of(kebaruan.split("<b>Kurang:</b>")[0])  # a reason, before the gaps
    gaps = re.findall(r'<li><b>Kurang:</b> ([^<]+) \(kunci <a href="([^"#]+)#([^"]+)">([^<]+)</a>\)</li>', folded.group(2))
    assert gaps and all("untuk naik ke level" in text for text, *_ in gaps)
    assert folded.group(2).count("<b>Kurang:</b>") == len(gaps)  # every gap names its key
    assert all(url == "../../kontribusi/" for _, url, _, _ in gaps)
    guide = page(site, "kontribusi")
    for _, _, anchor, key in gaps:
        assert re.search(rf'<tr id="{anchor}"><th scope="row"><code>{re.escape(key)}</code>', guide), key


def test_the_badges_add_no_script_and_no_pip_markup(site: Path) -> None:
    """A page is written 32,000 times: the level meter is CSS, the opening is the browser's."""
    html = article(page(site, "inovasi/lengkap-sekali"))
    assert "<script" not in html and "onclick" not in html
    assert "katalog-pip" not in html and "aria-hidden" not in html
    badges = html[html.index('class="katalog-minis katalog-ringkas"'):]
    badges = badges[:badges.index("</ul>")] + html[html.index('id="lencana-kriteria"'):html.index('id="hasil"')]
    # The markup alone (tags, not the words): the chips and the <details> cost less than the
    # per-badge pips they replaced (this entry: 2,696 bytes of tags before the chips, 2,108 with,
    # 1,177 with one list per badge and short level classes).
    tags = sum(len(t) for t in re.findall(r"<[^>]*>", badges))
    assert tags < 1_300, tags


# --- in the browser ------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def url(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/inovasi/lengkap-sekali/"
    server.shutdown()


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


def test_on_a_phone_the_chips_take_two_rows_and_the_story_starts_on_the_first_screen(browser: Any, url: str) -> None:
    context, page, problems = _open(browser, url, **PHONE)
    rows = page.evaluate("new Set([...document.querySelectorAll('.katalog-ringkas > li')]"
                         ".map((li) => Math.round(li.getBoundingClientRect().top))).size")
    assert rows <= 2, f"the five chips wrap into {rows} rows at 390 px"
    assert page.locator(".katalog-ringkas").bounding_box()["height"] < 110
    assert _top(page, "#masalah") < 844, "the story does not start on the first screen"
    assert page.evaluate("document.scrollingElement.scrollWidth - innerWidth") <= 1  # nothing scrolls sideways
    assert page.locator("#lencana-kebaruan").is_hidden()  # the reasons are folded ...
    assert page.get_by_role("region", name="Lencana kriteria").is_visible()  # ... under a visible heading
    assert problems == []
    context.close()


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
    assert reason.is_visible() and "Berkelanjutan Bukti awal (level 1)" in " ".join(reason.inner_text().split())
    page.keyboard.press(" ")
    assert reason.is_hidden()
    assert summary.get_attribute("aria-expanded") in (None, "false")  # the browser says it, natively
    assert problems == []
    context.close()


@pytest.mark.parametrize("javascript", [False, True], ids=["tanpa-js", "dengan-js"])
def test_a_chip_opens_its_reasons_and_shows_them(browser: Any, url: str, javascript: bool) -> None:
    context, page, problems = _open(browser, url, java_script_enabled=javascript, **PHONE)
    page.locator(".katalog-ringkas a", has_text="Dapat Ditransfer").click()
    target = page.locator("#lencana-dapat_ditransfer")
    target.wait_for(state="visible", timeout=3000)
    assert page.evaluate("location.hash") == "#lencana-dapat_ditransfer"
    assert page.locator("details.katalog-alasan").get_attribute("open") is not None
    box = target.bounding_box()
    assert 0 <= box["y"] < 844, "the reason opened but is not on screen"
    assert "Dapat Ditransfer Bukti sangat kuat (level 3)" in " ".join(target.inner_text().split())
    assert problems == []
    context.close()


def test_a_link_to_a_reason_opens_it_on_arrival(browser: Any, url: str) -> None:
    context, page, _ = _open(browser, url + "#lencana-efektif", java_script_enabled=False)
    assert page.locator("#lencana-efektif").is_visible()
    context.close()


def test_the_reasons_print_unfolded_without_javascript(browser: Any, url: str) -> None:
    context, page, _ = _open(browser, url, java_script_enabled=False)
    page.emulate_media(media="print")
    for key in KEYS:
        assert page.locator(f"#lencana-{key}").is_visible(), key
    assert page.locator("details.katalog-alasan > summary").is_hidden()  # "open me" means nothing on paper
    colours = page.evaluate("[...document.querySelectorAll('.katalog-ringkas > li')].map((li) => getComputedStyle(li).color)")
    assert set(colours) == {"rgb(0, 0, 0)"}  # no white text on a background that does not print
    context.close()
