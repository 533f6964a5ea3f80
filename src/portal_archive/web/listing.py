"""The articles list and search results: SQL search functions, lean default columns, lead
thumbnails, highlighted snippets, and our fast search clause for `?_search=`."""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

from datasette.filters import FilterArguments
from markupsafe import Markup, escape

from portal_archive.archive.search import register_functions
from portal_archive.web.common import (
    DATABASE,
    IMAGE_ROUTE,
    THUMB_BOX,
    ASGIApp,
    display_date,
    fit,
    hookimpl,
    hookimpl_last,
)

log = logging.getLogger(__name__)

# Dates in the HTML tables and query results, shown one way (`display_date`); JSON keeps ISO.
DATE_COLUMNS = frozenset(
    {"published", "first_seen", "last_fetched", "changed_at", "gone_at", "fetched_at",
     "started_at", "finished_at"}
)  # fmt: skip

# Columns of the default `articles` list: no full bodies (2.6 MB per page otherwise).
# `lead_image_id` comes last so that array-shaped JSON keeps its earlier positions; HTML pages
# show it first, as a thumbnail (see `render_cell`).
LEAD_IMAGE_COLUMN = "lead_image_id"


LEAN_COLUMNS = (
    "title",
    "published",
    "portal_id",
    "category",
    "author",
    "excerpt",
    "url",
    LEAD_IMAGE_COLUMN,
)


HTML_LEAN_COLUMNS = (LEAD_IMAGE_COLUMN, *LEAN_COLUMNS[:-1])


_ARTICLES_PATH = re.compile(rf"^/{DATABASE}/articles(\.\w+)?$")


# `?_search=` on articles is renamed to this (see `filters_from_request`).
SEARCH_ARG = "_vi_search"


_NOFACET_MARK = "search"


@hookimpl_last
def prepare_connection(conn: sqlite3.Connection) -> None:
    # trylast: runs after Datasette's own hook so that our escape_fts replaces its version.
    register_functions(conn)


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Any:
    """In the `articles` list and the `search` results: the lead image as a thumbnail. In the
    `search` results: highlighted snippets (only <mark> survives escaping). In every query
    result shaped like articles (an `id` with a `title` and a `snippet` or `published`: search,
    recently edited, an entity's articles): titles that open the archived article page, with
    the lead thumbnail under a search result's."""
    if database != DATABASE:
        return None
    if column == LEAD_IMAGE_COLUMN and table in ("articles", None) and isinstance(value, int):
        # `in` on a sqlite3.Row looks at its values, hence `keys()`.
        has_id = row is not None and "id" in row.keys()  # noqa: SIM118
        return lead_cell(datasette, row["id"] if has_id else None, value)
    if column in DATE_COLUMNS and isinstance(value, str) and value:
        shown = display_date(value)
        if shown != value:
            return Markup(f'<time datetime="{escape(value)}">{escape(shown)}</time>')
    if table is not None or not isinstance(value, str):
        return None
    if column == "snippet":
        safe = str(escape(value))
        return Markup(safe.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))
    keys = set(row.keys()) if row is not None and column == "title" else set()
    if "id" in keys and "snippet" in keys:
        return search_title(datasette, int(row["id"]), value)
    if {"id", "published"} <= keys:
        return article_link(datasette, int(row["id"]), value)
    return None


def article_link(datasette: Any, article_id: int, title: str) -> Markup:
    """A title that opens the archived article's page."""
    href = datasette.urls.row(DATABASE, "articles", str(article_id))
    return Markup(f'<a class="article-link" href="{escape(href)}">{escape(title)}</a>')


async def search_title(datasette: Any, article_id: int, title: str) -> Markup:
    """A search result's title linking to its article page, the lead thumbnail under it (the
    `search` query's columns stay as they are: the thumbnail is HTML only)."""
    link = article_link(datasette, article_id, title)
    thumb = await lead_thumbnail(datasette, article_id, None)
    if not thumb:
        return link
    href = datasette.urls.row(DATABASE, "articles", str(article_id))
    return Markup(f'{link}<br><a href="{escape(href)}">{thumb}</a>')


async def lead_cell(datasette: Any, article_id: int | None, image_id: int) -> Markup:
    """The `lead_image_id` cell of the articles list: the thumbnail, linking to the article."""
    thumb = await lead_thumbnail(datasette, article_id, image_id)
    if thumb is None:
        return Markup("&nbsp;")
    if article_id is None:
        return thumb
    href = datasette.urls.row(DATABASE, "articles", str(article_id))
    return Markup(f'<a href="{escape(href)}">{thumb}</a>')


