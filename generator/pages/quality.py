"""The data-quality report: which evidence each agency and province leaves out most often.

Badges explain one entry; this report points an agency's staff at the evidence they could add
across all their entries. A share is "entries missing this kind of evidence / the agency's
entries"; tables are sorted worst first (the mean share over all kinds, then the larger agency).

The markup is the template `katalog/kualitas.html` (theme/, or the site's own `custom_dir`),
for the national report and each province's; this module counts and builds its data. Agency
names come from entries: the template escapes them like every other value.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from types import SimpleNamespace as NS

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import RULES, budget_run, has_organisation, indicator_gaps
from ..linkcheck import DeadLink, dead_links
from ..text import count_words, normalise_agency, persen
from .context import SiteContext
from .html import render, safe_url

_MIN_WORDS = RULES.min_words
TEMPLATE = "katalog/kualitas.html"  # the whole catalogue's report and each province's


@dataclass(frozen=True)
class Kind:
    key: str
    label: str  # column header
    meaning: str  # what "missing" means, for the legend
    missing: Callable[[Record, SiteContext], bool]


def _no_novelty(r: Record, ctx: SiteContext) -> bool:
    k = r.entry.kebaruan
    return k is None or count_words(k.uraian, _MIN_WORDS) < _MIN_WORDS


def _no_result(r: Record, ctx: SiteContext) -> bool:
    return not any(not indicator_gaps(h) for h in r.entry.hasil)


def _no_benefit(r: Record, ctx: SiteContext) -> bool:
    m = r.entry.manfaat
    return m is None or m.nilai is None or not m.bukti


def _no_transfer(r: Record, ctx: SiteContext) -> bool:
    e_ = r.entry
    return (e_.panduan_replikasi is None and not any(x.bukti for x in e_.replikasi_oleh)
            and not ctx.catalogue.replicas_of(r.id))


def _no_law(r: Record, ctx: SiteContext) -> bool:
    k = r.entry.keberlanjutan
    return k is None or not k.dasar_hukum


def _no_budget(r: Record, ctx: SiteContext) -> bool:
    k = r.entry.keberlanjutan
    return k is None or budget_run(k.anggaran, ctx.today.year) is None


def _no_team(r: Record, ctx: SiteContext) -> bool:
    k = r.entry.keberlanjutan
    return k is None or not has_organisation(k.pelaksana)


def _no_contact(r: Record, ctx: SiteContext) -> bool:
    k = r.entry.kontak
    return k is None or not (k.email or k.telepon)


def _unverified(r: Record, ctx: SiteContext) -> bool:
    return r.verifikasi is None or r.verifikasi.status != "terverifikasi"


def _dead_link(r: Record, ctx: SiteContext) -> bool:
    return bool(dead_links(r.entry, ctx.links))


KINDS = (
    Kind("kebaruan", "Uraian kebaruan", f"tanpa kebaruan atau uraian kurang dari {_MIN_WORDS} kata", _no_novelty),
    Kind("hasil", "Hasil terukur", "tanpa indikator hasil lengkap (sebelum, sesudah, tanggal, sumber)", _no_result),
    Kind("manfaat", "Bukti manfaat", "tanpa nilai manfaat atau tautan buktinya", _no_benefit),
    Kind("replikasi", "Replikasi/panduan", "tanpa panduan replikasi dan tanpa replikasi berbukti", _no_transfer),
    Kind("dasar_hukum", "Dasar hukum", "tanpa dasar hukum", _no_law),
    Kind("anggaran", "Anggaran", f"tanpa anggaran {RULES.budget_years} tahun berturut-turut yang masih berjalan", _no_budget),
    Kind("pelaksana", "Tim pelaksana", "tanpa organisasi pelaksana lengkap (" + ", ".join(RULES.organisation) + ")", _no_team),
    Kind("kontak", "Kontak", "tanpa kontak jabatan dengan email atau telepon instansi", _no_contact),
    Kind("verifikasi", "Verifikasi", "belum terverifikasi, atau verifikasinya tidak berlaku lagi (bukti berubah "
         f"sesudahnya, lebih dari {RULES.reverify_months} bulan, perlu perbaikan, tidak aktif)", _unverified),
)
LINKS = Kind("tautan", "Tautan bukti", "ada tautan bukti yang tidak dapat dibuka pada pemeriksaan tautan terakhir",
             _dead_link)
"""Shown only when a report of the evidence links is there: without one nothing is known of them."""


def kinds(ctx: SiteContext) -> tuple[Kind, ...]:
    return (*KINDS, LINKS) if ctx.links is not None else KINDS


@dataclass(eq=False)
class Tally:
    name: str
    kinds: int = len(KINDS)
    entries: int = 0
    missing: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.missing = self.missing or [0] * self.kinds

    @property
    def worst(self) -> float:
        return sum(self.missing) / (self.kinds * self.entries) if self.entries else 0.0

    def sort_key(self) -> tuple[float, int, str]:
        return (-self.worst, -self.entries, self.name.casefold())


@dataclass
class Report:
    provinces: dict[str, Tally]  # slug → tally
    agencies: dict[str, dict[str, Tally]]  # province slug → agency key → tally
    national: Tally
    kinds: tuple[Kind, ...] = KINDS
    # Evidence links that did not open at the last check, per province: (record, dead links).
    dead: dict[str, list[tuple[Record, tuple[DeadLink, ...]]]] = field(default_factory=dict)


OWN = frozenset(k.key for k in KINDS if k.key != "replikasi")
"""The kinds an entry's own file decides (with the build date): not whether another entry
replicates it, nor what the link report says of its links."""


def tally(ctx: SiteContext, facts: Callable[[Record, Callable[[], str]], str] | None = None) -> Report:
    """The counts of every agency, province and the whole catalogue. Each entry's flags are
    counted once, by its agency and its flags (entries alike count together); the provinces'
    and the catalogue's tallies are the sums of their agencies'. `facts`: where an entry's own
    flags (`OWN`, as "0" and "1") may be kept between builds (`kept.Kept.fact`)."""
    used = kinds(ctx)
    n = len(used)
    own = [kind for kind in used if kind.key in OWN]

    def flags_of(r: Record) -> tuple[bool, ...]:
        if facts is None:
            return tuple([kind.missing(r, ctx) for kind in used])
        def make() -> str:
            return "".join("1" if kind.missing(r, ctx) else "0" for kind in own)

        found = facts(r, make)
        if len(found) != len(own) or found.strip("01"):
            found = make()  # not what this code keeps: counted anew
        text = iter(found)
        return tuple([next(text) == "1" if kind.key in OWN else kind.missing(r, ctx) for kind in used])

    agencies: dict[str, dict[str, Tally]] = {}
    alike: dict[tuple[Tally, tuple[bool, ...]], int] = {}
    dead: dict[str, list[tuple[Record, tuple[DeadLink, ...]]]] = {}
    for r in ctx.published:
        flags = flags_of(r)
        slug = r.entry.wilayah.provinsi
        group = agencies.get(slug)
        if group is None:
            group = agencies[slug] = {}
        agency_key = normalise_agency(r.entry.instansi.nama)
        agency = group.get(agency_key)
        if agency is None:
            agency = group[agency_key] = Tally(" ".join(r.entry.instansi.nama.split()), n)
        agency.entries += 1
        alike[agency, flags] = alike.get((agency, flags), 0) + 1
        if ctx.links is not None and (found := dead_links(r.entry, ctx.links)):
            dead.setdefault(slug, []).append((r, found))
    for (agency, flags), count in alike.items():
        for i, flag in enumerate(flags):
            if flag:
                agency.missing[i] += count
    provinces = {slug: _sum(v.label("provinsi", slug), group.values(), n) for slug, group in agencies.items()}
    national = _sum("Seluruh katalog", provinces.values(), n)
    return Report(provinces, agencies, national, used, dead)


def _sum(name: str, parts: Iterable[Tally], kinds: int) -> Tally:
    out = Tally(name, kinds)
    for part in parts:
        out.entries += part.entries
        for i, m in enumerate(part.missing):
            out.missing[i] += m
    return out


def _dead_rows(items: list[tuple[Record, tuple[DeadLink, ...]]], ctx: SiteContext, url: str,
               province: bool = False) -> list[NS]:
    """One row per dead link, the longest dead first: the entry, its agency, the claim, the link
    and since when it does not open."""
    rows = []
    for record, links in items:
        for link in links:
            rows.append(NS(judul=record.entry.judul, href=ctx.urls.rel(ctx.urls.entry(record.id), url),
                           instansi=" ".join(record.entry.instansi.nama.split()),
                           provinsi=v.label("provinsi", record.entry.wilayah.provinsi) if province else None,
                           klaim="; ".join(link.claims), url=safe_url(link.url), teks=link.url, sejak=link.since,
                           sebab=link.reason))
    rows.sort(key=lambda row: (row.sejak, row.instansi.casefold(), row.judul.casefold(), row.teks))
    return rows


def _row(name: str, t: Tally, href: str | None = None, note: str | None = None) -> NS:
    """A table row: the name (linked when `href`, with a small `note` after it), the number of
    entries and per kind the share missing, with its shade 0–4 (`tingkat`) for the cell."""
    cells = [NS(tingkat=min(4, int(5 * m / t.entries)) if t.entries else 0, teks=persen(m, t.entries))
             for m in t.missing]
    return NS(nama=name, href=href, catatan=note, entri=t.entries, sel=cells)


def _table(caption: str, first: str, rows: list[NS]) -> NS:
    return NS(judul=caption, kepala=first, baris=rows)


def _columns(report: Report) -> list[NS]:
    """Each kind of evidence: its column header and what "missing" means, for the legend."""
    return [NS(label=k.label, arti=k.meaning) for k in report.kinds]


def quality_data(report: Report, ctx: SiteContext, url: str, province_urls: dict[str, str], top: int = 50,
                 queue_url: str | None = None) -> NS:
    """What `katalog/kualitas.html` receives as `kualitas` on the whole catalogue's report."""
    provinces = sorted(report.provinces.items(), key=lambda item: item[1].sort_key())
    rows = [_row(t.name, t, href=ctx.urls.rel(province_urls[slug], url)) for slug, t in provinces]
    everyone = [(slug, t) for slug, group in report.agencies.items() for t in group.values()]
    everyone.sort(key=lambda item: item[1].sort_key())
    shown = everyone[:top]
    n = report.national
    dead = _dead_rows([item for items in report.dead.values() for item in items], ctx, url, province=True)
    return NS(
        provinsi=None,
        entri=n.entries,
        kolom=_columns(report),
        antrean_href=ctx.urls.rel(queue_url, url) if queue_url else None,
        tautan=_links_summary(ctx, dead, top),
        nasional=_table("Persentase entri tanpa bukti, seluruh katalog", "Cakupan", [_row("Seluruh katalog", n)]),
        per_provinsi=_table("Persentase entri tanpa bukti, per provinsi", "Provinsi", rows),
        instansi_ditampilkan=len(shown),
        instansi_semua=len(everyone),
        per_instansi=_table("Persentase entri tanpa bukti, per instansi", "Instansi",
                            [_row(t.name, t, note=v.label("provinsi", slug)) for slug, t in shown]),
    )


