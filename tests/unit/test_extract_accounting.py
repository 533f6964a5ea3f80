"""Never lose text: every paragraph of the article block lands in exactly one field, or is chrome.

For each golden article, the paragraphs (prose units: 25+ characters, under half link text) of the
block the extractor located are looked up in the record it returned. Each must be found in exactly
one of title, summary, body, a caption, author or source: a lead the extractor did not recognise
as a summary stays in the body, and nothing is in two places. Only date lines, tool lines and the
corpus's chrome phrases may be in none.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest

from portal_archive.extract import extract_article_or_raise
from portal_archive.extract.dates import find_date
from portal_archive.extract.decode import slim_utf8
from portal_archive.extract.ending import is_tool_line
from portal_archive.extract.evaluate import chrome_phrases, load_corpus
from portal_archive.extract.extractor import _locate, _parse
from portal_archive.extract.paragraphs import units

GOLDEN = Path(__file__).parents[1] / "golden"
ARTICLES = [p for p in load_corpus(GOLDEN) if p.expected is not None]
CHROME = chrome_phrases(GOLDEN)
DATE_LINE_MAX = 60
CONTACT_INSIDE = re.compile(r"(?:For more information|Để biết thêm thông tin)[^:.]{0,40}:")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\xa0", " ")
    return re.sub(r"[\s\u200b\ufeff]+", " ", text).strip()


def _block_paragraphs(html: bytes, url: str) -> list[tuple[str, bool]]:
    """(text, after the article's end) of each prose unit of the located block."""
    data = slim_utf8(html)
    parts = _locate(_parse(data), url, data, True)
    assert parts is not None
    scopes = [parts.region] + ([] if parts.body in parts.region.iter() else [parts.body])
    found, ended, seen_prose = [], False, False
    for unit in (u for scope in scopes for u in units(scope)):
        ended = ended or (seen_prose and is_tool_line(unit.text))
        seen_prose = seen_prose or unit.is_prose
        if unit.is_prose:
            # A contact block opening a new line inside the last paragraph is chrome.
            text = CONTACT_INSIDE.split(_norm(unit.text), maxsplit=1)[0].strip()
            if text:
                found.append((text, ended))
    return found


def _fields(html: bytes, url: str) -> dict[str, str]:
    article = extract_article_or_raise(html, url)
    assert article is not None
    return {
        "title": _norm(article.title),
        "summary": _norm(article.summary),
        "body": _norm(article.body_text.replace("\n\n", " ")),
        "captions": " | ".join(_norm(i.caption) for i in article.images),
        "author": _norm(article.author),
        "source": _norm(article.source),
    }


def _is_chrome(text: str) -> bool:
    if len(text) <= DATE_LINE_MAX and find_date(text):
        return True  # the date line, read into `published`
    return is_tool_line(text) or any(phrase in text for phrase in CHROME)


@pytest.mark.parametrize("page", ARTICLES, ids=[p.name for p in ARTICLES])
def test_every_paragraph_lands_in_exactly_one_field(page: Any) -> None:
    fields = _fields(page.html, page.url)
    problems = []
    for text, after_end in _block_paragraphs(page.html, page.url):
        text = EMPTY_BRACKETS.sub("", text)  # a template's empty date slot after the headline
        where = [name for name, value in fields.items() if text in value]
        if not where and _is_byline(text, fields):
            where = ["byline"]  # "Minh Anh (Nguồn: Báo X)" is split into author and source
        if len(where) == 1 or (not where and (after_end or _is_chrome(text))):
            continue
        problems.append((text[:70], where))
    assert problems == []


def _is_byline(text: str, fields: dict[str, str]) -> bool:
    pieces = [fields["author"], fields["source"]]
    return len(text) <= BYLINE_MAX and any(piece and piece in text for piece in pieces)


BYLINE_MAX = 160
EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)$")
