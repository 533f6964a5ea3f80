"""What the article page shows: sanitised body with archived images and captions inline.

Only the archive's own copies are shown: an image the crawl did not store (refused, as an
internal address or a `file:` path is, or not fetched yet) is left out rather than pointed at its
original URL, so a reader's browser never asks a host the crawler was not allowed to."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

import nh3

IMAGE_ROUTE = "/-/archive/images/{id}"
ATTACHMENT_ROUTE = "/-/archive/attachments/{id}"

_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "blockquote", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "td", "th", "caption",
    "figure", "figcaption", "img", "a", "span", "div", "hr",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}
_IMG_RE = re.compile(r'<img\b[^>]*\bsrc="([^"]*)"[^>]*>')
_IMG_WITHOUT_SOURCE_RE = re.compile(r"<img\b(?![^>]*\bsrc=)[^>]*>")


def sanitise(body_html: str, image_urls: Mapping[str, str]) -> str:
    """Allow-list clean (nh3) of stored HTML; image sources pointed at the archive's copies, and
    an image the archive holds no copy of left out."""

    def rewrite(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            return image_urls.get(value)
        return value

    cleaned = nh3.clean(
        body_html or "",
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        attribute_filter=rewrite,
        link_rel="noopener noreferrer nofollow",
    )
    return _IMG_WITHOUT_SOURCE_RE.sub("", cleaned)


def _image_src(image: Mapping[str, Any]) -> str:
    """The archive's copy of the image, or "" when it holds none."""
    if image.get("image_id") is not None:
        return IMAGE_ROUTE.format(id=image["image_id"])
    return ""


def render_body(body_html: str, images: Sequence[Mapping[str, Any]]) -> tuple[str, list[Any]]:
    """The article body and the images it does not show inline (to list after it).

    Each inline image whose caption is not already printed in the body gets a <figcaption>.
    """
    archived = [i for i in images if _image_src(i)]
    sources = {str(i["url"]): _image_src(i) for i in archived if i.get("url")}
    body = sanitise(body_html, sources)
    by_src = {_image_src(i): i for i in archived}
    shown: set[str] = set()

    def figure(match: re.Match[str]) -> str:
        src = html.unescape(match.group(1))
        image = by_src.get(src)
        if image is None:
            return match.group(0)
        shown.add(src)
        caption = str(image.get("caption") or "")
        if not caption or html.escape(caption) in body or caption in body:
            return match.group(0)
        return f"<figure>{match.group(0)}<figcaption>{html.escape(caption)}</figcaption></figure>"

    body = _IMG_RE.sub(figure, body)
    rest = [dict(i, src=_image_src(i)) for i in archived if _image_src(i) not in shown]
    return body, rest
