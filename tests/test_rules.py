"""One rule, one place: the criteria table is the only source of every threshold. Change it (in
a temporary copy) and the badges, validation messages, the quality report, the methodology page
and the charts all follow, with no other file touched."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "generator" / "criteria_table.yaml"

PROBE = r"""
import json
from datetime import date
from generator.criteria import RULES, assess, level_choices, score_text
from generator.loader import parse_text
from generator.model import Entry
from generator.pages import charts, quality
from generator.pages.methodology import methodology_html
from generator.validation import validate_parsed
import helpers

today = date(2026, 6, 2)
words = " ".join(f"kata{n}" for n in range(35))
text = helpers.entry_text(
    diperbarui="2025-01-20",  # 16 months before today
    kebaruan=f"\n  jenis: gagasan_baru\n  uraian: {words}",
    keberlanjutan="\n  anggaran: [2025, 2026]\n  pelaksana:\n    unit: Bidang Pelayanan",
)
entry, diags = validate_parsed(parse_text(text, "x.md"), "x", today)
badges = assess(entry, replicated_by=(), today=today)
from generator import verification
from generator.criteria import LIFECYCLE
from generator.search.filters import facets
from generator import load_cache
sidik = verification.evidence_fingerprint(entry)
record = verification.VerificationRecord.model_validate({  # 15 months before today
    "tanggal": "2025-03-01", "oleh": "Tim Penilai", "peran": "Verifikator", "hasil": "terverifikasi",
    "diperiksa": {"lencana": ["efektif"], "tautan": []}, "sidik_bukti": sidik})
