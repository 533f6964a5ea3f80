"""Issue 13: the pure tagger (people and positions, organisations, places of both eras) and
its measured quality on our golden set, with the floors the issue sets."""

from __future__ import annotations

from pathlib import Path

import pytest

from portal_archive.enrich.quality import evaluate, load_golden
from portal_archive.enrich.tagger import ORGANISATION, PERSON, PLACE, Tagger

GOLDEN = Path(__file__).parent.parent / "entities" / "golden.jsonl"


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def by_kind(found: list, kind: str) -> dict:
    return {f.name: f for f in found if f.kind == kind}


def test_person_and_position_are_kept_apart(tagger: Tagger) -> None:
    found = tagger.tag(
        "Sáng nay, đồng chí Nguyễn Văn A, Phó Chủ tịch UBND tỉnh đã làm việc tại xã Tiên Ngoại.",
        "Hà Nam",
        "2024-03-01",
    )
    people = by_kind(found, PERSON)
    assert list(people) == ["Nguyễn Văn A"]
    assert people["Nguyễn Văn A"].positions == ["Phó Chủ tịch UBND tỉnh"]


def test_position_before_the_name(tagger: Tagger) -> None:
    found = tagger.tag("Chủ tịch UBND tỉnh Hà Nam Trần Đức Mạnh thăm phường Quang Trung.", "Hà Nam")
    assert by_kind(found, PERSON)["Trần Đức Mạnh"].positions == ["Chủ tịch UBND tỉnh Hà Nam"]
    assert "UBND tỉnh Hà Nam" in by_kind(found, ORGANISATION)


def test_places_resolve_to_units_of_the_articles_era(tagger: Tagger) -> None:
    old = by_kind(tagger.tag("Xã Trác Văn, thị xã Duy Tiên", "Hà Nam", "2024-05-01"), PLACE)
    assert old["Xã Trác Văn"].unit.code == "13351"
    assert old["Xã Trác Văn"].unit.successors[0] == "13324"  # phường Duy Tiên, Ninh Bình
    assert old["Thị xã Duy Tiên"].level == "district"
    new = by_kind(tagger.tag("phường Duy Tiên, tỉnh Ninh Bình", "Hà Nam", "2025-09-01"), PLACE)
    assert new["Phường Duy Tiên"].unit.era == "2025"
    assert new["Phường Duy Tiên"].unit.province == "Ninh Bình"


def test_ambiguous_commune_resolved_in_the_portals_province(tagger: Tagger) -> None:
    # "Thanh Sơn" is a commune of twelve provinces.
    text = "Người dân xã Thanh Sơn hiến đất làm đường."
    assert (
        by_kind(tagger.tag(text, "Hà Nam", "2024-03-01"), PLACE)["Xã Thanh Sơn"].unit.province
        == "Hà Nam"
    )
    other = by_kind(tagger.tag(text, "Phú Thọ", "2024-03-01"), PLACE)
    assert all(f.unit is None or f.unit.province == "Phú Thọ" for f in other.values())


def test_diacritics_tell_names_apart(tagger: Tagger) -> None:
    # The invented "Vân Khê" must not become a real "Văn Khê".
    found = tagger.tag("Đảng ủy xã Vân Khê họp.", "Tỉnh mẫu", "2024-01-01")
    assert all(f.unit is None for f in found if f.kind == PLACE)


def test_street_and_school_names_are_not_people(tagger: Tagger) -> None:
    found = tagger.tag("Trường THCS Nguyễn Khuyến ở phường Lê Hồng Phong khai giảng.", "Hà Nam")
    assert not by_kind(found, PERSON)


def test_golden_floors(tagger: Tagger) -> None:
    records = load_golden(GOLDEN)
    assert len(records) >= 60
    report = evaluate(records, tagger)
    places, people = report.scores[PLACE], report.scores[PERSON]
    assert places.precision >= 0.95, places.extras
    assert places.recall >= 0.9, places.misses
    assert people.precision >= 0.9, people.extras
    # Every annotated commune that names its province was resolved within it.
    assert report.resolved_total >= 30
    assert report.resolved_right == report.resolved_total, report.resolution_errors
