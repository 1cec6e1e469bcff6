"""The pages of the public site, as a list: where each lives, its title and how to build it.

Pure (no MkDocs): the adapter turns each `SitePage` into a generated MkDocs page and each
published entry into a page written from the entry shell. Entry pages are not listed here;
there are tens of thousands of them and they take their own path (`pages.writer`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from .. import exports
from .. import urls as urls_module
from .. import vocabulary as v
from ..urls import Urls
from . import contributing, home, listing, methodology, opendata, quality, queue, stats
from .context import SiteContext
from .entry import proposal_form
from .html import e
from .kept import Kept, Prints

HOME = "index.md"
BROWSE = "jelajahi/index.md"
STATISTICS = "statistik/index.md"
QUALITY = "statistik/kualitas-data/index.md"
QUEUE = "statistik/kualitas-data/antrean/index.md"
CRITERIA = f"{urls_module.CRITERIA}.md"
CONTRIBUTING = f"{urls_module.CONTRIBUTING}.md"
OPEN_DATA = "data-terbuka.md"

ERROR_PAGE = "galat-katalog.md"
"""Under `mkdocs serve`, the page that lists the catalogue's errors."""

INTROS: tuple[str, ...] = (HOME, STATISTICS, CRITERIA, OPEN_DATA, CONTRIBUTING)
"""The generated pages an authored page at the same source path introduces (its text comes
first, the generated part after it). Every other generated path is the catalogue's alone."""
MANY: tuple[str, ...] = (BROWSE, QUALITY)
"""Generated pages with a page per province below their folder (`jelajahi/<provinsi>/…`,
`statistik/kualitas-data/<provinsi>/`): the whole folder is the catalogue's."""


def generated_uris() -> tuple[str, ...]:
    """The source paths of the generated pages that exist in every site, whatever its entries."""
    return (HOME, BROWSE, STATISTICS, QUALITY, CRITERIA, CONTRIBUTING, OPEN_DATA)


NAV: tuple[tuple[str, str], ...] = (
    ("Beranda", HOME),
    ("Jelajahi", BROWSE),
    ("Statistik", STATISTICS),
    ("Kriteria", CRITERIA),
    ("Data Terbuka", OPEN_DATA),
    ("Kontribusi", CONTRIBUTING),
)
"""The site's navigation, in order: (title, source path). Every item is a page this module
generates (`site_pages` builds each one; a test holds the two together), so the adapter shows
all of them without a list of its own."""


@dataclass
class SitePage:
    uri: str  # the source path it pretends to have in the docs dir
    title: str  # plain text; becomes the page's h1 unless an authored page supplies one
    build: Callable[[], str]  # the generated HTML, placed after the page's h1 / authored intro
    description: str = ""
    wide: bool = False  # hide the table-of-contents column (wide tables)
    lastmod: date | None = None  # for the sitemap


def url_of(uri: str, urls: Urls) -> str:
    """The site URL MkDocs gives to a source path ("a/index.md" → "a/", "a/b.md" → "a/b/")."""
    path = uri[:-3] if uri.endswith(".md") else uri
    if path == "index":
        return ""
    if path.endswith("/index"):
        return urls.index(path[: -len("/index")])
    return urls.page(path)


