"""`katalog impor BERKAS`: an agency's existing innovations, from a spreadsheet whose columns are
the *Usulkan inovasi* form's labels (`sheets`), into entries. Each row is read exactly as an
issue body is (`intake`): a valid row becomes an entry, published when complete and a draft when
publication still needs something; a row with problems is reported (sheet, row, column label,
every problem in one pass) and nothing is written for it.

Importing again is safe. A row names its entry by its `id` column, else by a stable id from its
title and agency (the entry already imported with that title and agency keeps its id). Each
written file carries, in a comment on its front matter's first line, a fingerprint of what the
import wrote: an entry edited by hand since then (or never imported) is reported, not
overwritten, unless `--timpa`. An update keeps what the form does not ask (other keys, the
story when its cell is empty) and the entry's `diperbarui` when nothing else changed, so the
same file imported twice changes nothing. New rows that look like an entry of the same agency
(a similar title) are reported. The rows are judged on every core (`machinery`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from . import intake as reader
from . import sheets
from . import vocabulary as v
from .diagnostics import ERROR, WARNING, Diagnostic
from .drafts import render
from .loader import parse_text
from .machinery import map_batches, map_stream
from .model import ID_PATTERN, Entry
from .scaffold import slugify

MARK = "# katalog impor: sidik "
"""The first line of an imported entry's front matter: a fingerprint of what the import wrote."""
_ID = re.compile(ID_PATTERN)
SIMILAR = 0.8
"""Titles at least this alike (difflib's ratio, after case and spacing) of the same agency."""
_ORDER = tuple(Entry.model_fields)
_FORM_KEYS = frozenset({q.key.split(".")[0] for q in reader.ANSWERED if q.key} | {"diperbarui", "draf"}) - {"tautan"}
"""Top-level keys an import writes in full; of `tautan`, it writes only `situs`."""


