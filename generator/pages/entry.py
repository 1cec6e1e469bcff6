"""The page of one innovation: everything a visitor, a replicating agency or a search engine
needs, built from the entry, its badges and the catalogue's replication index.

Python builds the data of each part; the markup is the templates `katalog/entri/*.html`
(theme/, or the site's own `custom_dir`), which escape every value. The adapter puts the result
into the site's page shell. Order follows what a reader asks first: what is it and who runs it,
the five criteria in one line, the story, then the details (data, the reasons of each badge,
results, evidence, how to replicate it).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from types import SimpleNamespace as NS
from typing import Any
from urllib.parse import quote, urlencode

from markupsafe import Markup

from .. import issueform
from .. import vocabulary as v
from ..criteria import (
    DEFAULT_LEVEL_NAMES,
    KEYS,
    LIFECYCLE,
    TABLE,
    Assessment,
    level_name,
    next_level,
    score_text,
)
from ..exports import API as EXPORTS_API
from ..linkcheck import DeadLink
from ..model import Entry, Nilai
from ..text import angka, truncate
from ..urls import CRITERIA, Urls
from ..verification import State, badges_note, short_text, valid_until
from .html import e, render, safe_url


@dataclass(frozen=True, slots=True)
class Linked:
    """Another catalogue entry named on this page (replicated from / replicated by)."""

    id: str
    judul: str | None  # None when it is not published (a draft): shown without a link
    instansi: str = ""
    dikonfirmasi: bool = False  # the origin of the replication lists it (`replikasi_dikonfirmasi`)


@dataclass(slots=True)
class EntryJob:
    """Everything one entry page needs: the entry and the few catalogue facts it shows.

    Small and picklable: pages are built in worker processes that do not hold the catalogue.
    Its body is not in it: the body cache has its HTML by `key`, or the writer reads the body
    from `path` and holds it to `key` (`catalogue.read_body`).
    """

    id: str
    source: str  # below the docs dir, e.g. "innovations/jawa-timur/x.md"
    entry: Entry
    assessment: Assessment
    path: str  # the entry's file, where its body is read from
    display: str  # that file as diagnostics name it
    key: str  # the body's cache key: its digest as the load saw it (`catalogue.Body.key`)
    origins: tuple[Linked, ...] = ()  # `replikasi_dari` entries of the catalogue, by id
    replicas: tuple[Linked, ...] = ()  # published entries that replicate this one
    verifikasi: State = State("diajukan")  # its place in the lifecycle (`verification.lifecycle`)
    tautan_mati: tuple[DeadLink, ...] = ()  # evidence links that did not open at the last check

    def __reduce__(self) -> tuple[Any, ...]:
        # The model travels as its JSON text and is read back by pydantic's parser: about half
        # what pickling a model costs (pydantic's __setstate__ for each nested model), the
        # load cache's own way of keeping a model (`catalogue._from_cache`).
        return (_job, (self.id, self.source, self.entry.model_dump_json(), self.assessment, self.path, self.display,
                       self.key, self.origins, self.replicas, self.verifikasi, self.tautan_mati))


def _job(entry_id: str, source: str, entry: str, *rest: Any) -> EntryJob:
    """An `EntryJob` as it was pickled (`EntryJob.__reduce__`)."""
    return EntryJob(entry_id, source, Entry.model_validate_json(entry), *rest)



def proposal_form(edit_base: str | None, **fields: str) -> str | None:
    """The repository's *Usulkan inovasi* issue form (`issueform`: anyone with a GitHub account
    proposes an innovation without git; its workflow turns the answers into a draft entry and a
    pull request), with `fields` filled in (GitHub fills a form's fields from the query). None
    when the repository is not on GitHub (`edit_base`: repo_url + edit_uri)."""
    start = _form_start(edit_base)
    if start is None:
        return None
    if "template" in fields:  # a field that would replace the template's (none of ours)
        return f"{start.split('?', 1)[0]}?{urlencode({'template': posixpath.basename(issueform.TEMPLATE_PATH), **fields})}"
    return f"{start}&{urlencode(fields)}" if fields else start


@lru_cache(maxsize=8)
def _form_start(edit_base: str | None) -> str | None:
    """The form's address with its template chosen: what every proposal link of a build shares,
    made once (`urlencode` writes the fields in order, joined by "&")."""
    if not edit_base or not edit_base.startswith("https://github.com/") or "/edit/" not in edit_base:
        return None
    repo = edit_base.split("/edit/", 1)[0]
    return f"{repo}/issues/new?{urlencode({'template': posixpath.basename(issueform.TEMPLATE_PATH)})}"


@dataclass(frozen=True)
class EntryContext:
    """What every entry page shares: URLs, the forge's edit link, the build date."""

    urls: Urls
    edit_base: str | None
    today: date
    templates: tuple[str, ...] | None = None  # the template search path (see `html.templates`)

    def edit_url(self, source: str) -> str | None:
        return self.edit_base + quote(source) if self.edit_base else None

    def proposal_url(self, entry_id: str, entry: Entry) -> str | None:
        """The repository's *Usulkan inovasi* issue form (`issueform`), opened to propose a
        replication of this entry: the origin and a working title filled in (GitHub fills form
        fields from the query); the form's workflow turns the answers into a draft entry and a
        pull request. None on other forges. (`katalog replicate` is the path with git: it copies
        what can be reused into a draft.) A short link: it is on every entry page."""
        return proposal_form(self.edit_base, title=f"{issueform.TITLE_PREFIX}Replikasi {entry.judul}",
                             **{issueform.REPLICATES_FIELD: entry_id})

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


DESCRIPTION = 160
"""The page's description (<meta name=description>, the sharing card's): the ringkasan cut at a
word to what search engines and share cards show; the page itself shows all of it."""


def build_entry_page(job: EntryJob, ctx: EntryContext, body_html: str) -> EntryPage:
    page_url = ctx.urls.entry(job.id)
    edit = ctx.edit_url(job.source)
    return EntryPage(
        title=e(job.entry.judul),
        description=e(truncate(job.entry.ringkasan, DESCRIPTION)),
        head=json_ld(job, ctx),
        content=entry_content(job, ctx, body_html, page_url, edit),
        edit_url=e(edit) if edit else "",
    )


# --- the article --------------------------------------------------------------------------------
#
# The markup lives in templates (theme/katalog/entri/*.html, which a site's custom_dir may
# override); here each page's data is built: plain values (the template escapes them), URLs
# already reduced to http(s) or None, labels from the vocabularies, dates as `date`s. The one
# value passed as Markup is the body, which `render.render_markdown` sanitised.

ARTICLE = "katalog/entri/artikel.html"
HEAD = "katalog/entri/kepala.html"


def entry_content(job: EntryJob, ctx: EntryContext, body_html: str, page_url: str, edit_url: str | None) -> str:
    return render(ctx.templates, ARTICLE, **article_data(job, ctx, body_html, page_url, edit_url))


def article_data(job: EntryJob, ctx: EntryContext, body_html: str, page_url: str,
                 edit_url: str | None) -> dict[str, Any]:
    """What the article template receives: `entri`, `lencana`, `hasil`, `uraian`, `tautan`,
    `tautan_mati`, `keberlanjutan`, `penghargaan`, `replikasi`, `kontak`, `kaki` (see ARCHITECTURE.md)."""
    entry = job.entry
    return dict(
        entri=_entry_data(job, ctx, page_url),
        lencana=_badges_data(job.assessment, entry, ctx.urls, page_url, job.verifikasi),
        tautan_mati=[NS(url=safe_url(d.url), teks=d.url, klaim=list(d.claims), sejak=d.since, sebab=d.reason)
                     for d in job.tautan_mati],
        hasil=_results_data(entry),
        uraian=_body_data(body_html),
        tautan=_links_data(entry),
        keberlanjutan=_sustainability_data(entry),
        penghargaan=[NS(nama=p.nama, tahun=p.tahun, capaian=p.capaian, ajang=v.label("ajang", p.ajang))
                    for p in entry.penghargaan],
        replikasi=_replication_data(job, ctx, page_url),
        kontak=_contact_data(entry),
        kaki=_footer_data(job, ctx, edit_url),
    )


def _labels(vocabulary: str, slugs: list[str]) -> list[str]:
    return [v.label(vocabulary, s) for s in slugs]


def _entry_data(job: EntryJob, ctx: EntryContext, page_url: str) -> NS:
    entry = job.entry
    w = entry.wilayah
    t = entry.tanggal
    image = ctx.image_path(job.source, entry.gambar)
    return NS(
        id=job.id,
        judul=entry.judul,
        ringkasan=entry.ringkasan,
        masalah=entry.masalah,
        instansi=entry.instansi.nama,
        jenis_instansi=v.label("jenis_instansi", entry.instansi.jenis),
        unit=entry.unit,
        provinsi=v.label("provinsi", w.provinsi),
        provinsi_href=ctx.urls.rel(ctx.urls.listing(w.provinsi), page_url),
        jelajahi_href=ctx.urls.rel(ctx.urls.index(ctx.urls.browse), page_url),
        kabupaten_kota=w.kabupaten_kota,
        kode_wilayah=w.kode,
        tahapan=v.label("tahapan", entry.tahapan),
        status=v.label("status", entry.status),
        jenis=v.label("jenis", entry.jenis),
        bentuk=v.label("bentuk", entry.bentuk),
        urusan=_labels("urusan", entry.urusan),
        mulai=t.mulai,
        penerapan=t.penerapan,
        berhenti=t.berhenti,
        kebaruan=(NS(jenis=v.label("jenis_kebaruan", entry.kebaruan.jenis), uraian=entry.kebaruan.uraian)
                     if entry.kebaruan else None),
        area_perubahan=_labels("area_perubahan", entry.area_perubahan),
        nilai_berakhlak=_labels("nilai_berakhlak", entry.nilai_berakhlak),
        sdgs=list(entry.sdgs),
        kata_kunci=list(entry.kata_kunci),
        diperbarui=entry.diperbarui,
        gambar=ctx.urls.rel(image, page_url) if image else None,
        siklus=_lifecycle_data(job.verifikasi),
    )


def _lifecycle_data(s: State) -> NS:
    """The entry's place in the lifecycle, for its label (`teks`, as cards and search results
    write it) and the sentence under it (the template composes it from these facts)."""
    return NS(
        status=s.status,
        label=s.label,
        teks=short_text(s),
        arti=LIFECYCLE.meanings[s.status],
        sebab=s.sebab,
        tanggal=s.tanggal,
        oleh=s.oleh,
        peran=s.peran,
        alasan=s.alasan,
        terakhir=s.terakhir,
        berlaku_sampai=valid_until(s.tanggal) if s.tanggal else None,
        berlaku=LIFECYCLE.valid_months,
        tidak_aktif=LIFECYCLE.inactive_months,
    )


def _badges_data(a: Assessment, entry: Entry, urls: Urls, page_url: str, state: State) -> NS:
    """The badges as a citizen reads them: the level's name, what the criterion means, the
    evidence found and what earns the next level, all in the criteria table's words. The keys
    and YAML an author adds are in `katalog badges` and the pull request's comment."""
    basis = entry.manfaat.dasar if entry.manfaat else None
    kind = entry.kebaruan.jenis if entry.kebaruan else None
    badges = []
    for key in KEYS:
        badge = a.kriteria[key]
        nama, keterangan, naik = _level_words(key, badge.level, basis if key == "bermanfaat" else None,
                                              kind if key == "kebaruan" else None)
        badges.append(NS(
            kunci=key,
            label=badge.label,
            level=badge.level,
            nama=nama,  # "bukti kuat": the chips and the explanation
            keterangan=keterangan,
            alasan=badge.alasan,
            naik=NS(nama=naik[0], cara=list(naik[1]), syarat=list(naik[2])) if naik else None,
        ))
    return NS(
        daftar=badges,
        lengkap=a.lengkap,
        verifikasi=badges_note(state, [(k, a.kriteria[k].label) for k in KEYS]),  # whose evidence was verified
        skor=score_text(a.skor),
        legenda=DEFAULT_LEVEL_NAMES,
        kriteria_href=urls.rel(urls.page(CRITERIA), page_url),
    )


@cache
def _level_words(key: str, level: int, basis: str | None,
                 kind: str | None) -> tuple[str, str, tuple[str, tuple[str, ...], tuple[str, ...]] | None]:
    """What the page says of a badge at `level`, all from the criteria table (read once per
    process): the level's name, what the criterion means, and what earns the next level (its
    name, the ways and the conditions, worded to continue a sentence: "Untuk bukti kuat: A;
    atau b (syarat: c; d)."), or None at the top. Made once for each of the few combinations
    of level, benefit basis and novelty kind, instead of for each of 32,000 pages."""
    ways, conditions = next_level(key, level, basis, kind)
    ways = ways[:1] + [_lower(w) for w in ways[1:]]
    conditions = [_lower(c) for c in conditions]
    naik = (level_name(key, level + 1), tuple(ways), tuple(conditions)) if ways else None
    return level_name(key, level), TABLE["kriteria"][key].get("keterangan", ""), naik


def _lower(text: str) -> str:
    """A list item ("Panduan replikasi …") continuing a sentence."""
    return text[:1].lower() + text[1:]


def _value(n: Nilai | None, unit: str | None) -> NS | None:
    if n is None:
        return None
    return NS(teks=_with_unit(angka(n.nilai), unit), tanggal=n.tanggal)


_BENEFIT_UNITS = {name: basis.get("satuan") for name, basis in TABLE["kriteria"]["bermanfaat"]["dasar"].items()}


def _with_unit(value: str, unit: str | None) -> str:
    if not unit:
        return value
    return f"{value}%" if unit == "%" else f"{value} {unit}"


def _results_data(entry: Entry) -> NS | None:
    if not entry.hasil and not entry.manfaat and not entry.evaluasi:
        return None
    m = entry.manfaat
    manfaat = None
    if m:
        manfaat = NS(
            dasar=v.label("dasar_manfaat", m.dasar),
            nilai=_with_unit(angka(m.nilai), _BENEFIT_UNITS.get(m.dasar)) if m.nilai is not None else None,
            keterangan=m.keterangan,
            bukti=safe_url(m.bukti),
        )
    return NS(
        indikator=[NS(indikator=h.indikator, sebelum=_value(h.sebelum, h.satuan),
                       sesudah=_value(h.sesudah, h.satuan), sumber=h.sumber, bukti=safe_url(h.bukti))
                      for h in entry.hasil],
        manfaat=manfaat,
        evaluasi=[NS(jenis=v.label("jenis_evaluasi", ev.jenis), judul=ev.judul, tautan=safe_url(ev.tautan),
                      tahun=ev.tahun) for ev in entry.evaluasi],
    )


def _body_data(body_html: str) -> NS | None:
    if not body_html.strip():
        return None
    return NS(html=Markup(body_html), berjudul=body_html.lstrip().startswith("<h2"))


def _links_data(entry: Entry) -> list[tuple[str, str, str]]:
    """(what, http(s) URL, link text) for the entry's own links: its site, video and documents.
    The evidence of a claim is linked beside it (results, benefit, evaluations, legal bases,
    replications): once on the page, where it is read."""
    t = entry.tautan
    if not t:
        return []
    items: list[tuple[str, str | None, str]] = []
    if safe_url(t.situs):
        items.append(("Situs", t.situs, t.situs))
    if safe_url(t.video):
        items.append(("Video", t.video, t.video))
    items += [("Dokumen", safe_url(d.url), d.judul) for d in t.dokumen]
    return items  # type: ignore[return-value]


def _law(d: Any) -> str:
    kind = d.judul if d.jenis == "lainnya" and d.judul else v.label("jenis_dasar_hukum", d.jenis)
    text = f"{kind} Nomor {d.nomor} Tahun {d.tahun}"
    if d.judul and d.jenis != "lainnya":
        text += f" tentang {d.judul}"
    return text


def _sustainability_data(entry: Entry) -> NS | None:
    k = entry.keberlanjutan
    if not k:
        return None
    doer = None
    if k.pelaksana:
        doer = ", ".join(x for x in (k.pelaksana.unit or "", f"SK {k.pelaksana.sk}" if k.pelaksana.sk else "") if x)
    data = NS(
        dasar_hukum=[NS(tautan=safe_url(d.tautan), teks=_law(d)) for d in k.dasar_hukum],
        anggaran=", ".join(str(y) for y in sorted(set(k.anggaran))),
        sumber_anggaran=list(k.sumber_anggaran),
        pelaksana=doer,
    )
    return data if any(vars(data).values()) else None


def _replication_data(job: EntryJob, ctx: EntryContext, page_url: str) -> NS:
    entry = job.entry
    known = {item.id: item for item in job.origins}

    def linked(item: Linked) -> NS:
        href = ctx.urls.rel(ctx.urls.entry(item.id), page_url) if item.judul is not None else None
        return NS(id=item.id, judul=item.judul, instansi=item.instansi, href=href, dikonfirmasi=item.dikonfirmasi)

    origins = []
    for item in entry.replikasi_dari:
        if item.inovasi:
            origin = known.get(item.inovasi) or Linked(item.inovasi, None)
            origins.append(NS(entri=linked(origin), dikonfirmasi=origin.dikonfirmasi))
        else:
            origins.append(NS(entri=None, tautan=safe_url(item.tautan), teks=item.instansi or item.tautan or ""))
    # The transfer badge decided which catalogue replications count; the others are in progress.
    transfer = job.assessment.kriteria["dapat_ditransfer"]
    gaps = dict(transfer.replikasi)
    guide = entry.panduan_replikasi
    return NS(
        dari=origins,
        oleh=[linked(item) for item in job.replicas if not gaps.get(item.id)],
        oleh_luar=[NS(instansi=r.instansi, tahun=r.tahun, bukti=safe_url(r.bukti))
                      for r in entry.replikasi_oleh],
        proses=[NS(**vars(linked(item)), alasan=gaps[item.id]) for item in job.replicas if gaps.get(item.id)],
        lencana=transfer.label,
        panduan=(NS(bentuk=v.label("bentuk_panduan", guide.bentuk), tautan=safe_url(guide.tautan),
                     kebutuhan=guide.kebutuhan) if guide else None),
        ajukan_url=ctx.proposal_url(job.id, entry),
        json_href=ctx.urls.rel(f"{EXPORTS_API}/inovasi/{job.id}.json", page_url),
    )


def _contact_data(entry: Entry) -> NS | None:
    k = entry.kontak
    if not k:
        return None
    return NS(jabatan=k.jabatan, email=k.email, telepon=k.telepon)


def _footer_data(job: EntryJob, ctx: EntryContext, edit_url: str | None) -> NS:
    source_url = None
    if edit_url and "/edit/" in edit_url:  # the forge shows the same file at /blob/: the source, to read or copy
        source_url = edit_url.replace("/edit/", "/blob/", 1)
    return NS(
        diperbarui=job.entry.diperbarui,
        dihitung=ctx.today,
        ubah_url=edit_url,
        sumber_url=source_url,
        sumber=job.source,
    )


# --- JSON-LD ------------------------------------------------------------------------------------


def json_ld(job: EntryJob, ctx: EntryContext) -> str:
    """The page's extra <head> markup: the JSON-LD of `json_ld_data`, through its template."""
    return render(ctx.templates, HEAD, json_ld=json_ld_data(job, ctx))


def json_ld_data(job: EntryJob, ctx: EntryContext) -> dict[str, Any]:
    """schema.org: the page (when it was last verified) about a GovernmentService (its name,
    provider, area, affairs and, when they exist, its site and awards). Only what the page's
    <head> does not already say: its address is the canonical link, its language <html lang>,
    its name the <title> and its description the <meta> (the ringkasan, shown in full on the
    page); the kind and the keywords are in the page's data card."""
    entry = job.entry
    w = entry.wilayah
    area = w.kabupaten_kota or ("Indonesia" if w.provinsi == "nasional" else v.label("provinsi", w.provinsi))
    service: dict[str, Any] = {
        "@type": "GovernmentService",
        "name": entry.judul,
        "provider": {"@type": "GovernmentOrganization", "name": entry.instansi.nama},
        "areaServed": area,
        "serviceType": [v.label("urusan", u) for u in entry.urusan],
    }
    if entry.tautan and safe_url(entry.tautan.situs):
        service["url"] = entry.tautan.situs
    if entry.penghargaan:
        service["award"] = [f"{p.nama} ({p.tahun})" for p in entry.penghargaan]
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "dateModified": entry.diperbarui.isoformat(),
        "mainEntity": service,
    }
