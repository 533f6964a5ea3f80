"""`portal-archive`: crawl SharePoint portals into a SQLite archive and publish it.

Errors the user can fix are one readable line and a non-zero exit: 2 for a bad argument,
1 for a crawl or serve that failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click

from scraper.portals import Portal, UnknownPortal, adhoc_portal, get_portal, load_portals

DEFAULT_DB = "archive.db"

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
def portals() -> None:
    """List the portals in the registry (scraper/portals.toml).

    \b
    Example:
        portal-archive portals
    """
    for portal in load_portals().values():
        flags = [
            f for f, on in (("untested", not portal.tested), ("enabled", portal.enabled)) if on
        ]
        flag_text = f"  [{', '.join(flags)}]" if flags else ""
        click.echo(
            f"{portal.id:<10} {portal.name} ({portal.province}) {portal.base_url}{flag_text}"
        )


def resolve_portal(
    portal_id: str | None, start_urls: tuple[str, ...], base_url: str | None
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
        portal = get_portal(portal_id or "")
    except UnknownPortal as error:
        raise click.BadParameter(str(error), param_hint="PORTAL_ID") from None
    return portal.rebased(base_url) if base_url else portal


@main.command()
@click.argument("portal_id", required=False)
@click.option("--start-url", "start_urls", multiple=True, help="Crawl an ad-hoc SharePoint site.")
@db_option
@click.option("--max-pages", type=click.IntRange(min=1), help="Stop after this many responses.")
@click.option("--base-url", help="Crawl the portal at another root (a mirror, the demo's port).")
@click.option("--contact", help="Contact URL or e-mail for the User-Agent.")
@click.option(
    "--fast",
    is_flag=True,
    help="No delay, high concurrency. Only for servers you run (the demo portal uses it).",
)
@click.option("--demo-articles", default=300, show_default=True, help="Size of the demo portal.")
@click.option("-q", "--quiet", is_flag=True, help="Log warnings and errors only.")
def crawl(
    portal_id: str | None,
    start_urls: tuple[str, ...],
    db_path: str,
    max_pages: int | None,
    base_url: str | None,
    contact: str | None,
    fast: bool,
    demo_articles: int,
    quiet: bool,
) -> None:
    """Crawl a portal from the registry, or an ad-hoc site, into the archive.

    \b
    Example:
        portal-archive crawl hanam --db hanam.db
        portal-archive crawl --start-url https://example.gov.vn/Pages/home.aspx
        portal-archive crawl demo            # starts the bundled demo portal itself
    """
    portal = resolve_portal(portal_id, start_urls, base_url)
    # Imported late: Scrapy takes a moment to import, and argument errors should not wait.
    from scraper.crawl import run_crawl
    from scraper.demo_process import DemoPortalProcess

    options = {
        "max_pages": max_pages,
        "contact": contact,
        "log_level": "WARNING" if quiet else "INFO",
    }
    if portal.demo and not base_url:
        with DemoPortalProcess(articles=demo_articles) as demo:
            result = run_crawl(portal.rebased(demo.url), db_path, polite=False, **options)
    else:
        result = run_crawl(portal, db_path, polite=not (fast or portal.demo), **options)
    click.echo(result.summary())
    if not result.ok:
        raise click.ClickException(f"crawl of {portal.id} did not finish cleanly: {result.status}")


@main.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535))
def serve(db_path: str, host: str, port: int) -> None:
    """Serve the archive with Datasette (the database is `archive` in URLs).

    \b
    Example:
        portal-archive serve --db hanam.db --port 8001
        curl 'http://127.0.0.1:8001/archive/articles.json?_search=dang'
    """
    if not Path(db_path).is_file():
        raise click.BadParameter(f"no archive at {db_path}: crawl into it first", param_hint="--db")
    from archive import Archive, ArchiveError
    from archive import serve as serve_archive

    try:
        Archive.open_existing(db_path).close()
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Serving the archive at http://{host}:{port}/archive")
    serve_archive(db_path, host=host, port=port)


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
@click.option("--no-serve", is_flag=True, help="Stop after building the archive.")
def demo(db_path: str, articles: int, port: int, no_serve: bool) -> None:
    """Generate the demo portal, crawl it into an archive, and serve the archive.

    \b
    Example:
        portal-archive demo                  # then open http://127.0.0.1:8001/archive
        portal-archive demo --articles 5000 --no-serve --db big.db
    """
    from scraper.demo_process import DemoPortalProcess

    with DemoPortalProcess(articles=articles) as portal:
        click.echo(f"Demo portal of {articles} articles at {portal.url}")
        # Scrapy's reactor runs once per process: the crawl gets a process of its own.
        cmd = [sys.executable, "-m", "scraper.cli", "crawl", "demo", "--base-url", portal.url]
        code = subprocess.call([*cmd, "--db", db_path, "--quiet"])
    if code != 0:
        raise click.ClickException(f"the demo crawl failed (exit {code})")
    if no_serve:
        click.echo(f"Archive built: {db_path}")
        return
    serve.callback(db_path=db_path, host="127.0.0.1", port=port)  # type: ignore[misc]


if __name__ == "__main__":
    main()
