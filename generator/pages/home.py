"""The home page: the catalogue in numbers, the badges, the newest innovations, the map and a chart.

The markup is the template `katalog/beranda.html` (charts: `katalog/grafik.html`, map:
`katalog/peta.html`, cards: `katalog/kartu-daftar.html`), which a site's `custom_dir` may
override; here its data is built.
"""

from __future__ import annotations

from types import SimpleNamespace as NS

from ..catalogue import newest_first
from ..criteria import KEYS, LABELS
from ..urls import CONTRIBUTING
from .cards import card_data, legend_data
from .context import SiteContext
from .entry import proposal_form
from .html import render
from .stats import badge_chart, badge_table, level_counts, year_chart
from .tilemap import province_map

HOME = "katalog/beranda.html"
NEWEST = 6


def newest(ctx: SiteContext, n: int = NEWEST) -> list:
    """The innovations that started most recently (then the most recently verified)."""
    return newest_first(ctx.published, n)


def home_data(ctx: SiteContext, url: str, links: dict[str, str]) -> NS:
    """What `katalog/beranda.html` receives as `beranda`. `links`: page name → site URL of the
    pages the home points to (jelajahi, statistik, kriteria)."""
    records = ctx.published
    agencies: set[str] = set()
    provinces: set[str] = set()
    lengkap = 0
    for r in records:  # one pass for the counts
        agencies.add(r.entry.instansi.nama.casefold())
        provinces.add(r.entry.wilayah.provinsi)
        lengkap += r.assessment.lengkap
    levels = level_counts(records)
    return NS(
        usulan=NS(formulir=proposal_form(ctx.edit_base),
                  kontribusi_href=ctx.urls.rel(ctx.urls.page(CONTRIBUTING), url)),
        jelajahi_href=ctx.urls.rel(links["jelajahi"], url),
        statistik_href=ctx.urls.rel(links["statistik"], url),
        kriteria_href=ctx.urls.rel(links["kriteria"], url),
        angka=[
            NS(nilai=len(records), teks="inovasi diterbitkan"),
            NS(nilai=len(agencies), teks="instansi"),
            NS(nilai=len(provinces), teks="provinsi dan nasional"),
            NS(nilai=lengkap, teks="memenuhi kelima kriteria"),
        ],
        # entries that reach at least level 1, per criterion
        lencana=[NS(nilai=sum(levels[k][1:]), teks=LABELS[k]) for k in KEYS],
        grafik_lencana=badge_chart("beranda-lencana", records, table=badge_table(records, levels, lengkap),
                                   counts=levels),
        terbaru=[card_data(r, ctx, url) for r in newest(ctx)],
        legenda=legend_data(ctx, url),
        peta=province_map(ctx, url, "beranda-peta"),
        tahun=year_chart("beranda-tahun", records),
    )


def home_html(ctx: SiteContext, url: str, links: dict[str, str]) -> str:
    return render(ctx.templates, HOME, beranda=home_data(ctx, url, links))
