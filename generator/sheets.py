"""Spreadsheets whose columns are the *Usulkan inovasi* form's labels: read into rows of answers
for `intake` (the reader of the issue form, so one set of labels and rules serves both), and
written: the template (`katalog impor --templat`) and the catalogue in the template's own
columns (`api/inovasi.xlsx`), so that an agency can correct its rows and import them again.

Reading is bounded whatever the file holds. An `.xlsx` is a zip: before openpyxl opens it, every
member's declared size and the bytes it really decompresses to are checked against a limit (a
zip bomb stops at the limit), macros (`.xlsm`, a `vbaProject.bin`) and XML with a DOCTYPE are
refused, and merged cells are found. openpyxl then reads in read-only mode, formulas as their
text (never evaluated: a formula cell is reported, not used). Rows stop after a long run of empty
rows (sheets formatted down to row 1,048,576), a row count, or a cell longer than Excel allows.
A `.csv` is UTF-8 (with or without a BOM) or Windows-1252, separated by `,` or `;`.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, BinaryIO

from . import numbers
from . import vocabulary as v
from .diagnostics import ERROR, Diagnostic, os_reason
from .intake import ANSWERED, Answer, answers_of
from .issueform import BY_ID, Question

MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_UNZIPPED = 512 * 1024 * 1024
"""All members of an .xlsx together, declared and as really decompressed (14,000 rows: ~80 MB)."""
MAX_MEMBERS = 5000
MAX_ROWS = 100_000
MAX_EMPTY_RUN = 1000
"""Empty rows in a row after which a sheet is taken to have ended (said, never silently)."""
MAX_CELL = 32_767
"""Excel's own limit for the text of one cell."""
MAX_COLUMNS = 300
HEADER_ROWS = 10
"""The header is looked for in a sheet's first rows (a title row above it is common)."""

ID_LABEL = "id"
EXAMPLE_ID = "contoh"
"""A row whose id is this is the template's example: it is skipped, and said so."""
SHEET = "Inovasi"
CHOICES_SHEET = "Pilihan"
GUIDE_SHEET = "Petunjuk"
QUESTIONS: tuple[Question, ...] = tuple(q for q in ANSWERED if q.kind != "checkboxes")
"""The columns after the id: every question of the form but its consent box (an agency that
imports its own list consents by importing it)."""
LABELS: tuple[str, ...] = (ID_LABEL, *(q.label for q in QUESTIONS))
_BY_NORMAL = {v.normal(q.label): q for q in QUESTIONS}
_TEXT_COLUMNS = frozenset({"kode", "kontak_telepon"})
"""Cells to format as text in the template: a number format would eat `35.10`'s zero."""


class SheetError(Exception):
    """The file cannot be read as a whole (exit 2): said in words."""


@dataclass
class Row:
    """One row of answers: where it is, its answers by question id, the id it names, and what is
    wrong with its cells before any answer is read (a formula, a merged cell, a giant cell)."""

    sheet: str | None
    number: int
    answers: dict[str, Answer]
    entry_id: str = ""
    problems: list[Diagnostic] = field(default_factory=list)


@dataclass
class Book:
    display: str
    notes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def column_letter(index: int) -> str:
    letters = ""
    while index > 0:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def where(book_display: str, sheet: str | None, row: int, col: int, label: str) -> str:
    """`inovasi.xlsx, lembar 'Inovasi', baris 5, kolom F (Tanggal mulai)`."""
    parts = [book_display]
    if sheet is not None:
        parts.append(f"lembar '{sheet}'")
    parts.append(f"baris {row}")
    if col:
        parts.append(f"kolom {column_letter(col)}" + (f" ({label})" if label else ""))
    elif label:
        parts.append(f"kolom '{label}'")
    return ", ".join(parts)


# --- reading ------------------------------------------------------------------------------------


def read(path: Path, display: str | None = None) -> Book:
    """Every row of the file's sheets whose header holds the form's labels (SheetError when the
    file cannot be read at all)."""
    book = Book(display or path.name)
    book.rows = list(read_rows(path, book))
    return book


