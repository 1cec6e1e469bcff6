"""The *Usulkan inovasi* issue form and `katalog new --dari-isu`: the form is generated from the
vocabularies, and an issue body written by GitHub becomes a draft entry that validates."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import issueform, vocabulary
from generator.intake import read_date, read_issue, read_years, sections

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "innovations"
FORM = ROOT / issueform.TEMPLATE_PATH
KATALOG = [sys.executable, "-m", "generator.cli"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "PYTHONPATH": str(ROOT)}  # 2026-11-23
TODAY = date(2026, 11, 23)


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(KATALOG + args, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=60)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "content" / "innovations")
    return tmp_path


# --- the form ----------------------------------------------------------------------------------


def test_the_committed_form_is_the_generated_one() -> None:
    assert FORM.read_text(encoding="utf-8") == issueform.form_yaml(), (
        f"run `.venv/bin/katalog form --write {issueform.TEMPLATE_PATH}`")


def test_the_form_options_are_the_vocabularies() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    dropdowns = {item["id"]: item["attributes"]["options"] for item in form["body"] if item["type"] == "dropdown"}
    expected = {
        "provinsi": "provinsi", "urusan": "urusan", "tahapan": "tahapan", "jenis": "jenis",
        "jenis_instansi": "jenis_instansi", "status": "status", "bentuk": "bentuk",
        "kebaruan_jenis": "jenis_kebaruan", "manfaat_dasar": "dasar_manfaat", "panduan_bentuk": "bentuk_panduan",
    }
    assert set(dropdowns) == set(expected)
    for field, name in expected.items():
        assert dropdowns[field] == list(vocabulary.ALL[name].values()), field
    assert len(dropdowns["provinsi"]) == 39 and "Nasional (instansi pusat)" in dropdowns["provinsi"]
    multiple = {item["id"] for item in form["body"] if item["attributes"].get("multiple")}
    assert multiple == {"urusan"}
    assert form["labels"] == [issueform.LABEL]


def test_the_form_asks_for_every_required_field_and_the_evidence_of_each_badge() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    keys = {issueform.BY_ID[item["id"]].key for item in form["body"] if item["type"] != "markdown"}
    for required in ("judul", "ringkasan", "instansi.nama", "instansi.jenis", "wilayah.provinsi", "tahapan", "status",
                     "tanggal.mulai", "jenis", "bentuk", "urusan", "masalah"):
        assert required in keys, required
    for evidence in ("kebaruan.jenis", "kebaruan.uraian", "hasil", "evaluasi", "manfaat.dasar", "manfaat.nilai",
                     "manfaat.bukti", "keberlanjutan.dasar_hukum", "keberlanjutan.anggaran",
                     "keberlanjutan.pelaksana.sk", "panduan_replikasi.bentuk", "kontak.jabatan", "penghargaan"):
        assert evidence in keys, evidence
    required = {item["id"] for item in form["body"] if item.get("validations", {}).get("required")}
    assert {"judul", "ringkasan", "instansi", "jenis_instansi", "provinsi", "urusan", "tahapan", "mulai",
            "masalah"} <= required
    labels = [item["attributes"]["label"] for item in form["body"] if item["type"] != "markdown"]
    assert len(labels) == len(set(labels))


def test_the_form_follows_githubs_issue_form_schema() -> None:
    checker = ROOT / ".venv/bin/check-jsonschema"
    if not checker.exists():
        pytest.skip("check-jsonschema comes with `make test`")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


def test_katalog_form_prints_and_writes_the_form(tmp_path: Path) -> None:
    printed = run(["form"], tmp_path)
    assert printed.returncode == 0 and printed.stdout == issueform.form_yaml()
    target = tmp_path / "ISSUE_TEMPLATE/usulkan-inovasi.yml"
    assert run(["form", "--write", str(target)], tmp_path).returncode == 0
    assert target.read_text(encoding="utf-8") == issueform.form_yaml()


# --- reading what people write -----------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01", date(2024, 3, 1)), ("2024-3-1", date(2024, 3, 1)), ("1-3-2024", date(2024, 3, 1)),
    ("01/03/2024", date(2024, 3, 1)), ("1 Maret 2024", date(2024, 3, 1)), ("1 mar 2024", date(2024, 3, 1)),
    ("17 Agustus 1945", date(1945, 8, 17)), ("31-02-2024", None), ("Maret 2024", None), ("kemarin", None),
])
def test_dates_as_people_write_them(text: str, expected: date | None) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024, 2025, 2026", [2024, 2025, 2026]), ("2023-2026", [2023, 2024, 2025, 2026]),
    ("2024 dan 2025", [2024, 2025]), ("2022 s.d. 2024", [2022, 2023, 2024]), ("tidak tahu", None),
])
def test_budget_years(text: str, expected: list[int] | None) -> None:
    assert read_years(text) == expected


def test_sections_split_on_the_forms_labels_only() -> None:
    body = ("### Judul inovasi\n\nLayanan Baru\n\n### Cerita lengkap\n\n### Bagian saya\n\nteks\n\n"
            "### Kode wilayah Kemendagri\n\n_No response_\n")
    found = sections(body)
    assert found["judul"].text == "Layanan Baru" and found["judul"].line == 3
    assert found["cerita"].text == "### Bagian saya\n\nteks"
    assert found["kode"].text == ""


# --- an issue body, as GitHub writes it --------------------------------------------------------

BODY = """### Judul inovasi

Layanan Adminduk Keliling Desa

### Ringkasan

Petugas Dinas Dukcapil mendatangi desa-desa terpencil setiap pekan
untuk melayani KTP-el, KK dan akta kelahiran di balai desa.

### Nama instansi pemilik

Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulungagung

### Jenis instansi

Pemerintah Kabupaten

### Unit penyelenggara layanan

_No response_

### Provinsi

Jawa Timur

### Kabupaten/kota

Kabupaten Tulungagung

### Kode wilayah Kemendagri

35.04

### Urusan pemerintahan

Administrasi Kependudukan dan Pencatatan Sipil, Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat

### Tahapan

Penerapan

### Status

Aktif

### Tanggal mulai

1 Maret 2019

### Tanggal mulai diterapkan

2019-07-01

### Tanggal berhenti

_No response_

### Jenis inovasi

Non-digital

### Bentuk inovasi

Inovasi Pelayanan Publik

### Masalah publik yang diselesaikan

Warga desa terpencil harus menempuh perjalanan dua jam ke kantor Dukcapil di kota, sering lebih dari sekali.

### Jenis kebaruan

Pendekatan baru

### Apa yang baru

Pelayanan dokumen kependudukan tidak lagi menunggu warga datang ke kantor: petugas membawa perangkat perekaman
ke balai desa menurut jadwal yang diumumkan lewat perangkat desa, sehingga warga lanjut usia, penyandang disabilitas
dan pekerja harian dapat dilayani di dekat rumah pada hari yang sama.

### Hasil terukur (sebelum dan sesudah)

indikator | sebelum | sesudah | satuan | tanggal sebelum | tanggal sesudah | sumber | tautan bukti
- Waktu pengurusan KTP-el | 14 | 1 | hari | 31-1-2019 | 31 Desember 2021 | Laporan Kinerja Dinas Dukcapil 2021 | https://dukcapil.tulungagungkab.go.id/lkj-2021
- Cakupan perekaman KTP-el  |  91,5 |  98,2 | persen | 2019-01-31 | 2021-12-31 | Data konsolidasi Ditjen Dukcapil |

### Evaluasi

Survey kepuasan | Survei Kepuasan Masyarakat Dinas Dukcapil 2023 | 2023 | https://dukcapil.tulungagungkab.go.id/skm-2023

### Dasar manfaat

Jumlah penerima manfaat

### Angka manfaat

1.250 orang

### Keterangan manfaat

Warga yang dilayani di balai desa sepanjang 2023.

### Tautan bukti manfaat

www.tulungagungkab.go.id/adminduk-keliling

### Dasar hukum

Perkada | Peraturan Bupati Tulungagung Nomor 12 | 2019 | https://jdih.tulungagungkab.go.id/perbup-12-2019

### Tahun anggaran

2024 - 2026

### Sumber anggaran

APBD

### Unit atau tim pelaksana

Bidang Pelayanan Pendaftaran Penduduk

### Nomor SK tim pelaksana

470/123/35.04/2024

### Bentuk panduan replikasi

Panduan daring (laman/video/pelatihan)

### Tautan panduan replikasi

https://dukcapil.tulungagungkab.go.id/panduan-keliling

### Kebutuhan untuk mereplikasi

Dua petugas, satu set alat perekaman, kendaraan dinas.

### Penghargaan

_No response_

### Jabatan kontak

Kepala Bidang Pelayanan Pendaftaran Penduduk

### Email dinas

mailto:dukcapil@tulungagungkab.go.id

### Telepon kantor

(0355) 321000

### Situs atau aplikasi

_No response_

### Cerita lengkap

## Latar Belakang

Banyak warga desa di lereng Wilis belum memiliki KTP-el.

## Inovasi

Petugas datang ke balai desa setiap Kamis.

### Persetujuan

- [X] Data ini benar dan boleh diterbitkan di katalog dengan lisensi CC BY 4.0.
"""


def test_a_realistic_issue_body_becomes_a_draft_that_validates(repo: Path) -> None:
    issue = repo / "isu.md"
    issue.write_text(BODY, encoding="utf-8")
    report = repo / "laporan.md"
    result = run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    path = repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md"
    assert path.is_file(), result.stdout
    assert f"Draf dibuat: {path.relative_to(repo)}" in result.stdout
    # The typo in a free-text list ("Survey kepuasan") is read as the closest value and said as a
    # warning under the field's label, at its line; a value in any case ("Perkada") is simply read.
    row = BODY.splitlines().index(next(line for line in BODY.splitlines() if line.startswith("Survey"))) + 1
    assert (f"isu.md:{row}:1: warning: Evaluasi: bagian 'jenis': 'Survey kepuasan' dibaca sebagai 'survei_kepuasan' "
            "(Survei kepuasan masyarakat); perbaiki bila salah") in result.stdout
    assert "error" not in result.stdout
    check = run(["validate", str(path.relative_to(repo))], repo)
    assert check.returncode == 0, check.stdout + check.stderr

    from generator.loader import read_file

    draft = read_file(path)
    data = draft.data
    assert data["draf"] is True and data["diperbarui"] == "2026-11-23"
    assert data["instansi"] == {"nama": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulungagung",
                                "jenis": "pemkab"}
    assert data["wilayah"] == {"provinsi": "jawa-timur", "kabupaten_kota": "Kabupaten Tulungagung", "kode": "35.04"}
    assert data["urusan"] == ["administrasi-kependudukan-dan-pencatatan-sipil",
                              "ketenteraman-ketertiban-umum-dan-pelindungan-masyarakat"]
    assert data["tanggal"] == {"mulai": "2019-03-01", "penerapan": "2019-07-01"}
    assert data["jenis"] == "non_digital" and data["bentuk"] == "pelayanan_publik" and data["tahapan"] == "penerapan"
    assert data["ringkasan"].startswith("Petugas Dinas Dukcapil mendatangi desa-desa terpencil setiap pekan untuk")
    assert data["kebaruan"]["jenis"] == "pendekatan_baru"
    assert data["hasil"] == [
        {"indikator": "Waktu pengurusan KTP-el", "satuan": "hari",
         "sebelum": {"nilai": 14, "tanggal": "2019-01-31"}, "sesudah": {"nilai": 1, "tanggal": "2021-12-31"},
         "sumber": "Laporan Kinerja Dinas Dukcapil 2021",
         "bukti": "https://dukcapil.tulungagungkab.go.id/lkj-2021"},
        {"indikator": "Cakupan perekaman KTP-el", "satuan": "persen",
         "sebelum": {"nilai": 91.5, "tanggal": "2019-01-31"}, "sesudah": {"nilai": 98.2, "tanggal": "2021-12-31"},
         "sumber": "Data konsolidasi Ditjen Dukcapil"},
    ]
    assert data["evaluasi"] == [{"jenis": "survei_kepuasan", "judul": "Survei Kepuasan Masyarakat Dinas Dukcapil 2023",
                                 "tahun": 2023, "tautan": "https://dukcapil.tulungagungkab.go.id/skm-2023"}]
    assert data["manfaat"] == {"dasar": "penerima", "nilai": 1250,
                               "keterangan": "Warga yang dilayani di balai desa sepanjang 2023.",
                               "bukti": "https://www.tulungagungkab.go.id/adminduk-keliling"}
    assert data["keberlanjutan"] == {
        "dasar_hukum": [{"jenis": "perkada", "nomor": "Peraturan Bupati Tulungagung Nomor 12", "tahun": 2019,
                         "tautan": "https://jdih.tulungagungkab.go.id/perbup-12-2019"}],
        "anggaran": [2024, 2025, 2026], "sumber_anggaran": ["APBD"],
        "pelaksana": {"unit": "Bidang Pelayanan Pendaftaran Penduduk", "sk": "470/123/35.04/2024"}}
    assert data["panduan_replikasi"]["bentuk"] == "daring"
    assert data["kontak"] == {"jabatan": "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                              "email": "dukcapil@tulungagungkab.go.id", "telepon": "(0355) 321000"}
    assert "penghargaan" not in data and "unit" not in data and "tautan" not in data
    assert draft.body.lstrip("\n").startswith("## Latar Belakang\n\nBanyak warga desa")
    # Written as `katalog new` writes: same key order, then the evidence, `draf: true` last.
    keys = list(data)
    assert keys[:3] == ["judul", "ringkasan", "instansi"] and keys[-1] == "draf"
    assert keys.index("diperbarui") < keys.index("kebaruan")
    # With this evidence every badge is earned.
    badges = run(["badges", str(path.relative_to(repo))], repo)
    assert badges.returncode == 0 and "LENGKAP" in badges.stdout, badges.stdout
    assert report.read_text(encoding="utf-8").startswith(
        "Draf entri dibuat: `content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md`.")


def test_a_close_miss_in_a_free_text_list_is_read_and_said(repo: Path) -> None:
    body = BODY.replace("Perkada | Peraturan Bupati", "Perkda | Peraturan Bupati")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md"], repo)
    assert result.returncode == 0, result.stdout
    assert ("warning: Dasar hukum: bagian 'jenis': 'Perkda' dibaca sebagai 'perkada' (Peraturan Kepala Daerah); "
            "perbaiki bila salah") in result.stdout


BROKEN = {
    "### Tanggal mulai\n\n1 Maret 2019": "### Tanggal mulai\n\n1 Maretz 2019",
    "### Judul inovasi\n\nLayanan Adminduk Keliling Desa": "### Judul inovasi\n\n_No response_",
    "- Waktu pengurusan KTP-el | 14 | 1 |": "- Waktu pengurusan KTP-el | empat belas | 1 |",
    "### Angka manfaat\n\n1.250 orang": "### Angka manfaat\n\n1,250",
    "Perkada | Peraturan Bupati": "Perbup bupati | Peraturan Bupati",
    "- [X] Data ini benar": "- [ ] Data ini benar",
}


def test_a_broken_body_names_the_forms_labels_and_writes_nothing(repo: Path) -> None:
    body = BODY
    for old, new in BROKEN.items():
        assert old in body, old
        body = body.replace(old, new)
    (repo / "isu.md").write_text(body, encoding="utf-8")
    before = sorted(p.name for p in (repo / "content").rglob("*.md"))
    result = run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    out = result.stdout
    lines = body.splitlines()

    def at(text: str) -> int:
        return next(n for n, line in enumerate(lines, 1) if text in line)

    assert f"isu.md:{at('1 Maretz 2019')}:1: error: Tanggal mulai: '1 Maretz 2019' bukan tanggal" in out
    assert "isu.md:3:1: error: Judul inovasi: wajib diisi" in out
    assert (f"isu.md:{at('empat belas')}:1: error: Hasil terukur (sebelum dan sesudah): baris 'Waktu pengurusan "
            "KTP-el', bagian 'sebelum': 'empat belas' bukan angka") in out
    assert "error: Angka manfaat: '1,250' bisa berarti 1.250 atau 1,25" in out
    assert "error: Dasar hukum: bagian 'jenis': 'Perbup bupati' bukan pilihan yang dikenal" in out
    assert "error: Persetujuan: centang pernyataan" in out
    assert sorted(p.name for p in (repo / "content").rglob("*.md")) == before
    report = (repo / "laporan.md").read_text(encoding="utf-8")
    assert report.startswith("Usulan ini belum dapat dijadikan draf entri.")
    assert "- **Tanggal mulai**: " in report and "- **Judul inovasi**: wajib diisi" in report


def test_model_rules_come_back_under_the_forms_labels(repo: Path) -> None:
    # Each answer reads fine on its own; the entry's own rules then speak through the labels.
    body = BODY.replace("### Kabupaten/kota\n\nKabupaten Tulungagung", "### Kabupaten/kota\n\n_No response_")
    body = body.replace("### Tanggal mulai diterapkan\n\n2019-07-01", "### Tanggal mulai diterapkan\n\n_No response_")
    body = body.replace("### Kode wilayah Kemendagri\n\n35.04", "### Kode wilayah Kemendagri\n\n33.04")
    body = body.replace("| 31 Desember 2021 |", "| 31 Desember 2018 |")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md"], repo)
    assert result.returncode == 1, result.stdout
    out = result.stdout
    lines = body.splitlines()
    heading = {label: lines.index(f"### {label}") + 3 for label in ("Kabupaten/kota", "Tanggal mulai diterapkan",
                                                                      "Kode wilayah Kemendagri")}
    assert f"isu.md:{heading['Kabupaten/kota']}:1: error: Kabupaten/kota: " in out
    assert f"isu.md:{heading['Tanggal mulai diterapkan']}:1: error: Tanggal mulai diterapkan: " in out
    assert f"isu.md:{heading['Kode wilayah Kemendagri']}:1: error: Kode wilayah Kemendagri: " in out
    row = next(n for n, line in enumerate(lines, 1) if "31 Desember 2018" in line)
    assert f"isu.md:{row}:1: error: Hasil terukur (sebelum dan sesudah): baris ke-1" in out
    assert not list((repo / "content/innovations/jawa-timur").glob("layanan-adminduk-keliling-desa*.md"))


def test_a_body_not_from_the_form_is_refused_in_words(repo: Path) -> None:
    (repo / "isu.md").write_text("Tolong tambahkan inovasi kami, terima kasih.\n", encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md"], repo)
    assert result.returncode == 1
    assert "tidak berasal dari formulir 'Usulkan inovasi'" in result.stdout
    (repo / "biner.md").write_bytes(b"\xff\xfe\x00")
    result = run(["new", "--dari-isu", "biner.md"], repo)
    assert result.returncode == 2 and "bukan teks UTF-8" in result.stderr and "Traceback" not in result.stderr
    result = run(["new", "--dari-isu", "tidak-ada.md"], repo)
    assert result.returncode == 2 and "tidak dapat membaca" in result.stderr


def test_read_issue_keeps_the_line_of_every_list_item() -> None:
    found = read_issue(BODY, "isu.md", TODAY)
    assert found.ok, found.diagnostics
    lines = BODY.splitlines()
    assert found.item_lines["hasil[1]"] == next(n for n, line in enumerate(lines, 1) if "Cakupan perekaman" in line)
    label, line, where = found.locate("hasil[1].sesudah.tanggal")
    assert (label, where) == ("Hasil terukur (sebelum dan sesudah)", "baris ke-2, bagian 'tanggal sesudah'")
    assert line == found.item_lines["hasil[1]"]
    assert found.locate("wilayah.kode")[0] == "Kode wilayah Kemendagri"
    assert found.locate("keberlanjutan.pelaksana.sk")[0] == "Nomor SK tim pelaksana"


# --- the badge preview posted on pull requests -------------------------------------------------


def test_badges_as_a_pull_request_comment(repo: Path) -> None:
    good = "content/innovations/jawa-timur/mal-pelayanan-publik-banyuwangi.md"
    bad = repo / "content/innovations/nasional/sp4n-lapor.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("status: aktif", "status: Aktif"), encoding="utf-8")
    result = run(["badges", "--format", "markdown", good, str(bad.relative_to(repo))], repo)
    assert result.returncode == 1  # an invalid entry among them, as with the text format
    out = result.stdout
    assert out.startswith("## Pratinjau lencana lima kriteria\n")
    assert f"### `{good}`" in out
    assert "| Kriteria | Level | Arti |" in out and "| Kebaruan | " in out and "| Berkelanjutan | " in out
    assert "Yang masih kurang dan kunci yang perlu ditambahkan" in out and "— kunci `" in out and "```yaml" in out
    assert "### Belum dapat dinilai" in out and "- `content/innovations/nasional/sp4n-lapor.md`" in out


def test_the_comment_keeps_entry_text_inert(repo: Path) -> None:
    from generator.cli import _md

    assert _md("@semua <img src=x> [klik](http://x) `kode`") == (
        "\\@semua \\<img src=x\\> \\[klik\\](http://x) \\`kode\\`")


def test_a_modification_names_its_origin(repo: Path) -> None:
    body = BODY.replace("### Jenis kebaruan\n\nPendekatan baru",
                        "### Jenis kebaruan\n\nModifikasi (replikasi yang dikembangkan)\n\n"
                        "### Inovasi asal yang ditiru\n\nmal-pelayanan-publik\n"
                        "Pemerintah Kabupaten Banyuwangi | https://banyuwangikab.go.id/")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    from generator.loader import read_file

    data = read_file(repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md").data
    assert data["kebaruan"]["jenis"] == "modifikasi"
    assert data["replikasi_dari"] == [{"inovasi": "mal-pelayanan-publik"},
                                      {"instansi": "Pemerintah Kabupaten Banyuwangi",
                                       "tautan": "https://banyuwangikab.go.id/"}]
    # Without the origin, the entry's own rule speaks through the form's label.
    (repo / "isu2.md").write_text(body.replace("### Inovasi asal yang ditiru\n\nmal-pelayanan-publik\n"
                                               "Pemerintah Kabupaten Banyuwangi | https://banyuwangikab.go.id/",
                                               "### Inovasi asal yang ditiru\n\n_No response_"), encoding="utf-8")
    result = run(["new", "--dari-isu", "isu2.md"], repo)
    assert result.returncode == 1
    assert ("error: Jenis kebaruan: kebaruan 'modifikasi' memerlukan 'Inovasi asal yang ditiru': sebutkan inovasi "
            "asal yang dimodifikasi") in result.stdout, result.stdout


def test_report_only_goes_with_an_issue_body(repo: Path) -> None:
    result = run(["new", "--judul", "Layanan Baru", "--laporan", "x.md"], repo)
    assert result.returncode == 2 and "--laporan hanya dipakai bersama --dari-isu" in result.stderr
