"""Lighthouse (mobile preset) on the page types a citizen meets, in Debian's Chromium, the site
served with gzip as GitHub Pages serves it (`bench.queries._Host`):

    npm install --prefix /tmp/lh lighthouse@12          # once; not part of `make test`
    python -m bench.lighthouse SITE_DIR [--lighthouse /tmp/lh/node_modules/.bin/lighthouse]
                                        [--reports /tmp/lh-reports] [--details] [--semua]

Prints accessibility, performance, best practices, SEO and the layout shift (CLS) per page, and
the audits that did not pass. Each page's full JSON report is kept in the reports folder
(`<page>.json`); `--details` prints the failing audits' items (the elements, files, shifts).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from bench.queries import CHROMIUM, _Host

PAGES = {
    "beranda": "",
    "jelajahi + kata": "jelajahi/?q=perpustakaan",
    "entri": "inovasi/sp4n-lapor/",
    "statistik": "statistik/",
    "daftar provinsi": "jelajahi/jawa-timur/",
}
# With --semua: the other page types (the Done-when names the five above).
MORE_PAGES = {
    "jelajahi + penyaring": "jelajahi/?provinsi=jawa-timur",
    "kualitas data": "statistik/kualitas-data/",
    "kriteria": "kriteria/",
    "data terbuka": "data-terbuka/",
    "kontribusi": "kontribusi/",
    "404": "404.html",
}


class _UnderSitePath(_Host):
    """`_Host`, also answering under site_url's path (/katalog/…), where the 404 page's absolute
    links point (MkDocs renders that page for any depth), as the site's host would."""

    prefix = ""

    def translate_path(self, path: str) -> str:
        if self.prefix and path.startswith(self.prefix):
            path = "/" + path[len(self.prefix):]
        return super().translate_path(path)


def _site_path(site: Path) -> str:
    """site_url's path ("/katalog/"): the sitemap's shortest address (the home page's); "" at the root."""
    sitemap = site / "sitemap.xml"
    paths = re.findall(r"<loc>\s*https?://[^/<]+(/[^<]*?)\s*</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.is_file() else []
    path = min(paths, key=len, default="/")
    return "" if path == "/" else path.rstrip("/") + "/"


REPORTS = Path(os.environ.get("LIGHTHOUSE_REPORTS", "/tmp/lh-reports"))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def failing(data: dict) -> list[str]:
    """The audits that weigh on a category's score and did not pass: a binary one failed, a
    metric (FCP, LCP, TBT, CLS, Speed Index) scored under 0.9. Lighthouse's opportunities and
    insights (unused CSS, cache lifetimes, …) do not weigh on the score and are left out; the
    report keeps them."""
    out: list[str] = []
    for category in data["categories"].values():
        for ref in category["auditRefs"]:
            audit = data["audits"][ref["id"]]
            score = audit.get("score")
            if not ref.get("weight") or score is None or ref["id"] in out:
                continue
            if score < (1 if audit.get("scoreDisplayMode") == "binary" else 0.9):
                out.append(ref["id"])
    return out


def details(data: dict, audit: str, limit: int = 8) -> list[str]:
    """One line per item of a failing audit: the element (selector, snippet) or the URL, and its figures."""
    v = data["audits"][audit]
    lines = [f"  {audit}: {v.get('title')} — {v.get('displayValue', '')} (score {v.get('score')})"]
    for item in (v.get("details") or {}).get("items", [])[:limit]:
        node = item.get("node") or {}
        source = item.get("source")
        what = (node.get("selector") or item.get("url")
                or (source.get("url") if isinstance(source, dict) else source) or "")
        snippet = (node.get("snippet") or "")[:160]
        figures = {k: x for k, x in item.items() if isinstance(x, (int, float, str)) and k not in ("url",)}
        lines.append(f"    - {what} {snippet} {figures if figures else ''}".rstrip())
        for sub in (item.get("subItems") or {}).get("items", [])[:4]:
            sn = sub.get("node") or {}
            lines.append(f"        · {sn.get('selector', '')} {(sn.get('snippet') or '')[:120]} "
                         f"{ {k: x for k, x in sub.items() if isinstance(x, (int, float, str))} }")
    return lines


def run(site: Path, lighthouse: str, pages: dict[str, str] = PAGES,
        reports: Path = REPORTS) -> dict[str, dict[str, float]]:
    handler = type("_Handler", (_UnderSitePath,), {"prefix": _site_path(site)})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict[str, dict[str, float]] = {}
    try:
        for name, path in pages.items():
            reports.mkdir(parents=True, exist_ok=True)
            report = reports / f"{_slug(name)}.json"
            subprocess.run([lighthouse, base + path, "--quiet", "--output=json", f"--output-path={report}",
                            "--chrome-flags=--headless --no-sandbox --disable-gpu"],
                           env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, capture_output=True)
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
            scores["cls"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
            scores["fcp"] = data["audits"]["first-contentful-paint"]["numericValue"]
            scores["lcp"] = data["audits"]["largest-contentful-paint"]["numericValue"]
            scores["tbt"] = data["audits"]["total-blocking-time"]["numericValue"]
            scores["failing"] = failing(data)
            scores["report"] = str(report)
            out[name] = scores
    finally:
        server.shutdown()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.lighthouse", description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE", "/tmp/lh/node_modules/.bin/lighthouse"))
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where the JSON reports are kept")
    parser.add_argument("--details", action="store_true", help="print the failing audits' items")
    parser.add_argument("--semua", action="store_true", help="also the other page types (facets open, 404, …)")
    args = parser.parse_args(argv)
    if not Path(args.lighthouse).exists():
        print(f"Lighthouse not found at {args.lighthouse}: see this module's docstring", file=sys.stderr)
        return 2
    results = run(args.site, args.lighthouse, {**PAGES, **MORE_PAGES} if args.semua else PAGES, reports=args.reports)
    print(f"{'halaman':<22} {'aksesibilitas':>13} {'kinerja':>8} {'praktik':>8} {'SEO':>4} {'CLS':>6} "
          f"{'FCP ms':>7} {'LCP ms':>7} {'TBT ms':>7}")
    for name, s in results.items():
        print(f"{name:<22} {s['accessibility']:>13} {s['performance']:>8} {s['best-practices']:>8} {s['seo']:>4} "
              f"{s['cls']:>6.3f} {s['fcp']:>7.0f} {s['lcp']:>7.0f} {s['tbt']:>7.0f}  {' '.join(s['failing'])}")
    if args.details:
        for name, s in results.items():
            if not s["failing"]:
                continue
            data = json.loads(Path(s["report"]).read_text(encoding="utf-8"))
            print(f"\n{name} ({s['report']})")
            for audit in s["failing"]:
                print("\n".join(details(data, audit)))
    print(f"\nlaporan lengkap: {args.reports}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
