"""A draft entry's front matter, and the replication draft: what `katalog new`, `katalog
replicate` and the entry pages' prefilled replication link all start from. An output of the
core (the entry pages use it), below the adapters that write files (`scaffold`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson
import yaml

from .model import Entry
from .placeholders import AGENCY, BODY, KEBARUAN_URAIAN, MASALAH, PLACE, PROBLEM, PROVINCE, RINGKASAN


@dataclass
class NewEntry:
    judul: str
    instansi: str
    jenis_instansi: str
    provinsi: str
    kabupaten_kota: str | None = None
    kode: str | None = None
    urusan: list[str] = field(default_factory=lambda: ["lainnya"])
    ringkasan: str = RINGKASAN
    masalah: str = MASALAH
    tahapan: str = "inisiatif"
    jenis: str = "non_digital"
    bentuk: str = "pelayanan_publik"
    mulai: date | None = None
    id: str | None = None


def front_matter(request: NewEntry, today: date) -> dict[str, Any]:
    wilayah: dict[str, Any] = {"provinsi": request.provinsi}
    if request.kabupaten_kota:
        wilayah["kabupaten_kota"] = request.kabupaten_kota
    if request.kode:
        wilayah["kode"] = request.kode
    mulai = request.mulai or today
    tanggal: dict[str, Any] = {"mulai": mulai.isoformat()}
    if request.tahapan == "penerapan":
        tanggal["penerapan"] = mulai.isoformat()
    return {
        "judul": request.judul,
        "ringkasan": request.ringkasan,
        "instansi": {"nama": request.instansi, "jenis": request.jenis_instansi},
        "wilayah": wilayah,
        "tahapan": request.tahapan,
        "status": "aktif",
        "tanggal": tanggal,
        "jenis": request.jenis,
        "bentuk": request.bentuk,
        "urusan": list(request.urusan),
        "masalah": request.masalah,
        "diperbarui": today.isoformat(),
        "draf": True,
    }


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def render(data: dict[str, Any], body: str) -> str:
    """An entry as a file, keys in the order the author reads them: what `katalog new`, `--dari-isu`
    and `katalog impor` write (libyaml's emitter: thousands of rows are written in one import)."""
    front = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100,
                      default_flow_style=False).strip()
    story = body.strip("\n")
    return f"---\n{front}\n---\n\n{story}\n" if story else f"---\n{front}\n---\n"


REUSABLE = ("area_perubahan", "nilai_berakhlak", "sdgs", "kata_kunci")
"""List fields a replication copies from its origin as they are (urusan, jenis and bentuk too)."""


def replication_draft(source: Entry, source_id: str, source_body: str, *, instansi: str, jenis_instansi: str,
                      provinsi: str, kabupaten_kota: str | None, kode: str | None,
                      today: date) -> tuple[dict[str, Any], str]:
    """The front matter and body of a draft replicating `source_id` (`katalog replicate`, and
    the prefilled new-file link on entry pages).

    Only what is reusable is copied: the classification (urusan, bentuk, jenis, area_perubahan,
    nilai_berakhlak, sdgs, kata_kunci), the link to the origin and its replication guide. The
    summary, the problem, what is new and the story must be the replicating agency's own, so
    they start as the placeholders of `placeholders` (validation names each one still there:
    a warning in a draft, an error once published). `source_body` is not copied; it is kept as
    a parameter for callers that pass it."""
    del source_body
    request = NewEntry(
        judul=f"{source.judul} — replikasi {kabupaten_kota or instansi}"[:160], instansi=instansi,
        jenis_instansi=jenis_instansi, provinsi=provinsi, kabupaten_kota=kabupaten_kota, kode=kode,
        urusan=list(source.urusan), ringkasan=RINGKASAN, masalah=MASALAH, jenis=source.jenis,
        bentuk=source.bentuk,
    )
    data = front_matter(request, today)
    data["kebaruan"] = {"jenis": "modifikasi", "uraian": KEBARUAN_URAIAN}
    data["replikasi_dari"] = [{"inovasi": source_id}]
    for key in REUSABLE:
        value = getattr(source, key)
        if value:
            data[key] = list(value)
    guide = source.panduan_replikasi
    if guide is not None:
        data["panduan_replikasi"] = guide.model_dump(mode="json", exclude_none=True)
    body = (f"> Direplikasi dari [{source.judul}](../{source_id}/) — {source.instansi.nama}. Tuliskan kisah "
            "replikasi di daerah Anda dengan kata-kata sendiri.\n\n" + BODY)
    return data, body


def replication_template(source: Entry, source_id: str, today: date) -> tuple[str, str]:
    """(file name below content/innovations/, text) of a replication draft to open on the forge
    from an entry page. The agency, province and problem are placeholders the author replaces
    (the validator names each until it is replaced); the body is the section template, so that
    the link stays a few kilobytes long.

    Written with `render_quoted`: tens of thousands of entry pages carry one, and PyYAML's
    dumper (160 µs even in C) would cost seconds per build."""
    data, _ = replication_draft(source, source_id, "", instansi=AGENCY, jenis_instansi="pemkab",
                                provinsi=PROVINCE, kabupaten_kota=PLACE, kode=None, today=today)
    data["judul"] = f"{source.judul} — replikasi"[:160]
    data["masalah"] = PROBLEM
    body = f"> Direplikasi dari {source.judul} — {source.instansi.nama}.\n\n{BODY}"
    return f"{PROVINCE}/{source_id}-replikasi.md", f"---\n{render_quoted(data)}---\n{body}"


def render_quoted(data: dict[str, Any], indent: str = "") -> str:
    """YAML block mappings and sequences whose strings are JSON strings: valid YAML (JSON
    strings are YAML double-quoted scalars), safe for any text, and fast."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:\n" + render_quoted(value, indent + "  ").rstrip("\n"))
        elif isinstance(value, list):
            lines.append(f"{indent}{key}:")
            for item in value:
                if isinstance(item, dict):
                    inner = render_quoted(item, indent + "    ")
                    lines.append(f"{indent}  - {inner[len(indent) + 4:]}".rstrip("\n"))
                else:
                    lines.append(f"{indent}  - {_scalar(item)}")
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return orjson.dumps(str(value)).decode()
