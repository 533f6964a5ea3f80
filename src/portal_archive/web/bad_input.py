"""Bad input answers 4xx, never 500: an unknown `_sort` column, an id too large for SQLite."""

from __future__ import annotations

import logging
from typing import Any

from datasette.handle_exception import handle_exception as datasette_handle_exception
from datasette.views.base import DatasetteError

from portal_archive.web.common import (
    hookimpl_first,
)

log = logging.getLogger(__name__)


@hookimpl_first
def handle_exception(datasette: Any, request: Any, exception: Exception) -> Any:
    """400, not 500, for what Datasette 0.65 blames on itself though the request is at fault:
    `_sort`/`_sort_desc` naming no column, and numbers too big for SQLite anywhere."""
    message = bad_request_message(exception)
    if message is None:
        return None
    error = DatasetteError(message, title="Bad request", status=400)
    return datasette_handle_exception(datasette, request, error)


def bad_request_message(exception: Exception) -> str | None:
    if isinstance(exception, OverflowError):
        return "A number in the request is too large."
    if isinstance(exception, DatasetteError) and str(exception.message).startswith(
        "Cannot sort table by"
    ):
        return str(exception.message)
    return None
