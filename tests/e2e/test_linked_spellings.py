"""Issue 19 end to end: the crawl requests a spelling some page linked, never one it made up
(a static rebuild answers only the spelling it saved), follows no link written by a script, and
stores each page once whatever the spellings. A real HTTP server on 127.0.0.1, the real CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.e2e.local_server import Answer, query, serving
from tests.e2e.local_server import html as answer_page
from tests.e2e.test_page_kinds import frame, news_page

pytestmark = pytest.mark.slow

CLI = [sys.executable, "-m", "portal_archive.cli"]
# The only spellings the server knows, as a static rebuild saved them.
SAVED = {
    "/Lists/Posts/Post.aspx?ID=5&PublishedDate=2023-06-02": news_page("Bài viết số năm", 2),
    "/tin-tuc/bai-sau?Source=%2Ftin-tuc": news_page("Bài viết số sáu", 3),
    "/bai-bay": news_page("Bài viết số bảy", 4),
}
HOME = frame(
    "Trang chủ",
    '<a href="/Lists/Posts/Post.aspx?ID=5&amp;PublishedDate=2023-06-02">năm</a>'
    '<a href="/tin-tuc/bai-sau?Source=%2Ftin-tuc">sáu</a>'
    '<a href="/bai-bay">bảy</a><a href="//bai-bay">bảy lần nữa</a>'
    "<script>var o = '<a href=\"/' + duong_dan + '/\">' + ten + '</a>';</script>",
)


@pytest.fixture
def site() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    lock = threading.Lock()

    def answer(path: str) -> Answer:
        with lock:
            requests.append(path)
        return answer_page(HOME if urlsplit(path).path == "/" else SAVED.get(path))

    with serving(answer) as url:
        yield url, requests


def test_links_are_requested_as_spelled_and_stored_once(site, tmp_path):
    url, requests = site
    db = tmp_path / "spellings.db"
    cmd = [*CLI, "crawl", "--start-url", url + "/", "--db", str(db), "--fast"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    pages = sorted(p for p in requests if p not in ("/", "/robots.txt"))
    # the menu's links of the frame are requested too (and answer 404)
    assert [p for p in pages if p in SAVED] == sorted(SAVED)
    assert not [p for p in pages if "duong_dan" in p or "+" in p]  # nothing from the script
    assert query(db, "select url, title from articles order by url") == [
        (url + "/Lists/Posts/Post.aspx?ID=5&PublishedDate=2023-06-02", "Bài viết số năm"),
        (url + "/bai-bay", "Bài viết số bảy"),
        (url + "/tin-tuc/bai-sau?Source=%2Ftin-tuc", "Bài viết số sáu"),
    ]
