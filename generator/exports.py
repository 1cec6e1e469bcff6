"""Open data: the published catalogue as files anyone can download and reuse.

    api/inovasi.json         every published entry (a summary each), with its badges and who replicated it
    api/inovasi.csv          one row per entry, UTF-8 with a BOM (spreadsheets open it as UTF-8)
    api/inovasi.csv-metadata.json   the CSV described for CSV on the Web (W3C): each column's type
    api/inovasi/<id>.json    one entry, its whole record
    api/inovasi.schema.json  the JSON Schema of the open data's records (named by inovasi.json's `skema`):
                             the model's fields plus the computed ones (id, url, lencana, direplikasi_oleh)
    api/schema.json          the JSON Schema of the front matter, from the model
    api/terbaru.xml          an Atom feed of the newest entries
    api/inovasi.xlsx         the catalogue in the columns of `katalog impor`'s template (the form's labels),
                             so that an agency can correct its rows and import them again

Core (no MkDocs): the plugin writes these into the site, `katalog export --out DIR` without
building it. Drafts are never exported. Everything is a function of the catalogue and the build
date, so two builds of the same catalogue write the same bytes.

A warm build's work follows what changed: each entry's pieces of the whole-catalogue files (its
item of inovasi.json, its CSV row, its record file's fingerprint, its row of the workbook)
are kept for the next build (`Piece`: an index in the build's cache dir, `PIECES_FILE`, of
places in the last inovasi.json and inovasi.csv kept beside it, and the workbook's rows apart),
keyed by everything they read (`piece_fingerprint`), and its record file is linked from the
previous site; only the entries that changed, or read one that changed, are made again, and
an edit writes again only the index of the cache.

The CSV's columns, after the id, come from the JSON Schema (one source of truth: the model):
each scalar field, nested ones by dotted name (`instansi.nama`); a list of values joined by
"; "; a list of objects as compact JSON in one cell. Then the computed ones: the page URL, the
five badge levels, lengkap, skor, the entries that replicate it and the entry's place in the
lifecycle (`verifikasi.status`, `verifikasi.tanggal`, `verifikasi.oleh`: `verification.State`).

The data's licence (CC BY 4.0 unless the site sets `extra.katalog.lisensi` in mkdocs.yml; see
`licence_from`) is named in inovasi.json's header, as the feed's <rights> and on the open-data page.
"""

from __future__ import annotations

import csv
import errno
import gzip
import io
import os
import queue
import re
import shutil
import sys
import tempfile
import threading
import zlib
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version as _version
from typing import Any, BinaryIO, NamedTuple
from xml.sax.saxutils import escape, quoteattr

import orjson
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, create_model

from . import load_cache, sheets
from .catalogue import Catalogue, Record, newest_first
from .criteria import KEYS, MAX_LEVEL, Assessment
from .machinery import digest, hasher, keep, write_file, write_whole
from .model import ID_PATTERN, json_schema
from .urls import Urls
from .verification import OpenVerification

API = "api"
RECORD_SCHEMA = "inovasi.schema.json"
WORKBOOK = "inovasi.xlsx"
_WORKBOOK_KEY = f"{API}/{WORKBOOK}"  # its fingerprint among the per-entry ones (never an entry id)
CSV_METADATA = "inovasi.csv-metadata.json"
FEED_SIZE = 50
FEED_TITLE = "Inovasi terbaru"
COMPUTED_COLUMNS = ("url", *(f"lencana.{key}" for key in KEYS), "lencana.lengkap", "lencana.skor",
                    "direplikasi_oleh", "verifikasi.status", "verifikasi.tanggal", "verifikasi.oleh")
_CELL_START = re.compile(r"(^[ \u00a0]*|[,;\t\r\n\"][ \u00a0]*)(?=[=+\-@])")
"""Where a spreadsheet may start a cell of this text: its start, and after every character that
separates cells or rows in some reading of the file (`,`, Excel's `;` under Indonesian settings,
tab, a line break, a quote that opens a field), spaces aside."""
_RISKY_START = re.compile(r"[ \u00a0]*[=+\-@]|[\t\r]").match
_RISKY_INSIDE = re.compile(r"[,;\t\r\n\"][ \u00a0]*[=+\-@]").search


def _risky(text: str) -> bool:
    """Whether `_guard` changes `text`: a formula character where a cell may start, or a leading
    tab or carriage return (a date's or a name's `-` is not). The same as `_CELL_START` or a
    leading tab or return found anywhere, in two patterns that each start with what they look
    for, so the regex engine skips to it (one search of `_CELL_START`, whose `^` alternative
    is tried at every character, cost 3.6 times as much: 180,000 cells at 8,000 entries)."""
    return bool(_RISKY_START(text) or _RISKY_INSIDE(text))


def _guard(text: str) -> str:
    """Text that starts no formula however the file is read (CSV injection): a `'` before every
    `=`, `+`, `-` or `@` that could begin a cell, and before a leading tab or carriage return.
    Entries come from pull requests; the JSON files keep the text exactly."""
    if not _risky(text):
        return text
    if text.startswith(("\t", "\r")):
        text = "'" + text
    return _CELL_START.sub(r"\1'", text)


@dataclass(frozen=True)
class Licence:
    """The licence the open data is published under."""

    nama: str = "CC BY 4.0"
    url: str | None = "https://creativecommons.org/licenses/by/4.0/deed.id"

    def as_json(self) -> dict[str, str | None]:
        return {"nama": self.nama, "url": self.url}


DEFAULT_LICENCE = Licence()


def licence_from(extra: Mapping[str, Any] | None) -> Licence:
    """The licence a site sets in mkdocs.yml (`extra: katalog: lisensi: {nama, url}`), else
    CC BY 4.0. A name without a URL has none (only CC BY 4.0's own is known)."""
    katalog = (extra or {}).get("katalog") or {}
    given = katalog.get("lisensi") if isinstance(katalog, Mapping) else None
    if not isinstance(given, Mapping) or not given.get("nama"):
        return DEFAULT_LICENCE
    nama = str(given["nama"]).strip()
    url = given.get("url") or (DEFAULT_LICENCE.url if nama == DEFAULT_LICENCE.nama else None)
    return Licence(nama, str(url) if url else None)


@dataclass(frozen=True)
class OpenEntry:
    """What the open-data files say of one published entry."""

    record: Record
    assessment: Assessment
    replicas: tuple[Record, ...]


@dataclass(frozen=True)
class ExportStats:
    entries: int
    files: int  # files in api/ this export wrote or kept, counted as they were
    bytes: int
    kept: int = 0  # per-entry files unchanged since the previous build, linked from its site folder
    fingerprints: dict[str, str] = field(default_factory=dict)  # entry id → its file's fingerprint
    computed: int = 0  # entries whose record, row and summary were made (the others' were kept: `Piece`)
    # With `carry`: the unchanged per-entry files left in the previous site's folder (name → bytes),
    # to be carried over at publish (`machinery.carry_over`) from `carried_from` to `carried_to`.
    carried: dict[str, int] = field(default_factory=dict)
    carried_from: str = ""
    carried_to: str = ""


def open_entries(catalogue: Catalogue[Record]) -> list[OpenEntry]:
    """Published entries in id order, each with its badges and the published entries that
    replicate it."""
    return [OpenEntry(record, record.assessment, tuple(catalogue.replicas_of(record.id)))
            for record in catalogue.published()]


