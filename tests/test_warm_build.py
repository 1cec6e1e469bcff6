"""A warm build keeps the entry pages whose inputs did not change (pages/writer.py): real MkDocs
builds, read back from disk."""

from __future__ import annotations

import logging
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import all_html, run_build, write_config

from generator.pages.html import THEME

pytestmark = pytest.mark.site


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


def _counts(text: str) -> tuple[int, int]:
    """(pages written, pages kept) from the build's log line."""
    found = re.findall(r"(\d+) halaman inovasi: (\d+) ditulis .*?, (\d+) tetap dari build sebelumnya", text)
    assert found, text
    _, written, kept = found[-1]
    return int(written), int(kept)


def _data_counts(text: str) -> tuple[int, int]:
    """(per-entry open-data files written, kept) from the build's log line."""
    found = re.findall(r"data terbuka: \d+ berkas inovasi: (\d+) ditulis, (\d+) tetap dari build sebelumnya", text)
    assert found, text
    written, kept = found[-1]
    return int(written), int(kept)


def _data(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (site / "api/inovasi").glob("*.json")}


def _computed(text: str) -> int:
    """The entries whose pieces of the whole-catalogue open data were made anew (not kept)."""
    found = re.findall(r"data terbuka: .*; (\d+) inovasi dihitung ulang untuk berkas gabungan", text)
    assert found, text
    return int(found[-1])


def _api(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "api").rglob("*") if p.is_file()}


def _build(tmp: Path, caplog: pytest.LogCaptureFixture, **plugin: Any) -> tuple[int, int]:
    caplog.clear()
    with caplog.at_level(logging.INFO):
        run_build(tmp, **plugin)
    return _counts(caplog.text)


def _catalogue(tmp: Path, h: Any) -> Path:
    root = tmp / "content"
    for i in range(5):
        h.write_entry(root, "bali", f"entri-{i}", body=f"## Bagian {i}\n\nIsi *{i}*.\n")
    # Two entries that name each other's page: a replication and its origin.
    h.write_entry(root, "aceh", "asal", judul="Layanan Asal")
    h.write_entry(root, "aceh", "tiru", replikasi_dari="\n  - inovasi: asal")
    return root


