"""The article body: chrome left inside it, images and captions, author line, text and HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import nh3
from lxml import etree

from portal_archive.model import Attachment, Image

from . import selectors as sel
from .text import caseless, clean, collapse, fold_case
from .tree import (
    Element,
    absolute_url,
    blocks,
    drop,
    has_text,
    is_style_center,
    is_style_right,
    raw_text,
    tag,
    text_of,
    xpath,
)

_DECORATIVE = re.compile(sel.DECORATIVE_IMAGE, re.IGNORECASE)
_VIEWS = re.compile(
    r"(?:" + "|".join(sel.VIEW_LABELS) + r")\s*:?\s*(\d{1,3}(?:[.,\u00a0 ]\d{3})+|\d+)",
    re.IGNORECASE,
)
# The same, searched in `fold_case(text)`: fast over a whole region's text (see `caseless`).
_VIEWS_FOLDED = caseless(_VIEWS.pattern)
_SOURCE = re.compile(sel.SOURCE_NOTE, re.IGNORECASE)
# A photo credit marks a caption: "(Ảnh: Minh Anh)", "Ảnh: TTXVN", "Photo: …".
_PHOTO_CREDIT = re.compile(r"(?:^|[\s(])(?:ảnh|photo)\s*:", re.IGNORECASE)
_AUTHOR_LABEL = re.compile(r"^\s*(?:" + "|".join(sel.AUTHOR_LABELS) + r")\s*:\s*", re.IGNORECASE)
_GLUED_NUMBER = re.compile(r"(?<=[^\d\s])\s*\d+\s*$")
_CHROME_TAG_SET = frozenset(sel.CHROME_TAGS)
_CHROME_CLASS_PART = re.compile("|".join(re.escape(part) for part in sel.CHROME_CLASS_PARTS))
_XML_SPACE = str.maketrans("\t\r\n", "   ")
_LEAF_BLOCKS = ["p", "div", "h2", "h3", "h4", "h5", "h6", "td", "li", "center", "blockquote"]

SANITISE_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "a", "img", "ul", "ol", "li", "table", "thead",
    "tbody", "tr", "td", "th", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure", "figcaption",
    "sub", "sup",
}  # fmt: skip
SANITISE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
}


def remove_chrome(region: Element) -> None:
    """Structural chrome: tags that never hold text, then the class/id/attribute rules.

    One walk over the region, attributes read once per element (see `sel.CHROME_CLASSES`).
    """
    doomed = [
        node
        for node in region.iterdescendants()
        if isinstance(node.tag, str) and (node.tag in _CHROME_TAG_SET or is_chrome(node))
    ]
    for node in doomed:
        if node.getparent() is not None:
            drop(node)
    for link in region.iter("a"):
        if is_script_link(link):
            _unlink(link)


def is_script_link(link: Element) -> bool:
    """A `javascript:`/`mailto:` or `onclick` link: what it does is not archived, its words are."""
    href = link.get("href")
    if href is not None and href.lstrip(" \t\r\n").startswith(sel.CHROME_LINK_HREF_PREFIXES):
        return True
    return link.get("onclick") is not None


def _unlink(link: Element) -> None:
    for attribute in ("href", "onclick"):
        link.attrib.pop(attribute, None)


def is_chrome(node: Element) -> bool:
    """True when `node` matches one of the `sel.CHROME` selectors."""
    if not node.keys():
        return False  # every rule reads an attribute; most elements carry none
    cls = node.get("class")
    if cls is not None and (
        _CHROME_CLASS_PART.search(cls)
        # XPath's normalize-space() splits on these four characters only.
        or not sel.CHROME_CLASSES.isdisjoint(cls.translate(_XML_SPACE).split(" "))
    ):
        return True
    ident = node.get("id")
    if ident is not None and (
        ident in sel.CHROME_IDS or any(part in ident for part in sel.CHROME_ID_PARTS)
    ):
        return True
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    style = node.get("style")
    if style is not None and sel.CHROME_HIDDEN_STYLE in style.replace(" ", ""):
        return True
    return node.tag == "a" and _is_chrome_link(node, cls, ident)


def _is_chrome_link(node: Element, cls: str | None, ident: str | None) -> bool:
    if cls is not None and any(part in cls for part in sel.CHROME_LINK_CLASS_PARTS):
        return True
    return node.get("name") in sel.CHROME_LINK_NAMES or ident in sel.CHROME_LINK_IDS


def remove_link_lists(body: Element) -> None:
    """Related-news boxes without a class: containers whose text is mostly links."""
    removed: set[Element] = set()
    for node in xpath(sel.LINK_LIST_CONTAINERS)(body):
        if any(a in removed for a in node.iterancestors()) or not _is_link_list(node):
            continue
        heading = _list_heading(node)
        if heading is not None:
            drop(heading)
        removed.add(node)
        drop(node)


def _is_link_list(node: Element) -> bool:
    links = [a for a in node.iter("a") if a.get("href")]
    if len(links) < sel.LINK_LIST_MIN_LINKS:
        return False
    total = len(collapse(raw_text(node)))
    linked = sum(len(collapse(raw_text(a))) for a in links)
    return total > 0 and linked / total > sel.LINK_DENSITY_LIMIT


def _list_heading(node: Element) -> Element | None:
    previous = node.getprevious()
    if previous is None or tag(previous) not in sel.LIST_HEADING_TAGS or is_style_right(previous):
        return None
    text = collapse(raw_text(previous))
    if not text or len(text) > sel.LIST_HEADING_MAX_CHARS or previous.find(".//img") is not None:
        return None
    if tag(previous).startswith("h") or text.endswith(":") or _all_bold(previous):
        return previous
    return None


def attachments(scope: Element, base: str) -> list[Attachment]:
    found: list[Attachment] = []
    seen: set[str] = set()
    for link in scope.iter("a"):
        href = (link.get("href") or "").strip()
        path = href.split("?", 1)[0].split("#", 1)[0].lower()
        if not path.endswith(sel.ATTACHMENT_EXTENSIONS):
            continue
        url = absolute_url(base, href)
        if url in seen:
            continue
        seen.add(url)
        title = text_of(link) or clean(path.rsplit("/", 1)[-1])
        found.append(Attachment(url=url, title=title))
    return found


def images(scope: Element, base: str) -> list[Image]:
    """Body images in document order with captions; caption elements leave the tree."""
    found: list[Image] = []
    for img in list(scope.iter("img")):
        src = (img.get("src") or "").strip()
        inline = src[:5].lower() == "data:"  # a pasted image: its URL is its bytes (issue 18)
        if not src or _is_decorative(img, "" if inline else src):
            drop(img)
            continue
        if not inline:
            img.set("src", absolute_url(base, src))
        caption = _caption(img, scope)
        found.append(Image(url=img.get("src"), caption=caption, alt=clean(img.get("alt") or "")))
    return found


def _is_decorative(img: Element, src: str) -> bool:
    if _DECORATIVE.search(src):
        return True
    for dimension in ("width", "height"):
        value = (img.get(dimension) or "").strip().rstrip("px")
        if value.isdigit() and int(value) <= sel.DECORATIVE_MAX_PX:
            return True
    return False


def _caption(img: Element, scope: Element) -> str:
    for finder in (_figcaption, _class_caption, _table_caption, _inline_caption, _next_caption):
        node = finder(img, scope)
        if node is not None:
            text = text_of(node)
            drop(node)
            return text
    return ""


def _figcaption(img: Element, scope: Element) -> Element | None:
    found = xpath(sel.FIGCAPTION)(img)
    return found[0] if found else None


def _class_caption(img: Element, scope: Element) -> Element | None:
    """`.caption` beside the image or its container, up to three levels up."""
    node = img
    for _ in range(3):
        if node is scope or node.getparent() is None:
            return None
        for sibling in node.itersiblings():
            if sel.CAPTION_CLASS in (sibling.get("class") or "").lower():
                return sibling
            if sibling.find(".//img") is not None:
                break
        node = node.getparent()
    return None


def _table_caption(img: Element, scope: Element) -> Element | None:
    """A small table: the image in one row, its caption in the row below."""
    row = next((a for a in img.iterancestors("tr")), None)
    if row is None or has_text(row):
        return None
    below = row.getnext()
    if below is None or below.find(".//img") is not None:
        return None
    return below if 0 < len(collapse(raw_text(below))) <= sel.CAPTION_MAX_CHARS else None


def _inline_caption(img: Element, scope: Element) -> Element | None:
    """`<p><img><br><em>caption</em></p>`: emphasised text in the image's own paragraph."""
    block = _block_of(img, scope)
    if block is None or block is img or len(block.findall(".//img")) != 1:
        return None
    text = collapse(raw_text(block))
    emphasised = [e for e in block.iter("em", "i") if has_text(e)]
    if text and emphasised and collapse(" ".join(raw_text(e) for e in emphasised)) == text:
        return emphasised[0] if len(emphasised) == 1 else None
    return None


