"""Golden corpus: every page extracted exactly as its JSON says, and the scored floors hold.

`make golden-update` (pytest --update-golden) rewrites the expectations and SCORES.json from the
extractor; review the diff before committing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from portal_archive.extract import extract_article_or_raise
from portal_archive.extract.evaluate import (
    SCORE_FILE,
    chrome_phrases,
    corpus_sha256,
    load_corpus,
    score,
    to_record,
)

GOLDEN = Path(__file__).parents[1] / "golden"
PAGES = load_corpus(GOLDEN)
FLOOR_FIELDS = ("title", "published", "author", "category", "images", "captions")


def _write(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


def test_corpus_is_large_and_varied() -> None:
    families = {p.expected["family"] for p in PAGES if p.expected}
    assert len(PAGES) >= 40
    assert families == {
        "publishing", "newswebpart", "tandan", "dispform", "trang", "itemid", "generic",
        "lacviet", "blogpost",
    }  # fmt: skip
    assert sum(p.expected is None for p in PAGES) >= 5
    assert {"2010", "2013"} <= {p.name.split("-")[2] for p in PAGES if p.expected}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_golden_page(page: Any, request: pytest.FixtureRequest) -> None:
    actual = to_record(extract_article_or_raise(page.html, page.url))
    if request.config.getoption("--update-golden"):
        _write(GOLDEN / f"{page.name}.json", {"url": page.url, "article": actual})
        return
    expected = page.expected
    if expected is not None and "body_html" not in expected and actual is not None:
        actual.pop("body_html")  # generator truth has no body_html until --update-golden
    assert actual == expected


def test_scores_hold_the_floors(request: pytest.FixtureRequest) -> None:
    pages = load_corpus(GOLDEN)
    actual = [to_record(extract_article_or_raise(p.html, p.url)) for p in pages]
    scores = score(pages, actual, chrome_phrases(GOLDEN))
    scored = {"corpus_sha256": corpus_sha256(GOLDEN), "scores": scores}
    if request.config.getoption("--update-golden"):
        _write(GOLDEN / SCORE_FILE, scored)
    recorded = json.loads((GOLDEN / SCORE_FILE).read_text(encoding="utf-8"))
    assert recorded["corpus_sha256"] == scored["corpus_sha256"], (
        "the golden corpus changed without re-scoring: run `make golden-update` and review"
    )
    assert recorded["scores"] == scores
    for name in FLOOR_FIELDS:
        assert scores["fields"][name] == 1.0, name
    assert scores["body_f1_min"] >= 0.99
    assert scores["chrome_leaks"] == 0
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0
