"""The contributing guide: how to add an innovation, and the field reference generated from the
entry model (its JSON Schema) and the vocabularies, so the guide always matches the validator.

The markup is the template `katalog/kontribusi.html` (theme/, or the site's own `custom_dir`);
this module builds the data: the reference's rows (`reference.rows`) and the long vocabularies.
"""

from __future__ import annotations

import re
from types import SimpleNamespace as NS

from .. import reference
from .. import vocabulary as v
from ..urls import field_anchor
from .html import render

TEMPLATE = "katalog/kontribusi.html"
_SHORT_ENUM = 12  # longer vocabularies are listed in their own table below


_LONG = {frozenset(values): name for name, values in v.ALL.items() if len(values) > _SHORT_ENUM}


def _pieces(text: str) -> list[NS]:
    """Reference text in pieces: plain text, and the `code` between backticks (`kode` true)."""
    parts = re.split(r"`([^`]+)`", text)
    return [NS(teks=part, kode=i % 2 == 1) for i, part in enumerate(parts) if part]


def _describe(text: str) -> list[NS]:
    """A description in pieces, ending with a full stop."""
    text = text.strip()
    pieces = _pieces(text)
    if text and not text.endswith((".", "!", "?", ")")):
        pieces.append(NS(teks=".", kode=False))
    return pieces


def _kind(kind: str) -> NS:
    """The reference's words for a type; a long vocabulary links to its table below (`kosakata`:
    its name, `jumlah`: its number of values, `daftar`: a list of them)."""
    match = re.search(r"pilihan `([a-z_]+)` \((\d+) nilai", kind)
    if match:
        return NS(kosakata=match.group(1), jumlah=int(match.group(2)), daftar=kind.startswith("daftar"), teks=[])
    pieces = _pieces(kind.strip())
    if pieces and not pieces[-1].kode:
        pieces[-1].teks = pieces[-1].teks.rstrip(".")
    return NS(kosakata=None, jumlah=0, daftar=False, teks=[p for p in pieces if p.teks])


def field_rows() -> list[NS]:
    """The same rows as CONTRIBUTING.md's reference (`reference.rows`, from the model's schema)."""
    return [NS(kunci=path, id=field_anchor(path), wajib=required, isi=_kind(kind), keterangan=_describe(description),
               batas=limits)
            for path, kind, required, limits, description in reference.rows()]


def vocabularies() -> list[NS]:
    """The vocabularies too long to list in a row, each with its values and labels."""
    return [NS(nama=name, nilai=list(v.ALL[name].items())) for name in sorted(_LONG.values())]


def contributing_data(quality_url: str | None = None, form_url: str | None = None) -> NS:
    """What `katalog/kontribusi.html` receives as `kontribusi`. `form_url`: the *Usulkan inovasi*
    issue form (`entry.proposal_form`), none when the repository is not on GitHub."""
    return NS(kualitas_href=quality_url, formulir=form_url, bidang=field_rows(), kosakata=vocabularies())


def contributing_html(quality_url: str | None = None, dirs: tuple[str, ...] | None = None,
                      form_url: str | None = None) -> str:
    """`dirs`: the site's theme dirs, its `custom_dir` first (`SiteContext.templates`)."""
    return render(dirs, TEMPLATE, kontribusi=contributing_data(quality_url, form_url))
