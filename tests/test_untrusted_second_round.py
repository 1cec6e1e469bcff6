"""Untrusted contributions, second round: what a probe found after the first round, each now a
refusal at its file and line or harmless output, checked on real files, real `katalog validate`
runs and real `mkdocs build`s (the helpers of test_untrusted_tree.py and test_site_build.py).

Site pages (raw HTML, generated paths, unbounded Markdown), example values counted as evidence,
invisible characters in names and bodies, near copies of an origin's words, image metadata and
decoding, the CSV under other separators, a tampered render cache, URL tricks (dot segments,
user information, a link text that names another address).
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import struct
import subprocess
import sys
import textwrap
import time
import unicodedata
import zlib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EPOCH, JATIM, ROOT, run_build, validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from generator import exports, images, placeholders, render
from generator.catalogue import load_catalogue
from generator.criteria import Replicator, assess, with_replications
from generator.loader import parse_text
from generator.model import Entry
from generator.pages import authored
from generator.pages.html import safe_url
from generator.text import IGNORABLE, NAME, fold, hidden_character, word_hashes
from generator.urls import address_in_text, normalise
from generator.validation import validate_parsed

TODAY = date(2026, 6, 2)


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, h: Any) -> Path:
    """A repository checkout (the working directory) with one valid entry."""
    root = tmp_path / "repo"
    h.write_entry(root / "content")
    monkeypatch.chdir(root)
    return root


def errors_of(out: str) -> list[str]:
    return [line for line in out.splitlines() if ": error: " in line]


# --- site pages: validated, rendered like entry bodies, never at a generated path -----------------

HOSTILE_HTML = {
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=https://phish.example/">',
    "style": "<style>body { display: none }</style>",
    "form": '<form action="https://phish.example/login"><input name="nip"></form>',
    "base": '<base href="https://phish.example/">',
    "event-handler": '<img src="logo.png" onerror="alert(1)">',
    "script": "<script>document.location='https://phish.example/'</script>",
    "link-stylesheet": '<link rel="stylesheet" href="https://phish.example/x.css">',
    "javascript-url": '<a href="javascript:alert(1)">klik</a>',
    "svg-onload": '<svg onload="alert(1)"><circle r="1"/></svg>',
    "object": '<object data="https://phish.example/x.swf"></object>',
}
LEFT_OVER = re.compile(r"<(?:meta http-equiv|style|form|base|script|link rel|svg|object)\b|onerror=|onload=|javascript:",
                       re.I)


@pytest.mark.site
@pytest.mark.parametrize("name", HOSTILE_HTML)
def test_a_site_page_with_html_that_acts_is_refused_at_its_line(repo: Path, name: str) -> None:
    # Before: "✓ 1 file valid." and the build published the tag as it was.
    page = repo / "content/tentang.md"
    page.write_text(f"# Tentang\n\nKatalog uji.\n\n{HOSTILE_HTML[name]}\n", encoding="utf-8")
    code, out, err = validate()  # no path: all of content/
    assert code == 1, out + err
    lines = [x for x in errors_of(out) if x.startswith("content/tentang.md:")]
    assert lines and all(x.startswith("content/tentang.md:5:1: error: ") and "tidak diizinkan" in x for x in lines)
    code, out, _ = validate("content/tentang.md")  # the changed path, as the pull-request check gives it
    assert code == 1 and "content/tentang.md:5:1: error: " in out
    with pytest.raises(Abort):
        run_build(repo, search=False)
    assert not (repo / "site").exists()


@pytest.mark.site
def test_no_page_of_content_goes_through_python_markdown(repo: Path) -> None:
    # MkDocs gets an empty source for every site page and the page is filled by the entries'
    # renderer: Python-Markdown's extensions (admonition, attribute lists) never see its text,
    # and its front matter never chooses a template.
    (repo / "content/tentang.md").write_text(
        "---\ntitle: Tentang katalog\ndescription: Halaman tentang\n---\n# Tentang\n\n!!! warning \"Awas\"\n"
        "    isi peringatan\n\nTeks **tebal** dan [kriteria](kriteria.md#lencana).\n\n## Bagian dua\n\nLagi.\n",
        encoding="utf-8")
    site = run_build(repo, search=False)
    html = (site / "tentang/index.html").read_text(encoding="utf-8")
    assert 'class="admonition' not in html and "!!! warning" in html
    assert "<strong>tebal</strong>" in html
    assert 'href="../kriteria/#lencana"' in html  # a link to a page of the docs dir, as MkDocs links it
    assert '<h2 id="bagian-dua">Bagian dua</h2>' in html and 'href="#bagian-dua"' in html  # its contents column
    assert "<title>Tentang katalog - " in html and 'content="Halaman tentang"' in html


@pytest.mark.unit
@pytest.mark.parametrize("front", ["template: katalog/entri.html", "template: 404.html", "extra_css: x.css",
                                   "title: [daftar]", "hide: [semua]", "title: \"Judul\\u200b tersembunyi\""])
def test_a_site_page_front_matter_holds_three_plain_keys(repo: Path, front: str) -> None:
    (repo / "content/tentang.md").write_text(f"---\n{front}\n---\n# Tentang\n", encoding="utf-8")
    code, out, _ = validate()
    assert code == 1 and any(x.startswith("content/tentang.md:2:") for x in errors_of(out)), out


@pytest.mark.site
def test_a_site_page_front_matter_may_not_expand_aliases(repo: Path) -> None:
    # MkDocs' own reader would expand them (its YAML is PyYAML's SafeLoader): ours refuses first.
    laughs = "\n".join(["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
                       + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)])
    (repo / "content/tentang.md").write_text(f"---\n{laughs}\n---\n# Tentang\n", encoding="utf-8")
    started = time.monotonic()
    code, out, _ = validate()
    assert code == 1 and "anchor/alias YAML" in out and time.monotonic() - started < 10
    with pytest.raises(Abort):
        run_build(repo, search=False)


GENERATED_PATHS = ["inovasi/palsu.md", "inovasi/adminduk-keliling/index.md", "jelajahi/index.md",
                   "jelajahi/jawa-timur/index.md", "jelajahi/bali/2.md", "api/inovasi.md", "api.md", "Inovasi/Palsu.md",
                   "cari/hasil.md", "statistik/kualitas-data/index.md", "statistik/kualitas-data/bali.md",
                   "kriteria/index.md", "galat-katalog.md", "inovasi.md", "assets/logo.png", "jelajahi.md", "README.md"]


@pytest.mark.site
@pytest.mark.parametrize("where", GENERATED_PATHS)
def test_a_site_page_or_image_never_takes_a_generated_path(repo: Path, where: str) -> None:
    # Before: content/inovasi/palsu.md was a fake entry page at /inovasi/palsu/, in the sitemap.
    path = repo / "content" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    if where.endswith(".png"):
        path.write_bytes(_image("PNG"))
    else:
        path.write_text("# Inovasi palsu\n\nHalaman yang menyamar.\n", encoding="utf-8")
    code, out, _ = validate()
    assert code == 1
    assert any(x.startswith(f"content/{where}:1:1: error: alamat /") for x in errors_of(out)), out
    with pytest.raises(Abort):
        run_build(repo, search=False)
    assert not (repo / "site").exists()


@pytest.mark.site
def test_the_pages_that_take_an_introduction_and_free_paths_are_allowed(repo: Path) -> None:
    c = repo / "content"
    for uri in ("index.md", "kriteria.md", "statistik/index.md", "statistik/laporan-tahunan.md", "tentang.md",
                "panduan/menulis.md", "data-terbuka.md"):
        (c / uri).parent.mkdir(parents=True, exist_ok=True)
        (c / uri).write_text(f"# Halaman {uri}\n\nPengantar.\n", encoding="utf-8")
    assert validate()[0] == 0
    site = run_build(repo, search=False)
    assert "Pengantar." in (site / "statistik/laporan-tahunan/index.html").read_text(encoding="utf-8")
    assert "Pengantar." in (site / "kriteria/index.html").read_text(encoding="utf-8")


@pytest.mark.site
def test_the_reserved_paths_cover_everything_the_build_writes(repo: Path, h: Any) -> None:
    # The list `katalog validate` holds pages to is made from the modules that write the paths;
    # a build writes nothing outside it (but the pages and images of content/ themselves).
    h.write_entry(repo / "content", "bali", "lain-lagi", judul="Inovasi Bali Lain Lagi")
    (repo / "content/innovations/jawa-timur/foto.png").write_bytes(_image("PNG"))
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling", gambar="foto.png")
    site = run_build(repo, search=True)
    reserved = authored.reserved_paths()
    outside = []
    for path in sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()):
        if path.startswith("innovations/"):
            continue  # an image of content/, published where it is
        uri = path[: -len("index.html")] + "index.md" if path.endswith("index.html") else path
        if uri in reserved.intros:
            continue
        if authored.path_problem(uri, reserved) is None:
            outside.append(path)
    assert outside == []
    assert any(p.name == "indeks.json" for p in site.rglob("*"))  # the search index was written


@pytest.mark.site
@pytest.mark.parametrize("body", ["[" * 10_000 + "x" + "]" * 10_000, "*a " * 1000 + "b" + " c*" * 1000,
                                  "<div>" * 3000 + "x", "> [a]: b\n" * 200, "[a](" * 3000 + "b"])
def test_a_site_page_is_read_within_the_entries_work_limits(repo: Path, body: str) -> None:
    # Before: 40 KB of nested brackets took the build 72 s (quadratic in Python-Markdown), nested
    # `*` crashed it with RecursionError; validate passed both.
    (repo / "content/berat.md").write_text(f"# Berat\n\n{body}\n", encoding="utf-8")
    started = time.monotonic()
    code, out, err = validate()
    assert code == 1 and "Traceback" not in out + err
    assert any(x.startswith("content/berat.md:") for x in errors_of(out))
    with pytest.raises(Abort):
        run_build(repo, search=False)
    assert time.monotonic() - started < 30


@pytest.mark.unit
def test_hidden_characters_in_a_site_page_are_refused_at_their_column(repo: Path) -> None:
    (repo / "content/tentang.md").write_text("# Tentang\n\nTeks biasa\u202e dibalik.\n", encoding="utf-8")
    code, out, _ = validate()
    assert code == 1 and "content/tentang.md:3:11: error: " in out and "U+202E" in out


# --- examples of the badges' hints count as nothing ------------------------------------------------

def _snippets() -> list[str]:
    """Every YAML snippet the badges print for what is missing, for a spread of entries."""
    base: dict[str, Any] = yaml.safe_load(parse_text(_valid(), "x").front)
    variants = [{}, {"tahapan": "inisiatif"}, {"status": "berhenti", "tanggal": {"mulai": "2020-01-15",
                                                                                  "berhenti": "2021-01-01"}},
                {"hasil": [{"indikator": "Waktu tunggu", "sebelum": {"nilai": 5}}]},
                {"hasil": [{"indikator": "Waktu tunggu", "sebelum": {"nilai": 5, "tanggal": "2020-01-01"},
                            "sesudah": {"nilai": 1, "tanggal": "2021-01-01"}, "sumber": "Data SIAK"}],
                 "evaluasi": [{"jenis": "eksternal", "judul": "Audit BPK", "tahun": 2024}]},
                {"manfaat": {"dasar": "penerima", "nilai": 10}},
                {"replikasi_oleh": [{"instansi": "Pemkab Blitar", "tahun": 2024}]},
                {"keberlanjutan": {"pelaksana": {"unit": "UPT Dukcapil"}}},
                {"panduan_replikasi": {"bentuk": "cetak"}}]
    found: set[str] = set()
    for extra in variants:
        data = {**base, **extra}
        entry = Entry.model_validate(_typed(data))
        for badge in assess(entry, replicated_by=(), today=TODAY).kriteria.values():
            found.update(m.snippet for m in badge.kurang if m.snippet)
    return sorted(found)


def _own_values() -> set[str]:
    """The texts the entries of `_snippets` hold themselves (a hint may quote them back)."""
    return {"Waktu tunggu", "Data SIAK", "Audit BPK", "Pemkab Blitar", "UPT Dukcapil"}


def _typed(data: dict[str, Any]) -> dict[str, Any]:
    text = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"
    return parse_text(text, "x").data  # type: ignore[return-value]


def _valid() -> str:
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import VALID

    return VALID


def _leaves(value: Any, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        return [leaf for k, v in value.items() for leaf in _leaves(v, str(k))]
    if isinstance(value, list):
        return [leaf for v in value for leaf in _leaves(v, key)]
    return [(key, value)] if isinstance(value, str) else []


UNITS_AND_SLUGS = {"satuan", "jenis", "bentuk", "dasar", "status", "tahapan", "penerapan", "capaian"}


@pytest.mark.unit
def test_every_text_of_every_hint_snippet_is_a_known_example() -> None:
    snippets = _snippets()
    assert len(snippets) >= 10
    texts = [(key, value) for snippet in snippets for key, value in _leaves(yaml.safe_load(snippet) or {})
             if key not in UNITS_AND_SLUGS and value not in _own_values()]
    assert texts
    unknown = [(key, value) for key, value in texts if placeholders.in_value(value, key) is None
               and not value.startswith("GANTI")]
    assert unknown == []


def _merge(into: dict[str, Any], data: dict[str, Any]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, list) and isinstance(into.get(key), list) and value and isinstance(value[0], dict):
            _merge(into[key][0], value[0])
        else:
            into.setdefault(key, value)


def _with_snippets() -> str:
    """The valid entry with every hint's snippet pasted in, merged key by key."""
    merged: dict[str, Any] = {}
    for snippet in _snippets():
        _merge(merged, yaml.safe_load(snippet))
    front = yaml.safe_load(parse_text(_valid(), "x").front)
    front.update({k: v for k, v in merged.items() if k not in ("tahapan", "status", "tanggal")})
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\nIsi entri.\n"


