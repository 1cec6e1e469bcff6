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
from .diagnostics import ERROR, WARNING, Diagnostic
from .loader import read_file
from .model import Entry
from .placeholders import BODY
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
    folder = root / data["wilayah"]["provinsi"]
    path = folder / f"{entry_id}.md"
    if path.exists():
        raise ScaffoldError(f"{path} sudah ada; pilih id lain dengan --id")
    text = render(data, body)
    errors = [d for d in draft_problems(text, path, entry_id, today) if d.is_error]
    if errors:
        raise ScaffoldError("isian belum valid:\n" + "\n".join(f"  {d.field}: {d.message}" for d in errors))
    folder.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:  # "x": fail rather than overwrite
        f.write(text)
    return path


def draft_problems(text: str, path: Path, entry_id: str, today: date) -> list[Diagnostic]:
    """Every diagnostic of a draft's text as validation sees it at `path` (the entry alone)."""
    from .loader import parse_text
    from .validation import validate_parsed

    entry, diags = validate_parsed(parse_text(text, str(path)), entry_id, today)
    if entry is None and not any(d.is_error for d in diags):
        diags.append(Diagnostic(str(path), 1, 1, ERROR, "", "draf tidak dapat dibaca sebagai entri"))
    return diags


def from_issue(root: Path, text: str, display: str, today: date) -> tuple[Path | None, list[Diagnostic]]:
    """`katalog new --dari-isu`: the draft entry from the body of an issue opened with the
    *Usulkan inovasi* form, written where `katalog new` writes (the province's folder, the id
    from the title, `draf: true`). Returns the path (None when nothing was written) and the
    diagnostics, each naming the form's label and the body's line."""
    from . import intake as reader

    found = reader.read_issue(text, display, today)
    if not found.ok:
        return None, sorted(found.diagnostics, key=lambda d: (d.line, d.severity != ERROR))
    data = found.data
    entry_id = unique_id(slugify(data["judul"]), existing_ids(root))
    path = root / data["wilayah"]["provinsi"] / f"{entry_id}.md"
    draft = render(data, found.body or BODY)
    front_lines = draft.count("\n", 0, draft.index("\n---\n", 4) + 1) + 1
    diags = list(found.diagnostics)
    for d in draft_problems(draft, path, entry_id, today):
        if not found.body and not d.is_error and not d.field and "teks contoh" in d.message:
            diags.append(Diagnostic(display, found.answer_lines.get("cerita", 1), 1, WARNING,
                                    reader.BY_ID["cerita"].label, "belum diisi; draf memuat judul-judul bagian cerita "
                                    "yang perlu dilengkapi sebelum terbit"))
            continue
        if d.line > front_lines:
            label, line = reader.BY_ID["cerita"].label, found.answer_lines.get("cerita", 1)
            message = d.message
        else:
            label, line, message = found.explain(d.field, d.message)
        diags.append(Diagnostic(display, line, 1, d.severity, label, message))
    diags.sort(key=lambda d: (d.line, d.severity != ERROR))
    if any(d.is_error for d in diags):
        return None, diags
    written = write_entry(root, data, found.body or BODY, entry_id, today)
    return written, diags


def create(root: Path, request: NewEntry, today: date, answers: dict[str, Any] | None = None) -> Path:
    """A new draft; `answers` replaces keys of the front matter (`status`, `tanggal` from the
    interview)."""
    base = request.id or slugify(request.judul)
    entry_id = request.id or unique_id(base, existing_ids(root))
    data = front_matter(request, today)
    data.update(answers or {})
    return write_entry(root, data, BODY, entry_id, today)


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
        choices: dict[str, str] | None = None, check: Callable[[str], str | None] | None = None,
        many: bool = False, optional: bool = False) -> str:
    """Ask until the answer is acceptable; choices may be answered by number or slug (with
    `many`, several separated by commas, given back joined by commas). `optional`: Enter leaves
    the answer empty."""
    if choices:
        listed = list(choices)
        for number, slug in enumerate(listed, 1):
            out(f"  {number:>2}. {slug} — {choices[slug]}")
    while True:
        shown = f" [{default}]" if default else (" [Enter: lewati]" if optional else "")
        answer = prompt(f"{question}{shown}: ").strip()
        if not answer and default is not None:
            answer = default
        if not answer and optional:
            return ""
        if choices:
            picked, wrong = [], None
            for piece in ([p.strip() for p in answer.replace(" ", ",").split(",") if p.strip()] if many else [answer]):
                if piece.isdigit() and 1 <= int(piece) <= len(listed):
                    piece = listed[int(piece) - 1]
                if piece not in choices:
                    wrong = piece
                    break
                picked.append(piece)
            if wrong is not None or not picked:
                from .model import suggest

                hint = suggest(wrong, tuple(listed)) if wrong else None
                out(f"  '{wrong or answer}' bukan pilihan" + (f" (maksud Anda '{hint}'?)" if hint else "")
                    + "; jawab dengan nomor atau nama pilihan" + (", beberapa dipisah koma" if many else "") + ".")
                continue
            answer = ",".join(dict.fromkeys(picked))
        problem = check(answer) if check else (None if answer else "wajib diisi")
        if problem:
            out(f"  {problem}")
            continue
        return answer


