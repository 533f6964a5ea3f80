"""Official documents of our own, generated for the tests (never real files): the same page as a
PDF with a text layer, as a scan (a Pillow image of the page wrapped in a PDF, or a bare PNG), as a
.docx; and hostile files: damaged, a page-count bomb, a huge page, password-protected.

Each `Sample` says what the reader must find: the fields and the words of the page."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import docx
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
SERIF = FONT_DIR / "DejaVuSerif.ttf"
SERIF_BOLD = FONT_DIR / "DejaVuSerif-Bold.ttf"


@dataclass(frozen=True)
class Sample:
    """One generated document: its header, its body and the fields it must parse to."""

    issuer: tuple[str, ...]  # upper-case lines, parent body first
    number: str
    place: str
    issued_on: str  # ISO
    doc_type: str
    heading: str  # the type line as printed ("" for a công văn)
    subject: str
    body: tuple[str, ...]
    position_lines: tuple[str, ...]  # "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"
    signer: str
    signer_position: str
    issuer_expected: str = field(default="")

    @property
    def subject_expected(self) -> str:
        """The subject as parsed: without its "Về việc" or "V/v" lead."""
        return self.subject.removeprefix("Về việc ")

    def date_line(self) -> str:
        year, month, day = self.issued_on.split("-")
        return f"{self.place}, ngày {int(day)} tháng {int(month)} năm {year}"

    def subject_lines(self) -> list[str]:
        return [self.subject] if self.heading else [f"V/v {self.subject}"]

    def words(self) -> list[str]:
        """Every word the page shows, in reading order of each block."""
        lines = [
            *self.issuer,
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            f"Số: {self.number}",
            self.date_line(),
            *([self.heading] if self.heading else []),
            *self.subject_lines(),
            *self.body,
            *self.position_lines,
            self.signer,
        ]
        return " ".join(lines).split()


DECISION = Sample(
    issuer=("ỦY BAN NHÂN DÂN", "HUYỆN HÒA SƠN"),
    number="128/QĐ-UBND",
    place="Hòa Sơn",
    issued_on="2019-05-20",
    doc_type="Quyết định",
    heading="QUYẾT ĐỊNH",
    subject="Về việc phê duyệt dự toán ngân sách xã Tân Phú năm 2019",
    body=(
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Xét đề nghị của Trưởng phòng Tài chính - Kế hoạch huyện,",
        "Điều 1. Phê duyệt dự toán thu chi ngân sách xã Tân Phú năm 2019",
        "với tổng số tiền là một tỷ hai trăm triệu đồng.",
        "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.",
    ),
    position_lines=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
    signer="Trần Thị Bích Hạnh",
    signer_position="PHÓ CHỦ TỊCH",
    issuer_expected="ỦY BAN NHÂN DÂN HUYỆN HÒA SƠN",
)

LETTER = Sample(
    issuer=("SỞ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"),
    number="55/SLĐTBXH-VP",
    place="Gia Nghĩa",
    issued_on="2021-11-03",
    doc_type="Công văn",
    heading="",
    subject="tăng cường công tác chăm lo Tết cho người có công",
    body=(
        "Kính gửi: Ủy ban nhân dân các huyện, thành phố.",
        "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc chăm lo Tết Nguyên đán,",
        "Sở đề nghị các địa phương rà soát danh sách gia đình chính sách",
        "và báo cáo kết quả trước ngày 15 tháng 12 năm 2021.",
    ),
    position_lines=("GIÁM ĐỐC",),
    signer="Lê Văn Thành",
    signer_position="GIÁM ĐỐC",
    issuer_expected="SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
)

PLAN = Sample(
    issuer=("ỦY BAN NHÂN DÂN TỈNH", "THANH TRA TỈNH"),
    number="07/KH-TTr",
    place="Gia Nghĩa",
    issued_on="2023-01-09",
    doc_type="Kế hoạch",
    heading="KẾ HOẠCH",
    subject="Tiếp công dân định kỳ của lãnh đạo Thanh tra tỉnh năm 2023",
    body=(
        "Thực hiện Luật Tiếp công dân, Thanh tra tỉnh xây dựng kế hoạch như sau:",
        "Lãnh đạo Thanh tra tỉnh tiếp công dân vào ngày thứ Năm hằng tuần",
        "tại trụ sở Ban Tiếp công dân tỉnh, đường Hùng Vương.",
    ),
    position_lines=("CHÁNH THANH TRA",),
    signer="Phạm Quốc Dũng",
    signer_position="CHÁNH THANH TRA",
    issuer_expected="THANH TRA TỈNH",
)

SAMPLES = (DECISION, LETTER, PLAN)

# A4 in points; the text-layer PDF uses fpdf2's millimetres.
PAGE_MM = (210, 297)


def _text_pdf_page(pdf: FPDF, sample: Sample) -> None:
    pdf.add_page()
    pdf.set_font("serif", size=12)
    top = 20
    # The two header columns: issuer on the left, the national motto on the right.
    for i, line in enumerate(sample.issuer):
        pdf.set_xy(15, top + i * 6)
        pdf.cell(80, 6, line, align="C")
    for i, line in enumerate(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")):
        pdf.set_xy(95, top + i * 6)
        pdf.cell(105, 6, line, align="C")
    y = top + max(len(sample.issuer), 2) * 6 + 6
    pdf.set_xy(15, y)
    pdf.cell(80, 6, f"Số: {sample.number}", align="C")
    pdf.set_xy(95, y)
    pdf.cell(105, 6, sample.date_line(), align="C")
    y += 12
    if sample.heading:
        pdf.set_font("serif", style="B", size=14)
        pdf.set_xy(15, y)
        pdf.cell(180, 7, sample.heading, align="C")
        pdf.set_font("serif", size=12)
        y += 8
    for line in sample.subject_lines():
        pdf.set_xy(15, y)
        pdf.cell(180, 6, line, align="C" if sample.heading else "L")
        y += 8
    for line in sample.body:
        pdf.set_xy(15, y)
        pdf.cell(180, 6, line)
        y += 7
    y += 6
    for line in (*sample.position_lines, "", "", sample.signer):
        pdf.set_xy(110, y)
        pdf.cell(85, 6, line, align="C")
        y += 7


def _new_pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("serif", "", str(SERIF))
    pdf.add_font("serif", "B", str(SERIF_BOLD))
    pdf.set_auto_page_break(False)
    return pdf


def text_pdf(sample: Sample, user_password: str | None = None) -> bytes:
    """The document printed from a word processor: a PDF with a text layer."""
    pdf = _new_pdf()
    _text_pdf_page(pdf, sample)
    if user_password is not None:
        pdf.set_encryption(owner_password="chu-so-huu", user_password=user_password)
    return bytes(pdf.output())


def page_image(sample: Sample, dpi: int = 300) -> Image.Image:
    """The page as a scanner sees it: black text on white at `dpi`, slightly grey."""
    scale = dpi / 25.4  # pixels per millimetre
    size = (round(PAGE_MM[0] * scale), round(PAGE_MM[1] * scale))
    image = Image.new("L", size, 250)
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(SERIF), round(4.4 * scale))
    bold = ImageFont.truetype(str(SERIF_BOLD), round(5.0 * scale))

    def put(text: str, left: float, width: float, y: float, font: ImageFont.FreeTypeFont) -> None:
        x = left * scale
        if width:
            x += (width * scale - draw.textlength(text, font=font)) / 2
        draw.text((x, y * scale), text, fill=20, font=font)

    top = 20.0
    for i, line in enumerate(sample.issuer):
        put(line, 15, 80, top + i * 7, regular)
    for i, line in enumerate(("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")):
        put(line, 95, 105, top + i * 7, regular)
    y = top + max(len(sample.issuer), 2) * 7 + 7
    put(f"Số: {sample.number}", 15, 80, y, regular)
    put(sample.date_line(), 95, 105, y, regular)
    y += 14
    if sample.heading:
        put(sample.heading, 15, 180, y, bold)
        y += 9
    for line in sample.subject_lines():
        put(line, 15, 180 if sample.heading else 0, y, regular)
        y += 9
    for line in sample.body:
        put(line, 15, 0, y, regular)
        y += 8
    y += 8
    for line in (*sample.position_lines, "", "", sample.signer):
        if line:
            put(line, 110, 85, y, regular)
        y += 8
    return image


def scanned_pdf(sample: Sample, pages: int = 1) -> bytes:
    """The printed and signed page scanned back: a PDF of page images, no text layer."""
    pdf = _new_pdf()
    image = page_image(sample)
    for _ in range(pages):
        pdf.add_page()
        pdf.image(image, x=0, y=0, w=PAGE_MM[0], h=PAGE_MM[1])
    return bytes(pdf.output())


def scanned_png(sample: Sample) -> bytes:
    out = io.BytesIO()
    page_image(sample).save(out, format="PNG")
    return out.getvalue()


def docx_file(sample: Sample) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "\n".join(sample.issuer)
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    table.cell(1, 0).text = f"Số: {sample.number}"
    table.cell(1, 1).text = sample.date_line()
    if sample.heading:
        document.add_paragraph(sample.heading)
    for line in (*sample.subject_lines(), *sample.body, *sample.position_lines, sample.signer):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def damaged_pdf() -> bytes:
    """A text PDF cut in the middle, its cross-reference table lost."""
    whole = text_pdf(DECISION)
    return whole[: len(whole) // 3]


def page_count_bomb(pages: int = 20000) -> bytes:
    """Tiny in bytes, huge in pages: one shared empty page object referenced `pages` times."""
    kids = " ".join("3 0 R" for _ in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    return _assemble_pdf(objects)


def huge_page_pdf() -> bytes:
    """One scanned page of 5 by 5 metres: rendering it at scan resolution would take 3 billion
    pixels."""
    pdf = FPDF(format=(5000, 5000))
    pdf.add_page()
    pdf.image(Image.new("L", (50, 50), 200), x=0, y=0, w=5000, h=5000)
    return bytes(pdf.output())


def _assemble_pdf(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)
