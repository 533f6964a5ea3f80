"""Fetch records, raw captures, revalidation, gone articles and status, on real SQLite files."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import zstandard

from portal_archive.archive import Archive
from portal_archive.archive.store import STREAM_CHUNK, UNEXTRACTED
from portal_archive.web import make_datasette

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=6)
T2 = T0 + timedelta(days=2)
HTML = "<html><body><h1>Tin tức</h1><p>Ủy ban nhân dân tỉnh họp bàn đường giao thông.</p>"


def url(n: int, portal: str = "demo") -> str:
    return f"http://127.0.0.1/{portal}/Trang/ChiTietTinTuc.aspx?nid={n}"


def page(n: int, edit: str = "") -> bytes:
    return f"{HTML}<p>Bài số {n}{edit}</p>{'<p>Đoạn văn đệm.</p>' * 40}</body></html>".encode()


def article(n: int, portal: str = "demo", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "url": url(n, portal),
        "title": f"Hội đồng nhân dân xã họp phiên thứ {n}",
        "published": f"2024-04-{n % 28 + 1:02d}T09:00:00+07:00",
        "summary": "Đại biểu thảo luận về đường giao thông nông thôn.",
        "body_text": f"Bài số {n}.\nĐoạn văn đệm.",
    }
    base.update(changes)
    return base


@pytest.fixture
def arc(tmp_path: Path) -> Iterator[Archive]:
    a = Archive(tmp_path / "archive.db")
    a.upsert_portal("demo", "Cổng thông tin tỉnh Demo", "Demo", "http://127.0.0.1/demo/")
    a.upsert_portal("khac", "Cổng thông tin tỉnh Khác", "Khác", "http://127.0.0.1/khac/")
    yield a
    a.close()


def fetch_rows(arc: Archive) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in r.items() if k != "id"} for r in arc.db.query("SELECT * FROM fetches")
    ]


def test_record_fetch_writes_one_row_and_keeps_the_payload_once(arc: Archive) -> None:
    crawl = arc.start_crawl("demo")
    headers = {"Content-Type": "text/html; charset=utf-8", "ETag": '"v1"',
               "Last-Modified": "Wed, 01 May 2024 01:00:00 GMT"}  # fmt: skip
    body = page(1)
    digest = arc.record_fetch(url(1), T0, 200, headers, body, crawl, keep_payload=True)
    with arc.batch():
        again = arc.record_fetch(
            url(1),
            T1,
            200,
            headers,
            body,
            crawl,
            keep_payload=True,
            referer=url(0),
            page_kind=("article", "an article was extracted"),
        )
    assert digest == again == hashlib.sha256(body).hexdigest()
    assert fetch_rows(arc) == [
        {
            "url": url(1),
            "fetched_at": "2024-05-01T08:00:00+00:00",
            "status": 200,
            "headers": json.dumps(headers, ensure_ascii=False, separators=(",", ":")),
            "etag": '"v1"',
            "last_modified": "Wed, 01 May 2024 01:00:00 GMT",
            "bytes": len(body),
            "payload_sha256": digest,
            "crawl_id": crawl,
            "method": "GET",
            "reason": None,
            "referer": None,
            "source_file": None,
            "source_offset": None,
            "page_kind": None,
            "kind_reason": None,
        },
        {
            "url": url(1),
            "fetched_at": "2024-05-01T14:00:00+00:00",
            "status": 200,
            "headers": json.dumps(headers, ensure_ascii=False, separators=(",", ":")),
            "etag": '"v1"',
            "last_modified": "Wed, 01 May 2024 01:00:00 GMT",
            "bytes": len(body),
            "payload_sha256": digest,
            "crawl_id": crawl,
            "method": "GET",
            "reason": None,
            "referer": url(0),
            "source_file": None,
            "source_offset": None,
            "page_kind": "article",
            "kind_reason": "an article was extracted",
        },
    ]
    (capture,) = arc.db.query("SELECT * FROM captures")
    assert capture["sha256"] == digest
    assert capture["bytes"] == len(body)
    assert len(capture["content"]) < len(body) // 3  # zstd, not the raw bytes
    assert zstandard.ZstdDecompressor().decompress(capture["content"]) == body
    assert arc.capture(str(digest)) == body


def test_record_fetch_without_body_or_without_keeping(arc: Archive) -> None:
    assert arc.record_fetch(url(2), T0, 304, {"etag": '"v1"'}, None, None) is None
    listing = b"<html>danh s\xc3\xa1ch</html>"
    digest = arc.record_fetch(url(3), T0, 200, {}, listing, None, method="head")
    assert digest is not None and len(digest) == 64
    rows = fetch_rows(arc)
    assert [
        (r["status"], r["etag"], r["bytes"], r["payload_sha256"], r["method"]) for r in rows
    ] == [
        (304, '"v1"', None, None, "GET"),
        (200, None, len(listing), digest, "HEAD"),
    ]
    assert arc.db["captures"].count == 0


def test_fetches_in_a_rolled_back_batch_leave_nothing(arc: Archive) -> None:
    with pytest.raises(RuntimeError), arc.batch():
        arc.record_fetch(url(1), T0, 200, {}, page(1), None, keep_payload=True)
        raise RuntimeError("crawl killed")
    assert arc.db["fetches"].count == 0
    assert arc.db["captures"].count == 0


def test_validators_come_from_the_newest_200(arc: Archive) -> None:
    assert arc.validators(url(1)) == (None, None)
    arc.record_fetch(url(1), T0, 200, {"ETag": '"a"'}, b"a", None)
    arc.record_fetch(url(1), T1, 200, {"etag": '"b"', "last-modified": "Wed, 01 May 2024"}, b"b",
                     None)  # fmt: skip
    # Later non-200 answers do not replace the validators of the content we hold.
    arc.record_fetch(url(1), T2, 304, {"ETag": '"c"'}, None, None)
    arc.record_fetch(url(1), T2 + timedelta(hours=1), 503, {"ETag": '"d"'}, b"busy", None)
    assert arc.validators(url(1)) == ('"b"', "Wed, 01 May 2024")
    assert arc.validators(url(2)) == (None, None)


def test_revalidation_candidates_skip_gone_recent_and_other_portals(arc: Archive) -> None:
    now = datetime.now(UTC)
    old, recent = now - timedelta(days=40), now - timedelta(days=2)
    for n, moment in ((1, old), (2, recent), (3, old)):
        arc.store_article("demo", article(n), moment, None)
    arc.store_article("khac", article(9, "khac"), old, None)
    arc.record_fetch(url(1), old, 200, {"ETag": '"e1"', "Last-Modified": "lm1"}, b"x", None)
    assert arc.mark_gone(url(3), now)
    assert arc.revalidation_candidates("demo", timedelta(days=30)) == [
        {"url": url(1), "etag": '"e1"', "last_modified": "lm1"}
    ]
    assert arc.revalidation_candidates("demo") == [
        {"url": url(1), "etag": '"e1"', "last_modified": "lm1"},
        {"url": url(2), "etag": None, "last_modified": None},
    ]
    assert arc.revalidation_candidates("nowhere") == []


def test_touch_moves_last_fetched_and_nothing_else(arc: Archive) -> None:
    arc.store_article("demo", article(1), T0, None)
    before = dict(next(arc.db.query("SELECT * FROM articles")))
    assert arc.touch_article(url(1), T2)
    after = dict(next(arc.db.query("SELECT * FROM articles")))
    assert after.pop("last_fetched") == "2024-05-03T08:00:00+00:00"
    assert before.pop("last_fetched") == "2024-05-01T08:00:00+00:00"
    assert after == before
    # A replayed older answer never moves it back.
    assert arc.touch_article(url(1), T1)
    assert next(arc.db.query("SELECT last_fetched FROM articles"))["last_fetched"] == (
        "2024-05-03T08:00:00+00:00"
    )
    assert not arc.touch_article(url(99), T2)
    assert arc.db["article_versions"].count == 0


def test_gone_is_marked_once_never_deleted_and_cleared_by_a_new_fetch(arc: Archive) -> None:
    arc.store_article("demo", article(1), T0, None)
    assert arc.mark_gone(url(1), T1)
    assert arc.mark_gone(url(1), T2)  # the first time it was seen gone is kept
    (row,) = arc.db.query("SELECT gone_at, title, version_count FROM articles")
    assert row == {"gone_at": "2024-05-01T14:00:00+00:00",
                   "title": "Hội đồng nhân dân xã họp phiên thứ 1", "version_count": 1}  # fmt: skip
    assert not arc.mark_gone(url(2), T1)
    assert arc.db["articles"].count == 1
    assert arc.store_article("demo", article(1), T2, None) == "unchanged"
    assert next(arc.db.query("SELECT gone_at FROM articles"))["gone_at"] is None


def test_edit_sets_changed_at_and_recently_edited_lists_it(arc: Archive) -> None:
    arc.store_article("demo", article(1), T0, None)
    arc.store_article("demo", article(2), T0, None)
    arc.store_article("demo", article(1), T1, None)
    assert arc.store_article("demo", article(1, title="Phiên họp thứ 1 (đã sửa)"), T2, None) == (
        "changed"
    )
    changed = {
        r["url"]: r["changed_at"] for r in arc.db.query("SELECT url, changed_at FROM articles")
    }
    assert changed == {url(1): "2024-05-03T08:00:00+00:00", url(2): None}
    ds = make_datasette(arc.path)
    response = asyncio.run(ds.client.get("/archive/recently_edited.json?_shape=array"))
    assert response.status_code == 200
    (hit,) = response.json()
    assert {k: hit[k] for k in ("url", "title", "portal_id", "version_count", "last_changed")} == {
        "url": url(1),
        "title": "Phiên họp thứ 1 (đã sửa)",
        "portal_id": "demo",
        "version_count": 2,
        "last_changed": "2024-05-03T08:00:00+00:00",
    }
    assert hit["diff"] == f"/-/archive/articles/{hit['id']}/diff"


def test_latest_captures_give_the_newest_kept_2xx_payload(arc: Archive) -> None:
    for n in (1, 2, 3):
        arc.store_article("demo", article(n), T0, None)
    arc.store_article("khac", article(1, "khac"), T0, None)
    arc.record_fetch(url(1), T0, 200, {}, page(1), None, keep_payload=True)
    arc.record_fetch(url(1), T1, 200, {}, page(1, " (sửa)"), None, keep_payload=True)
    arc.record_fetch(url(1), T2, 404, {}, b"<html>404</html>", None, keep_payload=True)
    arc.record_fetch(url(1), T2, 304, {}, None, None)
    arc.record_fetch(url(2), T0, 200, {}, page(2), None)  # payload not kept
    arc.record_fetch(url(1, "khac"), T0, 200, {}, page(7), None, keep_payload=True)
    assert list(arc.latest_captures("demo")) == [("demo", url(1), page(1, " (sửa)"))]
    assert list(arc.latest_captures()) == [
        ("demo", url(1), page(1, " (sửa)")),
        ("khac", url(1, "khac"), page(7)),
    ]


def test_latest_captures_stream_in_chunks_while_the_caller_writes(arc: Archive) -> None:
    total = STREAM_CHUNK * 2 + 17
    with arc.batch():
        for n in range(total):
            arc.store_article("demo", article(n), T0, None)
            arc.record_fetch(url(n), T0, 200, {}, page(n), None, keep_payload=True)
    stream = arc.latest_captures("demo")
    assert iter(stream) is stream  # a generator, not a list
    seen = []
    for _portal, link, payload in stream:
        seen.append(link)
        n = int(link.rsplit("=", 1)[1])
        assert payload == page(n)
        # Re-extraction writes each row while reading: no row is skipped or read twice.
        assert arc.store_article("demo", article(n, title=f"Tiêu đề mới {n}"), T1, None) == (
            "changed"
        )
    assert seen == [url(n) for n in range(total)]


def test_portal_status_numbers(arc: Archive) -> None:
    first = arc.start_crawl("demo")
    arc.finish_crawl(first, "finished", {"archive/articles_new": 3})
    crawl = arc.start_crawl("demo")
    for n, published in ((1, "2024-04-01"), (2, "2024-04-20T10:00:00+07:00"), (3, None)):
        arc.store_article("demo", article(n, published=published), T0, crawl)
    arc.mark_gone(url(3), T1)
    kinds = {200: ("article", "an article was extracted"), 404: ("error", "HTTP 404"),
             500: ("error", "HTTP 500")}  # fmt: skip
    for status in (200, 200, 304, 404, 500):
        arc.record_fetch(url(1), T1, status, {}, None, crawl, page_kind=kinds.get(status))
    stats = {"archive/articles_new": 2, "archive/articles_changed": 1, "log_count/ERROR": 9}
    arc.finish_crawl(crawl, "finished", stats)
    other = arc.start_crawl("khac")
    arc.finish_crawl(other, "closespider_errorcount",
                     {"log_count/ERROR": 3, "downloader/response_count": 12})  # fmt: skip
    arc.upsert_portal("moi", "Cổng mới", "Mới", "http://127.0.0.1/moi/")
    demo, khac, moi = arc.portal_status()
    started = next(arc.db.query("SELECT started_at, finished_at FROM crawls WHERE id = ?", [crawl]))
    assert demo == {
        "id": "demo",
        "name": "Cổng thông tin tỉnh Demo",
        "articles": 3,
        "gone": 1,
        "newest_published": "2024-04-20T10:00:00+07:00",
        "last_crawl": {"id": crawl, "status": "finished", **started},
        "articles_new": 2,
        "articles_changed": 1,
        "error_rate": 2 / 5,  # from fetches: 404 and 500 of five; 304 is no error
        "page_kinds": {"article": 2, "error": 2},  # a 304 is no page of a kind
    }
    assert khac["last_crawl"]["status"] == "closespider_errorcount"
    assert (khac["articles"], khac["articles_new"], khac["error_rate"]) == (0, 0, 3 / 12)
    assert moi == {"id": "moi", "name": "Cổng mới", "articles": 0, "gone": 0,
                   "newest_published": None, "last_crawl": None, "articles_new": None,
                   "articles_changed": None, "error_rate": None,
                   "page_kinds": {}}  # fmt: skip


def test_recent_crawls_newest_first_with_parsed_stats(arc: Archive) -> None:
    ids = []
    for n in range(4):
        crawl = arc.start_crawl("demo")
        arc.finish_crawl(crawl, "finished", {"archive/articles_new": n})
        ids.append(crawl)
    arc.start_crawl("khac")
    crawls = arc.recent_crawls("demo", limit=3)
    assert [c["id"] for c in crawls] == ids[::-1][:3]
    assert [c["stats"] for c in crawls] == [{"archive/articles_new": n} for n in (3, 2, 1)]
    assert {c["portal_id"] for c in crawls} == {"demo"}
    assert arc.recent_crawls("demo")[-1]["id"] == ids[0]
    assert arc.recent_crawls("nowhere") == []


def test_what_earlier_crawls_left_behind(arc: Archive) -> None:
    """The planning questions the crawl runner asks the Archive (not its connection)."""
    assert arc.last_crawl_complete("demo") is False
    crawl = arc.start_crawl("demo")
    images = [{"url": "http://127.0.0.1/Photos/1.png", "caption": "", "alt": ""}]
    files = [{"url": "http://127.0.0.1/VanBan/1.pdf", "title": "Kế hoạch"}]
    arc.store_article("demo", article(1, images=images, attachments=files), T0, crawl)
    arc.record_fetch(url(0), T0, 200, {}, None, crawl)
    arc.record_fetch(url(1), T0, 200, {}, None, crawl, referer=url(0))
    arc.record_fetch(url(2), T1, 404, {}, None, crawl, method="HEAD")
    arc.record_fetch(url(1, "khac"), T1, 200, {}, None, arc.start_crawl("khac"))
    assert arc.last_crawl_complete("demo") is False  # still running
    assert sorted(arc.fetched_urls("demo")) == [url(0), url(1)]
    assert sorted(arc.missing_media("demo")) == [
        ("attachment", "http://127.0.0.1/VanBan/1.pdf"),
        ("image", "http://127.0.0.1/Photos/1.png"),
    ]
    assert list(arc.page_fetches("demo")) == [
        (url(0), 200, None, "2024-05-01T08:00:00+00:00"),
        (url(1), 200, url(0), "2024-05-01T08:00:00+00:00"),
    ]
    arc.store_attachment("http://127.0.0.1/VanBan/1.pdf", b"%PDF", None)
    arc.finish_crawl(crawl, "ok", {})
    assert arc.missing_media("demo") == [("image", "http://127.0.0.1/Photos/1.png")]
    assert arc.last_crawl_complete("demo") is True


def test_an_archive_made_before_captures_is_upgraded_in_place(tmp_path: Path) -> None:
    from sqlite_utils import Database

    from portal_archive.archive.schema import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="0004_captures")
    old.execute("INSERT INTO portals(id) VALUES ('demo')")
    for n, versions, fetched in ((1, 3, "2024-05-02T00:00:00+00:00"), (2, 1, "2024-05-01")):
        old.execute(
            "INSERT INTO articles(url, portal_id, version_count, last_fetched) VALUES (?, ?, ?, ?)",
            [url(n), "demo", versions, fetched],
        )
    old.execute("INSERT INTO fetches(url, fetched_at, status) VALUES (?, '2024-05-01', 200)",
                [url(1)])  # fmt: skip
    old.conn.commit()
    old.close()
    arc = Archive(path)
    assert "0004_captures" in [
        r["name"] for r in arc.db.query("SELECT name FROM _sqlite_migrations")
    ]
    changed = [tuple(r.values()) for r in arc.db.query("SELECT url, changed_at FROM articles")]
    assert changed == [(url(1), "2024-05-02T00:00:00+00:00"), (url(2), None)]
    assert next(arc.db.query("SELECT method FROM fetches"))["method"] == "GET"
    assert arc.db["captures"].exists()
    arc.close()


def test_unextracted_captures_are_pages_whose_newest_fetch_missed_and_no_article(
    arc: Archive,
) -> None:
    demo, khac = arc.start_crawl("demo"), arc.start_crawl("khac")
    html = {"Content-Type": "text/html"}
    for n in (1, 2, 3, 4):  # 1: still a miss; 2: an article now; 3: fetched again, fine; 4: khac
        crawl = khac if n == 4 else demo
        arc.record_fetch(url(n), T0, 200, html, page(n), crawl, keep_payload=True,
                         reason=UNEXTRACTED)  # fmt: skip
    arc.store_article("demo", article(2), T1, demo)
    arc.record_fetch(url(3), T1, 200, html, page(3, " (sửa)"), demo, keep_payload=True)
    arc.record_fetch(url(1), T1, 200, html, page(1, " (sửa)"), demo, keep_payload=True,
                     reason=UNEXTRACTED)  # fmt: skip
    assert list(arc.unextracted_captures("demo")) == [("demo", url(1), page(1, " (sửa)"))]
    assert list(arc.unextracted_captures()) == [
        ("khac", url(4), page(4)),
        ("demo", url(1), page(1, " (sửa)")),
    ]


def test_field_coverage_is_what_the_portals_archive_shows(arc: Archive) -> None:
    assert arc.field_coverage("demo") == (0, {})
    for n, author in ((1, "Minh Anh"), (2, ""), (3, ""), (4, "")):
        arc.store_article("demo", article(n, author=author, published=None if n == 4 else
                                          "2024-04-01"), T0, None)  # fmt: skip
    arc.store_article("khac", article(9, "khac", author="Lan"), T0, None)
    assert arc.field_coverage("demo") == (4, {"date": 0.75, "author": 0.25})
    arc.mark_gone(url(1), T1)  # a gone article is no longer what the portal shows
    assert arc.field_coverage("demo") == (3, {"date": 2 / 3, "author": 0.0})


def test_the_page_signature_is_kept_per_portal_and_replaced(arc: Archive) -> None:
    assert arc.page_signature("demo") == []
    arc.save_page_signature("demo", [("", 3, 0), ("tin-header", 3, 0), ("menu", 3, 1)])
    arc.save_page_signature("khac", [("", 5, 0)])
    arc.save_page_signature("demo", [("", 4, 0), ("tin-header", 4, 0)])
    assert sorted(arc.page_signature("demo")) == [("", 4, 0), ("tin-header", 4, 0)]
    assert arc.page_signature("khac") == [("", 5, 0)]


def test_late_misses_are_marked_unextracted_with_their_evidence(arc: Archive) -> None:
    crawl = arc.start_crawl("demo")
    other = ("other", "no article, few dated links")
    arc.record_fetch(url(1), T0, 200, {}, None, crawl, page_kind=other)
    arc.record_fetch(url(2), T0, 404, {}, None, crawl, page_kind=("error", "HTTP 404"))
    misses = [(url(1), "built like the article pages (tin-header)"), (url(2), "x"), (url(3), "y")]
    assert arc.mark_unextracted(crawl, misses) == 1
    assert [
        (r["url"], r["reason"], r["kind_reason"])
        for r in arc.db.query("SELECT * FROM fetches ORDER BY id")
    ] == [
        (url(1), "unextracted", "no article, few dated links; built like the article pages "
         "(tin-header)"),
        (url(2), None, "HTTP 404"),
    ]  # fmt: skip
