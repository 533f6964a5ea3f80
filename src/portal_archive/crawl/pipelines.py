"""Item pipelines: a thin adapter from Scrapy items to `archive.Archive`."""

from __future__ import annotations

import logging
import queue
import threading
import time
from dataclasses import dataclass
from typing import Any, ClassVar

from scrapy.exceptions import NotConfigured

from portal_archive import stats as keys
from portal_archive.archive import Archive
from portal_archive.crawl.items import ArticleItem, ArticleStateItem, FetchItem, FileItem
from portal_archive.model import article_record

logger = logging.getLogger(__name__)


@dataclass
class Batch:
    """Items of one crawl to write in one transaction; `written` is set once they are."""

    crawl_id: int
    stats: Any
    items: list[Any]
    written: threading.Event | None = None


class ArchiveWriter(threading.Thread):
    """Owns the archive connection and writes batches, each in one transaction, off the
    reactor's thread: SQLite and zstd release the interpreter lock while they work, so the
    writes use the second core instead of slowing the crawl (bench/crawl.py).

    One writer per archive file serves every crawl of the process (`acquire`): portals crawled
    at the same time take turns in one queue instead of waiting on each other's locks."""

    running: ClassVar[dict[str, ArchiveWriter]] = {}

    def __init__(self, path: str, queue_size: int = 8) -> None:
        super().__init__(name="archive-writer", daemon=True)
        self.path = path
        self.users = 0
        # Bounded: if writing falls behind, the crawl waits instead of holding pages in memory.
        self.batches: queue.Queue[Batch | None] = queue.Queue(maxsize=queue_size)
        self.error: BaseException | None = None

    @classmethod
    def acquire(cls, path: str) -> ArchiveWriter:
        writer = cls.running.get(path)
        if writer is None:
            writer = cls.running[path] = cls(path)
            writer.start()
        writer.users += 1
        return writer

    def release(self) -> None:
        self.users -= 1
        if self.users == 0:
            self.running.pop(self.path, None)
            self.batches.put(None)
            self.join()

    def run(self) -> None:
        archive = Archive(self.path)
        try:
            while (batch := self.batches.get()) is not None:
                if self.error is None:
                    self.write(archive, batch)
                if batch.written is not None:
                    batch.written.set()
        finally:
            archive.close()

    def write(self, archive: Archive, batch: Batch) -> None:
        try:
            with archive.batch():
                for item in batch.items:
                    self.store(archive, item, batch.crawl_id, batch.stats)
        except Exception as error:  # surfaced by the pipeline in the reactor's thread
            logger.exception("writing to the archive failed")
            self.error = error

    @staticmethod
    def store(archive: Archive, item: Any, crawl_id: int, stats: Any) -> None:
        """Write one typed item; also the path of `portal-archive ingest` (crawl/scaleout.py)."""
        if isinstance(item, ArticleItem):
            record = article_record(item.article)
            outcome = archive.store_article(item.portal_id, record, item.fetched_at, crawl_id)
            stats.inc_value(keys.articles_stored(outcome))
        elif isinstance(item, FetchItem):
            archive.record_fetch(
                item.url,
                item.fetched_at,
                item.status,
                item.headers,
                item.body,
                crawl_id,
                method=item.method,
                keep_payload=item.keep_payload,
                reason=item.reason,
                referer=item.referer,
                page_kind=item.page_kind,
            )
        elif isinstance(item, ArticleStateItem):
            if item.state == "gone":
                archive.mark_gone(item.url, item.at)
            else:
                archive.touch_article(item.url, item.at)
        elif isinstance(item, FileItem) and item.kind == "image":
            archive.store_image(item.url, item.content, item.mime)
            stats.inc_value(keys.IMAGES_STORED)
        elif isinstance(item, FileItem):
            archive.store_attachment(item.url, item.content, item.mime)
            stats.inc_value(keys.ATTACHMENTS_STORED)


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
        self.writer: ArchiveWriter | None = None
        self.crawl_id = 0
        self.crawler: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchivePipeline:
        settings = crawler.settings
        path = settings.get("ARCHIVE_PATH")
        if not path:
            raise NotConfigured("ARCHIVE_PATH is not set")
        pipeline = cls(
            path,
            settings.getdict("ARCHIVE_PORTAL"),
            settings.getint("ARCHIVE_BATCH_SIZE"),
            settings.getfloat("ARCHIVE_BATCH_SECONDS"),
        )
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        archive = Archive(self.path)
        try:
            portal = self.portal
            archive.upsert_portal(
                id=portal["id"],
                name=portal["name"],
                province=portal["province"],
                base_url=portal["base_url"],
            )
            crawl_id = archive.start_crawl(portal["id"])
        finally:
            archive.close()
        self.crawler.stats.set_value(keys.CRAWL_ID, crawl_id)
        self.crawl_id = crawl_id
        self.writer = ArchiveWriter.acquire(self.path)

    def process_item(self, item: Any) -> Any:
        self.pending.append(item)
        if (
            len(self.pending) >= self.batch_size
            or time.monotonic() - self.last_flush >= self.batch_seconds
        ):
            self.flush()
        return item

    def flush(self) -> None:
        assert self.writer is not None
        if self.writer.error is not None:
            raise RuntimeError(f"the archive could not be written: {self.writer.error}")
        if self.pending:
            self.writer.batches.put(Batch(self.crawl_id, self.crawler.stats, self.pending))
        self.pending = []
        self.last_flush = time.monotonic()

    def close_spider(self) -> None:
        # The crawl row is finished by `portal_archive.crawl.runner` once Scrapy has its final stats
        # (finish_reason is only set after the pipelines close).
        if self.writer is None:
            return
        # Wait until this crawl's items are written: its monitors read the counts next.
        written = threading.Event()
        self.writer.batches.put(Batch(self.crawl_id, self.crawler.stats, self.pending, written))
        self.pending = []
        written.wait()
        self.writer.release()
        if self.writer.error is not None:
            self.crawler.stats.set_value(keys.WRITE_ERROR, str(self.writer.error))
