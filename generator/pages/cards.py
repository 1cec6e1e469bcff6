"""An entry in a list (home, province listings): title, agency, summary and the five levels."""

from __future__ import annotations

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import level_name
from ..text import truncate
from .context import SiteContext
from .html import e


def mini_badges(record: Record) -> str:
    """The five levels by their names ("Kebaruan bukti kuat"), the number for screen readers too."""
    a = record.assessment
    items = []
    for badge in a.kriteria.values():
        items.append(
            f'<li class="katalog-mini katalog-level-{badge.level}">'
            f'<span class="katalog-mini__label">{e(badge.label)}</span> '
            f'<span class="katalog-mini__nilai">{e(level_name(badge.key, badge.level))}</span>'
            f'<span class="katalog-sr"> (level {badge.level})</span></li>'
        )
    if a.lengkap:
        items.append('<li class="katalog-mini katalog-mini--lengkap">Lengkap</li>')
    return f'<ul class="katalog-minis" aria-label="Lencana kriteria, skor {a.skor}">{"".join(items)}</ul>'


def entry_card(record: Record, ctx: SiteContext, from_url: str, *, heading: str = "h3") -> str:
    entry = record.entry
    href = ctx.urls.rel(ctx.urls.entry(record.id), from_url)
    place = entry.wilayah.kabupaten_kota or v.label("provinsi", entry.wilayah.provinsi)
    facts = [
        e(entry.instansi.nama),
        e(place),
        e(v.label("tahapan", entry.tahapan)),
        f"mulai {entry.tanggal.mulai.year}",
    ]
    if entry.status == "berhenti":
        facts.append("berhenti")
    stale = ""
    if record.assessment.perlu_verifikasi_ulang:
        stale = ' <span class="katalog-tanda katalog-tanda--basi">Perlu verifikasi ulang</span>'
    return (
        f'<li class="katalog-kartu"><{heading} class="katalog-kartu__judul"><a href="{e(href)}">{e(entry.judul)}</a>'
        f"</{heading}>"
        f'<p class="katalog-kartu__fakta">{" · ".join(facts)}{stale}</p>'
        f'<p class="katalog-kartu__ringkasan">{e(truncate(entry.ringkasan, 240))}</p>'
        f"{mini_badges(record)}</li>"
    )


def entry_list(records: list[Record], ctx: SiteContext, from_url: str, *, heading: str = "h3") -> str:
    if not records:
        return '<p class="katalog-kosong">Belum ada inovasi.</p>'
    return '<ul class="katalog-kartu-daftar">' + "".join(
        entry_card(r, ctx, from_url, heading=heading) for r in records) + "</ul>"
