"""The five criteria badges: which of Permen PANRB 30/2014's five criteria an entry demonstrates.

Every public-service innovation must be novel, effective, beneficial, transferable and
sustainable. The catalogue shows, per entry, the level (0–3) reached on each, the evidence that
earned it (`alasan`) and what would earn the next level (`kurang`). The generator computes this
from the front matter; authors never type a badge, so a badge is always explained by evidence a
reader can check.

`assess` is a pure function of the entry, the catalogue's replication facts and the build date.
Replication is the only fact that spans entries; `build_replication_index` gathers it once for
the whole catalogue, so assessing N entries stays O(N).

Every threshold, band and label comes from `criteria_table.yaml`, which the site's methodology
page is also generated from (`methodology()`): change a number there and both follow.

Speed: ~32,000 entries are assessed on every build (budget: < 60 µs each), so sentences that do
not depend on the entry are built once at import and word counting stops at the threshold.
`python tests/test_criteria.py` measures it (about 27 µs per evidence-rich entry on the
development machine).
"""

from __future__ import annotations

import calendar
import json
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple, get_args

import yaml
from pydantic import BaseModel

from . import vocabulary as v
from .model import Entry, Hasil, Pelaksana
from .text import angka, count_words, gabung, normalise_agency

TABLE_PATH = Path(os.environ.get("KATALOG_CRITERIA_TABLE") or Path(__file__).with_name("criteria_table.yaml"))
"""The criteria table; `KATALOG_CRITERIA_TABLE` names another (an adopter's own thresholds, or a
test that changes one number and watches every page and message follow)."""
KEYS = ("kebaruan", "efektif", "bermanfaat", "dapat_ditransfer", "berkelanjutan")
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    perlu_verifikasi_ulang: bool

    def __reduce__(self) -> tuple[Any, ...]:
        return (Assessment, (self.kriteria, self.lengkap, self.skor, self.perlu_verifikasi_ulang))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Assessment:
        """The inverse of `to_json` (labels and level names come from the table)."""
        return cls(
            kriteria={key: Badge(key, LABELS[key], b["level"], list(b["alasan"]),
                                 [Missing.from_json(m) for m in b["kurang"]])
                      for key, b in data["kriteria"].items()},
            lengkap=data["lengkap"], skor=data["skor"], perlu_verifikasi_ulang=data["perlu_verifikasi_ulang"],
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
            "perlu_verifikasi_ulang": self.perlu_verifikasi_ulang,
        }


# --- Indonesian sentences -----------------------------------------------------------------------



def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _naik(level: int) -> str:
    return f"untuk naik ke level {level}"


def _with_unit(value: str, unit: str | None) -> str:
    if not unit:
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def _some(names: Sequence[str], limit: int) -> str:
    shown = list(names[:limit])
    if len(names) > limit:
        shown.append(f"{len(names) - limit} lainnya")
    return gabung(shown)


def _label(vocabulary: dict[str, str], slug: str) -> str:
    return vocabulary.get(slug, slug).lower()


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
REVERIFY_MONTHS: int = TABLE["verifikasi_ulang"]["bulan"]
LABELS = {key: TABLE["kriteria"][key]["label"] for key in KEYS}


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
_DEFAULT_NAMES = tuple((TABLE.get("nama_level") or {}).get(n, "") for n in range(MAX_LEVEL + 1))


def level_name(key: str, level: int) -> str:
    """The citizen-facing name of `level` of criterion `key` ("bukti kuat"); level 0 reads as
    what is not there yet ("belum ada bukti"), never as a failing grade."""
    return LEVEL_NAMES[key][level]


@dataclass(frozen=True)
class _Kebaruan:
    skipped_stages: frozenset[str]
    min_words: int
    base: dict[str, int]
    needs_origin: frozenset[str]
    bonus: int
    awards: dict[str, str]  # ajang slug → short label


@dataclass(frozen=True)
class _Efektif:
    stages: frozenset[str]
    level_1: int
    level_2: int
    eval_2: frozenset[str]
    eval_3: frozenset[str]


@dataclass(frozen=True)
class _Basis:
    template: str  # "{} penerima": the value or a threshold phrase goes in the braces
    unit: str
    whole: bool
    bands: tuple[Band, ...]
    ranges: tuple[str, ...]  # shown in reasons and on the methodology page


@dataclass(frozen=True)
class _Transfer:
    bands: tuple[Band, ...]
    guide: dict[str, tuple[int, str]]  # bentuk → (level, label)
    stages: frozenset[str]  # the stages in which a catalogue replication counts
    evidence: tuple[tuple[tuple[str, ...], str, str], ...]  # (list path, field, label): own evidence


@dataclass(frozen=True)
class _Berkelanjutan:
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


