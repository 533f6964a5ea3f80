"""Typed records that extraction produces. Plain dataclasses: `dataclasses.asdict` gives JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


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
    a time, otherwise a `date`. `date_source` says where it came from ("page", "lead", "none");
    `published_raw` keeps the string as the page printed it. `source` is the credited origin
    ("Theo: …", "Nguồn: …"), kept out of the body. `family` names the portal family or rule that
    produced the record ("structure" when no family matched).
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