def read_rows(path: Path, book: Book) -> Iterator[Row]:
    """The rows as the file is read (so that judging them can start before the last is read);
    `book` collects the notes. SheetError when the file cannot be read, before the first row
    when it is the file as a whole."""
    display = book.display
    suffix = path.suffix.lower()
    if suffix in (".xlsm", ".xltm", ".xlam", ".xlsb"):
        raise SheetError(f"{display}: berkas dengan makro ({suffix}) tidak diterima; simpan sebagai .xlsx "
                         "(Buku Kerja Excel tanpa makro) atau .csv")
    if suffix in (".xls", ".ods", ".numbers"):
        raise SheetError(f"{display}: format {suffix} tidak dibaca; simpan sebagai .xlsx atau .csv")
    if suffix not in (".xlsx", ".csv"):
        raise SheetError(f"{display}: katalog membaca .xlsx atau .csv, bukan {suffix or 'berkas tanpa akhiran'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise SheetError(f"{display}: tidak dapat dibaca ({os_reason(exc)})") from None
    if size > MAX_FILE_BYTES:
        raise SheetError(f"{display}: berkas terlalu besar ({size / 1e6:.0f} MB; batasnya "
                         f"{MAX_FILE_BYTES // 1024 // 1024} MB); bagi menjadi beberapa berkas")
    if suffix == ".xlsx":
        yield from _read_xlsx(path, book)
    else:
        yield from _read_csv(path, book)


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
_DOCTYPE = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.I)
_CHUNK = 1024 * 1024


