"""Fingerprints: content hashes (blake2b, 16 bytes) of what an output is made from, for a warm
build to compare with the previous build's. Never Python's `hash()`, which differs from one
process to the next."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

SIZE = 16


def digest(*parts: bytes | str) -> str:
    """The fingerprint of `parts` in order (text as UTF-8): hex."""
    return hasher(*parts).hexdigest()


def hasher(*parts: bytes | str) -> hashlib.blake2b:
    """An incremental fingerprint (`update`, `digest`, `hexdigest`), started with `parts`."""
    h = hashlib.blake2b(digest_size=SIZE)
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
    return h


def files_digest(paths: Iterable[Path]) -> bytes:
    """Of the files `paths` (sorted): each one's path and bytes; a file that cannot be read
    counts as such."""
    h = hashlib.blake2b(digest_size=SIZE)
    for path in sorted(paths):
        try:
            h.update(str(path).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            h.update(str(path).encode() + b"\0?\0")
    return h.digest()
