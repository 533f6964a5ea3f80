"""Issue 19: the kind of a fetched page, and the structure a portal's article pages share."""

from __future__ import annotations

import pytest

from portal_archive.extract.page_kind import (
    PageKind,
    StructureSignature,
    classify_page,
    kind_counts,
    structure_tokens,
)

pytestmark = pytest.mark.unit

EXTRACTED = PageKind("article", "an article was extracted")
PLAIN = "<html><body><div class='noi-dung'><p>Giới thiệu chung về huyện.</p></div></body></html>"


def dated_list(count: int) -> str:
    items = "".join(
        f'<li><a href="/tin-{n}">Tin hoạt động số {n}</a> <span>({n:02d}/03/2024)</span></li>'
        for n in range(1, count + 1)
    )
    return f"<html><body><ul>{items}</ul></body></html>"


@pytest.mark.parametrize(
    ("text", "url", "status", "article", "expected"),
    [
        (PLAIN, "http://h/x", 404, None, PageKind("error", "HTTP 404")),
        (PLAIN, "http://h/x", 0, None, PageKind("error", "no answer")),
        (PLAIN, "http://h/tin-a", 200, "document", EXTRACTED._replace(kind="document")),
        (PLAIN, "http://h/tin-a", 200, "article", EXTRACTED),
        ("<html><h1>404 - Not Found</h1></html>", "http://h/x", 200, None,
         PageKind("error", "the page says it was not found")),
        (PLAIN, "http://h/", 200, None, PageKind("home", "the site's root page")),
        (PLAIN, "http://h/Pages/Default.aspx", 200, None, PageKind("home", "the site's root page")),
        (PLAIN, "http://h/index.html", 200, None, PageKind("home", "the site's root page")),
        (dated_list(6), "http://h/tin-tuc", 200, None, PageKind("listing", "6 links with dates")),
        (dated_list(4), "http://h/tin-tuc", 200, None,
         PageKind("other", "no article, few dated links")),
        (PLAIN.replace("</div>", '<a href="?Page=2">2</a></div>'), "http://h/tin-tuc", 200, None,
         PageKind("listing", "a pager")),
        (PLAIN, "http://h/gioi-thieu", 200, None, PageKind("other", "no article, few dated links")),
    ],
)  # fmt: skip
def test_classify_page(
    text: str, url: str, status: int, article: str | None, expected: PageKind
) -> None:
    assert classify_page(text, url, status, article) == expected


def test_a_long_page_mentioning_404_in_a_heading_is_no_soft_error() -> None:
    text = "<html><h2>Lỗi 404 và cách khắc phục</h2>" + "<p>nội dung</p>" * 400 + "</html>"
    assert classify_page(text, "http://h/bai-viet", 200).kind == "other"


def test_structure_tokens_leave_generated_names_out() -> None:
    text = (
        '<div class="ms-WPBody ExternalClassD44D9F9779FB424380767EC8F35A4E72">'
        "<p class='Title  allowMenu'></p><span class=\"ctl00_m_g_123\"></span></div>"
    )
    assert structure_tokens(text) == frozenset({"ms-WPBody", "Title", "allowMenu"})


ARTICLE_NAMES = frozenset({"khung", "menu", "tin-header", "tieu-de", "noi-dung"})
HOME_NAMES = frozenset({"khung", "menu", "tin-noi-bat"})


def learned(pages: int) -> StructureSignature:
    signature = StructureSignature()
    signature.learn_home(HOME_NAMES)
    for n in range(pages):
        # one page in ten lacks the body class: the signature still holds at 90%
        signature.learn_article(ARTICLE_NAMES - ({"noi-dung"} if n == 9 else set()))
    return signature


def test_the_signature_is_what_article_pages_share_and_the_home_page_lacks() -> None:
    assert learned(2).names() == frozenset()  # too few pages to say
    signature = learned(10)
    assert signature.names() == frozenset({"tin-header", "tieu-de", "noi-dung"})
    broken = frozenset({"khung", "menu", "tin-header", "tieu-de", "noi-dung", "trong"})
    assert (
        signature.matches(broken) == "built like the article pages (noi-dung, tieu-de, tin-header)"
    )
    assert signature.matches(HOME_NAMES | {"gioi-thieu"}) is None
    assert signature.matches(frozenset({"tin-header", "tieu-de"})) is None


def test_the_signature_survives_the_archive() -> None:
    signature = learned(10)
    again = StructureSignature.from_rows(signature.rows())
    assert again == signature
    again.learn_article(ARTICLE_NAMES)
    assert again.article_pages == 11 and again.counts["tieu-de"] == 11


def test_kind_counts_in_order_without_zeros() -> None:
    assert kind_counts({"error": 2, "article": 5, "home": 0, "listing": 1}) == (
        "article 5, listing 1, error 2"
    )
