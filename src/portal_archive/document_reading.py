"""Read the archive's attached documents (issue 23): `portal-archive documents`. Reads and writes
through `archive`, reads files with `documents` (each in a child process with limits); never
Scrapy. Resumable: each document is committed as it is read, and a run reads only attachments
without a document from their current bytes."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_archive.archive import Archive
from portal_archive.archive.documents import (
    PendingAttachment,
    attachment_content,
    count_pending,
    forget_orphans,
    pending_attachments,
    read_before,
    store_document,
)
from portal_archive.documents import Limits, parse_fields
from portal_archive.documents.isolated import read_isolated


@dataclass
class ReadResult:
    documents: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    ocr_pages: int = 0
    reused: int = 0
    seconds: float = 0.0

    def add(self, source: str) -> None:
        self.documents += 1
        self.by_source[source] = self.by_source.get(source, 0) + 1

    def summary(self) -> str:
        sources = ", ".join(f"{n} {s}" for s, n in sorted(self.by_source.items())) or "none"
        return (
            f"read {self.documents} documents ({sources}; {self.reused} already read elsewhere), "
            f"{self.ocr_pages} pages OCR'd, {self.seconds:.1f} s"
        )


Progress = Callable[[int, int, ReadResult], None]


def read_one(content: bytes, attachment: PendingAttachment, limits: Limits) -> dict[str, Any]:
    """The `documents` row's text and fields for one attachment's bytes."""
    text = read_isolated(content, attachment["url"] or "", limits)
    fields = parse_fields(text.text, attachment["notice_title"])
    if not text.text:
        # Without text only the notice can say the type and number.
        fields = parse_fields("", attachment["notice_title"])
    return {**text.as_dict(), **fields.as_dict()}


def _reused(first: Future[dict[str, Any]]) -> Future[dict[str, Any]]:
    """The same bytes as a file already being read in this run: its result, marked reused."""
    copy: Future[dict[str, Any]] = Future()
    first.add_done_callback(lambda done: copy.set_result({**done.result(), "reused": True}))
    return copy


def read_documents(
    db_path: str | Path,
    everything: bool = False,
    workers: int = 2,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> ReadResult:
    """Read the attachments of the archive at `db_path` that have no document yet (all of them
    when `everything`), `workers` files at a time."""
    started = time.perf_counter()
    limits = limits or Limits()
    result = ReadResult()
    archive = Archive.open_existing(db_path)
    try:
        forget_orphans(archive)
        total = count_pending(archive, everything)
        pending = list(pending_attachments(archive, everything)) if total else []
        # A bounded window of files in flight: bytes are loaded as workers free up, results
        # are written in order from this thread (the one connection).
        window: deque[tuple[PendingAttachment, Future[dict[str, Any]] | dict[str, Any]]] = deque()
        in_run: dict[str, Future[dict[str, Any]]] = {}

        def write_oldest() -> None:
            attachment, outcome = window.popleft()
            record = outcome if isinstance(outcome, dict) else outcome.result()
            store_document(archive, attachment, record)
            result.add(str(record["text_source"]))
            result.ocr_pages += 0 if record.get("reused") else int(record.get("ocr_pages") or 0)
            result.reused += 1 if record.get("reused") else 0
            if progress is not None:
                progress(result.documents, total, result)

        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            for attachment in pending:
                digest = attachment["sha256"]
                known = None if everything else read_before(archive, digest)
                if known is not None:
                    window.append((attachment, {**known, "reused": True}))
                elif digest and digest in in_run:
                    window.append((attachment, _reused(in_run[digest])))
                else:
                    content = attachment_content(archive, attachment["id"])
                    future = pool.submit(read_one, content, attachment, limits)
                    if digest:
                        in_run[digest] = future
                    window.append((attachment, future))
                while len(window) > 2 * max(1, workers):
                    write_oldest()
            while window:
                write_oldest()
    finally:
        archive.close()
        result.seconds = time.perf_counter() - started
    return result
