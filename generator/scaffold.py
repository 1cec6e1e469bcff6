"""Starting entries: `katalog new` (a blank draft) and `katalog replicate` (a draft that copies a
proven innovation). Both write a draft that validates, so an author starts from green.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import yaml

from . import vocabulary as v
from .loader import read_file
from .model import Entry
from .placeholders import AGENCY, BODY, KEBARUAN_URAIAN, MASALAH, PLACE, PROBLEM, PROVINCE, RINGKASAN


class ScaffoldError(ValueError):
    """The request cannot produce a valid draft (unknown id, bad value…): said in words."""


def slugify(text: str, limit: int = 60) -> str:
    """'Layanan Adminduk Keliling (Tulungagung)' → 'layanan-adminduk-keliling-tulungagung'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0] or slug[:limit]
    return slug or "inovasi"


def unique_id(base: str, taken: Iterable[str]) -> str:
    taken = set(taken)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def existing_ids(root: Path) -> set[str]:
    return {p.stem for p in root.rglob("*.md")} if root.is_dir() else set()


@dataclass
class NewEntry:
    judul: str
    instansi: str
    jenis_instansi: str
    provinsi: str
    kabupaten_kota: str | None = None
    kode: str | None = None
    urusan: list[str] = field(default_factory=lambda: ["lainnya"])
    ringkasan: str = RINGKASAN
    masalah: str = MASALAH
    tahapan: str = "inisiatif"
    jenis: str = "non_digital"
    bentuk: str = "pelayanan_publik"
    mulai: date | None = None
    id: str | None = None


def front_matter(request: NewEntry, today: date) -> dict[str, Any]:
    wilayah: dict[str, Any] = {"provinsi": request.provinsi}
    if request.kabupaten_kota:
        wilayah["kabupaten_kota"] = request.kabupaten_kota
    if request.kode:
        wilayah["kode"] = request.kode
    mulai = request.mulai or today
    tanggal: dict[str, Any] = {"mulai": mulai.isoformat()}
    if request.tahapan == "penerapan":
        tanggal["penerapan"] = mulai.isoformat()
    return {
        "judul": request.judul,
        "ringkasan": request.ringkasan,
        "instansi": {"nama": request.instansi, "jenis": request.jenis_instansi},
        "wilayah": wilayah,
        "tahapan": request.tahapan,
        "status": "aktif",
        "tanggal": tanggal,
        "jenis": request.jenis,
        "bentuk": request.bentuk,
        "urusan": list(request.urusan),
        "masalah": request.masalah,
        "diperbarui": today.isoformat(),
        "draf": True,
    }


def render(data: dict[str, Any], body: str) -> str:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    return f"---\n{text}---\n{body}"


def write_entry(root: Path, data: dict[str, Any], body: str, entry_id: str, today: date) -> Path:
    """Write the draft after checking it validates; never overwrite an existing file."""
    from .validation import validate_parsed

    folder = root / data["wilayah"]["provinsi"]
    path = folder / f"{entry_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path} sudah ada; pilih id lain dengan --id")
    text = render(data, body)
    from .loader import parse_text

    entry, diags = validate_parsed(parse_text(text, str(path)), entry_id, today)
    errors = [d for d in diags if d.is_error]
    if entry is None or errors:
        raise ScaffoldError("isian belum valid:\n" + "\n".join(f"  {d.field}: {d.message}" for d in errors))
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": fail rather than overwrite
        f.write(text)
    return path


def create(root: Path, request: NewEntry, today: date) -> Path:
    base = request.id or slugify(request.judul)
    entry_id = request.id or unique_id(base, existing_ids(root))
    return write_entry(root, front_matter(request, today), BODY, entry_id, today)


