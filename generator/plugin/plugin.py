"""The `katalog` MkDocs plugin: the catalogue in, the public site out.

The hooks stay short and delegate to the core (`catalogue`), the page builders (`site`,
`pages.*`) and the entry writer (`pages.writer`):

- `on_config` first holds the whole docs dir to the content allow-list (`content`: entries,
  raster images, the site's own pages; no symlink, no HTML, no SVG, ...): anything else stops
  the build, under `serve` too, before MkDocs collects or copies a file.
- `on_config` then loads and validates the catalogue before MkDocs touches the site dir. Under
  `mkdocs build` an invalid entry stops the build there, with every diagnostic, and nothing is
  written; the build also goes to a staging dir that replaces the site dir only once complete,
  so a build that fails later leaves the previous site as it was. Each build has its own
  staging dir, and a lock beside the site dir makes a second build into the same site dir
  wait for the first. Under `mkdocs serve` the
  errors are logged and shown on every page, and the last good catalogue is served.
- `on_config` also reads and validates the site's own pages (`pages.authored`: the `.md` files
  outside the catalogue), with the same rules as `katalog validate`; an invalid one stops the
  build (under `serve`: it is left out and its errors shown).
- `on_files` checks again that MkDocs collected only allowed files from the docs dir, takes
  the entry files away from MkDocs (it would render each through
  Python-Markdown and the theme) and adds the generated pages and one entry *shell* page. A
  site page or image at a path the build writes itself stops the build. Each site page's
  source, as MkDocs sees it, becomes empty: MkDocs never parses its front matter (no
  `template:`), Python-Markdown never sees its text (no raw HTML, no extension); its page is
  filled with the HTML of the entries' renderer (`on_page_markdown`, `on_page_content`).
  Images of `content/` are published only when a published entry or a site page shows them,
  and then written anew without their metadata (`images.clean`).
- `on_page_*` fill the generated pages; `on_post_page` keeps the rendered shell.
- `on_post_build` writes every entry page from the shell and the sitemap, then reports the
  site's size per section (`sizes`; a warning over `size_budget_mb`) and publishes.
- `on_serve` puts the plugin's builder in front of MkDocs' under `mkdocs serve`: an edit to
  entry files only rewrites what shows them (see `serve`), anything else is a full build.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

from jinja2.exceptions import TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import clock, content, exports, images, linkcheck, parallel, publishing, search, sizes
from ..catalogue import Catalogue, find_entry_files, load_files, reload
from ..diagnostics import ERROR, Diagnostic
from ..pages import authored, csp, html, site, writer
from ..pages.context import SiteContext
from ..pages.html import e as escape_html
from ..pages.writer import SHELL_ID, TOKENS, Shell, ShellError, start_pool, write_entry_pages
from ..publishing import PublishError, Staging
from ..render import local_images
from ..urls import Urls
from . import serve
from .config import KatalogConfig

log = logging.getLogger("mkdocs.plugins.katalog")

SHELL_TEMPLATE = "katalog/entri.html"
SHELL_NOT_RENDERED = "katalog: halaman kerangka entri tidak dirender"
"""The same words in a build and in `katalog preview` (plugin/preview.py), as `shell_problem`'s."""
ERROR_PAGE = site.ERROR_PAGE
CACHE_ENV = "KATALOG_CACHE_DIR"


