"""Indonesian text as the catalogue writes it: numbers (1.250; 12,5%), dates (20 November
2026), lists ("a, b dan c"), word counts and shortened summaries; and text as people read it:
names compared without the characters nobody sees (`fold`), and those characters found where
they may not be (`hidden_character`). Neutral helpers: they know nothing of entries, so every
layer above may use them.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import zlib
from array import array
from collections.abc import Iterator, Sequence
from datetime import date

BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
         "Oktober", "November", "Desember")
_DOTS = str.maketrans(",.", ".,")
_WORD = re.compile(r"\S*[^\W_]\S*")
_WORD_CHAR = re.compile(r"[^\W_]")


def angka(x: float) -> str:
    """A number as Indonesian write it: 1.250; 1.234,5; 0,25 (no trailing zeros)."""
    if x == int(x):
        return f"{int(x):,}".translate(_DOTS)
    text = f"{x:,.{2 if abs(x) >= 1 else 4}f}".rstrip("0").rstrip(".")
    return text.translate(_DOTS)


def gabung(items: Sequence[str], conj: str = "dan") -> str:
    """"a, b dan c" — Indonesian lists take no comma before the conjunction."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conj} {items[-1]}"


def count_words(text: str, enough: int | None = None) -> int:
    """Whitespace-separated tokens holding a letter or digit (a lone "-" is not a word).

    With `enough`, counting stops there: the rule only asks "at least 30?", and counting every
    word of a 3,000-character text would cost more than the rest of the assessment.
    """
    if enough is None:
        return len(_WORD.findall(text))
    limit = enough + 8
    tokens = text.split(None, limit)
    count = 0
    for token in tokens[:limit]:
        if token.isalnum() or _WORD_CHAR.search(token):
            count += 1
            if count == enough:
                return count
    if len(tokens) > limit:  # many tokens without letters: count them all
        return min(enough, len(_WORD.findall(text)))
    return count


def normalise_agency(name: str) -> str:
    """Agency names compared as people read them (`fold`): case, spacing, compatibility forms
    (full-width letters, ligatures) and invisible characters do not make another agency."""
    return fold(name)


# --- what people see ----------------------------------------------------------------------------

_IGNORABLE_CLASS = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff")
IGNORABLE = re.compile(f"[{_IGNORABLE_CLASS}]")
"""Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 14-16): code
points a renderer shows as nothing at all (soft hyphen, zero-width and joiner characters,
bidirectional controls, variation selectors, tag characters). Python's `unicodedata` does not
expose the property; the ranges are stable."""


def fold(text: str) -> str:
    """Text as people read it, for comparing: NFKC (full-width and compatibility forms become
    plain letters), default-ignorable code points removed, case folded, spacing collapsed. Two
    names that look the same on a page fold to the same string (homoglyphs from other scripts,
    Cyrillic `а` for Latin `a`, are a different matter: validation keeps names to what they are)."""
    if not text.isascii():
        text = IGNORABLE.sub("", unicodedata.normalize("NFKC", IGNORABLE.sub("", text)))
        text = IGNORABLE.sub("", unicodedata.normalize("NFKC", text.casefold()))
    return " ".join(text.casefold().split())


_CONTROL = "\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff"
_INVISIBLE = ("\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
              "\ufff9-\ufffb\U000e0000-\U000e007f")
_IN_BLOCK = re.compile(f"[{_CONTROL}{_INVISIBLE}]")
_IN_LINE = re.compile(f"[{_CONTROL}{_INVISIBLE}\t\n\u2028\u2029]")
_NAME_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"})

NAME, LINE, BLOCK = "name", "line", "block"
"""Where a text is shown: a name or title (on one line, in links, lists and cards, compared with
other names), a value of one line, or a long text (paragraphs: tabs and line breaks allowed)."""


def hidden_character(text: str, where: str = LINE) -> str | None:
    """The first character of `text` a reader would not see, or that would change how the
    text around it reads, and that may not be there (`NAME`, `LINE` or `BLOCK`), or None.

    Everywhere: control characters (ESC, which drives terminals, among them), bidirectional
    controls, zero-width characters, the invisible operators and tag characters. In a value of
    one line, besides: tab, line break, line and paragraph separators. In a name or title, also
    every format
    (Cf), private-use (Co), surrogate and unassigned code point, and every default-ignorable one
    (soft hyphen, variation selectors): a name holds what it shows and nothing else."""
    if where == NAME:
        if text.isascii():
            found = _IN_LINE.search(text)
            return found.group() if found else None
        for char in text:
            if (unicodedata.category(char) in _NAME_CATEGORIES or char in "\t\n"
                    or IGNORABLE.match(char) is not None):
                return char
        return None
    found = (_IN_LINE if where == LINE else _IN_BLOCK).search(text)
    return found.group() if found else None