@pytest.mark.unit
def test_pasting_the_hints_snippets_earns_nothing_it_is_refused(h: Any) -> None:
    # Before: pasting the snippets raised an entry's score from 3 to 11 of 15, and validated.
    text = _with_snippets()
    found = [d for d in h.check(text) if d.is_error]
    assert found and all("contoh dari petunjuk lencana" in d.message for d in found), [d.format() for d in found]
    keys = {d.field.rsplit(".", 1)[-1].split("[")[0] for d in found}
    assert {"bukti", "sumber", "nomor", "sk", "unit", "uraian"} <= keys
    draft = text.replace("---\nIsi", "draf: true\n---\nIsi")
    assert not [d for d in h.check(draft) if d.is_error]  # a draft may still hold them: a warning


@pytest.mark.unit
@pytest.mark.parametrize(("key", "value"), [
    ("bukti", "https://instansi.go.id/laporan/2025.pdf"), ("bukti", "HTTPS://Instansi.GO.id./dokumen/x"),
    ("bukti", "https://arsip.instansi.go.id/a"), ("bukti", "https://instansi.go.id/a/../dokumen/bukti.pdf"),
    ("sumber", "laporan BULANAN  unit layanan"), ("sumber", "Laporan bulanan unit\u00ad layanan"),
    ("sumber", "Ｌａｐｏｒａｎ bulanan unit layanan")])
