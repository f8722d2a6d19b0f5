"""``inet-stages deadlines``: what is due, soonest first."""

from __future__ import annotations

import typer

from inet_stages.cli import common
from inet_stages.cli.common import TODAY_HELP, TRACK_HELP

FORMATS = ("table", "json")
KINDS = ("offers", "internships", "schooling")


def deadlines(
    ctx: typer.Context,
    track: str | None = typer.Option(None, "--track", "-t", metavar="FILIÈRE", help=TRACK_HELP),
    today: str | None = typer.Option(None, "--today", metavar="AAAA-MM-JJ", help=TODAY_HELP),
    within: int | None = typer.Option(
        None,
        "--within",
        "-w",
        metavar="JOURS",
        min=0,
        help="Seulement les dates des JOURS prochains jours (aujourd'hui compris).",
    ),
    include_past: bool = typer.Option(
        False, "--all", "-a", help="Montre aussi les dates passées (marquées « passé »)."
    ),
    kind: list[str] | None = typer.Option(
        None,
        "--kind",
        "-k",
        metavar="TYPE",
        help=(
            "offers (dates limites de dépôt), internships (débuts et fins de stage) ou "
            "schooling (début et fin de scolarité). Répétable."
        ),
    ),
    output_format: str = typer.Option(
        "table", "--format", "-f", metavar="FORMAT", help="table ou json."
    ),
) -> None:
    """Les prochaines échéances, la plus proche d'abord, avec les jours restants.

    Dates limites de dépôt des offres, débuts et fins de stage, début et fin de
    scolarité. L'urgence se lit en couleur et par un symbole, lisible sans
    couleur : !!! aujourd'hui, !! sous 7 jours, ! sous 30 jours, · plus tard,
    ✓ passé (avec --all).

    Exemples :

      inet-stages deadlines

      inet-stages deadlines --today 2026-01-15 --kind offers

      inet-stages deadlines --track conservateurs --within 90 --format json
    """
    chosen = common.check_choice("--format", output_format, FORMATS)
    families = [common.check_choice("--kind", k, KINDS) for k in kind or []]
    day = common.parse_today(today)
    cal = common.load_calendar(ctx, today=day)
    track_id = common.resolve_track(cal, track)

    from inet_stages.calendar.events import KIND_FAMILIES, agenda
    from inet_stages.render import deadlines as render

    kinds = [k for family in families for k in KIND_FAMILIES[family]] if families else None
    result = agenda(
        cal,
        day,
        tracks=[track_id] if track_id else None,
        within=within,
        include_past=include_past,
        kinds=kinds,
    )
    if chosen == "json":
        common.emit_json(render.deadlines_json(cal, day, result))
        return

    from rich.text import Text

    console = common.stdout_console()
    title = f"Échéances du calendrier {cal.school_year}, au {common.format_day(day)}"
    if track_id:
        title += f" — {cal.track(track_id).short}"
    console.print(Text(title, style="bold"))
    before, after = render.deadlines_notes(cal, result, within=within)
    for note in before:
        console.print(Text(note))
    if result.events:
        console.print(render.deadlines_table(cal, result.events))
        console.print(Text(render.urgency_legend(), style="dim"))
    for note in after:
        console.print(Text(note))
    console.print(Text(render.contact_footer(cal), style="dim"))
