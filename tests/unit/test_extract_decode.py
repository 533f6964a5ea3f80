"""`slim_utf8` gives the bytes `blank_long_values(to_utf8(...))` gives, validating less."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from portal_archive.extract.decode import blank_long_values, slim_utf8, to_text, to_utf8

GOLDEN = Path(__file__).parents[1] / "golden"
PAGES = [p.read_bytes() for p in sorted(GOLDEN.glob("*.html"))]


def _reference(data: str | bytes) -> bytes:
    return blank_long_values(to_utf8(data))


def test_corpus_pages_in_every_encoding() -> None:
    for page in PAGES:
        text = to_text(page)
        variants = [page, text, text.encode("utf-16"), text.encode("windows-1258", "replace")]
        variants.append(
            text.replace("charset=utf-8", "charset=windows-1258").encode("cp1258", "replace")
        )
        for data in variants:
            assert slim_utf8(data) == _reference(data)


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
    reference = _reference(data)
    # Only difference allowed: bytes that are not UTF-8 solely inside a blanked value no longer
    # send the whole page to the windows-1258 fallback.
    if slim != reference:
        assert blank_long_values(data) == slim
        assert not _valid(data) and _valid(slim)


def _valid(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def test_invalid_bytes_only_inside_a_blanked_value_do_not_garble_the_page() -> None:
    page = b'<input value="' + b"\xff" * 600 + '"><p>Đà Nẵng</p>'.encode()
    assert "Đà Nẵng".encode() in slim_utf8(page)
    assert "Đà Nẵng".encode() not in _reference(page)  # the page-wide check read it as cp1258
