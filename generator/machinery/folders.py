"""The site folder: each build writes into a staging folder of its own beside it, holding its
lock, and swaps it in only when the build succeeded (`Staging`); the previous site is deleted
in the background. What a build put there (`SiteRecord`), and the previous build's files kept
in the new site as hard links instead of written again (`keep`).
"""

from __future__ import annotations

import errno
import fcntl
import gzip
import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from ..diagnostics import os_reason

LOCK_WAIT = 15 * 60  # seconds a build waits for another build into the same site dir


class PublishError(Exception):
    """The site folder cannot be staged or locked: said in words, for the build to stop with."""


class Staging:
    """One build's staging folder and the site folder's lock."""

    def __init__(self, log: logging.Logger | None = None) -> None:
        self.log = log or logging.getLogger("katalog")  # the adapter's: its builder shows what it logs
        self.final = ""
        self.staging: str | None = None
        self.lock: int | None = None  # the descriptor holding the site dir's lock
        self.lock_path = ""

    def start(self, site_dir: str) -> str:
        """Lock `site_dir` (waiting for another build that holds it), clear what interrupted
        builds left, and return this build's staging folder to build into."""
        final = os.path.abspath(site_dir)
        parent, name = os.path.split(final)
        os.makedirs(parent, exist_ok=True)
        self._lock(parent, name, final)
        try:
            # Under the lock no other build uses a staging dir here: any left is an interrupted build's.
            for item in os.listdir(parent):
                if item.startswith(f".{name}.katalog-baru"):
                    shutil.rmtree(os.path.join(parent, item), ignore_errors=True)
            staging = tempfile.mkdtemp(prefix=f".{name}.katalog-baru-", dir=parent)
            mask = os.umask(0o022)
            os.umask(mask)
            os.chmod(staging, 0o777 & ~mask)  # mkdtemp's 0700 would become the site dir's mode
        except OSError as error:
            self.unlock()
            raise PublishError(f"katalog: folder sementara untuk situs tidak dapat dibuat di {parent}: "
                               f"{os_reason(error)}") from None
        self.final, self.staging = final, staging
        return staging

    @property
    def active(self) -> bool:
        return self.staging is not None

    def publish(self) -> str:
        """Swap the staging folder in as the site folder; returns the site folder."""
        final, staging = self.final, self.staging
        assert staging is not None
        parent, name = os.path.split(final)
        # A unique name: the previous build's copy may still be being deleted in the background.
        old = os.path.join(parent, f".{name}.katalog-lama-{os.getpid()}-{time.monotonic_ns()}")
        try:
            if os.path.lexists(final):
                os.rename(final, old)
            os.rename(staging, final)
        except OSError:
            # The site dir cannot be renamed (a mount point, say): replace its contents instead.
            os.makedirs(final, exist_ok=True)
            for item in os.listdir(final):
                path = os.path.join(final, item)
                shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.unlink(path)
            for item in os.listdir(staging):
                os.rename(os.path.join(staging, item), os.path.join(final, item))
            shutil.rmtree(staging, ignore_errors=True)
        remove_later(old)
        self.staging = None
        self.unlock()
        return final

    def abort(self) -> str:
        """A failed build: its staging folder goes, the previous site stays; returns the site folder."""
        if self.staging:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        self.unlock()
        return self.final

    def _lock(self, parent: str, name: str, final: str) -> None:
        """Hold the lock of the site dir `final` (an empty folder beside it, `flock`-ed), waiting
        up to LOCK_WAIT for a build that holds it; it is removed when the build ends."""
        path = os.path.join(parent, f".{name}.katalog-kunci")
        deadline = time.monotonic() + LOCK_WAIT
        told = False
        while True:
            try:
                os.mkdir(path)
            except FileExistsError:
                pass
            except OSError as error:
                raise PublishError(f"katalog: kunci situs {path} tidak dapat dibuat: {os_reason(error)}") from None
            try:
                fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
            except FileNotFoundError:
                continue  # removed by the build that just finished: make it again
            except OSError as error:
                raise PublishError(f"katalog: kunci situs {path} tidak dapat dibuka: {os_reason(error)}") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                os.close(fd)
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN):
                    raise PublishError(f"katalog: kunci situs {path} tidak dapat dipasang: "
                                      f"{os_reason(error)}") from None
                if time.monotonic() > deadline:
                    raise PublishError(f"katalog: build lain masih menulis ke {final} setelah ditunggu {LOCK_WAIT:g} detik; "
                                      "situs tidak dibangun. Coba lagi setelah build itu selesai.") from None
                if not told:
                    self.log.info(f"katalog: build lain sedang menulis ke {final}; menunggu build itu selesai")
                    told = True
                time.sleep(0.1)
                continue
            # The holder removes the folder before it lets go: locked, it must still be the one there.
            try:
                same = os.path.samestat(os.fstat(fd), os.stat(path, follow_symlinks=False))
            except OSError:
                same = False
            if same:
                self.lock, self.lock_path = fd, path
                return
            os.close(fd)

    def unlock(self) -> None:
        if self.lock is None:
            return
        try:
            os.rmdir(self.lock_path)
        except OSError:
            pass
        os.close(self.lock)
        self.lock = None


