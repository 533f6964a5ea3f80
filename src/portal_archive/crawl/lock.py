"""One writer per archive: a second crawl on the same archive exits at once (exit code 3)."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from portal_archive.errors import ArchiveLocked

__all__ = ["ArchiveLock", "ArchiveLocked"]


class ArchiveLock:
    """An advisory `flock` on `<archive>.lock`, released by the kernel even after a SIGKILL,
    so a killed crawl never leaves a stale lock behind."""

    def __init__(self, db_path: str) -> None:
        self.path = Path(str(db_path) + ".lock")
        self.fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "unknown"
            os.close(fd)
            raise ArchiveLocked(
                f"another crawl (pid {holder}) is writing to {self.path.with_suffix('')}; "
                "try again when it has finished"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> ArchiveLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
