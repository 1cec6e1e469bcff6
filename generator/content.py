"""What the docs dir (`content/`) may hold: the allow-list every pull request is checked against.

Under `content/innovations/` only `<provinsi>/<id>.md` entries (exactly one folder level, a known
province slug) and raster images (PNG, JPEG, WebP) beside them. Elsewhere in `content/` the
site's own pages (`.md`) and the same raster images. Everywhere: regular files only, no
symlinks (to files or folders), no fifos, devices or sockets. Images are recognised by their
first bytes, never by their name alone, and their size is capped.

Nothing here follows a symlink or reads more of a file than an image may hold: the tree is
walked with `os.scandir` (entries `lstat`-ed, never followed), folders at most `MAX_DEPTH` deep,
and a file is opened with `O_NOFOLLOW | O_NONBLOCK` and checked again on its descriptor before
its bytes are read. An image is then decoded whole within limits (`images.check`: pixels from
its header first, then every byte), and the images one validation is given by name (a pull
request's changes) share a total (`images.Budget`). Every problem is a `Diagnostic` at line 1,
column 1 of the path.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from . import images
from .diagnostics import ERROR, Diagnostic, os_reason
from .vocabulary import PROVINSI

CATALOGUE_DIR = "innovations"
"""The catalogue folder below the docs dir (the plugin's `catalogue_dir` setting)."""

MAX_IMAGE_BYTES = 2 * 1024 * 1024
"""The largest image a pull request may add (2 MiB)."""

MAX_PAGE_BYTES = 1024 * 1024
"""The largest page (`.md`) of the site's own, outside the catalogue (entries: the loader's cap)."""

MAX_DEPTH = 8
"""Folder levels below the docs dir that are looked into; a deeper folder is an error."""

MAGIC_BYTES = 12
"""How much of an image is read to recognise it."""

IMAGE_EXTENSIONS: dict[str, str] = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}
"""Image file extension (lower case) → the format its bytes must be."""

_ALLOWED_ENTRY = "di content/{cat}/ hanya boleh ada entri <provinsi>/<id>.md dan gambar PNG, JPEG atau WebP di sampingnya"
_ALLOWED_SITE = "di content/ hanya boleh ada halaman .md dan gambar PNG, JPEG atau WebP"