def site_pages(ctx: SiteContext, *, per_page: int = 50, criteria_source: str | None = None,
               licence: exports.Licence = exports.DEFAULT_LICENCE, kept: Kept | None = None) -> list[SitePage]:
    """Every generated page. With `kept` (`pages.kept`), each page's HTML is kept by what it is
    made from, and a page whose inputs did not change since the build that kept it is not made
    again: its inputs are cheap (entries' fingerprints), its data and its rendering are not."""
    urls = ctx.urls
    prints = Prints(ctx, kept)

    def at(uri: str) -> str:
        return url_of(uri, urls)

    def keep(uri: str, build: Callable[[], str], inputs: Callable[[], Any] | None = None) -> Callable[[], str]:
        """`build`, kept by the page's source path and `inputs` (None: the catalogue's
        fingerprint; their value None: not kept)."""
        if kept is None:
            return build

        def kept_build() -> str:
            found = inputs() if inputs is not None else prints.catalogue()
            if found is None:
                return build()
            return kept.piece("halaman", [uri, found], build)

        return kept_build

    def none() -> str:
        return ""

    links = {"jelajahi": at(BROWSE), "statistik": at(STATISTICS), "kriteria": at(CRITERIA)}
    pages = [
        SitePage(HOME, ctx.site_name, keep(HOME, lambda: home.home_html(ctx, "", links)),
                 description="Katalog terbuka inovasi pelayanan publik Indonesia dengan lencana lima kriteria."),
        SitePage(BROWSE, "Jelajahi inovasi", keep(BROWSE, lambda: listing.browse_html(ctx, at(BROWSE))),
                 description="Jelajahi inovasi pelayanan publik menurut provinsi."),
        SitePage(STATISTICS, "Statistik", keep(STATISTICS, lambda: stats.statistics_html(ctx, at(STATISTICS), at(QUALITY))),
                 description="Statistik katalog inovasi: per tahun, provinsi, urusan dan lencana kriteria."),
        SitePage(CRITERIA, "Kriteria dan cara penilaian",
                 keep(CRITERIA, lambda: methodology.methodology_html(criteria_source, ctx.templates), none),
                 description="Cara menghitung lencana lima kriteria inovasi pelayanan publik."),
        SitePage(CONTRIBUTING, "Kontribusi", keep(CONTRIBUTING, lambda: contributing.contributing_html(
                 urls.rel(at(QUALITY), at(CONTRIBUTING)), ctx.templates, proposal_form(ctx.edit_base)), none),
                 description="Cara mengusulkan inovasi ke katalog: lewat formulir tanpa git, atau lewat pull request.",
                 wide=True),
        SitePage(OPEN_DATA, "Data Terbuka", keep(OPEN_DATA, lambda: opendata.open_data_html(ctx, at(OPEN_DATA), licence)),
                 description="Data katalog inovasi pelayanan publik dalam format terbuka: JSON, CSV, Atom, JSON Schema."),
    ]

    for page in listing.paginate(ctx, per_page):
        uri = (f"{urls.browse}/{page.provinsi}/index.md" if page.number == 1
               else f"{urls.browse}/{page.provinsi}/{page.number}.md")
        pages.append(SitePage(
            uri, page.title,
            keep(uri, _bind(listing.listing_html, page, ctx, at(uri)), _bind(_listing_inputs, page, prints)),
            description=f"Inovasi pelayanan publik dari {page.label}.",
            lastmod=max((r.entry.diperbarui for r in page.records), default=None),
        ))

    # The provinces with published entries, in the order of the catalogue (the reports' order):
    # known without counting anything, which is done only for a report that is not kept.
    provinces = list(dict.fromkeys(r.entry.wilayah.provinsi for r in ctx.published))
    by_provinsi = ctx.by_provinsi

    def province_inputs(slug: str) -> Callable[[], Any]:
        """A province's report or queue: its entries, and for each whether another entry
        replicates it (the quality report's transfer column reads it)."""
        def inputs() -> Any:
            found = prints.all_of(by_provinsi[slug])
            if found is None:
                return None
            return [found, [bool(ctx.catalogue.replicas_of(r.id)) for r in by_provinsi[slug]]]
        return inputs

    if kept is not None:
        kept.keep_facts(r.key for r in ctx.catalogue.records.values() if r.key)
    facts = (lambda record, make: kept.fact("kualitas", record, make)) if kept is not None else None
    report = _once(lambda: quality.tally(ctx, facts))
    province_uris = {slug: f"statistik/kualitas-data/{slug}.md" for slug in provinces}
    province_urls = {slug: at(uri) for slug, uri in province_uris.items()}
    pages.append(SitePage(QUALITY, "Kualitas data", keep(QUALITY, lambda: quality.quality_html(
                              report(), ctx, at(QUALITY), province_urls, queue_url=at(QUEUE))),
                          description="Bukti apa yang paling sering belum dicantumkan, per provinsi dan instansi.",
                          wide=True))
    for slug, uri in province_uris.items():
        pages.append(SitePage(
            uri, f"Kualitas data: {v.label('provinsi', slug)}",
            keep(uri, lambda slug=slug, uri=uri: quality.province_quality_html(
                report(), slug, ctx, at(uri), at(QUALITY), at(f"statistik/kualitas-data/antrean/{slug}.md")),
                province_inputs(slug)), wide=True))

    # The reviewers' queue: the whole catalogue's, then each province's (by agency).
    waiting = _once(lambda: queue.build_queue(ctx))
    queue_uris = {slug: f"statistik/kualitas-data/antrean/{slug}.md" for slug in provinces}
    queue_urls = {slug: at(uri) for slug, uri in queue_uris.items()}
    pages.append(SitePage(QUEUE, "Antrean verifikasi", keep(QUEUE, lambda: queue.queue_html(
                              waiting(), ctx, at(QUEUE), queue_urls, at(QUALITY))),
                          description="Entri yang menunggu verifikasi, per provinsi dan instansi.", wide=True))
    for slug, uri in queue_uris.items():
        pages.append(SitePage(
            uri, f"Antrean verifikasi: {v.label('provinsi', slug)}",
            keep(uri, lambda slug=slug, uri=uri: queue.province_queue_html(waiting(), slug, ctx, at(uri), at(QUEUE)),
                 province_inputs(slug)), wide=True))
    return pages


def _listing_inputs(page: listing.ListingPage, prints: Prints) -> Any:
    """What a listing page shows (`listing.listing_data`): its place among the province's pages
    and its entries."""
    found = prints.all_of(page.records)
    return None if found is None else [page.provinsi, page.number, page.pages, page.total, page.per_page, found]


T = TypeVar("T")


def _once(make: Callable[[], T]) -> Callable[[], T]:
    """`make()`, called the first time it is needed and only then."""
    done: list[T] = []

    def get() -> T:
        if not done:
            done.append(make())
        return done[0]

    return get


def _bind(fn: Callable[..., str], *args: object) -> Callable[[], str]:
    return lambda: fn(*args)


def error_page_html(messages: list[str], *, last_good: bool = True) -> str:
    """Shown under `mkdocs serve` when the catalogue has errors."""
    items = "".join(f"<li><code>{e(m)}</code></li>" for m in messages)
    shown = ("Situs menampilkan versi katalog terakhir yang valid sampai galat ini diperbaiki" if last_good
             else "Entri yang tidak valid tidak ditampilkan sampai galatnya diperbaiki")
    return (f"<p>Katalog memuat {len(messages)} galat. {shown}; <code>mkdocs build</code> akan gagal.</p>"
            f'<ol class="katalog-galat">{items}</ol>')
