"""Following `next_url` returns every row exactly once, for every page size and sort, ties
included (issue 13, item 6): a real `serve` over HTTP on an archive full of ties."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

import pytest

from portal_archive.archive import Archive
from tests.e2e.local_server import serving_archive

T0 = datetime(2024, 5, 1, tzinfo=UTC)
ARTICLES = 61
CATEGORIES = ("Tin tức - Sự kiện", "Chỉ đạo điều hành", "Văn hóa - Xã hội")
DATES = ("2024-04-30T09:15:00+07:00", "2024-04-30T09:15:00+07:00", "2024-03-02", None)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("paging") / "ties.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    crawl = arc.start_crawl("demo")
    for n in range(ARTICLES):  # four dates (one missing) and three categories: ties everywhere
        url = f"http://127.0.0.1/tin/{n}"
        arc.store_article(
            "demo",
            {"url": url, "title": f"Tin số {n} về nông thôn mới", "published": DATES[n % 4],
             "category": CATEGORIES[n % 3], "author": "Thu Hà" if n % 2 else "",
             "body_text": f"Đường làng số {n}."},
            T0, crawl,
        )  # fmt: skip
        arc.record_fetch(url, T0, 200, {}, f"<html>{n}</html>".encode(), crawl)
    arc.close()
    with serving_archive(path) as url:
        yield url


def get(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return dict(json.loads(response.read()))


def follow(base: str, table: str, key: str, **args: Any) -> list[Any]:
    """Every row's `key`, page after page, as an API consumer reads them."""
    url: str | None = f"{base}/archive/{table}.json?" + urlencode({"_shape": "objects", **args})
    keys: list[Any] = []
    while url:
        page = get(url)
        keys += [row[key] for row in page["rows"]]
        url = page.get("next_url")
        assert len(keys) <= 1000, "paging does not end"
    return keys


SORTS = [
    {},
    {"_sort_desc": "published"},
    {"_sort": "published"},
    {"_sort_desc": "published_month"},
    {"_sort": "category"},
    {"_sort_desc": "author"},
    {"_sort": "category", "category": CATEGORIES[0]},
    {"_sort_desc": "published", "_search": "nong thon"},
]


@pytest.mark.parametrize("size", [1, 2, 7, 37, 100])
@pytest.mark.parametrize("sort", SORTS, ids=lambda s: "&".join(f"{k}={v}" for k, v in s.items()))
def test_every_article_exactly_once(base: str, size: int, sort: dict[str, str]) -> None:
    ids = follow(base, "articles", "id", _size=size, **sort)
    want = ARTICLES if "category" not in sort else len(range(0, ARTICLES, 3))
    assert len(ids) == want and len(set(ids)) == want


@pytest.mark.parametrize("size", [3, 10])
@pytest.mark.parametrize("sort", [{"_sort": "status"}, {"_sort_desc": "fetched_at"}])
def test_other_tables_page_exactly_too(base: str, size: int, sort: dict[str, str]) -> None:
    ids = follow(base, "fetches", "id", _size=size, **sort)
    assert len(ids) == ARTICLES and len(set(ids)) == ARTICLES
