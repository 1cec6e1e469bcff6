"""The catalogue's workbook (`api/inovasi.xlsx`) put together from openpyxl's frame and a row of
sheet XML per entry (`sheets.catalogue_row`, `sheets.catalogue_workbook`): the bytes openpyxl
writes when it writes the whole workbook itself, every cell read back as the text it holds
however hostile, and the same bytes for the same entries."""

from __future__ import annotations

import functools
import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from generator import sheets
from generator.catalogue import Catalogue, Record, find_entry_files, load_files

pytestmark = pytest.mark.unit

BUILT = date(2026, 11, 1)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Catalogue[Record]:
    """90 generated entries (every kind of field the generator writes, replications among them)."""
    from bench.corpus import generate

    entries = tmp_path_factory.mktemp("workbook") / "docs" / "innovations"
    generate(entries, 90, seed=5)
    return load_files(find_entry_files([entries]), docs_dir=entries.parent, today=BUILT, jobs=1)


def _front_matter(record: Record, *, exclude_none: bool = False) -> dict[str, Any]:
    return record.entry.model_dump(mode="json", exclude={"draf"}, exclude_none=exclude_none)


@functools.lru_cache
def _frame(count: int, built: date) -> list[tuple[str, bytes]]:
    return sheets.catalogue_frame(count, built)


def _pieced(rows: list[tuple[str, dict[str, Any]]], built: date = BUILT) -> bytes:
    out = io.BytesIO()
    sheets.catalogue_workbook(out, _frame(len(rows), built),
                              [sheets.catalogue_row(entry_id, data) for entry_id, data in rows], built)
    return out.getvalue()


def _whole(rows: list[tuple[str, dict[str, Any]]], built: date = BUILT) -> bytes:
    """The workbook as openpyxl writes it whole (what the catalogue's workbook was before)."""
    buffer = io.BytesIO()
    sheets.write_workbook(buffer, sheets.catalogue_rows(rows), example=False, built=built)
    return sheets.zip_fixed(buffer.getvalue(), built)


def _cells(data: bytes) -> dict[str, list[list[tuple[Any, str, Any]]]]:
    """Every cell of every sheet: (value, type, style) by row."""
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: [[(c.value, c.data_type, (c.font.b, c.font.i, c.fill.fgColor.rgb, c.number_format))
                           for c in row] for row in sheet.iter_rows()]
            for sheet in book.worksheets}


def test_the_workbook_from_pieces_is_openpyxls_own(catalogue: Catalogue[Record]) -> None:
    published = catalogue.published()
    assert len(published) > 50
    pieced = _pieced([(r.id, _front_matter(r)) for r in published])
    whole = _whole([(r.id, _front_matter(r, exclude_none=True)) for r in published])
    assert pieced == whole  # byte for byte: the frame, the rows, the zip
    cells = _cells(pieced)
    assert cells == _cells(whole)
    rows = cells[sheets.SHEET]
    assert len(rows) == len(published) + 1
    assert [row[0][0] for row in rows[1:]] == [r.id for r in published]
    assert rows[1][1] == (published[0].entry.judul, "s", (False, False, "00000000", "General"))
    assert rows[0][0] == ("id", "s", (True, False, "00DDEBF7", "General"))  # the header keeps its style


def test_the_same_entries_give_the_same_bytes_dated_by_the_build(catalogue: Catalogue[Record]) -> None:
    rows = [(r.id, _front_matter(r)) for r in catalogue.published()[:20]]
    first, second = _pieced(rows), _pieced(rows)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as book:
        assert {info.date_time for info in book.infolist()} == {(2026, 11, 1, 0, 0, 0)}
        assert b"<dcterms:modified" in book.read("docProps/core.xml")
        assert b"2026-11-01T00:00:00Z" in book.read("docProps/core.xml")
    later = _pieced(rows, date(2027, 2, 3))
    with zipfile.ZipFile(io.BytesIO(later)) as book:
        assert {info.date_time for info in book.infolist()} == {(2027, 2, 3, 0, 0, 0)}


HOSTILE = st.lists(st.one_of(
    st.sampled_from(list("=+-@#&<>\"' \t\n\r;,|_x") + ["\x00", "\x01", "\x0b", "\x1f", "\x7f", "\ud800", "\ufffe",
                                                       "\u00a0", "\u2028", "😀", "_x0041_", "#N/A", "#REF!",
                                                       "=HYPERLINK(\"https://jahat.example\",\"klik\")",
                                                       "]]>", "</t></is></c>", "&amp;"]),
    st.characters()), max_size=12).map("".join)


def xml_holds(ch: str) -> bool:
    """XML 1.0's `Char` production, written out here rather than taken from sheets.py: any lone
    surrogate (st.characters() draws all of them, not only the sampled \\ud800), \\ufffe,
    \\uffff and the control characters but tab, LF and CR are out."""
    return ch in "\t\n\r" or " " <= ch <= "\ud7ff" or "\ue000" <= ch <= "\ufffd" or ch >= "\U00010000"


@given(st.lists(st.tuples(HOSTILE, HOSTILE, HOSTILE), min_size=1, max_size=8))
@example([("", "", "\ud801"), ("\uffff", "a\udfffb", "\U0010ffff")])  # found by CI: any lone surrogate
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_hostile_text_stays_the_text_it_is(texts: list[tuple[str, str, str]]) -> None:
    rows = [(f"inovasi-{n}", {"judul": judul, "ringkasan": ringkasan, "instansi": {"nama": nama}})
            for n, (judul, ringkasan, nama) in enumerate(texts)]
    pieced = _pieced(rows)
    read = _cells(pieced)[sheets.SHEET][1:]
    assert len(read) == len(rows)

    def kept(text: str) -> str | None:
        text = "".join(ch for ch in text if xml_holds(ch))
        return text or None

    for (entry_id, data), row in zip(rows, read, strict=True):
        assert row[0][:2] == (entry_id, "s")
        for text, column in ((data["judul"], 1), (data["ringkasan"], 2), (data["instansi"]["nama"], 3)):
            value, kind, _ = row[column]
            assert value == kept(text)  # a formula's text, an error's text: text, never run
            assert kind == ("s" if value is not None else "n")
    # Where openpyxl itself writes the rows (text it takes as text and XML can hold), the same bytes.
    if all(_openpyxl_text(t) for judul_ringkasan_nama in texts for t in judul_ringkasan_nama):
        assert pieced == _whole(rows)


def _openpyxl_text(text: str) -> bool:
    from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE

    return (not ILLEGAL_CHARACTERS_RE.search(text) and not (len(text) > 1 and text.startswith("="))
            and text not in ERROR_CODES and "\r" not in text and all(map(xml_holds, text)))


def test_a_formula_looking_title_is_text_in_the_workbook_and_reads_back(tmp_path: Path) -> None:
    title = '=HYPERLINK("https://jahat.example","klik") <b>&amp;'
    path = tmp_path / "inovasi.xlsx"
    path.write_bytes(_pieced([("rumus", {"judul": title, "ringkasan": "#N/A"})]))
    with zipfile.ZipFile(path) as book:
        sheet = book.read(sheets.SHEET_MEMBER)
    assert b"<f>" not in sheet and b't="e"' not in sheet
    book = sheets.read(path)
    (row,) = book.rows
    assert row.entry_id == "rumus"
    assert row.answers["judul"].text == title
    assert row.answers["ringkasan"].text == "#N/A"
    assert not row.problems  # no formula reported: the cell is text
