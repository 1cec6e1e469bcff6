"""Where a build's time goes: `python -m bench.phases path/to/mkdocs.yml` builds the site once,
as `mkdocs build` does, and prints each of the plugin's log lines with the wall time and the CPU
time of the whole process tree so far (this process, its live children read from /proc, and the
children it has reaped), so that each phase's share of both shows. Linux only (/proc)."""

from __future__ import annotations

import logging
import os
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    """CPU seconds (user + system) of `root` and every descendant now alive, plus the reaped ones."""
    children: dict[int, list[tuple[int, float]]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append((int(name), (int(fields[11]) + int(fields[12])) / TICK))
    total, todo, seen = 0.0, [root], set()
    while todo:
        for pid, cpu in children.get(todo.pop(), []):
            if pid not in seen:
                seen.add(pid)
                total += cpu
                todo.append(pid)
    t = os.times()
    return total + t.user + t.system + t.children_user + t.children_system


def main(config_file: str) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    start, me, last = time.time(), os.getpid(), [0.0, 0.0]

    class Phases(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage()
            if not message.startswith(("katalog", "Building documentation", "Documentation built")):
                return
            if ": warning:" in message or "peringatan" in message or "\n" in message:
                return
            wall, cpu = time.time() - start, tree_cpu(me)
            print(f"{wall:7.1f} s wall (+{wall - last[0]:5.1f})  {cpu:7.1f} s CPU (+{cpu - last[1]:5.1f})  {message[:100]}",
                  flush=True)
            last[:] = [wall, cpu]

    for name in ("mkdocs", "properdocs"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.DEBUG)
        logger.addHandler(Phases())
        logger.propagate = False
    config = load_config(config_file=config_file)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    print(f"{time.time() - start:7.1f} s wall in all, {tree_cpu(me):.1f} s CPU in all")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("pemakaian: python -m bench.phases path/ke/mkdocs.yml")
    main(sys.argv[1])
