"""The five criteria badges: which of Permen PANRB 30/2014's five criteria an entry demonstrates.

Every public-service innovation must be novel, effective, beneficial, transferable and
sustainable. The catalogue shows, per entry, the level (0–3) reached on each, the evidence that
earned it (`alasan`) and what would earn the next level (`kurang`). The generator computes this
from the front matter; authors never type a badge, so a badge is always explained by evidence a
reader can check.

`assess` is a pure function of the entry, the catalogue's replication facts and the build date.
Replication is the only fact that spans entries; `replication_index` gathers it once for
the whole catalogue, so assessing N entries stays O(N).

Every threshold, band and label comes from `criteria_table.yaml`, read once by `table` (the
only place that knows its layout) into the typed, frozen `RULES`; the methodology page is generated
from the same table (`methodology`): change a number there and everything follows.

The package: `table` (loading, checking, `RULES`), `results` (Badge, Assessment, Missing),
`wording` (shared sentences and YAML snippets), `rules` (four rules and `assess`),
`transfer` (the transfer badge and the replication index), `description` (the criteria in words: the methodology page, what earns the next level).

Speed: ~32,000 entries are assessed on every build (budget: < 60 µs each), so sentences that do
not depend on the entry are built once at import and word counting stops at the threshold.
`python tests/test_criteria.py` measures it (about 27 µs per evidence-rich entry on the
development machine).
"""

from __future__ import annotations

from .description import LIFECYCLE_HEADING, general_rules, lifecycle, methodology, next_level
from .results import Assessment, Badge, Missing, Replicator
from .rules import assess, budget_run, has_organisation, indicator_gaps, months_before
from .table import (
    DEFAULT_LEVEL_NAMES,
    KEYS,
    LABELS,
    LEVEL_NAMES,
    LIFECYCLE,
    LIFECYCLE_STATES,
    MAX_LEVEL,
    REVERIFY_MONTHS,
    RULES,
    TABLE,
    TABLE_PATH,
    Band,
    LifecycleRules,
    Rules,
    TableError,
    band_level,
    band_ranges,
    level_choices,
    level_name,
    load_table,
    score_text,
)
from .transfer import own_evidence, replication_gap, replication_index, with_replications

__all__ = [
    "TABLE_PATH",
    "KEYS",
    "TableError",
    "Band",
    "band_level",
    "band_ranges",
    "load_table",
    "TABLE",
    "MAX_LEVEL",
    "REVERIFY_MONTHS",
    "LIFECYCLE",
    "LIFECYCLE_STATES",
    "LifecycleRules",
    "LABELS",
    "LEVEL_NAMES",
    "DEFAULT_LEVEL_NAMES",
    "level_name",
    "level_choices",
    "score_text",
    "Rules",
    "RULES",
    "Replicator",
    "Missing",
    "Badge",
    "Assessment",
    "own_evidence",
    "replication_gap",
    "with_replications",
    "replication_index",
    "indicator_gaps",
    "budget_run",
    "months_before",
    "has_organisation",
    "assess",
    "methodology",
    "next_level",
    "general_rules",
    "lifecycle",
    "LIFECYCLE_HEADING",
]
