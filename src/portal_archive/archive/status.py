"""What `portal-archive status` shows: per portal, the last crawl and what it yielded.

Error rate of a crawl: fetches answered 4xx/5xx (or with no HTTP status) over all fetches it
recorded; 304 and redirects are not errors. A crawl that recorded no fetches falls back to
Scrapy's stats: `log_count/ERROR` over `downloader/response_count` (or `request_count`).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlite_utils import Database

from portal_archive import stats as keys

log = logging.getLogger(__name__)

NEW_KEY = keys.ARTICLES_NEW
CHANGED_KEY = keys.ARTICLES_CHANGED
ERROR_KEY = "log_count/ERROR"
_CRAWL_COLUMNS = ("id", "portal_id", "started_at", "finished_at", "status", "stats")


def parse_stats(text: str | None) -> dict[str, Any]:
    """A crawl's stats JSON as a dict; a damaged value is logged and read as empty."""
    if not text:
        return {}
    try:
        stats = json.loads(text)
    except json.JSONDecodeError:
        log.warning("crawl stats are not JSON: %.80r", text)
        return {}
    return stats if isinstance(stats, dict) else {}


def recent_crawls(db: Database, portal_id: str, limit: int = 5) -> list[dict[str, Any]]:
    rows = db.execute(
        f"""SELECT {", ".join(_CRAWL_COLUMNS)} FROM crawls WHERE portal_id = ?
            ORDER BY started_at DESC, id DESC LIMIT ?""",
        [portal_id, limit],
    ).fetchall()
    crawls = [dict(zip(_CRAWL_COLUMNS, row, strict=True)) for row in rows]
    for crawl in crawls:
        crawl["stats"] = parse_stats(crawl["stats"])
    return crawls


def _portal_ids(db: Database) -> list[tuple[str, str | None]]:
    # Portals known only from their articles (a registry entry since removed) still show.
    return [
        (r[0], r[1])
        for r in db.execute(
            """SELECT id, name FROM portals
               UNION SELECT DISTINCT portal_id, NULL FROM articles
                 WHERE portal_id IS NOT NULL AND portal_id NOT IN (SELECT id FROM portals)
               ORDER BY 1"""
        )
    ]


def _article_numbers(db: Database, portal_id: str) -> dict[str, Any]:
    articles, gone, newest = db.execute(
        """SELECT count(*), count(gone_at), max(published) FROM articles WHERE portal_id = ?""",
        [portal_id],
    ).fetchone()
    return {"articles": articles, "gone": gone, "newest_published": newest}


def _number(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0


def error_rate(db: Database, crawl_id: int, stats: dict[str, Any]) -> float | None:
    """Share of failed fetches of a crawl, None when nothing tells."""
    total, failed = db.execute(
        """SELECT count(*), coalesce(sum(status IS NULL OR status < 100 OR status >= 400), 0)
           FROM fetches WHERE crawl_id = ?""",
        [crawl_id],
    ).fetchone()
    if total:
        return float(failed) / float(total)
    responses = _number(stats.get("downloader/response_count")) or _number(
        stats.get("downloader/request_count")
    )
    return _number(stats.get(ERROR_KEY)) / responses if responses else None


def page_kinds(db: Database, crawl_id: int) -> dict[str, int]:
    """Pages the crawl fetched, by `fetches.page_kind` (issue 19); media have no kind."""
    rows = db.execute(
        """SELECT page_kind, count(*) FROM fetches
           WHERE crawl_id = ? AND page_kind IS NOT NULL GROUP BY page_kind""",
        [crawl_id],
    )
    return {str(kind): int(count) for kind, count in rows}


def _last_crawl(db: Database, portal_id: str) -> dict[str, Any]:
    crawls = recent_crawls(db, portal_id, 1)
    if not crawls:
        return {"last_crawl": None, "articles_new": None, "articles_changed": None,
                "error_rate": None, "page_kinds": {}}  # fmt: skip
    crawl = crawls[0]
    stats = crawl.pop("stats")
    return {
        "last_crawl": {k: crawl[k] for k in ("id", "started_at", "finished_at", "status")},
        "articles_new": _number(stats.get(NEW_KEY)),
        "articles_changed": _number(stats.get(CHANGED_KEY)),
        "error_rate": error_rate(db, int(crawl["id"]), stats),
        "page_kinds": page_kinds(db, int(crawl["id"])),
    }


def portal_status(db: Database) -> list[dict[str, Any]]:
    """One dict per portal, sorted by id: id, name, articles, gone, newest_published,
    last_crawl ({id, started_at, finished_at, status} or None), articles_new,
    articles_changed, error_rate (0..1, None when unknown), page_kinds (the last crawl's
    pages by kind)."""
    out = []
    for portal_id, name in _portal_ids(db):
        entry: dict[str, Any] = {"id": portal_id, "name": name}
        entry.update(_article_numbers(db, portal_id))
        entry.update(_last_crawl(db, portal_id))
        out.append(entry)
    return out
