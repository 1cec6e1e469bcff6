"""The sample site in Debian's Chromium (Playwright): what a citizen on a phone, a keyboard user
and a browser without JavaScript get."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import ROOT, build_small_site, open_page, serve


@pytest.mark.browser
def test_entry_page_shows_the_five_badges_with_reasons(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{site_url}/inovasi/sp4n-lapor/")
    assert "SP4N-LAPOR!" in page.locator("h1").inner_text()
    section = page.get_by_role("region", name="Lencana kriteria")
    section.locator("summary").first.click()  # the reasons are folded (tests/test_entry_page.py)
    titles = section.locator("details.katalog-alasan h3").all_inner_texts()
    assert [t.strip().splitlines()[0] for t in titles] == ["Kebaruan", "Efektif", "Bermanfaat", "Dapat Ditransfer", "Berkelanjutan"]
    text = section.inner_text()
    assert "bukti sangat kuat" in text and "belum ada bukti" in text  # words, not colour alone
    assert "Manfaat: cakupan" in text  # the reason names the evidence
    assert problems == []


@pytest.mark.browser
def test_keyboard_user_reaches_an_entry_from_the_listing(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{site_url}/jelajahi/nasional/")
    for _ in range(80):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href') || ''")
        if "sp4n-lapor" in href:
            break
    else:
        pytest.fail("Tab never reached the SP4N-LAPOR! entry link")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused link is visibly marked
    page.keyboard.press("Enter")
    page.wait_for_url("**/inovasi/sp4n-lapor/")
    assert "SP4N-LAPOR!" in page.locator("h1").inner_text()
    assert problems == []


@pytest.mark.browser
def test_listings_and_entries_work_without_javascript(browser, site_url: str) -> None:
    _, page, _ = open_page(browser, java_script_enabled=False)
    page.goto(f"{site_url}/jelajahi/")
    assert page.locator("#katalog-cari").is_hidden()  # the search needs JavaScript: not offered
    provinces = page.locator("a[href*='jelajahi/']").all()
    assert len(provinces) >= 10
    page.goto(f"{site_url}/jelajahi/jawa-timur/")
    links = page.locator("a[href*='inovasi/']").all_inner_texts()
    assert any("Smart Kampung" in text for text in links)
    page.goto(f"{site_url}/inovasi/smart-kampung-banyuwangi/")
    assert page.get_by_role("region", name="Lencana kriteria").is_visible()


# Sideways scroll on a phone, on every page type: tests/test_browser_phone.py.


# --- Jelajahi: search and facets -----------------------------------------------------------------


def _results(page) -> list[str]:
    return page.locator(".katalog-cari__item h3").all_inner_texts()


@pytest.mark.browser
def test_search_finds_entries_as_the_visitor_types(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{site_url}/jelajahi/")
    status = page.get_by_role("status")
    page.get_by_label("Kata kunci").wait_for()
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('ditemukan')")
    total = len(page.locator("a[href*='jelajahi/']").all())  # the provinces, listed below
    assert total >= 10
    assert status.inner_text().startswith("16 inovasi ditemukan")  # no query: every published entry
    assert len(_results(page)) == 10 and page.get_by_role("button", name="Tampilkan lebih banyak").is_visible()
    page.get_by_label("Kata kunci").fill("sampah")
    page.wait_for_function("!document.querySelector('[data-status]').textContent.startsWith('16 ')")
    found = _results(page)
    assert any("Suroboyo Bus" in title for title in found)
    assert len(found) < 20 and page.get_by_role("button", name="Tampilkan lebih banyak").is_hidden()
    assert "q=sampah" in page.url  # the search is a link that can be shared
    link = page.locator(".katalog-cari__item a").first
    href = link.get_attribute("href")
    assert href.startswith("../inovasi/")
    link.click()
    page.wait_for_url("**/inovasi/**")
    assert page.get_by_role("region", name="Lencana kriteria").is_visible()
    assert problems == []


@pytest.mark.browser
def test_facets_filter_count_and_live_in_the_address(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{site_url}/jelajahi/?provinsi=jawa-timur&urut=skor")
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('ditemukan')")
    assert page.get_by_label("Provinsi").input_value() == "jawa-timur"  # the state came from the address
    assert page.locator("details.katalog-cari__penyaring").get_attribute("open") is not None
    titles = _results(page)
    assert page.get_by_role("status").inner_text() == f"{len(titles)} inovasi ditemukan."
    assert page.get_by_label("Urutkan").input_value() == "skor"
    scores = [int(label.split("skor ")[1].split()[0]) for label in
              page.locator(".katalog-cari__item ul.katalog-minis").evaluate_all("us => us.map((u) => u.ariaLabel)")]
    assert len(scores) == len(titles) and scores == sorted(scores, reverse=True) and len(set(scores)) > 1
    assert any("Smart Kampung" in t for t in titles) and not any("SP4N" in t for t in titles)
    # Another facet narrows the results; its options count within them.
    option = page.locator("#cari-status option[value='aktif']")
    active = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
    page.get_by_label("Status").select_option("aktif")
    page.wait_for_url("**status=aktif**")
    page.wait_for_function(f"document.querySelector('[data-status]').textContent.startsWith('{active} ')")
    assert "provinsi=jawa-timur" in page.url
    page.get_by_role("button", name="Hapus semua").click()
    page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('16 ')")
    assert page.url.endswith("/jelajahi/")
    assert problems == []


@pytest.mark.browser
def test_the_home_page_search_opens_jelajahi_with_the_results(browser, site_url: str) -> None:
    _, page, problems = open_page(browser, viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    page.goto(f"{site_url}/")
    page.get_by_role("searchbox", name="Cari inovasi").fill("sampah")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url("**/jelajahi/?q=sampah")
    page.wait_for_function("document.querySelector('.katalog-cari__item')")
    assert page.get_by_label("Kata kunci").input_value() == "sampah"
    assert any("Suroboyo Bus" in t for t in _results(page))
    assert problems == []


@pytest.mark.browser
def test_search_is_usable_by_keyboard(browser, site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{site_url}/jelajahi/")
    page.get_by_label("Kata kunci").wait_for()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "cari-q":
            break
    else:
        pytest.fail("Tab never reached the search field")
    page.wait_for_function("document.querySelector('[data-status]').textContent.startsWith('16 ')")
    page.keyboard.type("lapor")
    page.keyboard.press("Enter")
    page.wait_for_function("!document.querySelector('[data-status]').textContent.startsWith('16 ')")
    found = _results(page)
    assert any("SP4N-LAPOR!" in t for t in found) and len(found) < 16
    assert problems == []


@pytest.fixture(scope="module")
def large_site_url(tmp_path_factory: pytest.TempPathFactory, h) -> Iterator[str]:
    """25 entries: more than one step of search results."""

    tmp = tmp_path_factory.mktemp("besar")
    for n in range(25):
        h.write_entry(tmp / "content", "bali" if n % 2 else "aceh", f"inovasi-{n:02d}", judul=f"Inovasi Uji Nomor {n:02d}")
    yield from serve(build_small_site(tmp, "1780358400", repo="https://github.com/contoh/katalog"))


@pytest.mark.browser
def test_more_results_come_ten_at_a_time(browser, large_site_url: str) -> None:
    _, page, problems = open_page(browser)
    page.goto(f"{large_site_url}/jelajahi/")
    page.wait_for_function("document.querySelector('[data-status]').textContent.includes('ditemukan')")
    assert page.get_by_role("status").inner_text().startswith("25 inovasi ditemukan.")
    more = page.get_by_role("button", name="Tampilkan lebih banyak")
    assert len(_results(page)) == 10 and more.is_visible()
    more.click()
    page.wait_for_function("document.querySelectorAll('.katalog-cari__item').length === 20")
    more.click()
    page.wait_for_function("document.querySelectorAll('.katalog-cari__item').length === 25")
    assert more.is_hidden()
    assert sorted(_results(page)) == [f"Inovasi Uji Nomor {n:02d}" for n in range(25)]  # each once
    assert problems == []


# --- Content-Security-Policy ------------------------------------------------------------------------

_CSP_WATCH = """
window.__katalogCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__katalogCsp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


