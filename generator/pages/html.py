"""Small pieces every page builder uses: escaping, safe links, levels and dates in HTML, and the
Jinja environment of the templates an adopter can override (`templates()`).

Every value that comes from an entry passes through `e()` (text and attributes alike), through a
template (autoescaped), or through `json_script()` (JSON in a <script>); page builders never put
a front-matter value in HTML any other way. A value handed to a template as `Markup` is HTML
this module or the Markdown sanitiser made safe; nothing else is.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import ChainMap
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.runtime
from jinja2.compiler import CodeGenerator
from markupsafe import Markup, escape

from ..text import angka, tanggal

THEME = Path(str(resources.files("generator") / "theme"))
"""The katalog theme (package data: templates, stylesheet, scripts, images), which the plugin puts
between a site's own `custom_dir` and Material's: the default templates, found after the site's
own overrides."""


try:  # MarkupSafe's own escaping, in C where it is built (its pure-Python twin otherwise)
    from markupsafe._speedups import _escape_inner
except ImportError:  # pragma: no cover - a MarkupSafe without its C extension
    from markupsafe._native import _escape_inner


def escape_text(text: str) -> str:
    """`html.escape(text, quote=True)` (`&quot;` and `&#x27;` for the quotes), in one pass in C:
    MarkupSafe escapes the same five characters, writing the quotes as `&#34;` and `&#39;`,
    which are then the only `&#` of its result (every `&` of the text became `&amp;`). About
    half html.escape's cost; a page escapes some 170 values."""
    out = _escape_inner(text)
    if "&#" in out:
        out = out.replace("&#34;", "&quot;").replace("&#39;", "&#x27;")
    return out


def e(value: Any) -> str:
    """Text or attribute value, escaped (quotes included)."""
    return escape_text(str(value))


def json_script(data: Any) -> str:
    """JSON safe inside <script>: what Jinja's `tojson` filter does (`<`, `>`, `&`, `'` as \\u escapes)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def safe_url(url: str | None) -> str | None:
    """An http(s) URL, or None. The model already insists on it; this keeps templates honest."""
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # `http://[x/`: no address a browser opens
        return None
    return url if scheme in ("http", "https") else None


def time_tag(day: date | None) -> str:
    if day is None:
        return ""
    return f'<time datetime="{day.isoformat()}">{tanggal(day)}</time>'


# --- templates ----------------------------------------------------------------------------------

_PROTECTED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
# Elements a line break beside means nothing to (not inline: no space is lost next to them).
_BLOCK = frozenset(
    "address article aside body br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
    "head header hr html li link main meta nav ol p script section summary table tbody td tfoot th thead "
    "title tr ul".split())
# A line break between a tag and the next tag, Jinja statement or expression end and a tag.
_BREAK = re.compile(r"(?:<(/?)([a-zA-Z][a-zA-Z0-9]*)[^<>]*>|\}\})\n(?=\{%|</?([a-zA-Z][a-zA-Z0-9]*))")


def _drop_break(match: re.Match[str]) -> str:
    """The break goes when a block's tag is on either side of it; a Jinja statement after it
    (`{% for %}`, `{% endif %}`: its own line's break is trimmed) counts as the next line's."""
    before, after = (match.group(2) or "").lower(), (match.group(3) or "").lower()
    return match.group(0)[:-1] if before in _BLOCK or after in _BLOCK else match.group(0)


def fold_breaks(html: str) -> str:
    """`html` without the line breaks beside a block's tags (see `_BLOCK`); not for text that
    holds <pre> or <textarea>."""
    return _BREAK.sub(_drop_break, html)


def _fold(source: str) -> str:
    """A template's source with the indentation of its lines dropped (outside <pre> and
    <textarea>), and the line break between two tags when one of them is a block's (`</li>`,
    `<ul>`, `<h2 …>`): templates stay readable, and 32,000 pages do not carry their layout."""
    pieces = _PROTECTED.split(source)
    # split() with two groups yields [text, whole match, tag name, text, ...]
    out = []
    for i in range(0, len(pieces), 3):
        out.append(fold_breaks(_INDENT.sub("\n", pieces[i])))
        if i + 1 < len(pieces):
            out.append(pieces[i + 1])
    return "".join(out)


class _Loader(jinja2.FileSystemLoader):
    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, uptodate = super().get_source(environment, template)
        return _fold(source), filename, uptodate


def search_path(dirs: tuple[str, ...] | None) -> tuple[str, ...]:
    """Where templates are looked up: the site's theme dirs (its `custom_dir` first), then ours."""
    out = [os.path.abspath(d) for d in dirs or ()]
    if str(THEME) not in out:
        out.append(str(THEME))
    return tuple(dict.fromkeys(out))