def remove_later(path: str) -> subprocess.Popen | None:
    """Delete the previous site without making the build wait: tens of thousands of files take
    seconds to delete (20 s at 32,000 entries on a slow disk), and the new site is already in
    place. A detached `rm` does it, at the lowest CPU priority and in the idle I/O class where the
    system has `ionice`: a build started meanwhile (a CI job that builds twice, `mkdocs serve`)
    ran 20 % slower beside it at 32,000 entries. If it cannot start, it is done here. A copy left
    behind by an interrupted `rm` is removed by the next build (`Staging.start` clears it first).
    Returns the process, or None when there was nothing to start."""
    if not os.path.lexists(path):
        return None
    command = ["rm", "-rf", "--", path]
    if shutil.which("nice"):
        command = ["nice", "-n", "19", *command]
    if shutil.which("ionice"):
        command = ["ionice", "-c", "3", "-t", *command]
    try:
        return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        shutil.rmtree(path, ignore_errors=True)
        return None


# --- what the site folder holds -------------------------------------------------------------------


class SiteRecord:
    """What a build put in its site folder, as fingerprints (each entry page's, each per-entry
    open-data file's, the search index's), kept in the cache dir with the identity of that
    folder: its device, inode and change time (`st_ctime_ns`, set when it was swapped in). A later
    build trusts it only while that same folder is still the site folder; else it builds all.
    The inode alone is not enough: a folder made where a deleted one was (a site restored into
    `site/` from a copy, say) may get the freed inode number back, but never the same change time.
    `reason` says, after `previous`, why it found nothing (for the build's log)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.reason = ""

    @staticmethod
    def identity(site_dir: str) -> list[int]:
        st = os.stat(site_dir)
        return [st.st_dev, st.st_ino, st.st_ctime_ns]

    def previous(self, site_dir: str) -> dict[str, Any]:
        """The record of the site now in `site_dir`, or {} when there is none that fits it."""
        self.reason = ""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.reason = f"belum ada catatan isi situs di {self.path}"
            return {}
        except OSError as error:
            self.reason = f"catatan isi situs {self.path} tidak dapat dibaca: {os_reason(error)}"
            return {}
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            self.reason = f"catatan isi situs {self.path} rusak"
            return {}
        try:
            found = self.identity(site_dir)
        except OSError:
            self.reason = f"folder situs {site_dir} belum ada"
            return {}
        if data.get("site") != found:
            self.reason = (f"folder situs {site_dir} bukan folder yang dicatat build sebelumnya (diganti, disalin "
                           "atau dipulihkan sejak itu)")
            return {}
        return data

    def save(self, site_dir: str, **data: Any) -> None:
        """Record what the site folder `site_dir` holds (once the folder is in place)."""
        site = self.identity(site_dir)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(self.path.name + ".tmp")
        tmp.write_text(json.dumps({"site": site, **data}), encoding="utf-8")
        os.replace(tmp, self.path)

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def write_file(path: str, content: bytes, end: bytes = b"") -> int:
    """`content` then `end` as the whole of the file at `path` (created, or emptied first), with
    the flags and mode `open(path, "wb")` uses; returns the bytes written. Three system calls
    (open, write, close) where the buffered file object takes six or seven, and the two parts
    not joined first: the entry pages and per-entry open-data files of a build are tens of
    thousands of files of a few KB."""
    fd = os.open(path, _CREATE, 0o666)
    try:
        total = len(content) + len(end)
        done = os.writev(fd, (content, end)) if end else os.write(fd, content)
        if done < total:  # a short write (a full disk says so by raising): the rest, in order
            rest = memoryview(content + end)[done:]
            while rest:
                rest = rest[os.write(fd, rest):]
    finally:
        os.close(fd)
    return total


def write_whole(path: str, write: Callable[[BinaryIO], None], *, compress: bool = False) -> bool:
    """A cache file written whole: `write` fills a temporary file beside `path` (gzip level 1
    when `compress`, with no time in its header), which then takes `path`'s place at once, so a
    build reading it meanwhile reads the old file or the new one, never half of one. False, and
    nothing left behind, when it cannot be written: a cache that cannot be kept is only a slower
    next build, never an error."""
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}-", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as raw:
            if compress:
                with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as f:
                    write(f)  # type: ignore[arg-type]
            else:
                write(raw)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def keep_file(previous: str, path: str, *, in_place: bool) -> bool:
    """Put the previous build's file `previous` at `path` (a warm build): a hard link (the same
    file system, no bytes copied), or, when the previous site folder is this build's own
    (`serve`, `--dirty`), the file already there. False when that cannot be done: write it."""
    if in_place:
        return os.path.isfile(path)
    try:
        try:
            os.link(previous, path)
        except FileExistsError:
            os.unlink(path)
            os.link(previous, path)
    except OSError:
        return False
    return True


def link_tree(source: str, target: str) -> bool:
    """`target` as a copy of the folder `source` made of hard links (the same file system: no
    bytes copied). False, with `target` removed, when that cannot be done."""
    try:
        for folder, _, names in os.walk(source):
            out = os.path.join(target, os.path.relpath(folder, source))
            os.makedirs(out, exist_ok=True)
            for name in names:
                os.link(os.path.join(folder, name), os.path.join(out, name))
    except OSError:
        shutil.rmtree(target, ignore_errors=True)
        return False
    return True


def keep(previous: str, path: str, *, in_place: bool) -> bool:
    """The previous build's file or folder `previous` at `path`, as hard links (a warm build:
    no bytes copied), or, when the previous site folder is this build's own (`serve`,
    `--dirty`), what is already there. False when that cannot be done: write it anew."""
    if in_place:
        return os.path.exists(path)
    if os.path.isdir(previous):
        return not os.path.lexists(path) and link_tree(previous, path)
    return keep_file(previous, path, in_place=False)


def carry_over(old: str, new: str, names: set[str]) -> None:
    """At publish, the folder `old` of the site being replaced becomes the folder `new` of the
    staging site: its items `names` (a warm build's unchanged entry pages, each in a folder of its
    own) stay as they are, every other item of it goes, and what `new` already holds (the pages
    this build wrote) takes its place. A rename of one folder and of the few items that changed,
    where a copy made of hard links costs a `mkdir` and a `link` for every unchanged page
    (about 3 s at 32,000 entries). The site being replaced loses that folder: call it only when
    it is about to be swapped out. OSError when a step cannot be done (then nothing was moved
    when it failed on the first one)."""
    moving = f"{new}.katalog-pindah"
    shutil.rmtree(moving, ignore_errors=True)
    os.rename(old, moving)
    with os.scandir(moving) as items:
        gone = [item for item in items if item.name not in names]
    for item in gone:
        _remove(item.path, item.is_dir(follow_symlinks=False))
    if os.path.isdir(new):
        with os.scandir(new) as items:
            written = list(items)
        for item in written:
            target = os.path.join(moving, item.name)
            if os.path.lexists(target):
                _remove(target, os.path.isdir(target) and not os.path.islink(target))
            os.rename(item.path, target)
        os.rmdir(new)
    os.rename(moving, new)


def _remove(path: str, is_dir: bool) -> None:
    shutil.rmtree(path) if is_dir else os.unlink(path)
