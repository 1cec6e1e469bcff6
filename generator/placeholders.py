"""The one list of placeholder texts: what `katalog new`, `katalog replicate` and the entry
pages' replication link write where the author still has to write something, and what
validation looks for (an error in a published entry, a warning in a draft).

Every placeholder is written here once, so a draft can never carry a placeholder that
validation does not know.
"""

from __future__ import annotations

MARKER = "GANTI"
"""Marks a value the author must replace, in the replication draft offered on entry pages."""

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

BODY_TEXTS: tuple[str, ...] = tuple(guidance for _, guidance in BODY_SECTIONS)
"""Placeholders that fill a paragraph of the body."""


def in_value(text: str) -> str | None:
    """The placeholder a front-matter text still holds, if any (as written in the file)."""
    stripped = text.strip()
    if stripped.startswith(MARKER) or stripped.startswith(MARKER.lower() + "-"):
        return stripped
    for placeholder in FIELD_TEXTS:
        if placeholder in stripped:
            return placeholder
    return None


def in_body(body: str) -> list[tuple[int, str]]:
    """(0-based line of the body, placeholder) for every guidance sentence still in the body."""
    found = []
    for number, line in enumerate(body.splitlines()):
        stripped = line.strip()
        if stripped in BODY_TEXTS or stripped.startswith(MARKER):
            found.append((number, stripped))
    return found
