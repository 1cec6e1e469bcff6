"""A warm build keeps the generated pages' own HTML whose inputs did not change (pages/kept.py),
and every page it gives is byte for byte a cold build's: real MkDocs builds, read from disk."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from helpers import all_html, rich, run_build, text_of

from generator.machinery import hasher
from generator.pages import kept
from generator.pages.html import THEME

pytestmark = pytest.mark.site

CACHE = ".cache/katalog"


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


def _build(tmp: Path, caplog: pytest.LogCaptureFixture, **plugin: Any) -> tuple[dict[str, str], int, int]:
    """The site's pages (entry pages aside: tests/test_warm_build.py) and (pieces kept, made)."""
    caplog.clear()
    with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.katalog"):
        site = run_build(tmp, pages_listing_size=2, **plugin)
    found = re.findall(r"halaman situs: (\d+) bagian tetap dari build sebelumnya, (\d+) dibuat", caplog.text)
    assert found, caplog.text
    pages = {name: html for name, html in all_html(site).items() if not name.startswith("inovasi/")}
    return pages, int(found[-1][0]), int(found[-1][1])


def _cold(tmp: Path, caplog: pytest.LogCaptureFixture, name: str = "dingin") -> dict[str, str]:
    """The same content built in another folder without a cache."""
    other = tmp / name
    shutil.rmtree(other, ignore_errors=True)
    shutil.copytree(tmp / "content", other / "content")
    if (tmp / "verifikasi").is_dir():
        shutil.copytree(tmp / "verifikasi", other / "verifikasi")
    pages, hits, _ = _build(other, caplog)
    assert hits == 0
    return pages


def _catalogue(tmp: Path, h: Any) -> Path:
    root = tmp / "content"
    for i, judul in enumerate(["Anjungan Mandiri", "Bank Sampah", "Cek Kesehatan", "Dapur Umum", "Ekspedisi Arsip"]):
        h.write_entry(root, "bali", f"bali-{i}", judul=judul, **(rich("bali") if i % 2 else {}))
    for i in range(3):
        h.write_entry(root, "jawa-timur", f"jatim-{i}", judul=f"Layanan Jatim {i}",
                      instansi=f"\n  nama: Dinas Kependudukan {i % 2}\n  jenis: pemkab")
    # A replication in another province: its origin's transfer badge and quality row read it.
    h.write_entry(root, "bali", "asal", judul="Layanan Asal", **rich("bali"))
    h.write_entry(root, "aceh", "tiru", judul="Layanan Tiru", replikasi_dari="\n  - inovasi: asal")
    return root


