"""Re-run the extractor over the archive's raw captures, without touching the network:
an improved extractor improves the whole archive, and changed articles get new versions."""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from archive import Archive
from scraper.extract import extract_article
from scraper.pipelines import article_record

logger = logging.getLogger(__name__)

CHUNK = 256


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


def _extract(capture: tuple[str, str, bytes]) -> tuple[str, str, dict[str, Any] | None]:
    portal_id, url, payload = capture
    article = extract_article(payload, url)
    return portal_id, url, article_record(article) if article else None


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


def reextract(db_path: str, portal_id: str | None = None, workers: int = 2) -> ReextractResult:
    """Extraction runs in `workers` processes (it is CPU-bound); writes stay in this one."""
    archive = Archive(db_path)
    outcomes: Counter[str] = Counter()
    started = time.perf_counter()
    now = datetime.now(UTC)
    try:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for chunk in _chunks(archive.latest_captures(portal_id), CHUNK):
                results = list(pool.map(_extract, chunk, chunksize=16))
                with archive.batch():
                    for portal, url, record in results:
                        if record is None:
                            logger.warning("%s no longer extracts as an article", url)
                            outcomes["not_article"] += 1
                            continue
                        outcomes[archive.store_article(portal, record, now, None)] += 1
    finally:
        archive.close()
    return ReextractResult(sum(outcomes.values()), time.perf_counter() - started, outcomes)
