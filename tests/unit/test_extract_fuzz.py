"""The extractor never raises: random bytes, truncations, odd encodings, deep nesting."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal_archive.extract import MAX_PAGE_BYTES, Article, extract_article_or_raise

PAGE = (Path(__file__).parents[1] / "golden" / "01-newswebpart-2010-vi.html").read_bytes()
URL = "https://tinh.example.gov.vn/Pages/DetailNews.aspx?NewsId=1"
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ok(result: object) -> bool:
    return result is None or isinstance(result, Article)


@FAST
@given(st.binary(max_size=4000))
def test_random_bytes(data: bytes) -> None:
    assert _ok(extract_article_or_raise(data, URL))


@FAST
@given(st.integers(min_value=0, max_value=len(PAGE)))
def test_truncated_page(cut: int) -> None:
    assert _ok(extract_article_or_raise(PAGE[:cut], URL))


@FAST
@given(st.text(max_size=3000))
def test_random_text(text: str) -> None:
    assert _ok(extract_article_or_raise(text, URL))


@FAST
@given(st.sampled_from(["windows-1258", "utf-16", "utf-16-le", "cp1252", "latin-1"]), st.booleans())
def test_other_encodings(encoding: str, declare: bool) -> None:
    text = PAGE.decode("utf-8")
    if not declare:
        text = text.replace("charset=utf-8", "")
    else:
        text = text.replace("charset=utf-8", f"charset={encoding}")
    data = text.encode(encoding, errors="replace")
    assert _ok(extract_article_or_raise(data, URL))


def test_utf16_page_reads_like_utf8() -> None:
    want = extract_article_or_raise(PAGE, URL)
    got = extract_article_or_raise(PAGE.decode("utf-8").encode("utf-16"), URL)
    assert want is not None and got == want


def test_deep_nesting_and_huge_attribute() -> None:
    deep = "<div>" * 5000 + "<p>x</p>" + "</div>" * 5000
    huge = '<html><body><div title="' + "a" * 2_000_000 + '">' + "<p>y</p></div></body></html>"
    assert _ok(extract_article_or_raise(deep, URL))
    assert _ok(extract_article_or_raise(huge, URL))
    assert extract_article_or_raise("", URL) is None
    assert extract_article_or_raise(b"", URL) is None


def test_pages_over_the_limit_are_refused(caplog: object) -> None:
    big = PAGE + b" " * (MAX_PAGE_BYTES + 1)
    assert extract_article_or_raise(PAGE, URL) is not None
    assert extract_article_or_raise(big, URL) is None
