"""Counts and numbers written the French way."""

from __future__ import annotations

import pytest

from inet_stages.text.frdates import format_number, plural
from inet_stages.text.frtypo import NBSP, typeset


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


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (0, "0"),
        (999, "999"),
        (1000, f"1{NBSP}000"),
        (40000, f"40{NBSP}000"),
        (131072, f"131{NBSP}072"),
        (20_000_000, f"20{NBSP}000{NBSP}000"),
        (-1234, f"-1{NBSP}234"),
    ],
)
def test_format_number_groups_thousands_with_a_non_breaking_space(
    number: int, expected: str
) -> None:
    assert format_number(number) == expected


@pytest.mark.parametrize("number", [7, 1000, 40000, 131072, 41_943_040, 1_000_000])
def test_format_number_is_what_typeset_makes_of_a_plain_space(number: int) -> None:
    # Every place that grouped with a plain space was typeset before it was shown:
    # the one grouping gives those places the bytes they already printed.
    plain = f"plus de {number:,} octets".replace(",", " ")
    assert typeset(plain) == f"plus de {format_number(number)} octets"
    assert typeset(format_number(number)) == format_number(number)
