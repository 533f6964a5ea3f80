"""Scheduled crawls as an operator runs them: incremental re-crawls, revalidation and versions,
SIGKILL and resume, two crawls at once, Datasette during a crawl, WARC, reextract, alarms.
Real processes throughout: the demo portal, the `portal-archive` CLI, Datasette."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from portal_archive.crawl.urls import url_key
from portal_archive_demo.process import DemoPortalProcess
from tests.e2e.local_server import free_port, query

CLI = [sys.executable, "-m", "portal_archive.cli"]


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=timeout)


def crawl(url: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return cli("crawl", "demo", "--base-url", url, "--db", str(db), *extra)


def admin(url: str, action: str, method: str = "POST") -> dict[str, Any]:
    request = urllib.request.Request(url + "_demo/" + action, method=method, data=b"")
    if method == "GET":
        request = urllib.request.Request(url + "_demo/" + action)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body.strip().startswith(b"{") else {}


def content_snapshot(db: Path) -> dict[str, Any]:
    """What an archive holds, without times, ids and crawl numbers (which differ by run).
    Article URLs are compared by their key: IIS serves `/Pages/` and `/pages/` as one page,
    and which spelling a crawl meets first depends on the order responses arrive in."""

    def keyed(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        return sorted((url_key(row[0]), *row[1:]) for row in rows)

    return {
        "articles": keyed(
            query(
                db,
                "select url, title, published, category, author, summary, body_text, "
                "content_hash from articles",
            )
        ),
        "images": query(db, "select sha256, mime, width, height, bytes from images order by 1"),
        "article_images": keyed(
            query(
                db,
                "select a.url, ai.position, ai.caption, i.sha256 from article_images ai "
                "join articles a on a.id = ai.article_id left join images i on i.id = ai.image_id",
            )
        ),
        "attachments": keyed(
            query(
                db,
                "select a.url, t.position, t.url, t.title, t.sha256 from attachments t "
                "join articles a on a.id = t.article_id",
            )
        ),
    }


def test_incremental_recrawl_then_revalidation_records_versions(tmp_path):
    db = tmp_path / "archive.db"
    with DemoPortalProcess(articles=80) as demo:
        assert crawl(demo.url, db).returncode == 0
        first = admin(demo.url, "stats", "GET")["total"]
        admin(demo.url, "reset-stats")
        # An unchanged portal: a re-crawl costs a few listing and navigation pages.
        result = crawl(demo.url, db)
        assert result.returncode == 0, result.stderr[-2000:]
        unchanged = admin(demo.url, "stats", "GET")
        assert unchanged["article"] == 0
        assert unchanged["total"] < first * 0.5

        edited = query(db, "select url from articles where url like '%nid=%' order by id limit 1")
        edited_path = urllib.parse.urlsplit(edited[0][0])
        path = edited_path.path + "?" + edited_path.query
        removed = query(db, "select url from articles where url like '%ID=%' order by id limit 1")
        removed_parts = urllib.parse.urlsplit(removed[0][0])
        admin(demo.url, "add?n=15")
        admin(demo.url, "edit?path=" + urllib.parse.quote(path, safe=""))
        admin(
            demo.url,
            "remove?path="
            + urllib.parse.quote(removed_parts.path + "?" + removed_parts.query, safe=""),
        )
        admin(demo.url, "reset-stats")
        result = crawl(demo.url, db)
        assert result.returncode == 0, result.stderr[-2000:]
        after_add = admin(demo.url, "stats", "GET")
        assert query(db, "select count(*) from articles")[0][0] == 95
        assert after_add["article"] == 15  # only the new ones were fetched
        # The edit is invisible until revalidation: the archived copy was not fetched again.
        assert query(db, "select count(*) from article_versions")[0][0] == 0

        admin(demo.url, "reset-stats")
        result = crawl(demo.url, db, "--revalidate")
        assert result.returncode == 0, result.stderr[-2000:]
        revalidated = admin(demo.url, "stats", "GET")
    assert revalidated["not_modified"] >= 90  # unchanged copies answered 304, no parse
    versions = query(
        db,
        "select a.url, a.version_count from article_versions v join articles a "
        "on a.id = v.article_id",
    )
    assert [v[0] for v in versions] == [edited[0][0]]
    assert "not modified" in result.stdout and "1 gone" in result.stdout
    # A deleted article is marked, never deleted from the archive.
    assert query(db, "select gone_at is not null from articles where url = ?", removed[0]) == [(1,)]
    assert query(db, "select count(*) from articles")[0][0] == 95


def wait_for_articles(db: Path, at_least: int, timeout: float = 60) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if db.exists():
            try:
                count = query(db, "select count(*) from articles")[0][0]
            except sqlite3.OperationalError:
                count = 0
            if count >= at_least:
                return int(count)
        time.sleep(0.05)
    raise AssertionError(f"fewer than {at_least} articles after {timeout}s")


def test_sigkill_then_resume_equals_an_uninterrupted_crawl(tmp_path):
    with DemoPortalProcess(articles=200) as demo:
        reference = tmp_path / "reference.db"
        assert crawl(demo.url, reference).returncode == 0

        killed = tmp_path / "killed.db"
        cmd = [*CLI, "crawl", "demo", "--base-url", demo.url, "--db", str(killed), "-q"]
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        stored = wait_for_articles(killed, 40)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        assert stored < 200, "the crawl finished before it could be killed"
        result = crawl(demo.url, killed)
        assert result.returncode == 0, result.stderr[-2000:]
    assert query(killed, "pragma integrity_check") == [("ok",)]
    assert content_snapshot(killed) == content_snapshot(reference)


def test_second_crawl_on_the_same_archive_exits_3_and_datasette_serves_meanwhile(tmp_path):
    db = tmp_path / "archive.db"
    port = free_port()
    with DemoPortalProcess(articles=300) as demo:
        assert crawl(demo.url, db, "--max-pages", "5").returncode == 0
        serve = subprocess.Popen(
            [*CLI, "serve", "--db", str(db), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        first = subprocess.Popen(
            [*CLI, "crawl", "demo", "--base-url", demo.url, "--db", str(db), "--full", "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for_articles(db, 30)
            second = crawl(demo.url, db)
            assert second.returncode == 3
            assert "another crawl" in second.stderr
            assert "Traceback" not in second.stderr
            url = f"http://127.0.0.1:{port}/archive/articles.json?_shape=array&_size=5"
            deadline = time.monotonic() + 30
            while True:
                try:
                    with urllib.request.urlopen(url, timeout=10) as response:
                        rows = json.load(response)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            assert rows and first.poll() is None, "Datasette must answer while the crawl runs"
        finally:
            serve.terminate()
            serve.wait(10)
            assert first.wait(300) == 0


def test_warc_export_and_reextract(tmp_path):
    db = tmp_path / "archive.db"
    warc = tmp_path / "archive.warc.gz"
    with DemoPortalProcess(articles=40) as demo:
        assert crawl(demo.url, db).returncode == 0
    result = cli("export-warc", str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [str(Path(sys.executable).parent / "warcio"), "check", str(warc)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    before = content_snapshot(db)
    fetched_before = query(db, "select url, last_fetched from articles order by url")
    result = cli("reextract", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "40 unchanged" in result.stdout
    assert content_snapshot(db) == before
    # Re-extraction fetched nothing: the fetch times stay as the crawl left them.
    assert query(db, "select url, last_fetched from articles order by url") == fetched_before


def test_changed_layout_raises_the_alarm(tmp_path):
    db = tmp_path / "archive.db"
    with DemoPortalProcess(articles=40) as demo:
        assert crawl(demo.url, db).returncode == 0
        admin(demo.url, "layout?name=changed")
        admin(demo.url, "add?n=12")
        result = crawl(demo.url, db)
    assert result.returncode == 4, result.stdout + result.stderr[-2000:]
    assert "ALARM" in result.stderr and "layout may have changed" in result.stderr
    assert query(db, "select status from crawls order by id desc limit 1") == [("alarm",)]


def test_revalidate_needs_older_than_only_with_it(tmp_path):
    result = cli("crawl", "demo", "--older-than", "30d", "--db", str(tmp_path / "a.db"))
    assert result.returncode == 2 and "--older-than goes with --revalidate" in result.stderr
    result = cli("crawl", "demo", "--revalidate", "--older-than", "soon")
    assert result.returncode == 2 and "not a duration" in result.stderr


def test_progress_shows_on_a_terminal_and_stays_quiet_in_a_pipe(tmp_path):
    import pty

    with DemoPortalProcess(articles=60) as demo:
        piped = crawl(demo.url, tmp_path / "piped.db")
        assert piped.returncode == 0
        assert "/s) | articles" not in piped.stderr

        leader, follower = pty.openpty()
        cmd = [*CLI, "crawl", "demo", "--base-url", demo.url, "--db", str(tmp_path / "tty.db")]
        process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        screen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the terminal closed: the crawl has ended
                break
            if not chunk:
                break
            screen += chunk
        os.close(leader)
        assert process.wait(120) == 0
    text = screen.decode("utf-8", "replace")
    assert re.search(r"\r\d+ pages \([\d.]+/s\) \| articles \d+ new, \d+ changed \| errors 0", text)


def test_crawl_all_takes_every_enabled_portal(tmp_path):
    # Only the demo portal is enabled in the registry: `--all` starts it and crawls it.
    db = tmp_path / "all.db"
    result = cli("crawl", "--all", "--db", str(db), "--demo-articles", "20", "-q")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "demo: exit 0" in result.stdout
    assert query(db, "select portal_id, count(*) from articles group by 1") == [("demo", 20)]
    result = cli("crawl", "--all", "demo", "--db", str(db))
    assert result.returncode == 2 and "--all crawls every enabled portal" in result.stderr
