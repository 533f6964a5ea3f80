"""What a family, the form reader or the structural locator found, before any field is cleaned."""

from __future__ import annotations

from dataclasses import dataclass, field

from .tree import Element, Scan


@dataclass
class Parts:
    """The article's region and body elements, and the raw texts of its located fields."""

    family: str
    region: Element
    body: Element
    title: str
    date_text: str = ""
    time_text: str = ""  # a time of day printed apart from the date (a blog post's footer)
    author: str = ""
    summary: str = ""
    category: str = ""
    views_text: str = ""
    field_nodes: list[Element] = field(default_factory=list)
    # The page's class and id values, to rule out XPath matches (see `tree.Scan`).
    page: Scan | None = None
    images_from_region: bool = True
    attachments_from_region: bool = True
    # Where a linked headline points (a home page's featured story links to its article).
    title_href: str = ""
