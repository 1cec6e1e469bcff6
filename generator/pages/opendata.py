"""The open-data page: what can be downloaded, in which shape, and the CSV's columns, all from
`exports` (the same module that writes the files), so the page cannot describe files that the
build does not write.

The markup is the template `katalog/data-terbuka.html` (theme/, or the site's own
`custom_dir`); this module builds its data."""

from __future__ import annotations

from types import SimpleNamespace as NS

from .. import exports
from ..criteria import lifecycle
from ..urls import Urls
from .context import SiteContext
from .html import render

TEMPLATE = "katalog/data-terbuka.html"


def files(entry_id: str | None) -> list[tuple[str, str, str]]:
    """(path below the site, format, what it holds) of each open-data file."""
    example = entry_id or "ID"
    api = exports.API
    return [
        (f"{api}/inovasi.json", "JSON", "Semua inovasi yang diterbitkan, satu per baris: judul, ringkasan, instansi, "
                                        "wilayah, tahapan, tanggal, urusan, level kelima lencana, entri yang "
                                        "mereplikasinya, status verifikasi (verifikasi), dan alamat data "
                                        "lengkapnya (data)."),
        (f"{api}/inovasi.csv", "CSV", "Satu baris per inovasi dengan semua kunci front matter dan level lencana, "
                                      "UTF-8, siap dibuka di aplikasi lembar kerja."),
        (f"{api}/{exports.CSV_METADATA}", "CSV on the Web (W3C)", "Jenis setiap kolom CSV (teks, angka, tanggal, "
                                                                  "JSON), untuk alat yang membacanya."),
        (f"{api}/{exports.WORKBOOK}", "XLSX", "Semua inovasi dalam kolom templat impor (label formulir Usulkan "
                                              "inovasi), tanpa ceritanya: instansi dapat memperbaiki barisnya lalu "
                                              "mengimpornya lagi dengan katalog impor."),
        (f"{api}/inovasi/{example}.json", "JSON", "Satu inovasi lengkap: semua kunci front matter, lencana dengan "
                                                  "alasan dan yang masih kurang, replikasinya (dikonfirmasi atau "
                                                  "diklaim), dan verifikasinya (status, tanggal, unit peninjau)."),
        (f"{api}/{exports.RECORD_SCHEMA}", "JSON Schema", "Skema data terbuka: satu inovasi, inovasi.json dan "
                                                           "setiap butirnya (disebut inovasi.json pada kunci skema)."),
        (f"{api}/schema.json", "JSON Schema", "Skema front matter entri, dibuat dari model yang dipakai validator."),
        (f"{api}/terbaru.xml", "Atom", f"Umpan {exports.FEED_SIZE} inovasi terbaru."),
    ]


def open_data_data(ctx: SiteContext, page_url: str, licence: exports.Licence = exports.DEFAULT_LICENCE) -> NS:
    """What `katalog/data-terbuka.html` receives as `data`. `licence`: the site's
    (`exports.licence_from(config.extra)`), CC BY 4.0 by default."""
    urls: Urls = ctx.urls
    published = ctx.published
    example = published[0].id if published else None
    rows = []
    for path, kind, what in files(example):
        per_entry = path.startswith(f"{exports.API}/inovasi/")
        # with no entry published there is no example to link
        href = urls.rel(path, page_url) if example or not per_entry else None
        rows.append(NS(path=path, href=href, format=kind, isi=what))
    return NS(
        tanggal=ctx.today.isoformat(),
        jumlah=len(published),
        lisensi=NS(nama=licence.nama, url=licence.url),
        berkas=rows,
        kolom_csv=list(exports.csv_columns()),
        kolom_hitung=list(exports.COMPUTED_COLUMNS),
        status_verifikasi=[NS(**state) for state in lifecycle()],
    )


def open_data_html(ctx: SiteContext, page_url: str, licence: exports.Licence = exports.DEFAULT_LICENCE) -> str:
    return render(ctx.templates, TEMPLATE, data=open_data_data(ctx, page_url, licence))
