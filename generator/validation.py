"""Validation of one entry: the model's verdict in the authors' words, then the rules that span
several fields. Cross-entry rules (unique ids, replication links) live in `catalogue.py`.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import vocabulary as v
from .criteria import needs_reverification
from .diagnostics import ERROR, WARNING, Diagnostic, field_path
from .loader import Loc, Parsed
from .model import ID_PATTERN, MAX_ENUM_LISTED, PATTERN_MESSAGES, VOCABULARY_OF, Entry, _show, suggest
from .pages.html import truncate

_ID = re.compile(ID_PATTERN)
WHOLE_NUMBER_BASES = ("penerima", "produk", "tren")  # people, products, periods are counted
PLACEHOLDER = "GANTI"
"""How the replication draft offered on entry pages (`scaffold.replication_template`) marks the
text its author must replace; a published entry may not keep it."""
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg", ".avif"}


# --- the model's errors, translated -----------------------------------------------------------


def _model_at(loc: Loc) -> type[BaseModel] | None:
    """The model class that holds the key at the end of `loc` (for "did you mean" on keys)."""
    model: Any = Entry
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


def _unquote_hint(value: Any) -> str:
    if isinstance(value, str) and re.fullmatch(r"[-+]?\d+(?:[.,]\d+)?", value.strip()):
        return " (hapus tanda kutipnya)" if "," not in value else " (pakai titik sebagai tanda desimal)"
    return ""


def _message(error: dict[str, Any]) -> str:
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    loc = error["loc"]
    if kind == "missing":
        return "wajib diisi"
    if value is None and kind.endswith(("_type", "_error")) and kind != "literal_error":
        return "wajib diisi, tetapi nilainya kosong"
    if kind == "literal_error" and value is None:
        return "wajib diisi, tetapi nilainya kosong; " + _choice_message("", ctx.get("expected", "")).split(", bukan")[0]
    if kind == "extra_forbidden":
        key = str(loc[-1])
        model = _model_at(loc)
        message = f"kunci '{key}' tidak dikenal"
        if model is not None:
            hint = suggest(key, tuple(model.model_fields))
            if hint:
                message += f" (maksud Anda '{hint}'?)"
            else:
                message += "; kunci yang boleh: " + ", ".join(model.model_fields)
        return message
    if kind in ("string_too_short", "too_short"):
        size = _length(value) or 0
        if size == 0:
            return "tidak boleh kosong"
        noun = _length_noun(value)
        return f"terlalu pendek: minimal {ctx.get('min_length')} {noun}, sekarang {size}"
    if kind in ("string_too_long", "too_long"):
        noun = _length_noun(value)
        size = _length(value)
        return f"terlalu panjang: maksimal {ctx.get('max_length')} {noun}, sekarang {'?' if size is None else size}"
    if kind == "string_type":
        return f"harus berupa teks, bukan {_show(value)}"
    if kind == "literal_error":
        return _choice_message(value, ctx.get("expected", ""))
    if kind == "string_pattern_mismatch":
        what = PATTERN_MESSAGES.get(ctx.get("pattern", ""), "bentuknya tidak sah")
        return f"{what}, bukan {_show(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"harus berupa bilangan bulat, bukan {_show(value)}" + _unquote_hint(value)
    if kind in ("float_type", "float_parsing", "finite_number"):
        return f"harus berupa angka (misalnya 12 atau 12.5), bukan {_show(value)}" + _unquote_hint(value)
    if kind in ("bool_type", "bool_parsing"):
        return f"harus true atau false, bukan {_show(value)}"
    if kind in ("list_type", "tuple_type"):
        return f"harus berupa daftar (setiap butir diawali '- '), bukan {_show(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"harus berupa kelompok 'kunci: nilai' yang menjorok ke dalam, bukan {_show(value)}"
    if kind == "greater_than_equal":
        if loc and loc[-1] == "tahun" or isinstance(value, int) and ctx.get("ge") == 1945:
            return f"tahun harus antara 1945 dan 2100, bukan {_show(value)}"
        return f"harus ≥ {_num(ctx.get('ge'))}, bukan {_show(value)}"
    if kind == "less_than_equal":
        return f"harus ≤ {_num(ctx.get('le'))}, bukan {_show(value)}"
    if "pesan" in ctx:
        return str(ctx["pesan"])
    return str(error.get("msg", kind))


_QUOTED = re.compile(r"'([^']*)'")


def _choice_message(value: Any, expected: str) -> str:
    options = tuple(_QUOTED.findall(expected))
    name = VOCABULARY_OF.get(frozenset(options), "")
    if not isinstance(value, str):
        return f"harus berupa salah satu pilihan {name}, bukan {_show(value)}".replace("  ", " ")
    hint = suggest(value, options)
    maybe = f" (maksud Anda {hint!r}?)" if hint else ""
    if len(options) <= MAX_ENUM_LISTED or not name:
        allowed = " | ".join(repr(o) for o in options)
        return f"harus salah satu dari {allowed}, bukan {_show(value)}{maybe}"
    return f"{_show(value)} bukan pilihan {name} yang dikenal{maybe}; daftar lengkapnya: `katalog kosakata {name}`"


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


def _misspelt(errors: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """Required keys reported missing only because they were misspelt: `instansi.jnis` is one
    mistake, reported once, at the unknown key that says "maksud Anda 'jenis'?"."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    covered = set()
    for error in errors:
        if error["type"] == "extra_forbidden":
            loc = tuple(error["loc"])
            model = _model_at(loc)
            hint = suggest(str(loc[-1]), tuple(model.model_fields)) if model is not None else None
            if hint and (*loc[:-1], hint) in missing:
                covered.add((*loc[:-1], hint))
    return covered


