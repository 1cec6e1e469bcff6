"""The Content-Security-Policy's script hashes, computed when a page is built from the scripts it
inlines (generator/pages/csp.py): each page allows exactly its own inline scripts, a site page's
own text never adds one, and no page keeps the token. (tests/test_browser.py checks in Chromium
that every inline script of the built sample site runs under its page's policy.)"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import run_build

from generator.pages import csp
from generator.pages.html import THEME


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


POLICY = f'<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' {csp.SCRIPTS}; object-src \'none\'">'


def script_src(page: str) -> list[str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


@pytest.mark.unit
def test_each_executable_inline_script_is_hashed_once_and_data_or_files_are_not() -> None:
    page = (f"<head>{POLICY}<script>var a=1</script><script type=\"module\">import('x')</script>"
            '<script type="application/json">{"a":1}</script><script type="application/ld+json">{}</script>'
            '<script src="x.js"></script><script async src=y.js></script></head>'
            "<body><SCRIPT>var a=1</SCRIPT><script>\nvar b=2\n</script ></body>")
    filled = csp.fill(page)
    assert script_src(filled) == ["'self'", sha("var a=1"), sha("import('x')"), sha("\nvar b=2\n")]
    assert csp.SCRIPTS not in filled


@pytest.mark.unit
def test_a_page_without_inline_scripts_allows_none_and_one_without_the_token_is_left_alone() -> None:
    assert script_src(csp.fill(f"<head>{POLICY}</head><body><script src=a.js></script></body>")) == ["'self'"]
    plain = "<head><meta charset=utf-8></head><body><script>x()</script></body>"
    assert csp.fill(plain) == plain


@pytest.mark.unit
def test_a_script_inside_a_site_pages_own_text_is_never_allowed() -> None:
    own = "<h1>Tentang</h1><p>teks</p><script>alert(document.cookie)</script>"
    page = f"<head>{POLICY}<script>theme()</script></head><body><article>{own}</article></body>"
    allowed = script_src(csp.fill(page, untrusted=own))
    assert sha("theme()") in allowed and sha("alert(document.cookie)") not in allowed


@pytest.mark.unit
def test_the_theme_writes_the_token_where_the_plugin_fills_it() -> None:
    meta = (THEME / "katalog/meta.html").read_text(encoding="utf-8")
    assert f"\"script-src 'self' {csp.SCRIPTS}\"" in meta
    assert "sha256-" not in meta  # no hash written by hand
    assert not (THEME / "partials/javascripts/base.html").exists()  # Material's script as it is


@pytest.mark.site
def test_every_built_page_allows_exactly_the_scripts_it_inlines(tmp_path: Path, h: Any) -> None:
    h.write_entry(tmp_path / "content", "jawa-timur", "satu")
    (tmp_path / "content/tentang.md").write_text("---\ntitle: Tentang\n---\n\nTentang katalog ini.\n",
                                                 encoding="utf-8")
    site = run_build(tmp_path)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    depths = set()
    for path in pages:
        page = path.read_text(encoding="utf-8")
        assert csp.SCRIPTS not in page, path
        inline = [body for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
                  if "src=" not in attrs and "json" not in attrs]
        if path.relative_to(site).parts[0] == "inovasi":  # entry pages run no script at all
            assert inline == [] and "default-src 'none'" in page and "script-src" not in page, path
            continue
        allowed = script_src(page)
        assert sorted(allowed[1:]) == sorted({sha(body) for body in inline}), path
        if inline:
            depths.add(allowed[1])
    # Material's first script names the site's root relative to the page: one hash per depth.
    assert len(depths) >= 3
