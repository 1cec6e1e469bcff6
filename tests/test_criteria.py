"""The five criteria badges, rule by rule and band edge by band edge, with the sentences shown.

Run as a script for the speed check (not a timed test, machines differ):

    .venv/bin/python tests/test_criteria.py [N]

It validates N (default 32,000) varied entries, builds the replication index and reports the
µs per entry of `assess`; the issue's target is well under 60 µs.
"""

from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from helpers import replication_index

from generator import clock, criteria  # noqa: E402
from generator.criteria import (  # noqa: E402
    KEYS,
    Assessment,
    Badge,
    Missing,
    Replicator,
    TableError,
    assess,
    methodology,
    months_before,
)
from generator.criteria import table as criteria_table  # noqa: E402
from generator.model import Entry  # noqa: E402
from generator.text import angka, count_words  # noqa: E402

TODAY = date(2026, 6, 2)
OWNER = "Pemerintah Kabupaten Contoh"
WORDS_30 = " ".join(f"kata{i}" for i in range(30))
INDICATOR = {
    "indikator": "Waktu penerbitan KTP-el",
    "satuan": "hari",
    "sebelum": {"nilai": 14, "tanggal": "2020-01-01"},
    "sesudah": {"nilai": 1, "tanggal": "2021-01-01"},
    "sumber": "Laporan SIAK Dukcapil",
}
SECOND = {
    "indikator": "Antrean harian",
    "satuan": "orang",
    "sebelum": {"nilai": 1250, "tanggal": "2020-02-01"},
    "sesudah": {"nilai": 15, "tanggal": "2021-02-01"},
    "sumber": "Sistem antrean",
}
SURVEY = {"jenis": "survei_kepuasan", "judul": "Survei IKM", "tahun": 2024}
EXTERNAL = {"jenis": "eksternal", "judul": "Evaluasi Ombudsman", "tahun": 2025, "tautan": "https://ombudsman.go.id/e"}
LAW = {"jenis": "perkada", "nomor": "12", "tahun": 2022}
DOER = {"unit": "Dinas Dukcapil", "sk": "800/12/2023"}


def base() -> dict[str, Any]:
    return {
        "judul": "Layanan Contoh",
        "ringkasan": "Ringkasan inovasi contoh yang cukup panjang.",
        "instansi": {"nama": OWNER, "jenis": "pemkab"},
        "wilayah": {"provinsi": "jawa-timur", "kabupaten_kota": "Kabupaten Tulungagung", "kode": "35.04"},
        "tahapan": "penerapan",
        "status": "aktif",
        "tanggal": {"mulai": "2020-01-01", "penerapan": "2021-01-01"},
        "jenis": "digital",
        "bentuk": "pelayanan_publik",
        "urusan": ["kesehatan"],
        "masalah": "Masalah publik yang cukup panjang untuk diisi.",
        "diperbarui": "2026-06-01",
    }


def make(**overrides: Any) -> Entry:
    """A valid entry: the minimal dict plus overrides (None removes a key)."""
    data = base()
    for key, value in overrides.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return Entry.model_validate(data)


def run(entry: Entry, *, replicated_by: list[Replicator] | None = None, today: date = TODAY) -> Assessment:
    return assess(entry, replicated_by=replicated_by or [], today=today)


def badge(key: str, *, replicated_by: list[Replicator] | None = None, today: date = TODAY, **overrides: Any) -> Badge:
    return run(make(**overrides), replicated_by=replicated_by, today=today).kriteria[key]


def texts(items: list[Missing]) -> list[str]:
    """The sentences of "what is missing" items (their keys and snippets are tested apart)."""
    return [item.text for item in items]


def manfaat(dasar: str, nilai: float, bukti: str | None = "https://contoh.go.id/bukti") -> dict[str, Any]:
    out: dict[str, Any] = {"dasar": dasar, "nilai": nilai}
    if bukti:
        out["bukti"] = bukti
    return out


def keberlanjutan(**parts: Any) -> dict[str, Any]:
    return {k: v for k, v in parts.items() if v is not None}


FULL = {
    "kebaruan": {"jenis": "gagasan_baru", "uraian": WORDS_30},
    "penghargaan": [{"ajang": "kipp", "nama": "Top 45 KIPP", "tahun": 2023}],
    "hasil": [INDICATOR],
    "evaluasi": [EXTERNAL],
    "manfaat": manfaat("penerima", 1250),
    "panduan_replikasi": {"bentuk": "daring", "tautan": "https://contoh.go.id/panduan"},
    "keberlanjutan": {"dasar_hukum": [LAW], "anggaran": [2025, 2026], "pelaksana": DOER},
}


# --- clock --------------------------------------------------------------------------------------


class TestClock:
    @pytest.mark.unit
    def test_unset_is_the_calendar_date(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        assert clock.today() == date.today()

    @pytest.mark.unit
    def test_empty_counts_as_unset(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "  ")
        assert clock.today() == date.today()

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("0", date(1970, 1, 1)),
            ("1767225599", date(2025, 12, 31)),  # 23:59:59 UTC: the date is UTC's, not local
            ("1767225600", date(2026, 1, 1)),
            (" 1767225600\n", date(2026, 1, 1)),
        ],
    )
    def test_source_date_epoch_is_a_utc_date(self, monkeypatch: pytest.MonkeyPatch, raw: str, expected: date) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", raw)
        assert clock.today() == expected

    @pytest.mark.unit
    @pytest.mark.parametrize("raw", ["abc", "1.5", "-1", "1e9", "2026-01-01", "99999999999999999999"])
    def test_invalid_source_date_epoch_is_an_error(self, monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", raw)
        with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH.*tidak sah"):
            clock.today()

    @pytest.mark.unit
    def test_environment_can_be_passed(self) -> None:
        assert clock.today({"SOURCE_DATE_EPOCH": "1767225600"}) == date(2026, 1, 1)


# --- 1. kebaruan --------------------------------------------------------------------------------


class TestKebaruan:
    @pytest.mark.unit
    def test_absent(self) -> None:
        b = badge("kebaruan")
        assert (b.level, b.alasan) == (0, ["Kebaruan belum diuraikan"])
        assert texts(b.kurang) == ["Tambahkan kebaruan (jenis dan uraian minimal 30 kata) untuk naik ke level 1"]

    @pytest.mark.unit
    @pytest.mark.parametrize("jenis", ["gagasan_baru", "pendekatan_baru", "desain_kebijakan"])
    def test_new_kinds_are_level_2(self, jenis: str) -> None:
        b = badge("kebaruan", kebaruan={"jenis": jenis, "uraian": WORDS_30})
        assert b.level == 2
        assert b.alasan[0].endswith(", diuraikan dalam minimal 30 kata: bukti kuat")
        assert texts(b.kurang) == ["Tambahkan penghargaan KIPP, IGA atau UNPSA untuk naik ke level 3"]

    @pytest.mark.unit
    def test_reason_names_the_kind(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "pendekatan_baru", "uraian": WORDS_30})
        assert b.alasan == ["Pendekatan baru, diuraikan dalam minimal 30 kata: bukti kuat"]

    @pytest.mark.unit
    def test_29_words_is_0_and_30_is_enough(self) -> None:
        short = " ".join(WORDS_30.split()[:29])
        b = badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": short})
        assert (b.level, b.alasan) == (0, ["Uraian kebaruan baru 29 kata (minimal 30)"])
        assert texts(b.kurang) == ["Lengkapi uraian kebaruan hingga minimal 30 kata untuk naik ke level 2"]
        assert badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": WORDS_30}).level == 2

    @pytest.mark.unit
    def test_punctuation_is_not_a_word(self) -> None:
        text = " ".join(WORDS_30.split()[:29]) + " - • —"
        assert badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": text}).level == 0
        text = " ".join(WORDS_30.split()[:29]) + " KTP-el,"
        assert badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": text}).level == 2

    @pytest.mark.unit
    def test_many_lone_punctuation_marks_do_not_make_words(self) -> None:
        text = " ".join(WORDS_30.split()[:29]) + " -" * 40
        b = badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": text})
        assert b.alasan == ["Uraian kebaruan baru 29 kata (minimal 30)"]
        assert count_words(text) == 29
        assert count_words(WORDS_30 * 3, 30) == 30

    @pytest.mark.unit
    def test_inisiatif_is_0(self) -> None:
        b = badge("kebaruan", tahapan="inisiatif", tanggal={"mulai": "2020-01-01"},
                  kebaruan={"jenis": "gagasan_baru", "uraian": WORDS_30})
        assert b.level == 0
        assert b.alasan == ["Tahapan inisiatif: kebaruan dinilai mulai tahapan uji coba atau penerapan"]
        assert texts(b.kurang) == ["Lanjutkan inovasi ke tahapan uji coba atau penerapan untuk naik ke level 2"]

    @pytest.mark.unit
    def test_uji_coba_is_assessed(self) -> None:
        b = badge("kebaruan", tahapan="uji_coba", kebaruan={"jenis": "gagasan_baru", "uraian": WORDS_30})
        assert b.level == 2

    @pytest.mark.unit
    def test_modifikasi_needs_its_origin(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "modifikasi", "uraian": WORDS_30})
        assert b.level == 0
        assert b.alasan == ["Jenis modifikasi (replikasi yang dikembangkan) tanpa inovasi asal"]
        assert texts(b.kurang) == ["Sebutkan inovasi asal yang dimodifikasi di replikasi_dari untuk naik ke level 1"]

    @pytest.mark.unit
    def test_modifikasi_is_level_1(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "modifikasi", "uraian": WORDS_30},
                  replikasi_dari=[{"inovasi": "kota-asal-layanan"},
                                  {"instansi": "Pemkot Surabaya", "tautan": "https://surabaya.go.id/x"}])
        assert b.level == 1
        assert b.alasan == ["Modifikasi (replikasi yang dikembangkan), diuraikan dalam minimal 30 kata: bukti awal",
                            "Inovasi asal: kota-asal-layanan dan Pemkot Surabaya"]
        assert texts(b.kurang) == ["Tambahkan penghargaan KIPP, IGA atau UNPSA untuk naik ke level 2"]

    @pytest.mark.unit
    @pytest.mark.parametrize("ajang", ["kipp", "iga", "unpsa"])
    def test_award_adds_one(self, ajang: str) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": WORDS_30},
                  penghargaan=[{"ajang": ajang, "nama": "Top 45", "tahun": 2023}])
        assert (b.level, b.kurang) == (3, [])
        assert b.alasan[1] == f"Penghargaan {ajang.upper()} 2023: Top 45 (naik 1 tingkat)"

    @pytest.mark.unit
    def test_other_awards_do_not_count(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": WORDS_30},
                  penghargaan=[{"ajang": "lainnya", "nama": "Anugerah Provinsi", "tahun": 2023}])
        assert b.level == 2

    @pytest.mark.unit
    def test_two_awards_add_one_once(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "modifikasi", "uraian": WORDS_30},
                  replikasi_dari=[{"inovasi": "asal"}],
                  penghargaan=[{"ajang": "kipp", "nama": "Top 45", "tahun": 2023},
                               {"ajang": "iga", "nama": "Terinovatif", "tahun": 2024}])
        assert b.level == 2
        assert b.alasan[-1] == "Penghargaan KIPP 2023: Top 45 dan 1 lainnya (naik 1 tingkat)"
        assert texts(b.kurang) == ["Level 3 hanya untuk kebaruan gagasan baru, pendekatan baru atau desain kebijakan baru "
                            "yang meraih penghargaan KIPP, IGA atau UNPSA"]

    @pytest.mark.unit
    def test_award_does_not_lift_a_zero(self) -> None:
        b = badge("kebaruan", kebaruan={"jenis": "gagasan_baru", "uraian": "terlalu pendek"},
                  penghargaan=[{"ajang": "kipp", "nama": "Top 45", "tahun": 2023}])
        assert b.level == 0
        assert texts(b.kurang) == ["Lengkapi uraian kebaruan hingga minimal 30 kata untuk naik ke level 3"]

    @pytest.mark.unit
    def test_every_blocker_is_named(self) -> None:
        b = badge("kebaruan", tahapan="inisiatif", tanggal={"mulai": "2020-01-01"},
                  kebaruan={"jenis": "modifikasi", "uraian": "pendek"})
        assert b.level == 0
        assert len(b.alasan) == len(b.kurang) == 3


