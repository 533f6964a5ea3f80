"""The SQLite archive of portal articles and its Datasette publication. Never imports Scrapy."""

from archive.errors import ArchiveError, ArchiveNotFound
from archive.store import Archive

__all__ = ["Archive", "ArchiveError", "ArchiveNotFound"]
