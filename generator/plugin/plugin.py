"""The `katalog` MkDocs plugin: MkDocs' events mapped to the build (`generator.build.Build`).

The build's phases and their state live in `Build`, which knows no builder; the plugin says
when each runs and hands MkDocs what the build made:

- `on_config`: a new build (`Build.begin`), the content allow-list over the docs dir and the
  site's own pages (any refusal stops the build before MkDocs collects or copies a file), the
  theme's place, then the catalogue loaded and validated (`Build.load`: under `mkdocs build`
  an invalid entry stops the build with every diagnostic; under `serve` the errors are shown on
  every page and the last good catalogue is served); last, the staging folder the site is
  built into (`Build.stage`), so that a build that fails leaves the previous site as it was.
- `on_files`: MkDocs' files held again to the allow-list; the entry files taken away (MkDocs
  would render each through Python-Markdown and the theme) and the generated pages and one
  entry *shell* page added; each site page's source emptied (its page is filled with the HTML
  of the entries' renderer in `on_page_markdown` and `on_page_content`); images published only
  when shown, written anew without their metadata (`images.clean`). Then the search index
  starts (`Build.begin_outputs`).
- `on_page_*` fill the generated pages; `on_post_page` keeps the rendered shell (not written).
- `on_post_build`: every entry page from the shell, the sitemap, open data and search
  (`Build.write_outputs`), the size report, and last the site published (`Build.publish`)
  only when MkDocs will not abort: under `--strict`, a warning logged during the build means
  MkDocs raises right after this event, and the staging folder is removed instead
  (`on_build_error`). MkDocs' build does nothing after `on_post_build` but that check.
- `on_serve` starts a watcher of the docs dir of its own (the server's stays MkDocs'): the next
  rebuild of `mkdocs serve` after an edit to entry files only is the fast path
  (`Build.update`, see `serve`), and MkDocs' own rebuild is then given nothing to do.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urljoin

from jinja2.exceptions import TemplateNotFound
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .. import content, exports, images
from ..build import SHELL_NOT_RENDERED, SHELL_TEMPLATE, Build, BuildFailed, Settings, shell_problem
from ..diagnostics import ERROR, Diagnostic
from ..pages import authored, csp, html, site
from ..pages.html import e as escape_html
from ..pages.writer import SHELL_ID, TOKENS
from ..urls import Urls
from . import serve
from .config import KatalogConfig

BUILDER = BasePlugin.__module__.split(".")[0]
"""The builder's package, whose logger its `--strict` counts: `mkdocs`, or `properdocs` (which
answers MkDocs' imports with its own modules)."""
log = logging.getLogger(f"{BUILDER}.plugins.katalog")

__all__ = ["SHELL_NOT_RENDERED", "KatalogPlugin", "shell_problem"]
ERROR_PAGE = site.ERROR_PAGE
CACHE_ENV = "KATALOG_CACHE_DIR"


