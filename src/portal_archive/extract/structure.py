"""Finding the article by structure when no family's markup is known.

The ideas of readability and jusText, tuned to SharePoint: inside the content zone, the page is
read as a stream of paragraph units (a block element's own inline text). Paragraphs that are long
and not made of links vote for their parent (and half for their grandparent); the winner is the
body container. The headline is the heading-like unit closest before the body, the article block
is the smallest element holding both, and the date is the dated short line nearest the headline.
"""

from __future__ import annotations

import re
from dataclasses import replace

from . import selectors as sel
from .body import find_views, is_attachment_link
from .dates import FoundDate, find_date
from .paragraphs import Unit, is_bold, units, within
from .parts import Parts
from .text import clean, fold
from .tree import Element, Scan, drop, first, tag

MIN_ZONE_PROSE = 200  # characters of prose a content placeholder must hold to be the zone
TITLE_MIN, TITLE_MAX = 8, 300
DATE_LINE_MAX = 120
VIEWS_LINE_MAX = 120
DATE_WINDOW = 8  # how far from the headline, in paragraph units, a date line may sit
HEADLINE_WINDOW = 40  # paragraph units: a headline sits close above its body
_TITLE_WORDS = re.compile(r"title|tieude|tieu-de|tieu_de|heading|headline", re.IGNORECASE)
_LEAD_WORDS = ("sapo", "summary", "tomtat", "tom-tat", "lead", "description", "abstract")
_LARGE_FONT = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)(px|pt|em)", re.IGNORECASE)


# --- The body container -------------------------------------------------------------------------
def body_container(stream: list[Unit], zone: Element) -> Element | None:
    """The element whose paragraphs carry the most prose (parent full vote, grandparent half)."""
    votes: dict[Element, float] = {}
    for unit in stream:
        if not unit.is_prose or is_site_footer_line(unit.text):
            continue
        weight = min(len(unit.text), 1500)
        # A whole element is a paragraph: its parent holds the text. A run beside other blocks
        # (text split by `<br>`, not wrapped in `<p>`) makes its own element the container.
        parent = unit.node.getparent() if unit.whole else unit.node
        for share in (1.0, 0.5):
            if parent is None:
                break
            votes[parent] = votes.get(parent, 0.0) + weight * share
            if parent is zone:
                break
            parent = parent.getparent()
    if not votes:
        return None
    return max(votes, key=lambda n: votes[n])


# A portal's footer, in whatever markup: who runs the site, its licence, address and contacts.
_FOOTER_LINE = re.compile(
    r"^\W{0,3}(?:địa\s+chỉ|điện\s+thoại|đt|fax|e-?mail|giấy\s+phép|cơ\s+quan|chịu\s+trách"
    r"|bản\s+quyền|copyright|ghi\s+rõ\s+nguồn|trưởng\s+ban\s+biên\s+tập|address|phone|tel)\b",
    re.IGNORECASE,
)


def is_site_footer_line(text: str) -> bool:
    """A line of the site's footer ("Địa chỉ: …", "Giấy phép số …", "Cơ quan chủ quản: …")."""
    return len(text) <= FOOTER_LINE_MAX and bool(_FOOTER_LINE.match(text))


FOOTER_LINE_MAX = 200


# --- The headline -------------------------------------------------------------------------------
def headline(
    stream: list[Unit],
    start: int,
    container: Element,
    hints: tuple[str, ...],
    has_meta_title: bool = False,
) -> Unit | None:
    """The heading-like unit closest before the body's first paragraph (stream index `start`).

    Candidates lie after the last prose paragraph that precedes the body (a title belongs to the
    text right below it). A unit whose text the page's `og:title`/`<title>` also carries wins;
    then real headings and title classes; then bold or large short lines.
    """
    floor = next(
        (u.order for u in reversed(stream[:start]) if _is_long(u) and not is_lead_like(u)), -1
    )
    low = max(floor + 1, start - HEADLINE_WINDOW)
    window = [
        u for u in stream[low : start + 1] if _title_shaped(u) and not _heads_counter(stream, u)
    ]
    # A web part holds its article whole: a heading in another part (a sidebar's box title)
    # names that part.
    part = _webpart_of(container)
    if part is not None and any(within(u.node, part) for u in window):
        window = [u for u in window if within(u.node, part)]
    # A page that names itself in `og:title` trusts no bold line over that name: the bold line
    # under an unrendered title field is the deck.
    ranks = (_matches_hint, _is_heading) + (() if has_meta_title else (_is_styled_title,))
    for rank in ranks:
        ranked = [u for u in window if rank(u, hints)]
        if ranked:
            return ranked[-1]
    after = stream[start : start + HEADLINE_WINDOW]
    inside = [u for u in after if _is_heading(u, hints) and _title_shaped(u)]
    inside = [u for u in inside if within(u.node, container)]
    # A heading below the body's first paragraph is one of its sub-headings, unless the page's
    # own title names it.
    return next((u for u in inside if _is_page_title(u, hints) or not hints), None)


