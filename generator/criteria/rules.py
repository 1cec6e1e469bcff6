"""Four of the five rules (kebaruan, efektif, bermanfaat, berkelanjutan) and `assess`, which
puts the five together. Pure functions of an entry and the build date.
"""


from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from .. import placeholders as P
from .. import vocabulary as v
from ..model import Entry, Hasil
from ..text import angka, count_words, gabung
from .results import Assessment, Badge, Missing, Replicator
from .table import (
    BENEFIT_BASES,
    EFFECTIVENESS,
    LABELS,
    MAX_LEVEL,
    NOVELTY,
    SUSTAINABILITY,
    Band,
    BenefitBasis,
    band_level,
    level_name,
)
from .transfer import transfer_badge
from .wording import EXAMPLE_URL, label_of, lower_first, nest, some_of, to_reach, with_unit, yaml_scalar

# --- 1. kebaruan --------------------------------------------------------------------------------

_LEVEL_3_KINDS = gabung([label_of(v.JENIS_KEBARUAN, j) for j, b in NOVELTY.base.items()
                         if b + NOVELTY.bonus >= MAX_LEVEL], "atau")
AWARDS = gabung(list(NOVELTY.awards.values()), "atau")
ASSESSED_STAGES = gabung([label_of(v.TAHAPAN, s) for s in v.TAHAPAN if s not in NOVELTY.skipped_stages], "atau")


_URAIAN_HINT = f"{P.EXAMPLE_NOVELTY} (minimal {NOVELTY.min_words} kata)."
_NEW_KEBARUAN = nest("kebaruan", [f"jenis: {next(j for j, b in NOVELTY.base.items() if b >= 2)}",
                                   f"uraian: {yaml_scalar(_URAIAN_HINT)}"])
_NEXT_STAGE = f"tahapan: {next(s for s in v.TAHAPAN if s not in NOVELTY.skipped_stages)}"
_LONGER_URAIAN = nest("kebaruan", [f"uraian: {yaml_scalar(_URAIAN_HINT)}"])
_ORIGIN = nest("replikasi_dari[]", [f"inovasi: {P.EXAMPLE_ORIGIN}"])
_AWARD = nest("penghargaan[]", [f"ajang: {next(iter(NOVELTY.awards))}", f"nama: {yaml_scalar(P.EXAMPLE_AWARD)}", "tahun: 2024",
                                 "capaian: Top 45"])
_KIND_3 = nest("kebaruan", [f"jenis: {next(j for j, b in NOVELTY.base.items() if b + NOVELTY.bonus >= MAX_LEVEL)}"])


