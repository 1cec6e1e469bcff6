"""The page of one innovation: everything a visitor, a replicating agency or a search engine
needs, built from the entry, its badges and the catalogue's replication index.

Each part is plain HTML with every entry value escaped; the adapter puts the result into the
site's page template. Order follows what a reader asks first: what is it, who runs it, does it
meet the five criteria, what changed, the full story, the evidence, how to replicate it.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import quote, quote_plus

from .. import vocabulary as v
from ..criteria import KEYS, MAX_LEVEL, REVERIFY_MONTHS, TABLE, Assessment, Missing
from ..exports import API as EXPORTS_API
from ..model import Entry, Nilai
from ..text import angka, tanggal, truncate
from ..urls import Urls
from .html import e, json_script, level_text, link, safe_url, time_tag


@dataclass(frozen=True, slots=True)
class Linked:
    """Another catalogue entry named on this page (replicated from / replicated by)."""

    id: str
    judul: str | None  # None when it is not published (a draft): shown without a link
    instansi: str = ""


@dataclass(slots=True)
class EntryJob:
    """Everything one entry page needs: the entry and the few catalogue facts it shows.

    Small and picklable: pages are built in worker processes that do not hold the catalogue.
    """

    id: str
    source: str  # below the docs dir, e.g. "innovations/jawa-timur/x.md"
    entry: Entry
    assessment: Assessment
    body: str
    key: str  # the body's cache key
    origins: tuple[Linked, ...] = ()  # `replikasi_dari` entries of the catalogue, by id
    replicas: tuple[Linked, ...] = ()  # published entries that replicate this one


_QUERY_SAFE = ":/,@!$'()*;"


@dataclass(frozen=True)
class EntryContext:
    """What every entry page shares: URLs, the forge's edit link, the build date."""

    urls: Urls
    edit_base: str | None
    today: date

    def edit_url(self, source: str) -> str | None:
        return self.edit_base + quote(source) if self.edit_base else None

    def new_file_url(self, source: str, entry_id: str, entry: Entry) -> str | None:
        """A GitHub "new file" link in the catalogue folder, prefilled with a replication draft
        of the entry (`replication.replication_template`); None on other forges."""
        base = self.edit_base
        if not base or not base.startswith("https://github.com/") or "/edit/" not in base:
            return None
        from ..replication import replication_template

        name, text = replication_template(entry, entry_id, self.today)
        folder = source.split("/", 1)[0]  # "innovations"
        new_base = base.replace("/edit/", "/new/", 1)
        # "+" for spaces and the punctuation a query may hold as it is: the link is ~2 KB, not ~3.
        return (f"{new_base}{quote(folder)}?filename={quote_plus(name, safe='/')}"
                f"&value={quote_plus(text, safe=_QUERY_SAFE)}")

    def image_path(self, source: str, gambar: str | None) -> str | None:
        """`gambar` (relative to the entry file) as a path below the docs dir, or None."""
        if not gambar or "://" in gambar:
            return None
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), gambar))
        return None if path.startswith(("..", "/")) else path


@dataclass(frozen=True)
class EntryPage:
    """The per-entry values of the page template (all already escaped HTML)."""

    title: str  # for <title> and the header
    description: str  # for <meta name=description>
    head: str  # extra <head> markup (JSON-LD)
    content: str  # the article
    edit_url: str  # for the edit button (escaped), or ""


def build_entry_page(job: EntryJob, ctx: EntryContext, body_html: str) -> EntryPage:
    page_url = ctx.urls.entry(job.id)
    edit = ctx.edit_url(job.source)
    return EntryPage(
        title=e(job.entry.judul),
        description=e(truncate(job.entry.ringkasan, 300)),
        head=json_ld(job, ctx),
        content=entry_content(job, ctx, body_html, page_url, edit),
        edit_url=e(edit) if edit else "",
    )


# --- the article --------------------------------------------------------------------------------


