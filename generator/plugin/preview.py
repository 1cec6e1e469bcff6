"""`katalog preview FILE`: one entry's page as the site will show it, without building the site.

The page is made by the same code as in a build, only for one entry and its few neighbours:

1. **The site's config and theme.** `mkdocs.yml` is loaded and MkDocs builds the site with
   its public `mkdocs.commands.build.build`, every plugin's events included, while this
   package's plugin is in its preview mode (`Build.shell_only`): an empty catalogue (the shell
   depends on the config and theme only), no walk of the docs dir for the allow-list (the entry
   file itself is checked here; the other 32,000 are the build's and `katalog validate`'s),
   no record of the site folder and no search index, no 404 page or sitemap, and every page but
   the entry *shell* left out of the build (still in the nav, whose links the shell's header
   shows). So MkDocs renders the shell alone, as it renders it in a build. It builds into a
   scratch folder inside the output folder (a build empties its site folder), and the theme's
   assets are then moved out of it. A real build rather than MkDocs' functions for one page: those
   are private and change with MkDocs; `build` is what every MkDocs command runs. It costs the walk of the docs dir that `build` makes (about a second
   at 32,000 entries), while the entry's neighbours are read in another process. The theme's
   compiled templates are kept in `<cache_dir>/pratinjau-jinja/` (Jinja's bytecode cache,
   checked against each template's source; set through the plugin's `on_env`).
2. **The catalogue, as far as this page can see.** An entry page shows, of the rest of the
   catalogue, only its origins (`replikasi_dari`), the entries that replicate it (they feed
   its *dapat ditransfer* badge) and what the cross-entry rules say of it (a duplicate id, a
   missing or draft origin, a loop, an origin's words). So instead of 32,000 entries, the
   preview loads and validates (`catalogue.load_files`, the build's own loader and rules):
   the entry; every file that may name it (its id appears in the file, or the front matter
   holds a YAML escape that could spell it: `\\x..`, `\\u....`, a line continuation — found by
   a byte search over every file, in a forked process while this one renders the shell); its
   origins, and theirs in turn (a loop through the entry); and every file with one of those
   ids (duplicates). Of the result only this entry's diagnostics count, as `katalog validate
   FILE` shows them; the one that depends on all ids ("maksud Anda ...?" for an unknown
   origin) is worked out again against every id of the catalogue folder (valid or not, where
   the build looks among valid ones only). At 32,000 entries the preview's `EntryJob` was
   checked equal to the full catalogue's for the most replicated entries and a sample.
3. **The page.** `Build.write_one` writes it from the shell and `SiteContext.entry_job` with
   `pages.writer.write_entry_pages`, exactly as in a build, into the output folder together with the
   theme's static files (and the entry's image), so its relative links work there.

What differs from a built site: the other pages are not there (their links 404); a nav item
of the site's own `nav:` with no title would be titled from its file's name rather than its
first heading (the plugin's nav always names its titles); and a stray file elsewhere in the docs
dir does not stop the preview as it stops the build. The page itself is byte for byte the one
`mkdocs build` writes (`tests/test_preview.py`), and an entry with problems of its own gets
the diagnostics `katalog validate FILE` gives, and no page.
"""

from __future__ import annotations

import functools
import http.server
import multiprocessing
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import jinja2
import jinja2.bccache
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import ConfigurationError, MkDocsException

from .. import content
from ..build import SHELL_NOT_RENDERED, BuildFailed
from ..catalogue import MAX_SUGGESTIONS, Catalogue, IdIndex, check_files, display_path, find_entry_files, load_files
from ..diagnostics import Diagnostic, os_reason
from ..loader import MAX_BYTES
from ..verification import record_path
from .plugin import KatalogPlugin

PLUGIN = "katalog"
DEFAULT_PORT = 8001


class PreviewError(Exception):
    """The preview cannot be made as asked (a file or the config is missing): exit 2."""


class SiteError(Exception):
    """The site as configured would not build (the content allow-list, the theme): exit 1."""


@dataclass
class Preview:
    entry_id: str
    diagnostics: list[Diagnostic]  # this entry's, as `katalog validate FILE` shows them
    page: str = ""  # the written page, below the output folder ("inovasi/<id>/index.html")
    url: str = ""  # its URL below the output folder's root ("inovasi/<id>/")
    draft: bool = False
    neighbours: int = 0  # other entry files loaded with it

    @property
    def ok(self) -> bool:
        return bool(self.page)


