"""A warm build publishes the same bytes as a cold one: on a 2,000-entry synthetic catalogue, a
sequence of edits, each followed by a warm build (the cache and the site of the build before)
that is compared, every path and every byte, with a cold build of the same content (a cache dir
that starts empty, a site dir of its own). Whatever a warm build keeps or links from an earlier
build (entry pages, open data, the pages MkDocs makes, the search index, the loaded catalogue),
a stale byte of it shows here, whichever cache it came from.

Every build is `mkdocs build` run as its own process (as CI runs it) by `bench.identical.build`,
with the plugin's cache dir in KATALOG_CACHE_DIR and the build date in SOURCE_DATE_EPOCH; the
catalogue folder (the corpus, the site's own pages, mkdocs.yml, reviewers' records and an
evidence link report) is `bench.identical.prepare`'s, as `python -m bench.identical` builds it
before and after a change. Every build reads the same folder (so no path differs) with a site
dir and a cache dir of its own, outside it. Each edit is also checked to change the cold site where it should:
an edit the site does not show would test nothing.

The steps, in order: nothing changed; one entry's title and a result number; an origin's title
(its replications show it); a new replication of an entry nobody replicated (its transfer badge);
an entry deleted (a replication: its origin's badge again); a reviewer's record (another
verdict) with the evidence link report (a link dead now); the build date a year on (verifications
expire, lifecycle states change); and back to the first content and date, which must give the
very first cold site. The failures of every step are gathered and reported together.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest

from bench.corpus import generate
from bench.identical import EPOCH, build, compare, describe, prepare

pytestmark = pytest.mark.site

N = 2000
SEED = 11
YEAR = 365 * 86400
REPLICATES = re.compile(r"(?m)^  - inovasi: ([a-z0-9-]+)$")


class Catalogue:
    """The catalogue folder and its two builds: the warm one, built again after each edit, and
    the cold references, each built from nothing."""

    def __init__(self, tmp: Path) -> None:
        generate(tmp / "korpus", N, seed=SEED)
        self.config = prepare(tmp / "katalog", tmp / "korpus")
        self.folder = self.config.parent
        self.entries = self.folder / "docs" / "innovations"
        self.tmp = tmp
        self.epoch = EPOCH
        self.warm_site, self.warm_cache = tmp / "hangat" / "site", tmp / "hangat" / "cache"
        self.colds = 0
        self.seconds: dict[str, float] = {}
        self.failures: list[str] = []
        self.inputs = self._inputs()

    def _inputs(self) -> dict[str, bytes]:
        """Every file of the catalogue folder (what a build reads), by relative path."""
        return {p.relative_to(self.folder).as_posix(): p.read_bytes()
                for p in sorted(self.folder.rglob("*")) if p.is_file()}

    def cold(self, step: str) -> Path:
        self.colds += 1
        site = self.tmp / f"dingin-{self.colds}" / "site"
        self.seconds[f"{step} (cold)"] = build(self.config, site, site.parent / "cache", epoch=self.epoch)
        return site

    def warm(self, step: str) -> Path:
        self.seconds[f"{step} (warm)"] = build(self.config, self.warm_site, self.warm_cache, epoch=self.epoch)
        return self.warm_site

    def check(self, step: str, reference: Path) -> None:
        """The warm build of `step` against the cold `reference`, file by file."""
        result = compare(reference, self.warm(step))
        if not result.identical:
            self.failures.append(f"{step}: the warm site is not the cold one\n"
                                 + describe(result, names=("cold", "warm")))

    def entry(self, entry_id: str) -> Path:
        return next(self.entries.glob(f"*/{entry_id}.md"))

    def edit(self, path: Path, pattern: str, replacement: str | Callable[[re.Match[str]], str]) -> None:
        text = path.read_text(encoding="utf-8")
        changed, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
        assert count == 1, f"{pattern!r} is not in {path}"
        path.write_text(changed, encoding="utf-8")


def _changed(before: Path, after: Path, rel: str) -> bool:
    a, b = before / rel, after / rel
    return a.is_file() != b.is_file() or (a.is_file() and a.read_bytes() != b.read_bytes())


def _pick(cat: Catalogue) -> dict[str, str]:
    """The entries each step edits, found in the corpus by what they are (the same seed always
    finds the same ones): published entries only."""
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(cat.entries.glob("*/*.md"))}
    published = {i: t for i, t in texts.items() if not re.search(r"(?m)^draf: true$", t)}
    origins: dict[str, list[str]] = {}
    for entry_id, text in published.items():
        for origin in REPLICATES.findall(text):
            origins.setdefault(origin, []).append(entry_id)
    involved = set(origins) | {r for reps in origins.values() for r in reps}
    # A verified entry (its record's evidence fingerprint goes stale with the new number).
    edited = next(i for i, t in published.items() if i not in involved
                  and re.search(r"(?m)^    sesudah:\n      nilai: \d+$", t) and (cat.folder / "verifikasi" / f"{i}.yml").is_file())
    origin = max((o for o in origins if o in published), key=lambda o: (len(origins[o]), o))
    # A replication that counts for its origin (in use, evidence of its own), copied for a new origin.
    model = next(r for r in origins[origin] if re.search(r"(?m)^tahapan: penerapan$", published[r])
                 and re.search(r"(?m)^    bukti: ", published[r]))
    lonely = next(i for i, t in published.items() if i not in involved and i != edited
                  and re.search(r"(?m)^tahapan: penerapan$", t))
    # A replication no other file names (an origin may confirm its replications by id).
    deleted = next(r for r in origins[origin] if r != model and not any(r in t for i, t in texts.items() if i != r))
    records = sorted(p.stem for p in (cat.folder / "verifikasi").glob("*.yml")
                     if "hasil: terverifikasi" in p.read_text(encoding="utf-8") and p.stem in published
                     and p.stem not in (edited, origin, model, deleted))
    return {"edited": edited, "origin": origin, "model": model, "lonely": lonely, "deleted": deleted,
            "record": records[0]}


@pytest.fixture
def catalogue(tmp_path: Path) -> Iterator[Catalogue]:
    """The catalogue; afterwards (passed or not) each build's seconds, for `pytest -s`."""
    start = time.perf_counter()
    cat = Catalogue(tmp_path)
    cat.seconds["corpus and folder"] = time.perf_counter() - start
    yield cat
    timings = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in cat.seconds.items())
    print(f"\n{N:,} entries, {time.perf_counter() - start:.0f} s in all: {timings}")


