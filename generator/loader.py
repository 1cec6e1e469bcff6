"""Reading one entry file: front matter with the position of every key and value, and the body.

libyaml (PyYAML's `CSafeLoader`) composes the node tree, which keeps marks; we turn nodes into
plain values ourselves so that the rules of the catalogue hold, not YAML 1.1's:

* duplicate keys, anchors and aliases, unknown tags are errors;
* `no`, `yes`, `on`, `off` stay text (only `true`/`false` are booleans);
* dates stay text, and the model parses them only where it asks for a date;
* numbers remember how they were written, so `kode: 35.10` stays "35.10" in a text field.

Nothing here raises on bad input: every problem becomes a `Diagnostic`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .diagnostics import ERROR, Diagnostic, field_path, os_reason

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
# libyaml's composer recurses in C once per level and overflows the stack (a segfault, no
# diagnostic) somewhere past 20,000 levels; a front matter shorter than this cannot nest that deep.
DEEP_CHECK_FROM = 10_000
_CLOSING = re.compile(r"\n(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
"""The line that closes an entry's front matter, with the line break before it: a pattern that
starts with a literal character is searched for as fast as that character (one that starts with
`^` is tried at every character of the body, twice as slow)."""
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?")
_TAG = "tag:yaml.org,2002:"
# Where an anchor (&a) or alias (*a) could start; only then are the events scanned to be sure.
# Line breaks to YAML 1.1 (libyaml), not to editors or GitHub: see `Parsed.at`.
_ODD_BREAKS = ("\x85", "\u2028", "\u2029")
# Characters after which (spaces aside) a node, and so an anchor or alias, may start: every line
# break libyaml knows, and the indicators of YAML's block and flow syntax.
_NODE_STARTS = frozenset("\n\x85\u2028\u2029:-?[{,")
MAX_ITEMS = 1000
"""Items of one list (or keys of one mapping): more is never an entry, only a way to make work."""
MAX_NUMBER_DIGITS = 30
"""Longer numbers are text (Python refuses to read integers past 4,300 digits, with a traceback)."""

Loc = tuple[str | int, ...]


class SourceInt(int):
    """An integer that remembers its source text."""

    source_text: str


class SourceFloat(float):
    source_text: str


class LongNumber(str):
    """Digits too many to be a number of an entry: kept as their text, so a text field takes
    them as written and a number field says the number is too long."""


def _number(cls: type, value: Any, text: str) -> Any:
    number = cls(value)
    number.source_text = text
    return number


@dataclass
class Parsed:
    """One file's front matter as plain data, and its Markdown body.

    Positions are looked up in the node tree only when a diagnostic needs one: most files are
    valid, and a full position map for 32,000 files would cost more than validating them.
    """

    path: str
    data: dict[str, Any] | None = None
    body: str = ""
    body_line: int = 1
    diagnostics: list[Diagnostic] = field(default_factory=list)
    root: Any = field(default=None, repr=False)
    front: str = field(default="", repr=False)
    odd_breaks: bool = False  # the front matter holds U+0085, U+2028 or U+2029: see `at`
    first_line: int = 2  # the file line of the YAML's first line: 2 after an entry's `---`, 1 in a YAML file
    _index: dict[int, dict[str, tuple[Any, Any]]] | None = field(default=None, repr=False)

    def error(self, line: int, col: int, message: str, loc: Loc = ()) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, ERROR, field_path(loc), message))

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        """Line and column of the value at `loc` (of its key when `key`), or of the nearest
        ancestor that is written in the file; the opening `---` for the whole entry."""
        node, key_node = self.root, None
        if node is None or not loc:
            return (1, 1)
        for part in loc:
            if isinstance(node, MappingNode) and isinstance(part, str):
                found = self._lookup(node, part)
                if found is None:
                    break
                key_node, node = found
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
        return self.at((key_node if key and key_node is not None else node).start_mark)

    def _lookup(self, node: MappingNode, key: str) -> tuple[Any, Any] | None:
        """The first (key node, value node) named `key`. Big mappings are indexed once, so that a
        file with thousands of bad keys is not searched once per diagnostic."""
        if len(node.value) <= 32:
            for pair in node.value:
                if pair[0].value == key:
                    return pair
            return None
        if self._index is None:
            self._index = {}
        index = self._index.get(id(node))
        if index is None:
            index = self._index[id(node)] = {}
            for pair in node.value:
                if type(pair[0]) is ScalarNode:
                    index.setdefault(pair[0].value, pair)
        return index.get(key)

    def at(self, mark: Any) -> tuple[int, int]:
        """File line and column of a libyaml mark in the front matter (which starts on line 2).

        libyaml also ends lines at U+0085, U+2028 and U+2029 (YAML 1.1), which editors and GitHub
        do not; after one of those its line numbers run ahead, so then count from the mark's
        character offset instead."""
        if self.odd_breaks:
            return _line_col(self.front, mark.index, self.first_line)
        return mark.line + self.first_line, mark.column + 1


def _line_col(front: str, index: int, first_line: int = 2) -> tuple[int, int]:
    """File line and column of the character at `index` of the front matter (or of a YAML file,
    whose first line is line 1)."""
    return front.count("\n", 0, index) + first_line, index - front.rfind("\n", 0, index)


class _CatalogueLoader(yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader):  # type: ignore[misc]
    """libyaml's parser with YAML 1.1's implicit typing switched off: plain scalars come back
    tagged `_PLAIN` and `_Builder.plain` types them by the catalogue's rules (faster, too)."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:  # noqa: D102
        if kind is ScalarNode:
            return _PLAIN if implicit[0] else _TAG + "str"
        return _TAG + ("seq" if kind is SequenceNode else "map")

    # Path-based resolvers are not used; skipping their bookkeeping saves a call per node.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:  # noqa: D102
        return None

    def ascend_resolver(self) -> None:  # noqa: D102
        return None


