"""What the commands can serve (C207–C210): a track, a window, dates of this century.

``calendar check`` passing means every other command works on the file: the
HTML page, the ICS file, the timeline and the roll. A calendar without any
track or window has nothing to show; a date in year 1 or 9999 (a typo, or a
test) makes pages of megabytes and rolls past the last year Python knows; a
schooling period that ends in 2207 instead of 2027 is far from the track's
``months``. These are refused here, with the line of the key.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from inet_stages.calendar.model import Calendar, Period
from inet_stages.findings import Finding, at_key
from inet_stages.text.frdates import format_date

#: Dates a calendar may hold at all.
EARLIEST = date(2000, 1, 1)
LATEST = date(2100, 12, 31)

#: How far (in months) a schooling period may be from the track's ``months``.
MONTHS_SLACK = 3


def bounds(calendar: Calendar, lines: Mapping[str, int]) -> Iterator[Finding]:
    """The errors of a calendar that the commands could not serve."""

    def finding(code: str, path: str, message: str) -> Finding:
        return at_key(code, "error", path, message, lines)

    if not calendar.tracks:
        yield finding("C207", "tracks", "aucune filière déclarée dans [tracks].")
    if not calendar.windows:
        yield finding(
            "C208",
            "internships",
            "aucune fenêtre de stage ([internships.STAGE.windows.FILIÈRE]) : rien à publier.",
        )
    for path, day in _dates(calendar):
        if not EARLIEST <= day <= LATEST:
            yield finding(
                "C209",
                path,
                f"date hors des limites ({format_date(day)}) : les dates d'un calendrier "
                f"vont du {format_date(EARLIEST)} au {format_date(LATEST)}. "
                "Faute de frappe dans l'année ?",
            )
    for track in calendar.tracks:
        if track.months is None:
            continue
        length = _months(track.schooling)
        if abs(length - track.months) > MONTHS_SLACK:
            yield finding(
                "C210",
                f"tracks.{track.id}.schooling",
                f"la scolarité ({format_date(track.schooling.start)} – "
                f"{format_date(track.schooling.end)}) dure environ {length} mois, loin des "
                f"{track.months} mois annoncés (months) : une date mal tapée ?",
            )


def _months(period: Period) -> int:
    """Whole months from start to end, rounded (1 February – 31 July: 6)."""
    days = (period.end - period.start).days + 1
    return round(days / 30.44)


def _dates(calendar: Calendar) -> Iterator[tuple[str, date]]:
    """Every date of the calendar with the key path that sets it."""
    for track in calendar.tracks:
        path = f"tracks.{track.id}.schooling"
        yield f"{path}.start", track.schooling.start
        yield f"{path}.end", track.schooling.end
    for window in calendar.windows:
        path = f"internships.{window.internship}.windows.{window.track}"
        yield f"{path}.start", window.start
        yield f"{path}.end", window.end
        if window.offers_deadline is not None:
            yield f"{path}.offers_deadline", window.offers_deadline
        for index, alternative in enumerate(window.alternatives):
            yield f"{path}.alternatives[{index}].start", alternative.start
            yield f"{path}.alternatives[{index}].end", alternative.end
