"""Media routes: archived images (and their thumbnails) and attachments, served so that nothing
from a portal can run from the archive's origin."""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import quote, unquote

from datasette.utils.asgi import Response

from portal_archive.archive.images import raster_mime
from portal_archive.web.common import (
    DATABASE,
    MEDIA_CSP,
    hookimpl,
    parse_id,
)

log = logging.getLogger(__name__)

_CACHE = "public, max-age=31536000, immutable"


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    # Any id segment reaches the view, which answers 404 itself to one that names nothing.
    return [
        (r"^/-/archive/images/(?P<id>[^/]*)(?P<thumb>/thumb)?$", serve_image),
        (r"^/-/archive/attachments/(?P<id>[^/]*)$", serve_attachment),
    ]


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
