"""`mkdocs serve` after an edit: the edited entries reloaded into the catalogue in memory
(`catalogue.reload`), their pages and those that show them rewritten (plugin/serve.py).

The reload is held to a full load of the same files: same records, badges, replication index
and diagnostics. Then a real `mkdocs serve`, edited the way an editor saves, read over HTTP,
and in Debian's Chromium for the live reload."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import EPOCH, write_config

from bench.serve import FAST, DevServer, save
from generator.catalogue import Catalogue, find_entry_files, load_files, reload
from generator.plugin import serve

# What a full build logs (the plugin, once its pages are written). Not MkDocs' "Documentation built
# in N seconds": MkDocs drops a log line that repeats an earlier one, and two builds of a small
# site often take the same hundredths of a second.
FULL_BUILD = " halaman inovasi: "

EVALUASI = ("\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n"
            "    tautan: https://tulungagung.go.id/monev")


def _write_catalogue(root: Path, h: Any) -> None:
    """An origin with a replication that counts (another agency, evidence of its own), a draft
    replication, and an entry with neither."""
    h.write_entry(root, "nasional", "asal", judul="Layanan Asal", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian",
                  tanggal="\n  mulai: 2017-01-02\n  penerapan: 2017-06-01")
    h.write_entry(root, "jawa-timur", "tiru", judul="Layanan Tiru", replikasi_dari="\n  - inovasi: asal",
                  evaluasi=EVALUASI)
    h.write_entry(root, "bali", "lain", judul="Layanan Lain")
    h.write_entry(root, "aceh", "draf-tiru", draf="true", replikasi_dari="\n  - inovasi: asal")


def _load(root: Path, h: Any) -> Catalogue:
    return load_files(find_entry_files([root / "innovations"]), docs_dir=root, today=h.TODAY, jobs=1)


def _same(reloaded: Catalogue, fresh: Catalogue) -> None:
    """What pages and open data read of a catalogue, equal."""
    assert reloaded.records.keys() == fresh.records.keys()
    for entry_id, want in fresh.records.items():
        got = reloaded.records[entry_id]
        assert (got.entry, got.body, got.assessment, got.draf, got.replicates, got.source) == \
            (want.entry, want.body, want.assessment, want.draf, want.replicates, want.source), entry_id
    assert {k: [r.id for r in v] for k, v in reloaded.replicas.items()} == \
        {k: [r.id for r in v] for k, v in fresh.replicas.items()}
    assert reloaded.diagnostics == fresh.diagnostics
    assert reloaded.files == fresh.files


def _transfer(catalogue: Catalogue, entry_id: str) -> int:
    return catalogue.records[entry_id].assessment.kriteria["dapat_ditransfer"].level


@pytest.mark.unit
def test_reloading_edited_entries_equals_loading_them_all(catalogue_dir: Path, h: Any) -> None:
    root = catalogue_dir
    _write_catalogue(root, h)
    catalogue = _load(root, h)
    counted = _transfer(catalogue, "asal")
    assert counted >= 1 and catalogue.ok
    tiru = root / "innovations/jawa-timur/tiru.md"
    asal = root / "innovations/nasional/asal.md"

    def edit(path: Path, provinsi: str, **overrides: Any) -> Catalogue:
        nonlocal catalogue
        h.write_entry(root, provinsi, path.stem, **overrides)
        result = reload(catalogue, [path], docs_dir=root)
        assert result is not None
        _same(result.catalogue, _load(root, h))
        catalogue = result.catalogue
        return catalogue

    # A new title: the replication's page and its origin's (which lists it) are affected.
    edit(tiru, "jawa-timur", judul="Layanan Tiru Baru", replikasi_dari="\n  - inovasi: asal", evaluasi=EVALUASI)
    assert reload(catalogue, [tiru], docs_dir=root).affected == ["tiru", "asal"]
    # The replication no longer replicates: the origin's transfer badge loses it.
    edit(tiru, "jawa-timur", judul="Layanan Tiru Baru")
    assert _transfer(catalogue, "asal") < counted
    # And again: it counts once more.
    edit(tiru, "jawa-timur", judul="Layanan Tiru", replikasi_dari="\n  - inovasi: asal", evaluasi=EVALUASI)
    assert _transfer(catalogue, "asal") == counted
    # The origin becomes a draft: a warning on the replication (a rule across entries), then gone.
    edit(asal, "nasional", judul="Layanan Asal", draf="true",
         instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian")
    assert any("masih draf" in d.message for d in catalogue.diagnostics)
    edit(asal, "nasional", judul="Layanan Asal", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian",
         tanggal="\n  mulai: 2017-01-02\n  penerapan: 2017-06-01")
    assert not any("masih draf" in d.message for d in catalogue.diagnostics)
    # A new file.
    new = edit(root / "innovations/papua/baru.md", "papua", judul="Layanan Baru")
    assert "baru" in new.records and new.files == 5


@pytest.mark.unit
@pytest.mark.parametrize("case", ["invalid", "same-id", "self-replication"])
def test_a_reload_that_would_not_be_valid_is_left_to_a_full_load(catalogue_dir: Path, h: Any, case: str) -> None:
    root = catalogue_dir
    _write_catalogue(root, h)
    catalogue = _load(root, h)
    if case == "invalid":
        path = h.write_entry(root, "bali", "lain", tahapan="salah")
    elif case == "same-id":
        path = h.write_entry(root, "papua", "lain")
    else:
        path = h.write_entry(root, "bali", "lain", replikasi_dari="\n  - inovasi: lain")
    assert reload(catalogue, [path], docs_dir=root) is None
    assert not _load(root, h).ok  # what the full load then reports


@pytest.mark.unit
def test_a_reload_given_up_midway_leaves_no_shared_model_for_the_next_load(catalogue_dir: Path, h: Any) -> None:
    """A reload that compacted one file, then met another file's id twice, leaves nothing in the
    table of models a load shares: a model left there was handed to the next load's entries in
    place of their own (a full-suite run of test_compact failed on it)."""
    from generator import catalogue as cat

    root = catalogue_dir
    _write_catalogue(root, h)
    catalogue = _load(root, h)
    fine = h.write_entry(root, "bali", "baru-sekali")
    twice = h.write_entry(root, "papua", "lain")
    assert reload(catalogue, [fine, twice], docs_dir=root) is None
    assert cat._SHARED == {}


@pytest.mark.unit
def test_changed_paths_are_sorted_into_entries_and_the_rest(tmp_path: Path) -> None:
    docs = tmp_path / "content"
    entry = docs / "innovations/bali/lain.md"
    entry.parent.mkdir(parents=True)
    entry.write_text("x", encoding="utf-8")
    (docs / "index.md").write_text("x", encoding="utf-8")

    def kind(path: Path) -> str:
        return serve.classify(str(path), str(docs), "innovations")

    assert kind(entry) == serve.ENTRY
    assert kind(docs / "innovations/bali/.lain.md.swp") == serve.IGNORE
    assert kind(docs / "innovations/bali/4913") == serve.IGNORE  # came and went
    assert kind(docs / "innovations/bali/gone.md") == serve.OTHER  # a deleted entry
    assert kind(docs / "index.md") == serve.OTHER
    deeper = docs / "innovations/bali/lebih/x.md"  # not an entry's place: the full build refuses it
    deeper.parent.mkdir()
    deeper.write_text("x", encoding="utf-8")
    assert kind(deeper) == serve.OTHER
    assert kind(tmp_path / "mkdocs.yml") == serve.OTHER


# --- a real `mkdocs serve` ----------------------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path, h: Any) -> Iterator[tuple[DevServer, Path]]:
    root = tmp_path / "content"
    _write_catalogue(root, h)
    (root / "tentang.md").write_text("# Tentang\n\nKatalog uji.\n", encoding="utf-8")
    config = write_config(tmp_path, search=False)
    env = {"SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1", "KATALOG_CACHE_DIR": str(tmp_path / ".cache")}
    with DevServer(config, env=env, cwd=tmp_path, timeout=120) as running:
        yield running, root


def _replica_text(h: Any, judul: str) -> str:
    return h.entry_text("jawa-timur", judul=judul, replikasi_dari="\n  - inovasi: asal", evaluasi=EVALUASI,
                        ringkasan="Replikasi tiru berupa layanan keliling dengan petugas kecamatan.",
                        masalah="Warga tiru menempuh perjalanan jauh untuk mengurus dokumen.")


def _title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


@pytest.mark.site
def test_an_edited_entry_is_fresh_at_once_and_the_rest_follows_the_next_full_build(server, h: Any) -> None:
    srv, root = server
    tiru = root / "innovations/jawa-timur/tiru.md"
    assert "Layanan Tiru" in srv.get("jelajahi/jawa-timur/")

    # An entry's edit: its page and its origin's (which lists it) are rewritten in place, by
    # the plugin's reload, not a full build; the listing waits.
    mark = len(srv.log)
    save(tiru, _replica_text(h, "Layanan Tiru Disunting"))
    page = srv.wait_for("inovasi/tiru/", "Layanan Tiru Disunting")
    assert _title(page).startswith("Layanan Tiru Disunting")
    assert "Layanan Tiru Disunting" in srv.wait_for("inovasi/asal/", "Layanan Tiru Disunting")
    log = srv.wait_for_log(FAST, mark)
    assert not any(FULL_BUILD in line for line in log), log
    assert "Layanan Tiru Disunting" not in srv.get("jelajahi/jawa-timur/")
    assert "Layanan Tiru Disunting" in srv.get("api/inovasi/tiru.json")

    # An entry made a draft: its page and its open-data file go.
    mark = len(srv.log)
    save(root / "innovations/bali/lain.md", h.entry_text("bali", judul="Layanan Lain", draf="true"))
    srv.wait_for_log(FAST, mark)
    assert srv.status("inovasi/lain/") == 404 and srv.status("api/inovasi/lain.json") == 404

    # An invalid edit goes to the full build, which reports it and keeps the last good catalogue.
    mark = len(srv.log)
    save(tiru, h.entry_text("jawa-timur", judul="Layanan Tiru Rusak", tahapan="salah"))
    log = srv.wait_for_log(FULL_BUILD, mark)
    assert any("tahapan" in line and "salah" in line for line in log), log
    assert "Layanan Tiru Disunting" in srv.wait_for("inovasi/tiru/", "Katalog memuat 1 galat")

    # Fixed, then another page of the site edited: a full build, and the listing follows.
    save(tiru, _replica_text(h, "Layanan Tiru Final"))
    srv.wait_for("inovasi/tiru/", "Layanan Tiru Final")
    mark = len(srv.log)
    save(root / "tentang.md", "# Tentang\n\nKatalog uji, disunting.\n")
    srv.wait_for_log(FULL_BUILD, mark)
    assert "Layanan Tiru Final" in srv.wait_for("jelajahi/jawa-timur/", "Layanan Tiru Final")
    assert "Katalog memuat" not in srv.get("inovasi/tiru/")


@pytest.mark.browser
def test_pages_reload_themselves_in_the_browser_under_serve(server, h: Any) -> None:
    """MkDocs' live reload is an inline script: under serve the pages carry no CSP (which would
    block it), so the open page shows the edit by itself."""
    chromium = "/usr/bin/chromium"
    assert Path(chromium).exists(), "browser tests need Debian's chromium: `make test` installs it as root"
    from playwright.sync_api import sync_playwright

    srv, root = server
    assert "Content-Security-Policy" not in srv.get("inovasi/lain/")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(srv.base + "inovasi/lain/")
            assert page.title().startswith("Layanan Lain")
            time.sleep(0.5)  # the live-reload script has asked the server for changes
            save(root / "innovations/bali/lain.md", h.entry_text("bali", judul="Layanan Lain Disunting"))
            start = time.monotonic()
            while not page.title().startswith("Layanan Lain Disunting"):
                assert time.monotonic() - start < 30, "the page did not reload:\n" + "\n".join(srv.log[-20:])
                time.sleep(0.1)
        finally:
            browser.close()


@pytest.mark.site
def test_a_port_in_use_is_said_plainly_before_the_build(tmp_path: Path, h: Any) -> None:
    import os
    import socket
    import subprocess
    import sys

    h.write_entry(tmp_path / "content", "bali", "lain", judul="Layanan Lain")
    config = write_config(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "serve", "-f", str(config), "--dev-addr",
                                 f"127.0.0.1:{port}"], cwd=tmp_path, capture_output=True, text=True, timeout=120,
                                env={**os.environ, "SOURCE_DATE_EPOCH": str(EPOCH)})
    assert result.returncode != 0 and time.monotonic() - started < 60
    assert f"katalog: port {port} di 127.0.0.1 sudah dipakai program lain" in result.stderr
    assert f"make serve PORT={port + 1}" in result.stderr and "Traceback" not in result.stderr
    assert serve.port_in_use(type("Addr", (), {"host": "127.0.0.1", "port": port})()) is None  # free again


@pytest.mark.unit
def test_make_serve_takes_a_port() -> None:
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
    assert "PORT ?= 8000" in makefile and "mkdocs serve --dev-addr 127.0.0.1:$(PORT)" in makefile