def _compile(table: dict[str, Any]) -> tuple[_Kebaruan, _Efektif, dict[str, _Basis], _Transfer, _Berkelanjutan]:
    k = table["kriteria"]

    kb = k["kebaruan"]
    _slugs(kb["tahapan_tidak_dinilai"], v.TAHAPAN, "kebaruan.tahapan_tidak_dinilai")
    _slugs(kb["level_dasar"], v.JENIS_KEBARUAN, "kebaruan.level_dasar")
    _slugs(v.JENIS_KEBARUAN, kb["level_dasar"], "kebaruan.level_dasar (jenis yang belum diberi level)")
    _levels(kb["level_dasar"], "kebaruan.level_dasar")
    _slugs(kb["perlu_replikasi_dari"], v.JENIS_KEBARUAN, "kebaruan.perlu_replikasi_dari")
    _slugs(kb["penghargaan"]["ajang"], v.AJANG, "kebaruan.penghargaan.ajang")
    kebaruan = _Kebaruan(
        frozenset(kb["tahapan_tidak_dinilai"]), int(kb["uraian_minimal_kata"]), dict(kb["level_dasar"]),
        frozenset(kb["perlu_replikasi_dari"]), int(kb["penghargaan"]["tambah"]), dict(kb["penghargaan"]["ajang"]),
    )

    ef = k["efektif"]
    _slugs(ef["tahapan_dinilai"], v.TAHAPAN, "efektif.tahapan_dinilai")
    _slugs(ef["evaluasi_level_2"], v.JENIS_EVALUASI, "efektif.evaluasi_level_2")
    _slugs(ef["evaluasi_level_3"], v.JENIS_EVALUASI, "efektif.evaluasi_level_3")
    efektif = _Efektif(
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
        bases[name] = _Basis(basis["frasa"], basis["satuan"], whole, bands,
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
    transfer = _Transfer(_bands(dt["replikasi"]["pita"], "dapat_ditransfer.replikasi.pita"),
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
    sustain = _Berkelanjutan(
        frozenset(bk["status_tidak_dinilai"]), {p: pillars[p]["label"] for p in pillars},
        frozenset(pillars["dasar_hukum"]["jenis"]), int(pillars["anggaran"]["tahun_berturut_minimal"]),
        int(pillars["anggaran"]["selisih_tahun_maksimal"]), dict(pillars["organisasi"]["perlu"]),
    )
    return kebaruan, efektif, bases, transfer, sustain


_KEBARUAN, _EFEKTIF, _BASES, _TRANSFER, _SUSTAIN = _compile(TABLE)


@dataclass(frozen=True)
class Rules:
    """What the rest of the generator may know of the criteria table: read here once, typed and
    frozen. Validation messages, the quality report, the CLI, search facets and charts use this,
    never a number of their own, so a change in the table reaches every one of them."""

    max_level: int
    max_score: int
    levels: tuple[int, ...]
    reverify_months: int
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
        reverify_months=REVERIFY_MONTHS, min_words=_KEBARUAN.min_words, needs_origin=frozenset(_KEBARUAN.needs_origin),
        whole_number_bases=frozenset(key for key, basis in _BASES.items() if basis.whole),
        budget_years=_SUSTAIN.budget_years, budget_lag=_SUSTAIN.budget_lag,
        organisation=tuple(_SUSTAIN.organisation), level_colours=colours,
    )


RULES = _rules(TABLE)


# --- what is missing: key paths and YAML snippets ---------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][\w ()/.,–-]*")


def _yaml(value: str) -> str:
    """A string as a YAML scalar: plain when it reads back as the same string, else JSON-quoted
    (a JSON string is a YAML double-quoted scalar)."""
    if _PLAIN.fullmatch(value) and not value.endswith((" ", ".")) and value.casefold() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _nest(path: str, lines: Sequence[str]) -> str:
    """`lines` (YAML of the innermost mapping) nested under the keys of `path` ("a.b" or "a[]")."""
    out = list(lines)
    for part in reversed(path.split(".")):
        if part.endswith("[]"):
            out = [f"  - {out[0]}", *(f"    {line}" for line in out[1:])]
            part = part[:-2]
        else:
            out = [f"  {line}" for line in out]
        out.insert(0, f"{part}:")
    return "\n".join(out)


_EXAMPLE_URL = "https://instansi.go.id/dokumen/bukti.pdf"


# --- 1. kebaruan --------------------------------------------------------------------------------

_LEVEL_3_KINDS = gabung([_label(v.JENIS_KEBARUAN, j) for j, b in _KEBARUAN.base.items()
                         if b + _KEBARUAN.bonus >= MAX_LEVEL], "atau")
_AWARDS = gabung(list(_KEBARUAN.awards.values()), "atau")
_ASSESSED_STAGES = gabung([_label(v.TAHAPAN, s) for s in v.TAHAPAN if s not in _KEBARUAN.skipped_stages], "atau")


_URAIAN_HINT = f"Apa yang baru dibanding cara lama, dengan kata-kata sendiri (minimal {_KEBARUAN.min_words} kata)."
_NEW_KEBARUAN = _nest("kebaruan", [f"jenis: {next(j for j, b in _KEBARUAN.base.items() if b >= 2)}",
                                   f"uraian: {_yaml(_URAIAN_HINT)}"])
_NEXT_STAGE = f"tahapan: {next(s for s in v.TAHAPAN if s not in _KEBARUAN.skipped_stages)}"
_LONGER_URAIAN = _nest("kebaruan", [f"uraian: {_yaml(_URAIAN_HINT)}"])
_ORIGIN = _nest("replikasi_dari[]", ["inovasi: id-inovasi-asal"])
_AWARD = _nest("penghargaan[]", [f"ajang: {next(iter(_KEBARUAN.awards))}", "nama: Top 45 KIPP", "tahun: 2024",
                                 "capaian: Top 45"])
_KIND_3 = _nest("kebaruan", [f"jenis: {next(j for j, b in _KEBARUAN.base.items() if b + _KEBARUAN.bonus >= MAX_LEVEL)}"])


def _kebaruan(entry: Entry) -> Badge:
    r = _KEBARUAN
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
        kurang.append(Missing(f"Tambahkan kebaruan (jenis dan uraian minimal {r.min_words} kata) {_naik(1)}",
                              "kebaruan", _NEW_KEBARUAN))
    if entry.tahapan in r.skipped_stages:
        alasan.append(f"Tahapan {_label(v.TAHAPAN, entry.tahapan)}: kebaruan dinilai mulai tahapan {_ASSESSED_STAGES}")
        kurang.append(Missing(f"Lanjutkan inovasi ke tahapan {_ASSESSED_STAGES} {_naik(target)}", "tahapan",
                              _NEXT_STAGE))
    if k is not None:
        words = count_words(k.uraian, r.min_words)
        if words < r.min_words:
            alasan.append(f"Uraian kebaruan baru {words} kata (minimal {r.min_words})")
            kurang.append(Missing(f"Lengkapi uraian kebaruan hingga minimal {r.min_words} kata {_naik(target)}",
                                  "kebaruan.uraian", _LONGER_URAIAN))
        if k.jenis in r.needs_origin and not entry.replikasi_dari:
            alasan.append(f"Jenis {_label(v.JENIS_KEBARUAN, k.jenis)} tanpa inovasi asal")
            kurang.append(Missing(f"Sebutkan inovasi asal yang dimodifikasi di replikasi_dari {_naik(target)}",
                                  "replikasi_dari", _ORIGIN))
    if kurang or k is None:
        return Badge("kebaruan", LABELS["kebaruan"], 0, alasan, kurang)

    alasan.append(f"{v.JENIS_KEBARUAN.get(k.jenis, k.jenis)}, diuraikan dalam minimal {r.min_words} kata: "
                  f"level {base} ({level_name('kebaruan', base)})")
    if k.jenis in r.needs_origin:
        origins = [item.inovasi or item.instansi or "" for item in entry.replikasi_dari]
        alasan.append(f"Inovasi asal: {_some(origins, 3)}")
    if awards:
        first = awards[0]
        more = f" dan {len(awards) - 1} lainnya" if len(awards) > 1 else ""
        alasan.append(f"Penghargaan {r.awards[first.ajang]} {first.tahun}: {first.nama}{more} (+{r.bonus} level)")
    if full < MAX_LEVEL:
        if not awards:
            kurang.append(Missing(f"Tambahkan penghargaan {_AWARDS} {_naik(min(MAX_LEVEL, full + r.bonus))}",
                                  "penghargaan", _AWARD))
        else:
            kurang.append(Missing(f"Level {full + 1} hanya untuk kebaruan {_LEVEL_3_KINDS} yang meraih penghargaan "
                                  f"{_AWARDS}", "kebaruan.jenis", _KIND_3))
    return Badge("kebaruan", LABELS["kebaruan"], full, alasan, kurang)


# --- 2. efektif ---------------------------------------------------------------------------------

_EVAL_2 = gabung([_label(v.JENIS_EVALUASI, j) for j in sorted(_EFEKTIF.eval_2)], "atau")
_EVAL_3 = gabung([_label(v.JENIS_EVALUASI, j) for j in sorted(_EFEKTIF.eval_3)], "atau")
_STAGES = gabung([_label(v.TAHAPAN, s) for s in v.TAHAPAN if s in _EFEKTIF.stages], "atau")


def indicator_gaps(h: Hasil) -> list[str]:
    """What keeps a `hasil` item from counting as a measured result (empty: it counts)."""
    return [text for text, _, _ in _indicator_gaps(h)]


def _indicator_gaps(h: Hasil) -> list[tuple[str, str, list[str]]]:
    """Each gap of a `hasil` item as (words, key below the item, YAML lines that fill it)."""
    gaps = []
    before, after = h.sebelum, h.sesudah
    if before is None:
        gaps.append(("nilai sebelum", "sebelum", ["sebelum:", "  nilai: 14", f"  tanggal: {_BEFORE_DAY}"]))
    elif not math.isfinite(before.nilai):
        gaps.append(("nilai sebelum", "sebelum.nilai", ["sebelum:", "  nilai: 14"]))
    elif before.tanggal is None:
        gaps.append(("tanggal pengukuran sebelum", "sebelum.tanggal", ["sebelum:", f"  tanggal: {_BEFORE_DAY}"]))
    later = _AFTER_DAY
    if before is not None and before.tanggal is not None:
        later = before.tanggal.replace(year=before.tanggal.year + 1, day=1).isoformat()
    if after is None:
        gaps.append(("nilai sesudah", "sesudah", ["sesudah:", "  nilai: 1", f"  tanggal: {later}"]))
    elif not math.isfinite(after.nilai):
        gaps.append(("nilai sesudah", "sesudah.nilai", ["sesudah:", "  nilai: 1"]))
    elif after.tanggal is None:
        gaps.append(("tanggal pengukuran sesudah", "sesudah.tanggal", ["sesudah:", f"  tanggal: {later}"]))
    elif before is not None and before.tanggal is not None and after.tanggal <= before.tanggal:
        gaps.append(("tanggal sesudah yang lebih akhir dari tanggal sebelum", "sesudah.tanggal",
                     ["sesudah:", f"  tanggal: {later}"]))
    if not h.sumber:
        gaps.append(("sumber data", "sumber", ["sumber: Laporan bulanan unit layanan"]))
    return gaps


_BEFORE_DAY, _AFTER_DAY = "2023-01-01", "2024-01-01"
_INDICATOR = _nest("hasil[]", ["indikator: Waktu penyelesaian layanan", "satuan: hari",
                               "sebelum:", "  nilai: 14", f"  tanggal: {_BEFORE_DAY}",
                               "sesudah:", "  nilai: 1", f"  tanggal: {_AFTER_DAY}",
                               "sumber: Laporan bulanan unit layanan", f"bukti: {_EXAMPLE_URL}"])
_SURVEY_LINES = [f"jenis: {sorted(_EFEKTIF.eval_2)[0]}", "judul: Survei Kepuasan Masyarakat 2025", "tahun: 2025"]
_SECOND = _INDICATOR + "\n# atau survei kepuasan:\n" + "\n".join(
    f"# {line}" for line in _nest("evaluasi[]", _SURVEY_LINES).splitlines())
_EXTERNAL = _nest("evaluasi[]", [f"jenis: {sorted(_EFEKTIF.eval_3)[0]}", "judul: Evaluasi oleh Ombudsman RI",
                                 "tahun: 2025", f"tautan: {_EXAMPLE_URL}"])
_TO_PENERAPAN = (f"tahapan: {next(s for s in v.TAHAPAN if s in _EFEKTIF.stages)}\n"
                 "tanggal:\n  penerapan: 2024-01-01  # tanggal mulai diterapkan")


def _gap_hints(h: Hasil, gaps: list[tuple[str, str, list[str]]], upto: int) -> list[Missing]:
    """One item per gap of an indicator, each naming its key below `hasil[]`."""
    return [Missing(f"Lengkapi indikator “{h.indikator}” dengan {text} {_naik(upto)}", f"hasil[].{key}",
                    _nest("hasil[]", [f"indikator: {_yaml(h.indikator)}", *lines]))
            for text, key, lines in gaps]


def _change(h: Hasil) -> str:
    assert h.sebelum is not None and h.sesudah is not None
    return f"{h.indikator} {angka(h.sebelum.nilai)} → {_with_unit(angka(h.sesudah.nilai), h.satuan)}"


def _efektif(entry: Entry) -> Badge:
    r = _EFEKTIF
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

    def level_with(n: int) -> int:
        if n < r.level_1:
            return 0
        if external is not None:
            return 3
        return 2 if n >= r.level_2 or survey is not None else 1

    applies = entry.tahapan in r.stages
    level = level_with(len(counted)) if applies else 0
    target = level_with(max(len(counted), r.level_1))  # once there is a counted indicator
    alasan: list[str] = []
    kurang: list[Missing] = []

    def complete_hints(upto: int) -> None:
        for h, gaps in incomplete[:2]:
            kurang.extend(_gap_hints(h, gaps, upto))

    if not applies:
        alasan.append(f"Tahapan {_label(v.TAHAPAN, entry.tahapan)}: efektivitas dinilai pada tahapan {_STAGES}")
        kurang.append(Missing(f"Terapkan inovasi hingga tahapan {_STAGES} {_naik(target)}", "tahapan",
                              _TO_PENERAPAN))
    if level == 0 and len(counted) < r.level_1:
        if incomplete:
            alasan.append(f"Belum ada indikator hasil yang lengkap ({len(incomplete)} indikator belum lengkap)")
            complete_hints(target)
        else:
            alasan.append("Belum ada indikator hasil terukur")
            kurang.append(Missing("Tambahkan indikator hasil dengan nilai dan tanggal sebelum dan sesudah serta "
                                  f"sumber datanya {_naik(target)}", "hasil", _INDICATOR))
    if level == 0:
        return Badge("efektif", LABELS["efektif"], 0, alasan, kurang)

    alasan.append(f"{len(counted)} indikator terukur: " + "; ".join(_change(h) for h in counted[:3])
                  + (f"; dan {len(counted) - 3} lainnya" if len(counted) > 3 else ""))
    if survey is not None:
        alasan.append(f"{v.JENIS_EVALUASI.get(survey.jenis, survey.jenis)}: {survey.judul} ({survey.tahun})")
    if external is not None:
        alasan.append(f"{v.JENIS_EVALUASI.get(external.jenis, external.jenis)}: {external.judul} ({external.tahun})")
    if level == 1:
        kurang.append(Missing(f"Tambahkan indikator terukur kedua atau {_EVAL_2} {_naik(2)}", "hasil", _SECOND))
        complete_hints(2)
    elif level == 2:
        if unlinked is not None:
            kurang.append(Missing(f"Tambahkan tautan pada {_label(v.JENIS_EVALUASI, unlinked.jenis)} "
                                  f"“{unlinked.judul}” {_naik(3)}", "evaluasi[].tautan",
                                  _nest("evaluasi[]", [f"judul: {_yaml(unlinked.judul)}", f"tautan: {_EXAMPLE_URL}"])))
        else:
            kurang.append(Missing(f"Tambahkan {_EVAL_3} dengan tautan {_naik(3)}", "evaluasi", _EXTERNAL))
    return Badge("efektif", LABELS["efektif"], level, alasan, kurang)


# --- 3. bermanfaat ------------------------------------------------------------------------------


_BENEFIT = _nest("manfaat", [f"dasar: {next(iter(_BASES))}", "nilai: 1250",
                             "keterangan: Warga yang terlayani sepanjang 2025", f"bukti: {_EXAMPLE_URL}"])
_BENEFIT_PROOF = _nest("manfaat", [f"bukti: {_EXAMPLE_URL}"])


def _benefit_value(basis: _Basis, band: Band) -> str:
    """A value in `band` (the lowest one), as a snippet line."""
    value = band.bound if band.inclusive else band.bound + 1
    return _nest("manfaat", [f"nilai: {int(value) if value == int(value) else value}"])


def _bermanfaat(entry: Entry) -> Badge:
    m = entry.manfaat
    alasan: list[str] = []
    kurang: list[Missing] = []
    if m is None:
        alasan.append("Manfaat belum diukur")
        kurang.append(Missing(f"Ukur manfaat dengan satu dasar ({gabung(list(_BASES), 'atau')}) beserta nilai dan "
                              f"tautan buktinya {_naik(1)}", "manfaat", _BENEFIT))
        return Badge("bermanfaat", LABELS["bermanfaat"], 0, alasan, kurang)
    basis = _BASES[m.dasar]
    value = m.nilai if m.nilai is not None and math.isfinite(m.nilai) else None
    band = band_level(basis.bands, value) if value is not None else 0
    if value is None:
        alasan.append(f"Nilai manfaat ({_label(v.DASAR_MANFAAT, m.dasar)}) belum diisi")
        kurang.append(Missing(f"Isi nilai manfaat ({_label(v.DASAR_MANFAAT, m.dasar)}) {_naik(1)}", "manfaat.nilai",
                              _benefit_value(basis, basis.bands[0])))
    if m.bukti is None:
        alasan.append("Bukti manfaat belum ditautkan")
        kurang.append(Missing(f"Tambahkan tautan bukti manfaat {_naik(band or 1)}", "manfaat.bukti", _BENEFIT_PROOF))
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
        kurang.append(Missing(f"Tunjukkan {need} {_naik(band + 1)} (saat ini {shown})", "manfaat.nilai",
                              _benefit_value(basis, basis.bands[band])))
    return Badge("bermanfaat", LABELS["bermanfaat"], band, alasan, kurang)


# --- 4. dapat ditransfer ------------------------------------------------------------------------


_GUIDE_FORMS = {n: gabung([label for lvl, label in _TRANSFER.guide.values() if lvl >= n], "atau")
                for n in range(1, MAX_LEVEL + 1)}  # level → the guide forms that reach it


_COUNTED_STAGES = gabung([_label(v.TAHAPAN, s) for s in v.TAHAPAN if s in _TRANSFER.stages], "atau")
_OWN_EVIDENCE = gabung([label for _, _, label in _TRANSFER.evidence], "atau")
_NOT_STAGE = f"belum tahap {_COUNTED_STAGES}"
_NO_EVIDENCE = f"belum ada bukti sendiri ({_OWN_EVIDENCE})"
_SAME_AGENCY = "instansi yang sama"


def own_evidence(entry: Any) -> bool:
    """Whether a replicating entry carries evidence of its own (the table's `bukti_sendiri`:
    e.g. a `hasil` with `bukti`, an `evaluasi` with `tautan`, a `dasar_hukum` with `tautan`)."""
    for path, field, _ in _TRANSFER.evidence:
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
    if rep.tahapan not in _TRANSFER.stages:
        gaps.append(_NOT_STAGE)
    if not rep.bukti:
        gaps.append(_NO_EVIDENCE)
    return gabung(gaps)


def _guide_snippet(level: int) -> str:
    """`panduan_replikasi` with the first form that reaches `level`."""
    bentuk = next(b for b, (lvl, _) in _TRANSFER.guide.items() if lvl >= level)
    lines = [f"bentuk: {bentuk}"]
    if bentuk != "cetak":  # validation asks a link of every other form
        lines.append(f"tautan: {_EXAMPLE_URL}")
    lines.append("kebutuhan: Satu petugas terlatih, komputer dan akses internet")
    return _nest("panduan_replikasi", lines)


_GUIDES = {n: _guide_snippet(n) for n in range(1, MAX_LEVEL + 1) if _GUIDE_FORMS[n]}


def _replicated_snippet(name: str = "Pemerintah Kabupaten Contoh") -> str:
    return _nest("replikasi_oleh[]", [f"instansi: {_yaml(name)}", "tahun: 2025",
                                      "bukti: https://instansi.go.id/dokumen/pks-replikasi.pdf  # MoU, PKS atau SK"])


_REPLICATED = _replicated_snippet()
_PENDING_SHOWN = 3  # in-progress replications named in the reasons; the entry page lists them all


def _dapat_ditransfer(entry: Any, replicated_by: Sequence[Replicator]) -> Badge:
    r = _TRANSFER
    own = normalise_agency(entry.instansi.nama) if replicated_by or entry.replikasi_oleh else ""
    agencies: dict[str, str] = {}  # normalised → name as first written
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
    unproven: dict[str, str] = {}
    for item in entry.replikasi_oleh:
        key = normalise_agency(item.instansi)
        if key == own:
            continue
        if item.bukti:
            agencies.setdefault(key, " ".join(item.instansi.split()))
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
                                   f"{_some(list(agencies.values()), 5)} (jalur replikasi, level {replicated})"))
    if ready:
        tracks.append((ready, f"Panduan replikasi {guide_label} tersedia (jalur kesiapan, level {ready})"))
    if len(tracks) == 2 and ready > replicated:
        tracks.reverse()  # the deciding track leads; on a tie, replication, the stronger evidence
    alasan = [text for _, text in tracks] or ["Belum direplikasi instansi lain dan belum ada panduan replikasi"]
    if pending:
        alasan += pending[:_PENDING_SHOWN]
        if len(pending) > _PENDING_SHOWN:
            alasan.append(f"{len(pending) - _PENDING_SHOWN} replikasi lain dalam proses belum dihitung")

    kurang: list[Missing] = []
    if unproven:
        reach = max(ready, band_level(r.bands, len(agencies) + len(unproven)))
        if reach > level:
            names = list(unproven.values())
            kurang.append(Missing(f"Tambahkan bukti (MoU, PKS atau SK) replikasi oleh {_some(names, 3)} "
                                  f"{_naik(reach)}", "replikasi_oleh[].bukti", _replicated_snippet(names[0])))
    if level < MAX_LEVEL:
        nxt = level + 1
        forms = _GUIDE_FORMS[nxt]
        now = f" (saat ini {len(agencies)})" if agencies else ""
        proof = f"replikasi oleh {r.bands[nxt - 1].phrase()} instansi lain{now}"
        if forms:
            kurang.append(Missing(f"Sediakan panduan replikasi {forms}, atau buktikan {proof}, {_naik(nxt)}",
                                  "panduan_replikasi", _GUIDES[nxt]))
        else:
            kurang.append(Missing(f"Buktikan {proof} {_naik(nxt)}", "replikasi_oleh", _REPLICATED))
    return Badge("dapat_ditransfer", LABELS["dapat_ditransfer"], level, alasan, kurang, tuple(status))