def _directive(policy: str, name: str) -> str:
    """What a policy allows for `name`: its own directive, or default-src for the fetch
    directives it covers (as the browser reads it); "" when nothing is said."""
    directives = dict((part.split(None, 1) + [""])[:2] for part in (p.strip() for p in policy.split(";")) if part)
    return directives.get(name, directives.get("default-src", "") if name.endswith("-src") else "")


@pytest.mark.unit
def test_the_policy_reader_reads_as_a_browser_does() -> None:
    entry = "default-src 'none'; style-src 'self'; form-action 'none'"
    assert _directive(entry, "script-src") == "'none'" and _directive(entry, "object-src") == "'none'"
    assert _directive(entry, "style-src") == "'self'" and _directive(entry, "base-uri") == ""
    assert _directive("default-src 'self'; script-src 'self' 'unsafe-inline'", "script-src") == "'self' 'unsafe-inline'"


@pytest.mark.browser
def test_pages_run_under_the_content_security_policy(browser, site_url: str) -> None:
    """The CSP is on every page and nothing the site itself does breaks it: Material's scripts,
    the search in Jelajahi (its index read with fetch and DecompressionStream), the entry pages."""
    context = browser.new_context()
    context.add_init_script(_CSP_WATCH)
    page = context.new_page()
    messages: list[str] = []
    page.on("console", lambda msg: messages.append(f"{msg.type}: {msg.text}") if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda exc: messages.append(str(exc)))
    for path in ("/", "/jelajahi/?q=sampah", "/inovasi/sp4n-lapor/"):
        page.goto(site_url + path)
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert policy and _directive(policy, "object-src") == "'none'" and "'unsafe-eval'" not in policy
        assert "'unsafe-inline'" not in _directive(policy, "script-src")
        if path.startswith("/jelajahi/"):  # (no wait_for_function: its string predicate needs eval)
            page.locator(".katalog-cari__item h3").first.wait_for()
            assert "ditemukan" in page.locator("[data-status]").inner_text()
            assert any("Suroboyo Bus" in title for title in _results(page))  # the search still runs
        else:
            page.wait_for_load_state("networkidle")
        if path.startswith("/inovasi/"):  # entry pages run no script at all (katalog/entri.html)
            assert page.evaluate("typeof __md_get") == "undefined" and page.locator("script[src]").count() == 0
            assert _directive(policy, "script-src") == "'none'"
            assert _directive(policy, "connect-src") == "'none'" and _directive(policy, "form-action") == "'none'"
        else:
            assert page.evaluate("typeof __md_get") == "function"  # Material's inline script ran
        assert page.evaluate("window.__katalogCsp") == [], path
    assert messages == []
    context.close()


