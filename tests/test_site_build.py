"""The public site, built by real `mkdocs build` runs from small catalogues, read as a visitor would.

Each test writes a docs dir (`content/`, entries below `innovations/<provinsi>/`) and an
mkdocs.yml that uses the project's theme overrides and `plugins: [katalog]`, builds it with
MkDocs' own `build()`, and asserts on the HTML files: what a visitor, a screen reader or a
search engine gets.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    EPOCH,
    EVIL,
    REPO,
    ROOT,
    XSS,
    all_html,
    article,
    evil_entry,
    page,
    rich,
    run_build,
    text_of,
    write_config,
    yaml_text,
)
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator.machinery import cores as parallel_module
from generator.pages import writer


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """One catalogue built once for the read-only tests of this module."""
    request.getfixturevalue("h").pin_build(request, EPOCH)
    h = request.getfixturevalue("h")
    tmp = tmp_path_factory.mktemp("katalog")
    root = tmp / "content"
    write = h.write_entry
    body = (
        "## Latar Belakang\n\nWarga desa jauh dari kantor.\n\n"
        "| Tahun | Layanan |\n|---|--:|\n| 2021 | 120 |\n\n"
        '<p onclick="alert(3)">Paragraf <b>tebal</b></p>\n\n'
        f"{XSS}\n\n"
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video"></iframe>\n\n'
        "[tautan jahat](javascript:alert(4)) dan [entri lain](../jawa-tengah/replika-tengah.md)\n"
    )
    write(root, "jawa-timur", "adminduk-keliling", body=body, **rich())
    write(root, "jawa-timur", "kedua-jatim", judul="Inovasi Kedua Jawa Timur")
    write(root, "jawa-timur", "ketiga-jatim", judul="Inovasi Ketiga Jawa Timur",
          diperbarui="2024-01-01")  # over 12 months before the build: stale
    write(root, "jawa-tengah", "replika-tengah", judul="Replika di Jawa Tengah",
          instansi="\n  nama: Pemerintah Kabupaten Klaten\n  jenis: pemkab",
          kebaruan="\n  jenis: modifikasi\n  uraian: " + " ".join(f"ubah{i}" for i in range(35)),
          replikasi_dari="\n  - inovasi: adminduk-keliling",
          # in its own words, with evidence of its own: the replication counts for the origin
          ringkasan="Petugas kecamatan di Klaten melayani dokumen kependudukan langsung di desa.",
          masalah="Warga Klaten di lereng Merapi jauh dari kantor Dinas Kependudukan dan Pencatatan Sipil.",
          evaluasi="\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n"
                   "    tautan: https://klatenkab.go.id/monev")
    write(root, "jawa-timur", "rahasia-draf", judul="Draf Rahasia Sekali", draf="true")
    write(root, "nasional", "xss-di-mana-mana", text=evil_entry())
    (root / "data-terbuka.md").write_text("# Data Terbuka\n\nSegera.\n", encoding="utf-8")
    (root / "tentang.md").write_text(  # an authored page whose front matter Material would print raw
        f"---\ntitle: {yaml_text('Tentang ' + EVIL)}\ndescription: {yaml_text('Deskripsi ' + EVIL)}\n"
        f"author: {yaml_text('Penulis ' + EVIL)}\n---\nIsi halaman.\n", encoding="utf-8")
    site = run_build(tmp, pages_listing_size=2)
    return site


# --- entry pages ------------------------------------------------------------------------------


@pytest.mark.site
def test_entry_page_shows_the_badges_with_their_reasons_and_what_earns_the_next_level(catalogue: Path) -> None:
    html = page(catalogue, "inovasi/adminduk-keliling")
    badges = article(html)[article(html).index('id="lencana-kriteria"'):article(html).index('id="masalah"')]
    text = text_of(badges)
    # levels by their citizen-facing names from the criteria table, as the chips say them
    assert "Kebaruan bukti kuat" in text
    assert "Efektif bukti awal" in text
    assert "Bermanfaat bukti sangat kuat" in text
    assert "Dapat Ditransfer bukti sangat kuat" in text
    assert "Berkelanjutan belum ada bukti" in text
    assert "skor 9 dari 15" in text and "Arti setiap lencana dan buktinya" in text
    # what each criterion means, and what earns the next level, in the methodology's words: the
    # front-matter keys and YAML are for authors (`katalog badges`, the pull request's comment)
    assert "Inovasi dijamin berlanjut oleh dasar hukum, anggaran dan organisasi pelaksana." in text
    assert "Untuk bukti awal: 1 dari 3 pilar terbukti (dasar hukum, anggaran, organisasi pelaksana)." in text
    assert "syarat:" not in text  # what every entry needs is on the Kriteria page; its reasons say what it lacks
    assert "kunci" not in text and "kontribusi/#kunci-" not in badges and "Contoh YAML" not in text
    assert "Waktu penerbitan KTP-el 14 → 1 hari" in text  # a reason naming the evidence
    assert "Belum lengkap" not in text  # the chips say which badges have no evidence yet
    # levels are text, not colour only; the visual meter is drawn by CSS, with no markup to hide
    assert "katalog-pip" not in badges


@pytest.mark.site
def test_entry_page_has_summary_metadata_results_body_and_evidence(catalogue: Path) -> None:
    html = page(catalogue, "inovasi/adminduk-keliling")
    text = text_of(article(html))
    assert text.startswith("Jelajahi Jawa Timur Adminduk Keliling Tulungagung")
    assert "Petugas Dukcapil mendatangi desa terpencil" in text  # ringkasan
    assert "Jenis Non-digital" in text and "Urusan Administrasi Kependudukan dan Pencatatan Sipil" in text
    assert "Provinsi Jawa Timur" in text and "Mulai 15 Januari 2020" in text
    assert "Indikator Sebelum Sesudah Sumber Waktu penerbitan KTP-el 14 hari" in text  # results table
    assert "Latar Belakang" in text and "Warga desa jauh dari kantor." in text  # the body
    assert 'href="https://contoh.go.id/laporan"' in html  # evidence links
    assert 'href="https://contoh.go.id/manfaat"' in html
    assert "Terakhir diperbarui instansi: 10 Januari 2026" in text
    assert html.count("<h1") == 1


@pytest.mark.site
def test_replication_is_shown_on_both_sides_with_links(catalogue: Path) -> None:
    origin = article(page(catalogue, "inovasi/adminduk-keliling"))
    replica = article(page(catalogue, "inovasi/replika-tengah"))
    assert '<a href="../../inovasi/replika-tengah/">Replika di Jawa Tengah</a>' in origin
    assert "Pemerintah Kabupaten Klaten" in text_of(origin[origin.index("Direplikasi oleh"):])
    assert '<a href="../../inovasi/adminduk-keliling/">Adminduk Keliling Tulungagung</a>' in replica
    assert "Direplikasi oleh 1 instansi lain: Pemerintah Kabupaten Klaten" in text_of(origin)


@pytest.mark.site
def test_url_is_inovasi_id_whatever_the_folder(catalogue: Path) -> None:
    assert (catalogue / "inovasi/xss-di-mana-mana/index.html").is_file()  # folder nasional/
    assert (catalogue / "inovasi/replika-tengah/index.html").is_file()  # folder jawa-tengah/
    assert not (catalogue / "innovations").exists()
    assert not (catalogue / "inovasi" / writer.SHELL_ID).exists()
    html = page(catalogue, "inovasi/replika-tengah")
    assert '<link rel="canonical" href="https://contoh.go.id/katalog/inovasi/replika-tengah/">' in html
    assert 'property="og:url"' not in html  # the canonical link says it (katalog/meta.html)
    assert writer.SHELL_ID not in html and "KATALOG0" not in html


def _stylesheets(site: Path, url: str) -> list[Path]:
    html = page(site, url)
    return [_resolve(site, url, href) for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)]


NAV = ["Beranda", "Jelajahi", "Statistik", "Kriteria", "Data Terbuka", "Kontribusi"]


def menu(html: str) -> list[str]:
    """The links of the header's row of sections (theme/katalog/kepala.html), on every page."""
    found = re.search(r'<nav class="katalog-kepala__menu" aria-label="Navigasi">(.*?)</nav>', html, re.S)
    return re.findall(r">([^<]+)</a>", found.group(1)) if found else []


