"""The search index (`generator.search`): what each entry gives it, and the files a browser reads.

The files are read back here by a small reader of the formats `generator/search/index.py`
describes (the browser's reader, theme/assets/javascripts/cari.js, is tested in Chromium by
test_citizen_queries.py and test_browser_search.py)."""

from __future__ import annotations

import gzip
import json
import struct
from array import array
from pathlib import Path

import pytest
from helpers import rich

from generator import search, vocabulary
from generator.catalogue import load_catalogue
from generator.search import analysis, index

pytestmark = pytest.mark.unit

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def read_postings(data: bytes, total: int) -> dict[str, dict]:
    """Every stem record of one `kata/` file (encode_postings' layout)."""
    out, at = {}, 0
    while at < len(data):
        n = data[at]
        term = data[at + 1:at + 1 + n].decode()
        at += 1 + n
        kind = data[at]
        at += 1
        if kind == 1:
            out[term] = {"external": data[at + 1:at + 1 + data[at]].decode()}
            at += 1 + data[at]
            continue
        df = struct.unpack_from("<I", data, at)[0]
        at += 4
        forms = []
        for _ in range(data[at]):
            at += 1
            forms.append(data[at + 1:at + 1 + data[at]].decode())
            at += data[at]
        at += 1
        width = data[at]
        at += 1
        if width == 0:
            size = (total + 7) // 8
            docs = [i for i in range(total) if data[at + i // 8] >> (i % 8) & 1]
            at += size
        else:
            gaps = array({1: "B", 2: "H", 4: "I"}[width], data[at:at + df * width])
            docs, last = [], 0
            for i, gap in enumerate(gaps):
                last = gap if i == 0 else last + gap
                docs.append(last)
            at += df * width
        out[term] = {"df": df, "forms": forms, "docs": docs, "scores": list(data[at:at + df])}
        at += df
    return out


class Built:
    """An index made in a folder, read as the browser would."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest = json.loads((folder / "indeks.json").read_text(encoding="utf-8"))
        self.total = self.manifest["jumlah"]

    def bin(self, name: str) -> bytes:
        return gzip.decompress((self.folder / name).read_bytes())

    def stem(self, form: str) -> str | None:
        n = index.shard(form, self.manifest["leksikon"])
        for line in self.bin(f"leksikon/{n}.bin").decode().split("\n"):
            word, _, stem = line.partition("\t")
            if word == form:
                return stem or word
        return None

    def postings(self, term: str) -> dict | None:
        n = index.shard(term, self.manifest["kata"])
        found = read_postings(self.bin(f"kata/{n}.bin"), self.total).get(term)
        if found and "external" in found:
            found = read_postings(self.bin(f"kata/besar-{found['external']}.bin"), self.total)[term]
        return found

    def ids(self) -> list[str]:
        out = []
        for n in range((self.total + index.CHUNK - 1) // index.CHUNK):
            out += [card[0] for card in json.loads((self.folder / f"entri/{n}.json").read_text(encoding="utf-8"))]
        return out

    def entries_with(self, term: str) -> set[str]:
        found = self.postings(term)
        ids = self.ids()
        return {ids[d] for d in found["docs"]} if found else set()


@pytest.fixture
def catalogue(h, catalogue_dir: Path):
    h.write_entry(catalogue_dir, "jawa-timur", "antre-puskesmas", judul="Antrean Puskesmas Tanpa Kertas",
                  ringkasan="Warga mengambil nomor antrean puskesmas dari rumah lewat pesan singkat.",
                  body="## Latar Belakang\n\nPengurusan rujukan dulu memakan waktu. Kini [formulir](https://contoh.go.id/f) "
                       "diisi daring dan kader posyandu membantu lansia.\n")
    h.write_entry(catalogue_dir, "bali", "jahat", judul=f"'Judul {EVIL}'", ringkasan=f"'Ringkasan {EVIL} yang panjang'",
                  instansi=f"\n  nama: 'Dinas {EVIL}'\n  jenis: pemkab",
                  tanggal="\n  mulai: 2022-03-01\n  penerapan: 2022-06-01")
    h.write_entry(catalogue_dir, "nasional", "draf-rahasia", judul="Draf Rahasia Sekali", draf="true",
                  instansi="\n  nama: Kementerian Dalam Negeri\n  jenis: kementerian",
                  body="## Latar\n\nKata khusus zyxwvut hanya di draf.\n")
    loaded = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return loaded


@pytest.fixture
def built(catalogue, tmp_path: Path) -> Built:
    result = search.make_index(catalogue.published(), str(tmp_path / "situs"), jobs=1)
    assert result.count == 2 and not result.kept
    return Built(tmp_path / "situs" / search.BUNDLE)


def test_published_entries_are_indexed_newest_first_and_drafts_never(built: Built) -> None:
    assert built.ids() == ["jahat", "antre-puskesmas"]  # started 2022, then 2020
    assert built.stem("zyxwvut") is None and built.stem("rahasia") is None


def test_every_field_and_the_story_are_found_by_their_stems(built: Built) -> None:
    # A word only in the story: its form → its stem → the entry. Affixed forms share the stem:
    # "pengurusan" (one story) and "mengurus" (both entries' problem statement).
    assert built.entries_with(built.stem("rujukan")) == {"antre-puskesmas"}
    assert built.stem("pengurusan") == built.stem("mengurus") == "urus"
    assert built.entries_with("urus") == {"antre-puskesmas", "jahat"}
    # And the summary's, the title's, the agency's, the place's (the regency and the province).
    for word in ("antrean", "kertas", "tulungagung", "jawa", "timur", "jatim"):
        assert "antre-puskesmas" in built.entries_with(built.stem(word)), word
    # A link's address is not text; its words are.
    assert built.stem("https") is None and built.stem("formulir") == "formulir"
    # Stop words are not indexed.
    assert built.stem("dari") is None and built.stem("lewat") is not None


def test_provinces_and_synonym_groups_are_tokens_of_their_own(built: Built) -> None:
    assert built.entries_with("#p:jawa-timur") == {"antre-puskesmas"}
    assert built.entries_with("#p:bali") == {"jahat"}
    posyandu = next(i for i, group in enumerate(vocabulary.SINONIM) if "posyandu" in group)
    lansia = next(i for i, group in enumerate(vocabulary.SINONIM) if "lansia" in group)
    assert built.entries_with(f"#s:{posyandu}") == {"antre-puskesmas"}
    assert built.entries_with(f"#s:{lansia}") == {"antre-puskesmas"}
    table = built.manifest
    assert [["jatim"], "jawa-timur"] in table["provinsi"] and [["jawa", "timur"], "jawa-timur"] in table["provinsi"]
    assert [["lanjut", "usia"], lansia] in table["sinonim"]
    assert "yang" in table["henti"] and "cara" in table["henti"]


def test_a_title_word_weighs_more_than_a_story_word(built: Built) -> None:
    title = built.postings(built.stem("kertas"))  # title only
    story = built.postings(built.stem("rujukan"))  # story only
    assert title["scores"][0] > story["scores"][0] > 0


def test_cards_are_data_never_markup(built: Built) -> None:
    card = json.loads((built.folder / "entri/0.json").read_text(encoding="utf-8"))[0]
    assert card[0] == "jahat" and card[1] == f"Judul {EVIL}"  # the browser sets it as text
    assert card[2][0] == f"Dinas {EVIL}" and len(card[3]) == 5 and card[6].startswith("Ringkasan")


def test_facet_columns_follow_the_entries(built: Built, catalogue) -> None:
    provinces = built.manifest["kolom"]["provinsi"]["nilai"]
    codes = built.bin("kolom/provinsi.bin")
    assert [provinces[c - 1] for c in codes] == ["bali", "jawa-timur"]
    urusan = built.bin("kolom/urusan.bin")
    assert urusan[0] == 1 and built.manifest["kolom"]["urusan"]["nilai"][urusan[1] - 1] == (
        "administrasi-kependudukan-dan-pencatatan-sipil")
    skor = [int(built.manifest["kolom"]["skor"]["nilai"][c - 1]) for c in built.bin("kolom/skor.bin")]
    assert skor == [catalogue.records[i].assessment.skor for i in ("jahat", "antre-puskesmas")]


def test_typo_files_hold_the_words_and_stems_with_their_counts(built: Built) -> None:
    rows = built.bin(f"ejaan/{index.typo_key('antre')}.bin").decode().split("\n")
    assert "antre\t1" in rows  # a stem, for "antri" and "antrian"
    rows = built.bin(f"ejaan/{index.typo_key('pengurusan')}.bin").decode().split("\n")
    assert "pengurusan\t1\turus" in rows


@pytest.mark.parametrize("numbers", [[0, 3, 200], [5, 300, 70_000], [0, 1, 2, 3, 4, 5, 6, 7, 9], list(range(0, 2000, 3))])
def test_postings_round_trip_in_every_encoding(numbers: list[int]) -> None:
    total = max(numbers) + 1
    scores = bytearray(range(1, len(numbers) + 1)) if len(numbers) < 255 else bytearray([7] * len(numbers))
    data = index.encode_postings("kata", array("I", numbers), scores, total, ["kata", "berkata"])
    found = read_postings(data, total)["kata"]
    assert found["docs"] == numbers and found["scores"] == list(scores) and found["forms"] == ["kata", "berkata"]


def test_a_stem_in_very_many_entries_has_a_file_of_its_own(catalogue, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(index, "BIG_BYTES", 8)
    search.make_index(catalogue.published(), str(tmp_path), jobs=1)
    built = Built(tmp_path / search.BUNDLE)
    assert list((built.folder / "kata").glob("besar-*.bin"))
    assert built.entries_with("#p:bali") == {"jahat"}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _before(result: search.IndexResult) -> dict:
    """What the build keeps of an index in its record of the site (build.py)."""
    return {"sidik": result.fingerprint, "berkas": result.files, "ukuran": result.sizes}


def test_the_same_catalogue_makes_the_same_bytes_and_a_warm_build_keeps_them(catalogue, tmp_path: Path) -> None:
    first = search.make_index(catalogue.published(), str(tmp_path / "a"), jobs=1)
    second = search.make_index(catalogue.published(), str(tmp_path / "b"), jobs=2)
    assert _files(tmp_path / "a") and _files(tmp_path / "a") == _files(tmp_path / "b")
    assert first.fingerprint == second.fingerprint and first.files == second.files
    kept = search.make_index(catalogue.published(), str(tmp_path / "c"), previous=(str(tmp_path / "a"), _before(first)))
    assert kept.kept and _files(tmp_path / "c") == _files(tmp_path / "a")


def test_a_changed_story_makes_a_new_index(h, catalogue, catalogue_dir: Path, tmp_path: Path) -> None:
    first = search.make_index(catalogue.published(), str(tmp_path / "a"), jobs=1)
    h.write_entry(catalogue_dir, "bali", "jahat", body="## Latar\n\nKata baru: kelor.\n")
    changed = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1)
    again = search.make_index(changed.published(), str(tmp_path / "b"), previous=(str(tmp_path / "a"), _before(first)))
    assert not again.kept and again.fingerprint != first.fingerprint
    assert Built(tmp_path / "b" / search.BUNDLE).stem("kelor") == "kelor"


def test_a_warm_build_reads_only_changed_entries_and_makes_the_cold_builds_bytes(
        h, catalogue, catalogue_dir: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    first = search.make_index(catalogue.published(), str(tmp_path / "a"), cache=cache, jobs=1)
    assert first.read == 2
    h.write_entry(catalogue_dir, "bali", "jahat", body="## Latar\n\nKata baru: kelor di desa.\n")
    h.write_entry(catalogue_dir, "aceh", "baru-sekali", judul="Gampong Digital Terpadu",
                  tanggal="\n  mulai: 2023-01-01\n  penerapan: 2023-02-01")
    changed = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    warm = search.make_index(changed, str(tmp_path / "b"), cache=cache, jobs=1,
                             previous=(str(tmp_path / "a"), _before(first)))
    cold = search.make_index(changed, str(tmp_path / "c"), jobs=1)
    assert warm.read == 2 and not warm.kept  # the changed entry and the new one; not the third
    assert _files(tmp_path / "b") == _files(tmp_path / "c") and warm.files == cold.files
    assert warm.fingerprint == cold.fingerprint
    # Files whose content did not change are the previous build's, linked, not written again.
    same = [name for name, digest in warm.files.items() if first.files.get(name) == digest]
    assert same and warm.written == len(warm.files) - len(same)
    for name in same:
        a, b = tmp_path / "a" / search.BUNDLE / name, tmp_path / "b" / search.BUNDLE / name
        assert a.stat().st_ino == b.stat().st_ino
    assert Built(tmp_path / "b" / search.BUNDLE).entries_with("gampong") == {"baru-sekali"}


def _edited(h, catalogue_dir: Path) -> None:
    """New words, and a facet's value no other entry has (the column's codes shift)."""
    h.write_entry(catalogue_dir, "bali", "jahat", judul="Kelor untuk Gizi Balita",
                  tanggal="\n  mulai: 2022-03-01\n  penerapan: 2022-06-01",
                  instansi="\n  nama: Pemerintah Provinsi Bali\n  jenis: pemprov",
                  body="## Latar\n\nKata baru: kelor, posyandu dan lansia.\n")


def _added(h, catalogue_dir: Path) -> None:
    h.write_entry(catalogue_dir, "aceh", "baru-sekali", judul="Gampong Digital Terpadu",
                  tanggal="\n  mulai: 2021-01-01\n  penerapan: 2021-02-01")


def _removed(h, catalogue_dir: Path) -> None:
    (catalogue_dir / "innovations" / "bali" / "jahat.md").unlink()


def _replica_counts(h, catalogue_dir: Path) -> None:
    """The replica (there from the start, at a stage that does not count) reaches one that
    does: the origin's own file is unchanged, its transfer badge is not."""
    h.write_entry(catalogue_dir, "bali", "replika-antre", replikasi_dari="\n  - inovasi: antre-puskesmas",
                  instansi="\n  nama: Pemerintah Kabupaten Badung\n  jenis: pemkab", hasil=rich()["hasil"],
                  tanggal="\n  mulai: 2024-01-01\n  penerapan: 2024-02-01")


@pytest.mark.parametrize("own_files", [False, True], ids=["shards", "own-files"])
@pytest.mark.parametrize("change", [_edited, _added, _removed, _replica_counts])
def test_a_warm_build_after_a_change_makes_the_cold_builds_bytes(h, catalogue_dir: Path, tmp_path: Path,
                                                                  change, own_files: bool, monkeypatch) -> None:
    """Edited, added, removed, or changed only through another entry (the transfer badge): a
    warm build (its analysis cached, the previous index beside it) makes what a cold build of
    the same entries makes, byte for byte, twice in a row (the second from the first's record);
    with terms in shared shards, and with every term in a file of its own."""
    if own_files:
        monkeypatch.setattr(index, "BIG_BYTES", 8)
    # The origin the oldest, its replica the newest: their cards in different `entri/` files.
    h.write_entry(catalogue_dir, "jawa-timur", "antre-puskesmas", judul="Antrean Puskesmas Tanpa Kertas",
                  tanggal="\n  mulai: 2005-01-01\n  penerapan: 2006-01-01",
                  body="## Latar\n\nWarga mengambil nomor antrean dari rumah; kader posyandu membantu lansia.\n")
    h.write_entry(catalogue_dir, "bali", "jahat", tanggal="\n  mulai: 2022-03-01\n  penerapan: 2022-06-01")
    h.write_entry(catalogue_dir, "bali", "replika-antre", replikasi_dari="\n  - inovasi: antre-puskesmas",
                  instansi="\n  nama: Pemerintah Kabupaten Badung\n  jenis: pemkab", tahapan="uji_coba",
                  hasil=rich()["hasil"],
                  tanggal="\n  mulai: 2024-01-01\n  penerapan: 2024-02-01")
    for n in range(20):  # enough entries that a change touches a part of the index only
        h.write_entry(catalogue_dir, "jawa-tengah", f"isi-{n}", judul=f"Layanan Desa Nomor {n} Bersama Warga",
                      tanggal=f"\n  mulai: 20{10 + n % 9}-0{1 + n % 9}-01\n  penerapan: 2023-01-01")

    def load() -> list:
        loaded = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1)
        assert loaded.ok, [d.format() for d in loaded.diagnostics]
        return loaded.published()

    cache = str(tmp_path / "cache")
    before = load()
    first = search.make_index(before, str(tmp_path / "a"), cache=cache, jobs=1)
    change(h, catalogue_dir)
    after = load()
    warm = search.make_index(after, str(tmp_path / "b"), cache=cache, jobs=1,
                             previous=(str(tmp_path / "a"), _before(first)))
    cold = search.make_index(after, str(tmp_path / "c"), jobs=1)
    assert not warm.kept and warm.fingerprint == cold.fingerprint != first.fingerprint
    assert _files(tmp_path / "b") == _files(tmp_path / "c") and warm.files == cold.files
    assert warm.sizes == cold.sizes
    if change is _replica_counts:
        origin = [next(r for r in records if r.id == "antre-puskesmas") for records in (before, after)]
        assert origin[0].key == origin[1].key  # its own file and load did not change …
        levels = [r.assessment.kriteria["dapat_ditransfer"].level for r in origin]
        assert levels[0] < levels[1]  # … its badge did, and with it its card and its facets
    if change in (_edited, _replica_counts):  # the same entries in the same order: the index patched
        # Read again: the edited entry; the replica and its origin (whose fingerprint holds its badges).
        assert warm.patched and warm.read == (1 if change is _edited else 2)
        assert 0 < warm.written < len(warm.files) // 2
    # A second change, from the first warm build's record and cache.
    h.write_entry(catalogue_dir, "jawa-tengah", "isi-3", judul="Layanan Desa Nomor 3 Bersama Kader Posyandu",
                  tanggal="\n  mulai: 2013-04-01\n  penerapan: 2023-01-01")
    again = load()
    second = search.make_index(again, str(tmp_path / "d"), cache=cache, jobs=1,
                               previous=(str(tmp_path / "b"), _before(warm)))
    search.make_index(again, str(tmp_path / "e"), jobs=1)
    assert second.patched and _files(tmp_path / "d") == _files(tmp_path / "e")
    assert Built(tmp_path / "d" / search.BUNDLE).entries_with("kader") >= {"isi-3"}


