"""Evidence an author can trust: numbers as Indonesians write them, placeholder text that may
not be published, replications in their own words, contacts, and a published schema that every
validator reads the way `katalog validate` does."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bench.corpus import generate
from generator import placeholders
from generator.catalogue import find_entry_files, load_catalogue
from generator.loader import parse_text, read_file
from generator.model import json_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "innovations"
HASIL = ("\n  - indikator: Waktu layanan\n    satuan: menit\n    sebelum: {{nilai: {before}, tanggal: 2020-01-01}}"
         "\n    sesudah: {{nilai: {after}, tanggal: 2021-01-01}}\n    sumber: Laporan dinas")


def errors(diags):
    return [d for d in diags if d.is_error]


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.unit
@pytest.mark.parametrize(("written", "read_as", "thousands"), [("1.250", "1.25", "1250"), ("12.000", "12", "12000"),
                                                               ("1.250.5", None, None)])
def test_a_thousands_dot_in_a_result_is_an_error_that_names_both_readings(h, written, read_as, thousands):
    text = h.entry_text(hasil=HASIL.format(before=800, after=written))
    found = errors(h.check(text))
    if read_as is None:  # `1.250.5` is text to YAML: the model says so (not a thousands number)
        assert found and "1.250.5" in found[0].message
        return
    (diag,) = found
    assert (diag.line, diag.col) == h.at(text, f"nilai: ^{written}")
    assert diag.field == "hasil[0].sesudah.nilai"
    assert diag.message == (f"{written} terbaca sebagai {read_as}, karena di sini titik adalah tanda desimal; bila "
                            f"maksudnya ribuan tulis {thousands} (tanpa titik), bila memang pecahan tulis {read_as}")


@pytest.mark.unit
def test_a_thousands_dot_in_the_benefit_is_an_error_too(h):
    text = h.entry_text(manfaat="\n  dasar: penerima\n  nilai: 12.500\n  bukti: https://contoh.go.id/laporan")
    (diag,) = errors(h.check(text))
    assert diag.field == "manfaat.nilai" and diag.message.startswith("12.500 terbaca sebagai 12.5")


@pytest.mark.unit
def test_a_real_decimal_and_a_dot_in_a_text_field_are_fine(h):
    assert errors(h.check(h.entry_text(hasil=HASIL.format(before=12.5, after=3.75)))) == []
    assert errors(h.check(h.entry_text(unit="Seksi 1.250"))) == []


@pytest.mark.unit
@pytest.mark.parametrize(("written", "hint"), [
    ("'Rp 2,5 juta'", "tulis angkanya saja: 2500000"),
    ("'1.250.000'", "tulis angkanya saja: 1250000"),
    ("'24,1%'", "tulis angkanya saja: 24.1 (tanpa tanda %)"),
    ("2 juta", "tulis angkanya saja: 2000000"),
    ("Rp 1.250.000,50", "tulis angkanya saja: 1250000.5"),
    ("800 orang", "tulis angkanya saja: 800"),
    ("1,250", "tulis 1250 bila koma itu pemisah ribuan, atau 1.25 bila koma itu tanda desimal"),
])
def test_a_number_written_as_text_gets_the_plain_number_to_write(h, written, hint):
    text = h.entry_text(manfaat=f"\n  dasar: penerima\n  nilai: {written}\n  bukti: https://contoh.go.id/laporan")
    (diag,) = errors(h.check(text))
    assert diag.field == "manfaat.nilai"
    assert diag.message.startswith("harus berupa angka (misalnya 12 atau 12.5), bukan ")
    assert hint in diag.message


# --- placeholders -------------------------------------------------------------------------------


NEW_TODAY = date(2026, 11, 23)  # SOURCE_DATE_EPOCH below


def new_draft(tmp_path: Path) -> Path:
    done = subprocess.run(
        [sys.executable, "-m", "generator.cli", "new", "--judul", "Layanan Adminduk Keliling Desa", "--instansi",
         "Dinas Dukcapil Kabupaten Tulungagung", "--jenis-instansi", "pemkab", "--provinsi", "jawa-timur",
         "--kabupaten-kota", "Kabupaten Tulungagung", "--katalog", str(tmp_path / "content/innovations")],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
        env={"PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1795392000", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stdout + done.stderr
    (path,) = (tmp_path / "content/innovations/jawa-timur").glob("*.md")
    return path


@pytest.mark.site
def test_a_new_draft_lists_what_is_left_to_fill_in_and_cannot_be_published_unfilled(h, tmp_path):
    path = new_draft(tmp_path)
    draft = h.check(path.read_bytes(), path.stem, today=NEW_TODAY)
    assert errors(draft) == []
    (warning,) = [d for d in draft if "teks contoh" in d.message]
    assert "ringkasan (baris" in warning.message and "masalah (baris" in warning.message
    assert "isi (baris" in warning.message

    published = path.read_text(encoding="utf-8").replace("draf: true\n", "")
    parsed = parse_text(published, "x.md")
    found = errors(h.check(published, path.stem, today=NEW_TODAY))
    fields = {d.field for d in found}
    assert {"ringkasan", "masalah"} <= fields
    body_lines = sorted(d.line for d in found if d.field == "")
    expected = [parsed.body_line + n for n, _ in placeholders.in_body(parsed.body)]
    assert body_lines == expected and len(expected) == len(placeholders.BODY_TEXTS)
    for d in found:
        assert "teks contoh" in d.message


@pytest.mark.unit
def test_every_placeholder_is_known_to_validation():
    for text in placeholders.FIELD_TEXTS:
        assert placeholders.in_value(text) is not None
    assert len(placeholders.in_body(placeholders.BODY)) == len(placeholders.BODY_TEXTS)


# --- replications in their own words --------------------------------------------------------------


STORY = ("Petugas kecamatan mendatangi setiap desa dua kali sebulan dengan mobil layanan yang membawa perangkat "
         "perekaman KTP-el, pencetak kartu keluarga, dan jaringan satelit sehingga warga tidak perlu lagi ke kota.")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    (tmp_path / "innovations").mkdir()
    return tmp_path


def load(h, content):
    return load_catalogue(content / "innovations", today=h.TODAY, jobs=1)


def replica(**overrides):
    base = dict(
        instansi="\n  nama: Pemerintah Kabupaten Sleman\n  jenis: pemkab",
        ringkasan="Sleman menjalankan layanan keliling adminduk di desa lereng Merapi bersama kecamatan.",
        masalah="Warga lereng Merapi jauh dari kantor Dukcapil dan kehilangan hari kerja untuk mengurus dokumen.",
        replikasi_dari="\n  - inovasi: asal",
        body="## Latar Belakang\n\nCerita Sleman sendiri.\n",
    )
    base.update(overrides)
    return base


def copied(catalogue):
    return [d for d in catalogue.diagnostics if "sama dengan teks inovasi asal" in d.message]


@pytest.mark.unit
def test_a_replication_may_not_reuse_its_origin_s_summary(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal")
    path = write_entry(content, "di-yogyakarta", "replika", **replica(
        ringkasan="  petugas dukcapil MENDATANGI desa terpencil untuk melayani KTP-el dan akta.",
        wilayah="\n  provinsi: di-yogyakarta\n  kabupaten_kota: Kabupaten Sleman\n  kode: '34.04'"))
    (diag,) = copied(load(h, content))
    where = h.at(path.read_text(encoding="utf-8"), "ringkasan:   ^petugas")
    assert diag.is_error and diag.field == "ringkasan" and (diag.line, diag.col) == where
    assert "'asal' (Pemerintah Kabupaten Tulungagung)" in diag.message


@pytest.mark.unit
def test_a_copied_body_paragraph_of_twenty_words_is_refused_at_its_line(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal", body=f"## Inovasi\n\n{STORY}\n\nPendek saja.\n")
    body = f"## Inovasi\n\nPendek saja.\n\n{STORY.upper()}\n"
    path = write_entry(content, "jawa-timur", "replika", **replica(body=body))
    (diag,) = copied(load(h, content))
    text = path.read_text(encoding="utf-8")
    assert diag.is_error and diag.line == h.at(text, "^PETUGAS KECAMATAN")[0]


@pytest.mark.unit
def test_a_draft_replication_gets_a_warning_and_own_words_pass(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal")
    write_entry(content, "jawa-timur", "replika", **replica(
        masalah="Warga desa terpencil menempuh perjalanan jauh untuk mengurus dokumen kependudukan.", draf="true"))
    (diag,) = copied(load(h, content))
    assert diag.severity == "warning" and diag.field == "masalah"
    (content / "innovations/jawa-timur/replika.md").unlink()
    write_entry(content, "jawa-timur", "replika", **replica())
    assert copied(load(h, content)) == []


# --- contacts -----------------------------------------------------------------------------------


@pytest.mark.unit
def test_a_published_entry_without_a_contact_gets_a_warning_a_draft_does_not(h):
    text = h.entry_text(kontak=None)
    text = "\n".join(line for line in text.splitlines() if not line.startswith("kontak:")) + "\n"
    (warning,) = [d for d in h.check(text) if "kontak" in d.message]
    assert warning.severity == "warning" and "belum ada kontak" in warning.message
    assert not [d for d in h.check(text.replace("diperbarui:", "draf: true\ndiperbarui:")) if "kontak" in d.message]


@pytest.mark.unit
def test_personal_webmail_is_a_warning(h):
    text = h.entry_text(kontak="\n  jabatan: Kepala Bidang Pelayanan\n  email: kabid.layanan@gmail.com")
    (warning,) = h.check(text)
    assert warning.severity == "warning" and warning.field == "kontak.email" and "email pribadi" in warning.message


@pytest.mark.unit
def test_every_sample_entry_names_a_contact():
    for path in find_entry_files([SAMPLE]):
        parsed = read_file(path)
        kontak = parsed.data.get("kontak") or {}
        assert kontak.get("jabatan") and (kontak.get("email") or kontak.get("telepon")), path


# --- the published schema -----------------------------------------------------------------------


def check_jsonschema() -> str:
    found = shutil.which("check-jsonschema") or str(Path(sys.executable).with_name("check-jsonschema"))
    assert Path(found).exists(), "check-jsonschema is in the test lock (make test installs it)"
    return found


@pytest.mark.site
def test_the_schema_passes_a_strict_metaschema_check(tmp_path):
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(json_schema()), encoding="utf-8")
    done = subprocess.run([check_jsonschema(), "--check-metaschema", str(schema)], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.site
def test_the_schema_and_katalog_validate_agree_on_sample_and_bench_entries(tmp_path):
    bench = generate(tmp_path / "bench", 150, seed=3)
    files = find_entry_files([SAMPLE]) + bench
    instances = []
    for number, path in enumerate(files):
        parsed = read_file(path)
        assert parsed.data is not None, path
        target = tmp_path / "json" / f"{number}.json"
        target.parent.mkdir(exist_ok=True)
        target.write_text(json.dumps(parsed.data, default=str), encoding="utf-8")
        instances.append(str(target))
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(json_schema()), encoding="utf-8")
    done = subprocess.run([check_jsonschema(), "--schemafile", str(schema), *instances], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    # …and an entry `katalog validate` refuses for its shape, the schema refuses too.
    bad = json.loads(Path(instances[0]).read_text(encoding="utf-8"))
    bad["kontak"] = {"jabatan": "Kepala Bidang", "email": "layanan@dinas.go.id?bcc=x@y.id"}
    bad["status"] = "Aktif"
    Path(instances[0]).write_text(json.dumps(bad), encoding="utf-8")
    refused = subprocess.run([check_jsonschema(), "--schemafile", str(schema), instances[0]], capture_output=True,
                             text=True, timeout=120)
    assert refused.returncode == 1 and "bcc" in refused.stdout and "Aktif" in refused.stdout
