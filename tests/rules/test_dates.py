"""D: dates — the deadline day and the day after, window edges, alternatives, weeks."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.offer_factory import DELETE, check_text, codes, offer_text

D = date

CASES: list[tuple[str, str, dict[str, Any], set[tuple[str, str | None]]]] = [
    # Offer deadlines: the day itself is on time, the day after is late.
    ("thematique admin, deadline day", "thematique", {"offer__submitted": D(2026, 2, 16)}, set()),
    (
        "thematique admin, day after",
        "thematique",
        {"offer__submitted": D(2026, 2, 17)},
        {("D002", "offer.submitted")},
    ),
    (
        "thematique conservateurs, deadline day",
        "thematique",
        {"offer__tracks": ["conservateurs"], "offer__submitted": D(2026, 1, 30)},
        set(),
    ),
    (
        "thematique conservateurs, day after",
        "thematique",
        {"offer__tracks": ["conservateurs"], "offer__submitted": D(2026, 1, 31)},
        {("D002", "offer.submitted")},
    ),
    (
        "two tracks, late for one deadline only",
        "thematique",
        {"offer__tracks": ["administrateurs", "conservateurs"], "offer__submitted": D(2026, 2, 1)},
        {("D002", "offer.submitted")},
    ),
    ("observation, deadline day", "observation", {"offer__submitted": D(2025, 11, 24)}, set()),
    (
        "observation, day after",
        "observation",
        {"offer__submitted": D(2025, 11, 25)},
        {("D002", "offer.submitted")},
    ),
    (
        "projet collectif, day after",
        "projet_collectif",
        {"offer__submitted": D(2026, 6, 20)},
        {("D002", "offer.submitted")},
    ),
    ("no deadline published", "ouverture", {"offer__submitted": D(2026, 11, 27)}, set()),
    ("quoted ISO date", "thematique", {"offer__submitted": "2026-02-16"}, set()),
    # Window edges: first and last day inside, one day outside.
    (
        "window first and last day",
        "thematique",
        {"offer__start": D(2026, 5, 26), "offer__end": D(2026, 7, 10)},
        set(),
    ),
    (
        "one day before the window",
        "thematique",
        {"offer__start": D(2026, 5, 25), "offer__end": D(2026, 7, 10)},
        {("D003", "offer.start")},
    ),
    (
        "one day after the window",
        "thematique",
        {"offer__start": D(2026, 5, 26), "offer__end": D(2026, 7, 11)},
        {("D003", "offer.end")},
    ),
    ("start only, inside", "thematique", {"offer__start": D(2026, 5, 26)}, set()),
    ("end only, outside", "thematique", {"offer__end": D(2026, 7, 11)}, {("D003", "offer.end")}),
    (
        "start after end",
        "thematique",
        {"offer__start": D(2026, 7, 10), "offer__end": D(2026, 5, 26)},
        {("D004", "offer.start")},
    ),
    # Durations: 7 × N − 3 days; thematique needs 46.
    (
        "six weeks only",
        "thematique",
        {"offer__start": D(2026, 6, 1), "offer__end": D(2026, 7, 10)},
        {("D005", "offer.start")},
    ),
    (
        "seven calendar weeks touched, but 42 days only",
        "thematique",
        {"offer__start": D(2026, 5, 26), "offer__end": D(2026, 7, 6)},
        {("D005", "offer.start")},
    ),
    # Projets collectifs: the window touches 10 weeks, 9 are required.
    (
        "collectif, 9 weeks from the first Monday",
        "projet_collectif",
        {"offer__start": D(2026, 10, 12), "offer__end": D(2026, 12, 11)},
        set(),
    ),
    (
        "collectif, 9 weeks to the last Friday",
        "projet_collectif",
        {"offer__start": D(2026, 10, 19), "offer__end": D(2026, 12, 18)},
        set(),
    ),
    (
        "collectif, 8 weeks",
        "projet_collectif",
        {"offer__start": D(2026, 10, 12), "offer__end": D(2026, 12, 4)},
        {("D005", "offer.start")},
    ),
    (
        "collectif, end only, 8 weeks",
        "projet_collectif",
        {"offer__end": D(2026, 12, 4)},
        {("D005", "offer.end")},
    ),
]

CONSERVATEURS: dict[str, Any] = {"offer__tracks": ["conservateurs"]}
OBSERVATION_CONSERVATEURS: list[tuple[str, dict[str, Any], set[tuple[str, str | None]]]] = [
    ("no dates: the window", {}, set()),
    ("first alternative", {"offer__start": D(2026, 3, 30), "offer__end": D(2026, 4, 17)}, set()),
    ("second alternative", {"offer__start": D(2026, 3, 31), "offer__end": D(2026, 4, 18)}, set()),
    ("start of the second only", {"offer__start": D(2026, 3, 31)}, set()),
    ("start of the first only", {"offer__start": D(2026, 3, 30)}, set()),
    ("end of the second only", {"offer__end": D(2026, 4, 18)}, set()),
    # What `calendar` shows (30 March–18 April) is what `validate` accepts.
    ("the window as shown", {"offer__start": D(2026, 3, 30), "offer__end": D(2026, 4, 18)}, set()),
    (
        "inside the window, 18 days",
        {"offer__start": D(2026, 3, 31), "offer__end": D(2026, 4, 17)},
        set(),
    ),
    (
        "one day before",
        {"offer__start": D(2026, 3, 29), "offer__end": D(2026, 4, 17)},
        {("D003", "offer.start")},
    ),
    (
        "one day after",
        {"offer__start": D(2026, 3, 31), "offer__end": D(2026, 4, 19)},
        {("D003", "offer.end")},
    ),
    (
        "two weeks inside an alternative",
        {"offer__start": D(2026, 4, 6), "offer__end": D(2026, 4, 17)},
        {("D005", "offer.start")},
    ),
]


@pytest.mark.parametrize(
    ("internship", "changes", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_date_rules(
    internship: str, changes: dict[str, Any], expected: set[tuple[str, str | None]]
) -> None:
    assert codes(internship, **changes) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [case[1:] for case in OBSERVATION_CONSERVATEURS],
    ids=[case[0] for case in OBSERVATION_CONSERVATEURS],
)
def test_conservateurs_observation_alternatives(
    changes: dict[str, Any], expected: set[tuple[str, str | None]]
) -> None:
    tutor: dict[str, Any] = {"tutor__position": "Directrice de la médiathèque"}
    assert codes("observation", **CONSERVATEURS, **tutor, **changes) == expected


def test_deadline_message_names_both_dates_and_the_track() -> None:
    text = offer_text(offer__submitted=D(2026, 2, 17))
    (found,) = check_text(text)
    assert found.severity == "error"
    assert "mar. 17 février 2026" in found.message
    assert "lun. 16 février 2026" in found.message
    assert "», Administrateurs)" in found.message
    assert found.line == 1 + text.splitlines().index("submitted = 2026-02-17")


def test_outside_message_gives_the_window_and_the_alternatives() -> None:
    text = offer_text(
        "observation",
        offer__tracks=["conservateurs"],
        tutor__position="Directrice de la médiathèque",
        offer__start=D(2026, 3, 30),
        offer__end=D(2026, 4, 19),
    )
    (found,) = check_text(text)
    assert found.message == (
        "fin le dim. 19 avril 2026, hors de la fenêtre du 30 mars au 18 avril 2026 "
        "(périodes possibles : du 30 mars au 17 avril 2026 ou du 31 mars au 18 avril 2026) "
        "(« Stage d'observation », Conservateurs)."
    )


def test_submitted_after_today_is_a_warning() -> None:
    assert codes(offer__submitted=D(2026, 2, 10), today=D(2026, 2, 10)) == set()
    found = check_text(offer_text(offer__submitted=D(2026, 2, 10)), today=D(2026, 2, 9))
    assert [(f.code, f.severity) for f in found] == [("D006", "warning")]


def test_a_deposit_after_today_is_checked_not_refused() -> None:
    # 2027 typed for 2026: after the thématique's deadline (16 February 2026) on paper,
    # but no offer arrives in the future. D006 asks to check it; no D002 refusal.
    found = check_text(offer_text(offer__submitted=D(2027, 2, 10)), today=D(2026, 2, 20))
    assert [(f.code, f.severity) for f in found] == [("D006", "warning")]
    late = check_text(offer_text(offer__submitted=D(2026, 2, 17)), today=D(2026, 2, 20))
    assert [f.code for f in late] == ["D002"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("02/28/2026", "si c'est le 28 février 2026, écrivez 2026-02-28"),
        ("2026-02-30", "AAAA-MM-JJ"),
        ("10 février 2026", "AAAA-MM-JJ"),
    ],
)
def test_unreadable_dates_show_the_expected_form(value: str, expected: str) -> None:
    (found,) = check_text(offer_text(offer__submitted=value))
    assert (found.code, found.field) == ("D001", "offer.submitted")
    assert expected in found.message
    assert value in found.message


def test_a_date_with_a_time_is_refused() -> None:
    text = offer_text(offer__submitted=DELETE)
    text = text.replace("[offer]\n", "[offer]\nsubmitted = 2026-02-10T10:00:00\n", 1)
    assert ("D001", "offer.submitted") in {(f.code, f.field) for f in check_text(text)}
