"""What one published entry gives the search: its text, field by field with a weight, the
tokens of its province and of the synonym groups it uses, and the little a result shows before
the entry's own page is fetched (title, facts, badge levels).

Weights say where a word counts most: a word of the title says more about an entry than the
same word deep in its story. The index (`index.py`) turns them into one score per word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any, NamedTuple

from .. import vocabulary as v
from .. import words
from ..catalogue import Record, read_body
from ..criteria import KEYS, LABELS, RULES, level_name, score_text
from ..text import truncate
from ..verification import short_text
from .filters import filters_of

# Field → weight (a word's count in the field is multiplied by it).
JUDUL, KATA_KUNCI, RINGKASAN, WILAYAH, INSTANSI, UNIT, MASALAH, HASIL, PENGHARGAAN, CERITA = (
    8, 5, 4, 4, 3, 2, 2, 2, 2, 1)

PROVINCE = "#p:"
"""A token no word can be (`words.split` gives letters and digits only): `#p:jawa-timur` is held
by every entry of that province, and a query naming the province (or Jatim) asks for it."""
SYNONYM = "#s:"
"""`#s:<n>`: held by every entry whose text uses a term of synonym group n (vocab/sinonim.yaml)."""

# Markdown that is not words: link targets, autolinks and bare addresses, HTML tags.
_NOT_TEXT = re.compile(r"\]\([^)]*\)|<[^>\n]{0,500}>|https?://\S+")


def plain(markdown: str) -> str:
    """The words of a Markdown body, without its link targets, addresses and tags (the words of
    link texts and emphasis stay: markup characters are not letters): `_NOT_TEXT` replaced by a
    space, as `_NOT_TEXT.sub(" ", markdown)` does, but the text between matches skipped by
    `str.find` (every match starts with one of `_STARTS`): faster than the pattern's own scan,
    and linear in the text where that scan is quadratic (many "](" and no ")" after them)."""
    pieces: list[str] = []
    done = 0  # the text before this is in `pieces`
    at = {start: markdown.find(start) for start in _STARTS}
    while True:
        found = [k for k in at.values() if k >= 0]
        if not found:
            break
        k = min(found)
        match = _NOT_TEXT.match(markdown, k)
        if match is None:
            for start, where in at.items():
                if where == k:
                    # A link target that does not end has no ")" after it: nor has any later one
                    # (the pattern's own scan looks for it again at each, quadratic in the text).
                    at[start] = -1 if start == "](" else markdown.find(start, k + 1)
            continue
        pieces.append(markdown[done:k])
        pieces.append(" ")
        done = match.end()
        for start, where in at.items():
            if where < done:
                at[start] = markdown.find(start, done)
    if not pieces:
        return markdown
    pieces.append(markdown[done:])
    return "".join(pieces)


_STARTS = ("](", "<", "http")
"""What a match of `_NOT_TEXT` starts with (one of its three alternatives each)."""


def texts(record: Record | Item) -> list[tuple[int, str]]:
    """(weight, text) of everything an entry is found by: the story (with the novelty, benefit
    and urusan; first, the largest), title, keywords, summary, place (province name and short
    forms, regency or city), agency and unit, problem, results (their indicators) and awards.
    Of an `Item`, its body is read from its file (`Item.text_of_body`)."""
    story, fields = (record.story, record.fields) if isinstance(record, Item) else parts(record)
    body = record.text_of_body() if isinstance(record, Item) else record.read_body()
    out = [(CERITA, f"{story} \n{plain(body)}"), *fields]
    return [(weight, text) for weight, text in out if text.strip()]


def parts(record: Record) -> tuple[str, tuple[tuple[int, str], ...]]:
    """What `texts` gives of an entry besides its body: the head of the story (the novelty,
    benefit and urusan, to which the body's words are joined), and every other field."""
    e = record.entry
    place = [v.label("provinsi", e.wilayah.provinsi), *v.SINGKATAN_PROVINSI.get(e.wilayah.provinsi, ()),
             e.wilayah.kabupaten_kota or ""]
    story = " \n".join([e.kebaruan.uraian if e.kebaruan else "", e.manfaat.keterangan or "" if e.manfaat else "",
                        *(v.label("urusan", u) for u in e.urusan)])
    return story, (
        (JUDUL, e.judul),
        (KATA_KUNCI, " \n".join(e.kata_kunci)),
        (RINGKASAN, e.ringkasan),
        (WILAYAH, " \n".join(place)),
        (INSTANSI, e.instansi.nama),
        (UNIT, e.unit or ""),
        (MASALAH, e.masalah),
        (HASIL, " \n".join(h.indikator for h in e.hasil)),
        (PENGHARGAAN, " \n".join(f"{v.label('ajang', p.ajang)} {p.nama} {p.capaian or ''}" for p in e.penghargaan)),
    )


class Item(NamedTuple):
    """What the index reads of one published entry (`item`), small enough to send to the
    process that makes the index: not the entry's model, and its body only by reference (its
    file and the digest the load made of the body, `catalogue.Body.key`) unless it has no such
    digest (then the body itself). `fingerprint`: `analysis.entry_fingerprint` (b"" without a load key: the child
    makes it from the content)."""

    id: str
    mulai: int  # the start date's ordinal (the index's order)
    province: str
    fingerprint: bytes
    card: list[Any]
    filters: dict[str, list[str]]  # facet → values, and the score (`filters.columns`)
    story: str
    fields: tuple[tuple[int, str], ...]
    path: str = ""  # its file, when `body` is None
    source: str = ""  # its file below the docs dir
    key: str = ""  # the digest the load made of its body (`catalogue.Body.key`)
    display: str = ""  # its file as a message names it
    body: str | None = None
    whole: bool = True  # False: its id, start and fingerprint only (`light`)

    def text_of_body(self) -> str:
        """The body: its own, or read from its file and held to the digest the load made of it
        (`catalogue.read_body`: `BodyChanged` when the file no longer holds it)."""
        if self.body is not None:
            return self.body
        return read_body(self.path, self.source, self.key, self.display)


def item(record: Record, *, by_file: bool = False) -> Item:
    """What the index reads of `record` (published, with badges). `by_file`: the body left in
    its file (read again by `Item.text_of_body`, held to the digest the load made of it) when
    the load made one; else read here and carried whole."""
    from .analysis import entry_fingerprint  # noqa: PLC0415 — analysis builds on this module

    a = record.assessment
    story, fields = parts(record)
    keyed = bool(record.key)
    reference = by_file and bool(record.body.key)
    return Item(record.id, record.entry.tanggal.mulai.toordinal(), record.entry.wilayah.provinsi,
                entry_fingerprint(record) if keyed else b"", card(record),
                {**filters_of(record, a), "skor": [str(a.skor)]}, story, fields,
                str(record.path), record.source, record.body.key, record.display,
                None if reference else record.read_body())


def light(record: Record) -> Item | None:
    """Of `record`, only what tells whether the previous build's index can be kept whole (its
    id, start date and fingerprint): what a warm build sends when nothing the index is made
    from changed (`index.unchanged`). None without a load key (its fingerprint is its content)."""
    from .analysis import entry_fingerprint  # noqa: PLC0415 — analysis builds on this module

    if not record.key:
        return None
    return Item(record.id, record.entry.tanggal.mulai.toordinal(), "", entry_fingerprint(record), [], {}, "", (),
                whole=False)


@dataclass(frozen=True)
class Synonyms:
    """The synonym groups as the index finds them in a text (`analysis.Words.groups_in`): a
    one-word term by its stem (so "pengaduan" and "mengadu" find the group of "aduan"), a phrase
    by its words in a row."""

    single: dict[str, tuple[int, ...]]  # stem of a one-word term → groups
    phrases: dict[str, tuple[tuple[str, int], ...]]  # stem of a phrase's first word → (" words in a row ", group)


def term_words(term: str) -> list[str]:
    """A synonym term or a place name as folded words, hyphenated ones whole ("KTP-el" → ktp-el)."""
    return words.findall(words.fold(term))


@cache
def synonyms() -> Synonyms:
    stem = words.stemmer().stem
    single: dict[str, list[int]] = {}
    phrases: dict[str, list[tuple[str, int]]] = {}
    for group, terms in enumerate(v.SINONIM):
        for term in terms:
            parts = term_words(term)
            if len(parts) == 1:
                single.setdefault(_term_key(parts[0], stem), []).append(group)
            elif parts:
                phrases.setdefault(_term_key(parts[0], stem), []).append((" " + " ".join(parts) + " ", group))
    return Synonyms({w: tuple(dict.fromkeys(g)) for w, g in single.items()},
                    {w: tuple(p) for w, p in phrases.items()})


def _term_key(word: str, stem: Any) -> str:
    """What the index counts a synonym term's (first) word as: its stem, or for a hyphenated
    word ("ktp-el") the word itself with a "-" before it (index.py counts such words so)."""
    return "-" + word if "-" in word else stem(word)


def query_table() -> dict[str, Any]:
    """What the browser needs to read a query as the index was made: the stop words, the phrases
    that name a province (its label and short forms, as folded words) and the synonym terms."""
    provinces = []
    for slug, label in v.PROVINSI.items():
        for name in dict.fromkeys([label, *v.SINGKATAN_PROVINSI.get(slug, ())]):
            parts = [w for w in term_words(name) if w not in words.stop_words()]
            if parts:
                provinces.append([parts, slug])
    synonym_terms = []
    for group, terms in enumerate(v.SINONIM):
        for term in terms:
            parts = term_words(term)
            if parts:
                synonym_terms.append([parts, group])
    return {"henti": sorted(words.stop_words()), "provinsi": provinces, "sinonim": synonym_terms}


SUMMARY = 240
"""Characters of the summary a result shows (the listings' cards show as many)."""


def card(record: Record) -> list[Any]:
    """What a result shows, in the order the browser reads it: id, title, facts (agency, place,
    stage, start year[, stopped]), the five levels as digits, whether all five are earned, its
    place in the lifecycle (the state's key and its words, `verification.short_text`), the
    summary shortened. The same as the cards on listings (pages/cards.py)."""
    e = record.entry
    a = record.assessment
    assert a is not None
    facts = [e.instansi.nama, e.wilayah.kabupaten_kota or v.label("provinsi", e.wilayah.provinsi),
             v.label("tahapan", e.tahapan), f"mulai {e.tanggal.mulai.year}"]
    if e.status == "berhenti":
        facts.append("berhenti")
    levels = "".join(str(a.kriteria[key].level) for key in KEYS)
    state = record.verifikasi
    assert state is not None
    return [record.id, e.judul, facts, levels, int(a.lengkap), [state.status, short_text(state)],
            truncate(e.ringkasan, SUMMARY)]


def badges() -> dict[str, Any]:
    """The badges as result cards name them (katalog/lencana-kecil.html's words): per badge key,
    label and the name of each level; and the score in words for every score."""
    return {"kriteria": [[key, LABELS[key], [level_name(key, n) for n in RULES.levels]] for key in KEYS],
            "skor": [score_text(n) for n in range(RULES.max_score + 1)]}