def test_a_warm_build_keeps_every_generated_page_and_gives_the_same_bytes(tmp_path: Path, h: Any,
                                                                          caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    first, hits, made = _build(tmp_path, caplog)
    assert hits == 0 and made >= 20  # listings of two per page, reports and queues per province, ...
    assert (tmp_path / CACHE / kept.FILE).is_file()
    again, hits, made = _build(tmp_path, caplog)
    assert made == 0 and hits >= 20
    assert again == first
    assert again == _cold(tmp_path, caplog)


@pytest.mark.parametrize("edit", ["title", "replication", "new entry"])
def test_one_entry_changed_remakes_what_shows_it_and_equals_a_cold_build(tmp_path: Path, h: Any, edit: str,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    root = _catalogue(tmp_path, h)
    _, _, everything = _build(tmp_path, caplog)
    if edit == "title":
        # Bali's listing order changes (it moves from the first page to the third), so do the
        # home page's newest, the statistics, Jelajahi and the reports; Jawa Timur's do not.
        h.write_entry(root, "bali", "bali-0", judul="Zona Anjungan Mandiri")
    elif edit == "replication":
        # The replication in Aceh no longer names its origin in Bali: the origin's transfer
        # badge and Bali's quality report change, though no Bali file did.
        h.write_entry(root, "aceh", "tiru", judul="Layanan Tiru", replikasi_dari=None)
    else:
        h.write_entry(root, "jawa-timur", "jatim-baru", judul="Layanan Jatim Baru", tanggal="\n  mulai: 2026-01-05\n  penerapan: 2026-03-01")
    warm, hits, made = _build(tmp_path, caplog)
    assert hits > 0 and 0 < made < everything
    cold = _cold(tmp_path, caplog)
    assert sorted(warm) == sorted(cold)
    assert {n: p for n, p in warm.items() if p != cold[n]} == {}
    if edit == "title":
        assert "Zona Anjungan Mandiri" in text_of(warm["jelajahi/bali/3/index.html"])
        assert "Zona Anjungan Mandiri" not in text_of(warm["jelajahi/bali/index.html"])
    if edit == "new entry":
        assert "Layanan Jatim Baru" in text_of(warm["index.html"])  # the newest, on the home page


def test_an_edit_to_a_story_alone_keeps_every_generated_page(tmp_path: Path, h: Any,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    """No listing, statistic, report or queue shows an entry's story: an edit to it alone (its
    load key changes) makes none of them again."""
    root = _catalogue(tmp_path, h)
    first, _, _ = _build(tmp_path, caplog)
    path = root / "innovations" / "bali" / "bali-1.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSatu paragraf baru dalam cerita inovasi ini.\n",
                    encoding="utf-8")
    warm, hits, made = _build(tmp_path, caplog)
    assert made == 0 and hits > 0
    assert warm == first == _cold(tmp_path, caplog)


@pytest.mark.parametrize("edit", ["province", "fields", "verification"])
def test_an_edit_that_moves_an_entry_between_counted_groups_equals_a_cold_build(
        tmp_path: Path, h: Any, edit: str, caplog: pytest.LogCaptureFixture) -> None:
    """What the whole catalogue's pages count an entry by (its province, stage, status, field,
    agency, lifecycle) changes: the counts, the province's own report and queue follow, and the
    province the entry left shows it no more."""
    root = _catalogue(tmp_path, h)
    first, _, everything = _build(tmp_path, caplog)
    if edit == "province":
        (root / "innovations" / "jawa-timur" / "jatim-1.md").unlink()
        h.write_entry(root, "bali", "jatim-1", judul="Layanan Jatim 1",
                      instansi="\n  nama: Dinas Kependudukan 1\n  jenis: pemkab")
    elif edit == "fields":
        h.write_entry(root, "jawa-timur", "jatim-1", judul="Layanan Jatim 1", tahapan="uji_coba",
                      urusan="\n  - kesehatan", instansi="\n  nama: Dinas Kesehatan Baru\n  jenis: pemkot")
    else:  # waits in the queue since another date
        h.write_entry(root, "bali", "bali-1", judul="Bank Sampah", **{**rich("bali"), "diperbarui": "2026-11-20"})
    warm, hits, made = _build(tmp_path, caplog)
    assert hits > 0 and 0 < made < everything
    cold = _cold(tmp_path, caplog)
    assert sorted(warm) == sorted(cold)
    assert {n: p for n, p in warm.items() if p != cold[n]} == {}
    changed = {n for n in warm if first.get(n) != warm[n]}
    shown = {"province": {"statistik/index.html", "statistik/kualitas-data/jawa-timur/index.html",
                          "statistik/kualitas-data/antrean/bali/index.html"},
             "fields": {"statistik/index.html", "statistik/kualitas-data/index.html"},
             "verification": {"statistik/kualitas-data/antrean/bali/index.html"}}[edit]
    assert shown <= changed, sorted(changed)


@pytest.mark.parametrize("damage", ["garbage", "truncated", "header", "flipped", "empty", "not a map"])
def test_a_damaged_file_is_not_used(tmp_path: Path, h: Any, damage: str, caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    first, _, everything = _build(tmp_path, caplog)
    path = tmp_path / CACHE / kept.FILE
    data = path.read_bytes()
    header, _, body = data.partition(b"\n")
    if damage == "garbage":
        data = b"\x00\xff" * 5000
    elif damage == "truncated":
        data = data[: len(data) // 2]
    elif damage == "header":
        data = header.replace(b"katalog-halaman-situs 1", b"katalog-halaman-situs 9") + b"\n" + body
    elif damage == "flipped":  # one byte of a page changed, the header kept: the hash refuses it
        at = body.index(b"katalog-kartu")
        data = header + b"\n" + body[:at] + b"X" + body[at + 1:]
    elif damage == "empty":
        data = b""
    else:  # whole and hashed as this code writes, but not a map of text to text
        other = b'{"halaman x":1}'
        data = header.rsplit(b" ", 1)[0] + b" " + hasher(other).hexdigest().encode() + b"\n" + other
    path.write_bytes(data)
    again, hits, made = _build(tmp_path, caplog)
    assert (hits, made) == (0, everything)
    assert again == first
    # and the file is whole again: every page kept
    again, hits, made = _build(tmp_path, caplog)
    assert made == 0 and hits >= 20
    assert again == first


def test_a_changed_template_in_the_adopters_custom_dir_changes_the_pages(tmp_path: Path, h: Any,
                                                                         caplog: pytest.LogCaptureFixture) -> None:
    _catalogue(tmp_path, h)
    custom = tmp_path / "tema"
    shutil.copytree(THEME, custom)
    config_text = f"custom_dir: {custom}"

    def build() -> tuple[dict[str, str], int, int]:
        from helpers import write_config

        config = write_config(tmp_path, pages_listing_size=2)
        text = re.sub(r"custom_dir: .*", config_text, config.read_text(encoding="utf-8"))
        config.write_text(text, encoding="utf-8")
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        loaded = load_config(config_file=str(config))
        loaded.plugins.on_startup(command="build", dirty=False)
        caplog.clear()
        with caplog.at_level(logging.DEBUG, logger="mkdocs.plugins.katalog"):
            mkdocs_build(loaded)
        found = re.findall(r"halaman situs: (\d+) bagian tetap dari build sebelumnya, (\d+) dibuat", caplog.text)
        pages = {n: p for n, p in all_html(tmp_path / "site").items() if not n.startswith("inovasi/")}
        return pages, int(found[-1][0]), int(found[-1][1])

    first, _, _ = build()
    assert build()[2] == 0
    card = custom / "katalog/kartu.html"
    card.write_text(card.read_text(encoding="utf-8").replace('<li class="katalog-kartu">',
                                                             '<li class="katalog-kartu kartu-dinas">'),
                    encoding="utf-8")
    changed, _, made = build()
    assert made > 0
    assert 'class="katalog-kartu kartu-dinas"' in changed["jelajahi/bali/index.html"]
    assert 'class="katalog-kartu kartu-dinas"' in changed["index.html"]
    assert changed != first
    # A template of the adopter's own outside katalog/, which its card includes.
    (custom / "partials").mkdir(exist_ok=True)
    note = custom / "partials/catatan-dinas.html"
    note.write_text("<!-- catatan pertama -->", encoding="utf-8")
    card.write_text(card.read_text(encoding="utf-8").replace("</li>", '{% include "partials/catatan-dinas.html" %}</li>'),
                    encoding="utf-8")
    assert "<!-- catatan pertama -->" in build()[0]["jelajahi/bali/index.html"]
    note.write_text("<!-- catatan kedua -->", encoding="utf-8")
    last, _, made = build()
    assert made > 0 and "<!-- catatan kedua -->" in last["jelajahi/bali/index.html"]


def test_a_kept_fact_not_as_this_code_writes_it_is_counted_anew(tmp_path: Path, h: Any,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    import orjson

    root = _catalogue(tmp_path, h)
    _build(tmp_path, caplog)
    path = tmp_path / CACHE / kept.FILE
    header, _, body = path.read_bytes().partition(b"\n")
    pieces = orjson.loads(body)
    facts = [key for key in pieces if key.startswith("fakta kualitas ")]
    assert len(facts) == 10  # one per entry
    for n, key in enumerate(facts):  # whole and hashed, but not flags of the report's kinds
        pieces[key] = ["", "2" * 8, "1" * 40, "0 1 0"][n % 4]
    body = orjson.dumps(pieces)
    path.write_bytes(header.rsplit(b" ", 1)[0] + b" " + hasher(body).hexdigest().encode() + b"\n" + body)
    h.write_entry(root, "jawa-timur", "jatim-0", judul="Layanan Jatim Nol")  # the report is counted again
    warm, _, _ = _build(tmp_path, caplog)
    assert warm == _cold(tmp_path, caplog)


@pytest.mark.parametrize("count", [0, 1, 63, 64, 65, 500])
def test_the_pieces_are_written_a_few_at_a_time_as_one_json_object(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   count: int) -> None:
    """`kept.write` makes the file a batch of pieces at a time (all of them as one JSON text,
    then joined to the header, was the highest memory of a 100,000-entry build): the same bytes
    as the whole object, its digest in the header, read back whole; and the memory it takes
    while writing does not follow the pieces' size."""
    import tracemalloc

    import orjson

    monkeypatch.setattr(kept, "_WRITE_AT_ONCE", 64)
    pieces = {f"kunci-{n}\"\\é": f"<p>isi {n} ‹›</p>" * (n % 7) for n in range(count)}
    kept.write(str(tmp_path), "konteks", pieces)
    data = (tmp_path / kept.FILE).read_bytes()
    header, _, body = data.partition(b"\n")
    assert body == orjson.dumps(pieces)
    assert header.split(b" ")[3] == hasher(body).hexdigest().encode()
    assert kept.read(str(tmp_path), "konteks") == pieces
    big = {f"halaman-{n}": "x" * 1000 for n in range(3000)}  # 3 MB of pieces
    tracemalloc.start()
    try:
        kept.write(str(tmp_path / "besar"), "konteks", big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert kept.read(str(tmp_path / "besar"), "konteks") == big
    assert peak < 1_000_000  # the whole object would be 3 MB, and 6 MB joined to its header


def test_saving_lets_each_batch_of_pieces_go_as_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """orjson leaves a UTF-8 copy inside each str it dumps that is not pure ASCII (most pieces:
    Indonesian pages with "—", "·", "‹"), kept while the str lives: `Kept.save` hands its pieces
    to `kept.write` to let go a batch at a time, so saving them does not double their memory (it
    did, at the 100,000-entry build's highest point). The file is the same bytes, and the pieces
    are gone from the `Kept` afterwards."""
    import tracemalloc

    import orjson

    monkeypatch.setattr(kept, "_WRITE_AT_ONCE", 64)

    def piece(n: int) -> str:
        return f"<p>Layanan desa {n} — ‹antre› ·</p>" * 30  # about 1 KB, not ASCII

    pages = kept.Kept(str(tmp_path), "konteks")
    for n in range(3000):
        pages.piece("halaman", n, lambda n=n: piece(n))
    assert pages.changed
    tracemalloc.start()
    try:
        pages.save()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    body = (tmp_path / kept.FILE).read_bytes().partition(b"\n")[2]
    saved = orjson.loads(body)
    assert body == orjson.dumps(saved)
    assert sorted(saved.values()) == sorted(piece(n) for n in range(3000))
    assert peak < 1_000_000  # kept to the end, their UTF-8 copies alone would be 3 MB
    assert not pages._used and not pages._old


def test_large_pieces_are_written_a_megabyte_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A listing page's piece holds a hundred cards (about 150 KB): batches counted in pieces
    alone held every page's piece at once (at 100,000 entries, the build's highest memory).
    `kept.write` also ends a batch once it holds `_WRITE_CHARS` characters; the bytes are those
    of the whole object. (orjson itself is called, and each call's text counted.)"""
    import orjson

    real, batches = orjson.dumps, []

    def counted(value: Any) -> bytes:
        batches.append(sum(map(len, value.values())))
        return real(value)

    def pages() -> dict[str, str]:
        return {f"halaman jelajahi/{n}": f"<li>kartu {n} — ‹›</li>" * (1000 + 700 * n) for n in range(40)}

    expected = real(pages())
    pieces = pages()
    monkeypatch.setattr(kept, "orjson", SimpleNamespace(dumps=counted))
    kept.write(str(tmp_path), "konteks", pieces, let_go=True)
    assert (tmp_path / kept.FILE).read_bytes().partition(b"\n")[2] == expected
    assert not pieces
    assert sum(batches) == sum(map(len, pages().values()))
    largest = max(map(len, pages().values()))
    assert len(batches) > 1 and max(batches) < kept._WRITE_CHARS + largest  # one batch of all: 12 M characters
