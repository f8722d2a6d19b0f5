"""Two promotions at once: which calendars are in progress, which one an offer is for.

Schooling lasts up to 18 months and a promotion enters every February, so the
coordination always runs two school years at once: in March 2027 the
2026-2027 promotion heads for its professionnalisation while the 2027-2028
one starts its observation, whose offers were due in November 2026. Each
promotion is one calendar file (``school_year``); this module decides, from
calendars already loaded and a date, which ones a command shows and which one
an offer is checked against.

Pure: the CLI finds and loads the calendars (packaged and in the
coordinator's folder) and passes them with ``today``; nothing here reads the
clock, the environment or a file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Literal

from inet_stages.calendar.model import Calendar, Period, Track, Window, parse_school_year


def span(calendar: Calendar) -> Period:
    """From the first offer deadline or schooling start to the last schooling or window end.

    A promotion is under way for the coordination as soon as its first offers
    are due (November before the February it enters), until its last student
    leaves.
    """
    starts = [t.schooling.start for t in calendar.tracks]
    starts += [w.offers_deadline for w in calendar.windows if w.offers_deadline is not None]
    starts += [w.start for w in calendar.windows]
    ends = [t.schooling.end for t in calendar.tracks] + [w.end for w in calendar.windows]
    return Period(start=min(starts), end=max(ends))


def overlaps(calendar: Calendar, start: date, end: date | None) -> bool:
    """True when the calendar's :func:`span` meets ``start``..``end`` (``end`` None: no end)."""
    period = span(calendar)
    return period.end >= start and (end is None or period.start <= end)


SelectionReason = Literal["overlap", "asked", "next", "default"]


@dataclass(frozen=True, kw_only=True)
class Selection:
    """The calendars a command shows, oldest promotion first, and why."""

    calendars: tuple[Calendar, ...]
    #: ``overlap`` (in progress over the period shown), ``asked`` (``--promotion``),
    #: ``next`` (none in progress: the next one to start) or ``default``.
    reason: SelectionReason
    #: Drafts in progress over the period, left out because drafts were not asked for.
    drafts_left_out: tuple[Calendar, ...] = ()

    @property
    def main(self) -> Calendar:
        """The oldest promotion shown: the one the JSON's single ``calendar`` key names."""
        return self.calendars[0]

    @property
    def years(self) -> tuple[str, ...]:
        """The school years shown, oldest first."""
        return tuple(c.school_year for c in self.calendars)


def _oldest_first(calendars: Sequence[Calendar]) -> list[Calendar]:
    return sorted(calendars, key=lambda c: (span(c).start, c.school_year))


def select(
    calendars: Sequence[Calendar],
    *,
    start: date,
    end: date | None,
    default: Calendar,
    years: Sequence[str] = (),
    drafts: bool = False,
) -> Selection:
    """The calendars in progress over ``start``..``end`` (``end`` None: from ``start`` on).

    ``years`` (``--promotion``) keeps those school years only, whether in
    progress or not (the caller has checked that each exists). Drafts are
    left out unless ``drafts`` is true or their year is asked for. When no
    calendar is in progress, the next one to start is shown, else ``default``.
    """
    if years:
        asked = [c for c in calendars if c.school_year in years]
        if asked:
            return Selection(calendars=tuple(_oldest_first(asked)), reason="asked")
    pool = [c for c in calendars if drafts or not c.draft]
    left_out = [c for c in calendars if c.draft and not drafts and overlaps(c, start, end)]
    found = [c for c in pool if overlaps(c, start, end)]
    if found:
        return Selection(
            calendars=tuple(_oldest_first(found)),
            reason="overlap",
            drafts_left_out=tuple(left_out),
        )
    coming = [c for c in pool if span(c).start > start]
    if coming:
        return Selection(
            calendars=(_oldest_first(coming)[0],), reason="next", drafts_left_out=tuple(left_out)
        )
    return Selection(calendars=(default,), reason="default", drafts_left_out=tuple(left_out))


def with_tracks(
    calendars: Sequence[Calendar], track: str | None
) -> list[tuple[Calendar, Sequence[Track]]]:
    """Each promotion shown with its tracks (only ``track`` when given); a promotion without
    that track is left out, unless none has it (then the first, with none)."""
    selected: list[tuple[Calendar, Sequence[Track]]] = [
        (c, [t for t in c.tracks if track is None or t.id == track]) for c in calendars
    ]
    return [(c, tracks) for c, tracks in selected if tracks] or selected[:1]