def entry_data(item: OpenEntry, url: str | None) -> dict[str, Any]:
    """One entry as open data: id, page URL, the front matter, badges, replications."""
    data = item.record.entry.model_dump(mode="json", exclude={"draf"})
    badges = item.assessment.to_json(item.record.id)
    del badges["id"]
    # What a gap lacks is named by its key and its words; the YAML example for that key is the
    # same for every entry (it is on the methodology page and in `katalog badges`), so the open
    # data does not repeat it 32,000 times.
    for result in badges["kriteria"].values():
        for gap in result["kurang"]:
            del gap["contoh"]
    gaps = dict(item.assessment.kriteria["dapat_ditransfer"].replikasi)
    confirmed = set(item.record.confirms)
    state = item.record.verifikasi
    return {
        "id": item.record.id,
        "url": url,
        **data,
        "lencana": badges,
        # Every published replication in the catalogue; `dihitung` says whether it counts for the
        # transfer badge yet, and `belum_dihitung` why not (a replication in progress);
        # `dikonfirmasi` whether this entry's agency confirms it (else it is only claimed).
        "direplikasi_oleh": [{"id": r.id, "instansi": r.instansi, "dihitung": not gaps.get(r.id, ""),
                              **({"belum_dihitung": gaps[r.id]} if gaps.get(r.id) else {}),
                              "dikonfirmasi": r.id in confirmed}
                             for r in item.replicas],
        # Its place in the lifecycle, and the verification record behind it (`verification.State`).
        "verifikasi": state.to_json() if state is not None else None,
    }


# What inovasi.json keeps of each entry: what a list, a map or a table of the whole catalogue
# needs. The full record (every front-matter key, each badge's reasons and what it lacks) is the
# entry's own file, `data` links it; the CSV has every key too. So the collection does not repeat
# the per-entry files (at 32,000 entries: 131 MB repeated), and every byte is still published once.
SUMMARY_KEYS = ("id", "url", "judul", "ringkasan", "instansi", "wilayah", "tahapan", "status", "tanggal", "jenis",
                "bentuk", "urusan", "diperbarui")


def summary_data(data: dict[str, Any], record_url: str) -> dict[str, Any]:
    """An entry in inovasi.json: `SUMMARY_KEYS` of its record, its badge levels (and whether
    complete, the score), the ids that replicate it, its place in the lifecycle (status, date,
    unit) and `data`: its record."""
    badges = data["lencana"]
    state = data["verifikasi"] or {}
    return {
        **{key: data[key] for key in SUMMARY_KEYS},
        "data": record_url,
        "lencana": {
            "kriteria": {key: {"level": b["level"], "nama_level": b["nama_level"]}
                         for key, b in badges["kriteria"].items()},
            "lengkap": badges["lengkap"],
            "skor": badges["skor"],
        },
        "direplikasi_oleh": [r["id"] for r in data["direplikasi_oleh"] if r["dihitung"]],
        "verifikasi": {key: state.get(key) for key in ("status", "tanggal", "oleh")},
    }


# --- CSV ----------------------------------------------------------------------------------------


def csv_columns(schema: dict[str, Any] | None = None) -> list[str]:
    """The front-matter columns of the CSV, in the schema's order (which is the model's)."""
    schema = schema or json_schema()
    defs = schema.get("$defs", {})
    columns: list[str] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while True:
            if "$ref" in node:
                node = defs[node["$ref"].rsplit("/", 1)[1]]
            elif "anyOf" in node:  # Optional[X]: the non-null branch
                branches = [b for b in node["anyOf"] if b.get("type") != "null"]
                node = branches[0] if len(branches) == 1 else {}
            else:
                return node

    def walk(node: dict[str, Any], prefix: str) -> None:
        for name, prop in node.get("properties", {}).items():
            target = resolve(prop)
            if target.get("type") == "object" and "properties" in target:
                walk(target, f"{prefix}{name}.")
            elif name != "draf" or prefix:
                columns.append(prefix + name)

    walk(schema, "")
    return columns


