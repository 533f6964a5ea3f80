"""National scale on one machine (issue 11): many portals crawled at once, each on a loopback
host of its own (127.0.0.2, 127.0.0.3, …), each host slow and crawled politely.

    python bench/scale.py [--portals 1,10,50] [--articles 20] [--latency 0.2] [--delay 0.25]
                          [--redis-workers 2]

One demo portal process serves the same site on every host, each page after `--latency`
seconds (a small provincial server). The crawl is polite as in production, one request at a
time per host with a delay between requests, but the delay is scaled down (`--delay`, 1 s and
AutoThrottle in production) so that a run takes seconds. The baseline is one portal, measured
in the same run: the scaling efficiency is the aggregate rate over N times the baseline's rate
(1.0 is linear). Each crawl runs in a fresh process (Scrapy's reactor runs once), which reports
its wall time, CPU time (its own and its extraction worker's) and peak memory. Last, the
largest count again through Redis (`enqueue`, `--redis-workers` workers, one `ingest`), each
process measured with `wait4`; its seconds leave out the idle wait before the workers stop.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from portal_archive.crawl.runner import CrawlOptions, run_crawls  # noqa: E402
from portal_archive.registry import load_portals  # noqa: E402
from portal_archive_demo.process import DemoPortalProcess  # noqa: E402

CPU_COUNT = os.cpu_count() or 1


def write_registry(path: Path, urls: list[str]) -> None:
    path.write_text(
        "".join(
            f'[p{n:02}]\nname = "Cổng thử {n}"\nprovince = "Tỉnh mẫu"\nbase_url = "{url}"\n\n'
            for n, url in enumerate(urls, 1)
        ),
        encoding="utf-8",
    )


def child(registry: str, db: str, delay: float) -> dict[str, float]:
    """One crawl of every portal in `registry`, at once; what it cost."""
    overrides = {"DOWNLOAD_DELAY": str(delay), "AUTOTHROTTLE_ENABLED": "False"}
    options = CrawlOptions(log_level="WARNING", overrides=overrides)
    jobs = [(portal, options) for portal in load_portals(Path(registry)).values()]
    started = time.perf_counter()
    results = run_crawls(jobs, db)
    wall = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the extraction worker
    return {
        "portals": len(jobs),
        "ok": sum(1 for r in results if r.ok),
        "pages": sum(r.stats.get("downloader/response_count", 0) for r in results),
        "articles": sum(r.stats.get("archive/articles_new", 0) for r in results),
        "seconds": wall,
        "cpu_seconds": own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime,
        "peak_mb": own.ru_maxrss / 1024,
        "worker_peak_mb": workers.ru_maxrss / 1024,
    }


def measure(urls: list[str], delay: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        registry = Path(tmp) / "portals.toml"
        write_registry(registry, urls)
        cmd = [sys.executable, __file__, "--child", str(registry), "--db", f"{tmp}/scale.db"]
        cmd += ["--delay", str(delay)]
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if out.returncode:
            raise SystemExit(f"the crawl of {len(urls)} portals failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


IDLE = 3.0  # seconds an empty frontier waits before workers and ingest stop (not counted)


def wait_measured(process: subprocess.Popen[str]) -> tuple[float, float]:
    """Wait for `process`; its CPU seconds (its extraction worker's included) and peak MB."""
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def measure_redis(urls: list[str], delay: float, workers: int) -> dict[str, float]:
    """The same crawl through Redis: `enqueue`, `workers` × `worker`, one `ingest`."""
    cli = [sys.executable, "-m", "portal_archive.cli"]
    settings = f"DOWNLOAD_DELAY={delay} AUTOTHROTTLE_ENABLED=False"
    env = {**os.environ, "PORTAL_ARCHIVE_SETTINGS": settings}
    with tempfile.TemporaryDirectory() as tmp, socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        probe.close()
        server = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
        )
        redis_url = f"redis://127.0.0.1:{port}/0"
        try:
            time.sleep(0.5)
            registry, db = Path(tmp) / "portals.toml", f"{tmp}/scale.db"
            write_registry(registry, urls)
            seed = [*cli, "enqueue", "--redis", redis_url, "--db", db, "--registry", str(registry)]
            subprocess.run(
                [*seed, *load_portals(registry)], env=env, check=True, capture_output=True
            )
            idle = ["--idle-timeout", str(IDLE), "-q"]
            started = time.perf_counter()
            crawlers = [
                subprocess.Popen(
                    [*cli, "worker", "--redis", redis_url, "--db-free", *idle], env=env
                )
                for _ in range(workers)
            ]
            writer = subprocess.Popen([*cli, "ingest", "--redis", redis_url, "--db", db, *idle])
            costs = [wait_measured(p) for p in crawlers]
            crawled = time.perf_counter() - started - IDLE
            costs.append(wait_measured(writer))
            with sqlite3.connect(db) as conn:
                pages = conn.execute("select count(*) from fetches where status > 0").fetchone()[0]
                articles = conn.execute("select count(*) from articles").fetchone()[0]
        finally:
            server.terminate()
            server.wait()
    return {
        "portals": len(urls),
        "ok": len(urls),
        "pages": pages,
        "articles": articles,
        "seconds": crawled,
        "cpu_seconds": sum(cpu for cpu, _ in costs),
        "peak_mb": max(mb for _, mb in costs[:-1]),
        "worker_peak_mb": costs[-1][1],  # ingest's
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--portals", default="1,10,50", help="portal counts, comma-separated")
    parser.add_argument("--articles", type=int, default=20, help="articles per portal")
    parser.add_argument("--latency", type=float, default=0.2, help="seconds per page, server side")
    parser.add_argument("--delay", type=float, default=0.25, help="polite delay per host")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--redis-workers", type=int, default=2, help="workers of the Redis run (0: skip it)"
    )
    parser.add_argument("--child")
    parser.add_argument("--db")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.db, args.delay)))
        return

    counts = sorted({int(n) for n in args.portals.split(",")} | {1})
    hosts = [f"127.0.0.{n}" for n in range(2, 2 + max(counts))]
    rows: dict[int, list[dict[str, float]]] = {n: [] for n in counts}
    scaled: list[dict[str, float]] = []
    redis = args.redis_workers and shutil.which("redis-server")
    with DemoPortalProcess(articles=args.articles, host=hosts, latency=args.latency) as demo:
        for _ in range(args.repeat):
            for n in counts:
                rows[n].append(measure(demo.urls[:n], args.delay))
            if redis:
                scaled.append(
                    measure_redis(demo.urls[: max(counts)], args.delay, args.redis_workers)
                )
    print(
        f"{args.articles} articles per portal, {args.latency * 1000:.0f} ms per page server-side,"
        f" {args.delay:.2f} s polite delay per host, one request at a time per host;"
        f" {CPU_COUNT} cores; medians of {args.repeat}"
    )
    header = f"{'portals':>8}{'pages':>8}{'seconds':>9}{'pages/s':>9}{'x 1 portal':>11}"
    header += f"{'efficiency':>11}{'CPU ms/page':>12}{'CPU busy':>9}{'peak MB':>9}{'worker MB':>10}"
    print(header)
    base = statistics.median(r["pages"] / r["seconds"] for r in rows[1])
    for n in counts:
        print(table_row(f"{n}", rows[n], base, n))
    if scaled:
        label = f"{max(counts)} R{args.redis_workers}"
        print(table_row(label, scaled, base, max(counts)))
        print(
            f"R{args.redis_workers}: the same portals through Redis: {args.redis_workers} workers"
            " and one ingest (worker MB: ingest's peak; peak MB: the largest worker's)"
        )
    elif args.redis_workers:
        print("redis-server is not installed: no Redis run (make redis installs it)")


def table_row(label: str, sample: list[dict[str, float]], base: float, n: int) -> str:
    rate = statistics.median(r["pages"] / r["seconds"] for r in sample)
    cpu_ms = statistics.median(1000 * r["cpu_seconds"] / max(r["pages"], 1) for r in sample)
    busy = statistics.median(r["cpu_seconds"] / r["seconds"] / CPU_COUNT for r in sample)
    failed = sum(r["portals"] - r["ok"] for r in sample)
    return (
        f"{label:>8}{statistics.median(r['pages'] for r in sample):>8.0f}"
        f"{statistics.median(r['seconds'] for r in sample):>9.1f}{rate:>9.1f}"
        f"{rate / base:>11.1f}{rate / base / n:>11.2f}{cpu_ms:>12.2f}{busy:>9.0%}"
        f"{statistics.median(r['peak_mb'] for r in sample):>9.0f}"
        f"{statistics.median(r['worker_peak_mb'] for r in sample):>10.0f}"
        + (f"  ({failed} portal crawls not ok)" if failed else "")
    )


if __name__ == "__main__":
    main()
