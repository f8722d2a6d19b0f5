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
    coordination: bool = typer.Option(
        False,
        "--coordination",
        help=(
            "Variante de la coordination : garde la ligne « #:schema » et les commandes de "
            "vérification, pour un éditeur de texte. Sans cette option, le modèle est celui "
            "qu'une structure peut remplir et renvoyer."
        ),
    ),
    promotion: str | None = typer.Option(
        None,
        "--promotion",
        metavar="ANNÉE",
        help=(
            "La promotion de l'offre (2027-2028). Par défaut : la plus ancienne dont la date "
            "limite de dépôt de ce stage n'est pas passée."
        ),
    ),
    today: str | None = common.today_option(),
) -> None:
    """Écrit un modèle d'offre commenté pour un stage : fenêtre, durée, date limite,
    structure d'accueil et tuteur attendus, tirés du calendrier.

    Le modèle est celui qu'une structure d'accueil remplit : elle remplace
    chaque « À COMPLÉTER : … » et renvoie le fichier à la coordination. Avec
    --coordination, il garde la ligne « #:schema » (complétion des clés dans
    l'éditeur) et la commande de vérification.

    Quand deux promotions sont en cours, le modèle est celui de la promotion
    dont la date limite de dépôt de ce stage n'est pas encore passée ; la
    promotion prise est dite, --promotion en choisit une autre.

    Exemples :

      inet-stages template thematique --track administrateurs -o offre.toml

      inet-stages template projet_collectif --coordination
    """
    from inet_stages.cli import promotions
    from inet_stages.ids import UnknownId, resolve
    from inet_stages.offer.template import choose_promotion, render_template

    day = common.parse_today(today)
    years = [promotion] if promotion else None
    calendars = list(promotions.select(ctx, day, end=None, years=years).calendars)
    first = calendars[0]
    try:
        internship_id = resolve(internship, first.internship_ids, kind="internship")
    except UnknownId as exc:
        common.fail(exc.message)
    from inet_stages.text.frdates import format_date

    track_id = common.resolve_track(first, track)
    wanted = [track_id] if track_id is not None else []
    calendar = choose_promotion(calendars, internship_id, wanted, day)
    if len(calendars) > 1 and not promotion:
        others = ", ".join(c.school_year for c in calendars if c is not calendar)
        common.warn(
            f"Modèle pour la promotion {calendar.school_year} (la plus ancienne dont la date "
            f"limite de dépôt n'est pas passée le {format_date(day, weekday=False)}) ; "
            "pour une autre : "
            f"--promotion {others}."
        )
    having = [w.track for w in calendar.windows_of_internship(internship_id)]
    if track_id is not None and track_id not in having:
        from inet_stages.rules.identifiers import not_planned

        common.fail(not_planned(calendar, internship_id, track_id))
    tracks = [track_id] if track_id is not None else having
    text = render_template(calendar, internship_id, tracks, coordination=coordination)
    common.write_output(output, text, force=force)


@schema_app.command("offer")
def schema_offer(
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
) -> None:
    """Le schéma JSON du format des offres (version 1), avec la description de chaque clé.

    Les éditeurs qui comprennent les schémas TOML (taplo, Even Better TOML)
    complètent et vérifient alors les clés : le modèle d'offre de la
    coordination (« inet-stages template STAGE --coordination ») commence par
    « #:schema ./offer.schema.json ».

    Exemple :

      inet-stages schema offer -o offer.schema.json
    """
    import json

    from inet_stages.offer.schema import offer_schema

    text = json.dumps(offer_schema(), ensure_ascii=False, indent=2) + "\n"
    common.write_output(output, text, force=force)
