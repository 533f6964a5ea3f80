"""A server that redirects a page to a session-id spelling of itself (ASP.NET's cookieless
sessions: `/Pages/a.aspx` -> `/(S(<id>))/Pages/a.aspx`). Both spellings have one URL key, so the
dupefilter would drop the hop and lose the page; it must be fetched once and stored once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator

import pytest

from tests.e2e.faults_portal import article_html, article_title
from tests.e2e.local_server import Answer, html, serving

SESSION = "/(S(kx3vq2mzn4prl0d1yq5w8cte))"


@pytest.fixture
def portal() -> Iterator[tuple[str, Counter[str]]]:
    asked: Counter[str] = Counter()
    session_page = SESSION + "/Pages/tin-1.aspx"

    def answer(path: str) -> Answer:
        asked[path] += 1
        if path == "/":
            return html('<html><body><a href="/Pages/tin-1.aspx">Tin</a></body></html>')
        if path == "/Pages/tin-1.aspx":
            return 302, {"Location": session_page}, b""
        return html(article_html(1) if path == session_page else None)

    with serving(answer) as url:
        yield url + "/", asked


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