def _links_summary(ctx: SiteContext, rows: list[NS], top: int | None) -> NS | None:
    """The dead evidence links a report lists (the `top` longest dead on the whole catalogue's;
    all of them on a province's), and when the links were checked; none without a link report."""
    if ctx.links is None:
        return None
    return NS(diperiksa=ctx.links.checked[:10] or None, semua=len(rows), baris=rows[:top] if top else rows)


def province_quality_data(report: Report, slug: str, ctx: SiteContext, url: str, back_url: str,
                          queue_url: str | None = None) -> NS:
    """What `katalog/kualitas.html` receives as `kualitas` on one province's report."""
    group = sorted(report.agencies.get(slug, {}).values(), key=Tally.sort_key)
    t = report.provinces[slug]
    return NS(
        provinsi=t.name,
        entri=t.entries,
        instansi_semua=len(group),
        daftar_href=ctx.urls.rel(ctx.urls.listing(slug), url),
        kembali_href=ctx.urls.rel(back_url, url),
        antrean_href=ctx.urls.rel(queue_url, url) if queue_url else None,
        tautan=_links_summary(ctx, _dead_rows(report.dead.get(slug, []), ctx, url), None),
        kolom=_columns(report),
        per_instansi=_table(f"Persentase entri tanpa bukti, per instansi di {t.name}", "Instansi",
                            [_row(a.name, a) for a in group]),
    )


def quality_html(report: Report, ctx: SiteContext, url: str, province_urls: dict[str, str], top: int = 50,
                 queue_url: str | None = None) -> str:
    return render(ctx.templates, TEMPLATE, kualitas=quality_data(report, ctx, url, province_urls, top, queue_url))


def province_quality_html(report: Report, slug: str, ctx: SiteContext, url: str, back_url: str,
                          queue_url: str | None = None) -> str:
    return render(ctx.templates, TEMPLATE, kualitas=province_quality_data(report, slug, ctx, url, back_url,
                                                                          queue_url))
