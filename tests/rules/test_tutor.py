"""T: the observation tutor read from free text, and the tutor's address."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inet_stages.rules.tutor import dgs_verdict, is_dgs, is_library_director
from tests.offer_factory import check_text, codes, offer_text

DGS = [
    "DGS",
    "dgs",
    "D.G.S.",
    "Directeur général des services",
    "Directrice générale des services",
    "DIRECTRICE GENERALE DES SERVICES",
    "directeur general des services",
    "Directeur·rice général·e des services",
    "Directrice générale des services de la Ville de Colmar",
    "DGS de la communauté d'agglomération",
    "Directeur général des services départementaux",
]
NOT_DGS = [
    "Directeur général adjoint",
    "Directrice générale adjointe",
    "DGA",
    "DGS adjoint",
    "DGS adjointe",
    "directrice générale adjointe des services",
    "Directeur général adjoint des services",
    "Directeur général des services techniques",
    "Directeur de cabinet",
    "Directrice de la médiathèque",
    "Chargée de mission auprès du maire",
]
# Small communes (no DGS) and EPCI or établissements (« Directeur général »
# alone): accepted with a warning, to confirm.
DGS_TO_CONFIRM = [
    "Secrétaire générale de mairie",
    "Secrétaire général de mairie",
    "secrétaire général·e de mairie",
    "Secrétaire de mairie",
    "Directeur général",
    "Directrice générale",
    "Directeur général de la communauté de communes",
    "Directrice générale du SDIS",
]
LIBRARY_DIRECTOR = [
    "Directrice de la médiathèque",
    "Directeur de la médiathèque",
    "directeur des bibliothèques",
    "Directeur du réseau de lecture publique",
    "DIRECTRICE DE LA BIBLIOTHEQUE MUNICIPALE",
    "Conservatrice, directrice du réseau des médiathèques",
    "Directrice de la lecture publique",
    "Directrice de l'établissement",
    "Responsable de la médiathèque",
    "Directeur du réseau de lecture publique",
    "Responsable du réseau des bibliothèques",
    "Cheffe d'établissement",
]
NOT_LIBRARY_DIRECTOR = [
    "directeur adjoint de la médiathèque",
    "Directrice adjointe de la médiathèque",
    "Adjointe à la directrice de la bibliothèque",
    "Directrice générale des services",
    "Directeur des affaires culturelles",
    "Directrice de la culture",
    "Directeur du département culture",
    "DAC",
    "Responsable du secteur jeunesse de la médiathèque",
    "Adjoint au responsable de la médiathèque",
    "Directeur adjoint du réseau de lecture publique",
]
GENERAL_DIRECTION = [
    "Directrice générale des services",
    "DGS",
    "DGA",
    "Directeur général adjoint des services",
    "Directrice générale adjointe chargée des ressources",
    "Directeur général des services techniques",
    "Directeur général",
]
OUTSIDE_GENERAL_DIRECTION = [
    "Directrice de l'urbanisme",
    "Chargé de mission",
    "Directeur des finances",
    "Directrice de la médiathèque",
]


@pytest.mark.parametrize("position", DGS)
def test_dgs_variants(position: str) -> None:
    assert is_dgs(position)
    assert codes("observation", tutor__position=position) == set()


@pytest.mark.parametrize("position", NOT_DGS)
def test_not_dgs(position: str) -> None:
    assert not is_dgs(position)
    assert codes("observation", tutor__position=position) == {("T001", "tutor.position")}


@pytest.mark.parametrize("track", ["administrateurs", "ingenieurs"])
@pytest.mark.parametrize("position", DGS_TO_CONFIRM)
def test_dgs_to_confirm(position: str, track: str) -> None:
    assert dgs_verdict(position) == "confirm"
    changes: dict[str, Any] = {"offer__tracks": [track], "tutor__position": position}
    if track == "ingenieurs":
        changes["offer__submitted"] = date(2026, 1, 10)
    (found,) = check_text(offer_text("observation", **changes))
    assert (found.code, found.severity, found.field) == ("T004", "warning", "tutor.position")
    assert "à confirmer avec la coordination" in found.message


@pytest.mark.parametrize("position", GENERAL_DIRECTION)
def test_collective_tutor_of_the_general_direction(position: str) -> None:
    assert codes("projet_collectif", tutor__position=position) == set()


@pytest.mark.parametrize("position", OUTSIDE_GENERAL_DIRECTION)
def test_collective_tutor_outside_the_general_direction(position: str) -> None:
    (found,) = check_text(offer_text("projet_collectif", tutor__position=position))
    assert (found.code, found.severity, found.field) == ("T005", "warning", "tutor.position")


@pytest.mark.parametrize("position", LIBRARY_DIRECTOR)
def test_library_director_variants(position: str) -> None:
    assert is_library_director(position)
    changes: dict[str, Any] = {"offer__tracks": ["conservateurs"], "tutor__position": position}
    assert codes("observation", **changes) == set()


@pytest.mark.parametrize("position", NOT_LIBRARY_DIRECTOR)
def test_not_library_director(position: str) -> None:
    assert not is_library_director(position)
    changes: dict[str, Any] = {"offer__tracks": ["conservateurs"], "tutor__position": position}
    assert codes("observation", **changes) == {("T002", "tutor.position")}


def test_each_track_gets_its_own_requirement() -> None:
    changes: dict[str, Any] = {"offer__tracks": ["administrateurs", "conservateurs"]}
    dgs = codes("observation", tutor__position="DGS", **changes)
    assert dgs == {("T002", "tutor.position")}
    director = codes("observation", tutor__position="Directrice de la médiathèque", **changes)
    assert director == {("T001", "tutor.position")}


def test_message_says_what_was_read_and_what_is_expected() -> None:
    text = offer_text("observation", tutor__position="Directeur général adjoint")
    (found,) = check_text(text)
    assert "« Directeur général adjoint »" in found.message
    assert "Directrice générale des services" in found.message
    assert found.line == 1 + text.splitlines().index('position = "Directeur général adjoint"')


@pytest.mark.parametrize("internship", ["thematique", "ouverture", "professionnalisation"])
def test_only_observation_requires_a_position(internship: str) -> None:
    assert codes(internship, tutor__position="Chargée de mission") == set()


@pytest.mark.parametrize(
    "email",
    [
        "camille.martin@example.fr",
        "c.martin+stages@ville-colmar.fr",
        "élodie@mairie.fr",
        "élodie.noël@epinal.fr",  # a draft carries it (SMTPUTF8): the letters address it too
    ],
)
def test_valid_addresses(email: str) -> None:
    assert codes(tutor__email=email) == set()


@pytest.mark.parametrize(
    ("email", "reason"),
    [
        ("camille.martin", "il manque le @"),
        ("camille@martin@example.fr", "un seul @"),
        ("@example.fr", "rien avant le @"),
        ("camille@", "rien après le @"),
        ("camille martin@example.fr", "espace"),
        ("camille.martin@colmar", "pas de point"),
        ("jean@-x.fr", "forme invalides"),
        # Valid for the RFCs, but mail programs decode « =?…?= »: no reply could carry it.
        ("=?utf-8?q?x?=@b.fr", "ne peut pas porter"),
    ],
)
def test_invalid_addresses(email: str, reason: str) -> None:
    (found,) = check_text(offer_text(tutor__email=email))
    assert (found.code, found.field) == ("T003", "tutor.email")
    assert reason in found.message


@pytest.mark.parametrize(
    ("position", "reason"),
    [
        ("Directeur général adjoint", "un poste d'adjoint"),
        ("Directeur général des services techniques", "la direction des services techniques"),
        ("Directeur de cabinet", None),
    ],
)
def test_the_message_says_why_the_position_is_refused(position: str, reason: str | None) -> None:
    from inet_stages.rules.tutor import _why_not

    said = _why_not(position, "dgs")
    if reason is None:
        assert said == ""
    else:
        assert reason in said


@pytest.mark.parametrize(
    ("position", "reason"),
    [
        ("Directrice adjointe de la médiathèque", "un poste d'adjoint"),
        ("Directeur des affaires culturelles", "la direction de la culture"),
    ],
)
def test_the_library_message_says_why(position: str, reason: str | None) -> None:
    from inet_stages.rules.tutor import _why_not

    said = _why_not(position, "directeur_bibliotheque")
    if reason is None:
        assert said == ""
    else:
        assert reason in said