# --- 5. berkelanjutan ---------------------------------------------------------------------------


def budget_run(years: Iterable[int], this_year: int, *, length: int | None = None,
               lag: int | None = None) -> tuple[int, int] | None:
    """The run of consecutive budget years that evidences the budget pillar, as (first, last).

    The run must be at least `length` years long and end no more than `lag` years before this
    year; years after this year are plans, not evidence, and are ignored.
    """
    length = _SUSTAIN.budget_years if length is None else length
    lag = _SUSTAIN.budget_lag if lag is None else lag
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
    gabung([_label(v.JENIS_DASAR_HUKUM, j) if j != "sk" else "SK"
            for j in v.JENIS_DASAR_HUKUM if j in _SUSTAIN.legal_kinds][:2], "atau"))
_NO_PILLAR = f"Belum ada bukti keberlanjutan ({gabung([_lower(p) for p in _SUSTAIN.pillars.values()])})"
_LAW = _nest("keberlanjutan.dasar_hukum[]", [f"jenis: {next(j for j in v.JENIS_DASAR_HUKUM if j in _SUSTAIN.legal_kinds)}",
                                              "nomor: 800/123/2024", "tahun: 2024", f"tautan: {_EXAMPLE_URL}"])
_EXAMPLE_FIELD = {"unit": "unit: Bidang Pelayanan Dinas", "sk": "sk: 800/45/2024"}
_RUNNING = "status: aktif"


