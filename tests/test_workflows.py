"""The safety rules of the workflows, checked on their text: no `pull_request_target`, nothing
from an event's untrusted fields written into a script, least permissions per job, the issue
and the pull request's artifact handled as data. (actionlint checks them too:
tests/test_contributing.py.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))
EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
# Event data anyone can write: issue and comment text, pull request titles and branches, commit
# messages, names of the branches of a `workflow_run` … Everything under github.event is treated
# so, and github.head_ref (a fork's branch name) too.
UNTRUSTED = re.compile(r"\bgithub\s*\.\s*(event\b|head_ref\b)|\bgithub\s*\[\s*['\"]event")


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # PyYAML reads the key `on` as a boolean
    return data


def _triggers(data: dict[str, Any]) -> set[str]:
    on = data["on"]
    return {on} if isinstance(on, str) else set(on)


def problems(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    data = _load(path)
    found = []
    if "pull_request_target" in text:
        found.append("pull_request_target")
    if data.get("permissions") not in ({}, "read-all", {"contents": "read"}):
        found.append(f"top-level permissions are not read-only: {data.get('permissions')!r}")
    # A job writes only with permissions of its own (the top level is read-only, above).
    for name, job in data["jobs"].items():
        for number, step in enumerate(job.get("steps", [])):
            script = step.get("run", "")
            for expression in EXPRESSION.findall(script):
                if UNTRUSTED.search(expression):
                    found.append(f"{name} step {number + 1}: ${{{{{expression.strip()}}}}} inside run:")
            uses = step.get("uses", "")
            if uses.startswith("actions/checkout") and "ref" in (step.get("with") or {}):
                ref = str(step["with"]["ref"])
                if UNTRUSTED.search(ref) or "workflow_run" in ref:
                    found.append(f"{name}: checks out an untrusted ref {ref}")
    # A build cache restored into the checkout: a copy a pull request committed there must be
    # removed first (the plugin reads rendered bodies and the search analysis from it).
    for name, job in data["jobs"].items():
        removed: set[str] = set()
        for step in job.get("steps", []):
            removed.update(re.findall(r"rm -rf (\S+)", step.get("run", "")))
            if str(step.get("uses", "")).startswith("actions/cache"):
                path = str((step.get("with") or {}).get("path", "")).strip()
                if path not in removed:
                    found.append(f"{name}: restores {path} over the checkout's own copy without removing it first")
    if _triggers(data) & {"workflow_run", "issues", "issue_comment"}:
        for name, job in data["jobs"].items():
            if any("write" == v for v in (job.get("permissions") or {}).values()):
                if any(step.get("run", "").find("make ") >= 0 or ".venv/bin/" in step.get("run", "")
                       for step in job.get("steps", [])):
                    found.append(f"{name}: runs project code with a write token")
    if "workflow_run" in _triggers(data):
        for name, job in data["jobs"].items():
            if any(str(step.get("uses", "")).startswith("actions/checkout") for step in job.get("steps", [])):
                found.append(f"{name}: a workflow_run job checks out code")
    return found


@pytest.mark.unit
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_follows_the_safety_rules(path: Path) -> None:
    assert problems(path) == []


@pytest.mark.unit
def test_the_rules_catch_an_unsafe_workflow(tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text("""
name: x
on:
  pull_request_target:
  issues:
permissions:
  contents: write
jobs:
  a:
    runs-on: ubuntu-latest
    permissions:
      contents: write
    steps:
      - uses: actions/checkout@v4
        with:
          ref: ${{ github.event.pull_request.head.sha }}
      - run: make install
      - run: echo "${{ github.event.issue.body }}" > body.md
      - run: echo ${{ github.event.issue.title }} ${{ github.head_ref }}
