"""Vietnamese folding and ranking, at SQL level, on a small purpose-built corpus."""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal_archive.archive import Archive
from portal_archive.archive.search import exact_hits, fold_same_length, register_functions, snippet
from portal_archive.archive.textnorm import exact_word_hits, fts_query, normalize_tones, vi_fold
from portal_archive.web.serving import canned_query

T0 = datetime(2024, 5, 1, tzinfo=UTC)

# Our own sentences. Each article has one distinguishing feature the tests look for.
CORPUS: dict[str, dict[str, str]] = {
    "dang": {
        "title": "Đảng ủy xã Tân Hòa tổng kết công tác năm",
        "summary": "Hội nghị bàn việc xây dựng chính quyền thân thiện với người dân.",
        "body_text": "Các đảng viên thống nhất kế hoạch năm mới.",
    },
    "hoa_new_style": {
        "title": "Giữ vững hoà bình trên tuyến biên giới",
        "summary": "Lực lượng biên phòng tuần tra thường xuyên.",
        "body_text": "Bảo vệ hoà bình là nhiệm vụ hàng đầu.",
    },
    "nfd": {
        "title": unicodedata.normalize("NFD", "Khánh thành cầu Đồng Văn"),
        "summary": unicodedata.normalize("NFD", "Cây cầu nối hai bờ sông."),
        "body_text": "Người dân vui mừng.",
    },
    "noi_exact": {
        "title": "Nội dung cuộc họp về giao thông",
        "summary": "Thông báo kết quả.",
        "body_text": "Nội dung được gửi tới các phường.",
    },
    "noi_folded": {
        "title": "Người dân nói về nơi ở mới",
        "summary": "Ý kiến của người dân nói chung rất tích cực.",
        "body_text": "Nơi ở mới sạch sẽ, nói chung ai cũng hài lòng.",
    },
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> sqlite3.Connection:
    path = tmp_path_factory.mktemp("search") / "archive.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Demo", "Demo", "http://127.0.0.1/")
    arc.upsert_portal("khac", "Khác", "Khác", "http://127.0.0.2/")
    with arc.batch():
        for n, (key, fields) in enumerate(CORPUS.items(), start=1):
            portal = "khac" if key == "noi_folded" else "demo"
            record = {"url": f"http://127.0.0.1/{key}", "published": f"2024-0{n}-15", **fields}
            arc.store_article(portal, record, T0, None)
    arc.close()
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    register_functions(conn)
    return conn


def found(db: sqlite3.Connection, query: str) -> set[str]:
    """What Datasette's ?_search= runs (escape_fts is ours once the plugin is loaded)."""
    sql = (
        "select url from articles where id in "
        "(select rowid from articles_fts where articles_fts match escape_fts(?))"
    )
    return {r["url"].rsplit("/", 1)[1] for r in db.execute(sql, [query])}


def search(db: sqlite3.Connection, q: str, **params: str) -> list[dict[str, Any]]:
    args = {"q": q, "portal": "", "category": "", "since": "", "until": "", **params}
    return [dict(r) for r in db.execute(canned_query("search"), args)]


def test_folding_and_tone_placement() -> None:
    assert vi_fold("Đảng ỦY Xã") == "dang uy xa"
    assert vi_fold(unicodedata.normalize("NFD", "Đồng Văn")) == "dong van"
    assert normalize_tones("hoà, thuỷ, khoẻ, hoàng, quỳ") == "hòa, thủy, khỏe, hoàng, quỳ"
    assert normalize_tones("HOÀ BÌNH") == "HÒA BÌNH"


@pytest.mark.parametrize("query", ["Đảng", "đảng", "dang", "DANG", "đảng ủy", '"dang uy"'])
def test_dang_is_found_however_it_is_typed(db: sqlite3.Connection, query: str) -> None:
    assert "dang" in found(db, query)


@pytest.mark.parametrize("query", ["chinh quyen than thien", "Chính quyền thân thiện"])
def test_phrase_without_diacritics(db: sqlite3.Connection, query: str) -> None:
    assert found(db, query) == {"dang"}


@pytest.mark.parametrize("query", ["hoa binh", "hòa bình", "hoà bình", "HOÀ BÌNH"])
def test_peace_in_every_spelling(db: sqlite3.Connection, query: str) -> None:
    assert found(db, query) == {"hoa_new_style"}


@pytest.mark.parametrize("query", ["dong van", "Đồng Văn", unicodedata.normalize("NFD", "Đồng")])
def test_nfd_sources_and_queries(db: sqlite3.Connection, query: str) -> None:
    assert found(db, query) == {"nfd"}


def test_quoted_phrases_are_phrases(db: sqlite3.Connection) -> None:
    assert found(db, '"hoà bình là"') == {"hoa_new_style"}
    assert found(db, '"bình hoà"') == set()


