"""Project-wide pytest options."""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json and SCORES.json from the extractor's output",
    )


# Which kind each test module is, for `-m` selections: `browser` needs Chromium, `e2e` starts
# processes or servers (crawls through the CLI, the demo portal, Datasette over HTTP). The rest
# are unit tests. `make test` runs all of them.
BROWSER = {"test_browser.py"}
E2E = {
    "test_cli.py", "test_crawl_e2e.py", "test_datasette.py", "test_demo_portal.py",
    "test_deploy.py", "test_fault_portal_e2e.py", "test_faults_charset.py",
    "test_faults_fetches.py", "test_faults_orphans.py", "test_faults_outage.py",
    "test_operations.py", "test_packaging.py", "test_politeness.py", "test_recrawl.py",
    "test_traps_crawl.py", "test_traps_redirect.py", "test_traps_remote_control.py",
    "test_unextracted.py", "test_warc.py", "test_web_media.py", "test_web_bad_input.py",
}  # fmt: skip


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        module = item.path.name
        if module in BROWSER:
            item.add_marker(pytest.mark.browser)
        elif module in E2E:
            item.add_marker(pytest.mark.e2e)
        else:
            item.add_marker(pytest.mark.unit)
