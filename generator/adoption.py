"""`katalog init FOLDER` (alias `mulai`): a new catalogue repository for an agency that adopts
the generator, written from the installed package alone.

The theme, the vocabularies and the criteria table stay in the package (`generator/theme/`,
`vocab/`, `criteria_table.yaml`): the new repository holds only what is the agency's own, so
upgrading the package upgrades the site and leaves the agency's files and template overrides
alone. It gets (`plan`):

- `mkdocs.yml`: the site, with `plugins: [katalog]`, an empty `custom_dir` (`overrides/`) for
  the agency's own templates, and every value the agency must write itself (the catalogue's name,
  the publisher's name, address, e-mail and telephone) marked GANTI; the site's and the
  repository's addresses come from the deploy workflow (`SITE_URL`, `REPO_URL`);
- `content/`: the site's pages and one example entry (clearly an example: an invented agency,
  numbers and `.example` addresses), dated the day it is written so that it validates and
  stays current; it is validated before anything is written;
- `.github/`: this repository's own workflows, scripts and pull-request template, as they are,
  but for the install step (`make install` needs this repository's Makefile and source: a
  catalogue installs its lock and then the package, `INSTALL`); the issue form, generated from
  the vocabularies (`issueform`); a CODEOWNERS to fill in. Workflows that only this repository
  needs (the generator's tests, the lock's refresh) are left out;
- `requirements.txt`: the runtime lock the package was tested with (every package, its hash),
  and `paket-katalog.txt`, the package itself at this version;
- `README.md` in Indonesian (what to fill in, build, publish, propose, override, upgrade),
  `verifikasi/README.md`, `overrides/README.md`, `.gitignore`.

The package data lives in `generator/starter/`; `starter/github` and `starter/requirements.txt`
are links to this repository's `.github/` and lock, so the package carries them as they are.

The folder must not exist or be empty. Nothing is overwritten; if writing fails, what was written
is removed again.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

from . import __version__

STARTER = Path(str(resources.files("generator") / "starter"))
"""The files of a new catalogue (package data)."""

EXAMPLE = "content/innovations/jawa-tengah/contoh-layanan-keliling.md"
"""The example entry (its id: the file stem)."""

# (path in the package's starter folder, path in the new repository), copied with the
# `{versi}`, `{hari_ini}`, `{tahun}` and `{tahun_lalu}` of `_fill` written in.
OWN_FILES: tuple[tuple[str, str], ...] = (
    ("README.md", "README.md"),
    ("mkdocs.yml", "mkdocs.yml"),
    ("gitignore", ".gitignore"),
    ("paket-katalog.txt", "paket-katalog.txt"),
    ("requirements.txt", "requirements.txt"),
    ("content/index.md", "content/index.md"),
    ("content/kontribusi.md", "content/kontribusi.md"),
    ("content/data-terbuka.md", "content/data-terbuka.md"),
    (EXAMPLE, EXAMPLE),
    ("verifikasi/README.md", "verifikasi/README.md"),
    ("overrides/README.md", "overrides/README.md"),
    ("CODEOWNERS", ".github/CODEOWNERS"),
)

GITHUB_FILES: tuple[str, ...] = (
    "workflows/validate.yml",
    "workflows/komentar-lencana.yml",
    "workflows/deploy.yml",
    "workflows/usulan.yml",
    "workflows/tautan-bukti.yml",
    "scripts/usulan-draf.sh",
    "scripts/usulan-terbitkan.sh",
    "pull_request_template.md",
)
"""This repository's `.github/` files a catalogue gets (`starter/github/…`); `tes.yml` (the
generator's tests) and `lock.yml` (the generator's lock) are this repository's own."""

EXECUTABLE = ("scripts/usulan-draf.sh", "scripts/usulan-terbitkan.sh")

_MAKE_INSTALL = re.compile(r"(?m)^(?P<indent>[ \t]+)run: make install[ \t]*$")
INSTALL = (
    "python -m venv .venv",
    ".venv/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.txt",
    ".venv/bin/python -m pip install --quiet --no-deps -r paket-katalog.txt",
)
"""A catalogue's install step: the lock (every package, hash-checked), then the package."""
INSTALLS = {"validate.yml": 1, "deploy.yml": 1, "usulan.yml": 1, "tautan-bukti.yml": 1, "komentar-lencana.yml": 0}
"""How many install steps each workflow has: a workflow whose install step changed shape is
caught here, not in an agency's first failed run."""


