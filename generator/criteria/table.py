"""The criteria table, read once: every threshold, band, label and level name of the five badges,
checked against the vocabularies and the model, and the typed, frozen `RULES` the rest of the
generator reads.
"""


from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel

from .. import vocabulary as v
from ..model import Entry, Pelaksana
from ..text import angka

TABLE_PATH = Path(os.environ.get("KATALOG_CRITERIA_TABLE") or Path(__file__).parent.parent / "criteria_table.yaml")
"""The criteria table; `KATALOG_CRITERIA_TABLE` names another (an adopter's own thresholds, or a
test that changes one number and watches every page and message follow)."""
KEYS = ("kebaruan", "efektif", "bermanfaat", "dapat_ditransfer", "berkelanjutan")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)



# --- the table ----------------------------------------------------------------------------------


class TableError(ValueError):
    """`criteria_table.yaml` is malformed: a programming error, caught by the test suite."""


@dataclass(frozen=True, slots=True)
class Band:
    """A lower bound: `value ≥ bound` (`minimal`) or `value > bound` (`lebih_dari`)."""

    level: int
    bound: float
    inclusive: bool

    def admits(self, value: float) -> bool:
        return value >= self.bound if self.inclusive else value > self.bound

    def phrase(self) -> str:
        return f"{'minimal' if self.inclusive else 'lebih dari'} {angka(self.bound)}"


def band_level(bands: Sequence[Band], value: float) -> int:
    """The highest level whose lower bound `value` passes; 0 below the first."""
    for band in reversed(bands):
        if band.admits(value):
            return band.level
    return 0


def band_ranges(bands: Sequence[Band], *, whole: bool = False, unit: str = "") -> list[str]:
    """Each band as a range, upper bounds derived from the next band: "1–200", "20–50%", "≥ 501"."""
    out = []
    for i, band in enumerate(bands):
        low = angka(band.bound) if band.inclusive else f"> {angka(band.bound)}"
        if i + 1 == len(bands):
            text = f"{'≥' if band.inclusive else '>'} {angka(band.bound)}"
        else:
            nxt = bands[i + 1]
            if not nxt.inclusive:
                high = angka(nxt.bound)
            elif whole:
                high = angka(nxt.bound - 1)
            else:
                high = f"< {angka(nxt.bound)}"
            text = low if (band.inclusive and high == low) else f"{low}–{high}"
        out.append(text + unit)
    return out


def _bands(raw: Any, where: str) -> tuple[Band, ...]:
    bands = []
    for i, item in enumerate(raw or ()):
        kinds = [k for k in ("minimal", "lebih_dari") if k in item]
        if len(kinds) != 1 or set(item) != {"level", kinds[0]}:
            raise TableError(f"{where}[{i}]: tulis `level` dan tepat satu dari `minimal` / `lebih_dari`")
        bound = item[kinds[0]]
        if isinstance(bound, bool) or not isinstance(bound, int | float):
            raise TableError(f"{where}[{i}]: batas harus berupa angka")
        bands.append(Band(item["level"], float(bound), kinds[0] == "minimal"))
    if [b.level for b in bands] != list(range(1, len(bands) + 1)) or len(bands) != MAX_LEVEL:
        raise TableError(f"{where}: pita harus berurutan level 1..{MAX_LEVEL}")
    for lower, upper in zip(bands, bands[1:], strict=False):
        if upper.bound < lower.bound or (upper.bound == lower.bound and not (lower.inclusive and not upper.inclusive)):
            raise TableError(f"{where}: batas pita harus naik")
    return tuple(bands)


def _slugs(values: Iterable[str], vocabulary: dict[str, str], where: str) -> None:
    unknown = [s for s in values if s not in vocabulary]
    if unknown:
        raise TableError(f"{where}: {', '.join(map(repr, unknown))} tidak ada di kosakata")


def _levels(mapping: dict[str, int], where: str) -> None:
    if any(not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= MAX_LEVEL for n in mapping.values()):
        raise TableError(f"{where}: level harus bilangan 0..{MAX_LEVEL}")


