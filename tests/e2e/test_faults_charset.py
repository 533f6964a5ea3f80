"""Issue 9, item 4: the HTTP charset is obeyed. A windows-1252 page whose header says so, under a
meta that claims UTF-8, is stored with its Vietnamese letters intact, and stays so when `reextract`
reads the stored capture again with the stored header (the header outranks the
meta, as in browsers and in the crawler's own link scan)."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys

from tests.e2e.faults_portal import LATIN_TITLE, FaultPortal


def test_a_page_is_read_in_the_charset_its_http_header_declares(tmp_path):
    db = tmp_path / "a.db"
    with FaultPortal(articles=2, extra=["/Pages/latin.aspx"]) as portal:
        cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", portal.url]
        result = subprocess.run(
            [*cmd, "--db", str(db), "--fast"], capture_output=True, text=True, timeout=120
        )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    _assert_latin_article(db)
    # Re-extracting the stored capture obeys the stored header too: nothing changes.
    result = subprocess.run(
        [sys.executable, "-m", "portal_archive.cli", "reextract", "--db", str(db)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    output = result.stdout + result.stderr
    assert "re-extracted" in output and not re.search(r"\d+ (changed|not_article)", output), output
    _assert_latin_article(db)


def _assert_latin_article(db: object) -> None:
    conn = sqlite3.connect(str(db))
    try:
        rows = conn.execute(
            "select title, body_text from articles where url like '%latin.aspx'"
        ).fetchall()
    finally:
        conn.close()
    assert [title for title, _ in rows] == [LATIN_TITLE]
    assert "xã Tân Hòa" in rows[0][1] and "bê tông hóa" in rows[0][1]
