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
from helpers import ISSUE_BODY

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


@pytest.mark.unit
def test_the_committed_form_is_the_generated_one() -> None:
    assert FORM.read_text(encoding="utf-8") == issueform.form_yaml(), (
        f"run `.venv/bin/katalog form --write {issueform.TEMPLATE_PATH}`")


@pytest.mark.unit
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


@pytest.mark.unit
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


@pytest.mark.site
def test_the_form_follows_githubs_issue_form_schema() -> None:
    checker = ROOT / ".venv/bin/check-jsonschema"
    if not checker.exists():
        pytest.skip("check-jsonschema comes with `make test`")
    result = subprocess.run([str(checker), "--builtin-schema", "vendor.github-issue-forms", str(FORM)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.site
def test_katalog_form_prints_and_writes_the_form(tmp_path: Path) -> None:
    printed = run(["form"], tmp_path)
    assert printed.returncode == 0 and printed.stdout == issueform.form_yaml()
    target = tmp_path / "ISSUE_TEMPLATE/usulkan-inovasi.yml"
    assert run(["form", "--write", str(target)], tmp_path).returncode == 0
    assert target.read_text(encoding="utf-8") == issueform.form_yaml()


# --- reading what people write -----------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01", date(2024, 3, 1)), ("2024-3-1", date(2024, 3, 1)), ("1-3-2024", date(2024, 3, 1)),
    ("01/03/2024", date(2024, 3, 1)), ("1 Maret 2024", date(2024, 3, 1)), ("1 mar 2024", date(2024, 3, 1)),
    ("17 Agustus 1945", date(1945, 8, 17)), ("31-02-2024", None), ("Maret 2024", None), ("kemarin", None),
])
def test_dates_as_people_write_them(text: str, expected: date | None) -> None:
    assert read_date(text) == expected


@pytest.mark.unit
@pytest.mark.parametrize(("text", "expected"), [
    ("2024, 2025, 2026", [2024, 2025, 2026]), ("2023-2026", [2023, 2024, 2025, 2026]),
    ("2024 dan 2025", [2024, 2025]), ("2022 s.d. 2024", [2022, 2023, 2024]), ("tidak tahu", None),
])
def test_budget_years(text: str, expected: list[int] | None) -> None:
    assert read_years(text) == expected


@pytest.mark.unit
def test_sections_split_on_the_forms_labels_only() -> None:
    body = ("### Judul inovasi\n\nLayanan Baru\n\n### Kode wilayah Kemendagri\n\n_No response_\n\n"
            "### Cerita lengkap\n\n### Bagian saya\n\nteks\n")
    found = sections(body)
    assert found["judul"].text == "Layanan Baru" and found["judul"].line == 3
    assert found["cerita"].text == "### Bagian saya\n\nteks"
    assert found["kode"].text == ""


# --- an issue body, as GitHub writes it --------------------------------------------------------

BODY = ISSUE_BODY



@pytest.mark.site
def test_a_realistic_issue_body_becomes_a_draft_that_validates(repo: Path) -> None:
    issue = repo / "isu.md"
    issue.write_text(BODY, encoding="utf-8")
    report = repo / "laporan.md"
    result = run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    path = repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md"
    assert path.is_file(), result.stdout
    assert f"Entri dibuat, siap terbit: {path.relative_to(repo)}" in result.stdout
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
    # Complete: published as it is (merging its pull request publishes it).
    assert "draf" not in data and data["diperbarui"] == "2026-11-23"
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
        "dasar_hukum": [{"jenis": "perkada", "nomor": "12", "tahun": 2019,
                         "tautan": "https://jdih.tulungagungkab.go.id/perbup-12-2019"}],
        "anggaran": [2024, 2025, 2026], "sumber_anggaran": ["APBD"],
        "pelaksana": {"unit": "Bidang Pelayanan Pendaftaran Penduduk", "sk": "470/123/35.04/2024"}}
    assert data["panduan_replikasi"]["bentuk"] == "daring"
    assert data["kontak"] == {"jabatan": "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                              "email": "dukcapil@tulungagungkab.go.id", "telepon": "(0355) 321000"}
    assert "penghargaan" not in data and "unit" not in data and "tautan" not in data
    assert draft.body.lstrip("\n").startswith("## Latar Belakang\n\nBanyak warga desa")
    # Written as `katalog new` writes: same key order, then the evidence.
    keys = list(data)
    assert keys[:3] == ["judul", "ringkasan", "instansi"] and keys[-1] == "kontak"
    assert keys.index("diperbarui") < keys.index("kebaruan")
    # With this evidence every badge is earned.
    badges = run(["badges", str(path.relative_to(repo))], repo)
    assert badges.returncode == 0 and "LENGKAP" in badges.stdout, badges.stdout
    answer = report.read_text(encoding="utf-8")
    assert answer.startswith("### Usulan Anda siap terbit\n")
    assert "`content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md`" in answer


@pytest.mark.site
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
    "Perkada | Peraturan Bupati": "Nota dinas | Peraturan Bupati",
    "- [X] Data ini benar": "- [ ] Data ini benar",
}


@pytest.mark.site
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
    assert "error: Dasar hukum: bagian 'jenis': 'Nota dinas' bukan pilihan yang dikenal" in out
    assert "error: Persetujuan: centang pernyataan" in out
    assert sorted(p.name for p in (repo / "content").rglob("*.md")) == before
    report = (repo / "laporan.md").read_text(encoding="utf-8")
    assert report.startswith("### Usulan ini belum dapat dijadikan entri\n")
    assert "- **Tanggal mulai**: " in report and "- **Judul inovasi**: wajib diisi" in report


@pytest.mark.site
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


@pytest.mark.site
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


@pytest.mark.unit
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


@pytest.mark.site
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


@pytest.mark.unit
def test_the_comment_keeps_entry_text_inert(repo: Path) -> None:
    from generator.cli import _md

    assert _md("@semua <img src=x> [klik](http://x) `kode`") == (
        "\\@semua \\<img src=x\\> \\[klik\\](http://x) \\`kode\\`")


@pytest.mark.site
def test_a_modification_names_its_origin(repo: Path) -> None:
    body = BODY.replace("### Jenis kebaruan\n\nPendekatan baru",
                        "### Jenis kebaruan\n\nModifikasi (replikasi yang dikembangkan)")
    body = body.replace("### Hasil terukur", "### Inovasi asal yang ditiru\n\nmal-pelayanan-publik\n"
                        "Pemerintah Kabupaten Banyuwangi | https://banyuwangikab.go.id/\n\n### Hasil terukur")
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


@pytest.mark.site
def test_report_only_goes_with_an_issue_body(repo: Path) -> None:
    result = run(["new", "--judul", "Layanan Baru", "--laporan", "x.md"], repo)
    assert result.returncode == 2 and "--laporan hanya dipakai bersama --dari-isu" in result.stderr


# --- issue 22: what a merge publishes, the reader, the reply -----------------------------------


def _with(body: str, label: str, answer: str) -> str:
    """`body` with the answer under `### label` replaced."""
    lines = body.splitlines()
    start = lines.index(f"### {label}") + 2
    end = next((n for n in range(start, len(lines)) if lines[n].startswith("### ")), len(lines))
    return "\n".join(lines[:start] + answer.splitlines() + [""] + lines[end:]) + "\n"


@pytest.mark.unit
def test_a_heading_line_inside_an_answer_stays_in_it() -> None:
    body = _with(BODY, "Ringkasan", "Petugas datang ke desa setiap pekan.\n### Status\nBerhenti? Tidak: tetap jalan.")
    body = _with(body, "Cerita lengkap", "## Latar Belakang\n\nTeks.\n\n### Provinsi\n\nJawa Timur punya 38 daerah.")
    found = read_issue(body, "isu.md", TODAY)
    assert found.ok, found.diagnostics
    assert found.data["ringkasan"] == "Petugas datang ke desa setiap pekan. ### Status Berhenti? Tidak: tetap jalan."
    assert found.data["status"] == "aktif" and found.data["wilayah"]["provinsi"] == "jawa-timur"
    assert found.body.endswith("### Provinsi\n\nJawa Timur punya 38 daerah.")


@pytest.mark.unit
@pytest.mark.parametrize("where", ["after", "end"])
def test_a_repeated_section_is_reported(where: str) -> None:
    copy = "### Provinsi\n\nBali\n\n"
    body = (BODY.replace("### Kabupaten/kota", copy + "### Kabupaten/kota") if where == "after"
            else BODY + "\n" + copy)
    found = read_issue(body, "isu.md", TODAY)
    lines = body.splitlines()
    first, second = [n for n, line in enumerate(lines, 1) if line == "### Provinsi"]
    (problem,) = [d for d in found.diagnostics if d.field == "Provinsi"]
    assert problem.is_error and f"ditulis lebih dari sekali (baris {first} dan {second})" in problem.message
    assert not found.ok


@pytest.mark.unit
def test_a_section_out_of_the_forms_order_is_reported_not_lost() -> None:
    body = BODY.replace("### Jenis kebaruan\n\nPendekatan baru\n", "### Jenis kebaruan\n\nPendekatan baru\n\n"
                        "### Penghargaan\n\nkipp | Top 45 | 2022 | Top 45\n")
    found = read_issue(body, "isu.md", TODAY)
    messages = [d.message for d in found.diagnostics if d.field == "Penghargaan"]
    assert any("ditulis lebih dari sekali" in m or "tidak pada urutan formulir" in m for m in messages), messages
    assert found.data["kebaruan"]["jenis"] == "pendekatan_baru"


@pytest.mark.unit
@pytest.mark.parametrize(("line", "expected"), [
    ("Peraturan Bupati TTS Nomor 17 Tahun 2022 | https://jdih.ttskab.go.id/perbup-17-2022",
     {"jenis": "perkada", "nomor": "17", "tahun": 2022, "tautan": "https://jdih.ttskab.go.id/perbup-17-2022"}),
    ("Perbup No. 17/2022", {"jenis": "perkada", "nomor": "17", "tahun": 2022}),
    ("SK Bupati Nomor 800/12/2021", {"jenis": "sk", "nomor": "800/12/2021", "tahun": 2021}),
    ("Pergub | 5 | 2020", {"jenis": "perkada", "nomor": "5", "tahun": 2020}),
    ("perwali | No. 3 | 12 Maret 2019 |", {"jenis": "perkada", "nomor": "3", "tahun": 2019}),
    ("Perkada | Peraturan Bupati Tulungagung Nomor 12 | 2019",
     {"jenis": "perkada", "nomor": "12", "tahun": 2019}),
    ("Keputusan Kepala Dinas Nomor 470/5/2023 tentang Tim Adminduk Keliling",
     {"jenis": "sk", "nomor": "470/5/2023", "tahun": 2023, "judul": "Tim Adminduk Keliling"}),
])
def test_legal_bases_as_staff_write_them(line: str, expected: dict) -> None:
    found = read_issue(_with(BODY, "Dasar hukum", line), "isu.md", TODAY)
    assert found.ok, found.diagnostics
    assert found.data["keberlanjutan"]["dasar_hukum"] == [expected]


@pytest.mark.unit
def test_a_citation_without_its_year_is_said_at_its_line() -> None:
    body = _with(BODY, "Dasar hukum", "Peraturan Bupati Tulungagung Nomor 12")
    found = read_issue(body, "isu.md", TODAY)
    line = body.splitlines().index("Peraturan Bupati Tulungagung Nomor 12") + 1
    (problem,) = [d for d in found.diagnostics if d.field == "Dasar hukum"]
    assert problem.line == line and "belum menyebut tahunnya" in problem.message


@pytest.mark.unit
def test_a_year_alone_where_a_date_is_asked_is_explained(repo: Path) -> None:
    body = _with(BODY, "Tanggal mulai", "2019")
    body = _with(body, "Evaluasi", "survei_kepuasan | Survei Kepuasan Masyarakat 2023 | 17 Agustus 2023 |")
    found = read_issue(body, "isu.md", TODAY)
    (problem,) = [d for d in found.diagnostics if d.is_error]
    assert problem.field == "Tanggal mulai"
    assert problem.message.startswith("'2019' hanya tahun (2019), padahal 'Tanggal mulai' memerlukan tanggal lengkap")
    assert found.data["evaluasi"][0]["tahun"] == 2023  # a year is asked: a date gives it


@pytest.mark.site
def test_every_problem_comes_in_one_pass(repo: Path) -> None:
    body = _with(BODY, "Tanggal mulai", "1 Maretz 2019")  # the reader's own problem
    body = _with(body, "Tautan bukti manfaat", "ftp://tulungagungkab.go.id/data")  # the model's: not http(s)
    body = _with(body, "Kode wilayah Kemendagri", "33.04")  # a rule across fields: another province's code
    body = _with(body, "Status", "_No response_")  # blank: the values it takes are listed
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo)
    assert result.returncode == 1, result.stdout
    out = result.stdout
    assert "error: Tanggal mulai: '1 Maretz 2019' bukan tanggal" in out
    assert "error: Tautan bukti manfaat: harus berupa alamat web yang diawali http:// atau https://" in out
    assert "error: Kode wilayah Kemendagri: kode '33.04' bukan wilayah Jawa Timur" in out
    assert "error: Status: wajib diisi; pilih salah satu: Aktif, Berhenti" in out
    report = (repo / "laporan.md").read_text(encoding="utf-8")
    for label in ("Tanggal mulai", "Tautan bukti manfaat", "Kode wilayah Kemendagri", "Status"):
        assert f"- **{label}**: " in report, label


@pytest.mark.site
def test_a_submission_without_its_story_is_a_draft_and_the_reply_says_why(repo: Path) -> None:
    body = _with(BODY, "Cerita lengkap", "_No response_")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo)
    assert result.returncode == 0, result.stdout + result.stderr
    from generator.loader import read_file

    path = repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md"
    assert read_file(path).data["draf"] is True
    assert "warning: sebelum terbit: Cerita lengkap: belum diisi" in result.stdout
    report = (repo / "laporan.md").read_text(encoding="utf-8")
    assert report.startswith("### Usulan Anda disimpan sebagai draf\n")
    assert "draf tidak tampil di situs walaupun pull request-nya digabungkan" in report
    assert "- **Cerita lengkap**: belum diisi; entri disimpan sebagai draf" in report


@pytest.mark.site
def test_the_reply_says_what_each_badge_needs_by_the_forms_labels(repo: Path) -> None:
    body = _with(BODY, "Dasar manfaat", "_No response_")
    for label in ("Angka manfaat", "Keterangan manfaat", "Tautan bukti manfaat", "Evaluasi"):
        body = _with(body, label, "_No response_")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    assert run(["new", "--dari-isu", "isu.md", "--laporan", "laporan.md"], repo).returncode == 0
    report = (repo / "laporan.md").read_text(encoding="utf-8")
    assert "#### Lencana lima kriteria" in report and "| Kriteria | Level | Untuk naik level |" in report
    row = next(line for line in report.splitlines() if line.startswith("| Bermanfaat |"))
    assert "0 · belum ada bukti" in row
    assert "(isi 'Dasar manfaat', 'Angka manfaat', 'Keterangan manfaat', 'Tautan bukti manfaat')" in row
    assert "kunci" not in report and "```yaml" not in report  # form labels, not YAML keys


@pytest.mark.site
def test_an_origin_that_is_not_in_the_catalogue_is_said_at_its_line(repo: Path) -> None:
    body = BODY.replace("### Jenis kebaruan\n\nPendekatan baru", "### Jenis kebaruan\n\nModifikasi")
    body = body.replace("### Hasil terukur", "### Inovasi asal yang ditiru\n\nmal-pelayanan-publik-tidak-ada\n\n"
                        "### Hasil terukur")
    (repo / "isu.md").write_text(body, encoding="utf-8")
    result = run(["new", "--dari-isu", "isu.md"], repo)
    assert result.returncode == 1
    line = body.splitlines().index("mal-pelayanan-publik-tidak-ada") + 1
    assert (f"isu.md:{line}:1: error: Inovasi asal yang ditiru: baris ke-1: inovasi 'mal-pelayanan-publik-tidak-ada' "
            "tidak ada di katalog") in result.stdout
