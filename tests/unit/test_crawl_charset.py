"""The link scan reads a page that declares no charset and is not UTF-8 as windows-1258, as the
extractor does; declared pages and UTF-8 pages are left to Scrapy's own reading."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from scrapy import Request
from scrapy.http import HtmlResponse

from portal_archive.crawl.middlewares import UndeclaredCharset
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


def test_an_undeclared_utf8_page_is_left_alone():
    before, after = through(PAGE.encode("utf-8"))
    assert after is before
    assert link_text(after) == unicodedata.normalize("NFC", LINK_TEXT)


def test_a_declared_charset_is_obeyed_even_when_it_is_wrong():
    body = PAGE.encode("cp1258")
    for declared in (
        through(body, "text/html; charset=windows-1252"),
        through(body.replace(b"<head>", b'<head><meta charset="iso-8859-1">')),
        through(b"\xef\xbb\xbf" + PAGE.encode("utf-8")),
    ):
        before, after = declared
        assert after is before
