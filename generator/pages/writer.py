"""Writing every entry page from one rendered page shell.

Rendering 32,000 pages through MkDocs (Python-Markdown, then the theme's Jinja templates) is
where a plain MkDocs build spends its time. Entry pages all share one layout at the same URL
depth, so the theme renders it once — a *shell* page whose title, description, head extras,
content, edit link and id are unique placeholders — and each entry page is the shell with the
placeholders replaced by that entry's escaped values: a string join per page.

Each page's article and head come from the templates `katalog/entri/*.html` (see `entry`); they
are compiled once, before the workers fork (`prepare_templates`).

The pages are built and written by worker processes, in batches of `EntryJob`s (the entry and
the few catalogue facts its page shows), which reach them pickled; only counts and fingerprints
come back. The build (`build.Build`) starts them when it writes the entry pages (
`machinery.start_pool` after `prepare_templates`, so each inherits the templates compiled). Bodies come from the disk
cache, or are rendered by the worker that needs them and added to it.

A warm build keeps the pages whose inputs did not change. Each page has a fingerprint: a hash
of everything it is made of (the entry, its badges, its body's cache key, the entries it names,
and for all pages together the shell, the entry context, the templates and this package's
code). The fingerprints of the pages a build wrote are kept in its cache dir with the identity
of the site folder they went to (`machinery.SiteRecord`); the next build hard-links each page
whose fingerprint is unchanged from that folder into its own, instead of building it again.
"""

from __future__ import annotations

import multiprocessing.pool
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from ..machinery import digest, files_digest, hasher, keep
from ..render import BodyCache, render_markdown
from .entry import ARTICLE, HEAD, EntryContext, EntryJob, EntryPage, build_entry_page
from .html import fold_breaks, search_path, templates

SHELL_ID = "_katalog_shell_"
"""The shell's stand-in id (entry ids cannot hold `_`), replaced in every URL of the shell."""

TOKENS = {
    "title": "KATALOG0TITLE0",
    "description": "KATALOG0DESCRIPTION0",
    "head": "KATALOG0HEAD0",
    "content": "KATALOG0CONTENT0",
    "edit_url": "KATALOG0EDIT0",
    "id": SHELL_ID,
}
BATCH = 64


_BLANK_LINES = re.compile(r"[ \t]*\n\s*")


def _squeeze(html: str) -> str:
    """The theme's indentation and blank lines, folded, and the line breaks beside a block's
    tags dropped (`html.fold_breaks`): a tenth of every page, times 32,000."""
    if "<pre" in html or "<textarea" in html:
        return html
    return fold_breaks(_BLANK_LINES.sub("\n", html))


class ShellError(ValueError):
    """The rendered shell lost a placeholder: the theme override is not in use."""


_PLACES = {"title": "judul", "description": "deskripsi", "head": "kepala", "content": "isi", "edit_url": "tautan sunting",
           "id": "id"}
"""The placeholders as a message names them."""


class Shell:
    """The rendered entry layout, split at its placeholders."""

    def __init__(self, html: str, *, required: Iterable[str] = ("title", "content")) -> None:
        # The shell's own id appears only where the page names its absolute URL (the canonical
        # link, with a site_url): a site without site_url has no such place, and needs none.
        by_token = {token: name for name, token in TOKENS.items()}
        pattern = re.compile("|".join(re.escape(t) for t in TOKENS.values()))
        self.parts: list[str] = []
        self.names: list[str] = []
        last = 0
        for match in pattern.finditer(html):
            self.parts.append(_squeeze(html[last: match.start()]))
            self.names.append(by_token[match.group()])
            last = match.end()
        self.tail = _squeeze(html[last:])
        missing = [name for name in required if name not in self.names]
        if missing:
            raise ShellError(f"kerangka halaman entri tidak memuat tempat untuk {', '.join(_PLACES[m] for m in missing)}")

    def fill(self, entry_id: str, page: EntryPage) -> str:
        values = {"title": page.title, "description": page.description, "head": page.head,
                  "content": page.content, "edit_url": page.edit_url, "id": entry_id}
        out = []
        for literal, name in zip(self.parts, self.names, strict=True):
            out.append(literal)
            out.append(values[name])
        out.append(self.tail)
        return "".join(out)


@dataclass
class WriteStats:
    pages: int = 0
    rendered: int = 0  # bodies rendered in this build (cache misses)
    kept: int = 0  # pages unchanged since the previous build, linked from its site folder
    fingerprints: dict[str, str] = field(default_factory=dict)  # entry id → its page's fingerprint

    @property
    def cached(self) -> int:
        return self.pages - self.rendered


# --- what a page is made of -----------------------------------------------------------------------

_CODE = Path(__file__).resolve().parent.parent  # the generator package


def context_fingerprint(shell: Shell, ctx: EntryContext, dest: str) -> bytes:
    """What every entry page of a build shares: the shell (the theme's layout and the site's
    settings), the entry context, the page path pattern, every template below `katalog/` on the
    search path (an adopter's too) and the generator's own code. Any change: every page anew."""
    h = hasher()
    h.update(repr((shell.parts, shell.names, shell.tail, ctx, dest)).encode())
    templates_dirs = [Path(d) / "katalog" for d in search_path(ctx.templates)]
    h.update(files_digest(p for d in templates_dirs if d.is_dir() for p in d.rglob("*") if p.is_file()))
    h.update(files_digest(_CODE.rglob("*.py")))
    h.update(files_digest(_CODE.rglob("*.yaml")))
    return h.digest()


