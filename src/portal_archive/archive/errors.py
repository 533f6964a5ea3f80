"""Domain exceptions of the archive; only the CLI turns them into one readable line."""

from __future__ import annotations


class ArchiveError(Exception):
    """Anything the archive cannot do, with a message fit for an operator."""


class ArchiveNotFound(ArchiveError):
    """The path is missing or is not a portal-archive database."""
