"""Issue 9, item 6: a crawl killed with SIGKILL leaves no process behind (the extraction
worker and multiprocessing's resource tracker die with it). A real crawl of a slow local
portal through the CLI, its process tree read from /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.faults_portal import FaultPortal

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs /proc")


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:  # the task ended while we looked
            continue
    return found


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for child in children(todo.pop()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_killed_crawl_leaves_no_process_behind(tmp_path):
    with FaultPortal(articles=40, slow=0.3) as portal:
        cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", "--start-url", portal.url]
        crawl = subprocess.Popen(
            [*cmd, "--db", str(tmp_path / "a.db"), "--fast"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 60
            # The worker starts with the first extraction, the resource tracker with the pool.
            while len(descendants(crawl.pid)) < 2 and time.monotonic() < deadline:
                assert crawl.poll() is None, "the crawl ended before it could be killed"
                time.sleep(0.1)
            left = descendants(crawl.pid)
            assert len(left) >= 2, left
            os.kill(crawl.pid, signal.SIGKILL)
            crawl.wait(timeout=10)
            deadline = time.monotonic() + 10
            while any(alive(p) for p in left) and time.monotonic() < deadline:
                time.sleep(0.1)
            survivors = {p: Path(f"/proc/{p}/cmdline").read_bytes() for p in left if alive(p)}
        finally:
            if crawl.poll() is None:
                crawl.kill()
                crawl.wait()
        for pid in survivors:  # leave nothing running after a failed assertion
            os.kill(pid, signal.SIGKILL)
    assert survivors == {}
