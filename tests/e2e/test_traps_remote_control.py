"""Issue 9, hole 1: a crawl opens no port. Scrapy 2.19 starts a remote-control HTTP server
(`REMOTE_CONTROL_ENABLED`) that runs Python sent to it; an archive crawler has no use for it.

A real slow HTTP server on 127.0.0.1 in this process keeps the real `portal-archive crawl` CLI
busy in another process while this test reads that process's listening sockets from /proc."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.settings import Settings

from tests.e2e.local_server import Answer, html, serving

CLI = [sys.executable, "-m", "portal_archive.cli"]
PAGES = 4
DELAY = 0.8  # seconds per page: the crawl lives a few seconds, long enough to be watched

pytestmark = pytest.mark.skipif(not Path("/proc/self/net/tcp").exists(), reason="needs Linux /proc")


def page(n: int) -> bytes:
    links = "".join(f'<a href="/Pages/trang-{k}.aspx">Trang {k}</a>' for k in range(PAGES))
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>Trang {n}</title></head>'
        f"<body>{links}</body></html>"
    ).encode()


@pytest.fixture(scope="module")
def slow_site() -> Iterator[str]:
    def answer(path: str) -> Answer:
        if not path.startswith("/Pages/trang-"):
            return html(None)
        time.sleep(DELAY)
        return html(page(int(path.split("-")[-1].split(".")[0])))

    with serving(answer) as url:
        yield url


def process_tree(pid: int) -> set[int]:
    """`pid` and its descendants (the extraction workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    tree = {pid}
    grew = True
    while grew:
        children = {child for child, parent in parents.items() if parent in tree}
        grew = not children <= tree
        tree |= children
    return tree


def listening_ports(pids: set[int]) -> set[int]:
    """TCP ports these processes listen on: their socket inodes matched against the kernel's
    table of sockets in state LISTEN (0A)."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    ports: set[int] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_project_settings_switch_remote_control_and_telnet_off():
    settings = Settings()
    settings.setmodule("portal_archive.crawl.settings", priority="project")
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert settings.getbool("TELNETCONSOLE_ENABLED") is False


def test_a_crawl_listens_on_no_port(slow_site, tmp_path):
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state")}  # Scrapy's job files
    cmd = [*CLI, "crawl", "--start-url", slow_site + "/Pages/trang-0.aspx"]
    cmd += ["--db", str(tmp_path / "a.db"), "--fast"]
    seen: set[int] = set()
    polls = 0
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as crawl:
        deadline = time.monotonic() + 120
        while crawl.poll() is None and time.monotonic() < deadline:
            seen |= listening_ports(process_tree(crawl.pid))
            polls += 1
            time.sleep(0.05)
        out, err = crawl.communicate(timeout=30)
    # Pages without articles end in the "no article" alarm (4): what matters is a finished crawl.
    assert crawl.returncode in (0, 4) and "Spider closed (finished)" in err, out + err[-3000:]
    assert polls >= 20  # the crawl really was watched while it ran
    assert seen == set()
    assert "Remote control" not in err
    assert not list((tmp_path / "state").rglob("*.json"))  # no job file with a token either
