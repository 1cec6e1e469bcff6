"""The transfer badge (dapat ditransfer), the only rule that spans entries: which catalogue
replications count for their origin, and the index that gathers them once per catalogue.
"""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from .. import placeholders as P
from .. import vocabulary as v
from ..text import gabung, normalise_agency
from .results import Assessment, Badge, Missing, Replicator
from .table import LABELS, MAX_LEVEL, TRANSFER, band_level, level_name
from .wording import EXAMPLE_URL, label_of, nest, some_of, to_reach, yaml_scalar

# --- 4. dapat ditransfer ------------------------------------------------------------------------


_GUIDE_FORMS = {n: gabung([label for lvl, label in TRANSFER.guide.values() if lvl >= n], "atau")
                for n in range(1, MAX_LEVEL + 1)}  # level → the guide forms that reach it


COUNTED_STAGES = gabung([label_of(v.TAHAPAN, s) for s in v.TAHAPAN if s in TRANSFER.stages], "atau")
OWN_EVIDENCE = gabung([label for _, _, label in TRANSFER.evidence], "atau")
_NOT_STAGE = f"belum tahap {COUNTED_STAGES}"
_NO_EVIDENCE = f"belum ada bukti sendiri ({OWN_EVIDENCE})"
_SAME_AGENCY = "instansi yang sama"


def own_evidence(entry: Any) -> bool:
    """Whether a replicating entry carries evidence of its own (the table's `bukti_sendiri`:
    e.g. a `hasil` with `bukti`, an `evaluasi` with `tautan`, a `dasar_hukum` with `tautan`)."""
    for path, field, _ in TRANSFER.evidence:
        node = entry
        for name in path:
            node = getattr(node, name, None)
            if node is None:
                break
        if node and any(getattr(item, field, None) for item in node):
            return True
    return False


def replication_gap(rep: Replicator, owner: str) -> str:
    """Why a catalogue replication does not count for the owner agency (`normalise_agency`), in
    words ("belum tahap penerapan dan belum ada bukti sendiri (…)"); "" when it counts."""
    if normalise_agency(rep.instansi) == owner:
        return _SAME_AGENCY
    gaps = []
    if rep.tahapan not in TRANSFER.stages:
        gaps.append(_NOT_STAGE)
    if not rep.bukti:
        gaps.append(_NO_EVIDENCE)
    return gabung(gaps)


def _guide_snippet(level: int) -> str:
    """`panduan_replikasi` with the first form that reaches `level`."""
    bentuk = next(b for b, (lvl, _) in TRANSFER.guide.items() if lvl >= level)
    lines = [f"bentuk: {bentuk}"]
    if bentuk != "cetak":  # validation asks a link of every other form
        lines.append(f"tautan: {EXAMPLE_URL}")
    lines.append(f"kebutuhan: {P.EXAMPLE_NEEDS}")
    return nest("panduan_replikasi", lines)


_GUIDES = {n: _guide_snippet(n) for n in range(1, MAX_LEVEL + 1) if _GUIDE_FORMS[n]}


def _replicated_snippet(name: str = P.EXAMPLE_AGENCY) -> str:
    return nest("replikasi_oleh[]", [f"instansi: {yaml_scalar(name)}", "tahun: 2025",
                                      f"bukti: {P.EXAMPLE_AGREEMENT_URL}  # MoU, PKS atau SK"])


_REPLICATED = _replicated_snippet()
_PENDING_SHOWN = 3  # in-progress replications named in the reasons; the entry page lists them all


