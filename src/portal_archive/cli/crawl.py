"""`portals` and `crawl`: what the registry holds, and crawling it into the archive."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from portal_archive.cli.options import (
    EXIT_ALARM,
    EXIT_FAILED,
    EXIT_LOCKED,
    CrawlFailed,
    DurationType,
    db_option,
    registry_option,
)
from portal_archive.errors import UnknownPortal
from portal_archive.registry import Portal, adhoc_portal, get_portal, load_portals

if TYPE_CHECKING:
    from portal_archive.crawl.runner import CrawlOptions


@click.command()
@registry_option
def portals(registry: Path | None) -> None:
    """List the portals in the registry (the packaged one, or --registry FILE).

    \b
    Example:
        portal-archive portals
        portal-archive portals --registry /etc/portal-archive/portals.toml
    """
    for portal in load_portals(registry).values():
        flags = [
            f for f, on in (("untested", not portal.tested), ("enabled", portal.enabled)) if on
        ]
        flag_text = f"  [{', '.join(flags)}]" if flags else ""
        click.echo(
            f"{portal.id:<10} {portal.name} ({portal.province}) {portal.base_url}{flag_text}"
        )


def resolve_portal(
    portal_id: str | None,
    start_urls: tuple[str, ...],
    base_url: str | None,
    registry: Path | None = None,
) -> Portal:
    if portal_id and start_urls:
        raise click.UsageError("give a PORTAL_ID or --start-url, not both")
    if not portal_id and not start_urls:
        raise click.UsageError("give a PORTAL_ID (see `portal-archive portals`) or --start-url URL")
    if start_urls:
        for url in start_urls:
            if not url.startswith(("http://", "https://")):
                raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--start-url")
        return adhoc_portal(list(start_urls))
    try:
        portal = get_portal(portal_id or "", registry)
    except UnknownPortal as error:
        raise click.BadParameter(str(error), param_hint="PORTAL_ID") from None
    return portal.rebased(base_url) if base_url else portal


@click.command()
@click.argument("portal_id", required=False)
@click.option("--start-url", "start_urls", multiple=True, help="Crawl an ad-hoc SharePoint site.")
@click.option("--all", "all_enabled", is_flag=True, help="Crawl every enabled portal in turn.")
@db_option
@click.option("--full", is_flag=True, help="Walk every listing and re-fetch archived articles.")
@click.option("--revalidate", is_flag=True, help="Re-fetch archived articles with conditional GET.")
@click.option(
    "--older-than",
    type=DurationType(),
    help="With --revalidate: only copies last fetched longer ago than this (30d, 12h, 2w).",
)
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option("--base-url", help="Crawl the portal at another root (a mirror, the demo's port).")
@click.option(
    "--contact",
    envvar="PORTAL_ARCHIVE_CONTACT",
    help="Contact URL or e-mail for the User-Agent (or PORTAL_ARCHIVE_CONTACT).",
)
@click.option(
    "--fast",
    is_flag=True,
    help="No delay, high concurrency. Only for servers you run (the demo portal uses it).",
)
@click.option("--demo-articles", default=300, show_default=True, help="Size of the demo portal.")
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
@click.option("--no-lock", is_flag=True, hidden=True)  # `--all` holds the lock for its children
@registry_option
def crawl(
    portal_id: str | None,
    start_urls: tuple[str, ...],
    all_enabled: bool,
    db_path: str,
    full: bool,
    revalidate: bool,
    older_than: timedelta | None,
    max_pages: int | None,
    base_url: str | None,
    contact: str | None,
    fast: bool,
    demo_articles: int,
    quiet: bool,
    no_lock: bool,
    registry: Path | None,
) -> None:
    """Crawl a portal from the registry, or an ad-hoc site, into the archive.

    Incremental by default: archived articles are not fetched again and listings are paged only
    until a run of archived articles. Exit codes: 0 done, 1 failed, 2 bad argument, 3 another
    crawl holds the archive, 4 an alarm (no articles found, field coverage or error rate).

    \b
    Example:
        portal-archive crawl hanam --db hanam.db
        portal-archive crawl hanam --revalidate --older-than 30d
        portal-archive crawl --all --db /var/lib/portal-archive/archive.db
        portal-archive crawl --start-url https://example.gov.vn/Pages/home.aspx
        portal-archive crawl demo            # starts the bundled demo portal itself
    """
    if older_than is not None and not revalidate:
        raise click.UsageError("--older-than goes with --revalidate")
    if all_enabled and (portal_id or start_urls):
        raise click.UsageError(
            "--all crawls every enabled portal: give no PORTAL_ID or --start-url"
        )
    portals = (
        [p for p in load_portals(registry).values() if p.enabled]
        if all_enabled
        else [resolve_portal(portal_id, start_urls, base_url, registry)]
    )
    # Imported late: Scrapy takes a moment to import, and argument errors should not wait.
    from portal_archive.crawl.lock import ArchiveLock, ArchiveLocked

    lock = ArchiveLock(db_path)
    try:
        if not no_lock:
            lock.acquire()
    except ArchiveLocked as error:
        raise CrawlFailed(str(error), EXIT_LOCKED) from None
    try:
        if all_enabled:
            crawl_each(portals, sys.argv[2:])
            return
        from portal_archive.crawl.runner import CrawlOptions

        options = CrawlOptions(
            full=full,
            revalidate=revalidate,
            older_than=older_than,
            max_pages=max_pages,
            contact=contact,
            log_level="WARNING" if quiet else "INFO",
        )
        crawl_one(portals[0], db_path, bool(base_url), fast, demo_articles, options)
    finally:
        lock.release()


def crawl_one(
    portal: Portal,
    db_path: str,
    rebased: bool,
    fast: bool,
    demo_articles: int,
    options: CrawlOptions,
) -> None:
    from portal_archive.crawl.runner import run_crawl
    from portal_archive_demo.process import DemoPortalProcess

    if portal.demo and not rebased:
        with DemoPortalProcess(articles=demo_articles) as demo:
            result = run_crawl(portal.rebased(demo.url), db_path, replace(options, polite=False))
    else:
        polite = not (fast or portal.demo)
        result = run_crawl(portal, db_path, replace(options, polite=polite))
    click.echo(result.summary())
    if result.status == "alarm":
        raise CrawlFailed(f"{portal.id}: ALARM: " + "; ".join(result.alarms), EXIT_ALARM)
    if result.status == "no_response":
        raise CrawlFailed(
            f"{portal.id}: no answer from {', '.join(portal.start_urls)}: is the site up and "
            "the URL right? (the log above says why)",
            EXIT_FAILED,
        )
    if not result.ok:
        raise CrawlFailed(
            f"crawl of {portal.id} did not finish cleanly: {result.status}", EXIT_FAILED
        )


def crawl_each(portals: list[Portal], args: list[str]) -> None:
    """One process per portal (Scrapy's reactor runs once per process); the worst exit wins."""
    passed = [a for a in args if a != "--all"]
    worst = 0
    for portal in portals:
        cmd = [sys.executable, "-m", "portal_archive.cli", "crawl", portal.id, *passed, "--no-lock"]
        code = subprocess.call(cmd)
        click.echo(f"{portal.id}: exit {code}")
        worst = max(worst, code)
    if worst:
        raise CrawlFailed(f"{sum(1 for _ in portals)} portals crawled, worst exit {worst}", worst)
