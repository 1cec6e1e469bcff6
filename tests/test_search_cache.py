"""The search index's cache of entries' analyses (`generator.search.analysis.save`/`load`) and a
warm build's join from it: the previous analysis's large arrays stay in the file, read a run at a
time straight into the new analysis, never held whole beside it; a damaged, truncated or
earlier-format file is read as no cache."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import numpy as np
import pytest

from generator import search
from generator.catalogue import load_catalogue
from generator.search import analysis, document
from generator.search.document import Item

pytestmark = pytest.mark.unit

ENTRIES, ROWS, FORMS = 400, 2_000, 2_400  # rows and word forms an entry: arrays of 3.2 and 3.8 MB
TERMS, RAWS = 5_000, 8_000


def _item(n: int, text: str, fingerprint: bytes) -> Item:
    return Item(f"e{n:04d}", 800_000 - n, "bali", fingerprint, [], {}, text, ((document.JUDUL, text),), body="")


def _analysis(seed: int = 1) -> analysis.Analysis:
    """A made-up analysis, large enough that its arrays dwarf everything else a join allocates."""
    rng = np.random.default_rng(seed)
    n = ENTRIES
    return analysis.Analysis(
        [f"e{k:04d}" for k in range(n)], [b"f%d" % k for k in range(n)],
        rng.integers(1, 900, n).astype(np.uint32), np.arange(n + 1, dtype=np.int64) * ROWS,
        rng.integers(0, TERMS, n * ROWS).astype(np.uint32), rng.integers(1, 50, n * ROWS).astype(np.uint32),
        np.arange(n + 1, dtype=np.int64) * FORMS, rng.integers(0, RAWS, n * FORMS).astype(np.uint32),
        [f"t{k}" for k in range(TERMS)], [f"w{k}" for k in range(RAWS)], [f"t{k % TERMS}" for k in range(RAWS)],
        {})


def _arrays(a: analysis.Analysis) -> list[np.ndarray]:
    return [np.asarray(x[:] if isinstance(x, analysis.Stored) else x)
            for x in (a.lengths, a.row, a.term, a.count, a.seen, a.form)]


def _same(a: analysis.Analysis, b: analysis.Analysis) -> bool:
    return (a.ids == b.ids and a.digests == b.digests and a.terms == b.terms and a.raws == b.raws
            and a.stems == b.stems and all(np.array_equal(x, y) for x, y in zip(_arrays(a), _arrays(b), strict=True)))


def test_a_saved_analysis_loads_as_it_was_with_its_large_arrays_left_in_the_file(tmp_path: Path) -> None:
    made = analysis.analyse([_item(k, f"layanan desa nomor {k} kartu-keluarga", b"f%d" % k) for k in range(30)])
    analysis.save(made, str(tmp_path))
    loaded = analysis.load(str(tmp_path))
    assert loaded is not None and _same(loaded, made) and loaded.parts == made.parts
    assert all(isinstance(getattr(loaded, name), analysis.Stored) for name in analysis.STORED)
    # Whole from the cache (nothing changed): a copy in memory, not the file's arrays.
    whole = analysis.join([(loaded, 0, len(loaded))])
    assert _same(whole, made) and isinstance(whole.term, np.ndarray)
    # Runs of it, in another order, with runs of a fresh analysis (numbered its own way).
    fresh = analysis.analyse([_item(k, f"posyandu balita {k} layanan", b"g%d" % k) for k in range(5)])
    pieces = [(loaded, 0, 10), (fresh, 0, 2), (loaded, 12, 30), (fresh, 2, 5)]
    assert _same(analysis.join(pieces), analysis.join([(made, s, e) if a is loaded else (a, s, e)
                                                       for a, s, e in pieces]))


def test_a_warm_update_holds_the_new_analysis_not_the_previous_one_besides(tmp_path: Path) -> None:
    """One entry of 400 read again, the others from the cache: what the update allocates at its
    highest is about the new analysis's arrays (10.2 MB here, and the tables: 1.3 MB), not those and the previous ones
    (loaded whole, then joined as a copy: 2×, and more while the pieces were joined)."""
    previous = _analysis()
    analysis.save(previous, str(tmp_path))
    arrays = sum(x.nbytes for x in _arrays(previous))
    items = [_item(k, "layanan", b"f%d" % k) for k in range(ENTRIES)]
    items[123] = _item(123, "layanan desa baru", b"changed")
    analysis.analyse(items[123:124])  # the stemmer's dictionary, the tables and the code's digest made before
    analysis.code_digest()
    tracemalloc.start()
    try:
        loaded = analysis.load(str(tmp_path))
        assert loaded is not None
        new, read = analysis.update(items, loaded)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == 1 and new.ids == previous.ids
    assert peak < 1.4 * arrays, (peak, arrays)
    rows = slice(int(new.row[123]), int(new.row[124]))
    assert [new.terms[t] for t in new.term[rows].tolist()] != [previous.terms[t] for t in previous.term[:ROWS]]
    for k in (0, 122, 124, ENTRIES - 1):  # the others: their rows as they were
        old, now = slice(int(previous.row[k]), int(previous.row[k + 1])), slice(int(new.row[k]), int(new.row[k + 1]))
        assert np.array_equal(new.term[now], previous.term[old]) and np.array_equal(new.count[now], previous.count[old])
        assert np.array_equal(new.form[slice(int(new.seen[k]), int(new.seen[k + 1]))],
                              previous.form[slice(int(previous.seen[k]), int(previous.seen[k + 1]))])


def test_the_previous_file_is_read_even_after_it_is_replaced(tmp_path: Path) -> None:
    """A build loads the cache, saves its new analysis over it, then reads the previous one's
    rows of the changed entries (`patch`): from the file it loaded."""
    first = _analysis(1)
    analysis.save(first, str(tmp_path))
    loaded = analysis.load(str(tmp_path))
    assert loaded is not None
    analysis.save(_analysis(2), str(tmp_path))
    assert np.array_equal(loaded.term[5 * ROWS:6 * ROWS], first.term[5 * ROWS:6 * ROWS])
    assert int(loaded.form[-1]) == int(first.form[-1])


def _damage(path: Path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "earlier format":  # what FORMAT 2 kept (`np.savez`), under the file's name
        with open(path, "wb") as f:
            np.savez(f, meta=np.frombuffer(b'{"format": 2}', dtype=np.uint8), row=np.zeros(1))
        return
    if how == "truncated in the arrays":
        del data[len(data) // 3:]
    elif how == "truncated in the header":
        del data[30:]
    elif how == "header says more":
        data[16:24] = (1 << 40).to_bytes(8, "little")
    elif how == "terms out of range":  # the header fine, the rows naming terms the tables do not have
        loaded = analysis.load(str(path.parent))
        assert loaded is not None and len(loaded.term) > 0
        at = loaded.term.offset
        data[at:at + 4 * len(loaded.term)] = b"\xff" * (4 * len(loaded.term))
        del loaded
    elif how == "other code":
        start = data.index(b'"code":"') + 8
        data[start:start + 4] = b"0000"
    path.write_bytes(bytes(data))


DAMAGE = ["earlier format", "truncated in the arrays", "truncated in the header", "header says more",
          "terms out of range", "other code"]


@pytest.fixture
def catalogue(h, catalogue_dir: Path):
    h.write_entry(catalogue_dir, "jawa-timur", "antre-puskesmas", judul="Antrean Puskesmas Tanpa Kertas",
                  body="## Latar Belakang\n\nKader posyandu membantu lansia mengambil nomor antrean.\n")
    h.write_entry(catalogue_dir, "bali", "kelor", judul="Kelor untuk Gizi Balita",
                  tanggal="\n  mulai: 2022-03-01\n  penerapan: 2022-06-01")
    loaded = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1)
    assert loaded.ok, [d.format() for d in loaded.diagnostics]
    return loaded


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_or_foreign_cache_is_no_cache_and_is_made_again(catalogue, tmp_path: Path, how: str) -> None:
    cache = tmp_path / "cache"
    cold = search.make_index(catalogue.published(), str(tmp_path / "a"), cache=str(cache), jobs=1)
    _damage(cache / analysis.CACHE_FILE, how)
    if how != "terms out of range":  # that one is found only as its rows are read
        assert analysis.load(str(cache)) is None
    again = search.make_index(catalogue.published(), str(tmp_path / "b"), cache=str(cache), jobs=1)
    assert again.read == again.count == cold.count and again.files == cold.files
    if how == "other code":  # an ordinary miss (the generator changed): nothing to say
        assert not again.problems
    else:
        assert again.problems == [f"cache analisis {cache / analysis.CACHE_FILE} rusak atau terpotong, tidak dipakai; "
                                  "setiap inovasi dibaca ulang dan cache dibuat lagi"]
    loaded = analysis.load(str(cache))
    assert loaded is not None and len(loaded) == cold.count  # made again


def test_an_earlier_format_s_file_is_removed_when_the_cache_is_saved(tmp_path: Path) -> None:
    old = tmp_path / "analisis.npz"
    old.write_bytes(b"PK\3\4" + bytes(100))
    assert analysis.load(str(tmp_path)) is None
    analysis.save(_analysis(), str(tmp_path))
    assert not old.exists() and analysis.load(str(tmp_path)) is not None
    assert sorted(os.listdir(tmp_path)) == [analysis.CACHE_FILE]


@pytest.mark.parametrize("group_rows", [1, 7, 1 << 21])
def test_a_patch_makes_its_records_a_group_of_terms_at_a_time_with_the_cold_bytes(
        h, catalogue, catalogue_dir: Path, tmp_path: Path, monkeypatch, group_rows: int) -> None:
    """Several entries edited (their words' scores change in many terms): the patch makes the
    touched terms' records a group of about `GROUP_ROWS` rows at a time; whatever the group, the
    index is the cold build's, byte for byte."""
    from generator.search import index

    monkeypatch.setattr(index, "GROUP_ROWS", group_rows)
    for n in range(20):
        h.write_entry(catalogue_dir, "jawa-tengah", f"isi-{n}", judul=f"Layanan Desa Nomor {n} Bersama Warga",
                      tanggal=f"\n  mulai: 20{10 + n % 9}-0{1 + n % 9}-01\n  penerapan: 2023-01-01")
    before = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    cache = str(tmp_path / "cache")
    first = search.make_index(before, str(tmp_path / "a"), cache=cache, jobs=1)
    for n in (3, 11):  # words other entries have, so that the lexicon's files stay as many
        h.write_entry(catalogue_dir, "jawa-tengah", f"isi-{n}", judul=f"Layanan Desa Nomor {n} Warga Desa Layanan",
                      tanggal=f"\n  mulai: 20{10 + n % 9}-0{1 + n % 9}-01\n  penerapan: 2023-01-01",
                      body="## Latar\n\nKader posyandu membantu lansia di desa.\n")
    after = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1).published()
    previous = {"sidik": first.fingerprint, "berkas": first.files, "ukuran": first.sizes}
    warm = search.make_index(after, str(tmp_path / "b"), cache=cache, jobs=1, previous=(str(tmp_path / "a"), previous))
    cold = search.make_index(after, str(tmp_path / "c"), jobs=1)
    assert warm.patched and warm.read == 2 and warm.files == cold.files

    def files(folder: Path) -> dict[str, bytes]:
        return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}

    assert files(tmp_path / "b") == files(tmp_path / "c")