def test_an_example_is_an_example_however_it_is_written(h: Any, key: str, value: str) -> None:
    item = {"indikator": "Waktu tunggu KTP-el", "sebelum": {"nilai": 5, "tanggal": "2020-01-01"},
            "sesudah": {"nilai": 1, "tanggal": "2021-01-01"}, "sumber": "Laporan SIAK",
            "bukti": "https://dukcapil.tulungagung.go.id/laporan.pdf", key: value}
    text = h.entry_text(hasil="\n" + textwrap.indent(yaml.safe_dump([item], allow_unicode=True), "  ").rstrip())
    found = [d for d in h.check(text) if d.is_error]
    assert [d.field for d in found][-1:] == [f"hasil[0].{key}"], [d.format() for d in found]


@pytest.mark.unit
def test_a_real_source_that_shares_words_with_an_example_is_not_one(h: Any) -> None:
    item = {"indikator": "Waktu penyelesaian layanan KTP-el", "sebelum": {"nilai": 5, "tanggal": "2020-01-01"},
            "sesudah": {"nilai": 1, "tanggal": "2021-01-01"}, "sumber": "Laporan bulanan unit layanan Disdukcapil",
            "bukti": "https://dukcapil.tulungagung.go.id/instansi.go.id.pdf"}
    text = h.entry_text(hasil="\n" + textwrap.indent(yaml.safe_dump([item], allow_unicode=True), "  ").rstrip())
    assert [d for d in h.check(text) if d.is_error] == []


# --- invisible characters -------------------------------------------------------------------------

def _code_points(*categories: str) -> list[str]:
    return [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) in categories]


