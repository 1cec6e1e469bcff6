"""Shared helpers: one valid entry written as literal YAML, and ways to tweak it and check it.

The valid entry (`VALID`, rendered by `entry_text()` with no overrides) has these lines, so a test
can name the exact line and column an author would be sent to:

     1  ---
     2  judul: Adminduk Keliling Tulungagung
     3  ringkasan: Petugas Dukcapil mendatangi desa terpencil untuk melayani KTP-el dan akta.
     4  instansi:
     5    nama: Pemerintah Kabupaten Tulungagung
     6    jenis: pemkab
     7  wilayah:
     8    provinsi: jawa-timur
     9    kabupaten_kota: Kabupaten Tulungagung
    10    kode: "35.04"
    11  tahapan: penerapan
    12  status: aktif
    13  tanggal:
    14    mulai: 2020-01-15
    15    penerapan: 2020-06-01
    16  jenis: non_digital
    17  bentuk: pelayanan_publik
    18  urusan:
    19    - administrasi-kependudukan-dan-pencatatan-sipil
    20  masalah: Warga desa terpencil menempuh perjalanan jauh untuk mengurus dokumen kependudukan.
    21  diperbarui: 2026-01-10
        (keys added by a test go here, from line 22)
    22  kontak: {jabatan: Kepala Bidang Pelayanan Pendaftaran Penduduk, email: dukcapil@tulungagung.go.id}
    23  ---
    24  ## Latar Belakang ...

Overrides replace the value of a top-level key: `status="no"` writes `status: no`; a value that
starts with a newline is written as an indented block (`tanggal="\\n  mulai: 2021-02-30"`);
`None` removes the key; keys not in the entry are appended after `diperbarui`, in call order.

`at(text, "status: ^no")` finds the line holding `status: no` and returns (line, column of the
character after `^`), both 1-based, as diagnostics count them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator import vocabulary
from generator.diagnostics import Diagnostic
from generator.loader import parse_bytes
from generator.validation import validate_parsed

TODAY = date(2026, 6, 2)
"""The build date of every test: rules that look at "today" get it passed, never the clock."""

DEFAULT_ID = "adminduk-keliling"
BODY = "## Latar Belakang\n\nWarga desa terpencil jauh dari kantor Dukcapil.\n"

_BASE: dict[str, str | None] = {
    "judul": "Adminduk Keliling Tulungagung",
    "ringkasan": "Petugas Dukcapil mendatangi desa terpencil untuk melayani KTP-el dan akta.",
    "instansi": "\n  nama: Pemerintah Kabupaten Tulungagung\n  jenis: pemkab",
    "wilayah": None,  # from the province: see _wilayah
    "tahapan": "penerapan",
    "status": "aktif",
    "tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01",
    "jenis": "non_digital",
    "bentuk": "pelayanan_publik",
    "urusan": "\n  - administrasi-kependudukan-dan-pencatatan-sipil",
    "masalah": "Warga desa terpencil menempuh perjalanan jauh untuk mengurus dokumen kependudukan.",
    "diperbarui": "2026-01-10",
}
# Written last, after any added keys, on one line: every published entry is expected to name a
# contact (a warning otherwise), and keys a test adds still start on line 22.
KONTAK = "{jabatan: Kepala Bidang Pelayanan Pendaftaran Penduduk, email: dukcapil@tulungagung.go.id}"
_ABSENT = object()


def _wilayah(provinsi: str) -> str:
    code = vocabulary.KODE_PROVINSI.get(provinsi)
    kode = f'\n  kode: "{code}.04"' if code else ""
    return f"\n  provinsi: {provinsi}\n  kabupaten_kota: Kabupaten Tulungagung{kode}"


def entry_text(provinsi: str = "jawa-timur", *, body: str = BODY, **overrides: Any) -> str:
    """The valid entry as file text, with top-level values replaced, removed or added."""
    values: dict[str, str | None] = dict(_BASE, wilayah=_wilayah(provinsi))
    values.update(overrides)
    values["kontak"] = values.pop("kontak", KONTAK)
    lines = ["---"]
    for key, value in values.items():
        if value is None:
            continue
        lines.append(f"{key}:{value}" if str(value).startswith("\n") else f"{key}: {value}")
    return "\n".join(lines) + "\n---\n" + body


VALID = entry_text()


def at(text: str, marker: str) -> tuple[int, int]:
    """(line, col) of the character after `^` in the first line that contains `marker`."""
    before, _, after = marker.partition("^")
    needle = before + after
    for number, line in enumerate(text.splitlines(), start=1):
        index = line.find(needle)
        if index >= 0:
            return number, index + len(before) + 1
    raise AssertionError(f"{needle!r} is not in the text")


def check(text: str | bytes, entry_id: str = DEFAULT_ID, *, today: date = TODAY,
          file_path: Path | None = None, display: str = "entri.md") -> list[Diagnostic]:
    """Every diagnostic of one file on its own (loader + validation, no catalogue)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    _, diags = validate_parsed(parse_bytes(raw, display), entry_id, today, file_path)
    return diags


def only(diags: list[Diagnostic], severity: str = "error") -> Diagnostic:
    """The one diagnostic of `severity`; fails with all of them listed otherwise."""
    found = [d for d in diags if d.severity == severity]
    assert len(found) == 1, "\n".join(d.format() for d in diags) or "no diagnostics"
    return found[0]


def _write_entry(root: Path, provinsi: str = "jawa-timur", entry_id: str = DEFAULT_ID, *,
                text: str | None = None, **overrides: Any) -> Path:
    """Write `root/innovations/<provinsi>/<entry_id>.md` (the entry, or `text` verbatim)."""
    folder = root / "innovations" / provinsi
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{entry_id}.md"
    if overrides.get("replikasi_dari"):  # a replication tells its own story, as it must
        overrides.setdefault("ringkasan", f"Replikasi {entry_id} berupa layanan keliling dengan petugas kecamatan.")
        overrides.setdefault("masalah", f"Warga {entry_id} menempuh perjalanan jauh untuk mengurus dokumen.")
    path.write_text(text if text is not None else entry_text(provinsi, **overrides), encoding="utf-8")
    return path


def pin_build(request: pytest.FixtureRequest, epoch: str) -> None:
    """For a site that a module's tests build once and share: the build date `epoch`
    (SOURCE_DATE_EPOCH) and no cache dir from the environment (KATALOG_CACHE_DIR), both undone
    once the module's tests are done."""
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", epoch)
    mp.delenv("KATALOG_CACHE_DIR", raising=False)
    request.addfinalizer(mp.undo)


class Helpers:
    """The helpers above as one fixture (conftest modules are not meant to be imported)."""

    TODAY = TODAY
    DEFAULT_ID = DEFAULT_ID
    BODY = BODY
    VALID = VALID
    entry_text = staticmethod(entry_text)
    at = staticmethod(at)
    check = staticmethod(check)
    only = staticmethod(only)
    write_entry = staticmethod(_write_entry)
    pin_build = staticmethod(pin_build)


@pytest.fixture(scope="session")
def h() -> type[Helpers]:
    return Helpers


@pytest.fixture
def catalogue_dir(tmp_path: Path) -> Path:
    """An empty `content/` folder; entries go below `innovations/<provinsi>/`."""
    root = tmp_path / "content"
    (root / "innovations").mkdir(parents=True)
    return root


@pytest.fixture(scope="session")
def write_entry() -> Callable[..., Path]:
    """`write_entry(root, provinsi, id, **overrides)`: one entry file below `root/innovations/`."""
    return _write_entry
