"""The benchmark corpus: deterministic, valid, realistic enough to measure the real thing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from bench.corpus import MARKER, TODAY, generate, words
from generator import vocabulary as vocab
from generator.model import Entry

N = 300
REPO = Path(__file__).resolve().parent.parent
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split(path: Path) -> tuple[dict, str]:
    """Front matter (between the first two `---` lines) and body of one entry file."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    assert lines[0] == "---", path
    end = lines.index("---", 1)
    return yaml.load("\n".join(lines[1:end]), Loader=_Loader), "\n".join(lines[end + 1 :])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    out = tmp_path_factory.mktemp("corpus") / "c"
    return out, generate(out, N, seed=0)


@pytest.fixture(scope="module")
def entries(corpus: tuple[Path, list[Path]]) -> dict[str, tuple[Path, dict, str]]:
    _, paths = corpus
    return {p.stem: (p, *split(p)) for p in paths}


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.unit
def test_same_n_and_seed_give_byte_identical_files(corpus, tmp_path):
    out, _ = corpus
    again = tmp_path / "again"
    generate(again, N, seed=0)
    assert tree(again) == tree(out)


@pytest.mark.unit
def test_another_seed_gives_another_corpus(corpus, tmp_path):
    out, _ = corpus
    other = tmp_path / "other"
    generate(other, N, seed=1)
    assert tree(other) != tree(out)


@pytest.mark.unit
def test_writes_n_entry_files_in_province_folders(corpus, entries):
    out, paths = corpus
    assert len(paths) == N
    assert sorted(paths) == sorted(out.glob("*/*.md"))
    assert len(entries) == N  # ids (file stems) are unique
    for path, data, _ in entries.values():
        assert path.parent.name == data["wilayah"]["provinsi"]
        assert path.parent.parent == out


