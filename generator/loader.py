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
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .diagnostics import ERROR, Diagnostic, field_path

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 20
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?")
_TAG = "tag:yaml.org,2002:"
# Where an anchor (&a) or alias (*a) could start; only then are the events scanned to be sure.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]", re.MULTILINE)

Loc = tuple[str | int, ...]


class SourceInt(int):
    """An integer that remembers its source text."""

    source_text: str


class SourceFloat(float):
    source_text: str


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
                for k, value in node.value:
                    if k.value == part:
                        key_node, node = k, value
                        break
                else:
                    break
            elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
        mark = (key_node if key and key_node is not None else node).start_mark
        return (mark.line + 2, mark.column + 1)


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


_YAML_HINTS = (
    ("mapping values are not allowed", "tanda ':' tidak boleh di sini; apit teks yang memuat ': ' dengan tanda kutip"),
    ("cannot start any token", "karakter ini tidak boleh mengawali nilai; untuk indentasi gunakan spasi, bukan tab, "
     "dan apit teks yang diawali karakter khusus dengan tanda kutip"),
    ("could not find expected ':'", "kurang tanda ':' setelah kunci"),
    ("did not find expected key", "indentasi tidak konsisten, atau ada baris yang bukan 'kunci: nilai'"),
    ("did not find expected '-' indicator", "indentasi daftar tidak konsisten"),
    ("found unexpected end of stream", "tanda kutip atau kurung tidak ditutup"),
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


def read_file(path: Path, display: str | None = None) -> Parsed:
    """Read and parse one entry file; problems come back as diagnostics, never exceptions."""
    shown = display or str(path)
    result = Parsed(shown)
    try:
        size = os.stat(path).st_size
        if size > MAX_BYTES:
            result.error(1, 1, f"file terlalu besar ({size:,} bita; maksimal {MAX_BYTES:,} bita)".replace(",", "."))
            return result
        with open(path, "rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except IsADirectoryError:
        result.error(1, 1, "ini folder, bukan file entri")
        return result
    except OSError as exc:
        result.error(1, 1, f"file tidak dapat dibaca: {exc.strerror or exc}")
        return result
    if len(raw) > MAX_BYTES:  # grew while we looked
        result.error(1, 1, f"file terlalu besar (maksimal {MAX_BYTES:,} bita)".replace(",", "."))
        return result
    return parse_bytes(raw, shown)


def parse_bytes(raw: bytes, display: str) -> Parsed:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        result = Parsed(display)
        result.error(line, col, "file bukan teks UTF-8; simpan ulang file dengan encoding UTF-8")
        return result
    return parse_text(text, display)


def parse_text(text: str, display: str) -> Parsed:
    result = Parsed(display)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    first, newline, rest = text.partition("\n")
    if first.rstrip(" \t") != "---":
        result.error(1, 1, "file entri harus diawali front matter: baris pertama '---', lalu kunci: nilai, lalu '---'")
        return result
    closing = _CLOSING.search(rest)
    if closing is None:
        result.error(1, 1, "front matter tidak ditutup: tambahkan baris '---' setelah kunci terakhir")
        return result
    front = rest[: closing.start()]
    body = rest[closing.end() + 1 :]
    front_lines = front.count("\n")
    result.body = body
    result.body_line = front_lines + 3
    if "\x00" in front:
        result.error(1, 1, "front matter memuat karakter NUL; file ini bukan teks biasa")
        return result
    try:
        node = yaml.compose(front, Loader=_CatalogueLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 2, mark.column + 1) if mark else (1, 1)
        result.error(line, col, _yaml_message(exc))
        return result
    except (yaml.YAMLError, RecursionError, ValueError) as exc:
        result.error(1, 1, f"YAML tidak sah: {exc}")
        return result
    if node is None:
        result.error(1, 1, "front matter kosong: isi kunci-kunci entri di antara kedua baris '---'")
        return result
    if ("&" in front or "*" in front) and _MAYBE_ANCHOR.search(front):
        _reject_anchors(front, result)
        if result.diagnostics:
            return result
    if not isinstance(node, MappingNode):
        result.error(node.start_mark.line + 2, node.start_mark.column + 1,
                     "front matter harus berupa pasangan 'kunci: nilai'")
        return result
    result.root = node
    data = _Builder(result).build(node, None, 0)
    if not result.diagnostics:
        result.data = data
    return result


def _reject_anchors(front: str, result: Parsed) -> None:
    try:
        for event in yaml.parse(front, Loader=_CatalogueLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                result.error(mark.line + 2, mark.column + 1,
                             "anchor/alias YAML (&nama, *nama) tidak diizinkan; tulis nilainya langsung")
                return
    except yaml.YAMLError:  # already composed once, so this does not happen; stay safe anyway
        return


class _Builder:
    def __init__(self, result: Parsed):
        self.result = result

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
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if type(key_node) is not ScalarNode:
                    self._error(key_node, "kunci harus berupa teks sederhana", loc)
                    continue
                key = key_node.value
                if key in out:
                    where = _flat(loc) + (key,)
                    first = self.result.position(where, key=True)[0]
                    self._error(key_node, f"kunci '{key}' ditulis dua kali (pertama di baris {first})", (loc, key))
                    continue
                out[key] = self.build(value_node, (loc, key), depth + 1)
            return out
        if kind is SequenceNode:
            return [self.build(item, (loc, index), depth + 1) for index, item in enumerate(node.value)]
        self._error(node, "nilai YAML tidak dikenal", loc)
        return None

    def tagged(self, node: ScalarNode, loc: Any) -> Any:
        """A scalar that was quoted or carries an explicit tag such as `!!int`."""
        tag, text = node.tag, node.value
        if tag == _TAG + "str":
            return text
        if tag in (_TAG + "int", _TAG + "float", _TAG + "bool", _TAG + "null"):
            value = _plain(text)
            if value is None and tag != _TAG + "null" or value is not None and tag == _TAG + "null":
                self._error(node, f"nilai {text!r} tidak cocok dengan tag {tag.rsplit(':', 1)[-1]}", loc)
            return value
        if tag in (_TAG + "timestamp",):
            return text
        self._error(node, f"tag YAML {tag!r} tidak didukung; hapus tag tersebut", loc)
        return None

    def _error(self, node: Any, message: str, loc: Any) -> None:
        mark = node.start_mark
        self.result.error(mark.line + 2, mark.column + 1, message, _flat(loc))


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
