"""The crawl's stats vocabulary: every key our code sets in Scrapy's stats, in one place.

`portal/…` is what the spider and its middlewares saw, `archive/…` what was written, `alarm/…`
what the monitors judged. The `crawls` row keeps them; the summary line and the alarms read them.
"""

from __future__ import annotations

# What the spider saw.
ARTICLES_EXTRACTED = "portal/articles_extracted"
PAGES_NOT_ARTICLE = "portal/pages_not_article"
UNKNOWN_PAGES = "portal/unknown_pages"
KNOWN_ARTICLES_REFETCHED = "portal/known_articles_refetched"
KNOWN_ARTICLES_LOST = "portal/known_articles_lost"
KNOWN_LINKS_SKIPPED = "portal/known_links_skipped"
SETTLED_PAGES_SKIPPED = "portal/settled_pages_skipped"
PAGING_STOPPED = "portal/paging_stopped"
NOT_MODIFIED = "portal/not_modified"
ARTICLES_GONE = "portal/articles_gone"
# Pages that gave an article, or gave none but look like an article page: by their URL
# (`urls.looks_like_article`) or their structure (`extract.page_kind.StructureSignature`).
ARTICLE_LIKE_PAGES = "portal/article_like_pages"
UNEXTRACTED_PAGES = "portal/unextracted_pages"  # ... of which gave no article
# Pages that gave no article but are built like the portal's article pages (issue 19), judged
# at the end of the crawl because the structure was learned only later; in UNEXTRACTED_PAGES too.
LATE_UNEXTRACTED = "portal/unextracted_pages_late"
FETCH_FAILURES = "portal/fetch_failures"
# Pages on which the extractor crashed (recorded as `extractor_error`), and the newest crash, named.
EXTRACTOR_ERRORS = "portal/extractor_errors"
EXTRACTOR_ERROR_LAST = "portal/extractor_error_last"
# Transport.
HOSTS_GIVEN_UP = "portal/hosts_given_up"
OUTAGE_SECONDS = "portal/outage_seconds"
OUTAGE_REQUEUED = "portal/outage_requeued"  # failed attempts sent back while a host was paused
# Every failed attempt of an outage the crawl rode out, counted when the host answers again.
OUTAGE_FAILURES_RIDDEN_OUT = "portal/outage_failures_ridden_out"
REQUESTS_DROPPED_HOST_DOWN = "portal/requests_dropped_host_down"
TLS_EXPIRED_HOSTS = "portal/tls_expired_hosts"
# Requests not sent (issue 18): a scheme other than http(s), an address not the portal's.
REQUESTS_REFUSED = "portal/requests_refused"
# Media whose bytes were not stored: an "image" that is not a raster image, a bad `data:` URL.
MEDIA_REFUSED = "portal/media_refused"
TRAP_PATHS_BOUNDED = "portal/trap_paths_bounded"
TRAP_LINKS_DROPPED = "portal/trap_links_dropped"
# What was written.
ARTICLES_NEW = "archive/articles_new"
ARTICLES_CHANGED = "archive/articles_changed"
ARTICLES_UNCHANGED = "archive/articles_unchanged"
IMAGES_STORED = "archive/images_stored"
ATTACHMENTS_STORED = "archive/attachments_stored"
CRAWL_ID = "archive/crawl_id"
WRITE_ERROR = "archive/write_error"
# What the monitors judged.
ALARMS = "alarm/messages"
# What they noted without an alarm: a first crawl's low field coverage sets the portal's baseline.
WARNINGS = "alarm/warnings"


def articles_with(field: str) -> str:
    """Articles that have a `field` ("date", "author"): the coverage alarms read these."""
    return f"portal/articles_with_{field}"


def articles_stored(outcome: str) -> str:
    """`archive/articles_new`, `_changed` or `_unchanged`."""
    return f"archive/articles_{outcome}"


def page_kind(kind: str) -> str:
    """Pages fetched by kind (`extract.page_kind`: `portal/page_kind/article`, `…/listing`)."""
    return f"portal/page_kind/{kind}"


def files_fetched(kind: str) -> str:
    """`portal/images_fetched` or `portal/attachments_fetched`."""
    return f"portal/{kind}s_fetched"


def fetch_failures(reason: str) -> str:
    """Failed fetches by `fetches.reason` (`too_large`, `connection_lost`, …)."""
    return f"{FETCH_FAILURES}/{reason}"


def requests_refused(reason: str) -> str:
    """`portal/requests_refused/refused_scheme` or `.../refused_address`."""
    return f"{REQUESTS_REFUSED}/{reason}"


def media_refused(reason: str) -> str:
    """`portal/media_refused/not_an_image`, `.../too_large`, `.../bad_data_url`."""
    return f"{MEDIA_REFUSED}/{reason}"
