"""What earlier crawls left behind, for planning the next one (incremental crawls, resumes)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlite_utils import Database


def fetched_urls(db: Database, portal_id: str) -> Iterator[str]:
    """Every URL an earlier crawl of the portal fetched with a 200."""
    rows = db.execute(
        """SELECT DISTINCT f.url FROM fetches f JOIN crawls c ON c.id = f.crawl_id
           WHERE c.portal_id = ? AND f.status = 200""",
        [portal_id],
    )
    for (url,) in rows:
        yield url


def missing_media(db: Database, portal_id: str) -> list[tuple[str, str]]:
    """(kind, url) of images and attachments linked by the portal's articles whose bytes the
    archive lacks: a crawl killed between storing an article and fetching its files."""
    images = db.execute(
        """SELECT DISTINCT ai.url FROM article_images ai JOIN articles a ON a.id = ai.article_id
           WHERE a.portal_id = ? AND ai.image_id IS NULL""",
        [portal_id],
    ).fetchall()
    attachments = db.execute(
        """SELECT DISTINCT t.url FROM attachments t JOIN articles a ON a.id = t.article_id
           WHERE a.portal_id = ? AND t.content IS NULL""",
        [portal_id],
    ).fetchall()
    return [("image", u) for (u,) in images] + [("attachment", u) for (u,) in attachments]


def last_crawl_complete(db: Database, portal_id: str) -> bool:
    """Whether the newest crawl of the portal ran to its end: only then may an incremental
    crawl stop paging at archived articles (after a killed crawl, listings are walked again)."""
    row = db.execute(
        "SELECT finished_at, status FROM crawls WHERE portal_id = ? ORDER BY id DESC LIMIT 1",
        [portal_id],
    ).fetchone()
    return bool(row and row[0] and row[1] in ("ok", "alarm"))


def page_fetches(db: Database, portal_id: str) -> Iterator[tuple[str, int, str | None, str]]:
    """(url, status, referer, fetched_at) of the portal's fetches, oldest first: what led
    where, for telling listings from pages that lead to no article."""
    rows = db.execute(
        """SELECT f.url, f.status, f.referer, f.fetched_at
           FROM fetches f JOIN crawls c ON c.id = f.crawl_id
           WHERE c.portal_id = ? AND f.method = 'GET'
           ORDER BY f.id""",
        [portal_id],
    )
    yield from rows


def page_signature(db: Database, portal_id: str) -> list[tuple[str, int, int]]:
    """(class name, article pages, home pages) of the portal's `extract.page_kind.
    StructureSignature`, as earlier crawls left it (the name '' counts the article pages)."""
    rows = db.execute(
        "SELECT name, article_pages, home_pages FROM page_signatures WHERE portal_id = ?",
        [portal_id],
    )
    return [(str(name), int(articles), int(homes)) for name, articles, homes in rows]


# Article fields whose coverage the crawl's alarms judge against the portal's history.
COVERAGE_FIELDS = {"date": "published IS NOT NULL", "author": "coalesce(author, '') != ''"}
TESTS = tuple(COVERAGE_FIELDS.values())


def field_coverage(db: Database, portal_id: str) -> tuple[int, dict[str, float]]:
    """The portal's archived articles and the share of them that have each field of
    `COVERAGE_FIELDS`: what the portal has shown so far."""
    shares = ", ".join(
        f"avg(CASE WHEN {test} THEN 1.0 ELSE 0.0 END)" for test in COVERAGE_FIELDS.values()
    )
    row = db.execute(
        f"SELECT count(*), {shares} FROM articles WHERE portal_id = ? AND gone_at IS NULL",
        [portal_id],
    ).fetchone()
    count = int(row[0])
    if not count:
        return 0, {}
    return count, {name: float(share) for name, share in zip(COVERAGE_FIELDS, row[1:], strict=True)}
