"""`portals` and `crawl`: what the registry holds, and crawling it into the archive."""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import click

from portal_archive.cli.options import (
    EXIT_ALARM,
    EXIT_FAILED,
    EXIT_LOCKED,
    CrawlFailed,
    db_option,
    fast_option,
    plan_options,
    registry_option,
)
from portal_archive.errors import UnknownPortal
from portal_archive.registry import Portal, adhoc_portal, get_portal, load_portals

if TYPE_CHECKING:
    from portal_archive.crawl.runner import CrawlOptions, CrawlResult


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


def resolve_portals(
    portal_ids: tuple[str, ...],
    start_urls: tuple[str, ...],
    all_enabled: bool,
    base_url: str | None,
    registry: Path | None = None,
) -> list[Portal]:
    """The portals one `crawl` names: registry ids, every enabled portal, or start URLs (one
    ad-hoc portal per host; its id is `adhoc` when there is one host, else the host name)."""
    if all_enabled and (portal_ids or start_urls):
        raise click.UsageError(
            "--all crawls every enabled portal: give no PORTAL_ID or --start-url"
        )
    if portal_ids and start_urls:
        raise click.UsageError("give a PORTAL_ID or --start-url, not both")
    if not (all_enabled or portal_ids or start_urls):
        raise click.UsageError("give a PORTAL_ID (see `portal-archive portals`) or --start-url URL")
    if start_urls:
        return adhoc_portals(start_urls, base_url)
    if all_enabled:
        chosen = [p for p in load_portals(registry).values() if p.enabled]
    else:
        try:
            chosen = [get_portal(pid, registry) for pid in dict.fromkeys(portal_ids)]
        except UnknownPortal as error:
            raise click.BadParameter(str(error), param_hint="PORTAL_ID") from None
    if base_url:
        if len(chosen) != 1:
            raise click.UsageError("--base-url goes with one portal")
        return [chosen[0].rebased(base_url)]
    return chosen


def adhoc_portals(start_urls: tuple[str, ...], base_url: str | None) -> list[Portal]:
    for url in start_urls:
        if not url.startswith(("http://", "https://")):
            raise click.BadParameter(f"{url!r} is not an http(s) URL", param_hint="--start-url")
    if base_url:
        raise click.UsageError("--base-url goes with a PORTAL_ID, not --start-url")
    by_host: dict[str, list[str]] = {}
    for url in start_urls:
        by_host.setdefault(urlsplit(url).hostname or "", []).append(url)
    if len(by_host) == 1:
        return [adhoc_portal(list(start_urls))]
    return [adhoc_portal(urls, host) for host, urls in by_host.items()]


@click.command()
@plan_options
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option(
    "--contact",
    envvar="PORTAL_ARCHIVE_CONTACT",
    help="Contact URL or e-mail for the User-Agent (or PORTAL_ARCHIVE_CONTACT).",
)
@fast_option
@click.option("--demo-articles", default=300, show_default=True, help="Size of the demo portal.")
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
@click.option(
    "--no-enrich",
    is_flag=True,
    help="Do not tag the new articles' entities after the crawl (`portal-archive enrich` later).",
)
@registry_option
def crawl(
    portal_ids: tuple[str, ...],
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
    no_enrich: bool,
    registry: Path | None,
) -> None:
    """Crawl portals from the registry, or ad-hoc sites, into the archive.

    Several portals (several PORTAL_IDs, --all, or --start-url on several hosts) are crawled at
    the same time in this process, each politely (one request at a time per host) and with its
    own crawl record, stats and alarms. Incremental by default: archived articles are not
    fetched again and listings are paged only until a run of archived articles.

    Exit codes: 0 done, 1 a crawl failed, 2 bad argument, 3 another crawl holds the archive,
    4 an alarm (no articles found, field coverage or error rate). With several portals, 1 if
    any failed, else 4 if any raised an alarm.

    \b
    Example:
        portal-archive crawl hanam --db hanam.db
        portal-archive crawl hanam duytien --db hanam.db
        portal-archive crawl hanam --revalidate --older-than 30d
        portal-archive crawl --all --db /var/lib/portal-archive/archive.db
        portal-archive crawl --start-url https://example.gov.vn/Pages/home.aspx
        portal-archive crawl demo            # starts the bundled demo portal itself
    """
    if older_than is not None and not revalidate:
        raise click.UsageError("--older-than goes with --revalidate")
    chosen = resolve_portals(portal_ids, start_urls, all_enabled, base_url, registry)
    if not chosen:
        raise CrawlFailed("no portal is enabled in the registry", EXIT_FAILED)
    # Imported late: Scrapy takes a moment to import, and argument errors should not wait.
    from portal_archive.crawl.runner import CrawlOptions

    options = CrawlOptions(
        full=full,
        revalidate=revalidate,
        older_than=older_than,
        max_pages=max_pages,
        contact=contact,
        log_level="WARNING" if quiet else "INFO",
    )
    results = crawl_locked(
        chosen, db_path, options, bool(base_url), fast, demo_articles, enrich=not no_enrich
    )
    report(chosen, results, several=len(chosen) > 1 or all_enabled)


