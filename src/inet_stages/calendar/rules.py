"""Consistency rules of a calendar (C2xx): windows inside schooling, deadlines before starts.

Structure problems (C1xx) are the reader's; warnings for next year's file
(C3xx) are :mod:`inet_stages.calendar.check`'s.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from inet_stages.calendar.model import Calendar
from inet_stages.findings import Finding, at_key
from inet_stages.text.frdates import format_date, format_weeks


def consistency(calendar: Calendar, lines: Mapping[str, int]) -> Iterator[Finding]:
    """The consistency errors of a structurally sound calendar."""

    def finding(code: str, path: str, message: str) -> Finding:
        return at_key(code, "error", path, message, lines)

    for window in calendar.windows:
        path = f"internships.{window.internship}.windows.{window.track}"
        track = calendar.track(window.track)
        if not track.schooling.covers(window.period):
            yield finding(
                "C201",
                path,
                f"la fenêtre du {format_date(window.start)} au {format_date(window.end)} sort de "
                f"la scolarité de la filière ({format_date(track.schooling.start)} – "
                f"{format_date(track.schooling.end)}).",
            )
        deadline = window.offers_deadline
        if deadline is not None and deadline >= window.start:
            yield finding(
                "C202",
                f"{path}.offers_deadline",
                f"la date limite de dépôt ({format_date(deadline)}) doit précéder le début de la "
                f"fenêtre ({format_date(window.start)}).",
            )
        # The same measure as D005 for an offer: a window that an offer
        # covering it whole would fail is not a window.
        if window.period.days < window.min_days:
            yield finding(
                "C203",
                f"{path}.weeks",
                f"{format_weeks(window.weeks)} demandent au moins {window.min_days} jours du "
                f"premier au dernier jour (7 × {window.weeks} − 3), mais la fenêtre n'en compte "
                f"que {window.period.days}.",
            )
        for index, alternative in enumerate(window.alternatives):
            if not window.period.covers(alternative):
                yield finding(
                    "C204",
                    f"{path}.alternatives[{index}]",
                    f"l'alternative du {format_date(alternative.start)} au "
                    f"{format_date(alternative.end)} n'est pas dans la fenêtre "
                    f"({format_date(window.start)} – {format_date(window.end)}).",
                )