_PLAIN = "!plain"
_FAST = frozenset((_PLAIN, _TAG + "str"))
_MAP = _TAG + "map"
_SEQ = _TAG + "seq"
_TAGGED_TYPES: dict[str, tuple[type, ...]] = {
    _TAG + "int": (SourceInt,),
    _TAG + "float": (SourceInt, SourceFloat),
    _TAG + "bool": (bool,),
    _TAG + "null": (type(None),),
}


_YAML_HINTS = (
    ("mapping values are not allowed", "tanda ':' tidak boleh di sini; apit teks yang memuat ': ' dengan tanda kutip"),
    ("cannot start any token", "karakter ini tidak boleh mengawali nilai; untuk indentasi gunakan spasi, bukan tab, "
     "dan apit teks yang diawali karakter khusus dengan tanda kutip"),
    ("could not find expected ':'", "kurang tanda ':' setelah kunci"),
    ("did not find expected key", "indentasi tidak konsisten, atau ada baris yang bukan 'kunci: nilai'"),
    ("did not find expected '-' indicator", "indentasi daftar tidak konsisten"),
    ("found unexpected end of stream", "tanda kutip atau kurung tidak ditutup"),
    ("did not find expected ',' or ']'", "daftar dalam kurung '[' tidak ditutup dengan ']', atau butirnya tidak "
     "dipisah koma"),
    ("did not find expected ',' or '}'", "kelompok dalam kurung '{' tidak ditutup dengan '}', atau pasangannya "
     "tidak dipisah koma"),
    ("found undefined alias", "alias YAML (*nama) tidak diizinkan; tulis nilainya langsung"),
    ("found unknown escape character", "urutan escape tidak dikenal di dalam tanda kutip ganda; gunakan tanda kutip tunggal"),
    ("special characters are not allowed", "ada karakter kontrol yang tidak boleh dipakai"),
    ("expected a single document", "front matter hanya boleh berisi satu dokumen YAML"),
)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or str(exc)
    for needle, hint in _YAML_HINTS:
        if needle in problem or needle in str(exc.context or ""):
            return f"YAML tidak sah: {hint} ({problem})"
    return f"YAML tidak sah: {problem}"


_SMART_QUOTES = "\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b"
TAB_MESSAGE = ("YAML tidak sah: baris ini menjorok dengan karakter tab, padahal YAML hanya menerima spasi untuk "
               "menjorokkan; ganti tab dengan spasi (dua spasi per tingkat)")
SMART_QUOTE_MESSAGE = ("YAML tidak sah: baris ini memakai tanda kutip miring ({quotes}), yang bagi YAML bukan tanda "
                       "kutip; ganti dengan tanda kutip lurus \" atau ' (pengolah kata dan ponsel menggantinya "
                       "otomatis)")