class _Warnings(logging.Handler):
    """The warnings logged under the builder's logger during a build, as it counts them for `--strict`."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def _strict_aborts(config: MkDocsConfig, counter: _Warnings | None) -> bool:
    """Whether MkDocs will abort this build once `on_post_build` returns: `--strict` and a
    warning logged. MkDocs' own counter (`mkdocs.utils.CountHandler`, which it adds to its
    logger for the build) when there is one, else ours (attached in `on_config`)."""
    if not config.strict:
        return False
    from mkdocs.utils import CountHandler

    counters = [h for h in logging.getLogger(BUILDER).handlers if isinstance(h, CountHandler)]
    if any(h.get_counts() for h in counters):
        return True
    return counter is not None and counter.count > 0


class KatalogPlugin(BasePlugin[KatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        self._port_checked = True
        # MkDocs reuses a plugin that has `on_startup` across `mkdocs serve` rebuilds: so is the build.
        self.build = Build(log)
        self.mkdocs_config: MkDocsConfig | None = None
        self.files: Files | None = None
        self.shell_uri = ""
        self._warnings: _Warnings | None = None
        self._watcher: serve.Watcher | None = None  # under serve: which files changed
        self._outside: serve.Outside | None = None  # under serve: what lies outside the docs dir
        self._scratch: str | None = None  # under serve: the folder a fast rebuild hands MkDocs
        self.bytecode_cache = None  # `katalog preview`: the theme's compiled templates (see `on_env`)

    # --- lifecycle ------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty
        self._port_checked = False
        self.build.serve = self.is_serve

    def on_shutdown(self) -> None:
        """After the command (never called by a build through the Python API): nothing left
        running, no staging folder, no lock."""
        self.build.stop()
        self._count_warnings(False)
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        self._drop_scratch()

    def _count_warnings(self, on: bool) -> None:
        logger = logging.getLogger(BUILDER)
        if self._warnings is not None:
            logger.removeHandler(self._warnings)
            self._warnings = None
        if on:
            self._warnings = _Warnings()
            logger.addHandler(self._warnings)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.build.stop()  # an earlier build in this process that ended without on_build_error
        self._drop_scratch()
        self.files = None
        if not self.config.enabled:
            return None
        self._count_warnings(True)
        self.mkdocs_config = config
        if self.is_serve and not self._port_checked:
            self._port_checked = True  # later rebuilds run with our own server on that port
            if (problem := serve.port_in_use(config.dev_addr)) is not None:
                raise PluginError(problem)
        budget = self.config.size_budget_mb
        if isinstance(budget, bool) or budget <= 0:
            raise PluginError(f"katalog: size_budget_mb harus angka MB lebih dari 0, bukan {budget!r}")
        if self._fast_update(config):
            return config
        try:
            return self._begin(config)
        except BuildFailed as error:
            raise PluginError(str(error)) from None

    def _settings(self, config: MkDocsConfig) -> Settings:
        return Settings(docs_dir=config.docs_dir, catalogue_dir=self.config.catalogue_dir,
                        records_dir=self._beside_config(self.config.verification_dir),
                        links_report=self._beside_config(self.config.verification_links),
                        cache_dir=self._cache_dir(config), cache=self.config.cache, jobs=self.config.catalogue_jobs,
                        search=self.config.search, size_budget_mb=self.config.size_budget_mb,
                        listing_size=self.config.pages_listing_size)

    def _begin(self, config: MkDocsConfig) -> MkDocsConfig:
        build = self.build
        build.begin(self._settings(config))
        urls = Urls(use_directory_urls=config.use_directory_urls)
        build.check_content()
        build.check_site_pages(urls)
        self._check_theme(config)
        build.load(theme_dirs=tuple(config.theme.dirs))
        records = self._beside_config(self.config.verification_dir)
        if self.is_serve and records.is_dir() and str(records) not in map(str, config.watch):
            config.watch.append(str(records))  # a new record is a full build, as a theme change is
        config.extra["katalog_galat"] = None
        # The dev server's live-reload script is inline: main.html leaves the CSP out under serve.
        config.extra["katalog_serve"] = self.is_serve
        if build.errors:
            config.extra["katalog_galat"] = {
                "jumlah": len(build.errors),
                "url": site.url_of(ERROR_PAGE, urls),
                "lama": build.showing_last_good,  # the last good catalogue is shown
            }
        if config.nav is None and self.config.pages_nav:
            config.nav = [{title: uri} for title, uri in site.NAV]
        if not self.is_serve and not self.is_dirty and not build.shell_only:
            config.site_dir = build.stage(config.site_dir)
        return config

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

    def _beside_config(self, path: str) -> Path:
        """A setting's path, relative to mkdocs.yml (or the working folder without one)."""
        config = self.mkdocs_config
        base = Path(config.config_file_path).parent if config is not None and config.config_file_path else Path.cwd()
        return base / path

    def _cache_dir(self, config: MkDocsConfig) -> Path:
        """`KATALOG_CACHE_DIR` when set (CI caches, the benchmark), else `cache_dir` next to mkdocs.yml."""
        if os.environ.get(CACHE_ENV):
            return Path(os.environ[CACHE_ENV])
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return base / self.config.cache_dir

    # --- the end of a build ----------------------------------------------------------------------

    def on_build_error(self, *, error: Exception) -> None:
        final = self.build.abort()
        if final is not None and self.mkdocs_config is not None:
            self.mkdocs_config.site_dir = final
        self._count_warnings(False)
        self._drop_scratch()

    @event_priority(50)
    def _write_entries(self, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.build.ctx is None or self._scratch is not None or self.build.shell_only:
            return
        try:
            self.build.write_outputs(config.site_dir, sitemap=self._sitemap(), site_name=config.site_name,
                                     licence=exports.licence_from(config.extra))
        except BuildFailed as error:
            raise PluginError(str(error)) from None

    @event_priority(-100)
    def _finish(self, config: MkDocsConfig) -> None:
        """Last: the size report, then the site published, unless MkDocs is about to abort."""
        if not self.config.enabled:
            return
        if self._scratch is not None:  # serve's fast path: MkDocs built nothing worth keeping
            self._drop_scratch()
            return
        if self.build.shell_only:
            self._count_warnings(False)  # a preview: the shell is all it wanted
            return
        if not self.is_serve:
            self.build.report_size(config.site_dir)
        if _strict_aborts(config, self._warnings):
            return  # MkDocs raises now; `on_build_error` removes the staging folder
        try:
            config.site_dir = self.build.publish(config.site_dir)
        except BuildFailed as error:
            raise PluginError(str(error)) from None
        self._count_warnings(False)
        if self.is_serve and self.build.complete:
            theme_dirs = [str(d) for d in config.theme.dirs]
            self._outside = serve.Outside(serve.outside_paths(config.config_file_path, theme_dirs, list(config.watch)))

    on_post_build = CombinedEvent(_write_entries, _finish)

    # --- serve: one entry's edit -------------------------------------------------------------------

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        """Under `mkdocs serve`: a watcher of our own on the docs dir learns which files change;
        the server, its watcher and its builder stay MkDocs' (see `serve`)."""
        if self.config.enabled and self._watcher is None:
            self._watcher = serve.Watcher(config.docs_dir)
        return server

    def _fast_update(self, config: MkDocsConfig) -> bool:
        """A rebuild of `mkdocs serve` after an edit to entry files only: the build rewrites what
        they show in the served folder (`Build.update`), and MkDocs' rebuild is handed an empty
        docs dir and its own scratch site folder, so it renders nothing (the dev server then
        reloads the browsers). False: a full build (anything besides entries changed, the last
        build did not complete or had errors, the catalogue would not be valid)."""
        if not self.is_serve or self._watcher is None:
            return False
        paths = self._watcher.take()
        if not paths or not self.build.can_update():
            return False
        docs_dir = os.path.abspath(config.docs_dir)
        kinds = {path: serve.classify(path, docs_dir, self.config.catalogue_dir) for path in paths}
        if serve.OTHER in kinds.values() or (self._outside is not None and self._outside.changed()):
            return False
        entries = sorted(Path(p) for p, kind in kinds.items() if kind == serve.ENTRY)
        try:
            if not self.build.update(entries, config.site_dir):
                return False
        except Exception as error:  # noqa: BLE001 - the full build starts from the files again
            log.warning(f"katalog: pembaruan cepat gagal ({type(error).__name__}: {error}); build penuh")
            return False
        self._scratch = tempfile.mkdtemp(prefix="katalog-serve-")
        os.mkdir(os.path.join(self._scratch, "docs"))
        config.docs_dir = os.path.join(self._scratch, "docs")
        config.site_dir = os.path.join(self._scratch, "site")
        config.theme.static_templates.clear()
        return True

    def _drop_scratch(self) -> None:
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None

    # --- files -----------------------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        if self._scratch is not None:
            return Files([])  # serve's fast path: the build wrote what changed
        try:
            return self._files(files, config)
        except BuildFailed as error:
            raise PluginError(str(error)) from None

    def _files(self, files: Files, config: MkDocsConfig) -> Files:
        build = self.build
        files = self._allowed_files(files, config)
        files = self._own_pages(files, config)
        if build.catalogue is None:
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
        pages = build.make_pages(urls, edit_base, config.site_name, tuple(config.theme.dirs),
                                 criteria_source=_criteria_source(edit_base, config),
                                 licence=exports.licence_from(config.extra))
        in_nav = {uri for _, uri in site.NAV}
        for page in pages.values():
            if kept.get_file_from_path(page.uri) is None:
                inclusion = InclusionLevel.UNDEFINED if page.uri in in_nav else InclusionLevel.NOT_IN_NAV
                kept.append(File.generated(config, page.uri, content=f"# {page.title}\n", inclusion=inclusion))

        self.shell_uri = f"{urls.entries}/{SHELL_ID}.md"
        shell = (f"---\ntitle: {TOKENS['title']}\ndescription: {TOKENS['description']}\n"
                 f"template: {SHELL_TEMPLATE}\nhide: [toc]\n---\n")
        kept.append(File.generated(config, self.shell_uri, content=shell, inclusion=InclusionLevel.NOT_IN_NAV))
        if build.errors:
            kept.append(File.generated(config, ERROR_PAGE, content="# Galat katalog\n",
                                       inclusion=InclusionLevel.NOT_IN_NAV))
        self._check_places(kept, config, urls)
        kept = self._own_images(kept, config, build.shown_images())
        if build.shell_only:
            # A preview: the other pages stay in the nav (the shell's header links them) but out
            # of the build, which then renders the shell alone.
            for file in kept.documentation_pages():
                if file.src_uri != self.shell_uri:
                    file.inclusion = InclusionLevel.EXCLUDED
            # Nor the theme's static templates (404.html, sitemap.xml, robots.txt): MkDocs listed
            # them apart from the theme's files already, and now renders none.
            config.theme.static_templates.clear()
        self.files = kept
        build.begin_outputs(config.site_dir)
        return kept

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.bytecode_cache is not None:
            env.bytecode_cache = self.bytecode_cache
        return env

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
                if file.src_uri in self.build.refused_pages:
                    continue
                if file.is_documentation_page():
                    if file.src_uri not in self.build.site_pages:
                        continue  # not validated (the docs dir changed since): not published
                    file.content_string = ""
            kept.append(file)
        return Files(kept)

    def _check_places(self, files: Files, config: MkDocsConfig, urls: Urls) -> None:
        """No page or image of the site's own where the build writes (checked again with the
        build's own files: every page it generates, every file of the theme)."""
        site_pages = self.build.site_pages
        built = [f for f in files if not (f.src_uri in site_pages or self._is_own(f, config))]
        theme = {f.url.split("/", 1)[0] for f in built if f.generated_by is None and "/" in f.url}
        reserved = authored.reserved_paths(urls, extra_files=[f.url for f in built], extra_folders=theme)
        refused = []
        for file in files:
            if file.src_uri in site_pages or (self._is_own(file, config) and not file.is_documentation_page()):
                where = authored.path_problem(file.src_uri, reserved, urls)
                if where:
                    shown = content.display(os.path.join(config.docs_dir, *file.src_uri.split("/")))
                    refused.append(Diagnostic(shown, 1, 1, ERROR, "", where))
        if refused:
            _refuse(refused)

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
                _refuse([Diagnostic(shown_path, 1, 1, ERROR, "", str(error))])
            kept.append(file)
        return Files(kept)

    def _allowed_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Belt and braces after `Build.check_content`: MkDocs collected only files the allow-list
        accepted; one that it did not see (the docs dir changed since) is checked where it is, and
        any refusal stops the build. (A preview checks the site's own files only: the entry it
        shows is checked by the preview itself, and the other entries are not built.)"""
        docs_dir = os.path.abspath(config.docs_dir)
        entries = self.config.catalogue_dir.strip("/") + "/"
        refused = []
        for file in files:
            if file.generated_by is not None or file.abs_src_path is None or file.src_uri in self.build.allowed:
                continue
            if self.build.shell_only and file.src_uri.startswith(entries):
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
            _refuse(list(dict.fromkeys(refused)))
        return files

    # --- pages -----------------------------------------------------------------------------------

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        uri = page.file.src_uri
        if uri == self.shell_uri:
            return ""
        own = self.build.site_pages.get(uri) if page.file.generated_by is None else None
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
        spec = self.build.pages.get(uri)
        if spec is not None or uri == ERROR_PAGE:
            wide = spec is not None and spec.wide and uri not in {u for _, u in site.NAV}
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
        own = self.build.site_pages.get(uri) if page.file.generated_by is None else None
        if own is not None:
            html, toc = own.html(_page_links(page.file, files))
            page.toc = get_toc(toc)  # type: ignore[arg-type]
            if "<h1" not in html:  # its title as its h1, escaped (Material would print it raw)
                html = f"<h1>{escape_html(page.title or config.site_name)}</h1>\n{html}"
        spec = self.build.pages.get(uri)
        if spec is not None:
            return html + spec.build()
        if uri == ERROR_PAGE:
            return html + site.error_page_html(self.build.errors, last_good=not self._invalid_shown())
        return html

    def _invalid_shown(self) -> bool:
        build = self.build
        return build.failed is not None and build.catalogue is build.failed

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        if page.file.src_uri == self.shell_uri:
            page.edit_url = TOKENS["edit_url"] if self.build.ctx and self.build.ctx.edit_base else None
            context["katalog_head"] = TOKENS["head"]
        elif page.file.src_uri in self.build.pages:
            page.edit_url = None  # generated: its file in the repository is not what it shows
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if page.file.src_uri == self.shell_uri:
            self.build.shell_html = output
            return ""  # not a page of its own: MkDocs writes no file for an empty page
        # The policy's script hashes (pages/csp.py); a site page's own text is not the theme's.
        untrusted = page.content or "" if page.file.src_uri in self.build.site_pages else ""
        return csp.fill(_hide_toggles(output), untrusted)

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        return csp.fill(_hide_toggles(output_content)) if template_name.endswith(".html") else output_content

    def _sitemap(self) -> list[tuple[str, str | None]]:
        """The builder's pages for the sitemap (absolute URL, last modified); the build adds the
        entry pages."""
        ctx = self.build.ctx
        if ctx is None or not ctx.urls.site_url or self.files is None:
            return []
        items: list[tuple[str, str | None]] = []
        for file in self.files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.src_uri in (self.shell_uri, ERROR_PAGE):
                continue
            spec = self.build.pages.get(file.src_uri)
            lastmod = spec.lastmod.isoformat() if spec is not None and spec.lastmod else None
            url = "" if file.url in (".", "./") else file.url
            items.append((ctx.urls.absolute(url) or url, lastmod))
        return items


def _refuse(refused: list[Diagnostic]) -> None:
    files = len({d.path for d in refused})
    raise PluginError(f"katalog: content/ memuat {files} file atau folder yang tidak diizinkan; situs tidak "
                      "dibangun.\n" + "\n".join(d.format() for d in refused))


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
