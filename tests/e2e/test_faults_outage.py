"""Issue 9, item 11: a crawl rides out a host's outage (pausing the host and backing off
instead of giving up after a few seconds of failures) and gives up, with one alarm and exit
code 4, only once the outage outlasts `HOST_OUTAGE_BUDGET`. Real crawls through the CLI of a
local portal that answers 503, or drops connections, for a while; the budget and backoff are
scaled down through `PORTAL_ARCHIVE_SETTINGS`."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.faults_portal import FaultPortal, article_path, article_title

ARTICLES = 12


def crawl(url: str, db: Path, settings: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", url, "--db", str(db)]
    env = {**os.environ, "PORTAL_ARCHIVE_SETTINGS": settings}
    return subprocess.run([*cmd, "--fast"], capture_output=True, text=True, timeout=120, env=env)


def titles(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        rows: list[Any] = conn.execute("select title from articles order by title").fetchall()
    finally:
        conn.close()
    return [r[0] for r in rows]


@pytest.mark.parametrize("mode", ["503", "drop"])
def test_an_outage_within_the_budget_is_ridden_out(tmp_path, mode):
    db = tmp_path / "a.db"
    with FaultPortal(
        articles=ARTICLES, outage_after=3, outage_seconds=6, outage_mode=mode
    ) as portal:
        started = time.monotonic()
        result = crawl(portal.url, db, "HOST_MAX_FAILURES=3 HOST_PAUSE_BASE=0.5 "
                       "HOST_PAUSE_MAX=2 HOST_OUTAGE_BUDGET=60")  # fmt: skip
        took = time.monotonic() - started
        down = portal.outage_answers
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "ALARM" not in result.stderr
    assert took >= 6  # it waited the outage out
    # Paused, not hammered: 16 requests in flight when it began, then a probe per pause.
    assert 3 <= down < 40, down
    assert titles(db) == sorted(article_title(n) for n in range(1, ARTICLES + 1))
    assert "pausing it for" in result.stderr and "answers again after" in result.stderr
    # Every failed attempt of the outage, the retried ones before the pause included, is
    # counted as ridden out, so the error-rate alarm stays quiet however they interleave.
    ridden_out = re.search(r"'portal/outage_failures_ridden_out': (\d+)", result.stderr)
    assert ridden_out is not None and int(ridden_out.group(1)) >= 3, result.stderr[-3000:]


def test_an_outage_longer_than_the_budget_ends_the_crawl_with_one_alarm(tmp_path):
    db = tmp_path / "a.db"
    with FaultPortal(articles=ARTICLES, outage_after=3, outage_seconds=120) as portal:
        started = time.monotonic()
        result = crawl(portal.url, db, "HOST_MAX_FAILURES=3 HOST_PAUSE_BASE=0.5 "
                       "HOST_PAUSE_MAX=1 HOST_OUTAGE_BUDGET=4")  # fmt: skip
        took = time.monotonic() - started
        down = portal.outage_answers
    assert result.returncode == 4, result.stdout + result.stderr[-3000:]
    assert 4 <= took < 30
    assert down < 40, down
    alarms = [line for line in result.stderr.splitlines() if "ALARM" in line and "[" in line]
    assert len(alarms) == 1, alarms
    assert "ALARM adhoc: gave up on 127.0.0.1 after it failed for 4s in a row" in alarms[0]
    stored = titles(db)
    # The next crawl of the portal, back up, walks the listings again and gets the rest.
    assert 3 <= len(titles(db)) < ARTICLES
    with FaultPortal(articles=ARTICLES, port=portal.port) as back:
        result = crawl(back.url, db, "")
        fetched = sum(back.requests[article_path(n)] for n in range(1, ARTICLES + 1))
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert titles(db) == sorted(article_title(n) for n in range(1, ARTICLES + 1))
    assert fetched == ARTICLES - len(stored)  # archived articles were not fetched again
