"""`extract_article`: locate the article with lxml, read each field, clean it, or return None."""

from __future__ import annotations

import logging
import re
from copy import deepcopy
from urllib.parse import urljoin

from lxml import etree

from portal_archive.model import Article, Attachment

from . import body as bodymod
from . import ending, nesting, structure, tree
from . import selectors as sel
from .dates import FoundDate, find_date, with_time
from .decode import slim_utf8
from .families import FAMILIES, FORM_FAMILY, GENERIC_FAMILY, Family
from .parts import Parts
from .text import INVISIBLE, caseless, collapse, fold, fold_case
from .tree import Element, Scan, drop, first, has_text, raw_text, run, text_of, xpath

log = logging.getLogger(__name__)

MAX_PAGE_BYTES = 10 * 1024 * 1024
MIN_BODY_CHARS = 80
GENERIC_MIN_BODY_CHARS = 200
GENERIC_UNDATED_MIN_CHARS = 600
_DATE_LABEL = re.compile(r"(?:" + "|".join(sel.DATE_LABELS) + r")\s*:?\s*", re.IGNORECASE)
_DATE_LABEL_FOLDED = caseless(_DATE_LABEL.pattern)  # searched in `fold_case(text)`
# A word every label of a kind contains: substring tests before any regex over a whole region.
VIEW_WORDS = ("lượt", "lần", "view", "hits")
DATE_WORDS = ("ngày", "đăng", "cập", "gửi", "posted", "published", "date")
# `body.find_views(collapse(text))` read straight from the raw text: a whitespace or invisible
# run wherever collapsing would leave one space (tested equal), without collapsing a region.
_GAP = f"[\\s{INVISIBLE}]"
_VIEWS_IN_RAW = caseless(
    "(?:"
    + "|".join(sel.VIEW_LABELS).replace(r"\s+", _GAP + "+")
    + f"){_GAP}*:?{_GAP}*(\\d{{1,3}}(?:(?:[.,]|{_GAP}+)\\d{{3}})+|\\d+)"
)
_BARE_NUMBER = re.compile(r"^\d[\d.,\s]*$")
_CATEGORY_LABEL = re.compile(r"^(?:" + "|".join(sel.CATEGORY_LABELS) + r")\s*:\s*", re.IGNORECASE)


def extract_article(
    html: str | bytes, url: str, *, families: bool = True, encoding: str | None = None
) -> Article | None:
    """The article on this page, or None when the page is not an article. Never raises.

    `html` is the page's bytes, or its text already read (the crawl hands Scrapy's one decoding
    on). `encoding` is the charset the HTTP `Content-Type` header declared, if any: it outranks
    the bytes' own `<meta charset>` (a BOM outranks both). `families=False` skips the family
    shortcuts: the article is found by structure alone (the golden corpus must come out the same
    either way).

    A crash is logged and gives None; callers that must tell a crash from a non-article (the
    crawl, `reextract`, tests) call `extract_article_or_raise`.
    """
    try:
        return extract_article_or_raise(html, url, families=families, encoding=encoding)
    except Exception:  # the contract: malformed input never raises out of the extractor
        log.warning("extraction failed on %s", url, exc_info=True)
        return None


def extract_article_or_raise(
    html: str | bytes, url: str, *, families: bool = True, encoding: str | None = None
) -> Article | None:
    """`extract_article`, but a bug in the extractor raises instead of looking like a page
    that is not an article."""
    return _extract(html, url, families, encoding)


def describe_crash(error: BaseException) -> str:
    """One line naming an extractor crash, for a log line, a stats value and an alarm."""
    text = " ".join(str(error).split())
    return f"{type(error).__name__}: {text}"[:300] if text else type(error).__name__


