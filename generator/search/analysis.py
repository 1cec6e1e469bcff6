"""What each published entry gives the index, entry by entry, in a form kept between builds.

Reading an entry for the index (its fields' words, folded, stemmed, weighted) is most of the
index's cost. An `Analysis` holds each entry's result separately: its rows (term, weighted
count), its length and the word forms it uses, with a digest of what they were made from
(`entry_fingerprint`: its load key and the badges it reads across entries). A warm build reads
the previous build's analysis from the cache dir and reads again only the entries whose
fingerprint changed; everything after (scores,
postings, the files) is computed from the rows, and a row depends on its own entry only (the
length discount uses a fixed reference length, not the catalogue's mean), so a warm build and a
cold one make the same index byte for byte.
"""

from __future__ import annotations

import json
import os
import struct
import weakref
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import chain
from typing import Any

import numpy as np
import orjson

from .. import words
from ..catalogue import Record
from ..criteria import KEYS
from ..machinery import hasher, map_batches
from . import document

MAX_WORD = 40  # longer "words" (a pasted address, a hash) are not indexed
FORMAT = 3  # of the cached analysis: bump when what it holds changes
CACHE_FILE = "analisis.bin"


class Words(dict):
    """A word of the text → its number (in `raws`, in the order words first appear), resolved
    once per distinct word as it first appears, so that the mapping of a text's words runs at
    C speed (`map(words.__getitem__, …)`) and everything after works on numbers.

    Of word number r: `raws[r]` is the word; `stems[r]` what it counts as (its stem; "" for a
    word not indexed: a stop word, too short or too long; for a hyphenated word, a key of its
    own, "-" + the word, whose parts are counted after, `parts`); `keys[r]` the same as a key
    of an entry's counts: the stem's number in `terms`, `NOT_INDEXED`, or for a hyphenated
    word `-2 - r` (its parts' numbers in `part_terms[r]`). `single` and `phrases`: the synonym
    groups (`document.Synonyms`) by those keys, for the keys met so far."""

    def __init__(self, terms: Names, synonyms: document.Synonyms) -> None:
        super().__init__()
        self.stem = words.stemmer().stem
        self.stop = words.stop_words()
        self.terms = terms
        self.synonyms = synonyms
        self.raws: list[str] = []
        self.stems: list[str] = []
        self.keys: list[int] = []
        self.hyphenated: set[int] = set()
        self.parts: dict[str, tuple[tuple[str, str], ...]] = {}
        self.part_terms: dict[int, tuple[int, ...]] = {}
        self.single: dict[int, tuple[int, ...]] = {}
        self.phrases: dict[int, tuple[tuple[str, tuple[str, ...], int], ...]] = {}  # (phrase, its words, group)

    def __missing__(self, raw: str) -> int:
        number = len(self.raws)
        if "-" in raw:
            parts = tuple((part, self.stem(part)) for part in words.parts(raw)
                          if words.MIN_LENGTH <= len(part) <= MAX_WORD and part not in self.stop)
            self.parts[raw] = parts
            self.part_terms[number] = tuple(self.terms[stem] for _, stem in parts)
            self.hyphenated.add(number)
            found, key = "-" + raw, -2 - number
        elif len(raw) < words.MIN_LENGTH or len(raw) > MAX_WORD or raw in self.stop:
            found, key = "", NOT_INDEXED
        else:
            found = self.stem(raw)
            key = self.terms[found]
        groups = self.synonyms.single.get(found)
        if groups is not None:
            self.single[key] = groups
        phrases = self.synonyms.phrases.get(found)
        if phrases is not None:
            self.phrases[key] = tuple((phrase, tuple(phrase.split()), group) for phrase, group in phrases)
        self.raws.append(raw)
        self.stems.append(found)
        self.keys.append(key)
        self[raw] = number
        return number

    def groups_in(self, keys: Any, found: list[str], seen: set[int]) -> set[int]:
        """The synonym groups a text uses (as `document.Synonyms.groups_in` finds them): `keys`
        holds its words' keys (a set or a dict's keys), `found` its words in order, `seen` the
        numbers of every word of its entry so far (its own among them): a phrase none of whose
        words is missing from there is looked for in the text."""
        groups = {g for key in self.single.keys() & keys for g in self.single[key]}
        firsts = self.phrases.keys() & keys
        if firsts:
            joined = ""
            number = self.get
            for first in firsts:
                for phrase, phrase_words, group in self.phrases[first]:
                    if group in groups or not all(number(word, -1) in seen for word in phrase_words):
                        continue
                    joined = joined or " " + " ".join(found) + " "
                    if phrase in joined:
                        groups.add(group)
        return groups


