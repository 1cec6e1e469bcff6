"""The catalogue: every entry file loaded and validated (on both cores), the rules that span
entries, and the indexes built once for everything downstream (badges, pages, exports).
"""

from __future__ import annotations

import multiprocessing
import os
import posixpath
import re
import stat
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from pathlib import Path
from sys import intern
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Self, TypeVar

import orjson

from . import clock, load_cache
from .diagnostics import ERROR, WARNING, Diagnostic, field_path, os_reason
from .loader import MAX_BYTES, Loc, body_of, parse_bytes, read_capped, read_file
from .machinery import iter_batches, long_lived, map_batches
from .model import Entry, Model
from .render import cache_key, local_images
from .text import shared_shingles, shingles, word_hashes
from .validation import validate_parsed
from .verification import (
    MAX_RECORD_BYTES,
    State,
    check_folder,
    evidence_fingerprint,
    lifecycle,
    parse_record,
    read_record,
    record_path,
)

if TYPE_CHECKING:
    from .criteria import Assessment, Replicator
    from .criteria.results import Badge



@dataclass
class EntryFacts:
    """What the rules across entries read of one valid entry, however it was loaded: its id and
    place, what it replicates and confirms, the positions those rules may point at, its own
    words, its evidence fingerprint and its place in the lifecycle.

    A catalogue holds one of two shapes, and its type says which (`Catalogue[Record]`,
    `Catalogue[Checked]`): `load_files` keeps each entry's model, badges and body digest (`Record`: the
    site build, open data), `check_files` keeps only these facts and the badges as JSON
    (`Checked`: `katalog validate` and `katalog badges`, where 32,000 models sent between
    processes would cost seconds and memory). The three questions the rules across entries ask
    of either shape are its methods, each answered from what that shape keeps."""

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
    # origin's: made by the worker for an entry that replicates, and for an origin while the rule
    # compares it (`_words_of`); None otherwise.
    words: tuple[Passage, ...] | None = field(default=None, repr=False)
    confirms: tuple[str, ...] = ()  # replikasi_dikonfirmasi: the replications its agency confirms
    sidik: str = ""  # the fingerprint of its evidence (`verification.evidence_fingerprint`)
    # Its place in the lifecycle (`verification.lifecycle`); "diajukan" until the loader says more.
    verifikasi: State = State("diajukan")
    # A hash of everything its own load depends on (`load_cache.key`: its file's and its record's
    # bytes, the build date, the kind of load, the code): equal keys, equal model, body, own badges
    # and lifecycle. What the outputs of an unchanged entry are keyed by (with what they read
    # across entries); "" when the file could not be read plainly (then nothing is kept by it).
    key: str = field(default="", repr=False, compare=False)

    @property
    def is_published(self) -> bool:
        return not self.draf

    def at(self, loc: Loc) -> tuple[int, int]:
        while loc:
            if loc in self.positions:
                return self.positions[loc]
            loc = loc[:-1]
        return (1, 1)

    @classmethod
    def made(cls, facts: dict[str, Any], entry: Entry, body: Body, assessment: Assessment | None) -> Self:
        """The record of this shape for a valid entry, its badges assessed (or not: `badges=False`)."""
        raise NotImplementedError

    def kept_words(self) -> tuple[Passage, ...] | None:
        """Its own words from what this shape keeps; None when only its file has them."""
        raise NotImplementedError

    def replica_facts(self) -> tuple[str, bool]:
        """(tahapan, own evidence), for the badge of the entries it replicates; ("", False) when
        not known (it then does not count)."""
        raise NotImplementedError

    def amend_transfer(self, replicators: list[Replicator]) -> None:
        """Count the catalogue's replications of this entry into its transfer badge."""
        raise NotImplementedError


@dataclass
class Checked(EntryFacts):
    """One valid entry as `check_files` keeps it: its facts and its badges as UTF-8 JSON
    (`Assessment.to_json`), which cost next to nothing to send between processes or to print,
    with the little the transfer badge reads of it (`TransferFacts`). Both are None in a load
    without badges (`badges=False`: validation only)."""

    badges_json: bytes | None = field(default=None, repr=False)
    transfer: TransferFacts | None = field(default=None, repr=False)

    @classmethod
    def made(cls, facts: dict[str, Any], entry: Entry, body: Body, assessment: Assessment | None) -> Checked:
        if assessment is None:
            return cls(**facts)
        return cls(**facts, badges_json=orjson.dumps(assessment.to_json(facts["id"])),
                   transfer=TransferFacts.of(entry))

    def kept_words(self) -> tuple[Passage, ...] | None:
        return None

    def replica_facts(self) -> tuple[str, bool]:
        facts = self.transfer
        return (facts.tahapan, facts.bukti_sendiri) if facts is not None else ("", False)

    def amend_transfer(self, replicators: list[Replicator]) -> None:
        if self.badges_json is None or self.transfer is None:
            return
        from .criteria import Assessment, with_replications

        base = Assessment.from_json(orjson.loads(self.badges_json))
        self.badges_json = orjson.dumps(with_replications(base, self.transfer, replicators).to_json(self.id))


class Body(NamedTuple):
    """What a catalogue keeps of an entry's body (its story): not its text (9 KB an entry, a
    third of what a record held), but its digest and the images it shows. The text is read again
    from the entry's file by whoever needs it (`read_body`: the page writers, on a miss of the
    body cache; the search index), and held to that digest: a file changed since the load is
    refused (`BodyChanged`), never shown with other words than the load validated."""

    key: str = ""  # `render.cache_key` of the body and its file's folder; "" when not loaded (`with_body=False`)
    images: tuple[str, ...] = ()  # the files of the docs dir it shows (`render.local_images`)


NO_BODY = Body()


def body_facts(body: str, source: str) -> Body:
    """What a catalogue keeps of `body`, the body of the entry file at `source` (below the docs dir)."""
    folder = posixpath.dirname(source)
    return Body(cache_key(body, folder), tuple(local_images(body, folder)))


