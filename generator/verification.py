"""Verification: a reviewer's record of an entry, kept apart from it, and the lifecycle of a
published entry that follows from the record, the entry and the build date.

A record is one YAML file per verified entry, `verifikasi/<id>.yml` at the repository's root
(beside `content/`, outside the docs dir: nothing in it is published as a page). The reviewers'
team owns that folder (CODEOWNERS), and a pull request may not change an entry and its record
together (`changes_both`, the pull-request check). `katalog verifikasi` writes it. It says when,
which unit in which role, what was checked (badges, evidence links) and the outcome, and it
holds a fingerprint of the entry's evidence (`evidence_fingerprint`) as it was checked: when
the evidence changes, the record no longer vouches for it.

The lifecycle (`lifecycle`), in the order the rules are applied:

    tidak_aktif             the innovation stopped, or neither an update (`diperbarui`) nor a
                            verification in `siklus.tidak_aktif_bulan` months
    diajukan                published, no record
    perlu_verifikasi_ulang  the evidence changed since the record (after a request for fixes, too:
                            the agency answered it), or the record is older than
                            `siklus.verifikasi_berlaku_bulan` months
    perlu_perbaikan         the reviewer asked for fixes, and nothing changed since
    terverifikasi           the record holds

Records come from pull requests like entries do: read by the loader's rules (no anchors, bounded
size and nesting), held to a strict model with errors at file, line and column, and the folder
to an allow-list (`check_folder`). Core: no MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import vocabulary as v
from .criteria import KEYS, LABELS, LIFECYCLE, LIFECYCLE_STATES, months_before
from .diagnostics import ERROR, WARNING, Diagnostic, field_path, os_reason
from .loader import Parsed, read_file
from .model import ID_PATTERN, PATTERN_MESSAGES, Model, Tanggal, Url
from .text import angka, gabung, tanggal
from .validation import model_diagnostics

RECORD_DIR = "verifikasi"
"""The records' folder, at the repository's root beside the docs dir."""
SUFFIX = ".yml"
MAX_RECORD_BYTES = 64 * 1024
"""A record is a few hundred bytes; anything much larger is not one."""
README = "README.md"
"""The one other file the records' folder may hold: what the folder is for."""

HASIL = {"terverifikasi": "terverifikasi", "perlu_perbaikan": "perlu perbaikan"}
"""The outcomes a reviewer records."""

# --- the record ----------------------------------------------------------------------------------

FINGERPRINT_PATTERN = r"^[0-9a-f]{32}$"
PATTERN_MESSAGES.setdefault(FINGERPRINT_PATTERN, "harus berupa sidik bukti yang ditulis `katalog verifikasi` (32 "
                                                  "karakter 0-9 dan a-f); jangan ditulis sendiri")
Unit = Annotated[str, Field(min_length=3, max_length=200)]


class Diperiksa(Model):
    lencana: Annotated[list[Literal[KEYS]], Field(min_length=1, max_length=len(KEYS),  # type: ignore[valid-type]
                                                  description="Lencana yang buktinya diperiksa")]
    tautan: Annotated[list[Url], Field(default_factory=list, max_length=500,
                                       description="Tautan bukti yang dibuka dan diperiksa")]


class VerificationRecord(Model):
    """Catatan verifikasi satu entri (`verifikasi/<id>.yml`), ditulis oleh `katalog verifikasi`."""

    tanggal: Annotated[Tanggal, Field(description="Tanggal verifikasi")]
    oleh: Annotated[Unit, Field(description="Unit peninjau (bukan nama pribadi)")]
    peran: Annotated[str, Field(min_length=3, max_length=100, description="Peran unit itu, misalnya Verifikator")]
    hasil: Annotated[Literal["terverifikasi", "perlu_perbaikan"], Field(description="Hasil verifikasi")]
    alasan: Annotated[str | None, Field(max_length=2000, description="Wajib bila hasil = perlu_perbaikan")] = None
    diperiksa: Diperiksa
    sidik_bukti: Annotated[str, Field(pattern=FINGERPRINT_PATTERN,
                                      description="Sidik bukti entri saat diperiksa (katalog verifikasi)")]
    catatan: Annotated[str | None, Field(max_length=2000)] = None


_LONG_TEXT = frozenset({"alasan", "catatan"})


