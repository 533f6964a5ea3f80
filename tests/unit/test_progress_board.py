"""The one progress line of a process that crawls several portals at once (issue 11)."""

from __future__ import annotations

import io

from scrapy import Spider
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from portal_archive.crawl.progress import Board


def stats(pages: int, new: int, errors: int = 0) -> StatsCollector:
    collector = get_crawler(Spider).stats
    assert collector is not None
    collector.set_value("downloader/response_count", pages)
    collector.set_value("archive/articles_new", new)
    collector.set_value("log_count/ERROR", errors)
    return collector


def test_one_portal_reads_as_before():
    board = Board(io.StringIO(), 1.0)
    board.crawls = {"hanam": stats(12, 3)}
    board.running = {"hanam"}
    line = board.line()
    assert line.startswith("\r12 pages (")
    assert "| articles 3 new, 0 changed | errors 0" in line
    assert "portals" not in line


def test_several_portals_show_totals_and_each_running_portal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    board = Board(io.StringIO(), 1.0)
    board.crawls = {"hanam": stats(12, 3, 1), "duytien": stats(30, 5), "lyn": stats(4, 0)}
    board.running = {"hanam", "duytien"}
    line = board.line()
    assert line.startswith("\r2/3 portals running | 46 pages (")
    assert "articles 8 new, 0 changed | errors 1 |" in line
    assert line.rstrip().endswith("duytien 30 hanam 12")
    assert "lyn" not in line  # finished portals count in the totals only


def test_the_portal_list_stops_at_the_terminal_width(monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    board = Board(io.StringIO(), 1.0)
    board.crawls = {f"portal{n:02}": stats(n, 0) for n in range(60)}
    board.running = set(board.crawls)
    line = board.line()
    assert "…" in line and "portal59" not in line
    assert len(line.strip()) <= 120
