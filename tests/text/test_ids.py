"""Forgiving identifiers (docs/reference/README.md, ``--track``)."""

from __future__ import annotations

import pytest

from inet_stages.ids import (
    INTERNSHIP_LABELS,
    TRACK_LABELS,
    UnknownId,
    free_name,
    normalize,
    resolve,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ingénieurs", "ingenieurs"),
        ("ingenieur", "ingenieurs"),
        ("Ingénieures", "ingenieurs"),
        ("ADMINISTRATEURS", "administrateurs"),
        ("administratrices", "administrateurs"),
        ("adm", "administrateurs"),
        ("Conservatrices", "conservateurs"),
    ],
)
def test_tracks(typed: str, expected: str) -> None:
    assert resolve(typed, TRACK_LABELS, kind="track") == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("projets-collectifs", "projet_collectif"),
        ("Projet collectif", "projet_collectif"),
        ("Thématique", "thematique"),
        ("OBSERVATIONS", "observation"),
        ("professionnalisation", "professionnalisation"),
    ],
)
def test_internships(typed: str, expected: str) -> None:
    assert resolve(typed, INTERNSHIP_LABELS, kind="internship") == expected


def test_unknown_internship_suggests_and_lists() -> None:
    with pytest.raises(UnknownId) as caught:
        resolve("tematique", INTERNSHIP_LABELS, kind="internship")
    assert caught.value.suggestion == "thematique"
    assert "observation, thematique" in caught.value.message


def test_ambiguous_prefix_is_refused() -> None:
    with pytest.raises(UnknownId):
        resolve(
            "pro", INTERNSHIP_LABELS, kind="internship"
        )  # projet_collectif, professionnalisation


def test_patrimoine_explains_the_inp() -> None:
    with pytest.raises(UnknownId) as caught:
        resolve("Conservateurs du patrimoine", TRACK_LABELS, kind="track")
    assert "INP" in caught.value.message
    assert caught.value.suggestion is None


def test_normalize() -> None:
    assert normalize("  Projets-Collectifs ") == normalize("projet_collectif")
    assert normalize("É") == "e"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("stage-thematique", "thematique"),
        ("Stage thématique", "thematique"),
        ("STAGE_THÉMATIQUE", "thematique"),
        ("thématique", "thematique"),
        ("Stage d'observation", "observation"),
        ("stage de perfectionnement", "perfectionnement"),
        ("Projets collectifs (inter-filières)", "projet_collectif"),
    ],
)
def test_internship_as_she_types_it(typed: str, expected: str) -> None:
    """Every command's --internship: the label, « stage- » before the id, accents, case."""
    assert resolve(typed, INTERNSHIP_LABELS, kind="internship") == expected


def test_track_by_its_label() -> None:
    label = "Élèves ingénieurs et ingénieurs en chef territoriaux"
    assert resolve(label, TRACK_LABELS, kind="track") == "ingenieurs"


def test_stage_alone_is_still_unknown() -> None:
    with pytest.raises(UnknownId):
        resolve("stage", INTERNSHIP_LABELS, kind="internship")


def test_free_name_numbers_the_second_of_a_name() -> None:
    """Drafts, offers and letters: a name taken gets ``-2``, then ``-3``; the set is kept."""
    taken: set[str] = set()
    names = [free_name(stem, ".eml", taken) for stem in ("a", "b", "a", "a")]
    assert names == ["a.eml", "b.eml", "a-2.eml", "a-3.eml"]
    assert taken == set(names)


def test_free_name_casefolded_takes_case_apart_as_one_name() -> None:
    taken: set[str] = set()
    assert free_name("Colmar", ".md", taken, casefold=True) == "Colmar.md"
    assert free_name("colmar", ".md", taken, casefold=True) == "colmar-2.md"
    assert taken == {"colmar.md", "colmar-2.md"}
