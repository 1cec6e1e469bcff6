"""What a visitor's browser fetches for one search on Jelajahi, cold (an empty cache each time),
and how soon she sees results on a slow phone connection, in Debian's Chromium.

`measure`: the bytes of each query over twelve queries, from words in most entries to a place in
three, a sentence and a typo: everything the search fetches once the page has loaded: its two
scripts, the index files (`cari/`: the manifest, lexicon, stem and correction files, the
result cards) and the entry pages fetched for the passages around the words. The site is served
as GitHub Pages serves it: text files (JavaScript, JSON, HTML) gzip-compressed for a browser that
accepts it; the index's binary files are compressed already. Bytes are those on the wire.

`slow`: the time from the navigation to `jelajahi/?q=…` until the first result is on screen,
and until the query shows in the box, at 400 kbps down and up with 400 ms latency (Chromium's
network emulation) and a cold cache. The issue's budget is 5 s, on the sample site.

Part of `make bench`; on its own:

    python -m bench.queries SITE_DIR             # bytes of the twelve queries
    python -m bench.queries --lambat SITE_DIR    # the slow connection
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import statistics
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
# From words in most entries to a place in three (the synthetic corpus' spread, bench/corpus.py),
# then a citizen's sentence and a typo.
QUERIES = ("layanan", "desa", "antrean", "disabilitas", "kesehatan", "stunting", "lansia", "sampah", "banjir",
           "bintuni", "cara mengurus KTP di kecamatan", "kesehtan")
SLOW = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
READY = "document.querySelector('[data-status]').textContent.match(/ditemukan|Tidak ada/)"


@dataclass
class Query:
    text: str
    found: str = ""
    bytes: int = 0
    requests: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)


KINDS = ("indeks.json", "leksikon", "kata", "ejaan", "entri", "kolom")


def _kind(url: str) -> str | None:
    """What a fetched address is to the search; None: the page itself and what it loads anyway."""
    path = url.split("?", 1)[0]
    if "/cari/" in path:
        return next((kind for kind in KINDS if f"/cari/{kind}" in path), "cari")
    if path.endswith(("/jelajahi.js", "/cari.js")):
        return "kode"
    if "/inovasi/" in path:
        return "halaman"  # an entry page, for the passage around the words
    return None


class _Host(http.server.SimpleHTTPRequestHandler):
    """Static files, text ones gzip-compressed when the browser accepts it (as Pages does)."""

    COMPRESS = (".js", ".json", ".css", ".html", ".svg", ".xml")

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the handler's API
        path = self.translate_path(self.path.split("?", 1)[0])
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not (path.endswith(self.COMPRESS) and os.path.isfile(path)
                and "gzip" in self.headers.get("Accept-Encoding", "")):
            super().do_GET()
            return
        with open(path, "rb") as f:
            body = gzip.compress(f.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def measure(site: Path, queries: tuple[str, ...] = QUERIES) -> list[Query]:
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    out: list[Query] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            for text in queries:
                context = browser.new_context(bypass_csp=True)  # an empty cache for every query
                page = context.new_page()
                responses: list = []
                page.on("response", lambda response, into=responses: into.append(response))
                page.goto(f"{base}/jelajahi/?q={quote(text)}")
                page.wait_for_function(READY, timeout=120_000)
                page.wait_for_load_state("networkidle")
                query = Query(text, page.locator("[data-status]").text_content() or "")
                for response in responses:
                    kind = _kind(response.url)
                    if kind is None:
                        continue
                    response.finished()
                    size = response.request.sizes()["responseBodySize"]  # as sent: compressed
                    query.bytes += size
                    query.requests += 1
                    query.by_kind[kind] = query.by_kind.get(kind, 0) + size
                out.append(query)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


@dataclass
class Slow:
    query: str
    first_result_s: float
    query_shown_s: float
    requests: int
    kilobytes: float


_WATCH = """
window.__katalogWaktu = {};
new MutationObserver(() => {
  const t = window.__katalogWaktu;
  const box = document.getElementById("cari-q");
  if (box && box.value && t.kotak === undefined) t.kotak = performance.now();
  if (document.querySelector("[data-hasil] > li") && t.hasil === undefined) t.hasil = performance.now();
}).observe(document, {childList: true, subtree: true, attributes: true});
"""


def slow(site: Path, query: str = "layanan") -> Slow:
    """The first result's time at 400 kbps and 400 ms latency, cold, from the navigation's start
    (performance.now() is counted from it)."""
    from playwright.sync_api import sync_playwright

    server, base = _serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844}, is_mobile=True)
            context.add_init_script(_WATCH)
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            cdp.send("Network.emulateNetworkConditions", SLOW)
            responses: list = []
            page.on("response", lambda response: responses.append(response))
            page.goto(f"{base}/jelajahi/?q={quote(query)}", wait_until="commit")
            page.wait_for_function("window.__katalogWaktu && window.__katalogWaktu.hasil !== undefined",
                                   timeout=120_000, polling=50)
            times = page.evaluate("window.__katalogWaktu")
            total = 0
            for response in responses:
                response.finished()
                total += response.request.sizes()["responseBodySize"]
            result = Slow(query, times["hasil"] / 1000, times.get("kotak", times["hasil"]) / 1000, len(responses),
                          total / 1000)
            browser.close()
    finally:
        server.shutdown()
    return result


def report(results: list[Query]) -> tuple[str, int]:
    lines = []
    for q in results:
        kinds = ", ".join(f"{k} {v / 1000:,.0f}" for k, v in sorted(q.by_kind.items()))
        lines.append(f"    {q.text[:30]:<30} {q.bytes / 1000:>7,.0f} KB in {q.requests:>2} requests ({kinds})  {q.found}")
    median = int(statistics.median(q.bytes for q in results))
    return "\n".join(lines), median


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    lambat = "--lambat" in args
    args = [a for a in args if a != "--lambat"]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    if lambat:
        found = slow(Path(args[0]))
        print(f"  400 kbps, 400 ms: the query in the box after {found.query_shown_s:.2f} s, the first result after "
              f"{found.first_result_s:.2f} s ({found.requests} requests, {found.kilobytes:,.0f} KB; target ≤ 5 s)")
        return 0
    text, median = report(measure(Path(args[0])))
    print(text)
    print(f"  → median cold query {median / 1000:,.0f} KB (target ≤ 500 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
