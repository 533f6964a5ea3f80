"""Ground truth: the `Article` that `extract_article` must return, derived from the data only.

Never parses HTML: the generator's `ArticleData` is the source of truth, and this module states
the extraction contract's rules (docs/extraction-contract.md) in terms of it.
"""

from __future__ import annotations

from portal_archive.model import Article, Attachment, Image
from portal_archive_demo import urls
from portal_archive_demo.article_html import attachment_paragraph_text
from portal_archive_demo.common import clean
from portal_archive_demo.data import ArticleData

# Families that link the attachment inside the body ("Xem chi tiết văn bản tại đây: ...").
INLINE_ATTACHMENT_FAMILIES = ("publishing", "newswebpart", "lacviet")


def body_paragraphs(data: ArticleData) -> list[str]:
    """Body paragraphs as a reader sees them: no captions, sapo, author, source line, view
    counter, related lists, press-release number, translation links or contact block."""
    paragraphs = [clean(p) for p in data.paragraphs]
    if data.attachment and data.family in INLINE_ATTACHMENT_FAMILIES:
        # These families link the document inside the body, so its sentence is body text.
        paragraphs.append(clean(attachment_paragraph_text(data)))
    return paragraphs


def expected(data: ArticleData, url: str, origin: str) -> Article:
    """The contract's record for `data` fetched at `url`; `origin` is "http://host:port"."""
    undated = data.date_style == "lead"
    return Article(
        url=url,
        title=clean(data.title),
        # A date only in the lead is not a publication date: the page shows none.
        published=None if undated else data.published_value,
        published_raw="" if undated else clean(data.published_raw),
        date_source="none" if undated else "page",
        category=clean(data.category),
        author=clean(data.author),
        source=clean(data.source),
        summary=clean(data.summary),
        body_text="\n\n".join(body_paragraphs(data)),
        images=[
            Image(origin + urls.encode_path(img.path), clean(img.caption), clean(img.alt))
            for img in data.all_images
        ],
        attachments=[
            Attachment(
                origin + urls.encode_path(data.attachment.path), clean(data.attachment.title)
            )
        ]
        if data.attachment
        else [],
        view_count=data.view_count,
        family=data.family,
    )
