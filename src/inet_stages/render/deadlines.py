"""``deadlines`` output: a table coloured by urgency (readable without colour), notes, JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from inet_stages.calendar import Calendar
from inet_stages.calendar.events import URGENCY_LABELS, URGENCY_SYMBOLS, Agenda, DueEvent, Urgency
from inet_stages.text.frdates import format_date, format_days_left
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

URGENCY_STYLES: dict[Urgency, str] = {
    "past": "dim",
    "today": "bold red",
    "week": "red",
    "month": "yellow",
    "later": "",
}


def tracks_text(calendar: Calendar, tracks: tuple[str, ...]) -> str:
    """« Administrateurs, Conservateurs » (short labels, calendar order)."""
    if len(tracks) == len(calendar.tracks):
        return "toutes les filières"
    return ", ".join(clean(calendar.track(t).short) for t in tracks)


def event_json(due: DueEvent) -> dict[str, Any]:
    """One event of the ``deadlines`` document; its label, for people, typeset as French."""
    return {
        "date": due.event.day.isoformat(),
        "kind": due.event.kind,
        "internship": due.event.internship,
        "tracks": list(due.event.tracks),
        "days_left": due.days_left,
        "label": typeset(due.event.label),
        "urgency": due.urgency,
    }


def deadlines_json(calendar: Calendar, today: date, agenda: Agenda) -> dict[str, Any]:
    """The ``deadlines`` document of docs/reference/deadlines.md (urgency, unpublished)."""
    return {
        "version": 1,
        "calendar": calendar.school_year,
        "draft": calendar.draft,
        "today": today.isoformat(),
        "events": [event_json(due) for due in agenda.events],
        "offers_deadlines_left": agenda.offers_left,
        "unpublished_deadlines": [
            {"internship": u.internship, "tracks": list(u.tracks)} for u in agenda.unpublished
        ],
    }


def short_label(calendar: Calendar, due: DueEvent) -> str:
    """« Date limite de dépôt — Observation »: the event in a table cell."""
    event = due.event
    if event.internship is None:
        return event.label
    name = clean(calendar.internship(event.internship).short, limit=80)
    prefix = {
        "offers_deadline": "Date limite de dépôt",
        "internship_start": "Début",
        "internship_end": "Fin",
    }.get(event.kind, "")
    return f"{prefix} — {name}"


def deadlines_table(
    events: Sequence[tuple[Calendar, DueEvent]], *, promotions: bool = False
) -> RenderableType:
    """One row per event: date, days left with an urgency symbol, what, which tracks.

    With ``promotions`` (several promotions shown), a column names each
    event's promotion, « (brouillon) » for a draft calendar.
    """
    from rich.text import Text

    from inet_stages.render.fit import fitted
    from inet_stages.render.style import new_table

    table = new_table(collapse_padding=True, padding=(0, 1))
    table.add_column("Date", no_wrap=True)
    table.add_column("Échéance", no_wrap=True)
    table.add_column("Événement", ratio=1)
    if promotions:
        table.add_column("Promotion", no_wrap=True)
    table.add_column("Filières", no_wrap=True)
    for calendar, due in events:
        style = URGENCY_STYLES[due.urgency]
        tracks = due.event.tracks
        year = clean(calendar.school_year) + (" (brouillon)" if calendar.draft else "")
        table.add_row(
            Text(format_date(due.event.day, short=True), style=style),
            Text(f"{URGENCY_SYMBOLS[due.urgency]} {_days(due.days_left)}", style=style),
            Text(
                short_label(calendar, due),
                style="bold" if due.event.kind == "offers_deadline" else "",
            ),
            *([Text(year.replace(" (", "\n("))] if promotions else []),
            Text(
                "toutes"
                if len(tracks) == len(calendar.tracks)
                else "\n".join(clean(calendar.track(t).short, limit=80) for t in tracks)
            ),
        )
    return fitted(table, head=2, labelled=False, gaps=(1, 0))


def urgency_legend() -> str:
    """The key to the symbols, so that the table reads without colour."""
    order: tuple[Urgency, ...] = ("today", "week", "month", "later", "past")
    return "   ".join(f"{URGENCY_SYMBOLS[u]} {URGENCY_LABELS[u]}" for u in order)


def _days(days: int) -> str:
    if days == 0:
        return "aujourd'hui"
    return f"dans {days} j" if days > 0 else f"il y a {-days} j"


def _next_text(calendar: Calendar, agenda: Agenda) -> str:
    if not agenda.next_events:
        return ""
    first = agenda.next_events[0]
    what = " ; ".join(
        f"{short_label(calendar, d)} ({tracks_text(calendar, d.event.tracks)})"
        for d in agenda.next_events
    )
    return (
        f"Prochaine date : {format_date(first.event.day)} ({format_days_left(first.days_left)}) — "
        f"{what}."
    )


def deadlines_notes(
    calendar: Calendar, agenda: Agenda, *, within: int | None
) -> tuple[list[str], list[str]]:
    """What to say before and after the table.

    Before: every offer deadline has passed, or nothing matches. After: what
    comes next when the table is empty, and the internships whose offer
    deadline the calendar does not publish.
    """
    before: list[str] = []
    after: list[str] = []
    last = last_deadline_text(calendar, agenda)
    if last is not None:
        before.append(
            f"Toutes les dates limites de dépôt des offres de {clean(calendar.school_year)} "
            f"sont passées {last}."
            # With --all the table starts in the past: « ensuite » would not be true.
            + (
                " Voici ce qui vient ensuite."
                if agenda.events and all(d.days_left >= 0 for d in agenda.events)
                else ""
            )
        )
    if not agenda.events:
        before.append(no_dates_text(within))
        if agenda.next_events:
            after.append(_next_text(calendar, agenda))
        else:
            after.append(
                f"Le calendrier {clean(calendar.school_year)} est terminé : chargez celui de "
                "l'année suivante avec --calendar FICHIER."
            )
    unpublished = unpublished_text(calendar, agenda, named=False)
    if unpublished is not None:
        after.append(unpublished)
    return before, after


def last_deadline_text(calendar: Calendar, agenda: Agenda) -> str | None:
    """« (la dernière : DATE, STAGE) » when every offer deadline has passed, else None."""
    last = agenda.last_offers_deadline
    if agenda.offers_left != 0 or last is None:
        return None
    label = clean(calendar.internship(last.internship or "").label)
    return f"(la dernière : {format_date(last.day)}, {label})"


def no_dates_text(within: int | None) -> str:
    """What to say when no date matches: within ``within`` days, or the options given."""
    if within is not None:
        return f"Aucune date retenue dans les {within} prochains jours."
    return "Aucune date retenue pour ces critères."


def unpublished_text(calendar: Calendar, agenda: Agenda, *, named: bool) -> str | None:
    """Once the published offer deadlines have passed, the internships that have none.

    ``named``: the calendar is named by its year (several promotions are shown).
    """
    if not agenda.unpublished or agenda.offers_left != 0:
        return None
    listed = " ; ".join(
        f"{clean(u.label)} ({tracks_text(calendar, u.tracks)})" for u in agenda.unpublished
    )
    which = f"Le calendrier {clean(calendar.school_year)}" if named else "Le calendrier"
    return (
        f"{which} ne publie pas de date limite de dépôt des offres pour : {listed}. "
        "À compléter dans le fichier du calendrier si l'INET en fixe une."
    )


def contact_footer(calendar: Calendar) -> str:
    """The coordination's contact, once, below the results."""
    return f"Contact : {clean(calendar.contact.one_line())}"
