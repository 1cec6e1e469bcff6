"""The package any agency can adopt, as it is installed: the wheel built from this checkout and
installed with the runtime lock (`requirements.txt`, every package by its hash) into a clean venv,
`katalog init` in an empty folder, and `mkdocs build --strict` of the new catalogue, with nothing
of this checkout on the path. Then an upgrade of the package: the agency's own templates (its
`custom_dir`) still win, and the new version's other templates come through.

Slow (a clean venv: about a minute): marked `wheel`; `pytest -m "not wheel"` leaves it out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.site, pytest.mark.wheel]
# A clean environment: nothing of this checkout (no PYTHONPATH, another working folder).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KATALOG_CACHE_DIR", "VIRTUAL_ENV")}
ENV.update(SOURCE_DATE_EPOCH="1795392000", NO_MKDOCS_2_WARNING="1", PIP_DISABLE_PIP_VERSION_CHECK="1")


def run(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    assert "Traceback" not in done.stderr
    return done


def source_copy(target: Path) -> Path:
    """What the wheel is built from: the package, its metadata, and the files its links name
    (`generator/starter/github` → `.github/`, `starter/requirements.txt` → the lock)."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "generator", target / "generator", symlinks=True, ignore=ignore)
    shutil.copytree(ROOT / ".github", target / ".github", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "requirements.txt"):
        shutil.copy2(ROOT / name, target / name)
    return target


def wheel(source: Path, out: Path) -> Path:
    """The wheel of `source`, built by this venv's setuptools (the lock's), nothing fetched."""
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "-w", out, ".",
        cwd=source)
    (built,) = out.glob("katalog_inovasi-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("paket")
    first = wheel(source_copy(base / "sumber"), base / "dist-1")
    venv = base / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=base)
    python = venv / "bin/python"
    run(python, "-m", "pip", "install", "--quiet", "--require-hashes", "--no-deps", "-r", ROOT / "requirements.txt",
        cwd=base)
    run(python, "-m", "pip", "install", "--quiet", "--no-deps", first, cwd=base)
    work = base / "kerja"
    work.mkdir()
    return {"base": base, "venv": venv, "work": work}


def test_the_wheel_in_a_clean_venv_starts_a_catalogue_that_builds_strict(installed: dict[str, Path]) -> None:
    venv, work = installed["venv"], installed["work"]
    theme = run(venv / "bin/python", "-c", "from generator.pages.html import THEME; print(THEME)", cwd=work)
    assert Path(theme.stdout.strip()).is_relative_to(venv) and Path(theme.stdout.strip(), "katalog/entri.html").is_file()
    done = run(venv / "bin/katalog", "init", "katalog-kami", cwd=work)
    assert "Katalog baru ditulis di katalog-kami" in done.stdout
    folder = work / "katalog-kami"
    run(venv / "bin/katalog", "validate", cwd=folder)
    run(venv / "bin/mkdocs", "build", "--strict", cwd=folder)
    site = folder / "site"
    entry = (site / "inovasi/contoh-layanan-keliling/index.html").read_text(encoding="utf-8")
    assert "Contoh entri: Layanan Adminduk Keliling ke Desa" in entry and 'class="katalog-minis"' in entry
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "'katalog-skrip-sebaris'" not in home and "'sha256-" in home  # the policy's hashes, filled
    for path in ("jelajahi/index.html", "api/inovasi.json", "cari/indeks.json", "robots.txt",
                 "assets/stylesheets/katalog.css", "sitemap.xml"):
        assert (site / path).is_file(), path


def test_an_agencys_own_templates_survive_an_upgrade_of_the_package(installed: dict[str, Path]) -> None:
    base, venv, work = installed["base"], installed["venv"], installed["work"]
    run(venv / "bin/katalog", "init", "kementerian", cwd=work)
    folder = work / "kementerian"
    site_packages = Path(run(venv / "bin/python", "-c", "import generator, os; print(os.path.dirname(generator.__file__))",
                             cwd=work).stdout.strip())
    # The agency's own footer: a copy of the package's, changed (what its README tells it to do).
    mine = '<div data-kaki="kementerian"></div>\n' + (site_packages / "theme/katalog/kaki.html").read_text(encoding="utf-8")
    (folder / "overrides/katalog").mkdir(parents=True)
    (folder / "overrides/katalog/kaki.html").write_text(mine, encoding="utf-8")
    run(venv / "bin/mkdocs", "build", "--strict", cwd=folder)
    for page in ("inovasi/contoh-layanan-keliling/index.html", "index.html"):
        assert 'data-kaki="kementerian"' in (folder / "site" / page).read_text(encoding="utf-8"), page

    # A newer package: another version, whose footer and header both changed.
    source = source_copy(base / "sumber-2")
    init = source / "generator/__init__.py"
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "99.0.0"', init.read_text(encoding="utf-8")),
                    encoding="utf-8")
    footer = source / "generator/theme/katalog/kaki.html"
    footer.write_text('<div data-kaki="99"></div>\n' + footer.read_text(encoding="utf-8"), encoding="utf-8")
    header = source / "generator/theme/katalog/kepala.html"
    text = header.read_text(encoding="utf-8")
    assert 'class="md-header katalog-kepala"' in text
    header.write_text(text.replace('class="md-header katalog-kepala"', 'class="md-header katalog-kepala" data-versi="99"'),
                      encoding="utf-8")
    second = wheel(source, base / "dist-2")
    run(venv / "bin/python", "-m", "pip", "install", "--quiet", "--no-deps", "--upgrade", second, cwd=work)
    assert run(venv / "bin/katalog", "--version", cwd=work).stdout.strip() == "katalog 99.0.0"

    run(venv / "bin/mkdocs", "build", "--strict", cwd=folder)
    for page in ("inovasi/contoh-layanan-keliling/index.html", "index.html"):
        after = (folder / "site" / page).read_text(encoding="utf-8")
        assert 'data-kaki="kementerian"' in after and 'data-kaki="99"' not in after, page  # the agency's footer
        assert 'data-versi="99"' in after, page  # the package's new header
    assert (folder / "overrides/katalog/kaki.html").read_text(encoding="utf-8") == mine
