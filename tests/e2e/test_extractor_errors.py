"""Issue 17: a crash of the extractor is never mistaken for a page that is not an article.

The real `portal-archive crawl` runs in its own process with one fault injected into the real
extractor (pages whose URL carries `FAULT` raise inside `extract_article_or_raise`), extraction
in-process (`EXTRACT_WORKERS=0`) so the injected fault is the one that runs. The crawl must
finish, record each crash as an `extractor_error` fetch, count it, list it in
`unextracted_pages`, alarm (exit 4, the exception named) past a handful, and `reextract` with
the sound extractor must turn every one of them into the article it is."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from portal_archive.archive.store import EXTRACTOR_ERROR
from tests.e2e.local_server import Answer, query, serving
from tests.e2e.local_server import html as answer_page
from tests.e2e.test_unextracted import article_page, canned, listing

CLI = [sys.executable, "-m", "portal_archive.cli"]
FAULT = "crash-here"
INJECTED = "injected fault in the layout step"

# The real CLI with one function of the real extractor replaced by a failing one for FAULT pages.
FAULTY_CRAWL = f"""
import sys
import portal_archive.extract.extractor as extractor
real = extractor._extract

def faulty(html, url, families, encoding):
    if {FAULT!r} in url:
        raise RuntimeError({INJECTED!r})
    return real(html, url, families, encoding)

extractor._extract = faulty
from portal_archive.cli import main
sys.argv = ["portal-archive", *sys.argv[1:]]
main()
"""


def post_path(site: str, n: int) -> str:
    slug = FAULT if n % 2 == 0 else "bai-viet"
    return f"/{site}/Lists/Posts/Post.aspx?ID={n}&tag={slug}"


POSTS = {"many": 14, "few": 4}  # even posts crash: 7 of 14 (an alarm), 2 of 4 (tolerated)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    def answer(path: str) -> Answer:
        site, _, rest = path.lstrip("/").partition("/")
        if site not in POSTS:
            return answer_page(None)
        if rest.lower() == "lists/posts/allposts.aspx":
            return answer_page(listing([post_path(site, n) for n in range(1, POSTS[site] + 1)]))
        if rest.lower().startswith("lists/posts/post.aspx?id="):
            number = rest.split("=")[1].split("&")[0]
            return answer_page(article_page(f"Hội nghị giao ban số {number} của trang {site}"))
        return answer_page(None)

    with serving(answer) as url:
        yield url


def faulty_crawl(start_url: str, db: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTAL_ARCHIVE_SETTINGS": "EXTRACT_WORKERS=0"}
    cmd = [sys.executable, "-c", FAULTY_CRAWL, "crawl", "--start-url", start_url]
    return subprocess.run(
        [*cmd, "--db", str(db), "--fast"], capture_output=True, text=True, timeout=180, env=env
    )


def test_crashes_are_recorded_counted_listed_alarmed_and_reextracted(site, tmp_path):
    db = tmp_path / "many.db"
    result = faulty_crawl(site + "/many/Lists/Posts/AllPosts.aspx", db)
    output = result.stdout + result.stderr
    assert result.returncode == 4, output[-3000:]
    assert f"the extractor crashed on 7 pages (last: RuntimeError: {INJECTED})" in result.stderr
    assert "in faulty" not in result.stderr  # a warning line per crash, not a traceback
    crashed = [(site + post_path("many", n),) for n in range(2, 15, 2)]
    assert sorted(
        query(db, "select url from fetches where reason = ?", (EXTRACTOR_ERROR,))
    ) == sorted(crashed)
    assert query(db, "select count(*) from articles") == [(7,)]  # the crawl went on past them
    stats = query(
        db,
        "select json_extract(stats, '$.\"portal/extractor_errors\"'),"
        " json_extract(stats, '$.\"portal/extractor_error_last\"') from crawls",
    )
    assert stats == [(7, f"RuntimeError: {INJECTED}")]
    listed = canned(db)
    assert sorted((r["url"],) for r in listed) == sorted(crashed)
    assert {r["reason"] for r in listed} == {EXTRACTOR_ERROR}

    again = subprocess.run(
        [*CLI, "reextract", "--db", str(db)], capture_output=True, text=True, timeout=120
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert query(db, "select count(*) from articles") == [(14,)]
    assert canned(db) == []


def test_a_few_crashes_are_recorded_without_an_alarm(site, tmp_path):
    db = tmp_path / "few.db"
    result = faulty_crawl(site + "/few/Lists/Posts/AllPosts.aspx", db)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    assert "ALARM" not in result.stderr
    assert "the extractor crashed on" in result.stderr  # each crash is a warning line
    assert query(db, "select count(*) from fetches where reason = ?", (EXTRACTOR_ERROR,)) == [(2,)]
    assert query(db, "select count(*) from articles") == [(2,)]
