"""Reading web archive files for `import-warc`: which files, their records one at a time with
their offsets, damaged records skipped, and Wayback-style URLs mapped back to the original.

Files are `.warc`, `.warc.gz` (one gzip member per record, as the standard asks), `.wacz`
packages (a zip of `archive/*.warc[.gz]`, each member streamed) and folders of them. Nothing
reads a whole file: warcio streams, and a payload is read into memory one record at a time.
"""

from __future__ import annotations

import hashlib
import logging
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, cast

from warcio.archiveiterator import ArchiveIterator

from portal_archive.errors import PortalArchiveError

log = logging.getLogger(__name__)

SUFFIXES = (".warc", ".warc.gz", ".wacz")
# A payload larger than this is counted and skipped: SQLite keeps blobs whole (and the crawl
# refuses pages past the extractor's limit anyway).
MAX_PAYLOAD_BYTES = 64 * 1024 * 1024
_SCAN_CHUNK = 1 << 20
_FINGERPRINT_BYTES = 1 << 20
_GZIP_MAGIC = b"\x1f\x8b\x08"
_WARC_MAGIC = b"WARC/1."


class WarcInputError(PortalArchiveError):
    """A file to import is missing, unreadable or not a web archive (a bad argument)."""


@dataclass(frozen=True)
class Source:
    """One WARC stream: a file, or a member of a WACZ package. `name` is what provenance and
    the log show; `fingerprint` names its bytes wherever the file lies (resumption, re-import)."""

    path: Path
    member: str | None
    name: str
    size: int
    fingerprint: str
    gzipped: bool

    def open(self) -> IO[bytes]:
        if self.member is None:
            return self.path.open("rb")
        package = zipfile.ZipFile(self.path)
        stream = package.open(self.member)
        return cast(IO[bytes], _Closing(stream, package))


class _Closing:
    """A WACZ member's stream that closes its zip file with it."""

    def __init__(self, stream: IO[bytes], package: zipfile.ZipFile) -> None:
        self.stream, self.package = stream, package

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.stream.close()
        self.package.close()


def _is_archive(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def sources(paths: list[Path]) -> list[Source]:
    """Every WARC stream in `paths` (folders walked, sorted by name). A missing file, or a file
    named on the command line that is not a web archive, raises `WarcInputError`."""
    found: list[Source] = []
    for path in paths:
        if not path.exists():
            raise WarcInputError(f"no such file or folder: {path}")
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _is_archive(p))
            if not files:
                raise WarcInputError(f"{path}: no .warc, .warc.gz or .wacz file in this folder")
        else:
            files = [path]
        for file in files:
            found.extend(_file_sources(file))
    return found


def _file_sources(path: Path) -> list[Source]:
    try:
        with path.open("rb") as stream:
            head = stream.read(_FINGERPRINT_BYTES)
    except OSError as error:
        raise WarcInputError(f"{path}: cannot read: {error.strerror or error}") from None
    size = path.stat().st_size
    if head.startswith(b"PK"):
        return _package_sources(path)
    gzipped = head.startswith(_GZIP_MAGIC)
    if not _first_bytes(head, gzipped).lstrip().startswith(_WARC_MAGIC):
        raise WarcInputError(f"{path}: not a WARC file (it does not start with a WARC record)")
    digest = hashlib.sha256(head).hexdigest()[:32]
    return [Source(path, None, str(path), size, f"{size}:{digest}", gzipped)]


def _first_bytes(head: bytes, gzipped: bool) -> bytes:
    """The start of the stream, decompressed when it is gzip."""
    if not gzipped:
        return head[:64]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
    except zlib.error:
        return b""


