"""Live progress on an interactive terminal; silent when stderr is a pipe, a file or cron."""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall

from portal_archive import stats as keys


class Board:
    """The one status line of every crawl in the process, rewritten every `interval`: pages,
    rate, articles new and changed, errors; with several portals, how many still run and the
    pages of each (as many as the terminal's width holds)."""

    def __init__(self, stream: TextIO, interval: float) -> None:
        self.stream = stream
        self.interval = interval
        self.crawls: dict[str, Any] = {}  # portal id -> its crawler's stats
        self.running: set[str] = set()
        self.started = time.monotonic()
        self.task: LoopingCall | None = None

    def opened(self, portal_id: str, stats: Any) -> None:
        if self.task is None:  # a new run: the first crawl to open starts the line
            self.crawls = {}
            self.started = time.monotonic()
            self.task = LoopingCall(self.show)
            self.task.start(self.interval, now=False)
        self.crawls[portal_id] = stats
        self.running.add(portal_id)

    def closed(self, portal_id: str) -> None:
        self.running.discard(portal_id)
        if self.running:
            return
        if self.task and self.task.running:
            self.task.stop()
        self.task = None
        self.show()
        self.stream.write("\n")

    def total(self, key: str) -> int:
        return sum(int(stats.get_value(key, 0)) for stats in self.crawls.values())

    def line(self) -> str:
        pages = self.total("downloader/response_count")
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        text = (
            f"{pages} pages ({rate:.1f}/s) | articles {self.total(keys.ARTICLES_NEW)} new, "
            f"{self.total(keys.ARTICLES_CHANGED)} changed | "
            f"errors {self.total('log_count/ERROR')}"
        )
        if len(self.crawls) > 1:
            text = f"{len(self.running)}/{len(self.crawls)} portals running | {text} |"
            width = shutil.get_terminal_size().columns - 2
            for portal_id in sorted(self.running):
                pages_here = self.crawls[portal_id].get_value("downloader/response_count", 0)
                part = f" {portal_id} {pages_here}"
                if len(text) + len(part) > width:
                    text += " …"
                    break
                text += part
        return f"\r{text}  "

    def show(self) -> None:
        self.stream.write(self.line())
        self.stream.flush()


class Progress:
    """Each crawler's link to the process's `Board`."""

    def __init__(self, board: Board, portal_id: str, stats: Any) -> None:
        self.board = board
        self.portal_id = portal_id
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        stream = sys.stderr
        if not crawler.settings.getbool("PROGRESS_ENABLED") or not stream.isatty():
            raise NotConfigured  # no message: Scrapy would log one as a warning on every cron run
        if BOARD.get(stream) is None:
            BOARD[stream] = Board(stream, crawler.settings.getfloat("PROGRESS_INTERVAL"))
        portal_id = crawler.settings.getdict("ARCHIVE_PORTAL").get("id", "")
        progress = cls(BOARD[stream], portal_id, crawler.stats)
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def opened(self, spider: Any) -> None:
        self.board.opened(self.portal_id, self.stats)

    def closed(self, spider: Any) -> None:
        self.board.closed(self.portal_id)


# The board of each stream (stderr): one per process.
BOARD: dict[TextIO, Board] = {}
