"""The open-data page: what can be downloaded, in which shape, and the CSV's columns, all from
`exports` (the same module that writes the files), so the page cannot describe files that the
build does not write."""

from __future__ import annotations

from .. import exports
from ..text import angka
from ..urls import Urls
from .context import SiteContext
from .html import e, table_box


def files(entry_id: str | None) -> list[tuple[str, str, str]]:
    """(path below the site, format, what it holds) of each open-data file."""
    example = entry_id or "ID"
    api = exports.API
    return [
        (f"{api}/inovasi.json", "JSON", "Semua inovasi yang diterbitkan, lengkap dengan lencana kriteria dan daftar "
                                        "entri yang mereplikasinya; satu inovasi per baris."),
        (f"{api}/inovasi.csv", "CSV", "Satu baris per inovasi, UTF-8, siap dibuka di aplikasi lembar kerja."),
        (f"{api}/inovasi/{example}.json", "JSON", "Satu inovasi (objek yang sama dengan di inovasi.json)."),
        (f"{api}/schema.json", "JSON Schema", "Skema front matter entri, dibuat dari model yang dipakai validator."),
        (f"{api}/terbaru.xml", "Atom", f"Umpan {exports.FEED_SIZE} inovasi terbaru."),
    ]


def licence_html(licence: exports.Licence) -> str:
    name = e(licence.nama)
    named = f'<a href="{e(licence.url)}" rel="license">{name}</a>' if licence.url else name
    return (f'<p class="katalog-lisensi"><strong>Lisensi: {named}.</strong> Data ini boleh disalin, diolah dan '
            "disebarkan ulang, termasuk untuk keperluan komersial, dengan menyebut katalog ini sebagai "
            "sumbernya. Lisensi yang sama tercantum di kepala <code>inovasi.json</code> "
            "(<code>lisensi</code>) dan di umpan Atom (<code>rights</code>).</p>")


def open_data_html(ctx: SiteContext, page_url: str, licence: exports.Licence = exports.DEFAULT_LICENCE) -> str:
    """`licence`: the site's (`exports.licence_from(config.extra)`), CC BY 4.0 by default."""
    urls: Urls = ctx.urls
    published = ctx.published
    example = published[0].id if published else None

    def href(path: str) -> str:
        return urls.rel(path, page_url)

    rows = []
    for path, kind, what in files(example):
        per_entry = path.startswith(f"{exports.API}/inovasi/")
        cell = f"<code>/{e(path)}</code>"
        if example or not per_entry:  # with no entry published there is no example to link
            cell = f'<a href="{e(href(path))}">{cell}</a>'
        rows.append(f"<tr><td>{cell}</td><td>{e(kind)}</td><td>{e(what)}</td></tr>")
    columns = "".join(f"<li><code>{e(c)}</code></li>" for c in exports.csv_columns())
    computed = "".join(f"<li><code>{e(c)}</code></li>" for c in exports.COMPUTED_COLUMNS)
    return (
        f"<p>Data ini dibuat ulang setiap kali situs dibangun ({e(ctx.today.isoformat())}) dan memuat "
        f"<strong>{angka(len(published))} inovasi</strong> yang diterbitkan; draf tidak disertakan.</p>"
        + licence_html(licence) +
        f'{table_box("Berkas data terbuka")}<table><caption>Berkas data terbuka</caption>'
        '<thead><tr><th scope="col">Berkas</th><th scope="col">Format</th><th scope="col">Isi</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
        '<h2 id="kolom-csv">Kolom CSV</h2>'
        "<p>Kolom mengikuti kunci front matter (kunci bertingkat ditulis dengan titik, misalnya "
        "<code>instansi.nama</code>). Daftar nilai dipisahkan <code>; </code>; daftar objek (hasil, evaluasi, "
        "dasar hukum …) ditulis sebagai JSON dalam satu sel. Teks yang diawali <code>=</code>, <code>+</code>, "
        "<code>-</code> atau <code>@</code> diberi awalan <code>'</code> agar tidak dijalankan sebagai rumus "
        "oleh aplikasi lembar kerja.</p>"
        f'<details><summary>{len(exports.csv_columns())} kolom dari front matter</summary><ul class="katalog-kolom">'
        f"{columns}</ul></details>"
        f'<p>Lalu kolom yang dihitung katalog:</p><ul class="katalog-kolom">{computed}</ul>'
    )
