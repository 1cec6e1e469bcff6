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

Core (no MkDocs, no processes): `make_index` writes the index and returns what it wrote. The
build (`build.Build`) runs it in a process forked before the load, sent what the index reads of
each entry (`document.Item`) as soon as the catalogue is known, on the core the builder's own
rendering leaves idle, and waits for it at the end. A warm build links the
previous index whole when nothing it is made from changed, and patches it (`patch.py`) when a
few entries did.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import os
import shutil
import struct
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import words
from ..catalogue import Record
from ..load_cache import code_digest
from ..machinery import digest as fingerprint_of
from ..machinery import hasher, keep
from . import analysis, document
from .document import Item
from .filters import columns

BUNDLE = "cari"
MANIFEST = "indeks.json"
FORMAT = 2
"""Bump when a file's layout changes (the reader checks it)."""

CHUNK = 16  # entries per `entri/` file (a page of ten results touches up to ten of them)
LEXICON_BYTES = 6_000  # aim of a lexicon file, before compression
POSTING_BYTES = 12_000  # aim of a stem file, before compression
BIG_BYTES = 4_000  # a stem whose postings take more than this has a file of its own
MAX_FORMS = 40  # forms of one stem listed for highlighting
TYPO_MIN_DF = 2  # a word must occur in this many entries to be offered as a correction (large catalogues)
TYPO_ALL_BELOW = 5_000  # below this many entries, every word is
TYPO_MAX_WORDS = 4_000  # the most frequent words of one first letter and length
TYPO_MAX_LENGTH = 20
K1, B = 2.0, 0.5  # BM25: how fast repeats stop counting, how much a long story is discounted
REFERENCE_LENGTH = 800  # words: the length a story is discounted against (fixed: see `scored`)


def order(items: Iterable[Item]) -> list[Item]:
    """The index's order of entries: newest first (by start date, then id), so that "terbaru"
    needs no sort key and the first `entri/` file holds the newest."""
    return sorted(items, key=lambda r: (-r.mulai, r.id))


def shard(text: str, count: int) -> int:
    """Which of `count` files holds `text` (the browser computes the same crc32)."""
    return zlib.crc32(text.encode("utf-8")) % count


# --- scoring ----------------------------------------------------------------------------------


GROUP_ROWS = 1 << 21
"""Rows scored and sorted at a time (`scored`): the arrays of a group take about 40 bytes a row."""


def scored(a: analysis.Analysis) -> Iterator[tuple[str, np.ndarray, np.ndarray]]:
    """Every term that has rows, alphabetically, with its entries (ascending, uint32) and their
    scores: BM25's shape as one byte (1–255), the weighted count saturated, and discounted for
    the entry's length against a fixed reference length (so that an entry's scores depend on
    that entry alone).

    Made a group of terms at a time (about `GROUP_ROWS` rows): all the rows at once, sorted by
    term, took about 20 bytes a row at the peak (12.7 million rows at 32,000 entries)."""
    df = counts(a.term, len(a.terms))
    alpha = np.array(sorted(np.flatnonzero(df).tolist(), key=a.terms.__getitem__), dtype=np.int64)
    rank = np.zeros(len(a.terms), dtype=np.int32)  # sorted faster than int64
    rank[alpha] = np.arange(len(alpha))
    ends = np.cumsum(df[alpha])
    lo = 0
    while lo < len(alpha):
        hi = max(lo + 1, int(np.searchsorted(ends, (ends[lo - 1] if lo else 0) + GROUP_ROWS, side="right")))
        chosen = np.zeros(len(a.terms), dtype=bool)
        chosen[alpha[lo:hi]] = True
        rows = np.flatnonzero(chosen[a.term])  # ascending: entry by entry
        del chosen
        term = rank[a.term[rows]]
        entry = (np.searchsorted(a.row, rows, side="right") - 1).astype(np.uint32)
        scores = row_scores(a.count[rows], a.lengths[entry])
        del rows
        sort = np.argsort(term, kind="stable")  # each term's entries stay ascending
        term, entry, scores = term[sort], entry[sort], scores[sort]
        del sort
        starts = np.searchsorted(term, np.arange(lo, hi, dtype=np.int32))
        stops = np.append(starts[1:], len(term))
        for k in range(hi - lo):
            yield a.terms[alpha[lo + k]], entry[starts[k]:stops[k]], scores[starts[k]:stops[k]]
        lo = hi


