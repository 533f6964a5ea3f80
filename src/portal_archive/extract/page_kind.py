"""What kind of page a fetched page is, and the structure it shares with the portal's articles.

Pure: page text, URL, HTTP status and the kind of article extracted from it (if any) in; a kind
and a short reason (the evidence) out. The kinds (`fetches.page_kind`, issue 19):

  article, document  an article was extracted (its `Article.kind`)
  home               the site root or its default page
  listing            many links each shown with a date, or a pager
  error              an HTTP error, or a page that says it was not found (a "soft 404")
  other              anything else: introductions, contact pages, forms, calendars

A page that gives no article but is built like the pages that did (`StructureSignature`) is a
miss the crawl reports (`unextracted`), whatever its URL looks like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

ARTICLE = "article"
DOCUMENT = "document"
HOME = "home"
LISTING = "listing"
ERROR = "error"
OTHER = "other"
PAGE_KINDS = (ARTICLE, DOCUMENT, LISTING, HOME, OTHER, ERROR)


class PageKind(NamedTuple):
    kind: str
    reason: str


# The root's default page under the names SharePoint, IIS and static hosts give it.
HOME_PATH = re.compile(
    r"^/?(?:(?:pages|sitepages)/)?(?:default|home|index|trang-?chu)?(?:\.(?:aspx?|html?|php))?/?$",
    re.I,
)
# A soft error: a page answered 200 whose title or headline says the page is not there.
SOFT_ERROR = re.compile(
    r"<(?:title|h1|h2|h3)\b[^>]*>[^<]{0,80}?"
    r"(?:\b404\b|not found|không tìm thấy|không tồn tại|page cannot be found|lỗi truy cập)",
    re.I,
)
SOFT_ERROR_MAX_BYTES = 4096  # a real page that mentions "404" in a headline is far longer
# A listing item: a link, then within a short stretch of markup a date (`(12/06/2019)`).
DATED_LINK = re.compile(
    r"<a\b[^>]*href[^>]*>[^<]{8,}</a>(?:\s*<[^>]{0,120}>\s*){0,4}"
    r"[(\[]?\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    re.I,
)
LISTING_MIN_DATED_LINKS = 5
PAGER = re.compile(
    r"""href\s*=\s*["'][^"']*[?&](?:page|pageindex|p|paged|pagenum)=\d"""
    r"""|__doPostBack\([^)]*Page\$\d""",
    re.I,
)


@dataclass(frozen=True)
class PageEvidence:
    """What a page's text says about its kind and structure: read once, where the page is
    read (the crawl's extraction workers), so that judging it costs the crawler nothing."""

    dated_links: int
    pager: bool
    soft_error: bool
    names: frozenset[str]


def page_evidence(text: str) -> PageEvidence:
    return PageEvidence(
        dated_links=len(DATED_LINK.findall(text)),
        pager=PAGER.search(text) is not None,
        soft_error=len(text) <= SOFT_ERROR_MAX_BYTES and SOFT_ERROR.search(text) is not None,
        names=structure_tokens(text),
    )


def classify_page(
    text: str, url: str, status: int = 200, article_kind: str | None = None
) -> PageKind:
    """The kind of the page at `url` that answered `status` with `text`; `article_kind` is the
    extracted article's `kind` (None when the page gave no article)."""
    return kind_of(page_evidence(text), url, status, article_kind)


def kind_of(
    evidence: PageEvidence | None, url: str, status: int = 200, article_kind: str | None = None
) -> PageKind:
    """`classify_page` from the page's evidence (None: a page with no text)."""
    if status >= 400 or status == 0:
        return PageKind(ERROR, f"HTTP {status}" if status else "no answer")
    if article_kind is not None:
        return PageKind(article_kind, "an article was extracted")
    if evidence is not None and evidence.soft_error:
        return PageKind(ERROR, "the page says it was not found")
    if HOME_PATH.match(unquote(urlsplit(url).path)):
        return PageKind(HOME, "the site's root page")
    dated = evidence.dated_links if evidence is not None else 0
    if dated >= LISTING_MIN_DATED_LINKS:
        return PageKind(LISTING, f"{dated} links with dates")
    if evidence is not None and evidence.pager:
        return PageKind(LISTING, "a pager")
    return PageKind(OTHER, "no article, few dated links")


