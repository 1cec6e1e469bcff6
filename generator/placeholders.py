"""The one list of placeholder texts: what `katalog new` and `katalog replicate` write where the
author still has to write something (and what older replication drafts wrote), the example
values of the badges' hints (`katalog badges`, the pull request's comment: "what is missing",
each with a YAML snippet), and what validation looks for (an error in a published entry, a
warning in a draft).

Every placeholder and every example is written here once, so that a draft can never carry a
placeholder that validation does not know, and no example the tools print can count as
evidence: an entry that pasted a hint's snippet as it is earns nothing from it.
"""

from __future__ import annotations

from .text import fold
from .urls import normalise

MARKER = "GANTI"
"""Marks a value the author must replace. The replication draft that entry pages once offered
wrote the four values below; drafts made from it still carry them, so validation still names them."""

RINGKASAN = "Ringkasan belum diisi: jelaskan inovasi ini dalam satu paragraf."
MASALAH = "Masalah belum diisi: masalah publik apa yang diselesaikan inovasi ini?"
KEBARUAN_URAIAN = (
    "Uraian kebaruan belum diisi: jelaskan dengan kata-kata Anda sendiri apa yang baru atau disesuaikan "
    "dengan kondisi daerah Anda (sasaran, prosedur, teknologi, atau mitra)."
)
AGENCY = f"{MARKER} dengan nama instansi Anda"
PROVINCE = f"{MARKER.lower()}-dengan-provinsi"
PLACE = f"{MARKER} dengan kabupaten/kota Anda (hapus baris ini untuk instansi provinsi/pusat)"
PROBLEM = f"{MARKER} dengan masalah publik yang diselesaikan inovasi ini di daerah Anda."

BODY_SECTIONS: tuple[tuple[str, str], ...] = (
    ("Latar Belakang", "Tuliskan kondisi sebelum inovasi dan mengapa perubahan diperlukan."),
    ("Inovasi", "Jelaskan apa yang baru, bagaimana layanan berjalan, dan siapa yang terlibat."),
    ("Hasil dan Dampak", "Sebutkan hasil yang terukur (sebelum → sesudah) beserta sumber datanya."),
    ("Cara Mereplikasi", "Langkah, kebutuhan sumber daya, dan kontak bagi instansi yang ingin meniru inovasi ini."),
)
"""The suggested sections of a body, each with the guidance sentence a draft starts with."""

BODY = "\n".join(f"## {title}\n\n{guidance}\n" for title, guidance in BODY_SECTIONS)

FIELD_TEXTS: tuple[str, ...] = (RINGKASAN, MASALAH, KEBARUAN_URAIAN, AGENCY, PROVINCE, PLACE, PROBLEM)
"""Placeholders that fill a front-matter value."""

# --- the examples of the badges' hints -----------------------------------------------------------

EXAMPLE_HOST = "instansi.go.id"
"""The host of every example address: no agency's site (an address on it, or below it, is an
example wherever it is written)."""
EXAMPLE_URL = f"https://{EXAMPLE_HOST}/dokumen/bukti.pdf"
EXAMPLE_AGREEMENT_URL = f"https://{EXAMPLE_HOST}/dokumen/pks-replikasi.pdf"
EXAMPLE_INDICATOR = "Waktu penyelesaian layanan"
EXAMPLE_SOURCE = "Laporan bulanan unit layanan"
EXAMPLE_SURVEY = "Survei Kepuasan Masyarakat 2025"
EXAMPLE_EVALUATION = "Evaluasi oleh Ombudsman RI"
EXAMPLE_BENEFIT = "Warga yang terlayani sepanjang 2025"
EXAMPLE_LAW_NUMBER = "800/123/2024"
EXAMPLE_DECREE = "800/45/2024"
EXAMPLE_UNIT = "Bidang Pelayanan Dinas"
EXAMPLE_AGENCY = "Pemerintah Kabupaten Contoh"
EXAMPLE_NEEDS = "Satu petugas terlatih, komputer dan akses internet"
EXAMPLE_NOVELTY = "Apa yang baru dibanding cara lama, dengan kata-kata sendiri"
"""The start of the novelty hint (the criteria add the word count the badge asks for)."""
EXAMPLE_ORIGIN = "id-inovasi-asal"
EXAMPLE_AWARD = f"{MARKER} dengan nama penghargaan, misalnya Top 45 KIPP"
"""An award's name is written as a placeholder (a real one reads just like a realistic example)."""

