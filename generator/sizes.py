"""How big a built site is, and where its bytes go: files and bytes per section (entry pages,
listings, search, open data, assets, the other pages), for the report every build prints and
writes as JSON, for `katalog size`, and for the budget that keeps a site inside its host's limit
(GitHub Pages: 1 GB). No MkDocs here: a built site is a folder.

Bytes are the files' own sizes (what a host stores and an upload carries), not disk blocks.
The site is walked once, with `os.scandir`, without following symlinks: a symlink counts as one
file of its own (link) size.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .text import angka, persen

MB = 1_000_000  # hosts count decimal megabytes: GitHub Pages' "1 GB" is 1,000 MB
PAGES_LIMIT_MB = 1000  # GitHub Pages (and GitLab Pages') published-site limit
# Where a build writes its report, in the plugin's cache dir (`.cache/katalog/` by default,
# `KATALOG_CACHE_DIR` when set): outside the published site, kept by CI's cache between runs.
REPORT_FILE = "ukuran.json"
PREVIOUS_FILE = "ukuran-sebelumnya.json"  # the build before's, to name the section that grew

# (key, label): the key names a section in JSON, the label in the table. Order is the table's.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("inovasi", "halaman inovasi"),
    ("jelajahi", "daftar provinsi"),
    ("pencarian", "pencarian"),
    ("data_terbuka", "data terbuka"),
    ("aset", "aset"),
    ("lain", "halaman lain"),
)
LABELS = dict(SECTIONS)
# The top-level folder of a file → its section; anything else is "halaman lain" (other pages,
# 404.html, sitemap). The entries' folder is the site's `Urls.entries` (`inovasi` unless changed).
FOLDERS = {
    "jelajahi": "jelajahi",
    "cari": "pencarian",
    "search": "pencarian",  # MkDocs' own search index, when a site enables that plugin
    "api": "data_terbuka",
    # What the theme copies: Material's assets/ and the conventional folders of a custom_dir.
    "assets": "aset",
    "stylesheets": "aset",
    "javascripts": "aset",
    "fonts": "aset",
}


@dataclass
class Section:
    key: str
    files: int = 0
    bytes: int = 0

    @property
    def label(self) -> str:
        return LABELS[self.key]


@dataclass
class SizeReport:
    """A built site's files and bytes per section; `entries` is its number of entry pages."""

    site_dir: str
    sections: dict[str, Section] = field(default_factory=lambda: {key: Section(key) for key, _ in SECTIONS})
    entries: int = 0

    @property
    def files(self) -> int:
        return sum(s.files for s in self.sections.values())

    @property
    def bytes(self) -> int:
        return sum(s.bytes for s in self.sections.values())

    @property
    def bytes_per_entry(self) -> int | None:
        """The site's bytes per entry page, assets left out (they do not grow with the catalogue):
        roughly what one more entry costs."""
        return (self.bytes - self.sections["aset"].bytes) // self.entries if self.entries else None

    def entries_within(self, limit_bytes: float) -> int | None:
        """About how many entries a site of `limit_bytes` holds at this report's bytes per entry."""
        per_entry = self.bytes_per_entry
        if not per_entry:
            return None
        return max(0, int((limit_bytes - self.sections["aset"].bytes) // per_entry))

    def biggest(self) -> Section:
        return max(self.sections.values(), key=lambda s: s.bytes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "situs": self.site_dir,
            "berkas": self.files,
            "bita": self.bytes,
            "inovasi": self.entries,
            "bita_per_inovasi": self.bytes_per_entry,
            "bagian": {s.key: {"label": s.label, "berkas": s.files, "bita": s.bytes}
                       for s in self.sections.values()},
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SizeReport:
        """A report read back from `to_json` (an earlier build's); unknown sections are ignored."""
        report = cls(str(data.get("situs", "")), entries=int(data.get("inovasi") or 0))
        for key, values in (data.get("bagian") or {}).items():
            if key in report.sections and isinstance(values, dict):
                report.sections[key].files = int(values.get("berkas", 0))
                report.sections[key].bytes = int(values.get("bita", 0))
        return report

    def text(self) -> str:
        """A small table: section, files, MB, share of the site; then the total and per entry."""
        total = self.bytes
        rows = [(s.label, angka(s.files), _mb(s.bytes), persen(s.bytes, total)) for s in self.sections.values()]
        rows.append(("jumlah", angka(self.files), _mb(total), persen(total, total)))
        head = ("bagian", "berkas", "MB", "porsi")
        widths = [max(len(row[i]) for row in [head, *rows]) for i in range(len(head))]

        def line(row: tuple[str, ...]) -> str:
            return "  ".join(cell.ljust(widths[0]) if i == 0 else cell.rjust(widths[i])
                             for i, cell in enumerate(row)).rstrip()

        out = [f"Ukuran situs {self.site_dir}:", line(head), *[line(r) for r in rows[:-1]],
               "  ".join("-" * w for w in widths), line(rows[-1])]
        fits = self.entries_within(PAGES_LIMIT_MB * MB)
        if self.bytes_per_entry is not None and fits is not None:
            out.append(f"per inovasi: {angka(round(self.bytes_per_entry / 1000, 1))} KB tanpa aset "
                       f"({angka(self.entries)} inovasi); {angka(PAGES_LIMIT_MB)} MB memuat ± {angka(fits)} inovasi")
        return "\n".join(out)


def _mb(size: int) -> str:
    return angka(round(size / MB, 2))


def section_of(top: str, entries: str = "inovasi") -> str:
    """The section of a file whose path in the site starts with the folder (or file) `top`."""
    if top == entries:
        return "inovasi"
    return FOLDERS.get(top, "lain")


def measure(site_dir: str | os.PathLike[str], *, entries: str = "inovasi") -> SizeReport:
    """Walk `site_dir` once and count every file (anything that is not a folder) in its section."""
    root = os.fspath(site_dir)
    report = SizeReport(root)
    with os.scandir(root) as top_level:
        tops = list(top_level)
    for top in tops:
        section = report.sections[section_of(top.name, entries)]
        is_entries = section.key == "inovasi"
        if not top.is_dir(follow_symlinks=False):
            section.files += 1
            section.bytes += top.stat(follow_symlinks=False).st_size
            continue
        stack = [top.path]
        while stack:
            with os.scandir(stack.pop()) as items:
                for item in items:
                    if item.is_dir(follow_symlinks=False):
                        stack.append(item.path)
                        continue
                    section.files += 1
                    section.bytes += item.stat(follow_symlinks=False).st_size
                    if is_entries and item.name.endswith(".html"):
                        report.entries += 1
    return report


def over_budget(report: SizeReport, budget_bytes: float, previous: SizeReport | None = None) -> str | None:
    """None within the budget; else a message in Indonesian: by how much, and the section to
    look at: the one that grew most since `previous` (an earlier build's report) when one grew,
    else the biggest."""
    total = report.bytes
    if total <= budget_bytes:
        return None
    over = total - budget_bytes
    head = (f"ukuran situs {_mb(total)} MB melebihi anggaran {_mb(int(budget_bytes))} MB "
            f"sebesar {_mb(int(over))} MB")
    grown = None
    if previous is not None:
        growth = {key: s.bytes - previous.sections[key].bytes for key, s in report.sections.items()}
        key = max(growth, key=lambda k: growth[k])
        if growth[key] > 0:
            grown = report.sections[key], growth[key]
    if grown is not None:
        section, growth_bytes = grown
        return (f"{head}; bagian yang paling bertambah sejak build sebelumnya: {section.label} "
                f"(+{_mb(growth_bytes)} MB, kini {_mb(section.bytes)} MB, {persen(section.bytes, total)} situs)")
    section = report.biggest()
    return (f"{head}; bagian terbesar: {section.label} ({_mb(section.bytes)} MB, "
            f"{persen(section.bytes, total)} situs, {angka(section.files)} berkas)")


def read_report(path: str | os.PathLike[str]) -> SizeReport | None:
    """An earlier report written with `to_json`; None when there is none or it cannot be read."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        return SizeReport.from_dict(data) if isinstance(data, dict) else None
    except (OSError, ValueError, TypeError):
        return None


def save(report: SizeReport, folder: Path) -> None:
    """Write `report` as `folder/ukuran.json`, keeping the one it replaces as
    `ukuran-sebelumnya.json` (read it first with `read_report` to compare). Atomic: a reader
    never sees half a file. Raises OSError when the folder cannot be written."""
    path = folder / REPORT_FILE
    folder.mkdir(parents=True, exist_ok=True)
    if path.exists():
        os.replace(path, folder / PREVIOUS_FILE)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(report.to_json(), encoding="utf-8")
    os.replace(temporary, path)
