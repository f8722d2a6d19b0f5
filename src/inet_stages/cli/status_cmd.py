"""``inet-stages status``: the season at a glance, from the season folder it runs in.

Reads what the folder holds (:mod:`inet_stages.season.folder`), checks the
offers as ``report`` does (decisions applied), and hands everything to the
pure core :func:`inet_stages.season.status.build_status`. A missing or
unreadable part is said and skipped: the rest of the status is still shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from datetime import date

    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar
    from inet_stages.call.contacts import HostContact
    from inet_stages.season.folder import Season

FORMATS = ("table", "json")


def status(
    ctx: typer.Context,
    today: str | None = common.today_option(),
    output_format: str = common.format_option(
        *FORMATS,
        help="table (un écran de 80 colonnes) ou json (un seul document, toutes les lignes).",
    ),
) -> None:
    """État de la saison, à lancer chaque matin dans le dossier de saison.

    Sur un écran : les échéances des 30 prochains jours de toutes les
    promotions en cours ; par stage et filière, les offres retenues, à
    compléter et non retenues, les places et l'effectif (les chiffres de
    « inet-stages report ») ; les offres à qui répondre (pas encore de lettre
    dans « lettres », ou offre modifiée depuis sa lettre) ; les contacts à
    relancer avant la prochaine date limite (ceux qu'écrirait « inet-stages
    call --remind ») ; les décisions en attente ; les élèves non placés des
    affectations enregistrées dans « affectations ». Chaque partie donne la
    commande qui s'en occupe.

    Une partie absente du dossier (offres, lettres, contacts…) est signalée
    avec la façon de l'ajouter ; le reste est montré.

    Code de sortie : 0 ; 2 pour une option invalide.

    Exemples :

      inet-stages status

      inet-stages status --today 2027-01-05 --format json
    """
    day = common.parse_today(today)
    from inet_stages.season.folder import find_season
    from inet_stages.season.status import build_status, next_days

    season = find_season(Path("."))
    calendars = list(promotions.select(ctx, day, end=next_days(day)).calendars)
    report, parts = _offers(ctx, season, calendars, day, json_output=output_format == "json")
    status_ = build_status(
        today=day,
        season=season,
        calendars=calendars,
        parts=parts,
        report=report,
        contacts=_contacts(season, calendars[0]),
    )
    from inet_stages.render import status as render

    if output_format == "json":
        common.emit_json(render.status_json(status_))
        return
    import sys

    width = common.stdout_console().width
    sys.stdout.write(render.status_text(status_, calendars, width=width))


def _offers(
    ctx: typer.Context, season: Season, shown: list[Calendar], day: date, *, json_output: bool
) -> tuple[Report | None, list[tuple[Calendar, Report]]]:
    """The season's offers checked, decisions applied, and split by promotion."""
    if season.offers is None:
        return None, []
    from inet_stages.batch.pipeline import by_promotion
    from inet_stages.cli.offers_opt import check_offers

    calendar, pool, chooser = promotions.for_offers(ctx, day)
    _, checked = check_offers(
        [str(season.offers)],
        calendar,
        chooser,
        day,
        lenient=True,
        progress="json" if json_output else "table",
        said="Attention : ",
    )
    years = {c.school_year for c in shown}
    ordered = sorted(pool, key=lambda c: (c.school_year not in years, c.school_year))
    return checked, by_promotion(checked, ordered)


def _contacts(season: Season, calendar: Calendar) -> list[HostContact] | None:
    """The contacts of the season folder; None when absent or unreadable (said on stderr)."""
    if season.contacts is None:
        return None
    from inet_stages.call.contacts import ContactsError, read_contacts
    from inet_stages.io.tabular import TableError, read_table

    try:
        return list(read_contacts(read_table(season.contacts), calendar).contacts)
    except (TableError, ContactsError) as exc:
        common.warn(f"Attention : {season.contacts} non lu : {exc.message}")
        return None
