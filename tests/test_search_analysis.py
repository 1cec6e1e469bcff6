"""What each entry gives the search index (`generator.search.analysis.analyse`), read the fast way
(every distinct word resolved once to a number, an entry's words counted by number), against a
plain reading of the same texts word by word with a stemmer of its own; and `document.plain`
against the pattern it stands for."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator import words
from generator.search import analysis, document
from generator.search.document import Item

pytestmark = pytest.mark.unit


def _item(n: int, story: str, body: str, *fields: tuple[int, str], province: str = "jawa-timur") -> Item:
    return Item(f"e{n}", 700_000 - n, province, b"f%d" % n, [], {}, story, tuple(fields), body=body)


# Affixed words and their roots, misspellings, hyphenated words (parts short, stop, repeated,
# long), stop words, digits, words too long, non-Latin scripts and accents, synonym terms (one
# word, hyphenated, phrases, a phrase across the story's head and the body, one broken by a line).
ITEMS = [
    _item(1, "Pelayanan kependudukan dan pencatatan sipil", "Warga mengurus KTP-el dan e-KTP di kantor. "
          "Pengurusan dokumen diurus cepat; pelayanannya memuaskan. Layanan antrian (antrean) daring.",
          (document.JUDUL, "Layanan Adminduk Keliling"), (document.KATA_KUNCI, "ktp \nkk \nkartu keluarga"),
          (document.WILAYAH, "Jawa Timur \nJatim \nKabupaten Malang")),
    _item(2, "", "Anak-anak bermain; ibu-ibu berbelanja. Pemerintah daerah (pemda) membangun "
          "jaringan air minum: perusahaan daerah air minum. 2024 123456 x1y2 "
          + "a" * 45 + " pelayananan pelayann layanann",
          (document.JUDUL, "Ayo Sekolah"), (document.MASALAH, "Angka putus sekolah tinggi di desa terpencil"),
          (document.HASIL, "Jumlah anak sekolah naik \nangka putus sekolah turun"), province="aceh"),
    _item(3, "Kartu tanda", "penduduk elektronik dibagikan. Café, naïve, ŞEHİR, Ölçüm; "
          "пример слова; 中文 字; مرحبا بالعالم; ñandú. [tautan](https://contoh.go.id/x) <b>tebal</b> "
          "https://contoh.go.id/halaman dan e-government serta SPBE.",
          (document.JUDUL, "Kartu Identitas Anak"), (document.RINGKASAN, "Kartu\nkeluarga dan kartu identitas anak"),
          (document.INSTANSI, "Dinas Kependudukan"), (document.PENGHARGAAN, "Top 45 Inovasi \nJuara 1")),
    _item(4, "", "", (document.JUDUL, "yang dan di ke dari"), province="papua"),
    _item(5, "Mal pelayanan publik", "Mal pelayanan publik dan pelayanan terpadu satu pintu; MPP, PTSP. "
          "menyelenggarakan penyelenggaraan diselenggarakan terselenggaranya keberlanjutan berkelanjutan",
          (document.UNIT, "Bidang Pelayanan"), (document.JUDUL, "Mal Pelayanan Publik")),
]


def _plain_reading(items: list[Item]) -> list[tuple[dict[str, int], set[str], int]]:
    """Per entry: term → weighted count, its word forms, its length; each word stemmed where it
    stands by a stemmer of its own (no memo shared with the index); a synonym group found by a
    one-word term's stem among the field's, or by a phrase's words in a row in the field."""
    stemmer = words.Stemmer()
    stop = words.stop_words()
    synonyms = document.synonyms()

    def key(word: str) -> str:
        if "-" in word:
            return "-" + word
        if len(word) < words.MIN_LENGTH or len(word) > analysis.MAX_WORD or word in stop:
            return ""
        return stemmer.stem(word)

    out = []
    for item in items:
        tf: Counter = Counter()
        forms: set[str] = set()
        groups: dict[int, int] = {}
        length = 0
        for weight, text in document.texts(item):
            found = words.findall(words.fold(text))
            length += len(found)
            forms.update(found)
            keys = [key(word) for word in found]
            for k in keys:
                tf[k] += weight
            joined = " " + " ".join(found) + " "
            found_groups = {g for k in set(keys) for g in synonyms.single.get(k, ())}
            found_groups |= {g for k in set(keys) for phrase, g in synonyms.phrases.get(k, ()) if phrase in joined}
            for group in found_groups:
                groups[group] = max(groups.get(group, 0), weight)
        tf.pop("", None)
        for word in forms:
            if "-" in word:
                n = tf.pop("-" + word, 0)
                for part in words.parts(word):
                    if words.MIN_LENGTH <= len(part) <= analysis.MAX_WORD and part not in stop:
                        tf[stemmer.stem(part)] += n
        for group, weight in groups.items():
            tf[f"{document.SYNONYM}{group}"] += weight
        tf[document.PROVINCE + item.province] = document.WILAYAH
        out.append((dict(tf), forms, length))
    return out


