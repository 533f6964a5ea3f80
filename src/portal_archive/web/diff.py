"""Readable differences between two versions of an article, as escaped HTML (difflib).

Short fields are compared word by word; the body paragraph by paragraph, and a changed
paragraph word by word inside. All text is HTML-escaped before any <del>/<ins> is added.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from markupsafe import Markup, escape

WORD_FIELDS = ("title", "published", "category", "author", "summary")
BODY_FIELD = "body_text"
_TOKEN = re.compile(r"\s+|\w+|[^\w\s]+")


@dataclass(frozen=True)
class FieldDiff:
    """One field of the two versions: `html` marks removed text <del>, added text <ins>."""

    name: str
    changed: bool
    html: Markup


def _tokens(text: str) -> list[str]:
    # Whitespace runs are tokens too, so that joining the tokens gives the text back.
    return _TOKEN.findall(text)


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes with changes separated by a lone space merged into one change, so
    that an edited phrase reads as one <del> and one <ins>, not alternating words."""
    merged: list[tuple[str, int, int, int, int]] = []
    for op in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op[0] != "equal" and len(merged) >= 2 and merged[-2][0] != "equal":
            gap = merged[-1]
            if gap[0] == "equal" and not "".join(a[gap[1] : gap[2]]).strip():
                first = merged[-2]
                merged[-2:] = [("replace", first[1], op[2], first[3], op[4])]
                continue
        merged.append(op)
    return merged


def _mark(tag: str, tokens: Sequence[str]) -> str:
    text = "".join(tokens)
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def word_diff(old: str, new: str) -> Markup:
    """`new` with removed words as <del> and added words as <ins>, everything escaped."""
    a, b = _tokens(old), _tokens(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in _opcodes(a, b):
        if op == "equal":
            out.append(str(escape("".join(a[i1:i2]))))
            continue
        out.append(_mark("del", a[i1:i2]))
        out.append(_mark("ins", b[j1:j2]))
    return Markup("".join(out))


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def _changed_block(old: Sequence[str], new: Sequence[str]) -> list[str]:
    # Paragraphs replaced one for one are compared word by word; otherwise removed then added.
    if len(old) == len(new):
        return [f'<p class="changed">{word_diff(o, n)}</p>' for o, n in zip(old, new, strict=True)]
    removed = [f'<p class="removed"><del>{escape(p)}</del></p>' for p in old]
    added = [f'<p class="added"><ins>{escape(p)}</ins></p>' for p in new]
    return removed + added


def body_diff(old: str, new: str) -> Markup:
    """Paragraph-level diff of two bodies; unchanged paragraphs kept for context."""
    a, b = _paragraphs(old), _paragraphs(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(f'<p class="same">{escape(p)}</p>' for p in a[i1:i2])
        else:
            out.extend(_changed_block(a[i1:i2], b[j1:j2]))
    return Markup("\n".join(out))


def _text(version: Mapping[str, Any], name: str) -> str:
    return str(version.get(name) or "")


def article_diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[FieldDiff]:
    """Every compared field of two versions, in reading order."""
    fields = [
        FieldDiff(n, _text(old, n) != _text(new, n), word_diff(_text(old, n), _text(new, n)))
        for n in WORD_FIELDS
    ]
    old_body, new_body = _text(old, BODY_FIELD), _text(new, BODY_FIELD)
    fields.append(FieldDiff(BODY_FIELD, old_body != new_body, body_diff(old_body, new_body)))
    return fields
