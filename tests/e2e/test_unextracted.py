"""Issue 8 end to end: one blog post linked under many spellings is fetched and stored once;
pages that look like articles but give none are recorded as `unextracted`, counted, listed by
the `unextracted_pages` query, raise an alarm above 20%, and are retried by `reextract`.

A real HTTP server on 127.0.0.1 in this process, the real `portal-archive` CLI in another, a
real SQLite archive and a real Datasette."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from portal_archive.archive import Archive
from portal_archive.archive.store import UNEXTRACTED
from portal_archive.web import make_datasette
from tests.e2e.local_server import Answer, query, serving
from tests.e2e.local_server import html as answer_page

CLI = [sys.executable, "-m", "portal_archive.cli"]
T0 = datetime(2024, 5, 1, tzinfo=UTC)

PARAGRAPHS = (
    "Sáng ngày 14 tháng 5, Ủy ban nhân dân huyện đã tổ chức hội nghị tổng kết công tác năm và "
    "triển khai nhiệm vụ trọng tâm của năm tới với sự tham dự của lãnh đạo các xã, thị trấn.",
    "Tại hội nghị, các đại biểu đã thảo luận về kết quả đạt được trong phát triển kinh tế, xây "
    "dựng nông thôn mới và cải cách hành chính trên địa bàn huyện trong năm qua.",
    "Phát biểu kết luận, đồng chí Chủ tịch huyện yêu cầu các phòng ban tiếp tục đổi mới phương "
    "thức làm việc, phục vụ người dân và doanh nghiệp ngày càng tốt hơn.",
    "Hội nghị cũng biểu dương nhiều tập thể, cá nhân có thành tích xuất sắc trong phong trào thi "
    "đua yêu nước, góp phần hoàn thành thắng lợi các chỉ tiêu kinh tế, xã hội của huyện.",
    "Kết thúc hội nghị, các xã đã ký giao ước thi đua năm mới, quyết tâm thực hiện thắng lợi "
    "nghị quyết của Đảng bộ huyện và kế hoạch phát triển kinh tế, xã hội đã đề ra.",
)
NAVIGATION = "".join(
    f'<li><a href="/{slug}">{label}</a></li>'
    for slug, label in [
        ("gioi-thieu", "Giới thiệu"),
        ("tin-tuc", "Tin tức"),
        ("lien-he", "Liên hệ"),
    ]
)


def article_page(title: str) -> str:
    """A page the extractor reads as an article today (a SharePoint 2013 content zone)."""
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><ul class="menu">{NAVIGATION}</ul><div id="s4-workspace"><div id="DeltaPlaceHolderMain">
<h1>{title}</h1><div class="date">14/05/2018 07:30</div>
<div class="ms-rtestate-field">{body}</div></div></div></body></html>"""


def navigation_page(title: str) -> str:
    """A page with an article's URL and nothing an extractor could call an article."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>
<body><ul class="menu">{NAVIGATION}</ul></body></html>"""


def listing(links: list[str]) -> str:
    items = "".join(f'<li><a href="{href}">Bài {n}</a></li>' for n, href in enumerate(links))
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Tin tức</title></head>
<body><ul class="menu">{NAVIGATION}</ul><ul class="posts">{items}</ul></body></html>"""


POST_SPELLINGS = [  # one post, as the hrefs of real blog listings spell it (raw HTML)
    "/a/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57",
    "/a/lists/posts/post.aspx?ItemID=57&amp;CategoryId=3",
    "/a/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-02-02T09:20:00Z",
    "/a/Lists/Posts/Post.aspx?CategoryId=3&amp;ItemId=57&amp;PublishedDate=2018-05-14&#32;07:30:00",
]


MISSES = {"b": (5, 6), "c": (6,), "d": (3, 4)}  # posts that give no article
POSTS = {"b": 6, "c": 6, "d": 4}  # posts listed


class Site:
    """Blog sites under /a/ (one post, four spellings), /b/ (4 of 6 posts extract), /c/
    (5 of 6) and /d/ (2 of 4); every request's path and query is logged."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.lock = threading.Lock()

    def page(self, raw_path: str) -> str | None:
        parts = urlsplit(raw_path)
        site, _, rest = parts.path.lstrip("/").partition("/")
        rest = rest.lower()
        params = {k.lower(): v for k, v in parse_qsl(parts.query)}
        item = int(params.get("itemid") or params.get("id") or 0)
        if rest == "lists/posts/allposts.aspx":
            if site == "a":
                return listing(POST_SPELLINGS)
            posts = range(1, POSTS[site] + 1)
            return listing([f"/{site}/Lists/Posts/Post.aspx?ID={n}" for n in posts])
        if rest != "lists/posts/post.aspx" or not item:
            return None
        title = f"Hội nghị tổng kết số {item} của trang {site}"
        return navigation_page(title) if item in MISSES.get(site, ()) else article_page(title)


