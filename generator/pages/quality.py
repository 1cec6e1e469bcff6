"""The data-quality report: which evidence each agency and province leaves out most often.

Badges explain one entry; this report points an agency's staff at the evidence they could add
across all their entries. A share is "entries missing this kind of evidence / the agency's
entries"; tables are sorted worst first (the mean share over all kinds, then the larger agency).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .. import vocabulary as v
from ..catalogue import Record
from ..criteria import RULES, budget_run, has_organisation, indicator_gaps
from ..text import angka, count_words, normalise_agency, persen
from .context import SiteContext
from .html import e, table_box

_MIN_WORDS = RULES.min_words


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


def _stale(r: Record, ctx: SiteContext) -> bool:
    return r.assessment.perlu_verifikasi_ulang


KINDS = (
    Kind("kebaruan", "Uraian kebaruan", f"tanpa kebaruan atau uraian kurang dari {_MIN_WORDS} kata", _no_novelty),
    Kind("hasil", "Hasil terukur", "tanpa indikator hasil lengkap (sebelum, sesudah, tanggal, sumber)", _no_result),
    Kind("manfaat", "Bukti manfaat", "tanpa nilai manfaat atau tautan buktinya", _no_benefit),
    Kind("replikasi", "Replikasi/panduan", "tanpa panduan replikasi dan tanpa replikasi berbukti", _no_transfer),
    Kind("dasar_hukum", "Dasar hukum", "tanpa dasar hukum", _no_law),
    Kind("anggaran", "Anggaran", f"tanpa anggaran {RULES.budget_years} tahun berturut-turut yang masih berjalan", _no_budget),
    Kind("pelaksana", "Tim pelaksana", "tanpa organisasi pelaksana lengkap (" + ", ".join(RULES.organisation) + ")", _no_team),
    Kind("kontak", "Kontak", "tanpa kontak jabatan dengan email atau telepon instansi", _no_contact),
    Kind("verifikasi", "Verifikasi", f"data terakhir diverifikasi lebih dari {RULES.reverify_months} bulan lalu", _stale),
)


@dataclass
class Tally:
    name: str
    entries: int = 0
    missing: list[int] = field(default_factory=lambda: [0] * len(KINDS))

    @property
    def worst(self) -> float:
        return sum(self.missing) / (len(KINDS) * self.entries) if self.entries else 0.0

    def sort_key(self) -> tuple[float, int, str]:
        return (-self.worst, -self.entries, self.name.casefold())


@dataclass
class Report:
    provinces: dict[str, Tally]  # slug → tally
    agencies: dict[str, dict[str, Tally]]  # province slug → agency key → tally
    national: Tally


def tally(ctx: SiteContext) -> Report:
    provinces: dict[str, Tally] = {}
    agencies: dict[str, dict[str, Tally]] = {}
    national = Tally("Seluruh katalog")
    for r in ctx.published:
        flags = [kind.missing(r, ctx) for kind in KINDS]
        slug = r.entry.wilayah.provinsi
        agency_key = normalise_agency(r.entry.instansi.nama)
        targets = [
            national,
            provinces.setdefault(slug, Tally(v.label("provinsi", slug))),
            agencies.setdefault(slug, {}).setdefault(agency_key, Tally(" ".join(r.entry.instansi.nama.split()))),
        ]
        for t in targets:
            t.entries += 1
            for i, flag in enumerate(flags):
                t.missing[i] += flag
    return Report(provinces, agencies, national)


def _legend() -> str:
    items = "".join(f"<li><strong>{e(k.label)}</strong>: {e(k.meaning)}</li>" for k in KINDS)
    return (f'<details class="katalog-data"><summary>Arti setiap kolom</summary><ul>{items}</ul>'
            "<p>Angka adalah persentase entri yang belum memuat bukti itu. Baris diurutkan dari yang "
            "paling banyak kekurangan (rata-rata semua kolom), lalu dari yang entrinya paling banyak.</p></details>")


def _table(caption: str, first: str, rows: list[tuple[str, Tally]]) -> str:
    head = "".join(f'<th scope="col">{e(k.label)}</th>' for k in KINDS)
    body = []
    for name_html, t in rows:
        cells = "".join(
            f'<td class="katalog-kurang katalog-kurang--{min(4, int(5 * m / t.entries)) if t.entries else 0}">'
            f"{persen(m, t.entries)}</td>" for m in t.missing)
        body.append(f'<tr><th scope="row">{name_html}</th><td>{angka(t.entries)}</td>{cells}</tr>')
    return (table_box(caption, "kualitas")
            + f'<table><caption>{e(caption)}</caption>'
            f'<thead><tr><th scope="col">{e(first)}</th><th scope="col">Entri</th>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def quality_html(report: Report, ctx: SiteContext, url: str, province_urls: dict[str, str], top: int = 50) -> str:
    provinces = sorted(report.provinces.items(), key=lambda item: item[1].sort_key())
    rows = [(f'<a href="{e(ctx.urls.rel(province_urls[slug], url))}">{e(t.name)}</a>', t) for slug, t in provinces]
    everyone = [(slug, t) for slug, group in report.agencies.items() for t in group.values()]
    everyone.sort(key=lambda item: item[1].sort_key())
    shown = everyone[:top]
    agency_rows = [(f'{e(t.name)} <small>{e(v.label("provinsi", slug))}</small>', t) for slug, t in shown]
    n = report.national
    return "".join([
        f"<p>Seberapa lengkap bukti yang dicantumkan di {angka(n.entries)} entri yang diterbitkan, per provinsi "
        "dan per instansi. Bukti yang lengkap menaikkan lencana kriteria dan memudahkan instansi lain "
        "mereplikasi inovasi.</p>",
        _legend(),
        '<h2 id="nasional">Seluruh katalog</h2>',
        _table("Persentase entri tanpa bukti, seluruh katalog", "Cakupan", [("Seluruh katalog", n)]),
        '<h2 id="provinsi">Per provinsi</h2>',
        "<p>Pilih provinsi untuk melihat rincian setiap instansinya.</p>",
        _table("Persentase entri tanpa bukti, per provinsi", "Provinsi", rows),
        f'<h2 id="instansi">{angka(len(shown))} instansi dengan bukti paling kurang</h2>',
        f"<p>Dari {angka(len(everyone))} instansi. Daftar lengkap ada di halaman setiap provinsi.</p>",
        _table("Persentase entri tanpa bukti, per instansi", "Instansi", agency_rows),
    ])


def province_quality_html(report: Report, slug: str, ctx: SiteContext, url: str, back_url: str) -> str:
    group = sorted(report.agencies.get(slug, {}).values(), key=Tally.sort_key)
    back = e(ctx.urls.rel(back_url, url))
    listing = e(ctx.urls.rel(ctx.urls.listing(slug), url))
    t = report.provinces[slug]
    return "".join([
        f'<p>{angka(t.entries)} entri dari {angka(len(group))} instansi. <a href="{listing}">Daftar inovasinya</a> · '
        f'<a href="{back}">Semua provinsi</a>.</p>',
        _legend(),
        _table(f"Persentase entri tanpa bukti, per instansi di {t.name}", "Instansi",
               [(e(a.name), a) for a in group]),
    ])
