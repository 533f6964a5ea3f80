"""Downloader middlewares: retries that wait before trying a struggling server again, riding
out a server's outage, and giving up on a server that stays down."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom

from portal_archive import stats as keys
from portal_archive.extract.decode import undeclared_charset

logger = logging.getLogger(__name__)

DELAY_KEY = "retry_backoff_delay"


def retry_after_seconds(value: bytes | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry, but the retry waits: `RETRY_BACKOFF_BASE * 2**(n-1)` seconds, capped at
    `RETRY_BACKOFF_MAX`, or what the server's `Retry-After` asks on 429/503 (same cap).
    Government servers that fail under load recover with time, not with an instant retry."""

    def __init__(self, settings: Any) -> None:
        super().__init__(settings)
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX")

    def _delay(self, retry: Request, response: Response | None) -> float:
        attempt = retry.meta.get("retry_times", 1)
        delay = self.backoff_base * 2 ** (attempt - 1)
        if response is not None:
            asked = retry_after_seconds(response.headers.get(b"Retry-After"))
            if asked is not None:
                delay = asked
        return float(min(delay, self.backoff_max))

    def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        result = super().process_response(request, response)
        if isinstance(result, Request):
            result.meta[DELAY_KEY] = self._delay(result, response)
        return result

    def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        if isinstance(result, Request):
            result.meta[DELAY_KEY] = self._delay(result, None)
        return result

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop(DELAY_KEY, 0)
        if delay:
            logger.debug("waiting %.1fs before retrying %s", delay, request.url)
            await asyncio.sleep(delay)


# How often a request held back by a paused host looks again.
PAUSE_POLL_SECONDS = 0.5
# When the circuit breaker let a request go to the host.
SENT_KEY = "_portal_sent_at"


@dataclass
class Outage:
    """A host's current run of failed attempts."""

    started: float
    failures: int = 0
    pauses: int = 0
    resume_at: float = 0.0
    probing: bool = False  # one request was let through after a pause


