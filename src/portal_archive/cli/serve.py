"""`serve` and `demo`: the archive on the web, and the whole path on the bundled portal."""

from __future__ import annotations

import click

from portal_archive.cli.options import db_option, open_archive


@click.command()
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


@click.command()
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
    from portal_archive.cli.crawl import crawl_locked, report
    from portal_archive.crawl.runner import CrawlOptions
    from portal_archive.registry import REGISTRY_PATH, get_portal
    from portal_archive_demo.process import DemoPortalError, DemoPortalProcess

    try:
        with DemoPortalProcess(articles=articles, port=portal_port) as portal:
            click.echo(f"Demo portal of {articles} articles at {portal.url}")
            demo_portal = [get_portal("demo", REGISTRY_PATH).rebased(portal.url)]
            options = CrawlOptions(log_level="WARNING")
            report(demo_portal, crawl_locked(demo_portal, db_path, options, rebased=True), False)
            if no_serve:
                click.echo(f"Archive built: {db_path}")
                return
            serve_archive(db_path, "127.0.0.1", port)
    except DemoPortalError as error:
        raise click.ClickException(f"{error}; choose another with --portal-port") from None
