"""What the test modules share, in one module they import (`from helpers import ...`); no test module
imports another. `conftest.py` makes fixtures of some (`h`, `browser`, `site_url`) and sorts every
test into its tier. The sections: one valid entry and ways to tweak and check it; small sites
built by real `mkdocs build` runs and read as HTML; the browser (Debian's Chromium) and a static
host; data several modules use (an issue body, the lifecycle's states, the replication index).

One valid entry written as literal YAML, and ways to tweak it and check it.

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

import contextlib
import functools
import http.server
import io
import json
import re
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from html import unescape
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


def write_entry(root: Path, provinsi: str = "jawa-timur", entry_id: str = DEFAULT_ID, *,
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


# --- sites built by real `mkdocs build` runs -------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
EPOCH = "1780358400"  # 2026-06-02, TODAY
REPO = "https://github.com/contoh/katalog"
XSS = "<script>alert(1)</script>"
ATTR_XSS = '"><img src=x onerror=alert(2)>'
EVIL = f"{XSS}{ATTR_XSS}"
URL_XSS = '"><img/src=x/onerror=alert(5)>'  # URLs may not hold spaces, but may hold quotes


def yaml_text(value: str) -> str:
    """A YAML double-quoted scalar (for values full of quotes and angle brackets)."""
    return json.dumps(value, ensure_ascii=False)


def rich(provinsi: str = "jawa-timur") -> dict[str, str]:
    """Overrides for an entry with evidence for every badge."""
    return {
        "kebaruan": "\n  jenis: gagasan_baru\n  uraian: " + " ".join(f"kata{i}" for i in range(35)),
        "hasil": ("\n  - indikator: Waktu penerbitan KTP-el\n    satuan: hari\n"
                  "    sebelum:\n      nilai: 14\n      tanggal: 2020-01-01\n"
                  "    sesudah:\n      nilai: 1\n      tanggal: 2021-01-01\n"
                  "    sumber: Laporan SIAK Dukcapil\n    bukti: https://contoh.go.id/laporan"),
        "manfaat": "\n  dasar: penerima\n  nilai: 1250\n  bukti: https://contoh.go.id/manfaat",
        "panduan_replikasi": "\n  bentuk: daring\n  tautan: https://contoh.go.id/panduan",
    }


def write_config(tmp: Path, **plugin: Any) -> Path:
    """`tmp/mkdocs.yml` for a site of `tmp/content` with the project's theme and `plugins: [katalog]`
    (`plugin`: its options)."""
    options = "".join(f"\n      {k}: {json.dumps(v)}" for k, v in plugin.items())
    katalog = f"\n  - katalog:{options}" if options else "\n  - katalog"
    path = tmp / "mkdocs.yml"
    path.write_text(
        "site_name: Katalog Uji\n"
        "site_url: https://contoh.go.id/katalog/\n"
        f"repo_url: {REPO}\n"
        "edit_uri: edit/main/content/\n"
        "docs_dir: content\n"
        "site_dir: site\n"
        f"theme:\n  name: material\n  language: id\n  font: false\n  custom_dir: {ROOT / 'generator' / 'theme'}\n"
        "  features: [content.action.edit]\n"
        f"plugins:{katalog}\n"
        "markdown_extensions: [admonition, tables, toc]\n",
        encoding="utf-8",
    )
    return path


def run_build(tmp: Path, *, command: str = "build", **plugin: Any) -> Path:
    """Build `tmp/content` with `write_config`'s mkdocs.yml (`plugin`: the plugin's options) in
    this process, as `mkdocs build` (or, `command="serve"`, as serve's builds) does; returns the site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(write_config(tmp, **plugin)))
    # The plugin instance outlives one build (MkDocs caches plugins that have `on_startup`):
    # tell it every time whether this is `serve`.
    config.plugins.on_startup(command=command, dirty=False)
    build(config)
    return tmp / "site"


def page(site: Path, url: str) -> str:
    """The HTML of a built page by its address (`inovasi/x`) or file (`404.html`)."""
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    return path.read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """What a visitor reads: tags removed, entities decoded, spaces collapsed."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def article(html: str) -> str:
    return html[html.index('<article'): html.index("</article>")]


def all_html(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}


def evil_entry() -> str:
    """An entry with `<script>` and an attribute breakout in every free-text field."""
    q = yaml_text
    text = entry_text(
        "nasional",
        judul=q(f"Judul {EVIL}"),
        ringkasan=q(f"Ringkasan yang cukup panjang {EVIL}"),
        instansi=f"\n  nama: {q('Kementerian ' + EVIL)}\n  jenis: kementerian",
        unit=q(f"Unit {EVIL}"),
        wilayah="\n  provinsi: nasional",
        masalah=q(f"Masalah yang cukup panjang sekali {EVIL}"),
        kebaruan=f"\n  jenis: gagasan_baru\n  uraian: {q('Uraian ' + EVIL)}",
        hasil=(f"\n  - indikator: {q('Indikator ' + EVIL)}\n    satuan: {q('hari ' + EVIL)}\n"
               f"    sumber: {q('Sumber ' + EVIL)}\n    bukti: {q('https://contoh.go.id/a' + URL_XSS)}"),
        evaluasi=f"\n  - jenis: eksternal\n    judul: {q('Evaluasi ' + EVIL)}\n    tahun: 2024\n"
                 f"    tautan: {q('https://contoh.go.id/e' + URL_XSS)}",
        manfaat=f"\n  dasar: penerima\n  nilai: 10\n  keterangan: {q('Ket ' + EVIL)}",
        replikasi_oleh=f"\n  - instansi: {q('Pemkot ' + EVIL)}\n    tahun: 2024",
        panduan_replikasi=f"\n  bentuk: cetak\n  kebutuhan: {q('Butuh ' + EVIL)}",
        keberlanjutan=(f"\n  dasar_hukum:\n    - jenis: perkada\n      nomor: {q('12 ' + EVIL)}\n      tahun: 2022\n"
                       f"      judul: {q('Judul ' + EVIL)}\n  sumber_anggaran: [{q('APBD ' + EVIL)}]\n"
                       f"  pelaksana:\n    unit: {q('Unit ' + EVIL)}\n    sk: {q('SK ' + EVIL)}"),
        penghargaan=f"\n  - ajang: lainnya\n    nama: {q('Hadiah ' + EVIL)}\n    tahun: 2023\n"
                    f"    capaian: {q('Juara ' + EVIL)}",
        kata_kunci=f"\n  - {q('kunci ' + EVIL)}",
        kontak=f"\n  jabatan: {q('Kepala ' + EVIL)}\n  telepon: 0800 123 456",
        tautan=(f"\n  situs: {q('https://contoh.go.id/' + URL_XSS)}\n  dokumen:\n"
                f"    - judul: {q('Dokumen ' + EVIL)}\n      url: https://contoh.go.id/d"),
        body=f"Uraian {XSS}\n",
    )
    assert not check(text, "xss-di-mana-mana"), "the hostile entry must be valid, or it tests nothing"
    return text


def build_small_site(tmp: Path, epoch: str, *, repo: str | None = None, theme: str = "", plugin: str = "") -> Path:
    """Build `tmp/content` with the project's theme and plugin as of `epoch` (SOURCE_DATE_EPOCH),
    no cache dir; `theme` and `plugin`: more lines of those sections. Returns the site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    forge = f"repo_url: {repo}\nedit_uri: edit/main/content/\n" if repo else ""
    katalog = f"  - katalog:\n{plugin}" if plugin else "  - katalog\n"
    (tmp / "mkdocs.yml").write_text(
        f"site_name: Uji\nsite_url: https://contoh.go.id/\n{forge}docs_dir: content\nsite_dir: site\n"
        f"theme:\n  name: material\n  language: id\n  font: false\n  custom_dir: {ROOT / 'generator' / 'theme'}\n"
        f"{theme}plugins:\n{katalog}", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        patch.delenv("KATALOG_CACHE_DIR", raising=False)
        build(load_config(config_file=str(tmp / "mkdocs.yml")))
    return tmp / "site"


def epoch(day: date) -> str:
    """SOURCE_DATE_EPOCH of a day (midnight UTC)."""
    return str(int(datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()))


def build_with_theme(tmp: Path, custom_dir: Path, **second: str) -> Path:
    """A small catalogue built with `custom_dir` as the site's theme; `second`: more front matter
    of the second Jawa Timur entry."""
    root = tmp / "content"
    write_entry(root, "jawa-timur", "adminduk-keliling")
    write_entry(root, "jawa-timur", "kedua-jatim", judul="Inovasi Kedua Jawa Timur", **second)
    write_entry(root, "nasional", "xss-di-mana-mana", text=evil_entry())
    config = write_config(tmp)  # our theme as custom_dir; the adopter's instead:
    text = config.read_text(encoding="utf-8").replace(f"custom_dir: {ROOT / 'generator' / 'theme'}", f"custom_dir: {custom_dir}")
    assert f"custom_dir: {custom_dir}" in text
    config.write_text(text, encoding="utf-8")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    loaded = load_config(config_file=str(config))
    loaded.plugins.on_startup(command="build", dirty=False)
    build(loaded)
    return tmp / "site"


# --- the browser ---------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
AXE = ROOT / "tools/node_modules/axe-core/axe.min.js"
AXE_SERIOUS = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical" || v.id === "heading-order")
    .map((v) => v.impact + " " + v.id + ": " + v.nodes.slice(0, 6).map((n) => n.target.join(" ") + "  "
      + n.failureSummary.split("\\n").slice(0, 2).join(" ")).join(", "));
}"""
"""axe-core's serious and critical findings on the page, and headings out of order (a moderate
rule), one line each (`page.evaluate`, after `page.add_script_tag(path=str(AXE))`)."""


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """A static host, quiet: files as they are; a missing address answers 404 with the site's 404
    page; addresses under site_url's path (/katalog/ in mkdocs.yml: the 404 page links absolutely)
    are served from the root too."""

    def log_message(self, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        if path.startswith("/katalog/"):
            path = path[len("/katalog"):]
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> Iterator[str]:
    """The built site over HTTP on a free port, for as long as the fixture that yields from it lives."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def open_page(browser: Any, width: int | None = None, *, phone: bool = False, **options: Any) -> tuple[Any, Any, list[str]]:
    """A new context and page (`width`: the window's, 800 px high; `phone`: a touch phone's), and
    the list the page's script errors and console errors go to.

    Playwright's waits evaluate strings in the page, which the site's CSP (no 'unsafe-eval')
    refuses: the context bypasses it (test_browser.py tests the policy itself)."""
    options.setdefault("bypass_csp", True)
    if width is not None:
        options.setdefault("viewport", {"width": width, "height": 800})
    if phone:
        options.update(is_mobile=True, has_touch=True)
    context = browser.new_context(**options)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(str(exc)))
    page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
    return context, page, problems