def tojson(data: Any) -> Markup:
    """The `tojson` filter: JSON safe inside <script> (see `json_script`)."""
    return Markup(json_script(data))


def time_markup(day: date | None) -> Markup:
    """The `waktu` filter: a <time> element, or nothing."""
    return Markup(time_tag(day))


def _finalize(value: Any) -> Any:
    """Plain text escaped the way `e()` escapes it (`&quot;`, `&#x27;`), so a page reads the same
    whether a template or Python wrote it; Markup and other values go to autoescape as they are."""
    if type(value) is str:
        return Markup(html.escape(value, quote=True))
    return value


def _output(value: Any) -> str:
    """What `{{ value }}` writes where autoescape is on: `escape(_finalize(value))` in one call
    (`_Compiler`). Plain text escaped as `_finalize` escapes it, Markup as it is, anything else
    as autoescape writes it; a page writes about 150 values, 32,000 pages a build."""
    if type(value) is str:
        return escape_text(value)
    if type(value) is Markup:
        return value
    return escape(value)


class _Compiler(CodeGenerator):
    """Jinja's code generator, writing an autoescaped output as one call of `_output` instead
    of `escape(environment.finalize(…))`: the same text, without a Markup made and unmade
    around every value. Elsewhere (an `{% autoescape %}` block, constants) Jinja's own code."""

    def _output_child_pre(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write("environment.output(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: Any, frame: Any, finalize: Any) -> None:
        if frame.eval_ctx.autoescape and not frame.eval_ctx.volatile and finalize.src is not None:
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


class _Template(jinja2.Template):
    """Jinja's template, with the module an `{% import %}` gives found without the generic set
    difference (`ctx.globals_keys - self.globals.keys()`, which `collections.abc` runs in Python
    for a ChainMap's keys: a tenth of an entry page's template time, for four imports a page).
    The same keys, the same module: the cached one when the importing context has no global of
    its own that this template lacks."""

    def _get_default_module(self, ctx: Any = None) -> Any:
        if self.environment.is_async:
            raise RuntimeError("Module is not available in async mode.")
        if ctx is not None:
            own = self.globals
            # Not in any of a ChainMap's maps is not in it: one set operation in C.
            keys = (ctx.globals_keys.difference(*own.maps) if type(own) is ChainMap
                    else {k for k in ctx.globals_keys if k not in own})
            if keys:
                return self.make_module({k: ctx.parent[k] for k in keys})
        if self._module is None:
            self._module = self.make_module()
        return self._module


class _Context(jinja2.runtime.Context):
    """Jinja's context, calling a macro the way `Context.call` does (a macro takes the eval
    context first, `_loop_vars` and `_block_vars` are not passed on) without first asking the
    macro what it takes: a page calls some fifteen macros. Anything else: `Context.call`."""

    def call(__self, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's own signature
        if type(__obj) is not _Macro or "__call__" in __obj.__dict__:
            return super().call(__obj, *args, **kwargs)
        kwargs.pop("_block_vars", None)
        kwargs.pop("_loop_vars", None)
        try:
            return _Macro.__call__(__obj, __self.eval_ctx, *args, **kwargs)
        except StopIteration:
            return __self.environment.undefined("value was undefined because a callable raised a"
                                                " StopIteration exception")


_Macro = jinja2.runtime.Macro


class _Environment(jinja2.Environment):
    code_generator_class = _Compiler
    template_class = _Template
    context_class = _Context
    output = staticmethod(_output)


def _join(items: Any, separator: str = "") -> Markup:
    """The `join` filter, escaping like `_finalize` (Jinja's own would write `&#34;` for `"`)."""
    return Markup(e(separator).join(str(x.__html__()) if hasattr(x, "__html__") else e(x) for x in items))


@lru_cache(maxsize=8)
def templates(dirs: tuple[str, ...] | None = None) -> jinja2.Environment:
    """The template environment of one build, once per process and search path (`dirs` are the
    site's theme dirs, custom_dir first; ours come last). Compiled templates stay in it: a
    worker process compiles each template once, or inherits it compiled through the fork."""
    env = _Environment(
        loader=_Loader(list(search_path(dirs))),
        autoescape=True,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        cache_size=-1,
        finalize=_finalize,
    )
    env.filters.update(join=_join, tojson=tojson, waktu=time_markup, tanggal=tanggal, angka=angka)
    return env


def render(dirs: tuple[str, ...] | None, name: str, **data: Any) -> str:
    return templates(dirs).get_template(name).render(**data)