def _next_caption(img: Element, scope: Element) -> Element | None:
    """A short paragraph right after the image's paragraph that reads as a caption: centred,
    italic or bold, or carrying a photo credit ("Ảnh: …"). A caption split over two such
    paragraphs (the first ending mid-sentence) is joined into the first."""
    block = _block_of(img, scope)
    if block is None or has_text(block):
        return None
    after = _caption_candidate(block.getnext())
    if after is None:
        return None
    rest = _caption_candidate(after.getnext())
    if rest is not None and _continues(collapse(raw_text(after)), collapse(raw_text(rest))):
        after.append(etree.Element("br"))
        after[-1].tail = raw_text(rest)
        drop(rest)
    return after


def _caption_candidate(node: Element | None) -> Element | None:
    if node is None or tag(node) not in ("p", "div") or node.find(".//img") is not None:
        return None
    text = collapse(raw_text(node))
    if not text or len(text) > sel.CAPTION_MAX_CHARS or is_style_right(node):
        return None  # right-aligned is a by-line's place, not a caption's
    if is_style_center(node) or _all_emphasised(node) or _all_bold(node):
        return node
    return node if _PHOTO_CREDIT.search(text) else None


def _continues(first: str, second: str) -> bool:
    """`second` carries on `first`'s sentence: `first` stops on a dash or comma, or `second`
    starts in lower case."""
    return first.endswith(("-", "–", ",")) or (second[:1].islower())


