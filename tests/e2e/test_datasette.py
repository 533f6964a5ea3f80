"""The archive published with Datasette: in-process client and a real `serve` over HTTP."""

from __future__ import annotations

import asyncio
import io
import json
import re
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
from PIL import Image

from portal_archive.archive import Archive
from portal_archive.enrichment import enrich_archive
from portal_archive.web import make_datasette
from portal_archive.web.listing import LEAN_COLUMNS
from portal_archive.web.serving import load_metadata
from tests.e2e.local_server import serving_archive

T0 = datetime(2024, 5, 1, tzinfo=UTC)
HOSTILE_HTML = (
    '<p>Đảng bộ tỉnh họp.</p><p><img src="http://127.0.0.1/Photos/hop%20(1).png" '
    'onerror="alert(1)"></p><script>alert(2)</script>'
    '<p><a href="javascript:alert(3)">bấm</a> <a href="http://127.0.0.1/ok">nguồn</a></p>'
    '<iframe src="http://127.0.0.1/evil"></iframe><p onclick="alert(4)">Hết.</p>'
)


MISSED = "http://127.0.0.1/Lists/Posts/Post.aspx?ID=9"
# (fetched_at, url, reason): only MISSED is a page whose newest fetch gave no article and that
# has no article row; the article's URL has one, and ID=8 extracted when fetched again.
UNEXTRACTED_FETCHES = [
    (T0, MISSED, "unextracted"),
    (T0, "http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid=1", "unextracted"),
    (T0, "http://127.0.0.1/Lists/Posts/Post.aspx?ID=8", "unextracted"),
    (T0 + timedelta(hours=1), "http://127.0.0.1/Lists/Posts/Post.aspx?ID=8", None),
    (T0, "http://127.0.0.1/Lists/Posts/Post.aspx?ID=10", "extractor_error"),  # issue 19
]


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), "orange").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # A file name other than archive.db: URLs must still say /archive/.
    path = tmp_path_factory.mktemp("ds") / "khac-ten.db"
    arc = Archive(path)
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    article = {
        "url": "http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid=1",
        "title": "Đảng bộ tỉnh họp bàn hoà bình",
        "published": "2024-04-30T09:15:00+07:00",
        "category": "Tin tức - Sự kiện",
        "author": "Lê Văn Đức",
        "source": "Báo Hà Nam",
        "summary": "Chính quyền thân thiện với người dân.",
        "body_text": "Đảng bộ tỉnh họp.\n\nHết.",
        "body_html": HOSTILE_HTML,
        "images": [
            {"url": "http://127.0.0.1/Photos/hop%20(1).png", "caption": "Toàn cảnh hội nghị"},
            {"url": "http://127.0.0.1/Photos/khac.png", "caption": "Ảnh không trong bài"},
        ],
        "attachments": [{"url": "http://127.0.0.1/VanBan/kh.pdf", "title": "Kế hoạch"}],
    }
    arc.store_article("demo", article, T0, None)
    for n in range(2, 30):
        arc.store_article(
            "demo",
            {"url": f"http://127.0.0.1/tin/{n}", "title": f"Tin số {n} về nông thôn mới",
             "published": f"2024-03-{n:02d}", "body_text": "Đường làng. " * 400},
            T0, None,
        )  # fmt: skip
    # Issue 13: real places and a person, for the entity examples of docs/api.md.
    body = "Ông Nguyễn Văn Khải, Phó Chủ tịch UBND thị xã, thăm xã Trác Văn, thị xã Duy Tiên."
    arc.store_article(
        "demo",
        {"url": "http://127.0.0.1/tin/30", "title": "Tin số 30", "published": "2023-05-23",
         "body_text": body},
        T0, None,
    )  # fmt: skip
    arc.store_image("http://127.0.0.1/Photos/hop%20(1).png", png(900, 600), "image/png")
    arc.store_image("http://127.0.0.1/Photos/khac.png", png(20, 20), "image/png")
    arc.store_attachment("http://127.0.0.1/VanBan/kh.pdf", b"%PDF-1.4 demo", "application/pdf")
    crawl = arc.start_crawl("demo")
    for fetched, page_url, reason in UNEXTRACTED_FETCHES:
        kind = ("other", "no article, few dated links") if reason else None
        arc.record_fetch(
            page_url, fetched, 200, {}, b"<html></html>", crawl, reason=reason, page_kind=kind
        )
    arc.close()
    enrich_archive(path)
    return path


