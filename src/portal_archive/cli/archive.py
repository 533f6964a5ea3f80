"""Commands over an archive: `status`, `reextract`, `export-warc`, and `import-warc`, which
fills one from web archive files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from portal_archive.cli.options import db_option, open_archive, registry_option
from portal_archive.extract.page_kind import kind_counts


@click.command()
@db_option
def status(db_path: str) -> None:
    """Per portal: articles, the last crawl and its outcome, error rate, newest article, and
    the last crawl's pages by kind (article, document, listing, home, other, error).

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
            + (f" | pages: {kind_counts(row['page_kinds'])}" if row.get("page_kinds") else "")
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


@click.command("import-warc")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@click.option(
    "--portal",
    "portal_id",
    help="Store every article under this portal (registered, or already in the archive);"
    " a registered portal's own hosts only, unless --host names others.",
)
@click.option(
    "--host",
    "hosts",
    multiple=True,
    help="Import only pages of this host (repeatable). Without --portal, each host is a"
    " portal: the registered one serving it, else an ad-hoc portal named after the host.",
)
@registry_option
@click.option("--workers", default=1, show_default=True, type=click.IntRange(0, 64),
              help="Extraction processes (0: extract in this process).")  # fmt: skip
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
def import_warc(
    files: tuple[Path, ...],
    db_path: str,
    portal_id: str | None,
    hosts: tuple[str, ...],
    registry: Path | None,
    workers: int,
    quiet: bool,
) -> None:
    """Import articles from web archive files: WARC (.warc, .warc.gz), WACZ packages, or
    folders of them (Internet Archive, Common Crawl, Browsertrix, ArchiveBox).

    \b
    Example:
        portal-archive import-warc captures/ --db archive.db
        portal-archive import-warc hanam-2019.warc.gz --db archive.db --portal hanam
        portal-archive import-warc crawl.wacz --db archive.db --host hanam.gov.vn
    """
    from portal_archive.registry import load_portals
    from portal_archive.warc_import import import_warc as run_import
    from portal_archive.warc_read import WarcInputError

    known = load_portals(registry)
    portal = None
    if portal_id is not None:
        portal = known.get(portal_id) or archived_portal(db_path, portal_id)
    try:
        result = run_import(
            list(files),
            db_path,
            portal=portal,
            hosts=hosts,
            registry=known,
            workers=workers,
            progress=None if quiet else sys.stderr,
        )
    except WarcInputError as error:
        raise BadInput(str(error)) from None
    for line in result.damage:
        click.echo(line, err=True)
    click.echo(result.summary())


class BadInput(click.ClickException):
    exit_code = 2


def archived_portal(db_path: str, portal_id: str) -> Any:
    """A portal the archive holds though the registry does not (an earlier import's)."""
    from portal_archive.archive import Archive
    from portal_archive.registry import Portal

    row = None
    if Path(db_path).is_file():
        archive = Archive.open_existing(db_path)
        try:
            row = archive.portal_row(portal_id)
        finally:
            archive.close()
    if row is None:
        raise BadInput(
            f"unknown portal {portal_id!r}: neither registered (`portal-archive portals`) nor"
            " in the archive; leave --portal out to name portals after their hosts"
        )
    return Portal(id=row["id"], name=row["name"] or row["id"], province=row["province"] or "",
                  base_url=row["base_url"] or "", start_urls=(), hosts=())  # fmt: skip
