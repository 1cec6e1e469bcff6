"""Browsing without JavaScript: the province index and each province's paginated listing."""

from __future__ import annotations

from dataclasses import dataclass

from .. import vocabulary as v
from ..catalogue import Record
from .cards import entry_list
from .context import SiteContext
from .html import bilangan, e


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


def _pager(page: ListingPage, ctx: SiteContext, url: str) -> str:
    if page.pages <= 1:
        return ""

    def href(n: int) -> str:
        return e(ctx.urls.rel(ctx.urls.listing(page.provinsi, n), url))

    shown = sorted({1, page.pages, *range(max(1, page.number - 2), min(page.pages, page.number + 2) + 1)})
    items = []
    if page.number > 1:
        items.append(f'<li><a href="{href(page.number - 1)}" rel="prev">‹ Sebelumnya</a></li>')
    last = 0
    for n in shown:
        if n > last + 1:
            items.append('<li class="katalog-halaman__jeda" aria-hidden="true">…</li>')
        if n == page.number:
            items.append(f'<li><a aria-current="page" href="{href(n)}">{n}</a></li>')
        else:
            items.append(f'<li><a href="{href(n)}" aria-label="Halaman {n}">{n}</a></li>')
        last = n
    if page.number < page.pages:
        items.append(f'<li><a href="{href(page.number + 1)}" rel="next">Berikutnya ›</a></li>')
    return f'<nav class="katalog-halaman" aria-label="Halaman daftar"><ul>{"".join(items)}</ul></nav>'


def listing_html(page: ListingPage, ctx: SiteContext, url: str) -> str:
    offset = (page.number - 1) * page.per_page
    browse = e(ctx.urls.rel(ctx.urls.index(ctx.urls.browse), url))
    where = "instansi pusat (nasional)" if page.provinsi == "nasional" else f"Provinsi {e(page.label)}"
    return "".join([
        f'<p class="katalog-daftar__ringkas">{bilangan(page.total)} inovasi dari {where}, urut judul. '
        f"Menampilkan {bilangan(offset + 1)}–{bilangan(offset + len(page.records))}."
        f' <a href="{browse}">Semua provinsi</a>.</p>',
        _pager(page, ctx, url),
        entry_list(page.records, ctx, url, heading="h2"),
        _pager(page, ctx, url),
    ])


def browse_html(ctx: SiteContext, url: str) -> str:
    """The Jelajahi page: room for the search (a later step) and the provinces."""
    items = []
    for slug, records in ctx.by_provinsi.items():
        label = e(v.label("provinsi", slug))
        if records:
            href = e(ctx.urls.rel(ctx.urls.listing(slug), url))
            items.append(f'<li><a href="{href}">{label}</a> <span class="katalog-jumlah">{bilangan(len(records))}</span></li>')
        else:
            items.append(f'<li class="katalog-provinsi--kosong">{label} <span class="katalog-jumlah">0</span></li>')
    total = len(ctx.published)
    return "".join([
        '<div id="katalog-cari" class="katalog-cari" role="search" aria-label="Cari inovasi" hidden></div>',
        f"<p>{bilangan(total)} inovasi diterbitkan. Pencarian dan penyaring (provinsi, urusan, tahapan, "
        "lencana…) sedang disiapkan; sementara itu, jelajahi inovasi menurut provinsi. Setiap daftar dapat dibuka "
        "tanpa JavaScript.</p>",
        '<h2 id="provinsi">Menurut provinsi</h2>',
        f'<ul class="katalog-provinsi">{"".join(items)}</ul>',
    ])
