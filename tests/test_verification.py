"""Verified, not only claimed: a reviewer's record beside each entry (`verifikasi/<id>.yml`),
bound to a fingerprint of the entry's evidence; the lifecycle a citizen sees (diajukan,
terverifikasi, perlu verifikasi ulang, perlu perbaikan, tidak aktif) on entry pages, cards,
search results, the Jelajahi filter, the open data and the reviewers' queue; replications both
sides confirm; and the pull-request check that keeps an entry and its record apart.

Records are written by `katalog verifikasi` itself, the site is built by real `mkdocs build`
runs, and the pull-request check runs the workflow's own script over a real git repository.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import LABELS, REASON, STATES, UNIT, article, build_states, epoch, page, rich, run_build, text_of

from generator import verification
from generator.catalogue import load_catalogue
from generator.cli import main
from generator.loader import parse_bytes, parse_text
from generator.validation import validate_parsed
from generator.verification import (
    State,
    VerificationRecord,
    changes_both,
    evidence_fingerprint,
    expired,
    lifecycle,
    parse_record,
    queue_kind,
    valid_until,
)

ROOT = Path(__file__).resolve().parent.parent


def entry_of(h: Any, **overrides: Any):
    entry, diags = validate_parsed(parse_text(h.entry_text(**overrides), "x.md"), "x", h.TODAY)
    assert entry is not None, [d.format() for d in diags]
    return entry


def a_record(sidik: str, **overrides: Any) -> VerificationRecord:
    data = {"tanggal": "2026-03-01", "oleh": UNIT, "peran": "Verifikator", "hasil": "terverifikasi",
            "diperiksa": {"lencana": ["efektif", "bermanfaat"], "tautan": []}, "sidik_bukti": sidik, **overrides}
    return VerificationRecord.model_validate(data)


def diagnostics(text: str, today: date = date(2026, 6, 2)) -> list[str]:
    _, found = parse_record(parse_bytes(text.encode(), "verifikasi/x.yml", document=True), today)
    return [d.format() for d in found]


GOOD = """tanggal: 2026-03-01
oleh: Tim Penilai Inovasi
peran: Verifikator
hasil: terverifikasi
diperiksa:
  lencana: [efektif]
  tautan: [https://contoh.go.id/laporan]
sidik_bukti: 0123456789abcdef0123456789abcdef
"""


# --- the record ------------------------------------------------------------------------------------


@pytest.mark.unit
def test_a_well_formed_record_reads_without_a_problem() -> None:
    assert diagnostics(GOOD) == []
    assert diagnostics("---\n" + GOOD) == []  # a document start, as editors write YAML


@pytest.mark.unit
@pytest.mark.parametrize(("change", "expected"), [
    (("oleh: Tim Penilai Inovasi\n", "olh: Tim Penilai Inovasi\n"),
     "verifikasi/x.yml:2:1: error: olh: kunci 'olh' tidak dikenal (maksud Anda 'oleh'?)"),
    (("lencana: [efektif]", "lencana: [efektif, efektip]"),
     "verifikasi/x.yml:6:22: error: diperiksa.lencana[1]: harus salah satu dari 'kebaruan' | 'efektif' | "
     "'bermanfaat' | 'dapat_ditransfer' | 'berkelanjutan', bukan 'efektip' (maksud Anda 'efektif'?)"),
    (("hasil: terverifikasi", "hasil: perlu_perbaikan"),
     "verifikasi/x.yml:4:8: error: hasil: hasil 'perlu_perbaikan' memerlukan alasan: tulis apa yang perlu "
     "diperbaiki instansi"),
    (("tanggal: 2026-03-01", "tanggal: 2026-07-01"),
     "verifikasi/x.yml:1:10: error: tanggal: tanggal 2026-07-01 ada di masa depan (hari ini 2026-06-02)"),
    (("sidik_bukti: 0123456789abcdef0123456789abcdef", "sidik_bukti: rahasia"),
     "verifikasi/x.yml:8:14: error: sidik_bukti: harus berupa sidik bukti yang ditulis `katalog verifikasi` (32 "
     "karakter 0-9 dan a-f); jangan ditulis sendiri, bukan 'rahasia'"),
    (("tautan: [https://contoh.go.id/laporan]", "tautan: [javascript:alert(1)]"),
     "verifikasi/x.yml:7:12: error: diperiksa.tautan[0]: harus berupa alamat web yang diawali http:// atau "
     "https://, bukan 'javascript:alert(1)'"),
    (("oleh: Tim Penilai Inovasi", "oleh: Tim Penilai\u200bInovasi"),
     "verifikasi/x.yml:2:7: error: oleh: teks ini memuat karakter tersembunyi atau kontrol (U+200B); hapus karakter "
     "tersebut"),
    (("peran: Verifikator\n", "peran: &p Verifikator\ncatatan: *p\n"),
     "verifikasi/x.yml:3:8: error: anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung"),
    (("hasil: terverifikasi\n", "hasil: terverifikasi\nhasil: perlu_perbaikan\n"),
     "verifikasi/x.yml:5:1: error: hasil: kunci 'hasil' ditulis dua kali (pertama di baris 4)"),
], ids=["unknown-key", "unknown-badge", "fix-without-reason", "future", "forged-fingerprint", "link", "hidden",
        "anchor", "duplicate"])
def test_every_problem_of_a_record_is_named_at_its_line(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in GOOD
    assert expected in diagnostics(GOOD.replace(old, new))


@pytest.mark.unit
def test_a_record_file_is_read_within_bounds(tmp_path: Path) -> None:
    big = tmp_path / "besar.yml"
    big.write_text(GOOD + "catatan: " + "x" * 70_000 + "\n", encoding="utf-8")
    record, found = verification.read_record(big, "besar.yml", date(2026, 6, 2))
    assert record is None and "terlalu besar" in found[0].message
    link = tmp_path / "tautan.yml"
    link.symlink_to(tmp_path / "besar.yml")
    record, found = verification.read_record(link, "tautan.yml", date(2026, 6, 2))
    assert record is None and "bukan symlink" in found[0].message
    binary = tmp_path / "biner.yml"
    binary.write_bytes(b"\xff\xfe" + GOOD.encode("utf-16-le"))
    record, found = verification.read_record(binary, "biner.yml", date(2026, 6, 2))
    assert record is None and "UTF-8" in found[0].message


# --- the fingerprint ---------------------------------------------------------------------------------


@pytest.mark.site
def test_the_fingerprint_is_a_content_hash_of_the_evidence_alone(h: Any) -> None:
    base = evidence_fingerprint(entry_of(h, **rich()))
    assert re.fullmatch(r"[0-9a-f]{32}", base)
    # The same in another process (no hash seed), and unchanged by how the YAML is written.
    script = ("import sys; sys.path.insert(0, 'tests'); import helpers as t;"
              "from generator.loader import parse_text; from generator.validation import validate_parsed;"
              "from generator.verification import evidence_fingerprint;"
              "e, _ = validate_parsed(parse_text(t.entry_text(**t.rich()), 'x.md'), 'x', t.TODAY);"
              "print(evidence_fingerprint(e))")
    other = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert other.stdout.strip() == base, other.stderr
    written_otherwise = rich()
    written_otherwise["manfaat"] = "\n  bukti: https://contoh.go.id/manfaat\n  nilai: 1250.0\n  dasar: penerima  # urutan lain"
    assert evidence_fingerprint(entry_of(h, **written_otherwise)) == base
    # Words a reader sees but the badges do not rest on: no new verification needed.
    assert evidence_fingerprint(entry_of(h, **rich(), judul="Judul Baru yang Lain",
                                         ringkasan="Ringkasan lain yang juga cukup panjang untuk entri.")) == base
    assert evidence_fingerprint(entry_of(h, **rich(), body="## Cerita lain\n\nSama sekali lain.\n")) == base


@pytest.mark.unit
@pytest.mark.parametrize(("key", "value"), [
    ("hasil", rich()["hasil"].replace("nilai: 1\n", "nilai: 2\n")),  # a result's number
    ("hasil", rich()["hasil"].replace("laporan\"", "laporan-2\"").replace("/laporan", "/laporan-2")),  # its link
    ("manfaat", rich()["manfaat"].replace("1250", "1251")),
    ("keberlanjutan", "\n  anggaran: [2025, 2026]"),  # a budget
    ("keberlanjutan", "\n  pelaksana:\n    unit: Bidang Pelayanan\n    sk: 800/1/2026"),  # implementers
    ("keberlanjutan", '\n  dasar_hukum:\n    - jenis: perkada\n      nomor: "12"\n      tahun: 2022'),  # legal basis
    ("replikasi_oleh", "\n  - instansi: Pemkot Blitar\n    tahun: 2025\n    bukti: https://contoh.go.id/pks"),
    ("tautan", "\n  dokumen:\n    - judul: Laporan tahunan\n      url: https://contoh.go.id/laporan.pdf"),
    ("tahapan", "uji_coba"),
], ids=["result-number", "result-link", "benefit", "budget", "implementers", "legal-basis", "replication",
        "document", "stage"])
def test_any_change_to_the_evidence_changes_the_fingerprint(h: Any, key: str, value: str) -> None:
    base = evidence_fingerprint(entry_of(h, **rich()))
    changed = {**rich(), key: value}
    if key == "tahapan":
        changed["tanggal"] = "\n  mulai: 2020-01-15"
    assert evidence_fingerprint(entry_of(h, **changed)) != base


# --- the lifecycle -----------------------------------------------------------------------------------


@pytest.mark.unit
def test_the_states_follow_from_the_record_the_entry_and_the_day(h: Any) -> None:
    entry = entry_of(h, **rich())
    sidik = evidence_fingerprint(entry)
    today = date(2026, 6, 2)
    assert lifecycle(entry, None, sidik, today).status == "diajukan"
    assert lifecycle(entry, a_record(sidik), sidik, today).status == "terverifikasi"
    changed = lifecycle(entry, a_record("0" * 32), sidik, today)
    assert (changed.status, changed.sebab) == ("perlu_verifikasi_ulang", "bukti_berubah")
    fix = a_record(sidik, hasil="perlu_perbaikan", alasan="Tautan laporan tidak memuat angka yang dicantumkan.")
    assert lifecycle(entry, fix, sidik, today).status == "perlu_perbaikan"
    # The agency changed its evidence after the request: the reviewers look again.
    assert lifecycle(entry, fix, "f" * 32, today).status == "perlu_verifikasi_ulang"
    stopped = entry_of(h, **rich(), status="berhenti", tanggal="\n  mulai: 2020-01-15\n  penerapan: 2020-06-01"
                                                               "\n  berhenti: 2025-12-31")
    state = lifecycle(stopped, a_record(evidence_fingerprint(stopped)), evidence_fingerprint(stopped), today)
    assert (state.status, state.sebab) == ("tidak_aktif", "berhenti")


@pytest.mark.unit
@pytest.mark.parametrize(("made", "today", "holds"), [
    ("2025-06-02", date(2026, 6, 2), True),  # exactly 12 months
    ("2025-06-01", date(2026, 6, 2), False),
    ("2023-02-28", date(2024, 2, 29), True),  # 29 Feb → 28 Feb a year before
    ("2023-02-27", date(2024, 2, 29), False),
    ("2024-02-29", date(2025, 2, 28), True),
    ("2024-02-29", date(2025, 3, 1), False),
])
def test_a_verification_holds_twelve_calendar_months(h: Any, made: str, today: date, holds: bool) -> None:
    entry = entry_of(h, diperbarui=made)
    sidik = evidence_fingerprint(entry)
    state = lifecycle(entry, a_record(sidik, tanggal=made), sidik, today)
    assert state.status == ("terverifikasi" if holds else "perlu_verifikasi_ulang")
    assert (today <= valid_until(date.fromisoformat(made))) is holds


@pytest.mark.unit
def test_no_update_and_no_verification_for_24_months_is_inactive(h: Any) -> None:
    today = date(2026, 6, 2)
    quiet = entry_of(h, diperbarui="2024-06-01")
    assert lifecycle(quiet, None, evidence_fingerprint(quiet), today).status == "tidak_aktif"
    just = entry_of(h, diperbarui="2024-06-02")
    assert lifecycle(just, None, evidence_fingerprint(just), today).status == "diajukan"
    # A verification is activity too: an old entry verified 14 months ago is not inactive.
    checked = a_record(evidence_fingerprint(quiet), tanggal="2025-04-01")
    state = lifecycle(quiet, checked, evidence_fingerprint(quiet), today)
    assert (state.status, state.sebab) == ("perlu_verifikasi_ulang", "kedaluwarsa")
    assert expired(date(2024, 6, 1), today, 24) and not expired(date(2024, 6, 2), today, 24)


@pytest.mark.unit
def test_the_queue_knows_what_waits_for_whom(h: Any) -> None:
    today = date(2026, 6, 2)
    assert queue_kind(State("diajukan"), today) == "baru"
    assert queue_kind(State("perlu_verifikasi_ulang", "bukti_berubah"), today) == "berubah"
    assert queue_kind(State("perlu_verifikasi_ulang", "kedaluwarsa"), today) == "kedaluwarsa"
    assert queue_kind(State("terverifikasi", tanggal=date(2025, 7, 20)), today) == "segera"  # ends 20 Jul 2026
    assert queue_kind(State("terverifikasi", tanggal=date(2025, 9, 1)), today) is None
    assert queue_kind(State("perlu_perbaikan", tanggal=date(2026, 5, 1)), today) is None  # the agency's turn
    assert queue_kind(State("tidak_aktif", "berhenti"), today) is None


# --- the command: katalog verifikasi ----------------------------------------------------------------


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout as the working directory, dated 2 June 2026."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    (tmp_path / "content" / "innovations").mkdir(parents=True)
    return tmp_path


def katalog(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.unit
def test_the_command_shows_the_checklist_and_writes_a_bound_record(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling", **rich(),
                  evaluasi="\n  - jenis: eksternal\n    judul: Evaluasi Unair\n    tahun: 2024\n"
                           "    tautan: https://contoh.go.id/laporan")
    code, out, err = katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT, "--ya")
    assert code == 0, err
    # Each evidence link once, with every claim it supports; each badge with its reasons.
    assert "[1] https://contoh.go.id/laporan" in out
    assert "mendukung: Hasil: Waktu penerbitan KTP-el (Efektif; hasil[0].bukti)" in out
    assert "mendukung: Evaluasi eksternal: Evaluasi Unair (2024) (Efektif; evaluasi[0].tautan)" in out
    assert "https://contoh.go.id/manfaat" in out and "https://contoh.go.id/panduan" in out
    for label in ("Kebaruan", "Efektif", "Bermanfaat", "Dapat Ditransfer", "Berkelanjutan"):
        assert f"  {label}: " in out
    assert "Manfaat: 1.250 penerima" in out  # a reason, as the entry page says it
    saved = repo / "verifikasi" / "adminduk-keliling.yml"
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    catalogue = load_catalogue(repo / "content" / "innovations", records_dir=repo / "verifikasi")
    assert data["sidik_bukti"] == catalogue.records["adminduk-keliling"].sidik
    assert data == {"tanggal": date(2026, 6, 2), "oleh": UNIT, "peran": "Verifikator", "hasil": "terverifikasi",
                    "diperiksa": {"lencana": ["kebaruan", "efektif", "bermanfaat", "dapat_ditransfer", "berkelanjutan"],
                                  "tautan": ["https://contoh.go.id/laporan", "https://contoh.go.id/manfaat",
                                             "https://contoh.go.id/panduan"]},
                    "sidik_bukti": data["sidik_bukti"]}
    assert catalogue.records["adminduk-keliling"].verifikasi.status == "terverifikasi"
    assert katalog(capsys, "validate")[0] == 0
    # The open data without a site build says the same.
    assert katalog(capsys, "export", "--out", "data")[0] == 0
    exported = json.loads((repo / "data/api/inovasi/adminduk-keliling.json").read_text(encoding="utf-8"))
    assert exported["verifikasi"]["status"] == "terverifikasi"
    assert "status verifikasi: Terverifikasi 2 Juni 2026" in katalog(capsys, "badges", "--format", "markdown")[1]


@pytest.mark.unit
def test_the_command_asks_before_it_writes(repo: Path, h: Any, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    code, _, err = katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT)
    assert code == 2 and "tanpa terminal, tambahkan --ya" in err  # a script must say so
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    answers = iter(["tidak", "ya"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT)[0] == 1
    assert not (repo / "verifikasi").exists()
    assert katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT)[0] == 0
    assert (repo / "verifikasi" / "adminduk-keliling.yml").is_file()


@pytest.mark.unit
def test_the_other_outcome_needs_its_reason(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    code, _, err = katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT, "--perlu-perbaikan", " ", "--ya")
    assert code == 2 and "memerlukan alasan" in err and not (repo / "verifikasi").exists()
    reason = "Tautan laporan SIAK tidak dapat dibuka; lampirkan laporan yang memuat angka sebelum dan sesudah."
    assert katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT, "--perlu-perbaikan", reason,
                   "--ya")[0] == 0
    data = yaml.safe_load((repo / "verifikasi" / "adminduk-keliling.yml").read_text(encoding="utf-8"))
    assert (data["hasil"], data["alasan"]) == ("perlu_perbaikan", reason)


@pytest.mark.unit
@pytest.mark.parametrize(("args", "problem"), [
    (["--oleh", "Ab"], "terlalu pendek"),
    (["--oleh", "Tim\u202eRahasia"], "karakter tersembunyi"),
    (["--oleh", UNIT, "--lencana", "efektif,keindahan"], "keindahan bukan kriteria"),
    (["--oleh", UNIT, "--verifikasi", "berkas"], "harus sebuah folder"),
])
def test_bad_options_write_nothing(repo: Path, h: Any, capsys, args: list[str], problem: str) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    (repo / "berkas").write_text("bukan folder", encoding="utf-8")
    code, _, err = katalog(capsys, "verifikasi", "adminduk-keliling", *args, "--ya")
    assert code == 2 and problem in err
    assert not (repo / "verifikasi").exists()


@pytest.mark.unit
def test_only_a_valid_published_entry_is_verified(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "salah", status="Aktif")
    h.write_entry(repo / "content", "jawa-timur", "masih-draf", draf="true")
    assert "tidak ada di" in katalog(capsys, "verifikasi", "tidak-ada", "--oleh", UNIT, "--ya")[2]
    code, _, err = katalog(capsys, "verifikasi", "salah", "--oleh", UNIT, "--ya")
    assert code == 2 and "belum valid" in err and "salah.md:12:9" in err
    code, _, err = katalog(capsys, "verifikasi", "masih-draf", "--oleh", UNIT, "--ya")
    assert code == 2 and "masih draf" in err
    assert not (repo / "verifikasi").exists()


@pytest.mark.unit
def test_a_record_is_never_written_through_a_symlink(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    (repo / "verifikasi").mkdir()
    outside = repo / "di-luar.txt"
    outside.write_text("jangan ditimpa\n", encoding="utf-8")
    (repo / "verifikasi" / "adminduk-keliling.yml").symlink_to(outside)
    assert katalog(capsys, "verifikasi", "adminduk-keliling", "--oleh", UNIT, "--ya")[0] == 2
    assert outside.read_text(encoding="utf-8") == "jangan ditimpa\n"


# --- katalog validate covers the records ---------------------------------------------------------


@pytest.mark.unit
def test_validate_names_a_records_problem_at_its_line(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    (repo / "verifikasi").mkdir()
    (repo / "verifikasi" / "adminduk-keliling.yml").write_text(GOOD.replace("hasil:", "hasi:"), encoding="utf-8")
    code, out, _ = katalog(capsys, "validate")
    assert code == 1
    assert "verifikasi/adminduk-keliling.yml:4:1: error: hasi: kunci 'hasi' tidak dikenal (maksud Anda 'hasil'?)" in out
    # A pull request's changed paths: the entry, or the record alone.
    assert "verifikasi/adminduk-keliling.yml:4:1" in katalog(capsys, "validate", "verifikasi/adminduk-keliling.yml")[1]
    entry = "content/innovations/jawa-timur/adminduk-keliling.md"
    assert "verifikasi/adminduk-keliling.yml:4:1" in katalog(capsys, "validate", entry)[1]


@pytest.mark.unit
def test_the_records_folder_holds_records_only(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    folder = repo / "verifikasi"
    (folder / "sub").mkdir(parents=True)
    (folder / "catatan.txt").write_text("x", encoding="utf-8")
    (folder / "Salah Nama.yml").write_text(GOOD, encoding="utf-8")
    (folder / "hilang.yml").write_text(GOOD.replace("oleh:", "olh:"), encoding="utf-8")  # no such entry
    (folder / "tautan.yml").symlink_to(folder / "hilang.yml")
    (folder / "README.md").write_text("# Catatan verifikasi\n", encoding="utf-8")
    code, out, _ = katalog(capsys, "validate")
    assert code == 1
    assert "verifikasi/sub:1:1: error: folder verifikasi hanya berisi file <id>.yml, tanpa subfolder" in out
    assert "verifikasi/catatan.txt:1:1: error:" in out and "verifikasi/Salah Nama.yml:1:1: error:" in out
    assert "verifikasi/tautan.yml:1:1: error: symlink tidak diizinkan di folder verifikasi" in out
    assert "verifikasi/hilang.yml:1:1: warning: tidak ada entri 'hilang' di katalog" in out
    assert "verifikasi/hilang.yml:2:1: error: olh: kunci 'olh' tidak dikenal" in out
    assert "verifikasi/README.md" not in out


@pytest.mark.unit
def test_a_linked_records_folder_is_refused(repo: Path, h: Any, capsys) -> None:
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    elsewhere = repo / "di-luar"
    elsewhere.mkdir()
    (elsewhere / "adminduk-keliling.yml").write_text(GOOD, encoding="utf-8")
    (repo / "verifikasi").symlink_to(elsewhere)
    code, out, _ = katalog(capsys, "validate")
    assert code == 1 and "verifikasi:1:1: error: folder verifikasi tidak boleh berupa symlink" in out


@pytest.mark.site
def test_a_build_stops_at_an_invalid_record(tmp_path: Path, h: Any, monkeypatch: pytest.MonkeyPatch,
                                            caplog: pytest.LogCaptureFixture) -> None:
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling")
    (tmp_path / "verifikasi").mkdir()
    (tmp_path / "verifikasi" / "adminduk-keliling.yml").write_text(GOOD.replace("Verifikator", "[Verifikator"),
                                                                    encoding="utf-8")
    with pytest.raises(Abort):
        run_build(tmp_path)
    assert "verifikasi/adminduk-keliling.yml:4:" in caplog.text and "situs tidak dibangun" in caplog.text
    assert not (tmp_path / "site" / "inovasi").exists()


# --- the site: every state, everywhere a citizen looks ----------------------------------------------

@pytest.fixture(scope="module")
def states_site(tmp_path_factory: pytest.TempPathFactory, h: Any) -> Path:
    tmp = tmp_path_factory.mktemp("siklus")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp)
        patch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        return build_states(tmp)


def _state_label(html: str) -> tuple[str, str]:
    found = re.search(r'<p class="katalog-siklus katalog-siklus--([a-z_]+)"><span class="katalog-sr">Status '
                      r'verifikasi: </span>([^<]+)</p>', html)
    assert found, "no state label"
    return found.group(1), found.group(2)


@pytest.mark.site
def test_the_entry_page_shows_its_state_next_to_the_badges(states_site: Path) -> None:
    for entry_id, state in STATES.items():
        html = article(page(states_site, f"inovasi/{entry_id}"))
        assert _state_label(html) == (state, LABELS[state]), entry_id
        # Right before the chips: a sibling, not one of them.
        assert re.search(r'</p>\s*<ul class="katalog-minis"', html[html.index('class="katalog-siklus '):])
    text = {entry_id: text_of(article(page(states_site, f"inovasi/{entry_id}"))) for entry_id in STATES}
    assert f"Bukti entri ini diperiksa oleh {UNIT} (Verifikator) pada 2 Juni 2026" in text["sudah-diperiksa"]
    assert "verifikasinya berlaku sampai 2 Juni 2027" in text["sudah-diperiksa"]
    assert f"Bukti entri ini berubah sejak diperiksa oleh {UNIT} pada 2 Juni 2026" in text["bukti-berubah"]
    assert f"dan meminta perbaikan: {REASON}" in text["minta-perbaikan"]
    assert "Inovasi ini sudah berhenti sejak 1 Januari 2026" in text["sudah-berhenti"]
    assert "Diterbitkan, belum diverifikasi." in text["belum-diperiksa"]


@pytest.mark.site
def test_the_badges_say_once_which_evidence_a_verification_covered(states_site: Path) -> None:
    """One sentence for the five badges under their explanation (the state above them says who
    verified it, when, and what came of it); none without a verification."""
    def note(entry_id: str) -> str:
        html = article(page(states_site, f"inovasi/{entry_id}"))
        return re.search(r'<p id="arti-lencana">([^<]+)</p>', html).group(1)

    intro = "Lencana dihitung otomatis dari bukti yang tercantum di halaman ini."
    assert note("sudah-diperiksa") == f"{intro} Verifikasi 2 Juni 2026 mencakup bukti kelima lencana."
    assert note("belum-diperiksa") == intro
    for entry_id in ("bukti-berubah", "minta-perbaikan"):
        assert note(entry_id).startswith(f"{intro} Verifikasi 2 Juni 2026 mencakup bukti "), entry_id
    assert "katalog-lencana__verifikasi" not in article(page(states_site, "inovasi/sudah-diperiksa"))


@pytest.mark.unit
def test_a_verification_of_some_badges_names_both_sides() -> None:
    from datetime import date

    from generator.verification import State, badges_note

    badges = [("kebaruan", "Kebaruan"), ("efektif", "Efektif"), ("bermanfaat", "Bermanfaat"),
              ("dapat_ditransfer", "Dapat Ditransfer"), ("berkelanjutan", "Berkelanjutan")]
    state = State("terverifikasi", tanggal=date(2026, 3, 24), oleh=UNIT, lencana=("efektif", "bermanfaat"))
    assert badges_note(state, badges) == ("Verifikasi 24 Maret 2026 mencakup bukti Efektif dan Bermanfaat; bukti "
                                          "Kebaruan, Dapat Ditransfer dan Berkelanjutan belum diperiksa.")
    assert badges_note(state._replace(lencana=()), badges) == "Verifikasi 24 Maret 2026 tidak mencakup bukti lencana."
    assert badges_note(State("diajukan"), badges) == ""


@pytest.mark.site
def test_cards_and_the_search_index_show_the_same_state(states_site: Path) -> None:
    listing = page(states_site, "jelajahi/jawa-timur")
    cards = re.split(r'<li class="katalog-kartu">', listing)[1:]
    seen = {}
    for card in cards:
        href = re.search(r'href="[^"]*inovasi/([^/"]+)/"', card).group(1)
        seen[href] = _state_label(card)
    assert seen == {entry_id: (state, LABELS[state]) for entry_id, state in STATES.items()}
    results = [card for path in (states_site / "cari/entri").glob("*.json")
               for card in json.loads(path.read_text(encoding="utf-8"))]
    assert {card[0]: tuple(card[5]) for card in results} == seen
    # The filter: its options are the states present, in the table's order, by their labels.
    assert (states_site / "cari/kolom/verifikasi.bin").is_file()  # the column the filter reads
    html = article(page(states_site, "jelajahi"))
    options = re.search(r'<select id="cari-verifikasi" name="verifikasi">(.*?)</select>', html, re.S).group(1)
    assert re.findall(r'value="([a-z_]+)"', options) == list(STATES.values())


@pytest.mark.site
def test_the_open_data_carries_the_state(states_site: Path) -> None:
    whole = json.loads((states_site / "api/inovasi.json").read_text(encoding="utf-8"))
    summary = {item["id"]: item["verifikasi"] for item in whole["inovasi"]}
    assert summary["sudah-diperiksa"] == {"status": "terverifikasi", "tanggal": "2026-06-02", "oleh": UNIT}
    assert summary["belum-diperiksa"] == {"status": "diajukan", "tanggal": None, "oleh": None}
    assert {k: v["status"] for k, v in summary.items()} == STATES
    record = json.loads((states_site / "api/inovasi/minta-perbaikan.json").read_text(encoding="utf-8"))
    assert record["verifikasi"] == {"status": "perlu_perbaikan", "tanggal": "2026-06-02", "oleh": UNIT,
                                    "peran": "Verifikator", "hasil": "perlu_perbaikan", "alasan": REASON,
                                    "lencana": ["kebaruan", "efektif", "bermanfaat", "dapat_ditransfer",
                                                "berkelanjutan"]}
    rows = list(csv.DictReader(io.StringIO((states_site / "api/inovasi.csv").read_text(encoding="utf-8-sig"))))
    assert {r["id"]: (r["verifikasi.status"], r["verifikasi.tanggal"], r["verifikasi.oleh"]) for r in rows} == {
        entry_id: (state, "" if state == "diajukan" else "2026-06-02", "" if state == "diajukan" else UNIT)
        for entry_id, state in STATES.items()}
    # Every record's `verifikasi` is what its schema (from the model) says it is.
    import jsonschema

    schema = verification.open_data_schema()
    for path in (states_site / "api/inovasi").glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))["verifikasi"]
        jsonschema.validate(data, schema)
        assert verification.OpenVerification.model_validate(data).status == STATES[path.stem]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "status": "terverifikasi-sendiri"}, schema)
    page_text = text_of(article(page(states_site, "data-terbuka")))
    assert "verifikasi.status" in page_text and "perlu_verifikasi_ulang (Perlu verifikasi ulang)" in page_text


@pytest.mark.site
def test_the_reviewers_queue_lists_what_waits_by_province_then_agency(states_site: Path) -> None:
    national = text_of(article(page(states_site, "statistik/kualitas-data/antrean")))
    assert "2 entri menunggu" in national  # never verified, and changed since
    province = article(page(states_site, "statistik/kualitas-data/antrean/jawa-timur"))
    rows = re.findall(r'<tr><td>([^<]+)</td><th scope="row"><a href="[^"]+">([^<]+)</a></th>\s*<td data-urut="(\d)">'
                      r'([^<]+)</td>', province)
    assert [(title, kind) for _, title, _, kind in rows] == [
        ("Inovasi Belum Diperiksa", "Belum pernah diverifikasi"),
        ("Inovasi Bukti Berubah", "Bukti berubah sejak diverifikasi")]
    assert "table data-urutkan" in province and "urutkan.js" in province
    quality = article(page(states_site, "statistik/kualitas-data"))
    assert "Antrean verifikasi" in quality


@pytest.mark.site
def test_the_methodology_page_explains_every_state(states_site: Path) -> None:
    text = text_of(article(page(states_site, "kriteria")))
    for label, meaning in zip(verification.LIFECYCLE.labels.values(), verification.LIFECYCLE.meanings.values(),
                              strict=True):
        assert f"{label} {meaning}" in text


# --- two verifications over time: a changed number, then twelve months ------------------------------


@pytest.mark.site
def test_a_verification_goes_stale_when_a_results_number_changes(tmp_path: Path, h: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
    monkeypatch.setenv("KATALOG_CACHE_DIR", str(tmp_path / "cache"))  # a warm second build
    path = h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling", **rich())
    assert main(["verifikasi", "adminduk-keliling", "--oleh", UNIT, "--ya"]) == 0
    site = run_build(tmp_path)
    assert _state_label(page(site, "inovasi/adminduk-keliling"))[0] == "terverifikasi"
    path.write_text(path.read_text(encoding="utf-8").replace("nilai: 14\n", "nilai: 15\n"), encoding="utf-8")
    site = run_build(tmp_path)
    html = page(site, "inovasi/adminduk-keliling")
    assert _state_label(html) == ("perlu_verifikasi_ulang", "Perlu verifikasi ulang")
    assert "Bukti entri ini berubah sejak diperiksa" in text_of(html)
    assert json.loads((site / "api/inovasi/adminduk-keliling.json").read_text())["verifikasi"]["status"] == \
        "perlu_verifikasi_ulang"
    # Verified again: the new record binds the new number.
    assert main(["verifikasi", "adminduk-keliling", "--oleh", UNIT, "--ya"]) == 0
    assert _state_label(page(run_build(tmp_path), "inovasi/adminduk-keliling"))[0] == "terverifikasi"


@pytest.mark.site
def test_a_verification_expires_after_twelve_months(tmp_path: Path, h: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 3, 15)))
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling", **rich())
    assert main(["verifikasi", "adminduk-keliling", "--oleh", UNIT, "--ya"]) == 0
    seen = {}
    for day in (date(2027, 2, 1), date(2027, 3, 15), date(2027, 3, 16)):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(day))
        site = run_build(tmp_path)
        queue = article(page(site, "statistik/kualitas-data/antrean/jawa-timur"))
        waits = re.findall(r'<td data-urut="\d">([^<]+)</td>\s*<td data-urut="([0-9-]+)">([^<]+)<time', queue)
        seen[day] = (_state_label(page(site, "inovasi/adminduk-keliling")), waits)
    assert seen[date(2027, 2, 1)] == (("terverifikasi", "Terverifikasi 15 Maret 2026"),
                                      [("Verifikasi berakhir dalam 60 hari", "2027-03-15", "berakhir ")])
    assert seen[date(2027, 3, 15)] == seen[date(2027, 2, 1)]
    assert seen[date(2027, 3, 16)] == (("perlu_verifikasi_ulang", "Perlu verifikasi ulang"),
                                       [("Verifikasi lebih dari 12 bulan", "2027-03-16", "berakhir ")])


# --- replications both sides confirm ---------------------------------------------------------------


@pytest.mark.site
def test_a_replication_is_confirmed_by_its_origin_or_only_claimed(tmp_path: Path, h: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch(date(2026, 6, 2)))
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    content = tmp_path / "content"
    own = "\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n    tautan: https://contoh.go.id/monev"
    h.write_entry(content, "jawa-timur", "asal", replikasi_dikonfirmasi="\n  - tiru-kediri")
    h.write_entry(content, "jawa-tengah", "tiru-kediri", replikasi_dari="\n  - inovasi: asal", evaluasi=own,
                  instansi="\n  nama: Pemerintah Kabupaten Kediri\n  jenis: pemkab")
    h.write_entry(content, "bali", "tiru-badung", replikasi_dari="\n  - inovasi: asal", evaluasi=own,
                  instansi="\n  nama: Pemerintah Kabupaten Badung\n  jenis: pemkab")
    site = run_build(tmp_path)
    origin = article(page(site, "inovasi/asal"))
    marks = dict(re.findall(r'inovasi/(tiru-[a-z]+)/">[^<]+</a> <small>[^<]+</small> <em class="katalog-konfirmasi '
                            r'katalog-konfirmasi--(?:ya|belum)">(dikonfirmasi|diklaim)</em>', origin))
    assert marks == {"tiru-kediri": "dikonfirmasi", "tiru-badung": "diklaim"}
    reasons = text_of(origin)
    assert "1 dari 2 replikasi yang dihitung dikonfirmasi kedua pihak" in reasons
    assert "yang baru diklaim instansi yang mereplikasi: Pemerintah Kabupaten Badung" in reasons
    assert "dikonfirmasi</em>" in article(page(site, "inovasi/tiru-kediri"))
    assert "diklaim</em>" in article(page(site, "inovasi/tiru-badung"))
    record = json.loads((site / "api/inovasi/asal.json").read_text(encoding="utf-8"))
    assert {r["id"]: r["dikonfirmasi"] for r in record["direplikasi_oleh"]} == {"tiru-badung": False,
                                                                                  "tiru-kediri": True}
    assert record["replikasi_dikonfirmasi"] == ["tiru-kediri"]
    assert record["lencana"]["kriteria"]["dapat_ditransfer"]["level"] == 2  # the counting rule is today's


@pytest.mark.unit
def test_a_confirmation_names_a_replication_that_claims_the_origin(repo: Path, h: Any, capsys) -> None:
    content = repo / "content"
    path = "content/innovations/jawa-timur/asal.md"
    h.write_entry(content, "jawa-timur", "asal", replikasi_dikonfirmasi="\n  - tiru-kediri\n  - tiru-kediri")
    h.write_entry(content, "jawa-tengah", "tiru-kediri", replikasi_dari="\n  - inovasi: asal")
    h.write_entry(content, "jawa-tengah", "lain")
    code, out, _ = katalog(capsys, "validate")
    assert (code, out) == (1, f"{path}:24:5: error: replikasi_dikonfirmasi[1]: 'tiru-kediri' ditulis dua kali\n")
    h.write_entry(content, "jawa-timur", "asal", replikasi_dikonfirmasi="\n  - tiru-kediri\n  - tiru-kedir\n  - asal")
    code, out, _ = katalog(capsys, "validate")
    assert code == 1
    assert f"{path}:24:5: error: replikasi_dikonfirmasi[1]: inovasi 'tiru-kedir' tidak ada di katalog (maksud Anda " \
           "'tiru-kediri'?)" in out
    assert f"{path}:25:5: error: replikasi_dikonfirmasi[2]: entri tidak dapat mengonfirmasi dirinya sendiri" in out
    # `lain` exists but does not claim `asal`: nothing to confirm, and not `asal`'s mistake alone.
    h.write_entry(content, "jawa-timur", "asal", replikasi_dikonfirmasi="\n  - tiru-kediri\n  - lain")
    code, out, _ = katalog(capsys, "validate")
    assert code == 0
    assert (f"{path}:24:5: warning: replikasi_dikonfirmasi[1]: inovasi 'lain' tidak menyebut 'asal' di "
            "replikasi_dari") in out


# --- the pull-request check ---------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(("paths", "refused"), [
    (["content/innovations/jawa-timur/a.md", "verifikasi/a.yml"], ["a"]),
    (["content/innovations/jawa-timur/a.md", "verifikasi/b.yml"], []),
    (["verifikasi/a.yml", "verifikasi/b.yml"], []),
    (["content/innovations/jawa-timur/a.md", "content/innovations/bali/a.md", "verifikasi/a.yml"], ["a"]),  # a move
    (["./content/innovations/nasional/a.md", "./verifikasi/a.yml"], ["a"]),
    (["content/innovations/jawa-timur/gambar/a.png", "verifikasi/a.yml"], []),  # an image is not the entry
    (["content/innovations/jawa-timur/satu dua.md", "verifikasi/satu dua.yml"], ["satu dua"]),
])
def test_changes_both_finds_an_entry_changed_with_its_record(paths: list[str], refused: list[str]) -> None:
    assert [entry_id for entry_id, _, _ in changes_both(paths)] == refused


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_AUTHOR_EMAIL": "a@b", "GIT_COMMITTER_NAME": "a",
           "GIT_COMMITTER_EMAIL": "a@b"}
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def _pr_step() -> str:
    steps = yaml.safe_load((ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8"))["jobs"]["entries"]["steps"]
    (step,) = [s for s in steps if "katalog check-pr" in s.get("run", "")]
    # Before every other check of the entries: a refused pull request stops there.
    assert steps.index(step) < min(i for i, s in enumerate(steps) if "katalog validate" in s.get("run", ""))
    return step["run"]


@pytest.mark.site
@pytest.mark.skipif(shutil.which("git") is None, reason="git is needed")
def test_the_pull_request_check_refuses_an_entry_and_its_verification_together(tmp_path: Path, h: Any) -> None:
    """The workflow's own step, run by bash in a real repository: a pull request that changes an
    entry and its record is refused with a plain message; each alone passes; odd file names too."""
    repo = tmp_path / "repo"
    h.write_entry(repo / "content", "jawa-timur", "adminduk-keliling")
    (repo / "verifikasi").mkdir()
    (repo / "verifikasi" / "adminduk-keliling.yml").write_text(GOOD, encoding="utf-8")
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "content", "verifikasi")
    _git(repo, "commit", "-qm", "awal")
    base = _git(repo, "rev-parse", "HEAD").strip()
    script = _pr_step()

    def pull_request(*changes: str) -> subprocess.CompletedProcess[str]:
        _git(repo, "checkout", "-q", "-B", "pr", base)
        for change in changes:
            target = repo / change
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text((target.read_text(encoding="utf-8") if target.exists() else GOOD) + "# ubah\n",
                              encoding="utf-8")
        _git(repo, "add", "-A", "content", "verifikasi")
        _git(repo, "commit", "-qm", "pr", "--allow-empty")
        return subprocess.run(["bash", "-e", "-c", script], cwd=repo, capture_output=True, text=True, timeout=120,
                              env={**os.environ, "BASE_SHA": base})

    entry, record = "content/innovations/jawa-timur/adminduk-keliling.md", "verifikasi/adminduk-keliling.yml"
    both = pull_request(entry, record)
    assert both.returncode == 1
    assert (f"::error file={record},line=1,col=1,title=entri::{record}:1:1: error: pull request ini mengubah entri "
            f"'adminduk-keliling' ({entry}) sekaligus catatan verifikasinya ({record}).") in both.stdout
    assert pull_request(entry).returncode == 0
    assert pull_request(record).returncode == 0
    # Names git would quote without -z: a space and a line break.
    odd = pull_request("content/innovations/jawa-timur/satu\ndua.md", "verifikasi/satu\ndua.yml")
    assert odd.returncode == 1 and "satu\\x0adua" in odd.stdout


@pytest.mark.unit
def test_codeowners_give_the_records_to_the_reviewers_and_the_readme_says_how_it_is_enforced() -> None:
    owners = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in owners if line.strip() and not line.startswith("#")]
    assert rules[-1] == ["/verifikasi/", "@katalog-inovasi/peninjau"]  # the last match wins
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Require review from Code Owners" in readme and "katalog verifikasi" in readme