def entry_content(job: EntryJob, ctx: EntryContext, body_html: str, page_url: str, edit_url: str | None) -> str:
    entry = job.entry
    parts = [
        '<div class="katalog-entri" data-pagefind-body>',
        _trail(entry, ctx, page_url),
        f"<h1>{e(entry.judul)}</h1>",
        f'<p class="katalog-entri__pemilik">{e(entry.instansi.nama)}'
        f"{' · ' + e(entry.wilayah.kabupaten_kota) if entry.wilayah.kabupaten_kota else ''}</p>",
        _stale_notice(job) if job.assessment.perlu_verifikasi_ulang else "",
        _image(job, ctx, page_url),
        f'<p class="katalog-entri__ringkasan">{e(entry.ringkasan)}</p>',
        _metadata(entry, ctx, page_url),
        _badges(job.assessment),
        _problem(entry),
        _results(entry),
        _body(body_html),
        _evidence(entry),
        _sustainability(entry),
        _awards(entry),
        _replication(job, ctx, page_url),
        _contact(entry),
        _footer(job, ctx, edit_url),
        "</div>",
    ]
    return "".join(parts)


def _trail(entry: Entry, ctx: EntryContext, page_url: str) -> str:
    browse = ctx.urls.rel(ctx.urls.index(ctx.urls.browse), page_url)
    province = ctx.urls.rel(ctx.urls.listing(entry.wilayah.provinsi), page_url)
    return (
        '<nav class="katalog-jejak" aria-label="Jejak halaman"><ol>'
        f'<li><a href="{e(browse)}">Jelajahi</a></li>'
        f'<li><a href="{e(province)}">{e(v.label("provinsi", entry.wilayah.provinsi))}</a></li>'
        "</ol></nav>"
    )


def _stale_notice(job: EntryJob) -> str:
    return (
        '<div class="admonition warning katalog-basi" role="note">'
        '<p class="admonition-title">Perlu verifikasi ulang</p>'
        f"<p>Data entri ini terakhir diverifikasi pada {time_tag(job.entry.diperbarui)}, lebih dari "
        f"{REVERIFY_MONTHS} bulan sebelum situs ini dibangun. Sebagian informasi mungkin sudah berubah.</p></div>"
    )


def _image(job: EntryJob, ctx: EntryContext, page_url: str) -> str:
    path = ctx.image_path(job.source, job.entry.gambar)
    if not path:
        return ""
    src = ctx.urls.rel(path, page_url)
    return f'<figure class="katalog-entri__gambar"><img src="{e(src)}" alt="{e(job.entry.judul)}" loading="lazy"></figure>'


def _row(term: str, value: str) -> str:
    return f"<div><dt>{term}</dt><dd>{value}</dd></div>" if value else ""


def _labels(vocabulary: str, slugs: list[str]) -> str:
    return ", ".join(e(v.label(vocabulary, s)) for s in slugs)


def _metadata(entry: Entry, ctx: EntryContext, page_url: str) -> str:
    w = entry.wilayah
    t = entry.tanggal
    province = ctx.urls.rel(ctx.urls.listing(w.provinsi), page_url)
    rows = [
        _row("Instansi", f"{e(entry.instansi.nama)} ({e(v.label('jenis_instansi', entry.instansi.jenis))})"),
        _row("Unit penyelenggara", e(entry.unit) if entry.unit else ""),
        _row("Provinsi", f'<a href="{e(province)}">{e(v.label("provinsi", w.provinsi))}</a>'),
        _row("Kabupaten/kota", e(w.kabupaten_kota) if w.kabupaten_kota else ""),
        _row("Kode wilayah", e(w.kode) if w.kode else ""),
        _row("Tahapan", e(v.label("tahapan", entry.tahapan))),
        _row("Status", e(v.label("status", entry.status))),
        _row("Jenis", e(v.label("jenis", entry.jenis))),
        _row("Bentuk", e(v.label("bentuk", entry.bentuk))),
        _row("Urusan", _labels("urusan", entry.urusan)),
        _row("Mulai", time_tag(t.mulai)),
        _row("Penerapan", time_tag(t.penerapan)),
        _row("Berhenti", time_tag(t.berhenti)),
        _row("Kebaruan", e(v.label("jenis_kebaruan", entry.kebaruan.jenis)) if entry.kebaruan else ""),
        _row("Area perubahan", _labels("area_perubahan", entry.area_perubahan)),
        _row("Nilai BerAKHLAK", _labels("nilai_berakhlak", entry.nilai_berakhlak)),
        _row("SDGs", ", ".join(f"Tujuan {n}" for n in entry.sdgs)),
        _row("Kata kunci", ", ".join(e(k) for k in entry.kata_kunci)),
        _row("Terakhir diverifikasi", time_tag(entry.diperbarui)),
    ]
    return ('<section class="katalog-kartu-data" aria-labelledby="data-inovasi">'
            '<h2 id="data-inovasi">Data inovasi</h2><dl class="katalog-meta">' + "".join(rows) + "</dl></section>")


