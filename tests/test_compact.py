"""`catalogue._compact`: the models a load keeps made to hold less (shared sets of fields, texts,
dates, and equal plain sub-models shared whole), without changing any record."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator import catalogue as cat
from generator.catalogue import find_entry_files, load_files
from generator.model import Model
from tests.helpers import KONTAK, evil_entry, rich, write_entry

TODAY = date(2026, 6, 2)
INSTANSI = "\n  nama: Pemerintah Kabupaten Tulungagung\n  jenis: pemkab"  # as `entry_text` writes it


def _entries(root: Path) -> None:
    """Entries of one agency and region (its plain sub-models equal across them), some with a value
    or a field given differently (equal values, another set of fields: not the same model),
    a rich one, a hostile one, odd spacing and texts past the interned length."""
    write_entry(root, entry_id="satu")
    write_entry(root, entry_id="dua", **rich())
    write_entry(root, entry_id="tiga", kontak=KONTAK[:-1] + ", telepon: null}")  # same values, one more field given
    write_entry(root, entry_id="empat", kontak="{jabatan: Kepala Bidang Pelayanan, telepon: 0355 123}",
                instansi=INSTANSI.replace("pemkab", "pemkot"))
    write_entry(root, entry_id="lima", instansi=INSTANSI.replace("Tulungagung", "Tulungagung " + "x" * 80),
                replikasi_dari="\n  - inovasi: satu")
    write_entry(root, "nasional", entry_id="enam", text=evil_entry())
    write_entry(root, entry_id="tujuh", draf="false", unit="'  Seksi  Pelayanan  '")


def _load(root: Path, cache: Path, jobs: int) -> cat.Catalogue:
    return load_files(find_entry_files([root / "innovations"]), docs_dir=root, today=TODAY, jobs=jobs,
                      cache=str(cache))


def _models(model: Model, path: str = "entry") -> dict[str, Model]:
    """Every model in `model`, by where it is."""
    found = {path: model}
    for name, value in model.__dict__.items():
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            if isinstance(item, Model):
                found |= _models(item, f"{path}.{name}[{i}]" if isinstance(value, list) else f"{path}.{name}")
    return found


def _same_record(plain: Any, compacted: Any) -> None:
    assert compacted == plain  # facts, body, badges, lifecycle, model
    assert compacted.entry.model_dump() == plain.entry.model_dump()
    assert compacted.entry.model_dump_json() == plain.entry.model_dump_json()
    mine, theirs = _models(compacted.entry), _models(plain.entry)
    assert list(mine) == list(theirs)
    for where, model in mine.items():
        assert type(model) is type(theirs[where]), where
        assert model.model_fields_set == theirs[where].model_fields_set, where
        assert isinstance(model.__pydantic_fields_set__, frozenset), where  # nothing can change it
        assert model.__dict__ == theirs[where].__dict__, where


@pytest.mark.unit
@pytest.mark.parametrize("jobs", [1, 2])  # 2: the records made by the parent from the workers' lines
def test_compacting_changes_no_record_and_shares_equal_plain_models(tmp_path: Path, jobs: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.machinery import cores

    monkeypatch.setattr(cores, "PARALLEL_FROM", 2)
    _entries(tmp_path / "docs")
    compacted = _load(tmp_path / "docs", tmp_path / "cache-a", jobs)
    with monkeypatch.context() as m:
        m.setattr(cat, "_compact", lambda model: None)
        plain = _load(tmp_path / "docs", tmp_path / "cache-b", jobs)
    assert compacted.diagnostics == plain.diagnostics
    assert sorted(compacted.records) == sorted(plain.records) == sorted(
        ["satu", "dua", "tiga", "empat", "lima", "enam", "tujuh"])
    for entry_id, record in plain.records.items():
        _same_record(record, compacted.records[entry_id])

    e = {entry_id: r.entry for entry_id, r in compacted.records.items()}
    # One agency and region: one model each, held by every entry that has them
    assert e["satu"].instansi is e["dua"].instansi is e["tiga"].instansi is e["tujuh"].instansi
    assert e["satu"].wilayah is e["dua"].wilayah is e["lima"].wilayah
    assert e["empat"].instansi is not e["satu"].instansi  # another kind of agency
    assert e["lima"].instansi is not e["satu"].instansi  # another name
    assert e["satu"].kontak is e["dua"].kontak
    if jobs == 1:  # made from the file: `telepon: null` is a field given, so another model
        assert e["tiga"].kontak is not e["satu"].kontak
        assert e["tiga"].kontak.model_fields_set != e["satu"].kontak.model_fields_set
    # and models of prose or numbers are never shared: each entry's own
    assert e["dua"].kebaruan is not None and e["dua"].manfaat is not None


@pytest.mark.unit
def test_the_plain_models_are_those_of_short_values_only() -> None:
    from generator import model as m

    cat._init_models()
    assert {m.Instansi, m.Wilayah, m.Kontak, m.TanggalInovasi, m.Dokumen, m.DasarHukum} <= cat._PLAIN
    # a float (1.0 == 1 as a key), prose, a list or a model inside: never shared whole
    assert not {m.Entry, m.Nilai, m.Manfaat, m.Kebaruan, m.PanduanReplikasi, m.Hasil, m.Keberlanjutan,
                m.Tautan} & cat._PLAIN


@pytest.mark.unit
@pytest.mark.parametrize("first", ["null-given", "plain"])
def test_equal_plain_models_share_whichever_kind_comes_first(first: str) -> None:
    """Two contacts with the same values, one giving `telepon: null` and one not: each shares with
    its own kind, in either order (the load's order follows the files' paths, and a contact with
    one more field given used to keep every later plain one from being shared)."""
    from generator.model import Kontak

    def made(**extra: Any) -> Kontak:
        return Kontak.model_validate({"jabatan": "Kepala Seksi", "email": "layanan@dinas.go.id", **extra})

    try:
        cat._SHARED.clear()
        kinds = {"null-given": lambda: made(telepon=None), "plain": made}
        order = [first] + [k for k in kinds if k != first]
        got = {kind: [cat._shared_model(kinds[kind]()) for _ in range(2)] for kind in order}
        for kind in order:
            a, b = got[kind]
            assert a is b, kind
        assert got["plain"][0] is not got["null-given"][0]
        assert got["plain"][0].model_fields_set == {"jabatan", "email"}
        assert got["null-given"][0].model_fields_set == {"jabatan", "email", "telepon"}
    finally:
        cat._SHARED.clear()
