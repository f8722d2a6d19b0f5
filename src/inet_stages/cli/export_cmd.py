"""``inet-stages export ics|html|csv``: the calendar for Outlook, the website and Excel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar, Track

export_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Publie le calendrier : fichier iCalendar (.ics) pour Outlook, Thunderbird ou un "
        "téléphone, page web autonome (.html) pour le site de l'école, tableau CSV pour Excel."
        "\n\nExemple : inet-stages export ics -o stages-2026-2027.ics"
    ),
)


def _tracks(
    ctx: typer.Context, track: str | None, today: str | None = None
) -> tuple[Calendar, list[Track]]:
    cal = common.load_calendar(ctx, today=common.parse_today(today))
    track_id = common.resolve_track(cal, track)
    return cal, [t for t in cal.tracks if track_id is None or t.id == track_id]


@export_app.command("ics")
def ics(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    alarm: str = typer.Option(
        "30,7,1",
        "--alarm",
        metavar="JOURS,…",
        help=(
            "Rappels avant chaque date limite de dépôt des offres, en jours, séparés par des "
            "virgules (0 = le jour même, à 9 h) ; « aucune » pour n'en mettre aucun."
        ),
    ),
    today: str | None = typer.Option(
        None,
        "--today",
        metavar="AAAA-MM-JJ",
        help=(
            "Date d'édition du fichier, écrite dans l'horodatage (DTSTAMP) des événements "
            "(par défaut : la date locale). Sert aussi à choisir le calendrier."
        ),
    ),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
) -> None:
    """Fichier iCalendar (.ics) : les fenêtres de stage et les dates limites de dépôt.

    Un événement « journée entière » par fenêtre de stage et par date limite de
    dépôt des offres (une seule pour les filières qui la partagent), avec des
    rappels avant chaque date limite. Les identifiants (UID) ne changent pas
    d'une exportation à l'autre : réimporter le fichier met les événements à
    jour au lieu de les dupliquer.

    Exemples :

      inet-stages export ics -o stages-2026-2027.ics

      inet-stages export ics --track conservateurs --alarm 14,2 -o conservateurs.ics
    """
    from datetime import UTC, datetime, time

    from inet_stages.render.ics import AlarmSpecError, parse_alarms, render_ics

    try:
        days = parse_alarms(alarm)
    except AlarmSpecError as exc:
        common.fail(f"--alarm : {exc}")
    day = common.parse_today(today)
    cal, tracks = _tracks(ctx, track, today)
    stamp = datetime.combine(day, time(0, 0), tzinfo=UTC)
    common.write_output(output, render_ics(cal, tracks, stamp=stamp, alarms=days), force=force)


@export_app.command("html")
def html(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
) -> None:
    """Page web autonome (.html) : dates limites, tableaux par filière, grille des mois.

    Un seul fichier, sans ressource externe ni script, à déposer tel quel sur
    le site de l'école ; il s'imprime aussi (feuille de style d'impression).

    Exemples :

      inet-stages export html -o calendrier-stages.html

      inet-stages export html --track ingenieurs -o ingenieurs.html
    """
    from inet_stages.render.html import render_html

    cal, tracks = _tracks(ctx, track, today)
    common.write_output(output, render_html(cal, tracks), force=force)


@export_app.command("csv")
def csv(
    ctx: typer.Context,
    *,
    track: str | None = common.track_option(),
    separator: str = typer.Option(
        ";",
        "--separator",
        "-s",
        metavar="SÉPARATEUR",
        help="« ; » (par défaut, pour Excel en français), « , », « tab » ou « | ».",
    ),
    header: str = common.header_option(),
    today: str | None = common.today_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
) -> None:
    """Tableau CSV : une ligne par fenêtre de stage, pour Excel ou un script.

    Colonnes : filière (code et libellé), stage (code et libellé), début,
    fin, semaines, date limite de dépôt (vide si non publiée), autres
    périodes. Avec --header ids, les en-têtes sont des identifiants stables
    (track, track_label, internship, internship_label, start, end, weeks,
    offers_deadline, alternatives). UTF-8 avec BOM, séparateur « ; » : Excel
    en français l'ouvre directement en colonnes.

    Exemples :

      inet-stages export csv -o stages.csv

      inet-stages export csv --separator , -o stages.csv
    """
    from inet_stages.render.csv import HEADERS, SEPARATORS, render_csv

    names = common.check_choice("--header", header, HEADERS)

    chosen = SEPARATORS.get(separator.strip().lower() or separator)
    if chosen is None:
        common.fail(
            f"--separator : « {separator[:20]} » n'est pas un séparateur accepté ; "
            "valeurs possibles : ; , tab |"
        )
    cal, tracks = _tracks(ctx, track, today)
    data = render_csv(cal, tracks, separator=chosen, header=names)
    common.write_output(output, data, force=force)