def _badges(a: Assessment) -> str:
    items = []
    for key in KEYS:
        badge = a.kriteria[key]
        pips = "".join(f'<span class="katalog-pip{" katalog-pip--on" if n <= badge.level else ""}"></span>'
                       for n in range(1, MAX_LEVEL + 1))
        alasan = "".join(f"<li>{e(text)}</li>" for text in badge.alasan)
        kurang = "".join(_missing(m) for m in badge.kurang)
        items.append(
            f'<li class="katalog-lencana katalog-level-{badge.level}">'
            f'<h3 class="katalog-lencana__judul">{e(badge.label)}'
            f' <span class="katalog-lencana__level">{e(level_text(key, badge.level).capitalize())}</span></h3>'
            f'<span class="katalog-pips" aria-hidden="true">{pips}</span>'
            + (f'<p class="katalog-lencana__sub">Alasan</p><ul>{alasan}</ul>' if alasan else "")
            + (f'<p class="katalog-lencana__sub">Yang kurang untuk level berikutnya</p><ul>{kurang}</ul>'
               if kurang else "")
            + "</li>"
        )
    if a.lengkap:
        summary = ('<p class="katalog-lengkap"><strong class="katalog-tanda katalog-tanda--lengkap">Lengkap</strong> '
                   "Kelima kriteria terpenuhi (minimal level 1).")
    else:
        missing = [a.kriteria[k].label for k in KEYS if a.kriteria[k].level == 0]
        summary = ('<p class="katalog-lengkap">Belum lengkap: ' + e(", ".join(missing))
                   + " belum mencapai level 1.")
    summary += f" Skor {a.skor} dari {MAX_LEVEL * len(KEYS)}.</p>"
    return ('<section aria-labelledby="lencana-kriteria"><h2 id="lencana-kriteria">Lencana kriteria</h2>'
            + summary + '<ul class="katalog-lencana-daftar">' + "".join(items) + "</ul></section>")


def _missing(m: Missing) -> str:
    """One thing that would raise a badge: the sentence, the front-matter key to add and a
    minimal YAML example (folded: it is for the entry's authors)."""
    return (f'<li>{e(m.text)} <span class="katalog-kunci">Kunci: <code>{e(m.key)}</code></span>'
            f'<details class="katalog-contoh"><summary>Contoh YAML</summary><pre><code>{e(m.snippet)}</code></pre>'
            "</details></li>")


def _problem(entry: Entry) -> str:
    out = f'<section aria-labelledby="masalah"><h2 id="masalah">Masalah</h2><p>{e(entry.masalah)}</p>'
    if entry.kebaruan:
        out += (f"<h3>Kebaruan: {e(v.label('jenis_kebaruan', entry.kebaruan.jenis))}</h3>"
                f"<p>{e(entry.kebaruan.uraian)}</p>")
    return out + "</section>"


def _value(n: Nilai | None, unit: str | None) -> str:
    if n is None:
        return "–"
    text = _with_unit(angka(n.nilai), unit)
    when = f'<br><small>{time_tag(n.tanggal)}</small>' if n.tanggal else ""
    return text + when


_BENEFIT_UNITS = {name: basis.get("satuan") for name, basis in TABLE["kriteria"]["bermanfaat"]["dasar"].items()}


def _with_unit(value: str, unit: str | None) -> str:
    if not unit:
        return value
    return f"{value}%" if unit == "%" else f"{value} {e(unit)}"