def _package_sources(path: Path) -> list[Source]:
    try:
        with zipfile.ZipFile(path) as package:
            members = [
                info
                for info in package.infolist()
                if info.filename.startswith("archive/") and _is_archive(Path(info.filename))
            ]
            out = []
            for info in sorted(members, key=lambda i: i.filename):
                with package.open(info) as stream:
                    gzipped = stream.read(3) == _GZIP_MAGIC
                fingerprint = f"{info.file_size}:{info.CRC:08x}:{info.filename}"
                name = f"{path}#{info.filename}"
                out.append(Source(path, info.filename, name, info.file_size, fingerprint, gzipped))
    except zipfile.BadZipFile as error:
        raise WarcInputError(f"{path}: not a WACZ package: {error}") from None
    if not out:
        raise WarcInputError(f"{path}: a zip without archive/*.warc.gz: not a WACZ package")
    return out


@dataclass
class Record:
    """What the importer needs of one WARC record. `payload` is None for records whose
    content is not read (request, metadata, warcinfo)."""

    offset: int
    end: int  # where the next record starts
    rec_type: str
    url: str
    date: datetime | None
    status: int | None
    headers: list[tuple[str, str]]
    payload: bytes | None
    payload_digest: str | None
    refers_to_date: datetime | None = None
    refers_to_url: str | None = None


@dataclass
class Damage:
    """A record that could not be read: where, and why. `end` is where reading resumed
    (None when nothing readable followed: the file stops there)."""

    offset: int
    reason: str
    end: int | None


def records(source: Source, start: int = 0) -> Iterator[Record | Damage]:
    """The records of `source` from byte `start` on, each with its offset. A damaged or
    truncated record is a `Damage` and reading goes on at the next record start found."""
    with source.open() as stream:
        position: int | None = start
        while position is not None and position < source.size:
            stream.seek(position)
            failed_at, reason = yield from _read_from(stream, position, source.size)
            if failed_at is None:
                return
            position = _next_start(stream, failed_at + 1, source)
            yield Damage(failed_at, reason, position)


def _read_from(
    stream: IO[bytes], start: int, size: int
) -> Generator[Record, None, tuple[int | None, str]]:
    """Records from `start` (the stream is there) until the end, or until a damaged one:
    returns its offset and why, or (None, "") at a clean end. warcio's offsets are absolute:
    it asks the stream where it starts."""
    iterator = ArchiveIterator(stream, check_digests=True)
    offset = start  # where the next record starts
    try:
        for record in iterator:
            item = _record(record, iterator)
            if isinstance(item, str):
                return offset, item
            offset = item.end
            yield item
    except Exception as error:  # ArchiveLoadFailed, zlib.error, EOFError …: a damaged record
        return offset, f"{type(error).__name__}: {error}".strip()
    if offset < size:
        return offset, "the file ends inside a record (truncated)"
    return None, ""


def _record(record: Any, iterator: Any) -> Record | str:
    """The record read whole, or why it is damaged."""
    rec_type = record.rec_type
    headers = record.rec_headers
    payload: bytes | None = None
    if rec_type in ("response", "resource", "revisit"):
        payload = record.content_stream().read(MAX_PAYLOAD_BYTES + 1)
    remaining = getattr(record.raw_stream, "limit", 0)
    too_large = payload is not None and len(payload) > MAX_PAYLOAD_BYTES
    iterator.read_to_end()
    offset = iterator.member_info[0]
    end = iterator.offset  # after the blank lines that close an uncompressed record
    if remaining and not too_large and rec_type in ("response", "resource", "revisit"):
        return "the record is shorter than its Content-Length (truncated)"
    if too_large:
        payload = None  # too large to keep: counted by the importer
    checker = getattr(record, "digest_checker", None)
    if not too_large and checker is not None and checker.passed is False:
        return "digest mismatch: " + "; ".join(str(p) for p in checker.problems)
    http = record.http_headers
    status: int | None = None
    pairs: list[tuple[str, str]] = []
    if http is not None and rec_type != "resource":
        try:
            status = int(http.get_statuscode())
        except (TypeError, ValueError):
            status = None
        pairs = [(str(k), str(v)) for k, v in http.headers]
    elif rec_type == "resource":
        status = 200
        content_type = headers.get_header("Content-Type")
        pairs = [("Content-Type", content_type)] if content_type else []
    return Record(
        offset=offset,
        end=end,
        rec_type=rec_type,
        url=(headers.get_header("WARC-Target-URI") or "").strip("<> "),
        date=parse_warc_date(headers.get_header("WARC-Date")),
        status=status,
        headers=pairs,
        payload=payload,
        payload_digest=headers.get_header("WARC-Payload-Digest"),
        refers_to_date=parse_warc_date(headers.get_header("WARC-Refers-To-Date")),
        refers_to_url=headers.get_header("WARC-Refers-To-Target-URI"),
    )