def _cell(value: Any) -> str:
    if type(value) is str:
        # A cell that starts like a formula runs as one when the file is opened in a spreadsheet
        # (CSV injection), whichever separator the spreadsheet reads it with: see `_guard`.
        return _guard(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if any(isinstance(v, dict | list) for v in value):
            return _json_cell(value)
        return _guard("; ".join([_cell(v) if type(v) is not str or _risky(v) else v for v in value]))
    if isinstance(value, dict):
        return _json_cell(value)
    return str(value)


def _json_cell(value: Any) -> str:
    """A nested value as JSON text in one cell. JSON writes tabs and line breaks inside its
    strings as escapes, and `;` appears only inside strings: written as `\\u003b` (the same
    JSON), no separator of any reading splits the cell, so no cell can start inside it."""
    return orjson.dumps(value).decode().replace(";", "\\u003b")


def _getter(dotted: str) -> Callable[[dict[str, Any]], Any]:
    """A function reading `a.b.c` from the entry's dict (None where a level is absent)."""
    first, *rest = dotted.split(".")
    if not rest:
        return lambda data: data.get(first)

    def get(data: dict[str, Any]) -> Any:
        value = data.get(first)
        for part in rest:
            if value is None:
                return None
            value = value.get(part)
        return value

    return get


class CsvTable:
    """The CSV as text: its `header`, then a row at a time (`row`, from the same dicts as the
    JSON), which a warm build keeps for the next."""

    def __init__(self) -> None:
        self.columns = csv_columns()
        self._getters = [_getter(c) for c in self.columns]
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")
        self.header = self._text(["id", *self.columns, *COMPUTED_COLUMNS])

    def _text(self, row: list[Any]) -> str:
        self._writer.writerow(row)
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text

    def row(self, data: dict[str, Any]) -> str:
        """The row of one entry's record (`entry_data`), as CSV text with its line end."""
        badges = data["lencana"]
        kriteria = badges["kriteria"]
        row = [data["id"]]
        for get in self._getters:
            value = get(data)
            # Most cells are text with nothing to guard, or empty: told apart without a call.
            if type(value) is str:
                row.append(_guard(value) if _RISKY_START(value) or _RISKY_INSIDE(value) else value)
            elif value is None or value == []:
                row.append("")
            else:
                row.append(_cell(value))
        row.append(data["url"] or "")
        row += [kriteria[key]["level"] for key in KEYS]
        state = data.get("verifikasi") or {}
        row += [_cell(badges["lengkap"]), badges["skor"], "; ".join(r["id"] for r in data["direplikasi_oleh"]),
                _cell(state.get("status")), _cell(state.get("tanggal")), _cell(state.get("oleh"))]
        return self._text(row)


# --- what the files hold, for tools ---------------------------------------------------------------


def _badge_models() -> tuple[type[BaseModel], type[BaseModel], type[BaseModel]]:
    """The computed parts of a record as pydantic models, so that their schema comes from code
    and a test holds the published files to it: one criterion's badge, the five, a replication."""

    class Kekurangan(BaseModel):
        model_config = ConfigDict(extra="forbid")
        teks: str = Field(description="Apa yang menaikkan lencana ke level berikutnya")
        kunci: str = Field(description="Kunci front matter yang perlu ditambahkan ([] menandai butir daftar)")

    class Kriteria(BaseModel):
        model_config = ConfigDict(extra="forbid")
        level: int = Field(ge=0, le=MAX_LEVEL)
        nama_level: str
        alasan: list[str]
        kurang: list[Kekurangan]

    class Ringkas(BaseModel):
        model_config = ConfigDict(extra="forbid")
        level: int = Field(ge=0, le=MAX_LEVEL)
        nama_level: str

    def badges(item: type[BaseModel], name: str) -> type[BaseModel]:
        five = create_model(f"Kriteria{name}", __config__=ConfigDict(extra="forbid"),
                            **{key: (item, ...) for key in KEYS})
        return create_model(f"Lencana{name}", __config__=ConfigDict(extra="forbid"), kriteria=(five, ...),
                            lengkap=(bool, ...), skor=(int, Field(ge=0, le=MAX_LEVEL * len(KEYS))))

    class Replikasi(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str = Field(pattern=ID_PATTERN)
        instansi: str
        dihitung: bool = Field(description="Dihitung untuk lencana dapat ditransfer")
        belum_dihitung: str | None = Field(None, description="Mengapa belum dihitung (replikasi dalam proses)")
        dikonfirmasi: bool = Field(description="Instansi inovasi asal mengonfirmasi replikasi ini (bukan hanya diklaim)")

    return badges(Kriteria, ""), badges(Ringkas, "Ringkas"), Replikasi


def record_schema() -> dict[str, Any]:
    """The JSON Schema of the open data: the front matter's model (less `draf`) plus the fields
    the catalogue computes. Its root accepts each published document: a per-entry record
    (`api/inovasi/<id>.json`, `$defs/inovasi`), `inovasi.json` itself (`$defs/koleksi`) and one
    item of its list (`$defs/ringkasan`), each closed to keys it does not name."""
    front = json_schema()
    defs = dict(front.pop("$defs", {}))
    lencana, ringkas, replikasi = _badge_models()
    computed = TypeAdapter(tuple[lencana, ringkas, replikasi, OpenVerification | None]).json_schema(
        ref_template="#/$defs/{model}")
    defs.update(computed.pop("$defs", {}))
    lencana_ref, ringkas_ref, replikasi_ref, verifikasi_ref = computed["prefixItems"]
    state = defs[OpenVerification.__name__]["properties"]
    fields = {k: v for k, v in front["properties"].items() if k != "draf"}
    record = {
        "type": "object", "title": "Satu inovasi (api/inovasi/<id>.json)", "additionalProperties": False,
        "properties": {"id": {"type": "string", "pattern": ID_PATTERN, "description": "Id entri (nama filenya)"},
                       "url": {"type": ["string", "null"], "description": "Alamat halaman inovasi"},
                       **fields, "lencana": lencana_ref,
                       "direplikasi_oleh": {"type": "array", "items": replikasi_ref},
                       "verifikasi": verifikasi_ref},
        "required": ["id", "url", *fields, "lencana", "direplikasi_oleh", "verifikasi"],
    }
    summary = {
        "type": "object", "title": "Satu butir daftar inovasi.json", "additionalProperties": False,
        "properties": {**{k: record["properties"][k] for k in SUMMARY_KEYS},
                       "data": {"type": "string", "description": "Alamat data lengkap inovasi ini"},
                       "lencana": ringkas_ref,
                       "direplikasi_oleh": {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN},
                                            "description": "Id entri yang mereplikasinya dan dihitung"},
                       "verifikasi": {"type": "object", "additionalProperties": False,
                                      "required": ["status", "tanggal", "oleh"],
                                      "properties": {key: state[key] for key in ("status", "tanggal", "oleh")}}},
        "required": [*SUMMARY_KEYS, "data", "lencana", "direplikasi_oleh", "verifikasi"],
    }
    collection = {
        "type": "object", "title": "inovasi.json", "additionalProperties": False,
        "properties": {"judul": {"type": "string"}, "dibangun": {"type": "string", "format": "date"},
                       "jumlah": {"type": "integer", "minimum": 0}, "skema": {"type": "string"},
                       "lisensi": {"type": "object", "additionalProperties": False, "required": ["nama", "url"],
                                   "properties": {"nama": {"type": "string"}, "url": {"type": ["string", "null"]}}},
                       "inovasi": {"type": "array", "items": {"$ref": "#/$defs/ringkasan"}}},
        "required": ["judul", "dibangun", "jumlah", "skema", "lisensi", "inovasi"],
    }
    defs.update({"inovasi": record, "ringkasan": summary, "koleksi": collection})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Data terbuka Katalog Inovasi",
        "description": "Satu inovasi (api/inovasi/<id>.json), inovasi.json, atau satu butir daftarnya. Skema front "
                       "matter entri (yang ditulis instansi) ada di schema.json.",
        "anyOf": [{"$ref": "#/$defs/inovasi"}, {"$ref": "#/$defs/koleksi"}, {"$ref": "#/$defs/ringkasan"}],
        "$defs": defs,
    }


_CSVW_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _csvw_type(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """A JSON Schema node as a CSV on the Web column's datatype (and list separator)."""
    while "$ref" in node or "anyOf" in node:
        if "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        else:
            branches = [b for b in node["anyOf"] if b.get("type") != "null"]
            node = branches[0] if len(branches) == 1 else {}
    kind = node.get("type")
    if kind == "array":
        item = node.get("items", {})
        while "$ref" in item:
            item = defs[item["$ref"].rsplit("/", 1)[1]]
        if item.get("type") in ("object", "array"):
            return {"datatype": "json"}
        return {**_csvw_type(item, defs), "separator": "; "}
    if kind == "object":
        return {"datatype": "json"}
    if kind == "string" and node.get("format") == "date":
        return {"datatype": "date"}
    if kind == "string" and node.get("format") == "uri":
        return {"datatype": "anyURI"}
    if kind == "string" and "enum" in node or "const" in node:
        return {"datatype": "string"}
    return {"datatype": _CSVW_TYPES.get(str(kind), "string")}


def csv_metadata(licence: Licence = DEFAULT_LICENCE, site_name: str = "Katalog Inovasi") -> dict[str, Any]:
    """The CSV described for CSV on the Web (W3C, `inovasi.csv-metadata.json` beside it): each
    column's name, title and datatype, from the same schema as the columns themselves, so a tool
    that reads it keeps `wilayah.kode` (`35.10`) as text and reads the levels as integers."""
    schema = json_schema()
    defs = schema.get("$defs", {})

    def node_of(dotted: str) -> dict[str, Any]:
        node: dict[str, Any] = schema
        for part in dotted.split("."):
            while "$ref" in node or "anyOf" in node:
                if "$ref" in node:
                    node = defs[node["$ref"].rsplit("/", 1)[1]]
                else:
                    node = next(b for b in node["anyOf"] if b.get("type") != "null")
            node = node["properties"][part]
        return node

    required = set(schema.get("required", []))
    columns = [{"name": "id", "titles": "id", "datatype": "string", "required": True,
                "dc:description": "Id entri: alamat halamannya /inovasi/<id>/"}]
    for name in csv_columns(schema):
        node = node_of(name)
        column = {"name": name, "titles": name, **_csvw_type(node, defs)}
        if name in required and "." not in name:
            column["required"] = True
        if node.get("description"):
            column["dc:description"] = node["description"]
        columns.append(column)
    computed: dict[str, dict[str, Any]] = {"url": {"datatype": "anyURI"}, "lencana.lengkap": {"datatype": "boolean"},
                                           "lencana.skor": {"datatype": "integer"},
                                           "direplikasi_oleh": {"datatype": "string", "separator": "; "},
                                           "verifikasi.status": {"datatype": "string"},
                                           "verifikasi.tanggal": {"datatype": "date"},
                                           "verifikasi.oleh": {"datatype": "string"}}
    for name in COMPUTED_COLUMNS:
        columns.append({"name": name, "titles": name, **computed.get(name, {"datatype": "integer"})})
    return {
        "@context": "http://www.w3.org/ns/csvw",
        "url": "inovasi.csv",
        "dc:title": f"{site_name}: inovasi yang diterbitkan",
        "dc:license": {"@id": licence.url} if licence.url else licence.nama,
        "dc:description": "Satu baris per inovasi. Daftar nilai dipisah '; '; daftar objek ditulis sebagai JSON. "
                          "Teks yang diawali karakter rumus diberi awalan ' agar aplikasi lembar kerja tidak "
                          "menjalankannya.",
        "dialect": {"encoding": "utf-8", "header": True, "delimiter": ",", "doubleQuote": True,
                    "lineTerminators": ["\r\n"]},
        "tableSchema": {"columns": columns, "primaryKey": "id"},
    }


# --- Atom ---------------------------------------------------------------------------------------


def newest(items: list[OpenEntry], n: int = FEED_SIZE) -> list[OpenEntry]:
    """The feed's entries, in the home page's order (`catalogue.newest_first`)."""
    by_record = {id(p.record): p for p in items}
    return [by_record[id(r)] for r in newest_first([p.record for p in items], n)]


def atom_feed(items: list[OpenEntry], *, site_name: str, site_url: str | None,
              url_of: Callable[[str], str | None], today: date, licence: Licence = DEFAULT_LICENCE) -> bytes:
    """An Atom feed of the newest entries. Without a site URL the links are relative to the
    feed (in api/) and the ids are tag: URIs, which Atom allows."""
    chosen = newest(items)
    updated = max((p.record.entry.diperbarui for p in chosen), default=today)
    home = site_url or "../"
    feed_id = site_url or "tag:katalog-inovasi,2026:katalog"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">',
        f"<title>{escape(f'{FEED_TITLE} — {site_name}')}</title>",
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{updated.isoformat()}T00:00:00Z</updated>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(home)}/>",
        f"<author><name>{escape(site_name)}</name></author>",
        f"<rights>{escape(licence_text(licence))}</rights>",
    ]
    for p in chosen:
        entry = p.record.entry
        link = url_of(p.record.id) or ""
        entry_id = link if site_url and link else f"tag:katalog-inovasi,2026:{p.record.id}"
        summary = f"{entry.instansi.nama} ({entry.wilayah.kabupaten_kota or entry.wilayah.provinsi}). {entry.ringkasan}"
        out += [
            "<entry>",
            f"<title>{escape(entry.judul)}</title>",
            f"<id>{escape(entry_id)}</id>",
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(link)}/>",
            f"<published>{entry.tanggal.mulai.isoformat()}T00:00:00Z</published>",
            f"<updated>{entry.diperbarui.isoformat()}T00:00:00Z</updated>",
            f"<author><name>{escape(entry.instansi.nama)}</name></author>",
            f"<summary>{escape(summary)}</summary>",
            "</entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


