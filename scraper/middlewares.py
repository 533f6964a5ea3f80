"""Downloader middlewares: retries that wait before trying a struggling server again, and
giving up on a server that keeps failing."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

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
        self.backoff_base = settings.getfloat("RETRY_BACKOFF_BASE", 1.0)
        self.backoff_max = settings.getfloat("RETRY_BACKOFF_MAX", 60.0)

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


class HostCircuitBreaker:
    """Gives up on a host after `HOST_MAX_FAILURES` failed attempts in a row (5xx answers or
    network errors, retries included; any success resets the count): a portal that is down is
    not hammered for the rest of the crawl. Its pending requests and retries are dropped, and
    the crawl's health monitor raises an alarm."""

    def __init__(self, stats: Any, limit: int) -> None:
        self.stats = stats
        self.limit = limit
        self.failures: Counter[str] = Counter()
        self.given_up: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Any) -> HostCircuitBreaker:
        limit = crawler.settings.getint("HOST_MAX_FAILURES", 20)
        if limit <= 0:
            raise NotConfigured
        return cls(crawler.stats, limit)

    def process_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if host in self.given_up:
            self.stats.inc_value("portal/requests_dropped_host_down")
            raise IgnoreRequest(f"gave up on {host}")

    def process_response(self, request: Request, response: Response) -> Response:
        host = urlsplit(request.url).hostname or ""
        if response.status >= 500:
            self.failed(host)
        else:
            self.failures[host] = 0
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not isinstance(exception, IgnoreRequest):
            self.failed(urlsplit(request.url).hostname or "")

    def failed(self, host: str) -> None:
        self.failures[host] += 1
        if self.failures[host] >= self.limit and host not in self.given_up:
            self.given_up.add(host)
            logger.error("giving up on %s after %d failures in a row", host, self.failures[host])
            self.stats.set_value("portal/hosts_given_up", sorted(self.given_up))


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
            self.stats.set_value("portal/tls_expired_hosts", list(self.expired))
        return response
