"""The methodology page, generated from the criteria table (`criteria.methodology()`), so the
public description of the badges and the rules that compute them cannot drift apart.

The markup is the template `katalog/kriteria.html` (theme/, or the site's own `custom_dir`);
this module only arranges the table's words into the data it receives.
"""

from __future__ import annotations

from types import SimpleNamespace as NS
from typing import Any

from ..criteria import LIFECYCLE, LIFECYCLE_HEADING, MAX_LEVEL, general_rules, lifecycle, methodology
from .html import render

TEMPLATE = "katalog/kriteria.html"


def _criterion(c: dict[str, Any]) -> NS:
    levels = list(range(1, MAX_LEVEL + 1))
    return NS(
        id=c["key"].replace("_", "-"),
        label=c["label"],
        keterangan=c.get("keterangan") or "",
        syarat=list(c.get("syarat") or []),
        nama_level_0=c["nama_level"][0],
        tingkat=[NS(level=t["level"], nama=t["nama"], bukti=list(t["bukti"])) for t in c["tingkat"]],
        level_dasar=levels,
        dasar=[NS(label=d["label"], pita=[d["pita"].get(n, "–") for n in levels]) for d in c.get("dasar") or []],
        rujukan=c.get("rujukan") or "",
        pilar=[p["syarat"] for p in c.get("pilar") or []],
        catatan=list(c.get("catatan") or []),
    )


def methodology_data(source_url: str | None = None) -> NS:
    """What `katalog/kriteria.html` receives as `kriteria`: the general rules, each criterion
    (its conditions, the name and evidence of every level, the benefit bands, the pillars, the
    notes) and the link to the table the page is made from."""
    return NS(
        aturan_umum=general_rules(),
        kriteria=[_criterion(c) for c in methodology()],
        siklus=NS(judul=LIFECYCLE_HEADING, status=[NS(**s) for s in lifecycle()],
                  berlaku=LIFECYCLE.valid_months, tidak_aktif=LIFECYCLE.inactive_months),
        sumber_url=source_url,
    )


def methodology_html(source_url: str | None = None, dirs: tuple[str, ...] | None = None) -> str:
    """`dirs`: the site's theme dirs, its `custom_dir` first (`SiteContext.templates`)."""
    return render(dirs, TEMPLATE, kriteria=methodology_data(source_url))
