"""The `katalog` command: validate entries, show their badges, print the schema and vocabularies,
report a built site's size.

Exit codes: 0 all valid, 1 an entry is invalid (or a site over its size budget), 2 the command
itself was used wrongly.
Bad input never produces a traceback: it produces diagnostics.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostic, format_github, os_reason, summary_markdown, to_json

DEFAULT_ROOT = Path("content/innovations")
DEFAULT_DOCS = DEFAULT_ROOT.parent
"""What `validate` and `badges` look at when given no path: all of `content/` (entries, the
site's own pages, images)."""


class UsageError(Exception):
    """The command was called wrongly (exit 2)."""


_ARGPARSE_WORDS = (
    (r"the following arguments are required: (.+)", "argumen wajib belum diisi: {0}"),
    (r"unrecognized arguments: (.+)", "argumen tidak dikenal: {0}"),
    (r"argument (\S+): invalid choice: (.+?) \(choose from (.+)\)", "{0}: pilihan {1} tidak dikenal (pilih: {2})"),
    (r"argument (\S+): expected one argument", "{0} memerlukan satu nilai"),
    (r"argument (\S+): invalid (\w+) value: (.+)", "{0}: {2} bukan nilai yang sah ({1})"),
    (r"argument (\S+): ignored explicit argument (.+)", "{0}: nilai {1} tidak dipakai"),
    (r"argument (\S+): not allowed with argument (.+)", "{0} tidak boleh dipakai bersama {1}"),
    (r"ambiguous option: (\S+) could match (.+)", "opsi {0} bisa berarti {1}"),
)


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # noqa: ANN001 — argparse's own signature
        super().add_usage(usage, actions, groups, "penggunaan: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse in the command's language: its usage line and its errors in Indonesian (its own
    messages are English), exit 2 as every wrong use of `katalog`."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "opsi"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str):  # noqa: ANN201 — never returns
        import re

        for pattern, words in _ARGPARSE_WORDS:
            if (match := re.fullmatch(pattern, message)) is not None:
                message = words.format(*match.groups())
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="katalog",
        description="Katalog Inovasi: validasi entri, lencana kriteria, dan data katalog.",
    )
    parser.add_argument("--version", action="version", version=f"katalog {__version__}",
                        help="tampilkan versi lalu keluar")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=_Parser, title="perintah")

    validate = sub.add_parser("validate", help="periksa entri (file atau folder)",
                              description="Periksa entri dan laporkan setiap masalah di file, baris dan kolomnya.")
    _paths_and_root(validate)
    validate.add_argument("--format", choices=("text", "github", "json"), default="text",
                          help="text (bawaan), github (anotasi GitHub Actions), json")

    badges = sub.add_parser("badges", help="tampilkan lencana lima kriteria setiap entri",
                            description="Hitung lencana lima kriteria dari bukti di front matter.")
    _paths_and_root(badges)
    badges.add_argument("--format", choices=("text", "json", "markdown"), default="text",
                        help="text (bawaan), json, markdown (komentar pull request)")

    new = sub.add_parser("new", help="buat draf entri baru yang sudah valid",
                         description="Buat draf entri baru. Di terminal tanpa --judul, perintah ini bertanya "
                                     "langkah demi langkah; selain itu isi lewat opsi.")
    new.add_argument("--judul")
    new.add_argument("--instansi", help="nama instansi pemilik inovasi")
    new.add_argument("--jenis-instansi", help="kementerian, lembaga, pemprov, pemkab, pemkot, bumn, bumd, lainnya "
                                              "(atau namanya, misalnya 'Pemerintah Kabupaten')")
    new.add_argument("--provinsi", help="provinsi: nama atau slug (misalnya 'Jawa Tengah'), atau nasional")
    new.add_argument("--kabupaten-kota")
    new.add_argument("--kode", help="kode wilayah Kemendagri, misalnya 35.04")
    new.add_argument("--urusan", action="append", help="urusan pemerintahan (boleh berulang)")
    new.add_argument("--ringkasan")
    new.add_argument("--id", help="id entri (bawaan: dari judul)")
    new.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR")
    new.add_argument("--dari-isu", type=Path, metavar="BODY.md",
                     help="buat draf dari isi isu yang dibuat dengan formulir 'Usulkan inovasi'")
    new.add_argument("--laporan", type=Path, metavar="FILE",
                     help="dengan --dari-isu: tulis hasilnya (path draf atau daftar masalah) sebagai Markdown ke FILE")

    form = sub.add_parser("form", help="cetak formulir isu 'Usulkan inovasi' (dibuat dari kosakata)",
                          description="Cetak formulir isu GitHub 'Usulkan inovasi', dibuat dari model dan kosakata.")
    form.add_argument("--write", "--tulis", dest="write", type=Path, metavar="FILE",
                      help="tulis formulir ke FILE (misalnya .github/ISSUE_TEMPLATE/usulkan-inovasi.yml)")

    rep = sub.add_parser("replicate", help="mulai replikasi: draf baru yang menyalin inovasi lain",
                         description="Buat draf replikasi: replikasi_dari terisi, bagian yang dapat dipakai ulang "
                                     "disalin dari inovasi asal.")
    rep.add_argument("asal", metavar="ID", help="id inovasi yang direplikasi")
    rep.add_argument("--instansi", help="nama instansi Anda (ditanyakan di terminal bila tidak diisi)")
    rep.add_argument("--jenis-instansi", help="jenis instansi Anda: nama atau slug, misalnya 'Pemerintah Kabupaten' "
                                              "atau pemkab")
    rep.add_argument("--provinsi", help="provinsi Anda: nama atau slug, misalnya 'Jawa Tengah' atau jawa-tengah")
    rep.add_argument("--kabupaten-kota")
    rep.add_argument("--kode")
    rep.add_argument("--id", help="id entri baru (bawaan: dari id asal dan wilayah)")
    rep.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR")

    imp = sub.add_parser("import", aliases=["impor"], help="entri dari lembar kerja (.xlsx atau .csv) berkolom label "
                         "formulir 'Usulkan inovasi'", description=(
                             "Baca setiap baris lembar kerja seperti isi isu formulir 'Usulkan inovasi' dan tulis "
                             "entrinya: terbit bila lengkap, draf bila belum. Baris bermasalah disebut dengan lembar, "
                             "baris dan kolomnya, dan tidak ditulis. Mengimpor ulang berkas yang sama aman. Keluar 0 "
                             "bila semua baris ditulis, 1 bila ada baris bermasalah, 2 bila berkasnya tidak terbaca."))
    imp.add_argument("berkas", nargs="?", type=Path, metavar="BERKAS", help="berkas .xlsx atau .csv")
    imp.add_argument("--templat", "--template", dest="templat", type=Path, metavar="BERKAS.xlsx",
                     help="tulis templat kosong (kolom, daftar pilihan, petunjuk, satu baris contoh) ke BERKAS.xlsx")
    imp.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR", help=f"bawaan: {DEFAULT_ROOT}")
    imp.add_argument("--timpa", "--overwrite", dest="timpa", action="store_true",
                     help="timpa juga entri yang diubah manual sejak impor terakhir (atau tidak dibuat oleh impor)")
    imp.add_argument("--jobs", type=int, default=None, help="jumlah proses (bawaan: semua inti)")

    export = sub.add_parser("export", help="tulis berkas data terbuka (JSON, CSV, Atom) tanpa membangun situs",
                            description="Tulis data terbuka katalog ke DIR/api/: inovasi.json, inovasi.csv, "
                                        "satu JSON dan Markdown per inovasi, schema.json dan terbaru.xml.")
    export.add_argument("--out", type=Path, required=True, metavar="DIR", help="folder tujuan (api/ dibuat di sini)")
    export.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                        help=f"folder katalog (bawaan: {DEFAULT_ROOT})")
    export.add_argument("--site-url", help="alamat situs, untuk tautan absolut (misalnya https://katalog.go.id/)")
    export.add_argument("--jobs", type=int, default=None, help="jumlah proses (bawaan: semua inti)")
    _records_option(export)

    size = sub.add_parser("size", help="laporan ukuran situs yang sudah dibangun, per bagian, dan anggarannya",
                          description="Hitung berkas dan ukuran situs yang sudah dibangun per bagian (halaman inovasi, "
                                      "daftar provinsi, pencarian, data terbuka, aset, halaman lain). Keluar dengan "
                                      "kode 1 bila situs melebihi anggaran.")
    size.add_argument("site", type=Path, metavar="SITE_DIR", help="folder situs hasil build (misalnya site)")
    size.add_argument("--budget-mb", type=float, default=None, metavar="N",
                      help="anggaran dalam MB (bawaan: 1000, batas GitHub Pages 1 GB)")
    size.add_argument("--previous", type=Path, default=None, metavar="FILE",
                      help="laporan JSON build sebelumnya (misalnya .cache/katalog/ukuran-sebelumnya.json), "
                           "untuk menyebut bagian yang paling bertambah; boleh belum ada")
    size.add_argument("--format", choices=("text", "json"), default="text")

    preview = sub.add_parser("preview", aliases=["pratinjau"],
                             help="lihat halaman satu entri dengan tema dan lencana situs, tanpa membangun situs",
                             description="Tampilkan halaman satu entri persis seperti di situs (tema, lencana, "
                                         "replikasi dari katalog), di http://127.0.0.1:PORT/ atau ke sebuah folder.")
    preview.add_argument("file", type=Path, metavar="FILE", help="file entri (.md)")
    preview.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"), metavar="MKDOCS_YML",
                         help="konfigurasi situs (bawaan: mkdocs.yml)")
    preview.add_argument("--port", type=int, default=None, metavar="N",
                         help="port di 127.0.0.1 (bawaan: 8001; 0: port bebas mana saja)")
    preview.add_argument("--keluar", "--output", dest="keluar", type=Path, metavar="DIR",
                         help="tulis halaman dan asetnya ke DIR saja, tanpa menjalankan server")

    verify = sub.add_parser("verifikasi", aliases=["verify"],
                            help="catat verifikasi satu entri (verifikasi/<id>.yml) setelah memeriksa buktinya",
                            description="Tampilkan daftar periksa (setiap tautan bukti dan klaim yang didukungnya, "
                                        "setiap lencana dan alasannya), minta konfirmasi, lalu tulis catatan "
                                        "verifikasi verifikasi/<id>.yml yang terikat pada sidik bukti entri.")
    verify.add_argument("id", metavar="ID", help="id entri yang diverifikasi")
    verify.add_argument("--oleh", required=True, metavar="UNIT",
                        help="unit peninjau, bukan nama pribadi (misalnya \"Tim Penilai Inovasi Biro Organisasi "
                             "Setda Provinsi Jawa Timur\")")
    verify.add_argument("--peran", default="Verifikator", metavar="PERAN", help="peran unit itu (bawaan: Verifikator)")
    verify.add_argument("--perlu-perbaikan", metavar="ALASAN",
                        help="catat hasil 'perlu perbaikan' dengan alasannya, bukan 'terverifikasi'")
    verify.add_argument("--lencana", metavar="KRITERIA",
                        help="lencana yang buktinya diperiksa, dipisah koma (bawaan: kelimanya)")
    verify.add_argument("--catatan", metavar="TEKS", help="catatan tambahan peninjau")
    verify.add_argument("--ya", action="store_true", help="catat tanpa bertanya (untuk skrip)")
    verify.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                        help=f"folder katalog (bawaan: {DEFAULT_ROOT})")
    _records_option(verify)
    verify.add_argument("--jobs", type=int, default=None, help="jumlah proses (bawaan: semua inti)")

    check_pr = sub.add_parser("check-pr", aliases=["periksa-pr"],
                              help="tolak pull request yang mengubah entri sekaligus catatan verifikasinya",
                              description="Periksa path yang diubah sebuah pull request (relatif ke akar repositori, "
                                          "seperti `git diff --name-only`): entri dan catatan verifikasinya tidak "
                                          "boleh diubah bersama. Keluar dengan kode 1 bila ada.")
    check_pr.add_argument("paths", nargs="*", metavar="PATH", help="path yang diubah")
    check_pr.add_argument("--paths-from", metavar="FILE",
                          help="baca path dari FILE ('-': masukan standar), dipisah NUL (git diff -z) atau baris baru")
    check_pr.add_argument("--katalog", default=str(DEFAULT_ROOT), metavar="DIR",
                          help=f"folder katalog, relatif ke akar repositori (bawaan: {DEFAULT_ROOT})")
    check_pr.add_argument("--verifikasi", default="verifikasi", metavar="DIR",
                          help="folder catatan verifikasi, relatif ke akar repositori (bawaan: verifikasi)")
    check_pr.add_argument("--format", choices=("text", "github"), default="text")

    links = sub.add_parser("check-links", aliases=["periksa-tautan"],
                           help="periksa setiap tautan bukti dan tulis laporannya (untuk workflow terjadwal)",
                           description="Buka setiap tautan bukti entri yang diterbitkan (HEAD, lalu GET), dengan "
                                       "batas waktu per tautan dan per pemeriksaan dan jeda per situs, lalu tulis "
                                       "laporan yang dibaca build berikutnya. Tautan yang gagal tidak membuat "
                                       "perintah ini gagal.")
    links.add_argument("--keluar", "--out", dest="keluar", type=Path, required=True, metavar="FILE",
                       help="laporan yang ditulis (misalnya laporan/tautan-bukti.json)")
    links.add_argument("--sebelumnya", type=Path, default=None, metavar="FILE",
                       help="laporan sebelumnya (bawaan: FILE --keluar bila ada): tanggal 'sejak' dan tautan yang "
                            "belum sempat diperiksa diambil dari sini")
    links.add_argument("--katalog", type=Path, default=DEFAULT_ROOT, metavar="DIR",
                       help=f"folder katalog (bawaan: {DEFAULT_ROOT})")
    links.add_argument("--menit", type=float, default=45.0, metavar="N", help="batas waktu seluruh pemeriksaan")
    links.add_argument("--jeda", type=float, default=2.0, metavar="DETIK",
                       help="jeda antara dua permintaan ke situs yang sama (bawaan: 2)")
    links.add_argument("--per-situs", type=int, default=200, metavar="N",
                       help="tautan satu situs yang diperiksa dalam satu pemeriksaan (bawaan: 200)")

    init = sub.add_parser("init", aliases=["mulai"], help="tulis repositori katalog baru untuk instansi Anda",
                          description="Tulis repositori katalog baru ke FOLDER (baru atau kosong): mkdocs.yml, "
                                      "halaman situs, satu entri contoh, alur kerja GitHub dan formulir usulan, "
                                      "kunci dependensi dan README. Tema, kosakata dan tabel kriteria tetap di "
                                      "paket ini.")
    init.add_argument("folder", type=Path, metavar="FOLDER", help="folder katalog baru (belum ada, atau kosong)")
    sub.add_parser("schema", help="cetak JSON Schema front matter (dibuat dari model)")

    # English verbs like the others; the Indonesian names they first had stay as aliases.
    ref = sub.add_parser("reference", aliases=["referensi"],
                         help="cetak referensi bidang (Markdown) yang dibuat dari model")
    ref.add_argument("--write", "--tulis", dest="write", type=Path, metavar="FILE",
                     help="perbarui bagian referensi di FILE")

    vocab = sub.add_parser("vocabulary", aliases=["kosakata"],
                           help="cetak daftar pilihan sebuah kosakata (provinsi, urusan, …)")
    vocab.add_argument("nama", nargs="?", help="nama kosakata; tanpa nama: daftar semua kosakata")

    validate.set_defaults(func=cmd_validate)
    badges.set_defaults(func=cmd_badges)
    new.set_defaults(func=cmd_new)
    form.set_defaults(func=cmd_form)
    rep.set_defaults(func=cmd_replicate)
    export.set_defaults(func=cmd_export)
    imp.set_defaults(func=cmd_import)
    size.set_defaults(func=cmd_size)
    preview.set_defaults(func=cmd_preview)
    verify.set_defaults(func=cmd_verify)
    check_pr.set_defaults(func=cmd_check_pr)
    links.set_defaults(func=cmd_check_links)
    init.set_defaults(func=cmd_init)
    sub.choices["schema"].set_defaults(func=lambda args: cmd_schema())
    ref.set_defaults(func=lambda args: cmd_reference(args.write))
    vocab.set_defaults(func=lambda args: cmd_vocab(args.nama))
    return parser


