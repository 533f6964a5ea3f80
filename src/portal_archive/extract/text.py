"""Text hygiene: NFC, entities, zero-width characters, whitespace, mojibake."""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy

# Zero-width characters and the soft hyphen, which Word and CMS editors scatter through text.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_BLANK_CHARS = INVISIBLE + "".join(c for c in map(chr, range(0x3000 + 1)) if c.isspace())
# `str.lower()` turns İ into two characters, where `re` folds it to "i"; `re` also matches "i"
# to dotless ı and "s" to long ſ, which `str.lower()` keeps apart.
_RE_FOLDS = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"))
# Entities that survived one decoding (double-encoded sources: "&amp;acirc;").
_LEFTOVER_ENTITY = re.compile(r"&(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
# UTF-8 read as Latin-1/cp1252 leaves these pairs; Vietnamese text never contains them.
_MOJIBAKE = re.compile(
    "[ÃÄÅÆá][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2018-\u203a]"
)


def collapse(text: str) -> str:
    """Contract whitespace: spaces, newlines, nbsp and zero-width runs become one space; strip."""
    # `str.split()` splits on exactly what `\s` matches (str.isspace); a substring test per
    # invisible character is far cheaper than a regex or `str.translate` over Vietnamese text.
    for char in INVISIBLE:
        if char in text:
            text = text.replace(char, " ")
    return " ".join(text.split())


def is_blank(text: str) -> bool:
    """`not collapse(text)`, stopping at the first visible character instead of copying."""
    return not text.strip(_BLANK_CHARS)


def fold_case(text: str) -> str:
    """Each character lower-cased as `re.IGNORECASE` folds it, one character for one.

    Python's `re` scans Unicode text ~10x slower with IGNORECASE; `caseless(p).search(fold_case(t))`
    finds what `re.compile(p, re.IGNORECASE).search(t)` finds, at the same positions.
    """
    for char, plain in _RE_FOLDS:
        if char in text:
            text = text.replace(char, plain)
    return text.lower()


def caseless(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled for searching `fold_case(text)`; see `fold_case`."""
    if re.search(r"\\[A-Z]", pattern):  # an upper-case escape (\S, \W, ...) would be lowered
        raise ValueError(f"pattern has an upper-case escape: {pattern!r}")
    return re.compile(fold_case(pattern))


def clean(text: str) -> str:
    """Everything a journalist-facing string needs: entities, mojibake, NFC, whitespace."""
    if "&" in text and _LEFTOVER_ENTITY.search(text):
        text = html.unescape(text)
    if _MOJIBAKE.search(text):
        # Only when detectable: ftfy on clean text costs time and gains nothing.
        text = ftfy.fix_text(text)
    return collapse(unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Lower-case, without diacritics, for comparing labels ("Ngày đăng" ~ "ngay dang")."""
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip(" :*\u00a0")
