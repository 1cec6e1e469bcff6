"""`katalog preview FILE`: one entry's page without building the site, byte for byte the page a
real `mkdocs build` of the same catalogue writes, its cross-entry facts (who replicates it, the
transfer badge) included; an invalid entry gives the diagnostics `katalog validate` gives; the
serve mode answers over HTTP."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import urllib.request
import zlib
from pathlib import Path
from typing import Any

import pytest
from helpers import EPOCH
from mkdocs.commands.build import build
from mkdocs.config import load_config

from generator.cli import main
from generator.plugin.preview import files_naming, may_name

ROOT = Path(__file__).resolve().parents[1]
ORIGIN = "adminduk-keliling"
OWN_EVIDENCE = "\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n    tautan: https://contoh.go.id/monev"


def write_config(tmp: Path, *, directory_urls: bool = True) -> Path:
    """The site's config; with directory URLs it also builds the search index, as sites do."""
    path = tmp / "mkdocs.yml"
    path.write_text(
        "site_name: Katalog Uji\n"
        "site_url: https://contoh.go.id/katalog/\n"
        "repo_url: https://github.com/contoh/katalog\n"
        "edit_uri: edit/main/content/\n"
        "docs_dir: content\n"
        "site_dir: site\n"
        f"use_directory_urls: {json.dumps(directory_urls)}\n"
        f"theme:\n  name: material\n  language: id\n  font: false\n  custom_dir: {ROOT / 'generator' / 'theme'}\n"
        "  features: [content.action.edit]\n"
        f"plugins:\n  - katalog:\n      search: {json.dumps(directory_urls)}\n"
        "markdown_extensions: [admonition, tables, toc]\n",
        encoding="utf-8",
    )
    return path


def replica(h: Any, root: Path, provinsi: str, entry_id: str, agency: str, *, origin: str = ORIGIN,
            **overrides: Any) -> Path:
    """An entry that replicates `origin` in its own words, with evidence of its own: it counts
    for the origin's transfer badge (unless a draft)."""
    values = dict(instansi=f"\n  nama: {agency}\n  jenis: pemkab", evaluasi=OWN_EVIDENCE,
                  replikasi_dari=f"\n  - inovasi: {origin}",
                  ringkasan=f"Petugas {agency} melayani dokumen kependudukan langsung di desa-desa.",
                  masalah=f"Warga di wilayah {agency} jauh dari kantor dinas kependudukan.")
    values.update(overrides)
    return h.write_entry(root, provinsi, entry_id, **values)


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


