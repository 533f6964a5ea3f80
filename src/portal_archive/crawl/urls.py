"""URL policy for SharePoint portals: what to follow, and which spellings are the same page."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

# Query parameters that only say where the user came from or how a dialog opens: every value
# multiplies one page into many URLs (docs/reliability.md, crawler traps).
NOISE_PARAMS = frozenset(
    {"source", "returnurl", "isdlg", "initialtabid", "visibilitycontext", "_", "utm_source"}
)

# Session ids (issue 9): a portal that keeps its sessions in URLs spells every page anew on every
# visit. In the query (`?sid=`, `?PHPSESSID=`, classic ASP's `ASPSESSIONID<8 letters>`), as a
# path parameter (Java's `;jsessionid=`) and as ASP.NET's cookieless path segment
# `/(S(<24 chars>))/`, also `(A(...))`, `(F(...))` and combinations such as `(A(...)S(...))`.
SESSION_PARAMS = frozenset(
    {"sid", "sessionid", "session_id", "jsessionid", "phpsessid", "aspxsessionid", "sessid"}
)
SESSION_PARAM_PREFIX = "aspsessionid"
PATH_SESSION = re.compile(r";(?:jsessionid|phpsessid|sessionid|sid)=[^;/]*", re.I)
COOKIELESS_SEGMENT = re.compile(r"/\((?:[a-z]\([\w.!*%-]+\))+\)(?=/|$)", re.I)

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

# Parameters that name one list item: `Post.aspx?ID=57`, `DispForm.aspx?ID=3`, `?ItemId=57`.
ITEM_ID_PARAMS = frozenset({"id", "itemid"})

# How an item URL is displayed, not which item it is: SharePoint blogs link one post as
# `Post.aspx?CategoryId=3&ItemId=57` with and without `&PublishedDate=...` (issue 8). Dropped
# only beside an item id, so a listing filtered by date stays a page of its own.
ITEM_DISPLAY_PARAMS = frozenset({"publisheddate"})
# The category an item was reached from: kept in the stored URL (the site spelled it so), left out
# of the key, so `Post.aspx?ItemId=57` and `Post.aspx?CategoryId=3&ItemId=57` are one article.
ITEM_CONTEXT_PARAMS = frozenset({"categoryid"})

# Character references an href kept when a page escaped it twice (`&amp;amp;`, `&amp;#32;`):
# left alone, `amp;` prefixes a parameter name and `#` starts a fragment that swallows the rest
# of the query.
CHAR_REF = re.compile(r"&#(?:(\d{1,4})|x([0-9a-f]{1,4}));", re.I)


def _char(match: re.Match[str]) -> str:
    code = int(match.group(1)) if match.group(1) else int(match.group(2), 16)
    return chr(code)


def _dropped(query: list[tuple[str, str]], sessions_only: bool = False) -> frozenset[str]:
    if sessions_only:
        return SESSION_PARAMS
    names = {k.lower() for k, _ in query}
    noise = NOISE_PARAMS | SESSION_PARAMS
    return noise | ITEM_DISPLAY_PARAMS if names & ITEM_ID_PARAMS else noise


def _without_session(path: str) -> str:
    if "(" in path:
        path = COOKIELESS_SEGMENT.sub("", path) or "/"
    return PATH_SESSION.sub("", path) if ";" in path else path


def clean_url(url: str, sessions_only: bool = False) -> str:
    """Drop the fragment, session ids, noise parameters and an item URL's display parameters;
    keep everything else as the site spelled it. With `sessions_only`, drop the fragment and
    session ids only: the spelling a crawl requests (`request_url`)."""
    if "&amp;" in url or "&#" in url:
        url = CHAR_REF.sub(_char, url.replace("&amp;", "&"))
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    dropped = _dropped(query, sessions_only)
    kept = [
        (k, v)
        for k, v in query
        if k.lower() not in dropped and not k.lower().startswith(SESSION_PARAM_PREFIX)
    ]
    new_query = urlencode(kept, safe="/:$,") if len(kept) != len(query) else parts.query
    path = _without_session(parts.path)
    return urlunsplit((parts.scheme, parts.netloc, path, new_query, ""))


def request_url(url: str) -> str:
    """The spelling a crawl requests for a link: as the page spelled it (issue 19: a static
    rebuild or a strict server may answer only that spelling; `?Source=` and a post's
    `PublishedDate` stay), less the fragment and session ids, which are new on every visit.
    The key (`url_key`) is what tells two spellings of one page apart, never the request."""
    return clean_url(url, sessions_only=True)


REPEATED_SLASHES = re.compile(r"/{2,}")


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """One key for every spelling of a page: IIS paths and query names are case-insensitive,
    http and https serve one page, noise parameters and session ids say nothing (`clean_url`)."""
    parts = urlsplit(clean_url(url))
    pairs = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if ITEM_ID_PARAMS & {k for k, _ in pairs}:
        pairs = [(k, v) for k, v in pairs if k not in ITEM_CONTEXT_PARAMS]
    query = sorted(pairs)
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    # A portal links its pages over http and https alike, and `//x` is `/x` to IIS and to
    # static hosts (issue 19: one article stored under each spelling otherwise).
    scheme = "http" if parts.scheme.lower() == "https" else parts.scheme.lower()
    path = REPEATED_SLASHES.sub("/", parts.path.lower())
    return urlunsplit((scheme, host + port, path, urlencode(query), ""))


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


# What an article detail page's URL looks like on SharePoint portals (issue 8): a page with
# such a URL that gives no article is a miss worth counting, not a listing or a home page.
ARTICLE_ID_PARAMS = frozenset({"itemid", "nid", "newsid"})
ARTICLE_PATH = re.compile(r"/lists/posts/post\.aspx$|chi-?tiet", re.I)
# `/<news library>[/...]/Pages/<slug>.aspx`, and Tân Dân's `/portal/Pages/<yyyy-M-d>/<slug>.aspx`.
NEWS_PAGE = re.compile(
    r"/(?:tin-?tuc[\w-]*|news[\w-]*|pressroom|bao-?chi|thoi-?su[\w-]*|su-?kien[\w-]*)"
    r"(?:/[^/]+)*"
    r"/pages/(?P<slug>[^/]+)\.aspx$"
    r"|/portal/pages/\d{4}-\d{1,2}-\d{1,2}/[^/]+\.aspx$",
    re.I,
)
# A news library's own listings are short names (`tin-hoat-dong`, `tin-tuc-su-kien`); its
# articles are slugs of their headline (five words and more) or carry a number.
ARTICLE_SLUG = re.compile(r"\d|^[^-_.]+(?:[-_.][^-_.]+){4,}$")
# Home pages, listings, calendars and search pages, whatever else their URL carries.
NOT_ARTICLE_PATH = re.compile(
    r"(^/?$|/(default|home|index|allposts|allitems|category|calendar|date|archive"
    r"|osssearchresults|searchresults|results|search|timkiem|tim-kiem)\.aspx$|/search/)",
    re.I,
)
LISTING_PARAMS = frozenset({"page", "pageindex", "cat", "categoryid", "paged"})


def looks_like_article(url: str) -> bool:
    """Whether a URL looks like one article's detail page (a `Post.aspx` item, `DispForm.aspx?ID=`,
    `ChiTiet...`, `?ItemId=`/`?nid=`/`?NewsId=`, a page of a news library): a page that gives no
    article there is counted as `unextracted`. Home pages, listings, calendars and searches never
    look like one."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if NOT_ARTICLE_PATH.search(path) or CALENDAR_PARAM.search(parts.query):
        return False
    params = {k.lower(): v for k, v in parse_qsl(parts.query, keep_blank_values=True)}
    if any(params.get(name) for name in ARTICLE_ID_PARAMS):
        return True
    if path.lower().endswith("/dispform.aspx") and params.get("id"):
        return True
    if ARTICLE_PATH.search(path):
        return True  # a blog post or ChiTiet page is one item, whatever else its query carries
    if LISTING_PARAMS & params.keys():
        return False
    news = NEWS_PAGE.search(path)
    return news is not None and (news["slug"] is None or bool(ARTICLE_SLUG.search(news["slug"])))


