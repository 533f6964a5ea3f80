"""URL shapes of the demo portal: building article paths and mapping request paths back."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote

from portal_archive_demo import data
from portal_archive_demo import phrases as ph

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
LACVIET_WEB = f"/{D}/tintuc"
LACVIET_POST = f"{LACVIET_WEB}/Lists/Posts/Post.aspx"
LACVIET_LISTING = f"{LACVIET_WEB}/Lists/Posts/AllPosts.aspx"
PRESS_LISTING = "/baochi/Pages/default.aspx"
CHITIET_PAGE = "/tintuc/Pages/ChiTietTin.aspx"
CHITIET_LISTING = "/tintuc/Pages/DanhSachTin.aspx"

_SLUG_RES = {
    "publishing": re.compile(r"^/tin-tuc/pages/([a-z0-9-]+)-(\d+)\.aspx$"),
    "pressrelease": re.compile(r"^/baochi/pages/([a-z0-9-]+)-(\d+)\.aspx$"),
}
_SLUG_FOLDERS = {"publishing": "/tin-tuc/Pages/", "pressrelease": "/baochi/Pages/"}
_QUERY_ARTICLES = {
    "/trang/chitiettintuc.aspx": ("nid", "newswebpart"),
    f"/{D}/lists/tintuc/dispform.aspx": ("id", "dispform"),
    ITEMID_PAGE.lower(): ("itemid", "itemid"),
    LACVIET_POST.lower(): ("itemid", "lacviet"),  # CategoryId and PublishedDate are display only
    CHITIET_PAGE.lower(): ("newsid", "chitiet"),
}


def encode_path(path: str) -> str:
    """Percent-encode a site path the way SharePoint links do (`%20`, parentheses kept)."""
    return quote(path, safe="/()-_.~?=&")


def article_path(seed: int, index: int) -> str:
    family = data.family_of(index)
    if family in _SLUG_FOLDERS:
        return f"{_SLUG_FOLDERS[family]}{data.slugify(data.title_of(seed, index))}-{index}.aspx"
    if family == "newswebpart":
        return f"/Trang/ChiTietTinTuc.aspx?nid={index}"
    if family == "dispform":
        return f"/{D}/Lists/TinTuc/DispForm.aspx?ID={index}"
    if family == "lacviet":
        return f"{LACVIET_POST}?CategoryId={lacviet_category_id(seed, index)}&ItemId={index}"
    if family == "chitiet":
        return f"{CHITIET_PAGE}?NewsId={index}"
    return f"{ITEMID_PAGE}?ItemID={index}"


def lacviet_category_id(seed: int, index: int) -> int:
    """The blog category of a Lạc Việt post (1 for posts filed under no category)."""
    category = data.generate(seed, index).category
    return ph.LACVIET_CATEGORIES.index(category) + 2 if category else 1


def published_date_param(index: int) -> str:
    """SharePoint blogs add `&PublishedDate=` to some post links: local time with a "Z"."""
    return data.published_at(index).strftime("%Y-%m-%dT%H:%M:00Z")


def query_dict(query: str) -> dict[str, str]:
    """Query parameters with lower-cased names: ASP.NET reads them case-insensitively."""
    return {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}


def article_index(seed: int, path: str, query: dict[str, str]) -> int | None:
    """The article index a request path names, or None (no check against the site size)."""
    low = path.lower()
    for family, pattern in _SLUG_RES.items():
        match = pattern.match(low)
        if match:
            index = int(match.group(2))
            expected = data.slugify(data.title_of(seed, index)).lower()
            ok = match.group(1) == expected and data.family_of(index) == family
            return index if ok else None
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
