"""Request fingerprints that see `/Pages/A.aspx` and `/pages/a.aspx?Source=...` as one page."""

from __future__ import annotations

import hashlib
from typing import Any
from weakref import WeakKeyDictionary

from scrapy import Request

from scraper.urls import url_key


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
            digest = hashlib.sha1(request.method.encode())
            digest.update(url_key(request.url).encode())
            digest.update(request.body or b"")
            self._cache[request] = digest.digest()
        return self._cache[request]