""", encoding="utf-8")
    found = problems(unsafe)
    assert "pull_request_target" in found
    assert any("top-level permissions" in f for f in found)
    assert any("github.event.issue.body" in f for f in found)
    assert any("github.event.issue.title" in f for f in found) and any("github.head_ref" in f for f in found)
    assert any("untrusted ref" in f for f in found)
    assert any("runs project code with a write token" in f for f in found)


@pytest.mark.unit
def test_a_cache_committed_to_the_repository_is_never_restored_over(tmp_path: Path) -> None:
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    assert problems(ROOT / ".github/workflows/deploy.yml") == []
    unsafe = tmp_path / "deploy.yml"
    unsafe.write_text(deploy.replace("run: rm -rf .cache", "run: echo .cache"), encoding="utf-8")
    assert problems(unsafe) == ["build: restores .cache over the checkout's own copy without removing it first"]


@pytest.mark.unit
def test_the_issue_text_reaches_the_command_through_a_file() -> None:
    data = _load(ROOT / ".github/workflows/usulan.yml")
    assert _triggers(data) == {"issues"}
    steps = data["jobs"]["draf"]["steps"]
    (write,) = [s for s in steps if "github.event.issue.body" in str(s.get("env", {}))]
    assert write["run"].strip() == 'printf \'%s\\n\' "$ISI_ISU" > "$RUNNER_TEMP/isu.md"'
    assert any('bash .github/scripts/usulan-draf.sh "$RUNNER_TEMP/isu.md"' in s.get("run", "") for s in steps)
    draft_script = (ROOT / ".github/scripts/usulan-draf.sh").read_text(encoding="utf-8")
    assert 'new --dari-isu "$isu"' in draft_script
    assert data["jobs"]["draf"]["permissions"] == {"contents": "read"}
    assert "usulan-inovasi" in data["jobs"]["draf"]["if"]
    publish = data["jobs"]["terbitkan"]
    assert publish["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    script = "\n".join(s.get("run", "") for s in publish["steps"])
    assert ".venv" not in script and "make" not in script  # the writing job runs no project code
    assert "bash .github/scripts/usulan-terbitkan.sh" in script
    writer = (ROOT / ".github/scripts/usulan-terbitkan.sh").read_text(encoding="utf-8")
    assert 'cabang="usulan/isu-$NOMOR"' in writer and "Closes #$NOMOR" in writer
    # No checkout keeps a credential (the writer's git asks gh for the token when it pushes).
    for job in data["jobs"].values():
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.unit
def test_the_badge_comment_is_two_stages() -> None:
    validate = _load(ROOT / ".github/workflows/validate.yml")
    assert _triggers(validate) == {"pull_request"} and validate["permissions"] == {"contents": "read"}
    steps = validate["jobs"]["entries"]["steps"]
    assert any("badges --format markdown" in s.get("run", "") for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-artifact") and s["with"]["name"] == "pratinjau-lencana"
               for s in steps)
    comment = _load(ROOT / ".github/workflows/komentar-lencana.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [validate["name"]]
    job = comment["jobs"]["komentar"]
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    script = "\n".join(s.get("run", "") for s in job["steps"])
    assert "-gt 1048576" in script and "head -c 60000" in script and '[ "$kepala" != "$HEAD_SHA" ]' in script
    assert "^[0-9]{1,9}$" in script
    assert "source" not in script and "bash " not in script and "eval" not in script


# --- the audit: zizmor, offline ---------------------------------------------------------------------

ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor (from the test lock) at its default severity, offline (no GitHub API: the audits
    that need one are skipped), as `make test` and CI run it."""
    return subprocess.run([str(ZIZMOR), "--offline", "--format", "plain", *map(str, paths)],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.site
def test_zizmor_finds_nothing_in_the_workflows() -> None:
    # Before: 32 findings (20 actions not pinned to a commit, checkouts keeping their credentials,
    # the lock workflow unpacking an artifact of unreviewed upstream code into a writable checkout).
    done = zizmor(ROOT / ".github/workflows")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No findings to report" in done.stdout + done.stderr


@pytest.mark.site
def test_zizmor_does_find_what_the_workflows_no_longer_do(tmp_path: Path) -> None:
    # The audit is live: an action by tag, and a writing job whose checkout keeps its credentials
    # and unpacks an artifact into it, are reported.
    bad = tmp_path / ".github/workflows/bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("name: x\non: [push]\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-latest\n"
                   "    permissions:\n      contents: write\n    steps:\n      - uses: actions/checkout@v4\n"
                   "      - uses: actions/download-artifact@v4\n        with:\n          name: x\n"
                   "      - uses: actions/upload-artifact@v4\n        with:\n          name: y\n          path: .\n",
                   encoding="utf-8")
    done = zizmor(bad.parent)
    assert done.returncode != 0
    assert "unpinned-uses" in done.stdout and "artipacked" in done.stdout


