"""Scoring the tagger against an annotated golden set (`tests/entities/golden.jsonl`).

Per paragraph, the set of entities found is compared with the set annotated: people and
organisations by their folded names, places by level and folded name without the type word
(a unit that changed type, "huyện" to "thị xã", is the same place). Positions are scored on
the people found, and ambiguous communes on the province they were resolved in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from portal_archive.archive.textnorm import vi_fold
from portal_archive.enrich.tagger import ORGANISATION, PERSON, PLACE, Found, Tagger


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0


@dataclass
class Report:
    scores: dict[str, Score]
    positions_right: int = 0
    positions_total: int = 0
    resolved_right: int = 0
    resolved_total: int = 0
    resolution_errors: list[str] = field(default_factory=list)
    # places by level (None: villages, landmarks, countries): (found, wanted)
    place_levels: dict[str | None, tuple[int, int]] = field(default_factory=dict)


def load_golden(path: str | Path) -> list[dict[str, Any]]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _place_key(level: str | None, name: str) -> str:
    """Level and folded name; apostrophes do not count ("Đắk R'lấp", "Đắk R’lấp", "Đắk
    Rlấp" are one district)."""
    return f"{level or ''}:{fold_name(name)}"


def fold_name(name: str) -> str:
    return vi_fold(name).replace("ð", "d").replace("'", "").replace("’", "")


def _name_key(name: str) -> str:
    """People and organisations: folded, dashes and "&" the same however spaced ("Sở Lao
    động – TB&XH", "Sở Lao động-TB & XH")."""
    folded = vi_fold(name).replace("–", "-").replace("—", "-")
    return re.sub(r"\s*([-&])\s*", r"\1", folded)


def _keys(found: Iterable[Found]) -> dict[str, dict[str, Found]]:
    keys: dict[str, dict[str, Found]] = {PERSON: {}, ORGANISATION: {}, PLACE: {}}
    for item in found:
        key = _place_key(item.level, item.short) if item.kind == PLACE else _name_key(item.name)
        keys[item.kind][key] = item
    return keys


def evaluate(records: Iterable[dict[str, Any]], tagger: Tagger) -> Report:
    report = Report({kind: Score() for kind in (PERSON, ORGANISATION, PLACE)})
    for record in records:
        found = _keys(tagger.tag(record["text"], record["province"], record["published"]))
        wanted = {
            PERSON: {_name_key(p["name"]): p for p in record["people"]},
            ORGANISATION: {_name_key(o): o for o in record["organisations"]},
            PLACE: {_place_key(p["level"], p["name"]): p for p in record["places"]},
        }
        for kind, score in report.scores.items():
            got, want = set(found[kind]), set(wanted[kind])
            score.true_positive += len(got & want)
            score.false_positive += len(got - want)
            score.false_negative += len(want - got)
            score.extras += [f"{record['id']}: {k}" for k in sorted(got - want)]
            score.misses += [f"{record['id']}: {k}" for k in sorted(want - got)]
        for key, place in wanted[PLACE].items():
            right, total = report.place_levels.get(place["level"], (0, 0))
            report.place_levels[place["level"]] = (right + (key in found[PLACE]), total + 1)
        for key, person in wanted[PERSON].items():
            if key in found[PERSON]:
                report.positions_total += 1
                got_positions = [_name_key(p) for p in found[PERSON][key].positions]
                if _name_key(person["position"]) in got_positions or (
                    not person["position"] and not got_positions
                ):
                    report.positions_right += 1
        for key, place in wanted[PLACE].items():
            if "province" not in place:
                continue
            report.resolved_total += 1
            unit = found[PLACE][key].unit if key in found[PLACE] else None
            if unit is not None and unit.province == place["province"]:
                report.resolved_right += 1
            else:
                where = unit.province if unit else "unresolved"
                report.resolution_errors.append(f"{record['id']}: {key} -> {where}")
    return report
