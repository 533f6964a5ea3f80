"""The generic SharePoint portal spider: crawl policy only; extraction and storage live elsewhere.

Spider arguments (the CLI passes them through `portal_archive.crawl.runner`):
  portal_id     archive id of the portal (required)
  start_urls    where the crawl begins
  hosts         host names whose links are followed (default: the start URLs' hosts)
  known         archived articles: url key (`urls.url_key`) -> the URL as archived
  seen          url keys of pages fetched by earlier crawls (to tell new pages from old)
  skip_known    do not fetch archived articles again (incremental crawls; False for --full)
  stop_paging   stop paging a listing once it shows a run of `INCREMENTAL_STOP_AFTER`
                archived articles (only after a complete earlier crawl)
  revalidate    archived articles to re-fetch with conditional GET: dicts of url, etag,
                last_modified
  media         image and attachment URLs whose bytes the archive still lacks
  settled       url keys of pages not to visit this time: recently fetched, not articles, and
                they led to no article (introductions, contact pages, dead navigation)
  signature     the archive's rows of the portal's `StructureSignature` (what its article pages
                are built of), learned further by this crawl
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Generator, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import scrapy
from form2request import form2request
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response, TextResponse
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectError, ConnectionDone, ConnectionLost, DNSLookupError
from twisted.internet.error import TimeoutError as TxTimeoutError
from twisted.python.failure import Failure

from portal_archive import stats as keys
from portal_archive.archive.store import EXTRACTOR_ERROR, UNEXTRACTED
from portal_archive.crawl import media
from portal_archive.crawl.addresses import REFUSALS, REFUSED_SCHEME, RefusedRequest
from portal_archive.crawl.extract_pool import ExtractorPool
from portal_archive.crawl.items import (
    NO_HTTP_STATUS,
    ArticleItem,
    ArticleStateItem,
    FetchItem,
    FileItem,
)
from portal_archive.crawl.links import PageLinks, TrapGuard
from portal_archive.crawl.monitors import ARTICLE_LIKE_PAGES, UNEXTRACTED_PAGES
from portal_archive.crawl.urls import PAGING_PARAMS, looks_like_article, request_url, url_key
from portal_archive.extract import MAX_PAGE_BYTES
from portal_archive.extract.page_kind import (
    ERROR,
    HOME,
    LISTING,
    PageKind,
    StructureSignature,
    kind_of,
)
from portal_archive.model import Article

# Statuses a revalidation or a fetch must see rather than have filtered out.
REVALIDATION_STATUSES = [304, 404, 410]


def paging_signature(url: str) -> tuple[str, frozenset[tuple[str, str]]]:
    """A listing page's identity without its paging parameters."""
    parts = urlsplit(url)
    rest = frozenset(
        (k.lower(), v) for k, v in parse_qsl(parts.query) if k.lower() not in PAGING_PARAMS
    )
    return parts.path.lower(), rest


# Why a fetch failed, as `fetches.reason`: the first matching exception type wins.
FAILURE_REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadCancelledError, CancelledError), "too_large"),  # over download_maxsize
    ((DownloadTimeoutError, TimeoutError, TxTimeoutError), "timeout"),
    ((DownloadConnectionRefusedError, ConnectionRefusedError, ConnectError), "connection_refused"),
    ((CannotResolveHostError, DNSLookupError), "dns_error"),
    (
        (ResponseDataLossError, DownloadFailedError, ConnectionLost, ConnectionDone),
        "connection_lost",
    ),
)


def failure_reason(error: BaseException) -> str | None:
    """`fetches.reason` of a failed fetch; None for a request that was never sent."""
    if isinstance(error, RefusedRequest):
        return error.reason
    if isinstance(error, IgnoreRequest):
        # HttpCompressionMiddleware refuses a body that inflates past download_maxsize, and
        # RedirectMiddleware a chain past REDIRECT_MAX_TIMES, with a bare IgnoreRequest; every
        # other IgnoreRequest is a request we chose not to send.
        if "during decompression" in str(error):
            return "decompression_bomb"
        return "redirect_loop" if "max redirections" in str(error) else None
    for types, reason in FAILURE_REASONS:
        if isinstance(error, types):
            return reason
    return "fetch_error"


