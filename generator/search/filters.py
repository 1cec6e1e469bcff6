"""The filters of the Jelajahi page (facets) and the sorts: their names and labels, each
entry's values, and the columns the index writes of them, so that the page's script offers
exactly what the index holds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import KEYS, LABELS, LIFECYCLE, RULES, Assessment, level_choices

YES, NO = "ya", "tidak"


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)  # value → label shown (none: the value)
    single: bool = True  # one value per entry (urusan: several)


def facets() -> list[Facet]:
    """The filters of the Jelajahi page, in the order shown; a badge's levels by their names, as
    the chips name them ("bukti kuat")."""
    return [
        Facet("provinsi", "Provinsi", dict(v.PROVINSI)),
        Facet("jenis_instansi", "Jenis instansi", dict(v.JENIS_INSTANSI)),
        Facet("urusan", "Urusan", dict(v.URUSAN), single=False),
        Facet("tahapan", "Tahapan", dict(v.TAHAPAN)),
        Facet("status", "Status", dict(v.STATUS)),
        Facet("jenis", "Jenis", dict(v.JENIS)),
        *(Facet(key, f"Lencana {LABELS[key].lower()}", level_choices(key)) for key in KEYS),
        Facet("lengkap", "Lima kriteria lengkap", {YES: "Ya", NO: "Belum"}),
        Facet("verifikasi", "Verifikasi", dict(LIFECYCLE.labels)),
        Facet("tahun", "Tahun mulai"),
        Facet("penghargaan", "Penghargaan", {YES: "Pernah meraih penghargaan", NO: "Belum"}),
    ]


SORTS = {"mulai": "Terbaru", "skor": "Skor tertinggi"}
"""The sorts besides relevance: newest is the index's own order; the score has a column."""


def filters_of(record: Record, assessment: Assessment) -> dict[str, list[str]]:
    e = record.entry
    out = {
        "provinsi": [e.wilayah.provinsi],
        "jenis_instansi": [e.instansi.jenis],
        "urusan": list(dict.fromkeys(e.urusan)),
        "tahapan": [e.tahapan],
        "status": [e.status],
        "jenis": [e.jenis],
    }
    for key in KEYS:
        out[key] = [str(assessment.kriteria[key].level)]
    out["lengkap"] = [YES if assessment.lengkap else NO]
    out["verifikasi"] = [record.verifikasi.status] if record.verifikasi is not None else []
    out["tahun"] = [str(e.tanggal.mulai.year)]
    out["penghargaan"] = [YES if e.penghargaan else NO]
    return out


def columns(records: Iterable[Any]) -> dict[str, Any]:
    """What the index writes of the facets: each facet's values in the order the page offers
    them (`values`), each entry's values (`columns`: facet → id → values), which facets hold one
    value per entry (`single`), and the score as one more column. `records`: what the index
    reads of each entry (`document.Item`: its id, and its `filters` with the score)."""
    per_facet: dict[str, dict[str, list[str]]] = {f.key: {} for f in facets()}
    per_facet["skor"] = {}
    for record in records:
        for key, chosen in record.filters.items():
            per_facet[key][record.id] = chosen
    values: dict[str, list[str]] = {}
    for facet in facets():
        present = {value for chosen in per_facet[facet.key].values() for value in chosen}
        values[facet.key] = ([k for k in facet.labels if k in present] if facet.labels
                             else sorted(present, reverse=True))
    values["skor"] = [str(n) for n in range(RULES.max_score + 1)]
    single = sorted(f.key for f in facets() if f.single) + ["skor"]
    return {"values": values, "columns": per_facet, "single": single}
