"""The generic SharePoint portal spider: crawl policy only; extraction and storage live elsewhere.

A subclass (or the CLI, through spider arguments) may set:
  portal_id    archive id of the portal (required)
  start_urls   where the crawl begins
  hosts        host names whose links are followed (default: the start URLs' hosts)
"""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from form2request import form2request
from scrapy.http import Response, TextResponse

from scraper.extract import extract_article
from scraper.extract.model import Article
from scraper.items import ArticleItem, FileItem
from scraper.urls import clean_url, is_followable, parse_postback, url_key

# Fast link scan: a regex over the page beats a second full parse of ~120 KB of SharePoint
# markup (most of it view state), and hrefs are all we need from it.
HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
BASE_HREF = re.compile(r"""<base\b[^>]*?\bhref\s*=\s*["']([^"']+)["']""", re.I)

# Postback arguments that page through a list: GridView `Page$N`, DataView `dvt_firstrow={N}`.
PAGER_ARGUMENT = re.compile(r"^(Page\$(\d+|Next|Prev|First|Last)|dvt_firstrow=.*)$", re.I)


class SharePointSpider(scrapy.Spider):
    name = "sharepoint"

    def __init__(
        self,
        portal_id: str = "",
        start_urls: Iterable[str] = (),
        hosts: Iterable[str] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not portal_id:
            raise ValueError("SharePointSpider needs a portal_id")
        self.portal_id = portal_id
        self.start_urls = [clean_url(u) for u in start_urls]
        if not self.start_urls:
            raise ValueError("SharePointSpider needs at least one start URL")
        self.hosts = tuple(h.lower() for h in hosts) or tuple(
            dict.fromkeys((urlsplit(u).hostname or "").lower() for u in self.start_urls)
        )
        self._postbacks_seen: set[tuple[str, str, str]] = set()

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response: Response) -> Iterator[Any]:
        if not isinstance(response, TextResponse):
            return
        stats = self.crawler.stats
        article = extract_article(response.body, response.url)
        if article is None:
            stats.inc_value("portal/pages_not_article")
        else:
            stats.inc_value("portal/articles_extracted")
            yield ArticleItem(self.portal_id, article, datetime.now(UTC))
            yield from self.file_requests(article)
        text = response.text
        yield from self.follow_links(response, text)
        yield from self.follow_postbacks(response, text)

    def file_requests(self, article: Article) -> Iterator[scrapy.Request]:
        for image in article.images:
            yield scrapy.Request(image.url, callback=self.parse_file, cb_kwargs={"kind": "image"})
        for attachment in article.attachments:
            yield scrapy.Request(
                attachment.url, callback=self.parse_file, cb_kwargs={"kind": "attachment"}
            )

    def parse_file(self, response: Response, kind: str) -> Iterator[FileItem]:
        mime = response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0] or None
        self.crawler.stats.inc_value(f"portal/{kind}s_fetched")
        yield FileItem(kind, response.url, response.body, mime)

    def follow_links(self, response: Response, text: str) -> Iterator[scrapy.Request]:
        base = BASE_HREF.search(text)
        base_url = urljoin(response.url, html.unescape(base.group(1))) if base else response.url
        for match in HREF.finditer(text):
            href = html.unescape(match.group(1) or match.group(2) or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = clean_url(urljoin(base_url, href))
            if is_followable(url, self.hosts):
                yield scrapy.Request(url, callback=self.parse)

    def follow_postbacks(self, response: Response, text: str) -> Iterator[scrapy.Request]:
        """ASP.NET pagers are `javascript:__doPostBack(target, 'Page$2')` links: the next page
        exists only as the form posted back with its hidden fields (view state) and the event."""
        if "__doPostBack" not in text:
            return
        form = response.css("form#aspnetForm") or response.css("form")
        if not form:
            return
        for href in response.xpath("//a/@href[contains(., '__doPostBack')]").getall():
            event = parse_postback(href)
            if event is None or not PAGER_ARGUMENT.match(event[1]):
                continue
            key = (url_key(response.url), *event)
            if key in self._postbacks_seen:
                continue
            self._postbacks_seen.add(key)
            data = {"__EVENTTARGET": event[0], "__EVENTARGUMENT": event[1]}
            request = form2request(form[0], data, click=False)
            yield request.to_scrapy(callback=self.parse, dont_filter=True)
