"""The archive's write API against real SQLite files."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from sqlite_utils import Database

from portal_archive.archive import Archive, ArchiveError, ArchiveNotFound
from portal_archive.archive.schema import migrations
from portal_archive.archive.store import content_hash, prepare_article

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
T1 = T0 + timedelta(hours=6)


def article(n: int = 1, **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "url": f"http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid={n}",
        "title": f"Đảng ủy xã tổ chức hội nghị số {n}",
        "published": "2024-04-30T09:15:00+07:00",
        "published_raw": "30/04/2024 09:15",
        "date_source": "page",
        "category": "Tin tức - Sự kiện",
        "author": "Nguyễn Văn Định",
        "summary": "Hội nghị bàn về chính quyền thân thiện.",
        "body_text": "Sáng nay, hội nghị đã diễn ra.\n\nCác đại biểu thống nhất.",
        "body_html": "<p>Sáng nay, hội nghị đã diễn ra.</p><p>Các đại biểu thống nhất.</p>",
        "images": [{"url": f"http://127.0.0.1/Photos/{n}.png", "caption": "Quang cảnh", "alt": ""}],
        "attachments": [{"url": "http://127.0.0.1/VanBan/kehoach.pdf", "title": "Kế hoạch"}],
        "view_count": 1204,
        "family": "newswebpart",
    }
    base.update(changes)
    return base


def png(width: int = 40, height: int = 30, colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def arc(tmp_path: Path) -> Archive:
    a = Archive(tmp_path / "archive.db")
    a.upsert_portal("demo", "Cổng thông tin tỉnh Demo", "Demo", "http://127.0.0.1/")
    return a


def rows(arc: Archive, table: str, exclude: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in r.items() if k not in exclude}
        for r in arc.db.query(f"SELECT * FROM {table} ORDER BY rowid")
    ]


def test_new_archive_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    arc = Archive(tmp_path / "new.db")
    names = [r["name"] for r in arc.db.query("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert names == [
        "0001_initial_schema",
        "0002_caption_and_attachment_search",
        "0003_fetches",
        "0004_captures",
        "0005_folded_media_search",
        "0006_published_month_index",
        "0007_lead_image",
        "0008_unextracted_pages_and_source",
        "0009_fetch_referer",
        "0010_web_archive_imports",
        "0011_entities",
        "0012_page_kinds",
        "0013_entity_position_expanded",
        "0014_documents",
    ]
    assert arc.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for table in (
        "portals",
        "articles",
        "article_versions",
        "images",
        "article_images",
        "attachments",
        "crawls",
        "fetches",
        "articles_fts",
    ):
        assert arc.db[table].exists(), table
    arc.close()
    # Re-opening applies nothing twice.
    again = Archive(tmp_path / "new.db")
    assert again.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(names)


def test_open_existing_refuses_missing_and_foreign_files(tmp_path: Path) -> None:
    with pytest.raises(ArchiveNotFound, match="no archive at"):
        Archive.open_existing(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x(a)").connection.commit()
    with pytest.raises(ArchiveNotFound, match="not a portal archive"):
        Archive.open_existing(other)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ArchiveError):
        Archive.open_existing(junk)
    Archive(tmp_path / "real.db").close()
    assert Archive.open_existing(tmp_path / "real.db").article_count() == 0


def test_store_article_new_then_unchanged_only_moves_last_fetched(arc: Archive) -> None:
    crawl = arc.start_crawl("demo")
    assert arc.store_article("demo", article(), T0, crawl) == "new"
    first = rows(arc, "articles")
    assert arc.store_article("demo", article(extra_key="ignored"), T1, crawl) == "unchanged"
    second = rows(arc, "articles")
    assert [r["last_fetched"] for r in first] != [r["last_fetched"] for r in second]
    strip = ("last_fetched",)
    assert [{k: v for k, v in r.items() if k not in strip} for r in first] == [
        {k: v for k, v in r.items() if k not in strip} for r in second
    ]
    row = second[0]
    assert row["title"] == "Đảng ủy xã tổ chức hội nghị số 1"
    assert row["published"] == "2024-04-30T09:15:00+07:00"
    assert row["published_month"] == "2024-04"
    assert row["first_seen"] == "2024-05-01T08:00:00+00:00"
    assert row["last_fetched"] == "2024-05-01T14:00:00+00:00"
    assert row["version_count"] == 1
    assert row["view_count"] == 1204
    assert row["search_folded"].startswith("dang uy xa to chuc hoi nghi so 1")
    assert rows(arc, "article_versions") == []


def test_changed_content_keeps_the_previous_version(arc: Archive) -> None:
    arc.store_article("demo", article(), T0, None)
    edited = article(title="Đảng ủy xã tổ chức hội nghị (sửa)", images=[])
    assert arc.store_article("demo", edited, T1, None) == "changed"
    (row,) = rows(arc, "articles")
    assert row["title"] == "Đảng ủy xã tổ chức hội nghị (sửa)"
    assert row["version_count"] == 2
    assert rows(arc, "article_images") == []
    (version,) = rows(arc, "article_versions")
    assert version["version"] == 1
    assert version["title"] == "Đảng ủy xã tổ chức hội nghị số 1"
    assert version["fetched_at"] == "2024-05-01T08:00:00+00:00"
    assert json.loads(version["images"]) == article()["images"]
    assert version["content_hash"] != row["content_hash"]
    # The search index follows the edit.
    hits = arc.db.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'sua'"
    ).fetchall()
    assert hits == [(row["id"],)]
    old = arc.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"so 1\"'")
    assert old.fetchall() == []


def test_re_extraction_leaves_fetch_times_alone(arc: Archive) -> None:
    arc.store_article("demo", article(), T0, None)
    before = rows(arc, "articles")
    assert arc.store_article("demo", article(), T1, None, refetched=False) == "unchanged"
    assert rows(arc, "articles") == before
    better = article(author="Nguyễn Văn Định (Trung tâm Truyền thông)")
    assert arc.store_article("demo", better, T1, None, refetched=False) == "changed"
    (row,) = rows(arc, "articles")
    assert row["author"] == better["author"] and row["version_count"] == 2
    assert row["last_fetched"] == before[0]["last_fetched"] == "2024-05-01T08:00:00+00:00"


def test_content_hash_ignores_fetch_details_but_not_content() -> None:
    base = content_hash(prepare_article(article()))
    assert content_hash(prepare_article(article(view_count=9, family="x"))) == base
    assert content_hash(prepare_article(article(author="Trần Thị Bình"))) != base
    nfd = article()
    nfd["title"] = "Đảng ủy xã tổ chức hội nghị số 1".replace("ủ", "u\u0309")
    assert content_hash(prepare_article(nfd)) == base


def test_missing_optional_fields_are_fine(arc: Archive) -> None:
    minimal = {"url": "http://127.0.0.1/x", "title": "Tin ngắn", "published": None}
    assert arc.store_article("demo", minimal, T0, None) == "new"
    (row,) = rows(arc, "articles")
    assert row["published"] is None
    assert row["view_count"] is None
    with pytest.raises(ArchiveError):
        arc.store_article("demo", {"title": "no url"}, T0, None)


def test_images_stored_once_and_linked_whenever_they_arrive(arc: Archive) -> None:
    shared = "http://127.0.0.1/Photos/chung%20(1).png"
    image = {"url": shared, "caption": "Ảnh chung", "alt": "chung"}
    arc.store_article("demo", article(1, images=[image]), T0, None)
    arc.store_article("demo", article(2, images=[image]), T0, None)
    image_id = arc.store_image(shared, png(), "image/png")
    # Same bytes under another URL: still one image row.
    assert arc.store_image("http://127.0.0.1/Photos/copy.png", png(), None) == image_id
    arc.store_article("demo", article(3, images=[image]), T0, None)  # after the image
    links = rows(arc, "article_images")
    assert [(r["article_id"], r["image_id"], r["caption"]) for r in links] == [
        (1, image_id, "Ảnh chung"),
        (2, image_id, "Ảnh chung"),
        (3, image_id, "Ảnh chung"),
    ]
    (img,) = rows(arc, "images")
    assert (img["width"], img["height"], img["mime"], img["url"]) == (40, 30, "image/png", shared)
    assert img["bytes"] == len(png()) and img["thumbnail"] is None


def test_big_images_get_a_thumbnail_and_bad_bytes_do_not_crash(arc: Archive) -> None:
    big_id = arc.store_image("http://127.0.0.1/big.png", png(1200, 800, "blue"), "image/png")
    bad_id = arc.store_image("http://127.0.0.1/bad.jpg", b"<html>not found</html>", "image/jpeg")
    big, bad = (arc.db["images"].get(i) for i in (big_id, bad_id))
    thumb = Image.open(io.BytesIO(big["thumbnail"]))
    assert thumb.size == (320, 213) and big["thumbnail_mime"] == "image/jpeg"
    assert (bad["width"], bad["mime"]) == (None, "image/jpeg")


def test_attachments_filled_for_every_row_with_that_url(arc: Archive) -> None:
    arc.store_article("demo", article(1), T0, None)
    arc.store_article("demo", article(2), T0, None)
    arc.store_attachment("http://127.0.0.1/VanBan/kehoach.pdf", b"%PDF-1.4 demo", "application/pdf")
    arc.store_article("demo", article(3), T0, None)
    found = rows(arc, "attachments", exclude=("id",))
    assert len(found) == 3
    for r in found:
        assert r["content"] == b"%PDF-1.4 demo"
        assert (r["mime"], r["bytes"], r["title"]) == ("application/pdf", 13, "Kế hoạch")


def test_batch_is_one_transaction_and_nests(arc: Archive) -> None:
    with pytest.raises(RuntimeError), arc.batch():
        arc.store_article("demo", article(1), T0, None)
        with arc.batch():
            arc.store_article("demo", article(2), T0, None)
        raise RuntimeError("crawler died")
    assert arc.article_count() == 0
    with arc.batch():
        for n in range(1, 51):
            arc.store_article("demo", article(n), T0, None)
    assert arc.article_count() == 50
    assert arc.article_count("demo") == 50 and arc.article_count("other") == 0
    assert len(arc.known_article_urls("demo")) == 50


def test_batch_commits_nothing_before_it_ends(arc: Archive) -> None:
    """Every kind of write (sqlite-utils' insert, upsert, update, delete and the hand-written
    statements) joins the batch's transaction: another reader sees none of it until the end."""
    tables = ("portals", "crawls", "fetches", "captures", "articles", "article_versions",
              "article_images", "attachments", "images")  # fmt: skip

    def seen() -> dict[str, int]:
        reader = sqlite3.connect(arc.path)
        try:
            return {t: reader.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        finally:
            reader.close()

    before = seen()
    with arc.batch():
        arc.upsert_portal("khac", "Cổng khác", "Khác", "http://127.0.0.2/")
        crawl = arc.start_crawl("khac")
        arc.record_fetch(article()["url"], T0, 200, {}, b"<html>1</html>", crawl, keep_payload=True)
        arc.store_article("khac", article(), T0, crawl)
        arc.store_article("khac", article(), T1, crawl)
        arc.store_article("khac", article(title="Đổi"), T1, crawl)
        arc.store_image("http://127.0.0.1/Photos/1.png", png(), None)
        arc.store_attachment("http://127.0.0.1/VanBan/kehoach.pdf", b"%PDF", None)
        arc.finish_crawl(crawl, "ok", {})
        assert seen() == before
    assert seen() == {t: before[t] + 1 for t in tables}


def test_crawls_record_status_and_stats(arc: Archive) -> None:
    crawl_id = arc.start_crawl("demo")
    arc.finish_crawl(crawl_id, "finished", {"item_scraped_count": 3, "when": T0})
    crawl = arc.db["crawls"].get(crawl_id)
    assert crawl["status"] == "finished" and crawl["finished_at"] >= crawl["started_at"]
    assert json.loads(crawl["stats"]) == {"item_scraped_count": 3, "when": str(T0)}


def test_second_identical_crawl_leaves_every_table_the_same(tmp_path: Path) -> None:
    arc = Archive(tmp_path / "a.db")

    def crawl(when: datetime) -> None:
        with arc.batch():
            for n in range(1, 6):
                arc.store_article("demo", article(n), when, None)
                arc.store_image(f"http://127.0.0.1/Photos/{n}.png", png(colour="green"), None)
            arc.store_attachment("http://127.0.0.1/VanBan/kehoach.pdf", b"%PDF", None)

    crawl(T0)
    before = {
        t: rows(arc, t, ("last_fetched",))
        for t in ("articles", "images", "article_images", "attachments", "article_versions")
    }
    crawl(T1)
    after = {t: rows(arc, t, ("last_fetched",)) for t in before}
    assert before == after
    assert len(after["images"]) == 1


def lead_images(arc: Archive) -> dict[int, int | None]:
    return {
        r["id"]: r["lead_image_id"] for r in arc.db.query("SELECT id, lead_image_id FROM articles")
    }


def test_lead_image_id_follows_the_first_image_on_every_write(arc: Archive) -> None:
    first = "http://127.0.0.1/Photos/dau.png"
    second = {"url": "http://127.0.0.1/Photos/sau.png", "caption": "Ảnh sau", "alt": ""}
    arc.store_article("demo", article(1, images=[{"url": first}, second]), T0, None)
    arc.store_article("demo", article(2, images=[second]), T0, None)
    second_id = arc.store_image(second["url"], png(colour="blue"), "image/png")
    # Bytes of a second image do not make it the lead one; article 2 leads with it.
    assert lead_images(arc) == {1: None, 2: second_id}
    first_id = arc.store_image(first, png(), "image/png")
    assert lead_images(arc) == {1: first_id, 2: second_id}
    # Stored after its image's bytes: linked at once.
    arc.store_article("demo", article(3, images=[{"url": first}]), T0, None)
    assert lead_images(arc)[3] == first_id
    # An edit that drops the images, then one that brings back a known image.
    arc.store_article("demo", article(1, images=[]), T1, None)
    assert lead_images(arc)[1] is None
    arc.store_article("demo", article(1, images=[second]), T1, None)
    assert lead_images(arc)[1] == second_id


def test_archive_made_before_0007_gets_lead_images_back_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="0007_lead_image")
    old.execute("INSERT INTO images(id, sha256) VALUES (7, 'x')")
    for n in (1, 2, 3):
        old.execute("INSERT INTO articles(id, url) VALUES (?, ?)", [n, f"http://127.0.0.1/{n}"])
    old.execute("INSERT INTO article_images(article_id, position, image_id) VALUES (1, 0, 7)")
    old.execute("INSERT INTO article_images(article_id, position, image_id) VALUES (2, 1, 7)")
    old.execute("INSERT INTO article_images(article_id, position, image_id) VALUES (3, 0, NULL)")
    old.conn.commit()
    assert "lead_image_id" not in old["articles"].columns_dict
    old.close()
    arc = Archive(path)
    assert lead_images(arc) == {1: 7, 2: None, 3: None}
    arc.close()