@pytest.mark.unit
def test_names_refuse_every_format_separator_and_private_use_character() -> None:
    # Before: 171 of the 222 such code points tried were accepted in names and titles.
    for char in _code_points("Cf", "Zl", "Zp", "Co", "Cc"):
        assert hidden_character(f"Pemerintah Kabupaten{char}Tulungagung", NAME) == char, f"U+{ord(char):04X}"
    for char in map(chr, range(0x110000)):
        if IGNORABLE.match(char):
            assert hidden_character(f"Dinas{char}Kominfo", NAME) == char, f"U+{ord(char):04X}"


@pytest.mark.unit
def test_names_keep_every_letter_mark_and_space_people_write() -> None:
    for char in _code_points("Lu", "Ll", "Lt", "Lo", "Nd", "Zs", "Pd", "Po", "Mn", "Mc"):
        if not IGNORABLE.match(char):
            assert hidden_character(f"Dinas {char} Kota", NAME) is None, f"U+{ord(char):04X}"


@pytest.mark.unit
@pytest.mark.parametrize("category", ["Cf", "Zl", "Zp", "Co"])
def test_a_title_with_one_such_character_fails_validation_at_its_key(h: Any, category: str) -> None:
    points = _code_points(category)
    for char in (points[0], points[len(points) // 2], points[-1]):
        text = h.entry_text(judul=f'"Adminduk \\U{ord(char):08X}Keliling"')
        (diag,) = [d for d in h.check(text) if d.is_error]
        assert (diag.line, diag.field) == (2, "judul") and f"U+{ord(char):04X}" in diag.message


@pytest.mark.unit
def test_names_are_compared_as_people_read_them() -> None:
    name = "Pemerintah Kabupaten Tulungagung"
    for char in map(chr, range(0x110000)):
        if IGNORABLE.match(char):
            assert fold(name[:12] + char + name[12:]) == fold(name), f"U+{ord(char):04X}"
    assert fold("ＰＥＭＥＲＩＮＴＡＨ  kabupaten\u00a0TULUNGAGUNG") == fold(name)
    assert fold("Pemerintah Kabupaten Blitar") != fold(name)


@pytest.mark.unit
def test_three_replications_by_the_origin_s_own_agency_in_disguise_count_for_nothing(h: Any) -> None:
    # Before: the origin's name with U+00AD, U+2063 or U+E0020 counted as three other agencies
    # (transfer badge 0 → 3). Names with those characters are refused; and were one to get
    # through, the badge compares names folded.
    entry = Entry.model_validate(_typed(yaml.safe_load(parse_text(_valid(), "x").front)))
    own = entry.instansi.nama
    disguised = [own[:10] + "\u00ad" + own[10:], own.replace(" ", " \u2063", 1), own + "\U000E0020",
                 own.upper(), "Ｐemerintah Kabupaten Tulungagung"]
    replicas = [Replicator(f"r{i}", name, "penerapan", True) for i, name in enumerate(disguised)]
    base = assess(entry, replicated_by=(), today=TODAY)
    badge = with_replications(base, entry, replicas).kriteria["dapat_ditransfer"]
    assert badge.level == 0, badge.alasan
    for name in disguised[:3]:
        text = h.entry_text(instansi=f'\n  nama: "{name.encode("unicode_escape").decode()}"\n  jenis: pemkab')
        assert [d.field for d in h.check(text) if d.is_error] == ["instansi.nama"]


BODY_HIDDEN = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C,
                                *range(0x200B, 0x200E), *range(0x2060, 0x2065), 0xFEFF, 0x1B, 0x07, 0x7F, 0x9B,
                                0xE0041)]


