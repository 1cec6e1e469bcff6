"""The set-up a fresh machine gets: the venv holds exactly the hashed lock, and every install path
(Makefile, workflows) reads that lock, so an upstream release never changes a build unseen."""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import Marker
from packaging.utils import canonicalize_name

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent
RUNTIME = ROOT / "requirements.txt"
TEST = ROOT / "requirements-test.txt"
_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")
# Not in the lock on purpose: pip itself, the project (installed from the checkout) and uv, which
# only `make lock` installs to refresh the lock.
NOT_LOCKED = {"pip", "katalog-inovasi", "uv"}


def pins(path: Path) -> dict[str, str]:
    """Name -> version of every pin in a lock file whose environment marker holds here."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if not match:
            continue
        name, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        found[canonicalize_name(name)] = version
    return found


def test_lock_files_pin_every_package_with_hashes() -> None:
    for path in (RUNTIME, TEST):
        text = path.read_text(encoding="utf-8")
        blocks = [b for b in re.split(r"\n(?=[A-Za-z0-9])", text) if b.strip() and not b.startswith("#")]
        assert len(blocks) > 10
        for block in blocks:
            assert "==" in block.splitlines()[0], block
            assert "--hash=sha256:" in block, f"{path.name}: no hash for {block.splitlines()[0]}"


def test_runtime_lock_is_a_subset_of_the_test_lock_at_the_same_versions() -> None:
    runtime, test = pins(RUNTIME), pins(TEST)
    for name in ("pyyaml", "mkdocs", "mkdocs-material", "pydantic", "pysastrawi", "numpy", "markdown-it-py", "nh3"):
        assert name in runtime
    assert {n: test.get(n) for n in runtime} == runtime
    for name in ("pytest", "playwright", "hypothesis", "ruff"):
        assert name in test and name not in runtime


def test_the_venv_holds_exactly_the_lock() -> None:
    """Fails when the Makefile stops installing from the lock: anything resolved anew (another
    version, a package the lock does not name) shows here."""
    if Path(sys.prefix).resolve() != (ROOT / ".venv").resolve():
        pytest.skip("runs in the project's .venv (make test)")
    locked = pins(TEST)
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    different = {n: (installed.get(n), v) for n, v in locked.items() if installed.get(n) != v}
    assert not different, f"installed vs lock: {different}"
    extra = sorted(set(installed) - set(locked) - NOT_LOCKED)
    assert not extra, f"installed but not in the lock: {extra}"


def test_makefile_installs_from_the_lock_only() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [line.strip() for line in makefile.splitlines() if "pip install" in line]
    from_lock = [line for line in installs if "--require-hashes" in line]
    assert any("-r requirements.txt" in line for line in from_lock)
    assert any("-r requirements-test.txt" in line for line in from_lock)
    project = [line for line in installs if line.endswith("-e .")]
    assert project and all("--no-deps" in line for line in project)
    # Anything else pip installs is the lock tool itself, in `make lock`.
    others = [line for line in installs if line not in from_lock and line not in project]
    assert all("uv" in line for line in others), others


@pytest.mark.parametrize("workflow", ["deploy.yml", "validate.yml", "tes.yml"])
def test_workflows_install_from_the_lock(workflow: str) -> None:
    text = (ROOT / ".github/workflows" / workflow).read_text(encoding="utf-8")
    steps = [s for job in yaml.safe_load(text)["jobs"].values() for s in job["steps"]]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "pip install" not in runs  # only through make, which reads the lock
    assert re.search(r"make (install|test)", runs)


def test_weekly_workflow_refreshes_the_lock_and_tests_it() -> None:
    data = yaml.safe_load((ROOT / ".github/workflows/lock.yml").read_text(encoding="utf-8"))
    on = data[True]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in on
    runs = [s.get("run", "") for s in data["jobs"]["refresh"]["steps"]]
    assert "make lock" in runs and "make test" in runs
    assert data["jobs"]["refresh"]["permissions"] == {"contents": "read"}


def test_readme_starts_with_the_two_commands_and_explains_itself_from_inside() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first = "\n".join(readme.splitlines()[:8])
    assert "make site" in first and "make test" in first
    assert "../shared" not in readme and "DESIGN.md" not in readme
    assert (ROOT / "ARCHITECTURE.md").is_file() and "ARCHITECTURE.md" in readme
    assert "Untuk staf instansi" in readme
