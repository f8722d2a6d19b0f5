"""The calendar as an iCalendar file (RFC 5545) for Outlook, Thunderbird, phones.

Built with the ``icalendar`` library, which escapes text, folds lines at
75 octets and ends them with CRLF. Every event is all-day (``VALUE=DATE``),
so no time zone is needed; ``DTEND`` is the day *after* the last day, as
RFC 5545 wants for all-day events.

UIDs are derived from the school year, the internship, the track(s) and the
kind of event, never from the run: importing or subscribing again updates the
events instead of duplicating them. ``DTSTAMP`` is given by the caller, so two
runs with the same stamp give the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from inet_stages import __version__
from inet_stages.calendar import Calendar, Track, Window
from inet_stages.errors import UserError
from inet_stages.render.publishing import (
    DeadlineGroup,
    deadline_groups,
    join_fr,
    selected_windows,
)
from inet_stages.text.frdates import format_date, format_range, format_weeks
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

#: Reminders before each offer deadline, in days, unless ``--alarm`` says otherwise.
DEFAULT_ALARMS: tuple[int, ...] = (30, 7, 1)
#: The farthest reminder accepted, in days.
MAX_ALARM_DAYS = 366
#: Reminders ring at this hour (local time) on their day, not at midnight.
ALARM_HOUR = 9

UID_DOMAIN = "inet-stages"


class AlarmSpecError(UserError, ValueError):
    """A ``--alarm`` value that cannot be read; ``message`` is French."""


def parse_alarms(text: str) -> tuple[int, ...]:
    """``"30,7,1"`` → ``(30, 7, 1)``: days before a deadline, farthest first, no duplicates.

    ``""``, ``"aucune"`` or ``"none"`` mean no reminder at all; ``0`` is the
    morning of the deadline itself.
    """
    folded = text.strip().lower()
    if folded in ("", "aucune", "aucun", "none"):
        return ()
    days: set[int] = set()
    for part in folded.split(","):
        item = part.strip()
        if not item.isascii() or not item.isdigit():
            shown = clean(part.strip(), limit=20) or "(vide)"
            raise AlarmSpecError(
                f"« {shown} » n'est pas un nombre de jours ; forme attendue : des nombres "
                "entiers séparés par des virgules, par exemple 30,7,1 (ou « aucune »)."
            )
        value = int(item)
        if value > MAX_ALARM_DAYS:
            raise AlarmSpecError(
                f"{value} jours : un rappel se règle au plus {MAX_ALARM_DAYS} jours avant "
                "la date limite."
            )
        days.add(value)
    return tuple(sorted(days, reverse=True))


def window_uid(school_year: str, window: Window) -> str:
    """``2026-2027-observation-administrateurs-window@inet-stages``."""
    return f"{school_year}-{window.internship}-{window.track}-window@{UID_DOMAIN}"


def deadline_uid(school_year: str, group: DeadlineGroup) -> str:
    """``2026-2027-observation-administrateurs-conservateurs-deadline@inet-stages``.

    Named by its tracks rather than its date: a corrected date updates the
    event in the user's calendar instead of adding a second one.
    """
    return f"{school_year}-{group.internship}-{'-'.join(group.tracks)}-deadline@{UID_DOMAIN}"


def _track_names(calendar: Calendar, track_ids: Sequence[str]) -> str:
    return join_fr([clean(calendar.track(t).short) for t in track_ids])


def _contact(calendar: Calendar) -> str:
    return f"Contact : {clean(calendar.contact.one_line())}"


def _window_text(calendar: Calendar, window: Window) -> str:
    """« Administrateurs : du 30 mars au 24 avril 2026 (4 semaines) »."""
    return (
        f"{clean(calendar.track(window.track).short)} : du "
        f"{format_range(window.start, window.end)} ({format_weeks(window.weeks)})"
    )


def _window_description(calendar: Calendar, window: Window) -> str:
    internship = calendar.internship(window.internship)
    track = calendar.track(window.track)
    lines = [
        f"{clean(internship.label)} des {clean(track.label).lower()}.",
        f"Du {format_date(window.start)} au {format_date(window.end)} "
        f"({format_weeks(window.weeks)}).",
    ]
    if window.alternatives:
        periods = [f"du {format_range(p.start, p.end)}" for p in window.alternatives]
        lines.append(f"Périodes possibles : {' ou '.join(periods)}.")
    if window.offers_deadline is not None:
        lines.append(f"Date limite de dépôt des offres : {format_date(window.offers_deadline)}.")
    else:
        lines.append("Date limite de dépôt des offres : non publiée par la brochure.")
    if internship.purpose:
        lines.append(clean(internship.purpose, keep_newlines=True))
    lines.append(_contact(calendar))
    return "\n".join(lines)


def _deadline_summary(calendar: Calendar, group: DeadlineGroup) -> str:
    label = clean(calendar.internship(group.internship).label)
    return f"Date limite de dépôt des offres : {label} ({_track_names(calendar, group.tracks)})"


def _deadline_description(calendar: Calendar, group: DeadlineGroup) -> str:
    label = clean(calendar.internship(group.internship).label)
    lines = [
        f"Dernier jour pour déposer les offres ({label}) : {format_date(group.day)}.",
        f"Filières concernées : {_track_names(calendar, group.tracks)}.",
        "Dates du stage :",
        *(f"- {_window_text(calendar, w)}" for w in group.windows),
        f"Offres à adresser à la coordination des stages. {_contact(calendar)}",
    ]
    return "\n".join(lines)


def _alarm_text(calendar: Calendar, group: DeadlineGroup, days: int) -> str:
    when = {0: "aujourd'hui", 1: "demain"}.get(days, f"dans {days} jours")
    label = clean(calendar.internship(group.internship).label)
    return (
        f"Date limite de dépôt des offres {when} ({format_date(group.day)}) : "
        f"{label} ({_track_names(calendar, group.tracks)})"
    )


def render_ics_many(
    shown: Sequence[tuple[Calendar, Sequence[Track]]],
    *,
    stamp: datetime,
    alarms: Sequence[int] = DEFAULT_ALARMS,
) -> bytes:
    """One iCalendar file for several promotions, each event naming its own.

    UIDs start with the school year, so that the events of two promotions
    never collide and a re-export, with both or with one, updates the same
    events.
    """
    from icalendar import Calendar as ICalendar

    several = len(shown) > 1
    first, first_tracks = shown[0]
    if several:
        years = [clean(c.school_year) for c, _ in shown]
        name = f"Stages INET {join_fr(years)}"
    else:
        name = f"Stages INET {clean(first.school_year)}"
        if len(first_tracks) < len(first.tracks):
            name += f" — {join_fr([clean(t.short) for t in first_tracks])}"

    ical = ICalendar()
    ical.add("prodid", f"-//inet-stages//Calendrier des stages INET {__version__}//FR")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("method", "PUBLISH")
    ical.add("x-wr-calname", typeset(name))
    ical.add("x-wr-caldesc", typeset(name if several else clean(first.source) or name))
    ical.add("x-wr-timezone", "Europe/Paris")
    # How often a subscribed client should fetch the file again (RFC 7986 and
    # Outlook's own property).
    ical.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
    ical.add("x-published-ttl", "P1D")

    events: list[tuple[date, str, Any]] = []
    for calendar, tracks in shown:
        events += _events(calendar, tracks, stamp=stamp, alarms=alarms, named=several)
    for _, _, event in sorted(events, key=lambda item: (item[0], item[1])):
        ical.add_component(event)
    return bytes(ical.to_ical())


def _events(
    calendar: Calendar,
    tracks: Sequence[Track],
    *,
    stamp: datetime,
    alarms: Sequence[int],
    named: bool,
) -> list[tuple[date, str, Any]]:
    """The events of one calendar; ``named`` adds « (promotion 2027-2028) » to each summary."""
    from icalendar import Alarm

    year = calendar.school_year
    suffix = ""
    if named:
        suffix = f" (promotion {clean(year)}{', brouillon' if calendar.draft else ''})"
    events: list[tuple[date, str, Any]] = []
    for window in selected_windows(calendar, tracks):
        internship = calendar.internship(window.internship)
        track = calendar.track(window.track)
        uid = window_uid(year, window)
        event = _all_day(
            uid,
            stamp,
            window.start,
            window.end,
            summary=f"{clean(internship.label)} — {clean(track.short)}{suffix}",
            description=_window_description(calendar, window),
            category="Stage INET",
        )
        events.append((window.start, uid, event))

    for group in deadline_groups(calendar, tracks):
        uid = deadline_uid(year, group)
        event = _all_day(
            uid,
            stamp,
            group.day,
            group.day,
            summary=_deadline_summary(calendar, group) + suffix,
            description=_deadline_description(calendar, group),
            category="Date limite INET",
        )
        for days in alarms:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", typeset(_alarm_text(calendar, group, days) + suffix))
            # Relative to the all-day start (midnight): ring at 9:00 that morning.
            alarm.add("trigger", timedelta(days=-days, hours=ALARM_HOUR))
            event.add_component(alarm)
        events.append((group.day, uid, event))
    return events


def _all_day(
    uid: str,
    stamp: datetime,
    first: date,
    last: date,
    *,
    summary: str,
    description: str,
    category: str,
) -> Any:
    """An all-day event from ``first`` to ``last`` (both included), shown as free time."""
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", last + timedelta(days=1))
    event.add("summary", typeset(summary))
    event.add("description", typeset(description))
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")
    return event
