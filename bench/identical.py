"""Is the site the same as before the change? `python -m bench.identical REF [--n 2000]` builds one
synthetic catalogue twice, cold, once with the code at git ref REF and once with the working
tree's code (uncommitted edits included), and compares the two sites file by file: every path,
every byte. It prints how many files differ, their paths grouped by the size report's sections
(`generator.sizes`), and where the first of them differs; it exits 0 only when the sites are
identical (1 when they differ, 2 when something could not be built or REF is no commit).

    python -m bench.identical 59942a1               # 2,000 entries (bench/out/corpus-2000)
    python -m bench.identical main --n 5000 --seed 3

Only the code differs between the two builds: the same corpus, the same site pages (this
working tree's `content/` beside the corpus), the same mkdocs.yml (this working tree's), the same
reviewers' records and evidence link report (beside mkdocs.yml), the same build date
(SOURCE_DATE_EPOCH, the corpus' "today"), the same folders, each build with a cache dir of its
own that starts empty. REF's code is checked out in a temporary `git worktree` and imported
from there: each build runs this interpreter (the same `.venv`) as `python -m mkdocs build` with
that folder first on PYTHONPATH, and the tool checks, before building, that the plugin MkDocs
loads really comes from that folder (an editable install of the package would otherwise answer
for the repository it points at).

The same module gives the test of warm builds (`tests/test_identical_sites.py`) its folder
(`prepare`), its builds (`build`) and its comparison (`compare`, `describe`).
"""

from __future__ import annotations

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
EPOCH = "1793491200"
"""2026-11-01, the corpus' "today" (`bench.corpus.TODAY`), as `bench.run` builds it."""
WINDOW = 160
"""Characters shown either side of the first difference of a file (pages and JSON are long lines)."""


class Failed(Exception):
    """A build or a step that could not be done; the message says why."""


# --- the catalogue folder ------------------------------------------------------------------------


def prepare(folder: Path, entries: Path, *, link: bool = False) -> Path:
    """`folder` as a site to build: `docs/` (this repository's site pages and the corpus `entries`
    as `docs/innovations/`), `mkdocs.yml` (the repository's, with that docs dir), reviewers'
    records (`verifikasi/`, as `bench.run` writes them) and an evidence link report
    (`laporan/tautan-bukti.json`, `link_report`). `link`: hard links to the corpus files instead
    of copies (only for a corpus nobody edits). Returns the config file."""
    import yaml

    from bench.run import verification_records

    if folder.exists():
        shutil.rmtree(folder)
    docs = folder / "docs"
    docs.mkdir(parents=True)
    shutil.copytree(entries.resolve(), docs / "innovations", copy_function=os.link if link else shutil.copy2,
                    ignore=shutil.ignore_patterns(".*"))  # the corpus marker is no entry
    for page in (ROOT / "content").iterdir():
        if page.name != "innovations":
            (shutil.copytree if page.is_dir() else shutil.copy2)(page, docs / page.name)

    class Loader(yaml.SafeLoader):
        """mkdocs.yml as written, `!ENV [NAME, default]` read as its default."""

    Loader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1]
                           if isinstance(node, yaml.SequenceNode) else None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config["docs_dir"] = "docs"
    config["site_dir"] = "site"
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    verification_records(folder / "verifikasi", docs / "innovations")
    link_report(folder / "laporan" / "tautan-bukti.json", docs / "innovations")
    return path


def link_report(path: Path, entries: Path, *, dead: int = 20) -> None:
    """The last evidence link check, as `katalog check-links` writes it: every evidence link of
    the published entries, one in `dead` (chosen by the link's CRC-32) not opened since a day in
    the last months, the rest opened."""
    from datetime import date, timedelta

    from generator import linkcheck
    from generator.catalogue import load_catalogue

    today = date(2026, 11, 1)
    catalogue = load_catalogue(entries, today=today, with_body=False, jobs=1)
    links: dict[str, dict[str, object]] = {}
    for url in linkcheck.catalogue_links(catalogue):
        pick = zlib.crc32(url.encode())
        if pick % dead:
            links[url] = {"ok": True, "terakhir": today.isoformat()}
        else:
            links[url] = {"ok": False, "terakhir": today.isoformat(),
                          "sejak": (today - timedelta(days=7 + pick % 120)).isoformat(), "kali": 1 + pick % 9,
                          "sebab": "HTTP 404"}
    path.parent.mkdir(parents=True, exist_ok=True)
    linkcheck.write_report(linkcheck.LinkReport("2026-11-01T01:00:00Z", links), path)


# --- a build -------------------------------------------------------------------------------------


