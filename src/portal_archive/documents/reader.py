"""A file's text, in this process: PDFs through pypdfium2 (their text layer; pages without one
rendered and OCR'd), images OCR'd, .docx through python-docx; other formats unread with a reason.

Files are untrusted: run this through `isolated.read_isolated`, which adds the time limit, the
memory limit and a process that may crash. The limits on sizes and pages are checked here.
"""

from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from portal_archive.documents.ocr import OcrError, OcrPage, ocr_image

# Text sources (the `documents.text_source` column).
PDF = "pdf"
OCR = "ocr"
DOCX = "docx"
UNREAD = "unread"

# A page whose text layer has fewer visible characters than this is taken as a scan.
MIN_PAGE_CHARS = 30
SCAN_DPI = 300
# Between the pages of a text (pdftotext's convention): the fields look at the first page.
PAGE_BREAK = "\n\f\n"


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 50_000_000
    max_pages: int = 500  # pages whose text layer is read
    max_ocr_pages: int = 40  # pages OCR'd per file
    # A0 (841 x 1189 mm): a larger page is a bomb or a poster, not a document to OCR.
    max_page_points: float = 2384 * 3370
    max_image_pixels: int = 60_000_000
    seconds: float = 300.0  # the whole file, enforced by `isolated`
    page_seconds: float = 120.0  # one OCR'd page
    memory_bytes: int = 2_000_000_000  # the reading process's address space, by `isolated`


@dataclass
class DocumentText:
    """What reading a file gave: its text and how it was got, or why there is none."""

    text: str = ""
    text_source: str = UNREAD
    ocr_confidence: float | None = None
    pages: int | None = None
    reason: str | None = None
    ocr_pages: int = 0
    seconds: float = 0.0
    # Notes on a partial read (pages over a limit, a page that failed OCR); joined into `reason`.
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "text_source": self.text_source,
            "ocr_confidence": self.ocr_confidence,
            "pages": self.pages,
            "reason": self.reason,
            "ocr_pages": self.ocr_pages,
            "seconds": self.seconds,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentText:
        return cls(**{k: data[k] for k in cls().as_dict() if k in data})


def unread(reason: str, pages: int | None = None) -> DocumentText:
    return DocumentText(reason=reason, pages=pages)


def sniff(content: bytes, name: str = "") -> str:
    """The format by its first bytes (a portal's Content-Type and extension often lie)."""
    head = content[:8]
    lower = name.lower().rsplit("?", 1)[0]
    if content[:1024].lstrip().startswith(b"%PDF") or b"%PDF-" in content[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except zipfile.BadZipFile:
            return "zip"
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "ppt/presentation.xml" in names:
            return "pptx"
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):  # OLE2: .doc, .xls, .ppt
        for ext in ("doc", "xls", "ppt"):
            if lower.endswith("." + ext):
                return ext
        return "ole"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF8", b"BM")):
        return "image"
    if head.startswith((b"Rar!", b"7z\xbc\xaf")):
        return "archive"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    return "unknown"


UNREAD_FORMATS = {
    "doc": "Word 97-2003 (.doc): no well-kept Python reader",
    "xls": "Excel 97-2003 (.xls): no reader in this version",
    "xlsx": "Excel (.xlsx): no reader in this version",
    "ppt": "PowerPoint 97-2003 (.ppt): no reader",
    "pptx": "PowerPoint (.pptx): no reader in this version",
    "ole": "an Office 97-2003 file of unknown kind",
    "zip": "a zip archive, not a document",
    "archive": "a compressed archive (rar, 7z), not opened",
    "rtf": "RTF: no reader in this version",
    "unknown": "not a known document format",
}


