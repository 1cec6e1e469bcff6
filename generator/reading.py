"""Values as staff write them, read back into what the front matter holds: dates (`1 Maret 2024`,
`12/03/2022`), years (`2023-2025`), a value of a vocabulary by its slug, its label or another word
for it (`Pemerintah Kabupaten`, `Jatim`, `Perbup`), and legal citations (`Peraturan Bupati TTS
Nomor 17 Tahun 2022`, `Perbup No. 17/2022`, `SK Bupati Nomor 800/12/2021`).

One reader for every way in: the issue form (`intake`), the spreadsheet (`katalog impor`), the
questions of `katalog new` and validation's "maksud Anda …?". Neutral helpers: nothing here knows
an entry, and nothing raises on bad input (a reading is None, or comes with the reason in words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import cache

from . import vocabulary as v
from .text import BULAN

_MONTHS = {name.lower(): n for n, name in enumerate(BULAN, 1)}
_MONTHS.update({name.lower()[:3]: n for n, name in enumerate(BULAN, 1)})
_MONTHS.update({"agt": 8, "ags": 8, "sept": 9, "nop": 11, "nopember": 11, "pebruari": 2, "peb": 2,
                "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "august": 8,
                "october": 10, "oct": 10, "december": 12, "dec": 12, "aug": 8})
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|2[01]\d\d)(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*(?:-|–|—|s\.?\s*/?\s*d\.?|sampai|hingga)\s*((?:19|20)\d\d)(?!\d)", re.I)
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})")
_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_WORDS = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
_MONTH_YEAR = re.compile(r"(?:([A-Za-z]+)\.?|(\d{1,2})[-/.])\s*(\d{4})")
_JUST_YEAR = re.compile(r"(?:tahun\s+)?(\d{4})", re.I)

DATE_HELP = "tulis tanggal seperti 2024-03-01, 1-3-2024 atau 1 Maret 2024"


def read_date(text: str) -> date | None:
    """`2024-03-01`, `2024-3-1`, `1-3-2024`, `1/3/2024`, `1.3.2024`, `1 Maret 2024` → the date;
    None when it is not a date (or not one on the calendar). Day before month, as Indonesians
    write it: `12/03/2022` is 12 March."""
    t = " ".join(text.strip().rstrip(".").split())
    try:
        if m := _ISO.fullmatch(t):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _DMY.fullmatch(t):
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _WORDS.fullmatch(t)
        if m and m.group(2).lower() in _MONTHS:
            return date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    except ValueError:
        return None
    return None


def partial_date(text: str) -> str | None:
    """What a text that is not a whole date still says, in words, when it is a year or a month
    and year (`2019`, `Maret 2019`, `3/2019`): the rule for dates is then explained, not guessed."""
    t = " ".join(text.strip().rstrip(".").split())
    if m := _JUST_YEAR.fullmatch(t):
        return f"hanya tahun ({m.group(1)})"
    m = _MONTH_YEAR.fullmatch(t)
    if m and (m.group(1) or "").lower() in _MONTHS:
        return f"hanya bulan dan tahun ({BULAN[_MONTHS[m.group(1).lower()] - 1]} {m.group(3)})"
    if m and m.group(2) and 1 <= int(m.group(2)) <= 12:
        return f"hanya bulan dan tahun ({BULAN[int(m.group(2)) - 1]} {m.group(3)})"
    return None


def date_problem(text: str, what: str = "tanggal ini") -> str:
    """Why `text` is not a date, and what to write: a year alone or a month and year is explained
    (a date field holds the whole date: the day it started, from its decree or first report), a
    date on no calendar is named as such."""
    shown = " ".join(text.split())
    partial = partial_date(shown)
    if partial:
        years = read_years(shown)
        return (f"'{shown}' {partial}, padahal {what} memerlukan tanggal lengkap (hari, bulan, tahun); tulis "
                f"tanggal lengkapnya seperti tercantum di dokumennya, misalnya {years[-1] if years else 2019}-03-01")
    if _ISO.fullmatch(shown) or _DMY.fullmatch(shown):
        return f"'{shown}' tidak ada di kalender; periksa hari dan bulannya ({DATE_HELP})"
    return f"'{shown}' bukan tanggal yang dikenali; {DATE_HELP}"


def read_years(text: str) -> list[int] | None:
    """`2024, 2025`, `2023-2026`, `2022 s.d. 2024`, `2024 dan 2025` → the years, sorted; None when
    the text holds none."""
    years: list[int] = []
    for start, end in _RANGE.findall(text):
        low, high = sorted((int(start), int(end)))
        if high - low <= 50:
            years += range(low, high + 1)
    years += [int(y) for y in _YEAR.findall(_RANGE.sub(" ", text))]
    return sorted(set(years)) or None


def read_year(text: str) -> int | None:
    """One year: `2023`, or the year of a date (`12 Maret 2023`); None for none or several."""
    day = read_date(text)
    if day is not None:
        return day.year
    years = read_years(text)
    return years[0] if years and len(years) == 1 else None


# --- a value of a vocabulary --------------------------------------------------------------------


def alias(text: str, vocabulary: str) -> str | None:
    """The value `text` names by its slug, its label or another word for it (vocab/alias.yaml),
    in any case; None when it names none."""
    wanted = v.normal(text)
    if not wanted:
        return None
    exact, prefixes = _names(vocabulary)
    if wanted in exact:
        return exact[wanted]
    if " " not in wanted:
        for prefix, slug in prefixes:
            if wanted.startswith(prefix):
                return slug
    return None


@cache
def _names(vocabulary: str) -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """Every name of every value of a vocabulary, normalised (slugs and labels first, then the
    aliases), and the aliases that name every word they begin (`permen*`)."""
    table = v.ALIAS.get(vocabulary, {})
    exact = {word: slug for word, slug in table.items() if not word.endswith("*")}
    for slug, label in v.ALL.get(vocabulary, {}).items():
        exact[v.normal(label)] = slug
        exact[v.normal(slug)] = slug
    prefixes = tuple((word[:-1], slug) for word, slug in table.items() if word.endswith("*"))
    return exact, prefixes


def choice(text: str, vocabulary: str) -> tuple[str | None, str | None]:
    """(slug, None) for a value named by its slug, label or alias in any case; (slug, note) for a
    near miss read as the closest value; (None, message) when nothing is close."""
    values = v.ALL[vocabulary]
    found = alias(text, vocabulary)
    if found is not None:
        return found, None
    wanted = v.normal(text)
    names = {v.normal(slug): slug for slug in values} | {v.normal(label): slug for slug, label in values.items()}
    names |= {word: slug for word, slug in v.ALIAS.get(vocabulary, {}).items() if not word.endswith("*")}
    close = get_close_matches(wanted, list(names), n=1, cutoff=0.75)
    if close:
        slug = names[close[0]]
        return slug, f"'{text}' dibaca sebagai '{slug}' ({values[slug]}); perbaiki bila salah"
    return None, f"'{text}' bukan pilihan yang dikenal; pilih salah satu: {', '.join(values)}"


def choices(text: str, vocabulary: str) -> tuple[list[str], list[str]]:
    """Several values, `A, B` or one per line; labels may hold commas themselves (`Ketenteraman,
    Ketertiban Umum, dan Pelindungan Masyarakat`), so known labels are matched longest first.
    Returns the slugs (in order, once each) and a note for every piece read as a near miss or
    not read at all."""
    names = sorted({*v.ALL[vocabulary].values(), *v.ALL[vocabulary]}, key=len, reverse=True)
    rest = " ".join(text.replace(";", ",").split()).strip(", ")
    chosen: list[str] = []
    problems: list[str] = []
    while rest:
        for name in names:
            size = len(name)
            if rest[:size].casefold() == name.casefold() and rest[size:size + 1] in ("", ","):
                chosen.append(alias(name, vocabulary) or name)
                rest = rest[size:].lstrip(", ").strip()
                break
        else:
            piece, _, rest = rest.partition(",")
            rest = rest.strip()
            slug, note = choice(piece.strip(), vocabulary)
            if note:
                problems.append(note)
            if slug:
                chosen.append(slug)
    return list(dict.fromkeys(chosen)), problems


# --- legal citations ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Citation:
    """A legal basis as staff write it, read into the front matter's parts."""

    jenis: str  # a slug of jenis_dasar_hukum
    nomor: str | None
    tahun: int | None
    judul: str | None = None  # what follows "tentang"