def _results(entry: Entry) -> str:
    if not entry.hasil and not entry.manfaat and not entry.evaluasi:
        return ""
    out = ['<section aria-labelledby="hasil"><h2 id="hasil">Hasil dan manfaat</h2>']
    if entry.hasil:
        rows = []
        for h in entry.hasil:
            source = e(h.sumber) if h.sumber else "–"
            if safe_url(h.bukti):
                source += f' (<a href="{e(h.bukti)}" rel="noopener noreferrer">bukti</a>)'
            rows.append(f'<tr><th scope="row">{e(h.indikator)}</th><td>{_value(h.sebelum, h.satuan)}</td>'
                        f"<td>{_value(h.sesudah, h.satuan)}</td><td>{source}</td></tr>")
        out.append('<div class="katalog-tabel katalog-tabel--hasil"><table>'
                   "<caption>Indikator hasil, sebelum → sesudah</caption>"
                   '<thead><tr><th scope="col">Indikator</th><th scope="col">Sebelum</th>'
                   '<th scope="col">Sesudah</th><th scope="col">Sumber</th></tr></thead>'
                   f"<tbody>{''.join(rows)}</tbody></table></div>")
    m = entry.manfaat
    if m:
        value = f": {_with_unit(angka(m.nilai), _BENEFIT_UNITS.get(m.dasar))}" if m.nilai is not None else ""
        text = f"<strong>{e(v.label('dasar_manfaat', m.dasar))}</strong>{value}"
        if m.keterangan:
            text += f" — {e(m.keterangan)}"
        if safe_url(m.bukti):
            text += f' (<a href="{e(m.bukti)}" rel="noopener noreferrer">bukti</a>)'
        out.append(f"<h3>Manfaat</h3><p>{text}</p>")
    if entry.evaluasi:
        items = "".join(
            f"<li>{e(v.label('jenis_evaluasi', ev.jenis))}: {link(ev.tautan, ev.judul)} ({ev.tahun})</li>"
            for ev in entry.evaluasi)
        out.append(f"<h3>Evaluasi</h3><ul>{items}</ul>")
    out.append("</section>")
    return "".join(out)


def _body(body_html: str) -> str:
    if not body_html.strip():
        return ""
    heading = "" if body_html.lstrip().startswith("<h2") else '<h2 id="uraian">Uraian</h2>'
    return f'<section class="katalog-uraian" aria-label="Uraian lengkap">{heading}{body_html}</section>'


def _evidence(entry: Entry) -> str:
    items: list[str] = []
    t = entry.tautan
    if t:
        if safe_url(t.situs):
            items.append(f"<li>Situs: {link(t.situs, t.situs)}</li>")
        if safe_url(t.video):
            items.append(f"<li>Video: {link(t.video, t.video)}</li>")
        items += [f"<li>Dokumen: {link(d.url, d.judul)}</li>" for d in t.dokumen]
    items += [f"<li>Bukti hasil “{e(h.indikator)}”: {link(h.bukti, h.bukti)}</li>"
              for h in entry.hasil if safe_url(h.bukti)]
    if entry.manfaat and safe_url(entry.manfaat.bukti):
        items.append(f"<li>Bukti manfaat: {link(entry.manfaat.bukti, entry.manfaat.bukti)}</li>")
    items += [f"<li>{e(v.label('jenis_evaluasi', ev.jenis))}: {link(ev.tautan, ev.judul)}</li>"
              for ev in entry.evaluasi if safe_url(ev.tautan)]
    if entry.keberlanjutan:
        items += [f"<li>Dasar hukum: {link(d.tautan, _law(d))}</li>"
                  for d in entry.keberlanjutan.dasar_hukum if safe_url(d.tautan)]
    items += [f"<li>Bukti replikasi oleh {e(r.instansi)}: {link(r.bukti, r.bukti)}</li>"
              for r in entry.replikasi_oleh if safe_url(r.bukti)]
    if not items:
        return ('<section aria-labelledby="bukti"><h2 id="bukti">Bukti dan tautan</h2>'
                "<p>Entri ini belum menautkan bukti.</p></section>")
    return ('<section aria-labelledby="bukti"><h2 id="bukti">Bukti dan tautan</h2><ul class="katalog-bukti">'
            + "".join(items) + "</ul></section>")


def _law(d: Any) -> str:
    kind = d.judul if d.jenis == "lainnya" and d.judul else v.label("jenis_dasar_hukum", d.jenis)
    text = f"{kind} Nomor {d.nomor} Tahun {d.tahun}"
    if d.judul and d.jenis != "lainnya":
        text += f" tentang {d.judul}"
    return text


