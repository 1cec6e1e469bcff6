"""The load's short cuts give what the full work gives, on every input: each is run beside the
work it skips (or beside the code it replaced, kept here as the reference), over hostile bodies
and fronts (HTML, raw links, images, quotes, deep nesting, unusual Unicode, empty texts) and
right at every limit it bounds by a count."""

from __future__ import annotations

import re
import zlib
from array import array
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import render
from generator.loader import _split, read_capped
from generator.render import (
    MAX_BODY_LINES,
    MAX_DEPTH,
    MAX_MARKUP_CHARS,
    MAX_QUOTED_BRACKETS,
    _plainly_fine,
    body_problems,
)
from generator.text import _WORD_TOKEN, fold, hidden_characters, may_hide_in_block, word_hashes

pytestmark = pytest.mark.unit

MANY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces a body is made of: Markdown's containers and inline marks, HTML, links that are wrong in
# each way `body_problems` reports, images, hidden and odd characters, and plain words.
_PIECES = ("\n", "\n\n", " ", "  ", "    ", "\t", "- ", "* ", "+ ", "1. ", "12) ", "> ", ">", "[", "]", "(", ")",
           "*", "_", "`", "```", "~", "|", "&", "\\", "!", "<", "<b>", "</b>", "<script>x</script>",
           "<img src=x>", "<iframe src='https://evil.example/'>", "![foto](gambar/a.png)",
           "![luar](https://situs-lain.example/a.png)", "[teks](https://dinas.go.id/)",
           "[www.bank.example](https://evil.example/)", "[https://a.example](https://b.example)",
           "https://user:pw@host.example/", "[a [b] c](x)", "[tautan]: https://x.example", "@",
           "kata", "Layanan ", "warga desa ", "é", "—", "“kutip”", "\u202e", "\u200b", "\u2028", "\x00", "\x1b",
           "\ufeff", "#", "# Judul", "---", "===", "|a|b|\n|-|-|\n")

bodies = st.lists(st.sampled_from(_PIECES) | st.text(max_size=8), max_size=60).map("".join)


def _full_problems(text: str, monkeypatch: pytest.MonkeyPatch, active: bool = False) -> list[tuple[int, str]]:
    """`body_problems` without its short cut: the full reading every body got before it."""
    with monkeypatch.context() as patched:
        patched.setattr(render, "_plainly_fine", lambda text: False)
        return body_problems(text, active=active)


