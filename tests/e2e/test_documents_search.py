"""Issue 23 end to end: notices with attached files in a real archive, `portal-archive documents`
reads them (a scan by OCR, a text PDF, a .docx, a damaged file), a second run reads nothing, and
Datasette's `document_search` finds a notice by a phrase of its scanned page."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal_archive.archive import Archive
from tests.e2e.local_server import serving_archive
from tests.unit.documents_fixtures import (
    DECISION,
    LETTER,
    PLAN,
    damaged_pdf,
    docx_file,
    scanned_pdf,
    text_pdf,
)

SITE = "https://hoason.example"
SCAN = scanned_pdf(DECISION)  # the same bytes twice (fpdf2 dates each file it writes)
# Notice -> its attached files (name, bytes). The scan is attached to two notices: read once.
NOTICES = {
    "quyet-dinh": ("Quyết định phê duyệt dự toán", [("qd.pdf", SCAN)]),
    "cong-van": ("Công văn về chăm lo Tết", [("cv.pdf", text_pdf(LETTER)),
                                             ("hong.pdf", damaged_pdf())]),
    "ke-hoach": ("Kế hoạch tiếp công dân", [("kh.docx", docx_file(PLAN))]),
    "tin-lai": ("Tin đăng lại quyết định", [("qd-ban-sao.pdf", SCAN)]),
}  # fmt: skip


def run_documents(db: Path, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "portal_archive.cli", "documents", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=240,
        check=True,
    )
    return done.stdout


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("documents") / "a.db"
    archive = Archive(db)
    archive.upsert_portal("hoason", "Hòa Sơn", "Đắk Nông", SITE + "/")
    for slug, (title, files) in NOTICES.items():
        record = {
            "url": f"{SITE}/{slug}",
            "title": title,
            "published": "2019-05-21",
            "body_text": "Xem văn bản đính kèm.",
            "body_html": "<p>Xem văn bản đính kèm.</p>",
            "attachments": [{"url": f"{SITE}/files/{name}", "title": name} for name, _ in files],
        }
        archive.store_article("hoason", record, datetime.now(UTC), None)  # type: ignore[arg-type]
        for name, content in files:
            archive.store_attachment(f"{SITE}/files/{name}", content, "application/pdf")
    archive.close()
    return db


@pytest.fixture(scope="module")
def read_db(archive_db: Path) -> Path:
    first = run_documents(archive_db)
    assert first.startswith(
        "read 5 documents (1 docx, 2 ocr, 1 pdf, 1 unread; 1 already read elsewhere), 1 pages"
    )
    assert run_documents(archive_db).startswith("read 0 documents")  # resumable: nothing left
    return archive_db


def rows(db: Path, sql: str) -> list[sqlite3.Row]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_attached_file_has_its_document_row(read_db: Path) -> None:
    found = {
        r["url"].rsplit("/", 1)[1]: r
        for r in rows(
            read_db,
            "SELECT t.url, d.* FROM documents d JOIN attachments t ON t.id = d.attachment_id",
        )
    }
    assert set(found) == {"qd.pdf", "qd-ban-sao.pdf", "cv.pdf", "hong.pdf", "kh.docx"}
    scan = found["qd.pdf"]
    assert (scan["text_source"], scan["pages"], scan["doc_type"], scan["number"]) == (
        "ocr",
        1,
        "Quyết định",
        "128/QĐ-UBND",
    )
    assert scan["ocr_confidence"] > 80 and scan["issued_on"] == "2019-05-20"
    assert scan["signer"] == "Trần Thị Bích Hạnh"
    assert found["qd-ban-sao.pdf"]["text"] == scan["text"]
    assert (found["cv.pdf"]["text_source"], found["cv.pdf"]["doc_type"]) == ("pdf", "Công văn")
    assert (found["kh.docx"]["text_source"], found["kh.docx"]["issuer"]) == (
        "docx",
        "THANH TRA TỈNH",
    )
    damaged = found["hong.pdf"]
    assert damaged["text_source"] == "unread" and "PDF not readable" in damaged["reason"]


def test_all_reads_every_file_again(read_db: Path) -> None:
    assert run_documents(read_db, "--all", "--workers", "1").startswith("read 5 documents")
    assert len(rows(read_db, "SELECT 1 FROM documents")) == 5


@pytest.fixture(scope="module")
def served(read_db: Path) -> Iterator[str]:
    with serving_archive(read_db) as url:
        yield url


def document_search(base: str, q: str) -> list[dict]:
    path = "/archive/document_search.json?_shape=array&q=" + urllib.parse.quote(q)
    with urllib.request.urlopen(base + path, timeout=20) as response:
        return json.loads(response.read())


def test_a_phrase_of_a_scanned_page_finds_its_notice(served: str) -> None:
    hits = document_search(served, '"dự toán thu chi ngân sách xã Tân Phú"')
    assert {h["title"] for h in hits} == {"Quyết định phê duyệt dự toán", "Tin đăng lại quyết định"}
    assert all(h["text_source"] == "ocr" and "<mark>" in h["snippet"] for h in hits)
    # Without diacritics, đ included, as articles are searched.
    folded = document_search(served, "tong so tien mot ty hai tram trieu dong")
    assert {h["title"] for h in folded} == {h["title"] for h in hits}
    by_number = document_search(served, "55/SLĐTBXH-VP")
    assert [h["title"] for h in by_number] == ["Công văn về chăm lo Tết"]
    assert by_number[0]["file"].startswith("/-/archive/attachments/")
    with urllib.request.urlopen(served + by_number[0]["file"], timeout=10) as response:
        assert response.read().startswith(b"%PDF")
