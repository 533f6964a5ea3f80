"""Issue 21: the structures real portal news has that our first golden set did not, each in a
sentence of our own (invented people; real unit names, which are facts), and the enrichment
step's captions and expanded positions on a real archive."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from portal_archive.archive import Archive
from portal_archive.enrich.tagger import ORGANISATION, PERSON, PLACE, Found, Tagger, expand_position
from portal_archive.enrichment import enrich_archive


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger()


def names(found: list[Found], kind: str) -> set[str]:
    return {f.short if kind == PLACE else f.name for f in found if f.kind == kind}


def test_one_type_word_heads_a_list(tagger: Tagger) -> None:
    found = tagger.tag(
        "Đoàn đã kiểm tra các huyện Đắk Mil, Cư Jút, Krông Nô và Đắk Song; 5 huyện, thị xã "
        "(Tuy Đức, Gia Nghĩa) báo cáo sau.",
        "Đắk Nông",
        "2019-04-02",
    )
    districts = {f.short for f in found if f.kind == PLACE and f.level == "district"}
    assert districts == {"Đắk Mil", "Cư Jút", "Krông Nô", "Đắk Song", "Tuy Đức", "Gia Nghĩa"}


def test_a_list_after_a_colon_keeps_names_the_data_lacks(tagger: Tagger) -> None:
    found = tagger.tag("Huyện có 3 xã: Quảng Phú, Đắk Rơ Ri và Nâm Nung.", "Đắk Nông", "2019-01-05")
    assert names(found, PLACE) >= {"Quảng Phú", "Đắk Rơ Ri", "Nâm Nung"}


def test_apostrophes_and_spellings_of_one_unit(tagger: Tagger) -> None:
    for written in ("huyện Đắk R'lấp", "huyện Đắk R’lấp", "huyện Đăk R'Lấp", "huyện Ðắk Rlấp"):
        found = tagger.tag(f"Người dân {written} thu hoạch cà phê.", "Đắk Nông", "2019-11-02")
        places = [f for f in found if f.kind == PLACE]
        assert [p.unit.name for p in places if p.unit] == ["Huyện Đắk R'Lấp"], written
        assert not any(p.short.endswith(" R") for p in places)


def test_toneless_minority_names_resolve(tagger: Tagger) -> None:
    found = tagger.tag("Thanh tra huyện Cư Jut làm việc với xã Buôn Choah.", "", "2019-05-20")
    assert {f.unit.name for f in found if f.kind == PLACE and f.unit} == {
        "Huyện Cư Jút",
        "Xã Buôn Choáh",
    }


def test_bare_units_in_parentheses_and_addresses(tagger: Tagger) -> None:
    found = tagger.tag(
        "Bà Đinh Thị Lụa ở xã Đức Minh (Đắk Mil) gửi đơn về tranh chấp với ông Lã Văn Tới, "
        "địa chỉ: Quỳnh Thanh, Quỳnh Lưu, Nghệ An.",
        "",
        "2019-06-11",
    )
    places = {(f.level, f.short) for f in found if f.kind == PLACE}
    assert places >= {
        ("district", "Đắk Mil"),
        ("commune", "Quỳnh Thanh"),
        ("district", "Quỳnh Lưu"),
        ("province", "Nghệ An"),
    }


def test_minority_names_and_positions_after_a_dash(tagger: Tagger) -> None:
    found = tagger.tag(
        "Tiếp đoàn có các đồng chí: Lò Văn Páo - PBT Huyện ủy; K'Nhen – TUV Phó Chủ tịch HĐND "
        "tỉnh; ông Sáu - Phó Giám đốc Sở Tư pháp.",
        "Đắk Nông",
        "2019-07-01",
    )
    people = {f.name: f.positions for f in found if f.kind == PERSON}
    assert people == {
        "Lò Văn Páo": ["PBT Huyện ủy"],
        "K'Nhen": ["TUV Phó Chủ tịch HĐND tỉnh"],
        "Sáu": ["Phó Giám đốc Sở Tư pháp"],
    }
    assert expand_position("PBT Huyện ủy") == "Phó Bí thư Huyện ủy"


def test_title_lists_are_positions_not_organisations(tagger: Tagger) -> None:
    found = tagger.tag(
        "Đồng chí Trương Văn Hòa, UVTVTU, Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban MTTQ "
        "Việt Nam tỉnh dự hội nghị.",
        "Đắk Nông",
        "2019-03-03",
    )
    person = next(f for f in found if f.kind == PERSON)
    assert person.positions == [
        "UVTVTU, Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch Ủy ban MTTQ Việt Nam tỉnh"
    ]
    assert not any("," in name for name in names(found, ORGANISATION))


def test_deputies_keep_their_pho(tagger: Tagger) -> None:
    found = tagger.tag("Phó Chủ tịch UBND huyện Krông Nô Mai Văn Đức phát biểu.", "", "2019-02-02")
    assert next(f for f in found if f.kind == PERSON).positions == [
        "Phó Chủ tịch UBND huyện Krông Nô"
    ]


def test_organisation_boundaries(tagger: Tagger) -> None:
    found = tagger.tag(
        "Sở Kế hoạch & Đầu tư, Sở Văn hóa, Thể thao và Du lịch, Phòng Văn hóa, Thông tin huyện "
        "Krông Nô và Bộ trưởng Bộ Kế hoạch và Đầu tư Hà Văn Lâm dự họp theo Công văn số "
        "55/UBND-VP; cựu chiến binh Trường Sơn và Trường THCS Lê Quý Đôn cùng tham gia.",
        "Đắk Nông",
        "2019-05-05",
    )
    assert names(found, ORGANISATION) == {
        "Sở Kế hoạch & Đầu tư",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Phòng Văn hóa, Thông tin huyện Krông Nô",
        "Bộ Kế hoạch và Đầu tư",
        "Trường THCS Lê Quý Đôn",
    }
    assert names(found, PERSON) == {"Hà Văn Lâm"}


def test_years_of_the_cycle_are_not_people(tagger: Tagger) -> None:
    found = tagger.tag("Dịp xuân Đinh Dậu, gia đình ông Vi Văn Lợi đón con trở về.", "", None)
    assert names(found, PERSON) == {"Vi Văn Lợi"}


def test_captions_are_tagged_and_positions_expanded(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    archive = Archive(db)
    archive.upsert_portal("krongno", "Krông Nô", "Đắk Nông", "https://krongno.example/")
    body = "Ông Lương Văn Tấn - PCT UBND huyện kiểm tra công tác phòng chống dịch."
    record = {
        "url": "https://krongno.example/tin-1",
        "title": "Kiểm tra phòng chống dịch",
        "published": "2019-06-01",
        "body_text": body,
        "body_html": f"<p>{body}</p>",
        "images": [
            {
                "url": "https://krongno.example/a.jpg",
                "caption": "Cán bộ thú y xã Nam Đà phun thuốc",
                "alt": "",
            }
        ],
    }
    archive.store_article("krongno", record, datetime.now(UTC), None)  # type: ignore[arg-type]
    archive.close()
    assert enrich_archive(db).articles == 1
    archive = Archive.open_existing(db)
    try:
        places = [r[0] for r in archive.db.execute(
            "SELECT e.name FROM entities e JOIN article_entities ae ON ae.entity_id = e.id"
            " WHERE e.kind = 'place'"
        )]  # fmt: skip
        assert "Xã Nam Đà" in places  # named only in the photo's caption
        positions = archive.db.execute(
            "SELECT position, position_expanded FROM entity_positions"
        ).fetchall()
        assert positions == [("PCT UBND huyện", "Phó Chủ tịch Ủy ban nhân dân huyện")]
    finally:
        archive.close()


def test_organisation_heads_written_short(tagger: Tagger) -> None:
    found = tagger.tag("Đoàn ĐBQH tỉnh tiếp xúc cử tri xã Nâm N'Jang.", "Đắk Nông", "2019-05-01")
    assert names(found, ORGANISATION) == {"Đoàn ĐBQH tỉnh"}
    assert expand_position("Trưởng Đoàn ĐBQH tỉnh") == "Trưởng Đoàn Đại biểu Quốc hội tỉnh"


def test_real_text_annotations_reference_paragraphs_and_copy_no_text() -> None:
    """bench/entities_real.jsonl names paragraphs of the development portals and the entities
    in them; the text itself is read from the exported sites at run time, never kept here."""
    path = Path(__file__).parent.parent.parent / "bench" / "entities_real.jsonl"
    notes = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(notes) >= 80 and len({n["site"] for n in notes}) >= 3
    for note in notes:
        assert set(note) <= {"id", "site", "page", "paragraph", "begins", "entities", "part"}
        assert len(note["begins"].split()) <= 5
        assert {e["kind"] for e in note["entities"]} <= {PERSON, ORGANISATION, PLACE}
