"""Small lxml helpers shared by the extractor: text, removal, XPath caching, URLs."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urljoin

from lxml import etree

from .text import clean, is_blank

Element = Any  # lxml's _Element: its stubs are not installed, keep the annotations honest

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "blockquote",
        "pre",
        "section",
        "article",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "br",
        "hr",
        "center",
        "address",
        "header",
        "aside",
        "main",
    ]
)
# RFC 3986 reserved and unreserved characters stay; spaces and non-ASCII become %XX; "%" stays so
# an already-encoded URL is not encoded twice.
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


@lru_cache(maxsize=2048)
def xpath(expression: str) -> etree.XPath:
    return etree.XPath(prefiltered(expression))


def prefiltered(expression: str) -> str:
    """`expression` with `[@class]` (or `[@id]`) before each predicate made only of class/id tests.

    The same nodes match: every such test is false without the attribute. libxml2 checks an
    attribute's presence far faster than it builds the strings `contains()` compares, and most
    elements carry no class, so searches over a whole page run about twice as fast.
    """
    return _STEP.sub(_prefilter_step, expression)


def _prefilter_step(step: re.Match[str]) -> str:
    attributes = set()
    for test in step.group(2).split(" or "):
        match = _TEST.fullmatch(test.strip())
        if match is None:
            return step.group(0)
        attributes.add(match.group("attr") or ("class" if match.group(3) else "id"))
    present = " or ".join(f"@{name}" for name in sorted(attributes))
    return f"{step.group(1)}[{present}][{step.group(2)}]"


# A predicate made only of class/id tests joined by `or` holds on no element when none of the
# tested strings occurs in a class or id value of the page (see `Scan`).
_TEST = re.compile(
    r"contains\(@(?P<attr>class|id), '([A-Za-z0-9_-]+)'\)"
    r"|contains\(concat\(' ', normalize-space\(@class\), ' '\), ' ([A-Za-z0-9_-]+) '\)"
    r"|@id='([A-Za-z0-9_-]+)'"
    r"|starts-with\(@id, '([A-Za-z0-9_-]+)'\)"
)
_STEP = re.compile(r"(\*|\b[a-z][a-z0-9]*)\[([^\]\[]*)\]")
# An expression whose first step carries such a predicate matches nothing without its strings.
_SHAPE = re.compile(
    r"(?:\.?//|ancestor(?:-or-self)?::)(?:\*|[a-z][a-z0-9]*)\[([^\]\[]*)\](?:\[\d+\])?(?:/[^|]*)?",
    re.DOTALL,
)
Tests = tuple[tuple[str, str], ...]  # (test, the string it needs)


@lru_cache(maxsize=512)
def needles(expression: str) -> tuple[str, ...] | None:
    """Strings one of which the page must contain for `expression` to match; None: no rule."""
    shape = _SHAPE.fullmatch(expression)
    tests = None if shape is None else _tests(shape.group(1))
    return None if tests is None else tuple(needle for _, needle in tests)


def _tests(predicate: str) -> Tests | None:
    found = []
    for test in predicate.split(" or "):
        match = _TEST.fullmatch(test.strip())
        if match is None:
            return None
        found.append((test.strip(), next(g for g in match.groups()[1:] if g)))
    return tuple(found)


@lru_cache(maxsize=512)
def _steps(expression: str) -> tuple[tuple[tuple[int, int], Tests], ...]:
    """Span and tests of every predicate made only of class/id tests."""
    found = []
    for step in _STEP.finditer(expression):
        tests = _tests(step.group(2))
        if tests is not None:
            found.append((step.span(2), tests))
    return tuple(found)


def narrowed(expression: str, page: Scan) -> str | None:
    """`expression` keeping only the tests whose strings occur in `page`; None: no match.

    A test whose string the page lacks is false on every element, so dropping it from its `or`
    (or the whole predicate for `false()`) changes nothing but the work: libxml2 evaluates every
    alternative on every element.
    """
    steps = _steps(expression)
    if not steps:
        return expression
    present = tuple(page.has(needle) for _, tests in steps for _, needle in tests)
    return _narrowed(expression, present)


@lru_cache(maxsize=2048)
def _narrowed(expression: str, present: tuple[bool, ...]) -> str | None:
    first_step = needles(expression)  # its tests come first in `present`
    if first_step is not None and not any(present[: len(first_step)]):
        return None
    out, at, flags = [], 0, iter(present)
    for (start, end), tests in _steps(expression):
        kept = [test for test, _ in tests if next(flags)]
        out += [expression[at:start], " or ".join(kept) if kept else "false()"]
        at = end
    return "".join([*out, expression[at:]])


class Scan:
    """Every class and id value of a page, asked whether one contains a string.

    A class/id test can only hold on an element when its string occurs in one of these values,
    so an XPath made of such tests is narrowed or skipped (`narrowed`). Values are read from the
    parsed tree (character references already decoded), once per page.
    """

    __slots__ = ("_seen", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._seen: dict[str, bool] = {}

    @classmethod
    def of(cls, root: Element) -> Scan:
        return cls("\n".join(_CLASS_VALUES(root)) + "\n" + "\n".join(_ID_VALUES(root)))

    def has(self, needle: str) -> bool:
        found = self._seen.get(needle)
        if found is None:
            found = self._seen[needle] = needle in self.text
        return found


_CLASS_VALUES = etree.XPath("//@class", smart_strings=False)
_ID_VALUES = etree.XPath("//@id", smart_strings=False)


def run(expression: str, node: Element, page: Scan | None = None) -> list[Element]:
    """`xpath(expression)(node)`, narrowed or skipped by what `page` (see `Scan`) lacks."""
    if page is not None:
        narrow = narrowed(expression, page)
        if narrow is None:
            return []
        expression = narrow
    found: list[Element] = xpath(expression)(node)
    return found


def select(node: Element, expressions: tuple[str, ...], page: Scan | None = None) -> list[Element]:
    """Elements matched by the first expression that matches anything."""
    for expression in expressions:
        found = run(expression, node, page)
        if found:
            return [e for e in found if isinstance(e.tag, str)]
    return []


def first(node: Element, expressions: tuple[str, ...], page: Scan | None = None) -> Element | None:
    found = select(node, expressions, page)
    return found[0] if found else None


def tag(node: Element) -> str:
    return node.tag.lower() if isinstance(node.tag, str) else ""


def raw_text(node: Element) -> str:
    """All text under `node`, block boundaries as spaces (so "a</p><p>b" is not "ab")."""
    return " ".join(node.itertext())


def has_text(node: Element) -> bool:
    """`bool(collapse(raw_text(node)))`, stopping at the first visible text."""
    return any(not is_blank(chunk) for chunk in node.itertext())


def text_of(node: Element | None) -> str:
    return "" if node is None else clean(raw_text(node))


def drop(node: Element) -> None:
    """Remove `node` but keep its tail text in place."""
    parent = node.getparent()
    if parent is None:
        return
    if node.tail:
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + node.tail
        else:
            parent.text = (parent.text or "") + node.tail
    parent.remove(node)


def blocks(node: Element) -> list[str]:
    """Paragraph texts of `node`: every block element and `<br>` ends a paragraph."""
    out: list[str] = []
    buf: list[str] = []
    _walk(node, out, buf)
    _flush(out, buf)
    return out


def _flush(out: list[str], buf: list[str]) -> None:
    if not buf:
        return  # consecutive block boundaries: nothing to clean
    text = clean("".join(buf))
    if text:
        out.append(text)
    buf.clear()


def _walk(node: Element, out: list[str], buf: list[str]) -> None:
    name = node.tag
    element = isinstance(name, str)
    is_block = element and name.lower() in BLOCK_TAGS
    if is_block:
        _flush(out, buf)
    if element and node.text:
        buf.append(node.text)
    for child in node:
        _walk(child, out, buf)
        if child.tail:
            buf.append(child.tail)
    if is_block:
        _flush(out, buf)


def absolute_url(base: str, href: str) -> str:
    """Absolute and percent-encoded: spaces as %20, parentheses kept, no double encoding."""
    href = href.strip()
    try:
        joined = urljoin(base, href)
    except ValueError:  # "//[": brackets that are no IPv6 host; as a path they are escaped
        joined = urljoin(base, href.replace("[", "%5B").replace("]", "%5D"))
    return quote(joined, safe=_URL_SAFE)


def is_style_right(node: Element) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return (node.get("align") or "").lower() == "right" or "text-align:right" in style


def is_style_center(node: Element) -> bool:
    style = (node.get("style") or "").replace(" ", "").lower()
    return (node.get("align") or "").lower() == "center" or "text-align:center" in style


def is_hidden(node: Element) -> bool:
    """`display:none`, `hidden`, `aria-hidden` or SharePoint's `ms-hide`: never shown."""
    if node.get("hidden") is not None or node.get("aria-hidden") == "true":
        return True
    if "display:none" in (node.get("style") or "").replace(" ", "").lower():
        return True
    return "ms-hide" in (node.get("class") or "").split()
