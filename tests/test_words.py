"""Words as search reads them (`generator.words`): folding, splitting, stop words, and Sastrawi's
stems, driven faster but the same as Sastrawi's own."""

from __future__ import annotations

import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import words

pytestmark = pytest.mark.unit


def test_folding_and_splitting_are_the_browsers() -> None:
    assert words.fold("PELAYANAN Publik") == "pelayanan publik" and words.fold("Café Ñandú") == "cafe nandu"
    assert list(words.split("KTP-el, e-KTP dan anak-anak")) == ["ktp", "el", "ktpel", "ktp", "ektp", "dan", "anak", "anak"]
    assert list(words.split("SP4N-LAPOR! 2024 a b")) == ["sp4n", "lapor", "sp4nlapor", "2024"]
    assert words.findall("tulisan_berbeda") == ["tulisan", "berbeda"]


# Letters (ASCII, accented, decomposed, non-Latin), digits (ASCII and not), the hyphen in every
# position, underscores, ASCII and typographic punctuation, spaces of every kind, marks.
_PIECES = st.sampled_from([*"aZk09-_ .,;:!?()[]<>'\"/\n\t\r\x0b\x0c\x1c\x1f", "é", "E\u0301", "ß", "ﬁ", "Ⅻ", "²", "٣", "“", "”",
                           "—", "–", "…", "\u00a0", "\u2028", "ض", "日本", "\u0301", "\u093f", "--", " - ", "-a-", "ktp-el"])


@given(st.lists(_PIECES, max_size=40).map("".join))
@settings(max_examples=2000, deadline=None)
@example("“SP4N-LAPOR!” — e-KTP -- a--b ---c- -d")
@example("Café -é- —x—")
def test_words_of_a_text_are_findall_of_its_folding(text: str) -> None:
    """`words_of` (the index's split, by `str.translate` and `str.split` where it can) gives the
    words the plain way gives, in order."""
    assert words.words_of(text) == words.findall(words.fold(text))


def test_stop_words_are_function_words_never_service_words() -> None:
    stop = words.stop_words()
    assert {"yang", "di", "cara", "bagaimana", "saya", "yg"} <= stop
    assert not {"layanan", "izin", "desa", "ktp", "sekolah", "kesehatan"} & stop


def test_affixed_forms_share_their_stem() -> None:
    stem = words.stemmer().stem
    assert {stem(w) for w in ("mengurus", "pengurusan", "urus", "diurus", "urusan")} == {"urus"}
    assert stem("pelayanan") == stem("layanan") == stem("melayani") == "layan"
    assert stem("pernikahan") == stem("dinikahkan") == "nikah"
    assert stem("sp4n") == "sp4n" and stem("ktp") == "ktp" and stem("stunting") == "stunting"


def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer().delegatedStemmer


def _nasal(prefix: str, root: str) -> str:
    head, vowel = root[0], root[1:2] in tuple("aiueo")
    if head in "aiueogh" or (head == "k" and vowel):
        return prefix + "ng" + (root[1:] if head == "k" else root)
    if head in "bfv" or (head == "p" and vowel):
        return prefix + "m" + (root[1:] if head == "p" else root)
    if head in "cdjz" or (head == "t" and vowel):
        return prefix + "n" + (root[1:] if head == "t" else root)
    if head == "s" and vowel:
        return prefix + "ny" + root[1:]
    return prefix + root


@pytest.fixture(scope="module")
def sastrawi():
    return _sastrawi()


def test_the_stems_are_sastrawis_over_its_dictionary_and_affixed_forms(sastrawi) -> None:
    roots = sorted(w for w in sastrawi.dictionary.words if w.isalpha() and len(w) > 2)
    rng = random.Random(7)
    sample = rng.sample(roots, 2500)
    forms = [f for r in sample for f in (
        _nasal("me", r), _nasal("me", r) + "kan", "di" + r + "kan", _nasal("pe", r) + "an", "ke" + r + "an",
        "ber" + r, r + "nya", "memper" + r + "kan", "ter" + r, r + "lah", "se" + r + "nya")]
    noise = ["".join(rng.choice("abdegikmnprstuy") for _ in range(rng.randint(4, 11))) for _ in range(3000)]
    ours = words.Stemmer()
    checked = roots + forms + noise
    different = [(w, sastrawi.stem(w), ours.stem(w)) for w in checked if sastrawi.stem(w) != ours.stem(w)]
    assert not different, f"{len(different)} of {len(checked)} differ, e.g. {different[:10]}"
    assert len(checked) > 55_000


def test_a_word_sastrawi_cannot_reduce_stays_itself(sastrawi) -> None:
    ours = words.Stemmer()
    for word in ("tulungagung", "banyuwangi", "qwertyuiop", "covid", "dukcapil"):
        assert ours.stem(word) == sastrawi.stem(word) == word