def replicate(root: Path, source_id: str, *, instansi: str, jenis_instansi: str, provinsi: str,
              kabupaten_kota: str | None, kode: str | None, today: date, entry_id: str | None = None) -> Path:
    """A draft that replicates `source_id`: `replikasi_dari` set, reusable fields copied."""
    matches = sorted(root.rglob(f"{source_id}.md")) if root.is_dir() else []
    if not matches:
        known = sorted(existing_ids(root))
        from difflib import get_close_matches

        hint = get_close_matches(source_id, known, n=1)
        maybe = f" (maksud Anda '{hint[0]}'?)" if hint else ""
        raise ScaffoldError(f"inovasi '{source_id}' tidak ada di {root}{maybe}")
    parsed = read_file(matches[0])
    if parsed.data is None:
        raise ScaffoldError(f"{matches[0]} belum valid; perbaiki dulu dengan `katalog validate`")
    try:
        source = Entry.model_validate(parsed.data)
    except Exception:  # noqa: BLE001 — any model error means the source is not usable
        raise ScaffoldError(f"{matches[0]} belum valid; perbaiki dulu dengan `katalog validate`") from None
    data, body = replication_draft(source, source_id, parsed.body, instansi=instansi, jenis_instansi=jenis_instansi,
                                   provinsi=provinsi, kabupaten_kota=kabupaten_kota, kode=kode, today=today)
    base = entry_id or unique_id(slugify(f"{source_id}-{kabupaten_kota or instansi}"), existing_ids(root))
    return write_entry(root, data, body, base, today)


REUSABLE = ("area_perubahan", "nilai_berakhlak", "sdgs", "kata_kunci")
"""List fields a replication copies from its origin as they are (urusan, jenis and bentuk too)."""


def replication_draft(source: Entry, source_id: str, source_body: str, *, instansi: str, jenis_instansi: str,
                      provinsi: str, kabupaten_kota: str | None, kode: str | None,
                      today: date) -> tuple[dict[str, Any], str]:
    """The front matter and body of a draft replicating `source_id` (`katalog replicate`, and
    the prefilled new-file link on entry pages).

    Only what is reusable is copied: the classification (urusan, bentuk, jenis, area_perubahan,
    nilai_berakhlak, sdgs, kata_kunci), the link to the origin and its replication guide. The
    summary, the problem, what is new and the story must be the replicating agency's own, so
    they start as the placeholders of `placeholders` (validation names each one still there:
    a warning in a draft, an error once published). `source_body` is not copied; it is kept as
    a parameter for callers that pass it."""
    del source_body
    request = NewEntry(
        judul=f"{source.judul} — replikasi {kabupaten_kota or instansi}"[:160], instansi=instansi,
        jenis_instansi=jenis_instansi, provinsi=provinsi, kabupaten_kota=kabupaten_kota, kode=kode,
        urusan=list(source.urusan), ringkasan=RINGKASAN, masalah=MASALAH, jenis=source.jenis,
        bentuk=source.bentuk,
    )
    data = front_matter(request, today)
    data["kebaruan"] = {"jenis": "modifikasi", "uraian": KEBARUAN_URAIAN}
    data["replikasi_dari"] = [{"inovasi": source_id}]
    for key in REUSABLE:
        value = getattr(source, key)
        if value:
            data[key] = list(value)
    guide = source.panduan_replikasi
    if guide is not None:
        data["panduan_replikasi"] = guide.model_dump(mode="json", exclude_none=True)
    body = (f"> Direplikasi dari [{source.judul}](../{source_id}/) — {source.instansi.nama}. Tuliskan kisah "
            "replikasi di daerah Anda dengan kata-kata sendiri.\n\n" + BODY)
    return data, body


