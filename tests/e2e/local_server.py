"""What the end-to-end tests share: one small HTTP server (threaded, on 127.0.0.1, answering
GET requests with a function of the path), the archive served by Datasette, free loopback
ports, and reading an archive's rows. Tests start their servers themselves; nothing else is
contacted."""

from __future__ import annotations

import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

# (status, headers, body); Content-Type defaults to UTF-8 HTML.
Answer = tuple[int, dict[str, str], bytes]


def html(page: str | bytes | None) -> Answer:
    """200 with the page, or 404 when there is none."""
    if page is None:
        return 404, {}, b"not found"
    return 200, {}, page.encode("utf-8") if isinstance(page, str) else page


@contextmanager
def serving(answer: Callable[[str], Answer], host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `answer(path)` for every GET (and POST: a postback) on `host`, a loopback
    address; yields the base URL (no trailing slash)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, headers, body = answer(self.path)
            self.send_response(status)
            for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer((host, 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def free_port(host: str = "127.0.0.1") -> int:
    """A port free on `host` now (closed again: nothing answers on it until someone binds)."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def query(db: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The rows of `sql` in the archive at `db`, read by a connection of its own."""
    conn = sqlite3.connect(db, timeout=30)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@contextmanager
def serving_archive(path: Path) -> Iterator[str]:
    """`portal_archive.web.serve` of the archive at `path`, in its own process on a free port;
    yields the base URL once it answers."""
    port = free_port()
    code = f"from portal_archive.web import serve; serve({str(path)!r}, port={port})"
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=5).close()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