def _extract(html: str | bytes, url: str, families: bool, encoding: str | None) -> Article | None:
    if len(html) > MAX_PAGE_BYTES:
        log.warning(
            "page refused, %d bytes is over the %d limit: %s", len(html), MAX_PAGE_BYTES, url
        )
        return None
    data = slim_utf8(html, encoding)
    root = _parse(data)
    if root is None:
        return None
    base = _base_url(root, url)
    parts = _locate(root, url, data, families)
    article = None if parts is None else _build(parts, root, url, base)
    if article is None and _FILE_LINK.search(data):
        # No article, but a file is linked: a document notice, whose few lines gave the
        # structure no prose to find (read on a fresh tree: building changed this one).
        root = _parse(data)
        parts = (
            None if root is None else structure.locate_notice(root, Scan.of(root), GENERIC_FAMILY)
        )
        article = None if parts is None or root is None else _build(parts, root, url, base)
        article = article if article is not None and article.kind == DOCUMENT else None
    return article


# A link to a document file somewhere in the page's bytes: only then is a notice looked for.
_FILE_LINK = re.compile(
    rb"href\s*=\s*[\"']?[^\"'>]*\.(?:"
    + b"|".join(e[1:].encode() for e in sel.ATTACHMENT_EXTENSIONS)
    + rb")\b",
    re.IGNORECASE,
)


def _parse(data: bytes) -> Element | None:
    if not data.strip():
        return None
    # No id table (collect_ids): nothing looks elements up by id() and it costs ~10% of a parse.
    parser = _parser()
    root = etree.fromstring(data, parser)
    for bare_only in (True, False):  # bare wrappers first; every deep tag if that is not enough
        if not nesting.too_deep(parser.error_log):
            break
        log.warning("markup nested too deep for the parser, flattened before reading")
        parser = _parser()
        root = etree.fromstring(nesting.flatten(data, bare_only=bare_only), parser)
    return root


def _parser() -> etree.HTMLParser:
    return etree.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, encoding="utf-8", collect_ids=False
    )


def _base_url(root: Element, url: str) -> str:
    base = root.find(".//head/base")
    href = base.get("href") if base is not None else None
    return href.strip() if href else url


def _locate(root: Element, url: str, data: bytes, families: bool) -> Parts | None:
    page = Scan.of(root)
    parts = _find_parts(root, url, data, page, families)
    if parts is not None:
        parts.page = page
    return parts


def _find_parts(
    root: Element, url: str, data: bytes, page: Scan | None, families: bool
) -> Parts | None:
    for family in FAMILIES if families else ():
        if family.url is not None and not family.url.search(url):
            continue
        if family.hints and not any(h in data for h in _HINTS[family.name]):
            continue  # a substring test is far cheaper than the region XPath
        region = first(root, family.region, page)
        parts = None if region is None else _family_parts(family, region, root, page)
        if parts is not None:
            return parts  # a family whose markup is only half there falls through to structure
    form_rows = run(sel.FORM_ROW, root, page)
    if form_rows:
        return _form_parts(form_rows, root, page)
    parts = structure.locate(root, page, GENERIC_FAMILY)
    if parts is not None:
        parts.category = parts.category or _category(parts.body, root, parts.title, page)
    return parts


# --- Families -----------------------------------------------------------------------------------
def _family_parts(
    family: Family, region: Element, root: Element, page: Scan | None
) -> Parts | None:
    body = first(region, family.body, page)
    title_node = first(region, family.title, page)
    if body is None or title_node is None:
        return None
    nodes = {name: first(region, getattr(family, name), page) for name in _FIELDS}
    parts = Parts(
        family=family.name,
        region=region,
        body=body,
        title=text_of(title_node),
        date_text=text_of(nodes["date"]),
        time_text=text_of(nodes["time"]),
        author=text_of(nodes["author"]),
        summary=text_of(nodes["summary"]),
        views_text=text_of(nodes["views"]),
        category=_labelled_value(text_of(nodes["category"])),
    )
    parts.field_nodes = [title_node, *(n for n in nodes.values() if n is not None)]
    parts.category = parts.category or _category(region, root, parts.title, page)
    return parts


_FIELDS = ("date", "time", "author", "summary", "views", "category")
_HINTS = {family.name: tuple(h.encode() for h in family.hints) for family in FAMILIES}


def _labelled_value(text: str) -> str:
    return _CATEGORY_LABEL.sub("", text).strip()