def _hidden(text: str, long: bool) -> str | None:
    """The first invisible or control character of `text` (line breaks and tabs allowed in long
    texts): a record names a unit and a reason, never anything a reader cannot see."""
    for char in text:
        if long and char in "\n\t":
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Co", "Cn", "Zl", "Zp", "Cs"):
            return f"U+{ord(char):04X}"
    return None


def _record_rules(record: VerificationRecord, parsed: Parsed, today: date) -> list[Diagnostic]:
    out: list[Diagnostic] = []

    def error(loc: tuple[str | int, ...], message: str, *, key: bool = False, severity: str = ERROR) -> None:
        line, col = parsed.position(loc, key=key)
        out.append(Diagnostic(parsed.path, line, col, severity, field_path(loc), message))

    if record.tanggal > today:
        error(("tanggal",), f"tanggal {record.tanggal.isoformat()} ada di masa depan (hari ini {today.isoformat()})")
    if record.hasil == "perlu_perbaikan" and not (record.alasan or "").strip():
        error(("hasil",), "hasil 'perlu_perbaikan' memerlukan alasan: tulis apa yang perlu diperbaiki instansi")
    for name in ("lencana", "tautan"):
        seen: set[str] = set()
        for index, item in enumerate(getattr(record.diperiksa, name)):
            if item in seen:
                error(("diperiksa", name, index), f"{item!r} ditulis dua kali")
            seen.add(item)
    for name in ("oleh", "peran", "alasan", "catatan"):
        value = getattr(record, name)
        found = _hidden(value, name in _LONG_TEXT) if value else None
        if found:
            error((name,), f"teks ini memuat karakter tersembunyi atau kontrol ({found}); hapus karakter tersebut")
    return out


def read_record(path: str | os.PathLike[str], display: str, today: date) -> tuple[VerificationRecord | None,
                                                                                     list[Diagnostic]]:
    """One record file: the record (None when it has an error) and every problem, at its line."""
    try:
        st = os.lstat(path)
    except OSError as exc:
        return None, [Diagnostic(display, 1, 1, ERROR, "", f"catatan verifikasi tidak dapat dibaca: "
                                                              f"{os_reason(exc)}")]
    if not stat.S_ISREG(st.st_mode):
        return None, [Diagnostic(display, 1, 1, ERROR, "", "catatan verifikasi harus berupa file biasa (bukan "
                                                              "symlink, folder atau file khusus)")]
    if st.st_size > MAX_RECORD_BYTES:
        return None, [Diagnostic(display, 1, 1, ERROR, "", f"catatan verifikasi terlalu besar ({angka(st.st_size)} "
                                                              f"bita; maksimal {angka(MAX_RECORD_BYTES)} bita)")]
    parsed = read_file(Path(path), display, document=True)
    return parse_record(parsed, today)


def parse_record(parsed: Parsed, today: date) -> tuple[VerificationRecord | None, list[Diagnostic]]:
    diags = list(parsed.diagnostics)
    if parsed.data is None:
        return None, diags
    try:
        record = VerificationRecord.model_validate(parsed.data)
    except ValidationError as exc:
        return None, diags + model_diagnostics(parsed, exc.errors(include_url=False), VerificationRecord)
    diags += _record_rules(record, parsed, today)
    return (None if any(d.is_error for d in diags) else record), diags


def record_path(folder: str | os.PathLike[str], entry_id: str) -> str:
    return os.path.join(folder, entry_id + SUFFIX)


