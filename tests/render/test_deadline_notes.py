"""The notes around the ``deadlines`` table, shared by one promotion and several."""

from __future__ import annotations

from datetime import date

from inet_stages.calendar import load_calendar
from inet_stages.calendar.events import agenda
from inet_stages.render.deadlines import last_deadline_text, no_dates_text, unpublished_text


def test_no_dates_says_the_window_or_the_options() -> None:
    assert no_dates_text(30) == "Aucune date retenue dans les 30 prochains jours."
    assert no_dates_text(None) == "Aucune date retenue pour ces critères."


def test_notes_wait_until_every_offer_deadline_has_passed() -> None:
    calendar = load_calendar()
    early = agenda(calendar, date(2025, 9, 1))
    assert last_deadline_text(calendar, early) is None
    assert unpublished_text(calendar, early, named=False) is None
    late = agenda(calendar, date(2027, 12, 31))
    last = last_deadline_text(calendar, late)
    assert last is not None and last.startswith("(la dernière : ")
    named = unpublished_text(calendar, late, named=True)
    plain = unpublished_text(calendar, late, named=False)
    assert plain is not None and plain.startswith("Le calendrier ne publie pas")
    assert named == plain.replace("Le calendrier", f"Le calendrier {calendar.school_year}", 1)