def page_request(url: str, **kwargs: Any) -> scrapy.Request:
    """A request for an HTML page: cut off at the extractor's page limit while downloading
    (and while decompressing), while images and attachments keep `DOWNLOAD_MAXSIZE`."""
    meta = {"download_maxsize": MAX_PAGE_BYTES, **kwargs.pop("meta", {})}
    return scrapy.Request(url, meta=meta, **kwargs)


def header_dict(response: Response) -> dict[str, str]:
    return {
        key.decode("latin-1"): b", ".join(values).decode("latin-1")
        for key, values in response.headers.items()
    }


def fetch_item(
    response: Response,
    now: datetime,
    *,
    keep_payload: bool = False,
    reason: str | None = None,
    page_kind: PageKind | None = None,
) -> FetchItem:
    return FetchItem(
        response.url,
        response.request.method if response.request else "GET",
        response.status,
        header_dict(response),
        response.body if response.status != 304 else None,
        now,
        keep_payload=keep_payload,
        reason=reason,
        referer=referer_of(response.request),
        page_kind=page_kind,
    )


def redirect_hops(response: Response, now: datetime) -> Iterator[FetchItem]:
    """A `fetches` row for each redirect that led to `response` (its status, no body)."""
    hops = response.meta.get("redirect_urls") or []
    statuses = response.meta.get("redirect_reasons") or []
    referer = referer_of(response.request)
    for url, status in zip(hops, statuses, strict=False):
        code = status if isinstance(status, int) else NO_HTTP_STATUS
        yield FetchItem(url, "GET", code, {}, None, now, reason="redirect", referer=referer)


def referer_of(request: scrapy.Request | None) -> str | None:
    """The page whose link led to `request` (Scrapy's RefererMiddleware sets the header)."""
    value = request.headers.get(b"Referer") if request is not None else None
    return value.decode("latin-1") if value else None