def _edge_bodies() -> list[str]:
    """Bodies right at (and one past) each limit the short cut bounds by a count or a sum."""
    quoted = "> [a]\n"
    return [
        "", "\n", "kata", quoted * MAX_QUOTED_BRACKETS, quoted * (MAX_QUOTED_BRACKETS + 1),
        "> > - [a]\n" * (MAX_QUOTED_BRACKETS + 1), ">[" * 30, "> a\n" * 30 + "[b]" * 30,
        "*" * MAX_MARKUP_CHARS, "*" * (MAX_MARKUP_CHARS + 1), "a\n" * (MAX_BODY_LINES - 1),
        "a\n" * MAX_BODY_LINES, "\n" * MAX_BODY_LINES, "> " * (MAX_DEPTH // 2) + "a", "> " * MAX_DEPTH + "a",
        "- " * (MAX_DEPTH // 4) + "a", "\t" * 9 + "- a", "*_" * 20 + "a", "`" * 50, "[a](b)\n" * 700,
        "1. a\n   - b\n     > c\n" * 300, "kata " * 9000, "|a|b|\n|-|-|\n" + "|c|d|\n" * 2500,
    ]


@pytest.mark.parametrize("body", _edge_bodies())
def test_the_short_cut_at_each_limit_reports_what_the_full_check_reports(
        body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    full = _full_problems(body, monkeypatch)
    assert body_problems(body) == full
    if _plainly_fine(body):
        assert full == []


@MANY
@given(bodies)
@example("> [a]\n" * (MAX_QUOTED_BRACKETS + 1))
@example("<b>tebal</b>")
@example("![a](https://luar.example/a.png)")
@example("[www.contoh.example](https://lain.example/)")
def test_a_body_the_short_cut_passes_has_no_problem_the_full_check_finds(body: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        full = _full_problems(body, monkeypatch)
        full_active = _full_problems(body, monkeypatch, active=True)
    assert body_problems(body) == full
    assert body_problems(body, active=True) == full_active
    if _plainly_fine(body):
        assert full == [] and full_active == []


def test_an_ordinary_story_takes_the_short_cut() -> None:
    story = ("## Latar Belakang\n\nWarga desa menempuh perjalanan jauh. Lihat [laman dinas](https://dinas.go.id/).\n\n"
             "## Inovasi\n\n- petugas datang ke desa\n- 1. jadwal tetap\n\n> Kata warga: *cepat*.\n") * 20
    assert _plainly_fine(story)
    assert not _plainly_fine(story + "<b>x</b>") and not _plainly_fine(story + "![a](b.png)")


# --- hidden characters --------------------------------------------------------------------------

_ODD = st.characters(codec=None, categories=None) | st.sampled_from(
    ["\x00", "\x08", "\t", "\n", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\xad", "\u061c", "\u180e", "\u200b",
     "\u200f", "\u202e", "\u2066", "\u2069", "\ufdd0", "\ufeff", "\ufffe", "\uffff", "\U000e0001", "\U000e007f",
     "\ud800", "é", "—", "a", " "])


@MANY
@given(st.lists(_ODD, max_size=40).map("".join))
@example("")
@example("\ud800")
@example("kata biasa — “kutip”")
def test_may_hide_in_block_says_no_only_where_hidden_characters_finds_none(text: str) -> None:
    assert may_hide_in_block(text) == any(True for _ in hidden_characters(text))


# --- the front matter's closing line ------------------------------------------------------------

_OLD_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def _old_split(text: str) -> tuple[str, str] | str:
    """`loader._split` as it was (its closing line found by a `^…$` pattern)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first, _, rest = text.partition("\n")
    if first.rstrip(" \t") != "---":
        return "first"
    closing = _OLD_CLOSING.search(rest)
    if closing is None:
        return "closing"
    return rest[: closing.start()], rest[closing.end() + 1 :]


@MANY
@given(st.lists(st.sampled_from(["---", "...", "----", "--", ". ..", " ", "\t", "\n", "\r", "\r\n", "a", "b: c",
                                 "\n---\n", "\n...\n", "\n--- \t\n", "\n---x", "\u2028", "é"]), max_size=30)
       .map("".join))
@example("---")
@example("---\n---")
@example("---\n---\n")
@example("---\na: b\n--- \t\nisi\n---\nlagi")
@example("---\r\na: b\r\n...\r\nisi")
def test_the_front_matter_is_split_where_it_was(text: str) -> None:
    new, old = _split(text), _old_split(text)
    assert (new == old) if not isinstance(old, str) else isinstance(new, str)


# --- words of a text ----------------------------------------------------------------------------

def _old_word_hashes(text: str) -> array:
    return array("I", map(zlib.crc32, map(str.encode, _WORD_TOKEN.findall(fold(text)))))


@MANY
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80) | st.text(max_size=40))
@example("Kata-kata SENDIRI_2025, di desa\tterpencil\x1c\x1fLagi")
@example("")
def test_word_hashes_of_ascii_text_are_the_words_fold_finds(text: str) -> None:
    assert word_hashes(text) == _old_word_hashes(text)


# --- reading a file up to its cap ---------------------------------------------------------------

@pytest.mark.parametrize("size, limit", [(0, 5), (5, 5), (6, 5), (10, 5), (10, 100), (4096, 4095)])
def test_read_capped_gives_what_a_read_of_limit_plus_one_gives(tmp_path: Path, size: int, limit: int) -> None:
    path = tmp_path / "entri.md"
    path.write_bytes(bytes(range(256)) * (size // 256) + bytes(size % 256))
    with open(path, "rb") as f:
        expected = f.read(limit + 1)
    with open(path, "rb") as f:
        assert read_capped(f, limit) == expected


def test_read_capped_reads_on_past_the_size_a_file_gave(tmp_path: Path) -> None:
    """A file whose size says nothing (a device; or one that grew after it was measured) is read
    on up to the cap, not cut at the size it gave."""
    with open("/dev/zero", "rb") as f:
        assert read_capped(f, 1000) == bytes(1001)


# Addresses the URL pattern lets through, and pieces that make `urlsplit` refuse one: lone or
# paired brackets in the host, characters NFKC turns into `@ / ? # :`, wide letters, controls.
_URL_PIECES = ("http://", "https://", "a", "go.id", ".", "-", ":", "8080", "/", "?", "#", "=", "&", "[", "]",
               "[::1]", "[v1.x]", "＠", "／", "？", "＃", "：", "℀", "é", "ß", "\u200b", "\t", "\r", "%",
               "@", "\\", "\x00", "\x7f")


def _urlsplit_refuses(value: str) -> bool:
    from urllib.parse import urlsplit

    try:
        urlsplit(value)
    except ValueError:
        return True
    return False


@MANY
@given(st.lists(st.sampled_from(_URL_PIECES) | st.text(max_size=4), max_size=14).map("".join))
@example("http://[x/")
@example("http://x]/")
@example("http://[::1]/")
@example("https://a/[b]")
@example("http://a＠b.com/")
@example("https://dinas℀go.id/")
@example("https://dinas.go.id/layanan?x=1#y")
def test_readable_url_refuses_exactly_what_urlsplit_refuses(value: str) -> None:
    """`model._readable_url` skips `urlsplit` for an ASCII address with no bracket: it refuses an
    address exactly when `urlsplit` does, short cut or not."""
    from pydantic_core import PydanticCustomError

    from generator.model import _readable_url

    try:
        _readable_url(value)
    except PydanticCustomError:
        refused = True
    else:
        refused = False
    assert refused == _urlsplit_refuses(value)
