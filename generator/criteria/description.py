"""The methodology page's content, generated from the same table the rules read, so the public
description of the badges and the rules cannot drift apart.
"""


from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from .. import vocabulary as v
from ..text import gabung
from .rules import ASSESSED_STAGES, AWARDS, EFFECTIVE_STAGES, EVALUATIONS_2, EVALUATIONS_3
from .table import (
    BENEFIT_BASES,
    DEFAULT_LEVEL_NAMES,
    EFFECTIVENESS,
    KEYS,
    LIFECYCLE,
    MAX_LEVEL,
    NOVELTY,
    SUSTAINABILITY,
    TABLE,
    TRANSFER,
    band_ranges,
    level_name,
    score_text,
)
from .transfer import COUNTED_STAGES, OWN_EVIDENCE
from .wording import label_of

# --- methodology --------------------------------------------------------------------------------


def methodology() -> list[dict[str, Any]]:
    """Each criterion's conditions and levels, in words, straight from the table.

    The site's methodology page renders this; the reasons on entry pages use the same ranges,
    so a reader can match a badge to its rule.
    """
    k = TABLE["kriteria"]
    out = []

    kb = NOVELTY
    levels: dict[int, list[str]] = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for jenis, base in kb.base.items():
        name = v.JENIS_KEBARUAN.get(jenis, jenis)
        if base:
            levels[base].append(name)
        boosted = min(MAX_LEVEL, base + kb.bonus)
        if base and boosted > base:
            levels[boosted].append(f"{name} dengan penghargaan {AWARDS}")
    out.append(_criterion("kebaruan", [
        f"Tahapan {ASSESSED_STAGES}",
        f"Uraian kebaruan minimal {kb.min_words} kata",
        *(f"Jenis {label_of(v.JENIS_KEBARUAN, j)} harus menyebutkan inovasi asal yang dikembangkannya"
          for j in sorted(kb.needs_origin)),
    ], levels, penghargaan={"ajang": dict(kb.awards), "tambah": kb.bonus}))

    ef = EFFECTIVENESS
    indicator = ("indikator hasil dengan nilai dan tanggal sebelum dan sesudah (tanggal sesudah lebih akhir) "
                 "serta sumber data")
    out.append(_criterion("efektif", [f"Tahapan {EFFECTIVE_STAGES}"], {
        1: [f"{ef.level_1} {indicator}"],
        2: [f"{ef.level_2} {indicator}", f"{ef.level_1} indikator terukur dan {EVALUATIONS_2}"],
        3: [f"{ef.level_1} indikator terukur dan {EVALUATIONS_3} yang ditautkan"],
    }))

    bases = []
    levels = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for name, basis in BENEFIT_BASES.items():
        label = v.DASAR_MANFAAT.get(name, name)
        unit = "" if basis.unit == "%" else f" {basis.unit}"
        bases.append({"dasar": name, "label": label, "satuan": basis.unit,
                      "pita": {band.level: rng + unit for band, rng in zip(basis.bands, basis.ranges, strict=True)}})
        for band, rng in zip(basis.bands, basis.ranges, strict=True):
            levels[band.level].append(f"{label}: {rng}{unit}")
    out.append(_criterion("bermanfaat", ["Satu dasar manfaat dengan nilai dan tautan bukti"], levels,
                          rujukan=k["bermanfaat"].get("rujukan"), dasar=bases))

    tr = TRANSFER
    ranges = band_ranges(tr.bands, whole=True)
    levels = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for band, rng in zip(tr.bands, ranges, strict=True):
        levels[band.level].append(f"Direplikasi oleh {rng} instansi lain (jalur replikasi)")
    for lvl, label in tr.guide.values():
        if lvl:
            levels[lvl].append(f"Panduan replikasi {label} (jalur kesiapan)")
    out.append(_criterion("dapat_ditransfer", [], levels, catatan_tambahan=[
        f"Entri katalog yang mereplikasi dihitung bila sudah terbit, dari instansi lain, pada tahapan "
        f"{COUNTED_STAGES}, dan memuat bukti sendiri ({OWN_EVIDENCE}); entri lainnya tercantum sebagai "
        "replikasi dalam proses dan belum dihitung."]))

    su = SUSTAINABILITY
    until = {0: "tahun ini", 1: "tahun ini atau tahun lalu"}.get(su.budget_lag,
                                                                 f"paling lama {su.budget_lag} tahun lalu")
    pillars = {
        "dasar_hukum": f"{su.pillars['dasar_hukum']}: " + gabung(
            [v.JENIS_DASAR_HUKUM[j] if j != "lainnya" else "dasar hukum lainnya"
             for j in v.JENIS_DASAR_HUKUM if j in su.legal_kinds], "atau"),
        "anggaran": f"{su.pillars['anggaran']}: minimal {su.budget_years} tahun berturut-turut, berakhir {until}",
        "organisasi": f"{su.pillars['organisasi']}: {gabung(list(su.organisation.values()))}",
    }
    out.append(_criterion(
        "berkelanjutan",
        [f"Status bukan {gabung([label_of(v.STATUS, s) for s in sorted(su.skipped_status)], 'atau')}"],
        {n: [f"{n} dari {len(pillars)} pilar terbukti"] for n in range(1, MAX_LEVEL + 1)},
        pilar=[{"pilar": p, "syarat": text} for p, text in pillars.items()],
    ))
    return out


