"""`portal-archive documents`: read the text and fields of attached documents (issue 23)."""

from __future__ import annotations

import sys

import click

from portal_archive.cli.options import db_option, open_archive


@click.command()
@db_option
@click.option("--all", "everything", is_flag=True, help="Read every attached file again.")
@click.option(
    "--workers",
    type=click.IntRange(1, 32),
    default=2,
    show_default=True,
    help="Files read at a time (each in its own process; OCR takes one core).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress line.")
def documents(db_path: str, everything: bool, workers: int, quiet: bool) -> None:
    """Read attached documents: PDF text layers, scans by Vietnamese OCR, .docx; and the fields
    of each official document (type, number, issuer, date, subject, signer). Reads the files
    not read yet (resumable: each is kept as it is read), or --all.

    \b
    Example:
        portal-archive documents --db archive.db
        portal-archive documents --db archive.db --all --workers 4
    """
    open_archive(db_path).close()
    from portal_archive.document_reading import ReadResult, read_documents

    terminal = not quiet and sys.stderr.isatty()

    def show(done: int, total: int, result: ReadResult) -> None:
        ocr = result.by_source.get("ocr", 0)
        unread = result.by_source.get("unread", 0)
        end = "\n" if done == total else ""
        click.echo(f"\rdocuments {done}/{total} ({ocr} ocr, {unread} unread)", nl=False, err=True)
        click.echo(end, nl=False, err=True)

    result = read_documents(db_path, everything, workers, progress=show if terminal else None)
    click.echo(result.summary())