def _is_page_title(unit: Unit, hints: tuple[str, ...]) -> bool:
    """The page's own title, not a few of its words ("Challenges" under "… and Challenges")."""
    folded = fold(unit.text)
    return any(folded == h or (folded in h and 2 * len(folded) >= len(h)) for h in hints)


def _meta_title(root: Element) -> str:
    values = root.xpath("//meta[@property='og:title']/@content")
    return clean(str(values[0])) if values else ""


def _titled_by_meta(title: str, stream: list[Unit], container: Element) -> Unit | None:
    """A block that shows no headline above its text: the page's `og:title` names it (a
    publishing page whose title field is not rendered). The unit stands just before the block's
    first line, so header lines (numbers, dates) are read as such."""
    first_line = next((u for u in stream if within(u.node, container)), None)
    if not TITLE_MIN <= len(title) <= TITLE_MAX or first_line is None:
        return None
    return Unit(node=container, text=title, link_chars=0, order=first_line.order - 1)


_BARE_NUMBER = re.compile(r"^\d[\d.,\s]*$")


def _link_of(node: Element) -> str:
    """The href of the link the headline is, or sits in."""
    for element in (*node.iterancestors("a"), *node.iter("a")):
        href = (element.get("href") or "").strip()
        if href and not href.startswith(("#", "javascript:")):
            return href
    return ""


def _webpart_of(node: Element) -> Element | None:
    """The web part's body the element sits in (`ms-WPBody`, a 2010 zone cell), if any."""
    for element in (node, *node.iterancestors()):
        cls = element.get("class") or ""
        if "ms-WPBody" in cls or (element.get("id") or "").startswith("MSOZoneCell_"):
            return element
    return None


def _heads_counter(stream: list[Unit], unit: Unit) -> bool:
    """A widget's title over its digits ("Số lượt truy cập", then 0 1 2 …) or a box's title over
    its links ("Tin chuyên ngành", then linked titles), not a headline."""
    after = stream[unit.order + 1 : unit.order + 1 + BOX_LINKS]
    if after and _BARE_NUMBER.match(after[0].text):
        return True
    return len(after) == BOX_LINKS and all(
        u.link_chars > len(u.text) / 2 and len(u.text) >= MIN_LINKED_TITLE for u in after
    )


BOX_LINKS = 2


def names_a_menu_item(root: Element, block: Element, title: str) -> bool:
    """The headline is an item of the site's navigation: the page is a section's own page
    ("Chức năng nhiệm vụ", "Giới thiệu chung"), not an article."""
    folded = fold(title)
    for link in root.iter("a"):
        if fold(clean(" ".join(link.itertext()))) != folded or within(link, block):
            continue
        if _in_navigation(link):
            return True
    return False


_NAV_MARKS = re.compile(r"nav|menu|quicklaunch", re.IGNORECASE)


def is_lead_like(unit: Unit) -> bool:
    """A sapo: classed as one, a subheading-sized paragraph, or wholly bold."""
    if any(word in _marks(unit.node) for word in _LEAD_WORDS):
        return True
    return tag(unit.node) in ("h2", "h3", "h4") or is_bold(unit.node, unit.text)


def _marks(node: Element, levels: int = 2) -> str:
    """Class and id words of `node` and its nearest ancestors (`div.summary > p`), lower-cased."""
    found = []
    for element in _up(node, levels):
        found.append(f"{element.get('class') or ''} {element.get('id') or ''}")
    return " ".join(found).lower()


def _up(node: Element, levels: int) -> list[Element]:
    out = [node]
    for ancestor in node.iterancestors():
        if len(out) > levels:
            break
        out.append(ancestor)
    return out


def _is_long(unit: Unit) -> bool:
    return len(unit.text) > TITLE_MAX