def _sustainability(entry: Entry) -> str:
    k = entry.keberlanjutan
    if not k:
        return ""
    rows = []
    if k.dasar_hukum:
        rows.append(_row("Dasar hukum", "<br>".join(link(d.tautan, _law(d)) for d in k.dasar_hukum)))
    if k.anggaran:
        rows.append(_row("Tahun anggaran", ", ".join(str(y) for y in sorted(set(k.anggaran)))))
    if k.sumber_anggaran:
        rows.append(_row("Sumber anggaran", ", ".join(e(s) for s in k.sumber_anggaran)))
    if k.pelaksana:
        doer = ", ".join(x for x in (e(k.pelaksana.unit or ""), f"SK {e(k.pelaksana.sk)}" if k.pelaksana.sk else "")
                         if x)
        rows.append(_row("Pelaksana", doer))
    if not rows:
        return ""
    return ('<section aria-labelledby="keberlanjutan"><h2 id="keberlanjutan">Keberlanjutan</h2>'
            '<dl class="katalog-meta">' + "".join(rows) + "</dl></section>")


def _awards(entry: Entry) -> str:
    if not entry.penghargaan:
        return ""
    items = "".join(
        f"<li>{e(p.nama)} ({p.tahun}){': ' + e(p.capaian) if p.capaian else ''}"
        f" <small>{e(v.label('ajang', p.ajang))}</small></li>" for p in entry.penghargaan)
    return f'<section aria-labelledby="penghargaan"><h2 id="penghargaan">Penghargaan</h2><ul>{items}</ul></section>'


def _replication(job: EntryJob, ctx: EntryContext, page_url: str) -> str:
    entry = job.entry
    out = ['<section aria-labelledby="replikasi"><h2 id="replikasi">Replikasi</h2>']
    known = {item.id: item for item in job.origins}

    def entry_link(item: Linked) -> str:
        if item.judul is None:
            return f"{e(item.id)} <small>(belum terbit di katalog)</small>"
        href = ctx.urls.rel(ctx.urls.entry(item.id), page_url)
        return f'<a href="{e(href)}">{e(item.judul)}</a> <small>{e(item.instansi)}</small>'

    origins = []
    for item in entry.replikasi_dari:
        if item.inovasi:
            origins.append(f"<li>{entry_link(known.get(item.inovasi) or Linked(item.inovasi, None))}</li>")
        else:
            origins.append(f"<li>{link(item.tautan, item.instansi or item.tautan or '')}</li>")
    out.append("<h3>Mereplikasi dari</h3>")
    out.append(f"<ul>{''.join(origins)}</ul>" if origins else "<p>Inovasi ini bukan replikasi.</p>")

    # The transfer badge decided which catalogue replications count; the others are in progress.
    gaps = dict(job.assessment.kriteria["dapat_ditransfer"].replikasi)
    replicas = [f"<li>{entry_link(item)}</li>" for item in job.replicas if not gaps.get(item.id)]
    pending = [f"<li>{entry_link(item)} <small>belum dihitung: {e(gaps[item.id])}</small></li>"
               for item in job.replicas if gaps.get(item.id)]
    for item in entry.replikasi_oleh:
        proof = (f' (<a href="{e(item.bukti)}" rel="noopener noreferrer">bukti</a>)' if safe_url(item.bukti)
                 else " <small>(tanpa bukti)</small>")
        replicas.append(f"<li>{e(item.instansi)} ({item.tahun}){proof}</li>")
    out.append("<h3>Direplikasi oleh</h3>")
    out.append(f"<ul>{''.join(replicas)}</ul>" if replicas else "<p>Belum ada replikasi yang tercatat.</p>")
    if pending:
        label = job.assessment.kriteria["dapat_ditransfer"].label
        out.append("<h3>Replikasi dalam proses</h3><p>Entri berikut mereplikasi inovasi ini, tetapi belum dihitung "
                   f"untuk lencana {e(label)}; alasannya tercantum pada setiap entri.</p>"
                   f"<ul>{''.join(pending)}</ul>")

    guide = entry.panduan_replikasi
    out.append("<h3>Panduan replikasi</h3>")
    if guide:
        label = v.label("bentuk_panduan", guide.bentuk)
        out.append(f"<p>{link(guide.tautan, label) if safe_url(guide.tautan) else e(label)}</p>")
        if guide.kebutuhan:
            out.append(f"<p><strong>Kebutuhan:</strong> {e(guide.kebutuhan)}</p>")
    else:
        out.append("<p>Belum ada panduan replikasi.</p>")
    out.append('<h3>Mereplikasi inovasi ini</h3><ul class="katalog-replikasi__mulai">')
    new_file = ctx.new_file_url(job.source, job.id, entry)
    if new_file:
        out.append(f'<li><a href="{e(new_file)}" rel="noopener">Ajukan entri replikasi di GitHub</a>: draf '
                   "berisi data yang dapat dipakai ulang; isi nama instansi, provinsi, ringkasan, masalah, kebaruan dan "
                   "uraiannya dengan kata-kata Anda sendiri, lalu ajukan pull request.</li>")
    out.append(f"<li>Atau di komputer: <code>katalog replicate {e(job.id)} --instansi \"…\" --jenis-instansi … "
               "--provinsi …</code></li>")
    js = ctx.urls.rel(f"{EXPORTS_API}/inovasi/{job.id}.json", page_url)
    out.append(f'<li>Unduh entri ini: <a href="{e(js)}" type="application/json">JSON</a>; file sumbernya ada di '
               "repositori (tautan di bawah halaman).</li></ul>")
    out.append("</section>")
    return "".join(out)


