"""Issue 8: one article, one URL (every spelling of a blog post is one key and one request
fingerprint), and which URLs look like an article's detail page."""

from __future__ import annotations

import pytest
from scrapy import Request

from portal_archive.crawl.fingerprint import PortalRequestFingerprinter
from portal_archive.crawl.links import scan_links
from portal_archive.crawl.urls import clean_url, looks_like_article, url_key

HOSTS = ("portal.example",)
WEB = "http://portal.example/sites/xa"
POST = f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57"

# How listings of real SharePoint blogs link one post (issue 8).
POST_SPELLINGS = [
    POST,
    f"{WEB}/lists/posts/post.aspx?ItemID=57&CategoryId=3",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57&PublishedDate=2018-02-02T09:20:00Z",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57&PublishedDate=2018-05-14 07:30:00",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57&PublishedDate=2018-05-14%2007:30:00",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57&PublishedDate=2018-05-14&#32;07:30:00",
    # Double-escaped before the ItemId: the literal `&#32;` must not start a fragment.
    f"{WEB}/Lists/Posts/Post.aspx?PublishedDate=2018-05-14&#32;07:30:00&CategoryId=3&ItemId=57",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-05-14",
    f"{WEB}/LISTS/POSTS/POST.ASPX?itemid=57&categoryid=3&Source=%2Fsites%2Fxa#comments",
    # Without its category: the item id alone names the post.
    f"{WEB}/Lists/Posts/Post.aspx?ItemId=57",
    f"{WEB}/lists/posts/post.aspx?ItemID=57&PublishedDate=2018-02-02T09:20:00Z",
]


@pytest.mark.parametrize("spelling", POST_SPELLINGS)
def test_every_spelling_of_a_post_has_one_url_key(spelling: str) -> None:
    assert url_key(spelling) == url_key(POST)


@pytest.mark.parametrize("spelling", POST_SPELLINGS)
def test_every_spelling_of_a_post_has_one_request_fingerprint(spelling: str) -> None:
    fingerprinter = PortalRequestFingerprinter()
    # Scrapy percent-encodes the URL (a space becomes %20) before it is fingerprinted.
    assert fingerprinter.fingerprint(Request(spelling)) == fingerprinter.fingerprint(Request(POST))


def test_clean_url_drops_published_date_only_beside_an_item_id() -> None:
    assert clean_url(POST + "&PublishedDate=2018-02-02T09:20:00Z") == POST
    assert clean_url(f"{WEB}/Lists/Tin/DispForm.aspx?ID=5&PublishedDate=2018-02-02") == (
        f"{WEB}/Lists/Tin/DispForm.aspx?ID=5"
    )
    # A listing filtered by date is a page of its own.
    listing = f"{WEB}/Lists/Posts/Date.aspx?PublishedDate=2018-02-02"
    assert clean_url(listing) == listing
    assert url_key(listing) != url_key(f"{WEB}/Lists/Posts/Date.aspx?PublishedDate=2018-03-02")