def check_folder(folder: str | os.PathLike[str], ids: Iterable[str], display: str | None = None,
                 today: date | None = None) -> list[Diagnostic]:
    """The records' folder against its allow-list: `<id>.yml` regular files (and a README.md),
    nothing else, no symlink, no subfolder. A record whose entry does not exist is a warning (the
    entry was removed, or its file renamed: the record goes with it in a pull request of the
    reviewers); with `today`, such a record is read too, and its own problems reported (the
    records of entries are read with their entries)."""
    import re

    shown = display if display is not None else os.fspath(folder)
    known = set(ids)
    pattern = re.compile(ID_PATTERN)
    out: list[Diagnostic] = []
    if os.path.islink(folder):
        return [Diagnostic(shown, 1, 1, ERROR, "", "folder verifikasi tidak boleh berupa symlink")]
    try:
        items = sorted(os.scandir(folder), key=lambda item: item.name)
    except FileNotFoundError:
        return []
    except OSError as exc:
        return [Diagnostic(shown, 1, 1, ERROR, "", f"folder verifikasi tidak dapat dibaca: {os_reason(exc)}")]
    for item in items:
        name = item.name
        where = f"{shown.rstrip('/')}/{name}"
        if not name.isprintable():
            where = where.encode("unicode_escape", errors="backslashreplace").decode("ascii")
        if item.is_symlink():
            out.append(Diagnostic(where, 1, 1, ERROR, "", "symlink tidak diizinkan di folder verifikasi"))
        elif item.is_dir(follow_symlinks=False):
            out.append(Diagnostic(where, 1, 1, ERROR, "", "folder verifikasi hanya berisi file <id>.yml, tanpa "
                                                           "subfolder"))
        elif not item.is_file(follow_symlinks=False):
            out.append(Diagnostic(where, 1, 1, ERROR, "", "hanya file biasa yang diizinkan di folder verifikasi"))
        elif name == README:
            continue
        elif not name.endswith(SUFFIX) or not pattern.fullmatch(name[: -len(SUFFIX)]) or len(name) > 100 + len(SUFFIX):
            out.append(Diagnostic(where, 1, 1, ERROR, "", "folder verifikasi hanya berisi catatan <id>.yml (id "
                                                           "entri: huruf kecil, angka dan tanda hubung) dan "
                                                           f"{README}"))
        elif name[: -len(SUFFIX)] not in known:
            out.append(Diagnostic(where, 1, 1, WARNING, "", f"tidak ada entri '{name[: -len(SUFFIX)]}' di katalog; "
                                                             "catatan verifikasi ini tidak dipakai"))
            if today is not None:
                out += read_record(item.path, where, today)[1]
    return out


# --- what a record is bound to -------------------------------------------------------------------

EVIDENCE_FIELDS = ("tahapan", "kebaruan", "hasil", "evaluasi", "manfaat", "replikasi_dari", "replikasi_oleh",
                   "replikasi_dikonfirmasi", "panduan_replikasi", "keberlanjutan", "penghargaan")
"""What the badges rest on: results, evaluations, benefit, legal basis, budget and implementers
(`keberlanjutan`), replications both ways, the guide, novelty and awards, the stage; and the
entry's documents (`tautan.dokumen`). Its title, summary, story or contact may change without
a new verification; these may not."""
_FINGERPRINT_KEY = b"katalog-bukti-1"  # a new rule of what counts gives every record a new fingerprint


def evidence_fingerprint(entry: Any) -> str:
    """A content hash of the entry's evidence (blake2b over canonical JSON: keys sorted, values
    as the model holds them, so that rewriting `12` as `12.0` or reordering keys changes nothing,
    while any changed value, link or item does)."""
    data = entry.model_dump(mode="json", include=set(EVIDENCE_FIELDS))
    data["dokumen"] = [d.model_dump(mode="json") for d in entry.tautan.dokumen] if entry.tautan else []
    return hashlib.blake2b(orjson.dumps(data, option=orjson.OPT_SORT_KEYS), digest_size=16,
                           person=_FINGERPRINT_KEY).hexdigest()


class EvidenceLink(NamedTuple):
    """One link of an entry's evidence: where it is, the claim it supports, the badges that claim
    counts for."""

    url: str
    where: str  # the key path, e.g. "hasil[0].bukti"
    claim: str  # in words: "Hasil: Waktu penerbitan KTP-el"
    badges: tuple[str, ...]