# --- which files the page depends on ---------------------------------------------------------------

_CLOSING = re.compile(rb"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_ESCAPE = re.compile(rb'\\[^"]')  # a YAML escape that could spell id characters (`\"` cannot)
_READ = 1 << 16


def _read(path: str) -> bytes | None:
    """The file's bytes (None when larger than an entry may be: it is invalid, whoever it names)."""
    chunks = []
    size = 0
    fd = os.open(path, os.O_RDONLY)
    try:
        while True:
            chunk = os.read(fd, _READ)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_BYTES:
                return None
    finally:
        os.close(fd)
    return b"".join(chunks)


def may_name(data: bytes | None, needle: bytes) -> bool:
    """Whether a file may name the entry `needle` in its front matter (cut at the first line the
    loader could close it with, or later): the front matter holds the id's bytes, or an escape
    that could spell them. Never a false no: an id (`[a-z0-9-]`) cannot reach a YAML value other
    than literally or through an escape."""
    if data is None:
        return True
    named, escaped = needle in data, b"\\" in data
    if not named and not escaped:
        return False
    closing = _CLOSING.search(data, data.find(b"\n") + 1)  # at or after the loader's closing line
    front = data[: closing.start()] if closing else data
    return (named and needle in front) or (escaped and _ESCAPE.search(front) is not None)


def files_naming(paths: Iterable[str], entry_id: str) -> list[str]:
    """The files among `paths` that may name `entry_id` (`may_name`); a file that cannot be
    read is kept (the loader reports it)."""
    needle = entry_id.encode()
    out = []
    for path in paths:
        try:
            data = _read(path)
        except OSError:
            out.append(path)
            continue
        if may_name(data, needle):
            out.append(path)
    return out


def _neighbourhood_of(target: str, root: str, docs_dir: str, today, records_dir: str | None = None
                     ) -> tuple[Catalogue, list[Diagnostic], int]:
    files = find_entry_files([Path(root)]) if os.path.isdir(root) else []
    naming = files_naming((str(p) for p in files), Path(target).stem)
    return neighbourhood(Path(target), files, naming, docs_dir=Path(docs_dir), today=today, records_dir=records_dir)


class _Background:
    """`_neighbourhood_of` in a forked process, while this one renders the shell through
    MkDocs (inline, when asked for, where processes are not forked)."""

    def __init__(self, *args) -> None:
        self.args = args
        self.pool = self.result = None
        if "fork" in multiprocessing.get_all_start_methods():
            try:
                self.pool = multiprocessing.get_context("fork").Pool(1)
                self.result = self.pool.apply_async(_neighbourhood_of, args)
            except OSError:
                self.close()

    def get(self) -> tuple[Catalogue, list[Diagnostic], int]:
        try:
            if self.result is not None:
                try:
                    return self.result.get()
                except Exception:  # noqa: BLE001 — the worker failed (or could not send it): here
                    pass
            return _neighbourhood_of(*self.args)
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None


def neighbourhood(target: Path, all_files: list[Path], naming: Iterable[str], *, docs_dir: Path,
                  today, records_dir: str | None = None) -> tuple[Catalogue, list[Diagnostic], int]:
    """The catalogue of `target` and the entries its page depends on (see the module's doc),
    this entry's diagnostics (and its verification record's), and how many files were loaded."""
    by_stem: dict[str, list[Path]] = defaultdict(list)
    for path in all_files:
        by_stem[path.stem].append(path)
    # The target as the catalogue lists it, when it is one of its files (given by another path).
    target = next((p for p in by_stem.get(target.stem, ()) if _same(p, target)), target)

    chosen: dict[str, Path] = {}  # by absolute path: the catalogue's paths, as listed

    def add(path: Path) -> bool:
        key = os.path.abspath(path)
        if key in chosen:
            return False
        chosen[key] = path
        return True

    def add_id(entry_id: str) -> list[Path]:
        return [p for p in by_stem.get(entry_id, ()) if add(p)]

    add(target)
    add_id(target.stem)
    for name in naming:
        path = Path(name)
        path = next((p for p in by_stem.get(path.stem, ()) if os.path.abspath(p) == os.path.abspath(path)), path)
        if add(path):
            add_id(path.stem)
    # Origins, and theirs in turn: a loop through this entry is an error of this entry.
    pending = [target]
    seen_ids = {target.stem}
    while pending:
        loaded = check_files(pending, docs_dir=docs_dir, today=today, jobs=1, badges=False)
        pending = []
        for record in loaded.records.values():
            for origin in record.replicates:
                if origin and origin not in seen_ids:
                    seen_ids.add(origin)
                    pending += add_id(origin)
    paths = sorted(chosen.values(), key=str)
    catalogue = load_files(paths, docs_dir=docs_dir, today=today, jobs=1, records_dir=records_dir)
    shown = {display_path(target)}
    if records_dir is not None:
        shown.add(display_path(Path(record_path(records_dir, target.stem))))
    mine = [d for d in catalogue.diagnostics if d.path in shown]
    mine = _hints(mine, [p.stem for p in all_files])
    return catalogue, mine, len(paths)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