def _kebaruan(entry: Entry) -> Badge:
    r = NOVELTY
    k = entry.kebaruan
    awards = [p for p in entry.penghargaan if p.ajang in r.awards]
    base = r.base.get(k.jenis, 0) if k else 0
    full = min(MAX_LEVEL, base + r.bonus) if awards and base else base
    target = full or 1  # the level the entry reaches once every blocker below is fixed
    alasan: list[str] = []
    kurang: list[Missing] = []
    words = 0
    if k is None:
        alasan.append("Kebaruan belum diuraikan")
        kurang.append(Missing(f"Tambahkan kebaruan (jenis dan uraian minimal {r.min_words} kata) {to_reach(1)}",
                              "kebaruan", _NEW_KEBARUAN))
    if entry.tahapan in r.skipped_stages:
        alasan.append(f"Tahapan {label_of(v.TAHAPAN, entry.tahapan)}: kebaruan dinilai mulai tahapan {ASSESSED_STAGES}")
        kurang.append(Missing(f"Lanjutkan inovasi ke tahapan {ASSESSED_STAGES} {to_reach(target)}", "tahapan",
                              _NEXT_STAGE))
    if k is not None:
        words = count_words(k.uraian, r.min_words)
        if words < r.min_words:
            alasan.append(f"Uraian kebaruan baru {words} kata (minimal {r.min_words})")
            kurang.append(Missing(f"Lengkapi uraian kebaruan hingga minimal {r.min_words} kata {to_reach(target)}",
                                  "kebaruan.uraian", _LONGER_URAIAN))
        if k.jenis in r.needs_origin and not entry.replikasi_dari:
            alasan.append(f"Jenis {label_of(v.JENIS_KEBARUAN, k.jenis)} tanpa inovasi asal")
            kurang.append(Missing(f"Sebutkan inovasi asal yang dimodifikasi di replikasi_dari {to_reach(target)}",
                                  "replikasi_dari", _ORIGIN))
    if kurang or k is None:
        return Badge("kebaruan", LABELS["kebaruan"], 0, alasan, kurang)

    alasan.append(f"{v.JENIS_KEBARUAN.get(k.jenis, k.jenis)}, diuraikan dalam minimal {r.min_words} kata: "
                  f"{level_name('kebaruan', base)}")
    if k.jenis in r.needs_origin:
        origins = [item.inovasi or item.instansi or "" for item in entry.replikasi_dari]
        alasan.append(f"Inovasi asal: {some_of(origins, 3)}")
    if awards:
        first = awards[0]
        more = f" dan {len(awards) - 1} lainnya" if len(awards) > 1 else ""
        alasan.append(f"Penghargaan {r.awards[first.ajang]} {first.tahun}: {first.nama}{more} (naik {r.bonus} tingkat)")
    if full < MAX_LEVEL:
        if not awards:
            kurang.append(Missing(f"Tambahkan penghargaan {AWARDS} {to_reach(min(MAX_LEVEL, full + r.bonus))}",
                                  "penghargaan", _AWARD))
        else:
            kurang.append(Missing(f"Level {full + 1} hanya untuk kebaruan {_LEVEL_3_KINDS} yang meraih penghargaan "
                                  f"{AWARDS}", "kebaruan.jenis", _KIND_3))
    return Badge("kebaruan", LABELS["kebaruan"], full, alasan, kurang)


# --- 2. efektif ---------------------------------------------------------------------------------

EVALUATIONS_2 = gabung([label_of(v.JENIS_EVALUASI, j) for j in sorted(EFFECTIVENESS.eval_2)], "atau")
EVALUATIONS_3 = gabung([label_of(v.JENIS_EVALUASI, j) for j in sorted(EFFECTIVENESS.eval_3)], "atau")
EFFECTIVE_STAGES = gabung([label_of(v.TAHAPAN, s) for s in v.TAHAPAN if s in EFFECTIVENESS.stages], "atau")


def indicator_gaps(h: Hasil) -> list[str]:
    """What keeps a `hasil` item from counting as a measured result (empty: it counts)."""
    return [text for text, _, _ in _indicator_gaps(h)]


def _measurement_gaps(side: str, m: Any, day: str, example: int) -> list[tuple[str, str, list[str]]]:
    """What one measurement (`sebelum` or `sesudah`) lacks: the measurement, its value or its date."""
    if m is None:
        return [(f"nilai {side}", side, [f"{side}:", f"  nilai: {example}", f"  tanggal: {day}"])]
    if not math.isfinite(m.nilai):
        return [(f"nilai {side}", f"{side}.nilai", [f"{side}:", f"  nilai: {example}"])]
    if m.tanggal is None:
        return [(f"tanggal pengukuran {side}", f"{side}.tanggal", [f"{side}:", f"  tanggal: {day}"])]
    return []


def _indicator_gaps(h: Hasil) -> list[tuple[str, str, list[str]]]:
    """Each gap of a `hasil` item as (words, key below the item, YAML lines that fill it)."""
    before, after = h.sebelum, h.sesudah
    gaps = _measurement_gaps("sebelum", before, _BEFORE_DAY, 14)
    later = _AFTER_DAY
    if before is not None and before.tanggal is not None:
        later = before.tanggal.replace(year=before.tanggal.year + 1, day=1).isoformat()
    after_gaps = _measurement_gaps("sesudah", after, later, 1)
    gaps += after_gaps
    if not after_gaps and before is not None and before.tanggal is not None and after.tanggal <= before.tanggal:
        gaps.append(("tanggal sesudah yang lebih akhir dari tanggal sebelum", "sesudah.tanggal",
                     ["sesudah:", f"  tanggal: {later}"]))
    if not h.sumber:
        gaps.append(("sumber data", "sumber", [f"sumber: {P.EXAMPLE_SOURCE}"]))
    return gaps


