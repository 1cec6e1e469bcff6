"""Diagnostics: one problem of one file, placed at the line and column an author must edit."""

from __future__ import annotations

import errno
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: str  # "error" | "warning"
    field: str  # dotted field path, e.g. "hasil[0].sesudah.tanggal"; "" for the whole file
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def format(self) -> str:
        """One line, safe for a terminal: whatever a file held is shown as escapes."""
        where = f"{printable(self.field)}: " if self.field else ""
        return f"{printable(self.path)}:{self.line}:{self.col}: {self.severity}: {where}{printable(self.message)}"

    def to_json(self) -> dict:
        return asdict(self)


_HIDDEN = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})


_OS_REASONS = {
    errno.ENOENT: "tidak ada",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak ada izin",
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk habis",
    errno.EROFS: "sistem berkasnya hanya dapat dibaca",
    errno.ENOTDIR: "salah satu induknya bukan folder",
    errno.EISDIR: "ini folder, bukan file",
    errno.EEXIST: "sudah ada",
    errno.ENOTEMPTY: "folder tidak kosong",
    errno.ENAMETOOLONG: "namanya terlalu panjang",
    errno.ELOOP: "terlalu banyak tautan simbolik berantai",
    errno.EMFILE: "terlalu banyak file terbuka",
    errno.ENFILE: "terlalu banyak file terbuka",
    errno.EBUSY: "sedang dipakai",
    errno.EIO: "galat baca/tulis disk",
    errno.EINVAL: "nama atau permintaan tidak sah",
    errno.EFBIG: "file terlalu besar",
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Indonesian (the system's own text is English):
    "tidak ada izin", "ruang disk penuh", …; an error without words here is named by its code."""
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    code = errno.errorcode.get(exc.errno or 0)
    return f"galat sistem {code}" if code else "galat sistem"


def _escape(char: str) -> str:
    code = ord(char)
    if unicodedata.category(char) not in _HIDDEN:
        return char
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def printable(text: str) -> str:
    """Text from an entry (or a file name), made safe to print: control characters, line
    breaks, bidirectional overrides and every other invisible, format, private-use or unassigned
    character become visible escapes (`\\x1b`, `\\u202e`, `\\U000e0020`), so a value can neither
    drive a terminal nor break out of a line, a table cell or a code fence, nor hide in one."""
    if text.isprintable():
        return text
    return "".join(map(_escape, text))


def field_path(loc: Iterable[str | int]) -> str:
    """('hasil', 0, 'sesudah') → 'hasil[0].sesudah'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diag: Diagnostic) -> str:
    """A GitHub Actions workflow command that annotates the file at the line of the problem."""
    kind = "error" if diag.is_error else "warning"
    title = _escape_property(diag.field or "entri")
    message = _escape_data(diag.format())
    return (
        f"::{kind} file={_escape_property(diag.path)},line={diag.line},col={diag.col},"
        f"title={title}::{message}"
    )


def summary_markdown(diags: list[Diagnostic], checked: int) -> str:
    """The step-summary report: every problem in a table an author can read on the PR page."""
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    lines = ["## Validasi katalog inovasi", ""]
    if not diags:
        lines.append(f"✅ {checked} file diperiksa: semua valid.")
        return "\n".join(lines) + "\n"
    icon = "❌" if errors else "⚠️"
    lines.append(f"{icon} {checked} file diperiksa: {errors} galat, {warnings} peringatan.")
    lines += ["", "| File | Baris | Kolom | Jenis | Bidang | Pesan |", "|---|---|---|---|---|---|"]
    for d in diags:
        cells = [d.path, str(d.line), str(d.col), "galat" if d.is_error else "peringatan", d.field or "—", d.message]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """A table cell of the step summary (GitHub Markdown): no line break, no markup, no pipe."""
    text = printable(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("|", "\\|").replace("`", "\\`")


def to_json(diags: list[Diagnostic]) -> str:
    return json.dumps([d.to_json() for d in diags], ensure_ascii=False, indent=2)
