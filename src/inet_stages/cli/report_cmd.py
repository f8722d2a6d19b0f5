"""``inet-stages report``: are there enough offers per internship and track, and the letters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.offers_opt import DECISIONS_OPTION, check_offers

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.report.tally import Tally

FORMATS = ("table", "json", "csv")
LETTER_FORMATS = ("eml", "txt", "md")


def report(
    ctx: typer.Context,
    paths: list[str] | None = common.offers_argument(),
    cohort: list[str] = typer.Option(
        [], "--cohort", "-c", metavar="[PROMOTION:]FILIÈRE=N", show_default=False
    ),
    today: str | None = common.today_option(),
    output_format: str = common.format_option(*FORMATS),
    header: str = common.header_option(),
    letters: Path | None = typer.Option(None, "--letters", metavar="DOSSIER"),
    letters_format: str = typer.Option("eml", "--letters-format", metavar="FORMAT"),
    force: bool = typer.Option(False, "--force"),
    drafts: bool = promotions.drafts_option(),
    decisions: Path | None = DECISIONS_OPTION,
) -> None:
    """Count the offers per internship and track; write the letters."""
    paths = season_opt.offers(paths)
    letters_kind = common.check_choice("--letters-format", letters_format, LETTER_FORMATS)
    names = common.check_choice("--header", header, ("fr", "ids"))
    day = common.parse_today(today)
    calendar, calendars, chooser = promotions.for_offers(ctx, day, drafts=drafts)

    from inet_stages.report.tally import CohortError, cohorts_by_promotion, cohorts_for, tally

    try:
        cohorts = cohorts_by_promotion(
            cohort, calendar.track_ids, sorted(c.school_year for c in calendars)
        )
    except CohortError as exc:
        common.fail(f"--cohort : {exc.message}")
    collected, checked = check_offers(
        paths, calendar, chooser, day, decisions=decisions, progress=output_format, stop_absent=True
    )
    from inet_stages.batch.pipeline import by_promotion

    # Each promotion's offers against its own windows; the oldest in progress first.
    parts = by_promotion(
        checked, sorted(calendars, key=lambda c: (c is not calendar, c.school_year))
    )
    rendered = []
    if letters is not None:
        from inet_stages.cli import letters_out

        # Each letter with its own promotion's dates; every one rendered before
        # any output, so that a broken template stops the command first.
        for cal, part in parts:
            rendered += letters_out.prepare(
                letters,
                cal,
                part,
                day=day,
                when=letters_out.draft_time(day, today is not None),
                letters_format=letters_kind,  # type: ignore[arg-type]
            )
    tallies = [
        (cal, tally(cal, part, cohorts_for(cohorts, cal.school_year))) for cal, part in parts
    ]

    from inet_stages.render import promotions as many
    from inet_stages.render import report as render
    from inet_stages.render.fit import wrapped_lines

    extra: dict[str, object] = {}
    if letters is not None and output_format == "json":
        # The document lists the letters written or kept: written first.
        letters_out.write(letters, rendered, force=force)
        extra["letters"] = [item.as_json(letters) for item in rendered]
    if len(tallies) > 1:
        _print_many(output_format, tallies, header=names, extra=extra)
    elif output_format == "json":
        cal, counted = tallies[0]
        common.emit_json({**render.tally_json(counted), **extra})
    elif output_format == "csv":
        cal, counted = tallies[0]
        common.write_output(None, render.tally_csv(cal, counted, header=names), force=False)
        if counted.unclassified:
            count = len(counted.unclassified)
            which = "offre non classée" if count == 1 else "offres non classées"
            common.warn(
                f"Attention : {count} {which} (illisibles, stage ou filière inconnus) "
                "hors du CSV : voir --format table ou json."
            )
    else:
        _print_table(*tallies[0])
        if len(calendars) > 1:
            common.stdout_console().print(wrapped_lines(many.promotions_line(tallies)))
    if letters is not None and output_format != "json":
        letters_out.write(letters, rendered, force=force)
    raise typer.Exit(common.EXIT_USAGE if collected.missing else common.EXIT_OK)


def _print_table(calendar: Calendar, counted: Tally, *, heading: bool = False) -> None:
    """One promotion's table, legend, hosts, unclassified files, duplicates and summary."""
    from rich.text import Text

    from inet_stages.render import report as render
    from inet_stages.render.fit import wrapped_lines

    console = common.stdout_console()
    if heading:
        console.print(Text(f"Promotion {calendar.school_year}", style="bold"))
    console.print(render.tally_table(calendar, counted))
    console.print()
    console.print(render.legend(calendar, counted))
    hosts = render.hosts_lines(calendar, counted)
    if hosts:
        console.print()
        console.print(wrapped_lines("\n".join(hosts)))
    # A path is never cut (it overflows the line, whole), so that it can be copied.
    for block in (
        render.unclassified_lines(counted),
        render.received_lines(counted),
        render.duplicates_lines(counted),
    ):
        if block:
            console.print()
            console.print(wrapped_lines("\n".join(block)))
    console.print()
    console.print(render.summary_line(calendar, counted))


def _print_many(
    output_format: str,
    tallies: list[tuple[Calendar, Tally]],
    *,
    header: str,
    extra: dict[str, object] | None = None,
) -> None:
    """Several promotions: one document, or one table per promotion and a line counting each."""
    from inet_stages.render import promotions as many
    from inet_stages.render.fit import wrapped_lines

    if output_format == "json":
        common.emit_json({**many.tally_json_many(tallies), **(extra or {})})
        return
    if output_format == "csv":
        common.write_output(None, many.tally_csv_many(tallies, header=header), force=False)
        return
    for index, (calendar, counted) in enumerate(tallies):
        if index:
            common.stdout_console().print()
        _print_table(calendar, counted, heading=True)
    common.stdout_console().print()
    common.stdout_console().print(wrapped_lines(many.promotions_line(tallies)))
