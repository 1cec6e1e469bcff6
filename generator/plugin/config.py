"""Settings of the `katalog` MkDocs plugin (all optional)."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config


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
    anggaran_ukuran_mb = opt.Type((int, float), default=1000)
