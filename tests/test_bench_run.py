"""The benchmark's own guard: figures of warm builds measured while the generator's files
changed are refused (`bench.run.code_unchanged`). On 7 December 2026 a 100,000-entry warm build
measured 248 s (a cold build's work) because the package, installed editable, was edited while
the cold build before it ran; measured with the code left alone it took 79 s."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import run

pytestmark = pytest.mark.unit


def _package(root: Path) -> Path:
    folder = root / "generator"
    (folder / "pages").mkdir(parents=True)
    (folder / "load_cache.py").write_text("FORMAT = 4\n", encoding="utf-8")
    (folder / "criteria_table.yaml").write_text("kriteria: {}\n", encoding="utf-8")
    (folder / "pages/entri.html").write_text("<article></article>\n", encoding="utf-8")
    return folder


def test_any_edit_to_the_package_changes_its_digest_but_compiled_files_do_not(tmp_path: Path) -> None:
    folder = _package(tmp_path)
    before = run.source_digest(folder)
    assert run.source_digest(folder) == before
    (folder / "__pycache__").mkdir()
    (folder / "__pycache__/load_cache.cpython-311.pyc").write_bytes(b"\0compiled")
    assert run.source_digest(folder) == before  # Python writes these as it imports: no edit
    for path, text in [("load_cache.py", "FORMAT = 5\n"), ("criteria_table.yaml", "kriteria: {a: 1}\n"),
                       ("pages/entri.html", "<article>!</article>\n")]:
        original = (folder / path).read_text(encoding="utf-8")
        (folder / path).write_text(text, encoding="utf-8")
        assert run.source_digest(folder) != before, path
        (folder / path).write_text(original, encoding="utf-8")
        assert run.source_digest(folder) == before
    (folder / "pages/baru.py").write_text("", encoding="utf-8")  # a module added
    assert run.source_digest(folder) != before
    (folder / "pages/baru.py").unlink()
    (folder / "pages/entri.html").rename(folder / "entri.html")  # one moved
    assert run.source_digest(folder) != before


def test_figures_measured_while_the_code_changed_fail_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(run, "FAILED", [])
    folder = _package(tmp_path)
    before = run.source_digest(folder)
    assert run.code_unchanged("the warm figures", before, folder)
    assert run.FAILED == []
    (folder / "load_cache.py").write_text("FORMAT = 5\n", encoding="utf-8")  # edited meanwhile
    assert not run.code_unchanged("the warm figures", before, folder)
    assert run.FAILED == ["the warm figures (code changed meanwhile)"]
    assert "changed while the builds ran" in capsys.readouterr().err
