"""Image facts (size, type) and thumbnails via Pillow; bad image bytes never raise."""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 320
# Images smaller than this (pixels wide and bytes) are their own thumbnail.
_THUMB_IF_WIDER = 480
_THUMB_IF_BIGGER = 64 * 1024
# Types a browser only ever draws as pixels: served inline. Anything else an "image" may claim to
# be (SVG, HTML, XML...) can carry script and is served as a download (`web.media`).
RASTER_MIMES = frozenset(
    {
        "image/png", "image/x-png", "image/apng", "image/jpeg", "image/jpg", "image/pjpeg",
        "image/gif", "image/webp", "image/avif", "image/bmp", "image/x-ms-bmp", "image/tiff",
        "image/x-icon", "image/vnd.microsoft.icon",
    }
)  # fmt: skip


@dataclass(frozen=True)
class ImageFacts:
    mime: str | None
    width: int | None
    height: int | None
    thumbnail: bytes | None
    thumbnail_mime: str | None


def inspect_image(content: bytes, mime: str | None) -> ImageFacts:
    """Width, height and a JPEG thumbnail for big images; the given mime kept if Pillow fails."""
    try:
        with Image.open(io.BytesIO(content)) as img:
            width, height = img.size
            detected = Image.MIME.get(img.format or "")
            thumb = _thumbnail(img) if _wants_thumbnail(width, len(content)) else None
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        log.warning("cannot read image (%s): %s", mime, exc)
        return ImageFacts(mime, None, None, None, None)
    return ImageFacts(detected or mime, width, height, thumb, "image/jpeg" if thumb else None)


def raster_mime(mime: str | None) -> str | None:
    """`mime` normalised ("Image/PNG; q=1" -> "image/png") if it is a raster type, else None."""
    bare = (mime or "").split(";", 1)[0].strip().lower()
    return bare if bare in RASTER_MIMES else None


# What Pillow calls the formats of `RASTER_MIMES` it reads ("MPO" is a camera's JPEG).
_RASTER_FORMATS = frozenset({"JPEG", "MPO", "PNG", "GIF", "WEBP", "AVIF", "BMP", "TIFF", "ICO"})


def raster_type(content: bytes) -> str | None:
    """The MIME type of a raster image of a known type, told by its own bytes (its magic, as
    Pillow reads it) and never by what the server called it; None for anything else (SVG,
    HTML, a script, a PDF, an error page). Only these are stored as images (issue 18)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as img:
                found = img.format or ""
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return None
    if found not in _RASTER_FORMATS:
        return None
    return "image/jpeg" if found == "MPO" else Image.MIME.get(found)


def _wants_thumbnail(width: int, size: int) -> bool:
    return width > _THUMB_IF_WIDER or size > _THUMB_IF_BIGGER


def _thumbnail(img: Image.Image) -> bytes:
    copy = img.convert("RGB")
    copy.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 4))
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=80)
    return out.getvalue()
