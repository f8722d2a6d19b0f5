"""P: projets collectifs — population threshold, the fee, the inter-filières team."""

from __future__ import annotations

from typing import Any

import pytest
import tomli

from inet_stages.offer.reader import read_document
from tests.offer_factory import CALENDAR, DELETE, check_text, codes, offer_text

CASES: list[tuple[str, str, dict[str, Any], set[tuple[str, str | None]]]] = [
    ("40 001 inhabitants", "projet_collectif", {"host__population": 40001}, set()),
    (
        "40 000 inhabitants",
        "projet_collectif",
        {"host__population": 40000},
        {("P002", "host.population")},
    ),
    (
        "39 999 inhabitants",
        "projet_collectif",
        {"host__population": 39999},
        {("P002", "host.population")},
    ),
    (
        "population missing",
        "projet_collectif",
        {"host__population": DELETE},
        {("P001", "host.population")},
    ),
    ("population optional elsewhere", "thematique", {"host__population": DELETE}, set()),
    ("small town elsewhere", "thematique", {"host__population": 3000}, set()),
    (
        "fee refused",
        "projet_collectif",
        {"collective_project__fee_accepted": False},
        {("P003", "collective_project.fee_accepted")},
    ),
    (
        "no [collective_project] table",
        "projet_collectif",
        {"collective_project__fee_accepted": DELETE},
        {("P003", "collective_project.fee_accepted")},
    ),
    (
        "fee not a boolean",
        "projet_collectif",
        {"collective_project__fee_accepted": "si possible"},
        {("S002", "collective_project.fee_accepted")},
    ),
    (
        "all three tracks given",
        "projet_collectif",
        {"offer__tracks": ["ingenieurs", "administrateurs", "conservateurs"]},
        set(),
    ),
    (
        "one track only",
        "projet_collectif",
        {"offer__tracks": ["administrateurs"]},
        {("P004", "offer.tracks")},
    ),
    (
        "collective table elsewhere",
        "thematique",
        {"collective_project__fee_accepted": True},
        {("P005", "collective_project")},
    ),
]


@pytest.mark.parametrize(
    ("internship", "changes", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_collective_rules(
    internship: str, changes: dict[str, Any], expected: set[tuple[str, str | None]]
) -> None:
    assert codes(internship, **changes) == expected


def test_empty_collective_table_is_a_missing_key_only() -> None:
    text = offer_text("projet_collectif", collective_project__fee_accepted=DELETE)
    found = check_text(text + "\n[collective_project]\n")
    assert {(f.code, f.field) for f in found} == {("S001", "collective_project.fee_accepted")}


def test_threshold_and_fee_come_from_the_calendar() -> None:
    (found,) = check_text(offer_text("projet_collectif", host__population=40000))
    assert "plus de 40\u00a0000 habitants" in found.message
    (fee,) = check_text(offer_text("projet_collectif", collective_project__fee_accepted=False))
    assert "4\u00a0000 €" in fee.message


def test_tracks_default_to_all_three() -> None:
    text = offer_text("projet_collectif")
    offer = read_document("x.toml", text, tomli.loads(text), CALENDAR).offer
    assert offer is not None
    assert offer.tracks == ("administrateurs", "conservateurs", "ingenieurs")
    assert offer.tracks_given is False
