"""The catalogue: every entry file loaded and validated (on both cores), the rules that span
entries, and the indexes built once for everything downstream (badges, pages, exports).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import clock
from .diagnostics import ERROR, WARNING, Diagnostic, field_path
from .loader import Loc, read_file
from .model import Entry
from .validation import validate_parsed

if TYPE_CHECKING:
    from .criteria import Assessment

PARALLEL_FROM = 400  # below this, starting workers costs more than it saves


@dataclass
class Record:
    """One valid entry. `entry` is None only in a validation-only load (`with_entries=False`),
    which keeps just the facts the cross-entry rules need and so skips sending models between
    processes."""

    id: str
    path: Path
    source: str  # relative to the docs dir, e.g. "innovations/jawa-timur/x.md" (edit links)
    entry: Entry
    body: str
    body_line: int
    display: str  # the path as diagnostics show it
    provinsi: str = ""
    draf: bool = False
    replicates: tuple[str | None, ...] = ()  # replikasi_dari[i].inovasi, by index
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)
    assessment: Assessment | None = None

    @property
    def published(self) -> bool:
        return not self.draf

    def at(self, loc: Loc) -> tuple[int, int]:
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return (1, 1)


@dataclass
class Catalogue:
    records: dict[str, Record]
    diagnostics: list[Diagnostic]
    today: date
    files: int = 0
    replicas: dict[str, list[Record]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def published(self) -> list[Record]:
        return [r for r in self.records.values() if r.published]

    def replicas_of(self, entry_id: str) -> list[Record]:
        """Published entries whose `replikasi_dari` names `entry_id`."""
        return self.replicas.get(entry_id, [])


# --- finding and loading files ---------------------------------------------------------------


def find_entry_files(paths: Iterable[Path]) -> list[Path]:
    """Every `.md` below the given folders, plus the given files, sorted, each once."""
    found: set[str] = set()
    for path in paths:
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                found.update(os.path.join(dirpath, name) for name in filenames if name.endswith(".md"))
        else:
            found.add(str(path))
    return [Path(p) for p in sorted(found)]


def display_path(path: Path) -> str:
    """How diagnostics name a file: as given when relative, else relative to here if below it."""
    if not path.is_absolute():
        return str(path)
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith("..") else shown


# Set before the workers fork, so that each job is just a slice of indices to them.
_JOBS: list[tuple[Path, str, date, bool, bool]] = []


def _load_slice(bounds: tuple[int, int]) -> list[tuple[Record | None, list[Diagnostic]]]:
    return [_load_one(_JOBS[i]) for i in range(*bounds)]


def _load_one(job: tuple[Path, str, date, bool, bool]) -> tuple[Record | None, list[Diagnostic]]:
    path, source, today, with_body, with_entry = job
    display = display_path(path)
    parsed = read_file(path, display)
    entry, diags = validate_parsed(parsed, path.stem, today, path)
    if entry is None:
        return None, diags
    replicates = tuple(item.inovasi for item in entry.replikasi_dari)
    # Cross-entry rules may need to point at these keys; nothing else leaves the worker.
    wanted: list[Loc] = [("wilayah", "provinsi"), ("replikasi_dari",)]
    wanted += [("replikasi_dari", index, "inovasi") for index in range(len(replicates))]
    positions = {loc: parsed.position(loc, key=loc == ("replikasi_dari",)) for loc in wanted}
    record = Record(path.stem, path, source, entry if with_entry else None, parsed.body if with_body else "",
                    parsed.body_line, display, entry.wilayah.provinsi, entry.draf, replicates, positions)
    return record, diags


def _jobs(jobs: int | None) -> int:
    if jobs is not None:
        return max(1, jobs)
    return max(1, min(len(os.sched_getaffinity(0)), 8))


def load_files(files: Sequence[Path], *, docs_dir: Path | None = None, today: date | None = None,
               jobs: int | None = None, with_body: bool = True, with_entries: bool = True) -> Catalogue:
    """Load, validate and cross-check the given entry files as one catalogue, with badges.

    `with_entries=False` is for validation only: no models, no bodies, no badges."""
    today = today or clock.today()
    # Tens of thousands of small long-lived objects make the cyclic GC rescan the heap again and
    # again (it doubled the time at 32,000 entries); nothing here makes reference cycles.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_files(files, docs_dir, today, jobs, with_body and with_entries, with_entries)
    finally:
        if was_enabled:
            gc.enable()


def _load_files(files: Sequence[Path], docs_dir: Path | None, today: date, jobs: int | None, with_body: bool,
                with_entries: bool) -> Catalogue:
    work = [(path, _source(path, docs_dir), today, with_body, with_entries) for path in files]
    workers = _jobs(jobs)
    if workers > 1 and len(work) >= PARALLEL_FROM:
        global _JOBS
        _JOBS = work
        step = max(64, len(work) // (workers * 8))
        slices = [(start, min(start + step, len(work))) for start in range(0, len(work), step)]
        try:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                results = [item for part in pool.imap(_load_slice, slices) for item in part]
        finally:
            _JOBS = []
    else:
        results = [_load_one(job) for job in work]

    diagnostics: list[Diagnostic] = []
    loaded: list[Record] = []
    for record, diags in results:
        diagnostics.extend(diags)
        if record is not None:
            loaded.append(record)
    invalid_ids = {path.stem for path in files} - {r.id for r in loaded}
    records, cross = _cross_check(loaded, invalid_ids)
    diagnostics.extend(cross)
    catalogue = Catalogue(records, sorted(diagnostics), today, files=len(files))
    _index_replicas(catalogue)
    if with_entries:
        _assess(catalogue)
    return catalogue


def load_catalogue(root: Path, *, today: date | None = None, jobs: int | None = None,
                   with_body: bool = True) -> Catalogue:
    """Every entry below `root` (content/innovations), with its badges."""
    return load_files(find_entry_files([root]), docs_dir=root.parent, today=today, jobs=jobs, with_body=with_body)


def _source(path: Path, docs_dir: Path | None) -> str:
    if docs_dir is not None:
        try:
            return path.resolve().relative_to(docs_dir.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


# --- rules across entries --------------------------------------------------------------------


def _diag(record: Record, loc: Loc, message: str, severity: str = ERROR) -> Diagnostic:
    line, col = record.at(loc)
    return Diagnostic(record.display, line, col, severity, field_path(loc), message)


def _cross_check(loaded: list[Record], invalid_ids: set[str]) -> tuple[dict[str, Record], list[Diagnostic]]:
    out: list[Diagnostic] = []
    by_id: dict[str, list[Record]] = defaultdict(list)
    for record in loaded:
        by_id[record.id].append(record)
    records: dict[str, Record] = {}
    for entry_id in sorted(by_id):
        group = by_id[entry_id]
        records[entry_id] = group[0]
        if len(group) > 1:
            for record in group:
                others = ", ".join(o.display for o in group if o is not record)
                out.append(Diagnostic(record.display, 1, 1, ERROR, "",
                                      f"id '{entry_id}' juga dipakai oleh {others}; nama file harus unik di "
                                      "seluruh katalog"))

    for record in loaded:
        folder = record.path.parent.name
        provinsi = record.provinsi
        if folder != provinsi:
            out.append(_diag(record, ("wilayah", "provinsi"),
                             f"file ada di folder '{folder}', tetapi wilayah.provinsi = '{provinsi}': pindahkan file "
                             f"ke folder '{provinsi}' atau perbaiki provinsinya"))
        for index, target in enumerate(record.replicates):
            if target is None:
                continue
            loc = ("replikasi_dari", index, "inovasi")
            if target == record.id:
                out.append(_diag(record, loc, "entri tidak dapat mereplikasi dirinya sendiri"))
            elif target in invalid_ids and target not in records:
                continue  # the target file exists; its own errors are reported there
            elif target not in records:
                hint = get_close_matches(target, list(records), n=1)
                maybe = f" (maksud Anda '{hint[0]}'?)" if hint else ""
                out.append(_diag(record, loc, f"inovasi '{target}' tidak ada di katalog{maybe}"))
            elif records[target].draf and not record.draf:
                out.append(_diag(record, loc, f"inovasi '{target}' masih draf, jadi tautannya belum tampil di situs",
                                 WARNING))
    out.extend(_cycles(records))
    return records, out


def _cycles(records: dict[str, Record]) -> list[Diagnostic]:
    """Replication must not loop (a replicates b replicates a): report every entry on a loop."""
    edges = {
        entry_id: [t for t in r.replicates if t in records and t != entry_id]
        for entry_id, r in records.items()
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    out: list[Diagnostic] = []
    for start in records:
        if state.get(start):
            continue
        path: list[str] = [start]
        stack: list[Any] = [iter(edges[start])]
        state[start] = 1
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            if state.get(nxt) == 1:
                loop = path[path.index(nxt):] + [nxt]
                text = " → ".join(loop)
                for member in loop[:-1]:
                    out.append(_diag(records[member], ("replikasi_dari",), f"siklus replikasi: {text}"))
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(edges[nxt]))
    return out


def _index_replicas(catalogue: Catalogue) -> None:
    replicas: dict[str, list[Record]] = defaultdict(list)
    for record in catalogue.records.values():
        if record.published:
            targets = set(record.replicates)
            for target in sorted(t for t in targets if t in catalogue.records and t != record.id):
                replicas[target].append(record)
    catalogue.replicas = dict(replicas)


def _assess(catalogue: Catalogue) -> None:
    from .criteria import assess, build_replication_index

    index = build_replication_index((entry_id, r.entry) for entry_id, r in catalogue.records.items())
    for entry_id, record in catalogue.records.items():
        record.assessment = assess(record.entry, replicated_by=index.get(entry_id, ()), today=catalogue.today)
