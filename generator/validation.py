"""Validation of one entry: the model's verdict in the authors' words, then the rules that span
several fields. Cross-entry rules (unique ids, replication links) live in `catalogue.py`.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import numbers, placeholders, reading
from . import vocabulary as v
from .criteria import RULES, months_before
from .diagnostics import ERROR, WARNING, Diagnostic, field_path
from .loader import MAX_NUMBER_DIGITS, Loc, LongNumber, Parsed, SourceFloat
from .model import ID_PATTERN, MAX_ENUM_LISTED, PATTERN_MESSAGES, URL_PATTERN, VOCABULARY_OF, Entry, quoted, suggest
from .render import body_problems
from .text import BLOCK, LINE, NAME, character_name, hidden_character, hidden_characters, may_hide_in_block
from .urls import address_in_text, has_user_info, same_site

_ID = re.compile(ID_PATTERN)
PERSONAL_MAIL = frozenset({
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "rocketmail.com", "hotmail.com",
    "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
    "mail.com", "gmx.com", "yandex.com", "zoho.com",
})
"""Personal webmail: a contact is a role at the agency, reachable after its holder moves on."""
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".avif"}


# --- the model's errors, translated -----------------------------------------------------------


def _model_at(loc: Loc, root: type[BaseModel] = Entry) -> type[BaseModel] | None:
    """The model class that holds the key at the end of `loc` (for "did you mean" on keys)."""
    model: Any = root
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, types.UnionType):
        for arg in annotation.__args__:
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def _length_noun(value: Any) -> str:
    return "karakter" if isinstance(value, str) else "butir"


def _length(value: Any) -> int | None:
    """The length the model measured: text without the spaces around it (`str_strip_whitespace`)."""
    if isinstance(value, str):
        return len(value.strip())
    return len(value) if hasattr(value, "__len__") else None


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _number_hint(value: Any) -> str:
    """What to write instead of a number written as text: `"12"` (quoted), `1,250`, `Rp 2,5 juta`."""
    if not isinstance(value, str):
        return ""
    if re.fullmatch(r"[-+]?\d+(?:\.\d+)?", value.strip()):
        return " (hapus tanda kutipnya)"
    hint = numbers.hint(value)
    return f"; {hint}" if hint else ""


def _unknown_key(value: Any, ctx: dict[str, Any], loc: Loc, root: type[BaseModel] = Entry) -> str:
    key = str(loc[-1])
    model = _model_at(loc, root)
    message = f"kunci '{key}' tidak dikenal"
    if model is not None:
        hint = suggest(key, tuple(model.model_fields))
        message += f" (maksud Anda '{hint}'?)" if hint else "; kunci yang boleh: " + ", ".join(model.model_fields)
    return message


def _too_short(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    size = _length(value) or 0
    if size == 0:
        return "tidak boleh kosong"
    return f"terlalu pendek: minimal {ctx.get('min_length')} {_length_noun(value)}, sekarang {size}"


def _too_long(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    size = _length(value)
    return (f"terlalu panjang: maksimal {ctx.get('max_length')} {_length_noun(value)}, "
            f"sekarang {'?' if size is None else size}")


def _at_least(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    if loc and loc[-1] == "tahun" or isinstance(value, int) and ctx.get("ge") == 1945:
        return f"tahun harus antara 1945 dan 2100, bukan {quoted(value)}"
    return f"harus ≥ {_num(ctx.get('ge'))}, bukan {quoted(value)}"


def _integer(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    return f"harus berupa bilangan bulat, bukan {quoted(value)}" + _number_hint(value)


def _number(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    return f"harus berupa angka (misalnya 12 atau 12.5), bukan {quoted(value)}" + _number_hint(value)


def _missing(value: Any, ctx: dict[str, Any], loc: Loc) -> str:
    """A required key left out; for a closed choice, the values it takes."""
    model = _model_at(loc)
    info = model.model_fields.get(str(loc[-1])) if model is not None and loc else None
    options = _literal_values(info.annotation) if info is not None else ()
    if not options:
        return "wajib diisi"
    name = VOCABULARY_OF.get(frozenset(options), "")
    how = "satu atau lebih" if typing.get_origin(info.annotation) is list or "list[" in repr(info.annotation) \
        else "salah satu"
    if len(options) <= MAX_ENUM_LISTED or not name:
        return f"wajib diisi: pilih {how} dari " + " | ".join(repr(o) for o in options)
    return f"wajib diisi: pilih {how} pilihan {name} (daftarnya: `katalog vocabulary {name}`)"


def _literal_values(annotation: Any) -> tuple[str, ...]:
    if typing.get_origin(annotation) is typing.Literal:
        return tuple(str(a) for a in typing.get_args(annotation))
    for arg in typing.get_args(annotation):
        found = _literal_values(arg)
        if found:
            return found
    return ()


_SMART_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b\u00ab\u00bb"


def _smart_quoted(value: Any) -> str | None:
    """A value wrapped in typographic quotes (“aktif”, as a word processor or a phone writes them):
    YAML takes them for part of the text. The message says so, and what the value would be."""
    if not isinstance(value, str) or len(value) < 2:
        return None
    if value[0] in _SMART_QUOTES or value[-1] in _SMART_QUOTES:
        inner = value.strip(_SMART_QUOTES + " ")
        return (f"nilai ini diapit tanda kutip miring ({value[0]}…{value[-1]}), yang bagi YAML bukan tanda kutip "
                f"melainkan bagian dari teks; hapus tanda kutipnya (tulis {inner}) atau pakai tanda kutip lurus "
                f"\"{inner}\"")
    return None


def _pattern_message(value: Any, pattern: str) -> str:
    if pattern == URL_PATTERN and isinstance(value, str) and has_user_info(value):
        return (f"alamat web ini memuat nama pengguna sebelum alamat situsnya (bagian sebelum '@'), sehingga "
                f"membuka situs lain dari yang tertulis: {quoted(value)}; tulis alamat situs tujuannya langsung")
    return f"{PATTERN_MESSAGES.get(pattern, 'bentuknya tidak sah')}, bukan {quoted(value)}"


Message = Callable[[Any, dict[str, Any], Loc], str]
MESSAGES: dict[str, Message] = {
    "missing": _missing,
    "extra_forbidden": _unknown_key,
    "string_too_short": _too_short, "too_short": _too_short,
    "string_too_long": _too_long, "too_long": _too_long,
    "string_type": lambda value, ctx, loc: f"harus berupa teks, bukan {quoted(value)}",
    "literal_error": lambda value, ctx, loc: _choice_message(value, ctx.get("expected", "")),
    "string_pattern_mismatch": lambda value, ctx, loc: _pattern_message(value, ctx.get("pattern", "")),
    "int_type": _integer, "int_parsing": _integer, "int_from_float": _integer,
    "float_type": _number, "float_parsing": _number, "finite_number": _number,
    "bool_type": lambda value, ctx, loc: f"harus true atau false, bukan {quoted(value)}",
    "bool_parsing": lambda value, ctx, loc: f"harus true atau false, bukan {quoted(value)}",
    "list_type": lambda value, ctx, loc: f"harus berupa daftar (setiap butir diawali '- '), bukan {quoted(value)}",
    "tuple_type": lambda value, ctx, loc: f"harus berupa daftar (setiap butir diawali '- '), bukan {quoted(value)}",
    "model_type": lambda value, ctx, loc: (
        f"harus berupa kelompok 'kunci: nilai' yang menjorok ke dalam, bukan {quoted(value)}"),
    "greater_than_equal": _at_least,
    "less_than_equal": lambda value, ctx, loc: f"harus ≤ {_num(ctx.get('le'))}, bukan {quoted(value)}",
}
"""pydantic's error types, in the authors' words: one table, as pydantic's docs show custom
messages, not an if-ladder."""
MESSAGES["dict_type"] = MESSAGES["model_attributes_type"] = MESSAGES["model_type"]


def _message(error: dict[str, Any]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    # An empty value and a too-long number read the same whatever the expected type.
    if value is None and kind == "literal_error":
        return "wajib diisi, tetapi nilainya kosong; " + _choice_message("", ctx.get("expected", "")).split(", bukan")[0]
    if value is None and kind.endswith(("_type", "_error")):
        return "wajib diisi, tetapi nilainya kosong"
    if isinstance(value, LongNumber) and kind in _NUMBER_ERRORS:
        return f"angka terlalu panjang: maksimal {MAX_NUMBER_DIGITS} digit"
    if kind != "missing" and (quoted := _smart_quoted(value)) is not None:
        return quoted
    if kind in MESSAGES:
        return MESSAGES[kind](value, ctx, error["loc"])
    if "pesan" in ctx:  # our own validators say it themselves
        return str(ctx["pesan"])
    return str(error.get("msg", kind))


_QUOTED = re.compile(r"'([^']*)'")
_NUMBER_ERRORS = ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "finite_number")


def _choice_message(value: Any, expected: str) -> str:
    options = tuple(_QUOTED.findall(expected))
    name = VOCABULARY_OF.get(frozenset(options), "")
    if not isinstance(value, str):
        return f"harus berupa salah satu pilihan {name}, bukan {quoted(value)}".replace("  ", " ")
    # Staff's own words for a value (`perbup` is a `perkada`) first, then the nearest spelling.
    hint = (reading.alias(value, name) if name else None) or suggest(value, options)
    maybe = f" (maksud Anda {hint!r}?)" if hint else ""
    if len(options) <= MAX_ENUM_LISTED or not name:
        allowed = " | ".join(repr(o) for o in options)
        return f"harus salah satu dari {allowed}, bukan {quoted(value)}{maybe}"
    return f"{quoted(value)} bukan pilihan {name} yang dikenal{maybe}; daftar lengkapnya: `katalog vocabulary {name}`"


def _numbers_as_written(data: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """Put back the source text of numbers given to text fields (`nomor: 12`, `kode: 35.10`).

    Text fields are plain pydantic-core strings (fast), so this runs only for the rare entry
    where such an error occurs; returns whether anything changed."""
    changed = False
    for error in errors:
        source = getattr(error.get("input"), "source_text", None)
        if error["type"] != "string_type" or source is None:
            continue
        *parents, last = error["loc"]
        holder: Any = data
        for part in parents:
            holder = holder[part]
        holder[last] = source
        changed = True
    return changed


def _misspelt(errors: list[dict[str, Any]], root: type[BaseModel] = Entry) -> set[tuple[Any, ...]]:
    """Required keys reported missing only because they were misspelt: `instansi.jnis` is one
    mistake, reported once, at the unknown key that says "maksud Anda 'jenis'?"."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    covered = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            model = _model_at(loc, root)
            hint = suggest(str(loc[-1]), tuple(model.model_fields)) if model is not None else None
            if hint and (*loc[:-1], hint) in missing:
                covered.add((*loc[:-1], hint))
    return covered


