"""The methodology, data-quality, open-data and contributing pages are templates an adopter can
override (`theme/katalog/kriteria.html`, `kualitas.html`, `data-terbuka.html`, `kontribusi.html`):
a site's `custom_dir` holding a changed copy changes the built page, the pages it does not hold
stay ours, and the Python that builds their data writes no markup."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from helpers import EPOCH, EVIL, ROOT, article, build_with_theme, page, text_of

from generator.criteria import KEYS, LABELS
from generator.pages import contributing, html, methodology, opendata, quality

OURS = ROOT / "generator" / "theme"
MARKER = "Versi Kementerian Contoh"
PAGE_MODULES = ("methodology", "quality", "opendata", "contributing")
TEMPLATES = {
    methodology: "katalog/kriteria.html",
    quality: "katalog/kualitas.html",
    opendata: "katalog/data-terbuka.html",
    contributing: "katalog/kontribusi.html",
}


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


def adopter_theme(folder: Path) -> Path:
    """An adopter's custom_dir with its own methodology and data-quality pages: copies of ours
    with a line of its own after the header comment; the quality page also lists the criteria
    from the same data in a compact list of its own."""
    for name, extra in (
        ("katalog/kriteria.html",
         '<ol class="kementerian-kriteria">{% for c in kriteria.kriteria %}<li>{{ c.label }}</li>{% endfor %}</ol>\n'),
        ("katalog/kualitas.html", ""),
    ):
        source = (OURS / name).read_text(encoding="utf-8")
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        at = source.index("-#}") + len("-#}\n")
        target.write_text(source[:at] + f'<p class="kementerian">{MARKER}</p>\n' + extra + source[at:],
                          encoding="utf-8")
    return folder


def build(tmp: Path, h: Any, custom_dir: Path) -> Path:
    """test_templates' catalogue, its second entry from a regency (the quality report's rows)."""
    return build_with_theme(tmp, custom_dir, instansi="\n  nama: Pemerintah Kabupaten Blitar\n  jenis: pemkab")


@pytest.fixture(autouse=True)
def _clean(tmp_path: Path):
    yield
    shutil.rmtree(tmp_path / "site", ignore_errors=True)


@pytest.mark.site
def test_an_adopter_overrides_the_methodology_and_quality_pages(tmp_path: Path, h: Any) -> None:
    site = build(tmp_path, h, adopter_theme(tmp_path / "kementerian"))
    method = article(page(site, "kriteria"))
    mine = f'<p class="kementerian">{MARKER}</p>'
    assert mine in method
    # the adopter's own list, from the same data: the five criteria, in the table's order
    listed = re.search(r'<ol class="kementerian-kriteria">(.*?)</ol>', method).group(1)
    assert re.findall(r"<li>([^<]+)</li>", listed) == [LABELS[key] for key in KEYS]
    # ... and the rest of the copied template still renders ours: headings, ids, tables
    assert '<h2 id="aturan-umum">Aturan umum</h2>' in method and '<h2 id="dapat-ditransfer">' in method
    assert "Kebaruan: tingkat bukti dan syaratnya" in text_of(method)
    # the quality report and every province's report come from the one overridden template
    for url in ("statistik/kualitas-data", "statistik/kualitas-data/jawa-timur",
                "statistik/kualitas-data/nasional"):
        assert mine in article(page(site, url)), url
    quality_page = article(page(site, "statistik/kualitas-data"))
    assert '<h2 id="provinsi">Per provinsi</h2>' in quality_page
    assert "Pemerintah Kabupaten Blitar" in text_of(quality_page)
    # what the adopter did not override is ours
    for url in ("data-terbuka", "kontribusi", "inovasi/adminduk-keliling", "jelajahi/jawa-timur"):
        assert MARKER not in page(site, url), url
    assert "Berkas data terbuka" in page(site, "data-terbuka")
    assert '<h3 id="bidang">Kunci front matter</h3>' in page(site, "kontribusi")


@pytest.mark.site
def test_the_adopters_quality_page_escapes_agency_names(tmp_path: Path, h: Any) -> None:
    """Agency names come from entries: through the adopter's copy they are text, never markup."""
    site = build(tmp_path, h, adopter_theme(tmp_path / "kementerian"))
    for url in ("statistik/kualitas-data", "statistik/kualitas-data/nasional"):
        shown = page(site, url)
        assert MARKER in shown
        assert "<script>alert(" not in shown and "<img src=x" not in shown, url
        assert "Kementerian &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x" in shown, url
        assert f"Kementerian {EVIL}" in text_of(shown), url


@pytest.mark.site
def test_without_an_override_the_four_pages_are_ours(tmp_path: Path, h: Any) -> None:
    site = build(tmp_path, h, OURS)
    for url in ("kriteria", "statistik/kualitas-data", "data-terbuka", "kontribusi"):
        assert MARKER not in page(site, url), url
    assert "Halaman ini dibuat dari tabel kriteria" in text_of(article(page(site, "kriteria")))
    assert "Lisensi: " in text_of(article(page(site, "data-terbuka")))


@pytest.mark.site
def test_an_override_behind_a_renamed_field_fails_the_build(tmp_path: Path, h: Any) -> None:
    """A template naming a field the data lacks stops the build instead of printing nothing."""
    folder = tmp_path / "kementerian" / "katalog"
    folder.mkdir(parents=True)
    (folder / "data-terbuka.html").write_text("<p>{{ data.tidak_ada }}</p>\n", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError, match="tidak_ada"):
        build(tmp_path, h, tmp_path / "kementerian")


@pytest.mark.unit
def test_each_page_renders_its_template() -> None:
    """Each module names its template, and the template is in our theme."""
    for module, name in TEMPLATES.items():
        assert module.TEMPLATE == name
        assert (OURS / name).is_file(), name
    env = html.templates()
    for name in TEMPLATES.values():
        env.get_template(name)  # compiles


# --- no markup in the Python of these pages ------------------------------------------------------

_TAG = re.compile(r"<[A-Za-z/!]")


def markup_in(source: str) -> list[str]:
    """The string constants of a module's source (f-string parts included) that hold an HTML
    tag: `<` followed by a letter, `/` or `!`."""
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _TAG.search(node.value)]


@pytest.mark.unit
def test_the_check_finds_markup() -> None:
    assert markup_in('x = f"<p>{a}</p>"') == ["<p>", "</p>"]
    assert markup_in("def f():\n    return '<a href=\"x\">'") == ['<a href="x">']
    assert markup_in("x = 'a < b and 1<2'") == []


@pytest.mark.unit
@pytest.mark.parametrize("name", PAGE_MODULES)
def test_the_page_module_writes_no_markup(name: str) -> None:
    path = ROOT / "generator" / "pages" / f"{name}.py"
    assert markup_in(path.read_text(encoding="utf-8")) == [], path