@pytest.mark.site
def test_entry_page_is_a_lean_document_of_its_own(catalogue: Path) -> None:
    """What every entry page repeats is cut to what a reader uses (theme/katalog/entri.html): no
    scaffolding for Material's script, which entry pages do not run, a one-line footer, and the
    frame around the article a few kilobytes."""
    html = page(catalogue, "inovasi/adminduk-keliling")
    for unused in ("md-toggle", "md-overlay", "md-dialog", "data-md-component", "__config", "md-sidebar", "md-top"):
        assert unused not in html, unused
    assert re.findall(r"<script\b[^>]*>", html) == ['<script type="application/ld+json">']
    # a reader keeps: the skip link to the article, the header's link home with the site's name,
    # the sections in one row, the breadcrumb, the landmarks
    assert '<a href="#isi" class="md-skip">Langsung ke isi</a>' in html
    assert re.search(r'<article class="[^"]*\bkatalog-entri\b[^"]*" id="isi">', html)
    assert '<header class="md-header katalog-kepala"><p class="md-grid"><a href="../..">Katalog Uji</a></p></header>' in html
    menu = re.search(r'<nav class="katalog-kepala__menu" aria-label="Navigasi">(.*?)</nav>', html).group(1)
    assert re.findall(r">([^<]+)</a>", menu) == [*NAV, "Kode sumber"]  # the repository last, in Indonesian
    assert f'<a href="{REPO}">Kode sumber</a>' in menu
    assert '<nav class="katalog-jejak" aria-label="Jejak halaman">' in html
    assert html.count("<main") == 1 and html.count("<footer") == 2  # the site's, and the article's own
    frame = html[:html.index("<article")] + html[html.index("</article>"):]
    assert len(frame.encode()) < 3_000, len(frame.encode())  # 6.7 KB with Material's frame


