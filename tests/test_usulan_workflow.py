"""The "Usulan inovasi" workflow's steps, run for real: `.github/scripts/usulan-draf.sh` with the
real `katalog` on an issue body, then `.github/scripts/usulan-terbitkan.sh` in a clone whose
remote is a real bare git repository (a hook records every push: ref, old, new) and with a
stand-in `gh` on PATH (tests/standins/gh: it records every call and keeps the issue's comments
and the pull requests as GitHub would).

Covered: a complete submission (a branch, a pull request, one reply), the same issue edited (the
same reply edited, nothing pushed twice), an incomplete one (the reply lists what to fix, nothing
pushed), a draft (pushed, the reply says what publication needs), a maintainer's commit on the
branch (never pushed over: the reply says so), another label (nothing at all), a failing pull
request step (a reply in Indonesian naming the step, or the setting), the settings it checks,
a failed entry job, and an issue already merged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ISSUE_BODY, write_config

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / ".github" / "scripts"
STANDINS = Path(__file__).resolve().parent / "standins"  # gh: run with this Python
EPOCH = "1795392000"  # 2026-11-23
REPO = "pemda/katalog-inovasi"
NOMOR = "7"
ENTRY = "content/innovations/jawa-timur/layanan-adminduk-keliling-desa.md"
BOT_EMAIL = "41898282+github-actions[bot]@users.noreply.github.com"

pytestmark = pytest.mark.skipif(shutil.which("jq") is None, reason="the stand-in gh answers --jq with jq")


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


class World:
    """A repository on a forge: the bare remote, the stand-in gh's state, and what each records."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.origin = tmp / "origin.git"
        git(tmp, "init", "--quiet", "--bare", "-b", "main", str(self.origin))
        hook = self.origin / "hooks" / "update"
        hook.write_text(f'#!/bin/sh\necho "$1 $2 $3" >> {tmp / "pushes.log"}\n', encoding="utf-8")
        hook.chmod(0o755)
        seed = tmp / "seed"
        git(tmp, "clone", "--quiet", str(self.origin), str(seed))
        shutil.copytree(ROOT / "content" / "innovations", seed / "content" / "innovations")
        self.commit(seed, "Katalog awal", "Pengelola", "pengelola@pemda.go.id")
        git(seed, "push", "--quiet", "origin", "HEAD:refs/heads/main")
        (tmp / "pushes.log").unlink()
        bin_dir = tmp / "bin"
        bin_dir.mkdir()
        (bin_dir / "katalog").write_text(f'#!/bin/sh\nexec "{sys.executable}" -m generator.cli "$@"\n', encoding="utf-8")
        (bin_dir / "katalog").chmod(0o755)
        # The writing job runs no project code: there, these names only record that they were called.
        self.trap = tmp / "trap"
        self.trap.mkdir()
        for name in ("python", "python3", "make", "katalog", "pip", "pip3"):
            (self.trap / name).write_text(f'#!/bin/sh\necho "{name} $*" >> {tmp / "trap.log"}\nexit 1\n',
                                          encoding="utf-8")
            (self.trap / name).chmod(0o755)
        gh_dir = tmp / "gh"
        gh_dir.mkdir()
        (gh_dir / "gh").write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STANDINS / "gh"}" "$@"\n', encoding="utf-8")
        (gh_dir / "gh").chmod(0o755)
        self.state_file = tmp / "gh-state.json"
        self.log = tmp / "gh.log"
        self.set_state(labels=["usulan-inovasi"], can_create_pr=True, comments=[], prs=[])
        self.gh_dir = gh_dir
        self.env = {**os.environ, "PATH": f"{gh_dir}{os.pathsep}{bin_dir}{os.pathsep}{os.environ['PATH']}",
                    "GH_STATE": str(self.state_file), "GH_LOG": str(self.log), "GH_REPO": REPO,
                    "SOURCE_DATE_EPOCH": EPOCH, "PYTHONPATH": str(ROOT), "KATALOG": str(bin_dir / "katalog"),
                    "GIT_AUTHOR_NAME": "x", "GIT_COMMITTER_NAME": "x", "GIT_AUTHOR_EMAIL": "x@x",
                    "GIT_COMMITTER_EMAIL": "x@x"}
        for key in ("GH_TOKEN", "GITHUB_TOKEN"):
            self.env.pop(key, None)
        self.runs = 0

    @staticmethod
    def commit(cwd: Path, message: str, name: str, email: str) -> None:
        git(cwd, "add", "-A")
        subprocess.run(["git", "-c", f"user.name={name}", "-c", f"user.email={email}", "commit", "--quiet", "-m",
                        message], cwd=cwd, check=True, env={k: v for k, v in os.environ.items()
                                                              if not k.startswith("GIT_")})

    def set_state(self, **changes: Any) -> None:
        state = json.loads(self.state_file.read_text(encoding="utf-8")) if self.state_file.exists() else {}
        state.update(changes)
        self.state_file.write_text(json.dumps(state), encoding="utf-8")

    @property
    def state(self) -> dict[str, Any]:
        return json.loads(self.state_file.read_text(encoding="utf-8"))

    def calls(self) -> list[list[str]]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def pushes(self) -> list[tuple[str, str, str]]:
        log = self.tmp / "pushes.log"
        return [tuple(line.split()) for line in log.read_text().splitlines()] if log.exists() else []

    def submit(self, body: str, *, action: str = "opened", label: str = "", draft_result: str = "success",
               draft: bool = True, labelled: bool = True) -> tuple[subprocess.CompletedProcess, subprocess.CompletedProcess | None]:
        """The issue event: the entry job in one fresh clone (unless `draft` is False: skipped),
        then the writing job in another, as the two jobs run."""
        self.runs += 1
        usulan = self.tmp / f"usulan-{self.runs}"
        made = None
        if draft:
            clone = self.tmp / f"draf-{self.runs}"
            git(self.tmp, "clone", "--quiet", str(self.origin), str(clone))
            (self.tmp / "isu.md").write_text(body, encoding="utf-8")
            made = subprocess.run(["bash", str(SCRIPTS / "usulan-draf.sh"), str(self.tmp / "isu.md"), str(usulan)],
                                  cwd=clone, env=self.env, capture_output=True, text=True, timeout=120)
        work = self.tmp / f"kerja-{self.runs}"
        git(self.tmp, "clone", "--quiet", str(self.origin), str(work))
        env = {**self.env, "PATH": f"{self.trap}{os.pathsep}{self.gh_dir}{os.pathsep}{os.environ['PATH']}", "NOMOR": NOMOR, "JUDUL_ISU": "[Usulan] Layanan Adminduk Keliling Desa",
               "CABANG_UTAMA": "main", "AKSI": action, "LABEL": label, "BERLABEL": "true" if labelled else "false",
               "HASIL_DRAF": draft_result if draft else "skipped", "USULAN": str(usulan)}
        result = subprocess.run(["bash", str(SCRIPTS / "usulan-terbitkan.sh")], cwd=work, env=env,
                                capture_output=True, text=True, timeout=120)
        return result, made

    def comments(self) -> list[str]:
        return [c["body"] for c in self.state["comments"] if c["issue"] == int(NOMOR)]

    def branch(self) -> str:
        return git(self.origin, "rev-parse", "refs/heads/usulan/isu-7")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return World(tmp_path)


