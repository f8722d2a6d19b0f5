"""``inet-stages export ics|html|csv``: the calendar for Outlook, the website and Excel.

The three exports end with the same options (``--today``, ``-o``, ``--force``,
``--promotion``, ``--drafts``) and do the same with them: those are declared
once (:func:`_shared`) and applied once (:func:`_export`); each command checks
its own options and says how its file is rendered.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar, Track

    #: How an export renders the promotions shown (each with its tracks kept) on a day.
    Renderer = Callable[[list[tuple[Calendar, Sequence[Track]]], date], str | bytes]

export_app = typer.Typer(no_args_is_help=True)


def _shared(
    ctx: typer.Context,
    track: str | None = common.track_option(),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """The options every export takes, declared here only: ``--track`` before its own, the
    others after."""


def _export(command: Callable[..., Renderer]) -> Callable[..., None]:
    """An export command: ``--track``, ``command``'s options, then the rest of :func:`_shared`'s.

    ``command`` checks its own options and returns how to render; this reads
    the shared ones, takes every promotion in progress on the day (or those
    asked for) with the tracks kept, and writes the file. Typer reads a
    command's options from its signature: the one given here lists them in
    that order.
    """
    own = inspect.signature(command).parameters
    shared = inspect.signature(_shared).parameters

    @functools.wraps(command)
    def export(ctx: typer.Context, **values: Any) -> None:
        options = {name: values.pop(name) for name in shared if name != "ctx"}
        render = command(**values)
        day = common.parse_today(options["today"])
        years, drafts = options["promotion"], options["drafts"]
        shown = promotions.select(ctx, day, end=day, years=years, drafts=drafts).calendars
        from inet_stages.calendar.promotions import with_tracks

        kept = with_tracks(shown, common.resolve_track(shown[0], options["track"]))
        common.write_output(options["output"], render(kept, day), force=options["force"])

    context, track, *rest = shared.values()
    order = [context, track, *own.values(), *rest]
    export.__signature__ = inspect.Signature(order)  # type: ignore[attr-defined]
    # The return annotation names a type known to mypy only: Typer resolves the others.
    export.__annotations__ = {p.name: p.annotation for p in order}
    return export


@export_app.command("ics")
@_export
def ics(
    alarm: str = typer.Option("30,7,1", "--alarm", metavar="JOURS,…"),
) -> Renderer:
    """The calendar as an iCalendar file."""
    from datetime import UTC, datetime, time

    from inet_stages.render.ics import AlarmSpecError, parse_alarms, render_ics_many

    try:
        days = parse_alarms(alarm)
    except AlarmSpecError as exc:
        common.fail(f"--alarm : {exc}")

    def render(shown: list[tuple[Calendar, Sequence[Track]]], day: date) -> bytes:
        stamp = datetime.combine(day, time(0, 0), tzinfo=UTC)
        return render_ics_many(shown, stamp=stamp, alarms=days)

    return render


@export_app.command("html")
@_export
def html() -> Renderer:
    """The calendar as one web page."""
    from inet_stages.render.html import render_html_many

    return render_html_many


@export_app.command("csv")
@_export
def csv(
    separator: str = typer.Option(";", "--separator", "-s", metavar="SÉPARATEUR"),
    header: str = common.header_option(),
) -> Renderer:
    """The calendar's dates as CSV."""
    from inet_stages.render.csv import HEADERS, SEPARATORS, render_csv_many

    names = common.check_choice("--header", header, HEADERS)
    chosen = SEPARATORS.get(separator.strip().lower() or separator)
    if chosen is None:
        common.fail(
            f"--separator : « {separator[:20]} » n'est pas un séparateur accepté ; "
            "valeurs possibles : ; , tab |"
        )
    return lambda shown, _day: render_csv_many(shown, separator=chosen, header=names)
