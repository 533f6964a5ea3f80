"""Import articles from web archive files (WARC, WACZ): portals that are already gone live on
in the Internet Archive, Common Crawl and Browsertrix crawls (issue 12).

Each HTML response goes the way a crawled page goes: its fetch is recorded (at its capture
time, with the file and offset it came from), its raw payload kept once per sha256, the same
extractor runs (`extract_article`, in worker processes as in `reextract`) and
`Archive.store_article` stores it. Images and attachments in the same files are linked to the
articles by URL, whichever comes first. Time is the capture time: captures of one article in
any order give versions in capture order (`store_article(captured=True)`).

Records are committed in batches, each with the offset reached in its file: a killed import
resumes there, a finished file is not read again, and a capture already recorded (same URL,
time, status and payload) is a duplicate, never a second row.
"""

from __future__ import annotations

import logging
import time
from collections import Counter, OrderedDict, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from w3lib.encoding import http_content_type_encoding

from portal_archive import stats as keys
from portal_archive.archive import Archive
from portal_archive.archive.captures import header, sha256_hex
from portal_archive.archive.images import raster_type
from portal_archive.archive.store import EXTRACTOR_ERROR
from portal_archive.crawl.urls import url_key
from portal_archive.model import ArticleRecord
from portal_archive.reextract import Extracted, _extract_chunk
from portal_archive.registry import Portal, adhoc_portal
from portal_archive.warc_read import (
    Damage,
    Record,
    Source,
    records,
    sources,
    strip_replay_chrome,
    unwayback,
    unwayback_text,
)

logger = logging.getLogger(__name__)

CHUNK = 64  # records per batch: one transaction, one extraction job
_CHUNK_BYTES = 16 * 1024 * 1024
_RECENT_PAYLOADS = 64  # HTML payloads of batches in flight, for revisits that follow them
_CONTENT_RECORDS = ("response", "resource", "revisit")

__all__ = ["ImportResult", "import_warc", "sources"]


@dataclass
class ImportResult:
    files: int = 0
    records: int = 0
    seconds: float = 0.0
    outcomes: Counter[str] = field(default_factory=Counter)
    damage: list[str] = field(default_factory=list)  # "file: offset N: why"
    crawls: dict[str, int] = field(default_factory=dict)  # portal id -> crawl id

    def summary(self) -> str:
        rate = self.records / self.seconds if self.seconds else 0.0
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()))
        return (
            f"imported {self.records} records from {self.files} files in {self.seconds:.1f}s "
            f"({rate:.0f} records/s): {parts or 'nothing new'}"
        )


@dataclass
class _Item:
    """One record on its way to the archive."""

    source: Source
    record: Record
    url: str  # the original URL (Wayback prefixes removed)
    at: datetime  # capture time
    portal: Portal
    payload: bytes | None
    html: bool


@dataclass
class _Batch:
    source: Source
    items: list[_Item]
    next_offset: int
    damage: list[Damage]
    extracted: Future[list[Extracted]] | list[Extracted]


class Portals:
    """Which portal a record belongs to: `portal` for every record (its hosts only, unless
    `hosts` names others), else by host: the registered portal serving that host, or an
    ad-hoc portal whose id is the host name (lower case, `www.` kept)."""

    def __init__(
        self,
        portal: Portal | None,
        hosts: tuple[str, ...],
        registry: dict[str, Portal] | None = None,
    ) -> None:
        self.portal = portal
        self.hosts = {h.lower() for h in hosts}
        if portal is not None and not self.hosts and not portal.demo:
            self.hosts = {h.lower() for h in portal.hosts if h}
        self.by_host: dict[str, Portal] = {}
        for known in (registry or {}).values():
            for host in known.hosts:
                self.by_host.setdefault(host.lower(), known)

    def of(self, url: str) -> Portal | None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if not host or parts.scheme not in ("http", "https"):
            return None
        if self.hosts and host not in self.hosts:
            return None
        if self.portal is not None:
            return self.portal
        found = self.by_host.get(host)
        if found is None:
            found = self.by_host[host] = adhoc_portal([f"{parts.scheme}://{parts.netloc}/"], host)
        return found


