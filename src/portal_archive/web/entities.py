"""Issue 13's Datasette face: SQL functions the entity queries use (`vi_place_name`,
`vi_place_level`: a place typed with or without its type word, "phường Duy Tiên"), and links:
an entity's name opens its page, an article's title in its results opens the article."""

from __future__ import annotations

import sqlite3
from typing import Any

from markupsafe import Markup, escape

from portal_archive.archive.textnorm import vi_fold
from portal_archive.web.common import DATABASE, hookimpl, parse_id

_TYPES = (
    ("thi tran ", "commune"),
    ("thi xa ", "district"),
    ("thanh pho ", ""),
    ("xa ", "commune"),
    ("phuong ", "commune"),
    ("huyen ", "district"),
    ("quan ", "district"),
    ("tinh ", "province"),
)


def place_name(query: str | None) -> str:
    """The folded name of a place typed by a person, without its type word."""
    folded = " ".join(vi_fold(query).split())
    for prefix, _ in _TYPES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def place_level(query: str | None) -> str:
    """The level its type word names ("" when none, or "thành phố")."""
    folded = " ".join(vi_fold(query).split())
    return next((level for prefix, level in _TYPES if folded.startswith(prefix)), "")


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("vi_place_name", 1, place_name, deterministic=True)
    conn.create_function("vi_place_level", 1, place_level, deterministic=True)


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Any:
    """An entity's name opens its page (the articles naming it), in the `entities` table and
    in the `entity_comentions` results (titles of articles are listing.py's)."""
    if database != DATABASE or row is None or not isinstance(value, str):
        return None
    keys = set(row.keys())
    # In `entity_articles` the id is the article's: only rows without a title are entities.
    entity_row = {"id", "kind"} <= keys and "title" not in keys
    if column == "name" and entity_row and table in ("entities", None):
        href = datasette.urls.database(DATABASE) + f"/entity_articles?id={int(row['id'])}"
        return Markup(f'<a class="entity-link" href="{escape(href)}">{escape(value)}</a>')
    return None
    keys = set(row.keys())
    # In `entity_articles` the id is the article's: only rows without a title are entities.
    entity_row = {"id", "kind"} <= keys and "title" not in keys
    if column == "name" and entity_row and table in ("entities", None):
        href = datasette.urls.database(DATABASE) + f"/entity_articles?id={int(row['id'])}"
        return Markup(f'<a class="entity-link" href="{escape(href)}">{escape(value)}</a>')
    # The search results' titles are listing.py's (with their thumbnails).
    if (
        column == "title"
        and table is None
        and {"id", "published"} <= keys
        and "snippet" not in keys
    ):
        href = datasette.urls.row(DATABASE, "articles", str(int(row["id"])))
        return Markup(f'<a class="article-link" href="{escape(href)}">{escape(value)}</a>')
    return None


ENTITY_PAGE = f"query-{DATABASE}-entity_articles.html"


@hookimpl
def extra_template_vars(template: str, request: Any, datasette: Any) -> Any:
    """On the entity page (`entity_articles?id=`), the entities named with it, linked."""
    if template != ENTITY_PAGE or request is None:
        return None
    entity_id = parse_id(request.args.get("id"))

    async def inner() -> dict[str, Any]:
        # Imported here: serving loads the plugins, this one among them.
        from portal_archive.web.serving import canned_query

        if entity_id is None:
            return {"comentions": []}
        db = datasette.get_database(DATABASE)
        # The page's second half: who and what the same articles name.
        rows = await db.execute(canned_query("entity_comentions"), {"id": entity_id})
        base = datasette.urls.database(DATABASE)
        return {
            "comentions": [
                {**dict(r), "href": f"{base}/entity_articles?id={int(r['id'])}"} for r in rows
            ]
        }

    return inner
