"""Templates an adopter can override: a site's own `custom_dir` holds copies of our templates
(`theme/katalog/...`) with its changes, and the built pages follow them; every value from an
entry is still escaped by the template, whoever wrote it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import EPOCH, EVIL, ROOT, all_html, build_with_theme, page, text_of
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup

from generator.machinery import cores as parallel
from generator.pages import html

MARKER = "Kementerian Contoh"
OURS = ROOT / "generator" / "theme"


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


def adopter_theme(folder: Path) -> Path:
    """An adopter's custom_dir: only the entry article and the province listing, copied from ours
    with a header that names the ministry."""
    for name in ("katalog/entri/artikel.html", "katalog/daftar.html"):
        source = (OURS / name).read_text(encoding="utf-8")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        # after the template's leading comment: a header of the adopter's own
        at = source.index("-#}") + len("-#}\n")
        target.write_text(source[:at] + f'<p class="kementerian">{MARKER}</p>\n' + source[at:], encoding="utf-8")
    return folder


@pytest.mark.site
def test_an_adopter_overrides_the_entry_and_listing_templates(tmp_path: Path, h: Any) -> None:
    site = build_with_theme(tmp_path, adopter_theme(tmp_path / "kementerian"))
    entry = page(site, "inovasi/adminduk-keliling")
    listing = page(site, "jelajahi/jawa-timur")
    assert f'<p class="kementerian">{MARKER}</p>' in entry
    assert f'<p class="kementerian">{MARKER}</p>' in listing
    # what the adopter did not override is ours: the rest of the article, the cards, the shell
    assert "Lencana kriteria" in text_of(entry) and "Data inovasi" in text_of(entry)
    assert "Inovasi Kedua Jawa Timur" in text_of(listing) and 'class="katalog-kartu"' in listing
    assert "Ubah entri ini di repositori" in entry and 'rel="canonical"' in entry
    assert MARKER not in page(site, "")  # the home page's cards are ours, unchanged


@pytest.mark.site
def test_without_an_override_the_pages_are_ours(tmp_path: Path, h: Any) -> None:
    site = build_with_theme(tmp_path, OURS)
    assert MARKER not in page(site, "inovasi/adminduk-keliling")
    assert MARKER not in page(site, "jelajahi/jawa-timur")
    assert "Lencana kriteria" in text_of(page(site, "inovasi/adminduk-keliling"))


@pytest.mark.site
def test_an_adopter_template_escapes_every_value(tmp_path: Path, h: Any) -> None:
    """The hostile entry (`<script>` and an attribute breakout in every free-text field) through
    the adopter's copies: shown as text, never run."""
    site = build_with_theme(tmp_path, adopter_theme(tmp_path / "kementerian"))
    pages = all_html(site)
    entry = pages["inovasi/xss-di-mana-mana/index.html"]
    assert MARKER in entry and MARKER in pages["jelajahi/nasional/index.html"]
    for name, text in pages.items():
        assert "<script>alert(" not in text, name
        assert "<img src=x" not in text and "<img/src=x" not in text, name
    assert "Judul &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x" in entry
    assert "Judul &lt;script&gt;" in pages["jelajahi/nasional/index.html"]  # the card, in the adopter's listing
    assert f"Judul {EVIL}" in text_of(entry)  # ... and a reader sees it as it was written
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', entry, re.S).group(1)
    assert "<" not in ld and "\\u003cscript\\u003e" in ld


@pytest.mark.site
def test_worker_processes_use_the_adopters_templates(tmp_path: Path, h: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entry pages written by the forked writers (as at national scale) follow the override too."""
    monkeypatch.setattr(parallel, "PARALLEL_FROM", 1)
    site = build_with_theme(tmp_path, adopter_theme(tmp_path / "kementerian"))
    for entry_id in ("adminduk-keliling", "kedua-jatim", "xss-di-mana-mana"):
        assert MARKER in page(site, f"inovasi/{entry_id}")


@pytest.mark.unit
def test_the_search_path_puts_the_sites_custom_dir_before_ours(tmp_path: Path) -> None:
    mine = adopter_theme(tmp_path / "kementerian")
    path = html.search_path((str(mine), "/material/templates"))
    assert path == (str(mine), "/material/templates", str(OURS))
    env = html.templates((str(mine),))
    assert MARKER in env.get_template("katalog/daftar.html").render(daftar={
        "provinsi": "bali", "label": "Bali", "nasional": False, "total": 0, "dari": 1, "sampai": 0,
        "jelajahi_href": "../", "halaman": [], "kartu": []})
    assert env.get_template("katalog/kartu.html").filename == str(OURS / "katalog/kartu.html")  # not overridden
    assert html.search_path(None) == (str(OURS),)


@pytest.mark.unit
def test_templates_drop_indentation_but_not_inside_pre() -> None:
    source = "<ul>\n    <li>a</li>\n</ul>\n<pre>\n    kept\n</pre>\n  <textarea>\n  kept\n</textarea>"
    assert html._fold(source) == "<ul><li>a</li></ul>\n<pre>\n    kept\n</pre>\n<textarea>\n  kept\n</textarea>"


@pytest.mark.unit
def test_templates_drop_line_breaks_beside_blocks_but_not_between_words() -> None:
    """A break beside a block's tag (or a Jinja statement after one) shows nothing; between two
    inline elements it is the space a reader sees, and stays."""
    source = ("<li>\n  <a href=x>A</a>\n  <small>b</small>\n</li>\n{% if x %}\n<p>c</p>\n{{ m.baris() }}\n"
              "<dt>d</dt>\n<b>e</b>\n{{ f }}\n<i>g</i>")
    assert html._fold(source) == ("<li><a href=x>A</a>\n<small>b</small></li>{% if x %}\n<p>c</p>\n{{ m.baris() }}"
                                  "<dt>d</dt><b>e</b>\n{{ f }}\n<i>g</i>")


@pytest.mark.unit
def test_templates_escape_like_e() -> None:
    env = html.templates()
    out = env.from_string('<a title="{{ t }}">{{ t }}</a>{{ m }}{{ j|tojson }}').render(
        t=f"x{EVIL}'", m=html.Markup("<b>ok</b>"), j={"a": "</script><'&"})
    assert out == (f'<a title="{html.e("x" + EVIL + chr(39))}">{html.e("x" + EVIL + chr(39))}</a><b>ok</b>'
                   + html.json_script({"a": "</script><'&"}))


@pytest.fixture(autouse=True)
def _clean(tmp_path: Path):
    yield
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


@pytest.mark.unit
@given(st.text())
@example("'\"&<> &#34; &amp;#39; \ud800")
def test_escape_text_is_html_escape(text):
    """`html.escape_text` (MarkupSafe's escaping, quotes rewritten) writes what the standard
    library's `html.escape(quote=True)` writes, for any text; and a template's `{{ value }}`
    writes plain text so, Markup as it is."""
    import html as stdlib_html

    assert html.escape_text(text) == stdlib_html.escape(text, quote=True)
    assert html._output(text) == stdlib_html.escape(text, quote=True)
    assert html._output(Markup(text)) == text