class BodyChanged(ValueError):
    """An entry's file no longer holds the body its load saw (`read_body`): said in words."""


_SHORT = 64
_SHARED: dict[Any, Any] = {}
"""The sets of fields and the dates of the models made while a load runs, by value (`_compact`)."""


def _compact(model: Model) -> None:
    """`model` and the models in it made to hold less (a catalogue holds tens of thousands; a
    model took 12 KB where its JSON takes 2.5): each one's set of the fields its file gave
    (`model_fields_set`, a set of its own per model: 40 % of that) shared, as a frozenset, with
    every model of the load that has the same; its dates and short texts (slugs, names, ids)
    shared likewise; and a model of short plain values (`_plain_models`: an agency, a region,
    a contact) shared whole with every equal one of the load (most entries of an agency or a
    region have the same: each then costs nothing to hold, and nothing to compact again). The
    values stay equal: nothing reads them otherwise. Nothing changes a model once it is loaded
    (pydantic would add to its set of fields: a frozenset refuses)."""
    models = _MODELS or _init_models()
    plain = _PLAIN
    shared = _SHARED.setdefault
    todo = [model]
    while todo:
        m = todo.pop()
        fields = frozenset(m.__pydantic_fields_set__)
        object.__setattr__(m, "__pydantic_fields_set__", shared(fields, fields))
        values = m.__dict__
        for name, value in values.items():
            if value is None:
                continue
            kind = type(value)
            if kind is str:
                if len(value) <= _SHORT:
                    values[name] = intern(value)
            elif kind in plain:
                values[name] = _shared_model(value)
            elif kind in models:
                todo.append(value)
            elif kind is list:
                for i, item in enumerate(value):
                    kind = type(item)
                    if kind is str:
                        if len(item) <= _SHORT:
                            value[i] = intern(item)
                    elif kind in plain:
                        value[i] = _shared_model(item)
                    elif kind in models:
                        todo.append(item)
            elif kind is date:
                values[name] = shared(value, value)


def _shared_model(model: Model) -> Model:
    """The model of the load equal to `model` (a `_plain_models` one: same class, same set of
    fields given, same values), or `model` itself, compacted, if it is the first. The set of
    fields is part of the key: an equal contact that also gives `telepon: null` is another model,
    and whichever of the two the load meets first shares with its own kind only."""
    values = model.__dict__
    fields = frozenset(model.__pydantic_fields_set__)
    fields = _SHARED.setdefault(fields, fields)
    key = (type(model), fields, *values.values())
    found = _SHARED.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    object.__setattr__(model, "__pydantic_fields_set__", fields)
    for name, value in values.items():
        kind = type(value)
        if kind is str:
            if len(value) <= _SHORT:
                values[name] = intern(value)
        elif kind is date:
            values[name] = _SHARED.setdefault(value, value)
    _SHARED[key] = model
    return model


_MODELS: set[type] = set()
"""Every model class of `model` (`_compact`'s test of a value: `isinstance` on a pydantic class is slow)."""
_PLAIN: set[type] = set()
"""The model classes `_compact` shares whole by value (`_plain_models`)."""


def _init_models() -> set[type]:
    _MODELS.update(_subclasses(Model))
    _PLAIN.update(_plain_models(_MODELS))
    return _MODELS


def _plain_models(models: Iterable[type]) -> set[type]:
    """The model classes whose every field holds an integer, a date, a closed vocabulary's value,
    a text that is no prose (a name, a number, an id, an address: none longer than 300
    characters but by a pattern) or nothing: equal ones are common across entries (an agency,
    its region, its contact), and their values make a key as they are (no float, whose 1.0
    equals the integer 1, no bool, no list, no model in them)."""
    from types import UnionType
    from typing import Annotated, Literal, Union, get_args, get_origin

    def leaves(kind: Any, metadata: list[Any]) -> list[tuple[Any, list[Any]]]:
        if get_origin(kind) is Annotated:
            return leaves(kind.__origin__, [*metadata, *kind.__metadata__])
        if get_origin(kind) is Union or isinstance(kind, UnionType):
            return [leaf for arg in get_args(kind) for leaf in leaves(arg, metadata)]
        return [(kind, metadata)]

    def text(metadata: list[Any]) -> bool:
        metadata = [*metadata, *(m for f in metadata for m in getattr(f, "metadata", ()))]  # a `Field`'s own
        longest = min((m.max_length for m in metadata if getattr(m, "max_length", None) is not None), default=None)
        patterned = any(getattr(m, "pattern", None) for m in metadata)
        return patterned or (longest is not None and longest <= 300)

    found = set()
    for kind in models:
        fields = getattr(kind, "model_fields", {})
        if fields and all(
            all(leaf in (int, date, type(None)) or (leaf is str and text(metadata))
                or (get_origin(leaf) is Literal and all(type(a) is str for a in get_args(leaf)))
                for leaf, metadata in leaves(info.annotation, list(info.metadata)))
            for info in fields.values()):
            found.add(kind)
    return found


def _subclasses(kind: type) -> set[type]:
    found = {kind}
    for sub in kind.__subclasses__():
        found |= _subclasses(sub)
    return found


def read_body(path: str | os.PathLike[str], source: str, key: str, display: str) -> str:
    """The body of the entry file at `path` (`source` below the docs dir), read again and held to
    `key`, the digest the load made of it (`Body.key`). A file changed, gone or unreadable since
    the load is `BodyChanged`: its page (or search text) is never made of other words than the
    ones the load validated and the rest of the site shows (the badges read the body too)."""
    why = "isinya berubah"
    try:
        with open(path, "rb", opener=load_cache.no_follow) as f:
            raw = read_capped(f)
        body = body_of(raw) if len(raw) <= MAX_BYTES else None
    except (OSError, UnicodeDecodeError) as error:
        body, why = None, f"tidak dapat dibaca lagi ({os_reason(error) if isinstance(error, OSError) else 'bukan UTF-8'})"
    if key and body is not None and cache_key(body, posixpath.dirname(source)) == key:
        return body
    raise BodyChanged(f"{display}: file ini {why} setelah katalog dimuat, selama situs dibangun; uraiannya tidak "
                      "dipakai. Jalankan build lagi setelah file selesai diubah")