def model_diagnostics(parsed: Parsed, errors: list[dict[str, Any]], root: type[BaseModel] = Entry
                      ) -> list[Diagnostic]:
    """pydantic's errors of `parsed` against `root` (the entry model, or another file's: a
    verification record), each in the authors' words at its line."""
    out = []
    covered = _misspelt(errors, root)
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "missing" and loc in covered:
            continue
        if error["type"] == "extra_forbidden":
            line, col = parsed.position(loc, key=True)
        elif error["type"] == "missing":
            line, col = parsed.position(loc[:-1], key=True) if len(loc) > 1 else (1, 1)
        else:
            line, col = parsed.position(loc)
        message = (_unknown_key(error.get("input"), {}, loc, root) if error["type"] == "extra_forbidden"
                   else _message(error))
        out.append(Diagnostic(parsed.path, line, col, ERROR, field_path(loc), message))
    return out


# --- rules across fields of one entry --------------------------------------------------------


class _Findings:
    def __init__(self, parsed: Parsed):
        self.parsed = parsed
        self.items: list[Diagnostic] = []

    def error(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self._add(ERROR, loc, message, key)

    def warning(self, loc: Loc, message: str, *, key: bool = False) -> None:
        self._add(WARNING, loc, message, key)

    def _add(self, severity: str, loc: Loc, message: str, key: bool) -> None:
        line, col = self.parsed.position(loc, key=key)
        self.items.append(Diagnostic(self.parsed.path, line, col, severity, field_path(loc), message))


def _d(day: date) -> str:
    return day.isoformat()


@dataclass(frozen=True)
class RuleInput:
    """What a cross-field rule may look at: the entry, its file, the build date."""

    entry: Entry
    parsed: Parsed
    today: date
    file_path: Path | None


def _stage_and_status_dates(x: RuleInput, f: _Findings) -> None:
    """A stage or status that happened needs its date; the dates run in order."""
    e, t = x.entry, x.entry.tanggal
    if e.tahapan == "penerapan" and t.penerapan is None:
        f.error(("tanggal",), "tahapan 'penerapan' memerlukan tanggal.penerapan", key=True)
    if e.status == "berhenti" and t.berhenti is None:
        f.error(("tanggal",), "status 'berhenti' memerlukan tanggal.berhenti", key=True)
    if e.status == "aktif" and t.berhenti is not None:
        f.error(("tanggal", "berhenti"), "inovasi berstatus 'aktif' tidak boleh punya tanggal berhenti")
    if t.penerapan and t.penerapan < t.mulai:
        f.error(("tanggal", "penerapan"), f"tanggal penerapan ({_d(t.penerapan)}) sebelum tanggal mulai ({_d(t.mulai)})")
    if t.berhenti and t.berhenti < (t.penerapan or t.mulai):
        earlier = "penerapan" if t.penerapan else "mulai"
        f.error(("tanggal", "berhenti"),
                f"tanggal berhenti ({_d(t.berhenti)}) sebelum tanggal {earlier} ({_d(t.penerapan or t.mulai)})")


def _nothing_in_the_future(x: RuleInput, f: _Findings) -> None:
    for loc, day in _dates(x.entry):
        if day > x.today:
            f.error(loc, f"tanggal {_d(day)} ada di masa depan (hari ini {_d(x.today)})")
    for loc, year in _years(x.entry):
        if year > x.today.year:
            f.error(loc, f"tahun {year} ada di masa depan")


def _region(x: RuleInput, f: _Findings) -> None:
    """A regency or city agency names its regency or city; the region code is the province's."""
    e, w = x.entry, x.entry.wilayah
    if e.instansi.jenis in ("pemkab", "pemkot") and not w.kabupaten_kota:
        f.error(("wilayah",), f"instansi {e.instansi.jenis} memerlukan wilayah.kabupaten_kota", key=True)
    if w.kode:
        if w.provinsi == "nasional":
            f.error(("wilayah", "kode"), "instansi nasional tidak memakai kode wilayah; hapus kunci ini")
        elif not w.kode.startswith(v.KODE_PROVINSI[w.provinsi]):
            f.error(("wilayah", "kode"),
                    f"kode {w.kode!r} bukan wilayah {v.PROVINSI[w.provinsi]}: kode provinsi ini diawali "
                    f"{v.KODE_PROVINSI[w.provinsi]!r}")


def _origin_and_guide(x: RuleInput, f: _Findings) -> None:
    """A modification names what it modifies; an electronic or online guide has its link."""
    e = x.entry
    if e.kebaruan and e.kebaruan.jenis in RULES.needs_origin and not e.replikasi_dari:
        f.error(("kebaruan", "jenis"),
                f"kebaruan '{e.kebaruan.jenis}' memerlukan replikasi_dari: sebutkan inovasi asal yang dimodifikasi")
    panduan = e.panduan_replikasi
    if panduan and panduan.bentuk != "cetak" and not panduan.tautan:
        f.error(("panduan_replikasi",), f"panduan berbentuk '{panduan.bentuk}' memerlukan tautan", key=True)


def _measurements_in_order(x: RuleInput, f: _Findings) -> None:
    for index, item in enumerate(x.entry.hasil):
        before, after = item.sebelum, item.sesudah
        if before and after and before.tanggal and after.tanggal and after.tanggal <= before.tanggal:
            f.error(("hasil", index, "sesudah", "tanggal"),
                    f"pengukuran sesudah ({_d(after.tanggal)}) harus setelah pengukuran sebelum ({_d(before.tanggal)})")


def _no_repeats(x: RuleInput, f: _Findings) -> None:
    for name in ("urusan", "area_perubahan", "nilai_berakhlak", "sdgs", "replikasi_dikonfirmasi"):
        seen: set[Any] = set()
        for index, item in enumerate(getattr(x.entry, name)):
            if item in seen:
                f.error((name, index), f"{item!r} ditulis dua kali")
            seen.add(item)


def _budget_years(x: RuleInput, f: _Findings) -> None:
    seen: set[int] = set()
    if x.entry.keberlanjutan:
        for index, year in enumerate(x.entry.keberlanjutan.anggaran):
            if year in seen:
                f.error(("keberlanjutan", "anggaran", index), f"tahun {year} ditulis dua kali")
            elif year > x.today.year + 1:  # next year's budget may already be adopted, not later ones
                f.error(("keberlanjutan", "anggaran", index), f"tahun anggaran {year} terlalu jauh di masa depan")
            seen.add(year)


def _counted_benefit(x: RuleInput, f: _Findings) -> None:
    m = x.entry.manfaat
    if m and m.dasar in RULES.whole_number_bases and m.nilai is not None and m.nilai != int(m.nilai):
        f.error(("manfaat", "nilai"), f"manfaat berdasar '{m.dasar}' dihitung dengan bilangan bulat, bukan {m.nilai:g}")


def _image(x: RuleInput, f: _Findings) -> None:
    if x.entry.gambar and x.file_path is not None:
        _check_image(x.entry.gambar, x.file_path, f)


def _contact(x: RuleInput, f: _Findings) -> None:
    """A published entry names a contact: a role with the agency's e-mail or telephone."""
    entry = x.entry
    kontak = entry.kontak
    if kontak is None:
        if not entry.draf:
            f.warning((), "belum ada kontak: tambahkan kontak (jabatan dengan email atau telepon instansi) agar "
                          "instansi lain yang ingin mereplikasi dapat menghubungi Anda")
        return
    if not kontak.email and not kontak.telepon:
        f.warning(("kontak",), "kontak memerlukan email atau telepon instansi", key=True)
    if kontak.email and kontak.email.rsplit("@", 1)[-1].lower() in PERSONAL_MAIL:
        f.warning(("kontak", "email"), f"{kontak.email!r} adalah email pribadi; kontak adalah jabatan, jadi pakai "
                                       "email instansi (misalnya layanan@dinas.go.id) yang tetap berlaku saat "
                                       "pejabatnya berganti")


def _fresh_and_told(x: RuleInput, f: _Findings) -> None:
    """Warnings only: data looked at recently, and a story in the body."""
    if x.entry.diperbarui < months_before(x.today, RULES.reverify_months):
        f.warning(("diperbarui",),
                  f"data terakhir diperbarui {_d(x.entry.diperbarui)}, lebih dari {RULES.reverify_months} bulan "
                  "lalu: periksa datanya, lalu perbarui tanggal ini")
    if not x.parsed.body.strip():
        f.warning((), "isi entri masih kosong: tulis Latar Belakang, Inovasi, Hasil dan Dampak, Cara Mereplikasi")


def _link_texts(x: RuleInput, f: _Findings) -> None:
    """A text shown as a link's words (a document's title, an evaluation's, an origin agency's)
    that reads as a web address goes to that address: else the reader is misled."""
    e = x.entry
    pairs: list[tuple[Loc, str | None, str | None]] = []
    if e.tautan:
        pairs += [(("tautan", "dokumen", i, "judul"), d.judul, d.url) for i, d in enumerate(e.tautan.dokumen)]
    pairs += [(("evaluasi", i, "judul"), ev.judul, ev.tautan) for i, ev in enumerate(e.evaluasi)]
    pairs += [(("replikasi_dari", i, "instansi"), r.instansi, r.tautan) for i, r in enumerate(e.replikasi_dari)]
    for loc, text, url in pairs:
        if not text or not url or (host := address_in_text(text)) is None or same_site(host, url):
            continue
        f.error(loc, f"teks ini tampak seperti alamat {quoted(text)}, tetapi tautannya menuju {quoted(url)}: pembaca "
                     "akan mengira membuka situs lain; tulis judul biasa, atau alamat tujuan yang sebenarnya")


CROSS_FIELD_RULES = (_stage_and_status_dates, _nothing_in_the_future, _region, _origin_and_guide,
                     _measurements_in_order, _no_repeats, _budget_years, _counted_benefit, _image, _contact,
                     _link_texts, _fresh_and_told)
"""The rules that involve several fields of one entry, in the order their findings are listed."""


def check_rules(entry: Entry, parsed: Parsed, today: date, file_path: Path | None = None) -> list[Diagnostic]:
    """Every cross-field rule, each finding reported at the key to change."""
    f = _Findings(parsed)
    given = RuleInput(entry, parsed, today, file_path)
    for rule in CROSS_FIELD_RULES:
        rule(given, f)
    return f.items


def _check_image(gambar: str, file_path: Path, f: _Findings) -> None:
    loc = ("gambar",)
    if "://" in gambar or gambar.startswith("/") or "\\" in gambar:
        f.error(loc, "gambar harus berupa path relatif ke file di repositori, misalnya 'gambar/layanan.jpg'")
        return
    if Path(gambar).suffix.lower() not in IMAGE_SUFFIXES:
        f.error(loc, "gambar harus berformat " + ", ".join(sorted(IMAGE_SUFFIXES)))
        return
    base = file_path.parent.resolve()
    target = (base / gambar).resolve()
    top = base.parent.parent  # content/innovations/<provinsi>/ → content/
    if not target.is_relative_to(top):
        f.error(loc, "gambar harus berada di dalam folder konten")
    elif not target.is_file():
        f.error(loc, f"file gambar {gambar!r} tidak ditemukan (dicari relatif terhadap folder entri)")


def _dates(entry: Entry):
    t = entry.tanggal
    for name in ("mulai", "penerapan", "berhenti"):
        day = getattr(t, name)
        if day:
            yield ("tanggal", name), day
    yield ("diperbarui",), entry.diperbarui
    for index, item in enumerate(entry.hasil):
        for side in ("sebelum", "sesudah"):
            value = getattr(item, side)
            if value and value.tanggal:
                yield ("hasil", index, side, "tanggal"), value.tanggal


def _years(entry: Entry):
    for name in ("evaluasi", "replikasi_oleh", "penghargaan"):
        for index, item in enumerate(getattr(entry, name)):
            yield (name, index, "tahun"), item.tahun
    if entry.keberlanjutan:
        for index, item in enumerate(entry.keberlanjutan.dasar_hukum):
            yield ("keberlanjutan", "dasar_hukum", index, "tahun"), item.tahun


# --- what the values hold, before the model reads them ---------------------------------------

# A front matter that is all ASCII holds no hidden character but as an escape (a backslash), a
# raw control character (YAML itself refuses most), or a line break or tab inside a value (a
# block scalar, or a blank line in a plain one): most files skip the walk over their values.
_ASCII_HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f\t]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _may_hide_characters(front: str) -> bool:
    """Cheap tests first (all in C): non-ASCII text, then plain substring searches."""
    return (not front.isascii() or _ASCII_HIDDEN.search(front) is not None or "\\" in front or "|" in front
            or ">" in front or _BLANK_LINE.search(front) is not None)