@cache
def _by_key() -> dict[str, dict[str, Any]]:
    return {c["key"]: c for c in methodology()}


def next_level(key: str, level: int, basis: str | None = None, kind: str | None = None) -> tuple[list[str], list[str]]:
    """What earns at least the level above `level` of criterion `key`, in the methodology page's
    words: (the ways, any one of which is enough; the conditions every way needs, given only
    from level 0). Both empty at the top level. For *bermanfaat*, an entry that chose its basis
    (`basis`, its `manfaat.dasar`) is given that basis's band only; for *kebaruan*, an entry that
    named its kind (`kind`, its `kebaruan.jenis`) the ways of that kind only, when it has one. An
    entry's public page says this, not the front-matter keys to add (those are for `katalog
    badges` and the pull request)."""
    if level >= MAX_LEVEL:
        return [], []
    c = _by_key()[key]
    target = level + 1
    conditions = list(c["syarat"]) if level == 0 else []
    if key == "kebaruan":  # a kind may start above level 1: every kind that reaches the target
        kb = NOVELTY
        ways = [v.JENIS_KEBARUAN.get(j, j) for j, base in kb.base.items() if base >= target and kind in (None, j)]
        ways += [f"{v.JENIS_KEBARUAN.get(j, j)} dengan penghargaan {AWARDS}"
                 for j, base in kb.base.items() if base and base < target <= base + kb.bonus and kind in (None, j)]
        if not ways and kind is not None:  # its kind cannot reach the target: another kind can
            return next_level(key, level, basis)
        return ways, conditions
    for band in c.get("dasar") or ():
        if band["dasar"] == basis:
            return [f"{band['label']}: {band['pita'][target]}"], conditions
    ways = list(c["tingkat"][level]["bukti"])  # a higher level's ways all include this level's
    if c.get("pilar"):  # "2 dari 3 pilar terbukti": which pillars
        pillars = ", ".join(p["syarat"].split(":")[0].lower() for p in c["pilar"])
        ways = [f"{way} ({pillars})" for way in ways]
    return ways, conditions


def _criterion(key: str, syarat: list[str], levels: dict[int, list[str]], *,
               catatan_tambahan: Sequence[str] = (), **extra: Any) -> dict[str, Any]:
    spec = TABLE["kriteria"][key]
    return {
        "key": key,
        "label": spec["label"],
        "keterangan": spec.get("keterangan", ""),
        "syarat": syarat,
        "nama_level": {n: level_name(key, n) for n in range(MAX_LEVEL + 1)},
        "tingkat": [{"level": n, "nama": level_name(key, n), "bukti": levels.get(n, [])}
                    for n in range(1, MAX_LEVEL + 1)],
        "catatan": [*spec.get("catatan", []), *catatan_tambahan],
        **{name: value for name, value in extra.items() if value is not None},
    }


def general_rules() -> list[str]:
    """The rules across the five badges, for the top of the methodology page."""
    return [
        "Setiap kriteria mendapat satu tingkat bukti: "
        + gabung([f"“{name}” ({n})" for n, name in enumerate(DEFAULT_LEVEL_NAMES)])
        + f". Tingkat “{DEFAULT_LEVEL_NAMES[0]}” berarti buktinya belum tercantum di entri, bukan nilai gagal.",
        f"Lengkap: kelima kriteria minimal “{DEFAULT_LEVEL_NAMES[1]}”. Skor: jumlah nilai kelima tingkat, "
        f"dari 0 sampai {MAX_LEVEL * len(KEYS)} (misalnya {score_text(MAX_LEVEL * len(KEYS) // 2)}).",
        "Lencana dihitung dari bukti yang dicantumkan instansi. Unit peninjau memeriksa bukti itu dan mencatat "
        f"hasilnya; status verifikasi setiap entri dijelaskan di bagian {LIFECYCLE_HEADING}.",
    ]


LIFECYCLE_HEADING = "Status verifikasi"


def lifecycle() -> list[dict[str, str]]:
    """Each state of a published entry, in the filter's order: its key (the open data's
    `verifikasi.status`), label and meaning, from the criteria table's `siklus`."""
    return [{"status": state, "label": LIFECYCLE.labels[state], "arti": LIFECYCLE.meanings[state]}
            for state in LIFECYCLE.labels]
