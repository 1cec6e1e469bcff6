"""The entry model: one pydantic class per object of the front matter.

This is the single source of truth for what an entry may contain. The JSON Schema
(`katalog schema`, `/api/schema.json`) and the field reference of the contributing guide are
generated from these classes; the vocabularies come from `vocabulary.py`.

Validation is strict (no silent coercion) and unknown keys are forbidden. Rules that span
several fields (date order, conditional requirements) live in `validation.py`, where each
finding can be placed at the exact key it concerns.
"""

from __future__ import annotations

import re
from datetime import date
from difflib import get_close_matches
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from . import reading
from . import vocabulary as v
from .text import BULAN

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KODE_PATTERN = r"^\d{2}(?:\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?)?$"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_ENUM_LISTED = 8


def fail(kind: str, message: str) -> PydanticCustomError:
    """A validation error whose message is ours, already in the authors' words."""
    return PydanticCustomError(kind, "{pesan}", {"pesan": message})


def suggest(value: str, options: list[str] | tuple[str, ...]) -> str | None:
    """The closest option to a misspelt value, for "maksud Anda …?" hints."""
    norm = value.strip().lower().replace(" ", "_")
    for candidate in (norm, norm.replace("_", "-"), norm.replace("-", "_")):
        if candidate in options:
            return candidate
    found = get_close_matches(norm, options, n=1, cutoff=0.6)
    return found[0] if found else None


# --- scalar types ---------------------------------------------------------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise fail("tanggal", f"tanggal '{value}' tidak ada di kalender") from None
    written = getattr(value, "source_text", None) or (value if isinstance(value, str) else None)
    if isinstance(written, str):
        meant = reading.read_date(written)
        if meant is not None:
            raise fail("tanggal", f"harus berupa tanggal TTTT-BB-HH, bukan {quoted(written)} (maksud Anda "
                                  f"{meant.isoformat()}, yaitu {meant.day} {BULAN[meant.month - 1]} {meant.year}?)")
        partial = reading.partial_date(written)
        if partial:
            year = reading.read_years(written)
            example = f"{year[-1] if year else 2019}-03-01"
            raise fail("tanggal", f"harus berupa tanggal lengkap TTTT-BB-HH, bukan {quoted(written)}: itu {partial}; "
                                  f"tulis tanggal lengkapnya seperti tercantum di dokumennya, misalnya {example}")
    raise fail("tanggal", f"harus berupa tanggal TTTT-BB-HH (misalnya 2024-03-01), bukan {quoted(value)}")


def quoted(value: Any) -> str:
    """A value as a message quotes it: a string in quotes (cut at 60 characters), a mapping or a
    list by what it is."""
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "sebuah pemetaan (kunci: nilai)"
    if isinstance(value, list):
        return "sebuah daftar"
    return repr(value)


# Most checks are pydantic-core constraints (patterns, literals), not Python callbacks: at
# 32,000 entries every callback per value costs seconds. `validation.py` words their errors;
# PATTERN_MESSAGES is how it tells which pattern a value missed.
URL_PATTERN = r"^https?://[^\s/?#@\\%]+(?:[/?#\\][^\s]*)?$"
"""An http(s) address: a host with no user information before it (`https://a.go.id@b.com/` goes
to b.com) and no percent-escape in it, then anything without spaces."""
# Patterns are written in the common subset of Rust's regex (pydantic-core) and ECMA-262 (the
# published JSON Schema is compiled by JavaScript validators too): no escaped quotes, no
# look-arounds. An e-mail is a bare address: no name, no `mailto:`, no `?bcc=` or other query.
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
TELEPON_PATTERN = r"^(\+[0-9]{1,3} ?|\(0[0-9]{1,4}\) ?)?[0-9]+([ -][0-9]+)*$"
PATTERN_MESSAGES = {
    URL_PATTERN: "harus berupa alamat web yang diawali http:// atau https://",
    EMAIL_PATTERN: "harus berupa satu alamat email saja, tanpa nama atau tambahan (misalnya layanan@dinas.go.id)",
    TELEPON_PATTERN: "harus berupa satu nomor telepon: angka yang boleh dipisah spasi atau tanda hubung, dengan kode "
                     "area dalam kurung atau kode negara di depan (misalnya (0333) 424000, 0333-424000 atau "
                     "+62 811-2345-678)",
    ID_PATTERN: "harus berupa id entri: huruf kecil, angka dan tanda hubung (misalnya 'tulungagung-adminduk-keliling')",
    KODE_PATTERN: "harus berupa kode wilayah Kemendagri: NN, NN.NN, NN.NN.NN atau NN.NN.NN.NNNN",
}

