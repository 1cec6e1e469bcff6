"""The methodology page, generated from the criteria table (`criteria.methodology()`), so the
public description of the badges and the rules that compute them cannot drift apart."""

from __future__ import annotations

from ..criteria import MAX_LEVEL, general_rules, methodology
from .html import e, table_box


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{e(i)}</li>" for i in items) + "</ul>" if items else ""


def methodology_html(source_url: str | None = None) -> str:
    parts = [
        "<p>Setiap inovasi dinilai pada lima kriteria inovasi pelayanan publik menurut Permen PANRB 30/2014: "
        "<strong>kebaruan, efektif, bermanfaat, dapat ditransfer dan berkelanjutan</strong>. Level mengikuti tiga "
        "tingkat bukti indikator Indeks Inovasi Daerah. Penilaian dilakukan otomatis dari data di setiap entri, "
        "sehingga setiap lencana dapat ditelusuri ke buktinya; di halaman inovasi tercantum alasan setiap level "
        "dan apa yang kurang untuk level berikutnya.</p>",
        '<h2 id="aturan-umum">Aturan umum</h2>',
        _list(general_rules()),
    ]
    for c in methodology():
        parts.append(f'<h2 id="{e(c["key"].replace("_", "-"))}">{e(c["label"])}</h2>')
        if c.get("keterangan"):
            parts.append(f"<p>{e(c['keterangan'])}</p>")
        if c.get("syarat"):
            parts.append("<p><strong>Syarat dinilai:</strong></p>" + _list(c["syarat"]))
        zero = c["nama_level"][0]
        rows = f'<tr><th scope="row">Level 0</th><td>{e(zero)}</td><td>Bukti untuk level 1 belum ada di entri</td></tr>'
        rows += "".join(
            f'<tr><th scope="row">Level {t["level"]}</th><td>{e(t["nama"])}</td><td>{_list(t["bukti"]) or "–"}</td></tr>'
            for t in c["tingkat"])
        parts.append(
            table_box(f"{c['label']}: nama dan bukti setiap level", "metode") + "<table>"
            f"<caption>{e(c['label'])}: nama dan bukti setiap level</caption>"
            '<thead><tr><th scope="col">Level</th><th scope="col">Nama</th>'
            '<th scope="col">Bukti yang diperlukan (salah satu)</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")
        if c.get("dasar"):
            head = "".join(f'<th scope="col">Level {n}</th>' for n in range(1, MAX_LEVEL + 1))
            body = "".join(
                f'<tr><th scope="row">{e(d["label"])}</th>'
                + "".join(f"<td>{e(d['pita'].get(n, '–'))}</td>" for n in range(1, MAX_LEVEL + 1)) + "</tr>"
                for d in c["dasar"])
            ref = f" ({e(c['rujukan'])})" if c.get("rujukan") else ""
            parts.append(table_box("Pita nilai manfaat per dasar", "metode") + "<table>"
                         f"<caption>Pita nilai manfaat per dasar{ref}</caption>"
                         f'<thead><tr><th scope="col">Dasar</th>{head}</tr></thead><tbody>{body}</tbody></table></div>')
        if c.get("pilar"):
            parts.append("<p><strong>Pilar keberlanjutan:</strong></p>" + _list([p["syarat"] for p in c["pilar"]]))
        if c.get("catatan"):
            parts.append("<p><strong>Catatan:</strong></p>" + _list(c["catatan"]))
    source = ""
    if source_url:
        source = f' (<a href="{e(source_url)}">generator/criteria_table.yaml</a>)'
    parts.append(f'<p class="katalog-catatan">Halaman ini dibuat dari tabel kriteria{source} yang juga dipakai '
                 "untuk menghitung lencana, sehingga keduanya selalu sama.</p>")
    return "".join(parts)
