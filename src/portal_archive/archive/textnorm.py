"""Vietnamese text normalisation for storage and search.

FTS5's `unicode61 remove_diacritics 2` folds every Vietnamese vowel mark but never `đ`/`Đ`
(U+0111 has no Unicode decomposition), so we index a folded copy as well. Tone placement differs
between the "old" style (hòa, thủy, khỏe) and the "new" one (hoà, thuỷ, khoẻ); both are normalised
to the old style, which government portals use most, before anything is compared.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks (not the vowel-quality marks: circumflex, breve, horn).
TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


def _tone_moves() -> dict[str, str]:
    """Map new-style open syllable endings (oà, oé, uỷ ...) to the old style (òa, óe, ủy)."""
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in TONES:
            for f in (first, first.upper()):
                for s in (second, second.upper()):
                    new = unicodedata.normalize("NFC", f + s + tone)
                    old = unicodedata.normalize("NFC", f + tone + s)
                    moves[new] = old
    return moves


_MOVES = _tone_moves()
# One compiled pattern whose first item is a character class, so that the regex engine skips
# quickly over the text (an alternation of 60 syllable endings behind a look-behind was ~10x
# slower). Only at the end of a word (an open syllable: "hoàng" keeps its tone on a in both
# styles), and not after q, where u belongs to the consonant ("quỳ").
_FIRSTS = "".join(sorted({new[0] for new in _MOVES}))
_SECONDS = "".join(sorted({new[1] for new in _MOVES}))
_MOVE_RE = re.compile(rf"[{_FIRSTS}](?<![qQ].)[{_SECONDS}](?![^\W\d_])", re.UNICODE)


def nfc(text: str | None) -> str:
    """NFC-normalise, treating None as empty."""
    return unicodedata.normalize("NFC", text or "")


def _move(match: re.Match[str]) -> str:
    # The two classes also pair letters that never move ("oỳ", "uà"): those stay as they are.
    found = match.group(0)
    return _MOVES.get(found, found)


def normalize_tones(text: str) -> str:
    """NFC text with new-style tone placement moved to the old style ("hoà" -> "hòa")."""
    return _MOVE_RE.sub(_move, nfc(text))


def vi_fold(text: str | None) -> str:
    """Lower-case, tone-less, đ-less form of `text` ("Đảng ủy" -> "dang uy")."""
    decomposed = unicodedata.normalize("NFD", nfc(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").replace("Đ", "D").lower()


def vi_key(text: str | None) -> str:
    """Comparison form keeping diacritics: NFC, old-style tones, lower case."""
    return normalize_tones(nfc(text)).lower()


def words(text: str | None) -> list[str]:
    """Word tokens of `text` (letters and digits), in order."""
    return _WORD_RE.findall(text or "")


def exact_word_hits(query: str | None, *texts: str | None) -> int:
    """How many of the query's accented words occur, with their diacritics, in `texts`.

    Words typed without any diacritic are not counted: they cannot tell an exact match from a
    folded one, and counting them would let accidental ASCII words jump the ranking.
    """
    wanted = {w for w in words(vi_key(query)) if vi_fold(w) != w}
    if not wanted:
        return 0
    found: set[str] = set()
    for text in texts:
        found.update(wanted.intersection(words(vi_key(text))))
        if found == wanted:
            break
    return len(found)


_QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')
_MAX_TERMS = 16


def fts_query(query: str | None) -> str:
    """Build a safe FTS5 MATCH expression from what a person typed.

    Quoted phrases stay phrases; every other word becomes a quoted term, so FTS syntax (AND, OR,
    NEAR, `*`, `-`, parentheses, unbalanced quotes) is read as plain words and can never raise.
    A trailing `*` on a word keeps its prefix meaning. Returns `'""'` (matches nothing) when
    nothing searchable is left.
    """
    text = normalize_tones(query or "")
    if text.count('"') % 2:
        text += '"'
    terms: list[str] = []
    for phrase, word in _QUERY_RE.findall(text):
        if phrase:
            tokens = words(phrase)
            if tokens:
                terms.append('"' + " ".join(tokens) + '"')
            continue
        prefix = word.endswith("*")
        for i, token in enumerate(words(word)):
            last = i == len(words(word)) - 1
            terms.append(f'"{token}"' + ("*" if prefix and last else ""))
    return " ".join(terms[:_MAX_TERMS]) or '""'
