"""Where an article ends, and the short lines that close it: by-line, source, view counter.

The body ends at the first tool or list line after its prose: a view counter ("Số lượt người
xem: 13"), print/back links, share buttons, a "Tin đã đưa" / "Các tin khác" list, a "xem chi
tiết tại đây" pointer. Before that end, short trailing lines centred, right-aligned or bold are
the by-line, and "Theo: …" / "Nguồn: …" names the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import selectors as sel
from .body import find_views, split_author
from .paragraphs import Unit, cut_element, cut_from, is_bold, starts_bold, units
from .text import clean
from .tree import Element, drop, is_style_center, is_style_right

TOOL_LINE_MAX = 100  # characters: a tool or list heading is a short line
TRAILING_LINE_MAX = 90
TRAILING_LINES = 3
LIST_LABEL_MAX = 40
POSTING_LINE_MAX = 200
BYLINE_WORDS, BYLINE_MAX = 12, 60  # a name and an office, without a source note
LINK_LINE_SHARE = 0.9  # a by-line is a name and an office, at most three lines

_TOOL_LINES = re.compile(
    r"^(?:"
    r"(?:số\s+)?lượt\s+(?:người\s+)?(?:xem|truy\s+cập|đọc)"
    r"|số\s+lần\s+xem|bản\s+in|in\s+bài(?:\s+viết)?|in\s+trang|quay\s+(?:lại|về)|trở\s+về"
    r"|gửi\s+(?:email|bài|cho\s+bạn)|chia\s+sẻ|lên\s+đầu\s+trang"
    r"|(?:các\s+)?tin\s+(?:đã\s+đưa|mới\s+hơn|cũ\s+hơn|khác|liên\s+quan|cùng\s+(?:chuyên\s+mục|loại))"
    r"|(?:các\s+)?bài\s+(?:viết\s+)?(?:khác|liên\s+quan|cùng\s+chuyên\s+mục)"
    # "Xem chi tiết tại đây" alone points away; "Xem chi tiết văn bản tại đây: …" is body.
    r"|xem\s+(?:chi\s+tiết|tiếp|thêm|toàn\s+văn)\s+(?:tại|ở)\s+đây\s*$"
    r"|\d+\s+(?:bình\s+luận|comments?)|bình\s+luận\s*\(\d+\)"
    r"|share\s+this|related\s+(?:links|news|articles|stories)|print\s+this|back\s+to\s+top"
    r")\b",
    re.IGNORECASE,
)
# Press releases close with a labelled contact block and notes for editors, at any length.
_CLOSING_BLOCK = re.compile(
    r"^(?:for\s+more\s+information|để\s+biết\s+thêm\s+thông\s+tin)[^:.]{0,40}:"
    r"|^(?:notes?\s+(?:for|to)\s+editors|ghi\s+chú\s+(?:gửi|cho|dành\s+cho)\s+biên\s+tập(?:\s+viên)?)"
    r"\s*:",
    re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"^\(?\s*" + sel.SOURCE_LABEL + r"\s*(?::\s*|\s+)(?P<source>.+?)\s*\)?\s*$",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(r"^(?:" + "|".join(sel.AUTHOR_CREDITS) + r")\s*:?\s+\S", re.IGNORECASE)
_NAME_WORD = re.compile(r"[^\W\d_]{2}")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_VIEWS_ONLY = re.compile(r"^\D{0,40}\d[\d.,\s]*$")


@dataclass
class Ending:
    """What the closing lines held."""

    author: str = ""
    source: str = ""
    views: int | None = None
    category: str = ""
    time_text: str = ""  # a posting line's time of day ("Đăng lúc 9:20 SA bởi …")


def cut_at_tools(body: Element) -> Ending:
    """Cut the body at its first tool or list line after some prose.

    Returns what the cut-off part showed of the article: the view count on the tool line, and a
    labelled or classed by-line or a source line below a related list.
    """
    _cut_closing_block_in_paragraph(body)
    stream = units(body)
    seen_prose = pointed = False
    for at, unit in enumerate(stream):
        # A document notice's body is its pointer to the file: a list below it still goes.
        listed = pointed and not seen_prose and unit.link_chars > len(unit.text) / 2
        if listed or ((seen_prose or pointed) and is_tool_line(unit.text)):
            found = Ending(views=find_views(unit.text))
            _read_below(stream[at + 1 :], found)
            cut_from(unit, body)
            return found
        seen_prose = seen_prose or unit.is_prose
        pointed = pointed or is_pointer_line(unit.text)
    return Ending()


_POINTER_LINE = re.compile(
    r"^(?:xem\s+(?:chi\s+tiết|toàn\s+văn|nội\s+dung)(?:\s+(?:văn\s+bản|file|tệp|tài\s+liệu))?"
    r"|tải\s+(?:về|file|tệp)(?:\s+(?:đính\s+kèm|văn\s+bản))?|file\s+đính\s+kèm|tệp\s+đính\s+kèm"
    r"|download|view\s+(?:the\s+)?(?:full\s+)?(?:document|file|details))"
    r"(?:\s+(?:tại|ở)\s+đây|\s+here)?\s*[:.]?\s*$",
    re.IGNORECASE,
)


def is_pointer_line(text: str) -> bool:
    """ "Xem chi tiết tại đây", "Tải về", "File đính kèm:": a line that only points to a file."""
    return len(text) <= TOOL_LINE_MAX and bool(_POINTER_LINE.match(text))


def drop_pointer_lines(body: Element) -> None:
    """A document notice's body keeps its words, not its "see the file here" lines."""
    for unit in units(body):
        if unit.whole and unit.node is not body and is_pointer_line(unit.text):
            drop(unit.node)


