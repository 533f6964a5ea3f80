"""Scale-out (issue 11): `enqueue` seeds the shared frontier in Redis from the archive's plan,
any number of `worker`s crawl it (no SQLite), and one `ingest` writes their items into the
archive through the same `ArchiveWriter.store` as a local crawl. The Redis side is in
`crawl/frontier.py`."""

from __future__ import annotations

import logging
import os
import pickle
import socket
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import redis

from portal_archive.archive import Archive
from portal_archive.crawl import frontier
from portal_archive.crawl.fingerprint import PortalRequestFingerprinter
from portal_archive.crawl.frontier import KEYS
from portal_archive.crawl.items import FetchItem
from portal_archive.crawl.pipelines import ArchiveWriter
from portal_archive.crawl.runner import (
    CrawlJob,
    CrawlOptions,
    crawl_outcome,
    crawl_settings,
    planned,
    start_crawlers,
    with_env_overrides,
)
from portal_archive.registry import Portal

logger = logging.getLogger(__name__)


class FrontierBusy(Exception):
    """A portal's frontier still has requests queued: finish that round first."""


@dataclass
class SharedPlan:
    """What workers need of a portal's plan: everything but the seeds, which are queued."""

    portal: Portal
    options: CrawlOptions
    spider_arguments: dict[str, Any] = field(default_factory=dict)


def enqueue(
    server: redis.Redis, jobs: Sequence[tuple[Portal, CrawlOptions]], db_path: str
) -> dict[str, int]:
    """Seed the frontier with each portal's incremental plan (start URLs, revalidations, missing
    media) and share the rest of the plan; returns the requests queued per portal. A portal whose
    queue is not empty is refused (`FrontierBusy`); otherwise its round starts afresh (its
    dupefilter, pager memory and worker stats are cleared)."""
    busy = [p.id for p, _ in jobs if server.zcard(KEYS.queue(p.id))]
    if busy:
        raise FrontierBusy(f"still being crawled (requests queued): {', '.join(busy)}")
    queued: dict[str, int] = {}
    for portal, options in jobs:
        plan = planned(portal, options, db_path)
        arguments = plan.spider_arguments()
        spider = frontier.FrontierSpider(
            portal_id=portal.id, start_urls=portal.start_urls, hosts=portal.hosts, **arguments
        )
        shared = {k: v for k, v in arguments.items() if k not in ("revalidate", "media")}
        server.delete(KEYS.seen(portal.id), KEYS.postbacks(portal.id), KEYS.stats(portal.id))
        server.set(KEYS.plan(portal.id), pickle.dumps(SharedPlan(portal, options, shared)))
        server.sadd(KEYS.portals, portal.id)
        queued[portal.id] = frontier.seed(
            server, spider, PortalRequestFingerprinter(), spider.seed_requests()
        )
    return queued


def shared_plans(server: redis.Redis) -> list[SharedPlan]:
    plans = []
    for portal_id in sorted(p.decode() for p in server.smembers(KEYS.portals)):  # type: ignore[union-attr]
        data = server.get(KEYS.plan(portal_id))
        if data is not None:
            plans.append(pickle.loads(data))  # type: ignore[arg-type]
    return plans


def worker_settings(plan: SharedPlan, redis_url: str, worker: str, idle_timeout: float) -> Any:
    """`crawl_settings` for the plan's portal, turned into a worker of the shared frontier."""
    settings = crawl_settings(plan.portal, "", plan.options)
    settings.set("REDIS_URL", redis_url, priority="cmdline")
    settings.set("FRONTIER_WORKER", worker, priority="cmdline")
    if idle_timeout >= 0:
        settings.set("FRONTIER_IDLE_TIMEOUT", idle_timeout, priority="cmdline")
    settings.set("SCHEDULER", "portal_archive.crawl.frontier.FrontierScheduler", "cmdline")
    settings.set("ITEM_PIPELINES", {"portal_archive.crawl.frontier.RedisItemPipeline": 300})
    settings.set("SPIDERMON_ENABLED", False)  # one worker's share of the stats says nothing
    extensions = dict(settings.getdict("EXTENSIONS"))
    extensions["portal_archive.crawl.frontier.WorkerPresence"] = 700
    settings.set("EXTENSIONS", extensions, priority="cmdline")
    if plan.options.polite:
        middlewares = dict(settings.getdict("DOWNLOADER_MIDDLEWARES"))
        # Nearest the downloader: the token is held from sending to the answer, nothing else.
        middlewares["portal_archive.crawl.frontier.HostToken"] = 950
        settings.set("DOWNLOADER_MIDDLEWARES", middlewares, priority="cmdline")
    return settings


def forbid_sqlite() -> None:
    """`worker --db-free`: this process may not open any SQLite database."""

    def hook(event: str, args: tuple[Any, ...]) -> None:
        if event == "sqlite3.connect":
            raise RuntimeError("a --db-free worker opened an SQLite database")

    sys.addaudithook(hook)


