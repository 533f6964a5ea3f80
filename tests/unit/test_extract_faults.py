"""Hostile and broken markup the extractor must read anyway (issue 9: charsets, deep nesting,
script links)."""

from __future__ import annotations

import codecs
import logging
from typing import Any

import pytest

from portal_archive.extract import describe_crash, extract_article, extract_article_or_raise

URL = "http://xa.example.gov.vn/tin-tuc/Pages/hoi-nghi-tong-ket-2024.aspx"
SENTENCE = "Xã Tân Hòa và các thôn đã hoàn thành kế hoạch năm, cán bộ và nhân dân đều phấn khởi. "


def page(title: str, paragraphs: list[str], head: str = "", wrap: int = 0) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head>{head}<title>Cổng thông tin</title></head><body>"
        "<div id='DeltaPlaceHolderMain'>" + "<div>" * wrap + f"<h1>{title}</h1>"
        "<div class='ms-rtestate-field'><p>Ngày đăng: 14/03/2024</p>"
        f"{body}</div>" + "</div>" * wrap + "</div></body></html>"
    )


def latin_page(meta_charset: str) -> bytes:
    html = page("Xã Tân Hòa tổng kết năm", [SENTENCE * 4, SENTENCE * 3], head=meta_charset)
    return html.encode("windows-1252", errors="xmlcharrefreplace")


def test_the_http_charset_outranks_the_pages_meta() -> None:
    raw = latin_page("<meta charset='utf-8'>")  # the page lies; the server's header is right
    misread = extract_article_or_raise(raw, URL)
    assert misread is None or "Tân Hòa" not in misread.title
    for header in ("windows-1252", "ISO-8859-1", " Windows-1252 "):
        article = extract_article_or_raise(raw, URL, encoding=header)
        assert article is not None and article.title == "Xã Tân Hòa tổng kết năm", header
        assert "Tân Hòa" in article.body_text


def test_a_bom_outranks_the_http_charset_and_unknown_labels_are_ignored() -> None:
    html = page("Hội nghị tổng kết năm", [SENTENCE * 4]).encode("utf-8")
    article = extract_article_or_raise(codecs.BOM_UTF8 + html, URL, encoding="windows-1252")
    assert article is not None and article.title == "Hội nghị tổng kết năm"
    article = extract_article_or_raise(html, URL, encoding="x-no-such-charset")
    assert article is not None and "Tân Hòa" in article.body_text


@pytest.mark.parametrize("depth", [300, 5000, 20000])
def test_an_article_inside_thousands_of_nested_divs_is_read(
    depth: int, caplog: pytest.LogCaptureFixture
) -> None:
    html = page("Hội nghị tổng kết năm 2023", [SENTENCE * 4, SENTENCE * 3], wrap=depth)
    with caplog.at_level(logging.WARNING):
        article = extract_article_or_raise(html.encode(), URL)
    assert article is not None and article.title == "Hội nghị tổng kết năm 2023"
    assert article.published is not None and article.published.isoformat() == "2024-03-14"
    assert article.body_text.count("Tân Hòa") == 7
    assert "nested too deep" in caplog.text


def test_deep_nesting_of_text_holding_elements_never_raises() -> None:
    words = "".join(f"<font>từ{i} " for i in range(4000)) + "</font>" * 4000
    html = page("Trang lồng nhau", [words, SENTENCE * 4]).encode()
    article = extract_article_or_raise(html, URL)  # whatever it finds, it must not crash or hang
    assert article is None or article.title == "Trang lồng nhau"


def test_script_and_mail_links_lose_the_link_not_the_words() -> None:
    paragraph = (
        "Theo <a href=\"javascript:__doPostBack('ctl00$m$g_1','')\">Quyết định số 12/QĐ-UBND</a>"
        " của Ủy ban, mọi ý kiến gửi về <a href='mailto:vanphong@xa.example.gov.vn'>"
        "vanphong@xa.example.gov.vn</a> trước ngày 30/3. <a href='#' onclick='return false'>"
        "Danh sách kèm theo</a> được niêm yết tại trụ sở."
    )
    article = extract_article_or_raise(page("Lấy ý kiến nhân dân", [paragraph, SENTENCE * 4]), URL)
    assert article is not None
    for words in ("Quyết định số 12/QĐ-UBND", "vanphong@xa.example.gov.vn", "Danh sách kèm theo"):
        assert words in article.body_text
    assert "javascript:" not in article.body_html and "onclick" not in article.body_html
    assert "mailto:" not in article.body_html


def test_a_crash_raises_from_the_strict_variant_and_gives_none_from_the_crawl_one() -> None:
    """The crawl's `extract_article` never raises; tests and the crawl's accounting call
    `extract_article_or_raise`, so a bug shows as its exception, not as "no article"."""
    not_a_page: Any = 42  # a caller's bug: no length, no bytes
    with pytest.raises(TypeError):
        extract_article_or_raise(not_a_page, URL)
    assert extract_article(not_a_page, URL) is None
    try:
        extract_article_or_raise(not_a_page, URL)
    except TypeError as error:
        assert describe_crash(error).startswith("TypeError: object of type 'int' has no len()")