def model_diagnostics(parsed: Parsed, errors: list[dict[str, Any]]) -> list[Diagnostic]:
    out = []
    covered = _misspelt(errors)
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
        out.append(Diagnostic(parsed.path, line, col, ERROR, field_path(loc), _message(error)))
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


def check_rules(entry: Entry, parsed: Parsed, today: date, file_path: Path | None = None) -> list[Diagnostic]:
    """Rules that involve several fields of one entry, each reported at the key to change."""
    f = _Findings(parsed)
    t = entry.tanggal

    if entry.tahapan == "penerapan" and t.penerapan is None:
        f.error(("tanggal",), "tahapan 'penerapan' memerlukan tanggal.penerapan", key=True)
    if entry.status == "berhenti" and t.berhenti is None:
        f.error(("tanggal",), "status 'berhenti' memerlukan tanggal.berhenti", key=True)
    if entry.status == "aktif" and t.berhenti is not None:
        f.error(("tanggal", "berhenti"), "inovasi berstatus 'aktif' tidak boleh punya tanggal berhenti")
    if t.penerapan and t.penerapan < t.mulai:
        f.error(("tanggal", "penerapan"), f"tanggal penerapan ({_d(t.penerapan)}) sebelum tanggal mulai ({_d(t.mulai)})")
    if t.berhenti and t.berhenti < (t.penerapan or t.mulai):
        earlier = "penerapan" if t.penerapan else "mulai"
        f.error(("tanggal", "berhenti"),
                f"tanggal berhenti ({_d(t.berhenti)}) sebelum tanggal {earlier} ({_d(t.penerapan or t.mulai)})")

    for loc, day in _dates(entry):
        if day > today:
            f.error(loc, f"tanggal {_d(day)} ada di masa depan (hari ini {_d(today)})")
    for loc, year in _years(entry):
        if year > today.year:
            f.error(loc, f"tahun {year} ada di masa depan")

    w = entry.wilayah
    if entry.instansi.jenis in ("pemkab", "pemkot") and not w.kabupaten_kota:
        f.error(("wilayah",), f"instansi {entry.instansi.jenis} memerlukan wilayah.kabupaten_kota", key=True)
    if w.kode:
        if w.provinsi == "nasional":
            f.error(("wilayah", "kode"), "instansi nasional tidak memakai kode wilayah; hapus kunci ini")
        elif not w.kode.startswith(v.KODE_PROVINSI[w.provinsi]):
            f.error(("wilayah", "kode"),
                    f"kode {w.kode!r} bukan wilayah {v.PROVINSI[w.provinsi]}: kode provinsi ini diawali "
                    f"{v.KODE_PROVINSI[w.provinsi]!r}")

    if entry.kebaruan and entry.kebaruan.jenis == "modifikasi" and not entry.replikasi_dari:
        f.error(("kebaruan", "jenis"),
                "kebaruan 'modifikasi' memerlukan replikasi_dari: sebutkan inovasi asal yang dimodifikasi")
    panduan = entry.panduan_replikasi
    if panduan and panduan.bentuk != "cetak" and not panduan.tautan:
        f.error(("panduan_replikasi",), f"panduan berbentuk '{panduan.bentuk}' memerlukan tautan", key=True)

    for index, item in enumerate(entry.hasil):
        before, after = item.sebelum, item.sesudah
        if before and after and before.tanggal and after.tanggal and after.tanggal <= before.tanggal:
            f.error(("hasil", index, "sesudah", "tanggal"),
                    f"pengukuran sesudah ({_d(after.tanggal)}) harus setelah pengukuran sebelum ({_d(before.tanggal)})")

    for name in ("urusan", "area_perubahan", "nilai_berakhlak", "sdgs"):
        seen: set[Any] = set()
        for index, item in enumerate(getattr(entry, name)):
            if item in seen:
                f.error((name, index), f"{item!r} ditulis dua kali")
            seen.add(item)
    seen_years: set[int] = set()
    if entry.keberlanjutan:
        for index, year in enumerate(entry.keberlanjutan.anggaran):
            if year in seen_years:
                f.error(("keberlanjutan", "anggaran", index), f"tahun {year} ditulis dua kali")
            elif year > today.year + 1:  # next year's budget may already be adopted, not later ones
                f.error(("keberlanjutan", "anggaran", index), f"tahun anggaran {year} terlalu jauh di masa depan")
            seen_years.add(year)
    if entry.manfaat and entry.manfaat.dasar in WHOLE_NUMBER_BASES and entry.manfaat.nilai is not None:
        if entry.manfaat.nilai != int(entry.manfaat.nilai):
            f.error(("manfaat", "nilai"), f"manfaat berdasar '{entry.manfaat.dasar}' dihitung dengan bilangan bulat, "
                    f"bukan {entry.manfaat.nilai:g}")

    if entry.gambar and file_path is not None:
        _check_image(entry.gambar, file_path, f)

    placeholders = ((("instansi", "nama"), entry.instansi.nama), (("wilayah", "kabupaten_kota"), w.kabupaten_kota),
                    (("masalah",), entry.masalah))
    for loc, text in placeholders:
        if text and text.startswith(PLACEHOLDER):
            message = f"masih berisi teks contoh {truncate(text, 40)!r}: ganti dengan data instansi Anda"
            if entry.draf:
                f.warning(loc, message)
            else:
                f.error(loc, message)

    if needs_reverification(entry.diperbarui, today):
        f.warning(("diperbarui",),
                  f"data terakhir diverifikasi {_d(entry.diperbarui)}, lebih dari 12 bulan lalu: perlu verifikasi ulang")
    if not parsed.body.strip():
        f.warning((), "isi entri masih kosong: tulis Latar Belakang, Inovasi, Hasil dan Dampak, Cara Mereplikasi")
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
    diags += check_rules(entry, parsed, today, file_path)
    if any(d.is_error for d in diags):
        return None, diags
    return entry, diags