def test_every_warm_build_publishes_what_a_cold_build_does(tmp_path: Path, catalogue: Catalogue) -> None:
    cat = catalogue
    pick = _pick(cat)
    # The warm line starts with a cold build; a copy of its site is the first reference.
    first = tmp_path / "dingin-0" / "site"
    shutil.copytree(cat.warm("0 first build"), first, symlinks=True)
    # Every build shares the catalogue folder and has a site and a cache dir of its own: nothing
    # may be left beside mkdocs.yml, or a cold build would not start from nothing.
    assert cat._inputs() == cat.inputs, "a build wrote into the catalogue folder (outside its site and cache dirs)"

    # a. Nothing changed.
    cat.check("a nothing changed", first)
    previous = first

    def step(name: str, *must_change: str) -> None:
        """A warm build after the edit `name`, against a cold build; the edit must show in the
        cold site at each of `must_change`."""
        nonlocal previous
        reference = cat.cold(name)
        unchanged = [rel for rel in must_change if not _changed(previous, reference, rel)]
        assert not unchanged, f"{name}: the edit does not show in the site at {unchanged}: the step tests nothing"
        cat.check(name, reference)
        if previous != first:
            shutil.rmtree(previous.parent)
        previous = reference

    # b. One entry's title and one of its results' numbers.
    edited = cat.entry(pick["edited"])
    cat.edit(edited, r'^judul: .*$', 'judul: "Layanan Diubah untuk Uji Build Hangat"')
    cat.edit(edited, r"^(    sesudah:\n      nilai: )(\d+)$", lambda m: f"{m[1]}{int(m[2]) + 7}")
    step("b one entry edited", f"inovasi/{pick['edited']}/index.html", f"api/inovasi/{pick['edited']}.json")

    # c. An origin's title, which each of its replications shows.
    cat.edit(cat.entry(pick["origin"]), r'^judul: .*$', 'judul: "Asal Replikasi dengan Judul Baru"')
    step("c an origin's title", f"inovasi/{pick['origin']}/index.html", f"inovasi/{pick['model']}/index.html")

    # d. A new entry replicating one that nobody replicated: that one's transfer badge changes.
    model = cat.entry(pick["model"])
    text = REPLICATES.sub(f"  - inovasi: {pick['lonely']}", model.read_text(encoding="utf-8"), count=1)
    text = re.sub(r'(?m)^judul: .*$', 'judul: "Replikasi Baru untuk Uji Build Hangat"', text, count=1)
    new = model.with_name("replikasi-baru-uji-hangat.md")
    new.write_text(text, encoding="utf-8")
    step("d a new replication", f"inovasi/{new.stem}/index.html", f"inovasi/{pick['lonely']}/index.html",
         f"api/inovasi/{pick['lonely']}.json")
    lonely = orjson.loads((previous / f"api/inovasi/{pick['lonely']}.json").read_bytes())
    assert new.stem in orjson.dumps(lonely).decode(), "the origin's open data does not name its new replication"

    # e. A replication deleted: its page goes, its origin's page changes.
    cat.entry(pick["deleted"]).unlink()
    step("e an entry deleted", f"inovasi/{pick['deleted']}/index.html", f"inovasi/{pick['origin']}/index.html")

    # f. The reviewers' files beside mkdocs.yml: a record's verdict (verified becomes "needs
    # fixing") and the evidence link report (a link that opened does not now).
    record = cat.folder / "verifikasi" / f"{pick['record']}.yml"
    cat.edit(record, r"^hasil: terverifikasi$",
             'hasil: perlu_perbaikan\nalasan: "Lampirkan laporan yang memuat angka sebelum dan sesudah."')
    report_path = cat.folder / "laporan" / "tautan-bukti.json"
    report = orjson.loads(report_path.read_bytes())
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(cat.entries.glob("*/*.md"))}
    url, holder = next((u, i) for u, item in sorted(report["tautan"].items()) if item["ok"]
                       for i, t in texts.items() if f'bukti: "{u}"' in t and "\ndraf: true\n" not in t)
    report["tautan"][url] = {"ok": False, "terakhir": "2026-11-01", "sejak": "2026-10-01", "kali": 3, "sebab": "HTTP 410"}
    report_path.write_bytes(orjson.dumps(report, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n")
    step("f a record and the link report", f"inovasi/{pick['record']}/index.html", f"inovasi/{holder}/index.html")

    # g. The build date a year on.
    cat.epoch = str(int(EPOCH) + YEAR)
    step("g a year later", f"inovasi/{pick['edited']}/index.html")

    # h. Everything back as it was: the very first cold site.
    for path in list(cat.folder.rglob("*")):
        rel = path.relative_to(cat.folder).as_posix()
        if path.is_file() and rel not in cat.inputs:
            path.unlink()
    for rel, data in cat.inputs.items():
        path = cat.folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
    assert cat._inputs() == cat.inputs
    cat.epoch = EPOCH
    cat.check("h back to the start", first)

    if cat.failures:
        pytest.fail("\n\n".join(cat.failures), pytrace=False)
