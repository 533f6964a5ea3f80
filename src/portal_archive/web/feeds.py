"""Atom feeds: datasette-atom's `.atom` renderer, made safe for saved searches with no rows."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import datasette_atom
from datasette import __version__ as datasette_version
from datasette.utils.asgi import Response
from feedgen.feed import FeedGenerator

from portal_archive.web.common import (
    hookimpl_last,
)

log = logging.getLogger(__name__)


@hookimpl_last
def register_output_renderer() -> dict[str, Any]:
    """datasette-atom's `.atom` renderer, made safe for queries without rows.

    datasette-atom 0.9 takes `max()` of the rows' `atom_updated` and so answers 500 to a saved
    search with no hits; a feed reader must get a valid empty feed instead. trylast: Datasette
    keeps the last renderer registered for an extension, so this one replaces the plugin's own.
    """
    return {
        "extension": "atom",
        "render": render_atom,
        "can_render": datasette_atom.can_render_atom,
    }


def render_atom(
    datasette: Any,
    request: Any,
    sql: str,
    columns: list[str],
    rows: list[Any],
    database: str,
    table: str | None,
    query_name: str | None,
    view_name: str,
    data: dict[str, Any],
) -> Any:
    if rows or not datasette_atom.REQUIRED_COLUMNS.issubset(columns):
        return datasette_atom.render_atom(
            datasette, request, sql, columns, rows, database, table, query_name, view_name, data
        )
    return Response(
        empty_feed(request.url, feed_title(datasette, database, query_name, table, sql)),
        content_type="application/xml; charset=utf-8",
    )


def feed_title(
    datasette: Any, database: str, query_name: str | None, table: str | None, sql: str
) -> str:
    """The canned query's title, as datasette-atom names a feed with entries."""
    if query_name:
        query = (datasette.metadata(database=database) or {}).get("queries", {}).get(query_name)
        if isinstance(query, dict) and query.get("title"):
            return str(query["title"])
    return table or sql


def empty_feed(url: str, title: str) -> bytes:
    """A valid Atom feed without entries (`updated` is required: now)."""
    fg = FeedGenerator()
    fg.generator(generator="Datasette", version=datasette_version, uri="https://datasette.io/")
    fg.id(url)
    fg.link(href=url, rel="self")
    fg.title(title)
    fg.updated(datetime.now(UTC))
    feed: bytes = fg.atom_str(pretty=True)
    return feed