@cache
def load_table(path: Path = TABLE_PATH) -> dict[str, Any]:
    """The criteria table as plain data, checked against the vocabularies."""
    with open(path, encoding="utf-8") as f:
        table = yaml.load(f, Loader=_Loader)
    if tuple(table.get("kriteria", {})) != KEYS:
        raise TableError(f"kriteria harus tepat {', '.join(KEYS)}, dalam urutan itu")
    return table


TABLE = load_table()
MAX_LEVEL: int = TABLE["level_maksimum"]
LABELS = {key: TABLE["kriteria"][key]["label"] for key in KEYS}


# --- the lifecycle of a published entry ---------------------------------------------------------

LIFECYCLE_STATES = ("diajukan", "terverifikasi", "perlu_verifikasi_ulang", "perlu_perbaikan", "tidak_aktif")
"""The states of a published entry, in the order a filter offers them; the open data's
`verifikasi.status` (their rules: `generator/verification.py`)."""


@dataclass(frozen=True)
class LifecycleRules:
    """The table's `siklus`: how long a verification holds, when an entry is inactive, how far
    ahead the reviewers' queue looks, and each state's label and meaning."""

    valid_months: int  # a verification older than this: perlu_verifikasi_ulang
    inactive_months: int  # no update and no verification for this long: tidak_aktif
    queue_days: int  # the reviewers' queue lists verifications expiring within this many days
    labels: dict[str, str]  # state → label ("Perlu verifikasi ulang")
    meanings: dict[str, str]  # state → what it means, durations filled in

    def label(self, state: str) -> str:
        return self.labels[state]


def _lifecycle(table: dict[str, Any]) -> LifecycleRules:
    raw = table.get("siklus") or {}
    numbers = {}
    for name in ("verifikasi_berlaku_bulan", "tidak_aktif_bulan", "antrean_segera_berakhir_hari"):
        value = raw.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise TableError(f"siklus.{name}: tulis bilangan bulat ≥ 1")
        numbers[name] = value
    if numbers["tidak_aktif_bulan"] < numbers["verifikasi_berlaku_bulan"]:
        raise TableError("siklus.tidak_aktif_bulan: tidak boleh lebih pendek dari verifikasi_berlaku_bulan")
    states = raw.get("status") or {}
    if tuple(states) != LIFECYCLE_STATES:
        raise TableError(f"siklus.status: harus tepat {', '.join(LIFECYCLE_STATES)}, dalam urutan itu")
    labels, meanings = {}, {}
    for state, spec in states.items():
        if not isinstance(spec, dict) or not all(isinstance(spec.get(k), str) and spec[k].strip()
                                                 for k in ("label", "arti")):
            raise TableError(f"siklus.status.{state}: tulis `label` dan `arti`")
        labels[state] = spec["label"]
        try:
            meanings[state] = spec["arti"].format(berlaku=numbers["verifikasi_berlaku_bulan"],
                                                  tidak_aktif=numbers["tidak_aktif_bulan"])
        except (KeyError, IndexError, ValueError):
            raise TableError(f"siklus.status.{state}.arti: hanya {{berlaku}} dan {{tidak_aktif}} yang dikenal") from None
    return LifecycleRules(numbers["verifikasi_berlaku_bulan"], numbers["tidak_aktif_bulan"],
                     numbers["antrean_segera_berakhir_hari"], labels, meanings)


LIFECYCLE = _lifecycle(TABLE)
REVERIFY_MONTHS: int = LIFECYCLE.valid_months
"""A verification older than this many months no longer holds (`siklus.verifikasi_berlaku_bulan`)."""