NOT_INDEXED = -1
"""The key of a word not indexed (`Words`): counted, then dropped."""


class Names(dict):
    """Name → its number in `names` (given when first asked for)."""

    def __init__(self, names: Sequence[str] = ()) -> None:
        super().__init__((name, k) for k, name in enumerate(names))
        self.names: list[str] = list(names)

    def __missing__(self, name: str) -> int:
        self[name] = number = len(self.names)
        self.names.append(name)
        return number


def entry_digest(record: Record | document.Item, texts: list[tuple[int, str]] | None = None) -> bytes:
    """Of what one entry gives the index, made from its content: its card and its weighted texts."""
    card = record.card if isinstance(record, document.Item) else document.card(record)
    digest = hasher(b"d", json.dumps(card, ensure_ascii=False))
    for weight, text in document.texts(record) if texts is None else texts:
        digest.update(b"%d\0%d\0" % (weight, len(text)))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def entry_fingerprint(record: Record) -> bytes:
    """Of what one entry gives the search (its texts, card and facets), without making them.

    Everything `document` and `filters` read of an entry is a function of its load key
    (`record.key`: its file, its verification record, the build date, the code and tables,
    hence its id, model, body, lifecycle state and own badges) and of what it reads across
    entries: its badges as amended with the catalogue's replications (the transfer badge; with
    it the five levels, whether all five are earned, the score). A record without a key (a
    file that could not be read plainly, `serve`'s reload) is fingerprinted by its content
    (`entry_digest`: a fingerprint of another kind, never equal to a keyed one)."""
    if not record.key:
        return entry_digest(record)
    a = record.assessment
    levels = "".join(str(a.kriteria[k].level) for k in KEYS)
    return hasher(b"k", record.key, f"\0{record.id}\0{levels}\0{int(a.lengkap)}\0{a.skor}").digest()


@dataclass
class Analysis:
    """Entries' contributions, in the index's order: entry k's rows are `term[row[k]:row[k+1]]`
    (numbers into `terms`) with their weighted counts, its word forms `form[seen[k]:seen[k+1]]`
    (numbers into `raws`, each resolved in `stems`: a stem, "" or a hyphenated word's key)."""

    ids: list[str]
    digests: list[bytes]
    lengths: np.ndarray  # uint32: words of each entry
    row: np.ndarray  # int64, len(ids) + 1
    term: np.ndarray  # uint32 (`Stored` in an analysis `load` read: left in the cache file, as count and form)
    count: np.ndarray  # uint32
    seen: np.ndarray  # int64, len(ids) + 1
    form: np.ndarray  # uint32
    terms: list[str]
    raws: list[str]
    stems: list[str]
    parts: dict[str, list[tuple[str, str]]]  # hyphenated word → (form, stem) of its parts

    def __len__(self) -> int:
        return len(self.ids)


