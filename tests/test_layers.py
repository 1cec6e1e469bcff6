"""The package's layers, drawn from its own imports: no part imports a part above it (lazily or
not), no loops, and only the plugin imports MkDocs (or its maintained fork)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

PACKAGE = Path(__file__).resolve().parent.parent / "generator"

LAYERS: list[set[str]] = [
    # neutral helpers: know nothing of entries
    {"text", "urls", "numbers", "diagnostics", "clock", "vocabulary", "reading", "placeholders", "render", "machinery",
     "words", "images", "load_cache"},
    # the entry and how a file becomes one
    {"model", "loader"},
    # the rules: badges, then validation (which reads the badge table for its thresholds)
    {"criteria"},
    {"validation", "content", "verification"},
    # all entries together
    {"catalogue"},
    # outputs
    {"exports", "search", "reference", "drafts", "sitemap", "sizes", "issueform", "intake", "sheets",
     "linkcheck"},
    {"pages"},
    # the build: its phases and their state, for any builder
    {"build"},
    # adapters
    {"cli", "plugin", "scaffold", "importer", "adoption"},
]
BUILDERS = ("mkdocs", "material", "properdocs")


def part_of(module: str) -> str | None:
    """`generator.pages.entry` → `pages`; `generator.cli` → `cli`; other packages → None."""
    pieces = module.split(".")
    if pieces[0] != "generator" or len(pieces) < 2:
        return None
    return pieces[1]


def _module_or_package(package: str, name: str) -> str:
    """`from . import x`: the module x when it is one, else a name of the package itself."""
    folder = PACKAGE.parent.joinpath(*package.split("."))
    return f"{package}.{name}" if (folder / f"{name}.py").exists() or (folder / name).is_dir() else package


def imports() -> dict[str, set[tuple[str, str]]]:
    """part → {(imported part or outside package, file)} for every import statement, at any depth."""
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        module = ".".join(relative.parts)
        if module.endswith(".__init__"):
            module = module[: -len(".__init__")]
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        me = part_of(module) or "__init__"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")
                    base = base[: len(base) - node.level + 1]
                    stem = ".".join(base + ([node.module] if node.module else []))
                    targets = [stem] if node.module else [_module_or_package(stem, alias.name)
                                                          for alias in node.names]
                else:
                    targets = [node.module or ""]
            for target in targets:
                part = part_of(target)
                if part is None and target.split(".")[0] == "generator":
                    continue  # the package's face (`__version__`)
                found[me].add((part or "outside:" + target.split(".")[0], str(path.relative_to(PACKAGE.parent))))
    return found


def layer_of(part: str) -> int:
    for number, members in enumerate(LAYERS):
        if part in members:
            return number
    raise AssertionError(f"generator/{part} belongs to no layer: add it to LAYERS (and ARCHITECTURE.md)")


def test_every_part_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" and p.name != "__init__.py") or (p.is_dir() and (p / "__init__.py").exists())}
    for part in parts:
        layer_of(part)


def test_no_part_imports_a_part_above_it_or_its_own_layer_mates_in_a_loop():
    upward = []
    for part, targets in imports().items():
        if part == "__init__":
            continue
        for target, where in targets:
            if target.startswith("outside:") or target == part:
                continue
            if layer_of(target) > layer_of(part):
                upward.append(f"{where}: {part} (layer {layer_of(part)}) imports {target} (layer {layer_of(target)})")
    assert not upward, "\n".join(sorted(upward))
    # Within a layer, imports may not run in a circle.
    graph = {part: {t for t, _ in targets if not t.startswith("outside:") and t != part}
             for part, targets in imports().items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in graph.get(node, ()):
            assert state.get(nxt) != 1, "loop: " + " → ".join([*path, node, nxt])
            if not state.get(nxt):
                visit(nxt, [*path, node])
        state[node] = 2

    for node in graph:
        if not state.get(node):
            visit(node, [])


def test_only_the_plugin_imports_a_site_builder():
    for part, targets in imports().items():
        for target, where in targets:
            if target.startswith("outside:") and target.split(":")[1] in BUILDERS:
                assert part == "plugin", f"{where} imports {target.split(':')[1]}"


def test_every_navigation_item_is_a_generated_page():
    # A page declares its URI, title and place in one module (`pages/site.py`): the adapter keeps
    # no list of its own that a new page could be forgotten in.
    from datetime import date

    from generator.catalogue import Catalogue
    from generator.pages.context import SiteContext
    from generator.pages.site import NAV, site_pages
    from generator.urls import Urls

    ctx = SiteContext(Catalogue({}, [], date(2026, 6, 2)), Urls(), None, "Katalog")
    generated = {page.uri for page in site_pages(ctx)}
    assert [uri for _, uri in NAV if uri not in generated] == []


# The parts that use the build machinery (ARCHITECTURE.md, "The build machinery", says why each
# must); the machinery's own modules are reached through its package's names only.
MACHINERY_USERS = {"build", "catalogue", "search", "exports", "pages", "importer", "load_cache"}


def test_only_the_parts_that_must_use_the_machinery_and_only_through_its_names():
    users = {part for part, targets in imports().items() for target, _ in targets if target == "machinery"}
    assert users - {"machinery"} == MACHINERY_USERS
    reaching_in = []
    for path in PACKAGE.rglob("*.py"):
        if path.parent.name == "machinery":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and "machinery." in node.module:
                reaching_in.append(f"{path.relative_to(PACKAGE.parent)}: from {'.' * node.level}{node.module}")
            if isinstance(node, ast.Import):
                reaching_in += [f"{path.relative_to(PACKAGE.parent)}: import {a.name}" for a in node.names
                                if "machinery." in a.name]
    assert reaching_in == []
