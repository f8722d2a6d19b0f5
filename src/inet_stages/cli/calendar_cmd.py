"""``inet-stages calendar``: the windows per track, as tables, a month grid or JSON."""

from __future__ import annotations

import typer

from inet_stages.cli import common
from inet_stages.cli.common import TODAY_HELP, TRACK_HELP

calendar_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)

FORMATS = ("table", "timeline", "json")


@calendar_app.callback()
def calendar(
    ctx: typer.Context,
    track: str | None = typer.Option(None, "--track", "-t", metavar="FILIÈRE", help=TRACK_HELP),
    today: str | None = typer.Option(None, "--today", metavar="AAAA-MM-JJ", help=TODAY_HELP),
    output_format: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="FORMAT",
        help=(
            "table (un tableau par filière), timeline (grille des mois, comme la brochure) ou json."
        ),
    ),
) -> None:
    """Les fenêtres de stage de chaque filière : dates, durée, date limite de dépôt
    des offres et statut (passé, en cours, à venir) par rapport à aujourd'hui.

    Sans commande, affiche le calendrier ; check, roll et diff préparent celui
    de l'année suivante.

    Exemples :

      inet-stages calendar --track ingenieurs --today 2026-11-28

      inet-stages calendar --format timeline

      inet-stages calendar --format json

      inet-stages calendar check
    """
    if ctx.invoked_subcommand is not None:
        return
    chosen = common.check_choice("--format", output_format, FORMATS)
    day = common.parse_today(today)
    cal = common.load_calendar(ctx, today=day)
    track_id = common.resolve_track(cal, track)
    tracks = [t for t in cal.tracks if track_id is None or t.id == track_id]

    from inet_stages.render import calendar as render

    if chosen == "json":
        common.emit_json(render.calendar_json(cal, tracks, day))
        return
    console = common.stdout_console()
    if chosen == "timeline":
        console.print(render.timeline(cal, tracks, day))
        return
    for table in render.calendar_tables(cal, tracks, day):
        console.print(table)
