"""The catalogue: every entry file loaded and validated (on both cores), the rules that span
entries, and the indexes built once for everything downstream (badges, pages, exports).
"""

from __future__ import annotations

import os
import re
from array import array
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import orjson

from . import clock
from .diagnostics import ERROR, WARNING, Diagnostic, field_path
from .loader import Loc, read_file
from .model import Entry
from .parallel import long_lived, map_batches
from .text import shared_shingles, shingles, word_hashes
from .validation import validate_parsed
from .verification import State, check_folder, evidence_fingerprint, lifecycle, read_record, record_path

if TYPE_CHECKING:
    from .criteria import Assessment



@dataclass
class Facts:
    """What a load without models keeps of one valid entry (`with_entries=False`: the `validate`
    and `badges` commands): the facts the cross-entry rules and the badges need, and the badges
    as JSON, so that whole models never travel between processes."""

    id: str
    path: Path
    source: str  # relative to the docs dir, e.g. "innovations/jawa-timur/x.md" (edit links)
    body_line: int
    display: str  # the path as diagnostics show it
    provinsi: str = ""
    draf: bool = False
    replicates: tuple[str | None, ...] = ()  # replikasi_dari[i].inovasi, by index
    instansi: str = ""  # instansi.nama
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict, repr=False)
    # The entry's own words (`own_words`), for the rule that a replication may not reuse its
    # origin's: made by the worker for an entry that replicates, and for an origin when the rule
    # first needs them (`_words_of`); None until then.
    words: tuple[Passage, ...] | None = field(default=None, repr=False)
    # The badges, UTF-8 JSON (`Assessment.to_json`): bytes cost next to nothing to send between
    # processes or to print. Only in a load without models; a `Record` holds its `assessment`.
    badges_json: bytes | None = field(default=None, repr=False)
    transfer: TransferFacts | None = field(default=None, repr=False)
    confirms: tuple[str, ...] = ()  # replikasi_dikonfirmasi: the replications its agency confirms
    sidik: str = ""  # the fingerprint of its evidence (`verification.evidence_fingerprint`)
    # Its place in the lifecycle (`verification.lifecycle`); "diajukan" until the loader says more.
    verifikasi: State = State("diajukan")

    @property
    def is_published(self) -> bool:
        return not self.draf

    def at(self, loc: Loc) -> tuple[int, int]:
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return (1, 1)


@dataclass(kw_only=True)
class Record(Facts):
    """One valid entry with its model, body and badges: what a full load (`load_catalogue`, the
    site build) keeps, and what pages and open data read."""

    entry: Entry
    body: str = ""
    assessment: Assessment | None = None


@dataclass
class Catalogue:
    records: dict[str, Facts]  # `Record`s in a full load
    diagnostics: list[Diagnostic]
    today: date
    files: int = 0
    replicas: dict[str, list[Record]] = field(default_factory=dict, repr=False)
    # The diagnostics of the rules across entries (a part of `diagnostics`): `reload` redoes them.
    across: list[Diagnostic] = field(default_factory=list, repr=False)
    records_dir: str | None = None  # the verification records' folder (`verification.RECORD_DIR`), if any

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def published(self) -> list[Record]:
        return [r for r in self.records.values() if r.is_published]

    def replicas_of(self, entry_id: str) -> list[Record]:
        """Published entries whose `replikasi_dari` names `entry_id`."""
        return self.replicas.get(entry_id, [])


def newest_first(records: Iterable[Record], n: int) -> list[Record]:
    """The `n` entries that started most recently, then the most recently verified: the home
    page's "Inovasi terbaru" and the Atom feed."""
    return sorted(records, key=lambda r: (r.entry.tanggal.mulai, r.entry.diperbarui, r.id), reverse=True)[:n]


# --- finding and loading files ---------------------------------------------------------------


