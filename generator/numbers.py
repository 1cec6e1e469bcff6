"""Numbers as Indonesians write them, read back into the plain numbers the front matter needs.

Indonesian writes thousands with a dot and decimals with a comma (`1.250.000`, `24,1`); YAML
reads the opposite (`1.250` is one and a quarter). This module only *reads* such text, to tell
an author exactly what to write instead; the front matter itself always takes plain numbers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

THOUSANDS_DOT = re.compile(r"[-+]?[0-9]{1,3}(?:\.[0-9]{3})+")
"""A number YAML reads as a decimal but an Indonesian reads as thousands: `1.250`, `12.000`."""

MULTIPLIERS = {
    "ribu": 1_000, "rb": 1_000, "k": 1_000,
    "juta": 1_000_000, "jt": 1_000_000,
    "miliar": 1_000_000_000, "milyar": 1_000_000_000, "m": 1_000_000_000,
    "triliun": 1_000_000_000_000, "t": 1_000_000_000_000,
}
_CURRENCY = re.compile(r"^(?:rp\.?|idr|usd|\$)\s*", re.IGNORECASE)
_CORE = re.compile(r"^([-+]?[0-9][0-9.,]*)\s*(.*)$")
_GROUPED = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_COMMA_DECIMAL = re.compile(r"[0-9]+,[0-9]+")
_DOT_DECIMAL = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_UNIT = re.compile(r"^[^\W\d_][\w/%.\-]*(?:\s+[^\W\d_][\w/%.\-]*){0,3}$")


def plain(value: float) -> str:
    """A number as the front matter wants it: `2500000`, `24.1`, never `2.5e+06`."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.10f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Reading:
    """What a text probably means as a number, and the other meaning when it is ambiguous."""

    value: float
    other: float | None = None  # `1,250`: 1250 to an Indonesian eye, 1.25 as a decimal comma
    percent: bool = False


def read(text: str) -> Reading | None:
    """The number an Indonesian means by `text` (`Rp 2,5 juta`, `1.250.000`, `24,1%`,
    `2 juta`, `800 orang`), or None when it is not a number with decorations."""
    rest = _CURRENCY.sub("", text.strip())
    match = _CORE.match(rest)
    if not match:
        return None
    core, tail = match.group(1), match.group(2).strip()
    sign = -1.0 if core.startswith("-") else 1.0
    core = core.lstrip("+-")
    percent = tail.startswith("%")
    if percent:
        tail = tail[1:].strip()
    factor = 1
    if tail:
        first, _, after = tail.partition(" ")
        if first.lower().rstrip(".") in MULTIPLIERS:
            factor = MULTIPLIERS[first.lower().rstrip(".")]
            tail = after.strip()
        if tail and not _UNIT.match(tail):
            return None  # a sentence that happens to start with a number
    other = None
    if _GROUPED.fullmatch(core):
        whole, _, decimals = core.partition(",")
        value = float(whole.replace(".", "") + ("." + decimals if decimals else ""))
    elif _COMMA_DECIMAL.fullmatch(core):
        whole, decimals = core.split(",")
        value = float(f"{whole}.{decimals}")
        if len(decimals) == 3 and factor == 1 and not percent:
            other, value = value, float(whole + decimals)
    elif _DOT_DECIMAL.fullmatch(core):
        value = float(core)
    else:
        return None
    scale = sign * factor
    return Reading(value * scale, None if other is None else other * scale, percent)


def hint(text: str) -> str | None:
    """What to write instead of a number written as text, in the author's words."""
    reading = read(text)
    if reading is None:
        return None
    if reading.other is not None:
        return (f"tulis {plain(reading.value)} bila koma itu pemisah ribuan, atau {plain(reading.other)} bila koma "
                "itu tanda desimal (di sini tanda desimal adalah titik)")
    what = f"tulis angkanya saja: {plain(reading.value)}"
    if reading.percent:
        what += " (tanpa tanda %)"
    return what


def thousands_dot_message(source: str, read_as: float) -> str:
    """The error for `1.250` written where a number belongs: how it was read, and what to write
    for either meaning. When the fraction reads exactly as written (`38.412`), the fraction is
    written with a fourth decimal (`38.4120`), which cannot be taken for thousands."""
    thousands = plain(float(source.replace(".", "")))
    fraction = plain(read_as)
    if fraction == source.lstrip("+"):
        whole, _, decimals = source.partition(".")
        return (f"{source} terbaca sebagai pecahan ({whole} koma {decimals}), karena di sini titik adalah tanda "
                f"desimal; bila maksudnya ribuan tulis {thousands} (tanpa titik), bila memang pecahan tulis "
                f"{source}0 (angka 0 di belakang membuatnya tidak terbaca sebagai ribuan)")
    return (f"{source} terbaca sebagai {fraction}, karena di sini titik adalah tanda desimal; "
            f"bila maksudnya ribuan tulis {thousands} (tanpa titik), bila memang pecahan tulis {fraction}")


def written(value: float) -> str:
    """A number as text that `read` gives back exactly, the Indonesian way: whole numbers without
    separators (`1250`), decimals with a comma (`91,5`); three decimals get a fourth (`38,4120`),
    since `38,412` could be thousands. For writing numbers into a spreadsheet or a form answer."""
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.12f}".rstrip("0")
    whole, _, decimals = text.partition(".")
    if len(decimals) == 3:
        decimals += "0"
    return f"{whole},{decimals}"
