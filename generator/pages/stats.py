"""Counting the catalogue for the home and statistics pages, and the charts that show it."""

from __future__ import annotations

from collections import Counter

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import KEYS, LABELS, MAX_LEVEL
from ..text import angka, persen, tanggal
from .charts import Bar, bar_chart, column_chart, level_chart
from .context import SiteContext
from .html import e, table_box

LEVEL_NAMES = tuple(["Level 0 (belum)"] + [f"Level {n}" for n in range(1, MAX_LEVEL + 1)])


def per_year(records: list[Record]) -> list[Bar]:
    """Entries by the year they started, every year in the range (gaps shown as 0)."""
    counts = Counter(r.entry.tanggal.mulai.year for r in records)
    if not counts:
        return []
    return [Bar(str(y), counts.get(y, 0)) for y in range(min(counts), max(counts) + 1)]


def per_province(ctx: SiteContext, from_url: str, *, top: int | None = None) -> list[Bar]:
    bars = [Bar(v.label("provinsi", slug), len(records), ctx.urls.rel(ctx.urls.listing(slug), from_url))
            for slug, records in ctx.by_provinsi.items() if records]
    bars.sort(key=lambda b: (-b.value, b.label))
    return bars[:top] if top else bars


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


def badge_chart(chart_id: str, records: list[Record]) -> str:
    counts = level_counts(records)
    return level_chart(chart_id, "Sebaran level lencana kriteria",
                       [(LABELS[k], counts[k]) for k in KEYS], level_names=LEVEL_NAMES)


def badge_table(records: list[Record]) -> str:
    counts = level_counts(records)
    total = len(records)
    head = "".join(f'<th scope="col">{e(name)}</th>' for name in LEVEL_NAMES)
    rows = []
    for key in KEYS:
        c = counts[key]
        earned = sum(c[1:])
        cells = "".join(f"<td>{angka(n)}</td>" for n in c)
        rows.append(f'<tr><th scope="row">{e(LABELS[key])}</th>{cells}<td>{angka(earned)} '
                    f"({persen(earned, total)})</td></tr>")
    lengkap = sum(1 for r in records if r.assessment.lengkap)
    return (table_box("Jumlah inovasi per level lencana", "angka") + "<table><caption>Jumlah inovasi per level lencana</caption>"
            f'<thead><tr><th scope="col">Kriteria</th>{head}<th scope="col">Minimal level 1</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody>"
            f'<tfoot><tr><th scope="row">Lengkap (kelima kriteria)</th><td colspan="{MAX_LEVEL + 1}"></td>'
            f"<td>{angka(lengkap)} ({persen(lengkap, total)})</td></tr></tfoot></table></div>")


def data_table(caption: str, bars: list[Bar], column: str, unit: str = "Jumlah inovasi") -> str:
    def name(b: Bar) -> str:
        return f'<a href="{e(b.href)}">{e(b.label)}</a>' if b.href else e(b.label)

    rows = "".join(f'<tr><th scope="row">{name(b)}</th><td>{angka(b.value)}</td></tr>' for b in bars)
    return (f'<details class="katalog-data"><summary>Tabel data: {e(caption)}</summary>'
            f'{table_box(caption, "angka")}<table><caption>{e(caption)}</caption>'
            f'<thead><tr><th scope="col">{e(column)}</th><th scope="col">{e(unit)}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div></details>")


def figure(chart: str, caption: str, table: str = "") -> str:
    return f'<figure class="katalog-gambar-grafik">{chart}<figcaption>{e(caption)}</figcaption></figure>{table}'


def statistics_html(ctx: SiteContext, url: str, quality_url: str) -> str:
    records = ctx.published
    total = len(records)
    years = per_year(records)
    provinces = per_province(ctx, url)
    urusan = per_urusan(records)
    by = {
        "tahapan": Counter(r.entry.tahapan for r in records),
        "status": Counter(r.entry.status for r in records),
        "jenis": Counter(r.entry.jenis for r in records),
        "jenis_instansi": Counter(r.entry.instansi.jenis for r in records),
    }
    names = {"tahapan": "Tahapan", "status": "Status", "jenis": "Jenis", "jenis_instansi": "Jenis instansi"}
    small = []
    for field, counter in by.items():
        rows = "".join(f'<tr><th scope="row">{e(v.label(field, slug))}</th><td>{angka(counter.get(slug, 0))}</td>'
                       f"<td>{persen(counter.get(slug, 0), total)}</td></tr>" for slug in v.ALL[field])
        small.append(f'{table_box(names[field], "angka")}<table><caption>{e(names[field])}</caption>'
                     f'<thead><tr><th scope="col">{e(names[field])}</th><th scope="col">Jumlah</th>'
                     f'<th scope="col">Persen</th></tr></thead><tbody>{rows}</tbody></table></div>')
    quality = ctx.urls.rel(quality_url, url)
    return "".join([
        f"<p>Angka di halaman ini dihitung dari {angka(total)} inovasi yang diterbitkan, "
        f"pada saat situs dibangun ({tanggal(ctx.today)}). Setiap grafik disertai tabel datanya. "
        f'Kelengkapan bukti per instansi ada di <a href="{e(quality)}">laporan kualitas data</a>.</p>',
        '<h2 id="per-tahun">Per tahun mulai</h2>',
        figure(column_chart("grafik-tahun", "Jumlah inovasi per tahun mulai", years),
               "Jumlah inovasi menurut tahun mulai.", data_table("inovasi per tahun mulai", years, "Tahun")),
        '<h2 id="per-provinsi">Per provinsi</h2>',
        figure(bar_chart("grafik-provinsi", "Jumlah inovasi per provinsi", provinces),
               "Jumlah inovasi per provinsi (termasuk instansi nasional).",
               data_table("inovasi per provinsi", provinces, "Provinsi")),
        '<h2 id="per-urusan">Per urusan pemerintahan</h2>',
        "<p>Satu inovasi dapat mencakup lebih dari satu urusan, sehingga jumlahnya dapat melebihi total.</p>",
        figure(bar_chart("grafik-urusan", "Jumlah inovasi per urusan pemerintahan", urusan),
               "Jumlah inovasi per urusan (UU 23/2014).", data_table("inovasi per urusan", urusan, "Urusan")),
        '<h2 id="per-lencana">Per lencana kriteria</h2>',
        figure(badge_chart("grafik-lencana", records), "Sebaran level kelima lencana kriteria."),
        badge_table(records),
        '<h2 id="per-ciri">Tahapan, status, jenis</h2>',
        '<div class="katalog-tabel-kecil">' + "".join(small) + "</div>",
    ])
