"""`read_document` in a child process with a time limit and a memory limit: a hostile file may
hang, exhaust memory or crash PDFium, and the caller records one reason and goes on.

The child is `python -m portal_archive.documents.isolated FILE LIMITS-JSON`; it prints the
result as one JSON object. Its process group is killed on time-out, OCR runs included."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

from portal_archive.documents.reader import DocumentText, Limits, read_document, unread


def read_isolated(content: bytes, name: str = "", limits: Limits | None = None) -> DocumentText:
    """The text of `content` as `read_document` gives it, read in a child process."""
    limits = limits or Limits()
    if len(content) > limits.max_bytes:
        return read_document(content, name, limits)  # refused by size, nothing parsed
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="portal-archive-doc-") as tmp:
        path = Path(tmp) / "file"
        path.write_bytes(content)
        command = [
            sys.executable,
            "-m",
            "portal_archive.documents.isolated",
            str(path),
            name,
            json.dumps(asdict(limits)),
        ]
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group: tesseract dies with it
        )
        try:
            out, err = proc.communicate(timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            _kill_group(proc)
            return _finished(unread(f"reading took over {limits.seconds:.0f} s"), started)
    if proc.returncode != 0:
        last = err.decode("utf-8", "replace").strip().splitlines()
        why = f"signal {-proc.returncode}" if proc.returncode < 0 else (last[-1] if last else "")
        return _finished(unread(f"reader crashed ({why})"[:300]), started)
    try:
        return DocumentText.from_dict(json.loads(out))
    except (ValueError, TypeError) as error:
        return _finished(unread(f"reader answered no result ({error})"[:300]), started)


def _finished(result: DocumentText, started: float) -> DocumentText:
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.communicate()


def main(argv: list[str]) -> None:
    path, name, limits_json = argv
    limits = Limits(**json.loads(limits_json))
    # Set here, in the child, rather than by `preexec_fn` (unsafe when the caller has threads,
    # as `portal-archive documents` does); tesseract inherits it.
    _limit_memory(limits.memory_bytes)
    result = read_document(Path(path).read_bytes(), name, limits)
    sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