_BEFORE_DAY, _AFTER_DAY = "2023-01-01", "2024-01-01"
_INDICATOR = nest("hasil[]", [f"indikator: {P.EXAMPLE_INDICATOR}", "satuan: hari",
                               "sebelum:", "  nilai: 14", f"  tanggal: {_BEFORE_DAY}",
                               "sesudah:", "  nilai: 1", f"  tanggal: {_AFTER_DAY}",
                               f"sumber: {P.EXAMPLE_SOURCE}", f"bukti: {EXAMPLE_URL}"])
_SURVEY_LINES = [f"jenis: {sorted(EFFECTIVENESS.eval_2)[0]}", f"judul: {P.EXAMPLE_SURVEY}", "tahun: 2025"]
_SECOND = _INDICATOR + "\n# atau survei kepuasan:\n" + "\n".join(
    f"# {line}" for line in nest("evaluasi[]", _SURVEY_LINES).splitlines())
_EXTERNAL = nest("evaluasi[]", [f"jenis: {sorted(EFFECTIVENESS.eval_3)[0]}", f"judul: {P.EXAMPLE_EVALUATION}",
                                 "tahun: 2025", f"tautan: {EXAMPLE_URL}"])
_TO_PENERAPAN = (f"tahapan: {next(s for s in v.TAHAPAN if s in EFFECTIVENESS.stages)}\n"
                 "tanggal:\n  penerapan: 2024-01-01  # tanggal mulai diterapkan")


def _gap_hints(h: Hasil, gaps: list[tuple[str, str, list[str]]], upto: int) -> list[Missing]:
    """One item per gap of an indicator, each naming its key below `hasil[]`."""
    return [Missing(f"Lengkapi indikator “{h.indikator}” dengan {text} {to_reach(upto)}", f"hasil[].{key}",
                    nest("hasil[]", [f"indikator: {yaml_scalar(h.indikator)}", *lines]))
            for text, key, lines in gaps]


def _change(h: Hasil) -> str:
    assert h.sebelum is not None and h.sesudah is not None
    return f"{h.indikator} {angka(h.sebelum.nilai)} → {with_unit(angka(h.sesudah.nilai), h.satuan)}"


def _effective_level(counted: int, survey: bool, external: bool) -> int:
    """The efektif level from the number of counted indicators and the evaluations at hand."""
    r = EFFECTIVENESS
    if counted < r.level_1:
        return 0
    if external:
        return 3
    return 2 if counted >= r.level_2 or survey else 1


def _complete_hints(incomplete: list, upto: int) -> list[Missing]:
    """What completes the first two incomplete indicators, each gap with its own key."""
    return [hint for h, gaps in incomplete[:2] for hint in _gap_hints(h, gaps, upto)]


