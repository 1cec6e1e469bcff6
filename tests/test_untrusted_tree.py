"""Untrusted pull requests: what `content/` may hold, and what happens to everything else.

Real files on disk (HTML, SVG, symlinks to files, folders and /proc, images whose bytes lie,
fifos, deeper folders), checked by `katalog validate` (in-process, as CI runs it) and by real
`mkdocs build` runs of small sites (the helpers of test_site_build.py): a refused file is named
and fails both, the build before it writes anything, and nothing from outside the repository
reaches the site. Also the build's own staging and lock, and the deploy workflow's permissions.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import struct
import subprocess
import sys
import tempfile
import uuid
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EPOCH, ROOT, run_build, write_config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from generator import content
from generator.catalogue import find_entry_files
from generator.cli import main

JATIM = "content/innovations/jawa-timur"
SECRET = f"RAHASIA-LUAR-REPO-{uuid.uuid4().hex}"
try:
    with open("/proc/self/environ", "rb") as _f:
        ENVIRON = _f.read(64)  # the start of this process's environment, as a symlink would publish it
except OSError:  # pragma: no cover - not Linux
    ENVIRON = b""


def png() -> bytes:
    """A real 1×1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def _pillow(fmt: str, **options: Any) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (2, 2), (200, 30, 30)).save(out, fmt, **options)
    return out.getvalue()


JPEG = _pillow("JPEG")  # a real 2×2 JPEG: every image is decoded, so a JPEG must be one
WEBP = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07\x00"


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, h: Any) -> Path:
    """A repository checkout (the working directory) with one valid entry, and beside it, outside
    the repository, a secret file and a folder a hostile tree may point at."""
    outside = tmp_path / "luar"
    (outside / "folder").mkdir(parents=True)
    (outside / "rahasia.txt").write_text(SECRET, encoding="utf-8")
    (outside / "folder" / "rahasia.html").write_text(f"<script>{SECRET}</script>", encoding="utf-8")
    root = tmp_path / "repo"
    h.write_entry(root / "content")
    monkeypatch.chdir(root)
    return root


def validate(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *argv])
    return code, out.getvalue(), err.getvalue()


def leaked(tree: Path) -> list[str]:
    """Files below `tree` that hold something from outside the repository, or are symlinks."""
    found = []
    for folder, dirs, files in os.walk(tree):
        for name in dirs + files:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                found.append(path)
            elif name in files:
                with open(path, "rb") as f:
                    data = f.read()
                if SECRET.encode() in data or (ENVIRON and ENVIRON in data):
                    found.append(path)
    return found


def staging_dirs(repo: Path) -> list[str]:
    return [p.name for p in repo.iterdir() if p.name.startswith(".site")]


# --- every refused payload: validate names it, the build stops before writing --------------------


def _html(c: Path) -> str:
    (c / "innovations/jawa-timur/serangan.html").write_text("<script>alert(document.cookie)</script>")
    return f"{JATIM}/serangan.html"


