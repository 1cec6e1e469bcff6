"""What loading gave each entry file, kept for the next load: a warm build reads an unchanged
file's model from JSON (pydantic's own parser) and its own badges instead of parsing YAML,
validating and assessing it again — about a tenth of the work.

A file's key is a content hash (blake2b) of everything its result depends on: the file's bytes,
its verification record's bytes (or that it has none), the build date, the kind of load, and
the code and tables that load it (`code_digest`). Nothing here trusts a file's name, size or
time.

The cache is a folder (`muatan/`) of `SHARDS` gzip-compressed shards, a line of JSON per entry
file, each file's line in the shard its path names (`shard`). A load reads every shard's keys first
(`load`: the workers decide hit or miss by them), then one shard's lines at a time, as it
reaches that shard's files (`lines_of`): it never holds every line at once. It writes again only
a shard whose lines change, whole, as soon as that shard's files are done (`save_shard`; a build
reading it meanwhile reads the old one or the new one): an edit rewrites one 64th of the cache. A shard that cannot be read whole,
or not as this code writes it (damaged, cut short, another shard's, a link), is no cache for its
files, which are read again as in a cold build; the other shards still count. The cache keeps
only the files of the latest load, so it does not grow with files removed since.

Beside it, `salinan.json`: the copied-text rule's findings by pair of keys (a replication's and
its origin's; `load_copied`), so that a warm load compares only the pairs in which an entry
changed, and reads no unchanged origin's words again.

What a hit gives back is held to what a fresh read gives by a test (tests/test_load_cache.py):
the same records, diagnostics and badges.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import zlib
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import orjson

from .machinery import write_whole

FILE = "muatan"
"""The folder of the cache's shards (`SHARDS` gzip files, `<shard>.gz`) in the cache dir."""
OLD_FILE = "muatan.gz"
"""The whole-file cache of earlier versions: removed when the shards are first written."""
FORMAT = 6
SHARDS = 64
"""A file's line is in the shard its path names (`shard`): an edit rewrites one shard, about a
64th of the cache, instead of all of it (measured at 32,000 entries: 2.2 s for the whole file)."""


@cache
def code_digest() -> bytes:
    """Of the package's code and tables (every .py and .yaml file of `generator/` but the theme
    and the starter files), of the criteria table in use when `KATALOG_CRITERIA_TABLE` names one
    outside the package (as `criteria/table.py` reads it: badges and lifecycle follow it) and of
    the libraries that read entries: a change to any of them makes every key new."""
    digest = hashlib.blake2b(str(FORMAT).encode(), digest_size=16)
    for name in ("pydantic", "pydantic-core", "PyYAML", "markdown-it-py", "nh3"):
        try:
            digest.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-;".encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).parts
        if relative[0] in ("theme", "starter", "__pycache__") or path.suffix not in (".py", ".yaml", ".yml"):
            continue
        digest.update("/".join(relative).encode() + b"\0")
        digest.update(path.read_bytes())
    table = os.environ.get("KATALOG_CRITERIA_TABLE")
    if table:
        digest.update(b"\0KATALOG_CRITERIA_TABLE\0")
        try:
            digest.update(Path(table).read_bytes())
        except OSError:
            digest.update(b"\1")  # the criteria module says what is wrong with it
    return digest.digest()


def key(raw: bytes, record: bytes | None, context: str) -> str:
    """A file's key: its bytes, its record's bytes (None: it has none), and `context` (the build
    date and the kind of load)."""
    digest = hashlib.blake2b(code_digest(), digest_size=20)
    digest.update(context.encode() + b"\0")
    digest.update(len(raw).to_bytes(8, "little") + raw)
    if record is not None:
        digest.update(b"\1" + record)
    return digest.hexdigest()


def shard(path: str) -> str:
    """The shard that keeps the line of the file at `path` ("00" to "3f"): by its path, not its
    key, so that an edited file's new line replaces its old one in the same shard."""
    return f"{zlib.crc32(path.encode('utf-8', 'surrogatepass')) % SHARDS:02x}"


_HEADER = b"katalog-muatan %d %s\n"


