"""The archive's exceptions (defined with the others in `portal_archive.errors`)."""

from __future__ import annotations

from portal_archive.errors import ArchiveError, ArchiveNotFound

__all__ = ["ArchiveError", "ArchiveNotFound"]