def _block_of(img: Element, scope: Element) -> Element | None:
    """The paragraph-level ancestor holding the image (the image itself if it is one)."""
    node = img
    while node.getparent() is not None and node.getparent() is not scope:
        if tag(node) in ("p", "div", "figure", "center"):
            return node
        node = node.getparent()
    return node


def _all_emphasised(node: Element) -> bool:
    text = collapse(raw_text(node))
    inner = " ".join(raw_text(e) for e in node.iter("em", "i") if e.getparent() is not None)
    return bool(text) and collapse(inner) == text


def _all_bold(node: Element) -> bool:
    text = collapse(raw_text(node))
    bold = [
        e
        for e in node.iter("strong", "b")
        if not any(a.tag in ("strong", "b") for a in e.iterancestors())
    ]
    return bool(text) and collapse(" ".join(raw_text(e) for e in bold)) == text


def lead_paragraph(body: Element) -> Element | None:
    """A first paragraph printed wholly in bold is the sapo."""
    node = next(_iter_leaf_blocks(body), None)  # only the first: no need to find them all
    if node is None or node.find(".//img") is not None:
        return None
    return node if _all_bold(node) and len(collapse(raw_text(node))) >= 40 else None


def split_author(text: str) -> tuple[str, int | None]:
    """'Minh Anh (Nguồn: Báo X)Lượt xem: 1.204' -> ('Minh Anh', 1204)."""
    views = _VIEWS_FOLDED.search(fold_case(text))  # positions are the same in `text`
    count = parse_count(views.group(1)) if views else None
    if views:
        text = text[: views.start()] + text[views.end() :]
    text = _SOURCE.sub(" ", text)
    text = _AUTHOR_LABEL.sub("", text)
    text = _GLUED_NUMBER.sub("", text)
    return clean(text).strip(" -–,|:"), count


def find_views(text: str) -> int | None:
    match = _VIEWS_FOLDED.search(fold_case(text))
    return parse_count(match.group(1)) if match else None


def parse_count(digits: str) -> int:
    """'1.204' and '1,204' are 1204: portals print a thousands separator, never decimals."""
    return int(re.sub(r"\D", "", digits))


def _iter_leaf_blocks(body: Element) -> Iterator[Element]:
    for node in body.iter(*_LEAF_BLOCKS):
        if node is body or not has_text(node):
            continue
        inner = (c for c in node.iter(*_LEAF_BLOCKS) if c is not node)
        if any(has_text(c) for c in inner):
            continue
        yield node


def remove_empty(body: Element) -> None:
    """Word's `&nbsp;` paragraphs and `<o:p>` shells."""
    for node in list(body.iter("p", "div", "span", "o:p", "font")):
        if node is body or node.getparent() is None:
            continue
        if not has_text(node) and node.find(".//img") is None:
            drop(node)


def body_text(body: Element) -> str:
    return "\n\n".join(blocks(body))


def body_html(body: Element, base: str) -> str:
    for link in body.iter("a"):
        href = link.get("href")
        if href and not href.strip().lower().startswith(("javascript:", "mailto:", "#")):
            link.set("href", absolute_url(base, href))
    inner = (body.text or "") + "".join(
        etree.tostring(child, method="html", encoding="unicode") for child in body
    )
    return clean_html_whitespace(_sanitise(inner))


_SANITISE_OPTIONS: dict[str, Any] = {
    "tags": SANITISE_TAGS,
    "attributes": SANITISE_ATTRIBUTES,
    "url_schemes": {"http", "https"},
    "link_rel": None,
}
# A reusable sanitiser (nh3 >= 0.3) spares building one per call (~60 µs a body).
_CLEANER = nh3.Cleaner(**_SANITISE_OPTIONS) if hasattr(nh3, "Cleaner") else None


def _sanitise(html: str) -> str:
    if _CLEANER is not None:
        return str(_CLEANER.clean(html))
    return str(nh3.clean(html, **_SANITISE_OPTIONS))


def clean_html_whitespace(html: str) -> str:
    r"""Each whitespace run holding a newline becomes one newline; the ends are stripped.

    The same as `re.sub(r"\s*\n\s*", "\n", html).strip()` (`str.strip` removes exactly what
    `\s` matches), line by line instead of a regex over the whole body.
    """
    return "\n".join(line for line in (part.strip() for part in html.split("\n")) if line)
