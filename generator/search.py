"""Search records: what Pagefind indexes of each published entry, and the index build.

Pagefind indexes HTML pages. Indexing the entry pages themselves would parse tens of thousands of
full pages (DESIGN: 51 s and 5.8 GB for 20,000); instead each entry becomes one small stub page
holding only what search needs — the text worth matching, the facets (`data-pagefind-filter`),
the sort keys and the few fields a result shows (`data-pagefind-meta`, among them the entry
page's URL). The stubs live in a temporary folder; only Pagefind's bundle reaches the site.

Core (no MkDocs): the plugin starts `start_index` as soon as the catalogue is known and waits for
it at the end of the build (`build_index` does both at once); the facets' names and labels are here too,
so the Jelajahi page's script shows what the index holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from html import escape
from typing import Any

from . import publishing
from . import vocabulary as v
from .catalogue import Record
from .criteria import KEYS, LABELS, RULES, Assessment

BUNDLE = "pagefind"  # the folder of the search bundle in the site
LANGUAGE = "id"
YES, NO = "ya", "tidak"
INFO = "info"  # the meta field of what a result shows besides its title: JSON [instansi, wilayah, skor, lengkap]


@dataclass(frozen=True)
class Facet:
    key: str
    label: str
    labels: dict[str, str] = field(default_factory=dict)  # value → label shown (none: the value)


def facets() -> list[Facet]:
    """The filters of the Jelajahi page, in the order shown (DESIGN: "Jelajahi")."""
    levels = {str(n): f"Level {n}" for n in RULES.levels}
    return [
        Facet("provinsi", "Provinsi", dict(v.PROVINSI)),
        Facet("jenis_instansi", "Jenis instansi", dict(v.JENIS_INSTANSI)),
        Facet("urusan", "Urusan", dict(v.URUSAN)),
        Facet("tahapan", "Tahapan", dict(v.TAHAPAN)),
        Facet("status", "Status", dict(v.STATUS)),
        Facet("jenis", "Jenis", dict(v.JENIS)),
        *(Facet(key, f"Lencana {LABELS[key].lower()}", levels) for key in KEYS),
        Facet("lengkap", "Lima kriteria lengkap", {YES: "Ya", NO: "Belum"}),
        Facet("tahun", "Tahun mulai"),
        Facet("penghargaan", "Penghargaan", {YES: "Pernah meraih penghargaan", NO: "Belum"}),
    ]


# Each sort puts one number per entry in the index file every search loads first (73 KB at 32,000
# entries): the sorts a search needs, no more. Titles A–Z are the province listings' order.
SORTS = {"mulai": "Terbaru", "skor": "Skor tertinggi"}


def filters_of(record: Record, assessment: Assessment) -> dict[str, list[str]]:
    e = record.entry
    out = {
        "provinsi": [e.wilayah.provinsi],
        "jenis_instansi": [e.instansi.jenis],
        "urusan": list(dict.fromkeys(e.urusan)),
        "tahapan": [e.tahapan],
        "status": [e.status],
        "jenis": [e.jenis],
    }
    for key in KEYS:
        out[key] = [str(assessment.kriteria[key].level)]
    out["lengkap"] = [YES if assessment.lengkap else NO]
    out["tahun"] = [str(e.tanggal.mulai.year)]
    out["penghargaan"] = [YES if e.penghargaan else NO]
    return out


@cache
def _synonym_pattern() -> tuple[re.Pattern[str], dict[str, int]]:
    """One pattern for every term of `vocabulary.SINONIM` (whole words or phrases, any case, any
    spacing), longest first; and each term (folded) → its group."""
    group_of: dict[str, int] = {}
    for index, group in enumerate(v.SINONIM):
        for term in group:
            group_of.setdefault(term.casefold(), index)
    terms = sorted(group_of, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in term.split()) for term in terms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), group_of


def synonyms_of(text: str) -> list[str]:
    """The terms a search should also find `text` by: for every synonym group (vocab/sinonim.yaml)
    that `text` uses, the group's other terms, in the group's order ("adminduk" → "administrasi
    kependudukan", and back)."""
    pattern, group_of = _synonym_pattern()
    used: dict[int, set[str]] = {}
    for match in pattern.finditer(text):
        term = " ".join(match.group().split()).casefold()
        used.setdefault(group_of[term], set()).add(term)
    out: list[str] = []
    for index in sorted(used):
        out += [t for t in v.SINONIM[index] if t.casefold() not in used[index]]
    return out


def search_text(record: Record) -> str:
    """The text of an entry that synonyms are looked up in: what the stub shows, and the labels
    of its urusan (an entry under "Administrasi Kependudukan ..." is found by "dukcapil")."""
    e = record.entry
    return " \n".join([e.judul, e.ringkasan, e.instansi.nama, *e.kata_kunci,
                       *(v.label("urusan", u) for u in e.urusan)])


def stub_page(record: Record) -> str:
    """The page Pagefind indexes for one entry (written as `<id>.html`: a result's address gives
    the entry's id, and Jelajahi links the entry's page from it): every value escaped, nothing
    else on it. The ringkasan comes first, so that Pagefind's excerpt of a result starts with it."""
    e = record.entry
    a = record.assessment
    assert a is not None
    place = e.wilayah.kabupaten_kota or v.label("provinsi", e.wilayah.provinsi)
    words = " ".join([place, *e.kata_kunci])
    tags = [f'<span data-pagefind-filter="{k}">{escape(value)}</span>'
            for k, values in filters_of(record, a).items() for value in values]
    # What a result shows besides its title and excerpt, in one short meta field: Pagefind keeps
    # every page's meta in memory while indexing, and at 32,000 entries its memory followed
    # their length (five fields with the summary: 2,166 MiB; one JSON object with it: 2,580; this
    # list: 1,788, the largest process of the build).
    info = [e.instansi.nama, place, a.skor, a.lengkap]
    meta = {"title": e.judul, INFO: json.dumps(info, ensure_ascii=False, separators=(",", ":"))}
    tags += [f'<span data-pagefind-meta="{k}">{escape(value)}</span>' for k, value in meta.items()]
    sort = {"mulai": e.tanggal.mulai.isoformat(), "skor": f"{a.skor:02d}"}
    assert sort.keys() == SORTS.keys()
    tags += [f'<span data-pagefind-sort="{k}">{escape(value)}</span>' for k, value in sort.items()]
    return (f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"><title>{escape(e.judul)}</title>'
            f'</head><body><main data-pagefind-body><p>{escape(e.ringkasan)}</p><h1>{escape(e.judul)}</h1>'
            f'<p>{escape(e.instansi.nama)}</p><p>{escape(words)}</p>'
            f'<p data-pagefind-weight="0.5">{escape(" ".join(synonyms_of(search_text(record))))}</p>'
            # Filters, meta and sort keys outside the indexed body: Pagefind reads them anywhere
            # on the page, and inside it their text was searchable words and excerpt text.
            f'</main><div hidden>{"".join(tags)}</div></body></html>')


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message says how."""


def write_stubs(records: Iterable[Record], folder: str, digest: Any = None) -> int:
    """One stub page per record in `folder`; returns how many. `digest` (a hashlib object), when
    given, is fed every stub's name and bytes: what the index will be made of."""
    count = 0
    for record in records:
        # Flat files (no folder per entry): creating 32,000 folders costs seconds.
        page = stub_page(record).encode("utf-8")
        if digest is not None:
            digest.update(record.id.encode() + b"\0" + page + b"\0")
        with open(os.path.join(folder, f"{record.id}.html"), "wb") as f:
            f.write(page)
        count += 1
    return count


def _pagefind_command(exe: str, stubs: str, site_dir: str) -> list[str]:
    out = os.path.join(site_dir, BUNDLE)
    shutil.rmtree(out, ignore_errors=True)
    return [exe, "--site", stubs, "--output-path", out, "--force-language", LANGUAGE, "--quiet"]


def _failed(code: int, output: str) -> SearchIndexError:
    tail = "\n".join(output.strip().splitlines()[-10:])
    return SearchIndexError(f"Pagefind gagal (kode {code}):\n{tail}")


@dataclass(frozen=True)
class IndexResult:
    count: int  # records indexed
    fingerprint: str  # of the stubs and the indexer: equal fingerprints, equal bundles
    kept: bool = False  # the previous build's bundle, linked (Pagefind did not run)


class IndexJob:
    """Pagefind indexing in the background while the build goes on (`start_index`); `wait`
    for the bundle, `abort` when the build fails. The stubs' folder lives until then."""

    def __init__(self, result: IndexResult, stubs: tempfile.TemporaryDirectory | None = None,
                 process: subprocess.Popen | None = None) -> None:
        self.result, self._stubs, self._process = result, stubs, process

    def wait(self) -> IndexResult:
        try:
            if self._process is not None:
                out, _ = self._process.communicate()
                if self._process.returncode != 0:
                    raise _failed(self._process.returncode, out or "")
        finally:
            self._cleanup()
        return self.result

    def abort(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
        self._cleanup()

    def _cleanup(self) -> None:
        self._process = None
        if self._stubs is not None:
            self._stubs.cleanup()
            self._stubs = None


def start_index(records: Iterable[Record], site_dir: str, *, executable: str | None = None, previous: tuple[str, str] | None = None) -> IndexJob:
    """Write the stub pages to a temporary folder and start Pagefind over them, in the
    background: on two cores it uses the one the build's single-threaded steps leave idle.

    `previous` is (the previous site folder, its bundle's fingerprint): when the stubs and the
    indexer are the same as then, that bundle is linked into this site instead of indexing
    again (Pagefind cannot add to an index: one changed entry means a whole new one)."""
    exe = executable or _executable()
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_indexer_version(exe)}\0{LANGUAGE}\0".encode())
    stubs = tempfile.TemporaryDirectory(prefix="katalog-cari-", dir=_memory_dir())
    try:
        count = write_stubs(records, stubs.name, digest)
        result = IndexResult(count, digest.hexdigest())
        if previous and previous[1] == result.fingerprint:
            old, new = os.path.join(previous[0], BUNDLE), os.path.join(site_dir, BUNDLE)
            # Built in place (--dirty), the bundle is there already; else it is linked in.
            if os.path.isfile(os.path.join(old, "pagefind.js")) and (
                    os.path.samefile(previous[0], site_dir)
                    or (not os.path.exists(new) and publishing.link_tree(old, new))):
                stubs.cleanup()
                return IndexJob(replace(result, kept=True))
        try:
            process = subprocess.Popen(_pagefind_command(exe, stubs.name, site_dir), stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT, text=True)
        except OSError as error:
            raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {error}") from None
    except BaseException:
        stubs.cleanup()
        raise
    return IndexJob(result, stubs, process)


def build_index(records: Iterable[Record], site_dir: str, *, executable: str | None = None,
                previous: tuple[str, str] | None = None) -> IndexResult:
    """`start_index`, then wait for it."""
    return start_index(records, site_dir, executable=executable, previous=previous).wait()


def _indexer_version(exe: str) -> str:
    """Which Pagefind indexes: its package's version and the binary's size and mtime."""
    try:
        from importlib.metadata import version

        package = version("pagefind")
    except Exception:  # noqa: BLE001 - not installed as a package: the binary alone says
        package = "?"
    try:
        st = os.stat(exe)
        return f"{package}:{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        return package


def _memory_dir() -> str | None:
    """/dev/shm when it is there: the stubs are written once and read once, and on a slow disk
    creating 32,000 small files costs more than indexing them (None: the system's temp dir)."""
    shm = "/dev/shm"
    return shm if os.path.isdir(shm) and os.access(shm, os.W_OK | os.X_OK) else None


def _executable() -> str:
    """The Pagefind binary of the `pagefind[bin]` wheel (nothing is downloaded at run time)."""
    try:
        from pagefind.service import _must_get_executable
    except ImportError as error:  # pragma: no cover - pagefind is a declared dependency
        raise SearchIndexError(f"paket pagefind tidak terpasang: {error}") from None
    try:
        return str(_must_get_executable())
    except Exception as error:  # noqa: BLE001 - its own error types vary between versions
        raise SearchIndexError(f"biner Pagefind tidak ditemukan: {error}") from None
