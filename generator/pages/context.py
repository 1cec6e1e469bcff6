"""What every page builder needs to know about the build: the catalogue, the URLs, the date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial

from .. import vocabulary as v
from ..catalogue import Catalogue, Record
from ..linkcheck import DeadLink, LinkReport, dead_links
from ..urls import Urls
from .entry import EntryContext, EntryJob, Linked
from .writer import PagePlan


@dataclass
class SiteContext:
    catalogue: Catalogue[Record]
    urls: Urls = field(default_factory=Urls)
    edit_base: str | None = None  # repo_url + edit_uri, e.g. https://github.com/o/r/edit/main/content/
    site_name: str = "Katalog Inovasi"
    templates: tuple[str, ...] | None = None  # the theme dirs, the site's custom_dir first (`html.templates`)
    links: LinkReport | None = None  # the last check of the evidence links (`linkcheck`), if any

    @property
    def today(self) -> date:
        return self.catalogue.today

    @cached_property
    def published(self) -> list[Record]:
        """Published entries, sorted by id (the catalogue's order)."""
        return self.catalogue.published()

    @cached_property
    def by_provinsi(self) -> dict[str, list[Record]]:
        """Province slug → its published entries sorted by title, in the vocabulary's order."""
        groups: dict[str, list[Record]] = {slug: [] for slug in v.PROVINSI}
        for record in self.published:
            groups.setdefault(record.entry.wilayah.provinsi, []).append(record)
        for records in groups.values():
            records.sort(key=title_key)
        return groups

    def entry_context(self) -> EntryContext:
        return EntryContext(self.urls, self.edit_base, self.today, self.templates)

    def linked(self, record: Record) -> tuple[tuple[Linked, ...], tuple[Linked, ...]]:
        """The other catalogue entries the page of `record` names, as it shows them: the entries
        it replicates (`replikasi_dari`, each by id: a published one with its title and agency,
        and whether it confirms this one) and the published entries that replicate it."""
        records = self.catalogue.records
        origins = []
        for target in dict.fromkeys(t for t in record.replicates if t):
            other = records.get(target)
            if other is not None and other.is_published:
                # Confirmed when the origin lists this entry among the replications it confirms.
                origins.append(Linked(target, other.entry.judul, other.entry.instansi.nama, record.id in other.confirms))
            else:
                origins.append(Linked(target, None))
        replicas = self.catalogue.replicas_of(record.id)
        if not replicas:
            return tuple(origins), ()
        confirmed = set(record.confirms)
        return tuple(origins), tuple(Linked(r.id, r.entry.judul, r.entry.instansi.nama, r.id in confirmed)
                                     for r in replicas)

    def entry_job(self, record: Record) -> EntryJob:
        """The page of `record` as a self-contained job (see `pages.writer`)."""
        origins, replicas = self.linked(record)
        return EntryJob(record.id, record.source, record.entry, record.assessment, str(record.path), record.display,
                        record.body.key, origins, replicas, record.verifikasi, dead_links(record.entry, self.links))

    def entry_pages(self, records: Iterable[Record]) -> Iterator[PagePlan]:
        """The pages of `records` as the writer first sees them (`writer.PagePlan`): each with
        what it is made of (`page_inputs`), its body's cache key, and its job made only when the
        page has to be written."""
        for record in records:
            origins, replicas = self.linked(record)
            dead = dead_links(record.entry, self.links)
            yield PagePlan(record.id, page_inputs(record, origins, replicas, dead), record.body.key,
                           partial(self.entry_job, record))


def page_inputs(record: Record, origins: tuple[Linked, ...], replicas: tuple[Linked, ...],
                dead: tuple[DeadLink, ...]) -> str | None:
    """What the page of `record` is made of besides what every entry page shares (the shell,
    the entry context, the templates, the code: `writer.context_fingerprint`), as text to hash;
    None when the record has no key (its file could not be read plainly): then only its whole
    job says (`writer.job_fingerprint`).

    It holds, and that is all `build_entry_page` reads (the job's fields and the `EntryContext`):
    - the record's `key` (`load_cache.key`): its file's bytes, its verification record's bytes,
      the build date, the kind of load, the package's code and tables and the libraries that
      read and render entries. Equal keys give an equal model (`job.entry`), body (its digest
      `job.key`, and so its rendered HTML, with the source's folder below), own badges
      and lifecycle state (`job.verifikasi`);
    - its id and source path (the page's address, its edit and source links, its image's path);
      the key covers them too, and they cost nothing;
    - the entries it names, exactly as the page shows them (`SiteContext.linked`: each origin's
      id, title, agency and whether it confirms this one, or that it is not published; each
      published replication's id, title, agency and whether this one confirms it): what the
      page reads of other files;
    - its badges, when another entry replicates it: only then does the catalogue amend its
      transfer badge (`catalogue._amend_transfer`), from what its replications say; otherwise
      they are the ones its key gives;
    - its evidence links that did not open at the last check (`linkcheck.dead_links`: url,
      claims, since when, why), from the link report, which is no entry file.
    """
    if not record.key:
        return None
    return repr((record.id, record.source, record.key, origins, replicas, record.assessment if replicas else None,
                 dead))


def title_key(record: Record) -> tuple[str, str]:
    return (record.entry.judul.casefold(), record.id)
