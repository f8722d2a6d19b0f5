"""``parse_day``: the days ``--today`` accepts, ISO or in the French order."""

from __future__ import annotations

from datetime import date

import pytest

from inet_stages.text.frdates import parse_day


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-11-28", (date(2026, 11, 28), False)),
        (" 28/11/2026 ", (date(2026, 11, 28), True)),
        ("1.2.2027", (date(2027, 2, 1), True)),
        ("28-11-2026", (date(2026, 11, 28), True)),
    ],
)
def test_days_read(typed: str, expected: tuple[date, bool]) -> None:
    assert parse_day(typed) == expected


@pytest.mark.parametrize("typed", ["2026-02-30", "30/02/2026", "demain", "28/11/26", ""])
def test_days_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_day(typed)
