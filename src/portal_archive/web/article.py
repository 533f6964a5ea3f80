"""The article page: everything its template shows, from a few small queries."""

from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup

from portal_archive.web.common import (
    DATABASE,
    hookimpl,
)
from portal_archive.web.pages import ATTACHMENT_ROUTE, render_body

log = logging.getLogger(__name__)


@hookimpl
def extra_template_vars(
    view_name: str, database: str | None, table: str | None, request: Any, datasette: Any
) -> Any:
    if view_name != "row" or database != DATABASE or table != "articles" or request is None:
        return None

    async def inner() -> dict[str, Any]:
        pks = request.url_vars.get("pks", "")
        return {"article_page": await article_page(datasette, pks)}

    return inner


async def article_page(datasette: Any, pk: str) -> dict[str, Any] | None:
    """Everything the article template shows, from a few small queries."""
    db = datasette.get_database(DATABASE)
    article = (await db.execute("select * from articles where id = ?", [pk])).first()
    if article is None:
        return None
    images = [
        dict(r)
        for r in await db.execute(
            """select ai.position, ai.url, ai.caption, ai.alt, ai.image_id, i.width, i.height
               from article_images ai left join images i on i.id = ai.image_id
               where ai.article_id = ? order by ai.position""",
            [pk],
        )
    ]
    attachments = [
        dict(r, href=ATTACHMENT_ROUTE.format(id=r["id"]) if r["archived"] else r["url"])
        for r in await db.execute(
            """select id, url, title, mime, bytes, content is not null as archived
               from attachments where article_id = ? order by position""",
            [pk],
        )
    ]
    versions = [
        dict(r)
        for r in await db.execute(
            "select id, version, fetched_at from article_versions where article_id = ? "
            "order by version",
            [pk],
        )
    ]
    # The newest capture of the article, when it came from a web archive file (issue 12).
    recovered = (
        await db.execute(
            """select fetched_at, source_file from fetches where url = ? and status = 200
               order by fetched_at desc, id desc limit 1""",
            [article["url"]],
        )
    ).first()
    body, other_images = render_body(article["body_html"] or "", images)
    return {
        "recovered": dict(recovered) if recovered and recovered["source_file"] else None,
        "article": dict(article),
        "body": Markup(body),
        "images": other_images,
        "attachments": attachments,
        "versions": versions,
    }
