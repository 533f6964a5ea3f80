"""The first page of a sorted table gets the primary key as tie-breaker; nothing else changes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal_archive.archive import Archive
from portal_archive.archive.search import register_functions
from portal_archive.web.listing import FTS_COUNT, SEARCH_COUNT, fast_search_count
from portal_archive.web.table_queries import with_tie_breaker

T0 = datetime(2024, 5, 1, tzinfo=UTC)

KEYS = {"articles": ["id"], "article_images": ["article_id", "position"], "logs": ["rowid"]}


@pytest.mark.parametrize(
    ("sql", "want"),
    [
        (
            "select id, title from articles order by published desc limit 38",
            "select id, title from articles order by published desc, [id] limit 38",
        ),
        (
            "select id from articles where portal_id = :p0 order by [category] limit 11",
            "select id from articles where portal_id = :p0 order by [category], [id] limit 11",
        ),
        (
            "select * from [article_images] order by caption limit 3",
            "select * from [article_images] order by caption, [article_id], [position] limit 3",
        ),
        (
            "select rowid, * from logs order by level desc limit 5",
            "select rowid, * from logs order by level desc, rowid limit 5",
        ),
    ],
)
def test_a_sorted_table_page_gets_its_key(sql: str, want: str) -> None:
    assert with_tie_breaker(sql, KEYS.get) == want


@pytest.mark.parametrize(
    "sql",
    [
        "select id from articles order by id limit 21",  # already by the key
        "select id from articles order by published desc, id limit 21",  # a later page
        "select count(*) from articles where portal_id = :p0",
        "select category as value, count(*) as count from (select * from articles) "
        "group by category order by count desc, value limit 31",  # a facet
        "select id from a_view order by published desc limit 21",  # a view: no key
        "select a.id from articles a join images i on i.id = a.lead_image_id "
        "order by a.published desc limit 5",  # a query of someone's own
    ],
)
def test_other_queries_pass_untouched(sql: str) -> None:
    assert with_tie_breaker(sql, KEYS.get) == sql


def test_an_unfiltered_search_is_counted_from_the_index() -> None:
    assert fast_search_count(SEARCH_COUNT + " ") == FTS_COUNT
    filtered = SEARCH_COUNT.replace("where ", 'where "portal_id" = :p0 and ')
    assert fast_search_count(filtered) == filtered  # other filters: Datasette's own count


def test_the_index_count_is_the_number_of_matching_articles(tmp_path: Path) -> None:
    arc = Archive(tmp_path / "a.db")
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    for n in range(12):
        body = "Hội nghị tổng kết." if n % 3 else "Đường làng."
        arc.store_article(
            "demo", {"url": f"http://127.0.0.1/{n}", "title": f"Tin {n}", "body_text": body},
            T0, None,
        )  # fmt: skip
    arc.mark_gone("http://127.0.0.1/1", T0)  # gone articles stay in the archive and its index
    conn = arc.db.conn
    register_functions(conn)
    for query in ("hoi nghi", "Hội", "duong lang", "khong co"):
        slow = conn.execute(SEARCH_COUNT, {"vi_search": query}).fetchone()[0]
        assert conn.execute(FTS_COUNT, {"vi_search": query}).fetchone()[0] == slow
    assert conn.execute(FTS_COUNT, {"vi_search": "hoi nghi"}).fetchone()[0] == 8
    arc.close()
