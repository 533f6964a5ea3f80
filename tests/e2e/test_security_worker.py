"""Issue 18 for scale-out: `enqueue`, a `worker` and `ingest` (real processes, a real
redis-server) over our hostile portal. The worker runs the crawl's own settings, so it obeys
the same rules: no internal service sees a connection, no secret reaches the archive, every
refusal is a `fetches` row, and the articles are archived."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from portal_archive.crawl.addresses import REFUSED_ADDRESS, REFUSED_SCHEME
from tests.e2e.hostile_portal import (
    ARTICLE_TITLE,
    PLAIN_TITLE,
    HostilePortal,
    Internal,
    Secrets,
    archive_bytes,
    crawl_env,
)
from tests.e2e.local_server import query
from tests.e2e.test_redis_scale import IDLE, QUICK, redis_url  # noqa: F401 (a fixture)

pytestmark = pytest.mark.slow

INTERNAL_NAME = "dich-vu.noibo.test"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.e2e.hostile_portal", *args]


def test_a_worker_obeys_the_same_rules(tmp_path: Path, redis_url: str) -> None:  # noqa: F811
    db = tmp_path / "scaled.db"
    with (
        Internal("127.0.0.3") as internal,
        HostilePortal(Secrets(tmp_path / "may"), internal) as portal,
    ):
        env = crawl_env({INTERNAL_NAME: internal.host}, settings=QUICK)
        queue = ["--redis", redis_url]
        enqueued = subprocess.run(
            command("enqueue", "--start-url", portal.base + "/", *queue, "--db", str(db)),
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip
        assert enqueued.returncode == 0, enqueued.stderr[-3000:]
        processes = [
            subprocess.Popen(command(*args), stderr=subprocess.PIPE, text=True, env=env)
            for args in (
                ("worker", *queue, "--db-free", *IDLE, "-q"),
                ("ingest", *queue, "--db", str(db), *IDLE, "-q"),
            )
        ]
        for process in processes:
            _, err = process.communicate(timeout=180)
            assert process.returncode == 0, err[-3000:]
    assert {t for (t,) in query(db, "select title from articles")} == {ARTICLE_TITLE, PLAIN_TITLE}
    assert internal.untouched
    stored = archive_bytes(db)
    assert portal.secrets.marker not in stored and internal.marker not in stored
    reasons = dict(query(db, "select reason, count(*) from fetches group by 1"))
    # (non-http(s) images never reach the crawl: the extractor drops them; linked files are refused)
    assert reasons[REFUSED_SCHEME] >= 2 and reasons[REFUSED_ADDRESS] >= 16