class Kept(set[str]):
    """The keys the cache holds (the lines themselves stay in their shards until the load
    reaches them: `lines_of`), and how many lines each shard had (`lines`): a shard is written
    again only when what it is to hold differs."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: dict[str, int] = {}


def load(folder: str | None) -> Kept:
    """The keys of every line the cache holds; empty when there are none. A shard that cannot be
    read whole, or not as this code writes it, is no cache for its files (they are read again,
    as in a cold build). Only the keys are kept: a load reads a shard's lines when it reaches
    that shard's files (`lines_of`), so that it holds one shard's lines at a time, not all."""
    out = Kept()
    if not folder:
        return out
    # Two threads: decompressing, zlib lets go of the interpreter (measured: about half the time).
    with ThreadPoolExecutor(2) as pool:
        for name, keys in pool.map(lambda name: (name, _shard_keys(folder, name)), _shard_names()):
            if keys is None:
                continue
            out.lines[name] = len(keys)
            out.update(keys)
    return out


def _shard_keys(folder: str, name: str) -> list[str] | None:
    lines = _shard_lines(folder, name)
    return None if lines is None else [line[:40].decode("ascii") for line in lines]


def lines_of(folder: str | None, name: str) -> dict[str, bytes]:
    """The lines of shard `name` by key, each as its JSON text (parsed by the process that uses
    it, so that a shard is never held as Python objects); empty when it has none or cannot be
    read as this code writes it (another build replaced it meanwhile: its files are read again)."""
    lines = _shard_lines(folder, name) if folder else None
    return {line[:40].decode("ascii"): line[41:] for line in lines or ()}


def _shard_names() -> list[str]:
    return [f"{n:02x}" for n in range(SHARDS)]


def _shard_path(folder: str, name: str) -> str:
    return os.path.join(folder, FILE, name + ".gz")


_MAX_SHARD = 1 << 28
"""Bytes a shard may decompress to (a gzip bomb is no cache, not a full memory): at 100,000 entries
a shard holds about 10 MB."""


def _shard_lines(folder: str, name: str) -> list[bytes] | None:
    """The lines of shard `name` in `folder` (each "<key> <json>", without its newline), as this
    code writes them; None when it has none, or when it cannot be read whole or not as this code
    writes it (another code's, damaged, cut short)."""
    try:
        with open(_shard_path(folder, name), "rb", opener=no_follow) as f:
            packed = f.read()
        unpacker = zlib.decompressobj(wbits=31)
        text = unpacker.decompress(packed, _MAX_SHARD)
        if unpacker.unconsumed_tail or not unpacker.eof or unpacker.unused_data:
            return None
    except (OSError, zlib.error, ValueError):
        return None
    head, _, rest = text.partition(b"\n")
    if head + b"\n" != _HEADER % (FORMAT, name.encode("ascii")) or (rest and not rest.endswith(b"\n")):
        return None
    lines = rest.split(b"\n")[:-1] if rest else []
    for line in lines:
        if len(line) < 42 or line[40:41] != b" " or not _KEY.fullmatch(line[:40]):
            return None
    return lines


_KEY = re.compile(rb"[0-9a-f]{40}")


def no_follow(path: str, flags: int) -> int:
    """An `opener` for `open` that refuses a symbolic link (the load's entry files, records and
    shards: a link planted in their place is not followed out of the repository)."""
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


HELD = b""
"""In what `save_shard` is given: the line the cache in the folder has for that key (a load
takes each line it uses out of memory; the lines it keeps unchanged are copied from the shard
itself)."""


def save_shard(folder: str, name: str, lines: dict[str, bytes], kept: Kept) -> None:
    """Keep `lines` (key → the JSON text of what `catalogue` made of the file, or `HELD`) as
    shard `name` in `folder`. Only a shard whose lines change is written, whole and at once (a
    build reading it meanwhile reads the old one or the new one); `kept` says how many lines
    each had. A held line the shard no longer has (another build replaced it meanwhile) is left
    out: that file is only read again next time. A shard no file needs any more is removed. A
    cache that cannot be written is only a slower next build: never an error."""
    held = {key.encode("ascii") for key, value in lines.items() if value is HELD}
    if len(held) == len(lines) == kept.lines.get(name, 0):
        return  # the same lines: left as it is
    if not lines:
        with contextlib.suppress(OSError):
            os.unlink(_shard_path(folder, name))
        return
    old = _shard_lines(folder, name) if held else None
    text = [_HEADER % (FORMAT, name.encode("ascii"))]
    for line in old or ():
        if line[:40] in held:
            held.discard(line[:40])  # once, should a shard hold it twice
            text.append(line + b"\n")
    text.extend(key.encode("ascii") + b" " + value.rstrip(b"\n") + b"\n"
                for key, value in lines.items() if value is not HELD)
    write_whole(_shard_path(folder, name), lambda f: f.writelines(text), compress=True)


def done(folder: str) -> None:
    """After every shard is saved: the whole-file cache of earlier versions removed."""
    with contextlib.suppress(OSError):
        os.unlink(os.path.join(folder, OLD_FILE))


COPIED = "salinan.json"
"""The copied-text rule's findings by pair of keys (`catalogue.Copied`), beside the cache."""


def load_copied(folder: str | None) -> dict[str, list[Any]]:
    """The copied-text rule's findings an earlier load kept in `folder`: "<key> <key>" → the
    places (a body line, or a key path as a tuple) where the first entry's texts are the
    second's. Empty when there are none, or when the file is not whole and of this shape."""
    if not folder:
        return {}
    try:
        with open(os.path.join(folder, COPIED), "rb") as f:
            kept = orjson.loads(f.read(_MAX_COPIED + 1))
        if not isinstance(kept, dict) or kept.get("format") != FORMAT or not isinstance(kept.get("pairs"), dict):
            return {}
        out: dict[str, list[Any]] = {}
        for pair, places in kept["pairs"].items():
            if not _PAIR.fullmatch(pair) or not isinstance(places, list):
                return {}
            out[pair] = [place if type(place) is int else _loc(place) for place in places]
        return out
    except (OSError, ValueError, TypeError):
        return {}


_PAIR = re.compile(r"[0-9a-f]{40} [0-9a-f]{40}")
_MAX_COPIED = 256 * 1024 * 1024


def _loc(place: Any) -> tuple[str | int, ...]:
    if not isinstance(place, list) or not place or not all(type(part) in (str, int) for part in place):
        raise ValueError("not a key path")
    return tuple(place)


def save_copied(folder: str, findings: dict[str, list[Any]]) -> None:
    """Keep the copied-text rule's findings (`load_copied`) in `folder`, replacing the file whole."""
    text = orjson.dumps({"format": FORMAT, "pairs": findings})
    write_whole(os.path.join(folder, COPIED), lambda f: f.write(text))


def committed(folder: str | os.PathLike[str]) -> list[str]:
    """The files below `folder` that git tracks, when `folder` lies in a git work tree: a cache
    folder holding any was committed to the repository (a pull request can add one), and is not
    the build's own. Empty when git is not installed or the folder is in no repository."""
    import subprocess

    if not os.path.isdir(folder):
        return []
    try:
        done = subprocess.run(["git", "-C", os.fspath(folder), "ls-files", "-z", "--", "."], capture_output=True,
                              timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    return [name for name in done.stdout.decode("utf-8", "replace").split("\0") if name]
