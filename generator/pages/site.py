"""The pages of the public site, as a list: where each lives, its title and how to build it.

Pure (no MkDocs): the adapter turns each `SitePage` into a generated MkDocs page and each
published entry into a page written from the entry shell. Entry pages are not listed here;
there are tens of thousands of them and they take their own path (`pages.writer`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from .. import exports
from .. import urls as urls_module
from .. import vocabulary as v
from ..urls import Urls
from . import contributing, home, listing, methodology, opendata, quality, queue, stats
from .context import SiteContext
from .entry import proposal_form
from .html import e

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
               licence: exports.Licence = exports.DEFAULT_LICENCE) -> list[SitePage]:
    urls = ctx.urls

    def at(uri: str) -> str:
        return url_of(uri, urls)

    links = {"jelajahi": at(BROWSE), "statistik": at(STATISTICS), "kriteria": at(CRITERIA)}
    pages = [
        SitePage(HOME, ctx.site_name, lambda: home.home_html(ctx, "", links),
                 description="Katalog terbuka inovasi pelayanan publik Indonesia dengan lencana lima kriteria."),
        SitePage(BROWSE, "Jelajahi inovasi", lambda: listing.browse_html(ctx, at(BROWSE)),
                 description="Jelajahi inovasi pelayanan publik menurut provinsi."),
        SitePage(STATISTICS, "Statistik", lambda: stats.statistics_html(ctx, at(STATISTICS), at(QUALITY)),
                 description="Statistik katalog inovasi: per tahun, provinsi, urusan dan lencana kriteria."),
        SitePage(CRITERIA, "Kriteria dan cara penilaian", lambda: methodology.methodology_html(criteria_source, ctx.templates),
                 description="Cara menghitung lencana lima kriteria inovasi pelayanan publik."),
        SitePage(CONTRIBUTING, "Kontribusi", lambda: contributing.contributing_html(
                 urls.rel(at(QUALITY), at(CONTRIBUTING)), ctx.templates, proposal_form(ctx.edit_base)),
                 description="Cara mengusulkan inovasi ke katalog: lewat formulir tanpa git, atau lewat pull request.",
                 wide=True),
        SitePage(OPEN_DATA, "Data Terbuka", lambda: opendata.open_data_html(ctx, at(OPEN_DATA), licence),
                 description="Data katalog inovasi pelayanan publik dalam format terbuka: JSON, CSV, Atom, JSON Schema."),
    ]

    for page in listing.paginate(ctx, per_page):
        uri = (f"{urls.browse}/{page.provinsi}/index.md" if page.number == 1
               else f"{urls.browse}/{page.provinsi}/{page.number}.md")
        pages.append(SitePage(
            uri, page.title, _bind(listing.listing_html, page, ctx, at(uri)),
            description=f"Inovasi pelayanan publik dari {page.label}.",
            lastmod=max((r.entry.diperbarui for r in page.records), default=None),
        ))

    report = quality.tally(ctx)
    province_uris = {slug: f"statistik/kualitas-data/{slug}.md" for slug in report.provinces}
    province_urls = {slug: at(uri) for slug, uri in province_uris.items()}
    pages.append(SitePage(QUALITY, "Kualitas data", lambda: quality.quality_html(
                              report, ctx, at(QUALITY), province_urls, queue_url=at(QUEUE)),
                          description="Bukti apa yang paling sering belum dicantumkan, per provinsi dan instansi.",
                          wide=True))
    for slug, uri in province_uris.items():
        pages.append(SitePage(
            uri, f"Kualitas data: {v.label('provinsi', slug)}",
            _bind(quality.province_quality_html, report, slug, ctx, at(uri), at(QUALITY),
                  at(f"statistik/kualitas-data/antrean/{slug}.md")), wide=True))

    # The reviewers' queue: the whole catalogue's, then each province's (by agency).
    waiting = queue.build_queue(ctx)
    queue_uris = {slug: f"statistik/kualitas-data/antrean/{slug}.md" for slug in waiting.provinces}
    queue_urls = {slug: at(uri) for slug, uri in queue_uris.items()}
    pages.append(SitePage(QUEUE, "Antrean verifikasi", lambda: queue.queue_html(
                              waiting, ctx, at(QUEUE), queue_urls, at(QUALITY)),
                          description="Entri yang menunggu verifikasi, per provinsi dan instansi.", wide=True))
    for slug, uri in queue_uris.items():
        pages.append(SitePage(
            uri, f"Antrean verifikasi: {v.label('provinsi', slug)}",
            _bind(queue.province_queue_html, waiting, slug, ctx, at(uri), at(QUEUE)), wide=True))
    return pages


def _bind(fn: Callable[..., str], *args: object) -> Callable[[], str]:
    return lambda: fn(*args)


def error_page_html(messages: list[str], *, last_good: bool = True) -> str:
    """Shown under `mkdocs serve` when the catalogue has errors."""
    items = "".join(f"<li><code>{e(m)}</code></li>" for m in messages)
    shown = ("Situs menampilkan versi katalog terakhir yang valid sampai galat ini diperbaiki" if last_good
             else "Entri yang tidak valid tidak ditampilkan sampai galatnya diperbaiki")
    return (f"<p>Katalog memuat {len(messages)} galat. {shown}; <code>mkdocs build</code> akan gagal.</p>"
            f'<ol class="katalog-galat">{items}</ol>')