class HostCircuitBreaker:
    """Rides out a host's outage, then gives up on it. After `HOST_MAX_FAILURES` failed attempts
    in a row (5xx answers or network errors, retries included; any answer to a request sent
    after the run began ends it) the
    host is paused: no request goes to it for `HOST_PAUSE_BASE` seconds, doubling (up to
    `HOST_PAUSE_MAX`) each time the one request let through after a pause fails too. Requests
    that fail meanwhile go back to the queue without using up their retries, so nothing is lost
    to an outage. Once the run of failures has lasted `HOST_OUTAGE_BUDGET` seconds the host is
    given up on: its pending requests are dropped and the health monitor raises an alarm (the
    next crawl walks the listings again)."""

    def __init__(
        self, stats: Any, limit: int, budget: float, pause_base: float, pause_max: float
    ) -> None:
        self.stats = stats
        self.limit = limit
        self.budget = budget
        self.pause_base = pause_base
        self.pause_max = pause_max
        self.outages: dict[str, Outage] = {}
        self.given_up: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> HostCircuitBreaker:
        settings = crawler.settings
        limit = settings.getint("HOST_MAX_FAILURES")
        if limit <= 0:
            raise NotConfigured
        budget, base, most = (
            settings.getfloat(name)
            for name in ("HOST_OUTAGE_BUDGET", "HOST_PAUSE_BASE", "HOST_PAUSE_MAX")
        )
        return cls(crawler.stats, limit, budget, base, most)

    async def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        while True:
            if host in self.given_up:
                self.stats.inc_value(keys.REQUESTS_DROPPED_HOST_DOWN)
                raise IgnoreRequest(f"gave up on {host}")
            outage = self.outages.get(host)
            wait = 0.0 if outage is None else outage.resume_at - time.monotonic()
            if wait <= 0:
                if outage is not None and outage.pauses:
                    # This one probes the host; the others wait for its answer (or, should it
                    # vanish, for another pause).
                    outage.probing = True
                    outage.resume_at = time.monotonic() + self.pause(outage.pauses)
                request.meta[SENT_KEY] = time.monotonic()
                return
            await asyncio.sleep(min(wait, PAUSE_POLL_SECONDS))

    def process_response(self, request: Request, response: Response) -> Request | Response:
        host = urlsplit(request.url).hostname or ""
        if response.status >= 500:
            return self.failed(request, host) or response
        self.answered(host, request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if isinstance(exception, IgnoreRequest | DownloadCancelledError):
            return None  # dropped or refused by us, not a failure of the host
        return self.failed(request, urlsplit(request.url).hostname or "")

    def answered(self, host: str, request: Request) -> None:
        outage = self.outages.get(host)
        if outage is None:
            return
        sent = request.meta.get(SENT_KEY)
        if sent is not None and sent < outage.started:
            # Sent before the failures began, this answer says nothing of the host now: a
            # server going down still finishes the pages it was serving.
            return
        del self.outages[host]
        if outage.pauses:
            self.stats.inc_value(keys.OUTAGE_FAILURES_RIDDEN_OUT, outage.failures)
            logger.warning(
                "%s answers again after %.0fs of failures",
                host,
                time.monotonic() - outage.started,
            )

    def pause(self, pauses: int) -> float:
        return float(min(self.pause_base * 2 ** max(pauses - 1, 0), self.pause_max))

    def failed(self, request: Request, host: str) -> Request | None:
        """None lets retries handle the failure; a Request goes back to the queue."""
        now = time.monotonic()
        outage = self.outages.setdefault(host, Outage(started=now))
        outage.failures += 1
        if host in self.given_up or outage.failures < self.limit:
            return None
        lasted = now - outage.started
        if lasted >= self.budget:
            self.give_up(host, outage, lasted)
            return None
        if not outage.pauses or outage.probing or now >= outage.resume_at:
            outage.pauses += 1
            outage.probing = False
            pause = self.pause(outage.pauses)
            outage.resume_at = min(now + pause, outage.started + self.budget)
            logger.warning(
                "%s failed %d times in a row over %.0fs: pausing it for %.0fs",
                host,
                outage.failures,
                lasted,
                outage.resume_at - now,
            )
        self.stats.inc_value(keys.OUTAGE_REQUEUED)
        meta = {k: v for k, v in request.meta.items() if k not in ("retry_times", DELAY_KEY)}
        return request.replace(meta=meta, dont_filter=True)

    def give_up(self, host: str, outage: Outage, lasted: float) -> None:
        self.given_up.add(host)
        logger.error(
            "giving up on %s after %d failures in a row over %.0fs",
            host,
            outage.failures,
            lasted,
        )
        self.stats.set_value(keys.HOSTS_GIVEN_UP, sorted(self.given_up))
        self.stats.set_value(keys.OUTAGE_SECONDS, round(lasted))


class CertificateWatch:
    """Crawls on through expired or self-signed TLS certificates (Scrapy does not verify them,
    and provincial portals do serve expired ones) but says so: one warning per host, and the
    hosts in the crawl's stats (`portal/tls_expired_hosts`)."""

    def __init__(self, stats: Any) -> None:
        self.stats = stats
        self.checked: set[str] = set()
        self.expired: list[str] = []

    @classmethod
    def from_crawler(cls, crawler: Any) -> CertificateWatch:
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response) -> Response:
        certificate = getattr(response, "certificate", None)
        host = urlsplit(request.url).hostname or ""
        if certificate is None or host in self.checked:
            return response
        self.checked.add(host)
        x509 = certificate.original
        if x509.has_expired():
            not_after = (x509.get_notAfter() or b"").decode("ascii", "replace")
            logger.warning(
                "TLS certificate of %s expired (notAfter %s); crawling on", host, not_after
            )
            self.expired.append(host)
            self.stats.set_value(keys.TLS_EXPIRED_HOSTS, list(self.expired))
        return response


class UndeclaredCharset:
    """Gives Scrapy the extractor's last resort for a page that declares no charset (no BOM,
    header or meta): `extract.decode.undeclared_charset`, windows-1258 when it is not UTF-8, where
    Scrapy would guess (windows-1250 on 27 of 70 pages in `bench/decoding.py`). It runs before
    `MetaRefreshMiddleware` reads `response.text` (see `settings.DOWNLOADER_MIDDLEWARES`), so that
    Scrapy decodes the page once, as the extractor would, and the spider hands that text on."""

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse) or self.declared(response):
            return response
        return response.replace(encoding=undeclared_charset(response.body))

    @staticmethod
    def declared(response: HtmlResponse) -> bool:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        return bool(
            read_bom(response.body)[0]
            or http_content_type_encoding(content_type)
            or html_body_declared_encoding(response.body)
        )
