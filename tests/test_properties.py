"""Whatever lands in a pull request, the loader and the validator answer with diagnostics, never
with an exception: random text, random bytes, random YAML, broken YAML, and valid entries with a
key dropped or a value of the wrong type. Every diagnostic points inside the file."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.catalogue import load_files
from generator.diagnostics import ERROR, WARNING, Diagnostic
from generator.loader import parse_bytes
from generator.validation import validate_parsed

pytestmark = pytest.mark.unit

TODAY = date(2026, 6, 2)
FAST = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# The valid entry of helpers.py, as data (session fixtures cannot be used inside strategies).
VALID_FRONT: dict[str, Any] = {
    "judul": "Adminduk Keliling Tulungagung",
    "ringkasan": "Petugas Dukcapil mendatangi desa terpencil untuk melayani KTP-el dan akta.",
    "instansi": {"nama": "Pemerintah Kabupaten Tulungagung", "jenis": "pemkab"},
    "wilayah": {"provinsi": "jawa-timur", "kabupaten_kota": "Kabupaten Tulungagung", "kode": "35.04"},
    "tahapan": "penerapan",
    "status": "aktif",
    "tanggal": {"mulai": "2020-01-15", "penerapan": "2020-06-01"},
    "jenis": "non_digital",
    "bentuk": "pelayanan_publik",
    "urusan": ["administrasi-kependudukan-dan-pencatatan-sipil"],
    "masalah": "Warga desa terpencil menempuh perjalanan jauh untuk mengurus dokumen kependudukan.",
    "diperbarui": "2026-01-10",
    "hasil": [{"indikator": "Waktu layanan", "satuan": "hari", "sebelum": {"nilai": 14, "tanggal": "2020-01-01"},
               "sesudah": {"nilai": 1, "tanggal": "2021-01-01"}, "sumber": "Laporan SIAK"}],
    "replikasi_dari": [{"inovasi": "mal-pelayanan-publik"}],
    "keberlanjutan": {"dasar_hukum": [{"jenis": "perkada", "nomor": "12", "tahun": 2021}], "anggaran": [2025, 2026]},
    "kontak": {"jabatan": "Kepala Bidang Pelayanan", "email": "layanan@dinas.go.id"},
    "tautan": {"situs": "https://dinas.go.id", "dokumen": [{"judul": "Panduan", "url": "https://dinas.go.id/p"}]},
    "draf": False,
}


def front_matter(data: Any, **dump: Any) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, **dump) + "---\nIsi.\n"


def lines_of(raw: bytes) -> list[str]:
    """The file's lines as an editor shows them."""
    text = raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


_KEY_MESSAGE = re.compile(r"kunci '([A-Za-z0-9_]+)' (?:tidak dikenal|ditulis dua kali)")


def assert_well_placed(diags: list[Diagnostic], raw: bytes) -> None:
    """Every diagnostic is inside the file; one about a key points at that key."""
    lines = lines_of(raw)
    for d in diags:
        assert d.severity in (ERROR, WARNING), d
        assert d.message.strip(), d
        assert isinstance(d.field, str), d
        assert 1 <= d.line <= len(lines), (d, len(lines))
        line = lines[d.line - 1]
        assert 1 <= d.col <= len(line) + 1, (d, line)
        if key := _KEY_MESSAGE.match(d.message):
            # at the key, or at the tag or anchor written before it
            # A stray BOM before a key is invisible; pointing at it is pointing at the key.
                assert re.match(r"\ufeff?(?:[!&]\S*\s+)*['\"]?" + key.group(1), line[d.col - 1 :]), (d, line)


def check(raw: bytes, entry_id: str = "entri-acak") -> list[Diagnostic]:
    """Loader + validator on raw bytes: they must not raise, and must agree with each other."""
    parsed = parse_bytes(raw, "entri.md")
    entry, diags = validate_parsed(parsed, entry_id, TODAY)
    assert (entry is None) == any(d.is_error for d in diags), diags
    assert_well_placed(diags, raw)
    return diags


# --- strategies ---------------------------------------------------------------------------------------------

KEYS = sorted({*VALID_FRONT, "mulai", "nama", "provinsi", "inovasi", "nilai", "tahun", "jnis", "unit", "gambar",
               "sdgs", "manfaat", "dasar", "bentuk_panduan", "panduan_replikasi", "kebaruan"})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.text(max_size=40),
    st.sampled_from(["no", "yes", "2021-02-30", "35.10", "aktif", "Aktif", "javascript:alert(1)", "penerapan",
                     "berhenti", "modifikasi", "daring", "pemkab", "nasional", "jawa-timur", "~", "", "0x1F",
                     "https://contoh.go.id", "kesehatan", "a" * 200]),
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8),
                                                                      children, max_size=4),
    max_leaves=20,
)

