"""The Indonesian sentences the rules share, and the key paths and minimal YAML snippets that
name what is missing.
"""


from __future__ import annotations

import json
import re
from collections.abc import Sequence

from .. import placeholders
from ..text import gabung

# --- Indonesian sentences -----------------------------------------------------------------------



def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def to_reach(level: int) -> str:
    return f"untuk naik ke level {level}"


def with_unit(value: str, unit: str | None) -> str:
    if not unit:
        return value
    return f"{value}{unit}" if unit == "%" else f"{value} {unit}"


def some_of(names: Sequence[str], limit: int) -> str:
    shown = list(names[:limit])
    if len(names) > limit:
        shown.append(f"{len(names) - limit} lainnya")
    return gabung(shown)


def label_of(vocabulary: dict[str, str], slug: str) -> str:
    return vocabulary.get(slug, slug).lower()



# --- what is missing: key paths and YAML snippets ---------------------------------------------

_PLAIN = re.compile(r"[A-Za-z][\w ()/.,–-]*")


def yaml_scalar(value: str) -> str:
    """A string as a YAML scalar: plain when it reads back as the same string, else JSON-quoted
    (a JSON string is a YAML double-quoted scalar)."""
    if _PLAIN.fullmatch(value) and not value.endswith((" ", ".")) and value.casefold() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def nest(path: str, lines: Sequence[str]) -> str:
    """`lines` (YAML of the innermost mapping) nested under the keys of `path` ("a.b" or "a[]")."""
    out = list(lines)
    for part in reversed(path.split(".")):
        if part.endswith("[]"):
            out = [f"  - {out[0]}", *(f"    {line}" for line in out[1:])]
            part = part[:-2]
        else:
            out = [f"  {line}" for line in out]
        out.insert(0, f"{part}:")
    return "\n".join(out)


EXAMPLE_URL = placeholders.EXAMPLE_URL  # every example value comes from the one list
