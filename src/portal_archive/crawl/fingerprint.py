"""Request fingerprints that see `/Pages/A.aspx` and `/pages/a.aspx?Source=...` as one page."""

from __future__ import annotations

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Request

from portal_archive.crawl.urls import url_key


class PortalRequestFingerprinter:
    """IIS answers the same page for every case spelling of a path, and `?Source=` variants
    are one page too: fingerprint the canonical key (plus method and body, for postbacks)."""

    def __init__(self) -> None:
        self._cache: WeakKeyDictionary[Request, bytes] = WeakKeyDictionary()

    @classmethod
    def from_crawler(cls, crawler: Any) -> PortalRequestFingerprinter:
        return cls()

    def fingerprint(self, request: Request) -> bytes:
        if request not in self._cache:
            key = url_key(request.url)
            digest = hashlib.sha1(request.method.encode())
            digest.update(key.encode())
            digest.update(request.body or b"")
            hops = request.meta.get("redirect_urls") or ()
            if any(url_key(hop) == key for hop in hops):
                # A redirect back to a page of its own chain: ASP.NET adding a cookieless
                # session segment to the same page, or a loop. The dupefilter must let it
                # through (the page is fetched; a loop ends at REDIRECT_MAX_TIMES, recorded).
                digest.update(f"\0redirect hop {len(hops)}".encode())
            self._cache[request] = digest.digest()
        return self._cache[request]
