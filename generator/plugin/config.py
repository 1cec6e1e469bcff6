"""Settings of the `katalog` MkDocs plugin (all optional).

Option names are English, one prefix per family, like MkDocs' own (`catalogue_*`,
`verification_*`, `pages_*`, `cache*`, `size_*`); what the site shows stays Indonesian
(`extra.katalog` in mkdocs.yml). An option that was renamed keeps its earlier name as an
alias (`Renamed`): a site that still writes it builds as before, and is told the new name.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

log = logging.getLogger(f"{Config.__module__.split('.')[0]}.plugins.katalog")  # mkdocs, or properdocs


class Renamed(opt.Deprecated):
    """An option's earlier name, still read: its value goes to the new name, and the build says
    so in Indonesian at info level (MkDocs' own `Deprecated` warns, and a warning stops
    `mkdocs build --strict`: a site that kept the old name must keep building). Both names at
    once, the new one not at its default, is an error: which one was meant cannot be known."""

    def __init__(self, moved_to: str) -> None:
        super().__init__(moved_to=moved_to, message=f"katalog: opsi '{{}}' sudah berganti nama menjadi '{moved_to}'; "
                                                    "nama lama masih dibaca, tetapi tulislah nama baru di mkdocs.yml")

    def pre_validation(self, config: Config, key_name: str) -> None:
        value: Any = config.get(key_name)
        if value is None:
            return
        assert self.moved_to is not None
        default = dict(config._schema)[self.moved_to].default  # the new name's, until a site writes it
        if config.get(self.moved_to) not in (None, default):
            raise ValidationError(f"'{key_name}' adalah nama lama '{self.moved_to}'; keduanya ditulis di mkdocs.yml: "
                                  f"hapus '{key_name}'")
        log.info(self.message.format(key_name))
        config[self.moved_to] = config.pop(key_name)


class KatalogConfig(Config):
    enabled = opt.Type(bool, default=True)

    # Settings for the catalogue
    catalogue_dir = opt.Type(str, default="innovations")  # below docs_dir: <provinsi>/<id>.md
    catalogue_jobs = opt.Optional(opt.Type(int))  # worker processes; default: the usable cores

    # Settings for verification (relative to mkdocs.yml; neither is published as such)
    verification_dir = opt.Type(str, default="verifikasi")  # the reviewers' records, <id>.yml
    verification_links = opt.Type(str, default="laporan/tautan-bukti.json")  # the last evidence link check

    # Settings for pages
    pages_listing_size = opt.Type(int, default=50)  # entries per page of a province listing
    pages_nav = opt.Type(bool, default=True)  # set the site's nav when mkdocs.yml has none

    # Settings for search (the index of cari/, made while the build goes on)
    search = opt.Type(bool, default=True)

    # Settings for the body cache
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".cache/katalog")  # relative to mkdocs.yml

    # Settings for the size report (printed at the end of every build, and written as JSON to
    # `<cache_dir>/ukuran.json`): a build over this many MB (decimal: 1,000 MB = GitHub Pages'
    # 1 GB limit) ends with a warning, so `mkdocs build --strict` fails.
    size_budget_mb = opt.Type((int, float), default=1000)

    # Earlier names, still read (see `Renamed`)
    anggaran_ukuran_mb = Renamed("size_budget_mb")
