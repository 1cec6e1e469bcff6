"""Writing every entry page from one rendered page shell.

Rendering 32,000 pages through MkDocs (Python-Markdown, then the theme's Jinja templates) is
where a plain MkDocs build spends its time. Entry pages all share one layout at the same URL
depth, so the theme renders it once — a *shell* page whose title, description, head extras,
content, edit link and id are unique placeholders — and each entry page is the shell with the
placeholders replaced by that entry's escaped values: a string join per page.

Each page's article and head come from the templates `katalog/entri/*.html` (see `entry`); they
are compiled once, before the workers fork (`prepare_templates`).

A warm build's work follows what changed, not the catalogue's size. Each page has a
fingerprint: a hash of everything it is made of, made in the main process before any job is:
what all pages share (`context_fingerprint`: the shell, the entry context, the templates, this
package's code) and the page's own inputs (`context.page_inputs`: the record's load key, the
entries it names as it shows them, its amended badges, its dead links). The fingerprints of the
pages a build wrote are kept in its cache dir with the identity of the site folder they went to
(`machinery.SiteRecord`); the next build hard-links each page whose fingerprint is unchanged from
that folder into its own (`machinery.keep`), with no job made for it.

Only the pages that changed become `EntryJob`s (the entry and the few catalogue facts its page
shows), which are built and written by worker processes in batches; they reach them pickled,
and only counts come back. The build (`build.Build`) starts them when it writes the entry
pages (`machinery.start_pool` after `prepare_templates`, so each inherits the templates
compiled). Bodies come from the disk cache, or are read from their file by the worker that
needs them (`catalogue.read_body`: held to the digest the load made of them, a file changed
since is refused with `catalogue.BodyChanged`, which stops the build), rendered and added to it.
The builder holds no body.
"""

from __future__ import annotations

import multiprocessing.pool
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2

from ..catalogue import read_body
from ..criteria import TABLE_PATH
from ..machinery import digest, files_digest, hasher, keep, write_file
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
    kept: int = 0  # pages unchanged since the previous build, linked from its site folder (or carried)
    fingerprints: dict[str, str] = field(default_factory=dict)  # entry id → its page's fingerprint
    # With `carry`: the unchanged pages left where they are in the previous site, to be carried
    # over at publish (`machinery.carry_over`): the folder all entries share, in the previous
    # site and in this one, and each page's item in it (its folder, or its file) → its bytes.
    carried: dict[str, int] = field(default_factory=dict)
    carried_from: str = ""
    carried_to: str = ""

    @property
    def cached(self) -> int:
        return self.pages - self.rendered


# --- what a page is made of -----------------------------------------------------------------------

_CODE = Path(__file__).resolve().parent.parent  # the generator package


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "-"


_ENGINE = tuple(_version(name) for name in ("jinja2", "markupsafe"))  # what renders the templates


def context_fingerprint(shell: Shell, ctx: EntryContext, dest: str) -> bytes:
    """What every entry page of a build shares: the shell (the theme's layout and the site's
    settings), the entry context (URLs, edit base, date, template dirs), the page path pattern,
    every template below `katalog/` on the search path (an adopter's too), the generator's own
    code and tables, the criteria table in use (`KATALOG_CRITERIA_TABLE` may name one outside the
    package) and the template engine's version. Any change: every page anew."""
    h = hasher()
    h.update(repr((shell.parts, shell.names, shell.tail, ctx, dest, _ENGINE)).encode())
    templates_dirs = [Path(d) / "katalog" for d in search_path(ctx.templates)]
    h.update(files_digest(p for d in templates_dirs if d.is_dir() for p in d.rglob("*") if p.is_file()))
    h.update(files_digest(_CODE.rglob("*.py")))
    h.update(files_digest(_CODE.rglob("*.yaml")))
    h.update(files_digest([TABLE_PATH]))
    return h.digest()


def page_fingerprint(context: bytes, inputs: str) -> str:
    """One entry page's fingerprint: the shared context and its own inputs (`PagePlan.inputs`,
    from `context.page_inputs`, which says what they hold and why that is all a page is made of)."""
    return digest(context, b"\0k", inputs)


def job_fingerprint(context: bytes, job: EntryJob) -> str:
    """The fingerprint of a page whose record has no load key: the shared context and its whole
    job (its body by cache key). Plain `repr`s: the job holds dataclasses, tuples, lists and the
    model, whose reprs are deterministic (no sets, no object addresses)."""
    return digest(context, b"\0j", repr((job.id, job.source, job.key, job.entry, job.assessment, job.origins,
                                          job.replicas, job.verifikasi, job.tautan_mati)))


