"""Reading official documents (issue 23) on files we generate: text layers, scans (OCR with
Tesseract's Vietnamese model), .docx; every field of every document; hostile files recorded with
a reason, in a child process that cannot hang the caller."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable

import pytest

from portal_archive.documents import Limits, parse_fields, read_document
from portal_archive.documents.fields import DocumentFields
from portal_archive.documents.isolated import read_isolated
from portal_archive.documents.reader import sniff
from tests.unit.documents_fixtures import (
    DECISION,
    LETTER,
    SAMPLES,
    Sample,
    damaged_pdf,
    docx_file,
    huge_page_pdf,
    page_count_bomb,
    scanned_pdf,
    scanned_png,
    text_pdf,
)

FORMATS: dict[str, tuple[Callable[[Sample], bytes], str]] = {
    "text-pdf": (text_pdf, "pdf"),
    "docx": (docx_file, "docx"),
    "scanned-pdf": (scanned_pdf, "ocr"),
    "scanned-png": (scanned_png, "ocr"),
}


def expected_fields(sample: Sample) -> DocumentFields:
    return DocumentFields(
        doc_type=sample.doc_type,
        number=sample.number,
        issuer=sample.issuer_expected,
        place=sample.place,
        issued_on=sample.issued_on,
        subject=sample.subject_expected,
        signer=sample.signer,
        signer_position=sample.signer_position,
    )


def word_accuracy(expected: list[str], read: str) -> float:
    """Share of the page's words (diacritics and case kept) found in the text read, each as
    often as it is printed: columns read side by side change the order, not the words."""
    wanted = Counter(expected)
    found = Counter(read.split())
    return sum((wanted & found).values()) / sum(wanted.values())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc_type)
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_field_of_every_generated_document(sample: Sample, fmt: str) -> None:
    make, source = FORMATS[fmt]
    result = read_document(make(sample), f"van-ban.{fmt.split('-')[-1]}")
    assert result.text_source == source, result.reason
    assert parse_fields(result.text) == expected_fields(sample)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.doc_type)
def test_ocr_reads_our_scans_with_diacritics(sample: Sample) -> None:
    result = read_document(scanned_pdf(sample))
    assert result.text_source == "ocr"
    assert result.ocr_pages == 1
    assert word_accuracy(sample.words(), result.text) >= 0.95
    assert result.ocr_confidence is not None and result.ocr_confidence > 80


def test_text_layer_is_not_ocrd() -> None:
    result = read_document(text_pdf(LETTER))
    assert (result.text_source, result.ocr_confidence, result.ocr_pages, result.pages) == (
        "pdf",
        None,
        0,
        1,
    )
    assert word_accuracy(LETTER.words(), result.text) == 1.0


def test_fields_from_the_notice_when_the_text_does_not_say() -> None:
    fields = parse_fields("Nội dung đính kèm", "Quyết định số 13/QĐ-UBND về việc thành lập tổ")
    assert (fields.doc_type, fields.number) == ("Quyết định", "13/QĐ-UBND")
    assert parse_fields("Số: 13/NQ-CP").doc_type == "Nghị quyết"


def test_number_with_year_and_spaces_and_ocr_tone_styles() -> None:
    fields = parse_fields("Số : 102 / 2020 / NĐ - CP\nHà Nội, ngày 01 tháng 9 năm 2020")
    assert (fields.number, fields.doc_type, fields.place, fields.issued_on) == (
        "102/2020/NĐ-CP",
        "Nghị định",
        "Hà Nội",
        "2020-09-01",
    )


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (damaged_pdf(), "hong.pdf", "PDF not readable"),
        (text_pdf(DECISION, user_password="mat-khau"), "mat-khau.pdf", "password"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cu.doc", "Word 97-2003"),
        (b"Rar!\x1a\x07\x00" + bytes(100), "nen.rar", "compressed archive"),
        (b"", "rong.pdf", "empty file"),
        (b"<html><body>not found</body></html>", "loi.pdf", "not a known document format"),
    ],
)
def test_unreadable_files_are_recorded_with_a_reason(
    content: bytes, name: str, reason: str
) -> None:
    result = read_isolated(content, name)
    assert result.text_source == "unread"
    assert result.text == ""
    assert result.reason is not None and reason in result.reason


def test_page_count_bomb_is_read_only_up_to_the_limit() -> None:
    started = time.monotonic()
    result = read_isolated(page_count_bomb(20000), "bom.pdf", Limits(max_pages=200))
    assert time.monotonic() - started < 20
    assert result.pages == 20000
    assert result.text_source == "unread"
    assert result.reason is not None and "only the first 200 read" in result.reason


def test_huge_page_is_not_rendered() -> None:
    result = read_isolated(huge_page_pdf(), "to.pdf")
    assert result.text_source == "unread"
    assert result.reason is not None and "too large to OCR" in result.reason


def test_a_file_over_the_time_limit_is_stopped() -> None:
    started = time.monotonic()
    result = read_isolated(scanned_pdf(DECISION, pages=3), "cham.pdf", Limits(seconds=1.5))
    assert time.monotonic() - started < 10
    assert result.text_source == "unread"
    assert result.reason == "reading took over 2 s"


def test_a_reader_out_of_memory_is_one_reason() -> None:
    result = read_isolated(scanned_pdf(DECISION), "lon.pdf", Limits(memory_bytes=60_000_000))
    assert result.text_source == "unread"
    assert result.reason is not None
    assert "MemoryError" in result.reason or result.reason.startswith("reader crashed")


def test_a_file_over_the_size_limit_is_not_parsed() -> None:
    result = read_isolated(text_pdf(DECISION), "lon.pdf", Limits(max_bytes=1000))
    assert result.reason is not None and "over the limit of 1000" in result.reason


def test_format_is_sniffed_from_bytes_not_names() -> None:
    assert sniff(text_pdf(LETTER), "van-ban.doc") == "pdf"
    assert sniff(docx_file(LETTER), "van-ban.pdf") == "docx"
    assert sniff(scanned_png(LETTER), "van-ban.pdf") == "image"


def test_a_forwarding_letter_signed_on_its_first_page_with_a_handwritten_number() -> None:
    """The structure of a citizen-reception letter forwarding a petition: the number's digits
    and the day are handwritten (OCR reads noise), the signature block shares its lines with
    "Nơi nhận", the signer's name is lost in the stamp, and the handwritten petition follows on
    the next page, signed by the citizen (not the letter's signer)."""
    text = (
        "VĂN PHÒNG HĐND&UBND CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN HÒA SƠN Độc lập - Tự do - Hạnh phúc\n"
        "BAN TIẾP CÔNG DÂN\n"
        "Sóz⁄4§ /BTCD Hòa Sơn, ngày„4Ê. tháng 6 năm 2019\n"
        "V/v chuyển đơn của công dân\n"
        "Kính gửi: Ủy ban nhân dân xã Tân Phú.\n"
        "Ban Tiếp công dân huyện nhận được đơn của công dân.\n"
        "Nơi nhận: KT. TRƯỞNG BAN\n"
        "- Như trên; PHÓ TRƯỞNG BAN\n"
        "- Lưu: VT.\n"
        "\f\n"
        "Đơn kiến nghị\n"
        "Người làm đơn\n"
        "Lò Văn Páo\n"
    )
    assert parse_fields(text) == DocumentFields(
        doc_type="Công văn",
        number=None,
        issuer="BAN TIẾP CÔNG DÂN",
        place="Hòa Sơn",
        issued_on="2019-06",
        subject="chuyển đơn của công dân",
        signer=None,
        signer_position="PHÓ TRƯỞNG BAN",
    )