def _paths_and_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"file (entri, halaman situs, gambar, catatan verifikasi) atau folder (bawaan: seluruh "
                             f"{DEFAULT_DOCS}/)")
    parser.add_argument("--paths-from", "--dari-berkas", dest="paths_from", metavar="FILE",
                        help="baca path dari FILE ('-': masukan standar), dipisah karakter NUL seperti keluaran "
                             "`git diff -z --name-only`: nama file apa pun, dengan spasi, kutip atau baris baru")
    parser.add_argument("--katalog", type=Path, default=None, metavar="DIR",
                        help=f"folder katalog lengkap untuk pemeriksaan antar-entri (bawaan: {DEFAULT_ROOT} bila ada)")
    _records_option(parser)
    parser.add_argument("--jobs", type=int, default=None, help="jumlah proses (bawaan: semua inti)")


def _records_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--verifikasi", type=Path, default=None, metavar="DIR",
                        help="folder catatan verifikasi (bawaan: verifikasi/ di samping folder konten)")


def _records_dir(args: argparse.Namespace, root: Path | None) -> Path | None:
    """The verification records' folder: `--verifikasi`, else `verifikasi/` beside the docs dir
    (content/innovations → ./verifikasi); none for a folder of entries outside a site's layout."""
    from .verification import RECORD_DIR

    if args.verifikasi is not None:
        if args.verifikasi.exists() and not args.verifikasi.is_dir():
            raise UsageError(f"--verifikasi harus sebuah folder: {args.verifikasi}")
        return args.verifikasi
    if root is None or root.name != "innovations":
        return None
    return Path(os.path.normpath(root.parent.parent / RECORD_DIR))


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if not hasattr(args, "func"):
            parser.print_help()
            return 2
        return args.func(args)
    except UsageError as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def _load(args: argparse.Namespace, *, badges: bool = False):
    """The targets' catalogue, cross-checked against the whole catalogue folder, and the content
    allow-list's verdict on every given path (and on the whole docs dir when one is involved)."""
    from . import clock
    from .catalogue import check_files, find_entry_files

    try:
        today = clock.today()
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs harus ≥ 1")
    paths = list(args.paths) + _paths_from(args.paths_from)
    if args.paths_from is not None and not paths:
        return _nothing_given(today)
    paths = paths or [DEFAULT_DOCS if DEFAULT_DOCS.is_dir() else DEFAULT_ROOT]
    missing = [str(p) for p in paths if not os.path.lexists(p)]
    if missing:
        raise UsageError("tidak ditemukan: " + ", ".join(missing))
    root = args.katalog or (DEFAULT_ROOT if DEFAULT_ROOT.is_dir() else None)
    if args.katalog is not None and not args.katalog.is_dir():
        raise UsageError(f"folder katalog tidak ditemukan: {args.katalog}")
    records_dir = _records_dir(args, root)
    # Verification records given by path (a pull request of the reviewers): held to their rules
    # with the whole catalogue loaded, as their entries are.
    records = [p for p in paths if records_dir is not None and _inside(p, records_dir)]
    paths = [p for p in paths if p not in records]
    targets, others, refused, _ = _targets(paths, root) if paths else ([], [], [], [])
    docs_dir = root.parent if root is not None else None
    extra: list[Path] = []
    whole = any(_same(p, root) for p in paths) if root is not None else False
    if root is not None and not whole:
        # Validating some files (a pull request's changes): the rest of the catalogue is loaded
        # too, so that ids, replication links and duplicates are checked against all of it.
        given = {os.path.realpath(p) for p in targets}
        extra = [p for p in find_entry_files([root]) if os.path.realpath(p) not in given]
    catalogue = check_files(targets + extra, docs_dir=docs_dir, today=today, jobs=args.jobs, badges=badges,
                            records_dir=records_dir if records_dir is not None and records_dir.is_dir() else None)
    diags = catalogue.diagnostics
    if extra:
        from .verification import record_path

        shown = {_display(p) for p in targets}
        if records_dir is not None:  # an entry's record is part of it
            shown |= {_display(Path(record_path(records_dir, p.stem))) for p in targets}
            shown |= {_display(p) for p in records}
        diags = [d for d in diags if d.path in shown]
    checked = len({_display(p) for p in targets + others + records} | {d.path for d in refused})
    return catalogue, targets, refused + diags, checked


