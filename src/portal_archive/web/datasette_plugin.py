"""Datasette plugin of the archive: SQL search functions, image/attachment serving, article
pages, lean default views and the security headers of every response. Registered by
`archive.serving.make_datasette` and by the `[project.entry-points.datasette]` entry
`portal_archive = "portal_archive.web.datasette_plugin"`.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode

import datasette_atom
from datasette import __version__ as datasette_version
from datasette import hookimpl as _hookimpl
from datasette.filters import FilterArguments
from datasette.handle_exception import handle_exception as datasette_handle_exception
from datasette.utils.asgi import Response
from datasette.views.base import DatasetteError
from feedgen.feed import FeedGenerator
from markupsafe import Markup, escape

from portal_archive.archive.images import raster_mime
from portal_archive.archive.search import register_functions
from portal_archive.web.pages import ATTACHMENT_ROUTE, render_body

log = logging.getLogger(__name__)

DATABASE = "archive"
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
IMAGE_ROUTE = "/-/archive/images/{id}"
# Thumbnails are drawn inside this box (CSS pixels), keeping the image's proportions.
THUMB_BOX = (96, 72)
_ARTICLES_PATH = re.compile(rf"^/{DATABASE}/articles(\.\w+)?$")
# `?_search=` on articles is renamed to this (see `filters_from_request`).
SEARCH_ARG = "_vi_search"
_NOFACET_MARK = "search"
_CACHE = "public, max-age=31536000, immutable"
# Media from portals is untrusted: whatever it is, it runs nothing and loads nothing when
# opened directly. `sandbox` also gives it an opaque origin, away from the archive's.
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
# The archive's own HTML pages (Datasette's and ours): scripts only from the archive itself or
# inline scripts of the templates (by hash); inline styles are allowed (Datasette's templates
# use them); images also from the portals, for those not archived yet.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: http: https:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# Template expressions found inside inline scripts, with every value they render to.
_SCRIPT_EXPRESSIONS = {"{{ datasette_allow_facet }}": ("true", "false")}
# SQLite integers are signed 64-bit: a bigger id names nothing (and would raise OverflowError).
_MAX_ID = 2**63 - 1

ASGIApp = Callable[..., Awaitable[None]]
Headers = Sequence[Sequence[bytes]]
# pluggy's marker is untyped; this alias keeps mypy strict on everything it decorates.
hookimpl: Callable[..., Any] = _hookimpl
hookimpl_last: Callable[[Callable[..., Any]], Callable[..., Any]] = _hookimpl(trylast=True)
hookimpl_first: Callable[[Callable[..., Any]], Callable[..., Any]] = _hookimpl(tryfirst=True)


@hookimpl_last
def prepare_connection(conn: sqlite3.Connection) -> None:
    # trylast: runs after Datasette's own hook so that our escape_fts replaces its version.
    register_functions(conn)


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


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Any id segment reaches the view, which answers 404 itself to one that names nothing.
    return [
        (r"^/-/archive/images/(?P<id>[^/]*)(?P<thumb>/thumb)?$", serve_image),
        (r"^/-/archive/attachments/(?P<id>[^/]*)$", serve_attachment),
    ]


def parse_id(raw: str | None) -> int | None:
    """A row id from a URL: ASCII digits naming a positive SQLite integer, else None."""
    if not raw or not (raw.isascii() and raw.isdigit()) or len(raw) > 19:
        return None
    number = int(raw)
    return number if 0 < number <= _MAX_ID else None


def media_headers(**extra: str) -> dict[str, str]:
    return {
        "Cache-Control": _CACHE,
        "Content-Security-Policy": MEDIA_CSP,
        "X-Content-Type-Options": "nosniff",
        **extra,
    }


def download_disposition(url: str | None, fallback: str) -> str:
    """`attachment` with the URL's file name: ASCII in `filename`, exact in `filename*`."""
    name = unquote((url or "").split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]) or fallback
    plain = re.sub(r"[^\w.-]", "_", name, flags=re.ASCII)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"


async def serve_image(datasette: Any, request: Any) -> Response:
    """Image bytes from the archive, cacheable forever (an id never changes content).

    Raster images are served inline; anything else (SVG, HTML...) only as a download, and
    never as a thumbnail: opened from the archive's origin it could run script."""
    image_id = parse_id(request.url_vars["id"])
    db = datasette.get_database(DATABASE)
    result = await db.execute(
        "select sha256, url, mime, content, thumbnail, thumbnail_mime from images where id = ?",
        [image_id],
    )
    row = result.first()
    if row is None:
        return Response.text("No such image", status=404, headers=media_headers())
    raster = raster_mime(row["mime"])
    wants_thumb = bool(request.url_vars.get("thumb"))
    if wants_thumb and raster is None:
        return Response.text("No thumbnail of this image", status=404, headers=media_headers())
    thumb = wants_thumb and row["thumbnail"] is not None
    etag = f'"{row["sha256"]}{"-t" if thumb else ""}"'
    headers = media_headers(ETag=etag)
    if raster is None:
        headers["Content-Disposition"] = download_disposition(row["url"], f"image-{image_id}")
    if request.headers.get("if-none-match") == etag:
        return Response("", status=304, headers=headers)
    if thumb:
        return Response(row["thumbnail"], headers=headers, content_type=row["thumbnail_mime"])
    mime = raster or row["mime"] or "application/octet-stream"
    return Response(row["content"], headers=headers, content_type=mime)


async def serve_attachment(datasette: Any, request: Any) -> Response:
    db = datasette.get_database(DATABASE)
    result = await db.execute(
        "select url, mime, content from attachments where id = ? and content is not null",
        [parse_id(request.url_vars["id"])],
    )
    row = result.first()
    if row is None:
        return Response.text("Attachment not archived", status=404, headers=media_headers())
    headers = media_headers(**{"Content-Disposition": download_disposition(row["url"], "file")})
    return Response(
        row["content"], headers=headers, content_type=row["mime"] or "application/octet-stream"
    )