@pytest.fixture(scope="module")
def site() -> Iterator[tuple[str, Site]]:
    state = Site()

    def answer(path: str) -> Answer:
        with state.lock:
            state.requests.append(path)
        return answer_page(state.page(path))

    with serving(answer) as url:
        yield url, state


def crawl(start_url: str, db: Path) -> subprocess.CompletedProcess[str]:
    cmd = [*CLI, "crawl", "--start-url", start_url, "--db", str(db), "--fast"]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def canned(db: Path, params: str = "") -> list[dict[str, Any]]:
    ds = make_datasette(db)
    response = asyncio.run(ds.client.get(f"/archive/unextracted_pages.json?_shape=array{params}"))
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def test_a_post_linked_under_four_spellings_is_fetched_and_stored_once(site, tmp_path):
    url, state = site
    db = tmp_path / "a.db"
    result = crawl(url + "/a/Lists/Posts/AllPosts.aspx", db)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    posts = [p for p in state.requests if p.lower().startswith("/a/lists/posts/post.aspx")]
    assert posts == ["/a/Lists/Posts/Post.aspx?CategoryId=3&ItemId=57"]
    assert query(db, "select url, title from articles") == [
        (url + posts[0], "Hội nghị tổng kết số 57 của trang a")
    ]
    assert query(db, "select count(*) from fetches where url like '%post.aspx%'") == [(1,)]


def test_detail_pages_without_article_are_recorded_listed_and_raise_the_alarm(site, tmp_path):
    url, _ = site
    db = tmp_path / "b.db"
    result = crawl(url + "/b/Lists/Posts/AllPosts.aspx", db)
    assert result.returncode == 4, result.stdout + result.stderr[-3000:]
    assert "ALARM adhoc: 2 of 6 pages that look like articles gave no article" in result.stderr
    assert "2 unextracted (of 6 article-like pages)" in result.stdout
    missed = [f"{url}/b/Lists/Posts/Post.aspx?ID={n}" for n in (5, 6)]
    assert query(db, "select url from fetches where reason = 'unextracted' order by url") == [
        (u,) for u in missed
    ]
    assert query(db, "select count(*) from articles") == [(4,)]
    stats = query(db, "select status, json_extract(stats, '$.\"portal/unextracted_pages\"') "
                  "from crawls")  # fmt: skip
    assert stats == [("alarm", 2)]
    rows = canned(db)
    assert sorted(r["url"] for r in rows) == missed
    assert {r["reason"] for r in rows} == {UNEXTRACTED} and all(r["fetched_at"] for r in rows)
    assert canned(db, "&portal=adhoc") == rows and canned(db, "&portal=other") == []


def test_a_few_misses_are_recorded_without_an_alarm(site, tmp_path):
    url, _ = site
    db = tmp_path / "c.db"
    result = crawl(url + "/c/Lists/Posts/AllPosts.aspx", db)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "ALARM" not in result.stderr
    assert "1 unextracted (of 6 article-like pages)" in result.stdout
    assert [r["url"] for r in canned(db)] == [f"{url}/c/Lists/Posts/Post.aspx?ID=6"]


def test_too_few_detail_pages_for_a_share_raise_no_alarm(site, tmp_path):
    url, _ = site
    db = tmp_path / "d.db"
    result = crawl(url + "/d/Lists/Posts/AllPosts.aspx", db)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "2 unextracted (of 4 article-like pages)" in result.stdout
    assert len(canned(db)) == 2


def test_reextract_turns_unextracted_pages_that_now_extract_into_articles(tmp_path):
    db = tmp_path / "r.db"
    now_extracts = "http://127.0.0.1/Lists/Posts/Post.aspx?ID=1"
    still_not = "http://127.0.0.1/Lists/Posts/Post.aspx?ID=2"
    arc = Archive(db)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    crawl_id = arc.start_crawl("demo")
    headers = {"Content-Type": "text/html; charset=utf-8"}
    # An earlier extractor missed the first page: its capture and `unextracted` fetch remain.
    for page_url, html in ((now_extracts, article_page("Bài viết nay đã đọc được")),
                           (still_not, navigation_page("Chỉ có điều hướng"))):  # fmt: skip
        arc.record_fetch(
            page_url, T0, 200, headers, html.encode(), crawl_id, keep_payload=True,
            reason=UNEXTRACTED,
        )  # fmt: skip
    arc.close()
    assert {r["url"] for r in canned(db)} == {now_extracts, still_not}

    result = subprocess.run(
        [*CLI, "reextract", "--db", str(db), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "1 new_from_unextracted" in result.stdout and "1 still_unextracted" in result.stdout
    assert query(db, "select url, portal_id, title from articles") == [
        (now_extracts, "demo", "Bài viết nay đã đọc được")
    ]
    assert [r["url"] for r in canned(db)] == [still_not]
    # A second run has nothing new to find.
    result = subprocess.run(
        [*CLI, "reextract", "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    assert "new_from_unextracted" not in result.stdout and "1 unchanged" in result.stdout
