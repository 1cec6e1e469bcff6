"""The contributing guide: how to add an innovation, and the field reference generated from the
entry model (its JSON Schema) and the vocabularies, so the guide always matches the validator."""

from __future__ import annotations

import re

from .. import reference
from .. import vocabulary as v
from .html import e, table_box

_SHORT_ENUM = 12  # longer vocabularies are listed in their own table below


_LONG = {frozenset(values): name for name, values in v.ALL.items() if len(values) > _SHORT_ENUM}


def _describe(text: str) -> str:
    """Reference text as HTML: `code` marked up, ending with a full stop."""
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text.strip()))
    return text + "." if text and not text.endswith((".", "!", "?", ")")) else text


def _kind(kind: str) -> str:
    """The reference's words for a type; a long vocabulary links to its table below."""
    match = re.search(r"pilihan `([a-z_]+)` \((\d+) nilai", kind)
    if match:
        name = match.group(1)
        prefix = "daftar " if kind.startswith("daftar") else ""
        return f'{prefix}pilihan <a href="#kosakata-{e(name)}">kosakata {e(name)}</a> ({match.group(2)} nilai)'
    return _describe(kind).rstrip(".")


def field_reference() -> str:
    """The same rows as CONTRIBUTING.md's reference (`reference.rows`, from the model's schema)."""
    rows = []
    for path, kind, required, limits, description in reference.rows():
        note = " ".join(x for x in (_describe(description), e(limits) + "." if limits else "") if x)
        rows.append(f'<tr><th scope="row"><code>{e(path)}</code></th><td>{"ya" if required else ""}</td>'
                    f"<td>{_kind(kind)}</td><td>{note}</td></tr>")
    return (table_box("Kunci front matter sebuah entri", "bidang") + "<table>"
            "<caption>Kunci front matter sebuah entri</caption>"
            '<thead><tr><th scope="col">Kunci</th><th scope="col">Wajib</th><th scope="col">Isi</th>'
            f'<th scope="col">Keterangan</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def vocabularies() -> str:
    parts = []
    for name in sorted(_LONG.values()):
        values = v.ALL[name]
        rows = "".join(f"<tr><td><code>{e(slug)}</code></td><td>{e(label)}</td></tr>" for slug, label in values.items())
        parts.append(f'<details class="katalog-data" id="kosakata-{e(name)}"><summary>Kosakata {e(name)} '
                     f"({len(values)} nilai)</summary><table><thead><tr><th scope=\"col\">Nilai</th>"
                     f'<th scope="col">Label</th></tr></thead><tbody>{rows}</tbody></table></details>')
    return "".join(parts)


def contributing_html(quality_url: str | None = None) -> str:
    quality = f' Lihat juga <a href="{e(quality_url)}">laporan kualitas data</a>.' if quality_url else ""
    return "".join([
        '<h2 id="langkah">Langkah menambahkan inovasi</h2><ol>'
        "<li>Buat file <code>content/innovations/&lt;provinsi&gt;/&lt;id&gt;.md</code>. Nama folder adalah slug "
        "provinsi (atau <code>nasional</code> untuk instansi pusat); nama file adalah id entri: huruf kecil, angka "
        "dan tanda hubung, misalnya <code>tulungagung-adminduk-keliling.md</code>. Id menjadi alamat halaman "
        "<code>/inovasi/&lt;id&gt;/</code>, jadi jangan diubah setelah terbit.</li>"
        "<li>Isi front matter (di antara dua baris <code>---</code>) sesuai tabel di bawah, lalu tulis uraian "
        "lengkapnya dalam Markdown dengan bagian <em>Latar Belakang, Inovasi, Hasil dan Dampak, Cara "
        "Mereplikasi</em>. Mulai cepat dengan <code>katalog new</code>, atau <code>katalog replicate &lt;id&gt;</code> "
        "untuk mereplikasi inovasi yang sudah ada.</li>"
        "<li>Periksa: <code>katalog validate content/innovations/&lt;provinsi&gt;/&lt;id&gt;.md</code>. Setiap "
        "masalah ditunjukkan dengan file, baris dan kolomnya. <code>katalog badges</code> menampilkan lencana "
        "yang akan diperoleh.</li>"
        "<li>Ajukan pull request. CI memeriksa entri dan memberi komentar tepat di baris yang salah. Setelah "
        "digabungkan, entri terbit pada pembangunan situs berikutnya (kecuali <code>draf: true</code>).</li></ol>",
        '<h2 id="bukti">Bukti menaikkan lencana</h2>'
        "<p>Lencana dihitung dari bukti yang Anda tulis: indikator hasil dengan nilai sebelum dan sesudah, tautan "
        "bukti manfaat, panduan replikasi, dasar hukum, anggaran dan SK tim pelaksana. Halaman setiap inovasi "
        f"menuliskan apa yang kurang untuk naik level.{quality}</p>",
        '<h2 id="bidang">Kunci front matter</h2>'
        "<p>Tabel ini dibuat dari skema yang juga dipakai validator, sehingga selalu sesuai. Kunci yang tidak dikenal "
        "ditolak. Kunci bertitik (<code>instansi.nama</code>) berada di dalam objeknya; \u201cwajib\u201d pada kunci "
        "seperti itu berarti wajib bila objeknya diisi.</p>",
        field_reference(),
        '<h2 id="kosakata">Kosakata</h2>',
        vocabularies(),
    ])