@lru_cache(maxsize=8)
def _budget_snippet(this_year: int) -> str:
    first = this_year - _SUSTAIN.budget_years + 1
    return _nest("keberlanjutan", [f"anggaran: [{', '.join(str(y) for y in range(first, this_year + 1))}]"])


def _berkelanjutan(entry: Entry, today: date) -> Badge:
    r = _SUSTAIN
    label = LABELS["berkelanjutan"]
    if entry.status in r.skipped_status:
        since = f" sejak {entry.tanggal.berhenti.isoformat()}" if entry.tanggal.berhenti else ""
        return Badge("berkelanjutan", label, 0, [f"Inovasi berstatus {_label(v.STATUS, entry.status)}{since}"],
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
                                 _nest("keberlanjutan.pelaksana", [_EXAMPLE_FIELD.get(f, f"{f}: …") for f in fields]))

    level = len(evidence)
    alasan = list(evidence.values()) or [_NO_PILLAR]
    kurang = [Missing(f"{hint} {_naik(level + 1)}", key, snippet) for hint, key, snippet in missing.values()]
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
    return pelaksana is not None and all(getattr(pelaksana, name, None) for name in _SUSTAIN.organisation)


def needs_reverification(diperbarui: date, today: date) -> bool:
    """Last verified more than `REVERIFY_MONTHS` calendar months before today."""
    return diperbarui < months_before(today, REVERIFY_MONTHS)


