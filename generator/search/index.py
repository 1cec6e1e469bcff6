"""The search index: every word of every published entry, written as small files that a browser
fetches only as a query needs them (the folder `cari/` of the site; the reader is
theme/assets/javascripts/cari.js, which follows this file's formats).

    indeks.json          the manifest: counts, shard counts, the facets' values, the stop words,
                         the province names and synonym terms a query is read with, the version
    leksikon/<n>.bin     word form → stem, for every form the entries use (n = crc32(form) % shards)
    kata/<n>.bin         stem → the entries holding it and a score for each (n = crc32(stem) % shards);
                         a stem held by very many entries has a file of its own, kata/besar-<n>.bin
    ejaan/<c>-<len>.bin  the word forms and stems the entries use (in a large catalogue, those used
                         by two entries or more) and the names search knows, by first letter and
                         length, the most used first: what a misspelt query word is corrected to
    entri/<n>.json       what a result shows, 16 entries a file, in the index's order (newest first)
    kolom/<facet>.bin    each entry's value of one facet (and `skor`), loaded when a filter is used

`.bin` files are gzip-compressed by the build (Pages does not compress binary files) and read
through the browser's DecompressionStream; JSON is compressed by the host. All numbers are
little-endian. A query fetches the manifest, one lexicon file per word, one stem file per stem
and at most ten `entri` files for ten results: a few tens of KB, whatever the catalogue's size,
because each file's size is bounded by the shard counts chosen here.

Core (no MkDocs). The plugin starts `start_index` when the catalogue is known; the index is made
in a forked process on the core MkDocs' own rendering leaves idle, and the build waits for it at
the end (`IndexJob`).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import multiprocessing
import os
import shutil
import struct
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import publishing, words
from ..catalogue import Record
from . import document
from .filters import columns

BUNDLE = "cari"
MANIFEST = "indeks.json"
FORMAT = 1
"""Bump when a file's layout changes (the reader checks it)."""

CHUNK = 16  # entries per `entri/` file (a page of ten results touches up to ten of them)
LEXICON_BYTES = 6_000  # aim of a lexicon file, before compression
POSTING_BYTES = 12_000  # aim of a stem file, before compression
BIG_BYTES = 4_000  # a stem whose postings take more than this has a file of its own
MAX_WORD = 40  # longer "words" (a pasted address, a hash) are not indexed
MAX_FORMS = 40  # forms of one stem listed for highlighting
TYPO_MIN_DF = 2  # a word must occur in this many entries to be offered as a correction (large catalogues)
TYPO_ALL_BELOW = 5_000  # below this many entries, every word is
TYPO_MAX_WORDS = 4_000  # the most frequent words of one first letter and length
TYPO_MAX_LENGTH = 20
K1, B = 2.0, 0.5  # BM25: how fast repeats stop counting, how much a long story is discounted


class SearchIndexError(RuntimeError):
    """The index could not be made; the message says why."""


def order(records: Iterable[Record]) -> list[Record]:
    """The index's order of entries: newest first (by start date, then id), so that "terbaru"
    needs no sort key and the first `entri/` file holds the newest."""
    return sorted(records, key=lambda r: (-r.entry.tanggal.mulai.toordinal(), r.id))


def shard(text: str, count: int) -> int:
    """Which of `count` files holds `text` (the browser computes the same crc32)."""
    return zlib.crc32(text.encode("utf-8")) % count


# --- reading the entries -------------------------------------------------------------------------


class _Words(dict):
    """A word of the text → what it counts as: its stem; "" for a word not indexed (a stop word,
    too short or too long); for a hyphenated word, a key of its own ("-" + the word) whose
    parts are counted after (`parts`). Missing words are resolved as they first appear, so the
    mapping runs at C speed over a text's words (`map(words.__getitem__, …)`)."""

    def __init__(self) -> None:
        super().__init__()
        self.stemmer = words.stemmer()
        self.stop = words.stop_words()
        self.hyphenated: set[str] = set()
        self.parts: dict[str, tuple[tuple[str, str], ...]] = {}

    def __missing__(self, raw: str) -> str:
        if "-" in raw:
            self.hyphenated.add(raw)
            self.parts[raw] = tuple((part, self.stemmer.stem(part)) for part in words.parts(raw)
                                    if words.MIN_LENGTH <= len(part) <= MAX_WORD and part not in self.stop)
            found = "-" + raw
        elif len(raw) < words.MIN_LENGTH or len(raw) > MAX_WORD or raw in self.stop:
            found = ""
        else:
            found = self.stemmer.stem(raw)
        self[raw] = found
        return found

    def forms(self) -> dict[str, str]:
        """Every word form indexed → its stem."""
        out = {raw: stem for raw, stem in self.items() if stem and stem[0] != "-"}
        for pieces in self.parts.values():
            out.update(pieces)
        return out