def evidence_links(entry: Any) -> list[EvidenceLink]:
    """Every evidence link of an entry, in the order of the page, each with its claim."""
    out: list[EvidenceLink] = []
    for i, h in enumerate(entry.hasil):
        if h.bukti:
            out.append(EvidenceLink(h.bukti, f"hasil[{i}].bukti", f"Hasil: {h.indikator}", ("efektif",)))
    for i, ev in enumerate(entry.evaluasi):
        if ev.tautan:
            out.append(EvidenceLink(ev.tautan, f"evaluasi[{i}].tautan",
                                    f"{v.label('jenis_evaluasi', ev.jenis)}: {ev.judul} ({ev.tahun})",
                                    ("efektif",)))
    m = entry.manfaat
    if m and m.bukti:
        value = f" {angka(m.nilai)}" if m.nilai is not None else ""
        out.append(EvidenceLink(m.bukti, "manfaat.bukti", f"Manfaat: {v.label('dasar_manfaat', m.dasar)}{value}",
                                ("bermanfaat",)))
    for i, r in enumerate(entry.replikasi_dari):
        if r.tautan:
            out.append(EvidenceLink(r.tautan, f"replikasi_dari[{i}].tautan", f"Inovasi asal: {r.instansi}",
                                    ("kebaruan",)))
    for i, r in enumerate(entry.replikasi_oleh):
        if r.bukti:
            out.append(EvidenceLink(r.bukti, f"replikasi_oleh[{i}].bukti",
                                    f"Replikasi oleh {r.instansi} ({r.tahun})", ("dapat_ditransfer",)))
    g = entry.panduan_replikasi
    if g and g.tautan:
        out.append(EvidenceLink(g.tautan, "panduan_replikasi.tautan",
                                f"Panduan replikasi {v.label('bentuk_panduan', g.bentuk).lower()}",
                                ("dapat_ditransfer",)))
    k = entry.keberlanjutan
    for i, d in enumerate(k.dasar_hukum if k else ()):
        if d.tautan:
            out.append(EvidenceLink(d.tautan, f"keberlanjutan.dasar_hukum[{i}].tautan",
                                    f"Dasar hukum: {v.label('jenis_dasar_hukum', d.jenis)} {d.nomor}/{d.tahun}",
                                    ("berkelanjutan",)))
    for i, d in enumerate(entry.tautan.dokumen if entry.tautan else ()):
        out.append(EvidenceLink(d.url, f"tautan.dokumen[{i}].url", f"Dokumen: {d.judul}", ()))
    return out


# --- the lifecycle -------------------------------------------------------------------------------

STOPPED, NOT_UPDATED, CHANGED, EXPIRED = "berhenti", "tidak_diperbarui", "bukti_berubah", "kedaluwarsa"
"""Why a state holds, where more than one reason can lead to it (`State.sebab`)."""


class State(NamedTuple):
    """A published entry's place in the lifecycle, and the record behind it (if any)."""

    status: str  # one of criteria.LIFECYCLE_STATES
    sebab: str = ""  # STOPPED, NOT_UPDATED, CHANGED, EXPIRED, or ""
    tanggal: date | None = None  # the record's date
    oleh: str | None = None
    peran: str | None = None
    hasil: str | None = None  # the record's outcome
    alasan: str | None = None  # the reviewer's reason (perlu_perbaikan)
    lencana: tuple[str, ...] = ()  # the badges the record checked
    tautan: tuple[str, ...] = ()  # the links the record checked
    terakhir: date | None = None  # the last update or verification (for tidak_aktif)

    @property
    def label(self) -> str:
        return LIFECYCLE.labels[self.status]

    def to_json(self) -> dict[str, Any]:
        """The open data's `verifikasi` (its schema: `OpenVerification`)."""
        return {"status": self.status, "tanggal": self.tanggal.isoformat() if self.tanggal else None,
                "oleh": self.oleh, "peran": self.peran, "hasil": self.hasil, "alasan": self.alasan,
                "lencana": list(self.lencana)}


class OpenVerification(BaseModel):
    """`verifikasi` of a record of the open data: the entry's place in the lifecycle and the
    verification behind it. The one source of its JSON Schema (`open_data_schema`)."""

    model_config = ConfigDict(extra="forbid")

    status: Annotated[Literal[LIFECYCLE_STATES], Field(  # type: ignore[valid-type]
        description="diajukan, terverifikasi, perlu_verifikasi_ulang, perlu_perbaikan atau tidak_aktif")]
    tanggal: Annotated[date | None, Field(description="Tanggal verifikasi terakhir (kosong bila belum pernah)")]
    oleh: Annotated[str | None, Field(description="Unit peninjau yang memverifikasi")]
    peran: Annotated[str | None, Field(description="Peran unit peninjau itu")]
    hasil: Annotated[Literal["terverifikasi", "perlu_perbaikan"] | None, Field(description="Hasil verifikasi terakhir")]
    alasan: Annotated[str | None, Field(description="Apa yang perlu diperbaiki (hasil perlu_perbaikan)")]
    lencana: Annotated[list[Literal[KEYS]], Field(description="Lencana yang buktinya diperiksa")]  # type: ignore[valid-type]


def open_data_schema() -> dict[str, Any]:
    """The JSON Schema of the open data's `verifikasi` (for the records' schema)."""
    return OpenVerification.model_json_schema()


