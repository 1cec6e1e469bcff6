"""The load cache (generator/load_cache.py): what loading gave each entry file, kept for the next
load. A load from the cache must give what a fresh load gives, read again exactly the files whose
inputs changed, and treat a damaged cache as none."""

from __future__ import annotations

import gzip
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bench.corpus import generate
from generator import catalogue as cat
from generator import load_cache
from generator.catalogue import find_entry_files, load_files
from generator.machinery import cores

TODAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue of 150 generated entries (replications among them), reviewers' records for some,
    one entry with an error and one with warnings."""
    from bench.run import verification_records

    root = tmp_path_factory.mktemp("katalog")
    entries = root / "docs" / "innovations"
    generate(entries, 150, seed=5)
    (entries / ".katalog-corpus").unlink(missing_ok=True)
    verification_records(root / "verifikasi", entries)
    broken = sorted(entries.glob("*/*.md"))[3]
    broken.write_text(broken.read_text(encoding="utf-8").replace("ringkasan:", "ringkasn:", 1), encoding="utf-8")
    return root


def _load(root: Path, cache: Path | None, *, jobs: int = 1, today: date = TODAY) -> cat.Catalogue:
    entries = root / "docs" / "innovations"
    return load_files(find_entry_files([entries]), docs_dir=entries.parent, today=today, jobs=jobs,
                      records_dir=root / "verifikasi", cache=str(cache) if cache else None)


def _same(fresh: cat.Catalogue, cached: cat.Catalogue) -> None:
    assert cached.diagnostics == fresh.diagnostics
    assert list(cached.records) == list(fresh.records)
    for entry_id, record in fresh.records.items():
        assert cached.records[entry_id] == record, entry_id  # model, body, badges, facts, lifecycle


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the load parses (its cache misses), in a load on one core."""
    read: list[str] = []
    real = cat._load_one

    def counted(job: cat._Job, raw: bytes | None = None, record: bytes | None = None) -> cat._Loaded:
        read.append(job.path.stem)
        return real(job, raw, record)

    monkeypatch.setattr(cat, "_load_one", counted)
    return read


