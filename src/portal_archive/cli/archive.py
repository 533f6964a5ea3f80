"""Commands over an archive that exists: `status`, `reextract`, `export-warc`."""

from __future__ import annotations

import click

from portal_archive.cli.options import db_option, open_archive


@click.command()
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


@click.command()
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


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Tag every article again.")
def enrich(db_path: str, everything: bool) -> None:
    """Tag articles with the people, organisations and places they name (issue 13): the
    articles not tagged yet or changed since (a crawl does this itself), or --all.

    \b
    Example:
        portal-archive enrich --db archive.db
        portal-archive enrich --db archive.db --all
    """
    open_archive(db_path).close()
    from portal_archive.enrichment import enrich_archive

    click.echo(enrich_archive(db_path, everything).summary())


@click.command("export-warc")
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