def test_a_warm_build_keeps_unchanged_pages_and_equals_a_cold_one(tmp_path: Path, h: Any,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    root = _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    assert _data_counts(caplog.text) == (7, 0)
    assert _computed(caplog.text) == 7
    assert _build(tmp_path, caplog) == (0, 7)
    assert _data_counts(caplog.text) == (0, 7)
    assert _computed(caplog.text) == 0  # inovasi.json, .csv and .xlsx from the kept pieces

    # One entry changes: its page, and the page that names it (its replication), are written;
    # of the open data only its own file (the replication's names its origin by id alone).
    (root / "innovations/aceh/asal.md").write_text(
        h.entry_text("aceh", judul="Layanan Asal Baru"), encoding="utf-8")
    assert _build(tmp_path, caplog) == (2, 5)
    assert _data_counts(caplog.text) == (1, 6)
    assert _computed(caplog.text) == 1
    warm = all_html(tmp_path / "site")
    assert "Layanan Asal Baru" in warm["inovasi/tiru/index.html"]

    # The same catalogue built cold, in another folder, gives the same pages byte for byte.
    cold_dir = tmp_path / "cold"
    shutil.copytree(tmp_path / "content", cold_dir / "content")
    assert _build(cold_dir, caplog) == (7, 0)
    cold = all_html(cold_dir / "site")
    entries = [name for name in cold if name.startswith("inovasi/")]
    assert len(entries) == 7
    assert {n: warm[n] for n in entries} == {n: cold[n] for n in entries}
    assert _data(tmp_path / "site") == _data(cold_dir / "site")
    assert _api(tmp_path / "site") == _api(cold_dir / "site")  # every open-data file

    # A replication's agency changes: its origin's record names it (and counts it for its badge).
    tiru = root / "innovations/aceh/tiru.md"
    text = tiru.read_text(encoding="utf-8")
    assert text.count("\ninstansi:\n  nama: ") == 1
    tiru.write_text(text.replace("\ninstansi:\n  nama: ", "\ninstansi:\n  nama: Dinas Baru ", 1), encoding="utf-8")
    _build(tmp_path, caplog)
    assert _computed(caplog.text) == 2
    cold_again = tmp_path / "cold-again"
    shutil.copytree(tmp_path / "content", cold_again / "content")
    _build(cold_again, caplog)
    assert _computed(caplog.text) == 7
    assert _api(tmp_path / "site") == _api(cold_again / "site")
    assert b"Dinas Baru" in _api(tmp_path / "site")["api/inovasi/asal.json"]


def _build_with(tmp: Path, caplog: pytest.LogCaptureFixture, *, custom_dir: Path | None = None,
                site_name: str = "Katalog Uji") -> tuple[int, int]:
    """A build with the adopter's `custom_dir` instead of ours, or another site name."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = write_config(tmp)
    text = config.read_text(encoding="utf-8").replace("Katalog Uji", site_name)
    if custom_dir:
        text = re.sub(r"custom_dir: .*", f"custom_dir: {custom_dir}", text)
    config.write_text(text, encoding="utf-8")
    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(loaded)
    return _counts(caplog.text)


def test_a_changed_template_or_setting_writes_every_page(tmp_path: Path, h: Any,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    # An adopter's own copy of one entry template: every page is made of it now.
    ours = THEME
    custom = tmp_path / "kementerian"
    shutil.copytree(ours, custom)
    head = custom / "katalog/entri/kepala.html"
    head.write_text(head.read_text(encoding="utf-8") + "\n<!-- milik kementerian -->\n", encoding="utf-8")
    assert _build_with(tmp_path, caplog, custom_dir=custom) == (7, 0)
    assert "<!-- milik kementerian -->" in (tmp_path / "site/inovasi/asal/index.html").read_text(encoding="utf-8")
    assert _build_with(tmp_path, caplog, custom_dir=custom) == (0, 7)
    # A site setting every page shows (its name): every page again.
    assert _build_with(tmp_path, caplog, custom_dir=custom, site_name="Katalog Baru") == (7, 0)
    assert "Katalog Baru" in (tmp_path / "site/inovasi/asal/index.html").read_text(encoding="utf-8")


def test_no_page_is_kept_from_a_site_folder_the_record_does_not_describe(tmp_path: Path, h: Any,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    # The site folder replaced by something else (a copy, a restore from elsewhere): built anew.
    shutil.copytree(tmp_path / "site", tmp_path / "salinan")
    shutil.rmtree(tmp_path / "site")
    os.rename(tmp_path / "salinan", tmp_path / "site")
    assert _build(tmp_path, caplog) == (7, 0)
    # Without the cache (cache: false) nothing is recorded or kept.
    assert _build(tmp_path, caplog, cache=False) == (7, 0)
    assert _build(tmp_path, caplog, cache=False) == (7, 0)


def _dirty_build(tmp: Path, caplog: pytest.LogCaptureFixture) -> tuple[int, int]:
    """`mkdocs build --dirty`: into the site folder itself, which MkDocs does not clean first."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    loaded = load_config(config_file=str(write_config(tmp)))
    loaded.plugins.on_startup(command="build", dirty=True)
    caplog.clear()
    with caplog.at_level(logging.INFO):
        build(loaded, dirty=True)
    return _counts(caplog.text)


def test_a_dirty_build_in_place_writes_only_what_changed(tmp_path: Path, h: Any,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    root = _catalogue(tmp_path, h)
    assert _dirty_build(tmp_path, caplog) == (7, 0)
    page = tmp_path / "site/inovasi/entri-1/index.html"
    before = page.stat().st_mtime_ns
    (root / "innovations/bali/entri-0.md").write_text(
        h.entry_text("bali", body="## Bagian 0\n\nIsi *baru*.\n"), encoding="utf-8")
    assert _dirty_build(tmp_path, caplog) == (1, 6)
    assert _data_counts(caplog.text) == (0, 7)  # the body is not in the open data: no file changes
    assert page.stat().st_mtime_ns == before
    assert "Isi <em>baru</em>." in (tmp_path / "site/inovasi/entri-0/index.html").read_text(encoding="utf-8")
    # A page removed from the folder by hand is written again, not trusted to be there.
    page.unlink()
    assert _dirty_build(tmp_path, caplog) == (1, 6)
    assert page.is_file()
