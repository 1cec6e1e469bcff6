"""The check of the evidence links, against a local HTTP server on 127.0.0.1 (real sockets, no
mocks) that answers 200, 404, too slowly, a trickle, redirects and HEAD refusals; the report it
writes; and the next build, which shows "tautan bukti tidak dapat dibuka sejak …"."""

from __future__ import annotations

import http.server
import json
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from helpers import article, page, run_build, text_of, write_config

from generator import linkcheck
from generator.cli import main
from generator.linkcheck import LinkReport, Policy, check_links, probe, read_report

FAST = Policy(timeout=1.0, per_link=3.0, per_run=30.0, host_delay=0.0, max_redirects=3, workers=4,
              allow_internal=True)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    seen: dict[str, list[tuple[str, float]]] = defaultdict(list)  # path → (method, when)

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, method: str) -> None:
        path = self.path.split("?")[0]
        self.seen[path].append((method, time.monotonic()))
        if path.startswith("/ok"):
            self._send(200)
        elif path == "/hilang":
            self._send(404)
        elif path == "/lambat":
            time.sleep(2.5)  # longer than the timeout
            self._send(200)
        elif path == "/tetes":
            # The status line, then one header line every half second, for ever: no single read
            # waits longer than the timeout, so only the link's own deadline ends it.
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            try:
                for n in range(100):
                    time.sleep(0.5)
                    self.wfile.write(b"X-Tetes-%d: 1\r\n" % n)
                    self.wfile.flush()
            except OSError:
                pass
            self.close_connection = True
        elif path == "/pindah":
            self._send(301, location="/ok/tujuan")
        elif path == "/pindah-relatif":
            self._send(302, location="ok/relatif")
        elif path.startswith("/putar/"):
            n = int(path.rsplit("/", 1)[1])
            self._send(302, location=f"/putar/{n + 1}")
        elif path == "/bukan-http":
            self._send(302, location="ftp://contoh.go.id/berkas")
        elif path == "/tanpa-head":
            self._send(405 if method == "HEAD" else 200)
        elif path == "/ke-dalam":
            self._send(302, location=f"http://10.0.0.1:{self.server.server_address[1]}/ok")
        else:
            self._send(500)

    def _send(self, status: int, location: str | None = None) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_HEAD(self) -> None:  # noqa: N802 — the base class's name
        self._answer("HEAD")

    def do_GET(self) -> None:  # noqa: N802
        self._answer("GET")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def one(url: str, policy: Policy = FAST) -> tuple[bool, str]:
    return probe(url, policy, linkcheck.Hosts(policy.host_delay))


@pytest.mark.unit
def test_a_link_that_opens_and_one_that_does_not(server: str) -> None:
    assert one(f"{server}/ok") == (True, "")
    assert one(f"{server}/hilang") == (False, "HTTP 404")
    assert [m for m, _ in _Handler.seen["/hilang"][-2:]] == ["HEAD", "GET"]  # a 404 to HEAD is asked again
    assert [m for m, _ in _Handler.seen["/ok"][-1:]] == ["HEAD"]  # HEAD answered: no GET
    assert one(f"{server}/tanpa-head") == (True, "")
    assert [m for m, _ in _Handler.seen["/tanpa-head"]] == ["HEAD", "GET"]


@pytest.mark.unit
def test_redirects_are_followed_within_a_limit(server: str) -> None:
    assert one(f"{server}/pindah") == (True, "")
    assert one(f"{server}/pindah-relatif") == (True, "")
    assert one(f"{server}/putar/0") == (False, "terlalu banyak pengalihan (lebih dari 3)")
    assert len([p for p in _Handler.seen if p.startswith("/putar/")]) == 4  # the first and three more, no further
    assert one(f"{server}/bukan-http") == (False, "dialihkan ke alamat yang bukan http(s)")


@pytest.mark.unit
def test_a_slow_answer_times_out_and_a_trickle_is_cut_at_the_links_deadline(server: str) -> None:
    started = time.monotonic()
    assert one(f"{server}/lambat") == (False, "waktu habis")
    assert time.monotonic() - started < FAST.per_link + 0.5
    started = time.monotonic()
    assert one(f"{server}/tetes") == (False, "waktu habis")
    assert FAST.per_link - 0.5 < time.monotonic() - started < FAST.per_link + 1.0


@pytest.mark.unit
def test_internal_addresses_are_not_fetched(server: str) -> None:
    guarded = Policy(timeout=1.0, per_link=3.0, host_delay=0.0)
    before = len(_Handler.seen["/ok"])
    assert one(f"{server}/ok", guarded) == (False, "alamat jaringan internal, tidak dapat dibuka publik")
    assert one("http://[::1]:9/ok", guarded)[1] == "alamat jaringan internal, tidak dapat dibuka publik"
    assert one("http://169.254.169.254/latest/meta-data/", guarded)[1].startswith("alamat jaringan internal")
    assert len(_Handler.seen["/ok"]) == before  # nothing reached the server
    # A public-looking start that redirects inside is refused at the hop, allowed addresses aside.
    assert one(f"{server}/ke-dalam", Policy(timeout=1.0, per_link=3.0, host_delay=0.0, allow_internal=True))[0] is False
    assert one("http://user:sandi@contoh.go.id/", guarded) == (False, "alamat memuat nama pengguna atau sandi")