def _with(body: str, label: str, answer: str) -> str:
    lines = body.splitlines()
    start = lines.index(f"### {label}") + 2
    end = next((n for n in range(start, len(lines)) if lines[n].startswith("### ")), len(lines))
    return "\n".join(lines[:start] + answer.splitlines() + [""] + lines[end:]) + "\n"


@pytest.mark.site
def test_a_complete_submission_becomes_a_pull_request_that_publishes(world: World) -> None:
    result, made = world.submit(ISSUE_BODY)
    assert made is not None and made.returncode == 0, made.stdout + made.stderr
    assert result.returncode == 0, result.stdout + result.stderr
    (push,) = world.pushes()
    assert push[0] == "refs/heads/usulan/isu-7" and set(push[1]) == {"0"}  # a new branch, nothing replaced
    entry = git(world.origin, "show", f"refs/heads/usulan/isu-7:{ENTRY}")
    assert "draf:" not in entry  # merging it publishes it
    assert git(world.origin, "log", "-1", "--format=%ae%n%B", "refs/heads/usulan/isu-7").splitlines()[:3] == [
        BOT_EMAIL, "Usulan inovasi dari isu #7", ""]
    (pr,) = world.state["prs"]
    assert (pr["head"], pr["base"], pr["title"]) == ("usulan/isu-7", "main", "Usulan inovasi: Layanan Adminduk Keliling Desa")
    assert "**Siap terbit**" in pr["body"] and "Closes #7" in pr["body"] and "Pratinjau lencana" in pr["body"]
    (reply,) = world.comments()
    assert reply.startswith("<!-- katalog-usulan -->\n### Usulan Anda siap terbit\n")
    assert f"**Pull request:** {pr['url']}" in reply and "#### Lencana lima kriteria" in reply


