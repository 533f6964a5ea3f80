"""WARC export: standard files that warcio's own `check` and `index` accept."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from portal_archive.archive import Archive, export_warc

WARCIO = Path(sys.executable).parent / "warcio"
T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)


def url(n: int, portal: str = "demo") -> str:
    return f"http://127.0.0.1/{portal}/Trang/ChiTietTinTuc.aspx?nid={n}"


def page(n: int) -> bytes:
    return (
        f"<html><body><h1>Thông báo số {n}</h1><p>Đường làng được sửa.</p></body></html>".encode()
    )


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "archive.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/demo/")
    arc.upsert_portal("khac", "Cổng Khác", "Khác", "http://127.0.0.1/khac/")
    demo, khac = arc.start_crawl("demo"), arc.start_crawl("khac")
    headers = {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"',
               "Content-Encoding": "gzip", "Content-Length": "31"}  # fmt: skip
    arc.record_fetch(url(1), T0, 200, headers, page(1), demo, keep_payload=True)
    arc.record_fetch(url(1), T0 + timedelta(hours=1), 200, headers, page(1), demo,
                     keep_payload=True)  # fmt: skip
    arc.record_fetch(url(2), T0, 404, {"Content-Type": "text/html"}, b"<p>Kh\xc3\xb4ng</p>", demo,
                     keep_payload=True)  # fmt: skip
    arc.record_fetch(url(1), T0 + timedelta(days=1), 304, {"ETag": '"v1"'}, None, demo)
    arc.record_fetch(url(3), T0, 200, {}, page(3), demo)  # a listing: payload not kept
    arc.record_fetch(url(1, "khac"), T0, 200, {}, page(9), khac, keep_payload=True)
    arc.close()
    return path


def warcio(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(WARCIO), *args], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("name", ["out.warc.gz", "out.warc"])
def test_export_passes_warcio_check_and_index(db_path: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    assert export_warc(db_path, out) == 5  # warcinfo + four fetches with a kept payload
    check = warcio("check", "-v", str(out))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.count("digest pass") == 5
    index = [json.loads(line) for line in warcio("index", str(out)).stdout.splitlines()]
    assert [(r["warc-type"], r.get("warc-target-uri")) for r in index] == [
        ("warcinfo", None),
        ("response", url(1)),
        ("response", url(1)),
        ("response", url(2)),
        ("response", url(1, "khac")),
    ]


def test_records_carry_status_headers_dates_and_payload(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.warc.gz"
    export_warc(db_path, out, portal_id="demo")
    with out.open("rb") as stream:
        records = [
            (r.rec_headers, r.http_headers, r.content_stream().read())
            for r in ArchiveIterator(stream)
        ]
    info, first, _second, missing = records
    assert info[0].get_header("WARC-Type") == "warcinfo"
    assert info[0].protocol == "WARC/1.1"
    rec, http, payload = first
    assert rec.get_header("WARC-Date") == "2024-05-01T08:00:00Z"
    assert rec.get_header("WARC-Target-URI") == url(1)
    assert http.statusline == "200 OK"
    assert http.headers == [
        ("Content-Type", "text/html; charset=utf-8"),
        ("ETag", '"v1"'),
        # The kept payload is decoded: the original encoding is recorded, not re-declared.
        ("X-Archive-Orig-Content-Encoding", "gzip"),
        ("Content-Length", str(len(page(1)))),
    ]
    assert payload == page(1)
    assert missing[1].statusline == "404 Not Found"
    assert missing[2] == "<p>Không</p>".encode()


def test_export_is_repeatable_and_a_damaged_file_fails_the_check(
    db_path: Path, tmp_path: Path
) -> None:
    one, two = tmp_path / "one.warc", tmp_path / "two.warc"
    export_warc(db_path, one, portal_id="khac")
    export_warc(db_path, two, portal_id="khac")
    ids = [
        warcio("index", "-f", "warc-record-id", str(p)).stdout.splitlines()[1:] for p in (one, two)
    ]
    assert ids[0] == ids[1] and len(ids[0]) == 1
    damaged = one.read_bytes().replace("Thông báo số 9".encode(), "Thông báo số 8".encode())
    assert damaged != one.read_bytes()
    one.write_bytes(damaged)
    assert warcio("check", str(one)).returncode != 0


def test_export_of_a_missing_archive_is_an_archive_error(tmp_path: Path) -> None:
    from portal_archive.archive import ArchiveNotFound

    with pytest.raises(ArchiveNotFound):
        export_warc(tmp_path / "none.db", tmp_path / "out.warc")
    assert not (tmp_path / "none.db").exists()