_VISIBLE_ASCII = bytes(b for b in range(128) if not _IN_BLOCK.match(chr(b)))


def may_hide_in_block(text: str) -> bool:
    """Whether `text` may hold a character `hidden_characters` finds: False proves it holds none.
    Its ASCII characters that are never hidden are dropped from its UTF-8 bytes (one pass in C),
    and only what is left, whole characters (a few hundred bytes in a story with dashes and
    quotes), is searched: several times cheaper than searching a long text itself."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, _VISIBLE_ASCII)
    return bool(rest) and _IN_BLOCK.search(rest.decode("utf-8", "surrogatepass")) is not None


def hidden_characters(text: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of every character `hidden_character` refuses in a long text (`BLOCK`):
    a Markdown body is checked with the same rule as the long texts of the front matter."""
    for found in _IN_BLOCK.finditer(text):
        yield found.start(), found.group()


def character_name(char: str) -> str:
    """What a hidden character is, in words, with its code point: "karakter tanpa lebar U+200B"."""
    code = ord(char)
    if char == "\n":
        return "baris baru"
    if char == "\t":
        return "tab"
    point = f"U+{code:04X}"
    if code in (0x061C, 0x200E, 0x200F) or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return f"pengubah arah teks {point}"
    if 0x200B <= code <= 0x200D or 0x2060 <= code <= 0x2064 or code in (0xFEFF, 0x180E):
        return f"karakter tanpa lebar {point}"
    category = unicodedata.category(char)
    if category == "Cc" or 0xFDD0 <= code <= 0xFDEF or code in (0xFFFE, 0xFFFF):
        return f"karakter kontrol {point}"
    if 0xE0000 <= code <= 0xE007F:
        return f"karakter tag tak terlihat {point}"
    if category == "Zl":
        return f"pemisah baris {point}"
    if category == "Zp":
        return f"pemisah paragraf {point}"
    if category == "Co":
        return f"karakter area pribadi (private use) {point}"
    if category in ("Cn", "Cs"):
        return f"kode Unicode yang tidak terdaftar sebagai karakter {point}"
    if code == 0xAD:
        return f"tanda hubung lunak tak terlihat {point}"
    return f"karakter tak terlihat {point}"


def tanggal(day: date | None) -> str:
    """20 November 2026."""
    if day is None:
        return ""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def persen(part: int, whole: int) -> str:
    """A share as Indonesians write it: 12,5%."""
    if not whole:
        return "–"
    return f"{angka(round(100 * part / whole, 1))}%"


def truncate(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


# --- near copies ------------------------------------------------------------------------------

_WORD_TOKEN = re.compile(r"\w+")
SHINGLE = 3
"""Words per shingle: a changed word breaks at most three of a paragraph's shingles."""


def word_hashes(text: str) -> array:
    """The words of `text` as people read them (`fold`), each as a CRC-32 of its UTF-8: a
    compact, deterministic form (the same in every process and run, unlike Python's `hash`) from
    which shingles are made."""
    if text.isascii():
        # The same words, read in one pass in C: an ASCII word (`\w`) is a run of letters,
        # digits and "_", and ASCII folds to lower case (the table lowers and blanks the rest).
        return array("I", map(zlib.crc32, text.encode("ascii").translate(_ASCII_WORDS).split()))
    return array("I", map(zlib.crc32, map(str.encode, _WORD_TOKEN.findall(fold(text)))))


_ASCII_WORDS = bytes(b + 32 if 65 <= b <= 90 else b if _WORD_TOKEN.fullmatch(chr(b)) else 32 for b in range(256))


def shingles(words: array) -> set[bytes]:
    """Every run of `SHINGLE` consecutive words, each as one exact value: the 12 bytes of its
    three 32-bit word hashes side by side, big-endian (a text shorter than that: its words' bytes,
    padded to 12 with zeros in front). As bytes sliced from one buffer they cost half what the
    same values as 96-bit integers cost to make."""
    if len(words) < SHINGLE:
        return {words.tobytes().rjust(12, b"\0")} if words else set()
    if sys.byteorder == "little":
        words = array("I", words)
        words.byteswap()
    raw = words.tobytes()
    return {raw[i:i + 12] for i in range(0, len(raw) - 8, 4)}


def shared_shingles(words: array, others: set[bytes]) -> tuple[int, int]:
    """(shingles of a text also in `others`, shingles of the text): 18 of 18 for a 20-word
    copy, about 15 of 18 with one word changed, none for a text of one's own."""
    own = shingles(words)
    return len(own & others), len(own)