def crawl_locked(
    chosen: list[Portal],
    db_path: str,
    options: CrawlOptions,
    rebased: bool,
    fast: bool = False,
    demo_articles: int = 300,
    enrich: bool = True,
) -> list[CrawlResult]:
    """`crawl_portals` while holding the archive's crawl lock (exit 3 when another holds it)."""
    from portal_archive.crawl.lock import ArchiveLock, ArchiveLocked

    lock = ArchiveLock(db_path)
    try:
        lock.acquire()
    except ArchiveLocked as error:
        raise CrawlFailed(str(error), EXIT_LOCKED) from None
    try:
        results = crawl_portals(chosen, db_path, options, rebased, fast, demo_articles)
        if enrich and any(r.crawl_id is not None for r in results):
            enrich_new_articles(db_path)
        return results
    finally:
        lock.release()


def enrich_new_articles(db_path: str) -> None:
    """Issue 13: tag the crawl's new and changed articles with their entities, after the
    crawl (it adds nothing to the crawl's own time); still under the crawl's lock. A failure
    here loses nothing the crawl stored: it is one line, and `enrich` catches up later."""
    from portal_archive.enrichment import enrich_archive

    try:
        click.echo(enrich_archive(db_path).summary())
    except Exception as error:  # the crawl's own outcome still decides the exit code
        click.echo(
            f"Error: tagging the new articles failed ({error}); the crawl is stored: "
            f"run `portal-archive enrich --db {db_path}` once the cause is fixed",
            err=True,
        )


def crawl_portals(
    chosen: list[Portal],
    db_path: str,
    options: CrawlOptions,
    rebased: bool,
    fast: bool,
    demo_articles: int,
) -> list[CrawlResult]:
    """Crawl `chosen` at the same time; the bundled demo portal is started for the run unless
    `--base-url` points elsewhere."""
    from portal_archive.crawl.runner import run_crawls
    from portal_archive_demo.process import DemoPortalProcess

    with ExitStack() as stack:
        jobs = []
        for portal in chosen:
            if portal.demo and not rebased:
                demo = stack.enter_context(DemoPortalProcess(articles=demo_articles))
                portal = portal.rebased(demo.url)
            polite = not (fast or portal.demo)
            jobs.append((portal, replace(options, polite=polite)))
        return run_crawls(jobs, db_path)


def exit_code(result: CrawlResult) -> int:
    if result.ok:
        return 0
    return EXIT_ALARM if result.status == "alarm" else EXIT_FAILED


def failure_message(portal: Portal, result: CrawlResult) -> str:
    if result.status == "alarm":
        return f"{portal.id}: ALARM: " + "; ".join(result.alarms)
    if result.status == "no_response":
        return (
            f"{portal.id}: no answer from {', '.join(portal.start_urls)}: is the site up and "
            "the URL right? (the log above says why)"
        )
    return f"crawl of {portal.id} did not finish cleanly: {result.status}"


def report(chosen: list[Portal], results: list[CrawlResult], several: bool) -> None:
    """A summary line per portal (and the total), then the worst outcome as the exit code."""
    codes = [exit_code(result) for result in results]
    for portal, result, code in zip(chosen, results, codes, strict=True):
        click.echo(f"{portal.id}: {result.summary()}" if several else result.summary())
        for warning in result.warnings:
            click.echo(f"{portal.id}: warning: {warning}")
        if several:
            click.echo(f"{portal.id}: exit {code}")
    if several:
        click.echo(total_line(results))
    failed = [failure_message(p, r) for p, r, c in zip(chosen, results, codes, strict=True) if c]
    if not failed:
        return
    worst = EXIT_FAILED if EXIT_FAILED in codes else EXIT_ALARM
    if not several:
        raise CrawlFailed(failed[0], worst)
    raise CrawlFailed(
        f"{len(failed)} of {len(chosen)} portals did not finish cleanly: " + " | ".join(failed),
        worst,
    )


def total_line(results: list[CrawlResult]) -> str:
    from portal_archive import stats as keys

    def total(key: str) -> int:
        return sum(int(r.stats.get(key, 0)) for r in results)

    ok = sum(1 for r in results if r.ok)
    return (
        f"total: {ok} of {len(results)} portals ok, "
        f"{total('downloader/response_count')} responses, "
        f"{total(keys.ARTICLES_EXTRACTED)} articles ({total(keys.ARTICLES_NEW)} new, "
        f"{total(keys.ARTICLES_CHANGED)} changed), {total('log_count/ERROR')} errors"
    )