def _title_shaped(unit: Unit) -> bool:
    if not TITLE_MIN <= len(unit.text) <= TITLE_MAX:
        return False
    # A linked headline is a listing's, except in a real heading (blog titles link to themselves).
    if unit.link_chars > len(unit.text) / 2 and tag(unit.node) not in ("h1", "h2", "h3"):
        return False
    if unit.text.endswith(":") or (len(unit.text) < 40 and find_date(unit.text)):
        return False
    if len(unit.text) > SENTENCE_TITLE_MAX and unit.text.endswith((".", "!", "?")):
        return False  # sentences in a heading's dress: a body pasted in heading style
    return not _not_a_title(unit.node)


SENTENCE_TITLE_MAX = 100


def _matches_hint(unit: Unit, hints: tuple[str, ...]) -> bool:
    folded = fold(unit.text)
    return bool(folded) and any(folded == h or (len(folded) > 20 and folded in h) for h in hints)


def _is_heading(unit: Unit, hints: tuple[str, ...] = ()) -> bool:
    node = unit.node
    if tag(node) in ("h1", "h2", "h3"):
        return True
    marks = f"{node.get('class') or ''} {node.get('id') or ''}"
    return bool(_TITLE_WORDS.search(marks)) and "subtitle" not in marks.lower()


def _is_styled_title(unit: Unit, hints: tuple[str, ...] = ()) -> bool:
    if len(unit.text) > 200 or unit.text.endswith((".", ";", ",")):
        return False
    return is_bold(unit.node, unit.text) or _font_px(unit.node) >= 16


def _font_px(node: Element) -> float:
    best = 0.0
    for element in (node, *node.iterdescendants()):
        match = (
            _LARGE_FONT.search(element.get("style") or "") if isinstance(element.tag, str) else None
        )
        if match:
            size = float(match.group(1)) * {"px": 1.0, "pt": 4 / 3, "em": 16.0}[match.group(2)]
            best = max(best, size)
    return best


def _not_a_title(node: Element) -> bool:
    from .extractor import not_a_title  # the shared title-chrome rule

    return not_a_title(node)


# --- The date -----------------------------------------------------------------------------------
def date_near(stream: list[Unit], title: Unit, start: int) -> tuple[Unit, FoundDate] | None:
    """The dated short line nearest the headline: between it and the body first, then around it.

    Dates inside links or list items (related news) and far from the headline (header clocks)
    are not the article's.
    """
    low = max(0, title.order - DATE_WINDOW)
    high = min(len(stream), max(start, title.order + 1) + 2)
    nearby = sorted(
        stream[low:high], key=lambda u: (abs(u.order - title.order), u.order < title.order)
    )
    for unit in nearby:
        if unit is title or len(unit.text) > DATE_LINE_MAX or _in_link_or_item(unit.node, title):
            continue
        found = find_date(unit.text)
        if found is not None:
            return unit, found
    return None


def _in_link_or_item(node: Element, title: Unit) -> bool:
    """Inside a link, or a list item the headline is not in (a related item's date)."""
    for element in (node, *node.iterancestors()):
        if tag(element) == "a" or (tag(element) == "li" and not within(title.node, element)):
            return True
    return False


# --- The article block --------------------------------------------------------------------------
def common_ancestor(a: Element, b: Element) -> Element:
    ancestors = [a, *a.iterancestors()]  # kept alive: lxml proxies are compared by identity
    for node in (b, *b.iterancestors()):
        if any(node is x for x in ancestors):
            return node
    return b


def drop_before(block: Element, head: Element) -> None:
    """Drop what lies before the headline inside the block: labels, dates and tools above it.

    What follows the body container inside the block stays (captioned images beside the rich
    text, closing lines); the body ends at its tool lines (`ending.cut_at_tools`).
    """
    node = block
    while node is not head:
        toward = _child_towards(node, head)
        if toward is None:
            return
        for child in list(node):
            if child is toward:
                break
            drop(child)
        node = toward


def _child_towards(node: Element, target: Element) -> Element | None:
    for ancestor in (target, *target.iterancestors()):
        if ancestor.getparent() is node:
            return ancestor
    return None