# --- 2. efektif ---------------------------------------------------------------------------------


def indicator(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(INDICATOR)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


LATER = "tanggal sesudah yang lebih akhir dari tanggal sebelum"


class TestEfektif:
    @pytest.mark.unit
    def test_no_results(self) -> None:
        b = badge("efektif")
        assert (b.level, b.alasan) == (0, ["Belum ada indikator hasil terukur"])
        assert texts(b.kurang) == ["Tambahkan indikator hasil dengan nilai dan tanggal sebelum dan sesudah serta sumber "
                            "datanya untuk naik ke level 1"]

    @pytest.mark.unit
    def test_one_measured_indicator_is_level_1(self) -> None:
        b = badge("efektif", hasil=[INDICATOR])
        assert b.level == 1
        assert b.alasan == ["1 indikator terukur: Waktu penerbitan KTP-el 14 → 1 hari"]
        assert texts(b.kurang) == ["Tambahkan indikator terukur kedua atau survei kepuasan masyarakat untuk naik ke level 2"]

    @pytest.mark.unit
    def test_needs_penerapan(self) -> None:
        b = badge("efektif", tahapan="uji_coba", hasil=[INDICATOR])
        assert b.level == 0
        assert b.alasan == ["Tahapan uji coba: efektivitas dinilai pada tahapan penerapan"]
        assert texts(b.kurang) == ["Terapkan inovasi hingga tahapan penerapan untuk naik ke level 1"]

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("changes", "gap"),
        [
            ({"sebelum": None}, "nilai sebelum"),
            ({"sesudah": None}, "nilai sesudah"),
            ({"sebelum": {"nilai": 14}}, "tanggal pengukuran sebelum"),
            ({"sesudah": {"nilai": 1}}, "tanggal pengukuran sesudah"),
            ({"sesudah": {"nilai": 1, "tanggal": "2020-01-01"}}, LATER),  # the same day
            ({"sesudah": {"nilai": 1, "tanggal": "2019-12-31"}}, LATER),
            ({"sumber": None}, "sumber data"),
        ],
    )
    def test_an_incomplete_indicator_does_not_count(self, changes: dict[str, Any], gap: str) -> None:
        b = badge("efektif", hasil=[indicator(**changes)])
        assert b.level == 0
        assert b.alasan == ["Belum ada indikator hasil yang lengkap (1 indikator belum lengkap)"]
        assert texts(b.kurang) == [f"Lengkapi indikator “Waktu penerbitan KTP-el” dengan {gap} untuk naik ke level 1"]

    @pytest.mark.unit
    def test_after_by_one_day_counts(self) -> None:
        b = badge("efektif", hasil=[indicator(sesudah={"nilai": 1, "tanggal": "2020-01-02"})])
        assert b.level == 1

    @pytest.mark.unit
    def test_each_gap_is_its_own_item_with_its_key(self) -> None:
        b = badge("efektif", hasil=[indicator(sumber=None, sebelum={"nilai": 14})])
        assert texts(b.kurang) == [
            "Lengkapi indikator “Waktu penerbitan KTP-el” dengan tanggal pengukuran sebelum untuk naik ke level 1",
            "Lengkapi indikator “Waktu penerbitan KTP-el” dengan sumber data untuk naik ke level 1"]
        assert [m.key for m in b.kurang] == ["hasil[].sebelum.tanggal", "hasil[].sumber"]
        assert b.kurang[0].snippet == ("hasil:\n  - indikator: Waktu penerbitan KTP-el\n    sebelum:\n"
                                       "      tanggal: 2023-01-01")

    @pytest.mark.unit
    def test_two_measured_indicators_are_level_2(self) -> None:
        b = badge("efektif", hasil=[INDICATOR, SECOND])
        assert b.level == 2
        assert b.alasan == ["2 indikator terukur: Waktu penerbitan KTP-el 14 → 1 hari; "
                            "Antrean harian 1.250 → 15 orang"]
        assert texts(b.kurang) == ["Tambahkan evaluasi eksternal dengan tautan untuk naik ke level 3"]

    @pytest.mark.unit
    def test_satisfaction_survey_plus_one_is_level_2(self) -> None:
        b = badge("efektif", hasil=[INDICATOR], evaluasi=[SURVEY])
        assert b.level == 2
        assert b.alasan[1] == "Survei kepuasan masyarakat: Survei IKM (2024)"

    @pytest.mark.unit
    def test_satisfaction_survey_alone_is_0(self) -> None:
        b = badge("efektif", evaluasi=[SURVEY])
        assert b.level == 0
        assert b.kurang[0].text.endswith("untuk naik ke level 2")

    @pytest.mark.unit
    def test_internal_evaluation_does_not_count(self) -> None:
        b = badge("efektif", hasil=[INDICATOR], evaluasi=[{"jenis": "internal", "judul": "Monev", "tahun": 2024}])
        assert b.level == 1

    @pytest.mark.unit
    def test_linked_external_evaluation_plus_one_is_level_3(self) -> None:
        b = badge("efektif", hasil=[INDICATOR], evaluasi=[EXTERNAL])
        assert (b.level, b.kurang) == (3, [])
        assert b.alasan == ["1 indikator terukur: Waktu penerbitan KTP-el 14 → 1 hari",
                            "Evaluasi eksternal: Evaluasi Ombudsman (2025)"]

    @pytest.mark.unit
    def test_external_evaluation_without_link_is_named(self) -> None:
        unlinked = {k: v for k, v in EXTERNAL.items() if k != "tautan"}
        b = badge("efektif", hasil=[INDICATOR, SECOND], evaluasi=[unlinked])
        assert b.level == 2
        assert texts(b.kurang) == ["Tambahkan tautan pada evaluasi eksternal “Evaluasi Ombudsman” untuk naik ke level 3"]
        assert badge("efektif", hasil=[INDICATOR], evaluasi=[unlinked]).level == 1

    @pytest.mark.unit
    def test_external_evaluation_without_indicator_is_0(self) -> None:
        b = badge("efektif", evaluasi=[EXTERNAL])
        assert b.level == 0
        assert b.kurang[0].text.endswith("untuk naik ke level 3")

    @pytest.mark.unit
    def test_incomplete_second_indicator_is_pointed_at(self) -> None:
        b = badge("efektif", hasil=[INDICATOR, indicator(indikator="Biaya", sumber=None)])
        assert b.level == 1
        assert b.kurang[1].text == "Lengkapi indikator “Biaya” dengan sumber data untuk naik ke level 2"

    @pytest.mark.unit
    def test_many_indicators_are_summarised(self) -> None:
        many = [indicator(indikator=f"Indikator {i}", satuan="%") for i in range(5)]
        b = badge("efektif", hasil=many)
        assert b.alasan[0] == ("5 indikator terukur: Indikator 0 14 → 1%; Indikator 1 14 → 1%; "
                               "Indikator 2 14 → 1%; dan 2 lainnya")

    @pytest.mark.unit
    def test_direction_is_not_judged(self) -> None:
        same = indicator(sesudah={"nilai": 14, "tanggal": "2021-01-01"})
        assert badge("efektif", hasil=[same]).level == 1