@dataclass(frozen=True, slots=True)
class PagePlan:
    """One entry page as the writer first sees it (`context.SiteContext.entry_pages`): cheap to
    make for every page of the catalogue; its job is made only when the page has to be written."""

    id: str
    inputs: str | None  # what it is made of besides the shared context; None: its whole job says
    body_key: str  # its body's key in the body cache (kept there while the page exists)
    job: Callable[[], EntryJob]


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
        if body_html is None:  # read from its file, held to what the load saw (`BodyChanged` otherwise)
            body = read_body(job.path, job.source, job.key, job.display)
            body_html = found[job.key] = render_markdown(body, posixpath.dirname(job.source))
            new.append((job.key, body_html))
        page = build_entry_page(job, target.ctx, body_html)
        path = os.path.join(target.site_dir, target.dest.format(id=job.id))
        _mkdir(os.path.dirname(path))
        write_file(path, target.shell.fill(job.id, page).encode("utf-8", "xmlcharrefreplace"))
    cache.put_many(new)
    return len(jobs), len(new)


def _mkdir(folder: str) -> None:
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass


def write_entry_pages(
    pages: Iterable[PagePlan],
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
    carry: bool = False,
) -> WriteStats:
    """Write one page per plan below `site_dir`; `dest` is the file path pattern below it.

    `previous` holds the fingerprints of the pages in `previous_dir` (`machinery.SiteRecord.previous`):
    a page whose fingerprint is unchanged is linked from there (here, in this process: a link
    costs a system call, less than sending a job), and no job is made for it. The others'
    jobs go to the writers (`pool`), in batches.

    `carry`: a staged build, whose previous site folder is swapped out at publish. An unchanged
    page is then not linked but left in the previous site (`WriteStats.carried`, its file's
    existence checked now) for the build to carry over as it publishes (`machinery.carry_over`):
    one folder renamed instead of a `mkdir` and a `link` per page."""
    previous = previous or {}
    os.makedirs(os.path.join(site_dir, dest.split("{id}")[0]), exist_ok=True)  # the folder all entries share
    if not previous_dir or not os.path.isdir(previous_dir):
        previous, previous_dir = {}, None
    in_place = bool(previous_dir) and os.path.samefile(previous_dir, site_dir)  # type: ignore[arg-type]
    target = _Target(shell, ctx, site_dir, cache_path, dest)
    context = context_fingerprint(shell, ctx, dest)
    stats = WriteStats()
    keys: list[str] = []
    shared = dest.split("{id}")[0]
    carrying = carry and previous_dir is not None and not in_place and bool(shared.strip("/"))
    if carrying:
        stats.carried_from = os.path.join(previous_dir, shared.rstrip("/"))  # type: ignore[arg-type]
        stats.carried_to = os.path.join(site_dir, shared.rstrip("/"))

    def kept(entry_id: str, fingerprint: str) -> bool:
        if previous_dir is None or previous.get(entry_id) != fingerprint:
            return False
        relative = dest.format(id=entry_id)
        if carrying:
            try:
                size = os.stat(os.path.join(previous_dir, relative), follow_symlinks=False).st_size
            except OSError:
                return False
            stats.carried[relative[len(shared):].split("/", 1)[0]] = size
            return True
        path = os.path.join(site_dir, relative)
        if not in_place:
            _mkdir(os.path.dirname(path))
        return keep(os.path.join(previous_dir, relative), path, in_place=in_place)

    def batches() -> Iterator[tuple[_Target, list[EntryJob]]]:
        batch: list[EntryJob] = []
        for plan in pages:
            keys.append(plan.body_key)
            job = None
            if plan.inputs is not None:
                fingerprint = page_fingerprint(context, plan.inputs)
            else:
                job = plan.job()
                fingerprint = job_fingerprint(context, job)
            stats.fingerprints[plan.id] = fingerprint
            stats.pages += 1
            if kept(plan.id, fingerprint):
                stats.kept += 1
                continue
            batch.append(job or plan.job())
            if len(batch) == BATCH:
                yield target, batch
                batch = []
        if batch:
            yield target, batch

    # The plans are read where the tasks are sent: in the pool's task thread (`imap_unordered`).
    results = pool.imap_unordered(write_batch, batches()) if pool is not None else map(write_batch, batches())
    for _, rendered in results:
        stats.rendered += rendered
    if pool is None and cache_path in _CACHES:
        _CACHES.pop(cache_path).close()
    if prune and cache_path:
        cache = BodyCache(cache_path)
        cache.prune(keys)
        cache.close()
    return stats


# --- sitemap ------------------------------------------------------------------------------------