def row_scores(count: np.ndarray, length: np.ndarray) -> np.ndarray:
    """The score of rows of weighted counts `count` of entries of `length` words (see `score`)."""
    norm = length.astype(np.float32)
    norm *= K1 * B / REFERENCE_LENGTH
    norm += K1 * (1 - B)
    count = count.astype(np.float32)
    count *= 255.0  # 255 / (K1 + 1) * count * (K1 + 1) / (count + norm), in place
    count /= count / 255.0 + norm
    del norm
    return np.clip(np.rint(count), 1, 255).astype(np.uint8)


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
    scores = np.asarray(scores, dtype=np.uint8).tobytes()
    bitmap_size = (total + 7) // 8
    if df <= FEW:  # most terms: the same bytes without numpy's cost per call
        listed = numbers.tolist()
        gaps = [b - a for a, b in zip([0, *listed], listed, strict=False)]
        widest = max(gaps, default=0)
        width = 1 if widest < 256 else 2 if widest < 65536 else 4
        if bitmap_size >= df * width:
            return head + struct.pack(f"<B{df}{_GAP[width]}", width, *gaps) + scores
    gaps = numbers.copy()
    gaps[1:] -= numbers[:-1]
    widest = int(gaps.max()) if df else 0
    width = 1 if widest < 256 else 2 if widest < 65536 else 4
    if bitmap_size < df * width:
        bits = np.zeros(bitmap_size * 8, dtype=bool)
        bits[numbers] = True
        body = b"\0" + np.packbits(bits, bitorder="little").tobytes()
    else:
        body = bytes((width,)) + gaps.astype({1: "<u1", 2: "<u2", 4: "<u4"}[width]).tobytes()
    return head + body + scores


FEW = 32
"""Entries of a term up to which `encode_postings` packs them without numpy (the same bytes)."""
_GAP = {1: "B", 2: "H", 4: "I"}


def _external(term: str, key: str) -> bytes:
    return _short(term) + b"\1" + _short(key)


def big_key(term: str) -> str:
    """The name of a term's own file (`kata/besar-<key>.bin`): from the term, so that it keeps
    its name from build to build whatever other terms come and go."""
    return hashlib.blake2b(term.encode("utf-8"), digest_size=6).hexdigest()


@dataclass(frozen=True)
class IndexResult:
    count: int  # entries indexed
    fingerprint: str  # of the entries' searchable content and this code: equal fingerprints, equal index
    files: dict[str, str]  # each file of the bundle → the digest of its content
    written: int = 0  # files written (the others linked from the previous build's)
    bytes: int = 0  # of the files written
    read: int = 0  # entries read for the index (the others' analysis came from the cache)
    kept: bool = False  # the previous build's index, linked whole (nothing was made)
    sizes: dict[str, int] = field(default_factory=dict)  # what its shard counts were chosen from (`_Files.sizes`)
    patched: bool = False  # made from the previous build's index (`patch.py`), not whole
    problems: list[str] = field(default_factory=list)  # what the build should say (a cache that could not be read)


class _Files:
    """The index's files as they are made: name → content (to be compressed when written, or
    not) and its digest; a file kept from the previous index has its digest only. `sizes`: what
    the shard counts were chosen from (the bytes of every term's record, of the lexicon)."""

    def __init__(self) -> None:
        self.data: dict[str, tuple[bytes, bool]] = {}
        self.digests: dict[str, str] = {}
        self.sizes: dict[str, int] = {}

    def add(self, name: str, data: bytes, *, compress: bool = True) -> None:
        self.data[name] = (data, compress)
        self.digests[name] = fingerprint_of(bytes((compress,)), data)

    def kept(self, name: str, digest: str) -> None:
        self.digests[name] = digest

    def content(self, name: str) -> bytes:
        data, compress = self.data[name]
        return _gzip(data) if compress else data


def forms_used(a: analysis.Analysis, raws: Iterable[int], form_df: np.ndarray) -> tuple[dict[str, str], Counter]:
    """The word forms of the raw words `raws` (numbers into `a.raws`) the entries use: form →
    its stem (a hyphenated word gives its parts), and form → how many entries use it."""
    forms: dict[str, str] = {}
    used: Counter = Counter()
    for k in raws:
        df = int(form_df[k])
        stem = a.stems[k]
        if not stem or not df:
            continue
        if stem[0] == "-":
            for form, part in a.parts.get(a.raws[k], ()):
                forms[form] = part
                used[form] += df
        else:
            raw = a.raws[k]
            forms[raw] = stem
            used[raw] += df
    return forms, used


def form_counts(a: analysis.Analysis) -> np.ndarray:
    """How many entries use each raw word of `a.raws`."""
    return counts(a.form, len(a.raws))