class KatalogPlugin(BasePlugin[KatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        # Kept across `mkdocs serve` rebuilds (MkDocs reuses a plugin that has `on_startup`).
        self._last_good: tuple[Path, Catalogue] | None = None
        self._loaded: tuple[tuple, Catalogue] | None = None
        self._shell_only = False  # `katalog preview`: see `shell_only`
        self._reset()

    @contextmanager
    def shell_only(self) -> Iterator[None]:
        """For `katalog preview` (plugin/preview.py): within it, `on_config` and `on_files`
        prepare the entry page shell and nothing else: no scan of the docs dir, an empty
        catalogue, no page workers, no record of the site folder and no search index (a
        preview leaves the next build's warm start alone)."""
        self._shell_only = True
        try:
            yield
        finally:
            self._shell_only = False

    def _reset(self) -> None:
        self.catalogue: Catalogue | None = None
        self.ctx: SiteContext | None = None
        self.errors: list[str] = []
        self._failed: Catalogue | None = None
        self.pages: dict[str, site.SitePage] = {}
        self._nav_uris: set[str] = set()
        self.shell_uri = ""
        self.shell_html: str | None = None
        self.files: Files | None = None
        self.publishing = Staging()
        self._allowed: set[str] = set()  # the files of the docs dir the allow-list accepted
        self.site_pages: dict[str, authored.Page] = {}  # the site's own pages, validated, by source path
        self._refused_pages: set[str] = set()  # under serve: site pages with errors, left out
        self._site_errors: list[str] = []
        self.mkdocs_config: MkDocsConfig | None = None
        self.pool = None
        # What this build put in the site folder (`publishing.SiteRecord`), saved once published.
        self._record: publishing.SiteRecord | None = None
        self._previous: dict = {}  # the record of the site folder as the build found it
        self._written: dict = {}
        self._index: search.IndexJob | None = None  # the search index, made while the build goes on
        # Under `serve`: set once a build completed, for `_serve_update` to work on (see `serve`).
        self._complete = False
        self._outside: serve.Outside | None = None
        self._deferred: set[str] = set()  # entries reloaded since the last full build

    def _stop_index(self) -> None:
        if self._index is not None:
            self._index.abort()
            self._index = None

    def _stop_pool(self, *, terminate: bool = False) -> None:
        if self.pool is not None:
            self.pool.terminate() if terminate else self.pool.close()
            self.pool.join()
            self.pool = None

    # --- lifecycle ------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty
        self._port_checked = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._stop_pool(terminate=True)
        self._stop_index()
        self.publishing.unlock()  # held by an earlier build in this process that ended without on_build_error
        self._reset()
        if not self.config.enabled:
            return None
        self.mkdocs_config = config
        if self.is_serve and not getattr(self, "_port_checked", True):
            self._port_checked = True  # later rebuilds run with our own server on that port
            if (problem := serve.port_in_use(config.dev_addr)) is not None:
                raise PluginError(problem)
        budget = self.config.size_budget_mb
        if isinstance(budget, bool) or budget <= 0:
            raise PluginError(f"katalog: size_budget_mb harus angka MB lebih dari 0, bukan {budget!r}")
        if not self._shell_only:
            self._check_content(config)
            self._check_site_pages(config)
        self._check_theme(config)
        try:
            today = clock.today()
        except ValueError as error:
            raise PluginError(str(error)) from None
        root = Path(config.docs_dir) / self.config.catalogue_dir
        files = find_entry_files([root]) if root.is_dir() and not self._shell_only else []
        if len(files) >= parallel.PARALLEL_FROM:
            # Forked now, while this process is small: the page writers (see pages/writer.py),
            # which inherit the entry templates compiled.
            writer.prepare_templates(tuple(config.theme.dirs))
            self.pool = start_pool(self._jobs())
        try:
            started = time.monotonic()
            catalogue = self._load(root, files, today, config)
            log.debug(f"katalog: katalog dimuat dalam {time.monotonic() - started:.1f} s")
            self._report(catalogue, root)
        except BaseException:
            self._stop_pool(terminate=True)
            raise

        records = self._beside_config(self.config.verification_dir)
        if self.is_serve and records.is_dir() and str(records) not in map(str, config.watch):
            config.watch.append(str(records))  # a new record is a full build, as a theme change is
        config.extra["katalog_galat"] = None
        # The dev server's live-reload script is inline: main.html leaves the CSP out under serve.
        config.extra["katalog_serve"] = self.is_serve
        self.errors += self._site_errors
        if self.errors:
            config.extra["katalog_galat"] = {
                "jumlah": len(self.errors),
                "url": site.url_of(ERROR_PAGE, Urls(use_directory_urls=config.use_directory_urls)),
                "lama": self.catalogue is not catalogue,  # the last good catalogue is shown
            }
        if config.nav is None and self.config.pages_nav:
            config.nav = self._nav(config)
        if not self.is_serve and not self.is_dirty:
            try:
                config.site_dir = self.publishing.start(config.site_dir)
            except PublishError as error:
                raise PluginError(str(error)) from None
        return config

    def _check_content(self, config: MkDocsConfig) -> None:
        """The content allow-list over the whole docs dir: any refusal stops the build here,
        before MkDocs lists, reads or copies a file of it (MkDocs itself follows symlinks)."""
        refused, self._allowed = content.scan_tree(config.docs_dir, self.config.catalogue_dir)
        if refused:
            self._refuse(refused)

    def _check_site_pages(self, config: MkDocsConfig) -> None:
        """The site's own pages, read and validated as `katalog validate` does (`pages.authored`),
        and every page and image of the site's own held to the places the build leaves free."""
        urls = Urls(use_directory_urls=config.use_directory_urls)
        self.site_pages, problems = authored.check_site(config.docs_dir, self.config.catalogue_dir, self._allowed,
                                                        authored.reserved_paths(urls), urls, display=content.display)
        errors = [d for d in problems if d.is_error]
        if not errors:
            return
        if not self.is_serve:
            files = len({d.path for d in errors})
            raise PluginError(f"katalog: {files} halaman atau gambar situs tidak valid; situs tidak dibangun.\n"
                              + "\n".join(d.format() for d in errors))
        shown = {d.path for d in errors}
        self._refused_pages = {uri for uri, page in self.site_pages.items() if page.path in shown}
        self._refused_pages |= {uri for uri in authored.site_files(config.docs_dir, self.config.catalogue_dir,
                                                                     self._allowed)
                                if content.display(os.path.join(config.docs_dir, *uri.split("/"))) in shown}
        self._site_errors = [d.format() for d in errors]
        for message in self._site_errors:
            log.error(message)

    def _refuse(self, refused: list[Diagnostic]) -> None:
        files = len({d.path for d in refused})
        raise PluginError(f"katalog: content/ memuat {files} file atau folder yang tidak diizinkan; situs tidak "
                          "dibangun.\n" + "\n".join(d.format() for d in refused))

    def _check_theme(self, config: MkDocsConfig) -> None:
        # The katalog theme is package data (generator/theme/): ours after the site's own
        # custom_dir (an adopter's overrides), before Material's, so a site overrides only the
        # templates it changes and an upgrade of the package leaves its overrides alone (see
        # "Templates an adopter can override"). robots.txt is rendered as MkDocs renders 404.html.
        html.templates.cache_clear()  # a new build (or a `serve` rebuild) reads the templates afresh
        dirs = config.theme.dirs
        ours = str(html.THEME)
        if os.path.isdir(ours) and ours not in (os.path.abspath(d) for d in dirs):
            custom = config.theme.custom_dir
            dirs.insert(1 if custom and dirs and os.path.abspath(dirs[0]) == os.path.abspath(custom) else 0, ours)
        config.theme.static_templates.add("robots.txt")
        env = config.theme.get_env()
        try:
            env.get_template(SHELL_TEMPLATE)
        except TemplateNotFound:
            raise PluginError(
                f"katalog: templat '{SHELL_TEMPLATE}' tidak ditemukan di {ours}: pasang ulang paket "
                "katalog-inovasi (tema katalog adalah bagian dari paketnya), dengan `theme.name: material`"
            ) from None
        config.extra["katalog_stylesheets"] = _material_stylesheets(env)

    def _jobs(self) -> int:
        return parallel.workers(self.config.catalogue_jobs)

    def _beside_config(self, path: str) -> Path:
        """A setting's path, relative to mkdocs.yml (or the working folder without one)."""
        config = self.mkdocs_config
        base = Path(config.config_file_path).parent if config is not None and config.config_file_path else Path.cwd()
        return base / path

    def _load(self, root: Path, files: list[Path], today, config: MkDocsConfig) -> Catalogue:
        """Load and validate; under `serve`, an unchanged catalogue is reused as it is."""
        records = self._beside_config(self.config.verification_dir)
        signature = None
        if self.is_serve:
            stats = []
            for path in [*files, *(sorted(records.glob("*")) if records.is_dir() else [])]:
                st = path.lstat()
                stats.append((str(path), st.st_mtime_ns, st.st_size))
            signature = (str(root), today, tuple(stats))
            if self._loaded and self._loaded[0] == signature:
                return self._loaded[1]
        if not root.is_dir():
            log.warning(f"katalog: folder katalog '{root}' tidak ada; situs dibangun tanpa inovasi")
        catalogue = load_files(files, docs_dir=root.parent, today=today, jobs=self.config.catalogue_jobs,
                               records_dir=records if not self._shell_only else None,
                               cache=str(self._cache_dir(config)) if self.config.cache and not self._shell_only else None)
        if signature is not None:
            self._loaded = (signature, catalogue)
        return catalogue

    def _report(self, catalogue: Catalogue, root: Path) -> None:
        errors = catalogue.errors
        warnings = len(catalogue.diagnostics) - len(errors)
        if warnings:
            log.info(f"katalog: {warnings} peringatan (jalankan `katalog validate` untuk rinciannya)")
            for d in catalogue.diagnostics:
                if not d.is_error:
                    log.debug(d.format())
        if not errors:
            self.catalogue = catalogue
            self._last_good = (root, catalogue)
            log.info(f"katalog: {len(catalogue.published())} inovasi diterbitkan dari {catalogue.files} file")
            return
        self.errors = [d.format() for d in errors]
        self._failed = catalogue
        files = len({d.path for d in errors})
        head = f"katalog tidak valid: {len(errors)} galat di {files} file; situs tidak dibangun."
        if not self.is_serve:
            raise PluginError(head + "\n" + "\n".join(self.errors))
        for message in self.errors:
            log.error(message)
        if self._last_good and self._last_good[0] == root:
            log.error(f"katalog: {len(errors)} galat; menampilkan versi katalog terakhir yang valid")
            self.catalogue = self._last_good[1]
        else:
            log.error(f"katalog: {len(errors)} galat; entri yang tidak valid tidak ditampilkan")
            self.catalogue = catalogue

    def _link_report(self) -> linkcheck.LinkReport | None:
        """The last check of the evidence links (`linkcheck`, written by a scheduled workflow),
        if there is one. A report that cannot be used is left out with a note, never a warning:
        the check is never a reason for a build to fail."""
        path = self._beside_config(self.config.verification_links)
        report, problem = linkcheck.read_report(path)
        if problem:
            log.info(f"katalog: laporan tautan bukti {path} diabaikan: {problem}")
        return report

    def _nav(self, config: MkDocsConfig) -> list[dict[str, str]]:
        return [{title: uri} for title, uri in site.NAV]

    # --- atomic publishing ----------------------------------------------------------------------

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_pool(terminate=True)
        self._stop_index()
        if self.publishing.active:
            final = self.publishing.abort()
            if self.mkdocs_config is not None:
                self.mkdocs_config.site_dir = final
        self.publishing.unlock()

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        files = self._allowed_files(files, config)
        files = self._own_pages(files, config)
        if self.catalogue is None:
            return self._own_images(files, config, set())
        prefix = self.config.catalogue_dir.strip("/") + "/"
        kept = Files([f for f in files if not (f.src_uri.startswith(prefix) and f.is_documentation_page())])

        urls = Urls(use_directory_urls=config.use_directory_urls, site_url=config.site_url or None)
        edit_base = None
        if config.edit_uri and not config.edit_uri_template:
            edit_uri = config.edit_uri if config.edit_uri.endswith("/") else config.edit_uri + "/"
            repo = config.repo_url or ""
            if repo and not repo.endswith("/"):
                repo += "/"
            edit_base = urljoin(repo, edit_uri)
        self.ctx = SiteContext(self.catalogue, urls, edit_base, config.site_name, tuple(config.theme.dirs),
                               links=self._link_report())
        source = _criteria_source(edit_base, config)
        in_nav = self._nav_uris = {uri for _, uri in site.NAV}
        licence = exports.licence_from(config.extra)
        for page in site.site_pages(self.ctx, per_page=self.config.pages_listing_size, criteria_source=source,
                                    licence=licence):
            self.pages[page.uri] = page
            if kept.get_file_from_path(page.uri) is None:
                inclusion = InclusionLevel.UNDEFINED if page.uri in in_nav else InclusionLevel.NOT_IN_NAV
                kept.append(File.generated(config, page.uri, content=f"# {page.title}\n", inclusion=inclusion))

        self.shell_uri = f"{urls.entries}/{SHELL_ID}.md"
        shell = (f"---\ntitle: {TOKENS['title']}\ndescription: {TOKENS['description']}\n"
                 f"template: {SHELL_TEMPLATE}\nhide: [toc]\n---\n")
        kept.append(File.generated(config, self.shell_uri, content=shell, inclusion=InclusionLevel.NOT_IN_NAV))
        if self.errors:
            kept.append(File.generated(config, ERROR_PAGE, content="# Galat katalog\n",
                                       inclusion=InclusionLevel.NOT_IN_NAV))
        self._check_places(kept, config, urls)
        kept = self._own_images(kept, config, self._shown_images(config))
        self.files = kept
        if self._shell_only:
            return kept
        # What the previous build left in the site folder, for a warm build to keep.
        self._record = publishing.SiteRecord(self._cache_dir(config) / "situs.json") if self.config.cache else None
        self._previous = self._record.previous(self._previous_dir(config)) if self._record else {}
        if self._record and not self.publishing.active:
            self._record.forget()  # written in place: the old record stops being true now
        self._start_search_index(config)
        return kept

    # --- the site's own pages and images ---------------------------------------------------------

    def _is_own(self, file: File, config: MkDocsConfig) -> bool:
        """A file of the docs dir outside the catalogue (a site page or image of the site's own)."""
        prefix = self.config.catalogue_dir.strip("/") + "/"
        return (file.generated_by is None and not file.src_uri.startswith(prefix)
                and os.path.abspath(file.src_dir or "") == os.path.abspath(config.docs_dir))

    def _own_pages(self, files: Files, config: MkDocsConfig) -> Files:
        """The site's own pages as MkDocs will see them: empty sources (their pages are filled
        from `site_pages` in `on_page_markdown` and `on_page_content`), and, under serve, none
        of those that have errors."""
        kept = []
        for file in files:
            if self._is_own(file, config):
                if file.src_uri in self._refused_pages:
                    continue
                if file.is_documentation_page():
                    if file.src_uri not in self.site_pages:
                        continue  # not validated (the docs dir changed since): not published
                    file.content_string = ""
            kept.append(file)
        return Files(kept)

    def _check_places(self, files: Files, config: MkDocsConfig, urls: Urls) -> None:
        """No page or image of the site's own where the build writes (checked again with the
        build's own files: every page it generates, every file of the theme)."""
        built = [f for f in files if not (f.src_uri in self.site_pages or self._is_own(f, config))]
        theme = {f.url.split("/", 1)[0] for f in built if f.generated_by is None and "/" in f.url}
        reserved = authored.reserved_paths(urls, extra_files=[f.url for f in built], extra_folders=theme)
        refused = []
        for file in files:
            if file.src_uri in self.site_pages or (self._is_own(file, config) and not file.is_documentation_page()):
                where = authored.path_problem(file.src_uri, reserved, urls)
                if where:
                    shown = content.display(os.path.join(config.docs_dir, *file.src_uri.split("/")))
                    refused.append(Diagnostic(shown, 1, 1, ERROR, "", where))
        if refused:
            self._refuse(refused)

    def _shown_images(self, config: MkDocsConfig) -> set[str]:
        """The images of the docs dir that a published entry (its `gambar`, its body) or a site
        page shows: the only ones the site publishes."""
        assert self.ctx is not None
        shown: set[str] = set()
        for record in self.ctx.published:
            picture = self.ctx.entry_context().image_path(record.source, record.entry.gambar)
            if picture:
                shown.add(picture)
            shown.update(local_images(record.body, os.path.dirname(record.source)))
        for uri, page in self.site_pages.items():
            if uri not in self._refused_pages:
                shown.update(local_images(page.body, os.path.dirname(uri)))
        return shown

    def _own_images(self, files: Files, config: MkDocsConfig, shown: set[str]) -> Files:
        """Images of the docs dir: those no published entry or page shows are left out (drafts'
        included), the others are published written anew, without their metadata."""
        kept = []
        for file in files:
            is_image = os.path.splitext(file.src_uri)[1].lower() in content.IMAGE_EXTENSIONS
            if file.generated_by is not None or not is_image or file.abs_src_path is None:
                kept.append(file)
                continue
            if os.path.abspath(file.src_dir or "") != os.path.abspath(config.docs_dir):
                kept.append(file)  # the theme's own
                continue
            if file.src_uri not in shown:
                continue
            expected = content.IMAGE_EXTENSIONS[os.path.splitext(file.src_uri)[1].lower()]
            try:
                with open(file.abs_src_path, "rb") as f:
                    data = f.read(content.MAX_IMAGE_BYTES + 1)
                if len(data) > content.MAX_IMAGE_BYTES:
                    raise images.ImageProblem(f"gambar terlalu besar; batasnya {content.MAX_IMAGE_BYTES} byte")
                file.content_bytes = images.clean(data, expected)
            except (OSError, images.ImageProblem) as error:
                shown_path = content.display(os.path.join(config.docs_dir, *file.src_uri.split("/")))
                self._refuse([Diagnostic(shown_path, 1, 1, ERROR, "", str(error))])
            kept.append(file)
        return Files(kept)

    def _allowed_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Belt and braces after `_check_content`: MkDocs collected only files the allow-list
        accepted; one that it did not see (the docs dir changed since) is checked where it is, and
        any refusal stops the build."""
        docs_dir = os.path.abspath(config.docs_dir)
        refused = []
        for file in files:
            if file.generated_by is not None or file.abs_src_path is None or file.src_uri in self._allowed:
                continue
            if os.path.abspath(file.src_dir or "") != docs_dir:
                continue  # the theme's own files
            path = file.abs_src_path
            found = content.check_file(path, docs_dir, self.config.catalogue_dir)
            if not found and not content.real_path_below(path, docs_dir):
                found = content.check_tree(docs_dir, self.config.catalogue_dir) or [
                    Diagnostic(path, 1, 1, ERROR, "", "file ini dicapai lewat tautan simbolik (symlink)")]
            refused += found
        if refused:
            self._refuse(list(dict.fromkeys(refused)))
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if uri == self.shell_uri:
            return ""
        own = self.site_pages.get(uri) if page.file.generated_by is None else None
        if own is not None:
            # Only what validation read: MkDocs saw an empty source (see `_own_pages`).
            page.meta.clear()
            page.meta.update(own.meta())
            heading = own.heading()
            # As MkDocs would take it from the first h1, unless the nav named the page ("Beranda"):
            # a title given to the page is held in its own attributes (`title` is a weak property).
            if heading and "title" not in vars(page):
                page.title = heading
            markdown = ""
        spec = self.pages.get(uri)
        if spec is not None or uri == ERROR_PAGE:
            wide = spec is not None and spec.wide and uri not in self._nav_uris
            page.meta.setdefault("hide", ["toc", "navigation"] if wide else ["toc"])
            if spec is not None and spec.description:
                page.meta.setdefault("description", spec.description)
            if uri == site.BROWSE:
                page.meta["katalog_cari"] = True  # theme/main.html preloads the search's scripts
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if uri == self.shell_uri:
            return TOKENS["content"]
        own = self.site_pages.get(uri) if page.file.generated_by is None else None
        if own is not None:
            html, toc = own.html(_page_links(page.file, files))
            page.toc = get_toc(toc)  # type: ignore[arg-type]
            if "<h1" not in html:  # its title as its h1, escaped (Material would print it raw)
                html = f"<h1>{escape_html(page.title or config.site_name)}</h1>\n{html}"
        spec = self.pages.get(uri)
        if spec is not None:
            return html + spec.build()
        if uri == ERROR_PAGE:
            return html + site.error_page_html(self.errors, last_good=self.catalogue is not self._failed)
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if page.file.src_uri == self.shell_uri:
            page.edit_url = TOKENS["edit_url"] if self.ctx and self.ctx.edit_base else None
            context["katalog_head"] = TOKENS["head"]
        elif page.file.src_uri in self.pages:
            page.edit_url = None  # generated: its file in the repository is not what it shows
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri == self.shell_uri:
            self.shell_html = output
            return output
        # The policy's script hashes (pages/csp.py); a site page's own text is not the theme's.
        untrusted = page.content or "" if page.file.src_uri in self.site_pages else ""
        return csp.fill(_hide_toggles(output), untrusted)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        return csp.fill(_hide_toggles(output_content)) if template_name.endswith(".html") else output_content

    # --- writing --------------------------------------------------------------------------------

    @event_priority(50)
    def _write_entries(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.ctx is None:
            return
        if self.shell_html is None:
            raise PluginError(SHELL_NOT_RENDERED)
        shell_dir = os.path.join(config.site_dir, os.path.dirname(self._shell_file().dest_uri))
        try:
            shell = Shell(self.shell_html)
        except ShellError as error:
            raise PluginError(shell_problem(error)) from None
        if config.use_directory_urls:
            shutil.rmtree(shell_dir, ignore_errors=True)
        else:
            Path(config.site_dir, self._shell_file().dest_uri).unlink(missing_ok=True)
        started = time.monotonic()
        cache = str(self._cache_dir(config) / "bodies.sqlite") if self.config.cache else None
        # A warm build keeps the previous site's unchanged entry pages (see pages/writer.py).
        jobs = (self.ctx.entry_job(record) for record in self.ctx.published)
        try:
            stats = write_entry_pages(jobs, self.ctx.entry_context(), shell, config.site_dir, cache_path=cache,
                                      dest=self._dest(config), pool=self.pool,
                                      previous_dir=self._previous_dir(config),
                                      previous=self._previous.get("halaman") or {})
        except BaseException:
            self._stop_pool(terminate=True)
            raise
        self._stop_pool()
        self._written["halaman"] = stats.fingerprints
        log.info(f"katalog: {stats.pages} halaman inovasi: {stats.pages - stats.kept} ditulis ({stats.rendered} uraian "
                 f"dirender, {stats.cached - stats.kept} dari cache), {stats.kept} tetap dari build sebelumnya")
        log.debug(f"katalog: halaman inovasi ditulis dalam {time.monotonic() - started:.1f} s")
        self._write_sitemap(config)
        self._write_exports(config)
        self._write_search_index(config)
        self._remove_empty_folders(config)

    @event_priority(-100)
    def _finish(self, config: MkDocsConfig) -> None:
        if self.config.enabled:
            if not self.is_serve:
                self._report_size(config)
            elif self.ctx is not None and self.shell_html is not None and not self._shell_only:
                self._complete = True
                self._deferred = set()
                theme_dirs = [str(d) for d in config.theme.dirs]
                self._outside = serve.Outside(serve.outside_paths(config.config_file_path, theme_dirs,
                                                                  list(config.watch)))
            started = time.monotonic()
            if self.publishing.active:
                config.site_dir = self.publishing.publish()
            log.debug(f"katalog: situs diterbitkan dalam {time.monotonic() - started:.1f} s")
            if self._record and self._written:
                try:
                    self._record.save(config.site_dir, **self._written)
                except OSError as error:
                    log.warning(f"katalog: catatan isi situs tidak dapat ditulis ke {self._record.path}: "
                                f"{error.strerror or error}")
                self._written = {}

    # --- serve: one entry's edit -------------------------------------------------------------------

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Under `mkdocs serve`: watch the docs dir for which files change, and build with
        `_serve_update` first (see `serve`); MkDocs' own builder does everything else."""
        if not self.config.enabled:
            return server
        changes = serve.Changes()
        server.observer.schedule(changes, config.docs_dir, recursive=True)
        full = server.builder

        def build(config: MkDocsConfig | None = None) -> None:
            paths = changes.take()
            try:
                if config is None and self._serve_update(paths):
                    return
            except Exception as error:  # noqa: BLE001 - the full build below starts from the files again
                log.warning(f"katalog: pembaruan cepat gagal ({type(error).__name__}: {error}); build penuh")
            full(config)

        server.builder = build
        return server

    def _serve_update(self, paths: set[str]) -> bool:
        """Rewrite what the changed entry files show, and say True; False when only a full build
        can: nothing known changed, something besides entries changed, the last build did not
        complete or had errors, the date changed, or the catalogue would not be valid."""
        config = self.mkdocs_config
        if (not paths or not self._complete or self.errors or config is None or self.ctx is None
                or self.shell_html is None or self.catalogue is None):
            return False
        docs_dir = os.path.abspath(config.docs_dir)
        kinds = {path: serve.classify(path, docs_dir, self.config.catalogue_dir) for path in paths}
        if serve.OTHER in kinds.values():
            return False
        if self._outside is not None and self._outside.changed():
            return False
        entries = sorted(Path(p) for p, kind in kinds.items() if kind == serve.ENTRY)
        if not entries:
            return True  # an editor's swap file: nothing in the site changes
        try:
            if clock.today() != self.catalogue.today:
                return False
        except ValueError:
            return False
        for path in entries:
            if content.check_file(path, docs_dir, self.config.catalogue_dir):
                return False
        started = time.monotonic()
        root = Path(docs_dir) / self.config.catalogue_dir
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
        dest = self._dest(config)
        shown = [catalogue.records[i] for i in result.affected if catalogue.records[i].is_published]
        cache = str(self._cache_dir(config) / "bodies.sqlite") if self.config.cache else None
        write_entry_pages((ctx.entry_job(record) for record in shown), ctx.entry_context(), Shell(self.shell_html),
                          config.site_dir, cache_path=cache, dest=dest, prune=False)
        for entry_id in result.affected:
            if not catalogue.records[entry_id].is_published:
                page = Path(config.site_dir, dest.format(id=entry_id))
                page.unlink(missing_ok=True)
                if config.use_directory_urls:
                    try:
                        page.parent.rmdir()
                    except OSError:
                        pass
        exports.write_entry_files(catalogue, result.affected, config.site_dir, urls=ctx.urls)
        self._deferred.update(result.changed)
        names = ", ".join(result.changed)
        others = len(result.affected) - len(result.changed)
        also = f" dan {others} halaman yang menautnya" if others else ""
        log.info(f"katalog: {names} dimuat ulang; halamannya{also} ditulis dalam {time.monotonic() - started:.2f} s. "
                 f"Daftar, statistik, pencarian dan unduhan data menyusul pada build penuh berikutnya "
                 f"({len(self._deferred)} entri menunggu): saat file selain entri berubah, atau `mkdocs serve` "
                 "dijalankan ulang")
        return True

    def _report_size(self, config: MkDocsConfig) -> None:
        """The size report (`sizes`) of the finished site, before it is published (after every
        other plugin's `on_post_build`): printed, written to `<cache_dir>/ukuran.json` (the
        previous build's kept as `ukuran-sebelumnya.json`) and held to `size_budget_mb`."""
        started = time.monotonic()
        entries = self.ctx.urls.entries if self.ctx else Urls().entries
        report = sizes.measure(config.site_dir, entries=entries)
        report.site_dir = self.publishing.final if self.publishing.active else os.path.abspath(config.site_dir)
        log.info("katalog: " + report.text())
        folder = self._cache_dir(config)
        previous = sizes.read_report(folder / sizes.REPORT_FILE)
        try:
            sizes.save(report, folder)
        except OSError as error:
            log.warning(f"katalog: laporan ukuran tidak dapat ditulis ke {folder}: {error.strerror or error}")
        log.debug(f"katalog: laporan ukuran dibuat dalam {time.monotonic() - started:.1f} s")
        message = sizes.over_budget(report, self.config.size_budget_mb * sizes.MB, previous)
        if message:
            log.warning(f"katalog: {message} (size_budget_mb di mkdocs.yml)")

    on_post_build = CombinedEvent(_write_entries, _finish)

    def _remove_empty_folders(self, config: MkDocsConfig) -> None:
        """No empty folder in a site: a catalogue without published entries leaves `inovasi/`
        and `api/inovasi/` empty. `rmdir` removes a folder only when it is empty."""
        entries = self.ctx.urls.entries if self.ctx else "inovasi"
        candidates = [entries, os.path.join(exports.API, "inovasi")]
        for folder in candidates:
            try:
                os.rmdir(os.path.join(config.site_dir, folder))
            except OSError:
                pass

    def _previous_dir(self, config: MkDocsConfig) -> str:
        """The site folder as the previous build left it: the one being replaced, or (serve,
        --dirty) the one being written."""
        return self.publishing.final if self.publishing.active else config.site_dir

    def _shell_file(self) -> File:
        assert self.files is not None
        file = self.files.get_file_from_path(self.shell_uri)
        assert file is not None
        return file

    def _dest(self, config: MkDocsConfig) -> str:
        entries = self.ctx.urls.entries if self.ctx else "inovasi"
        return f"{entries}/{{id}}/index.html" if config.use_directory_urls else f"{entries}/{{id}}.html"

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        """`KATALOG_CACHE_DIR` when set (CI caches, the benchmark), else `cache_dir` next to mkdocs.yml."""
        if os.environ.get(CACHE_ENV):
            return Path(os.environ[CACHE_ENV])
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return base / self.config.cache_dir

    def _write_exports(self, config: MkDocsConfig) -> None:
        """The open-data files (`exports`), into the site's api/."""
        ctx = self.ctx
        assert ctx is not None
        started = time.monotonic()
        stats = exports.write_exports(ctx.catalogue, config.site_dir, urls=ctx.urls, site_name=config.site_name,
                                      licence=exports.licence_from(config.extra),
                                      previous_dir=self._previous_dir(config), previous=self._previous.get("data"))
        self._written["data"] = stats.fingerprints
        log.info(f"katalog: data terbuka: {stats.entries} berkas inovasi: {stats.entries - stats.kept} ditulis, "
                 f"{stats.kept} tetap dari build sebelumnya")
        log.debug(f"katalog: {stats.files} berkas data terbuka ({stats.bytes / 1e6:.0f} MB) ditulis dalam "
                  f"{time.monotonic() - started:.1f} s")

    def _start_search_index(self, config: MkDocsConfig) -> None:
        """Start the search index of the Jelajahi page (`search`) as soon as the catalogue is
        known: it is made on the core MkDocs' own single-threaded page rendering leaves idle.
        The previous build's is kept when nothing it is made from changed, and its files that
        did not change are linked; the entries' analysis is kept in the cache dir."""
        if not self.config.search or self.ctx is None:
            return
        self._search_started = time.monotonic()
        previous = self._previous.get("pencarian")
        try:
            self._index = search.start_index(
                self.ctx.published, config.site_dir,
                previous=(self._previous_dir(config), previous) if isinstance(previous, dict) else None,
                cache=str(self._cache_dir(config) / "pencarian") if self.config.cache else None)
        except search.SearchIndexError as error:
            raise PluginError(f"katalog: indeks pencarian tidak dapat dibuat: {error}") from None

    def _write_search_index(self, config: MkDocsConfig) -> None:
        """Wait for the search index `_start_search_index` started."""
        if self._index is None:
            return
        job, self._index = self._index, None
        try:
            result = job.wait()
        except search.SearchIndexError as error:
            raise PluginError(f"katalog: indeks pencarian tidak dapat dibuat: {error}") from None
        self._written["pencarian"] = {"sidik": result.fingerprint, "berkas": result.files}
        if result.kept:
            done = "tidak berubah sejak build sebelumnya"
        else:
            done = (f"{result.read} inovasi dibaca, {result.count - result.read} dari cache; {result.written} dari "
                    f"{len(result.files)} berkas ditulis")
        log.info(f"katalog: indeks pencarian: {result.count} inovasi, {done} "
                 f"(siap {time.monotonic() - self._search_started:.1f} s setelah dimulai)")

    def _write_sitemap(self, config: MkDocsConfig) -> None:
        ctx = self.ctx
        if ctx is None or not config.site_url or self.files is None:
            return
        items: list[tuple[str, str | None]] = []
        for file in self.files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.src_uri in (self.shell_uri, ERROR_PAGE):
                continue
            spec = self.pages.get(file.src_uri)
            lastmod = spec.lastmod.isoformat() if spec is not None and spec.lastmod else None
            url = "" if file.url in (".", "./") else file.url
            items.append((ctx.urls.absolute(url) or url, lastmod))
        for record in ctx.published:
            items.append((ctx.urls.absolute(ctx.urls.entry(record.id)) or "", record.entry.diperbarui.isoformat()))
        publishing.write_sitemap(config.site_dir, items)


def shell_problem(error: Exception) -> str:
    """A rendered shell that lost a placeholder (`writer.ShellError`): in a build and in a preview."""
    return f"katalog: {error} (apakah templat {SHELL_TEMPLATE} yang dipakai?)"


_TOGGLES = re.compile(r'<input (?=class="md-toggle" data-md-toggle="(?:drawer|search)")')


def _hide_toggles(html: str) -> str:
    """Material's base.html writes two checkboxes on every page for its script (the drawer's and
    its own search's), named by nothing: this site has neither a drawer nor Material's search.
    Marked `hidden`, they are no control to anyone, with or without the stylesheet, and the
    script still finds and sets them."""
    return _TOGGLES.sub('<input hidden ', html, count=2)


def _page_links(here: File, files: Files):
    """For a site page: where each relative address of its text points on the site, as MkDocs
    would link it (a `.md` file → its page; another file of the docs dir → that file)."""
    import posixpath
    from urllib.parse import unquote, urlsplit

    def link(url: str) -> str:
        if not url or url.startswith(("#", "/")) or urlsplit(url).scheme:
            return url
        path, sep, fragment = url.partition("#")
        path = path.split("?", 1)[0]
        target = files.get_file_from_path(posixpath.normpath(posixpath.join(posixpath.dirname(here.src_uri),
                                                                          unquote(path))))
        if target is None:
            return url
        return target.url_relative_to(here) + (sep + fragment if fragment else "")

    return link


_STYLESHEET = re.compile(r"assets/stylesheets/(main|palette)\.[0-9a-f]+\.min\.css")


def _material_stylesheets(env) -> dict[str, str]:
    """The stylesheets the theme's base.html links, by name (`main`, `palette`): the entry shell
    is a document of its own (katalog/entri.html) and links the same files, whose names carry
    Material's content hash and change with its version."""
    try:
        source = env.loader.get_source(env, "base.html")[0]
    except TemplateNotFound:
        source = ""
    found = {m.group(1): m.group(0) for m in _STYLESHEET.finditer(source)}
    if "main" not in found:
        raise PluginError("katalog: base.html tema tidak menautkan assets/stylesheets/main.<hash>.min.css; halaman "
                          f"inovasi ({SHELL_TEMPLATE}) menautkan lembar gaya Material yang sama dengan base.html")
    return found


def _criteria_source(edit_base: str | None, config: MkDocsConfig) -> str | None:
    """The criteria table on the forge (linked from the methodology page), when the edit URL
    is a GitHub/GitLab-style `.../edit/<branch>/<docs_dir>/` one and mkdocs.yml is at the root."""
    if not edit_base or "/edit/" not in edit_base or not config.config_file_path:
        return None
    root = Path(config.config_file_path).parent
    try:
        docs = Path(config.docs_dir).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    base = edit_base.replace("/edit/", "/blob/", 1)
    if not base.endswith(f"/{docs}/"):
        return None
    return base[: -len(docs) - 1] + "generator/criteria_table.yaml"