@pytest.mark.unit
def test_one_request_at_a_time_per_host_with_a_delay_between(server: str) -> None:
    polite = Policy(timeout=1.0, per_link=3.0, per_run=30.0, host_delay=0.3, workers=4, allow_internal=True)
    urls = [f"{server}/ok/sopan-{n}" for n in range(5)] + [f"{server}/hilang"]
    start = len([t for path in _Handler.seen for t in _Handler.seen[path]])
    report, stats = check_links(urls, policy=polite)
    assert (stats.checked, stats.failed) == (6, 1)
    times = sorted(t for path, hits in _Handler.seen.items() for _, t in hits)[start:]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert len(times) == 7  # five HEADs, and HEAD then GET for the 404
    assert min(gaps) >= 0.29  # one host: every request waits its turn, four workers or not


@pytest.mark.unit
def test_a_run_stops_at_its_budget_and_keeps_what_it_did_not_reach(server: str) -> None:
    previous = LinkReport("2026-05-25T01:00:00Z", {
        f"{server}/ok/belum-0": {"ok": False, "terakhir": "2026-05-25", "sejak": "2026-05-18", "kali": 2,
                                 "sebab": "HTTP 404"}})
    urls = [f"{server}/lambat?n={n}" for n in range(6)] + [f"{server}/ok/belum-0"]
    budget = Policy(timeout=1.0, per_link=1.5, per_run=2.0, host_delay=0.0, workers=1, allow_internal=True)
    started = time.monotonic()
    report, stats = check_links(urls, previous, policy=budget)
    took = time.monotonic() - started
    assert took < budget.per_run + budget.per_link + 1.0  # bounded, whatever is left
    assert stats.left >= 4 and stats.checked + stats.left == len(urls)
    # Links never checked go first, so the one the previous run knew was not reached: it keeps
    # the previous report's word; the slow ones not reached are simply not in the report yet.
    assert report.links[f"{server}/ok/belum-0"] == previous.links[f"{server}/ok/belum-0"]
    assert all(item["sebab"] == "waktu habis" for url, item in report.links.items() if "/lambat" in url)
    assert len([url for url in report.links if "/lambat" in url]) == stats.checked


@pytest.mark.unit
def test_failures_keep_their_first_day_and_a_link_that_opens_again_is_cleared(server: str) -> None:
    dead, back = f"{server}/hilang", f"{server}/ok/kembali"
    first, _ = check_links([dead, back], policy=FAST, now=datetime(2026, 5, 18, 1, tzinfo=UTC))
    assert first.links[dead] == {"ok": False, "terakhir": "2026-05-18", "sejak": "2026-05-18", "kali": 1,
                                 "sebab": "HTTP 404"}
    first.links[back] = {"ok": False, "terakhir": "2026-05-18", "sejak": "2026-05-11", "kali": 2, "sebab": "waktu habis"}
    second, _ = check_links([dead, back], first, policy=FAST, now=datetime(2026, 5, 25, 1, tzinfo=UTC))
    assert second.links[dead] == {"ok": False, "terakhir": "2026-05-25", "sejak": "2026-05-18", "kali": 2,
                                  "sebab": "HTTP 404"}
    assert second.links[back] == {"ok": True, "terakhir": "2026-05-25"}
    # A link no entry holds any more leaves the report.
    third, _ = check_links([back], second, policy=FAST, now=datetime(2026, 6, 1, 1, tzinfo=UTC))
    assert set(third.links) == {back}


@pytest.mark.unit
@pytest.mark.parametrize("content", [
    b"", b"bukan json", b"[]", b'{"versi": 2, "tautan": {}}', b'{"versi": 1, "tautan": []}', b"\xff\xfe",
])
def test_a_report_that_is_not_one_is_set_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "laporan.json"
    path.write_bytes(content)
    report, problem = read_report(path)
    assert report is None and problem


@pytest.mark.unit
def test_a_report_keeps_only_well_formed_items(tmp_path: Path) -> None:
    path = tmp_path / "laporan.json"
    good = {"ok": False, "terakhir": "2026-05-25", "sejak": "2026-05-18", "kali": 2, "sebab": "HTTP 404"}
    path.write_text(json.dumps({"versi": 1, "diperiksa": "2026-05-25T01:00:00Z", "tautan": {
        "https://contoh.go.id/a": good,
        "javascript:alert(1)": good,
        "https://contoh.go.id/b": {**good, "sejak": "kemarin"},
        "https://contoh.go.id/c": {**good, "sebab": "<script>\n"},
        "https://contoh.go.id/d": {**good, "kali": True},
        "https://contoh.go.id/e": {"ok": True, "terakhir": "2026-05-25", "lain": "dibuang"},
    }}), encoding="utf-8")
    report, problem = read_report(path)
    assert problem is None and report is not None
    assert report.links == {"https://contoh.go.id/a": good, "https://contoh.go.id/e": {"ok": True, "terakhir": "2026-05-25"}}
    assert read_report(tmp_path / "tidak-ada.json") == (None, None)


