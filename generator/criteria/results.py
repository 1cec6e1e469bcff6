"""What an assessment is: a badge per criterion (level, reasons, what is missing), the
assessment of an entry, and a replication fact.
"""


from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from .table import LABELS, level_name

# --- results ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Replicator:
    """A published catalogue entry whose `replikasi_dari` names the assessed entry, with what
    the transfer badge needs to know of it: its stage and whether it carries evidence of its
    own (`own_evidence`). It counts only from another agency, in a counted stage, with evidence."""

    entry_id: str
    instansi: str
    tahapan: str
    bukti: bool
    dikonfirmasi: bool = False  # the origin lists it in `replikasi_dikonfirmasi`: both sides say so


class Missing(NamedTuple):
    """One thing that would raise a badge: the sentence, the front-matter key path to add
    (`hasil[].sebelum.tanggal`: `[]` marks an item of a list) and a minimal YAML snippet that
    supplies it. A plain tuple: badges cross from worker processes by the tens of thousands."""

    text: str
    key: str
    snippet: str

    def to_json(self) -> dict[str, str]:
        return {"teks": self.text, "kunci": self.key, "contoh": self.snippet}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Missing:
        return cls(data["teks"], data["kunci"], data["contoh"])


@dataclass(slots=True)
class Badge:
    key: str
    label: str
    level: int
    alasan: list[str]
    kurang: list[Missing]
    # Transfer badge only: every catalogue replication of the entry as (id, why it does not
    # count yet), "" when it counts; the entry page lists the others as "dalam proses".
    replikasi: tuple[tuple[str, str], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:  # badges cross from worker processes: keep it cheap
        return (Badge, (self.key, self.label, self.level, self.alasan, self.kurang, self.replikasi))

    @property
    def nama_level(self) -> str:
        return level_name(self.key, self.level)


@dataclass(slots=True)
class Assessment:
    kriteria: dict[str, Badge]
    lengkap: bool
    skor: int

    def __reduce__(self) -> tuple[Any, ...]:
        return (Assessment, (self.kriteria, self.lengkap, self.skor))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        """The inverse of `to_json` (labels and level names come from the table)."""
        return cls(
            kriteria={key: Badge(key, LABELS[key], b["level"], list(b["alasan"]),
                                 [Missing.from_json(m) for m in b["kurang"]])
                      for key, b in data["kriteria"].items()},
            lengkap=data["lengkap"], skor=data["skor"],
        )

    def to_json(self, entry_id: str) -> dict[str, Any]:
        """The badges as published: the entry page, `katalog badges --format json`, open data."""
        return {
            "id": entry_id,
            "kriteria": {
                key: {"level": b.level, "nama_level": level_name(key, b.level), "alasan": list(b.alasan),
                      "kurang": [m.to_json() for m in b.kurang]}
                for key, b in self.kriteria.items()
            },
            "lengkap": self.lengkap,
            "skor": self.skor,
        }
