"""The build of a site: its phases and their state, in one object that knows no builder.

A site build is these phases, in this order; `Build` runs each when its adapter (the MkDocs
plugin, `katalog preview`, the serve fast path) asks for it, and holds what they share:

1. **begin**: a staging folder of its own beside the site folder (`machinery.Staging`), unless
   the site is written in place (`mkdocs serve`, `--dirty`, a preview).
2. **load**: the content allow-list over the docs dir, the site's own pages, then the catalogue
   loaded and validated (`catalogue.load_files`); under serve an unchanged catalogue is kept,
   and an invalid one gives way to the last good one.
3. **pages**: the site context and the generated pages (`pages.site`), for the adapter to hand
   its builder; the adapter's builder renders them and the entry page shell.
4. **outputs begin**: what the previous build left in the site folder (`machinery.SiteRecord`,
   for a warm build) and the search index (`search.make_index`), in the process `load` forked
   for it (`machinery.FedCall`), sent what the index reads of each entry.
5. **entry pages**: every entry page from the rendered shell (`pages.writer`), by worker
   processes started here, when the catalogue is large enough to need them; the sitemap.
6. **open data** (`exports`) and **search** (waited for).
7. **size report** (`sizes`) and **publish**: the staging folder swapped in and the record of
   what the site folder now holds saved. The adapter calls `publish` only once its builder
   finished without error (see the plugin's `on_post_build`); on any failure `abort` removes
   the staging folder and the previous site stays as it was.

Under `mkdocs serve`, `update` is the fast path after an edit to entry files only: the edited
entries reloaded into the catalogue held here (`catalogue.reload`) and the pages and per-entry
open data that show them rewritten in the served folder (see `plugin/serve.py`).

Messages go to the logger the adapter gives (the plugin's, which MkDocs counts in `--strict`);
a problem that stops the build is `BuildFailed`, said in words, which the adapter turns into
its builder's error.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from . import clock, content, exports, linkcheck, load_cache, search, sizes
from .catalogue import BodyChanged, Catalogue, find_entry_files, load_files, reload
from .diagnostics import Diagnostic, os_reason
from .machinery import (
    FedCall,
    ForkedCall,
    ForkedError,
    PublishError,
    SiteRecord,
    Staging,
    carry_over,
    give_back,
    keep,
    start_pool,
    workers,
    worth_sharing,
)
from .pages import authored, kept, site, writer
from .pages.context import SiteContext
from .pages.writer import Shell, ShellError, write_entry_pages
from .sitemap import write_sitemap
from .urls import Urls

SHELL_TEMPLATE = "katalog/entri.html"
SHELL_NOT_RENDERED = "katalog: halaman kerangka entri tidak dirender"
"""The same words in a build and in `katalog preview`, as `shell_problem`'s."""


class BuildFailed(Exception):
    """The build stops here, said in words (the adapter raises its builder's error with them)."""


def shell_problem(error: Exception) -> str:
    """A rendered shell that lost a placeholder (`writer.ShellError`): in a build and in a preview."""
    return f"katalog: {error} (apakah templat {SHELL_TEMPLATE} yang dipakai?)"


def _make_index(*args: Any, **kwargs: Any) -> tuple[search.IndexResult | None, float, float, int]:
    """`search.make_index` in the process forked for it (`machinery.FedCall`, before the load),
    with that process's CPU time (its own cost, apart from the builder's on the other core) and
    when it was done (`time.monotonic`, one clock for every process: the builder may wait for it
    much later), and its peak resident size in bytes (0 where the system does not say). An entry
    file edited since the load stops it, in words (`catalogue.BodyChanged`)."""
    try:
        result = search.make_index(*args, **kwargs)
    except search.BodyChanged as error:
        raise ForkedError(str(error)) from None
    except search.NeedsWhole:
        result = None  # the builder sends the whole items to a new process (`Build._wait_search_index`)
    return result, time.process_time(), time.monotonic(), _peak()


def _peak() -> int:
    """This process's peak resident size (Linux's VmHWM), in bytes; 0 elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


SEARCH_BATCH = 500
"""Entries a message to the search index's process holds (`Build.begin_outputs`)."""


@dataclass(frozen=True)
class Settings:
    """What a build is asked to do, from its adapter's configuration."""

    docs_dir: str
    catalogue_dir: str = "innovations"
    records_dir: Path | None = None  # the verification records (`verifikasi/`)
    links_report: Path | None = None  # the evidence links' last check (`linkcheck`)
    cache_dir: Path = Path(".cache")  # the size report, and with `cache` the warm build's record and caches
    cache: bool = True
    jobs: int | None = None
    search: bool = True
    size_budget_mb: float = 1000
    listing_size: int = 20

    @property
    def root(self) -> Path:
        return Path(self.docs_dir) / self.catalogue_dir.strip("/")


