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
from typing import Any

from .. import vocabulary as v
from .. import words
from ..catalogue import Record
from ..criteria import KEYS, LABELS, RULES, level_name, score_text
from ..text import truncate
from ..verification import short_text

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
    link texts and emphasis stay: markup characters are not letters)."""
    return _NOT_TEXT.sub(" ", markdown)


def texts(record: Record) -> list[tuple[int, str]]:
    """(weight, text) of everything an entry is found by: the story (with the novelty, benefit
    and urusan; first, the largest), title, keywords, summary, place (province name and short
    forms, regency or city), agency and unit, problem, results (their indicators) and awards."""
    e = record.entry
    place = [v.label("provinsi", e.wilayah.provinsi), *v.SINGKATAN_PROVINSI.get(e.wilayah.provinsi, ()),
             e.wilayah.kabupaten_kota or ""]
    out = [
        (CERITA, " \n".join([e.kebaruan.uraian if e.kebaruan else "",
                             e.manfaat.keterangan or "" if e.manfaat else "",
                             *(v.label("urusan", u) for u in e.urusan),
                             plain(record.read_body())])),
        (JUDUL, e.judul),
        (KATA_KUNCI, " \n".join(e.kata_kunci)),
        (RINGKASAN, e.ringkasan),
        (WILAYAH, " \n".join(place)),
        (INSTANSI, e.instansi.nama),
        (UNIT, e.unit or ""),
        (MASALAH, e.masalah),
        (HASIL, " \n".join(h.indikator for h in e.hasil)),
        (PENGHARGAAN, " \n".join(f"{v.label('ajang', p.ajang)} {p.nama} {p.capaian or ''}" for p in e.penghargaan)),
    ]
    return [(weight, text) for weight, text in out if text.strip()]


@dataclass(frozen=True)
class Synonyms:
    """The synonym groups as the index finds them in a text: a one-word term by its stem (so
    "pengaduan" and "mengadu" find the group of "aduan"), a phrase by its words in a row."""

    single: dict[str, tuple[int, ...]]  # stem of a one-word term → groups
    phrases: dict[str, tuple[tuple[str, int], ...]]  # stem of a phrase's first word → (" words in a row ", group)

    def groups_in(self, stems: Any, found: list[str]) -> set[int]:
        """The groups a text uses: `stems` holds its words' stems (a set or a dict's keys),
        `found` its folded words in order."""
        groups = {g for stem in self.single.keys() & stems for g in self.single[stem]}
        firsts = self.phrases.keys() & stems
        if firsts:
            joined = " " + " ".join(found) + " "
            for first in firsts:
                for phrase, group in self.phrases[first]:
                    if group not in groups and phrase in joined:
                        groups.add(group)
        return groups


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


