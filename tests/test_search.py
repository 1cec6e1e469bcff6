"""Search records: what Pagefind indexes of each entry (`generator.search`), escaped and complete."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest

from generator import search
from generator.catalogue import load_catalogue

EVIL = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


@pytest.fixture
def records(h, catalogue_dir: Path):
    h.write_entry(catalogue_dir, "jawa-timur", "biasa", kata_kunci="\n  - antrean\n  - KTP-el")
    h.write_entry(catalogue_dir, "bali", "jahat", judul=f"'Judul {EVIL}'", ringkasan=f"'Ringkasan {EVIL} yang panjang'",
                  instansi=f"\n  nama: 'Dinas {EVIL}'\n  jenis: pemkab")
    catalogue = load_catalogue(catalogue_dir / "innovations", today=h.TODAY, jobs=1)
    assert catalogue.ok, [d.format() for d in catalogue.diagnostics]
    return catalogue.records


def test_a_stub_holds_text_facets_sort_keys_and_the_page_link(records):
    html = search.stub_page(records["biasa"])
    # What a result shows besides its title and excerpt, as one short meta field (Pagefind's
    # memory follows the meta's length): agency, place, score, complete.
    info = json.loads(unescape(re.search(r'<span data-pagefind-meta="info">([^<]*)</span>', html).group(1)))
    entry = records["biasa"].entry
    assert info == [entry.instansi.nama, entry.wilayah.kabupaten_kota or "Jawa Timur",
                    records["biasa"].assessment.skor, False]
    assert html.count("data-pagefind-meta=") == 2  # and the title
    # The excerpt of a result starts with the ringkasan: it comes first in the body.
    assert html.index(f"<p>{entry.ringkasan}</p>") < html.index("<h1>")
    assert '<span data-pagefind-filter="provinsi">jawa-timur</span>' in html
    assert '<span data-pagefind-filter="kebaruan">0</span>' in html
    assert '<span data-pagefind-sort="mulai">2020-01-15</span>' in html
    assert "antrean KTP-el" in html  # keywords are searchable text
    assert '<html lang="id">' in html and "data-pagefind-body" in html


def test_everything_from_the_entry_is_escaped(records):
    html = search.stub_page(records["jahat"])
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img" in html
    # Only our own tags: html, head, meta, title, body, main, h1, p, div, span.
    assert set(re.findall(r"<([a-z0-9]+)", html)) <= {"html", "head", "meta", "title", "body", "main", "h1", "p", "div",
                                                     "span"}


def test_every_facet_the_page_offers_is_in_every_record(records):
    keys = [facet.key for facet in search.facets()]
    for record in records.values():
        assert list(search.filters_of(record, record.assessment)) == keys


def test_a_failing_pagefind_is_a_clear_error(records, tmp_path):
    with pytest.raises(search.SearchIndexError, match="Pagefind tidak dapat dijalankan"):
        search.build_index(records.values(), str(tmp_path), executable=str(tmp_path / "tidak-ada"))
    with pytest.raises(search.SearchIndexError, match=r"Pagefind gagal \(kode 1\)"):
        search.build_index(records.values(), str(tmp_path), executable="/bin/false")