@pytest.mark.unit
@pytest.mark.parametrize("char", BODY_HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_a_body_refuses_bidi_overrides_zero_width_characters_and_escapes_at_their_column(h: Any, char: str) -> None:
    text = h.entry_text(body=f"## Latar Belakang\n\nPenduduk dusun{char} terpencil.\n")
    (diag,) = [d for d in h.check(text) if d.is_error]
    assert (diag.line, diag.col) == (h.at(text, "Penduduk dusun^")[0], 15) and f"U+{ord(char):04X}" in diag.message


@pytest.mark.unit
def test_a_body_keeps_emoji_accents_and_tabs(h: Any) -> None:
    text = h.entry_text(body="## Latar\n\nKopi ☕ dan café\tuntuk warga 🙂.\n")
    assert [d for d in h.check(text) if d.is_error] == []


# --- near copies ------------------------------------------------------------------------------------

STORY = ("Petugas kecamatan mendatangi setiap desa dua kali sebulan dengan mobil layanan yang membawa perangkat "
         "perekaman KTP-el, pencetak kartu keluarga, dan jaringan satelit sehingga warga tidak perlu lagi ke kota.")


def _copied(h: Any, tmp_path: Path, body: str, **replica: str) -> list[Any]:
    root = tmp_path / "content"
    h.write_entry(root, "jawa-timur", "asal", body=f"## Inovasi\n\n{STORY}\n")
    fields = dict(instansi="\n  nama: Pemerintah Kabupaten Sleman\n  jenis: pemkab",
                  replikasi_dari="\n  - inovasi: asal", body=body)
    fields.update(replica)
    h.write_entry(root, "jawa-timur", "replika", **fields)
    catalogue = load_catalogue(root / "innovations", today=TODAY, jobs=1)
    return [d for d in catalogue.diagnostics if "teks inovasi asal" in d.message]


@pytest.mark.unit
@pytest.mark.parametrize("change", [
    lambda s: s.replace("mobil", "kendaraan"),  # one word (before: passed)
    lambda s: s.replace("mobil", "kendaraan").replace("satelit", "radio"),
    lambda s: s.replace("Petugas kecamatan", "Aparat kelurahan").replace("kota", "ibu kota kabupaten"),
    lambda s: s.replace(" ", " \u200b", 3).replace("\u200b", ""),  # spaces as written differently
    lambda s: s.upper(),
    lambda s: "Di Sleman, " + s + " Hal ini juga kami alami.",
    lambda s: " ".join(s.split(" ")[12:] + s.split(" ")[:12]),  # the halves swapped
])
def test_a_paragraph_that_is_mostly_the_origin_s_is_copied(h: Any, tmp_path: Path, change: Any) -> None:
    (diag,) = _copied(h, tmp_path, f"## Inovasi\n\n{change(STORY)}\n")
    assert diag.is_error and diag.line > 20


@pytest.mark.unit
def test_a_paragraph_of_one_s_own_that_shares_a_phrase_is_not(h: Any, tmp_path: Path) -> None:
    own = ("Di lereng Merapi kami memakai sepeda motor trail karena jalan desa sempit; petugas membawa "
           "perangkat perekaman KTP-el dan mencetak kartu keluarga di balai dusun setiap Kamis pagi.")
    assert _copied(h, tmp_path, f"## Inovasi\n\n{own}\n") == []


@pytest.mark.site
def test_the_words_of_a_text_are_the_same_in_every_process() -> None:
    # No reliance on Python's `hash()`, whose seed differs between processes unless forked.
    script = "from generator.text import word_hashes; print(list(word_hashes('Petugas mendatangi desa KTP-el')))"
    seen = set()
    for seed in ("1", "2", "random"):
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                              env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"}, timeout=60, check=True)
        seen.add(done.stdout)
    assert len(seen) == 1 and seen == {f"{list(word_hashes('petugas MENDATANGI desa ktp el'))}\n"}


@pytest.mark.unit
def test_shingles_are_the_runs_of_three_words_exactly() -> None:
    """Each shingle stands for its three word hashes and nothing else: the 96-bit number
    a·2⁶⁴ + b·2³² + c (a shorter text: its words' bytes as one number), so that two texts share a
    shingle exactly when they share a run of words, hashes of zero and the largest hash included."""
    import random
    from array import array

    from generator.text import shared_shingles, shingles

    def as_numbers(words: array) -> set[int]:
        if len(words) < 3:
            return {int.from_bytes(words.tobytes(), "big")} if words else set()
        return {(a << 64) | (b << 32) | c for a, b, c in zip(words, words[1:], words[2:], strict=False)}

    rng = random.Random(7)
    texts = [array("I"), array("I", [0]), array("I", [0, 0]), array("I", [0, 0, 0]), array("I", [2**32 - 1] * 4),
             array("I", [1, 2]), array("I", [0, 1, 2]), array("I", [5, 1, 2, 5, 1, 2])]
    texts += [array("I", (rng.choice([0, 1, 7, 2**32 - 1, rng.getrandbits(32)]) for _ in range(rng.randrange(1, 40))))
              for _ in range(300)]
    for words in texts:
        made = shingles(words)
        assert all(len(s) == 12 for s in made)
        assert {int.from_bytes(s, "big") for s in made} == as_numbers(words), list(words)
    for words, others in zip(texts, reversed(texts), strict=True):
        theirs = shingles(others) | shingles(array("I", others[::-1]))
        numbers = as_numbers(others) | as_numbers(array("I", others[::-1]))
        own = as_numbers(words)
        assert shared_shingles(words, theirs) == (len(own & numbers), len(own))


# --- images: decoded within limits, published without metadata, only when shown ----------------------

def _image(fmt: str, size: tuple[int, int] = (8, 6), *, exif: bool = False, orientation: int = 0) -> bytes:
    from PIL import Image, PngImagePlugin

    image = Image.new("RGB", size, (200, 30, 30))
    image.putpixel((0, 0), (0, 0, 255))
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if exif or orientation:
        data = Image.Exif()
        if exif:
            data[0x013B] = "Fotografer Rahasia"  # Artist
            data[0x8825] = {1: "S", 2: (7.0, 3.0, 0.0), 3: "E", 4: (112.0, 45.0, 0.0)}  # GPS
        if orientation:
            data[0x0112] = orientation
        options["exif"] = data.tobytes()
    if exif:
        xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description dc:creator="Fotografer Rahasia"/></x:xmpmeta>'
        if fmt == "PNG":
            info = PngImagePlugin.PngInfo()
            info.add_text("Author", "Fotografer Rahasia")
            info.add_itxt("XML:com.adobe.xmp", xmp.decode())
            options["pnginfo"] = info
        else:
            options["xmp"] = xmp
        options["icc_profile"] = b"ICC-Fotografer Rahasia" * 4 if fmt == "JPEG" else None
        options = {k: v for k, v in options.items() if v is not None}
    image.save(out, {"PNG": "PNG", "JPEG": "JPEG", "WebP": "WEBP"}[fmt], **options)
    return out.getvalue()


MARKERS = (b"Exif", b"Fotografer", b"xmpmeta", b"adobe:ns:meta", b"tEXt", b"iTXt", b"eXIf", b"ICC_PROFILE", b"XMP ")


@pytest.mark.site
@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "foto.jpg"), ("PNG", "foto.png"), ("WebP", "foto.webp")])
def test_a_published_image_carries_no_metadata(repo: Path, h: Any, fmt: str, name: str) -> None:
    # Before: a JPEG's EXIF (GPS position, the photographer's name) was published byte for byte.
    data = _image(fmt, exif=True)
    assert b"Fotografer" in data  # the payload is really there
    (repo / f"{JATIM}/{name}").write_bytes(data)
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling", gambar=name)
    site = run_build(repo, search=False)
    published = (site / f"innovations/jawa-timur/{name}").read_bytes()
    assert [m for m in MARKERS if m in published] == []
    from PIL import Image

    with Image.open(io.BytesIO(published)) as image:
        assert image.size == (8, 6) and image.convert("RGB").getpixel((7, 5))[0] > 150
        assert not image.info.get("exif") and not image.info.get("icc_profile")