@pytest.mark.site
def test_editing_the_issue_edits_the_one_reply_and_pushes_nothing_twice(world: World) -> None:
    world.submit(ISSUE_BODY)
    first = world.branch()
    result, _ = world.submit(ISSUE_BODY, action="edited")
    assert result.returncode == 0, result.stderr
    assert len(world.pushes()) == 1 and world.branch() == first  # the same entry: not sent again
    assert len(world.comments()) == 1 and len(world.state["prs"]) == 1
    assert any(call[:3] == ["api", "-X", "PATCH"] for call in world.calls())
    # A real change: the branch is rebuilt over its own commit only (the lease names it).
    result, _ = world.submit(_with(ISSUE_BODY, "Unit penyelenggara layanan", "UPT Pelayanan Keliling"), action="edited")
    assert result.returncode == 0, result.stderr
    ref, old, new = world.pushes()[-1]
    assert (ref, old) == ("refs/heads/usulan/isu-7", first) and new == world.branch() != first
    assert "unit: UPT Pelayanan Keliling" in git(world.origin, "show", f"refs/heads/usulan/isu-7:{ENTRY}")
    assert len(world.comments()) == 1 and any(call[:2] == ["pr", "edit"] for call in world.calls())


@pytest.mark.site
def test_an_incomplete_submission_gets_every_problem_and_nothing_is_pushed(world: World) -> None:
    body = _with(_with(ISSUE_BODY, "Tanggal mulai", "2019"), "Tautan bukti manfaat", "ftp://data.go.id/x")
    result, made = world.submit(body)
    assert made is not None and made.returncode == 0 and result.returncode == 0, result.stderr
    assert world.pushes() == [] and world.state["prs"] == []
    (reply,) = world.comments()
    assert "### Usulan ini belum dapat dijadikan entri" in reply
    assert "- **Tanggal mulai**: '2019' hanya tahun (2019)" in reply
    assert "- **Tautan bukti manfaat**: harus berupa alamat web" in reply


@pytest.mark.site
def test_a_draft_is_pushed_and_the_reply_says_what_publication_needs(world: World) -> None:
    result, _ = world.submit(_with(ISSUE_BODY, "Cerita lengkap", "_No response_"))
    assert result.returncode == 0, result.stderr
    assert "draf: true" in git(world.origin, "show", f"refs/heads/usulan/isu-7:{ENTRY}")
    (pr,) = world.state["prs"]
    assert "**Draf**" in pr["body"]
    (reply,) = world.comments()
    assert "### Usulan Anda disimpan sebagai draf" in reply and "- **Cerita lengkap**: belum diisi" in reply


@pytest.mark.site
def test_a_maintainers_commit_is_never_pushed_over(world: World) -> None:
    world.submit(ISSUE_BODY)
    maintainer = world.tmp / "pengelola"
    git(world.tmp, "clone", "--quiet", "-b", "usulan/isu-7", str(world.origin), str(maintainer))
    path = maintainer / ENTRY
    path.write_text(path.read_text(encoding="utf-8").replace("Bidang Pelayanan", "Bidang Layanan"), encoding="utf-8")
    World.commit(maintainer, "Perbaiki nama bidang", "Pengelola", "pengelola@pemda.go.id")
    git(maintainer, "push", "--quiet", "origin", "usulan/isu-7")
    theirs = world.branch()
    pushes = len(world.pushes())
    result, _ = world.submit(_with(ISSUE_BODY, "Unit penyelenggara layanan", "UPT Keliling"), action="edited")
    assert result.returncode == 0, result.stderr
    assert len(world.pushes()) == pushes and world.branch() == theirs  # untouched
    (reply,) = world.comments()
    assert "#### Cabang ini sudah disunting pengelola" in reply and "**tidak** ditimpakan" in reply


@pytest.mark.site
def test_another_label_does_nothing(world: World) -> None:
    result, _ = world.submit(ISSUE_BODY, action="labeled", label="prioritas", draft=False)
    assert result.returncode == 0 and "bukan 'usulan-inovasi'" in result.stdout
    assert world.calls() == [] and world.pushes() == []
    # The workflow itself does not even start the jobs for it.
    workflow = yaml.safe_load((ROOT / ".github/workflows/usulan.yml").read_text(encoding="utf-8"))
    assert "github.event.label.name == 'usulan-inovasi'" in workflow["jobs"]["draf"]["if"]