# --- DispForm.aspx: labelled rows ---------------------------------------------------------------
def _form_parts(rows: list[Element], root: Element, page: Scan | None) -> Parts | None:
    cells: dict[str, Element] = {}
    for row in rows:
        label, value = first(row, (sel.FORM_LABEL,), page), first(row, (sel.FORM_BODY,), page)
        if label is None or value is None:
            continue
        name = _form_field(fold(collapse(raw_text(label))))
        if name and name not in cells:
            cells[name] = value
    if "title" not in cells or "body" not in cells:
        return None
    region = rows[0].getparent()
    while region is not None and region.tag != "table":
        region = region.getparent()
    title = text_of(cells["title"])
    parts = Parts(
        family=FORM_FAMILY,
        region=region if region is not None else cells["body"],
        body=cells["body"],
        title=title,
        date_text=text_of(cells.get("published")),
        author=text_of(cells.get("author")),
        summary=text_of(cells.get("summary")),
        views_text="Lượt xem: " + text_of(cells["views"]) if "views" in cells else "",
        category=text_of(cells.get("category")),
        images_from_region=False,
    )
    parts.field_nodes = [c for k, c in cells.items() if k not in ("body", "attachments")]
    parts.category = parts.category or _category(parts.region, root, title, page)
    return parts


def _form_field(label: str) -> str:
    return _FORM_FIELDS.get(label, "")


# Folded once: the first field listing a label wins, as in `sel.FORM_FIELD_LABELS` order.
_FORM_FIELDS: dict[str, str] = {}
for _name, _labels in sel.FORM_FIELD_LABELS.items():
    for _label in _labels:
        _FORM_FIELDS.setdefault(fold(_label), _name)
_NON_SECTION_TITLES = tuple(fold(t) for t in sel.NON_SECTION_TITLES)
_BREADCRUMB_HOMES = tuple(fold(h) for h in sel.BREADCRUMB_HOME)
# A home page or a list's root folder names no section ("Trang chủ", "Home", "Root").
_NOT_SECTIONS = frozenset(_BREADCRUMB_HOMES) | {fold(n) for n in sel.ROOT_FOLDER_NAMES}


# --- Generic SharePoint fallback: structure and text density --------------------------------------
def _generic_parts(root: Element, page: Scan | None) -> Parts | None:
    region = first(root, sel.MAIN_REGION, page)
    if region is None or _is_form_page(region):
        return None
    body = _densest(region, page)
    if body is None:
        return None
    title_node = _heading_before(region, body)
    if title_node is None:
        return None
    title = text_of(title_node)
    parts = Parts(
        family=GENERIC_FAMILY,
        region=region,
        body=body,
        title=title,
        category=_category(body, root, title, page),
        images_from_region=False,
        attachments_from_region=False,
    )
    parts.field_nodes = [title_node]
    return parts


def _is_form_page(region: Element) -> bool:
    return bool(xpath(sel.FORM_FIELDS)(region))


def _densest(region: Element, page: Scan | None) -> Element | None:
    """The largest rich-text field, else the container with the most paragraph text."""
    fields = run(sel.RICH_TEXT, region, page)
    best = max(fields, key=lambda n: len(collapse(raw_text(n))), default=None)
    if best is not None and len(collapse(raw_text(best))) >= GENERIC_MIN_BODY_CHARS:
        return best
    scored = (
        (sum(len(collapse(raw_text(p))) for p in node.iterchildren("p")), node)
        for node in xpath(sel.DENSITY_CANDIDATES)(region)
    )
    score, node = max(scored, key=lambda s: s[0], default=(0, None))
    return node if score >= GENERIC_MIN_BODY_CHARS else None


def _heading_before(region: Element, body: Element) -> Element | None:
    """The closest real heading before the body, else the first inside it."""
    order = {node: i for i, node in enumerate(region.iter())}
    start = order.get(body, 0)
    before, inside = None, None
    for heading in xpath(sel.HEADINGS)(region):
        if not has_text(heading) or not_a_title(heading):
            continue
        position = order.get(heading, 0)
        if position < start:
            before = heading
        elif inside is None and any(a is body for a in heading.iterancestors()):
            inside = heading
    return before if before is not None else inside


