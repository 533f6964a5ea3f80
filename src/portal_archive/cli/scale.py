"""`enqueue`, `worker` and `ingest`: one crawl spread over many machines through Redis
(issue 11). The work is done by `portal_archive.crawl.scaleout`."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import click

from portal_archive.cli.crawl import resolve_portals
from portal_archive.cli.options import (
    EXIT_FAILED,
    EXIT_LOCKED,
    CrawlFailed,
    connect_redis,
    db_option,
    fast_option,
    plan_options,
    redis_option,
    registry_option,
)

idle_option = click.option(
    "--idle-timeout",
    type=click.FloatRange(min=0),
    help="Stop once the shared frontier has been empty this many seconds"
    " (default: FRONTIER_IDLE_TIMEOUT, 60).",
)


def log_to_stderr(quiet: bool) -> None:
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(asctime)s [%(name)s] %(levelname)s: %(message)s",
    )


@click.command()
@plan_options
@redis_option
@db_option
@fast_option
@registry_option
def enqueue(
    portal_ids: tuple[str, ...],
    start_urls: tuple[str, ...],
    all_enabled: bool,
    full: bool,
    revalidate: bool,
    older_than: timedelta | None,
    base_url: str | None,
    redis_url: str,
    db_path: str,
    fast: bool,
    registry: Path | None,
) -> None:
    """Seed the shared frontier in Redis from the archive's incremental plan.

    Start URLs, revalidations and missing media go into the queue; what workers need of the plan
    (portal, settings, archived and settled pages) goes into Redis, so workers need no SQLite.

    \b
    Example:
        portal-archive enqueue --all --redis redis://10.0.0.5:6379/0 --db archive.db
        portal-archive enqueue hanam duytien --redis redis://10.0.0.5:6379/0 --db archive.db
    """
    if older_than is not None and not revalidate:
        raise click.UsageError("--older-than goes with --revalidate")
    chosen = resolve_portals(portal_ids, start_urls, all_enabled, base_url, registry)
    if not chosen:
        raise CrawlFailed("no portal is enabled in the registry", EXIT_FAILED)
    server = connect_redis(redis_url)
    from portal_archive.crawl.runner import CrawlOptions
    from portal_archive.crawl.scaleout import FrontierBusy
    from portal_archive.crawl.scaleout import enqueue as enqueue_plans

    options = CrawlOptions(full=full, revalidate=revalidate, older_than=older_than)
    jobs = [(p, replace(options, polite=not (fast or p.demo))) for p in chosen]
    try:
        queued = enqueue_plans(server, jobs, db_path)
    except FrontierBusy as error:
        raise CrawlFailed(str(error), EXIT_FAILED) from None
    for portal_id, count in queued.items():
        click.echo(f"{portal_id}: {count} requests queued")


@click.command()
@redis_option
@click.option(
    "--db-free",
    is_flag=True,
    help="Refuse to open any SQLite file in this process (workers never need one).",
)
@idle_option
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
def worker(redis_url: str, db_free: bool, idle_timeout: float | None, quiet: bool) -> None:
    """Crawl from the shared frontier in Redis; run as many as you like, on any machines.

    Items go to Redis for `portal-archive ingest`; requests a worker held when it died go back
    to the queue. Stops (exit 0) once the frontier has been empty for the idle timeout.

    \b
    Example:
        portal-archive worker --redis redis://10.0.0.5:6379/0
    """
    server = connect_redis(redis_url)
    if db_free:
        from portal_archive.crawl.scaleout import forbid_sqlite

        forbid_sqlite()
    from portal_archive.crawl.scaleout import run_worker

    timeout = -1.0 if idle_timeout is None else idle_timeout
    failed = run_worker(server, redis_url, timeout, "WARNING" if quiet else "INFO")
    if failed:
        raise CrawlFailed(f"{failed} crawlers of this worker failed (the log says why)", 1)


@click.command()
@redis_option
@db_option
@idle_option
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
def ingest(redis_url: str, db_path: str, idle_timeout: float | None, quiet: bool) -> None:
    """Write what the workers crawled into the archive: the single writer of a scale-out crawl.

    Items stay in Redis until their transaction is committed, so a killed ingest loses nothing.
    Stops (exit 0) once no worker is alive and the frontier has been empty for the idle timeout.

    \b
    Example:
        portal-archive ingest --redis redis://10.0.0.5:6379/0 --db archive.db
    """
    server = connect_redis(redis_url)
    log_to_stderr(quiet)
    from portal_archive.crawl.lock import ArchiveLock, ArchiveLocked
    from portal_archive.crawl.scaleout import ingest as drain

    lock = ArchiveLock(db_path)
    try:
        lock.acquire()
    except ArchiveLocked as error:
        raise CrawlFailed(str(error), EXIT_LOCKED) from None
    try:
        run = drain(server, db_path, 60.0 if idle_timeout is None else idle_timeout)
    finally:
        lock.release()
    click.echo(f"ingest: {run.items} items for {len(run.crawl_ids)} portals")
