"""Open data (`katalog export`, and the same files in the site): what a researcher, a dashboard
or a replicating agency downloads."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import EPOCH, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import exports
from generator.catalogue import Catalogue, Record, find_entry_files, load_files
from generator.cli import main
from generator.model import Entry
from generator.urls import Urls

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


# --- a warm export: each entry's pieces kept for the next build --------------------------------

WARM_TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated entries (replications among them, a few drafts) with reviewers' records."""
    from bench.corpus import generate
    from bench.run import verification_records

    root = tmp_path_factory.mktemp("warm-export")
    entries = root / "docs" / "innovations"
    generate(entries, 120, seed=11)
    (entries / ".katalog-corpus").unlink(missing_ok=True)
    verification_records(root / "verifikasi", entries)
    return root


def _load(root: Path) -> Catalogue[Record]:
    entries = root / "docs" / "innovations"
    return load_files(find_entry_files([entries]), docs_dir=entries.parent, today=WARM_TODAY, jobs=1,
                      records_dir=root / "verifikasi")


URLS = Urls(site_url="https://contoh.go.id/katalog/")


def _api(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in (out / "api").rglob("*") if p.is_file()}


def _export(catalogue: Catalogue[Record], out: Path, cache: Path | None = None,
            before: tuple[Path, exports.ExportStats] | None = None) -> exports.ExportStats:
    return exports.write_exports(catalogue, out, urls=URLS, site_name="Katalog Uji",
                                 cache=str(cache) if cache else None,
                                 previous_dir=str(before[0]) if before else None,
                                 previous=before[1].fingerprints if before else None)