def test_credited_source_round_trips_and_is_versioned(arc: Archive) -> None:
    from portal_archive.model import Article, article_record

    first = Article(
        url=article()["url"], title="Hội nghị", body_text="Nội dung.", source="Báo Hà Nam"
    )
    assert arc.store_article("demo", article_record(first), T0, None) == "new"
    stored = arc.db.execute("SELECT source FROM articles").fetchall()
    assert stored == [("Báo Hà Nam",)]
    first.source = "Cổng TTĐT tỉnh"
    assert arc.store_article("demo", article_record(first), T1, None) == "changed"
    assert arc.db.execute("SELECT source FROM articles").fetchall() == [("Cổng TTĐT tỉnh",)]
    assert arc.db.execute("SELECT version, source FROM article_versions").fetchall() == [
        (1, "Báo Hà Nam")
    ]


def test_articles_without_source_keep_the_hash_they_had_before_0008(tmp_path: Path) -> None:
    # The hash as archives before migration 0008 computed it: eight content columns.
    old_columns = ("title", "published", "published_raw", "category", "author", "summary",
                   "body_text", "body_html")  # fmt: skip
    row = prepare_article(article(1))
    payload = {c: row[c] for c in old_columns}
    payload.update(images=row["images"], attachments=row["attachments"])
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert content_hash(row) == hashlib.sha256(encoded.encode()).hexdigest()
    assert content_hash(prepare_article(article(1, source="Báo Hà Nam"))) != content_hash(row)

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="0008_unextracted_pages_and_source")
    old.execute("INSERT INTO fetches(url, fetched_at) VALUES ('http://127.0.0.1/1', 'x')")
    old.conn.commit()
    old.close()
    arc = Archive(path)
    assert arc.db.execute("SELECT reason FROM fetches").fetchall() == [(None,)]
    assert {"source"} <= set(arc.db["articles"].columns_dict)
    assert {"source"} <= set(arc.db["article_versions"].columns_dict)
    arc.close()
