"""`make bench`: validation, badges and the site build on a synthetic corpus, against the peer.

The peer is measured in the same run on the same files (the machine is noisy, so what counts is
the ratio): plain mkdocs-material building every entry as a page, not in the nav, with its own
search plugin.

    python -m bench.run --n 5000              # default size
    python -m bench.run --n 32000             # national scale
    python -m bench.run --n 32000 --skip-peer # ours only

For each site it prints the bytes and files per section (`generator.sizes`: entry pages,
listings, search, open data, assets, the rest), the mean entry page against the peer's page for
the same entries, and, for ours, what a visitor's browser fetches for ten cold searches
(`bench.queries`; `--skip-queries` leaves that out).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent


@dataclass
class Run:
    label: str
    seconds: float
    peak_mb: float  # MiB, summed over the process tree at its highest
    code: int
    cpu_seconds: float = 0.0  # user + system time of the process and the workers it waited for
    largest_mb: float = 0.0  # MiB, the largest single process of the tree at its highest


def _tree_rss(pid: int) -> tuple[int, int]:
    """(KiB resident in a process and all its descendants, KiB of the largest one), from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                stat = f.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{name}/statm", "rb") as f:
                pages = int(f.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        child = int(name)
        children.setdefault(int(stat[1]), []).append(child)
        rss[child] = pages * os.sysconf("SC_PAGE_SIZE") // 1024
    total, largest, todo = 0, 0, [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        largest = max(largest, rss.get(current, 0))
        todo.extend(children.get(current, []))
    return total, largest


def measure(label: str, cmd: list[str], *, cwd: Path = ROOT, env: dict | None = None, quiet: bool = True) -> Run:
    """Wall time and peak resident memory (summed over the process tree) of one command."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})},
                                stdout=subprocess.DEVNULL if quiet else None, stderr=errors, text=True)
        peak = largest = 0
        stop = threading.Event()

        def sample() -> None:
            nonlocal peak, largest
            while not stop.is_set():
                total, biggest = _tree_rss(proc.pid)
                peak, largest = max(peak, total), max(largest, biggest)
                stop.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        # wait4, not communicate: its rusage counts the CPU time of the command's worker processes
        # too, a figure the machine's other load disturbs far less than wall time.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        stop.set()
        sampler.join()
        errors.seek(0)
        err = errors.read()
    run = Run(label, time.perf_counter() - start, peak / 1024, proc.returncode, usage.ru_utime + usage.ru_stime,
              largest / 1024)
    status_text = "ok" if run.code == 0 else f"EXIT {run.code}"
    print(f"  {label:<44} {run.seconds:8.1f} s  {run.cpu_seconds:6.1f} s CPU  {run.peak_mb:6.0f} MiB "
          f"(largest process {run.largest_mb:.0f})  {status_text}", flush=True)
    if run.code != 0:
        FAILED.append(label)
        print("    " + "\n    ".join((err or "").strip().splitlines()[-15:]), file=sys.stderr)
    return run


FAILED: list[str] = []
"""Commands that failed: a figure of a failed build measures nothing, so the run fails too."""


def source_digest(folder: Path = ROOT / "generator") -> str:
    """Of every file of the generator package (code, tables, templates; not `__pycache__`), by
    path and bytes. A warm build's caches are keyed on them: edit one while the benchmark runs
    (the package is installed editable, so the next build runs the edit) and the next build is
    a cold one measured as a warm one. On 7 December 2026 a 100,000-entry warm build measured
    248 s that way, against 79 s measured with the code left alone."""
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    for path in sorted(folder.rglob("*")):
        if "__pycache__" in path.parts or not path.is_file():
            continue
        h.update(path.relative_to(folder).as_posix().encode() + b"\0")
        try:
            h.update(path.read_bytes() + b"\0")
        except OSError:
            h.update(b"?\0")
    return h.hexdigest()


def code_unchanged(figures: str, before: str, folder: Path = ROOT / "generator") -> bool:
    """Whether the generator's files are still those the builds began with (`source_digest`
    `before`); when not, `figures` measure nothing, and the run fails, saying so."""
    if source_digest(folder) == before:
        return True
    print(f"  ! the generator's files ({folder}) changed while the builds ran: {figures} were made with caches of "
          "other code (a warm build then does a cold build's work) and measure nothing. Run the benchmark again "
          "without editing the code meanwhile.", file=sys.stderr, flush=True)
    FAILED.append(f"{figures} (code changed meanwhile)")
    return False


def corpus(n: int, seed: int) -> Path:
    from bench.corpus import generate

    out = OUT / f"corpus-{n}"
    start = time.perf_counter()
    generate(out, n, seed=seed)
    print(f"  corpus of {n:,} entries ready in {time.perf_counter() - start:.1f} s: {out}", flush=True)
    return out


def du_mb(path: Path) -> float:
    total = 0
    for dirpath, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(dirpath, name)).st_size
            except OSError:
                pass
    return total / 1e6


def _docs_dir(kind: str, n: int, entries: Path) -> Path:
    """A docs dir whose `innovations/` is the corpus (hard links: a symlink is refused by the
    content allow-list, as it would be in a pull request), with the site's own pages."""
    base = OUT / f"{kind}-{n}"
    docs = base / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    docs.mkdir(parents=True)
    shutil.copytree(entries.resolve(), docs / "innovations", copy_function=os.link,
                    ignore=shutil.ignore_patterns(".*"))  # the corpus marker is no entry
    if kind == "ours":
        for page in (ROOT / "content").iterdir():
            if page.name != "innovations":
                target = docs / page.name
                if page.is_dir():
                    shutil.copytree(page, target)
                else:
                    shutil.copy2(page, target)
    else:
        (docs / "index.md").write_text("# Katalog\n\nPeer: plain mkdocs-material.\n", encoding="utf-8")
    return base


TRASH = OUT / ".sisa"


def set_aside(path: Path) -> None:
    """Move a previous run's output out of the way, to be deleted once this run is measured
    (`empty_trash`). Deleting tens of thousands of files just before a build slows the build's
    own file creation on ext4 for half a minute (the inodes freed moments ago are passed over
    when new ones are allocated), and would charge that to whichever build comes next."""
    if path.exists():
        TRASH.mkdir(exist_ok=True)
        path.rename(TRASH / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def empty_trash() -> None:
    shutil.rmtree(TRASH, ignore_errors=True)


def ours_config(n: int, entries: Path) -> Path:
    import yaml

    base = _docs_dir("ours", n, entries)
    class Loader(yaml.SafeLoader):
        """mkdocs.yml as written, `!ENV [NAME, default]` read as its default."""

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                           if isinstance(node, yaml.SequenceNode) else None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config["docs_dir"] = str(base / "docs")
    config["site_dir"] = str(base / "site")
    path = base / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    verification_records(base / "verifikasi", base / "docs" / "innovations")
    return path


def verification_records(folder: Path, entries: Path) -> None:
    """Reviewers' records (`verifikasi/<id>.yml`) beside the docs dir, as a catalogue a few years
    in holds them: six entries in ten verified, over the last 14 months (some expired), one of
    those six with evidence changed since, one asked for fixes; the rest never verified. Chosen by
    each id's CRC-32, so every run writes the same files; not timed."""
    import zlib
    from datetime import date, timedelta

    from generator.catalogue import check_files, find_entry_files
    from generator.verification import record_text

    today = date(2026, 11, 1)  # the corpus' today, as SOURCE_DATE_EPOCH below
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    catalogue = check_files(find_entry_files([entries]), today=today, badges=False)
    for entry_id, facts in catalogue.records.items():
        pick = zlib.crc32(entry_id.encode())
        if pick % 10 < 4 or facts.draf:
            continue
        day = today - timedelta(days=pick % 425)
        text = record_text(entry_id, today=day, oleh="Tim Penilai Inovasi Provinsi", peran="Verifikator",
                           hasil="perlu_perbaikan" if pick % 10 == 9 else "terverifikasi",
                           alasan="Lampirkan laporan yang memuat angka sebelum dan sesudah." if pick % 10 == 9 else None,
                           lencana=["efektif", "bermanfaat"], tautan=[],
                           fingerprint="0" * 32 if pick % 10 == 8 else facts.sidik)
        (folder / f"{entry_id}.yml").write_text(text, encoding="utf-8")


def peer_config(n: int, entries: Path) -> Path:
    base = _docs_dir("peer", n, entries)
    path = base / "mkdocs.yml"
    path.write_text(
        "site_name: Peer\n"
        f"docs_dir: {base / 'docs'}\n"
        f"site_dir: {base / 'site'}\n"
        "theme:\n  name: material\n  language: id\n"
        "plugins:\n  - search\n"
        "nav:\n  - Beranda: index.md\n",
        encoding="utf-8",
    )
    return path


def serve_entries(root: Path) -> list[Path]:
    """Three entries for `bench.serve` to edit: the first replication of the corpus, its origin
    (the page of each shows the other, so each edit rewrites two pages or more), and the first
    entry that replicates nothing."""
    import re

    files = sorted(root.glob("*/*.md"))
    replicates = re.compile(r"(?m)^  - inovasi: ([a-z0-9-]+)")
    texts = ((path, replicates.search(path.read_text(encoding="utf-8"))) for path in files)
    replica, found = next((path, found) for path, found in texts if found)
    origin = next(root.glob(f"*/{found.group(1)}.md"))
    plain = next(path for path in files if path not in (replica, origin)
                 and not replicates.search(path.read_text(encoding="utf-8")))
    return [replica, origin, plain]


def mean_page(folder: Path) -> float:
    """The mean size of the HTML pages below `folder` (the entry pages; images left out)."""
    sizes = [p.stat().st_size for p in folder.rglob("*.html")]
    return sum(sizes) / max(1, len(sizes))


def site_sections(label: str, site: Path, entries: str, results: dict[str, object]):
    """The site's bytes and files per section, printed and added to the results."""
    from generator import sizes

    report = sizes.measure(site, entries=entries)
    print(f"  {label}: " + report.text().replace("\n", "\n    "))
    results[f"{label}_sections"] = report.to_dict()["bagian"]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="runs of validate and badges (median counts)")
    parser.add_argument("--skip-peer", action="store_true", help="measure only our own build")
    parser.add_argument("--skip-site", action="store_true", help="measure only validation and badges")
    parser.add_argument("--skip-queries", action="store_true", help="no browser run over Jelajahi")
    parser.add_argument("--skip-serve", action="store_true", help="no `mkdocs serve` run")
    args = parser.parse_args(argv)
    env = {"SOURCE_DATE_EPOCH": "1793491200", "NO_MKDOCS_2_WARNING": "1"}  # 2026-11-01, the corpus' "today"
    results: dict[str, object] = {"n": args.n, "cores": os.cpu_count()}

    print(f"Katalog Inovasi benchmark, N = {args.n:,}, {os.cpu_count()} cores", flush=True)
    entries = corpus(args.n, args.seed)
    katalog = str(BIN / "katalog")
    # The two commands alternate, three times each, and the medians count: one noisy run must not
    # decide a difference of a second or two.
    runs: dict[str, list[Run]] = {"validate": [], "badges": []}
    for _ in range(args.repeat):
        runs["validate"].append(measure("katalog validate",
                                        [katalog, "validate", str(entries), "--katalog", str(entries)], env=env))
        runs["badges"].append(measure("katalog badges (validate + badges)",
                                      [katalog, "badges", str(entries), "--katalog", str(entries), "--format", "json"],
                                      env=env))
    validate, badges = (sorted(r, key=lambda run: run.seconds)[len(r) // 2] for r in runs.values())
    cpu_validate, cpu_badges = (statistics.median(run.cpu_seconds for run in r) for r in runs.values())
    results["validate_s"] = round(validate.seconds, 2)
    results["validate_peak_mb"] = round(validate.peak_mb)
    results["badges_s"] = round(badges.seconds, 2)
    results["badges_added_s"] = round(badges.seconds - validate.seconds, 2)
    results["badges_added_cpu_s"] = round(cpu_badges - cpu_validate, 2)
    print(f"  → medians of {args.repeat}: validation {validate.seconds:.1f} s (target ≤ 10 s at 32,000), peak {validate.peak_mb:.0f} MB; "
          f"badges add {badges.seconds - validate.seconds:.1f} s (target ≤ 2 s), "
          f"{cpu_badges - cpu_validate:.1f} s of CPU time on {os.cpu_count()} cores")

    if not args.skip_site:
        mkdocs = str(BIN / "mkdocs")
        config = ours_config(args.n, entries)
        set_aside(config.parent / "site")
        set_aside(config.parent / ".cache")
        cache_env = {**env, "KATALOG_CACHE_DIR": str(config.parent / ".cache")}
        # The warm figures hold only while the code the caches were made with is the code that
        # reads them (`code_unchanged`, checked once they are measured).
        code = source_digest()
        cold = measure("ours: mkdocs build (cold)", [mkdocs, "build", "-q", "-f", str(config)], env=cache_env)
        warm = measure("ours: mkdocs build (warm cache)", [mkdocs, "build", "-q", "-f", str(config)], env=cache_env)
        # One entry edited (a sentence added to its story), then built again; the file is put back
        # as it was afterwards, and the site built from it is the one measured below.
        edited = serve_entries(config.parent / "docs" / "innovations")[-1]
        original = edited.read_bytes()
        try:
            edited.write_bytes(original.rstrip(b"\n") + b"\n\nWarga desa kini mengurus surat tanpa antre.\n")
            one = measure("ours: mkdocs build (one entry edited)", [mkdocs, "build", "-q", "-f", str(config)],
                          env=cache_env)
        finally:
            edited.write_bytes(original)
        code_unchanged("the warm and one-entry builds' figures", code)
        size = du_mb(config.parent / "site")
        results.update(ours_cold_s=round(cold.seconds, 1), ours_warm_s=round(warm.seconds, 1),
                       ours_one_edited_s=round(one.seconds, 1),
                       ours_peak_mb=round(max(cold.peak_mb, warm.peak_mb, one.peak_mb)), ours_site_mb=round(size),
                       ours_largest_process_mb=round(max(cold.largest_mb, warm.largest_mb, one.largest_mb)))
        site_sections("ours", config.parent / "site", "inovasi", results)
        if not args.skip_queries:
            from bench import queries

            found = queries.measure(config.parent / "site")
            table, median = queries.report(found)
            print("  ours: Jelajahi, one cold search each (what the search fetches, on the wire)")
            print(table)
            print(f"  → median cold query {median / 1000:,.0f} KB (target ≤ 500 KB)")
            results["query_median_kb"] = round(median / 1000)
            results["queries"] = {q.text: {"bytes": q.bytes, "requests": q.requests, **q.by_kind} for q in found}
            # The slow connection, on the sample site (the repository's own catalogue).
            sample = OUT / "sample-site"
            set_aside(sample)
            # Built as of today (the corpus' fixed date is older than the sample's entries).
            today = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
            subprocess.run([str(BIN / "mkdocs"), "build", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(sample)],
                           env={**today, "NO_MKDOCS_2_WARNING": "1"}, check=True, cwd=ROOT)
            for query in ("layanan", "cara mengurus KTP di kecamatan"):
                slow = queries.slow(sample, query)
                print(f"  sample site at 400 kbps, 400 ms latency, cold: {query!r} in the box after "
                      f"{slow.query_shown_s:.2f} s, first result after {slow.first_result_s:.2f} s "
                      f"({slow.requests} requests, {slow.kilobytes:,.0f} KB; target ≤ 5 s)")
                results.setdefault("slow_first_result_s", {})[query] = round(slow.first_result_s, 2)
        if not args.skip_peer:
            peer_cfg = peer_config(args.n, entries)
            set_aside(peer_cfg.parent / "site")
            peer = measure("peer: mkdocs-material + search", [mkdocs, "build", "-q", "-f", str(peer_cfg)], env=env)
            peer_size = du_mb(peer_cfg.parent / "site")
            site_sections("peer", peer_cfg.parent / "site", "innovations", results)
            results.update(peer_s=round(peer.seconds, 1), peer_peak_mb=round(peer.peak_mb),
                           peer_site_mb=round(peer_size),
                           cold_ratio=round(cold.seconds / peer.seconds, 3),
                           warm_ratio=round(warm.seconds / peer.seconds, 3),
                           one_edited_ratio=round(one.seconds / peer.seconds, 3))
            print(f"  → cold {cold.seconds:.1f} s = {cold.seconds / peer.seconds:.2f}× peer (target ≤ 0.35); "
                  f"warm {warm.seconds:.1f} s = {warm.seconds / peer.seconds:.2f}× peer, one entry edited "
                  f"{one.seconds:.1f} s = {one.seconds / peer.seconds:.2f}× peer (target ≤ 0.1 each)")
            print(f"  → largest process ours {results['ours_largest_process_mb']} MiB (target ≤ 2,048), "
                  f"peer {peer.largest_mb:.0f} MiB; all processes together ours {results['ours_peak_mb']} MiB, "
                  f"peer {peer.peak_mb:.0f} MiB")
            print(f"  → "
                  f"site ours {size:.0f} MB (target ≤ 1,000), peer {peer_size:.0f} MB")
            ours_page = mean_page(config.parent / "site" / "inovasi")
            peer_page = mean_page(peer_cfg.parent / "site" / "innovations")
            results.update(ours_entry_page_kb=round(ours_page / 1000, 2), peer_entry_page_kb=round(peer_page / 1000, 2))
            print(f"  → mean entry page ours {ours_page / 1000:.1f} KB, peer {peer_page / 1000:.1f} KB "
                  f"(target: no larger than the peer's)")
    if not args.skip_site and not args.skip_serve:
        # Last: the dev server deletes its whole site when it stops.
        from bench import serve

        run = serve.measure(config, serve_entries(config.parent / "docs" / "innovations"), env=cache_env)
        if "(code changed meanwhile)" not in " ".join(FAILED):
            code_unchanged("the serve figures", code)
        print(serve.report(run))
        results.update(serve_first_build_s=round(run.first_build_s, 1), serve_fresh_s=round(run.median_s, 2),
                       serve_fresh_each_s=[round(s, 2) for s in run.fresh_s], serve_fast=run.fast)
    empty_trash()
    report = OUT / f"results-{args.n}.json"
    report.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"  results: {report}")
    if FAILED:
        print(f"  FAILED: {', '.join(FAILED)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
