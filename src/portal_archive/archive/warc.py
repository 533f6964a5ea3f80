"""Standard WARC 1.1 files (warcio) from the archive's kept captures.

One `response` record per fetch whose payload was kept, with the status line and headers the
server sent, after one `warcinfo` record; then one per image and attachment URL whose bytes the
archive holds, at the time and with the headers of its newest fetch (or, for files archived
before fetches were recorded, the time its article was first seen and its media type), so that
a replay tool shows the pages with their images.

The payload we keep is the decoded body (the crawler undoes gzip and chunking), so the exported
headers say so: `Content-Encoding` and `Transfer-Encoding` are renamed `X-Archive-Orig-*` and
`Content-Length` is the payload's length, which keeps replay tools from decoding twice.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from portal_archive.archive.captures import Codec, headers_from_json
from portal_archive.archive.store import Archive

log = logging.getLogger(__name__)

WARC_VERSION = "1.1"
_CHUNK = 200
_RENAMED = ("content-encoding", "transfer-encoding")
# Stable record ids: exporting the same archive twice gives the same WARC-Record-IDs.
_NAMESPACE = uuid.UUID("2b0c5f0e-6d0a-4c1e-9a43-5f0c7a2d9e11")


def status_line(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} Unknown"


def http_headers(headers_text: str | None, length: int) -> list[tuple[str, str]]:
    """The stored headers fitted to the decoded payload (see the module docstring)."""
    out: list[tuple[str, str]] = []
    for name, value in headers_from_json(headers_text):
        lower = name.lower()
        if lower == "content-length":
            continue
        out.append((f"X-Archive-Orig-{name}", value) if lower in _RENAMED else (name, value))
    out.append(("Content-Length", str(length)))
    return out


def warc_date(fetched_at: str) -> str:
    """WARC-Date (UTC, `Z`) from the stored ISO fetch time."""
    moment = datetime.fromisoformat(fetched_at)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _fetch_rows(arc: Archive, portal_id: str | None) -> Iterator[tuple[Any, ...]]:
    """Fetches with a kept payload, oldest first, read in chunks (memory stays flat)."""
    last_id = 0
    while True:
        rows = arc.db.execute(
            """SELECT f.id, f.url, f.fetched_at, f.status, f.headers, c.content
               FROM fetches f JOIN captures c ON c.sha256 = f.payload_sha256
               WHERE f.id > ? AND (? IS NULL
                 OR f.crawl_id IN (SELECT id FROM crawls WHERE portal_id = ?)
                 OR f.url IN (SELECT url FROM articles WHERE portal_id = ?))
               ORDER BY f.id LIMIT ?""",
            [last_id, portal_id, portal_id, portal_id, _CHUNK],
        ).fetchall()
        yield from rows
        if len(rows) < _CHUNK:
            return
        last_id = rows[-1][0]


# Each image URL an article links (or an image was stored under) and each attachment URL with
# bytes: its newest 200 fetch's time and headers, else its article's first sighting.
_MEDIA_SQL = """
WITH media(url, kind, ref) AS (
  SELECT url, 'image', image_id FROM article_images WHERE image_id IS NOT NULL
  UNION SELECT url, 'image', id FROM images
  UNION SELECT url, 'attachment', min(id) FROM attachments WHERE content IS NOT NULL GROUP BY url
)
SELECT m.url, m.kind, m.ref,
  coalesce(
    (SELECT f.fetched_at FROM fetches f WHERE f.url = m.url AND f.status = 200
     ORDER BY f.fetched_at DESC, f.id DESC LIMIT 1),
    (SELECT min(a.first_seen) FROM articles a WHERE a.id IN (
       SELECT article_id FROM article_images WHERE url = m.url
       UNION SELECT article_id FROM attachments WHERE url = m.url))),
  (SELECT f.headers FROM fetches f WHERE f.url = m.url AND f.status = 200
   ORDER BY f.fetched_at DESC, f.id DESC LIMIT 1)
