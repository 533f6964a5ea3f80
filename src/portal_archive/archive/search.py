"""Search helpers exposed to SQL: folding, safe FTS queries, exact-match counts, snippets.

These run once per candidate row inside the `search` canned query, so they avoid tokenising
whole texts in Python: a query is compiled once into a regular expression (cached) that runs
over the text, or over a character-by-character folded copy of the same length.
"""

from __future__ import annotations

import html
import re
import sqlite3
import unicodedata
from functools import lru_cache

from portal_archive.archive.textnorm import (
    TONES,
    fts_query,
    nfc,
    normalize_tones,
    vi_fold,
    vi_key,
    words,
)

SNIPPET_WORDS = 30
# Characters looked at around the first hit to find the snippet's words (30 words fit easily).
_BEFORE_CHARS = 400
_AFTER_CHARS = 900
_WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)


class _FoldTable(dict[int, str]):
    """`str.translate` table folding each character to one character (lazily filled).

    Keeping the length lets a match found in the folded text be shown in the original one.
    """

    def __missing__(self, code: int) -> str:
        folded = vi_fold(chr(code))
        value = folded if len(folded) == 1 else chr(code)
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold_same_length(text: str) -> str:
    """`vi_fold` of an NFC text, character by character ("Đảng ủy" -> "dang uy")."""
    return text.translate(_FOLD)


def _words_pattern(alternatives: set[str]) -> re.Pattern[str]:
    # Longest first so that a word is never cut short by a shorter alternative.
    body = "|".join(re.escape(w) for w in sorted(alternatives, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.UNICODE)


@lru_cache(maxsize=256)
def _folded_pattern(query: str) -> re.Pattern[str] | None:
    wanted = {vi_fold(w) for w in words(query)}
    return _words_pattern(wanted) if wanted else None


def snippet(query: str | None, *texts: str | None) -> str:
    """An HTML-escaped extract of the first text that matches, query words in <mark>.

    Matching is on folded words, so "dang" highlights "Đảng" as FTS5 matched it.
    """
    candidates = [nfc(t) for t in texts if t]
    pattern = _folded_pattern(query or "")
    best: tuple[int, str, str, int] | None = None
    for text in candidates if pattern is not None else []:
        folded = fold_same_length(text)
        hits = [m for m in pattern.finditer(folded)] if pattern is not None else []
        distinct = len({m.group(0) for m in hits})
        # The text that shows the most different query words wins; earlier texts on ties.
        if hits and (best is None or distinct > best[0]):
            best = (distinct, text, folded, hits[0].start())
    if best is None or pattern is None:
        return html.escape(" ".join(" ".join(candidates[:1]).split()[:SNIPPET_WORDS]))
    return _window(best[1], best[2], best[3], pattern)


def _window(text: str, folded: str, hit: int, pattern: re.Pattern[str]) -> str:
    """About SNIPPET_WORDS words around the first hit, hits marked, whitespace collapsed."""
    low = max(0, hit - _BEFORE_CHARS)
    before = [m.start() for m in _WORD_RE.finditer(text, low, hit)]
    if len(before) >= SNIPPET_WORDS // 2:
        start = before[-(SNIPPET_WORDS // 2)]
    else:
        start = 0 if low == 0 else (before[0] if before else hit)
    after = [m.end() for m in _WORD_RE.finditer(text, start, hit + _AFTER_CHARS)]
    end = after[SNIPPET_WORDS - 1] if len(after) >= SNIPPET_WORDS else len(text)
    out = ["…"] if start else []
    position = start
    for match in pattern.finditer(folded, start, end):
        out.append(html.escape(text[position : match.start()]))
        out.append(f"<mark>{html.escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    out.append(html.escape(text[position:end]))
    if end < len(text) and text[end:].strip():
        out.append("…")
    return " ".join("".join(out).split())


def _new_style(word: str) -> str | None:
    """The new-style tone placement of an old-style word ("hòa" -> "hoà"), if it has one."""
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for tone in TONES:
            old = unicodedata.normalize("NFC", first + tone + second)
            if word.endswith(old) and not word[: -len(old)].endswith("q"):
                candidate = word[: -len(old)] + unicodedata.normalize("NFC", first + second + tone)
                return candidate if normalize_tones(candidate) == word else None
    return None


@lru_cache(maxsize=256)
def _exact_pattern(query: str) -> tuple[re.Pattern[str], int] | None:
    wanted = {w for w in words(vi_key(query)) if vi_fold(w) != w}
    if not wanted:
        return None
    spellings = wanted | {n for n in map(_new_style, wanted) if n}
    return _words_pattern(spellings), len(wanted)


def exact_hits(query: str | None, *texts: str | None) -> int:
    """How many of the query's accented words occur, with their diacritics, in `texts`.

    Same result as `textnorm.exact_word_hits`, without normalising whole texts: the query's
    words are looked for in both tone placements in the lower-cased text.
    """
    compiled = _exact_pattern(query or "")
    if compiled is None:
        return 0
    pattern, wanted = compiled
    found: set[str] = set()
    for text in texts:
        for match in pattern.finditer(nfc(text).lower()):
            found.add(normalize_tones(match.group(0)))
            if len(found) == wanted:
                return wanted
    return len(found)


def register_functions(conn: sqlite3.Connection) -> None:
    """Register the search functions on a connection (Datasette and tests alike)."""
    conn.create_function("vi_fold", 1, vi_fold, deterministic=True)
    conn.create_function("vi_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("vi_exact_hits", -1, exact_hits, deterministic=True)
    conn.create_function("vi_snippet", -1, snippet, deterministic=True)
    # Datasette's ?_search= calls escape_fts(:search): ours also normalises NFC and tone
    # placement and never produces invalid FTS syntax.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
