"""Open data (`katalog export`, and the same files in the site): what a researcher, a dashboard
or a replicating agency downloads."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import EPOCH, ROOT

from generator import exports
from generator.cli import main
from generator.model import Entry

pytestmark = pytest.mark.unit

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write_entry) -> Path:
    """A catalogue with a replication pair, a draft, a stopped entry and hostile text."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    root = Path("content")
    write_entry(root, "nasional", "asal", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian",
                tanggal="\n  mulai: 2017-01-02\n  penerapan: 2017-06-01")
    # A replication in its own words, with evidence of its own (an evaluation with its link): it counts.
    write_entry(root, "jawa-timur", "tiru", replikasi_dari="\n  - inovasi: asal",
                tanggal="\n  mulai: 2024-03-01\n  penerapan: 2024-06-01",
                ringkasan="Tulungagung menjalankan layanan yang sama dengan petugas kecamatan keliling.",
                masalah="Warga desa di Tulungagung menempuh jarak jauh untuk mengurus dokumen.",
                evaluasi="\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n"
                         "    tautan: https://tulungagung.go.id/monev")
    write_entry(root, "bali", "draf-saja", draf="true", replikasi_dari="\n  - inovasi: asal")
    write_entry(root, "aceh", "rumus", judul="'=HYPERLINK(\"https://jahat.example\",\"klik\") <b>&amp;'",
                ringkasan='"Ringkasan dengan koma, \\"kutip\\" dan\\nbaris baru yang cukup panjang."',
                kata_kunci="\n  - -minus\n  - '@kanal'\n  - biasa",
                tanggal="\n  mulai: 2025-01-01\n  penerapan: 2025-02-01")
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def export(capsys, out: Path, *extra: str) -> Path:
    """`katalog export`, which must say how many files it wrote: the number of files on disk
    (once, the sum 4 + 2 × entries printed 36 where 20 were written)."""
    code, stdout, err = run(capsys, "export", "--out", str(out), *extra)
    assert (code, err) == (0, ""), err
    on_disk = sum(1 for p in (out / "api").rglob("*") if p.is_file())
    assert stdout.startswith(f"✓ 3 inovasi diekspor: {on_disk} berkas, "), stdout
    return out / "api"