_UNKNOWN = re.compile(r"inovasi '(?P<id>.+)' tidak ada di katalog(?: \(maksud Anda '.*'\?\))?")


def _hints(diagnostics: list[Diagnostic], ids: list[str]) -> list[Diagnostic]:
    """"Did you mean" for an unknown origin, against every id of the catalogue folder rather
    than the few loaded (the catalogue's `IdIndex`, at most `MAX_SUGGESTIONS` per file)."""
    index = None
    out = []
    unknown = 0
    for d in diagnostics:
        found = _UNKNOWN.fullmatch(d.message)
        if found:
            hint = None
            if unknown < MAX_SUGGESTIONS:
                index = index or IdIndex(sorted(set(ids)))
                hint = index.closest(found["id"])
            unknown += 1
            message = f"inovasi '{found['id']}' tidak ada di katalog" + (f" (maksud Anda '{hint}'?)" if hint else "")
            d = Diagnostic(d.path, d.line, d.col, d.severity, d.field, message)
        out.append(d)
    return out


# --- the page -------------------------------------------------------------------------------------


def build_preview(target: Path, out_dir: Path, config_file: Path = Path("mkdocs.yml"), *,
                  today=None) -> Preview:
    """Write the page of the entry `target` (and the assets it links) below `out_dir`.

    Raises `PreviewError` (nothing to preview: exit 2) or `SiteError` (the site would not
    build: exit 1); an invalid entry comes back with its diagnostics and no page."""
    from .. import clock

    if not os.path.lexists(target):
        raise PreviewError(f"file tidak ditemukan: {target}")
    if target.is_dir():
        raise PreviewError(f"{target} adalah folder; beri satu file entri (.md)")
    if target.suffix != ".md":
        raise PreviewError(f"{target} bukan file entri (.md)")
    if not config_file.is_file():
        raise PreviewError(f"konfigurasi situs tidak ditemukan: {config_file} (jalankan dari folder repositori, "
                           "atau beri --config-file)")
    try:
        today = today or clock.today()
    except ValueError as exc:
        raise PreviewError(str(exc)) from None
    try:
        config = load_config(config_file=str(config_file))
    except (ConfigurationError, OSError) as exc:
        raise PreviewError(f"{config_file} tidak dapat dipakai: {exc}") from None
    except MkDocsException:  # `Abort`, after MkDocs logged each problem of the config
        raise PreviewError(f"{config_file} tidak dapat dipakai (lihat pesan MkDocs di atas)") from None
    plugin = config.plugins.get(PLUGIN)
    if not isinstance(plugin, KatalogPlugin) or not plugin.config.enabled:
        raise PreviewError(f"{config_file} tidak memakai plugin katalog (plugins: [katalog])")
    docs_dir = Path(config.docs_dir)
    catalogue_dir = plugin.config.catalogue_dir.strip("/")
    root = docs_dir / catalogue_dir
    entry_id = target.stem

    refused = content.check_file(target, docs_dir, catalogue_dir) if content.relative_parts(target, docs_dir) \
        else content.check_file(target)
    if refused:
        return Preview(entry_id, refused)

    # The catalogue around the entry, in another process; here meanwhile: the shell, which
    # depends on the site's config and theme only (the plugin gets an empty catalogue).
    records = Path(config.config_file_path or config_file).parent / plugin.config.verification_dir
    background = _Background(str(target), str(root), str(root.parent), today, str(records))
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        plugin = _render_shell(config, plugin, out_dir.resolve())
        catalogue, mine, count = background.get()
    finally:
        background.close()
    if any(d.is_error for d in mine) or entry_id not in catalogue.records:
        return Preview(entry_id, mine)
    try:
        page, url = plugin.build.write_one(catalogue, entry_id, str(out_dir))
    except BuildFailed as error:
        raise SiteError(str(error)) from None
    record = catalogue.records[entry_id]
    ctx = plugin.build.ctx
    _copy_image(ctx, record, docs_dir, out_dir)
    return Preview(entry_id, mine, page=page, url=url, draft=record.draf, neighbours=count - 1)


