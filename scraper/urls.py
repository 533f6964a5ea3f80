"""URL policy for SharePoint portals: what to follow, and which spellings are the same page."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

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


def _dropped(query: list[tuple[str, str]]) -> frozenset[str]:
    names = {k.lower() for k, _ in query}
    return NOISE_PARAMS | ITEM_DISPLAY_PARAMS if names & ITEM_ID_PARAMS else NOISE_PARAMS


def clean_url(url: str) -> str:
    """Drop the fragment, noise parameters and an item URL's display parameters; keep
    everything else as the site spelled it."""
    if "&amp;" in url or "&#" in url:
        url = CHAR_REF.sub(_char, url.replace("&amp;", "&"))
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    dropped = _dropped(query)
    kept = [(k, v) for k, v in query if k.lower() not in dropped]
    new_query = urlencode(kept, safe="/:$,") if len(kept) != len(query) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, new_query, ""))


@lru_cache(maxsize=65536)
def url_key(url: str) -> str:
    """One key for every spelling of a page: IIS paths and query names are case-insensitive."""
    parts = urlsplit(clean_url(url))
    pairs = [(k.lower(), v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    if ITEM_ID_PARAMS & {k for k, _ in pairs}:
        pairs = [(k, v) for k, v in pairs if k not in ITEM_CONTEXT_PARAMS]
    query = sorted(pairs)
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