@pytest.mark.site
def test_a_photo_is_published_upright_once_its_exif_is_gone(repo: Path, h: Any) -> None:
    (repo / f"{JATIM}/foto.jpg").write_bytes(_image("JPEG", (8, 6), orientation=6))  # "rotate 90° to view"
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling", gambar="foto.jpg")
    site = run_build(repo, search=False)
    from PIL import Image

    with Image.open(site / "innovations/jawa-timur/foto.jpg") as image:
        assert image.size == (6, 8)


def _png(width: int, height: int, idat: bytes | None = None) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    body = idat if idat is not None else zlib.compress(b"\x00" * 64)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", body) + chunk(b"IEND", b""))


BAD_IMAGES = {
    "huge-header": ("raksasa.png", _png(50_000, 50_000), "megapiksel"),
    "wide-header": ("lebar.png", _png(1_000_000, 30), "megapiksel"),
    "junk-after-magic": ("sampah.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "tidak dapat dibaca"),
    "truncated-png": ("potong.png", _png(64, 64, zlib.compress(b"\x00" * 500)[:-6]), "tidak dapat dibaca"),
    "truncated-jpeg": ("potong.jpg", None, "tidak dapat dibaca"),
    "jpeg-magic-only": ("kosong.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 300, "tidak dapat dibaca"),
    "webp-header-only": ("kosong.webp", b"RIFF\x1a\x00\x00\x00WEBPVP8 " + b"\x00" * 40, "tidak dapat dibaca"),
}


@pytest.mark.site
@pytest.mark.parametrize("name", BAD_IMAGES)
def test_an_image_that_does_not_decode_within_the_limits_is_refused_at_its_path(repo: Path, name: str) -> None:
    # Before: any bytes after a 12-byte magic number were accepted, and a 50,000 × 50,000 header.
    file, data, message = BAD_IMAGES[name]
    if data is None:
        data = _image("JPEG", (64, 64))[:-200]
    (repo / f"{JATIM}/{file}").write_bytes(data)
    started = time.monotonic()
    for argv in ((), (f"{JATIM}/{file}",)):
        code, out, err = validate(*argv)
        assert code == 1 and "Traceback" not in out + err
        assert any(x.startswith(f"{JATIM}/{file}:1:1: error: ") and message in x for x in errors_of(out)), out
    assert time.monotonic() - started < 20
    with pytest.raises(Abort):
        run_build(repo, search=False)


@pytest.mark.unit
def test_the_images_of_one_pull_request_share_a_total(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(images, "MAX_TOTAL_PIXELS", 3 * 400 * 400)
    given = []
    for n in range(4):
        (repo / f"{JATIM}/foto-{n}.png").write_bytes(_image("PNG", (400, 400)))
        given.append(f"{JATIM}/foto-{n}.png")
    code, out, _ = validate(*given)
    assert code == 1
    (line,) = errors_of(out)
    assert line.startswith(f"{JATIM}/foto-3.png:1:1: error: ") and "per pull request" in line
    assert validate(*given[:3])[0] == 0


@pytest.mark.site
def test_only_the_images_a_published_entry_or_page_shows_are_published(repo: Path, h: Any) -> None:
    c = repo / "content"
    for name in ("sampul.png", "di-isi.png", "lepas.png", "draf.png"):
        (c / f"innovations/jawa-timur/{name}").write_bytes(_image("PNG"))
    (c / "gambar").mkdir()
    (c / "gambar/logo.png").write_bytes(_image("PNG"))
    (c / "gambar/lain.png").write_bytes(_image("PNG"))
    h.write_entry(c, "jawa-timur", "adminduk-keliling", gambar="sampul.png",
                  body="## Foto\n\n![Petugas](di-isi.png)\n\n<img src=\"../../gambar/logo.png\" alt=\"logo\">\n")
    h.write_entry(c, "jawa-timur", "rahasia", gambar="draf.png", draf="true")
    site = run_build(repo, search=False)
    published = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.png") if "assets" not in p.parts)
    assert published == ["gambar/logo.png", "innovations/jawa-timur/di-isi.png", "innovations/jawa-timur/sampul.png"]


# --- the CSV: no formula under any separator -----------------------------------------------------------

CELL_TEXT = st.lists(st.sampled_from(list("ab =+-@;,\t\n\r\"' ") + ["\u00a0", "HYPERLINK(1)", "SUM(A1)"]),
                     min_size=1, max_size=30).map("".join)


def _row(text: str, items: list[str]) -> dict[str, Any]:
    kriteria = {key: {"level": 0} for key in ("kebaruan", "efektif", "bermanfaat", "dapat_ditransfer",
                                              "berkelanjutan")}
    return {"id": "x", "url": "https://contoh.go.id/x/", "judul": text, "unit": text, "masalah": text,
            "kata_kunci": items, "hasil": [{"indikator": text, "sebelum": {"nilai": -5}}],
            "instansi": {"nama": text, "jenis": "pemkab"},
            "lencana": {"kriteria": kriteria, "lengkap": False, "skor": 0, "perlu_verifikasi_ulang": False},
            "direplikasi_oleh": []}


FORMULA = ("=", "+", "-", "@")


@pytest.mark.unit
@settings(max_examples=300, deadline=None)
@given(CELL_TEXT, st.lists(CELL_TEXT, max_size=3))
def test_no_cell_starts_a_formula_whatever_the_separator(text: str, items: list[str]) -> None:
    # Before: `Layanan Warga;=2+5` was written unquoted: read with `;` (Excel under Indonesian
    # settings), `=2+5` was a cell of its own, and ran.
    table = exports.CsvTable()
    written = table.header + table.row(_row(text, items))
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(written, newline=""), delimiter=separator):
            for cell in row:
                assert not cell.lstrip(" \u00a0").startswith(FORMULA), (separator, cell)


@pytest.mark.unit
def test_the_csv_keeps_the_text_readable(repo: Path) -> None:
    assert exports._cell("Layanan Warga;=2+5") == "Layanan Warga;'=2+5"
    assert exports._cell("Biaya turun 30 persen") == "Biaya turun 30 persen"
    assert exports._cell([{"a": "x;=1"}]) == '[{"a":"x\\u003b=1"}]'  # still JSON, the same value


# --- a tampered render cache never reaches a page -----------------------------------------------------

TAMPERED = ['<meta http-equiv="refresh" content="0;url=https://phish.example/">',
            "<script>alert(1)</script><p>teks</p>", '<iframe src="https://phish.example/"></iframe>',
            '<a href="javascript:alert(1)">x</a>', "<b>" * 50_000 + "x",
            '<p class="katalog-isi-ditolak"><strong>Isi entri ini tidak ditampilkan.</strong> <img src=x '
            'onerror=alert(1)></p>\n', "x" * 2_000_000]


@pytest.mark.site
@pytest.mark.parametrize("payload", TAMPERED, ids=range(len(TAMPERED)))
def test_a_tampered_body_cache_never_reaches_a_page(repo: Path, h: Any, payload: str) -> None:
    # Before: a redirect written into .cache/katalog/bodies.sqlite was on 16 of 16 entry pages.
    for n in range(3):
        h.write_entry(repo / "content", "bali", f"entri-{n}", judul=f"Inovasi Bali Nomor {n}")
    run_build(repo, search=False)
    db = repo / ".cache/katalog/bodies.sqlite"
    with sqlite3.connect(db) as conn:
        assert conn.execute("UPDATE bodies SET html = ?", (payload,)).rowcount >= 1
    for page in (repo / "site/inovasi").glob("*/index.html"):
        page.unlink()  # no previous page to keep: the bodies come from the cache
    (repo / ".cache/katalog/situs.json").unlink(missing_ok=True)
    started = time.monotonic()
    site = run_build(repo, search=False)
    assert time.monotonic() - started < 60
    pages = [p.read_text(encoding="utf-8") for p in (site / "inovasi").glob("*/index.html")]
    assert len(pages) == 4
    for html in pages:
        article = html[html.index("<article"): html.index("</article>")]
        assert not re.search(r"<(meta|script|iframe|style)\b|<[^>]+\son\w+\s*=|href=\"javascript:", article, re.I)


# --- addresses ------------------------------------------------------------------------------------------

PLAYER_TRICKS = [
    "https://www.youtube-nocookie.com/embed/%2e%2e/%2e%2e/watch?v=x", "https://www.youtube-nocookie.com/embed/%2E%2E/x",
    "https://www.youtube-nocookie.com/embed/.%2e/redirect", "https://www.youtube-nocookie.com/embed/../../x",
    "https://www.youtube-nocookie.com/embed/..%2F..%2Fredirect", "https://www.youtube-nocookie.com/embed\\..\\x",
    "https://www.youtube-nocookie.com/embed//evil.example/x", "https://x@www.youtube-nocookie.com/embed/abc",
    "https://www.youtube-nocookie.com:444/embed/abc", "http://www.youtube-nocookie.com/embed/abc",
    "https://www.youtube-nocookie.com.evil.example/embed/abc", "https://player.vimeo.com/video/1/../../x",
    "https://player.vimeo.com/video/%31%2F..%2F..%2Fx", "https://www.youtube-nocookie.com/embed/abc/../../x",
]


@pytest.mark.unit
@pytest.mark.parametrize("src", PLAYER_TRICKS)
def test_a_player_address_is_judged_after_it_is_normalised(h: Any, src: str) -> None:
    # Before: …/embed/%2e%2e/%2e%2e/watch passed the allow-list, checked before normalising.
    assert render.player_url(src) is None
    body = f'## Video\n\n<iframe src="{src}"></iframe>\n'
    assert [d for d in h.check(h.entry_text(body=body)) if d.is_error]
    assert "<iframe" not in render.render_markdown(body)


@pytest.mark.unit
@pytest.mark.parametrize("src", ["https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=30",
                                 "HTTPS://WWW.YOUTUBE-NOCOOKIE.COM:443/embed/./dQw4w9WgXcQ",
                                 "https://player.vimeo.com/video/76979871"])
def test_an_allowed_player_is_embedded_at_its_normalised_address(src: str) -> None:
    html = render.render_markdown(f'<iframe src="{src}"></iframe>\n')
    (address,) = re.findall(r'<iframe src="([^"]+)"', html)
    assert address == normalise(src).url()


@pytest.mark.unit
@pytest.mark.parametrize("url", ["https://layanan.jatimprov.go.id@phish.example/login",
                                 "https://user:pass@dinas.go.id/", "http://@dinas.go.id/x",
                                 "https://dinas.go.id%40phish.example/"])
def test_an_address_with_user_information_is_refused_in_the_front_matter(h: Any, url: str) -> None:
    text = h.entry_text(tautan=f"\n  situs: {url}")
    (diag,) = [d for d in h.check(text) if d.is_error]
    assert diag.field == "tautan.situs"


@pytest.mark.unit
def test_an_address_with_user_information_in_a_body_is_no_link(h: Any) -> None:
    body = "## Daftar\n\nDaftar di <https://layanan.jatimprov.go.id@phish.example/login> atau " \
           "[sini](https://dinas.go.id@phish.example/) atau <a href=\"https://a.go.id@phish.example\">sana</a>.\n"
    found = [d for d in h.check(h.entry_text(body=body)) if d.is_error]
    assert len(found) == 3 and all("nama pengguna" in d.message for d in found)
    assert 'href="https://' not in render.render_markdown(body).replace('href="https://layanan', "")


LYING_LINKS = ["[https://layanan.jatimprov.go.id/daftar](https://phish.example/login)",
               "[layanan.jatimprov.go.id](https://phish.example/)", "[www.lapor.go.id](https://lapor.go.id.evil.example/)",
               '<a href="https://phish.example/">https://oss.go.id</a>', "[**oss.go.id**](https://phish.example/)"]


@pytest.mark.unit
@pytest.mark.parametrize("link", LYING_LINKS)
def test_a_link_whose_text_reads_as_an_address_goes_to_that_address(h: Any, link: str) -> None:
    body = f"## Tautan\n\nDaftar di {link} sekarang.\n"
    (diag,) = [d for d in h.check(h.entry_text(body=body)) if d.is_error]
    assert "tampak seperti alamat" in diag.message
    html = render.render_markdown(body)
    for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html):
        host = address_in_text(re.sub(r"<[^>]+>", "", text))
        assert host is None or normalise(href).host.removeprefix("www.") == host, (href, text)


@pytest.mark.unit
@pytest.mark.parametrize("link", ["[lapor.go.id](https://www.lapor.go.id/x)", "[https://oss.go.id/](https://oss.go.id/)",
                                  "[Laporan 2024](https://phish.example/)", "<https://oss.go.id/a>"])
def test_an_honest_link_stays_a_link(h: Any, link: str) -> None:
    assert [d for d in h.check(h.entry_text(body=f"## T\n\nLihat {link}.\n")) if d.is_error] == []


@pytest.mark.unit
def test_a_document_title_that_reads_as_another_address_is_refused(h: Any) -> None:
    text = h.entry_text(tautan="\n  dokumen:\n    - judul: https://jdih.jatimprov.go.id\n      url: https://phish.example/jdih")
    (diag,) = [d for d in h.check(text) if d.is_error]
    assert diag.field == "tautan.dokumen[0].judul" and "tampak seperti alamat" in diag.message
    ok = h.entry_text(tautan="\n  dokumen:\n    - judul: jdih.jatimprov.go.id\n      url: https://jdih.jatimprov.go.id/x")
    assert [d for d in h.check(ok) if d.is_error] == []


@pytest.mark.unit
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("/.%2eE\\@:?#aZ") + ["%2e", "%2E", "..", "%2F", "embed", "video"]),
                max_size=40).map("".join))
