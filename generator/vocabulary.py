"""Controlled vocabularies, read once from the YAML data files in `vocab/`.

Each vocabulary maps a slug (what authors write) to an Indonesian label (what the site shows).
The model builds its enums from these mappings, so a value added here is valid everywhere.
"""

from __future__ import annotations

import re
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


def _aliases() -> dict[str, dict[str, str]]:
    """vocabulary → alias (normalised: casefolded, dots dropped, spaces single) → slug."""
    out: dict[str, dict[str, str]] = {}
    for name, table in (_read("alias.yaml") or {}).items():
        if name not in ALL:
            raise ValueError(f"vocab/alias.yaml: unknown vocabulary {name!r}")
        found: dict[str, str] = {}
        for slug, words in table.items():
            if slug not in ALL[name]:
                raise ValueError(f"vocab/alias.yaml: {name}: unknown value {slug!r}")
            for word in words:
                key = normal(str(word))
                if found.get(key, slug) != slug:
                    raise ValueError(f"vocab/alias.yaml: {name}: {word!r} names both {found[key]!r} and {slug!r}")
                found[key] = slug
        out[name] = found
    return out


def normal(text: str) -> str:
    """How a word is compared with slugs, labels and aliases: case, dots, underscores, hyphens and repeated
    spaces do not count (`Peraturan  Bupati`, `peraturan bupati`; `uji_coba`, `Uji Coba`)."""
    text = _ACRONYM.sub(lambda m: m.group().replace(".", ""), text)  # S.K. → SK
    return " ".join(text.casefold().replace(".", " ").replace("_", " ").replace("-", " ").split())


_ACRONYM = re.compile(r"(?<![\w.])(?:[^\W\d_]\.){2,}")


ALIAS: dict[str, dict[str, str]] = _aliases()
"""Other words staff write for a value (`perbup` → `perkada`), from `vocab/alias.yaml`; one
table for the form reader, `katalog new`, `katalog impor` and validation's suggestions."""


def label(vocabulary: str, slug: str) -> str:
    """The Indonesian label of `slug`, or the slug itself when it has none."""
    return ALL.get(vocabulary, {}).get(slug, slug)