def not_a_title(heading: Element) -> bool:
    """True when `sel.NOT_A_TITLE` matches: the heading or an ancestor is a title row, a web-part
    title, navigation or a breadcrumb."""
    node = heading
    while node is not None:
        if _is_title_chrome(node):
            return True
        node = node.getparent()
    return False


def _is_title_chrome(node: Element) -> bool:
    if node.tag in sel.NOT_A_TITLE_TAGS:
        return True
    ident = node.get("id")
    if ident is not None and (
        ident in sel.NOT_A_TITLE_IDS or any(part in ident for part in sel.NOT_A_TITLE_ID_PARTS)
    ):
        return True
    cls = node.get("class")
    return cls is not None and (
        any(part in cls for part in sel.NOT_A_TITLE_CLASS_PARTS)
        or not sel.NOT_A_TITLE_CLASSES.isdisjoint(cls.translate(_XML_SPACE).split(" "))
    )


_XML_SPACE = str.maketrans("\t\r\n", "   ")


# --- Category -----------------------------------------------------------------------------------
def _category(anchor: Element, root: Element, title: str, page: Scan | None) -> str:
    return (
        _labelled_category(anchor)
        or _webpart_title(anchor, page)
        or _breadcrumb(root, title, page)
        or _current_section(root, title, page)
    )


def _current_section(root: Element, title: str, page: Scan | None) -> str:
    items = run(sel.NAV_CURRENT, root, page)
    if not items:
        return ""
    link = items[-1].find(".//a")  # the deepest current item: the page's own section
    text = _shown_text(link if link is not None else items[-1])
    return text if 1 < len(text) <= 60 and not _names_page(text, title) else ""


def _shown_text(node: Element) -> str:
    """The text a sighted reader sees: without SharePoint's screen-reader notes ("Currently
    selected" in `span.ms-hidden`) or hidden parts."""
    copy = deepcopy(node)
    for element in [e for e in copy.iterdescendants() if isinstance(e.tag, str) and _unseen(e)]:
        drop(element)
    return text_of(copy)


def _unseen(node: Element) -> bool:
    return tree.is_hidden(node) or "ms-hidden" in (node.get("class") or "").split()


def _labelled_category(region: Element) -> str:
    for node in region.iter():
        text = node.text if isinstance(node.tag, str) else None
        if text and _CATEGORY_LABEL.match(text.strip()):
            value = _labelled_value(text_of(node))
            if value and len(value) <= 100:
                return value
    return ""


def _webpart_title(anchor: Element, page: Scan | None) -> str:
    for expression in sel.WEBPART_TITLE:
        for node in run(expression, anchor, page):
            text = text_of(node)
            if text and not fold(text).startswith(_NON_SECTION_TITLES):
                return text
            if text:
                return ""
    return ""


def _breadcrumb(root: Element, title: str, page: Scan | None) -> str:
    items = [text_of(n) for n in run(sel.BREADCRUMB_ITEMS, root, page) if not _hidden(n)]
    names = [
        t
        for t in items
        if t and fold(t) not in _BREADCRUMB_HOMES and len(t) > 1 and not _names_page(t, title)
    ]
    names = [t for t in names if t not in (">", "»", "/", "›")]
    return names[-1] if names else ""


def _names_page(crumb: str, title: str) -> bool:
    """The last crumb is often the page itself, its title cut short ("Hội nghị tổng kết...")."""
    stem = crumb.rstrip(".…").rstrip()
    return crumb == title or (len(stem) >= 20 and title.startswith(stem))


def _hidden(node: Element) -> bool:
    """Inside an element that is never shown (a ribbon's hidden breadcrumb copy)."""
    return any(tree.is_hidden(a) for a in node.iterancestors())


