"""``calendar check``: every problem of a calendar file, as a linter reports them.

Errors come from the loader (:func:`inet_stages.calendar.read_calendar`):
structure ``C1xx`` and consistency ``C2xx``; a file that is not TOML at all is
``C100``. The warnings below (``C3xx``) point at dates a person should look at
twice before publishing the calendar. Each rule is a function yielding
findings; its docstring is its documentation.

Public holidays come from the ``holidays`` library: the national French ones
for every date, and for offer deadlines those of Alsace-Moselle too (Good
Friday, 26 December), since the school that receives the offers is in
Strasbourg.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.calendar.model import Calendar, Window
from inet_stages.calendar.reader import read_calendar
from inet_stages.findings import Counted, Finding, at_key
from inet_stages.io import tomlsafe
from inet_stages.text.frdates import format_date, plural

if TYPE_CHECKING:
    import holidays as holidays_lib

#: Default of ``--min-notice-weeks``: two months between the offer deadline and
#: the window leave time to answer hosts, match students and sign agreements.
#: The 2026-2027 brochure never gives less than 14 weeks.
MIN_NOTICE_WEEKS = 8

_WEEKEND = ("samedi", "dimanche")


@cache
def _calendar(alsace: bool) -> holidays_lib.HolidayBase:
    import holidays

    # « 6AE » is the Collectivité européenne d'Alsace (Bas-Rhin and Haut-Rhin);
    # its public holidays are those of Moselle too (Alsace-Moselle).
    return holidays.country_holidays("FR", subdiv="6AE" if alsace else None, language="fr")


def public_holiday(day: date, *, alsace: bool = False) -> str | None:
    """The French name of the public holiday on ``day`` (national, or Alsace-Moselle's)."""
    name = _calendar(alsace).get(day)
    return str(name) if name else None


def is_alsace_only(day: date) -> bool:
    """True for a public holiday of Alsace-Moselle that is not a national one."""
    return public_holiday(day) is None and public_holiday(day, alsace=True) is not None


@dataclass(frozen=True, kw_only=True)
class CheckOptions:
    """What the warnings compare against."""

    min_notice_weeks: int = MIN_NOTICE_WEEKS
    previous: Calendar | None = None
    #: The day of the check: a draft's offer deadlines before it are flagged (C306).
    today: date | None = None


@dataclass(frozen=True, kw_only=True)
class CalendarReport(Counted):
    """What ``calendar check`` found in one file."""

    path: str
    school_year: str | None
    draft: bool
    findings: tuple[Finding, ...]


Rule = Callable[[Calendar, CheckOptions], Iterator[tuple[str, str, str]]]


def _window_path(window: Window) -> str:
    return f"internships.{window.internship}.windows.{window.track}"


def _dates(window: Window) -> Iterator[tuple[str, str, date, bool]]:
    """(key, French name, date, is a deadline) of the dates a rule looks at."""
    if window.offers_deadline is not None:
        yield "offers_deadline", "date limite de dépôt", window.offers_deadline, True
    yield "start", "début de fenêtre", window.start, False
    yield "end", "fin de fenêtre", window.end, False


def _working_day(day: date, step: int, *, alsace: bool) -> date:
    while day.weekday() >= 5 or public_holiday(day, alsace=alsace):
        day += timedelta(days=step)
    return day


def _hint(key: str, day: date, *, alsace: bool) -> str:
    # A start moves later, an end or a deadline earlier: the window never grows.
    step = 1 if key == "start" else -1
    return f" Jour ouvré le plus proche : {format_date(_working_day(day, step, alsace=alsace))}."


def rule_weekend(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C301 — an offer deadline, a window start or end on a Saturday or a Sunday."""
    for window in calendar.windows:
        for key, name, day, deadline in _dates(window):
            if day.weekday() >= 5:
                yield (
                    "C301",
                    f"{_window_path(window)}.{key}",
                    f"{name} un {_WEEKEND[day.weekday() - 5]} ({format_date(day)})."
                    + _hint(key, day, alsace=deadline),
                )


def rule_holiday(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C302 — one of those dates on a French public holiday.

    National holidays for every date; for offer deadlines also the holidays of
    Alsace-Moselle (the offers are received in Strasbourg).
    """
    for window in calendar.windows:
        for key, name, day, deadline in _dates(window):
            holiday = public_holiday(day, alsace=deadline)
            if holiday is None or day.weekday() >= 5:
                continue  # a weekend is C301's
            alsace_only = deadline and is_alsace_only(day)
            where = " en Alsace-Moselle, où l'INET reçoit les offres" if alsace_only else ""
            yield (
                "C302",
                f"{_window_path(window)}.{key}",
                f"{name} un jour férié{where} : {format_date(day)} ({holiday})."
                + _hint(key, day, alsace=deadline),
            )


def rule_notice(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C303 — an offer deadline less than ``--min-notice-weeks`` before its window."""
    for window in calendar.windows:
        deadline = window.offers_deadline
        if deadline is None or deadline >= window.start:
            continue  # none published, or C202 already says it
        days = (window.start - deadline).days
        if days < 7 * options.min_notice_weeks:
            weeks, rest = divmod(days, 7)
            gap = plural(weeks, "semaine") + (f" et {plural(rest, 'jour')}" if rest else "")
            yield (
                "C303",
                f"{_window_path(window)}.offers_deadline",
                f"date limite de dépôt ({format_date(deadline)}) seulement {gap} avant le début "
                f"de la fenêtre ({format_date(window.start)}) ; au moins "
                f"{options.min_notice_weeks} semaines sont attendues (--min-notice-weeks).",
            )


def rule_overlap(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C304 — two windows of the same track that overlap (a student is in one place)."""
    for track in calendar.tracks:
        windows = calendar.windows_of_track(track.id)
        for index, later in enumerate(windows):
            for earlier in windows[:index]:
                if later.start <= earlier.end:
                    label = calendar.internship(earlier.internship).label
                    yield (
                        "C304",
                        _window_path(later),
                        f"la fenêtre du {format_date(later.start)} au {format_date(later.end)} "
                        f"chevauche celle du stage « {label} » ({format_date(earlier.start)} – "
                        f"{format_date(earlier.end)}) de la même filière.",
                    )


def rule_dropped(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C305 — with ``--previous``: an internship a track had last year and no longer has."""
    previous = options.previous
    if previous is None:
        return
    for window in previous.windows:
        if calendar.window(window.track, window.internship) is not None:
            continue
        label = previous.internship(window.internship).label
        gone = window.track not in calendar.track_ids
        yield (
            "C305",
            _window_path(window),
            f"la filière {window.track} avait le stage « {label} » en {previous.school_year} "
            f"({format_date(window.start)} – {format_date(window.end)}) et ne l'a plus"
            + (" (la filière elle-même a disparu)." if gone else "."),
        )


def rule_past_deadline(calendar: Calendar, options: CheckOptions) -> Iterator[tuple[str, str, str]]:
    """C306 — in a draft (next year's file), an offer deadline already past on ``--today``.

    A calendar in use has past deadlines, of course; a draft being prepared
    must not announce one (a roll can put the observation deadline a few days
    before the day it is run).
    """
    today = options.today
    if today is None or not calendar.draft:
        return
    for window in calendar.windows:
        deadline = window.offers_deadline
        if deadline is not None and deadline < today:
            yield (
                "C306",
                f"{_window_path(window)}.offers_deadline",
                f"date limite de dépôt ({format_date(deadline)}) déjà passée le "
                f"{format_date(today)} : les structures ne pourront plus déposer d'offre.",
            )


RULES: tuple[Rule, ...] = (
    rule_weekend,
    rule_holiday,
    rule_notice,
    rule_overlap,
    rule_dropped,
    rule_past_deadline,
)


def warnings(
    calendar: Calendar, lines: Mapping[str, int], options: CheckOptions
) -> Iterator[Finding]:
    """Every warning of a loadable calendar, rule by rule."""
    for rule in RULES:
        for code, path, message in rule(calendar, options):
            yield at_key(code, "warning", path, message, lines)


def check_file(path: Path, options: CheckOptions, *, packaged: bool = False) -> CalendarReport:
    """Check one calendar file.

    Raises :class:`tomlsafe.TomlInputError` of kind ``io`` when the file cannot
    be read at all; a file that is read but is not TOML gives a ``C100`` finding.
    """
    try:
        document = tomlsafe.load(path)
    except tomlsafe.TomlInputError as exc:
        if exc.kind == "io":
            raise
        where = f" (ligne {exc.line}, colonne {exc.column})" if exc.column is not None else ""
        finding = Finding(
            code="C100", severity="error", field=None, message=exc.message + where, line=exc.line
        )
        return CalendarReport(path=str(path), school_year=None, draft=False, findings=(finding,))
    calendar, problems = read_calendar(document, packaged=packaged)
    year = document.data.get("school_year")
    draft = document.data.get("draft") is True
    findings = list(problems)
    # Dates out of bounds (C209) would have the warnings look up public
    # holidays over centuries: they wait until the dates are fixed.
    if calendar is not None and not any(p.code == "C209" for p in problems):
        findings += warnings(calendar, tomlsafe.locate_keys(document.text), options)
    findings.sort(key=lambda f: (f.line if f.line is not None else 0, f.code))
    return CalendarReport(
        path=document.path,
        school_year=year if isinstance(year, str) else None,
        draft=draft,
        findings=tuple(findings),
    )
