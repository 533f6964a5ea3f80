"""What an article's image or attachment URL becomes (issue 18): an http(s) request, an image
decoded from a `data:` URL in the page itself (never a request), or a refusal to fetch (any
other scheme: `file:` from a Word paste, `ftp:`, `s3:`...); and whether fetched bytes are an
image worth storing as one."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from w3lib.url import parse_data_uri

from portal_archive.archive.images import raster_type
from portal_archive.crawl.addresses import REFUSED_SCHEME, SCHEMES
from portal_archive.crawl.items import NO_HTTP_STATUS, FetchItem, FileItem

# Why media bytes were not stored (`fetches.reason`, `stats.media_refused`).
NOT_AN_IMAGE = "not_an_image"  # the bytes are no raster image of a known type
TOO_LARGE = "too_large"  # a `data:` image over DOWNLOAD_MAXSIZE, as a download would be
BAD_DATA_URL = "bad_data_url"  # a `data:` URL that does not decode

# How much longer than its bytes a base64 `data:` URL may be: 4/3, plus its header.
_BASE64_GROWTH = 4 / 3
_DATA_URL_HEADER = 256


def is_fetchable(url: str) -> bool:
    return urlsplit(url).scheme.lower() in SCHEMES


def is_inline(url: str) -> bool:
    return url[:5].lower() == "data:"


def inline_image(url: str, max_bytes: int) -> FileItem | str:
    """The image a `data:` URL carries, or why it is not stored."""
    if len(url) > max_bytes * _BASE64_GROWTH + _DATA_URL_HEADER:
        return TOO_LARGE
    try:
        content = parse_data_uri(url).data
    except ValueError:
        return BAD_DATA_URL
    if len(content) > max_bytes:
        return TOO_LARGE
    mime = raster_type(content)
    if mime is None:
        return NOT_AN_IMAGE
    return FileItem("image", url, content, mime)


def image_refusal(kind: str, content: bytes) -> str | None:
    """Why fetched media bytes are not stored: an "image" that is not one. Attachments are
    chosen by their document extension (`extract`) and kept as they are."""
    if kind == "image" and raster_type(content) is None:
        return NOT_AN_IMAGE
    return None


def refused_fetch(url: str, now: datetime, referer: str | None) -> FetchItem:
    """The `fetches` row of media that was not requested: its scheme is not http(s)."""
    return FetchItem(
        url, "GET", NO_HTTP_STATUS, {}, None, now, reason=REFUSED_SCHEME, referer=referer
    )
