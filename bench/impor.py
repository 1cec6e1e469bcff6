"""Benchmark of `katalog impor`: a ministry's list of innovations (14,000 rows, the size of the
database regions are told to study) imported into an empty catalogue, then imported again.

The rows are the synthetic corpus's entries (`bench.corpus`) written in the template's columns
(`sheets.write_workbook`, each with its id and the opening of its story), so they carry every
kind of answer:
choices by label, dates, Indonesian numbers, results, legal bases, replications of each other.
The command runs as a user runs it, in its own process; the time is the wall clock, the memory
the peak of the whole process tree (the command and its workers, sampled from /proc). The second
import must change nothing: no file written, every byte and timestamp as before.

    python -m bench.impor [--n 14000] [--out bench/out/impor] [--jobs N]

Targets (issue 26): at most 30 s and 1 GiB on 2 cores; exit 1 when missed.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

TARGET_SECONDS = 30.0
TARGET_BYTES = 1024**3
EPOCH = "1793491200"  # 2026-11-01, the corpus's "today"


def make_workbook(n: int, target: Path) -> int:
    """The corpus's first `n` entries as rows of the template; returns the rows written."""
    from bench import corpus
    from generator import sheets
    from generator.importer import _plain
    from generator.intake import answers_of
    from generator.loader import parse_text

    rows = []
    for made in corpus.entries(n):
        parsed = parse_text(made.text, made.id)
        opening = parsed.body[:1500].rsplit("\n\n", 1)[0]  # the story's first paragraphs
        answers = answers_of(_plain(parsed.data or {}), opening)
        answers[sheets.ID_LABEL] = made.id  # a ministry's list keeps its ids (replications name them)
        rows.append(answers)
    target.parent.mkdir(parents=True, exist_ok=True)
    sheets.write_workbook(target, rows, example=False)
    return len(rows)


def _tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/statm", encoding="ascii") as f:
                total += int(f.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
        todo += children.get(current, [])
    return total


def run_import(workbook: Path, catalogue: Path, jobs: int | None
               ) -> tuple[float, int, float, subprocess.CompletedProcess]:
    """`katalog impor` in its own process: wall seconds, peak bytes of its process tree, CPU
    seconds of the tree (user + system: what the machine's other load cannot inflate), result."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    command = [sys.executable, "-m", "generator.cli", "impor", str(workbook), "--katalog", str(catalogue)]
    if jobs:
        command += ["--jobs", str(jobs)]
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    elapsed = time.monotonic() - started
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, peak, cpu, subprocess.CompletedProcess(command, process.returncode, out, err)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file below `folder`: its hash and modification time."""
    return {str(p.relative_to(folder)): (hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest(),
                                         p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.impor", description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=14_000)
    parser.add_argument("--out", type=Path, default=Path("bench/out/impor"))
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args(argv)
    workbook = args.out / f"inovasi-{args.n}.xlsx"
    if not workbook.exists():
        started = time.monotonic()
        rows = make_workbook(args.n, workbook)
        print(f"lembar kerja: {rows} baris, {workbook.stat().st_size / 1e6:.1f} MB "
              f"({time.monotonic() - started:.0f} s untuk membuatnya)")
    catalogue = args.out / "content" / "innovations"
    shutil.rmtree(args.out / "content", ignore_errors=True)
    catalogue.mkdir(parents=True)
    cores = len(os.sched_getaffinity(0))
    load = os.getloadavg()[0]
    seconds, peak, cpu, first = run_import(workbook, catalogue, args.jobs)
    files = sum(1 for _ in catalogue.rglob("*.md"))
    print(f"impor pertama: {seconds:.1f} s ({cpu:.1f} s CPU), puncak memori {peak / 1024**2:.0f} MiB, {files} entri "
          f"ditulis ({cores} inti, beban mesin sebelumnya {load:.1f}); "
          f"{first.stderr.strip().splitlines()[-1] if first.stderr.strip() else ''}")
    before = snapshot(args.out / "content")
    seconds2, peak2, cpu2, second = run_import(workbook, catalogue, args.jobs)
    after = snapshot(args.out / "content")
    unchanged = before == after
    print(f"impor ulang: {seconds2:.1f} s ({cpu2:.1f} s CPU), puncak memori {peak2 / 1024**2:.0f} MiB; "
          f"{'tidak ada berkas yang berubah' if unchanged else 'ADA BERKAS YANG BERUBAH'}; "
          f"{second.stderr.strip().splitlines()[-1] if second.stderr.strip() else ''}")
    ok = (first.returncode in (0, 1) and seconds <= TARGET_SECONDS and peak <= TARGET_BYTES and unchanged
          and seconds2 <= TARGET_SECONDS and peak2 <= TARGET_BYTES and files > 0)
    print(("✓" if ok else "✗") + f" target: ≤ {TARGET_SECONDS:.0f} s dan ≤ {TARGET_BYTES // 1024**2} MiB per impor, "
          "impor ulang tanpa perubahan")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
