"""Portal families as data: where each rendering keeps its article and its fields.

A family applies when its `url` pattern (if any) matches the page URL and its `region` XPath finds
an element. Field XPaths are relative to that region; the first one that yields text wins. A new
portal is usually one more `Family(...)` here. `FORM_FAMILY` reads labelled rows instead, and the
generic SharePoint fallback (no entry here) finds the content by structure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .selectors import class_part, has_class


@dataclass(frozen=True)
class Family:
    """Selector set of one portal family. Empty tuples mean "look elsewhere or leave empty"."""

    name: str
    region: tuple[str, ...]
    title: tuple[str, ...]
    body: tuple[str, ...]
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    category: tuple[str, ...] = ()
    summary: tuple[str, ...] = ()
    views: tuple[str, ...] = ()
    # Where the time of day is printed when the date line gives only the day.
    time: tuple[str, ...] = ()
    url: re.Pattern[str] | None = None
    # Substrings one of which the raw page must contain (ASCII class fragments); empty: no test.
    hints: tuple[str, ...] = ()


def _any_class(*fragments: str) -> str:
    return " or ".join(class_part(f) for f in fragments)


PUBLISHING = Family(
    name="publishing",
    hints=("article-content",),
    # Out-of-the-box article page layouts (ArticleLeft/ArticleRight/ArticleLinks).
    region=(
        f"//div[{has_class('article')}][.//div[{has_class('article-content')}]]",
        f"//div[.//div[{has_class('article-header')}]][.//div[{has_class('article-content')}]]",
    ),
    title=(
        f".//*[{has_class('article-title')}]",
        f".//div[{has_class('article-header')}]//h1",
        f".//div[{has_class('article-header')}]//h2",
        ".//h1",
    ),
    date=(f".//*[{has_class('date-line')}]",),
    author=(f".//*[{has_class('by-line')}]",),
    summary=(f".//*[{has_class('article-summary')} or {has_class('article-lead')}]",),
    # The captioned image sits beside the rich-text body, so the body is the whole article part.
    body=(f".//div[{has_class('article-content')}]",),
    views=(f".//*[{_any_class('view-count', 'views')}]",),
)

TANDAN = Family(
    name="tandan",
    hints=("tandan-",),
    # Skins spell the parts `tandan-news-title` or `tandan-p-article-news-title`.
    region=(
        f"//*[{class_part('tandan-news-detail')} or {class_part('tandan-detail')}]",
        f"//*[{class_part('tandan-news-title')}]/..",
        f"//*[{class_part('article-news-title')}]/..",
    ),
    title=(f".//*[{_any_class('tandan-news-title', 'tandan-title', 'article-news-title')}]",),
    date=(f".//*[{_any_class('tandan-news-date', 'tandan-date', 'article-news-date')}]",),
    author=(f".//*[{_any_class('tandan-news-author', 'tandan-author', 'article-news-author')}]",),
    summary=(
        f".//*[{_any_class('tandan-news-summary', 'tandan-summary', 'article-news-summary')}]",
    ),
    body=(
        f".//*[{_any_class('tandan-news-body', 'tandan-body', 'article-news-content')}]",
        f".//*[{_any_class('article-news-body', 'tandan-news-content')}]",
    ),
    views=(f".//*[{_any_class('tandan-news-view', 'tandan-view', 'article-news-view')}]",),
)

# Vietnamese-language sites: pages library "Trang", custom detail page ChiTietTinTuc.aspx.
TRANG = Family(
    name="trang",
    hints=("tin-chitiet", "chitiettin", "chi-tiet-tin", "ChiTietTin"),
    url=re.compile(r"/trang/", re.IGNORECASE),
    region=(f"//*[{_any_class('tin-chitiet', 'chitiettin', 'chi-tiet-tin', 'ChiTietTin')}]",),
    title=(f".//*[{_any_class('tieu-de', 'tieude', 'TieuDe')}]", ".//h1", ".//h2"),
    date=(f".//*[{_any_class('ngay-dang', 'ngaydang', 'NgayDang')}]",),
    author=(f".//*[{_any_class('tac-gia', 'tacgia', 'TacGia')}]",),
    summary=(f".//*[{_any_class('tom-tat', 'tomtat', 'TomTat', 'sapo')}]",),
    body=(f".//*[{_any_class('noi-dung', 'noidung', 'NoiDung')}]",),
    views=(f".//*[{_any_class('luot-xem', 'luotxem', 'LuotXem')}]",),
    category=(f".//*[{_any_class('chuyen-muc', 'chuyenmuc', 'ChuyenMuc')}]",),
)

# Ministry-style portals: /tintuc/Pages/<slug>.aspx?ItemID=<n>.
ITEMID = Family(
    name="itemid",
    hints=("item-detail", "itemdetail", "news-item-detail", "tin-chi-tiet"),
    url=re.compile(r"[?&]itemid=\d+", re.IGNORECASE),
    region=(f"//*[{_any_class('item-detail', 'itemdetail', 'news-item-detail', 'tin-chi-tiet')}]",),
    title=(f".//*[{_any_class('item-title', 'itemtitle', 'title-detail')}]", ".//h1", ".//h2"),
    date=(f".//*[{_any_class('item-date', 'itemdate', 'date-detail')}]",),
    author=(f".//*[{_any_class('item-author', 'itemauthor', 'author-detail')}]",),
    summary=(f".//*[{_any_class('item-summary', 'itemsummary', 'item-lead', 'sapo-detail')}]",),
    body=(f".//*[{_any_class('item-body', 'itembody', 'item-content', 'content-detail')}]",),
    views=(f".//*[{_any_class('item-views', 'itemviews', 'view-detail')}]",),
)

# Custom news web parts by Vietnamese integrators (also DetailNews.aspx?NewsId=...).
NEWSWEBPART = Family(
    name="newswebpart",
    hints=("news-detail", "newsdetail", "NewsDetail", "detail-news"),
    region=(f"//*[{_any_class('news-detail', 'newsdetail', 'NewsDetail', 'detail-news')}]",),
    title=(
        f".//*[{_any_class('news-title', 'newstitle', 'NewsTitle', 'detail-title')}]",
        ".//h1",
        ".//h2",
        ".//h3",
    ),
    date=(f".//*[{_any_class('news-date', 'newsdate', 'NewsDate', 'date-post', 'post-date')}]",),
    author=(f".//*[{_any_class('news-author', 'newsauthor', 'NewsAuthor')}]",),
    summary=(f".//*[{_any_class('news-sapo', 'sapo', 'news-summary', 'news-lead', 'NewsSapo')}]",),
    body=(f".//*[{_any_class('news-content', 'newscontent', 'NewsContent', 'news-body')}]",),
    views=(f".//*[{_any_class('news-view', 'newsview', 'view-count', 'luot-xem')}]",),
)

# The Lạc Việt news web part on SharePoint 2010 (many provincial sites): a header row with the
# category (`td.FolderTitle`, often empty) and the date (`td.Time`), the headline in `p.Title`,
# the body in `#part1` after it, then a read counter and print/back links.
LACVIET = Family(
    name="lacviet",
    hints=("ms-news-header",),
    region=(f"//tr[{has_class('ms-news-header')}]/ancestor::div[.//p[{has_class('Title')}]][1]",),
    title=(f".//p[{has_class('Title')}]",),
    date=(f".//td[{has_class('Time')}]",),
    category=(f".//td[{has_class('FolderTitle')}]",),
    summary=(f".//*[{has_class('lv_description_mode1')}]",),
    body=(".//*[@id='part1']", ".//table[@id='tableforprint']/.."),
    views=(f".//*[{class_part('css_readCounter')}]",),
)

# SharePoint blog posts (`Lists/Posts/Post.aspx?...ItemId=`): the 2010 post wrapper, or the 2013
# post list; the day heads the post and the time sits in its footer ("Đăng lúc 9:20 SA bởi …",
# "bởi … lúc 14:35 trong …").
BLOGPOST = Family(
    name="blogpost",
    hints=("ms-PostWrapper", "ms-PostBody", "ms-blog-postBody"),
    region=(
        f"//div[{has_class('ms-PostWrapper')}]",
        f"//*[{has_class('ms-PostBody')}]/..",
        f"//*[{has_class('ms-blog-postBody')}]/..",
    ),
    title=(f".//h2[{has_class('ms-PostTitle')}]", f".//*[{has_class('ms-PostTitle')}]", ".//h1"),
    date=(
        f".//*[{has_class('ms-PostDateHeader')}]",
        f".//*[{has_class('ms-PostDate')}]",
        f".//div[{has_class('ms-metadata')}]",
    ),
    time=(f".//*[{has_class('ms-PostFooter')}]", f".//*[{has_class('ms-textSmall')}]"),
    author=(
        f".//*[{has_class('ms-PostFooterAuthor')}]",
        f".//*[{has_class('ms-metadata')}]//a[contains(@href, 'userdisp')]",
    ),
    category=(
        f".//*[{has_class('ms-PostFooter')}]//a[contains(@href, 'Category')]",
        ".//a[@id='blgcat']",
    ),
    body=(f".//div[{has_class('ms-PostBody')}]", f".//div[{has_class('ms-blog-postBody')}]"),
)

# Order matters: the more specific markers first; publishing classes also appear inside others.
FAMILIES: tuple[Family, ...] = (LACVIET, BLOGPOST, TANDAN, TRANG, ITEMID, NEWSWEBPART, PUBLISHING)

FORM_FAMILY = "dispform"
GENERIC_FAMILY = "generic"
