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


def words_of(text: str) -> list[str]:
    """`findall(fold(text))`, the same list, made faster where the folded text is ASCII once its
    other characters that are not letters or digits (typographic quotes, dashes) are spaces: every
    character that is not a letter, digit or hyphen made a space (lower case) in one
    `str.translate`, the hyphens that do not join two letters or digits made spaces too, then
    `str.split` (the regular expression's scan cost about twice as much)."""
    if not text.isascii():
        text = fold(text)
        if not text.isascii():  # most often only punctuation (“ ” —): a space, as `WORD` reads it
            for odd in {c for c in set(text) if c > "\x7f" and not c.isalnum()}:
                text = text.replace(odd, " ")
            if not text.isascii():
                return WORD.findall(text)
    spaced = text.translate(_ASCII_SPACED)
    if "-" in spaced:
        spaced = f" {spaced} "
        # A run of hyphens joins nothing: this leaves at most one of each run, next to a space.
        spaced = spaced.replace("--", " ").replace(" -", " ").replace("- ", " ")
    return spaced.split()


_ASCII_SPACED = "".join(c.lower() if c.isalnum() or c == "-" else " " for c in map(chr, range(128)))
"""Of an ASCII character: a letter lower-cased; a digit or hyphen itself; anything else a space."""


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
    """Sastrawi (PySastrawi): its dictionary, its rules and its algorithm, driven faster.

    For a word it has to take apart, Sastrawi offers the word to each of its 42 prefix rules in
    turn, up to three times, and again for every suffix it may give back: about a fifth of a
    millisecond a word, a minute for the 150,000 word forms of a national catalogue. Nearly all
    of those rules cannot apply: each starts by matching the word's beginning (`^meng[aiueo]`,
    `^ber…`). `_Context` is Sastrawi's own Context with one change: a prefix rule whose opening
    pattern (read from the rule's own source) does not match the current word is not offered it,
    which is exactly what Sastrawi would do with it (nothing). The result is Sastrawi's, a
    test holds the two together over every root word and its affixed forms, at a tenth of the
    time; and each word is stemmed once per process."""

    def __init__(self) -> None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        self.dictionary = StemmerFactory().create_stemmer().delegatedStemmer.dictionary
        self._roots = self.dictionary.words
        self._context = _context_class()
        self._cache: dict[str, str] = {}

    def stem(self, word: str) -> str:
        """The stem of one folded word; a word with a digit or a non-Latin letter, or shorter
        than `STEM_FROM`, is its own stem."""
        found = self._cache.get(word)
        if found is None:
            if word in self._roots or len(word) < STEM_FROM or not _ALPHA.fullmatch(word):
                found = word
            else:
                context = self._context(word, self.dictionary)
                context.execute()
                found = context.result or word
            self._cache[word] = found
        return found

    def __len__(self) -> int:
        return len(self._cache)


_OPENING = re.compile(r"re\.match\(r'(\^[^']*)'")


def _first_letters(patterns: list[str] | None) -> set[str] | None:
    """The letters a word matching any of `patterns` (`^meng(…`, `^([bcdf…])(…`, `^(?:di|ke|se)`)
    can start with; None when a pattern opens otherwise."""
    if not patterns:
        return None
    letters: set[str] = set()
    for pattern in patterns:
        body = pattern[1:] if pattern.startswith("^") else pattern
        if body.startswith("(?:"):
            options = body[3:body.index(")")].split("|")
            if not all(o.isalpha() for o in options):
                return None
            letters |= {o[0] for o in options}
            continue
        body = body.lstrip("(")
        if body[:1].isalpha():
            letters.add(body[0])
        elif body.startswith("[") and "]" in body:
            chars = body[1:body.index("]")]
            if not chars.isalpha():
                return None
            letters |= set(chars)
        else:
            return None
    return letters


@cache
def _context_class() -> type:
    """Sastrawi's Context, offering each prefix rule only the words its opening pattern matches."""
    import inspect

    from Sastrawi.Stemmer.Context.Context import Context
    from Sastrawi.Stemmer.Context.Removal import Removal
    from Sastrawi.Stemmer.Context.Visitor.PrefixDisambiguator import PrefixDisambiguator
    from Sastrawi.Stemmer.Context.Visitor.RemoveDerivationalSuffix import RemoveDerivationalSuffix
    from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalParticle import RemoveInflectionalParticle
    from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalPossessivePronoun import RemoveInflectionalPossessivePronoun
    from Sastrawi.Stemmer.Context.Visitor.RemovePlainPrefix import RemovePlainPrefix
    from Sastrawi.Stemmer.Context.Visitor.VisitorProvider import VisitorProvider

    provider = VisitorProvider()

    def opening(visitor: object) -> list[str] | None:
        """The patterns (one per rule) a word must match for the visitor to change it; None:
        not known, offer it every word."""
        if isinstance(visitor, RemovePlainPrefix):
            return ["^(?:di|ke|se)"]
        if not isinstance(visitor, PrefixDisambiguator):
            return None
        patterns = []
        for rule in visitor.disambiguators:
            found = _OPENING.search(inspect.getsource(type(rule).disambiguate))
            if found is None:
                return None
            patterns.append(found.group(1))
        return patterns

    prefix_rules = []
    for visitor in provider.get_prefix_visitors():
        patterns = opening(visitor)
        prefix_rules.append((visitor, re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None,
                             _first_letters(patterns)))
    first = prefix_rules[0][0]
    # By a word's first letter, the rules (in Sastrawi's order) whose pattern can start with it.
    by_letter = {letter: [(v, p) for v, p, letters in prefix_rules if letters is None or letter in letters]
                 for letter in "abcdefghijklmnopqrstuvwxyz"}
    every = [(v, p) for v, p, _ in prefix_rules]

    removes = {RemoveInflectionalParticle: "P", RemoveInflectionalPossessivePronoun: "PP",
               RemoveDerivationalSuffix: "DS", RemovePlainPrefix: "DP"}

    class _Context(Context):
        def __init__(self, word: str, dictionary: object) -> None:
            super().__init__(word, dictionary, provider)

        def accept(self, visitor):  # noqa: ANN001, ANN202 - Sastrawi's signature
            # Each visitor's own `visit`, but for one step: Sastrawi finds the removed part with
            # re.sub(result, "", word, count=1), compiling every result word as a pattern (most
            # of its time); a result is letters only, so str.replace finds the same part.
            word = self.current_word
            kind = removes.get(type(visitor))
            if kind is not None:
                result = visitor.remove(word)
                if result == word:
                    return
            elif isinstance(visitor, PrefixDisambiguator):
                result = None
                for rule in visitor.disambiguators:
                    result = rule.disambiguate(word)
                    if self.dictionary.contains(result):
                        break
                if result is None:
                    return
                kind = "DP"
            else:
                visitor.visit(self)
                return
            self.add_removal(Removal(visitor, word, result, word.replace(result, "", 1), kind))
            self.current_word = result

        def accept_prefix_visitors(self, visitors):  # noqa: ANN001, ANN202 - Sastrawi's signature
            word = self.current_word
            rules = [v for v, pattern in by_letter.get(word[:1], every) if pattern is None or pattern.match(word)]
            if (not rules or rules[0] is not first) and self.dictionary.contains(word):
                return word  # Sastrawi stops after its first rule (a no-op here): the word is a root
            return super().accept_prefix_visitors(rules)

    return _Context


@cache
def stemmer() -> Stemmer:
    """The process's stemmer (its dictionary is read once)."""
    return Stemmer()
