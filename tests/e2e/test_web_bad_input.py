"""Bad input to the served archive gets a short 4xx, never a 500 (issue 9, item 8), over real
HTTP against `portal-archive serve`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from portal_archive.archive import Archive
from tests.e2e.test_web_media import served

T0 = datetime(2024, 5, 1, tzinfo=UTC)
BAD_IDS = {
    "25 digits": "1234567890123456789012345",
    "19 digits, above SQLite's range": "9999999999999999999",
    "negative": "-1",
    "zero": "0",
    "not a number": "abc",
    "arabic-indic digits": "١",
    "empty": "",
}
ROUTES = [
    "/-/archive/images/{}",
    "/-/archive/images/{}/thumb",
    "/-/archive/attachments/{}",
    "/-/archive/articles/{}/diff",
]


@pytest.fixture(scope="module")
def http(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    db: Path = tmp_path_factory.mktemp("web-bad") / "archive.db"
    arc = Archive(db)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    article = {
        "url": "http://127.0.0.1/tin/1",
        "title": "Đảng bộ tỉnh họp",
        "body_text": "Lần đầu.",
        "images": [{"url": "http://127.0.0.1/a.png"}],
        "attachments": [{"url": "http://127.0.0.1/a.pdf"}],
    }
    arc.store_article("demo", article, T0, None)
    arc.store_article("demo", dict(article, body_text="Lần hai."), T0 + timedelta(days=1), None)
    arc.store_image("http://127.0.0.1/a.png", b"not really a png", "image/png")
    arc.store_attachment("http://127.0.0.1/a.pdf", b"%PDF-1.4", "application/pdf")
    arc.close()
    with served(db) as base, httpx.Client(base_url=base, timeout=10) as client:
        yield client


def assert_short_4xx(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/plain")
    assert len(response.content) < 120 and b"Error" not in response.content


@pytest.mark.parametrize("bad", BAD_IDS.values(), ids=BAD_IDS.keys())
@pytest.mark.parametrize("route", ROUTES)
def test_an_id_that_names_nothing_is_a_short_404(http: httpx.Client, route: str, bad: str) -> None:
    assert_short_4xx(http.get(route.format(bad)), 404)


@pytest.mark.parametrize("route", ROUTES)
def test_the_routes_still_answer_good_ids(http: httpx.Client, route: str) -> None:
    assert http.get(route.format(1)).status_code == 200


@pytest.mark.parametrize(
    "bad", [v for v in BAD_IDS.values() if v], ids=[k for k, v in BAD_IDS.items() if v]
)
@pytest.mark.parametrize("name", ["from", "to"])
def test_a_diff_version_that_is_no_number_is_a_short_400(
    http: httpx.Client, name: str, bad: str
) -> None:
    response = http.get(f"/-/archive/articles/1/diff?{name}={bad}")
    assert_short_4xx(response, 400)
    assert response.text.endswith("is not a version number")


@pytest.mark.parametrize("name", ["from", "to"])
def test_an_empty_diff_version_means_the_default(http: httpx.Client, name: str) -> None:
    response = http.get(f"/-/archive/articles/1/diff?{name}=")
    assert response.status_code == 200
    assert "comparing version 1 → 2" in response.text


def test_a_version_the_article_never_had_is_a_400(http: httpx.Client) -> None:
    assert_short_4xx(http.get("/-/archive/articles/1/diff?from=7"), 400)


@pytest.mark.parametrize(
    "path",
    [
        "/archive/articles?_sort=nonexistent",
        "/archive/articles?_sort_desc=nonexistent",
        "/archive/articles?_search=dang&_sort=nonexistent",
        "/archive/images?_sort=nonexistent",
        "/archive/articles.json?_sort=nonexistent",
        "/archive/articles.json?_sort_desc=nonexistent",
        "/archive/article_versions.json?_sort=nonexistent",
    ],
)
def test_sorting_by_no_column_is_a_400(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 400
    assert "Cannot sort table by nonexistent" in response.text
    assert "Traceback" not in response.text
    if ".json" in path:
        assert response.json() == {
            "ok": False,
            "error": "Cannot sort table by nonexistent",
            "status": 400,
            "title": "Bad request",
        }
    else:
        assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize(
    "path",
    [
        "/archive/articles.json?_sort=title",
        "/archive/articles.json?_sort_desc=id",
        "/archive/articles.json?_sort=",
        # Canned queries take no `_sort`: Datasette ignores it.
        "/archive/search.json?q=dang&_sort=nonexistent",
        "/archive/recently_edited.json?_sort_desc=nonexistent",
    ],
)
def test_valid_or_ignored_sorts_still_answer(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 200 and response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/archive/articles/1234567890123456789012345",
        "/archive/articles/1234567890123456789012345.json",
        "/archive/articles/-1",
        "/archive/articles?_size=1234567890123456789012345",
        "/archive/articles.json?_next=1234567890123456789012345",
        "/archive/articles.json?id=1234567890123456789012345",
        "/archive/search.json?q=1234567890123456789012345",
    ],
)
def test_huge_numbers_elsewhere_are_never_a_500(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code < 500 and "Traceback" not in response.text