@pytest.mark.site
def test_a_pull_request_refused_by_the_settings_is_said_with_the_setting(world: World) -> None:
    world.set_state(can_create_pr=None, fail={"pr create": "forbidden"})  # the setting cannot be read; the step says
    result, _ = world.submit(ISSUE_BODY)
    assert result.returncode == 0, result.stderr
    assert len(world.pushes()) == 1 and world.state.get("prs", []) == []  # the branch is there for a maintainer
    (reply,) = world.comments()
    assert "Allow GitHub Actions to create and approve pull requests" in reply
    assert "pull request belum dapat dibuat" in reply


@pytest.mark.site
def test_a_failing_pull_request_step_still_replies_in_indonesian(world: World) -> None:
    world.set_state(fail={"pr create": "error"})
    result, _ = world.submit(ISSUE_BODY)
    assert result.returncode != 0  # the run shows red to the maintainers
    (reply,) = world.comments()
    assert "### Usulan belum dapat diproses" in reply and "Langkah **membuat pull request** gagal" in reply
    assert "bukan kesalahan isian Anda" in reply


@pytest.mark.site
def test_the_settings_it_needs_are_checked_and_named(world: World) -> None:
    world.set_state(can_create_pr=False)
    world.submit(ISSUE_BODY)
    (reply,) = world.comments()
    assert "#### Pengaturan repositori yang perlu dilengkapi pengelola" in reply
    assert "Settings → Actions → General → Workflow permissions" in reply
    # An issue opened with the form in a repository without the label: the form could not give it.
    (world.tmp / "lain").mkdir()
    other = World(world.tmp / "lain")
    other.set_state(labels=[])
    result, _ = other.submit(ISSUE_BODY, draft=False, labelled=False)
    assert result.returncode == 0, result.stderr
    (reply,) = other.comments()
    assert "Label **usulan-inovasi** belum ada di repositori" in reply and other.pushes() == []


@pytest.mark.site
def test_a_failed_entry_job_still_gets_a_reply(world: World) -> None:
    result, _ = world.submit(ISSUE_BODY, draft=False, draft_result="failure")
    result_env = result  # the entry job failed before writing anything
    assert result_env.returncode != 0
    (reply,) = world.comments()
    assert "Langkah **membuat entri dari isi isu (katalog new --dari-isu)** gagal" in reply


@pytest.mark.site
def test_an_issue_already_merged_is_not_proposed_again(world: World) -> None:
    world.submit(ISSUE_BODY)
    state = world.state
    state["prs"][0]["state"] = "merged"
    world.set_state(prs=state["prs"])
    pushes = len(world.pushes())
    result, _ = world.submit(ISSUE_BODY, action="edited")
    assert result.returncode == 0 and len(world.pushes()) == pushes
    (reply,) = world.comments()
    assert "### Usulan ini sudah masuk katalog" in reply


@pytest.mark.site
def test_the_writing_step_runs_no_project_code(world: World) -> None:
    world.submit(ISSUE_BODY)
    world.submit(_with(ISSUE_BODY, "Unit penyelenggara layanan", "UPT Keliling"), action="edited")
    assert len(world.pushes()) == 2 and len(world.comments()) == 1
    assert not (world.tmp / "trap.log").exists()  # no python, make, pip or katalog was called
    script = (SCRIPTS / "usulan-terbitkan.sh").read_text(encoding="utf-8")
    assert ".venv" not in script and "eval " not in script and "source " not in script
    assert "push --force " not in script and "--force-with-lease" in script


@pytest.mark.site
def test_merging_the_pull_request_publishes_the_entry(world: World) -> None:

    world.submit(ISSUE_BODY)
    main = world.tmp / "utama"
    git(world.tmp, "clone", "--quiet", str(world.origin), str(main))
    git(main, "merge", "--quiet", "--ff-only", "origin/usulan/isu-7")  # what "Merge pull request" does to main
    config = write_config(main)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=main,
                            env={**world.env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    page = main / "site/inovasi/layanan-adminduk-keliling-desa/index.html"
    assert page.is_file() and "Layanan Adminduk Keliling Desa" in page.read_text(encoding="utf-8")
    listed = json.loads((main / "site/api/inovasi.json").read_text(encoding="utf-8"))
    assert "layanan-adminduk-keliling-desa" in [item["id"] for item in listed["inovasi"]]