def _contact(entry: Entry) -> str:
    k = entry.kontak
    if not k:
        return ""
    rows = [_row("Jabatan", e(k.jabatan))]
    if k.email:
        rows.append(_row("Email", f'<a href="mailto:{e(k.email)}">{e(k.email)}</a>'))
    if k.telepon:
        rows.append(_row("Telepon", e(k.telepon)))
    return ('<section aria-labelledby="kontak"><h2 id="kontak">Kontak</h2><dl class="katalog-meta">'
            + "".join(rows) + "</dl></section>")


def _footer(job: EntryJob, ctx: EntryContext, edit_url: str | None) -> str:
    stale = ""
    if job.assessment.perlu_verifikasi_ulang:
        stale = ' <strong class="katalog-tanda katalog-tanda--basi">Perlu verifikasi ulang</strong>'
    edit = ""
    if edit_url:
        edit = f'<p><a class="katalog-ubah" href="{e(edit_url)}" rel="edit">Ubah entri ini di repositori</a>'
        if "/edit/" in edit_url:  # the forge shows the same file at /blob/: the source, to read or copy
            source_url = edit_url.replace("/edit/", "/blob/", 1)
            edit += f' · <a href="{e(source_url)}">file sumbernya</a>'
        edit += f" <small>(<code>{e(job.source)}</code>)</small></p>"
    return (
        '<footer class="katalog-entri__kaki">'
        f"<p>Terakhir diverifikasi: {time_tag(job.entry.diperbarui)}.{stale}</p>"
        f"<p>Lencana dihitung pada {tanggal(ctx.today)} dari data entri.</p>"
        f"{edit}</footer>"
    )


# --- JSON-LD ------------------------------------------------------------------------------------


def json_ld(job: EntryJob, ctx: EntryContext) -> str:
    entry = job.entry
    w = entry.wilayah
    area = w.kabupaten_kota or ("Indonesia" if w.provinsi == "nasional" else v.label("provinsi", w.provinsi))
    service: dict[str, Any] = {
        "@type": "GovernmentService",
        "name": entry.judul,
        "description": entry.ringkasan,
        "provider": {"@type": "GovernmentOrganization", "name": entry.instansi.nama},
        "areaServed": {"@type": "AdministrativeArea", "name": area},
        "serviceType": [v.label("urusan", u) for u in entry.urusan],
        "category": v.label("bentuk", entry.bentuk),
    }
    if entry.tautan and safe_url(entry.tautan.situs):
        service["url"] = entry.tautan.situs
    if entry.penghargaan:
        service["award"] = [f"{p.nama} ({p.tahun})" for p in entry.penghargaan]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "name": entry.judul,
        "description": entry.ringkasan,
        "inLanguage": "id",
        "dateModified": entry.diperbarui.isoformat(),
        "mainEntity": service,
    }
    url = ctx.urls.absolute(ctx.urls.entry(job.id))
    if url:
        data["url"] = url
    if entry.kata_kunci:
        data["keywords"] = ", ".join(entry.kata_kunci)
    return f'<script type="application/ld+json">{json_script(data)}</script>'