def replication_template(source: Entry, source_id: str, today: date) -> tuple[str, str]:
    """(file name below content/innovations/, text) of a replication draft to open on the forge
    from an entry page. The agency, province and problem are placeholders the author replaces
    (the validator names each until it is replaced); the body is the section template, so that
    the link stays a few kilobytes long.

    Written with `render_quoted`: tens of thousands of entry pages carry one, and PyYAML's
    dumper (160 µs even in C) would cost seconds per build."""
    data, _ = replication_draft(source, source_id, "", instansi=AGENCY, jenis_instansi="pemkab",
                                provinsi=PROVINCE, kabupaten_kota=PLACE, kode=None, today=today)
    data["judul"] = f"{source.judul} — replikasi"[:160]
    data["masalah"] = PROBLEM
    body = f"> Direplikasi dari {source.judul} — {source.instansi.nama}.\n\n{BODY}"
    return f"{PROVINCE}/{source_id}-replikasi.md", f"---\n{render_quoted(data)}---\n{body}"


def render_quoted(data: dict[str, Any], indent: str = "") -> str:
    """YAML block mappings and sequences whose strings are JSON strings: valid YAML (JSON
    strings are YAML double-quoted scalars), safe for any text, and fast."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:\n" + render_quoted(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = render_quoted(item, indent + "    ")
                    lines.append(f"{indent}  - {inner[len(indent) + 4:]}".rstrip("\n"))
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return orjson.dumps(str(value)).decode()


# --- interactive prompts ---------------------------------------------------------------------


def ask(prompt: Callable[[str], str], out: Callable[[str], None], question: str, *, default: str | None = None,
        choices: dict[str, str] | None = None, check: Callable[[str], str | None] | None = None) -> str:
    """Ask until the answer is acceptable; choices may be answered by number or slug."""
    if choices:
        listed = list(choices)
        for number, slug in enumerate(listed, 1):
            out(f"  {number:>2}. {slug} — {choices[slug]}")
    while True:
        shown = f" [{default}]" if default else ""
        answer = prompt(f"{question}{shown}: ").strip()
        if not answer and default is not None:
            answer = default
        if choices:
            if answer.isdigit() and 1 <= int(answer) <= len(listed):
                answer = listed[int(answer) - 1]
            if answer not in choices:
                from .model import suggest

                hint = suggest(answer, tuple(listed)) if answer else None
                out(f"  '{answer}' bukan pilihan" + (f" (maksud Anda '{hint}'?)" if hint else "") + ".")
                continue
        problem = check(answer) if check else (None if answer else "wajib diisi")
        if problem:
            out(f"  {problem}")
            continue
        return answer


def interview(prompt: Callable[[str], str], out: Callable[[str], None]) -> NewEntry:
    def length(low: int, high: int) -> Callable[[str], str | None]:
        def check(answer: str) -> str | None:
            if len(answer) < low:
                return f"minimal {low} karakter (sekarang {len(answer)})"
            if len(answer) > high:
                return f"maksimal {high} karakter (sekarang {len(answer)})"
            return None

        return check

    out("Entri baru Katalog Inovasi. Tekan Enter untuk memakai nilai dalam [kurung].")
    judul = ask(prompt, out, "Judul inovasi", check=length(5, 160))
    instansi = ask(prompt, out, "Nama instansi", check=length(3, 200))
    jenis_instansi = ask(prompt, out, "Jenis instansi", choices=v.JENIS_INSTANSI)
    provinsi = ask(prompt, out, "Provinsi (slug atau nomor)", choices=v.PROVINSI)
    kabupaten_kota = None
    if jenis_instansi in ("pemkab", "pemkot"):
        kabupaten_kota = ask(prompt, out, "Kabupaten/kota", check=length(3, 100))
    urusan = ask(prompt, out, "Urusan pemerintahan utama", choices=v.URUSAN, default="lainnya")
    ringkasan = ask(prompt, out, "Ringkasan satu paragraf", default=RINGKASAN, check=length(20, 600))
    return NewEntry(judul=judul, instansi=instansi, jenis_instansi=jenis_instansi, provinsi=provinsi,
                    kabupaten_kota=kabupaten_kota, urusan=[urusan], ringkasan=ringkasan)
