"""Untrusted media from portals, served by a real `portal-archive serve` over HTTP (issue 9,
item 7): nothing a portal sent may run script from the archive's origin, and the archive's own
pages carry a Content-Security-Policy that still lets them work
(tests/browser/test_browser.py checks them in Chromium)."""

from __future__ import annotations

import io
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from PIL import Image

from portal_archive.archive import Archive
from tests.e2e.local_server import free_port

T0 = datetime(2024, 5, 1, tzinfo=UTC)
MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    b"<script>alert(document.domain)</script><rect width='40' height='20'/></svg>"
)
# url -> (bytes, mime the portal sent); stored in this order, so the ids are 1, 2, ...
IMAGES = {
    "http://127.0.0.1/Photos/lon.png": ("png-900", "image/png"),
    "http://127.0.0.1/Photos/ban-do.svg": (SVG, "image/svg+xml"),
    "http://127.0.0.1/Photos/trang.html": (b"<html><script>alert(1)</script></html>", "text/html"),
    "http://127.0.0.1/Photos/x.xhtml": (
        b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        "application/xhtml+xml",
    ),
    "http://127.0.0.1/Photos/x.xml": (b"<?xml version='1.0'?><a/>", "text/xml"),
    "http://127.0.0.1/Photos/khong-ro": (SVG + b" ", None),
    # SVG bytes the portal called a PNG: served as image/png with nosniff, never drawn as SVG.
    "http://127.0.0.1/Photos/gia.png": (SVG + b"  ", "image/png"),
    "http://127.0.0.1/Photos/nho.png": ("png-40", "Image/PNG"),
}
SVG_ID, HTML_ID, PNG_BIG_ID, MISLABELLED_ID, SMALL_ID = 2, 3, 1, 7, 8
ATTACHMENT_URL = "http://127.0.0.1/VanBan/Kế hoạch số 1.html"


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, format="PNG")
    return out.getvalue()


def build_archive(path: Path) -> None:
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    arc.store_article(
        "demo",
        {
            "url": "http://127.0.0.1/tin/1",
            "title": "Bản đồ quy hoạch xã",
            "published": "2024-04-30T09:15:00+07:00",
            "body_text": "Bản đồ.",
            "body_html": '<p>Bản đồ.</p><p><img src="http://127.0.0.1/Photos/ban-do.svg"></p>',
            "images": [{"url": url} for url in IMAGES],
            "attachments": [{"url": ATTACHMENT_URL, "title": "Kế hoạch"}],
        },
        T0,
        None,
    )
    for url, (content, mime) in IMAGES.items():
        if content == "png-900":
            content = png(900, 600)
        elif content == "png-40":
            content = png(40, 30)
        assert isinstance(content, bytes)
        arc.store_image(url, content, mime)
    arc.store_attachment(ATTACHMENT_URL, b"<script>alert(1)</script>", "text/html")
    arc.close()


@contextmanager
def served(db: Path) -> Iterator[str]:
    """`portal-archive serve` over `db` as a process on a free port; yields its base URL."""
    port = free_port()
    cmd = [
        sys.executable,
        "-m",
        "portal_archive.cli",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
    ]
    log = db.with_suffix(".serve.log")
    with log.open("wb") as stderr:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                httpx.get(base + "/-/versions.json", timeout=2)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"serve did not start: {log.read_text()}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db = tmp_path_factory.mktemp("web-media") / "archive.db"
    build_archive(db)
    with served(db) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


def assert_media_headers(response: httpx.Response) -> None:
    assert response.headers["content-security-policy"] == MEDIA_CSP
    assert response.headers["x-content-type-options"] == "nosniff"


def test_svg_is_served_only_as_a_download_with_a_sandboxing_csp(http: httpx.Client) -> None:
    response = http.get(f"/-/archive/images/{SVG_ID}")
    assert response.status_code == 200
    assert response.content == SVG  # archived as the portal sent it
    assert_media_headers(response)
    disposition = response.headers["content-disposition"]
    assert disposition == "attachment; filename=\"ban-do.svg\"; filename*=UTF-8''ban-do.svg"


@pytest.mark.parametrize("image_id", [SVG_ID, HTML_ID, 4, 5, 6])
def test_every_non_raster_image_is_a_download_and_has_no_thumbnail(
    http: httpx.Client, image_id: int
) -> None:
    response = http.get(f"/-/archive/images/{image_id}")
    assert response.status_code == 200
    assert_media_headers(response)
    assert response.headers["content-disposition"].startswith("attachment; ")
    thumb = http.get(f"/-/archive/images/{image_id}/thumb")
    assert thumb.status_code == 404
    assert thumb.headers["content-type"].startswith("text/plain")
    assert b"<" not in thumb.content and len(thumb.content) < 100
    assert_media_headers(thumb)


def test_a_304_keeps_the_download_headers(http: httpx.Client) -> None:
    first = http.get(f"/-/archive/images/{SVG_ID}")
    again = http.get(
        f"/-/archive/images/{SVG_ID}", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert_media_headers(again)
    assert again.headers["content-disposition"].startswith("attachment; ")


def test_raster_images_and_thumbnails_stay_inline(http: httpx.Client) -> None:
    big = http.get(f"/-/archive/images/{PNG_BIG_ID}")
    assert big.headers["content-type"] == "image/png" and "content-disposition" not in big.headers
    assert_media_headers(big)
    thumb = http.get(f"/-/archive/images/{PNG_BIG_ID}/thumb")
    assert thumb.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(thumb.content)).size == (320, 213)
    assert_media_headers(thumb)
    # A small image is its own thumbnail; the portal's odd spelling of its type is normalised.
    small = http.get(f"/-/archive/images/{SMALL_ID}/thumb")
    assert small.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(small.content)).size == (40, 30)


def test_svg_bytes_labelled_png_are_never_sniffed_as_svg(http: httpx.Client) -> None:
    response = http.get(f"/-/archive/images/{MISLABELLED_ID}")
    assert response.headers["content-type"] == "image/png"
    assert_media_headers(response)


def test_attachments_are_downloads_with_a_sandboxing_csp(http: httpx.Client) -> None:
    response = http.get("/-/archive/attachments/1")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert_media_headers(response)
    assert response.headers["content-disposition"] == (
        'attachment; filename="K__ho_ch_s__1.html"; '
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20s%E1%BB%91%201.html"
    )


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/archive",
        "/archive/articles",
        "/archive/articles/1",
        "/-/archive/articles/1/diff",
        "/archive/search?q=ban+do",
        "/-/search?q=ban+do",
        "/archive/nowhere",
    ],
)
def test_html_pages_carry_a_csp_without_inline_script(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.headers["content-type"].startswith("text/html")
    directives = [
        p.split(maxsplit=1) for p in response.headers["content-security-policy"].split(";")
    ]
    policy = {d[0]: d[1] if len(d) > 1 else "" for d in directives}
    assert policy["default-src"] == "'self'" and policy["object-src"] == "'none'"
    scripts = policy["script-src"].split()
    assert scripts[0] == "'self'" and all(s.startswith("'sha256-") for s in scripts[1:])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert response.headers["x-content-type-options"] == "nosniff"


def test_json_and_feeds_get_the_strict_policy(http: httpx.Client) -> None:
    for path in ("/archive/articles.json", "/archive/feed.atom", "/archive/articles.csv"):
        assert_media_headers(http.get(path))


def test_article_page_still_shows_the_svg_as_an_image(http: httpx.Client) -> None:
    """In an <img> an SVG runs no script, so the article keeps showing it."""
    page = http.get("/archive/articles/1").text
    assert f'<img src="/-/archive/images/{SVG_ID}">' in page
