"""The crawl reads a page as the extractor does: one that declares no charset and is not UTF-8 as
windows-1258; declared pages are left to Scrapy's reading, which is w3lib's, as the extractor's."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE

from portal_archive.crawl.middlewares import UndeclaredCharset
from portal_archive.crawl.settings import DOWNLOADER_MIDDLEWARES
from portal_archive.extract.decode import slim_utf8
from portal_archive_demo.charsets import windows_1258

URL = "http://127.0.0.1/Pages/trang-chu.aspx"
# windows-1258 keeps the tone marks apart: ư, ơ precomposed, then a combining acute.
LINK_TEXT = "Tin tư\u0301c mơ\u0301i cu\u0309a huyê\u0323n"
PAGE = f'<html><head><title>x</title></head><body><a href="/a.aspx">{LINK_TEXT}</a></body></html>'


def link_text(response: HtmlResponse) -> str:
    return unicodedata.normalize("NFC", response.css("a::text").get() or "")


def through(body: bytes, content_type: str = "text/html") -> tuple[HtmlResponse, HtmlResponse]:
    response = HtmlResponse(URL, body=body, headers={"Content-Type": content_type})
    result = UndeclaredCharset().process_response(Request(URL), response)
    assert isinstance(result, HtmlResponse)
    return response, result


GOLDEN = Path(__file__).resolve().parent.parent / "golden"
META_CHARSET = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)


def texts(response: HtmlResponse) -> list[str]:
    return [unicodedata.normalize("NFC", t) for t in response.css("body *::text").getall()]


def test_an_undeclared_windows_1258_page_is_read_as_windows_1258():
    before, after = through(PAGE.encode("cp1258"))
    assert link_text(after) == unicodedata.normalize("NFC", LINK_TEXT)
    assert after.body == before.body and after.url == URL


def test_whole_portal_pages_undeclared_in_windows_1258_read_as_written():
    """Scrapy alone guesses (charset_normalizer): on these golden pages it picks windows-1250."""
    misread = 0
    for name in ("05-itemid-2010-vi.html", "43-pressrelease-2013-vi.html"):
        html = (GOLDEN / name).read_text(encoding="utf-8")
        written = HtmlResponse(URL, body=html.encode("utf-8"), encoding="utf-8")
        before, after = through(windows_1258(META_CHARSET.sub("", html)))
        assert texts(after) == texts(written), name
        misread += texts(before) != texts(written)
    assert misread  # the pages do exercise the guess the middleware replaces


def test_an_undeclared_utf8_page_is_read_as_utf8():
    viewstate = b'<input type="hidden" name="__VIEWSTATE" value="' + b"\xff" * 600 + b'">'
    for body in (PAGE.encode("utf-8"), PAGE.encode("utf-8").replace(b"<body>", viewstate)):
        before, after = through(body)
        assert after.encoding == "utf-8" and after.body == before.body
        assert link_text(after) == unicodedata.normalize("NFC", LINK_TEXT)


def test_the_crawl_reads_a_page_as_the_extractor_does():
    """The text the spider hands on is the extractor's own reading of the bytes."""
    html = (GOLDEN / "05-itemid-2010-vi.html").read_text(encoding="utf-8")
    bare = META_CHARSET.sub("", html)
    for body, charset in (
        (html.encode(), None),
        (bare.encode(), None),
        (windows_1258(bare), None),
        (windows_1258(html), "windows-1258"),
        (b"\xef\xbb\xbf" + bare.encode(), "iso-8859-1"),
        (bare.encode("utf-16"), None),
        (bare.encode("utf-16-le"), None),
    ):
        content_type = f"text/html; charset={charset}" if charset else "text/html"
        _, after = through(body, content_type)
        assert slim_utf8(after.text) == slim_utf8(body, charset)


def test_it_runs_before_scrapy_decodes_the_page():
    """After the body is inflated, before `MetaRefreshMiddleware` reads `response.text`: the
    response's one decoding is then ours (a replaced response would be decoded again)."""
    order = {**DOWNLOADER_MIDDLEWARES_BASE, **DOWNLOADER_MIDDLEWARES}
    ours = order["portal_archive.crawl.middlewares.UndeclaredCharset"]
    assert order["scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware"] < ours
    assert ours < order["scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware"]


def test_a_declared_charset_is_obeyed_even_when_it_is_wrong():
    body = PAGE.encode("cp1258")
    for declared in (
        through(body, "text/html; charset=windows-1252"),
        through(body.replace(b"<head>", b'<head><meta charset="iso-8859-1">')),
        through(b"\xef\xbb\xbf" + PAGE.encode("utf-8")),
    ):
        before, after = declared
        assert after is before