def image_format(head: bytes) -> str | None:
    """"PNG", "JPEG" or "WebP" from a file's first bytes; None for anything else."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    return None


def _display(path: str) -> str:
    """How a path is shown: as given when relative, else relative to here when below it. Kept
    as it is (a file name may hold any character): every output escapes it its own way, so that
    a name cannot forge a line (`Diagnostic.format`), and an annotation still names the file
    (`format_github`)."""
    if os.path.isabs(path):
        try:
            shown = os.path.relpath(path)
        except ValueError:
            shown = path
        if not shown.startswith(".."):
            path = shown
    return path


display = _display


def _error(path: str, message: str) -> Diagnostic:
    return Diagnostic(_display(path), 1, 1, ERROR, "", message)


# --- one file ------------------------------------------------------------------------------------


def _kind_problem(mode: int) -> str | None:
    """Why a file of this type may not be in content/ (None: a regular file)."""
    if stat.S_ISLNK(mode):
        return ("tautan simbolik (symlink) tidak diizinkan di content/; simpan file aslinya, "
                "bukan tautan ke file atau folder lain")
    if stat.S_ISREG(mode):
        return None
    kind = ("folder" if stat.S_ISDIR(mode) else "fifo" if stat.S_ISFIFO(mode) else "soket" if stat.S_ISSOCK(mode)
            else "perangkat" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "file khusus")
    return f"{kind} ini bukan file biasa; di content/ hanya boleh ada file biasa"


def _bytes(size: int) -> str:
    """3145728 → "3.145.728 byte" (Indonesian digit grouping)."""
    return f"{size:,} byte".replace(",", ".")


def _check_image(path: str, ext: str, st: os.stat_result, budget: images.Budget | None = None) -> str | None:
    """Why this image may not be published (None: it may). Reads at most MAX_IMAGE_BYTES, and
    decodes it within limits (`images.check`); with `budget`, counts it against a total."""
    if st.st_size > MAX_IMAGE_BYTES:
        return f"gambar terlalu besar ({_bytes(st.st_size)}); batasnya {_bytes(MAX_IMAGE_BYTES)}"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        return f"file tidak dapat dibaca ({os_reason(exc)})"
    try:
        now = os.fstat(fd)
        # The file may have been swapped since it was listed: what is read is what was checked.
        if not stat.S_ISREG(now.st_mode) or (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return "file berubah saat diperiksa; jalankan lagi"
        if now.st_size > MAX_IMAGE_BYTES:
            return f"gambar terlalu besar ({_bytes(now.st_size)}); batasnya {_bytes(MAX_IMAGE_BYTES)}"
        data = _read_all(fd, MAX_IMAGE_BYTES + 1)
    except OSError as exc:
        return f"file tidak dapat dibaca ({os_reason(exc)})"
    finally:
        os.close(fd)
    if len(data) > MAX_IMAGE_BYTES:
        return f"gambar terlalu besar (lebih dari {_bytes(MAX_IMAGE_BYTES)}); batasnya {_bytes(MAX_IMAGE_BYTES)}"
    expected = IMAGE_EXTENSIONS[ext]
    found = image_format(data[:MAGIC_BYTES])
    if found is None:
        return (f"isi file ini bukan gambar {expected}, walau namanya berakhiran {ext}; "
                "hanya gambar PNG, JPEG atau WebP yang asli yang diizinkan")
    if found != expected:
        return f"isi file ini gambar {found}, bukan {expected}; ganti akhiran nama file agar sesuai isinya"
    try:
        decoded = images.check(data, expected)
    except images.ImageProblem as problem:
        return str(problem)
    return budget.spend(len(data), decoded.pixels) if budget is not None else None


def _read_all(fd: int, limit: int) -> bytes:
    """At most `limit` bytes of an open file (a file may grow while it is read)."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(fd, min(1 << 20, limit - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _check_file(path: str, parts: tuple[str, ...], st: os.stat_result, catalogue_dir: str,
                budget: images.Budget | None = None) -> str | None:
    """Why the file at `path` (`parts`: its path below the docs dir) may not be there, or None."""
    problem = _kind_problem(st.st_mode)
    if problem:
        return problem
    name = parts[-1]
    ext = os.path.splitext(name)[1]
    if parts[0] == catalogue_dir and len(parts) > 1:
        allowed = _ALLOWED_ENTRY.format(cat=catalogue_dir)
        if len(parts) == 2:
            return f"file tidak boleh langsung di content/{catalogue_dir}/; {allowed}"
        if len(parts) > 3:
            return (f"folder terlalu dalam: entri harus tepat di content/{catalogue_dir}/<provinsi>/<id>.md, "
                    "satu tingkat folder saja")
        if parts[1] not in PROVINSI:
            return (f"folder '{parts[1]}' bukan slug provinsi yang dikenal (lihat `katalog vocabulary provinsi`); "
                    f"{allowed}")
        if ext == ".md":
            return None
        if ext.lower() in IMAGE_EXTENSIONS:
            return _check_image(path, ext.lower(), st, budget)
        return f"jenis file tidak diizinkan; {allowed}"
    if ext == ".md":
        if st.st_size > MAX_PAGE_BYTES:
            return f"halaman terlalu besar ({_bytes(st.st_size)}); batasnya {_bytes(MAX_PAGE_BYTES)}"
        return None
    if ext.lower() in IMAGE_EXTENSIONS:
        return _check_image(path, ext.lower(), st, budget)
    return f"jenis file tidak diizinkan; {_ALLOWED_SITE}"


def _name_problem(name: str) -> str | None:
    if not name.isprintable():
        return "nama berisi karakter kontrol atau tak tercetak; ganti namanya"
    return None


# --- the tree ------------------------------------------------------------------------------------


def _walk(folder: str, parts: tuple[str, ...], catalogue_dir: str, allowed: set[str]) -> Iterator[Diagnostic]:
    try:
        with os.scandir(folder) as listing:
            items = sorted(listing, key=lambda item: item.name)
    except OSError as exc:
        yield _error(folder, f"folder tidak dapat dibaca ({os_reason(exc)})")
        return
    for item in items:
        path = os.path.join(folder, item.name)
        here = (*parts, item.name)
        problem = _name_problem(item.name)
        if problem:
            yield _error(path, problem)
            continue
        try:
            st = item.stat(follow_symlinks=False)
        except OSError as exc:
            yield _error(path, f"tidak dapat dibaca ({os_reason(exc)})")
            continue
        if stat.S_ISDIR(st.st_mode):
            problem = _folder_problem(here, catalogue_dir)
            if problem:
                yield _error(path, problem)
            else:
                yield from _walk(path, here, catalogue_dir, allowed)
            continue
        problem = _check_file(path, here, st, catalogue_dir)
        if problem:
            yield _error(path, problem)
        else:
            allowed.add("/".join(here))


