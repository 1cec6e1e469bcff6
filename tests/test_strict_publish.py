"""The site is published only once the builder finished without error: a `--strict` build that
ends in "Aborted with N warnings in strict mode" leaves the previous site byte for byte and no
staging folder behind; the same build without `--strict` publishes. Real builds, through the
`mkdocs` and `properdocs` commands and through MkDocs' Python API (where `on_shutdown` never
comes), with a warning of MkDocs' own (a nav item whose page is missing) and one of the plugin's
(the size budget, logged just before the site would be published)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1"}

pytestmark = pytest.mark.site


def write_config(repo: Path, warning: str | None) -> Path:
    """The site's mkdocs.yml; `warning`: "nav" (MkDocs warns of a nav item without its page) or
    "budget" (the plugin warns that the site is over its size budget)."""
    plugin = "\n  - katalog:\n      size_budget_mb: 0.001" if warning == "budget" else "\n  - katalog"
    nav = ("nav:\n  - Beranda: index.md\n  - Jelajahi: jelajahi/index.md\n  - Hilang: hilang.md\n"
           if warning == "nav" else "")
    path = repo / "mkdocs.yml"
    path.write_text("site_name: Katalog Uji\nsite_url: https://contoh.go.id/katalog/\ndocs_dir: content\n"
                    "site_dir: site\ntheme:\n  name: material\n  language: id\n  font: false\n"
                    f"plugins:{plugin}\n{nav}", encoding="utf-8")
    return path


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(repo: Path) -> list[str]:
    """What a build leaves beside the site folder: staging folders, its lock (the replaced site's
    copy, `.site.katalog-lama-*`, is deleted in the background and may still be going)."""
    return sorted(p.name for p in repo.iterdir() if p.name.startswith((".site.katalog-baru", ".site.katalog-kunci")))


def run(builder: str, repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", builder, "build", "-f", str(repo / "mkdocs.yml"), *args],
                          cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)


def api(repo: Path, *, strict: bool) -> None:
    config = load_config(config_file=str(repo / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


@pytest.fixture
def repo(tmp_path: Path, h: Any) -> Path:
    content = tmp_path / "content"
    h.write_entry(content, "bali", "lama", judul="Layanan Lama")
    (content / "index.md").write_text("# Beranda\n\nKatalog uji.\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("builder", "warning"), [("mkdocs", "nav"), ("mkdocs", "budget"), ("properdocs", "nav"),
                                                  ("api", "nav"), ("api", "budget")])
def test_a_strict_build_that_aborts_keeps_the_previous_site(repo: Path, h: Any, builder: str, warning: str) -> None:
    def build_with(*, strict: bool) -> str:
        if builder == "api":
            try:
                api(repo, strict=strict)
            except Abort as error:
                return f"Abort: {error}"
            return ""
        done = run(builder, repo, *(["--strict"] if strict else []))
        assert "Traceback" not in done.stderr, done.stderr
        return done.stdout + done.stderr if done.returncode else ""  # click says "Aborted" on stdout

    write_config(repo, None)
    assert build_with(strict=True) == ""
    site = repo / "site"
    before = snapshot(site)
    assert "inovasi/lama/index.html" in before and leftovers(repo) == []

    # A new entry and a warning: the strict build aborts after every page is written.
    h.write_entry(repo / "content", "aceh", "baru", judul="Layanan Baru")
    write_config(repo, warning)
    failed = build_with(strict=True)
    assert "Aborted with" in failed and "in strict mode" in failed, failed
    assert snapshot(site) == before
    assert leftovers(repo) == []

    # The same build without --strict publishes, warning and all.
    assert build_with(strict=False) == ""
    after = snapshot(site)
    assert "inovasi/baru/index.html" in after and "Layanan Baru" in after["inovasi/baru/index.html"].decode()
    assert leftovers(repo) == []


def test_a_warm_build_after_an_aborted_strict_build_keeps_pages_from_the_published_site(repo: Path, h: Any) -> None:
    """The record of the site folder (`publishing.SiteRecord`) is saved only with a published
    site: after an aborted build the next one still links the unchanged pages of the site in place."""
    write_config(repo, None)
    assert run("mkdocs", repo).returncode == 0
    page = repo / "site/inovasi/lama/index.html"
    write_config(repo, "nav")
    assert run("mkdocs", repo, "--strict").returncode == 1
    write_config(repo, None)
    done = run("mkdocs", repo, "--verbose")
    assert done.returncode == 0, done.stderr
    assert "1 tetap dari build sebelumnya" in done.stderr
    assert (repo / "site/inovasi/lama/index.html").read_bytes() == page.read_bytes()


def test_the_replaced_site_is_deleted_in_the_background_at_the_lowest_priority(tmp_path: Path) -> None:
    """The previous site's copy goes in a detached `rm` that gives way to a build started
    meanwhile: CPU nice 19 (and the idle I/O class where `ionice` exists); and it does go."""
    from generator.machinery.folders import remove_later

    old = tmp_path / ".site.katalog-lama-1"
    for n in range(50):
        (old / f"inovasi-{n}").mkdir(parents=True)
        (old / f"inovasi-{n}" / "index.html").write_text("<p>lama</p>", encoding="utf-8")
    process = remove_later(str(old))
    assert process is not None
    # Read while it runs or as it ended (a zombie until it is waited for): once `rm` itself is
    # running, its niceness is the one `nice` set before it.
    stat = Path(f"/proc/{process.pid}/stat")
    deadline = time.monotonic() + 30
    while True:
        fields = stat.read_text().rsplit(")", 1)
        if fields[0].endswith("(rm"):
            break
        assert time.monotonic() < deadline, fields
        time.sleep(0.001)
    assert int(fields[1].split()[16]) == 19  # field 19 of /proc/<pid>/stat: nice
    assert process.wait(timeout=30) == 0
    assert not old.exists()
    assert remove_later(str(old)) is None  # nothing left: nothing started
