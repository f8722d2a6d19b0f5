"""Every promotion in progress: the options and the loading that commands showing time share.

The policy (which calendars are in progress over the period shown, which one
an offer is for) is in :mod:`inet_stages.calendar.promotions`, pure; this
module reads the options and the environment, loads the calendars (packaged
and in the coordinator's folder), prints the notices and hands the policy
its values.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import typer

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.calendar.promotions import Selection
    from inet_stages.offer.promotion import Chooser


def promotion_option() -> Any:
    """``--promotion ANNÉE`` (repeatable)."""
    return typer.Option(None, "--promotion", metavar="ANNÉE")


def drafts_option() -> Any:
    """``--drafts``: draft calendars too."""
    return typer.Option(False, "--drafts")


def known_calendars(ctx: typer.Context) -> tuple[list[Calendar], Calendar]:
    """Every usable calendar, one per school year (hers before a packaged one), and the default.

    A file of her folder that does not load is named on stderr and skipped.
    The default is the packaged default calendar, or her file of that year.
    Read once per command (``status`` asks twice: the promotions shown and
    those the offers may be for), so that each notice is said once.
    """
    held = common.options(ctx)
    if held.known is None:
        held.known = _read_known()
    return held.known


def _read_known() -> tuple[list[Calendar], Calendar]:
    from inet_stages.calendar import files, own_files, packaged_files

    if not own_files(common.own_folder()) and len(packaged_files()) == 1:
        notice = common.folder_notice()
        if notice:
            common.warn(notice)
        # The usual case: one calendar, read once, with its errors in full if broken.
        only = common.load_calendar_file(None)
        return [only], only
    candidates = common._candidates()
    common.say_broken(candidates)
    kept = [c for c in files.one_per_year(candidates) if c.calendar is not None]
    calendars = [c.calendar for c in kept if c.calendar is not None]
    default_year = candidates[0].school_year
    default = next((c for c in calendars if c.school_year == default_year), None)
    if default is None:
        default = common.load_calendar_file(None)
        calendars.append(default)
    return calendars, default


def _check_years(years: list[str], calendars: list[Calendar]) -> list[str]:
    from inet_stages.calendar.promotions import year_refusal

    known = [c.school_year for c in calendars]
    for year in years:
        refusal = year_refusal(year, known, f"calendriers fournis et {common.own_folder()}")
        if refusal is not None:
            common.fail(refusal)
    return [year.strip() for year in years]


def select(
    ctx: typer.Context,
    today: date,
    *,
    end: date | None,
    years: list[str] | None = None,
    drafts: bool = False,
) -> Selection:
    """The promotions a command shows over ``today``..``end`` (``end`` None: from today on).

    ``--calendar`` (root option) still chooses one calendar; otherwise every
    calendar in progress over the period, filtered by ``--promotion``; drafts
    only with ``--drafts`` (or when their year is asked for), announced on
    stderr.
    """
    from inet_stages.calendar.promotions import Selection, taken_note
    from inet_stages.calendar.promotions import select as choose

    if common.options(ctx).calendar:
        calendar = common.load_calendar(ctx, today=today)
        if years and calendar.school_year not in [y.strip() for y in years]:
            common.fail(
                f"--promotion {', '.join(years)} : le calendrier choisi par --calendar est "
                f"celui de {calendar.school_year}."
            )
        return Selection(calendars=(calendar,), reason="asked")
    calendars, default = known_calendars(ctx)
    wanted = _check_years(list(years or []), calendars)
    selection = choose(
        calendars, start=today, end=end, default=default, years=wanted, drafts=drafts
    )
    for left in selection.drafts_left_out:
        common.warn(
            f"Le calendrier {left.school_year} ({left.path}) est un brouillon (draft = true) : "
            "il n'est pas montré ; ajoutez --drafts pour le voir."
        )
    for calendar in selection.calendars:
        common.say_draft(calendar)
    note = taken_note(selection, default, today)
    if note is not None:
        common.warn(note)
    return selection


def for_offers(
    ctx: typer.Context, today: date, *, drafts: bool = False
) -> tuple[Calendar, list[Calendar], Chooser]:
    """The calendar that reads the offers, every promotion they may be for, and the chooser.

    ``--calendar`` names the one calendar every offer is checked against (an
    offer naming another promotion gets D010). Otherwise each offer is
    checked against its promotion's calendar, among every calendar known
    (drafts only with ``--drafts``); the default, when nothing tells, is the
    oldest promotion in progress on ``today``.
    """
    from inet_stages.calendar.promotions import for_offers as offers_calendars
    from inet_stages.offer.promotion import chooser

    if common.options(ctx).calendar:
        calendar = common.load_calendar(ctx, today=today)
        return calendar, [calendar], chooser([calendar], calendar, today)
    calendars, default = known_calendars(ctx)
    main, ordered = offers_calendars(calendars, default, today, drafts=drafts)
    for calendar in calendars:
        if calendar in ordered:
            common.say_draft(calendar)
    return main, ordered, chooser(ordered, main, today)
