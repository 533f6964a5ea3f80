"""`decode` reads a page in any byte shape a portal serves as it was written; `slim_utf8` gives
lxml that text as UTF-8 with long values blanked, deciding the charset on what is left."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from portal_archive.extract.decode import (
    blank_long_values,
    decode,
    slim_utf8,
    undeclared_charset,
)
from portal_archive_demo.charsets import windows_1258

GOLDEN = Path(__file__).parents[1] / "golden"
PAGES = [p.read_bytes() for p in sorted(GOLDEN.glob("*.html"))]
META_CHARSET = re.compile(r"<meta[^>]+charset[^>]*>", re.IGNORECASE)
CHAR_REF = re.compile(r"&#(\d+);")


def _as_written(text: str) -> bytes:
    """NFC, with the numeric references windows-1258 writes for characters it lacks read back,
    and long values blanked as in UTF-8 (blanking counts bytes)."""
    text = unicodedata.normalize("NFC", CHAR_REF.sub(lambda m: chr(int(m.group(1))), text))
    return blank_long_values(text.encode())


def test_corpus_pages_in_every_encoding() -> None:
    for page in PAGES:
        written = decode(page)
        same = slim_utf8(written)
        assert slim_utf8(page) == same
        assert slim_utf8(written.encode("utf-16")) == same
        assert slim_utf8(codecs.BOM_UTF8 + written.encode(), "iso-8859-1") == same  # BOM wins
        assert slim_utf8(written.encode(), "utf-8") == same
        lying = windows_1258(META_CHARSET.sub('<meta charset="utf-8">', written))
        undeclared = windows_1258(META_CHARSET.sub("", written))
        for data, header in ((lying, "windows-1258"), (undeclared, None)):
            read = META_CHARSET.sub("", decode(data, header))
            assert _as_written(read) == _as_written(META_CHARSET.sub("", written))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [b'<input value="', b'"', b"x" * 600, b"\xc3\xa1", b"\xe1", b"<p>", b"\xff\xfe", b" "]
        ),
        max_size=12,
    )
)
def test_generated_bytes(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    slim = slim_utf8(data)
    assert _valid(slim)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    # The charset is decided on the bytes left once long values are blanked.
    left = blank_long_values(data)
    expected = left.decode("utf-8") if _valid(left) else left.decode("windows-1258")
    assert slim == expected.encode("utf-8")


def _valid(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_invalid_bytes_only_inside_a_blanked_value_do_not_garble_the_page() -> None:
    page = b'<input value="' + b"\xff" * 600 + '"><p>Đà Nẵng</p>'.encode()
    assert not _valid(page)  # a page-wide check would read it as windows-1258
    assert "Đà Nẵng".encode() in slim_utf8(page)
    assert undeclared_charset(page) == "utf-8"  # the crawl's reading agrees


def test_characters_lxml_refuses_are_dropped() -> None:
    page = "<p>a\x00b\x0bc\x1fd\ufffee\uffff\tf\r\ng</p>"
    assert slim_utf8(page) == b"<p>abcde\tf\r\ng</p>"
    assert slim_utf8(page.encode()) == b"<p>abcde\tf\r\ng</p>"


def test_utf16_without_a_bom_is_recognised() -> None:
    page = "<html><body><p>Thông báo của Ủy ban nhân dân</p></body></html>"
    for codec in ("utf-16-le", "utf-16-be"):
        assert decode(page.encode(codec)) == page