# --- 3. bermanfaat ------------------------------------------------------------------------------

BANDS = [
    # dasar, nilai, level, reason
    ("penerima", 0, 0, "Manfaat: 0 penerima, di bawah pita level 1 (1–200)"),
    ("penerima", 1, 1, "Manfaat: 1 penerima (1–200)"),
    ("penerima", 200, 1, "Manfaat: 200 penerima (1–200)"),
    ("penerima", 201, 2, "Manfaat: 201 penerima (201–500)"),
    ("penerima", 500, 2, "Manfaat: 500 penerima (201–500)"),
    ("penerima", 501, 3, "Manfaat: 501 penerima (≥ 501)"),
    ("penerima", 1250, 3, "Manfaat: 1.250 penerima (≥ 501)"),
    ("cakupan", 4.99, 0, "Manfaat: cakupan 4,99%, di bawah pita level 1 (5–< 20%)"),
    ("cakupan", 5, 1, "Manfaat: cakupan 5% (5–< 20%)"),
    ("cakupan", 19.99, 1, "Manfaat: cakupan 19,99% (5–< 20%)"),
    ("cakupan", 20, 2, "Manfaat: cakupan 20% (20–50%)"),
    ("cakupan", 50, 2, "Manfaat: cakupan 50% (20–50%)"),
    ("cakupan", 50.01, 3, "Manfaat: cakupan 50,01% (> 50%)"),
    ("efisiensi", 0, 0, "Manfaat: efisiensi anggaran 0%, di bawah pita level 1 (> 0–< 10%)"),
    ("efisiensi", 0.5, 1, "Manfaat: efisiensi anggaran 0,5% (> 0–< 10%)"),
    ("efisiensi", 9.99, 1, "Manfaat: efisiensi anggaran 9,99% (> 0–< 10%)"),
    ("efisiensi", 10, 2, "Manfaat: efisiensi anggaran 10% (10–< 20%)"),
    ("efisiensi", 19.99, 2, "Manfaat: efisiensi anggaran 19,99% (10–< 20%)"),
    ("efisiensi", 20, 3, "Manfaat: efisiensi anggaran 20% (≥ 20%)"),
    ("pendapatan", 0, 0, "Manfaat: peningkatan pendapatan 0%, di bawah pita level 1 (> 0–< 10%)"),
    ("pendapatan", 0.01, 1, "Manfaat: peningkatan pendapatan 0,01% (> 0–< 10%)"),
    ("pendapatan", 10, 2, "Manfaat: peningkatan pendapatan 10% (10–< 20%)"),
    ("pendapatan", 20, 3, "Manfaat: peningkatan pendapatan 20% (≥ 20%)"),
    ("produk", 0, 0, "Manfaat: 0 produk/layanan, di bawah pita level 1 (1–100)"),
    ("produk", 1, 1, "Manfaat: 1 produk/layanan (1–100)"),
    ("produk", 100, 1, "Manfaat: 100 produk/layanan (1–100)"),
    ("produk", 101, 2, "Manfaat: 101 produk/layanan (101–200)"),
    ("produk", 200, 2, "Manfaat: 200 produk/layanan (101–200)"),
    ("produk", 201, 3, "Manfaat: 201 produk/layanan (> 200)"),
    ("tren", 0, 0, "Manfaat: tren meningkat 0 periode, di bawah pita level 1 (1)"),
    ("tren", 1, 1, "Manfaat: tren meningkat 1 periode (1)"),
    ("tren", 2, 2, "Manfaat: tren meningkat 2 periode (2)"),
    ("tren", 3, 3, "Manfaat: tren meningkat 3 periode (≥ 3)"),
    ("tren", 7, 3, "Manfaat: tren meningkat 7 periode (≥ 3)"),
]


class TestBermanfaat:
    @pytest.mark.unit
    def test_absent(self) -> None:
        b = badge("bermanfaat")
        assert (b.level, b.alasan) == (0, ["Manfaat belum diukur"])
        assert texts(b.kurang) == ["Ukur manfaat dengan satu dasar (penerima, cakupan, efisiensi, pendapatan, produk atau "
                            "tren) beserta nilai dan tautan buktinya untuk naik ke level 1"]

    @pytest.mark.unit
    @pytest.mark.parametrize(("dasar", "nilai", "level", "reason"), BANDS)
    def test_band_edges(self, dasar: str, nilai: float, level: int, reason: str) -> None:
        b = badge("bermanfaat", manfaat=manfaat(dasar, nilai))
        assert (b.level, b.alasan) == (level, [reason])
        assert (b.kurang == []) == (level == 3)

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("dasar", "nilai", "hint"),
        [
            ("penerima", 0, "Tunjukkan minimal 1 penerima untuk naik ke level 1 (saat ini 0 penerima)"),
            ("penerima", 200, "Tunjukkan minimal 201 penerima untuk naik ke level 2 (saat ini 200 penerima)"),
            ("penerima", 500, "Tunjukkan minimal 501 penerima untuk naik ke level 3 (saat ini 500 penerima)"),
            ("cakupan", 35, "Tunjukkan cakupan lebih dari 50% untuk naik ke level 3 (saat ini cakupan 35%)"),
            ("efisiensi", 0, "Tunjukkan efisiensi anggaran lebih dari 0% untuk naik ke level 1 "
                             "(saat ini efisiensi anggaran 0%)"),
            ("produk", 150, "Tunjukkan lebih dari 200 produk/layanan untuk naik ke level 3 "
                            "(saat ini 150 produk/layanan)"),
            ("tren", 2, "Tunjukkan tren meningkat minimal 3 periode untuk naik ke level 3 "
                        "(saat ini tren meningkat 2 periode)"),
        ],
    )
    def test_next_band_hint(self, dasar: str, nilai: float, hint: str) -> None:
        assert texts(badge("bermanfaat", manfaat=manfaat(dasar, nilai)).kurang) == [hint]

    @pytest.mark.unit
    def test_needs_bukti(self) -> None:
        b = badge("bermanfaat", manfaat=manfaat("penerima", 1250, bukti=None))
        assert (b.level, b.alasan) == (0, ["Bukti manfaat belum ditautkan"])
        assert texts(b.kurang) == ["Tambahkan tautan bukti manfaat untuk naik ke level 3"]

    @pytest.mark.unit
    def test_needs_nilai(self) -> None:
        b = badge("bermanfaat", manfaat={"dasar": "cakupan", "bukti": "https://contoh.go.id/b"})
        assert (b.level, b.alasan) == (0, ["Nilai manfaat (cakupan layanan) belum diisi"])
        assert texts(b.kurang) == ["Isi nilai manfaat (cakupan layanan) untuk naik ke level 1"]

    @pytest.mark.unit
    def test_infinite_value_never_reaches_the_badge(self) -> None:
        with pytest.raises(ValidationError, match="finite"):
            badge("bermanfaat", manfaat=manfaat("penerima", float("inf")))


