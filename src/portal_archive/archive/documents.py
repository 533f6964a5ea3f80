"""The archive's side of reading attached documents (issue 23): which attachments wait to be
read, their bytes, and the write of one document's text and fields. The reading is
`portal_archive.documents` (pure); this module takes plain records so that the archive imports
nothing of it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypedDict

from portal_archive.archive.schema import DOCUMENT_FIELDS
from portal_archive.archive.textnorm import nfc, vi_fold

if TYPE_CHECKING:
    from portal_archive.archive.store import Archive

# What a read gives, besides the fields: copied as they are into the `documents` row.
READ_COLUMNS = ("text", "text_source", "ocr_confidence", "pages", "reason", "seconds")


class PendingAttachment(TypedDict):
    id: int
    article_id: int
    url: str | None
    sha256: str | None
    notice_title: str  # the article's title: a document's type and number are often in it


def pending_attachments(archive: Archive, everything: bool = False) -> Iterator[PendingAttachment]:
    """Attachments with bytes that have no document read from those bytes (new ones, and those
    whose file changed): every attachment with bytes when `everything`. Read in id order, in
    pages, so writes may go on between pages."""
    where = (
        "1"
        if everything
        else "NOT EXISTS (SELECT 1 FROM documents d WHERE d.attachment_id = t.id "
        "AND d.sha256 IS t.sha256)"
    )
    last = 0
    while True:
        rows = archive.db.execute(
            f"""SELECT t.id, t.article_id, t.url, t.sha256, coalesce(a.title, '')
                FROM attachments t JOIN articles a ON a.id = t.article_id
                WHERE t.id > ? AND t.content IS NOT NULL AND ({where})
                ORDER BY t.id LIMIT 200""",
            [last],
        ).fetchall()
        if not rows:
            return
        for id_, article_id, url, sha256, title in rows:
            yield PendingAttachment(
                id=id_, article_id=article_id, url=url, sha256=sha256, notice_title=title
            )
            last = id_


def count_pending(archive: Archive, everything: bool = False) -> int:
    return sum(1 for _ in pending_attachments(archive, everything))


def attachment_content(archive: Archive, attachment_id: int) -> bytes:
    row = archive.db.execute(
        "SELECT content FROM attachments WHERE id = ?", [attachment_id]
    ).fetchone()
    return bytes(row[0]) if row and row[0] is not None else b""


def read_before(archive: Archive, sha256: str | None) -> dict[str, Any] | None:
    """The text and fields already read from the same bytes (a file attached to several
    notices, or an article stored again with its attachments), or None."""
    if not sha256:
        return None
    columns = ", ".join((*READ_COLUMNS, *DOCUMENT_FIELDS))
    cursor = archive.db.execute(
        f"SELECT {columns} FROM documents WHERE sha256 = ? LIMIT 1", [sha256]
    )
    row = cursor.fetchone()
    if row is None:
        return None
    return dict(zip([d[0] for d in cursor.description], row, strict=True))


def store_document(archive: Archive, attachment: PendingAttachment, record: dict[str, Any]) -> None:
    """Write (or replace) the document read from one attachment. `record` has the columns of
    `READ_COLUMNS` and `DOCUMENT_FIELDS`."""
    text = nfc(record.get("text") or "")
    fields = {c: (nfc(record[c]) if record.get(c) else None) for c in DOCUMENT_FIELDS}
    folded = " ".join(filter(None, (fields["subject"], fields["number"], fields["issuer"], text)))
    row = {
        "attachment_id": attachment["id"],
        "article_id": attachment["article_id"],
        "sha256": attachment["sha256"],
        **{c: record.get(c) for c in READ_COLUMNS},
        "text": text,
        **fields,
        "search_folded": vi_fold(folded),
        "read_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    with archive.db.atomic():
        archive.db.table("documents").upsert(row, pk="attachment_id")


def forget_orphans(archive: Archive) -> int:
    """Delete documents no longer read from their attachment's bytes: the row is gone, or its
    id now holds other bytes (an edited article's attachments are written anew, and SQLite
    gives a deleted row's id again), or none yet; returns how many."""
    with archive.db.atomic():
        cursor = archive.db.execute(
            """DELETE FROM documents WHERE NOT EXISTS (SELECT 1 FROM attachments t
                 WHERE t.id = documents.attachment_id AND t.article_id = documents.article_id
                 AND t.sha256 IS documents.sha256)"""
        )
        return cursor.rowcount
