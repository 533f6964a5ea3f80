"""Issue 13's Datasette face: SQL functions the entity queries use (`vi_place_name`,
`vi_place_level`: a place typed with or without its type word, "phường Duy Tiên")."""

from __future__ import annotations

import sqlite3

from portal_archive.archive.textnorm import vi_fold
from portal_archive.web.common import hookimpl

_TYPES = (
    ("thi tran ", "commune"),
    ("thi xa ", "district"),
    ("thanh pho ", ""),
    ("xa ", "commune"),
    ("phuong ", "commune"),
    ("huyen ", "district"),
    ("quan ", "district"),
    ("tinh ", "province"),
)


def place_name(query: str | None) -> str:
    """The folded name of a place typed by a person, without its type word."""
    folded = " ".join(vi_fold(query).split())
    for prefix, _ in _TYPES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


def place_level(query: str | None) -> str:
    """The level its type word names ("" when none, or "thành phố")."""
    folded = " ".join(vi_fold(query).split())
    return next((level for prefix, level in _TYPES if folded.startswith(prefix)), "")


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("vi_place_name", 1, place_name, deterministic=True)
    conn.create_function("vi_place_level", 1, place_level, deterministic=True)
