"""Several portals in one crawl (issue 11): each on a loopback host of its own, crawled at the
same time in one process, each with its own crawl record, and politely: one request at a time
per host, however many portals run."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from portal_archive_demo.process import DemoPortalProcess
from tests.e2e.local_server import free_port, query

CLI = [sys.executable, "-m", "portal_archive.cli"]
# Polite (one request per host at a time) but without the real delay, so the test is quick.
QUICK = "DOWNLOAD_DELAY=0 AUTOTHROTTLE_ENABLED=False HOST_PAUSE_BASE=0.2 HOST_OUTAGE_BUDGET=2"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTAL_ARCHIVE_SETTINGS": QUICK}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=300, env=env)


def test_crawl_all_runs_every_portal_at_once_and_reports_the_worst(tmp_path):
    with (
        DemoPortalProcess(articles=20, host="127.0.0.2") as one,
        DemoPortalProcess(articles=12, seed=2, host="127.0.0.3") as two,
    ):
        registry = tmp_path / "portals.toml"
        dead = f"http://127.0.0.4:{free_port('127.0.0.4')}/"
        rows = [("one", one.url), ("two", two.url), ("dead", dead)]
        registry.write_text(
            "".join(
                f'[{pid}]\nname = "Cổng {pid}"\nprovince = "Tỉnh mẫu"\nbase_url = "{url}"\n'
                "enabled = true\n\n"
                for pid, url in rows
            ),
            encoding="utf-8",
        )
        db = tmp_path / "all.db"
        result = run("crawl", "--all", "--registry", str(registry), "--db", str(db), "-q")
    # The dead portal fails the run (exit 1), the others are archived all the same.
    assert result.returncode == 1, result.stderr[-3000:]
    assert "1 of 3 portals did not finish cleanly" in result.stderr
    assert "dead: no answer from" in result.stderr
    assert "Traceback" not in result.stderr
    counts = query(db, "select portal_id, count(*) from articles group by 1 order by 1")
    assert counts == [("one", 20), ("two", 12)]
    crawls = dict(query(db, "select portal_id, status from crawls"))
    assert crawls == {"one": "ok", "two": "ok", "dead": "no_response"}
    out = result.stdout
    assert "one: crawl" in out and "two: crawl" in out and "one: exit 0" in out
    assert "dead: exit 1" in out
    assert "total: 2 of 3 portals ok" in out and "32 articles" in out
    # Run again: each portal's incremental state is its own, nothing is fetched twice.
    with (
        DemoPortalProcess(articles=20, host="127.0.0.2", port=int(one.url.split(":")[2][:-1])),
        DemoPortalProcess(
            articles=12, seed=2, host="127.0.0.3", port=int(two.url.split(":")[2][:-1])
        ),
    ):
        again = run("crawl", "one", "two", "--registry", str(registry), "--db", str(db), "-q")
    assert again.returncode == 0, again.stderr[-3000:]
    assert query(db, "select count(*) from articles") == [(32,)]
    statuses = query(db, "select portal_id, status from crawls where id > 3 order by portal_id")
    assert statuses == [("one", "ok"), ("two", "ok")]


class Host:
    """A small portal on one loopback address that records how many requests it serves at once."""

    def __init__(self, address: str, pages: int, latency: float) -> None:
        self.address = address
        self.lock = threading.Lock()
        self.in_flight = 0
        self.most_at_once = 0
        self.served: list[tuple[float, float]] = []  # (start, end) of each answer
        host = self

        class Page(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with host.lock:
                    host.in_flight += 1
                    host.most_at_once = max(host.most_at_once, host.in_flight)
                started = time.monotonic()
                time.sleep(latency)
                status, body = host.answer(self.path, pages)
                with host.lock:
                    host.in_flight -= 1
                    host.served.append((started, time.monotonic()))
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer((address, 0), Page)
        self.url = f"http://{address}:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    @staticmethod
    def answer(path: str, pages: int) -> tuple[int, bytes]:
        if path == "/robots.txt":
            return 404, b""
        links = "".join(
            f'<li><a href="/Pages/trang-{n}.aspx">Trang {n}</a></li>' for n in range(pages)
        )
        return 200, f"<html><body><h1>Trang</h1><ul>{links}</ul></body></html>".encode()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def hosts() -> Iterator[list[Host]]:
    started = [Host(f"127.0.0.{n}", pages=8, latency=0.05) for n in (5, 6, 7)]
    yield started
    for host in started:
        host.close()


def test_start_urls_on_several_hosts_are_polite_portals_crawled_together(hosts, tmp_path):
    db = tmp_path / "adhoc.db"
    args = [arg for host in hosts for arg in ("--start-url", host.url)]
    result = run("crawl", *args, "--db", str(db), "-q")
    assert result.returncode in (0, 4), result.stderr[-3000:]  # 4: no articles is an alarm
    for host in hosts:
        assert len(host.served) == 10  # robots.txt, the start page and its 8 links
        assert host.most_at_once == 1, host.address  # politeness per host holds
    # ... while the hosts were served at the same time: the crawls overlapped.
    spans = [(min(s for s, _ in h.served), max(e for _, e in h.served)) for h in hosts]
    assert max(start for start, _ in spans) < min(end for _, end in spans)
    portals = query(db, "select portal_id, count(*) from crawls group by 1 order by 1")
    assert portals == [(h.address, 1) for h in hosts]
    pages = query(db, "select count(distinct url) from fetches where url like '%/Pages/trang-%'")
    assert pages == [(3 * 8,)]