def is_html(headers: list[tuple[str, str]], payload: bytes) -> bool:
    content_type = (header(dict(headers), "Content-Type") or "").lower()
    if content_type:
        return "html" in content_type
    head = payload[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _media_type(headers: list[tuple[str, str]]) -> str | None:
    value = header(dict(headers), "Content-Type") or ""
    return value.split(";")[0].strip().lower() or None


class _Progress:
    """One status line, rewritten at most twice a second, on a terminal only."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream if stream is not None and stream.isatty() else None
        self.started = self.shown = time.monotonic()

    def show(self, result: ImportResult, name: str, final: bool = False) -> None:
        now = time.monotonic()
        if self.stream is None or (now - self.shown < 0.5 and not final):
            return
        self.shown = now
        rate = result.records / max(now - self.started, 1e-6)
        o = result.outcomes
        self.stream.write(
            f"\r{result.files} files, {result.records} records ({rate:.0f}/s) | articles "
            f"{o['articles_new']} new, {o['articles_changed'] + o['articles_earlier']} versions |"
            f" damaged {o['damaged']} | {Path(name).name[-40:]}  " + ("\n" if final else "")
        )
        self.stream.flush()


class WarcImport:
    """One import run over an open archive (see the module docstring)."""

    def __init__(
        self, archive: Archive, portals: Portals, workers: int, progress: _Progress
    ) -> None:
        self.archive = archive
        self.portals = portals
        self.workers = workers
        self.progress = progress
        self.result = ImportResult()
        self.recent: OrderedDict[str, bytes] = OrderedDict()
        # Per portal: url key -> the spelling its article is archived under (issue 19: a page
        # captured as `/Pages/a.aspx` and `/pages/A.aspx?Source=…` is one article).
        self.spellings: dict[str, dict[str, str]] = {}

    # -- reading ------------------------------------------------------------------------------

    def batches(
        self, source: Source, start: int
    ) -> Iterator[tuple[list[_Item], int, list[Damage]]]:
        """(items, the offset after them, damage met) in bounded batches."""
        items: list[_Item] = []
        damage: list[Damage] = []
        size = 0
        offset = start
        for found in records(source, start):
            if isinstance(found, Damage):
                damage.append(found)
                offset = found.end if found.end is not None else source.size
                continue
            offset = found.end
            item = self.item(source, found)
            if item is not None:
                items.append(item)
                size += len(item.payload or b"")
            if len(items) >= CHUNK or size >= _CHUNK_BYTES or damage:
                yield items, offset, damage
                items, damage, size = [], [], 0
        yield items, offset, damage

    def item(self, source: Source, record: Record) -> _Item | None:
        outcomes = self.result.outcomes
        self.result.records += 1
        if record.rec_type not in _CONTENT_RECORDS or not record.url:
            outcomes[f"skipped_{record.rec_type}"] += 1
            return None
        url, stamp = unwayback(record.url)
        at = stamp or record.date
        portal = self.portals.of(url)
        if portal is None:
            outcomes["other_hosts"] += 1
            return None
        if at is None:
            outcomes["undated"] += 1
            return None
        payload = record.payload
        if record.rec_type == "revisit":
            payload = self.revisited(record)
            if payload is None:
                outcomes["revisits_unresolved"] += 1
        elif payload is None:
            outcomes["too_large"] += 1
            logger.warning("%s: offset %d: payload too large, skipped", source.name, record.offset)
            return None
        status = record.status if record.status is not None else 200
        record.status = status
        html = payload is not None and status == 200 and is_html(record.headers, payload)
        if html and payload is not None:
            payload = strip_replay_chrome(payload)
            if record.payload_digest:
                self.recent[record.payload_digest] = payload
                while len(self.recent) > _RECENT_PAYLOADS:
                    self.recent.popitem(last=False)
        return _Item(source, record, url, at, portal, payload, html)

    def revisited(self, record: Record) -> bytes | None:
        """The payload a revisit record points to (by its payload digest)."""
        digest = record.payload_digest
        if not digest:
            return None
        return self.recent.get(digest) or self.archive.payload_of_digest(digest)

    # -- the run ------------------------------------------------------------------------------

    def run(self, found: list[Source]) -> ImportResult:
        started = time.perf_counter()
        pool = ProcessPoolExecutor(max_workers=self.workers) if self.workers > 0 else None
        try:
            for source in found:
                self.one_file(source, pool)
                self.result.files += 1
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            self.result.seconds = time.perf_counter() - started
            self.progress.show(self.result, found[-1].name if found else "", final=True)
        return self.result

    def one_file(self, source: Source, pool: ProcessPoolExecutor | None) -> None:
        start, finished = self.archive.import_position(source.fingerprint)
        if finished:
            self.result.outcomes["files_already_imported"] += 1
            logger.info("%s: imported before, skipped", source.name)
            return
        if start:
            logger.info("%s: resuming at offset %d", source.name, start)
        window: deque[_Batch] = deque()
        for items, next_offset, damage in self.batches(source, start):
            jobs = [
                (item.portal.id, item.url, item.payload, self.charset(item))
                for item in items
                if item.html and item.payload is not None
            ]
            extracted: Future[list[Extracted]] | list[Extracted]
            if pool is None or not jobs:
                extracted = _extract_chunk(jobs)
            else:
                extracted = pool.submit(_extract_chunk, jobs)
            window.append(_Batch(source, items, next_offset, damage, extracted))
            if len(window) > max(self.workers, 1) * 2:
                self.store(window.popleft())
        while window:
            self.store(window.popleft())
        self.archive.save_import_position(
            source.fingerprint, source.name, source.size, 0, 0, finished=True
        )

    @staticmethod
    def charset(item: _Item) -> str | None:
        return http_content_type_encoding(header(dict(item.record.headers), "Content-Type"))

    # -- writing ------------------------------------------------------------------------------

    def store(self, batch: _Batch) -> None:
        extracted = batch.extracted
        results = extracted.result() if isinstance(extracted, Future) else extracted
        articles = iter(results)
        with self.archive.batch():
            for item in batch.items:
                _, _, record, crash = next(articles) if item.html else (None, None, None, None)
                self.store_item(item, record, crash)
            for damage in batch.damage:
                self.damaged(batch.source, damage)
            self.archive.save_import_position(
                batch.source.fingerprint,
                batch.source.name,
                batch.next_offset,
                len(batch.items),
                len(batch.damage),
            )
        self.progress.show(self.result, batch.source.name)

    def damaged(self, source: Source, damage: Damage) -> None:
        self.result.outcomes["damaged"] += 1
        reason = damage.reason if len(damage.reason) <= 160 else damage.reason[:157] + "..."
        where = (
            f"skipped to offset {damage.end}"
            if damage.end is not None
            else "nothing readable follows: the import of this file stopped there"
        )
        message = f"{source.name}: offset {damage.offset}: damaged record ({reason}); {where}"
        logger.warning("%s", message)
        self.result.damage.append(message)

    def crawl_id(self, portal: Portal) -> int:
        crawl_id = self.result.crawls.get(portal.id)
        if crawl_id is None:
            if not self.archive.portal_exists(portal.id):
                self.archive.upsert_portal(portal.id, portal.name, portal.province, portal.base_url)
            crawl_id = self.result.crawls[portal.id] = self.archive.start_crawl(portal.id)
        return crawl_id

    def store_item(self, item: _Item, record: ArticleRecord | None, crash: str | None) -> None:
        archive, outcomes = self.archive, self.result.outcomes
        status = int(item.record.status or 0)
        payload = item.payload
        sha = sha256_hex(payload) if payload is not None else None
        if archive.has_fetch(item.url, item.at, status, sha if status == 200 else None):
            outcomes["duplicates"] += 1
            return
        crawl_id = self.crawl_id(item.portal)
        headers = dict(item.record.headers)
        source, offset = item.source.name, item.record.offset
        if status != 200 or payload is None:
            reason = "redirect" if 300 <= status < 400 else None
            if item.record.rec_type == "revisit" and payload is None:
                reason = "revisit_unresolved"
            archive.record_fetch(
                item.url,
                item.at,
                status,
                headers,
                None,
                crawl_id,
                reason=reason,
                source_file=source,
                source_offset=offset,
            )
            outcomes[f"status_{status}"] += 1
            if status in (404, 410):
                last = archive.last_fetched(item.url)
                if last is not None and item.at >= datetime.fromisoformat(last):
                    archive.mark_gone(item.url, item.at)
            return
        kind = None if item.html else archive.media_kind(item.url)
        keep = item.html or kind is None
        archive.record_fetch(
            item.url,
            item.at,
            status,
            headers,
            payload,
            crawl_id,
            keep_payload=keep,
            reason=EXTRACTOR_ERROR if crash is not None else None,
            source_file=source,
            source_offset=offset,
        )
        if crash is not None:
            logger.warning("the extractor crashed on %s: %s", item.url, crash)
            outcomes["extractor_error"] += 1
        if item.record.payload_digest and sha is not None and keep:
            archive.remember_digest(item.record.payload_digest, sha)
        if item.html:
            self.store_article(item, record, crawl_id)
        elif kind is not None:
            self.store_media(kind, item.url, payload, _media_type(item.record.headers))
        else:
            outcomes["media_kept_unlinked"] += 1

    def store_article(self, item: _Item, record: ArticleRecord | None, crawl_id: int) -> None:
        outcomes = self.result.outcomes
        if record is None:
            outcomes["pages_not_article"] += 1
            return
        record = self.one_spelling(item.portal.id, _without_replay_links(record))
        outcome = self.archive.store_article(
            item.portal.id, record, item.at, crawl_id, captured=True
        )
        outcomes[f"articles_{outcome}"] += 1
        if outcome in ("new", "changed"):
            for kind, url in self.archive.missing_media_of(record["url"]):
                kept = self.archive.kept_media(url)
                if kept is not None:
                    self.store_media(kind, url, kept[0], kept[1])

    def one_spelling(self, portal_id: str, record: ArticleRecord) -> ArticleRecord:
        """The record under the spelling its page is already archived under, if any: the
        canonical key (`crawl.urls.url_key`, as the crawl uses it) is the article's identity."""
        spellings = self.spellings.get(portal_id)
        if spellings is None:
            archived = self.archive.known_article_urls(portal_id)
            spellings = self.spellings[portal_id] = {url_key(u): u for u in sorted(archived)}
        url = spellings.setdefault(url_key(record["url"]), record["url"])
        if url == record["url"]:
            return record
        out: Any = {**record, "url": url}
        result: ArticleRecord = out
        return result

    def store_media(self, kind: str, url: str, content: bytes, mime: str | None) -> None:
        if kind == "image":
            if raster_type(content) is None:  # only raster images are images (issue 18)
                self.result.outcomes["images_not_images"] += 1
                return
            self.archive.store_image(url, content, mime)
            self.result.outcomes["images_stored"] += 1
        else:
            self.archive.store_attachment(url, content, mime)
            self.result.outcomes["attachments_stored"] += 1

    def finish(self) -> None:
        """Each portal's `crawls` row, with the import's counts as its stats."""
        o = self.result.outcomes
        stats: dict[str, Any] = {
            keys.ARTICLES_NEW: o["articles_new"],
            keys.ARTICLES_CHANGED: o["articles_changed"] + o["articles_earlier"],
            keys.ARTICLES_UNCHANGED: o["articles_unchanged"],
            keys.IMAGES_STORED: o["images_stored"],
            keys.ATTACHMENTS_STORED: o["attachments_stored"],
            "import/records": self.result.records,
            "import/files": self.result.files,
            "import/damaged": o["damaged"],
        }
        for crawl_id in self.result.crawls.values():
            self.archive.finish_crawl(crawl_id, "ok", {**stats, keys.CRAWL_ID: crawl_id})


def _without_replay_links(record: ArticleRecord) -> ArticleRecord:
    """Image, attachment and body links of a page replayed by a Wayback Machine, mapped back
    to the portal's own URLs."""
    images = [{**image, "url": unwayback(image["url"])[0]} for image in record["images"]]
    files = [{**file, "url": unwayback(file["url"])[0]} for file in record["attachments"]]
    body = unwayback_text(record["body_html"])
    if (
        images == record["images"]
        and files == record["attachments"]
        and body is record["body_html"]
    ):
        return record
    out: Any = {**record, "images": images, "attachments": files, "body_html": body}
    result: ArticleRecord = out
    return result


def import_warc(
    paths: list[Path],
    db_path: str | Path,
    portal: Portal | None = None,
    hosts: tuple[str, ...] = (),
    registry: dict[str, Portal] | None = None,
    workers: int = 1,
    progress: TextIO | None = None,
) -> ImportResult:
    """Import every WARC stream in `paths` into the archive at `db_path` (created if missing).
    Bad input (a missing file, a file that is not a web archive) raises `WarcInputError`
    before anything is written."""
    found = sources(paths)
    archive = Archive(db_path)
    run = WarcImport(archive, Portals(portal, hosts, registry), workers, _Progress(progress))
    try:
        result = run.run(found)
    finally:
        try:
            run.finish()
        finally:
            archive.close()
    return result
