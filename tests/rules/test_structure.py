"""S: structure — every missing key, wrong type and unknown key of a file at once."""

from __future__ import annotations

import math
from typing import Any

import pytest
import tomli_w

from tests.offer_factory import DELETE, check_text, codes, offer_data, offer_text

CASES: list[tuple[str, dict[str, Any], set[tuple[str, str | None]]]] = [
    ("title missing", {"offer__title": DELETE}, {("S001", "offer.title")}),
    ("email missing", {"tutor__email": DELETE}, {("S001", "tutor.email")}),
    (
        "population as text",
        {"host__population": "environ 67 000"},
        {("S002", "host.population")},
    ),
    ("population as float", {"host__population": 67000.0}, {("S002", "host.population")}),
    ("population NaN", {"host__population": math.nan}, {("S002", "host.population")}),
    ("population inf", {"host__population": math.inf}, {("S002", "host.population")}),
    ("population as bool", {"host__population": True}, {("S002", "host.population")}),
    ("population zero", {"host__population": 0}, {("S004", "host.population")}),
    ("population huge", {"host__population": 10**12}, {("S004", "host.population")}),
    ("tracks empty", {"offer__tracks": []}, {("S005", "offer.tracks")}),
    ("tracks as text", {"offer__tracks": "administrateurs"}, {("S002", "offer.tracks")}),
    ("track as number", {"offer__tracks": ["administrateurs", 3]}, {("S002", "offer.tracks")}),
    ("submitted as number", {"offer__submitted": 20260210}, {("S002", "offer.submitted")}),
    ("unknown key", {"host__popluation": 67000}, {("S003", "host.popluation")}),
    ("empty name", {"tutor__name": "  "}, {("S005", "tutor.name")}),
    ("title too long", {"offer__title": "x" * 301}, {("S004", "offer.title")}),
    (
        "placeholder left",
        {"offer__title": "À COMPLÉTER : intitulé"},
        {("S006", "offer.title")},
    ),
    (
        "placeholder in a date",
        {"offer__submitted": "À compléter : AAAA-MM-JJ"},
        {("S006", "offer.submitted")},
    ),
]


@pytest.mark.parametrize("changes,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_structure_rules(changes: dict[str, Any], expected: set[tuple[str, str | None]]) -> None:
    assert codes(**changes) == expected


def test_every_finding_of_a_file_at_once() -> None:
    found = codes(
        offer__title=DELETE,
        offer__submitted="10/02/2026",
        host__popluation=3,
        host__kind="etat",
        tutor__email="nobody",
        tutor__position=7,
    )
    assert found == {
        ("S001", "offer.title"),
        ("D007", "offer.submitted"),  # read as 2026-02-10, and checked
        ("S003", "host.popluation"),
        ("H001", "host.kind"),
        ("T003", "tutor.email"),
        ("S002", "tutor.position"),
    }


def test_unknown_key_did_you_mean_and_lines() -> None:
    text = offer_text(host__popluation=67000)
    (found,) = check_text(text)
    assert "Vouliez-vous dire « population » ?" in found.message
    assert found.line == 1 + text.splitlines().index("popluation = 67000")


def test_key_in_the_wrong_table_is_pointed_at() -> None:
    (found,) = check_text(offer_text(offer__population=67000))
    assert found.code == "S003"
    assert "[host]" in found.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {("S001", "offer"), ("S001", "host"), ("S001", "tutor")}),
        (
            'offer = "x"\n',
            {("S002", "offer"), ("S001", "host"), ("S001", "tutor")},
        ),
        (
            "[[offer]]\ntitle = 'x'\n",
            {("S002", "offer"), ("S001", "host"), ("S001", "tutor")},
        ),
        (
            # Misspelt and empty: the keys it lacks are said with it, not after the rename.
            "[ofer]\n",
            {("S003", "ofer"), ("S001", "host"), ("S001", "tutor")}
            | {("S001", f"ofer.{key}") for key in ("internship", "title", "description")}
            | {("S001", "ofer.submitted")},
        ),
    ],
)
def test_missing_and_misshapen_tables(text: str, expected: set[tuple[str, str | None]]) -> None:
    assert {(f.code, f.field) for f in check_text(text)} == expected


def test_wrong_type_says_what_was_expected() -> None:
    (found,) = check_text(offer_text(host__population="environ 67 000"))
    assert found.message == "un nombre entier est attendu, pas un texte."


def test_missing_table_says_which() -> None:
    found = check_text(offer_text().split("[tutor]")[0])
    assert [f.message for f in found] == ["table [tutor] manquante."]


# A misspelt required key is one finding (S003, with the right
# spelling), not S001 for the missing key plus S003 for the unknown one.
TYPOS = [
    ("offer", "submitted", "submited"),
    ("host", "name", "nmae"),
    ("tutor", "email", "emial"),
    ("offer", "title", "titel"),
    ("offer", "tracks", "trakcs"),
]


@pytest.mark.parametrize(("table", "right", "wrong"), TYPOS)
def test_a_misspelt_required_key_is_one_finding(table: str, right: str, wrong: str) -> None:
    data = offer_data()
    data[table][wrong] = data[table].pop(right)
    text = tomli_w.dumps(data)
    (found,) = check_text(text)
    assert (found.code, found.field) == ("S003", f"{table}.{wrong}")
    assert found.message == (
        f"clé « {wrong} » mal orthographiée dans la table [{table}] : écrivez « {right} »."
    )
    assert found.line == 1 + next(
        i for i, line in enumerate(text.splitlines()) if line.startswith(f"{wrong} =")
    )


def test_four_typos_give_four_findings() -> None:
    data = offer_data("projet_collectif")
    data["offer"]["submited"] = data["offer"].pop("submitted")
    data["host"]["popultion"] = data["host"].pop("population")
    data["tutor"]["emial"] = data["tutor"].pop("email")
    data["collective_project"]["fee_acepted"] = data["collective_project"].pop("fee_accepted")
    found = check_text(tomli_w.dumps(data))
    assert sorted((f.code, f.field) for f in found) == [
        ("S003", "collective_project.fee_acepted"),
        ("S003", "host.popultion"),
        ("S003", "offer.submited"),
        ("S003", "tutor.emial"),
    ]


def test_the_faults_inside_a_misspelt_table_are_found_with_it() -> None:
    # [Host] with « Name » and a population as text: all said at once, at their lines,
    # rather than one reply per fault (the keys were checked only once it was [host]).
    data = offer_data()
    host = data.pop("host")
    host["Name"] = host.pop("name")
    host["population"] = "beaucoup"
    data["Host"] = host
    text = tomli_w.dumps(data)
    found = {(f.code, f.field): f for f in check_text(text)}
    assert set(found) == {("S003", "Host"), ("S003", "Host.Name"), ("S002", "Host.population")}
    assert found[("S003", "Host.Name")].message == (
        "clé « Name » mal orthographiée dans la table [host] : écrivez « name »."
    )
    assert found[("S003", "Host.Name")].line == 1 + text.splitlines().index(
        'Name = "Ville de Colmar"'
    )


def test_a_far_unknown_key_is_still_unknown_and_the_key_missing() -> None:
    data = offer_data()
    data["tutor"]["courriel"] = data["tutor"].pop("email")
    found = {(f.code, f.field) for f in check_text(tomli_w.dumps(data))}
    assert found == {("S003", "tutor.courriel"), ("S001", "tutor.email")}