# --- data several modules use ----------------------------------------------------------------------

JATIM = "content/innovations/jawa-timur"


def validate(*argv: str) -> tuple[int, str, str]:
    """`katalog validate ARGV` in this process: the exit code, what it printed, what it said on stderr."""
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", *argv])
    return code, out.getvalue(), err.getvalue()


def replication_index(items: Iterable[tuple[str, Any]]) -> dict[str, list[Any]]:
    """Who replicates whom, from (id, Entry model) pairs, through the badge's own rule
    (`criteria.replication_index`, which the catalogue calls with each entry's facts)."""
    from generator.criteria import own_evidence
    from generator.criteria import replication_index as index

    return index((entry_id, entry.draf, entry.instansi.nama, [item.inovasi for item in entry.replikasi_dari],
                  entry.tahapan, own_evidence(entry)) for entry_id, entry in items)


# The lifecycle's states on a small site (test_verification.py, test_browser_verification.py).
UNIT = "Tim Penilai Inovasi Biro Organisasi Setda Provinsi Jawa Timur"
REASON = "Tautan laporan SIAK tidak dapat dibuka; lampirkan laporan yang memuat angka sebelum dan sesudah."
STATES = {  # entry id → its state once the records below are written
    "belum-diperiksa": "diajukan",
    "sudah-diperiksa": "terverifikasi",
    "bukti-berubah": "perlu_verifikasi_ulang",
    "minta-perbaikan": "perlu_perbaikan",
    "sudah-berhenti": "tidak_aktif",
}
LABELS = {"diajukan": "Diajukan", "terverifikasi": "Terverifikasi 2 Juni 2026",
          "perlu_verifikasi_ulang": "Perlu verifikasi ulang", "perlu_perbaikan": "Perlu perbaikan",
          "tidak_aktif": "Tidak aktif"}


