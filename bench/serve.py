"""`mkdocs serve` at national scale: how long after an author saves her entry its page is fresh.

Starts `mkdocs serve` on the benchmark site, waits for the first build, then edits entries the
way an editor saves (the new text written beside the file, then renamed over it) and asks the
dev server for the entry's page until it shows the edit. The clock runs from the rename to the
first response that carries the new title: the file watcher's delay, MkDocs' own wait for
changes to settle, the plugin's reload and the page's writing included. The edited entries are
one with replications (its replications' pages show its title, and are rewritten too) and one
without. Run by `bench/run.py`; alone: `python -m bench.serve CONFIG ENTRY...`.

`DevServer` and `save` serve the tests too (tests/test_serve.py).
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


def save(path: Path, text: str) -> None:
    """Write `path` as an editor saves: the new text beside the file, renamed over it."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


class DevServer:
    """`mkdocs serve -f CONFIG` on a free port, from its first build until `stop`, its log (what
    MkDocs writes to stderr) kept line by line in `log`."""

    def __init__(self, config: Path, *, env: dict[str, str] | None = None, cwd: Path | None = None,
                 timeout: float = TIMEOUT_START) -> None:
        settings = yaml.safe_load(config.read_text(encoding="utf-8"))
        mount = urlsplit(settings.get("site_url") or "/").path or "/"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.base = f"http://127.0.0.1:{port}{mount}"
        self.log: list[str] = []
        self._served = threading.Event()
        self.process = subprocess.Popen([str(BIN / "mkdocs"), "serve", "-f", str(config), "-a", f"127.0.0.1:{port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd,
                                        env={**os.environ, **(env or {})})
        threading.Thread(target=self._read, daemon=True).start()
        started = time.perf_counter()
        while not self._served.wait(0.5):
            if self.process.poll() is not None or time.perf_counter() - started > timeout:
                self.stop()
                raise RuntimeError("mkdocs serve did not start:\n" + "\n".join(self.log[-20:]))
        self.first_build_s = time.perf_counter() - started

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.rstrip())
            if "Serving on" in line:
                self._served.set()

    def status(self, path: str) -> int:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def get(self, path: str) -> str:
        """The page at `path` below the site, "" when there is none."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.read().decode("utf-8", "replace")
        except (urllib.error.URLError, OSError):
            return ""

    def wait_for(self, path: str, text: str, timeout: float = TIMEOUT_EDIT) -> str:
        """The page at `path` once it holds `text`."""
        start = time.perf_counter()
        while True:
            page = self.get(path)
            if text in page:
                return page
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"{path} did not show {text!r} in {timeout:.0f} s:\n" + "\n".join(self.log[-30:]))
            time.sleep(0.02)

    def wait_for_log(self, text: str, after: int, timeout: float = TIMEOUT_EDIT) -> list[str]:
        """The log from line `after` on, once a line of it holds `text`."""
        start = time.perf_counter()
        while not any(text in line for line in self.log[after:]):
            if time.perf_counter() - start > timeout:
                raise TimeoutError(f"no {text!r} in the log:\n" + "\n".join(self.log[-60:]))
            time.sleep(0.02)
        return self.log[after:]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> DevServer:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


@dataclass
class ServeRun:
    first_build_s: float = 0.0
    fresh_s: list[float] = field(default_factory=list)  # per edit
    fast: list[bool] = field(default_factory=list)  # whether the plugin's reload served it

    @property
    def median_s(self) -> float:
        return statistics.median(self.fresh_s) if self.fresh_s else float("nan")


FAST = "dimuat ulang"
"""What the plugin logs when it rewrote an edited entry's pages without a full build."""


def measure(config: Path, entries: list[Path], env: dict[str, str] | None = None) -> ServeRun:
    """`mkdocs serve -f config`; each of `entries` (files below its docs dir) edited in turn."""
    run = ServeRun()
    with DevServer(config, env=env) as server:
        run.first_build_s = server.first_build_s
        for number, path in enumerate(entries, 1):
            title = f"Judul Uji Serve {number} {int(time.time())}"
            text = path.read_text(encoding="utf-8")
            text, count = re.subn(r"(?m)^judul: .*$", f"judul: {title}", text, count=1)
            assert count == 1, path
            mark = len(server.log)
            save(path, text)
            edited = time.perf_counter()
            server.wait_for(f"inovasi/{path.stem}/", title)
            run.fresh_s.append(time.perf_counter() - edited)
            time.sleep(1.0)  # the log line of the build that wrote it
            run.fast.append(any(FAST in line for line in server.log[mark:]))
    return run


def report(run: ServeRun) -> str:
    each = ", ".join(f"{s:.2f} s{'' if fast else ' (full build)'}"
                     for s, fast in zip(run.fresh_s, run.fast, strict=True))
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
