"""Datasette's own `?_search=` on articles: newest first, paging, the form, facets, dates."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest

from portal_archive.archive import Archive
from portal_archive.web import make_datasette
from portal_archive.web.listing import SEARCH_ARG, lean_query

T0 = datetime(2024, 5, 1, tzinfo=UTC)
ICT = timezone(timedelta(hours=7))
# Stored in an order unrelated to publication: a first crawl walks listings newest first.
DAYS = [5, 28, 1, 17, 9, 30, 12, 3, 22, 14, 26, 7, 19, 2, 24, 11, 29, 6, 15, 21, 8, 25, 4]


@pytest.fixture(scope="module")
def get(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path: Path = tmp_path_factory.mktemp("ds-search") / "archive.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Demo", "Demo", "http://127.0.0.1/")
    arc.upsert_portal("khac", "Khác", "Khác", "http://127.0.0.2/")
    with arc.batch():
        for n, day in enumerate(DAYS):
            record = {
                "url": f"http://127.0.0.1/tin/{n}",
                "title": f"Đảng ủy xã họp lần {n}",
                "published": f"2024-04-{day:02d}T0{n % 10}:30:00+07:00",
                "category": "Tin tức" if n % 2 else "Sự kiện",
                "body_text": "Người dân phấn khởi. " * 50,
            }
            arc.store_article("demo" if n % 3 else "khac", record, T0, None)
        other = {
            "url": "http://127.0.0.1/khac",
            "title": "Trường học mới",
            "published": "2024-03-01",
        }
        arc.store_article("demo", other, T0, None)
    arc.close()
    ds = make_datasette(path)

    def fetch(path: str) -> httpx.Response:
        return asyncio.run(ds.client.get(path))

    return fetch


def published_days(rows: list[dict[str, Any]]) -> list[int]:
    return [int(r["published"][8:10]) for r in rows]


def test_search_is_newest_first_and_pages_with_next(get: Any) -> None:
    first = get("/archive/articles.json?_search=dang+uy&_size=10&_shape=objects").json()
    assert first["filtered_table_rows_count"] == len(DAYS)
    seen = published_days(first["rows"])
    next_url = first["next_url"]
    while next_url:
        page = get(next_url.replace("http://localhost", "")).json()
        seen += published_days(page["rows"])
        next_url = page["next_url"]
    assert seen == sorted(DAYS, reverse=True)


def test_search_sql_keeps_sqlite_on_the_published_index(get: Any) -> None:
    data = get("/archive/articles.json?_search=dang").json()
    assert "+id in (select rowid from articles_fts" in data["query"]["sql"]
    assert "order by published desc" in data["query"]["sql"]


def test_explicit_sort_still_applies(get: Any) -> None:
    rows = get("/archive/articles.json?_search=dang&_sort=published&_shape=array").json()
    assert published_days(rows)[:3] == [1, 2, 3]


def test_html_search_page_is_small_counted_and_its_form_searches_again(get: Any) -> None:
    page = get("/archive/articles?_search=nguoi+dan")
    assert page.status_code == 200 and len(page.content) < 100_000
    assert f"{len(DAYS)} rows" in page.text and 'value="nguoi dan"' in page.text
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page.text))
    assert hidden[SEARCH_ARG] == "nguoi dan"
    # Submitting the form again: the hidden old search and the box's new one.
    again = get(f"/archive/articles?{SEARCH_ARG}=nguoi+dan&_nofacet=search&_search=truong+hoc")
    assert "1 row" in again.text and "Trường học mới" in again.text
    cleared = get(f"/archive/articles.json?{SEARCH_ARG}=nguoi+dan&_nofacet=search&_search=")
    assert cleared.json()["filtered_table_rows_count"] == len(DAYS) + 1
    assert cleared.json()["facet_results"]  # browsing again: facets are back


def test_searches_skip_facets_unless_asked(get: Any) -> None:
    page = get("/archive/articles?_search=dang")
    assert 'class="facet-info' not in page.text
    asked = get("/archive/articles.json?_search=dang&_facet=category").json()
    counts = {r["value"]: r["count"] for r in asked["facet_results"]["category"]["results"]}
    assert counts == {"Tin tức": 11, "Sự kiện": 12}


def test_facet_date_on_published(get: Any) -> None:
    data = get("/archive/articles.json?_facet_date=published&_nofacet=").json()
    days = {r["value"]: r["count"] for r in data["facet_results"]["published"]["results"]}
    # SQLite's date() converts the +07:00 times to UTC: before 07:00 local is the day before.
    expected = Counter(
        (datetime(2024, 4, day, n % 10, 30, tzinfo=ICT).astimezone(UTC).date().isoformat())
        for n, day in enumerate(DAYS)
    )
    expected["2024-03-01"] += 1
    assert days == dict(expected)
    assert "2024-04-04" in days and days.get("2024-04-05") is None  # n=0: 5th 00:30 local
    by_month = get("/archive/articles.json?_facet=published_month").json()
    months = {
        r["value"]: r["count"] for r in by_month["facet_results"]["published_month"]["results"]
    }
    assert months == {"2024-04": len(DAYS), "2024-03": 1}
    picked = get("/archive/articles.json?_search=dang&published__date=2024-04-28&_shape=array")
    # The filter uses the same UTC date: 06:30 on the 29th local, never 01:30 on the 28th.
    assert published_days(picked.json()) == [29]


def test_lean_query_rewrites() -> None:
    def pairs(query: bytes) -> list[tuple[str, str]]:
        return parse_qsl(lean_query(query).decode())

    out = pairs(b"_search=a&_vi_search=b&_nofacet=search")
    assert (SEARCH_ARG, "a") in out and (SEARCH_ARG, "b") not in out
    assert out.count(("_nofacet", "search")) == 1
    assert ("_nofacet", "search") not in pairs(b"_vi_search=&_nofacet=search")
    assert ("_nofacet", "1") in pairs(b"_nofacet=1")
    assert ("_nofacet", "search") not in pairs(b"_search=a&_facet=portal_id")
    assert urlsplit("/x?" + lean_query(b"_col=title").decode()).query == "_col=title"
