"""A warm build's index, made from the previous one where only a few entries changed.

The index is in pieces (`index.py`): a term's record lives in one `kata/` shard (or a file of
its own), a form in one `leksikon/` shard, a word in one `ejaan/` file, an entry's card in one
`entri/` file. When the entries are the same ones in the same order and a few of them changed,
only the pieces those entries touch can differ:

- the records of the terms whose score in a changed entry changed, that a changed entry gained
  or lost, or whose forms' counts changed (their forms are listed by use), in their shards;
- the lexicon shards of the forms that appear in, or disappear from, the whole catalogue;
- the correction files of the words whose count of entries changed;
- the `entri/` files holding a changed entry; the facet columns and the manifest.

`patch` makes those pieces, reading the other records of the shards it rewrites from the
previous build's files, and names every other file as the previous build's. What it makes is
what `index.index_files` makes of the same entries, byte for byte (tests/test_search.py builds
both); where it cannot know that cheaply (the shard counts would change, a previous file cannot
be read, many entries changed, entries came or went) it returns None and the whole index is made.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from . import analysis
from . import index as ix
from .document import Item
from .filters import facets

MOST_CHANGED = 50
"""At most one entry in this many changed (and at least 16 entries allowed): beyond, the whole
index is made (it costs about as much)."""


def patch(new: analysis.Analysis, old: analysis.Analysis, ordered: Sequence[Item], old_dir: str,
          previous: dict[str, Any]) -> ix._Files | None:
    """The files of the index of `new` (the analysis of `ordered`), from `old`, the analysis of
    the previous build's index in `old_dir` (`previous`: what that index was, with its sizes);
    None when the whole index must be made."""
    sizes, old_files = previous.get("ukuran"), previous.get("berkas")
    total = len(new)
    if (not isinstance(sizes, dict) or not isinstance(old_files, dict) or new.ids != old.ids
            or ix.fingerprint(old.ids, old.digests) != previous.get("sidik")):
        return None
    changed = [k for k, (a, b) in enumerate(zip(new.digests, old.digests, strict=True)) if a != b]
    if not changed or len(changed) > max(16, total // MOST_CHANGED):
        return None
    try:
        with open(os.path.join(old_dir, ix.MANIFEST), "rb") as f:
            old_manifest = json.loads(f.read())
        shards, lexicon_shards = int(old_manifest["kata"]), int(old_manifest["leksikon"])
        kata_bytes, lexicon_size = int(sizes["kata"]), int(sizes["leksikon"])
        return _patch(new, old, changed, ordered, old_dir, old_files, old_manifest, shards, lexicon_shards,
                      kata_bytes, lexicon_size)
    except (OSError, ValueError, KeyError, TypeError, IndexError, EOFError, zlib.error, UnicodeDecodeError):
        return None


def _rows(a: analysis.Analysis, k: int) -> dict[str, int]:
    """Entry k's terms and their scores."""
    r0, r1 = int(a.row[k]), int(a.row[k + 1])
    scores = ix.row_scores(a.count[r0:r1], np.full(r1 - r0, a.lengths[k]))
    return dict(zip(map(a.terms.__getitem__, a.term[r0:r1].tolist()), scores.tolist(), strict=True))


def _raws(a: analysis.Analysis, k: int) -> dict[str, int]:
    """The raw words entry k uses, with their numbers."""
    numbers = a.form[int(a.seen[k]):int(a.seen[k + 1])].tolist()
    return dict(zip(map(a.raws.__getitem__, numbers), numbers, strict=True))


def _forms_of_raw(a: analysis.Analysis, k: int) -> list[tuple[str, str]]:
    """(form, stem) of raw word k: itself, or a hyphenated word's parts; none for a word not indexed."""
    stem = a.stems[k]
    if not stem:
        return []
    return list(a.parts.get(a.raws[k], ())) if stem[0] == "-" else [(a.raws[k], stem)]


def _read(old_dir: str, name: str) -> bytes:
    with open(os.path.join(old_dir, name), "rb") as f:
        data = f.read()
    return gzip.decompress(data) if name.endswith(".bin") else data


