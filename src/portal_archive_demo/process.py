"""The demo portal in a process of its own, so that serving pages never competes with the
crawler for the interpreter lock: the crawler and the benchmarks measure the crawler."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from types import TracebackType


class DemoPortalError(RuntimeError):
    pass


class DemoPortalProcess:
    """`with DemoPortalProcess(articles=300) as portal: crawl(portal.url)`"""

    def __init__(
        self,
        articles: int = 300,
        seed: int = 1,
        port: int = 0,
        host: str | Sequence[str] = "127.0.0.1",
        latency: float = 0.0,
    ) -> None:
        self.articles = articles
        self.seed = seed
        self.port = port
        # Any loopback address: 127.0.0.2, 127.0.0.3 … are hosts of their own. Several hosts
        # serve the same site, each a portal of its own to a crawler (`urls`).
        self.hosts = [host] if isinstance(host, str) else list(host)
        self.latency = latency
        self.process: subprocess.Popen[str] | None = None
        self.url = ""
        self.urls: list[str] = []

    def start(self) -> str:
        cmd = [sys.executable, "-m", "portal_archive_demo", "--articles", str(self.articles)]
        cmd += ["--seed", str(self.seed), "--port", str(self.port), "--latency", str(self.latency)]
        for host in self.hosts:
            cmd += ["--host", host]
        self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("READY "):
            self.stop()
            reason = line.removeprefix("ERROR ") or "it exited without a word"
            raise DemoPortalError(f"the demo portal did not start: {reason}")
        self.urls = line.split()[1:]
        self.url = self.urls[0]
        return self.url

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process and self.process.stdout:
            self.process.stdout.close()

    def __enter__(self) -> DemoPortalProcess:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
