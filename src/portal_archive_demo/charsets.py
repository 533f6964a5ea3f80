"""Pages in the byte shapes older portals serve, for tests and benchmarks."""

from __future__ import annotations

import unicodedata

from portal_archive.archive.textnorm import TONES  # written as combining marks after the letter


def windows_1258(text: str) -> bytes:
    """windows-1258 as Vietnamese pages write it: letters precomposed where the code page has
    them (â, ơ, ư, đ…), tone marks combining; anything else as a numeric character reference."""
    out = []
    for char in text:
        try:
            out.append(char.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        marks = "".join(c for c in parts if c in TONES)
        out.append((base + marks).encode("cp1258", errors="xmlcharrefreplace"))
    return b"".join(out)
