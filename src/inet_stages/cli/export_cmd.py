"""``inet-stages export ics|html|csv``: the calendar for Outlook, the website and Excel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from inet_stages.calendar import Calendar, Track

export_app = typer.Typer(no_args_is_help=True)


def _tracks(
    ctx: typer.Context,
    track: str | None,
    day: date,
    *,
    years: list[str] | None = None,
    drafts: bool = False,
) -> list[tuple[Calendar, Sequence[Track]]]:
    """Every promotion in progress on ``day`` (or those asked for), with the tracks kept."""
    shown = promotions.select(ctx, day, end=day, years=years, drafts=drafts).calendars
    from inet_stages.calendar.promotions import with_tracks

    return with_tracks(shown, common.resolve_track(shown[0], track))


@export_app.command("ics")
def ics(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    alarm: str = typer.Option("30,7,1", "--alarm", metavar="JOURS,…"),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """The calendar as an iCalendar file."""
    from datetime import UTC, datetime, time

    from inet_stages.render.ics import AlarmSpecError, parse_alarms, render_ics_many

    try:
        days = parse_alarms(alarm)
    except AlarmSpecError as exc:
        common.fail(f"--alarm : {exc}")
    day = common.parse_today(today)
    shown = _tracks(ctx, track, day, years=promotion, drafts=drafts)
    stamp = datetime.combine(day, time(0, 0), tzinfo=UTC)
    common.write_output(output, render_ics_many(shown, stamp=stamp, alarms=days), force=force)


@export_app.command("html")
def html(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """The calendar as one web page."""
    from inet_stages.render.html import render_html_many

    day = common.parse_today(today)
    shown = _tracks(ctx, track, day, years=promotion, drafts=drafts)
    common.write_output(output, render_html_many(shown, day), force=force)


@export_app.command("csv")
def csv(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    separator: str = typer.Option(";", "--separator", "-s", metavar="SÉPARATEUR"),
    header: str = common.header_option(),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """The calendar's dates as CSV."""
    from inet_stages.render.csv import HEADERS, SEPARATORS, render_csv_many

    names = common.check_choice("--header", header, HEADERS)

    chosen = SEPARATORS.get(separator.strip().lower() or separator)
    if chosen is None:
        common.fail(
            f"--separator : « {separator[:20]} » n'est pas un séparateur accepté ; "
            "valeurs possibles : ; , tab |"
        )
    shown = _tracks(ctx, track, common.parse_today(today), years=promotion, drafts=drafts)
    data = render_csv_many(shown, separator=chosen, header=names)
    common.write_output(output, data, force=force)
