"""Several promotions in one output: ``deadlines`` merged, the calendar's JSON, the labels.

Two school years are in progress at once (18-month schooling, a promotion
every February). Each event, window and row then names its promotion
(« promotion 2027-2028 »; ``"calendar": "2027-2028"`` in JSON). The
top-level ``"calendar"`` key keeps naming one calendar, the oldest promotion
shown; ``"calendars"`` lists them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from inet_stages.calendar import Calendar, Track
from inet_stages.calendar.events import EVENT_KINDS, Agenda, DueEvent
from inet_stages.render.calendar import calendar_json
from inet_stages.render.deadlines import (
    event_json,
    last_deadline_text,
    no_dates_text,
    short_label,
    tracks_text,
    unpublished_text,
)
from inet_stages.text.frdates import format_date, format_days_left
from inet_stages.text.textsafe import clean

# Annotations only: importing the report types at run time would pull the
# offer reader and pydantic into ``deadlines`` and ``calendar``, which read no offer.
if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from inet_stages.batch.check import FileReport, Report
    from inet_stages.report.tally import Tally

_KIND_ORDER = {kind: index for index, kind in enumerate(EVENT_KINDS)}


def promotion_label(calendar: Calendar) -> str:
    """« promotion 2027-2028 », « promotion 2028-2029 (brouillon) »."""
    text = f"promotion {clean(calendar.school_year)}"
    return text + " (brouillon)" if calendar.draft else text


def years_text(calendars: Sequence[Calendar]) -> str:
    """« 2026-2027 », « 2026-2027 et 2027-2028 »."""
    years = [clean(c.school_year) for c in calendars]
    if len(years) <= 1:
        return "".join(years)
    return f"{', '.join(years[:-1])} et {years[-1]}"


def _many_keys(calendars: Sequence[Calendar]) -> dict[str, Any]:
    return {
        "calendar": calendars[0].school_year,
        "calendars": [c.school_year for c in calendars],
        "drafts": [c.school_year for c in calendars if c.draft],
        "draft": calendars[0].draft,
    }


# --- deadlines -----------------------------------------------------------------------


def merged(agendas: Sequence[tuple[Calendar, Agenda]]) -> list[tuple[Calendar, DueEvent]]:
    """Every promotion's events in one list, soonest first (the older promotion first on a tie)."""
    pairs = [(calendar, due) for calendar, agenda in agendas for due in agenda.events]
    pairs.sort(key=lambda p: (p[1].event.day, _KIND_ORDER[p[1].event.kind], p[0].school_year))
    return pairs


def deadlines_json(agendas: Sequence[tuple[Calendar, Agenda]], today: date) -> dict[str, Any]:
    """The ``deadlines`` document over every promotion; each event names its calendar."""
    calendars = [c for c, _ in agendas]
    return {
        "version": 1,
        **_many_keys(calendars),
        "today": today.isoformat(),
        "events": [
            {**event_json(due), "calendar": calendar.school_year}
            for calendar, due in merged(agendas)
        ],
        "offers_deadlines_left": sum(a.offers_left for _, a in agendas),
        "unpublished_deadlines": [
            {"internship": u.internship, "tracks": list(u.tracks), "calendar": c.school_year}
            for c, a in agendas
            for u in a.unpublished
        ],
        "promotions": [
            {
                "calendar": c.school_year,
                "draft": c.draft,
                "offers_deadlines_left": a.offers_left,
                "all_offers_deadlines_passed": a.offers_left == 0,
            }
            for c, a in agendas
        ],
    }


def deadlines_notes(
    agendas: Sequence[tuple[Calendar, Agenda]], *, within: int | None
) -> tuple[list[str], list[str]]:
    """What to say before and after the merged table, promotion by promotion.

    Before: the promotions whose offer deadlines have all passed, or that
    nothing matches. After: what comes next when the table is empty, and each
    promotion's internships whose offer deadline its calendar does not publish.
    """
    before: list[str] = []
    after: list[str] = []
    shown = [due for _, agenda in agendas for due in agenda.events]
    for calendar, agenda in agendas:
        last = last_deadline_text(calendar, agenda)
        if last is not None:
            before.append(
                f"Promotion {clean(calendar.school_year)} : toutes les dates limites de dépôt "
                f"des offres sont passées {last}."
            )
    if not shown:
        before.append(no_dates_text(within))
        following = [(calendar, due) for calendar, agenda in agendas for due in agenda.next_events]
        if following:
            first = min(due.event.day for _, due in following)
            days = next(due.days_left for _, due in following if due.event.day == first)
            what = " ; ".join(
                f"{short_label(c, d)} ({tracks_text(c, d.event.tracks)}, {promotion_label(c)})"
                for c, d in following
                if d.event.day == first
            )
            after.append(
                f"Prochaine date : {format_date(first)} ({format_days_left(days)}) — {what}."
            )
        else:
            after.append(
                f"Les calendriers {years_text([c for c, _ in agendas])} sont terminés : "
                "chargez celui de l'année suivante avec --calendar FICHIER."
            )
    for calendar, agenda in agendas:
        unpublished = unpublished_text(calendar, agenda, named=True)
        if unpublished is not None:
            after.append(unpublished)
    return before, after