# --- 4. dapat ditransfer ------------------------------------------------------------------------

PROOF = "https://contoh.go.id/pks"
OWN_EVIDENCE = [{"jenis": "internal", "judul": "Monev replikasi", "tahun": 2025, "tautan": "https://contoh.go.id/monev"}]


def counted(entry_id: str, instansi: str) -> Replicator:
    """A catalogue replication that meets the rule: in penerapan, with evidence of its own."""
    return Replicator(entry_id, instansi, "penerapan", True)


def claimed(agencies: int) -> str:
    """The transfer badge's sentence when no counted replication is confirmed by its origin."""
    if agencies == 1:
        return "Replikasi yang dihitung baru diklaim instansi yang mereplikasi, belum dikonfirmasi instansi asal"
    return (f"Semua {agencies} replikasi yang dihitung baru diklaim instansi yang mereplikasi, belum dikonfirmasi "
            "instansi asal")


class TestDapatDitransfer:
    @pytest.mark.unit
    def test_nothing(self) -> None:
        b = badge("dapat_ditransfer")
        assert (b.level, b.alasan) == (0, ["Belum direplikasi instansi lain dan belum ada panduan replikasi"])
        assert texts(b.kurang) == ["Sediakan panduan replikasi cetak, elektronik atau daring, atau buktikan replikasi oleh "
                            "minimal 1 instansi lain, untuk naik ke level 1"]

    @pytest.mark.unit
    @pytest.mark.parametrize(("bentuk", "level"), [("cetak", 1), ("elektronik", 2), ("daring", 3)])
    def test_ready_track(self, bentuk: str, level: int) -> None:
        b = badge("dapat_ditransfer", panduan_replikasi={"bentuk": bentuk, "tautan": "https://contoh.go.id/p"})
        assert b.level == level
        assert b.alasan == [f"Panduan replikasi {bentuk} tersedia (jalur kesiapan: {criteria.level_name('dapat_ditransfer', level)})"]

    @pytest.mark.unit
    def test_ready_track_hint(self) -> None:
        b = badge("dapat_ditransfer", panduan_replikasi={"bentuk": "cetak"})
        assert texts(b.kurang) == ["Sediakan panduan replikasi elektronik atau daring, atau buktikan replikasi oleh minimal "
                            "2 instansi lain, untuk naik ke level 2"]

    @pytest.mark.unit
    @pytest.mark.parametrize(("agencies", "level"), [(1, 1), (2, 2), (3, 3), (4, 3)])
    def test_replicated_track(self, agencies: int, level: int) -> None:
        reps = [counted(f"entri-{i}", f"Pemerintah Kota {i}") for i in range(agencies)]
        b = badge("dapat_ditransfer", replicated_by=reps)
        assert b.level == level
        assert b.alasan[0].startswith(f"Direplikasi oleh {agencies} instansi lain: Pemerintah Kota 0")
        assert b.alasan[0].endswith(f"(jalur replikasi: {criteria.level_name('dapat_ditransfer', level)})")

    @pytest.mark.unit
    def test_reason_names_the_agencies(self) -> None:
        reps = [counted("a", "Pemkot Blitar"), counted("b", "Pemkab Kediri")]
        b = badge("dapat_ditransfer", replicated_by=reps)
        assert b.alasan == ["Direplikasi oleh 2 instansi lain: Pemkot Blitar dan Pemkab Kediri (jalur replikasi: "
                            "bukti kuat)", claimed(2)]
        assert texts(b.kurang) == ["Sediakan panduan replikasi daring, atau buktikan replikasi oleh minimal 3 instansi lain "
                            "(saat ini 2), untuk naik ke level 3"]

    @pytest.mark.unit
    def test_one_agency_counts_once(self) -> None:
        reps = [counted("a", "Pemkot Blitar"), counted("b", "  PEMKOT   blitar "),
                counted("c", "pemkot blitar")]
        b = badge("dapat_ditransfer", replicated_by=reps)
        assert b.level == 1
        assert b.alasan == ["Direplikasi oleh 1 instansi lain: Pemkot Blitar (jalur replikasi: bukti awal)", claimed(1)]

    @pytest.mark.unit
    def test_own_agency_never_counts(self) -> None:
        reps = [counted("a", OWNER.upper()), counted("b", "Pemkot Blitar")]
        b = badge("dapat_ditransfer", replicated_by=reps,
                  replikasi_oleh=[{"instansi": f" {OWNER} ", "tahun": 2024, "bukti": PROOF}])
        assert b.level == 1

    @pytest.mark.unit
    def test_outside_replication_needs_proof(self) -> None:
        b = badge("dapat_ditransfer", replikasi_oleh=[{"instansi": "Pemkot Malang", "tahun": 2024}])
        assert b.level == 0
        assert b.kurang[0].text == "Tambahkan bukti (MoU, PKS atau SK) replikasi oleh Pemkot Malang untuk naik ke level 1"

        b = badge("dapat_ditransfer", replikasi_oleh=[{"instansi": "Pemkot Malang", "tahun": 2024, "bukti": PROOF}])
        assert b.level == 1
        # The origin names it with its agreement: both sides say so.
        assert b.alasan == ["Direplikasi oleh 1 instansi lain: Pemkot Malang (jalur replikasi: bukti awal)",
                            "Replikasi yang dihitung dikonfirmasi kedua pihak"]

    @pytest.mark.unit
    def test_both_sources_count_an_agency_once(self) -> None:
        b = badge("dapat_ditransfer", replicated_by=[counted("a", "Pemkot Malang")],
                  replikasi_oleh=[{"instansi": "PEMKOT MALANG", "tahun": 2024, "bukti": PROOF},
                                  {"instansi": "Pemkab Jember", "tahun": 2025, "bukti": PROOF}])
        assert b.level == 2

    @pytest.mark.unit
    def test_unproven_hint_only_when_it_would_raise_the_level(self) -> None:
        b = badge("dapat_ditransfer", panduan_replikasi={"bentuk": "daring", "tautan": "https://contoh.go.id/p"},
                  replikasi_oleh=[{"instansi": "Pemkot Malang", "tahun": 2024}])
        assert (b.level, b.kurang) == (3, [])

    @pytest.mark.unit
    def test_higher_track_wins_and_leads(self) -> None:
        b = badge("dapat_ditransfer", replicated_by=[counted("a", "Pemkot Blitar")],
                  panduan_replikasi={"bentuk": "elektronik", "tautan": "https://contoh.go.id/p"})
        assert b.level == 2
        assert b.alasan == ["Panduan replikasi elektronik tersedia (jalur kesiapan: bukti kuat)",
                            "Direplikasi oleh 1 instansi lain: Pemkot Blitar (jalur replikasi: bukti awal)", claimed(1)]

    @pytest.mark.unit
    def test_tie_puts_replication_first(self) -> None:
        b = badge("dapat_ditransfer", replicated_by=[counted("a", "Pemkot Blitar")],
                  panduan_replikasi={"bentuk": "cetak"})
        assert b.level == 1
        assert b.alasan[0].endswith("(jalur replikasi: bukti awal)")

    @pytest.mark.unit
    def test_many_agencies_are_summarised(self) -> None:
        reps = [counted(f"e{i}", f"Pemkot {i}") for i in range(7)]
        b = badge("dapat_ditransfer", replicated_by=reps)
        assert b.alasan == ["Direplikasi oleh 7 instansi lain: Pemkot 0, Pemkot 1, Pemkot 2, Pemkot 3, Pemkot 4 dan "
                            "2 lainnya (jalur replikasi: bukti sangat kuat)", claimed(7)]


