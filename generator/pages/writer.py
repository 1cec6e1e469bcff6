"""Writing every entry page from one rendered page shell.

Rendering 32,000 pages through MkDocs (Python-Markdown, then the theme's Jinja templates) is
where a plain MkDocs build spends its time. Entry pages all share one layout at the same URL
depth, so the theme renders it once — a *shell* page whose title, description, head extras,
content, edit link and id are unique placeholders — and each entry page is the shell with the
placeholders replaced by that entry's escaped values: a string join per page.

Each page's article and head come from the templates `katalog/entri/*.html` (see `entry`); they
are compiled once, before the workers fork (`prepare_templates`).

The pages are built and written by worker processes, in batches of `EntryJob`s (the entry and
the few catalogue facts its page shows). The workers are forked *before* the catalogue is
loaded (`start_pool`), so each is a small process that receives only its batches; a fork of
the process holding the whole catalogue would count, and as pages get touched copy, its
memory once more per worker. Bodies come from the disk cache, or are rendered by the worker
that needs them and added to it.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import jinja2

from ..render import BodyCache, render_markdown
from .entry import ARTICLE, HEAD, EntryContext, EntryJob, EntryPage, build_entry_page
from .html import templates

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
    """The theme's indentation and blank lines, folded: a tenth of every page, times 32,000."""
    if "<pre" in html or "<textarea" in html:
        return html
    return _BLANK_LINES.sub("\n", html)


class ShellError(ValueError):
    """The rendered shell lost a placeholder: the theme override is not in use."""


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
            raise ShellError(f"the entry shell has no place for: {', '.join(missing)}")

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
    pruned: int = 0  # cached bodies no longer used, deleted

    @property
    def cached(self) -> int:
        return self.pages - self.rendered


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


def start_pool(workers: int) -> multiprocessing.pool.Pool | None:
    """Worker processes for `write_entry_pages`; call it while this process is still small."""
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork").Pool(workers)


@dataclass(frozen=True)
class _Target:
    shell: Shell
    ctx: EntryContext
    site_dir: str
    cache_path: str | None
    dest: str  # e.g. "inovasi/{id}/index.html"


_CACHES: dict[str | None, BodyCache] = {}


def write_batch(task: tuple[_Target, list[EntryJob]]) -> tuple[int, int]:
    """Build and write the pages of one batch; returns (pages, bodies rendered)."""
    target, jobs = task
    cache = _CACHES.get(target.cache_path)
    if cache is None:
        cache = _CACHES[target.cache_path] = BodyCache(target.cache_path)
    found = cache.get_many(list(dict.fromkeys(job.key for job in jobs)))
    new: list[tuple[str, str]] = []
    for job in jobs:
        body_html = found.get(job.key)
        if body_html is None:
            body_html = found[job.key] = render_markdown(job.body, posixpath.dirname(job.source))
            new.append((job.key, body_html))
        page = build_entry_page(job, target.ctx, body_html)
        path = os.path.join(target.site_dir, target.dest.format(id=job.id))
        folder = os.path.dirname(path)
        try:
            os.mkdir(folder)
        except FileExistsError:
            pass
        with open(path, "wb") as f:
            f.write(target.shell.fill(job.id, page).encode("utf-8", "xmlcharrefreplace"))
    cache.put_many(new)
    return len(jobs), len(new)


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
) -> WriteStats:
    """Write one page per job below `site_dir`; `dest` is the file path pattern below it."""
    target = _Target(shell, ctx, site_dir, cache_path, dest)
    os.makedirs(os.path.join(site_dir, dest.split("{id}")[0]), exist_ok=True)  # the folder all entries share
    keys: list[str] = []

    def batches() -> Iterator[tuple[_Target, list[EntryJob]]]:
        batch: list[EntryJob] = []
        for job in jobs:
            keys.append(job.key)
            batch.append(job)
            if len(batch) == BATCH:
                yield target, batch
                batch = []
        if batch:
            yield target, batch

    stats = WriteStats()
    results = pool.imap_unordered(write_batch, batches()) if pool is not None else map(write_batch, batches())
    for pages, rendered in results:
        stats.pages += pages
        stats.rendered += rendered
    if pool is None and cache_path in _CACHES:
        _CACHES.pop(cache_path).close()
    if prune and cache_path:
        cache = BodyCache(cache_path)
        stats.pruned = cache.prune(keys)
        cache.close()
    return stats


# --- sitemap ------------------------------------------------------------------------------------