@pytest.fixture(scope="module")
def get(db_path: Path) -> Any:
    ds = make_datasette(db_path)

    def fetch(path: str, **headers: str) -> httpx.Response:
        return asyncio.run(ds.client.get(path, headers=headers))

    return fetch


def test_metadata_names_only_real_tables_and_columns(db_path: Path) -> None:
    arc = Archive(db_path)
    tables = load_metadata()["databases"]["archive"]["tables"]
    for table, config in tables.items():
        columns = set(arc.db.table(table).columns_dict)
        named = {config.get("sort_desc"), config.get("label_column"), config.get("fts_pk")}
        named |= {f for f in config.get("facets", []) if isinstance(f, str)}
        assert named - {None} <= columns, table
    assert set(LEAN_COLUMNS) <= set(arc.db.table("articles").columns_dict)


@pytest.mark.parametrize(
    "query", ["Đảng", "đảng", "dang", "DANG", "chinh quyen than thien", "hoa binh", "hoà bình"]
)
def test_table_search_finds_every_spelling(get: Any, query: str) -> None:
    rows = get(f"/archive/articles.json?_search={query}&_shape=array").json()
    assert [r["id"] for r in rows] == [1]


def test_json_searches_skip_facets_unless_asked(get: Any) -> None:
    plain = get("/archive/articles.json?_search=dang&_shape=objects").json()
    assert plain["facet_results"] == {} and [r["id"] for r in plain["rows"]] == [1]
    asked = get("/archive/articles.json?_search=dang&_facet=portal_id").json()
    assert asked["facet_results"]["portal_id"]["results"][0]["value"] == "demo"
    assert get("/archive/articles.json").json()["facet_results"]


def test_default_articles_list_is_lean_and_newest_first(get: Any) -> None:
    page = get("/archive/articles.json?_shape=objects")
    data = page.json()
    assert set(data["rows"][0]) == {"id", *LEAN_COLUMNS}
    assert [r["published"][:10] for r in data["rows"][:2]] == ["2024-04-30", "2024-03-29"]
    assert len(data["rows"]) == 20 and data["next"]
    html = get("/archive/articles")
    assert html.status_code == 200 and len(html.content) < 100_000
    assert "col-body_text" not in html.text and "col-body_html" not in html.text
    full = get("/archive/articles.json?_col=body_text&_shape=array&id=2").json()
    assert full[0]["body_text"].startswith("Đường làng.")


def test_canned_search_is_ranked_highlighted_and_safe(get: Any) -> None:
    rows = get("/archive/search.json?q=dang+bo&_shape=array").json()
    assert rows[0]["id"] == 1 and "<mark>Đảng</mark> <mark>bộ</mark>" in rows[0]["snippet"]
    for bad in ("%22unbalanced", "AND+OR", "*", "("):
        assert get(f"/archive/search.json?q={bad}&_shape=array").status_code == 200
    page = get("/archive/search?q=dang")
    assert page.status_code == 200 and "<mark>Đảng</mark>" in page.text
    assert '<a class="article-link" href="/archive/articles/1">Đảng bộ tỉnh' in page.text