class SharePointSpider(scrapy.Spider):
    name = "sharepoint"

    def __init__(
        self,
        portal_id: str = "",
        start_urls: Iterable[str] = (),
        hosts: Iterable[str] = (),
        known: dict[str, str] | None = None,
        seen: Iterable[str] = (),
        skip_known: bool = True,
        stop_paging: bool = False,
        revalidate: Iterable[dict[str, Any]] = (),
        media: Iterable[tuple[str, str]] = (),
        settled: Iterable[str] = (),
        signature: Iterable[tuple[str, int, int]] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        if not portal_id:
            raise ValueError("SharePointSpider needs a portal_id")
        self.portal_id = portal_id
        self.start_urls = [request_url(u) for u in start_urls]
        if not self.start_urls:
            raise ValueError("SharePointSpider needs at least one start URL")
        self.hosts = tuple(h.lower() for h in hosts) or tuple(
            dict.fromkeys((urlsplit(u).hostname or "").lower() for u in self.start_urls)
        )
        self.known = dict(known or {})
        self.seen = set(seen)
        self.skip_known = skip_known
        self.stop_paging = stop_paging
        self.revalidate = list(revalidate)
        self.media = list(media)
        self.settled = set(settled)
        self.signature = StructureSignature.from_rows(signature)
        # Pages that gave no article before the signature could be learned (class names by
        # URL): judged when the crawl closes (`judge_pending`); the runner records the misses.
        self._pending: dict[str, frozenset[str]] = {}
        self.late_unextracted: list[tuple[str, str]] = []  # (url, kind_reason)
        self._postbacks_seen: set[tuple[str, str, str]] = set()
        # Every page repeats the portal's ~80 navigation links: deciding once per URL here is
        # far cheaper than a Request, the middlewares and the scheduler's dupefilter per link.
        self._requested: set[str] = set()
        self._files: dict[str, str] = {}  # url key -> the spelling first asked for (files)
        self.extractor = ExtractorPool(0)  # replaced in from_crawler by the configured pool
        self.traps = TrapGuard()  # replaced in start() with the configured bounds and stats

    @property
    def stop_after(self) -> int:
        return self.crawler.settings.getint("INCREMENTAL_STOP_AFTER")

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.open_traps()
        for request in self.seed_requests():
            yield request

    def open_traps(self) -> None:
        settings = self.crawler.settings  # crawler.stats exists once the crawl has started
        self.traps = TrapGuard(
            settings.getint("TRAP_MAX_VARIANTS"),
            settings.getint("TRAP_MAX_DEPTH"),
            self.crawler.stats,
        )

    def seed_requests(self) -> Iterator[scrapy.Request]:
        """What the plan asks for first: start URLs, revalidations, missing media."""
        for url in self.start_urls:
            self._requested.add(url_key(url))
            yield page_request(url, callback=self.parse, errback=self.failed)
        for row in self.revalidate:
            yield self.revalidation_request(row)
        for kind, url in self.media:
            # Others were decoded or refused by the crawl that found them (issue 18).
            if media.is_fetchable(url):
                self._files.setdefault(url_key(url), url)
                yield from self.file_request(kind, url)

    def revalidation_request(self, row: dict[str, Any]) -> scrapy.Request:
        headers = {}
        if row.get("etag"):
            headers["If-None-Match"] = row["etag"]
        if row.get("last_modified"):
            headers["If-Modified-Since"] = row["last_modified"]
        return page_request(
            row["url"],
            callback=self.parse,
            errback=self.failed,
            headers=headers,
            meta={"handle_httpstatus_list": REVALIDATION_STATUSES, "revalidating": True},
        )

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> SharePointSpider:
        spider: SharePointSpider = super().from_crawler(crawler, *args, **kwargs)
        spider.extractor = ExtractorPool.acquire(crawler.settings.getint("EXTRACT_WORKERS"))
        crawler.signals.connect(spider.extractor.release, signal=signals.spider_closed)
        return spider

    async def parse(self, response: Response) -> AsyncIterator[Any]:
        now = datetime.now(UTC)
        if response.status != 200 or not isinstance(response, TextResponse):
            kind: PageKind | None = None
            if response.status != 304:
                kind = self.count_kind(kind_of(None, response.url, response.status))
            yield fetch_item(response, now, page_kind=kind)
            for item in self.not_ok(response, now):
                yield item
            return
        article, links, crash = await self.extractor.analyse(
            response.text, response.url, self.hosts
        )
        for hop in redirect_hops(response, now):
            yield hop
        kind = kind_of(links.evidence, response.url, 200, article.kind if article else None)
        reason: str | None
        if crash:
            reason = self.crashed(response, crash)
            kind = PageKind(kind.kind, f"{kind.reason}; the extractor crashed")
        else:
            reason, kind = self.miss(response, article, kind, links)
        self.count_kind(kind)
        yield fetch_item(response, now, keep_payload=True, reason=reason, page_kind=kind)
        for item in self.parse_page(response, article, links, now):
            yield item

    def count_kind(self, kind: PageKind) -> PageKind:
        self.crawler.stats.inc_value(keys.page_kind(kind.kind))
        return kind

    def miss(
        self, response: TextResponse, article: Article | None, kind: PageKind, links: PageLinks
    ) -> tuple[str | None, PageKind]:
        """`unextracted` for a page that gave no article but looks like an article page: by
        its URL (`urls.looks_like_article`), or built like the portal's pages that did give one
        (`StructureSignature`), whatever its URL. Recorded with its fetch (the kind's reason
        says which), counted for the alarm, retried by `reextract`. The pages that give an
        article teach the signature; a page seen before it is known is judged at the end."""
        names = links.evidence.names if links.evidence else frozenset()
        stats = self.crawler.stats
        if article is not None:
            self.signature.learn_article(names)
            stats.inc_value(ARTICLE_LIKE_PAGES)
            return None, kind
        if kind.kind == HOME:
            self.signature.learn_home(names)
        if kind.kind in (HOME, ERROR):
            return None, kind
        # A listing often shares the article pages' template (the same master page, a list
        # web part where the news part would be): its structure proves nothing, its URL may.
        by_structure = self.signature.matches(names) if kind.kind != LISTING else None
        by_url = looks_like_article(response.url)
        if not (by_url or by_structure):
            if kind.kind != LISTING and not self.signature.names():
                self._pending[response.url] = names
            return None, kind
        stats.inc_value(ARTICLE_LIKE_PAGES)
        stats.inc_value(UNEXTRACTED_PAGES)
        why = by_structure or "its URL looks like an article's"
        return UNEXTRACTED, PageKind(kind.kind, f"{kind.reason}; {why}")

    def judge_pending(self) -> None:
        """The pages that gave no article before the signature was learned, judged by it now."""
        signature = self.signature.names()
        for url, names in self._pending.items():
            why = self.signature.matches(names, signature)
            if why:
                self.late_unextracted.append((url, why))
        self._pending.clear()
        if self.late_unextracted:
            for key in (ARTICLE_LIKE_PAGES, UNEXTRACTED_PAGES, keys.LATE_UNEXTRACTED):
                self.crawler.stats.inc_value(key, len(self.late_unextracted))

    def closed(self, reason: str) -> None:
        # spider_closed reaches the spider before the monitors (connected first): the alarm
        # counts the late misses too.
        self.judge_pending()

    def crashed(self, response: TextResponse, crash: str) -> str:
        """`extractor_error`: a bug of ours, never taken for a page that is not an article.
        Counted and named for the alarm, listed by `unextracted_pages`, retried by `reextract`."""
        self.logger.warning("the extractor crashed on %s: %s", response.url, crash)
        self.crawler.stats.inc_value(keys.EXTRACTOR_ERRORS)
        self.crawler.stats.set_value(keys.EXTRACTOR_ERROR_LAST, crash)
        return EXTRACTOR_ERROR

    def not_ok(self, response: Response, now: datetime) -> Iterator[ArticleStateItem]:
        stats = self.crawler.stats
        if response.status == 304:
            stats.inc_value(keys.NOT_MODIFIED)
            yield ArticleStateItem(response.url, "not_modified", now)
        elif response.status in (404, 410) and response.meta.get("revalidating"):
            stats.inc_value(keys.ARTICLES_GONE)
            yield ArticleStateItem(response.url, "gone", now)

    def parse_page(
        self, response: TextResponse, article: Article | None, links: PageLinks, now: datetime
    ) -> Iterator[Any]:
        stats = self.crawler.stats
        key = url_key(response.url)
        known = key in self.known
        if known:
            stats.inc_value(keys.KNOWN_ARTICLES_REFETCHED)
        elif key not in self.seen:
            stats.inc_value(keys.UNKNOWN_PAGES)
        if article is None:
            stats.inc_value(keys.PAGES_NOT_ARTICLE)
            if known:
                stats.inc_value(keys.KNOWN_ARTICLES_LOST)
        else:
            if known:  # keep the spelling it was archived under: one article, one URL
                article.url = self.known[key]
            self.count_article(article)
            self.same_file_spelling(article)
            yield ArticleItem(self.portal_id, article, now)
            yield from self.file_requests(article)
        follow_pages = yield from self.follow_links(response, links)
        if follow_pages and links.pager_events:
            yield from self.follow_postbacks(response, links.pager_events)

    def failed(self, failure: Failure) -> Iterator[FetchItem]:
        """A request that got no answer (after retries) or whose answer was refused: a
        `fetches` row with the reason, and one log line, not a traceback, since flaky
        government servers make these routine; the stats count them for the alarms."""
        request = getattr(failure, "request", None)
        reason = failure_reason(failure.value) if failure.value is not None else None
        if reason is None or request is None:
            return  # not fetched: robots.txt, a host given up on
        kind: PageKind | None = None
        if reason not in REFUSALS:  # a refusal is ours, counted and logged where it was made
            self.crawler.stats.inc_value(keys.FETCH_FAILURES)
            self.crawler.stats.inc_value(keys.fetch_failures(reason))
            self.logger.error(
                "no answer from %s (%s): %s", request.url, reason, failure.getErrorMessage()
            )
            if request.callback == self.parse:  # a page, not an image or attachment
                kind = self.count_kind(PageKind(ERROR, f"no answer ({reason})"))
        yield FetchItem(
            request.url,
            request.method,
            NO_HTTP_STATUS,
            {},
            None,
            datetime.now(UTC),
            reason=reason,
            referer=referer_of(request),
            page_kind=kind,
        )

    def count_article(self, article: Article) -> None:
        stats = self.crawler.stats
        stats.inc_value(keys.ARTICLES_EXTRACTED)
        if article.published is not None:
            stats.inc_value(keys.articles_with("date"))
        if article.author:
            stats.inc_value(keys.articles_with("author"))

    def same_file_spelling(self, article: Article) -> None:
        """An image or attachment already asked for under another spelling (`/Tin-Tuc/a.jpg`
        and `/tin-tuc/a.jpg` are one file on IIS) keeps that spelling: the second request is a
        duplicate to Scrapy, so only the first spelling's bytes arrive to be linked."""
        article.images = [
            image
            if media.is_inline(image.url)  # its bytes are in its URL: no other spelling
            else replace(image, url=self._files.setdefault(url_key(image.url), image.url))
            for image in article.images
        ]
        article.attachments = [
            replace(file, url=self._files.setdefault(url_key(file.url), file.url))
            for file in article.attachments
        ]

    def file_requests(self, article: Article) -> Iterator[Any]:
        for image in article.images:
            yield from self.file_request("image", image.url, article.url)
        for attachment in article.attachments:
            yield from self.file_request("attachment", attachment.url, article.url)

    def file_request(self, kind: str, url: str, referer: str | None = None) -> Iterator[Any]:
        """The request for an image or attachment; only http(s) is requested (issue 18): a
        `data:` image is decoded from its page, any other scheme is recorded as refused."""
        stats = self.crawler.stats
        if media.is_fetchable(url):
            yield scrapy.Request(
                url, callback=self.parse_file, errback=self.failed, cb_kwargs={"kind": kind}
            )
        elif kind == "image" and media.is_inline(url):
            image = media.inline_image(url, self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            if isinstance(image, str):
                stats.inc_value(keys.media_refused(image))
            else:
                stats.inc_value(keys.files_fetched(kind))
                yield image
        else:
            stats.inc_value(keys.REQUESTS_REFUSED)
            stats.inc_value(keys.requests_refused(REFUSED_SCHEME))
            yield media.refused_fetch(url, datetime.now(UTC), referer)

    def parse_file(self, response: Response, kind: str) -> Iterator[Any]:
        now = datetime.now(UTC)
        method = response.request.method if response.request else "GET"
        refused = media.image_refusal(kind, response.body) if response.status == 200 else None
        headers = header_dict(response)
        yield FetchItem(response.url, method, response.status, headers, None, now, reason=refused)
        if refused is not None:
            self.crawler.stats.inc_value(keys.media_refused(refused))
        if response.status != 200 or refused is not None:
            return
        content_type = response.headers.get(b"Content-Type") or b""
        mime = content_type.decode("latin-1").split(";")[0] or None
        self.crawler.stats.inc_value(keys.files_fetched(kind))
        yield FileItem(kind, response.url, response.body, mime)

    def follow_links(
        self, response: Response, links: PageLinks
    ) -> Generator[scrapy.Request, None, bool]:
        """Follow the page's links. Archived articles are not fetched again (incremental), nor
        are settled pages (see `runner.settled_pages`), and a listing that shows a run of
        archived articles is not paged further: listings are newest first, so what lies behind
        the run was archived by an earlier complete crawl. Returns whether paging links were
        followed."""
        here = paging_signature(response.url)
        here_key = url_key(response.url)
        run = longest = 0
        paging: list[tuple[str, str]] = []
        for url, key in links.links:
            if key in self.known:
                run += 1
                longest = max(longest, run)
                if self.skip_known:
                    self.crawler.stats.inc_value(keys.KNOWN_LINKS_SKIPPED)
                    continue
            else:
                run = 0
            if key in self._requested or not self.traps.allow(url, response.url):
                continue
            if key in self.settled:
                self.crawler.stats.inc_value(keys.SETTLED_PAGES_SKIPPED)
                continue
            if key != here_key and paging_signature(url) == here:
                paging.append((key, url))
                continue
            self._requested.add(key)
            yield page_request(url, callback=self.parse, errback=self.failed)
        if self.stop_paging and longest >= self.stop_after:
            self.crawler.stats.inc_value(keys.PAGING_STOPPED)
            return False
        for key, url in paging:
            self._requested.add(key)
            yield page_request(url, callback=self.parse, errback=self.failed)
        return True

    def first_postback(self, page: str, target: str, argument: str) -> bool:
        """Whether this pager event of this page is new to the crawl (and now seen)."""
        key = (page, target, argument)
        if key in self._postbacks_seen:
            return False
        self._postbacks_seen.add(key)
        return True

    def follow_postbacks(
        self, response: Response, events: list[tuple[str, str]]
    ) -> Iterator[scrapy.Request]:
        """ASP.NET pagers are `javascript:__doPostBack(target, 'Page$2')` links: the next page
        exists only as the form posted back with its hidden fields (view state) and the event."""
        form = response.css("form#aspnetForm") or response.css("form")
        if not form:
            return
        for event in events:
            if not self.first_postback(url_key(response.url), *event):
                continue
            data = {"__EVENTTARGET": event[0], "__EVENTARGUMENT": event[1]}
            request = form2request(form[0], data, click=False)
            postback = request.to_scrapy(callback=self.parse, errback=self.failed, dont_filter=True)
            postback.meta["download_maxsize"] = MAX_PAGE_BYTES
            yield postback