async def lead_thumbnail(
    datasette: Any, article_id: int | None, image_id: int | None
) -> Markup | None:
    """A lazy `<img>` of the stored thumbnail (the image itself when it is small enough to have
    none), sized to fit `THUMB_BOX`, alt text from the image's alt or caption. `image_id` None:
    the article's `lead_image_id`. Primary-key lookups only; None when there is no image or
    Pillow could not read its bytes."""
    db = datasette.get_database(DATABASE)
    found = await db.execute(
        """select i.id, i.width, i.height, i.thumbnail is not null as has_thumb, ai.alt,
             ai.caption
           from images i left join article_images ai
             on ai.article_id = :article and ai.position = 0 and ai.image_id = i.id
           where i.id = coalesce(:image,
             (select lead_image_id from articles where id = :article))""",
        {"article": article_id, "image": image_id},
    )
    image = found.first()
    if image is None or not image["width"] or not image["height"]:
        return None
    width, height = fit(image["width"], image["height"], THUMB_BOX)
    src = IMAGE_ROUTE.format(id=image["id"]) + ("/thumb" if image["has_thumb"] else "")
    alt = image["alt"] or image["caption"] or ""
    return Markup(
        f'<img class="lead-thumb" src="{escape(datasette.urls.path(src))}" alt="{escape(alt)}" '
        f'width="{width}" height="{height}" loading="lazy" decoding="async">'
    )


def lean_query(query_string: bytes, lean: bool = True, html: bool = False) -> bytes:
    """Rewrite an `articles` query string: lean columns, fast search, facets on demand.

    - Lean columns unless the caller chose some (`_col`/`_nocol`); on HTML pages the lead
      image's thumbnail comes first.
    - `_search` becomes `_vi_search` (see `search_filter`), replacing any earlier one that the
      page's form carried along as a hidden field.
    - Searches skip facets unless some are asked for (`_facet...`): facets over every match of
      a common word cost 50-110 ms each at 100,000 articles. The marker value `search` lets a
      later request without a search drop it again (the form carries it along too).
    """
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    keys = {k for k, _ in pairs}
    if "_search" in keys:
        pairs = [(SEARCH_ARG if k == "_search" else k, v) for k, v in pairs if k != SEARCH_ARG]
    searching = any(k == SEARCH_ARG and v.strip() for k, v in pairs)
    pairs = [(k, v) for k, v in pairs if (k, v) != ("_nofacet", _NOFACET_MARK)]
    if lean and not keys & {"_col", "_nocol"}:
        pairs.extend(("_col", c) for c in (HTML_LEAN_COLUMNS if html else LEAN_COLUMNS))
    if searching and not any(k.startswith("_facet") for k in keys):
        pairs.append(("_nofacet", _NOFACET_MARK))
    return urlencode(pairs).encode("latin-1")


# The articles search as a filter, and Datasette's count of it with no other filter.
SEARCH_CLAUSE = (
    "+id in (select rowid from articles_fts where articles_fts match vi_fts_query(:vi_search))"
)
SEARCH_COUNT = f"select count(*) from articles where {SEARCH_CLAUSE}"
# The same number from the index alone (it holds exactly the articles' rows, kept in step by the
# triggers): no probe of every article against the set of matches.
FTS_COUNT = "select count(*) from articles_fts where articles_fts match vi_fts_query(:vi_search)"


def fast_search_count(sql: str) -> str:
    """`FTS_COUNT` for Datasette's count of an unfiltered articles search, else `sql`."""
    return FTS_COUNT if sql.strip() == SEARCH_COUNT else sql


@hookimpl
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    """The `articles` search as `+id in (...)` rather than Datasette's `id in (...)`.

    With `id in (...)` SQLite looks up every match by rowid and sorts them all by `published`
    (120 ms for a word in every article of 100,000). The unary `+` keeps it from using the
    rowid, so it walks the `published` index newest first and stops after one page (2-25 ms);
    counts and facets walk small covering indexes instead of every matching row.
    """
    if database != DATABASE or table != "articles":
        return None
    search = (request.args.get(SEARCH_ARG) or "").strip()
    if not search:
        return None
    return FilterArguments(
        [SEARCH_CLAUSE],
        {"vi_search": search},
        [f'search matches "{search}"'],
        {"search": search},
    )


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """Lean columns on the default articles list, and our fast search clause on its searches."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def lean(scope: dict[str, Any], receive: Any, send: Any) -> None:
            path = scope.get("path", "") if scope.get("type") == "http" else ""
            match = _ARTICLES_PATH.match(path)
            if match:
                ext = match.group(1)
                query = lean_query(
                    scope.get("query_string", b""), lean=ext in (None, ".json"), html=ext is None
                )
                scope = dict(scope, query_string=query)
            await app(scope, receive, send)

        return lean

    return wrap