def _paths_from(source: str | None) -> list[Path]:
    """The paths of `--paths-from`: NUL-separated, as `git diff -z` writes them (a line break
    separates them only when the file holds no NUL), empty ones skipped."""
    if source is None:
        return []
    try:
        if source == "-":
            raw = sys.stdin.buffer.read()
        else:
            with open(source, "rb") as f:
                raw = f.read()
    except OSError as exc:
        raise UsageError(f"--paths-from: {source} tidak dapat dibaca ({os_reason(exc)})") from None
    names = raw.split(b"\0") if b"\0" in raw else raw.split(b"\n")
    return [Path(os.fsdecode(name)) for name in names if name]


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path` is in `folder` (or is it), by their places on disk, symlinks not followed."""
    here = os.path.abspath(path)
    there = os.path.abspath(folder)
    return here == there or here.startswith(there.rstrip(os.sep) + os.sep)


def _nothing_given(today):
    """`--paths-from` named no path (a pull request that changes nothing in content/)."""
    from .catalogue import Catalogue

    return Catalogue({}, [], today), [], [], 0


def _targets(paths: list[Path], root: Path | None) -> tuple[list[Path], list[Path], list[Diagnostic], list[str]]:
    """The entries among `paths`, the other given files (held to the content allow-list only),
    the allow-list's and the site pages' diagnostics, and the site pages checked. A path inside
    the docs dir (the catalogue folder's parent) is judged at its place there, and then the
    whole docs dir is checked too: a stray file or a symlink anywhere in it, and every page of
    the site's own (`pages.authored`: what it holds, where it is), is reported whichever paths
    were given. The images given by name count against one total (`images.Budget`): they are
    a pull request's."""
    from . import content, images
    from .catalogue import find_entry_files

    # A docs dir only where the layout is the site's (`<docs>/innovations/`): a catalogue folder
    # named otherwise (a corpus, a copy) is just a folder of entries, and its parent is no site.
    docs_dir = root.parent if root is not None and root.name == content.CATALOGUE_DIR else None
    catalogue_dir = content.CATALOGUE_DIR
    targets: list[Path] = []
    others: list[Path] = []
    refused: list[Diagnostic] = []
    in_docs = False
    budget = images.Budget()
    all_entries: list[Path] | None = None
    for path in paths:
        parts = content.relative_parts(path, docs_dir) if docs_dir is not None else None
        if parts is None:
            # Outside any docs dir: a folder gives its entries, a file must be an entry or an image.
            if path.is_dir() and not path.is_symlink():
                targets += find_entry_files([path])
                continue
            found = content.check_file(path, budget=budget)
            refused += found
            (targets if not found and path.suffix == ".md" else others).append(path)
            continue
        in_docs = True
        real = content.real_path_below(path, docs_dir)
        if real and path.is_dir():
            if all_entries is None:
                all_entries = find_entry_files([root]) if content.real_path_below(root, docs_dir) else []
            below = os.path.abspath(path)
            targets += [p for p in all_entries
                        if os.path.abspath(p) == below or os.path.abspath(p).startswith(below.rstrip(os.sep) + os.sep)]
            continue
        found = content.check_file(path, docs_dir, catalogue_dir, budget)
        refused += found
        if real and not found and content.is_entry_path(parts, catalogue_dir):
            targets.append(path)
        else:
            others.append(path)
    pages: list[str] = []
    if in_docs:
        from .pages import authored

        tree, allowed = content.scan_tree(docs_dir, catalogue_dir)
        refused += tree
        site, found = authored.check_site(docs_dir, catalogue_dir, allowed, display=content.display)
        refused += found
        pages = [page.path for page in site.values()]
    unique = {str(p): p for p in targets}
    return [unique[name] for name in sorted(unique)], others, list(dict.fromkeys(refused)), pages


def _same(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _display(path: Path) -> str:
    from .catalogue import display_path

    return display_path(path)


def cmd_validate(args: argparse.Namespace) -> int:
    _, _, diags, checked = _load(args)
    errors = sum(d.is_error for d in diags)
    if args.format == "json":
        print(to_json(diags))
    elif args.format == "github":
        for diag in diags:
            print(format_github(diag))
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as f:
                f.write(summary_markdown(diags, checked))
    else:
        for diag in diags:
            print(diag.format())
        print(_verdict(diags, checked), file=sys.stderr)
    return 1 if errors else 0


def _verdict(diags: list[Diagnostic], checked: int) -> str:
    errors = sum(d.is_error for d in diags)
    warnings = len(diags) - errors
    bad_files = len({d.path for d in diags if d.is_error})
    if not errors:
        tail = f", {warnings} peringatan" if warnings else ""
        return f"✓ {checked} file valid{tail}."
    return f"✗ {errors} galat di {bad_files} dari {checked} file, {warnings} peringatan."


def cmd_badges(args: argparse.Namespace) -> int:
    catalogue, targets, diags, _ = _load(args, badges=True)
    wanted = {p.stem for p in targets}
    records = [r for entry_id, r in catalogue.records.items() if entry_id in wanted]
    errors = [d for d in diags if d.is_error]
    if args.format == "markdown":
        print(_badges_markdown(records, targets, errors))
        return 1 if errors else 0
    if args.format == "json":
        # One entry per line: readable and diff-able; the workers already wrote each line.
        sys.stdout.flush()
        sys.stdout.buffer.write(b"[\n" + b",\n".join(r.badges_json for r in records) + b"\n]\n")
        sys.stdout.buffer.flush()
    else:
        for record in records:
            print(_badge_text(record))
    for diag in errors:
        print(diag.format(), file=sys.stderr)
    return 1 if errors else 0


def _badge_text(record) -> str:
    import orjson

    from .criteria import RULES, Assessment
    from .verification import short_text

    a = Assessment.from_json(orjson.loads(record.badges_json))
    state = f"  · {short_text(record.verifikasi)}" if record.verifikasi is not None else ""
    lines = [f"{record.display}  ({record.id})",
             f"  skor {a.skor}/{RULES.max_score}" + ("  · LENGKAP" if a.lengkap else "") + state]
    for badge in a.kriteria.values():
        lines.append(f"  {badge.label:<18} level {badge.level} · {badge.nama_level}")
        mark = "✓" if badge.level else "·"
        lines += [f"      {mark} {reason}" for reason in badge.alasan]
        for missing in badge.kurang:
            lines.append(f"      + {missing.text}")
            lines.append(f"        kunci: {missing.key}")
            lines += [f"          {line}" for line in missing.snippet.splitlines()]
    return "\n".join(lines) + "\n"


def _badges_markdown(records, targets: list[Path], errors: list[Diagnostic]) -> str:
    """The badge preview a pull request shows as a comment: per changed entry its five badges and,
    per badge, what is missing with the key to add. Every text from an entry is made inert."""
    import orjson

    from .criteria import RULES, Assessment
    from .diagnostics import printable
    from .verification import short_text

    out = ["## Pratinjau lencana lima kriteria", ""]
    shown = {r.id for r in records}
    for record in records:
        a = Assessment.from_json(orjson.loads(record.badges_json))
        flags = (" · **LENGKAP**" if a.lengkap else "") + (
            f" · status verifikasi: {_md(short_text(record.verifikasi))}" if record.verifikasi is not None else "")
        out += [f"### `{printable(record.display).replace('`', '')}`", "", f"Skor {a.skor}/{RULES.max_score}{flags}", "",
                "| Kriteria | Level | Arti |", "|---|---|---|"]
        out += [f"| {_md(b.label)} | {b.level} | {_md(b.nama_level)} |" for b in a.kriteria.values()]
        missing = [(b, m) for b in a.kriteria.values() for m in b.kurang]
        if missing:
            out += ["", "<details><summary>Yang masih kurang dan kunci yang perlu ditambahkan</summary>", ""]
            for badge, item in missing:
                out += [f"- **{_md(badge.label)}**: {_md(printable(item.text))} — kunci `{item.key.replace('`', '')}`",
                        "", "  ```yaml"] + [f"  {line.replace('```', '` ` `')}" for line in item.snippet.splitlines()]
                out += ["  ```", ""]
            out += ["</details>"]
        out.append("")
    invalid = sorted({_display(p) for p in targets if p.stem not in shown} | {d.path for d in errors})
    if invalid:
        out += ["### Belum dapat dinilai", "",
                "Entri berikut belum valid; lihat anotasi pada tab *Files changed* atau jalankan "
                "`.venv/bin/katalog validate` untuk setiap file:", ""]
        out += [f"- `{printable(path).replace('`', '')}`" for path in invalid]
    if not records and not invalid:
        out.append("Tidak ada entri yang berubah.")
    return "\n".join(out).rstrip() + "\n"


