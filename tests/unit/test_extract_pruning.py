"""XPath shortcuts never change a result: pruning by class/id values, `[@class]` prefilters."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from portal_archive.extract import selectors as sel
from portal_archive.extract.decode import slim_utf8
from portal_archive.extract.families import FAMILIES
from portal_archive.extract.tree import Scan, narrowed, needles, prefiltered, run

GOLDEN = Path(__file__).parents[1] / "golden"
PARSER = etree.HTMLParser(remove_comments=True, no_network=True, encoding="utf-8")
FIELDS = ("region", "title", "body", "date", "author", "category", "summary", "views")
EXPRESSIONS = sorted(
    {e for f in FAMILIES for name in FIELDS for e in getattr(f, name)}
    | set(sel.NOT_ARTICLE)
    | set(sel.MAIN_REGION)
    | set(sel.CHROME)
    | set(sel.WEBPART_TITLE)
    | {sel.RICH_TEXT, sel.BREADCRUMB_ITEMS, sel.FORM_ROW, sel.FORM_LABEL, sel.FORM_BODY}
    | {sel.NOT_A_TITLE, sel.FIGCAPTION, sel.FORM_FIELDS, sel.HEADINGS, sel.LINK_LIST_CONTAINERS}
)


def test_most_expressions_can_be_pruned() -> None:
    pruned = [e for e in EXPRESSIONS if needles(e) is not None]
    assert len(pruned) > 0.7 * len(EXPRESSIONS)
    assert needles("//div[.//div[contains(@class, 'a')]]") is None  # nested: no rule
    assert needles(".//*[contains(@class, 'a') or @hidden]") is None  # a non-string test
    assert needles("//*[contains(@class, 'a') or @id='b']/..") == ("a", "b")


def test_pruned_results_equal_full_results_on_the_corpus() -> None:
    checked = skipped = 0
    for page in sorted(GOLDEN.glob("*.html")):
        data = slim_utf8(page.read_bytes())
        root = etree.fromstring(data, PARSER)
        for expression in EXPRESSIONS:
            spec = etree.XPath(expression)  # as written, without `tree.prefiltered`
            for node in (root, *list(root.iter("div", "td"))[::10]):
                full = spec(node)
                assert run(expression, node, Scan.of(root)) == full, (page.name, expression)
                checked += 1
                skipped += not full
    assert checked > 3_000 and skipped > checked // 2


def test_prefilters_only_pure_class_and_id_predicates() -> None:
    assert prefiltered("//*[contains(@class, 'a') or @id='b']/..") == (
        "//*[@class or @id][contains(@class, 'a') or @id='b']/.."
    )
    assert prefiltered(".//*[@hidden or contains(@class, 'a')]") == (
        ".//*[@hidden or contains(@class, 'a')]"
    )
    assert prefiltered("ancestor::td[1]") == "ancestor::td[1]"
    changed = [e for e in EXPRESSIONS if prefiltered(e) != e]
    assert len(changed) > 0.6 * len(EXPRESSIONS)


def test_character_references_are_read_as_parsed() -> None:
    data = b'<html><body><div class="news&#45;detail" id="a&#98;">x</div></body></html>'
    root = etree.fromstring(data, PARSER)
    scan = Scan.of(root)
    assert scan.has("news-detail") and scan.has("ab") and not scan.has("news-sapo")
    assert len(run("//*[contains(@class, 'news-detail')]", root, scan)) == 1
    expression = "//*[contains(@class, 'news-detail') or contains(@class, 'sapo') or @id='q']"
    assert narrowed(expression, scan) == "//*[contains(@class, 'news-detail')]"
    assert narrowed("//*[contains(@class, 'sapo') or @id='q']", scan) is None
    deeper = "ancestor::*[@id='ab'][1]/descendant::*[@id='q' or contains(@class, 'news')]"
    assert narrowed(deeper, scan) == (
        "ancestor::*[@id='ab'][1]/descendant::*[contains(@class, 'news')]"
    )
    assert narrowed(".//p[.//b[@id='q']] | .//i", scan) == ".//p[.//b[false()]] | .//i"