def _render_shell(config: MkDocsConfig, plugin: KatalogPlugin, out_dir: Path) -> KatalogPlugin:
    """The entry page shell rendered by a real MkDocs build of the site (`mkdocs.commands.build.build`,
    every plugin's events included) with the katalog plugin in its preview mode (`Build.shell_only`:
    an empty catalogue, no scan of the docs dir, no record, no search; the other pages in the nav
    but left out of the build, so only the shell is rendered). The build writes into a scratch
    folder inside `out_dir` (a build empties its site folder first; `out_dir` may hold the
    user's files), whose files (the theme's assets) are then moved into `out_dir`."""
    from mkdocs.commands.build import build

    # MkDocs keeps one plugin instance per process: what is changed on it here is undone below.
    before = (plugin.is_serve, plugin.is_dirty)
    scratch = Path(tempfile.mkdtemp(prefix=".katalog-kerangka-", dir=out_dir))
    config["site_dir"] = str(scratch)
    plugin.build.shell_only = True
    if plugin.config["cache"]:
        plugin.bytecode_cache = _BytecodeCache(plugin._cache_dir(config) / "pratinjau-jinja")
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        _move_tree(scratch, out_dir)
    except MkDocsException as exc:  # the plugin's `PluginError`, MkDocs' `Abort` (on_build_error already ran)
        raise SiteError(str(exc)) from None
    except jinja2.TemplateError as exc:  # a theme override that does not compile or render
        raise SiteError(f"template tema gagal: {exc}") from None
    finally:
        plugin.build.shell_only = False
        plugin.bytecode_cache = None
        plugin.is_serve, plugin.is_dirty = before
        plugin.build.serve = plugin.is_serve
        shutil.rmtree(scratch, ignore_errors=True)
    if plugin.build.shell_html is None:
        raise SiteError(SHELL_NOT_RENDERED)
    return plugin


def _move_tree(source: Path, target: Path) -> None:
    """Every file below `source` moved to the same place below `target` (same file system)."""
    for folder, _, names in os.walk(source):
        out = target / Path(folder).relative_to(source)
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(os.path.join(folder, name), out / name)


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """The theme's templates compiled by an earlier preview (each checked against its source by
    Jinja); a folder that cannot be written only costs the compiling."""

    def __init__(self, folder: Path) -> None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
        super().__init__(str(folder))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, ValueError, EOFError):
            pass


def _copy_image(ctx, record, docs_dir: Path, out_dir: Path) -> None:
    image = ctx.entry_context().image_path(record.source, record.entry.gambar)
    if not image:
        return
    source = docs_dir / image
    if source.is_file() and not source.is_symlink():
        (out_dir / image).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, out_dir / image)


# --- serving --------------------------------------------------------------------------------------


def write_index(out_dir: Path, url: str, title: str) -> None:
    """A root page that leads to the entry (a preview folder holds only that page)."""
    from html import escape

    target = escape(url, quote=True)
    (out_dir / "index.html").write_text(
        f'<!doctype html><html lang="id"><meta charset="utf-8"><title>Pratinjau: {escape(title)}</title>'
        f'<meta http-equiv="refresh" content="0; url={target}">'
        f'<p>Pratinjau satu entri: <a href="{target}">{escape(title)}</a></p></html>\n', encoding="utf-8")


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 — the base class's name
        pass


def serve(out_dir: Path, path: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve `out_dir` on 127.0.0.1:`port` (0: any free port) until interrupted."""
    handler = functools.partial(_Handler, directory=str(out_dir))
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise PreviewError(f"port {port} tidak dapat dipakai ({os_reason(exc)}); pilih yang lain dengan "
                           "--port") from None
    try:
        announce(f"http://127.0.0.1:{server.server_address[1]}/{path.lstrip('/')}")
        server.serve_forever()
    finally:
        server.server_close()