# --- Building the record ---------------------------------------------------------------------
def _build(parts: Parts, root: Element, url: str, base: str) -> Article | None:
    parts.title = _without_empty_brackets(parts.title)
    if not parts.title or _is_result_page(parts):
        return None
    # Attachments first: header lines about to go (translations as PDFs) still link them, and
    # so does a news part's tool row ("tải file đính kèm Tại đây"), which is chrome.
    scope = parts.region if parts.attachments_from_region else parts.body
    attachments = bodymod.attachments(scope, base)
    bodymod.remove_chrome(parts.region if parts.family != GENERIC_FAMILY else parts.body)
    for node in parts.field_nodes:
        if node is not parts.body and any(a is parts.body for a in node.iterancestors()):
            drop(node)
    below = ending.cut_at_tools(parts.body)
    bodymod.remove_link_lists(parts.body)
    images = bodymod.images(parts.region if parts.images_from_region else parts.body, base)
    summary = parts.summary or _take_lead(parts.body)
    bodymod.remove_empty(parts.body)
    closing = ending.take_closing_lines(parts.body, bylines=not parts.author)
    closing.author = closing.author or below.author
    closing.source = closing.source or below.source
    closing.views = closing.views if closing.views is not None else below.views
    if closing.category and (parts.family == GENERIC_FAMILY or not parts.category):
        parts.category = closing.category  # a post's own "Thể loại:" beats a web part's title
    parts.time_text = parts.time_text or closing.time_text
    text = _without_summary(bodymod.body_text(parts.body), summary)
    found, source = _published(parts)
    kind = _kind(parts, text, attachments, found is not None)
    if kind == DOCUMENT:
        ending.drop_pointer_lines(parts.body)
        text = _without_summary(bodymod.body_text(parts.body), summary)
    elif not _is_article(parts, url, text, summary, bool(images), found is not None):
        return None
    return Article(
        url=url,
        title=parts.title,
        published=found.value if found else None,
        published_raw=found.raw if found else "",
        date_source=source,
        category="" if fold(parts.category) in _NOT_SECTIONS else parts.category,
        author=bodymod.split_author(parts.author)[0]
        if parts.author
        else closing.author or _header_author(root, parts.region),
        source=closing.source or ending.source_in(parts.author),
        summary=summary,
        body_text=text,
        body_html=bodymod.body_html(parts.body, base),
        images=images,
        attachments=attachments,
        view_count=_views(parts, closing),
        family=parts.family,
        kind=kind,
    )


def _header_author(root: Element, region: Element) -> str:
    """A blog names its author once, in its header above every post (`h1.author` beside the
    blog's name): one author-classed element outside the article, holding a short name."""
    names = set()
    for node in _AUTHOR_CLASSED(root):
        if node is region or any(a is region for a in node.iterancestors()):
            continue
        text = text_of(node)
        if text and len(text) <= HEADER_AUTHOR_MAX and not find_date(text):
            names.add(text)
    return names.pop() if len(names) == 1 else ""


HEADER_AUTHOR_MAX = 60
_LOWER_CLASS = "translate(@class, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
# One XPath over the page (libxml2 walks it in C) instead of a Python walk of every element.
_AUTHOR_CLASSED = etree.XPath(
    "//*[" + " or ".join(f"contains({_LOWER_CLASS}, '{w}')" for w in sel.AUTHOR_CLASS_WORDS) + "]"
)


def _without_empty_brackets(title: str) -> str:
    """A template's date slot left empty after the headline: "Kết luận thanh tra ( )"."""
    return _EMPTY_BRACKETS.sub("", title)


_EMPTY_BRACKETS = re.compile(r"(?:\s*[(\[]\s*[)\]])+\s*$")


def _is_result_page(parts: Parts) -> bool:
    return any(run(expression, parts.region, parts.page) for expression in sel.NOT_ARTICLE)


def _take_lead(body: Element) -> str:
    lead = bodymod.lead_paragraph(body)
    if lead is None:
        return ""
    summary = text_of(lead)
    drop(lead)
    return summary


def _without_summary(text: str, summary: str) -> str:
    if summary and text.startswith(summary):
        return text[len(summary) :].lstrip()
    return text


def _elsewhere(href: str, url: str) -> bool:
    return urljoin(url, href).split("#", 1)[0] != url.split("#", 1)[0]