def _level_names(table: dict[str, Any]) -> dict[str, tuple[str, ...]]:
    """Criterion → the citizen-facing name of each level: the table's `nama_level`, overridden
    per criterion by its own `nama_level`."""
    default = table.get("nama_level") or {}
    out = {}
    for key in KEYS:
        names = {**default, **(table["kriteria"][key].get("nama_level") or {})}
        if (set(names) != set(range(MAX_LEVEL + 1))
                or not all(isinstance(n, str) and n.strip() for n in names.values())):
            raise TableError(f"{key}.nama_level: tulis satu nama untuk setiap level 0..{MAX_LEVEL}")
        out[key] = tuple(names[n] for n in range(MAX_LEVEL + 1))
    return out


LEVEL_NAMES = _level_names(TABLE)
DEFAULT_LEVEL_NAMES: tuple[str, ...] = tuple((TABLE.get("nama_level") or {}).get(n, "") for n in range(MAX_LEVEL + 1))
"""The table's own level names, 0..3: what a legend shared by the five criteria says."""


def level_name(key: str, level: int) -> str:
    """The citizen-facing name of `level` of criterion `key` ("bukti kuat"); level 0 reads as
    what is not there yet ("belum ada bukti"), never as a failing grade."""
    return LEVEL_NAMES[key][level]


def level_choices(key: str) -> dict[str, str]:
    """A filter's options for criterion `key`: each level, as its value is written in the search
    index ("2"), to its name as a choice reads ("Bukti kuat"): the chips' words."""
    return {str(n): name[:1].upper() + name[1:] for n, name in enumerate(LEVEL_NAMES[key])}


def _score_template(table: dict[str, Any]) -> str:
    template = (table.get("tampilan") or {}).get("skor", "skor {skor} dari {maks}")
    try:
        sample = template.format(skor=1, maks=2)
    except (KeyError, IndexError, ValueError):
        sample = ""
    if not isinstance(template, str) or "1" not in sample or "2" not in sample:
        raise TableError("tampilan.skor: tulis kalimat dengan {skor} dan {maks}, misalnya \"skor {skor} dari {maks}\"")
    return template


SCORE_TEMPLATE = _score_template(TABLE)


def score_text(score: int) -> str:
    """The score as every page and search result writes it ("skor 8 dari 15"; the table's
    `tampilan.skor`)."""
    return SCORE_TEMPLATE.format(skor=angka(score), maks=angka(MAX_LEVEL * len(KEYS)))


@dataclass(frozen=True)
class NoveltyRule:
    skipped_stages: frozenset[str]
    min_words: int
    base: dict[str, int]
    needs_origin: frozenset[str]
    bonus: int
    awards: dict[str, str]  # ajang slug → short label


@dataclass(frozen=True)
class EffectivenessRule:
    stages: frozenset[str]
    level_1: int
    level_2: int
    eval_2: frozenset[str]
    eval_3: frozenset[str]


@dataclass(frozen=True)
class BenefitBasis:
    template: str  # "{} penerima": the value or a threshold phrase goes in the braces
    unit: str
    whole: bool
    bands: tuple[Band, ...]
    ranges: tuple[str, ...]  # shown in reasons and on the methodology page


@dataclass(frozen=True)
class TransferRule:
    bands: tuple[Band, ...]
    guide: dict[str, tuple[int, str]]  # bentuk → (level, label)
    stages: frozenset[str]  # the stages in which a catalogue replication counts
    evidence: tuple[tuple[tuple[str, ...], str, str], ...]  # (list path, field, label): own evidence


@dataclass(frozen=True)
class SustainabilityRule:
    skipped_status: frozenset[str]
    pillars: dict[str, str]  # pillar → label, in table order
    legal_kinds: frozenset[str]
    budget_years: int
    budget_lag: int
    organisation: dict[str, str]  # Pelaksana field → how sentences name it


