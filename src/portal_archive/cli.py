"""`portal-archive`: crawl SharePoint portals into a SQLite archive and publish it.

Errors the user can fix are one readable line and a non-zero exit: 2 for a bad argument,
1 for a crawl or serve that failed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from portal_archive.errors import UnknownPortal
from portal_archive.registry import Portal, adhoc_portal, get_portal, load_portals

if TYPE_CHECKING:
    from portal_archive.crawl.runner import CrawlOptions

DEFAULT_DB = "archive.db"

registry_option = click.option(
    "--registry",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="PORTAL_ARCHIVE_REGISTRY",
    help="The operator's portal registry, a TOML file like the packaged one"
    " (or PORTAL_ARCHIVE_REGISTRY; default: the packaged registry).",
)

db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The archive's SQLite file.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="portal-archive")
def main() -> None:
    """Archive SharePoint government portals into SQLite and publish them with Datasette.

    \b
    Example:
        portal-archive demo
        portal-archive crawl hanam --db hanam.db
        portal-archive serve --db hanam.db
    """


@main.command()
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


# Exit codes an operator's cron or systemd unit can act on.
EXIT_FAILED = 1
EXIT_LOCKED = 3
EXIT_ALARM = 4

DURATION = re.compile(r"^(\d+)([smhdw])$")
DURATION_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class DurationType(click.ParamType):  # type: ignore[type-arg]
    """`30d`, `12h`, `2w`: how old an archived copy may be before it is revalidated."""

    name = "duration"

    def convert(self, value: Any, param: Any, ctx: Any) -> timedelta:
        if isinstance(value, timedelta):
            return value
        match = DURATION.match(str(value).strip())
        if not match:
            self.fail(f"{value!r} is not a duration like 30d, 12h or 2w", param, ctx)
        return timedelta(**{DURATION_UNITS[match.group(2)]: int(match.group(1))})


class CrawlFailed(click.ClickException):
    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click reads it per instance


@main.command()
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


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--cors/--no-cors", default=True, show_default=True, help="CORS headers for JS clients."
)
@click.option(
    "--allow-robots", is_flag=True, help="Let search engines index the archive (off by default)."
)
def serve(db_path: str, host: str, port: int, cors: bool, allow_robots: bool) -> None:
    """Serve the archive with Datasette (the database is `archive` in URLs).

    \b
    Example:
        portal-archive serve --db hanam.db --port 8001
        curl 'http://127.0.0.1:8001/archive/articles.json?_search=dang'
    """
    serve_archive(db_path, host, port, cors=cors, allow_robots=allow_robots)


def serve_archive(
    db_path: str, host: str, port: int, *, cors: bool = True, allow_robots: bool = False
) -> None:
    """What `serve` does, for `demo` too: check the archive, say where, serve until stopped."""
    open_archive(db_path).close()
    from portal_archive.web import serve as serve_with_datasette

    click.echo(f"Serving the archive at http://{host}:{port}/archive")
    serve_with_datasette(db_path, host=host, port=port, cors=cors, allow_robots=allow_robots)


def open_archive(db_path: str) -> Any:
    """The archive at `db_path`, or one readable error line."""
    if not Path(db_path).is_file():
        raise click.BadParameter(f"no archive at {db_path}: crawl into it first", param_hint="--db")
    from portal_archive.archive import Archive, ArchiveError

    try:
        return Archive.open_existing(db_path)
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None


@main.command()
@db_option
def status(db_path: str) -> None:
    """Per portal: articles, the last crawl and its outcome, error rate, newest article.

    \b
    Example:
        portal-archive status --db /var/lib/portal-archive/archive.db
    """
    archive = open_archive(db_path)
    try:
        rows = archive.portal_status()
    finally:
        archive.close()
    if not rows:
        click.echo("no portal crawled yet")
    for row in rows:
        crawl = row.get("last_crawl") or {}
        error_rate = row.get("error_rate")
        click.echo(
            f"{row['id']:<10} {row.get('articles', 0):>6} articles "
            f"(newest {row.get('newest_published') or '-'}, {row.get('gone', 0)} gone) | "
            f"last crawl {crawl.get('id', '-')} {crawl.get('status') or 'running/killed'} "
            f"{crawl.get('started_at') or ''} | "
            f"+{row.get('articles_new') or 0} new, {row.get('articles_changed') or 0} changed | "
            f"errors {'-' if error_rate is None else f'{error_rate:.1%}'}"
        )


@main.command()
@click.argument("portal_id", required=False)
@db_option
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def reextract(portal_id: str | None, db_path: str, workers: int) -> None:
    """Run the extractor again over the archived raw pages, without the network.

    \b
    Example:
        portal-archive reextract --db hanam.db
        portal-archive reextract hanam --db hanam.db --workers 4
    """
    open_archive(db_path).close()
    from portal_archive.reextract import reextract as run_reextract

    click.echo(run_reextract(db_path, portal_id, workers).summary())


@main.command("export-warc")
@click.argument("output", type=click.Path(dir_okay=False))
@db_option
@click.option("--portal", "portal_id", help="Only this portal's captures.")
def export_warc(output: str, db_path: str, portal_id: str | None) -> None:
    """Write the archive's raw captures as a standard WARC file (check with `warcio check`).

    \b
    Example:
        portal-archive export-warc hanam.warc.gz --db hanam.db --portal hanam
    """
    open_archive(db_path).close()
    from portal_archive.archive import export_warc as write_warc

    records = write_warc(db_path, output, portal_id)
    click.echo(f"wrote {records} records to {output}")


@main.command()
@click.option(
    "--db", "db_path", default="demo.db", show_default=True, type=click.Path(dir_okay=False)
)
@click.option("--articles", default=300, show_default=True, type=click.IntRange(1, 100_000))
@click.option(
    "--port",
    default=8001,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Datasette's port.",
)
@click.option(
    "--portal-port",
    default=8002,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="The demo portal's port. Fixed, so that archived URLs stay the same from run to run.",
)
@click.option("--no-serve", is_flag=True, help="Stop after building the archive.")
def demo(db_path: str, articles: int, port: int, portal_port: int, no_serve: bool) -> None:
    """Generate the demo portal, crawl it into an archive, and serve the archive.

    The demo portal keeps running while the archive is served, so the articles' source links
    work. Run it again and the crawl is incremental: the archive keeps its rows.

    \b
    Example:
        portal-archive demo                  # then open http://127.0.0.1:8001/archive
        portal-archive demo --articles 5000 --no-serve --db big.db
    """
    from portal_archive_demo.process import DemoPortalError, DemoPortalProcess

    try:
        with DemoPortalProcess(articles=articles, port=portal_port) as portal:
            click.echo(f"Demo portal of {articles} articles at {portal.url}")
            # Scrapy's reactor runs once per process: the crawl gets a process of its own.
            cmd = [
                sys.executable,
                "-m",
                "portal_archive.cli",
                "crawl",
                "demo",
                "--base-url",
                portal.url,
            ]
            code = subprocess.call([*cmd, "--db", db_path, "--quiet"])
            if code != 0:
                raise click.ClickException(f"the demo crawl failed (exit {code})")
            if no_serve:
                click.echo(f"Archive built: {db_path}")
                return
            serve_archive(db_path, "127.0.0.1", port)
    except DemoPortalError as error:
        raise click.ClickException(f"{error}; choose another with --portal-port") from None


if __name__ == "__main__":
    main()
