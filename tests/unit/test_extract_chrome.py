"""The Python matchers agree with their XPath specifications: `is_chrome` with `sel.CHROME`,
`not_a_title` with `sel.NOT_A_TITLE`."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from portal_archive.extract import selectors as sel
from portal_archive.extract.body import is_chrome
from portal_archive.extract.extractor import not_a_title

GOLDEN = Path(__file__).parents[1] / "golden"
SPEC = etree.XPath(" | ".join(sel.CHROME))
TITLE_SPEC = etree.XPath(sel.NOT_A_TITLE)
PARSER = etree.HTMLParser(remove_comments=True, no_network=True, encoding="utf-8")


def _disagreements(root: etree._Element) -> list[str]:
    matched = set(SPEC(root))
    return [
        etree.tostring(node, encoding="unicode")[:120]
        for node in root.iterdescendants()
        if isinstance(node.tag, str)
        and ((node in matched) != is_chrome(node) or bool(TITLE_SPEC(node)) != not_a_title(node))
    ]


def test_golden_pages_agree() -> None:
    pages = sorted(GOLDEN.glob("*.html"))
    assert len(pages) >= 40
    matched = titles = 0
    for page in pages:
        root = etree.fromstring(page.read_bytes(), PARSER)
        assert _disagreements(root) == [], page.name
        matched += len(SPEC(root))
        titles += sum(bool(TITLE_SPEC(h)) for h in root.iter("h1", "h2", "h3"))
    assert matched > 500 and titles > 40  # the corpus does exercise the rules


_CLASSES = st.sampled_from(
    [
        "ms-hide", "hidden", "ms-hidden", "ms-WPTitle", "ms-WPTitlex", "related", "Related",
        "s4-skipribbonshortcut", "ms-SkiptoMain", "footer-x", "tags", "x", "news-tools", "",
        "ms-webpart-titleText", "ms-webpart-chrome-title", "breadcrumbs", "ms-WPTitle2",
    ]
)  # fmt: skip
_IDS = st.sampled_from(
    [
        "suiteBar", "suiteBarX", "pageFooter", "s4-titlerow", "mainContent", "x", "FOOTER", "",
        "pageTitle", "ctl00_PageTitleInTitleArea", "pagetitle",
    ]
)  # fmt: skip
_STYLES = st.sampled_from(["display:none", "display: none", "DISPLAY:none", "color:red", ""])
_HREFS = st.sampled_from([" javascript:x()", "\njavascript:x", "mailto:a@b", "/a", "java script:"])
_SPACES = st.sampled_from([" ", "\t", "\n", "\u00a0", "  "])


@settings(max_examples=150, deadline=None)
@given(
    tag=st.sampled_from(["a", "div", "span", "p", "nav"]),
    classes=st.lists(_CLASSES, max_size=3),
    space=_SPACES,
    ident=st.none() | _IDS,
    style=st.none() | _STYLES,
    href=st.none() | _HREFS,
    name=st.none() | st.sampled_from(["mainContent", "startNavigation", "top"]),
    flags=st.sets(st.sampled_from(["hidden", "onclick", 'aria-hidden="true"', 'aria-hidden="x"'])),
)
def test_generated_elements_agree(
    tag: str,
    classes: list[str],
    space: str,
    ident: str | None,
    style: str | None,
    href: str | None,
    name: str | None,
    flags: set[str],
) -> None:
    attrs = [f'class="{space.join(classes)}"'] if classes else []
    for key, value in (("id", ident), ("style", style), ("href", href), ("name", name)):
        if value is not None:
            attrs.append(f'{key}="{value}"')
    attrs.extend(flags)
    html = f"<div><{tag} {' '.join(attrs)}>t<h2>h</h2></{tag}></div>"
    root = etree.fromstring(html.encode(), PARSER)
    assert _disagreements(root) == [], html