def run_worker(
    server: redis.Redis, redis_url: str, idle_timeout: float, log_level: str = "INFO"
) -> int:
    """Crawl every enqueued portal from the shared frontier until it has been empty for the idle
    timeout; returns the number of crawlers that failed."""
    waited_since = time.monotonic()
    plans = shared_plans(server)
    while not plans and time.monotonic() - waited_since < max(idle_timeout, 0):
        time.sleep(0.5)
        plans = shared_plans(server)
    if not plans:
        logger.warning("nothing is enqueued: run `portal-archive enqueue` first")
        return 0
    worker = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    jobs = with_env_overrides([(plan.portal, plan.options) for plan in plans])
    crawl_jobs = []
    for plan, (_, options) in zip(plans, jobs, strict=True):
        # The worker's own verbosity, not the enqueuer's: Scrapy takes each crawler's level.
        plan.options = replace(options, log_level=log_level)
        settings = worker_settings(plan, redis_url, worker, idle_timeout)
        crawl_jobs.append(
            CrawlJob(plan.portal, settings, plan.spider_arguments, frontier.FrontierSpider)
        )
    ttl = crawl_jobs[0].settings.getfloat("FRONTIER_LEASE_TTL")
    server.set(KEYS.alive(worker), 1, px=int(ttl * 1000))
    server.sadd(KEYS.workers, worker)
    frontier.reclaim(server)
    logger.info("worker %s: %d portals", worker, len(crawl_jobs))
    started = start_crawlers(crawl_jobs, log_level)
    # Stopped cleanly: nothing is held, so the worker leaves no lease behind.
    server.srem(KEYS.workers, worker)
    server.delete(KEYS.alive(worker), KEYS.inflight(worker))
    return sum(1 for _, _, failures in started if failures)


class Tally(Counter[str]):
    """The stats object `ArchiveWriter.store` counts into, for ingest."""

    def inc_value(self, key: str, count: int = 1) -> None:
        self[key] += count


@dataclass
class IngestRun:
    """The `crawls` row of each portal ingest writes for, with its counts."""

    crawl_ids: dict[str, int] = field(default_factory=dict)
    tallies: dict[str, Tally] = field(default_factory=dict)
    items: int = 0


def ingest(
    server: redis.Redis,
    db_path: str,
    idle_timeout: float,
    batch_size: int = 100,
) -> IngestRun:
    """Drain the frontier's items into the archive until no worker is alive, the frontier and
    the item list are empty, and that has lasted `idle_timeout` seconds; then finish the
    `crawls` rows. Reliable: items move to a processing list, are written in one transaction,
    and are removed only after the commit; what a killed ingest left there is written first on
    the next start (storing is idempotent: a fetch already recorded is skipped, an article
    stored again is unchanged)."""
    run = IngestRun()
    archive = Archive(db_path)
    try:
        leftover = server.lrange(KEYS.processing, 0, -1)
        if leftover:
            logger.warning("writing %d items a stopped ingest left behind", len(leftover))
            write(archive, server, run, leftover)  # type: ignore[arg-type]
        idle_since: float | None = None
        while True:
            batch = list(frontier.drain_items(server, batch_size, 1.0))
            if batch:
                write(archive, server, run, batch)
                idle_since = None
                continue
            if live_or_busy(server):
                idle_since = None
                continue
            now = time.monotonic()
            idle_since = idle_since or now
            if now - idle_since >= idle_timeout:
                break
        finish(archive, server, run)
    finally:
        archive.close()
    return run


def live_or_busy(server: redis.Redis) -> bool:
    return bool(
        frontier.live_workers(server) or frontier.frontier_busy(server) or server.llen(KEYS.items)
    )


def write(archive: Archive, server: redis.Redis, run: IngestRun, batch: list[bytes]) -> None:
    """Store `batch` in one transaction, then let go of it in Redis."""
    with archive.batch():
        for data in batch:
            portal_id, item = pickle.loads(data)
            crawl_id = run.crawl_ids.get(portal_id)
            if crawl_id is None:
                crawl_id = run.crawl_ids[portal_id] = start_crawl(archive, server, portal_id)
                run.tallies[portal_id] = Tally()
            if isinstance(item, FetchItem) and archive.fetch_recorded(
                item.url, item.fetched_at, item.method
            ):
                continue  # written before a crash, replayed from the processing list
            ArchiveWriter.store(archive, item, crawl_id, run.tallies[portal_id])
    frontier.done_items(server)
    run.items += len(batch)


def start_crawl(archive: Archive, server: redis.Redis, portal_id: str) -> int:
    data = server.get(KEYS.plan(portal_id))
    if data is not None:
        portal: Portal = pickle.loads(data).portal  # type: ignore[arg-type]
        archive.upsert_portal(portal.id, portal.name, portal.province, portal.base_url)
    else:
        archive.upsert_portal(portal_id, portal_id, "", "")
    return archive.start_crawl(portal_id)


def finish(archive: Archive, server: redis.Redis, run: IngestRun) -> None:
    """Finish each portal's `crawls` row with the workers' stats and ingest's counts."""
    for portal_id, crawl_id in run.crawl_ids.items():
        counts: dict[bytes, bytes] = server.hgetall(KEYS.stats(portal_id))  # type: ignore[assignment]
        stats: dict[str, Any] = {k.decode(): int(v) for k, v in counts.items()}
        stats.update(run.tallies[portal_id])
        stats["finish_reason"] = "finished"
        status, _ = crawl_outcome(portal_id, stats, failed=False)
        archive.finish_crawl(crawl_id, status, stats)
