"""Tag archived articles with their entities (issue 13): `portal-archive enrich` and the step
after every crawl. Reads and writes through `archive`, tags with `enrich` (pure); never Scrapy."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from portal_archive.archive import Archive
from portal_archive.archive.entities import (
    EntityRecord,
    pending_articles,
    store_article_entities,
)
from portal_archive.enrich.gazetteer import AdminUnit, Gazetteer
from portal_archive.enrich.tagger import Found, Tagger, expand_position


@dataclass
class EnrichResult:
    articles: int = 0
    entities: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        per = self.seconds / self.articles * 1000 if self.articles else 0.0
        return (
            f"enriched {self.articles} articles: {self.entities} entity mentions, "
            f"{self.seconds:.1f} s ({per:.1f} ms an article)"
        )


def unit_record(unit: AdminUnit, mentions: int = 0) -> EntityRecord:
    return EntityRecord(
        key=f"place:{unit.key}",
        kind="place",
        name=unit.name,
        short_name=unit.short,
        level=unit.level,
        admin_code=unit.code,
        era=unit.era,
        province=unit.province,
        district=unit.district or None,
        lat=unit.lat,
        lon=unit.lon,
        successors=list(unit.successors),
        mentions=mentions,
        positions=[],
        positions_expanded=[],
    )


def entity_record(found: Found) -> EntityRecord:
    if found.unit is not None:
        return unit_record(found.unit, found.mentions)
    return EntityRecord(
        key=found.key,
        kind=found.kind,
        name=found.name,
        short_name=found.short,
        level=found.level,
        admin_code=None,
        era=None,
        province=None,
        district=None,
        lat=None,
        lon=None,
        successors=[],
        mentions=found.mentions,
        positions=list(found.positions),
        positions_expanded=[expand_position(p) for p in found.positions],
    )


def successor_records(gaz: Gazetteer, found: list[Found]) -> list[EntityRecord]:
    """The 2025 units that the old units of `found` became."""
    out: list[EntityRecord] = []
    for item in found:
        for code in item.unit.successors if item.unit else ():
            unit = gaz.new_unit(code)
            if unit is not None:
                out.append(unit_record(unit))
    return out


def enrich_archive(
    db_path: str | Path, everything: bool = False, tagger: Tagger | None = None
) -> EnrichResult:
    """Tag the articles of the archive at `db_path` that are new or changed since they were
    last tagged (every article when `everything`)."""
    started = time.perf_counter()
    result = EnrichResult()
    archive = Archive.open_existing(db_path)
    try:
        pending = list(pending_articles(archive, everything))
        if not pending:
            return result
        tagger = tagger or Tagger()
        for article in pending:
            found = tagger.tag(article["text"], article["province"], article["published"])
            records = [entity_record(f) for f in found]
            store_article_entities(
                archive,
                article["id"],
                records,
                article["content_hash"],
                successor_records(tagger.gaz, found),
            )
            result.articles += 1
            result.entities += len(records)
    finally:
        archive.close()
        result.seconds = time.perf_counter() - started
    return result
