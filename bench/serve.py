"""`mkdocs serve` at national scale: how long after an author saves her entry its page is fresh.

Starts `mkdocs serve` on the benchmark site, waits for the first build, then edits entries the
way an editor saves (the new text written beside the file, then renamed over it) and asks the
dev server for the entry's page until it shows the edit. The clock runs from the rename to the
first response that carries the new title: the file watcher's delay, MkDocs' own wait for
changes to settle, the plugin's reload and the page's writing included. The edited entries are
one with replications (its replications' pages show its title, and are rewritten too) and one
without. Run by `bench/run.py`; alone: `python -m bench.serve CONFIG`.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import yaml

BIN = Path(sys.executable).parent
TIMEOUT_START = 1800.0  # the first build of 100,000 entries
TIMEOUT_EDIT = 120.0  # a full rebuild, when the fast path is not taken, is minutes at 32,000


@dataclass
class ServeRun:
    first_build_s: float = 0.0
    fresh_s: list[float] = field(default_factory=list)  # per edit
    fast: list[bool] = field(default_factory=list)  # whether the plugin's reload served it
    log: list[str] = field(default_factory=list)

    @property
    def median_s(self) -> float:
        return statistics.median(self.fresh_s) if self.fresh_s else float("nan")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def _edit(path: Path, title: str) -> None:
    """Change the entry's `judul` as an editor saves: a new file renamed over the old one."""
    text = path.read_text(encoding="utf-8")
    text, count = re.subn(r"(?m)^judul: .*$", f"judul: {title}", text, count=1)
    assert count == 1, path
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def measure(config: Path, entries: list[Path], env: dict[str, str] | None = None) -> ServeRun:
    """`mkdocs serve -f config`; each of `entries` (files below its docs dir) edited in turn."""
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    mount = urlsplit(settings.get("site_url") or "/").path or "/"
    port = _free_port()
    base = f"http://127.0.0.1:{port}{mount}"
    run = ServeRun()
    served = threading.Event()
    process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            run.log.append(line.rstrip())
            if "Serving on" in line:
                served.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    started = time.perf_counter()
    try:
        while not served.wait(1.0):
            if process.poll() is not None or time.perf_counter() - started > TIMEOUT_START:
                raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(run.log[-20:]))
        run.first_build_s = time.perf_counter() - started
        for number, path in enumerate(entries, 1):
            url = f"{base}inovasi/{path.stem}/"
            title = f"Judul Uji Serve {number} {int(time.time())}"
            lines = len(run.log)
            _edit(path, title)
            edited = time.perf_counter()
            while title not in _get(url):
                if time.perf_counter() - edited > TIMEOUT_EDIT:
                    raise RuntimeError(f"{url} did not show the edit in {TIMEOUT_EDIT:.0f} s:\n"
                                       + "\n".join(run.log[-20:]))
                time.sleep(0.02)
            run.fresh_s.append(time.perf_counter() - edited)
            time.sleep(1.0)  # the log line of the build that wrote it
            run.fast.append(any("dimuat ulang" in line for line in run.log[lines:]))
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return run


def report(run: ServeRun) -> str:
    each = ", ".join(f"{s:.2f} s{'' if fast else ' (full build)'}" for s, fast in zip(run.fresh_s, run.fast, strict=True))
    return (f"  ours: mkdocs serve, first build {run.first_build_s:.0f} s; an edited entry's page fresh after "
            f"{each}: median {run.median_s:.2f} s (target < 3 s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.serve", description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path, help="the benchmark site's mkdocs.yml (bench/out/ours-N/mkdocs.yml)")
    parser.add_argument("entry", type=Path, nargs="+", help="entry files below its docs dir to edit")
    args = parser.parse_args(argv)
    print(report(measure(args.config, args.entry)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