@pytest.mark.site
def test_entry_page_links_the_stylesheets_the_other_pages_link(catalogue: Path) -> None:
    """The entry shell names Material's stylesheets itself (it does not extend Material's
    base.html): the same files as every other page, and files that exist."""
    entry = _stylesheets(catalogue, "inovasi/adminduk-keliling")
    assert entry and all(path.is_file() for path in entry)
    other = _stylesheets(catalogue, "statistik")
    # palette.css holds only rules for Material's named colours, which an entry page does not name
    assert [p for p in other if not p.name.startswith("palette.")] == entry


@pytest.mark.unit
def test_entry_page_under_serve_has_no_content_security_policy() -> None:
    """`mkdocs serve` injects its live-reload script inline; the plugin sets
    extra.katalog_serve there, and the head (katalog/meta.html) then leaves the policy out."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(ROOT / "generator" / "theme")))
    env.filters["url"] = lambda value: value
    meta = env.get_template("katalog/meta.html")
    for template in ("katalog/entri.html", "main.html"):
        page_ = {"meta": {"template": template, "title": "Judul", "description": "Ringkasan"}, "canonical_url": None}
        for serve, has_policy in ((True, False), (False, True)):
            config = {"extra": {"katalog_serve": serve}, "site_name": "Katalog", "site_url": "",
                      "theme": {"favicon": "favicon.png"}}
            out = meta.render(page=page_, config=config, mkdocs_version="1")
            assert ('http-equiv="Content-Security-Policy"' in out) == has_policy, (template, serve)
            assert "<title>Judul - Katalog</title>" in out


@pytest.mark.site
def test_edit_link_points_at_the_source_file(catalogue: Path) -> None:
    html = page(catalogue, "inovasi/replika-tengah")
    edit = f'{REPO}/edit/main/content/innovations/jawa-tengah/replika-tengah.md'
    assert 'title="Ubah halaman ini"' not in html  # not the theme's button too: one edit link
    assert f'<a href="{edit}" rel="edit">Ubah entri ini di repositori</a>' in html
    assert html.count('rel="edit"') == 1


@pytest.mark.site
def test_entries_gone_quiet_are_inactive(catalogue: Path) -> None:
    # Updated 1 January 2024, never verified: 29 months before the build, past the table's 24.
    quiet = text_of(article(page(catalogue, "inovasi/ketiga-jatim")))
    fresh = text_of(article(page(catalogue, "inovasi/kedua-jatim")))
    assert "Status verifikasi: Tidak aktif" in quiet
    assert "tidak diperbarui dan tidak diverifikasi sejak 1 Januari 2024" in quiet and "lebih dari 24 bulan" in quiet
    assert "Status verifikasi: Diajukan" in fresh and "Tidak aktif" not in fresh
    assert "Status verifikasi: Tidak aktif" in text_of(page(catalogue, "jelajahi/jawa-timur/2"))


@pytest.mark.site
def test_json_ld_and_sitemap(catalogue: Path) -> None:
    html = page(catalogue, "inovasi/adminduk-keliling")
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "WebPage" and data["dateModified"] == "2026-01-10"
    service = data["mainEntity"]
    assert service["@type"] == "GovernmentService" and service["name"] == "Adminduk Keliling Tulungagung"
    assert service["provider"] == {"@type": "GovernmentOrganization", "name": "Pemerintah Kabupaten Tulungagung"}
    assert service["areaServed"] == "Kabupaten Tulungagung"
    assert service["serviceType"] == ["Administrasi Kependudukan dan Pencatatan Sipil"]
    # Each fact once: the address, name, language and summary are in the <head> already.
    assert "description" not in raw and "url" not in data and data.get("name") is None
    sitemap = (catalogue / "sitemap.xml").read_text(encoding="utf-8")
    assert ("<url><loc>https://contoh.go.id/katalog/inovasi/ketiga-jatim/</loc>"
            "<lastmod>2024-01-01</lastmod></url>") in sitemap
    assert "<loc>https://contoh.go.id/katalog/</loc>" in sitemap
    assert writer.SHELL_ID not in sitemap


# --- bodies -----------------------------------------------------------------------------------


@pytest.mark.site
def test_body_renders_like_the_forge_preview_and_is_sanitised(catalogue: Path) -> None:
    body = article(page(catalogue, "inovasi/adminduk-keliling"))
    body = body[body.index('class="katalog-uraian"'):]
    assert "<th>Tahun</th>" in body and '<td style="text-align:right">120</td>' in body  # GFM table
    assert "<p>Paragraf <b>tebal</b></p>" in body  # raw HTML kept, event handler dropped
    assert "onclick" not in body and "<script" not in body and "alert(1)" not in body
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc123" title="Video"' in body
    assert 'referrerpolicy="strict-origin"' in body and "sandbox=" in body  # our attributes, not the author's
    # An iframe from any other host never gets this far: validation refuses it (test_render.py).
    assert 'href="javascript:' not in body and "[tautan jahat](javascript:alert(4))" in body  # left as text
    assert 'href="../replika-tengah/"' in body  # a link to another entry's file → its page


# --- listings, home, pages --------------------------------------------------------------------


@pytest.mark.site
def test_province_listing_is_paginated_with_counts(catalogue: Path) -> None:
    first = text_of(article(page(catalogue, "jelajahi/jawa-timur")))
    second = page(catalogue, "jelajahi/jawa-timur/2")
    assert "3 inovasi dari Provinsi Jawa Timur, urut judul. Menampilkan 1–2." in first
    assert "Adminduk Keliling Tulungagung" in first and "Inovasi Kedua Jawa Timur" in first
    assert "Inovasi Ketiga Jawa Timur" in text_of(article(second))
    assert '<a aria-current="page" href="../../../jelajahi/jawa-timur/2/">2</a>' in second
    assert 'rel="prev"' in second and "<script" not in article(second)
    browse = text_of(article(page(catalogue, "jelajahi")))
    assert "Jawa Timur 3" in browse and "Jawa Tengah 1" in browse and "Aceh 0" in browse


@pytest.mark.site
def test_drafts_are_not_published(catalogue: Path) -> None:
    assert not (catalogue / "inovasi/rahasia-draf").exists()
    for name, html in all_html(catalogue).items():
        assert "Draf Rahasia Sekali" not in html, name
        assert "rahasia-draf" not in html, name
    assert "rahasia-draf" not in (catalogue / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.site
def test_front_matter_is_escaped_everywhere(catalogue: Path) -> None:
    pages = all_html(catalogue)
    entry = pages["inovasi/xss-di-mana-mana/index.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in entry  # shown as text ...
    for name, html in pages.items():
        assert "<script>alert(" not in html, name  # ... never run
        assert "<img src=x" not in html and "<img/src=x" not in html, name
    # in the head too: <title>, description, JSON-LD (as \u003c escapes, like Jinja's tojson)
    head = entry[: entry.index("</head>")]
    assert "<title>Judul &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in head
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1)
    assert "<" not in ld and json.loads(ld)["mainEntity"]["name"] == f"Judul {EVIL}"
    assert '<a href="https://contoh.go.id/&quot;&gt;&lt;img/src=x/onerror=alert(5)&gt;" rel=' in entry
    assert "Judul &lt;script&gt;" in pages["jelajahi/nasional/index.html"]  # listing
    assert "Judul &lt;script&gt;" in pages["index.html"]  # home (newest)
    assert "Kementerian &lt;script&gt;" in pages["statistik/kualitas-data/index.html"]
    about = pages["tentang/index.html"]  # authored pages: title, description, author, header, h1
    assert "<title>Tentang &lt;script&gt;" in about and 'content="Deskripsi &lt;script&gt;' in about
    assert 'content="Penulis &lt;script&gt;' in about and "<h1>Tentang &lt;script&gt;" in about


@pytest.mark.site
def test_home_statistics_methodology_quality_and_nav(catalogue: Path) -> None:
    home = page(catalogue, "")
    text = text_of(article(home))
    assert "5 inovasi diterbitkan" in text  # the draft is not counted
    assert "Inovasi terbaru" in text
    assert '<figure class="katalog-grafik' in home and 'role="img" aria-label="Sebaran tingkat bukti lencana' in home
    assert 'aria-label="Jawa Timur, JI: 3 inovasi"' in home  # the provinces' map
    assert menu(home) == [*NAV, "Kode sumber"]
    assert 'aria-current="page">Beranda</a>' in home  # the page's own section, marked
    assert "md-nav__link" not in home and "md-sidebar--primary" not in home  # one menu: the header's
    stats = page(catalogue, "statistik")
    assert stats.count('role="img"') >= 4 and "Jumlah inovasi per urusan pemerintahan" in stats
    assert "Tabel data: Jumlah inovasi per provinsi" in text_of(stats)
    method = text_of(article(page(catalogue, "kriteria")))
    assert "Kebaruan" in method and "Jumlah penerima manfaat" in method and "201–500 orang" in method
    quality = text_of(article(page(catalogue, "statistik/kualitas-data")))
    assert "Per provinsi" in quality and "Pemerintah Kabupaten Klaten" in quality
    assert "Pemerintah Kabupaten Tulungagung" in text_of(page(catalogue, "statistik/kualitas-data/jawa-timur"))
    guide = text_of(article(page(catalogue, "kontribusi")))
    assert "instansi.nama" in guide and "diperbarui" in guide


@pytest.mark.site
def test_nav_holds_the_generated_pages_without_authored_ones(tmp_path: Path, h: Any) -> None:
    h.write_entry(tmp_path / "content")
    site = run_build(tmp_path)
    assert menu(page(site, "")) == [*NAV, "Kode sumber"]
    assert "Berkas data terbuka" in page(site, "data-terbuka")  # generated, with no data-terbuka.md


def _resolve(site: Path, page_url: str, href: str) -> Path:
    return (site / page_url / href).resolve()


@pytest.mark.site
def test_open_data_is_published_with_the_site(catalogue: Path) -> None:
    whole = json.loads((catalogue / "api/inovasi.json").read_text(encoding="utf-8"))
    ids = [item["id"] for item in whole["inovasi"]]
    assert ids == ["adminduk-keliling", "kedua-jatim", "ketiga-jatim", "replika-tengah", "xss-di-mana-mana"]
    origin = whole["inovasi"][0]
    assert origin["url"] == "https://contoh.go.id/katalog/inovasi/adminduk-keliling/"
    assert origin["data"] == "https://contoh.go.id/katalog/api/inovasi/adminduk-keliling.json"
    assert origin["direplikasi_oleh"] == ["replika-tengah"]
    record = json.loads((catalogue / "api/inovasi/adminduk-keliling.json").read_text(encoding="utf-8"))
    assert record["direplikasi_oleh"] == [{"id": "replika-tengah", "instansi": "Pemerintah Kabupaten Klaten",
                                          "dihitung": True, "dikonfirmasi": False}]
    assert record["verifikasi"]["status"] == origin["verifikasi"]["status"] == "diajukan"
    evil = whole["inovasi"][-1]
    assert EVIL in evil["judul"]  # data, not HTML: kept as written, escaped where it is shown
    # No <link rel="alternate"> feed autodiscovery: Material's JavaScript reads such links as
    # language versions of the site and fetches a sitemap.xml beside them (a 404 in api/).
    assert 'rel="alternate"' not in page(catalogue, "")
    feed = (catalogue / "api/terbaru.xml").read_text(encoding="utf-8")
    assert "<script" not in feed and "&lt;script&gt;" in feed
    # The page: the authored intro, then the generated list, whose links all lead to files.
    html = article(page(catalogue, "data-terbuka"))
    assert "Segera." in html and "5 inovasi" in text_of(html)
    hrefs = re.findall(r'href="(\.\./api/[^"]+)"', html)
    assert len(hrefs) == 8  # JSON, CSV and its metadata, the workbook, one entry as JSON, the two schemas, the feed
    for href in hrefs:
        assert _resolve(catalogue, "data-terbuka", href).is_file(), href
    assert "<code>lencana.skor</code>" in html and "<code>instansi.nama</code>" in html


@pytest.mark.site
def test_search_bundle_and_form_are_built(catalogue: Path) -> None:
    assert (catalogue / "assets/javascripts/jelajahi.js").is_file() and (catalogue / "assets/javascripts/cari.js").is_file()
    manifest = json.loads((catalogue / "cari/indeks.json").read_text(encoding="utf-8"))
    assert manifest["jumlah"] == 5  # the published entries, nothing else
    assert sum(len(json.loads(p.read_text(encoding="utf-8"))) for p in (catalogue / "cari/entri").glob("*.json")) == 5
    html = article(page(catalogue, "jelajahi"))
    form = html[html.index('<div id="katalog-cari"'):html.index("</form>")]
    # Shown by CSS only where scripting is on (the browser tests check both), no empty action
    assert '<div id="katalog-cari" class="katalog-cari" data-base="../" data-tautan="inovasi/{id}/">' in form
    assert 'action=""' not in form and '<form role="search" aria-label="Cari inovasi" method="get">' in form
    assert '<option value="jawa-timur" data-label="Jawa Timur" data-count="3">Jawa Timur (3)</option>' in form
    assert '<label for="cari-kebaruan">Lencana kebaruan</label>' in form
    assert '<script type="module" async src="../assets/javascripts/jelajahi.js"></script>' in html
    assert EVIL not in html  # facet values come from vocabularies; nothing raw from an entry


@pytest.mark.site
def test_a_minimal_mkdocs_yml_builds(tmp_path: Path, h: Any) -> None:
    # No site_url, repo_url or edit_uri: what a new adopter writes first.
    h.write_entry(tmp_path / "content")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Uji\ndocs_dir: content\nsite_dir: site\ntheme:\n  name: material\n  custom_dir: {ROOT / 'generator' / 'theme'}\n"
        "plugins:\n  - katalog\n", encoding="utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    html = page(tmp_path / "site", "inovasi/adminduk-keliling")
    assert "Adminduk Keliling Tulungagung" in html and writer.SHELL_ID not in html
    assert 'rel="canonical"' not in html and "Ajukan entri replikasi di GitHub" not in html
    data = json.loads((tmp_path / "site/api/inovasi/adminduk-keliling.json").read_text(encoding="utf-8"))
    assert data["url"] == "inovasi/adminduk-keliling/"


@pytest.mark.site
def test_search_can_be_turned_off(tmp_path: Path, h: Any) -> None:
    h.write_entry(tmp_path / "content")
    site = run_build(tmp_path, search=False)
    assert not (site / "cari").exists()


@pytest.mark.site
def test_entry_page_offers_its_files_and_a_replication_through_the_form(catalogue: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    import yaml

    from generator import issueform

    html = article(page(catalogue, "inovasi/adminduk-keliling"))
    # The source file is linked in the repository, never copied into the site (its comments are
    # the authors' notes, and a copy per entry would double the site at national scale).
    assert f'href="{REPO}/blob/main/content/innovations/jawa-timur/adminduk-keliling.md"' in html
    assert not list(catalogue.rglob("*.md"))
    js = re.search(r'href="([^"]+\.json)" type="application/json"', html).group(1)
    assert json.loads(_resolve(catalogue, "inovasi/adminduk-keliling", js).read_text("utf-8"))["id"] == \
        "adminduk-keliling"
    # Replicating without git: the repository's issue form, the origin filled in.
    link = unescape(re.search(r'<a href="([^"]+)">Usulkan replikasi lewat formulir', html).group(1))
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPO}/issues/new"
    query = parse_qs(parts.query)
    assert query["template"] == ["usulkan-inovasi.yml"]
    assert query["title"] == ["[Usulan] Replikasi Adminduk Keliling Tulungagung"]
    assert query["replikasi_dari"] == ["adminduk-keliling"]
    # Each name in the query is a field of the committed form (GitHub fills fields by their id).
    form = yaml.safe_load((ROOT / issueform.TEMPLATE_PATH).read_text(encoding="utf-8"))
    assert form["title"] == "[Usulan] " and "replikasi_dari" in {q.get("id") for q in form["body"]}
    assert len(link) < 300  # on every entry page: the prefilled draft it replaced was ~2 KB
    # The path with git keeps the whole draft: `katalog replicate` (tests/test_contributing.py),
    # told once on the contributing page, which every entry page links in its menu.
    assert "katalog replicate" not in html
    guide = article(page(catalogue, "kontribusi"))
    assert "<code>katalog replicate &lt;id&gt; --instansi" in guide and 'id="replikasi"' in guide


# --- failing builds, serve, cache ---------------------------------------------------------------


@pytest.mark.site
def test_invalid_entry_fails_the_build_with_file_line_and_leaves_no_site(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "content"
    h.write_entry(root)
    h.write_entry(root, "jawa-barat", "salah-status", status="Aktif")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run_build(tmp_path)
    assert "content/innovations/jawa-barat/salah-status.md:12:9: error: status:" in caplog.text
    assert not (tmp_path / "site").exists()
    assert not any(p.name.startswith(".site") for p in tmp_path.iterdir())


@pytest.mark.site
def test_failing_build_leaves_the_previous_site_untouched(tmp_path: Path, h: Any) -> None:
    root = tmp_path / "content"
    h.write_entry(root)
    site = run_build(tmp_path)
    before = {name: html for name, html in all_html(site).items()}
    h.write_entry(root, "jawa-barat", "salah-status", status="Aktif")
    with pytest.raises(Abort):
        run_build(tmp_path)
    assert all_html(site) == before


@pytest.mark.site
def test_a_rebuild_replaces_the_site_and_the_old_one_is_deleted_in_the_background(tmp_path: Path, h: Any) -> None:
    import time

    root = tmp_path / "content"
    h.write_entry(root)
    site = run_build(tmp_path)
    h.write_entry(root, "bali", "kedua", judul="Inovasi Kedua di Bali")
    run_build(tmp_path)
    assert "Inovasi Kedua di Bali" in page(site, "inovasi/kedua")
    assert (site / "api/inovasi/kedua.json").is_file() and (site / "cari/indeks.json").is_file()
    deadline = time.monotonic() + 20
    while any(p.name.startswith(".site") for p in tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.site
def test_serve_shows_errors_and_keeps_the_last_good_catalogue(tmp_path: Path, h: Any) -> None:
    root = tmp_path / "content"
    path = h.write_entry(root)
    site = run_build(tmp_path, command="serve")
    assert "Adminduk Keliling Tulungagung" in page(site, "inovasi/adminduk-keliling")
    # the dev server's live reload is an inline script: under serve no page carries the policy
    assert "Content-Security-Policy" not in page(site, "inovasi/adminduk-keliling") + page(site, "")
    path.write_text(h.entry_text(judul="Judul Baru", status="Aktif"), encoding="utf-8")
    try:
        run_build(tmp_path, command="serve")  # does not raise
    finally:
        load_config(config_file=str(tmp_path / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    entry = page(site, "inovasi/adminduk-keliling")
    assert "Adminduk Keliling Tulungagung" in entry and "Judul Baru" not in entry  # the last good one
    assert "Katalog memuat 1 galat. Situs menampilkan versi katalog terakhir yang valid;" in text_of(entry)  # a banner
    # on every page ...
    errors = text_of(page(site, "galat-katalog"))  # ... linking to the list
    assert "content/innovations/jawa-timur/adminduk-keliling.md:12:9: error: status:" in errors


@pytest.mark.site
def test_rebuild_uses_the_body_cache_and_workers_write_the_same_pages(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "content"
    for i in range(6):
        h.write_entry(root, "bali", f"entri-{i}", body=f"## Bagian {i}\n\nIsi *{i}*.\n")
    with caplog.at_level(logging.INFO):
        site = run_build(tmp_path)
    assert "6 halaman inovasi: 6 ditulis (6 uraian dirender, 0 dari cache), 0 tetap" in caplog.text
    assert (tmp_path / ".cache/katalog/bodies.sqlite").is_file()
    serial = all_html(site)

    monkeypatch.setattr(parallel_module, "PARALLEL_FROM", 1)
    monkeypatch.setattr(writer, "BATCH", 2)
    (root / "innovations/bali/entri-0.md").write_text(
        h.entry_text("bali", body="## Bagian 0\n\nIsi *diubah*.\n"), encoding="utf-8")
    (tmp_path / ".cache/katalog/situs.json").unlink()  # every page written again, by the workers
    caplog.clear()
    with caplog.at_level(logging.INFO):
        run_build(tmp_path, catalogue_jobs=2)
    assert "6 halaman inovasi: 6 ditulis (1 uraian dirender, 5 dari cache), 0 tetap" in caplog.text
    parallel = all_html(site)
    assert "Isi <em>diubah</em>." in parallel["inovasi/entri-0/index.html"]
    changed = {name for name in serial if serial[name] != parallel[name]}
    assert changed == {"inovasi/entri-0/index.html"}


@pytest.mark.site
def test_a_body_edited_after_the_load_stops_the_build_and_no_page_shows_it(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """The builder holds no body: each page's body is read again from its file by the writer that
    renders it, and held to what the load saw. A file edited after the load (its new text never
    validated, its badges not made from it) stops the build; the previous site stays."""
    from generator.build import Build

    root = tmp_path / "content"
    for i in range(3):
        h.write_entry(root, "bali", f"entri-{i}", body=f"## Bagian {i}\n\nIsi *{i}*.\n")
    site = run_build(tmp_path, cache=False)
    before = all_html(site)
    edited = root / "innovations/bali/entri-1.md"
    make_pages = Build.make_pages

    def edit_after_the_load(self: Build, *args: Any, **kwargs: Any) -> Any:
        edited.write_text(h.entry_text("bali", body="## Bagian 1\n\nIsi <script>tidak divalidasi</script>.\n"),
                          encoding="utf-8")
        return make_pages(self, *args, **kwargs)

    monkeypatch.setattr(Build, "make_pages", edit_after_the_load)
    (root / "innovations/bali/entri-0.md").write_text(h.entry_text("bali", body="## Bagian 0\n\nBaru.\n"),
                                                      encoding="utf-8")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run_build(tmp_path, cache=False)
    assert ("content/innovations/bali/entri-1.md: file ini isinya berubah setelah katalog dimuat, selama situs "
            "dibangun; uraiannya tidak dipakai. Jalankan build lagi setelah file selesai diubah; situs tidak "
            "dibangun.") in caplog.text
    assert all_html(site) == before
    assert not any(p.name.startswith(".site") for p in tmp_path.iterdir())


@pytest.mark.site
def test_without_directory_urls(tmp_path: Path, h: Any) -> None:
    h.write_entry(tmp_path / "content")
    config = write_config(tmp_path)
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    cfg = load_config(config_file=str(config))
    cfg.plugins.on_startup(command="build", dirty=False)
    build(cfg)
    html = (tmp_path / "site/inovasi/adminduk-keliling.html").read_text(encoding="utf-8")
    assert 'href="../jelajahi/jawa-timur/index.html"' in html
    assert not (tmp_path / "site/inovasi" / f"{writer.SHELL_ID}.html").exists()
    shutil.rmtree(tmp_path / "site")


@pytest.mark.unit
def test_entry_page_lists_replications_in_progress_apart(h: Any) -> None:
    """Only replications that meet the rule are "Direplikasi oleh"; the others are listed under
    "Replikasi dalam proses" with the reason they do not count yet."""
    from generator.criteria import Replicator, assess
    from generator.loader import parse_text
    from generator.pages.entry import EntryContext, EntryJob, Linked, entry_content
    from generator.urls import Urls
    from generator.validation import validate_parsed

    entry, _ = validate_parsed(parse_text(h.VALID, "entri.md"), "asal", h.TODAY)
    reps = [Replicator("tiru-klaten", "Pemkab Klaten", "penerapan", True),
            Replicator("tiru-sleman", "Pemkab Sleman", "uji_coba", False)]
    job = EntryJob("asal", "innovations/jawa-timur/asal.md", entry, assess(entry, replicated_by=reps, today=h.TODAY),
                   "", "", "k", (), (Linked("tiru-klaten", "Replika Klaten", "Pemkab Klaten"),
                                 Linked("tiru-sleman", "Replika Sleman", "Pemkab Sleman")))
    html = entry_content(job, EntryContext(Urls(), None, h.TODAY), "", "inovasi/asal/", None)
    counted = html[html.index("<h3>Direplikasi oleh</h3>"):html.index("<h3>Replikasi dalam proses</h3>")]
    pending = html[html.index("<h3>Replikasi dalam proses</h3>"):html.index("<h3>Mereplikasi inovasi ini</h3>")]
    assert "Replika Klaten" in counted and "Replika Sleman" not in counted
    assert "Replika Sleman" in pending and 'href="#lencana-dapat_ditransfer"' in pending
    # why it does not count yet is said once, in the transfer badge's reasons that it links to
    reasons = html[html.index('id="lencana-dapat_ditransfer"'):]
    reasons = reasons[:reasons.index("</ul>")]
    assert "tiru-sleman" in reasons and "belum dihitung: belum tahap penerapan dan belum ada bukti sendiri" in reasons
    assert "belum tahap penerapan" not in pending


@pytest.mark.site
def test_a_replication_section_with_nothing_yet_is_one_sentence(catalogue: Path) -> None:
    html = article(page(catalogue, "inovasi/kedua-jatim"))
    part = html[html.index('<h2 id="replikasi">'):html.index("<h3>Mereplikasi inovasi ini</h3>")]
    assert text_of(part) == ("Replikasi Inovasi ini bukan replikasi, belum tercatat direplikasi dan belum memiliki "
                             "panduan replikasi.")
    replica = article(page(catalogue, "inovasi/replika-tengah"))
    part = replica[replica.index('<h2 id="replikasi">'):replica.index("<h3>Mereplikasi inovasi ini</h3>")]
    assert "<h3>Mereplikasi dari</h3>" in part and "<h3>Direplikasi oleh</h3>" not in part
    assert "Inovasi ini belum tercatat direplikasi dan belum memiliki panduan replikasi." in text_of(part)
