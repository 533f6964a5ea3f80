"""WARC import benchmark: records/s of `import-warc` against a crawl's rate, same run, and the
import's peak memory on a generated WARC of `--size` MB (default 1024: 1 GB).

    .venv/bin/python bench/warc_import.py [--size 1024] [--workers 2] [--crawl-articles 300]

The WARC (uncompressed, so that its size is the bytes read) is written with warcio in a temp
folder from the demo portal's pages: every article captured, edited and captured again, round
after round, with its images, until the file reaches the size. The crawl is a real
`portal-archive crawl` of the demo portal served in its own process. Both run as `portal-archive`
processes; peak memory is the largest resident set of the import's processes (getrusage).
"""

from __future__ import annotations

import argparse
import io
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal_archive_demo.process import DemoPortalProcess  # noqa: E402
from portal_archive_demo.site import DemoSite  # noqa: E402

CLI = [sys.executable, "-m", "portal_archive.cli"]
SITE = "http://portal.example"
T0 = datetime(2018, 1, 1, tzinfo=UTC)


def response(writer: WARCWriter, url: str, at: datetime, site: DemoSite) -> int:
    parts = urlsplit(url)
    answer = site.render("GET", parts.path, parts.query, headers={"host": parts.netloc})
    http = StatusAndHeaders(f"{answer.status} OK", list(answer.headers.items()), "HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(answer.body),
            length=len(answer.body),
            warc_headers_dict={"WARC-Date": at.strftime("%Y-%m-%dT%H:%M:%SZ")},
            http_headers=http,
        )
    )
    return 1


def generate(path: Path, size: int, articles: int = 3000) -> tuple[int, int]:
    """Write the WARC; returns (records, article pages)."""
    site = DemoSite(articles=articles)
    paths = list(site.article_paths())
    images = sorted({i.url for p in paths for i in site.expected_article(p, SITE + "/").images})
    records = pages = 0
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False, warc_version="1.1")
        for url in images:
            records += response(writer, url, T0, site)
        round_ = 0
        while out.tell() < size:
            for n, page in enumerate(paths):
                at = T0 + timedelta(days=30 * round_, minutes=n)
                records += response(writer, SITE + page, at, site)
                pages += 1
                if n % 3 == round_ % 3:
                    site.edit_article(page)  # a third of the articles change each round
                if out.tell() >= size:
                    break
            round_ += 1
    return records, pages


def timed(cmd: list[str]) -> tuple[float, str, int]:
    """Seconds, stdout, and the peak resident set (KB) of the process and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, done.stdout, max(peak, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=1024, help="WARC size in MB (default 1024)")
    parser.add_argument("--workers", type=int, default=2, help="extraction processes")
    parser.add_argument("--crawl-articles", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        folder = Path(tmp)
        warc = folder / "generated.warc"
        started = time.perf_counter()
        records, pages = generate(warc, args.size * 1024 * 1024)
        megabytes = warc.stat().st_size / 1024 / 1024
        print(
            f"generated {warc.name}: {megabytes:.0f} MB, {records} records ({pages} article "
            f"pages) in {time.perf_counter() - started:.0f}s"
        )
        with DemoPortalProcess(articles=args.crawl_articles) as portal:
            crawl_db = folder / "crawl.db"
            seconds, out, _ = timed(
                [*CLI, "crawl", "demo", "--base-url", portal.url, "--db", str(crawl_db), "-q"]
            )
        match = re.search(r"(\d+) responses, (\d+) articles", out)
        responses, crawled = (int(match.group(1)), int(match.group(2))) if match else (0, 0)
        crawl_rate = crawled / seconds
        print(
            f"crawl of the demo portal: {responses} responses, {crawled} articles in "
            f"{seconds:.1f}s = {responses / seconds:.0f} pages/s, {crawled / seconds:.0f} "
            "articles/s"
        )
        db = folder / "import.db"
        seconds, out, peak = timed(
            [*CLI, "import-warc", str(warc), "--db", str(db), "-q",
             "--workers", str(args.workers)]
        )  # fmt: skip
        with sqlite3.connect(db) as conn:
            articles, versions = conn.execute(
                "SELECT count(*), (SELECT count(*) FROM article_versions) FROM articles"
            ).fetchone()
        conn.close()
        print(out.strip())
        print(
            f"import-warc --workers {args.workers}: {records / seconds:.0f} records/s, "
            f"{pages / seconds:.0f} article pages/s ({articles} articles, {versions} earlier "
            f"versions) in {seconds:.1f}s; {megabytes / seconds:.1f} MB/s"
        )
        import_rate = pages / seconds
        print(
            f"import vs crawl: {import_rate:.0f} vs {crawl_rate:.0f} article pages/s "
            f"({import_rate / max(crawl_rate, 1e-9):.1f}x)"
        )
        print(f"peak memory (largest process): {peak / 1024:.0f} MB for a {megabytes:.0f} MB WARC")


if __name__ == "__main__":
    main()