def page_fingerprint(context: bytes, job: EntryJob) -> str:
    """One entry page's inputs, hashed: the shared context and the job (its body by cache key).
    Plain `repr`s: the job holds dataclasses, tuples, lists and the model, whose reprs are
    deterministic (no sets, no object addresses)."""
    return digest(context, repr((job.id, job.source, job.key, job.entry, job.assessment, job.origins, job.replicas,
                                 job.verifikasi, job.tautan_mati)))


ENTRY_TEMPLATES = (ARTICLE, HEAD, "katalog/makro.html", "katalog/entri/data.html", "katalog/entri/lencana.html",
                   "katalog/entri/hasil.html", "katalog/entri/replikasi.html")


def prepare_templates(dirs: tuple[str, ...] | None) -> None:
    """Compile the entry templates in this process, before `start_pool` forks it: the workers
    inherit them compiled (`html.templates` keeps one environment per search path). A template
    an adopter's own template includes is compiled once per worker, on its first page."""
    env = templates(dirs)
    for name in ENTRY_TEMPLATES:
        try:
            env.get_template(name)
        except jinja2.TemplateNotFound:
            if name in (ARTICLE, HEAD):
                raise
            # an adopter's article may no longer include it


@dataclass(frozen=True)
class _Target:
    shell: Shell
    ctx: EntryContext
    site_dir: str
    cache_path: str | None
    dest: str  # e.g. "inovasi/{id}/index.html"
    context: bytes = b""  # `context_fingerprint`
    previous_dir: str | None = None  # the previous build's site folder, whose pages may be kept
    in_place: bool = False  # the previous site folder is this build's (serve, --dirty)


_CACHES: dict[str | None, BodyCache] = {}


def write_batch(task: tuple[_Target, list[tuple[EntryJob, str | None]]]) -> tuple[int, int, int, list[tuple[str, str]]]:
    """Build and write the pages of one batch (each job with its page's previous fingerprint);
    returns (pages, bodies rendered, pages kept, the fingerprints)."""
    target, items = task
    fingerprints: list[tuple[str, str]] = []
    todo: list[EntryJob] = []
    kept = 0
    for job, before in items:
        fingerprint = page_fingerprint(target.context, job)
        fingerprints.append((job.id, fingerprint))
        relative = target.dest.format(id=job.id)
        path = os.path.join(target.site_dir, relative)
        _mkdir(os.path.dirname(path))
        if before == fingerprint and target.previous_dir and keep(
                os.path.join(target.previous_dir, relative), path, in_place=target.in_place):
            kept += 1
        else:
            todo.append(job)
    if not todo:
        return len(items), 0, kept, fingerprints
    cache = _CACHES.get(target.cache_path)
    if cache is None:
        cache = _CACHES[target.cache_path] = BodyCache(target.cache_path)
    found = cache.get_many(list(dict.fromkeys(job.key for job in todo)))
    new: list[tuple[str, str]] = []
    for job in todo:
        body_html = found.get(job.key)
        if body_html is None:
            body_html = found[job.key] = render_markdown(job.body, posixpath.dirname(job.source))
            new.append((job.key, body_html))
        page = build_entry_page(job, target.ctx, body_html)
        path = os.path.join(target.site_dir, target.dest.format(id=job.id))
        with open(path, "wb") as f:
            f.write(target.shell.fill(job.id, page).encode("utf-8", "xmlcharrefreplace"))
    cache.put_many(new)
    return len(items), len(new), kept, fingerprints


def _mkdir(folder: str) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass


def write_entry_pages(
    jobs: Iterable[EntryJob],
    ctx: EntryContext,
    shell: Shell,
    site_dir: str,
    *,
    cache_path: str | None,
    dest: str = "inovasi/{id}/index.html",
    pool: multiprocessing.pool.Pool | None = None,
    prune: bool = True,
    previous_dir: str | None = None,
    previous: dict[str, str] | None = None,
) -> WriteStats:
    """Write one page per job below `site_dir`; `dest` is the file path pattern below it.

    `previous` holds the fingerprints of the pages in `previous_dir` (`PageManifest.previous`):
    a page whose fingerprint is unchanged is linked from there instead of built."""
    previous = previous or {}
    os.makedirs(os.path.join(site_dir, dest.split("{id}")[0]), exist_ok=True)  # the folder all entries share
    if not previous_dir or not os.path.isdir(previous_dir):
        previous, previous_dir = {}, None
    target = _Target(shell, ctx, site_dir, cache_path, dest, context_fingerprint(shell, ctx, dest),
                     previous_dir, bool(previous_dir) and os.path.samefile(previous_dir, site_dir))
    keys: list[str] = []

    def batches() -> Iterator[tuple[_Target, list[tuple[EntryJob, str | None]]]]:
        batch: list[tuple[EntryJob, str | None]] = []
        for job in jobs:
            keys.append(job.key)
            batch.append((job, previous.get(job.id)))
            if len(batch) == BATCH:
                yield target, batch
                batch = []
        if batch:
            yield target, batch

    stats = WriteStats()
    results = pool.imap_unordered(write_batch, batches()) if pool is not None else map(write_batch, batches())
    for pages, rendered, kept, fingerprints in results:
        stats.pages += pages
        stats.rendered += rendered
        stats.kept += kept
        stats.fingerprints.update(fingerprints)
    if pool is None and cache_path in _CACHES:
        _CACHES.pop(cache_path).close()
    if prune and cache_path:
        cache = BodyCache(cache_path)
        cache.prune(keys)
        cache.close()
    return stats


# --- sitemap ------------------------------------------------------------------------------------
