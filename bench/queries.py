"""What a visitor's browser fetches for one search on Jelajahi, cold (an empty cache each time):
the bytes of the search bundle (`pagefind/`) over ten queries from common words to rare ones, in
Debian's Chromium. The site is served as GitHub Pages serves it: text files (JavaScript, JSON)
gzip-compressed for a browser that accepts it; Pagefind's own index files are compressed
already. Bytes are those on the wire (the compressed body). Part of `make bench`; on its own:

    python -m bench.queries SITE_DIR
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
# From words in most entries to a place in three: the synthetic corpus' spread (bench/corpus.py).
QUERIES = ("layanan", "desa", "antrean", "disabilitas", "kesehatan", "stunting", "lansia", "sampah", "banjir",
           "bintuni")


@dataclass
class Query:
    text: str
    found: str = ""
    bytes: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)  # "filter", "index", "fragment", "meta", "code"


def _kind(url: str) -> str:
    name = url.rsplit("/", 1)[-1]
    if "/filter/" in url:
        return "filter"
    if "/index/" in url:
        return "index"
    if "/fragment/" in url:
        return "fragment"
    if name.endswith(".pf_meta") or name == "pagefind-entry.json":
        return "meta"
    return "code"  # pagefind.js, the WebAssembly


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


def _collect(into: list, response) -> None:
    if "/pagefind/" in response.url:
        into.append(response)


def measure(site: Path, queries: tuple[str, ...] = QUERIES) -> list[Query]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    out: list[Query] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            for text in queries:
                context = browser.new_context(bypass_csp=True)  # an empty cache for every query
                page = context.new_page()
                responses: list = []
                page.on("response", functools.partial(_collect, responses))
                page.goto(f"{base}/jelajahi/?q={quote(text)}")
                page.wait_for_function(
                    "document.querySelector('[data-status]').textContent.match(/ditemukan|Tidak ada/)",
                    timeout=120_000)
                page.wait_for_load_state("networkidle")
                query = Query(text, page.locator("[data-status]").text_content() or "")
                for response in responses:
                    response.finished()
                    size = response.request.sizes()["responseBodySize"]  # as sent: compressed
                    query.bytes += size
                    kind = _kind(response.url)
                    query.by_kind[kind] = query.by_kind.get(kind, 0) + size
                out.append(query)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return out


def report(results: list[Query]) -> tuple[str, int]:
    lines = []
    for q in results:
        kinds = ", ".join(f"{k} {v / 1000:,.0f}" for k, v in sorted(q.by_kind.items()))
        lines.append(f"    {q.text:<12} {q.bytes / 1000:>7,.0f} KB  ({kinds})  {q.found}")
    median = int(statistics.median(q.bytes for q in results))
    return "\n".join(lines), median


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    text, median = report(measure(Path(args[0])))
    print(text)
    print(f"  → median cold query {median / 1000:,.0f} KB from pagefind/ (target ≤ 500 KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
