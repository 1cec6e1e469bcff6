"""Small pieces every page builder uses: escaping, safe links, levels and dates in HTML.

Every value that comes from an entry passes through `e()` (text and attributes alike) or
`json_script()` (JSON in a <script>); page builders never put a front-matter value in HTML
any other way.
"""

from __future__ import annotations

import html
import json
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from ..criteria import level_name
from ..text import tanggal


def e(value: Any) -> str:
    """Text or attribute value, escaped (quotes included)."""
    return html.escape(str(value), quote=True)


def json_script(data: Any) -> str:
    """JSON safe inside <script>: what Jinja's `tojson` filter does (`<`, `>`, `&`, `'` as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL, or None. The model already insists on it; this keeps templates honest."""
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    return url if scheme in ("http", "https") else None


def link(url: str | None, text: str, *, external: bool = True) -> str:
    """An <a> to an outside URL (escaped), or just the text when the URL is not http(s)."""
    href = safe_url(url) if external else url
    if not href:
        return e(text)
    rel = ' rel="noopener noreferrer"' if external else ""
    return f'<a href="{e(href)}"{rel}>{e(text)}</a>'


def level_text(key: str, level: int) -> str:
    """A badge level as a citizen reads it: its name from the criteria table, then the number
    ("bukti kuat (level 2)"); level 0 reads "belum ada bukti", never a failing grade."""
    return f"{level_name(key, level)} (level {level})"


def time_tag(day: date | None) -> str:
    if day is None:
        return ""
    return f'<time datetime="{day.isoformat()}">{tanggal(day)}</time>'
