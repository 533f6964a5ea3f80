"""Project-wide pytest options."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from portal_archive_demo.golden import write_pages

GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json and SCORES.json from the extractor's output",
    )


# Each folder is a kind of test, a marker for `-m` selections: `unit` starts nothing, `e2e`
# starts processes or servers (crawls through the CLI, the demo portal, Datasette over HTTP),
# `browser` needs Chromium. `make test` runs all of them.
KINDS = ("unit", "e2e", "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        kind = next((k for k in KINDS if k in item.path.parts), None)
        if kind is not None:
            item.add_marker(getattr(pytest.mark, kind))


def pytest_sessionstart(session: pytest.Session) -> None:
    write_pages(GOLDEN)  # before collection: golden tests are parametrized over the pages
    # The CLI reads the user's own registry when there is one: tests see the packaged one,
    # whatever the machine's ~/.config holds (the CLI's own processes inherit this).
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="portal-archive-config-")