def cmd_form(args: argparse.Namespace) -> int:
    from .issueform import form_yaml

    text = form_yaml()
    if args.write is None:
        sys.stdout.write(text)
        return 0
    try:
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis {args.write}: {os_reason(exc)}") from None
    print(f"Formulir ditulis: {args.write}")
    return 0


def _today():
    from . import clock

    try:
        return clock.today()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_new(args: argparse.Namespace) -> int:
    from . import drafts, scaffold

    if args.dari_isu is not None:
        return _new_from_issue(args)
    if args.laporan is not None:
        raise UsageError("--laporan hanya dipakai bersama --dari-isu")
    answers = None
    if args.judul is None and sys.stdin.isatty():
        try:
            request, answers = scaffold.interview(input, print, today=_today())
        except EOFError:
            raise UsageError("dibatalkan") from None
    else:
        missing = [f"--{name.replace('_', '-')}" for name in ("judul", "instansi", "jenis_instansi", "provinsi")
                   if getattr(args, name) is None]
        if missing:
            raise UsageError("tanpa terminal, isi opsi " + ", ".join(missing) + " (lihat `katalog new --help`)")
        urusan = [_vocab_option(u, "--urusan", "urusan") for u in args.urusan or ["lainnya"]]
        request = drafts.NewEntry(
            judul=args.judul, instansi=args.instansi,
            jenis_instansi=_vocab_option(args.jenis_instansi, "--jenis-instansi", "jenis_instansi"),
            provinsi=_vocab_option(args.provinsi, "--provinsi", "provinsi"),
            kabupaten_kota=args.kabupaten_kota, kode=args.kode, urusan=urusan, id=args.id,
            **({"ringkasan": args.ringkasan} if args.ringkasan else {}),
        )
    try:
        path = scaffold.create(args.katalog, request, _today(), answers)
    except scaffold.ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    print(f"Draf dibuat: {path}")
    print(_next_steps(path))
    return 0