def _edit(root: Path, entry_id: str, old: str, new: str) -> None:
    path = next((root / "docs" / "innovations").glob(f"*/{entry_id}.md"))
    text = path.read_text(encoding="utf-8")
    assert old in text, (entry_id, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def corpus(generated: Path, tmp_path: Path) -> Path:
    """A copy of the generated catalogue this test may edit."""
    shutil.copytree(generated, tmp_path / "katalog")
    return tmp_path / "katalog"


def test_a_warm_export_makes_nothing_again_and_writes_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    catalogue = _load(corpus)
    published = len(catalogue.published())
    assert any(catalogue.replicas.values()) and all(r.key for r in catalogue.records.values())
    cold = _export(catalogue, tmp_path / "cold")
    assert cold.computed == published
    cache = tmp_path / "cache" / exports.PIECES_FILE
    first = _export(catalogue, tmp_path / "first", cache)
    assert first.computed == published and cache.is_file()
    assert _api(tmp_path / "first") == _api(tmp_path / "cold")
    kept = cache.read_bytes()

    warm = _export(catalogue, tmp_path / "warm", cache, (tmp_path / "first", first))
    assert (warm.computed, warm.kept) == (0, published)
    assert _api(tmp_path / "warm") == _api(tmp_path / "cold")
    assert cache.read_bytes() == kept  # nothing changed: the cache is not written again
    assert (tmp_path / "warm/api" / exports.WORKBOOK).samefile(tmp_path / "first/api" / exports.WORKBOOK)  # kept
    # The cache without the previous site (a CI runner that keeps only the cache dir): the rows
    # and summaries are kept, the records made again to be written.
    alone = _export(catalogue, tmp_path / "alone", cache)
    assert (alone.computed, alone.kept) == (0, 0)
    assert _api(tmp_path / "alone") == _api(tmp_path / "cold")

    # Another site name and licence are in the headers alone: every piece is kept.
    named = {"site_name": "Katalog Lain", "licence": exports.Licence("CC0 1.0", None)}
    exports.write_exports(catalogue, tmp_path / "named-cold", urls=URLS, **named)
    renamed = exports.write_exports(catalogue, tmp_path / "renamed", urls=URLS, cache=str(cache), **named)
    assert renamed.computed == 0
    assert _api(tmp_path / "renamed") == _api(tmp_path / "named-cold")
    # Without the site's address every entry's links change: every piece is made again.
    exports.write_exports(catalogue, tmp_path / "relative-cold", site_name="Katalog Uji")
    relative = exports.write_exports(catalogue, tmp_path / "relative", site_name="Katalog Uji", cache=str(cache))
    assert relative.computed == published
    assert _api(tmp_path / "relative") == _api(tmp_path / "relative-cold")


def _replication(catalogue: Catalogue[Record]) -> tuple[str, str]:
    """(a published replication, its published origin), the origin replicating nothing itself
    and replicated by it alone among entries that replicate it."""
    for origin, replicas in sorted(catalogue.replicas.items()):
        record = catalogue.records[origin]
        if record.is_published and not any(record.replicates) and len(replicas) == 1 \
                and len({t for t in replicas[0].replicates if t}) == 1 and replicas[0].id not in catalogue.replicas:
            return replicas[0].id, origin
    raise AssertionError("the corpus has no plain replication")


@pytest.mark.parametrize("change", ["an entry alone", "a replication's agency", "an origin's confirmation",
                                    "a replication made a draft"])
def test_a_warm_export_after_an_edit_makes_only_what_read_it(corpus: Path, tmp_path: Path, change: str) -> None:
    before = _load(corpus)
    replica, origin = _replication(before)
    cache = tmp_path / "cache" / exports.PIECES_FILE
    first = _export(before, tmp_path / "first", cache)
    old_origin = (tmp_path / "first/api/inovasi" / f"{origin}.json").read_bytes()
    if change == "an entry alone":
        lone = next(r for r in before.published() if not any(r.replicates) and r.id not in before.replicas)
        _edit(corpus, lone.id, "ringkasan: \"", "ringkasan: \"Disunting. ")
        made = {lone.id}
    elif change == "a replication's agency":
        # The origin's record names its replications' agencies, and its transfer badge counts them.
        _edit(corpus, replica, "  nama: \"", "  nama: \"Unit Baru ")
        made = {replica, origin}
    elif change == "an origin's confirmation":
        text = next((corpus / "docs" / "innovations").glob(f"*/{origin}.md")).read_text(encoding="utf-8")
        if "replikasi_dikonfirmasi:" in text:
            _edit(corpus, origin, "replikasi_dikonfirmasi:", "replikasi_dikonfirmasi_lama:")
            _edit(corpus, origin, "replikasi_dikonfirmasi_lama:", f"replikasi_dikonfirmasi:\n  - {replica}\nx:")
        else:
            _edit(corpus, origin, "\n---", f"\nreplikasi_dikonfirmasi:\n  - {replica}\n---")
        made = {origin}
    else:
        _edit(corpus, replica, "---\n", "---\ndraf: true\n")
        made = {origin}  # the draft leaves the open data
    after = _load(corpus)
    assert after.ok, after.errors
    _export(after, tmp_path / "cold")
    warm = _export(after, tmp_path / "warm", cache, (tmp_path / "first", first))
    assert _api(tmp_path / "warm") == _api(tmp_path / "cold")
    assert warm.computed == len(made & {r.id for r in after.published()})
    if change != "an entry alone":
        assert (tmp_path / "warm/api/inovasi" / f"{origin}.json").read_bytes() != old_origin
    if change in ("an entry alone", "a replication's agency", "a replication made a draft"):
        # A field the workbook shows changed: the workbook is put together again from the kept
        # rows and the new one, the bytes of a cold export (above).
        workbook = (tmp_path / "warm/api" / exports.WORKBOOK).read_bytes()
        assert workbook != (tmp_path / "first/api" / exports.WORKBOOK).read_bytes()
    # And the next build, from the cache this one wrote, makes nothing again.
    again = _export(after, tmp_path / "again", cache, (tmp_path / "warm", warm))
    assert again.computed == 0
    assert _api(tmp_path / "again") == _api(tmp_path / "cold")


def _damaged(kind: str, good: bytes) -> bytes:
    """The index (`exports.PIECES_FILE`) damaged as `kind` says."""
    whole = gzip.decompress(good)
    header, _, rest = whole.partition(b"\n")
    count = int(header.split(b" ")[2])
    if kind == "empty":
        return b""
    if kind == "garbage":
        return b"garbage\x00\xff" * 50
    if kind == "truncated gzip":
        return good[:len(good) // 2]
    if kind == "gzip without its end":
        return good[:-4]
    if kind == "another format":
        return gzip.compress(whole.replace(b"katalog-data-terbuka %d " % exports.PIECES_FORMAT,
                                           b"katalog-data-terbuka 99 ", 1))
    if kind == "another file's header":
        return gzip.compress(b"katalog-muatan 3\n" + rest)
    if kind == "right header, garbage after":
        return gzip.compress(header + b"\n" + b"garbage\n" * 40)
    if kind == "right header, more entries than it holds":
        return gzip.compress(header.replace(b" %d " % count, b" %d " % (count + 1), 1) + b"\n" + rest)
    if kind == "right header, cut short":
        return gzip.compress(whole[:-3])
    if kind == "right header, bytes after the end":
        return gzip.compress(whole + b"x")
    if kind == "right header, a length too long":
        first = rest.split(b"\n", 1)[0]
        fields = first.split(b" ")
        fields[6] = b"%d" % (int(fields[6]) + 5)  # its summary's: it ends inside the next line of the copy
        return gzip.compress(header + b"\n" + rest.replace(first, b" ".join(fields), 1))
    if kind == "right header, a place past the copy":
        first = rest.split(b"\n", 1)[0]
        fields = first.split(b" ")
        fields[7] = b"%d" % (10**11)  # its CSV row's place
        return gzip.compress(header + b"\n" + rest.replace(first, b" ".join(fields), 1))
    if kind == "right header, another copy's identity":
        numbers = header.split(b" ")
        numbers[-1] = b"%d" % (int(numbers[-1]) + 1)  # the CSV copy's modification time
        return gzip.compress(b" ".join(numbers) + b"\n" + rest)
    if kind == "right header, an id twice":
        first_line = rest.split(b"\n", 1)[0]
        return gzip.compress(header.replace(b" %d " % count, b" %d " % (count + 1), 1) + b"\n" + first_line + b"\n"
                             + rest)
    raise AssertionError(kind)


DAMAGE = ["empty", "garbage", "truncated gzip", "gzip without its end", "another format", "another file's header",
          "right header, garbage after", "right header, more entries than it holds", "right header, cut short",
          "right header, bytes after the end", "right header, a length too long", "right header, a place past the copy",
          "right header, another copy's identity", "right header, an id twice"]


@pytest.fixture(scope="module")
def exported(generated: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue[Record], Path, Any, Path]:
    """The generated catalogue exported twice: cold (no cache), and with a cache (the previous
    build of a warm one): (catalogue, that build's folder, its stats, the cold one's folder)."""
    catalogue = _load(generated)
    out = tmp_path_factory.mktemp("exported")
    _export(catalogue, out / "cold")
    first = _export(catalogue, out / "first", out / "cache" / exports.PIECES_FILE)
    return catalogue, out, first, out / "cold"


def _cache_copy(out: Path, tmp_path: Path) -> Path:
    """The cache `exported` wrote, copied (its copies as they are: hard links), so a test may damage it."""
    shutil.copytree(out / "cache", tmp_path, dirs_exist_ok=True, copy_function=os.link)
    return tmp_path / exports.PIECES_FILE


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_cache_is_refused_whole(exported: tuple[Catalogue[Record], Path, Any, Path], tmp_path: Path,
                                          kind: str) -> None:
    catalogue, out, first, cold = exported
    cache = _cache_copy(out, tmp_path)
    assert len(exports.load_pieces(str(cache))) == first.entries  # as it was written, it is read
    cache.unlink()
    cache.write_bytes(_damaged(kind, (out / "cache" / exports.PIECES_FILE).read_bytes()))
    assert exports.load_pieces(str(cache)) == {}
    warm = _export(catalogue, tmp_path / "warm", cache, (out / "first", first))
    assert warm.computed == len(catalogue.published())  # nothing taken from it
    assert _api(tmp_path / "warm") == _api(cold)
    assert len(exports.load_pieces(str(cache))) == warm.entries  # and written anew, whole


COPY_DAMAGE = ["removed", "emptied", "another file of the same size", "the same bytes written again"]


@pytest.mark.parametrize("copy", ["json", "csv"])
@pytest.mark.parametrize("kind", COPY_DAMAGE)
def test_a_copy_the_index_reads_that_changed_is_no_cache(exported: tuple[Catalogue[Record], Path, Any, Path],
                                                          tmp_path: Path, copy: str, kind: str) -> None:
    """The index names each kept summary and row by its place in the copies of the last
    inovasi.json and inovasi.csv: a copy that is not the file it was written with (even with the
    same bytes) is no cache, and the export is a cold one's."""
    catalogue, out, first, cold = exported
    cache = _cache_copy(out, tmp_path)
    target = cache.with_suffix(f".{copy}")
    good = target.read_bytes()
    target.unlink()  # a hard link to the cache `exported` wrote: that one stays as it is
    if kind == "emptied":
        target.write_bytes(b"")
    elif kind == "another file of the same size":
        target.write_bytes(good.replace(b"{", b"[", 1))
    elif kind == "the same bytes written again":
        target.write_bytes(good)
    assert exports.load_pieces(str(cache)) == {}
    warm = _export(catalogue, tmp_path / "warm", cache, (out / "first", first))
    assert warm.computed == len(catalogue.published())
    assert _api(tmp_path / "warm") == _api(cold)
    assert len(exports.load_pieces(str(cache))) == warm.entries


PREVIOUS_DAMAGE = ["truncated", "emptied", "bytes changed, size and time as they were"]


@pytest.mark.parametrize("name", ["inovasi.json", "inovasi.csv"])
@pytest.mark.parametrize("kind", PREVIOUS_DAMAGE)
@pytest.mark.parametrize("in_place", [False, True], ids=["new folder", "in place"])
def test_a_damaged_previous_file_is_a_silent_full_rewrite(exported: tuple[Catalogue[Record], Path, Any, Path],
                                                          tmp_path: Path, name: str, kind: str, in_place: bool) -> None:
    """The last build's inovasi.json or inovasi.csv damaged where it lies (the cache's copy is the
    same file: a hard link): the kept pieces are read from it, so none is, and the export writes
    what a cold one does, with no error; built again, every piece is kept once more."""
    catalogue, _, _, cold = exported
    cache, site = tmp_path / "cache" / exports.PIECES_FILE, tmp_path / "site"
    first = _export(catalogue, site, cache)
    target = site / "api" / name
    assert os.path.samefile(target, cache.with_suffix(Path(name).suffix))
    before = target.stat()
    if kind == "truncated":
        os.truncate(target, before.st_size // 2)
    elif kind == "emptied":
        os.truncate(target, 0)
    else:
        with open(target, "r+b") as f:  # every byte, so the first piece's first one too
            f.write(b"x" * before.st_size)
        os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
        assert exports._identity(target.stat()) == exports._identity(before)
    assert exports.load_pieces(str(cache)) == {}
    out = site if in_place else tmp_path / "warm"
    warm = _export(catalogue, out, cache, (site, first))
    assert warm.computed == len(catalogue.published())
    assert _api(out) == _api(cold)
    again = _export(catalogue, tmp_path / "again", cache, (out, warm))
    assert again.computed == 0 and _api(tmp_path / "again") == _api(cold)


def test_a_warm_export_in_place_reads_the_file_it_replaces_as_it_was(
        exported: tuple[Catalogue[Record], Path, Any, Path], tmp_path: Path) -> None:
    """Built in place, the cache's copies of inovasi.json and inovasi.csv are hard links to the
    very files the export writes: it reads the kept pieces from them as it writes the new ones,
    so the new ones are new files (never the old emptied), and the old ones stay whole for as
    long as the cache names them."""
    catalogue, out, first, cold = exported
    cache = _cache_copy(out, tmp_path / "cache")
    site = tmp_path / "site"
    shutil.copytree(out / "first", site, copy_function=os.link)  # the site, its files the cache's copies
    copies = {name: cache.with_suffix(Path(name).suffix) for name in ("inovasi.json", "inovasi.csv")}
    kept = {name: copy.read_bytes() for name, copy in copies.items()}
    assert all(os.path.samefile(site / "api" / name, copy) for name, copy in copies.items())
    warm = _export(catalogue, site, cache, (site, first))
    assert warm.computed == 0
    assert _api(site) == _api(cold)
    assert warm.bytes == first.bytes == sum(len(data) for data in _api(site).values())
    for name in copies:  # the old files, which `exported` and the copies of its cache still name, as they were
        assert (out / "first" / "api" / name).read_bytes() == kept[name]
    again = _export(catalogue, site, cache, (site, warm))
    assert again.computed == 0 and _api(site) == _api(cold)


SHEET_ROWS_DAMAGE = ["empty", "garbage", "truncated gzip", "another format", "a row that is not its fingerprint's",
                     "a row that is not a row", "more rows than it holds", "bytes after the end"]


def _damaged_rows(kind: str, good: bytes) -> bytes:
    whole = gzip.decompress(good)
    header, _, rest = whole.partition(b"\n")
    count = int(header.rsplit(b" ", 1)[1])
    if kind == "empty":
        return b""
    if kind == "garbage":
        return b"garbage\x00\xff" * 50
    if kind == "truncated gzip":
        return good[:len(good) // 2]
    if kind == "another format":
        return gzip.compress(header.replace(b"lembar %d " % exports.SHEET_ROWS_FORMAT, b"lembar 99 ") + b"\n" + rest)
    if kind == "a row that is not its fingerprint's":
        # A cell no longer marked as text (a spreadsheet would read "=..." in it as a formula): refused.
        return gzip.compress(_with_first_row(whole, lambda row: row.replace(b' t="inlineStr"', b"", 1)))
    if kind == "a row that is not a row":
        return gzip.compress(_with_first_row(whole, lambda row: b"<col " + row[5:]))
    if kind == "more rows than it holds":
        return gzip.compress(header.replace(b" %d" % count, b" %d" % (count + 1)) + b"\n" + rest)
    if kind == "bytes after the end":
        return gzip.compress(whole + b"x")
    raise AssertionError(kind)


def _with_first_row(whole: bytes, change: Any) -> bytes:
    """The sheet rows with the first row changed (its length kept right, its fingerprint not)."""
    header, _, rest = whole.partition(b"\n")
    line, _, rest = rest.partition(b"\n")
    fingerprint, size = line.split(b" ")
    row, rest = rest[:int(size)], rest[int(size):]
    row = change(row)
    return header + b"\n" + fingerprint + b" %d\n" % len(row) + row + rest


@pytest.mark.parametrize("kind", SHEET_ROWS_DAMAGE)
def test_damaged_sheet_rows_are_no_cache(exported: tuple[Catalogue[Record], Path, Any, Path], tmp_path: Path,
                                         kind: str) -> None:
    """The workbook made again (a field it shows changed) from damaged kept rows: every row is
    made from its entry instead, and the workbook is a cold export's, byte for byte."""
    catalogue, out, first, cold = exported
    cache = _cache_copy(out, tmp_path)
    rows = cache.parent / "data-terbuka-lembar.gz"
    assert len(exports.load_sheet_rows(str(rows))) == first.entries
    good = rows.read_bytes()
    rows.unlink()
    rows.write_bytes(_damaged_rows(kind, good))
    assert exports.load_sheet_rows(str(rows)) == {}
    # The previous site's workbook fingerprint is not this one's: the workbook is made again.
    previous = {**first.fingerprints, exports._WORKBOOK_KEY: "0" * 32}
    warm = exports.write_exports(catalogue, tmp_path / "warm", urls=URLS, site_name="Katalog Uji", cache=str(cache),
                                 previous_dir=str(out / "first"), previous=previous)
    assert (warm.computed, warm.kept) == (0, first.entries)
    assert _api(tmp_path / "warm") == _api(cold)
    assert len(exports.load_sheet_rows(str(rows))) == first.entries  # and kept anew


def test_an_edit_writes_the_index_alone(corpus: Path, tmp_path: Path) -> None:
    """An edit to one entry's story (its pieces made again, the same bytes): the cache takes the
    new index (about 0.1 KB an entry) and links to the new inovasi.json and inovasi.csv; the
    workbook and its kept rows are not written again. A cold export and every warm one after it
    are the same bytes."""
    before = _load(corpus)
    cache = tmp_path / "cache" / exports.PIECES_FILE
    first = _export(before, tmp_path / "first", cache)
    rows = cache.parent / "data-terbuka-lembar.gz"
    rows_then = rows.stat()
    entry = next(r for r in before.published()
                 if r.read_body().strip() and not any(r.replicates) and r.id not in before.replicas)
    path = next((corpus / "docs" / "innovations").glob(f"*/{entry.id}.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nWarga kini mengurus surat tanpa antre.\n", encoding="utf-8")
    after = _load(corpus)
    _export(after, tmp_path / "cold")
    warm = _export(after, tmp_path / "warm", cache, (tmp_path / "first", first))
    assert (warm.computed, warm.kept) == (1, first.entries)
    assert _api(tmp_path / "warm") == _api(tmp_path / "cold")
    assert (rows.stat().st_ino, rows.stat().st_mtime_ns) == (rows_then.st_ino, rows_then.st_mtime_ns)
    assert (tmp_path / "warm/api" / exports.WORKBOOK).samefile(tmp_path / "first/api" / exports.WORKBOOK)
    for name in ("inovasi.json", "inovasi.csv"):
        assert (tmp_path / "warm/api" / name).samefile(cache.with_suffix(Path(name).suffix))
    assert cache.stat().st_size < 120 * first.entries
    again = _export(after, tmp_path / "again", cache, (tmp_path / "warm", warm))
    assert (again.computed, again.kept) == (0, first.entries)
    assert _api(tmp_path / "again") == _api(tmp_path / "cold")


def test_a_staged_export_leaves_unchanged_files_to_be_carried_over(corpus: Path, tmp_path: Path) -> None:
    """With `carry` (a staged build), an unchanged entry's file is neither written nor linked:
    it stays in the previous site's folder (`ExportStats.carried`), and carried over at publish
    (`machinery.carry_over`) the folder is a cold export's, a removed entry's file gone."""
    from generator.machinery import carry_over

    before = _load(corpus)
    cache = tmp_path / "cache" / exports.PIECES_FILE
    first = _export(before, tmp_path / "first", cache)
    lone = next(r for r in before.published() if not any(r.replicates) and r.id not in before.replicas)
    gone = next(r for r in before.published() if r.id != lone.id and not any(r.replicates)
                and r.id not in before.replicas)
    _edit(corpus, lone.id, "ringkasan: \"", "ringkasan: \"Disunting. ")
    next((corpus / "docs" / "innovations").glob(f"*/{gone.id}.md")).unlink()
    after = _load(corpus)
    _export(after, tmp_path / "cold")
    staged = exports.write_exports(after, tmp_path / "staged", urls=URLS, site_name="Katalog Uji", cache=str(cache),
                                   previous_dir=str(tmp_path / "first"), previous=first.fingerprints, carry=True)
    folder = tmp_path / "staged/api/inovasi"
    assert sorted(p.name for p in folder.iterdir()) == [f"{lone.id}.json"]
    assert set(staged.carried) == {f"{r.id}.json" for r in after.published()} - {f"{lone.id}.json"}
    assert staged.kept == len(staged.carried) and staged.carried_to == str(folder)
    carry_over(staged.carried_from, staged.carried_to, set(staged.carried))
    assert _api(tmp_path / "staged") == _api(tmp_path / "cold")


# --- memory: the whole-catalogue files are streamed, never held whole ---------------------------------


@pytest.fixture(scope="module")
def sized(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue[Record], Catalogue[Record]]:
    """Two catalogues of generated entries, the second three times the first."""
    from bench.corpus import generate

    root = tmp_path_factory.mktemp("sized")
    entries = root / "docs" / "innovations"
    generate(entries, 360, seed=5)
    (entries / ".katalog-corpus").unlink(missing_ok=True)
    files = find_entry_files([entries])

    def load(part: list[Path]) -> Catalogue[Record]:
        return load_files(part, docs_dir=entries.parent, today=WARM_TODAY, jobs=1)

    return load(files[:120]), load(files)


def _peak(catalogue: Catalogue[Record], out: Path) -> tuple[int, int]:
    """tracemalloc's peak while `write_exports` runs (with a cache: a site build's export), and the
    bytes of the whole-catalogue files it wrote."""
    import tracemalloc

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        _export(catalogue, out, out / "cache" / exports.PIECES_FILE)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    rows = gzip.decompress((out / "cache" / (exports.PIECES_FILE[:-3] + "-lembar.gz")).read_bytes())
    whole = sum((out / "api" / name).stat().st_size for name in ("inovasi.json", "inovasi.csv")) + len(rows)
    return peak, whole


def test_the_whole_catalogue_files_are_written_a_batch_at_a_time(sized, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """inovasi.json, inovasi.csv and the workbook's sheet grow with the catalogue; what the export
    holds while writing them must not: a batch of entries' pieces, and a little per entry (its
    line of the index). Measured as the growth of the peak from one catalogue to one three times
    bigger, against the growth of the files (the workbook's frame is the same for both)."""
    monkeypatch.setattr(exports, "_BATCH", 16)
    small, big = sized
    _peak(small, tmp_path / "warm-up")  # imports and first-call caches out of the measure
    small_peak, small_files = _peak(small, tmp_path / "small")
    big_peak, big_files = _peak(big, tmp_path / "big")
    grown, files = big_peak - small_peak, big_files - small_files
    assert files > 1_000_000
    assert grown < files / 2, (grown, files)  # before streaming: more than the files themselves


def _warm_peak(catalogue: Catalogue[Record], out: Path) -> tuple[int, int]:
    """tracemalloc's peak while a warm export with nothing changed runs (after a cold one with a
    cache), and the bytes of inovasi.json and inovasi.csv it copies its pieces from."""
    import tracemalloc

    cache = out / "cache" / exports.PIECES_FILE
    first = _export(catalogue, out / "first", cache)
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        warm = _export(catalogue, out / "warm", cache, (out / "first", first))
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert warm.computed == 0 and _api(out / "warm") == _api(out / "first")
    return peak, sum((out / "first" / "api" / name).stat().st_size for name in ("inovasi.json", "inovasi.csv"))


def test_a_warm_export_copies_the_kept_pieces_where_they_lie(sized, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm export copies each unchanged entry's summary and row from the last build's files
    (the cache's copies) where they lie, a run at a time, never reading either file whole: its
    peak does not grow with them (at 100,000 entries, 334 MB)."""
    monkeypatch.setattr(exports, "_BATCH", 16)
    monkeypatch.setattr(exports, "_WINDOW", 4096)
    monkeypatch.setattr(exports, "_MAX_INDEX", 2**20)  # its read's buffer, of that size, out of the peak
    small, big = sized
    _warm_peak(small, tmp_path / "warm-up")
    small_peak, small_files = _warm_peak(small, tmp_path / "small")
    big_peak, big_files = _warm_peak(big, tmp_path / "big")
    grown, files = big_peak - small_peak, big_files - small_files
    assert files > 500_000
    assert grown < files / 4, (grown, files)  # reading the files whole: more than the files themselves


# --- a cold export: the workbook and the kept rows written beside the loop --------------------------


def test_a_cold_export_writes_the_workbook_while_it_makes_the_rows(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing to keep, every row is made, so the workbook (and the rows kept for the next
    build) are written as the rows come, by threads beside the loop, not after it: when the
    last row is made the workbook is already on disk. The bytes are those of an export that
    puts the workbook together after its loop (kept pieces, rows read back)."""
    from generator import sheets

    monkeypatch.setattr(exports, "_BATCH", 8)
    catalogue = _load(corpus)
    workbook = tmp_path / "cold" / "api" / exports.WORKBOOK
    seen: list[int] = []
    make_row = sheets.catalogue_row

    def row(entry_id: str, data: dict[str, Any]) -> bytes:
        seen.append(workbook.stat().st_size if workbook.exists() else -1)
        return make_row(entry_id, data)

    monkeypatch.setattr(sheets, "catalogue_row", row)
    cache = tmp_path / "cache" / exports.PIECES_FILE
    cold = _export(catalogue, tmp_path / "cold", cache)
    assert cold.computed == len(seen) == len(catalogue.published()) > 8 * 4
    assert seen[-1] > 0, seen[-8:]  # the frame's first members were written before the last row was made
    monkeypatch.setattr(sheets, "catalogue_row", make_row)
    again = _export(catalogue, tmp_path / "again", cache)  # every piece kept: the workbook made after the loop
    assert again.computed == 0
    assert _api(tmp_path / "again") == _api(tmp_path / "cold")
    assert exports.load_sheet_rows(str(cache)[:-3] + "-lembar.gz")  # the rows kept as they came


def test_a_cold_export_that_fails_midway_raises_its_error_and_keeps_no_partial_rows(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry that cannot be exported stops the export with its own error, at once: the threads
    writing the workbook and the kept rows are told, stop, and replace nothing with a part."""
    import threading

    monkeypatch.setattr(exports, "_BATCH", 8)
    catalogue = _load(corpus)
    made = exports.entry_data
    calls = []

    def entry_data(item: exports.OpenEntry, url: str | None) -> dict[str, Any]:
        calls.append(item.record.id)
        if len(calls) == 50:
            raise ValueError("entri rusak di tengah jalan")
        return made(item, url)

    monkeypatch.setattr(exports, "entry_data", entry_data)
    before = threading.active_count()
    cache = tmp_path / "cache" / exports.PIECES_FILE
    with pytest.raises(ValueError, match="entri rusak di tengah jalan"):
        _export(catalogue, tmp_path / "out", cache)
    assert threading.active_count() == before
    assert not cache.parent.exists() or sorted(p.name for p in cache.parent.iterdir()) == []


@given(st.text(alphabet=st.sampled_from(list(" \u00a0=+-@,;\t\r\n\"a")), max_size=10) | st.text(max_size=10))
@settings(max_examples=300, deadline=None)
def test_the_formula_check_finds_exactly_what_the_guard_changes(text: str) -> None:
    """`_risky` (two patterns, for speed) says yes exactly where a cell may start with a formula
    character (`_CELL_START`) or the text starts with a tab or a carriage return: where `_guard`
    changes the text."""
    expected = bool(exports._CELL_START.search(text)) or text.startswith(("\t", "\r"))
    assert exports._risky(text) == expected
    assert (exports._guard(text) != text) == expected
