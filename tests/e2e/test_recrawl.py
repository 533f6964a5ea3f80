"""Issue 9, item 12: re-crawls fetch the listings and what is new, not the rest of the site.

Pages that led to no article (introductions, contact and search pages, navigation that answers
404) are settled: an incremental crawl visits them again only after `REVISIT_SETTLED_DAYS`.
Measured on the demo portal, which has such pages, by the demo server's own request counter.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from portal_archive.archive import Archive
from portal_archive.crawl.runner import CrawlOptions, plan_crawl, planned, settled_pages
from portal_archive.crawl.urls import url_key
from portal_archive.registry import adhoc_portal
from portal_archive_demo.process import DemoPortalProcess
from tests.e2e.test_operations import admin, crawl, query

NOW = datetime.now(UTC).isoformat()
LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
SITE = "http://portal.example"


def fetch(
    path: str, status: int = 200, referer: str | None = "/"
) -> tuple[str, int, str | None, str]:
    return SITE + path, status, SITE + referer if referer else None, NOW


def test_pages_that_led_to_no_article_are_settled() -> None:
    fetches = [
        fetch("/", referer=None),
        fetch("/Trang/Gioi-thieu.aspx"),  # an introduction: leads nowhere
        fetch("/Trang/LienHe.aspx"),
        fetch("/Trang/Cu.aspx", 404),  # dead navigation
        fetch("/Trang/Tam.aspx", 503),  # failed: tried again, never settled
        fetch("/Trang/Tin-tuc.aspx"),  # a listing ...
        fetch("/Trang/Tin-tuc.aspx?Page=2", referer="/Trang/Tin-tuc.aspx"),  # ... its next page
        fetch("/Trang/ChiTiet.aspx?nid=1", referer="/Trang/Tin-tuc.aspx?Page=2"),  # an article
        fetch("/Trang/ChiTiet.aspx?nid=2", referer="/"),
    ]
    articles = {url_key(SITE + f"/Trang/ChiTiet.aspx?nid={n}"): "" for n in (1, 2)}
    settled = settled_pages(fetches, articles, LONG_AGO)
    assert settled == {
        url_key(SITE + p)
        for p in ("/Trang/Gioi-thieu.aspx", "/Trang/LienHe.aspx", "/Trang/Cu.aspx")
    }


def test_a_page_is_judged_by_its_newest_answer() -> None:
    fetches = [fetch("/Trang/Cu.aspx", 404), fetch("/Trang/Cu.aspx", 503)]
    assert settled_pages(fetches, {}, LONG_AGO) == set()


@pytest.mark.slow
def test_a_listing_stays_a_listing_after_the_window_and_stale_pages_are_revisited() -> None:
    old = datetime(2024, 1, 1, tzinfo=UTC).isoformat()
    fetches = [
        (SITE + "/Trang/Tin-tuc.aspx", 200, SITE + "/", old),  # led to an article, long ago
        (SITE + "/Trang/ChiTiet.aspx?nid=1", 200, SITE + "/Trang/Tin-tuc.aspx", old),
        (SITE + "/Trang/Tin-tuc.aspx", 200, SITE + "/", NOW),  # refetched: its articles known
        (SITE + "/Trang/Gioi-thieu.aspx", 200, SITE + "/", old),  # not seen for a long time
        (SITE + "/Trang/LienHe.aspx", 200, SITE + "/", NOW),
    ]
    articles = {url_key(SITE + "/Trang/ChiTiet.aspx?nid=1"): ""}
    window = datetime(2024, 6, 1, tzinfo=UTC)
    assert settled_pages(fetches, articles, window) == {url_key(SITE + "/Trang/LienHe.aspx")}


@pytest.mark.parametrize("finished", [True, False])
def test_after_a_crawl_that_ended_early_nothing_is_settled(tmp_path, finished: bool) -> None:
    db = str(tmp_path / "a.db")
    archive = Archive(db)
    crawl_id = archive.start_crawl("adhoc")
    for path in ("/", "/Trang/Gioi-thieu.aspx"):
        referer = None if path == "/" else SITE + "/"
        when = datetime.now(UTC)
        archive.record_fetch(
            SITE + path, when, 200, {}, b"<html></html>", crawl_id, referer=referer
        )
    if finished:
        archive.finish_crawl(crawl_id, "ok", {})
    archive.close()
    plan = plan_crawl(adhoc_portal([SITE + "/"]), db, full=False, revalidate=False, older_than=None)
    # A killed crawl may have fetched a listing but not yet the articles it leads to.
    expected = (
        {url_key(SITE + "/Trang/Gioi-thieu.aspx"), url_key(SITE + "/")} if finished else set()
    )
    assert plan.settled == expected


@pytest.mark.parametrize(("setting", "settled"), [(None, True), ("7", False)])
def test_the_revisit_window_is_the_crawls_setting(tmp_path, setting, settled) -> None:
    """A page settled ten days ago stays settled for the default 30 days; an operator's
    `REVISIT_SETTLED_DAYS=7` (here as the CLI's overrides carry it) makes it due again."""
    db = str(tmp_path / "a.db")
    archive = Archive(db)
    crawl_id = archive.start_crawl("adhoc")
    ten_days_ago = datetime.now(UTC) - timedelta(days=10)
    archive.record_fetch(SITE + "/Trang/Lien-he.aspx", ten_days_ago, 200, {}, b"<p></p>", crawl_id)
    archive.finish_crawl(crawl_id, "ok", {})
    archive.close()
    overrides = {"REVISIT_SETTLED_DAYS": setting} if setting else {}
    plan = planned(adhoc_portal([SITE + "/"]), CrawlOptions(overrides=overrides), db)
    assert (url_key(SITE + "/Trang/Lien-he.aspx") in plan.settled) is settled


def test_unchanged_and_five_new_articles_recrawls_stay_small(tmp_path) -> None:
    db = tmp_path / "archive.db"
    with DemoPortalProcess(articles=306) as demo:
        assert crawl(demo.url, db).returncode == 0
        first = admin(demo.url, "stats", "GET")
        assert first["other"] >= 40 and first["calendar"] >= 1  # the site has such pages

        admin(demo.url, "reset-stats")
        assert crawl(demo.url, db).returncode == 0
        unchanged = admin(demo.url, "stats", "GET")

        admin(demo.url, "add?n=5")
        admin(demo.url, "reset-stats")
        result = crawl(demo.url, db)
        assert result.returncode == 0, result.stderr[-2000:]
        five_new = admin(demo.url, "stats", "GET")

        admin(demo.url, "reset-stats")
        assert crawl(demo.url, db, "--full").returncode == 0
        full = admin(demo.url, "stats", "GET")
    assert unchanged["total"] <= 20, unchanged
    assert five_new["total"] <= 30 and five_new["article"] == 5, five_new
    assert query(db, "select count(*) from articles") == [(311,)]
    # --full walks everything again, settled pages included.
    assert full["other"] >= first["other"]


@pytest.mark.slow
def test_every_article_of_a_large_demo_portal_is_stored(tmp_path) -> None:
    """Its list views page far past the trap bounds (`View={GUID}` on every page): a bounded
    trap must never cut a listing short."""
    db = tmp_path / "archive.db"
    with DemoPortalProcess(articles=1000) as demo:
        result = crawl(demo.url, db)
        assert result.returncode == 0, result.stderr[-2000:]
    assert query(db, "select count(*) from articles") == [(1000,)]
