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


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class RedisURLType(click.ParamType):  # type: ignore[type-arg]
    """`redis://host:6379/0`, `rediss://…` or `unix:///path/redis.sock`."""

    name = "url"

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        text = str(value).strip()
        if not text.startswith(REDIS_SCHEMES):
            self.fail(f"{text!r} is not a Redis URL like redis://127.0.0.1:6379/0", param, ctx)
        from redis.connection import parse_url

        try:
            parse_url(text)  # type: ignore[no-untyped-call]
        except ValueError as error:
            self.fail(f"{text!r} is not a Redis URL: {error}", param, ctx)
        return text


redis_option = click.option(
    "--redis",
    "redis_url",
    required=True,
    envvar="PORTAL_ARCHIVE_REDIS",
    type=RedisURLType(),
    help="The shared frontier's Redis, e.g. redis://10.0.0.5:6379/0 (or PORTAL_ARCHIVE_REDIS).",
)


def connect_redis(url: str) -> Any:
    """A client for the Redis at `url` that answered a ping, or one readable error line."""
    import redis

    from portal_archive.crawl.frontier import connect

    try:
        return connect(url)
    except (redis.RedisError, OSError, ValueError) as error:
        raise click.ClickException(f"cannot reach Redis at {url}: {error}") from None


fast_option = click.option(
    "--fast",
    is_flag=True,
    help="No delay, high concurrency. Only for servers you run (the demo portal uses it).",
)


def plan_options(command: Any) -> Any:
    """The options that choose what a crawl fetches (`crawl` and `enqueue`): portals by id,
    --start-url, --all, --full, --revalidate [--older-than], --base-url."""
    for option in reversed(
        (
            click.argument("portal_ids", metavar="[PORTAL_ID]...", nargs=-1),
            click.option(
                "--start-url",
                "start_urls",
                multiple=True,
                help="Crawl an ad-hoc SharePoint site; several hosts are crawled at the same time.",
            ),
            click.option(
                "--all",
                "all_enabled",
                is_flag=True,
                help="Crawl every enabled portal, all at the same time.",
            ),
            click.option(
                "--full", is_flag=True, help="Walk every listing and re-fetch archived articles."
            ),
            click.option(
                "--revalidate",
                is_flag=True,
                help="Re-fetch archived articles with conditional GET.",
            ),
            click.option(
                "--older-than",
                type=DurationType(),
                help="With --revalidate: only copies last fetched longer ago than this"
                " (30d, 12h, 2w).",
            ),
            click.option(
                "--base-url", help="Crawl the portal at another root (a mirror, the demo's port)."
            ),
        )
    ):
        command = option(command)
    return command


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
