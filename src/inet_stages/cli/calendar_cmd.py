"""``inet-stages calendar``: the windows per track, as tables, a month grid or JSON."""

from __future__ import annotations

import typer

from inet_stages.cli import common, promotions
from inet_stages.cli.common import TRACK_HELP

calendar_app = typer.Typer(
    invoke_without_command=True,
    no_args_is_help=False,
)

FORMATS = ("table", "timeline", "json")


@calendar_app.callback()
def calendar(
    ctx: typer.Context,
    track: str | None = typer.Option(None, "--track", "-t", metavar="FILIÈRE", help=TRACK_HELP),
    today: str | None = common.today_option(""),
    output_format: str = common.format_option(
        *FORMATS,
        help=(
            "table (un tableau par filière), timeline (grille des mois, comme la brochure) ou json."
        ),
    ),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """Les fenêtres de stage de chaque filière : dates, durée, date limite de dépôt
    des offres et statut (passé, en cours, à venir) par rapport à aujourd'hui.

    Sans commande, affiche le calendrier ; check, roll et diff préparent celui
    de l'année suivante.

    Toutes les promotions en cours à la date du jour sont montrées, l'une après
    l'autre, chacune nommée (« promotion 2027-2028 ») ; --promotion 2027-2028
    n'en garde qu'une.

    Exemples :

      inet-stages calendar --track ingenieurs --today 2026-11-28

      inet-stages calendar --format timeline

      inet-stages calendar --format json

      inet-stages calendar check
    """
    if ctx.invoked_subcommand is not None:
        return
    day = common.parse_today(today)
    shown = promotions.select(ctx, day, end=day, years=promotion, drafts=drafts).calendars
    track_id = common.resolve_track(shown[0], track)
    selected = [(c, [t for t in c.tracks if track_id is None or t.id == track_id]) for c in shown]
    selected = [(c, tracks) for c, tracks in selected if tracks]

    from inet_stages.render import calendar as render
    from inet_stages.render import promotions as many

    if output_format == "json":
        if len(shown) == 1:
            cal, tracks = shown[0], selected[0][1] if selected else []
            document = render.calendar_json(cal, tracks, day)
            document["calendars"] = [cal.school_year]
            for track_json in document["tracks"]:
                for window in track_json["windows"]:
                    window["calendar"] = cal.school_year
            common.emit_json(document)
        else:
            common.emit_json(many.calendar_json_many(selected, day))
        return
    console = common.stdout_console()
    several = len(selected) > 1
    for index, (cal, tracks) in enumerate(selected):
        if index:
            console.print()
        if output_format == "timeline":
            console.print(render.timeline(cal, tracks, day, width=console.width))
            continue
        tables = render.calendar_tables(cal, tracks, day, promotion=several, width=console.width)
        for table in tables:
            console.print(table)
