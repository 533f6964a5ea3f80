"""Attached documents (issue 23) on exported portal trees: the share of files with text (by how it
was read), the OCR speed, and how often each field of an official document is found.

    .venv/bin/python bench/documents.py SITES_DIR [--sites a,b] [--max-files 30] [--workers 2]

SITES_DIR holds one folder per site with its exported tree under `www/`. The files are read
where they lie (never copied); each through `read_isolated`, as `portal-archive documents` does.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from portal_archive.archive.schema import DOCUMENT_FIELDS
from portal_archive.documents import Limits, parse_fields
from portal_archive.documents.isolated import read_isolated
from portal_archive.documents.reader import DocumentText

DOCUMENT_SUFFIXES = {".pdf", ".doc", ".docx", ".xls", ".xlsx"}


def document_files(www: Path, limit: int) -> list[Path]:
    files = sorted(
        p for p in www.rglob("*") if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES
    )
    return files[:limit] if limit else files


def bench_site(
    name: str, files: list[Path], workers: int, limits: Limits, dump: Path | None = None
) -> None:
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results: list[DocumentText] = list(
            pool.map(lambda p: read_isolated(p.read_bytes(), p.name, limits), files)
        )
    wall = time.perf_counter() - started
    if dump is not None:  # the texts read, to look at the fields' misses (outside the project)
        (dump / name).mkdir(parents=True, exist_ok=True)
        for path, result in zip(files, results, strict=True):
            (dump / name / f"{path.name}.{result.text_source}.txt").write_text(result.text)
    sources = Counter(r.text_source for r in results)
    read = [r for r in results if r.text]
    ocr = [r for r in results if r.text_source == "ocr"]
    ocr_pages = sum(r.ocr_pages for r in ocr)
    # Each file's reader is busy on one core; `workers` of them side by side.
    ocr_busy = sum(r.seconds for r in ocr) / workers
    per_minute = ocr_pages / ocr_busy * 60 if ocr_busy else 0.0
    confidence = [r.ocr_confidence for r in ocr if r.ocr_confidence is not None]
    print(f"\n{name}: {len(results)} files in {wall:.0f} s on {workers} workers")
    print("  text: " + ", ".join(f"{s} {n}" for s, n in sorted(sources.items())))
    print(f"  share with text: {len(read)}/{len(results)} = {len(read) / max(1, len(results)):.0%}")
    if ocr:
        mean = sum(confidence) / len(confidence) if confidence else 0.0
        print(
            f"  OCR: {ocr_pages} pages of {len(ocr)} files, {per_minute:.1f} pages a minute "
            f"on {workers} cores, mean confidence {mean:.1f}"
        )
    reasons = Counter((r.reason or "").split(":")[0] for r in results if r.text_source == "unread")
    for reason, count in reasons.most_common(5):
        print(f"  unread {count}: {reason}")
    fields = [parse_fields(r.text).as_dict() for r in read]
    coverage = "  ".join(
        f"{f} {sum(1 for x in fields if x[f]) / max(1, len(fields)):.0%}" for f in DOCUMENT_FIELDS
    )
    print(f"  fields found (of files with text): {coverage}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sites_dir", type=Path)
    parser.add_argument("--sites", default="", help="comma-separated site folders (default all)")
    parser.add_argument("--max-files", type=int, default=30, help="per site; 0 for all")
    parser.add_argument("--max-ocr-pages", type=int, default=Limits().max_ocr_pages)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dump", type=Path, help="write each text read under this folder")
    args = parser.parse_args()
    names = [s for s in args.sites.split(",") if s] or sorted(
        p.name for p in args.sites_dir.iterdir() if (p / "www").is_dir()
    )
    limits = Limits(max_ocr_pages=args.max_ocr_pages)
    for name in names:
        files = document_files(args.sites_dir / name / "www", args.max_files)
        bench_site(name, files, args.workers, limits, args.dump)


if __name__ == "__main__":
    main()