def _length(low: int, high: int) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if len(answer) < low:
            return f"minimal {low} karakter (sekarang {len(answer)})"
        if len(answer) > high:
            return f"maksimal {high} karakter (sekarang {len(answer)})"
        return None

    return check


def _date(today: date, after: date | None = None, what: str = "") -> Callable[[str], str | None]:
    from .intake import read_date

    def check(answer: str) -> str | None:
        day = read_date(answer)
        if day is None:
            return f"'{answer}' bukan tanggal; tulis misalnya 2024-03-01, 1-3-2024 atau 1 Maret 2024"
        if day > today:
            return f"{day.isoformat()} belum terjadi; tanggal tidak boleh di masa depan"
        if after is not None and day < after:
            return f"{day.isoformat()} sebelum {what} ({after.isoformat()})"
        return None

    return check


def _kode(provinsi: str) -> Callable[[str], str | None]:
    from .model import KODE_PATTERN

    def check(answer: str) -> str | None:
        if not re.fullmatch(KODE_PATTERN, answer):
            return "kode wilayah Kemendagri ditulis NN, NN.NN, NN.NN.NN atau NN.NN.NN.NNNN (misalnya 35.04)"
        prefix = v.KODE_PROVINSI.get(provinsi)
        if prefix is None:
            return "instansi nasional tidak memakai kode wilayah; tekan Enter untuk melewati"
        if not answer.startswith(prefix):
            return f"kode wilayah {v.PROVINSI[provinsi]} diawali {prefix}"
        return None

    return check


def interview(prompt: Callable[[str], str], out: Callable[[str], None], today: date | None = None
              ) -> tuple[NewEntry, dict[str, Any]]:
    """Every required field, asked one by one and checked as it is answered. Returns the request
    and the dates `katalog new` writes as given (penerapan, berhenti) and the status."""
    from .intake import read_date

    today = today or date.today()
    out("Entri baru Katalog Inovasi. Jawab setiap pertanyaan lalu tekan Enter; nilai dalam [kurung] dipakai bila "
        "Anda langsung menekan Enter. Pilihan boleh dijawab dengan nomornya.")
    judul = ask(prompt, out, "Judul inovasi", check=_length(5, 160))
    instansi = ask(prompt, out, "Nama instansi", check=_length(3, 200))
    jenis_instansi = ask(prompt, out, "Jenis instansi", choices=v.JENIS_INSTANSI)
    provinsi = ask(prompt, out, "Provinsi (slug atau nomor)", choices=v.PROVINSI)
    kabupaten_kota = None
    if jenis_instansi in ("pemkab", "pemkot"):
        kabupaten_kota = ask(prompt, out, "Kabupaten/kota", check=_length(3, 100))
    kode = None
    if provinsi in v.KODE_PROVINSI:
        kode = ask(prompt, out, "Kode wilayah Kemendagri (misalnya 35.04)", optional=True, check=_kode(provinsi)) or None
    urusan = ask(prompt, out, "Urusan pemerintahan (nomor atau nama, beberapa dipisah koma)", choices=v.URUSAN,
                 many=True)
    tahapan = ask(prompt, out, "Tahapan", choices=v.TAHAPAN)
    mulai = read_date(ask(prompt, out, "Tanggal mulai", check=_date(today)))
    tanggal: dict[str, Any] = {"mulai": mulai.isoformat()}
    if tahapan == "penerapan":
        tanggal["penerapan"] = read_date(ask(prompt, out, "Tanggal mulai diterapkan",
                                             check=_date(today, mulai, "tanggal mulai"))).isoformat()
    status = ask(prompt, out, "Status", choices=v.STATUS, default="aktif")
    if status == "berhenti":
        last = date.fromisoformat(tanggal.get("penerapan", tanggal["mulai"]))
        tanggal["berhenti"] = read_date(ask(prompt, out, "Tanggal berhenti",
                                            check=_date(today, last, "tanggal sebelumnya"))).isoformat()
    jenis = ask(prompt, out, "Jenis inovasi", choices=v.JENIS)
    bentuk = ask(prompt, out, "Bentuk inovasi", choices=v.BENTUK)
    ringkasan = ask(prompt, out, "Ringkasan satu paragraf (20–600 karakter)", check=_length(20, 600))
    masalah = ask(prompt, out, "Masalah publik yang diselesaikan (minimal 20 karakter)", check=_length(20, 3000))
    request = NewEntry(judul=judul, instansi=instansi, jenis_instansi=jenis_instansi, provinsi=provinsi,
                       kabupaten_kota=kabupaten_kota, kode=kode, urusan=urusan.split(","), ringkasan=ringkasan,
                       masalah=masalah, tahapan=tahapan, jenis=jenis, bentuk=bentuk, mulai=mulai)
    return request, {"status": status, "tanggal": tanggal}
