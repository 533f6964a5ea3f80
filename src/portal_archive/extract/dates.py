"""Dates as Vietnamese SharePoint portals print them, read as Asia/Ho_Chi_Minh."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

_WEEKDAY = (
    r"(?:(?:Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy|[2-7])|Chủ\s+[Nn]hật|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*,?\s*(?:ngày\s+)?)?"
)
_TIME = (
    r"(?P<{p}h>\d{{1,2}})(?::(?P<{p}mi>\d{{1,2}})|[hg](?P<{p}mh>\d{{2}}))"
    r"(?::(?P<{p}s>\d{{1,2}}))?(?:\s*(?P<{p}ap>AM|PM|SA|CH|am|pm)\b)?"
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH_NAME = "(?:" + "|".join(m[:3] + f"(?:{m[3:]})?" if len(m) > 3 else m for m in _MONTHS) + ")"
_DAY = (
    r"(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
    r"|(?P<Y>\d{4})-(?P<M>\d{1,2})-(?P<D>\d{1,2})"
    r"|(?:ngày\s*:?\s*)?\b(?P<sd>\d{1,2})\s+tháng\s+(?P<sm>\d{1,2}),?\s+năm\s+(?P<sy>\d{4})"
    # "29 07 2019": a skin that prints the date with spaces for separators.
    r"|\b(?P<wd>\d{1,2})\x20(?P<wm>\d{2})\x20(?P<wy>\d{4})\b"
    # English: "8 January 2019", "January 8, 2019".
    rf"|\b(?P<ed>\d{{1,2}})\s+(?P<em>{_MONTH_NAME})\.?,?\s+(?P<ey>\d{{4}})"
    rf"|\b(?P<fm>{_MONTH_NAME})\.?\s+(?P<fd>\d{{1,2}}),?\s+(?P<fy>\d{{4}}))"
)
_SEP = r"\s*(?:[-,|]|lúc)?\s*"
DATE_RE = re.compile(
    _WEEKDAY
    + "(?:"
    + _TIME.format(p="a")
    + _SEP
    + ")?"
    + _DAY
    + "(?:"
    + _SEP
    + _TIME.format(p="b")
    + ")?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    value: date | datetime
    raw: str


def find_date(text: str) -> FoundDate | None:
    """The first valid date in `text`, with its time when printed, and the matched string."""
    for match in DATE_RE.finditer(text):
        value = _to_value(match)
        if value is not None:
            return FoundDate(value, match.group(0).strip(" ,-|"))
    return None


def _to_value(match: re.Match[str]) -> date | datetime | None:
    g = match.groupdict()
    y, m, d = _ymd(g)
    try:
        day = date(y, m, d)
    except ValueError:
        # An en-US regional setting prints M/d/yyyy: "6/16/2022" only reads one way.
        try:
            day = date(y, d, m)
        except ValueError:
            return None
        m, d = d, m
    if not 1990 <= y <= 2100:
        return None
    p = "b" if g["bh"] is not None else "a" if g["ah"] is not None else None
    if p is None:
        return day
    hour, minute = int(g[p + "h"]), int(g[p + "mi"] or g[p + "mh"] or 0)
    hour = _twelve_hour(hour, g[p + "ap"])
    try:
        return datetime(y, m, d, hour, minute, int(g[p + "s"] or 0), tzinfo=TZ)
    except ValueError:
        return day


def _ymd(g: dict[str, str | None]) -> tuple[int, int, int]:
    if g["y"]:
        return int(g["y"]), int(g["m"] or 0), int(g["d"] or 0)
    if g["Y"]:
        return int(g["Y"]), int(g["M"] or 0), int(g["D"] or 0)
    if g["wy"]:
        return int(g["wy"]), int(g["wm"] or 0), int(g["wd"] or 0)
    if g["ey"]:
        return int(g["ey"]), _month(g["em"]), int(g["ed"] or 0)
    if g["fy"]:
        return int(g["fy"]), _month(g["fm"]), int(g["fd"] or 0)
    return int(g["sy"] or 0), int(g["sm"] or 0), int(g["sd"] or 0)


def _month(name: str | None) -> int:
    prefix = (name or "")[:3].lower()
    return next((i for i, m in enumerate(_MONTHS, 1) if m.startswith(prefix)), 0)


def _twelve_hour(hour: int, marker: str | None) -> int:
    # vi-VN SharePoint prints SA (sáng, a.m.) and CH (chiều, p.m.).
    if marker is None:
        return hour
    afternoon = marker.upper() in ("PM", "CH")
    if afternoon and hour < 12:
        return hour + 12
    if not afternoon and hour == 12:
        return 0
    return hour


_CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})(?:\s*(SA|CH|AM|PM)\b)?", re.IGNORECASE)


def with_time(found: FoundDate, text: str) -> FoundDate:
    """A day-only date completed by a time of day printed elsewhere ("Đăng lúc 9:20 SA")."""
    match = _CLOCK.search(text) if text and not isinstance(found.value, datetime) else None
    if match is None:
        return found
    hour, minute = _twelve_hour(int(match.group(1)), match.group(3)), int(match.group(2))
    day = found.value
    try:
        value = datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)
    except ValueError:
        return found
    return FoundDate(value, found.raw)