# --- search speaks like its users: synonyms (generator/vocab/sinonim.yaml) -----------------------

# (id, title, summary, urusan) of entries that write only the long form (or, last, the short one).
_SYNONYM_ENTRIES = [
    ("jemput-bola-kependudukan", "Jemput Bola Administrasi Kependudukan", "Petugas mendatangi warga di balai warga.", "sosial"),
    ("loket-malam-capil", "Loket Malam Kependudukan dan Pencatatan Sipil", "Loket buka sampai pukul sembilan malam.", "sosial"),
    ("kesehatan-ramah-anak", "Pusat Kesehatan Masyarakat Ramah Anak", "Ruang tunggu dan layanan yang ramah anak.", "kesehatan"),
    ("pendampingan-usaha", "Pendampingan Usaha Mikro Kecil dan Menengah", "Pelatihan pemasaran dan pembukuan.", "perdagangan"),
    ("loket-jaminan-sosial", "Loket Badan Penyelenggara Jaminan Sosial di Kecamatan", "Pendaftaran peserta tanpa ke kota.", "kesehatan"),
    ("mengemudi-keliling", "Perpanjangan Surat Izin Mengemudi Keliling", "Mobil layanan berkeliling ke pasar.", "perhubungan"),
    ("bangunan-sehari", "Persetujuan Bangunan Gedung Sehari Jadi", "Izin bangunan rumah tinggal selesai dalam sehari.", "pekerjaan-umum-dan-penataan-ruang"),
    ("pos-terpadu-digital", "Pos Pelayanan Terpadu Digital", "Pencatatan tumbuh kembang balita di telepon kader.", "kesehatan"),
    ("rumah-sakit-tanpa-antre", "Rumah Sakit Umum Daerah Tanpa Antre", "Antrean poliklinik lewat pesan singkat.", "kesehatan"),
    ("satu-pintu-malam", "Pelayanan Terpadu Satu Pintu Malam Hari", "Layanan izin dibuka sampai malam.", "penanaman-modal"),
    ("aparatur-melayani", "Aparatur Sipil Negara Melayani di Akhir Pekan", "Pegawai bergiliran membuka layanan Sabtu.", "kepegawaian"),
    ("sim-keliling-pasar", "SIM Keliling Pasar", "Mobil layanan SIM berkeliling ke pasar rakyat.", "perhubungan"),
]
# (query, the entry it must find): short forms for long ones, and back.
_SYNONYM_QUERIES = [
    ("adminduk", "jemput-bola-kependudukan"),
    ("dukcapil", "loket-malam-capil"),
    ("puskesmas", "kesehatan-ramah-anak"),
    ("UMKM", "pendampingan-usaha"),
    ("BPJS", "loket-jaminan-sosial"),
    ("SIM", "mengemudi-keliling"),
    ("PBG", "bangunan-sehari"),
    ("IMB", "bangunan-sehari"),
    ("posyandu", "pos-terpadu-digital"),
    ("RSUD", "rumah-sakit-tanpa-antre"),
    ("PTSP", "satu-pintu-malam"),
    ("ASN", "aparatur-melayani"),
    ("MPP", "mal-pelayanan-publik"),  # the sample catalogue writes "Mal Pelayanan Publik"
    ("surat izin mengemudi", "sim-keliling-pasar"),  # and back: the long form finds the short one
]