def transfer_badge(entry: Any, replicated_by: Sequence[Replicator]) -> Badge:
    r = TRANSFER
    own = normalise_agency(entry.instansi.nama) if replicated_by or entry.replikasi_oleh else ""
    agencies: dict[str, str] = {}  # normalised → name as first written
    confirmed: set[str] = set()  # the counted agencies both sides name: confirmed, or proven by a document
    status: list[tuple[str, str]] = []
    pending: list[str] = []
    for rep in replicated_by:
        gap = replication_gap(rep, own)
        status.append((rep.entry_id, gap))
        name = " ".join(rep.instansi.split())
        if gap:
            pending.append(f"{rep.entry_id} ({name}) belum dihitung: {gap}")
            continue
        agencies.setdefault(normalise_agency(rep.instansi), name)
        if rep.dikonfirmasi:
            confirmed.add(normalise_agency(rep.instansi))
    unproven: dict[str, str] = {}
    for item in entry.replikasi_oleh:
        key = normalise_agency(item.instansi)
        if key == own:
            continue
        if item.bukti:
            # The origin names it, with an agreement (MoU, PKS or SK) the other side signed.
            agencies.setdefault(key, " ".join(item.instansi.split()))
            confirmed.add(key)
        else:
            unproven.setdefault(key, " ".join(item.instansi.split()))
    if unproven:
        unproven = {key: name for key, name in unproven.items() if key not in agencies}

    replicated = band_level(r.bands, len(agencies))
    guide = entry.panduan_replikasi
    ready, guide_label = r.guide.get(guide.bentuk, (0, "")) if guide else (0, "")
    level = max(replicated, ready)

    tracks = []
    if replicated:
        tracks.append((replicated, f"Direplikasi oleh {len(agencies)} instansi lain: "
                                   f"{some_of(list(agencies.values()), 5)} "
                                   f"(jalur replikasi: {level_name('dapat_ditransfer', replicated)})"))
    if ready:
        tracks.append((ready, f"Panduan replikasi {guide_label} tersedia "
                              f"(jalur kesiapan: {level_name('dapat_ditransfer', ready)})"))
    if len(tracks) == 2 and ready > replicated:
        tracks.reverse()  # the deciding track leads; on a tie, replication, the stronger evidence
    alasan = [text for _, text in tracks] or ["Belum direplikasi instansi lain dan belum ada panduan replikasi"]
    if agencies:
        alasan.append(_confirmation_reason(agencies, confirmed))
    if pending:
        alasan += pending[:_PENDING_SHOWN]
        if len(pending) > _PENDING_SHOWN:
            alasan.append(f"{len(pending) - _PENDING_SHOWN} replikasi lain dalam proses belum dihitung")

    kurang: list[Missing] = []
    if unproven:
        reach = max(ready, band_level(r.bands, len(agencies) + len(unproven)))
        if reach > level:
            names = list(unproven.values())
            kurang.append(Missing(f"Tambahkan bukti (MoU, PKS atau SK) replikasi oleh {some_of(names, 3)} "
                                  f"{to_reach(reach)}", "replikasi_oleh[].bukti", _replicated_snippet(names[0])))
    if level < MAX_LEVEL:
        nxt = level + 1
        forms = _GUIDE_FORMS[nxt]
        now = f" (saat ini {len(agencies)})" if agencies else ""
        proof = f"replikasi oleh {r.bands[nxt - 1].phrase()} instansi lain{now}"
        if forms:
            kurang.append(Missing(f"Sediakan panduan replikasi {forms}, atau buktikan {proof}, {to_reach(nxt)}",
                                  "panduan_replikasi", _GUIDES[nxt]))
        else:
            kurang.append(Missing(f"Buktikan {proof} {to_reach(nxt)}", "replikasi_oleh", _REPLICATED))
    return Badge("dapat_ditransfer", LABELS["dapat_ditransfer"], level, alasan, kurang, tuple(status))



def _confirmation_reason(agencies: dict[str, str], confirmed: set[str]) -> str:
    """How many of the counted replications both sides confirm: a catalogue replication its
    origin lists (`replikasi_dikonfirmasi`), or one the origin names with its agreement
    (`replikasi_oleh` with `bukti`); the others are only claimed by the replicating agency."""
    claimed = [name for key, name in agencies.items() if key not in confirmed]
    if not claimed:
        return ("Replikasi yang dihitung dikonfirmasi kedua pihak" if len(agencies) == 1
                else f"Semua {len(agencies)} replikasi yang dihitung dikonfirmasi kedua pihak")
    sure = len(agencies) - len(claimed)
    if not sure:
        return ("Replikasi yang dihitung baru diklaim instansi yang mereplikasi, belum dikonfirmasi instansi asal"
                if len(agencies) == 1 else
                f"Semua {len(agencies)} replikasi yang dihitung baru diklaim instansi yang mereplikasi, belum "
                "dikonfirmasi instansi asal")
    return (f"{sure} dari {len(agencies)} replikasi yang dihitung dikonfirmasi kedua pihak; yang baru diklaim "
            f"instansi yang mereplikasi: {some_of(claimed, 3)}")


def with_replications(assessment: Assessment, entry: Any, replicated_by: Sequence[Replicator]) -> Assessment:
    """`assessment` (made with no catalogue replications) once they are known.

    The catalogue assesses entries in its worker processes, before the replication index
    exists; only the transfer badge depends on it. `entry` needs `instansi`, `replikasi_oleh`
    and `panduan_replikasi`."""
    if not replicated_by:
        return assessment
    kriteria = dict(assessment.kriteria)
    kriteria["dapat_ditransfer"] = transfer_badge(entry, replicated_by)
    return Assessment(
        kriteria=kriteria,
        lengkap=all(b.level >= 1 for b in kriteria.values()),
        skor=sum(b.level for b in kriteria.values()),
    )


def replication_index(facts: Iterable[tuple[str, bool, str, Iterable[str | None], str, bool]],
                      ) -> dict[str, list[Replicator]]:
    """Target id → the published entries that name it in `replikasi_dari`, sorted by id, from
    each entry's facts: (id, draf, instansi.nama, replikasi_dari ids, tahapan, own evidence:
    `own_evidence`). Facts, not models, so that both shapes of a catalogue (`catalogue.EntryFacts`)
    use the one rule.

    Every published replicating entry is kept, with its stage and whether it has evidence of its
    own (the entry page lists them all, those that count and those "dalam proses"); `assess`
    then counts distinct other agencies among those that meet the rule. Drafts and
    self-references are left out."""
    index: dict[str, list[Replicator]] = {}
    for entry_id, draf, instansi, targets, tahapan, bukti in facts:
        if draf:
            continue
        for target in {t for t in targets if t and t != entry_id}:
            index.setdefault(target, []).append(Replicator(entry_id, instansi, tahapan, bukti))
    for replicators in index.values():
        replicators.sort(key=lambda rep: rep.entry_id)
    return index