COUNT_RUN = 1 << 20
"""Values counted at a time (`counts`)."""


def counts(values: np.ndarray, n: int) -> np.ndarray:
    """How many times each of 0 … n - 1 occurs in `values` (int64, `np.bincount`), a run at a
    time: `np.bincount` makes an int64 copy of a uint32 array first (390 MB of the forms at
    100,000 entries)."""
    out = np.zeros(n, dtype=np.int64)
    for start in range(0, len(values), COUNT_RUN):
        out += np.bincount(values[start:start + COUNT_RUN], minlength=n)
    return out


def listed_forms(forms: Iterable[str], used: Counter) -> list[str]:
    """The forms a term's record lists for highlighting: the most used first."""
    if isinstance(forms, list | tuple) and len(forms) < 2:
        return list(forms)  # nothing to order
    return sorted(forms, key=lambda f: (-used[f], f))[:MAX_FORMS]


def known_names() -> list[str]:
    """The words of the names search knows (synonym terms, provinces' names and short forms)."""
    table = document.query_table()
    return [word for name, _ in table["sinonim"] + table["provinsi"] for word in name
            if word not in words.stop_words()]


def typo_files(known_words: dict[str, tuple[int, str]]) -> dict[str, bytes]:
    """The correction files of `known_words` (word → (entries using it, its stem)): by first
    letter and length, the most used first."""
    typo: dict[str, list[str]] = {}
    for form, (df, stem) in sorted(known_words.items(), key=lambda item: (-item[1][0], item[0])):
        typo.setdefault(typo_key(form), []).append(f"{form}\t{df}" if stem == form else f"{form}\t{df}\t{stem}")
    return {f"ejaan/{key}.bin": "\n".join(rows[:TYPO_MAX_WORDS]).encode("utf-8") for key, rows in sorted(typo.items())}


def chunk(ordered: Sequence[Item], n: int) -> bytes:
    """`entri/<n>.json`: the cards of the entries of chunk n."""
    cards = [r.card for r in ordered[n * CHUNK:(n + 1) * CHUNK]]
    return json.dumps(cards, ensure_ascii=False, separators=(",", ":")).encode()


def column_files(ordered: Sequence[Item], facets: dict[str, Any]) -> dict[str, bytes]:
    """`kolom/<facet>.bin`: each entry's values of one facet, in the index's order."""
    out = {}
    values: dict[str, list[str]] = facets["values"]
    position = {r.id: i for i, r in enumerate(ordered)}
    for key, per_entry in facets["columns"].items():
        index_of = {value: i + 1 for i, value in enumerate(values[key])}
        column = [b""] * len(ordered)
        for entry_id, chosen in per_entry.items():
            codes = [index_of[c] for c in chosen if c in index_of]
            column[position[entry_id]] = bytes(codes[:1]) if key in facets["single"] else bytes((len(codes), *codes))
        out[f"kolom/{key}.bin"] = b"".join(column)
    return out


