"""URL policy for SharePoint portals: what to follow, and which spellings are the same page."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only say where the user came from or how a dialog opens: every value
# multiplies one page into many URLs (DOMAIN.md, crawler traps).
NOISE_PARAMS = frozenset(
    {"source", "returnurl", "isdlg", "initialtabid", "visibilitycontext", "_", "utm_source"}
)

# SharePoint's own machinery, never content.
SYSTEM_PATH = re.compile(r"/(_layouts|_vti_bin|_catalogs|_controltemplates|_demo)(/|$)", re.I)

# Calendar views link to the next month forever; their first page is kept, no date is followed.
CALENDAR_PARAM = re.compile(r"(^|&)(calendardate|calendarperiod)=", re.I)

NON_PAGE_EXT = re.compile(
    r"\.(jpe?g|png|gif|bmp|webp|svg|ico|css|js|pdf|docx?|xlsx?|pptx?|zip|rar|7z|mp[34]|avi|wmv"
    r"|flv|swf|xml|txt|axd)$",
    re.I,
)

POSTBACK = re.compile(r"__doPostBack\(\s*'([^']*)'\s*,\s*'([^']*)'\s*\)")


def clean_url(url: str) -> str:
    """Drop the fragment and noise parameters; keep everything else as the site spelled it."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    kept = [(k, v) for k, v in query if k.lower() not in NOISE_PARAMS]
    new_query = urlencode(kept, safe="/:$,") if len(kept) != len(query) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, ""))


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """One key for every spelling of a page: IIS paths and query names are case-insensitive."""
    parts = urlsplit(clean_url(url))
    query = sorted((k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True))
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return urlunsplit((parts.scheme.lower(), host + port, parts.path.lower(), urlencode(query), ""))


def is_followable(url: str, hosts: tuple[str, ...]) -> bool:
    """A page link the crawl may follow: same hosts, not system paths, traps or files."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if (parts.hostname or "").lower() not in hosts:
        return False
    if SYSTEM_PATH.search(parts.path) or NON_PAGE_EXT.search(parts.path):
        return False
    return not CALENDAR_PARAM.search(parts.query)


def parse_postback(href: str) -> tuple[str, str] | None:
    """(event target, event argument) of a `javascript:__doPostBack(...)` link, if it is one."""
    match = POSTBACK.search(href)
    return (match.group(1), match.group(2)) if match else None