def katalog_validate(path: Path) -> subprocess.CompletedProcess[str]:
    """The real `katalog validate`, run outside the repository so only this corpus is checked."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(path)], cwd=path.parent,
                          env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.site
def test_katalog_validate_accepts_the_whole_corpus(corpus):
    out, _ = corpus
    result = katalog_validate(out)
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert result.returncode == 0 and not errors, (result.returncode, errors[:10], result.stderr[-2000:])
    assert f"{N} file valid" in result.stderr


@pytest.mark.site
def test_katalog_validate_would_catch_a_broken_entry(corpus, tmp_path):
    """The check above is honest: one bad value in a copy of the corpus makes the command fail."""
    out, paths = corpus
    copy = tmp_path / "broken"
    shutil.copytree(out, copy)
    victim = copy / paths[7].relative_to(out)
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("\nstatus: ", "\nstatus: Aktif\nstatu: ", 1), encoding="utf-8")
    result = katalog_validate(copy)
    assert result.returncode == 1, result.stdout[-2000:]
    assert victim.name in result.stdout


@pytest.mark.unit
def test_every_entry_is_valid_against_the_model(entries):
    problems = {}
    for entry_id, (_, data, _) in entries.items():
        try:
            Entry.model_validate(data)
        except Exception as exc:  # collect every failure for one readable report
            problems[entry_id] = str(exc)
    assert not problems, "\n".join(f"{k}: {v}" for k, v in list(problems.items())[:5])


@pytest.mark.unit
def test_cross_field_rules_hold(entries):
    for entry_id, (path, data, _) in entries.items():
        t = data["tanggal"]
        dates = [t["mulai"], t.get("penerapan"), t.get("berhenti")]
        present = [d for d in dates if d is not None]
        assert present == sorted(present), entry_id
        assert all(d <= TODAY for d in present) and data["diperbarui"] <= TODAY, entry_id
        assert ("penerapan" in t) == (data["tahapan"] == "penerapan"), entry_id
        assert ("berhenti" in t) == (data["status"] == "berhenti"), entry_id
        w, jenis = data["wilayah"], data["instansi"]["jenis"]
        if jenis in ("pemkab", "pemkot"):
            assert w["kabupaten_kota"].startswith("Kabupaten " if jenis == "pemkab" else "Kota "), entry_id
        if jenis in ("kementerian", "lembaga", "bumn"):
            assert w["provinsi"] == "nasional" and "kode" not in w, entry_id
        if "kode" in w:
            assert w["kode"][:2] == vocab.KODE_PROVINSI[w["provinsi"]], entry_id
        for h in data.get("hasil") or []:
            for side in ("sebelum", "sesudah"):
                if h.get(side, {}).get("tanggal"):
                    assert h[side]["tanggal"] <= TODAY, entry_id
        if data.get("gambar"):
            assert (path.parent / data["gambar"]).is_file(), entry_id


@pytest.mark.unit
def test_replications_point_to_earlier_published_entries(entries):
    order = {entry_id: int(entry_id.rsplit("-", 1)[1]) for entry_id in entries}
    replicas = 0
    for entry_id, (_, data, _) in entries.items():
        for item in data.get("replikasi_dari") or []:
            if "inovasi" in item:
                replicas += 1
                original = item["inovasi"]
                assert original in entries and original != entry_id
                assert order[original] < order[entry_id]  # earlier: no cycles
                assert not entries[original][1].get("draf")
                assert entries[original][1]["instansi"]["nama"] != data["instansi"]["nama"]
                assert data["kebaruan"]["jenis"] == "modifikasi"
    assert 0.05 * N < replicas < 0.16 * N
    drafts = sum(1 for _, data, _ in entries.values() if data.get("draf"))
    assert 0 < drafts < 0.06 * N


@pytest.mark.unit
def test_bodies_are_600_to_1200_words_of_markdown(entries):
    for entry_id, (_, _, body) in entries.items():
        assert 600 <= words(body) <= 1200, (entry_id, words(body))
        for heading in ("## Latar Belakang", "## Inovasi", "## Hasil dan Dampak", "## Cara Mereplikasi"):
            assert f"\n{heading}\n" in f"\n{body}", (entry_id, heading)
        assert "\n- " in body and "**" in body and "](http" in body, entry_id
    assert any("\n| Indikator |" in body for _, _, body in entries.values())


@pytest.mark.unit
def test_the_corpus_covers_every_key_and_every_closed_vocabulary(entries, tmp_path):
    keys = set().union(*(data for _, data, _ in entries.values()))
    assert keys == set(Entry.model_fields)
    seen: dict[str, set] = {}

    def walk(value, key=""):
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}" if key else k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        else:
            seen.setdefault(key, set()).add(value)

    for path in generate(tmp_path / "c2000", 2000, seed=0):
        walk(split(path)[0])
    for key, allowed in {
        "instansi.jenis": vocab.JENIS_INSTANSI, "tahapan": vocab.TAHAPAN, "status": vocab.STATUS, "jenis": vocab.JENIS,
        "bentuk": vocab.BENTUK, "urusan": vocab.URUSAN, "kebaruan.jenis": vocab.JENIS_KEBARUAN,
        "evaluasi.jenis": vocab.JENIS_EVALUASI, "manfaat.dasar": vocab.DASAR_MANFAAT,
        "panduan_replikasi.bentuk": vocab.BENTUK_PANDUAN, "keberlanjutan.dasar_hukum.jenis": vocab.JENIS_DASAR_HUKUM,
        "penghargaan.ajang": vocab.AJANG, "area_perubahan": vocab.AREA_PERUBAHAN,
        "nilai_berakhlak": vocab.NILAI_BERAKHLAK, "wilayah.provinsi": vocab.PROVINSI,
    }.items():
        assert seen[key] == set(allowed), key
    assert seen["sdgs"] == set(range(1, 18))


@pytest.mark.unit
def test_all_provinces_are_covered(tmp_path):
    paths = generate(tmp_path / "c400", 400, seed=3)
    assert {p.parent.name for p in paths} == set(vocab.PROVINSI)


@pytest.mark.unit
def test_an_existing_corpus_is_reused_and_a_foreign_directory_is_refused(tmp_path):
    out = tmp_path / "c"
    first = generate(out, 40, seed=0)
    stamp = first[0].stat().st_mtime_ns
    os.utime(first[0], ns=(stamp - 10**9, stamp - 10**9))
    assert generate(out, 40, seed=0) == first
    assert first[0].stat().st_mtime_ns == stamp - 10**9  # not rewritten
    assert len(generate(out, 41, seed=0)) == 41  # another size replaces the old corpus
    assert len(list(out.glob("*/*.md"))) == 41
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("milik orang lain")
    with pytest.raises(FileExistsError):
        generate(foreign, 10)
    assert (foreign / "keep.txt").exists() and not (foreign / MARKER).exists()


@pytest.mark.unit
def test_nothing_depends_on_the_clock():
    assert TODAY == date(2026, 11, 1)


@pytest.mark.site  # the bench builds the corpus with MkDocs (its own and ours), in a subprocess
def test_the_benchmark_runs_end_to_end_on_a_small_corpus():
    # The real commands on a small corpus, so that `make bench` cannot break unseen (a failed
    # build fails the run rather than print a figure that measures nothing).
    done = subprocess.run([sys.executable, "-m", "bench.run", "--n", "60", "--skip-peer", "--repeat", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "ours: mkdocs build (cold)" in done.stdout and "EXIT" not in done.stdout