class TestReplicationIndex:
    @staticmethod
    def replica(agency: str, *targets: str, draf: bool = False, **overrides: Any) -> Entry:
        return make(instansi={"nama": agency, "jenis": "pemkot"},
                    replikasi_dari=[{"inovasi": t} for t in targets], draf=draf,
                    **{"evaluasi": OWN_EVIDENCE, **overrides})

    @pytest.mark.unit
    def test_published_entries_naming_the_id(self) -> None:
        index = replication_index([
            ("asal", make()),
            ("b-kota", self.replica("Pemkot B", "asal")),
            ("a-kota", self.replica("Pemkot A", "asal", "lain")),
            ("bukan", make()),
        ])
        assert index == {
            "asal": [counted("a-kota", "Pemkot A"), counted("b-kota", "Pemkot B")],
            "lain": [counted("a-kota", "Pemkot A")],
        }

    @pytest.mark.unit
    def test_a_draft_that_replicates_does_not_count(self) -> None:
        index = replication_index([("asal", make()), ("draf", self.replica("Pemkot B", "asal", draf=True))])
        assert index == {}
        assert run(make(), replicated_by=index.get("asal", [])).kriteria["dapat_ditransfer"].level == 0

    @pytest.mark.unit
    def test_naming_the_same_id_twice_is_one_replicator(self) -> None:
        index = replication_index([("b", self.replica("Pemkot B", "asal", "asal"))])
        assert index == {"asal": [counted("b", "Pemkot B")]}

    @pytest.mark.unit
    def test_an_entry_does_not_replicate_itself(self) -> None:
        assert replication_index([("asal", self.replica("Pemkot B", "asal"))]) == {}

    @pytest.mark.unit
    def test_a_replication_counts_once_per_agency_not_per_entry(self) -> None:
        index = replication_index([
            ("asal", make()),
            ("blitar-1", self.replica("Pemerintah Kota Blitar", "asal")),
            ("blitar-2", self.replica("pemerintah  kota BLITAR", "asal")),
            ("sendiri", self.replica(OWNER, "asal")),
        ])
        assert len(index["asal"]) == 3  # every entry is listed on the page…
        b = run(make(), replicated_by=index["asal"]).kriteria["dapat_ditransfer"]
        assert b.level == 1  # …but the badge counts one other agency
        assert b.alasan == ["Direplikasi oleh 1 instansi lain: Pemerintah Kota Blitar (jalur replikasi: bukti awal)",
                            claimed(1), f"sendiri ({OWNER}) belum dihitung: instansi yang sama"]
        assert b.replikasi == (("blitar-1", ""), ("blitar-2", ""), ("sendiri", "instansi yang sama"))


# --- 5. berkelanjutan ---------------------------------------------------------------------------


class TestBerkelanjutan:
    @pytest.mark.unit
    def test_nothing(self) -> None:
        b = badge("berkelanjutan")
        assert b.level == 0
        assert b.alasan == ["Belum ada bukti keberlanjutan (dasar hukum, anggaran dan organisasi pelaksana)"]
        assert texts(b.kurang) == [
            "Tambahkan dasar hukum (misalnya SK atau peraturan kepala daerah) untuk naik ke level 1",
            "Tambahkan anggaran minimal 2 tahun berturut-turut hingga 2025 atau 2026 untuk naik ke level 1",
            "Tambahkan unit pelaksana dan nomor SK pelaksana untuk naik ke level 1",
        ]

    @pytest.mark.unit
    def test_stopped_is_0_whatever_the_evidence(self) -> None:
        b = badge("berkelanjutan", status="berhenti",
                  tanggal={"mulai": "2020-01-01", "penerapan": "2021-01-01", "berhenti": "2025-03-01"},
                  keberlanjutan=FULL["keberlanjutan"])
        assert b.level == 0
        assert b.alasan == ["Inovasi berstatus berhenti sejak 2025-03-01"]
        assert texts(b.kurang) == ["Lencana berkelanjutan hanya untuk inovasi yang masih berjalan"]

    @pytest.mark.unit
    def test_legal_basis(self) -> None:
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(dasar_hukum=[LAW]))
        assert b.level == 1
        assert b.alasan == ["Dasar hukum: Peraturan Kepala Daerah Nomor 12 Tahun 2022"]
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(dasar_hukum=[
            {"jenis": "lainnya", "nomor": "7", "tahun": 2021, "judul": "Surat Edaran Bupati"}, LAW]))
        assert b.alasan == ["Dasar hukum: Surat Edaran Bupati Nomor 7 Tahun 2021 dan 1 lainnya"]

    @pytest.mark.unit
    def test_organisation_needs_unit_and_sk(self) -> None:
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(pelaksana=DOER))
        assert (b.level, b.alasan) == (1, ["Organisasi pelaksana: Dinas Dukcapil (SK 800/12/2023)"])
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(pelaksana={"unit": "Dinas Dukcapil"}))
        assert b.level == 0
        assert b.kurang[-1].text == "Tambahkan nomor SK pelaksana untuk naik ke level 1"
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(pelaksana={"sk": "1/2023"}))
        assert b.kurang[-1].text == "Tambahkan unit pelaksana untuk naik ke level 1"

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("years", "today", "run"),
        [
            ([2023, 2025], date(2026, 6, 2), None),  # a gap
            ([2024, 2025], date(2026, 6, 2), "2 tahun berturut-turut: 2024–2025"),  # ends last year
            ([2025, 2026], date(2026, 6, 2), "2 tahun berturut-turut: 2025–2026"),  # ends this year
            ([2022, 2023], date(2026, 6, 2), None),  # too old
            ([2026], date(2026, 6, 2), None),  # a single year
            ([2025, 2024, 2025], date(2026, 6, 2), "2 tahun berturut-turut: 2024–2025"),  # order, repeats
            ([2021, 2022, 2023, 2024, 2025], date(2026, 1, 1), "5 tahun berturut-turut: 2021–2025"),
            ([2025, 2026, 2027], date(2026, 6, 2), "2 tahun berturut-turut: 2025–2026"),  # 2027 is a plan
            ([2026, 2027], date(2026, 6, 2), None),
            ([2023, 2024, 2026], date(2026, 6, 2), None),
            ([2024, 2025], date(2027, 1, 1), None),  # a year later the same budget is too old
        ],
    )
    def test_budget_years(self, years: list[int], today: date, run: str | None) -> None:
        b = badge("berkelanjutan", today=today, keberlanjutan=keberlanjutan(anggaran=years))
        if run is None:
            shown = ", ".join(str(y) for y in sorted(set(years)))
            assert (b.level, b.kurang[1].text) == (0, f"Tambahkan anggaran minimal 2 tahun berturut-turut hingga "
                                                 f"{today.year - 1} atau {today.year} (saat ini: {shown}) "
                                                 "untuk naik ke level 1")
        else:
            assert (b.level, b.alasan) == (1, [f"Anggaran {run}"])

    @pytest.mark.unit
    def test_one_level_per_pillar(self) -> None:
        b = badge("berkelanjutan", keberlanjutan=keberlanjutan(dasar_hukum=[LAW], anggaran=[2025, 2026]))
        assert b.level == 2
        assert texts(b.kurang) == ["Tambahkan unit pelaksana dan nomor SK pelaksana untuk naik ke level 3"]
        b = badge("berkelanjutan", keberlanjutan=FULL["keberlanjutan"])
        assert (b.level, b.kurang) == (3, [])
        assert b.alasan == ["Dasar hukum: Peraturan Kepala Daerah Nomor 12 Tahun 2022",
                            "Anggaran 2 tahun berturut-turut: 2025–2026",
                            "Organisasi pelaksana: Dinas Dukcapil (SK 800/12/2023)"]


# --- the assessment -----------------------------------------------------------------------------


class TestAssessment:
    @pytest.mark.unit
    def test_full_entry(self) -> None:
        a = run(make(**FULL), replicated_by=[])
        assert [b.level for b in a.kriteria.values()] == [3, 3, 3, 3, 3]
        assert (a.lengkap, a.skor) == (True, 15)
        assert all(b.kurang == [] for b in a.kriteria.values())

    @pytest.mark.unit
    def test_order_and_labels(self) -> None:
        a = run(make())
        assert list(a.kriteria) == list(KEYS)
        assert [b.label for b in a.kriteria.values()] == [
            "Kebaruan", "Efektif", "Bermanfaat", "Dapat Ditransfer", "Berkelanjutan"]

    @pytest.mark.unit
    def test_lengkap_needs_all_five(self) -> None:
        a = run(make(**{**FULL, "manfaat": manfaat("penerima", 0)}))
        assert (a.lengkap, a.skor) == (False, 12)
        a = run(make(**{**FULL, "manfaat": manfaat("penerima", 1)}))
        assert (a.lengkap, a.skor) == (True, 13)

    @pytest.mark.unit
    def test_json_shape(self) -> None:
        data = run(make(**FULL)).to_json("tulungagung-adminduk")
        assert list(data) == ["id", "kriteria", "lengkap", "skor"]
        assert data["id"] == "tulungagung-adminduk"
        assert list(data["kriteria"]) == list(KEYS)
        for item in data["kriteria"].values():
            assert list(item) == ["level", "nama_level", "alasan", "kurang"]
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
        assert data["kriteria"]["bermanfaat"] == {"level": 3, "nama_level": "bukti sangat kuat",
                                                  "alasan": ["Manfaat: 1.250 penerima (≥ 501)"], "kurang": []}

    @pytest.mark.unit
    def test_pure(self) -> None:
        entry = make(**FULL)
        before = entry.model_dump()
        reps = [counted("a", "Pemkot A")]
        first = run(entry, replicated_by=reps).to_json("x")
        assert run(entry, replicated_by=reps).to_json("x") == first
        assert entry.model_dump() == before
        assert reps == [counted("a", "Pemkot A")]

    @pytest.mark.unit
    def test_months_before(self) -> None:
        assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
        assert months_before(date(2026, 1, 15), 12) == date(2025, 1, 15)
        assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("value", "text"),
        [(1250, "1.250"), (1250.0, "1.250"), (1234567, "1.234.567"), (35.5, "35,5"), (1234.567, "1.234,57"),
         (0.25, "0,25"), (0, "0"), (-3, "-3"), (0.001, "0,001")],
    )
    def test_indonesian_numbers(self, value: float, text: str) -> None:
        assert angka(value) == text

    @pytest.mark.unit
    def test_invariants_over_varied_entries(self) -> None:
        rng = random.Random(7)
        items = [(f"entri-{i}", Entry.model_validate(varied(rng, i))) for i in range(600)]
        index = replication_index(items)
        for entry_id, entry in items:
            a = assess(entry, replicated_by=index.get(entry_id, []), today=TODAY)
            assert a.skor == sum(b.level for b in a.kriteria.values())
            assert a.lengkap == all(b.level for b in a.kriteria.values())
            for b in a.kriteria.values():
                assert 0 <= b.level <= 3
                assert b.alasan, (entry_id, b)
                assert (b.kurang == []) == (b.level == 3), (entry_id, b)
                assert all(isinstance(s, str) and s and "{" not in s for s in b.alasan + texts(b.kurang))