def assess(entry: Entry, *, replicated_by: Sequence[Replicator], today: date) -> Assessment:
    """The five badges of one entry; `replicated_by` from `build_replication_index`, `today` the build date."""
    badges = (
        _kebaruan(entry),
        _efektif(entry),
        _bermanfaat(entry),
        _dapat_ditransfer(entry, replicated_by),
        _berkelanjutan(entry, today),
    )
    return Assessment(
        kriteria={b.key: b for b in badges},
        lengkap=all(b.level >= 1 for b in badges),
        skor=sum(b.level for b in badges),
        perlu_verifikasi_ulang=needs_reverification(entry.diperbarui, today),
    )


def with_replications(assessment: Assessment, entry: Any, replicated_by: Sequence[Replicator]) -> Assessment:
    """`assessment` (made with no catalogue replications) once they are known.

    The catalogue assesses entries in its worker processes, before the replication index
    exists; only the transfer badge depends on it. `entry` needs `instansi`, `replikasi_oleh`
    and `panduan_replikasi`."""
    if not replicated_by:
        return assessment
    kriteria = dict(assessment.kriteria)
    kriteria["dapat_ditransfer"] = _dapat_ditransfer(entry, replicated_by)
    return Assessment(
        kriteria=kriteria,
        lengkap=all(b.level >= 1 for b in kriteria.values()),
        skor=sum(b.level for b in kriteria.values()),
        perlu_verifikasi_ulang=assessment.perlu_verifikasi_ulang,
    )