@pytest.fixture(scope="module", params=[True, False], ids=["directory-urls", "html-urls"])
def site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A small catalogue with replications, built once by `mkdocs build` (into `site/`)."""
    request.getfixturevalue("h").pin_build(request, EPOCH)
    h = request.getfixturevalue("h")
    tmp = tmp_path_factory.mktemp("pratinjau")
    root = tmp / "content"
    write = h.write_entry
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    (root / "innovations" / "jawa-timur").mkdir(parents=True)
    (root / "innovations" / "jawa-timur" / "foto-layanan.png").write_bytes(png)
    write(root, "jawa-timur", ORIGIN, panduan_replikasi="\n  bentuk: daring\n  tautan: https://contoh.go.id/panduan",
          gambar="foto-layanan.png",
          body="## Latar Belakang\n\nWarga desa jauh dari kantor.\n\n| Tahun | Layanan |\n|---|--:|\n| 2021 | 120 |\n")
    # Two replications that count, one of them naming the origin through a YAML escape, one in
    # progress (a draft: not counted, not listed), and an entry that only mentions the id.
    replica(h, root, "jawa-tengah", "replika-klaten", "Pemerintah Kabupaten Klaten")
    replica(h, root, "bali", "replika-badung", "Pemerintah Kabupaten Badung",
            replikasi_dari='\n  - inovasi: "adminduk\\x2Dkeliling"')
    replica(h, root, "jawa-barat", "replika-draf", "Pemerintah Kabupaten Bogor", draf="true")
    write(root, "jawa-timur", "sebut-saja", judul="Entri yang Menyebut Saja",
          body=f"## Latar Belakang\n\nMirip dengan {ORIGIN}, tetapi bukan replikasinya.\n")
    write(root, "jawa-timur", "tak-terkait", judul="Inovasi Lain yang Tidak Terkait")
    (root / "data-terbuka.md").write_text("# Data Terbuka\n\nSegera.\n", encoding="utf-8")
    config = load_config(config_file=str(write_config(tmp, directory_urls=request.param)))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return tmp


def chunk(kind: bytes, data: bytes) -> bytes:
    """One PNG chunk (for a real 1×1 image)."""
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def built_page(site: Path, entry_id: str) -> Path:
    folder = site / "site" / "inovasi"
    return folder / entry_id / "index.html" if (folder / entry_id).is_dir() else folder / f"{entry_id}.html"


def preview(capsys, site: Path, file: str, *args: str) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(site)
    try:
        code = main(["preview", file, *args])
    finally:
        os.chdir(old)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.site
@pytest.mark.parametrize("entry", [("jawa-timur", ORIGIN), ("jawa-tengah", "replika-klaten"),
                                   ("bali", "replika-badung"), ("jawa-timur", "tak-terkait")])
def test_the_preview_is_the_page_the_build_writes(site: Path, entry: tuple[str, str], tmp_path: Path, capsys) -> None:
    provinsi, entry_id = entry
    out = tmp_path / "pratinjau"
    code, stdout, err = preview(capsys, site, f"content/innovations/{provinsi}/{entry_id}.md", "--keluar", str(out))
    assert code == 0, stdout + err
    written = next(out.joinpath("inovasi").rglob("*.html"))
    assert stdout.startswith(f"Halaman ditulis: {written}")
    assert written.read_bytes() == built_page(site, entry_id).read_bytes()
    # No stray shell page; the assets the page links to are there.
    assert [p.name for p in out.joinpath("inovasi").iterdir()] == [written.relative_to(out / "inovasi").parts[0]]
    # Nor the theme's static templates, rendered or as their sources.
    assert not any((out / name).exists() for name in ("404.html", "sitemap.xml", "robots.txt"))
    html = written.read_text(encoding="utf-8")
    assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html) + re.findall(r'\bsrc="([^":]+)"', html)
    assert assets and all((written.parent / href).resolve().is_file() for href in assets), assets
    assert ("foto-layanan.png" in html) == (entry_id == ORIGIN)


@pytest.mark.site
def test_the_transfer_badge_counts_the_replications_found_in_the_catalogue(site: Path, tmp_path: Path, capsys) -> None:
    code, _, _ = preview(capsys, site, f"content/innovations/jawa-timur/{ORIGIN}.md", "--keluar", str(tmp_path))
    assert code == 0
    html = next(tmp_path.joinpath("inovasi").rglob("*.html")).read_text(encoding="utf-8")
    # Both replications, the one written with an escape too; not the draft, not the mention.
    assert "Direplikasi oleh 2 instansi lain" in html
    assert "replika-badung" in html and "replika-klaten" in html
    assert "replika-draf" not in html and "sebut-saja" not in html


@pytest.mark.site
def test_an_invalid_entry_gives_the_diagnostics_of_validate_and_exit_1(site: Path, h: Any, capsys) -> None:
    root = site / "content"
    bad = h.write_entry(root, "jawa-timur", "salah-tulis", status="Aktif")
    typo = replica(h, root, "jawa-timur", "replika-salah", "Pemerintah Kota Batu", origin="adminduk-kelilin")
    shown = {}
    try:
        for path in (bad, typo):
            file = str(path.relative_to(site))
            code, out, err = preview(capsys, site, file, "--keluar", str(site / "tidak-dipakai"))
            assert code == 1
            assert err.startswith(f"✗ 1 galat di {file}")
            assert not (site / "tidak-dipakai" / "inovasi").exists()
            old = os.getcwd()
            os.chdir(site)
            try:
                assert main(["validate", file]) == 1
            finally:
                os.chdir(old)
            assert out == capsys.readouterr().out  # the same lines as `katalog validate FILE`
            shown[path.stem] = out
    finally:
        bad.unlink()
        typo.unlink()
    assert shown["salah-tulis"].startswith(
        "content/innovations/jawa-timur/salah-tulis.md:12:9: error: status: harus salah satu dari")
    # "Did you mean" looks at the whole catalogue folder, as in `validate`.
    assert f"inovasi 'adminduk-kelilin' tidak ada di katalog (maksud Anda '{ORIGIN}'?)" in shown["replika-salah"]


@pytest.mark.site
def test_a_missing_file_or_config_is_a_usage_error(site: Path, tmp_path: Path, capsys) -> None:
    code, out, err = preview(capsys, site, "content/innovations/jawa-timur/tidak-ada.md")
    assert (code, out) == (2, "")
    assert err == "katalog: file tidak ditemukan: content/innovations/jawa-timur/tidak-ada.md\n"
    code, out, err = preview(capsys, site, f"content/innovations/jawa-timur/{ORIGIN}.md",
                             "--config-file", str(tmp_path / "mkdocs.yml"))
    assert (code, out) == (2, "")
    assert err.startswith("katalog: konfigurasi situs tidak ditemukan:")
    assert "Traceback" not in err


@pytest.mark.site
def test_the_server_answers_with_the_page(site: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONUNBUFFERED="1")
    env.pop("KATALOG_CACHE_DIR", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "preview", "content/innovations/bali/replika-badung.md", "--port", "0"],
        cwd=site, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = server.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/\S+", line)
        assert found, line + server.stderr.read()
        with urllib.request.urlopen(found.group(), timeout=10) as response:
            assert response.status == 200
            assert response.read() == built_page(site, "replika-badung").read_bytes()
        base = found.group().split("/inovasi/")[0]
        with urllib.request.urlopen(base + "/", timeout=10) as response:  # leads to the entry
            assert "replika-badung" in response.read().decode()
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert server.returncode == 0


@pytest.mark.unit
def test_a_file_is_read_when_it_may_name_the_entry() -> None:
    needle = ORIGIN.encode()
    assert may_name(b"---\nreplikasi_dari:\n  - inovasi: adminduk-keliling\n---\n", needle)
    assert may_name(b'---\nreplikasi_dari:\n  - inovasi: "adminduk\\x2dkeliling"\n---\n', needle)
    assert may_name(b'---\nreplikasi_dari:\n  - inovasi: "admin\\\n    duk-keliling"\n---\n', needle)
    # An escaped quote cannot spell an id; a backslash below the front matter is the body's.
    assert not may_name(b'---\njudul: "\\"SIGAP\\" Keliling"\n---\nTeks \\*bukan\\* YAML.\n', needle)
    assert not may_name(b"---\njudul: Lain\n---\n", needle)
    assert not may_name(b"---\njudul: Lain\n---\nMirip adminduk-keliling.\n", needle)  # the body is no link
    assert may_name(None, needle)  # larger than an entry may be: the loader says why


@pytest.mark.unit
def test_files_naming_keeps_what_cannot_be_read(tmp_path: Path) -> None:
    named = tmp_path / "a.md"
    named.write_text(f"---\nreplikasi_dari:\n  - inovasi: {ORIGIN}\n---\n", encoding="utf-8")
    other = tmp_path / "b.md"
    other.write_text("---\njudul: Lain\n---\n", encoding="utf-8")
    gone = tmp_path / "c.md"
    assert files_naming([str(named), str(other), str(gone)], ORIGIN) == [str(named), str(gone)]


@pytest.mark.site
def test_a_draft_is_shown_with_a_note(site: Path, tmp_path: Path, capsys) -> None:
    code, out, err = preview(capsys, site, "content/innovations/jawa-barat/replika-draf.md", "--keluar", str(tmp_path))
    assert code == 0
    assert "masih draf" in err
    assert "Pemerintah Kabupaten Bogor" in next(tmp_path.joinpath("inovasi").rglob("*.html")).read_text(encoding="utf-8")


@pytest.mark.site
def test_a_build_after_a_preview_in_the_same_process_is_whole(site: Path, tmp_path: Path, capsys) -> None:
    # MkDocs keeps one plugin instance per process: the preview leaves nothing changed on it.
    assert preview(capsys, site, f"content/innovations/jawa-timur/{ORIGIN}.md", "--keluar", str(tmp_path / "p"))[0] == 0
    config = load_config(config_file=str(site / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    built = sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site" / "inovasi").iterdir())
    assert len(built) == 5  # every published entry
    assert built_page(tmp_path, ORIGIN).read_bytes() == built_page(site, ORIGIN).read_bytes()


@pytest.mark.site
def test_a_preview_leaves_the_builds_cache_and_indexes_nothing(site: Path, tmp_path: Path, capsys) -> None:
    record = site / ".cache" / "katalog" / "situs.json"
    before = record.read_bytes()  # what the next warm build keeps pages by
    assert preview(capsys, site, f"content/innovations/jawa-timur/{ORIGIN}.md", "--keluar", str(tmp_path))[0] == 0
    assert record.read_bytes() == before
    assert not (tmp_path / "cari").exists()
