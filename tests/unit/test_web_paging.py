"""The first page of a sorted table gets the primary key as tie-breaker; nothing else changes."""

from __future__ import annotations

import pytest

from portal_archive.web.paging import with_tie_breaker

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
