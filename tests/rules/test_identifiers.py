"""I: internship, tracks and mission kind — forgiving matching, calendar eligibility."""

from __future__ import annotations

from typing import Any

import pytest

from tests.offer_factory import check_text, codes, offer_text

CASES: list[tuple[str, dict[str, Any], set[tuple[str, str | None]]]] = [
    ("thematique", {"offer__internship": "Thématique"}, set()),
    ("projet_collectif", {"offer__internship": "projets-collectifs"}, set()),
    ("thematique", {"offer__tracks": ["Administrateurs"]}, set()),
    ("thematique", {"offer__internship": "thematiqe"}, {("I001", "offer.internship")}),
    ("thematique", {"offer__tracks": ["archivistes"]}, {("I002", "offer.tracks")}),
    ("thematique", {"offer__tracks": ["ingenieurs"]}, {("I003", "offer.tracks")}),
    (
        "perfectionnement",
        {"offer__tracks": ["administrateurs"]},
        {("I003", "offer.tracks")},
    ),
    ("ouverture", {"offer__tracks": ["ingenieurs"]}, {("I003", "offer.tracks")}),
    ("professionnalisation", {"offer__mission_kind": "Renfort managérial"}, set()),
    (
        "professionnalisation",
        {"offer__mission_kind": "renfort"},
        {("I004", "offer.mission_kind")},
    ),
    (
        "thematique",
        {"offer__mission_kind": "pilotage_projet"},
        {("I005", "offer.mission_kind")},
    ),
    # « Il peut s'agir d'un stage de pré-prise de poste en cas de recrutement. »
    ("perfectionnement", {"offer__mission_kind": "pre_prise_de_poste"}, set()),
    ("perfectionnement", {"offer__mission_kind": "Pré-prise de poste"}, set()),
    (
        "perfectionnement",
        {"offer__mission_kind": "renfort_managerial"},
        {("I005", "offer.mission_kind")},
    ),
    ("professionnalisation", {"offer__mission_kind": "pre_prise_de_poste"}, set()),
    (
        "observation",
        {"offer__mission_kind": "pre_prise_de_poste"},
        {("I005", "offer.mission_kind")},
    ),
]


@pytest.mark.parametrize(("internship", "changes", "expected"), CASES)
def test_identifier_rules(
    internship: str, changes: dict[str, Any], expected: set[tuple[str, str | None]]
) -> None:
    assert codes(internship, **changes) == expected


def test_unknown_internship_suggests_and_lists() -> None:
    (found,) = check_text(offer_text(offer__internship="thematiqe"))
    assert "Vouliez-vous dire « thematique » ?" in found.message
    assert "professionnalisation" in found.message


def test_patrimoine_gets_the_inp_explanation() -> None:
    (found,) = check_text(offer_text(offer__tracks=["conservateurs du patrimoine"]))
    assert found.code == "I002"
    assert "INP" in found.message


def test_track_without_internship_names_the_tracks_that_have_it() -> None:
    (found,) = check_text(offer_text(offer__tracks=["ingenieurs"]))
    assert "pour la filière Ingénieurs" in found.message
    assert "concernées : Administrateurs, Conservateurs" in found.message


def test_missing_tracks_is_required_except_for_projets_collectifs() -> None:
    from tests.offer_factory import DELETE

    assert codes(offer__tracks=DELETE) == {("S001", "offer.tracks")}
    assert codes("projet_collectif", offer__tracks=DELETE) == set()
