"""The home page: the catalogue in numbers, the badges, the newest innovations, three charts."""

from __future__ import annotations

from ..catalogue import newest_first
from ..criteria import KEYS, LABELS
from ..text import angka
from .cards import entry_list
from .charts import bar_chart, column_chart
from .context import SiteContext
from .html import e
from .stats import badge_chart, figure, per_province, per_year

NEWEST = 6


def newest(ctx: SiteContext, n: int = NEWEST) -> list:
    """The innovations that started most recently (then the most recently verified)."""
    return newest_first(ctx.published, n)


def home_html(ctx: SiteContext, url: str, links: dict[str, str]) -> str:
    """`links`: page name → site URL of the pages the home points to (jelajahi, statistik, kriteria)."""
    records = ctx.published
    agencies = {r.entry.instansi.nama.casefold() for r in records}
    provinces = {r.entry.wilayah.provinsi for r in records}
    lengkap = sum(1 for r in records if r.assessment.lengkap)

    def href(name: str) -> str:
        return e(ctx.urls.rel(links[name], url))

    numbers = [
        (len(records), "inovasi diterbitkan"),
        (len(agencies), "instansi"),
        (len(provinces), "provinsi dan nasional"),
        (lengkap, "memenuhi kelima kriteria"),
    ]
    badge_items = "".join(
        f'<li><strong>{angka(sum(1 for r in records if r.assessment.kriteria[k].level >= 1))}</strong> '
        f"{e(LABELS[k])}</li>" for k in KEYS)
    return "".join([
        # A plain GET form: it opens Jelajahi with the query in the address, where the search
        # runs (with JavaScript off, Jelajahi still lists the provinces).
        f'<form class="katalog-cari-beranda" role="search" aria-label="Cari inovasi" action="{href("jelajahi")}" '
        'method="get"><label for="beranda-q">Cari inovasi</label><div class="katalog-cari-beranda__baris">'
        '<input id="beranda-q" name="q" type="search" autocomplete="off" '
        'placeholder="misalnya: antrean, KTP-el, stunting"><button type="submit" class="md-button md-button--primary">'
        "Cari</button></div></form>",
        '<section class="katalog-angka" aria-labelledby="dalam-angka"><h2 id="dalam-angka">Katalog dalam angka</h2>'
        '<ul class="katalog-angka__daftar">'
        + "".join(f"<li><strong>{angka(n)}</strong> {e(label)}</li>" for n, label in numbers)
        + "</ul></section>",
        '<section aria-labelledby="lencana"><h2 id="lencana">Lencana kriteria</h2>'
        "<p>Setiap inovasi dinilai pada lima kriteria inovasi pelayanan publik (Permen PANRB 30/2014), "
        f'level 0 sampai 3, dari bukti yang tercantum di entrinya. <a href="{href("kriteria")}">Cara penilaian</a>.</p>'
        '<p class="katalog-angka__sub">Jumlah inovasi yang meraih minimal level 1:</p>'
        f'<ul class="katalog-angka__daftar katalog-angka__daftar--kecil">{badge_items}</ul>',
        figure(badge_chart("beranda-lencana", records), "Sebaran level kelima lencana kriteria."),
        "</section>",
        '<section aria-labelledby="terbaru"><h2 id="terbaru">Inovasi terbaru</h2>'
        "<p>Menurut tanggal mulai.</p>",
        entry_list(newest(ctx), ctx, url),
        f'<p><a class="md-button" href="{href("jelajahi")}">Jelajahi semua inovasi</a></p></section>',
        '<section aria-labelledby="sebaran"><h2 id="sebaran">Sebaran</h2>',
        figure(column_chart("beranda-tahun", "Jumlah inovasi per tahun mulai", per_year(records)),
               "Jumlah inovasi menurut tahun mulai."),
        figure(bar_chart("beranda-provinsi", "Sepuluh provinsi dengan inovasi terbanyak",
                         per_province(ctx, url, top=10)),
               "Sepuluh provinsi dengan inovasi terbanyak."),
        f'<p><a href="{href("statistik")}">Statistik lengkap</a></p></section>',
    ])