def _efektif(entry: Entry) -> Badge:
    r = EFFECTIVENESS
    counted: list[Hasil] = []
    incomplete: list[tuple[Hasil, list[tuple[str, str, list[str]]]]] = []
    for h in entry.hasil:
        gaps = _indicator_gaps(h)
        if gaps:
            incomplete.append((h, gaps))
        else:
            counted.append(h)
    survey = next((e for e in entry.evaluasi if e.jenis in r.eval_2), None)
    external = next((e for e in entry.evaluasi if e.jenis in r.eval_3 and e.tautan), None)
    unlinked = next((e for e in entry.evaluasi if e.jenis in r.eval_3 and not e.tautan), None)

    applies = entry.tahapan in r.stages
    level = _effective_level(len(counted), survey is not None, external is not None) if applies else 0
    # The level reachable once there is a counted indicator.
    target = _effective_level(max(len(counted), r.level_1), survey is not None, external is not None)
    alasan: list[str] = []
    kurang: list[Missing] = []

    if not applies:
        alasan.append(f"Tahapan {label_of(v.TAHAPAN, entry.tahapan)}: efektivitas dinilai pada tahapan {EFFECTIVE_STAGES}")
        kurang.append(Missing(f"Terapkan inovasi hingga tahapan {EFFECTIVE_STAGES} {to_reach(target)}", "tahapan",
                              _TO_PENERAPAN))
    if level == 0 and len(counted) < r.level_1:
        if incomplete:
            alasan.append(f"Belum ada indikator hasil yang lengkap ({len(incomplete)} indikator belum lengkap)")
            kurang += _complete_hints(incomplete, target)
        else:
            alasan.append("Belum ada indikator hasil terukur")
            kurang.append(Missing("Tambahkan indikator hasil dengan nilai dan tanggal sebelum dan sesudah serta "
                                  f"sumber datanya {to_reach(target)}", "hasil", _INDICATOR))
    if level == 0:
        return Badge("efektif", LABELS["efektif"], 0, alasan, kurang)

    alasan.append(f"{len(counted)} indikator terukur: " + "; ".join(_change(h) for h in counted[:3])
                  + (f"; dan {len(counted) - 3} lainnya" if len(counted) > 3 else ""))
    if survey is not None:
        alasan.append(f"{v.JENIS_EVALUASI.get(survey.jenis, survey.jenis)}: {survey.judul} ({survey.tahun})")
    if external is not None:
        alasan.append(f"{v.JENIS_EVALUASI.get(external.jenis, external.jenis)}: {external.judul} ({external.tahun})")
    if level == 1:
        kurang.append(Missing(f"Tambahkan indikator terukur kedua atau {EVALUATIONS_2} {to_reach(2)}", "hasil", _SECOND))
        kurang += _complete_hints(incomplete, 2)
    elif level == 2:
        if unlinked is not None:
            kurang.append(Missing(f"Tambahkan tautan pada {label_of(v.JENIS_EVALUASI, unlinked.jenis)} "
                                  f"“{unlinked.judul}” {to_reach(3)}", "evaluasi[].tautan",
                                  nest("evaluasi[]", [f"judul: {yaml_scalar(unlinked.judul)}", f"tautan: {EXAMPLE_URL}"])))
        else:
            kurang.append(Missing(f"Tambahkan {EVALUATIONS_3} dengan tautan {to_reach(3)}", "evaluasi", _EXTERNAL))
    return Badge("efektif", LABELS["efektif"], level, alasan, kurang)


# --- 3. bermanfaat ------------------------------------------------------------------------------


_BENEFIT = nest("manfaat", [f"dasar: {next(iter(BENEFIT_BASES))}", "nilai: 1250",
                             f"keterangan: {P.EXAMPLE_BENEFIT}", f"bukti: {EXAMPLE_URL}"])
_BENEFIT_PROOF = nest("manfaat", [f"bukti: {EXAMPLE_URL}"])


def _benefit_value(basis: BenefitBasis, band: Band) -> str:
    """A value in `band` (the lowest one), as a snippet line."""
    value = band.bound if band.inclusive else band.bound + 1
    return nest("manfaat", [f"nilai: {int(value) if value == int(value) else value}"])


