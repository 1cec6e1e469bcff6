"""Controlled vocabularies, read once from the YAML data files in `vocab/`.

Each vocabulary maps a slug (what authors write) to an Indonesian label (what the site shows).
The model builds its enums from these mappings, so a value added here is valid everywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

_DIR = Path(__file__).parent / "vocab"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(name: str):
    with open(_DIR / name, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


@cache
def _enums() -> dict[str, dict[str, str]]:
    return _read("enums.yaml")


def _listed(name: str) -> dict[str, str]:
    return {item["slug"]: item["label"] for item in _read(name)}


PROVINSI: dict[str, str] = _listed("provinsi.yaml")
"""slug → label, including `nasional`."""

KODE_PROVINSI: dict[str, str] = {
    item["slug"]: item["kode"] for item in _read("provinsi.yaml") if item["kode"]
}
"""slug → two-digit Kemendagri code (not for `nasional`)."""

URUSAN: dict[str, str] = _listed("urusan.yaml")
AREA_PERUBAHAN: dict[str, str] = _listed("area_perubahan.yaml")
NILAI_BERAKHLAK: dict[str, str] = _listed("nilai_berakhlak.yaml")

JENIS_INSTANSI = _enums()["jenis_instansi"]
TAHAPAN = _enums()["tahapan"]
STATUS = _enums()["status"]
JENIS = _enums()["jenis"]
BENTUK = _enums()["bentuk"]
JENIS_KEBARUAN = _enums()["jenis_kebaruan"]
JENIS_EVALUASI = _enums()["jenis_evaluasi"]
DASAR_MANFAAT = _enums()["dasar_manfaat"]
BENTUK_PANDUAN = _enums()["bentuk_panduan"]
JENIS_DASAR_HUKUM = _enums()["jenis_dasar_hukum"]
AJANG = _enums()["ajang"]

ALL: dict[str, dict[str, str]] = {
    "provinsi": PROVINSI,
    "urusan": URUSAN,
    "area_perubahan": AREA_PERUBAHAN,
    "nilai_berakhlak": NILAI_BERAKHLAK,
    **_enums(),
}
"""Every vocabulary by name, for documentation pages and the field reference."""


def _synonyms() -> tuple[tuple[str, ...], ...]:
    groups = []
    for item in _read("sinonim.yaml") or []:
        terms = tuple(dict.fromkeys(" ".join(str(t).split()) for t in item if str(t).strip()))
        if len(terms) < 2:
            raise ValueError(f"vocab/sinonim.yaml: a group needs two terms or more: {item!r}")
        groups.append(terms)
    return tuple(groups)


SINONIM: tuple[tuple[str, ...], ...] = _synonyms()
"""Groups of search terms that mean the same (a short form, its long form, other names), from
`vocab/sinonim.yaml`; search indexes each entry with the other terms of every group it uses."""


def _stop_words() -> tuple[str, ...]:
    words: list[str] = []
    for item in _read("kata-henti.yaml") or []:
        words += [str(w).strip() for w in (item if isinstance(item, list) else [item]) if str(w).strip()]
    return tuple(dict.fromkeys(words))


KATA_HENTI: tuple[str, ...] = _stop_words()
"""Words search never matches (`vocab/kata-henti.yaml`): left out of the index and of queries."""

SINGKATAN_PROVINSI: dict[str, tuple[str, ...]] = {
    item["slug"]: tuple(str(s) for s in item.get("singkatan") or ()) for item in _read("provinsi.yaml")
}
"""slug → the short forms people write for the province (Jatim, Sulsel, NTT, Jogja …), from
`vocab/provinsi.yaml`: search finds a province's entries by its name or any of these."""


def label(vocabulary: str, slug: str) -> str:
    """The Indonesian label of `slug`, or the slug itself when it has none."""
    return ALL.get(vocabulary, {}).get(slug, slug)
