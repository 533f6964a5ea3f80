"""Issue 12: articles recovered from web archive files. Every file here is a real WARC (or
WACZ) written by warcio: exported from a crawl of the demo portal, or written record by record
from the demo portal's own pages (captured, edited, captured again, replayed by a Wayback
Machine), and imported through the `portal-archive import-warc` command."""

from __future__ import annotations

import asyncio
import base64
import gzip
import hashlib
import io
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from portal_archive_demo.process import DemoPortalProcess
from portal_archive_demo.site import DemoSite
from tests.e2e.local_server import free_port
from tests.e2e.test_operations import CLI, cli, content_snapshot, crawl, query

SITE = "http://portal.example"
T0 = datetime(2019, 3, 5, 10, 10, 10, tzinfo=UTC)


# -- writing WARC files from the demo portal's pages ------------------------------------------


@dataclass
class Capture:
    url: str  # the WARC-Target-URI
    at: datetime
    status: int
    headers: dict[str, str]
    body: bytes
    revisit_of: bytes | None = None  # a revisit record of this payload


def page(site: DemoSite, url: str) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    response = site.render("GET", parts.path, parts.query, headers={"host": parts.netloc})
    return response.status, dict(response.headers), response.body


def capture(site: DemoSite, url: str, at: datetime, target: str | None = None) -> Capture:
    status, headers, body = page(site, url)
    return Capture(target or url, at, status, headers, body)


def write_warc(path: Path, captures: list[Capture], gz: bool = True) -> Path:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz, warc_version="1.1")
        for item in captures:
            http = StatusAndHeaders(
                f"{item.status} OK", list(item.headers.items()), protocol="HTTP/1.1"
            )
            date = {"WARC-Date": item.at.strftime("%Y-%m-%dT%H:%M:%SZ")}
            if item.revisit_of is not None:
                sha1 = hashlib.sha1(item.revisit_of).digest()  # warcio's own digest form
                digest = "sha1:" + base64.b32encode(sha1).decode()
                record = writer.create_revisit_record(
                    item.url, digest, item.url, date["WARC-Date"], http_headers=http
                )
                record.rec_headers.replace_header("WARC-Date", date["WARC-Date"])
            else:
                record = writer.create_warc_record(
                    item.url, "response", payload=io.BytesIO(item.body),
                    length=len(item.body), warc_headers_dict=date, http_headers=http,
                )  # fmt: skip
            writer.write_record(record)
    return path


def article_urls(site: DemoSite, n: int) -> list[str]:
    return [SITE + path for path in list(site.article_paths())[:n]]


def image_urls(site: DemoSite, url: str) -> list[str]:
    return [image.url for image in site.expected_article(urlsplit(url).path, SITE + "/").images]