# Pieces of YAML and of Markdown files, joined at random: near-misses find more than pure noise.
PIECES = st.sampled_from([
    "\n", "\n", "\n", "  ", "    ", "\t", "- ", ": ", ":", "? ", "[", "]", "{", "}", ", ", "'", '"', "&a ", "*a",
    "!!str ", "!!int ", "!!python/object:os.system ", "!lokal ", "# catatan", "|", ">-", "judul", "status",
    "tanggal", "mulai", "instansi", "jenis", "urusan", "2021-02-30", "2020-01-15", "no", "true", "35.10", "~",
    "é", "😀", "\u2028", "\x85", "\r\n", "\r", "\x0c", "\x00", "\ufeff", "---", "...", "%YAML 1.1", "\\", "%", "@",
    "`", "a" * 50, "aktif", "kesehatan",
    # invisible characters (the second round): soft hyphen, zero width, a tag, a bidi override, ESC
    "\u00ad", "\u200b", "\U000e0020", "\u202e", "\x1b", "\\u200b", "\\U000E0020",
])
SOUP = st.lists(PIECES, max_size=60).map("".join)


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """`text` with a few characters deleted, inserted or replaced."""
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        at = draw(st.integers(min_value=0, max_value=len(text)))
        end = draw(st.integers(min_value=at, max_value=min(len(text), at + 8)))
        text = text[:at] + draw(st.one_of(st.just(""), PIECES, st.text(max_size=3))) + text[end:]
    return text


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _paths(value, prefix + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _paths(value, prefix + (index,))
    return out


@st.composite
def broken_entries(draw: st.DrawFn) -> dict[str, Any]:
    """The valid entry with keys dropped, renamed, or given values of other types."""
    data = yaml.safe_load(yaml.safe_dump(VALID_FRONT))  # a deep copy, with dates as date objects
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = _paths(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        last = path[-1]
        action = draw(st.sampled_from(["drop", "retype", "retype", "rename"]))
        if action == "drop":
            del holder[last]
        elif action == "retype":
            holder[last] = draw(VALUES)
        elif isinstance(holder, dict):
            holder[draw(st.sampled_from(KEYS) | st.text(min_size=1, max_size=8))] = holder.pop(last)
    return data


# --- properties -------------------------------------------------------------------------------------------


@FAST
@given(st.text())
def test_random_text(text):
    check(text.encode("utf-8", "surrogatepass"))
    check(("---\n" + text + "\n---\n").encode("utf-8", "surrogatepass"))


@FAST
@given(st.binary())
def test_random_bytes(raw):
    check(raw)
    check(b"---\n" + raw + b"\n---\n")
    check(b"\xef\xbb\xbf---\r\n" + raw + b"\r\n---\r\n")


@FAST
@given(SOUP)
@example("\u2028\u2028'")  # an open quote after line breaks only libyaml counts: its line is not the n-th "\n" line
@example("a: 1\x85b: '\u2029")
def test_yaml_soup(text):
    check(("---\n" + text + "\n---\n" + text).encode("utf-8", "surrogatepass"))


@SLOW
@given(VALUES, st.booleans())
def test_random_yaml_documents(data, flow):
    check(front_matter(data, default_flow_style=flow).encode())


@SLOW
@given(st.data())
def test_random_yaml_documents_mutated(data):
    text = front_matter(data.draw(VALUES), default_flow_style=data.draw(st.booleans()))
    check(data.draw(mutated(text)).encode("utf-8", "surrogatepass"))


def test_the_entry_the_mutations_start_from_is_valid():
    assert check(front_matter(VALID_FRONT).encode(), "adminduk-keliling") == []


@SLOW
@given(broken_entries())
def test_valid_entry_with_keys_dropped_or_retyped(data):
    check(front_matter(data).encode())


@SLOW
@given(st.data())
def test_valid_entry_with_its_text_mutated(data):
    text = data.draw(mutated(front_matter(VALID_FRONT)))
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(broken_entries().map(front_matter), SOUP.map(lambda s: f"---\n{s}\n---\n")),
                min_size=1, max_size=4),
       st.lists(st.sampled_from(["jawa-timur", "bali", "nasional"]), min_size=4, max_size=4))
def test_catalogue_of_random_files(texts, provinces):
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for index, text in enumerate(texts):
            folder = Path(tmp) / "innovations" / provinces[index]
            folder.mkdir(parents=True, exist_ok=True)
            # ids that replicate each other now and then: entry-0 ... with replikasi_dari mal-pelayanan-publik
            path = folder / ("mal-pelayanan-publik.md" if index == 0 else f"entri-{index}.md")
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
            files.append(path)
        catalogue = load_files(files, today=TODAY, jobs=1)
        for diag in catalogue.diagnostics:
            raw = Path(diag.path).read_bytes()
            assert_well_placed([diag], raw)
        assert catalogue.ok == (not catalogue.errors)