def _read(a: analysis.Analysis) -> list[tuple[dict[str, int], set[str], int]]:
    out = []
    for k in range(len(a)):
        r0, r1, s0, s1 = int(a.row[k]), int(a.row[k + 1]), int(a.seen[k]), int(a.seen[k + 1])
        counts = dict(zip(map(a.terms.__getitem__, a.term[r0:r1].tolist()), a.count[r0:r1].tolist(), strict=True))
        out.append((counts, {a.raws[f] for f in a.form[s0:s1].tolist()}, int(a.lengths[k])))
    return out


def test_each_entry_counts_what_a_plain_reading_of_its_words_counts() -> None:
    a = analysis.analyse(ITEMS)
    assert _read(a) == _plain_reading(ITEMS)
    # The cases are there: synonym groups found by one word, by a hyphenated word and by a
    # phrase (the one across the story's head and the body among them), and a hyphenated
    # word's parts counted.
    counts = [c for c, _, _ in _read(a)]
    groups_of = [{t for t in c if t.startswith(document.SYNONYM)} for c in counts]
    assert {f"{document.SYNONYM}{g}" for g in document.synonyms().single["-ktp-el"]} <= groups_of[0]
    assert all(groups_of[:3]) and not groups_of[3]
    assert counts[1]["anak"] >= 2 and "-anak-anak" not in counts[1]
    kartu_tanda = {g for _, phrases in document.synonyms().phrases.items() for p, g in phrases
                   if p == " kartu tanda penduduk elektronik "}
    assert {f"{document.SYNONYM}{g}" for g in kartu_tanda} <= groups_of[2]


def test_each_word_is_resolved_once_and_the_resolution_is_the_words_own() -> None:
    """The memo of words (`analysis.Words`) holds one line per distinct word whatever the
    number of times it occurs, and each line is what the word gives on its own."""
    terms = analysis.Names()
    resolved = analysis.Words(terms, document.synonyms())
    text = " ".join(["pelayanan"] * 1000 + ["KTP-el", "yang", "menyelenggarakan", "中文", "x" * 41] * 50)
    found = words.findall(words.fold(text))
    numbers = list(map(resolved.__getitem__, found))
    assert len(resolved) == len(resolved.raws) == len(set(found)) == 6
    assert [resolved.raws[n] for n in numbers] == found
    fresh = words.Stemmer()
    for number, raw in enumerate(resolved.raws):
        stem = resolved.stems[number]
        if raw == "ktp-el":
            assert stem == "-ktp-el" and resolved.keys[number] == -2 - number
            assert [terms.names[t] for t in resolved.part_terms[number]] == ["ktp", "el", "ktpel"]
        elif raw in ("yang", "x" * 41):
            assert stem == "" and resolved.keys[number] == analysis.NOT_INDEXED
        else:
            assert stem == fresh.stem(raw) and terms.names[resolved.keys[number]] == stem


def test_a_warm_analysis_joined_with_a_fresh_one_reads_as_a_whole_one() -> None:
    """Numbers differ between two analyses (each numbers words as it meets them): `join` must
    still give each entry its own terms and forms."""
    whole = analysis.analyse(ITEMS)
    first, second = analysis.analyse(ITEMS[:2]), analysis.analyse(ITEMS[2:])
    joined = analysis.join([(first, 0, 2), (second, 0, len(ITEMS) - 2)])
    assert _read(joined) == _read(whole)


_PIECES = st.sampled_from(["](", "<", ">", "http://", "https://", "htt", "h", "](x", ")", "(", "]", "\n", " ",
                           "a", "é", "[t]", "<b>", "https://x.y/z ", "](http://a)", "ttp", "<" + "a" * 499])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_plain_is_the_pattern_replaced_by_a_space(markdown: str) -> None:
    assert document.plain(markdown) == document._NOT_TEXT.sub(" ", markdown)


def test_plain_is_linear_where_the_pattern_alone_is_quadratic() -> None:
    """A body of 1 MiB of "](" (a link's middle, never closed): the pattern alone looks for ")"
    again from each of them (hours); `plain` knows after the first that none comes."""
    body = "](" * (1 << 19)
    started = time.process_time()
    assert document.plain(body) == body
    assert time.process_time() - started < 5
