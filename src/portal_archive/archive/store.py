"""The one module that writes the archive: portals, crawls, articles, versions, images, files."""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import Table

from portal_archive.archive import history, imports
from portal_archive.archive import status as crawl_status
from portal_archive.archive.captures import (
    Codec,
    header,
    headers_from_json,
    headers_json,
    sha256_hex,
)
from portal_archive.archive.errors import ArchiveError, ArchiveNotFound
from portal_archive.archive.images import inspect_image
from portal_archive.archive.schema import CONTENT_COLUMNS, migrations
from portal_archive.archive.textnorm import nfc, vi_fold
from portal_archive.model import ArticleRecord

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
EXCERPT_CHARS = 240
# Rows per query when streaming captures: bounded memory, and no read cursor held open across
# the caller's writes (re-extraction updates the very rows being read).
STREAM_CHUNK = 200
# `fetches.reason` of a page that looks like an article detail page (`portal_archive.crawl.urls.
# looks_like_article`) but gave no article: the `unextracted_pages` query lists them and
# `reextract` retries them.
UNEXTRACTED = "unextracted"
# `fetches.reason` of a page on which the extractor crashed (a bug of ours, not a non-article):
# listed by `unextracted_pages` and retried by `reextract` like `UNEXTRACTED`.
EXTRACTOR_ERROR = "extractor_error"
RETRIED_REASONS = (UNEXTRACTED, EXTRACTOR_ERROR)
_ARTICLE_COLUMNS = (
    *CONTENT_COLUMNS,
    "date_source",
    "view_count",
    "family",
    "kind",  # migration 0012: "article", or "document" for a document notice
    "excerpt",
    "published_month",
    "search_folded",
)


def _iso(moment: datetime) -> str:
    """UTC ISO 8601 for fetch times; naive datetimes are taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _now() -> str:
    return _iso(datetime.now(UTC))


def _media(items: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """Images or attachments as plain dicts with NFC text, dropping entries without a URL."""
    out = []
    for item in items or []:
        if isinstance(item, Mapping) and item.get("url"):
            out.append(
                {k: nfc(str(item.get(k) or "")) if k != "url" else str(item["url"]) for k in keys}
            )
    return out


def _crawl_link(crawl_id: int | None) -> dict[str, int]:
    """The `crawl_id` to write: a crawl's, or none (re-extraction keeps the row's own)."""
    return {} if crawl_id is None else {"crawl_id": crawl_id}


def _content_fields(
    row: Mapping[str, Any], digest: str, fetched: str, images: list[dict[str, Any]]
) -> dict[str, Any]:
    """The columns a new or changed article writes from its content: the content fields, their
    hash, the fetch time and `lead_image_id` (the first image row's, as `LEAD_IMAGE_SQL`)."""
    return {
        **{c: row[c] for c in _ARTICLE_COLUMNS},
        "last_fetched": fetched,
        "content_hash": digest,
        "lead_image_id": images[0]["image_id"] if images else None,
    }


def _json_list(items: list[dict[str, str]]) -> str:
    """Media lists as `_save_version` writes them (SQLite's json_group_array shape)."""
    return json.dumps(items, ensure_ascii=False, separators=(",", ":"))


def _excerpt(summary: str, body: str) -> str:
    text = " ".join((summary or body).split())
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0] + " …"


def prepare_article(article: Mapping[str, Any]) -> dict[str, Any]:
    """The article row's content fields from an extractor record; unknown keys are ignored."""
    row: dict[str, Any] = {c: nfc(str(article.get(c) or "")) for c in CONTENT_COLUMNS}
    row["published"] = row["published"] or None
    row["date_source"] = str(article.get("date_source") or "")
    row["family"] = str(article.get("family") or "")
    row["kind"] = str(article.get("kind") or "article")
    view_count = article.get("view_count")
    row["view_count"] = int(view_count) if isinstance(view_count, int | float) else None
    row["excerpt"] = _excerpt(row["summary"], row["body_text"])
    row["published_month"] = row["published"][:7] if row["published"] else None
    row["images"] = _media(article.get("images"), ("url", "caption", "alt"))
    row["attachments"] = _media(article.get("attachments"), ("url", "title"))
    return row


