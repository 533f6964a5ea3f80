"""Re-run the extractor over the archive's raw captures, without touching the network:
an improved extractor improves the whole archive, and changed articles get new versions."""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from w3lib.encoding import http_content_type_encoding

from portal_archive.archive import Archive
from portal_archive.extract import describe_crash, extract_article_or_raise
from portal_archive.model import ArticleRecord, article_record

logger = logging.getLogger(__name__)

CHUNK = 64


@dataclass
class ReextractResult:
    pages: int
    seconds: float
    outcomes: Counter[str]

    def summary(self) -> str:
        rate = self.pages / self.seconds if self.seconds else 0.0
        parts = ", ".join(f"{n} {k}" for k, n in sorted(self.outcomes.items()))
        return (
            f"re-extracted {self.pages} pages in {self.seconds:.1f}s ({rate:.0f} pages/s): {parts}"
        )


# portal, url, the record (None: not an article), and the extractor's crash if it crashed
Extracted = tuple[str, str, ArticleRecord | None, str | None]
Capture = tuple[str, str, bytes, str | None]  # portal, url, payload, the header's charset


def _extract_chunk(captures: list[Capture]) -> list[Extracted]:
    out: list[Extracted] = []
    for portal_id, url, payload, charset in captures:
        try:
            article = extract_article_or_raise(payload, url, encoding=charset)
        except Exception as error:  # one page's crash is recorded; the rest go on
            out.append((portal_id, url, None, describe_crash(error)))
            continue
        out.append((portal_id, url, article_record(article) if article else None, None))
    return out


def _with_charsets(
    archive: Archive, captures: Iterator[tuple[str, str, bytes]]
) -> Iterator[Capture]:
    """Each capture with the charset of the `Content-Type` header it was served with, which
    outranks the page's own `<meta charset>` now as it did in the crawl."""
    for portal_id, url, payload in captures:
        content_type = archive.served_content_type(url, payload)
        yield portal_id, url, payload, http_content_type_encoding(content_type)


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def reextract(db_path: str, portal_id: str | None = None, workers: int = 2) -> ReextractResult:
    """Extraction runs in `workers` processes (it is CPU-bound) while this one decompresses
    and writes; a bounded window of chunks in flight keeps both busy and memory flat.

    Archived articles are re-extracted first, then the pages recorded as `unextracted` (they
    looked like articles and gave none): those the extractor now understands become articles."""
    archive = Archive(db_path)
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    now = datetime.now(UTC)
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for captures, retrying in (
                (archive.latest_captures(portal_id), False),
                (archive.unextracted_captures(portal_id), True),
            ):
                window: deque[Future[list[Extracted]]] = deque()
                for chunk in _chunks(_with_charsets(archive, captures), CHUNK):
                    window.append(pool.submit(_extract_chunk, chunk))
                    if len(window) > workers * 2:
                        _store(archive, window.popleft().result(), now, outcomes, retrying)
                while window:
                    _store(archive, window.popleft().result(), now, outcomes, retrying)
    finally:
        archive.close()
    return ReextractResult(sum(outcomes.values()), time.perf_counter() - started, outcomes)


def _store(
    archive: Archive,
    results: list[Extracted],
    now: datetime,
    outcomes: Counter[str],
    retrying: bool = False,
) -> None:
    """Store what extracted. `retrying` pages were `unextracted`: still none is no news."""
    with archive.batch():
        for portal, url, record, crash in results:
            if crash is not None:
                logger.warning("the extractor crashed on %s: %s", url, crash)
                outcomes["extractor_error"] += 1
            elif record is None and retrying:
                outcomes["still_unextracted"] += 1
            elif record is None:
                logger.warning("%s no longer extracts as an article", url)
                outcomes["not_article"] += 1
            else:
                outcome = archive.store_article(portal, record, now, None, refetched=False)
                outcomes[f"{outcome}_from_unextracted" if retrying else outcome] += 1
