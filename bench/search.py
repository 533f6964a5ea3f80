"""Search benchmark: a synthetic archive, 30 queries, SQL and HTTP latency, 8-client throughput.

Usage: .venv/bin/python bench/search.py [--articles 100000] [--db PATH] [--build-only]

The archive is built once and cached under bench/results/, keyed by size and by a hash of the
code that shapes it (this generator, the schema, the store and the text normalisation).
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from portal_archive.archive import Archive, schema, textnorm
from portal_archive.archive.search import register_functions
from portal_archive.web.serving import canned_query

# Our own phrase bank; combined deterministically.
SUBJECTS = [
    "Đảng ủy xã",
    "Ủy ban nhân dân huyện",
    "Sở Giáo dục",
    "Hội Nông dân",
    "Công an tỉnh",
    "Đoàn thanh niên",
    "Bệnh viện đa khoa",
    "Trường tiểu học",
    "Hội Liên hiệp phụ nữ",
]
VERBS = [
    "tổ chức hội nghị về",
    "triển khai kế hoạch",
    "kiểm tra công tác",
    "tổng kết phong trào",
    "phát động thi đua",
    "tuyên truyền về",
    "hỗ trợ người dân trong",
]
TOPICS = [
    "chính quyền thân thiện",
    "xây dựng nông thôn mới",
    "hòa bình và hữu nghị",
    "phòng chống thiên tai",
    "cải cách hành chính",
    "chuyển đổi số",
    "an toàn giao thông",
    "bảo vệ môi trường",
    "giảm nghèo bền vững",
    "khuyến học khuyến tài",
    "đê điều thủy lợi",
]
# Commune names, two syllables from this bank: each name is in ~1 of 1,369 articles, each
# syllable in ~1 of 18 (the rare and medium words of the query mix).
PLACES = ["Tân", "Phú", "An", "Bình", "Hòa", "Thạnh", "Long", "Mỹ", "Đông", "Tây", "Hưng", "Lộc",
          "Phước", "Thuận", "Vĩnh", "Quang", "Đức", "Thành", "Nghĩa", "Trung", "Hiệp", "Thịnh",
          "Khánh", "Định", "Sơn", "Lâm", "Hải", "Cát", "Kim", "Ngọc", "Bảo", "Gia", "Xuân",
          "Thái", "Hồng", "Minh", "Tiến"]  # fmt: skip
QUERIES = [
    # rare: a few dozen articles or fewer
    "cau treo",
    "cầu treo",
    '"Khánh Sơn"',
    "xa khanh son",
    "Ngọc Lâm",
    "phuoc loc",
    # medium: a few percent to a third of the articles
    "chinh quyen than thien",
    "Chính quyền thân thiện",
    "hoa binh",
    "hoà bình",
    "dang uy",
    "Đảng ủy",
    "nong thon moi",
    "chuyen doi so",
    "thuỷ lợi",
    "de dieu",
    "giảm nghèo",
    '"cải cách hành chính"',
    '"an toan giao thong"',
    "benh vien",
    "phụ nữ",
    "tieu hoc",
    "thi dua",
    "Minh",
    # very common: nearly every article
    "xa",
    "người dân",
    "nguoi dan",
    "năm",
    "phấn khởi",
    "nam 2015",
]


def build(path: Path, n: int) -> None:
    arc = Archive(path)
    arc.upsert_portal("bench", "Bench", "Bench", "http://127.0.0.1/")
    now = datetime.now(UTC)
    for start in range(0, n, 1000):
        with arc.batch():
            for i in range(start, min(n, start + 1000)):
                s, v, t = SUBJECTS[i % 9], VERBS[i % 7], TOPICS[i % 11]
                place = f"xã {PLACES[i % 37]} {PLACES[(i // 37) % 37]}"
                # Each article draws on 2 subjects, 3 verbs and 3 topics, not the whole bank.
                body = "\n\n".join(
                    f"{SUBJECTS[(i + k % 2) % 9]} {place} {VERBS[(i + k % 3) % 7]} "
                    f"{TOPICS[(i + 4 * (k % 3)) % 11]} năm {2010 + k % 15}, người dân phấn khởi."
                    for k in range(12)
                )
                if i % 5000 == 17:
                    body += "\n\nNgười dân góp công xây cầu treo qua suối."
                arc.store_article("bench", {
                    "url": f"http://127.0.0.1/tin/{i}", "title": f"{s} {v} {t} (số {i})",
                    "published": f"20{10 + i % 15}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    "summary": f"{s} {v} {t}.", "body_text": body, "category": TOPICS[i % 11],
                }, now, None)  # fmt: skip
    arc.close()


RESULTS = Path(__file__).parent / "results"


def cache_path(n: int) -> Path:
    """Where the archive of `n` articles lives; a change to what search indexes gives a new file.

    Keyed on the generator, the text normalisation and the FTS definition, not on all of the
    store: unrelated schema work must not force a rebuild of several minutes.
    """
    parts = [inspect.getsource(build), inspect.getsource(textnorm)]
    parts += [repr(schema.FTS_COLUMNS), schema.FTS_TOKENIZE]
    key = hashlib.sha256("".join(parts).encode()).hexdigest()[:10]
    return RESULTS / f"search-{n}-{key}.db"


def pct(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms"


def sql_latency(path: Path) -> list[float]:
    conn = sqlite3.connect(path)
    register_functions(conn)
    sql = canned_query("search")
    out = []
    for q in QUERIES:
        t = time.perf_counter()
        conn.execute(
            sql, {"q": q, "portal": "", "category": "", "since": "", "until": ""}
        ).fetchall()
        out.append((time.perf_counter() - t) * 1000)
    return out


def http_latency(urls: list[str]) -> tuple[list[float], int]:
    out, biggest = [], 0
    for url in urls:
        t = time.perf_counter()
        with urllib.request.urlopen(url, timeout=60) as r:
            biggest = max(biggest, len(r.read()))
        out.append((time.perf_counter() - t) * 1000)
    return out, biggest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="archive to use (default: cached build)")
    parser.add_argument("--build-only", action="store_true")
    args = parser.parse_args()
    args.db = args.db or cache_path(args.articles)
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        partial = args.db.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        t = time.perf_counter()
        build(partial, args.articles)
        partial.rename(args.db)
        print(f"built {args.articles} articles in {time.perf_counter() - t:.1f} s")
    if args.build_only:
        return
    conn = sqlite3.connect(args.db)
    fts = conn.execute("select sum(pgsize) from dbstat where name like 'articles_fts%'").fetchone()
    folded = conn.execute("select sum(length(search_folded)) from articles").fetchone()
    print(f"archive {os.path.getsize(args.db) / 1e6:.1f} MB; FTS index {fts[0] / 1e6:.1f} MB; "
          f"folded column {folded[0] / 1e6:.1f} MB")  # fmt: skip
    print("search SQL:", pct(sql_latency(args.db)))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = f"from portal_archive.web import serve; serve({str(args.db)!r}, port={port})"
    proc = subprocess.Popen([sys.executable, "-c", code])
    base = f"http://127.0.0.1:{port}/archive"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + ".json", timeout=5).close()
                break
            except OSError:
                time.sleep(0.2)
        quote = urllib.parse.quote
        canned = [f"{base}/search.json?q={quote(q)}&_shape=array" for q in QUERIES]
        table = [f"{base}/articles.json?_search={quote(q)}&_shape=array" for q in QUERIES]
        pages = [f"{base}/articles?_search={quote(q)}" for q in QUERIES]
        listing = [f"{base}/articles"] * 10  # the default list page, facets and all
        runs = [("search canned (HTTP)", canned), ("?_search= (HTTP)", table)]
        runs += [("search page HTML", pages), ("articles list HTML", listing)]
        for name, urls in runs:
            lat, size = http_latency(urls)
            print(f"{name}: {pct(lat)}, largest response {size / 1000:.0f} KB")
        t = time.perf_counter()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda u: urllib.request.urlopen(u, timeout=60).read(), canned * 4))
        print(f"8 clients: {len(canned) * 4 / (time.perf_counter() - t):.1f} requests/s")
    finally:
        proc.terminate()
        proc.wait()
    print(json.dumps({"articles": args.articles}))


if __name__ == "__main__":
    main()