def test_no_written_form_of_an_address_gets_past_the_player_allow_list(tail: str) -> None:
    for host in ("www.youtube-nocookie.com", "player.vimeo.com"):
        url = f"https://{host}/{tail}"
        allowed = render.player_url(url)
        if allowed is not None:
            address = normalise(allowed)
            assert address is not None and address.host == host and ".." not in address.path.split("/")
            assert re.fullmatch(r"/(embed|video)/[A-Za-z0-9_-]+", address.path), url


@pytest.mark.unit
def test_validation_of_one_file_runs_no_python_markdown() -> None:
    # What validates renders: both read a body with markdown-it within the same limits.
    parsed = parse_text(_valid().replace("## Latar Belakang", "!!! note\n\n## Latar Belakang"), "x.md")
    entry, diags = validate_parsed(parsed, "x", TODAY)
    assert entry is not None and "!!! note" in render.render_markdown(parsed.body)


@pytest.mark.site
def test_under_serve_an_invalid_site_page_is_left_out_and_its_errors_listed(repo: Path) -> None:
    from mkdocs.config import load_config

    (repo / "content/tentang.md").write_text(f"# Tentang\n\n{HOSTILE_HTML['meta-refresh']}\n", encoding="utf-8")
    (repo / "content/inovasi").mkdir()
    (repo / "content/inovasi/palsu.md").write_text("# Palsu\n", encoding="utf-8")
    try:
        site = run_build(repo, command="serve", search=False)  # does not raise
    finally:
        load_config(config_file=str(repo / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    assert not (site / "tentang").exists() and not (site / "inovasi/palsu").exists()
    errors = (site / "galat-katalog/index.html").read_text(encoding="utf-8")
    assert "content/tentang.md:3:1: error:" in errors and "content/inovasi/palsu.md:1:1: error:" in errors
    assert (site / "inovasi/adminduk-keliling/index.html").is_file()
    for page in site.rglob("*.html"):
        assert "http-equiv=\"refresh\"" not in page.read_text(encoding="utf-8"), page


@pytest.mark.unit
@pytest.mark.parametrize("url", ["http://[x/", "https://dinas.go.id]/layanan", "https://[::1/x",
                                 "http://a＠b.com/", "https://dinas℀go.id/", "http://dinas.go.id／phish.example/"])
def test_an_address_no_parser_reads_is_refused_in_the_front_matter_at_its_line(h: Any, url: str) -> None:
    """The pattern lets these through, but Python's `urlsplit` (and a browser) cannot read their
    host: a lone square bracket, or a character that becomes `@`, `/` or `?` once normalised. The
    page writer raised ValueError on one (a traceback ending the build); now it is an error at
    its key, in words."""
    text = h.entry_text(tautan=f"\n  situs: \"{url}\"\n  dokumen:\n    - judul: Dokumen uji\n      url: \"{url}\"")
    found = [d for d in h.check(text) if d.is_error]
    assert sorted(d.field for d in found) == ["tautan.dokumen[0].url", "tautan.situs"], found
    assert all("alamat web yang dapat dibuka" in d.message and d.line > 0 for d in found)
    assert safe_url(url) is None