def _kind(parts: Parts, text: str, attachments: list[Attachment], dated: bool) -> str:
    """A document notice: a dated headline over a line or two and its files. A notice whose
    file link the portal lost still points to it ("Xem chi tiết tại đây"); only a family's
    article markup vouches for such a page, structure alone needs the file."""
    if not dated:
        return ARTICLE
    words = [p for p in text.split("\n\n") if p and not ending.is_pointer_line(p)]
    if sum(len(p) for p in words) > DOCUMENT_MAX_CHARS:
        return ARTICLE
    if attachments:  # a few files; more under one headline is a list of documents
        return DOCUMENT if len(attachments) <= structure.NOTICE_MAX_FILES else ARTICLE
    pointed = len(words) < len([p for p in text.split("\n\n") if p])
    return DOCUMENT if pointed and parts.family != GENERIC_FAMILY else ARTICLE


ARTICLE, DOCUMENT = "article", "document"
DOCUMENT_MAX_CHARS = 400  # "a line or two" over the files; longer is news with attachments


def _is_article(
    parts: Parts, url: str, text: str, summary: str, has_images: bool, dated: bool
) -> bool:
    if parts.family != GENERIC_FAMILY:
        return len(text) >= MIN_BODY_CHARS or has_images
    teaser = len(text) < GENERIC_UNDATED_MIN_CHARS or "\n\n" not in text
    if teaser and parts.title_href and _elsewhere(parts.title_href, url):
        # A headline linking to another page over a teaser: a home page's featured story.
        # An article whose title links elsewhere (a blog's permalink) has a whole text below.
        return False
    if dated:
        return len(text) >= GENERIC_MIN_BODY_CHARS
    # Without a family's markup, a home page's welcome text or a service's page reads like an
    # article. News tells when something happened: an undated text must be long and date its
    # first lines ("Sáng ngày 8/2/2022, …"), a date that stays out of `published`.
    lead = " ".join([summary, *text.split("\n\n")[:2]])
    return len(text) >= GENERIC_UNDATED_MIN_CHARS and find_date(lead) is not None


def _published(parts: Parts) -> tuple[FoundDate | None, str]:
    """The date the article block shows. A date only in the text (the lead's "Sáng ngày 8/1…")
    is when something happened, not when the page was published: it is not read."""
    if parts.date_text:
        found = find_date(_DATE_LABEL.sub(" ", parts.date_text, count=1))
        if found:
            return with_time(found, parts.time_text), "page"
    labelled = _labelled_date(parts.region)
    if labelled:
        return labelled, "page"
    return None, "none"


def _labelled_date(region: Element) -> FoundDate | None:
    """A "Ngày đăng: ..." style line anywhere in the article region."""
    # A label in one text chunk is a label in the joined text: one search spares most regions.
    folded = fold_case(raw_text(region))
    if not _has_word(folded, DATE_WORDS) or not _DATE_LABEL_FOLDED.search(folded):
        return None
    for chunk in region.itertext():
        for match in _DATE_LABEL_FOLDED.finditer(fold_case(chunk)):  # positions as in `chunk`
            found = find_date(chunk[match.end() : match.end() + 60])
            if found and chunk[match.end() :].lstrip().startswith(found.raw):
                return found
    return None


def _views(parts: Parts, line: ending.Ending) -> int | None:
    if _BARE_NUMBER.match(parts.views_text):
        return bodymod.parse_count(parts.views_text)
    for text in (parts.views_text, parts.date_text, parts.author):
        count = bodymod.find_views(text) if text else None
        if count is not None:
            return count
    if line.views is not None:
        return line.views
    return views_in_raw(raw_text(parts.region))


def views_in_raw(text: str) -> int | None:
    """`body.find_views(collapse(text))`, without collapsing `text`."""
    folded = fold_case(text)
    if not _has_word(folded, VIEW_WORDS):
        return None
    match = _VIEWS_IN_RAW.search(folded)
    return bodymod.parse_count(match.group(1)) if match else None


def _has_word(folded: str, words: tuple[str, ...]) -> bool:
    return any(word in folded for word in words)


__all__ = ["MAX_PAGE_BYTES", "extract_article"]
