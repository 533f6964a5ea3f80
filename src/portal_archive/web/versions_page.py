"""Datasette plugin: a readable diff between two versions of an archived article.

    /-/archive/articles/{id}/diff                 the last two versions
    /-/archive/articles/{id}/diff?from=N&to=M     versions N and M (1 = first seen; the
                                                  current row is version `version_count`)

Registered with Datasette's plugin manager when imported (`archive.serving` imports it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

from datasette import hookimpl as _hookimpl
from datasette.plugins import pm
from datasette.utils.asgi import Response

from portal_archive.archive.schema import CONTENT_COLUMNS
from portal_archive.web.common import parse_id
from portal_archive.web.diff import article_diff

DATABASE = "archive"
DIFF_ROUTE = "/-/archive/articles/{id}/diff"
TEMPLATE = "archive-version-diff.html"
_FIELDS = ", ".join(CONTENT_COLUMNS)

# pluggy's marker is untyped; this alias keeps mypy strict on everything it decorates.
hookimpl: Callable[..., Any] = _hookimpl


class BadRequest(ValueError):
    """A query parameter that names no version."""


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Any id segment reaches the view, which answers 404 itself to one that names nothing.
    return [(r"^/-/archive/articles/(?P<id>[^/]*)/diff$", diff_page)]


async def _versions(db: Any, article: dict[str, Any]) -> list[dict[str, Any]]:
    """Every version, oldest first: earlier ones from article_versions, then the row itself."""
    rows = await db.execute(
        "select version, fetched_at from article_versions where article_id = ? order by version",
        [article["id"]],
    )
    versions = [{"version": r["version"], "fetched_at": r["fetched_at"]} for r in rows]
    current_seen = article["changed_at"] or article["first_seen"]
    versions.append({"version": article["version_count"], "fetched_at": current_seen})
    return versions


async def _version(db: Any, article: dict[str, Any], number: int) -> dict[str, Any]:
    if number == article["version_count"]:
        return article
    row = (
        await db.execute(
            f"select {_FIELDS} from article_versions where article_id = ? and version = ?",
            [article["id"], number],
        )
    ).first()
    if row is None:
        raise BadRequest(f"article {article['id']} has no version {number}")
    return dict(row)


def _choice(request: Any, name: str, default: int) -> int:
    """The version number in parameter `name`; absent or empty: `default`."""
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    number = parse_id(raw)
    if number is None:
        raise BadRequest(f"{name}={raw[:40]!r} is not a version number")
    return number


async def diff_context(datasette: Any, article_id: int, request: Any) -> dict[str, Any] | None:
    """What the diff page shows; None when the article does not exist."""
    db = datasette.get_database(DATABASE)
    found = (await db.execute("select * from articles where id = ?", [article_id])).first()
    if found is None:
        return None
    article = dict(found)
    latest = int(article["version_count"])
    old_n = _choice(request, "from", max(latest - 1, 1))
    new_n = _choice(request, "to", latest)
    old, new = await _version(db, article, old_n), await _version(db, article, new_n)
    return {
        "article": article,
        "article_url": datasette.urls.table(DATABASE, "articles") + f"/{article_id}",
        "diff_url": DIFF_ROUTE.format(id=article_id),
        "versions": await _versions(db, article),
        "from_version": old_n,
        "to_version": new_n,
        "fields": article_diff(old, new),
    }


async def diff_page(datasette: Any, request: Any) -> Response:
    article_id = parse_id(request.url_vars["id"])
    try:
        context = None if article_id is None else await diff_context(datasette, article_id, request)
    except BadRequest as error:
        return Response.text(str(error), status=400)
    if context is None:
        return Response.text("No such article", status=404)
    html = await datasette.render_template(TEMPLATE, context, request=request)
    return Response.html(html)


def _declared_entry_point() -> bool:
    # Datasette registers entry-point plugins itself, importing this module while doing so:
    # registering here too would make pluggy refuse the second registration.
    return any(ep.value == __name__ for ep in entry_points(group="datasette"))


# Without an entry point of its own, this module registers itself when `archive.serving`
# imports it.
if not _declared_entry_point() and not pm.is_registered(sys.modules[__name__]):
    pm.register(sys.modules[__name__], name=__name__)