def find_entry_files(paths: Iterable[Path]) -> list[Path]:
    """The entry files among `paths`, sorted, each once. A folder gives the `.md` files at the
    place of an entry below it: `<provinsi>/<id>.md` below a catalogue folder, `<id>.md` directly
    in a province folder (one named by a province slug). A file is taken as given. Symlinks are
    never followed and deeper folders never looked into: the content allow-list
    (`generator.content`) reports them."""
    from .vocabulary import PROVINSI

    found: set[str] = set()
    for path in paths:
        path = Path(path)
        if path.is_symlink():
            continue
        if not path.is_dir():
            found.add(str(path))  # what it is, or that it cannot be read: the loader says
        elif path.name in PROVINSI:
            found.update(_entries_in(str(path)))
        else:
            for folder in _real_folders(str(path)):
                found.update(_entries_in(folder))
    return [Path(p) for p in sorted(found)]


def _real_folders(folder: str) -> list[str]:
    """The folders directly in `folder` that are no symlink and not hidden."""
    try:
        with os.scandir(folder) as items:
            return [item.path for item in items if not item.name.startswith(".") and item.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def _entries_in(folder: str) -> list[str]:
    """The `.md` regular files (no symlink) directly in `folder`."""
    try:
        with os.scandir(folder) as items:
            return [item.path for item in items if item.name.endswith(".md") and item.is_file(follow_symlinks=False)]
    except OSError:
        return []


def display_path(path: Path) -> str:
    """How diagnostics name a file: as given when relative, else relative to here if below it."""
    if not path.is_absolute():
        return str(path)
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith("..") else shown


@dataclass(frozen=True)
class _Job:
    path: Path
    source: str
    today: date
    with_body: bool
    with_entry: bool
    badges: bool
    records_dir: str | None = None


class _Agency(NamedTuple):
    nama: str


class _Replication(NamedTuple):
    instansi: str
    bukti: str | None


class _Guide(NamedTuple):
    bentuk: str


class TransferFacts(NamedTuple):
    """What the transfer badge reads of an entry, kept when the entry itself is not: plain
    tuples, which cost far less to send between processes than the models they come from."""

    instansi: _Agency
    replikasi_oleh: tuple[_Replication, ...]
    panduan_replikasi: _Guide | None
    # What the badge of an origin reads of this entry when it replicates the origin.
    tahapan: str = ""
    bukti_sendiri: bool = False  # `criteria.own_evidence`

    @classmethod
    def of(cls, entry: Entry) -> TransferFacts:
        from .criteria import own_evidence

        guide = entry.panduan_replikasi
        return cls(_Agency(entry.instansi.nama),
                   tuple(_Replication(item.instansi, item.bukti) for item in entry.replikasi_oleh),
                   _Guide(guide.bentuk) if guide is not None else None,
                   entry.tahapan, own_evidence(entry) if entry.replikasi_dari else False)


def _load_batch(jobs: Sequence[_Job]) -> list[tuple[Facts | None, list[Diagnostic]]]:
    """Load and validate a batch of entries, then assess the valid ones.

    Badges are computed here, on both cores, as if nobody in the catalogue replicated the
    entry; the parent amends the transfer badge of the few that are (`_amend_transfer`). They
    are computed in a second pass over the batch rather than entry by entry: run back
    to back, the criteria code stays hot in the processor's caches, which halves its cost
    (measured: 49 → 24 µs per entry)."""
    if not jobs or not jobs[0].badges:
        return [(record, diags) for record, _, diags in map(_load_one, jobs)]
    from .criteria import assess

    out: list[tuple[Facts | None, list[Diagnostic]]] = []
    for start in range(0, len(jobs), _BADGE_BATCH):  # a few hundred models alive at a time
        loaded = [_load_one(job) for job in jobs[start:start + _BADGE_BATCH]]
        for record, entry, diags in loaded:
            out.append((record, diags))
            if record is None:
                continue
            try:
                assessment = assess(entry, replicated_by=(), today=jobs[0].today)
            except Exception as exc:  # noqa: BLE001 — as in `_load_one`: this file's problem only
                out[-1] = (None, [*diags, internal_error(record.display, exc)])
                continue
            if isinstance(record, Record):
                record.assessment = assessment
            else:
                record.badges_json = orjson.dumps(assessment.to_json(record.id))
                record.transfer = TransferFacts.of(entry)
    return out


_BADGE_BATCH = 256


def _load_one(job: _Job) -> tuple[Facts | None, Entry | None, list[Diagnostic]]:
    """One file; whatever goes wrong inside stays this file's diagnostic, never hides the others'."""
    try:
        return _load_file(job)
    except Exception as exc:  # noqa: BLE001 — a bug of ours met by one file must not stop the run
        return None, None, [internal_error(display_path(job.path), exc)]


def internal_error(display: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(display, 1, 1, ERROR, "",
                      f"galat internal saat memeriksa file ini ({type(exc).__name__}); mohon laporkan ke pengelola "
                      "katalog beserta file ini")


def _load_file(job: _Job) -> tuple[Facts | None, Entry | None, list[Diagnostic]]:
    display = display_path(job.path)
    parsed = read_file(job.path, display)
    entry, diags = validate_parsed(parsed, job.path.stem, job.today, job.path)
    if entry is None:
        return None, None, diags
    # Its verification record, read here on every core: the record's problems are this entry's.
    sidik = evidence_fingerprint(entry)
    record = None
    if job.records_dir is not None and not os.path.islink(job.records_dir):  # a linked folder: check_folder says
        where = record_path(job.records_dir, job.path.stem)
        if os.path.lexists(where):
            record, found = read_record(where, display_path(Path(where)), job.today)
            diags = [*diags, *found]
            if record is None and any(d.is_error for d in found):
                return None, None, diags
    state = lifecycle(entry, record, sidik, job.today)
    replicates = tuple(item.inovasi for item in entry.replikasi_dari)
    confirms = tuple(entry.replikasi_dikonfirmasi)
    # Cross-entry rules may need to point at these keys; nothing else leaves the worker.
    wanted: list[Loc] = [("wilayah", "provinsi"), ("replikasi_dari",)]
    wanted += [("replikasi_dari", index, "inovasi") for index in range(len(replicates))]
    wanted += [("replikasi_dikonfirmasi", index) for index in range(len(confirms))]
    words = None
    if replicates:  # only a replication's words are checked; an origin's are read when needed
        words = own_words(entry.ringkasan, entry.masalah, entry.kebaruan.uraian if entry.kebaruan else None,
                          parsed.body, parsed.body_line)
        wanted += [p.where for p in words if isinstance(p.where, tuple)]
    positions = {loc: parsed.position(loc, key=loc == ("replikasi_dari",)) for loc in wanted}
    facts = dict(id=job.path.stem, path=job.path, source=job.source, body_line=parsed.body_line, display=display,
                 provinsi=entry.wilayah.provinsi, draf=entry.draf, replicates=replicates,
                 instansi=entry.instansi.nama, positions=positions, words=words, confirms=confirms, sidik=sidik,
                 verifikasi=state)
    if job.with_entry:
        return Record(**facts, entry=entry, body=parsed.body if job.with_body else ""), entry, diags
    return Facts(**facts), entry, diags


MIN_PARAGRAPH_WORDS = 20
"""Body paragraphs this long are the entry's own story: a replication may not copy one."""
COPIED_SHARE = 0.5
"""A text of a replication counts as copied when at least this share of its shingles (runs of
three words, `text.shingles`) is in its origin's texts: a paragraph that is mostly the origin's,
one word or a few changed, is still the origin's."""
MIN_SHARED = 5
"""…and at least this many shingles (a run of seven words): a short text of one's own may
share a phrase with its origin ("menempuh perjalanan jauh untuk mengurus dokumen")."""
MIN_COMPARED_WORDS = 8
"""Texts shorter than this are compared whole (a copy, case, spacing and invisible characters
aside): a short summary shares a name like "mal pelayanan publik" with its origin by right."""


_PROSE = re.compile(r"(?![#>|]|[-*+] |\d+[.)] |```|<)")
"""A paragraph of prose: not a heading, quote, table, list, code or HTML block (a replication may
well reuse its origin's steps, table headings or a quotation of it)."""


class Passage(NamedTuple):
    """A text of an entry in its own words: where it is (a key path, or the body line of a
    paragraph) and its words (`text.word_hashes`)."""

    where: Loc | int
    words: array


def own_words(ringkasan: str, masalah: str, uraian: str | None, body: str, body_line: int,
              min_words: int = MIN_PARAGRAPH_WORDS) -> tuple[Passage, ...]:
    """What an entry says in its own words: summary, problem, novelty and every prose paragraph
    of the body of at least `min_words` words (by its line), each as its folded words."""
    out = [Passage(("ringkasan",), word_hashes(ringkasan)), Passage(("masalah",), word_hashes(masalah))]
    if uraian:
        out.append(Passage(("kebaruan", "uraian"), word_hashes(uraian)))
    line = body_line
    for block in body.split("\n\n"):
        if block.count(" ") + block.count("\n") >= min_words - 1:  # else surely too short
            text = block.strip("\n")
            if _PROSE.match(text) and len(text.split(None, min_words)) >= min_words:
                out.append(Passage(line + len(block) - len(block.lstrip("\n")), word_hashes(text)))
        line += block.count("\n") + 2
    return tuple(out)


def _origin_words(paths: Sequence[Path]) -> list[tuple[Passage, ...] | None]:
    """The own words of origin files a load without bodies did not keep, read again (each file
    was valid a moment ago; one that no longer reads gives None)."""
    out: list[tuple[Passage, ...] | None] = []
    for path in paths:
        parsed = read_file(path)
        data = parsed.data
        if not isinstance(data, dict) or parsed.diagnostics:
            out.append(None)
            continue
        kebaruan = data.get("kebaruan")
        uraian = kebaruan.get("uraian") if isinstance(kebaruan, dict) else None
        texts = [data.get("ringkasan"), data.get("masalah"), uraian]
        if not all(isinstance(t, str) for t in texts[:2]) or not isinstance(uraian, str | None):
            out.append(None)
            continue
        out.append(own_words(texts[0], texts[1], uraian, parsed.body, parsed.body_line, min_words=1))
    return out


def load_files(files: Sequence[Path], *, docs_dir: Path | None = None, today: date | None = None,
               jobs: int | None = None, with_body: bool = True, with_entries: bool = True,
               badges: bool = True, records_dir: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load, validate and cross-check the given entry files as one catalogue.

    `with_entries=False` keeps no models or bodies (the `validate` and `badges` commands);
    `badges=False` skips the criteria (validation only). `records_dir`: the verification
    records' folder (`verifikasi/`), read with the entries and held to its allow-list; without
    it every published entry is *diajukan*."""
    today = today or clock.today()
    folder = os.fspath(records_dir) if records_dir is not None else None
    with long_lived():
        work = [_Job(path, _source(path, docs_dir), today, with_body and with_entries, with_entries, badges, folder)
                for path in files]
        return _load_files(work, today, jobs, badges, folder)


def _load_files(work: list[_Job], today: date, jobs: int | None, badges: bool,
                records_dir: str | None = None) -> Catalogue:
    results = map_batches(_load_batch, work, jobs=jobs)

    diagnostics: list[Diagnostic] = []
    loaded: list[Facts] = []
    for record, diags in results:
        diagnostics.extend(diags)
        if record is not None:
            loaded.append(record)
    invalid_ids = {job.path.stem for job in work} - {r.id for r in loaded}
    records, cross = _cross_check(loaded, invalid_ids)
    diagnostics.extend(cross)
    if records_dir is not None:
        diagnostics.extend(check_folder(records_dir, set(records) | invalid_ids, display_path(Path(records_dir)),
                                        today))
    catalogue = Catalogue(records, sorted(diagnostics), today, files=len(work), across=cross,
                          records_dir=records_dir)
    _index_replicas(catalogue)
    if badges:
        _amend_transfer(catalogue)
    return catalogue


def load_catalogue(root: Path, *, today: date | None = None, jobs: int | None = None,
                   with_body: bool = True, records_dir: str | os.PathLike[str] | None = None) -> Catalogue:
    """Every entry below `root` (content/innovations), with its badges (and its verification
    records, from `records_dir`)."""
    return load_files(find_entry_files([root]), docs_dir=root.parent, today=today, jobs=jobs, with_body=with_body,
                      records_dir=records_dir)


class Reloaded(NamedTuple):
    catalogue: Catalogue
    changed: list[str]  # the ids of the files given
    affected: list[str]  # ids whose page or open data may differ: those, and the entries they name or that name them


def reload(catalogue: Catalogue, files: Sequence[Path], *, docs_dir: Path | None = None) -> Reloaded | None:
    """`catalogue` with `files` (new or edited entry files) read again, for `mkdocs serve` after an
    edit: the files are loaded and validated here, in this process, and the rules across entries
    and the replication index are redone over the whole catalogue (fast: no file is read again).

    None when the result would not be a valid catalogue, or is not one `reload` can make: a file
    with an error, an error across entries, an id that another file already has, or a
    catalogue that had errors or was loaded without its models (`with_entries=False`). The
    caller then loads everything anew (`load_files`), which reports every diagnostic."""
    if not catalogue.ok or not files:
        return None
    if any(not isinstance(r, Record) for r in catalogue.records.values()):
        return None
    today = catalogue.today
    jobs = [_Job(Path(path), _source(Path(path), docs_dir), today, True, True, True, catalogue.records_dir)
            for path in files]
    loaded = _load_batch(jobs)
    records = dict(catalogue.records)
    own: list[Diagnostic] = []
    fresh: list[Record] = []
    for record, diags in loaded:
        if record is None or not isinstance(record, Record) or any(d.is_error for d in diags):
            return None
        old = records.get(record.id)
        if old is not None and os.path.abspath(old.path) != os.path.abspath(record.path):
            return None  # two files, one id
        own.extend(diags)
        fresh.append(record)
    before = {r.id: catalogue.records.get(r.id) for r in fresh}
    records.update((r.id, r) for r in fresh)
    # The ids whose pages show something of a changed entry: what it replicated before and now,
    # and what replicated it before and now (their transfer badge, their links).
    affected: dict[str, None] = {}
    for record in fresh:
        affected[record.id] = None
        old = before[record.id]
        for target in (*record.replicates, *(old.replicates if old is not None else ())):
            if target and target in records:
                affected[target] = None
        for replica in catalogue.replicas_of(record.id):
            affected[replica.id] = None
    checked, across = _cross_check(list(records.values()), set())
    if any(d.is_error for d in across):
        return None
    shown = {r.display for r in fresh}
    stale = set(catalogue.across)
    kept = [d for d in catalogue.diagnostics if d.path not in shown and d not in stale]
    files_count = catalogue.files + sum(1 for r in fresh if before[r.id] is None)
    updated = Catalogue(checked, sorted([*kept, *own, *across]), today, files=files_count, across=across,
                        records_dir=catalogue.records_dir)
    _index_replicas(updated)
    for record in fresh:
        for replica in updated.replicas_of(record.id):
            affected[replica.id] = None
    # Badges: the fresh records were assessed as if nobody replicated them; an origin a changed
    # entry names (or named) is assessed again, since its transfer badge may lose a replica.
    from .criteria import assess

    changed = [r.id for r in fresh]
    for entry_id in affected:
        record = updated.records[entry_id]
        if entry_id not in changed and isinstance(record, Record):
            record.assessment = assess(record.entry, replicated_by=(), today=today)
    _amend_transfer(updated, only=set(affected))
    return Reloaded(updated, changed, list(affected))


def _source(path: Path, docs_dir: Path | None) -> str:
    """The file's path below the docs dir (for edit links); string work only, no syscalls."""
    if docs_dir is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(docs_dir))
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return path.name


# --- rules across entries --------------------------------------------------------------------


def _diag(record: Facts, loc: Loc, message: str, severity: str = ERROR) -> Diagnostic:
    line, col = record.at(loc)
    return Diagnostic(record.display, line, col, severity, field_path(loc), message)


def _cross_check(loaded: list[Facts], invalid_ids: set[str]) -> tuple[dict[str, Facts], list[Diagnostic]]:
    out: list[Diagnostic] = []
    by_id: dict[str, list[Facts]] = defaultdict(list)
    for record in loaded:
        by_id[record.id].append(record)
    records: dict[str, Facts] = {}
    for entry_id in sorted(by_id):
        group = by_id[entry_id]
        records[entry_id] = group[0]
        if len(group) > 1:
            for record in group:
                others = ", ".join(o.display for o in group if o is not record)
                out.append(Diagnostic(record.display, 1, 1, ERROR, "",
                                      f"id '{entry_id}' juga dipakai oleh {others}; nama file harus unik di "
                                      "seluruh katalog"))

    ids = IdIndex(records)
    suggestions: dict[str, int] = {}
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
                hints = suggestions.get(record.id, 0)
                suggestions[record.id] = hints + 1
                hint = ids.closest(target) if hints < MAX_SUGGESTIONS else None
                maybe = f" (maksud Anda '{hint}'?)" if hint else ""
                out.append(_diag(record, loc, f"inovasi '{target}' tidak ada di katalog{maybe}"))
            elif records[target].draf and not record.draf:
                out.append(_diag(record, loc, f"inovasi '{target}' masih draf, jadi tautannya belum tampil di situs",
                                 WARNING))
        out.extend(_confirmations(record, records, invalid_ids, ids))
    out.extend(_cycles(records))
    out.extend(_copied_words(records))
    return records, out


def _words_of(records: dict[str, Facts], wanted: list[str]) -> None:
    """Fill in the own words of the origins in `wanted` that do not have them yet: from the
    entry and body a full load keeps, else by reading the file again (on every core when many)."""
    again: list[Facts] = []
    for entry_id in wanted:
        record = records[entry_id]
        if record.words is not None:
            continue
        if isinstance(record, Record) and (record.body or not record.body_line):
            e = record.entry
            record.words = own_words(e.ringkasan, e.masalah, e.kebaruan.uraian if e.kebaruan else None,
                                     record.body, record.body_line, min_words=1)
        else:
            again.append(record)
    if again:
        for record, words in zip(again, map_batches(_origin_words, [r.path for r in again]), strict=True):
            record.words = words or ()


def _confirmations(record: Facts, records: dict[str, Facts], invalid_ids: set[str], ids: IdIndex) -> list[Diagnostic]:
    """An origin confirms only replications that claim it: each id of `replikasi_dikonfirmasi`
    exists and names this entry in its `replikasi_dari`. One that no longer claims it (its own
    pull request took the claim back) is a warning: the origin's file is not that pull request's
    to fix, and the confirmation simply counts for nothing."""
    out: list[Diagnostic] = []
    for index, target in enumerate(record.confirms):
        loc = ("replikasi_dikonfirmasi", index)
        if target == record.id:
            out.append(_diag(record, loc, "entri tidak dapat mengonfirmasi dirinya sendiri sebagai replikasi"))
        elif target in invalid_ids and target not in records:
            continue  # the file exists; its own errors are reported there
        elif target not in records:
            hint = ids.closest(target)
            maybe = f" (maksud Anda '{hint}'?)" if hint else ""
            out.append(_diag(record, loc, f"inovasi '{target}' tidak ada di katalog{maybe}"))
        elif record.id not in records[target].replicates:
            out.append(_diag(record, loc, f"inovasi '{target}' tidak menyebut '{record.id}' di replikasi_dari, jadi "
                                          "tidak ada klaim replikasi yang dapat dikonfirmasi; hapus id ini atau minta "
                                          "instansinya menambahkan inovasi Anda di replikasi_dari", WARNING))
        elif records[target].draf and not record.draf:
            out.append(_diag(record, loc, f"inovasi '{target}' masih draf, jadi replikasinya belum tampil di situs",
                             WARNING))
    return out


def _copied_words(records: dict[str, Facts]) -> list[Diagnostic]:
    """A replication tells its own story: its summary, problem, novelty and long body paragraphs
    may not be its origin's text, nor mostly its origin's (`COPIED_SHARE` of their shingles; an
    error when published, a warning in a draft). Every text of the origin counts, paragraphs of
    any length included."""
    out: list[Diagnostic] = []
    replicas = [r for r in records.values() if r.replicates and r.words]
    targets = {t: None for r in replicas for t in r.replicates if t in records and t != r.id}
    _words_of(records, list(targets))
    for record in replicas:
        for target in dict.fromkeys(t for t in record.replicates if t in records and t != record.id):
            origin = records[target]
            theirs: set[int] = set()
            whole = set()
            for passage in origin.words or ():
                theirs |= shingles(passage.words)
                whole.add(passage.words.tobytes())
            for where, words in record.words or ():
                if not words:
                    continue
                if len(words) < MIN_COMPARED_WORDS:
                    copied = words.tobytes() in whole
                else:
                    shared, total = shared_shingles(words, theirs)
                    copied = shared >= MIN_SHARED and shared >= COPIED_SHARE * total
                if not copied:
                    continue
                what = "paragraf ini" if isinstance(where, int) else "teks ini"
                message = (f"{what} sama atau hampir sama dengan teks inovasi asal '{target}' ({origin.instansi}); "
                           "replikasi menceritakan penerapannya sendiri: tulis dengan kata-kata instansi Anda")
                severity = WARNING if record.draf else ERROR
                if isinstance(where, int):
                    out.append(Diagnostic(record.display, where, 1, severity, "", message))
                else:
                    out.append(_diag(record, where, message, severity))
    return out


MAX_SUGGESTIONS = 5
""""Did you mean" per file: past that the same typo is rarely new, and each costs a search."""


class IdIndex:
    """The catalogue's ids by their three-letter pieces, so that "did you mean" compares an
    unknown id with the few ids that share pieces with it, not with all 32,000."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._ids = list(ids)
        self._grams: dict[str, list[int]] | None = None

    @staticmethod
    def _pieces(text: str) -> set[str]:
        padded = f"  {text} "
        return {padded[i:i + 3] for i in range(len(padded) - 2)}

    def closest(self, target: str) -> str | None:
        if self._grams is None:
            self._grams = defaultdict(list)
            for number, entry_id in enumerate(self._ids):
                for piece in self._pieces(entry_id):
                    self._grams[piece].append(number)
        shared: dict[int, int] = defaultdict(int)
        for piece in self._pieces(target[:200]):
            for number in self._grams.get(piece, ()):
                shared[number] += 1
        best = sorted(shared, key=shared.__getitem__, reverse=True)[:50]
        found = get_close_matches(target[:200], [self._ids[n] for n in best], n=1)
        return found[0] if found else None


def _cycles(records: dict[str, Facts]) -> list[Diagnostic]:
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
    """Who replicates whom, by the badge's own rule (`criteria.replication_index`)."""
    from .criteria import replication_index

    records = catalogue.records
    index = replication_index((r.id, r.draf, r.instansi, r.replicates, *_replica_facts(r))
                              for r in records.values())
    catalogue.replicas = {target: [records[rep.entry_id] for rep in replicators]
                          for target, replicators in index.items() if target in records}


def _replica_facts(record: Facts) -> tuple[str, bool]:
    """(tahapan, own evidence) of an entry, for the badge of the entries it replicates: from its
    light facts, or its model; unknown (it will not count) in a load with neither (`validate`)."""
    facts = record.transfer
    if facts is None and isinstance(record, Record) and record.replicates:
        facts = record.transfer = TransferFacts.of(record.entry)
    return (facts.tahapan, facts.bukti_sendiri) if facts is not None else ("", False)


def _amend_transfer(catalogue: Catalogue, only: set[str] | None = None) -> None:
    """Count catalogue replications into the transfer badge of the entries that have them
    (of those in `only`, when given)."""
    from .criteria import Assessment, Replicator, with_replications

    for entry_id, replicas in catalogue.replicas.items():
        if only is not None and entry_id not in only:
            continue
        record = catalogue.records[entry_id]
        # The same list the index held, each marked confirmed when the origin lists it.
        confirmed = set(record.confirms)
        replicators = [Replicator(r.id, r.instansi, *_replica_facts(r), dikonfirmasi=r.id in confirmed)
                       for r in replicas]
        if isinstance(record, Record) and record.assessment is not None:
            record.assessment = with_replications(record.assessment, record.entry, replicators)
        elif record.badges_json is not None:
            base = Assessment.from_json(orjson.loads(record.badges_json))
            amended = with_replications(base, record.transfer, replicators)
            record.badges_json = orjson.dumps(amended.to_json(entry_id))