def _fitting_message(front: str, exc: yaml.MarkedYAMLError) -> str | None:
    """The mistake a YAML error most often comes from, named as such: a tab used for indentation,
    or typographic quotes where YAML needs straight ones."""
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return None
    lines = front.split("\n")
    line = lines[mark.line] if mark.line < len(lines) else ""
    problem = f"{exc.problem or ''} {exc.context or ''}"
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "tab" in problem or ("\t" in indent and "cannot start any token" in problem):
        return TAB_MESSAGE
    quotes = "".join(dict.fromkeys(c for c in line if c in _SMART_QUOTES))
    if quotes:
        return SMART_QUOTE_MESSAGE.format(quotes=" ".join(quotes))
    return None


_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _line_of(front: str, number: int) -> str:
    """Line `number` (from 0) of `front` as libyaml counts lines (every YAML 1.1 line break, not
    only newlines); "" past the end."""
    lines = _BREAKS.split(front)
    return lines[number] if 0 <= number < len(lines) else ""


def _yaml_error(result: Parsed, exc: yaml.MarkedYAMLError) -> None:
    """A YAML syntax error, at the mistake rather than where libyaml gave up: an unclosed quote is
    reported at its opening quote, not at the end of the front matter or at the next quote further
    down (which libyaml takes as the closing one)."""
    front = result.front
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        line = _line_of(front, exc.context_mark.line)
        curly = "".join(dict.fromkeys(c for c in line if c in _SMART_QUOTES))
        hint = (f"; penutupnya tanda kutip miring ({' '.join(curly)}), yang bagi YAML bukan tanda kutip: tulis tanda "
                "kutip lurus di kedua ujung") if curly else ""
        result.error(*result.at(exc.context_mark), f"YAML tidak sah: tanda kutip ini tidak ditutup{hint} ({exc.problem})")
    elif mark is None:
        result.error(1, 1, _yaml_message(exc))
    elif (fitting := _fitting_message(front, exc)) is not None:
        result.error(*result.at(mark), fitting)
    elif (opened := _quote_closed_on(front, mark.line)) is not None:
        curly = "".join(dict.fromkeys(c for c in _line_of(front, opened.line) if c in _SMART_QUOTES))
        hint = (f" (penutup di baris ini tanda kutip miring {' '.join(curly)}, yang bagi YAML bukan tanda kutip: "
                "tulis tanda kutip lurus di kedua ujung)") if curly else ""
        result.error(*result.at(opened),
                     f"YAML tidak sah: tanda kutip ini tidak ditutup di baris yang sama{hint}; tanda kutip berikutnya, "
                     f"di baris {result.at(mark)[0]}, terbaca sebagai penutupnya ({exc.problem})")
    else:
        result.error(*result.at(mark), _yaml_message(exc))
    if result.odd_breaks and mark is not None:
        # Invisible, and a line break to YAML: often the very cause of the error.
        index = min(i for i in (front.find(c) for c in _ODD_BREAKS) if i >= 0)
        if index <= mark.index:
            result.error(*_line_col(front, index, result.first_line),
                         f"ada karakter pemisah baris tersembunyi (U+{ord(front[index]):04X}) yang dibaca YAML "
                         "sebagai baris baru; hapus karakter ini atau ganti dengan spasi")


def _reader_error(result: Parsed, exc: yaml.reader.ReaderError) -> None:
    """A character YAML does not allow (a control character), at its place: libyaml gives its
    offset in UTF-8 bytes."""
    index = len(result.front.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    character = exc.character if isinstance(exc.character, int) else 0
    result.error(*_line_col(result.front, index, result.first_line),
                 f"ada karakter kontrol tersembunyi (U+{character:04X}) yang tidak boleh ada di front matter; "
                 "hapus karakter ini")


def _quote_closed_on(front: str, line: int) -> Any:
    """The start of a quoted text that runs over several lines and ends on `line` (0-based),
    where the error is: almost always a quote left open and closed by the next quote."""
    try:
        for token in yaml.scan(front, Loader=_CatalogueLoader):
            if token.start_mark.line > line:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.start_mark.line < token.end_mark.line == line):
                return token.start_mark
    except yaml.YAMLError:
        pass
    return None


def read_file(path: Path, display: str | None = None, *, document: bool = False) -> Parsed:
    """Read and parse one entry file (or, `document`, one YAML file: `parse_document`); problems
    come back as diagnostics, never exceptions."""
    shown = display or str(path)
    raw = read_bounded(path, shown)
    return raw if isinstance(raw, Parsed) else parse_bytes(raw, shown, document=document)


