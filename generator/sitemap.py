"""The sitemap of a built site (`sitemap.xml` and its gzip)."""

from __future__ import annotations

import gzip
import os
from collections.abc import Iterable
from xml.sax.saxutils import escape as xml_escape


def sitemap_xml(items: Iterable[tuple[str, str | None]]) -> str:
    """`items`: (absolute URL, lastmod ISO date or None)."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for url, lastmod in items:
        out.append(f"<url><loc>{xml_escape(url)}</loc>")
        if lastmod:
            out.append(f"<lastmod>{lastmod}</lastmod>")
        out.append("</url>\n")
    out.append("</urlset>\n")
    return "".join(out)


SITEMAP = "sitemap.xml"


def write_sitemap(site_dir: str, items: Iterable[tuple[str, str | None]]) -> None:
    """`sitemap.xml` and its gzip beside it (reproducible: no name, no time in the gzip header)."""
    text = sitemap_xml(items).encode("utf-8")
    path = os.path.join(site_dir, SITEMAP)
    with open(path, "wb") as f:
        f.write(text)
    with open(path + ".gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
        gz.write(text)