def _cut_closing_block_in_paragraph(body: Element) -> None:
    """ "…last sentence.<br><br><strong>For more information, please contact:</strong><br>…": a
    contact block that starts on a new line inside the last paragraph."""
    for label in body.iter("strong", "b"):
        before = label.getprevious()
        if before is None or before.tag != "br" or (before.tail or "").strip():
            continue
        if _CLOSING_BLOCK.match(clean(" ".join(label.itertext()))):
            parent = label.getparent()
            cut_element(label, body)
            while len(parent) and parent[-1].tag == "br" and not (parent[-1].tail or "").strip():
                parent.remove(parent[-1])
            return


def is_tool_line(text: str) -> bool:
    if _CLOSING_BLOCK.match(text):
        return True
    return len(text) <= TOOL_LINE_MAX and bool(_TOOL_LINES.match(text))


def _read_below(rest: list[Unit], found: Ending) -> None:
    for unit in rest:
        if len(unit.text) > TRAILING_LINE_MAX or unit.link_chars > len(unit.text) / 2:
            continue
        labelled = _AUTHOR_LABEL.match(unit.text) or _CREDIT_LINE.match(unit.text)
        if not found.author and (labelled or _classed_author(unit)):
            found.author, views = split_author(unit.text)
            found.source = found.source or source_in(unit.text)
            found.views = found.views if found.views is not None else views
        elif not found.source and source_of(unit.text):
            found.source = source_of(unit.text)


def take_closing_lines(body: Element, bylines: bool = True) -> Ending:
    """Remove the trailing source, counter and by-line lines from the body, and read them.

    With `bylines=False` (a family read the author elsewhere) only source and counter lines go.
    """
    ending = Ending()
    stream = units(body)
    authors: list[Unit] = []
    for unit in reversed(stream):
        source = source_of(unit.text)
        if not _has_word(unit.text):
            pass  # a separator left over from a tool row ("|", "-")
        elif source and not ending.source and not authors:
            ending.source = source
        elif not authors and (_is_link_line(unit) or _is_list_label(unit.text)):
            pass  # a closing list of links (attachments, read already) and its label
        elif _VIEWS_ONLY.match(unit.text) and find_views(unit.text) is not None:
            ending.views = find_views(unit.text)
        elif not authors and not ending.time_text and _read_posting_line(unit.text, ending):
            pass
        elif bylines and len(authors) < TRAILING_LINES and _is_byline(unit, body):
            authors.append(unit)
        else:
            break
        cut_from(unit, body)
    ending.source = ending.source or next(
        (source_in(u.text) for u in authors if source_in(u.text)), ""
    )
    lines = [split_author(u.text) for u in reversed(authors)]
    ending.author = ", ".join(name for name, _ in lines if name) or ending.author
    ending.views = next((v for _, v in lines if v is not None), ending.views)
    return ending