def build_states(tmp: Path) -> Path:
    """Five entries, one per state, verified with `katalog verifikasi`, built on 2 June 2026 (the
    caller sets SOURCE_DATE_EPOCH and the working directory: `tmp`)."""
    from generator.cli import main

    content = tmp / "content"
    for entry_id in STATES:
        extra = {}
        if entry_id == "sudah-berhenti":
            extra = {"status": "berhenti", "tanggal": "\n  mulai: 2020-01-15\n  penerapan: 2020-06-01\n  berhenti: 2026-01-01"}
        write_entry(content, "jawa-timur", entry_id, judul=f"Inovasi {entry_id.replace('-', ' ').title()}",
                      **rich(), **extra)
    for entry_id in ("sudah-diperiksa", "bukti-berubah", "sudah-berhenti"):
        assert main(["verifikasi", entry_id, "--oleh", UNIT, "--ya"]) == 0
    assert main(["verifikasi", "minta-perbaikan", "--oleh", UNIT, "--perlu-perbaikan", REASON, "--ya"]) == 0
    # After the verification, the agency changes a result's number in a pull request of its own.
    changed = content / "innovations" / "jawa-timur" / "bukti-berubah.md"
    text = changed.read_text(encoding="utf-8")
    assert "nilai: 1\n" in text
    changed.write_text(text.replace("nilai: 1\n", "nilai: 2\n"), encoding="utf-8")
    return run_build(tmp)