BLOCK_TEXT_KEYS = frozenset({"ringkasan", "masalah", "uraian", "keterangan", "kebutuhan"})
"""Long texts, where line breaks and tabs are part of the writing."""
NAME_KEYS = frozenset({"judul", "nama", "unit", "kabupaten_kota", "jabatan", "instansi", "indikator", "satuan",
                       "kata_kunci"})
"""Titles and names, shown in lists and links and compared with other names: no character that
shows nothing (`text.hidden_character` with `NAME`)."""


def _number_paths(model: Any = Entry, prefix: tuple[str, ...] = ()) -> tuple[tuple[str, ...], ...]:
    """Where the model holds a decimal number (where `1.250` would be read as 1.25), as key paths;
    "[]" stands for every item of a list: `("hasil", "[]", "sebelum", "nilai")`."""
    paths: list[tuple[str, ...]] = []
    for name, info in model.model_fields.items():
        inner = _inner_model(info.annotation)
        if inner is not None:
            many = "list[" in repr(info.annotation)
            paths += _number_paths(inner, (*prefix, name, *(("[]",) if many else ())))
        elif "float" in repr(info.annotation):
            paths.append((*prefix, name))
    return tuple(paths)


NUMBER_PATHS = _number_paths()


def _numbers_at(value: Any, path: tuple[str, ...], loc: Loc = ()):
    """(loc, value) of what the data holds at `path` (a few dictionary lookups per entry)."""
    if not path:
        yield loc, value
    elif path[0] == "[]":
        if isinstance(value, list):
            for index, item in enumerate(value):
                yield from _numbers_at(item, path[1:], (*loc, index))
    elif isinstance(value, dict) and path[0] in value:
        yield from _numbers_at(value[path[0]], path[1:], (*loc, path[0]))


