"""The calendar shown three ways: per-track tables, a month grid, JSON."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from inet_stages.calendar import Calendar, Period, Track, Window
from inet_stages.text.frdates import MONTHS, format_date, format_weeks
from inet_stages.text.textsafe import clean

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

Status = Literal["past", "current", "upcoming"]

STATUS_LABELS: dict[Status, str] = {"past": "passé", "current": "en cours", "upcoming": "à venir"}
STATUS_STYLES: dict[Status, str] = {"past": "dim", "current": "bold green", "upcoming": "cyan"}

#: One colour per internship on a terminal; the grid reads without them.
INTERNSHIP_STYLES: dict[str, str] = {
    "observation": "blue",
    "thematique": "magenta",
    "projet_collectif": "yellow",
    "ouverture": "green",
    "perfectionnement": "cyan",
    "professionnalisation": "red",
}


def status(period: Period, today: date) -> Status:
    """Where ``today`` stands relative to ``period``."""
    if today > period.end:
        return "past"
    if today < period.start:
        return "upcoming"
    return "current"


def calendar_json(calendar: Calendar, tracks: Sequence[Track], today: date) -> dict[str, Any]:
    """The SPEC ``calendar`` document (plus ``today``, ``draft`` and each window's status)."""
    return {
        "version": 1,
        "calendar": calendar.school_year,
        "draft": calendar.draft,
        "today": today.isoformat(),
        "tracks": [
            {
                "id": track.id,
                "label": track.label,
                "schooling": {
                    "start": track.schooling.start.isoformat(),
                    "end": track.schooling.end.isoformat(),
                },
                "windows": [
                    _window_json(calendar, w, today) for w in calendar.windows_of_track(track.id)
                ],
            }
            for track in tracks
        ],
    }


def _window_json(calendar: Calendar, window: Window, today: date) -> dict[str, Any]:
    deadline = window.offers_deadline
    return {
        "internship": window.internship,
        "label": calendar.internship(window.internship).label,
        "start": window.start.isoformat(),
        "end": window.end.isoformat(),
        "weeks": window.weeks,
        "offers_deadline": deadline.isoformat() if deadline else None,
        "alternatives": [
            {"start": p.start.isoformat(), "end": p.end.isoformat()} for p in window.alternatives
        ],
        "status": status(window.period, today),
    }


#: Below this terminal width the tables turn compact (see :func:`calendar_tables`).
COMPACT_BELOW = 80


def calendar_tables(
    calendar: Calendar,
    tracks: Sequence[Track],
    today: date,
    *,
    promotion: bool = False,
    width: int | None = None,
) -> list[RenderableType]:
    """One Rich table per track: internship, dates, weeks, offer deadline, status.

    ``promotion`` names the school year in each title (« — promotion 2027-2028 »),
    for when several promotions are shown one after the other. On a terminal
    narrower than 80 columns (``width``), the offer deadline — what the
    coordinator reads the table for — keeps its room whole: the dates lose
    their weekday, the weeks read « 4 sem. » and a long internship name wraps.
    """
    compact = width is not None and width < COMPACT_BELOW
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from inet_stages.render.fit import fitted

    tables: list[RenderableType] = []
    for track in tracks:
        schooling = (
            f"scolarité du {format_date(track.schooling.start, weekday=False)} "
            f"au {format_date(track.schooling.end, weekday=False)}"
        )
        # Sized for 80 columns: short labels and months, dates on two lines,
        # one space between columns.
        title = clean(track.label)
        if promotion:
            title += f" — promotion {clean(calendar.school_year)}"
            title += " (brouillon)" if calendar.draft else ""
        table = Table(
            title=Text(title, style="bold"),
            caption=Text(schooling),
            box=box.SIMPLE_HEAD,
            show_edge=False,
            title_justify="left",
            caption_justify="left",
            pad_edge=False,
            collapse_padding=True,
            # Compact, the box's blank separator alone parts the columns: Rich counts
            # collapsed padding as if it were not collapsed, and crops the last column.
            padding=(0, 0) if compact else (0, 1),
        )
        # The internship never wraps nor gets cut (« Professionnalisa… »): at
        # 80 columns the offer deadline wraps instead, its year on a second line.
        if compact:
            table.add_column("Stage")
        else:
            table.add_column("Stage", min_width=12, no_wrap=True)
        table.add_column("Du … au …", no_wrap=True)
        table.add_column("Durée", no_wrap=True)
        # « lun. 16 févr. » is 13 characters: the year goes on a second line.
        table.add_column(
            "Date limite\nde dépôt",
            min_width=13 if compact else None,
            max_width=13 if compact else None,
        )
        table.add_column("Statut", no_wrap=True, min_width=8 if compact else None)
        for window in calendar.windows_of_track(track.id):
            first = format_date(window.start, short=True, weekday=not compact)
            last = format_date(window.end, short=True, weekday=not compact)
            dates = Text(f"{first}\n{last}")
            # The window is what an offer must fit; the brochure's periods in it
            # are shown as such, in the words of the template, the iCalendar
            # file and the rules (« périodes possibles : … ou … »).
            for index, alternative in enumerate(window.alternatives):
                head = "\npériodes possibles :\n" if index == 0 else "\nou "
                dates.append(
                    f"{head}{format_date(alternative.start, weekday=False, short=True)[:-5]}"
                    f" – {format_date(alternative.end, weekday=False, short=True)[:-5]}",
                    style="dim",
                )
            deadline = (
                Text(_deadline_text(window.offers_deadline, compact=compact))
                if window.offers_deadline
                else Text("non publiée", style="italic")
            )
            state = status(window.period, today)
            table.add_row(
                Text(clean(calendar.internship(window.internship).short, limit=NAME_LIMIT)),
                dates,
                Text(f"{window.weeks} sem." if compact else format_weeks(window.weeks)),
                deadline,
                Text(STATUS_LABELS[state], style=STATUS_STYLES[state]),
            )
        tables.append(fitted(table, joined=False, gaps=(1, 0)))
    return tables


def _deadline_text(day: date, *, compact: bool) -> str:
    """« lun. 24 nov. 2025 »; compact, the year on its own line so that nothing is cut."""
    text = format_date(day, short=True)
    if compact:
        head, _, year = text.rpartition(" ")
        return f"{head}\n{year}"
    return text


# --- Month grid ---------------------------------------------------------------

#: A name longer than this (hostile, or not a short name) is cut with « … »; the
#: tables wrap it between words below that, the timeline puts it on its own line.
NAME_LIMIT = 80
CELL = 3  # characters per month: one per third of the month
LABEL = 23
_FULL = "█"
_SCHOOLING = "─"
_MONTH_LETTERS = "JFMAMJJASOND"


def months_between(first: date, last: date) -> list[tuple[int, int]]:
    """The (year, month) pairs from ``first``'s month to ``last``'s, both included."""
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_thirds(year: int, month: int) -> list[Period]:
    """The brochure's thirds of a month: the 1st to the 10th, the 11th to the 20th, the rest."""
    import calendar as stdcal

    last = stdcal.monthrange(year, month)[1]
    return [
        Period(start=date(year, month, 1), end=date(year, month, 10)),
        Period(start=date(year, month, 11), end=date(year, month, 20)),
        Period(start=date(year, month, 21), end=date(year, month, last)),
    ]


def _bar(months: list[tuple[int, int]], period: Period, char: str) -> str:
    cells = []
    for year, month in months:
        for third in month_thirds(year, month):
            overlaps = third.start <= period.end and period.start <= third.end
            cells.append(char if overlaps else " ")
    return "".join(cells)


def timeline(calendar: Calendar, tracks: Sequence[Track], today: date, *, width: int = 80) -> Text:
    """The brochure's month grid: one row per internship and track, months as columns.

    Each month is three characters, one per third of the month, so a bar
    shows roughly when in the month a window starts and ends. Row labels name
    the internship, so the grid reads without colour. The duration follows
    its bar, or precedes it when the bar reaches the right edge
    (« 13 sem. █████████ »). Narrower than the labels and the grid together
    (``width``), each label goes on its own line above its bar.
    """
    from rich.text import Text

    first = min(t.schooling.start for t in tracks)
    last = max(t.schooling.end for t in tracks)
    months = months_between(first, last)
    grid = CELL * len(months)
    names = {
        w.internship: clean(calendar.internship(w.internship).short, limit=NAME_LIMIT)
        for t in tracks
        for w in calendar.windows_of_track(t.id)
    }
    # Labels beside the grid when both fit and no name is longer than its column:
    # a name is never cut, it goes on its own line instead.
    beside = LABEL + grid <= width and all(len(n) <= LABEL - 3 for n in names.values())
    label = LABEL if beside else 0
    out = Text()
    draft = " (brouillon)" if calendar.draft else ""
    out.append(f"Calendrier des stages {clean(calendar.school_year)}{draft}\n", style="bold")

    # A year label is 4 characters and a cell 3: write each year over its cells.
    years_line = [" "] * (label + grid + 1)
    for index, (year, month) in enumerate(months):
        if index == 0 or month == 1:
            start = label + index * CELL
            for offset, char in enumerate(str(year)):
                years_line[start + offset] = char
    out.append("".join(years_line).rstrip() + "\n")
    letters = " " * label + "".join(f"{_MONTH_LETTERS[m - 1]:<{CELL}}" for _, m in months)
    out.append(letters.rstrip() + "\n")
    if first <= today <= last:
        index = months.index((today.year, today.month))
        position = label + index * CELL + min((today.day - 1) // 10, 2)
        note = f"aujourd'hui, {format_date(today, weekday=False, short=True)}"
        if position + 2 + len(note) <= width:
            line = " " * position + "▼ " + note
        else:
            line = " " * max(position - len(note) - 1, 0) + note + " ▼"
        out.append(line + "\n")

    for track in tracks:
        out.append(clean(track.short, limit=LABEL + grid) + "\n", style="bold")
        out.append(f"{'  Scolarité':<{label}}" if label else "  Scolarité\n")
        out.append(_bar(months, track.schooling, _SCHOOLING).rstrip() + "\n", style="dim")
        for window in calendar.windows_of_track(track.id):
            name = names[window.internship]
            out.append(f"  {name:<{label - 2}}" if label else f"  {name}\n")
            style = INTERNSHIP_STYLES.get(window.internship, "")
            bar = _bar(months, window.period, _FULL).rstrip()
            weeks = f"{window.weeks} sem."
            if label + len(bar) + 1 + len(weeks) <= width:
                out.append(bar, style=style)
                out.append(f" {weeks}\n")
            else:
                start = len(bar) - len(bar.lstrip())
                before = max(start - len(weeks) - 1, 0)
                out.append(" " * before + weeks + " " * (start - before - len(weeks)))
                out.append(bar[start:] + "\n", style=style)
    legend = (
        f"Une colonne par mois, de {MONTHS[months[0][1] - 1]} {months[0][0]} à "
        f"{MONTHS[months[-1][1] - 1]} {months[-1][0]} ;\n"
        f"un caractère par tiers de mois. {_FULL} stage, {_SCHOOLING} scolarité."
    )
    out.append(legend, style="dim")
    return out
