"""The fields of a Vietnamese official document (the layout of Decree 30/2020 and its
predecessors), from its text and the notice that links it.

The header is two columns: the issuing body on the left (its parent body above it), the national
motto on the right; then the number and symbol ("Số: 55/UBND-VP") left and place and date right;
then the type in capitals and the subject (trích yếu), or for a letter (công văn) the subject as
"V/v ..." under the number. The signature block ends the text: "TM."/"KT."/"TL." lines, the
position in capitals, the name. Text layers and OCR often put both columns on one line, so every
rule looks inside lines, not at whole lines."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

# Type heading as printed -> the type's name; symbols ("QĐ" in "128/QĐ-UBND") name it too.
DOC_TYPES = {
    "QUYẾT ĐỊNH": "Quyết định",
    "NGHỊ QUYẾT": "Nghị quyết",
    "NGHỊ ĐỊNH": "Nghị định",
    "CHỈ THỊ": "Chỉ thị",
    "KẾ HOẠCH": "Kế hoạch",
    "BÁO CÁO": "Báo cáo",
    "THÔNG BÁO": "Thông báo",
    "TỜ TRÌNH": "Tờ trình",
    "THÔNG TƯ": "Thông tư",
    "CÔNG ĐIỆN": "Công điện",
    "GIẤY MỜI": "Giấy mời",
    "CHƯƠNG TRÌNH": "Chương trình",
    "HƯỚNG DẪN": "Hướng dẫn",
    "QUY CHẾ": "Quy chế",
    "QUY ĐỊNH": "Quy định",
    "ĐỀ ÁN": "Đề án",
    "PHƯƠNG ÁN": "Phương án",
    "BIÊN BẢN": "Biên bản",
    "LỊCH CÔNG TÁC": "Lịch công tác",
    "KẾT LUẬN": "Kết luận",
    "CÔNG VĂN": "Công văn",
}
SYMBOL_TYPES = {
    "QĐ": "Quyết định",
    "NQ": "Nghị quyết",
    "NĐ": "Nghị định",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "TTr": "Tờ trình",
    "TT": "Thông tư",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "CTr": "Chương trình",
    "HD": "Hướng dẫn",
    "QC": "Quy chế",
    "ĐA": "Đề án",
    "PA": "Phương án",
    "BB": "Biên bản",
    "KL": "Kết luận",
}
MOTTO = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỘC LẬP - TỰ DO - HẠNH PHÚC",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
)
# First words of a body's name: a header line starting so names a new body (the issuer under its
# parent); other lines continue the name above ("HUYỆN HÒA SƠN" under "ỦY BAN NHÂN DÂN").
BODY_STARTS = (
    "ỦY BAN",
    "UỶ BAN",
    "UBND",
    "HĐND",
    "HỘI ĐỒNG",
    "SỞ",
    "BAN",
    "PHÒNG",
    "VĂN PHÒNG",
    "THANH TRA",
    "CHI CỤC",
    "CỤC",
    "TRUNG TÂM",
    "BỘ",
    "TỔNG CỤC",
    "ĐẢNG ỦY",
    "ĐẢNG BỘ",
    "HUYỆN ỦY",
    "TỈNH ỦY",
    "THÀNH ỦY",
    "CHÍNH PHỦ",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "ĐÀI",
    "BAN CHỈ ĐẠO",
    "LIÊN ĐOÀN",
    "HỘI",
    "ĐOÀN",
    "MẶT TRẬN",
    "CÔNG AN",
    "BỘ CHỈ HUY",
    "TÒA ÁN",
    "VIỆN KIỂM SÁT",
    "KHO BẠC",
    "CHI NHÁNH",
    "QUỸ",
)
# Signature-block prefixes: on behalf of (TM.), deputy for (KT.), by order of (TL., TUQ.),
# acting (Q.).
SIGN_PREFIX = re.compile(r"^(?:TM|KT|TL|TUQ|Q|THỪA LỆNH|THỪA ỦY QUYỀN)\s*[.:]\s*", re.IGNORECASE)
POSITION_WORDS = (
    "CHỦ TỊCH",
    "GIÁM ĐỐC",
    "TRƯỞNG",
    "CHÁNH",
    "BÍ THƯ",
    "THỦ TƯỚNG",
    "BỘ TRƯỞNG",
    "CỤC TRƯỞNG",
    "HIỆU TRƯỞNG",
    "CHỈ HUY",
    "TỔNG GIÁM ĐỐC",
    "THỨ TRƯỞNG",
    "PHÓ",
    "ỦY VIÊN",
    "THƯỜNG TRỰC",
    "KẾ TOÁN",
    "CHỦ NHIỆM",
)

_SYMBOL = r"[^\W\d_][^\W_]*(?:\s*[-–]\s*[^\W\d_][^\W_]*)*"
NUMBER_RE = re.compile(
    rf"\b[Ss][ốô]\s*(?:hiệu)?\s*[:.]?\s*(\d{{1,5}}\s*/\s*(?:\d{{4}}\s*/\s*)?{_SYMBOL})"
)
# The symbol alone, after a number written by hand that OCR cannot read ("Số: 2£9/TB-TTr").
SYMBOL_RE = re.compile(rf"\bS[ốôóo]\s*[:.]?\s*\S{{0,8}}?/\s*({_SYMBOL})")
# The day (and the number) are often written by hand on the printed page: OCR reads noise
# there, and the date keeps its month ("2019-06").
DATE_RE = re.compile(
    r"(?:((?:[^\W\d_]+\.?[ \t]+){0,4}[^\W\d_]+)[ \t]*[,.][ \t]*)?"
    r"ng[àa]y[ \t]*([^\n]{0,8}?)[ \t]*th[áa]ng[ \t]*(\d{1,2})[ \t]*n[ăa]m[ \t]*(\d{4})",
    re.IGNORECASE,
)
SUBJECT_RE = re.compile(r"^\s*(?:V/v|V/V|Về\s+việc)\s*[:.]?\s*(.+)$")
HEADER_LINES = 30
PETITIONER_RE = re.compile(r"Người (?:làm|viết|gửi) đơn|Người (?:khiếu nại|tố cáo|đề nghị)", re.I)
NAME_WORD = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+"
# Vietnamese family names: a signer's name is the last line ending in one followed by one to
# three given names (OCR of the stamp and signature above it leaves noise, never such a name).
FAMILY_NAMES = frozenset(
    [
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đào",
        "Đoàn",
        "Vương",
        "Trịnh",
        "Trương",
        "Lâm",
        "Phùng",
        "Mai",
        "Tô",
        "Hà",
        "Tạ",
        "Lương",
        "Đinh",
        "Cao",
        "Chu",
        "Lưu",
        "Kiều",
        "Quách",
        "Thái",
        "Triệu",
        "Văn",
        "Nông",
        "Lò",
        "Lục",
        "Hứa",
        "Tăng",
        "Từ",
        "Châu",
        "Khổng",
        "Thân",
        "Giang",
        "Diệp",
        "Mạc",
        "Ông",
        "Y",
        "H'",
    ]
)
NAME_RE = re.compile(rf"(?<![^\W\d_])((\w+)(?:\s+{NAME_WORD}){{1,3}})\s*[.,]?\s*$")
# A position in capitals at the end of a line (the signature block is the right column; the
# left one, "Nơi nhận: ...", shares its lines).
POSITION_RE = re.compile(r"((?:(?:TM|KT|TL|TUQ|Q)\s*\.\s*)?[A-ZĐÀ-Ỹ]{2,}(?:[ ]+[A-ZĐÀ-Ỹ]+)*)\s*$")


@dataclass(frozen=True)
class DocumentFields:
    doc_type: str | None = None
    number: str | None = None
    issuer: str | None = None
    place: str | None = None
    issued_on: str | None = None
    subject: str | None = None
    signer: str | None = None
    signer_position: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _symbol_like(word: str) -> bool:
    """ "UBND", "TTr": two capitals or more and no dot (unlike "TP." before a city)."""
    capitals = sum(c.isupper() for c in word)
    return (capitals >= 2 or capitals == len(word) == 1) and not word.endswith(".")


def _remove_motto(line: str) -> str:
    upper = line.upper()
    for phrase in MOTTO:
        pattern = r"\s*[-–]\s*".join(re.escape(p) for p in phrase.split(" - "))
        found = re.search(pattern.replace(r"\ ", r"\s+"), upper)
        if found:
            line = line[: found.start()] + " " + line[found.end() :]
            upper = line.upper()
    return line.strip()


def _number(text: str, header: bool = True) -> str | None:
    """The number and symbol: in a document's header "Số:" is capitalised (a lower-case "số"
    cites another document in the text); in a notice's title either."""
    found = next((f for f in NUMBER_RE.finditer(text) if not header or f.group(0)[0] == "S"), None)
    if not found:
        return None
    return re.sub(r"\s+", "", found.group(1)).replace("–", "-")