PINNED = re.compile(r"^[\w.-]+/[\w.-]+(?:/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.mark.unit
@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment(path: Path) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip().startswith(("- uses:", "uses:")):
            uses = line.split("uses:", 1)[1].strip()
            assert PINNED.match(uses), f"{path.name}: {uses}"


@pytest.mark.unit
def test_a_release_is_pinned_to_the_same_commit_everywhere() -> None:
    seen: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for uses in re.findall(r"uses: (\S+@[0-9a-f]{40} # v\S+)", path.read_text(encoding="utf-8")):
            action, rest = uses.split("@", 1)
            seen.setdefault(f"{action} {rest.split('# ')[1]}", set()).add(rest.split(" ")[0])
    assert seen and all(len(commits) == 1 for commits in seen.values()), seen


@pytest.mark.unit
def test_no_writing_job_keeps_credentials_in_its_checkout() -> None:
    for path in WORKFLOWS:
        for name, job in _load(path)["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: {name}"


@pytest.mark.unit
def test_the_lock_artifact_is_checked_outside_the_checkout_before_it_is_used() -> None:
    steps = _load(ROOT / ".github/workflows/lock.yml")["jobs"]["pull-request"]["steps"]
    download = next(s for s in steps if s.get("uses", "").startswith("actions/download-artifact@"))
    assert download["with"]["path"].startswith("${{ runner.temp }}")
    check = next(s for s in steps if "Periksa artefak" in s.get("name", ""))
    assert steps.index(check) > steps.index(download)
    assert "requirements-test.txt requirements.txt" in check["run"] and "-L" in check["run"]


# --- a new catalogue's workflows (`katalog init`): the same rules -----------------------------------


def catalogue_workflows(folder: Path) -> list[Path]:
    """The workflows `katalog init` writes, written into `folder/.github/workflows/`."""
    from datetime import date

    from generator import adoption

    paths = []
    for file in adoption.plan(date(2026, 11, 23)):
        if file.path.startswith(".github/workflows/"):
            path = folder / file.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.data)
            paths.append(path)
    return sorted(paths)


@pytest.mark.site
def test_a_new_catalogues_workflows_follow_the_same_rules(tmp_path: Path) -> None:
    paths = catalogue_workflows(tmp_path)
    assert {p.name for p in paths} == {"validate.yml", "komentar-lencana.yml", "deploy.yml", "usulan.yml",
                                       "tautan-bukti.yml"}  # not this repository's tests or lock
    for path in paths:
        assert problems(path) == [], path.name
        text = path.read_text(encoding="utf-8")
        assert "make " not in text, path.name  # a catalogue has no Makefile
        for uses in re.findall(r"uses: (.+)", text):
            assert PINNED.match(uses.strip()), f"{path.name}: {uses}"
        for name, job in _load(path)["jobs"].items():
            for step in job.get("steps", []):
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert (step.get("with") or {}).get("persist-credentials") is False, f"{path.name}: {name}"
    done = zizmor(tmp_path / ".github/workflows")
    assert done.returncode == 0, done.stdout + done.stderr
