"""The golden corpus: SharePoint pages of our own writing, with the truth their generator knows.

Two seeded generators, so every run writes the same bytes:

- `families`: articles of seven portal families, and pages that are not articles;
- `shapes`: pages in the structures real portals show (Lạc Việt, press releases, blogs, Tân Dân,
  structural mutations), in our own markup and words.

The pages (`NAME.html`) are not checked in: the tests (`tests/conftest.py`) and the benchmarks
call `write_pages(tests/golden)` before they read them. The expected records (`NAME.json`) are
checked in; `--truth` writes the generator's truth instead (every field but `body_html`), to
start a new page's record, and `make golden-update` then records the extractor's output::

    python -m portal_archive_demo.golden tests/golden            # the pages
    python -m portal_archive_demo.golden --truth tests/golden    # the pages and their truth
"""

from __future__ import annotations

import json
from pathlib import Path

from portal_archive_demo.golden import families, shapes
from portal_archive_demo.phrases import CHROME_PHRASES


def write_json(path: Path, record: object) -> None:
    path.write_text(
        json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )


def write_pages(folder: Path, truth: bool = False) -> Path:
    """Writes every golden page into `folder` and returns it; with `truth`, also each page's
    generator truth (NAME.json) and the chrome phrases (chrome.json). Any other `*.html` in the
    folder is removed: a page no generator makes any more."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = families.pages() + shapes.pages()
    names = {f"{name}.html" for name, _, _ in pages}
    for old in folder.glob("*.html"):
        if old.name not in names:
            old.unlink()
    for name, page, record in pages:
        (folder / f"{name}.html").write_bytes(page)
        if truth:
            write_json(folder / f"{name}.json", record)
    if truth:
        write_json(folder / "chrome.json", CHROME_PHRASES)
    return folder