class InitError(ValueError):
    """The folder cannot take a new catalogue (not empty, not a folder): said in words."""


@dataclass(frozen=True)
class File:
    path: str  # in the new repository, with `/`
    data: bytes
    executable: bool = False


def _fill(text: str, today: date) -> str:
    values = {"versi": __version__, "hari_ini": today.isoformat(), "tahun": str(today.year),
              "tahun_lalu": str(today.year - 1)}
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text


def adapt_workflow(name: str, text: str) -> str:
    """This repository's workflow as a catalogue runs it: `make install` (this repository's
    Makefile and source) becomes the install of the lock and of the package (`INSTALL`)."""

    def install(match: re.Match[str]) -> str:
        indent = match.group("indent")
        return f"{indent}run: |\n" + "\n".join(f"{indent}  {line}" for line in INSTALL)

    adapted, count = _MAKE_INSTALL.subn(install, text)
    if count != INSTALLS.get(name, 0) or "make " in adapted:
        raise RuntimeError(f"{name}: langkah pemasangan tidak dikenali ({count} 'make install'); "
                           "perbarui generator/adoption.py")
    return adapted


def plan(today: date) -> list[File]:
    """Every file of a new catalogue, as it will be written."""
    from .issueform import TEMPLATE_PATH, form_yaml

    files = [File(target, _fill((STARTER / source).read_text(encoding="utf-8"), today).encode("utf-8"))
             for source, target in OWN_FILES]
    for name in GITHUB_FILES:
        text = (STARTER / "github" / name).read_text(encoding="utf-8")
        if name.startswith("workflows/"):
            text = adapt_workflow(name.split("/", 1)[1], text)
        files.append(File(f".github/{name}", text.encode("utf-8"), executable=name in EXECUTABLE))
    files.append(File(TEMPLATE_PATH, form_yaml().encode("utf-8")))
    return files


def example_problems(files: list[File], today: date) -> list[str]:
    """What validation says against the example entry (nothing, unless the package is broken)."""
    from .scaffold import draft_problems

    example = next(f for f in files if f.path == EXAMPLE)
    entry_id = Path(EXAMPLE).stem
    return [d.format() for d in draft_problems(example.data.decode("utf-8"), Path(EXAMPLE), entry_id, today)]


def _check_folder(folder: Path) -> Path | None:
    """The topmost folder to be made for `folder` (itself, or a missing parent of it), or None
    when `folder` is an empty folder already."""
    if folder.is_symlink():
        raise InitError(f"{folder} adalah tautan simbolik; tulis katalog baru ke folder biasa")
    if not folder.exists():
        top = folder.absolute()
        while not top.parent.exists() and top.parent != top:
            top = top.parent
        return top
    if not folder.is_dir():
        raise InitError(f"{folder} sudah ada dan bukan folder")
    if any(folder.iterdir()):
        raise InitError(f"folder {folder} tidak kosong; katalog baru hanya ditulis ke folder baru atau kosong, "
                        "agar tidak ada file yang tertimpa")
    return None


def write(folder: Path, today: date) -> list[File]:
    """Write a new catalogue into `folder` (new or empty). Returns what was written."""
    made = _check_folder(folder)
    files = plan(today)
    problems = example_problems(files, today)
    if any(": error: " in p for p in problems):
        raise RuntimeError("entri contoh paket tidak valid:\n" + "\n".join(problems))
    written: list[Path] = []
    try:
        if made is not None:
            folder.mkdir(parents=True)
        for file in files:
            path = folder.joinpath(*file.path.split("/"))
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "xb") as out:  # "x": never over a file that appeared meanwhile
                written.append(path)
                out.write(file.data)
            if file.executable:
                path.chmod(0o755)
    except BaseException:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)
        else:
            for path in written:
                path.unlink(missing_ok=True)
            for child in sorted(folder.rglob("*"), key=lambda p: len(p.parts), reverse=True):
                if child.is_dir() and not any(child.iterdir()):
                    child.rmdir()
        raise
    return files
