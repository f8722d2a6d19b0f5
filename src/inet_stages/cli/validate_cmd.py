"""``inet-stages validate`` and ``inet-stages rules``: check offers like a linter, explain codes."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.offers_opt import DECISIONS_OPTION, check_offers

FORMATS = ("text", "json")


def validate(
    ctx: typer.Context,
    paths: list[str] | None = common.offers_argument(),
    output_format: str = common.format_option(*FORMATS),
    strict: bool = typer.Option(False, "--strict"),
    today: str | None = common.today_option(),
    drafts: bool = promotions.drafts_option(),
    decisions: Path | None = DECISIONS_OPTION,
) -> None:
    """Lint offer files: every error and warning."""
    paths = season_opt.offers(paths)
    day = common.parse_today(today)
    calendar, calendars, chooser = promotions.for_offers(ctx, day, drafts=drafts)

    from inet_stages.batch.check import exit_code
    from inet_stages.render import validate as render
    from inet_stages.render.promotions import file_block_named, promotion_counts

    collected, report = check_offers(
        paths, calendar, chooser, day, decisions=decisions, keep_offers=False
    )
    if output_format == "json":
        document = render.report_json(report)
        document["calendars"] = [c.school_year for c in calendars]
        # Files checked against each calendar: the summary table stays as documented.
        document["promotions"] = promotion_counts(report)
        common.emit_json(document)
    else:
        console = common.stdout_console()
        several = len(calendars) > 1
        blocks = (
            [file_block_named(f) for f in report.files]
            if several and report.files
            else render.file_blocks(report)
        )
        for block in blocks:
            console.print(block, soft_wrap=True)
            console.print()
        for note in render.decision_lines(report):
            console.print(note, soft_wrap=True)
        console.print(render.summary_table(report))
        counts = promotion_counts(report) if several else {}
        if counts:  # none when no file could be read (a dangling link, say)
            console.print(
                "Calendriers utilisés : "
                + ", ".join(
                    f"{n} fichier{'s' if n > 1 else ''} avec {year}" for year, n in counts.items()
                )
                + ".",
                soft_wrap=True,
            )
    # A missing or unreadable path is exit 2, once every other file is checked.
    unusable = collected.missing or report.unreadable
    code = common.EXIT_USAGE if unusable else exit_code(report, strict=strict)
    raise typer.Exit(code)


def rules(code: str | None = typer.Argument(None, metavar="[CODE]")) -> None:
    """Explain a rule code and the brochure sentence it rests on."""
    from inet_stages.render import rules as render
    from inet_stages.rules import RULES, all_rules

    console = common.stdout_console()
    if code is None:
        console.print(render.rules_table(all_rules()))
        console.print("Détail d'une règle : inet-stages rules CODE", soft_wrap=True)
        return
    wanted = code.strip().upper()
    if wanted not in RULES:
        import difflib

        close = difflib.get_close_matches(wanted, list(RULES), n=1)
        hint = f" Vouliez-vous dire {close[0]} ?" if close else ""
        common.fail(f"code inconnu « {code[:20]} ».{hint} Liste des codes : inet-stages rules")
    from inet_stages.render.fit import reflow, wrapped_lines
    from inet_stages.rules.sources import BROCHURE, source_of
    from inet_stages.text.frtypo import typeset

    source = source_of(wanted)
    detail = render.rule_detail(
        RULES[wanted],
        quotes=[typeset(q) for q in source.quotes] if source else (),
        practice=typeset(source.practice) if source else "",
        brochure=typeset(BROCHURE),
    )
    # Wrapped between words at the terminal's width; the example keeps its indent.
    console.print(wrapped_lines(reflow(detail)))
    sys.stdout.flush()