def read_bounded(path: Path, shown: str) -> bytes | Parsed:
    """The bytes of a file a pull request can add, within the size cap (`MAX_BYTES`), or a
    `Parsed` holding what is wrong (too large, a folder, unreadable) at line 1."""
    result = Parsed(shown)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            result.error(1, 1, f"file terlalu besar ({size:,} bita; maksimal {MAX_BYTES:,} bita)".replace(",", "."))
            return result
        with open(path, "rb") as f:
            raw = read_capped(f)
    except IsADirectoryError:
        result.error(1, 1, "ini folder, bukan file entri")
        return result
    except OSError as exc:
        result.error(1, 1, f"file tidak dapat dibaca: {os_reason(exc)}")
        return result
    if len(raw) > MAX_BYTES:  # grew while we looked
        result.error(1, 1, f"file terlalu besar (maksimal {MAX_BYTES:,} bita)".replace(",", "."))
        return result
    return raw


def read_capped(f: BinaryIO, limit: int = MAX_BYTES) -> bytes:
    """The first `limit` + 1 bytes of the open file `f` at most (more than `limit`: too large), as
    `f.read(limit + 1)` gives them, without first making room for all of them: a read asks for
    the file's size and one byte more (a file that grew meanwhile is read on, up to the cap).
    Reading 10 KB into a megabyte's room costs more than the read itself."""
    size = os.fstat(f.fileno()).st_size
    raw = f.read(min(size, limit) + 1)
    if len(raw) > size and len(raw) <= limit:
        raw += f.read(limit + 1 - len(raw))
    return raw


def decode(raw: bytes, display: str) -> str | Parsed:
    """A file's text (UTF-8, a byte-order mark dropped), or a `Parsed` holding where the first
    byte that is not UTF-8 is."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Counted as editors count: lines end at \r\n, \r or \n, columns are characters (the
        # bytes before the bad one are valid UTF-8, or decoding would have failed there).
        before = raw[: exc.start].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1
        result = Parsed(display)
        result.error(line, col, "file bukan teks UTF-8; simpan ulang file dengan encoding UTF-8")
        return result


def parse_bytes(raw: bytes, display: str, *, document: bool = False) -> Parsed:
    text = decode(raw, display)
    if isinstance(text, Parsed):
        return text
    return parse_document(text, display) if document else parse_text(text, display)


def parse_document(text: str, display: str) -> Parsed:
    """A whole YAML file (no front-matter lines, no body), read by the same rules as an entry's
    front matter: a verification record (`verifikasi/<id>.yml`). A lone `---` first line (a
    document start, as editors write YAML) is allowed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = Parsed(display, first_line=1)
    if text.startswith("---\n"):  # keep the lines where they are: the marker line becomes blank
        text = "\n" + text[4:]
    return _parse_front(result, text)


def parse_text(text: str, display: str) -> Parsed:
    result = Parsed(display)
    split = _split(text)
    if isinstance(split, str):
        result.error(1, 1, split)
        return result
    front, result.body = split
    result.body_line = front.count("\n") + 3
    return _parse_front(result, front)


def _split(text: str) -> tuple[str, str] | str:
    """(front matter, body) of an entry file's text, or what is wrong with its shape."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first, newline, _ = text.partition("\n")
    if first.rstrip(" \t") != "---":
        return "file entri harus diawali front matter: baris pertama '---', lalu kunci: nilai, lalu '---'"
    opened = len(first)  # the first line's line break: the closing line is searched for after it
    closing = _CLOSING.search(text, opened) if newline else None
    if closing is None:
        return "front matter tidak ditutup: tambahkan baris '---' setelah kunci terakhir"
    return text[opened + 1 : closing.start() + 1], text[closing.end() + 1 :]


def body_of(raw: bytes) -> str:
    """The body of an entry file as `read_file` gives it, from bytes `read_file` read without a
    problem: for a file whose front matter the load cache already holds. The cache holds invalid
    files too (their diagnostics), whose body nobody reads: one that is not UTF-8 gives a body
    with replacement characters, not an exception."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    split = _split(raw.decode("utf-8", "replace"))
    return split[1] if not isinstance(split, str) else ""