def _walk(value: Any, loc: Loc):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    else:
        yield loc, value


def _placeholder_message(text: str, key: str) -> str:
    if placeholders.is_example(text, key):
        return (f"masih berisi contoh dari petunjuk lencana {quoted(text)}, yang tidak dihitung sebagai bukti: "
                "ganti dengan data instansi Anda sendiri (alamat dokumen, nomor atau nama yang sebenarnya)")
    return f"masih berisi teks contoh {quoted(text)}: ganti dengan isian Anda sendiri"


def check_values(parsed: Parsed) -> list[Diagnostic]:
    """Hidden characters, numbers written the Indonesian way, and placeholder text, each at its
    line: things the model cannot see once YAML has read the value."""
    data, front = parsed.data or {}, parsed.front
    f = _Findings(parsed)
    draft = data.get("draf") is True
    characters = _may_hide_characters(front)
    filler = (placeholders.MARKER in front or "ganti-" in front or "belum diisi" in front
              or placeholders.may_hold_example(front))
    left: list[str] = []
    for path in NUMBER_PATHS:
        for loc, value in _numbers_at(data, path):
            if type(value) is SourceFloat and numbers.THOUSANDS_DOT.fullmatch(value.source_text):
                f.error(loc, numbers.thousands_dot_message(value.source_text, float(value)))
    if characters or filler:
        for loc, value in _walk(data, ()):
            key = next((part for part in reversed(loc) if isinstance(part, str)), "")
            if isinstance(value, str):
                if characters:
                    where = NAME if key in NAME_KEYS else BLOCK if key in BLOCK_TEXT_KEYS else LINE
                    if (found := hidden_character(value, where)) is not None:
                        f.error(loc, f"teks ini memuat {character_name(found)} yang tidak boleh ada di "
                                     "sini; hapus karakter tersebut")
                if filler and (text := placeholders.in_value(value, key)) is not None:
                    if draft:
                        left.append(f"{field_path(loc)} (baris {parsed.position(loc)[0]})")
                    else:
                        f.error(loc, _placeholder_message(text, key))
    body_left = placeholders.in_body(parsed.body) if any(t in parsed.body for t in placeholders.BODY_TEXTS) else []
    for offset, text in body_left:
        line = parsed.body_line + offset
        if draft:
            left.append(f"isi (baris {line})")
        else:
            f.items.append(Diagnostic(parsed.path, line, 1, ERROR, "",
                                      f"isi entri masih berisi teks contoh {quoted(text)}: ganti dengan cerita "
                                      "inovasi Anda sendiri"))
    _hidden_in_body(parsed, f)
    # The body as the build will render it, with the build's own limits (size, nesting, elements)
    # and privacy rules (no off-site images, players only from the allow-list): an entry that
    # validates always renders in bounded time, as written.
    for line, message in body_problems(parsed.body):
        f.items.append(Diagnostic(parsed.path, parsed.body_line + line - 1, 1, ERROR, "", message))
    if left:
        f.items.append(Diagnostic(parsed.path, 1, 1, WARNING, "",
                                  "draf ini masih berisi teks contoh yang harus diganti sebelum `draf: true` dihapus: "
                                  + ", ".join(left)))
    return f.items


