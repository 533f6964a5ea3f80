"""`portal-archive`: crawl SharePoint portals into a SQLite archive and publish it.

One click group; each command lives with its kind (`crawl`, `serve`, `archive`) and delegates
to plain functions of the library. What commands share is in `options`.
"""

from __future__ import annotations

from typing import Any

import click

from portal_archive.cli.archive import enrich, export_warc, import_warc, reextract, status
from portal_archive.cli.crawl import crawl, portals
from portal_archive.cli.documents import documents
from portal_archive.cli.scale import enqueue, ingest, worker
from portal_archive.cli.serve import demo, serve
from portal_archive.errors import PortalArchiveError, RegistryError


class Commands(click.Group):
    """The library's errors become one readable line: exit 2 for a registry that cannot be
    read (a configuration error, like a bad argument), 1 for the rest."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RegistryError as error:
            raise ConfigurationError(str(error)) from None
        except PortalArchiveError as error:
            raise click.ClickException(str(error)) from None


class ConfigurationError(click.ClickException):
    exit_code = 2


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="portal-archive")
def main() -> None:
    """Archive SharePoint government portals into SQLite and publish them with Datasette.

    \b
    Example:
        portal-archive demo
        portal-archive crawl hanam --db hanam.db
        portal-archive serve --db hanam.db
    """


for command in (
    portals,
    crawl,
    enqueue,
    worker,
    ingest,
    serve,
    status,
    reextract,
    export_warc,
    import_warc,
    enrich,
    documents,
    demo,
):
    main.add_command(command)

__all__ = ["main"]