def _folder_problem(parts: tuple[str, ...], catalogue_dir: str) -> str | None:
    """Why a (real) folder may not be there; None: look inside it."""
    if parts[0] == catalogue_dir:
        if len(parts) == 2 and parts[1] not in PROVINSI:
            return (f"folder '{parts[1]}' bukan slug provinsi yang dikenal (lihat `katalog vocabulary provinsi`); "
                    f"{_ALLOWED_ENTRY.format(cat=catalogue_dir)}")
        if len(parts) > 2:
            return (f"folder terlalu dalam: entri harus tepat di content/{catalogue_dir}/<provinsi>/<id>.md, "
                    "satu tingkat folder saja")
    if len(parts) > MAX_DEPTH:
        return f"folder terlalu dalam (lebih dari {MAX_DEPTH} tingkat di bawah content/)"
    return None


def scan_tree(docs_dir: str | os.PathLike[str] = "content",
              catalogue_dir: str = CATALOGUE_DIR) -> tuple[list[Diagnostic], set[str]]:
    """Every file and folder below `docs_dir` that a site may not publish, one diagnostic each,
    and the files it may publish (paths below `docs_dir`, `/`-separated)."""
    root = os.fspath(docs_dir)
    allowed: set[str] = set()
    try:
        st = os.lstat(root)
    except FileNotFoundError:
        return [], allowed
    except OSError as exc:
        return [_error(root, f"folder tidak dapat dibaca ({os_reason(exc)})")], allowed
    if stat.S_ISLNK(st.st_mode):
        return [_error(root, "folder content/ tidak boleh berupa tautan simbolik (symlink)")], allowed
    if not stat.S_ISDIR(st.st_mode):
        return [_error(root, "content/ harus berupa folder")], allowed
    return list(_walk(root, (), catalogue_dir.strip("/"), allowed)), allowed


def check_tree(docs_dir: str | os.PathLike[str] = "content", catalogue_dir: str = CATALOGUE_DIR) -> list[Diagnostic]:
    """Every file and folder below `docs_dir` that a site may not publish, one diagnostic each."""
    return scan_tree(docs_dir, catalogue_dir)[0]


# --- one path, as given on the command line ------------------------------------------------------


def relative_parts(path: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> tuple[str, ...] | None:
    """`path` below `docs_dir` as folder names (lexically, no link followed; `()` for `docs_dir`
    itself), or None if not below it."""
    relative = os.path.relpath(os.path.abspath(path), os.path.abspath(docs_dir))
    if relative == ".":
        return ()
    if relative == ".." or relative.startswith(".." + os.sep):
        return None
    return tuple(Path(relative).parts)


def real_path_below(path: str | os.PathLike[str], docs_dir: str | os.PathLike[str]) -> bool:
    """Whether every folder from `docs_dir` down to `path` is a real folder (no symlink on the way)
    and `path` itself is no symlink."""
    parts = relative_parts(path, docs_dir)
    if parts is None:
        return False
    current = os.path.abspath(docs_dir)
    for index, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return False
        if stat.S_ISLNK(mode) or (index < len(parts) - 1 and not stat.S_ISDIR(mode)):
            return False
    return True


def is_entry_path(parts: tuple[str, ...], catalogue_dir: str = CATALOGUE_DIR) -> bool:
    """Whether a path below the docs dir has the place of an entry: `<catalogue>/<provinsi>/<id>.md`."""
    return (len(parts) == 3 and parts[0] == catalogue_dir.strip("/") and parts[1] in PROVINSI
            and parts[2].endswith(".md"))


def check_file(path: str | os.PathLike[str], docs_dir: str | os.PathLike[str] | None = None,
               catalogue_dir: str = CATALOGUE_DIR, budget: images.Budget | None = None) -> list[Diagnostic]:
    """One path on its own. Below `docs_dir` it is held to the allow-list at its place; elsewhere
    it must be a regular file that is an entry (`.md`) or an allowed image. An image counts
    against `budget` (the images of one pull request together), when given."""
    name = os.fspath(path)
    try:
        st = os.lstat(name)
    except FileNotFoundError:
        return [_error(name, "file tidak ditemukan")]
    except OSError as exc:
        return [_error(name, f"tidak dapat dibaca ({os_reason(exc)})")]
    problem = _name_problem(os.path.basename(name))
    if problem:
        return [_error(name, problem)]
    parts = relative_parts(name, docs_dir) if docs_dir is not None else None
    if parts == ():
        return []
    if parts is not None:
        if stat.S_ISDIR(st.st_mode):
            problem = _folder_problem(parts, catalogue_dir.strip("/"))
        else:
            problem = _check_file(name, parts, st, catalogue_dir.strip("/"), budget)
        return [_error(name, problem)] if problem else []
    problem = _kind_problem(st.st_mode)
    if problem is None:
        ext = os.path.splitext(name)[1]
        if ext.lower() in IMAGE_EXTENSIONS:
            problem = _check_image(name, ext.lower(), st, budget)
        elif ext != ".md":
            problem = "jenis file tidak diizinkan; yang dapat diperiksa: entri .md dan gambar PNG, JPEG atau WebP"
    return [_error(name, problem)] if problem else []
