"""The SQLite archive of portal articles: schema, writes, reads, search. Never imports Scrapy,
and never the web face (`portal_archive.web`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal_archive.archive.errors import ArchiveError, ArchiveNotFound
from portal_archive.archive.store import Archive

if TYPE_CHECKING:
    from portal_archive.archive.warc import export_warc

__all__ = ["Archive", "ArchiveError", "ArchiveNotFound", "export_warc"]


def __getattr__(name: str) -> Any:
    # warcio is imported only by those who export.
    if name == "export_warc":
        from portal_archive.archive.warc import export_warc

        return export_warc
    raise AttributeError(name)