class _Terms(dict):
    """Term → a number of this run's own (`names` in order)."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def __missing__(self, term: str) -> int:
        self[term] = number = len(self.names)
        self.names.append(term)
        return number


@dataclass
class Partial:
    """The index of a run of entries, before scoring: what `analyse` gives and `merge` joins.
    One row per (entry, term): the term's number in `terms`, the entry's, the weighted count."""

    terms: list[str]
    term: np.ndarray  # uint32
    entry: np.ndarray  # uint32
    count: np.ndarray  # uint32
    lengths: dict[int, int]  # entry → words in its text
    forms: dict[str, str]  # word form → stem
    form_df: Counter  # word form → entries using it
    digests: list[bytes]  # each entry's `entry_digest`, in order


def analyse(items: Sequence[tuple[int, Record]]) -> Partial:
    """The weighted count of every term of each (number, record): a stem's occurrences over the
    entry's fields, each times its field's weight; its synonym groups; its province."""
    resolved = _Words()
    synonyms = document.synonyms()
    terms = _Terms()
    term, entry, count = array("I"), array("I"), array("I")
    lengths: dict[int, int] = {}
    form_df: Counter = Counter()
    digests: list[bytes] = []
    for number, record in items:
        texts = document.texts(record)
        digests.append(entry_digest(record, texts))
        tf: Counter = Counter()
        seen: set[str] = set()
        groups: dict[int, int] = {}
        length = 0
        for weight, text in texts:
            found = words.findall(words.fold(text))
            length += len(found)
            seen.update(found)
            if weight == document.CERITA and not tf:  # the story (first, weight 1): the counts start from it
                tf.update(map(resolved.__getitem__, found))
                stems: Any = tf.keys()
            else:
                field = Counter(map(resolved.__getitem__, found))
                for key, n in field.items():
                    tf[key] += n * weight
                stems = field.keys()
            for group in synonyms.groups_in(stems, found):
                if groups.get(group, 0) < weight:
                    groups[group] = weight
        tf.pop("", None)
        for raw in seen & resolved.hyphenated:
            n = tf.pop("-" + raw, 0)
            for _, stem in resolved.parts[raw]:
                tf[stem] += n
        for group, weight in groups.items():
            tf[f"{document.SYNONYM}{group}"] += weight
        tf[document.PROVINCE + record.entry.wilayah.provinsi] = document.WILAYAH
        form_df.update(seen)
        lengths[number] = length
        term.extend(array("I", map(terms.__getitem__, tf)))
        count.extend(array("I", tf.values()))
        entry.extend(array("I", (number,)) * len(tf))
    forms = resolved.forms()
    return Partial(terms.names, np.frombuffer(term, dtype=np.uint32), np.frombuffer(entry, dtype=np.uint32),
                   np.frombuffer(count, dtype=np.uint32), lengths, forms,
                   Counter({f: n for f, n in form_df.items() if f in forms}), digests)


def _analyse_batch(batch: Sequence[tuple[int, Record]]) -> list[Partial]:
    return [analyse(batch)]


@dataclass
class Postings:
    """Every term's entries and scores: rows sorted by term, then entry."""

    terms: list[str]
    starts: np.ndarray  # where each term's rows begin (and, last, where they all end)
    entry: np.ndarray  # uint32
    score: np.ndarray  # uint8
    forms: dict[str, str]
    form_df: Counter
    digests: list[bytes]

    def __len__(self) -> int:
        return len(self.terms)

    def of(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        return self.entry[self.starts[k]:self.starts[k + 1]], self.score[self.starts[k]:self.starts[k + 1]]


def merge(parts: Sequence[Partial], total: int) -> Postings:
    """Join the runs' counts, score them (BM25: saturated, discounted for length, one byte
    1–255) and sort them by term (alphabetically) and entry."""
    names = sorted({name for part in parts for name in part.terms})
    number = {name: k for k, name in enumerate(names)}
    term = np.concatenate([np.array([number[n] for n in part.terms], dtype=np.uint32)[part.term] if len(part.term)
                           else np.zeros(0, np.uint32) for part in parts]) if parts else np.zeros(0, np.uint32)
    entry = np.concatenate([part.entry for part in parts]) if parts else np.zeros(0, np.uint32)
    count = np.concatenate([part.count for part in parts]).astype(np.float32) if parts else np.zeros(0, np.float32)
    lengths = np.zeros(max(total, 1), dtype=np.float32)
    for part in parts:
        for k, n in part.lengths.items():
            lengths[k] = n
    average = max(1.0, float(lengths[:total].mean())) if total else 1.0
    norm = lengths[entry]
    norm *= K1 * B / average
    norm += K1 * (1 - B)
    count *= 255.0  # 255 / (K1 + 1) * count * (K1 + 1) / (count + norm), in place
    count /= count / 255.0 + norm
    del norm
    score = np.clip(np.rint(count), 1, 255).astype(np.uint8)
    del count
    # Rows come in entry order (runs of consecutive entries, in order): a stable sort by term
    # keeps each term's entries ascending.
    order = np.argsort(term, kind="stable")
    term, entry, score = term[order], entry[order], score[order]
    del order
    starts = np.searchsorted(term, np.arange(len(names) + 1, dtype=np.uint32))
    forms: dict[str, str] = {}
    form_df: Counter = Counter()
    for part in parts:
        forms.update(part.forms)
        form_df.update(part.form_df)
    return Postings(names, starts, entry, score, forms, form_df, [d for part in parts for d in part.digests])


# --- encoding ------------------------------------------------------------------------------------


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def _short(text: str) -> bytes:
    data = text.encode("utf-8")[:255]
    return bytes((len(data),)) + data


def encode_postings(term: str, numbers: np.ndarray, scores: np.ndarray, total: int, forms: Sequence[str]) -> bytes:
    """One term's record: the term, how many entries hold it, its word forms, the entries (as a
    bitmap when that is smaller, else gaps of 1, 2 or 4 bytes) and one score byte per entry."""
    numbers = np.asarray(numbers, dtype=np.uint32)
    df = len(numbers)
    head = _short(term) + b"\0" + struct.pack("<I", df) + bytes((len(forms),)) + b"".join(map(_short, forms))
    gaps = np.diff(numbers, prepend=np.uint32(0)) if df else numbers
    widest = int(gaps.max()) if df else 0
    width = 1 if widest < 256 else 2 if widest < 65536 else 4
    bitmap_size = (total + 7) // 8
    if bitmap_size < df * width:
        bits = np.zeros(bitmap_size * 8, dtype=bool)
        bits[numbers] = True
        body = b"\0" + np.packbits(bits, bitorder="little").tobytes()
    else:
        body = bytes((width,)) + gaps.astype({1: "<u1", 2: "<u2", 4: "<u4"}[width]).tobytes()
    return head + body + np.asarray(scores, dtype=np.uint8).tobytes()


def _external(term: str, number: int) -> bytes:
    return _short(term) + b"\1" + struct.pack("<I", number)


@dataclass(frozen=True)
class IndexResult:
    count: int  # entries indexed
    fingerprint: str  # of the entries' searchable content and this code: equal fingerprints, equal index
    files: int = 0
    bytes: int = 0
    kept: bool = False  # the previous build's index, linked (nothing was made)


class _Writer:
    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.files = 0
        self.bytes = 0
        self.digest = hashlib.blake2b(digest_size=8)

    def write(self, name: str, data: bytes) -> None:
        path = os.path.join(self.folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)
        self.digest.update(name.encode() + b"\0" + data)


def write_index(records: Sequence[Record], folder: str, *, facets: dict[str, Any], jobs: int | None = 1) -> IndexResult:
    """Make the index of `records` (published, with badges) in `folder` (which must not exist).
    `facets` is `search.facet_columns(records)`: each facet's values and each entry's."""
    from .. import parallel

    ordered = order(records)
    total = len(ordered)
    index = merge(parallel.map_batches(_analyse_batch, list(enumerate(ordered)), jobs=jobs), total)
    out = _Writer(folder)

    # Terms: their forms, then their files.
    forms_of: dict[str, list[str]] = {}
    for form, stem in index.forms.items():
        forms_of.setdefault(stem, []).append(form)
    encoded: list[bytes] = []
    for k, term in enumerate(index.terms):
        known = sorted(forms_of.get(term, ()), key=lambda f: (-index.form_df[f], f))[:MAX_FORMS]
        numbers, scores = index.of(k)
        encoded.append(encode_postings(term, numbers, scores, total, known))
    shards = max(1, math.ceil(sum(map(len, encoded)) / POSTING_BYTES))
    records_by_shard: dict[int, list[bytes]] = {}
    big = 0
    for term, data in zip(index.terms, encoded, strict=True):
        if len(data) > BIG_BYTES:
            out.write(f"kata/besar-{big}.bin", _gzip(data))
            data = _external(term, big)
            big += 1
        records_by_shard.setdefault(shard(term, shards), []).append(data)
    del encoded
    for n in range(shards):
        out.write(f"kata/{n}.bin", _gzip(b"".join(records_by_shard.get(n, []))))

    # The lexicon: every form → its stem (a form that is its own stem is written alone).
    lexicon_size = sum(len(f) + len(s) + 2 for f, s in index.forms.items())
    lexicon_shards = max(1, math.ceil(lexicon_size / LEXICON_BYTES))
    lines: dict[int, list[str]] = {}
    for form in sorted(index.forms):
        stem = index.forms[form]
        lines.setdefault(shard(form, lexicon_shards), []).append(form if stem == form else f"{form}\t{stem}")
    for n in range(lexicon_shards):
        out.write(f"leksikon/{n}.bin", _gzip("\n".join(lines.get(n, [])).encode("utf-8")))

    # Corrections: the forms and the stems the entries use (in large catalogues, those used by two
    # entries or more) and the names search knows (synonym terms, provinces' names and short
    # forms), by first letter and length, the most used first; each with its stem when it is not
    # its own ("antri" is corrected to the stem "antre" of "antrean").
    least = 1 if total < TYPO_ALL_BELOW else TYPO_MIN_DF
    known: dict[str, tuple[int, str]] = {}
    for k, term in enumerate(index.terms):
        df = int(index.starts[k + 1] - index.starts[k])
        if not term.startswith("#") and df >= least:
            known[term] = (df, term)
    for form, df in index.form_df.items():
        if df >= least and form not in known:
            known[form] = (df, index.forms[form])
    table = document.query_table()
    for name, _ in table["sinonim"] + table["provinsi"]:
        for word in name:
            if word not in words.stop_words() and word not in known:
                known[word] = (TYPO_MIN_DF, word)
    typo: dict[str, list[str]] = {}
    for form, (df, stem) in sorted(known.items(), key=lambda item: (-item[1][0], item[0])):
        typo.setdefault(typo_key(form), []).append(f"{form}\t{df}" if stem == form else f"{form}\t{df}\t{stem}")
    for key, rows in sorted(typo.items()):
        out.write(f"ejaan/{key}.bin", _gzip("\n".join(rows[:TYPO_MAX_WORDS]).encode("utf-8")))

    # What results show, in files of CHUNK entries.
    for start in range(0, total, CHUNK):
        cards = [document.card(r) for r in ordered[start:start + CHUNK]]
        out.write(f"entri/{start // CHUNK}.json", json.dumps(cards, ensure_ascii=False, separators=(",", ":")).encode())

    # Facet columns, in the index's order.
    values: dict[str, list[str]] = facets["values"]
    position = {r.id: i for i, r in enumerate(ordered)}
    for key, per_entry in facets["columns"].items():
        index_of = {value: i + 1 for i, value in enumerate(values[key])}
        column = [b""] * total
        for entry_id, chosen in per_entry.items():
            codes = [index_of[c] for c in chosen if c in index_of]
            column[position[entry_id]] = bytes(codes[:1]) if key in facets["single"] else bytes((len(codes), *codes))
        out.write(f"kolom/{key}.bin", _gzip(b"".join(column)))

    manifest = {
        "format": FORMAT,
        "versi": out.digest.hexdigest(),
        "jumlah": total,
        "potongan": CHUNK,
        "leksikon": lexicon_shards,
        "kata": shards,
        "ejaan": sorted(typo),
        "kolom": {key: {"nilai": values[key], "tunggal": key in facets["single"]} for key in facets["columns"]},
        "lencana": document.badges(),
        **table,
    }
    out.write(MANIFEST, json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode())
    return IndexResult(total, fingerprint(facets, index.digests), out.files, out.bytes)


def typo_key(word: str) -> str:
    """The correction file of a word: its first letter (a digit: `0`; anything else: `_`) and
    its length (longer than TYPO_MAX_LENGTH counts as that)."""
    first = word[0]
    letter = first if "a" <= first <= "z" else "0" if first.isdigit() else "_"
    return f"{letter}-{min(len(word), TYPO_MAX_LENGTH)}"


# --- the background job --------------------------------------------------------------------------


def entry_digest(record: Record, texts: list[tuple[int, str]] | None = None) -> bytes:
    """Of what one entry gives the index: its card and its weighted texts."""
    digest = hashlib.blake2b(json.dumps(document.card(record), ensure_ascii=False).encode(), digest_size=16)
    for weight, text in document.texts(record) if texts is None else texts:
        digest.update(b"%d\0%d\0" % (weight, len(text)))
        digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def fingerprint(facets: dict[str, Any], digests: Iterable[bytes]) -> str:
    """Of everything the index is made from: each entry's `entry_digest` (in the index's order),
    the facets, the tables that read queries, and the code that makes the index."""
    digest = hashlib.blake2b(digest_size=16)
    code = [os.path.join(os.path.dirname(__file__), name) for name in sorted(os.listdir(os.path.dirname(__file__)))
            if name.endswith(".py")] + [words.__file__ or "", document.__file__ or ""]
    for path in code:
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(json.dumps([FORMAT, document.query_table(), facets], sort_keys=True).encode())
    for one in digests:
        digest.update(one)
    return digest.hexdigest()


def make_index(records: Sequence[Record], site_dir: str, *, previous: tuple[str, str] | None = None,
               jobs: int | None = None) -> IndexResult:
    """The index of `records` (published, with badges) in `site_dir/cari/`; or, when `previous` =
    (the previous build's site folder, its index's fingerprint) says nothing it is made from
    changed, that build's index linked in (`kept`)."""
    facets = columns(records)
    target = os.path.join(site_dir, BUNDLE)
    old = os.path.join(previous[0], BUNDLE) if previous else ""
    # With no previous index to keep, the fingerprint is made as the entries are read (a cold build).
    if previous and os.path.isfile(os.path.join(old, MANIFEST)):
        print_ = fingerprint(facets, map(entry_digest, order(records)))
        if previous[1] == print_ and (
                (os.path.isdir(site_dir) and os.path.samefile(previous[0], site_dir))
                or (not os.path.exists(target) and publishing.link_tree(old, target))):
            return IndexResult(len(records), print_, kept=True)
    shutil.rmtree(target, ignore_errors=True)
    return write_index(records, target, facets=facets, jobs=jobs)


class IndexJob:
    """The index made in a forked process while the build goes on (`start_index`); `wait` for it,
    `abort` when the build fails."""

    def __init__(self, process: Any, reader: Any) -> None:
        self._process, self._reader = process, reader

    def wait(self) -> IndexResult:
        process, reader = self._process, self._reader
        if process is None:
            raise SearchIndexError("indeks pencarian sudah diambil atau dibatalkan")
        self._process = self._reader = None
        try:
            message = reader.recv()
        except EOFError:
            message = None
        finally:
            process.join()
            reader.close()
        if isinstance(message, IndexResult):
            return message
        if isinstance(message, str):
            raise SearchIndexError(message)
        raise SearchIndexError(f"proses indeks berhenti tanpa hasil (kode keluar {process.exitcode})")

    def abort(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join()
            self._reader.close()
            self._process = self._reader = None


def _child(records: Sequence[Record], site_dir: str, previous: tuple[str, str] | None, writer: Any) -> None:
    try:
        writer.send(make_index(records, site_dir, previous=previous, jobs=1))
    except BaseException as error:  # noqa: BLE001 - reported to the build as a message
        writer.send(f"{type(error).__name__}: {error}")
    finally:
        writer.close()


def start_index(records: Sequence[Record], site_dir: str, *, previous: tuple[str, str] | None = None) -> IndexJob:
    """`make_index` in a forked process: it starts with the build's memory (the records are not
    copied) and works on the core MkDocs' own rendering leaves idle."""
    context = multiprocessing.get_context("fork")
    reader, writer = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(list(records), site_dir, previous, writer), daemon=True)
    process.start()
    writer.close()
    return IndexJob(process, reader)
