"""What the three exports (iCalendar, web page, CSV) share: which windows, which deadlines.

An offer deadline shared by several tracks of one internship is one date for
the host organisations (« offres de stage d'observation avant le
24 novembre 2025 »), so the exports show it once with its tracks listed, not
once per track.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from inet_stages.calendar import Calendar, Track, Window


@dataclass(frozen=True, kw_only=True)
class DeadlineGroup:
    """One offer deadline of one internship, with every track it applies to."""

    internship: str
    day: date
    tracks: tuple[str, ...]
    windows: tuple[Window, ...]


def selected_windows(calendar: Calendar, tracks: Sequence[Track]) -> list[Window]:
    """The windows of ``tracks``, track by track (calendar order), each in date order."""
    return [w for track in tracks for w in calendar.windows_of_track(track.id)]


def deadline_groups(calendar: Calendar, tracks: Sequence[Track]) -> list[DeadlineGroup]:
    """The published offer deadlines that concern ``tracks``, soonest first.

    Groups are formed over the whole calendar, then kept when they concern
    one of ``tracks``: a group is the same (same tracks, same identity)
    whether the export is filtered by track or not.
    """
    order = {t.id: i for i, t in enumerate(calendar.tracks)}
    grouped: dict[tuple[str, date], list[Window]] = {}
    for window in calendar.windows:
        if window.offers_deadline is not None:
            grouped.setdefault((window.internship, window.offers_deadline), []).append(window)
    wanted = {t.id for t in tracks}
    groups = []
    for (internship, day), windows in grouped.items():
        ordered = tuple(sorted(windows, key=lambda w: order.get(w.track, 99)))
        group = DeadlineGroup(
            internship=internship,
            day=day,
            tracks=tuple(w.track for w in ordered),
            windows=ordered,
        )
        if wanted & set(group.tracks):
            groups.append(group)
    internship_order = {i.id: n for n, i in enumerate(calendar.internships)}
    return sorted(groups, key=lambda g: (g.day, internship_order.get(g.internship, 99), g.tracks))


def unpublished_internships(calendar: Calendar, tracks: Sequence[Track]) -> list[str]:
    """Internships of ``tracks`` that have a window without a published offer deadline."""
    found: list[str] = []
    for window in sorted(selected_windows(calendar, tracks), key=lambda w: w.start):
        if window.offers_deadline is None and window.internship not in found:
            found.append(window.internship)
    return found


def join_fr(items: Sequence[str]) -> str:
    """« A », « A et B », « A, B et C »."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} et {items[-1]}"
