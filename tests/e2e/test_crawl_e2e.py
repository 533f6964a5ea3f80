"""End to end: the demo portal in its own process, the real `portal-archive crawl` CLI, a real
SQLite archive, checked against the demo generator's own ground truth."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from portal_archive.crawl.urls import url_key
from portal_archive.model import article_record
from portal_archive_demo import DemoSite
from portal_archive_demo.process import DemoPortalProcess

ARTICLES = 120
SEED = 1

# Text that only SharePoint chrome carries: none of it may reach an archived field.
CHROME_MARKERS = (
    "Skip Ribbon Commands",
    "Skip to main content",
    "Bỏ qua Lệnh Dải băng",
    "__VIEWSTATE",
    "_spPageContextInfo",
    "RegisterSod",
    "Thăm dò ý kiến",
    "Liên kết website",
    "Các tin khác",
    "javascript:",
)
TEXT_FIELDS = ("title", "category", "author", "summary", "body_text")


def crawl(url: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [
        sys.executable,
        "-m",
        "portal_archive.cli",
        "crawl",
        "demo",
        "--base-url",
        url,
        "--db",
        str(db),
    ]
    return subprocess.run([*cmd, *extra], capture_output=True, text=True, timeout=300)


def demo_stats(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "_demo/stats", timeout=10) as response:
        return json.load(response)


def rows(db: Path, sql: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(row) for row in conn.execute(sql)]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def portal() -> Iterator[DemoPortalProcess]:
    with DemoPortalProcess(articles=ARTICLES, seed=SEED) as demo:
        yield demo


@pytest.fixture(scope="module")
def crawled(portal: DemoPortalProcess, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("e2e") / "archive.db"
    result = crawl(portal.url, db)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    return db


@pytest.fixture(scope="module")
def expected(portal: DemoPortalProcess) -> dict[str, Any]:
    site = DemoSite(articles=ARTICLES, seed=SEED)
    return {url_key(a.url): a for a in site.expected_articles(portal.url)}


@pytest.fixture(scope="module")
def stored(crawled: Path) -> dict[str, dict[str, Any]]:
    return {url_key(row["url"]): row for row in rows(crawled, "select * from articles")}


def test_every_article_is_stored_and_nothing_else(expected, stored):
    assert set(stored) == set(expected)


@pytest.mark.parametrize("field", ["title", "published", "category", "author", "summary"])
def test_fields_match_the_ground_truth(expected, stored, field):
    wrong = {
        key: (row[field], article_record(expected[key])[field])
        for key, row in stored.items()
        if key in expected and (row[field] or "") != (article_record(expected[key])[field] or "")
    }
    assert not wrong, list(wrong.items())[:3]


def test_body_text_matches_the_ground_truth(expected, stored):
    wrong = [key for key, row in stored.items() if row["body_text"] != expected[key].body_text]
    assert not wrong, wrong[:3]


def test_no_chrome_in_any_field(stored):
    leaks = [
        (row["url"], field, marker)
        for row in stored.values()
        for field in TEXT_FIELDS
        for marker in CHROME_MARKERS
        if marker in (row[field] or "")
    ]
    assert not leaks, leaks[:5]


def test_images_stored_once_and_linked_with_captions(crawled, expected, stored):
    images = rows(crawled, "select id, sha256, mime, width, bytes from images")
    assert images, "no image stored"
    assert len({i["sha256"] for i in images}) == len(images)
    assert all(i["mime"] in ("image/jpeg", "image/png") and i["width"] > 0 for i in images)
    links = rows(
        crawled,
        "select a.url, ai.position, ai.caption, ai.image_id from article_images ai "
        "join articles a on a.id = ai.article_id order by a.url, ai.position",
    )
    assert all(link["image_id"] is not None for link in links), "an image was never fetched"
    got = sorted((url_key(link["url"]), link["caption"]) for link in links)
    want = sorted((key, image.caption) for key, a in expected.items() for image in a.images)
    assert got == want
    # Several articles share image files: fewer image rows than links proves de-duplication.
    assert len(images) < len(links)


def test_attachments_stored_with_their_bytes(crawled, expected):
    attachments = rows(crawled, "select url, title, content from attachments")
    want = {(a.url, a.title) for e in expected.values() for a in e.attachments}
    assert want, "the demo portal should link attachments"
    assert {(url_key(a["url"]), a["title"]) for a in attachments} == {
        (url_key(u), t) for u, t in want
    }
    assert all(a["content"] and a["content"].startswith(b"%PDF") for a in attachments)


def test_full_text_search_finds_articles(crawled):
    hits = rows(
        crawled,
        "select rowid from articles_fts where articles_fts match 'chính quyền' limit 5",
    )
    assert hits


def test_crawl_row_records_the_run(crawled):
    crawls = rows(crawled, "select * from crawls")
    assert len(crawls) == 1
    assert crawls[0]["status"] == "ok" and crawls[0]["finished_at"]
    stats = json.loads(crawls[0]["stats"])
    assert stats["archive/articles_new"] == ARTICLES


def test_traps_are_bounded(portal, crawled):
    stats = demo_stats(portal.url)
    # The calendar links to the next month forever: only its first view may be fetched.
    assert stats["by_kind"].get("calendar", 0) <= 2
    assert stats["total"] < ARTICLES * 6


def test_second_crawl_changes_no_row(portal, crawled):
    def snapshot() -> dict[str, list[dict[str, Any]]]:
        return {
            "articles": rows(crawled, "select * from articles order by id"),
            "images": rows(crawled, "select id, sha256, url from images order by id"),
            "article_images": rows(crawled, "select * from article_images order by rowid"),
            "attachments": rows(crawled, "select id, url, sha256 from attachments order by id"),
        }

    before = snapshot()
    result = crawl(portal.url, crawled)
    assert result.returncode == 0, result.stderr[-2000:]
    after = snapshot()
    for row in before["articles"] + after["articles"]:
        row.pop("last_fetched")
    assert after == before
