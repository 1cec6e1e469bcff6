"""The reviewers' queue: what waits for a verification, as pages of the data-quality report.

An entry waits when it was never verified, when its evidence changed since its verification,
when its verification expired, or when it expires soon (`verification.queue_kind`). The whole
catalogue's page counts them per province and names the agencies with the longest queues; each
province's page lists its entries by agency, so that a province's reviewers (a Hub JIPP) take
their share. The tables sort by any column in the browser (`urutkan.js`) and read in their
default order without it.

The markup is the template `katalog/antrean.html`; this module builds its data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from types import SimpleNamespace as NS

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import LIFECYCLE
from ..text import normalise_agency
from ..verification import QUEUE_KINDS, queue_kind, valid_until
from .context import SiteContext, title_key
from .html import render

TEMPLATE = "katalog/antrean.html"
SCRIPT = "assets/javascripts/urutkan.js"
TOP_AGENCIES = 50


@dataclass
class Waiting:
    record: Record
    kind: str  # a key of QUEUE_KINDS
    day: date | None  # the date the kind is about (updated, verified, expired, expires)
    day_text: str  # what that date is: "diperbarui", "diverifikasi", "berakhir"


@dataclass
class Counts:
    name: str
    kinds: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUEUE_KINDS, 0))

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


@dataclass
class Queue:
    items: dict[str, list[Waiting]]  # province slug → its waiting entries, by agency
    provinces: dict[str, Counts]  # slug → counts (provinces with published entries)
    agencies: list[tuple[str, Counts]]  # (province slug, counts), the longest queues first
    national: Counts


def _waiting(record: Record, today: date) -> Waiting | None:
    state = record.verifikasi
    if state is None:
        return None
    kind = queue_kind(state, today)
    if kind is None:
        return None
    if kind == "baru":
        return Waiting(record, kind, record.entry.diperbarui, "diperbarui")
    if kind == "berubah":
        return Waiting(record, kind, state.tanggal, "diverifikasi")
    assert state.tanggal is not None
    end = valid_until(state.tanggal)
    return Waiting(record, kind, end + timedelta(days=1) if kind == "kedaluwarsa" else end, "berakhir")


_ORDER = {kind: n for n, kind in enumerate(QUEUE_KINDS)}


def build_queue(ctx: SiteContext) -> Queue:
    items: dict[str, list[Waiting]] = {}
    provinces: dict[str, Counts] = {}
    agencies: dict[tuple[str, str], Counts] = {}
    national = Counts("Seluruh katalog")
    for record in ctx.published:
        slug = record.entry.wilayah.provinsi
        provinces.setdefault(slug, Counts(v.label("provinsi", slug)))
        waiting = _waiting(record, ctx.today)
        if waiting is None:
            continue
        items.setdefault(slug, []).append(waiting)
        key = (slug, normalise_agency(record.entry.instansi.nama))
        agency = agencies.setdefault(key, Counts(" ".join(record.entry.instansi.nama.split())))
        for counts in (national, provinces[slug], agency):
            counts.kinds[waiting.kind] += 1
    for group in items.values():
        group.sort(key=lambda w: (normalise_agency(w.record.entry.instansi.nama), _ORDER[w.kind], *title_key(w.record)))
    top = sorted(agencies.items(), key=lambda item: (-item[1].total, item[1].name.casefold()))
    return Queue(items, provinces, [(slug, counts) for (slug, _), counts in top], national)


def _kinds() -> list[NS]:
    return [NS(kunci=key, label=label) for key, label in QUEUE_KINDS.items()]


def _row(name: str, counts: Counts, href: str | None = None, note: str | None = None) -> NS:
    return NS(nama=name, href=href, catatan=note, jumlah=counts.total, per_jenis=list(counts.kinds.values()))


def queue_data(queue: Queue, ctx: SiteContext, url: str, province_urls: dict[str, str], quality_url: str) -> NS:
    """What `katalog/antrean.html` receives as `antrean` on the whole catalogue's queue."""
    rows = [_row(counts.name, counts, href=ctx.urls.rel(province_urls[slug], url))
            for slug, counts in sorted(queue.provinces.items(), key=lambda item: item[1].name.casefold())]
    shown = [(slug, counts) for slug, counts in queue.agencies if counts.total][:TOP_AGENCIES]
    return NS(
        provinsi=None,
        jenis=_kinds(),
        jumlah=queue.national.total,
        nasional=_row(queue.national.name, queue.national),
        per_provinsi=rows,
        per_instansi=[_row(counts.name, counts, note=v.label("provinsi", slug)) for slug, counts in shown],
        instansi_semua=sum(1 for _, counts in queue.agencies if counts.total),
        segera_hari=LIFECYCLE.queue_days,
        kualitas_href=ctx.urls.rel(quality_url, url),
        skrip=ctx.urls.rel(SCRIPT, url),
    )


def province_queue_data(queue: Queue, slug: str, ctx: SiteContext, url: str, back_url: str) -> NS:
    """What `katalog/antrean.html` receives as `antrean` on one province's queue."""
    waiting = queue.items.get(slug, [])
    return NS(
        provinsi=v.label("provinsi", slug),
        jenis=_kinds(),
        jumlah=len(waiting),
        ringkas=_row(queue.provinces[slug].name, queue.provinces[slug]),
        entri=[NS(instansi=" ".join(w.record.entry.instansi.nama.split()), judul=w.record.entry.judul,
                  href=ctx.urls.rel(ctx.urls.entry(w.record.id), url), jenis=w.kind, jenis_label=QUEUE_KINDS[w.kind],
                  urut_jenis=_ORDER[w.kind], tanggal=w.day, tanggal_arti=w.day_text)
               for w in waiting],
        segera_hari=LIFECYCLE.queue_days,
        kembali_href=ctx.urls.rel(back_url, url),
        skrip=ctx.urls.rel(SCRIPT, url),
    )


def queue_html(queue: Queue, ctx: SiteContext, url: str, province_urls: dict[str, str], quality_url: str) -> str:
    return render(ctx.templates, TEMPLATE, antrean=queue_data(queue, ctx, url, province_urls, quality_url))


def province_queue_html(queue: Queue, slug: str, ctx: SiteContext, url: str, back_url: str) -> str:
    return render(ctx.templates, TEMPLATE, antrean=province_queue_data(queue, slug, ctx, url, back_url))
