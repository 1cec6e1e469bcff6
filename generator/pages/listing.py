"""Browsing without JavaScript: the province index and each province's paginated listing.

A province listing's markup is the template `katalog/daftar.html` (cards: `katalog/kartu.html`),
which a site's `custom_dir` may override; the Jelajahi page and its search form are still
written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace as NS

from .. import search
from .. import vocabulary as v
from ..catalogue import Record
from ..text import angka
from .cards import card_data
from .context import SiteContext
from .html import e, render


@dataclass(frozen=True)
class ListingPage:
    provinsi: str
    number: int  # 1-based
    pages: int
    records: list[Record]
    total: int
    per_page: int

    @property
    def label(self) -> str:
        return v.label("provinsi", self.provinsi)

    @property
    def title(self) -> str:
        suffix = f" (halaman {self.number} dari {self.pages})" if self.pages > 1 else ""
        return f"{self.label}{suffix}"


def paginate(ctx: SiteContext, per_page: int) -> list[ListingPage]:
    out = []
    for slug, records in ctx.by_provinsi.items():
        if not records:
            continue
        pages = (len(records) + per_page - 1) // per_page
        for n in range(1, pages + 1):
            out.append(ListingPage(slug, n, pages, records[(n - 1) * per_page: n * per_page], len(records),
                                   per_page))
    return out


LISTING = "katalog/daftar.html"


def _pager(page: ListingPage, ctx: SiteContext, url: str) -> list[NS]:
    """The pager's items: previous, the first, the last and two either side of this page (with
    gaps between), next."""
    if page.pages <= 1:
        return []

    def item(kind: str, n: int) -> NS:
        return NS(jenis=kind, n=n, href=ctx.urls.rel(ctx.urls.listing(page.provinsi, n), url), kini=n == page.number)

    shown = sorted({1, page.pages, *range(max(1, page.number - 2), min(page.pages, page.number + 2) + 1)})
    items = []
    if page.number > 1:
        items.append(item("sebelumnya", page.number - 1))
    last = 0
    for n in shown:
        if n > last + 1:
            items.append(NS(jenis="jeda", n=None, href=None, kini=False))
        items.append(item("nomor", n))
        last = n
    if page.number < page.pages:
        items.append(item("berikutnya", page.number + 1))
    return items


def listing_data(page: ListingPage, ctx: SiteContext, url: str) -> NS:
    """What `katalog/daftar.html` receives as `daftar`."""
    offset = (page.number - 1) * page.per_page
    return NS(
        provinsi=page.provinsi,
        label=page.label,
        nasional=page.provinsi == "nasional",
        nomor=page.number,
        jumlah_halaman=page.pages,
        total=page.total,
        dari=offset + 1,
        sampai=offset + len(page.records),
        jelajahi_href=ctx.urls.rel(ctx.urls.index(ctx.urls.browse), url),
        halaman=_pager(page, ctx, url),
        kartu=[card_data(r, ctx, url) for r in page.records],
    )


def listing_html(page: ListingPage, ctx: SiteContext, url: str) -> str:
    return render(ctx.templates, LISTING, daftar=listing_data(page, ctx, url))


def browse_html(ctx: SiteContext, url: str) -> str:
    """The Jelajahi page: search with facets (Pagefind, needs JavaScript), then the provinces.

    The form is written here, hidden; the script shows it once the search bundle has loaded.
    Without JavaScript a visitor sees the province listings, which need none."""
    items = []
    for slug, records in ctx.by_provinsi.items():
        label = e(v.label("provinsi", slug))
        if records:
            href = e(ctx.urls.rel(ctx.urls.listing(slug), url))
            items.append(f'<li><a href="{href}">{label}</a> <span class="katalog-jumlah">{angka(len(records))}</span></li>')
        else:
            items.append(f'<li class="katalog-provinsi--kosong">{label} <span class="katalog-jumlah">0</span></li>')
    total = len(ctx.published)
    return "".join([
        search_form(ctx, url),
        f'<p class="katalog-cari__tanpa-js">{angka(total)} inovasi diterbitkan. Jelajahi menurut provinsi; '
        "setiap daftar dapat dibuka tanpa JavaScript.</p>",
        '<h2 id="provinsi">Menurut provinsi</h2>',
        f'<ul class="katalog-provinsi">{"".join(items)}</ul>',
    ])


def search_form(ctx: SiteContext, url: str) -> str:
    """The search form: a query, one select per facet (values present in the catalogue, with
    their counts) and the sort. Field names are the state kept in the page's query string."""
    counts: dict[str, dict[str, int]] = {f.key: {} for f in search.facets()}
    for record in ctx.published:
        assert record.assessment is not None
        for key, values in search.filters_of(record, record.assessment).items():
            bucket = counts[key]
            for value in values:
                bucket[value] = bucket.get(value, 0) + 1
    selects = []
    for facet in search.facets():
        present = counts[facet.key]
        order = [k for k in facet.labels if k in present] if facet.labels else sorted(present, reverse=True)
        options = "".join(f'<option value="{e(value)}" data-label="{e(facet.labels.get(value, value))}" '
                          f'data-count="{present[value]}">'
                          f"{e(facet.labels.get(value, value))} ({angka(present[value])})</option>"
                          for value in order)
        selects.append(
            f'<div class="katalog-cari__saring"><label for="cari-{e(facet.key)}">{e(facet.label)}</label>'
            f'<select id="cari-{e(facet.key)}" name="{e(facet.key)}"><option value="">Semua</option>{options}'
            "</select></div>")
    sorts = "".join(f'<option value="{e(k)}">{e(label)}</option>' for k, label in search.SORTS.items())
    base = ctx.urls.rel("", url)
    script = ctx.urls.rel("assets/javascripts/jelajahi.js", url)
    return (
        f'<div id="katalog-cari" class="katalog-cari" data-base="{e(base)}" hidden>'
        '<form role="search" aria-label="Cari inovasi" action="" method="get">'
        '<div class="katalog-cari__kata"><label for="cari-q">Kata kunci</label>'
        '<input id="cari-q" name="q" type="search" autocomplete="off" '
        'placeholder="misalnya: antrean, KTP-el, stunting"></div>'
        f'<details class="katalog-cari__penyaring"><summary>Penyaring</summary>'
        f'<div class="katalog-cari__kisi">{"".join(selects)}</div></details>'
        '<div class="katalog-cari__urut"><label for="cari-urut">Urutkan</label>'
        f'<select id="cari-urut" name="urut"><option value="">Paling sesuai (tanpa kata kunci: terbaru)</option>'
        f'{sorts}</select><button type="reset" class="md-button">Hapus semua</button></div>'
        "</form>"
        '<p class="katalog-cari__status" role="status" aria-live="polite" data-status></p>'
        '<h2 class="katalog-sr" id="hasil-cari">Hasil pencarian</h2>'  # results are h3: no gap in the outline
        '<ol class="katalog-cari__hasil" aria-labelledby="hasil-cari" data-hasil></ol>'
        '<button type="button" class="md-button" data-lagi hidden>Tampilkan lebih banyak</button>'
        "</div>"
        f'<script type="module" src="{e(script)}"></script>'
    )
