"""Extraction off the reactor's thread: the crawl's CPU-heavy step runs in worker processes,
so that fetching, link following and storing keep one core while extraction uses another.

Workers die with the crawl (issue 9, item 6): a crawl killed with SIGKILL cannot shut its pool
down, and a spawned worker blocked on its task queue would otherwise wait forever (it holds
the queue's write end itself), keeping multiprocessing's resource tracker alive with it."""

from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from portal_archive.crawl.links import PageLinks, scan_links
from portal_archive.extract import describe_crash, extract_article_or_raise
from portal_archive.model import Article

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
# How often a worker checks that the crawl that started it is still its parent.
PARENT_CHECK_SECONDS = 0.5


def _die_with_parent(parent: int) -> None:
    """Linux kills the worker when the crawl dies; elsewhere a thread notices the crawl is
    gone (the worker was re-parented) within `PARENT_CHECK_SECONDS`."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the crawl died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _init_worker(parent: int) -> None:
    # Ctrl-C goes to the whole process group: the crawler shuts its workers down itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)


# The article (None: not an article), the page's links, and the extractor's crash, if it crashed.
PageAnalysis = tuple[Article | None, PageLinks, str | None]


def analyse_page(text: str, url: str, hosts: tuple[str, ...]) -> PageAnalysis:
    """Everything the crawler needs from a page: the article and the links, both read from the
    one decoding of the page (`response.text`; see `crawl.middlewares.UndeclaredCharset`).
    A crash of the extractor is named, not mistaken for a page that is not an article."""
    try:
        article, crash = extract_article_or_raise(text, url), None
    except Exception as error:  # one page's crash must not end the crawl
        article, crash = None, describe_crash(error)
    return article, scan_links(text, url, hosts), crash


class ExtractorPool:
    """`await pool.analyse(...)`; with `workers=0` the work runs in-process."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.users = 0
        self.pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self.pool = ProcessPoolExecutor(
                max_workers=workers,
                # spawn: forking a process that runs Twisted's reactor and threads is unsafe.
                # It also starts multiprocessing's resource tracker (for the pool's queue
                # semaphores); the tracker exits once the crawl and its workers are gone.
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(os.getpid(),),
            )

    async def analyse(self, text: str, url: str, hosts: tuple[str, ...]) -> PageAnalysis:
        if self.pool is None:
            return analyse_page(text, url, hosts)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.pool, analyse_page, text, url, hosts)

    @classmethod
    def acquire(cls, workers: int) -> ExtractorPool:
        """The process's pool of `workers`: portals crawled at the same time share its worker
        processes rather than starting a set each (50 portals would be 50 processes)."""
        pool = SHARED_POOLS.get(workers)
        if pool is None:
            pool = SHARED_POOLS[workers] = cls(workers)
        pool.users += 1
        return pool

    def release(self) -> None:
        """One crawl is done with the pool; the last one shuts it down."""
        self.users -= 1
        if self.users <= 0:
            if SHARED_POOLS.get(self.workers) is self:
                del SHARED_POOLS[self.workers]
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


# The pools `ExtractorPool.acquire` hands out, by worker count; used from the reactor's thread.
SHARED_POOLS: dict[int, ExtractorPool] = {}