# --- the table and the methodology --------------------------------------------------------------


class TestTable:
    @pytest.mark.unit
    def test_methodology_follows_the_table(self) -> None:
        doc = methodology()
        assert [c["key"] for c in doc] == list(KEYS)
        assert [[t["level"] for t in c["tingkat"]] for c in doc] == [[1, 2, 3]] * 5
        bermanfaat = doc[2]
        penerima = next(d for d in bermanfaat["dasar"] if d["dasar"] == "penerima")
        assert penerima["pita"] == {1: "1–200 orang", 2: "201–500 orang", 3: "≥ 501 orang"}
        cakupan = next(d for d in bermanfaat["dasar"] if d["dasar"] == "cakupan")
        assert cakupan["pita"] == {1: "5–< 20%", 2: "20–50%", 3: "> 50%"}
        assert "Jumlah produk/layanan: > 200 produk/layanan" in bermanfaat["tingkat"][2]["bukti"]
        assert doc[0]["penghargaan"]["ajang"] == {"kipp": "KIPP", "iga": "IGA", "unpsa": "UNPSA"}
        assert "Anggaran: minimal 2 tahun berturut-turut, berakhir tahun ini atau tahun lalu" in [
            p["syarat"] for p in doc[4]["pilar"]]
        json.dumps(doc, ensure_ascii=False)
        assert "dari 0 sampai 15 (misalnya skor 7 dari 15)" in criteria.general_rules()[1]

    @pytest.mark.unit
    def test_methodology_and_reasons_quote_the_same_ranges(self) -> None:
        for c in methodology()[2]["dasar"]:
            basis = criteria_table.BENEFIT_BASES[c["dasar"]]
            for band, shown in zip(basis.bands, basis.ranges, strict=True):
                assert c["pita"][band.level].startswith(shown)

    @pytest.mark.unit
    @pytest.mark.parametrize(
        ("path", "value", "message"),
        [
            (("kebaruan", "penghargaan", "ajang"), {"kipp": "KIPP", "sinovik": "Sinovik"}, "'sinovik'"),
            (("bermanfaat", "dasar", "penerima", "pita"),
             [{"level": 1, "minimal": 1}, {"level": 2, "minimal": 600}, {"level": 3, "minimal": 501}], "naik"),
            (("bermanfaat", "dasar", "penerima", "pita"), [{"level": 1, "minimal": 1}], "level 1..3"),
            (("bermanfaat", "dasar", "penerima", "pita"),
             [{"level": 1, "minimal": 1, "lebih_dari": 0}, {"level": 2, "minimal": 2}, {"level": 3, "minimal": 3}],
             "tepat satu"),
            (("berkelanjutan", "pilar", "organisasi", "perlu"), {"unit": "unit", "kepala": "kepala"}, "'kepala'"),
            (("efektif", "evaluasi_level_3"), ["audit"], "'audit'"),
        ],
    )
    def test_a_broken_table_is_refused(self, path: tuple[str, ...], value: Any, message: str) -> None:
        table = copy.deepcopy(criteria.TABLE)
        node = table["kriteria"]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        with pytest.raises(TableError, match=message):
            criteria_table._compile(table)

    @pytest.mark.site
    def test_the_core_does_not_import_mkdocs(self) -> None:
        code = ("import sys, generator.criteria, generator.clock; "
                "sys.exit(any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules))")
        assert subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1]).returncode == 0


# --- replications count only with evidence ---------------------------------------------------

LINKED_RESULT = [dict(INDICATOR, bukti="https://contoh.go.id/hasil")]
LINKED_LAW = {"dasar_hukum": [dict(LAW, tautan="https://contoh.go.id/perbup")]}