def analyse(records: Sequence[document.Item]) -> Analysis:
    """Read the entries for the index (`document.Item`; a body from its file, `Item.text_of_body`):
    per entry, the weighted count of every term (a stem's occurrences over its fields, each
    times the field's weight; its synonym groups; its province) and the word forms it uses.

    Each distinct word is resolved once (`Words`: its stem, its key, its synonym groups); an
    entry's words are split (`words.words_of`) and then counted by number, at C speed."""
    terms = Names()
    resolved = Words(terms, document.synonyms())
    keys = resolved.keys
    term, count, form = array("I"), array("I"), array("I")
    rows, seens, lengths = [0], [0], []
    digests: list[bytes] = []
    for record in records:
        texts = document.texts(record)
        digests.append(record.fingerprint or entry_digest(record, texts))
        tf: Counter = Counter()
        seen: set[int] = set()
        groups: dict[int, int] = {}
        length = 0
        for weight, text in texts:
            found = words.words_of(text)
            numbers = list(map(resolved.__getitem__, found))
            length += len(numbers)
            seen.update(numbers)
            if weight == document.CERITA and not tf:  # the story (first, weight 1): the counts start from it
                tf.update(map(keys.__getitem__, numbers))
                held: Any = tf.keys()
            else:
                field = Counter(map(keys.__getitem__, numbers))
                for key, n in field.items():
                    tf[key] += n * weight
                held = field.keys()
            for group in resolved.groups_in(held, found, seen):
                if groups.get(group, 0) < weight:
                    groups[group] = weight
        tf.pop(NOT_INDEXED, None)
        for number in seen & resolved.hyphenated:
            n = tf.pop(-2 - number, 0)
            for part in resolved.part_terms[number]:
                tf[part] += n
        for group, weight in groups.items():
            tf[terms[f"{document.SYNONYM}{group}"]] += weight
        tf[terms[document.PROVINCE + record.province]] = document.WILAYAH
        term.extend(array("I", tf))
        count.extend(array("I", tf.values()))
        form.extend(array("I", seen))
        rows.append(len(term))
        seens.append(len(form))
        lengths.append(length)
    return Analysis([r.id for r in records], digests, np.array(lengths, dtype=np.uint32),
                    np.array(rows, dtype=np.int64), np.frombuffer(term, dtype=np.uint32),
                    np.frombuffer(count, dtype=np.uint32), np.array(seens, dtype=np.int64),
                    np.frombuffer(form, dtype=np.uint32), terms.names, resolved.raws, resolved.stems,
                    {raw: list(parts) for raw, parts in resolved.parts.items()})


def join(pieces: Sequence[tuple[Analysis, int, int]]) -> Analysis:
    """One analysis of the entries `piece[1]:piece[2]` of each piece's analysis, in order. The
    numbers of terms and forms are those of the largest analysis given (a warm build's previous
    one: its rows are copied as they are), the others' renumbered into them; names no entry uses
    any more stay in the tables (they cost a few bytes, and no file holds them). One piece that
    is a whole analysis held in memory (a cold build's) is that analysis, not a copy.

    Each array is made at its full size first and each piece's run copied into its place: a
    piece of an analysis read from the cache (`load`: its large arrays left in the file) is read
    from there straight into it, so the previous analysis is never held whole beside the new one.
    `Damaged` when what was read from the cache names a term or a form its tables do not have."""
    if len(pieces) == 1 and pieces[0][1] == 0 and pieces[0][2] == len(pieces[0][0]) and not _stored(pieces[0][0]):
        return pieces[0][0]
    sources = list({id(a): a for a, start, end in pieces if start < end}.values())
    base = max(sources, key=len) if sources else None
    terms, raws = Names(base.terms if base else ()), Names(base.raws if base else ())
    stems: list[str] = list(base.stems) if base else []
    parts: dict[str, list[tuple[str, str]]] = dict(base.parts) if base else {}
    maps: dict[int, tuple[np.ndarray, np.ndarray] | None] = {}
    for a in sources:
        if a is base:
            maps[id(a)] = None
            continue
        raw_map = np.zeros(len(a.raws), dtype=np.uint32)
        for k, (raw, stem) in enumerate(zip(a.raws, a.stems, strict=True)):
            raw_map[k] = number = raws[raw]
            if number == len(stems):  # new here
                stems.append(stem)
        for raw, its_parts in a.parts.items():
            parts.setdefault(raw, its_parts)
        maps[id(a)] = (np.array([terms[t] for t in a.terms], dtype=np.uint32).reshape(-1), raw_map)
    # Consecutive entries: their rows and forms are one run each.
    runs = [(a, start, end, int(a.row[start]), int(a.row[end]), int(a.seen[start]), int(a.seen[end]))
            for a, start, end in pieces if start < end]
    n = sum(end - start for _, start, end, *_ in runs)
    rows = sum(r1 - r0 for *_, r0, r1, _, _ in runs)
    seens = sum(s1 - s0 for *_, s0, s1 in runs)
    term, count, form = (np.empty(rows, dtype=np.uint32), np.empty(rows, dtype=np.uint32),
                         np.empty(seens, dtype=np.uint32))
    lengths, row, seen = np.empty(n, dtype=np.uint32), np.empty(n + 1, dtype=np.int64), np.empty(n + 1, dtype=np.int64)
    row[0] = seen[0] = 0
    ids: list[str] = []
    digests: list[bytes] = []
    at = row_at = seen_at = 0
    for a, start, end, r0, r1, s0, s1 in runs:
        mapped = maps[id(a)]
        its_term, its_form = term[row_at:row_at + r1 - r0], form[seen_at:seen_at + s1 - s0]
        _copy(a.term, r0, its_term)
        _copy(a.count, r0, count[row_at:row_at + r1 - r0])
        _copy(a.form, s0, its_form)
        if _stored(a) and ((len(its_term) and int(its_term.max()) >= len(a.terms))
                           or (len(its_form) and int(its_form.max()) >= len(a.raws))):
            raise Damaged("a term or a form its tables do not have")
        if mapped is not None:
            its_term[:] = mapped[0][its_term]
            its_form[:] = mapped[1][its_form]
        lengths[at:at + end - start] = a.lengths[start:end]
        row[at + 1:at + 1 + end - start] = a.row[start + 1:end + 1] - r0 + row_at
        seen[at + 1:at + 1 + end - start] = a.seen[start + 1:end + 1] - s0 + seen_at
        at, row_at, seen_at = at + end - start, row_at + r1 - r0, seen_at + s1 - s0
        ids += a.ids[start:end]
        digests += a.digests[start:end]
    return Analysis(ids, digests, lengths, row, term, count, seen, form, terms.names, raws.names, stems, parts)


