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
from helpers import UNIT, all_html, rich, run_build, write_config

from generator import sizes
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


def test_an_older_site_restored_into_the_recorded_folder_is_not_trusted(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    """The record names the site folder by device and inode, and by its change time: an older
    deployment restored into the folder itself (`rsync --delete` from a copy, or its contents
    deleted and copied back) keeps the device and inode, but is not what the record describes.
    (So does a folder made where the recorded one was deleted, when the file system hands it the
    freed inode number again, as ext4 often does.)"""
    _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    older = tmp_path / "terbitan-lama"
    shutil.copytree(tmp_path / "site", older)  # yesterday's site, kept elsewhere
    stale = older / "inovasi/asal/index.html"
    stale.write_text(stale.read_text(encoding="utf-8").replace("Layanan Asal", "Layanan Versi Lama"),
                     encoding="utf-8")
    assert _build(tmp_path, caplog) == (0, 7)  # the record now names this build's folder
    site = tmp_path / "site"
    recorded = site.stat()
    for item in site.iterdir():
        shutil.rmtree(item) if item.is_dir() else item.unlink()
    for item in older.iterdir():
        os.rename(item, site / item.name)
    assert (site.stat().st_dev, site.stat().st_ino) == (recorded.st_dev, recorded.st_ino)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        run_build(tmp_path)
    assert _counts(caplog.text) == (7, 0)
    assert "bukan folder yang dicatat build sebelumnya" in caplog.text
    assert "Versi Lama" not in (site / "inovasi/asal/index.html").read_text(encoding="utf-8")
    assert _entry_pages(_files(site)) == _entry_pages(_cold(tmp_path, caplog))


def test_a_build_says_why_it_kept_nothing(tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A warm build that does a cold build's work says why: no record yet, a site folder the
    record does not describe, or (at info level: every cache misses) other generator code, as
    when the code is edited between two builds."""
    from generator import load_cache

    _catalogue(tmp_path, h)
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        run_build(tmp_path)
    assert "tidak ada yang dipakai ulang dari folder situs sebelumnya: belum ada catatan isi situs" in caplog.text
    assert _build(tmp_path, caplog) == (0, 7)
    assert "kode atau tabel generator berubah" not in caplog.text
    # Another generator: every load key, and so every page's inputs, differ.
    code = load_cache.code_digest()
    monkeypatch.setattr(load_cache, "code_digest", lambda: bytes(b ^ 1 for b in code))
    assert _build(tmp_path, caplog) == (7, 0)
    said = [r for r in caplog.records if "kode atau tabel generator berubah sejak build sebelumnya" in r.getMessage()]
    assert len(said) == 1 and said[0].levelno == logging.INFO
    assert _build(tmp_path, caplog) == (0, 7)
    assert "kode atau tabel generator berubah" not in caplog.text


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


# --- what a page is made of, across entries and outside the entry files (context.page_inputs) -----


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _cold(tmp: Path, caplog: pytest.LogCaptureFixture, **plugin: Any) -> dict[str, bytes]:
    """The same content (entries, link report, verification records) built cold in a folder of its own: every
    file of its site."""
    cold = tmp / "dingin"
    if cold.exists():
        shutil.rmtree(cold)
    shutil.copytree(tmp / "content", cold / "content")
    for folder in ("laporan", "verifikasi"):  # the link report, the verification records
        if (tmp / folder).is_dir():
            shutil.copytree(tmp / folder, cold / folder)
    written, kept = _build(cold, caplog, **plugin)
    assert kept == 0
    return _files(cold / "site")


def _entry_pages(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if name.startswith("inovasi/")}


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def test_a_warm_build_with_nothing_changed_writes_nothing_and_is_the_cold_site(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    assert _build(tmp_path, caplog) == (0, 7)
    warm = _files(tmp_path / "site")
    assert _entry_pages(warm)
    assert warm == _cold(tmp_path, caplog)


def test_an_origin_and_its_replications_rewrite_each_others_pages(tmp_path: Path, h: Any,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    root = _catalogue(tmp_path, h)
    h.write_entry(root, "aceh", "tiru-lagi", judul="Tiruan Kedua", replikasi_dari="\n  - inovasi: asal")
    assert _build(tmp_path, caplog) == (8, 0)
    before = _files(tmp_path / "site")

    # The origin's title changes: its page and both replications' pages (they show its title).
    (root / "innovations/aceh/asal.md").write_text(h.entry_text("aceh", judul="Layanan Asal Berganti Nama"),
                                                   encoding="utf-8")
    assert _build(tmp_path, caplog) == (3, 5)
    after = _files(tmp_path / "site")
    changed = {n for n in _changed(_entry_pages(before), _entry_pages(after))}
    assert changed == {"inovasi/asal/index.html", "inovasi/tiru/index.html", "inovasi/tiru-lagi/index.html"}
    assert "Layanan Asal Berganti Nama" in after["inovasi/tiru-lagi/index.html"].decode()
    assert _entry_pages(after) == _entry_pages(_cold(tmp_path, caplog))

    # A replication's title changes: its page and its origin's (which lists it), not the other one's.
    (root / "innovations/aceh/tiru-lagi.md").write_text(
        h.entry_text("aceh", judul="Tiruan Kedua yang Baru", replikasi_dari="\n  - inovasi: asal",
                     ringkasan="Replikasi tiru-lagi berupa layanan keliling dengan petugas kecamatan.",
                     masalah="Warga tiru-lagi menempuh perjalanan jauh untuk mengurus dokumen."), encoding="utf-8")
    assert _build(tmp_path, caplog) == (2, 6)
    again = _files(tmp_path / "site")
    assert _changed(_entry_pages(after), _entry_pages(again)) == {"inovasi/asal/index.html",
                                                                  "inovasi/tiru-lagi/index.html"}
    assert "Tiruan Kedua yang Baru" in again["inovasi/asal/index.html"].decode()
    assert _entry_pages(again) == _entry_pages(_cold(tmp_path, caplog))


def test_a_new_replication_rewrites_its_origins_page_and_raises_its_transfer_badge(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    root = _catalogue(tmp_path, h)
    assert _build(tmp_path, caplog) == (7, 0)
    before = _files(tmp_path / "site")
    assert "Direplikasi oleh 1 instansi lain:" not in before["inovasi/asal/index.html"].decode()

    # Another agency applies it, in the counted stage, with evidence of its own: the origin's
    # transfer badge counts it. Only the new page and the origin's change (the old replication
    # names its origin alone).
    h.write_entry(root, "jawa-barat", "tiru-bandung", judul="Adminduk Keliling Bandung",
                  instansi="\n  nama: Pemerintah Kota Bandung\n  jenis: pemkot",
                  replikasi_dari="\n  - inovasi: asal", hasil=rich()["hasil"])
    assert _build(tmp_path, caplog) == (2, 6)
    after = _files(tmp_path / "site")
    assert _changed(_entry_pages(before), _entry_pages(after)) == {"inovasi/asal/index.html",
                                                                   "inovasi/tiru-bandung/index.html"}
    origin = after["inovasi/asal/index.html"].decode()
    assert "Direplikasi oleh 1 instansi lain: Pemerintah Kota Bandung" in origin
    assert "Adminduk Keliling Bandung" in origin
    assert _entry_pages(after) == _entry_pages(_cold(tmp_path, caplog))

    # The replication loses its evidence: it no longer counts, and the origin's page says so.
    (root / "innovations/jawa-barat/tiru-bandung.md").write_text(h.entry_text(
        "jawa-barat", judul="Adminduk Keliling Bandung", instansi="\n  nama: Pemerintah Kota Bandung\n  jenis: pemkot",
        replikasi_dari="\n  - inovasi: asal", ringkasan="Replikasi tiru-bandung berupa layanan keliling dengan petugas kecamatan.",
        masalah="Warga tiru-bandung menempuh perjalanan jauh untuk mengurus dokumen."), encoding="utf-8")
    assert _build(tmp_path, caplog) == (2, 6)
    again = _files(tmp_path / "site")
    assert "Direplikasi oleh 1 instansi lain:" not in again["inovasi/asal/index.html"].decode()
    assert _entry_pages(again) == _entry_pages(_cold(tmp_path, caplog))


def test_a_changed_link_report_rewrites_exactly_the_pages_whose_links_it_names(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    from generator import linkcheck
    from generator.linkcheck import LinkReport

    root = _catalogue(tmp_path, h)
    dead = "https://contoh.go.id/laporan-hilang.pdf"
    h.write_entry(root, "jawa-timur", "berbukti", manfaat=f"\n  dasar: penerima\n  nilai: 1250\n  bukti: {dead}")
    report_path = tmp_path / "laporan" / "tautan-bukti.json"

    def report(ok: bool, since: str = "2026-05-18", reason: str = "HTTP 404") -> None:
        item = {"ok": True, "terakhir": "2026-06-01"} if ok else {
            "ok": False, "terakhir": "2026-06-01", "sejak": since, "kali": 3, "sebab": reason}
        linkcheck.write_report(LinkReport("2026-06-01T01:23:00Z", {dead: item}), report_path)

    report(ok=True)
    assert _build(tmp_path, caplog) == (8, 0)
    before = _files(tmp_path / "site")
    for ok, since, reason in ((False, "2026-05-18", "HTTP 404"), (False, "2026-05-18", "HTTP 410"),
                              (False, "2026-05-25", "HTTP 410"), (True, "", "")):
        report(ok, since, reason)
        assert _build(tmp_path, caplog) == (1, 7), (ok, since, reason)
        after = _files(tmp_path / "site")
        assert _changed(_entry_pages(before), _entry_pages(after)) == {"inovasi/berbukti/index.html"}
        page = after["inovasi/berbukti/index.html"].decode()
        assert ("tidak dapat dibuka" in page) is not ok
        assert ok or reason in page
        assert _entry_pages(after) == _entry_pages(_cold(tmp_path, caplog))
        before = after
    # A report that no longer exists: the page has nothing to say about its links (as with ok).
    report_path.unlink()
    assert _build(tmp_path, caplog) == (0, 8)


def test_a_changed_template_or_shell_rewrites_every_page_as_a_cold_build_does(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    assert _build_with(tmp_path, caplog) == (7, 0)
    custom = tmp_path / "kementerian"
    shutil.copytree(THEME, custom)
    article = custom / "katalog/entri/artikel.html"
    article.write_text(article.read_text(encoding="utf-8") + "<p>Milik kementerian</p>\n", encoding="utf-8")
    assert _build_with(tmp_path, caplog, custom_dir=custom) == (7, 0)
    warm = _entry_pages(_files(tmp_path / "site"))
    assert all(b"Milik kementerian" in page for name, page in warm.items() if name.endswith(".html"))
    cold_dir = tmp_path / "dingin"
    shutil.copytree(tmp_path / "content", cold_dir / "content")
    assert _build_with(cold_dir, caplog, custom_dir=custom) == (7, 0)
    assert warm == _entry_pages(_files(cold_dir / "site"))
    # The shell (rendered by MkDocs, outside the entry templates): a site setting it shows.
    assert _build_with(tmp_path, caplog, custom_dir=custom, site_name="Katalog Kementerian") == (7, 0)
    warm = _entry_pages(_files(tmp_path / "site"))
    assert all(b"Katalog Kementerian" in page for name, page in warm.items() if name.endswith(".html"))
    cold_dir = tmp_path / "dingin-lagi"
    shutil.copytree(tmp_path / "content", cold_dir / "content")
    assert _build_with(cold_dir, caplog, custom_dir=custom, site_name="Katalog Kementerian") == (7, 0)
    assert warm == _entry_pages(_files(cold_dir / "site"))


def test_a_new_verification_record_rewrites_only_its_entrys_page(tmp_path: Path, h: Any,
                                                                  caplog: pytest.LogCaptureFixture,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli import main

    root = _catalogue(tmp_path, h)
    h.write_entry(root, "jawa-timur", "diperiksa", judul="Inovasi yang Diperiksa", **rich())
    assert _build(tmp_path, caplog) == (8, 0)
    before = _files(tmp_path / "site")
    monkeypatch.chdir(tmp_path)
    assert main(["verifikasi", "diperiksa", "--oleh", UNIT, "--ya"]) == 0  # verifikasi/diperiksa.yml
    assert _build(tmp_path, caplog) == (1, 7)
    after = _files(tmp_path / "site")
    assert _changed(_entry_pages(before), _entry_pages(after)) == {"inovasi/diperiksa/index.html"}
    assert "Terverifikasi" in after["inovasi/diperiksa/index.html"].decode()
    assert _entry_pages(after) == _entry_pages(_cold(tmp_path, caplog))


def test_unchanged_entry_pages_are_carried_over_and_the_entry_folder_holds_exactly_the_catalogue(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    """A staged warm build leaves the unchanged entry pages in the previous site and carries its
    entry folder over at publish (`machinery.carry_over`): the same files (no copy, no link
    made per page), the changed page anew, a deleted entry's folder gone, a new one's there, and
    the size report counts the carried pages."""
    root = _catalogue(tmp_path, h)
    _build(tmp_path, caplog)
    site = tmp_path / "site"
    before = {p.parent.name: p.stat().st_ino for p in (site / "inovasi").glob("*/index.html")}
    (root / "innovations/bali/entri-4.md").unlink()
    h.write_entry(root, "bali", "entri-baru", judul="Layanan Baru Sekali")
    (root / "innovations/bali/entri-0.md").write_text(
        h.entry_text("bali", judul="Entri Nol Diubah", body="## Bagian 0\n\nIsi baru.\n"), encoding="utf-8")
    assert _build(tmp_path, caplog) == (2, 5)
    after = {p.parent.name: p.stat().st_ino for p in (site / "inovasi").glob("*/index.html")}
    assert sorted(p.name for p in (site / "inovasi").iterdir()) == sorted(
        ["entri-0", "entri-1", "entri-2", "entri-3", "entri-baru", "asal", "tiru"])
    assert {i for i in after if after[i] == before.get(i)} == {"entri-1", "entri-2", "entri-3", "asal", "tiru"}
    assert "Entri Nol Diubah" in (site / "inovasi/entri-0/index.html").read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".site.katalog-baru*"))  # nothing left beside the site
    cold_dir = tmp_path / "cold"
    shutil.copytree(tmp_path / "content", cold_dir / "content")
    _build(cold_dir, caplog)
    assert all_html(site) == all_html(cold_dir / "site")

    def report(folder: Path) -> dict:
        found = sizes.read_report(folder / ".cache/katalog" / sizes.REPORT_FILE)
        assert found is not None
        return {k: v for k, v in found.to_dict().items() if k != "situs"}

    assert report(tmp_path) == report(cold_dir)
    assert report(tmp_path)["inovasi"] == 7
    # The per-entry open-data files are carried over the same way: the same files, exactly the catalogue's.
    def api(folder: Path) -> dict[str, bytes]:
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in (folder / "api").rglob("*") if p.is_file()}

    assert api(site) == api(cold_dir / "site")


def _index(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in (site / "cari").rglob("*") if p.is_file()}


@pytest.mark.parametrize("feeder", [False, True])
def test_a_warm_build_sends_fingerprints_only_and_makes_the_index_whole_when_it_cannot_be_kept(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch,
        feeder: bool) -> None:
    """Nothing changed: the index's process is sent each entry's fingerprint only and links the
    previous index. When that index cannot be kept after all (here its manifest is gone, and the
    analysis cache too), the whole entries are sent to a new process, after the entry pages
    dropped their bodies: each body is read from its file again, checked against the digest
    taken before, and the index is the cold build's, byte for byte. `feeder`: as in a large
    catalogue, what the process is sent is made by a process of its own (`Build._feeder`)."""
    if feeder:
        from generator.machinery import cores

        monkeypatch.setattr(cores, "PARALLEL_FROM", 1)
    _catalogue(tmp_path, h)
    _build(tmp_path, caplog)
    cold = _index(tmp_path / "site")
    assert len(cold) > 10
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        run_build(tmp_path)
    assert "dikirim (sidik saja)" in caplog.text and "tidak berubah sejak build sebelumnya" in caplog.text
    assert _index(tmp_path / "site") == cold
    (tmp_path / "site/cari/indeks.json").unlink()
    analyses = list((tmp_path / ".cache").rglob("analisis.bin"))
    assert analyses
    for path in analyses:
        path.unlink()
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        run_build(tmp_path)
    assert "dikirim (sidik saja)" in caplog.text and "dikirim (utuh)" in caplog.text
    assert "7 inovasi dibaca, 0 dari cache" in caplog.text
    assert _index(tmp_path / "site") == cold


def test_a_damaged_search_cache_is_said_and_the_index_made_again(tmp_path: Path, h: Any,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    """The search index's cached analysis damaged (a disk, an interrupted copy): the build says
    so in words, reads every entry for the index again, and makes the cold build's index."""
    _catalogue(tmp_path, h)
    _build(tmp_path, caplog)
    cold = _index(tmp_path / "site")
    analyses = list((tmp_path / ".cache").rglob("analisis.bin"))
    assert analyses
    for path in analyses:
        path.write_bytes(path.read_bytes()[:100])
    (tmp_path / "site/cari/indeks.json").unlink()  # else the previous index is linked whole, the cache unread
    _build(tmp_path, caplog)
    assert "rusak atau terpotong, tidak dipakai; setiap inovasi dibaca ulang" in caplog.text
    assert "7 inovasi dibaca, 0 dari cache" in caplog.text
    assert _index(tmp_path / "site") == cold