def _self_command() -> str:
    """How to run `katalog` again from here, as this run was started: `katalog` when that name
    finds this very program, else its path (`.venv/bin/katalog`), else `python -m generator.cli`."""
    import shlex
    import shutil

    me = sys.argv[0] if sys.argv else ""
    if os.path.basename(me) == "katalog" and os.path.isfile(me):
        found = shutil.which("katalog")
        if found and _same(Path(found), Path(me)):
            return "katalog"
        relative = os.path.relpath(me)
        return shlex.quote(relative if not relative.startswith("..") else os.path.abspath(me))
    python = os.path.relpath(sys.executable)
    python = python if not python.startswith("..") else sys.executable
    return f"{shlex.quote(python)} -m generator.cli"


def _next_steps(path: Path) -> str:
    import shlex

    me, where = _self_command(), shlex.quote(str(path))
    return f"Lengkapi isinya, lalu periksa: {me} validate {where} && {me} badges {where}"


def _new_from_issue(args: argparse.Namespace) -> int:
    from . import scaffold

    source: Path = args.dari_isu
    try:
        with open(source, "rb") as f:
            raw = f.read(1024 * 1024 + 1)
    except OSError as exc:
        raise UsageError(f"tidak dapat membaca {source}: {os_reason(exc)}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{source} bukan teks UTF-8") from None
    display = _display(source)
    try:
        path, found = scaffold.from_issue(args.katalog, text, display, _today())
    except scaffold.ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    for diag in found.diagnostics:
        print(diag.format())
    for diag in found.needs:
        print(diag.format().replace(": error: ", ": warning: sebelum terbit: ", 1))
    if args.laporan is not None:
        from .intake import reply

        try:
            args.laporan.write_text(reply(found, path.as_posix() if path else None), encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"tidak dapat menulis {args.laporan}: {os_reason(exc)}") from None
    if path is None:
        errors = sum(d.is_error for d in found.diagnostics)
        print(f"✗ {errors} galat, {len(found.diagnostics) - errors} peringatan: entri belum dibuat; perbaiki isian "
              "formulir yang disebut di atas.", file=sys.stderr)
        return 1
    if found.publish:
        print(f"Entri dibuat, siap terbit: {path}")
    else:
        print(f"Draf dibuat: {path} (belum terbit: {len(found.needs)} isian perlu dilengkapi)")
    print(_next_steps(path))
    return 0


