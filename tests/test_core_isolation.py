"""The core never imports MkDocs: with `mkdocs` (and Material) made unimportable, a fresh Python
imports every core module and runs `katalog` on real files. This is what lets the catalogue move
to another site builder without a rewrite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CORE = ["model", "loader", "validation", "catalogue", "criteria", "cli", "diagnostics", "vocabulary", "clock"]

SCRIPT = r"""
import importlib
import importlib.util
import json
import sys

sys.modules["mkdocs"] = None  # `import mkdocs` (and any mkdocs.*) now raises ImportError
sys.modules["material"] = None
try:
    import mkdocs  # noqa: F401
except ImportError:
    pass
else:
    raise SystemExit("mkdocs is not blocked")

imported = []
for name in json.loads(sys.argv[1]):
    module = "generator." + name
    if importlib.util.find_spec(module) is None:  # criteria: when present
        continue
    importlib.import_module(module)
    imported.append(name)

from generator.cli import main

codes = {
    "valid": main(["validate", sys.argv[2]]),
    "invalid": main(["validate", "--format", "json", sys.argv[3]]),
    "badges": main(["badges", "--format", "json", sys.argv[2]]),
    "schema": main(["schema"]),
}
blocked = sorted(n for n, m in sys.modules.items() if n.split(".")[0] in ("mkdocs", "material") and m is not None)
print("RESULT " + json.dumps({"imported": imported, "codes": codes, "loaded": blocked}))
"""


@pytest.mark.site
def test_core_imports_and_validates_without_mkdocs(tmp_path, write_entry):
    root = tmp_path / "content"
    valid = write_entry(root, "jawa-timur", "adminduk-keliling")
    invalid = write_entry(root, "jawa-timur", "salah", status="Aktif")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1780358400", "PYTHONIOENCODING": "utf-8"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(CORE), str(valid.relative_to(tmp_path)),
         str(invalid.relative_to(tmp_path))],
        cwd=tmp_path, env=env, capture_output=True, text=True, encoding="utf-8", timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.rsplit("RESULT ", 1)[1])
    assert result["loaded"] == []
    assert {"model", "loader", "validation", "catalogue", "cli", "diagnostics", "vocabulary", "clock"} <= set(
        result["imported"])
    assert result["codes"] == {"valid": 0, "invalid": 1, "badges": 0, "schema": 0}
    # and the validation really ran: the invalid entry's error is in the JSON it printed
    assert '"message": "harus salah satu dari \'aktif\' | \'berhenti\', bukan \'Aktif\' (maksud Anda \'aktif\'?)"' in (
        done.stdout)


SWEEP = r"""
import importlib
import pkgutil
import sys

sys.modules["mkdocs"] = None
sys.modules["material"] = None
import generator

names = [m.name for m in pkgutil.walk_packages(generator.__path__, "generator.")
         if m.name.split(".")[1] != "plugin"]
for name in names:
    importlib.import_module(name)
print("IMPORTED " + " ".join(names))
"""


@pytest.mark.site
def test_every_module_but_the_plugin_imports_without_mkdocs():
    # ARCHITECTURE.md, "Layers": the MkDocs adapter (generator.plugin) is the only part that imports MkDocs.
    done = subprocess.run([sys.executable, "-c", SWEEP], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "generator.loader" in done.stdout.split()


@pytest.mark.unit
def test_the_core_modules_exist():
    # A renamed module must not silently drop out of the isolation test above.
    package = Path(__file__).resolve().parents[1] / "generator"
    missing = [name for name in CORE if name != "criteria" and not (package / f"{name}.py").is_file()]
    assert missing == []
