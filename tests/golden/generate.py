"""The golden pages are generated, not checked in: both generators are seeded, so they write
the same bytes every time, and the tests (`tests/conftest.py`) and benchmarks call
`write_pages()` before they read `tests/golden/*.html`. The JSON beside each page (the expected
record, reviewed in diffs) is checked in."""

from __future__ import annotations

from pathlib import Path

from tests.golden import make_corpus, make_shapes

HERE = Path(__file__).parent


def write_pages() -> Path:
    """Writes every golden page into tests/golden/ and returns the folder."""
    make_corpus.main(truth=False)  # first: it clears the pages it no longer makes
    make_shapes.main(truth=False)
    return HERE
