"""Issue 9, item 10: every fetch leaves a `fetches` row, refused and failed ones included,
and a page is cut off at the extractor's page limit while it downloads. A real crawl through
the CLI of a local portal serving a 15 MB page, a gzip bomb and a dropped connection."""

from __future__ import annotations

import subprocess
import sys

from portal_archive.extract import MAX_PAGE_BYTES
from tests.e2e.faults_portal import HUGE_BYTES, FaultPortal, article_title
from tests.e2e.local_server import query

ARTICLES = 30  # enough that the faults stay under the error-rate alarm's ceiling
FAULTS = ["/Pages/huge.aspx", "/Pages/bomb.aspx", "/Pages/drop.aspx"]


def test_refused_and_failed_fetches_are_recorded_and_the_crawl_goes_on(tmp_path):
    db = tmp_path / "a.db"
    with FaultPortal(articles=ARTICLES, extra=FAULTS) as portal:
        cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", portal.url]
        result = subprocess.run(
            [*cmd, "--db", str(db), "--fast"], capture_output=True, text=True, timeout=120
        )
        sent = dict(portal.sent)
        completed = set(portal.completed)
        asked = dict(portal.requests)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    base = portal.url.rstrip("/")
    failures = query(
        db,
        "select url, status, reason, payload_sha256 from fetches "
        "where status != 200 and url not like '%/robots.txt' order by url",
    )
    assert failures == [
        (base + "/Pages/bomb.aspx", 0, "decompression_bomb", None),
        (base + "/Pages/drop.aspx", 0, "connection_lost", None),
        (base + "/Pages/huge.aspx", 0, "too_large", None),
    ]
    # The 15 MB page was cut off while downloading, not fetched in full and then refused.
    assert "/Pages/huge.aspx" not in completed
    assert sent["/Pages/huge.aspx"] < HUGE_BYTES
    assert asked["/Pages/huge.aspx"] == 1  # a refusal is not retried
    assert asked["/Pages/drop.aspx"] == 4  # a lost connection is (RETRY_TIMES = 3)
    biggest = query(db, "select max(bytes) from captures")[0][0]
    assert biggest < MAX_PAGE_BYTES
    titles = sorted(t for (t,) in query(db, "select title from articles"))
    assert titles == sorted(article_title(n) for n in range(1, ARTICLES + 1))
    assert "decompression_bomb" in result.stderr and "too_large" in result.stderr