def for_offers(
    calendars: Sequence[Calendar], default: Calendar, today: date, *, drafts: bool
) -> tuple[Calendar, list[Calendar]]:
    """The calendar that reads a batch of offers, and every promotion they may be for.

    The first is the oldest promotion in progress on ``today`` (the default when
    nothing tells an offer's promotion); the others are every calendar known,
    oldest first, drafts only with ``drafts``.
    """
    pool = [c for c in calendars if drafts or not c.draft] or [default]
    main = select(pool, start=today, end=today, default=default).main
    return main, sorted(pool, key=lambda c: c.school_year)


def year_refusal(year: str, known: Sequence[str], where: str) -> str | None:
    """Why ``--promotion year`` names no promotion among ``known`` (French), or None.

    ``where`` says where the calendars were looked for.
    """
    wanted = year.strip()
    if parse_school_year(wanted) is None:
        return (
            f"--promotion : « {year[:40]} » n'est pas une année scolaire ; forme attendue "
            "AAAA-AAAA (2027-2028)."
        )
    if wanted not in known:
        return (
            f"--promotion {wanted} : aucun calendrier de cette année scolaire ; "
            f"promotions connues : {', '.join(sorted(known))} ({where})."
        )
    return None


def taken_note(selection: Selection, default: Calendar, today: date) -> str | None:
    """Which calendar was taken, and why, when it is one only and not the default."""
    if len(selection.calendars) != 1 or selection.main is default:
        return None
    why = {
        "next": f"le prochain après le {today.isoformat()}",
        "overlap": f"promotion en cours le {today.isoformat()}",
        "asked": "--promotion",
    }.get(selection.reason, "calendrier par défaut")
    return f"Calendrier {selection.main.school_year} pris ({why}) : {selection.main.path}"


def start_note(selection: Selection, file: PurePath) -> str | None:
    """With two promotions in progress, the one ``file`` is for and how to take the other.

    Said by ``calendar roll`` when it starts from the calendar in use.
    """
    years = list(selection.years)
    taken = next((c.school_year for c in selection.calendars if Path(str(c.path)) == file), None)
    if len(years) < 2 or taken is None:
        return None
    others = [y for y in years if y != taken]
    return (
        f"Calendrier de départ : {taken} ; promotions en cours : {', '.join(years)}. "
        f"Pour partir d'une autre : --promotion {others[0]}."
    )


# --- Which promotion an offer is for -------------------------------------------------

FitReason = Literal["named", "window", "deadline", "only", "unknown", "none"]


@dataclass(frozen=True, kw_only=True)
class Fit:
    """The calendar an offer is checked against, and how it was chosen.

    ``named``: the offer names its promotion; ``window``: the only (or
    earliest) calendar whose window holds the offer's period; ``deadline``:
    without dates, the calendar whose window for the internship and the
    offer's tracks is the next to start after ``submitted`` (docs/reference/validate.md, « Two
    promotions »: a late offer stays late for its campaign; it
    goes to the next promotion only once every window of the current one has
    started); ``only``: one calendar, nothing to choose. ``unknown``:
    the offer names a promotion no calendar has (``calendar`` is the one
    chosen otherwise); ``none``: no calendar's window holds the period
    (``calendar`` is the nearest one, ``missed`` the windows it missed).
    """

    calendar: Calendar
    reason: FitReason
    #: The school year the offer names, as written (``unknown`` and ``named``).
    named: str | None = None
    #: ``none``: each calendar's windows for the offer's tracks that the period missed.
    missed: tuple[tuple[str, Window], ...] = ()
    #: ``deadline``, when the choice matters: the offer is late for the chosen
    #: promotion (its deadline given) and on time for a later one (year, deadline).
    late_for: date | None = None
    on_time_for: tuple[str, date] | None = None
    #: The tracks the offer is late for in the chosen promotion (``late_for``).
    late_tracks: tuple[str, ...] = ()


def _windows(calendar: Calendar, internship: str, tracks: Sequence[str]) -> list[Window]:
    found = (calendar.window(track, internship) for track in tracks)
    return [w for w in found if w is not None]


