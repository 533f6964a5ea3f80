"""What the spider yields: typed items, stored by `scraper.pipelines.ArchivePipeline`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from scraper.extract.model import Article


@dataclass
class ArticleItem:
    portal_id: str
    article: Article
    fetched_at: datetime


@dataclass
class FileItem:
    """An image or attachment's bytes, fetched after the article that links it."""

    kind: str  # "image" | "attachment"
    url: str
    content: bytes
    mime: str | None
