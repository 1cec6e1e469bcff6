"""What loading gave each entry file, kept for the next load: a warm build reads an unchanged
file's model from JSON (pydantic's own parser) instead of parsing YAML, validating and assessing
it again — about a tenth of the work.

A file's key is a content hash (blake2b) of everything its result depends on: the file's bytes,
its verification record's bytes (or that it has none), the build date, the kind of load, and
the code and tables that load it (`code_digest`). Nothing here trusts a file's name, size or
time. The cache is one gzip-compressed JSON file in the cache dir, written whole (a build reading it meanwhile
reads the old one or the new one); one that cannot be read whole, or not as this code writes it,
is no cache at all: the load then reads every file, as a cold build does. It keeps only the
files of the latest load, so it does not grow with files removed since.

What a hit gives back is held to what a fresh read gives by a test (tests/test_load_cache.py):
the same records, diagnostics and badges.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
import zlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import orjson

FILE = "muatan.json.gz"
FORMAT = 2


@cache
def code_digest() -> bytes:
    """Of the package's code and tables (every .py and .yaml file of `generator/` but the theme
    and the starter files) and of the libraries that read entries: a change to any of them makes
    every key new."""
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


def load(folder: str | None) -> dict[str, Any]:
    """The kept results by key; empty when there are none or they cannot be read whole."""
    if not folder:
        return {}
    try:
        with open(os.path.join(folder, FILE), "rb") as f:
            data = orjson.loads(gzip.decompress(f.read()))
    except (OSError, EOFError, zlib.error, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("hasil"), dict):
        return {}
    return data["hasil"]


def save(folder: str, results: dict[str, Any]) -> None:
    """Keep `results` (key → what `catalogue` made of the file) in `folder`, replacing the whole
    file at once. A cache that cannot be written is only a slower next build: never an error."""
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".muatan-", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(gzip.compress(orjson.dumps({"format": FORMAT, "hasil": results}), compresslevel=1, mtime=0))
        os.replace(tmp, os.path.join(folder, FILE))
    except OSError:
        pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


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
