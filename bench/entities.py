"""Entity tagging (issue 13): precision and recall per kind on our golden set, the cost per
article, and how `enrich` time grows with the archive's size.

    .venv/bin/python bench/entities.py [--sizes 100,300,1000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from portal_archive.archive import Archive
from portal_archive.enrich.quality import evaluate, load_golden
from portal_archive.enrich.tagger import Tagger
from portal_archive.enrichment import enrich_archive

GOLDEN = Path(__file__).parent.parent / "tests" / "entities" / "golden.jsonl"


def quality(tagger: Tagger) -> None:
    records = load_golden(GOLDEN)
    report = evaluate(records, tagger)
    print(f"golden set: {len(records)} paragraphs")
    print(f"{'kind':<14}{'precision':>10}{'recall':>8}{'found':>7}{'wanted':>8}")
    for kind, s in report.scores.items():
        found, wanted = s.true_positive + s.false_positive, s.true_positive + s.false_negative
        print(f"{kind:<14}{s.precision:>10.3f}{s.recall:>8.3f}{found:>7}{wanted:>8}")
    print(f"positions right: {report.positions_right}/{report.positions_total}")
    print(f"communes resolved in their province: {report.resolved_right}/{report.resolved_total}")


def growth(tagger: Tagger, sizes: list[int]) -> None:
    records = load_golden(GOLDEN)
    # An article of portal length: eight golden paragraphs (about 400 words).
    print(f"{'articles':>9}{'enrich s':>10}{'ms/article':>12}")
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "a.db"
            archive = Archive(db)
            archive.upsert_portal("p", "P", "Hà Nam", "https://p.example/")
            with archive.batch():
                for n in range(size):
                    body = "\n".join(records[(n + k) % len(records)]["text"] for k in range(8))
                    url, title = f"https://p.example/{n}", f"Tin {n}"
                    row = {"url": url, "title": title, "published": "2024-05-01",
                           "body_text": body, "body_html": body}  # fmt: skip
                    archive.store_article("p", row, datetime.now(UTC), None)  # type: ignore[arg-type]
            archive.close()
            started = time.perf_counter()
            result = enrich_archive(db, tagger=tagger)
            seconds = time.perf_counter() - started
            print(f"{result.articles:>9}{seconds:>10.2f}{seconds / size * 1000:>12.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100,300,1000")
    args = parser.parse_args()
    started = time.perf_counter()
    tagger = Tagger()
    tagger.tag("xã Tiên Ngoại", "Hà Nam")  # load the gazetteer and underthesea once
    print(f"start-up (gazetteer, underthesea): {time.perf_counter() - started:.2f} s")
    quality(tagger)
    growth(tagger, [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
