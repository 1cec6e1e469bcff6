"""Entry bodies: rendered like the forge's Markdown preview, sanitised, cached; and the pieces of
the site that are pure functions (charts, escaping, the entry shell) — without MkDocs."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator import render
from generator.pages.charts import Bar, bar_chart, column_chart, level_chart
from generator.pages.html import json_script
from generator.pages.writer import TOKENS, Shell, ShellError
from generator.render import BodyCache, body_problems, cache_key, render_markdown, sanitize
from generator.urls import Urls

# --- Markdown like the forge's preview ------------------------------------------------------------


@pytest.mark.unit
def test_commonmark_with_tables_and_strikethrough() -> None:
    html = render_markdown("## Hasil\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n~~lama~~ *baru*\n")
    assert "<h2>Hasil</h2>" in html
    assert '<th style="text-align:left">a</th>' in html and '<td style="text-align:right">2</td>' in html
    assert "<s>lama</s> <em>baru</em>" in html


@pytest.mark.unit
def test_a_body_that_uses_h1_is_moved_one_level_down() -> None:
    html = render_markdown("# Latar\n\n## Rinci\n")
    assert "<h2>Latar</h2>" in html and "<h3>Rinci</h3>" in html
    assert "<h2>Tetap</h2>" in render_markdown("## Tetap\n")


@pytest.mark.unit
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


@pytest.mark.unit
def test_iframes_only_from_allow_listed_video_hosts() -> None:
    html = render_markdown('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video" '
                           'onload="alert(1)" allowfullscreen></iframe>\n')
    assert '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"' in html
    assert "onload" not in html and 'allowfullscreen=""' in html
    # youtube.com sets cookies before the reader presses play: not a privacy-preserving player
    assert "<iframe" not in render_markdown('<iframe src="https://www.youtube.com/embed/abc"></iframe>\n')


@pytest.mark.unit
def test_safe_raw_html_and_links_are_kept() -> None:
    html = render_markdown('<details><summary>Rincian</summary>\n\nIsi **tebal**\n\n</details>\n\n'
                           "[situs](https://contoh.go.id/) <mailto:layanan@contoh.go.id>\n")
    assert "<details><summary>Rincian</summary>" in html and "<strong>tebal</strong>" in html
    assert '<a href="https://contoh.go.id/" rel="noopener noreferrer nofollow">situs</a>' in html
    assert 'href="mailto:layanan@contoh.go.id"' in html


@pytest.mark.unit
def test_relative_links_point_at_the_site() -> None:
    base = "innovations/jawa-timur"
    html = render_markdown("[lain](../bali/entri-lain.md#hasil) ![foto](foto.png) [luar](../../../x.md)\n", base)
    assert 'href="../entri-lain/#hasil"' in html  # another entry's file → its page
    assert 'src="../../innovations/jawa-timur/foto.png"' in html  # a file beside the entry
    assert 'href="../x/"' in html


@pytest.mark.unit
def test_sanitize_is_idempotent() -> None:
    html = render_markdown("Teks <b>tebal</b> & <i>miring</i>\n\n| a |\n|---|\n| 1 |\n")
    assert sanitize(html) == html


# --- the cache ---------------------------------------------------------------------------------


@pytest.mark.unit
def test_cache_keeps_what_is_put_and_prunes_what_is_no_longer_used(tmp_path: Path) -> None:
    cache = BodyCache(tmp_path / "c" / "bodies.sqlite")
    satu, dua = cache_key("*satu*"), cache_key("*dua*")
    assert cache.get_many([satu, dua]) == {}
    cache.put_many([(satu, render.render_markdown("*satu*")), (dua, render.render_markdown("*dua*"))])
    assert cache.get_many([satu]) == {satu: "<p><em>satu</em></p>\n"}
    assert cache.prune([dua]) == 1
    assert set(cache.get_many([satu, dua])) == {dua}
    cache.close()
    again = BodyCache(tmp_path / "c" / "bodies.sqlite")  # persisted on disk
    assert again.get_many([dua]) == {dua: "<p><em>dua</em></p>\n"}


@pytest.mark.unit
def test_cache_key_depends_on_text_folder_and_renderer_version(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key("teks", "innovations/bali")
    assert key != cache_key("teks ", "innovations/bali")
    assert key != cache_key("teks", "innovations/aceh")  # relative links resolve differently
    monkeypatch.setattr(render, "RENDER_VERSION", "999")
    assert key != cache_key("teks", "innovations/bali")


@pytest.mark.unit
def test_an_unusable_cache_only_costs_time(tmp_path: Path) -> None:
    (tmp_path / "berkas").write_text("bukan folder")
    for cache in (BodyCache(tmp_path / "berkas" / "bodies.sqlite"), BodyCache(None)):
        cache.put_many([(cache_key("x"), "<p>x</p>\n")])  # nothing raised, nothing kept
        assert cache.get_many([cache_key("x")]) == {}
        assert cache.prune([]) == 0


def _table_sql(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT sql FROM sqlite_master WHERE name = 'bodies'").fetchone()[0]


@pytest.mark.unit
def test_the_cache_appends_its_rows_in_a_rowid_table(tmp_path: Path) -> None:
    # Issue 27: rows of 7.6 KB in a WITHOUT ROWID table cost 90-120 µs of CPU each to put (and
    # grew with the table); appended to a rowid table, with the key in an index, 35-47 µs.
    path = tmp_path / "bodies.sqlite"
    cache = BodyCache(path)
    items = [(cache_key(f"*{n}*"), render_markdown(f"*{n}*") * 500) for n in range(40)]
    cache.put_many(items)
    assert cache.get_many([k for k, _ in items]) == dict(items)
    cache.close()
    assert "WITHOUT ROWID" not in _table_sql(path).upper()
    with sqlite3.connect(path) as conn:
        plan = " ".join(row[-1] for row in conn.execute("EXPLAIN QUERY PLAN SELECT html FROM bodies WHERE key = 'x'"))
        keys = [row[0] for row in conn.execute("SELECT key FROM bodies ORDER BY rowid")]
    assert "USING INDEX" in plan  # the key is looked up, not scanned for
    assert keys == [k for k, _ in items]  # appended as put


OLD_SHAPES = ["CREATE TABLE bodies (key TEXT PRIMARY KEY, html TEXT NOT NULL) WITHOUT ROWID",
              "CREATE TABLE bodies (key TEXT PRIMARY KEY)", "CREATE TABLE bodies (x, y, z)"]


@pytest.mark.unit
@pytest.mark.parametrize("shape", OLD_SHAPES, ids=range(len(OLD_SHAPES)))
def test_a_cache_table_of_another_shape_is_made_anew_and_costs_only_time(tmp_path: Path, shape: str) -> None:
    path = tmp_path / "bodies.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(shape)
        if "html" in shape:
            conn.execute("INSERT INTO bodies VALUES (?, ?)", (cache_key("*lama*"), "<p>lama</p>\n"))
    first, second = BodyCache(path), BodyCache(path)  # two writers opening it at once
    assert first.get_many([cache_key("*lama*")]) == {}  # its bodies are rendered again
    assert second.get_many([cache_key("*lama*")]) == {}
    second.put_many([(cache_key("*baru*"), "<p>baru</p>\n")])
    assert first.get_many([cache_key("*baru*")]) == {cache_key("*baru*"): "<p>baru</p>\n"}
    assert first.prune([cache_key("*baru*")]) == 0
    first.close()
    second.close()
    assert "WITHOUT ROWID" not in _table_sql(path).upper()


@pytest.mark.unit
@pytest.mark.parametrize("damage", [b"", b"x" * 100, b"SQLite format 3\0" + b"\xff" * 4000])
def test_a_damaged_cache_file_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    path = tmp_path / "bodies.sqlite"
    BodyCache(path).put_many([(cache_key("x"), "<p>x</p>\n")])
    path.write_bytes(damage)
    for name in ("bodies.sqlite-wal", "bodies.sqlite-shm"):
        (tmp_path / name).unlink(missing_ok=True)
    cache = BodyCache(path)
    assert cache.get_many([cache_key("x")]) == {}
    cache.put_many([(cache_key("y"), "<p>y</p>\n")])  # nothing raised
    cache.prune([])
    cache.close()


# --- charts, escaping, the shell -----------------------------------------------------------------


@pytest.mark.unit
def test_charts_are_accessible_images_with_their_tables() -> None:
    from generator.pages.charts import data_table
    from generator.pages.html import templates

    grafik = templates().get_template("katalog/grafik.html").module
    bars = [Bar("Jawa <Timur>", 12, "../jelajahi/jawa-timur/"), Bar("Bali", 3)]
    html = str(grafik.grafik(bar_chart("g1", "Per provinsi", bars, caption="Sebaran.",
                                       table=data_table("Per provinsi", bars, "Provinsi"))))
    image = html[html.index('role="img"'): html.index("<figcaption>")]
    assert 'aria-label="Per provinsi. 2 kategori, total 15 inovasi. Terbanyak: Jawa &lt;Timur&gt;: 12; Bali: 3."' in image
    assert ">12</span>" in image and ">Jawa &lt;Timur&gt;</span>" in image  # values and labels as text
    assert "<a " not in image  # an image holds no link: the table has it
    assert '<th scope="row"><a href="../jelajahi/jawa-timur/">Jawa &lt;Timur&gt;</a></th><td>12</td>' in html
    years = str(grafik.grafik(column_chart("g2", "Per tahun", [Bar("2020", 1), Bar("2021", 0), Bar("2022", 4)],
                                           caption="Per tahun.")))
    assert years.count('class="katalog-grafik__kolom"') == 3 and ">2021</span>" in years
    levels = level_chart("g3", "Lencana", [("Kebaruan", [1, 2, 3, 4])], level_names=["L0", "L1", "L2", "L3"],
                         caption="Lencana.")
    assert "Kebaruan: 9 dari 10 minimal L1." in levels.label  # the first level's name, as given


@pytest.mark.unit
def test_json_in_script_is_escaped_like_jinja_tojson() -> None:
    text = json_script({"a": "</script><script>alert('x')&"})
    assert "<" not in text and ">" not in text and "&" not in text and "'" not in text
    assert json.loads(text) == {"a": "</script><script>alert('x')&"}


@pytest.mark.unit
def test_links_between_pages_are_relative() -> None:
    urls = Urls()
    assert urls.rel(urls.entry("b"), urls.entry("a")) == "../../inovasi/b/"
    assert urls.rel("", urls.entry("a")) == "../../"
    assert urls.rel(urls.listing("bali", 2), "") == "jelajahi/bali/2/"
    flat = Urls(use_directory_urls=False)
    assert flat.rel(flat.listing("bali"), flat.entry("a")) == "../jelajahi/bali/index.html"


@pytest.mark.unit
def test_shell_must_keep_its_placeholders() -> None:
    html = f"<title>{TOKENS['title']}</title><a href='/inovasi/{TOKENS['id']}/'>{TOKENS['content']}</a>"
    shell = Shell(html)
    assert shell.names == ["title", "id", "content"]
    with pytest.raises(ShellError):
        Shell("<title>no placeholders</title>")


@pytest.mark.site
def test_page_builders_do_not_import_mkdocs() -> None:
    script = (
        "import sys; sys.modules['mkdocs'] = None; sys.modules['material'] = None\n"
        "import generator.render, generator.pages.site, generator.pages.charts, generator.pages.writer\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material') and sys.modules[m]))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.strip() == "[]"


# --- bounded work, privacy, the policy in the cache key ---------------------------------------------

import time  # noqa: E402

MiB = 1 << 20


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


@pytest.mark.unit
@pytest.mark.parametrize(
    "body",
    [
        _fill("<div>", MiB), _fill("<span>", MiB), _fill("<blockquote>", MiB), _fill(">", MiB), _fill("- ", MiB),
        _fill("![", MiB),
        # within the size limits: what used to be quadratic or to blow up in the HTML parser
        "<div>" * 4000, "<span><div></span>" * 800,
        "".join(f"<b title={i}>" for i in range(31)) + "<p>x</p>" * 1200,  # re-opened formatting elements
        "> [a]: /u\nx\n" * 2000,  # markdown-it-py's reference rule in a lazy quote
        "![" * 2400,
    ],
    ids=["div-1MiB", "span-1MiB", "blockquote-1MiB", "md-quote-1MiB", "md-list-1MiB", "md-image-1MiB",
         "div-4000", "span-div-misnested", "formatting-reopened", "quoted-references", "md-image-limit"],
)
def test_bodies_that_used_to_take_minutes_render_in_bounded_time(body: str) -> None:
    started = time.perf_counter()
    html = render_markdown(body)
    problems = body_problems(body)
    elapsed = time.perf_counter() - started
    assert elapsed < 5, f"{elapsed:.1f}s"
    assert len(html) < 40 * len(body) and len(html) < 2 * MiB
    if "tidak ditampilkan" in html:  # refused: the page says so, and so does validation
        assert problems and "katalog-isi-ditolak" in html
        assert all(isinstance(line, int) and line >= 1 for line, _ in problems)


@pytest.mark.unit
def test_the_worst_body_within_the_limits_renders_quickly() -> None:
    body = "- - [x# " * (render.MAX_MARKUP_CHARS - 1)  # the slowest markdown-it-py pattern found
    # This process's CPU time, not the wall clock: about 0.35 s alone, and a wall clock read 2.3 s
    # once while other builds shared the two cores. A pattern gone quadratic takes minutes either way.
    started = time.process_time()
    html = render_markdown(body)
    assert time.process_time() - started < 2
    assert "tidak ditampilkan" not in html and body_problems(body) == []


@pytest.mark.unit
def test_body_problems_reports_depth_and_element_limits_with_lines() -> None:
    deep = "Pembuka\n\n" + "<div>" * (render.MAX_DEPTH + 5) + "\n"
    [(line, message)] = body_problems(deep)
    assert line == 3 and "terlalu dalam" in message
    assert "tidak ditampilkan" in render_markdown(deep)
    assert body_problems("<div>" * (render.MAX_DEPTH - 2) + "x" + "</div>" * (render.MAX_DEPTH - 2)) == []
    many = "a\n\n" + "".join(f"<b title={i}>" for i in range(20)) + "<p>x</p>" * 600  # b re-opened in each p
    [(line, message)] = body_problems(many)
    assert line == 3 and "terlalu banyak elemen" in message
    long = "x\n" * render.MAX_BODY_LINES
    [(line, message)] = body_problems(long)
    assert line == render.MAX_BODY_LINES + 1 and "baris" in message
    marked = "teks\n" + "*" * (render.MAX_MARKUP_CHARS + 1)
    [(line, message)] = body_problems(marked)
    assert line == 2 and "tanda format" in message


@pytest.mark.unit
def test_body_problems_is_fast_on_a_mebibyte() -> None:
    for body in (_fill("<div>", MiB), _fill("a\n", MiB), "x" * MiB):
        started = time.perf_counter()
        assert body_problems(body)
        assert time.perf_counter() - started < 1


@pytest.mark.unit
def test_offsite_images_become_links_and_are_reported() -> None:
    body = ("Judul\n\n![Papan](https://tracker.example/p.gif)\n\n"
            '<img src="https://tracker.example/q.gif">\n\n<img src="&#47;/tracker.example/r.gif" alt="r">\n\n'
            "![foto](foto.png)\n")
    html = render_markdown(body, "innovations/bali")
    assert "<img" in html and 'src="../../innovations/bali/foto.png"' in html  # in the repository: stays
    assert html.count("<img") == 1
    assert '<a href="https://tracker.example/p.gif" rel="noopener noreferrer nofollow">Papan</a>' in html
    assert '>https://tracker.example/q.gif</a>' in html
    assert '<a href="//tracker.example/r.gif" rel="noopener noreferrer nofollow">r</a>' in html
    problems = body_problems(body)
    assert [line for line, _ in problems] == [3, 5, 7]
    assert all(message.startswith("Gambar dari situs lain tidak ditampilkan") for _, message in problems)
    assert "repositori" in problems[0][1]
    # even HTML that skips the canonical pass keeps no off-site image
    assert "tracker" not in render._cleaner().clean('<img src="https://tracker.example/p.gif">')


@pytest.mark.unit
def test_disallowed_iframes_are_dropped_and_reported() -> None:
    body = ("Video:\n\n<iframe src=\"https://www.youtube.com/embed/x\"></iframe>\n\n"
            "<iframe src=\"https://evil.example/\"></iframe>\n\n<iframe></iframe>\n")
    assert "<iframe" not in render_markdown(body)
    problems = body_problems(body)
    assert [line for line, _ in problems] == [3, 5, 7]
    assert "youtube-nocookie.com" in problems[0][1] and "https://www.youtube.com/embed/x" in problems[0][1]
    ok = '<iframe src="https://player.vimeo.com/video/1" title="Profil"></iframe>\n'
    assert body_problems(ok) == [] and "<iframe" in render_markdown(ok)


@pytest.mark.unit
def test_iframe_attributes_are_ours_not_the_authors() -> None:
    html = render_markdown('<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Profil" width="560" '
                           'height="315" allow="camera; microphone; geolocation" referrerpolicy="unsafe-url" '
                           'sandbox="allow-top-navigation allow-forms" loading="eager" csp="x" name="n" '
                           'srcdoc="x"></iframe>\n')
    assert 'title="Profil"' in html and 'width="560"' in html and 'height="315"' in html
    assert f'allow="{render.IFRAME_ALLOW}"' in html and "camera" not in html
    assert f'referrerpolicy="{render.IFRAME_REFERRER}"' in html and "unsafe-url" not in html
    assert f'sandbox="{render.IFRAME_SANDBOX}"' in html and "allow-top-navigation" not in html
    assert 'loading="lazy"' in html and "eager" not in html
    assert "csp=" not in html and "name=" not in html and "srcdoc" not in html
    # nh3's filter holds even for HTML that skips the canonical pass
    raw = render._cleaner().clean('<iframe src="https://player.vimeo.com/video/1" allow="camera"></iframe>')
    assert "camera" not in raw


@pytest.mark.unit
def test_cache_key_depends_on_the_policy_and_the_library_versions(monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache_key("teks")
    render._fingerprint.cache_clear()
    monkeypatch.setattr(render, "MAX_DEPTH", render.MAX_DEPTH + 1)
    assert cache_key("teks") != key
    render._fingerprint.cache_clear()
    monkeypatch.setattr(render, "MAX_DEPTH", render.MAX_DEPTH - 1)
    monkeypatch.setattr(render, "_TAGS", render._TAGS | {"marquee"})
    assert cache_key("teks") != key
    render._fingerprint.cache_clear()
    monkeypatch.setattr(render, "_TAGS", render._TAGS - {"marquee"})
    assert cache_key("teks") == key
    render._fingerprint.cache_clear()
    real = render._version
    monkeypatch.setattr(render, "_version", lambda name: "0.0.1" if name == "nh3" else real(name))
    assert cache_key("teks") != key
    render._fingerprint.cache_clear()
    monkeypatch.undo()
    render._fingerprint.cache_clear()
    assert cache_key("teks") == key


@pytest.mark.unit
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["- ", "  ", "> ", "1. ", "*", "_", "[", "]", "(", ")", "`", "|", "x", "kata ", "\n",
                                 "\n\n", "#", "~", "&", "\t", "* ", "---"]), max_size=400))
def test_the_quick_path_of_body_problems_never_passes_what_the_full_check_refuses(pieces):
    # `_plainly_within_limits` lets most bodies skip rendering: it must be an upper bound.
    text = "".join(pieces)
    if render._plainly_within_limits(text):
        html, line_of = render._html_with_lines(text, "")
        render.canonical(html, lambda offset, message: pytest.fail(message))


@pytest.mark.unit
def test_bodies_of_the_bench_corpus_take_the_quick_path(tmp_path):
    from bench.corpus import generate

    paths = generate(tmp_path / "c", 60, seed=2)
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in paths]
    assert sum(map(render._plainly_within_limits, bodies)) >= 0.9 * len(bodies)


@pytest.mark.unit
def test_plain_bodies_render_the_same_without_the_html_rewrite(tmp_path) -> None:
    """Bodies with no `<` and no image skip `canonical` (render_markdown's fast path): their
    HTML is what the full path (canonical, then nh3) gives, byte for byte."""
    from bench.corpus import generate
    from generator import render
    from generator.loader import parse_text

    generate(tmp_path, 120, seed=3)
    plain = 0
    for path in sorted(tmp_path.rglob("*.md")):
        body = parse_text(path.read_text(encoding="utf-8"), str(path)).body
        if not render._plainly_within_limits(body):
            continue
        plain += 1
        html, _ = render._html_with_lines(body, "innovations/x")
        assert render.render_markdown(body, "innovations/x") == render.sanitize(html), path.name
    assert plain > 100
    # A body with markup the fast path must not take is still rewritten first.
    body = 'Teks <img src="https://elsewhere.example/x.png" alt="foto"> dan *miring*.'
    assert not render._plainly_within_limits(body)
    assert "<img" not in render.render_markdown(body) and 'href="https://elsewhere.example/x.png"' in \
        render.render_markdown(body)


_LINK_TEXTS = st.sampled_from(["laman resmi", "oss.go.id", "**oss.go.id**", "www.lapor.go.id", "`jdih.go.id`",
                               "https://a.go.id/x", "a\\.go\\.id", "lapor", "[dalam]", "e-KTP", "contoh.com"])
_ADDRESSES = st.sampled_from(["https://oss.go.id/", "https://phish.example/", "https://a.go.id@b.example/x",
                              "http://user:pw@c.example", "<https://oss.go.id>", "relatif/halaman.md", "#bagian"])


@pytest.mark.unit
@given(st.lists(st.tuples(_LINK_TEXTS, _ADDRESSES, st.sampled_from(["", "Teks biasa. ", "\n\n", " — "])),
                max_size=4))
def test_a_body_that_skips_rendering_has_no_link_problem_rendering_would_find(parts) -> None:
    # body_problems skips the renderer when the text alone shows no link can be wrong: that
    # shortcut may only ever be taken when rendering would report nothing about links.
    text = "".join(f"{before}[{words}]({address})" for words, address, before in parts) + "\n"
    if render._links_plainly_fine(text):
        found: list = []
        render._html_with_lines(text, "", problems=found)
        assert found == [], (text, found)


_WORD = st.sampled_from(["layanan", "Warga", "KTP-el", "12", "desa", "a_b", "x*y", "é", "&amp;", "&copy;", "\\*", "100%",
                         "`kode`", "**tebal**", "*miring*", "~~coret~~", "_garis_", "[teks](https://a.go.id/x)",
                         "[relatif](../x.md)", "[jangkar](#a)", "[surel](mailto:a@b.go.id)", "[kosong]()",
                         "[ref][r]", "https://a.go.id", "1.", "-", "#", ">", "|", "\\", "  ", "\t",
                         '[judul](https://a.go.id "Judul")', "&#39;", "&#x41;", "***keduanya***", "__tebal__",
                         "``a`b``", "snake_case_word", "*a **b** c*", "~~", "**", "+", "3)", "\\\n", "“kutip”"])
_LINE = st.lists(_WORD, min_size=1, max_size=8).map(" ".join)
_BLOCK = st.one_of(
    _LINE,
    _LINE.map(lambda t: "# " + t), _LINE.map(lambda t: "### " + t), _LINE.map(lambda t: t + "\n---"),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda ls: "\n".join("- " + x for x in ls)),
    st.lists(_LINE, min_size=1, max_size=3).map(lambda ls: "\n".join(f"{i}. {x}" for i, x in enumerate(ls, 1))),
    st.lists(_LINE, min_size=1, max_size=2).map(lambda ls: "- a\n" + "\n".join("  - " + x for x in ls)),
    _LINE.map(lambda t: "> " + t), _LINE.map(lambda t: "```\n" + t + "\n```"),
    st.lists(_LINE, min_size=1, max_size=2).map(lambda ls: "| a | b |\n|---|--:|\n" + "\n".join(f"| {x} | 1 |" for x in ls)),
    st.just("[r]: https://b.go.id/r"), st.just("[r]: relatif/r.pdf"), st.just("***"),
    _LINE.map(lambda t: "    " + t), _LINE.map(lambda t: "> > " + t), _LINE.map(lambda t: "+ " + t + "\n* " + t),
    _LINE.map(lambda t: "3. " + t + "\n4. " + t), _LINE.map(lambda t: t + "\n==="), st.just('[r]: https://b.go.id/r "Judul"'),
    _LINE.map(lambda t: "- " + t + "\n\n  " + t), _LINE.map(lambda t: "1. a\n   - " + t),
)


@pytest.mark.unit
@settings(max_examples=1500, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=8), st.sampled_from(["\n\n", "\n"]))
@example(["> > layanan", "> +"], "\n")  # a lazy line of the inner quote, within the outer one
@example(["| a | b |\n|---|--:|\n| layanan | 1 |", "3. layanan\n4. layanan"], "\n")  # a list right under a table
@example(["- > layanan", "+"], "\n")
def test_the_fast_renderer_gives_the_full_passes_html_byte_for_byte(blocks, joiner) -> None:
    # Entry bodies plainly within the limits, without HTML, lying links or relative links are
    # rendered by markdown-it's Rust port (render._fast_html); the pages must not change for it.
    text = joiner.join(blocks) + "\n"
    fast = render._fast_html(text)
    if fast is not None:
        assert fast == render._html_with_lines(text, "innovations/bali")[0], text


@pytest.mark.unit
def test_the_fast_renderer_takes_the_common_body_and_leaves_the_rest() -> None:
    plain = "## Latar\n\nWarga **desa** mengurus [KTP](https://a.go.id/ktp) di *balai*.\n\n- satu\n- dua\n"
    assert render._fast_html(plain) is not None
    for other in ("Lihat [berkas](dokumen/a.pdf).\n", "![foto](a.png)\n", "<b>tebal</b>\n",
                  "[lapor.go.id](https://phish.example/)\n", "[x](https://a@b.example/)\n"):
        assert render._fast_html(other) is None, other
