"""`make bench-hostile`: the worst single files we know, each at most 1 MiB, validated one at a
time against the sample catalogue. Budget per file: under 2 s and 300 MB (the whole command).

    python -m bench.hostile
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIB = 1024 * 1024
HEAD = ("---\njudul: Layanan Uji Beban\nringkasan: Ringkasan yang cukup panjang untuk lolos validasi model.\n"
        "instansi: {nama: Dinas Uji, jenis: pemkab}\nwilayah: {provinsi: jawa-timur, kabupaten_kota: Kab. Uji}\n"
        "tahapan: penerapan\nstatus: aktif\ntanggal: {mulai: 2020-01-01, penerapan: 2020-06-01}\n"
        "jenis: digital\nbentuk: pelayanan_publik\nurusan: [kesehatan]\n"
        "masalah: Masalah publik yang cukup panjang untuk lolos validasi.\ndiperbarui: 2026-01-01\n")


def fit(make: Callable[[int], str], limit: int = MIB) -> str:
    """The largest text `make(n)` that stays within `limit` bytes (UTF-8)."""
    low, high = 1, 2
    while len(make(high).encode()) <= limit:
        low, high = high, high * 2
    while high - low > 1:
        mid = (low + high) // 2
        low, high = (mid, high) if len(make(mid).encode()) <= limit else (low, mid)
    return make(low)


BODY_LIMIT = 199_000  # just under the longest body the site renders (render.MAX_BODY_CHARS)


def laughs(levels: int) -> str:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, levels)]
    return "\x85".join(lines)


CASES: dict[str, Callable[[], str]] = {
    "deep flow nesting": lambda: fit(lambda n: HEAD + "unit: " + "[" * n + "]" * n + "\n---\n"),
    "deep block nesting": lambda: fit(lambda n: HEAD + "unit:\n" + "".join("  " * i + "- \n" for i in range(n))
                                      + "---\n"),
    "nested aliases (NEL breaks)": lambda: HEAD + laughs(40) + "\n---\n",
    "100k unknown keys": lambda: fit(lambda n: HEAD + "".join(f"kunci{i}: x\n" for i in range(n)) + "---\n"),
    "long lists": lambda: fit(lambda n: HEAD + "kata_kunci:\n" + "".join(f"  - kata kunci nomor {i}\n"
                                                                        for i in range(n)) + "---\n"),
    "unknown replication ids": lambda: fit(lambda n: HEAD + "replikasi_dari:\n" + "".join(
        f"  - inovasi: inovasi-tidak-ada-{i}\n" for i in range(n)) + "---\n"),
    "1,000 unknown replication ids": lambda: HEAD + "replikasi_dari:\n" + "".join(
        f"  - inovasi: mal-pelayanan-publk-{i}\n" for i in range(1000)) + "---\n",
    "5,000-digit numbers": lambda: fit(lambda n: HEAD + "sdgs:\n" + "".join(f"  - {'9' * 5000}\n" for _ in range(n))
                                       + "---\n"),
    "hidden characters": lambda: fit(lambda n: HEAD.replace("judul: Layanan Uji Beban",
                                                            'judul: "' + "\\u202e" * n + '"') + "---\n"),
    "nested tags in the body": lambda: fit(lambda n: HEAD + "---\n" + "<div>" * n + "x" + "</div>" * n),
    "nested quotes in the body": lambda: fit(lambda n: HEAD + "---\n" + "".join("> " * i + "x\n" for i in range(n))),
    "nested lists in the body": lambda: fit(lambda n: HEAD + "---\n" + "".join("  " * i + "- x\n"
                                                                               for i in range(n))),
    "nested tags, 199 KB body": lambda: fit(lambda n: HEAD + "---\n" + "<div>" * n + "x" + "</div>" * n,
                                            len(HEAD) + BODY_LIMIT),
    "nested lists, 199 KB body": lambda: fit(lambda n: HEAD + "---\n" + "".join("  " * (i % 60) + "- x\n"
                                                                               for i in range(n)),
                                             len(HEAD) + BODY_LIMIT),
    "list-link soup, 199 KB body": lambda: fit(lambda n: HEAD + "---\n" + "- - [x# " * n, len(HEAD) + BODY_LIMIT),
    "off-site images in the body": lambda: fit(lambda n: HEAD + "---\n" + "".join(
        f"![p](https://pelacak.example/{i}.gif)\n" for i in range(n))),
}


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="katalog-hostile-"))
    try:
        shutil.copytree(ROOT / "content" / "innovations", work / "content" / "innovations")
        folder = work / "content" / "innovations" / "jawa-timur"
        print(f"{'input':32} {'bytes':>9} {'seconds':>8} {'peak MB':>8} exit  first diagnostic")
        worst = (0.0, 0.0)
        for name, make in CASES.items():
            path = folder / "uji-beban.md"
            path.write_bytes(make().encode())
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(path)], cwd=work,
                                  capture_output=True, text=True, timeout=600)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            peak_text = f"{peak:8.0f}" if peak * 1024 > before else "   <prev"
            first = (done.stdout.splitlines() or [done.stderr.strip()[-120:]])[0].split(": ", 2)[-1][:70]
            print(f"{name:32} {path.stat().st_size:9,} {seconds:8.2f} {peak_text} {done.returncode:4}  {first}")
            worst = (max(worst[0], seconds), max(worst[1], peak))
        print(f"worst: {worst[0]:.2f} s, {worst[1]:.0f} MB peak (budget: 2 s, 300 MB)")
        return 0 if worst[0] < 2 and worst[1] < 300 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