def _copy(source: np.ndarray | Stored, start: int, out: np.ndarray) -> None:
    """`source[start:start + len(out)]` into `out`."""
    if isinstance(source, Stored):
        source.read_into(start, out)
    else:
        out[:] = source[start:start + len(out)]


def _stored(a: Analysis) -> bool:
    return isinstance(a.term, Stored)


def _analyse_batch(batch: Sequence[document.Item]) -> list[Analysis]:
    return [analyse(batch)]


def update(records: Sequence[document.Item], previous: Analysis | None, *, fingerprints: Sequence[bytes] | None = None,
           jobs: int | None = None) -> tuple[Analysis, int]:
    """The analysis of `records` (in the index's order), and how many entries were read: each
    entry whose fingerprint (`entry_fingerprint`, or `fingerprints` when given) is the one
    `previous` holds for its id is taken from there, the others are read (on every core when
    many)."""
    reuse: list[int | None] = [None] * len(records)
    if previous is not None:
        if fingerprints is None:
            fingerprints = [r.fingerprint or entry_digest(r) for r in records]
        known = {entry_id: k for k, entry_id in enumerate(previous.ids)}
        for k, record in enumerate(records):
            at = known.get(record.id)
            if at is not None and previous.digests[at] == fingerprints[k]:
                reuse[k] = at
    fresh_records = [r for r, at in zip(records, reuse, strict=True) if at is None]
    fresh = join([(a, 0, len(a)) for a in map_batches(_analyse_batch, fresh_records, jobs=jobs)]) \
        if fresh_records else None
    pieces: list[tuple[Analysis, int, int]] = []
    next_fresh = 0
    for at in reuse:  # runs of consecutive entries from one source become one piece
        source, k = (previous, at) if at is not None else (fresh, next_fresh)
        if at is None:
            next_fresh += 1
        assert source is not None
        if pieces and pieces[-1][0] is source and pieces[-1][2] == k:
            pieces[-1] = (source, pieces[-1][1], k + 1)
        else:
            pieces.append((source, k, k + 1))
    return join(pieces), len(fresh_records)


# --- the cache -----------------------------------------------------------------------------------


class Damaged(ValueError):
    """The cache file does not hold what its header says (found as it is read, `Stored`, `join`)."""