@pytest.mark.parametrize("gone", ["kata", "ejaan"])
def test_a_previous_index_missing_files_is_made_anew(h, catalogue, catalogue_dir: Path, tmp_path: Path,
                                                     gone: str) -> None:
    """Files of the previous index gone from its folder: those the patch reads (`kata/`), or
    those it would link without reading (`ejaan/` files no edit touched). The index is made
    whole, the cold build's bytes."""
    cache = str(tmp_path / "cache")
    first = search.make_index(catalogue.published(), str(tmp_path / "a"), cache=cache, jobs=1)
    h.write_entry(catalogue_dir, "bali", "jahat", judul="Kelor untuk Gizi Balita",
                  tanggal="\n  mulai: 2022-03-01\n  penerapan: 2022-06-01")
    changed = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    for path in (tmp_path / "a" / search.BUNDLE / gone).iterdir():
        path.unlink()
    warm = search.make_index(changed, str(tmp_path / "b"), cache=cache, jobs=1,
                             previous=(str(tmp_path / "a"), _before(first)))
    search.make_index(changed, str(tmp_path / "c"), jobs=1)
    assert not warm.patched and _files(tmp_path / "b") == _files(tmp_path / "c")


def test_a_warm_build_in_place_drops_the_files_it_no_longer_has(h, catalogue, catalogue_dir: Path,
                                                                 tmp_path: Path, monkeypatch) -> None:
    """`serve` and `--dirty` write over their own site: a file the index no longer has goes."""
    monkeypatch.setattr(index, "BIG_BYTES", 8)  # every stem a file of its own
    site, cache = tmp_path / "situs", str(tmp_path / "cache")
    first = search.make_index(catalogue.published(), str(site), cache=cache, jobs=1)
    h.write_entry(catalogue_dir, "bali", "jahat", body="## Latar\n\nKata baru: kelor.\n")
    changed = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    again = search.make_index(changed, str(site), cache=cache, jobs=1, previous=(str(site), _before(first)))
    search.make_index(changed, str(tmp_path / "dingin"), jobs=1)
    assert set(first.files) - set(again.files)  # some stem's own file is gone …
    assert _files(site) == _files(tmp_path / "dingin")  # … from the folder too


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_a_damaged_cache_is_read_as_no_cache(catalogue, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    search.make_index(catalogue.published(), str(tmp_path / "a"), cache=str(cache), jobs=1)
    kept = cache / analysis.CACHE_FILE
    data = kept.read_bytes()
    kept.write_bytes({"garbage": b"PK\3\4" + bytes(range(256)) * 4, "truncated": data[: len(data) // 2],
                      "empty": b""}[damage])
    again = search.make_index(catalogue.published(), str(tmp_path / "b"), cache=str(cache), jobs=1)
    assert again.read == 2 and _files(tmp_path / "a") == _files(tmp_path / "b")
    assert analysis.load(str(cache)) is not None  # made again


def test_a_cache_made_from_other_stories_is_not_trusted_for_them(h, catalogue, catalogue_dir: Path,
                                                                  tmp_path: Path) -> None:
    """The cache is keyed by each entry's content, not by its id or its file's time."""
    cache = str(tmp_path / "cache")
    search.make_index(catalogue.published(), str(tmp_path / "a"), cache=cache, jobs=1)
    h.write_entry(catalogue_dir, "jawa-timur", "antre-puskesmas", judul="Antrean Puskesmas Tanpa Kertas",
                  ringkasan="Warga mengambil nomor antrean puskesmas dari rumah lewat pesan singkat.",
                  body="## Latar Belakang\n\nSekarang bicara soal kelor dan gizi balita.\n")
    changed = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    warm = search.make_index(changed, str(tmp_path / "b"), cache=cache, jobs=1)
    assert warm.read == 1
    built = Built(tmp_path / "b" / search.BUNDLE)
    assert built.entries_with("kelor") == {"antre-puskesmas"} and not built.entries_with("rujuk")


def test_a_failing_index_is_a_clear_error(catalogue, tmp_path: Path) -> None:
    """Made in a forked process as the build makes it (`machinery.ForkedCall`): the failure comes
    back to the build in words."""
    from generator.machinery import ForkedCall, ForkedError

    blocked = tmp_path / "bukan-folder"
    blocked.write_text("x", encoding="utf-8")
    job = ForkedCall(search.make_index, catalogue.published(), str(blocked), jobs=1)
    with pytest.raises(ForkedError, match="NotADirectoryError|FileExistsError"):
        job.wait()


def test_every_facet_the_page_offers_is_in_every_record(catalogue) -> None:
    keys = [facet.key for facet in search.facets()]
    for record in catalogue.published():
        assert list(search.filters_of(record, record.assessment)) == keys


def test_the_index_process_is_sent_no_model_and_no_body_and_makes_the_same_index(catalogue, tmp_path: Path) -> None:
    """The build sends the index's process what the index reads of each entry (`search.item`),
    its body only as its file and a digest: not the model, not the body (at 100,000 entries a
    process started with the builder's memory held 5 GiB). The index made from those is the
    one made from the records, byte for byte."""
    import pickle

    published = catalogue.published()
    items = [search.item(r, by_file=True) for r in published]
    assert all(r.key for r in published)
    assert all(i.body is None and i.path and i.key for i in items)
    sent = pickle.dumps(items)
    assert b"kader posyandu" not in sent and b"Pengurusan rujukan" not in sent  # words of a body
    assert b"Entry" not in sent and b"Assessment" not in sent  # no model
    from_items = search.make_index(items, str(tmp_path / "a"), jobs=1)
    from_records = search.make_index(published, str(tmp_path / "b"), jobs=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b") and from_items.files == from_records.files
    assert Built(tmp_path / "a" / search.BUNDLE).entries_with("posyandu") == {"antre-puskesmas"}


@pytest.mark.parametrize("edit", ["body", "front", "gone", "link"])
def test_an_entry_file_changed_after_the_load_is_not_indexed(h, catalogue, catalogue_dir: Path, tmp_path: Path,
                                                             edit: str) -> None:
    """A file edited (or removed, or replaced by a link) between the load and the index: the
    index would hold words its page does not show. The build's index process refuses, in words
    that name the file, and writes nothing. An edit to the front matter alone leaves the body
    the load read: that entry is indexed as loaded (its page shows the loaded model too)."""
    from generator.build import _make_index
    from generator.machinery import FedCall, ForkedError

    items = [search.item(r, by_file=True) for r in catalogue.published()]
    path = catalogue_dir / "innovations" / "jawa-timur" / "antre-puskesmas.md"
    text = path.read_text(encoding="utf-8")
    if edit == "body":
        path.write_text(text.replace("kader posyandu", "kader pembohong"), encoding="utf-8")
    elif edit == "front":
        path.write_text(text.replace("Antrean Puskesmas Tanpa Kertas", "Judul Lain"), encoding="utf-8")
    else:
        path.unlink()
        if edit == "link":
            other = tmp_path / "lain.md"
            other.write_text(text, encoding="utf-8")
            path.symlink_to(other)
    job = FedCall(_make_index)
    job.feed(items)
    job.run(str(tmp_path / "situs"), jobs=1)
    if edit == "front":
        job.wait()
        assert Built(tmp_path / "situs" / search.BUNDLE).stem("puskesmas")
        return
    with pytest.raises(ForkedError, match="antre-puskesmas.md") as raised:
        job.wait()
    assert "BodyChanged" not in str(raised.value) and "build lagi" in str(raised.value)
    assert not (tmp_path / "situs" / search.BUNDLE).exists()


def _resident() -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmRSS:"))


def test_the_index_process_is_forked_small_and_keeps_its_own_memory(catalogue) -> None:
    """`machinery.FedCall`, as the build uses it for the index: forked before the builder grows
    (before the load), fed afterwards. What the builder holds by then is not in the process: a
    process forked after the load started with the whole catalogue resident (5 GiB at 100,000
    entries). Its failure comes back in words, as `ForkedCall`'s."""
    from generator.machinery import FedCall, ForkedError

    job = FedCall(_sizes)
    grown = bytearray(300 * 2**20)  # the catalogue the builder loads meanwhile, touched
    grown[::4096] = b"x" * len(grown[::4096])
    job.feed([search.item(r, by_file=True) for r in catalogue.published()])
    job.feed(["one more"])
    job.run("after")
    count, arg, resident = job.wait()
    assert (count, arg) == (3, "after")
    assert resident < _resident() - 200 * 2**20  # not the 300 MiB grown after the fork
    del grown
    failing = FedCall(_sizes)
    failing.run("gagal")
    with pytest.raises(ForkedError, match="ValueError: kata gagal"):
        failing.wait()
    dropped = FedCall(_sizes)
    dropped.abort()
    with pytest.raises(ForkedError):
        dropped.wait()


def _sizes(items: list, arg: str) -> tuple[int, str, int]:
    if arg == "gagal":
        raise ValueError("kata gagal")
    return len(items), arg, _resident()


def test_terms_scored_a_few_at_a_time_make_the_same_files(catalogue, tmp_path: Path, monkeypatch) -> None:
    """`index.scored` sorts and scores the rows a group of terms at a time (memory): groups of
    any size give the same index."""
    search.make_index(catalogue.published(), str(tmp_path / "a"), jobs=1)
    monkeypatch.setattr(index, "GROUP_ROWS", 3)
    search.make_index(catalogue.published(), str(tmp_path / "b"), jobs=1)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    rows = list(index.scored(analysis.update(index.order(search.item(r) for r in catalogue.published()), None)[0]))
    assert [term for term, _, _ in rows] == sorted(term for term, _, _ in rows)
    assert all(list(entries) == sorted(set(entries)) for _, entries, _ in rows)