def _is_link_line(unit: Unit) -> bool:
    """A line that is all link ("Tải về: <a>…</a>" keeps its label in the body)."""
    return unit.link_chars >= LINK_LINE_SHARE * len(unit.text)


def _is_list_label(text: str) -> bool:
    """ "Tệp đính kèm:", "Tải về:": a short label over the links that follow it."""
    return text.endswith(":") and len(text) <= LIST_LABEL_MAX


def _has_word(text: str) -> bool:
    return any(c.isalnum() for c in text)


# Blog posts sign off with a posting line: "Đăng lúc 9:20 SA bởi Minh Anh | Thể loại: Tin tức"
# (2010), "bởi Minh Anh lúc 14:35 trong Tin tức" (2013), "Posted at 9:20 AM by Minh Anh".
_CLOCK = r"(?P<time>\d{1,2}:\d{2}(?:\s*(?:SA|CH|AM|PM))?)"
_POSTING_LINE = re.compile(
    rf"^(?:(?:đăng|posted)\s+(?:lúc|at)\s+{_CLOCK}\s+(?:bởi|by)\s+(?P<author>[^|]+?)"
    r"(?:\s*\|\s*(?:thể\s+loại|category|categories)\s*:\s*(?P<category>[^|]+?))?(?:\s*\|.*)?"
    rf"|(?:bởi|by)\s+(?P<author2>.+?)\s+(?:lúc|at)\s+{_CLOCK.replace('time', 'time2')}"
    r"(?:\s+(?:trong|in)\s+(?P<category2>.+?))?)\s*$",
    re.IGNORECASE,
)


def _read_posting_line(text: str, ending: Ending) -> bool:
    match = _POSTING_LINE.match(text) if len(text) <= POSTING_LINE_MAX else None
    if match is None:
        return False
    ending.time_text = match["time"] or match["time2"] or ""
    ending.category = clean(match["category"] or match["category2"] or "")
    ending.author = clean(match["author"] or match["author2"] or "")
    return True


def source_of(text: str) -> str:
    """'Theo: http://baomoi.vn' -> 'http://baomoi.vn'; '' when the line is not a source credit."""
    if len(text) > TRAILING_LINE_MAX:
        return ""
    match = _SOURCE_LINE.match(text)
    if match is None:
        return ""
    source = clean(match.group("source")).strip(" .:-–")
    has_colon = ":" in text[: match.start("source")]
    if has_colon or _URLISH.match(source) or len(source.split()) <= 4:
        return source
    return ""


_AUTHOR_LABEL = re.compile(r"^(?:" + "|".join(sel.AUTHOR_LABELS) + r")\s*:", re.IGNORECASE)
_SOURCE_NOTE = re.compile(
    r"\(\s*" + sel.SOURCE_LABEL + r"\s*:\s*(?P<source>[^)]+)\)", re.IGNORECASE
)


def source_in(text: str) -> str:
    """The "(Nguồn: …)" credit inside an author line."""
    match = _SOURCE_NOTE.search(text)
    return clean(match.group("source")) if match else ""


def _is_byline(unit: Unit, body: Element) -> bool:
    text = unit.text
    bare = _SOURCE_NOTE.sub("", text).strip()  # "Minh Anh (Nguồn: …)": the name is what counts
    if len(text) > TRAILING_LINE_MAX or len(bare.split()) > BYLINE_WORDS or len(bare) > BYLINE_MAX:
        return False
    if text.endswith((".", "?", "!", ":", ";")) and "(" not in text:
        return False
    if not _NAME_WORD.search(bare):
        return False  # a table's figures ("15.9%"), not a name
    node = unit.node
    aligned = any(is_style_right(n) or is_style_center(n) for n in (node, *_up_to(node, body)))
    if aligned or _AUTHOR_LABEL.match(text) or _CREDIT_LINE.match(text):
        return True
    if _classed_author(unit):
        return True
    return unit.whole and (is_bold(node, text) or starts_bold(node))


def _classed_author(unit: Unit) -> bool:
    marks = f"{unit.node.get('class') or ''} {unit.node.get('id') or ''}".lower()
    return unit.whole and any(word in marks for word in sel.AUTHOR_CLASS_WORDS)


def _up_to(node: Element, body: Element) -> list[Element]:
    out = []
    for ancestor in node.iterancestors():
        if ancestor is body:
            break
        out.append(ancestor)
    return out