def search_copy(row: Mapping[str, Any]) -> str:
    """The folded copy of the searchable text (đ→d, tones off) that the FTS index holds."""
    return vi_fold(" ".join((row["title"], row["summary"], row["body_text"])))


def content_hash(row: Mapping[str, Any]) -> str:
    """sha256 over the normalised content fields, images and attachments (not fetch times).

    An empty `source` (added in migration 0008) is left out, so that articles archived before
    it keep their hashes and a re-crawl does not call every one of them changed."""
    payload = {c: row[c] for c in CONTENT_COLUMNS if c != "source" or row[c]}
    payload["images"] = row["images"]
    payload["attachments"] = row["attachments"]
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


class Archive:
    """A portal archive in one SQLite file (created and migrated if missing).

    Example:
        arc = Archive("archive.db")
        with arc.batch():
            arc.store_article("demo", article_dict, fetched_at, crawl_id)
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.db = Database(self.path)
            self.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.db.execute("PRAGMA journal_mode = wal")
            self.db.execute("PRAGMA synchronous = normal")
            migrations.apply(self.db)
            self._codec = Codec()
            self._tables: dict[str, Table] = {}
        except sqlite3.DatabaseError as exc:
            raise ArchiveError(f"{self.path}: cannot open as an archive: {exc}") from exc

    @classmethod
    def open_existing(cls, path: str | Path) -> Archive:
        """Open an archive that must already exist; never creates a file."""
        path = Path(path)
        if not path.is_file():
            raise ArchiveNotFound(f"no archive at {path} (run a crawl first or pass --db)")
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                found = conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='articles'"
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise ArchiveNotFound(f"{path} is not a SQLite database: {exc}") from exc
        if not found:
            raise ArchiveNotFound(f"{path} is a SQLite file but not a portal archive")
        return cls(path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around many writes; nested batches become savepoints."""
        with self.db.atomic():
            yield

    def _table(self, name: str) -> Table:
        """sqlite-utils' handle on one of the archive's tables, for its plain writes (made once:
        each `db.table()` looks up the views)."""
        table = self._tables.get(name)
        if table is None:
            table = self._tables[name] = self.db.table(name)
        return table

    # -- portals and crawls -------------------------------------------------------------------

    def upsert_portal(self, id: str, name: str, province: str, base_url: str) -> None:
        portal = {"id": id, "name": nfc(name), "province": nfc(province), "base_url": base_url}
        self._table("portals").upsert(portal, pk="id")

    def start_crawl(self, portal_id: str) -> int:
        crawls = self._table("crawls").insert(
            {"portal_id": portal_id, "started_at": _now(), "status": "running", "stats": "{}"}
        )
        return int(crawls.last_rowid or 0)

    def finish_crawl(self, crawl_id: int, status: str, stats: Mapping[str, Any]) -> None:
        stats_json = json.dumps(stats, ensure_ascii=False, sort_keys=True, default=str)
        self._table("crawls").update(
            crawl_id, {"finished_at": _now(), "status": status, "stats": stats_json}
        )

    # -- articles -----------------------------------------------------------------------------

    def store_article(
        self,
        portal_id: str,
        article: ArticleRecord,
        fetched_at: datetime,
        crawl_id: int | None,
        *,
        refetched: bool = True,
        captured: bool = False,
    ) -> str:
        """Insert or update one article; returns "new", "unchanged" or "changed" (or "earlier").

        `refetched=False` is for re-extraction from a kept capture: nothing was fetched, so an
        unchanged article is not touched and a changed one keeps its `last_fetched`.
        `captured=True` is for captures imported from web archives, which arrive in any order:
        one older than the article's `last_fetched` never becomes the current version; it moves
        `first_seen` back, and different content becomes an earlier version in its place by
        capture time ("earlier")."""
        url = str(article.get("url") or "")
        if not url:
            raise ArchiveError("article without a url cannot be stored")
        row = prepare_article(article)
        digest = content_hash(row)
        fetched = _iso(fetched_at)
        with self.db.atomic():
            old = self.db.execute(
                "SELECT id, content_hash, version_count, last_fetched, first_seen FROM articles "
                "WHERE url = ?",
                [url],
            ).fetchone()
            # The folded search copy costs more than the rest together: only written rows pay.
            if old is None:
                row["search_folded"] = search_copy(row)
                self._insert_article(portal_id, url, row, digest, fetched, crawl_id)
                return "new"
            article_id, old_hash, version_count, last_fetched, first_seen = old
            if captured and last_fetched and fetched < last_fetched:
                return self._store_earlier(article_id, row, digest, fetched, first_seen)
            if old_hash == digest and not refetched:
                return "unchanged"
            if old_hash == digest:
                touched = {"last_fetched": fetched, "view_count": row["view_count"]}
                self._table("articles").update(
                    article_id, {**touched, "gone_at": None, **_crawl_link(crawl_id)}
                )
                return "unchanged"
            self._save_version(article_id, version_count)
            row["search_folded"] = search_copy(row)
            if not refetched:
                fetched = last_fetched or fetched
            self._update_article(article_id, version_count + 1, row, digest, fetched, crawl_id)
            return "changed"

    def _insert_article(
        self,
        portal_id: str,
        url: str,
        row: dict[str, Any],
        digest: str,
        fetched: str,
        crawl_id: int | None,
    ) -> None:
        images = self._image_rows(row)
        article = {
            "url": url,
            "portal_id": portal_id,
            **_content_fields(row, digest, fetched, images),
            "first_seen": fetched,
            "version_count": 1,
            "crawl_id": crawl_id,
        }
        article_id = int(self._table("articles").insert(article).last_rowid or 0)
        self._write_media(article_id, images, row["attachments"])

    def _update_article(
        self,
        article_id: int,
        version: int,
        row: dict[str, Any],
        digest: str,
        fetched: str,
        crawl_id: int | None,
    ) -> None:
        """The article's content as version `version`, its media lists written anew (the old
        rows go first, so that the new ones link their images as a new article's would)."""
        self._table("article_images").delete_where("article_id = ?", [article_id])
        self._table("attachments").delete_where("article_id = ?", [article_id])
        images = self._image_rows(row)
        changes = {
            **_content_fields(row, digest, fetched, images),
            "version_count": version,
            "gone_at": None,
            "changed_at": fetched,
            **_crawl_link(crawl_id),
        }
        self._table("articles").update(article_id, changes)
        self._write_media(article_id, images, row["attachments"])

    def _store_earlier(
        self,
        article_id: int,
        row: dict[str, Any],
        digest: str,
        fetched: str,
        first_seen: str | None,
    ) -> str:
        """A capture older than the article's current content (see `store_article`)."""
        articles = self._table("articles")
        if first_seen is None or fetched < first_seen:
            articles.update(article_id, {"first_seen": fetched})
        known = self.db.execute(
            """SELECT 1 FROM articles WHERE id = ?1 AND content_hash = ?2
               UNION ALL SELECT 1 FROM article_versions WHERE article_id = ?1
               AND content_hash = ?2""",
            [article_id, digest],
        ).fetchone()
        if known:
            return "unchanged"
        (before,) = self.db.execute(
            "SELECT count(*) FROM article_versions WHERE article_id = ? AND fetched_at <= ?",
            [article_id, fetched],
        ).fetchone()
        position = int(before) + 1
        # Hand-written: the later versions move up one, through negative numbers because
        # UNIQUE(article_id, version) is checked row by row.
        self.db.execute(
            """UPDATE article_versions SET version = -(version + 1)
               WHERE article_id = ? AND version >= ?""",
            [article_id, position],
        )
        self.db.execute(
            "UPDATE article_versions SET version = -version WHERE article_id = ? AND version < 0",
            [article_id],
        )
        version = {
            "article_id": article_id,
            "version": position,
            "fetched_at": fetched,
            **{c: row[c] for c in CONTENT_COLUMNS},
            "images": _json_list(row["images"]),
            "attachments": _json_list(row["attachments"]),
            "content_hash": digest,
        }
        self._table("article_versions").insert(version)
        # Hand-written: version_count grows by one and changed_at keeps its value, or becomes
        # the first time the current content was seen (it was never edited until now).
        self.db.execute(
            """UPDATE articles SET version_count = version_count + 1,
               changed_at = coalesce(changed_at, ?) WHERE id = ?""",
            [first_seen or fetched, article_id],
        )
        return "earlier"

    def _save_version(self, article_id: int, version: int) -> None:
        """Copy the current article row (and its media lists) into article_versions."""
        cols = ", ".join(CONTENT_COLUMNS)
        # Hand-written: one INSERT ... SELECT copies the row and builds its media lists
        # (correlated json_group_array) inside SQLite, without reading them into Python.
        self.db.execute(
            f"""INSERT INTO article_versions(article_id, version, fetched_at, {cols}, images,
                attachments, content_hash)
                SELECT id, ?, last_fetched, {cols},
                  (SELECT json_group_array(json_object('url', url, 'caption', caption, 'alt', alt))
                     FROM (SELECT * FROM article_images WHERE article_id = a.id ORDER BY position)),
                  (SELECT json_group_array(json_object('url', url, 'title', title))
                     FROM (SELECT * FROM attachments WHERE article_id = a.id ORDER BY position)),
                  content_hash
                FROM articles a WHERE id = ?""",
            [version, article_id],
        )

    def _image_rows(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        """The article's image rows (without `article_id`), each linked at once to bytes stored
        earlier for the same URL.

        Each row carries the folded copy of its caption and alt text for search; it is made
        here, not in `prepare_article`, so that content hashes stay as they were."""
        return [
            {
                "position": position,
                "image_id": self._image_id(image["url"]),
                "url": image["url"],
                "caption": image["caption"],
                "alt": image["alt"],
                "search_folded": vi_fold(f"{image['caption']} {image['alt']}"),
            }
            for position, image in enumerate(row["images"])
        ]

    def _image_id(self, url: str) -> int | None:
        """The stored image of `url`: the one another article's image row links, else the one
        first stored under that URL; None until its bytes arrive."""
        found = self.db.execute(
            """SELECT COALESCE(
                 (SELECT image_id FROM article_images WHERE url = ?1 AND image_id IS NOT NULL
                  LIMIT 1),
                 (SELECT id FROM images WHERE url = ?1 LIMIT 1))""",
            [url],
        ).fetchone()
        return None if found[0] is None else int(found[0])

    def _write_media(
        self, article_id: int, images: list[dict[str, Any]], attachments: list[dict[str, str]]
    ) -> None:
        """Image rows from `_image_rows`, and attachment rows filled at once from bytes stored
        earlier for the same URL, each with the folded copy of its title for search."""
        self._table("article_images").insert_all(
            {"article_id": article_id, **image} for image in images
        )
        for position, attachment in enumerate(attachments):
            # Hand-written: INSERT ... SELECT copies the bytes of an attachment stored earlier
            # under the same URL inside SQLite, never reading the blob into Python.
            self.db.execute(
                """INSERT INTO attachments(article_id, position, url, title, mime, bytes, sha256,
                   content, search_folded)
                   SELECT ?1, ?2, ?3, ?4, s.mime, s.bytes, s.sha256, s.content, ?5
                   FROM (SELECT 1) LEFT JOIN (SELECT mime, bytes, sha256, content FROM attachments
                        WHERE url = ?3 AND content IS NOT NULL LIMIT 1) s""",
                [
                    article_id,
                    position,
                    attachment["url"],
                    attachment["title"],
                    vi_fold(attachment["title"]),
                ],
            )

    # -- files --------------------------------------------------------------------------------

    def store_image(self, url: str, content: bytes, mime: str | None) -> int:
        """Store image bytes once (by sha256) and link every article image with that URL."""
        digest = hashlib.sha256(content).hexdigest()
        with self.db.atomic():
            found = self.db.execute("SELECT id FROM images WHERE sha256 = ?", [digest]).fetchone()
            if found is None:
                facts = inspect_image(content, mime)
                image = {
                    "sha256": digest,
                    "url": url,
                    "mime": facts.mime,
                    "width": facts.width,
                    "height": facts.height,
                    "bytes": len(content),
                    "content": content,
                    "thumbnail": facts.thumbnail,
                    "thumbnail_mime": facts.thumbnail_mime,
                }
                image_id = int(self._table("images").insert(image).last_rowid or 0)
            else:
                image_id = int(found[0])
            # Hand-written: every row with that URL and not yet linked (not one row by key).
            self.db.execute(
                "UPDATE article_images SET image_id = ? WHERE url = ? AND image_id IS NOT ?",
                [image_id, url, image_id],
            )
            # Articles that lead with this image show it in the listings from now on.
            # Hand-written: the rows to change are found by a subquery on article_images.
            self.db.execute(
                """UPDATE articles SET lead_image_id = ?1 WHERE lead_image_id IS NOT ?1 AND id IN
                   (SELECT article_id FROM article_images WHERE url = ?2 AND position = 0)""",
                [image_id, url],
            )
        return image_id

    def store_attachment(self, url: str, content: bytes, mime: str | None) -> None:
        """Fill content, mime, size and sha256 of every attachment row with that URL."""
        digest = hashlib.sha256(content).hexdigest()
        # Hand-written: every row with that URL whose bytes differ (not one row by key).
        self.db.execute(
            """UPDATE attachments SET content = ?, mime = ?, bytes = ?, sha256 = ?
               WHERE url = ? AND sha256 IS NOT ?""",
            [content, mime, len(content), digest, url, digest],
        )

    # -- reading ------------------------------------------------------------------------------

    def known_article_urls(self, portal_id: str) -> set[str]:
        rows = self.db.execute("SELECT url FROM articles WHERE portal_id = ?", [portal_id])
        return {r[0] for r in rows}

    def article_count(self, portal_id: str | None = None) -> int:
        if portal_id is None:
            row = self.db.execute("SELECT count(*) FROM articles").fetchone()
        else:
            row = self.db.execute(
                "SELECT count(*) FROM articles WHERE portal_id = ?", [portal_id]
            ).fetchone()
        return int(row[0])

    # -- fetches, captures and revalidation (issue 5) -----------------------------------------

    def record_fetch(
        self,
        url: str,
        fetched_at: datetime,
        status: int,
        headers: Mapping[str, str],
        body: bytes | None,
        crawl_id: int | None,
        method: str = "GET",
        keep_payload: bool = False,
        reason: str | None = None,
        referer: str | None = None,
        page_kind: tuple[str, str] | None = None,
        source_file: str | None = None,
        source_offset: int | None = None,
    ) -> str | None:
        """One row in `fetches`; with `keep_payload` the body is kept once per sha256 in
        `captures` (zstd). `reason` says why the page stored no article (`UNEXTRACTED`);
        `referer` is the page whose link led here; `page_kind` is the page's kind and the
        evidence for it (`extract.page_kind`); `source_file` and `source_offset` say which
        web archive record an imported fetch came from. Returns the payload's sha256, None when
        there is no body."""
        digest = sha256_hex(body) if body is not None else None
        with self.db.atomic():
            if keep_payload and body is not None and digest is not None:
                self._keep_capture(digest, body)
            fetch = {
                "url": url,
                "fetched_at": _iso(fetched_at),
                "method": method.upper(),
                "status": int(status),
                "headers": headers_json(headers),
                "etag": header(headers, "ETag"),
                "last_modified": header(headers, "Last-Modified"),
                "bytes": len(body) if body is not None else None,
                "payload_sha256": digest,
                "crawl_id": crawl_id,
                "reason": reason,
                "referer": referer,
                "page_kind": page_kind[0] if page_kind else None,
                "kind_reason": page_kind[1] if page_kind else None,
                "source_file": source_file,
                "source_offset": source_offset,
            }
            self._table("fetches").insert(fetch)
        return digest

    def fetch_recorded(self, url: str, fetched_at: datetime, method: str = "GET") -> bool:
        """Whether this very fetch (same URL, method and moment) is already a row: a replayed
        item (`portal-archive ingest` after a crash) is then not recorded twice."""
        row = self.db.execute(
            "SELECT 1 FROM fetches WHERE url = ? AND fetched_at = ? AND method = ? LIMIT 1",
            [url, _iso(fetched_at), method.upper()],
        ).fetchone()
        return row is not None

    def _keep_capture(self, digest: str, body: bytes) -> None:
        # Look before compressing: an unchanged page re-fetched costs a lookup, not a zstd run.
        if self.db.execute("SELECT 1 FROM captures WHERE sha256 = ?", [digest]).fetchone():
            return
        capture = {"sha256": digest, "bytes": len(body), "content": self._codec.compress(body)}
        self._table("captures").insert(capture, ignore=True)

    def capture(self, sha256: str) -> bytes | None:
        """The raw payload kept under `sha256`, or None."""
        row = self.db.execute("SELECT content FROM captures WHERE sha256 = ?", [sha256]).fetchone()
        return None if row is None else self._codec.decompress(row[0])

    def validators(self, url: str) -> tuple[str | None, str | None]:
        """ETag and Last-Modified of the newest 200 fetch of `url`, for a conditional GET."""
        row = self.db.execute(
            """SELECT etag, last_modified FROM fetches WHERE url = ? AND status = 200
               ORDER BY fetched_at DESC, id DESC LIMIT 1""",
            [url],
        ).fetchone()
        return (None, None) if row is None else (row[0], row[1])

    def revalidation_candidates(
        self, portal_id: str, older_than: timedelta | None = None
    ) -> list[dict[str, Any]]:
        """Articles of the portal not gone and last fetched before now - `older_than` (all when
        None), oldest first, with the validators of their newest 200 fetch."""
        cutoff = _iso(datetime.now(UTC) - older_than) if older_than is not None else None
        rows = self.db.execute(
            """SELECT a.url, f.etag, f.last_modified FROM articles a
               LEFT JOIN fetches f ON f.id = (
                 SELECT id FROM fetches WHERE url = a.url AND status = 200
                 ORDER BY fetched_at DESC, id DESC LIMIT 1)
               WHERE a.portal_id = ? AND a.gone_at IS NULL
                 AND (? IS NULL OR a.last_fetched IS NULL OR a.last_fetched < ?)
               ORDER BY a.last_fetched, a.id""",
            [portal_id, cutoff, cutoff],
        )
        return [{"url": r[0], "etag": r[1], "last_modified": r[2]} for r in rows]

    def touch_article(self, url: str, fetched_at: datetime) -> bool:
        """A 304 answer: `last_fetched` moves forward, nothing else. False for an unknown URL."""
        # Hand-written: max() keeps a newer time already stored; the row is found by URL.
        cursor = self.db.execute(
            """UPDATE articles SET last_fetched = max(coalesce(last_fetched, ''), ?)
               WHERE url = ?""",
            [_iso(fetched_at), url],
        )
        return cursor.rowcount > 0

    def mark_gone(self, url: str, at: datetime) -> bool:
        """A 404/410 answer: `gone_at` keeps the first time it was seen; the row stays.
        False for an unknown URL. A later successful `store_article` clears `gone_at`."""
        # Hand-written: coalesce() keeps the first time; the row is found by URL.
        cursor = self.db.execute(
            "UPDATE articles SET gone_at = coalesce(gone_at, ?) WHERE url = ?", [_iso(at), url]
        )
        return cursor.rowcount > 0

    def latest_captures(self, portal_id: str | None = None) -> Iterator[tuple[str, str, bytes]]:
        """(portal_id, url, raw payload) of the newest kept 2xx capture of every article, in
        article id order, read in chunks so that the caller may write while iterating."""
        last_id = 0
        while True:
            rows = self.db.execute(
                """SELECT a.id, a.portal_id, a.url, c.content FROM articles a
                   JOIN captures c ON c.sha256 = (
                     SELECT f.payload_sha256 FROM fetches f
                     WHERE f.url = a.url AND f.status BETWEEN 200 AND 299
                       AND f.payload_sha256 IN (SELECT sha256 FROM captures)
                     ORDER BY f.fetched_at DESC, f.id DESC LIMIT 1)
                   WHERE a.id > ? AND (? IS NULL OR a.portal_id = ?)
                   ORDER BY a.id LIMIT ?""",
                [last_id, portal_id, portal_id, STREAM_CHUNK],
            ).fetchall()
            for article_id, portal, url, blob in rows:
                last_id = article_id
                yield portal, url, self._codec.decompress(blob)
            if len(rows) < STREAM_CHUNK:
                return

    def served_content_type(self, url: str, payload: bytes) -> str | None:
        """The `Content-Type` header `url` was served with when it answered with `payload`
        (its charset outranks the page's own meta tag, in the crawl and in `reextract`)."""
        row = self.db.execute(
            """SELECT headers FROM fetches WHERE url = ? AND payload_sha256 = ?
               ORDER BY fetched_at DESC, id DESC LIMIT 1""",
            [url, sha256_hex(payload)],
        ).fetchone()
        return header(dict(headers_from_json(row[0])), "Content-Type") if row else None

    def unextracted_captures(
        self, portal_id: str | None = None
    ) -> Iterator[tuple[str, str, bytes]]:
        """(portal_id, url, raw payload) of every page whose newest fetch was recorded as
        `UNEXTRACTED` or `EXTRACTOR_ERROR` and that has no article row, with its kept capture,
        in fetch order; read in chunks like `latest_captures`."""
        last_id = 0
        while True:
            rows = self.db.execute(
                """SELECT f.id, c.portal_id, f.url, k.content FROM fetches f
                   JOIN crawls c ON c.id = f.crawl_id
                   JOIN captures k ON k.sha256 = f.payload_sha256
                   WHERE f.reason IN (?, ?) AND f.id > ? AND (? IS NULL OR c.portal_id = ?)
                     AND f.id = (SELECT g.id FROM fetches g WHERE g.url = f.url
                                 ORDER BY g.fetched_at DESC, g.id DESC LIMIT 1)
                     AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.url = f.url)
                   ORDER BY f.id LIMIT ?""",
                [*RETRIED_REASONS, last_id, portal_id, portal_id, STREAM_CHUNK],
            ).fetchall()
            for fetch_id, portal, url, blob in rows:
                last_id = fetch_id
                yield portal, url, self._codec.decompress(blob)
            if len(rows) < STREAM_CHUNK:
                return

    # -- imports from web archive files (issue 12; see `archive.imports`) ---------------------

    def import_position(self, fingerprint: str) -> tuple[int, bool]:
        """Offset up to which a WARC stream's records are committed, and whether it is done."""
        return imports.position(self.db, fingerprint)

    def save_import_position(
        self,
        fingerprint: str,
        source_file: str,
        next_offset: int,
        records: int,
        damaged: int,
        *,
        finished: bool = False,
        crawl_id: int | None = None,
    ) -> None:
        """Written in the transaction of the batch it follows: resumption never repeats one."""
        finished_at = _now() if finished else None
        imports.save_position(
            self.db, fingerprint, source_file, next_offset, records, damaged, finished_at, crawl_id
        )

    def has_fetch(self, url: str, fetched_at: datetime, status: int, sha256: str | None) -> bool:
        return imports.has_fetch(self.db, url, _iso(fetched_at), status, sha256)

    def payload_of_digest(self, digest: str) -> bytes | None:
        """The kept payload a `WARC-Payload-Digest` names (for revisit records), or None."""
        sha256 = imports.payload_of_digest(self.db, digest)
        return None if sha256 is None else self.capture(sha256)

    def remember_digest(self, digest: str, sha256: str) -> None:
        imports.remember_digest(self.db, digest, sha256)

    def media_kind(self, url: str) -> str | None:
        """ "image" or "attachment" when an archived article links `url` so, else None."""
        return imports.media_kind(self.db, url)

    def missing_media_of(self, article_url: str) -> list[tuple[str, str]]:
        return imports.missing_media_of(self.db, article_url)

    def kept_media(self, url: str) -> tuple[bytes, str | None] | None:
        """The newest kept capture of `url` and its media type, or None."""
        found = imports.kept_media(self.db, url)
        return None if found is None else (self._codec.decompress(found[0]), found[1])

    def portal_exists(self, portal_id: str) -> bool:
        return imports.portal_exists(self.db, portal_id)

    def portal_row(self, portal_id: str) -> dict[str, Any] | None:
        """The `portals` row of `portal_id`, or None."""
        rows = list(self._table("portals").rows_where("id = ?", [portal_id]))
        return rows[0] if rows else None

    def last_fetched(self, url: str) -> str | None:
        """`last_fetched` of the archived article at `url` (None: no such article)."""
        state = imports.article_state(self.db, url)
        return None if state is None else state[0]

    # -- status -------------------------------------------------------------------------------

    def portal_status(self) -> list[dict[str, Any]]:
        """Per portal: counts, the last crawl and its outcome; see `archive.status`."""
        return crawl_status.portal_status(self.db)

    def recent_crawls(self, portal_id: str, limit: int = 5) -> list[dict[str, Any]]:
        """The portal's newest crawls first, `stats` parsed from JSON."""
        return crawl_status.recent_crawls(self.db, portal_id, limit)

    # -- what earlier crawls left behind, for planning the next one (see `archive.history`) ---

    def fetched_urls(self, portal_id: str) -> Iterator[str]:
        """Every URL an earlier crawl of the portal fetched with a 200."""
        return history.fetched_urls(self.db, portal_id)

    def missing_media(self, portal_id: str) -> list[tuple[str, str]]:
        """(kind, url) of the portal's images and attachments whose bytes the archive lacks."""
        return history.missing_media(self.db, portal_id)

    def last_crawl_complete(self, portal_id: str) -> bool:
        """Whether the newest crawl of the portal ran to its end."""
        return history.last_crawl_complete(self.db, portal_id)

    def page_signature(self, portal_id: str) -> list[tuple[str, int, int]]:
        """The rows of the portal's structure signature (see `history.page_signature`)."""
        return history.page_signature(self.db, portal_id)

    def field_coverage(self, portal_id: str) -> tuple[int, dict[str, float]]:
        """Archived articles of the portal, and the share with a date, with an author."""
        return history.field_coverage(self.db, portal_id)

    def save_page_signature(self, portal_id: str, rows: Iterable[tuple[str, int, int]]) -> None:
        """The portal's structure signature as this crawl leaves it (it replaces the old)."""
        with self.db.atomic():
            self.db.execute("DELETE FROM page_signatures WHERE portal_id = ?", [portal_id])
            self._table("page_signatures").insert_all(
                {"portal_id": portal_id, "name": n, "article_pages": a, "home_pages": h}
                for n, a, h in rows
            )

    def mark_unextracted(self, crawl_id: int, misses: Iterable[tuple[str, str]]) -> int:
        """Pages of this crawl found to be misses only once the crawl had learned what its
        article pages are built like: `unextracted`, the evidence added to the kind's reason.
        Returns how many rows changed."""
        changed = 0
        with self.db.atomic():
            # Hand-written: the evidence is appended to the reason the row already holds.
            for url, why in misses:
                changed += self.db.execute(
                    """UPDATE fetches SET reason = ?, kind_reason = kind_reason || '; ' || ?
                       WHERE crawl_id = ? AND url = ? AND status = 200 AND reason IS NULL""",
                    [UNEXTRACTED, why, crawl_id, url],
                ).rowcount
        return changed

    def page_fetches(self, portal_id: str) -> Iterator[tuple[str, int, str | None, str]]:
        """(url, status, referer, fetched_at) of the portal's GET fetches, oldest first."""
        return history.page_fetches(self.db, portal_id)
