"""Drafts: a new entry's front matter and the replication draft, and an entry written as a file.
What `katalog new`, `katalog replicate`, `katalog new --dari-isu` and `katalog impor` start
from; below the adapters that write the files (`scaffold`, `importer`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

from .model import Entry
from .placeholders import BODY, KEBARUAN_URAIAN, MASALAH, RINGKASAN


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


def replication_draft(source: Entry, source_id: str, *, instansi: str, jenis_instansi: str,
                      provinsi: str, kabupaten_kota: str | None, kode: str | None,
                      today: date) -> tuple[dict[str, Any], str]:
    """The front matter and body of a draft replicating `source_id` (`katalog replicate`).

    Only what is reusable is copied: the classification (urusan, bentuk, jenis, area_perubahan,
    nilai_berakhlak, sdgs, kata_kunci), the link to the origin and its replication guide. The
    summary, the problem, what is new and the story must be the replicating agency's own, so
    they start as the placeholders of `placeholders` (validation names each one still there:
    a warning in a draft, an error once published). The origin's story is not copied either."""
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
