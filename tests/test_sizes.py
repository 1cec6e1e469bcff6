"""The size report and budget: every build measures its site per section, prints the table and
writes it as JSON outside the site; over the budget the build warns (and fails under --strict),
`katalog size` exits 1 naming the section, and the deploy workflow runs it before uploading."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import EPOCH, ROOT, run_build, write_config
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import sizes
from generator.cli import main

# The sections by top-level folder, written out here independently of `sizes.FOLDERS`.
EXPECTED = {"inovasi": "inovasi", "jelajahi": "jelajahi", "cari": "pencarian", "api": "data_terbuka",
            "assets": "aset"}


@pytest.fixture(autouse=True)
def build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("KATALOG_CACHE_DIR", raising=False)


def write_catalogue(tmp: Path, h: Any) -> None:
    root = tmp / "content"
    h.write_entry(root, "jawa-timur", "adminduk-keliling")
    h.write_entry(root, "jawa-timur", "kedua-jatim", judul="Inovasi Kedua Jawa Timur")
    h.write_entry(root, "bali", "ketiga-bali", judul="Inovasi Ketiga Bali")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """A small site built once; returns the folder holding mkdocs.yml (the site is `site/`)."""
    request.getfixturevalue("h").pin_build(request, EPOCH)
    tmp = tmp_path_factory.mktemp("ukuran")
    write_catalogue(tmp, request.getfixturevalue("h"))
    run_build(tmp)
    return tmp


def on_disk(site: Path) -> dict[str, tuple[int, int]]:
    """(files, bytes) per section, counted with os.walk (symlinks not followed)."""
    counts: dict[str, list[int]] = {key: [0, 0] for key, _ in sizes.SECTIONS}
    for folder, _, names in os.walk(site):
        for name in names:
            path = Path(folder, name)
            top = path.relative_to(site).parts[0]
            section = EXPECTED.get(top, "lain") if path.parent != site else "lain"
            counts[section][0] += 1
            counts[section][1] += path.lstat().st_size
    return {key: (files, size) for key, (files, size) in counts.items()}


@pytest.mark.site
def test_the_report_adds_up_to_the_files_and_bytes_on_disk(built: Path) -> None:
    site = built / "site"
    report = sizes.measure(site)
    expected = on_disk(site)
    assert {key: (s.files, s.bytes) for key, s in report.sections.items()} == expected
    assert report.files == sum(files for files, _ in expected.values())
    assert report.bytes == sum(size for _, size in expected.values())
    assert all(files for files, _ in expected.values())  # every section has files in a real site
    assert report.entries == 3
    table = report.text()
    for label in ("halaman inovasi", "daftar provinsi", "pencarian", "data terbuka", "aset", "halaman lain", "jumlah"):
        assert label in table
    assert "(3 inovasi)" in table
    data = json.loads(report.to_json())
    assert data["bita"] == report.bytes and data["berkas"] == report.files
    assert sizes.SizeReport.from_dict(data).sections == report.sections


@pytest.mark.unit
def test_symlinks_are_counted_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "besar"
    outside.mkdir()
    (outside / "data.bin").write_bytes(b"x" * 10_000)
    site = tmp_path / "site"
    (site / "api").mkdir(parents=True)
    (site / "api" / "inovasi.json").write_bytes(b"[]")
    (site / "api" / "tautan").symlink_to(outside)
    (site / "index.html").write_bytes(b"<p>")
    report = sizes.measure(site)
    link = (site / "api" / "tautan").lstat().st_size
    assert (report.sections["data_terbuka"].files, report.sections["data_terbuka"].bytes) == (2, 2 + link)
    assert (report.files, report.bytes) == (3, 2 + link + 3)


@pytest.mark.site
def test_every_build_prints_the_report_and_writes_it_as_json_outside_the_site(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture) -> None:
    write_catalogue(tmp_path, h)
    with caplog.at_level(logging.INFO):
        site = run_build(tmp_path)
    assert "Ukuran situs" in caplog.text and "halaman inovasi" in caplog.text
    written = tmp_path / ".cache" / "katalog" / sizes.REPORT_FILE
    data = json.loads(written.read_text(encoding="utf-8"))
    assert data["situs"] == str(site)  # the published site, not the staging folder it was built in
    measured = sizes.measure(site).to_dict()
    assert {k: v for k, v in data.items() if k != "situs"} == {k: v for k, v in measured.items() if k != "situs"}
    assert not any(p.name.startswith("ukuran") for p in site.rglob("*"))
    # The next build keeps this one's report as the previous one.
    run_build(tmp_path)
    assert json.loads((written.parent / sizes.PREVIOUS_FILE).read_text(encoding="utf-8")) == data


@pytest.mark.site
@pytest.mark.parametrize("option", ["size_budget_mb", "anggaran_ukuran_mb"])  # the name, and its earlier one
def test_a_build_over_its_budget_warns_naming_the_section_and_fails_under_strict(
        tmp_path: Path, h: Any, caplog: pytest.LogCaptureFixture, option: str) -> None:
    write_catalogue(tmp_path, h)
    with caplog.at_level(logging.INFO):
        site = run_build(tmp_path, **{option: 0.01})
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    biggest = sizes.measure(site).biggest().label
    assert any("melebihi anggaran 0,01 MB" in w and f"bagian terbesar: {biggest}" in w for w in warnings), warnings
    assert all("size_budget_mb di mkdocs.yml" in w for w in warnings if "melebihi anggaran" in w)
    renamed = [r.getMessage() for r in caplog.records if "berganti nama" in r.getMessage()]
    if option == "anggaran_ukuran_mb":  # said once, in Indonesian, and not as a warning
        assert renamed == ["katalog: opsi 'anggaran_ukuran_mb' sudah berganti nama menjadi 'size_budget_mb'; nama "
                           "lama masih dibaca, tetapi tulislah nama baru di mkdocs.yml"]
        assert all(r.levelno == logging.INFO for r in caplog.records if "berganti nama" in r.getMessage())
    else:
        assert renamed == []

    config = load_config(config_file=str(write_config(tmp_path, **{option: 0.01})), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with pytest.raises(Abort, match="strict"):
        build(config)
    # Within the budget, the strict build passes, under either name.
    config = load_config(config_file=str(write_config(tmp_path, **{option: 1000})), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


@pytest.mark.site
def test_a_budget_under_both_names_is_a_configuration_error(tmp_path: Path, h: Any,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    write_catalogue(tmp_path, h)
    with pytest.raises(Abort), caplog.at_level(logging.ERROR):
        load_config(config_file=str(write_config(tmp_path, size_budget_mb=500, anggaran_ukuran_mb=800)))
    assert "'anggaran_ukuran_mb' adalah nama lama 'size_budget_mb'; keduanya ditulis di mkdocs.yml: hapus " \
           "'anggaran_ukuran_mb'" in caplog.text


@pytest.mark.site
@pytest.mark.parametrize("option", ["size_budget_mb", "anggaran_ukuran_mb"])
def test_a_budget_that_is_no_number_of_mb_stops_the_build(tmp_path: Path, h: Any, option: str) -> None:
    write_catalogue(tmp_path, h)
    with pytest.raises(Abort):
        run_build(tmp_path, **{option: 0})


@pytest.mark.unit
def test_over_budget_names_the_section_that_grew_most_since_the_previous_report() -> None:
    before = sizes.SizeReport("site")
    before.sections["inovasi"].bytes = 600 * sizes.MB
    before.sections["data_terbuka"].bytes = 100 * sizes.MB
    after = sizes.SizeReport("site")
    after.sections["inovasi"].bytes = 650 * sizes.MB
    after.sections["data_terbuka"].bytes = 400 * sizes.MB
    assert sizes.over_budget(after, 1100 * sizes.MB, before) is None
    message = sizes.over_budget(after, 1000 * sizes.MB, before)
    assert message is not None
    assert message.startswith("ukuran situs 1.050 MB melebihi anggaran 1.000 MB sebesar 50 MB")
    assert "paling bertambah sejak build sebelumnya: data terbuka (+300 MB, kini 400 MB" in message
    # Without a previous report (or when nothing grew): the biggest section.
    assert "bagian terbesar: halaman inovasi (650 MB" in sizes.over_budget(after, 1000 * sizes.MB)
    assert "bagian terbesar: halaman inovasi" in sizes.over_budget(after, 1000 * sizes.MB, after)


@pytest.mark.site
def test_katalog_size_exits_0_within_the_budget_and_1_over_it(
        built: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    site = built / "site"
    assert main(["size", str(site)]) == 0
    out, err = capsys.readouterr()
    assert "halaman inovasi" in out and "dalam anggaran 1.000 MB" in err

    assert main(["size", str(site), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["bita"] == sizes.measure(site).bytes

    assert main(["size", str(site), "--budget-mb", "0.01"]) == 1
    out, err = capsys.readouterr()
    assert "jumlah" in out
    assert "melebihi anggaran 0,01 MB" in err and f"bagian terbesar: {sizes.measure(site).biggest().label}" in err

    # With an earlier, smaller report: the section that grew is named.
    previous = sizes.measure(site)
    previous.sections["pencarian"].bytes //= 2
    (tmp_path / "sebelumnya.json").write_text(previous.to_json(), encoding="utf-8")
    assert main(["size", str(site), "--budget-mb", "0.01", "--previous", str(tmp_path / "sebelumnya.json")]) == 1
    assert "paling bertambah sejak build sebelumnya: pencarian" in capsys.readouterr().err
    # A previous report that does not exist yet (the first build) is no previous report.
    assert main(["size", str(site), "--previous", str(tmp_path / "belum-ada.json")]) == 0
    capsys.readouterr()

    assert main(["size", str(tmp_path / "tidak-ada")]) == 2
    assert main(["size", str(site), "--budget-mb", "0"]) == 2


@pytest.mark.unit
def test_the_deploy_workflow_checks_the_size_after_the_build_and_before_the_upload() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]

    def index(match) -> int:
        found = [i for i, step in enumerate(steps) if match(step)]
        assert len(found) == 1
        return found[0]

    built = index(lambda s: "mkdocs build" in s.get("run", ""))
    checked = index(lambda s: "katalog size" in s.get("run", ""))
    uploaded = index(lambda s: s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert built < checked < uploaded
    site = steps[uploaded]["with"]["path"]
    assert f"katalog size {site} " in steps[checked]["run"] + " "
    assert "--site-dir site" in steps[built]["run"] and site == "site"
    assert not any(s.get("continue-on-error") for s in steps[built:uploaded + 1])