class Build:
    """One site's build, phase by phase (see the module's doc). An adapter keeps one `Build` for
    as long as its builder runs: under serve, what the last build made is what `update` changes.

    `serve`: a development server (errors shown on the pages instead of stopping the build, the
    site written in place); `shell_only`: `katalog preview`, which needs the entry shell and
    nothing else (no scan of the docs dir, an empty catalogue, no record, no search)."""

    def __init__(self, log: logging.Logger, *, serve: bool = False) -> None:
        self.log = log
        self.serve = serve
        self.shell_only = False
        # Kept across serve's rebuilds: the last valid catalogue, and the catalogue of unchanged files.
        self._last_good: tuple[Path, Catalogue] | None = None
        self._loaded: tuple[tuple, Catalogue] | None = None
        self._deferred: set[str] = set()  # entries reloaded since the last full build
        self.settings = Settings(docs_dir=".")
        self.staging = Staging(log)
        self._reset()

    def _reset(self) -> None:
        self.catalogue: Catalogue | None = None
        self.failed: Catalogue | None = None  # an invalid catalogue (under serve: shown besides the last good)
        self.errors: list[str] = []  # the diagnostics that stop a build (serve: shown on every page)
        self.allowed: set[str] = set()  # the files of the docs dir the allow-list accepted
        self.site_pages: dict[str, authored.Page] = {}  # the site's own pages, validated, by source path
        self.refused_pages: set[str] = set()  # under serve: site pages with errors, left out
        self.ctx: SiteContext | None = None
        self.pages: dict[str, site.SitePage] = {}
        self.kept: kept.Kept | None = None  # the generated pages' HTML kept between builds
        self.shell_html: str | None = None
        self.dest = "inovasi/{id}/index.html"
        self._pool = None
        self._index: FedCall | None = None  # `search.make_index`, in a process forked by `load`
        self._search_started = 0.0
        self._site_dir = ""  # where `begin_outputs` was asked to make the index
        self._feeder: ForkedCall | None = None  # the process that sends `_index` its items (`begin_outputs`)
        self._fed: tuple[bool, float] = (False, 0.0)  # what `_feed_index` returned, when run here
        self._record: SiteRecord | None = None
        self._previous: dict = {}  # the record of the site folder as the build found it
        self._written: dict = {}
        self._carried: writer.WriteStats | None = None  # unchanged entry pages to carry over at publish
        self._carried_data: exports.ExportStats | None = None  # unchanged per-entry open-data files, the same
        self._code = ""  # the code's digest this build's keys are made with (`load`)
        self.complete = False  # the last build published (serve: `update` may work on it)

    # --- begin and end -------------------------------------------------------------------------

    def begin(self, settings: Settings) -> None:
        """A new build: the state of an earlier one dropped. A cache folder that holds files git
        tracks was committed to the repository (a pull request can add one): it is not the
        build's own, so nothing in it is read, and the build says so (a warning: `--strict`
        stops)."""
        self.stop()
        self._reset()
        if settings.cache and (tracked := load_cache.committed(settings.cache_dir)):
            self.log.warning(f"katalog: folder cache {settings.cache_dir} memuat {len(tracked)} file yang tercatat di "
                             f"git (misalnya {tracked[0]}); cache tidak dipakai. Hapus folder itu dari repositori: "
                             f"git rm -r --cached {settings.cache_dir}")
            settings = replace(settings, cache=False)
        self.settings = settings

    def stage(self, site_dir: str) -> str:
        """The staging folder this build writes instead of `site_dir` (locked: a second build
        into the same site folder waits), swapped in by `publish`."""
        try:
            return self.staging.start(site_dir)
        except PublishError as error:
            raise BuildFailed(str(error)) from None

    def stop(self) -> None:
        """Workers and the search index stopped, the site folder's lock let go (a build that
        ended without `publish` or `abort`: interrupted)."""
        self._stop_pool(terminate=True)
        self._stop_index()
        if self.staging.active:
            self.staging.abort()
        self.staging.unlock()

    def abort(self) -> str | None:
        """A failed build: workers stopped, its staging folder removed, the previous site left as
        it was. Returns the site folder when a staging folder stood in for it."""
        final = self.staging.final if self.staging.active else None
        self.stop()
        return final

    @property
    def site_folder(self) -> str | None:
        """The site folder a staged build replaces (None: written in place)."""
        return self.staging.final if self.staging.active else None

    def previous_dir(self, site_dir: str) -> str:
        """The site folder as the previous build left it: the one being replaced, or (serve,
        --dirty) the one being written."""
        return self.staging.final if self.staging.active else site_dir

    # --- load ----------------------------------------------------------------------------------

    def check_content(self) -> None:
        """The content allow-list over the whole docs dir: any refusal stops the build here,
        before the builder lists, reads or copies a file of it."""
        if self.shell_only:
            return
        refused, self.allowed = content.scan_tree(self.settings.docs_dir, self.settings.catalogue_dir)
        if refused:
            refuse(refused)

    def check_site_pages(self, urls: Urls) -> None:
        """The site's own pages, read and validated as `katalog validate` does (`pages.authored`),
        and every page and image of the site's own held to the places the build leaves free."""
        if self.shell_only:
            return
        docs_dir, catalogue_dir = self.settings.docs_dir, self.settings.catalogue_dir
        self.site_pages, problems = authored.check_site(docs_dir, catalogue_dir, self.allowed,
                                                        authored.reserved_paths(urls), urls, display=content.display)
        errors = [d for d in problems if d.is_error]
        if not errors:
            return
        if not self.serve:
            files = len({d.path for d in errors})
            raise BuildFailed(f"katalog: {files} halaman atau gambar situs tidak valid; situs tidak dibangun.\n"
                              + "\n".join(d.format() for d in errors))
        shown = {d.path for d in errors}
        self.refused_pages = {uri for uri, page in self.site_pages.items() if page.path in shown}
        self.refused_pages |= {uri for uri in authored.site_files(docs_dir, catalogue_dir, self.allowed)
                               if content.display(os.path.join(docs_dir, *uri.split("/"))) in shown}
        self.errors += [d.format() for d in errors]
        for d in errors:
            self.log.error(d.format())

    def load(self, today: date | None = None, *, theme_dirs: tuple[str, ...] | None = None) -> Catalogue:
        """Load and validate the catalogue; an invalid one stops the build (`BuildFailed`), or
        under serve is reported and gives way to the last good one. With `theme_dirs`, the page
        writers are forked first, while this process is small (`_start_pool`): forked after the
        load, each would copy pages of the whole catalogue as it touches them (measured at 32,000
        entries: about 20 s more CPU and 1 GiB more memory in all)."""
        if today is None:
            try:
                today = clock.today()
            except ValueError as error:
                raise BuildFailed(str(error)) from None
        root = self.settings.root
        # The code's digest, taken once here, before any worker is forked: each inherits it, so
        # that every key of this build is made with one digest even if the code is edited meanwhile.
        self._code = load_cache.code_digest().hex()
        files = find_entry_files([root]) if root.is_dir() and not self.shell_only else []
        if self.settings.search and not self.shell_only and self._index is None:
            self._index = FedCall(_make_index)  # forked small, like the writers: fed in `begin_outputs`
        if theme_dirs is not None and worth_sharing(len(files)):
            self._start_pool(theme_dirs)
        started = time.monotonic()
        try:
            catalogue = self._load(root, files, today)
        except BaseException:
            self._stop_pool(terminate=True)
            self._stop_index()
            raise
        self.log.debug(f"katalog: katalog dimuat dalam {time.monotonic() - started:.1f} s")
        self._report(catalogue, root)
        if not self.serve:
            # What only the load's rules across entries read: the passages of every entry's own
            # words (the check for copied text) and the positions their diagnostics point at. No
            # later phase reads them (serve's reload does, and keeps them).
            for record in catalogue.records.values():
                record.words = None
                record.positions = {}
        # What the load held only while it ran (the load cache's lines, read and to be written:
        # 5 to 9 KB an entry at 8,000) handed back, so that the later phases start from what the
        # catalogue holds (measured at 8,000 entries: 225 → 152 MiB after a warm load).
        give_back()
        return catalogue

    def _load(self, root: Path, files: list[Path], today: date) -> Catalogue:
        """Under serve, an unchanged catalogue is reused as it is."""
        records = self.settings.records_dir
        signature = None
        if self.serve:
            stats = []
            for path in [*files, *(sorted(records.glob("*")) if records is not None and records.is_dir() else [])]:
                st = path.lstat()
                stats.append((str(path), st.st_mtime_ns, st.st_size))
            signature = (str(root), today, tuple(stats))
            if self._loaded and self._loaded[0] == signature:
                return self._loaded[1]
        if not root.is_dir():
            self.log.warning(f"katalog: folder katalog '{root}' tidak ada; situs dibangun tanpa inovasi")
        catalogue = load_files(files, docs_dir=root.parent, today=today, jobs=self.settings.jobs,
                               records_dir=records if not self.shell_only else None,
                               cache=None if self.shell_only else self._cache(""))
        if signature is not None:
            self._loaded = (signature, catalogue)
        return catalogue

    def _report(self, catalogue: Catalogue, root: Path) -> None:
        errors = catalogue.errors
        warnings = len(catalogue.diagnostics) - len(errors)
        if warnings:
            self.log.info(f"katalog: {warnings} peringatan (jalankan `katalog validate` untuk rinciannya)")
            for d in catalogue.diagnostics:
                if not d.is_error:
                    self.log.debug(d.format())
        if not errors:
            self.catalogue = catalogue
            self._last_good = (root, catalogue)
            self.log.info(f"katalog: {len(catalogue.published())} inovasi diterbitkan dari {catalogue.files} file")
            return
        messages = [d.format() for d in errors]
        self.failed = catalogue
        files = len({d.path for d in errors})
        head = f"katalog tidak valid: {len(errors)} galat di {files} file; situs tidak dibangun."
        if not self.serve:
            raise BuildFailed(head + "\n" + "\n".join(messages))
        self.errors = messages + self.errors
        for message in messages:
            self.log.error(message)
        if self._last_good and self._last_good[0] == root:
            self.log.error(f"katalog: {len(errors)} galat; menampilkan versi katalog terakhir yang valid")
            self.catalogue = self._last_good[1]
        else:
            self.log.error(f"katalog: {len(errors)} galat; entri yang tidak valid tidak ditampilkan")
            self.catalogue = catalogue

    @property
    def showing_last_good(self) -> bool:
        """Under serve, with errors: the pages show the last valid catalogue, not the invalid one."""
        return self.failed is not None and self.catalogue is not self.failed

    def link_report(self) -> linkcheck.LinkReport | None:
        """The last check of the evidence links (`linkcheck`, written by a scheduled workflow),
        if there is one. A report that cannot be used is left out with a note, never a warning:
        the check is never a reason for a build to fail."""
        path = self.settings.links_report
        if path is None:
            return None
        report, problem = linkcheck.read_report(path)
        if problem:
            self.log.info(f"katalog: laporan tautan bukti {path} diabaikan: {problem}")
        return report

    # --- pages ---------------------------------------------------------------------------------

    def make_pages(self, urls: Urls, edit_base: str | None, site_name: str, theme_dirs: tuple[str, ...], *,
                   criteria_source: str | None, licence: exports.Licence) -> dict[str, site.SitePage]:
        """The site context and every generated page (by source path), from the loaded catalogue."""
        assert self.catalogue is not None
        self.ctx = SiteContext(self.catalogue, urls, edit_base, site_name, theme_dirs, links=self.link_report())
        self.dest = f"{urls.entries}/{{id}}/index.html" if urls.use_directory_urls else f"{urls.entries}/{{id}}.html"
        # The generated pages' own HTML, kept by what each is made from (`pages.kept`).
        context = kept.context_digest(self.ctx, self.settings.listing_size, criteria_source, licence)
        self.kept = kept.Kept(self._cache("") if not self.shell_only else None, context)
        self.pages = {page.uri: page for page in site.site_pages(self.ctx, per_page=self.settings.listing_size,
                                                                criteria_source=criteria_source, licence=licence,
                                                                kept=self.kept)}
        return self.pages

    def shown_images(self) -> set[str]:
        """The images of the docs dir that a published entry (its `gambar`, its body) or a site
        page shows: the only ones the site publishes."""
        from .render import local_images

        assert self.ctx is not None
        shown: set[str] = set()
        for record in self.ctx.published:
            picture = self.ctx.entry_context().image_path(record.source, record.entry.gambar)
            if picture:
                shown.add(picture)
            shown.update(record.body.images)
        for uri, page in self.site_pages.items():
            if uri not in self.refused_pages:
                shown.update(local_images(page.body, os.path.dirname(uri)))
        return shown

    # --- outputs -------------------------------------------------------------------------------

    def _cache(self, name: str) -> str | None:
        return str(self.settings.cache_dir / name) if self.settings.cache else None

    def begin_outputs(self, site_dir: str) -> None:
        """What the previous build left in the site folder, for a warm build to keep, and the
        search index started: it is made on the core the builder's own single-threaded page
        rendering leaves idle."""
        if self.shell_only or self.ctx is None:
            return
        cache = self.settings.cache
        self._record = SiteRecord(self.settings.cache_dir / "situs.json") if cache else None
        self._previous = self._record.previous(self.previous_dir(site_dir)) if self._record else {}
        if self._record:
            self._explain_previous()
        if self._record and not self.staging.active:
            self._record.forget()  # written in place: the old record stops being true now
        if not self.settings.search:
            self._stop_index()
            return
        self._search_started = time.monotonic()
        self._site_dir = site_dir
        previous = self._previous.get("pencarian")
        # The process was forked before the load, small (`load`); it is sent what the index reads
        # of each entry (`search.item`: not its model, and its body only as its file and a digest,
        # read there again), so its memory is its own work, not the catalogue's. Those are made and
        # sent by a process forked now (`_feeder`: it shares the builder's pages, so it is never
        # larger than the builder, and it ends when they are sent), so that the builder goes on
        # at once (made here, they took 3 to 5 s of its time at 32,000 entries).
        job = self._index = self._index or FedCall(_make_index)
        if worth_sharing(len(self.ctx.published)):
            self._feeder = ForkedCall(self._feed_index, job, site_dir, previous)
            job.handed_over()
        else:
            self._fed = self._feed_index(job, site_dir, previous)

    def _feed_index(self, job: FedCall, site_dir: str, previous: Any, *, whole: bool = False) -> tuple[bool, float]:
        """`job` sent what the index reads of each published entry, then told to make it. When
        nothing it is made from changed since the previous build (`search.unchanged`), only
        each entry's id, date and fingerprint (`search.light`: it links the previous index);
        should that index not be kept after all, the whole items are sent then (`whole`). Else
        each entry's card, facets, fields and its body's file and digest (`search.item`).
        Returns (whether only fingerprints were sent, the seconds it took)."""
        assert self.ctx is not None
        started = time.monotonic()
        published = list(self.ctx.published)
        items: list[Any] = []
        if not whole and isinstance(previous, dict) and not self.serve:
            items = [search.light(r) for r in published]
            if not search.unchanged(items, previous):
                items = []
        by_file = not self.serve  # under serve, the builder reads each body itself (held to its digest)
        for start in range(0, len(published), SEARCH_BATCH):
            job.feed(items[start:start + SEARCH_BATCH] if items else
                     [search.item(r, by_file=by_file) for r in published[start:start + SEARCH_BATCH]])
        job.run(site_dir, previous=(self.previous_dir(site_dir), previous) if isinstance(previous, dict) else None,
                cache=self._cache("pencarian"), jobs=1)
        return bool(items), time.monotonic() - started

    def _stop_index(self) -> None:
        if self._feeder is not None:
            self._feeder.abort()
            self._feeder = None
        if self._index is not None:
            self._index.abort()
            self._index = None

    def _made_with(self) -> dict[str, str]:
        """What every output of this build is made with besides its own inputs (the generator's
        code and tables, the build date), as the record keeps it: only to say, next time, why
        nothing was kept."""
        assert self.ctx is not None
        return {"kode": self._code or load_cache.code_digest().hex(), "tanggal": self.ctx.catalogue.today.isoformat()}

    def _explain_previous(self) -> None:
        """Why a build keeps nothing of the previous site (a warm build that takes as long as a
        cold one should say why): a debug line, or an info line when the generator itself
        changed (every cache misses then)."""
        assert self._record is not None
        if not self._previous:
            self.log.debug(f"katalog: tidak ada yang dipakai ulang dari folder situs sebelumnya: {self._record.reason}; "
                           "halaman inovasi, data terbuka dan pencarian dibuat semuanya")
            return
        now, then = self._made_with(), self._previous.get("dibuat_dengan")
        if not isinstance(then, dict):
            return
        if then.get("kode") != now["kode"]:
            self.log.info("katalog: kode atau tabel generator berubah sejak build sebelumnya; semua isi situs dan cache "
                          "dibuat ulang, sehingga build ini sama lamanya dengan build pertama")
        elif then.get("tanggal") != now["tanggal"]:
            self.log.debug(f"katalog: tanggal build berubah sejak build sebelumnya ({then.get('tanggal')} → "
                           f"{now['tanggal']}); setiap inovasi dimuat dan dinilai ulang")

    def shell(self) -> Shell:
        """The rendered entry page shell, split at its placeholders."""
        if self.shell_html is None:
            raise BuildFailed(SHELL_NOT_RENDERED)
        try:
            return Shell(self.shell_html)
        except ShellError as error:
            raise BuildFailed(shell_problem(error)) from None

    def _start_pool(self, theme_dirs: tuple[str, ...] | None) -> None:
        """The page writers: forked now, with the entry templates compiled
        (`writer.prepare_templates`), so each inherits them."""
        if self._pool is None:
            writer.prepare_templates(theme_dirs)
            self._pool = start_pool(workers(self.settings.jobs))

    def _stop_pool(self, *, terminate: bool = False) -> None:
        if self._pool is not None:
            self._pool.terminate() if terminate else self._pool.close()
            self._pool.join()
            self._pool = None

    def write_outputs(self, site_dir: str, *, sitemap: list[tuple[str, str | None]], site_name: str,
                      licence: exports.Licence) -> None:
        """Entry pages, sitemap, open data and search, into `site_dir`. `sitemap`: the builder's
        own pages (absolute URL, last modified), to which the entry pages are added."""
        if self.ctx is None:
            return
        shell = self.shell()
        self._save_kept()  # the builder rendered every generated page: their pieces are read no more
        started = time.monotonic()
        self.log.debug("katalog: halaman inovasi mulai ditulis")  # where the phase starts (bench.phases)
        # A warm build keeps the previous site's unchanged entry pages, and makes jobs only for
        # the others (see pages/writer.py).
        plans = self.ctx.entry_pages(self.ctx.published)
        if self._pool is None and worth_sharing(len(self.ctx.published)):
            self._start_pool(self.ctx.templates)  # not started by `load` (no theme given there)
        try:
            stats = write_entry_pages(plans, self.ctx.entry_context(), shell, site_dir, cache_path=self._cache("bodies.sqlite"),
                                      dest=self.dest, pool=self._pool, previous_dir=self.previous_dir(site_dir),
                                      previous=self._previous.get("halaman") or {}, carry=self.staging.active)
        except BodyChanged as error:
            raise BuildFailed(f"katalog: {error}; situs tidak dibangun.") from None
        finally:
            self._stop_pool(terminate=True)
        give_back()  # what the entry pages' plans held, handed back before the open data is made
        self._written["halaman"] = stats.fingerprints
        self._carried = stats if stats.carried else None
        self.log.info(f"katalog: {stats.pages} halaman inovasi: {stats.pages - stats.kept} ditulis ({stats.rendered} "
                      f"uraian dirender, {stats.cached - stats.kept} dari cache), {stats.kept} tetap dari build "
                      "sebelumnya")
        self.log.debug(f"katalog: halaman inovasi ditulis dalam {time.monotonic() - started:.1f} s")
        if self.ctx.urls.site_url:
            items = list(sitemap)
            for record in self.ctx.published:
                items.append((self.ctx.urls.absolute(self.ctx.urls.entry(record.id)) or "",
                              record.entry.diperbarui.isoformat()))
            write_sitemap(site_dir, items)
        self._write_exports(site_dir, site_name, licence)
        self._wait_search_index()
        self._remove_empty_folders(site_dir)

    def _write_exports(self, site_dir: str, site_name: str, licence: exports.Licence) -> None:
        ctx = self.ctx
        assert ctx is not None
        started = time.monotonic()
        stats = exports.write_exports(ctx.catalogue, site_dir, urls=ctx.urls, site_name=site_name, licence=licence,
                                      previous_dir=self.previous_dir(site_dir), previous=self._previous.get("data"),
                                      cache=self._cache(exports.PIECES_FILE), carry=self.staging.active)
        self._written["data"] = stats.fingerprints
        self._carried_data = stats if stats.carried else None
        self.log.info(f"katalog: data terbuka: {stats.entries} berkas inovasi: {stats.entries - stats.kept} ditulis, "
                      f"{stats.kept} tetap dari build sebelumnya; {stats.computed} inovasi dihitung ulang untuk "
                      "berkas gabungan")
        self.log.debug(f"katalog: {stats.files} berkas data terbuka ({stats.bytes / 1e6:.0f} MB) ditulis dalam "
                       f"{time.monotonic() - started:.1f} s")

    def _wait_search_index(self) -> None:
        if self._index is None:
            return
        job, self._index = self._index, None
        feeder, self._feeder = self._feeder, None
        try:
            light, took = feeder.wait() if feeder is not None else self._fed
            self.log.debug(f"katalog: indeks pencarian: {len(self.ctx.published) if self.ctx else 0} inovasi "
                           f"dikirim ({'sidik saja' if light else 'utuh'}) dalam {took:.2f} s")
            result, cpu, done_at, peak = job.wait()
            if result is None:  # sent only fingerprints, and the previous index could not be kept
                self.log.debug("katalog: indeks pencarian sebelumnya tidak dapat dipakai utuh; dibuat lagi")
                job = FedCall(_make_index)
                self._index = job
                _, took = self._feed_index(job, self._site_dir, self._previous.get("pencarian"), whole=True)
                self._index = None
                self.log.debug(f"katalog: indeks pencarian: dikirim (utuh) dalam {took:.2f} s")
                result, cpu, done_at, peak = job.wait()
        except ForkedError as error:
            job.abort()
            raise BuildFailed(f"katalog: indeks pencarian tidak dapat dibuat: {error}") from None
        assert result is not None
        self._written["pencarian"] = {"sidik": result.fingerprint, "berkas": result.files, "ukuran": result.sizes}
        if result.kept:
            done = "tidak berubah sejak build sebelumnya"
        else:
            done = (f"{result.read} inovasi dibaca, {result.count - result.read} dari cache; {result.written} dari "
                    f"{len(result.files)} berkas ditulis")
        self.log.info(f"katalog: indeks pencarian: {result.count} inovasi, {done} "
                      f"(selesai {done_at - self._search_started:.1f} s setelah dimulai, {cpu:.1f} s CPU; ditunggu "
                      f"{time.monotonic() - self._search_started:.1f} s setelah dimulai)")
        for problem in result.problems:
            self.log.info(f"katalog: indeks pencarian: {problem}")
        if peak:
            self.log.debug(f"katalog: proses indeks pencarian: {cpu:.1f} s CPU, puncak {peak / 2**20:.0f} MiB")

    def _remove_empty_folders(self, site_dir: str) -> None:
        """No empty folder in a site: a catalogue without published entries leaves `inovasi/`
        and `api/inovasi/` empty. `rmdir` removes a folder only when it is empty."""
        entries = self.ctx.urls.entries if self.ctx else "inovasi"
        for folder in (entries, os.path.join(exports.API, "inovasi")):
            try:
                os.rmdir(os.path.join(site_dir, folder))
            except OSError:
                pass

    def report_size(self, site_dir: str) -> None:
        """The size report (`sizes`) of the finished site, before it is published: printed,
        written to `<cache_dir>/ukuran.json` (the previous build's kept as
        `ukuran-sebelumnya.json`) and held to `size_budget_mb` (a warning over it)."""
        started = time.monotonic()
        entries = self.ctx.urls.entries if self.ctx else Urls().entries
        report = sizes.measure(site_dir, entries=entries)
        if self._carried is not None:  # the unchanged entry pages, still in the previous site
            section = report.sections[sizes.section_of(entries, entries)]
            section.files += len(self._carried.carried)
            section.bytes += sum(self._carried.carried.values())
            report.entries += len(self._carried.carried)
        if self._carried_data is not None:  # the unchanged per-entry open-data files, the same
            section = report.sections[sizes.section_of(exports.API, entries)]
            section.files += len(self._carried_data.carried)
            section.bytes += sum(self._carried_data.carried.values())
        report.site_dir = self.site_folder or os.path.abspath(site_dir)
        self.log.info("katalog: " + report.text())
        folder = self.settings.cache_dir
        previous = sizes.read_report(folder / sizes.REPORT_FILE)
        try:
            sizes.save(report, folder)
        except OSError as error:
            self.log.warning(f"katalog: laporan ukuran tidak dapat ditulis ke {folder}: {os_reason(error)}")
        self.log.debug(f"katalog: laporan ukuran dibuat dalam {time.monotonic() - started:.1f} s")
        message = sizes.over_budget(report, self.settings.size_budget_mb * sizes.MB, previous)
        if message:
            self.log.warning(f"katalog: {message} (size_budget_mb di mkdocs.yml)")

    # --- publish -------------------------------------------------------------------------------

    def publish(self, site_dir: str) -> str:
        """The finished site in place: the staging folder swapped in (when there is one) and the
        record of what the site folder holds saved. Call only once the builder finished without
        error. Returns the site folder."""
        started = time.monotonic()
        if self.staging.active:
            self._carry_over()
            site_dir = self.staging.publish()
        self.log.debug(f"katalog: situs diterbitkan dalam {time.monotonic() - started:.1f} s")
        self._save_kept()
        if self._record and self._written:
            try:
                self._record.save(site_dir, **self._written, dibuat_dengan=self._made_with())
            except OSError as error:
                self.log.warning(f"katalog: catatan isi situs tidak dapat ditulis ke {self._record.path}: "
                                 f"{os_reason(error)}")
            self._written = {}
        self.staging.unlock()
        if self.serve and self.ctx is not None and self.shell_html is not None and not self.shell_only:
            self.complete = True
            self._deferred = set()
        return site_dir

    def _save_kept(self) -> None:
        """The generated pages' pieces this build used saved (`kept.Kept.save`), and let go:
        once the builder rendered its pages (before the entry pages) no later phase reads them
        (3 KB an entry). Each piece is keyed by what it is made from, so a build that fails
        after this leaves nothing the next one could misuse."""
        if self.kept is None:
            return
        kept_pages, self.kept = self.kept, None
        counted = kept_pages.made.get("fakta kualitas", 0)
        self.log.debug(f"katalog: halaman situs: {kept_pages.hits} bagian tetap dari build sebelumnya, "
                       f"{kept_pages.misses} dibuat; tanda kualitas data {counted} entri dihitung, "
                       f"sidik tampilan {kept_pages.made.get('fakta tampil', 0)} entri")
        kept_pages.save()
        kept_pages.release()  # the site pages' builders still name it

    def _carry_over(self) -> None:
        """The unchanged entry pages the writer left in the previous site (`writer.WriteStats.carried`)
        and the unchanged per-entry open-data files (`exports.ExportStats.carried`) carried into
        the staging folder, just before it is swapped in (`machinery.carry_over`). When that
        cannot be done, each is linked from there as a warm build does without it, and one that
        cannot be linked either stops the build (the previous site stays)."""
        pages, self._carried = self._carried, None
        data, self._carried_data = self._carried_data, None
        for carried, what in ((pages, "halaman inovasi"), (data, "berkas data terbuka")):
            if carried is None:
                continue
            try:
                carry_over(carried.carried_from, carried.carried_to, set(carried.carried))
                continue
            except OSError:
                pass
            for name in carried.carried:
                target = os.path.join(carried.carried_to, name)
                if not os.path.lexists(target):
                    os.makedirs(carried.carried_to, exist_ok=True)
                    if not keep(os.path.join(carried.carried_from, name), target, in_place=False):
                        raise BuildFailed(f"katalog: {what} {name} dari build sebelumnya tidak dapat dipakai "
                                          f"({carried.carried_from}); situs tidak diganti. Jalankan build lagi.")

    # --- serve: one entry's edit ---------------------------------------------------------------

    def can_update(self) -> bool:
        """Whether `update` may work: the last build published without errors, on the same date."""
        if not self.complete or self.errors or self.ctx is None or self.shell_html is None or self.catalogue is None:
            return False
        try:
            return clock.today() == self.catalogue.today
        except ValueError:
            return False

    def update(self, entries: list[Path], site_dir: str) -> bool:
        """Under serve, after a build published: the entry files `entries` changed (and nothing
        else did: the adapter knows). Rewrite in `site_dir` what they show and say True; False
        when only a full build can: the last build had errors, the date changed, a file is not
        allowed, or the catalogue would not be valid."""
        if not self.can_update():
            return False
        if not entries:
            return True  # an editor's swap file: nothing in the site changes
        docs_dir = os.path.abspath(self.settings.docs_dir)
        for path in entries:
            if content.check_file(path, docs_dir, self.settings.catalogue_dir):
                return False
        started = time.monotonic()
        assert self.catalogue is not None and self.ctx is not None
        root = Path(docs_dir) / self.settings.catalogue_dir.strip("/")
        result = reload(self.catalogue, entries, docs_dir=root.parent)
        if result is None:
            return False
        catalogue = result.catalogue
        old = self.ctx
        self.ctx = ctx = SiteContext(catalogue, old.urls, old.edit_base, old.site_name, old.templates, links=old.links)
        self.catalogue = catalogue
        self._last_good = (root, catalogue)
        self._loaded = None
        if self._record is not None:
            self._record.forget()  # the pages differ from what the record says
        shown = [catalogue.records[i] for i in result.affected if catalogue.records[i].is_published]
        try:
            write_entry_pages(ctx.entry_pages(shown), ctx.entry_context(), self.shell(), site_dir,
                              cache_path=self._cache("bodies.sqlite"), dest=self.dest, prune=False)
        except BodyChanged as error:  # edited again meanwhile: the full build that follows reads it anew
            self.log.info(f"katalog: {error}")
            return False
        for entry_id in result.affected:
            if not catalogue.records[entry_id].is_published:
                page = Path(site_dir, self.dest.format(id=entry_id))
                page.unlink(missing_ok=True)
                if ctx.urls.use_directory_urls:
                    try:
                        page.parent.rmdir()
                    except OSError:
                        pass
        exports.write_entry_files(catalogue, result.affected, site_dir, urls=ctx.urls)
        self._deferred.update(result.changed)
        names = ", ".join(result.changed)
        others = len(result.affected) - len(result.changed)
        also = f" dan {others} halaman yang menautnya" if others else ""
        self.log.info(f"katalog: {names} dimuat ulang; halamannya{also} ditulis dalam {time.monotonic() - started:.2f} "
                      f"s. Daftar, statistik, pencarian dan unduhan data menyusul pada build penuh berikutnya "
                      f"({len(self._deferred)} entri menunggu): saat file selain entri berubah, atau `mkdocs serve` "
                      "dijalankan ulang")
        return True

    # --- one page (katalog preview) ------------------------------------------------------------

    def write_one(self, catalogue: Catalogue, entry_id: str, out_dir: str) -> tuple[str, str]:
        """The page of `entry_id` of `catalogue` (loaded around it), from the shell this build
        rendered, below `out_dir`, as a build writes it. Returns (its file, its URL) below `out_dir`."""
        assert self.ctx is not None
        site_ctx = self.ctx
        ctx = SiteContext(catalogue, site_ctx.urls, site_ctx.edit_base, site_ctx.site_name, site_ctx.templates,
                          links=site_ctx.links)
        record = catalogue.records[entry_id]
        try:
            write_entry_pages(ctx.entry_pages([record]), ctx.entry_context(), self.shell(), out_dir, cache_path=None,
                              dest=self.dest, prune=False)
        except BodyChanged as error:
            raise BuildFailed(f"katalog: {error}") from None
        return self.dest.format(id=entry_id), ctx.urls.entry(entry_id)


def refuse(refused: list[Diagnostic]) -> None:
    files = len({d.path for d in refused})
    raise BuildFailed(f"katalog: content/ memuat {files} file atau folder yang tidak diizinkan; situs tidak "
                      "dibangun.\n" + "\n".join(d.format() for d in refused))
