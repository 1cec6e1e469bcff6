"""The *Usulkan inovasi* issue form: one question per front-matter field, generated from the model's
vocabularies, so the form and the catalogue never disagree.

`katalog form --write .github/ISSUE_TEMPLATE/usulkan-inovasi.yml` writes it; a test keeps the
committed form equal to `form_yaml()`. `intake` reads the body GitHub writes for an issue opened
with it (`### Label`, then the answer). Every dropdown shows the vocabulary's labels (what a civil
servant reads); `intake` maps a label back to its slug.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from . import vocabulary as v
from .criteria import RULES

LABEL = "usulan-inovasi"
"""The label the form puts on its issues; the intake workflow runs on it."""

TEMPLATE_PATH = ".github/ISSUE_TEMPLATE/usulkan-inovasi.yml"
TITLE_PREFIX = "[Usulan] "  # the title starts so
REPLICATES_FIELD = "replikasi_dari"  # the question naming the entries a proposal replicates


@dataclass(frozen=True)
class Column:
    """One column of a one-item-per-line textarea (`a | b | c`)."""

    name: str  # what the author reads in the description and in diagnostics
    key: str  # the key path inside the item, e.g. "sebelum.nilai"
    required: bool = False


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    kind: str  # "input" | "textarea" | "dropdown" | "checkboxes" | "markdown"
    description: str = ""
    required: bool = False
    key: str = ""  # the front-matter key path the answer fills ("" for the body, the consent)
    vocabulary: str | None = None  # dropdowns: a name of `vocabulary.ALL`
    multiple: bool = False
    placeholder: str | None = None
    default: int | None = None
    columns: tuple[Column, ...] = ()  # textareas holding one item per line
    checks: tuple[str, ...] = field(default_factory=tuple)  # checkbox options

    @property
    def options(self) -> list[str]:
        return list(v.ALL[self.vocabulary].values()) if self.vocabulary else []


def _line_format(columns: tuple[Column, ...]) -> str:
    return " | ".join(c.name for c in columns)


HASIL_COLUMNS = (
    Column("indikator", "indikator", required=True), Column("sebelum", "sebelum.nilai"),
    Column("sesudah", "sesudah.nilai"), Column("satuan", "satuan"), Column("tanggal sebelum", "sebelum.tanggal"),
    Column("tanggal sesudah", "sesudah.tanggal"), Column("sumber", "sumber"), Column("tautan bukti", "bukti"),
)
EVALUASI_COLUMNS = (
    Column("jenis", "jenis", required=True), Column("judul", "judul", required=True),
    Column("tahun", "tahun", required=True), Column("tautan", "tautan"),
)
DASAR_HUKUM_COLUMNS = (
    Column("jenis", "jenis", required=True), Column("nomor", "nomor", required=True),
    Column("tahun", "tahun", required=True), Column("tautan", "tautan"),
)
PENGHARGAAN_COLUMNS = (
    Column("ajang", "ajang", required=True), Column("nama", "nama", required=True),
    Column("tahun", "tahun", required=True), Column("capaian", "capaian"),
)

_LINES = ("Tulis satu per baris, bagian-bagiannya dipisah garis tegak `|`. Bagian yang tidak Anda ketahui "
          "boleh dikosongkan, tetapi garis tegaknya tetap ditulis.")
_NUMBERS = "Angka boleh ditulis seperti biasa: `1.250`, `24,5`, `45%`, `Rp 2,5 juta`."
_DATES = "Tanggal ditulis `2024-03-01`, `1-3-2024` atau `1 Maret 2024`."


def _choices(vocabulary: str) -> str:
    return ", ".join(f"`{slug}` ({label})" for slug, label in v.ALL[vocabulary].items())


QUESTIONS: tuple[Question, ...] = (
    Question("pengantar", "", "markdown", description=(
        "Terima kasih telah mengusulkan inovasi! Setelah formulir ini dikirim, sebuah *pull request* berisi "
        "entri Anda dibuat otomatis dan pengelola katalog memeriksanya; begitu digabungkan, inovasi tampil di situs. "
        "Jawaban di isu ini menyebut setiap isian yang perlu diperbaiki dan bukti yang menaikkan lencana: sunting "
        "isu (menu ··· → *Edit*), entri dan jawabannya diperbarui.\n\n"
        "Isi hanya data yang Anda ketahui pasti. Bagian **Bukti** menentukan lencana lima kriteria "
        "(kebaruan, efektif, bermanfaat, dapat ditransfer, berkelanjutan): angka tanpa sumber sebaiknya "
        "dikosongkan.")),
    Question("judul", "Judul inovasi", "input", "Nama inovasi seperti dikenal masyarakat, 5–160 karakter.",
             required=True, key="judul", placeholder="Layanan Adminduk Keliling"),
    Question("ringkasan", "Ringkasan", "textarea",
             "Satu paragraf (20–600 karakter): apa inovasinya, untuk siapa, dan apa bedanya bagi warga.",
             required=True, key="ringkasan"),
    Question("instansi", "Nama instansi pemilik", "input", "Nama resmi instansi, misalnya Dinas Kependudukan dan "
             "Pencatatan Sipil Kabupaten Tulungagung.", required=True, key="instansi.nama"),
    Question("jenis_instansi", "Jenis instansi", "dropdown", required=True, key="instansi.jenis",
             vocabulary="jenis_instansi"),
    Question("unit", "Unit penyelenggara layanan", "input", "Boleh dikosongkan. Unit yang melayani warga, "
             "misalnya UPT Pelayanan Terpadu.", key="unit"),
    Question("provinsi", "Provinsi", "dropdown", "Pilih *Nasional (instansi pusat)* untuk kementerian dan lembaga.",
             required=True, key="wilayah.provinsi", vocabulary="provinsi"),
    Question("kabupaten_kota", "Kabupaten/kota", "input", "Wajib untuk pemerintah kabupaten/kota, misalnya "
             "Kabupaten Tulungagung. Kosongkan untuk instansi provinsi atau pusat.", key="wilayah.kabupaten_kota"),
    Question("kode", "Kode wilayah Kemendagri", "input", "Boleh dikosongkan. Misalnya `35.04` (dua angka pertama "
             "adalah kode provinsi).", key="wilayah.kode"),
    Question("urusan", "Urusan pemerintahan", "dropdown", "Boleh memilih lebih dari satu (UU 23/2014).",
             required=True, key="urusan", vocabulary="urusan", multiple=True),
    Question("tahapan", "Tahapan", "dropdown", "Inisiatif: baru gagasan. Uji coba: dicoba terbatas. Penerapan: "
             "sudah berjalan untuk warga.", required=True, key="tahapan", vocabulary="tahapan"),
    Question("status", "Status", "dropdown", "Apakah inovasi masih berjalan?", required=True, key="status",
             vocabulary="status", default=0),
    Question("mulai", "Tanggal mulai", "input", f"Kapan inovasi dimulai (tanggal lengkap, seperti di SK atau laporan "
             f"pertamanya). {_DATES}", required=True,
             key="tanggal.mulai", placeholder="2021-03-01"),
    Question("penerapan", "Tanggal mulai diterapkan", "input", f"Wajib bila tahapannya Penerapan. {_DATES}",
             key="tanggal.penerapan"),
    Question("berhenti", "Tanggal berhenti", "input", f"Hanya bila statusnya Berhenti. {_DATES}",
             key="tanggal.berhenti"),
    Question("jenis", "Jenis inovasi", "dropdown", required=True, key="jenis", vocabulary="jenis"),
    Question("bentuk", "Bentuk inovasi", "dropdown", "Menurut PP 38/2017.", required=True, key="bentuk",
             vocabulary="bentuk"),
    Question("masalah", "Masalah publik yang diselesaikan", "textarea",
             "Keadaan warga sebelum ada inovasi ini: apa yang sulit, lama atau mahal (minimal 20 karakter).",
             required=True, key="masalah"),
    Question("bagian_bukti", "", "markdown", description=(
        "## Bukti untuk lencana\n\nSemua bagian berikut boleh dikosongkan, tetapi setiap bagian yang diisi "
        "menambah lencana. Sertakan tautan ke dokumen yang bisa dibuka publik bila ada.")),
    Question("kebaruan_jenis", "Jenis kebaruan", "dropdown", "Lencana *kebaruan*. Pilih *Modifikasi* bila inovasi "
             "ini meniru inovasi lain lalu dikembangkan.", key="kebaruan.jenis", vocabulary="jenis_kebaruan"),
    Question("kebaruan_uraian", "Apa yang baru", "textarea", "Dengan kata-kata Anda sendiri: apa yang baru "
             f"dibandingkan cara lama atau daerah lain (untuk lencana, minimal {RULES.min_words} kata).",
             key="kebaruan.uraian"),
    Question(REPLICATES_FIELD, "Inovasi asal yang ditiru", "textarea", (
        "Wajib bila jenis kebaruannya Modifikasi. Satu per baris: id entri di katalog ini (misalnya "
        "`mal-pelayanan-publik`), atau `nama instansi asal | tautan bukti` untuk inovasi di luar katalog."),
        key="replikasi_dari", columns=(Column("inovasi atau instansi", "inovasi", required=True),
                                       Column("tautan", "tautan"))),
    Question("hasil", "Hasil terukur (sebelum dan sesudah)", "textarea", (
        f"Lencana *efektif*. {_LINES}\n\n`{_line_format(HASIL_COLUMNS)}`\n\nContoh:\n\n"
        "`Waktu tunggu KTP-el | 14 | 1 | hari | 2019-01-31 | 2021-12-31 | Laporan Dinas Dukcapil 2021 | "
        "https://dukcapil.contoh.go.id/laporan`\n\n"
        f"{_NUMBERS} {_DATES}"), key="hasil", columns=HASIL_COLUMNS),
    Question("evaluasi", "Evaluasi", "textarea", (
        f"Lencana *efektif*. {_LINES}\n\n`{_line_format(EVALUASI_COLUMNS)}`\n\n"
        f"Jenis: {_choices('jenis_evaluasi')}.\n\nContoh: `survei_kepuasan | Survei Kepuasan Masyarakat 2023 | 2023 | "
        "https://contoh.go.id/skm-2023`"), key="evaluasi", columns=EVALUASI_COLUMNS),
    Question("manfaat_dasar", "Dasar manfaat", "dropdown", "Lencana *bermanfaat*: pilih satu ukuran manfaat.",
             key="manfaat.dasar", vocabulary="dasar_manfaat"),
    Question("manfaat_nilai", "Angka manfaat", "input", (
        "Sesuai dasar yang dipilih: jumlah orang penerima, persen cakupan, persen efisiensi atau pendapatan, "
        f"jumlah produk, atau jumlah periode tren naik. {_NUMBERS}"), key="manfaat.nilai"),
    Question("manfaat_keterangan", "Keterangan manfaat", "input", "Satu kalimat: dari mana angka itu.",
             key="manfaat.keterangan"),
    Question("manfaat_bukti", "Tautan bukti manfaat", "input", "Alamat web (https://…) laporan atau data.",
             key="manfaat.bukti"),
    Question("dasar_hukum", "Dasar hukum", "textarea", (
        f"Lencana *berkelanjutan*. {_LINES}\n\n`{_line_format(DASAR_HUKUM_COLUMNS)}`\n\n"
        f"Jenis: {_choices('jenis_dasar_hukum')}; sebutan seperti Perbup, Pergub, Perwali, SK Bupati atau "
        "Permendagri juga dikenali.\n\nContoh: `perkada | 12 | 2021 | https://jdih.contoh.go.id/perbup-12-2021`, atau "
        "kutipannya saja: `Peraturan Bupati Tulungagung Nomor 12 Tahun 2021 | https://jdih.contoh.go.id/perbup-12-2021`"
        ", `Perbup No. 12/2021`"), key="keberlanjutan.dasar_hukum", columns=DASAR_HUKUM_COLUMNS),
    Question("anggaran", "Tahun anggaran", "input", "Lencana *berkelanjutan*: tahun-tahun inovasi dibiayai, "
             "misalnya `2024, 2025, 2026` atau `2023-2026`.", key="keberlanjutan.anggaran"),
    Question("sumber_anggaran", "Sumber anggaran", "input", "Dipisah koma, misalnya `APBD, Dana Desa`.",
             key="keberlanjutan.sumber_anggaran"),
    Question("pelaksana_unit", "Unit atau tim pelaksana", "input", "Lencana *berkelanjutan*: unit yang "
             "menjalankan inovasi.", key="keberlanjutan.pelaksana.unit"),
    Question("pelaksana_sk", "Nomor SK tim pelaksana", "input", "Nomor surat keputusan yang membentuk tim atau "
             "unit pelaksana.", key="keberlanjutan.pelaksana.sk"),
    Question("panduan_bentuk", "Bentuk panduan replikasi", "dropdown", "Lencana *dapat ditransfer*: panduan bagi "
             "instansi lain yang ingin meniru.", key="panduan_replikasi.bentuk", vocabulary="bentuk_panduan"),
    Question("panduan_tautan", "Tautan panduan replikasi", "input", "Wajib kecuali panduannya cetak.",
             key="panduan_replikasi.tautan"),
    Question("panduan_kebutuhan", "Kebutuhan untuk mereplikasi", "textarea", "Sumber daya yang dibutuhkan: "
             "petugas, peralatan, anggaran, aplikasi.", key="panduan_replikasi.kebutuhan"),
    Question("penghargaan", "Penghargaan", "textarea", (
        f"{_LINES}\n\n`{_line_format(PENGHARGAAN_COLUMNS)}`\n\nAjang: {_choices('ajang')}.\n\n"
        "Contoh: `kipp | Top 45 Inovasi Pelayanan Publik | 2022 | Top 45`"),
        key="penghargaan", columns=PENGHARGAAN_COLUMNS),
    Question("kontak_jabatan", "Jabatan kontak", "input", "Jabatan yang dapat dihubungi, bukan nama pribadi, "
             "misalnya Kepala Bidang Pelayanan.", key="kontak.jabatan"),
    Question("kontak_email", "Email dinas", "input", "Alamat email instansi, misalnya layanan@dinas.go.id.",
             key="kontak.email"),
    Question("kontak_telepon", "Telepon kantor", "input", "Misalnya (0355) 321000.", key="kontak.telepon"),
    Question("situs", "Situs atau aplikasi", "input", "Alamat web inovasi (https://…).", key="tautan.situs"),
    Question("cerita", "Cerita lengkap", "textarea", "Latar belakang, cara kerja inovasi, hasil dan cara "
             "mereplikasi; boleh memakai judul bagian `## …`. Diperlukan agar entri terbit: bila dikosongkan, usulan "
             "disimpan sebagai draf sampai ceritanya ditulis.", key=""),
    Question("persetujuan", "Persetujuan", "checkboxes", required=True, checks=(
        "Data ini benar dan boleh diterbitkan di katalog dengan lisensi CC BY 4.0.",)),
)

BY_ID = {q.id: q for q in QUESTIONS}
BY_LABEL = {q.label: q for q in QUESTIONS if q.label}


def form() -> dict[str, Any]:
    """The issue form as GitHub's schema wants it."""
    body = []
    for q in QUESTIONS:
        if q.kind == "markdown":
            body.append({"type": "markdown", "attributes": {"value": q.description}})
            continue
        attributes: dict[str, Any] = {"label": q.label}
        if q.description:
            attributes["description"] = q.description
        if q.placeholder:
            attributes["placeholder"] = q.placeholder
        if q.kind == "dropdown":
            if q.multiple:
                attributes["multiple"] = True
            attributes["options"] = q.options
            if q.default is not None:
                attributes["default"] = q.default
        if q.kind == "checkboxes":
            attributes["options"] = [{"label": text, "required": True} for text in q.checks]
        item: dict[str, Any] = {"type": q.kind, "id": q.id, "attributes": attributes}
        if q.required and q.kind != "checkboxes":
            item["validations"] = {"required": True}
        body.append(item)
    return {
        "name": "Usulkan inovasi",
        "description": "Usulkan inovasi pelayanan publik tanpa perlu memakai git: draf entrinya dibuat otomatis.",
        "title": TITLE_PREFIX,
        "labels": [LABEL],
        "body": body,
    }


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _str)

HEADER = (f"# Dibuat dari kosakata katalog oleh `katalog form --write {TEMPLATE_PATH}`.\n"
          "# Jangan disunting langsung: ubah generator/issueform.py atau generator/vocab/, lalu jalankan perintah itu.\n")


def form_yaml() -> str:
    return HEADER + yaml.dump(form(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