@dataclass(kw_only=True)
class Record(EntryFacts):
    """One valid entry with its model and badges, and what is kept of its body (`Body`: its
    digest and images; the text stays in its file, `read_body`): what `load_files` keeps (the
    site build, `katalog export`), and what pages and open data read."""

    entry: Entry
    assessment: Assessment
    body: Body = NO_BODY

    @classmethod
    def made(cls, facts: dict[str, Any], entry: Entry, body: Body, assessment: Assessment | None) -> Record:
        assert assessment is not None, "a full load always assesses"
        return cls(**facts, entry=entry, body=body, assessment=assessment)

    def read_body(self) -> str:
        """Its body, read again from its file and held to what the load saw (`read_body`)."""
        return read_body(self.path, self.source, self.body.key, self.display)

    def kept_words(self) -> tuple[Passage, ...] | None:
        if not self.body.key:
            return None  # loaded without its body (`with_body=False`)
        try:
            body = self.read_body()  # the file read again, but its front matter not parsed again
        except BodyChanged:
            return None  # changed meanwhile: read whole (`_origin_words`)
        e = self.entry
        return own_words(e.ringkasan, e.masalah, e.kebaruan.uraian if e.kebaruan else None, body, self.body_line,
                         min_words=1)

    def replica_facts(self) -> tuple[str, bool]:
        if not self.replicates:
            return ("", False)  # replicates nothing: no badge reads it
        from .criteria import own_evidence

        return (self.entry.tahapan, own_evidence(self.entry))

    def amend_transfer(self, replicators: list[Replicator]) -> None:
        from .criteria import with_replications

        self.assessment = with_replications(self.assessment, self.entry, replicators)


R = TypeVar("R", bound=EntryFacts)
"""The shape of a catalogue's records: `Record` or `Checked`."""


@dataclass
class Catalogue(Generic[R]):
    records: dict[str, R]
    diagnostics: list[Diagnostic]
    today: date
    files: int = 0
    replicas: dict[str, list[R]] = field(default_factory=dict, repr=False)
    # The diagnostics of the rules across entries (a part of `diagnostics`): `reload` redoes them.
    across: list[Diagnostic] = field(default_factory=list, repr=False)
    records_dir: str | None = None  # the verification records' folder (`verification.RECORD_DIR`), if any
    # The copied-text rule's findings by pair of load keys (`Copied.now`): `reload` compares again
    # only the pairs in which an entry changed.
    copied: dict[str, list[Any]] = field(default_factory=dict, repr=False)

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    def published(self) -> list[R]:
        return [r for r in self.records.values() if r.is_published]

    def replicas_of(self, entry_id: str) -> list[R]:
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


def display_path(path: Path, here: str | None = None) -> str:
    """How diagnostics name a file: as given when relative, else relative to here if below it.
    `here`: the working folder, when the caller knows it (a load names thousands of files)."""
    if not path.is_absolute():
        return str(path)
    text = str(path)
    if _plain(text):  # below the working folder or not, without relpath's cost
        here = here or os.getcwd()
        if text == here:
            return "."
        here += "" if here.endswith(os.sep) else os.sep
        return text[len(here):] if text.startswith(here) and len(text) > len(here) else text
    try:
        shown = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if shown.startswith("..") else shown


def _plain(path: str) -> bool:
    """An absolute path as `os.path.abspath` would write it (no `.`, `..` or empty part, no
    trailing separator): one whose place below another is a matter of its leading characters.
    (A part that merely starts with a dot, a hidden name, is taken the long way.)"""
    sep = os.sep
    return (path.startswith(sep) and not path.startswith(sep * 2) and sep + "." not in path
            and sep * 2 not in path and not path.endswith(sep)
            and (os.altsep is None or os.altsep not in path))


@dataclass(frozen=True)
class _Job:
    path: Path
    source: str
    today: date
    shape: type[EntryFacts]  # `Record` or `Checked`
    with_body: bool
    badges: bool
    records_dir: str | None = None
    cached: bool = False  # whether the load cache is in use (the keys it holds: `_KEPT`)
    keyed: bool = False  # whether each record gets its `key` (a full load always; the cache needs it)


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


_Result = tuple["EntryFacts | None", list[Diagnostic], str, "bytes | None"]
"""A file's record (None: not a valid entry), its diagnostics, its key in the load cache (""
when it has none) and what the cache is to keep of it: a new line, `load_cache.HELD` (the line
it has), or None (nothing)."""

_KEPT: set[str] = set()
"""The keys the load cache holds while a load runs: set before the workers are forked (they
share it as it is, and tell a hit from a miss by it), emptied afterwards. The parent takes a key
out as it makes that file's record (`_hit_result`)."""

_LINES: dict[str, bytes] = {}
"""The lines of the load cache's shard whose files the parent is making records of, by key
(`load_cache.lines_of`): one shard's at a time, read as the load reaches its files."""

_HERE: str | None = None
"""The working folder while a load runs (`display_path` of every file would ask the system)."""


