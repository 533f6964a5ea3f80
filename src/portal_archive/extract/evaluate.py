"""Scoring extraction against a golden corpus: shared by the golden test and the benchmark.

A corpus directory holds NAME.html (the page, bytes as served) and NAME.json
(`{"url": ..., "article": <dataclasses.asdict record with ISO dates> | null}`) and chrome.json
(phrases of page chrome that must never reach an extracted field).
"""

from __future__ import annotations

import hashlib
import json
import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portal_archive.model import Article, article_record

# Fields a journalist checks one by one; `images` compares URLs, `captions` the caption list.
FIELDS = (
    "title",
    "published",
    "published_raw",
    "date_source",
    "category",
    "author",
    "summary",
    "images",
    "captions",
    "attachments",
    "view_count",
)
SCORE_FILE = "SCORES.json"
_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class GoldenPage:
    name: str
    html: bytes
    url: str
    expected: dict[str, Any] | None


def load_corpus(directory: Path) -> list[GoldenPage]:
    pages = []
    for page in sorted(directory.glob("*.html")):
        data = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
        pages.append(GoldenPage(page.stem, page.read_bytes(), data["url"], data["article"]))
    return pages


def chrome_phrases(directory: Path) -> list[str]:
    phrases: list[str] = json.loads((directory / "chrome.json").read_text(encoding="utf-8"))
    return phrases


def corpus_sha256(directory: Path) -> str:
    """One hash over every fixture and expectation, so an edit without re-scoring is seen."""
    digest = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.suffix in (".html", ".json") and path.name != SCORE_FILE:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def to_record(article: Article | None) -> dict[str, Any] | None:
    """The JSON form of an Article (`model.article_record`), None for no article."""
    return None if article is None else dict(article_record(article))


def token_f1(expected: str, actual: str) -> float:
    """Bag-of-words F1 over lower-cased word tokens (1.0 when both are empty)."""
    want, got = _TOKEN.findall(expected.lower()), _TOKEN.findall(actual.lower())
    if not want and not got:
        return 1.0
    remaining: dict[str, int] = {}
    for token in want:
        remaining[token] = remaining.get(token, 0) + 1
    overlap = 0
    for token in got:
        if remaining.get(token, 0) > 0:
            remaining[token] -= 1
            overlap += 1
    if overlap == 0:
        return 0.0
    precision, recall = overlap / len(got), overlap / len(want)
    return 2 * precision * recall / (precision + recall)


def field_value(record: dict[str, Any], name: str) -> Any:
    if name == "images":
        return [i["url"] for i in record["images"]]
    if name == "captions":
        return [i["caption"] for i in record["images"]]
    if name == "attachments":
        return [(a["url"], a["title"]) for a in record["attachments"]]
    return record[name]


def leaks(record: dict[str, Any], phrases: Iterable[str]) -> list[str]:
    """Chrome phrases found in any text field of a record."""
    text = " ".join(
        str(record[k]) for k in ("title", "author", "summary", "body_text", "category")
    ) + " ".join(i["caption"] for i in record["images"])
    return [p for p in phrases if p in text]


def score(
    pages: list[GoldenPage], actual: list[dict[str, Any] | None], phrases: list[str]
) -> dict[str, Any]:
    """Per-field accuracy over article pages, body F1, chrome leaks, classification P/R."""
    correct = dict.fromkeys(FIELDS, 0)
    f1s: list[float] = []
    leak_count = 0
    tp = fp = fn = 0
    articles = 0
    for page, got in zip(pages, actual, strict=True):
        want = page.expected
        tp += bool(want and got)
        fp += bool(got and not want)
        fn += bool(want and not got)
        if got is not None:
            leak_count += len(leaks(got, phrases))
        if want is None:
            continue
        articles += 1
        f1s.append(token_f1(want["body_text"], got["body_text"]) if got else 0.0)
        for name in FIELDS:
            correct[name] += bool(got) and field_value(got or {}, name) == field_value(want, name)
    return {
        "pages": len(pages),
        "articles": articles,
        "fields": {name: round(correct[name] / max(articles, 1), 4) for name in FIELDS},
        "body_f1_mean": round(statistics.fmean(f1s), 4) if f1s else 0.0,
        "body_f1_min": round(min(f1s), 4) if f1s else 0.0,
        "chrome_leaks": leak_count,
        "precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
        "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0,
    }
