"""Entry bodies: rendered like the forge's Markdown preview, sanitised, cached; and the pieces of
the site that are pure functions (charts, escaping, the entry shell) — without MkDocs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator import render
from generator.charts import Bar, bar_chart, column_chart, level_chart
from generator.pages.html import Urls, json_script
from generator.pages.writer import TOKENS, Shell, ShellError
from generator.render import BodyCache, cache_key, render_markdown, sanitize

# --- Markdown like the forge's preview ------------------------------------------------------------


def test_commonmark_with_tables_and_strikethrough() -> None:
    html = render_markdown("## Hasil\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~lama~~ *baru*\n")
    assert "<h2>Hasil</h2>" in html
    assert '<th style="text-align:left">a</th>' in html and '<td style="text-align:right">2</td>' in html
    assert "<s>lama</s> <em>baru</em>" in html


def test_a_body_that_uses_h1_is_moved_one_level_down() -> None:
    html = render_markdown("# Latar\n\n## Rinci\n")
    assert "<h2>Latar</h2>" in html and "<h3>Rinci</h3>" in html
    assert "<h2>Tetap</h2>" in render_markdown("## Tetap\n")


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html,<script>">x</a>', "data:"),
        ("<style>body{display:none}</style>", "<style"),
        ('<div style="position:fixed;top:0">x</div>', "position"),
        ('<iframe src="https://evil.example.com/"></iframe>', "evil.example.com"),
        ('<iframe src="http://www.youtube.com/embed/x"></iframe>', "<iframe"),  # not https
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', "srcdoc"),
        ('<object data="x.swf"></object><embed src="x.swf">', "swf"),
        ('<form action="https://x"><input name="q"></form>', "<form"),
        ('<div id="__config">x</div>', "__config"),  # would clobber the theme's own element
        ('<svg><script>alert(1)</script></svg>', "alert"),
        ("<!-- <script>alert(1)</script> -->", "alert"),
        ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', "onerror"),
    ],
)
def test_raw_html_is_sanitised(markdown: str, forbidden: str) -> None:
    assert forbidden.lower() not in render_markdown(markdown).lower()


def test_iframes_only_from_allow_listed_video_hosts() -> None:
    html = render_markdown('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video" '
                           'onload="alert(1)" allowfullscreen></iframe>\n')
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video" allowfullscreen="">' in html
    assert "onload" not in html


def test_safe_raw_html_and_links_are_kept() -> None:
    html = render_markdown('<details><summary>Rincian</summary>\n\nIsi **tebal**\n\n</details>\n\n'
                           "[situs](https://contoh.go.id/) <mailto:layanan@contoh.go.id>\n")
    assert "<details><summary>Rincian</summary>" in html and "<strong>tebal</strong>" in html
    assert '<a href="https://contoh.go.id/" rel="noopener noreferrer nofollow">situs</a>' in html
    assert 'href="mailto:layanan@contoh.go.id"' in html


def test_relative_links_point_at_the_site() -> None:
    base = "innovations/jawa-timur"
    html = render_markdown("[lain](../bali/entri-lain.md#hasil) ![foto](foto.png) [luar](../../../x.md)\n", base)
    assert 'href="../entri-lain/#hasil"' in html  # another entry's file → its page
    assert 'src="../../innovations/jawa-timur/foto.png"' in html  # a file beside the entry
    assert 'href="../x/"' in html


def test_sanitize_is_idempotent() -> None:
    html = render_markdown("Teks <b>tebal</b> & <i>miring</i>\n\n| a |\n|---|\n| 1 |\n")
    assert sanitize(html) == html


# --- the cache ---------------------------------------------------------------------------------


def test_cache_renders_once_and_prunes_what_is_no_longer_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = render.render_markdown
    monkeypatch.setattr(render, "render_markdown", lambda text, base="": calls.append(text) or real(text, base))
    cache = BodyCache(tmp_path / "c" / "bodies.sqlite")
    assert cache.render("*satu*") == "<p><em>satu</em></p>\n"
    assert cache.render("*satu*") == "<p><em>satu</em></p>\n"
    cache.render("*dua*")
    assert calls == ["*satu*", "*dua*"]
    assert cache.prune([cache_key("*dua*")]) == 1
    assert set(cache.get_many([cache_key("*satu*"), cache_key("*dua*")])) == {cache_key("*dua*")}
    cache.close()
    again = BodyCache(tmp_path / "c" / "bodies.sqlite")  # persisted on disk
    assert again.get_many([cache_key("*dua*")]) == {cache_key("*dua*"): "<p><em>dua</em></p>\n"}


def test_cache_key_depends_on_text_folder_and_renderer_version(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key("teks", "innovations/bali")
    assert key != cache_key("teks ", "innovations/bali")
    assert key != cache_key("teks", "innovations/aceh")  # relative links resolve differently
    monkeypatch.setattr(render, "RENDER_VERSION", "999")
    assert key != cache_key("teks", "innovations/bali")


def test_an_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("bukan folder")
    cache = BodyCache(tmp_path / "berkas" / "bodies.sqlite")
    assert cache.render("x") == "<p>x</p>\n"
    assert BodyCache(None).render("x") == "<p>x</p>\n"


# --- charts, escaping, the shell -----------------------------------------------------------------


def test_charts_are_accessible_svg() -> None:
    bars = [Bar("Jawa <Timur>", 12, "../jelajahi/jawa-timur/"), Bar("Bali", 3)]
    svg = bar_chart("g1", "Per provinsi", bars)
    assert svg.startswith('<svg class="katalog-grafik"') and 'role="img"' in svg
    assert 'aria-labelledby="g1-t g1-d"' in svg
    assert '<title id="g1-t">Per provinsi</title>' in svg
    assert "Terbanyak: Jawa &lt;Timur&gt;: 12; Bali: 3." in svg  # <desc> says it in words
    assert ">12</text>" in svg and "Jawa &lt;Timur&gt;</text>" in svg  # values and labels as text
    assert '<a href="../jelajahi/jawa-timur/">' in svg
    years = column_chart("g2", "Per tahun", [Bar("2020", 1), Bar("2021", 0), Bar("2022", 4)])
    assert years.count("<rect") == 3 and ">2021</text>" in years
    levels = level_chart("g3", "Lencana", [("Kebaruan", [1, 2, 3, 4])], level_names=["L0", "L1", "L2", "L3"])
    assert "Kebaruan: 9 dari 10 minimal level 1." in levels


def test_json_in_script_is_escaped_like_jinja_tojson() -> None:
    text = json_script({"a": "</script><script>alert('x')&"})
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == {"a": "</script><script>alert('x')&"}


def test_links_between_pages_are_relative() -> None:
    urls = Urls()
    assert urls.rel(urls.entry("b"), urls.entry("a")) == "../../inovasi/b/"
    assert urls.rel("", urls.entry("a")) == "../../"
    assert urls.rel(urls.listing("bali", 2), "") == "jelajahi/bali/2/"
    flat = Urls(use_directory_urls=False)
    assert flat.rel(flat.listing("bali"), flat.entry("a")) == "../jelajahi/bali/index.html"


def test_shell_must_keep_its_placeholders() -> None:
    html = f"<title>{TOKENS['title']}</title><a href='/inovasi/{TOKENS['id']}/'>{TOKENS['content']}</a>"
    shell = Shell(html)
    assert shell.names == ["title", "id", "content"]
    with pytest.raises(ShellError):
        Shell("<title>no placeholders</title>")


def test_page_builders_do_not_import_mkdocs() -> None:
    script = (
        "import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None\n"
        "import generator.render, generator.site, generator.charts, generator.pages.writer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material') and sys.modules[m]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "[]"