def import_(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return cli("import-warc", *args, timeout=timeout)


def records_of(path: Path) -> list[tuple[int, str]]:
    """(offset, type) of every record, as warcio reads them."""
    out = []
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        for record in iterator:
            record.content_stream().read()
            out.append((iterator.get_record_offset(), record.rec_type))
    return out


def counts(db: Path) -> dict[str, Any]:
    tables = ("articles", "article_versions", "images", "article_images", "attachments")
    found = {t: query(db, f"select count(*) from {t}")[0][0] for t in tables}
    found["fetches"] = query(db, "select count(*) from fetches")[0][0]
    found["captures"] = query(db, "select count(*) from captures")[0][0]
    found["times"] = query(db, "select url, first_seen, last_fetched from articles order by url")
    return found


# -- a crawl exported and imported back ---------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A crawl of the demo portal and its export (images and attachments included)."""
    folder = tmp_path_factory.mktemp("crawled")
    db, warc = folder / "crawl.db", folder / "crawl.warc.gz"
    with DemoPortalProcess(articles=30) as portal:
        result = crawl(portal.url, db, "-q")
    assert result.returncode == 0, result.stderr
    exported = cli("export-warc", str(warc), "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    return db, warc


def test_export_writes_images_and_attachments_as_responses(crawled: tuple[Path, Path]) -> None:
    db, warc = crawled
    with warc.open("rb") as stream:
        types = {}
        for record in ArchiveIterator(stream):
            if record.rec_type == "response":
                url = record.rec_headers.get_header("WARC-Target-URI")
                types[url] = record.http_headers.get_header("Content-Type")
                assert record.rec_headers.get_header("WARC-Date")
    images = {row[0] for row in query(db, "select url from images")}
    files = {row[0] for row in query(db, "select url from attachments where content is not null")}
    assert images and files
    assert all(types[url].startswith("image/") for url in images)
    assert all(types[url] == "application/pdf" for url in files)


def test_round_trip_gives_the_same_archive(crawled: tuple[Path, Path], tmp_path: Path) -> None:
    db, warc = crawled
    target = tmp_path / "imported.db"
    result = import_(str(warc), "--db", str(target))
    assert result.returncode == 0, result.stderr
    assert "30 articles_new" in result.stdout
    assert content_snapshot(target) == content_snapshot(db)
    # The times are the capture times, not the import's.
    assert counts(target)["times"] == counts(db)["times"]
    # Provenance: every imported fetch names its file and record offset.
    offsets = {o for o, kind in records_of(warc) if kind == "response"}
    rows = query(target, "select source_file, source_offset from fetches")
    assert {r[0] for r in rows} == {str(warc)}
    assert {r[1] for r in rows} == offsets
    status = cli("status", "--db", str(target))
    assert "+30 new" in status.stdout, status.stdout

    # Re-importing the same file (under another name too) changes nothing.
    before = counts(target)
    copy = tmp_path / "renamed.warc.gz"
    copy.write_bytes(warc.read_bytes())
    for path in (warc, copy):
        again = import_(str(path), "--db", str(target))
        assert again.returncode == 0 and "1 files_already_imported" in again.stdout
    assert counts(target) == before

    # The article page says where it came from.
    from portal_archive.web import make_datasette

    ds = make_datasette(target)
    html = asyncio.run(ds.client.get("/archive/articles/1")).text
    assert "recovered from a web archive capture of" in html
    assert "crawl.warc.gz" in html


def test_a_wacz_package_imports_like_its_warc(crawled: tuple[Path, Path], tmp_path: Path) -> None:
    db, warc = crawled
    wacz = tmp_path / "portal.wacz"
    with zipfile.ZipFile(wacz, "w") as package:
        package.write(warc, "archive/data.warc.gz", compress_type=zipfile.ZIP_STORED)
        package.writestr("pages/pages.jsonl", '{"format": "json-pages-1.0"}\n')
        package.writestr("datapackage.json", json.dumps({"profile": "data-package"}))
    target = tmp_path / "wacz.db"
    result = import_(str(tmp_path), "--db", str(target))  # a folder holding the package
    assert result.returncode == 0, result.stderr
    assert content_snapshot(target) == content_snapshot(db)


# -- captures written record by record -----------------------------------------------------------


def test_two_captures_of_an_edited_article_give_two_versions(tmp_path: Path) -> None:
    site = DemoSite(articles=5)
    url = article_urls(site, 1)[0]
    first = capture(site, url, T0)
    site.edit_article(urlsplit(url).path)
    second = capture(site, url, T0 + timedelta(days=200))
    later = capture(site, url, T0 + timedelta(days=400))  # unchanged since the edit
    # The newer capture comes first, in another file: time is the capture's, not the order's.
    newer = write_warc(tmp_path / "a-2019-later.warc.gz", [second, later])
    older = write_warc(tmp_path / "b-2019-early.warc", [first], gz=False)
    db = tmp_path / "a.db"
    for path in (newer, older):
        result = import_(str(path), "--db", str(db))
        assert result.returncode == 0, result.stderr
    [(article_id, version_count, first_seen, last_fetched, changed_at, body)] = query(
        db,
        "select id, version_count, first_seen, last_fetched, changed_at, body_text from articles",
    )
    assert version_count == 2
    assert first_seen == T0.isoformat()
    assert last_fetched == (T0 + timedelta(days=400)).isoformat()
    assert changed_at == (T0 + timedelta(days=200)).isoformat()
    [(version, fetched_at, old_body)] = query(
        db, "select version, fetched_at, body_text from article_versions where article_id = ?",
        (article_id,),
    )  # fmt: skip
    assert (version, fetched_at) == (1, T0.isoformat())
    assert body.startswith(old_body[:200]) and len(body) > len(old_body)  # the edit appended


def test_one_page_captured_under_two_spellings_is_one_article(tmp_path: Path) -> None:
    """Issue 19: the canonical key, not the captured spelling, is the article's identity."""
    site = DemoSite(articles=3)
    url = article_urls(site, 1)[0]
    parts = urlsplit(url)
    other = f"https://{parts.netloc}{parts.path.lower()}?Source=%2Ftin-tuc"
    first = capture(site, url, T0)
    second = capture(site, url, T0 + timedelta(days=3), target=other)
    db = tmp_path / "spellings.db"
    result = import_(str(write_warc(tmp_path / "two.warc.gz", [first, second])), "--db", str(db))
    assert result.returncode == 0, result.stderr
    # (its links resolve against the other spelling: the content may count as a new version)
    assert query(db, "select url, last_fetched from articles") == [
        (url, (T0 + timedelta(days=3)).isoformat())
    ]
    assert query(db, "select count(*) from fetches where status = 200") == [(2,)]


def test_wayback_urls_map_back_to_the_original(tmp_path: Path) -> None:
    site = DemoSite(articles=5)
    url = article_urls(site, 1)[0]
    [image] = image_urls(site, url)
    stamp = T0.strftime("%Y%m%d%H%M%S")
    replay = f"https://web.archive.org/web/{stamp}"
    status, headers, body = page(site, url)
    # The page as the Wayback Machine serves it: links through its replay, its toolbar inside.
    image_path = urlsplit(image).path.encode()
    body = body.replace(b'src="' + image_path, f'src="/web/{stamp}im_/{SITE}'.encode() + image_path)
    body = body.replace(
        b"<body", b"<!-- BEGIN WAYBACK TOOLBAR INSERT --><div>Wayback</div>"
        b"<!-- END WAYBACK TOOLBAR INSERT --><body", 1,
    )  # fmt: skip
    img_status, img_headers, img_body = page(site, image)
    gone = article_urls(site, 2)[1]
    captures = [
        Capture(f"{replay}/{url}", T0, status, headers, body),
        Capture(f"{replay}im_/{image}", T0, img_status, img_headers, img_body),
        # Seen again a year later, unchanged: a revisit record with no payload of its own.
        Capture(f"{replay[:-14]}{int(stamp) + 10**10}/{url}", T0, status, headers, b"", body),
        Capture(f"{replay}/{gone}", T0, 404, {"Content-Type": "text/html"}, b"<p>Kh\xc3\xb4ng</p>"),
    ]
    warc = write_warc(tmp_path / "wayback.warc.gz", captures)
    db = tmp_path / "a.db"
    result = import_(str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    [(article_url, first_seen, last_fetched, body_html)] = query(
        db, "select url, first_seen, last_fetched, body_html from articles"
    )
    assert article_url == url
    assert first_seen == T0.isoformat()
    assert last_fetched == (T0 + timedelta(days=366)).isoformat()  # 2020 is a leap year
    assert "web.archive.org" not in body_html and "/web/" not in body_html
    [(image_url, image_id)] = query(db, "select url, image_id from article_images")
    assert image_url == image and image_id is not None
    fetched = query(db, "select url, status, reason from fetches order by id")
    assert {u for u, _, _ in fetched} == {url, image, gone}
    assert (gone, 404, None) in fetched
    assert query(db, "select portal_id from articles") == [("portal.example",)]


def test_a_truncated_file_imports_what_it_can_and_says_where_it_stopped(tmp_path: Path) -> None:
    site = DemoSite(articles=5)
    urls = article_urls(site, 5)
    warc = write_warc(tmp_path / "full.warc.gz", [capture(site, u, T0) for u in urls])
    offsets = [offset for offset, _ in records_of(warc)]
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(warc.read_bytes()[: offsets[3] + 500])  # inside the fourth record
    db = tmp_path / "a.db"
    result = import_(str(cut), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert query(db, "select count(*) from articles") == [(3,)]
    assert f"{cut}: offset {offsets[3]}: damaged record" in result.stderr
    assert "stopped there" in result.stderr
    assert "1 damaged" in result.stdout

    # A damaged record in the middle is skipped; those after it are read.
    broken = bytearray(warc.read_bytes())
    middle = (offsets[1] + offsets[2]) // 2
    broken[middle : middle + 40] = b"\0" * 40
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(bytes(broken))
    db2 = tmp_path / "b.db"
    result = import_(str(damaged), "--db", str(db2))
    assert result.returncode == 0, result.stderr
    assert query(db2, "select count(*) from articles") == [(4,)]
    assert f"offset {offsets[1]}: damaged record" in result.stderr
    assert f"skipped to offset {offsets[2]}" in result.stderr


@pytest.mark.slow
def test_a_killed_import_resumes_without_duplicate_rows(tmp_path: Path) -> None:
    site = DemoSite(articles=400)
    urls = article_urls(site, 400)
    warc = write_warc(tmp_path / "big.warc.gz", [capture(site, u, T0) for u in urls])
    db = tmp_path / "a.db"
    process = subprocess.Popen(
        [*CLI, "import-warc", str(warc), "--db", str(db), "--workers", "0", "-q"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        time.sleep(0.2)
        try:
            done = query(db, "select coalesce(max(next_offset), 0) from warc_imports")[0][0]
        except Exception:  # the archive is still being created
            continue
        if done > 0:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    partial = query(db, "select count(*) from articles")[0][0]
    assert 0 < partial < 400, "the import was not killed in the middle"
    result = import_(str(warc), "--db", str(db))
    assert result.returncode == 0, result.stderr
    clean = tmp_path / "clean.db"
    assert import_(str(warc), "--db", str(clean)).returncode == 0
    assert content_snapshot(db) == content_snapshot(clean)
    assert query(db, "select count(*), count(distinct source_offset) from fetches") == [(400, 400)]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    not_warc = tmp_path / "notes.warc.gz"
    not_warc.write_bytes(gzip.compress(b"just some notes"))
    text = tmp_path / "page.html"
    text.write_text("<html></html>")
    empty = tmp_path / "empty"
    empty.mkdir()
    cases = {
        (str(tmp_path / "missing.warc.gz"),): "no such file or folder",
        (str(text),): "not a WARC file",
        (str(not_warc),): "not a WARC file",
        (str(empty),): "no .warc, .warc.gz or .wacz file",
    }
    db = tmp_path / "a.db"
    for args, words in cases.items():
        result = import_(*args, "--db", str(db))
        assert result.returncode in (1, 2), (args, result.stderr)
        assert "Traceback" not in result.stderr, result.stderr
        assert words in result.stderr
    site = DemoSite(articles=1)
    warc = write_warc(tmp_path / "one.warc.gz", [capture(site, article_urls(site, 1)[0], T0)])
    result = import_(str(warc), "--db", str(db), "--portal", "khong-co")
    assert result.returncode == 2 and "unknown portal 'khong-co'" in result.stderr
    assert "Traceback" not in result.stderr


# -- replay in pywb -------------------------------------------------------------------------------


# pywb pins redis 2.10, which scrapy-redis cannot use: it has a virtualenv of its own.
PYWB_BIN = Path(os.environ.get("PYWB_BIN") or Path(__file__).parents[2] / ".venv-pywb" / "bin")


def http_get(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, "", b""


def test_an_exported_article_replays_in_pywb_with_its_images(
    crawled: tuple[Path, Path], tmp_path: Path
) -> None:
    db, warc = crawled
    bin_dir = PYWB_BIN
    assert (bin_dir / "wayback").exists(), (
        f"pywb is missing from {bin_dir}: `make test` installs it"
    )
    manage = subprocess.run(
        [str(bin_dir / "wb-manager"), "init", "portal"], cwd=tmp_path, capture_output=True
    )
    assert manage.returncode == 0, manage.stderr
    manage = subprocess.run(
        [str(bin_dir / "wb-manager"), "add", "portal", str(warc)], cwd=tmp_path,
        capture_output=True,
    )  # fmt: skip
    assert manage.returncode == 0, manage.stderr
    port = free_port()
    server = subprocess.Popen(
        [str(bin_dir / "wayback"), "--port", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}/portal"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        article, image_count = query(
            db,
            "select a.url, count(*) from articles a join article_images ai "
            "on ai.article_id = a.id where ai.image_id is not null group by a.id "
            "order by count(*) desc, a.id limit 1",
        )[0]
        status, _, html = http_get(f"{base}/mp_/{article}")
        assert status == 200
        replayed = {src.decode() for src in re.findall(rb'src="(/portal/[0-9]*im_/[^"]+)"', html)}
        stored = {row[0] for row in query(db, "select sha256 from images")}
        loaded = 0
        for src in replayed:
            status, content_type, body = http_get(f"http://127.0.0.1:{port}{src}")
            if hashlib.sha256(body).hexdigest() in stored:
                assert status == 200 and content_type.startswith("image/"), src
                loaded += 1
        assert loaded >= image_count, (loaded, replayed)
    finally:
        server.terminate()
        server.wait(timeout=20)
