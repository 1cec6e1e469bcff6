"""Browsing without JavaScript: the province index and each province's paginated listing.

The markup is in templates a site's `custom_dir` may override: `katalog/jelajahi.html` (the
search form and the provinces), `katalog/daftar.html` (a province listing; cards:
`katalog/kartu.html`). Python builds the data each one shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace as NS

from .. import search
from .. import vocabulary as v
from ..catalogue import Record
from .cards import card_data, legend_data
from .context import SiteContext
from .html import render


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
        legenda=legend_data(ctx, url),
    )


def listing_html(page: ListingPage, ctx: SiteContext, url: str) -> str:
    return render(ctx.templates, LISTING, daftar=listing_data(page, ctx, url))


BROWSE = "katalog/jelajahi.html"


def browse_data(ctx: SiteContext, url: str) -> NS:
    """The Jelajahi page's data (template `katalog/jelajahi.html`): the search form's facets with
    their values present in the catalogue and the counts of the whole catalogue (shown until the
    visitor opens the filters, so the search loads no filter file before then), the sorts, and
    the provinces with their listings."""
    counts: dict[str, dict[str, int]] = {f.key: {} for f in search.facets()}
    for record in ctx.published:
        assert record.assessment is not None
        for key, values in search.filters_of(record, record.assessment).items():
            bucket = counts[key]
            for value in values:
                bucket[value] = bucket.get(value, 0) + 1
    facets = []
    for facet in search.facets():
        present = counts[facet.key]
        order = [k for k in facet.labels if k in present] if facet.labels else sorted(present, reverse=True)
        facets.append(NS(key=facet.key, label=facet.label,
                         pilihan=[NS(value=value, label=facet.labels.get(value, value), jumlah=present[value])
                                  for value in order]))
    provinces = [NS(label=v.label("provinsi", slug), jumlah=len(records),
                    href=ctx.urls.rel(ctx.urls.listing(slug), url) if records else None)
                 for slug, records in ctx.by_provinsi.items()]
    return NS(total=len(ctx.published), base=ctx.urls.rel("", url), tautan=ctx.urls.entry("{id}"),
              legenda=legend_data(ctx, url),
              skrip=ctx.urls.rel("assets/javascripts/jelajahi.js", url), penyaring=facets,
              urutan=[NS(value=k, label=label) for k, label in search.SORTS.items()], provinsi=provinces)


def browse_html(ctx: SiteContext, url: str) -> str:
    """The Jelajahi page: search with facets (the site's own index; needs JavaScript), then the provinces."""
    return render(ctx.templates, BROWSE, jelajahi=browse_data(ctx, url))
