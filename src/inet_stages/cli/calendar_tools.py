"""``calendar check``, ``calendar roll`` and ``calendar diff``: preparing next year's calendar.

Registered on ``calendar_app`` when imported (one import line in ``cli/__init__``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common
from inet_stages.cli.calendar_cmd import calendar_app

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar

CHECK_FORMATS = ("text", "json")


@calendar_app.command("check")
def check(
    ctx: typer.Context,
    file: Path | None = typer.Argument(None, metavar="FICHIER", show_default=False),
    previous: str | None = typer.Option(None, "--previous", metavar="FICHIER|ANNÉE"),
    min_notice_weeks: int = typer.Option(8, "--min-notice-weeks", min=0, max=52, metavar="N"),
    output_format: str = common.format_option(*CHECK_FORMATS),
    strict: bool = typer.Option(False, "--strict"),
    today: str | None = common.today_option(),
) -> None:
    """Lint a calendar: every error, then the warnings."""
    from inet_stages.calendar import packaged_path
    from inet_stages.calendar.check import CheckOptions, check_file
    from inet_stages.io.tomlsafe import TomlInputError
    from inet_stages.render.calendar_check import check_json, check_text

    packaged = False
    day = common.parse_today(today)
    if file is None:
        found = common.choose_calendar(ctx, day)
        packaged = found is None
        file = packaged_path() if found is None else found
    last = load_previous(previous)
    try:
        report = check_file(
            file,
            CheckOptions(min_notice_weeks=min_notice_weeks, previous=last, today=day),
            packaged=packaged,
        )
    except TomlInputError as exc:
        common.fail(exc.located())
    if output_format == "json":
        common.emit_json(check_json(report))
    else:
        common.write_output(None, check_text(report), force=False)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    raise typer.Exit(common.EXIT_INVALID if failed else common.EXIT_OK)


def load_previous(value: str | None, option: str = "--previous") -> Calendar | None:
    """A calendar named by path or school year (draft or not), or exit 2 naming the problem."""
    if value is None:
        return None
    return common.load_calendar_file(common.calendar_file(value, option))


@calendar_app.command("roll")
def roll(
    ctx: typer.Context,
    file: Path | None = typer.Argument(None, metavar="FICHIER", show_default=False),
    to: str | None = typer.Option(None, "--to", metavar="AAAA-AAAA"),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    today: str | None = common.today_option(),
    promotion: str | None = typer.Option(None, "--promotion", metavar="ANNÉE"),
) -> None:
    """Draft next year's calendar from this one."""
    from inet_stages.calendar import packaged_path
    from inet_stages.calendar.roll import RollError
    from inet_stages.calendar.roll import roll as roll_calendar
    from inet_stages.render.calendar_roll import roll_report

    if file is None and promotion is not None:
        file = common.calendar_file(promotion, "--promotion")
    elif file is None:
        day = common.parse_today(today)
        found = common.choose_calendar(ctx, day)
        file = packaged_path() if found is None else found
        _say_which(ctx, file, day)
    source = common.load_calendar_file(
        file, advice="Corrigez-le avant d'en tirer l'année suivante."
    )
    if to is None:
        from inet_stages.calendar.model import parse_school_year

        first = parse_school_year(source.school_year)
        to = f"{(first or 0) + 1}-{(first or 0) + 2}"
    from inet_stages.io.tomlsafe import decode, read_bytes

    text = decode(str(file), read_bytes(file))
    try:
        rolled = roll_calendar(text, to, name=str(file), today=common.parse_today(today))
    except RollError as exc:
        common.fail(exc.message)
    report = roll_report(
        rolled,
        # The packaged calendar is named by its year: « --previous 2026-2027 » works.
        source=source.school_year if file == packaged_path() else str(file),
        target=str(output) if output else "BROUILLON.toml",
        # The width of the terminal it is shown on (80 when redirected).
        width=(common.stdout_console() if output else common.stderr_console()).width,
    )
    common.write_output(output, rolled.text, force=force)
    if output is None:
        sys.stderr.write(report)
    else:
        common.write_output(None, report, force=False)


def _say_which(ctx: typer.Context, file: Path, day: date) -> None:
    """With two promotions in progress, name the one taken and how to take the other."""
    from inet_stages.calendar.promotions import select, start_note
    from inet_stages.cli import promotions

    if common.options(ctx).calendar:
        return
    calendars, default = promotions.known_calendars(ctx)
    # Drafts count here: rolling this year again beside next year's draft is worth a word.
    selection = select(calendars, start=day, end=None, default=default, years=[], drafts=True)
    note = start_note(selection, Path(file))
    if note is not None:
        common.warn(note)


@calendar_app.command("diff")
def diff(
    old: str = typer.Argument(..., metavar="ANCIEN"),
    new: str = typer.Argument(..., metavar="NOUVEAU"),
    output_format: str = common.format_option(*CHECK_FORMATS),
) -> None:
    """What changed from one calendar to another."""
    from inet_stages.calendar.diff import diff as diff_calendars
    from inet_stages.render.calendar_diff import diff_json, diff_text

    before = load_previous(old, "ANCIEN")
    after = load_previous(new, "NOUVEAU")
    assert before is not None and after is not None
    changes = diff_calendars(before, after)
    if output_format == "json":
        common.emit_json(diff_json(before, after, changes))
    else:
        common.write_output(None, diff_text(before, after, changes), force=False)
