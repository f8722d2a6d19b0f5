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

export_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Publie le calendrier : fichier iCalendar (.ics) pour Outlook, Thunderbird ou un "
        "téléphone, page web autonome (.html) pour le site de l'école, tableau CSV pour Excel."
        "\n\nExemple : inet-stages export ics -o stages-2026-2027.ics"
    ),
)


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
    track_id = common.resolve_track(shown[0], track)
    selected: list[tuple[Calendar, Sequence[Track]]] = [
        (c, [t for t in c.tracks if track_id is None or t.id == track_id]) for c in shown
    ]
    return [(c, tracks) for c, tracks in selected if tracks] or selected[:1]


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
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """Fichier iCalendar (.ics) : les fenêtres de stage et les dates limites de dépôt.

    Un événement « journée entière » par fenêtre de stage et par date limite de
    dépôt des offres (une seule pour les filières qui la partagent), avec des
    rappels avant chaque date limite. Les identifiants (UID) ne changent pas
    d'une exportation à l'autre : réimporter le fichier met les événements à
    jour au lieu de les dupliquer.

    Toutes les promotions en cours sont exportées dans le même fichier, chaque
    événement nommant sa promotion ; les identifiants commencent par l'année
    scolaire : un abonné voit les deux promotions, et une nouvelle exportation
    ne change rien à ce qui n'a pas changé.

    Exemples :

      inet-stages export ics -o stages-2026-2027.ics

      inet-stages export ics --track conservateurs --alarm 14,2 -o conservateurs.ics
    """
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
    """Page web autonome (.html) : dates limites, tableaux par filière, grille des mois.

    Un seul fichier, sans ressource externe ni script, à déposer tel quel sur
    le site de l'école ; il s'imprime aussi (feuille de style d'impression) et
    se lit sur un téléphone. La page dit la date du jour (--today) et marque
    « passée » chaque date limite antérieure.
    Quand deux promotions sont en cours, la page montre chacune : ses dates
    limites, sa grille des mois et ses tableaux.

    Exemples :

      inet-stages export html -o calendrier-stages.html

      inet-stages export html --track ingenieurs -o ingenieurs.html
    """
    from inet_stages.render.html import render_html_many

    day = common.parse_today(today)
    shown = _tracks(ctx, track, day, years=promotion, drafts=drafts)
    common.write_output(output, render_html_many(shown, day), force=force)


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
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """Tableau CSV : une ligne par fenêtre de stage, pour Excel ou un script.

    Colonnes : filière (code et libellé), stage (code et libellé), début,
    fin, semaines, date limite de dépôt (vide si non publiée), autres
    périodes, promotion (2027-2028 : toutes les promotions en cours). Avec
    --header ids, les en-têtes sont des identifiants stables (track,
    track_label, internship, internship_label, start, end, weeks,
    offers_deadline, alternatives, calendar). UTF-8 avec BOM, séparateur
    « ; » : Excel en français l'ouvre directement en colonnes.

    Exemples :

      inet-stages export csv -o stages.csv

      inet-stages export csv --separator , -o stages.csv
    """
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
