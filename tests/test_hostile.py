"""Entries written to hurt: each costs bounded work and gets a diagnostic, never a traceback,
and never hides the other files' diagnostics."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator import catalogue as catalogue_module
from generator.catalogue import IdIndex, load_catalogue
from generator.diagnostics import Diagnostic, printable, summary_markdown
from generator.loader import MAX_ITEMS, parse_text

ROOT = Path(__file__).resolve().parent.parent
BREAKS = {"LF": "\n", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}


def laughs(line_break: str, levels: int = 12) -> str:
    """A "billion laughs" front matter whose lines end with `line_break`."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return line_break.join(lines)


@pytest.mark.site
@pytest.mark.parametrize("name", BREAKS)
def test_nested_aliases_are_refused_in_constant_time_whatever_breaks_the_lines(name):
    # Before: the pre-check read only "\n" as a line start, and the builder expanded every alias
    # (47 s and 2.4 GB for 1.4 KB; one level more needed ~24 GB). Run apart, with a time limit.
    script = textwrap.dedent(f"""
        import re, time
        from tests.test_hostile import laughs, BREAKS
        from generator.loader import parse_text
        start = time.perf_counter()
        result = parse_text("---\\n" + laughs(BREAKS[{name!r}]) + "\\n---\\n", "x.md")
        # The peak of this program's own memory (VmHWM): ru_maxrss would keep the high-water mark
        # of the test process this one was forked from (Linux carries it across exec).
        with open("/proc/self/status", encoding="ascii") as f:
            peak = int(re.search(r"VmHWM:\\s*(\\d+) kB", f.read()).group(1))
        print(round(time.perf_counter() - start, 3), peak // 1024)
        print([d.format() for d in result.diagnostics])
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    timing, diagnostics = done.stdout.splitlines()
    seconds, megabytes = timing.split()
    assert float(seconds) < 1 and int(megabytes) < 200
    assert "anchor/alias YAML (&nama, *nama) tidak diizinkan" in diagnostics


@pytest.mark.unit
def test_an_alias_of_a_collection_is_refused_by_the_builder_even_past_the_pre_check():
    # A node met twice while building is an alias, whatever text came before it.
    result = parse_text("---\na: &x {b: 1}\nc: !!map *x\n---\n", "x.md")
    assert result.data is None and result.diagnostics


@pytest.mark.unit
@pytest.mark.parametrize("where", ["sdgs:\n  - {digits}", "judul: {digits}", "hasil:\n  - indikator: Antrean\n"
                                   "    sebelum: {{nilai: {digits}, tanggal: 2020-01-01}}"])
def test_a_number_of_any_length_gets_a_diagnostic(h, where):
    text = h.entry_text(extra=None) + ""
    text = text.replace("diperbarui: 2026-01-10", "diperbarui: 2026-01-10\n" + where.format(digits="9" * 5000))
    if where.startswith("judul"):
        text = text.replace("judul: Adminduk Keliling Tulungagung\n", "", 1)
    found = [d for d in h.check(text) if d.is_error]
    if where.startswith("judul"):  # a long number is text where text belongs: too long for a title
        assert [d.field for d in found] == ["judul"] and "terlalu panjang" in found[0].message
    else:
        assert found and all("angka terlalu panjang" in d.message for d in found), [d.format() for d in found]


@pytest.mark.site
def test_a_huge_number_in_one_file_does_not_hide_the_other_files(h, tmp_path):
    content = tmp_path / "innovations" / "jawa-timur"
    content.mkdir(parents=True)
    (content / "besar.md").write_text(h.entry_text(sdgs="\n  - " + "1" * 5000), encoding="utf-8")
    (content / "salah.md").write_text(h.entry_text(status="Aktif"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(tmp_path / "innovations")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "besar.md" in done.stdout and "angka terlalu panjang" in done.stdout
    assert "salah.md" in done.stdout and "'Aktif'" in done.stdout


@pytest.mark.unit
def test_an_unexpected_exception_in_one_file_is_that_file_s_diagnostic(h, tmp_path, monkeypatch):
    content = tmp_path / "innovations" / "jawa-timur"
    content.mkdir(parents=True)
    (content / "rusak.md").write_text(h.entry_text(), encoding="utf-8")
    (content / "salah.md").write_text(h.entry_text(status="Aktif"), encoding="utf-8")
    real = catalogue_module.validate_parsed

    def sometimes_broken(parsed, entry_id, *args, **kwargs):
        if entry_id == "rusak":
            raise KeyError("bug")
        return real(parsed, entry_id, *args, **kwargs)

    monkeypatch.setattr(catalogue_module, "validate_parsed", sometimes_broken)
    catalogue = load_catalogue(tmp_path / "innovations", today=h.TODAY, jobs=1)
    messages = {Path(d.path).name: d.message for d in catalogue.diagnostics}
    assert messages["rusak.md"].startswith("galat internal saat memeriksa file ini (KeyError); mohon laporkan")
    assert "'Aktif'" in messages["salah.md"]


@pytest.mark.unit
def test_lists_are_capped(h):
    text = h.entry_text(kata_kunci="\n" + "\n".join(f"  - kata {n}" for n in range(MAX_ITEMS + 1)))
    (diag,) = [d for d in h.check(text) if d.is_error]
    assert diag.field == "kata_kunci" and diag.message == "daftar ini terlalu panjang: 1.001 butir, maksimal 1.000"


@pytest.mark.unit
def test_did_you_mean_is_capped_per_file_and_found_through_an_index(h, tmp_path):
    content = tmp_path / "innovations" / "jawa-timur"
    content.mkdir(parents=True)
    for n in range(30):
        (content / f"layanan-{n}-keliling.md").write_text(h.entry_text(), encoding="utf-8")
    typos = "".join(f"\n  - inovasi: layanan-{n}-kelilng" for n in range(12))
    (content / "replika.md").write_text(
        h.entry_text(replikasi_dari=typos, ringkasan="Ringkasan replika yang ditulis sendiri oleh instansi ini.",
                     masalah="Masalah replika yang ditulis sendiri oleh instansi ini, bukan salinan."),
        encoding="utf-8")
    catalogue = load_catalogue(tmp_path / "innovations", today=h.TODAY, jobs=1)
    unknown = [d for d in catalogue.diagnostics if "tidak ada di katalog" in d.message]
    assert len(unknown) == 12
    with_hint = [d for d in unknown if "maksud Anda" in d.message]
    assert len(with_hint) == catalogue_module.MAX_SUGGESTIONS
    assert "(maksud Anda 'layanan-0-keliling'?)" in with_hint[0].message
    index = IdIndex(f"inovasi-daerah-{n}" for n in range(32_000))
    assert index.closest("inovasi-daerah-3120O") in ("inovasi-daerah-31200", "inovasi-daerah-3120")


@pytest.mark.unit
@pytest.mark.parametrize(("key", "value", "shown"), [
    ("judul", r'"Adminduk \x01 Keliling"', "karakter kontrol U+0001"),
    ("judul", r'"Adminduk \e[31m Keliling"', "karakter kontrol U+001B"),
    ("judul", '"Adminduk \u202e Keliling"', "pengubah arah teks U+202E"),
    ("judul", '"Adminduk\u200b Keliling"', "karakter tanpa lebar U+200B"),
    ("judul", r'"Adminduk Keliling\nTulungagung"', "baris baru"),
    ("ringkasan", r'"Petugas Dukcapil mendatangi desa \x85 terpencil setiap minggu."', "karakter kontrol U+0085"),
    ("ringkasan", r'"Petugas Dukcapil mendatangi desa \uFFFE terpencil setiap minggu."', "karakter kontrol U+FFFE"),
])
def test_text_fields_refuse_hidden_characters_at_their_line(h, key, value, shown):
    text = h.entry_text(**{key: value})
    (diag,) = [d for d in h.check(text) if d.is_error]
    assert (diag.line, diag.field) == (h.at(text, f"{key}: ^")[0], key)
    assert diag.message == f"teks ini memuat {shown} yang tidak boleh ada di sini; hapus karakter tersebut"


@pytest.mark.unit
def test_line_breaks_and_tabs_stay_allowed_in_long_texts(h):
    text = h.entry_text(ringkasan='"Petugas Dukcapil mendatangi desa terpencil.\\n\\tMelayani KTP-el dan akta."')
    assert [d for d in h.check(text) if d.is_error] == []


@pytest.mark.unit
def test_what_is_printed_escapes_what_a_file_held():
    diag = Diagnostic("x\x1b]0;judul\x07.md", 2, 3, "error", "judul", "nilai 'a\u202eb\nc'")
    line = diag.format()
    assert "\x1b" not in line and "\n" not in line and "\u202e" not in line
    assert line == "x\\x1b]0;judul\\x07.md:2:3: error: judul: nilai 'a\\u202eb\\x0ac'"
    table = summary_markdown([Diagnostic("x.md", 1, 1, "error", "", "```\n| <script> |")], 1)
    row = table.splitlines()[-1]
    assert "<script>" not in row and "```" not in row and row.count(" | ") == 5
    assert printable("biasa saja") == "biasa saja"