def fingerprint(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def marked(text: str) -> str:
    """The file as the import writes it: the fingerprint of `text` as a comment after `---`."""
    return f"---\n{MARK}{fingerprint(text)}\n{text[4:]}"


def unmarked(text: str) -> tuple[str, str | None]:
    """The file without the import's comment, and the fingerprint it records (None: none)."""
    if text.startswith("---\n" + MARK):
        line_end = text.find("\n", 4)
        recorded = text[4 + len(MARK):line_end].strip()
        return "---\n" + text[line_end + 1:], recorded
    return text, None


def _key(judul: str, instansi: str) -> str:
    return f"{v.normal(judul)}|{v.normal(instansi)}"


def _plain(value: Any) -> Any:
    """Loader values (numbers that remember their text) as plain ones, for writing again."""
    if isinstance(value, dict):
        return {k: _plain(item) for k, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)


@dataclass(frozen=True)
class Existing:
    """An entry already in the catalogue, as far as choosing ids needs it (small: it travels
    between processes). Its data is read again by the worker that updates it."""

    id: str
    path: Path
    imported: bool
    edited: bool


def _scan_batch(paths: list[str]) -> list[Existing | None]:
    """Whether each file was written by an import and changed since: its bytes and the
    fingerprint on its first line, nothing parsed."""
    out: list[Existing | None] = []
    for name in paths:
        path = Path(name)
        try:
            raw = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            out.append(None)
            continue
        text, recorded = unmarked(raw.replace("\r\n", "\n"))
        out.append(Existing(path.stem, path, recorded is not None,
                            recorded is not None and recorded != fingerprint(text)))
    return out


def _keys_batch(paths: list[str]) -> list[tuple[str, str]]:
    """(id, title and agency) of each entry file."""
    out = []
    for name in paths:
        read = _read_existing(Path(name))
        data = read[0] if read is not None else {}
        instansi = data.get("instansi") if isinstance(data.get("instansi"), dict) else {}
        out.append((Path(name).stem, _key(str(data.get("judul", "")), str(instansi.get("nama", "")))))
    return out


class Keys:
    """Title and agency of every entry in the catalogue, read only when a row without an id or a
    new entry asks (an import of rows that all name their ids reads none)."""

    def __init__(self, existing: dict[str, Existing], jobs: int | None) -> None:
        self._existing, self._jobs = existing, jobs
        self._by_id: dict[str, str] | None = None

    @property
    def by_id(self) -> dict[str, str]:
        if self._by_id is None:
            paths = [str(e.path) for e in self._existing.values()]
            self._by_id = dict(map_batches(_keys_batch, paths, jobs=self._jobs))
        return self._by_id


def _read_existing(path: Path) -> tuple[dict[str, Any], str, bool, bool] | None:
    """An entry file's front matter (plain values), body, and whether the import wrote it and
    whether it changed since (None: unreadable)."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    text, recorded = unmarked(raw.replace("\r\n", "\n"))
    parsed = parse_text(text, str(path))
    data = _plain(parsed.data) if isinstance(parsed.data, dict) else {}
    return data, parsed.body, recorded is not None, recorded is not None and recorded != fingerprint(text)


def scan(root: Path, jobs: int | None = None) -> dict[str, Existing]:
    from .catalogue import find_entry_files

    files = [str(p) for p in find_entry_files([root])] if root.is_dir() else []
    return {e.id: e for e in map_batches(_scan_batch, files, jobs=jobs) if e is not None}


def merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """An update: the form's keys from the row, every other key as the entry has it, in the
    model's order; of `tautan`, the row gives `situs` only."""
    data = {k: val for k, val in old.items() if k not in _FORM_KEYS}
    data.update({k: val for k, val in new.items() if k != "tautan"})
    links = {k: val for k, val in (old.get("tautan") or {}).items() if k != "situs"}
    if (new.get("tautan") or {}).get("situs"):
        links = {"situs": new["tautan"]["situs"], **links}
    if links:
        data["tautan"] = links
    else:
        data.pop("tautan", None)
    return {k: data[k] for k in _ORDER if k in data}


# --- one row ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What became of one row."""

    row: sheets.Row
    entry_id: str
    status: str  # baru | diperbarui | tetap | manual | galat | lewat
    diagnostics: list[Diagnostic] = field(default_factory=list)
    text: str = ""
    path: Path | None = None
    publish: bool = False
    origins: tuple[str, ...] = ()
    old_path: Path | None = None  # the entry's file before, when the row moves it (another province)


@dataclass(frozen=True)
class _Job:
    row: sheets.Row
    entry_id: str
    existing: Existing | None
    root: Path
    today: date
    display: str
    overwrite: bool


def _judge(job: _Job) -> Outcome:
    row, old = job.row, job.existing
    found = reader.read_answers(row.answers, job.display, job.today, missing=None, consent=False)
    found.diagnostics[:0] = row.problems
    if old is not None and not job.overwrite and (old.edited or not old.imported):
        why = ("diubah manual sejak impor terakhir" if old.imported else "tidak dibuat oleh impor (ditulis manual atau "
               "lewat formulir)")
        message = (f"entri '{job.entry_id}' ({old.path.as_posix()}) {why}, jadi tidak ditimpa; pakai --timpa untuk "
                   "menimpanya dengan baris ini, atau sunting entrinya langsung")
        return Outcome(row, job.entry_id, "manual", [Diagnostic(job.display, row.number, 0, ERROR, "", message)])
    old_data: dict[str, Any] = {}
    old_body = ""
    if old is not None:
        read = _read_existing(old.path)
        old_data, old_body = (read[0], read[1]) if read is not None else ({}, "")
    if old is not None and found.data is not None:
        found.data = merge(old_data, found.data)
        found.body = found.body or old_body
        if not any(d.is_error for d in found.diagnostics) and found.story.strip("\n") == old_body.strip("\n"):
            same = dict(found.data, diperbarui=old_data.get("diperbarui"), **{"draf": old_data["draf"]} if "draf" in
                        old_data else {})
            if same == old_data:  # the row says what the entry, valid when written, already says
                return Outcome(row, job.entry_id, "tetap", found.diagnostics, path=old.path,
                               publish=not old_data.get("draf"),
                               origins=tuple(o["inovasi"] for o in old_data.get("replikasi_dari", []) if o.get("inovasi")))
    reader.check(found, job.entry_id, job.today, badges=False)
    if not found.ok:
        return Outcome(row, job.entry_id, "galat", found.diagnostics + [
            Diagnostic(d.path, d.line, d.col, WARNING, d.field, f"sebelum terbit: {d.message}") for d in found.needs])
    data = {k: val for k, val in found.front_matter.items()}
    data = {k: data[k] for k in _ORDER if k in data}
    origins = tuple(o["inovasi"] for o in data.get("replikasi_dari", []) if o.get("inovasi"))
    path = job.root / data["wilayah"]["provinsi"] / f"{job.entry_id}.md"
    status = "baru" if old is None else "diperbarui"
    if old is not None and path == old.path and found.story.strip("\n") == old_body.strip("\n") and \
            {**data, "diperbarui": old_data.get("diperbarui", data["diperbarui"])} == old_data:
        return Outcome(row, job.entry_id, "tetap", found.diagnostics, path=path, publish=found.publish,
                       origins=origins)
    text = marked(render(data, found.story))
    notes = found.diagnostics + [Diagnostic(d.path, d.line, d.col, WARNING, d.field, f"sebelum terbit: {d.message}")
                                 for d in found.needs]
    return Outcome(row, job.entry_id, status, notes, text, path, found.publish, origins,
                   old.path if old is not None and old.path != path else None)


def _judge_batch(jobs: list[_Job]) -> list[Outcome]:
    return [_judge(job) for job in jobs]


# --- the whole file -----------------------------------------------------------------------------


@dataclass
class Report:
    book: sheets.Book
    outcomes: list[Outcome] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    similar: list[Diagnostic] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def failed(self) -> bool:
        return any(o.status in ("galat", "manual") for o in self.outcomes)


class _LazyKeys:
    """title and agency → id, of the entries in the catalogue, read on first use."""

    def __init__(self, keys: Keys) -> None:
        self._keys = keys
        self._map: dict[str, str] | None = None

    def get(self, key: str) -> str | None:
        if self._map is None:
            self._map = {k: i for i, k in self._keys.by_id.items() if k != "|"}
        return self._map.get(key)


def _stable_id(judul: str, place: str, key: str, by_key: _LazyKeys, taken: Callable[[str], bool]) -> str:
    """The id a row without one gets: its entry's, when its title and agency were imported
    before; else from its title, then title and place, then a suffix from its title and agency
    (never a counter: the same row gets the same id whatever came before it in the file)."""
    if (known := by_key.get(key)) is not None:
        return known
    for candidate in (slugify(judul), slugify(f"{judul} {place}")):
        if not taken(candidate):
            return candidate
    return f"{slugify(judul, 53)}-{hashlib.blake2b(key.encode(), digest_size=3).hexdigest()}"


_BATCH = 64


def _id_of(row: sheets.Row, by_key: _LazyKeys, taken: set[str], claimed: dict[str, int], keys: dict[str, str],
           display: str) -> tuple[str, Diagnostic | None]:
    """The entry a row writes, or why it cannot write one (an id that is no id, two rows for one
    entry)."""
    if row.entry_id:
        entry_id = row.entry_id
        if not _ID.fullmatch(entry_id) or len(entry_id) > 100:
            return entry_id, Diagnostic(display, row.number, 0, ERROR, sheets.ID_LABEL,
                                        f"id '{entry_id[:60]}' tidak sah: huruf kecil, angka dan tanda hubung (misalnya "
                                        "'tulungagung-adminduk-keliling'), atau kosongkan agar dibuat dari judul")
    else:
        text = {qid: reader.one_line(a.text) for qid, a in row.answers.items() if qid in ("judul", "instansi",
                                                                                           "kabupaten_kota")}
        judul = text.get("judul", "")
        key = _key(judul, text.get("instansi", ""))
        entry_id = keys.get(key) or _stable_id(judul or f"baris {row.number}",
                                               text.get("kabupaten_kota") or text.get("instansi", ""), key, by_key,
                                               lambda c: c in taken or c in claimed)
        keys.setdefault(key, entry_id)
    if entry_id in claimed:
        return entry_id, Diagnostic(display, row.number, 0, ERROR, sheets.ID_LABEL,
                                    f"baris ini menulis entri yang sama ('{entry_id}') dengan baris {claimed[entry_id]}; "
                                    "gabungkan keduanya atau beri id yang berbeda")
    return entry_id, None


def run(path: Path, root: Path, today: date, *, overwrite: bool = False, jobs: int | None = None,
        display: str | None = None) -> Report:
    """Import `path` into the catalogue folder `root` (SheetError: the file cannot be read)."""
    display = display or path.name
    existing = scan(root, jobs)
    keys_of = Keys(existing, jobs)
    by_key = _LazyKeys(keys_of)
    taken = set(existing)
    claimed: dict[str, int] = {}
    keys: dict[str, str] = {}  # title and agency → the id an earlier row of this file got
    early: list[Outcome] = []
    skipped_example = 0

    def jobs_of(rows: Iterator[sheets.Row]) -> Iterator[list[_Job]]:
        """The rows as the file is read, each with its id (given, or stable), in batches."""
        nonlocal skipped_example
        batch: list[_Job] = []
        for row in rows:
            if row.entry_id.casefold() == sheets.EXAMPLE_ID:
                skipped_example += 1
                continue
            entry_id, problem = _id_of(row, by_key, taken, claimed, keys, display)
            if problem is not None:
                early.append(Outcome(row, entry_id, "galat", [*row.problems, problem]))
                continue
            claimed[entry_id] = row.number
            batch.append(_Job(row, entry_id, existing.get(entry_id), root, today, display, overwrite))
            if len(batch) == _BATCH:
                yield batch
                batch = []
        if batch:
            yield batch

    book = sheets.Book(display)
    rows = sheets.read_rows(path, book)
    outcomes = [o for part in map_stream(_judge_batch, jobs_of(rows), jobs=jobs, parallel=path.stat().st_size > 200_000)
                for o in part]
    report = Report(book, notes=list(book.notes))
    report.outcomes.extend(early)
    if skipped_example:
        report.notes.append(f"{skipped_example} baris contoh (id '{sheets.EXAMPLE_ID}') dilewati")
    known = set(existing) | set(claimed)
    for outcome in outcomes:
        missing = [o for o in outcome.origins if o not in known]
        if missing and outcome.status in ("baru", "diperbarui", "tetap"):
            outcome.status = "galat"
            outcome.diagnostics.append(Diagnostic(
                book.display, outcome.row.number, outcome.row.answers.get("replikasi_dari", reader.Answer(0, "")).col,
                ERROR, "Inovasi asal yang ditiru", f"inovasi {', '.join(repr(m) for m in missing)} tidak ada di katalog "
                "maupun di berkas ini; tulis id entrinya, atau 'nama instansi | tautan'"))
        report.outcomes.append(outcome)
    report.outcomes.sort(key=lambda o: (o.row.sheet or "", o.row.number))
    _write(report)
    report.similar = _similar(report, keys_of) if any(o.status == "baru" for o in report.outcomes) else []
    return report


def _write(report: Report) -> None:
    """The files of the rows that changed something, each written whole then moved into place;
    an entry moved to another province leaves its old file."""
    for outcome in report.outcomes:
        if outcome.status not in ("baru", "diperbarui") or outcome.path is None:
            continue
        outcome.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = outcome.path.with_name(f".{outcome.path.name}.impor")
        temporary.write_text(outcome.text, encoding="utf-8")
        os.replace(temporary, outcome.path)
        if outcome.old_path is not None and outcome.old_path.exists():
            outcome.old_path.unlink()


def _alike(a: str, b: str) -> bool:
    matcher = SequenceMatcher(None, a, b)  # the cheap upper bounds first: most pairs stop there
    return matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR


def _similar(report: Report, keys: Keys) -> list[Diagnostic]:
    """New entries whose title is like an entry of the same agency (already in the catalogue, or
    new from an earlier row): perhaps the same innovation twice."""
    groups: dict[str, list[tuple[str, str]]] = {}
    new = {o.entry_id for o in report.outcomes if o.status == "baru"}
    for entry_id, key in keys.by_id.items():
        if entry_id not in new:
            title, _, agency = key.partition("|")
            groups.setdefault(agency, []).append((entry_id, title))
    found = []
    for outcome in report.outcomes:
        if outcome.status != "baru":
            continue
        judul = reader.one_line(outcome.row.answers["judul"].text)
        agency = v.normal(reader.one_line(outcome.row.answers["instansi"].text))
        title = v.normal(judul)
        for other_id, other in groups.get(agency, []):
            if other_id != outcome.entry_id and (_alike(title, other)
                                                 or (len(other) > 8 and (other in title or title in other))):
                found.append(Diagnostic(report.book.display, outcome.row.number, outcome.row.answers["judul"].col,
                                        WARNING, "Judul inovasi",
                                        f"mirip entri '{other_id}' dari instansi yang sama; bila itu inovasi yang "
                                        f"sama, isi kolom id dengan '{other_id}' agar entri itu yang diperbarui"))
                break
        groups.setdefault(agency, []).append((outcome.entry_id, title))
    return found
