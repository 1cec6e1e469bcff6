"""The generated pages' own HTML kept between builds, so that a warm build renders only the
pages whose content changed.

MkDocs still renders every generated page (Material's `main.html` around it, the nav, the
sitemap); what is kept is the part our templates write (`SitePage.build`). Each kept piece has a
key: a hash of what it is made from. Two kinds of pieces:

- **pages**: a page's key is its source path and its *inputs* (plain values, see
  `pages.site`): for a province's listing, the fingerprints of the entries it shows; for a
  province's quality report or queue, those of the province's entries; for a page of the whole
  catalogue (home, statistics, Jelajahi, the national reports), the catalogue's fingerprint.
- **facts**: a small fact of one entry that its own file decides (the quality report's flags,
  what the pages read of it: `shown`), by its load key, kept as long as an entry of the build has that key (`Kept.fact`).

An entry's fingerprint (`Prints`) is what these pages read of it (`shown`: its front matter as
the model holds it, its badges, its place in the lifecycle, whether it is a draft; not its story,
which only its own page shows), hashed once per load key (`Record.key`: its file's and record's
bytes, the build date, the code: equal keys, equal model, body, own badges and lifecycle) and
kept as a fact of that key. So an edit to an entry's story alone makes no generated page again.
An entry whose badges other entries amend (one that is replicated) has its load key and its
badges as amended (levels, completeness, score) instead. An entry without a load key has no
fingerprint, and no page that shows it is kept.

What every piece shares is the *context* (`context_digest`): the files below `katalog/` and
every other template on the search path (an adopter's `custom_dir` included, Material's too),
this package's code and tables, the versions of Jinja and MarkupSafe, and the build's settings
(URLs, edit link, site name, date, the link report, listing size, licence, the criteria
table's link). It is in the file's header: another context, no piece is used.

The file (`FILE` in the cache dir) is written whole (a temporary file, then `os.replace`) and
only when the build used something it did not hold or left something unused; it holds only the
pieces the latest build used. It is untrusted: a header that is not this code's, a body whose
hash is not the header's, or a body that is not a map of text to text, and none of it is used —
the build renders every page, as a cold build does. A hit gives back the same bytes a miss
renders (tests/test_kept_pages.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import orjson

from ..catalogue import Record
from ..load_cache import code_digest
from ..machinery import files_digest, hasher, write_whole
from .context import SiteContext
from .html import search_path

FILE = "halaman-situs.bin"
FORMAT = 1
_MAGIC = b"katalog-halaman-situs"
_FACT = "fakta "  # before a fact of one entry (`Kept.fact`): its name and the entry's load key


def shown(record: Record) -> str:
    """What the generated pages (listings, statistics, reports, queues, the home page) read of
    one entry, as a hash: its front matter as the model holds it, its badges, its place in the
    lifecycle and whether it is a draft; not its story, which only its own page shows. Made
    once per load key (`Kept.fact`) for an entry whose badges no other entry amends."""
    a = record.assessment
    badges = "-" if a is None else f"{''.join(str(b.level) for b in a.kriteria.values())} {int(a.lengkap)} {a.skor}"
    return hasher(record.entry.model_dump_json(), "\0", badges, "\0", repr(record.verifikasi), "\0",
                  str(record.draf)).hexdigest()


def context_digest(ctx: SiteContext, *settings: Any) -> str:
    """What every kept piece of one build shares (see the module's doc); `settings`: the
    build's other settings the pages read (plain values, as their `repr`)."""
    h = hasher(str(FORMAT), code_digest())
    for name in ("jinja2", "markupsafe"):
        try:
            h.update(f"{name}={version(name)};".encode())
        except PackageNotFoundError:
            h.update(f"{name}=-;".encode())
    dirs = search_path(ctx.templates)
    h.update(repr(dirs).encode())
    # Every file below `katalog/`, and every template elsewhere (a `katalog/` override of an
    # adopter may include a template of its own, or Material's).
    found: set[Path] = set()
    for d in map(Path, dirs):
        found.update(p for p in (d / "katalog").rglob("*") if p.is_file())
        found.update(p for p in d.rglob("*.html") if p.is_file())
    h.update(files_digest(found))
    h.update(repr((ctx.urls, ctx.edit_base, ctx.site_name, ctx.today, settings)).encode())
    h.update(ctx.links.to_json() if ctx.links is not None else b"-")
    return h.hexdigest()


class Prints:
    """The fingerprints of one build's entries (see the module's doc), each made once. With
    `kept`, an entry's fingerprint holds what the generated pages read of it (`shown`) instead of
    its load key: its story is on its own page only, so an edit to it leaves every listing,
    statistic and report as it was."""

    def __init__(self, ctx: SiteContext, kept: Kept | None = None) -> None:
        self.ctx = ctx
        self.kept = kept
        self._of: dict[str, str | None] = {}
        self._catalogue: str | None | bool = False

    def of(self, record: Record) -> str | None:
        """The entry's fingerprint; None when it has no load key."""
        found = self._of.get(record.id, False)
        if found is not False:
            return found  # type: ignore[return-value]
        a = record.assessment
        if not record.key:
            out = None
        elif self.kept is not None and not self.ctx.catalogue.replicas_of(record.id):
            # Its badges are its own (none of its replications amends them): the load key decides
            # them, and what the pages show of it is kept by that key.
            out = f"{record.id} {self.kept.fact('tampil', record, lambda: shown(record))}"
        elif a is None:
            out = f"{record.id} {record.key} -"
        else:
            levels = "".join(str(b.level) for b in a.kriteria.values())
            out = f"{record.id} {record.key} {levels} {int(a.lengkap)} {a.skor}"
        self._of[record.id] = out
        return out

    def all_of(self, records: Iterable[Record]) -> list[str] | None:
        """The fingerprints of `records` in order; None when one of them has none."""
        out = []
        for record in records:
            found = self.of(record)
            if found is None:
                return None
            out.append(found)
        return out

    def catalogue(self) -> str | None:
        """Of every entry of the catalogue, drafts too (a draft's replication claim counts in the
        quality report); None when one has no fingerprint."""
        if self._catalogue is False:
            found = self.all_of(self.ctx.catalogue.records.values())
            self._catalogue = None if found is None else hasher("\n".join(found)).hexdigest()
        return self._catalogue  # type: ignore[return-value]


class Kept:
    """The kept pieces of one build: read from `folder` (None: nothing kept, nothing saved) if
    its header says `context`, used by `piece`, saved by `save`."""

    def __init__(self, folder: str | None, context: str) -> None:
        self.folder = folder
        self.context = context
        self._old: dict[str, str] = read(folder, context) if folder else {}
        self._used: dict[str, str] = {}
        self.hits = 0
        self.misses = 0
        self.made: dict[str, int] = {}  # pieces made, by kind

    def piece(self, kind: str, inputs: Any, make: Callable[[], str]) -> str:
        """The piece of `kind` made from `inputs` (plain values: str, int, bool, None, lists,
        tuples, dicts with str keys): kept, or made by `make` and kept."""
        key = kind + " " + hasher(orjson.dumps(inputs)).hexdigest()
        found = self._used.get(key)
        if found is None:
            found = self._old.get(key)
            if found is None:
                self.misses += 1
                self.made[kind] = self.made.get(kind, 0) + 1
                found = make()
            else:
                self.hits += 1
            self._used[key] = found
        else:
            self.hits += 1
        return found

    def fact(self, name: str, record: Record, make: Callable[[], str]) -> str:
        """A small fact `name` of one entry that its own file decides (`make`), kept by its load
        key as long as an entry of a build has that key (see `keep_facts`); made when it has
        none."""
        if not record.key:
            return make()
        key = f"{_FACT}{name} {record.key}"
        found = self._used.get(key)
        if found is None:
            found = self._old.get(key)
            if found is None:
                found = make()
                self.made[_FACT + name] = self.made.get(_FACT + name, 0) + 1
            self._used[key] = found
        return found

    def keep_facts(self, keys: Iterable[str]) -> None:
        """The facts of the entries with these load keys stay in the file, used or not (a build
        whose pages were all kept reads none of them; the next one may)."""
        alive = set(keys)
        for key, value in self._old.items():
            if key.startswith(_FACT) and key.rsplit(" ", 1)[-1] in alive:
                self._used.setdefault(key, value)

    @property
    def changed(self) -> bool:
        return self.misses > 0 or self._used.keys() != self._old.keys()

    def save(self) -> None:
        """The pieces this build used, in place of the file's (only when they differ). A file
        that cannot be written is only a slower next build: never an error. Called once, as
        the build lets the pieces go (`release`): nothing reads them here afterwards, and each
        batch of them is let go as soon as it is written (see `write`)."""
        if self.folder is None or not self.changed:
            return
        used, self._old, self._used = self._used, {}, {}
        write(self.folder, self.context, used, let_go=True)

    def release(self) -> None:
        """Its pieces let go, once saved and no page is made any more (a piece asked for after
        this is made again): the build's later phases do not hold them (3 KB an entry)."""
        self._old, self._used = {}, {}


def read(folder: str, context: str) -> dict[str, str]:
    """The pieces kept in `folder` for `context`; empty when there are none, or the file is not
    whole, not this code's or of another context."""
    try:
        with open(os.path.join(folder, FILE), "rb") as f:
            header = f.readline(512)
            body = f.read()
    except OSError:
        return {}
    parts = header.rstrip(b"\n").split(b" ")
    if (len(parts) != 4 or not header.endswith(b"\n") or parts[0] != _MAGIC or parts[1] != str(FORMAT).encode()
            or parts[2] != context.encode() or parts[3] != hasher(body).hexdigest().encode()):
        return {}
    try:
        data = orjson.loads(body)
    except orjson.JSONDecodeError:
        return {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        return {}
    return data


_WRITE_AT_ONCE = 4096
_WRITE_CHARS = 1 << 20
"""At most so many pieces, and about so many characters, made into JSON at a time by `write`
(all of them as one JSON text, then joined to the header, was the build's highest memory at
100,000 entries: about 400 MB over the phase before; batches of a few thousand pieces were
still the whole file's page pieces, a listing page's piece being a hundred cards)."""


def write(folder: str, context: str, pieces: dict[str, str], *, let_go: bool = False) -> None:
    """`pieces` as one JSON object (the bytes `orjson.dumps(pieces)` makes) after a header that
    holds its digest, written a few thousand pieces (or a megabyte) at a time: the header goes first with a
    digest of the same length, and again once the body's digest is known.

    `let_go`: each batch is taken out of `pieces` as it is written (it ends empty). orjson
    leaves a UTF-8 copy inside every str it dumps that is not pure ASCII, kept as long as the
    str lives: dumping all the pieces and dropping them only afterwards doubled their memory at
    the 100,000-entry build's highest point (180 MiB over the 2 GiB budget)."""
    def header(digest: str) -> bytes:
        return b"%s %d %s %s\n" % (_MAGIC, FORMAT, context.encode(), digest.encode())

    def fill(f: Any) -> None:
        digest = hasher()
        f.write(header("0" * len(digest.hexdigest())))

        def put(data: bytes) -> None:
            digest.update(data)
            f.write(data)

        put(b"{")
        keys, comma, start = list(pieces), b"", 0
        while start < len(keys):
            # A batch ends at _WRITE_AT_ONCE pieces or _WRITE_CHARS characters: one listing page's
            # piece holds a hundred cards, and a few thousand of those were the whole file.
            end, size = start, 0
            while end < len(keys) and end - start < _WRITE_AT_ONCE and size < _WRITE_CHARS:
                size += len(pieces[keys[end]])
                end += 1
            data = orjson.dumps({key: pieces.pop(key) for key in keys[start:end]} if let_go else
                                {key: pieces[key] for key in keys[start:end]})
            put(comma)
            put(memoryview(data)[1:-1])
            comma, start = b",", end
        put(b"}")
        f.seek(0)
        f.write(header(digest.hexdigest()))

    write_whole(os.path.join(folder, FILE), fill)