# Crawler traps (issue 9): pages that link to new spellings of themselves forever, a day calendar
# `?ngay=2024-05-14` to the next day, a view to a fresh `?token=`. Not a list of names: a URL is
# trap-like when a value of its query is a date, an opaque token or a large number; the crawl
# bounds the spellings of each such shape (`links.TrapGuard`). Except where a portal
# names pages and pages through its lists: those values must never be bounded.
PAGING_PARAMS = frozenset(
    {"page", "pageindex", "p", "pagefirstrow", "paged", "pagedprev", "p_id", "pagelast",
     "pagenum", "pg"}
)  # fmt: skip
IDENTITY_PARAMS = PAGING_PARAMS | LISTING_PARAMS | ITEM_ID_PARAMS | ARTICLE_ID_PARAMS
# SharePoint's list paging carries the last row's sort field: `Paged=TRUE&p_Created=<date>&...`.
PAGING_CURSOR_PREFIX = "p_"

_YEAR = r"(?:19[89]\d|20[0-4]\d)"
_MONTH_NAME = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
DATE_VALUE = re.compile(
    rf"""^(?:
        {_YEAR}(?:[-/.]\d{{1,2}}(?:[-/.]\d{{1,2}})?)?          # 2024, 2024-05, 2024/5/14
        |{_YEAR}(?:0[1-9]|1[0-2])(?:[0-3]\d)?                  # 202405, 20240514
        |\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:{_YEAR}|\d{{2}})      # 14/05/2024, 5-14-24
        |\d{{1,2}}[-/.]{_YEAR}                                 # 05/2024
        |\d{{1,2}}[-\s]?{_MONTH_NAME}[-\s,]*(?:{_YEAR}|\d{{2}})  # 14 May 2024, 14-may-24
        |{_MONTH_NAME}\s*\d{{1,2}}(?:st|nd|rd|th)?,?\s*{_YEAR}     # May 14, 2024
    )
    (?:[T\s_]\d{{1,2}}[:h.]\d{{2}}(?:[:.]\d{{2}}(?:\.\d+)?)?\s*(?:[ap]m)?)?   # a time of day
    (?:Z|[+-]\d{{2}}:?\d{{2}})?$""",
    re.I | re.X,
)
UUID_VALUE = re.compile(r"^\{?[0-9a-f]{8}(?:-?[0-9a-f]{4}){3}-?[0-9a-f]{12}\}?$", re.I)
HEX_VALUE = re.compile(r"^(?:0x)?[0-9a-f]{16,}$", re.I)
# base64 and base64url tokens: long, mixing cases and digits, and (unlike a CamelCase name such
# as `TinTucSuKien2024`) with capitals in a row or digits inside words more than once.
TOKEN_VALUE = re.compile(r"^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)[A-Za-z0-9+/_-]{16,}={0,2}$")
TOKEN_IRREGULAR = re.compile(r"(?=[A-Z][A-Z0-9]|\d[A-Za-z]|[a-z]\d[a-z])")
# Timestamps and counters (`?t=1715650200`): an item id above 10^8 is rarer than a trap.
LARGE_NUMBER = re.compile(r"^\d{9,}$")


