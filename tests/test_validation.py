"""Validation of one entry, rule by rule: each rule fails an entry at the exact line and column an
author must edit, in the message they would read, and passes an entry that follows it.

Entries are the valid entry of helpers.py (its line map is in its docstring) with one value
changed; keys added by a test start at line 22.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.loader import parse_text
from generator.validation import validate_parsed

pytestmark = pytest.mark.unit

WILAYAH_JATIM = "\n  provinsi: jawa-timur\n  kabupaten_kota: Kabupaten Tulungagung\n  kode: {kode}"
NASIONAL = {
    "instansi": "\n  nama: Kementerian PANRB\n  jenis: kementerian",
    "wilayah": "\n  provinsi: nasional",
}
AWARD = "\n  - ajang: kipp\n    nama: Top 45 KIPP\n    tahun: {tahun}"
RESULT = ("\n  - indikator: Waktu penerbitan KTP-el\n    sebelum:\n      nilai: 14\n      tanggal: {before}"
          "\n    sesudah:\n      nilai: 1\n      tanggal: {after}\n    sumber: Laporan SIAK")


def _parse(text: str):
    return parse_text(text, "entri.md")


def errors(h, text: str, **kwargs) -> list[str]:
    """The errors of one entry as an author reads them, without the file name."""
    return [d.format().removeprefix("entri.md:") for d in h.check(text, **kwargs) if d.is_error]


def test_the_valid_entry_has_no_diagnostics_and_gives_the_model(h):
    parsed_entry, diags = validate_parsed(_parse(h.VALID), h.DEFAULT_ID, h.TODAY)
    assert diags == []
    assert parsed_entry is not None
    assert parsed_entry.tanggal.mulai == date(2020, 1, 15)
    assert parsed_entry.wilayah.kode == "35.04"
    assert parsed_entry.draf is False


# --- the table: one changed value → exactly these errors ---------------------------------------------

FAILING = {
    # unknown keys, with a suggestion (top level and nested) or the allowed keys
    "unknown-key": (
        {"judull": "Adminduk Keliling"},
        ["22:1: error: judull: kunci 'judull' tidak dikenal (maksud Anda 'judul'?)"],
    ),
    "unknown-nested-key": (
        {"instansi": "\n  nama: Pemerintah Kabupaten Tulungagung\n  jnis: pemkab"},
        # One typo, one error: the misspelt key, not also "instansi.jenis: wajib diisi".
        ["6:3: error: instansi.jnis: kunci 'jnis' tidak dikenal (maksud Anda 'jenis'?)"],
    ),
    "unknown-key-no-close-match": (
        {"xyz": "1"},
        ["22:1: error: xyz: kunci 'xyz' tidak dikenal; kunci yang boleh: judul, ringkasan, instansi, unit, wilayah, "
         "tahapan, status, tanggal, jenis, bentuk, urusan, masalah, diperbarui, kebaruan, hasil, evaluasi, manfaat, "
         "replikasi_dari, replikasi_oleh, replikasi_dikonfirmasi, panduan_replikasi, keberlanjutan, penghargaan, area_perubahan, "
         "nilai_berakhlak, sdgs, kata_kunci, kontak, tautan, gambar, draf"],
    ),
    "unknown-key-in-list-item": (
        {"hasil": "\n  - indikator: Waktu layanan\n    sumbre: Laporan"},
        ["24:5: error: hasil[0].sumbre: kunci 'sumbre' tidak dikenal (maksud Anda 'sumber'?)"],
    ),
    # missing required keys: the whole entry → 1:1, nested → the parent key
    "missing-top-level": ({"judul": None}, ["1:1: error: judul: wajib diisi"]),
    "missing-urusan": ({"urusan": None}, ["1:1: error: urusan: wajib diisi: pilih satu atau lebih pilihan urusan "
                                          "(daftarnya: `katalog vocabulary urusan`)"]),
    "missing-status-lists-its-values": ({"status": None},
                                        ["1:1: error: status: wajib diisi: pilih salah satu dari 'aktif' | 'berhenti'"]),
    "missing-nested": (
        {"tanggal": "\n  penerapan: 2020-06-01"},
        ["13:1: error: tanggal.mulai: wajib diisi"],
    ),
    "missing-in-list-item": (
        {"evaluasi": "\n  - jenis: internal\n    tahun: 2021"},
        ["23:5: error: evaluasi[0].judul: wajib diisi"],
    ),
    # closed vocabularies
    "enum-wrong-case": (
        {"status": "Aktif"},
        ["12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', bukan 'Aktif' (maksud Anda 'aktif'?)"],
    ),
    "enum-misspelt": (
        {"tahapan": "uji coba"},
        ["11:10: error: tahapan: harus salah satu dari 'inisiatif' | 'uji_coba' | 'penerapan', bukan 'uji coba' "
         "(maksud Anda 'uji_coba'?)"],
    ),
    "enum-given-a-mapping": (
        {"jenis": "\n  a: b"},
        ["17:3: error: jenis: harus berupa salah satu pilihan jenis, bukan sebuah pemetaan (kunci: nilai)"],
    ),
    "urusan-unknown": (
        {"urusan": "\n  - kesehatann"},
        ["19:5: error: urusan[0]: 'kesehatann' bukan pilihan urusan yang dikenal (maksud Anda 'kesehatan'?); "
         "daftar lengkapnya: `katalog vocabulary urusan`"],
    ),
    "urusan-unknown-no-suggestion": (
        {"urusan": "\n  - sosial\n  - pariwisata-dan-kuliner-nusantara-raya"},
        ["20:5: error: urusan[1]: 'pariwisata-dan-kuliner-nusantara-raya' bukan pilihan urusan yang dikenal; "
         "daftar lengkapnya: `katalog vocabulary urusan`"],
    ),
    "urusan-empty": ({"urusan": "[]"}, ["18:9: error: urusan: tidak boleh kosong"]),
    "provinsi-label-instead-of-slug": (
        {"wilayah": "\n  provinsi: Jawa Timur\n  kabupaten_kota: Kabupaten Tulungagung"},
        ["8:13: error: wilayah.provinsi: 'Jawa Timur' bukan pilihan provinsi yang dikenal (maksud Anda "
         "'jawa-timur'?); daftar lengkapnya: `katalog vocabulary provinsi`"],
    ),
    # text lengths
    "text-too-short": ({"judul": "KTP"}, ["2:8: error: judul: terlalu pendek: minimal 5 karakter, sekarang 3"]),
    "text-too-long": (
        {"judul": "A" * 161},
        ["2:8: error: judul: terlalu panjang: maksimal 160 karakter, sekarang 161"],
    ),
    "text-empty-quotes": ({"judul": '""'}, ["2:8: error: judul: tidak boleh kosong"]),
    "text-only-spaces": ({"judul": '"   "'}, ["2:8: error: judul: tidak boleh kosong"]),
    "text-too-short-without-its-spaces": (
        {"judul": '"  KTP  "'},
        ["2:8: error: judul: terlalu pendek: minimal 5 karakter, sekarang 3"],
    ),
    "summary-too-short": (
        {"ringkasan": "Layanan keliling."},
        ["3:12: error: ringkasan: terlalu pendek: minimal 20 karakter, sekarang 17"],
    ),
    # wrong types
    "text-given-a-mapping": (
        {"judul": "\n  nama: Adminduk"},
        ["3:3: error: judul: harus berupa teks, bukan sebuah pemetaan (kunci: nilai)"],
    ),
    "text-given-a-list": (
        {"masalah": "\n  - antre\n  - jauh"},
        ["21:3: error: masalah: harus berupa teks, bukan sebuah daftar"],
    ),
    "text-given-nothing": ({"judul": "~"}, ["2:8: error: judul: wajib diisi, tetapi nilainya kosong"]),
    "number-given-text": (
        {"sdgs": "\n  - tiga"},
        ["23:5: error: sdgs[0]: harus berupa bilangan bulat, bukan 'tiga'"],
    ),
    "number-given-a-decimal": (
        {"sdgs": "\n  - 3.5"},
        ["23:5: error: sdgs[0]: harus berupa bilangan bulat, bukan 3.5"],
    ),
    "sdg-out-of-range": ({"sdgs": "[18]"}, ["22:8: error: sdgs[0]: harus ≤ 17, bukan 18"]),
    "decimal-given-text": (
        {"manfaat": "\n  dasar: cakupan\n  nilai: banyak"},
        ["24:10: error: manfaat.nilai: harus berupa angka (misalnya 12 atau 12.5), bukan 'banyak'"],
    ),
    "decimal-infinite": (
        {"manfaat": "\n  dasar: cakupan\n  nilai: .inf"},
        ["24:10: error: manfaat.nilai: harus berupa angka (misalnya 12 atau 12.5), bukan '.inf'"],
    ),
    "year-given-text": (
        {"penghargaan": AWARD.format(tahun="dua ribu")},
        ["25:12: error: penghargaan[0].tahun: harus berupa bilangan bulat, bukan 'dua ribu'"],
    ),
    "year-out-of-range": (
        {"penghargaan": AWARD.format(tahun=1900)},
        ["25:12: error: penghargaan[0].tahun: tahun harus antara 1945 dan 2100, bukan 1900"],
    ),
    "bool-given-no": ({"draf": "no"}, ["22:7: error: draf: harus true atau false, bukan 'no'"]),
    "bool-given-yes": ({"draf": "yes"}, ["22:7: error: draf: harus true atau false, bukan 'yes'"]),
    "bool-given-quoted-true": ({"draf": "'true'"}, ["22:7: error: draf: harus true atau false, bukan 'true'"]),
    "bool-given-one": ({"draf": "1"}, ["22:7: error: draf: harus true atau false, bukan 1"]),
    "list-given-text": (
        {"urusan": "kesehatan"},
        ["18:9: error: urusan: harus berupa daftar (setiap butir diawali '- '), bukan 'kesehatan'"],
    ),
    "mapping-given-a-list": (
        {"instansi": "\n  - nama: Pemerintah Kabupaten Tulungagung"},
        ["5:3: error: instansi: harus berupa kelompok 'kunci: nilai' yang menjorok ke dalam, bukan sebuah daftar"],
    ),
    "mapping-given-nothing": (
        {"tanggal": ""},
        ["13:9: error: tanggal: wajib diisi, tetapi nilainya kosong"],
    ),
    # dates only where the model asks for one
    "date-not-in-calendar": (
        {"tanggal": "\n  mulai: 2021-02-30\n  penerapan: 2021-06-01"},
        ["14:10: error: tanggal.mulai: tanggal '2021-02-30' tidak ada di kalender"],
    ),
    "date-not-iso": (
        {"tanggal": "\n  mulai: 15-01-2020\n  penerapan: 2020-06-01"},
        ["14:10: error: tanggal.mulai: harus berupa tanggal TTTT-BB-HH, bukan '15-01-2020' (maksud Anda 2020-01-15, "
         "yaitu 15 Januari 2020?)"],
    ),
    "date-with-slashes": (
        {"diperbarui": "2026/01/10"},
        ["21:13: error: diperbarui: harus berupa tanggal TTTT-BB-HH, bukan '2026/01/10' (maksud Anda 2026-01-10, "
         "yaitu 10 Januari 2026?)"],
    ),
    "date-day-first-as-indonesians-write-it": (
        {"diperbarui": "12/03/2022"},
        ["21:13: error: diperbarui: harus berupa tanggal TTTT-BB-HH, bukan '12/03/2022' (maksud Anda 2022-03-12, "
         "yaitu 12 Maret 2022?)"],
    ),
    "date-given-a-year": (
        {"diperbarui": "2026"},
        ["21:13: error: diperbarui: harus berupa tanggal lengkap TTTT-BB-HH, bukan '2026': itu hanya tahun (2026); "
         "tulis tanggal lengkapnya seperti tercantum di dokumennya, misalnya 2026-03-01"],
    ),
    "date-given-a-month": (
        {"diperbarui": "Januari 2026"},
        ["21:13: error: diperbarui: harus berupa tanggal lengkap TTTT-BB-HH, bukan 'Januari 2026': itu hanya bulan "
         "dan tahun (Januari 2026); tulis tanggal lengkapnya seperti tercantum di dokumennya, misalnya 2026-03-01"],
    ),
    "choice-in-typographic-quotes": (
        {"status": "“aktif”"},
        ["12:9: error: status: nilai ini diapit tanda kutip miring (“…”), yang bagi YAML bukan tanda kutip melainkan "
         "bagian dari teks; hapus tanda kutipnya (tulis aktif) atau pakai tanda kutip lurus \"aktif\""],
    ),
    # wilayah
    "kode-prefix-not-the-province": (
        {"wilayah": WILAYAH_JATIM.format(kode='"33.10"')},
        ["10:9: error: wilayah.kode: kode '33.10' bukan wilayah Jawa Timur: kode provinsi ini diawali '35'"],
    ),
    "kode-not-a-kemendagri-code": (
        {"wilayah": WILAYAH_JATIM.format(kode="35.1")},
        ["10:9: error: wilayah.kode: harus berupa kode wilayah Kemendagri: NN, NN.NN, NN.NN.NN atau NN.NN.NN.NNNN, "
         "bukan '35.1'"],
    ),
    "kode-for-nasional": (
        dict(NASIONAL, wilayah="\n  provinsi: nasional\n  kode: '31'"),
        ["9:9: error: wilayah.kode: instansi nasional tidak memakai kode wilayah; hapus kunci ini"],
    ),
    "kabupaten-kota-for-pemkab": (
        {"wilayah": "\n  provinsi: jawa-timur"},
        ["7:1: error: wilayah: instansi pemkab memerlukan wilayah.kabupaten_kota"],
    ),
    "kabupaten-kota-for-pemkot": (
        {"instansi": "\n  nama: Pemerintah Kota Surabaya\n  jenis: pemkot", "wilayah": "\n  provinsi: jawa-timur"},
        ["7:1: error: wilayah: instansi pemkot memerlukan wilayah.kabupaten_kota"],
    ),
    # stages, status and dates
    "penerapan-needs-its-date": (
        {"tanggal": "\n  mulai: 2020-01-15"},
        ["13:1: error: tanggal: tahapan 'penerapan' memerlukan tanggal.penerapan"],
    ),
    "berhenti-needs-its-date": (
        {"status": "berhenti"},
        ["13:1: error: tanggal: status 'berhenti' memerlukan tanggal.berhenti"],
    ),
    "aktif-with-berhenti-date": (
        {"tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01\n  berhenti: 2024-01-01"},
        ["16:13: error: tanggal.berhenti: inovasi berstatus 'aktif' tidak boleh punya tanggal berhenti"],
    ),
    "penerapan-before-mulai": (
        {"tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2019-06-01"},
        ["15:14: error: tanggal.penerapan: tanggal penerapan (2019-06-01) sebelum tanggal mulai (2020-01-15)"],
    ),
    "berhenti-before-penerapan": (
        {"status": "berhenti", "tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01\n  berhenti: 2020-03-01"},
        ["16:13: error: tanggal.berhenti: tanggal berhenti (2020-03-01) sebelum tanggal penerapan (2020-06-01)"],
    ),
    "berhenti-before-mulai": (
        {"tahapan": "uji_coba", "status": "berhenti", "tanggal": "\n  mulai: 2020-01-15\n  berhenti: 2019-12-31"},
        ["15:13: error: tanggal.berhenti: tanggal berhenti (2019-12-31) sebelum tanggal mulai (2020-01-15)"],
    ),
    "date-in-the-future": (
        {"tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2026-06-03"},
        ["15:14: error: tanggal.penerapan: tanggal 2026-06-03 ada di masa depan (hari ini 2026-06-02)"],
    ),
    "diperbarui-in-the-future": (
        {"diperbarui": "2026-12-31"},
        ["21:13: error: diperbarui: tanggal 2026-12-31 ada di masa depan (hari ini 2026-06-02)"],
    ),
    "year-in-the-future": (
        {"penghargaan": AWARD.format(tahun=2027)},
        ["25:12: error: penghargaan[0].tahun: tahun 2027 ada di masa depan"],
    ),
    "evaluation-year-in-the-future": (
        {"evaluasi": "\n  - jenis: internal\n    judul: Evaluasi internal\n    tahun: 2030"},
        ["25:12: error: evaluasi[0].tahun: tahun 2030 ada di masa depan"],
    ),
    "budget-year-too-far-ahead": (
        {"keberlanjutan": "\n  anggaran: [2025, 2026, 2028]"},
        ["23:26: error: keberlanjutan.anggaran[2]: tahun anggaran 2028 terlalu jauh di masa depan"],
    ),
    "budget-year-twice": (
        {"keberlanjutan": "\n  anggaran: [2025, 2026, 2025]"},
        ["23:26: error: keberlanjutan.anggaran[2]: tahun 2025 ditulis dua kali"],
    ),
    "result-after-not-after-before": (
        {"hasil": RESULT.format(before="2021-01-01", after="2020-01-01")},
        ["29:16: error: hasil[0].sesudah.tanggal: pengukuran sesudah (2020-01-01) harus setelah pengukuran "
         "sebelum (2021-01-01)"],
    ),
    "result-measured-the-same-day": (
        {"hasil": RESULT.format(before="2021-01-01", after="2021-01-01")},
        ["29:16: error: hasil[0].sesudah.tanggal: pengukuran sesudah (2021-01-01) harus setelah pengukuran "
         "sebelum (2021-01-01)"],
    ),
    "result-date-in-the-future": (
        {"hasil": RESULT.format(before="2021-01-01", after="2027-01-01")},
        ["29:16: error: hasil[0].sesudah.tanggal: tanggal 2027-01-01 ada di masa depan (hari ini 2026-06-02)"],
    ),
    # replication
    "modifikasi-needs-replikasi-dari": (
        {"kebaruan": "\n  jenis: modifikasi\n  uraian: Layanan kabupaten lain yang dikembangkan."},
        ["23:10: error: kebaruan.jenis: kebaruan 'modifikasi' memerlukan replikasi_dari: sebutkan inovasi asal "
         "yang dimodifikasi"],
    ),
    "replikasi-dari-both-forms": (
        {"replikasi_dari": "\n  - inovasi: mal-pelayanan-publik\n    instansi: Pemkab Contoh\n    tautan: https://contoh.go.id"},
        ["23:5: error: replikasi_dari[0]: isi `inovasi` (id entri katalog) saja, atau `instansi` dengan `tautan`, "
         "tidak keduanya"],
    ),
    "replikasi-dari-empty-item": (
        {"replikasi_dari": "\n  - {}"},
        ["23:5: error: replikasi_dari[0]: isi `inovasi` (id entri katalog) atau `instansi` dengan `tautan`"],
    ),
    "replikasi-dari-outside-without-link": (
        {"replikasi_dari": "\n  - instansi: Pemerintah Kota Surabaya"},
        ["23:5: error: replikasi_dari[0]: inovasi asal di luar katalog memerlukan `tautan` sebagai bukti"],
    ),
    "replikasi-dari-not-an-id": (
        {"replikasi_dari": "\n  - inovasi: Mal_Pelayanan"},
        ["23:14: error: replikasi_dari[0].inovasi: harus berupa id entri: huruf kecil, angka dan tanda hubung "
         "(misalnya 'tulungagung-adminduk-keliling'), bukan 'Mal_Pelayanan'"],
    ),
    "panduan-daring-needs-a-link": (
        {"panduan_replikasi": "\n  bentuk: daring"},
        ["22:1: error: panduan_replikasi: panduan berbentuk 'daring' memerlukan tautan"],
    ),
    "panduan-elektronik-needs-a-link": (
        {"panduan_replikasi": "\n  bentuk: elektronik\n  kebutuhan: Dua petugas"},
        ["22:1: error: panduan_replikasi: panduan berbentuk 'elektronik' memerlukan tautan"],
    ),
    # links, email
    "url-javascript": (
        {"tautan": "\n  situs: javascript:alert(1)"},
        ["23:10: error: tautan.situs: harus berupa alamat web yang diawali http:// atau https://, bukan "
         "'javascript:alert(1)'"],
    ),
    "url-ftp": (
        {"tautan": "\n  dokumen:\n    - judul: Panduan layanan\n      url: ftp://contoh.go.id/panduan.pdf"},
        ["25:12: error: tautan.dokumen[0].url: harus berupa alamat web yang diawali http:// atau https://, bukan "
         "'ftp://contoh.go.id/panduan.pdf'"],
    ),
    "url-without-host": (
        {"manfaat": "\n  dasar: penerima\n  bukti: https://"},
        ["24:10: error: manfaat.bukti: harus berupa alamat web yang diawali http:// atau https://, bukan 'https://'"],
    ),
    "url-with-space": (
        {"tautan": "\n  video: https://contoh.go.id/video saya"},
        ["23:10: error: tautan.video: harus berupa alamat web yang diawali http:// atau https://, bukan "
         "'https://contoh.go.id/video saya'"],
    ),
    "email-without-at": (
        {"kontak": "\n  jabatan: Kepala Bidang Pelayanan\n  email: layanan.dinas.go.id"},
        ["24:10: error: kontak.email: harus berupa satu alamat email saja, tanpa nama atau "
         "tambahan (misalnya layanan@dinas.go.id), bukan 'layanan.dinas.go.id'"],
    ),
    "email-with-markup": (
        {"kontak": "\n  jabatan: Kepala Bidang Pelayanan\n  email: '<a@b.go.id>'"},
        ["24:10: error: kontak.email: harus berupa satu alamat email saja, tanpa nama atau "
         "tambahan (misalnya layanan@dinas.go.id), bukan '<a@b.go.id>'"],
    ),
    "email-with-a-query": (
        {"kontak": "\n  jabatan: Kepala Bidang Pelayanan\n  email: layanan@dinas.go.id?bcc=x@y.id"},
        ["24:10: error: kontak.email: harus berupa satu alamat email saja, tanpa nama atau "
         "tambahan (misalnya layanan@dinas.go.id), bukan 'layanan@dinas.go.id?bcc=x@y.id'"],
    ),
    "telephone-in-words": (
        {"kontak": "\n  jabatan: Kepala Bidang Pelayanan\n  telepon: hubungi kantor"},
        ["24:12: error: kontak.telepon: harus berupa satu nomor telepon: angka yang boleh dipisah spasi atau tanda "
         "hubung, dengan kode area dalam kurung atau kode negara di depan (misalnya (0333) 424000, 0333-424000 atau "
         "+62 811-2345-678), bukan 'hubungi kantor'"],
    ),
    # duplicate list items
    "urusan-twice": (
        {"urusan": "\n  - kesehatan\n  - sosial\n  - kesehatan"},
        ["21:5: error: urusan[2]: 'kesehatan' ditulis dua kali"],
    ),
    "sdg-twice": ({"sdgs": "[3, 16, 3]"}, ["22:15: error: sdgs[2]: 3 ditulis dua kali"]),
    "area-twice": (
        {"area_perubahan": "\n  - deregulasi-kebijakan\n  - deregulasi-kebijakan"},
        ["24:5: error: area_perubahan[1]: 'deregulasi-kebijakan' ditulis dua kali"],
    ),
    "value-twice": (
        {"nilai_berakhlak": "[adaptif, akuntabel, adaptif]"},
        ["22:39: error: nilai_berakhlak[2]: 'adaptif' ditulis dua kali"],
    ),
    # counted benefits are whole numbers
    "benefit-count-with-decimals": (
        {"manfaat": "\n  dasar: penerima\n  nilai: 10.5"},
        ["24:10: error: manfaat.nilai: manfaat berdasar 'penerima' dihitung dengan bilangan bulat, bukan 10.5"],
    ),
}


@pytest.mark.parametrize(("overrides", "expected"), FAILING.values(), ids=FAILING.keys())
def test_rule_fails_at_the_exact_place(h, overrides, expected):
    assert sorted(errors(h, h.entry_text(**overrides))) == sorted(expected)


PASSING = {
    "judul-looks-like-a-date": {"judul": "2021-03-01"},
    "judul-of-five-characters": {"judul": "SIPAK"},
    "judul-of-160-characters": {"judul": "A" * 160},
    "kode-written-as-a-number": {"wilayah": WILAYAH_JATIM.format(kode="35.10")},
    "kode-province-only": {"wilayah": WILAYAH_JATIM.format(kode="35")},
    "kode-village": {"wilayah": WILAYAH_JATIM.format(kode="35.04.01.2001")},
    "nasional-without-kode": NASIONAL,
    "pemprov-without-kabupaten-kota": {
        "instansi": "\n  nama: Pemerintah Provinsi Jawa Timur\n  jenis: pemprov",
        "wilayah": "\n  provinsi: jawa-timur\n  kode: '35'",
    },
    "uji-coba-without-penerapan-date": {"tahapan": "uji_coba", "tanggal": "\n  mulai: 2020-01-15"},
    "berhenti-with-its-date": {
        "status": "berhenti", "tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01\n  berhenti: 2023-12-31",
    },
    "all-dates-the-same-day": {
        "status": "berhenti", "tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-01-15\n  berhenti: 2020-01-15",
    },
    "dates-on-today": {"tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2026-06-02", "diperbarui": "2026-06-02"},
    "year-this-year": {"penghargaan": AWARD.format(tahun=2026)},
    "budget-next-year": {"keberlanjutan": "\n  anggaran: [2025, 2026, 2027]"},
    "leap-day": {"tanggal": "\n  mulai: 2020-02-29\n  penerapan: 2020-06-01"},
    "result-after-later": {"hasil": RESULT.format(before="2020-01-01", after="2021-01-01")},
    "modifikasi-with-replikasi-dari": {
        "kebaruan": "\n  jenis: modifikasi\n  uraian: Layanan kabupaten lain yang dikembangkan.",
        "replikasi_dari": "\n  - instansi: Pemerintah Kota Surabaya\n    tautan: https://surabaya.go.id/layanan",
    },
    "replikasi-dari-an-entry": {"replikasi_dari": "\n  - inovasi: mal-pelayanan-publik"},
    "panduan-cetak-without-a-link": {"panduan_replikasi": "\n  bentuk: cetak"},
    "panduan-daring-with-a-link": {"panduan_replikasi": "\n  bentuk: daring\n  tautan: https://contoh.go.id/belajar"},
    "http-and-https-links": {"tautan": "\n  situs: http://contoh.go.id\n  video: https://youtu.be/abc?t=1"},
    "email": {"kontak": "\n  jabatan: Kepala Bidang Pelayanan\n  email: layanan@dinas.go.id"},
    "distinct-list-items": {"urusan": "[kesehatan, sosial]", "sdgs": "[3, 16]"},
    "benefit-count-written-with-a-point-zero": {"manfaat": "\n  dasar: penerima\n  nilai: 120.0"},
    "benefit-percentage-with-decimals": {"manfaat": "\n  dasar: cakupan\n  nilai: 12.5"},
    "draf-true": {"draf": "true"},
    "draf-false": {"draf": "false"},
    "empty-optional-list": {"hasil": ""},
    "number-kept-as-text": {
        "keberlanjutan": "\n  dasar_hukum:\n    - jenis: perkada\n      nomor: 12.50\n      tahun: 2020",
    },
    "text-written-over-lines": {
        "ringkasan": ">-\n  Petugas Dukcapil mendatangi desa terpencil\n  untuk melayani KTP-el.",
    },
}


@pytest.mark.parametrize("overrides", PASSING.values(), ids=PASSING.keys())
def test_rule_passes_an_entry_that_follows_it(h, overrides):
    assert h.check(h.entry_text(**overrides)) == []


# --- values the loader and model keep as written ----------------------------------------------------


def _entry(h, **overrides):
    entry, diags = validate_parsed(_parse(h.entry_text(**overrides)), h.DEFAULT_ID, h.TODAY)
    assert diags == []
    return entry


def test_kode_written_as_a_decimal_is_kept_as_written(h):
    assert _entry(h, wilayah=WILAYAH_JATIM.format(kode="35.10")).wilayah.kode == "35.10"


def test_judul_that_looks_like_a_date_stays_text(h):
    assert _entry(h, judul="2021-03-01").judul == "2021-03-01"


def test_number_in_a_text_field_keeps_its_digits(h):
    text = "\n  dasar_hukum:\n    - jenis: perkada\n      nomor: 007\n      tahun: 2020\n  sumber_anggaran: [2020]"
    keberlanjutan = _entry(h, keberlanjutan=text).keberlanjutan
    assert keberlanjutan.dasar_hukum[0].nomor == "007"
    assert keberlanjutan.sumber_anggaran == ["2020"]


def test_status_no_is_not_a_boolean(h):
    (diag,) = h.check(h.entry_text(status="no"))
    assert "bukan 'no'" in diag.message
    assert "false" not in diag.message


def test_a_number_in_a_text_field_does_not_hide_other_errors(h):
    text = h.entry_text(judul="12345", status="Aktif")
    assert errors(h, text) == [
        "12:9: error: status: harus salah satu dari 'aktif' | 'berhenti', bukan 'Aktif' (maksud Anda 'aktif'?)"
    ]


def test_every_error_of_an_entry_is_reported_at_once(h):
    text = h.entry_text(judul="KTP", status="Aktif", sdgs="[18]", tautan="\n  situs: ftp://x.go.id")
    assert [e.split(": error")[0] for e in errors(h, text)] == ["2:8", "12:9", "22:8", "24:10"]


def test_rules_across_fields_run_only_on_a_valid_model(h):
    # An unknown status says nothing about the stop date: only the model's error is shown.
    tanggal = "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01\n  berhenti: 2021-01-01"
    text = h.entry_text(status="selesai", tanggal=tanggal)
    assert len(errors(h, text)) == 1


# --- today comes from the caller ----------------------------------------------------------------------


def test_future_is_relative_to_the_given_today(h):
    text = h.entry_text(diperbarui="2026-06-03")
    assert errors(h, text, today=date(2026, 6, 2)) == [
        "21:13: error: diperbarui: tanggal 2026-06-03 ada di masa depan (hari ini 2026-06-02)"
    ]
    assert h.check(text, today=date(2026, 6, 3)) == []


def test_future_year_is_relative_to_the_given_today(h):
    text = h.entry_text(penghargaan=AWARD.format(tahun=2027))
    assert errors(h, text, today=date(2026, 12, 31)) == [
        "25:12: error: penghargaan[0].tahun: tahun 2027 ada di masa depan"
    ]
    assert h.check(text, today=date(2027, 1, 1)) == []


# --- warnings: reported, never failing ----------------------------------------------------------------


def test_entry_verified_over_twelve_months_ago_is_a_warning(h):
    (diag,) = h.check(h.entry_text(diperbarui="2025-06-01"))
    assert diag.format() == (
        "entri.md:21:13: warning: diperbarui: data terakhir diperbarui 2025-06-01, lebih dari 12 bulan lalu: "
        "periksa datanya, lalu perbarui tanggal ini"
    )
    assert not diag.is_error


def test_entry_verified_exactly_twelve_months_ago_is_fine(h):
    assert h.check(h.entry_text(diperbarui="2025-06-02")) == []


@pytest.mark.parametrize("body", ["", "\n\n   \n"], ids=["empty", "blank"])
def test_empty_body_is_a_warning(h, body):
    (diag,) = h.check(h.entry_text(body=body))
    assert diag.format() == (
        "entri.md:1:1: warning: isi entri masih kosong: tulis Latar Belakang, Inovasi, Hasil dan Dampak, "
        "Cara Mereplikasi"
    )


def test_warnings_do_not_make_the_entry_invalid(h):
    entry, diags = validate_parsed(_parse(h.entry_text(diperbarui="2024-01-01", body="")), h.DEFAULT_ID, h.TODAY)
    assert entry is not None
    assert [d.severity for d in diags] == ["warning", "warning"]


# --- the file name is the id ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "entry_id",
    ["Adminduk-Keliling", "adminduk_keliling", "-adminduk", "adminduk-", "adminduk--keliling", "adminduk keliling",
     "layanan-é", "a" * 101],
)
def test_file_name_that_is_not_an_id(h, entry_id):
    (diag,) = h.check(h.VALID, entry_id)
    assert (diag.line, diag.col, diag.field) == (1, 1, "")
    assert diag.message == (
        f"nama file {entry_id!r} tidak sah sebagai id: gunakan huruf kecil, angka dan tanda hubung "
        "(misalnya 'tulungagung-adminduk-keliling.md')"
    )


@pytest.mark.parametrize("entry_id", ["a", "sp4n-lapor", "2024-layanan", "a" * 100])
def test_file_name_that_is_an_id(h, entry_id):
    assert h.check(h.VALID, entry_id) == []


def test_bad_file_name_is_reported_with_the_entry_s_own_errors(h):
    diags = h.check(h.entry_text(status="Aktif"), "Adminduk")
    assert [(d.line, d.col) for d in diags] == [(1, 1), (12, 9)]


def test_bad_file_name_is_reported_even_when_the_yaml_is_broken(h):
    diags = h.check("---\njudul: [\n---\n", "Adminduk")
    assert len(diags) == 2
    assert any("tidak sah sebagai id" in d.message for d in diags)


# --- gambar: a relative path to an image that exists -------------------------------------------------


@pytest.fixture
def entry_file(catalogue_dir: Path) -> Path:
    folder = catalogue_dir / "innovations" / "jawa-timur"
    folder.mkdir(parents=True)
    (folder / "gambar").mkdir()
    (folder / "gambar" / "layanan.jpg").write_bytes(b"\xff\xd8\xff")
    (catalogue_dir / "assets").mkdir()
    (catalogue_dir / "assets" / "bersama.png").write_bytes(b"\x89PNG")
    (catalogue_dir / "assets" / "catatan.txt").write_text("x")
    return folder / "adminduk-keliling.md"


@pytest.mark.parametrize("gambar", ["gambar/layanan.jpg", "../../assets/bersama.png", "./gambar/layanan.jpg"])
def test_image_that_exists_below_the_content_folder(h, entry_file, gambar):
    assert h.check(h.entry_text(gambar=gambar), file_path=entry_file) == []


@pytest.mark.parametrize(
    ("gambar", "message"),
    [
        ("gambar/tidak-ada.jpg", "file gambar 'gambar/tidak-ada.jpg' tidak ditemukan (dicari relatif terhadap folder "
                                 "entri)"),
        ("https://contoh.go.id/foto.jpg", "gambar harus berupa path relatif ke file di repositori, misalnya "
                                          "'gambar/layanan.jpg'"),
        ("/etc/foto.png", "gambar harus berupa path relatif ke file di repositori, misalnya 'gambar/layanan.jpg'"),
        ("gambar\\\\layanan.jpg", "gambar harus berupa path relatif ke file di repositori, misalnya "
                                  "'gambar/layanan.jpg'"),
        ("../../assets/catatan.txt", "gambar harus berformat .avif, .gif, .jpeg, .jpg, .png, .svg, .webp"),
        ("gambar", "gambar harus berformat .avif, .gif, .jpeg, .jpg, .png, .svg, .webp"),
        ("../../../../rahasia.png", "gambar harus berada di dalam folder konten"),
    ],
    ids=["missing", "url", "absolute", "backslash", "not-an-image", "folder", "outside-content"],
)
def test_image_rules(h, entry_file, gambar, message):
    text = h.entry_text(gambar=f'"{gambar}"')
    assert errors(h, text, file_path=entry_file) == [f"22:9: error: gambar: {message}"]


def test_image_is_not_looked_up_without_a_file(h):
    # parse_bytes + validate_parsed without a path (an in-memory check) cannot look for the file.
    assert h.check(h.entry_text(gambar="gambar/tidak-ada.jpg")) == []


def test_placeholder_text_of_a_replication_draft_may_not_be_published(h):
    text = h.entry_text(instansi="\n  nama: GANTI dengan nama instansi Anda\n  jenis: pemkab")
    diag = h.only(h.check(text), "error")
    assert (diag.line, diag.col, diag.field) == (*h.at(text, "nama: ^GANTI"), "instansi.nama")
    assert diag.message == ("masih berisi teks contoh 'GANTI dengan nama instansi Anda': ganti dengan isian Anda "
                            "sendiri")


def test_placeholder_text_in_a_draft_is_one_warning_listing_what_is_left(h):
    text = h.entry_text(instansi="\n  nama: GANTI dengan nama instansi Anda\n  jenis: pemkab", draf="true")
    diag = h.only(h.check(text), "warning")
    assert (diag.line, diag.col) == (1, 1)
    assert diag.message.endswith("sebelum `draf: true` dihapus: instansi.nama (baris 5)")
    assert h.check(h.entry_text(masalah="Ganti rugi lahan warga yang lambat dibayar bertahun-tahun.")) == []
