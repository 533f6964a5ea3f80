"""The article page shows the archive's copies of images only (issue 18): an image the crawl
refused or did not store never sends a reader's browser to its original URL."""

from __future__ import annotations

from portal_archive.web.pages import render_body

BODY = (
    "<p>Đoàn công tác thăm mô hình trồng cà phê của hợp tác xã.</p>"
    '<img src="http://127.0.0.3/noi-bo.png" alt="nội bộ">'
    '<img src="http://cong.example.gov.vn/anh/ca-phe.jpg" alt="cà phê">'
    '<img src="file:///C:/Users/bientap/anh1.png" alt="dán từ Word">'
)
IMAGES = [
    {"url": "http://127.0.0.3/noi-bo.png", "image_id": None, "caption": "Ảnh nội bộ"},
    {"url": "http://cong.example.gov.vn/anh/ca-phe.jpg", "image_id": 7, "caption": "Vườn cà phê"},
    {"url": "http://cong.example.gov.vn/anh/sau.jpg", "image_id": None, "caption": ""},
    {"url": "http://cong.example.gov.vn/anh/them.jpg", "image_id": 9, "caption": "Thêm"},
]


def test_only_archived_copies_are_shown_inline_or_after_the_body() -> None:
    body, rest = render_body(BODY, IMAGES)
    assert '<img src="/-/archive/images/7" alt="cà phê">' in body
    assert "<figcaption>Vườn cà phê</figcaption>" in body
    for original in ("127.0.0.3", "file:", "ca-phe.jpg", "sau.jpg"):
        assert original not in body
    assert body.count("<img") == 1
    assert [image["src"] for image in rest] == ["/-/archive/images/9"]
