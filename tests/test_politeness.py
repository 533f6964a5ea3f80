"""Politeness against servers we start here: robots.txt, Retry-After, and giving up on a host
that keeps failing instead of hammering it. Real crawls through the CLI."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

Handler = Callable[[BaseHTTPRequestHandler], tuple[int, dict[str, str], bytes]]


class Recorder:
    def __init__(self) -> None:
        self.requests: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def paths(self, prefix: str = "") -> list[str]:
        with self.lock:
            return [p for _, p in self.requests if p.startswith(prefix)]


@pytest.fixture
def server() -> Iterator[Callable[[Handler], tuple[str, Recorder]]]:
    servers: list[ThreadingHTTPServer] = []

    def start(answer: Handler) -> tuple[str, Recorder]:
        recorder = Recorder()

        class Page(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with recorder.lock:
                    recorder.requests.append((time.monotonic(), self.path))
                status, headers, body = answer(self)
                self.send_response(status)
                for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"http://127.0.0.1:{httpd.server_address[1]}/", recorder

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


def links(paths: list[str]) -> bytes:
    items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in paths)
    return f"<html><body><ul>{items}</ul></body></html>".encode()


def crawl(url: str, tmp_path, *extra: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "scraper.cli", "crawl", "--start-url", url, "--fast"]
    return subprocess.run(
        [*cmd, "--db", str(tmp_path / "a.db"), *extra], capture_output=True, text=True, timeout=120
    )


def test_a_host_that_keeps_failing_is_given_up_on(server, tmp_path):
    pages = [f"/Pages/tin-{n}.aspx" for n in range(200)]

    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/":
            return 200, {}, links(pages)
        if request.path == "/robots.txt":
            return 404, {}, b""
        return 503, {}, b"<html><body>Service Unavailable</body></html>"

    url, recorder = server(answer)
    result = crawl(url, tmp_path)
    failing = recorder.paths("/Pages/")
    # Without giving up: 200 pages x 4 attempts. With it: about 20 failures, plus what was in
    # flight when the host was given up on.
    assert len(failing) < 200, len(failing)
    assert result.returncode == 4, result.stderr[-2000:]
    assert "gave up on 127.0.0.1" in result.stderr


def test_retry_after_is_honoured(server, tmp_path):
    calls = {"n": 0}

    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/robots.txt":
            return 404, {}, b""
        calls["n"] += 1
        if calls["n"] == 1:
            return 429, {"Retry-After": "2"}, b"slow down"
        return 200, {}, links([])

    url, recorder = server(answer)
    crawl(url, tmp_path)
    times = [t for t, p in recorder.requests if p == "/"]
    assert len(times) == 2
    assert times[1] - times[0] >= 1.9  # the server asked for 2 s; fast mode would retry in 0.1 s


def test_robots_txt_is_obeyed(server, tmp_path):
    def answer(request: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if request.path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n"
        return 200, {}, links(["/private/secret.aspx", "/public/open.aspx"])

    url, recorder = server(answer)
    crawl(url, tmp_path)
    assert "/public/open.aspx" in recorder.paths()
    assert not recorder.paths("/private/")
