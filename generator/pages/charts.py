"""Charts made at build time, as data for the templates `katalog/grafik.html` (HTML and CSS).

A chart is HTML text and CSS bars, not a scaled SVG: its labels and values keep the page's font
size on a phone (an SVG scaled to a 390 px screen shrank them to ~6 px), long labels wrap, and
nothing needs JavaScript. Each chart is one image to assistive technology (`role="img"`, named
by its title and a sentence with the largest values), so it holds no link; every chart comes
with its data as a real table (`Table`), where the links are.

Python builds the numbers (`Chart`, `Table`); the template writes the markup, which a site's
`custom_dir` may override.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import SimpleNamespace as NS

from ..criteria import RULES
from ..text import angka

LEVEL_FILLS = RULES.level_colours  # level 0..max, light to dark: the criteria table
SCROLL_FROM = 9
"""A column chart with this many columns or more is wider than a phone at a readable size: it
scrolls sideways inside a named, focusable region."""
TRACK_PX = 200
"""The narrowest track a stacked bar gets (a 390 px phone): a segment shows its count inside only
where the number fits at the chart's font size (the table has every number)."""
DIGIT_PX = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None  # where the label leads (e.g. the province listing): a link in the table


@dataclass(frozen=True)
class Row:
    """A table row: its header cell (linked when `href`), then the other cells as text."""
    label: str
    cells: tuple[str, ...]
    href: str | None = None


@dataclass(frozen=True)
class Table:
    caption: str
    columns: tuple[str, ...]  # the header row, first column included
    rows: tuple[Row, ...]
    foot: tuple[Row, ...] = ()
    kind: str = "angka"  # the box's modifier class: numbers right-aligned


@dataclass(frozen=True)
class Chart:
    id: str
    kind: str  # "batang" (horizontal bars), "kolom" (columns along time), "level" (stacked levels)
    title: str
    caption: str
    summary: str  # the sentence an image's name carries: how many, the total, the largest
    rows: tuple[NS, ...]
    legend: tuple[NS, ...] = ()
    table: Table | None = None  # shown in a "Tabel data" panel under the chart
    scroll: bool = False  # wider than a phone: scrolls sideways in a focusable region

    @property
    def label(self) -> str:
        """The image's accessible name."""
        return f"{self.title}. {self.summary}"


def _share(value: float, peak: float) -> str:
    return f"{value / peak:.4f}" if peak else "0"


def luminance(colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`."""
    value = colour.lstrip("#")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def ink(background: str) -> str:
    """Black or white, whichever reads better on `background` (either passes 4.5:1 on any colour
    where it wins)."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") else "#ffffff"


def summarise(bars: Sequence[Bar], unit: str = "inovasi", top: int = 3) -> str:
    """A sentence naming the largest values, for the chart's accessible name."""
    if not bars:
        return "Belum ada data."
    ranked = sorted(bars, key=lambda b: (-b.value, b.label))[:top]
    total = sum(b.value for b in bars)
    shown = "; ".join(f"{b.label}: {angka(b.value)}" for b in ranked)
    return f"{len(bars)} kategori, total {angka(total)} {unit}. Terbanyak: {shown}."


def data_table(caption: str, bars: Sequence[Bar], column: str, unit: str = "Jumlah inovasi") -> Table:
    return Table(caption, (column, unit), tuple(Row(b.label, (angka(b.value),), b.href) for b in bars))


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, caption: str, table: Table | None = None,
              unit: str = "inovasi") -> Chart:
    """Horizontal bars, one row per category: the label (wrapping when long), the bar, the value."""
    peak = max((b.value for b in bars), default=0)
    rows = tuple(NS(label=b.label, nilai=b.value, porsi=_share(b.value, peak)) for b in bars)
    return Chart(chart_id, "batang", title, caption, summarise(bars, unit), rows, table=table)


def column_chart(chart_id: str, title: str, bars: Sequence[Bar], *, caption: str, table: Table | None = None,
                 unit: str = "inovasi") -> Chart:
    """Columns along a time axis (years): every column labelled, its value above it."""
    peak = max((b.value for b in bars), default=0)
    rows = tuple(NS(label=b.label, nilai=b.value, porsi=_share(b.value, peak)) for b in bars)
    return Chart(chart_id, "kolom", title, caption, summarise(bars, unit), rows, table=table,
                 scroll=len(bars) >= SCROLL_FROM)


def level_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[int]]], *,
                level_names: Sequence[str], caption: str, table: Table | None = None,
                at_least: str | None = None) -> Chart:
    """One stacked bar per criterion: how many entries reach each level (0..3), as shares.

    A segment shows its count where the number fits; a legend names the levels (light to dark,
    and always in words)."""
    out, sentences = [], []
    first = at_least or level_names[1]  # the first level's name: "minimal bukti awal"
    for label, counts in rows:
        total = sum(counts)
        segments = []
        for level, count in enumerate(counts):
            if not count:
                continue
            share = count / total
            fill = LEVEL_FILLS[level]
            segments.append(NS(level=level, nama=level_names[level], nilai=count, porsi=f"{share:.4f}",
                               warna=fill, tinta=ink(fill),
                               tampil=share * TRACK_PX >= DIGIT_PX * len(angka(count)) + 8))
        out.append(NS(label=label, segmen=segments))
        sentences.append(f"{label}: {angka(sum(counts[1:]))} dari {angka(total)} minimal {first}")
    legend = tuple(NS(nama=name, warna=LEVEL_FILLS[level]) for level, name in enumerate(level_names))
    summary = "; ".join(sentences) + "." if sentences else "Belum ada data."
    return Chart(chart_id, "level", title, caption, summary, tuple(out), legend=legend, table=table)
