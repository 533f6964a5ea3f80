"""The records that cross the system's parts: the `Article` extraction produces, and the
`ArticleRecord` the archive stores (its plain-data form), converted in one place,
`article_record`."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from typing import Any, TypedDict


@dataclass(frozen=True)
class Image:
    """A body image: absolute, correctly encoded URL, with its caption and alt text."""

    url: str
    caption: str = ""
    alt: str = ""


@dataclass(frozen=True)
class Attachment:
    """A linked document (PDF, DOC, XLS, ...) with its link text."""

    url: str
    title: str = ""


@dataclass
class Article:
    """One article as a journalist reads it, with no SharePoint chrome in any field.

    `published` is a naive-free value: a `datetime` aware in Asia/Ho_Chi_Minh when the page gives
    a time, otherwise a `date`. `date_source` says where it came from ("page", or "none": a date
    found only in the text is no publication date);
    `published_raw` keeps the string as the page printed it. `source` is the credited origin
    ("Theo: …", "Nguồn: …"), kept out of the body. `family` names the portal family or rule that
    produced the record ("structure" when no family matched). `kind` is "article" for news and
    "document" for a document notice (a headline, a date, a line or two and its files).
    """

    url: str
    title: str
    published: date | datetime | None = None
    published_raw: str = ""
    date_source: str = "none"
    category: str = ""
    author: str = ""
    source: str = ""
    summary: str = ""
    body_text: str = ""
    body_html: str = ""
    images: list[Image] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    view_count: int | None = None
    family: str = ""
    kind: str = "article"


class ImageRecord(TypedDict):
    url: str
    caption: str
    alt: str


class AttachmentRecord(TypedDict):
    url: str
    title: str


class ArticleRecord(TypedDict):
    """An `Article` as plain data (JSON as it is): `published` as ISO 8601 or None."""

    url: str
    title: str
    published: str | None
    published_raw: str
    date_source: str
    category: str
    author: str
    source: str
    summary: str
    body_text: str
    body_html: str
    images: list[ImageRecord]
    attachments: list[AttachmentRecord]
    view_count: int | None
    family: str
    kind: str


def article_record(article: Article) -> ArticleRecord:
    """The one conversion from `Article` to `ArticleRecord`."""
    record: Any = _plain(article)
    published = article.published
    record["published"] = published.isoformat() if isinstance(published, date) else None
    result: ArticleRecord = record
    return result


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copies (~40 µs a record): every leaf is immutable."""
    if isinstance(value, Article | Image | Attachment):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