def expired(day: date, today: date, months: int) -> bool:
    """More than `months` calendar months before today (the same day then, clamped to the
    month's end: 29 Feb → 28 Feb); exactly that long is not yet."""
    return day < months_before(today, months)


def valid_until(day: date) -> date:
    """The last day a verification made on `day` holds (by `expired`'s own rule: the same day
    `siklus.verifikasi_berlaku_bulan` months later, or a day or two past it at a month's end)."""
    import calendar

    months = LIFECYCLE.valid_months
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    end = date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))
    while not expired(day, end + timedelta(days=1), months):
        end += timedelta(days=1)
    return end


def lifecycle(entry: Any, record: VerificationRecord | None, fingerprint: str, today: date) -> State:
    """The state of a published entry (see the module's docstring for the rules' order)."""
    rec: dict[str, Any] = {}
    if record is not None:
        rec = dict(tanggal=record.tanggal, oleh=record.oleh, peran=record.peran, hasil=record.hasil,
                   alasan=record.alasan, lencana=tuple(record.diperiksa.lencana),
                   tautan=tuple(record.diperiksa.tautan))
    last = max(entry.diperbarui, record.tanggal) if record is not None else entry.diperbarui
    if entry.status == "berhenti":
        return State("tidak_aktif", STOPPED, terakhir=last, **rec)
    if expired(last, today, LIFECYCLE.inactive_months):
        return State("tidak_aktif", NOT_UPDATED, terakhir=last, **rec)
    if record is None:
        return State("diajukan", terakhir=last)
    if record.sidik_bukti != fingerprint:
        return State("perlu_verifikasi_ulang", CHANGED, terakhir=last, **rec)
    if record.hasil == "perlu_perbaikan":
        return State("perlu_perbaikan", terakhir=last, **rec)
    if expired(record.tanggal, today, LIFECYCLE.valid_months):
        return State("perlu_verifikasi_ulang", EXPIRED, terakhir=last, **rec)
    return State("terverifikasi", terakhir=last, **rec)


def short_text(state: State) -> str:
    """The state as cards and search results show it, beside the badges: its label, and for a
    verified entry the date ("Terverifikasi 3 Maret 2026")."""
    if state.status == "terverifikasi" and state.tanggal:
        return f"{state.label} {tanggal(state.tanggal)}"
    return state.label


def badges_note(state: State, badges: Iterable[tuple[str, str]]) -> str:
    """Which badges' evidence a verification covered, in one sentence under the badges'
    explanation on the entry page ("" without a verification: the state's label and its
    explanation, above the badges, say so already, as they say who verified it and what came of
    it); `badges`: (key, label) of each badge, in order."""
    if state.tanggal is None:
        return ""
    badges = list(badges)
    checked = [label for key, label in badges if key in state.lencana]
    others = [label for key, label in badges if key not in state.lencana]
    when = f"Verifikasi {tanggal(state.tanggal)}"
    if not checked:
        return f"{when} tidak mencakup bukti lencana."
    if not others:
        return f"{when} mencakup bukti kelima lencana."
    return f"{when} mencakup bukti {gabung(checked)}; bukti {gabung(others)} belum diperiksa."


def queue_kind(state: State, today: date) -> str | None:
    """What a published entry waits for in the reviewers' queue: "baru" (never verified),
    "berubah" (evidence changed since), "kedaluwarsa" (the verification expired) or
    "segera" (it expires within `siklus.antrean_segera_berakhir_hari` days); None otherwise."""
    if state.status == "diajukan":
        return "baru"
    if state.status == "perlu_verifikasi_ulang":
        return "berubah" if state.sebab == CHANGED else "kedaluwarsa"
    if (state.status == "terverifikasi" and state.tanggal is not None
            and expired(state.tanggal, today + timedelta(days=LIFECYCLE.queue_days), LIFECYCLE.valid_months)):
        return "segera"
    return None


QUEUE_KINDS = {
    "baru": "Belum pernah diverifikasi",
    "berubah": "Bukti berubah sejak diverifikasi",
    "kedaluwarsa": f"Verifikasi lebih dari {LIFECYCLE.valid_months} bulan",
    "segera": f"Verifikasi berakhir dalam {LIFECYCLE.queue_days} hari",
}
"""The reviewers' queue's kinds, in the order a reviewer takes them."""


# --- writing a record ----------------------------------------------------------------------------


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return orjson.dumps(text).decode()


