"""Small, valid binary files for the demo portal: PNG/JPEG images (Pillow) and PDF documents.

Images are drawn from a hash of their name, so the same name always gives the same bytes; a
bounded cache keeps memory flat however many articles the site has.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw

CHROME_IMAGES = (
    "/SiteAssets/logo-van-linh.png",
    "/SiteAssets/icon-home.png",
    "/SiteAssets/icon-rss.png",
    "/SiteAssets/banner-dong-tram.jpg",
    "/_layouts/15/images/spcommon.png",
)


def content_type(path: str) -> str | None:
    """Content-Type for a binary file path, None when it is not one we serve."""
    low = path.lower()
    if low.endswith((".jpg", ".jpeg")):
        return "image/jpeg"
    if low.endswith(".png"):
        return "image/png"
    if low.endswith(".pdf"):
        return "application/pdf"
    return None


@lru_cache(maxsize=512)
def image_bytes(name: str) -> bytes:
    """A small deterministic picture: gradient sky, coloured blocks, a hash-derived palette."""
    digest = hashlib.sha256(name.lower().encode()).digest()
    width, height = 160 + digest[0] % 80, 100 + digest[1] % 60
    img = Image.new("RGB", (width, height), (digest[2], digest[3], digest[4]))
    draw = ImageDraw.Draw(img)
    for y in range(0, height, 4):
        shade = (digest[5] + y) % 256
        draw.rectangle((0, y, width, y + 3), fill=(shade, digest[6], 255 - shade))
    for i in range(6):
        x0, y0 = digest[7 + i] % width, digest[13 + i] % height
        colour = (digest[19 + i], digest[25 - i], digest[(i * 5) % 32])
        draw.rectangle((x0, y0, x0 + width // 4, y0 + height // 4), fill=colour)
    out = io.BytesIO()
    if name.lower().endswith(".png"):
        img.save(out, format="PNG", optimize=False)
    else:
        img.save(out, format="JPEG", quality=75)
    return out.getvalue()


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    plain = unicodedata.normalize("NFD", text)
    return "".join(c for c in plain if c.isascii() and c not in "()\\")


def pdf_bytes(title: str) -> bytes:
    """A one-page PDF 1.4 with a correct xref table, showing `title` (diacritics dropped)."""
    stream = f"BT /F1 14 Tf 50 780 Td ({_ascii(title)}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