def _symbol(text: str) -> str | None:
    found = SYMBOL_RE.search(text)
    return re.sub(r"\s+", "", found.group(1)).replace("–", "-") if found else None


def _issued(text: str) -> tuple[str | None, str | None]:
    for found in DATE_RE.finditer(text):
        day_text, month, year = found.group(2), int(found.group(3)), int(found.group(4))
        if not (1 <= month <= 12 and 1945 <= year <= 2100):
            continue
        day = int(day_text) if day_text.isdigit() else 0
        issued = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if 1 <= day <= 31 else "")
        place = found.group(1)
        if place:
            words = place.split()
            # Not the symbol's last part ("UBND" of "128/QĐ-UBND Hòa Sơn").
            while len(words) > 1 and _symbol_like(words[0]):
                words.pop(0)
            place = " ".join(words) or None
        if place and not place[0].isupper():
            place = None
        return place, issued
    return None, None


def _is_heading(line: str) -> bool:
    return _remove_motto(line).strip() in DOC_TYPES


def _issuer(header: list[str]) -> str | None:
    names: list[list[str]] = []
    for raw in header:
        line = _remove_motto(raw)
        line = re.sub(r"[-_=*.…]{3,}", " ", line).strip(" -_")
        if not line or not _is_upper(line):
            continue
        if not names or any(line.startswith(start + " ") or line == start for start in BODY_STARTS):
            names.append([line])
        else:
            names[-1].append(line)
    if not names:
        return None
    return " ".join(" ".join(names[-1]).split())


