"""Starting entries: `katalog new` (a blank draft) and `katalog replicate` (a draft that copies a
proven innovation). Both write a draft that validates, so an author starts from green.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import frontmatter

from . import vocabulary as v
from .loader import read_file
from .model import Entry
from .placeholders import BODY, RINGKASAN
from .replication import NewEntry, front_matter, replication_draft


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


def render(data: dict[str, Any], body: str) -> str:
    """The draft as a file: python-frontmatter writes it (PyYAML's safe dumper underneath), keys
    in the order the author reads them."""
    post = frontmatter.Post(body.rstrip("\n"), **data)
    return frontmatter.dumps(post, sort_keys=False, allow_unicode=True, width=100) + "\n"


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
