"""The version diff page through Datasette's in-process client, on a real archive file."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from portal_archive.archive import Archive
from portal_archive.web import make_datasette
from portal_archive.web.diff import body_diff, word_diff

T0 = datetime(2024, 5, 1, 8, 0, tzinfo=UTC)
URL = "http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid=5"


def version(title: str, body: str, summary: str = "Tóm tắt cuộc họp.") -> dict[str, Any]:
    return {"url": URL, "title": title, "summary": summary, "body_text": body,
            "published": "2024-04-30", "author": "Trần Thị Đào"}  # fmt: skip


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("diff") / "archive.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    body = "Sáng nay, hội nghị khai mạc.\nĐại biểu thảo luận.\nHội nghị bế mạc."
    steps = [
        version("Hội nghị lần thứ nhất", body),
        version("Hội nghị lần thứ hai", body.replace("thảo luận", "biểu quyết")),
        version("Hội nghị <script>alert(1)</script>", body + "\nThêm đoạn & kết."),
    ]
    for n, content in enumerate(steps):
        arc.store_article("demo", content, T0 + timedelta(days=n), None)
    arc.store_article("demo", {**steps[0], "url": URL + "0"}, T0, None)  # never edited
    arc.close()
    return path


def get(db_path: Path, path: str) -> Any:
    return asyncio.run(make_datasette(db_path).client.get(path))


def article_id(db_path: Path, url: str = URL) -> int:
    arc = Archive(db_path)
    try:
        return int(next(arc.db.query("SELECT id FROM articles WHERE url = ?", [url]))["id"])
    finally:
        arc.close()


def section(html: str, name: str) -> str:
    match = re.search(rf'<section class="field field-{name}[^"]*">(.*?)</section>', html, re.S)
    assert match, name
    return match.group(1)


def test_default_diff_is_between_the_last_two_versions(db_path: Path) -> None:
    response = get(db_path, f"/-/archive/articles/{article_id(db_path)}/diff")
    assert response.status_code == 200
    html = response.text
    assert "comparing version 2 → 3" in html
    title = section(html, "title")
    assert (
        "Hội nghị <del>lần thứ hai</del><ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>" in title
    )
    assert "<script>alert" not in html  # neither in the diff nor in the page heading
    body = section(html, "body_text")
    assert '<p class="added"><ins>Thêm đoạn &amp; kết.</ins></p>' in body
    assert '<p class="same">Sáng nay, hội nghị khai mạc.</p>' in body
    assert "(không đổi / unchanged)" in section(html, "summary")
    assert f'href="/archive/articles/{article_id(db_path)}"' in html
    assert html.count("changes from version") == 2


def test_chosen_versions_word_level(db_path: Path) -> None:
    html = get(db_path, f"/-/archive/articles/{article_id(db_path)}/diff?from=1&to=2").text
    assert "comparing version 1 → 2" in html
    assert "lần thứ <del>nhất</del><ins>hai</ins>" in section(html, "title")
    body = section(html, "body_text")
    assert '<p class="changed">Đại biểu <del>thảo luận</del><ins>biểu quyết</ins>.</p>' in body
    assert "Thêm đoạn" not in body


def test_errors_and_single_version(db_path: Path) -> None:
    one = article_id(db_path, URL + "0")
    single = get(db_path, f"/-/archive/articles/{one}/diff")
    assert single.status_code == 200
    assert "only one version" in single.text
    assert get(db_path, "/-/archive/articles/9999/diff").status_code == 404
    bad = get(db_path, f"/-/archive/articles/{article_id(db_path)}/diff?from=7")
    assert bad.status_code == 400 and "no version 7" in bad.text
    assert get(db_path, f"/-/archive/articles/{one}/diff?to=x").status_code == 400


def test_diff_functions_escape_and_round_trip() -> None:
    assert str(word_diff("a <b> c", "a <b> d")) == "a &lt;b&gt; <del>c</del><ins>d</ins>"
    assert str(word_diff("giữ nguyên", "giữ nguyên")) == "giữ nguyên"
    assert str(body_diff("x\ny\nz", "x\nz")) == (
        '<p class="same">x</p>\n<p class="removed"><del>y</del></p>\n<p class="same">z</p>'
    )


def test_neighbouring_word_changes_read_as_one_phrase() -> None:
    merged = word_diff("Đại biểu thảo luận kỹ.", "Đại biểu biểu quyết kỹ.")
    assert str(merged) == "Đại biểu <del>thảo luận</del><ins>biểu quyết</ins> kỹ."
    apart = word_diff("một hai ba bốn năm", "một HAI ba BỐN năm")
    assert str(apart) == "một <del>hai</del><ins>HAI</ins> ba <del>bốn</del><ins>BỐN</ins> năm"


def test_article_page_links_the_diff_only_when_there_are_versions(db_path: Path) -> None:
    edited = get(db_path, f"/archive/articles/{article_id(db_path)}")
    assert edited.status_code == 200
    link = f'href="/-/archive/articles/{article_id(db_path)}/diff"'
    assert link in edited.text
    assert get(db_path, f"/-/archive/articles/{article_id(db_path)}/diff").status_code == 200
    untouched = get(db_path, f"/archive/articles/{article_id(db_path, URL + '0')}")
    assert "/diff" not in untouched.text