class Stored:
    """One of the large arrays of a cached analysis (`load`), left in its file and read where it
    lies, a run at a time, as it is needed (`join`, and `patch` for the changed entries' rows):
    read with `os.preadv`, not mapped, so that what was read is the page cache's, not counted in
    this process's memory, and gone from it once copied. The file is held open (`_Open`): a build
    replaces it (`save`) while its previous content is still read."""

    def __init__(self, file: _Open, offset: int, dtype: np.dtype, length: int) -> None:
        self.file, self.offset, self.dtype, self.length = file, offset, dtype, length

    def __len__(self) -> int:
        return self.length

    def read_into(self, start: int, out: np.ndarray) -> None:
        """`self[start:start + len(out)]` into `out` (contiguous, of this dtype)."""
        if start < 0 or start + len(out) > self.length:
            raise IndexError(start)
        view = memoryview(out).cast("B")
        at, done = self.offset + start * self.dtype.itemsize, 0
        while done < len(view):
            got = os.preadv(self.file.fd, [view[done:]], at + done)
            if got <= 0:
                raise Damaged("the file is shorter than its header says")
            done += got

    def __getitem__(self, key: int | slice) -> Any:
        if isinstance(key, slice):
            start, stop, step = key.indices(self.length)
            if step != 1:
                raise IndexError("only runs are read")
            out = np.empty(max(0, stop - start), dtype=self.dtype)
            self.read_into(start, out)
            return out
        k = key + self.length if key < 0 else key
        if not 0 <= k < self.length:
            raise IndexError(key)
        return self[k:k + 1][0]