def is_trap_value(value: str) -> bool:
    """A date in any common shape, an opaque token (hex, uuid, base64) or a large number."""
    value = value.strip()
    return bool(
        DATE_VALUE.match(value)
        or LARGE_NUMBER.match(value)
        or UUID_VALUE.match(value)
        or HEX_VALUE.match(value)
        or (TOKEN_VALUE.match(value) and len(TOKEN_IRREGULAR.findall(value)) >= 2)
    )


def _is_identity(name: str) -> bool:
    return name in IDENTITY_PARAMS or name.startswith(PAGING_CURSOR_PREFIX)


def identity_values(url: str) -> list[tuple[str, str]]:
    """The paging parameters and item ids of `url`, as the key spells them."""
    pairs = parse_qsl(urlsplit(url_key(url)).query, keep_blank_values=True)
    return [(k, v) for k, v in pairs if _is_identity(k)]


def trap_shape(url: str) -> str | None:
    """The url key with every trap-like value (`is_trap_value`) blanked to `*`: all the days of
    a calendar are one shape. None for a URL with no such value, which is never bounded; nor
    are paging parameters and item ids, whatever their values."""
    parts = urlsplit(url_key(url))
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    shaped = [(k, "*" if not _is_identity(k) and is_trap_value(v) else v) for k, v in pairs]
    if shaped == pairs:
        return None
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(shaped, safe="*"), ""))
