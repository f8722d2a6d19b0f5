"""Dated events of a calendar and what is due relative to a given day.

Pure: every function takes ``today``; the CLI decides what today is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from inet_stages.calendar.model import Calendar

EventKind = Literal[
    "offers_deadline", "internship_start", "internship_end", "schooling_start", "schooling_end"
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "offers_deadline",
    "internship_start",
    "internship_end",
    "schooling_start",
    "schooling_end",
)

#: ``--kind`` families of the CLI and the event kinds each one covers.
KIND_FAMILIES: dict[str, tuple[EventKind, ...]] = {
    "offers": ("offers_deadline",),
    "internships": ("internship_start", "internship_end"),
    "schooling": ("schooling_start", "schooling_end"),
}

Urgency = Literal["past", "today", "week", "month", "later"]

URGENCY_LABELS: dict[Urgency, str] = {
    "past": "passé",
    "today": "aujourd'hui",
    "week": "sous 7 jours",
    "month": "sous 30 jours",
    "later": "plus tard",
}
#: A symbol per urgency so that the table reads without colour.
URGENCY_SYMBOLS: dict[Urgency, str] = {
    "past": "✓",
    "today": "!!!",
    "week": "!!",
    "month": "!",
    "later": "·",
}

_KIND_ORDER = {kind: index for index, kind in enumerate(EVENT_KINDS)}


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happens on a day, for one internship (or the schooling) and some tracks."""

    day: date
    kind: EventKind
    internship: str | None
    tracks: tuple[str, ...]
    label: str


@dataclass(frozen=True, kw_only=True)
class DueEvent:
    """An event seen from ``today``."""

    event: Event
    days_left: int
    urgency: Urgency


@dataclass(frozen=True, kw_only=True)
class Unpublished:
    """An internship whose offer deadline the calendar does not publish, and for which tracks."""

    internship: str
    label: str
    tracks: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Agenda:
    """What ``deadlines`` shows: the selected events and what to say around them."""

    events: tuple[DueEvent, ...]
    #: Offer deadlines on or after today in the (track-filtered) calendar.
    offers_left: int
    #: The last offer deadline before today, if every one has passed.
    last_offers_deadline: Event | None
    #: The events of the next date to come, whatever the filters.
    next_events: tuple[DueEvent, ...]
    unpublished: tuple[Unpublished, ...]


def _label(calendar: Calendar, kind: EventKind, internship: str | None) -> str:
    if internship is None:
        return "Début de la scolarité" if kind == "schooling_start" else "Fin de la scolarité"
    name = calendar.internship(internship).label
    if kind == "offers_deadline":
        return f"Date limite de dépôt des offres : {name}"
    if kind == "internship_start":
        return f"Début : {name}"
    return f"Fin : {name}"


def calendar_events(calendar: Calendar) -> list[Event]:
    """Every event of the calendar, soonest first; tracks sharing a date share one event."""
    grouped: dict[tuple[date, EventKind, str | None], list[str]] = defaultdict(list)
    order = {track.id: index for index, track in enumerate(calendar.tracks)}
    for window in calendar.windows:
        if window.offers_deadline is not None:
            grouped[(window.offers_deadline, "offers_deadline", window.internship)].append(
                window.track
            )
        grouped[(window.start, "internship_start", window.internship)].append(window.track)
        grouped[(window.end, "internship_end", window.internship)].append(window.track)
    for track in calendar.tracks:
        grouped[(track.schooling.start, "schooling_start", None)].append(track.id)
        grouped[(track.schooling.end, "schooling_end", None)].append(track.id)
    events = [
        Event(
            day=day,
            kind=kind,
            internship=internship,
            tracks=tuple(sorted(tracks, key=lambda t: order.get(t, 99))),
            label=_label(calendar, kind, internship),
        )
        for (day, kind, internship), tracks in grouped.items()
    ]
    internship_order = {i.id: index for index, i in enumerate(calendar.internships)}
    events.sort(
        key=lambda e: (e.day, _KIND_ORDER[e.kind], internship_order.get(e.internship or "", -1))
    )
    return events


def urgency(days_left: int) -> Urgency:
    """How pressing an event ``days_left`` days away is."""
    if days_left < 0:
        return "past"
    if days_left == 0:
        return "today"
    if days_left <= 7:
        return "week"
    if days_left <= 30:
        return "month"
    return "later"


def _restrict(event: Event, tracks: frozenset[str] | None) -> Event | None:
    if tracks is None:
        return event
    kept = tuple(t for t in event.tracks if t in tracks)
    if not kept:
        return None
    return Event(
        day=event.day, kind=event.kind, internship=event.internship, tracks=kept, label=event.label
    )


def _due(event: Event, today: date) -> DueEvent:
    days = (event.day - today).days
    return DueEvent(event=event, days_left=days, urgency=urgency(days))


def agenda(
    calendar: Calendar,
    today: date,
    *,
    tracks: Iterable[str] | None = None,
    within: int | None = None,
    include_past: bool = False,
    kinds: Sequence[EventKind] | None = None,
) -> Agenda:
    """The events ``deadlines`` shows for ``today`` and the notes that go with them.

    ``tracks`` keeps events of those tracks (and names only those);
    ``within`` keeps events at most that many days ahead; ``include_past``
    keeps the events before today too; ``kinds`` keeps those kinds.
    """
    wanted = frozenset(tracks) if tracks is not None else None
    every = [e for e in (_restrict(e, wanted) for e in calendar_events(calendar)) if e is not None]
    upcoming = [e for e in every if e.day >= today]
    selected = [
        _due(e, today)
        for e in every
        if (include_past or e.day >= today)
        and (within is None or (e.day - today).days <= within)
        and (kinds is None or e.kind in kinds)
    ]
    offers = [e for e in every if e.kind == "offers_deadline"]
    offers_left = sum(1 for e in offers if e.day >= today)
    past_offers = [e for e in offers if e.day < today]
    last = past_offers[-1] if past_offers and offers_left == 0 else None
    next_day = upcoming[0].day if upcoming else None
    next_events = tuple(_due(e, today) for e in upcoming if e.day == next_day)
    return Agenda(
        events=tuple(selected),
        offers_left=offers_left,
        last_offers_deadline=last,
        next_events=next_events,
        unpublished=tuple(unpublished_deadlines(calendar, wanted)),
    )


def unpublished_deadlines(
    calendar: Calendar, tracks: frozenset[str] | None = None
) -> list[Unpublished]:
    """Internships (and their tracks) for which the calendar gives no offer deadline."""
    found: list[Unpublished] = []
    for internship in calendar.internships:
        missing = tuple(
            w.track
            for w in calendar.windows_of_internship(internship.id)
            if w.offers_deadline is None and (tracks is None or w.track in tracks)
        )
        if missing:
            found.append(
                Unpublished(internship=internship.id, label=internship.label, tracks=missing)
            )
    return found


def agendas(
    calendars: Sequence[Calendar],
    today: date,
    *,
    track: str | None = None,
    within: int | None = None,
    include_past: bool = False,
    families: Sequence[str] = (),
) -> list[tuple[Calendar, Agenda]]:
    """Each promotion's :func:`agenda`, for ``track`` and the kinds of ``families`` (all when
    empty: offers, internships, schooling)."""
    kinds = [k for family in families for k in KIND_FAMILIES[family]] if families else None
    return [
        (
            calendar,
            agenda(
                calendar,
                today,
                tracks=[track] if track else None,
                within=within,
                include_past=include_past,
                kinds=kinds,
            ),
        )
        for calendar in calendars
    ]