# --- Putting it together ------------------------------------------------------------------------
def locate(root: Element, page: Scan | None, generic_family: str) -> Parts | None:
    found = _zone(root, page)
    if found is None:
        return None
    _, stream, container = found
    start = next((u.order for u in stream if u.is_prose and within(u.node, container)), None)
    if start is None:
        return None
    meta_title = _meta_title(root)
    title = headline(
        stream, start, container, _title_hints(root), bool(meta_title)
    ) or _titled_by_meta(meta_title, stream, container)
    if title is None:
        return None
    if title.order >= start:  # the headline opened the container: the body starts after it
        start = next((u.order for u in stream[title.order + 1 :] if u.is_prose), start)
    inside = [u for u in stream if within(u.node, container)]
    if is_listing(inside):
        return None
    block = common_ancestor(title.node, container)
    part = _webpart_of(block)
    if is_form(block if part is None else part, title.node) or names_a_menu_item(
        root, block, title.text
    ):
        return None  # a question form, a search page, a section's introduction
    dated = date_near(stream, title, start)
    parts = Parts(
        family=generic_family,
        region=block,
        body=block,
        title=title.text,
        date_text=dated[0].text if dated else "",
        views_text=_views_line([u for u in stream[title.order :] if within(u.node, block)]),
        images_from_region=False,
        attachments_from_region=False,
    )
    parts.field_nodes = [title.node] + ([dated[0].node] if dated else [])
    parts.title_href = _link_of(title.node)
    parts.category = _row_label(dated[0].node) if dated else ""
    _read_header(parts, [u for u in stream[title.order + 1 : start] if u is not (dated or [0])[0]])
    if title.order < start:  # a headline found inside the body leaves the text above it alone
        drop_before(block, title.node)
    return parts


def _read_header(parts: Parts, header: list[Unit]) -> None:
    """Lines between the headline and the body: a lead (sapo), a by-line, metadata lines."""
    for at, unit in enumerate(header):
        if not unit.whole:
            continue
        below = header[at + 1 : at + 1 + BOX_LINKS]
        if len(below) == BOX_LINKS and all(_is_link_line(u) for u in below):
            pass  # a box's title over its links, not a lead: it goes with them
        elif not parts.summary and len(unit.text) >= MIN_LEAD and is_lead_like(unit):
            parts.summary = unit.text
        elif not parts.author and _is_author_field(unit):
            parts.author = unit.text
        elif not (_LABEL_LINE.match(unit.text) or _is_link_line(unit)):
            continue  # a line of the body proper
        # Read, or metadata ("Press Release No.: 3", "Bản dịch:" and its links): not body.
        parts.field_nodes.append(unit.node)


MIN_LEAD = 40
_LABEL_LINE = re.compile(r"^[^\W\d][^:]{1,30}:\s*[\w./-]{0,12}$")
AUTHOR_FIELD_MAX = 80
_AUTHOR_LABEL = re.compile(r"^(?:" + "|".join(sel.AUTHOR_LABELS) + r")\s*:", re.IGNORECASE)


def _is_link_line(unit: Unit) -> bool:
    return unit.link_chars > len(unit.text) / 2


def _is_author_field(unit: Unit) -> bool:
    if len(unit.text) > AUTHOR_FIELD_MAX or find_date(unit.text):
        return False
    marks = _marks(unit.node, 1)
    return any(word in marks for word in sel.AUTHOR_CLASS_WORDS) or bool(
        _AUTHOR_LABEL.match(unit.text)
    )


ROW_LABEL_MAX = 60
HEADER_ROW_MAX = 160


def _row_label(date_node: Element) -> str:
    """A header row that prints the date in one cell names the section in another
    (Lạc Việt's "Thông tin cần biết | thứ năm, Ngày 30/05/2019")."""
    row = next((a for a in (date_node, *date_node.iterancestors()) if tag(a) == "tr"), None)
    if row is None or len(clean(" ".join(row.itertext()))) > HEADER_ROW_MAX:
        return ""  # a layout row around the page, not a header line
    for cell in row.findall("td") + row.findall("th"):
        text = clean(" ".join(cell.itertext()))
        if within(date_node, cell) or not text or len(text) > ROW_LABEL_MAX or find_date(text):
            continue
        return text
    return ""


LISTING_ITEMS = 4  # linked titles or cut-off teasers that make a container a listing


def is_listing(stream: list[Unit]) -> bool:
    """Teaser lists: several linked titles, teasers cut off with an ellipsis, or item dates."""
    linked = sum(
        1 for u in stream if len(u.text) >= MIN_LINKED_TITLE and u.link_chars > len(u.text) / 2
    )
    cut_off = sum(1 for u in stream if u.text.endswith(("...", "…")))
    prose = sum(1 for u in stream if u.is_prose)
    dated = sum(1 for u in stream if len(u.text) <= DATED_ITEM_MAX and find_date(u.text))
    return (
        (linked >= LISTING_ITEMS and 2 * linked >= prose)
        or cut_off >= LISTING_ITEMS - 1
        or dated >= LISTING_ITEMS
    )


DATED_ITEM_MAX = 40  # a listing prints a short date beside each item


MIN_LINKED_TITLE = 20


