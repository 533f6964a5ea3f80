"""What the spider yields: typed items, stored by `pipelines.ArchivePipeline`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from portal_archive.model import Article


@dataclass
class ArticleItem:
    portal_id: str
    article: Article
    fetched_at: datetime


@dataclass
class FileItem:
    """An image or attachment's bytes, fetched after the article that links it."""

    kind: str  # "image" | "attachment"
    url: str
    content: bytes
    mime: str | None


# `fetches.status` of a fetch that got no HTTP answer: refused while downloading, timed out,
# connection lost (the `reason` says which).
NO_HTTP_STATUS = 0


@dataclass
class FetchItem:
    """Provenance of one HTTP exchange; `keep_payload` keeps the raw page as evidence, and
    `reason` says why a page stored no article (`archive.store.UNEXTRACTED`) or why a fetch
    failed (`portal_archive.crawl.spiders.sharepoint.failure_reason`)."""

    url: str
    method: str
    status: int
    headers: dict[str, str]
    body: bytes | None
    fetched_at: datetime
    keep_payload: bool = False
    reason: str | None = None
    referer: str | None = None  # the page whose link led here
    page_kind: tuple[str, str] | None = None  # (kind, evidence) of a page (extract.page_kind)


@dataclass
class ArticleStateItem:
    """A revalidation outcome that needs no parse: `not_modified` (304) or `gone` (404/410)."""

    url: str
    state: str
    at: datetime
    extra: dict[str, str] = field(default_factory=dict)