def _parse_front(result: Parsed, front: str) -> Parsed:
    """The YAML of `front` into `result`: its data, or the diagnostics that say why not."""
    what = "front matter" if result.first_line == 2 else "berkas YAML"
    if "\x00" in front:
        result.error(*_line_col(front, front.index("\x00"), result.first_line),
                     f"{what} memuat karakter NUL; file ini bukan teks biasa")
        return result
    result.front = front
    result.odd_breaks = any(c in front for c in _ODD_BREAKS)
    if len(front) > DEEP_CHECK_FROM and (deep := _too_deep(front)) is not None:
        result.error(*result.at(deep), "struktur terlalu dalam")
        return result
    try:
        node = yaml.compose(front, Loader=_CatalogueLoader)
    except yaml.MarkedYAMLError as exc:
        if "nesting" in str(exc) and (deep := _too_deep(front)) is not None:
            result.error(*result.at(deep), "struktur terlalu dalam")
        else:
            _yaml_error(result, exc)
        return result
    except yaml.reader.ReaderError as exc:
        _reader_error(result, exc)
        return result
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        result.error(1, 1, f"YAML tidak sah: {exc}")
        return result
    if node is None:
        result.error(1, 1, "front matter kosong: isi kunci-kunci entri di antara kedua baris '---'"
                     if result.first_line == 2 else "berkas kosong: isi pasangan 'kunci: nilai'")
        return result
    if ("&" in front or "*" in front) and _maybe_anchor(front):
        _reject_anchors(front, result)
        if result.diagnostics:
            return result
    if not isinstance(node, MappingNode):
        result.error(*result.at(node.start_mark), f"{what} harus berupa pasangan 'kunci: nilai'")
        return result
    result.root = node
    data = _Builder(result).build(node, None, 0)
    if not result.diagnostics:
        result.data = data
    return result