# --- calendar ----------------------------------------------------------------------------


def calendar_json_many(
    shown: Sequence[tuple[Calendar, Sequence[Track]]], today: date
) -> dict[str, Any]:
    """The ``calendar`` document over every promotion; each track and window names its own.

    ``tracks`` lists each promotion's tracks in turn (oldest promotion first),
    so that a reader of the one-calendar shape sees every window, each with its
    ``"calendar"``.
    """
    calendars = [c for c, _ in shown]
    tracks: list[dict[str, Any]] = []
    for calendar, selected in shown:
        for track in calendar_json(calendar, selected, today)["tracks"]:
            track["calendar"] = calendar.school_year
            for window in track["windows"]:
                window["calendar"] = calendar.school_year
            tracks.append(track)
    return {"version": 1, **_many_keys(calendars), "today": today.isoformat(), "tracks": tracks}


# --- validate --------------------------------------------------------------------------


def promotion_counts(report: Report) -> dict[str, int]:
    """Files checked against each calendar, by school year (unread files left out)."""
    counts: dict[str, int] = {}
    for file_report in report.files:
        if file_report.calendar is not None:
            counts[file_report.calendar] = counts.get(file_report.calendar, 0) + 1
    return dict(sorted(counts.items()))


def file_block_named(report: FileReport) -> Text:
    """A file's block that says which calendar (promotion) it was checked against."""
    from rich.text import Text

    from inet_stages.render.validate import file_block

    if report.calendar is None:
        return file_block(report)
    year = clean(report.calendar)
    if not report.findings:
        return Text(
            f"{clean(report.path)}: {report.verdict.whole.words} (calendrier {year})",
            style="green",
        )
    why = report.promotion_why
    # Why this promotion: the coordinator sees which rule chose it
    # (docs/reference/validate.md, « Two promotions »).
    shown = f" ({why})" if why and report.promotion_reason != "only" else ""
    head = Text(f"{clean(report.path)}: vérifiée avec le calendrier {year}{shown}", style="dim")
    return Text("\n").join([head, file_block(report)])


# --- report ----------------------------------------------------------------------------


def tally_json_many(tallies: Sequence[tuple[Calendar, Tally]]) -> dict[str, Any]:
    """The ``report`` document over several promotions: rows and files name their calendar.

    ``summary`` counts the whole batch; ``promotions`` gives each promotion's
    own summary, so that the offers of each are counted apart.
    """
    from inet_stages.render.report import tally_json

    parts = [(calendar, tally_json(tally)) for calendar, tally in tallies]
    calendars = [c for c, _ in tallies]
    rows = [{**row, "calendar": c.school_year} for c, doc in parts for row in doc["rows"]]
    unclassified = [
        {**item, "calendar": c.school_year}
        for c, doc in parts
        for item in doc["unclassified_files"]
    ]
    keys = ("files", "valid", "invalid", "with_warnings", "unclassified", "short")
    return {
        "version": 1,
        **_many_keys(calendars),
        "today": parts[0][1]["today"],
        "rows": rows,
        "unclassified": len(unclassified),
        "unclassified_files": unclassified,
        "duplicates": [group for _, doc in parts for group in doc["duplicates"]],
        "received": [item for _, doc in parts for item in doc["received"]],
        "summary": {key: sum(doc["summary"][key] for _, doc in parts) for key in keys},
        "promotions": [{"calendar": c.school_year, "summary": doc["summary"]} for c, doc in parts],
    }


def tally_csv_many(tallies: Sequence[tuple[Calendar, Tally]], *, header: str = "fr") -> bytes:
    """The ``report`` CSV over several promotions, with a last column ``calendar``."""
    import csv
    import io

    from inet_stages.render.csv import write_table
    from inet_stages.render.report import tally_csv

    head: list[str] = []
    rows: list[list[str]] = []
    for calendar, tally in tallies:
        text = tally_csv(calendar, tally, header=header).decode("utf-8").removeprefix("\ufeff")
        read = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
        head = [*read[0], "calendar" if header == "ids" else "Promotion"]
        rows.extend([*row, clean(calendar.school_year)] for row in read[1:])
    return write_table(head, rows)


def tally_pages(tallies: Sequence[tuple[Calendar, Tally]]) -> list[RenderableType]:
    """Several promotions' reports, each headed by its year, then the line counting each."""
    from inet_stages.render.fit import wrapped_lines
    from inet_stages.render.report import tally_page

    pages: list[RenderableType] = []
    for index, (calendar, tally) in enumerate(tallies):
        pages += [""] if index else []
        pages += tally_page(calendar, tally, heading=True)
    return [*pages, "", wrapped_lines(promotions_line(tallies))]


def promotions_line(tallies: Sequence[tuple[Calendar, Tally]]) -> str:
    """« Offres par promotion : 2026-2027 : 3 fichiers (2 valides) ; … »."""

    def files(tally: Tally) -> str:
        count = f"{tally.files} fichier{'s' if tally.files > 1 else ''}"
        valid = f"{tally.valid} valide{'s' if tally.valid > 1 else ''}"
        return f"{count} ({valid})"

    listed = " ; ".join(f"{clean(c.school_year)} : {files(t)}" for c, t in tallies)
    return f"Offres par promotion — {listed}."