class TestReplicationEvidence:
    """A catalogue entry replicating the origin counts only when published, from another agency,
    in penerapan and with evidence of its own; the others are "replikasi dalam proses"."""

    @staticmethod
    def transfer(**replica: Any) -> Badge:
        data = {"instansi": {"nama": "Pemerintah Kabupaten Sleman", "jenis": "pemkab"},
                "replikasi_dari": [{"inovasi": "asal"}], **replica}
        items = [("asal", make()), ("mpp-sleman", make(**data))]
        index = replication_index(items)
        return run(make(), replicated_by=index.get("asal", [])).kriteria["dapat_ditransfer"]

    @pytest.mark.unit
    @pytest.mark.parametrize("evidence", [
        {"hasil": LINKED_RESULT},
        {"evaluasi": OWN_EVIDENCE},
        {"keberlanjutan": LINKED_LAW},
    ], ids=["hasil-bukti", "evaluasi-tautan", "dasar-hukum-tautan"])
    def test_each_kind_of_own_evidence_counts(self, evidence: dict[str, Any]) -> None:
        b = self.transfer(**evidence)
        assert b.level == 1
        assert b.alasan == ["Direplikasi oleh 1 instansi lain: Pemerintah Kabupaten Sleman (jalur replikasi: bukti awal)",
                            claimed(1)]
        assert b.replikasi == (("mpp-sleman", ""),)

    @pytest.mark.unit
    @pytest.mark.parametrize("evidence", [
        {},
        {"hasil": [INDICATOR]},  # measured, but no link to the evidence
        {"evaluasi": [SURVEY]},
        {"keberlanjutan": {"dasar_hukum": [LAW]}},
    ], ids=["nothing", "hasil-tanpa-bukti", "evaluasi-tanpa-tautan", "dasar-hukum-tanpa-tautan"])
    def test_without_own_evidence_it_is_in_progress(self, evidence: dict[str, Any]) -> None:
        b = self.transfer(**evidence)
        assert b.level == 0
        assert b.alasan == [
            "Belum direplikasi instansi lain dan belum ada panduan replikasi",
            "mpp-sleman (Pemerintah Kabupaten Sleman) belum dihitung: belum ada bukti sendiri (hasil dengan bukti, "
            "evaluasi dengan tautan atau dasar hukum dengan tautan)"]
        assert b.replikasi == (("mpp-sleman", criteria.replication_gap(
            Replicator("mpp-sleman", "Pemerintah Kabupaten Sleman", "penerapan", False), "")),)

    @pytest.mark.unit
    @pytest.mark.parametrize("tahapan", ["inisiatif", "uji_coba"])
    def test_before_penerapan_it_is_in_progress(self, tahapan: str) -> None:
        b = self.transfer(tahapan=tahapan, tanggal={"mulai": "2024-01-01"}, evaluasi=OWN_EVIDENCE)
        assert b.level == 0
        assert b.alasan[1] == "mpp-sleman (Pemerintah Kabupaten Sleman) belum dihitung: belum tahap penerapan"

    @pytest.mark.unit
    def test_every_reason_is_given(self) -> None:
        b = self.transfer(tahapan="uji_coba", tanggal={"mulai": "2024-01-01"})
        assert b.alasan[1] == ("mpp-sleman (Pemerintah Kabupaten Sleman) belum dihitung: belum tahap penerapan dan "
                               "belum ada bukti sendiri (hasil dengan bukti, evaluasi dengan tautan atau dasar hukum "
                               "dengan tautan)")

    @pytest.mark.unit
    def test_the_same_agency_never_counts_whatever_its_evidence(self) -> None:
        b = self.transfer(instansi={"nama": f" {OWNER.lower()} ", "jenis": "pemkab"}, evaluasi=OWN_EVIDENCE)
        assert b.level == 0
        assert b.alasan[1] == f"mpp-sleman ({OWNER.lower()}) belum dihitung: instansi yang sama"

    @pytest.mark.unit
    def test_a_draft_is_neither_counted_nor_listed(self) -> None:
        b = self.transfer(draf=True, evaluasi=OWN_EVIDENCE)
        assert (b.level, b.replikasi) == (0, ())
        assert b.alasan == ["Belum direplikasi instansi lain dan belum ada panduan replikasi"]

    @pytest.mark.unit
    def test_counted_and_in_progress_side_by_side(self) -> None:
        reps = [counted("a", "Pemkot Blitar"), Replicator("b", "Pemkab Kediri", "uji_coba", True),
                Replicator("c", "Pemkab Jember", "penerapan", False)]
        b = run(make(), replicated_by=reps).kriteria["dapat_ditransfer"]
        assert b.level == 1
        assert b.alasan[:2] == ["Direplikasi oleh 1 instansi lain: Pemkot Blitar (jalur replikasi: bukti awal)",
                                claimed(1)]
        assert [text.split(" belum dihitung")[0] for text in b.alasan[2:]] == ["b (Pemkab Kediri)", "c (Pemkab Jember)"]
        assert [gap != "" for _, gap in b.replikasi] == [False, True, True]

    @pytest.mark.unit
    def test_many_in_progress_are_summarised(self) -> None:
        reps = [Replicator(f"e{i}", f"Pemkot {i}", "uji_coba", True) for i in range(5)]
        b = run(make(), replicated_by=reps).kriteria["dapat_ditransfer"]
        assert len(b.alasan) == 1 + 3 + 1
        assert b.alasan[-1] == "2 replikasi lain dalam proses belum dihitung"
        assert len(b.replikasi) == 5

    @pytest.mark.unit
    def test_the_rule_reads_the_table(self) -> None:
        table = copy.deepcopy(criteria.TABLE)
        table["kriteria"]["dapat_ditransfer"]["replikasi"]["katalog"]["bukti_sendiri"][0]["isian"] = "tidak_ada"
        with pytest.raises(TableError, match="bukan kunci entri"):
            criteria_table._compile(table)
        table = copy.deepcopy(criteria.TABLE)
        table["kriteria"]["dapat_ditransfer"]["replikasi"]["katalog"]["tahapan"] = ["diterapkan"]
        with pytest.raises(TableError, match="'diterapkan'"):
            criteria_table._compile(table)
        assert criteria_table.TRANSFER.stages == frozenset({"penerapan"})

    @pytest.mark.unit
    def test_the_catalogue_applies_the_same_rule_with_or_without_models(self, tmp_path: Path) -> None:
        from generator.catalogue import check_files, load_files

        def write(folder: str, entry_id: str, agency: str, extra: str = "") -> Path:
            path = tmp_path / folder / f"{entry_id}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            data = base()
            data["instansi"] = {"nama": agency, "jenis": "pemkab"}
            text = yaml_dump(data) + extra
            path.write_text(f"---\n{text}---\nIsi.\n", encoding="utf-8")
            return path

        link = "replikasi_dari:\n  - inovasi: asal\n"
        proof = ("evaluasi:\n  - jenis: internal\n    judul: Monev replikasi\n    tahun: 2025\n"
                 "    tautan: https://contoh.go.id/monev\n")
        # The origin confirms both; only the one with evidence of its own counts, confirmed.
        confirms = "replikasi_dikonfirmasi:\n  - dengan-bukti\n  - tanpa-bukti\n"
        files = [write("jawa-timur", "asal", OWNER, confirms),
                 write("jawa-timur", "dengan-bukti", "Pemkab Kediri", link + proof),
                 write("jawa-timur", "tanpa-bukti", "Pemkab Blitar", link)]
        whole = load_files(files, today=TODAY, jobs=1)
        light = check_files(files, today=TODAY, jobs=1)
        badge_whole = whole.records["asal"].assessment.kriteria["dapat_ditransfer"]
        badge_light = json.loads(light.records["asal"].badges_json)["kriteria"]["dapat_ditransfer"]
        assert badge_whole.level == badge_light["level"] == 1
        assert badge_whole.alasan == badge_light["alasan"]
        assert badge_whole.alasan[1] == "Replikasi yang dihitung dikonfirmasi kedua pihak"
        assert badge_whole.alasan[2].startswith("tanpa-bukti (Pemkab Blitar) belum dihitung: belum ada bukti sendiri")
        assert [r.id for r in whole.replicas_of("asal")] == ["dengan-bukti", "tanpa-bukti"]


def yaml_dump(data: dict[str, Any]) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- what is missing: a key path and a YAML snippet ---------------------------------------------


def assert_names_a_field(key: str) -> None:
    """`hasil[].sebelum.tanggal` walks the entry model: each part a field, `[]` on lists only."""
    from typing import get_args, get_origin

    model: Any = Entry
    for part in key.split("."):
        name = part.removesuffix("[]")
        assert model is not None and name in model.model_fields, (key, name)
        annotation = model.model_fields[name].annotation
        if part.endswith("[]"):
            assert list in {get_origin(annotation), *(get_origin(a) for a in get_args(annotation))}, (key, part)
        model = criteria_table._submodel(annotation)


def assert_well_formed(items: list[Missing], where: Any) -> None:
    import yaml

    for item in items:
        assert isinstance(item, Missing), where
        assert item.text and item.key and item.snippet, (where, item)
        assert "level dasar" not in item.text, (where, item)
        assert_names_a_field(item.key)
        parsed = yaml.safe_load(item.snippet)
        assert isinstance(parsed, dict) and parsed, (where, item)
        top = item.key.split(".")[0].removesuffix("[]")
        assert top in parsed, (where, item)


class TestMissingItems:
    @pytest.mark.unit
    def test_every_item_of_varied_entries_has_a_key_and_a_snippet(self) -> None:
        rng = random.Random(11)
        items = [(f"entri-{i}", Entry.model_validate(varied(rng, i))) for i in range(400)]
        index = replication_index(items)
        seen: set[str] = set()
        for entry_id, entry in items:
            a = assess(entry, replicated_by=index.get(entry_id, []), today=TODAY)
            for b in a.kriteria.values():
                assert_well_formed(b.kurang, (entry_id, b.key))
                seen.update(m.key for m in b.kurang)
        # Every kind of key a badge asks for shows up somewhere in a varied catalogue.
        assert {"kebaruan", "kebaruan.uraian", "tahapan", "hasil", "hasil[].sumber", "evaluasi", "manfaat.bukti",
                "manfaat.nilai", "panduan_replikasi", "keberlanjutan.anggaran", "keberlanjutan.dasar_hukum",
                "penghargaan", "replikasi_oleh[].bukti"} <= seen, sorted(seen)

    @pytest.mark.unit
    def test_every_item_of_the_sample_and_bench_entries_has_a_key_and_a_snippet(self, tmp_path: Path) -> None:
        from bench.corpus import generate
        from generator.catalogue import find_entry_files, load_files

        root = Path(__file__).resolve().parents[1]
        files = find_entry_files([root / "content" / "innovations"])
        bench = generate(tmp_path / "bench", 200, seed=3)
        for group in (files, bench):
            catalogue = load_files(group, today=TODAY, jobs=1, with_body=False)
            assert catalogue.records
            for record in catalogue.records.values():
                for b in record.assessment.kriteria.values():
                    assert_well_formed(b.kurang, (record.id, b.key))
                    assert (b.kurang == []) == (b.level == 3), (record.id, b)

    @pytest.mark.unit
    @pytest.mark.parametrize(("overrides", "key", "snippet"), [
        ({}, "kebaruan", None),
        ({"manfaat": {"dasar": "penerima", "nilai": 300}}, "manfaat.bukti",
         "manfaat:\n  bukti: https://instansi.go.id/dokumen/bukti.pdf"),
        ({"manfaat": manfaat("penerima", 200)}, "manfaat.nilai", "manfaat:\n  nilai: 201"),
        ({"manfaat": manfaat("cakupan", 50)}, "manfaat.nilai", "manfaat:\n  nilai: 51"),
        ({"keberlanjutan": {"pelaksana": {"unit": "Dinas"}}}, "keberlanjutan.pelaksana.sk",
         "keberlanjutan:\n  pelaksana:\n    sk: 800/45/2024"),
        ({"hasil": [indicator(sesudah={"nilai": 1})]}, "hasil[].sesudah.tanggal",
         "hasil:\n  - indikator: Waktu penerbitan KTP-el\n    sesudah:\n      tanggal: 2021-01-01"),
    ])
    def test_keys_and_snippets(self, overrides: dict[str, Any], key: str, snippet: str | None) -> None:
        a = run(make(**overrides))
        items = {m.key: m for b in a.kriteria.values() for m in b.kurang}
        assert key in items, sorted(items)
        if snippet is not None:
            assert items[key].snippet == snippet

    @pytest.mark.unit
    def test_the_budget_snippet_follows_the_build_year(self) -> None:
        b = badge("berkelanjutan", today=date(2031, 3, 1))
        budget = next(m for m in b.kurang if m.key == "keberlanjutan.anggaran")
        assert budget.snippet == "keberlanjutan:\n  anggaran: [2030, 2031]"

    @pytest.mark.unit
    def test_snippets_quote_what_yaml_would_misread(self) -> None:
        import yaml

        for name in ["Waktu: tunggu", "Null", "True", "#1 antrean", "Biaya (Rp)", "2024", "Antrean - harian #2"]:
            b = badge("efektif", hasil=[indicator(indikator=name, sumber=None)])
            assert yaml.safe_load(b.kurang[0].snippet)["hasil"][0]["indikator"] == name

    @pytest.mark.unit
    def test_json_round_trip(self) -> None:
        a = run(make(hasil=[indicator(sumber=None)]))
        data = a.to_json("x")
        item = data["kriteria"]["efektif"]["kurang"][0]
        assert item == {"teks": "Lengkapi indikator “Waktu penerbitan KTP-el” dengan sumber data untuk naik ke level 1",
                        "kunci": "hasil[].sumber",
                        "contoh": "hasil:\n  - indikator: Waktu penerbitan KTP-el\n    sumber: Laporan bulanan unit layanan"}
        assert Assessment.from_json(json.loads(json.dumps(data))).to_json("x") == data