def _load_batch(jobs: Sequence[_Job], lines: bool | None = None) -> list[_Result | _Hit | _Fresh]:
    """Load and validate a batch of entries, then assess the valid ones. A file the load cache
    holds is only read and hashed here: it comes back as a `_Hit` (its key, its body's `Body`), and the
    process that gathers the results makes its record from the cache (`_from_cache`), which
    costs less than making the model here and sending it over (measured: a model pickled in a
    worker and unpickled in the parent cost about four times what pydantic's parser takes). In a
    worker (`lines`; by default: when this process is a forked worker), a file just loaded that
    the cache is to keep comes back the same way, as its line and body (`_Fresh`).

    Badges are computed here, on both cores, as if nobody in the catalogue replicated the
    entry; the parent amends the transfer badge of the few that are (`_amend_transfer`). They
    are computed in a second pass over the batch rather than entry by entry: run back
    to back, the criteria code stays hot in the processor's caches, which halves its cost
    (measured: 49 → 24 µs per entry)."""
    from .criteria import assess

    out: list[_Result | _Hit | _Fresh] = []
    if lines is None:  # in a worker, whose results are sent over: a `_Fresh` for each file the cache is to keep
        lines = multiprocessing.parent_process() is not None
    for start in range(0, len(jobs), _BADGE_BATCH):  # a few hundred models alive at a time
        part = jobs[start:start + _BADGE_BATCH]
        keyed = [_keyed(job) if job.keyed else ("", None, None) for job in part]
        loaded: list[_Loaded | _Hit] = []
        for job, (key, raw, record) in zip(part, keyed, strict=True):
            if key in _KEPT:
                loaded.append(_Hit(key, body_facts(body_of(raw), job.source) if job.with_body and raw is not None
                                   else NO_BODY))
            else:
                loaded.append(_load_one(job, raw, record))
        for job, (key, _, _), made in zip(part, keyed, loaded, strict=True):
            if isinstance(made, _Hit):
                out.append(made)
                continue
            facts, entry, body, diags = made
            if facts is None:
                out.append((None, diags, key, _to_keep(key, None, None, None, diags) if job.cached else None))
                continue
            assessment = None
            if job.badges:
                try:
                    assessment = assess(entry, replicated_by=(), today=job.today)
                except Exception as exc:  # noqa: BLE001 — as in `_load_one`: this file's problem only
                    out.append((None, [*diags, internal_error(facts["display"], exc)], "", None))
                    continue
            keep = _to_keep(key, facts, entry, assessment, diags) if job.cached else None
            kept_body = body_facts(body, job.source) if job.with_body else NO_BODY
            if keep is not None and lines:
                out.append(_Fresh(key, keep, kept_body))
                continue
            made_record = job.shape.made(facts, entry, kept_body, assessment)
            made_record.key = key
            out.append((made_record, diags, key, keep))
    return out


class _Fresh(NamedTuple):
    """A file a worker has just loaded, as the load cache is to keep it (`_to_keep`'s line) with
    its body: the process that gathers the results makes its record from the line, as from a
    hit (`_from_cache`). Sending the line costs far less than sending the record (measured per
    entry: 100 µs to pickle the record in the worker and 110 µs to unpickle it in the parent,
    against 9 µs for the line and 75 µs to make the record from it)."""

    key: str
    line: bytes
    body: Body


class _Hit(NamedTuple):
    """A file the load cache holds, as a worker hands it back: its key and what is kept of its body."""

    key: str
    body: Body


def _hit_result(job: _Job, hit: _Hit) -> _Result:
    """The result of a file the load cache holds, made from what it holds; when that does not
    read back, the file is loaded anew (and kept anew)."""
    # Taken out of the cache as it is read; a changed shard is written with the lines of the
    # file on disk (`save_shard`). Without its line (the shard changed since its keys were
    # read), or with one that does not read back, the file is no hit any more: loaded anew.
    _KEPT.discard(hit.key)
    text = _LINES.pop(hit.key, None)
    made = _from_cache(job, text, hit.body) if text is not None else None
    if made is None:  # the file is loaded as if it were new, and kept anew
        (result,) = _load_batch([job], lines=False)
        assert not isinstance(result, _Hit | _Fresh)
        return result
    facts, entry, body, diags, assessment = made
    if facts is None:
        return None, diags, hit.key, load_cache.HELD
    record = job.shape.made(facts, entry, body, assessment)
    record.key = hit.key
    return record, diags, hit.key, load_cache.HELD


def _fresh_result(job: _Job, fresh: _Fresh) -> _Result:
    """The result of a file a worker has just loaded, made from the line it sent (`_Fresh`)."""
    made = _from_cache(job, fresh.line, fresh.body)
    if made is None or made[0] is None:  # not expected: a line just made reads back; then as before
        (result,) = _load_batch([job], lines=False)
        assert not isinstance(result, _Hit | _Fresh)
        return result
    facts, entry, body, diags, assessment = made
    record = job.shape.made(facts, entry, body, assessment)
    record.key = fresh.key
    return record, diags, fresh.key, fresh.line


def _keyed(job: _Job) -> tuple[str, bytes | None, bytes | None]:
    """The file's key in the load cache, its bytes and its verification record's bytes (None:
    it has none), each parsed from there, not read again. A file or record that cannot be read
    plainly here (too large, a link, not a regular file, gone) has no key: the full load reads
    it and says what is wrong."""
    try:
        with open(job.path, "rb", opener=load_cache.no_follow) as f:
            raw = read_capped(f)
        record = None
        if job.records_dir is not None:
            if os.path.islink(job.records_dir):
                return "", None, None
            try:
                f = open(record_path(job.records_dir, job.path.stem), "rb", opener=load_cache.no_follow)  # noqa: SIM115
            except FileNotFoundError:
                pass  # no record: the entry is *diajukan*
            else:
                with f:
                    if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
                        return "", None, None
                    record = read_capped(f)
    except OSError:
        return "", None, None
    if len(raw) > MAX_BYTES or (record is not None and len(record) > MAX_BYTES):
        return "", None, None
    context = (f"{job.path}\0{job.source}\0{job.today.isoformat()}\0{job.shape.__name__}\0{job.with_body}\0"
               f"{job.records_dir is not None}")
    return load_cache.key(raw, record, context), raw, record


