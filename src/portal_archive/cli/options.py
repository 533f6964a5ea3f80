"""What the commands share: options, argument types, exit codes, and opening the archive.

Errors the user can fix are one readable line and a non-zero exit: 2 for a bad argument,
1 for a crawl or serve that failed.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import click

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


def open_archive(db_path: str) -> Any:
    """The archive at `db_path`, or one readable error line."""
    if not Path(db_path).is_file():
        raise click.BadParameter(f"no archive at {db_path}: crawl into it first", param_hint="--db")
    from portal_archive.archive import Archive, ArchiveError

    try:
        return Archive.open_existing(db_path)
    except ArchiveError as error:
        raise click.ClickException(str(error)) from None
