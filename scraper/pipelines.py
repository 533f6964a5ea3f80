"""Item pipelines: a thin adapter from Scrapy items to `archive.Archive`."""

from __future__ import annotations

import dataclasses
import logging
import time
from datetime import date, datetime
from typing import Any

from scrapy.exceptions import NotConfigured

from archive import Archive
from scraper.extract.model import Article
from scraper.items import ArticleItem, ArticleStateItem, FetchItem, FileItem

logger = logging.getLogger(__name__)


def article_record(article: Article) -> dict[str, Any]:
    """The archive's article dict: the dataclass as plain data, `published` as ISO 8601."""
    record = dataclasses.asdict(article)
    published = article.published
    record["published"] = published.isoformat() if isinstance(published, date | datetime) else None
    return record


class ArchivePipeline:
    """Stores items in the archive in batches: one transaction per `ARCHIVE_BATCH_SIZE` items
    or `ARCHIVE_BATCH_SECONDS`, whichever comes first, because a commit per item costs ~20% of
    the crawl while a crawl that never commits hides its progress from Datasette."""

    def __init__(self, path: str, portal: dict[str, str], batch_size: int, batch_seconds: float):
        self.path = path
        self.portal = portal
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self.pending: list[Any] = []
        self.last_flush = time.monotonic()
        self.archive: Archive | None = None
        self.crawl_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        settings = crawler.settings
        path = settings.get("ARCHIVE_PATH")
        if not path:
            raise NotConfigured("ARCHIVE_PATH is not set")
        pipeline = cls(
            path,
            settings.getdict("ARCHIVE_PORTAL"),
            settings.getint("ARCHIVE_BATCH_SIZE", 100),
            settings.getfloat("ARCHIVE_BATCH_SECONDS", 2.0),
        )
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        self.archive = Archive(self.path)
        portal = self.portal
        self.archive.upsert_portal(
            id=portal["id"],
            name=portal["name"],
            province=portal["province"],
            base_url=portal["base_url"],
        )
        self.crawl_id = self.archive.start_crawl(portal["id"])
        self.crawler.stats.set_value("archive/crawl_id", self.crawl_id)

    def process_item(self, item: Any) -> Any:
        self.pending.append(item)
        if (
            len(self.pending) >= self.batch_size
            or time.monotonic() - self.last_flush >= self.batch_seconds
        ):
            self.flush()
        return item

    def flush(self) -> None:
        assert self.archive is not None
        with self.archive.batch():
            for item in self.pending:
                self.store(item)
        self.pending.clear()
        self.last_flush = time.monotonic()

    def store(self, item: Any) -> None:
        assert self.archive is not None
        stats = self.crawler.stats
        if isinstance(item, ArticleItem):
            record = article_record(item.article)
            outcome = self.archive.store_article(
                item.portal_id, record, item.fetched_at, self.crawl_id
            )
            stats.inc_value(f"archive/articles_{outcome}")
        elif isinstance(item, FetchItem):
            self.archive.record_fetch(
                item.url,
                item.fetched_at,
                item.status,
                item.headers,
                item.body,
                self.crawl_id,
                method=item.method,
                keep_payload=item.keep_payload,
            )
        elif isinstance(item, ArticleStateItem):
            if item.state == "gone":
                self.archive.mark_gone(item.url, item.at)
            else:
                self.archive.touch_article(item.url, item.at)
        elif isinstance(item, FileItem) and item.kind == "image":
            self.archive.store_image(item.url, item.content, item.mime)
            stats.inc_value("archive/images_stored")
        elif isinstance(item, FileItem):
            self.archive.store_attachment(item.url, item.content, item.mime)
            stats.inc_value("archive/attachments_stored")

    def close_spider(self) -> None:
        # The crawl row is finished by `scraper.crawl` once Scrapy has its final stats
        # (finish_reason is only set after the pipelines close).
        if self.archive is not None:
            self.flush()
            self.archive.close()