quiet = entry.model_copy(update={"diperbarui": date(2024, 1, 1)})  # 29 months before today, never verified
print(json.dumps({
    "siklus": [verification.lifecycle(entry, record, sidik, today).status,
               verification.lifecycle(quiet, None, verification.evidence_fingerprint(quiet), today).status],
    "siklus_label": [f.labels for f in facets() if f.key == "verifikasi"][0],
    "siklus_arti": LIFECYCLE.meanings,
    "warnings": [d.message for d in diags],
    "kebaruan": badges.kriteria["kebaruan"].level,
    "berkelanjutan": badges.kriteria["berkelanjutan"].level,
    "berkelanjutan_alasan": badges.kriteria["berkelanjutan"].alasan,
    "quality": [k.meaning for k in quality.KINDS],
    "methodology": methodology_html(),
    "fills": list(charts.LEVEL_FILLS),
    "max_score": RULES.max_score,
    "score": score_text(8),
    "filters": level_choices("efektif"),
    "load_key": load_cache.code_digest().hex(),
}))
"""


def probe(table: Path | None) -> dict:
    env = {**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'tests'}"}
    env.pop("KATALOG_CRITERIA_TABLE", None)
    if table is not None:
        env["KATALOG_CRITERIA_TABLE"] = str(table)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.site
def test_changing_the_table_changes_every_place_that_states_a_rule(tmp_path):
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    table["siklus"]["verifikasi_berlaku_bulan"] = 18
    table["siklus"]["tidak_aktif_bulan"] = 30
    table["siklus"]["status"]["diajukan"]["label"] = "Baru diajukan"
    table["kriteria"]["kebaruan"]["uraian_minimal_kata"] = 40
    table["kriteria"]["berkelanjutan"]["pilar"]["anggaran"]["tahun_berturut_minimal"] = 3
    table["kriteria"]["berkelanjutan"]["pilar"]["organisasi"]["perlu"] = {"unit": "unit pelaksana"}
    table["tampilan"]["warna_level"] = ["#eeeeee", "#cccccc", "#888888", "#222222"]
    table["tampilan"]["skor"] = "nilai bukti {skor} dari {maks}"
    table["nama_level"][2] = "bukti cukup"
    changed = tmp_path / "kriteria.yaml"
    changed.write_text(yaml.safe_dump(table, allow_unicode=True, sort_keys=False), encoding="utf-8")

    before, after = probe(None), probe(changed)

    # Validation: an update due after 12 months by default, after 18 with the changed table.
    assert any("lebih dari 12 bulan lalu" in w for w in before["warnings"])
    assert not any("lebih dari" in w for w in after["warnings"])
    # The lifecycle: a verification holds 12 months (18), an entry is inactive after 24 (30)
    # months without an update or a verification; its states' labels and meanings follow.
    assert before["siklus"] == ["perlu_verifikasi_ulang", "tidak_aktif"]
    assert after["siklus"] == ["terverifikasi", "diajukan"]
    assert before["siklus_label"]["diajukan"] == "Diajukan" and after["siklus_label"]["diajukan"] == "Baru diajukan"
    assert "lebih dari 18 bulan" in after["siklus_arti"]["perlu_verifikasi_ulang"]
    assert "selama 30 bulan" in after["siklus_arti"]["tidak_aktif"] and "selama 24 bulan" in before["siklus_arti"]["tidak_aktif"]
    assert "Baru diajukan" in after["methodology"] and "selama 30 bulan" in after["methodology"]
    # Badges: 35 words were enough (30), are not (40); two budget years were a pillar, are not
    # (3); a unit without an SK was not an organisation, is one now.
    assert (before["kebaruan"], after["kebaruan"]) == (2, 0)
    assert any("Anggaran" in a for a in before["berkelanjutan_alasan"])
    assert not any("Anggaran" in a for a in after["berkelanjutan_alasan"])
    assert not any("Organisasi" in a for a in before["berkelanjutan_alasan"])
    assert any("Organisasi" in a for a in after["berkelanjutan_alasan"])
    # The quality report's legend and the methodology page say the same numbers.
    assert any("lebih dari 18 bulan" in q for q in after["quality"]) and any("3 tahun" in q for q in after["quality"])
    assert any("lebih dari 12 bulan" in q for q in before["quality"]) and any("2 tahun" in q for q in before["quality"])
    assert "40 kata" in after["methodology"] and "30 kata" not in after["methodology"]
    assert "18 bulan" in after["methodology"]
    # Charts take their level colours from the table.
    assert after["fills"] == ["#eeeeee", "#cccccc", "#888888", "#222222"] != before["fills"]
    assert before["max_score"] == after["max_score"] == 15
    # The score and the level names as every page, search result and filter writes them.
    assert (before["score"], after["score"]) == ("skor 8 dari 15", "nilai bukti 8 dari 15")
    assert before["filters"]["2"] == "Bukti kuat" and after["filters"]["2"] == "Bukti cukup"
    # What a warm build kept of each entry (its load, its badges) is not reused under another table.
    assert before["load_key"] != after["load_key"]


@pytest.mark.unit
def test_the_chips_stylesheet_uses_the_tables_level_colours():
    """The chips are coloured by CSS (no colour in 32,000 pages' markup): katalog.css repeats the
    table's `tampilan.warna_level`, and this keeps the two the same."""
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    css = (ROOT / "generator/theme/assets/stylesheets/katalog.css").read_text(encoding="utf-8")
    declared = [re.search(rf"--katalog-level-{n}:\s*(#[0-9a-fA-F]{{6}})", css).group(1).lower() for n in range(4)]
    assert declared == [c.lower() for c in table["tampilan"]["warna_level"]]


@pytest.mark.unit
def test_no_module_repeats_a_threshold_of_the_table():
    # The numbers and words that were once copied out of the table (a re-verification period,
    # a budget run, a word count, a score out of 15, the levels 0..3, the chart colours).
    copied = ["12 bulan", "dua tahun", "30 kata", "/15", "range(4)", "#8e1b16", "== \"modifikasi\""]
    found = []
    for path in (ROOT / "generator").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found += [f"{path.relative_to(ROOT)}: {needle}" for needle in copied if needle in text]
    assert not found, found
