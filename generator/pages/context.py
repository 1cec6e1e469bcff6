"""What every page builder needs to know about the build: the catalogue, the URLs, the date."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from .. import vocabulary as v
from ..catalogue import Catalogue, Record
from ..linkcheck import LinkReport, dead_links
from ..render import cache_key
from ..urls import Urls
from .entry import EntryContext, EntryJob, Linked


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

    def entry_job(self, record: Record) -> EntryJob:
        """The page of `record` as a self-contained job (see `pages.writer`)."""
        records = self.catalogue.records
        origins = []
        for target in dict.fromkeys(t for t in record.replicates if t):
            other = records.get(target)
            if other is not None and other.is_published:
                # Confirmed when the origin lists this entry among the replications it confirms.
                origins.append(Linked(target, other.entry.judul, other.entry.instansi.nama, record.id in other.confirms))
            else:
                origins.append(Linked(target, None))
        confirmed = set(record.confirms)
        replicas = tuple(Linked(r.id, r.entry.judul, r.entry.instansi.nama, r.id in confirmed)
                         for r in self.catalogue.replicas_of(record.id))
        return EntryJob(record.id, record.source, record.entry, record.assessment, record.body,
                        cache_key(record.body, posixpath.dirname(record.source)), tuple(origins), replicas,
                        record.verifikasi, dead_links(record.entry, self.links))


def title_key(record: Record) -> tuple[str, str]:
    return (record.entry.judul.casefold(), record.id)
