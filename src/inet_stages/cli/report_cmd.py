"""``inet-stages report``: are there enough offers per internship and track, and the letters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.offers_opt import DECISIONS_OPTION, check_offers

if TYPE_CHECKING:
    pass

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

    extra: dict[str, object] = {}
    if letters is not None and output_format == "json":
        # The document lists the letters written or kept: written first.
        kept, stale = letters_out.write(letters, rendered, force=force)
        extra["letters"] = [
            item.as_json(letters, kept=item.name in kept, stale=item.name in stale)
            for item in rendered
        ]
    if output_format == "json":
        document = many.tally_json_many(tallies) if len(tallies) > 1 else None
        common.emit_json({**(document or render.tally_json(tallies[0][1])), **extra})
    elif output_format == "csv":
        if len(tallies) > 1:
            common.write_output(None, many.tally_csv_many(tallies, header=names), force=False)
        else:
            common.write_output(None, render.tally_csv(*tallies[0], header=names), force=False)
            note = render.csv_note(tallies[0][1])
            if note is not None:
                common.warn(note)
    else:
        page = many.tally_pages(tallies) if len(tallies) > 1 else render.tally_page(*tallies[0])
        if len(tallies) == 1 and len(calendars) > 1:
            from inet_stages.render.fit import wrapped_lines

            page.append(wrapped_lines(many.promotions_line(tallies)))
        console = common.stdout_console()
        for block in page:
            console.print(block)
    if letters is not None and output_format != "json":
        letters_out.write(letters, rendered, force=force)
    raise typer.Exit(common.EXIT_USAGE if collected.missing else common.EXIT_OK)