def _views_line(stream: list[Unit]) -> str:
    """A short line of the article block with a view count (before the block is trimmed)."""
    return next(
        (u.text for u in stream if len(u.text) <= VIEWS_LINE_MAX and find_views(u.text)), ""
    )


def _zone(root: Element, page: Scan | None) -> tuple[Element, list[Unit], Element] | None:
    """The first content placeholder that holds prose, else the whole body.

    Rebuilt or customised masters leave `MSO_ContentTable` empty and put the article elsewhere.
    The page is read into units once; each placeholder's prose is summed up its ancestors.
    """
    body = first(root, (sel.MAIN_REGION[-1],), page)
    if body is None:
        return None
    everything = units(body)
    prose: dict[Element, int] = {}
    for unit in everything:
        if unit.is_prose:
            for node in (unit.node, *unit.node.iterancestors()):
                prose[node] = prose.get(node, 0) + len(unit.text)
    for expression in sel.MAIN_REGION[:-1]:
        zone = first(root, (expression,), page)
        if zone is not None and prose.get(zone, 0) >= MIN_ZONE_PROSE:
            inside = set(zone.iter())
            stream = [u for u in everything if u.node in inside]
            break
    else:
        zone, stream = body, everything
    stream = [replace(u, order=i) for i, u in enumerate(stream)]
    container = body_container(stream, zone)
    return (zone, stream, container) if container is not None else None


def _title_hints(root: Element) -> tuple[str, ...]:
    hints = []
    for expression in ("//meta[@property='og:title']/@content", "//head/title//text()"):
        for value in root.xpath(expression):
            text = fold(clean(str(value)))
            if text:
                hints.append(text)
    return tuple(hints)


_FORM_FIELD = (
    "descendant::textarea | descendant::select | descendant::input[@type='text' or not(@type)]"
)


def is_form(scope: Element, head: Element) -> bool:
    """A field a reader types into or picks from above the headline, in its block or web part:
    a search or question form over questions and answers. (A comment form below is not.)"""
    fields = scope.xpath(_FORM_FIELD)
    if not fields:
        return False
    order = {node: i for i, node in enumerate(scope.iter())}
    at = order.get(head, len(order))
    return any(order.get(field, at) < at for field in fields)


# --- Document notices ---------------------------------------------------------------------------
NOTICE_MAX_FILES = 3  # more files under one headline is a list of documents


def locate_notice(root: Element, page: Scan | None, generic_family: str) -> Parts | None:
    """A document notice has no prose to vote for a body: a headline, its date and the file.

    The first file link outside the navigation anchors it; the headline is read above it as
    for an article, the date near the headline, and the block is what holds both.
    """
    zone = first(root, (sel.MAIN_REGION[-1],), page)
    if zone is None:
        return None
    files = [a for a in zone.iter("a") if is_attachment_link(a) and not _in_navigation(a)]
    if not files or len(files) > NOTICE_MAX_FILES:
        return None
    stream = [replace(u, order=i) for i, u in enumerate(units(zone))]
    order = {node: i for i, node in enumerate(zone.iter())}
    at = order[files[0]]
    before = [u for u in stream if order.get(u.node, at) < at]
    if not before:
        return None
    start = before[-1].order
    meta_title = _meta_title(root)
    title = headline(stream, start, zone, _title_hints(root), bool(meta_title))
    if title is None or within(files[0], title.node):
        return None
    dated = date_near(stream, title, start)
    block = common_ancestor(title.node, files[0])
    # What lies between the headline and the file decides; a related list may follow the file.
    between = [u for u in stream[title.order : start + 1] if within(u.node, block)]
    if dated is None or block is zone or is_listing(between):
        return None
    part = _webpart_of(block)
    if is_form(block if part is None else part, title.node) or names_a_menu_item(
        root, block, title.text
    ):
        return None  # a document list's search form, a section's own page
    parts = Parts(
        family=generic_family,
        region=block,
        body=block,
        title=title.text,
        date_text=dated[0].text,
        views_text=_views_line([u for u in stream[title.order :] if within(u.node, block)]),
        images_from_region=False,
        attachments_from_region=False,
    )
    parts.field_nodes = [title.node, dated[0].node]
    drop_before(block, title.node)
    return parts


def _in_navigation(node: Element) -> bool:
    """Inside a menu (`nav`, `menu`, `quickLaunch` marks) within its own web part: a list of
    recent news is a web part inside a page column that may be called `sideNavBox`."""
    for element in (node, *node.iterancestors()):
        if _NAV_MARKS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            return True
        if element is not node and _webpart_of(element) is element:
            return False
    return False
