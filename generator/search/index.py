"""The search index: every word of every published entry, written as small files that a browser
fetches only as a query needs them (the folder `cari/` of the site; the reader is
theme/assets/javascripts/cari.js, which follows this file's formats).

    indeks.json          the manifest: counts, shard counts, the facets' values, the stop words,
                         the province names and synonym terms a query is read with, the version
    leksikon/<n>.bin     word form → stem, for every form the entries use (n = crc32(form) % shards)
    kata/<n>.bin         stem → the entries holding it and a score for each (n = crc32(stem) % shards);
                         a stem held by very many entries has a file of its own, kata/besar-<n>.bin
    ejaan/<c>-<len>.bin  the words that occur twice or more, by first letter and length, the most
                         frequent first: what a misspelt query word is corrected to
    entri/<n>.json       what a result shows, 16 entries a file, in the index's order (newest first)
    kolom/<facet>.bin    each entry's value of one facet (and `skor`), loaded when a filter is used

`.bin` files are gzip-compressed by the build (Pages does not compress binary files) and read
through the browser's DecompressionStream; JSON is compressed by the host. All numbers are
little-endian. A query fetches the manifest, one lexicon file per word, one stem file per stem
and one `entri` file per ten results: a few tens of KB, whatever the catalogue's size, because
each file's size is bounded by the shard counts chosen here.

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
from dataclasses import dataclass, replace
from typing import Any

from .. import publishing, words
from ..catalogue import Record
from . import document
from .facets import columns

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


@dataclass
class Partial:
    """The index of a run of entries: what `analyse` gives and `merge` joins."""

    postings: dict[str, tuple[array, bytearray]]  # term → (entry numbers, scores)
    forms: dict[str, str]  # word form → stem
    form_df: Counter  # word form → entries using it


def analyse(items: Sequence[tuple[int, Record]], average: float) -> Partial:
    """Score every term of each (number, record): the weighted count of a stem over the entry's
    fields, saturated and discounted for length as BM25 does, as one byte (1–255)."""
    stemmer = words.stemmer()
    synonyms = document.synonyms()
    postings: dict[str, tuple[array, bytearray]] = {}
    form_df: Counter = Counter()
    # Each word as the text has it → its stem, None (a stop word, too short or too long), or
    # for a hyphenated word the (form, stem) of each part.
    resolved: dict[str, Any] = {}
    scale = 255 / (K1 + 1)
    province = document.PROVINCE
    for number, record in items:
        tf: dict[str, int] = {}
        seen: set[str] = set()
        groups: dict[int, int] = {}
        length = 0
        for weight, text in document.texts(record):
            folded = words.fold(text)
            found = words.findall(folded)
            length += len(found)
            counts = Counter(found)
            seen.update(counts)
            for raw, n in counts.items():
                stem = resolved.get(raw, _MISSING)
                if stem is _MISSING:
                    stem = resolved[raw] = _resolve(raw, stemmer)
                if stem is None:
                    continue
                if type(stem) is str:
                    tf[stem] = tf.get(stem, 0) + n * weight
                else:
                    for form, part in stem:
                        tf[part] = tf.get(part, 0) + n * weight
                        seen.add(form)
            for group in synonyms.groups_in(counts, found):
                if groups.get(group, 0) < weight:
                    groups[group] = weight
        for group, weight in groups.items():
            term = f"{document.SYNONYM}{group}"
            tf[term] = tf.get(term, 0) + weight
        tf[province + record.entry.wilayah.provinsi] = document.WILAYAH
        form_df.update(seen)
        norm = K1 * (1 - B + B * length / average)
        for term, count in tf.items():
            score = int(scale * count * (K1 + 1) / (count + norm) + 0.5)
            entry = postings.get(term)
            if entry is None:
                entry = postings[term] = (array("I"), bytearray())
            entry[0].append(number)
            entry[1].append(score if score < 255 else 255)
    forms = {raw: stem for raw, stem in resolved.items() if type(stem) is str}
    for stem in resolved.values():
        if type(stem) is tuple:
            forms.update(stem)
    return Partial(postings, forms, Counter({f: n for f, n in form_df.items() if f in forms}))


_MISSING = object()


def _resolve(raw: str, stemmer: words.Stemmer) -> Any:
    """What a word of the text counts as: its stem, None, or (form, stem) per hyphenated part."""
    stop = words.stop_words()
    if "-" not in raw:
        if len(raw) < words.MIN_LENGTH or len(raw) > MAX_WORD or raw in stop:
            return None
        return stemmer.stem(raw)
    out = tuple((part, stemmer.stem(part)) for part in words.parts(raw)
                if words.MIN_LENGTH <= len(part) <= MAX_WORD and part not in stop)
    return out or None


def _analyse_batch(batch: Sequence[tuple[int, Record]]) -> list[Partial]:
    return [analyse(batch, _AVERAGE)]


_AVERAGE = 1.0


def average_length(records: Sequence[Record]) -> float:
    """The mean number of words per entry, over a sample of at most 400 entries (BM25's length
    discount needs it before any entry is scored)."""
    step = max(1, len(records) // 400)
    sample = records[::step]
    total = sum(len(words.WORD.findall(words.fold(text))) for r in sample for _, text in document.texts(r))
    return max(1.0, total / max(1, len(sample)))


def merge(parts: Iterable[Partial]) -> Partial:
    """Join partial indexes of consecutive runs of entries, in order."""
    out: Partial | None = None
    for part in parts:
        if out is None:
            out = part
            continue
        for term, (numbers, scores) in part.postings.items():
            mine = out.postings.get(term)
            if mine is None:
                out.postings[term] = (numbers, scores)
            else:
                mine[0].extend(numbers)
                mine[1].extend(scores)
        out.forms.update(part.forms)
        out.form_df.update(part.form_df)
    return out or Partial({}, {}, Counter())


# --- encoding ------------------------------------------------------------------------------------


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=6, mtime=0)


def _short(text: str) -> bytes:
    data = text.encode("utf-8")[:255]
    return bytes((len(data),)) + data


def encode_postings(term: str, numbers: array, scores: bytearray, total: int, forms: Sequence[str]) -> bytes:
    """One stem's record: the stem, how many entries hold it, its word forms, the entries (as a
    bitmap when that is smaller, else gaps of 1, 2 or 4 bytes) and one score byte per entry."""
    df = len(numbers)
    head = _short(term) + b"\0" + struct.pack("<I", df) + bytes((len(forms),)) + b"".join(map(_short, forms))
    bitmap_size = (total + 7) // 8
    gaps = array("I", numbers)
    if df > 1:
        gaps[1:] = array("I", map(int.__sub__, numbers[1:], numbers[:-1]))
    widest = max(gaps) if df else 0
    width = 1 if widest < 256 else 2 if widest < 65536 else 4
    if bitmap_size < df * width:
        bits = bytearray(bitmap_size)
        for n in numbers:
            bits[n >> 3] |= 1 << (n & 7)
        body = b"\0" + bytes(bits)
    else:
        packed = array({1: "B", 2: "H", 4: "I"}[width], gaps)
        if packed.itemsize > 1 and struct.pack("=H", 1) != struct.pack("<H", 1):
            packed.byteswap()
        body = bytes((width,)) + packed.tobytes()
    return head + body + bytes(scores)


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

    global _AVERAGE
    ordered = order(records)
    _AVERAGE = average_length(ordered)
    items = list(enumerate(ordered))
    parts = parallel.map_batches(_analyse_batch, items, jobs=jobs)
    index = merge(parts)
    total = len(ordered)
    out = _Writer(folder)

    # Stems: their forms, then their files.
    forms_of: dict[str, list[str]] = {}
    for form, stem in index.forms.items():
        forms_of.setdefault(stem, []).append(form)
    records_by_shard: dict[int, list[bytes]] = {}
    encoded: dict[str, bytes] = {}
    size = 0
    for term, (numbers, scores) in index.postings.items():
        known = sorted(forms_of.get(term, ()), key=lambda f: (-index.form_df[f], f))[:MAX_FORMS]
        data = encode_postings(term, numbers, scores, total, known)
        encoded[term] = data
        size += len(data)
    shards = max(1, math.ceil(size / POSTING_BYTES))
    big = 0
    for term in sorted(encoded):
        data = encoded[term]
        n = shard(term, shards)
        if len(data) > BIG_BYTES:
            out.write(f"kata/besar-{big}.bin", _gzip(data))
            data = _external(term, big)
            big += 1
        records_by_shard.setdefault(n, []).append(data)
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
    for term, (numbers, _) in index.postings.items():
        if not term.startswith("#") and len(numbers) >= least:
            known[term] = (len(numbers), term)
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
    return IndexResult(total, "", out.files, out.bytes)


def typo_key(word: str) -> str:
    """The correction file of a word: its first letter (a digit: `0`; anything else: `_`) and
    its length (longer than TYPO_MAX_LENGTH counts as that)."""
    first = word[0]
    letter = first if "a" <= first <= "z" else "0" if first.isdigit() else "_"
    return f"{letter}-{min(len(word), TYPO_MAX_LENGTH)}"


# --- the background job --------------------------------------------------------------------------


def fingerprint(records: Sequence[Record], facets: dict[str, Any]) -> str:
    """Of everything the index is made from: each entry's searchable text and card, the facets,
    the tables that read queries, and the code that makes the index."""
    digest = hashlib.blake2b(digest_size=16)
    code = [os.path.join(os.path.dirname(__file__), name) for name in sorted(os.listdir(os.path.dirname(__file__)))
            if name.endswith(".py")] + [words.__file__ or "", document.__file__ or ""]
    for path in code:
        with open(path, "rb") as f:
            digest.update(f.read())
    digest.update(json.dumps([FORMAT, document.query_table(), facets], sort_keys=True).encode())
    for record in order(records):
        digest.update(json.dumps([document.card(record), document.texts(record)], ensure_ascii=False).encode())
    return digest.hexdigest()


def make_index(records: Sequence[Record], site_dir: str, *, previous: tuple[str, str] | None = None,
               jobs: int | None = None) -> IndexResult:
    """The index of `records` (published, with badges) in `site_dir/cari/`; or, when `previous` =
    (the previous build's site folder, its index's fingerprint) says nothing it is made from
    changed, that build's index linked in (`kept`)."""
    facets = columns(records)
    print_ = fingerprint(records, facets)
    target = os.path.join(site_dir, BUNDLE)
    if previous and previous[1] == print_:
        old = os.path.join(previous[0], BUNDLE)
        if os.path.isfile(os.path.join(old, MANIFEST)) and (
                (os.path.isdir(site_dir) and os.path.samefile(previous[0], site_dir))
                or (not os.path.exists(target) and publishing.link_tree(old, target))):
            return IndexResult(len(records), print_, kept=True)
    shutil.rmtree(target, ignore_errors=True)
    return replace(write_index(records, target, facets=facets, jobs=jobs), fingerprint=print_)


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
