"""The archive's front page (issue 13): search first, then the newest articles with their
thumbnails, then the portals with their article counts and last crawl. Datasette's own index
(databases and tables) stays one click away, at `/archive`."""

from __future__ import annotations

from typing import Any

from datasette.utils.asgi import Response

from portal_archive.web.common import DATABASE, display_date, hookimpl
from portal_archive.web.listing import lead_thumbnail

NEWEST = 12

NEWEST_SQL = """select a.id, a.title, a.published, a.portal_id, a.category, a.lead_image_id,
  coalesce(p.name, a.portal_id) as portal_name
from articles a left join portals p on p.id = a.portal_id
where a.gone_at is null
order by a.published desc, a.id desc limit :limit"""

# Correlated: one portal's newest crawl, by the (portal_id) index of crawls.
PORTALS_SQL = """select p.id, p.name, p.province,
  (select count(*) from articles a where a.portal_id = p.id) as articles,
  (select max(published) from articles a where a.portal_id = p.id) as newest,
  c.started_at as crawled_at, c.status as crawl_status
from portals p
left join crawls c on c.id = (select max(id) from crawls where portal_id = p.id)
order by articles desc, p.id"""


@hookimpl
def prepare_jinja2_environment(env: Any) -> None:
    env.filters["archive_date"] = display_date


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/$", home_page)]


async def home_context(datasette: Any) -> dict[str, Any]:
    db = datasette.get_database(DATABASE)
    newest = [dict(r) for r in await db.execute(NEWEST_SQL, {"limit": NEWEST})]
    for article in newest:
        article["href"] = datasette.urls.row(DATABASE, "articles", str(article["id"]))
        article["thumb"] = await lead_thumbnail(datasette, article["id"], article["lead_image_id"])
    portals = [dict(r) for r in await db.execute(PORTALS_SQL)]
    for portal in portals:
        portal["href"] = datasette.urls.table(DATABASE, "articles") + f"?portal_id={portal['id']}"
    return {
        "newest": newest,
        "portals": portals,
        "search_url": datasette.urls.database(DATABASE) + "/search",
        "articles_url": datasette.urls.table(DATABASE, "articles"),
        "database_url": datasette.urls.database(DATABASE),
        "search_all_url": datasette.urls.path("/-/search"),
        "total": sum(int(p["articles"] or 0) for p in portals),
    }


async def home_page(datasette: Any, request: Any) -> Response:
    if DATABASE not in datasette.databases:
        return Response.text("No archive is served here", status=404)
    context = await home_context(datasette)
    html = await datasette.render_template("archive-home.html", context, request=request)
    return Response.html(html)
