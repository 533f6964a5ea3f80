"""Page bytes to text, one way everywhere: the order Scrapy reads a page in (a BOM, then the HTTP
header's charset, then the page's own declaration, each with w3lib's parsers) with one last resort
for a page that declares nothing, `undeclared_charset`: UTF-8 when it is valid, else windows-1258
(Vietnamese pages that are not UTF-8 almost always are). w3lib's own guess for undeclared pages
(`html_to_unicode` without a fallback, since 2.6) reads our windows-1258 pages less well, and its
fallback parameters are deprecated, so the order is spelled out here.

The crawl decodes each page once: `crawl.middlewares.UndeclaredCharset` gives Scrapy the same
last resort and the spider hands `response.text` to both the link scan and the extractor.
`reextract` passes the stored header's charset. `make bench-decode` measures this reading against
Scrapy alone and UnicodeDammit.
"""

from __future__ import annotations

import codecs

from w3lib.encoding import (
    html_body_declared_encoding,
    http_content_type_encoding,
    read_bom,
    to_unicode,
)

# What lxml would read as U+FFFD and HTML gives no meaning: the C0 controls but tab, newline and
# carriage return (in UTF-8 these bytes never occur inside a character), and two noncharacters.
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_NONCHARACTERS = ("\ufffe", "\uffff")


def slim_utf8(page: str | bytes, http_charset: str | None = None) -> bytes:
    """What the extractor parses: the page as UTF-8, attribute values over 512 bytes blanked and
    the characters lxml refuses removed. A page given as text is taken as already read."""
    if isinstance(page, bytes):
        slim = blank_long_values(page)
        encoding, page = _read(slim, http_charset)
        if (
            encoding == "utf-8"
            and not slim.startswith(codecs.BOM_UTF8)
            and not any(c in page for c in ("\ufffd", *_NONCHARACTERS))
        ):  # read without a fault: these bytes are the text's UTF-8
            return slim.translate(None, _CONTROL_BYTES)
    for noncharacter in _NONCHARACTERS:
        if noncharacter in page:
            page = page.replace(noncharacter, "")
    data = blank_long_values(page.encode("utf-8", errors="replace"))
    return data.translate(None, _CONTROL_BYTES)


def decode(data: bytes, http_charset: str | None = None) -> str:
    """The page's text, never raising. `http_charset` is the charset the HTTP `Content-Type`
    header declared, if any: it outranks the page's `<meta charset>`; a BOM outranks both.

    Long values are blanked first: a served page is ~110 KB, most of it `__VIEWSTATE`, which
    nothing reads (ASCII quotes never occur inside a UTF-8 or windows-1258 character).
    """
    return _read(blank_long_values(data), http_charset)[1]


def _read(data: bytes, http_charset: str | None) -> tuple[str, str]:
    """(the encoding used, the text)."""
    bom_encoding, bom = read_bom(data)
    if bom_encoding is not None and bom is not None:
        return bom_encoding, to_unicode(data[len(bom) :], bom_encoding)
    label = (http_charset or "").strip().strip("\"'")
    encoding = (
        (http_content_type_encoding(f"text/html; charset={label}") if label else None)
        or html_body_declared_encoding(data)
        or undeclared_charset(data)
    )
    return encoding, to_unicode(data, encoding)


def undeclared_charset(data: bytes) -> str:
    """The charset of a page that declares none: UTF-16 when every other byte of the markup is
    zero, UTF-8 when the page is valid UTF-8 outside its blanked values, else windows-1258."""
    head = data[:200]
    if len(head) >= 4 and max(head[1::2].count(0), head[0::2].count(0)) > len(head) // 4:
        return "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
    try:
        blank_long_values(data).decode("utf-8")
    except UnicodeDecodeError:
        return "windows-1258"
    return "utf-8"


def blank_long_values(data: bytes, limit: int = 512) -> bytes:
    """Empty every attribute value longer than `limit` (`__VIEWSTATE` is tens of KB of base64)."""
    pieces, start = [], 0
    while (at := data.find(b'value="', start)) != -1:
        value_start = at + 7
        end = data.find(b'"', value_start)
        if end == -1:
            break
        if end - value_start > limit:
            pieces.append(data[start:value_start])
            start = end
        else:
            pieces.append(data[start:end])
            start = end
    pieces.append(data[start:])
    return b"".join(pieces)
