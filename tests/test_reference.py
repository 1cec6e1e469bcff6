"""The field reference is generated from the model and the guide embeds the current one."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import reference
from generator.model import Entry, Hasil, Keberlanjutan

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parent.parent


def test_contributing_guide_embeds_the_current_reference() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert reference.embed(text) == text, "run: katalog reference --write CONTRIBUTING.md"


def test_every_field_of_the_model_is_documented() -> None:
    paths = {row[0] for row in reference.rows()}
    assert set(Entry.model_fields) <= paths
    assert {f"hasil[].{name}" for name in Hasil.model_fields} <= paths
    assert {f"keberlanjutan.{name}" for name in Keberlanjutan.model_fields} <= paths


def test_required_fields_and_vocabularies_are_stated() -> None:
    by_path = {row[0]: row for row in reference.rows()}
    assert by_path["judul"][2] is True and by_path["judul"][3] == "5–160 karakter"
    assert by_path["urusan"][2] is True
    assert by_path["unit"][2] is False
    assert by_path["status"][1] == "pilihan: `aktif`, `berhenti`"
    assert "katalog vocabulary provinsi" in by_path["wilayah.provinsi"][1]
    assert by_path["tanggal.mulai"][1] == "tanggal TTTT-BB-HH"


def test_embed_refuses_a_file_without_markers() -> None:
    try:
        reference.embed("# no markers\n")
    except ValueError as exc:
        assert "referensi-bidang" in str(exc)
    else:
        raise AssertionError("expected ValueError")
