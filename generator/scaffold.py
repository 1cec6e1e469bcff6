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

from . import reading
from . import vocabulary as v
from .diagnostics import ERROR, Diagnostic
from .drafts import NewEntry, front_matter, render, replication_draft
from .loader import read_file
from .model import Entry
from .placeholders import BODY


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


def from_issue(root: Path, text: str, display: str, today: date) -> tuple[Path | None, Any]:
    """`katalog new --dari-isu`: the entry from the body of an issue opened with the *Usulkan
    inovasi* form, written where `katalog new` writes (the province's folder, the id from the
    title): published when complete, a draft when publication still needs something. Returns the
    path (None when nothing was written) and the reading (`intake.Intake`: every problem by the
    form's labels, what publication needs, the badges)."""
    from . import intake as reader

    found = reader.read_issue(text, display, today)
    if found.data is None:
        return None, found
    taken = existing_ids(root)
    entry_id = unique_id(slugify(found.data.get("judul") or "usulan"), taken)
    reader.check(found, entry_id, today, known_ids=taken)
    if not found.ok:
        return None, found
    return write_entry(root, found.front_matter, found.story, entry_id, today), found


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
    data, body = replication_draft(source, source_id, instansi=instansi, jenis_instansi=jenis_instansi,
                                   provinsi=provinsi, kabupaten_kota=kabupaten_kota, kode=kode, today=today)
    base = entry_id or unique_id(slugify(f"{source_id}-{kabupaten_kota or instansi}"), existing_ids(root))
    return write_entry(root, data, body, base, today)


# --- interactive prompts ---------------------------------------------------------------------


def ask(prompt: Callable[[str], str], out: Callable[[str], None], question: str, *, default: str | None = None,
        choices: dict[str, str] | None = None, check: Callable[[str], str | None] | None = None,
        many: bool = False, optional: bool = False, vocabulary: str | None = None) -> str:
    """Ask until the answer is acceptable. A choice (`vocabulary`, or `choices` for a list of
    one's own) is answered by its number, its slug, its label or another word for it, in any
    case (`reading.choice`, the reader of the issue form too); with `many`, several separated by
    commas, given back joined by commas. `optional`: Enter leaves the answer empty."""
    if vocabulary is not None:
        choices = v.ALL[vocabulary]
    if choices:
        listed = list(choices)
        for number, slug in enumerate(listed, 1):
            out(f"  {number:>2}. {choices[slug]} ({slug})" if v.normal(slug) != v.normal(choices[slug])
                else f"  {number:>2}. {choices[slug]}")
    while True:
        shown = f" [{default}]" if default else (" [Enter: lewati]" if optional else "")
        answer = prompt(f"{question}{shown}: ").strip()
        if not answer and default is not None:
            answer = default
        if not answer and optional:
            return ""
        if choices:
            picked, wrong = _picked(answer, listed, choices, vocabulary, many)
            if wrong is not None or not picked:
                hint = _near(wrong or answer, listed, choices, vocabulary)
                out(f"  '{wrong or answer}' bukan pilihan" + (f" (maksud Anda '{hint}'?)" if hint else "")
                    + "; jawab dengan nomor, nama atau slug pilihan" + (", beberapa dipisah koma" if many else "")
                    + ".")
                continue
            answer = ",".join(dict.fromkeys(picked))
        problem = check(answer) if check else (None if answer else "wajib diisi")
        if problem:
            out(f"  {problem}")
            continue
        return answer


def _one(piece: str, listed: list[str], choices: dict[str, str], vocabulary: str | None) -> str | None:
    """A choice named exactly, by number, slug, label or alias (no guessing)."""
    if piece.isdigit():
        return listed[int(piece) - 1] if 1 <= int(piece) <= len(listed) else None
    if vocabulary is not None:
        return reading.alias(piece, vocabulary)
    wanted = v.normal(piece)
    return next((slug for slug, label in choices.items() if wanted in (v.normal(slug), v.normal(label))), None)


def _picked(answer: str, listed: list[str], choices: dict[str, str], vocabulary: str | None,
            many: bool) -> tuple[list[str], str | None]:
    """The slugs an answer names, and the first piece that names none."""
    if not many:
        slug = _one(answer, listed, choices, vocabulary)
        return ([slug], None) if slug else ([], answer)
    if re.fullmatch(r"[\d\s,;]+", answer):  # numbers: "3 16" or "3, 16"
        pieces = re.split(r"[\s,;]+", answer.strip(" ,;"))
    elif vocabulary is not None:
        numbered = ", ".join(listed[int(p) - 1] if p.strip().isdigit() and 1 <= int(p) <= len(listed) else p
                             for p in answer.split(","))
        slugs, problems = reading.choices(numbered, vocabulary)
        exact = [slug for slug in slugs if slug in choices]
        if problems:
            return exact, problems[0].split("'")[1]
        return exact, None
    else:
        pieces = [p.strip() for p in answer.split(",")]
    picked = []
    for piece in (p for p in pieces if p):
        slug = _one(piece, listed, choices, vocabulary)
        if slug is None:
            return picked, piece
        picked.append(slug)
    return picked, None


def _near(piece: str, listed: list[str], choices: dict[str, str], vocabulary: str | None) -> str | None:
    if vocabulary is not None:
        slug, note = reading.choice(piece, vocabulary)
        return slug if slug is not None and note is not None else None
    from .model import suggest

    return suggest(piece, tuple(listed))


def _length(low: int, high: int) -> Callable[[str], str | None]:
    def check(answer: str) -> str | None:
        if len(answer) < low:
            return f"minimal {low} karakter (sekarang {len(answer)})"
        if len(answer) > high:
            return f"maksimal {high} karakter (sekarang {len(answer)})"
        return None

    return check


