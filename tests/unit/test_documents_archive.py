"""The archive's side of documents (issue 23) on a real SQLite file: which attachments wait to be
read, a changed file read again, rows of attachments written anew forgotten, folded search."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from portal_archive.archive import Archive
from portal_archive.archive.documents import (
    attachment_content,
    forget_orphans,
    pending_attachments,
    read_before,
    store_document,
)

SITE = "https://xa.example"


def notice(archive: Archive, slug: str, body: str, files: list[str]) -> None:
    record = {
        "url": f"{SITE}/{slug}",
        "title": f"Thông báo {slug}",
        "body_text": body,
        "body_html": f"<p>{body}</p>",
        "attachments": [{"url": f"{SITE}/{name}", "title": name} for name in files],
    }
    archive.store_article("xa", record, datetime.now(UTC), None)  # type: ignore[arg-type]


def read(text: str, **fields: str) -> dict[str, object]:
    return {"text": text, "text_source": "pdf", "pages": 1, "seconds": 0.1, **fields}


def test_pending_reads_new_and_changed_files_only(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    archive.upsert_portal("xa", "Xã", "Đắk Nông", SITE + "/")
    notice(archive, "a", "Lịch tiếp dân.", ["lich.pdf", "chua-tai.pdf"])
    archive.store_attachment(f"{SITE}/lich.pdf", b"%PDF-1.4 lich", "application/pdf")
    pending = list(pending_attachments(archive))
    # The file whose bytes were never fetched waits for the crawl, not for the reader.
    assert [p["url"] for p in pending] == [f"{SITE}/lich.pdf"]
    assert pending[0]["notice_title"] == "Thông báo a"
    assert attachment_content(archive, pending[0]["id"]) == b"%PDF-1.4 lich"
    store_document(
        archive, pending[0], read("Lịch tiếp công dân của Đảng ủy xã", number="9/TB-UBND")
    )
    assert list(pending_attachments(archive)) == []
    assert len(list(pending_attachments(archive, everything=True))) == 1
    # The same bytes under another notice: known already.
    assert read_before(archive, pending[0]["sha256"])["number"] == "9/TB-UBND"  # type: ignore[index]
    # A new version of the file is read again.
    archive.store_attachment(f"{SITE}/lich.pdf", b"%PDF-1.4 lich moi", "application/pdf")
    assert [p["id"] for p in pending_attachments(archive)] == [pending[0]["id"]]
    hits = archive.db.execute(
        "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", ['"dang uy"']
    ).fetchall()
    assert hits == [(pending[0]["id"],)]
    archive.close()


def test_documents_of_attachments_written_anew_are_forgotten(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a.db")
    archive.upsert_portal("xa", "Xã", "Đắk Nông", SITE + "/")
    notice(archive, "b", "Kế hoạch.", ["kh.pdf"])
    archive.store_attachment(f"{SITE}/kh.pdf", b"%PDF-1.4 kh", "application/pdf")
    (first,) = pending_attachments(archive)
    store_document(archive, first, read("Kế hoạch năm"))
    notice(archive, "b", "Kế hoạch, sửa lại.", ["kh.pdf", "phu-luc.pdf"])  # an edited notice
    assert forget_orphans(archive) == 1
    assert archive.db.execute("SELECT count(*) FROM documents").fetchone() == (0,)
    assert archive.db.execute("SELECT count(*) FROM documents_fts").fetchone() == (0,)
    archive.close()
