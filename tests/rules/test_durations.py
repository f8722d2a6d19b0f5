"""D005 at its boundary for every internship and track: the window, 7 × N − 3 days, one less.

Dates are written out from the brochure, not computed from the calendar, so
that a change of the measure or of the data shows here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from inet_stages.calendar import min_days
from tests.offer_factory import CALENDAR, check_text, codes, offer_text

D = date

# (internship, track, weeks, window, exactly 7 × N − 3 days, one day less)
Span = tuple[date, date]
TABLE: list[tuple[str, str, int, Span, Span, Span]] = [
    (
        "observation",
        "administrateurs",
        4,
        (D(2026, 3, 30), D(2026, 4, 24)),
        (D(2026, 3, 30), D(2026, 4, 23)),
        (D(2026, 3, 30), D(2026, 4, 22)),
    ),
    (
        "observation",
        "conservateurs",
        3,
        (D(2026, 3, 30), D(2026, 4, 18)),
        (D(2026, 3, 31), D(2026, 4, 17)),
        (D(2026, 4, 1), D(2026, 4, 17)),
    ),
    (
        "observation",
        "ingenieurs",
        3,
        (D(2026, 6, 1), D(2026, 6, 19)),
        (D(2026, 6, 1), D(2026, 6, 18)),
        (D(2026, 6, 1), D(2026, 6, 17)),
    ),
    (
        "thematique",
        "administrateurs",
        7,
        (D(2026, 5, 26), D(2026, 7, 10)),
        (D(2026, 5, 26), D(2026, 7, 10)),
        (D(2026, 5, 27), D(2026, 7, 10)),
    ),
    (
        "thematique",
        "conservateurs",
        7,
        (D(2026, 5, 26), D(2026, 7, 10)),
        (D(2026, 5, 26), D(2026, 7, 10)),
        (D(2026, 5, 26), D(2026, 7, 9)),
    ),
    (
        "projet_collectif",
        "all",
        9,
        (D(2026, 10, 12), D(2026, 12, 18)),
        (D(2026, 10, 12), D(2026, 12, 10)),
        (D(2026, 10, 12), D(2026, 12, 9)),
    ),
    (
        "ouverture",
        "administrateurs",
        4,
        (D(2027, 2, 1), D(2027, 2, 26)),
        (D(2027, 2, 1), D(2027, 2, 25)),
        (D(2027, 2, 1), D(2027, 2, 24)),
    ),
    (
        "ouverture",
        "conservateurs",
        3,
        (D(2027, 2, 1), D(2027, 2, 19)),
        (D(2027, 2, 1), D(2027, 2, 18)),
        (D(2027, 2, 1), D(2027, 2, 17)),
    ),
    (
        "perfectionnement",
        "ingenieurs",
        7,
        (D(2027, 2, 1), D(2027, 3, 19)),
        (D(2027, 2, 1), D(2027, 3, 18)),
        (D(2027, 2, 1), D(2027, 3, 17)),
    ),
    (
        "professionnalisation",
        "administrateurs",
        13,
        (D(2027, 5, 3), D(2027, 7, 30)),
        (D(2027, 5, 3), D(2027, 7, 29)),
        (D(2027, 5, 3), D(2027, 7, 28)),
    ),
    (
        "professionnalisation",
        "conservateurs",
        11,
        (D(2027, 5, 18), D(2027, 7, 30)),
        (D(2027, 5, 18), D(2027, 7, 30)),
        (D(2027, 5, 19), D(2027, 7, 30)),
    ),
]


def _changes(internship: str, track: str, span: Span) -> dict[str, Any]:
    # Deposited before every deadline of the year: only the dates are at stake.
    changes: dict[str, Any] = {
        "offer__start": span[0],
        "offer__end": span[1],
        "offer__submitted": D(2025, 11, 20),
    }
    if track != "all":
        changes["offer__tracks"] = [track]
    if track == "conservateurs" and internship == "observation":
        changes["tutor__position"] = "Directrice de la médiathèque"
    return changes


CASES = [
    pytest.param(internship, track, span, expected, id=f"{internship}-{track}-{what}")
    for internship, track, _weeks, window, exact, less in TABLE
    for what, span, expected in (
        ("window", window, set()),
        ("7N-3", exact, set()),
        ("one-day-less", less, {("D005", "offer.start")}),
    )
]


@pytest.mark.parametrize(("internship", "track", "span", "expected"), CASES)
def test_duration_boundary(
    internship: str, track: str, span: Span, expected: set[tuple[str, str | None]]
) -> None:
    assert codes(internship, **_changes(internship, track, span)) == expected


@pytest.mark.parametrize(("internship", "track", "weeks", "window", "exact", "less"), TABLE)
def test_the_table_measures_what_it_says(
    internship: str, track: str, weeks: int, window: Span, exact: Span, less: Span
) -> None:
    assert (exact[1] - exact[0]).days + 1 == 7 * weeks - 3 == min_days(weeks)
    assert (less[1] - less[0]).days + 1 == 7 * weeks - 4
    shown = CALENDAR.window("administrateurs" if track == "all" else track, internship)
    assert shown is not None and (shown.start, shown.end, shown.weeks) == (*window, weeks)


def test_every_window_and_alternative_of_the_calendar_passes() -> None:
    checked = 0
    for window in CALENDAR.windows:
        for period in (window.period, *window.alternatives):
            span = (period.start, period.end)
            track = "all" if window.internship == "projet_collectif" else window.track
            assert codes(window.internship, **_changes(window.internship, track, span)) == set()
            checked += 1
    assert checked == len(CALENDAR.windows) + 2


def test_too_short_message_gives_days_and_minimum() -> None:
    text = offer_text(offer__start=D(2026, 5, 27), offer__end=D(2026, 7, 10))
    (found,) = check_text(text)
    assert found.message == (
        "le stage du 27 mai au 10 juillet 2026 dure 45 jours ; 7 semaines en demandent au moins "
        "46 du premier au dernier jour (« Stage thématique », Administrateurs)."
    )
