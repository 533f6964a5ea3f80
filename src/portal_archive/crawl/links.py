"""Links of a SharePoint page, found without parsing it: pure functions, run in the extraction
workers beside `extract_article` so the crawler's own thread only schedules requests."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol
from urllib.parse import urljoin, urlsplit

from portal_archive import stats as keys
from portal_archive.crawl import settings as defaults
from portal_archive.crawl.urls import (
    identity_values,
    is_followable,
    parse_postback,
    request_url,
    trap_shape,
    url_key,
)
from portal_archive.extract.page_kind import PageEvidence, page_evidence

logger = logging.getLogger(__name__)

# Stats keys of the trap guard: paths found to be traps, and links not followed because of them.
TRAP_PATHS_BOUNDED = keys.TRAP_PATHS_BOUNDED
TRAP_LINKS_DROPPED = keys.TRAP_LINKS_DROPPED

# A regex over the page beats a second full parse of ~120 KB of SharePoint markup (most of it
# view state), and hrefs are all we need from it.
HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
BASE_HREF = re.compile(r"""<base\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.I)

# Postback arguments that page through a list: GridView `Page$N`, DataView `dvt_firstrow={N}`.
PAGER_ARGUMENT = re.compile(r"^(Page\$(\d+|Next|Prev|First|Last)|dvt_firstrow=.*)$", re.I)

# ASP.NET often writes the quotes of a postback href as `&#39;`.
_QUOTE = r"(?:'|&#39;|&#039;|&#x27;)"
POSTBACK_LINK = re.compile(
    rf"__doPostBack\(\s*{_QUOTE}[^'&]*{_QUOTE}\s*,\s*{_QUOTE}[^'&]*{_QUOTE}\s*\)"
)


@dataclass
class PageLinks:
    """Followable links in document order as (url, url key), a link repeated right after
    itself (title and image of one item) listed once; and the page's pager postbacks."""

    links: list[tuple[str, str]] = field(default_factory=list)
    pager_events: list[tuple[str, str]] = field(default_factory=list)
    evidence: PageEvidence | None = None  # what the page says of its kind (issue 19)


def resolve_link(base_url: str, origin: str, href: str) -> str | None:
    """The absolute, cleaned URL of an `<a href>`, None for links that lead to no page.
    Navigation links repeat on every page of a portal: root-relative and absolute ones are
    resolved once per site, not once per page."""
    if href.startswith("/") and not href.startswith("//"):
        return _resolve(origin, href)
    if href.startswith(("http://", "https://")):
        return _resolve("", href)
    return _resolve(base_url, href)


@lru_cache(maxsize=65536)
def _resolve(base_url: str, href: str) -> str | None:
    href = html.unescape(href).strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    return request_url(urljoin(base_url, href))


# Markup inside scripts is no link: `'<a href="/' + url + '/">'` builds one at run time, and its
# pieces (`/' + url + '/`) are no page of the portal (issue 19).
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.I | re.S)


def scan_links(text: str, page_url: str, hosts: tuple[str, ...]) -> PageLinks:
    text = SCRIPT.sub("", text)
    found = PageLinks(evidence=page_evidence(text))
    base = BASE_HREF.search(text)
    base_url = urljoin(page_url, html.unescape(base.group(1))) if base else page_url
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    previous = ""
    for match in HREF.finditer(text):
        url = resolve_link(base_url, origin, match.group(1) or match.group(2) or "")
        if url is None or not is_followable(url, hosts):
            continue
        key = url_key(url)
        if key != previous:
            found.links.append((url, key))
            previous = key
    for match in POSTBACK_LINK.finditer(text):
        event = parse_postback(html.unescape(match.group(0)))
        if event is not None and PAGER_ARGUMENT.match(event[1]) and event not in found.pager_events:
            found.pager_events.append(event)
    return found


class Stats(Protocol):
    def inc_value(self, key: str, count: int = 1, start: int = 0) -> None: ...


def _identity_moves(referrer: str, url: str) -> bool:
    """The link changes a paging parameter or an item id of the page it is on."""
    return identity_values(referrer) != identity_values(url)


class TrapGuard:
    """Bounds crawler traps for a whole crawl (issue 9), in the crawler's process: of the links
    that share a trap shape (`urls.trap_shape`: one path, a query differing only in dates,
    opaque tokens or large numbers) the first `max_variants` are followed, and none that is more
    than `max_depth` trap-like pages away from an ordinary page. A URL once allowed stays allowed.
    Each bounded path is logged once and counted (`bounded_paths`, and in `stats` if given);
    `dropped` counts the links not followed."""

    def __init__(
        self,
        max_variants: int = defaults.TRAP_MAX_VARIANTS,
        max_depth: int = defaults.TRAP_MAX_DEPTH,
        stats: Stats | None = None,
    ) -> None:
        self.max_variants = max_variants
        self.max_depth = max_depth
        self.stats = stats
        self.variants: dict[str, int] = {}  # trap shape -> spellings allowed
        self.depth: dict[str, int] = {}  # url key of an allowed trap-like URL -> chain depth
        self.bounded_paths: set[str] = set()
        self.dropped = 0

    def allow(self, url: str, referrer: str | None = None) -> bool:
        """Whether to follow `url`, a link found on the page at `referrer`."""
        shape = trap_shape(url)
        if shape is None:
            return True
        key = url_key(url)
        if key in self.depth:
            return True
        depth = 1
        if referrer and (trap_shape(referrer) == shape or not _identity_moves(referrer, url)):
            # A chain grows only while the links differ in trap-like values (the next day of a
            # calendar); a list view's next page moves its paging parameters instead.
            depth = self.depth.get(url_key(referrer), 0) + 1
        count = self.variants.get(shape, 0)
        if count >= self.max_variants or depth > self.max_depth:
            self._bound(url, "variants" if count >= self.max_variants else "depth")
            return False
        self.variants[shape] = count + 1
        self.depth[key] = depth
        return True

    def _bound(self, url: str, why: str) -> None:
        self.dropped += 1
        if self.stats is not None:
            self.stats.inc_value(TRAP_LINKS_DROPPED)
        parts = urlsplit(url_key(url))
        path = f"{parts.netloc}{parts.path}"
        if path in self.bounded_paths:
            return
        self.bounded_paths.add(path)
        if self.stats is not None:
            self.stats.inc_value(TRAP_PATHS_BOUNDED)
        limit = (
            f"more than {self.max_variants} date or token variants"
            if why == "variants"
            else f"a chain of more than {self.max_depth} such pages"
        )
        logger.info("crawler trap bounded at %s: %s, the rest is not followed", path, limit)