_NUMBER_WORD = r"(?:nomor|nomer|no|nr)"
_YEAR_WORD = r"(?:tahun|thn|th|tah)"
_TOKEN_REST = r"[0-9A-Za-z./\-]*"
_TOKEN = r"[0-9A-Za-z]" + _TOKEN_REST
_ABOUT = re.compile(r"\btentang\b\s*:?\s*(.+)$", re.I)


def _kind_at_start(text: str) -> tuple[str | None, str]:
    """The jenis a citation starts with (the longest alias or label that begins it), and the
    rest of the text after it."""
    words = text.split()
    best: tuple[int, str] | None = None
    for size in range(min(len(words), 8), 0, -1):
        found = alias(" ".join(words[:size]), "jenis_dasar_hukum")
        if found is not None:
            best = (size, found)
            break
    if best is None:
        return None, text
    return best[1], " ".join(words[best[0]:])


def read_citation(text: str) -> Citation | None:
    """`Peraturan Bupati TTS Nomor 17 Tahun 2022 tentang …`, `Perbup No. 17/2022`, `perbup
    no.17 thn 2022`, `UU 23/2014`, `SK Bupati Nomor 800/12/2021` → jenis, nomor, tahun (and
    what it is about); None when the text does not start with a kind of legal basis.

    A decree's number keeps every part, its year included (`800/12/2021`, as the decree is
    cited); a regulation's `17/2022` is number 17 of 2022."""
    cleaned = " ".join(text.replace("\u00a0", " ").split()).strip(" .;")
    cleaned = re.sub(r"(?<=[\w.])\s*/\s*(?=\w)", "/", cleaned)
    if not cleaned:
        return None
    kind, rest = _kind_at_start(cleaned)
    if kind is None:
        return None
    judul = None
    if about := _ABOUT.search(rest):
        judul = about.group(1).strip(" .;") or None
        rest = rest[: about.start()]
    rest = re.sub(rf"\b{_NUMBER_WORD}\.", "nomor ", rest, flags=re.I)
    rest = re.sub(rf"\b{_YEAR_WORD}\.", "tahun ", rest, flags=re.I)
    nomor = tahun = None
    marked = re.search(rf"\b{_NUMBER_WORD}\b\s*:?\s*({_TOKEN})", rest, re.I)
    token = marked.group(1) if marked else None
    after = rest[marked.end():] if marked else ""
    if token is None:
        bare = re.search(rf"(?<![\w/])(\d{_TOKEN_REST})", rest)
        if bare:
            token, after = bare.group(1), rest[bare.end():]
    if token is not None:
        token = token.rstrip(".,-/")
        written_year = re.match(rf"^\s*,?\s*{_YEAR_WORD}\b\s*:?\s*(\d{{4}})\b", after, re.I)
        if written_year:
            tahun = int(written_year.group(1))
        parts = token.split("/")
        last_is_year = len(parts) >= 2 and re.fullmatch(r"(19|20)\d\d", parts[-1]) is not None
        if last_is_year and tahun is None:
            tahun = int(parts[-1])
        if last_is_year and kind != "sk" and len(parts) == 2:
            token = parts[0]
        nomor = token or None
    if tahun is None:
        years = re.findall(rf"\b{_YEAR_WORD}\b\s*:?\s*(\d{{4}})\b", rest, re.I)
        if years:
            tahun = int(years[0])
    return Citation(kind, nomor, tahun, judul)


def citation_problem(text: str, found: Citation | None) -> str | None:
    """What a citation still lacks, in words (None when jenis, nomor and tahun are all there)."""
    if found is None:
        kinds = ", ".join(v.ALL["jenis_dasar_hukum"])
        return (f"'{text}' tidak dikenali sebagai dasar hukum; awali dengan jenisnya ({kinds}, atau sebutan seperti "
                "Perbup, Pergub, Perwali, SK Bupati), misalnya 'Peraturan Bupati Tulungagung Nomor 12 Tahun 2019'")
    missing = [name for name, value in (("nomor", found.nomor), ("tahun", found.tahun)) if value is None]
    if not missing:
        return None
    return (f"'{text}' belum menyebut {' dan '.join(missing)}nya; tulis misalnya "
            "'Peraturan Bupati Tulungagung Nomor 12 Tahun 2019' atau 'Perbup No. 12/2019'")
