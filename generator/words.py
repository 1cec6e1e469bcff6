"""Words as search reads them: Indonesian text folded, split into words, stripped of stop words
and reduced to stems. The index (`search`) and the browser's query (theme/assets/javascripts/
cari.js) must read a word the same way, so every rule here is one the script repeats: folding
(NFKD, marks dropped, lower case), the word pattern, the stop words (`vocab/kata-henti.yaml`,
sent to the browser in the index's manifest), and the stems, which the browser takes from the
index's own word list (the lexicon: every word form the index holds, with its stem) rather than
from a second stemmer.

Stems come from Sastrawi (PySastrawi), the Indonesian stemmer of Nazief–Adriani / ECS lineage
with its dictionary of about 30,000 root words: `pelayanan` and `layanan` → `layan`,
`mengurus`, `pengurusan` and `urus` → `urus`. A neutral helper: it knows nothing of entries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from . import vocabulary

MIN_LENGTH = 2
"""Shorter words (a lone letter of "e-KTP", an initial) are not indexed nor searched."""
STEM_FROM = 4
"""Sastrawi leaves words of three letters or fewer as they are; so do we, without asking it."""

WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
"""A word: letters and digits, hyphenated parts kept together (`split` and `parts` take them apart)."""
_MARK = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ALPHA = re.compile(r"[a-z]+")


def fold(text: str) -> str:
    """Lower case without accents, as the browser folds a query (`normalize("NFKD")`, marks
    dropped, `toLowerCase()`): "Pelayanan" and "PELAYANAN" are one word; "é" is "e"."""
    if text.isascii():
        return text.lower()
    return _MARK.sub("", unicodedata.normalize("NFKD", text)).lower()


_ASCII_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def findall(folded: str) -> list[str]:
    """The words of a folded text, hyphenated ones whole (`WORD`; faster on ASCII text)."""
    return (_ASCII_WORD if folded.isascii() else WORD).findall(folded)


def split(text: str) -> Iterator[str]:
    """The words of `text`, folded, in order: runs of letters and digits. A hyphenated word gives
    its parts and, when they differ, the parts joined ("KTP-el" → ktp, el, ktpel; "anak-anak" →
    anak, anak), so "ektp" finds "e-KTP". Words shorter than `MIN_LENGTH` are left out."""
    for word in findall(fold(text)):
        for part in parts(word) if "-" in word else (word,):
            if len(part) >= MIN_LENGTH:
                yield part


def parts(word: str) -> tuple[str, ...]:
    """A hyphenated word's parts and, when they differ, the parts joined."""
    pieces = tuple(p for p in word.split("-") if p)
    return (*pieces, "".join(pieces)) if len(set(pieces)) > 1 else pieces


@cache
def stop_words() -> frozenset[str]:
    """Words a search never needs to match (`yang`, `di`, `cara`, `bagaimana`, …): left out of
    the index and of queries alike, so "cara mengurus KTP di kecamatan" asks for three words."""
    return frozenset(fold(w) for w in vocabulary.KATA_HENTI)


class Stemmer:
    """Sastrawi with a cache of every word it has seen: a catalogue repeats the same words, and
    Sastrawi takes a fifth of a millisecond for a word it has to take apart."""

    def __init__(self) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        self._sastrawi = StemmerFactory().create_stemmer()
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The stem of one folded word; a word with a digit or a non-Latin letter, or shorter
        than `STEM_FROM`, is its own stem."""
        found = self._cache.get(word)
        if found is None:
            if len(word) < STEM_FROM or not _ALPHA.fullmatch(word):
                found = word
            else:
                found = self._sastrawi.stem(word) or word
            self._cache[word] = found
        return found

    def __len__(self) -> int:
        return len(self._cache)

    def seen(self) -> dict[str, str]:
        """Every word stemmed so far → its stem."""
        return self._cache


@cache
def stemmer() -> Stemmer:
    """The process's stemmer (its dictionary is read once)."""
    return Stemmer()