# --- level names --------------------------------------------------------------------------------


class TestLevelNames:
    @pytest.mark.unit
    def test_names_come_from_the_table(self) -> None:
        names = criteria.TABLE["nama_level"]
        for key in KEYS:
            override = criteria.TABLE["kriteria"][key].get("nama_level") or {}
            assert [criteria.level_name(key, n) for n in range(4)] == [override.get(n, names[n]) for n in range(4)]
        assert criteria.level_name("efektif", 0) == "belum ada bukti"

    @pytest.mark.unit
    def test_level_0_is_never_a_failing_grade(self) -> None:
        for key in KEYS:
            name = criteria.level_name(key, 0)
            assert "belum" in name and not any(word in name for word in ("gagal", "buruk", "tidak lulus"))

    @pytest.mark.unit
    def test_json_and_badge_carry_the_name(self) -> None:
        a = run(make(**FULL))
        data = a.to_json("x")
        assert {k: b["nama_level"] for k, b in data["kriteria"].items()} == {
            k: criteria.level_name(k, 3) for k in KEYS}
        assert a.kriteria["efektif"].nama_level == criteria.level_name("efektif", 3)

    @pytest.mark.unit
    def test_a_criterion_may_name_its_own_levels(self) -> None:
        table = copy.deepcopy(criteria.TABLE)
        table["kriteria"]["efektif"]["nama_level"] = {1: "hasil terukur"}
        names = criteria_table._level_names(table)
        assert names["efektif"][1] == "hasil terukur"
        assert names["efektif"][0] == names["kebaruan"][0] == "belum ada bukti"

    @pytest.mark.unit
    def test_a_missing_name_is_refused(self) -> None:
        table = copy.deepcopy(criteria.TABLE)
        del table["nama_level"][2]
        with pytest.raises(TableError, match="nama_level"):
            criteria_table._level_names(table)

    @pytest.mark.unit
    def test_methodology_lists_them(self) -> None:
        for c in methodology():
            assert c["nama_level"] == {n: criteria.level_name(c["key"], n) for n in range(4)}
            assert [t["nama"] for t in c["tingkat"]] == [criteria.level_name(c["key"], n) for n in (1, 2, 3)]
        from generator.pages.methodology import methodology_html

        page = methodology_html()
        for n in range(4):
            assert criteria.level_name("kebaruan", n) in page
        assert "replikasi dalam proses" in page


# --- varied entries (invariants above, speed check below) ---------------------------------------

AGENCIES = [f"Pemerintah Kota {n}" for n in ("Blitar", "Kediri", "Malang", "Batu", "Madiun", "Surabaya")]


def varied(rng: random.Random, i: int) -> dict[str, Any]:
    """A valid entry with a random mix of evidence, for invariants and timing."""
    data = base()
    data["instansi"] = {"nama": rng.choice(AGENCIES + [OWNER]), "jenis": "pemkot"}
    data["tahapan"] = rng.choice(["inisiatif", "uji_coba", "penerapan", "penerapan"])
    data["diperbarui"] = f"{rng.randint(2023, 2026)}-0{rng.randint(1, 6)}-01"
    if rng.random() < 0.1:
        data["status"] = "berhenti"
        data["tanggal"] = {"mulai": "2020-01-01", "penerapan": "2021-01-01", "berhenti": "2024-01-01"}
    if rng.random() < 0.8:
        words = rng.choice([10, 29, 30, 60, 200])
        data["kebaruan"] = {"jenis": rng.choice(["gagasan_baru", "pendekatan_baru", "desain_kebijakan", "modifikasi"]),
                            "uraian": " ".join(f"kata{j}" for j in range(words))}
    if rng.random() < 0.4:
        data["replikasi_dari"] = [{"inovasi": f"entri-{rng.randrange(max(i, 1))}"}]
    if rng.random() < 0.3:
        data["penghargaan"] = [{"ajang": rng.choice(["kipp", "iga", "unpsa", "lainnya"]), "nama": "Top 45",
                                "tahun": 2023}]
    data["hasil"] = [indicator(indikator=f"Indikator {j}", sumber=rng.choice([None, "BPS"]))
                     for j in range(rng.choice([0, 1, 1, 2, 3, 5]))]
    data["evaluasi"] = rng.sample([SURVEY, EXTERNAL, {"jenis": "eksternal", "judul": "Audit", "tahun": 2024},
                                   {"jenis": "internal", "judul": "Monev", "tahun": 2024}], rng.randint(0, 2))
    if rng.random() < 0.8:
        dasar = rng.choice(["penerima", "cakupan", "efisiensi", "pendapatan", "produk", "tren"])
        data["manfaat"] = manfaat(dasar, rng.choice([0, 1, 5, 19.5, 50, 150, 201, 777, 12_500]),
                                  bukti=rng.choice([None, "https://contoh.go.id/b", "https://contoh.go.id/b"]))
    data["replikasi_oleh"] = [{"instansi": rng.choice(AGENCIES), "tahun": 2024, "bukti": rng.choice([None, PROOF])}
                              for _ in range(rng.choice([0, 0, 1, 3]))]
    if rng.random() < 0.5:
        data["panduan_replikasi"] = {"bentuk": rng.choice(["cetak", "elektronik", "daring"]),
                                     "tautan": "https://contoh.go.id/p"}
    if rng.random() < 0.7:
        data["keberlanjutan"] = keberlanjutan(
            dasar_hukum=[LAW] * rng.randint(0, 2),
            anggaran=sorted(rng.sample(range(2019, 2027), rng.randint(0, 4))),
            pelaksana=rng.choice([None, DOER, {"unit": "Dinas"}]),
        )
    data["draf"] = rng.random() < 0.05
    return data


def speed_check(n: int = 32_000) -> None:
    import time

    rng = random.Random(1)
    started = time.perf_counter()
    items = [(f"entri-{i}", Entry.model_validate(varied(rng, i))) for i in range(n)]
    built = time.perf_counter()
    index = replication_index(items)
    indexed = time.perf_counter()
    for entry_id, entry in items:
        assess(entry, replicated_by=index.get(entry_id, ()), today=TODAY)
    done = time.perf_counter()
    print(f"{n} entries (validated in {built - started:.2f} s, not counted)")
    print(f"replication index: {(indexed - built) * 1e3:.1f} ms")
    print(f"assess: {done - indexed:.3f} s total, {(done - indexed) / n * 1e6:.1f} µs per entry")


if __name__ == "__main__":
    speed_check(int(sys.argv[1]) if len(sys.argv) > 1 else 32_000)


@pytest.mark.unit
def test_the_next_level_of_kebaruan_names_the_entrys_own_kind_when_it_can_get_there():
    """As the benefit's band is the entry's own basis's: an entry that named its kind of novelty
    reads what earns that kind the next level, not every kind's way."""
    from generator.criteria import next_level

    every, _ = next_level("kebaruan", 2)
    assert len(every) == 3
    assert next_level("kebaruan", 2, kind="pendekatan_baru")[0] == ["Pendekatan baru dengan penghargaan KIPP, IGA atau UNPSA"]
    assert next_level("kebaruan", 0, kind="modifikasi")[0] == ["Modifikasi (replikasi yang dikembangkan)"]
    # A replication with a change cannot reach the top level as one: the other kinds' ways stay.
    assert next_level("kebaruan", 2, kind="modifikasi")[0] == every
