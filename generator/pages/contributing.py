"""The contributing guide: how to add an innovation, and the field reference generated from the
entry model (its JSON Schema) and the vocabularies, so the guide always matches the validator."""

from __future__ import annotations

import re
from typing import Any

from .. import vocabulary as v
from ..model import json_schema
from .html import e

_SHORT_ENUM = 12  # longer vocabularies are listed in their own table below


def _type(prop: dict[str, Any], defs: dict[str, Any]) -> tuple[str, dict | None, list[str] | None]:
    """(type in words, nested object schema or None, allowed values or None)."""
    options = prop.get("anyOf")
    if options:
        prop = next((o for o in options if o.get("type") != "null"), options[0])
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return "objek", defs[name], None
    kind = prop.get("type")
    if kind == "array":
        inner, nested, values = _type(prop.get("items", {}), defs)
        return f"daftar {inner}", nested, values
    if "enum" in prop:
        return "pilihan", None, list(prop["enum"])
    if prop.get("format") == "date":
        return "tanggal (TTTT-BB-HH)", None, None
    if prop.get("format") == "uri":
        return "alamat web (https://…)", None, None
    if prop.get("format") == "email":
        return "email", None, None
    return {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false"}.get(
        kind or "", kind or "teks"), None, None


_LONG = {frozenset(values): name for name, values in v.ALL.items() if len(values) > _SHORT_ENUM}


def _describe(text: str) -> str:
    """A model description as HTML: `code` marked up, ending with a full stop."""
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text.strip()))
    return text + "." if text and not text.endswith((".", "!", "?", ")")) else text


def _rows(schema: dict[str, Any], defs: dict[str, Any], prefix: str = "") -> list[str]:
    required = set(schema.get("required", []))
    rows = []
    for key, prop in schema.get("properties", {}).items():
        kind, nested, values = _type(prop, defs)
        text = _describe(prop.get("description") or "")
        if values:
            long = _LONG.get(frozenset(values))
            if long:
                text += f' Nilai: lihat <a href="#kosakata-{e(long)}">kosakata {e(long)}</a>.'
            else:
                text += " Nilai: " + ", ".join(f"<code>{e(x)}</code>" for x in values) + "."
        name = f"{prefix}{key}"
        rows.append(f'<tr><th scope="row"><code>{e(name)}</code></th><td>{"ya" if key in required else ""}</td>'
                    f"<td>{e(kind)}</td><td>{text}</td></tr>")
        if nested:
            rows.extend(_rows(nested, defs, f"{name}{'[]' if kind.startswith('daftar') else ''}."))
    return rows


def field_reference() -> str:
    schema = json_schema()
    rows = _rows(schema, schema.get("$defs", {}))
    return ('<div class="katalog-tabel katalog-tabel--bidang"><table>'
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
