"""``inet-stages status``: the season at a glance, from the season folder it runs in.

Reads what the folder holds (:mod:`inet_stages.season.folder`), checks the
offers as ``report`` does (decisions applied), and hands everything to the
pure core :func:`inet_stages.season.status.build_status`. A missing or
unreadable part is said and skipped: the rest of the status is still shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date
    from pathlib import Path

    from inet_stages.batch.check import Report, Target
    from inet_stages.calendar import Calendar
    from inet_stages.call.contacts import HostContact
    from inet_stages.offer.promotion import Chooser
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

    season = find_season(_root())
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


def _root() -> Path:
    from pathlib import Path

    return Path(".")


def _offers(
    ctx: typer.Context, season: Season, shown: list[Calendar], day: date, *, json_output: bool
) -> tuple[Report | None, list[tuple[Calendar, Report]]]:
    """The season's offers checked, decisions applied, and split by promotion."""
    if season.offers is None:
        return None, []
    from inet_stages.batch.by_promotion import split
    from inet_stages.batch.check import collect
    from inet_stages.cli.decisions_opt import apply
    from inet_stages.errors import UserError

    calendar, pool, chooser = promotions.for_offers(ctx, day)
    paths = [str(season.offers)]
    collected = collect(paths)
    for problem in collected.missing:
        common.warn(f"Attention : {problem}")
    checked = _check(collected.targets, calendar, day, chooser, json_output=json_output)
    try:
        checked = apply(checked, paths, None)
    except UserError as exc:
        common.warn(f"Attention : décisions non appliquées : {exc.render()}")
    years = {c.school_year for c in shown}
    ordered = sorted(pool, key=lambda c: (c.school_year not in years, c.school_year))
    parts = split(checked, ordered) if len(ordered) > 1 else [(ordered[0], checked)]
    parts.sort(key=lambda p: p[0].school_year)
    return checked, parts


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


def _check(
    targets: Sequence[Target],
    calendar: Calendar,
    day: date,
    chooser: Chooser,
    *,
    json_output: bool,
) -> Report:
    """The offers checked as ``report`` checks them, with its progress bar for a long batch."""
    import sys

    from inet_stages.batch.check import check_files
    from inet_stages.cli.report_cmd import wants_progress

    if not wants_progress(
        len(targets), terminal=sys.stderr.isatty(), output_format="json" if json_output else ""
    ):
        return check_files(targets, calendar, day, keep_offers=True, chooser=chooser)
    from rich.progress import Progress

    with Progress(console=common.stderr_console(), transient=True) as progress:
        task = progress.add_task("Vérification des offres", total=len(targets))
        return check_files(
            targets,
            calendar,
            day,
            progress=lambda _t: progress.advance(task),
            keep_offers=True,
            chooser=chooser,
        )