def _env(code: Path, cache: Path, epoch: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KATALOG_CACHE_DIR", "SOURCE_DATE_EPOCH")}
    return {**env, "PYTHONPATH": str(code), "KATALOG_CACHE_DIR": str(cache), "SOURCE_DATE_EPOCH": epoch,
            "NO_MKDOCS_2_WARNING": "1"}


PLUGIN_ORIGIN = ("import sys; from importlib.metadata import entry_points; "
                 "plugin = next(e for e in entry_points(group='mkdocs.plugins') if e.name == 'katalog').load(); "
                 "print(sys.modules[plugin.__module__].__file__)")


def check_origin(code: Path, *, python: str = sys.executable) -> Path:
    """The file MkDocs' `katalog` plugin is loaded from, with `code` first on PYTHONPATH; raises
    `Failed` when it is not below `code`."""
    found = subprocess.run([python, "-c", PLUGIN_ORIGIN], env=_env(code, Path(os.devnull), EPOCH), cwd=tempfile.gettempdir(),
                           capture_output=True, text=True)
    origin = Path(found.stdout.strip()) if found.returncode == 0 else None
    if origin is None or not origin.resolve().is_relative_to(code.resolve()):
        raise Failed(f"the katalog plugin is not imported from {code}: "
                     f"{origin or (found.stderr.strip().splitlines() or ['?'])[-1]}")
    return origin


def build(config: Path, site: Path, cache: Path, *, epoch: str = EPOCH, code: Path = ROOT,
          python: str = sys.executable) -> float:
    """`mkdocs build` of `config` into `site`, as its own process (as CI runs it), with `cache` as
    the plugin's cache dir (KATALOG_CACHE_DIR), the build date `epoch` (SOURCE_DATE_EPOCH) and the
    code of `code` first on PYTHONPATH. Returns the seconds it took; raises `Failed` with the end
    of what it printed when it fails."""
    start = time.perf_counter()
    # The folder of mkdocs.yml as the working one (never the repository, whose code `-m` would put first).
    done = subprocess.run([python, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                          env=_env(code, cache, epoch), cwd=config.parent, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n    ".join((done.stderr or done.stdout).strip().splitlines()[-20:])
        raise Failed(f"mkdocs build of {config} into {site} failed (exit {done.returncode}):\n    {tail}")
    return time.perf_counter() - start


# --- the comparison ------------------------------------------------------------------------------


@dataclass
class Comparison:
    """Two sites, path by path: folders end with `/`."""

    a: Path
    b: Path
    only_a: list[str] = field(default_factory=list)
    only_b: list[str] = field(default_factory=list)
    differ: list[str] = field(default_factory=list)
    same: int = 0

    @property
    def identical(self) -> bool:
        return not (self.only_a or self.only_b or self.differ)

    @property
    def paths(self) -> list[str]:
        """Every path that is not the same in both, sorted."""
        return sorted(self.only_a + self.only_b + self.differ)


def _tree(root: Path) -> dict[str, Path]:
    """Every path below `root` (folders with a trailing `/`), relative, with its full path."""
    found: dict[str, Path] = {}
    for folder, dirs, files in os.walk(root):
        base = Path(folder)
        rel = base.relative_to(root).as_posix()
        prefix = "" if rel == "." else rel + "/"
        for name in dirs:
            found[f"{prefix}{name}/"] = base / name
        for name in files:
            found[prefix + name] = base / name
    return found


def _same_file(a: Path, b: Path) -> bool:
    if a.is_symlink() or b.is_symlink():
        return a.is_symlink() and b.is_symlink() and os.readlink(a) == os.readlink(b)
    if a.stat().st_size != b.stat().st_size:
        return False
    with open(a, "rb") as fa, open(b, "rb") as fb:
        while True:
            chunk = fa.read(1 << 20)
            if chunk != fb.read(1 << 20):
                return False
            if not chunk:
                return True


def compare(a: Path, b: Path) -> Comparison:
    """The two sites `a` and `b` compared: every path and every byte."""
    if not a.is_dir() or not b.is_dir():
        raise Failed(f"no site to compare: {a if not a.is_dir() else b}")
    ta, tb = _tree(a), _tree(b)
    result = Comparison(a, b, sorted(set(ta) - set(tb)), sorted(set(tb) - set(ta)))
    for rel in sorted(set(ta) & set(tb)):
        pa, pb = ta[rel], tb[rel]
        if rel.endswith("/"):
            result.same += 1
        elif _same_file(pa, pb):
            result.same += 1
        else:
            result.differ.append(rel)
    return result


def section(rel: str) -> str:
    """The size report's section of a site path (`halaman inovasi`, `data terbuka`, ...)."""
    from generator import sizes

    top = rel.split("/", 1)[0] if "/" in rel else ""
    return sizes.LABELS[sizes.section_of(top)]


def first_difference(a: bytes, b: bytes) -> str:
    """Where two versions of a file first differ: line, column and the text around it in each
    (long lines cut to `WINDOW` characters either side), and how many blocks of lines differ; for
    a file that is not UTF-8 text, the offset and the bytes around it."""
    try:
        ta, tb = a.decode("utf-8"), b.decode("utf-8")
    except UnicodeDecodeError:
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return (f"binary, first difference at byte {at:,} ({len(a):,} vs {len(b):,} bytes):\n"
                f"      - {a[max(0, at - 16):at + 16].hex(' ')}\n      + {b[max(0, at - 16):at + 16].hex(' ')}")
    at = next((i for i, (x, y) in enumerate(zip(ta, tb, strict=False)) if x != y), min(len(ta), len(tb)))
    line = ta.count("\n", 0, at) + 1
    column = at - (ta.rfind("\n", 0, at) + 1) + 1

    def around(text: str) -> str:
        start, end = max(0, at - WINDOW), at + WINDOW
        return (("…" if start else "") + text[start:at] + "⟦" + text[at:end] + ("…" if end < len(text) else "")
                ).replace("\n", "⏎")

    la, lb = ta.splitlines(), tb.splitlines()
    changed = sum(1 for op in difflib.SequenceMatcher(None, la, lb, autojunk=False).get_opcodes() if op[0] != "equal") \
        if len(la) + len(lb) < 20000 else None
    blocks = f", {changed} changed block(s) of lines" if changed is not None else ""
    return (f"first difference at line {line}, column {column} ({len(a):,} vs {len(b):,} bytes{blocks}); "
            f"⟦ marks it:\n      - {around(ta)}\n      + {around(tb)}")


def describe(result: Comparison, *, names: tuple[str, str] = ("a", "b"), limit: int = 8) -> str:
    """What differs between the two sites, short enough for a terminal or an assertion: the count,
    the paths grouped by section (at most `limit` each) and the first difference of the first
    file whose bytes differ."""
    if result.identical:
        return f"identical: {result.same:,} paths, every byte the same"
    na, nb = names
    lines = [f"{len(result.paths):,} of {len(result.paths) + result.same:,} paths differ "
             f"({len(result.differ):,} with other bytes, {len(result.only_a):,} only in {na}, "
             f"{len(result.only_b):,} only in {nb}; {na} = {result.a}, {nb} = {result.b})"]
    kinds = {**{p: "bytes" for p in result.differ}, **{p: f"only in {na}" for p in result.only_a},
             **{p: f"only in {nb}" for p in result.only_b}}
    groups: dict[str, list[str]] = {}
    for rel in result.paths:
        groups.setdefault(section(rel), []).append(rel)
    for label, paths in sorted(groups.items(), key=lambda item: -len(item[1])):
        lines.append(f"  {label}: {len(paths):,}")
        lines.extend(f"    {rel}  ({kinds[rel]})" for rel in paths[:limit])
        if len(paths) > limit:
            lines.append(f"    … and {len(paths) - limit:,} more")
    if result.differ:
        first = result.differ[0]
        lines.append(f"  {first}: " + first_difference((result.a / first).read_bytes(), (result.b / first).read_bytes()))
    return "\n".join(lines)


# --- the command ---------------------------------------------------------------------------------


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise Failed(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.identical", description=__doc__.splitlines()[0])
    parser.add_argument("ref", metavar="REF", help="the git ref (commit, branch, tag) built as 'before'")
    parser.add_argument("--n", type=int, default=2000, help="entries of the synthetic corpus (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", action="store_true", help="keep both sites (bench/out/identical-N/) afterwards")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    from bench.corpus import generate

    work = OUT / f"identical-{args.n}"
    try:
        commit = _git("rev-parse", "--verify", "--quiet", f"{args.ref}^{{commit}}")
    except Failed:
        print(f"bench.identical: {args.ref!r} is not a commit of {ROOT}", file=sys.stderr)
        return 2
    dirty = " + uncommitted edits" if _git("status", "--porcelain", "--untracked-files=no") else ""
    print(f"Same site? {args.ref} ({commit[:10]}) against the working tree ({_git('rev-parse', '--short', 'HEAD')}{dirty}), "
          f"{args.n:,} entries", flush=True)
    checkout = Path(tempfile.mkdtemp(prefix="katalog-ref-"))
    added = False
    try:
        corpus = OUT / f"corpus-{args.n}"
        generate(corpus, args.n, seed=args.seed)
        config = prepare(work / "katalog", corpus, link=True)
        _git("worktree", "add", "--detach", str(checkout), commit)
        added = True
        sites = {}
        for label, code in ((f"ref-{commit[:10]}", checkout), ("working-tree", ROOT)):
            check_origin(code)
            site, cache = work / f"site-{label}", work / f"cache-{label}"
            for old in (site, cache):
                shutil.rmtree(old, ignore_errors=True)
            seconds = build(config, site, cache, code=code)
            print(f"  built with {label + ' code:':<28} {seconds:6.1f} s  {site}", flush=True)
            sites[label] = site
        (na, a), (nb, b) = sites.items()
        result = compare(a, b)
        print(describe(result, names=(na, nb)))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return 0 if result.identical else 1
    except Failed as problem:
        print(f"bench.identical: {problem}", file=sys.stderr)
        return 2
    finally:
        if added:
            _git("worktree", "remove", "--force", str(checkout))
        shutil.rmtree(checkout, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
