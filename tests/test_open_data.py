"""What the open data says of itself (issue 22): `inovasi.json` names a schema that every
published document validates against (the records, the collection, each of its items), the
front-matter schema keeps its own name, and the CSV is described for CSV on the Web (W3C) with
each column's type, so `wilayah.kode` stays text for the tools that read it."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from generator import exports
from generator.cli import main

pytestmark = pytest.mark.unit

EPOCH = "1780358400"  # 2026-06-02


@pytest.fixture
def api(tmp_path: Path, monkeypatch, write_entry, capsys) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    content = tmp_path / "content"
    root = content / "innovations"
    write_entry(content, "jawa-timur", "banyuwangi-mpp",
                instansi="\n  nama: Pemerintah Kabupaten Banyuwangi\n  jenis: pemkab",
                wilayah='\n  provinsi: jawa-timur\n  kabupaten_kota: Kabupaten Banyuwangi\n  kode: "35.10"',

                keberlanjutan="\n  dasar_hukum:\n    - jenis: perkada\n      nomor: '12'\n      tahun: 2019\n"
                              "  anggaran: [2025, 2026]\n  sumber_anggaran: [APBD]",
                hasil="\n  - indikator: Waktu layanan\n    satuan: hari\n    sebelum:\n      nilai: 14\n"
                      "      tanggal: 2019-01-31\n    sesudah:\n      nilai: 1.5\n      tanggal: 2021-12-31\n"
                      "    sumber: Laporan kinerja 2021",
                kata_kunci="\n  - MPP\n  - mal pelayanan")
    write_entry(content, "jawa-timur", "tiru", replikasi_dari="\n  - inovasi: banyuwangi-mpp")
    write_entry(content, "bali", "draf-saja", draf="true")
    monkeypatch.chdir(tmp_path)
    assert main(["export", "--out", str(tmp_path / "data"), "--katalog", str(root)]) == 0
    capsys.readouterr()
    return tmp_path / "data" / "api"


def _validator(api: Path) -> jsonschema.Draft202012Validator:
    whole = json.loads((api / "inovasi.json").read_text(encoding="utf-8"))
    schema = json.loads((api / whole["skema"]).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def test_every_published_document_validates_against_the_schema_inovasi_json_names(api: Path) -> None:
    validator = _validator(api)
    whole = json.loads((api / "inovasi.json").read_text(encoding="utf-8"))
    assert whole["skema"] == "inovasi.schema.json" != "schema.json"
    records = sorted((api / "inovasi").glob("*.json"))
    assert [p.stem for p in records] == ["banyuwangi-mpp", "tiru"]
    for document in [whole, *whole["inovasi"], *(json.loads(p.read_text(encoding="utf-8")) for p in records)]:
        problems = [e.message for e in validator.iter_errors(document)]
        assert problems == [], problems


def test_the_schema_refuses_what_a_record_does_not_hold(api: Path) -> None:
    validator = _validator(api)
    record = json.loads((api / "inovasi/tiru.json").read_text(encoding="utf-8"))
    for broken in ({**record, "rahasia": 1}, {**record, "lencana": {**record["lencana"], "skor": "tinggi"}},
                   {k: v for k, v in record.items() if k != "judul"}, {**record, "draf": True}):
        assert not validator.is_valid(broken)


def test_the_front_matter_schema_keeps_its_own_name(api: Path) -> None:
    front = json.loads((api / "schema.json").read_text(encoding="utf-8"))
    assert front["title"] == "Entri Katalog Inovasi" and "lencana" not in front["properties"]
    assert "draf" in front["properties"]  # what an author may write, not what is published


def test_the_csv_is_described_for_csv_on_the_web(api: Path) -> None:
    meta = json.loads((api / exports.CSV_METADATA).read_text(encoding="utf-8"))
    assert meta["@context"] == "http://www.w3.org/ns/csvw" and meta["url"] == "inovasi.csv"
    columns = meta["tableSchema"]["columns"]
    raw = (api / "inovasi.csv").read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(raw, newline="")))
    assert [c["titles"] for c in columns] == header == [c["name"] for c in columns]
    by_name = {c["name"]: c for c in columns}
    assert by_name["wilayah.kode"]["datatype"] == "string"
    assert by_name["tanggal.mulai"]["datatype"] == "date" and by_name["diperbarui"]["datatype"] == "date"
    assert by_name["lencana.skor"]["datatype"] == "integer" and by_name["lencana.lengkap"]["datatype"] == "boolean"
    assert by_name["urusan"]["separator"] == "; " and by_name["hasil"]["datatype"] == "json"
    assert by_name["keberlanjutan.anggaran"] == {**by_name["keberlanjutan.anggaran"], "datatype": "integer",
                                                  "separator": "; "}
    # Every cell reads as its column's type says: the description holds for the data.
    readers = {"integer": int, "number": float, "date": date.fromisoformat, "json": json.loads,
               "boolean": {"true": True, "false": False}.__getitem__, "string": str, "anyURI": str}
    typed = []
    for row in rows:
        record = {}
        for column, cell in zip(columns, row, strict=True):
            if cell == "":
                continue
            parts = cell.split(column["separator"]) if "separator" in column else [cell]
            values = [readers[column["datatype"]](part) for part in parts]
            record[column["name"]] = values if "separator" in column else values[0]
        typed.append(record)
    mpp = next(r for r in typed if r["id"] == "banyuwangi-mpp")
    assert mpp["wilayah.kode"] == "35.10"  # text, as written: not the number 35.1
    assert mpp["keberlanjutan.anggaran"] == [2025, 2026] and mpp["kata_kunci"] == ["MPP", "mal pelayanan"]
    assert mpp["hasil"][0]["sesudah"]["nilai"] == 1.5


def test_the_open_data_page_says_how_to_read_the_csv() -> None:
    page = (Path(__file__).resolve().parent.parent / "content/data-terbuka.md").read_text(encoding="utf-8")
    assert 'dtype={"wilayah.kode": str}' in page and "inovasi.csv-metadata.json" in page
    assert "Teks" in page  # the spreadsheet's own word for a text column
