"""Static SVG charts, drawn at build time: readable without JavaScript and by screen readers.

Each chart is an inline <svg role="img"> (role="group" when its labels are links) whose <title> names it and whose <desc> says what it
shows in a sentence (the largest values); every bar carries its label and its value as text, so
nothing is told by colour alone. The page builders put the full numbers in a table next to it.

Sizes are in a fixed viewBox and the SVG scales to the column width. Colours come from CSS
classes (theme/assets/stylesheets/katalog.css) with attribute fallbacks.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..criteria import RULES
from ..text import angka

WIDTH = 720
ROW = 26
BAR = 18
LABEL_WIDTH = 290
VALUE_WIDTH = 70
FONT = 13
LEVEL_FILLS = RULES.level_colours  # level 0..max, light to dark: the criteria table


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    href: str | None = None  # a link for the bar's label (e.g. the province listing)


def _frame(chart_id: str, title: str, desc: str, height: int, body: str, *, links: bool = False) -> str:
    # A chart is an image to assistive technology, unless it holds links: an image has no
    # interactive parts (axe: nested-interactive), so such a chart is a named group.
    role = "group" if links else "img"
    return (
        f'<svg class="katalog-grafik" viewBox="0 0 {WIDTH} {height}" width="100%" role="{role}" '
        f'aria-labelledby="{chart_id}-t {chart_id}-d" preserveAspectRatio="xMinYMin meet" '
        f'font-size="{FONT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-t">{_e(title)}</title><desc id="{chart_id}-d">{_e(desc)}</desc>{body}</svg>'
    )


def summarise(bars: Sequence[Bar], unit: str = "inovasi", top: int = 3) -> str:
    """A sentence naming the largest values, for <desc>."""
    if not bars:
        return "Belum ada data."
    ranked = sorted(bars, key=lambda b: (-b.value, b.label))[:top]
    total = sum(b.value for b in bars)
    shown = "; ".join(f"{b.label}: {angka(b.value)}" for b in ranked)
    return f"{len(bars)} kategori, total {angka(total)} {unit}. Terbanyak: {shown}."


def bar_chart(chart_id: str, title: str, bars: Sequence[Bar], *, unit: str = "inovasi", desc: str | None = None) -> str:
    """Horizontal bars, one row per category, label left and value right of the bar."""
    top = 4
    height = top + ROW * max(1, len(bars)) + 4
    peak = max((b.value for b in bars), default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH - 10
    labels, titles, shapes = [], [], []
    for i, b in enumerate(bars):
        y = top + i * ROW
        w = max(1.0, span * b.value / peak) if b.value else 0
        label = _e(_fit(b.label, 40))
        if b.href:
            labels.append(f'<a href="{_e(b.href)}"><text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" '
                          f'class="katalog-grafik__label katalog-grafik__tautan">{label}</text></a>')
        else:
            labels.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" '
                          f'class="katalog-grafik__label">{label}</text>')
        titles.append(f"<title>{_e(b.label)}: {_e(angka(b.value))} {_e(unit)}</title>")
        shapes.append(
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{w:.1f}" height="{BAR}" rx="2" '
            f'class="katalog-grafik__batang" fill="#b3261e"/>'
            f'<text x="{LABEL_WIDTH + w + 6:.1f}" y="{y + BAR - 4}" class="katalog-grafik__nilai">'
            f"{_e(angka(b.value))}</text>"
        )
    summary = desc or summarise(bars, unit)
    if not any(b.href for b in bars):  # one image: each row its label, bar and value
        body = "".join(f"<g>{t}{lab}{shape}</g>" for t, lab, shape in zip(titles, labels, shapes, strict=True))
        return _frame(chart_id, title, summary, height, body)
    # Labels that are links stay outside the image (an image has no interactive parts, WCAG
    # 4.1.2): the chart is a group of the links and, as one image, the bars with their values.
    values = "; ".join(f"{b.label}: {angka(b.value)}" for b in bars)
    bars_html = "".join(f"<g>{t}{shape}</g>" for t, shape in zip(titles, shapes, strict=True))
    return _frame(chart_id, title, summary, height,
                  "".join(labels) + f'<g role="img" aria-label="{_e(values)} {_e(unit)}">{bars_html}</g>', links=True)


def column_chart(chart_id: str, title: str, bars: Sequence[Bar], *, unit: str = "inovasi",
                 desc: str | None = None) -> str:
    """Vertical columns along a time axis (years); every column labelled, values above."""
    height = 240
    base = height - 28
    top = 22
    n = max(1, len(bars))
    slot = (WIDTH - 20) / n
    width = max(4.0, min(48.0, slot * 0.7))
    peak = max((b.value for b in bars), default=0) or 1
    every = 1 if n <= 24 else (2 if n <= 48 else 5)
    cols = [f'<line x1="10" y1="{base}" x2="{WIDTH - 10}" y2="{base}" class="katalog-grafik__sumbu" stroke="#767676"/>']
    for i, b in enumerate(bars):
        cx = 10 + slot * i + slot / 2
        h = (base - top) * b.value / peak
        value = (f'<text x="{cx:.1f}" y="{base - h - 4:.1f}" text-anchor="middle" class="katalog-grafik__nilai">'
                 f"{_e(angka(b.value))}</text>") if b.value and (n <= 24 or b.value == peak) else ""
        label = (f'<text x="{cx:.1f}" y="{base + 16}" text-anchor="middle" class="katalog-grafik__label">'
                 f"{_e(b.label)}</text>") if i % every == 0 or i == n - 1 else ""
        cols.append(
            f'<g><title>{_e(b.label)}: {_e(angka(b.value))} {_e(unit)}</title>'
            f'<rect x="{cx - width / 2:.1f}" y="{base - h:.1f}" width="{width:.1f}" height="{h:.1f}" '
            f'class="katalog-grafik__batang" fill="#b3261e"/>{value}{label}</g>'
        )
    return _frame(chart_id, title, desc or summarise(bars, unit), height, "".join(cols))


def level_chart(chart_id: str, title: str, rows: Sequence[tuple[str, Sequence[int]]], *,
                level_names: Sequence[str]) -> str:
    """One stacked bar per criterion: how many entries reach each level (0..3), as shares.

    Each segment is labelled with its count when wide enough, and a legend names the levels
    (patterned by lightness, not hue, and always with text)."""
    legend_h = 30
    top = legend_h + 6
    height = top + ROW * max(1, len(rows)) + 4
    span = WIDTH - LABEL_WIDTH - 20
    parts = []
    x = LABEL_WIDTH
    for level, name in enumerate(level_names):
        parts.append(f'<rect x="{x}" y="6" width="14" height="14" class="katalog-level-isi-{level}" '
                     f'fill="{LEVEL_FILLS[level]}" stroke="#555" stroke-width="0.5"/>'
                     f'<text x="{x + 19}" y="18" class="katalog-grafik__label">{_e(name)}</text>')
        x += 19 + 9 * len(name) + 14
    sentences = []
    for i, (label, counts) in enumerate(rows):
        y = top + i * ROW
        total = sum(counts) or 1
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR - 4}" text-anchor="end" '
                     f'class="katalog-grafik__label">{_e(_fit(label, 34))}</text>')
        x = float(LABEL_WIDTH)
        for level, count in enumerate(counts):
            w = span * count / total
            if w <= 0:
                continue
            dark = level >= 2
            parts.append(
                f'<g><title>{_e(label)}, {_e(level_names[level])}: {_e(angka(count))} inovasi</title>'
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" class="katalog-level-isi-{level}" '
                f'fill="{LEVEL_FILLS[level]}"/>'
                + (f'<text x="{x + w / 2:.1f}" y="{y + BAR - 4}" text-anchor="middle" '
                   f'class="katalog-grafik__isi{" katalog-grafik__isi--gelap" if dark else ""}" '
                   f'fill="{"#fff" if dark else "#1a1a1a"}">{_e(angka(count))}</text>'
                   if w >= 9 * len(angka(count)) + 6 else "")
                + "</g>"
            )
            x += w
        earned = sum(counts[1:])
        sentences.append(f"{label}: {angka(earned)} dari {angka(sum(counts))} minimal level 1")
    desc = "; ".join(sentences) + "." if sentences else "Belum ada data."
    return _frame(chart_id, title, desc, height, "".join(parts))
