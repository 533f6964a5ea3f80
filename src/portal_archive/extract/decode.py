"""Bytes to text in the standard order: BOM, then the HTTP header's charset, then the page's own
declaration, then UTF-8, then windows-1258 (Vietnamese pages that are not UTF-8 almost always are).

The crawler's link scan (Scrapy, through w3lib) reads pages in the same order, and
`crawl.middlewares.UndeclaredCharset` gives it the same last resort, so both see the same text
(`make bench-decode` measures this order against w3lib's and UnicodeDammit's).
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BOM_PREFIXES = tuple(bom for bom, _ in _BOMS)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# Characters lxml refuses in text (XML 1.0 forbids them) and that carry no meaning in HTML.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# lxml refuses str input that declares an encoding.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")


def slim_utf8(data: str | bytes, http_charset: str | None = None) -> bytes:
    """`blank_long_values(to_utf8(data, http_charset))`, validating UTF-8 on the slimmed bytes.

    A served page is ~110 KB, most of it `__VIEWSTATE`: blanking first (ASCII quotes never occur
    inside a UTF-8 sequence) leaves ~10 KB to validate instead of the whole page.
    """
    charset = _codec(http_charset)
    if isinstance(data, bytes) and charset not in (None, "utf-8") and not _has_bom(data):
        text = data.decode(charset, errors="replace")  # the header outranks the page's meta
        return blank_long_values(_clean_text(text).encode("utf-8", errors="replace"))
    if isinstance(data, bytes) and _may_be_utf8(data):
        slim = blank_long_values(data)
        if _valid_utf8(slim):
            return slim
    return blank_long_values(to_utf8(data))


def to_utf8(data: str | bytes) -> bytes:
    """UTF-8 bytes for lxml: byte input skips Python-side regexes over the whole page."""
    if isinstance(data, bytes) and _is_plain_utf8(data):
        return data
    return to_text(data).encode("utf-8", errors="replace")


def _is_plain_utf8(data: bytes) -> bool:
    return _may_be_utf8(data) and _valid_utf8(data)


def _may_be_utf8(data: bytes) -> bool:
    """No BOM, not UTF-16, and no charset declared other than UTF-8."""
    if data.startswith(_BOM_PREFIXES) or _looks_utf16(data):
        return False
    return _declared(data[:4096]) in (None, "utf-8", "utf8")


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


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


def to_text(data: str | bytes) -> str:
    """Decode page bytes the way a browser would, never raising."""
    return _clean_text(data if isinstance(data, str) else _decode(data))


def _clean_text(text: str) -> str:
    return _CONTROL.sub("", _XML_DECL.sub("", text))


# Labels browsers read as windows-1252 (the WHATWG encoding standard), and other aliases.
_ALIASES = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin1": "windows-1252",
    "latin-1": "windows-1252", "l1": "windows-1252", "ascii": "windows-1252",
    "us-ascii": "windows-1252", "cp1252": "windows-1252", "utf8": "utf-8",
}  # fmt: skip


def _codec(label: str | None) -> str | None:
    """A charset label as a Python codec name, or None when unknown (then it is ignored)."""
    if not label:
        return None
    name = label.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return "utf-8" if codecs.lookup(name).name == "utf-8" else name


def _has_bom(data: bytes) -> bool:
    return data.startswith(_BOM_PREFIXES)


def _decode(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if _looks_utf16(data):
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be", errors="replace")
    declared = _codec(_declared(data[:4096]))
    if declared is not None:
        return data.decode(declared, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Vietnamese portals that are not UTF-8 are almost always windows-1258.
        return data.decode("windows-1258", errors="replace")


def _declared(head: bytes) -> str | None:
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", errors="replace").lower()
    # A UTF-16 page decoded already has no meta we could read; a declaration of it in ASCII bytes
    # is a server lie, so read the bytes as UTF-8 instead.
    return None if name.startswith("utf-16") else name


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: every other byte of the markup is zero."""
    head = data[:200]
    if len(head) < 4:
        return False
    return head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4