def test_article_page_is_sanitised_with_images_and_captions(get: Any) -> None:
    page = get("/archive/articles/1").text
    body = page[page.index('class="article-body"') : page.index("Phiên bản")]
    for hostile in ("<script", "onerror", "javascript:", "<iframe", "onclick", "alert("):
        assert hostile not in body, hostile
    assert '<img src="/-/archive/images/1">' in body
    assert "<figcaption>Toàn cảnh hội nghị</figcaption>" in body
    assert '<a href="http://127.0.0.1/ok" rel="noopener noreferrer nofollow">nguồn</a>' in body
    assert "Ảnh không trong bài" in page and 'src="/-/archive/images/2"' in page
    assert 'href="/-/archive/attachments/1"' in page
    assert 'href="http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid=1"' in page


def test_images_are_served_from_blobs_with_cache_headers(get: Any) -> None:
    image = get("/-/archive/images/1")
    assert image.headers["content-type"] == "image/png"
    assert "immutable" in image.headers["cache-control"]
    assert Image.open(io.BytesIO(image.content)).size == (900, 600)
    thumb = get("/-/archive/images/1/thumb")
    assert thumb.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(thumb.content)).size == (320, 213)
    again = get("/-/archive/images/1", **{"If-None-Match": image.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert get("/-/archive/images/99").status_code == 404
    pdf = get("/-/archive/attachments/1")
    assert (pdf.headers["content-type"], pdf.content) == ("application/pdf", b"%PDF-1.4 demo")


def test_robots_are_kept_out(get: Any) -> None:
    assert "Disallow: /" in get("/robots.txt").text


def test_robots_may_be_let_in_when_the_operator_opts_in(db_path: Path) -> None:
    ds = make_datasette(db_path, allow_robots=True)
    text = asyncio.run(ds.client.get("/robots.txt")).text
    assert "Disallow: /" not in text and "Disallow:" in text


def test_atom_feed_is_valid(get: Any) -> None:
    feed = feedparser.parse(get("/archive/feed.atom?portal=demo").content)
    assert not feed.bozo and feed.version == "atom10"
    assert feed.entries[0].title == "Đảng bộ tỉnh họp bàn hoà bình"
    saved = feedparser.parse(get("/archive/search_feed.atom?q=dang").content)
    assert [e.link for e in saved.entries] == ["http://127.0.0.1/Trang/ChiTietTinTuc.aspx?nid=1"]


@pytest.mark.parametrize(
    "path", ["/archive/search_feed.atom?q=khongcogica", "/archive/feed.atom?portal=nowhere"]
)
def test_feed_without_entries_is_valid_and_empty(get: Any, path: str) -> None:
    response = get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10" and feed.entries == []
    assert feed.feed.title.startswith(("Saved search", "Newest articles"))


@pytest.fixture(scope="module")
def server(db_path: Path) -> Any:
    """`portal_archive.web.serve` in its own process on a free port."""
    with serving_archive(db_path) as base:
        yield base


def test_serve_over_real_http(server: str) -> None:
    url = server + "/archive/articles.json?_search=dang&_shape=array"
    with urllib.request.urlopen(url, timeout=5) as response:
        rows = json.loads(response.read())
        cors = response.headers.get("Access-Control-Allow-Origin")
    assert [r["title"] for r in rows] == ["Đảng bộ tỉnh họp bàn hoà bình"]
    assert cors == "*"


def doc_urls() -> list[tuple[str, bool]]:
    text = (Path(__file__).parents[2] / "docs" / "api.md").read_text(encoding="utf-8")
    found = re.findall(r"^\s+curl (-I )?'http://127\.0\.0\.1:8001([^']+)'", text, re.M)
    return [(path, bool(head)) for head, path in found]


def test_api_doc_examples_work(server: str) -> None:
    examples = doc_urls()
    assert len(examples) >= 12
    for path, head in examples:
        request = urllib.request.Request(server + path, method="HEAD" if head else "GET")
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
            assert response.status == 200, path
        if path.endswith(".atom") or "atom?" in path:
            assert not feedparser.parse(body).bozo, path
        elif ".json" in path:
            assert json.loads(body), path


def test_lead_image_id_is_in_the_json_lists_and_search(get: Any) -> None:
    rows = get("/archive/articles.json?_shape=array").json()
    assert rows[0]["id"] == 1 and rows[0]["lead_image_id"] == 1
    assert [r["lead_image_id"] for r in rows[1:]] == [None] * 19
    # Array-shaped rows keep the positions they had before: the new column comes last.
    arrays = get("/archive/articles.json").json()
    assert arrays["columns"] == ["id", *LEAN_COLUMNS] and arrays["columns"][-1] == "lead_image_id"
    # The search query's columns stay as they were: its thumbnails are HTML only.
    found = get("/archive/search.json?q=dang+bo&_shape=array").json()
    assert found[0]["id"] == 1 and "lead_image_id" not in found[0]


def test_listing_and_search_pages_show_the_lead_thumbnail(get: Any) -> None:
    # 900 x 600 has a stored thumbnail; drawn in a 96 x 72 box; alt falls back to the caption.
    img = (
        '<img class="lead-thumb" src="/-/archive/images/1/thumb" alt="Toàn cảnh hội nghị" '
        'width="96" height="64" loading="lazy" decoding="async">'
    )
    for path in ("/archive/articles", "/archive/search?q=dang+bo"):
        html = get(path).text
        assert f'<a href="/archive/articles/1">{img}</a>' in html, path
        assert html.count('class="lead-thumb"') == 1, path
    listing = get("/archive/articles").text
    # The thumbnail column comes first on the page, before the title.
    assert listing.index("col-lead_image_id") < listing.index("col-title")


def test_listing_of_twenty_illustrated_articles_stays_small(tmp_path: Path) -> None:
    """Every row with a thumbnail: still under 100 KB. Small images are their own thumbnail,
    unreadable bytes and images not yet fetched show nothing."""
    arc = Archive(tmp_path / "anh.db")
    arc.upsert_portal("demo", "Cổng Demo", "Demo", "http://127.0.0.1/")
    for n in range(1, 23):
        image = {"url": f"http://127.0.0.1/Photos/{n}.png", "caption": f"Ảnh số {n}", "alt": ""}
        if n == 22:
            image["alt"] = "Cầu Đồng Văn"
        arc.store_article(
            "demo",
            {"url": f"http://127.0.0.1/tin/{n}", "title": f"Tin ảnh số {n}",
             "published": f"2024-04-{n:02d}", "body_text": "Lễ khánh thành cầu. " * 300,
             "images": [image]},
            T0, None,
        )  # fmt: skip
    for n in range(6, 23):
        arc.store_image(f"http://127.0.0.1/Photos/{n}.png", png(600 + n, 400), "image/png")
    small = arc.store_image("http://127.0.0.1/Photos/3.png", png(40, 30), "image/png")
    arc.store_image("http://127.0.0.1/Photos/4.png", b"<html>404</html>", "image/png")
    arc.close()
    ds = make_datasette(tmp_path / "anh.db")
    html = asyncio.run(ds.client.get("/archive/articles")).text
    assert len(html.encode("utf-8")) < 100_000
    thumbs = re.findall(r'<img class="lead-thumb" src="([^"]+)" alt="([^"]*)"', html)
    # Rows 22 down to 3 on the page; 5 has no bytes yet and 4 unreadable bytes.
    assert len(thumbs) == 20 - 2
    assert thumbs[0] == ("/-/archive/images/17/thumb", "Cầu Đồng Văn")
    assert thumbs[1] == ("/-/archive/images/16/thumb", "Ảnh số 21")
    assert thumbs[-1] == (f"/-/archive/images/{small}", "Ảnh số 3")
    assert 'width="40" height="30" loading="lazy"' in html
    full = asyncio.run(ds.client.get(thumbs[-1][0]))
    assert full.headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(full.content)).size == (40, 30)


def test_unextracted_pages_lists_the_newest_misses_without_an_article(get: Any) -> None:
    rows = get("/archive/unextracted_pages.json?_shape=array").json()
    kind = {"page_kind": "other", "kind_reason": "no article, few dated links"}
    assert rows == [
        {"url": "http://127.0.0.1/Lists/Posts/Post.aspx?ID=10",
         "fetched_at": "2024-05-01T00:00:00+00:00", "reason": "extractor_error", **kind},
        {"url": MISSED, "fetched_at": "2024-05-01T00:00:00+00:00", "reason": "unextracted",
         **kind},
    ]  # fmt: skip
    assert get("/archive/unextracted_pages.json?_shape=array&portal=demo").json() == rows
    assert get("/archive/unextracted_pages.json?_shape=array&portal=khac").json() == []
    assert MISSED in get("/archive/unextracted_pages").text


def test_article_page_and_json_carry_the_credited_source(get: Any) -> None:
    assert "Theo / credited to: Báo Hà Nam" in get("/archive/articles/1").text
    assert "credited to" not in get("/archive/articles/2").text
    rows = get("/archive/articles.json?_col=source&_shape=array&_sort=id").json()
    assert [r["source"] for r in rows[:2]] == ["Báo Hà Nam", ""]


def test_the_front_page_is_search_first_with_newest_articles_and_portals(server: str) -> None:
    with urllib.request.urlopen(server + "/", timeout=10) as response:
        page = response.read().decode("utf-8")
    assert '<form class="search" action="/archive/search"' in page and 'name="q"' in page
    # The newest article first, linked to its page, dated one way, with its thumbnail.
    newest = page.index('href="/archive/articles/1"')
    assert newest < page.index("Tin số 29 về nông thôn mới")
    assert '<time datetime="2024-04-30T09:15:00+07:00">30/04/2024 09:15</time>' in page
    assert 'src="/-/archive/images/1' in page
    assert '<a href="/archive/articles?portal_id=demo">Cổng Demo</a>' in page
    assert '<td class="count">30</td>' in page
    # Datasette's own index and the database page are still there.
    with urllib.request.urlopen(server + "/.json", timeout=10) as response:
        assert "archive" in json.loads(response.read())


def test_internal_tables_are_hidden_from_the_listing_but_reachable(get: Any) -> None:
    page = get("/archive").text
    for table in ("captures", "fetches", "_sqlite_migrations", "warc_imports", "warc_payloads"):
        assert f'href="/archive/{table}"' not in page
        assert get(f"/archive/{table}.json").status_code == 200
    assert 'href="/archive/articles"' in page


def test_search_results_show_relevance_and_keep_the_url_for_json_only(get: Any) -> None:
    rows = get("/archive/search.json?q=nong+thon&_shape=array").json()
    relevance = [r["relevance"] for r in rows]
    assert len(rows) > 3 and max(relevance) == 1.0
    assert all(0 < value <= 1 for value in relevance)  # bm25 relative to the best, never 0.0
    assert all(r["url"].startswith("http://127.0.0.1/") for r in rows)
    page = get("/archive/search?q=nong+thon").text
    assert ".query-search .col-url, .query-search .col-exact_matches { display: none; }" in page
    assert '<time datetime="2024-03-29">29/03/2024</time>' in page


def test_dates_show_one_way_in_lists_and_on_the_article_page(get: Any) -> None:
    listing = get("/archive/articles").text
    assert '<time datetime="2024-04-30T09:15:00+07:00">30/04/2024 09:15</time>' in listing
    assert "2024-03-29</td>" not in listing
    article = get("/archive/articles/1").text
    assert ">30/04/2024 09:15</time>" in article
    json_rows = get("/archive/articles.json?_shape=array").json()
    assert json_rows[0]["published"] == "2024-04-30T09:15:00+07:00"  # JSON keeps ISO