def test_different_posts_keep_different_keys() -> None:
    assert url_key(POST) != url_key(POST.replace("ItemId=57", "ItemId=58"))
    assert url_key(POST) != url_key(f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ID=57")


def test_listing_links_of_one_post_under_four_spellings_scan_as_one_link() -> None:
    text = f"""
    <a href="{WEB}/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57">Tin</a>
    <a href="/sites/xa/lists/posts/post.aspx?ItemID=57&amp;CategoryId=3">Xem tiếp</a>
    <a href="Post.aspx?ID=9">other</a>
    <a href="/sites/xa/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-02-02T09:20:00Z">a</a>
    <a href="/sites/xa/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-05-14&#32;07:30:00">b</a>
    <a href="/sites/xa/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-05-14&amp;#32;07:30:00">c</a>
    """  # noqa: E501
    found = scan_links(text, f"{WEB}/Lists/Posts/AllPosts.aspx", HOSTS)
    assert {key for _, key in found.links} == {
        url_key(POST),
        url_key(f"{WEB}/Lists/Posts/Post.aspx?ID=9"),
    }
    # Each spelling is requested as the page spelled it (issue 19: a server may answer only
    # that one); the spider asks for the first of one key only.
    assert [url for url, _ in found.links] == [
        POST,
        f"{WEB}/Lists/Posts/Post.aspx?ID=9",
        f"{WEB}/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57&PublishedDate=2018-02-02T09:20:00Z",
    ]


ARTICLE_URLS = [
    POST,
    f"{WEB}/lists/posts/post.aspx?ID=12",
    "http://portal.example/Lists/TinTuc/DispForm.aspx?ID=3",
    "http://portal.example/Trang/ChiTietTin.aspx?nid=7",
    "http://portal.example/Trang/ChiTietTinTuc.aspx?Cat=3&nid=7",
    "http://portal.example/tin-tuc/chi-tiet/dong-chi-bi-thu-lam-viec-123",
    "http://portal.example/Pages/chitiettin.aspx",
    "http://portal.example/Trang/Tin-tuc-su-kien.aspx?ItemID=5",
    "http://portal.example/Pages/news.aspx?NewsId=88",
    "http://portal.example/Pages/tin.aspx?newsid=88",
    "http://portal.example/tintuc/Pages/hoi-nghi-tong-ket-cong-tac-nam-2018.aspx",
    "http://portal.example/Tin-Tuc/Pages/Dang-uy-xa-Hoa-Moc-to-chuc-hoi-nghi.aspx",
    "http://portal.example/news/Pages/2019-01-08-01.aspx",
    "http://portal.example/tin-tuc-su-kien/tin-trong-tinh/Pages/le-khai-mac-le-hoi-chua-Ba.aspx",
    "https://www.iata.org/pressroom/pr/Pages/2019-01-08-01.aspx",
    "http://tandan.example/portal/Pages/2013-5-14/Hoi-nghi-giao-ban.aspx",
    f"{WEB}/Lists/Posts/Post.aspx?CategoryId=2&ID=41",
    "http://portal.example/baochi/Pages/Hoi-Nong-dan-tinh-kiem-tra-tien-do-306.aspx",
]

NOT_ARTICLE_URLS = [
    "http://portal.example/",
    "http://portal.example",
    "http://portal.example/Pages/default.aspx",
    "http://portal.example/Pages/Home.aspx",
    "http://portal.example/sites/xa/Pages/default.aspx",
    f"{WEB}/Lists/Posts/AllPosts.aspx",
    f"{WEB}/Lists/Posts/Category.aspx?CategoryId=3&Name=Tin",
    f"{WEB}/Lists/Posts/Date.aspx?PublishedDate=2018-02-02",
    "http://portal.example/tin-tuc/Pages/default.aspx",
    "http://portal.example/tin-tuc/Pages/index.aspx",
    "http://portal.example/tintuc/Pages/tin-hoat-dong.aspx",
    "http://portal.example/tin-tuc/Pages/tin-tuc-su-kien.aspx",
    "https://www.iata.org/pressroom/pr/Pages/index.aspx",
    "http://portal.example/tin-tuc/Pages/tin.aspx?Page=2",
    "http://portal.example/Trang/Tin-tuc-su-kien.aspx?PageIndex=1",
    "http://portal.example/Trang/TinTuc.aspx?Cat=3",
    "http://portal.example/Lists/LichCongTac/calendar.aspx",
    "http://portal.example/tin-tuc/Pages/lich.aspx?CalendarDate=1%2F1%2F2031",
    "http://portal.example/Pages/osssearchresults.aspx?k=dang",
    "http://portal.example/search/Pages/results.aspx?k=dang",
    "http://portal.example/Pages/TimKiem.aspx?q=dang",
    "http://portal.example/Pages/gioi-thieu.aspx",
    "http://portal.example/Lists/TinTuc/AllItems.aspx",
    "http://portal.example/Lists/TinTuc/DispForm.aspx",
    "http://portal.example/baochi/Pages/default.aspx",
]


@pytest.mark.parametrize("url", ARTICLE_URLS)
def test_looks_like_article(url: str) -> None:
    assert looks_like_article(url) is True


@pytest.mark.parametrize("url", NOT_ARTICLE_URLS)
def test_does_not_look_like_article(url: str) -> None:
    assert looks_like_article(url) is False
