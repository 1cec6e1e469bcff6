"""`katalog impor` (issue 26): an agency's spreadsheet into entries, read by the form's reader.

Real files: workbooks written by openpyxl (the template itself, filled in), CSV written by hand
in both separators and encodings, and hostile files built byte by byte (a zip bomb, a macro
workbook, a million empty rows, merged cells, formulas, a giant cell)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from generator import importer, sheets
from generator.cli import main
from generator.loader import read_file

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1795392000"  # 2026-11-23


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "content" / "innovations", tmp_path / "content" / "innovations")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return tmp_path


def katalog(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


ROW = {  # one innovation as an agency's staff would type it: labels, their own words, numbers, citations
    "Judul inovasi": "Sistem Antrean Puskesmas Daring",
    "Ringkasan": "Warga mengambil nomor antrean puskesmas dari ponsel dan datang saat gilirannya hampir tiba.",
    "Nama instansi pemilik": "Dinas Kesehatan Kabupaten Timor Tengah Selatan",
    "Jenis instansi": "Pemkab",
    "Provinsi": "NTT",
    "Kabupaten/kota": "Kabupaten Timor Tengah Selatan",
    "Kode wilayah Kemendagri": "53.02",
    "Urusan pemerintahan": "Kesehatan",
    "Tahapan": "penerapan",
    "Status": "Aktif",
    "Tanggal mulai": "1 Maret 2021",
    "Tanggal mulai diterapkan": "12/07/2021",
    "Jenis inovasi": "Digital",
    "Bentuk inovasi": "Inovasi Pelayanan Publik",
    "Masalah publik yang diselesaikan": "Warga menunggu berjam-jam di puskesmas tanpa tahu kapan dilayani.",
    "Hasil terukur (sebelum dan sesudah)": "Waktu tunggu | 180 | 25 | menit | 2021-01-31 | 2022-12-31 | Laporan Dinkes",
    "Dasar hukum": "Peraturan Bupati TTS Nomor 17 Tahun 2022 | https://jdih.ttskab.go.id/perbup-17-2022",
    "Tahun anggaran": "2025-2026",
    "Dasar manfaat": "Jumlah penerima manfaat",
    "Angka manfaat": "1.250 orang",
    "Tautan bukti manfaat": "https://dinkes.ttskab.go.id/laporan-2024",
    "Jabatan kontak": "Kepala Seksi Pelayanan Kesehatan",
    "Email dinas": "dinkes@ttskab.go.id",
    "Cerita lengkap": "## Latar Belakang\n\nAntrean panjang di puskesmas kota So'e.",
}
PATH = "content/innovations/nusa-tenggara-timur/sistem-antrean-puskesmas-daring.md"


def workbook(path: Path, rows: list[dict[str, object]], *, header_row: int = 1, sheet: str = "Inovasi") -> Path:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    labels = list(dict.fromkeys(label for row in rows for label in row)) or list(ROW)
    for number, label in enumerate(labels, 1):
        ws.cell(header_row, number, label)
    for offset, row in enumerate(rows, header_row + 1):
        for number, label in enumerate(labels, 1):
            if row.get(label) is not None:
                ws.cell(offset, number, row[label])
    book.save(path)
    return path


@pytest.mark.unit
def test_a_filled_template_becomes_entries(repo: Path, capsys) -> None:
    template = repo / "templat.xlsx"
    assert katalog(capsys, "impor", "--templat", str(template))[0] == 0
    book = load_workbook(template)
    ws = book[sheets.SHEET]
    header = [c.value for c in ws[1]]
    assert header == list(sheets.LABELS)
    for number, label in enumerate(header, 1):
        ws.cell(3, number, ROW.get(label))
    book.save(repo / "isi.xlsx")
    code, out, err = katalog(capsys, "impor", "isi.xlsx")
    assert code == 0, out + err
    assert "1 baris contoh (id 'contoh') dilewati" in out
    data = read_file(repo / PATH).data
    assert "draf" not in data  # complete: published
    assert data["instansi"] == {"nama": "Dinas Kesehatan Kabupaten Timor Tengah Selatan", "jenis": "pemkab"}
    assert data["wilayah"]["provinsi"] == "nusa-tenggara-timur" and data["wilayah"]["kode"] == "53.02"
    assert data["tanggal"] == {"mulai": "2021-03-01", "penerapan": "2021-07-12"}
    assert data["keberlanjutan"]["dasar_hukum"] == [{"jenis": "perkada", "nomor": "17", "tahun": 2022,
                                                     "tautan": "https://jdih.ttskab.go.id/perbup-17-2022"}]
    assert data["keberlanjutan"]["anggaran"] == [2025, 2026] and data["manfaat"]["nilai"] == 1250
    assert katalog(capsys, "validate", PATH)[0] == 0


@pytest.mark.unit
def test_the_template_has_dropdowns_notes_and_one_example(repo: Path, capsys) -> None:
    target = repo / "templat.xlsx"
    assert katalog(capsys, "impor", "--templat", str(target))[0] == 0
    book = load_workbook(target)
    assert book.sheetnames == [sheets.SHEET, sheets.CHOICES_SHEET, sheets.GUIDE_SHEET]
    assert book[sheets.CHOICES_SHEET].sheet_state == "hidden"
    ws = book[sheets.SHEET]
    header = {c.value: c for c in ws[1]}
    assert "Wajib diisi" in header["Judul inovasi"].comment.text
    assert "Perbup" in header["Dasar hukum"].comment.text
    rules = {str(dv.sqref).split(":")[0].rstrip("0123456789"): dv for dv in ws.data_validations.dataValidation}
    provinsi = rules[header["Provinsi"].column_letter]
    assert provinsi.type == "list" and provinsi.formula1.startswith(f"={sheets.CHOICES_SHEET}!$")
    choices = [c.value for c in book[sheets.CHOICES_SHEET][provinsi.formula1.split("$")[1]]][1:]
    assert "Jawa Timur" in choices and "Nasional (instansi pusat)" in choices
    assert len([r for r in ws.iter_rows(min_row=2, values_only=True) if any(r)]) == 1
    assert ws.cell(2, 1).value == sheets.EXAMPLE_ID
    # The example row itself is a valid entry.
    importer_report = importer.run(target, repo / "content/innovations", __import__("datetime").date(2026, 11, 23))
    assert importer_report.outcomes == []


@pytest.mark.unit
@pytest.mark.parametrize(("separator", "encoding"), [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"),
                                                     (",", "cp1252")])
def test_csv_in_both_separators_and_encodings(repo: Path, capsys, separator: str, encoding: str) -> None:
    row = {**ROW, "Nama instansi pemilik": "Dinas Kesehatan Kabupaten Timor Tengah Selatan — Seksi Pelayanan"}
    if encoding == "cp1252":
        row["Ringkasan"] = "Warga mengambil nomor antrean puskesmas dari ponsel, “praktis” dan hemat waktu."

    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in (separator, '"', "\n")) else text

    lines = [separator.join(cell(k) for k in row), separator.join(cell(v) for v in row.values())]
    (repo / "isi.csv").write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    code, out, err = katalog(capsys, "impor", "isi.csv")
    assert code == 0, out + err
    data = read_file(repo / PATH).data
    assert data["instansi"]["nama"] == row["Nama instansi pemilik"] and data["ringkasan"] == row["Ringkasan"]
    assert data["hasil"][0]["sebelum"]["nilai"] == 180
    assert ("Windows-1252" in out) == (encoding == "cp1252")


@pytest.mark.unit
def test_a_row_with_problems_names_sheet_row_and_column_and_the_others_are_written(repo: Path, capsys) -> None:
    bad = {**ROW, "Judul inovasi": "Layanan Kedua", "Tanggal mulai": "2021", "Angka manfaat": "1,250",
           "Tautan bukti manfaat": "ftp://x", "Provinsi": "Atlantis"}
    workbook(repo / "isi.xlsx", [ROW, bad], header_row=2)  # a title row above the header
    code, out, err = katalog(capsys, "impor", "isi.xlsx")
    assert code == 1, out + err
    assert (repo / PATH).is_file()
    assert not list((repo / "content/innovations").rglob("layanan-kedua.md"))
    where = "isi.xlsx, lembar 'Inovasi', baris 4, kolom "
    assert where + "K (Tanggal mulai): galat: '2021' hanya tahun (2021)" in out
    assert where + "T (Angka manfaat): galat: '1,250' bisa berarti" in out
    assert where + "U (Tautan bukti manfaat): galat: harus berupa alamat web" in out
    assert where + "E (Provinsi): galat: 'Atlantis' bukan pilihan yang dikenal" in out
    assert "1 entri baru" in err and "1 baris bermasalah tidak ditulis" in err


@pytest.mark.unit
def test_an_incomplete_row_is_a_draft(repo: Path, capsys) -> None:
    workbook(repo / "isi.xlsx", [{**ROW, "Cerita lengkap": None}])
    code, out, _ = katalog(capsys, "impor", "isi.xlsx")
    assert code == 0
    assert read_file(repo / PATH).data["draf"] is True
    assert "(Cerita lengkap): peringatan: sebelum terbit: belum diisi" in out


@pytest.mark.unit
def test_importing_again_changes_nothing(repo: Path, capsys) -> None:
    source = workbook(repo / "isi.xlsx", [ROW])
    assert katalog(capsys, "impor", str(source))[0] == 0
    before = (repo / PATH).read_bytes(), (repo / PATH).stat().st_mtime_ns
    os.environ["SOURCE_DATE_EPOCH"] = str(int(EPOCH) + 86400 * 30)  # a month later: diperbarui stays too
    code, _, err = katalog(capsys, "impor", str(source))
    assert code == 0 and "0 entri baru, 0 diperbarui" in err and "1 tidak berubah" in err
    assert ((repo / PATH).read_bytes(), (repo / PATH).stat().st_mtime_ns) == before
    # A changed row updates the same entry, never a second one.
    workbook(source, [{**ROW, "Unit penyelenggara layanan": "UPT Puskesmas So'e"}])
    assert katalog(capsys, "impor", str(source))[0] == 0
    assert read_file(repo / PATH).data["unit"] == "UPT Puskesmas So'e"
    assert len(list((repo / "content/innovations").rglob("sistem-antrean*.md"))) == 1


@pytest.mark.unit
def test_an_entry_edited_by_hand_is_reported_not_overwritten(repo: Path, capsys) -> None:
    source = workbook(repo / "isi.xlsx", [ROW])
    katalog(capsys, "impor", str(source))
    path = repo / PATH
    edited = path.read_text(encoding="utf-8").replace("Warga menunggu berjam-jam", "Warga menunggu lama")
    path.write_text(edited, encoding="utf-8")
    workbook(source, [{**ROW, "Status": "Berhenti", "Tanggal berhenti": "2024-01-01"}])
    code, out, err = katalog(capsys, "impor", str(source))
    assert code == 1 and path.read_text(encoding="utf-8") == edited
    assert "diubah manual sejak impor terakhir, jadi tidak ditimpa; pakai --timpa" in out
    code, _, _ = katalog(capsys, "impor", str(source), "--timpa")
    assert code == 0 and read_file(path).data["status"] == "berhenti"
    # An entry written by hand (never imported) is not overwritten either, whichever column names it.
    workbook(source, [{"id": "mal-pelayanan-publik-banyuwangi", **ROW}])
    code, out, _ = katalog(capsys, "impor", str(source))
    assert code == 1 and "tidak dibuat oleh impor" in out


@pytest.mark.unit
def test_an_id_column_names_the_entry_and_an_update_keeps_what_the_form_does_not_ask(repo: Path, capsys) -> None:
    katalog(capsys, "impor", str(workbook(repo / "isi.xlsx", [ROW])))
    path = repo / PATH
    text = path.read_text(encoding="utf-8")
    # What an agency adds by hand later, outside the form's questions, then re-imports with --timpa.
    path.write_text(text.replace("kontak:", "sdgs:\n- 3\nkontak:"), encoding="utf-8")
    row = {"id": "sistem-antrean-puskesmas-daring", **ROW, "Judul inovasi": "Antrean Puskesmas Daring TTS",
           "Cerita lengkap": None}
    assert katalog(capsys, "impor", str(workbook(repo / "isi.xlsx", [row])), "--timpa")[0] == 0
    parsed = read_file(path)
    assert parsed.data["judul"] == "Antrean Puskesmas Daring TTS" and parsed.data["sdgs"] == [3]
    assert "Antrean panjang di puskesmas kota So'e" in parsed.body  # the story is kept when its cell is empty


@pytest.mark.unit
def test_similar_titles_of_the_same_agency_are_reported(repo: Path, capsys) -> None:
    katalog(capsys, "impor", str(workbook(repo / "isi.xlsx", [ROW])))
    twin = {**ROW, "Judul inovasi": "Sistem Antrian Puskesmas Daring"}
    other = {**ROW, "Judul inovasi": "Sistem Antrean Puskesmas Daring",
             "Nama instansi pemilik": "Dinas Kesehatan Kota Kupang", "Jenis instansi": "Pemerintah Kota",
             "Kabupaten/kota": "Kota Kupang", "Kode wilayah Kemendagri": "53.71"}
    code, out, _ = katalog(capsys, "impor", str(workbook(repo / "dua.xlsx", [twin, other])))
    assert code == 0
    assert "baris 2, kolom A (Judul inovasi): peringatan: mirip entri 'sistem-antrean-puskesmas-daring'" in out
    assert "baris 3" not in out  # the same title from another agency is another innovation
    ids = sorted(p.stem for p in (repo / "content/innovations").rglob("sistem-an*.md"))
    assert ids == ["sistem-antrean-puskesmas-daring", "sistem-antrean-puskesmas-daring-kota-kupang",
                   "sistem-antrian-puskesmas-daring"]


@pytest.mark.unit
def test_two_rows_for_one_entry_are_refused(repo: Path, capsys) -> None:
    code, out, _ = katalog(capsys, "impor", str(workbook(repo / "isi.xlsx", [ROW, ROW])))
    assert code == 1 and "menulis entri yang sama ('sistem-antrean-puskesmas-daring') dengan baris 2" in out


# --- hostile and messy files ---------------------------------------------------------------------


@pytest.mark.unit
def test_formulas_are_read_as_text_never_run(repo: Path, capsys) -> None:
    workbook(repo / "isi.xlsx", [{**ROW, "Judul inovasi": '=HYPERLINK("https://jahat.example","klik")'},
                                 {**ROW, "Judul inovasi": "Layanan Lain", "Angka manfaat": "=SUM(1,2)"}])
    code, out, _ = katalog(capsys, "impor", "isi.xlsx")
    assert code == 1
    assert "baris 2, kolom A (Judul inovasi): galat: sel ini berisi rumus (=HYPERLINK(" in out
    assert "baris 3, kolom T (Angka manfaat): galat: sel ini berisi rumus (=SUM(1,2))" in out
    assert not list((repo / "content/innovations").rglob("*hyperlink*"))


@pytest.mark.unit
def test_merged_cells_are_named(repo: Path, capsys) -> None:
    path = workbook(repo / "isi.xlsx", [ROW, {**ROW, "Judul inovasi": "Layanan Lain", "Nama instansi pemilik": None}])
    book = load_workbook(path)
    book.active.merge_cells("C2:C3")
    book.save(path)
    code, out, _ = katalog(capsys, "impor", "isi.xlsx")
    assert code == 1 and "baris 3, kolom C (Nama instansi pemilik): galat: sel ini bagian dari sel gabungan C2:C3" in out


@pytest.mark.unit
def test_a_million_empty_rows_end_quickly(repo: Path, capsys) -> None:
    path = workbook(repo / "isi.xlsx", [ROW])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    empties = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(3, 1_000_003))
    sheet = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:X1000002"/>', sheet)
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("</sheetData>", empties + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    started = time.monotonic()
    code, out, _ = katalog(capsys, "impor", str(path))
    assert code == 0 and time.monotonic() - started < 20
    assert f"berhenti membaca di baris {sheets.MAX_EMPTY_RUN + 2}" in out and (repo / PATH).is_file()


@pytest.mark.unit
def test_a_giant_cell_is_refused_in_its_row(repo: Path, capsys) -> None:
    path = workbook(repo / "isi.xlsx", [{**ROW, "Ringkasan": "SEL-RAKSASA"}])
    with zipfile.ZipFile(path) as source:  # openpyxl writes no cell over Excel's limit: made by hand
        parts = {name: source.read(name) for name in source.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"SEL-RAKSASA", b"x" * 2_000_000)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    code, out, _ = katalog(capsys, "impor", "isi.xlsx")
    assert code == 1 and f"lebih dari batas satu sel ({sheets.MAX_CELL})" in out
    (repo / "isi.csv").write_text("Judul inovasi,Ringkasan,Nama instansi pemilik\nA," + "x" * 40_000 + ",B\n",
                                  encoding="utf-8")
    code, _, err = katalog(capsys, "impor", "isi.csv")
    assert code == 2 and "baris 2 tidak dapat dibaca" in err and "Traceback" not in err


@pytest.mark.unit
def test_macros_are_refused(repo: Path, capsys) -> None:
    path = workbook(repo / "isi.xlsx", [ROW])
    shutil.copy(path, repo / "isi.xlsm")
    code, _, err = katalog(capsys, "impor", "isi.xlsm")
    assert code == 2 and "makro" in err
    with zipfile.ZipFile(path, "a") as archive:  # a macro project inside a file named .xlsx
        archive.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 512)
    code, _, err = katalog(capsys, "impor", "isi.xlsx")
    assert code == 2 and "memuat makro" in err and not (repo / PATH).exists()


@pytest.mark.unit
def test_a_zip_bomb_is_stopped_before_openpyxl_reads_it(repo: Path, capsys, monkeypatch) -> None:
    path = workbook(repo / "isi.xlsx", [ROW])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    # Declared honestly but huge: a gigabyte of zeros in a few megabytes.
    bomb = repo / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
        with target.open("xl/media/besar.bin", "w", force_zip64=True) as big:
            for _ in range(sheets.MAX_UNZIPPED // (8 * 1024 * 1024) + 2):
                big.write(bytes(8 * 1024 * 1024))
    opened = []
    monkeypatch.setattr("openpyxl.load_workbook", lambda *a, **k: opened.append(a))
    started = time.monotonic()
    code, _, err = katalog(capsys, "impor", str(bomb))
    assert code == 2 and "mengembang" in err and opened == [] and time.monotonic() - started < 10
    # Declared small, really large: the real bytes are counted as they come out.
    liar = repo / "bohong.xlsx"
    raw = bytearray(bomb.read_bytes())
    with zipfile.ZipFile(bomb) as archive:
        info = archive.getinfo("xl/media/besar.bin")
    header = info.header_offset
    raw[header + 22:header + 26] = (1000).to_bytes(4, "little")  # the local header's size
    central = raw.rfind(b"PK\x01\x02" + raw[raw.find(b"PK\x01\x02") + 4:raw.find(b"PK\x01\x02") + 4][:0])
    for offset in range(len(raw) - 46):  # every central record of that member says 1,000 bytes
        if raw[offset:offset + 4] == b"PK\x01\x02" and raw[offset + 46:offset + 46 + len(b"xl/media/besar.bin")] == \
                b"xl/media/besar.bin":
            raw[offset + 24:offset + 28] = (1000).to_bytes(4, "little")
    del central
    liar.write_bytes(bytes(raw))
    code, _, err = katalog(capsys, "impor", str(liar))
    assert code == 2 and opened == [] and "Traceback" not in err
    assert "mengembang" in err or "rusak" in err


@pytest.mark.unit
def test_files_that_are_not_spreadsheets_are_said_in_words(repo: Path, capsys) -> None:
    (repo / "palsu.xlsx").write_bytes(b"bukan zip sama sekali")
    (repo / "lama.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (repo / "kosong.csv").write_text("nama,alamat\nBudi,Jakarta\n", encoding="utf-8")
    (repo / "biner.csv").write_bytes(b"\x00\x01\x02" * 100)
    for name, says in [("palsu.xlsx", "bukan berkas .xlsx yang utuh"), ("lama.xls", "simpan sebagai .xlsx"),
                       ("kosong.csv", "tidak memuat label formulir"), ("biner.csv", "bukan berkas teks CSV"),
                       ("tidak-ada.xlsx", "berkas tidak ditemukan")]:
        code, out, err = katalog(capsys, "impor", name)
        assert code == 2 and says in err and "Traceback" not in err, (name, err)
    assert katalog(capsys, "impor")[0] == 2


@pytest.mark.unit
def test_missing_required_columns_are_named(repo: Path, capsys) -> None:
    workbook(repo / "isi.xlsx", [{k: v for k, v in ROW.items() if k not in ("Status", "Tahapan")}])
    code, _, err = katalog(capsys, "impor", "isi.xlsx")
    assert code == 2 and "tidak punya kolom wajib: Tahapan, Status" in err


# --- the way back ----------------------------------------------------------------------------------


@pytest.mark.unit
def test_the_open_data_workbook_imports_back_unchanged(repo: Path, capsys, tmp_path: Path) -> None:
    """The catalogue's own entries, exported in the template's columns and imported over a copy
    of themselves that the import wrote: nothing changes."""
    katalog(capsys, "impor", str(workbook(repo / "isi.xlsx", [ROW, {**ROW, "Judul inovasi": "Layanan Kedua Dinkes",
                                                                         "Nama instansi pemilik": "Dinas Lain TTS"}])))
    assert katalog(capsys, "export", "--out", str(tmp_path / "data"))[0] == 0
    exported = tmp_path / "data/api/inovasi.xlsx"
    book = load_workbook(exported, read_only=True)
    assert [c for c in next(book[sheets.SHEET].iter_rows(values_only=True))] == list(sheets.LABELS)
    before = {p: p.read_bytes() for p in (repo / "content/innovations").rglob("*.md")}
    code, out, err = katalog(capsys, "impor", str(exported))
    assert code == 1  # the hand-written sample entries are reported, not overwritten
    assert "2 tidak berubah" in err and "0 diperbarui" in err
    assert {p: p.read_bytes() for p in (repo / "content/innovations").rglob("*.md")} == before
    # Same entries, same bytes: the workbook is reproducible.
    first = exported.read_bytes()
    assert katalog(capsys, "export", "--out", str(tmp_path / "data2"))[0] == 0
    assert (tmp_path / "data2/api/inovasi.xlsx").read_bytes() == first


@pytest.mark.site
def test_katalog_impor_runs_as_a_command(repo: Path) -> None:
    workbook(repo / "isi.xlsx", [ROW])
    result = subprocess.run([sys.executable, "-m", "generator.cli", "impor", "isi.xlsx"], cwd=repo,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": EPOCH},
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("✓ 1 baris dibaca: 1 entri baru")
    assert io.StringIO(result.stdout).read() == ""


@pytest.mark.unit
def test_a_warm_build_keeps_the_workbook_when_no_entry_changed(repo: Path, tmp_path: Path) -> None:
    from generator import exports
    from generator.catalogue import load_catalogue

    catalogue = load_catalogue(repo / "content/innovations", today=__import__("datetime").date(2026, 11, 23), jobs=1)
    first = tmp_path / "satu"
    stats = exports.write_exports(catalogue, first)
    second = tmp_path / "dua"
    exports.write_exports(catalogue, second, previous_dir=str(first), previous=stats.fingerprints)
    assert (second / "api/inovasi.xlsx").samefile(first / "api/inovasi.xlsx")  # linked, not written again
    rows = list(load_workbook(second / "api/inovasi.xlsx", read_only=True)[sheets.SHEET].iter_rows(values_only=True))
    assert len(rows) == 1 + len(catalogue.published())


@pytest.mark.unit
def test_contributing_has_a_section_for_an_agency_bringing_its_spreadsheet() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide.split("## Membawa lembar kerja instansi (`katalog impor`)", 1)[1].split("\n## ", 1)[0]
    for words in ("katalog impor --templat", "lembar, baris dan kolomnya", "--timpa", "api/inovasi.xlsx",
                  "Windows-1252", "Perbup No. 17/2022"):
        assert words in section, words