def _readable_url(value: str) -> str:
    """An address the pattern lets through but that no browser or URL parser reads as one: a
    host with a lone `[` or `]` (`http://[x/`), or with characters that become `@`, `/`, `?`,
    `#` or `:` once normalised (`http://a＠b.com/`, `http://a℀b.go.id/`). Only called on the few
    addresses of an entry, after the pattern matched; an ASCII address with no bracket is let
    through without `urlsplit`, which can refuse nothing else (it cost a quarter of the
    parent's `validate_json` of each entry; `test_load_fast_paths` holds the two together)."""
    if value.isascii() and "[" not in value and "]" not in value:
        return value  # `urlsplit` raises only on a bracket in the host, or a host not in ASCII
    try:
        urlsplit(value)
    except ValueError:
        raise fail("url_pattern", f"harus berupa alamat web yang dapat dibuka, bukan {quoted(value)}: nama situsnya "
                   "memuat tanda kurung siku atau huruf lebar (seperti ＠ atau ／) yang tidak dapat dibaca browser; "
                   "tulis alamatnya dengan huruf biasa, misalnya https://dinas.go.id/layanan") from None
    return value


Teks = str
TeksPendek = Annotated[str, Field(min_length=1, max_length=300)]
Tanggal = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000, json_schema_extra={"format": "uri"}),
                AfterValidator(_readable_url)]
Email = Annotated[str, Field(pattern=EMAIL_PATTERN, max_length=200, json_schema_extra={"format": "email"})]
EntryId = Annotated[str, Field(pattern=ID_PATTERN, max_length=100)]
Kode = Annotated[str, Field(pattern=KODE_PATTERN)]
Tahun = Annotated[int, Field(ge=1945, le=2100)]
Angka = Annotated[float, Field(ge=0)]

VOCABULARY_OF: dict[frozenset[str], str] = {}
"""The allowed values of each closed vocabulary → its name, for error messages."""


def choice(name: str, values: dict[str, str]) -> Any:
    """A closed vocabulary (validation.py words the error with the values and a suggestion)."""
    VOCABULARY_OF[frozenset(values)] = name
    return Literal[tuple(values)]


def daftar(item: Any, **constraints: Any) -> Any:
    """An optional list: absent or empty (`hasil:`) both mean no items."""
    return Annotated[
        list[item],
        BeforeValidator(lambda value: [] if value is None else value),
        Field(default_factory=list, **constraints),
    ]


JenisInstansi = choice("jenis_instansi", v.JENIS_INSTANSI)
Provinsi = choice("provinsi", v.PROVINSI)
Urusan = choice("urusan", v.URUSAN)

# --- objects --------------------------------------------------------------------------------


class Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)


class Instansi(Model):
    """Instansi pemilik inovasi."""

    nama: Annotated[Teks, Field(min_length=3, max_length=200, description="Nama instansi pemilik inovasi")]
    jenis: Annotated[JenisInstansi, Field(description="Jenis instansi")]


class Wilayah(Model):
    provinsi: Annotated[Provinsi, Field(description="Slug provinsi, atau `nasional` untuk instansi pusat; sama dengan nama folder")]
    kabupaten_kota: Annotated[Teks | None, Field(min_length=3, max_length=100, description="Wajib untuk pemkab/pemkot")] = None
    kode: Annotated[Kode | None, Field(description="Kode wilayah Kemendagri; dua digit pertama = kode provinsi")] = None


