"""Every date the archive shows, one way: dd/mm/yyyy, with the time when there is one."""

from __future__ import annotations

import pytest

from portal_archive.web.common import display_date


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2024-04-30T09:15:00+07:00", "30/04/2024 09:15"),
        ("2024-04-30T09:15:00", "30/04/2024 09:15"),
        ("2024-04-30 09:15:00+00:00", "30/04/2024 09:15"),
        ("2024-03-02", "02/03/2024"),
        ("2024-03", "2024-03"),  # a month is not a date: shown as it is
        ("hôm qua", "hôm qua"),
        ("", ""),
        (None, ""),
    ],
)
def test_display_date(value: str | None, shown: str) -> None:
    assert display_date(value) == shown