def _doc_type(lines: list[str], symbol: str | None, title: str) -> str | None:
    for line in lines[:40]:
        bare = _remove_motto(line).strip()
        if bare in DOC_TYPES:
            return DOC_TYPES[bare]
    for part in re.split(r"[-/]", symbol or ""):
        if part in SYMBOL_TYPES:
            return SYMBOL_TYPES[part]
    upper_title = title.upper()
    for heading, name in DOC_TYPES.items():
        if upper_title.startswith(heading):
            return name
    return None


def _continues(line: str) -> bool:
    """A wrapped subject goes on mid-sentence ("lãnh đạo các Sở, ..."); the text after it
    starts a sentence ("Kính gửi:", "Căn cứ ...", "Thực hiện ...")."""
    return bool(line) and (line[0].islower() or line[0].isdigit() or line[0] in "(-–")


def _subject(lines: list[str], doc_type: str | None) -> str | None:
    for index, line in enumerate(lines[:40]):
        found = SUBJECT_RE.match(line)
        if found:
            parts = [found.group(1)]
            # A subject wraps onto the next lines until a blank line or the letter's start.
            for follow in lines[index + 1 : index + 3]:
                if not follow.strip() or not _continues(follow.strip()):
                    break
                parts.append(follow.strip())
            return " ".join(" ".join(parts).split()).rstrip(".")
        bare = _remove_motto(line).strip()
        if bare in DOC_TYPES and index + 1 < len(lines):
            # OCR leaves a blank line under the heading; the subject is the next one or two.
            following = [f.strip() for f in lines[index + 1 : index + 5] if f.strip()][:2]
            parts = []
            for follow in following:
                if not follow or re.match(r"(Kính gửi|Căn cứ)\b", follow):
                    break
                if parts and not _continues(follow):
                    break
                parts.append(follow)
            if parts:
                subject = " ".join(" ".join(parts).split())
                found = SUBJECT_RE.match(subject)
                return (found.group(1) if found else subject).rstrip(".")
    return None


def _signature(lines: list[str]) -> tuple[str | None, str | None]:
    tail = [line.strip() for line in lines[-30:] if line.strip()]
    position: str | None = None
    position_at = -1
    for index, line in enumerate(tail):
        found = POSITION_RE.search(line)
        if not found:
            continue
        candidate = SIGN_PREFIX.sub("", found.group(1)).strip()
        if any(candidate.startswith(word) for word in POSITION_WORDS) and len(candidate) <= 60:
            # The last position line is the signer's own ("PHÓ CHỦ TỊCH" under "KT. CHỦ TỊCH").
            position, position_at = candidate, index
    signer = None
    for index, line in enumerate(tail[position_at + 1 :], start=position_at + 1):
        found = NAME_RE.search(line)
        # Not the citizen who signs an enclosed petition ("Người làm đơn").
        if (
            found
            and found.group(2) in FAMILY_NAMES
            and not PETITIONER_RE.search(" ".join(tail[max(0, index - 3) : index]))
        ):
            signer = found.group(1)
    return signer, position


def parse_fields(text: str, title: str = "") -> DocumentFields:
    """The fields of the document whose text (first page first) is `text`; `title` is the
    notice's title, used when the text does not say the type."""
    text = _nfc(text)
    title = _nfc(title)
    lines = text.splitlines()
    first_page = text[:4000]
    number = _number(first_page) or _number(title, header=False)
    # The header: up to the number, the date or the type heading, whichever comes first. A date
    # is the document's only there (a handwritten day leaves only dates the text cites).
    header_end = next(
        (
            i
            for i, line in enumerate(lines[:HEADER_LINES])
            if NUMBER_RE.search(line) or DATE_RE.search(line) or _is_heading(line)
        ),
        min(len(lines), 8),
    )
    place, issued_on = _issued("\n".join(lines[: header_end + 2]))
    symbol = number.split("/")[-1] if number else _symbol(first_page)
    doc_type = _doc_type(lines, symbol, title)
    subject = _subject(lines, doc_type)
    if doc_type is None and subject is not None and any(SUBJECT_RE.match(x) for x in lines[:40]):
        doc_type = "Công văn"
    # A short letter is signed on its first page; a longer document on its last.
    pages = text.split("\f")
    signer, position = _signature(pages[0].splitlines())
    if signer is None and len(pages) > 1:
        last_signer, last_position = _signature(pages[-1].splitlines())
        if last_signer is not None or position is None:
            signer, position = last_signer, last_position
    return DocumentFields(
        doc_type=doc_type,
        number=number,
        issuer=_issuer(lines[:header_end]),
        place=place,
        issued_on=issued_on,
        subject=subject,
        signer=signer,
        signer_position=position,
    )
