"""A downloader middleware that refuses, before anything else sees a request, what its URL
alone shows it may not fetch (issue 18): a scheme other than http and https, or a host written
as an address that is not public and not the portal's (`addresses.AddressPolicy`). Every
request passes here: pages, images, attachments, each redirect's next hop, postbacks,
revalidations, and robots.txt (which is therefore not asked of a refused host either).

Names are judged where they are resolved, at connect time (`downloads.GuardedDownloadHandler`);
through an operator's HTTP proxy, which resolves names itself, this is the only check."""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request

from portal_archive.crawl.addresses import count_refusal, crawl_policy, parse_networks, refusal

logger = logging.getLogger(__name__)


class RequestGuard:
    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RequestGuard:
        # A mistyped network fails the crawl's start, not each request.
        parse_networks(crawler.settings.getlist("ALLOWED_PRIVATE_NETWORKS"))
        return cls(crawler)

    def process_request(self, request: Request) -> None:
        refused = refusal(request.url, crawl_policy(self.crawler))
        if refused is None:
            return
        count_refusal(self.crawler.stats, refused)
        logger.warning("not fetched: %s", refused)
        raise refused
