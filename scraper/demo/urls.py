"""URL shapes of the demo portal: building article paths and mapping request paths back."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote

from scraper.demo import data
from scraper.demo import phrases as ph

D = ph.DISTRICT_SLUG
PUBLISHING_LISTING = "/tin-tuc/Pages/default.aspx"
NEWS_LISTING = "/Trang/Tin-tuc-su-kien.aspx"
ITEMID_PAGE = "/tintuc/Pages/tin-hoat-dong.aspx"
DISTRICT_LISTING = f"/{D}/Lists/TinTuc/AllItems.aspx"
CALENDAR = "/Lists/LichCongTac/calendar.aspx"
CONTACT = "/Trang/LienHe.aspx"
SEARCH = "/Trang/TimKiem.aspx"
HOME = "/"
DISTRICT_HOME = f"/{D}/default.aspx"

_PUBLISHING_RE = re.compile(r"^/tin-tuc/pages/([a-z0-9-]+)-(\d+)\.aspx$")
_QUERY_ARTICLES = {
    "/trang/chitiettintuc.aspx": ("nid", "newswebpart"),
    f"/{D}/lists/tintuc/dispform.aspx": ("id", "dispform"),
    ITEMID_PAGE.lower(): ("itemid", "itemid"),
}


def encode_path(path: str) -> str:
    """Percent-encode a site path the way SharePoint links do (`%20`, parentheses kept)."""
    return quote(path, safe="/()-_.~?=&")


def article_path(seed: int, index: int) -> str:
    family = data.family_of(index)
    if family == "publishing":
        return f"/tin-tuc/Pages/{data.slugify(data.title_of(seed, index))}-{index}.aspx"
    if family == "newswebpart":
        return f"/Trang/ChiTietTinTuc.aspx?nid={index}"
    if family == "dispform":
        return f"/{D}/Lists/TinTuc/DispForm.aspx?ID={index}"
    return f"{ITEMID_PAGE}?ItemID={index}"


def query_dict(query: str) -> dict[str, str]:
    """Query parameters with lower-cased names: ASP.NET reads them case-insensitively."""
    return {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}


def article_index(seed: int, path: str, query: dict[str, str]) -> int | None:
    """The article index a request path names, or None (no check against the site size)."""
    low = path.lower()
    match = _PUBLISHING_RE.match(low)
    if match:
        index = int(match.group(2))
        expected = data.slugify(data.title_of(seed, index)).lower()
        return (
            index if match.group(1) == expected and data.family_of(index) == "publishing" else None
        )
    if low not in _QUERY_ARTICLES:
        return None
    param, family = _QUERY_ARTICLES[low]
    value = query.get(param, "")
    if not value.isdigit() or int(value) < 1 or data.family_of(int(value)) != family:
        return None
    return int(value)


def split_path_query(path: str) -> tuple[str, str]:
    base, _, query = path.partition("?")
    return base, query
