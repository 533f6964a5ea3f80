"""Re-crawl cost on a demo portal: first crawl, unchanged re-crawl, re-crawl after new
articles, and `reextract` speed against crawling, all in one run.

    python bench/recrawl.py [--articles 5000] [--new 50]

Requests are counted by the demo server itself. Targets (issue 5): an unchanged re-crawl under
2% of the first crawl's requests; `reextract` at least 5x faster than crawling (pages/s).
Issue 9 adds a small portal with many pages that are not articles (introductions, search, dead
navigation, a calendar), 306 articles: an unchanged re-crawl in at most 20 requests, and one
after 5 new articles in at most 30.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal_archive_demo.process import DemoPortalProcess  # noqa: E402

CLI = [sys.executable, "-m", "portal_archive.cli"]


def admin(url: str, action: str) -> dict[str, int]:
    method = "GET" if action == "stats" else "POST"
    request = urllib.request.Request(url + "_demo/" + action, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    return json.loads(body) if body.startswith(b"{") else {}


def timed(cmd: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return time.perf_counter() - started, out.stdout.strip()


def crawl(url: str, db: Path) -> tuple[float, int, str]:
    admin(url, "reset-stats")
    seconds, summary = timed([*CLI, "crawl", "demo", "--base-url", url, "--db", str(db), "-q"])
    return seconds, admin(url, "stats")["total"], summary.splitlines()[-1]


SMALL_PORTAL, SMALL_NEW = 306, 5
TARGETS = {"unchanged re-crawl": 20, f"after {SMALL_NEW} new articles": 30}


def small_portal() -> None:
    """The issue 9 scenario: absolute request counts against their targets."""
    with tempfile.TemporaryDirectory() as tmp, DemoPortalProcess(articles=SMALL_PORTAL) as demo:
        db = Path(tmp) / "archive.db"
        rows = [("first crawl", *crawl(demo.url, db))]
        rows.append(("unchanged re-crawl", *crawl(demo.url, db)))
        admin(demo.url, f"add?n={SMALL_NEW}")
        rows.append((f"after {SMALL_NEW} new articles", *crawl(demo.url, db)))
    print(f"demo portal: {SMALL_PORTAL} articles, many non-article pages")
    print(f"{'run':<26}{'requests':>10}{'target':>10}{'seconds':>10}")
    for name, secs, requests, _ in rows:
        target = TARGETS.get(name)
        mark = "" if target is None else ("  ok" if requests <= target else "  MISSED")
        print(f"{name:<26}{requests:>10}{target or '':>10}{secs:>10.1f}{mark}")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--new", type=int, default=50)
    args = parser.parse_args()
    small_portal()
    with tempfile.TemporaryDirectory() as tmp, DemoPortalProcess(articles=args.articles) as demo:
        db = Path(tmp) / "archive.db"
        rows = [("first crawl", *crawl(demo.url, db))]
        rows.append(("unchanged re-crawl", *crawl(demo.url, db)))
        admin(demo.url, f"add?n={args.new}")
        rows.append((f"after {args.new} new articles", *crawl(demo.url, db)))
        seconds, summary = timed([*CLI, "reextract", "--db", str(db)])
    print(f"demo portal: {args.articles} articles")
    print(f"{'run':<26}{'requests':>10}{'seconds':>10}{'share of first':>16}")
    first_requests = rows[0][2]
    for name, secs, requests, _ in rows:
        print(f"{name:<26}{requests:>10}{secs:>10.1f}{requests / first_requests:>16.2%}")
    for name, *_, line in rows:
        print(f"  {name}: {line}")
    pages = int(re.search(r"re-extracted (\d+) pages", summary).group(1))  # type: ignore[union-attr]
    rate = pages / seconds
    crawl_requests = first_requests / rows[0][1]
    crawl_articles = args.articles / rows[0][1]
    print(
        f"reextract: {pages} pages in {seconds:.1f}s, {rate:.0f} pages/s (process start included);"
        f" x{rate / crawl_articles:.1f} the first crawl's {crawl_articles:.0f} articles/s,"
        f" x{rate / crawl_requests:.1f} its {crawl_requests:.0f} requests/s"
    )


if __name__ == "__main__":
    main()
