"""What an import from web archive files (`portal_archive.warc_import`) keeps and asks: how
far each file is committed, duplicates, revisit payloads, and media waiting for an article."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from portal_archive.archive.captures import header, headers_from_json


def position(db: Database, fingerprint: str) -> tuple[int, bool]:
    """The offset up to which the file's records are committed, and whether it was finished."""
    row = db.execute(
        "SELECT next_offset, finished_at FROM warc_imports WHERE fingerprint = ?", [fingerprint]
    ).fetchone()
    return (0, False) if row is None else (int(row[0]), row[1] is not None)


def save_position(
    db: Database,
    fingerprint: str,
    source_file: str,
    next_offset: int,
    records: int,
    damaged: int,
    finished_at: str | None,
    crawl_id: int | None,
) -> None:
    # Hand-written: an upsert that adds the counts of this batch to those already kept.
    db.execute(
        """INSERT INTO warc_imports(fingerprint, source_file, next_offset, records, damaged,
             finished_at, crawl_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
           ON CONFLICT(fingerprint) DO UPDATE SET source_file = ?2, next_offset = ?3,
             records = records + ?4, damaged = damaged + ?5, finished_at = ?6,
             crawl_id = coalesce(?7, crawl_id)""",
        [fingerprint, source_file, next_offset, records, damaged, finished_at, crawl_id],
    )


def has_fetch(db: Database, url: str, fetched_at: str, status: int, sha256: str | None) -> bool:
    """Whether this very capture (URL, time, status, payload) is already recorded."""
    row = db.execute(
        """SELECT 1 FROM fetches WHERE url = ? AND fetched_at = ? AND status = ?
           AND payload_sha256 IS ? LIMIT 1""",
        [url, fetched_at, status, sha256],
    ).fetchone()
    return row is not None


def payload_of_digest(db: Database, digest: str) -> str | None:
    row = db.execute("SELECT sha256 FROM warc_payloads WHERE digest = ?", [digest]).fetchone()
    return None if row is None else str(row[0])


def remember_digest(db: Database, digest: str, sha256: str) -> None:
    db.execute(
        "INSERT OR IGNORE INTO warc_payloads(digest, sha256) VALUES (?, ?)", [digest, sha256]
    )


def media_kind(db: Database, url: str) -> str | None:
    """ "image" or "attachment" when an archived article links `url` so, else None."""
    if db.execute("SELECT 1 FROM article_images WHERE url = ? LIMIT 1", [url]).fetchone():
        return "image"
    if db.execute("SELECT 1 FROM attachments WHERE url = ? LIMIT 1", [url]).fetchone():
        return "attachment"
    return None


def missing_media_of(db: Database, article_url: str) -> list[tuple[str, str]]:
    """(kind, url) of the article's images and attachments whose bytes the archive lacks."""
    rows = db.execute(
        """SELECT 'image', ai.url FROM article_images ai JOIN articles a ON a.id = ai.article_id
           WHERE a.url = ?1 AND ai.image_id IS NULL
           UNION SELECT 'attachment', t.url FROM attachments t
           JOIN articles a ON a.id = t.article_id WHERE a.url = ?1 AND t.content IS NULL""",
        [article_url],
    ).fetchall()
    return [(str(kind), str(url)) for kind, url in rows]


def kept_media(db: Database, url: str) -> tuple[bytes, str | None] | None:
    """The newest kept 200 capture of `url` (zstd) with its Content-Type's media type."""
    row = db.execute(
        """SELECT c.content, f.headers FROM fetches f JOIN captures c ON c.sha256 = f.payload_sha256
           WHERE f.url = ? AND f.status = 200 ORDER BY f.fetched_at DESC, f.id DESC LIMIT 1""",
        [url],
    ).fetchone()
    if row is None:
        return None
    content_type = header(dict(headers_from_json(row[1])), "Content-Type") or ""
    return row[0], content_type.split(";")[0].strip() or None


def portal_exists(db: Database, portal_id: str) -> bool:
    return bool(db.execute("SELECT 1 FROM portals WHERE id = ?", [portal_id]).fetchone())


def article_state(db: Database, url: str) -> tuple[Any, ...] | None:
    """(last_fetched,) of the archived article at `url`, or None."""
    row = db.execute("SELECT last_fetched FROM articles WHERE url = ?", [url]).fetchone()
    return None if row is None else tuple(row)