def test_the_sample_catalogue_exports_as_many_files_as_it_says(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23: the sample's dates are past
    code, stdout, err = run(capsys, "export", "--katalog", str(ROOT / "content"), "--out", str(tmp_path))
    assert (code, err) == (0, ""), err
    entries = sorted(p.stem for p in (tmp_path / "api" / "inovasi").iterdir())
    on_disk = sum(1 for p in (tmp_path / "api").rglob("*") if p.is_file())
    assert on_disk == len(entries) + 7  # the seven files of the whole catalogue
    assert stdout.startswith(f"✓ {len(entries)} inovasi diekspor: {on_disk} berkas, "), stdout


def test_export_writes_every_file_and_leaves_drafts_out(repo, capsys, tmp_path):
    api = export(capsys, tmp_path / "data")
    assert sorted(p.relative_to(api).as_posix() for p in api.rglob("*") if p.is_file()) == [
        "inovasi.csv", "inovasi.csv-metadata.json", "inovasi.json", "inovasi.schema.json", "inovasi.xlsx",
        "inovasi/asal.json", "inovasi/rumus.json", "inovasi/tiru.json",
        "schema.json", "terbaru.xml",
    ]
    whole = json.loads((api / "inovasi.json").read_text(encoding="utf-8"))
    assert (whole["jumlah"], whole["dibangun"], whole["skema"]) == (3, "2026-06-02", "inovasi.schema.json")
    assert [item["id"] for item in whole["inovasi"]] == ["asal", "rumus", "tiru"]
    for item in whole["inovasi"]:  # a summary of the entry's own file, which it links
        record = json.loads((api / item["data"]).read_text(encoding="utf-8"))
        assert item["data"] == f"inovasi/{item['id']}.json"
        assert {k: record[k] for k in exports.SUMMARY_KEYS} == {k: item[k] for k in exports.SUMMARY_KEYS}
        assert {k: b["level"] for k, b in item["lencana"]["kriteria"].items()} == \
            {k: b["level"] for k, b in record["lencana"]["kriteria"].items()}
        assert item["lencana"]["skor"] == record["lencana"]["skor"]
        # the reasons and what is missing are in the record only: not published twice
        assert "alasan" not in json.dumps(item) and "alasan" in json.dumps(record)
        assert item["direplikasi_oleh"] == [r["id"] for r in record["direplikasi_oleh"] if r["dihitung"]]
    # No copy of the source: it is in the repository, and its comments are the authors' notes.
    assert not list(api.rglob("*.md"))


def test_an_entry_object_holds_its_front_matter_badges_and_replicas(repo, capsys, tmp_path):
    api = export(capsys, tmp_path / "data")
    asal = json.loads((api / "inovasi/asal.json").read_text(encoding="utf-8"))
    assert asal["url"] == "inovasi/asal/"
    assert asal["instansi"] == {"nama": "Kementerian PANRB", "jenis": "kementerian"}
    assert asal["tanggal"] == {"mulai": "2017-01-02", "penerapan": "2017-06-01", "berhenti": None}
    assert "draf" not in asal
    # A draft that replicates does not count, on the badge or in the list.
    assert asal["direplikasi_oleh"] == [{"id": "tiru", "instansi": "Pemerintah Kabupaten Tulungagung",
                                         "dihitung": True, "dikonfirmasi": False}]
    # The badges have the shape of `katalog badges --format json`, without the id and without
    # each gap's YAML example (the same for every entry: the methodology page has it).
    code, out, _ = run(capsys, "badges", "--format", "json", "content/innovations/nasional/asal.md")
    (badges,) = json.loads(out)
    del badges["id"]
    gaps = [gap for result in badges["kriteria"].values() for gap in result["kurang"]]
    assert gaps and all(gap.pop("contoh") for gap in gaps)
    assert code == 0 and asal["lencana"] == badges
    assert asal["lencana"]["kriteria"]["dapat_ditransfer"]["level"] == 1
    # Every front-matter key of the model is there (absent values as null or []).
    assert set(Entry.model_fields) - {"draf"} <= set(asal)


def test_site_url_makes_links_absolute(repo, capsys, tmp_path):
    api = export(capsys, tmp_path / "data", "--site-url", "https://katalog.example.go.id/")
    tiru = json.loads((api / "inovasi/tiru.json").read_text(encoding="utf-8"))
    assert tiru["url"] == "https://katalog.example.go.id/inovasi/tiru/"
    feed = ET.parse(api / "terbaru.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "https://katalog.example.go.id/inovasi/rumus/"
    assert feed.find(f"{ATOM}entry/{ATOM}id").text == "https://katalog.example.go.id/inovasi/rumus/"


def test_csv_opens_in_a_spreadsheet_without_running_formulas(repo, capsys, tmp_path):
    api = export(capsys, tmp_path / "data")
    raw = (api / "inovasi.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: spreadsheets then read it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [r["id"] for r in rows] == ["asal", "rumus", "tiru"]
    rumus = rows[1]
    assert rumus["judul"] == "'=HYPERLINK(\"https://jahat.example\",\"klik\") <b>&amp;"
    assert rumus["ringkasan"] == 'Ringkasan dengan koma, "kutip" dan\nbaris baru yang cukup panjang.'
    assert rumus["kata_kunci"] == "'-minus; '@kanal; biasa"
    assert rumus["instansi.nama"] == "Pemerintah Kabupaten Tulungagung"
    assert rumus["wilayah.kode"] == "11.04"  # a code, not the number 11.04
    assert rumus["urusan"] == "administrasi-kependudukan-dan-pencatatan-sipil"
    assert rumus["hasil"] == ""
    asal = rows[0]
    assert asal["direplikasi_oleh"] == "tiru"
    assert asal["lencana.dapat_ditransfer"] == "1"
    assert int(asal["lencana.skor"]) == sum(int(asal[f"lencana.{k}"]) for k in
                                            ("kebaruan", "efektif", "bermanfaat", "dapat_ditransfer", "berkelanjutan"))
    assert asal["lencana.lengkap"] in ("true", "false")


def test_csv_columns_come_from_the_schema():
    columns = exports.csv_columns()
    assert columns[:3] == ["judul", "ringkasan", "instansi.nama"]
    assert {"wilayah.provinsi", "tanggal.mulai", "kebaruan.uraian", "manfaat.nilai", "panduan_replikasi.bentuk",
            "keberlanjutan.pelaksana.sk", "keberlanjutan.anggaran", "kontak.email", "tautan.dokumen", "hasil",
            "gambar"} <= set(columns)
    assert "draf" not in columns
    # Every field of the model has a column, or columns below it.
    for name in set(Entry.model_fields) - {"draf"}:
        assert any(c == name or c.startswith(name + ".") for c in columns), name
    assert len(columns) == len(set(columns))


def test_a_list_of_objects_is_one_json_cell(h, catalogue_dir, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    h.write_entry(catalogue_dir, "jawa-timur", "ukur", hasil=(
        "\n  - indikator: Waktu layanan\n    satuan: hari\n    sebelum: {nilai: 14, tanggal: 2020-01-01}"
        "\n    sesudah: {nilai: 1, tanggal: 2021-01-01}\n    sumber: Laporan SIAK"))
    code, _, err = run(capsys, "export", "--out", str(tmp_path / "o"), "--katalog", str(catalogue_dir / "innovations"))
    assert code == 0, err
    (row,) = csv.DictReader(io.StringIO((tmp_path / "o/api/inovasi.csv").read_text(encoding="utf-8-sig"), newline=""))
    assert json.loads(row["hasil"]) == [{
        "indikator": "Waktu layanan", "satuan": "hari", "sebelum": {"nilai": 14.0, "tanggal": "2020-01-01"},
        "sesudah": {"nilai": 1.0, "tanggal": "2021-01-01"}, "sumber": "Laporan SIAK", "bukti": None}]


def test_atom_feed_lists_the_newest_first_and_escapes_titles(repo, capsys, tmp_path):
    api = export(capsys, tmp_path / "data")
    feed = ET.parse(api / "terbaru.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert [x.find(f"{ATOM}title").text for x in entries] == [
        '=HYPERLINK("https://jahat.example","klik") <b>&amp;', "Adminduk Keliling Tulungagung",
        "Adminduk Keliling Tulungagung"]
    assert [x.find(f"{ATOM}link").get("href") for x in entries] == [
        "../inovasi/rumus/", "../inovasi/tiru/", "../inovasi/asal/"]
    assert entries[0].find(f"{ATOM}id").text == "tag:katalog-inovasi,2026:rumus"
    assert entries[0].find(f"{ATOM}published").text == "2025-01-01T00:00:00Z"
    assert feed.find(f"{ATOM}updated").text == "2026-01-10T00:00:00Z"  # the latest diperbarui, not the clock


def test_two_exports_write_the_same_bytes(repo, capsys, tmp_path):
    first, second = export(capsys, tmp_path / "a"), export(capsys, tmp_path / "b")
    for path in first.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path


def test_an_invalid_catalogue_exports_nothing_and_keeps_the_old_files(repo, capsys, tmp_path, write_entry):
    api = export(capsys, tmp_path / "data")
    before = (api / "inovasi.json").read_bytes()
    write_entry(repo, "bali", "rusak", status="Aktif")
    code, out, err = run(capsys, "export", "--out", str(tmp_path / "data"))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "content/innovations/bali/rusak.md:12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', "
        "bukan 'Aktif' (maksud Anda 'aktif'?)",
        "✗ katalog tidak valid: 1 galat; data terbuka tidak ditulis.",
    ]
    assert (api / "inovasi.json").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "data").iterdir()) == ["api"]


@pytest.mark.parametrize(("argv", "message"), [
    (["--katalog", "tidak-ada"], "katalog: folder katalog tidak ditemukan: tidak-ada\n"),
    (["--site-url", "katalog.go.id"], "katalog: --site-url harus diawali https:// atau http://\n"),
])
def test_export_usage_errors_exit_2(repo, capsys, tmp_path, argv, message):
    assert run(capsys, "export", "--out", str(tmp_path / "o"), *argv) == (2, "", message)


def test_an_unwritable_target_is_a_usage_error(repo, capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, out, err = run(capsys, "export", "--out", str(blocker))
    assert (code, out) == (2, "")
    assert err.startswith(f"katalog: tidak dapat menulis ke {blocker}: ")