EXAMPLES: dict[str, tuple[str, ...]] = {
    "indikator": (EXAMPLE_INDICATOR,),
    "sumber": (EXAMPLE_SOURCE,),
    "judul": (EXAMPLE_SURVEY, EXAMPLE_EVALUATION),
    "keterangan": (EXAMPLE_BENEFIT,),
    "nomor": (EXAMPLE_LAW_NUMBER,),
    "sk": (EXAMPLE_DECREE,),
    "unit": (EXAMPLE_UNIT,),
    "instansi": (EXAMPLE_AGENCY,),
    "kebutuhan": (EXAMPLE_NEEDS,),
    "inovasi": (EXAMPLE_ORIGIN,),
}
"""The text values of the hints' snippets, by the key the snippets write them under (their
addresses are all on `EXAMPLE_HOST`, an example wherever it is written). Numbers, years, dates,
units, vocabulary slugs and a level such as "Top 45" in a snippet are the author's to keep."""
EXAMPLE_STARTS: dict[str, str] = {"uraian": EXAMPLE_NOVELTY}
"""Examples known by how they start (the rest of them depends on the criteria table)."""
EXAMPLE_TEXTS: tuple[str, ...] = (*(text for texts in EXAMPLES.values() for text in texts), *EXAMPLE_STARTS.values())
_FOLDED_EXAMPLES = {key: frozenset(fold(text) for text in texts) for key, texts in EXAMPLES.items()}
_FOLDED_STARTS = {key: fold(text) for key, text in EXAMPLE_STARTS.items()}
_MARKS = tuple(sorted({fold(text) for text in EXAMPLE_TEXTS} | {EXAMPLE_HOST}))


def may_hold_example(front: str) -> bool:
    """Whether a front matter may hold an example (cheap, for the many that do not: a front
    matter that is not all ASCII is always looked into, its values folded one by one)."""
    if not front.isascii():
        return True
    folded = " ".join(front.lower().split())
    return any(mark in folded for mark in _MARKS)


def is_example_url(url: str) -> bool:
    """An address on the examples' host (`EXAMPLE_HOST` or below it), as a browser reads it."""
    address = normalise(url)
    return address is not None and (address.host == EXAMPLE_HOST or address.host.endswith("." + EXAMPLE_HOST))

BODY_TEXTS: tuple[str, ...] = tuple(guidance for _, guidance in BODY_SECTIONS)
"""Placeholders that fill a paragraph of the body."""


def is_example(text: str, key: str = "") -> bool:
    """Whether a value (under `key`) is one of the hints' examples (not a draft's placeholder)."""
    stripped = text.strip()
    if "://" in stripped and is_example_url(stripped):
        return True
    folded = _FOLDED_EXAMPLES.get(key)
    if folded is not None and fold(stripped) in folded:
        return True
    start = _FOLDED_STARTS.get(key)
    return start is not None and fold(stripped).startswith(start)


def in_value(text: str, key: str = "") -> str | None:
    """The placeholder or example a front-matter text under `key` still holds, if any (as
    written in the file). An example counts whatever its case, spacing or invisible characters
    (`fold`)."""
    stripped = text.strip()
    if stripped.startswith(MARKER) or stripped.startswith(MARKER.lower() + "-"):
        return stripped
    for placeholder in FIELD_TEXTS:
        if placeholder in stripped:
            return placeholder
    return stripped if is_example(stripped, key) else None


def in_body(body: str) -> list[tuple[int, str]]:
    """(0-based line of the body, placeholder) for every guidance sentence still in the body."""
    found = []
    for number, line in enumerate(body.splitlines()):
        stripped = line.strip()
        if stripped in BODY_TEXTS or stripped.startswith(MARKER):
            found.append((number, stripped))
    return found
