"""``inet-stages template`` and ``inet-stages schema offer``: start an offer file right."""

from __future__ import annotations

from pathlib import Path

import typer

from inet_stages.cli import common

schema_app = typer.Typer(
    no_args_is_help=True,
    help=(
        "Schémas JSON des fichiers d'inet-stages (pour les éditeurs)."
        "\n\nExemple : inet-stages schema offer -o offer.schema.json"
    ),
)


def template(
    ctx: typer.Context,
    internship: str = typer.Argument(
        ...,
        metavar="STAGE",
        help=(
            "observation, thematique, projet_collectif, ouverture, perfectionnement ou "
            "professionnalisation."
        ),
        show_default=False,
    ),
    track: str | None = common.track_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    today: str | None = common.today_option(),
) -> None:
    """Écrit un modèle d'offre commenté pour un stage : fenêtre, durée, date limite,
    structure d'accueil et tuteur attendus, tirés du calendrier.

    Remplacez chaque « À COMPLÉTER : … » puis vérifiez avec « inet-stages validate ».

    Exemples :

      inet-stages template thematique --track administrateurs -o offre.toml

      inet-stages template projet_collectif
    """
    from inet_stages.ids import UnknownId, resolve
    from inet_stages.offer.template import render_template

    calendar = common.load_calendar(ctx, today=common.parse_today(today))
    try:
        internship_id = resolve(internship, calendar.internship_ids, kind="internship")
    except UnknownId as exc:
        common.fail(exc.message)
    track_id = common.resolve_track(calendar, track)
    having = [w.track for w in calendar.windows_of_internship(internship_id)]
    if track_id is not None and track_id not in having:
        from inet_stages.rules.identifiers import not_planned

        common.fail(not_planned(calendar, internship_id, track_id))
    tracks = [track_id] if track_id is not None else having
    common.write_output(output, render_template(calendar, internship_id, tracks), force=force)


@schema_app.command("offer")
def schema_offer(
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
) -> None:
    """Le schéma JSON du format des offres (version 1), avec la description de chaque clé.

    Les éditeurs qui comprennent les schémas TOML (taplo, Even Better TOML)
    complètent et vérifient alors les clés : le modèle d'offre commence par
    « #:schema ./offer.schema.json ».

    Exemple :

      inet-stages schema offer -o offer.schema.json
    """
    import json

    from inet_stages.offer.schema import offer_schema

    text = json.dumps(offer_schema(), ensure_ascii=False, indent=2) + "\n"
    common.write_output(output, text, force=force)