@pytest.mark.unit
def test_a_load_from_the_cache_gives_what_a_fresh_load_gives(corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = _load(corpus, None)
    assert fresh.errors and len(fresh.diagnostics) > len(fresh.errors)  # an error and warnings to keep too
    assert any(r.verifikasi.status != "diajukan" for r in fresh.records.values())
    assert any(r.words for r in fresh.records.values())  # replications' own words
    _same(fresh, _load(corpus, tmp_path, jobs=2))  # the first load fills the cache, on both cores
    read = _counting(monkeypatch)
    _same(fresh, _load(corpus, tmp_path))
    assert read == []  # every file, the broken one too, from the cache
    _same(fresh, _load(corpus, None))  # and the cache changed nothing on disk


@pytest.mark.unit
def test_a_warm_load_on_both_cores_gives_what_a_fresh_load_gives(corpus: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Forked workers hand back only the key and body of a file the cache holds; the parent makes
    its record from the cache: the same records, their own badges included, as a fresh load."""
    from generator.machinery import cores

    monkeypatch.setattr(cores, "PARALLEL_FROM", 10)
    fresh = _load(corpus, None, jobs=2)
    _same(fresh, _load(corpus, tmp_path, jobs=2))
    warm = _load(corpus, tmp_path, jobs=2)
    _same(fresh, warm)
    assert {i: r.key for i, r in fresh.records.items()} == {i: r.key for i, r in warm.records.items()}
    replicated = [r for r in warm.records.values() if warm.replicas_of(r.id)]
    assert replicated and all(r.assessment == fresh.records[r.id].assessment for r in replicated)


def _shards(cache: Path) -> dict[str, Path]:
    """The load cache's shard files in `cache`, by shard name."""
    return {path.name.removesuffix(".gz"): path for path in sorted((cache / load_cache.FILE).glob("*.gz"))}


def _read(path: Path) -> tuple[bytes, list[bytes]]:
    head, *lines = gzip.decompress(path.read_bytes()).splitlines()
    return head, lines


def _all_lines(cache: Path) -> dict[bytes, bytes]:
    return dict(line.split(b" ", 1) for path in _shards(cache).values() for line in _read(path)[1])


def _inodes(cache: Path) -> dict[str, int]:
    return {name: path.stat().st_ino for name, path in _shards(cache).items()}


@pytest.mark.unit
def test_the_cache_is_written_only_where_its_lines_change(corpus: Path, tmp_path: Path) -> None:
    """A shard is written again only when its lines change: an edit rewrites the edited file's
    shard alone, and a warm build with nothing changed writes nothing."""
    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / load_cache.OLD_FILE).write_bytes(b"the whole-file cache of an earlier version")
    _load(work, cache)
    assert not (cache / load_cache.OLD_FILE).exists()  # its old file removed once the shards are written
    shards = _shards(cache)
    assert len(shards) > 16  # 150 files in up to 64 shards
    first = {name: path.read_bytes() for name, path in shards.items()}
    inodes = _inodes(cache)
    _load(work, cache)
    assert _inodes(cache) == inodes and {n: p.read_bytes() for n, p in _shards(cache).items()} == first
    before = _all_lines(cache)
    entries = sorted((work / "docs" / "innovations").glob("*/*.md"))
    edited = entries[20]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat baru.\n", encoding="utf-8")
    warm = _load(work, cache)
    after = _all_lines(cache)
    changed = {name for name, inode in _inodes(cache).items() if inodes.get(name) != inode}
    assert changed == {load_cache.shard(str(edited))}  # its shard written anew, whole; no other
    assert len(after) == len(before) and len(set(after) - set(before)) == 1  # one line replaced
    assert set(after) - set(before) == {warm.records[edited.stem].key.encode()}
    removed = next(p for p in entries[30:] if load_cache.shard(str(p)) != load_cache.shard(str(edited)))
    removed.unlink()
    inodes = _inodes(cache)
    _load(work, cache)
    changed = {name for name in inodes.keys() | _inodes(cache).keys() if inodes.get(name) != _inodes(cache).get(name)}
    assert changed == {load_cache.shard(str(removed))} and len(_all_lines(cache)) == len(after) - 1  # a line gone
    inodes = _inodes(cache)
    _same(_load(work, None), _load(work, cache))
    assert _inodes(cache) == inodes


@pytest.mark.unit
@pytest.mark.parametrize("damage", [
    lambda kept: {**kept, "a": [[["kebaruan"]], True, 5]},  # badges of the wrong shape
    lambda kept: {**kept, "a": None},  # no badges
    lambda kept: {**kept, "e": kept["e"].replace('"judul":"', '"judul":5,"x":"')},  # a model that does not validate
    lambda kept: {**kept, "f": {**kept["f"], "v": ["x"]}},  # a lifecycle cut short
    lambda kept: {k: v for k, v in kept.items() if k != "d"},  # no diagnostics
])
def test_a_damaged_line_is_a_miss_not_a_wrong_record(corpus: Path, tmp_path: Path, damage: Any,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import orjson

    fresh = _load(corpus, None)
    _load(corpus, tmp_path)
    path = next(path for path in _shards(tmp_path).values() if any(b'"e":"' in line for line in _read(path)[1]))
    head, lines = _read(path)
    target = next(i for i, line in enumerate(lines) if b'"e":"' in line)
    key, text = lines[target].split(b" ", 1)
    lines[target] = key + b" " + orjson.dumps(damage(orjson.loads(text)))
    path.write_bytes(gzip.compress(b"\n".join([head, *lines]) + b"\n"))
    read = _counting(monkeypatch)
    _same(fresh, _load(corpus, tmp_path))
    assert len(read) == 1  # that file alone, loaded anew
    monkeypatch.undo()
    assert lines[target] not in _read(path)[1]  # and kept anew


@pytest.mark.unit
def test_a_changed_entry_or_record_is_read_again_and_only_it(corpus: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    before = _load(work, cache).records
    entries = sorted((work / "docs" / "innovations").glob("*/*.md"))
    edited = entries[10]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat baru.\n", encoding="utf-8")
    records = sorted((work / "verifikasi").glob("*.yml"))
    reviewed = records[0]
    reviewed.write_text(reviewed.read_text(encoding="utf-8").replace("terverifikasi", "perlu_perbaikan", 1),
                        encoding="utf-8")
    read = _counting(monkeypatch)
    warm = _load(work, cache)
    assert sorted(read) == sorted({edited.stem, reviewed.stem})
    monkeypatch.undo()
    fresh = _load(work, None)
    _same(fresh, warm)
    # Each record's key (what its outputs are kept by): the same with or without the cache, and
    # new exactly for the entries whose file or record changed.
    assert all(r.key for r in fresh.records.values())
    assert {i: r.key for i, r in fresh.records.items()} == {i: r.key for i, r in warm.records.items()}
    assert {i for i, r in warm.records.items() if r.key != before[i].key} == {edited.stem, reviewed.stem} & set(warm.records)
    assert edited.stem in warm.records
    assert warm.records[edited.stem].read_body().endswith("Satu kalimat baru.\n")

    # Another build date: every file is read again (the lifecycle and badges depend on it).
    read = _counting(monkeypatch)
    _load(work, cache, today=date(2027, 3, 1))
    assert len(read) == len(entries)


@pytest.mark.unit
@pytest.mark.parametrize("damage", [
    b"", b"garbage\x00\xff", b"\x1f\x8b\x08\x00", b"katalog-muatan 99 %s\n",
    b"katalog-muatan %d %%s\nkunci-pendek {}\n" % load_cache.FORMAT, "truncated", "every entry wrong",
    "a line cut short", "another shard's", "a link to another shard", "two gzip members",
])
def test_a_damaged_shard_is_no_cache_for_its_files(corpus: Path, tmp_path: Path, damage: bytes | str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever a shard holds, a load gives what a fresh load gives: a shard it cannot read whole,
    or not as this code writes it, is no cache for its files (read again, the shard written
    anew), and the other shards are still used."""
    fresh = _load(corpus, None)
    _load(corpus, tmp_path)
    shards = _shards(tmp_path)
    name, path = max(shards.items(), key=lambda item: len(_read(item[1])[1]))
    other = next(p for n, p in shards.items() if n != name)
    held = {line.split(b" ")[0] for line in _read(path)[1]}
    if isinstance(damage, bytes):
        path.write_bytes(gzip.compress(damage % name.encode()) if damage.startswith(b"katalog") else damage)
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    elif damage == "another shard's":
        path.write_bytes(other.read_bytes())  # its own header names the other shard
    elif damage == "a link to another shard":
        path.unlink()
        path.symlink_to(other)
    elif damage == "two gzip members":
        path.write_bytes(path.read_bytes() + gzip.compress(b"more\n"))
    else:
        lines = gzip.decompress(path.read_bytes()).split(b"\n")
        if damage == "every entry wrong":
            lines = lines[:1] + [line.split(b" ")[0] + b' {"d": 5, "e": "{", "f": []}' for line in lines[1:] if line]
        else:
            lines[-2] = lines[-2][:-9]
            lines = lines[:-1]  # and no newline at the end
        path.write_bytes(gzip.compress(b"\n".join(lines) + (b"\n" if damage == "every entry wrong" else b"")))
    read = _counting(monkeypatch)
    _same(fresh, _load(corpus, tmp_path))
    assert {fresh.records[i].key.encode() for i in read if i in fresh.records} <= held  # that shard's files only
    assert len(read) == len(held)
    read.clear()
    _same(fresh, _load(corpus, tmp_path))  # the shard written whole again after the load
    assert read == [] and not path.is_symlink()


@pytest.mark.unit
def test_a_shard_that_unpacks_past_its_bound_is_no_cache(corpus: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A shard is decompressed within a bound (a gzip bomb is no cache, not a full memory)."""
    fresh = _load(corpus, None)
    _load(corpus, tmp_path)
    largest = max(len(gzip.decompress(p.read_bytes())) for p in _shards(tmp_path).values())
    whole = len(load_cache.load(str(tmp_path)))
    monkeypatch.setattr(load_cache, "_MAX_SHARD", largest - 1)
    assert 0 < len(load_cache.load(str(tmp_path))) < whole
    read = _counting(monkeypatch)
    _same(fresh, _load(corpus, tmp_path))
    assert read  # the largest shard's files read again


@pytest.mark.unit
def test_the_key_is_of_the_content_not_of_the_name_or_time(tmp_path: Path) -> None:
    a = load_cache.key(b"---\nid: x\n---\n", None, "ctx")
    assert a == load_cache.key(b"---\nid: x\n---\n", None, "ctx")
    assert a != load_cache.key(b"---\nid: y\n---\n", None, "ctx")
    assert a != load_cache.key(b"---\nid: x\n---\n", b"", "ctx")  # an empty record is not no record
    assert a != load_cache.key(b"---\nid: x\n---\n", None, "ctx2")
    assert load_cache.key(b"ab", b"c", "") != load_cache.key(b"a", b"bc", "")


@pytest.mark.site  # starts git
def test_a_cache_folder_committed_to_git_is_recognised(tmp_path: Path) -> None:
    import subprocess

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    cache = tmp_path / ".cache" / "katalog"
    cache.mkdir(parents=True)
    (cache / "bodies.sqlite").write_bytes(b"x")
    assert load_cache.committed(cache) == []  # the build's own: untracked
    git("add", "-f", ".cache/katalog/bodies.sqlite")
    assert load_cache.committed(cache) == ["bodies.sqlite"]
    assert load_cache.committed(tmp_path / "tidak-ada") == []
    assert load_cache.committed(tmp_path.parent / "bukan-repositori-ini") == []


@pytest.mark.site
def test_a_build_never_reads_a_cache_folder_committed_to_git(tmp_path: Path, h: Any,
                                                             monkeypatch: pytest.MonkeyPatch,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    """A pull request can add `.cache/katalog/…` to the repository; its files would be read as
    the build's own (rendered bodies, the search analysis, what loading gave each file)."""
    import logging
    import subprocess

    from helpers import run_build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling")
    run_build(tmp_path)  # the build's own cache, untracked
    cache = tmp_path / ".cache" / "katalog"
    own = sorted(p.name for p in cache.iterdir())
    assert load_cache.FILE in own
    (shard,) = _shards(cache).values()
    subprocess.run(["git", "-C", str(tmp_path), "init", "-q"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "add", "-f", str(shard.relative_to(tmp_path))], check=True)
    planted = shard.read_bytes()
    with caplog.at_level(logging.WARNING):
        site = run_build(tmp_path)
    said = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("memuat 1 file yang tercatat di git" in m and "cache tidak dipakai" in m for m in said), said
    assert shard.read_bytes() == planted  # neither read nor rewritten
    assert (site / "inovasi" / "adminduk-keliling" / "index.html").is_file()


def _summary(path: Path) -> str:
    return next(line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("ringkasan:"))


def _set_summary(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(_summary(path), line, 1), encoding="utf-8")


@pytest.mark.unit
def test_the_copied_text_rule_s_findings_are_kept_by_pair_and_follow_either_entry(corpus: Path, tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule's finding for a replication and its origin is kept by both keys: a warm load
    compares no unchanged pair, and an edit of either entry (or a damaged file of findings)
    gives what a fresh load gives."""
    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    fresh = _load(work, None)
    replica = next(r for r in fresh.records.values()
                   if any(t in fresh.records and t != r.id for t in r.replicates))
    origin = fresh.records[next(t for t in replica.replicates if t in fresh.records and t != replica.id)]
    new = ('ringkasan: "Loket keliling melayani warga desa terpencil setiap pekan dengan petugas yang membawa '
           'perangkat rekam data sendiri."')
    other = 'ringkasan: "Warga memesan antrean lewat pesan singkat lalu datang tepat pada jam yang ditentukan petugas."'
    _set_summary(origin.path, new)
    _set_summary(replica.path, new)  # the origin's summary, word for word

    def found(catalogue: cat.Catalogue) -> list[Any]:
        return [d for d in catalogue.diagnostics if d.path == replica.display and "inovasi asal" in d.message]

    fresh = _load(work, None)
    assert [d.field for d in found(fresh)] == ["ringkasan"]
    _same(fresh, _load(work, cache))
    assert (cache / load_cache.COPIED).is_file()
    compared: list[int] = []
    real = cat.shared_shingles
    monkeypatch.setattr(cat, "shared_shingles", lambda *a: compared.append(1) or real(*a))
    _same(fresh, _load(work, cache))
    assert compared == []  # nothing changed: no pair compared again
    monkeypatch.undo()

    _set_summary(origin.path, other)  # the origin's summary changes: the replication's is its own now
    fresh = _load(work, None)
    assert found(fresh) == []
    _same(fresh, _load(work, cache))
    _set_summary(replica.path, other)  # and the replication then copies the new one
    fresh = _load(work, None)
    assert [d.field for d in found(fresh)] == ["ringkasan"]
    _same(fresh, _load(work, cache))

    for damage in (b"", b"{", b'{"format": 4, "pairs": {"a b": []}}', b'{"format": 4, "pairs": []}'):
        (cache / load_cache.COPIED).write_bytes(damage.replace(b"4", str(load_cache.FORMAT).encode()))
        _same(fresh, _load(work, cache))
    kept = load_cache.load_copied(str(cache))
    assert kept and any(kept.values())  # written whole again, the finding among it
    forged = {pair: [] for pair in kept}  # every pair "not copied", with the right keys: a cache
    (cache / load_cache.COPIED).write_bytes(  # is the build's own (see `committed`), so it is believed
        __import__("orjson").dumps({"format": load_cache.FORMAT, "pairs": forged}))
    assert found(_load(work, cache)) == []


@pytest.mark.unit
def test_a_reload_compares_only_the_pairs_of_the_edited_entry(corpus: Path, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """`mkdocs serve` after an edit (`catalogue.reload`) keeps the copied-text rule's findings of
    the pairs it did not touch, as a warm load does: an edit elsewhere compares no pair again (at
    32,000 entries, comparing every pair again cost each edit about 2 s), an edit of a replication
    compares its own pairs only, and what it finds is what a fresh load finds."""
    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    entries = work / "docs" / "innovations"
    sorted(entries.glob("*/*.md"))[3].unlink()  # the entry with an error: `reload` needs a valid catalogue
    loaded = _load(work, None)
    assert loaded.ok
    replica = next(r for r in loaded.records.values()
                   if r.is_published and any(t in loaded.records and t != r.id for t in r.replicates))
    origin = loaded.records[next(t for t in replica.replicates if t in loaded.records and t != replica.id)]
    linked = {replica.id, origin.id, *replica.replicates}
    bystander = next(r for r in loaded.records.values() if r.is_published and r.id not in linked
                     and not r.replicates and not loaded.replicas_of(r.id))
    assert len(loaded.copied) > 1
    compared: list[int] = []
    real = cat.shared_shingles
    monkeypatch.setattr(cat, "shared_shingles", lambda *a: compared.append(1) or real(*a))

    _set_summary(bystander.path, 'ringkasan: "Petugas datang ke rumah warga lanjut usia untuk merekam data '
                                 'kependudukan tanpa biaya."')
    again = cat.reload(loaded, [bystander.path], docs_dir=entries.parent)
    assert again is not None
    assert compared == []  # no pair of the bystander: none compared again
    assert again.catalogue.copied == loaded.copied

    _set_summary(replica.path, _summary(origin.path))  # the replication copies its origin's summary
    again = cat.reload(again.catalogue, [replica.path], docs_dir=entries.parent)
    assert again is None  # an error across entries: serve loads everything anew, which reports it
    by_reload = len(compared)
    fresh = _load(work, None)  # compares every pair
    copied = [d for d in fresh.diagnostics if d.path == replica.display and "inovasi asal" in d.message]
    assert [d.field for d in copied] == ["ringkasan"]
    assert 0 < by_reload < len(compared) - by_reload  # its own pairs' texts only, not every pair's


@pytest.mark.unit
def test_a_worker_sends_each_fresh_file_as_its_cache_line(corpus: Path, tmp_path: Path) -> None:
    """In a worker, a file the cache is to keep comes back as its line and body (`_Fresh`), not as
    its record; the record the parent makes from the line is the one made in place."""
    entries = corpus / "docs" / "innovations"
    jobs = [cat._Job(path, cat._source(path, entries.parent), TODAY, cat.Record, True, True, str(corpus / "verifikasi"),
                     cached=True, keyed=True) for path in find_entry_files([entries])]
    sent = cat._load_batch(jobs, lines=True)
    made = cat._load_batch(jobs, lines=False)
    fresh = [(job, result, there) for job, result, there in zip(jobs, sent, made, strict=True)
             if isinstance(result, cat._Fresh)]
    assert len(fresh) == len(jobs) - 1  # all but the broken one, which sends its diagnostics as before
    for job, result, there in fresh:
        assert cat._fresh_result(job, result) == there


@pytest.mark.unit
def test_a_record_is_parsed_from_the_bytes_its_key_hashes(corpus: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A verification record is read once, by the load cache's key: the lifecycle comes from the
    very bytes the key stands for (a record replaced between two reads cannot mix)."""
    fresh = _load(corpus, None)
    assert any(r.verifikasi.status != "diajukan" for r in fresh.records.values())

    def unread(*args: Any) -> Any:
        raise AssertionError("the record was read a second time")

    monkeypatch.setattr(cat, "read_record", unread)
    _same(fresh, _load(corpus, tmp_path / "cache"))


@pytest.mark.unit
def test_odd_records_say_the_same_whether_the_load_keys_them_or_not(corpus: Path, tmp_path: Path) -> None:
    """A record that is too large, a folder or a symlink gets the same diagnostics in a load with
    the cache (which reads records while keying them) as in `check_files` (which does not)."""
    from generator.verification import MAX_RECORD_BYTES

    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    records = work / "verifikasi"
    named = sorted(records.glob("*.yml"))
    big, folder, link = named[:3]
    big.write_text(big.read_text(encoding="utf-8") + "# " + "x" * MAX_RECORD_BYTES + "\n", encoding="utf-8")
    folder.unlink()
    folder.mkdir()
    link.unlink()
    link.symlink_to(named[3])
    entries = work / "docs" / "innovations"
    loaded = _load(work, tmp_path / "cache")
    checked = cat.check_files(find_entry_files([entries]), docs_dir=entries.parent, today=TODAY, records_dir=records)
    assert loaded.diagnostics == checked.diagnostics
    said = "\n".join(d.format() for d in loaded.diagnostics)
    assert all(path.name in said for path in (big, folder, link)), said


@pytest.mark.unit
def test_a_warm_load_of_a_file_that_is_not_utf8_says_what_a_cold_one_says(corpus: Path, tmp_path: Path) -> None:
    """The cache keeps an invalid file's diagnostics; a file that is not UTF-8 is one, and a warm
    load on both cores gives its diagnostic again (it raised UnicodeDecodeError, a traceback)."""
    from generator.machinery import cores

    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    broken = sorted((work / "docs" / "innovations").glob("*/*.md"))[7]
    broken.write_bytes(broken.read_bytes().replace(b"\n---\n", b"\n---\n\xff\n", 1))
    cold = _load(work, None)
    said = [d.format() for d in cold.diagnostics if broken.name in d.path]
    assert said and "UTF-8" in said[0]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cores, "PARALLEL_FROM", 10)
        _same(cold, _load(work, tmp_path / "cache", jobs=2))
        _same(cold, _load(work, tmp_path / "cache", jobs=2))
    _same(cold, _load(work, tmp_path / "cache"))


@pytest.mark.unit
@pytest.mark.parametrize("jobs", [1, 2])
def test_a_load_holds_one_shard_s_lines_at_a_time_and_writes_each_shard_when_its_files_are_done(
        corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """The load holds the cache's keys for the workers, but the lines of only the shard whose
    files it is making records of (read when it reaches them, let go after); an edited file's
    shard is written before the next shard's files are made, not after the whole load."""
    work = tmp_path / "katalog"
    shutil.copytree(corpus, work)
    cache = tmp_path / "cache"
    _load(work, cache)
    lines = {name: {line.split(b" ", 1)[0].decode() for line in _read(path)[1]}
             for name, path in _shards(cache).items()}
    entries = sorted((work / "docs" / "innovations").glob("*/*.md"))
    # In the first shard the load reaches. A shard is by the file's path, and the path holds the
    # test's own folder: which shard comes first differs from run to run.
    edited = min(entries, key=lambda p: load_cache.shard(str(p)))
    edited.write_text(edited.read_text(encoding="utf-8") + "\nSatu kalimat baru.\n", encoding="utf-8")
    first = load_cache.shard(str(edited))
    inode = _inodes(cache)[first]
    held: list[int] = []
    written: list[bool] = []
    real = cat._hit_result

    def watched(job: cat._Job, hit: cat._Hit) -> cat._Result:
        name = load_cache.shard(str(job.path))
        assert all(isinstance(key, str) for key in cat._KEPT) and not isinstance(cat._KEPT, dict)  # keys only
        assert set(cat._LINES) <= lines[name]  # no other shard's lines
        held.append(len(cat._LINES))
        if name != first:
            written.append(_inodes(cache)[first] != inode)
        return real(job, hit)

    monkeypatch.setattr(cat, "_hit_result", watched)
    monkeypatch.setattr(cores, "PARALLEL_FROM", 0)  # jobs=2: forked workers, however few the files
    _same(_load(work, None), _load(work, cache, jobs=jobs))
    assert len(held) == len(entries) - 1  # every file but the edited one a hit
    assert max(held) <= max(len(keys) for keys in lines.values()) < len(entries) // 4
    assert written and all(written)  # the edited file's shard written before the next shard's files
    assert _inodes(cache)[first] != inode


@pytest.mark.unit
def test_a_shard_replaced_after_its_keys_were_read_is_no_cache_for_its_files(corpus: Path, tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Another build may replace a shard between the load reading its keys and its lines: the
    files whose lines it no longer has are read again, and the records are as a fresh load's."""
    fresh = _load(corpus, None)
    _load(corpus, tmp_path)
    name, path = next(iter(_shards(tmp_path).items()))
    real = load_cache.load

    def then_damaged(folder: str | None) -> load_cache.Kept:
        kept = real(folder)
        path.write_bytes(path.read_bytes()[:-9])  # cut short once its keys are read
        return kept

    monkeypatch.setattr(load_cache, "load", then_damaged)
    read = _counting(monkeypatch)
    _same(fresh, _load(corpus, tmp_path))
    ids = {p.stem for p in find_entry_files([corpus / "docs" / "innovations"]) if load_cache.shard(str(p)) == name}
    assert ids and sorted(read) == sorted(ids)  # that shard's files only, read again
    monkeypatch.setattr(load_cache, "load", real)
    assert len(_read(path)[1]) == len(ids)  # and the shard written whole again