# --- writing ------------------------------------------------------------------------------------

_BATCH = 256  # per-entry files handed to a writer thread at a time


def licence_text(licence: Licence) -> str:
    """One line naming the licence, for the feed's <rights>."""
    where = f" ({licence.url})" if licence.url else ""
    return f"Data dapat digunakan ulang dengan lisensi {licence.nama}{where}, dengan menyebut sumbernya."


def write_exports(catalogue: Catalogue[Record], out_dir: str | os.PathLike[str], *, urls: Urls | None = None,
                  site_name: str = "Katalog Inovasi", licence: Licence = DEFAULT_LICENCE,
                  previous_dir: str | None = None, previous: Mapping[str, str] | None = None,
                  cache: str | None = None, carry: bool = False) -> ExportStats:
    """Write every open-data file into `out_dir/api/`.

    Entry page links are absolute when `urls` knows the site's address, else relative: to the
    site root in the JSON and CSV, to `api/` in the feed. One pass over the entries streams
    inovasi.json and inovasi.csv to disk, and the workbook's rows to a spool (an unnamed
    temporary file) read back as the workbook is compressed, a batch at a time, while two
    threads write the per-entry files (file creation is most of the cost, and releases the GIL).
    A cold export (no previous site, no kept pieces) hands the rows instead to two threads that
    compress the workbook and the rows kept for the next build while the loop goes on (`_Stream`).
    What outlives a batch is a small line of the index per entry: no whole-catalogue file is
    ever held whole (at 100,000 entries, with the sheet's rows, more than half a GB). A kept
    entry's summary and row are copied from where they lie in the last build's files, a run of
    adjacent ones at a time (`_Joined`), never read whole; inovasi.json and inovasi.csv are
    written as new files (`_create`), as the copies read from may be the very files replaced.

    A warm build: `previous` holds the fingerprints of the per-entry files in `previous_dir`
    (the previous build's site folder, `ExportStats.fingerprints`); a file whose bytes would be
    the same is hard-linked from there (or, built in place, left as it is) instead of written.
    `cache`: the file (in the build's cache dir) where each entry's pieces of the whole-catalogue
    files are kept for the next build (`Piece`, keyed by `piece_fingerprint`): an entry whose
    pieces are kept and whose file the previous site holds costs no record, no row and no
    summary; only the entries that changed, or that read one that changed, are made again.
    `carry`: a staged build, whose previous site folder is swapped out at publish. An unchanged
    file is then not linked but left in the previous site's `api/inovasi/` (`ExportStats.carried`)
    for the build to carry over whole as it publishes (`machinery.carry_over`): a rename of one
    folder where a link costs a system call for each of 32,000 files."""
    urls = urls or Urls()
    site_url = urls.site_url
    url_of = _page_url(urls)

    def record_url_of(entry_id: str) -> str:
        """The entry's file, beside inovasi.json: absolute with the site's address, else relative
        to inovasi.json itself."""
        path = f"inovasi/{entry_id}.json"
        return urls.absolute(f"{API}/{path}") or path

    def feed_url_of(entry_id: str) -> str:
        return urls.absolute(urls.entry(entry_id)) or "../" + urls.entry(entry_id)

    api = os.path.join(out_dir, API)
    folder = os.path.join(api, "inovasi")
    os.makedirs(folder, exist_ok=True)
    items = open_entries(catalogue)
    size = 0
    previous = previous or {}
    old = os.path.join(previous_dir, API, "inovasi") if previous_dir and previous else None
    if old and not os.path.isdir(old):
        old = None
    in_place = bool(old) and os.path.samefile(old, folder)
    fingerprints: dict[str, str] = {}
    present: set[str] | None = None  # carried: the files the previous site's folder holds
    if carry and old is not None and not in_place:
        try:
            with os.scandir(old) as found:
                present = {item.name for item in found if item.is_file(follow_symlinks=False)}
        except OSError:
            present = None

    # Each entry's pieces kept by the previous build, when what they are made from is the same.
    kept, kept_from = _load_index(cache)
    context = _piece_context() if cache else b""
    plans: list[tuple[str, str, str, Piece | None]] = []  # url, record url, fingerprint, kept piece
    for item in items:
        entry_id = item.record.id
        url, record_url = url_of(entry_id), record_url_of(entry_id)
        fingerprint = piece_fingerprint(context, item, url, record_url) if cache else ""
        piece = kept.get(entry_id) if fingerprint else None
        if piece is not None and piece.fingerprint != fingerprint:
            piece = None
        plans.append((url, record_url, fingerprint, piece))

    files = 1  # counted as each file is written (or kept): the workbook, then the others
    for name, document in (("schema.json", json_schema()), (RECORD_SCHEMA, record_schema()),
                           (CSV_METADATA, csv_metadata(licence, site_name))):
        size += write_file(os.path.join(api, name), orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
        files += 1
    header = {"judul": site_name, "dibangun": catalogue.today.isoformat(), "jumlah": len(items),
              "skema": RECORD_SCHEMA, "lisensi": licence.as_json()}
    pending: list[Future[tuple[int, int, int, list[str], dict[str, int]]]] = []
    batch: list[tuple[str, bytes | None, int, bool]] = []
    # What outlives a batch is small: each entry's line of the index (`_Place`), its sheet row's
    # fingerprint and the length of its row in `spool` (the rows made, in order, on disk until
    # the workbook is put together; 0: a kept row, read from the kept rows).
    pieces: list[_Place] = []
    shifted = 0  # entries of `pieces` that are not the kept piece at the same places
    workbook = os.path.join(api, WORKBOOK)
    rows_path = _copies(cache)[2] if cache else None
    # A cold export (no previous site, no kept pieces) makes every row and keeps no workbook: the
    # workbook, and the rows kept for the next build, are written beside the loop as its batches
    # come (`_Stream`), on the other core, not after it from a spool.
    feeds: list[_Stream] = []
    streamed: tuple[_Thread, _Thread | None] | None = None
    if old is None and not kept:
        feeds.append(_Stream())
        threads = [_Thread(feeds[0].consume, _write_workbook, workbook, len(items), feeds[0], catalogue.today)]
        if rows_path:
            feeds.append(_Stream())
            threads.append(_Thread(feeds[1].consume, save_sheet_rows, rows_path, len(items), feeds[1]))
        for thread in threads:
            thread.start()
        streamed = (threads[0], threads[1] if rows_path else None)
    spool = tempfile.TemporaryFile(dir=api) if streamed is None else None
    spooled = array("Q")
    sheet_chunk: list[bytes | memoryview] = []
    sheet_digests: list[str] = []
    workbook_hash = hasher()
    computed = 0
    whole_path, table_path = os.path.join(api, "inovasi.json"), os.path.join(api, "inovasi.csv")

    def hand_on(sheet_chunk: list[bytes | memoryview]) -> None:
        """A batch's sheet rows to the spool, or (`streamed`) to the threads that write them."""
        if spool is not None:
            spool.write(b"".join(sheet_chunk))
        elif sheet_chunk:
            feeds[0].put(sheet_chunk)
            if len(feeds) > 1:
                feeds[1].put(list(zip(sheet_digests[len(sheet_digests) - len(sheet_chunk):], sheet_chunk,
                                      strict=True)))

    try:
        # Each file made anew (`_create`): the last one may be the very copy the kept pieces are read from.
        with ThreadPoolExecutor(max_workers=2) as pool, \
                _Joined(whole_path, kept_from.whole.fileno() if kept_from else None) as whole, \
                _Joined(table_path, kept_from.table.fileno() if kept_from else None) as table_file:
            # One entry per line: a diff between two builds shows the entries that changed.
            start = orjson.dumps(header)[:-1] + b',"inovasi":[\n'
            whole.add(start)
            table = CsvTable()
            head = table.header.encode("utf-8-sig")  # with the BOM
            table_file.add(head)
            at, row_at = len(start), len(head)  # where the next summary and row start
            for index, (item, (url, record_url, fingerprint, piece)) in enumerate(zip(items, plans, strict=True)):
                entry_id = item.record.id
                line: bytes | None = None
                if piece is not None and old is not None and previous.get(entry_id) == piece.digest:
                    made = piece  # its file is the previous build's: linked, not made
                else:
                    data = entry_data(item, url)
                    line = orjson.dumps(data)
                    line_digest = digest(line)
                    if piece is not None and piece.digest == line_digest:
                        made = piece  # the same record: its summary and row are the kept ones
                    else:
                        sheet_row = sheets.catalogue_row(entry_id, data)
                        made = Piece(fingerprint, line_digest, len(line), digest(sheet_row),
                                     orjson.dumps(summary_data(data, record_url)), table.row(data).encode(), sheet_row)
                        computed += 1
                lead = b",\n" if index else b""
                at += len(lead)
                if made.place is not None:  # kept: copied from where it lies in the last files
                    summary_size, row_size = made.place[1], made.place[3]
                    whole.copy(made.place[0], summary_size, lead)
                    table_file.copy(made.place[2], row_size)
                else:
                    assert made.summary is not None and made.row is not None
                    summary_size, row_size = len(made.summary), len(made.row)
                    whole.add(lead + made.summary)
                    table_file.add(made.row)
                if made.sheet is not None:
                    sheet_chunk.append(made.sheet)
                spooled.append(0 if made.sheet is None else len(made.sheet))
                sheet_digests.append(made.sheet_digest)
                workbook_hash.update(b"%s %s\n" % (entry_id.encode(), made.sheet_digest.encode()))
                fingerprints[entry_id] = made.digest
                if fingerprint:
                    pieces.append(_Place(entry_id, made.fingerprint, made.digest, made.length, made.sheet_digest,
                                         at, summary_size, row_at, row_size))
                    if made.place is None or (made.place[0], made.place[2]) != (at, row_at):
                        shifted += 1
                at, row_at = at + summary_size, row_at + row_size
                batch.append((entry_id, line, made.length, old is not None and previous.get(entry_id) == made.digest))
                if len(batch) == _BATCH:
                    pending.append(pool.submit(_write_entries, batch, folder, old, in_place, present))
                    batch = []
                    # Written a batch at a time: a few calls each for a few hundred summaries and rows.
                    whole.flush()
                    table_file.flush()
                    hand_on(sheet_chunk)
                    sheet_chunk = []
                    # A batch for each writer at most: if they fall behind, the next waits here, not in memory.
                    if len(pending) > 2:
                        pending[-3].result()
            if batch:
                pending.append(pool.submit(_write_entries, batch, folder, old, in_place, present))
            whole.add(b"\n]}\n")
            whole.flush()
            table_file.flush()
            hand_on(sheet_chunk)
            for feed in feeds:
                feed.end()
            feeds = []
            if spool is not None:
                spool.flush()
            del sheet_chunk
            written = [future.result() for future in pending]
            size += sum(bytes_ for bytes_, *_ in written)
        if kept_from is not None:
            kept_from.close()  # the last files, the pieces copied; on an error, closed as they are let go
    except BaseException:
        for feed in feeds:
            feed.abandon()
        for thread in streamed or ():
            try:
                if thread is not None:
                    thread.join()
            except BaseException:  # noqa: BLE001, S110 — the loop's own error is the one to raise
                pass
        raise
    # A file the previous site should have held but did not (removed since): made after all.
    by_id = {item.record.id: (item, plan) for item, plan in zip(items, plans, strict=True)}
    for entry_id in (entry_id for *_, missing, _ in written for entry_id in missing):
        item, (url, *_) = by_id[entry_id]
        line = orjson.dumps(entry_data(item, url))
        size += write_file(os.path.join(folder, f"{entry_id}.json"), line, b"\n")
        fingerprints[entry_id] = digest(line)
        files += 1
    # The workbook: its frame and the rows (`sheets.catalogue_workbook`), written while the rest is
    # (compressing it lets this thread run); kept from the previous build when no row changed.
    # The frame is a function of the number of rows, the date and the code that writes it: made
    # only when the workbook is.
    workbook_hash.update(b"frame %d %s %s %s %s\n" % (len(items), catalogue.today.isoformat().encode(),
                                                     load_cache.code_digest().hex().encode(), sys.version.encode(),
                                                     _version("openpyxl").encode()))
    workbook_print = workbook_hash.hexdigest()
    kept_workbook = streamed is None and bool(old) and previous.get(_WORKBOOK_KEY) == workbook_print and keep(
        os.path.join(str(previous_dir), API, WORKBOOK), workbook, in_place=in_place)
    writing = saving_rows = None
    # Every row in hand (each was made: a cold export) is kept for the next build that makes the
    # workbook, as is every row of a workbook made again; a kept workbook's rows are kept already.
    keep_rows = bool(rows_path) and (not kept_workbook or all(spooled))
    stored: dict[str, memoryview] = {}
    if not kept_workbook and not all(spooled):
        stored = load_sheet_rows(rows_path)  # the kept rows from the last build that made the workbook

    def sheet_rows() -> Iterator[bytes | memoryview]:
        """Each entry's row of the sheet, in order: read back from the spool, else kept (else made)."""
        offset = 0
        for index, length in enumerate(spooled):
            if length:
                yield os.pread(spool.fileno(), length, offset)  # type: ignore[union-attr]
                offset += length
                continue
            row = stored.get(sheet_digests[index])
            yield row if row is not None else sheets.catalogue_row(items[index].record.id,
                                                                   entry_data(items[index], plans[index][0]))

    if streamed is not None:
        writing, saving_rows = streamed
    elif not kept_workbook:
        writing = _Thread(_write_workbook, workbook, len(items), sheet_rows(), catalogue.today)
        writing.start()
    if keep_rows and streamed is None:
        saving_rows = _Thread(save_sheet_rows, rows_path, len(items), zip(sheet_digests, sheet_rows(), strict=True))
        saving_rows.start()
    del by_id
    saving = None
    if cache and (computed or len(pieces) != len(items) or len(pieces) != len(kept) or shifted):
        saving = threading.Thread(target=save_pieces, args=(cache, pieces, whole_path, table_path))
        saving.start()
    size += sum(os.path.getsize(os.path.join(api, name)) for name in ("inovasi.json", "inovasi.csv"))
    files += 2 + sum(count for _, _, count, *_ in written)
    feed = atom_feed(items, site_name=site_name, site_url=site_url, url_of=feed_url_of, today=catalogue.today,
                     licence=licence)
    size += write_file(os.path.join(api, "terbaru.xml"), feed)
    files += 1
    failed: list[BaseException] = []
    for thread in (writing, saving, saving_rows):  # every one done before the spool they read is closed
        try:
            if thread is not None:
                thread.join()
        except BaseException as exc:  # noqa: BLE001 — raised once all are done
            failed.append(exc)
    if spool is not None:
        spool.close()
    if failed:
        raise failed[0]
    size += os.path.getsize(workbook)
    fingerprints[_WORKBOOK_KEY] = workbook_print
    carried = {name: length for *_, moved in written for name, length in moved.items()}
    return ExportStats(len(items), files, size, sum(kept for _, kept, *_ in written), fingerprints,
                       computed if cache else len(items), carried, (old or "") if carried else "",
                       folder if carried else "")


# --- what a warm build keeps of each entry ------------------------------------------------------

PIECES_FORMAT = 3
PIECES_FILE = "data-terbuka.gz"
"""The index, in the build's cache dir, of each entry's pieces of the open data (`Piece`). The
pieces themselves are not in it: its item of inovasi.json and its CSV row are read from the
copies of the last build's inovasi.json and inovasi.csv beside it (`_copies`: hard links to the
files the build wrote, so keeping them costs no bytes), at the places the index names, and its
rows of the workbook's sheet from `SHEET_ROWS_FILE`, read only when the workbook is made again.
So an edit writes again only the index (about 0.1 KB an entry) and the files it changes anyway."""
SHEET_ROWS_FORMAT = 1


def _copies(path: str) -> tuple[str, str, str]:
    """Beside the index `path`: the copies of inovasi.json and inovasi.csv, and the sheet rows."""
    base = path[:-3] if path.endswith(".gz") else path
    return f"{base}.json", f"{base}.csv", f"{base}-lembar.gz"


class Piece(NamedTuple):
    """What one entry puts into the open data, kept for the next build: its record file's
    fingerprint (`digest` of its bytes) and length, its item of inovasi.json, its row of
    inovasi.csv and its row of the workbook's sheet (`sheets.catalogue_row`; None when kept: read
    from `SHEET_ROWS_FILE` by `sheet_digest`, its fingerprint, only if the workbook is made).
    A kept piece's summary and row are None: they are read where they lie in the copies of the
    last build's files (`Previous`), at `place` (summary's offset and size, row's offset and size)."""

    fingerprint: str  # `piece_fingerprint`: what all of these are made from
    digest: str
    length: int
    sheet_digest: str
    summary: bytes | None
    row: bytes | None
    sheet: bytes | memoryview | None
    place: tuple[int, int, int, int] | None = None


def _piece_context() -> bytes:
    """What every entry's pieces depend on besides the entry: the format, and the libraries and
    Python that write them (the package's code is in each record's key: `load_cache.code_digest`)."""
    return digest(str(PIECES_FORMAT), sys.version, orjson.__version__).encode()


def piece_fingerprint(context: bytes, item: OpenEntry, url: str, record_url: str) -> str:
    """What an entry's pieces are a function of: its own key (`EntryFacts.key`: its model, body,
    own badges and lifecycle, the build date and the code), its page's and its file's addresses
    (the site's URL), and the published entries that replicate it, each by id and key (their
    agency, stage and evidence make its transfer badge and `direplikasi_oleh`; whether its agency
    confirms them is its own). Nothing else across entries reaches its record, row or summary;
    the site's name and licence are in the files' headers only. "" when a key is not known (a
    file not read plainly): then its pieces are made every time, and not kept."""
    record = item.record
    if not record.key:
        return ""
    h = hasher(context, b"\0", record.key, b"\0", url, b"\0", record_url)
    for replica in item.replicas:
        if not replica.key:
            return ""
        h.update(b"\1" + replica.id.encode() + b"\0" + replica.key.encode())
    return h.hexdigest()


_PIECES_HEAD = b"katalog-data-terbuka %d " % PIECES_FORMAT
_PIECES_HEADER = re.compile(re.escape(_PIECES_HEAD) + rb"([0-9]{1,9})((?: [0-9]{1,20}){8})\n")
_PIECE_LINE = re.compile(rb"([a-z0-9]+(?:-[a-z0-9]+)*) ([0-9a-f]{32}) ([0-9a-f]{32}) ([0-9]{1,9}) ([0-9a-f]{32}) "
                         rb"([0-9]{1,12}) ([0-9]{1,9}) ([0-9]{1,12}) ([0-9]{1,9})\n")
_MAX_INDEX = 64 * 2**20
"""The most a readable index holds once decompressed (about 0.2 KB an entry): more is no cache."""


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    """Which file a copy is, and whether it changed since: device, inode, size, modification time."""
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def _open_copy(path: str, identity: tuple[int, ...]) -> io.FileIO | None:
    """The copy at `path`, open for reading, when it is still the file the index was written
    with, else None. Open, it stays that file even when the build replaces or removes it."""
    try:
        f = io.FileIO(path, "rb")
    except OSError:
        return None
    try:
        if _identity(os.fstat(f.fileno())) == identity:
            return f
    except OSError:
        pass
    f.close()
    return None


_WINDOW = 2**20
"""How much of a copy `_Window` reads at a time."""


class _Window:
    """A copy's bytes read in order, a block at a time (`_WINDOW`), never whole: what each kept
    piece starts and ends with is checked against it once, as the index is read."""

    def __init__(self, fd: int) -> None:
        self.fd, self.start, self.block = fd, 0, b""

    def at(self, offset: int, size: int) -> bytes:
        """The `size` bytes at `offset` (fewer past the end); `offset` never behind the last asked for."""
        if offset < self.start or offset + size > self.start + len(self.block):
            self.block, self.start = os.pread(self.fd, max(size, _WINDOW), offset), offset
        return self.block[offset - self.start:offset - self.start + size]


class Previous(NamedTuple):
    """The copies of the last build's inovasi.json and inovasi.csv that the kept pieces lie in
    (`Piece.place`), open (closed by `close`, or when let go): read a run of pieces at a time,
    where they lie, never whole."""

    whole: io.FileIO
    table: io.FileIO

    def close(self) -> None:
        for f in self:
            f.close()


def load_pieces(path: str | None) -> dict[str, Piece]:
    """The pieces the previous build kept, by entry id; empty when there are none, or when the
    index cannot be read whole or is not exactly as `save_pieces` writes it, or a copy it reads
    from is not the file it was written with, or a piece there does not start and end as one
    (a cache is untrusted: a file refused is a cold export, never a different one). The sheet
    rows are not read (`load_sheet_rows`)."""
    pieces, previous = _load_index(path)
    if previous is not None:
        previous.close()
    return pieces


def _load_index(path: str | None) -> tuple[dict[str, Piece], Previous | None]:
    """`load_pieces`, and the copies its pieces lie in, open (None when there are no pieces)."""
    if not path:
        return {}, None
    try:
        with gzip.open(path, "rb") as f:
            blob = f.read(_MAX_INDEX + 1)
    except (OSError, EOFError, zlib.error):
        return {}, None
    header = _PIECES_HEADER.match(blob)
    if header is None or len(blob) > _MAX_INDEX:
        return {}, None
    count = int(header.group(1))
    numbers = [int(n) for n in header.group(2).split()]
    json_path, csv_path, _ = _copies(path)
    whole, table = _open_copy(json_path, tuple(numbers[:4])), _open_copy(csv_path, tuple(numbers[4:]))
    if whole is None or table is None:
        for f in (whole, table):
            if f is not None:
                f.close()
        return {}, None
    previous = Previous(whole, table)
    try:
        out = _read_places(blob, header.end(), count, numbers[2], numbers[6], previous)
    except OSError:
        out = None
    if out is None:
        previous.close()
        return {}, None
    return out, previous


def _read_places(blob: bytes, end: int, count: int, whole_size: int, table_size: int,
                 previous: Previous) -> dict[str, Piece] | None:
    """The index's lines from `end` of `blob`: its pieces, each checked against the copies
    (`_Window`): in the order they were written, none over another, each summary between
    "{" and "}", two next to each other with ",\n" between them, each row ending "\r\n".
    None when one is not."""
    out: dict[str, Piece] = {}
    whole, table = _Window(previous.whole.fileno()), _Window(previous.table.fileno())
    summary_end = row_end = 0
    for _ in range(count):
        match = _PIECE_LINE.match(blob, end)
        if match is None:
            return None
        end = match.end()
        entry_id, fingerprint, file_digest, length, sheet_digest, at, size, row_at, row_size = match.groups()
        place = (int(at), int(size), int(row_at), int(row_size))
        if entry_id.decode() in out or place[0] < summary_end or place[2] < row_end or not place[3] \
                or place[0] + place[1] > whole_size or place[2] + place[3] > table_size \
                or (place[0] == summary_end + 2 and whole.at(summary_end, 2) != b",\n"):
            return None
        summary_end, row_end = place[0] + place[1], place[2] + place[3]
        if whole.at(place[0], 1) != b"{" or whole.at(summary_end - 1, 1) != b"}" \
                or table.at(row_end - 2, 2) != b"\r\n":
            return None
        out[entry_id.decode()] = Piece(fingerprint.decode(), file_digest.decode(), int(length), sheet_digest.decode(),
                                       None, None, None, place)
    return out if end == len(blob) else None


class _Joined:
    """One whole-catalogue file as it is written, a batch at a time: bytes made, and runs of
    the previous build's file (`Previous`) copied where they lie, each run of pieces next to
    each other there one copy (`os.copy_file_range`: no byte passes through this process;
    where the system cannot, read and written a run at a time)."""

    def __init__(self, path: str, source: int | None) -> None:
        self.fd, self.source = _create(path), source
        self.parts: list[bytes | list[int]] = []  # bytes, or [offset, size] in `source`
        self.native = hasattr(os, "copy_file_range")

    def __enter__(self) -> _Joined:
        return self

    def __exit__(self, *_: object) -> None:
        os.close(self.fd)

    def add(self, data: bytes) -> None:
        self.parts.append(data)

    def copy(self, offset: int, size: int, lead: bytes = b"") -> None:
        """The `size` bytes at `offset` of the source, after `lead`: joined to the run before
        when that ends where `lead` does (the index was checked to say so: `_read_places`)."""
        last = self.parts[-1] if self.parts else None
        if isinstance(last, list) and last[0] + last[1] + len(lead) == offset:
            last[1] += len(lead) + size
            return
        if lead:
            self.parts.append(lead)
        self.parts.append([offset, size])

    def flush(self) -> None:
        made: list[bytes] = []
        for part in self.parts:
            if isinstance(part, bytes):
                made.append(part)
                continue
            if made:
                self._write(b"".join(made))
                made = []
            self._copy(*part)
        if made:
            self._write(b"".join(made))
        self.parts = []

    def _write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def _copy(self, offset: int, size: int) -> None:
        assert self.source is not None
        while size:
            if self.native:
                try:
                    done = os.copy_file_range(self.source, self.fd, min(size, 2**30), offset)
                except OSError as error:
                    if error.errno not in _NO_COPY_RANGE:
                        raise
                    self.native = False
                    continue
            else:
                data = os.pread(self.source, min(size, 8 * _WINDOW), offset)
                self._write(data)
                done = len(data)
            if not done:  # the copy was cut short since its pieces were checked: a cache is never half-used
                raise OSError(errno.EIO, f"salinan data terbuka build sebelumnya berubah selama build "
                                         f"(cache: hapus {PIECES_FILE} dan build lagi)")
            offset, size = offset + done, size - done


_NO_COPY_RANGE = {errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EPERM, errno.EBADF,
                  getattr(errno, "ENOTSUP", errno.EOPNOTSUPP)}
"""What `os.copy_file_range` raises where the system cannot copy between these two files (other
file systems, an older kernel): read and written instead."""


def _create(path: str) -> int:
    """`path` made a new file, open for writing: the file that was there (which a hard link in the
    cache, or the previous site, may still name, and whose bytes this build may be reading) is
    left as it is, never emptied."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    return os.open(path, _NEW, 0o666)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


class _Place(NamedTuple):
    """One entry's line of the index: its `Piece` without its bytes, and where its summary lies
    in inovasi.json and its row in inovasi.csv (offset and length)."""

    entry_id: str
    fingerprint: str
    digest: str
    length: int
    sheet_digest: str
    at: int
    size: int
    row_at: int
    row_size: int


def save_pieces(path: str, pieces: list[_Place], whole: str, table: str) -> None:
    """Keep the index of `pieces` (in id order, each with where its summary lies in `whole`, the
    inovasi.json just written, and its row in `table`, inovasi.csv) in `path`, and both files
    beside it (`_copies`: hard links, else copies), each replacing the last at once. A cache
    that cannot be written is only a slower next build: never an error."""
    try:
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    except OSError:
        return
    identities = []
    for source, copy in zip((whole, table), _copies(path)[:2], strict=False):
        identity = _copy(source, copy)
        if identity is None:
            return
        identities.append(identity)

    def write(f: BinaryIO) -> None:
        f.write(_PIECES_HEAD + b"%d %d %d %d %d %d %d %d %d\n" % (len(pieces), *identities[0], *identities[1]))
        f.write(b"".join(b"%s %s %s %d %s %d %d %d %d\n" % (
            place.entry_id.encode(), place.fingerprint.encode(), place.digest.encode(), place.length,
            place.sheet_digest.encode(), place.at, place.size, place.row_at, place.row_size)
            for place in pieces))

    write_whole(path, write, compress=True)


def _copy(source: str, copy: str) -> tuple[int, int, int, int] | None:
    """`source` at `copy` (a hard link, else a copy of its bytes), replacing what was there at
    once; its identity (`_identity`), or None when it cannot be done."""
    tmp = f"{copy}.{os.getpid()}.tmp"
    try:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        try:
            os.link(source, tmp)
        except OSError:
            shutil.copyfile(source, tmp)
        identity = _identity(os.stat(tmp))
        os.replace(tmp, copy)
        return identity
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return None


_SHEET_ROWS_HEADER = re.compile(rb"katalog-data-terbuka-lembar %d ([0-9]{1,9})\n" % SHEET_ROWS_FORMAT)
_SHEET_ROW_LINE = re.compile(rb"([0-9a-f]{32}) ([0-9]{1,9})\n")
_MAX_SHEET_ROWS = 2**31
"""The most the sheet rows hold once decompressed (at 100,000 entries about 0.3 GB): more is no cache."""


def load_sheet_rows(path: str | None) -> dict[str, memoryview]:
    """The workbook's sheet rows the last build that made the workbook kept, by their
    fingerprint (`Piece.sheet_digest`); empty when the file is not exactly as `save_sheet_rows`
    writes it, or a row is not the one its fingerprint names."""
    if not path:
        return {}
    try:
        with gzip.open(path, "rb") as f:
            blob = f.read(_MAX_SHEET_ROWS + 1)
    except (OSError, EOFError, zlib.error):
        return {}
    header = _SHEET_ROWS_HEADER.match(blob)
    if header is None or len(blob) > _MAX_SHEET_ROWS:
        return {}
    view = memoryview(blob)
    out: dict[str, memoryview] = {}
    end = header.end()
    for _ in range(int(header.group(1))):
        match = _SHEET_ROW_LINE.match(blob, end)
        if match is None:
            return {}
        start, end = match.end(), match.end() + int(match.group(2))
        row = view[start:end]
        if end > len(blob) or not blob.startswith(b"<row ", start) or blob[end - 6:end] != b"</row>" \
                or digest(row) != match.group(1).decode():
            return {}
        out[match.group(1).decode()] = row
    return out if end == len(blob) else {}


def save_sheet_rows(path: str, count: int, rows: Iterable[tuple[str, bytes | memoryview]]) -> None:
    """Keep the workbook's sheet rows (`count` of them: fingerprint, row, as they come) in `path`,
    replacing the file at once; never an error."""
    def write(f: BinaryIO) -> None:
        f.write(b"katalog-data-terbuka-lembar %d %d\n" % (SHEET_ROWS_FORMAT, count))
        for sheet_digest, row in rows:
            f.write(b"%s %d\n" % (sheet_digest.encode(), len(row)))
            f.write(row)

    write_whole(path, write, compress=True)


def _write_workbook(path: str, count: int, rows: Iterable[bytes | memoryview], today: date) -> None:
    """`api/inovasi.xlsx`: every published entry (`count`) in the template's columns (`sheets`),
    the same bytes for the same entries; the rows streamed into the sheet as they come."""
    frame = sheets.catalogue_frame(count, today)
    with open(path, "wb") as f:
        sheets.catalogue_workbook(f, frame, rows, today)


class _Thread(threading.Thread):
    """A function run beside this thread; `join` raises what it raised."""

    def __init__(self, target: Callable[..., None], *args: Any) -> None:
        super().__init__(daemon=True)
        self._call, self._args, self._error = target, args, None

    def run(self) -> None:
        try:
            self._call(*self._args)
        except BaseException as exc:  # noqa: BLE001 — handed to the thread that joins
            self._error = exc

    def join(self, timeout: float | None = None) -> None:
        super().join(timeout)
        if self._error is not None:
            raise self._error


class _Stream:
    """Rows handed from the export's loop to a thread that writes them (the workbook, the kept
    sheet rows) as they are made: a batch at a time, at most two batches waiting, so the thread
    works beside the loop (zlib lets go of the interpreter while it compresses) and nothing of
    the whole catalogue is held. `end` after the last batch; `abandon` when the loop failed: the
    thread's iteration raises, so it replaces no file with a partial one."""

    _END: Any = None
    _ABANDONED: Any = ()

    def __init__(self) -> None:
        self._queue: queue.Queue[Any] = queue.Queue(maxsize=2)
        self._over = False

    def put(self, batch: list[Any]) -> None:
        if batch:
            self._queue.put(batch)

    def end(self) -> None:
        self._queue.put(self._END)

    def abandon(self) -> None:
        self._queue.put(self._ABANDONED)

    def __iter__(self) -> Iterator[Any]:
        while True:
            batch = self._queue.get()
            if batch is self._END or batch is self._ABANDONED:
                self._over = True
                if batch is self._ABANDONED:
                    raise RuntimeError("data terbuka tidak selesai ditulis")
                return
            yield from batch

    def consume(self, target: Callable[..., None], *args: Any) -> None:
        """`target(*args)`, which iterates this stream; then whatever is still sent, taken and
        dropped (a target that failed or stopped early never leaves the loop waiting on a full queue)."""
        try:
            target(*args)
        finally:
            while not self._over:
                batch = self._queue.get()
                self._over = batch is self._END or batch is self._ABANDONED


