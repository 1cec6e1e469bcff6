"""Counting the catalogue for the home and statistics pages, and the charts that show it.

The statistics page's markup is the template `katalog/statistik.html` (charts:
`katalog/grafik.html`, map: `katalog/peta.html`), which a site's `custom_dir` may override;
here its data is built.
"""

from __future__ import annotations

from collections import Counter
from types import SimpleNamespace as NS

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import DEFAULT_LEVEL_NAMES, KEYS, LABELS, MAX_LEVEL
from ..text import angka, persen
from .charts import Bar, Chart, Row, Table, bar_chart, column_chart, data_table, level_chart
from .context import SiteContext
from .html import render
from .tilemap import province_counts, province_map, province_table

STATISTICS = "katalog/statistik.html"
LEVEL_NAMES = tuple(name[:1].upper() + name[1:] for name in DEFAULT_LEVEL_NAMES)
"""The levels as the chips and the filters name them (the criteria table): "Bukti kuat"."""
AT_LEAST_1 = f"Minimal {DEFAULT_LEVEL_NAMES[1]}"
"""The column of entries that reach the first level: "Minimal bukti awal"."""


def per_year(records: list[Record]) -> list[Bar]:
    """Entries by the year they started, every year in the range (gaps shown as 0)."""
    counts = Counter(r.entry.tanggal.mulai.year for r in records)
    if not counts:
        return []
    return [Bar(str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def per_province(ctx: SiteContext, from_url: str) -> list[Bar]:
    """Every province and the central agencies, the largest first (none left out: a province
    without innovations shows 0)."""
    return [Bar(label, n, href) for label, n, href in province_counts(ctx, from_url)]


def per_urusan(records: list[Record]) -> list[Bar]:
    counts = Counter(u for r in records for u in set(r.entry.urusan))
    bars = [Bar(v.label("urusan", slug), n) for slug, n in counts.items()]
    bars.sort(key=lambda b: (-b.value, b.label))
    return bars


def level_counts(records: list[Record]) -> dict[str, list[int]]:
    """Criterion → number of entries at level 0, 1, 2, 3."""
    out = {key: [0] * (MAX_LEVEL + 1) for key in KEYS}
    for r in records:
        for key, badge in r.assessment.kriteria.items():
            out[key][badge.level] += 1
    return out


def badge_table(records: list[Record], counts: dict[str, list[int]] | None = None,
                lengkap: int | None = None) -> Table:
    """`counts`, `lengkap`: `level_counts(records)` and the complete entries, when known."""
    counts = counts if counts is not None else level_counts(records)
    total = len(records)
    rows = []
    for key in KEYS:
        c = counts[key]
        earned = sum(c[1:])
        rows.append(Row(LABELS[key], (*(angka(n) for n in c), f"{angka(earned)} ({persen(earned, total)})")))
    if lengkap is None:
        lengkap = sum(1 for r in records if r.assessment.lengkap)
    foot = Row("Lengkap (kelima kriteria)", ("",) * (MAX_LEVEL + 1) + (f"{angka(lengkap)} ({persen(lengkap, total)})",))
    return Table("Jumlah inovasi per tingkat bukti lencana", ("Kriteria", *LEVEL_NAMES, AT_LEAST_1), tuple(rows),
                 foot=(foot,))


def badge_chart(chart_id: str, records: list[Record], *, table: Table | None = None,
                counts: dict[str, list[int]] | None = None) -> Chart:
    counts = counts if counts is not None else level_counts(records)
    return level_chart(chart_id, "Sebaran tingkat bukti lencana kriteria", [(LABELS[k], counts[k]) for k in KEYS],
                       level_names=LEVEL_NAMES, caption="Sebaran tingkat bukti kelima lencana kriteria.", table=table,
                       at_least=DEFAULT_LEVEL_NAMES[1])


def year_chart(chart_id: str, records: list[Record]) -> Chart:
    years = per_year(records)
    return column_chart(chart_id, "Jumlah inovasi per tahun mulai", years,
                        caption="Jumlah inovasi menurut tahun mulai.",
                        table=data_table("Jumlah inovasi per tahun mulai", years, "Tahun"))


def statistics_data(ctx: SiteContext, url: str, quality_url: str) -> NS:
    """What `katalog/statistik.html` receives as `statistik`."""
    records = ctx.published
    total = len(records)
    provinces = per_province(ctx, url)
    urusan = per_urusan(records)
    levels = level_counts(records)
    # One pass over the entries for the four small tables.
    tahapan, status, jenis, jenis_instansi = Counter(), Counter(), Counter(), Counter()
    for r in records:
        e = r.entry
        tahapan[e.tahapan] += 1
        status[e.status] += 1
        jenis[e.jenis] += 1
        jenis_instansi[e.instansi.jenis] += 1
    by = {
        "tahapan": ("Tahapan", tahapan),
        "status": ("Status", status),
        "jenis": ("Jenis", jenis),
        "jenis_instansi": ("Jenis instansi", jenis_instansi),
    }
    small = [Table(name, (name, "Jumlah", "Persen"),
                   tuple(Row(v.label(field, slug), (angka(counter.get(slug, 0)), persen(counter.get(slug, 0), total)))
                         for slug in v.ALL[field]))
             for field, (name, counter) in by.items()]
    return NS(
        total=total,
        tanggal=ctx.today,
        kualitas_href=ctx.urls.rel(quality_url, url),
        tahun=year_chart("grafik-tahun", records),
        peta=province_map(ctx, url, "peta-provinsi", with_table=False),  # the chart below has the table
        provinsi=bar_chart("grafik-provinsi", "Jumlah inovasi per provinsi", provinces,
                           caption="Jumlah inovasi per provinsi (termasuk instansi nasional).",
                           table=province_table(ctx, url)),
        urusan=bar_chart("grafik-urusan", "Jumlah inovasi per urusan pemerintahan", urusan,
                         caption="Jumlah inovasi per urusan (UU 23/2014).",
                         table=data_table("Jumlah inovasi per urusan", urusan, "Urusan")),
        lencana=badge_chart("grafik-lencana", records, counts=levels),
        lencana_tabel=badge_table(records, levels),  # shown open under the chart: it is the chart's table
        ciri=small,
    )


def statistics_html(ctx: SiteContext, url: str, quality_url: str) -> str:
    return render(ctx.templates, STATISTICS, statistik=statistics_data(ctx, url, quality_url))