MAX_HIDDEN_REPORTED = 10
"""Hidden characters of one body reported one by one; the rest are counted in one more message."""


def _hidden_in_body(parsed: Parsed, f: _Findings) -> None:
    """Bidirectional controls, zero-width characters, ESC and other hidden characters in the
    body, each at its line and column (a reviewer reading the diff does not see them)."""
    body = parsed.body
    if not may_hide_in_block(body):
        return
    found = list(hidden_characters(body))
    for offset, char in found[:MAX_HIDDEN_REPORTED]:
        line = body.count("\n", 0, offset)
        col = offset - (body.rfind("\n", 0, offset) + 1) + 1
        f.items.append(Diagnostic(parsed.path, parsed.body_line + line, col, ERROR, "",
                                  f"isi entri memuat {character_name(char)} yang tidak terlihat di layar; "
                                  "hapus karakter tersebut"))
    if len(found) > MAX_HIDDEN_REPORTED:
        offset = found[MAX_HIDDEN_REPORTED][0]
        f.items.append(Diagnostic(parsed.path, parsed.body_line + body.count("\n", 0, offset), 1, ERROR, "",
                                  f"… dan {len(found) - MAX_HIDDEN_REPORTED} karakter tersembunyi lainnya di isi "
                                  "entri."))


# --- one file, start to end ------------------------------------------------------------------