def _page_url(urls: Urls) -> Callable[[str], str]:
    """An entry page's address in the open data: absolute when `urls` knows the site's address,
    else relative to the site root."""
    def url_of(entry_id: str) -> str:
        return urls.absolute(urls.entry(entry_id)) or urls.entry(entry_id)
    return url_of


def write_entry_files(catalogue: Catalogue[Record], ids: Iterable[str], out_dir: str | os.PathLike[str], *,
                      urls: Urls | None = None) -> int:
    """The per-entry files (`api/inovasi/<id>.json`) of `ids` alone, as `write_exports` writes
    them; the file of an id that is not published (any more) is removed. For `mkdocs serve`
    after an edit (plugin/serve.py); returns the files written."""
    url_of = _page_url(urls or Urls())
    folder = os.path.join(out_dir, API, "inovasi")
    os.makedirs(folder, exist_ok=True)
    written = 0
    for entry_id in ids:
        record = catalogue.records.get(entry_id)
        path = os.path.join(folder, f"{entry_id}.json")
        if record is None or not record.is_published:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            continue
        item = OpenEntry(record, record.assessment, tuple(catalogue.replicas_of(entry_id)))
        write_file(path, orjson.dumps(entry_data(item, url_of(entry_id))), b"\n")
        written += 1
    return written