def _md(text: str) -> str:
    """Text from an entry or an issue, made inert in Markdown: no markup, links, mentions or HTML."""
    import re

    return re.sub(r"([\\`*_\[\]<>#|~@])", r"\\\1", text)


def _vocab_option(value: str | None, option: str, vocabulary: str) -> str | None:
    """An option naming a value of a vocabulary by slug, label or another word for it, in any case."""
    from . import reading

    if value is None:
        return None
    slug, note = reading.choice(value, vocabulary)
    if slug is None or note is not None:
        maybe = f" (maksud Anda '{slug}'?)" if slug else ""
        raise UsageError(f"{option}: '{value}' tidak dikenal{maybe}; pilihannya: `katalog vocabulary {vocabulary}`")
    return slug


def cmd_replicate(args: argparse.Namespace) -> int:
    from . import scaffold

    given = {"instansi": args.instansi, "kabupaten_kota": args.kabupaten_kota, "kode": args.kode,
             "jenis_instansi": _vocab_option(args.jenis_instansi, "--jenis-instansi", "jenis_instansi"),
             "provinsi": _vocab_option(args.provinsi, "--provinsi", "provinsi")}
    needed = [name for name in ("instansi", "jenis_instansi", "provinsi") if not given[name]]
    if needed or (given["jenis_instansi"] in ("pemkab", "pemkot") and not given["kabupaten_kota"]):
        if sys.stdin.isatty():
            try:
                given = scaffold.ask_replication(input, print, given)
            except EOFError:
                raise UsageError("dibatalkan") from None
        else:
            missing = needed + (["kabupaten_kota"] if not needed else [])
            raise UsageError("tanpa terminal, isi opsi " + ", ".join(f"--{n.replace('_', '-')}" for n in missing)
                             + " (lihat `katalog replicate --help`)")
    try:
        path = scaffold.replicate(args.katalog, args.asal, instansi=str(given["instansi"]),
                                  jenis_instansi=str(given["jenis_instansi"]), provinsi=str(given["provinsi"]),
                                  kabupaten_kota=given["kabupaten_kota"], kode=given["kode"], today=_today(),
                                  entry_id=args.id)
    except scaffold.ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    print(f"Draf replikasi dibuat: {path}")
    print("Sesuaikan uraian kebaruan, hasil dan data daerah Anda, lalu jalankan: katalog validate " + str(path))
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """`katalog impor`: a spreadsheet's rows into entries, or the template (`--templat`)."""
    from . import importer, sheets

    if args.templat is not None:
        if args.berkas is not None:
            raise UsageError("pakai BERKAS (untuk impor) atau --templat (untuk templat), tidak keduanya")
        if args.templat.suffix.lower() != ".xlsx":
            raise UsageError(f"templat ditulis sebagai .xlsx, bukan {args.templat.suffix or 'tanpa akhiran'}")
        try:
            args.templat.parent.mkdir(parents=True, exist_ok=True)
            sheets.write_workbook(args.templat, example=True, built=_today())
        except OSError as exc:
            raise UsageError(f"tidak dapat menulis {args.templat}: {os_reason(exc)}") from None
        print(f"Templat ditulis: {args.templat} (satu baris contoh ber-id '{sheets.EXAMPLE_ID}' dilewati saat impor)")
        return 0
    if args.berkas is None:
        raise UsageError("sebutkan BERKAS .xlsx atau .csv, atau --templat BERKAS.xlsx (lihat `katalog impor --help`)")
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs harus ≥ 1")
    if not args.berkas.is_file():
        raise UsageError(f"berkas tidak ditemukan: {args.berkas}")
    try:
        report = importer.run(args.berkas, args.katalog, _today(), overwrite=args.timpa, jobs=args.jobs,
                              display=_display(args.berkas))
    except sheets.SheetError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis ke {args.katalog}: {os_reason(exc)}") from None
    from .diagnostics import printable

    for note in report.notes:
        print(f"{report.book.display}: catatan: {printable(note)}")
    for outcome in report.outcomes:
        for d in outcome.diagnostics:
            place = sheets.where(report.book.display, outcome.row.sheet, d.line, d.col, d.field)
            print(f"{printable(place)}: {'galat' if d.is_error else 'peringatan'}: {printable(d.message)}")
    for d in report.similar:
        row = next(o.row for o in report.outcomes if o.row.number == d.line)
        print(f"{printable(sheets.where(report.book.display, row.sheet, d.line, d.col, d.field))}: peringatan: "
              f"{printable(d.message)}")
    written = [o for o in report.outcomes if o.status in ("baru", "diperbarui")]
    drafts = sum(not o.publish for o in written)
    bad = report.count("galat")
    manual = report.count("manual")
    summary = (f"{len(report.outcomes)} baris dibaca: {report.count('baru')} entri baru, {report.count('diperbarui')} "
               f"diperbarui ({drafts} di antaranya draf), {report.count('tetap')} tidak berubah")
    if bad:
        summary += f"; {bad} baris bermasalah tidak ditulis"
    if manual:
        summary += f"; {manual} entri diubah manual tidak ditimpa (--timpa untuk menimpanya)"
    print(("✗ " if report.failed else "✓ ") + summary + f" di {args.katalog}.", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_export(args: argparse.Namespace) -> int:
    """The open-data files of a valid catalogue; an invalid one writes nothing (exit 1)."""
    import shutil
    import tempfile

    from .catalogue import load_catalogue
    from .exports import API, write_exports
    from .urls import Urls

    today = _today()
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs harus ≥ 1")
    if not args.katalog.is_dir():
        raise UsageError(f"folder katalog tidak ditemukan: {args.katalog}")
    if args.site_url and not args.site_url.startswith(("https://", "http://")):
        raise UsageError("--site-url harus diawali https:// atau http://")
    records_dir = _records_dir(args, args.katalog)
    catalogue = load_catalogue(args.katalog, today=today, jobs=args.jobs, with_body=False,
                               records_dir=records_dir if records_dir is not None and records_dir.is_dir() else None)
    if catalogue.errors:
        for diag in catalogue.errors:
            print(diag.format(), file=sys.stderr)
        print(f"✗ katalog tidak valid: {len(catalogue.errors)} galat; data terbuka tidak ditulis.", file=sys.stderr)
        return 1
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        # Written beside the old api/ and swapped in whole: a failed export leaves the old one.
        staging = Path(tempfile.mkdtemp(prefix=".api-", dir=args.out))
        try:
            stats = write_exports(catalogue, staging, urls=Urls(site_url=args.site_url))
            target = args.out / API
            old = args.out / ".api-lama"
            shutil.rmtree(old, ignore_errors=True)
            if target.exists():
                target.rename(old)
            (staging / API).rename(target)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis ke {args.out}: {os_reason(exc)}") from None
    size = f"{stats.bytes / 1e6:.1f} MB" if stats.bytes >= 1e6 else f"{stats.bytes / 1e3:.0f} kB"
    print(f"✓ {stats.entries} inovasi diekspor: {stats.files} berkas, {size} di {args.out / API}")
    return 0


def cmd_size(args: argparse.Namespace) -> int:
    """The size report of a built site; exit 1, with the section to look at, over the budget."""
    from . import sizes
    from .text import angka

    budget = sizes.PAGES_LIMIT_MB if args.budget_mb is None else args.budget_mb
    if not budget > 0:
        raise UsageError("--budget-mb harus lebih dari 0")
    if not args.site.is_dir() or args.site.is_symlink():
        raise UsageError(f"folder situs tidak ditemukan: {args.site}")
    try:
        report = sizes.measure(args.site)
    except OSError as exc:
        raise UsageError(f"{args.site}: {os_reason(exc)}") from None
    previous = sizes.read_report(args.previous) if args.previous is not None else None
    print(report.to_json() if args.format == "json" else report.text(), end="" if args.format == "json" else "\n")
    message = sizes.over_budget(report, budget * sizes.MB, previous)
    if message:
        print(f"✗ {message}.", file=sys.stderr)
        return 1
    if args.format == "text":
        print(f"✓ dalam anggaran {angka(budget)} MB.", file=sys.stderr)
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    """One entry's page with the site's theme and badges (`generator.plugin.preview`): served on
    127.0.0.1, or written to `--keluar DIR`. An invalid entry: its diagnostics, exit 1."""
    import shutil
    import signal
    import tempfile
    import time

    started = time.monotonic()
    # The only verb that needs the site builder: the plugin package holds that part.
    from .plugin import preview

    port = preview.DEFAULT_PORT if args.port is None else args.port
    if not 0 <= port <= 65535:
        raise UsageError("--port harus antara 0 dan 65535")
    if args.keluar is not None and args.port is not None:
        raise UsageError("--port hanya dipakai tanpa --keluar")
    out = args.keluar if args.keluar is not None else Path(tempfile.mkdtemp(prefix="katalog-pratinjau-"))
    try:
        try:
            result = preview.build_preview(args.file, out, args.config_file)
        except preview.PreviewError as exc:
            raise UsageError(str(exc)) from None
        except preview.SiteError as exc:
            print(f"✗ {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            raise UsageError(f"tidak dapat menulis ke {out}: {os_reason(exc)}") from None
        for diag in result.diagnostics:
            print(diag.format())
        if not result.ok:
            errors = sum(d.is_error for d in result.diagnostics)
            print(f"✗ {errors} galat di {_display(args.file)}: halamannya belum dapat ditampilkan; perbaiki dulu, "
                  "lalu pratinjau lagi.", file=sys.stderr)
            return 1
        if result.draft:
            print("catatan: entri ini masih draf (draf: true), jadi belum tampil di situs.", file=sys.stderr)
        took = f"{time.monotonic() - started:.1f}".replace(".", ",")
        if args.keluar is not None:
            print(f"Halaman ditulis: {out / result.page} ({took} detik)")
            return 0
        preview.write_index(out, result.url, result.entry_id)
        # `kill` stops the server as Ctrl+C does: the temporary folder is removed either way.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

        def announce(url: str) -> None:
            print(f"Pratinjau {result.entry_id} ({took} detik): {url}", flush=True)
            print("Tekan Ctrl+C untuk berhenti.", file=sys.stderr, flush=True)

        try:
            preview.serve(out, result.url, port, announce)
        except preview.PreviewError as exc:
            raise UsageError(str(exc)) from None
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        if args.keluar is None:
            shutil.rmtree(out, ignore_errors=True)


def cmd_verify(args: argparse.Namespace) -> int:
    """`katalog verifikasi ID --oleh UNIT`: the checklist, a confirmation, the record."""
    import orjson

    from .catalogue import check_files, find_entry_files
    from .criteria import KEYS, Assessment
    from .loader import parse_bytes, read_file
    from .validation import validate_parsed
    from .verification import (
        check_folder,
        checklist,
        evidence_links,
        parse_record,
        record_path,
        record_text,
        write_record,
    )

    today = _today()
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs harus ≥ 1")
    if not args.katalog.is_dir():
        raise UsageError(f"folder katalog tidak ditemukan: {args.katalog}")
    records_dir = _records_dir(args, args.katalog) or Path("verifikasi")
    chosen = list(dict.fromkeys(k for k in (args.lencana or ",".join(KEYS)).replace(" ", "").split(",") if k))
    unknown = [k for k in chosen if k not in KEYS]
    if unknown or not chosen:
        raise UsageError(f"--lencana: {', '.join(unknown) or 'kosong'} bukan kriteria; pilihan: {', '.join(KEYS)}")
    files = find_entry_files([args.katalog])
    mine = [p for p in files if p.stem == args.id]
    if not mine:
        raise UsageError(f"entri '{args.id}' tidak ada di {args.katalog}")
    # The whole catalogue (the transfer badge counts the entries that replicate this one), then
    # this entry's own file for its evidence.
    catalogue = check_files(files, docs_dir=args.katalog.parent, today=today, jobs=args.jobs,
                            records_dir=records_dir if records_dir.is_dir() else None)
    facts = catalogue.records.get(args.id)
    own = [d for d in catalogue.errors if d.path in {_display(p) for p in mine}
           or d.path == _display(Path(record_path(records_dir, args.id)))]
    if facts is None or own or len(mine) > 1:
        for diag in own:
            print(diag.format(), file=sys.stderr)
        raise UsageError(f"entri '{args.id}' belum valid; perbaiki dulu (katalog validate), lalu verifikasi")
    if facts.draf:
        raise UsageError(f"entri '{args.id}' masih draf; hanya entri yang diterbitkan yang diverifikasi")
    entry, _ = validate_parsed(read_file(mine[0], _display(mine[0])), args.id, today, mine[0])
    assert entry is not None and facts.verifikasi is not None and facts.badges_json is not None
    assessment = Assessment.from_json(orjson.loads(facts.badges_json))
    outcome = "perlu_perbaikan" if args.perlu_perbaikan is not None else "terverifikasi"
    links = list(dict.fromkeys(link.url for link in evidence_links(entry)))
    text = record_text(args.id, today=today, oleh=" ".join(args.oleh.split()), peran=" ".join(args.peran.split()),
                       hasil=outcome, alasan=(args.perlu_perbaikan or "").strip() or None, lencana=chosen,
                       tautan=links, fingerprint=facts.sidik)
    if args.catatan:
        text += f"catatan: {orjson.dumps(args.catatan.strip()).decode()}\n"
    target = Path(record_path(records_dir, args.id))
    record, problems = parse_record(parse_bytes(text.encode("utf-8"), _display(target), document=True), today)
    if record is None:
        for diag in problems:
            print(diag.format().replace(f"{_display(target)}:", "", 1), file=sys.stderr)
        raise UsageError("catatan verifikasi tidak dapat dibuat dari opsi ini (lihat di atas)")
    print("\n".join(checklist(args.id, entry, assessment, facts.verifikasi)))
    print()
    what = "perlu perbaikan" if outcome == "perlu_perbaikan" else "terverifikasi"
    print(f"Akan dicatat: {what}, oleh {record.oleh} ({record.peran}), {today.isoformat()}; lencana diperiksa: "
          f"{', '.join(chosen)}; {len(links)} tautan bukti.")
    if not args.ya:
        if not sys.stdin.isatty():
            raise UsageError("tanpa terminal, tambahkan --ya untuk mencatat tanpa bertanya")
        try:
            answer = input(f"Catat verifikasi ini di {_display(target)}? [ya/tidak] ").strip().lower()
        except EOFError:
            answer = ""
        if answer not in ("y", "ya"):
            print("Tidak dicatat.", file=sys.stderr)
            return 1
    try:
        write_record(records_dir, args.id, text)
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis {target}: {os_reason(exc)}") from None
    for diag in check_folder(records_dir, catalogue.records, _display(records_dir), today):
        if diag.is_error:
            print(diag.format(), file=sys.stderr)
    print(f"Verifikasi dicatat: {_display(target)} ({what}).")
    print("Ajukan file ini dalam pull request tersendiri, tanpa perubahan entrinya; tim peninjau (CODEOWNERS) "
          "menyetujuinya.")
    return 0


def cmd_check_pr(args: argparse.Namespace) -> int:
    """The pull-request check: an entry and its verification record never change together."""
    from .diagnostics import ERROR, Diagnostic, printable
    from .verification import changes_both

    paths = list(args.paths) + [str(p) for p in _paths_from(args.paths_from)]
    found = changes_both(paths, catalogue_dir=args.katalog, records_dir=args.verifikasi)
    for entry_id, entries, records in found:
        message = (f"pull request ini mengubah entri '{entry_id}' ({', '.join(map(printable, entries))}) sekaligus "
                   f"catatan verifikasinya ({', '.join(map(printable, records))}). Verifikasi dicatat tim peninjau "
                   "dalam pull request tersendiri, setelah perubahan entri digabungkan: keluarkan salah satunya dari "
                   "pull request ini.")
        for path in records:
            diag = Diagnostic(printable(path), 1, 1, ERROR, "", message)
            print(format_github(diag) if args.format == "github" else diag.format())
    if found:
        print(f"✗ {len(found)} entri diubah bersama catatan verifikasinya.", file=sys.stderr)
        return 1
    print(f"✓ {len(paths)} path diperiksa: tidak ada entri yang diubah bersama catatan verifikasinya.", file=sys.stderr)
    return 0


def cmd_check_links(args: argparse.Namespace) -> int:
    """The scheduled check of the evidence links: a report for the next build, never a failure
    for a link that does not open."""
    from . import linkcheck
    from .catalogue import load_catalogue

    today = _today()
    if not args.katalog.is_dir():
        raise UsageError(f"folder katalog tidak ditemukan: {args.katalog}")
    if not args.menit > 0 or args.jeda < 0 or args.per_situs < 1:
        raise UsageError("--menit harus > 0, --jeda ≥ 0, --per-situs ≥ 1")
    previous_path = args.sebelumnya if args.sebelumnya is not None else args.keluar
    previous, problem = linkcheck.read_report(previous_path)
    if problem:
        print(f"catatan: laporan sebelumnya {previous_path} diabaikan: {problem}", file=sys.stderr)
    catalogue = load_catalogue(args.katalog, today=today, with_body=False)
    if catalogue.errors:
        print(f"catatan: katalog memuat {len(catalogue.errors)} galat; tautan entri yang valid tetap diperiksa",
              file=sys.stderr)
    urls = linkcheck.catalogue_links(catalogue)
    policy = linkcheck.Policy(per_run=args.menit * 60, host_delay=args.jeda, per_host=args.per_situs)
    report, stats = linkcheck.check_links(urls, previous, policy=policy)
    try:
        linkcheck.write_report(report, args.keluar)
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis {args.keluar}: {os_reason(exc)}") from None
    print(f"✓ {stats.links} tautan bukti: {stats.checked} diperiksa, {stats.failed} tidak dapat dibuka, "
          f"{stats.left} belum sempat diperiksa (menyusul). Laporan: {args.keluar}")
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from . import adoption

    today = _today()
    try:
        files = adoption.write(args.folder, today)
    except adoption.InitError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"tidak dapat menulis katalog baru ke {args.folder}: {os_reason(exc)}; "
                         "tidak ada yang ditulis") from None
    folder = args.folder
    print(f"Katalog baru ditulis di {folder}: {len(files)} file (halaman situs, satu entri contoh, alur kerja "
          "GitHub dan formulir usulan, kunci dependensi).")
    print(f"Langkah berikutnya (rinciannya di {folder / 'README.md'}):")
    print("  1. Ganti setiap nilai bertanda GANTI di mkdocs.yml (nama katalog, penerbit dan alamatnya) dan di "
          ".github/CODEOWNERS.")
    print(f"  2. Coba situsnya: cd {folder} lalu mkdocs serve (http://127.0.0.1:8000/).")
    print(f"  3. Hapus entri contoh {adoption.EXAMPLE} sebelum situs diterbitkan.")
    return 0


def cmd_reference(target: Path | None) -> int:
    from . import reference

    if target is None:
        print(reference.markdown(), end="")
        return 0
    try:
        text = target.read_text(encoding="utf-8")
        target.write_text(reference.embed(text), encoding="utf-8")
    except (OSError, ValueError) as exc:
        raise UsageError(f"{target}: {exc}") from None
    print(f"Referensi bidang diperbarui di {target}")
    return 0


def cmd_schema() -> int:
    from .model import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_vocab(name: str | None) -> int:
    from . import vocabulary

    if name is None:
        for key, values in vocabulary.ALL.items():
            print(f"{key} ({len(values)} pilihan)")
        return 0
    if name not in vocabulary.ALL:
        raise UsageError(f"kosakata '{name}' tidak dikenal; pilihan: " + ", ".join(vocabulary.ALL))
    for slug, text in vocabulary.ALL[name].items():
        print(f"{slug}\t{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
