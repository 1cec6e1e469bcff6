"""The `katalog` command as authors and CI use it: exit codes, output formats, one file checked
against the whole catalogue, the schema and the vocabularies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import EPOCH

from generator.cli import main
from generator.diagnostics import Diagnostic, format_github

KATALOG = Path(sys.executable).with_name("katalog")
JATIM = "content/innovations/jawa-timur"
STATUS_ERROR = ("12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', bukan 'Aktif' "
                "(maksud Anda 'aktif'?)")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh repository checkout as the working directory: `content/innovations/` is the
    catalogue `katalog validate` finds by itself. Today is fixed by SOURCE_DATE_EPOCH."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "content" / "innovations").mkdir(parents=True)
    return Path("content")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- exit codes -------------------------------------------------------------------------------------


@pytest.mark.unit
def test_valid_file_exits_0(repo, write_entry, capsys):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling")
    assert run(capsys, "validate", str(path)) == (0, "", "✓ 1 file valid.\n")


@pytest.mark.unit
def test_invalid_file_exits_1_with_the_place_of_the_mistake(repo, write_entry, capsys):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling", status="Aktif")
    assert run(capsys, "validate", str(path)) == (
        1, f"{JATIM}/adminduk-keliling.md:{STATUS_ERROR}\n", "✗ 1 galat di 1 dari 1 file, 0 peringatan.\n"
    )


@pytest.mark.unit
def test_warnings_alone_exit_0(repo, write_entry, capsys):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling", diperbarui="2025-01-01", body="")
    code, out, err = run(capsys, "validate", str(path))
    assert code == 0
    assert out.splitlines() == [
        f"{JATIM}/adminduk-keliling.md:1:1: warning: isi entri masih kosong: tulis Latar Belakang, Inovasi, "
        "Hasil dan Dampak, Cara Mereplikasi",
        f"{JATIM}/adminduk-keliling.md:21:13: warning: diperbarui: data terakhir diperbarui 2025-01-01, lebih "
        "dari 12 bulan lalu: periksa datanya, lalu perbarui tanggal ini",
    ]
    assert err == "✓ 1 file valid, 2 peringatan.\n"


@pytest.mark.unit
def test_the_whole_catalogue_by_default(repo, write_entry, capsys):
    write_entry(repo, "jawa-timur", "satu")
    write_entry(repo, "bali", "dua")
    assert run(capsys, "validate") == (0, "", "✓ 2 file valid.\n")


@pytest.mark.unit
@pytest.mark.parametrize(
    "argv",
    [["validate", "--tidak-ada"], ["validate", "--format", "xml"], ["tidak-ada"], ["validate", "--jobs", "dua"]],
    ids=["unknown-option", "bad-format", "unknown-command", "jobs-not-a-number"],
)
def test_wrong_usage_exits_2(repo, capsys, argv):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    # argparse's own words are English: the command says them in Indonesian.
    assert "penggunaan: katalog" in err and ": galat: " in err
    assert not any(word in err for word in ("usage:", "error:", "invalid", "unrecognized", "required"))


@pytest.mark.unit
@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "tidak-ada.md"], "katalog: tidak ditemukan: tidak-ada.md\n"),
        (["validate", "a.md", "b.md"], "katalog: tidak ditemukan: a.md, b.md\n"),
        (["validate", "--katalog", "tidak-ada", "content"], "katalog: folder katalog tidak ditemukan: tidak-ada\n"),
        (["validate", "--jobs", "0", "content"], "katalog: --jobs harus ≥ 1\n"),
        (["kosakata", "warna"], "katalog: kosakata 'warna' tidak dikenal; pilihan: provinsi, urusan, area_perubahan, "
                                "nilai_berakhlak, jenis_instansi, tahapan, status, jenis, bentuk, jenis_kebaruan, "
                                "jenis_evaluasi, dasar_manfaat, bentuk_panduan, jenis_dasar_hukum, ajang\n"),
    ],
    ids=["missing-path", "two-missing-paths", "missing-catalogue", "no-jobs", "unknown-vocabulary"],
)
def test_usage_errors_exit_2_with_one_line(repo, capsys, argv, message):
    assert run(capsys, *argv) == (2, "", message)


@pytest.mark.unit
def test_no_command_prints_help_and_exits_2(repo, capsys):
    code, out, _ = run(capsys)
    assert code == 2
    assert "validate" in out


@pytest.mark.unit
@pytest.mark.parametrize("value", ["kemarin", "1.5", "-1", "99999999999999999999"])
def test_bad_source_date_epoch_exits_2(repo, write_entry, capsys, monkeypatch, value):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    code, out, err = run(capsys, "validate", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"katalog: SOURCE_DATE_EPOCH={value[:40]!r} tidak sah")


@pytest.mark.unit
def test_source_date_epoch_is_today(repo, write_entry, capsys, monkeypatch):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling", diperbarui="2026-06-03")
    code, out, _ = run(capsys, "validate", str(path))
    assert code == 1
    assert "tanggal 2026-06-03 ada di masa depan (hari ini 2026-06-02)" in out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    assert run(capsys, "validate", str(path))[0] == 0


# --- all errors of all files, in one run ------------------------------------------------------------


@pytest.mark.unit
def test_two_bad_files_are_both_reported(repo, write_entry, capsys):
    one = write_entry(repo, "jawa-timur", "satu", status="Aktif")
    two = write_entry(repo, "bali", "dua", judul="KTP")
    code, out, err = run(capsys, "validate", str(one), str(two))
    assert code == 1
    assert out.splitlines() == [
        "content/innovations/bali/dua.md:2:8: error: judul: terlalu pendek: minimal 5 karakter, sekarang 3",
        f"{JATIM}/satu.md:{STATUS_ERROR}",
    ]
    assert err == "✗ 2 galat di 2 dari 2 file, 0 peringatan.\n"


@pytest.mark.unit
def test_broken_yaml_and_a_wrong_value_in_two_files(repo, write_entry, capsys):
    write_entry(repo, "jawa-timur", "rusak", text="---\njudul: 'Adminduk\n---\n")
    write_entry(repo, "jawa-timur", "salah", status="Aktif")
    code, out, _ = run(capsys, "validate", str(repo))
    assert code == 1
    assert out.splitlines() == [
        f"{JATIM}/rusak.md:2:8: error: YAML tidak sah: tanda kutip ini tidak ditutup (found unexpected end of stream)",
        f"{JATIM}/salah.md:{STATUS_ERROR}",
    ]


# --- one file of a pull request, checked against the whole catalogue -------------------------------------


@pytest.fixture
def catalogue(repo: Path, write_entry) -> Path:
    write_entry(repo, "nasional", "mal-pelayanan-publik", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian")
    write_entry(repo, "bali", "rusak", status="Aktif")  # another file's problem: not this pull request's
    return repo / "innovations"


@pytest.mark.unit
def test_one_file_is_checked_against_the_catalogue_and_only_its_problems_shown(catalogue, write_entry, capsys):
    path = write_entry(catalogue.parent, "jawa-timur", "mpp-tulungagung",
                       replikasi_dari="\n  - inovasi: mal-pelayanan-publik")
    assert run(capsys, "validate", str(path), "--katalog", str(catalogue)) == (0, "", "✓ 1 file valid.\n")


@pytest.mark.unit
def test_one_file_replicating_a_missing_entry(catalogue, write_entry, capsys):
    path = write_entry(catalogue.parent, "jawa-timur", "mpp-tulungagung",
                       replikasi_dari="\n  - inovasi: mal-pelayanan-publk")
    code, out, _ = run(capsys, "validate", str(path), "--katalog", str(catalogue))
    assert code == 1
    assert out == (f"{JATIM}/mpp-tulungagung.md:23:14: error: replikasi_dari[0].inovasi: inovasi "
                   "'mal-pelayanan-publk' tidak ada di katalog (maksud Anda 'mal-pelayanan-publik'?)\n")


@pytest.mark.unit
def test_one_file_whose_id_is_taken(catalogue, write_entry, capsys):
    path = write_entry(catalogue.parent, "jawa-timur", "mal-pelayanan-publik")
    code, out, _ = run(capsys, "validate", str(path), "--katalog", str(catalogue))
    assert code == 1
    assert out == (f"{JATIM}/mal-pelayanan-publik.md:1:1: error: id 'mal-pelayanan-publik' juga dipakai oleh "
                   "content/innovations/nasional/mal-pelayanan-publik.md; nama file harus unik di seluruh katalog\n")


@pytest.mark.unit
def test_the_catalogue_folder_is_found_without_katalog_option(catalogue, write_entry, capsys):
    path = write_entry(catalogue.parent, "jawa-timur", "mpp-tulungagung",
                       replikasi_dari="\n  - inovasi: mal-pelayanan-publik")
    assert run(capsys, "validate", str(path))[0] == 0


@pytest.mark.unit
def test_one_file_given_as_an_absolute_path(catalogue, write_entry, capsys):
    path = write_entry(catalogue.parent, "jawa-timur", "mpp-tulungagung", replikasi_dari="\n  - inovasi: x-y")
    code, out, _ = run(capsys, "validate", str(path.resolve()), "--katalog", str(catalogue.resolve()))
    assert code == 1
    assert out.startswith(f"{JATIM}/mpp-tulungagung.md:23:14: error: ")


@pytest.mark.unit
def test_the_whole_catalogue_reports_every_file(catalogue, capsys):
    code, out, _ = run(capsys, "validate", "--katalog", str(catalogue))
    assert code == 1
    assert out == f"content/innovations/bali/rusak.md:{STATUS_ERROR}\n"


# --- --format github ------------------------------------------------------------------------------------


@pytest.mark.unit
def test_github_format_annotates_and_writes_the_step_summary(repo, write_entry, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("# Sebelumnya\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_entry(repo, "jawa-timur", "salah", status="Aktif")
    write_entry(repo, "jawa-timur", "lama", diperbarui="2025-01-01")
    code, out, err = run(capsys, "validate", "--format", "github")
    assert (code, err) == (1, "")
    bad, old = f"{JATIM}/salah.md", f"{JATIM}/lama.md"
    assert out.splitlines() == [
        f"::warning file={old},line=21,col=13,title=diperbarui::{old}:21:13: warning: diperbarui: data terakhir "
        "diperbarui 2025-01-01, lebih dari 12 bulan lalu: periksa datanya, lalu perbarui tanggal ini",
        f"::error file={bad},line=12,col=9,title=status::{bad}:{STATUS_ERROR}",
    ]
    assert summary.read_text(encoding="utf-8") == (
        "# Sebelumnya\n"  # appended, never overwritten: other steps write there too
        "## Validasi katalog inovasi\n\n"
        "❌ 2 file diperiksa: 1 galat, 1 peringatan.\n\n"
        "| File | Baris | Kolom | Jenis | Bidang | Pesan |\n"
        "|---|---|---|---|---|---|\n"
        f"| {old} | 21 | 13 | peringatan | diperbarui | data terakhir diperbarui 2025-01-01, lebih dari 12 bulan "
        "lalu: periksa datanya, lalu perbarui tanggal ini |\n"
        f"| {bad} | 12 | 9 | galat | status | harus salah satu dari 'aktif' \\| 'berhenti', bukan 'Aktif' "
        "(maksud Anda 'aktif'?) |\n"
    )


@pytest.mark.unit
def test_github_format_on_a_valid_catalogue(repo, write_entry, capsys, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    write_entry(repo, "jawa-timur", "adminduk-keliling")
    assert run(capsys, "validate", "--format", "github") == (0, "", "")
    assert summary.read_text(encoding="utf-8") == "## Validasi katalog inovasi\n\n✅ 1 file diperiksa: semua valid.\n"


@pytest.mark.unit
def test_github_format_without_a_step_summary(repo, write_entry, capsys):
    path = write_entry(repo, "jawa-timur", "adminduk-keliling", judul="KTP")
    code, out, _ = run(capsys, "validate", "--format", "github", str(path))
    assert code == 1
    assert out.startswith("::error file=content/innovations/jawa-timur/adminduk-keliling.md,line=2,col=8,title=judul::")


@pytest.mark.unit
def test_github_annotation_escapes_what_would_break_the_command():
    diag = Diagnostic("a,b:c.md", 3, 4, "error", "", "50% selesai\nbaris dua")
    assert format_github(diag) == (
        "::error file=a%2Cb%3Ac.md,line=3,col=4,title=entri::a,b:c.md:3:4: error: 50%25 selesai\\x0abaris dua"
    )


# --- --format json ----------------------------------------------------------------------------------------


@pytest.mark.unit
def test_json_format(repo, write_entry, capsys):
    one = write_entry(repo, "jawa-timur", "satu", status="Aktif")
    two = write_entry(repo, "jawa-timur", "dua", body="")
    code, out, err = run(capsys, "validate", "--format", "json", str(one), str(two))
    assert (code, err) == (1, "")
    assert json.loads(out) == [
        {"path": f"{JATIM}/dua.md", "line": 1, "col": 1, "severity": "warning", "field": "",
         "message": "isi entri masih kosong: tulis Latar Belakang, Inovasi, Hasil dan Dampak, Cara Mereplikasi"},
        {"path": f"{JATIM}/satu.md", "line": 12, "col": 9, "severity": "error", "field": "status",
         "message": "harus salah satu dari 'aktif' | 'berhenti', bukan 'Aktif' (maksud Anda 'aktif'?)"},
    ]


@pytest.mark.unit
def test_json_format_of_a_valid_file_is_an_empty_list(repo, write_entry, capsys):
    path = write_entry(repo, "jawa-timur", "satu")
    code, out, _ = run(capsys, "validate", "--format", "json", str(path))
    assert (code, json.loads(out)) == (0, [])


# --- katalog badges ------------------------------------------------------------------------------------------


def _replication_catalogue(repo: Path, write_entry) -> None:
    """An origin replicated by two entries of one agency, one of another (also named, with proof, in
    `replikasi_oleh`), and a draft, which does not count. The replications carry evidence of their
    own (an evaluation with its link), without which they would not count either."""
    write_entry(repo, "nasional", "asal", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian",
                replikasi_oleh="\n  - instansi: pemerintah kabupaten  badung\n    tahun: 2024\n"
                               "    bukti: https://badungkab.go.id/pks\n"
                               "  - instansi: Pemerintah Kabupaten Gianyar\n    tahun: 2024\n"
                               "    bukti: https://gianyarkab.go.id/mou\n"
                               "  - instansi: Pemerintah Kota Denpasar\n    tahun: 2025")
    replica = "\n  - inovasi: asal"
    proof = "\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n    tautan: https://contoh.go.id/monev"

    def own(name: str) -> dict[str, str]:  # a replication tells its own story (validation insists)
        return {"evaluasi": proof, "ringkasan": f"Replikasi {name} berupa layanan keliling dengan petugas kecamatan.",
                "masalah": f"Warga {name} yang jauh dari kantor dinas sulit mengurus dokumen kependudukan."}

    write_entry(repo, "jawa-timur", "tiru-a", replikasi_dari=replica, **own("tiru-a"))
    write_entry(repo, "jawa-timur", "tiru-b", replikasi_dari=replica, **own("tiru-b"))  # the same agency as tiru-a
    write_entry(repo, "bali", "tiru-bali", replikasi_dari=replica, **own("tiru-bali"),
                instansi="\n  nama: Pemerintah Kabupaten Badung\n  jenis: pemkab")
    write_entry(repo, "aceh", "tiru-draf", replikasi_dari=replica, draf="true", **own("tiru-draf"),
                instansi="\n  nama: Pemerintah Kabupaten Aceh Besar\n  jenis: pemkab")


def _expected_badges(repo: Path) -> list[dict]:
    """The badges computed the other way: whole models, the replication index, `assess`."""
    from helpers import replication_index

    from generator.catalogue import load_catalogue
    from generator.clock import today
    from generator.criteria import assess

    catalogue = load_catalogue(repo / "innovations", jobs=1)
    index = replication_index((i, r.entry) for i, r in catalogue.records.items())
    return [assess(r.entry, replicated_by=index.get(i, []), today=today()).to_json(i)
            for i, r in catalogue.records.items()]


@pytest.mark.unit
def test_badges_json_counts_catalogue_replications_once_per_agency(repo, write_entry, capsys):
    _replication_catalogue(repo, write_entry)
    code, out, err = run(capsys, "badges", "--format", "json")
    assert (code, err) == (0, "")
    printed = json.loads(out)
    assert [b["id"] for b in printed] == ["asal", "tiru-a", "tiru-b", "tiru-bali", "tiru-draf"]
    asal = printed[0]
    assert set(asal) == {"id", "kriteria", "lengkap", "skor"}
    assert list(asal["kriteria"]) == ["kebaruan", "efektif", "bermanfaat", "dapat_ditransfer", "berkelanjutan"]
    # Tulungagung (two entries), Badung (an entry, and named again in replikasi_oleh) and Gianyar
    # (replikasi_oleh with proof); Denpasar has no proof, and the level is already the highest.
    # Badung and Gianyar are named by the origin with their agreements: both sides; Tulungagung's
    # entries only claim it (the origin confirms neither).
    assert asal["kriteria"]["dapat_ditransfer"] == {"level": 3, "nama_level": "bukti sangat kuat", "kurang": [], "alasan": [
        "Direplikasi oleh 3 instansi lain: Pemerintah Kabupaten Tulungagung, Pemerintah Kabupaten Badung dan "
        "Pemerintah Kabupaten Gianyar (jalur replikasi: bukti sangat kuat)",
        "2 dari 3 replikasi yang dihitung dikonfirmasi kedua pihak; yang baru diklaim instansi yang mereplikasi: "
        "Pemerintah Kabupaten Tulungagung"]}
    assert asal["skor"] == sum(b["level"] for b in asal["kriteria"].values())
    assert printed == _expected_badges(repo)


@pytest.mark.unit
def test_badges_of_a_parallel_load_are_those_of_a_serial_one(repo, write_entry, capsys, monkeypatch):
    from generator import catalogue as catalogue_module
    from generator.machinery import cores as parallel_module

    _replication_catalogue(repo, write_entry)
    for index in range(40):
        write_entry(repo, "jawa-barat" if index % 2 else "bali", f"isi-{index}",
                    replikasi_dari="\n  - inovasi: asal" if index % 5 == 0 else None,
                    status="berhenti" if index % 7 == 0 else "aktif",
                    tanggal="\n  mulai: 2020-01-15\n  penerapan: 2020-06-01"
                    + ("\n  berhenti: 2024-01-01" if index % 7 == 0 else ""))
    serial = run(capsys, "badges", "--format", "json", "--jobs", "1")
    monkeypatch.setattr(parallel_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(catalogue_module, "_BADGE_BATCH", 3)  # batches end mid-slice
    parallel = run(capsys, "badges", "--format", "json", "--jobs", "2")
    assert serial[0] == 0, serial[2]
    assert parallel == serial
    assert json.loads(serial[1]) == _expected_badges(repo)


@pytest.mark.unit
def test_badges_text_shows_levels_reasons_and_hints(repo, write_entry, capsys):
    _replication_catalogue(repo, write_entry)
    code, out, _ = run(capsys, "badges", "content/innovations/nasional/asal.md")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "content/innovations/nasional/asal.md  (asal)"
    assert lines[1].startswith("  skor ")
    assert "  Dapat Ditransfer   level 3 · bukti sangat kuat" in lines
    assert ("      ✓ Direplikasi oleh 3 instansi lain: Pemerintah Kabupaten Tulungagung, Pemerintah Kabupaten "
            "Badung dan Pemerintah Kabupaten Gianyar (jalur replikasi: bukti sangat kuat)") in lines
    assert "  Efektif            level 0 · belum ada bukti" in lines
    assert ("      + Tambahkan indikator hasil dengan nilai dan tanggal sebelum dan sesudah serta sumber datanya "
            "untuk naik ke level 1") in lines
    assert [line for line in lines if line and not line.startswith(" ")] == [lines[0]]  # only the one file


@pytest.mark.unit
def test_badges_of_an_invalid_file_exit_1_and_name_the_mistake(repo, write_entry, capsys):
    good = write_entry(repo, "jawa-timur", "baik")
    bad = write_entry(repo, "jawa-timur", "salah", status="Aktif")
    code, out, err = run(capsys, "badges", "--format", "json", str(good), str(bad))
    assert code == 1
    assert [b["id"] for b in json.loads(out)] == ["baik"]
    assert err == f"{JATIM}/salah.md:{STATUS_ERROR}\n"


# --- schema and vocabularies --------------------------------------------------------------------------------


@pytest.mark.unit
def test_schema_is_generated_from_the_model(capsys):
    code, out, _ = run(capsys, "schema")
    schema = json.loads(out)
    assert code == 0
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["status"]["enum"] == ["aktif", "berhenti"]
    assert schema["additionalProperties"] is False
    assert {"judul", "ringkasan", "instansi", "wilayah", "tahapan", "status", "tanggal", "jenis", "bentuk", "urusan",
            "masalah", "diperbarui"} <= set(schema["required"])


@pytest.mark.unit
def test_kosakata_provinsi_lists_38_provinces_and_nasional(capsys):
    code, out, _ = run(capsys, "kosakata", "provinsi")
    slugs = [line.split("\t")[0] for line in out.splitlines()]
    assert code == 0
    assert len(slugs) == 39
    assert len(set(slugs)) == 39
    assert slugs[0] == "aceh"
    assert {"jawa-timur", "papua-barat-daya", "nasional"} <= set(slugs)
    assert out.splitlines()[0] == "aceh\tAceh"


@pytest.mark.unit
def test_kosakata_without_a_name_lists_the_vocabularies(capsys):
    code, out, _ = run(capsys, "kosakata")
    assert code == 0
    assert "provinsi (39 pilihan)" in out.splitlines()
    assert "status (2 pilihan)" in out.splitlines()


# --- the installed command, as CI runs it ---------------------------------------------------------------------


def _katalog(*argv: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("GITHUB_STEP_SUMMARY", "SOURCE_DATE_EPOCH")}
    environ.update({"SOURCE_DATE_EPOCH": EPOCH, "PYTHONIOENCODING": "utf-8"}, **env)
    return subprocess.run([str(KATALOG), *argv], cwd=cwd, env=environ, capture_output=True, text=True,
                          encoding="utf-8", timeout=60, check=False)


@pytest.mark.site
def test_installed_command_end_to_end(tmp_path, write_entry):
    root = tmp_path / "content"
    write_entry(root, "jawa-timur", "baik")
    write_entry(root, "jawa-timur", "salah", status="Aktif")
    (root / "innovations" / "jawa-timur" / "latin1.md").write_bytes(b"---\njudul: Caf\xe9\n---\n")

    done = _katalog("validate", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.splitlines() == [
        f"{JATIM}/latin1.md:2:11: error: file bukan teks UTF-8; simpan ulang file dengan encoding UTF-8",
        f"{JATIM}/salah.md:{STATUS_ERROR}",
    ]
    assert done.stderr == "✗ 2 galat di 2 dari 3 file, 0 peringatan.\n"
    assert "Traceback" not in done.stderr

    valid = _katalog("validate", f"{JATIM}/baik.md", cwd=tmp_path)
    assert (valid.returncode, valid.stdout, valid.stderr) == (0, "", "✓ 1 file valid.\n")

    usage = _katalog("validate", "--tidak-ada", cwd=tmp_path)
    assert usage.returncode == 2
    assert "Traceback" not in usage.stderr

    epoch = _katalog("validate", cwd=tmp_path, SOURCE_DATE_EPOCH="kemarin")
    assert epoch.returncode == 2
    assert epoch.stderr.startswith("katalog: SOURCE_DATE_EPOCH='kemarin' tidak sah")
    assert "Traceback" not in epoch.stderr


# --- badges: what is missing, as keys and snippets; level names ---------------------------------------


@pytest.mark.unit
def test_badges_text_prints_each_missing_key_and_its_snippet(repo, write_entry, capsys):
    write_entry(repo, "jawa-timur", "satu", hasil="\n  - indikator: Waktu tunggu\n    sebelum: {nilai: 5}\n"
                                              "    sesudah: {nilai: 1, tanggal: 2024-01-01}\n    sumber: SIAK")
    code, out, _ = run(capsys, "badges", "content/innovations/jawa-timur/satu.md")
    assert code == 0
    lines = out.splitlines()
    hint = lines.index("      + Lengkapi indikator “Waktu tunggu” dengan tanggal pengukuran sebelum untuk naik ke level 1")
    assert lines[hint + 1:hint + 6] == [
        "        kunci: hasil[].sebelum.tanggal",
        "          hasil:",
        "            - indikator: Waktu tunggu",
        "              sebelum:",
        "                tanggal: 2023-01-01",
    ]
    assert "        kunci: keberlanjutan.anggaran" in lines
    assert "  Kebaruan           level 0 · belum ada bukti" in lines
    assert not any("/3" in line for line in lines)


@pytest.mark.unit
def test_badges_json_carries_keys_snippets_and_level_names(repo, write_entry, capsys):
    import yaml

    write_entry(repo, "jawa-timur", "satu")
    code, out, _ = run(capsys, "badges", "--format", "json")
    assert code == 0
    (satu,) = json.loads(out)
    for badge in satu["kriteria"].values():
        assert badge["nama_level"]
        for item in badge["kurang"]:
            assert set(item) == {"teks", "kunci", "contoh"}
            assert item["kunci"] and isinstance(yaml.safe_load(item["contoh"]), dict)
    manfaat = satu["kriteria"]["bermanfaat"]
    assert (manfaat["nama_level"], manfaat["kurang"][0]["kunci"]) == ("belum ada bukti", "manfaat")


@pytest.mark.unit
def test_badges_text_says_why_a_replication_is_not_counted_yet(repo, write_entry, capsys):
    write_entry(repo, "nasional", "asal", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian")
    write_entry(repo, "di-yogyakarta", "tiru-sleman", replikasi_dari="\n  - inovasi: asal",
                instansi="\n  nama: Pemkab Sleman\n  jenis: pemkab",
                ringkasan="Mal pelayanan Sleman menyatukan layanan perizinan dan kependudukan di satu gedung.",
                masalah="Warga Sleman harus mendatangi banyak kantor untuk satu urusan perizinan usaha.")
    code, out, _ = run(capsys, "badges", "content/innovations/nasional/asal.md")
    assert code == 0
    assert ("      · tiru-sleman (Pemkab Sleman) belum dihitung: belum ada bukti sendiri (hasil dengan bukti, "
            "evaluasi dengan tautan atau dasar hukum dengan tautan)") in out.splitlines()
    assert "  Dapat Ditransfer   level 0 · belum ada bukti" in out.splitlines()
