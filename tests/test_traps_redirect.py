"""A server that redirects a page to a session-id spelling of itself (ASP.NET's cookieless
sessions: `/Pages/a.aspx` -> `/(S(<id>))/Pages/a.aspx`). Both spellings have one URL key, so the
dupefilter would drop the hop and lose the page; it must be fetched once and stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tests.faults_portal import article_html, article_title

SESSION = "/(S(kx3vq2mzn4prl0d1yq5w8cte))"


@pytest.fixture
def portal() -> Iterator[tuple[str, Counter[str]]]:
    asked: Counter[str] = Counter()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked[self.path] += 1
            if self.path == "/":
                self.answer(200, b'<html><body><a href="/Pages/tin-1.aspx">Tin</a></body></html>')
            elif self.path == "/Pages/tin-1.aspx":
                self.send_response(302)
                self.send_header("Location", SESSION + "/Pages/tin-1.aspx")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif self.path == SESSION + "/Pages/tin-1.aspx":
                self.answer(200, article_html(1))
            else:
                self.answer(404, b"<html><body>not found</body></html>")

        def answer(self, status: int, body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", asked
    server.shutdown()
    server.server_close()


def test_a_redirect_to_a_session_spelling_of_the_same_page_is_followed(portal, tmp_path):
    url, asked = portal
    db = tmp_path / "a.db"
    cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", url, "--db", str(db)]
    result = subprocess.run([*cmd, "--fast"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr[-2000:]
    assert asked[SESSION + "/Pages/tin-1.aspx"] == 1
    conn = sqlite3.connect(db)
    try:
        titles = [t for (t,) in conn.execute("select title from articles")]
    finally:
        conn.close()
    assert titles == [article_title(1)]
