"""The short cuts that make an entry page cheaper to write (issue 27) give exactly what the plain
way gives: each is compared with the plain way over many inputs, hostile ones included. The site
as a whole is held byte for byte by `make identical`; these hold each short cut alone, on inputs
the corpus may never have."""

from __future__ import annotations

import os
import posixpath
import stat
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator import issueform
from generator import vocabulary as v
from generator.criteria import KEYS, MAX_LEVEL, TABLE, level_name, next_level
from generator.machinery import write_file
from generator.pages import entry, html

pytestmark = pytest.mark.unit
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "a&b=c#d?e", "' OR 1=1 --",
           "Layanan \u202eKTP\u202c", "\u0000\ud7ff\ufeff\U0001f600", "template=x", "%20%2F+", "  spasi  ", ""]


# --- imports of templates (html._Template) -------------------------------------------------------


class _Plain(html._Environment):
    """Our environment with Jinja's own template class: the plain way to compare with."""

    template_class = jinja2.Template


SOURCES = {
    "makro.html": "{% macro sapa(nama) %}Halo {{ nama }}{% if tamu is defined %} dan {{ tamu }}{% endif %}"
                  "{% endmacro %}{% set dari_makro = 'm' %}",
    "pakai.html": "{% import 'makro.html' as m %}{{ m.sapa(nama) }}|{{ m.dari_makro }}",
    "dengan.html": "{% import 'makro.html' as m with context %}{{ m.sapa(nama) }}",
    "dari.html": "{% from 'makro.html' import sapa %}{{ sapa(nama) }}",
    "sertakan.html": "{% include 'pakai.html' %}/{% import 'makro.html' as n %}{{ n.sapa('lagi') }}",
}


def _environments() -> list[jinja2.Environment]:
    return [cls(loader=jinja2.DictLoader(SOURCES), autoescape=True, undefined=jinja2.StrictUndefined,
                finalize=html._finalize) for cls in (_Plain, html._Environment)]


@pytest.mark.parametrize("name", sorted(set(SOURCES) - {"makro.html"}))
@pytest.mark.parametrize("own", [None, {}, {"tamu": "Bu <Ani>"}, {"tamu": "x", "lain": 1}])
@pytest.mark.parametrize("nama", HOSTILE[:4])
def test_an_import_renders_as_with_jinjas_own_template(name: str, own: dict[str, Any] | None, nama: str) -> None:
    """With and without globals of the importing template's own (which the imported one must
    see: then it is made anew, not taken from the cache), with context, `from … import`, and
    twice in a row (the cached module)."""
    outputs = []
    for env in _environments():
        env.globals["umum"] = 1
        template = env.get_template(name, globals=own)
        outputs.append([template.render(nama=nama) for _ in range(2)])
        env.globals["baru"] = 2  # a global added after the first render is seen as Jinja sees it
        outputs[-1].append(env.get_template(name, globals=own).render(nama=nama))
        imported = env.get_template("makro.html")
        imported.globals = dict(imported.globals)  # globals that are no ChainMap: the generic way
        outputs[-1].append(env.get_template(name, globals=own).render(nama=nama))
    assert outputs[0] == outputs[1]
    assert isinstance(html.templates(None).get_template(entry.ARTICLE), html._Template)


# --- a badge's words (entry._level_words) -------------------------------------------------------


def _plain_words(key: str, level: int, basis: str | None, kind: str | None) -> tuple[Any, ...]:
    """What `_badges_data` made for each badge before `_level_words` kept it."""
    ways, conditions = next_level(key, level, basis, kind)
    ways = ways[:1] + [entry._lower(w) for w in ways[1:]]
    conditions = [entry._lower(c) for c in conditions]
    naik = (level_name(key, level + 1), tuple(ways), tuple(conditions)) if ways else None
    return level_name(key, level), TABLE["kriteria"][key].get("keterangan", ""), naik


@pytest.mark.parametrize("key", KEYS)
def test_a_badges_words_are_the_criteria_tables_for_every_level_basis_and_kind(key: str) -> None:
    for level in range(MAX_LEVEL + 1):
        for basis in [None, *v.DASAR_MANFAAT, "tidak-ada"]:
            for kind in [None, *v.JENIS_KEBARUAN, "tidak-ada"]:
                b = basis if key == "bermanfaat" else None
                k = kind if key == "kebaruan" else None
                words = entry._level_words(key, level, b, k)
                assert words == _plain_words(key, level, b, k)
                # kept for every page, so nothing in it can be changed by one page's data
                assert words[2] is None or all(type(part) in (str, tuple) for part in words[2])


# --- the proposal link (entry._form_start) -------------------------------------------------------


def _plain_form(edit_base: str | None, **fields: str) -> str | None:
    if not edit_base or not edit_base.startswith("https://github.com/") or "/edit/" not in edit_base:
        return None
    repo = edit_base.split("/edit/", 1)[0]
    return f"{repo}/issues/new?{urlencode({'template': posixpath.basename(issueform.TEMPLATE_PATH), **fields})}"


BASES = [None, "", "https://github.com/o/r/edit/main/content/", "https://gitlab.com/o/r/-/edit/main/",
         "https://github.com/o/r/blob/main/", "https://github.com/o/r&x=<y>/edit/main/docs/",
         "http://github.com/o/r/edit/main/"]


@FAST
@given(st.sampled_from(BASES), st.text(), st.text(), st.sampled_from(["title", "template", "inovasi_asal", "a b"]))
@example(BASES[2], "Replikasi <script>alert(1)</script> & \"kutip\"", "x-1", "title")
@example(BASES[2], "", "", "template")
def test_the_proposal_link_is_urlencodes(edit_base: str | None, title: str, origin: str, field: str) -> None:
    for fields in ({}, {field: title}, {field: title, issueform.REPLICATES_FIELD: origin},
                   {issueform.REPLICATES_FIELD: origin, field: title}):
        assert entry.proposal_form(edit_base, **fields) == _plain_form(edit_base, **fields)


# --- the page file (machinery.write_file) -------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, 65_536, 3 * 1024 * 1024 + 7])
def test_a_page_file_is_written_as_open_wb_writes_it(tmp_path: Path, size: int) -> None:
    data = bytes((i * 7) % 256 for i in range(size))
    plain, ours = tmp_path / "plain.html", tmp_path / "ours.html"
    for path in (plain, ours):
        path.write_bytes(b"a longer file that was here before " * 4096)  # truncated, not overwritten in part
    with open(plain, "wb") as f:
        f.write(data)
    write_file(str(ours), data)
    assert ours.read_bytes() == data == plain.read_bytes()
    fresh_plain, fresh_ours = tmp_path / "baru-plain", tmp_path / "baru-ours"
    with open(fresh_plain, "wb") as f:
        f.write(data)
    write_file(str(fresh_ours), data)
    assert stat.S_IMODE(os.stat(fresh_ours).st_mode) == stat.S_IMODE(os.stat(fresh_plain).st_mode)
    assert fresh_ours.read_bytes() == data
    fd = os.open(fresh_ours, os.O_RDONLY)
    try:  # not left open: the process's descriptors are not spent, one per page
        assert os.fstat(fd).st_size == size
    finally:
        os.close(fd)