class TanggalInovasi(Model):
    mulai: Annotated[Tanggal, Field(description="Tanggal inovasi mulai (inisiatif)")]
    penerapan: Annotated[Tanggal | None, Field(description="Wajib bila tahapan = penerapan")] = None
    berhenti: Annotated[Tanggal | None, Field(description="Wajib bila status = berhenti")] = None


class Kebaruan(Model):
    jenis: choice("jenis_kebaruan", v.JENIS_KEBARUAN)
    uraian: Annotated[Teks, Field(min_length=1, max_length=3000, description="Apa yang baru, dengan kata-kata sendiri (panjang minimalnya untuk lencana kebaruan ada di halaman Kriteria)")]


class Nilai(Model):
    nilai: Annotated[float, Field(description="Nilai indikator")]
    tanggal: Annotated[Tanggal | None, Field(description="Tanggal pengukuran")] = None


class Hasil(Model):
    indikator: Annotated[Teks, Field(min_length=3, max_length=200)]
    satuan: Annotated[Teks | None, Field(max_length=60)] = None
    sebelum: Nilai | None = None
    sesudah: Nilai | None = None
    sumber: Annotated[Teks | None, Field(min_length=3, max_length=300, description="Sumber data pengukuran")] = None
    bukti: Url | None = None


class Evaluasi(Model):
    jenis: choice("jenis_evaluasi", v.JENIS_EVALUASI)
    judul: Annotated[Teks, Field(min_length=3, max_length=300)]
    tahun: Tahun
    tautan: Url | None = None


class Manfaat(Model):
    dasar: Annotated[choice("dasar_manfaat", v.DASAR_MANFAAT), Field(description="Satu dasar pengukuran manfaat")]
    nilai: Angka | None = None
    keterangan: Annotated[Teks | None, Field(max_length=600)] = None
    bukti: Url | None = None


class ReplikasiDari(Model):
    """Inovasi asal: entri katalog ini (`inovasi`), atau instansi di luar katalog (`instansi` + `tautan`)."""

    inovasi: Annotated[EntryId | None, Field(description="Id entri di katalog ini")] = None
    instansi: Annotated[Teks | None, Field(min_length=3, max_length=200)] = None
    tautan: Url | None = None

    @model_validator(mode="after")
    def _one_form(self) -> ReplikasiDari:
        if self.inovasi and (self.instansi or self.tautan):
            raise fail("replikasi", "isi `inovasi` (id entri katalog) saja, atau `instansi` dengan `tautan`, tidak keduanya")
        if not self.inovasi and not self.instansi:
            raise fail("replikasi", "isi `inovasi` (id entri katalog) atau `instansi` dengan `tautan`")
        if self.instansi and not self.tautan:
            raise fail("replikasi", "inovasi asal di luar katalog memerlukan `tautan` sebagai bukti")
        return self


class ReplikasiOleh(Model):
    instansi: Annotated[Teks, Field(min_length=3, max_length=200)]
    tahun: Tahun
    bukti: Annotated[Url | None, Field(description="MoU/PKS/SK replikasi")] = None


class PanduanReplikasi(Model):
    bentuk: choice("bentuk_panduan", v.BENTUK_PANDUAN)
    tautan: Annotated[Url | None, Field(description="Wajib kecuali bentuk = cetak")] = None
    kebutuhan: Annotated[Teks | None, Field(max_length=2000, description="Sumber daya yang dibutuhkan untuk mereplikasi")] = None


class DasarHukum(Model):
    jenis: choice("jenis_dasar_hukum", v.JENIS_DASAR_HUKUM)
    nomor: Annotated[Teks, Field(min_length=1, max_length=100)]
    tahun: Tahun
    judul: Annotated[Teks | None, Field(max_length=300)] = None
    tautan: Url | None = None


class Pelaksana(Model):
    unit: Annotated[Teks | None, Field(min_length=3, max_length=200)] = None
    sk: Annotated[Teks | None, Field(min_length=1, max_length=200, description="Nomor SK tim/unit pelaksana")] = None