def test_rows_naming_terms_the_tables_do_not_have_are_found_as_they_are_read(tmp_path: Path) -> None:
    """Whether the cached analysis's numbers are kept (it is the largest piece) or renumbered
    into a larger fresh one's: `Damaged`, which the index takes as no cache, never an IndexError."""
    small = analysis.analyse([_item(k, f"layanan desa nomor {k}", b"f%d" % k) for k in range(5)])
    analysis.save(small, str(tmp_path))
    path = tmp_path / analysis.CACHE_FILE
    data = bytearray(path.read_bytes())
    loaded = analysis.load(str(tmp_path))
    assert loaded is not None
    at = loaded.form.offset + 4 * (len(loaded.form) - 1)  # the last entry's last word form
    data[at:at + 4] = b"\xff" * 4
    path.write_bytes(bytes(data))
    damaged = analysis.load(str(tmp_path))
    assert damaged is not None  # the header and the tables are fine
    larger = analysis.analyse([_item(k, f"posyandu balita {k} kader", b"g%d" % k) for k in range(30)])
    for pieces in ([(damaged, 0, 5)], [(damaged, 0, 4), (larger, 0, 30), (damaged, 4, 5)]):
        with pytest.raises(analysis.Damaged):
            analysis.join(pieces)
    assert len(analysis.join([(damaged, 0, 4), (larger, 0, 30)])) == 34  # the runs before it read fine
