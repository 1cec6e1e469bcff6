"""The naming rule (ARCHITECTURE.md, "Names"), as far as a program can hold it: English for the
code's own names; Indonesian for the front matter, the template data and every message a person
reads. What is checked here:

- every message the generator hands a person (the CLI's output and errors, argparse's help, log
  records at info level and above, diagnostics, usage errors) is free of English words, by a
  heuristic over the string constants passed to those calls (`ast`): a short list of English
  words that Indonesian never writes, counted outside code, paths, options and quotes;
- no message shows the system's own English reason for a failed file operation (`strerror`):
  `diagnostics.os_reason` says it in Indonesian;
- modules, functions and classes have English names, except where a name is a front-matter key
  (the model's fields, the reading of one field) or the product's name.

The plugin (`generator/plugin/`) and the build machinery it drives (`publishing.py`,
`parallel.py`) are left out for now: they are being rebuilt (issue 23, points 2 and 3); add them
to the checks once that lands.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

from generator.diagnostics import os_reason

pytestmark = pytest.mark.unit

GENERATOR = ROOT / "generator"
LEFT_OUT: tuple[str, ...] = ()

# Words English writes and Indonesian does not (not "file", "folder", "status", "level", which
# Indonesian borrows, nor words a command line shows as they are).
ENGLISH = frozenset("""
the and is are cannot could not found invalid missing must should with without from this that which was were
has have been please error errors failed unable expected files directory does exist exists allowed only into
than then when while will would there their your you for of to on at by an or it its be as if no use using used
see skipping skipped wrote writing reading built building done warning entry entries page pages
""".split())
LOG_LEVELS = {"info", "warning", "warn", "error", "critical", "exception"}
LOGGERS = {"log", "logger", "LOG", "_log"}
# Calls whose string arguments a person reads, and the keyword arguments that are such text.
MESSAGE_CALLS = {"print", "UsageError", "SystemExit", "Diagnostic", "add_argument", "add_parser",
                 "ArgumentParser", "InitError", "SheetError", "error", "warning"}
TEXT_KEYWORDS = {"help", "description", "epilog", "message"}
# Not prose a person reads: what the text is matched against (argparse's and libyaml's own
# English, turned into Indonesian by the code around it).
ALLOWED = {
    ("generator/cli.py", "the following arguments are required: (.+)"),
}

# Indonesian words the code could slip into a name; a name may still hold one that is a
# front-matter key, or the product's name.
INDONESIAN = frozenset("""
inovasi katalog kriteria lencana entri halaman situs berkas usulan verifikasi tautan cari jelajahi terbuka grafik
peta daftar statistik kualitas antrean kontribusi beranda replikasi bukti impor ekspor pratinjau mulai kata ejaan
kolom teks angka tanggal judul ringkasan instansi wilayah provinsi kabupaten kota tahapan jenis bentuk urusan
masalah hasil manfaat keberlanjutan penghargaan kontak dokumen gambar uraian kebaruan anggaran pelaksana sumber
tahun nilai sebelum sesudah satuan indikator evaluasi panduan isi pesan galat peringatan baris keluar tulis baca
periksa buat simpan hapus siklus skor dari oleh
""".split())
NAME_EXCEPTIONS = {
    "katalog",  # the product: KatalogPlugin, KatalogConfig (the plugin's name in mkdocs.yml)
    "kriteria",  # exports.record_schema's models: their names are the open data schema's titles
    "angka", "tanggal",  # text.angka / text.tanggal: the template filters of the same names
    "daftar",  # model.daftar: the front matter's optional list, named as the schema shows it
}


def _front_matter_keys(*, with_models: bool = True) -> set[str]:
    """Every word of a key the front matter may hold, at any depth, and (`with_models`) of the
    names of the model's classes that hold them."""
    from pydantic import BaseModel

    from generator.model import Entry

    keys: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            keys.update(name.split("_"))
            for inner in _models_in(info.annotation):
                walk(inner)

    walk(Entry)
    for model in seen if with_models else ():
        keys.update(word.lower() for word in re.findall(r"[A-Z][a-z]+", model.__name__))
    return keys


def _models_in(annotation: object) -> Iterator[type]:
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)
    for meta in getattr(annotation, "__metadata__", ()) or ():
        yield from _models_in(meta)
    origin = getattr(annotation, "__origin__", None)
    if origin is not None and origin is not annotation:
        yield from _models_in(origin)


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(GENERATOR.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if not rel.startswith(LEFT_OUT):
            yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _texts(node: ast.AST) -> Iterator[str]:
    """The literal text of a string argument: an f-string's fixed parts with a gap for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.JoinedStr):
        yield "".join(v.value if isinstance(v, ast.Constant) else " {} " for v in node.values)
    elif isinstance(node, ast.BinOp):
        yield from _texts(node.left)
        yield from _texts(node.right)
    elif isinstance(node, ast.IfExp):
        yield from _texts(node.body)
        yield from _texts(node.orelse)


_NOT_PROSE = re.compile(r"`[^`]*`|\{[^}]*\}|(?<!\w)--?[\w-]+|\S+/\S*|\S+\.(md|ya?ml|json|csv|xlsx|py|html|xml)\b"
                        r"|https?://\S+|'[^']*'|\"[^\"]*\"|<[^>]*>|GitHub \w+")


def english_words(text: str) -> list[str]:
    """The English words of a message, outside code, paths, options, placeholders and quotes."""
    return [w for w in re.findall(r"[A-Za-z']+", _NOT_PROSE.sub(" ", text)) if w.lower() in ENGLISH]


def _call_name(call: ast.Call) -> tuple[str, bool]:
    func = call.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    is_log = (isinstance(func, ast.Attribute) and name in LOG_LEVELS and isinstance(func.value, ast.Name)
              and func.value.id in LOGGERS)
    return name, is_log


def messages(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """(line, text) of every literal a person reads: the arguments of the message calls."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name, is_log = _call_name(node)
        if not (is_log or name in MESSAGE_CALLS):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords if k.arg in TEXT_KEYWORDS)]:
            for text in _texts(arg):
                yield node.lineno, text


