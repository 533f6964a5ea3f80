"""Links of a SharePoint page, found without parsing it: pure functions, run in the extraction
workers beside `extract_article` so the crawler's own thread only schedules requests."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from scraper.urls import clean_url, is_followable, parse_postback, url_key

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
    return clean_url(urljoin(base_url, href))


def scan_links(text: str, page_url: str, hosts: tuple[str, ...]) -> PageLinks:
    base = BASE_HREF.search(text)
    base_url = urljoin(page_url, html.unescape(base.group(1))) if base else page_url
    parts = urlsplit(base_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    found = PageLinks()
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
