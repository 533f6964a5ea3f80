"""Scale-out through Redis (issue 11): `enqueue`, several `worker`s and one `ingest`, each a real
process through the CLI, against a real `redis-server` on a free loopback port; the archive they
build is the one a single-process crawl builds, whoever is killed on the way."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path

import pytest
import redis

from portal_archive.crawl.frontier import KEYS
from portal_archive.crawl.urls import url_key
from portal_archive_demo.process import DemoPortalProcess
from tests.e2e.local_server import free_port, query
from tests.e2e.test_many_portals import Host

CLI = [sys.executable, "-m", "portal_archive.cli"]
# Dead workers are noticed within 2 s here (15 s by default).
QUICK = "FRONTIER_LEASE_TTL=2"
POLITE_QUICK = f"{QUICK} DOWNLOAD_DELAY=0.2 AUTOTHROTTLE_ENABLED=False"
IDLE = ["--idle-timeout", "2"]


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    assert server, "redis-server is missing: `make test` installs it (apt-get install redis-server)"
    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def env(settings: str = QUICK) -> dict[str, str]:
    return {**os.environ, "PORTAL_ARCHIVE_SETTINGS": settings}


def run(*args: str, settings: str = QUICK) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [*CLI, *args], capture_output=True, text=True, timeout=120, env=env(settings)
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def spawn(*args: str, settings: str = QUICK) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(settings)
    )


def finish(process: subprocess.Popen[str]) -> str:
    _, err = process.communicate(timeout=90)
    assert process.returncode == 0, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    return err


def kill(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)


def articles(db: Path) -> dict[str, str]:
    """Content hash by page: the archive keeps one spelling of a URL (`/Tin-Tuc/Pages/A.aspx`
    or `/tin-tuc/pages/A.aspx`, one page on IIS), the one its crawl met first, and which link
    is met first depends on timing; url keys (`crawl.urls.url_key`) are what must agree."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT url, content_hash FROM articles").fetchall()
    assert len(rows) == len({url_key(url) for url, _ in rows})
    return {url_key(url): digest for url, digest in rows}


def wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def local_crawl(tmp_path: Path, url: str) -> dict[str, str]:
    db = tmp_path / "local.db"
    run("crawl", "demo", "--base-url", url, "--db", str(db), "-q")
    found = articles(db)
    assert len(found) >= 40
    return found


@contextmanager
def enqueued_demo(
    tmp_path: Path, redis_url: str, host: str
) -> Iterator[tuple[Path, dict[str, str]]]:
    """A demo portal crawled once by a single process (what is expected) and enqueued afresh
    for workers: yields the scaled archive's path and the expected articles."""
    db = tmp_path / "scaled.db"
    with DemoPortalProcess(articles=60, host=host) as demo:
        expected = local_crawl(tmp_path, demo.url)
        run("enqueue", "demo", "--base-url", demo.url, "--redis", redis_url, "--db", str(db))
        yield db, expected


def worker(redis_url: str, settings: str = QUICK) -> subprocess.Popen[str]:
    return spawn("worker", "--redis", redis_url, "--db-free", *IDLE, "-q", settings=settings)


def ingest(redis_url: str, db: Path) -> subprocess.Popen[str]:
    return spawn("ingest", "--redis", redis_url, "--db", str(db), *IDLE, "-q")


def test_three_workers_and_ingest_build_the_archive_of_one_crawl(tmp_path, redis_url):
    db = tmp_path / "scaled.db"
    with DemoPortalProcess(articles=40, host="127.0.0.8") as demo:
        expected = local_crawl(tmp_path, demo.url)
        queued = run(
            "enqueue", "demo", "--base-url", demo.url, "--redis", redis_url, "--db", str(db)
        )
        assert "demo: 1 requests queued" in queued.stdout
        workers = [worker(redis_url) for _ in range(3)]
        writer = ingest(redis_url, db)
        for process in workers:
            # -q: warnings and errors only, whatever verbosity the enqueuer had.
            assert " INFO: " not in finish(process)
        finish(writer)
    assert articles(db) == expected
    assert query(db, "SELECT count(*) FROM article_versions") == [(0,)]
    assert query(db, "SELECT portal_id, status FROM crawls") == [("demo", "ok")]
    client = redis.Redis.from_url(redis_url)
    assert client.llen(KEYS.items) == 0 and client.llen(KEYS.processing) == 0
    assert client.zcard(KEYS.queue("demo")) == 0 and not client.smembers(KEYS.workers)