FROM media m
WHERE m.url > ? AND (? IS NULL OR m.url IN (
    SELECT ai.url FROM article_images ai JOIN articles a ON a.id = ai.article_id
    WHERE a.portal_id = ?3
    UNION SELECT t.url FROM attachments t JOIN articles a ON a.id = t.article_id
    WHERE a.portal_id = ?3))
GROUP BY m.url ORDER BY m.url LIMIT ?
"""


def _media_rows(arc: Archive, portal_id: str | None) -> Iterator[tuple[Any, ...]]:
    """(url, kind, image id or attachment row id, fetched_at, headers) of every media URL with
    bytes, read in chunks by URL."""
    last_url = ""
    while True:
        rows = arc.db.execute(_MEDIA_SQL, [last_url, portal_id, portal_id, _CHUNK]).fetchall()
        yield from rows
        if len(rows) < _CHUNK:
            return
        last_url = rows[-1][0]


def _media_content(arc: Archive, kind: str, ref: int) -> tuple[bytes, str | None]:
    table = "images" if kind == "image" else "attachments"
    row = arc.db.execute(f"SELECT content, mime FROM {table} WHERE id = ?", [ref]).fetchone()
    return bytes(row[0]), row[1]


def _media_response(
    writer: WARCWriter, arc: Archive, row: tuple[Any, ...], fallback_date: str
) -> Any:
    url, kind, ref, fetched_at, headers_text = row
    payload, mime = _media_content(arc, kind, ref)
    headers = http_headers(headers_text, len(payload))
    if mime and not any(name.lower() == "content-type" for name, _ in headers):
        headers.insert(0, ("Content-Type", mime))
    fetch_row = (f"{kind}:{url}", url, fetched_at or fallback_date, 200, None, None)
    return _response(writer, fetch_row, payload, arc.path.name, headers)


def _response(
    writer: WARCWriter,
    row: tuple[Any, ...],
    payload: bytes,
    tag: str,
    headers: list[tuple[str, str]] | None = None,
) -> Any:
    fetch_id, url, fetched_at, status, headers_text, _ = row
    if headers is None:
        headers = http_headers(headers_text, len(payload))
    record_id = uuid.uuid5(_NAMESPACE, f"{tag}:{fetch_id}")
    return writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(payload),
        length=len(payload),
        warc_headers_dict={
            "WARC-Record-ID": f"<urn:uuid:{record_id}>",
            "WARC-Date": warc_date(fetched_at),
        },
        http_headers=StatusAndHeaders(
            status_line(int(status)),
            headers,
            protocol="HTTP/1.1",
        ),
    )


def write_records(arc: Archive, out: BinaryIO, portal_id: str | None, gzip: bool) -> int:
    writer = WARCWriter(out, gzip=gzip, warc_version=WARC_VERSION)
    info = {
        "software": "portal-archive",
        "format": "WARC File Format 1.1",
        "description": f"captures of {portal_id or 'every portal'} from {arc.path.name}",
    }
    writer.write_record(writer.create_warcinfo_record(Path(out.name).name, info))
    codec, written = Codec(), 1
    last_date = None
    for row in _fetch_rows(arc, portal_id):
        writer.write_record(_response(writer, row, codec.decompress(row[5]), arc.path.name))
        written += 1
        last_date = row[2]
    fallback = last_date or datetime.now(UTC).isoformat(timespec="seconds")
    for media in _media_rows(arc, portal_id):
        writer.write_record(_media_response(writer, arc, media, fallback))
        written += 1
    return written


def export_warc(db_path: str | Path, out_path: str | Path, portal_id: str | None = None) -> int:
    """Write the captures of `db_path` (or of one portal) to `out_path`, gzipped per record
    when the name ends in `.gz`. Returns the number of records written, warcinfo included."""
    out_path = Path(out_path)
    arc = Archive.open_existing(db_path)
    try:
        with out_path.open("wb") as out:
            count = write_records(arc, out, portal_id, gzip=out_path.name.endswith(".gz"))
    finally:
        arc.close()
    log.info("wrote %d WARC records to %s", count, out_path)
    return count
