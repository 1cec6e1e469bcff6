"""The catalogue: rules across entries (unique ids, folders, replication links) over real folders."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalogue import BodyChanged, Checked, Record, check_files, find_entry_files, load_catalogue, load_files
from generator.machinery import cores as parallel_module

pytestmark = pytest.mark.unit

ROOT = Path("content/innovations")
JATIM = "content/innovations/jawa-timur"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """`content/` below a fresh working directory, so diagnostics show short relative paths."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ROOT).mkdir(parents=True)
    return Path("content")


def load(h, **kwargs):
    return load_catalogue(ROOT, today=h.TODAY, jobs=1, **kwargs)


def formatted(catalogue) -> list[str]:
    return [d.format() for d in catalogue.diagnostics]


def replicating(*targets: str) -> str:
    return "".join(f"\n  - inovasi: {target}" for target in targets)


def test_valid_catalogue(h, content, write_entry):
    write_entry(content, "jawa-timur", "adminduk-keliling")
    write_entry(content, "bali", "layanan-bali")
    write_entry(content, "nasional", "layanan-pusat", instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian")
    catalogue = load(h)
    assert catalogue.ok
    assert catalogue.diagnostics == []
    assert catalogue.files == 3
    assert sorted(catalogue.records) == ["adminduk-keliling", "layanan-bali", "layanan-pusat"]
    record = catalogue.records["layanan-bali"]
    assert record.provinsi == "bali"
    assert record.source == "innovations/bali/layanan-bali.md"
    assert record.entry.judul == "Adminduk Keliling Tulungagung"
    assert record.read_body() == h.BODY


STORY = "## Latar\n\nPetugas kelurahan menjemput berkas warga lansia dari rumah ke rumah.\n\n![Petugas](foto.png)\n"


def test_a_record_holds_no_body_only_its_digest_and_images(h, content, write_entry):
    """The catalogue keeps no entry's body (9 KB an entry, a third of what a record held): its
    digest and the images it shows; the text is read again from its file, held to the digest."""
    path = write_entry(content, "bali", "layanan-bali", body=STORY)
    record = load(h).records["layanan-bali"]
    assert "menjemput berkas" not in repr(vars(record))
    assert record.body.images == ("innovations/bali/foto.png",)
    assert record.read_body() == STORY
    # Its file changed after the load: refused, never another text than the load validated.
    path.write_text(h.entry_text("bali", body=STORY.replace("lansia", "disabilitas")), encoding="utf-8")
    with pytest.raises(BodyChanged, match=r"^content/innovations/bali/layanan-bali\.md: file ini isinya berubah "
                                         r"setelah katalog dimuat"):
        record.read_body()
    path.unlink()
    with pytest.raises(BodyChanged, match=r"file ini tidak dapat dibaca lagi"):
        record.read_body()


def test_every_error_of_every_file_in_one_run(h, content, write_entry):
    write_entry(content, "jawa-timur", "satu", status="Aktif")
    write_entry(content, "jawa-timur", "dua", judul="KTP", tahapan="selesai")
    write_entry(content, "jawa-timur", "tiga", text="judul: tanpa front matter\n")
    write_entry(content, "jawa-timur", "empat")
    catalogue = load(h)
    assert not catalogue.ok
    assert [(d.path, d.line, d.field) for d in catalogue.errors] == [
        (f"{JATIM}/dua.md", 2, "judul"),
        (f"{JATIM}/dua.md", 11, "tahapan"),
        (f"{JATIM}/satu.md", 12, "status"),
        (f"{JATIM}/tiga.md", 1, ""),
    ]
    assert sorted(catalogue.records) == ["empat"]


def test_duplicate_id_in_two_province_folders_is_reported_in_both(h, content, write_entry):
    write_entry(content, "jawa-timur", "mal-pelayanan-publik")
    write_entry(content, "bali", "mal-pelayanan-publik")
    assert formatted(load(h)) == [
        "content/innovations/bali/mal-pelayanan-publik.md:1:1: error: id 'mal-pelayanan-publik' juga dipakai oleh "
        "content/innovations/jawa-timur/mal-pelayanan-publik.md; nama file harus unik di seluruh katalog",
        "content/innovations/jawa-timur/mal-pelayanan-publik.md:1:1: error: id 'mal-pelayanan-publik' juga dipakai "
        "oleh content/innovations/bali/mal-pelayanan-publik.md; nama file harus unik di seluruh katalog",
    ]


def test_id_used_three_times_names_the_other_two(h, content, write_entry):
    for provinsi in ("bali", "jawa-timur", "aceh"):
        write_entry(content, provinsi, "sama")
    messages = [d.message for d in load(h).diagnostics]
    assert len(messages) == 3
    assert messages[0] == ("id 'sama' juga dipakai oleh content/innovations/bali/sama.md, "
                           "content/innovations/jawa-timur/sama.md; nama file harus unik di seluruh katalog")


def test_folder_must_be_the_province(h, content, write_entry):
    write_entry(content, "jawa-barat", "salah-folder",
                wilayah="\n  provinsi: jawa-timur\n  kabupaten_kota: Kabupaten Tulungagung\n  kode: '35.04'")
    assert formatted(load(h)) == [
        "content/innovations/jawa-barat/salah-folder.md:8:13: error: wilayah.provinsi: file ada di folder "
        "'jawa-barat', tetapi wilayah.provinsi = 'jawa-timur': pindahkan file ke folder 'jawa-timur' atau "
        "perbaiki provinsinya"
    ]


def test_folder_check_points_at_provinsi_wherever_it_is_written(h, content, write_entry):
    wilayah = "\n  kabupaten_kota: Kabupaten Tulungagung\n  kode: '35.04'\n  provinsi: jawa-timur"
    write_entry(content, "bali", "salah-folder", wilayah=wilayah)
    (diag,) = load(h).diagnostics
    assert (diag.line, diag.col, diag.field) == (10, 13, "wilayah.provinsi")


def test_replication_of_a_missing_entry_suggests_the_closest_id(h, content, write_entry):
    write_entry(content, "jawa-timur", "mal-pelayanan-publik")
    write_entry(content, "jawa-timur", "mpp-tulungagung", replikasi_dari=replicating("mal-pelayanan-publk"))
    assert formatted(load(h)) == [
        f"{JATIM}/mpp-tulungagung.md:23:14: error: replikasi_dari[0].inovasi: inovasi 'mal-pelayanan-publk' "
        "tidak ada di katalog (maksud Anda 'mal-pelayanan-publik'?)"
    ]


def test_replication_of_a_missing_entry_without_a_close_id(h, content, write_entry):
    write_entry(content, "jawa-timur", "mal-pelayanan-publik")
    write_entry(content, "jawa-timur", "mpp-tulungagung", replikasi_dari=replicating("mal-pelayanan-publik", "zzz"))
    assert formatted(load(h)) == [
        f"{JATIM}/mpp-tulungagung.md:24:14: error: replikasi_dari[1].inovasi: inovasi 'zzz' tidak ada di katalog"
    ]


def test_replication_of_an_existing_entry(h, content, write_entry):
    write_entry(content, "nasional", "mal-pelayanan-publik",
                instansi="\n  nama: Kementerian PANRB\n  jenis: kementerian")
    write_entry(content, "jawa-timur", "mpp-tulungagung", replikasi_dari=replicating("mal-pelayanan-publik"))
    write_entry(content, "jawa-timur", "mpp-draf", replikasi_dari=replicating("mal-pelayanan-publik"), draf="true")
    catalogue = load(h)
    assert catalogue.diagnostics == []
    # drafts are validated but not shown as replications
    assert [r.id for r in catalogue.replicas_of("mal-pelayanan-publik")] == ["mpp-tulungagung"]
    assert catalogue.replicas_of("mpp-tulungagung") == []


def test_entry_cannot_replicate_itself(h, content, write_entry):
    write_entry(content, "jawa-timur", "adminduk-keliling", replikasi_dari=replicating("adminduk-keliling"))
    assert formatted(load(h)) == [
        f"{JATIM}/adminduk-keliling.md:23:14: error: replikasi_dari[0].inovasi: entri tidak dapat mereplikasi "
        "dirinya sendiri"
    ]


def test_replication_cycle_reports_each_member(h, content, write_entry):
    write_entry(content, "jawa-timur", "layanan-a", replikasi_dari=replicating("layanan-b"))
    write_entry(content, "jawa-timur", "layanan-b", replikasi_dari=replicating("layanan-a"))
    write_entry(content, "jawa-timur", "layanan-c", replikasi_dari=replicating("layanan-a"))  # not on the loop
    assert formatted(load(h)) == [
        f"{JATIM}/layanan-a.md:22:1: error: replikasi_dari: siklus replikasi: layanan-a → layanan-b → layanan-a",
        f"{JATIM}/layanan-b.md:22:1: error: replikasi_dari: siklus replikasi: layanan-a → layanan-b → layanan-a",
    ]


def test_longer_replication_cycle_reports_each_member_once(h, content, write_entry):
    write_entry(content, "jawa-timur", "satu", replikasi_dari=replicating("dua"))
    write_entry(content, "bali", "dua", replikasi_dari=replicating("tiga"))
    write_entry(content, "aceh", "tiga", replikasi_dari=replicating("satu"))
    diags = load(h).diagnostics
    assert sorted(d.path.rsplit("/", 1)[-1] for d in diags) == ["dua.md", "satu.md", "tiga.md"]
    assert {d.message for d in diags} == {"siklus replikasi: dua → tiga → satu → dua"}


def test_chain_without_a_cycle_is_fine(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal")
    write_entry(content, "jawa-timur", "tengah", replikasi_dari=replicating("asal"))
    write_entry(content, "jawa-timur", "ujung", replikasi_dari=replicating("tengah", "asal"))
    assert load(h).diagnostics == []


def test_replicating_a_draft_is_a_warning(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal", draf="true")
    write_entry(content, "jawa-timur", "replika", replikasi_dari=replicating("asal"))
    catalogue = load(h)
    assert catalogue.ok
    assert formatted(catalogue) == [
        f"{JATIM}/replika.md:23:14: warning: replikasi_dari[0].inovasi: inovasi 'asal' masih draf, jadi "
        "tautannya belum tampil di situs"
    ]


def test_a_draft_replicating_a_draft_is_fine(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal", draf="true")
    write_entry(content, "jawa-timur", "replika", replikasi_dari=replicating("asal"), draf="true")
    assert load(h).diagnostics == []


def test_replicating_an_invalid_entry_reports_only_that_entry_s_own_errors(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal", status="Aktif")
    write_entry(content, "jawa-timur", "replika", replikasi_dari=replicating("asal"))
    assert [d.path for d in load(h).diagnostics] == [f"{JATIM}/asal.md"]


def test_only_md_files_outside_hidden_folders_are_entries(h, content, write_entry):
    write_entry(content, "jawa-timur", "adminduk-keliling")
    hidden = content / "innovations" / ".draf" / "x.md"
    hidden.parent.mkdir()
    hidden.write_text("bukan entri")
    (content / "innovations" / "jawa-timur" / "catatan.txt").write_text("bukan entri")
    assert [p.name for p in find_entry_files([ROOT])] == ["adminduk-keliling.md"]


def test_find_entry_files_sorts_and_deduplicates(h, content, write_entry):
    a = write_entry(content, "jawa-timur", "a")
    b = write_entry(content, "bali", "b")
    assert find_entry_files([a, ROOT, a]) == [b, a]


def test_load_without_models_keeps_what_the_cross_checks_need(h, content, write_entry):
    write_entry(content, "jawa-timur", "asal")
    write_entry(content, "bali", "replika", replikasi_dari=replicating("asal", "asal-x"))
    catalogue = check_files(find_entry_files([ROOT]), today=h.TODAY, jobs=1, badges=False)
    record = catalogue.records["replika"]
    # Its own type, honestly: no model and no body to be None.
    assert type(record) is Checked and not hasattr(record, "entry") and not hasattr(record, "body")
    assert all(type(r) is Record for r in load_files(find_entry_files([ROOT]), today=h.TODAY, jobs=1).records.values())
    assert record.replicates == ("asal", "asal-x")
    assert record.instansi == "Pemerintah Kabupaten Tulungagung"
    (diag,) = catalogue.diagnostics
    assert (diag.line, diag.col, diag.field) == (24, 14, "replikasi_dari[1].inovasi")


def test_parallel_load_reports_exactly_what_a_serial_load_does(h, content, write_entry, monkeypatch):
    for index in range(12):
        overrides = {"status": "Aktif"} if index % 3 == 0 else {}
        write_entry(content, "jawa-timur" if index % 2 else "bali", f"entri-{index}", **overrides)
    write_entry(content, "aceh", "entri-1")  # a duplicate across workers
    files = find_entry_files([ROOT])
    serial = load_files(files, today=h.TODAY, jobs=1)
    monkeypatch.setattr(parallel_module, "PARALLEL_FROM", 2)
    parallel = load_files(files, today=h.TODAY, jobs=2)
    assert parallel.diagnostics == serial.diagnostics
    assert sorted(parallel.records) == sorted(serial.records)
    assert len(serial.errors) == 6


def test_the_catalogue_uses_the_given_today(h, content, write_entry):
    write_entry(content, "jawa-timur", "baru", diperbarui="2026-06-03")
    assert not load(h).ok
    assert load_catalogue(ROOT, today=h.TODAY.replace(day=3), jobs=1).ok


@pytest.mark.unit
def test_paths_are_named_as_relpath_would_name_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`display_path` and `_source` take a shortcut for plain absolute paths (string work only):
    it gives what `os.path.relpath` gives, for paths below the folder and beside it, with `.`,
    `..`, doubled separators, hidden names and the folder itself."""
    import os

    from generator.catalogue import _source, display_path

    here = tmp_path / "kerja"
    (here / "content").mkdir(parents=True)
    monkeypatch.chdir(here)
    base = str(here)
    names = ["content/innovations/aceh/a.md", "content/.tersembunyi/a.md", "a.md", "content", ""]
    paths = [f"{base}/{n}".rstrip("/") for n in names]
    paths += [f"{base}x/a.md", f"{base}/../kerja/content/a.md", f"{base}/./content/a.md", f"{base}//content/a.md",
              f"{base}/content/../a.md", "/", "/etc/passwd", str(tmp_path), f"{base}/content/innovations/aceh/"]
    for text in paths:
        path = Path(text)
        relative = os.path.relpath(path)
        assert display_path(path) == (str(path) if relative.startswith("..") else relative), text
        for docs in (here / "content", Path(f"{base}/content/"), Path(f"{base}/./content"), Path("/")):
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(docs))
            expected = path.name if relative.startswith("..") else relative.replace(os.sep, "/")
            assert _source(path, docs) == expected, (text, docs)
    assert display_path(Path("content/a.md")) == "content/a.md"  # relative: as given