def _next_start(stream: IO[bytes], start: int, source: Source) -> int | None:
    """The offset of the next plausible record start at or after `start`, or None."""
    magic = _GZIP_MAGIC if source.gzipped else b"\n" + _WARC_MAGIC
    skew = 0 if source.gzipped else 1
    position = start
    stream.seek(position)
    tail = b""
    while chunk := stream.read(_SCAN_CHUNK):
        window = tail + chunk
        found = window.find(magic)
        if found >= 0:
            return position - len(tail) + found + skew
        tail = window[-(len(magic) - 1) :]
        position += len(chunk)
    return None


def parse_warc_date(value: str | None) -> datetime | None:
    """WARC-Date (`2024-05-01T08:00:00Z`, fractions allowed) as an aware UTC datetime."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# `/web/20240501080000im_/http://host/path`: the Wayback Machine's (and pywb's, Archive-It's,
# arquivo.pt's) replay URL of a capture. Any host and any collection prefix; the timestamp is
# 4 to 14 digits, the modifier (`im_`, `id_`, `js_`, `cs_`, `if_`, `fw_`, `oe_` …) optional.
_WAYBACK = re.compile(r"^https?://[^/]+(?:/[^/]+)*?/(\d{4,14})(?:[a-z]{2}_)?/+(https?:/+.*)$", re.I)
_WAYBACK_IN_TEXT = re.compile(
    r"(?:https?://[^/\s\"'<>]+)?(?:/[^/\s\"'<>]+)*?/\d{4,14}(?:[a-z]{2}_)?/+(?=https?:/)", re.I
)


def unwayback(url: str) -> tuple[str, datetime | None]:
    """The original URL behind a Wayback-style replay URL and the capture time its timestamp
    says; other URLs come back as they are, with None."""
    match = _WAYBACK.match(url)
    if not match:
        return url, None
    stamp, original = match.groups()
    original = re.sub(r"^(https?):/+", r"\1://", original, flags=re.I)
    original = re.sub(r"^(http://[^/:]+):80(?=/|$)", r"\1", original, flags=re.I)
    original = re.sub(r"^(https://[^/:]+):443(?=/|$)", r"\1", original, flags=re.I)
    return original, wayback_time(stamp)


def wayback_time(stamp: str) -> datetime | None:
    """`20240501080000` (or a prefix of it) as UTC."""
    padded = stamp + "00000101000000"[len(stamp) :]
    try:
        return datetime.strptime(padded[:14], "%Y%m%d%H%M%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def unwayback_text(html: str) -> str:
    """Replay prefixes taken out of the links of an extracted body."""
    if "_/http" not in html and "/http" not in html:
        return html
    return _WAYBACK_IN_TEXT.sub("", html)


WAYBACK_TOOLBAR = re.compile(
    rb"<!-- BEGIN WAYBACK TOOLBAR INSERT -->.*?<!-- END WAYBACK TOOLBAR INSERT -->", re.S
)


def strip_replay_chrome(payload: bytes) -> bytes:
    """A replayed page without the toolbar the Wayback Machine inserts into it."""
    if b"WAYBACK TOOLBAR" not in payload:
        return payload
    return WAYBACK_TOOLBAR.sub(b"", payload)
