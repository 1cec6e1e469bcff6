"""Where a build's time and memory go: `python -m bench.phases path/to/mkdocs.yml` builds the
site once, as `mkdocs build` does, and prints each of the plugin's log lines with the wall time
and the CPU time of the whole process tree so far (this process, its live children read from
/proc, and the children it has reaped), so that each phase's share of both shows, and the
memory since the line before: the highest resident size of the whole tree, and of its largest
process (the builder, `main`, or which child: sampled from /proc every 0.1 s). Linux only."""

from __future__ import annotations

import logging
import os
import sys
import threading
import time

TICK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _processes() -> dict[int, tuple[int, float, int]]:
    """pid → (parent, CPU seconds, resident bytes) of every process now alive."""
    out: dict[int, tuple[int, float, int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        out[int(name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK, int(fields[21]) * PAGE)
    return out


def _tree(root: int, procs: dict[int, tuple[int, float, int]]) -> list[int]:
    children: dict[int, list[int]] = {}
    for pid, (parent, _, _) in procs.items():
        children.setdefault(parent, []).append(pid)
    found, todo = [], [root]
    while todo:
        for pid in children.get(todo.pop(), []):
            if pid not in found:
                found.append(pid)
                todo.append(pid)
    return found


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of `root` and every descendant now alive, plus the reaped ones."""
    procs = _processes()
    t = os.times()
    return sum(procs[pid][1] for pid in _tree(root, procs)) + t.user + t.system + t.children_user + t.children_system


class Memory:
    """The highest resident size of the process tree of `root`, and of its largest process,
    since the last `take`, sampled in a thread."""

    def __init__(self, root: int, every: float = 0.1) -> None:
        self.root, self.every = root, every
        self._lock = threading.Lock()
        self._reset()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _reset(self) -> None:
        self.total, self.largest, self.who = 0, 0, ""

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.sample()

    def sample(self) -> None:
        procs = _processes()
        pids = [self.root, *_tree(self.root, procs)]
        sizes = {pid: procs[pid][2] for pid in pids if pid in procs}
        if not sizes:
            return
        total = sum(sizes.values())
        pid, size = max(sizes.items(), key=lambda item: item[1])
        with self._lock:
            self.total = max(self.total, total)
            if size > self.largest:
                self.largest, self.who = size, "main" if pid == self.root else f"child {pid}"

    def take(self) -> tuple[int, int, str]:
        self.sample()
        with self._lock:
            out = (self.total, self.largest, self.who)
            self._reset()
        return out

    def stop(self) -> None:
        self._stop.set()


def main(config_file: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start, me, last = time.time(), os.getpid(), [0.0, 0.0]
    memory = Memory(me)
    highest = [0, 0]

    def line(message: str) -> None:
        wall, cpu = time.time() - start, tree_cpu(me)
        total, largest, who = memory.take()
        highest[:] = [max(highest[0], total), max(highest[1], largest)]
        print(f"{wall:7.1f} s wall (+{wall - last[0]:5.1f})  {cpu:7.1f} s CPU (+{cpu - last[1]:5.1f})  "
              f"{total / 2**20:6.0f} MiB, largest {largest / 2**20:5.0f} ({who:<11})  {message[:100]}", flush=True)
        last[:] = [wall, cpu]

    class Phases(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not message.startswith(("katalog", "Building documentation", "Documentation built")):
                return
            if ": warning:" in message or "peringatan" in message or "\n" in message:
                return
            line(message)

    for name in ("mkdocs", "properdocs"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(Phases())
        logger.propagate = False
    config = load_config(config_file=config_file)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    line("selesai")
    memory.stop()
    print(f"{time.time() - start:7.1f} s wall in all, {tree_cpu(me):.1f} s CPU in all; at most "
          f"{highest[0] / 2**20:.0f} MiB in all processes, {highest[1] / 2**20:.0f} MiB in the largest")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("pemakaian: python -m bench.phases path/ke/mkdocs.yml")
    main(sys.argv[1])