def build_replication_index(items: Iterable[tuple[str, Entry]]) -> dict[str, list[Replicator]]:
    """Target id → the published entries that name it in `replikasi_dari`, sorted by id.

    Every published replicating entry is kept, with its stage and whether it has evidence of its
    own (the entry page lists them all, those that count and those "dalam proses"); `assess`
    then counts distinct other agencies among those that meet the rule. Drafts and
    self-references are left out.
    """
    return replication_index(
        (entry_id, entry.draf, entry.instansi.nama, [item.inovasi for item in entry.replikasi_dari],
         entry.tahapan, own_evidence(entry))
        for entry_id, entry in items
    )


def replication_index(facts: Iterable[tuple[str, bool, str, Iterable[str | None], str, bool]],
                      ) -> dict[str, list[Replicator]]:
    """`build_replication_index` from (id, draf, instansi.nama, replikasi_dari ids, tahapan,
    own evidence) alone, so a catalogue loaded without its models (the `validate`/`badges`
    commands) uses the same rule."""
    index: dict[str, list[Replicator]] = {}
    for entry_id, draf, instansi, targets, tahapan, bukti in facts:
        if draf:
            continue
        for target in {t for t in targets if t and t != entry_id}:
            index.setdefault(target, []).append(Replicator(entry_id, instansi, tahapan, bukti))
    for replicators in index.values():
        replicators.sort(key=lambda rep: rep.entry_id)
    return index


