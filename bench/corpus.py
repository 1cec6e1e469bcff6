"""A deterministic synthetic corpus of catalogue entries, for the benchmark and for tests.

`generate(out_dir, n, seed)` writes `n` entry files as `out_dir/<provinsi>/<id>.md`. The same
`(n, seed)` always gives byte-identical files: everything comes from one `random.Random(seed)`
and a fixed "today" (2026-11-01), never from the wall clock.

The corpus has to look like the real catalogue to the code under test, so the front matter
covers every key of the model with realistic mixes (provinces weighted like the regional
innovation counts, consistent dates, evidence that spreads the criteria badges over levels
0-3, replications of earlier entries, a few drafts) and the bodies are 600-1,200 words of
Indonesian-looking Markdown with headings, lists, tables, links and emphasis.

It also has to be fast (32,000 files in about 12 s on one core), so entries are written with string
formatting rather than a YAML dumper: strings go through `json.dumps` (a JSON string is a valid
YAML scalar, so colons, quotes and `#` are safe), body text comes from sentence pools built
once per process. A marker file records `(n, seed, version)` so an existing corpus is reused.

    python -m bench.corpus --n 32000 --out bench/out/corpus-32000 [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from generator import vocabulary as vocab
from generator.placeholders import EXAMPLES

VERSION = "2"
"""Bump when the output changes on purpose; the marker also records a hash of this file."""

TODAY = date(2026, 11, 1)
MARKER = ".corpus.json"
POOL_SEED = 20261101
"""Sentence pools do not depend on the corpus seed: built once per process, reused by every run."""

_TODAY = TODAY.toordinal()
_START = date(2014, 1, 1).toordinal()
_YEAR_NOW = TODAY.year
_LETTER = re.compile(r"[A-Za-z]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_q = json.JSONEncoder(ensure_ascii=False).encode

# A tiny valid PNG for the few entries that declare `gambar`.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201f1c5e7e10000000049454e44ae426082"
)


def words(text: str) -> int:
    """Words as the tests count them: whitespace-separated tokens holding at least one letter."""
    return sum(1 for token in text.split() if _LETTER.search(token))


def slugify(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _iso(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def _year(ordinal: int) -> int:
    return date.fromordinal(ordinal).year


# --- regions --------------------------------------------------------------------------------
# slug | relative weight (≈ share of regional innovations, Java heavier) | kabupaten | kota.
# Regency codes are numbered 01.. and city codes 71.. in the order listed, as Kemendagri does.

_REGIONS = """
aceh|2.4|Aceh Selatan,Aceh Tenggara,Aceh Timur,Aceh Tengah,Aceh Barat,Aceh Besar,Pidie,Aceh Utara,Bireuen|Banda Aceh,Sabang,Langsa,Lhokseumawe
sumatera-utara|3.4|Nias,Mandailing Natal,Tapanuli Selatan,Tapanuli Tengah,Tapanuli Utara,Toba,Labuhanbatu,Asahan,Simalungun,Dairi,Karo,Deli Serdang,Langkat,Serdang Bedagai|Sibolga,Tanjungbalai,Pematangsiantar,Tebing Tinggi,Medan,Binjai
sumatera-barat|2.2|Kepulauan Mentawai,Pesisir Selatan,Solok,Sijunjung,Tanah Datar,Padang Pariaman,Agam,Lima Puluh Kota,Pasaman|Padang,Solok,Sawahlunto,Padang Panjang,Bukittinggi,Payakumbuh,Pariaman
riau|1.6|Kuantan Singingi,Indragiri Hulu,Indragiri Hilir,Pelalawan,Siak,Kampar,Rokan Hulu,Bengkalis|Pekanbaru,Dumai
jambi|1.2|Kerinci,Merangin,Sarolangun,Batang Hari,Muaro Jambi,Tanjung Jabung Timur,Bungo|Jambi,Sungai Penuh
sumatera-selatan|2.0|Ogan Komering Ulu,Ogan Komering Ilir,Muara Enim,Lahat,Musi Rawas,Musi Banyuasin,Banyuasin,Ogan Ilir|Palembang,Prabumulih,Pagar Alam,Lubuklinggau
bengkulu|1.0|Bengkulu Selatan,Rejang Lebong,Bengkulu Utara,Kaur,Seluma,Mukomuko,Kepahiang|Bengkulu
lampung|2.0|Lampung Barat,Tanggamus,Lampung Selatan,Lampung Timur,Lampung Tengah,Lampung Utara,Way Kanan,Tulang Bawang,Pesawaran,Pringsewu|Bandar Lampung,Metro
kepulauan-bangka-belitung|0.8|Bangka,Belitung,Bangka Barat,Bangka Tengah,Bangka Selatan,Belitung Timur|Pangkalpinang
kepulauan-riau|0.8|Karimun,Bintan,Natuna,Lingga,Kepulauan Anambas|Batam,Tanjungpinang
dki-jakarta|1.5|Kepulauan Seribu|Jakarta Selatan,Jakarta Timur,Jakarta Pusat,Jakarta Barat,Jakarta Utara
jawa-barat|7.0|Bogor,Sukabumi,Cianjur,Bandung,Garut,Tasikmalaya,Ciamis,Kuningan,Cirebon,Majalengka,Sumedang,Indramayu,Subang,Purwakarta,Karawang,Bekasi,Bandung Barat,Pangandaran|Bogor,Sukabumi,Bandung,Cirebon,Bekasi,Depok,Cimahi,Tasikmalaya,Banjar
jawa-tengah|8.0|Cilacap,Banyumas,Purbalingga,Banjarnegara,Kebumen,Purworejo,Wonosobo,Magelang,Boyolali,Klaten,Sukoharjo,Wonogiri,Karanganyar,Sragen,Grobogan,Blora,Rembang,Pati,Kudus,Jepara,Demak,Semarang,Temanggung,Kendal,Batang,Pekalongan,Pemalang,Tegal,Brebes|Magelang,Surakarta,Salatiga,Semarang,Pekalongan,Tegal
di-yogyakarta|2.0|Kulon Progo,Bantul,Gunungkidul,Sleman|Yogyakarta
jawa-timur|9.0|Pacitan,Ponorogo,Trenggalek,Tulungagung,Blitar,Kediri,Malang,Lumajang,Jember,Banyuwangi,Bondowoso,Situbondo,Probolinggo,Pasuruan,Sidoarjo,Mojokerto,Jombang,Nganjuk,Madiun,Magetan,Ngawi,Bojonegoro,Tuban,Lamongan,Gresik,Bangkalan,Sampang,Pamekasan,Sumenep|Kediri,Blitar,Malang,Probolinggo,Pasuruan,Mojokerto,Madiun,Surabaya,Batu
banten|2.4|Pandeglang,Lebak,Tangerang,Serang|Tangerang,Cilegon,Serang,Tangerang Selatan
bali|2.0|Jembrana,Tabanan,Badung,Gianyar,Klungkung,Bangli,Karangasem,Buleleng|Denpasar
nusa-tenggara-barat|1.9|Lombok Barat,Lombok Tengah,Lombok Timur,Sumbawa,Dompu,Bima,Sumbawa Barat,Lombok Utara|Mataram,Bima
nusa-tenggara-timur|1.9|Sumba Barat,Sumba Timur,Kupang,Timor Tengah Selatan,Timor Tengah Utara,Belu,Alor,Lembata,Flores Timur,Sikka,Ende,Ngada,Manggarai,Manggarai Barat|Kupang
kalimantan-barat|1.5|Sambas,Bengkayang,Landak,Mempawah,Sanggau,Ketapang,Sintang,Kapuas Hulu,Kubu Raya|Pontianak,Singkawang
kalimantan-tengah|1.2|Kotawaringin Barat,Kotawaringin Timur,Kapuas,Barito Selatan,Barito Utara,Katingan,Pulang Pisau|Palangka Raya
kalimantan-selatan|1.7|Tanah Laut,Kotabaru,Banjar,Barito Kuala,Tapin,Hulu Sungai Selatan,Hulu Sungai Tengah,Tabalong,Balangan|Banjarmasin,Banjarbaru
kalimantan-timur|1.7|Paser,Kutai Barat,Kutai Kartanegara,Kutai Timur,Berau,Penajam Paser Utara,Mahakam Ulu|Balikpapan,Samarinda,Bontang
kalimantan-utara|0.6|Malinau,Bulungan,Tana Tidung,Nunukan|Tarakan
sulawesi-utara|1.2|Bolaang Mongondow,Minahasa,Kepulauan Sangihe,Kepulauan Talaud,Minahasa Selatan,Minahasa Utara|Manado,Bitung,Tomohon,Kotamobagu
sulawesi-tengah|1.2|Banggai,Poso,Donggala,Tolitoli,Buol,Morowali,Parigi Moutong,Sigi|Palu
sulawesi-selatan|3.8|Kepulauan Selayar,Bulukumba,Bantaeng,Jeneponto,Takalar,Gowa,Sinjai,Maros,Pangkajene dan Kepulauan,Barru,Bone,Soppeng,Wajo,Sidenreng Rappang,Pinrang,Enrekang,Luwu,Tana Toraja,Luwu Utara,Luwu Timur|Makassar,Parepare,Palopo
sulawesi-tenggara|1.2|Buton,Muna,Konawe,Kolaka,Konawe Selatan,Bombana,Wakatobi,Kolaka Utara|Kendari,Baubau
gorontalo|1.0|Boalemo,Gorontalo,Pohuwato,Bone Bolango,Gorontalo Utara|Gorontalo
sulawesi-barat|0.7|Majene,Polewali Mandar,Mamasa,Mamuju,Pasangkayu,Mamuju Tengah|
maluku|0.7|Maluku Tenggara Barat,Maluku Tenggara,Maluku Tengah,Buru,Kepulauan Aru,Seram Bagian Barat|Ambon,Tual
maluku-utara|0.8|Halmahera Barat,Halmahera Tengah,Kepulauan Sula,Halmahera Selatan,Halmahera Utara,Halmahera Timur,Pulau Morotai|Ternate,Tidore Kepulauan
papua|0.5|Jayapura,Kepulauan Yapen,Biak Numfor,Sarmi,Keerom,Waropen,Supiori|Jayapura
papua-barat|0.5|Fakfak,Kaimana,Teluk Wondama,Teluk Bintuni,Manokwari,Manokwari Selatan,Pegunungan Arfak|
papua-selatan|0.3|Merauke,Boven Digoel,Mappi,Asmat|
papua-tengah|0.3|Nabire,Puncak Jaya,Paniai,Mimika,Puncak,Dogiyai,Intan Jaya,Deiyai|
papua-pegunungan|0.3|Jayawijaya,Pegunungan Bintang,Yahukimo,Tolikara,Mamberamo Tengah,Yalimo,Lanny Jaya,Nduga|
papua-barat-daya|0.4|Sorong,Sorong Selatan,Raja Ampat,Tambrauw,Maybrat|Sorong
"""

NASIONAL_WEIGHT = 4.0
"""Central agencies: about 5% of entries."""


class Kabkota(NamedTuple):
    nama: str  # "Kabupaten Tulungagung" / "Kota Surabaya"
    short: str  # "Tulungagung"
    slug: str  # "tulungagung" / "kota-surabaya"
    kode: str  # "35.04"
    domain: str  # "tulungagungkab.go.id"
    kota: bool


class Provinsi(NamedTuple):
    slug: str
    kode: str
    label: str
    weight: float
    kabkota: tuple[Kabkota, ...]
    domain: str


def _regions() -> tuple[Provinsi, ...]:
    out = []
    for line in _REGIONS.strip().splitlines():
        slug, weight, kabs, kotas = line.split("|")
        kode = vocab.KODE_PROVINSI[slug]  # KeyError here means the vocabulary changed
        items = []
        for i, name in enumerate(k for k in kabs.split(",") if k):
            base = slugify(name)
            items.append(Kabkota(f"Kabupaten {name}", name, base, f"{kode}.{i + 1:02d}", f"{base.replace('-', '')}kab.go.id", False))
        for i, name in enumerate(k for k in kotas.split(",") if k):
            base = slugify(name)
            items.append(Kabkota(f"Kota {name}", name, f"kota-{base}", f"{kode}.{71 + i:02d}", f"{base.replace('-', '')}kota.go.id", True))
        domain = f"{slug.replace('-', '')}prov.go.id"
        out.append(Provinsi(slug, kode, vocab.PROVINSI[slug], float(weight), tuple(items), domain))
    missing = set(vocab.KODE_PROVINSI) - {p.slug for p in out}
    if missing:
        raise RuntimeError(f"bench.corpus has no region data for provinsi {sorted(missing)}")
    return tuple(out)


# --- central agencies and themes ---------------------------------------------------------------

# nama | jenis | id prefix | domain | themes
_NASIONAL = """
Kementerian Kesehatan|kementerian|kemenkes|kemkes.go.id|kesehatan
Kementerian Dalam Negeri|kementerian|kemendagri|kemendagri.go.id|adminduk,perencanaan
Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi|kementerian|kemenpanrb|menpan.go.id|kepegawaian,pengaduan
Kementerian Pendidikan Dasar dan Menengah|kementerian|kemendikdasmen|kemendikdasmen.go.id|pendidikan
Kementerian Sosial|kementerian|kemensos|kemensos.go.id|sosial
Kementerian Pertanian|kementerian|kementan|pertanian.go.id|pertanian
Kementerian Ketenagakerjaan|kementerian|kemnaker|kemnaker.go.id|tenagakerja
Kementerian Perhubungan|kementerian|kemenhub|dephub.go.id|perhubungan
Kementerian Kelautan dan Perikanan|kementerian|kkp|kkp.go.id|perikanan
Kementerian Keuangan|kementerian|kemenkeu|kemenkeu.go.id|pendapatan
Kementerian Agraria dan Tata Ruang/Badan Pertanahan Nasional|kementerian|atr-bpn|atrbpn.go.id|pertanahan
Kementerian Lingkungan Hidup|kementerian|klh|kemenlh.go.id|lingkungan
Kementerian Energi dan Sumber Daya Mineral|kementerian|esdm|esdm.go.id|energi
Badan Pusat Statistik|lembaga|bps|bps.go.id|statistik
Badan Kepegawaian Negara|lembaga|bkn|bkn.go.id|kepegawaian
Lembaga Administrasi Negara|lembaga|lan|lan.go.id|kepegawaian,perencanaan
Badan Pengawasan Keuangan dan Pembangunan|lembaga|bpkp|bpkp.go.id|perencanaan
Badan Nasional Penanggulangan Bencana|lembaga|bnpb|bnpb.go.id|bencana
Badan Pengawas Obat dan Makanan|lembaga|bpom|pom.go.id|kesehatan,umkm
Arsip Nasional Republik Indonesia|lembaga|anri|anri.go.id|arsip
Perpustakaan Nasional Republik Indonesia|lembaga|perpusnas|perpusnas.go.id|arsip
Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah|lembaga|lkpp|lkpp.go.id|perencanaan
Badan Siber dan Sandi Negara|lembaga|bssn|bssn.go.id|pengaduan
PT Pos Indonesia (Persero)|bumn|pos-indonesia|posindonesia.co.id|sosial,umkm
PT PLN (Persero)|bumn|pln|pln.co.id|energi
PT Kereta Api Indonesia (Persero)|bumn|kai|kai.id|perhubungan
BPJS Kesehatan|lainnya|bpjs-kesehatan|bpjs-kesehatan.go.id|kesehatan
BPJS Ketenagakerjaan|lainnya|bpjs-ketenagakerjaan|bpjsketenagakerjaan.go.id|tenagakerja
"""


class Agency(NamedTuple):
    nama: str
    jenis: str
    slug: str
    domain: str
    themes: tuple[str, ...]


def _agencies() -> tuple[Agency, ...]:
    out = []
    for line in _NASIONAL.strip().splitlines():
        nama, jenis, slug, domain, themes = line.split("|")
        out.append(Agency(nama, jenis, slug, domain, tuple(themes.split(","))))
    return tuple(out)


class Indikator(NamedTuple):
    nama: str
    satuan: str
    lo: float
    hi: float
    naik: bool  # True when a higher value is the improvement


class Theme(NamedTuple):
    key: str
    weight: float
    urusan: tuple[str, ...]  # first = primary
    opd: str
    units: tuple[str, ...]
    objek: tuple[str, ...]
    indikator: tuple[Indikator, ...]
    masalah: tuple[str, ...]
    kata: tuple[str, ...]
    sdgs: tuple[int, ...]


def _I(nama: str, satuan: str, lo: float, hi: float, arah: str) -> Indikator:
    return Indikator(nama, satuan, lo, hi, arah == "naik")


_THEMES: tuple[Theme, ...] = (
    Theme(
        "adminduk", 3.0,
        ("administrasi-kependudukan-dan-pencatatan-sipil", "komunikasi-dan-informatika", "pemberdayaan-masyarakat-dan-desa"),
        "Dinas Kependudukan dan Pencatatan Sipil",
        ("Bidang Pelayanan Pendaftaran Penduduk", "Bidang Pelayanan Pencatatan Sipil", "Seksi Identitas Penduduk"),
        ("Akta Kelahiran", "KTP Elektronik", "Kartu Identitas Anak", "Dokumen Kependudukan", "Akta Kematian", "Kartu Keluarga"),
        (
            _I("Waktu penerbitan akta kelahiran", "hari", 5, 21, "turun"),
            _I("Cakupan akta kelahiran anak usia 0-18 tahun", "persen", 55, 85, "naik"),
            _I("Dokumen kependudukan terbit melalui layanan jemput bola", "dokumen", 200, 3000, "naik"),
        ),
        (
            "Warga di desa terpencil harus menempuh perjalanan jauh ke ibu kota kabupaten untuk mengurus dokumen kependudukan.",
            "Banyak anak belum memiliki akta kelahiran karena orang tua tidak memahami prosedur dan persyaratannya.",
            "Antrean perekaman KTP elektronik mengular sejak subuh, sementara blangko sering kosong.",
        ),
        ("adminduk", "dukcapil", "jemput bola", "akta kelahiran", "KTP-el", "e-KTP"),
        (16, 10),
    ),
    Theme(
        "kesehatan", 3.5,
        ("kesehatan", "pangan", "pemberdayaan-perempuan-dan-pelindungan-anak", "sosial"),
        "Dinas Kesehatan",
        ("UPTD Puskesmas Kecamatan", "Bidang Kesehatan Masyarakat", "RSUD", "Seksi Kesehatan Keluarga dan Gizi"),
        ("Posyandu", "Gizi Balita", "Ibu Hamil", "Stunting", "Puskesmas", "Lansia Sehat", "Imunisasi"),
        (
            _I("Prevalensi stunting pada balita", "persen", 18, 35, "turun"),
            _I("Kunjungan pemeriksaan kehamilan K4", "persen", 60, 85, "naik"),
            _I("Waktu tunggu pelayanan rawat jalan", "menit", 60, 180, "turun"),
            _I("Kasus kematian ibu melahirkan", "kasus", 4, 20, "turun"),
        ),
        (
            "Angka stunting di wilayah ini masih di atas rata-rata provinsi dan penanganannya berjalan sendiri-sendiri.",
            "Ibu hamil di daerah terpencil jarang memeriksakan kandungan karena jarak ke puskesmas terlalu jauh.",
            "Antrean di poli rawat jalan bisa mencapai tiga jam, terutama pada hari Senin.",
        ),
        ("stunting", "posyandu", "puskesmas", "gizi", "ibu hamil", "tengkes"),
        (3, 2, 5),
    ),
    Theme(
        "pendidikan", 2.5,
        ("pendidikan", "perpustakaan", "kepemudaan-dan-olahraga"),
        "Dinas Pendidikan",
        ("Bidang Pembinaan Sekolah Dasar", "Bidang Pendidikan Nonformal", "UPT Satuan Pendidikan"),
        ("Sekolah", "Literasi", "Anak Putus Sekolah", "Guru", "Beasiswa", "Sekolah Inklusi"),
        (
            _I("Angka putus sekolah jenjang SD dan SMP", "persen", 2, 9, "turun"),
            _I("Anak tidak sekolah yang kembali bersekolah", "orang", 50, 900, "naik"),
            _I("Siswa dengan kemampuan literasi minimum", "persen", 35, 70, "naik"),
        ),
        (
            "Ratusan anak usia sekolah tidak bersekolah karena harus membantu orang tua bekerja.",
            "Kemampuan membaca siswa kelas awal tertinggal jauh dari standar nasional.",
            "Guru di sekolah terpencil jarang mendapatkan pelatihan dan pendampingan.",
        ),
        ("sekolah", "literasi", "putus sekolah", "ATS", "guru"),
        (4, 10),
    ),
    Theme(
        "perizinan", 2.0,
        ("penanaman-modal", "koperasi-usaha-kecil-dan-menengah", "pekerjaan-umum-dan-penataan-ruang"),
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        ("Mal Pelayanan Publik", "Bidang Pelayanan Perizinan", "Bidang Pengaduan dan Informasi"),
        ("Perizinan", "Izin Usaha", "Persetujuan Bangunan Gedung", "Mal Pelayanan Publik", "Izin Praktik"),
        (
            _I("Waktu penyelesaian izin usaha", "hari", 7, 30, "turun"),
            _I("Izin usaha mikro yang diterbitkan", "dokumen", 100, 4000, "naik"),
            _I("Indeks kepuasan masyarakat layanan perizinan", "indeks", 70, 82, "naik"),
        ),
        (
            "Pelaku usaha mengeluhkan proses perizinan yang lama dan harus bolak-balik ke beberapa kantor.",
            "Persyaratan izin yang berbeda antarperangkat daerah membuat investor ragu menanamkan modal.",
        ),
        ("perizinan", "OSS", "NIB", "MPP", "PBG", "satu pintu"),
        (8, 9, 16),
    ),
    Theme(
        "sosial", 2.0,
        ("sosial", "pemberdayaan-perempuan-dan-pelindungan-anak", "pemberdayaan-masyarakat-dan-desa"),
        "Dinas Sosial",
        ("Bidang Perlindungan dan Jaminan Sosial", "Bidang Rehabilitasi Sosial", "Pusat Kesejahteraan Sosial"),
        ("Bantuan Sosial", "Data Terpadu", "Lansia", "Disabilitas", "Anak Terlantar"),
        (
            _I("Ketepatan sasaran penerima bantuan sosial", "persen", 60, 80, "naik"),
            _I("Waktu verifikasi usulan penerima bantuan", "hari", 14, 60, "turun"),
            _I("Penyandang disabilitas yang menerima alat bantu", "orang", 20, 400, "naik"),
        ),
        (
            "Data penerima bantuan sosial tidak mutakhir sehingga banyak keluarga miskin tidak terdaftar.",
            "Penyandang disabilitas kesulitan mengakses layanan karena kantor tidak ramah disabilitas.",
        ),
        ("bansos", "DTKS", "disabilitas", "lansia", "PKH"),
        (1, 10),
    ),
    Theme(
        "pertanian", 1.5,
        ("pertanian", "pangan", "perdagangan"),
        "Dinas Pertanian dan Ketahanan Pangan",
        ("Bidang Tanaman Pangan", "UPTD Balai Penyuluhan Pertanian", "Bidang Ketahanan Pangan"),
        ("Petani", "Pupuk", "Lumbung Pangan", "Benih Unggul", "Penyuluhan Pertanian"),
        (
            _I("Produktivitas padi", "ton/ha", 4.2, 5.6, "naik"),
            _I("Petani yang terdaftar dalam sistem pupuk bersubsidi", "orang", 500, 9000, "naik"),
            _I("Luas lahan terserang hama", "hektare", 80, 900, "turun"),
        ),
        (
            "Petani sering kehabisan pupuk bersubsidi pada puncak musim tanam.",
            "Produktivitas padi stagnan karena penyuluhan tidak menjangkau kelompok tani di pelosok.",
        ),
        ("petani", "pupuk subsidi", "penyuluh", "lumbung", "padi"),
        (2, 12),
    ),
    Theme(
        "pupr", 1.5,
        ("pekerjaan-umum-dan-penataan-ruang", "perumahan-rakyat-dan-kawasan-permukiman", "lingkungan-hidup"),
        "Dinas Pekerjaan Umum dan Penataan Ruang",
        ("Bidang Bina Marga", "Bidang Cipta Karya", "UPTD Pengelolaan Air Minum"),
        ("Jalan Rusak", "Air Bersih", "Sanitasi", "Rumah Layak Huni", "Drainase"),
        (
            _I("Waktu tanggap perbaikan jalan rusak", "hari", 14, 90, "turun"),
            _I("Rumah tangga dengan akses air minum layak", "persen", 55, 85, "naik"),
            _I("Rumah tidak layak huni yang diperbaiki", "unit", 40, 700, "naik"),
        ),
        (
            "Laporan jalan rusak dari warga tidak tercatat dan baru ditangani berbulan-bulan kemudian.",
            "Sebagian warga masih mengambil air dari sungai karena jaringan air bersih belum menjangkau permukiman.",
        ),
        ("jalan rusak", "air bersih", "sanitasi", "RTLH", "SPAM"),
        (6, 9, 11),
    ),
    Theme(
        "lingkungan", 1.3,
        ("lingkungan-hidup", "kehutanan", "pemberdayaan-masyarakat-dan-desa"),
        "Dinas Lingkungan Hidup",
        ("Bidang Pengelolaan Sampah", "UPT Laboratorium Lingkungan", "Bidang Pengendalian Pencemaran"),
        ("Bank Sampah", "Sampah Plastik", "Kampung Iklim", "Taman Kota", "Sungai Bersih"),
        (
            _I("Sampah yang terkelola melalui bank sampah", "ton/bulan", 5, 80, "naik"),
            _I("Sampah yang dibuang ke tempat pemrosesan akhir", "ton/hari", 60, 300, "turun"),
        ),
        (
            "Tempat pemrosesan akhir sampah hampir penuh, sementara pemilahan di sumber belum berjalan.",
            "Sungai yang melintasi kota tercemar limbah rumah tangga dan sampah plastik.",
        ),
        ("bank sampah", "sampah", "ProKlim", "daur ulang", "lingkungan"),
        (11, 12, 13),
    ),
    Theme(
        "pendapatan", 1.5,
        ("keuangan", "penanaman-modal", "komunikasi-dan-informatika"),
        "Badan Pendapatan Daerah",
        ("Bidang Pajak Daerah", "UPT Pelayanan Pajak", "Bidang Retribusi"),
        ("Pajak Daerah", "PBB", "Retribusi", "Pembayaran Nontunai", "Pajak Kendaraan"),
        (
            _I("Realisasi penerimaan PBB-P2", "persen", 55, 80, "naik"),
            _I("Waktu pelayanan pembayaran pajak", "menit", 30, 120, "turun"),
            _I("Transaksi pembayaran nontunai", "persen", 5, 40, "naik"),
        ),
        (
            "Realisasi pajak bumi dan bangunan rendah karena wajib pajak harus membayar di kantor kas daerah.",
            "Pungutan retribusi pasar masih tunai sehingga rawan kebocoran.",
        ),
        ("pajak", "PBB", "retribusi", "QRIS", "nontunai", "PAD"),
        (16, 17),
    ),
    Theme(
        "kepegawaian", 1.2,
        ("kepegawaian", "komunikasi-dan-informatika", "perencanaan"),
        "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        ("Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi", "Bidang Penilaian Kinerja"),
        ("ASN", "Kenaikan Pangkat", "Kinerja Pegawai", "Pensiun", "Pengembangan Kompetensi"),
        (
            _I("Waktu proses kenaikan pangkat", "hari", 30, 120, "turun"),
            _I("ASN yang memenuhi 20 jam pelajaran pengembangan kompetensi", "persen", 20, 60, "naik"),
        ),
        (
            "Berkas kenaikan pangkat sering hilang atau terlambat karena masih diantar secara fisik.",
            "Pengembangan kompetensi ASN belum merata dan tidak terhubung dengan penilaian kinerja.",
        ),
        ("ASN", "kenaikan pangkat", "SIASN", "kompetensi", "e-kinerja"),
        (8, 16),
    ),
    Theme(
        "pengaduan", 1.5,
        ("komunikasi-dan-informatika", "statistik", "persandian", "ketenteraman-ketertiban-umum-dan-pelindungan-masyarakat"),
        "Dinas Komunikasi dan Informatika",
        ("Bidang Aplikasi Informatika", "Bidang Informasi dan Komunikasi Publik", "Command Center"),
        ("Pengaduan", "Satu Data", "Aduan Warga", "Desa Digital", "Layanan Darurat"),
        (
            _I("Waktu tindak lanjut pengaduan masyarakat", "hari", 7, 30, "turun"),
            _I("Pengaduan yang selesai ditindaklanjuti", "persen", 40, 75, "naik"),
            _I("Desa yang terhubung internet", "desa", 20, 200, "naik"),
        ),
        (
            "Pengaduan masyarakat tersebar di banyak kanal dan tidak ada yang memastikan semuanya ditindaklanjuti.",
            "Setiap perangkat daerah memiliki data sendiri dengan format berbeda sehingga sulit dipadukan.",
        ),
        ("pengaduan", "SP4N-LAPOR!", "satu data", "call center 112", "aduan"),
        (16, 9),
    ),
    Theme(
        "desa", 1.3,
        ("pemberdayaan-masyarakat-dan-desa", "koperasi-usaha-kecil-dan-menengah", "keuangan"),
        "Dinas Pemberdayaan Masyarakat dan Desa",
        ("Bidang Pemerintahan Desa", "Bidang Pemberdayaan Ekonomi Desa", "Tenaga Pendamping Desa"),
        ("BUMDes", "Dana Desa", "Kader Desa", "Administrasi Desa", "Musyawarah Desa"),
        (
            _I("BUMDes yang aktif dan membukukan laba", "unit", 5, 80, "naik"),
            _I("Desa yang menyampaikan laporan dana desa tepat waktu", "persen", 40, 80, "naik"),
        ),
        (
            "Laporan pertanggungjawaban dana desa sering terlambat dan tidak sesuai format.",
            "Banyak BUMDes berdiri hanya di atas kertas tanpa usaha yang berjalan.",
        ),
        ("dana desa", "BUMDes", "siskeudes", "desa mandiri"),
        (1, 8, 16),
    ),
    Theme(
        "perhubungan", 1.0,
        ("perhubungan", "ketenteraman-ketertiban-umum-dan-pelindungan-masyarakat"),
        "Dinas Perhubungan",
        ("UPTD Pengujian Kendaraan Bermotor", "Bidang Lalu Lintas", "UPTD Perparkiran"),
        ("Angkutan Umum", "Uji Kendaraan", "Parkir", "Keselamatan Jalan", "Angkutan Sekolah"),
        (
            _I("Waktu pelayanan uji berkala kendaraan", "menit", 90, 240, "turun"),
            _I("Penumpang angkutan umum per hari", "orang", 300, 6000, "naik"),
            _I("Kecelakaan di ruas jalan rawan", "kasus", 20, 120, "turun"),
        ),
        (
            "Uji kir kendaraan memakan waktu setengah hari dan membuka peluang percaloan.",
            "Angkutan umum sepi penumpang karena jadwal tidak pasti dan armada tidak layak.",
        ),
        ("uji kir", "angkutan umum", "parkir", "BLUe", "lalu lintas"),
        (9, 11),
    ),
    Theme(
        "umkm", 1.5,
        ("koperasi-usaha-kecil-dan-menengah", "perdagangan", "perindustrian"),
        "Dinas Koperasi dan Usaha Mikro",
        ("Bidang Pemberdayaan Usaha Mikro", "PLUT-KUMKM", "Bidang Koperasi"),
        ("UMKM", "Pasar Rakyat", "Produk Lokal", "Koperasi", "Wirausaha Muda"),
        (
            _I("Omzet rata-rata usaha mikro binaan", "juta rupiah/bulan", 3, 15, "naik"),
            _I("Usaha mikro yang memasarkan produk secara daring", "unit", 50, 2000, "naik"),
        ),
        (
            "Produk usaha mikro sulit bersaing karena kemasan seadanya dan belum memiliki izin edar.",
            "Pelaku usaha mikro tidak memiliki akses permodalan dari perbankan.",
        ),
        ("UMKM", "produk lokal", "halal", "pasar daring", "koperasi"),
        (8, 9),
    ),
    Theme(
        "pariwisata", 0.9,
        ("pariwisata", "kebudayaan", "kepemudaan-dan-olahraga"),
        "Dinas Pariwisata dan Kebudayaan",
        ("Bidang Destinasi Wisata", "Bidang Cagar Budaya", "UPTD Museum"),
        ("Desa Wisata", "Cagar Budaya", "Festival Budaya", "Kuliner Lokal", "Museum"),
        (
            _I("Kunjungan wisatawan ke desa wisata", "orang", 2000, 40000, "naik"),
            _I("Pendapatan kelompok sadar wisata", "juta rupiah", 20, 400, "naik"),
        ),
        (
            "Potensi wisata desa belum dikelola sehingga wisatawan hanya singgah sebentar.",
            "Cagar budaya terbengkalai dan tidak dikenal generasi muda.",
        ),
        ("desa wisata", "pokdarwis", "budaya", "festival", "museum"),
        (8, 11),
    ),
    Theme(
        "arsip", 0.7,
        ("perpustakaan", "kearsipan", "pendidikan"),
        "Dinas Perpustakaan dan Kearsipan",
        ("Bidang Layanan Perpustakaan", "Bidang Pengelolaan Arsip", "Depo Arsip"),
        ("Perpustakaan Keliling", "Arsip Digital", "Taman Baca", "Pojok Baca"),
        (
            _I("Kunjungan ke perpustakaan dan layanan keliling", "orang", 2000, 30000, "naik"),
            _I("Waktu penemuan kembali arsip", "menit", 30, 240, "turun"),
        ),
        (
            "Minat baca masyarakat rendah dan koleksi perpustakaan jarang dimanfaatkan.",
            "Arsip penting tersimpan di gudang tanpa daftar sehingga sulit ditemukan ketika dibutuhkan.",
        ),
        ("perpustakaan", "literasi", "arsip", "SRIKANDI", "taman baca"),
        (4, 16),
    ),
    Theme(
        "bencana", 0.9,
        ("ketenteraman-ketertiban-umum-dan-pelindungan-masyarakat", "sosial", "lingkungan-hidup"),
        "Badan Penanggulangan Bencana Daerah",
        ("Bidang Kedaruratan dan Logistik", "Pusat Pengendalian Operasi", "Bidang Pencegahan dan Kesiapsiagaan"),
        ("Siaga Bencana", "Pemadam Kebakaran", "Desa Tangguh Bencana", "Peringatan Dini"),
        (
            _I("Waktu tanggap kejadian kebakaran", "menit", 20, 60, "turun"),
            _I("Desa tangguh bencana terbentuk", "desa", 5, 80, "naik"),
        ),
        (
            "Waktu tanggap kejadian kebakaran dan banjir lambat karena laporan warga tidak langsung diterima petugas.",
            "Warga di daerah rawan longsor belum memahami jalur evakuasi.",
        ),
        ("bencana", "BPBD", "destana", "damkar", "evakuasi"),
        (11, 13),
    ),
    Theme(
        "perencanaan", 1.0,
        ("perencanaan", "pengawasan", "pengadaan-barang-dan-jasa", "penelitian-dan-pengembangan", "keuangan"),
        "Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        ("Bidang Riset dan Inovasi", "Inspektorat Pembantu", "Bagian Pengadaan Barang dan Jasa"),
        ("Musrenbang", "Pengawasan Internal", "Pengadaan Elektronik", "Perencanaan Partisipatif", "Riset Daerah"),
        (
            _I("Temuan audit berulang", "temuan", 10, 60, "turun"),
            _I("Usulan musrenbang yang terakomodasi dalam APBD", "persen", 15, 40, "naik"),
            _I("Waktu proses tender", "hari", 30, 75, "turun"),
        ),
        (
            "Usulan warga dalam musrenbang jarang terakomodasi dan tidak ada umpan balik.",
            "Temuan pemeriksaan yang sama berulang setiap tahun karena tindak lanjut tidak dipantau.",
        ),
        ("musrenbang", "SIPD", "e-katalog", "inspektorat", "APIP"),
        (16, 17),
    ),
    Theme(
        "tenagakerja", 0.9,
        ("tenaga-kerja", "transmigrasi", "kepemudaan-dan-olahraga"),
        "Dinas Tenaga Kerja dan Transmigrasi",
        ("UPTD Balai Latihan Kerja", "Bidang Penempatan Tenaga Kerja", "Bidang Hubungan Industrial"),
        ("Pencari Kerja", "Pelatihan Kerja", "Pekerja Migran", "Bursa Kerja"),
        (
            _I("Pencari kerja yang ditempatkan", "orang", 100, 3000, "naik"),
            _I("Waktu penerbitan kartu pencari kerja", "hari", 3, 14, "turun"),
        ),
        (
            "Lulusan pelatihan kerja tidak terserap karena materi pelatihan tidak sesuai kebutuhan industri.",
            "Calon pekerja migran berangkat melalui jalur tidak resmi karena prosedur resmi dianggap rumit.",
        ),
        ("loker", "kartu kuning", "AK/1", "BLK", "PMI"),
        (8, 10),
    ),
    Theme(
        "kb", 0.7,
        ("pengendalian-penduduk-dan-keluarga-berencana", "kesehatan", "pemberdayaan-perempuan-dan-pelindungan-anak"),
        "Dinas Pengendalian Penduduk dan Keluarga Berencana",
        ("Bidang Keluarga Berencana", "Penyuluh KB Kecamatan", "Bidang Ketahanan Keluarga"),
        ("Keluarga Berencana", "Remaja", "Kampung KB", "Ketahanan Keluarga", "Pernikahan Dini"),
        (
            _I("Angka pernikahan usia anak", "kasus", 40, 300, "turun"),
            _I("Peserta KB aktif", "persen", 55, 72, "naik"),
        ),
        (
            "Angka pernikahan usia anak tinggi dan berdampak pada stunting serta putus sekolah.",
            "Layanan KB sulit dijangkau pasangan usia subur di wilayah kepulauan.",
        ),
        ("KB", "kampung KB", "remaja", "GenRe", "pernikahan dini"),
        (3, 5),
    ),
    Theme(
        "perikanan", 0.8,
        ("kelautan-dan-perikanan", "pangan", "perdagangan"),
        "Dinas Kelautan dan Perikanan",
        ("Bidang Perikanan Tangkap", "Bidang Perikanan Budidaya", "UPTD Pelabuhan Perikanan"),
        ("Nelayan", "Hasil Tangkapan", "Budidaya Ikan", "Kartu Nelayan", "Pengolahan Ikan"),
        (
            _I("Produksi ikan budidaya", "ton/tahun", 100, 2000, "naik"),
            _I("Nelayan yang memiliki asuransi", "orang", 50, 1500, "naik"),
        ),
        (
            "Harga ikan jatuh saat panen raya karena nelayan tidak memiliki fasilitas penyimpanan.",
            "Nelayan kecil belum terlindungi asuransi dan sulit mengakses bantuan.",
        ),
        ("nelayan", "ikan", "kusuka", "budidaya", "cold storage"),
        (14, 2),
    ),
    Theme(
        "pertanahan", 0.5,
        ("pertanahan", "pekerjaan-umum-dan-penataan-ruang"),
        "Dinas Perumahan, Kawasan Permukiman dan Pertanahan",
        ("Bidang Pertanahan", "Kantor Pertanahan", "Seksi Penataan Ruang"),
        ("Sertifikat Tanah", "Sengketa Lahan", "Tata Ruang", "Aset Daerah"),
        (
            _I("Bidang tanah bersertifikat", "bidang", 1000, 20000, "naik"),
            _I("Waktu penyelesaian sengketa lahan", "hari", 90, 365, "turun"),
        ),
        (
            "Banyak bidang tanah warga belum bersertifikat sehingga rawan sengketa.",
            "Aset tanah pemerintah daerah belum tercatat lengkap dan sebagian dikuasai pihak lain.",
        ),
        ("sertifikat", "PTSL", "tanah", "sengketa", "tata ruang"),
        (1, 11, 16),
    ),
    Theme(
        "statistik", 0.4,
        ("statistik", "komunikasi-dan-informatika", "perencanaan"),
        "Dinas Komunikasi, Informatika, Statistik dan Persandian",
        ("Bidang Statistik Sektoral", "Bidang Persandian", "Bidang Data dan Informasi"),
        ("Data Sektoral", "Statistik Desa", "Portal Data", "Persandian"),
        (
            _I("Dataset sektoral yang diperbarui tepat waktu", "dataset", 20, 300, "naik"),
            _I("Perangkat daerah yang memakai tanda tangan elektronik", "persen", 10, 60, "naik"),
        ),
        (
            "Perencanaan pembangunan memakai data lama karena data sektoral tidak diperbarui.",
            "Dokumen dinas masih ditandatangani manual sehingga rawan dipalsukan.",
        ),
        ("satu data", "statistik", "TTE", "persandian", "open data"),
        (16, 17),
    ),
    Theme(
        "energi", 0.4,
        ("energi-dan-sumber-daya-mineral", "lingkungan-hidup", "perindustrian"),
        "Dinas Energi dan Sumber Daya Mineral",
        ("Bidang Energi Baru Terbarukan", "Bidang Ketenagalistrikan", "Cabang Dinas ESDM"),
        ("Listrik Desa", "Energi Surya", "Biogas", "Penerangan Jalan"),
        (
            _I("Rumah tangga teraliri listrik", "persen", 70, 95, "naik"),
            _I("Biaya listrik penerangan jalan umum", "juta rupiah/bulan", 100, 900, "turun"),
        ),
        (
            "Dusun terpencil belum teraliri listrik karena jauh dari jaringan distribusi.",
            "Tagihan listrik penerangan jalan membebani anggaran daerah.",
        ),
        ("listrik", "PLTS", "biogas", "EBT", "PJU"),
        (7, 13),
    ),
)
_THEME = {t.key: t for t in _THEMES}
_THEME_WEIGHTS = [t.weight for t in _THEMES]


# --- word pools -----------------------------------------------------------------------------

_PREFIX = (
    "Sistem Informasi", "Layanan", "Gerakan", "Jemput Bola", "Pojok", "Kampung", "Rumah", "Klinik", "Sahabat",
    "Aplikasi", "Gerai", "Mobil", "Sekolah", "Program", "Satu Pintu", "Inovasi", "Sapa", "Laskar", "Gema", "Pusat",
)
_ADJ = (
    "Keliling", "Terpadu", "Digital", "Cerdas", "Ramah", "Tanpa Antre", "Daring", "Mandiri", "Berdaya", "Tangguh",
    "Bersinar", "Cepat", "Sehat", "Hebat", "Bersama Warga", "Prima", "Juara", "Peduli", "Sigap", "Bahagia",
)
_SASARAN = (
    "warga lanjut usia", "penyandang disabilitas", "ibu hamil", "pelaku usaha mikro", "petani", "nelayan",
    "pelajar", "masyarakat desa terpencil", "keluarga prasejahtera", "pencari kerja", "anak usia sekolah",
    "perempuan kepala keluarga", "pekerja informal", "warga kepulauan",
)
_KENDALA = (
    "antrean panjang", "persyaratan yang berbelit", "keterbatasan petugas", "jaringan internet yang lemah",
    "minimnya sosialisasi", "data yang tidak sinkron", "jarak yang jauh", "biaya transportasi yang tinggi",
    "jam layanan yang terbatas", "koordinasi antarperangkat daerah yang lemah", "praktik percaloan",
    "arsip yang tidak tertata",
)
_PIHAK = (
    "perangkat desa", "kader posyandu", "tokoh masyarakat", "perguruan tinggi", "organisasi masyarakat sipil",
    "dunia usaha", "camat dan lurah", "relawan", "media lokal", "tokoh agama", "karang taruna", "PKK",
)
_KANAL = (
    "aplikasi berbasis Android", "layanan WhatsApp", "laman resmi", "kunjungan rumah", "gerai di pusat perbelanjaan",
    "mobil layanan keliling", "kios layanan mandiri", "pesan singkat", "balai desa", "pusat panggilan",
)
_FITUR = (
    "antrean daring", "tanda tangan elektronik", "peta sebaran layanan", "notifikasi otomatis",
    "pembayaran nontunai", "konsultasi video", "formulir tunggal", "pelacakan berkas", "dasbor kinerja",
    "kode QR", "layanan bahasa daerah", "pendampingan petugas",
)
_DAMPAK = (
    "partisipasi warga", "kepercayaan kepada pemerintah", "kolaborasi antarperangkat daerah", "kesadaran hukum",
    "literasi digital", "kemandirian desa", "kebanggaan petugas", "transparansi anggaran",
)
_DESA = (
    "Sukamaju", "Sukamulya", "Mekarsari", "Sidomulyo", "Karanganyar", "Tanjungsari", "Margorejo", "Sumberejo",
    "Wonorejo", "Suka Damai", "Tegalsari", "Purwodadi", "Jatimulyo", "Bojongsari", "Cibodas", "Kertajaya",
    "Banjarsari", "Talang Jaya", "Air Putih", "Batu Merah", "Lembah Hijau", "Kampung Baru", "Pasir Putih", "Sungai Rampah",
)
_LOKAL = (
    "gercep", "sat set", "jum'at curhat", "Lapor: Cepat & Tuntas", "#AyoTertib", "ngopi bareng warga",
    "\"jemput bola\"", "layanan 24/7", "ora ribet", "sipakatau", "mapalus", "gotong royong", "100% gratis",
)

_LATAR = (
    "Sebelum {nama} hadir, warga {daerah} harus datang langsung ke kantor untuk mengurus {layanan}.",
    "Masalah utama yang dihadapi adalah {kendala}, terutama bagi {sasaran}.",
    "Data tahun {tahun} menunjukkan bahwa sekitar {persen} persen {sasaran} belum mendapatkan layanan {layanan} secara layak.",
    "Keluhan yang masuk ke kanal pengaduan didominasi oleh persoalan {kendala} dan {kendala2}.",
    "Kondisi geografis yang beragam membuat jangkauan layanan tidak merata di seluruh wilayah {daerah}.",
    "Petugas di lapangan sering kali bekerja dengan data yang berbeda-beda, sehingga keputusan lambat diambil.",
    "Hasil survei kepuasan masyarakat pada tahun {tahun} menempatkan layanan {layanan} pada kategori *kurang baik*.",
    "Bagi {sasaran}, biaya dan waktu untuk mengurus {layanan} bisa setara dengan penghasilan beberapa hari.",
    "Di sisi lain, {pihak} belum dilibatkan secara sistematis dalam perencanaan layanan.",
    "Persoalan ini bukan hal baru; berbagai upaya sudah dicoba, tetapi belum menyentuh akar masalah, yaitu **{kendala}**.",
    "Pimpinan {instansi} kemudian menugaskan tim kecil untuk memetakan alur layanan dari sudut pandang warga.",
    "Pemetaan itu menemukan {angka} titik hambatan, mulai dari persyaratan ganda hingga {kendala}.",
    "Rata-rata warga membutuhkan {hari} hari untuk menyelesaikan satu urusan {layanan}.",
    "Situasi tersebut diperparah oleh {kendala} yang sudah berlangsung bertahun-tahun.",
    "Tanpa perubahan cara kerja, target pembangunan daerah pada bidang ini sulit tercapai.",
    "Banyak {sasaran} akhirnya memilih menggunakan jasa perantara dengan biaya tambahan.",
    "Pada musim hujan, akses ke beberapa desa terputus sehingga layanan praktis berhenti selama berminggu-minggu.",
    "Catatan {pihak} memperlihatkan bahwa sebagian besar keluhan berulang setiap tahun tanpa penyelesaian.",
)
_INOVASI = (
    "**{nama}** menggabungkan {kanal} dengan {kanal2} sehingga warga dapat memilih cara yang paling mudah.",
    "Melalui {nama}, permohonan {layanan} dapat diajukan dari rumah dan dipantau statusnya setiap saat.",
    "Petugas {instansi} menjemput bola ke desa-desa dengan jadwal yang diumumkan setiap bulan.",
    "Inovasi ini dirancang bersama {pihak} dan {pihak2} melalui serangkaian lokakarya.",
    "Setiap permohonan diberi nomor registrasi sehingga warga dapat menelusuri prosesnya secara *real time*.",
    "Fitur {fitur} menjadi pembeda utama dibandingkan layanan sebelumnya.",
    "Persyaratan yang semula {angka} lembar dokumen dipangkas menjadi hanya satu formulir.",
    "Data dari berbagai perangkat daerah diintegrasikan ke dalam satu basis data yang dikelola {instansi}.",
    "Untuk {sasaran}, tersedia layanan khusus berupa kunjungan rumah tanpa biaya.",
    "Pendekatan yang dipakai adalah *design thinking*: memahami pengguna, merumuskan masalah, lalu menguji purwarupa.",
    "Tim pelaksana terdiri atas petugas teknis, operator data, dan pendamping dari {pihak}.",
    "Sistem mengirimkan pemberitahuan melalui {kanal} ketika dokumen sudah siap diambil.",
    "Standar pelayanan diumumkan secara terbuka, termasuk waktu penyelesaian dan biaya yang **nol rupiah**.",
    "Uji coba dilakukan di {angka} desa sebelum diperluas ke seluruh {daerah}.",
    "Inovasi {nama} juga membuka ruang umpan balik sehingga setiap keluhan ditindaklanjuti paling lambat {hari} hari.",
    "Seluruh proses dicatat sehingga pimpinan dapat memantau kinerja layanan {layanan} melalui dasbor.",
    "Kader dari {pihak} dilatih menjadi agen layanan yang membantu warga mengisi formulir.",
    "Layanan dibuka juga pada akhir pekan agar {sasaran} tidak perlu meninggalkan pekerjaan.",
)
_HASIL = (
    "Sejak diterapkan, waktu layanan {layanan} turun dari {hari} hari menjadi kurang dari satu hari.",
    "Jumlah warga yang terlayani meningkat hingga {persen} persen dibandingkan tahun sebelumnya.",
    "Survei kepuasan masyarakat menunjukkan indeks kepuasan naik ke kategori **sangat baik**.",
    "Biaya yang dikeluarkan warga berkurang karena tidak perlu lagi datang berkali-kali ke kantor.",
    "Peningkatan {dampak} menjadi dampak yang paling dirasakan oleh {sasaran}.",
    "Keberhasilan {nama} mendorong {pihak} untuk ikut mendukung pembiayaan dan sosialisasi.",
    "Pengaduan terkait {kendala} berkurang secara nyata dalam dua tahun terakhir.",
    "Data yang lebih rapi juga membantu perencanaan anggaran {instansi} pada tahun berikutnya.",
    "Beberapa daerah lain telah melakukan studi tiru untuk mempelajari penerapan {nama}.",
    "Tidak semua target tercapai; cakupan di wilayah terpencil masih perlu ditingkatkan.",
    "Menurut catatan petugas, rata-rata {angka} permohonan diproses setiap hari kerja.",
    "Dampak lain yang tidak terduga adalah meningkatnya {dampak} di tingkat desa.",
    "Warga {daerah} kini dapat mengurus {layanan} tanpa harus mengambil cuti kerja.",
    "Capaian ini dicatat dalam laporan kinerja tahunan dan diverifikasi oleh *inspektorat daerah*.",
)
_REPLIKASI = (
    "Daerah yang ingin mereplikasi {nama} perlu menyiapkan komitmen pimpinan dan dasar hukum yang jelas.",
    "Kebutuhan anggaran relatif kecil karena sebagian besar sarana memanfaatkan aset yang sudah ada.",
    "Pelatihan petugas sebaiknya dilakukan sebelum layanan dibuka untuk umum.",
    "Libatkan {pihak} sejak awal agar sosialisasi berjalan lebih cepat.",
    "Kode sumber aplikasi dan formulir standar dapat diminta kepada {instansi} tanpa biaya.",
    "Sesuaikan jadwal layanan dengan kalender kegiatan masyarakat setempat.",
    "Evaluasi berkala setiap triwulan membantu menjaga mutu layanan setelah inovasi berjalan.",
    "Pengalaman {daerah} menunjukkan bahwa dukungan {pihak} sangat menentukan keberlanjutan.",
    "Tahap awal cukup dimulai di {angka} lokasi percontohan sebelum diperluas.",
    "Gunakan indikator yang sama dengan daerah asal agar hasilnya dapat dibandingkan.",
    "Siapkan juga mekanisme pengaduan agar masalah di lapangan cepat diketahui.",
)
_BULLET = (
    "Pendaftaran melalui {kanal}",
    "Fitur {fitur} untuk mempercepat proses",
    "Layanan prioritas bagi {sasaran}",
    "Pendampingan oleh {pihak}",
    "Jadwal layanan keliling ke desa setiap pekan",
    "Standar waktu penyelesaian paling lama {hari} hari",
    "Tanpa biaya dan tanpa perantara",
    "Pemantauan kinerja melalui {fitur}",
    "Pengaduan langsung melalui {kanal}",
)
_LANGKAH = (
    "Tetapkan tim pelaksana dengan surat keputusan kepala daerah",
    "Petakan alur layanan dan hambatan yang dialami warga",
    "Siapkan sarana {kanal} dan latih petugas",
    "Jalin kerja sama dengan {pihak}",
    "Lakukan uji coba di {angka} lokasi selama tiga bulan",
    "Ukur indikator sebelum dan sesudah penerapan",
    "Sosialisasikan layanan melalui media lokal dan {kanal}",
    "Evaluasi dan perluas cakupan secara bertahap",
)
_KUTIPAN = (
    "Dulu saya harus tiga kali datang ke kantor. Sekarang cukup sekali, bahkan petugasnya yang datang ke desa.",
    "Pelayanannya cepat dan ramah. Kami tidak perlu lagi membayar calo.",
    "Anak saya akhirnya punya dokumen lengkap sebelum masuk sekolah.",
    "Yang paling terasa, kami tahu berkas sudah sampai di mana.",
)
_PENUTUR = ("warga", "ibu rumah tangga", "pelaku usaha", "kepala desa", "petani", "guru honorer", "nelayan")

_PH = ("{nama}", "{daerah}", "{instansi}", "{layanan}")
"""Placeholders filled per entry, after the pool sentences are chosen."""


class Sentence(NamedTuple):
    text: str
    words: int  # words with every placeholder counted as one
    placeholders: tuple[int, ...]  # index into _PH, once per occurrence


Pool = tuple[tuple[Sentence, ...], ...]
"""Variants grouped by template, so a paragraph can avoid repeating one template."""


def _expand(templates: tuple[str, ...], rng: random.Random, per_template: int) -> Pool:
    out = []
    keep = {p[1:-1]: p for p in _PH}
    for template in templates:
        seen: set[str] = set()
        variants = []
        for _ in range(per_template):
            text = template.format(
                **keep,
                kendala=rng.choice(_KENDALA), kendala2=rng.choice(_KENDALA), sasaran=rng.choice(_SASARAN),
                pihak=rng.choice(_PIHAK), pihak2=rng.choice(_PIHAK), kanal=rng.choice(_KANAL),
                kanal2=rng.choice(_KANAL), fitur=rng.choice(_FITUR), dampak=rng.choice(_DAMPAK),
                tahun=rng.randint(2014, 2024), persen=rng.randint(12, 78), angka=rng.randint(3, 40),
                hari=rng.randint(3, 30),
            )
            if text in seen:
                continue
            seen.add(text)
            counted = text
            for p in _PH:
                counted = counted.replace(p, "X")
            placeholders = tuple(i for i, p in enumerate(_PH) for _ in range(text.count(p)))
            variants.append(Sentence(text, words(counted), placeholders))
        out.append(tuple(variants))
    return tuple(out)


def _pick(rng: random.Random, pool: Pool, k: int) -> list[Sentence]:
    """k sentences from k different templates (k at most the number of templates)."""
    return [rng.choice(pool[t]) for t in rng.sample(range(len(pool)), k)]


class Pools(NamedTuple):
    latar: Pool
    inovasi: Pool
    hasil: Pool
    replikasi: Pool
    bullet: Pool
    langkah: Pool


@cache
def _pools() -> Pools:
    rng = random.Random(POOL_SEED)
    return Pools(
        _expand(_LATAR, rng, 30), _expand(_INOVASI, rng, 30), _expand(_HASIL, rng, 30),
        _expand(_REPLIKASI, rng, 30), _expand(_BULLET, rng, 12), _expand(_LANGKAH, rng, 12),
    )


# --- one entry ------------------------------------------------------------------------------


# A replication tells its own story (validation refuses a text that is mostly its origin's, by
# word shingles): its prose is written from sentences of its own, whose fixed words never run
# three in a row with the templates above and whose slots are the replication's own facts.
_VERB = ("menyesuaikan", "menjalankan", "mengembangkan", "menerapkan", "menata ulang", "memperluas")
_WAKTU = ("sejak awal tahun", "pada triwulan kedua", "setelah uji coba singkat", "mulai semester ini",
          "dalam tiga bulan pertama", "menjelang akhir tahun anggaran")
_OWN_SENTENCES: tuple[Callable[[random.Random, _Entry], str], ...] = ()  # filled below, after _Entry


class Origin(NamedTuple):
    """What a later replication needs to know about an earlier entry."""

    id: str
    theme: str
    acr: str
    frasa: str
    instansi: str
    daerah: str
    mulai: int


class Made(NamedTuple):
    provinsi: str
    id: str
    text: str
    gambar: str | None
    origin: Origin | None  # None for drafts: nothing replicates a draft
    confirmed_by: str | None = None  # the origin whose agency confirms this replication (`replikasi_dikonfirmasi`)


def _acronym(rng: random.Random, phrase: str) -> str:
    parts = [w for w in re.split(r"[\s/-]+", phrase) if w]
    acr = "".join(w[: rng.choice((1, 1, 2, 3))] for w in parts).upper()
    if len(acr) < 4:
        acr = (acr + parts[-1][1:4].upper())[:6]
    if rng.random() < 0.25:
        acr = f"{acr[:2]}-{acr[2:]}"
    return acr


def _num(x: float, satuan: str) -> str:
    """A YAML number; never exponent notation (PyYAML reads `1e+06` as a string)."""
    if satuan in ("persen", "ton/ha", "indeks", "juta rupiah/bulan"):
        return f"{x:.1f}"
    return str(int(round(x)))


class _Entry:
    """Builds one entry; kept as a class only to share the per-entry state between sections."""

    def __init__(self, rng: random.Random, index: int, prov: Provinsi | None, origins: list[Origin],
                 popular: list[Origin], agencies: tuple[Agency, ...], regions: tuple[Provinsi, ...]) -> None:
        self.rng = rng
        self.index = index
        self.prov = prov
        self.origins = origins
        self.popular = popular
        self.agencies = agencies
        self.regions = regions
        self.lines: list[str] = []

    # -- who and where ----------------------------------------------------------------------

    def _who(self, theme: str | None) -> bool:
        """Choose the agency and region; False when the agency cannot own `theme` (a replication's)."""
        rng = self.rng
        prov = self.prov
        self.kabkota: Kabkota | None = None
        self.kode: str | None = None
        self.desa: str | None = None
        if prov is None:
            fitting = [a for a in self.agencies if theme in a.themes] if theme else []
            agency = rng.choice(fitting or self.agencies)
            self.provinsi = "nasional"
            self.jenis_instansi = agency.jenis
            self.theme = _THEME[theme] if fitting and theme else _THEME[rng.choice(agency.themes)]
            self.instansi = agency.nama
            self.daerah = "Indonesia"
            self.region_slug = agency.slug
            self.domain = agency.domain
            return bool(fitting) or theme is None
        self.provinsi = prov.slug
        self.theme = _THEME[theme] if theme else rng.choices(_THEMES, weights=_THEME_WEIGHTS)[0]
        r = rng.random()
        if r < 0.13:
            self.jenis_instansi = "pemprov"
        elif r < 0.16:
            self.jenis_instansi = "bumd"
        elif r < 0.19:
            self.jenis_instansi = "lainnya"
        else:
            self.jenis_instansi = "pemkab/pemkot"
        if self.jenis_instansi == "pemprov" or not prov.kabkota:
            self.jenis_instansi = "pemprov"
            label = prov.label if prov.slug != "di-yogyakarta" else "Daerah Istimewa Yogyakarta"
            head = f"Provinsi {label}"
            self.instansi = f"Pemerintah {head}" if rng.random() < 0.35 else f"{self.theme.opd} {head}"
            self.daerah = head
            self.region_slug = prov.slug
            self.domain = prov.domain
            self.kode = prov.kode if rng.random() < 0.8 else None
            return True
        kk = rng.choice(prov.kabkota)
        self.kabkota = kk
        self.daerah = kk.nama
        self.region_slug = kk.slug
        self.domain = kk.domain
        if self.jenis_instansi == "bumd":
            self.instansi = rng.choice((
                f"Perumda Air Minum Tirta {kk.short}", f"PD Pasar {kk.short}", f"Perumda BPR {kk.short}",
            ))
            self.kode = kk.kode if rng.random() < 0.7 else None
            return True
        if self.jenis_instansi == "lainnya":  # a village government
            self.desa = rng.choice(_DESA)
            self.instansi = f"Pemerintah Desa {self.desa}"
            self.daerah = f"Desa {self.desa}, {kk.nama}"
            self.region_slug = f"{kk.slug}-{slugify(self.desa)}"
            self.kode = f"{kk.kode}.{rng.randint(1, 25):02d}.{rng.randint(2001, 2030)}" if rng.random() < 0.6 else None
            return True
        self.jenis_instansi = "pemkot" if kk.kota else "pemkab"
        self.instansi = f"Pemerintah {kk.nama}" if rng.random() < 0.35 else f"{self.theme.opd} {kk.nama}"
        self.kode = kk.kode if rng.random() < 0.85 else f"{kk.kode}.{rng.randint(1, 30):02d}"  # or a kecamatan
        return True

    # -- the innovation's name ----------------------------------------------------------------

    def _name(self, origin: Origin | None) -> None:
        rng = self.rng
        if origin is not None:
            self.theme = _THEME[origin.theme]
            self.acr = origin.acr
            self.frasa = origin.frasa
            place = self.daerah if self.desa is None else f"Desa {self.desa}"
            if self.provinsi == "nasional":
                place = self.instansi
            self.judul = rng.choice((
                f"{self.acr} {place}: {self.frasa}",
                f"Replikasi {self.acr} ({self.frasa}) di {place}",
                f"{self.frasa} ala {place}",
            ))
        else:
            objek = rng.choice(self.theme.objek)
            self.frasa = f"{rng.choice(_PREFIX)} {objek} {rng.choice(_ADJ)}"
            self.acr = _acronym(rng, self.frasa)
            style = rng.random()
            if style < 0.45:
                self.judul = f"{self.acr}: {self.frasa}"
            elif style < 0.8:
                self.judul = f"{self.frasa} ({self.acr})"
            elif style < 0.9:
                self.judul = f"{self.frasa} di {self.daerah}"
            else:
                self.judul = f"\"{self.acr}\" - {self.frasa} & Layanan {rng.choice(_ADJ)}"
        self.judul = self.judul[:160].rstrip()
        self.nama = self.acr if rng.random() < 0.7 else self.frasa
        self.layanan = " ".join(w if w.isupper() else w.lower() for w in rng.choice(self.theme.objek).split())
        first, last = slugify(self.acr).replace("-", ""), slugify(self.frasa.split()[-1])
        self.id = f"{self.region_slug}-{first}-{last}-{self.index + 1}"

    # -- dates ---------------------------------------------------------------------------------

    def _dates(self, origin: Origin | None) -> None:
        rng = self.rng
        r = rng.random()
        self.tahapan = "inisiatif" if r < 0.12 else "uji_coba" if r < 0.30 else "penerapan"
        self.status = "berhenti" if rng.random() < 0.07 else "aktif"
        latest = _TODAY - (800 if self.status == "berhenti" else 45)
        earliest = _START
        if origin is not None:
            earliest = min(max(origin.mulai + 90, _START), latest)
        span = latest - earliest
        self.mulai = latest - int(span * rng.random() ** 1.6)
        self.penerapan: int | None = None
        self.berhenti: int | None = None
        if self.tahapan == "penerapan":
            self.penerapan = min(self.mulai + rng.randint(30, 720), _TODAY - 15)
        base = self.penerapan or self.mulai
        if self.status == "berhenti":
            self.berhenti = min(base + rng.randint(60, 1500), _TODAY)
        self.end = self.berhenti or _TODAY

    # -- front matter --------------------------------------------------------------------------

    def add(self, line: str) -> None:
        self.lines.append(line)

    def url(self, path: str) -> str:
        scheme = "https" if self.rng.random() < 0.93 else "http"
        return f"{scheme}://{self.domain}/{path}"

    def build(self) -> Made:
        rng = self.rng
        origin: Origin | None = None
        external_origin = False
        r = rng.random()
        if r < 0.10 and self.origins:  # replicates an earlier entry; popular ones attract more
            origin = rng.choice(self.popular) if self.popular and rng.random() < 0.3 else rng.choice(self.origins)
        elif r < 0.12:
            external_origin = True
        fits = self._who(origin.theme if origin else None)
        if origin is not None:
            if fits and origin.instansi != self.instansi:
                self.popular.append(origin)
            else:
                origin = None  # an agency never replicates itself; a ministry stays in its own field
        self._name(origin)
        self._dates(origin)
        m = rng.choices((0, 1, 2, 3), weights=(25, 30, 25, 20))[0]  # how much evidence the author gave
        self.maturity = m
        self.draf = rng.random() < 0.02
        theme = self.theme
        add = self.add
        q = _q

        add("---")
        add(f"judul: {q(self.judul)}")
        sas = rng.choice(_SASARAN)
        ringkasan = (
            f"{self.nama} adalah inovasi {self.instansi} yang mempermudah layanan {self.layanan} bagi {sas} "
            f"di {self.daerah}. {rng.choice(theme.masalah)}"
        )
        if rng.random() < 0.5:
            ringkasan += f" Inovasi ini memadukan {rng.choice(_KANAL)} dan {rng.choice(_FITUR)}."
        if origin is not None:  # in its own words (see _OWN_SENTENCES)
            ringkasan = f"{self.instansi} {rng.choice(_VERB)} {self.nama}: " + _own_prose(rng, self, 18)
        add(f"ringkasan: {q(ringkasan[:600].rstrip())}")
        add("instansi:")
        add(f"  nama: {q(self.instansi)}")
        add(f"  jenis: {self.jenis_instansi}")
        if rng.random() < 0.5:
            unit = rng.choice(theme.units)
            if unit.startswith(("UPTD Puskesmas", "Penyuluh")) or rng.random() < 0.2:
                unit = f"{unit} {rng.choice(_DESA)}"
            add(f"unit: {q(unit)}")
        add("wilayah:")
        add(f"  provinsi: {self.provinsi}")
        if self.kabkota is not None:
            add(f"  kabupaten_kota: {q(self.kabkota.nama)}")
        if self.kode is not None:
            add(f"  kode: {q(self.kode)}")
        add(f"tahapan: {self.tahapan}")
        add(f"status: {self.status}")
        self._evidence_dates()
        add("tanggal:")
        add(f"  mulai: {_iso(self.mulai)}")
        if self.penerapan is not None:
            add(f"  penerapan: {_iso(self.penerapan)}")
        if self.berhenti is not None:
            add(f"  berhenti: {_iso(self.berhenti)}")
        digital = theme.key in ("pengaduan", "statistik", "kepegawaian", "pendapatan", "perizinan") or rng.random() < 0.45
        add(f"jenis: {'digital' if digital else 'non_digital'}")
        add(f"bentuk: {rng.choices(('pelayanan_publik', 'tata_kelola', 'lainnya'), weights=(70, 25, 5))[0]}")
        urusan = [theme.urusan[0]]
        for _ in range(rng.choices((0, 1, 2), weights=(45, 35, 20))[0]):
            extra = rng.choice(theme.urusan) if rng.random() < 0.75 else rng.choice(_URUSAN)
            if extra not in urusan:
                urusan.append(extra)
        if rng.random() < 0.15:
            add(f"urusan: [{', '.join(urusan)}]")
        else:
            add("urusan:")
            for u in urusan:
                add(f"  - {u}")
        masalah = " ".join(rng.sample(theme.masalah, k=rng.randint(1, len(theme.masalah))))
        if rng.random() < 0.4:
            masalah += f" Kendala terbesar adalah {rng.choice(_KENDALA)}, terutama bagi {rng.choice(_SASARAN)}."
        if origin is not None:  # a replication states the problem as its own region meets it
            masalah = _own_prose(rng, self, 16)
        add(f"masalah: {q(masalah)}")
        add(f"diperbarui: {_iso(self.diperbarui)}")
        self._kebaruan(origin, external_origin)
        self._hasil()
        self._evaluasi()
        self._manfaat()
        self._replikasi(origin, external_origin)
        self._panduan()
        self._keberlanjutan()
        self._penghargaan()
        self._lists()
        self._kontak()
        gambar = None
        if rng.random() < 0.04:
            gambar = f"{self.id}.png"
            add(f"gambar: {q(gambar)}")
        if self.draf:
            add("draf: true")
        add("---")
        add("")
        front = "\n".join(self.lines)
        body = _body(self)
        if origin is not None:  # a replication tells its own story: no prose paragraph is the origin's
            body = "\n\n".join(_own_paragraph(rng, self, p) if _PROSE.match(p) and len(p.split()) >= 12
                                 else p for p in body.rstrip("\n").split("\n\n")) + "\n"
        mine = None
        if not self.draf and origin is None:  # replications are not replicated in turn: no chains
            mine = Origin(self.id, theme.key, self.acr, self.frasa, self.instansi, self.daerah, self.mulai)
        # Half the published replications are confirmed by their origin's agency; the others claim.
        confirmed = origin.id if origin is not None and not self.draf and rng.random() < 0.5 else None
        return Made(self.provinsi, self.id, front + "\n" + body, gambar, mine, confirmed)

    def _evidence_dates(self) -> None:
        """Measurement dates and `diperbarui`, all between `mulai` and the end, never after today."""
        rng = self.rng
        self.hasil_dates = []
        for _ in range(3):
            before = max(self.mulai - rng.randint(0, 180), _START - 365)
            lo = (self.penerapan or self.mulai) + 30
            after = rng.randint(min(lo, self.end), self.end) if lo < self.end else self.end
            self.hasil_dates.append((before, max(after, before)))
        latest = max([self.mulai, self.penerapan or 0, self.berhenti or 0] + [a for _, a in self.hasil_dates])
        if rng.random() < 0.2 and latest < _TODAY - 400:
            self.diperbarui = rng.randint(latest, _TODAY - 366)  # stale: "perlu verifikasi ulang"
        else:
            self.diperbarui = rng.randint(max(latest, _TODAY - 330), _TODAY)
        self.y0 = _year(self.mulai)
        self.y1 = _year(self.end)

    def _years(self) -> int:
        return self.rng.randint(self.y0, self.y1)

    def _kebaruan(self, origin: Origin | None, external: bool) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if origin is None and not external and rng.random() > (0.45, 0.75, 0.92, 1.0)[m]:
            return
        if origin is not None or external:
            jenis = "modifikasi"
        else:
            jenis = rng.choices(("gagasan_baru", "pendekatan_baru", "desain_kebijakan"), weights=(40, 45, 15))[0]
        long = rng.random() < (0.3, 0.6, 0.85, 0.95)[m]
        pool = _pools().inovasi
        parts = []
        if origin is not None:
            # Its own words: no three in a row shared with an origin's own sentence (the one below).
            parts.append(f"Replikasi {origin.acr} asal {origin.daerah}; yang disesuaikan: {rng.choice(_FITUR)}.")
        elif external:
            parts.append(f"Mengadaptasi praktik baik daerah lain dengan penyesuaian pada {rng.choice(_FITUR)}.")
        else:
            parts.append(f"Pertama kali di {self.daerah}: layanan {self.layanan} melalui {rng.choice(_KANAL)}.")
        if long and origin is not None:
            parts.append(_own_prose(rng, self, 30))
        elif long:
            parts.extend(s.text for s in _pick(rng, pool, 3))
        uraian = _fill(" ".join(parts), self)
        add("kebaruan:")
        add(f"  jenis: {jenis}")
        add(f"  uraian: {_q(uraian)}")

    def _hasil(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if self.tahapan == "inisiatif":
            count = 1 if rng.random() < 0.1 else 0
        else:
            count = rng.choices((0, 1, 2, 3), weights=((70, 20, 8, 2), (30, 45, 20, 5), (10, 35, 40, 15), (5, 20, 40, 35))[m])[0]
        self.hasil_items: list[tuple[Indikator, str, str]] = []
        if not count:
            return
        add("hasil:")
        indikator = rng.sample(self.theme.indikator, k=min(count, len(self.theme.indikator)))
        complete = (0.3, 0.6, 0.8, 0.92)[m]
        for ind, (d0, d1) in zip(indikator, self.hasil_dates, strict=False):
            before = rng.uniform(ind.lo, ind.hi)
            if ind.naik:
                capped = ind.satuan in ("persen", "indeks")
                after = before + (100 - before) * rng.uniform(0.15, 0.7) if capped else before * rng.uniform(1.1, 2.8)
            else:
                after = before * rng.uniform(0.15, 0.85)
            b, a = _num(before, ind.satuan), _num(after, ind.satuan)
            self.hasil_items.append((ind, b, a))
            add(f"  - indikator: {_q(ind.nama)}")
            add(f"    satuan: {_q(ind.satuan)}")
            full = rng.random() < complete
            add("    sebelum:")
            add(f"      nilai: {b}")
            if full or rng.random() < 0.5:
                add(f"      tanggal: {_iso(d0)}")
            if full or rng.random() < 0.6:
                add("    sesudah:")
                add(f"      nilai: {a}")
                if full or rng.random() < 0.5:
                    add(f"      tanggal: {_iso(d1)}")
            if full or rng.random() < 0.4:
                add(f"    sumber: {_q(rng.choice(_SUMBER).format(instansi=self.instansi, tahun=_year(d1)))}")
            if rng.random() < 0.5:
                add(f"    bukti: {_q(self.url(f'data/{slugify(ind.nama)[:40]}-{_year(d1)}.pdf'))}")

    def _evaluasi(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if self.tahapan == "inisiatif" or rng.random() > (0.05, 0.3, 0.55, 0.8)[m]:
            return
        add("evaluasi:")
        kinds = rng.sample(("internal", "survei_kepuasan", "eksternal"), k=rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
        for jenis in kinds:
            tahun = self._years()
            judul = {
                "internal": f"Evaluasi internal pelaksanaan {self.acr} tahun {tahun}",
                "survei_kepuasan": f"Survei Kepuasan Masyarakat layanan {self.layanan} {tahun}",
                "eksternal": f"Kajian {rng.choice(('Universitas', 'Politeknik', 'Ombudsman RI Perwakilan'))} atas {self.acr}",
            }[jenis]
            add(f"  - jenis: {jenis}")
            add(f"    judul: {_q(judul)}")
            add(f"    tahun: {tahun}")
            if rng.random() < (0.85 if jenis == "eksternal" else 0.5):
                add(f"    tautan: {_q(self.url(f'evaluasi/{jenis}-{tahun}.pdf'))}")

    def _manfaat(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if rng.random() > (0.2, 0.6, 0.85, 0.97)[m]:
            return
        dasar = rng.choice(_DASAR)
        lo_hi = _BANDS[dasar][rng.choices((0, 1, 2, 3), weights=(10, 30, 30, 30))[0]]
        nilai = rng.uniform(*lo_hi)
        add("manfaat:")
        add(f"  dasar: {dasar}")
        if rng.random() < 0.95:
            text = str(int(nilai)) if dasar in ("penerima", "produk", "tren") else f"{nilai:.1f}"
            add(f"  nilai: {text}")
        add(f"  keterangan: {_q(_MANFAAT_KET[dasar].format(sasaran=rng.choice(_SASARAN), layanan=self.layanan))}")
        if rng.random() < (0.5, 0.75, 0.9, 0.97)[m]:
            add(f"  bukti: {_q(self.url(f'manfaat/{dasar}.pdf'))}")

    def _replikasi(self, origin: Origin | None, external: bool) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if origin is not None:
            add("replikasi_dari:")
            add(f"  - inovasi: {origin.id}")
        elif external:
            prov = rng.choice(self.regions)
            kk = rng.choice(prov.kabkota) if prov.kabkota else None
            asal = f"Pemerintah {kk.nama}" if kk else f"Pemerintah Provinsi {prov.label}"
            add("replikasi_dari:")
            add(f"  - instansi: {_q(asal)}")
            add(f"    tautan: {_q(f'https://{kk.domain if kk else prov.domain}/inovasi/{slugify(self.acr)}')}")
        if rng.random() < (0.0, 0.05, 0.12, 0.3)[m]:
            add("replikasi_oleh:")
            for prov in rng.sample(self.regions, k=rng.choices((1, 2, 3, 4), weights=(50, 25, 15, 10))[0]):
                kk = rng.choice(prov.kabkota) if prov.kabkota else None
                oleh = f"Pemerintah {kk.nama}" if kk else f"Pemerintah Provinsi {prov.label}"
                if oleh == self.instansi:
                    oleh = f"Pemerintah Provinsi {prov.label}"
                add(f"  - instansi: {_q(oleh)}")
                add(f"    tahun: {min(self._years() + 1, _YEAR_NOW)}")
                if rng.random() < 0.75:
                    add(f"    bukti: {_q(self.url(f'replikasi/pks-{prov.slug}.pdf'))}")

    def _panduan(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if rng.random() > (0.1, 0.4, 0.7, 0.9)[m]:
            return
        bentuk = rng.choices(("cetak", "elektronik", "daring"), weights=(30, 40, 30))[0]
        add("panduan_replikasi:")
        add(f"  bentuk: {bentuk}")
        if bentuk != "cetak" or rng.random() < 0.3:
            path = "panduan.pdf" if bentuk != "daring" else f"replikasi/{slugify(self.acr)}"
            add(f"  tautan: {_q(self.url(path))}")
        if rng.random() < 0.7:
            kebutuhan = (
                f"Satu tim pelaksana ({rng.randint(3, 12)} orang), {rng.choice(_KANAL)}, "
                f"anggaran awal sekitar Rp{rng.randint(5, 250)} juta, dan dukungan {rng.choice(_PIHAK)}."
            )
            add(f"  kebutuhan: {_q(kebutuhan)}")

    def _keberlanjutan(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if rng.random() > (0.2, 0.6, 0.85, 0.97)[m]:
            return
        add("keberlanjutan:")
        p = (0.3, 0.55, 0.75, 0.9)[m]
        pusat = self.provinsi == "nasional"
        if rng.random() < p:
            add("  dasar_hukum:")
            for _ in range(rng.choices((1, 2), weights=(70, 30))[0]):
                jenis = rng.choice(("permen", "peraturan_lembaga", "sk", "perpres", "pp", "uu", "lainnya") if pusat
                                   else ("sk", "perkada", "perda", "sk", "perkada", "lainnya"))
                tahun = self._years()
                nomor = (f"188.45/{rng.randint(10, 999)}/KPTS/{tahun}" if jenis == "sk"
                         else str(rng.randint(1, 120)))
                add(f"    - jenis: {jenis}")
                add(f"      nomor: {_q(nomor)}")
                add(f"      tahun: {tahun}")
                if rng.random() < 0.6:
                    add(f"      judul: {_q(f'{_JUDUL_HUKUM[jenis]} tentang {self.frasa}')}")
                if rng.random() < 0.4:
                    doc = slugify(f"{jenis} {nomor} {tahun}")
                    add(f"      tautan: {_q(f'https://jdih.{self.domain}/produk-hukum/{doc}')}")
        if rng.random() < p:
            if self.status == "aktif" and rng.random() < 0.7:
                last = rng.choice((_YEAR_NOW, _YEAR_NOW - 1))
            else:
                last = rng.randint(self.y0, self.y1)
            first = min(max(self.y0, last - rng.randint(0, 4)), last)
            years = list(range(first, last + 1))
            if len(years) > 2 and rng.random() < 0.15:
                years.pop(len(years) // 2)  # a gap
            if rng.random() < 0.5:
                add(f"  anggaran: [{', '.join(map(str, years))}]")
            else:
                add("  anggaran:")
                for y in years:
                    add(f"    - {y}")
            if rng.random() < 0.7:
                sumber = rng.sample(_SUMBER_ANGGARAN_PUSAT if pusat else _SUMBER_ANGGARAN, k=rng.randint(1, 2))
                add("  sumber_anggaran:")
                for s in sumber:
                    add(f"    - {_q(s)}")
        if rng.random() < p:
            add("  pelaksana:")
            add(f"    unit: {_q(rng.choice(self.theme.units))}")
            if rng.random() < 0.75:
                number = rng.randint(10, 999)
                while f"800/{number}/{self.y0}" in EXAMPLES["sk"]:  # the badge hints' example: refused in an entry
                    number += 1
                add(f"    sk: {_q(f'800/{number}/{self.y0}')}")

    def _penghargaan(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if self.tahapan == "inisiatif" or rng.random() > (0.01, 0.05, 0.15, 0.35)[m]:
            return
        add("penghargaan:")
        for ajang in rng.sample(("kipp", "iga", "lainnya", "unpsa"), k=rng.choices((1, 2), weights=(75, 25))[0]):
            tahun = max(self._years(), 2014)
            nama, capaian = rng.choice(_AWARDS[ajang])
            add(f"  - ajang: {ajang}")
            add(f"    nama: {_q(nama.format(tahun=tahun))}")
            add(f"    tahun: {tahun}")
            if capaian:
                add(f"    capaian: {_q(capaian)}")

    def _lists(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        p = 0.25 + 0.2 * m
        if rng.random() < p:
            add("area_perubahan:")
            for a in rng.sample(_AREA, k=rng.randint(1, 3)):
                add(f"  - {a}")
        if rng.random() < p:
            add("nilai_berakhlak:")
            for a in rng.sample(_BERAKHLAK, k=rng.randint(1, 4)):
                add(f"  - {a}")
        if rng.random() < p:
            sdgs = sorted(set(rng.sample(self.theme.sdgs, k=rng.randint(1, len(self.theme.sdgs)))
                              + ([rng.randint(1, 17)] if rng.random() < 0.2 else [])))
            add(f"sdgs: [{', '.join(map(str, sdgs))}]")
        if rng.random() < p + 0.1:
            kata = rng.sample(self.theme.kata, k=rng.randint(1, 3))
            if rng.random() < 0.25:
                kata.append(rng.choice(_LOKAL))
            if self.nama != self.acr:
                kata.append(self.acr)
            add("kata_kunci:")
            for k in kata:
                add(f"  - {_q(k)}")

    def _kontak(self) -> None:
        rng, m, add = self.rng, self.maturity, self.add
        if rng.random() < 0.4 + 0.15 * m:
            add("kontak:")
            add(f"  jabatan: {_q(rng.choice(_JABATAN))}")
            if rng.random() < 0.8:
                add(f"  email: {_q(rng.choice(('inovasi', 'layanan', 'pengaduan', slugify(self.acr))) + '@' + self.domain)}")
            if rng.random() < 0.6:
                tel = (f"(0{rng.randint(21, 986)}) {rng.randint(300000, 8999999)}" if rng.random() < 0.6
                       else f"+62 8{rng.randint(11, 59)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}")
                add(f"  telepon: {_q(tel)}")
        if rng.random() < 0.3 + 0.2 * m:
            add("tautan:")
            if rng.random() < 0.8:
                add(f"  situs: {_q(self.url(f'inovasi/{slugify(self.acr)}'))}")
            if rng.random() < 0.4:
                vid = "".join(rng.choice(_VIDEO_CHARS) for _ in range(11))
                add(f"  video: {_q(f'https://www.youtube.com/watch?v={vid}')}")
            if rng.random() < 0.5:
                add("  dokumen:")
                for judul in rng.sample(_DOKUMEN, k=rng.randint(1, 3)):
                    add(f"    - judul: {_q(judul)}")
                    add(f"      url: {_q(self.url(f'dokumen/{slugify(judul)}.pdf'))}")


_URUSAN = tuple(vocab.URUSAN)
_AREA = tuple(vocab.AREA_PERUBAHAN)
_BERAKHLAK = tuple(vocab.NILAI_BERAKHLAK)
_DASAR = tuple(vocab.DASAR_MANFAAT)
_VIDEO_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"
_BANDS: dict[str, tuple[tuple[float, float], ...]] = {
    # below the first band, then bands 1, 2 and 3 (IID indicator 33)
    "penerima": ((0, 1), (1, 200), (201, 500), (501, 25000)),
    "cakupan": ((0, 4.9), (5, 19.9), (20, 50), (50.1, 100)),
    "efisiensi": ((0, 0), (0.1, 9.9), (10, 19.9), (20, 60)),
    "pendapatan": ((0, 0), (0.1, 9.9), (10, 19.9), (20, 80)),
    "produk": ((0, 1), (1, 100), (101, 200), (201, 900)),
    "tren": ((0, 1), (1, 2), (2, 3), (3, 7)),
}
_MANFAAT_KET = {
    "penerima": "Jumlah {sasaran} yang menerima layanan {layanan} sejak inovasi diterapkan.",
    "cakupan": "Persentase wilayah yang sudah terjangkau layanan {layanan}.",
    "efisiensi": "Penghematan anggaran layanan {layanan} dibandingkan cara lama (persen).",
    "pendapatan": "Kenaikan pendapatan {sasaran} setelah inovasi berjalan (persen).",
    "produk": "Jumlah produk dan dokumen layanan {layanan} yang dihasilkan.",
    "tren": "Jumlah periode berturut-turut dengan capaian layanan {layanan} yang meningkat.",
}
_SUMBER = (
    "Laporan Kinerja {instansi} Tahun {tahun}",
    "Aplikasi pencatatan layanan, rekap {tahun}",
    "Survei internal {tahun}",
    "Badan Pusat Statistik, {tahun}",
    "Profil Daerah Tahun {tahun}",
)
_SUMBER_ANGGARAN = ("APBD", "APBD Provinsi", "Dana Desa", "DAK Nonfisik", "CSR perusahaan daerah", "Hibah")
_SUMBER_ANGGARAN_PUSAT = ("APBN", "PNBP", "Hibah luar negeri", "Kerja sama swasta")
_JUDUL_HUKUM = {
    "sk": "Keputusan Kepala Daerah", "perkada": "Peraturan Bupati", "perda": "Peraturan Daerah",
    "permen": "Peraturan Menteri", "peraturan_lembaga": "Peraturan Kepala Lembaga", "perpres": "Peraturan Presiden",
    "pp": "Peraturan Pemerintah", "uu": "Undang-Undang", "lainnya": "Surat Edaran",
}
_AWARDS: dict[str, tuple[tuple[str, str | None], ...]] = {
    "kipp": (("Kompetisi Inovasi Pelayanan Publik {tahun}", "Top 45"),
             ("Kompetisi Inovasi Pelayanan Publik {tahun}", "Top 99"),
             ("KIPP {tahun}: Outstanding Achievement", "Outstanding Achievement"),
             ("Kompetisi Inovasi Pelayanan Publik {tahun}", None)),
    "iga": (("Innovative Government Award {tahun}", "Sangat Inovatif"),
            ("Innovative Government Award {tahun}", "Terinovatif"),
            ("IGA {tahun}", None)),
    "unpsa": (("United Nations Public Service Awards {tahun}", "Winner"),
              ("United Nations Public Service Awards {tahun}", "Finalist")),
    "lainnya": (("Penghargaan Gubernur {tahun}", "Juara I"),
                ("Anugerah Pelayanan Prima {tahun}", None),
                ("Lomba Inovasi Daerah {tahun}", "Juara Harapan"),
                ("Penghargaan Ombudsman: Kepatuhan Standar Pelayanan {tahun}", "Zona Hijau")),
}
_JABATAN = (
    "Kepala Bidang Pelayanan", "Kepala Seksi Inovasi", "Sekretaris Dinas", "Pengelola Layanan Pengaduan",
    "Kepala UPTD", "Analis Kebijakan Ahli Muda", "Koordinator Tim Inovasi", "Kepala Subbagian Perencanaan",
)
_DOKUMEN = (
    "Standar Operasional Prosedur", "Laporan Evaluasi Tahunan", "Materi Paparan", "Petunjuk Teknis",
    "Surat Keputusan Tim Pelaksana", "Hasil Survei Kepuasan",
)


_PROSE = re.compile(r"(?![#>|]|[-*+] |\d+[.)] |```|<)")


def _own_sentences() -> tuple[Callable[[random.Random, _Entry], str], ...]:
    c = random.Random.choice
    return (
        lambda r, e: f"{e.daerah} {c(r, _VERB)} {e.nama} {c(r, _WAKTU)} bersama {c(r, _PIHAK)}.",
        lambda r, e: f"Tim {e.instansi} memilih {c(r, _KANAL)} karena {c(r, _KENDALA)} menghambat {c(r, _SASARAN)}.",
        lambda r, e: f"{c(r, _FITUR).capitalize()} ditambahkan {c(r, _WAKTU)} atas usul {c(r, _PIHAK)} {e.daerah}.",
        lambda r, e: f"{c(r, _SASARAN).capitalize()} {e.daerah} kini terbantu {c(r, _FITUR)} dan {c(r, _KANAL)}.",
        lambda r, e: f"{r.randint(3, 40)} petugas {e.instansi} dilatih {c(r, _WAKTU)}; {c(r, _DAMPAK)} ikut tumbuh.",
        lambda r, e: f"{c(r, _KENDALA).capitalize()} di {e.daerah} diatasi lewat {c(r, _KANAL)} {c(r, _WAKTU)}.",
        lambda r, e: f"{c(r, _PIHAK).capitalize()} {e.daerah} mengawal {e.nama} sehingga {c(r, _DAMPAK)} meningkat.",
        lambda r, e: f"Pada {r.randint(2019, 2025)} {e.instansi} mencatat {r.randint(12, 78)} persen {c(r, _SASARAN)} "
                     f"memakai {c(r, _KANAL)}.",
    )


def _own_prose(rng: random.Random, e: _Entry, words_wanted: int) -> str:
    """Sentences of the replication's own (`_own_sentences`), at least `words_wanted` words."""
    global _OWN_SENTENCES
    if not _OWN_SENTENCES:
        _OWN_SENTENCES = _own_sentences()
    out: list[str] = []
    count = 0
    order = rng.sample(range(len(_OWN_SENTENCES)), len(_OWN_SENTENCES))
    while count < words_wanted or not out:
        sentence = _OWN_SENTENCES[order[len(out) % len(order)]](rng, e)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


_LINK = re.compile(r"\[[^\]]+\]\([^)]+\)")


def _own_paragraph(rng: random.Random, e: _Entry, paragraph: str) -> str:
    """A paragraph of the replication's own in place of `paragraph`: about as long, with its
    emphasis and its link kept (the link names the replication's own page)."""
    own = _own_prose(rng, e, len(paragraph.split()))
    if "**" in paragraph:
        own = f"**{e.nama} di {e.daerah}.** {own}"
    link = _LINK.search(paragraph)
    if link:
        own += f" Rinciannya: {link.group()}."
    return own


def _fill(text: str, e: _Entry) -> str:
    for p, value in zip(_PH, (e.nama, e.daerah, e.instansi, e.layanan), strict=True):
        text = text.replace(p, value)
    return text


# --- a realistic spread of words ----------------------------------------------------------------

FREE_WORDS = (70, 150)
"""Words of the free paragraph of each story (Zipf-drawn, see `_vocabulary`)."""
ZIPF = 1.05


def _nasal(prefix: str, root: str) -> str:
    """meN-/peN- + root as Indonesian writes it: meng-/mem-/men-/meny-, the first consonant of
    k-, p-, t-, s- roots dropped before a vowel (kirim → mengirim, pakai → memakai)."""
    vowel = root[1:2] in tuple("aiueo")
    head = root[0]
    if head in "aiueogh" or (head == "k" and vowel):
        return prefix + "ng" + (root[1:] if head == "k" else root)
    if head in "bfv" or (head == "p" and vowel):
        return prefix + "m" + (root[1:] if head == "p" else root)
    if head in "cdjz" or (head == "t" and vowel):
        return prefix + "n" + (root[1:] if head == "t" else root)
    if head == "s" and vowel:
        return prefix + "ny" + root[1:]
    return prefix + root


@cache
def _vocabulary() -> tuple[list[str], list[float]]:
    """Word forms in a fixed random order of frequency, with Zipf's cumulative weights."""
    import Sastrawi

    path = Path(Sastrawi.__file__).parent / "Stemmer" / "data" / "kata-dasar.txt"
    roots = sorted({w.strip() for w in path.read_text(encoding="utf-8").split() if w.strip().isalpha() and len(w) > 2})
    rng = random.Random(POOL_SEED)
    forms: list[str] = []
    makers = (
        lambda r: r, lambda r: _nasal("me", r), lambda r: "di" + r, lambda r: _nasal("pe", r) + "an",
        lambda r: "ke" + r + "an", lambda r: "ber" + r, lambda r: r + "an", lambda r: _nasal("me", r) + "kan",
        lambda r: "di" + r + "kan", lambda r: r + "nya", lambda r: "per" + r + "an", lambda r: "ter" + r,
    )
    for root in roots:
        forms += [make(root) for make in rng.sample(makers, rng.randint(3, 6))]
    forms = list(dict.fromkeys(forms))
    rng.shuffle(forms)
    total = 0.0
    cumulative = []
    for rank in range(len(forms)):
        total += 1 / (rank + 3) ** ZIPF
        cumulative.append(total)
    return forms, cumulative


def _free_paragraph(rng: random.Random) -> tuple[str, int]:
    """Sentences of Zipf-drawn words (one of them in bold), and how many words."""
    forms, cumulative = _vocabulary()
    n = rng.randint(*FREE_WORDS)
    drawn = rng.choices(forms, cum_weights=cumulative, k=n)
    drawn[1] = f"**{drawn[1]}**"
    sentences, at = [], 0
    while at < n:
        size = min(n - at, rng.randint(7, 14))
        piece = drawn[at:at + size]
        sentences.append(piece[0].capitalize() + " " + " ".join(piece[1:]) + "." if size > 1 else piece[0].capitalize() + ".")
        at += size
    return " ".join(sentences), n


# --- body -----------------------------------------------------------------------------------


def _body(e: _Entry) -> str:
    """600-1,200 words of Markdown; words are counted exactly while the text is assembled."""
    rng = e.rng
    pools = _pools()
    delta = [words(v) - 1 for v in (e.nama, e.daerah, e.instansi, e.layanan)]
    target = rng.randint(680, 980)

    def count(chosen: list[Sentence]) -> int:
        return sum(s.words for s in chosen) + sum(delta[i] for s in chosen for i in s.placeholders)

    # Fixed pieces first, so the prose can fill exactly what is left.
    bullets = _pick(rng, pools.bullet, rng.randint(4, 6))
    intro_bullets = "Fitur utama **{nama}** meliputi:"
    bullet_md = "\n".join(f"- {s.text}" for s in bullets)
    steps = _pick(rng, pools.langkah, rng.randint(4, 6))
    steps_md = "\n".join(f"{i}. {s.text}." for i, s in enumerate(steps, 1))
    fixed = count(bullets) + count(steps) + words(intro_bullets.replace("{nama}", "X")) + delta[0]
    table = ""
    if rng.random() < 0.5:
        rows = e.hasil_items or [
            (ind, _num(ind.lo, ind.satuan), _num(ind.hi if ind.naik else ind.lo / 2, ind.satuan))
            for ind in rng.sample(e.theme.indikator, k=min(2, len(e.theme.indikator)))
        ]
        table = "| Indikator | Satuan | Sebelum | Sesudah |\n|---|---|---:|---:|\n" + "\n".join(
            f"| {ind.nama} | {ind.satuan} | {b} | {a} |" for ind, b, a in rows
        )
        fixed += words(table)
    quote = ""
    if rng.random() < 0.3:
        quote = f"> “{rng.choice(_KUTIPAN)}”\n>\n> — *{rng.choice(_PENUTUR)} di {e.daerah}*"
        fixed += words(quote)
    alur = ""
    if rng.random() < 0.3:
        alur_steps = _pick(rng, pools.langkah, 3)
        alur = "### Alur Singkat\n\n" + "\n".join(f"{i}. {s.text}" for i, s in enumerate(alur_steps, 1))
        fixed += count(alur_steps) + words("Alur Singkat")
    link_url = e.url(f"inovasi/{slugify(e.acr)}")
    closing = (
        f"Informasi lengkap, formulir dan materi sosialisasi tersedia di [laman {e.acr}]({link_url}); "
        f"pertanyaan dapat dikirim melalui kanal pengaduan `{slugify(e.acr)}` di SP4N-LAPOR!."
    )
    fixed += words(closing)
    headings = ("Latar Belakang", "Inovasi", "Hasil dan Dampak", "Cara Mereplikasi")
    fixed += sum(words(h) for h in headings)
    free, free_words = _free_paragraph(rng)
    fixed += free_words

    prose = max(target - fixed, 200)
    shares = (0.3, 0.3, 0.22, 0.18)
    section_pools = (pools.latar, pools.inovasi, pools.hasil, pools.replikasi)
    paragraphs: list[list[str]] = []
    for share, pool in zip(shares, section_pools, strict=True):
        budget = int(prose * share)
        got = 0
        section: list[str] = []
        order = rng.sample(range(len(pool)), len(pool))  # templates cycle: no repeats until all are used
        used = 0
        while got < budget or not section:
            para: list[Sentence] = []
            for _ in range(rng.randint(3, 6)):
                s = rng.choice(pool[order[used % len(order)]])
                used += 1
                para.append(s)
                got += s.words + sum(delta[i] for i in s.placeholders)
                if got >= budget:
                    break
            section.append(" ".join(s.text for s in para))
        paragraphs.append(section)

    latar, inovasi, hasil, replikasi = paragraphs
    parts = ["## Latar Belakang", *latar, "## Inovasi", inovasi[0], intro_bullets, bullet_md, *inovasi[1:]]
    if alur:
        parts.append(alur)
    parts += ["## Hasil dan Dampak", hasil[0], free]
    if table:
        parts.append(table)
    if quote:
        parts.append(quote)
    parts += hasil[1:]
    parts += ["## Cara Mereplikasi", replikasi[0], steps_md, *replikasi[1:], closing]
    return _fill("\n\n".join(parts), e) + "\n"


# --- the corpus -----------------------------------------------------------------------------


def _fingerprint() -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
    return f"{VERSION}+{digest}"


def entries(n: int, seed: int = 0) -> Iterator[Made]:
    """Yield the `Made` entries of the corpus, in order; pure and deterministic."""
    rng = random.Random(seed)
    regions = _regions()
    agencies = _agencies()
    choices: list[Provinsi | None] = [*regions, None]
    weights = [p.weight for p in regions] + [NASIONAL_WEIGHT]
    first = list(choices)
    rng.shuffle(first)  # the first 39 entries visit every province and `nasional` once
    origins: list[Origin] = []
    popular: list[Origin] = []
    for i in range(n):
        prov = first[i] if i < len(first) else rng.choices(choices, weights=weights)[0]
        made = _Entry(rng, i, prov, origins, popular, agencies, regions).build()
        if made.origin is not None:
            origins.append(made.origin)
        yield made


def _read_marker(out_dir: Path) -> dict[str, Any] | None:
    try:
        return json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(out_dir: Path, n: int, seed: int = 0) -> list[Path]:
    """Write the corpus of `n` entries to `out_dir/<provinsi>/<id>.md`; return the entry paths.

    A directory whose marker records the same `(n, seed, version)` is reused as is. A directory
    holding an older corpus (any marker) is replaced; a non-empty directory without a marker is
    refused, so a typo in `--out` cannot delete someone's files.
    """
    out_dir = Path(out_dir)
    if n < 0:
        raise ValueError("n must be >= 0")
    want = {"generator": "bench.corpus", "version": _fingerprint(), "n": n, "seed": seed, "today": TODAY.isoformat()}
    marker = _read_marker(out_dir)
    if marker is not None and marker.get("complete") and {k: marker.get(k) for k in want} == want:
        return [out_dir / p for p in marker["files"]]
    if out_dir.exists() and any(out_dir.iterdir()):
        if marker is None:
            raise FileExistsError(f"{out_dir} is not empty and holds no {MARKER}; refusing to overwrite it")
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / MARKER).write_text(json.dumps({**want, "complete": False}), encoding="utf-8")
    paths: list[Path] = []
    made_dirs: set[str] = set()
    where: dict[str, Path] = {}
    confirms: dict[str, list[str]] = {}  # origin id → the replications its agency confirms
    for made in entries(n, seed):
        folder = out_dir / made.provinsi
        if made.provinsi not in made_dirs:
            folder.mkdir(exist_ok=True)
            made_dirs.add(made.provinsi)
        path = folder / f"{made.id}.md"
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(made.text)
        if made.gambar:
            (folder / made.gambar).write_bytes(_PNG)
        paths.append(path)
        where[made.id] = path
        if made.confirmed_by is not None:
            confirms.setdefault(made.confirmed_by, []).append(made.id)
    # An origin is written before the entries that replicate it: their confirmation goes in after.
    for origin_id, replicas in confirms.items():
        path = where[origin_id]
        text = path.read_text(encoding="utf-8")
        end = text.index("\n---\n", 4)
        listed = "".join(f"\n  - {replica}" for replica in replicas)
        path.write_text(f"{text[:end]}\nreplikasi_dikonfirmasi:{listed}{text[end:]}", encoding="utf-8", newline="\n")
    files = [p.relative_to(out_dir).as_posix() for p in paths]
    (out_dir / MARKER).write_text(json.dumps({**want, "complete": True, "files": files}), encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=32000, help="number of entries (default 32000)")
    parser.add_argument("--out", type=Path, help="output directory (default bench/out/corpus-<n>)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    out = args.out or Path("bench/out") / f"corpus-{args.n}"
    before = _read_marker(out)
    started = time.perf_counter()
    try:
        paths = generate(out, args.n, args.seed)
    except FileExistsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - started
    reused = before is not None and _read_marker(out) == before
    verb = "reused" if reused else "wrote"
    print(f"{verb} {len(paths)} entries in {out} (seed {args.seed}) in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