def _from_cache(job: _Job, text: bytes, body: Body) -> tuple[Any, ...] | None:
    """What `_load_one` and the assessment give for the file, from what the load cache kept of
    it (`_to_keep`'s JSON text) and its body: (facts, entry, body, diagnostics, assessment);
    None when that cannot be read back (the file is then loaded as if it were new)."""
    try:
        kept = orjson.loads(text)
        diags = [Diagnostic(*d) for d in kept["d"]]
        if kept["e"] is None:
            return None, None, NO_BODY, diags, None
        f = kept["f"]
        entry = Entry.model_validate_json(kept["e"])
        assessment = _assessment_of(kept["a"]) if job.badges else None
        words = None if f["w"] is None else tuple(
            Passage(tuple(where) if isinstance(where, list) else where, array("I", bytes.fromhex(hashes)))
            for where, hashes in f["w"])
        state = f["v"]
        facts = dict(id=job.path.stem, path=job.path, source=job.source, body_line=f["b"],
                     display=display_path(job.path, _HERE), provinsi=f["p"], draf=f["r"], replicates=tuple(f["rep"]),
                     instansi=f["i"], positions={tuple(loc): (at[0], at[1]) for loc, at in f["pos"]}, words=words,
                     confirms=tuple(f["c"]), sidik=f["s"],
                     verifikasi=State(*state[:2], _day(state[2]), *state[3:7], tuple(state[7]), tuple(state[8]),
                                      _day(state[9])))
        return facts, entry, body, diags, assessment
    except Exception:  # noqa: BLE001 — a cache entry that does not read back is only a miss
        return None


def _assessment_of(kept: list[Any]) -> Assessment:
    """The inverse of `_kept_assessment`."""
    from .criteria.results import Assessment

    badges, lengkap, skor = kept
    made = [_BADGES.get(text) or _badge_of(text) for text in badges]
    if type(lengkap) is not bool or type(skor) is not int:
        raise ValueError("not an assessment")
    return Assessment({badge.key: badge for badge in made}, lengkap, skor)


def _badge_of(text: str) -> Badge:
    """A badge from its JSON text, made once per load for every entry that has the same one
    (most entries share most of theirs: the same level for the same reasons); its texts
    shared with other badges, as `assess` shares them (they would otherwise be held once per
    entry: megabytes). Nothing changes a badge once made: an amended transfer badge is a new one."""
    from .criteria.results import Badge, Missing

    key, label, level, alasan, kurang, replikasi = orjson.loads(text)
    badge = Badge(intern(key), intern(label), level, [intern(a) for a in alasan],
                  [Missing(*map(intern, m)) for m in kurang], tuple((entry_id, why) for entry_id, why in replikasi))
    _BADGES[text] = badge
    return badge


_BADGES: dict[str, Badge] = {}
"""The badges made from the load cache while a load runs, by their JSON text (`_badge_of`)."""


def _share_badges(assessment: Assessment) -> None:
    """The badges of an assessment a worker made (and sent over: each its own objects), shared
    with every entry of the load that has an equal one, as `_badge_of` shares those the load
    cache gives: 3.5 KB an entry otherwise."""
    kriteria = assessment.kriteria
    for name, badge in kriteria.items():
        value = (badge.key, badge.label, badge.level, tuple(badge.alasan), tuple(badge.kurang), badge.replikasi)
        kriteria[name] = _SHARED.setdefault(value, badge)


def _kept_assessment(assessment: Assessment) -> list[Any]:
    """An entry's own badges (`assess` with nobody replicating it), as the load cache keeps them:
    every field of every badge, each badge as a JSON text of its own, read back by
    `_assessment_of` (assessing again costs twice as much)."""
    return [[orjson.dumps([b.key, b.label, b.level, b.alasan, [list(m) for m in b.kurang],
                           [list(r) for r in b.replikasi]]).decode()
             for b in assessment.kriteria.values()], assessment.lengkap, assessment.skor]


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _to_keep(key: str, facts: dict[str, Any] | None, entry: Entry | None, assessment: Assessment | None,
             diags: list[Diagnostic]) -> bytes | None:
    """What the load cache keeps of a file just loaded, as one line of JSON (the model in it as
    JSON text, read back by pydantic's parser, and its own badges), when it has a key."""
    if not key or any(d.message.startswith("galat internal") for d in diags):
        return None
    kept: dict[str, Any] = {"d": [[d.path, d.line, d.col, d.severity, d.field, d.message] for d in diags],
                            "e": None, "f": None, "a": None}
    if facts is None or entry is None:
        return orjson.dumps(kept)
    state = facts["verifikasi"]
    kept["e"] = entry.model_dump_json()
    kept["a"] = _kept_assessment(assessment) if assessment is not None else None
    kept["f"] = {"b": facts["body_line"], "p": facts["provinsi"], "r": facts["draf"], "rep": list(facts["replicates"]),
                 "i": facts["instansi"], "pos": [[list(loc), list(at)] for loc, at in facts["positions"].items()],
                 "w": None if facts["words"] is None else [[list(p.where) if isinstance(p.where, tuple) else p.where,
                                                            p.words.tobytes().hex()] for p in facts["words"]],
                 "c": list(facts["confirms"]), "s": facts["sidik"],
                 "v": [*state[:2], _iso(state[2]), *state[3:7], list(state[7]), list(state[8]), _iso(state[9])]}
    return orjson.dumps(kept)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


_BADGE_BATCH = 256


_Loaded = tuple[dict[str, Any] | None, Any, str, list[Diagnostic]]
"""What one file gives: the facts of a valid entry (`EntryFacts`' fields), its model and body,
and its diagnostics; (None, None, "", diagnostics) for an invalid one."""


