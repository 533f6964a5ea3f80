"""Vietnam's administrative units before and after the 2025 reform, from the data that the
`vietnamadminunits` wheel ships (its SQLite file and its 2025 conversion table, read directly:
nothing is fetched, and its address converter, which may ask a geocoder, is never called).

Pre-2025: 63 provinces, their districts and communes, with codes and coordinates. 2025: 34
provinces and their communes (districts were abolished), with codes and coordinates; each old
commune has the 2025 commune it became (the package's default where it was split), each old
province its 2025 province, each old district the 2025 communes its communes went into.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from portal_archive.archive.textnorm import vi_fold, vi_key

LEGACY = "pre2025"
NEW = "2025"

PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"
LEVELS = (PROVINCE, DISTRICT, COMMUNE)


@dataclass(frozen=True)
class AdminUnit:
    """One administrative unit of one era. `code` is the official code (a 2025 commune may
    reuse an old commune's code: `era` tells them apart)."""

    code: str
    era: str
    level: str
    name: str  # official, with its type word: "Xã Tiên Ngoại", "Thị xã Duy Tiên"
    short: str  # "Tiên Ngoại"
    province: str  # the province's short name ("Hà Nam")
    district: str  # pre-2025 communes: their district's short name; else ""
    lat: float | None
    lon: float | None
    successors: tuple[str, ...] = ()  # 2025 codes (pre-2025 units only); the first is the main

    @property
    def key(self) -> str:
        """Unique across eras and levels: "pre2025:commune:13324"."""
        return f"{self.era}:{self.level}:{self.code}"

    @property
    def folded(self) -> str:
        return vi_fold(self.short)


@dataclass
class Gazetteer:
    units: dict[str, AdminUnit] = field(default_factory=dict)  # by key
    # (level, folded short name) -> units of both eras
    by_name: dict[tuple[str, str], list[AdminUnit]] = field(default_factory=dict)
    # 2025 province short name (folded) -> the pre-2025 provinces merged into it, and back
    province_successor: dict[str, str] = field(default_factory=dict)  # old folded -> new folded

    def find(self, level: str, name: str) -> list[AdminUnit]:
        """Units of `level` named `name`, diacritics kept ("Vân Khê" is not "Văn Khê")."""
        return self.by_name.get((level, vi_key(name)), [])

    def unit(self, era: str, level: str, code: str) -> AdminUnit | None:
        return self.units.get(f"{era}:{level}:{code}")

    def new_unit(self, code: str) -> AdminUnit | None:
        """The 2025 unit of `code` (a commune, else a province)."""
        return self.unit(NEW, COMMUNE, code) or self.unit(NEW, PROVINCE, code)

    def names(self) -> set[str]:
        """Every unit's folded short name (to tell a place from a person's name)."""
        return {vi_fold(name) for _, name in self.by_name}


def _data(name: str) -> Any:
    return files("vietnamadminunits").joinpath("data", name)


def _rows(sql: str) -> list[dict[str, Any]]:
    path = str(_data("dataset.db"))
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return [dict(row) for row in conn.execute(sql)]
    finally:
        conn.close()


def _new_units(units: dict[str, AdminUnit]) -> dict[tuple[str, str], str]:
    """2025 provinces and communes; returns (provinceKey, wardKey) -> code for the mapping."""
    codes: dict[tuple[str, str], str] = {}
    for r in _rows("SELECT * FROM admin_units"):
        province = AdminUnit(
            r["provinceCode"], NEW, PROVINCE, r["province"], r["provinceShort"],
            r["provinceShort"], "", r["provinceLat"], r["provinceLon"],
        )  # fmt: skip
        units.setdefault(province.key, province)
        codes[(r["provinceKey"], "")] = r["provinceCode"]
        if r["wardCode"]:
            ward = AdminUnit(
                r["wardCode"], NEW, COMMUNE, r["ward"], r["wardShort"], r["provinceShort"], "",
                r["wardLat"], r["wardLon"],
            )  # fmt: skip
            units.setdefault(ward.key, ward)
            codes[(r["provinceKey"], r["wardKey"])] = r["wardCode"]
    return codes


def _successors(
    new_codes: dict[tuple[str, str], str],
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Old "province_district_ward" keys -> 2025 commune codes (default first); old province
    keys -> 2025 province codes."""
    data = json.loads(_data("converter_2025.json").read_text(encoding="utf-8"))
    wards: dict[str, list[str]] = defaultdict(list)
    provinces: dict[str, str] = {}
    for new_province, olds in data["DICT_PROVINCE"].items():
        for old in olds:
            provinces[old] = new_codes[(new_province, "")]
    for new_province, new_wards in data["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, olds in new_wards.items():
            code = new_codes.get((new_province, new_ward))
            for old in olds:
                if code:
                    wards[old].append(code)
    for new_province, divided in data["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, parts in divided.items():
            ranked = sorted(parts, key=lambda p: not p["isDefaultNewWard"])
            for part in ranked:
                code = new_codes.get((new_province, part["newWardKey"]))
                if code and code not in wards[old]:
                    wards[old].append(code)
    return wards, provinces


def _legacy_units(
    units: dict[str, AdminUnit], wards: dict[str, list[str]], provinces: dict[str, str]
) -> None:
    district_successors: dict[str, list[str]] = defaultdict(list)
    rows = _rows("SELECT * FROM admin_units_legacy")
    for r in rows:
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        successors = tuple(wards.get(old_key, ()))
        for code in successors:
            if code not in district_successors[r["districtCode"]]:
                district_successors[r["districtCode"]].append(code)
        if r["wardCode"]:
            ward = AdminUnit(
                r["wardCode"], LEGACY, COMMUNE, r["ward"], r["wardShort"], r["provinceShort"],
                r["districtShort"], r["wardLat"], r["wardLon"], successors,
            )  # fmt: skip
            units[ward.key] = ward
        province_successor = provinces.get(r["provinceKey"])
        province = AdminUnit(
            r["provinceCode"], LEGACY, PROVINCE, r["province"], r["provinceShort"],
            r["provinceShort"], "", r["provinceLat"], r["provinceLon"],
            (province_successor,) if province_successor else (),
        )  # fmt: skip
        units.setdefault(province.key, province)
    for r in rows:
        district = AdminUnit(
            r["districtCode"], LEGACY, DISTRICT, r["district"], r["districtShort"],
            r["provinceShort"], "", r["districtLat"], r["districtLon"],
            tuple(district_successors[r["districtCode"]]),
        )  # fmt: skip
        units.setdefault(district.key, district)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The units of both eras, loaded once (about 0.3 s)."""
    units: dict[str, AdminUnit] = {}
    new_codes = _new_units(units)
    wards, provinces = _successors(new_codes)
    _legacy_units(units, wards, provinces)
    found = Gazetteer(units=units)
    for unit in units.values():
        found.by_name.setdefault((unit.level, vi_key(unit.short)), []).append(unit)
        if unit.era == LEGACY and unit.level == PROVINCE and unit.successors:
            new = units.get(f"{NEW}:{PROVINCE}:{unit.successors[0]}")
            if new:
                found.province_successor[unit.folded] = new.folded
    return found