def _submodel(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation (`Hasil` in `list[Hasil] | None`), if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _submodel(arg)
        if found is not None:
            return found
    return None


def _model_path(path: tuple[str, ...], where: str) -> None:
    """Refuse a field path (`keberlanjutan.dasar_hukum.tautan`) that the entry model lacks."""
    model: type[BaseModel] | None = Entry
    for name in path:
        if model is None or name not in model.model_fields:
            raise TableError(f"{where}: {'.'.join(path)!r} bukan kunci entri")
        model = _submodel(model.model_fields[name].annotation)


def _compile(table: dict[str, Any]) -> tuple[NoveltyRule, EffectivenessRule, dict[str, BenefitBasis], TransferRule, SustainabilityRule]:
    k = table["kriteria"]

    kb = k["kebaruan"]
    _slugs(kb["tahapan_tidak_dinilai"], v.TAHAPAN, "kebaruan.tahapan_tidak_dinilai")
    _slugs(kb["level_dasar"], v.JENIS_KEBARUAN, "kebaruan.level_dasar")
    _slugs(v.JENIS_KEBARUAN, kb["level_dasar"], "kebaruan.level_dasar (jenis yang belum diberi level)")
    _levels(kb["level_dasar"], "kebaruan.level_dasar")
    _slugs(kb["perlu_replikasi_dari"], v.JENIS_KEBARUAN, "kebaruan.perlu_replikasi_dari")
    _slugs(kb["penghargaan"]["ajang"], v.AJANG, "kebaruan.penghargaan.ajang")
    kebaruan = NoveltyRule(
        frozenset(kb["tahapan_tidak_dinilai"]), int(kb["uraian_minimal_kata"]), dict(kb["level_dasar"]),
        frozenset(kb["perlu_replikasi_dari"]), int(kb["penghargaan"]["tambah"]), dict(kb["penghargaan"]["ajang"]),
    )

    ef = k["efektif"]
    _slugs(ef["tahapan_dinilai"], v.TAHAPAN, "efektif.tahapan_dinilai")
    _slugs(ef["evaluasi_level_2"], v.JENIS_EVALUASI, "efektif.evaluasi_level_2")
    _slugs(ef["evaluasi_level_3"], v.JENIS_EVALUASI, "efektif.evaluasi_level_3")
    efektif = EffectivenessRule(
        frozenset(ef["tahapan_dinilai"]), int(ef["indikator"]["level_1"]), int(ef["indikator"]["level_2"]),
        frozenset(ef["evaluasi_level_2"]), frozenset(ef["evaluasi_level_3"]),
    )

    bm = k["bermanfaat"]["dasar"]
    _slugs(bm, v.DASAR_MANFAAT, "bermanfaat.dasar")
    _slugs(v.DASAR_MANFAAT, bm, "bermanfaat.dasar (dasar yang belum diberi pita)")
    bases = {}
    for name, basis in bm.items():
        if basis["frasa"].count("{}") != 1:
            raise TableError(f"bermanfaat.dasar.{name}.frasa: tulis tepat satu {{}} untuk nilainya")
        bands = _bands(basis["pita"], f"bermanfaat.dasar.{name}.pita")
        whole = bool(basis.get("bulat", False))
        unit = "%" if basis["satuan"] == "%" else ""
        bases[name] = BenefitBasis(basis["frasa"], basis["satuan"], whole, bands,
                             tuple(band_ranges(bands, whole=whole, unit=unit)))

    dt = k["dapat_ditransfer"]
    _slugs(dt["panduan"], v.BENTUK_PANDUAN, "dapat_ditransfer.panduan")
    _levels({s: g["level"] for s, g in dt["panduan"].items()}, "dapat_ditransfer.panduan")
    counted = dt["replikasi"]["katalog"]
    _slugs(counted["tahapan"], v.TAHAPAN, "dapat_ditransfer.replikasi.katalog.tahapan")
    evidence = []
    for i, item in enumerate(counted["bukti_sendiri"]):
        where = f"dapat_ditransfer.replikasi.katalog.bukti_sendiri[{i}]"
        if set(item) != {"daftar", "isian", "label"}:
            raise TableError(f"{where}: tulis `daftar`, `isian` dan `label`")
        path = tuple(item["daftar"].split("."))
        _model_path(path + (item["isian"],), where)
        evidence.append((path, item["isian"], item["label"]))
    if not evidence:
        raise TableError("dapat_ditransfer.replikasi.katalog.bukti_sendiri: minimal satu jenis bukti")
    transfer = TransferRule(_bands(dt["replikasi"]["pita"], "dapat_ditransfer.replikasi.pita"),
                         {s: (g["level"], g["label"]) for s, g in dt["panduan"].items()},
                         frozenset(counted["tahapan"]), tuple(evidence))

    bk = k["berkelanjutan"]
    pillars = bk["pilar"]
    if tuple(pillars) != ("dasar_hukum", "anggaran", "organisasi"):
        raise TableError("berkelanjutan.pilar: harus dasar_hukum, anggaran, organisasi")
    _slugs(bk["status_tidak_dinilai"], v.STATUS, "berkelanjutan.status_tidak_dinilai")
    _slugs(pillars["dasar_hukum"]["jenis"], v.JENIS_DASAR_HUKUM, "berkelanjutan.pilar.dasar_hukum.jenis")
    _slugs(pillars["organisasi"]["perlu"], Pelaksana.model_fields, "berkelanjutan.pilar.organisasi.perlu")
    if pillars["anggaran"]["tahun_berturut_minimal"] < 1 or pillars["anggaran"]["selisih_tahun_maksimal"] < 0:
        raise TableError("berkelanjutan.pilar.anggaran: jumlah tahun ≥ 1 dan selisih ≥ 0")
    sustain = SustainabilityRule(
        frozenset(bk["status_tidak_dinilai"]), {p: pillars[p]["label"] for p in pillars},
        frozenset(pillars["dasar_hukum"]["jenis"]), int(pillars["anggaran"]["tahun_berturut_minimal"]),
        int(pillars["anggaran"]["selisih_tahun_maksimal"]), dict(pillars["organisasi"]["perlu"]),
    )
    return kebaruan, efektif, bases, transfer, sustain


NOVELTY, EFFECTIVENESS, BENEFIT_BASES, TRANSFER, SUSTAINABILITY = _compile(TABLE)


@dataclass(frozen=True)
class Rules:
    """What the rest of the generator may know of the criteria table: read here once, typed and
    frozen. Validation messages, the quality report, the CLI, search facets and charts use this,
    never a number of their own, so a change in the table reaches every one of them."""

    max_level: int
    max_score: int
    levels: tuple[int, ...]
    reverify_months: int  # a verification holds this long (`siklus.verifikasi_berlaku_bulan`)
    inactive_months: int  # no update and no verification for this long: tidak aktif
    min_words: int  # kebaruan.uraian, for any level of novelty
    needs_origin: frozenset[str]  # kebaruan.jenis that must name what it modifies
    whole_number_bases: frozenset[str]  # manfaat.dasar counted in whole units
    budget_years: int  # consecutive budget years for the budget pillar
    budget_lag: int
    organisation: tuple[str, ...]  # pelaksana fields the organisation pillar needs
    level_colours: tuple[str, ...]  # level 0..max, light to dark, for charts


def _rules(table: dict[str, Any]) -> Rules:
    colours = tuple(table.get("tampilan", {}).get("warna_level", ()))
    if len(colours) != MAX_LEVEL + 1:
        raise TableError(f"tampilan.warna_level: tulis satu warna untuk setiap level 0..{MAX_LEVEL}")
    return Rules(
        max_level=MAX_LEVEL, max_score=MAX_LEVEL * len(KEYS), levels=tuple(range(MAX_LEVEL + 1)),
        reverify_months=REVERIFY_MONTHS, inactive_months=LIFECYCLE.inactive_months, min_words=NOVELTY.min_words, needs_origin=frozenset(NOVELTY.needs_origin),
        whole_number_bases=frozenset(key for key, basis in BENEFIT_BASES.items() if basis.whole),
        budget_years=SUSTAINABILITY.budget_years, budget_lag=SUSTAINABILITY.budget_lag,
        organisation=tuple(SUSTAINABILITY.organisation), level_colours=colours,
    )


RULES = _rules(TABLE)
