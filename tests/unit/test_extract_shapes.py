"""Shape fixtures: real portals' structures, our own words (portal_archive_demo.golden.shapes).

Every page is checked field by field against the generator's truth, so a failure names the
structure and the field that broke. body_html is never compared.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from portal_archive.extract import extract_article_or_raise
from portal_archive.extract.evaluate import to_record
from portal_archive_demo.common import clean as norm
from portal_archive_demo.golden import shapes

GOLDEN = Path(__file__).parents[1] / "golden"

PAGES = shapes.build()
ARTICLES = [p for p in PAGES if p.truth is not None]
NOT_ARTICLES = [p for p in PAGES if p.truth is None]
GLOBAL_CHROME: list[str] = json.loads((GOLDEN / "chrome.json").read_text(encoding="utf-8"))


# Every check runs twice: with the family shortcuts, and by structure alone.
MODE = {"families": True}


@pytest.fixture(autouse=True, params=[True, False], ids=["families", "structure"])
def _mode(request: pytest.FixtureRequest) -> None:
    MODE["families"] = request.param


@cache
def _extracted(name: str, families: bool) -> dict[str, Any] | None:
    page = next(p for p in PAGES if p.name == name)
    html = (GOLDEN / f"{name}.html").read_bytes()
    return to_record(extract_article_or_raise(html, page.url, families=families))


def extracted(name: str) -> dict[str, Any] | None:
    return _extracted(name, MODE["families"])


def _ids(pages: list[Any]) -> list[str]:
    return [p.name for p in pages]


def _article(page: Any) -> dict[str, Any]:
    actual = extracted(page.name)
    assert actual is not None, f"{page.name}: no article extracted"
    return actual


def _paragraphs(text: str) -> list[str]:
    return [norm(p) for p in text.split("\n\n") if norm(p)]


def test_generator_is_deterministic_and_files_are_current() -> None:
    again = shapes.build()
    assert [p.html for p in again] == [p.html for p in PAGES]
    for page in PAGES:
        assert (GOLDEN / f"{page.name}.html").read_text(encoding="utf-8") == page.html, page.name
        # The JSON beside it is the golden record (`make golden-update` rewrites it from the
        # extractor for review); the truth these tests check comes from the generator itself.
        record = json.loads((GOLDEN / f"{page.name}.json").read_text(encoding="utf-8"))
        assert record["url"] == page.url, page.name
        assert (record["article"] is None) == (page.truth is None), page.name


def test_shapes_cover_the_families() -> None:
    families = {p.truth["family"] for p in ARTICLES}
    assert families == {"lacviet", "pressrelease", "blogpost", "generic", "tandan"}
    assert sum(p.name.startswith("50-mutation-") for p in PAGES) >= 10
    assert len(NOT_ARTICLES) >= 8
    assert sum(p.truth["kind"] == "document" for p in ARTICLES) >= 2
    for page in PAGES:
        size = len(page.html.encode("utf-8"))
        assert 20_000 <= size <= 120_000, (page.name, size)


@pytest.mark.parametrize("page", NOT_ARTICLES, ids=_ids(NOT_ARTICLES))
def test_not_an_article(page: Any) -> None:
    assert extracted(page.name) is None


@pytest.mark.parametrize("field", ["title", "author", "source", "summary", "category"])
@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_text_field(page: Any, field: str) -> None:
    actual = _article(page)
    assert norm(actual[field] or "") == norm(page.truth[field])


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_published(page: Any) -> None:
    assert _article(page)["published"] == page.truth["published"]


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_view_count(page: Any) -> None:
    assert _article(page)["view_count"] == page.truth["view_count"]


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_body_first_and_last_paragraphs(page: Any) -> None:
    actual = _paragraphs(_article(page)["body_text"])
    expected = _paragraphs(page.truth["body_text"])
    if not expected:  # a document notice that is only its file
        assert page.truth["kind"] == "document" and actual == []
        return
    assert actual, "empty body"
    assert (actual[0], actual[-1]) == (expected[0], expected[-1])


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_kind(page: Any) -> None:
    assert _article(page)["kind"] == page.truth["kind"]


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_images_and_captions(page: Any) -> None:
    actual = [(i["url"], norm(i["caption"])) for i in _article(page)["images"]]
    expected = [(i["url"], norm(i["caption"])) for i in page.truth["images"]]
    assert actual == expected


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_attachments(page: Any) -> None:
    actual = [(a["url"], norm(a["title"])) for a in _article(page)["attachments"]]
    expected = [(a["url"], norm(a["title"])) for a in page.truth["attachments"]]
    assert actual == expected


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_no_chrome_in_text(page: Any) -> None:
    actual = _article(page)
    texts = {f: norm(actual[f] or "").casefold() for f in ("title", "summary", "body_text")}
    leaks = [
        (field, phrase)
        for phrase in [*page.chrome, *GLOBAL_CHROME]
        for field, text in texts.items()
        if norm(phrase).casefold() in text
    ]
    assert leaks == []


@pytest.mark.parametrize("page", ARTICLES, ids=_ids(ARTICLES))
def test_every_block_paragraph_lands_in_exactly_one_field(page: Any) -> None:
    """Title, lead, narrative, captions, by-line and source each go to one field, none lost.

    "byline" blocks (the office line under a Lạc Việt by-line) belong to no field and must not
    leak into title, summary or body; "attachment" blocks are link texts of attachments.
    """
    actual = _article(page)
    fields = {
        "title": norm(actual["title"]),
        "summary": norm(actual["summary"]),
        "body": norm(actual["body_text"].replace("\n\n", " ")),
        "author": norm(actual["author"]),
        "source": norm(actual["source"]),
        "captions": " | ".join(norm(i["caption"]) for i in actual["images"]),
        "attachments": " | ".join(norm(a["title"]) for a in actual["attachments"]),
    }
    problems = []
    for role, text in page.blocks:
        wanted = norm(text)
        if role == "source":  # the label ("Theo:", "Nguồn:") is dropped, keep what follows
            wanted = norm(page.truth["source"])
        if role == "author":
            wanted = norm(page.truth["author"])
        where = [name for name, value in fields.items() if wanted and wanted in value]
        if role == "byline":
            if set(where) & {"title", "summary", "body"}:
                problems.append((role, text, where))
        elif len(where) != 1:
            problems.append((role, text, where))
    assert problems == []