def manifest(files: _Files, *, total: int, lexicon_shards: int, shards: int, facets: dict[str, Any]) -> bytes:
    """`indeks.json`, its version (`versi`) made from every other file's name and digest."""
    version = hashlib.blake2b(digest_size=8)
    for name in sorted(files.digests):
        version.update(f"{name}\0{files.digests[name]}\0".encode())
    data = {
        "format": FORMAT,
        "versi": version.hexdigest(),
        "jumlah": total,
        "potongan": CHUNK,
        "leksikon": lexicon_shards,
        "kata": shards,
        "ejaan": sorted(name[len("ejaan/"):-len(".bin")] for name in files.digests if name.startswith("ejaan/")),
        "kolom": {key: {"nilai": facets["values"][key], "tunggal": key in facets["single"]} for key in facets["columns"]},
        "lencana": document.badges(),
        **document.query_table(),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def index_files(a: analysis.Analysis, ordered: Sequence[Item], facets: dict[str, Any]) -> _Files:
    """Every file of the index (see the module's docstring) from the entries' analysis."""
    total = len(a)
    out = _Files()
    form_df = form_counts(a)
    forms, used = forms_used(a, np.flatnonzero(form_df).tolist(), form_df)

    # Terms: their forms, then their files.
    forms_of: dict[str, list[str]] = {}
    for form, stem in forms.items():
        forms_of.setdefault(stem, []).append(form)
    encoded = []
    held: list[tuple[str, int]] = []  # each term, and how many entries hold it
    for term, entries, scores in scored(a):
        known = listed_forms(forms_of.get(term, ()), used)
        encoded.append((term, encode_postings(term, entries, scores, total, known)))
        held.append((term, len(entries)))
    kata_bytes = sum(len(data) for _, data in encoded)
    shards = max(1, math.ceil(kata_bytes / POSTING_BYTES))
    records_by_shard: dict[int, list[bytes]] = {}
    for term, data in encoded:
        if len(data) > BIG_BYTES:
            key = big_key(term)
            out.add(f"kata/besar-{key}.bin", data)
            data = _external(term, key)
        records_by_shard.setdefault(shard(term, shards), []).append(data)
    del encoded
    for n in range(shards):
        out.add(f"kata/{n}.bin", b"".join(records_by_shard.get(n, [])))

    # The lexicon: every form → its stem (a form that is its own stem is written alone).
    lexicon_size = sum(lexicon_bytes(f, s) for f, s in forms.items())
    lexicon_shards = max(1, math.ceil(lexicon_size / LEXICON_BYTES))
    lines: dict[int, list[str]] = {}
    for form in sorted(forms):
        lines.setdefault(shard(form, lexicon_shards), []).append(lexicon_line(form, forms[form]))
    for n in range(lexicon_shards):
        out.add(f"leksikon/{n}.bin", "\n".join(lines.get(n, [])).encode("utf-8"))

    # Corrections: the forms and the stems the entries use (in large catalogues, those used by two
    # entries or more) and the names search knows (synonym terms, provinces' names and short
    # forms), by first letter and length, the most used first; each with its stem when it is not
    # its own ("antri" is corrected to the stem "antre" of "antrean").
    least = 1 if total < TYPO_ALL_BELOW else TYPO_MIN_DF
    known_words: dict[str, tuple[int, str]] = {}
    for term, df in held:
        if not term.startswith("#") and df >= least:
            known_words[term] = (df, term)
    for form, df in used.items():
        if df >= least and form not in known_words:
            known_words[form] = (df, forms[form])
    for word in known_names():
        known_words.setdefault(word, (TYPO_MIN_DF, word))
    for name, data in typo_files(known_words).items():
        out.add(name, data)

    # What results show, in files of CHUNK entries.
    for n in range(math.ceil(total / CHUNK)):
        out.add(f"entri/{n}.json", chunk(ordered, n), compress=False)

    # Facet columns, in the index's order.
    for name, data in column_files(ordered, facets).items():
        out.add(name, data)

    out.add(MANIFEST, manifest(out, total=total, lexicon_shards=lexicon_shards, shards=shards, facets=facets),
            compress=False)
    out.sizes = {"kata": kata_bytes, "leksikon": lexicon_size}
    return out


def lexicon_bytes(form: str, stem: str) -> int:
    """What one form counts for in the lexicon's size (which decides its shard count)."""
    return len(form) + len(stem) + 2


def lexicon_line(form: str, stem: str) -> str:
    return form if stem == form else f"{form}\t{stem}"


def typo_key(word: str) -> str:
    """The correction file of a word: its first letter (a digit: `0`; anything else: `_`) and
    its length (longer than TYPO_MAX_LENGTH counts as that)."""
    first = word[0]
    letter = first if "a" <= first <= "z" else "0" if first.isdigit() else "_"
    return f"{letter}-{min(len(word), TYPO_MAX_LENGTH)}"


# --- the background job --------------------------------------------------------------------------


def fingerprint(ids: Sequence[str], fingerprints: Iterable[bytes]) -> str:
    """Of everything the index is made from: each entry's id and `analysis.entry_fingerprint`
    (in the index's order), the package's code and tables (`load_cache.code_digest`: the
    vocabularies, the facets and this code among them) and the stemmer's version."""
    digest = hasher(code_digest(), analysis.code_digest(), str(FORMAT))
    for entry_id, one in zip(ids, fingerprints, strict=True):
        digest.update(entry_id.encode() + b"\0" + one)
    return digest.hexdigest()


class NeedsWhole(Exception):
    """`make_index` was sent `document.light` items (nothing changed, the build saw) and the
    previous index could not be kept: the whole items are needed."""


def unchanged(items: Sequence[Item | None], previous: Any) -> bool:
    """Whether the index of the entries of `items` (`document.light`) is the one the previous
    build made (`previous`: what it was, as `make_index` takes it): then `make_index` only links
    it, and needs no more of them."""
    if not isinstance(previous, dict) or any(it is None for it in items):
        return False
    ordered = order(it for it in items if it is not None)
    return fingerprint([r.id for r in ordered], [r.fingerprint for r in ordered]) == previous.get("sidik")


def make_index(records: Sequence[Record] | Sequence[Item], site_dir: str, *, previous: tuple[str, dict[str, Any]] | None = None,
               cache: str | None = None, jobs: int | None = None) -> IndexResult:
    """The index of `records` (published, with badges; or what the index reads of each,
    `document.item`: the build sends those to the process that runs this) in `site_dir/cari/`.

    A warm build: `cache` is a folder where the entries' analysis is kept between builds (only
    the entries changed since are read again); `previous` = (the previous build's site folder,
    what its index was: `{"sidik": fingerprint, "berkas": IndexResult.files, "ukuran":
    IndexResult.sizes}`). When nothing the index is made from changed, that index is linked in
    whole (`kept`), known from the entries' fingerprints alone; when a few entries changed, only
    the files they touch are made (`patched`, see patch.py); else every file is made. Either way
    each file whose content did not change is linked from there instead of written."""
    items = [r if isinstance(r, Item) else document.item(r) for r in records]
    del records
    ordered = order(items)
    fingerprints = [r.fingerprint or analysis.entry_digest(r) for r in ordered]
    print_ = fingerprint([r.id for r in ordered], fingerprints)
    target = os.path.join(site_dir, BUNDLE)
    old_dir, old = (os.path.join(previous[0], BUNDLE), previous[1]) if previous else ("", {})
    old_files = old.get("berkas") if isinstance(old, dict) else None
    if not isinstance(old_files, dict):
        old_files = {}
    in_place = bool(previous) and os.path.isdir(site_dir) and os.path.samefile(previous[0], site_dir)
    if not old_files or not os.path.isfile(os.path.join(old_dir, MANIFEST)):
        old_files = {}
    # Nothing the index is made from changed: the previous one, linked whole, and nothing made.
    if old_files and old.get("sidik") == print_ and keep(old_dir, target, in_place=in_place):
        return IndexResult(len(ordered), print_, dict(old_files), kept=True,
                           sizes=dict(old["ukuran"]) if isinstance(old.get("ukuran"), dict) else {})
    if not all(r.whole for r in ordered):
        raise NeedsWhole("indeks sebelumnya tidak dapat dipakai utuh")
    problems: list[str] = []
    cached = analysis.load(cache, problems)
    try:
        entries, read = analysis.update(ordered, cached, fingerprints=fingerprints, jobs=jobs)
    except analysis.Damaged:  # found as the cached analysis was read: none, then
        problems.append(analysis.unusable(os.path.join(cache or "", analysis.CACHE_FILE)))
        cached = None
        entries, read = analysis.update(ordered, None, fingerprints=fingerprints, jobs=jobs)
    if cache and (read or cached is None or cached.ids != entries.ids):
        analysis.save(entries, cache)
    from .patch import patch  # noqa: PLC0415 — patch.py builds on this module

    files = patch(entries, cached, ordered, old_dir, old) if cached is not None and old_files else None
    patched = files is not None
    if files is None:
        files = index_files(entries, ordered, columns(ordered))
    if not in_place:
        shutil.rmtree(target, ignore_errors=True)
    written, size = _write(files, target, old_dir, old_files, in_place=in_place)
    if written < 0:  # a previous file the patch named could not be linked: the whole index, then
        files, patched = index_files(entries, ordered, columns(ordered)), False
        written, size = _write(files, target, old_dir, old_files, in_place=in_place)
    if in_place:  # files of the previous index this one does not have
        for name in set(old_files) - set(files.digests):
            try:
                os.unlink(os.path.join(target, name))
            except OSError:
                pass
    return IndexResult(len(ordered), print_, files.digests, written, size, read, sizes=files.sizes, patched=patched,
                       problems=problems)


def _write(files: _Files, target: str, old_dir: str, old_files: dict[str, str], *, in_place: bool) -> tuple[int, int]:
    """Each file of `files` in `target`: linked from `old_dir` when its content did not change,
    else written. (files written, their bytes); (-1, 0) when a file known only by its digest
    (kept by `patch`) could not be linked."""
    written = size = 0
    made_dirs: set[str] = set()
    for name, digest in files.digests.items():
        path = os.path.join(target, name)
        folder = os.path.dirname(path)
        if folder not in made_dirs:
            os.makedirs(folder, exist_ok=True)
            made_dirs.add(folder)
        if old_files.get(name) == digest and keep(os.path.join(old_dir, name), path, in_place=in_place):
            continue
        if name not in files.data:
            return -1, 0
        data = files.content(name)
        with open(path + ".tmp", "wb") as f:
            f.write(data)
        os.replace(path + ".tmp", path)
        written += 1
        size += len(data)
    return written, size
