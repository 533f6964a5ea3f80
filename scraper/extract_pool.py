"""Extraction off the reactor's thread: the crawl's CPU-heavy step runs in worker processes,
so that fetching, link following and storing keep one core while extraction uses another."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor

from scraper.extract import extract_article
from scraper.extract.model import Article
from scraper.links import PageLinks, scan_links


def _ignore_sigint() -> None:
    # Ctrl-C goes to the whole process group: the crawler shuts its workers down itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def analyse_page(
    body: bytes, url: str, encoding: str, hosts: tuple[str, ...]
) -> tuple[Article | None, PageLinks]:
    """Everything the crawler needs from a page's bytes: the article and the links."""
    text = body.decode(encoding, errors="replace")
    return extract_article(body, url), scan_links(text, url, hosts)


class ExtractorPool:
    """`await pool.analyse(...)`; with `workers=0` the work runs in-process."""

    def __init__(self, workers: int) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                # spawn: forking a process that runs Twisted's reactor and threads is unsafe.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_ignore_sigint,
            )

    async def analyse(
        self, body: bytes, url: str, encoding: str, hosts: tuple[str, ...]
    ) -> tuple[Article | None, PageLinks]:
        if self.pool is None:
            return analyse_page(body, url, encoding, hosts)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, analyse_page, body, url, encoding, hosts)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