def _date(today: date, after: date | None = None, what: str = "") -> Callable[[str], str | None]:
    from .reading import read_date

    def check(answer: str) -> str | None:
        day = read_date(answer)
        if day is None:
            return reading.date_problem(answer, "pertanyaan ini")
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
    from .reading import read_date

    today = today or date.today()
    out("Entri baru Katalog Inovasi. Jawab setiap pertanyaan lalu tekan Enter; nilai dalam [kurung] dipakai bila "
        "Anda langsung menekan Enter. Pilihan boleh dijawab dengan nomornya.")
    judul = ask(prompt, out, "Judul inovasi", check=_length(5, 160))
    instansi = ask(prompt, out, "Nama instansi", check=_length(3, 200))
    jenis_instansi = ask(prompt, out, "Jenis instansi", vocabulary="jenis_instansi")
    provinsi = ask(prompt, out, "Provinsi (nama, slug atau nomor)", vocabulary="provinsi")
    kabupaten_kota = None
    if jenis_instansi in ("pemkab", "pemkot"):
        kabupaten_kota = ask(prompt, out, "Kabupaten/kota", check=_length(3, 100))
    kode = None
    if provinsi in v.KODE_PROVINSI:
        kode = ask(prompt, out, "Kode wilayah Kemendagri (misalnya 35.04)", optional=True, check=_kode(provinsi)) or None
    urusan = ask(prompt, out, "Urusan pemerintahan (nomor atau nama, beberapa dipisah koma)", vocabulary="urusan",
                 many=True)
    tahapan = ask(prompt, out, "Tahapan", vocabulary="tahapan")
    mulai = read_date(ask(prompt, out, "Tanggal mulai", check=_date(today)))
    tanggal: dict[str, Any] = {"mulai": mulai.isoformat()}
    if tahapan == "penerapan":
        tanggal["penerapan"] = read_date(ask(prompt, out, "Tanggal mulai diterapkan",
                                             check=_date(today, mulai, "tanggal mulai"))).isoformat()
    status = ask(prompt, out, "Status", vocabulary="status", default="aktif")
    if status == "berhenti":
        last = date.fromisoformat(tanggal.get("penerapan", tanggal["mulai"]))
        tanggal["berhenti"] = read_date(ask(prompt, out, "Tanggal berhenti",
                                            check=_date(today, last, "tanggal sebelumnya"))).isoformat()
    jenis = ask(prompt, out, "Jenis inovasi", vocabulary="jenis")
    bentuk = ask(prompt, out, "Bentuk inovasi", vocabulary="bentuk")
    ringkasan = ask(prompt, out, "Ringkasan satu paragraf (20–600 karakter)", check=_length(20, 600))
    masalah = ask(prompt, out, "Masalah publik yang diselesaikan (minimal 20 karakter)", check=_length(20, 3000))
    law = ask(prompt, out, "Dasar hukum, bila ada (misalnya Perbup No. 12/2019 atau SK Bupati Nomor 800/12/2021)",
              optional=True, check=_citation(today))
    request = NewEntry(judul=judul, instansi=instansi, jenis_instansi=jenis_instansi, provinsi=provinsi,
                       kabupaten_kota=kabupaten_kota, kode=kode, urusan=urusan.split(","), ringkasan=ringkasan,
                       masalah=masalah, tahapan=tahapan, jenis=jenis, bentuk=bentuk, mulai=mulai)
    answers: dict[str, Any] = {"status": status, "tanggal": tanggal}
    if law:
        cited = reading.read_citation(law)
        item = {"jenis": cited.jenis, "nomor": cited.nomor, "tahun": cited.tahun}
        if cited.judul:
            item["judul"] = cited.judul
        answers["keberlanjutan"] = {"dasar_hukum": [item]}
    return request, answers


def _citation(today: date) -> Callable[[str], str | None]:
    """A legal basis as staff write it, read with the issue form's own reader."""
    def check(answer: str) -> str | None:
        cited = reading.read_citation(answer)
        problem = reading.citation_problem(answer, cited)
        if problem is None and cited is not None and cited.tahun is not None and cited.tahun > today.year:
            return f"tahun {cited.tahun} belum terjadi"
        return problem

    return check


def ask_replication(prompt: Callable[[str], str], out: Callable[[str], None], given: dict[str, str | None]
                    ) -> dict[str, str | None]:
    """What `katalog replicate` still needs that the options did not give: the agency, its kind,
    its province, its regency or city (for a regency or city) and, optionally, the region code."""
    have = dict(given)
    out("Replikasi inovasi. Jawab pertanyaan berikut lalu tekan Enter; pilihan boleh dijawab dengan nomornya.")
    if not have.get("instansi"):
        have["instansi"] = ask(prompt, out, "Nama instansi Anda", check=_length(3, 200))
    if not have.get("jenis_instansi"):
        have["jenis_instansi"] = ask(prompt, out, "Jenis instansi", vocabulary="jenis_instansi")
    if not have.get("provinsi"):
        have["provinsi"] = ask(prompt, out, "Provinsi (nama, slug atau nomor)", vocabulary="provinsi")
    if have["jenis_instansi"] in ("pemkab", "pemkot") and not have.get("kabupaten_kota"):
        have["kabupaten_kota"] = ask(prompt, out, "Kabupaten/kota", check=_length(3, 100))
    if not have.get("kode") and have["provinsi"] in v.KODE_PROVINSI:
        have["kode"] = ask(prompt, out, "Kode wilayah Kemendagri (misalnya 35.04)", optional=True,
                           check=_kode(str(have["provinsi"]))) or None
    return have
