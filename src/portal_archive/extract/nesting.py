"""Absurdly deep markup, flattened so that lxml keeps the article.

libxml2 stops building the tree at depth 256 (2048 with `huge_tree`) and drops everything below:
an article inside thousands of nested `<div>`s would vanish without a word. When the parser says
so, the wrappers beyond `LIMIT` levels are removed (their contents stay) and the page parsed again.
"""

from __future__ import annotations

import re

LIMIT = 180  # open elements kept; well under libxml2's 256 with html/body/form around them
_TAG = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*>")
_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr".split())
_RAW_TEXT = frozenset({b"script", b"style", b"textarea", b"title"})


def flatten(data: bytes, limit: int = LIMIT, bare_only: bool = True) -> bytes:
    """`data` without the start and end tags of bare wrappers nested deeper than `limit`."""
    out: list[bytes] = []
    stack: list[tuple[bytes, bool]] = []  # (tag name, dropped)
    kept = at = 0
    for match in _TAG.finditer(data):
        closing, name = match.group(1), match.group(2).lower()
        if name in _VOID or match.group(0).endswith(b"/>"):
            continue
        if not closing:
            # Past the limit only bare wrappers go (a start tag right before another one): the
            # elements that hold text keep their tags, so headings and paragraphs survive.
            dropped = (
                kept >= limit
                and name not in _RAW_TEXT
                and (not bare_only or _wraps(data, match.end()))
            )
            stack.append((name, dropped))
            kept += not dropped
        else:
            opened = next((i for i in range(len(stack) - 1, -1, -1) if stack[i][0] == name), None)
            if opened is None:
                continue  # a stray end tag: the parser ignores it anyway
            dropped = stack[opened][1]
            kept -= sum(not d for _, d in stack[opened:])
            del stack[opened:]
        if dropped:
            out.append(data[at : match.start()])
            at = match.end()
    out.append(data[at:])
    return b"".join(out)


def _wraps(data: bytes, end: int) -> bool:
    following = data[end : end + 64].lstrip()
    return following.startswith(b"<") and not following.startswith(b"</")


def too_deep(error_log: object) -> bool:
    """The parser gave up below some depth ("Excessive depth in document")."""
    return any("Excessive depth" in str(entry) for entry in error_log)  # type: ignore[attr-defined]