def _svg(c: Path) -> str:
    (c / "innovations/jawa-timur/logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    return f"{JATIM}/logo.svg"


def _link_file(c: Path) -> str:
    (c / "innovations/jawa-timur/foto.png").symlink_to(c.parent.parent / "luar" / "rahasia.txt")
    return f"{JATIM}/foto.png"


def _link_folder(c: Path) -> str:
    (c / "innovations/jawa-timur/galeri").symlink_to(c.parent.parent / "luar" / "folder", target_is_directory=True)
    return f"{JATIM}/galeri"


def _link_site_folder(c: Path) -> str:
    (c / "aset").symlink_to(c.parent.parent / "luar" / "folder", target_is_directory=True)
    return "content/aset"


def _link_environ(c: Path) -> str:
    (c / "innovations/jawa-timur/foto.jpg").symlink_to("/proc/self/environ")
    return f"{JATIM}/foto.jpg"


def _link_passwd(c: Path) -> str:
    (c / "logo.png").symlink_to("/etc/passwd")
    return "content/logo.png"


def _dangling_link(c: Path) -> str:
    (c / "innovations/jawa-timur/hilang.png").symlink_to(c / "tidak-ada.png")
    return f"{JATIM}/hilang.png"


def _png_of_html(c: Path) -> str:
    (c / "innovations/jawa-timur/foto.png").write_text("<html><script>alert(1)</script></html>")
    return f"{JATIM}/foto.png"


def _webp_named_png(c: Path) -> str:
    (c / "innovations/jawa-timur/foto.png").write_bytes(WEBP)
    return f"{JATIM}/foto.png"


def _too_big(c: Path) -> str:
    (c / "innovations/jawa-timur/besar.png").write_bytes(png() + b"\x00" * content.MAX_IMAGE_BYTES)
    return f"{JATIM}/besar.png"


def _deeper(c: Path) -> str:
    folder = c / "innovations/jawa-timur/jawa-barat"
    folder.mkdir()
    (folder / "lebih-dalam.md").write_text((c / "innovations/jawa-timur/adminduk-keliling.md").read_text()
                                           .replace("adminduk", "lain"))
    return f"{JATIM}/jawa-barat/lebih-dalam.md"


def _unknown_province(c: Path) -> str:
    folder = c / "innovations/atlantis"
    folder.mkdir()
    (folder / "x.png").write_bytes(png())
    return "content/innovations/atlantis/x.png"


def _loose_in_innovations(c: Path) -> str:
    (c / "innovations/lepas.png").write_bytes(png())
    return "content/innovations/lepas.png"


def _fifo(c: Path) -> str:
    os.mkfifo(c / "innovations/jawa-timur/antre.png")
    return f"{JATIM}/antre.png"


def _script_page(c: Path) -> str:
    (c / "halaman.js").write_text("alert(1)")
    return "content/halaman.js"


PAYLOADS = {
    "html": (_html, "jenis file tidak diizinkan"),
    "svg": (_svg, "jenis file tidak diizinkan"),
    "symlink-to-a-file-outside": (_link_file, "tautan simbolik (symlink) tidak diizinkan"),
    "symlink-to-a-folder": (_link_folder, "tautan simbolik (symlink) tidak diizinkan"),
    "symlink-folder-outside-the-catalogue": (_link_site_folder, "tautan simbolik (symlink) tidak diizinkan"),
    "symlink-to-proc-self-environ": (_link_environ, "tautan simbolik (symlink) tidak diizinkan"),
    "symlink-to-etc-passwd": (_link_passwd, "tautan simbolik (symlink) tidak diizinkan"),
    "dangling-symlink": (_dangling_link, "tautan simbolik (symlink) tidak diizinkan"),
    "png-whose-bytes-are-html": (_png_of_html, "bukan gambar PNG"),
    "webp-named-png": (_webp_named_png, "isi file ini gambar WebP, bukan PNG"),
    "too-big-image": (_too_big, "gambar terlalu besar"),
    "deeper-folder-entry": (_deeper, "folder terlalu dalam"),
    "unknown-province-folder": (_unknown_province, "bukan slug provinsi yang dikenal"),
    "file-directly-in-innovations": (_loose_in_innovations, "tidak boleh langsung di content/innovations/"),
    "fifo": (_fifo, "bukan file biasa"),
    "script-outside-the-catalogue": (_script_page, "jenis file tidak diizinkan"),
}


def _named(out: str, shown: str, message: str) -> bool:
    """Whether an error line names `shown` (or the folder of it that is refused) with `message`."""
    return any(line.split(":1:1: error: ")[0] in (shown, *map(str, Path(shown).parents))
               and message in line for line in out.splitlines() if ":1:1: error: " in line)


@pytest.mark.site
@pytest.mark.parametrize("payload", PAYLOADS, ids=list(PAYLOADS))
def test_a_refused_file_fails_validate_and_the_build_before_it_writes(repo: Path, payload: str) -> None:
    make, message = PAYLOADS[payload]
    shown = make(repo / "content")

    code, out, err = validate()  # the whole catalogue, as `katalog validate` with no argument
    assert code == 1, out + err
    assert _named(out, shown, message), out
    assert "Traceback" not in out + err and err.startswith("✗ ")

    code, out, _ = validate(shown)  # the changed path, as the pull-request workflow passes it
    assert code == 1 and f"{shown}:1:1: error: " in out and message in out, out

    with pytest.raises(Abort):
        run_build(repo, search=False)
    assert not (repo / "site").exists()
    assert staging_dirs(repo) == []


@pytest.mark.unit
def test_the_formats_ci_reads_carry_the_refusal(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown = _html(repo / "content")
    code, out, _ = validate("--format", "json", shown)
    assert code == 1
    assert json.loads(out) == [{
        "path": shown, "line": 1, "col": 1, "severity": "error", "field": "",
        "message": "jenis file tidak diizinkan; di content/innovations/ hanya boleh ada entri <provinsi>/<id>.md "
                   "dan gambar PNG, JPEG atau WebP di sampingnya"}]
    summary = tmp_path / "ringkasan.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, _ = validate("--format", "github", shown)
    assert code == 1
    assert out.startswith(f"::error file={shown},line=1,col=1,title=entri::{shown}:1:1: error: jenis file")
    assert "❌ 1 file diperiksa: 1 galat" in summary.read_text(encoding="utf-8")


@pytest.mark.site
def test_a_failed_build_leaves_the_previous_site_untouched(repo: Path) -> None:
    site = run_build(repo, search=False)
    before = {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    _link_folder(repo / "content")
    _html(repo / "content")
    with pytest.raises(Abort):
        run_build(repo, search=False)
    assert {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert leaked(site) == []


@pytest.mark.site
def test_real_images_and_the_site_pages_pass_and_are_published(repo: Path, h: Any) -> None:
    c = repo / "content"
    (c / "innovations/jawa-timur/foto.png").write_bytes(png())
    (c / "innovations/jawa-timur/foto.jpg").write_bytes(JPEG)
    (c / "innovations/jawa-timur/FOTO-2.JPEG").write_bytes(JPEG)
    (c / "innovations/jawa-timur/foto.webp").write_bytes(WEBP)
    (c / "gambar").mkdir()
    (c / "gambar/logo.webp").write_bytes(WEBP)
    (c / "tentang.md").write_text("# Tentang\n\nKatalog uji.\n\n![Logo](gambar/logo.webp)\n", encoding="utf-8")
    h.write_entry(c, "jawa-timur", "adminduk-keliling", gambar="foto.webp")
    given = [f"{JATIM}/foto.png", f"{JATIM}/foto.jpg", f"{JATIM}/FOTO-2.JPEG", f"{JATIM}/foto.webp",
             "content/gambar/logo.webp", "content/tentang.md", f"{JATIM}/adminduk-keliling.md"]
    assert validate(*given) == (0, "", "✓ 7 file valid.\n")
    assert validate() == (0, "", "✓ 1 file valid.\n")
    site = run_build(repo, search=False)
    # Published: the images an entry or a page shows, decoded and written anew; the others not.
    from PIL import Image

    for shown in ("innovations/jawa-timur/foto.webp", "gambar/logo.webp"):
        with Image.open(site / shown) as image:
            assert image.format == "WEBP" and image.size == (1, 1)
    assert not (site / "innovations/jawa-timur/foto.png").exists()
    assert not (site / "innovations/jawa-timur/FOTO-2.JPEG").exists()
    assert (site / "tentang/index.html").is_file()


@pytest.mark.unit
def test_only_entries_at_their_place_are_found_and_no_link_is_followed(repo: Path, h: Any) -> None:
    c = repo / "content"
    _deeper(c)
    (c / "innovations/bali").mkdir()
    (c / "innovations/bali/tautan.md").symlink_to(c / "innovations/jawa-timur/adminduk-keliling.md")
    (c / "innovations/bali/folder").symlink_to(c / "innovations/jawa-timur", target_is_directory=True)
    (c / "innovations/nasional").symlink_to(c / "innovations/jawa-timur", target_is_directory=True)
    expected = [Path(f"{JATIM}/adminduk-keliling.md")]
    assert find_entry_files([Path("content/innovations")]) == expected
    assert find_entry_files([Path(JATIM)]) == expected
    assert find_entry_files([Path("content/innovations/nasional")]) == []


@pytest.mark.unit
def test_a_deeper_entry_given_by_name_is_refused_not_validated(repo: Path) -> None:
    shown = _deeper(repo / "content")
    code, out, _ = validate(shown)
    assert code == 1
    assert out.splitlines() == [
        f"{shown}:1:1: error: folder terlalu dalam: entri harus tepat di content/innovations/<provinsi>/<id>.md, "
        "satu tingkat folder saja",
        f"{JATIM}/jawa-barat:1:1: error: folder terlalu dalam: entri harus tepat di "
        "content/innovations/<provinsi>/<id>.md, satu tingkat folder saja",
    ]


# --- the build: no empty folder, its own staging dir, a lock ------------------------------------


def _empty_folders(site: Path) -> list[str]:
    return [folder for folder, dirs, files in os.walk(site) if not dirs and not files]


@pytest.mark.site
def test_a_built_site_has_no_empty_folder(repo: Path) -> None:
    site = run_build(repo, search=False)
    assert (site / "inovasi/adminduk-keliling/index.html").is_file()
    assert _empty_folders(site) == []
    umask = os.umask(0o022)
    os.umask(umask)
    assert site.stat().st_mode & 0o777 == 0o777 & ~umask  # not the 0700 of a private temporary folder


def _mkdocs(repo: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, NO_MKDOCS_2_WARNING="1", PYTHONIOENCODING="utf-8")
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(repo / "mkdocs.yml")],
                            cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.site
def test_concurrent_builds_into_one_site_dir_wait_for_each_other(repo: Path, h: Any) -> None:
    for i in range(30):
        h.write_entry(repo / "content", "bali", f"entri-{i}", judul=f"Inovasi Bali Nomor {i}")
    write_config(repo, search=False, cache=False)
    builds = [_mkdocs(repo) for _ in range(3)]
    results = [build.communicate(timeout=120) for build in builds]
    for build, (out, err) in zip(builds, results, strict=True):
        assert "Traceback" not in out + err, err
        assert build.returncode == 0, err
    site = repo / "site"
    assert len(list((site / "inovasi").glob("*/index.html"))) == 31
    assert not any(name.startswith(".site.katalog-baru") or name == ".site.katalog-kunci"
                   for name in staging_dirs(repo))


@pytest.mark.site
def test_a_build_that_cannot_get_the_lock_stops_with_a_message(
        repo: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    import fcntl

    from generator.machinery import folders

    monkeypatch.setattr(folders, "LOCK_WAIT", 0.3)
    lock = repo / ".site.katalog-kunci"
    lock.mkdir()
    fd = os.open(lock, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another build holds the site dir
        with caplog.at_level(logging.ERROR), pytest.raises(Abort):
            run_build(repo, search=False)
    finally:
        os.close(fd)
    assert f"katalog: build lain masih menulis ke {repo / 'site'} setelah ditunggu 0.3 detik; situs tidak dibangun." in caplog.text
    assert not (repo / "site").exists()
    assert [p.name for p in repo.iterdir() if p.name.startswith(".site.katalog-baru")] == []
    run_build(repo, search=False)  # once the other build is done
    assert (repo / "site/inovasi/adminduk-keliling/index.html").is_file()


# --- whole random repositories -------------------------------------------------------------------

PROVINCES = ["jawa-timur", "bali", "nasional"]
FOLDERS = st.sampled_from(["innovations", *PROVINCES, "atlantis", "gambar", "x", "inovasi", "api", "jelajahi"])
KINDS = ["page", "png", "jpeg", "webp", "png-of-html", "html", "svg", "txt", "big-png",
         "link-secret", "link-folder", "link-environ", "link-inside", "link-dangling", "fifo",
         # the second round: site pages that act or hide characters, photos with metadata, a
         # header claiming 50,000 × 50,000 pixels
         "page-hostile", "page-invisible", "jpeg-exif", "png-huge-header"]
ALLOWED_KINDS = {"page", "png", "jpeg", "webp", "jpeg-exif", "page-hostile", "page-invisible"}
INVALID_PAGES = {"page-hostile", "page-invisible"}  # allowed where they are, refused at a line of theirs
GENERATED = {"inovasi", "api", "jelajahi"}  # folders the build writes: nothing of content/ goes there
ENTRY_KINDS = ["ok", "ok", "status", "invisible-name"]
NAME = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)
ENTRY_ID = st.from_regex(r"[a-z][a-z0-9]{0,4}(-[a-z0-9]{1,4})?", fullmatch=True)  # model.ID_PATTERN

entries = st.lists(st.tuples(st.sampled_from(PROVINCES), ENTRY_ID, st.sampled_from(ENTRY_KINDS)), max_size=4,
                   unique_by=lambda e: e[1])
extras = st.lists(st.tuples(st.lists(FOLDERS, max_size=4), NAME, st.sampled_from(KINDS)), max_size=5)


def _refused(folders: list[str], kind: str) -> bool:
    """The oracle: whether the allow-list (what, where) refuses an extra file of `kind` in
    content/<folders>/, at its line 1, column 1."""
    if kind not in ALLOWED_KINDS:
        return True
    if folders[:1] == ["innovations"]:
        return len(folders) != 2 or folders[1] not in PROVINCES
    return folders[:1] != [] and folders[0] in GENERATED


_EXT = {"page": ".md", "png": ".png", "jpeg": ".jpg", "webp": ".webp", "png-of-html": ".png", "html": ".html",
        "svg": ".svg", "txt": ".txt", "big-png": ".png", "link-secret": ".png", "link-folder": "",
        "link-environ": ".jpg", "link-inside": ".md", "link-dangling": ".png", "fifo": ".png",
        "page-hostile": ".md", "page-invisible": ".md", "jpeg-exif": ".jpg", "png-huge-header": ".png"}


def _huge_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 50_000, 50_000, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def _exif_jpeg() -> bytes:
    from PIL import Image

    exif = Image.Exif()
    exif[0x013B] = "Fotografer Rahasia"
    exif[0x8825] = {1: "S", 2: (7.0, 3.0, 0.0), 3: "E", 4: (112.0, 45.0, 0.0)}
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (10, 200, 10)).save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


HOSTILE_PAGE = (b'# Halaman\n\n<meta http-equiv="refresh" content="0;url=https://phish.example/">\n'
                b"<style>body{display:none}</style>\n")
INVISIBLE_PAGE = "# Halaman\n\nTeks\u202e terbalik\u200b.\n".encode()


def _make(path: Path, kind: str, outside: Path) -> None:
    data = {"page": b"# Halaman\n", "png": png(), "jpeg": JPEG, "webp": WEBP, "png-of-html": b"<script>1</script>",
            "html": b"<script>alert(1)</script>", "svg": b"<svg onload=alert(1)/>", "txt": b"teks",
            "big-png": png() + b"\x00" * content.MAX_IMAGE_BYTES, "page-hostile": HOSTILE_PAGE,
            "page-invisible": INVISIBLE_PAGE, "jpeg-exif": _exif_jpeg(), "png-huge-header": _huge_png()}
    if kind in data:
        path.write_bytes(data[kind])
    elif kind == "link-secret":
        path.symlink_to(outside / "rahasia.txt")
    elif kind == "link-folder":
        path.symlink_to(outside, target_is_directory=True)
    elif kind == "link-environ":
        path.symlink_to("/proc/self/environ")
    elif kind == "link-inside":
        path.symlink_to(path.parent)
    elif kind == "link-dangling":
        path.symlink_to(outside / "tidak-ada")
    else:
        os.mkfifo(path)


@contextlib.contextmanager
def random_repo(h: Any, entry_list: list, extra_list: list) -> Iterator[tuple[Path, list[str], bool]]:
    """A repository from the drawn entries and extras, as the working directory: (repo, the
    displayed paths of the refused extras, whether everything is valid)."""
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        outside = Path(tmp) / "luar"
        outside.mkdir()
        (outside / "rahasia.txt").write_text(SECRET, encoding="utf-8")
        repo = Path(tmp) / "repo"
        c = repo / "content"
        (c / "innovations").mkdir(parents=True)
        valid = True
        taken: set[str] = set()
        for provinsi, entry_id, kind in entry_list:
            overrides = {"ok": {}, "status": {"status": "Aktif"},
                         "invisible-name": {"instansi": '\n  nama: "Pemerintah Kabupaten Tulung\\u00adagung"\n'
                                                        "  jenis: pemkab"}}[kind]
            h.write_entry(c, provinsi, entry_id, **overrides)
            taken.add(f"innovations/{provinsi}/{entry_id}.md")
            valid &= kind == "ok"
        refused: list[str] = []
        for folders, name, kind in extra_list:
            relative = "/".join([*folders, name + _EXT[kind]])
            if relative in taken or any(relative.startswith(t + "/") or t.startswith(relative + "/") for t in taken):
                continue
            path = c / relative
            if any(p.is_symlink() or p.is_file() for p in path.parents):
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            _make(path, kind, outside)
            taken.add(relative)
            if _refused(folders, kind):
                refused.append(f"content/{relative}")
            elif kind.startswith("page") and folders[:1] == ["innovations"]:
                valid = False  # a page where an entry goes is read as an entry, and is not one
            elif kind in INVALID_PAGES:
                valid = False
        os.chdir(repo)
        try:
            yield repo, refused, valid and not refused
        finally:
            os.chdir(old)


RANDOM = settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.mark.unit
@RANDOM
@given(entry_list=entries, extra_list=extras)
def test_any_repository_gets_diagnostics_never_a_traceback(h: Any, entry_list: list, extra_list: list) -> None:
    with random_repo(h, entry_list, extra_list) as (_, refused, valid):
        code, out, err = validate()
        assert "Traceback" not in out + err
        assert code == (0 if valid else 1), out + err
        for shown in refused:
            names = (shown, *map(str, Path(shown).parents))
            assert any(line.split(":1:1: error: ")[0] in names for line in out.splitlines()), (shown, out)
        for line in out.splitlines():
            path, line_no, col, rest = line.split(":", 3)
            assert line_no.isdigit() and col.isdigit() and rest.startswith((" error: ", " warning: "))


@pytest.mark.site
@settings(max_examples=5, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(entry_list=entries, extra_list=extras)
def test_any_repository_builds_a_site_or_nothing_and_never_publishes_the_outside(
        h: Any, entry_list: list, extra_list: list) -> None:
    with random_repo(h, entry_list, extra_list) as (repo, refused, valid):
        try:
            site = run_build(repo, search=False, cache=False)
        except Abort:
            assert not valid
            assert not (repo / "site").exists()
        else:
            assert valid, refused
            assert _empty_folders(site) == []
        assert staging_dirs(repo) == []
        if (repo / "site").exists():
            assert leaked(repo / "site") == []
            for path in (repo / "site").rglob("*"):
                if path.is_file() and "assets" not in path.parts:
                    data = path.read_bytes()
                    assert b"Fotografer Rahasia" not in data and b"Exif\x00" not in data, path
                    assert b"http-equiv=\"refresh\"" not in data and b"<style>body" not in data, path


# --- the deploy workflow: least privilege ---------------------------------------------------------


@pytest.mark.unit
def test_only_the_deploy_job_may_publish_and_it_runs_no_project_code() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for name, job in jobs.items():
        granted = job.get("permissions", {})
        if name != "deploy":
            assert granted in ({}, {"contents": "read"}), name
            assert not {"pages", "id-token"} & set(granted), name
    assert all("run" not in step for step in jobs["deploy"]["steps"])
    assert all(step.get("uses", "").startswith("actions/") for step in jobs["deploy"]["steps"])


@pytest.mark.site
def test_source_comments_never_reach_a_published_file(tmp_path: Path, h: Any) -> None:
    text = h.entry_text(body="## Latar Belakang\n\nCerita.\n\n<!-- catatan-rahasia-isi -->\n")
    text = text.replace("status: aktif", "status: aktif  # catatan-rahasia-yaml").replace(
        "---\njudul", "---\n# catatan-rahasia-awal\njudul", 1)
    (tmp_path / "content/innovations/jawa-timur").mkdir(parents=True)
    (tmp_path / "content/innovations/jawa-timur/adminduk-keliling.md").write_text(text, encoding="utf-8")
    site = run_build(tmp_path)
    published = [p for p in site.rglob("*") if p.is_file()]
    assert published
    for path in published:
        assert b"catatan-rahasia" not in path.read_bytes(), path


@pytest.mark.site
def test_site_url_comes_from_the_environment_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The project's own mkdocs.yml reads SITE_URL (the deploy workflow sets it).
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", "https://inovasi.contoh.go.id/")
    assert load_config(config_file=str(ROOT / "mkdocs.yml")).site_url == "https://inovasi.contoh.go.id/"
    monkeypatch.delenv("SITE_URL")
    assert load_config(config_file=str(ROOT / "mkdocs.yml")).site_url == "https://example.go.id/katalog/"


@pytest.mark.unit
def test_the_pull_request_check_validates_every_changed_path_under_content() -> None:
    workflow = (ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load(workflow)["jobs"]["entries"]["steps"]
    listing = next(s["run"] for s in steps if s.get("id") == "changed")
    assert "-- content/" in listing and "*.md" not in listing
    assert any("katalog validate" in s.get("run", "") and "changed.txt" in s.get("run", "") for s in steps)


ODD_NAMES = ["halaman é.md", 'kutip "dua".md', "spasi dan\ttab.md", "baris\nbaru.md", "koma, titik: dua.md",
             "persen %0A.md", "-- tanda.md", "::error::palsu.md", "indonesia — ✓.md"]


def _pull_request_check(repo: Path, base: str) -> tuple[int, str]:
    """The pull-request workflow's own steps (the listing, then validate), run in `repo`."""
    steps = yaml.safe_load((ROOT / ".github/workflows/validate.yml").read_text(encoding="utf-8"))["jobs"]["entries"]["steps"]
    listing = next(s["run"] for s in steps if s.get("id") == "changed")
    check = next(s["run"] for s in steps if "Validasi path yang berubah" in s.get("name", ""))
    script = (listing + "\n" + check).replace(".venv/bin/katalog", f"{sys.executable} -m generator.cli")
    env = dict(os.environ, BASE_SHA=base, GITHUB_OUTPUT=str(repo.parent / "output.txt"), PYTHONPATH=str(ROOT),
               SOURCE_DATE_EPOCH=EPOCH)
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(["bash", "-e", "-c", script], cwd=repo, env=env, capture_output=True, text=True, timeout=120)
    return done.returncode, done.stdout + done.stderr


def _git(repo: Path, *argv: str) -> str:
    return subprocess.run(["git", "-c", "user.name=uji", "-c", "user.email=uji@contoh.go.id", *argv], cwd=repo,
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.site
def test_the_pull_request_check_validates_and_annotates_every_path_whatever_its_name(repo: Path) -> None:
    # Before: `git diff` quoted non-ASCII and quoted names; validate said "tidak ditemukan" for
    # them and annotated none of the other files.
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "dasar")
    base = _git(repo, "rev-parse", "HEAD").strip()
    for name in ODD_NAMES:  # each page holds what is refused: every one must be annotated
        (repo / "content" / name).write_text("# Halaman\n\n<script>alert(1)</script>\n", encoding="utf-8")
    (repo / "content/baik é.md").write_text("# Halaman baik\n\nTeks.\n", encoding="utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "usulan")
    code, out = _pull_request_check(repo, base)
    assert code == 1 and "tidak ditemukan" not in out, out
    annotated = re.findall(r"^::error file=([^,]*),line=(\d+)", out, re.M)
    def unescape(value: str) -> str:
        return value.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
    files = {unescape(path) for path, _ in annotated}
    assert files == {f"content/{name}" for name in ODD_NAMES}, files
    # The list the workflow prints cannot be read as a command by the runner.
    assert not any(line.startswith("::error::palsu") for line in out.splitlines())