@pytest.fixture(scope="module")
def synonym_site_url(tmp_path_factory: pytest.TempPathFactory, h) -> Iterator[str]:
    """The sample catalogue plus entries that write only one form of a term."""
    import shutil


    tmp = tmp_path_factory.mktemp("sinonim")
    shutil.copytree(ROOT / "content", tmp / "content")
    for entry_id, judul, ringkasan, urusan in _SYNONYM_ENTRIES:
        h.write_entry(tmp / "content", "bali", entry_id, judul=judul, ringkasan=ringkasan,
                      urusan=f"\n  - {urusan}", body="## Latar Belakang\n\nCerita inovasi.\n",
                      kontak="{jabatan: Kepala Seksi Pelayanan, email: layanan@contoh.go.id}")
    yield from serve(build_small_site(tmp, "1795392000"))


@pytest.mark.browser
def test_short_forms_find_the_long_ones_and_back(browser, synonym_site_url: str) -> None:
    """Searched on Jelajahi: each query finds the entry that writes the other form of the term
    (vocab/sinonim.yaml)."""
    from urllib.parse import quote

    _, page, problems = open_page(browser)
    found = {}
    for q, _ in _SYNONYM_QUERIES:
        page.goto(f"{synonym_site_url}/jelajahi/?q={quote(q)}")
        page.wait_for_function("document.querySelector('[data-status]').textContent.match(/ditemukan|Tidak ada/)")
        found[q] = page.eval_on_selector_all(".katalog-cari__item h3 a", "as => as.map((a) => a.getAttribute('href'))")
    missing = [f"{q!r} did not find {entry_id}: {found[q]}" for q, entry_id in _SYNONYM_QUERIES
               if not any(url.endswith(f"inovasi/{entry_id}/") for url in found[q])]
    assert not missing, "\n".join(missing)
    assert len(_SYNONYM_QUERIES) >= 10
    # Only the entries that use the term: "puskesmas" does not find the driving licence.
    assert not any("mengemudi" in url for url in found["puskesmas"])
    assert problems == []
