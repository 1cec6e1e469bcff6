"""The field-by-field reference of the front matter, generated from the model's JSON Schema, so
the contributing guide (CONTRIBUTING.md and the site's Kontribusi page) never drifts from it.
"""

from __future__ import annotations

from typing import Any

from . import vocabulary as v
from .model import json_schema

BEGIN = "<!-- referensi-bidang: dibuat oleh `katalog reference`, jangan disunting -->"
END = "<!-- /referensi-bidang -->"
MAX_INLINE_CHOICES = 10


def _resolve(schema: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The schema without `$ref` and `null` alternatives; whether null was allowed."""
    nullable = False
    if "anyOf" in schema:
        options = [s for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = len(options) < len(schema["anyOf"])
        schema = {**options[0], **{k: val for k, val in schema.items() if k != "anyOf"}} if options else {}
    if "$ref" in schema:
        target = defs[schema["$ref"].rsplit("/", 1)[-1]]
        schema = {**target, **{k: val for k, val in schema.items() if k != "$ref"}}
    return schema, nullable


def _kind(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    schema, _ = _resolve(schema, defs)
    if "enum" in schema:
        values = schema["enum"]
        name = schema.get("x-vocabulary") or _vocabulary_name(values)
        if len(values) > MAX_INLINE_CHOICES and name:
            return f"pilihan `{name}` ({len(values)} nilai: `katalog vocabulary {name}`)"
        return "pilihan: " + ", ".join(f"`{x}`" for x in values)
    kind = schema.get("type")
    if kind == "array":
        return "daftar " + _kind(schema.get("items", {}), defs)
    if kind == "object":
        return "kelompok"
    fmt = schema.get("format")
    if fmt == "date":
        return "tanggal TTTT-BB-HH"
    if fmt == "uri":
        return "tautan http(s)"
    if fmt == "email":
        return "email"
    words = {"string": "teks", "integer": "bilangan bulat", "number": "angka", "boolean": "true/false"}
    return words.get(kind, "nilai")


def _vocabulary_name(values: list[str]) -> str | None:
    for name, vocab in v.ALL.items():
        if set(vocab) == set(values):
            return name
    return None


def _limits(schema: dict[str, Any], defs: dict[str, Any]) -> str:
    schema, _ = _resolve(schema, defs)
    parts = []
    if "minLength" in schema and "maxLength" in schema:
        parts.append(f"{schema['minLength']}–{schema['maxLength']} karakter")
    elif "maxLength" in schema and schema.get("format") not in ("uri", "email"):
        parts.append(f"maks. {schema['maxLength']} karakter")
    elif "minLength" in schema:
        parts.append(f"min. {schema['minLength']} karakter")
    if "minItems" in schema:
        parts.append(f"min. {schema['minItems']} butir")
    if "minimum" in schema and "maximum" in schema:
        parts.append(f"{schema['minimum']}–{schema['maximum']}")
    elif "minimum" in schema:
        parts.append(f"≥ {schema['minimum']}")
    return "; ".join(parts)


def rows(schema: dict[str, Any] | None = None) -> list[tuple[str, str, bool, str, str]]:
    """(field path, kind, required, limits, description) for every field, depth first."""
    schema = schema or json_schema()
    defs = schema.get("$defs", {})
    out: list[tuple[str, str, bool, str, str]] = []

    def walk(node: dict[str, Any], prefix: str) -> None:
        required = set(node.get("required", ()))
        for name, prop in node.get("properties", {}).items():
            resolved, _ = _resolve(prop, defs)
            path = f"{prefix}{name}"
            description = prop.get("description") or resolved.get("description", "")
            out.append((path, _kind(prop, defs), name in required, _limits(prop, defs), description))
            if resolved.get("type") == "object" and "properties" in resolved:
                walk(resolved, path + ".")
            elif resolved.get("type") == "array":
                item, _ = _resolve(resolved.get("items", {}), defs)
                if item.get("type") == "object" and "properties" in item:
                    walk(item, path + "[]. ")

    walk(schema, "")
    return [(p.replace("[]. ", "[]."), k, r, lim, d) for p, k, r, lim, d in out]


def markdown() -> str:
    """The reference as a Markdown table, between markers so a file can embed and refresh it."""
    lines = [BEGIN, "", "| Bidang | Isi | Wajib | Batas | Keterangan |", "|---|---|---|---|---|"]
    for path, kind, required, limits, description in rows():
        cells = [f"`{path}`", kind, "ya" if required else "", limits, description.replace("|", "\\|")]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", END]
    return "\n".join(lines) + "\n"


def embed(text: str) -> str:
    """`text` with its reference section replaced by the current one."""
    start, end = text.find(BEGIN), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"penanda {BEGIN!r} … {END!r} tidak ditemukan")
    return text[:start] + markdown().rstrip("\n") + text[end + len(END):]
