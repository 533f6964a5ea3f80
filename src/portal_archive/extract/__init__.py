"""Article extraction from SharePoint portal pages: a pure function from HTML to `Article`.

from portal_archive.extract import extract_article
article = extract_article(page_bytes, "https://example.gov.vn/Pages/tin.aspx")
"""

from portal_archive.model import Article, Attachment, Image

from .extractor import MAX_PAGE_BYTES, describe_crash, extract_article, extract_article_or_raise

__all__ = [
    "MAX_PAGE_BYTES",
    "Article",
    "Attachment",
    "Image",
    "describe_crash",
    "extract_article",
    "extract_article_or_raise",
]
