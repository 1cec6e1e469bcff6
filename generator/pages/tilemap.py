"""The tile-grid map of the 38 provinces (home and statistics pages), as data for the template
`katalog/peta.html`.

No boundaries, no tiles from elsewhere, no JavaScript: each province is one equal square in a
grid, placed roughly where it lies (`vocab/petak-provinsi.yaml`, the one list of positions),
coloured by its number of innovations on a sequential scale with a legend. Colour is not the
only signal: the number is written on the tile, and each tile is a link to the province's
listing named "Jawa Timur, JI: 1.234 inovasi" (its name, then the code and number the tile shows;
a province without innovations has no listing, so its tile is text). Its name shows beside the
tile when the pointer is on it or the keyboard on its link, and the same numbers, with every code
and name, are in a table under the map.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace as NS

import yaml

from .. import vocabulary as v
from ..text import angka
from .charts import Row, Table, ink
from .context import SiteContext

PLACES = Path(__file__).resolve().parents[1] / "vocab" / "petak-provinsi.yaml"
EMPTY = "#f2f2f2"  # no innovation yet
SCALE = ("#dbe9f6", "#a3c8e6", "#6fa8d6", "#0b4f8a")
"""Light to dark blue as the number grows: more colour, more innovations (the badges' hue; no red,
which reads as a warning). The text on a tile is black or white, whichever contrasts more: at
least 7:1 on each of these (WCAG AAA)."""
NATIONAL = "nasional"


@dataclass(frozen=True)
class Place:
    slug: str
    kode: str  # ISO 3166-2:ID, written on the tile
    x: int  # column, 0 = left
    y: int  # row, 0 = top


@cache
def places() -> tuple[Place, ...]:
    """The tiles of `vocab/petak-provinsi.yaml`, in its order."""
    with open(PLACES, encoding="utf-8") as f:
        items = yaml.safe_load(f) or []
    out = []
    for item in items:
        x, y = item["x"], item["y"]
        if not (isinstance(x, int) and isinstance(y, int) and x >= 0 and y >= 0):
            raise ValueError(f"{PLACES.name}: {item['slug']}: x dan y harus bilangan bulat mulai 0")
        out.append(Place(str(item["slug"]), str(item["kode"]), x, y))
    return tuple(out)


def classes(values: list[int], n: int = len(SCALE)) -> list[tuple[int, int]]:
    """Up to `n` ranges (lowest, highest) splitting the non-zero values into groups of about equal
    size (quantiles): a few large provinces do not turn every other tile the lightest colour."""
    ranked = sorted(x for x in values if x > 0)
    if not ranked:
        return []
    tops: list[int] = []
    for i in range(1, n + 1):
        top = ranked[max(0, -(-i * len(ranked) // n) - 1)]
        if not tops or top > tops[-1]:
            tops.append(top)
    out, low = [], 1
    for top in tops:
        out.append((low, top))
        low = top + 1
    return out


def _range_text(low: int, high: int) -> str:
    return angka(low) if low == high else f"{angka(low)}–{angka(high)}"


def province_map(ctx: SiteContext, from_url: str, map_id: str, *, with_table: bool = True) -> NS:
    """What `katalog/peta.html`'s macro receives: the tiles, the legend, the central agencies'
    count and (unless another chart on the page carries the same numbers) the table."""
    counts = {slug: len(records) for slug, records in ctx.by_provinsi.items()}

    def href(slug: str) -> str | None:
        return ctx.urls.rel(ctx.urls.listing(slug), from_url) if counts.get(slug) else None

    ranges = classes([counts.get(p.slug, 0) for p in places()])
    scale = SCALE[len(SCALE) - len(ranges):] if ranges else ()  # few groups: the darker end

    def colour(n: int) -> str:
        for (low, high), fill in zip(ranges, scale, strict=True):
            if low <= n <= high:
                return fill
        return EMPTY

    columns, rows = max(p.x for p in places()) + 1, max(p.y for p in places()) + 1
    tiles = []
    for p in places():
        n = counts.get(p.slug, 0)
        fill = colour(n)
        # Where the tile's name shows: towards the map's middle, so it stays inside the map.
        tiles.append(NS(slug=p.slug, label=v.label("provinsi", p.slug), kode=p.kode, x=p.x, y=p.y,
                        nilai=n, href=href(p.slug), warna=fill, tinta=ink(fill),
                        kanan=p.x >= columns / 2, bawah=p.y >= rows - 2))
    legend = [NS(teks="0", warna=EMPTY, tinta=ink(EMPTY))]
    legend += [NS(teks=_range_text(low, high), warna=fill, tinta=ink(fill))
               for (low, high), fill in zip(ranges, scale, strict=True)]
    national = NS(label=v.label("provinsi", NATIONAL), nilai=counts.get(NATIONAL, 0), href=href(NATIONAL))
    return NS(
        id=map_id,
        judul="Peta jumlah inovasi per provinsi",
        petak=tiles,
        kolom=columns,
        baris=rows,
        contoh=max(tiles, key=lambda t: (t.nilai, t.label)),  # the codes explained by one example
        legenda=legend,
        nasional=national,
        tabel=province_table(ctx, from_url) if with_table else None,
    )


def province_counts(ctx: SiteContext, from_url: str) -> list[tuple[str, int, str | None]]:
    """(label, number, listing URL or None) of every province and the central agencies, the
    largest first."""
    out = []
    for slug, records in ctx.by_provinsi.items():
        href = ctx.urls.rel(ctx.urls.listing(slug), from_url) if records else None
        out.append((v.label("provinsi", slug), len(records), href))
    out.sort(key=lambda item: (-item[1], item[0]))
    return out


def province_table(ctx: SiteContext, from_url: str) -> Table:
    """Every province with its map code (the letters on its tile) and its number of innovations."""
    codes = {v.label("provinsi", p.slug): p.kode for p in places()}
    rows = tuple(Row(label, (codes.get(label, "–"), angka(n)), href)
                 for label, n, href in province_counts(ctx, from_url))
    return Table("Jumlah inovasi per provinsi", ("Provinsi", "Kode di peta", "Jumlah inovasi"), rows)