def _holds(window: Window, start: date | None, end: date | None) -> bool:
    """True when the period (a missing end takes the candidate's) fits a candidate period."""
    for candidate in window.alternatives or (window.period,):
        first = start or candidate.start
        last = end or candidate.end
        if candidate.start <= first <= last <= candidate.end:
            return True
    return False


def offer_calendar(
    calendars: Sequence[Calendar],
    *,
    promotion: str | None,
    internship: str | None,
    tracks: Sequence[str],
    start: date | None,
    end: date | None,
    submitted: date | None,
    default: Calendar,
) -> Fit:
    """The calendar an offer is for (see :class:`Fit`); ``default`` when nothing tells.

    ``calendars`` are every promotion known (one per school year); the offer's
    fields are given as read (None when missing or unreadable).
    """
    if promotion is not None:
        wanted = promotion.strip()
        for calendar in calendars:
            if calendar.school_year == wanted:
                return Fit(calendar=calendar, reason="named", named=wanted)
        fit = offer_calendar(
            calendars,
            promotion=None,
            internship=internship,
            tracks=tracks,
            start=start,
            end=end,
            submitted=submitted,
            default=default,
        )
        return Fit(calendar=fit.calendar, reason="unknown", named=wanted, missed=fit.missed)
    if len(calendars) <= 1:
        return Fit(calendar=calendars[0] if calendars else default, reason="only")
    if internship is None or not tracks:
        return Fit(calendar=default, reason="only")
    ordered = sorted(calendars, key=lambda c: c.school_year)
    having = [c for c in ordered if _windows(c, internship, tracks)]
    if not having:
        return Fit(calendar=default, reason="only")
    if start is not None or end is not None:
        holding = [
            c for c in having if all(_holds(w, start, end) for w in _windows(c, internship, tracks))
        ]
        if not holding:
            holding = [
                c
                for c in having
                if any(_holds(w, start, end) for w in _windows(c, internship, tracks))
            ]
        if holding:
            return Fit(calendar=holding[0], reason="window")
        missed = tuple((c.school_year, w) for c in having for w in _windows(c, internship, tracks))
        return Fit(
            calendar=_nearest(having, internship, tracks, start or end),
            reason="none",
            missed=missed,
        )
    if submitted is not None:
        return _by_deposit(having, internship, tracks, submitted)
    return Fit(calendar=default if default in having else having[0], reason="only")


def _by_deposit(
    having: Sequence[Calendar], internship: str, tracks: Sequence[str], submitted: date
) -> Fit:
    """Without dates: the promotion whose window is the next to start after the deposit.

    A week late is late for the current campaign, never a year early for the
    next: the offer moves on only when every window of the current promotion
    (for its tracks) has started. When it is late there and on time for a
    later promotion, the fit says so (``late_for``, ``on_time_for``): the
    offer should name its promotion.
    """
    starts = [
        (min(starting), index)
        for index, c in enumerate(having)
        if (starting := [w.start for w in _windows(c, internship, tracks) if w.start > submitted])
    ]
    chosen = having[min(starts)[1]] if starts else having[-1]
    passed = [
        w
        for w in _windows(chosen, internship, tracks)
        if w.offers_deadline is not None and w.offers_deadline < submitted
    ]
    if not passed:
        return Fit(calendar=chosen, reason="deadline")
    late = tuple(w.track for w in passed)
    late_for = max(w.offers_deadline for w in passed if w.offers_deadline is not None)
    later = [c for c in having if c.school_year > chosen.school_year]
    for calendar in later:
        ahead = [
            w.offers_deadline
            for w in _windows(calendar, internship, late)
            if w.offers_deadline is not None and w.offers_deadline >= submitted
        ]
        if ahead:
            return Fit(
                calendar=chosen,
                reason="deadline",
                late_for=late_for,
                on_time_for=(calendar.school_year, min(ahead)),
                late_tracks=late,
            )
    return Fit(calendar=chosen, reason="deadline", late_for=late_for, late_tracks=late)


def _nearest(
    calendars: Sequence[Calendar], internship: str, tracks: Sequence[str], day: date | None
) -> Calendar:
    """The calendar whose window for the offer starts nearest ``day``."""
    if day is None:
        return calendars[0]

    def distance(calendar: Calendar) -> int:
        return min(abs((w.start - day).days) for w in _windows(calendar, internship, tracks))

    return min(calendars, key=distance)
