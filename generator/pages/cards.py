"""An entry in a list (home, province listings): title, agency, summary and the five levels.

The markup is the templates `katalog/kartu.html` (one card) and `katalog/kartu-daftar.html`
(the list), which a site's `custom_dir` may override; here each card's data is built.
"""

from __future__ import annotations

from types import SimpleNamespace as NS

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import DEFAULT_LEVEL_NAMES, level_name, score_text
from ..text import truncate
from ..urls import CRITERIA
from ..verification import short_text
from .context import SiteContext


def card_data(record: Record, ctx: SiteContext, from_url: str) -> NS:
    """What `katalog/kartu.html` receives as `kartu` (plain values: the template escapes them)."""
    entry = record.entry
    a = record.assessment
    facts = [
        entry.instansi.nama,
        entry.wilayah.kabupaten_kota or v.label("provinsi", entry.wilayah.provinsi),
        v.label("tahapan", entry.tahapan),
        f"mulai {entry.tanggal.mulai.year}",
    ]
    if entry.status == "berhenti":
        facts.append("berhenti")
    return NS(
        id=record.id,
        judul=entry.judul,
        href=ctx.urls.rel(ctx.urls.entry(record.id), from_url),
        fakta=facts,
        # Its place in the lifecycle, beside the badges: the same words search results show.
        siklus=NS(status=record.verifikasi.status, teks=short_text(record.verifikasi)),
        ringkasan=truncate(entry.ringkasan, 240),
        # The five levels by their names ("Efektif bukti kuat"), as the entry page's chips.
        lencana=[NS(kunci=b.key, label=b.label, level=b.level, nama=level_name(b.key, b.level))
                 for b in a.kriteria.values()],
        lengkap=a.lengkap,
        skor=score_text(a.skor),
    )


def legend_data(ctx: SiteContext, from_url: str) -> NS:
    """The legend above a list of cards (`legenda` of `katalog/kartu-daftar.html`): the level
    names of the criteria table, and the methodology page that explains them."""
    return NS(nama=DEFAULT_LEVEL_NAMES, href=ctx.urls.rel(ctx.urls.page(CRITERIA), from_url))
