"""Issue 13 end to end: enrich an archive, then facets, entity queries, the map view and the
merged-name place search over real HTTP; old and new names of a merged unit find the same
articles."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from portal_archive.archive import Archive
from portal_archive.enrichment import enrich_archive
from tests.e2e.local_server import serving_archive

TEXTS = {
    "old": ("2024-05-23", "Đoàn thanh niên xã Trác Văn, thị xã Duy Tiên ra quân tình nguyện hè."),
    "new": ("2025-09-02", "Phường Duy Tiên, tỉnh Ninh Bình tiếp nhận 500 hồ sơ trực tuyến."),
    "other": ("2024-06-01", "Ông Nguyễn Văn Khải, Phó Chủ tịch UBND tỉnh, thăm xã Thanh Sơn."),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = tmp_path_factory.mktemp("ent") / "a.db"
    archive = Archive(db)
    archive.upsert_portal("duytien", "Duy Tiên", "Hà Nam", "https://duytien.example/")
    for key, (published, body) in TEXTS.items():
        record = {"url": f"https://duytien.example/{key}", "title": key, "published": published,
                  "body_text": body, "body_html": f"<p>{body}</p>"}  # fmt: skip
        archive.store_article("duytien", record, datetime.now(UTC), None)  # type: ignore[arg-type]
    archive.close()
    assert enrich_archive(db).articles == 3
    assert enrich_archive(db).articles == 0  # nothing new: nothing tagged again
    with serving_archive(db) as url:
        yield url


def get(base: str, path: str) -> list[dict]:
    with urllib.request.urlopen(base + path, timeout=10) as response:
        data = json.loads(response.read())
    return data if isinstance(data, list) else data["rows"]


def search(base: str, q: str) -> list[dict]:
    return get(base, "/archive/place_search.json?_shape=array&q=" + urllib.parse.quote(q))


def test_old_and_new_names_of_a_merged_unit_find_the_same_articles(base: str) -> None:
    old = search(base, "xã Trác Văn")
    new = search(base, "phường Duy Tiên")
    assert {r["title"] for r in old} == {r["title"] for r in new} == {"old", "new"}
    assert "Xã Trác Văn" in new[0]["merged"] and "→ 2025: Phường Duy Tiên" in old[0]["merged"]
    assert {r["title"] for r in search(base, "trac van")} == {"old", "new"}


def test_facets_entities_and_map(base: str) -> None:
    facets = get(base, "/archive/articles.json?_facet_array=people&_facet_array=provinces")
    assert facets  # rows
    with urllib.request.urlopen(
        base + "/archive/articles.json?_facet_array=people&_size=0", timeout=10
    ) as response:
        people = json.loads(response.read())["facet_results"]["people"]["results"]
    assert [p["value"] for p in people] == ["Nguyễn Văn Khải"]
    person = get(base, "/archive/entities.json?_shape=array&kind=person")[0]
    articles = get(base, f"/archive/entity_articles.json?_shape=array&id={person['id']}")
    assert articles[0]["title"] == "other" and "Phó Chủ tịch UBND tỉnh" in articles[0]["positions"]
    others = get(base, f"/archive/entity_comentions.json?_shape=array&id={person['id']}")
    assert "Xã Thanh Sơn" in {o["name"] for o in others}
    mapped = get(base, "/archive/article_map.json?_shape=array")
    assert {m["place"] for m in mapped} >= {"Xã Trác Văn", "Phường Duy Tiên", "Xã Thanh Sơn"}
    assert all(m["latitude"] and m["longitude"] for m in mapped)
