"""A page as a reader sees it: paragraph units, each a run of a block element's own inline text.

`<div>text <b>more</b><p>nested</p> tail</div>` reads as three units: "text more" (the div's
run before the `<p>`), "nested" (the `<p>`), and "tail" (the div's run after it). Each unit
remembers where its run starts, so a trailing line can be cut away without touching its
container's earlier paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import selectors as sel
from .body import is_chrome
from .text import clean, collapse, is_blank
from .tree import Element, drop

# Tags whose text runs into the surrounding paragraph; every other element is a block.
INLINE = frozenset(
    {"a", "abbr", "acronym", "b", "big", "br", "cite", "code", "em", "font", "i", "img", "kbd"}
    | {"label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup"}
    | {"time", "tt", "u", "var", "wbr", "o:p", "nobr"}
)
SKIPPED = frozenset(sel.CHROME_TAGS)
MIN_PARAGRAPH = 25  # characters: shorter units are labels, captions, by-lines or chrome
LINK_DENSITY_LIMIT = 0.5


@dataclass
class Unit:
    """One paragraph: `node` is the block element the run belongs to; the run starts after the
    block child `after` (None: at the start of `node`) with the inline element `first`."""

    node: Element
    text: str
    link_chars: int
    order: int
    after: Element | None = None
    first: Element | None = None

    @property
    def is_prose(self) -> bool:
        """Long enough to be a paragraph, and not mostly link text."""
        if len(self.text) < MIN_PARAGRAPH:
            return False
        return self.link_chars / len(self.text) < LINK_DENSITY_LIMIT

    @property
    def whole(self) -> bool:
        """The run is all of `node`'s own text (no sibling blocks inside `node`)."""
        return self.after is None and not any(is_block(c) for c in _elements(self.node))


def units(zone: Element) -> list[Unit]:
    """The zone's paragraph units in document order, chrome subtrees skipped."""
    found: list[Unit] = []
    _collect(zone, found)
    return found


def _flush(
    found: list[Unit],
    node: Element,
    texts: list[str],
    links: int,
    after: Element | None,
    first: Element | None,
) -> None:
    joined = "".join(texts)
    if is_blank(joined):  # most runs between blocks are only whitespace
        return
    text = clean(joined)
    if text:
        found.append(Unit(node, text, links, len(found), after, first))


def _collect(node: Element, found: list[Unit]) -> None:
    texts, links, after, first = [node.text or ""], 0, None, None
    kinds = [(child, _kind(child)) for child in node]
    # Beside blocks, a classed inline element is a field of its own (`<span class="date">`).
    mixed = any(kind is _BLOCK for _, kind in kinds)
    for child, kind in kinds:
        if kind is _BLOCK or (kind is _INLINE and mixed and _is_marked(child)):
            _flush(found, node, texts, links, after, first)
            _collect(child, found)
            texts, links, after, first = [], 0, child, None
        elif kind is _INLINE:
            first = first if first is not None else child
            text = " " if child.tag == "br" else inline_text(child)
            texts.append(text)
            if child.tag == "a":
                links += len(collapse(text))
            elif child.find(".//a") is not None:
                links += sum(len(collapse(inline_text(a))) for a in child.iter("a"))
        texts.append(child.tail or "")
    _flush(found, node, texts, links, after, first)


_BLOCK, _INLINE, _SKIP = "block", "inline", "skip"


def _kind(node: Element) -> str:
    if not isinstance(node.tag, str) or node.tag.lower() in SKIPPED or is_chrome(node):
        return _SKIP  # comments, scripts and chrome: only their tail text counts
    return _BLOCK if is_block(node) else _INLINE


def _is_marked(node: Element) -> bool:
    return node.tag != "a" and bool(node.get("class") or node.get("id"))


def is_block(node: Element) -> bool:
    """Not an inline tag, or an inline tag wrapped around blocks (`<span><p>`, a stray `<s>`)."""
    if not isinstance(node.tag, str):
        return False
    if node.tag.lower() not in INLINE:
        return True
    return len(node) > 0 and any(
        isinstance(d.tag, str) and d.tag.lower() not in INLINE for d in node.iterdescendants()
    )


def inline_text(node: Element) -> str:
    """Text of an inline element; `<br>` reads as a space."""
    parts = [node.text or ""]
    for child in node:
        name = child.tag.lower() if isinstance(child.tag, str) else ""
        if name == "br":
            parts.append(" ")
        elif name and not (name in SKIPPED or is_chrome(child)):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _elements(node: Element) -> list[Element]:
    return [c for c in node if isinstance(c.tag, str)]


def within(node: Element, ancestor: Element) -> bool:
    return node is ancestor or any(a is ancestor for a in node.iterancestors())


def cut_from(unit: Unit, scope: Element) -> None:
    """Remove `unit`'s run and everything after it in document order, inside `scope`."""
    if unit.whole and unit.node is not scope:
        cut_element(unit.node, scope)
        return
    if unit.after is not None:
        unit.after.tail = ""
    else:
        unit.node.text = ""
    if unit.first is not None:
        cut_element(unit.first, scope)
    else:
        _cut_following(unit.after if unit.after is not None else None, unit.node, scope)


def cut_element(node: Element, scope: Element) -> None:
    """Remove `node` and everything after it in document order, inside `scope`."""
    parent = node.getparent()
    _cut_following(node, parent, scope)
    node.tail = ""
    drop(node)


def _cut_following(node: Element | None, parent: Element | None, scope: Element) -> None:
    """Drop the siblings after `node` (all of `parent`'s children when None), then the same one
    level up, until `scope`."""
    while parent is not None:
        children = list(parent)
        at = children.index(node) + 1 if node is not None else 0
        for child in children[at:]:
            drop(child)
        if node is not None:
            node.tail = ""
        if parent is scope:
            return
        node, parent = parent, parent.getparent()


def is_bold(node: Element, text: str) -> bool:
    """The whole text is bold: inside <b>/<strong> or styled font-weight bold."""
    if "bold" in (node.get("style") or "").lower().replace(" ", ""):
        return True
    bold = [
        e
        for e in node.iter("strong", "b")
        if not any(a.tag in ("strong", "b") for a in e.iterancestors() if within(a, node))
    ]
    return bool(bold) and clean(" ".join(" ".join(e.itertext()) for e in bold)) == text


def starts_bold(node: Element) -> bool:
    """The line opens with a bold element: `<p><strong>Minh Anh</strong> (Nguồn: …)</p>`."""
    first = next(iter(_elements(node)), None)
    return first is not None and first.tag in ("b", "strong") and not (node.text or "").strip()
