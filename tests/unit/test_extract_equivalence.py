"""Fast paths give exactly what the straightforward code they replace gives."""

from __future__ import annotations

import re
import string
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from portal_archive.extract import selectors as sel
from portal_archive.extract.body import _VIEWS, clean_html_whitespace, find_views
from portal_archive.extract.extractor import (
    _DATE_LABEL,
    DATE_WORDS,
    VIEW_WORDS,
    views_in_raw,
)
from portal_archive.extract.text import caseless, collapse, fold_case, is_blank
from portal_archive.extract.tree import _URL_SAFE, absolute_url

_ALPHABET = st.sampled_from(list('aZ09_.-~ %()[]\\"<>{}|^`đáÃ\u00a0\t\n😀') + list(_URL_SAFE))


@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=30) | st.text(st.characters(blacklist_categories=["Cs"])))
def test_absolute_urls_are_ascii_and_never_encoded_twice(href: str) -> None:
    base = "https://tinh.example.gov.vn/tin-tuc/Pages/a.aspx"
    url = absolute_url(base, href)
    assert url.isascii() and not any(c.isspace() for c in url)
    assert absolute_url(base, url) == url


def test_image_names_from_the_portals() -> None:
    base = "https://tinh.example.gov.vn/tin-tuc/Pages/a.aspx"
    assert absolute_url(base, " /PublishingImages/Anh hoi nghi 1-0 (1).jpg ") == (
        "https://tinh.example.gov.vn/PublishingImages/Anh%20hoi%20nghi%201-0%20(1).jpg"
    )
    assert absolute_url(base, "Ảnh%20đẹp.jpg") == (
        "https://tinh.example.gov.vn/tin-tuc/Pages/%E1%BA%A2nh%20%C4%91%E1%BA%B9p.jpg"
    )


_SPACEY = st.text(st.sampled_from(list("ab<> \n\t\r\u00a0\u2028\x0b\u200b\u00ad\ufeff\u3000")))


@settings(max_examples=300, deadline=None)
@given(_SPACEY | st.text())
def test_whitespace_helpers_match_their_regexes(text: str) -> None:
    assert clean_html_whitespace(text) == re.sub(r"\s*\n\s*", "\n", text).strip()
    invisible = re.sub("[\u200b\u200c\u200d\u2060\ufeff\u00ad]", " ", text)
    assert collapse(text) == re.sub(r"\s+", " ", invisible).strip()
    assert is_blank(text) == (collapse(text) == "")


_COUNTS = st.sampled_from(
    [
        "Lượt", "lượt", "xem", "Số", "lần", "Views", "Hits", "đọc", ":", "1", "2.0", " ", "\n",
        "\u00a0", "\u200b", "\u00ad", "x", ".",
    ]
)  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(_COUNTS, max_size=12).map("".join))
def test_views_in_raw_text_equal_views_in_collapsed_text(text: str) -> None:
    assert views_in_raw(text) == find_views(collapse(text))


def test_fold_case_folds_every_character_as_re_ignorecase_does() -> None:
    labels = sel.VIEW_LABELS + sel.DATE_LABELS + sel.CATEGORY_LABELS + sel.AUTHOR_LABELS
    letters = {c for c in fold_case("".join(labels)) if c.isalpha()} | set(string.ascii_lowercase)
    # Only cased characters (and re's extra equivalents ı, ſ) can fold onto a letter.
    cased = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if chr(c).lower() != chr(c) or chr(c).upper() != chr(c)
    ] + ["\u0131", "\u017f"]
    assert all(len(fold_case(c)) == 1 for c in cased)
    for letter in letters:
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        wrong = [c for c in cased if (pattern.fullmatch(c) is not None) != (fold_case(c) == letter)]
        assert wrong == [], letter


_MIXED = st.sampled_from(
    [
        "LƯỢT", "Lượt", "xem", "XEM", "Số", "SỐ", "lần", "Views", "HİTS", "hıts", "Hits",
        "Ngày", "ĐĂNG", "đăng", "Posted", "on", ":", "1", "2.0", " ", "\n", "x", "İ", "ſ",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_MIXED, max_size=10).map("".join))
def test_caseless_search_finds_what_ignorecase_finds(text: str) -> None:
    for pattern in (_VIEWS.pattern, _DATE_LABEL.pattern):
        want = re.compile(pattern, re.IGNORECASE).search(text)
        got = caseless(pattern).search(fold_case(text))
        assert (want and (want.span(), want.groups())) == (
            got
            and (got.span(), tuple(text[slice(*got.span(i + 1))] for i in range(len(got.groups()))))
        )


def test_every_label_holds_one_of_its_hint_words() -> None:
    for labels, words in (
        (sel.VIEW_LABELS, VIEW_WORDS),
        (sel.DATE_LABELS, DATE_WORDS),
    ):
        for label in labels:
            assert any(word in fold_case(label) for word in words), label