def _load_one(job: _Job, raw: bytes | None = None, record: bytes | None = None) -> _Loaded:
    """One file (from `raw`, its bytes, and `record`, its verification record's, when `_keyed`
    read them already); whatever goes wrong inside stays this file's diagnostic, never hides the
    others'."""
    try:
        return _load_file(job, raw, record)
    except Exception as exc:  # noqa: BLE001 — a bug of ours met by one file must not stop the run
        return None, None, "", [internal_error(display_path(job.path), exc)]


def internal_error(display: str, exc: BaseException) -> Diagnostic:
    return Diagnostic(display, 1, 1, ERROR, "",
                      f"galat internal saat memeriksa file ini ({type(exc).__name__}); mohon laporkan ke pengelola "
                      "katalog beserta file ini")


def _load_file(job: _Job, raw: bytes | None = None, record_raw: bytes | None = None) -> _Loaded:
    """One file; `raw` and `record_raw`: as `_keyed` read them (then `record_raw` None means the
    entry has no record), or None to read them here."""
    display = display_path(job.path, _HERE)
    parsed = parse_bytes(raw, display) if raw is not None else read_file(job.path, display)
    entry, diags = validate_parsed(parsed, job.path.stem, job.today, job.path)
    if entry is None:
        return None, None, "", diags
    # Its verification record, read here on every core: the record's problems are this entry's.
    sidik = evidence_fingerprint(entry)
    record = None
    if job.records_dir is not None and not os.path.islink(job.records_dir):  # a linked folder: check_folder says
        where = record_path(job.records_dir, job.path.stem)
        found = None
        if raw is not None and (record_raw is None or len(record_raw) <= MAX_RECORD_BYTES):
            if record_raw is not None:  # a regular file (`_keyed`): what `read_record` would read
                record, found = parse_record(parse_bytes(record_raw, display_path(Path(where), _HERE), document=True),
                                             job.today)
        elif os.path.lexists(where):
            record, found = read_record(where, display_path(Path(where), _HERE), job.today)
        if found is not None:
            diags = [*diags, *found]
            if record is None and any(d.is_error for d in found):
                return None, None, "", diags
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
    return facts, entry, parsed.body if job.with_body else "", diags


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
               jobs: int | None = None, with_body: bool = True,
               records_dir: str | os.PathLike[str] | None = None, cache: str | None = None) -> Catalogue[Record]:
    """Load, validate, assess and cross-check the given entry files as one catalogue, keeping each
    valid entry's model, badges and body digest (`Body`; none with `with_body=False`): what the
    site and the open data are made from. `records_dir`: the verification records' folder (`verifikasi/`), read
    with the entries and held to its allow-list; without it every published entry is *diajukan*.
    `cache`: a folder where what each file gave is kept for the next load (`load_cache`)."""
    return _load(files, Record, docs_dir, today, jobs, with_body, True, records_dir, cache)


def check_files(files: Sequence[Path], *, docs_dir: Path | None = None, today: date | None = None,
                jobs: int | None = None, badges: bool = True,
                records_dir: str | os.PathLike[str] | None = None) -> Catalogue[Checked]:
    """`load_files` keeping no models or bodies (`Checked`): the `validate` and `badges`
    commands. `badges=False` skips the criteria (validation only)."""
    return _load(files, Checked, docs_dir, today, jobs, False, badges, records_dir, None)


def _load(files: Sequence[Path], shape: type[R], docs_dir: Path | None, today: date | None, jobs: int | None,
          with_body: bool, badges: bool, records_dir: str | os.PathLike[str] | None,
          cache: str | None) -> Catalogue[R]:
    today = today or clock.today()
    folder = os.fspath(records_dir) if records_dir is not None else None
    with long_lived():
        work = [_Job(path, _source(path, docs_dir), today, shape, with_body, badges, folder, cache is not None,
                     cache is not None or shape is Record)
                for path in files]
        return _load_files(work, today, jobs, badges, folder, cache)


def _load_files(work: list[_Job], today: date, jobs: int | None, badges: bool,
                records_dir: str | None = None, cache: str | None = None) -> Catalogue[Any]:
    global _KEPT, _LINES, _HERE
    kept = _KEPT = load_cache.load(cache)
    try:
        _HERE = os.getcwd()
    except OSError:
        _HERE = None
    # With a cache, the files go by shard (each shard's in their own order): the parent reads a
    # shard's lines when it reaches that shard's files and lets them go after, writing the shard
    # at once if it changed, so that it holds one shard's lines at a time (a 64th), not all.
    shards = [load_cache.shard(str(job.path)) for job in work] if cache is not None else [""] * len(work)
    order = sorted(range(len(work)), key=shards.__getitem__)
    try:
        # Taken as the workers hand them on: a file the cache holds is made here (`_hit_result`)
        # while the workers read and hash the next ones.
        results = iter_batches(_load_batch, [work[i] for i in order], jobs=jobs)
        diagnostics: list[Diagnostic] = []
        made: list[EntryFacts | None] = [None] * len(work)  # in the files' own order
        shard: str | None = None
        # The line of each of the shard's files, or `load_cache.HELD`: the one the cache has.
        keep: dict[str, bytes] = {}
        for index, result in zip(order, results, strict=True):
            job = work[index]
            if shards[index] != shard:
                if cache is not None and shard is not None:
                    load_cache.save_shard(cache, shard, keep, kept)
                shard, keep, _LINES = shards[index], {}, {}
                if kept.lines.get(shard):
                    _LINES = load_cache.lines_of(cache, shard)
            # A record made from a cache line (a hit, or a line a worker sent) has its badges
            # shared already (`_badge_of`); one a worker sent whole has badges of its own.
            from_line = isinstance(result, _Hit | _Fresh)
            if isinstance(result, _Hit):
                result = _hit_result(job, result)
            elif isinstance(result, _Fresh):
                result = _fresh_result(job, result)
            record, diags, key, fresh = result
            diagnostics.extend(diags)
            if record is not None:
                if isinstance(record, Record):
                    _compact(record.entry)
                    if not from_line:
                        _share_badges(record.assessment)
                made[index] = record
            if key and fresh is not None:
                keep[key] = fresh
        del results
        # Each shard written whole, and only when it would hold something else: a line new, or
        # one gone (a warm build with nothing changed keeps every shard as it is); a shard none
        # of the files needs any more is removed.
        if cache is not None:
            if shard is not None:
                load_cache.save_shard(cache, shard, keep, kept)
            for name in kept.lines.keys() - set(shards):
                load_cache.save_shard(cache, name, {}, kept)
            load_cache.done(cache)
        del keep
        loaded = [record for record in made if record is not None]
        del made
    finally:
        _KEPT, _LINES, _HERE = set(), {}, None
        _BADGES.clear()
        _SHARED.clear()
    invalid_ids = {job.path.stem for job in work} - {r.id for r in loaded}
    copied = Copied(load_cache.load_copied(cache)) if cache is not None else Copied()
    records, cross = _cross_check(loaded, invalid_ids, copied)
    if cache is not None and copied.now != copied.before:
        load_cache.save_copied(cache, copied.now)
    diagnostics.extend(cross)
    if records_dir is not None:
        diagnostics.extend(check_folder(records_dir, set(records) | invalid_ids, display_path(Path(records_dir)),
                                        today))
    catalogue = Catalogue(records, sorted(diagnostics), today, files=len(work), across=cross,
                          records_dir=records_dir, copied=copied.now)
    _index_replicas(catalogue)
    if badges:
        _amend_transfer(catalogue)
    return catalogue