def test_a_killed_worker_loses_nothing(tmp_path, redis_url):
    client = redis.Redis.from_url(redis_url)
    with enqueued_demo(tmp_path, redis_url, "127.0.0.9") as (db, expected):
        doomed, other = worker(redis_url), worker(redis_url)

        def holding() -> str | None:
            names = [w.decode() for w in client.smembers(KEYS.workers)]
            mine = [w for w in names if f"-{doomed.pid}-" in w]
            held = mine and client.hlen(KEYS.inflight(mine[0]))
            return mine[0] if held and client.llen(KEYS.items) >= 20 else None

        wait_for(lambda: holding() is not None)
        name = holding()
        kill(doomed)
        assert name is not None and client.hlen(KEYS.inflight(name)) > 0
        again = worker(redis_url)
        writer = ingest(redis_url, db)
        logs = finish(other) + finish(again)
        finish(writer)
    assert "put back" in logs  # the dead worker's requests went back to the queue
    assert articles(db) == expected
    assert not client.exists(KEYS.inflight(name))


def test_a_killed_ingest_loses_nothing_and_writes_nothing_twice(tmp_path, redis_url):
    client = redis.Redis.from_url(redis_url)
    with enqueued_demo(tmp_path, redis_url, "127.0.0.10") as (db, expected):
        for process in [worker(redis_url), worker(redis_url)]:
            finish(process)
    waiting = client.llen(KEYS.items)
    assert waiting > 150
    doomed = ingest(redis_url, db)
    wait_for(lambda: client.llen(KEYS.processing) > 0 and client.llen(KEYS.items) < waiting - 100)
    kill(doomed)
    assert client.llen(KEYS.processing) > 0  # a batch caught between Redis and SQLite
    assert 0 < client.llen(KEYS.items) < waiting
    finish(ingest(redis_url, db))
    assert articles(db) == expected
    assert client.llen(KEYS.items) == 0 and client.llen(KEYS.processing) == 0
    duplicates = "SELECT url, fetched_at, count(*) FROM fetches GROUP BY 1, 2 HAVING count(*) > 1"
    assert query(db, duplicates) == []
    assert query(db, "SELECT count(*) FROM article_versions") == [(0,)]


class Recording(Host):
    """`Host`, remembering the paths it served."""

    def __init__(self, address: str, pages: int, latency: float) -> None:
        self.paths: list[str] = []
        super().__init__(address, pages, latency)

    def answer(self, path: str, pages: int) -> tuple[int, bytes]:  # type: ignore[override]
        self.paths.append(path)
        return Host.answer(path, pages)


def test_one_request_in_flight_per_host_across_workers(tmp_path, redis_url):
    host = Recording("127.0.0.11", pages=30, latency=0.05)
    try:
        run(
            "enqueue",
            "--start-url",
            host.url,
            "--redis",
            redis_url,
            "--db",
            str(tmp_path / "polite.db"),
        )
        workers = [worker(redis_url, POLITE_QUICK) for _ in range(3)]
        for process in workers:
            finish(process)
    finally:
        host.close()
    assert len(host.served) >= 31 + 1  # the home page, its 30 pages and robots.txt
    assert host.paths.count("/robots.txt") >= 2  # more than one worker crawled the host
    assert host.most_at_once == 1
    served = sorted(host.served)
    gaps = [after[0] - before[1] for before, after in pairwise(served)]
    assert min(gaps) >= 0.15  # the host's delay (0.2 s) between one answer and the next request


def test_bad_redis_url_and_unreachable_redis_are_one_line(tmp_path):
    for args, code in (
        (["worker", "--redis", "http://nope"], 2),
        (["worker", "--redis", "redis://127.0.0.1:notaport/0"], 2),
        (["worker", "--redis", f"redis://127.0.0.1:{free_port()}/0"], 1),
        (["ingest", "--redis", f"redis://127.0.0.1:{free_port()}/0", "--db", "x.db"], 1),
    ):
        result = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60)
        assert result.returncode == code, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.strip().count("\n") <= 3, result.stderr  # usage + one error line
