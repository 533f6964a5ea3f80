"""What the archive's Datasette plugins share: names, hook markers, id parsing."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

from datasette import hookimpl as _hookimpl

log = logging.getLogger(__name__)

DATABASE = "archive"


IMAGE_ROUTE = "/-/archive/images/{id}"


# Thumbnails are drawn inside this box (CSS pixels), keeping the image's proportions.
THUMB_BOX = (96, 72)


# Media from portals is untrusted: whatever it is, it runs nothing and loads nothing when
# opened directly. `sandbox` also gives it an opaque origin, away from the archive's.
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


# SQLite integers are signed 64-bit: a bigger id names nothing (and would raise OverflowError).
MAX_ID = 2**63 - 1


ASGIApp = Callable[..., Awaitable[None]]


Headers = Sequence[Sequence[bytes]]


# pluggy's marker is untyped; this alias keeps mypy strict on everything it decorates.
hookimpl: Callable[..., Any] = _hookimpl


hookimpl_last: Callable[[Callable[..., Any]], Callable[..., Any]] = _hookimpl(trylast=True)


hookimpl_first: Callable[[Callable[..., Any]], Callable[..., Any]] = _hookimpl(tryfirst=True)


def parse_id(raw: str | None) -> int | None:
    """A row id from a URL: ASCII digits naming a positive SQLite integer, else None."""
    if not raw or not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    number = int(raw)
    return number if 0 < number <= MAX_ID else None


def fit(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """Display size of a `width` x `height` image inside `box`, never enlarged."""
    scale = min(box[0] / width, box[1] / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


def display_date(value: Any) -> str:
    """Every date the archive shows, one way: `dd/mm/yyyy HH:MM`, or `dd/mm/yyyy` for a date
    without a time (as portals print them). What does not parse is shown as it is."""
    if not isinstance(value, str) or not value:
        return "" if value is None else str(value)
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    with_time = "T" in value or " " in value.strip()
    return when.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")
