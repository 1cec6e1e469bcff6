"""The build date, the only "today" the generator knows.

Badges (the budget window of *berkelanjutan*) and the *perlu verifikasi ulang* flag depend on
the date, so two builds of the same commit must agree on it: when `SOURCE_DATE_EPOCH` is set
(https://reproducible-builds.org/specs/source-date-epoch/), the build date is that instant's
UTC date. Rules never call this themselves; the CLI or plugin reads it once and passes it on.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

ENV = "SOURCE_DATE_EPOCH"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DIGITS = re.compile(r"[0-9]+")


def today(environ: Mapping[str, str] | None = None) -> date:
    """The build date: `SOURCE_DATE_EPOCH` (UTC) when set, else the local calendar date.

    An empty variable counts as unset (CI templates often export it empty). Anything else that
    is not a whole number of seconds raises `ValueError`, because silently falling back to the
    clock would make a build that was meant to be reproducible quietly not be.
    """
    env = os.environ if environ is None else environ
    raw = env.get(ENV, "").strip()
    if not raw:
        return date.today()
    if not _DIGITS.fullmatch(raw):
        raise ValueError(
            f"{ENV}={raw[:40]!r} tidak sah: harus berupa bilangan bulat detik sejak 1970-01-01 UTC, "
            "misalnya 1767225600"
        )
    try:
        return (_EPOCH + timedelta(seconds=int(raw))).date()
    except OverflowError:
        raise ValueError(
            f"{ENV}={raw[:40]!r} tidak sah: di luar rentang tanggal yang dapat dipakai"
        ) from None