def _bermanfaat(entry: Entry) -> Badge:
    m = entry.manfaat
    alasan: list[str] = []
    kurang: list[Missing] = []
    if m is None:
        alasan.append("Manfaat belum diukur")
        kurang.append(Missing(f"Ukur manfaat dengan satu dasar ({gabung(list(BENEFIT_BASES), 'atau')}) beserta nilai dan "
                              f"tautan buktinya {to_reach(1)}", "manfaat", _BENEFIT))
        return Badge("bermanfaat", LABELS["bermanfaat"], 0, alasan, kurang)
    basis = BENEFIT_BASES[m.dasar]
    value = m.nilai if m.nilai is not None and math.isfinite(m.nilai) else None
    band = band_level(basis.bands, value) if value is not None else 0
    if value is None:
        alasan.append(f"Nilai manfaat ({label_of(v.DASAR_MANFAAT, m.dasar)}) belum diisi")
        kurang.append(Missing(f"Isi nilai manfaat ({label_of(v.DASAR_MANFAAT, m.dasar)}) {to_reach(1)}", "manfaat.nilai",
                              _benefit_value(basis, basis.bands[0])))
    if m.bukti is None:
        alasan.append("Bukti manfaat belum ditautkan")
        kurang.append(Missing(f"Tambahkan tautan bukti manfaat {to_reach(band or 1)}", "manfaat.bukti", _BENEFIT_PROOF))
    if kurang:
        return Badge("bermanfaat", LABELS["bermanfaat"], 0, alasan, kurang)

    assert value is not None
    shown = basis.template.format(angka(value))
    if band == 0:
        alasan.append(f"Manfaat: {shown}, di bawah pita level 1 ({basis.ranges[0]})")
    else:
        alasan.append(f"Manfaat: {shown} ({basis.ranges[band - 1]})")
    if band < MAX_LEVEL:
        need = basis.template.format(basis.bands[band].phrase())
        kurang.append(Missing(f"Tunjukkan {need} {to_reach(band + 1)} (saat ini {shown})", "manfaat.nilai",
                              _benefit_value(basis, basis.bands[band])))
    return Badge("bermanfaat", LABELS["bermanfaat"], band, alasan, kurang)



# --- 5. berkelanjutan ---------------------------------------------------------------------------


def budget_run(years: Iterable[int], this_year: int, *, length: int | None = None,
               lag: int | None = None) -> tuple[int, int] | None:
    """The run of consecutive budget years that evidences the budget pillar, as (first, last).

    The run must be at least `length` years long and end no more than `lag` years before this
    year; years after this year are plans, not evidence, and are ignored.
    """
    length = SUSTAINABILITY.budget_years if length is None else length
    lag = SUSTAINABILITY.budget_lag if lag is None else lag
    spent = {y for y in years if y <= this_year}
    for last in range(this_year, this_year - lag - 1, -1):
        first = last
        while first - 1 in spent:
            first -= 1
        if last in spent and last - first + 1 >= length:
            return first, last
    return None


def _legal_name(d: Any) -> str:
    kind = d.judul if d.jenis == "lainnya" and d.judul else v.JENIS_DASAR_HUKUM.get(d.jenis, d.jenis)
    return f"{kind} Nomor {d.nomor} Tahun {d.tahun}"


_ADD_LAW = "Tambahkan dasar hukum (misalnya {})".format(
    gabung([label_of(v.JENIS_DASAR_HUKUM, j) if j != "sk" else "SK"
            for j in v.JENIS_DASAR_HUKUM if j in SUSTAINABILITY.legal_kinds][:2], "atau"))
_NO_PILLAR = f"Belum ada bukti keberlanjutan ({gabung([lower_first(p) for p in SUSTAINABILITY.pillars.values()])})"
_LAW = nest("keberlanjutan.dasar_hukum[]", [f"jenis: {next(j for j in v.JENIS_DASAR_HUKUM if j in SUSTAINABILITY.legal_kinds)}",
                                              f"nomor: {P.EXAMPLE_LAW_NUMBER}", "tahun: 2024", f"tautan: {EXAMPLE_URL}"])
_EXAMPLE_FIELD = {"unit": f"unit: {P.EXAMPLE_UNIT}", "sk": f"sk: {P.EXAMPLE_DECREE}"}
_RUNNING = "status: aktif"


@lru_cache(maxsize=8)
def _budget_snippet(this_year: int) -> str:
    first = this_year - SUSTAINABILITY.budget_years + 1
    return nest("keberlanjutan", [f"anggaran: [{', '.join(str(y) for y in range(first, this_year + 1))}]"])


