"""`mkdocs serve` at national scale: after an edit to entry files, only what shows them.

A full build of 32,000 entries takes minutes; an author who saves her entry wants to see its
page now. MkDocs' dev server rebuilds the whole site on every change it sees. The plugin keeps
a watcher of its own on the docs dir (`Watcher`; the server's watcher and builder stay
MkDocs'), so that when MkDocs' rebuild starts (`on_config`) the plugin knows which files
changed. When every change is an entry file (`classify`) and nothing outside the docs dir
changed (`Outside`), the build reloads those entries into the catalogue it holds
(`Build.update`: the files read and validated again, the rules across entries redone in
memory) and writes the pages and open-data files that show them into the served folder: the
entries themselves, the entries they replicate and those that replicate them. MkDocs' rebuild
is then handed an empty docs dir and a scratch site folder: it renders nothing, ends at once,
and the dev server reloads the browsers. The rest (listings, statistics, search, the bulk
downloads) waits for the next full build: the next change to anything but an entry, or a new
`mkdocs serve`. Anything the reload cannot do alone — an invalid entry, a deleted file, a new
theme — goes to MkDocs' full build, which reports it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler

from ..content import is_entry_path, relative_parts

IGNORED_EVENTS = frozenset({"opened", "closed_no_write"})
"""Reading a file changes nothing."""


class Changes(FileSystemEventHandler):
    """The paths changed since the last `take`, as the observer reports them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[str] = set()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in IGNORED_EVENTS:
            return
        with self._lock:
            for path in (event.src_path, getattr(event, "dest_path", "")):
                if path:
                    self._paths.add(os.fsdecode(path))

    def take(self) -> set[str]:
        with self._lock:
            paths, self._paths = self._paths, set()
        return paths


class Watcher:
    """`Changes` of the docs dir, from a watchdog observer of its own (inotify where there is
    one: it hears a save before the dev server's polling observer starts the rebuild)."""

    def __init__(self, docs_dir: str) -> None:
        from watchdog.observers import Observer

        self.changes = Changes()
        self._observer = Observer()
        self._observer.schedule(self.changes, docs_dir, recursive=True)
        self._observer.daemon = True
        self._observer.start()

    def take(self) -> set[str]:
        return self.changes.take()

    def stop(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)


ENTRY, IGNORE, OTHER = "entry", "ignore", "other"


def classify(path: str, docs_dir: str, catalogue_dir: str) -> str:
    """What a changed path asks of the site: ENTRY (an entry file that exists: reload it), IGNORE
    (a hidden file, such as an editor's swap file, which MkDocs leaves out of the site, or a
    file that came and went again, such as an editor's save-then-rename), or OTHER (anything
    else, a deleted entry too: a full build)."""
    parts = relative_parts(path, docs_dir)
    if parts is None:
        return OTHER
    if any(part.startswith(".") for part in parts):
        return IGNORE
    exists = os.path.lexists(path)
    if is_entry_path(parts, catalogue_dir):
        return ENTRY if exists and os.path.isfile(path) and not os.path.islink(path) else OTHER
    return OTHER if exists else IGNORE


class Outside:
    """What a serve build depends on outside the docs dir, which the docs dir's watch does not
    see together with an entry's change: mkdocs.yml, the theme folders that are not an installed
    package, and the paths of `watch:`. Compared by size and modification time."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = [os.path.abspath(p) for p in paths if p]
        self.signature = self._stat()

    def _stat(self) -> tuple:
        out = []
        for path in self.paths:
            if os.path.isdir(path):
                for folder, _, names in os.walk(path):
                    for name in names:
                        out.append(_stat(os.path.join(folder, name)))
            else:
                out.append(_stat(path))
        return tuple(sorted(out))

    def changed(self) -> bool:
        return self._stat() != self.signature


def _stat(path: str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (path, -1, -1)
    return (path, st.st_mtime_ns, st.st_size)


def outside_paths(config_file: str | None, theme_dirs: list[str], watch: list[str]) -> list[str]:
    """`Outside`'s paths: mkdocs.yml, the theme dirs outside site-packages, `watch:`."""
    paths = [config_file] if config_file else []
    for folder in theme_dirs:
        if "site-packages" not in Path(folder).parts and "dist-packages" not in Path(folder).parts:
            paths.append(folder)
    return [*paths, *watch]


def port_in_use(dev_addr: object) -> str | None:
    """The plain message for a dev-server address another program holds (None when it is free),
    checked before the first build: MkDocs binds only after building, and at national scale a
    build takes minutes, then ends in a traceback."""
    import socket

    host, port = getattr(dev_addr, "host", "127.0.0.1"), getattr(dev_addr, "port", 8000)
    family = socket.AF_INET6 if ":" in str(host) else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the dev server binds
        try:
            probe.bind((str(host), int(port)))
        except OSError:
            nxt = int(port) + 1
            return (f"katalog: port {port} di {host} sudah dipakai program lain (mungkin `make serve` atau `mkdocs "
                    f"serve` yang masih berjalan); hentikan program itu, atau pakai port lain: `make serve "
                    f"PORT={nxt}` atau `mkdocs serve --dev-addr {host}:{nxt}`")
    return None