# --- methodology --------------------------------------------------------------------------------


def methodology() -> list[dict[str, Any]]:
    """Each criterion's conditions and levels, in words, straight from the table.

    The site's methodology page renders this; the reasons on entry pages use the same ranges,
    so a reader can match a badge to its rule.
    """
    k = TABLE["kriteria"]
    out = []

    kb = _KEBARUAN
    levels: dict[int, list[str]] = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for jenis, base in kb.base.items():
        name = v.JENIS_KEBARUAN.get(jenis, jenis)
        if base:
            levels[base].append(name)
        boosted = min(MAX_LEVEL, base + kb.bonus)
        if base and boosted > base:
            levels[boosted].append(f"{name} dengan penghargaan {_AWARDS}")
    out.append(_criterion("kebaruan", [
        f"Tahapan {_ASSESSED_STAGES}",
        f"Uraian kebaruan minimal {kb.min_words} kata",
        *(f"Jenis {_label(v.JENIS_KEBARUAN, j)} harus menyebutkan inovasi asal (replikasi_dari)"
          for j in sorted(kb.needs_origin)),
    ], levels, penghargaan={"ajang": dict(kb.awards), "tambah": kb.bonus}))

    ef = _EFEKTIF
    indicator = ("indikator hasil dengan nilai dan tanggal sebelum dan sesudah (tanggal sesudah lebih akhir) "
                 "serta sumber data")
    out.append(_criterion("efektif", [f"Tahapan {_STAGES}"], {
        1: [f"{ef.level_1} {indicator}"],
        2: [f"{ef.level_2} {indicator}", f"{ef.level_1} indikator seperti itu dan {_EVAL_2}"],
        3: [f"{ef.level_1} indikator seperti itu dan {_EVAL_3} yang ditautkan"],
    }))

    bases = []
    levels = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for name, basis in _BASES.items():
        label = v.DASAR_MANFAAT.get(name, name)
        unit = "" if basis.unit == "%" else f" {basis.unit}"
        bases.append({"dasar": name, "label": label, "satuan": basis.unit,
                      "pita": {band.level: rng + unit for band, rng in zip(basis.bands, basis.ranges, strict=True)}})
        for band, rng in zip(basis.bands, basis.ranges, strict=True):
            levels[band.level].append(f"{label}: {rng}{unit}")
    out.append(_criterion("bermanfaat", ["Satu dasar manfaat dengan nilai dan tautan bukti"], levels,
                          rujukan=k["bermanfaat"].get("rujukan"), dasar=bases))

    tr = _TRANSFER
    ranges = band_ranges(tr.bands, whole=True)
    levels = {n: [] for n in range(1, MAX_LEVEL + 1)}
    for band, rng in zip(tr.bands, ranges, strict=True):
        levels[band.level].append(f"Direplikasi oleh {rng} instansi lain (jalur replikasi)")
    for lvl, label in tr.guide.values():
        if lvl:
            levels[lvl].append(f"Panduan replikasi {label} (jalur kesiapan)")
    out.append(_criterion("dapat_ditransfer", [], levels, catatan_tambahan=[
        f"Entri katalog yang mereplikasi dihitung bila sudah terbit, dari instansi lain, pada tahapan "
        f"{_COUNTED_STAGES}, dan memuat bukti sendiri ({_OWN_EVIDENCE}); entri lainnya tercantum sebagai "
        "replikasi dalam proses dan belum dihitung."]))

    su = _SUSTAIN
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
        [f"Status bukan {gabung([_label(v.STATUS, s) for s in sorted(su.skipped_status)], 'atau')}"],
        {n: [f"{n} dari {len(pillars)} pilar terbukti"] for n in range(1, MAX_LEVEL + 1)},
        pilar=[{"pilar": p, "syarat": text} for p, text in pillars.items()],
    ))
    return out


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
        f"Setiap kriteria bernilai level 0 sampai {MAX_LEVEL}, masing-masing dengan nama: "
        + gabung([f"{n} “{name}”" for n, name in enumerate(_DEFAULT_NAMES)])
        + ". Level 0 berarti buktinya belum ada di entri, bukan nilai gagal.",
        f"Lengkap: kelima kriteria minimal level 1. Skor: jumlah kelima level (0–{MAX_LEVEL * len(KEYS)}).",
        f"Perlu verifikasi ulang: data terakhir diverifikasi lebih dari {REVERIFY_MONTHS} bulan sebelum tanggal build.",
    ]