def _berkelanjutan(entry: Entry, today: date) -> Badge:
    r = SUSTAINABILITY
    label = LABELS["berkelanjutan"]
    if entry.status in r.skipped_status:
        since = f" sejak {entry.tanggal.berhenti.isoformat()}" if entry.tanggal.berhenti else ""
        return Badge("berkelanjutan", label, 0, [f"Inovasi berstatus {label_of(v.STATUS, entry.status)}{since}"],
                     [Missing("Lencana berkelanjutan hanya untuk inovasi yang masih berjalan", "status", _RUNNING)])
    k = entry.keberlanjutan
    evidence: dict[str, str] = {}
    missing: dict[str, tuple[str, str, str]] = {}  # pillar → (hint, key, snippet)

    laws = [d for d in k.dasar_hukum if d.jenis in r.legal_kinds] if k else []
    if laws:
        more = f" dan {len(laws) - 1} lainnya" if len(laws) > 1 else ""
        evidence["dasar_hukum"] = f"{r.pillars['dasar_hukum']}: {_legal_name(laws[0])}{more}"
    else:
        missing["dasar_hukum"] = (_ADD_LAW, "keberlanjutan.dasar_hukum", _LAW)

    years = sorted(set(k.anggaran)) if k else []
    run = budget_run(years, today.year)
    if run:
        first, last = run
        evidence["anggaran"] = f"{r.pillars['anggaran']} {last - first + 1} tahun berturut-turut: {first}–{last}"
    else:
        now = f" (saat ini: {', '.join(map(str, years))})" if years else ""
        until = gabung([str(today.year - lag) for lag in range(r.budget_lag, -1, -1)], "atau")
        missing["anggaran"] = (f"Tambahkan anggaran minimal {r.budget_years} tahun berturut-turut hingga {until}{now}",
                               "keberlanjutan.anggaran", _budget_snippet(today.year))

    doer = k.pelaksana if k else None
    if doer is not None and all(getattr(doer, f) for f in r.organisation):
        evidence["organisasi"] = f"{r.pillars['organisasi']}: {doer.unit} (SK {doer.sk})"
    else:
        fields = [f for f in r.organisation if doer is None or not getattr(doer, f)]
        key = "keberlanjutan.pelaksana" + (f".{fields[0]}" if len(fields) == 1 else "")
        missing["organisasi"] = (f"Tambahkan {gabung([r.organisation[f] for f in fields])}", key,
                                 nest("keberlanjutan.pelaksana", [_EXAMPLE_FIELD.get(f, f"{f}: …") for f in fields]))

    level = len(evidence)
    alasan = list(evidence.values()) or [_NO_PILLAR]
    kurang = [Missing(f"{hint} {to_reach(level + 1)}", key, snippet) for hint, key, snippet in missing.values()]
    return Badge("berkelanjutan", label, level, alasan, kurang)


# --- the assessment -----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def months_before(day: date, months: int) -> date:
    """The same calendar day `months` earlier, clamped to the month's end (29 Feb → 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def has_organisation(pelaksana: Any) -> bool:
    """Whether `keberlanjutan.pelaksana` names everything the organisation pillar asks for."""
    return pelaksana is not None and all(getattr(pelaksana, name, None) for name in SUSTAINABILITY.organisation)


def assess(entry: Entry, *, replicated_by: Sequence[Replicator], today: date) -> Assessment:
    """The five badges of one entry; `replicated_by` from `replication_index`, `today` the build date."""
    badges = (
        _kebaruan(entry),
        _efektif(entry),
        _bermanfaat(entry),
        transfer_badge(entry, replicated_by),
        _berkelanjutan(entry, today),
    )
    return Assessment(
        kriteria={b.key: b for b in badges},
        lengkap=all(b.level >= 1 for b in badges),
        skor=sum(b.level for b in badges),
    )