def _too_deep(front: str) -> Any:
    """Where nesting passes MAX_DEPTH, read from libyaml's events, which (unlike its composer) do
    not recurse; stops there, so a hostile file costs no more than a valid one.

    libyaml may refuse deep nesting itself before its parser hands us level MAX_DEPTH + 1 (its own
    limit, in English, at another column, and only in some versions: its scanner reads ahead over
    every `[` that could start a key). Then PyYAML's pure-Python parser, which has no such limit
    and reads ahead at most 1,024 characters, finds the place, so the message and its position
    never depend on the installed libyaml."""
    try:
        return _depth_passed(yaml.parse(front, Loader=_CatalogueLoader))
    except yaml.YAMLError as exc:
        if "nesting" not in str(exc):
            return None  # composing reports it, at its place
    try:
        return _depth_passed(yaml.parse(front, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        return None


def _depth_passed(events: Any) -> Any:
    depth = 0
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return event.start_mark
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return None


def _maybe_anchor(front: str) -> bool:
    """Whether an `&` or `*` stands where a node may start (line start, after `- `, `: `, `? `,
    `[`, `{`, `,` or a tag); only then are the events scanned to be sure. Emphasis such as
    `*real time*` inside a sentence is passed over without the scan."""
    for char in "&*":
        at = front.find(char)
        while at >= 0:
            follower = front[at + 1 : at + 2]
            if follower and follower not in " \t\n,[]{}":
                before = at - 1
                while before >= 0 and front[before] in " \t":
                    before -= 1
                if before < 0 or front[before] in _NODE_STARTS:
                    return True
                start = before
                while start >= 0 and front[start] not in " \t\n":
                    start -= 1
                if front[start + 1] == "!" and before < at - 1:  # a tag, then the anchor
                    return True
            at = front.find(char, at + 1)
    return False


def _reject_anchors(front: str, result: Parsed) -> None:
    try:
        for event in yaml.parse(front, Loader=_CatalogueLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                result.error(*result.at(event.start_mark),
                             "anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung")
                return
    except yaml.YAMLError:  # already composed once, so this does not happen; stay safe anyway
        return


class _Builder:
    """Plain values from the node tree. Each collection node is built once: a node met twice is
    an alias (`*a`), refused here whatever the anchor pre-check saw, so a "billion laughs" file
    costs one pass over what is written, never over what it would expand to."""

    def __init__(self, result: Parsed):
        self.result = result
        self.seen: set[int] = set()

    # `loc` is a linked pair (parent, key), flattened only when an error needs it: building a
    # full tuple for each of the ~70 values of every entry costs more than it is worth.
    def build(self, node: Any, loc: Any, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self._error(node, "struktur terlalu dalam", loc)
            return None
        kind = type(node)
        if kind is ScalarNode:
            if node.tag == _PLAIN:
                return _plain(node.value)
            return self.tagged(node, loc)
        if kind is MappingNode:
            if node.tag != _MAP:
                return self._unsupported_tag(node, loc)
            if not self._first_visit(node, loc):
                return None
            out: dict[str, Any] = {}
            firsts: dict[str, Any] | None = None
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode:
                    self._error(key_node, "kunci harus berupa teks sederhana", loc)
                    continue
                key = key_node.value
                if key in out:
                    if firsts is None:  # once per mapping, so that many duplicates stay linear
                        firsts = {}
                        for k, _ in node.value:
                            if type(k) is ScalarNode:
                                firsts.setdefault(k.value, k)
                    first = self.result.at(firsts[key].start_mark)[0]
                    self._error(key_node, f"kunci '{key}' ditulis dua kali (pertama di baris {first})", (loc, key))
                    continue
                if type(value_node) is ScalarNode and value_node.tag in _FAST:  # most values: no call
                    text = value_node.value
                    out[key] = _plain(text) if value_node.tag == _PLAIN else text
                else:
                    out[key] = self.build(value_node, (loc, key), depth + 1)
            return out
        if kind is SequenceNode:
            if node.tag != _SEQ:
                return self._unsupported_tag(node, loc)
            if not self._first_visit(node, loc):
                return None
            return [self.build(item, (loc, index), depth + 1) for index, item in enumerate(node.value)]
        self._error(node, "nilai YAML tidak dikenal", loc)
        return None

    def _first_visit(self, node: Any, loc: Any) -> bool:
        if id(node) in self.seen:
            self._error(node, "anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung", loc)
            return False
        self.seen.add(id(node))
        if len(node.value) > MAX_ITEMS:
            what = "daftar" if type(node) is SequenceNode else "kelompok"
            count, most = (f"{n:,}".replace(",", ".") for n in (len(node.value), MAX_ITEMS))
            self._error(node, f"{what} ini terlalu panjang: {count} butir, maksimal {most}", loc)
            return False
        return True

    def tagged(self, node: ScalarNode, loc: Any) -> Any:
        """A scalar that was quoted or carries an explicit tag such as `!!int`."""
        tag, text = node.tag, node.value
        if tag == _TAG + "str":
            return text
        if tag in _TAGGED_TYPES:
            value = _plain(text)
            if not isinstance(value, _TAGGED_TYPES[tag]):
                self._error(node, f"nilai {text!r} tidak cocok dengan tag {tag.rsplit(':', 1)[-1]}", loc)
            return value
        if tag in (_TAG + "timestamp",):
            return text
        return self._unsupported_tag(node, loc)

    def _unsupported_tag(self, node: Any, loc: Any) -> None:
        tag = node.tag.replace(_TAG, "!!", 1) if node.tag.startswith(_TAG) else node.tag
        self._error(node, f"tag YAML {tag!r} tidak didukung; hapus tag tersebut", loc)
        return None

    def _error(self, node: Any, message: str, loc: Any) -> None:
        self.result.error(*self.result.at(node.start_mark), message, _flat(loc))


def _flat(loc: Any) -> Loc:
    parts: list[str | int] = []
    while loc:
        loc, key = loc
        parts.append(key)
    return tuple(reversed(parts))


_NULLS = frozenset(("", "~", "null", "Null", "NULL"))


def _plain(text: str) -> Any:
    """Type a plain (unquoted) scalar: integers and decimals keep their source text, `true` and
    `false` are booleans, `~`/`null`/nothing is None, everything else (yes, no, 2024-03-01, 012,
    0x1F, .inf) stays text."""
    if not text or text[0] in "0123456789+-.":
        if len(text) > MAX_NUMBER_DIGITS:
            return LongNumber(text) if _INT.fullmatch(text) or _FLOAT.fullmatch(text) else text
        if _INT.fullmatch(text):
            return _number(SourceInt, int(text.replace("_", "")), text)
        if _FLOAT.fullmatch(text):
            return _number(SourceFloat, float(text.replace("_", "")), text)
        return None if not text else text
    if len(text) in (4, 5) and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if text in _NULLS:
        return None
    return text
