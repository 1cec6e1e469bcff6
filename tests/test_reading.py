"""Values as staff write them (`generator.reading`): legal citations, another word for a value of
a vocabulary, dates and years. One alias table serves the form reader, the spreadsheet, the
questions of `katalog new` and validation's suggestions; these tests hold each of them to it."""

from __future__ import annotations

from datetime import date

import pytest

from generator import reading
from generator import vocabulary as v
from generator.reading import Citation, read_citation

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("text", "expected"), [
    ("Peraturan Bupati TTS Nomor 17 Tahun 2022", ("perkada", "17", 2022)),
    ("Perbup No. 17/2022", ("perkada", "17", 2022)),
    ("perbup no.17 thn 2022", ("perkada", "17", 2022)),
    ("PERBUP TTS NO. 17 THN. 2022", ("perkada", "17", 2022)),
    ("Perbup No 17 / 2022", ("perkada", "17", 2022)),
    ("Peraturan Bupati Timor Tengah Selatan Nomor: 17, Tahun 2022", ("perkada", "17", 2022)),
    ("Pergub Jatim No 5 Thn 2020", ("perkada", "5", 2020)),
    ("Peraturan Gubernur Jawa Timur Nomor 5 Tahun 2020", ("perkada", "5", 2020)),
    ("perwali kota blitar no.3 th.2019", ("perkada", "3", 2019)),
    ("Peraturan Wali Kota Surabaya Nomor 12 Tahun 2021", ("perkada", "12", 2021)),
    ("SK Bupati Nomor 800/12/2021", ("sk", "800/12/2021", 2021)),
    ("Keputusan Bupati Tulungagung Nomor 188.45/123/KEP/35.04/2021", ("sk", "188.45/123/KEP/35.04/2021", 2021)),
    ("Surat Keputusan Kepala Dinas No. 12 Tahun 2020", ("sk", "12", 2020)),
    ("UU 23/2014", ("uu", "23", 2014)),
    ("Undang-Undang Nomor 25 Tahun 2009", ("uu", "25", 2009)),
    ("PP 38/2017", ("pp", "38", 2017)),
    ("Peraturan Pemerintah Nomor 38 Tahun 2017", ("pp", "38", 2017)),
    ("Permen PANRB 30/2014", ("permen", "30", 2014)),
    ("Permendagri Nomor 104 Tahun 2018", ("permen", "104", 2018)),
    ("Peraturan Menteri PANRB Nomor 30 Tahun 2014", ("permen", "30", 2014)),
    ("Perpres 95/2018", ("perpres", "95", 2018)),
    ("Perda Kab. TTS No. 5 Tahun 2020", ("perda", "5", 2020)),
    ("Perda Kabupaten Lima Puluh Kota Nomor 3 Tahun 2020", ("perda", "3", 2020)),
    ("Qanun Aceh Nomor 8 Tahun 2018", ("perda", "8", 2018)),
])
def test_citations_as_staff_write_them(text: str, expected: tuple[str, str, int]) -> None:
    found = read_citation(text)
    assert found is not None and (found.jenis, found.nomor, found.tahun) == expected
    assert reading.citation_problem(text, found) is None


def test_what_a_regulation_is_about_is_kept() -> None:
    found = read_citation("Peraturan Walikota Surabaya Nomor 12 Tahun 2021 tentang Surabaya Single Window")
    assert found == Citation("perkada", "12", 2021, "Surabaya Single Window")


@pytest.mark.parametrize(("text", "says"), [
    ("Peraturan Bupati Tulungagung Nomor 12", "belum menyebut tahunnya"),
    ("Perbup", "belum menyebut nomor dan tahunnya"),
    ("Nota dinas kepala bidang", "tidak dikenali sebagai dasar hukum"),
])
def test_an_incomplete_citation_says_what_it_lacks(text: str, says: str) -> None:
    assert says in (reading.citation_problem(text, read_citation(text)) or "")


@pytest.mark.parametrize(("text", "vocabulary", "slug"), [
    ("Pemerintah Kabupaten", "jenis_instansi", "pemkab"), ("pemerintah  kota", "jenis_instansi", "pemkot"),
    ("PEMKAB", "jenis_instansi", "pemkab"), ("Jawa Tengah", "provinsi", "jawa-tengah"),
    ("jawa_tengah", "provinsi", "jawa-tengah"), ("Jatim", "provinsi", "jawa-timur"), ("DIY", "provinsi", "di-yogyakarta"),
    ("Uji Coba", "tahapan", "uji_coba"), ("Non-digital", "jenis", "non_digital"), ("nondigital", "jenis", "non_digital"),
    ("Perbup", "jenis_dasar_hukum", "perkada"), ("Peraturan Gubernur", "jenis_dasar_hukum", "perkada"),
    ("Perwali", "jenis_dasar_hukum", "perkada"), ("Permenkes", "jenis_dasar_hukum", "permen"),
    ("Keputusan", "jenis_dasar_hukum", "sk"), ("S.K.", "jenis_dasar_hukum", "sk"),
    ("Administrasi Kependudukan dan Pencatatan Sipil", "urusan", "administrasi-kependudukan-dan-pencatatan-sipil"),
])
def test_a_value_by_its_slug_label_or_another_word_in_any_case(text: str, vocabulary: str, slug: str) -> None:
    assert reading.choice(text, vocabulary) == (slug, None)


def test_every_alias_names_a_real_value_once() -> None:
    for name, table in v.ALIAS.items():
        assert name in v.ALL
        assert set(table.values()) <= set(v.ALL[name])


def test_a_near_miss_is_read_and_said_and_nonsense_is_refused() -> None:
    slug, note = reading.choice("Perkda", "jenis_dasar_hukum")
    assert slug == "perkada" and "dibaca sebagai 'perkada'" in (note or "")
    slug, note = reading.choice("Kelurahan", "jenis_instansi")
    assert slug is None and "bukan pilihan yang dikenal" in (note or "")


def test_several_values_with_labels_holding_commas() -> None:
    slugs, problems = reading.choices("Koperasi, Usaha Kecil, dan Menengah, pendidikan; Sosial", "urusan")
    assert slugs == ["koperasi-usaha-kecil-dan-menengah", "pendidikan", "sosial"] and problems == []


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-03-01", date(2024, 3, 1)), ("12/03/2022", date(2022, 3, 12)), ("1 Maret 2024", date(2024, 3, 1)),
    ("1 Agt 2024", date(2024, 8, 1)), ("2019", None), ("Maret 2019", None),
])
def test_dates(text: str, expected: date | None) -> None:
    assert reading.read_date(text) == expected


def test_a_year_alone_is_explained_not_guessed() -> None:
    assert "hanya tahun (2019)" in reading.date_problem("2019", "'Tanggal mulai'")
    assert "memerlukan tanggal lengkap" in reading.date_problem("2019", "'Tanggal mulai'")
    assert "hanya bulan dan tahun (Maret 2019)" in reading.date_problem("3/2019")
    assert "tidak ada di kalender" in reading.date_problem("31-02-2024")


def test_a_year_where_a_year_is_asked_may_come_as_a_date() -> None:
    assert reading.read_year("2023") == 2023 and reading.read_year("12 Maret 2023") == 2023
    assert reading.read_year("2023, 2024") is None