def record_text(entry_id: str, *, today: date, oleh: str, peran: str, hasil: str, alasan: str | None,
                lencana: Iterable[str], tautan: Iterable[str], fingerprint: str) -> str:
    """The YAML of a new record, as `katalog verifikasi` writes it (read back by `parse_record`
    before it is saved)."""
    lines = [f"# Verifikasi entri {entry_id}, ditulis oleh `katalog verifikasi`.",
             "# Diubah hanya oleh tim peninjau, dalam pull request yang tidak mengubah entrinya.",
             f"tanggal: {today.isoformat()}",
             f"oleh: {_quoted(oleh)}",
             f"peran: {_quoted(peran)}",
             f"hasil: {hasil}"]
    if alasan:
        lines.append(f"alasan: {_quoted(alasan)}")
    lines.append("diperiksa:")
    lines.append("  lencana: [" + ", ".join(lencana) + "]")
    links = list(tautan)
    if links:
        lines.append("  tautan:")
        lines += [f"    - {_quoted(url)}" for url in links]
    else:
        lines.append("  tautan: []")
    lines.append(f"sidik_bukti: {fingerprint}")
    return "\n".join(lines) + "\n"


def checklist(entry_id: str, entry: Any, assessment: Any, state: State) -> list[str]:
    """What a reviewer checks before recording a verification: each evidence link with the claims
    it supports, and each badge with its level and reasons. Plain lines for a terminal."""
    lines = [f"{entry.judul} ({entry_id})", f"  {entry.instansi.nama}",
             f"  Status sekarang: {state.label}" + (f" (diverifikasi {tanggal(state.tanggal)} oleh {state.oleh})"
                                                   if state.tanggal else ""), "",
             "Tautan bukti (buka setiap tautan; periksa bahwa isinya mendukung klaimnya):"]
    links = evidence_links(entry)
    by_url: dict[str, list[EvidenceLink]] = {}
    for link in links:
        by_url.setdefault(link.url, []).append(link)
    if not by_url:
        lines.append("  (entri ini tidak mencantumkan tautan bukti)")
    for number, (url, claims) in enumerate(by_url.items(), start=1):
        lines.append(f"  [{number}] {url}")
        for claim in claims:
            badges = gabung([LABELS[k] for k in claim.badges]) if claim.badges else "tanpa lencana"
            lines.append(f"      mendukung: {claim.claim} ({badges}; {claim.where})")
    lines += ["", "Lencana dan alasannya:"]
    for key in KEYS:
        badge = assessment.kriteria[key]
        lines.append(f"  {badge.label}: {badge.nama_level}")
        lines += [f"      - {reason}" for reason in badge.alasan]
    return lines


def write_record(folder: str | os.PathLike[str], entry_id: str, text: str) -> str:
    """Save `text` as the record of `entry_id`, replacing the old one in one step (a crash
    leaves the old record or the new one, never half of one). Returns its path."""
    import tempfile

    os.makedirs(folder, exist_ok=True)
    target = record_path(folder, entry_id)
    if os.path.islink(target) or (os.path.lexists(target) and not os.path.isfile(target)):
        raise OSError(f"{target} bukan file biasa")
    handle, temporary = tempfile.mkstemp(prefix=f".{entry_id}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return target


# --- the pull-request check ----------------------------------------------------------------------


def changes_both(paths: Iterable[str], *, catalogue_dir: str = "content/innovations",
                 records_dir: str = RECORD_DIR) -> list[tuple[str, list[str], list[str]]]:
    """The ids whose entry and record a set of changed paths (relative to the repository's root,
    as `git diff --name-only` writes them) both touch: (id, entry paths, record paths). A
    pull request that changes an entry's evidence must not be able to vouch for it too."""
    catalogue = catalogue_dir.strip("/") + "/"
    records = records_dir.strip("/") + "/"
    entries: dict[str, list[str]] = {}
    verified: dict[str, list[str]] = {}
    for path in paths:
        clean = path.replace("\\", "/")
        while clean.startswith("./"):
            clean = clean[2:]
        if clean.startswith(catalogue) and clean.endswith(".md"):
            entries.setdefault(clean.rsplit("/", 1)[-1][:-3], []).append(path)
        elif clean.startswith(records) and clean.endswith(SUFFIX):
            verified.setdefault(clean.rsplit("/", 1)[-1][: -len(SUFFIX)], []).append(path)
    return [(entry_id, entries[entry_id], verified[entry_id]) for entry_id in sorted(entries) if entry_id in verified]

