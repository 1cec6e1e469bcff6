"""A second builder: ProperDocs, the maintained fork of MkDocs 1.6, builds the same site with the
same plugin and theme, so the end of MkDocs 1.x or of Material's maintenance never strands the
catalogue. Real builds of the project's own sample catalogue with both."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1"}


def build(builder: str, repo: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", builder, "build", "-f", str(repo / "mkdocs.yml"), "-d", str(site)],
                          cwd=repo, env=ENV, capture_output=True, text=True, timeout=300)


def article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", html, re.DOTALL).group(0)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = {}
    for builder in ("mkdocs", "properdocs"):
        site = tmp_path_factory.mktemp(builder) / "site"
        done = build(builder, ROOT, site)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "Traceback" not in done.stderr
        out[builder] = site
    return out


def test_properdocs_builds_the_sample_catalogue_like_mkdocs(sites: dict[str, Path]) -> None:
    ours, fork = sites["mkdocs"], sites["properdocs"]
    entries = sorted(p.parent.name for p in (ours / "inovasi").glob("*/index.html"))
    assert len(entries) >= 10
    assert sorted(p.parent.name for p in (fork / "inovasi").glob("*/index.html")) == entries
    for entry_id in entries:
        assert article(fork / "inovasi" / entry_id / "index.html") == article(ours / "inovasi" / entry_id / "index.html")
    for page in ("index.html", "jelajahi/index.html", "kriteria/index.html", "api/inovasi.json", "sitemap.xml"):
        assert (fork / page).is_file(), page
    assert (fork / "cari/indeks.json").is_file()


def test_properdocs_stops_on_an_invalid_entry_with_its_line_and_no_traceback(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(ROOT / "content", repo / "content")
    entry = repo / "content/innovations/nasional/sp4n-lapor.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("status: aktif", "status: Aktif"), encoding="utf-8")
    done = build("properdocs", repo, tmp_path / "site")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert re.search(r"content/innovations/nasional/sp4n-lapor\.md:\d+:9: error: status: harus salah satu", done.stderr)
    assert not (tmp_path / "site").exists()