class Keberlanjutan(Model):
    dasar_hukum: daftar(DasarHukum)
    anggaran: daftar(Tahun, description="Tahun-tahun anggaran yang membiayai inovasi")
    sumber_anggaran: daftar(TeksPendek)
    pelaksana: Pelaksana | None = None


class Penghargaan(Model):
    ajang: choice("ajang", v.AJANG)
    nama: Annotated[Teks, Field(min_length=3, max_length=200)]
    tahun: Tahun
    capaian: Annotated[Teks | None, Field(max_length=200)] = None


class Kontak(Model):
    jabatan: Annotated[Teks, Field(min_length=3, max_length=200, description="Jabatan, bukan nama pribadi")]
    email: Email | None = None
    telepon: Annotated[Teks | None, Field(pattern=TELEPON_PATTERN, max_length=40)] = None


class Dokumen(Model):
    judul: Annotated[Teks, Field(min_length=3, max_length=200)]
    url: Url


class Tautan(Model):
    situs: Url | None = None
    video: Url | None = None
    dokumen: daftar(Dokumen)


class Entry(Model):
    """Front matter satu file inovasi."""

    judul: Annotated[Teks, Field(min_length=5, max_length=160, description="Judul inovasi")]
    ringkasan: Annotated[Teks, Field(min_length=20, max_length=600, description="Ringkasan satu paragraf")]
    instansi: Instansi
    unit: Annotated[Teks | None, Field(max_length=200, description="Unit penyelenggara pelayanan")] = None
    wilayah: Wilayah
    tahapan: Annotated[choice("tahapan", v.TAHAPAN), Field(description="Tahap inovasi saat ini")]
    status: Annotated[choice("status", v.STATUS), Field(description="Masih berjalan atau sudah berhenti")]
    tanggal: TanggalInovasi
    jenis: Annotated[choice("jenis", v.JENIS), Field(description="Digital atau non-digital")]
    bentuk: Annotated[choice("bentuk", v.BENTUK), Field(description="Bentuk inovasi daerah (PP 38/2017)")]
    urusan: Annotated[list[Urusan], Field(min_length=1, description="Urusan pemerintahan (UU 23/2014)")]
    masalah: Annotated[Teks, Field(min_length=20, max_length=3000, description="Masalah publik yang diselesaikan")]
    diperbarui: Annotated[Tanggal, Field(description="Tanggal terakhir data entri diperiksa dan diperbarui oleh instansi")]
    kebaruan: Kebaruan | None = None
    hasil: daftar(Hasil)
    evaluasi: daftar(Evaluasi)
    manfaat: Manfaat | None = None
    replikasi_dari: daftar(ReplikasiDari)
    replikasi_oleh: daftar(ReplikasiOleh)
    replikasi_dikonfirmasi: daftar(EntryId, description=(
        "Id entri katalog yang mereplikasi inovasi ini (menyebutnya di replikasi_dari) dan dikonfirmasi oleh "
        "instansi pemilik; replikasi yang tidak tercantum di sini hanya diklaim oleh replikatornya"))
    panduan_replikasi: PanduanReplikasi | None = None
    keberlanjutan: Keberlanjutan | None = None
    penghargaan: daftar(Penghargaan)
    area_perubahan: daftar(choice("area_perubahan", v.AREA_PERUBAHAN))
    nilai_berakhlak: daftar(choice("nilai_berakhlak", v.NILAI_BERAKHLAK))
    sdgs: daftar(Annotated[int, Field(ge=1, le=17)])
    kata_kunci: daftar(TeksPendek)
    kontak: Kontak | None = None
    tautan: Tautan | None = None
    gambar: Annotated[Teks | None, Field(max_length=300, description="Path gambar di repositori, relatif terhadap file entri")] = None
    draf: Annotated[bool, Field(description="true: divalidasi, tidak diterbitkan")] = False


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the front matter, generated from the model."""
    schema = Entry.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Entri Katalog Inovasi"
    return schema
