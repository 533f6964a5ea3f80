"""Crawl throughput: our full crawl (extraction + storage) against a bare Scrapy spider that
fetches the same article pages and parses nothing (the ceiling), in the same run.

    python bench/crawl.py [--articles 5000] [--big 20000] [--repeat 3]

Prints pages/s, the ratio to the ceiling (median of the repeats), and peak memory of the crawl
process at two portal sizes, to show memory stays flat as the portal grows.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import scrapy
from scrapy.crawler import CrawlerProcess

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal_archive.crawl.runner import CrawlOptions, crawl_settings, run_crawl  # noqa: E402
from portal_archive.registry import get_portal  # noqa: E402
from portal_archive_demo import DemoSite  # noqa: E402
from portal_archive_demo.process import DemoPortalProcess  # noqa: E402


class BareSpider(scrapy.Spider):
    """Fetches the given URLs and does nothing with them: the ceiling for this server."""

    name = "bare"

    def __init__(self, urls: list[str], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.urls = urls

    async def start(self):  # type: ignore[no-untyped-def]
        for url in self.urls:
            yield scrapy.Request(url, callback=self.parse)

    def parse(self, response):  # type: ignore[no-untyped-def]
        return None


def child_full(url: str, db: str) -> dict[str, float]:
    portal = get_portal("demo").rebased(url)
    started = time.perf_counter()
    result = run_crawl(portal, db, CrawlOptions(polite=False, log_level="WARNING"))
    elapsed = time.perf_counter() - started
    pages = result.stats.get("downloader/response_count", 0)
    return {
        "pages": pages,
        "seconds": elapsed,
        "articles": result.stats.get("archive/articles_new", 0),
    }


def child_bare(url: str, articles: int) -> dict[str, float]:
    portal = get_portal("demo").rebased(url)
    settings = crawl_settings(portal, ":memory:", CrawlOptions(polite=False, log_level="WARNING"))
    settings.set("ITEM_PIPELINES", {})
    site = DemoSite(articles=articles)
    urls = [url.rstrip("/") + path for path in site.article_paths()]
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    started = time.perf_counter()
    process.crawl(crawler, urls=urls)
    process.start()
    elapsed = time.perf_counter() - started
    pages = crawler.stats.get_value("downloader/response_count", 0) if crawler.stats else 0
    return {"pages": pages, "seconds": elapsed}


def measure(kind: str, url: str, articles: int) -> dict[str, float]:
    """Each measurement in a fresh process: Scrapy's reactor runs once, and peak RSS is its own."""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, __file__, "--child", kind, "--url", url]
        cmd += ["--articles", str(articles), "--db", str(Path(tmp) / "bench.db")]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_size(articles: int, repeat: int, with_bare: bool) -> dict[str, list[dict[str, float]]]:
    runs: dict[str, list[dict[str, float]]] = {"full": [], "bare": []}
    with DemoPortalProcess(articles=articles) as demo:
        for _ in range(repeat):
            if with_bare:
                runs["bare"].append(measure("bare", demo.url, articles))
            runs["full"].append(measure("full", demo.url, articles))
    return runs


def rate(run: dict[str, float]) -> float:
    return run["pages"] / run["seconds"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--big", type=int, default=20000, help="second size, memory only (0: skip)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", choices=["full", "bare"])
    parser.add_argument("--url")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        result = (
            child_full(args.url, args.db)
            if args.child == "full"
            else child_bare(args.url, args.articles)
        )
        result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return

    runs = run_size(args.articles, args.repeat, with_bare=True)
    full_rates = [rate(r) for r in runs["full"]]
    bare_rates = [rate(r) for r in runs["bare"]]
    ratios = [f / b for f, b in zip(full_rates, bare_rates, strict=True)]
    print(f"demo portal: {args.articles} articles, {args.repeat} repeats (medians)")
    print(f"{'crawler':<28}{'pages':>8}{'pages/s':>10}{'peak MB':>10}")
    for name, key in (("bare Scrapy (ceiling)", "bare"), ("portal-archive crawl", "full")):
        sample = runs[key]
        print(
            f"{name:<28}{statistics.median(r['pages'] for r in sample):>8.0f}"
            f"{statistics.median(rate(r) for r in sample):>10.1f}"
            f"{statistics.median(r['maxrss_mb'] for r in sample):>10.1f}"
        )
    print(
        f"ratio to ceiling (median): {statistics.median(ratios):.2f}  (runs: "
        + ", ".join(f"{r:.2f}" for r in ratios)
        + ")"
    )
    if args.big:
        big = run_size(args.big, 1, with_bare=False)["full"][0]
        small_mb = statistics.median(r["maxrss_mb"] for r in runs["full"])
        print(
            f"memory: {args.articles} articles {small_mb:.1f} MB, {args.big} articles "
            f"{big['maxrss_mb']:.1f} MB (x{big['maxrss_mb'] / small_mb:.2f}), "
            f"{rate(big):.1f} pages/s"
        )


if __name__ == "__main__":
    main()