def _write_entries(batch: list[tuple[str, bytes | None, int, bool]], folder: str, old: str | None,
                   in_place: bool, present: set[str] | None = None) -> tuple[int, int, int, list[str], dict[str, int]]:
    """Each entry's JSON, or the previous build's file when it is the same (`keep`; or, with
    `present`, the names the previous folder holds, left there to be carried over); returns
    (bytes, files kept, files written or kept, the ids of files to keep that could not be: their
    bytes were not made, `write_exports` makes them, the files left to carry: name → bytes). The
    entry's source file is not copied: it
    is in the repository (the entry page links it), a copy would double the site's size at
    national scale, and the source's YAML comments are the authors' notes, never published."""
    size = kept = 0
    missing: list[str] = []
    carried: dict[str, int] = {}
    for entry_id, line, length, unchanged in batch:
        name = f"{entry_id}.json"
        path = os.path.join(folder, name)
        if unchanged and present is not None and name in present:
            carried[name] = length + 1
            size, kept = size + length + 1, kept + 1
        elif unchanged and old is not None and keep(os.path.join(old, name), path, in_place=in_place):
            size, kept = size + length + 1, kept + 1
        elif line is None:
            missing.append(entry_id)
        else:
            size += write_file(path, line, b"\n")
    return size, kept, len(batch) - len(missing), missing, carried