def read_document(content: bytes, name: str = "", limits: Limits | None = None) -> DocumentText:
    """The text of one file, in this process. Never raises on a bad file: it is unread."""
    limits = limits or Limits()
    started = time.perf_counter()
    if len(content) > limits.max_bytes:
        result = unread(f"file of {len(content)} bytes over the limit of {limits.max_bytes}")
    elif not content:
        result = unread("empty file")
    else:
        kind = sniff(content, name)
        try:
            if kind == "pdf":
                result = _read_pdf(content, limits)
            elif kind == "docx":
                result = _read_docx(content, limits)
            elif kind == "image":
                result = _read_image(content, limits)
            else:
                result = unread(UNREAD_FORMATS[kind])
        except Exception as error:  # a malformed file of any kind is one reason, not a crash
            result = unread(f"{kind}: {type(error).__name__}: {error}"[:300])
    if result.notes:
        result.reason = "; ".join([*([result.reason] if result.reason else []), *result.notes])
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def _read_pdf(content: bytes, limits: Limits) -> DocumentText:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(content)
    except pdfium.PdfiumError as error:
        message = str(error)
        if "password" in message.lower():
            return unread("PDF protected by a password")
        return unread(f"PDF not readable: {message}"[:300])
    try:
        count = len(pdf)
        result = DocumentText(pages=count)
        if count > limits.max_pages:
            result.notes.append(f"{count} pages: only the first {limits.max_pages} read")
        texts: list[str] = []
        ocr_pages: list[OcrPage] = []
        skipped_scans = 0
        for index in range(min(count, limits.max_pages)):
            page = pdf[index]
            try:
                text = page.get_textpage().get_text_bounded().replace("\r\n", "\n")
                if _visible(text) >= MIN_PAGE_CHARS:
                    texts.append(text.strip())
                    continue
                has_image = any(
                    True
                    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
                )
                if not has_image:
                    if text.strip():
                        texts.append(text.strip())
                    continue
                if len(ocr_pages) >= limits.max_ocr_pages:
                    skipped_scans += 1
                    continue
                width, height = page.get_size()
                if width * height > limits.max_page_points:
                    result.notes.append(
                        f"page {index + 1} of {width:.0f} x {height:.0f} pt too large to OCR"
                    )
                    continue
                scale = min(SCAN_DPI / 72, (limits.max_image_pixels / (width * height)) ** 0.5)
                image = page.render(scale=scale, grayscale=True).to_pil()
                try:
                    scanned = ocr_image(image, limits.page_seconds)
                except OcrError as error:
                    result.notes.append(f"page {index + 1}: {error}")
                    continue
                ocr_pages.append(scanned)
                texts.append(scanned.text)
            finally:
                page.close()
        if skipped_scans:
            result.notes.append(
                f"{skipped_scans} scanned pages past the first {limits.max_ocr_pages} not OCR'd"
            )
    finally:
        pdf.close()
    result.text = PAGE_BREAK.join(t for t in texts if t)
    _mark_ocr(result, ocr_pages)
    if not _visible(result.text):
        result.text = ""
        result.text_source = UNREAD
        result.reason = result.reason or "PDF without text or scanned pages"
    return result


def _mark_ocr(result: DocumentText, pages: list[OcrPage]) -> None:
    words = sum(p.words for p in pages)
    result.ocr_pages = len(pages)
    if words:
        result.text_source = OCR
        total = sum((p.confidence or 0.0) * p.words for p in pages)
        result.ocr_confidence = round(total / words, 1)
    else:
        result.text_source = PDF


def _read_image(content: bytes, limits: Limits) -> DocumentText:
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    image = Image.open(io.BytesIO(content))
    frames = getattr(image, "n_frames", 1)
    result = DocumentText(pages=frames)
    pages: list[OcrPage] = []
    for index in range(min(frames, limits.max_ocr_pages)):
        image.seek(index)
        if image.width * image.height > limits.max_image_pixels:
            result.notes.append(f"image of {image.width} x {image.height} pixels too large")
            continue
        try:
            pages.append(ocr_image(image, limits.page_seconds))
        except OcrError as error:
            result.notes.append(f"page {index + 1}: {error}")
    if frames > limits.max_ocr_pages:
        result.notes.append(f"{frames} pages: only the first {limits.max_ocr_pages} OCR'd")
    result.text = PAGE_BREAK.join(p.text for p in pages if p.text)
    _mark_ocr(result, pages)
    if not _visible(result.text):
        result.text, result.text_source = "", UNREAD
        result.reason = "image without readable text"
    return result


def _read_docx(content: bytes, limits: Limits) -> DocumentText:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    # A zip bomb is refused before python-docx inflates it.
    inflated = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(content)).infolist())
    if inflated > limits.max_bytes * 4:
        return unread(f"docx inflating to {inflated} bytes over the limit")
    document = docx.Document(io.BytesIO(content))
    lines: list[str] = []
    # Body order: the header of an official letter is a table before the paragraphs.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                # Merged cells repeat; each text once, left to right, each on its own lines.
                lines.extend(dict.fromkeys(cell.text for cell in row.cells))
    text = "\n".join(line.strip() for line in lines if line.strip())
    if not text:
        return unread("docx without text")
    return DocumentText(text=text, text_source=DOCX)