@hookimpl_first
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """400, not 500, for what Datasette 0.65 blames on itself though the request is at fault:
    `_sort`/`_sort_desc` naming no column, and numbers too big for SQLite anywhere."""
    message = bad_request_message(exception)
    if message is None:
        return None
    error = DatasetteError(message, title="Bad request", status=400)
    return datasette_handle_exception(datasette, request, error)


def bad_request_message(exception: Exception) -> str | None:
    if isinstance(exception, OverflowError):
        return "A number in the request is too large."
    if isinstance(exception, DatasetteError) and str(exception.message).startswith(
        "Cannot sort table by"
    ):
        return str(exception.message)
    return None


@hookimpl
def render_cell(
    row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any
) -> Any:
    """In the `articles` list and the `search` results: the lead image as a thumbnail. In the
    `search` results: highlighted snippets (only <mark> survives escaping) and titles that open
    the archived article page."""
    if database != DATABASE:
        return None
    if column == LEAD_IMAGE_COLUMN and table in ("articles", None) and isinstance(value, int):
        # `in` on a sqlite3.Row looks at its values, hence `keys()`.
        has_id = row is not None and "id" in row.keys()  # noqa: SIM118
        return lead_cell(datasette, row["id"] if has_id else None, value)
    if table is not None or not isinstance(value, str):
        return None
    if column == "snippet":
        safe = str(escape(value))
        return Markup(safe.replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>"))
    if column == "title" and row is not None and {"id", "snippet"} <= set(row.keys()):
        return search_title(datasette, int(row["id"]), value)
    return None


async def search_title(datasette: Any, article_id: int, title: str) -> Markup:
    """A search result's title linking to its article page, the lead thumbnail under it (the
    `search` query's columns stay as they are: the thumbnail is HTML only)."""
    href = datasette.urls.row(DATABASE, "articles", str(article_id))
    link = f'<a class="article-link" href="{escape(href)}">{escape(title)}</a>'
    thumb = await lead_thumbnail(datasette, article_id, None)
    return Markup(link + (f'<br><a href="{escape(href)}">{thumb}</a>' if thumb else ""))


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


def fit(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """Display size of a `width` x `height` image inside `box`, never enlarged."""
    scale = min(box[0] / width, box[1] / height, 1.0)
    return max(1, round(width * scale)), max(1, round(height * scale))


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
    body, other_images = render_body(article["body_html"] or "", images)
    return {
        "article": dict(article),
        "body": Markup(body),
        "images": other_images,
        "attachments": attachments,
        "versions": versions,
    }


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[ASGIApp], ASGIApp]:
    """Lean columns on the default articles list, our fast search clause on its searches, and
    security headers on every response."""

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

        return secure(lean, page_csp(datasette.jinja_env))

    return wrap


def secure(app: ASGIApp, page_policy: str) -> ASGIApp:
    """`app` with a Content-Security-Policy and `nosniff` on every response that has none:
    `page_policy` on HTML, `MEDIA_CSP` on everything else."""

    async def secured(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope.get("type") != "http":
            await app(scope, receive, send)
            return

        async def send_secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = with_security_headers(message.get("headers", []), page_policy)
                message = dict(message, headers=headers)
            await send(message)

        await app(scope, receive, send_secured)

    return secured


def with_security_headers(headers: Headers, page_policy: str) -> list[tuple[bytes, bytes]]:
    given = {bytes(k).lower(): bytes(v) for k, v in headers}
    added = []
    if b"content-security-policy" not in given:
        html = given.get(b"content-type", b"").lower().startswith(b"text/html")
        added.append((b"content-security-policy", (page_policy if html else MEDIA_CSP).encode()))
    if b"x-content-type-options" not in given:
        added.append((b"x-content-type-options", b"nosniff"))
    return [(bytes(k), bytes(v)) for k, v in headers] + added


def page_csp(env: Any) -> str:
    """`PAGE_CSP` allowing, by hash, every inline script of the templates `env` renders."""
    hashes = "".join(f" 'sha256-{h}'" for h in sorted(inline_script_hashes(env)))
    return PAGE_CSP.format(hashes=hashes)


def inline_script_hashes(env: Any) -> set[str]:
    """Base64 SHA-256 of each inline script (as rendered) in the Jinja `env`'s templates.

    Only the templates' own text is allowed this way, never whatever a page may show. A script
    with a template expression not in `_SCRIPT_EXPRESSIONS` cannot be hashed ahead: logged, and
    it will not run (templates/search_all.html shows how a script is kept static)."""
    hashes: set[str] = set()
    for name in env.list_templates(extensions=["html"]):
        source = env.loader.get_source(env, name)[0]
        for script in _INLINE_SCRIPT.findall(source):
            for text in rendered_scripts(script, name):
                digest = hashlib.sha256(text.encode("utf-8")).digest()
                hashes.add(base64.b64encode(digest).decode("ascii"))
    return hashes


def rendered_scripts(script: str, template: str) -> Iterable[str]:
    for expression, values in _SCRIPT_EXPRESSIONS.items():
        if expression in script:
            return [
                t for v in values for t in rendered_scripts(script.replace(expression, v), template)
            ]
    if "{{" in script or "{%" in script:
        log.warning("inline script of %s depends on the page: blocked by the CSP", template)
        return []
    return [script]


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
        [
            "+id in (select rowid from articles_fts "
            "where articles_fts match vi_fts_query(:vi_search))"
        ],
        {"vi_search": search},
        [f'search matches "{search}"'],
        {"search": search},
    )
