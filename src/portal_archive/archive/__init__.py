"""The SQLite archive of portal articles and its Datasette publication. Never imports Scrapy."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from portal_archive.archive.errors import ArchiveError, ArchiveNotFound
from portal_archive.archive.store import Archive

if TYPE_CHECKING:
    from portal_archive.archive.serving import make_datasette, serve
    from portal_archive.archive.warc import export_warc

__all__ = ["Archive", "ArchiveError", "ArchiveNotFound", "export_warc", "make_datasette", "serve"]


def __getattr__(name: str) -> Any:
    # Datasette is imported only by those who serve: the crawler's pipeline never pays for it.
    if name in ("make_datasette", "serve"):
        from portal_archive.archive import serving

        return getattr(serving, name)
    if name == "export_warc":
        from portal_archive.archive.warc import export_warc

        return export_warc
    raise AttributeError(name)
