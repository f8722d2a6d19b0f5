"""``inet-stages status``: the season at a glance, from the season folder it runs in.

Reads what the folder holds (:mod:`inet_stages.season.folder`), checks the
offers as ``report`` does (decisions applied), and hands everything to the
pure core :func:`inet_stages.season.status.build_status`. A missing or
unreadable part is said and skipped: the rest of the status is still shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from datetime import date

    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar
    from inet_stages.call.contacts import HostContact
    from inet_stages.season.folder import Season

FORMATS = ("table", "json")


def status(
    ctx: typer.Context,
    today: str | None = common.today_option(),
    output_format: str = common.format_option(*FORMATS),
) -> None:
    """Where the season stands: offers, answers, what to do next."""
    day = common.parse_today(today)
    from inet_stages.season.folder import find_season
    from inet_stages.season.status import build_status, next_days

    season = find_season(Path("."))
    calendars = list(promotions.select(ctx, day, end=next_days(day)).calendars)
    report, parts = _offers(ctx, season, calendars, day, json_output=output_format == "json")
    status_ = build_status(
        today=day,
        season=season,
        calendars=calendars,
        parts=parts,
        report=report,
        contacts=_contacts(season, calendars[0]),
    )
    from inet_stages.render import status as render

    if output_format == "json":
        common.emit_json(render.status_json(status_))
        return
    import sys

    width = common.stdout_console().width
    sys.stdout.write(render.status_text(status_, calendars, width=width))


def _offers(
    ctx: typer.Context, season: Season, shown: list[Calendar], day: date, *, json_output: bool
) -> tuple[Report | None, list[tuple[Calendar, Report]]]:
    """The season's offers checked, decisions applied, and split by promotion."""
    if season.offers is None:
        return None, []
    from inet_stages.batch.pipeline import by_promotion
    from inet_stages.cli.offers_opt import check_offers

    calendar, pool, chooser = promotions.for_offers(ctx, day)
    _, checked = check_offers(
        [str(season.offers)],
        calendar,
        chooser,
        day,
        lenient=True,
        progress="json" if json_output else "table",
        said="Attention : ",
    )
    years = {c.school_year for c in shown}
    ordered = sorted(pool, key=lambda c: (c.school_year not in years, c.school_year))
    return checked, by_promotion(checked, ordered)


def _contacts(season: Season, calendar: Calendar) -> list[HostContact] | None:
    """The contacts of the season folder; None when absent or unreadable (said on stderr)."""
    if season.contacts is None:
        return None
    from inet_stages.call.contacts import ContactsError, read_contacts
    from inet_stages.io.tabular import TableError, read_table

    try:
        return list(read_contacts(read_table(season.contacts), calendar).contacts)
    except (TableError, ContactsError) as exc:
        common.warn(f"Attention : {season.contacts} non lu : {exc.message}")
        return None