@pytest.mark.parametrize("query", ['"unbalanced', "AND OR", "*", "(", "NEAR(", "a:b", "-", ""])
def test_bad_fts_syntax_never_raises(db: sqlite3.Connection, query: str) -> None:
    assert isinstance(found(db, query), set)
    assert isinstance(search(db, query), list)


def test_fts_query_builder_quotes_everything() -> None:
    assert fts_query('AND "chính quyền" hoà*') == '"AND" "chính quyền" "hòa"*'
    assert fts_query('"') == '""'


def test_exact_spelling_ranks_above_folded_matches(db: sqlite3.Connection) -> None:
    ranked = [r["url"].rsplit("/", 1)[1] for r in search(db, "nội dung")]
    assert ranked[0] == "noi_exact"
    folded = {r["url"].rsplit("/", 1)[1] for r in search(db, "noi")}
    assert folded == {"noi_exact", "noi_folded", "nfd"}  # nội, nói/nơi, nối
    by_accent = [r["url"].rsplit("/", 1)[1] for r in search(db, "nói")]
    assert by_accent[0] == "noi_folded"
    assert exact_word_hits("nói", "nội dung") == 0
    assert exact_word_hits("noi", "noi") == 0  # unaccented words cannot be "exact"


def test_search_returns_contract_columns_and_highlights(db: sqlite3.Connection) -> None:
    (row,) = search(db, "dang uy")
    assert list(row) == [
        "id", "url", "title", "published", "portal_id", "category", "snippet",
        "exact_matches", "relevance",
    ]  # fmt: skip
    assert "<mark>Đảng</mark> <mark>ủy</mark>" in row["snippet"]


def test_search_filters(db: sqlite3.Connection) -> None:
    assert {r["portal_id"] for r in search(db, "noi", portal="khac")} == {"khac"}
    assert [r["published"] for r in search(db, "noi", since="2024-05-01")] == ["2024-05-15"]
    assert {r["published"] for r in search(db, "noi", until="2024-04")} == {
        "2024-03-15",
        "2024-04-15",
    }
    assert search(db, "noi", category="Không có") == []


def test_snippet_escapes_stored_html() -> None:
    out = snippet("dang", "<script>alert(1)</script> Đảng bộ")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>Đảng</mark>" in out


# Syllables in both tone placements, cases and normal forms, for the property tests below.
SYLLABLES = ["hòa", "hoà", "HOÀ", "Hòa", "bình", "đảng", "Đảng", "dang", "ủy", "uỷ", "quỳ",
             "nói", "nội", "noi", "khỏe", "khoẻ", "xã", "xa",
             unicodedata.normalize("NFD", "hòa")]  # fmt: skip
texts = st.lists(st.sampled_from(SYLLABLES), max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(query=texts, text=texts, other=texts)
def test_fast_exact_hits_agree_with_the_reference(query: str, text: str, other: str) -> None:
    assert exact_hits(query, text, other) == exact_word_hits(query, text, other)


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_same_length_fold_agrees_with_vi_fold(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    assert fold_same_length(text) == vi_fold(text) and len(fold_same_length(text)) == len(text)


def test_snippet_window_on_a_long_text() -> None:
    body = (
        " ".join(f"từ{n}" for n in range(200)) + " Đảng bộ " + " ".join("đuôi" for _ in range(99))
    )
    out = snippet("dang", body)
    assert out.startswith("…từ185 từ186 ") and out.endswith(" đuôi…")
    assert "<mark>Đảng</mark>" in out and len(out.split()) == 30


def test_filters_apply_before_the_candidate_cap(tmp_path: Any) -> None:
    """An old match of a filtered portal is found behind 3,000 newer matches of another one."""
    arc = Archive(tmp_path / "cap.db")
    old = {"url": "http://127.0.0.1/cu", "title": "Hội nghị cũ", "published": "2015-01-02"}
    arc.store_article("cu", old, T0, None)
    rows = [
        (f"http://127.0.0.1/moi/{n}", "moi", "Hội nghị mới", "hoi nghi moi") for n in range(3001)
    ]
    arc.db.conn.executemany(
        "insert into articles(url, portal_id, title, search_folded) values (?, ?, ?, ?)", rows
    )
    arc.db.conn.commit()
    conn = sqlite3.connect(arc.path)
    conn.row_factory = sqlite3.Row
    register_functions(conn)
    assert [r["url"] for r in search(conn, "hoi nghi", portal="cu")] == [old["url"]]
    assert [r["url"] for r in search(conn, "hội nghị", until="2015")] == [old["url"]]
    assert len(search(conn, "hoi nghi")) == 20