def load_catalogue(root: Path, *, today: date | None = None, jobs: int | None = None,
                   with_body: bool = True, records_dir: str | os.PathLike[str] | None = None) -> Catalogue[Record]:
    """Every entry below `root` (content/innovations), with its badges (and its verification
    records, from `records_dir`)."""
    return load_files(find_entry_files([root]), docs_dir=root.parent, today=today, jobs=jobs, with_body=with_body,
                      records_dir=records_dir)


class Reloaded(NamedTuple):
    catalogue: Catalogue[Record]
    changed: list[str]  # the ids of the files given
    affected: list[str]  # ids whose page or open data may differ: those, and the entries they name or that name them


def reload(catalogue: Catalogue[Record], files: Sequence[Path], *, docs_dir: Path | None = None) -> Reloaded | None:
    """`catalogue` with `files` (new or edited entry files) read again, for `mkdocs serve` after an
    edit: the files are loaded and validated here, in this process, and the rules across entries
    and the replication index are redone over the whole catalogue (fast: no file is read again).

    None when the result would not be a valid catalogue, or is not one `reload` can make: a file
    with an error, an error across entries, an id that another file already has, or a
    catalogue that had errors. The caller then loads everything anew (`load_files`), which
    reports every diagnostic."""
    if not catalogue.ok or not files:
        return None
    today = catalogue.today
    jobs = [_Job(Path(path), _source(Path(path), docs_dir), today, Record, True, True, catalogue.records_dir,
                 keyed=True) for path in files]
    loaded = _load_batch(jobs, lines=False)
    records = dict(catalogue.records)
    own: list[Diagnostic] = []
    fresh: list[Record] = []
    try:  # the models shared are this reload's only: none left for the next load, whatever returns
        for job, result in zip(jobs, loaded, strict=True):
            record, diags, _, _ = _hit_result(job, result) if isinstance(result, _Hit) else result
            if record is None or any(d.is_error for d in diags):
                return None
            old = records.get(record.id)
            if old is not None and os.path.abspath(old.path) != os.path.abspath(record.path):
                return None  # two files, one id
            own.extend(diags)
            _compact(record.entry)
            fresh.append(record)
    finally:
        _SHARED.clear()
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
    copied = Copied(catalogue.copied)
    checked, across = _cross_check(list(records.values()), set(), copied)
    if any(d.is_error for d in across):
        return None
    shown = {r.display for r in fresh}
    stale = set(catalogue.across)
    kept = [d for d in catalogue.diagnostics if d.path not in shown and d not in stale]
    files_count = catalogue.files + sum(1 for r in fresh if before[r.id] is None)
    updated = Catalogue(checked, sorted([*kept, *own, *across]), today, files=files_count, across=across,
                        records_dir=catalogue.records_dir, copied=copied.now)
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
        if entry_id not in changed:
            record.assessment = assess(record.entry, replicated_by=(), today=today)
    _amend_transfer(updated, only=set(affected))
    return Reloaded(updated, changed, list(affected))


def _source(path: Path, docs_dir: Path | None) -> str:
    """The file's path below the docs dir (for edit links); string work only, no syscalls."""
    text, base = str(path), str(docs_dir) + os.sep
    if docs_dir is not None and _plain(text) and _plain(base[:-1]) and text.startswith(base) and len(text) > len(base):
        return text[len(base):].replace(os.sep, "/")  # what relpath gives, at a tenth of its cost
    if docs_dir is not None:
        relative = os.path.relpath(os.path.abspath(path), os.path.abspath(docs_dir))
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return path.name


# --- rules across entries --------------------------------------------------------------------


def _diag(record: EntryFacts, loc: Loc, message: str, severity: str = ERROR) -> Diagnostic:
    line, col = record.at(loc)
    return Diagnostic(record.display, line, col, severity, field_path(loc), message)


def _cross_check(loaded: list[EntryFacts], invalid_ids: set[str],
                 copied: Copied | None = None) -> tuple[dict[str, EntryFacts], list[Diagnostic]]:
    out: list[Diagnostic] = []
    by_id: dict[str, list[EntryFacts]] = defaultdict(list)
    for record in loaded:
        by_id[record.id].append(record)
    records: dict[str, EntryFacts] = {}
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
    out.extend(_copied_words(records, copied))
    return records, out