# An issue body as GitHub writes it from the form (test_intake.py, test_usulan_workflow.py).
ISSUE_BODY = """### Judul inovasi

Layanan Adminduk Keliling Desa

### Ringkasan

Petugas Dinas Dukcapil mendatangi desa-desa terpencil setiap pekan
untuk melayani KTP-el, KK dan akta kelahiran di balai desa.

### Nama instansi pemilik

Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tulungagung

### Jenis instansi

Pemerintah Kabupaten

### Unit penyelenggara layanan

_No response_

### Provinsi

Jawa Timur

### Kabupaten/kota

Kabupaten Tulungagung

### Kode wilayah Kemendagri

35.04

### Urusan pemerintahan

Administrasi Kependudukan dan Pencatatan Sipil, Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat

### Tahapan

Penerapan

### Status

Aktif

### Tanggal mulai

1 Maret 2019

### Tanggal mulai diterapkan

2019-07-01

### Tanggal berhenti

_No response_

### Jenis inovasi

Non-digital

### Bentuk inovasi

Inovasi Pelayanan Publik

### Masalah publik yang diselesaikan

Warga desa terpencil harus menempuh perjalanan dua jam ke kantor Dukcapil di kota, sering lebih dari sekali.

### Jenis kebaruan

Pendekatan baru

### Apa yang baru

Pelayanan dokumen kependudukan tidak lagi menunggu warga datang ke kantor: petugas membawa perangkat perekaman
ke balai desa menurut jadwal yang diumumkan lewat perangkat desa, sehingga warga lanjut usia, penyandang disabilitas
dan pekerja harian dapat dilayani di dekat rumah pada hari yang sama.

### Hasil terukur (sebelum dan sesudah)

indikator | sebelum | sesudah | satuan | tanggal sebelum | tanggal sesudah | sumber | tautan bukti
- Waktu pengurusan KTP-el | 14 | 1 | hari | 31-1-2019 | 31 Desember 2021 | Laporan Kinerja Dinas Dukcapil 2021 | https://dukcapil.tulungagungkab.go.id/lkj-2021
- Cakupan perekaman KTP-el  |  91,5 |  98,2 | persen | 2019-01-31 | 2021-12-31 | Data konsolidasi Ditjen Dukcapil |

### Evaluasi

Survey kepuasan | Survei Kepuasan Masyarakat Dinas Dukcapil 2023 | 2023 | https://dukcapil.tulungagungkab.go.id/skm-2023

### Dasar manfaat

Jumlah penerima manfaat

### Angka manfaat

1.250 orang

### Keterangan manfaat

Warga yang dilayani di balai desa sepanjang 2023.

### Tautan bukti manfaat

www.tulungagungkab.go.id/adminduk-keliling

### Dasar hukum

Perkada | Peraturan Bupati Tulungagung Nomor 12 | 2019 | https://jdih.tulungagungkab.go.id/perbup-12-2019

### Tahun anggaran

2024 - 2026

### Sumber anggaran

APBD

### Unit atau tim pelaksana

Bidang Pelayanan Pendaftaran Penduduk

### Nomor SK tim pelaksana

470/123/35.04/2024

### Bentuk panduan replikasi

Panduan daring (laman/video/pelatihan)

### Tautan panduan replikasi

https://dukcapil.tulungagungkab.go.id/panduan-keliling

### Kebutuhan untuk mereplikasi

Dua petugas, satu set alat perekaman, kendaraan dinas.

### Penghargaan

_No response_

### Jabatan kontak

Kepala Bidang Pelayanan Pendaftaran Penduduk

### Email dinas

mailto:dukcapil@tulungagungkab.go.id

### Telepon kantor

(0355) 321000

### Situs atau aplikasi

_No response_

### Cerita lengkap

## Latar Belakang

Banyak warga desa di lereng Wilis belum memiliki KTP-el.

## Inovasi

Petugas datang ke balai desa setiap Kamis.

### Persetujuan

- [X] Data ini benar dan boleh diterbitkan di katalog dengan lisensi CC BY 4.0.
"""
