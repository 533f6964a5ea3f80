"""Captions and attachment titles found however they are typed, through datasette-search-all.

The folded copies come from migration 0005: written with each row, back-filled for archives
made before it, and searched through the same endpoints datasette-search-all's page calls.
"""

from __future__ import annotations

import asyncio
import io
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from PIL import Image
from sqlite_utils import Database

from portal_archive.archive import Archive
from portal_archive.archive.schema import migrations
from portal_archive.web import make_datasette

T0 = datetime(2024, 5, 1, tzinfo=UTC)
CAPTION = "Lễ khánh thành cầu Đồng Văn"
ATTACHMENT = "Quyết định của Đảng ủy xã Tân Hòa"


def article(n: int, caption: str, attachment: str) -> dict[str, Any]:
    return {
        "url": f"http://127.0.0.1/tin/{n}",
        "title": f"Tin số {n}",
        "published": f"2024-04-{n:02d}",
        "body_text": "Người dân phấn khởi.",
        "images": [{"url": f"http://127.0.0.1/anh/{n}.png", "caption": caption, "alt": "Ảnh"}],
        "attachments": [{"url": f"http://127.0.0.1/vb/{n}.pdf", "title": attachment}],
    }


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search-all") / "archive.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Demo", "Demo", "http://127.0.0.1/")
    arc.store_article("demo", article(1, CAPTION, ATTACHMENT), T0, None)
    # NFD source text and new-style tone placement must be found the same way.
    nfd = unicodedata.normalize("NFD", "Đê điều thuỷ lợi Đồng Tháp")
    arc.store_article("demo", article(2, nfd, "Báo cáo hoà giải"), T0, None)
    arc.store_article("demo", article(3, "Trường học mới", "Kế hoạch năm"), T0, None)
    arc.close()
    return path


@pytest.fixture(scope="module")
def get(db_path: Path) -> Any:
    ds = make_datasette(db_path)

    def fetch(path: str) -> httpx.Response:
        return asyncio.run(ds.client.get(path))

    return fetch


def search_all_json(get: Any, table: str, q: str) -> dict[str, Any]:
    """The request datasette-search-all's page makes for each searchable table."""
    path = (
        f"/archive/{table}.json?_shape=objects&_labels=on&_extra=count&_extra=database"
        f"&_extra=table&_size=5&_search={quote(q)}"
    )
    response = get(path)
    assert response.status_code == 200, path
    data: dict[str, Any] = response.json()
    return data


def test_search_all_page_lists_caption_and_attachment_tables(get: Any) -> None:
    page = get("/-/search?q=dong+van")
    assert page.status_code == 200
    for table in ("articles", "article_images", "attachments"):
        assert f'data-searchable-url="/archive/{table}"' in page.text, table


@pytest.mark.parametrize("q", ["dong van", "DONG VAN", "Đồng Văn", "đồng văn", '"dong van"'])
def test_captions_found_with_or_without_diacritics(get: Any, q: str) -> None:
    data = search_all_json(get, "article_images", q)
    assert [r["caption"] for r in data["rows"]] == [CAPTION]
    assert data["filtered_table_rows_count"] == 1  # the page shows "1 result" from this


@pytest.mark.parametrize("q", ["dang uy", "Đảng ủy", "dang", "tan hoa", "Tân Hoà"])
def test_attachment_titles_found_with_or_without_diacritics(get: Any, q: str) -> None:
    data = search_all_json(get, "attachments", q)
    assert [r["title"] for r in data["rows"]] == [ATTACHMENT]


@pytest.mark.parametrize(("table", "q"), [("article_images", "de dieu thuy loi"),
                                          ("article_images", "thuỷ lợi"),
                                          ("attachments", "hoa giai"),
                                          ("attachments", "hòa giải")])  # fmt: skip
def test_nfd_and_tone_placement(get: Any, table: str, q: str) -> None:
    assert search_all_json(get, table, q)["filtered_table_rows_count"] == 1


def test_a_folded_query_finds_nothing_it_should_not(get: Any) -> None:
    assert search_all_json(get, "article_images", "dong thap van")["rows"] == []
    assert search_all_json(get, "attachments", "khong co")["rows"] == []


def test_folded_copies_follow_edits(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "edit.db"
    path.write_bytes(db_path.read_bytes())
    arc = Archive(path)
    arc.store_article("demo", article(3, "Cầu Đồng Văn sửa xong", "Kế hoạch năm"), T0, None)
    arc.store_image("http://127.0.0.1/anh/3.png", png(), "image/png")
    # Linking the bytes updated image_id only; the index must still agree with the table.
    arc.db.execute("INSERT INTO article_images_fts(article_images_fts) VALUES('integrity-check')")
    rows = arc.db.execute(
        "select a.caption from article_images a join article_images_fts f on f.rowid = a.rowid "
        'where article_images_fts match \'"dong" "van"\' order by a.article_id'
    ).fetchall()
    assert [r[0] for r in rows] == [CAPTION, "Cầu Đồng Văn sửa xong"]
    arc.close()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(out, format="PNG")
    return out.getvalue()


def test_archive_made_before_0005_is_back_filled(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="0005_folded_media_search")
    old.execute("INSERT INTO portals(id) VALUES ('demo')")
    old.execute("INSERT INTO articles(id, url, portal_id) VALUES (1, 'http://127.0.0.1/1', 'demo')")
    old.execute(
        "INSERT INTO article_images(article_id, position, url, caption, alt) "
        "VALUES (1, 0, 'http://127.0.0.1/a.png', ?, ?)",
        [CAPTION, "Đảng kỳ"],
    )
    old.execute(
        "INSERT INTO attachments(article_id, position, url, title) VALUES (1, 0, 'u', ?)",
        [ATTACHMENT],
    )
    old.conn.commit()
    assert "search_folded" not in old["article_images"].columns_dict
    old.close()
    arc = Archive(path)
    folded = arc.db.execute("select search_folded from article_images").fetchone()[0]
    assert folded == "le khanh thanh cau dong van dang ky"
    title = arc.db.execute("select search_folded from attachments").fetchone()[0]
    assert title == "quyet dinh cua dang uy xa tan hoa"
    for table, q in (("article_images", "dong van"), ("attachments", "dang uy")):
        match = " ".join(f'"{w}"' for w in q.split())
        count = arc.db.execute(
            f"select count(*) from {table}_fts where {table}_fts match ?", [match]
        ).fetchone()[0]
        assert count == 1, table
    arc.close()