@pytest.mark.unit
def test_the_command_writes_a_report_and_never_fails_for_a_dead_link(tmp_path: Path, h: Any, server: str,
                                                                     monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """`katalog check-links` as the workflow runs it, over entries whose links point at the local
    server: the runner's own network is off limits, so each is reported, and the command exits 0."""
    monkeypatch.chdir(tmp_path)
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling",
                  manfaat=f"\n  dasar: penerima\n  nilai: 1250\n  bukti: {server}/ok/manfaat")
    out = tmp_path / "laporan" / "tautan-bukti.json"
    assert main(["check-links", "--keluar", str(out), "--menit", "1", "--jeda", "0"]) == 0
    report, problem = read_report(out)
    assert problem is None
    assert report.links[f"{server}/ok/manfaat"]["sebab"] == "alamat jaringan internal, tidak dapat dibuka publik"
    assert "1 tautan bukti: 1 diperiksa, 1 tidak dapat dibuka" in capsys.readouterr().out


@pytest.mark.site
def test_the_next_build_shows_the_dead_links_on_the_entry_and_in_the_quality_report(tmp_path: Path, h: Any,
                                                                                     monkeypatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 6, 2, tzinfo=UTC).timestamp())))
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    dead, alive = "https://contoh.go.id/laporan-hilang.pdf", "https://contoh.go.id/manfaat"
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling",
                  manfaat=f"\n  dasar: penerima\n  nilai: 1250\n  bukti: {alive}",
                  keberlanjutan=f'\n  dasar_hukum:\n    - jenis: perkada\n      nomor: "12"\n      tahun: 2022\n'
                                f"      tautan: {dead}")
    h.write_entry(tmp_path / "content", "bali", "lain-lagi")
    report = LinkReport("2026-06-01T01:23:00Z", {
        dead: {"ok": False, "terakhir": "2026-06-01", "sejak": "2026-05-18", "kali": 3, "sebab": "HTTP 404"},
        alive: {"ok": True, "terakhir": "2026-06-01"},
        "https://contoh.go.id/bukan-milik-entri": {"ok": False, "terakhir": "2026-06-01", "sejak": "2026-05-18",
                                                   "kali": 3, "sebab": "HTTP 404"}})
    linkcheck.write_report(report, tmp_path / "laporan" / "tautan-bukti.json")
    site = run_build(tmp_path)
    entry = text_of(article(page(site, "inovasi/adminduk-keliling")))
    assert "1 tautan bukti tidak dapat dibuka" in entry
    assert ("Tautan bukti yang tidak dapat dibuka Dasar hukum: Peraturan Kepala Daerah 12/2022: "
            "https://contoh.go.id/laporan-hilang.pdf : tautan bukti tidak dapat dibuka sejak 18 Mei 2026 (HTTP 404)") in entry
    assert "tidak dapat dibuka" not in text_of(article(page(site, "inovasi/lain-lagi")))
    quality = text_of(article(page(site, "statistik/kualitas-data")))
    assert "1 tautan bukti tidak dapat dibuka pada pemeriksaan terakhir (2026-06-01)" in quality
    assert "tautan bukti tidak dapat dibuka sejak 18 Mei 2026 (HTTP 404)" in quality
    assert "bukan-milik-entri" not in quality  # only links the entries hold
    assert "tidak dapat dibuka sejak" in text_of(article(page(site, "statistik/kualitas-data/jawa-timur")))
    # No report, no claim about the links: the column and the list are not there.
    (tmp_path / "laporan" / "tautan-bukti.json").unlink()
    site = run_build(tmp_path)
    assert "Tautan bukti" not in text_of(article(page(site, "statistik/kualitas-data")))


@pytest.mark.site
def test_a_report_that_cannot_be_read_never_fails_the_build(tmp_path: Path, h: Any, monkeypatch) -> None:
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime(2026, 6, 2, tzinfo=UTC).timestamp())))
    h.write_entry(tmp_path / "content", "jawa-timur", "adminduk-keliling")
    (tmp_path / "laporan").mkdir()
    (tmp_path / "laporan" / "tautan-bukti.json").write_text("{rusak", encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(write_config(tmp_path)), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)  # --strict: a warning would fail it
    assert (tmp_path / "site" / "inovasi" / "adminduk-keliling" / "index.html").is_file()