def _words_of(records: dict[str, EntryFacts], wanted: list[str]) -> list[EntryFacts]:
    """Fill in the own words of the origins in `wanted` that do not have them yet: from the
    model a full load keeps and its body read again (`Record.kept_words`), else by reading the
    file again (on every core when many). The records filled in."""
    again: list[EntryFacts] = []
    filled: list[EntryFacts] = []
    for entry_id in wanted:
        record = records[entry_id]
        if record.words is not None:
            continue
        filled.append(record)
        record.words = record.kept_words()
        if record.words is None:
            again.append(record)
    if again:
        for record, words in zip(again, map_batches(_origin_words, [r.path for r in again]), strict=True):
            record.words = words or ()
    return filled


def _confirmations(record: EntryFacts, records: dict[str, EntryFacts], invalid_ids: set[str], ids: IdIndex) -> list[Diagnostic]:
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


def _copied_words(records: dict[str, EntryFacts], known: Copied | None = None) -> list[Diagnostic]:
    """A replication tells its own story: its summary, problem, novelty and long body paragraphs
    may not be its origin's text, nor mostly its origin's (`COPIED_SHARE` of their shingles; an
    error when published, a warning in a draft). Every text of the origin counts, paragraphs of
    any length included.

    `known`: what an earlier load found for each pair of a replication and an origin, by their
    keys (`load_cache.load_copied`): equal keys, equal texts, equal finding, so a warm load
    compares only the pairs in which an entry changed (and reads only those origins' words).
    The findings of this load are left in `known.now`."""
    out: list[Diagnostic] = []
    replicas = [r for r in records.values() if r.replicates and r.words]
    named = [(record, list(dict.fromkeys(t for t in record.replicates if t in records and t != record.id)))
             for record in replicas]
    found: dict[tuple[str, str], list[Loc | int]] = {}
    if known is not None:
        for record, targets in named:
            for target in targets:
                pair = known.pair(record, records[target])
                if pair is not None and pair in known.before:
                    found[record.id, target] = known.before[pair]
    todo = [(record, [t for t in targets if (record.id, t) not in found]) for record, targets in named]
    filled = _words_of(records, list({t: None for _, targets in todo for t in targets}))
    # An origin's shingles and whole texts, made once and dropped after the last replication naming it.
    uses = Counter(target for _, targets in todo for target in targets)
    texts: dict[str, tuple[set[bytes], set[bytes]]] = {}
    for record, targets in todo:
        for target in targets:
            origin = records[target]
            if target not in texts:
                texts[target] = (set().union(*(shingles(p.words) for p in origin.words or ())),
                                 {p.words.tobytes() for p in origin.words or ()})
            theirs, whole = texts[target]
            uses[target] -= 1
            if not uses[target]:
                del texts[target]
            copied_at: list[Loc | int] = []
            for where, words in record.words or ():
                if not words:
                    continue
                if len(words) < MIN_COMPARED_WORDS:
                    copied = words.tobytes() in whole
                else:
                    shared, total = shared_shingles(words, theirs)
                    copied = shared >= MIN_SHARED and shared >= COPIED_SHARE * total
                if copied:
                    copied_at.append(where)
            found[record.id, target] = copied_at
    for origin in filled:
        origin.words = None  # made for this rule only: what a load keeps does not depend on which pairs it compared
    for record, targets in named:
        for target in targets:
            origin = records[target]
            copied_at = found[record.id, target]
            if known is not None and (pair := known.pair(record, origin)) is not None:
                known.now[pair] = copied_at
            for where in copied_at:
                what = "paragraf ini" if isinstance(where, int) else "teks ini"
                message = (f"{what} sama atau hampir sama dengan teks inovasi asal '{target}' ({origin.instansi}); "
                           "replikasi menceritakan penerapannya sendiri: tulis dengan kata-kata instansi Anda")
                severity = WARNING if record.draf else ERROR
                if isinstance(where, int):
                    out.append(Diagnostic(record.display, where, 1, severity, "", message))
                else:
                    out.append(_diag(record, where, message, severity))
    return out


@dataclass
class Copied:
    """The copied-text rule's findings kept between loads (`_copied_words`): for each pair of a
    replication and an origin, by "<its key> <the origin's key>", where the replication's texts
    are its origin's (a body line, or a key path). `before`: an earlier load's; `now`: this one's."""

    before: dict[str, list[Loc | int]] = field(default_factory=dict)
    now: dict[str, list[Loc | int]] = field(default_factory=dict)

    @staticmethod
    def pair(record: EntryFacts, origin: EntryFacts) -> str | None:
        return f"{record.key} {origin.key}" if record.key and origin.key else None


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


def _cycles(records: dict[str, EntryFacts]) -> list[Diagnostic]:
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


def _index_replicas(catalogue: Catalogue[Any]) -> None:
    """Who replicates whom, by the badge's own rule (`criteria.replication_index`)."""
    from .criteria import replication_index

    records = catalogue.records
    index = replication_index((r.id, r.draf, r.instansi, r.replicates, *r.replica_facts())
                              for r in records.values())
    catalogue.replicas = {target: [records[rep.entry_id] for rep in replicators]
                          for target, replicators in index.items() if target in records}


def _amend_transfer(catalogue: Catalogue[Any], only: set[str] | None = None) -> None:
    """Count catalogue replications into the transfer badge of the entries that have them
    (of those in `only`, when given)."""
    from .criteria import Replicator

    for entry_id, replicas in catalogue.replicas.items():
        if only is not None and entry_id not in only:
            continue
        record = catalogue.records[entry_id]
        # The same list the index held, each marked confirmed when the origin lists it.
        confirmed = set(record.confirms)
        record.amend_transfer([Replicator(r.id, r.instansi, *r.replica_facts(), dikonfirmasi=r.id in confirmed)
                               for r in replicas])