# The structure of a page: the class names of its elements. Names a CMS generates per page or
# per site (`ExternalClass<32 hex>`, `ctl00_ctl42…`, numbered ids) say nothing about the template.
CLASS_ATTRIBUTE = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
GENERATED_NAME = re.compile(r"[0-9a-f]{12,}|\d{3,}", re.I)
MAX_NAME_LENGTH = 40


def structure_tokens(text: str) -> frozenset[str]:
    """The class names a page's markup uses, generated ones left out."""
    names: set[str] = set()
    for match in CLASS_ATTRIBUTE.finditer(text):
        for name in (match.group(1) or match.group(2) or "").split():
            if len(name) <= MAX_NAME_LENGTH and not GENERATED_NAME.search(name):
                names.add(name)
    return frozenset(names)


# A signature is learned from this many article pages at least; its names are on this share of
# them (an article without an image or a by-line still shares the template).
SIGNATURE_MIN_PAGES = 3
SIGNATURE_SHARE = 0.9
SIGNATURE_MIN_NAMES = 2
# A page built like the articles carries this share of the signature's names at least: a
# sidebar most article pages show, or a body class most articles use, may be missing.
SIGNATURE_MATCH_SHARE = 0.8


@dataclass
class StructureSignature:
    """What the portal's article pages share and its home page lacks: the class names on at
    least `SIGNATURE_SHARE` of the pages that gave an article (this crawl's and, through the
    archive, earlier ones'), less those of its home page(s). A page that gave no article but
    carries `SIGNATURE_MATCH_SHARE` of the signature's names is built like an article page:
    a miss."""

    article_pages: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # class name -> article pages with it
    home_names: set[str] = field(default_factory=set)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, int, int]]) -> StructureSignature:
        """From the archive's rows (name, article pages, home pages); the name "" holds the
        number of article pages."""
        signature = cls()
        for name, articles, homes in rows:
            if name == "":
                signature.article_pages = articles
                continue
            if articles:
                signature.counts[name] = articles
            if homes:
                signature.home_names.add(name)
        return signature

    def rows(self) -> list[tuple[str, int, int]]:
        names = set(self.counts) | self.home_names
        return [("", self.article_pages, 0)] + [
            (n, self.counts.get(n, 0), int(n in self.home_names)) for n in sorted(names)
        ]

    def learn_article(self, names: Iterable[str]) -> None:
        self.article_pages += 1
        for name in names:
            self.counts[name] = self.counts.get(name, 0) + 1

    def learn_home(self, names: Iterable[str]) -> None:
        self.home_names.update(names)

    def names(self) -> frozenset[str]:
        """The signature's class names; empty while there is too little to learn from."""
        if self.article_pages < SIGNATURE_MIN_PAGES:
            return frozenset()
        floor = self.article_pages * SIGNATURE_SHARE
        shared = {n for n, count in self.counts.items() if count >= floor} - self.home_names
        return frozenset(shared) if len(shared) >= SIGNATURE_MIN_NAMES else frozenset()

    def matches(self, names: frozenset[str], signature: frozenset[str] | None = None) -> str | None:
        """Why a page with these class names is built like an article page, or None."""
        signature = self.names() if signature is None else signature
        if not signature or len(signature & names) < len(signature) * SIGNATURE_MATCH_SHARE:
            return None
        shown = ", ".join(sorted(signature)[:4]) + (", ..." if len(signature) > 4 else "")
        return f"built like the article pages ({shown})"


def kind_counts(rows: Mapping[str, int]) -> str:
    """`article 31, listing 4, ...` in the order of `PAGE_KINDS`, kinds with none left out."""
    return ", ".join(f"{kind} {rows[kind]}" for kind in PAGE_KINDS if rows.get(kind))
