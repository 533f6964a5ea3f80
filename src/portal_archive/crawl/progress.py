"""Live progress on an interactive terminal; silent when stderr is a pipe, a file or cron."""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from scrapy import signals
from scrapy.exceptions import NotConfigured
from twisted.internet.task import LoopingCall


class Progress:
    """One status line, rewritten every second: pages, articles new/changed, errors, rate."""

    def __init__(self, stats: Any, stream: TextIO, interval: float) -> None:
        self.stats = stats
        self.stream = stream
        self.interval = interval
        self.started = time.monotonic()
        self.task: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> Progress:
        stream = sys.stderr
        if not crawler.settings.getbool("PROGRESS_ENABLED") or not stream.isatty():
            raise NotConfigured  # no message: Scrapy would log one as a warning on every cron run
        progress = cls(crawler.stats, stream, crawler.settings.getfloat("PROGRESS_INTERVAL"))
        crawler.signals.connect(progress.opened, signal=signals.spider_opened)
        crawler.signals.connect(progress.closed, signal=signals.spider_closed)
        return progress

    def line(self) -> str:
        get = self.stats.get_value
        pages = get("downloader/response_count", 0)
        rate = pages / max(time.monotonic() - self.started, 1e-6)
        return (
            f"\r{pages} pages ({rate:.1f}/s) | articles {get('archive/articles_new', 0)} new, "
            f"{get('archive/articles_changed', 0)} changed | "
            f"errors {get('log_count/ERROR', 0)}  "
        )

    def show(self) -> None:
        self.stream.write(self.line())
        self.stream.flush()

    def opened(self, spider: Any) -> None:
        self.started = time.monotonic()
        self.task = LoopingCall(self.show)
        self.task.start(self.interval, now=False)

    def closed(self, spider: Any) -> None:
        if self.task and self.task.running:
            self.task.stop()
        self.show()
        self.stream.write("\n")