def split_records(data: bytes, total: int) -> list[tuple[str, bytes]]:
    """The records of a `kata/` shard (`index.encode_postings`, or a reference to a term's own
    file), each as (term, its bytes)."""
    out, at = [], 0
    while at < len(data):
        start = at
        at += 1 + data[at]
        term = data[start + 1:at].decode("utf-8")
        kind = data[at]
        at += 1
        if kind == 1:
            at += 1 + data[at]
        elif kind == 0:
            df = int.from_bytes(data[at:at + 4], "little")
            at += 4
            forms = data[at]
            at += 1
            for _ in range(forms):
                at += 1 + data[at]
            width = data[at]
            at += 1 + ((total + 7) // 8 if width == 0 else df * width) + df
        else:
            raise ValueError("kind")
        if at > len(data):
            raise ValueError("truncated")
        out.append((term, data[start:at]))
    return out


def _patch(new: analysis.Analysis, old: analysis.Analysis, changed: list[int], ordered: Sequence[Item],
           old_dir: str, old_files: dict[str, str], old_manifest: dict[str, Any], shards: int, lexicon_shards: int,
           kata_bytes: int, lexicon_size: int) -> ix._Files | None:
    total = len(new)
    out = ix._Files()
    dropped: set[str] = set()  # previous files this index does not have

    # What the changed entries touch: terms whose score changed or that came or went (`flipped`:
    # an entry gained or lost it, so its count of entries changed), and the raw words an entry
    # gained or lost (their forms' counts changed).
    terms: set[str] = set()
    flipped: set[str] = set()
    raw_delta: dict[str, int] = {}
    raw_at: dict[str, tuple[analysis.Analysis, int]] = {}  # where each of those raw words is described
    for k in changed:
        before, after = _rows(old, k), _rows(new, k)
        flipped |= before.keys() ^ after.keys()
        terms |= {t for t in before.keys() | after.keys() if before.get(t) != after.get(t)}
        raws_before, raws_after = _raws(old, k), _raws(new, k)
        for raw in raws_before.keys() - raws_after.keys():
            raw_delta[raw] = raw_delta.get(raw, 0) - 1
            raw_at.setdefault(raw, (old, raws_before[raw]))
        for raw in raws_after.keys() - raws_before.keys():
            raw_delta[raw] = raw_delta.get(raw, 0) + 1
            raw_at.setdefault(raw, (new, raws_after[raw]))
    forms_changed: dict[str, int] = {}  # form → how many more entries use it (through each raw word)
    stem_of: dict[str, str] = {}
    for raw, delta in raw_delta.items():
        for form, stem in _forms_of_raw(*raw_at[raw]):
            forms_changed[form] = forms_changed.get(form, 0) + delta
            stem_of[form] = stem
            terms.add(stem)
    typo_keys = {ix.typo_key(w) for w in flipped | forms_changed.keys() if not w.startswith("#")}
    typo_lengths = {int(key.rsplit("-", 1)[1]) for key in typo_keys}

    def typo_wanted(word: str) -> bool:
        return min(len(word), ix.TYPO_MAX_LENGTH) in typo_lengths and ix.typo_key(word) in typo_keys

    # Every form of those terms, and every form of those correction files, with their counts.
    form_df = ix.form_counts(new)
    wanted = []
    stems, raws = new.stems, new.raws
    for k in np.flatnonzero(form_df).tolist():
        stem = stems[k]
        if not stem:
            continue
        if stem[0] != "-":
            if stem in terms or typo_wanted(raws[k]):
                wanted.append(k)
        elif any(part in terms or typo_wanted(form) for form, part in new.parts.get(raws[k], ())):
            wanted.append(k)
    forms, used = ix.forms_used(new, wanted, form_df)

    # The lexicon: forms that appear or disappear.
    appeared, gone = [], []
    for form, delta in forms_changed.items():
        now = used.get(form, 0)
        before = now - delta
        if before > 0 and now <= 0:
            gone.append(form)
        elif before <= 0 < now:
            appeared.append(form)
    lexicon_size += sum(ix.lexicon_bytes(f, forms[f]) for f in appeared)
    lexicon_size -= sum(ix.lexicon_bytes(f, stem_of[f]) for f in gone)
    if max(1, math.ceil(lexicon_size / ix.LEXICON_BYTES)) != lexicon_shards:
        return None
    lexicon_touched: dict[int, list[str]] = {}
    for form in appeared + gone:
        lexicon_touched.setdefault(ix.shard(form, lexicon_shards), []).append(form)
    for n, touched in sorted(lexicon_touched.items()):
        name = f"leksikon/{n}.bin"
        text = _read(old_dir, name).decode("utf-8")
        lines = {line.split("\t", 1)[0]: line for line in text.split("\n") if line}
        for form in touched:
            lines.pop(form, None)
            if form in appeared:
                lines[form] = ix.lexicon_line(form, forms[form])
        out.add(name, "\n".join(lines[f] for f in sorted(lines)).encode("utf-8"))

    # The touched terms' records, from the new analysis's rows of those terms: a group of terms of
    # about `ix.GROUP_ROWS` rows at a time (as `ix.scored`; a few hundred edited entries touch
    # most of the rows, held with their entries, scores and order took about 40 bytes a row).
    term_number = {term: k for k, term in enumerate(new.terms)}
    term_df = ix.counts(new.term, len(new.terms))
    forms_of: dict[str, list[str]] = {}
    for form, stem in forms.items():
        if stem in terms:
            forms_of.setdefault(stem, []).append(form)
    records: dict[str, bytes] = {}
    numbers = sorted(term_number[t] for t in terms if t in term_number)
    is_touched = np.zeros(len(new.terms), dtype=bool)  # by number (`np.isin` made an int64 copy of every row's term)
    group: list[int] = []
    group_rows = 0
    for at, number in enumerate(numbers):
        group.append(number)
        group_rows += int(term_df[number])
        if group_rows < ix.GROUP_ROWS and at + 1 < len(numbers):
            continue
        is_touched[group] = True
        rows = np.flatnonzero(is_touched[new.term])
        is_touched[group] = False
        group, group_rows = [], 0
        entry = (np.searchsorted(new.row, rows, side="right") - 1).astype(np.uint32)
        scores = ix.row_scores(new.count[rows], new.lengths[entry])
        term_of = new.term[rows]
        del rows
        sort = np.lexsort((entry, term_of))
        term_of, entry, scores = term_of[sort], entry[sort], scores[sort]
        del sort
        present, starts = np.unique(term_of, return_index=True)
        ends = np.append(starts[1:], len(term_of))[:len(starts)]
        for t, start, end in zip(present.tolist(), starts.tolist(), ends.tolist(), strict=True):
            term = new.terms[t]
            records[term] = ix.encode_postings(term, entry[start:end], scores[start:end], total,
                                               ix.listed_forms(forms_of.get(term, ()), used))
    by_shard: dict[int, list[str]] = {}
    for term in terms:
        by_shard.setdefault(ix.shard(term, shards), []).append(term)
    rewritten: dict[int, dict[str, bytes]] = {}
    for n, touched in by_shard.items():
        old_records = dict(split_records(_read(old_dir, f"kata/{n}.bin"), total))
        for term in touched:
            was = old_records.pop(term, None)
            if was is not None:
                if was[len(term.encode()) + 1] == 1:  # in a file of its own
                    name = f"kata/besar-{ix.big_key(term)}.bin"
                    kata_bytes -= len(_read(old_dir, name))
                    dropped.add(name)
                else:
                    kata_bytes -= len(was)
            if term in records:
                data = records[term]
                kata_bytes += len(data)
                if len(data) > ix.BIG_BYTES:
                    key = ix.big_key(term)
                    out.add(f"kata/besar-{key}.bin", data)
                    dropped.discard(f"kata/besar-{key}.bin")
                    data = ix._external(term, key)
                old_records[term] = data
        rewritten[n] = old_records
    if max(1, math.ceil(kata_bytes / ix.POSTING_BYTES)) != shards:
        return None
    for n, shard_records in sorted(rewritten.items()):
        out.add(f"kata/{n}.bin", b"".join(shard_records[t] for t in sorted(shard_records)))

    # Corrections: every word of the touched files, as `index_files` lists them.
    least = 1 if total < ix.TYPO_ALL_BELOW else ix.TYPO_MIN_DF
    known_words: dict[str, tuple[int, str]] = {}
    for t in np.flatnonzero(term_df >= least).tolist():
        term = new.terms[t]
        if not term.startswith("#") and typo_wanted(term):
            known_words[term] = (int(term_df[t]), term)
    for form, df in used.items():
        if df >= least and form not in known_words and typo_wanted(form):
            known_words[form] = (df, forms[form])
    for word in ix.known_names():
        if ix.typo_key(word) in typo_keys:
            known_words.setdefault(word, (ix.TYPO_MIN_DF, word))
    typo = ix.typo_files(known_words)
    for name, data in typo.items():
        out.add(name, data)
    dropped |= {f"ejaan/{key}.bin" for key in typo_keys} - typo.keys()

    # What results show: the files of the changed entries.
    for n in sorted({k // ix.CHUNK for k in changed}):
        out.add(f"entri/{n}.json", ix.chunk(ordered, n), compress=False)
    columns = _columns(ordered, changed, old_dir, old_manifest)
    if columns is None:
        return None
    files, facets = columns
    for name, data in files.items():
        out.add(name, data)

    for name, digest in old_files.items():
        if name not in out.digests and name not in dropped and name != ix.MANIFEST:
            out.kept(name, digest)
    out.add(ix.MANIFEST, ix.manifest(out, total=total, lexicon_shards=lexicon_shards, shards=shards, facets=facets),
            compress=False)
    out.sizes = {"kata": kata_bytes, "leksikon": lexicon_size}
    return out


def _columns(ordered: Sequence[Item], changed: list[int], old_dir: str,
             old_manifest: dict[str, Any]) -> tuple[dict[str, bytes], dict[str, Any]] | None:
    """The facet columns (`kolom/`) with the changed entries' values, from the previous ones, and
    the facets as the manifest names them; None when a previous column is not as expected."""
    total = len(ordered)
    offered = {f.key: f for f in facets()}
    keys = [*offered, "skor"]
    single = sorted(key for key, f in offered.items() if f.single) + ["skor"]
    if sorted(old_manifest["kolom"]) != sorted(keys):
        return None
    chosen: dict[int, dict[str, list[str]]] = {}
    for k in changed:
        chosen[k] = ordered[k].filters
    files: dict[str, bytes] = {}
    values: dict[str, list[str]] = {}
    for key in keys:
        was: list[str] = list(old_manifest["kolom"][key]["nilai"])
        data = _read(old_dir, f"kolom/{key}.bin")
        names = list(was)
        for k in changed:
            names += [v for v in chosen[k][key] if v not in names]
        number = {name: n for n, name in enumerate(names)}
        if key in single:  # one byte an entry: its value's number in the list, from 1
            if len(data) != total:
                return None
            held = np.frombuffer(data, dtype=np.uint8).astype(np.int64) - 1
            if len(held) and (held.min() < 0 or held.max() >= len(was)):
                return None
            for k in changed:
                if not chosen[k][key]:
                    return None
                held[k] = number[chosen[k][key][0]]
            present = {names[n] for n in np.unique(held).tolist()}
        else:  # per entry: how many values, then each
            lists, at = [], 0
            for _ in range(total):
                n = data[at]
                lists.append([was[c - 1] for c in data[at + 1:at + 1 + n]])
                at += 1 + n
            if at != len(data):
                return None
            for k in changed:
                lists[k] = list(chosen[k][key])
            present = {value for one in lists for value in one}
        if key == "skor":
            now = was
        elif offered[key].labels:
            now = [value for value in offered[key].labels if value in present]
        else:
            now = sorted(present, reverse=True)
        values[key] = now
        code = {value: n + 1 for n, value in enumerate(now)}
        if key in single:
            lookup = np.array([code.get(name, 0) for name in names], dtype=np.uint8)
            column = lookup[held]
            if not column.all():  # a value the page does not offer: written as no byte (`index.column_files`)
                return None
            files[f"kolom/{key}.bin"] = column.tobytes()
        else:
            coded = ([code[v] for v in one if v in code] for one in lists)
            files[f"kolom/{key}.bin"] = b"".join(bytes((len(codes), *codes)) for codes in coded)
    return files, {"values": values, "columns": dict.fromkeys(keys), "single": single}