def check_id(entry_id: str, parsed: Parsed) -> list[Diagnostic]:
    if _ID.match(entry_id) and len(entry_id) <= 100:
        return []
    return [Diagnostic(parsed.path, 1, 1, ERROR, "",
                       f"nama file {entry_id!r} tidak sah sebagai id: gunakan huruf kecil, angka dan tanda hubung "
                       "(misalnya 'tulungagung-adminduk-keliling.md')")]


def validate_parsed(parsed: Parsed, entry_id: str, today: date, file_path: Path | None = None
                    ) -> tuple[Entry | None, list[Diagnostic]]:
    """The entry (None when invalid) and every diagnostic of this file on its own."""
    diags = list(parsed.diagnostics) + check_id(entry_id, parsed)
    if parsed.data is None:
        return None, diags
    values = check_values(parsed)
    diags += values
    try:
        entry = Entry.model_validate(parsed.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        if not _numbers_as_written(parsed.data, errors):
            return None, diags + model_diagnostics(parsed, errors)
        try:
            entry = Entry.model_validate(parsed.data)
        except ValidationError as again:
            return None, diags + model_diagnostics(parsed, again.errors(include_url=False))
    # A value already refused for how it is written (`1.250`) is not judged again by what YAML read.
    refused = {d.field for d in values if d.is_error}
    diags += [d for d in check_rules(entry, parsed, today, file_path) if d.field not in refused]
    if any(d.is_error for d in diags):
        return None, diags
    return entry, diags
