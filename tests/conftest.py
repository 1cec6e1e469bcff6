"""Fixtures every test module may use, and the tiers.

The helpers themselves live in `helpers.py` (test modules import them from there, never from one
another); here they become fixtures: `h` (the entry helpers as one object), `catalogue_dir`,
`write_entry`, `browser` (Debian's Chromium) and `site_url` (the sample site, built and served
for one module; a module that needs another site defines its own `site_url`).

**Tiers.** Every test is in exactly one of three, by marker: `unit` (in this process only: no
MkDocs build, no browser, no program started; the core, the outputs, the CLI called as a
function), `site` (the real thing end to end: MkDocs builds in this process or as MkDocs,
ProperDocs or the wheel in a subprocess, and the programs a person or a workflow runs: the
`katalog` command, the workflows' scripts with git and the stand-in `gh`, actionlint) and
`browser` (drives Chromium). A module names its tier with `pytestmark`; where its tests differ, each names
its own and the module none. A test that asks for the `browser` fixture and names no tier is in
`browser`; one that names another fails. A test in no tier or in two fails the collection (`pytest_collection_modifyitems`); a
`unit` test that builds a site (in this process, or MkDocs, ProperDocs or the benchmark as a
program) or starts any program, or whose fixtures do, fails, and so does a test outside
`browser` that starts the browser (`pytest_runtest_call`).
`pytest -m unit` runs the fast tier (`make test-unit`), `pytest` all of them (`make test`).
"""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from helpers import (
    BODY,
    CHROMIUM,
    DEFAULT_ID,
    FLAGS,
    ROOT,
    TODAY,
    VALID,
    at,
    check,
    entry_text,
    only,
    pin_build,
    serve,
)
from helpers import write_entry as _write_entry

TIERS = ("unit", "site", "browser")


class Helpers:
    """The entry helpers of `helpers.py` as one fixture, `h`."""

    TODAY = TODAY
    DEFAULT_ID = DEFAULT_ID
    BODY = BODY
    VALID = VALID
    entry_text = staticmethod(entry_text)
    at = staticmethod(at)
    check = staticmethod(check)
    only = staticmethod(only)
    write_entry = staticmethod(_write_entry)
    pin_build = staticmethod(pin_build)


@pytest.fixture(scope="session")
def h() -> type[Helpers]:
    return Helpers


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    """An empty `content/` folder; entries go below `innovations/<provinsi>/`."""
    root = tmp_path / "content"
    (root / "innovations").mkdir(parents=True)
    return root


@pytest.fixture(scope="session")
def write_entry() -> Callable[..., Path]:
    """`write_entry(root, provinsi, id, **overrides)`: one entry file below `root/innovations/`."""
    return _write_entry


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's Chromium through Playwright, for one module."""
    assert Path(CHROMIUM).exists(), "browser tests need Debian's chromium: `make test` installs it as root"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample site (this repository's mkdocs.yml and content/), built as of 23 November 2026
    and served over HTTP."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    out = tmp_path_factory.mktemp("site")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        build(load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(out)))
    yield from serve(out)


# --- tiers ----------------------------------------------------------------------------------------


def _tiers(item: pytest.Item) -> set[str]:
    return {mark.name for mark in item.iter_markers() if mark.name in TIERS}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wrong = []
    for item in items:
        tiers = _tiers(item)
        if "browser" in getattr(item, "fixturenames", ()):
            if tiers - {"browser"}:
                wrong.append(f"{item.nodeid}: uses the browser but is marked {', '.join(sorted(tiers))}")
                continue
            if not tiers:
                item.add_marker(pytest.mark.browser)
                continue
        if len(tiers) != 1:
            said = ", ".join(sorted(tiers)) or "no tier"
            wrong.append(f"{item.nodeid}: {said} (mark it unit, site or browser: tests/conftest.py)")
    if wrong:
        raise pytest.UsageError("every test is in exactly one tier:\n  " + "\n  ".join(wrong))


_BUILDS: list[str] = []
_BROWSERS: list[str] = []
_PROGRAMS: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Count the MkDocs builds this process runs (each one configures the plugin) or starts as a
    program, so that a unit test that builds a site, or sets up a fixture that does, fails."""
    from generator.plugin import KatalogPlugin

    configure = KatalogPlugin.on_config
    if getattr(configure, "_counted", False):
        return

    @functools.wraps(configure)  # keeps MkDocs' event priority, if any
    def on_config(self, config, *args, **kwargs):  # noqa: ANN001, ANN202 - MkDocs' event
        _BUILDS.append(str(config.get("site_dir", "")))
        return configure(self, config, *args, **kwargs)

    on_config._counted = True  # type: ignore[attr-defined]
    KatalogPlugin.on_config = on_config  # type: ignore[method-assign]

    # A build in a subprocess: MkDocs, ProperDocs or the benchmark run as a program.
    start = subprocess.Popen.__init__

    @functools.wraps(start)
    def popen(self, args, *rest, **kwargs):  # noqa: ANN001, ANN202 - Popen's signature
        argv = [str(a) for a in args] if isinstance(args, list | tuple) else str(args).split()
        names = {Path(a).name for a in argv[:3]} | {b for a, b in zip(argv, argv[1:], strict=False) if a == "-m"}
        _PROGRAMS.append(" ".join(argv[:4]))
        if names & BUILDERS:
            _BUILDS.append(" ".join(argv[:4]))
        if "run-driver" in argv:  # Playwright's driver, which starts the browser
            _BROWSERS.append(" ".join(argv[:4]))
        return start(self, args, *rest, **kwargs)

    subprocess.Popen.__init__ = popen  # type: ignore[method-assign]


BUILDERS = {"mkdocs", "properdocs", "bench.run"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Iterator[None]:
    item.stash[_BEFORE] = (len(_BUILDS), len(_BROWSERS), len(_PROGRAMS))
    return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    result = yield
    builds, browsers, programs = item.stash.get(_BEFORE, (len(_BUILDS), len(_BROWSERS), len(_PROGRAMS)))
    if len(_BROWSERS) > browsers and not item.get_closest_marker("browser"):
        pytest.fail("a test that is not in the browser tier started the browser: mark it browser", pytrace=False)
    if len(_BUILDS) > builds and item.get_closest_marker("unit"):
        pytest.fail(f"a unit test built {len(_BUILDS) - builds} MkDocs site(s): mark it site", pytrace=False)
    if len(_PROGRAMS) > programs and item.get_closest_marker("unit"):
        pytest.fail(f"a unit test started a program ({_PROGRAMS[programs]}): mark it site", pytrace=False)
    return result


_BEFORE = pytest.StashKey[tuple[int, int, int]]()