def test_the_heuristic_tells_english_from_indonesian() -> None:
    tree = ast.parse('log.warning(f"katalog: {n} entries could not be read")\n'
                     'print("✓ 3 inovasi diekspor: 10 berkas", file=sys.stderr)\n'
                     'raise UsageError(f"tidak dapat menulis {path}: `--out` is a folder")\n'
                     'Diagnostic(p, 1, 1, ERROR, "", "the file is missing")\n'
                     'parser.add_argument("--out", help="write the files to DIR")\n'
                     'log.debug("for developers: not checked")\n')
    found = [(line, english_words(text)) for line, text in messages(tree)]
    assert [(line, words) for line, words in found if words] == [
        (1, ["entries", "could", "not", "be"]), (3, ["is"]), (4, ["the", "is", "missing"]),
        (5, ["the", "files", "to"])]


def test_every_message_a_person_reads_is_indonesian() -> None:
    found = []
    for rel, tree in _sources():
        for line, text in messages(tree):
            words = english_words(text)
            if words and (rel, text) not in ALLOWED:
                found.append(f"{rel}:{line}: {sorted(set(words))}: {text[:90]!r}")
    assert not found, "messages in English:\n" + "\n".join(found)


def test_no_message_shows_the_systems_english_reason() -> None:
    found = [f"{rel}:{node.lineno}" for rel, tree in _sources() for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and node.attr == "strerror"]
    assert not found, "say why a file operation failed with diagnostics.os_reason:\n" + "\n".join(found)
    assert os_reason(PermissionError(13, "Permission denied")) == "tidak ada izin"
    assert os_reason(OSError(28, "No space left on device")) == "ruang disk penuh"
    assert os_reason(OSError(54, "Exchange full")) == "galat sistem EXFULL"  # no words of its own: its code


def test_modules_functions_and_classes_have_english_names() -> None:
    allowed = _front_matter_keys() | NAME_EXCEPTIONS
    found = []
    for path in sorted(GENERATOR.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        for part in Path(rel).with_suffix("").parts[1:]:
            if part != "__init__" and set(part.split("_")) & INDONESIAN:
                found.append(f"{rel}: the module's name {part!r}")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                words = {w.lower() for w in re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", node.name)}
                if words & INDONESIAN - allowed:
                    found.append(f"{rel}:{node.lineno}: {node.name} ({', '.join(sorted(words & INDONESIAN))})")
    assert not found, "Indonesian names in the code (ARCHITECTURE.md, \"Names\"):\n" + "\n".join(found)


def test_the_sample_front_matter_keys_are_indonesian() -> None:
    """The other side of the rule: the keys staff write are Indonesian (no English key slipped
    into the model)."""
    keys = _front_matter_keys(with_models=False)
    assert {"judul", "ringkasan", "instansi", "wilayah", "hasil"} <= keys
    assert not keys & ENGLISH, sorted(keys & ENGLISH)


def test_the_plugins_options_are_english_and_every_earlier_name_leads_to_one() -> None:
    """mkdocs.yml's `plugins: - katalog:` options: English names (one prefix per family:
    `catalogue_*`, `pages_*`, …); an earlier name is kept as an alias of an option that exists."""
    from mkdocs.config import config_options as opt

    from generator.plugin import KatalogPlugin

    schema = dict(KatalogPlugin.config_class._schema)
    current = {name for name, option in schema.items() if not isinstance(option, opt.Deprecated)}
    assert not [name for name in current if set(name.split("_")) & INDONESIAN], sorted(current)
    aliases = {name: option.moved_to for name, option in schema.items() if isinstance(option, opt.Deprecated)}
    assert all(target in current for target in aliases.values()), aliases
    families = {name.split("_")[0] for name in current if "_" in name}
    assert families <= current | {"catalogue", "verification", "pages", "size", "cache"}, families


def test_no_file_cites_a_document_the_repository_does_not_have() -> None:
    """The design notes behind the project live outside it; a clone has only its own files, so no
    comment, docstring or page sends a reader to DESIGN.md or ../shared."""
    gone = ("DESIGN" + ".md", "../" + "shared", "DESIGN" + ":")
    found = []
    for path in [*GENERATOR.rglob("*"), *(ROOT / "tests").rglob("*.py"), *(ROOT / "bench").rglob("*.py"),
                 *ROOT.glob("*.md")]:
        if path.name in ("test_setup.py", "test_names.py"):  # the checks themselves
            continue
        if path.is_file() and path.suffix in (".py", ".md", ".html", ".js", ".css", ".yml", ".yaml"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(ROOT)}: {word}" for word in gone if word in text]
    assert not found, found