class _Open:
    """The cache file a loaded analysis reads (`Stored`), closed when the last of them goes."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        weakref.finalize(self, os.close, self.fd)


MAGIC = b"KATALOG-ANALISIS"
HEADER = struct.Struct("<16sQ")  # MAGIC, then the header's length (JSON, `save`)
ALIGN = 64
ARRAYS = {"lengths": np.dtype("<u4"), "row": np.dtype("<i8"), "seen": np.dtype("<i8"), "term": np.dtype("<u4"),
          "count": np.dtype("<u4"), "form": np.dtype("<u4")}
STORED = ("term", "count", "form")
"""The large arrays (rows and forms: about 5 KB an entry), left in the file when loaded (`Stored`);
the others (a few bytes an entry) are read whole."""
OLD_FILES = ("analisis.npz",)
"""Earlier formats' files (FORMAT 2: one `np.savez` archive, read whole): not read (a cache miss),
removed when the cache is next saved."""
CHUNK_BYTES = 1 << 24  # written from a `Stored` array a run of this many bytes at a time


def save(analysis: Analysis, folder: str) -> None:
    """Keep `analysis` in `folder` for the next build: one file, replaced whole (a build reading
    it meanwhile reads the old one or the new one, never half of each).

    The file: `HEADER` (MAGIC and the length of a JSON header: the format, the code, the number
    of entries, where each array lies and its length, where the tables lie), the header, then
    each array (little-endian, `ARRAYS`) at a multiple of `ALIGN` from the header's end, then the
    tables (ids, digests, terms, raws, stems, parts) as JSON."""
    a = analysis
    meta = orjson.dumps({"ids": a.ids, "digests": [d.hex() for d in a.digests], "terms": a.terms, "raws": a.raws,
                         "stems": a.stems, "parts": a.parts})
    places: dict[str, list[int]] = {}
    at = 0
    for name, dtype in ARRAYS.items():
        places[name] = [at, len(getattr(a, name))]
        at = _aligned(at + len(getattr(a, name)) * dtype.itemsize)
    header = orjson.dumps({"format": FORMAT, "code": code_digest(), "n": len(a.ids), "arrays": places,
                           "meta": [at, len(meta)]})
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, CACHE_FILE)
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as f:
            f.write(HEADER.pack(MAGIC, len(header)) + header)
            start = _aligned(f.tell())
            for name, dtype in ARRAYS.items():
                f.write(bytes(start + places[name][0] - f.tell()))
                for piece in _pieces(getattr(a, name), dtype):
                    f.write(piece)
            f.write(bytes(start + at - f.tell()))
            f.write(meta)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    for old in OLD_FILES:
        try:
            os.unlink(os.path.join(folder, old))
        except OSError:
            pass


def _aligned(at: int) -> int:
    return -(-at // ALIGN) * ALIGN


def _pieces(array: np.ndarray | Stored, dtype: np.dtype) -> Any:
    """The bytes of `array` as `dtype`: in memory, whole; left in its file, a run at a time."""
    if not isinstance(array, Stored):
        yield memoryview(np.ascontiguousarray(array, dtype=dtype)).cast("B")
        return
    step = max(1, CHUNK_BYTES // dtype.itemsize)
    for start in range(0, len(array), step):
        yield memoryview(array[start:start + step].astype(dtype, copy=False)).cast("B")


def load(folder: str | None, problems: list[str] | None = None) -> Analysis | None:
    """The analysis `save` kept in `folder`; None when there is none, or it was made by other
    code (or in an earlier format), or it cannot be read (then said in `problems`, in words).
    Its large arrays (`STORED`) are left in the file (`Stored`), read as they are needed: what
    they hold is checked then (`join`)."""
    if not folder:
        return None
    path = os.path.join(folder, CACHE_FILE)
    try:
        file = _Open(path)
    except OSError:
        return None
    try:
        return _loaded(file)
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError, struct.error,
            orjson.JSONDecodeError):
        if problems is not None:
            problems.append(unusable(path))
        return None


def unusable(path: str) -> str:
    """What a build says of a cache file that cannot be read (`load`, `Damaged`)."""
    return f"cache analisis {path} rusak atau terpotong, tidak dipakai; setiap inovasi dibaca ulang dan cache dibuat lagi"


def _read(file: _Open, at: int, size: int) -> bytes:
    data = os.pread(file.fd, size, at)
    while len(data) < size:
        more = os.pread(file.fd, size - len(data), at + len(data))
        if not more:
            raise Damaged("the file is shorter than its header says")
        data += more
    return data


def _loaded(file: _Open) -> Analysis | None:
    size = os.fstat(file.fd).st_size
    magic, header_size = HEADER.unpack(_read(file, 0, HEADER.size))
    if magic != MAGIC or header_size > size:
        raise Damaged("not a cached analysis")
    header = orjson.loads(_read(file, HEADER.size, header_size))
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("code") != code_digest():
        return None
    start = _aligned(HEADER.size + header_size)
    arrays: dict[str, Any] = {}
    for name, dtype in ARRAYS.items():
        at, length = (int(v) for v in header["arrays"][name])
        if at < 0 or length < 0 or at % ALIGN or start + at + length * dtype.itemsize > size:
            raise Damaged("not as its header says")
        if name in STORED:
            arrays[name] = Stored(file, start + at, dtype, length)
        else:
            arrays[name] = np.frombuffer(_read(file, start + at, length * dtype.itemsize), dtype=dtype)
    at, length = (int(v) for v in header["meta"])
    if at < 0 or length < 0 or start + at + length > size:
        raise Damaged("not as its header says")
    meta = orjson.loads(_read(file, start + at, length))
    n = int(header["n"])
    row, seen, lengths = arrays["row"], arrays["seen"], arrays["lengths"]
    term, count, form = arrays["term"], arrays["count"], arrays["form"]
    if (len(meta["ids"]) != n or len(row) != n + 1 or len(seen) != n + 1 or len(lengths) != n
            or len(meta["digests"]) != n or int(row[0]) != 0 or int(seen[0]) != 0
            or int(row[-1]) != len(term) or len(count) != len(term) or int(seen[-1]) != len(form)
            or (n and (np.diff(row).min() < 0 or np.diff(seen).min() < 0))
            or len(meta["raws"]) != len(meta["stems"]) or not isinstance(meta["parts"], dict)
            or not all(isinstance(name, str) for name in chain(meta["ids"], meta["terms"], meta["raws"], meta["stems"]))):
        raise Damaged("not as its header says")
    return Analysis(meta["ids"], [bytes.fromhex(d) for d in meta["digests"]], lengths, row, term, count, seen,
                    form, meta["terms"], meta["raws"], meta["stems"],
                    {raw: [tuple(p) for p in parts] for raw, parts in meta["parts"].items()})


@cache
def code_digest() -> str:
    """Of the code, tables and stemmer that decide what an entry gives the index."""
    from importlib.metadata import version

    digest = hasher(version("PySastrawi"))
    for path in (__file__, document.__file__ or "", words.__file__ or ""):
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(json.dumps(document.query_table(), sort_keys=True).encode())
    return digest.hexdigest()
