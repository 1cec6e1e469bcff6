"""Reading an entry file: front matter, YAML rules of the catalogue, encodings, positions.

Every problem is a diagnostic at the line and column an author must edit, never an exception.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator import loader
from generator.loader import MAX_BYTES, SourceFloat, SourceInt, parse_bytes, parse_text, read_file


def formatted(parsed: loader.Parsed) -> list[str]:
    return [d.format() for d in parsed.diagnostics]


# --- the valid entry ---------------------------------------------------------------------------


@pytest.mark.unit
def test_valid_entry_gives_data_body_and_no_diagnostics(h):
    parsed = parse_text(h.VALID, "entri.md")
    assert parsed.diagnostics == []
    assert parsed.data["judul"] == "Adminduk Keliling Tulungagung"
    assert parsed.data["instansi"] == {"nama": "Pemerintah Kabupaten Tulungagung", "jenis": "pemkab"}
    assert parsed.data["urusan"] == ["administrasi-kependudukan-dan-pencatatan-sipil"]
    assert parsed.body == h.BODY
    assert parsed.body_line == 24  # the line after the closing '---'


@pytest.mark.unit
def test_the_base_entry_has_the_documented_layout(h):
    # helpers.py's line map is what every exact line:col in these tests relies on.
    assert h.at(h.VALID, "status: ^aktif") == (12, 9)
    assert h.at(h.VALID, "  ^mulai: 2020-01-15") == (14, 3)
    assert h.at(h.VALID, "diperbarui: ^2026-01-10") == (21, 13)
    assert h.VALID.splitlines()[21].startswith("kontak: {jabatan: ")
    assert h.VALID.splitlines()[22] == "---"


@pytest.mark.unit
def test_closing_line_may_be_three_dots(h):
    parsed = parse_text(h.VALID.replace("\n---\n## ", "\n...\n## "), "entri.md")
    assert parsed.diagnostics == []
    assert parsed.body.startswith("## Latar Belakang")


# --- plain scalars are typed by the catalogue's rules, not YAML 1.1's ---------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("2021-03-01", "2021-03-01"),  # dates stay text; the model parses them where it asks
        ("012", "012"),
        ("0x1F", "0x1F"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("1e3", "1e3"),
        ("true", True),
        ("false", False),
        ("True", True),
        ("~", None),
        ("null", None),
        ("", None),
        ('"true"', "true"),
        ("'12'", "12"),
    ],
)
def test_plain_scalars_keep_their_meaning(written, value):
    parsed = parse_text(f"---\nnilai: {written}\n---\n", "entri.md")
    assert parsed.diagnostics == []
    assert parsed.data["nilai"] == value
    assert type(parsed.data["nilai"]) is type(value)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("written", "cls", "value"),
    [("35", SourceInt, 35), ("1_000", SourceInt, 1000), ("-7", SourceInt, -7),
     ("35.10", SourceFloat, 35.1), (".5", SourceFloat, 0.5)],
)
def test_numbers_remember_how_they_were_written(written, cls, value):
    parsed = parse_text(f"---\nkode: {written}\n---\n", "entri.md")
    number = parsed.data["kode"]
    assert type(number) is cls
    assert number == value
    assert number.source_text == written


@pytest.mark.unit
def test_status_no_stays_text_and_is_reported_as_a_wrong_choice_not_a_boolean(h):
    text = h.entry_text(status="no")
    assert parse_text(text, "entri.md").data["status"] == "no"
    assert h.only(h.check(text)).format() == (
        "entri.md:12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', bukan 'no'"
    )


# --- duplicate keys, anchors, aliases, tags --------------------------------------------------------


@pytest.mark.unit
def test_duplicate_top_level_key_names_the_first_line(h):
    text = h.VALID.replace("status: aktif\n", "status: aktif\nstatus: berhenti\n")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:13:1: error: status: kunci 'status' ditulis dua kali (pertama di baris 12)"
    ]


@pytest.mark.unit
def test_duplicate_nested_key_names_the_first_line(h):
    text = h.VALID.replace("  jenis: pemkab\n", "  jenis: pemkab\n  jenis: pemkot\n")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:7:3: error: instansi.jenis: kunci 'jenis' ditulis dua kali (pertama di baris 6)"
    ]


@pytest.mark.unit
def test_duplicate_key_inside_a_list_item(h):
    text = h.entry_text(hasil="\n  - indikator: Waktu layanan\n    satuan: hari\n    indikator: Antrean")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:25:5: error: hasil[0].indikator: kunci 'indikator' ditulis dua kali (pertama di baris 23)"
    ]


@pytest.mark.unit
def test_same_key_in_two_different_mappings_is_not_a_duplicate(h):
    # `jenis` is at the top level and inside `instansi`; `tahun` in two list items.
    text = h.entry_text(penghargaan="\n  - ajang: kipp\n    nama: Top 45 KIPP\n    tahun: 2021"
                                    "\n  - ajang: iga\n    nama: IGA Award\n    tahun: 2021")
    assert parse_text(text, "entri.md").diagnostics == []


@pytest.mark.unit
def test_anchor_is_rejected_where_it_is_written(h):
    text = h.entry_text(instansi="&pemilik\n  nama: Pemerintah Kabupaten Tulungagung\n  jenis: pemkab",
                        unit="*pemilik")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:4:11: error: anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"
    ]


@pytest.mark.unit
def test_anchor_on_a_scalar_is_rejected(h):
    text = h.entry_text(judul="&j Adminduk Keliling Tulungagung")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:2:8: error: anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"
    ]


@pytest.mark.unit
def test_alias_without_anchor_is_rejected_at_the_alias(h):
    (diag,) = parse_text(h.entry_text(unit="*lain"), "entri.md").diagnostics
    assert (diag.line, diag.col) == (22, 7)
    assert "alias YAML (*nama) tidak diizinkan" in diag.message


@pytest.mark.unit
def test_ampersand_and_asterisk_inside_text_are_not_anchors(h):
    text = h.entry_text(judul="Cepat & Mudah *Adminduk*", unit="Bidang *Pelayanan* & Informasi")
    parsed = parse_text(text, "entri.md")
    assert parsed.diagnostics == []
    assert parsed.data["judul"] == "Cepat & Mudah *Adminduk*"


@pytest.mark.unit
def test_python_object_tag_on_a_text_is_rejected(h):
    text = h.entry_text(judul="!!python/object:os.system ls")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:2:8: error: judul: tag YAML '!!python/object:os.system' tidak didukung; hapus tag tersebut"
    ]


@pytest.mark.unit
@pytest.mark.parametrize(
    ("value", "line", "col", "tag"),
    [
        ("!!python/object/apply:os.system ['ls']", 22, 7, "!!python/object/apply:os.system"),
        ("!!python/object:generator.model.Entry\n  nama: x", 22, 7, "!!python/object:generator.model.Entry"),
        ("!!set {a, b}", 22, 7, "!!set"),
        ("!!omap [a: 1]", 22, 7, "!!omap"),
        ("!!binary aGFsbw==", 22, 7, "!!binary"),
        ("!lokal teks", 22, 7, "!lokal"),
    ],
)
def test_unknown_tags_are_rejected_on_every_kind_of_node(h, value, line, col, tag):
    parsed = parse_text(h.entry_text(unit=value), "entri.md")
    assert formatted(parsed) == [
        f"entri.md:{line}:{col}: error: unit: tag YAML '{tag}' tidak didukung; hapus tag tersebut"
    ]
    assert parsed.data is None


@pytest.mark.unit
def test_standard_tags_are_accepted_when_the_value_fits():
    parsed = parse_text("---\na: !!str 12\nb: !!int 12\nc: !!float 2\nd: !!bool true\ne: !!null\n---\n", "x.md")
    assert parsed.diagnostics == []
    assert parsed.data == {"a": "12", "b": 12, "c": 2, "d": True, "e": None}


@pytest.mark.unit
@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("!!int abc", "nilai 'abc' tidak cocok dengan tag int"),
        ("!!bool no", "nilai 'no' tidak cocok dengan tag bool"),
        ("!!float 1.2.3", "nilai '1.2.3' tidak cocok dengan tag float"),
        ("!!null x", "nilai 'x' tidak cocok dengan tag null"),
    ],
)
def test_standard_tag_with_a_value_that_does_not_fit(written, message):
    assert formatted(parse_text(f"---\nnilai: {written}\n---\n", "x.md")) == [f"x.md:2:8: error: nilai: {message}"]


@pytest.mark.unit
def test_complex_key_is_rejected(h):
    text = h.entry_text(unit="\n  ? [a, b]\n  : c")
    assert formatted(parse_text(text, "entri.md")) == ["entri.md:23:5: error: unit: kunci harus berupa teks sederhana"]


@pytest.mark.unit
def test_nesting_deeper_than_the_limit_is_one_diagnostic_not_a_recursion_error():
    parsed = parse_text("---\nunit: " + "[" * 30 + "]" * 30 + "\n---\n", "x.md")
    (diag,) = parsed.diagnostics
    assert diag.message == "struktur terlalu dalam"
    assert diag.line == 2


@pytest.mark.unit
def test_very_deep_nesting_is_one_diagnostic():
    parsed = parse_text("---\nunit: " + "[" * 5000 + "]" * 5000 + "\n---\n", "x.md")
    assert len(parsed.diagnostics) == 1
    assert parsed.data is None


# --- front matter ------------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "x.md:1:1: error: file entri harus diawali front matter: baris pertama '---', lalu kunci: nilai, "
             "lalu '---'"),
        ("judul: Adminduk\n", "x.md:1:1: error: file entri harus diawali front matter: baris pertama '---', "
                              "lalu kunci: nilai, lalu '---'"),
        ("\n---\njudul: x\n---\n", "x.md:1:1: error: file entri harus diawali front matter: baris pertama "
                                   "'---', lalu kunci: nilai, lalu '---'"),
        ("---\njudul: Adminduk\n", "x.md:1:1: error: front matter tidak ditutup: tambahkan baris '---' setelah "
                                   "kunci terakhir"),
        ("---", "x.md:1:1: error: front matter tidak ditutup: tambahkan baris '---' setelah kunci terakhir"),
        ("---\n---\nIsi.\n", "x.md:1:1: error: front matter kosong: isi kunci-kunci entri di antara kedua baris "
                             "'---'"),
        ("---\n# hanya komentar\n\n---\n", "x.md:1:1: error: front matter kosong: isi kunci-kunci entri di "
                                           "antara kedua baris '---'"),
        ("---\nhanya teks\n---\n", "x.md:2:1: error: front matter harus berupa pasangan 'kunci: nilai'"),
        ("---\n- a\n- b\n---\n", "x.md:2:1: error: front matter harus berupa pasangan 'kunci: nilai'"),
        ("---\njudul: a\x00b\n---\n", "x.md:2:9: error: front matter memuat karakter NUL; file ini bukan teks "
                                      "biasa"),
    ],
    ids=["empty-file", "no-front-matter", "blank-first-line", "unclosed", "only-opening", "empty",
         "only-comment", "scalar", "list", "nul"],
)
def test_front_matter_shape(text, expected):
    parsed = parse_text(text, "x.md")
    assert formatted(parsed) == [expected]
    assert parsed.data is None


@pytest.mark.unit
def test_opening_line_may_carry_trailing_spaces(h):
    assert parse_text(h.VALID.replace("---\n", "---  \n", 1), "entri.md").diagnostics == []


# --- YAML syntax errors: at the line to edit, in the author's words --------------------------------


@pytest.mark.unit
def test_tab_indentation(h):
    text = h.VALID.replace("  nama:", "\tnama:")
    (diag,) = parse_text(text, "entri.md").diagnostics
    assert (diag.line, diag.col) == (5, 1)
    assert diag.message == ("YAML tidak sah: baris ini menjorok dengan karakter tab, padahal YAML hanya menerima "
                            "spasi untuk menjorokkan; ganti tab dengan spasi (dua spasi per tingkat)")
    # A tab at the start of a top-level key: libyaml says it otherwise, the message is the same.
    (diag,) = parse_text(h.VALID.replace("judul:", "\tjudul:"), "entri.md").diagnostics
    assert diag.message.startswith("YAML tidak sah: baris ini menjorok dengan karakter tab")


@pytest.mark.unit
def test_typographic_quotes_are_named_as_the_mistake(h):
    (diag,) = parse_text(h.entry_text(judul="“Adminduk: Keliling”"), "entri.md").diagnostics
    assert diag.message.startswith("YAML tidak sah: baris ini memakai tanda kutip miring (“ ”), yang bagi YAML bukan "
                                   "tanda kutip; ganti dengan tanda kutip lurus")
    (diag,) = parse_text(h.entry_text(judul='"Adminduk Keliling”'), "entri.md").diagnostics
    assert "penutup di baris ini tanda kutip miring ”" in diag.message


@pytest.mark.unit
def test_unclosed_quote_is_reported_at_the_opening_quote(h):
    text = h.entry_text(judul="'Adminduk Keliling")
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:2:8: error: YAML tidak sah: tanda kutip ini tidak ditutup (found unexpected end of stream)"
    ]


@pytest.mark.unit
def test_unclosed_quote_closed_by_a_later_quote_is_reported_at_the_opening_quote(h):
    # libyaml reads `"Adminduk …` up to the quote of `kode: "35.04"` on line 10 and fails there.
    text = h.entry_text(judul='"Adminduk Keliling')
    assert formatted(parse_text(text, "entri.md")) == [
        "entri.md:2:8: error: YAML tidak sah: tanda kutip ini tidak ditutup di baris yang sama; tanda kutip "
        "berikutnya, di baris 10, terbaca sebagai penutupnya (did not find expected key)"
    ]


@pytest.mark.unit
def test_quoted_text_over_several_lines_is_still_valid(h):
    text = h.entry_text(ringkasan='"Petugas Dukcapil mendatangi desa terpencil\n  untuk melayani KTP-el dan akta."')
    parsed = parse_text(text, "entri.md")
    assert parsed.diagnostics == []
    assert parsed.data["ringkasan"] == "Petugas Dukcapil mendatangi desa terpencil untuk melayani KTP-el dan akta."


@pytest.mark.unit
def test_unquoted_colon_in_a_value(h):
    text = h.entry_text(judul="Adminduk: Keliling: Desa")
    (diag,) = parse_text(text, "entri.md").diagnostics
    assert (diag.line, diag.col) == (2, 16)
    assert "apit teks yang memuat ': ' dengan tanda kutip" in diag.message


@pytest.mark.unit
def test_unclosed_bracket(h):
    text = h.entry_text(urusan="[kesehatan, sosial")
    (diag,) = parse_text(text, "entri.md").diagnostics
    assert diag.line == 19  # libyaml notices on the next line; the message names the bracket
    assert "kurung '[' tidak ditutup dengan ']'" in diag.message


@pytest.mark.unit
def test_bad_indentation(h):
    text = h.VALID.replace("  jenis: pemkab", "   jenis: pemkab")
    (diag,) = parse_text(text, "entri.md").diagnostics
    assert diag.line == 6
    assert diag.message.startswith("YAML tidak sah:")


@pytest.mark.unit
def test_columns_count_characters_not_bytes(h):
    text = h.entry_text(unit="Layanan Café Élan: x")
    (diag,) = parse_text(text, "entri.md").diagnostics
    assert (diag.line, diag.col) == (22, 24)


# --- encodings and line endings -------------------------------------------------------------------


@pytest.mark.unit
def test_non_utf8_byte_is_reported_at_its_line_and_column(h):
    raw = h.VALID.encode().replace(b"Kabupaten Tulungagung\n  jenis", b"Kabupaten Tulung\xe2gung\n  jenis")
    parsed = parse_bytes(raw, "entri.md")
    assert formatted(parsed) == ["entri.md:5:36: error: file bukan teks UTF-8; simpan ulang file dengan encoding UTF-8"]


@pytest.mark.unit
def test_non_utf8_column_counts_the_characters_before_the_byte():
    # "judul: Élan" is 11 characters but 12 bytes: the bad byte is the 12th character.
    raw = "---\njudul: Élan".encode() + b"\xff\n---\n"
    (diag,) = parse_bytes(raw, "x.md").diagnostics
    assert (diag.line, diag.col) == (2, 12)


@pytest.mark.unit
def test_latin1_file_with_crlf_lines():
    raw = "---\r\njudul: Adminduk\r\nunit: Bidang Pelayanan Caf\xe9\r\n---\r\n".encode("latin-1")
    (diag,) = parse_bytes(raw, "x.md").diagnostics
    assert (diag.line, diag.col) == (3, 27)


@pytest.mark.unit
def test_non_utf8_in_the_body_is_an_error_too(h):
    raw = h.VALID.encode() + b"Caf\xe9\n"
    (diag,) = parse_bytes(raw, "entri.md").diagnostics
    assert (diag.line, diag.col) == (27, 4)


@pytest.mark.unit
def test_utf8_bom_is_accepted(h):
    parsed = parse_bytes(b"\xef\xbb\xbf" + h.VALID.encode(), "entri.md")
    assert parsed.diagnostics == []
    assert parsed.data["judul"] == "Adminduk Keliling Tulungagung"


@pytest.mark.unit
@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_crlf_files_are_accepted_and_lines_still_count_right(h, newline):
    assert parse_bytes(h.VALID.replace("\n", newline).encode(), "entri.md").diagnostics == []
    bad = h.entry_text(status="Aktif").replace("\n", newline).encode()
    assert h.only(h.check(bad)).format() == (
        "entri.md:12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', bukan 'Aktif' "
        "(maksud Anda 'aktif'?)"
    )


@pytest.mark.unit
def test_bom_and_crlf_together(h):
    bad = b"\xef\xbb\xbf" + h.VALID.replace("status: aktif", "status: Aktif").replace("\n", "\r\n").encode()
    assert (h.only(h.check(bad)).line, h.only(h.check(bad)).col) == (12, 9)


@pytest.mark.unit
def test_crlf_body_is_normalised(h):
    parsed = parse_bytes(h.VALID.replace("\n", "\r\n").encode(), "entri.md")
    assert "\r" not in parsed.body


# --- invisible characters ------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_invisible_line_separator_does_not_shift_later_lines(h, separator):
    # YAML 1.1 counts U+2028/U+2029/U+0085 as line breaks; editors and GitHub do not.
    text = h.entry_text(ringkasan=f'"Petugas Dukcapil mendatangi desa{separator}terpencil untuk melayani KTP-el."',
                        status="Aktif")
    assert (h.only(h.check(text)).line, h.only(h.check(text)).col) == (12, 9)


@pytest.mark.unit
def test_invisible_line_separator_that_breaks_the_yaml_is_pointed_at(h):
    text = h.entry_text(judul="Adminduk\u2028Keliling")
    assert [d.format() for d in parse_text(text, "entri.md").diagnostics] == [
        "entri.md:3:1: error: YAML tidak sah: kurang tanda ':' setelah kunci (could not find expected ':')",
        "entri.md:2:16: error: ada karakter pemisah baris tersembunyi (U+2028) yang dibaca YAML sebagai baris baru; "
        "hapus karakter ini atau ganti dengan spasi",
    ]


@pytest.mark.unit
@pytest.mark.parametrize(("character", "code"), [("\x0c", "000C"), ("\x1b", "001B"), ("\x7f", "007F")])
def test_control_character_is_reported_where_it_is(h, character, code):
    text = h.entry_text(unit=f"Bidang Pelayanan Café{character}")
    assert formatted(parse_text(text, "entri.md")) == [
        f"entri.md:22:28: error: ada karakter kontrol tersembunyi (U+{code}) yang tidak boleh ada di front matter; "
        "hapus karakter ini"
    ]


@pytest.mark.site
def test_nesting_deep_enough_to_overflow_libyaml_is_a_diagnostic():
    # Past ~20,000 levels libyaml's composer overflows the C stack: a segfault, so run it apart.
    script = (
        "from generator.loader import parse_text\n"
        "n = 200_000\n"
        "for front in ('unit: ' + '[' * n + ']' * n, 'unit:\\n  ' + '- ' * n + 'x', 'unit: ' + '{a: ' * n + '}' * n):\n"
        "    print([d.format() for d in parse_text('---\\n' + front + '\\n---\\n', 'x.md').diagnostics])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr or f"exit code {done.returncode}"
    assert done.stdout.splitlines() == [
        "['x.md:2:26: error: struktur terlalu dalam']",
        "['x.md:3:41: error: struktur terlalu dalam']",
        "['x.md:2:83: error: struktur terlalu dalam']",
    ]


# --- reading files ---------------------------------------------------------------------------------


@pytest.mark.unit
def test_read_file_reads_a_valid_entry(tmp_path, h):
    path = tmp_path / "entri.md"
    path.write_text(h.VALID, encoding="utf-8")
    parsed = read_file(path, "tampil.md")
    assert parsed.path == "tampil.md"
    assert parsed.diagnostics == []


@pytest.mark.unit
def test_file_over_one_mebibyte_is_rejected_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "besar.md"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no megabyte is written either

    def no_open(*args, **kwargs):
        raise AssertionError("the loader opened a file it should have refused by its size")

    monkeypatch.setattr(loader, "open", no_open, raising=False)
    parsed = read_file(path, "besar.md")
    assert formatted(parsed) == ["besar.md:1:1: error: file terlalu besar (1.048.577 bita; maksimal 1.048.576 bita)"]


@pytest.mark.unit
def test_file_of_exactly_one_mebibyte_is_read(tmp_path, h):
    path = tmp_path / "pas.md"
    text = h.VALID + "x" * (MAX_BYTES - len(h.VALID.encode()) - 1) + "\n"
    path.write_text(text, encoding="utf-8")
    assert path.stat().st_size == MAX_BYTES
    assert read_file(path).diagnostics == []


@pytest.mark.unit
def test_folder_given_as_a_file(tmp_path):
    assert formatted(read_file(tmp_path, "folder.md")) == ["folder.md:1:1: error: ini folder, bukan file entri"]


@pytest.mark.unit
def test_missing_file(tmp_path):
    (diag,) = read_file(tmp_path / "tidak-ada.md", "tidak-ada.md").diagnostics
    assert (diag.line, diag.col) == (1, 1)
    assert diag.message.startswith("file tidak dapat dibaca: ")


@pytest.mark.unit
def test_position_of_the_whole_entry_is_the_opening_line(h):
    parsed = parse_text(h.VALID, "entri.md")
    assert parsed.position(()) == (1, 1)
    assert parsed.position(("tanggal", "mulai")) == (14, 10)
    assert parsed.position(("tanggal", "mulai"), key=True) == (14, 3)
    assert parsed.position(("urusan", 0)) == (19, 5)
    # a key that is not written: its nearest written ancestor
    assert parsed.position(("tanggal", "berhenti"), key=True) == (13, 1)
    assert parsed.position(("tidak_ada",)) == (2, 1)


@pytest.mark.unit
def test_read_file_accepts_a_path_object_and_shows_it(tmp_path, h):
    path = Path(tmp_path) / "entri.md"
    path.write_bytes(h.VALID.encode())
    assert read_file(path).path == str(path)


@pytest.mark.unit
@pytest.mark.parametrize(("front", "where"), [
    ("unit: " + "[" * 1500 + "]" * 1500, (2, 26)),
    ("unit: " + "{a: " * 1500 + "}" * 1500, (2, 83)),
    ("unit:\n  " + "- " * 1500 + "x", (3, 41)),
])
def test_nesting_past_libyamls_own_limit_gets_our_message_at_our_place(front, where):
    # Some libyaml versions refuse ~1,000 levels themselves, in English and at another column;
    # the author gets the same Indonesian message at the same place whatever is installed.
    diagnostics = parse_text("---\n" + front + "\n---\n", "x.md").diagnostics
    assert [d.format() for d in diagnostics] == [f"x.md:{where[0]}:{where[1]}: error: struktur terlalu dalam"]
