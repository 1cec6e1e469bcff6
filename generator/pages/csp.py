"""The Content-Security-Policy's inline scripts, allowed by the hashes of the scripts a page
actually inlines, computed when the page is built.

`katalog/meta.html` writes the policy at the top of every page's head, before anything a page
inlines is known, with `SCRIPTS` where the hashes go (`script-src 'self' <SCRIPTS>`); once the
page is rendered, `fill` hashes each executable inline script of it (Material's own, as its
templates write them for that page, and those of our templates, such as Jelajahi's) and puts
the hashes in the token's place. A theme upgrade that changes an inline script changes its
hash with it, and a page that inlines nothing allows nothing inline.

Only what the theme's templates write is trusted so: the text of a site's own page (`content/*.md`,
from a pull request) is left out of the count (`untrusted`), so that a script the sanitiser let
through by mistake would still be refused by the browser. Entry pages run no script at all
(their policy is `default-src 'none'`) and carry no token.

Pure: no MkDocs.
"""

from __future__ import annotations

import base64
import hashlib
import re

SCRIPTS = "'katalog-skrip-sebaris'"
"""The token of `katalog/meta.html` where the hashes go. Left unfilled (a page the plugin did
not see), it is a source expression browsers ignore: no inline script runs, nothing else breaks."""

# A script element as our templates and Material's write it; its text is what the browser hashes.
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SRC = re.compile(r"\ssrc\s*=", re.I)
_DATA_TYPES = ("application/json", "application/ld+json", "importmap", "speculationrules")


def _executable(attributes: str) -> bool:
    """Whether a script element with these attributes runs as a script (no `src`, no data type)."""
    if _SRC.search(" " + attributes):
        return False
    match = _TYPE.search(attributes)
    kind = next((g for g in match.groups() if g is not None), "").strip().lower() if match else ""
    return kind not in _DATA_TYPES


def script_hashes(html: str) -> list[str]:
    """`'sha256-…'` of each executable inline script of `html`, in order, each once."""
    found: dict[str, None] = {}
    for attributes, text in _SCRIPT.findall(html):
        if _executable(attributes):
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
            found[f"'sha256-{digest}'"] = None
    return list(found)


def fill(html: str, untrusted: str = "") -> str:
    """The page with its policy's token replaced by the hashes of its inline scripts, those
    inside `untrusted` (a site page's own text, as it sits in the page) left out."""
    if SCRIPTS not in html:
        return html
    counted = html.replace(untrusted, "") if untrusted else html
    hashes = "".join(" " + h for h in script_hashes(counted))
    return html.replace(" " + SCRIPTS, hashes, 1)
