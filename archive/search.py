"""Search helpers exposed to SQL: folding, safe FTS queries, exact-match counts, snippets."""

from __future__ import annotations

import html
import re
import sqlite3

from archive.textnorm import exact_word_hits, fts_query, vi_fold, words

SNIPPET_WORDS = 30
_TOKEN_RE = re.compile(r"[^\W_]+|[\W_]+", re.UNICODE)


def snippet(query: str | None, *texts: str | None) -> str:
    """An HTML-escaped extract of the first text that matches, query words in <mark>.

    Matching is on folded words, so "dang" highlights "Đảng" as FTS5 matched it.
    """
    wanted = {vi_fold(w) for w in words(query)}
    candidates = [t for t in texts if t]
    best: tuple[int, list[str], list[int]] | None = None
    for text in candidates:
        tokens = _TOKEN_RE.findall(text)
        hits = [i for i, tok in enumerate(tokens) if vi_fold(tok) in wanted]
        distinct = len({vi_fold(tokens[i]) for i in hits})
        # The text that shows the most different query words wins; earlier texts on ties.
        if hits and (best is None or distinct > best[0]):
            best = (distinct, tokens, hits)
    if best is not None:
        return _window(best[1], best[2], wanted)
    first = " ".join(" ".join(candidates[:1]).split()[:SNIPPET_WORDS])
    return html.escape(first)


def _window(tokens: list[str], hits: list[int], wanted: set[str]) -> str:
    # Tokens alternate word/separator, so 2 tokens per word of context.
    start = max(0, hits[0] - SNIPPET_WORDS // 2)
    end = min(len(tokens), start + SNIPPET_WORDS * 2)
    out = ["…"] if start else []
    for tok in tokens[start:end]:
        escaped = html.escape(tok)
        out.append(f"<mark>{escaped}</mark>" if vi_fold(tok) in wanted else escaped)
    if end < len(tokens):
        out.append("…")
    return " ".join("".join(out).split())


def register_functions(conn: sqlite3.Connection) -> None:
    """Register the search functions on a connection (Datasette and tests alike)."""
    conn.create_function("vi_fold", 1, vi_fold, deterministic=True)
    conn.create_function("vi_fts_query", 1, fts_query, deterministic=True)
    conn.create_function("vi_exact_hits", -1, exact_word_hits, deterministic=True)
    conn.create_function("vi_snippet", -1, snippet, deterministic=True)
    # Datasette's ?_search= calls escape_fts(:search): ours also normalises NFC and tone
    # placement and never produces invalid FTS syntax.
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)


# The `search` canned query lives in datasette-metadata.json. Ranking: rows with the query's
# accented words spelled exactly come first, then bm25 (title over summary over body). Ranking
# every match of a very common word is slow (~100 ms at 50k articles), so only the newest 3,000
# matches are ranked and only the best 100 are checked for exact spelling (title, summary and
# the first 2,000 characters of the body).