def _check_zip(path: Path, display: str) -> dict[str, list[tuple[int, int, int, int]]]:
    """The zip read as far as needed to trust it: sizes declared and real, no macros, no DTDs.
    Returns the merged ranges of each worksheet member (first col, first row, last col, last row)."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise SheetError(f"{display}: bukan berkas .xlsx yang utuh (isinya bukan arsip zip); buka dan simpan "
                         "ulang di aplikasi lembar kerja") from None
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise SheetError(f"{display}: memuat {len(members)} bagian; berkas lembar kerja biasa jauh lebih sedikit")
        names = {m.filename.lower() for m in members}
        if any(n.endswith("vbaproject.bin") for n in names):
            raise SheetError(f"{display}: berkas ini memuat makro; simpan sebagai .xlsx tanpa makro atau .csv")
        if "xl/workbook.xml" not in names:
            raise SheetError(f"{display}: bukan buku kerja Excel (.xlsx); simpan ulang sebagai .xlsx atau .csv")
        declared = sum(m.file_size for m in members)
        if declared > MAX_UNZIPPED:
            raise SheetError(f"{display}: isinya mengembang menjadi {declared / 1e6:.0f} MB (batasnya "
                             f"{MAX_UNZIPPED // 1024 // 1024} MB); bagi menjadi beberapa berkas")
        total = 0
        for member in members:
            real = 0
            tail = b""
            sheet = member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml")
            try:
                with archive.open(member) as stream:
                    while chunk := stream.read(_CHUNK):
                        real += len(chunk)
                        total += len(chunk)
                        if real > member.file_size or total > MAX_UNZIPPED:
                            raise SheetError(f"{display}: isinya mengembang melebihi ukuran yang dinyatakan "
                                             "(arsip rusak atau sengaja dibuat begitu); berkas tidak dibaca")
                        if member.filename.endswith((".xml", ".rels", ".vml")):
                            window = tail + chunk
                            if _DOCTYPE.search(window):
                                raise SheetError(f"{display}: memuat deklarasi DOCTYPE/ENTITY XML yang tidak "
                                                 "dipakai lembar kerja biasa; berkas tidak dibaca")
                            if sheet:
                                for m in _MERGE.finditer(window):
                                    span = (_column_number(m.group(1).decode()), int(m.group(2)),
                                            _column_number(m.group(3).decode()), int(m.group(4)))
                                    found = merged.setdefault(member.filename, [])
                                    if span not in found:
                                        found.append(span)
                            tail = window[-256:]
            except SheetError:
                raise
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
                raise SheetError(f"{display}: bagian '{member.filename}' rusak atau terenkripsi; buka dan simpan "
                                 "ulang di aplikasi lembar kerja") from None
    return merged


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def _read_xlsx(path: Path, book: Book) -> Iterator[Row]:
    display = book.display
    merged = _check_zip(path, display)
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's notes on extensions it does not read
            workbook = load_workbook(path, read_only=True, data_only=False, keep_links=False, keep_vba=False)
    except Exception as exc:  # noqa: BLE001 — openpyxl raises many kinds on a broken file; all mean "unreadable"
        raise SheetError(f"{display}: tidak dapat dibaca sebagai buku kerja ({type(exc).__name__}); buka dan "
                         "simpan ulang sebagai .xlsx") from None
    try:
        found = False
        for sheet in workbook.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            spans = merged.get(getattr(sheet, "_worksheet_path", "").lstrip("/"), [])
            # Every row the sheet holds, whatever its <dimension> claims (writers leave it stale).
            sheet.reset_dimensions()
            rows = (tuple(_cell(c) for c in row) for row in sheet.iter_rows(min_row=1, min_col=1))
            found = (yield from _read_sheet(book, sheet.title, rows, spans)) or found
        if not found:
            raise SheetError(f"{display}: tidak ada lembar yang baris judulnya memuat label formulir 'Usulkan "
                             f"inovasi' ({', '.join(LABELS[1:4])} …); pakai templat dari `katalog impor --templat`")
    except SheetError:
        raise
    except Exception as exc:  # noqa: BLE001 — a sheet openpyxl cannot parse: unreadable, said once
        raise SheetError(f"{display}: lembar kerjanya tidak dapat dibaca ({type(exc).__name__}); buka dan simpan "
                         "ulang sebagai .xlsx") from None
    finally:
        workbook.close()


@dataclass(frozen=True)
class _Cell:
    text: str
    formula: bool = False
    number: bool = False
    too_long: int = 0


_EMPTY = _Cell("")


def _cell(cell: Any) -> _Cell:
    value = getattr(cell, "value", None)
    if value is None:
        return _EMPTY
    if getattr(cell, "data_type", "") == "f":
        return _Cell(str(value)[:200], formula=True)
    if isinstance(value, str):
        if len(value) > MAX_CELL:
            return _Cell("", too_long=len(value))
        return _Cell(value)
    if isinstance(value, bool):
        return _Cell("ya" if value else "tidak")
    if isinstance(value, datetime):
        return _Cell(value.date().isoformat())
    if isinstance(value, date):
        return _Cell(value.isoformat())
    if isinstance(value, time):
        return _Cell(value.isoformat())
    if isinstance(value, int | float):
        return _Cell(numbers.written(value), number=True)
    return _Cell(str(value)[:MAX_CELL])


def _header(rows: list[tuple[_Cell, ...]]) -> tuple[int, dict[int, str | None], list[str]] | None:
    """The header among the first rows: the row naming most of the form's labels (at least
    three). Returns its index, column → question id (None for the id column), and the labels
    it does not know."""
    best: tuple[int, int] | None = None
    for index, row in enumerate(rows):
        hits = sum(1 for c in row if v.normal(c.text) in _BY_NORMAL or v.normal(c.text) == ID_LABEL)
        if hits >= 3 and (best is None or hits > best[1]):
            best = (index, hits)
    if best is None:
        return None
    columns: dict[int, str | None] = {}
    unknown: list[str] = []
    for number, cell in enumerate(rows[best[0]], 1):
        name = v.normal(cell.text)
        if not name:
            continue
        if name == ID_LABEL:
            columns.setdefault(number, None)
        elif name in _BY_NORMAL and _BY_NORMAL[name].id not in columns.values():
            columns[number] = _BY_NORMAL[name].id
        else:
            unknown.append(cell.text.strip())
    return best[0], columns, unknown


def _read_sheet(book: Book, sheet: str | None, rows: Iterator[tuple[_Cell, ...]],
                spans: list[tuple[int, int, int, int]]) -> Iterator[Row]:
    """One sheet's rows; returns False when it has no header of the form's labels."""
    head = []
    for row in rows:
        head.append(row[:MAX_COLUMNS])
        if len(head) == HEADER_ROWS:
            break
    found = _header(head)
    name = f"lembar '{sheet}'" if sheet is not None else "berkas"
    if found is None:
        if sheet is not None and any(c.text for row in head for c in row):
            book.notes.append(f"{name} dilewati: baris judulnya tidak memuat label formulir")
        return False
    header_index, columns, unknown = found
    for label in unknown:
        close = [q.label for q in QUESTIONS if v.normal(q.label).startswith(v.normal(label)[:8])][:1]
        hint = f" (maksud Anda '{close[0]}'?)" if close else ""
        book.notes.append(f"{name}: kolom '{label[:60]}' tidak dikenal dan dilewati{hint}")
    present = set(columns.values())
    missing = [q.label for q in QUESTIONS if q.required and q.id not in present]
    if missing:
        raise SheetError(f"{book.display}: {name} tidak punya kolom wajib: {', '.join(missing)}")
    covered = {(col, row) for c1, r1, c2, r2 in spans for col in range(c1, c2 + 1) for row in range(r1, r2 + 1)
               if (col, row) != (c1, r1)}
    merged_from = {(col, row): f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
                   for c1, r1, c2, r2 in spans for col in range(c1, c2 + 1) for row in range(r1, r2 + 1)}
    id_column = next((col for col, qid in columns.items() if qid is None), None)
    empty = 0
    counted = 0

    def rest() -> Iterator[tuple[int, tuple[_Cell, ...]]]:
        for offset, row in enumerate(head[header_index + 1:], header_index + 2):
            yield offset, row
        for offset, row in enumerate(rows, len(head) + 1):
            yield offset, row

    for number, row in rest():
        if not any(c.text or c.formula or c.too_long for c in row[:MAX_COLUMNS]):
            empty += 1
            if empty >= MAX_EMPTY_RUN:
                book.notes.append(f"{name}: berhenti membaca di baris {number}, setelah {MAX_EMPTY_RUN} baris kosong "
                                  "berturut-turut; baris di bawahnya tidak dibaca")
                break
            continue
        empty = 0
        counted += 1
        if counted > MAX_ROWS:
            raise SheetError(f"{book.display}: {name} memuat lebih dari {MAX_ROWS} baris; bagi menjadi beberapa berkas")
        yield _row(book.display, sheet, number, row, columns, id_column, covered, merged_from)
    return True


def _row(display: str, sheet: str | None, number: int, row: tuple[_Cell, ...], columns: dict[int, str | None],
         id_column: int | None, covered: set[tuple[int, int]], merged_from: dict[tuple[int, int], str]) -> Row:
    answers: dict[str, Answer] = {}
    problems: list[Diagnostic] = []
    for col, qid in columns.items():
        cell = row[col - 1] if col - 1 < len(row) else _EMPTY
        label = BY_ID[qid].label if qid else ID_LABEL
        if cell.formula:
            problems.append(Diagnostic(display, number, col, ERROR, label,
                                       f"sel ini berisi rumus ({cell.text[:60]}); katalog tidak menjalankan rumus: "
                                       "salin sel lalu tempel sebagai nilai (Tempel Khusus → Nilai)"))
            cell = _EMPTY
        elif cell.too_long:
            problems.append(Diagnostic(display, number, col, ERROR, label,
                                       f"sel ini memuat {cell.too_long} karakter, lebih dari batas satu sel "
                                       f"({MAX_CELL}); tidak dibaca"))
            cell = _EMPTY
        if (col, number) in covered and not cell.text:
            problems.append(Diagnostic(display, number, col, ERROR, label,
                                       f"sel ini bagian dari sel gabungan {merged_from[(col, number)]}; isinya hanya "
                                       "ada di baris pertama gabungan: pisahkan sel gabungan (Unmerge) dan isi setiap "
                                       "baris"))
        if qid is None:
            continue
        text = cell.text
        if cell.number and qid == "kode":
            text = _region_code(text)
        answers[qid] = Answer(number, text, col, spread=False)
    entry_id = row[id_column - 1].text.strip() if id_column is not None and id_column - 1 < len(row) else ""
    return Row(sheet, number, answers, entry_id, problems)


def _region_code(text: str) -> str:
    """A region code a spreadsheet took for a number (`35.10` → 35.1): its two-digit groups back."""
    whole, _, decimals = text.partition(",")
    if len(whole) <= 2 and decimals and len(decimals) <= 2:
        return f"{int(whole):02d}.{decimals.ljust(2, '0')}"
    return text.replace(",", ".")


def _read_csv(path: Path, book: Book) -> Iterator[Row]:
    display = book.display
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise SheetError(f"{display}: bukan berkas teks CSV (isinya biner); simpan ulang sebagai CSV UTF-8")
    if raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="strict") if _utf8(raw[3:]) else None
    else:
        text = raw.decode("utf-8") if _utf8(raw) else None
    encoding = "UTF-8"
    if text is None:
        try:
            text = raw.decode("cp1252")
            encoding = "Windows-1252"
        except UnicodeDecodeError:
            raise SheetError(f"{display}: pengodean teksnya tidak dikenali; simpan ulang sebagai CSV UTF-8") from None
    first = next((line for line in text.splitlines()[:HEADER_ROWS] if line.strip()), "")
    separator = max((",", ";", "\t"), key=lambda s: sum(v.normal(p.strip('" ')) in _BY_NORMAL for p in first.split(s)))
    if encoding != "UTF-8":
        book.notes.append(f"berkas dibaca sebagai {encoding}")
    previous = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL + 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)

        def rows() -> Iterator[tuple[_Cell, ...]]:
            try:
                for row in reader:
                    yield tuple(_Cell(cell) for cell in row[:MAX_COLUMNS])
            except csv.Error as exc:
                raise SheetError(f"{display}: baris {reader.line_num} tidak dapat dibaca ({exc}); sel lebih dari "
                                 f"{MAX_CELL} karakter atau tanda kutip yang tidak ditutup") from None

        if not (yield from _read_sheet(book, None, rows(), [])):
            raise SheetError(f"{display}: baris judulnya tidak memuat label formulir 'Usulkan inovasi' "
                             f"({', '.join(LABELS[1:4])} …); pakai templat dari `katalog impor --templat`, "
                             "pemisah koma atau titik koma")
    finally:
        csv.field_size_limit(previous)


def _utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- writing: the template and the catalogue in its columns -------------------------------------

_HELP_ID = ("Kosongkan untuk inovasi baru: id dibuat dari judul dan instansi. Untuk memperbarui entri yang sudah "
            f"ada, tulis id-nya (bagian terakhir alamat halamannya). Baris dengan id '{EXAMPLE_ID}' adalah contoh "
            "dan dilewati saat impor.")


def _note(q: Question) -> str:
    text = re.sub(r"`([^`]*)`", r"\1", q.description).replace("*", "")
    if q.required:
        text = "Wajib diisi. " + text
    if q.vocabulary:
        text += " Pilih dari daftar" + (" (boleh lebih dari satu, dipisah koma)." if q.multiple else ".")
    if q.id == "cerita":
        text += " Kosongkan saat memperbarui entri: ceritanya yang sudah ada tetap dipakai."
    return text.strip()[:2000]


EXAMPLE: dict[str, str] = {
    "judul": "Layanan Adminduk Keliling Desa", "ringkasan": (
        "Petugas Dinas Dukcapil mendatangi desa-desa terpencil setiap pekan untuk melayani KTP-el, KK dan akta "
        "kelahiran di balai desa."),
    "instansi": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulungagung",
    "jenis_instansi": "Pemerintah Kabupaten", "provinsi": "Jawa Timur", "kabupaten_kota": "Kabupaten Tulungagung",
    "kode": "35.04", "urusan": "Administrasi Kependudukan dan Pencatatan Sipil", "tahapan": "Penerapan",
    "status": "Aktif", "mulai": "2019-03-01", "penerapan": "2019-07-01", "jenis": "Non-digital",
    "bentuk": "Inovasi Pelayanan Publik", "masalah": (
        "Warga desa terpencil menempuh perjalanan dua jam ke kantor Dukcapil di kota, sering lebih dari sekali."),
    "kebaruan_jenis": "Pendekatan baru", "kebaruan_uraian": (
        "Petugas membawa perangkat perekaman ke balai desa menurut jadwal yang diumumkan perangkat desa, sehingga "
        "warga lanjut usia, penyandang disabilitas dan pekerja harian dilayani di dekat rumah pada hari yang sama."),
    "hasil": ("Waktu pengurusan KTP-el | 14 | 1 | hari | 2019-01-31 | 2021-12-31 | Laporan Kinerja Dinas Dukcapil "
              "2021 | https://dukcapil.contoh.go.id/lkj-2021"),
    "manfaat_dasar": "Jumlah penerima manfaat", "manfaat_nilai": "1250",
    "manfaat_keterangan": "Warga yang dilayani di balai desa sepanjang 2023.",
    "manfaat_bukti": "https://dukcapil.contoh.go.id/laporan-2023",
    "dasar_hukum": "Peraturan Bupati Tulungagung Nomor 12 Tahun 2019 | https://jdih.contoh.go.id/perbup-12-2019",
    "anggaran": "2024, 2025, 2026", "sumber_anggaran": "APBD",
    "kontak_jabatan": "Kepala Bidang Pelayanan Pendaftaran Penduduk", "kontak_email": "dukcapil@contoh.go.id",
    "cerita": "## Latar Belakang\n\nBanyak warga desa di lereng gunung belum memiliki KTP-el.",
}


def write_workbook(target: Any, rows: list[dict[str, str]] | None = None, *, example: bool = True,
                   built: date | None = None, room: int | None = None) -> None:
    """The template (no rows, and the example row) or the catalogue in the template's columns
    (`rows`: the answers of each entry and its id), to a path or a binary stream. Dropdowns come
    from the vocabularies (data validation against a hidden sheet of choices), each column's help
    is the note on its header, and the text columns are formatted as text. Written in openpyxl's
    write-only mode, with fixed dates inside so that the same rows give the same bytes. `room`:
    the rows the dropdowns reach past (else `rows`'), for a frame whose rows are added after
    (`catalogue_workbook`)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    rows = rows or []
    workbook = Workbook(write_only=True)
    when = datetime.combine(built or date(2026, 1, 1), time())
    workbook.properties.created = workbook.properties.modified = when
    workbook.properties.creator = workbook.properties.lastModifiedBy = "Katalog Inovasi"
    sheet = workbook.create_sheet(SHEET)
    choices = workbook.create_sheet(CHOICES_SHEET)
    choices.sheet_state = "hidden"
    guide = workbook.create_sheet(GUIDE_SHEET)
    last = max((len(rows) if room is None else room) + 1 + (1 if example else 0), 1000) + 1000
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    sheet.freeze_panes = "B2"
    vocabularies = [q.vocabulary for q in QUESTIONS if q.vocabulary]
    vocabularies = list(dict.fromkeys(vocabularies))
    where_list: dict[str, str] = {}
    longest = max(len(v.ALL[name]) for name in vocabularies)
    choices.append([name for name in vocabularies])
    for index in range(longest):
        choices.append([list(v.ALL[name].values())[index] if index < len(v.ALL[name]) else None
                        for name in vocabularies])
    for number, name in enumerate(vocabularies, 1):
        letter = column_letter(number)
        where_list[name] = f"{CHOICES_SHEET}!${letter}$2:${letter}${len(v.ALL[name]) + 1}"
    header = []
    for number, label in enumerate(LABELS, 1):
        q = None if number == 1 else QUESTIONS[number - 2]
        cell = WriteOnlyCell(sheet, value=label)
        cell.font, cell.fill = bold, head_fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(_HELP_ID if q is None else _note(q), "Katalog Inovasi", height=160, width=320)
        header.append(cell)
        width = 14 if q is None else 48 if q.kind == "textarea" else 24
        sheet.column_dimensions[column_letter(number)].width = width
        if q is not None and q.id in _TEXT_COLUMNS:
            sheet.column_dimensions[column_letter(number)].number_format = "@"
        if q is not None and q.vocabulary:
            rule = DataValidation(type="list", formula1=f"={where_list[q.vocabulary]}", allow_blank=True,
                                  showDropDown=False, showErrorMessage=True, errorStyle="warning",
                                  errorTitle="Bukan pilihan daftar",
                                  error="Pilih dari daftar. Slug atau sebutan lain juga dibaca saat impor."
                                  + (" Beberapa pilihan dipisah koma." if q.multiple else ""),
                                  showInputMessage=True, promptTitle=q.label[:32],
                                  prompt=("Pilih dari daftar; beberapa pilihan dipisah koma." if q.multiple
                                          else "Pilih dari daftar."))
            rule.add(f"{column_letter(number)}2:{column_letter(number)}{last}")
            sheet.data_validations.append(rule)
    sheet.append(header)
    if example:
        grey = Font(italic=True, color="7F7F7F")
        cells = []
        for label in LABELS:
            q = None if label == ID_LABEL else next(x for x in QUESTIONS if x.label == label)
            value = EXAMPLE_ID if q is None else EXAMPLE.get(q.id, "")
            cell = WriteOnlyCell(sheet, value=value or None)
            cell.font = grey
            cells.append(cell)
        sheet.append(cells)
    for answers in rows:
        sheet.append([answers.get(ID_LABEL) or None, *((answers.get(q.id) or None) for q in QUESTIONS)])
    guide.column_dimensions["A"].width = 110
    for line in GUIDE:
        guide.append([line])
    workbook.save(target)


GUIDE = (
    "Templat impor Katalog Inovasi",
    "",
    f"1. Isi lembar '{SHEET}': satu baris satu inovasi. Judul kolom sama dengan label formulir 'Usulkan inovasi'; "
    "arahkan kursor ke judul kolom untuk membaca petunjuknya.",
    "2. Kolom pilihan punya daftar (panah di sel). Nama, slug atau sebutan lain (Pemkab, Jatim, Perbup) juga dibaca.",
    "3. Hasil terukur, evaluasi, dasar hukum dan penghargaan: satu per baris di dalam sel (Alt+Enter), bagian-bagiannya "
    "dipisah garis tegak |.",
    "4. Tanggal ditulis 2024-03-01, 1-3-2024 atau 1 Maret 2024; angka boleh 1.250 atau 24,5.",
    f"5. Baris dengan id '{EXAMPLE_ID}' adalah contoh dan dilewati. Jangan memakai rumus: tulis nilainya.",
    "6. Periksa dan impor: katalog impor BERKAS.xlsx (setiap masalah disebut dengan lembar, baris dan kolomnya; "
    "baris yang benar tetap ditulis). Mengimpor ulang berkas yang sama aman: entri yang sama diperbarui.",
    "7. Simpan sebagai .xlsx (tanpa makro) atau .csv UTF-8.",
)


# --- the catalogue's workbook: a frame and a row per entry ------------------------------------------
# `api/inovasi.xlsx` at national scale is 32,000 rows of inline text: openpyxl takes about 16 s of
# CPU to write them. Each entry's row is instead its own piece of sheet XML (`catalogue_row`, kept
# by a warm build with the entry's other pieces of the open data), and the workbook is the frame
# openpyxl writes with no row under the header (`catalogue_frame`: the styles, notes, dropdowns,
# the choices and the guide) with the rows put into its sheet (`catalogue_workbook`). The bytes are
# openpyxl's own for every row openpyxl writes as text.

SHEET_MEMBER = "xl/worksheets/sheet1.xml"
"""The member of the frame that holds the sheet `SHEET` (the first sheet created)."""
_ROWS_AT_ONCE = 64
"""Rows numbered and handed to the compressor at a time: a few hundred KB, whatever the catalogue's size."""
_ROW_MARK = b"\0"
"""Where a row's number goes in its piece: NUL is not XML, so it is never a cell's text."""
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, even as a reference (control characters, lone surrogates)."""
_XML_SPECIAL = re.compile("[&<>\r]")
_PLAIN = re.compile("[\t\n\x20-\x25\x27-\x3b\x3d\x3f-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*").fullmatch
"""Text that XML holds as it is: none of `_NOT_XML`, and none of `_XML_SPECIAL` (`&`, `<`, `>`, CR)."""
_CELL_KEYS = tuple(zip((column_letter(number) for number in range(1, len(LABELS) + 1)),
                       (None, *(q.id for q in QUESTIONS)), strict=True))
"""Each column's letter and the answer it holds (None: the entry's id)."""


def catalogue_rows(items: list[tuple[str, dict[str, Any]]]) -> list[dict[str, str]]:
    """(id, front matter) → the answers of each entry in the template's columns. Its story is left
    out (an import keeps the story an entry already has when the cell is empty): the open data
    stays small, and the story is in the repository."""
    rows = []
    for entry_id, data in items:
        answers = answers_of(data, "")
        answers[ID_LABEL] = entry_id
        rows.append(answers)
    return rows


def catalogue_row(entry_id: str, data: dict[str, Any]) -> bytes:
    """One entry's row of the catalogue sheet, as XML (UTF-8) with `_ROW_MARK` for its number:
    the cells `catalogue_rows` gives it, each an inline string (as openpyxl writes text), empty
    cells left out. `data`: its front matter as JSON values (None where a key is absent)."""
    answers = answers_of(data, "")
    parts = ['<row r="\0">']
    for letter, key in _CELL_KEYS:
        value = entry_id if key is None else answers.get(key)
        if not value:
            continue
        if _PLAIN(value) and len(value) <= MAX_CELL:  # most cells: `_text_cell` with nothing to change
            space = ' xml:space="preserve"' if (value[0].isspace() or value[-1].isspace()) \
                and not value.isspace() else ""
            parts.append(f'<c r="{letter}\0" t="inlineStr"><is><t{space}>{value}</t></is></c>')
            continue
        if _NOT_XML.search(value):
            value = _NOT_XML.sub("", value)
        if value:
            parts.append(_text_cell(letter, value))
    parts.append("</row>")
    return "".join(parts).encode()


def _text_cell(letter: str, value: str) -> str:
    """A cell of text, always text: a value that starts with `=` or reads like an error (`#N/A`)
    stays the text it is (openpyxl's own cells would turn it into a formula or an error), and
    what XML cannot hold has been left out (`catalogue_row`). Escaped as openpyxl escapes, and a
    carriage return kept as a reference (XML readers would read a bare one as a line feed)."""
    value = value[:MAX_CELL]
    stripped = value.strip()
    space = ' xml:space="preserve"' if stripped and stripped != value else ""
    if _XML_SPECIAL.search(value):
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return f'<c r="{letter}\0" t="inlineStr"><is><t{space}>{value}</t></is></c>'


def catalogue_frame(count: int, built: date) -> list[tuple[str, bytes]]:
    """The catalogue's workbook with no row under its header, whose dropdowns reach past `count`
    rows: its members in order (name, bytes), the time of writing replaced by `built`."""
    buffer = io.BytesIO()
    write_workbook(buffer, example=False, built=built, room=count)
    return _fixed_members(buffer.getvalue(), built)


def catalogue_workbook(target: BinaryIO, frame: list[tuple[str, bytes]], rows: Iterable[bytes | memoryview],
                       built: date) -> None:
    """The workbook: `frame` (`catalogue_frame`) with `rows` (`catalogue_row`) numbered from 2
    under its header, each member dated `built`, into `target` (seekable). The sheet is
    compressed as it is put together (zlib lets other threads run meanwhile)."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, content in frame:
            info = _member(name, built)
            if name != SHEET_MEMBER:
                out.writestr(info, content)
                continue
            head, end, tail = content.partition(b"</sheetData>")
            if not end:
                raise ValueError(f"{SHEET_MEMBER} tanpa </sheetData>")
            with out.open(info, "w") as sheet:
                sheet.write(head)
                chunk: list[bytes] = []
                for number, row in enumerate(rows, 2):
                    chunk.append(b"%d" % number)
                    chunk.append(bytes(row))
                    if len(chunk) >= 2 * _ROWS_AT_ONCE:
                        sheet.write(_numbered(chunk))
                        chunk = []
                sheet.write(_numbered(chunk))
                sheet.write(end + tail)


def _numbered(chunk: list[bytes]) -> bytes:
    """Rows (each after its number) as one run of XML, each mark replaced by its row's number."""
    return b"".join(number.join(row.split(_ROW_MARK)) for number, row in zip(chunk[::2], chunk[1::2], strict=True))


def _member(name: str, when: date) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(max(when.year, 1980), when.month, when.day, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _fixed_members(data: bytes, when: date) -> list[tuple[str, bytes]]:
    """An .xlsx's members, the document's "modified" time (openpyxl stamps the time of saving)
    set to `when`."""
    moment = f"{when.isoformat()}T00:00:00Z".encode()
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + moment, content)
            members.append((member.filename, content))
    return members


def zip_fixed(data: bytes, when: date) -> bytes:
    """An .xlsx with every member's date, and the document's "modified" time, set to `when`: the
    same rows, the same bytes (both otherwise carry the time of writing)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in _fixed_members(data, when):
            target.writestr(_member(name, when), content)
    return out.getvalue()
