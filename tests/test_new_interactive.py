"""Interactive `katalog new` on a real pseudo-terminal: every required field asked, each answer
checked as it is typed (asked again when wrong), a draft that validates, and a closing hint that
works as printed."""

from __future__ import annotations

import os
import pty
import select
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "innovations"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "PYTHONPATH": str(ROOT)}  # 2026-11-23


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "content" / "innovations")
    return tmp_path


def converse(command: list[str], cwd: Path, answers: list[tuple[str, str]]) -> tuple[int, str]:
    """Run `command` on a pseudo-terminal, answering each prompt when it appears; every prompt
    must come, in this order, after the previous answer."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(command, cwd=cwd, stdin=slave, stdout=slave, stderr=slave, env=ENV, close_fds=True)
    os.close(slave)
    seen = ""
    consumed = 0

    def read_until(text: str) -> None:
        nonlocal seen, consumed
        deadline = time.monotonic() + 30
        while text not in seen[consumed:]:
            assert time.monotonic() < deadline, f"prompt {text!r} never came; got:\n{seen}"
            if select.select([master], [], [], 0.5)[0]:
                try:
                    seen += os.read(master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
        consumed = seen.index(text, consumed) + len(text)

    try:
        for prompt, answer in answers:
            read_until(prompt)
            os.write(master, (answer + "\n").encode())
        code = proc.wait(timeout=60)
        while select.select([master], [], [], 0.2)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk.decode("utf-8", "replace")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    return code, seen.replace("\r\n", "\n")


@pytest.mark.site
def test_interactive_new_asks_every_required_field_and_checks_each_answer(repo: Path) -> None:
    code, screen = converse([sys.executable, "-m", "generator.cli", "new"], repo, [
        ("Judul inovasi: ", "Lap"),  # too short
        ("minimal 5 karakter", "Lapak Warga Digital"),
        ("Nama instansi: ", "Pemerintah Kota Blitar"),
        ("Jenis instansi: ", "Pemkott"),  # a slip: a suggestion, asked again
        ("maksud Anda 'pemkot'", "Pemerintah Kota"),  # the label it prints, as printed
        ("Provinsi (nama, slug atau nomor): ", "jawa-timor"),
        ("maksud Anda 'jawa-timur'", "Jawa Timur"),
        ("Kabupaten/kota: ", "Kota Blitar"),
        ("Kode wilayah Kemendagri (misalnya 35.04) [Enter: lewati]: ", "33.72"),  # another province's code
        ("kode wilayah Jawa Timur diawali 35", "35.72"),
        ("Urusan pemerintahan", "99"),  # no such number
        ("'99' bukan pilihan", "Koperasi, Usaha Kecil, dan Menengah, 16"),  # a label holding commas, a number
        ("Tahapan: ", "penerapan"),
        ("Tanggal mulai: ", "2021"),  # a year alone: the rule is explained
        ("hanya tahun (2021)", "1 Maret 2030"),  # in the future
        ("belum terjadi", "1 Maret 2021"),
        ("Tanggal mulai diterapkan: ", "2020-01-01"),  # before the start
        ("sebelum tanggal mulai", "1-9-2021"),
        ("Status [aktif]: ", ""),
        ("Jenis inovasi: ", "DIGITAL"),
        ("Bentuk inovasi: ", "Inovasi Pelayanan Publik"),
        ("Ringkasan satu paragraf (20–600 karakter): ", "Pasar daring untuk pelaku usaha mikro di Kota Blitar."),
        ("Masalah publik yang diselesaikan (minimal 20 karakter): ", "pendek"),
        ("minimal 20 karakter", "Pelaku usaha mikro kesulitan menjangkau pembeli di luar pasar tradisional."),
        ("Dasar hukum, bila ada", "Perwali Blitar Nomor 12"),  # no year
        ("belum menyebut tahunnya", "Peraturan Wali Kota Blitar No. 12/2021"),
    ])
    assert code == 0, screen
    path = repo / "content/innovations/jawa-timur/lapak-warga-digital.md"
    assert path.is_file(), screen
    from generator.loader import read_file

    data = read_file(path).data
    assert data["instansi"] == {"nama": "Pemerintah Kota Blitar", "jenis": "pemkot"}
    assert data["wilayah"] == {"provinsi": "jawa-timur", "kabupaten_kota": "Kota Blitar", "kode": "35.72"}
    assert data["urusan"] == ["koperasi-usaha-kecil-dan-menengah", "komunikasi-dan-informatika"]
    assert data["tahapan"] == "penerapan" and data["status"] == "aktif"
    assert data["tanggal"] == {"mulai": "2021-03-01", "penerapan": "2021-09-01"}
    assert data["jenis"] == "digital" and data["bentuk"] == "pelayanan_publik"
    assert data["masalah"].startswith("Pelaku usaha mikro") and data["draf"] is True
    assert data["keberlanjutan"] == {"dasar_hukum": [{"jenis": "perkada", "nomor": "12", "tahun": 2021}]}
    # The closing hint is a command line that works as printed, from where the author is.
    hint = next(line for line in screen.splitlines() if line.startswith("Lengkapi isinya, lalu periksa: "))
    command = hint.split(": ", 1)[1]
    checked = subprocess.run(command, shell=True, cwd=repo, env=ENV, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, command + "\n" + checked.stdout + checked.stderr
    assert "Kebaruan" in checked.stdout  # the `badges` half ran too


@pytest.mark.site
def test_the_hint_names_the_venv_command_when_katalog_is_not_on_path(repo: Path) -> None:
    venv = ROOT / ".venv/bin/katalog"
    if not venv.exists():
        pytest.skip("needs the project's .venv (make site)")
    (repo / ".venv").mkdir()
    (repo / ".venv/bin").symlink_to(venv.parent)
    env_path = os.pathsep.join(p for p in ENV.get("PATH", "").split(os.pathsep) if Path(p) != venv.parent)
    result = subprocess.run([".venv/bin/katalog", "new", "--judul", "Layanan Baru Desa", "--instansi", "Dinas Sosial",
                             "--jenis-instansi", "pemprov", "--provinsi", "bali"], cwd=repo,
                            env={**ENV, "PATH": env_path}, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    where = "content/innovations/bali/layanan-baru-desa.md"
    assert f"periksa: .venv/bin/katalog validate {where} && .venv/bin/katalog badges {where}" in result.stdout
    command = result.stdout.splitlines()[-1].split(": ", 1)[1]
    assert subprocess.run(shlex.split(command)[:3], cwd=repo, env={**ENV, "PATH": env_path},
                          capture_output=True, timeout=60).returncode == 0


@pytest.mark.site
def test_interactive_new_ends_cleanly_when_input_ends(repo: Path) -> None:
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "new"], cwd=repo, stdin=slave, stdout=slave,
                            stderr=slave, env=ENV, close_fds=True)
    os.close(slave)
    deadline = time.monotonic() + 30
    seen = b""
    while b"Judul inovasi" not in seen and time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            seen += os.read(master, 4096)
    os.write(master, b"\x04")  # Ctrl-D
    code = proc.wait(timeout=30)
    try:
        while select.select([master], [], [], 0.2)[0]:
            chunk = os.read(master, 4096)
            if not chunk:
                break
            seen += chunk
    except OSError:
        pass
    os.close(master)
    assert code == 2 and b"dibatalkan" in seen and b"Traceback" not in seen


@pytest.mark.site
def test_replicate_asks_for_what_its_options_did_not_give(repo: Path) -> None:
    code, screen = converse([sys.executable, "-m", "generator.cli", "replicate", "mal-pelayanan-publik-banyuwangi"],
                            repo, [
        ("Nama instansi Anda: ", "Pemerintah Kabupaten Sleman"),
        ("Jenis instansi: ", "pemerintah kabupaten"),
        ("Provinsi (nama, slug atau nomor): ", "DIY"),  # another word staff write for it
        ("Kabupaten/kota: ", "Kabupaten Sleman"),
        ("Kode wilayah Kemendagri (misalnya 35.04) [Enter: lewati]: ", "34.04"),
    ])
    assert code == 0, screen
    path = repo / "content/innovations/di-yogyakarta/mal-pelayanan-publik-banyuwangi-kabupaten-sleman.md"
    assert path.is_file(), screen
    from generator.loader import read_file

    data = read_file(path).data
    assert data["instansi"] == {"nama": "Pemerintah Kabupaten Sleman", "jenis": "pemkab"}
    assert data["wilayah"] == {"provinsi": "di-yogyakarta", "kabupaten_kota": "Kabupaten Sleman", "kode": "34.04"}


@pytest.mark.site
def test_without_a_terminal_the_missing_options_are_named_in_indonesian(repo: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "replicate", "mal-pelayanan-publik-banyuwangi",
                             "--instansi", "Dinas Sosial"], cwd=repo, env=ENV, capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stderr == ("katalog: tanpa terminal, isi opsi --jenis-instansi, --provinsi (lihat `katalog "
                             "replicate --help`)\n")


@pytest.mark.site
def test_options_take_the_labels_staff_read(repo: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "new", "--judul", "Layanan Antar Jemput",
                             "--instansi", "Dinas Sosial Kabupaten Demak", "--jenis-instansi", "Pemerintah Kabupaten",
                             "--provinsi", "Jawa Tengah", "--kabupaten-kota", "Kabupaten Demak", "--urusan", "Sosial"],
                            cwd=repo, env=ENV, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    from generator.loader import read_file

    data = read_file(repo / "content/innovations/jawa-tengah/layanan-antar-jemput.md").data
    assert data["instansi"]["jenis"] == "pemkab" and data["wilayah"]["provinsi"] == "jawa-tengah"
    assert data["urusan"] == ["sosial"]
    wrong = subprocess.run([sys.executable, "-m", "generator.cli", "new", "--judul", "Layanan Lain", "--instansi",
                            "Dinas", "--jenis-instansi", "Pemkabb", "--provinsi", "bali"], cwd=repo, env=ENV,
                           capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert wrong.returncode == 2 and "--jenis-instansi: 'Pemkabb' tidak dikenal (maksud Anda 'pemkab'?)" in wrong.stderr
