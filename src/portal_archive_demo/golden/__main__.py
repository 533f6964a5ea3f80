"""`python -m portal_archive_demo.golden [--truth] FOLDER`: write the golden corpus."""

from __future__ import annotations

import argparse
from pathlib import Path

from portal_archive_demo.golden import write_pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m portal_archive_demo.golden")
    parser.add_argument("folder", type=Path, help="where to write (the tests read tests/golden)")
    parser.add_argument(
        "--truth",
        action="store_true",
        help="also write each page's generator truth (NAME.json) and chrome.json",
    )
    args = parser.parse_args(argv)
    write_pages(args.folder, truth=args.truth)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
