"""The archive's side of entity tagging (issue 13): which articles wait to be tagged, and the
writes of one article's entities. The tagging itself is `portal_archive.enrich` (pure); this
module takes plain records so that the archive imports nothing of it."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from portal_archive.archive.schema import ENTITY_FACET_COLUMNS
from portal_archive.archive.textnorm import vi_fold

if TYPE_CHECKING:
    from portal_archive.archive.store import Archive

LEVEL_ORDER = {"commune": 0, "district": 1, "province": 2}


class EntityRecord(TypedDict):
    """One entity of one article. `key` is its identity across articles."""

    key: str
    kind: str  # person, organisation, place
    name: str
    short_name: str
    level: str | None
    admin_code: str | None
    era: str | None
    province: str | None
    district: str | None
    lat: float | None
    lon: float | None
    successors: list[str]
    mentions: int
    positions: list[str]
    positions_expanded: list[str]  # each position's abbreviations spelled out; "" if none


class PendingArticle(TypedDict):
    id: int
    text: str
    published: str | None
    province: str
    content_hash: str | None


def pending_articles(archive: Archive, everything: bool = False) -> Iterator[PendingArticle]:
    """Articles whose content was not tagged yet (new, or changed since): all of them when
    `everything`. Read in id order, in pages, so writes may go on between pages."""
    where = "1" if everything else "a.enriched_hash IS NULL OR a.enriched_hash != a.content_hash"
    last = 0
    while True:
        rows = archive.db.execute(
            f"""SELECT a.id, a.title, a.summary, a.body_text, a.published, a.content_hash,
                  coalesce(p.province, ''),
                  (SELECT group_concat(i.caption, char(10)) FROM article_images i
                   WHERE i.article_id = a.id AND i.caption != '') FROM articles a
                LEFT JOIN portals p ON p.id = a.portal_id
                WHERE a.id > ? AND ({where}) ORDER BY a.id LIMIT 200""",
            [last],
        ).fetchall()
        if not rows:
            return
        for id_, title, summary, body, published, digest, province, captions in rows:
            # The lead and the photos' captions name people and places too.
            text = "\n".join(part for part in (title, summary, body, captions) if part)
            yield PendingArticle(
                id=id_, text=text, published=published, province=province, content_hash=digest
            )
            last = id_


def _entity_id(archive: Archive, record: EntityRecord) -> int:
    row = archive.db.execute("SELECT id FROM entities WHERE key = ?", [record["key"]]).fetchone()
    if row:
        return int(row[0])
    successors = record["successors"]
    entity = {
        "key": record["key"],
        "kind": record["kind"],
        "name": record["name"],
        "normalized": vi_fold(record["name"]),
        "short_name": vi_fold(record["short_name"]),
        "admin_code": record["admin_code"],
        "level": record["level"],
        "era": record["era"],
        "province": record["province"],
        "district": record["district"],
        "lat": record["lat"],
        "lon": record["lon"],
        "successor_code": successors[0] if successors else None,
        "successors": json.dumps(successors) if successors else None,
    }
    return int(archive.db.table("entities").insert(entity).last_rowid or 0)


def _facets(records: Sequence[EntityRecord]) -> dict[str, str | None]:
    """The articles row's facet columns: JSON arrays of names, most mentioned first."""
    lists: dict[str, list[str]] = {column: [] for column in ENTITY_FACET_COLUMNS}
    for r in sorted(records, key=lambda r: -r["mentions"]):
        kind, level, era = r["kind"], r["level"], r["era"]
        if kind == "person":
            lists["people"].append(r["name"])
        elif kind == "organisation":
            lists["organisations"].append(r["name"])
        else:
            lists["places"].append(r["name"])
            if level == "province":
                lists["provinces_2025" if era == "2025" else "provinces"].append(r["short_name"])
            if level == "district":
                lists["districts"].append(r["name"])
            if r["province"] and level in ("district", "commune"):
                target = "provinces_2025" if era == "2025" else "provinces"
                if r["province"] not in lists[target]:
                    lists[target].append(r["province"])
    return {k: json.dumps(list(dict.fromkeys(v)), ensure_ascii=False) if v else None
            for k, v in lists.items()}  # fmt: skip


def most_specific_place(records: Sequence[EntityRecord]) -> EntityRecord | None:
    """The place an article is mapped at: the lowest level with coordinates, most mentioned."""
    placed = [r for r in records if r["kind"] == "place" and r["lat"] is not None and r["level"]]
    if not placed:
        return None
    return min(placed, key=lambda r: (LEVEL_ORDER.get(r["level"] or "", 9), -r["mentions"]))


def store_article_entities(
    archive: Archive,
    article_id: int,
    records: Sequence[EntityRecord],
    content_hash: str | None,
    successors: Sequence[EntityRecord] = (),
) -> None:
    """Replace one article's entities (and its facet columns and map place). `successors`: the
    2025 units of the old units it names, kept as entities so that searches for the new names
    find the article."""
    with archive.db.atomic():
        archive.db.execute("DELETE FROM article_entities WHERE article_id = ?", [article_id])
        archive.db.execute("DELETE FROM entity_positions WHERE article_id = ?", [article_id])
        ids: dict[str, int] = {}
        for record in records:
            ids[record["key"]] = entity_id = _entity_id(archive, record)
            archive.db.execute(
                "INSERT INTO article_entities (article_id, entity_id, mentions) VALUES (?, ?, ?)"
                " ON CONFLICT DO UPDATE SET mentions = mentions + excluded.mentions",
                [article_id, entity_id, record["mentions"]],
            )
            expanded = record.get("positions_expanded") or []
            for k, position in enumerate(record["positions"]):
                archive.db.execute(
                    "INSERT OR IGNORE INTO entity_positions"
                    " (article_id, entity_id, position, position_expanded) VALUES (?, ?, ?, ?)",
                    [article_id, entity_id, position, (expanded[k : k + 1] or [""])[0] or None],
                )
        for record in successors:
            _entity_id(archive, record)
        place = most_specific_place(records)
        changes: dict[str, Any] = {
            **_facets(records),
            "place_entity_id": ids[place["key"]] if place else None,
            "enriched_hash": content_hash or "",
        }
        archive.db.table("articles").update(article_id, changes)
