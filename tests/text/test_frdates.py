"""Counts written the French way."""

from __future__ import annotations

import pytest

from inet_stages.text.frdates import plural


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "brouillon", "0 brouillon"),
        (1, "brouillon", "1 brouillon"),
        (2, "brouillon", "2 brouillons"),
        (3, "retenue sous réserve", "3 retenues sous réserve"),
        (2, "non retenue", "2 non retenues"),
        (2, "non classé", "2 non classés"),
        (4, "à compléter", "4 à compléter"),
    ],
)
def test_plural_from_two_on(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected
