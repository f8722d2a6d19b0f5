"""``calendar check``, ``calendar roll`` and ``calendar diff``: preparing next year's calendar.

Registered on ``calendar_app`` when imported (one import line in ``cli/__init__``).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common
from inet_stages.cli.calendar_cmd import calendar_app

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar

CHECK_FORMATS = ("text", "json")


@calendar_app.command("check")
def check(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None,
        metavar="FICHIER",
        show_default=False,
        help="Calendrier à vérifier (par défaut : celui en usage, voir --calendar).",
    ),
    previous: str | None = typer.Option(
        None,
        "--previous",
        metavar="FICHIER|ANNÉE",
        help=(
            "Calendrier de l'année précédente (fichier ou année scolaire, 2026-2027) : "
            "signale les stages qu'une filière a perdus."
        ),
    ),
    min_notice_weeks: int = typer.Option(
        8,
        "--min-notice-weeks",
        min=0,
        max=52,
        metavar="N",
        help="Semaines minimales entre la date limite de dépôt et le début de la fenêtre.",
    ),
    output_format: str = common.format_option(*CHECK_FORMATS, help="text (par défaut) ou json."),
    strict: bool = typer.Option(
        False, "--strict", help="Sortie en code 1 aussi sur un avertissement."
    ),
    today: str | None = common.today_option(
        " Sert à choisir le calendrier et à signaler les dates limites passées d'un brouillon."
    ),
) -> None:
    """Vérifie un calendrier comme un correcteur : toutes les erreurs, puis des avertissements.

    Erreurs (C1xx structure, C2xx cohérence, C100 TOML invalide) : celles qui
    empêchent de charger le calendrier. Avertissements (C3xx) : C301 date un
    week-end, C302 date un jour férié (national ; pour les dates limites de
    dépôt, aussi ceux d'Alsace-Moselle), C303 date limite trop proche de la
    fenêtre, C304 fenêtres qui se chevauchent dans une filière, C305 (avec
    --previous) stage qu'une filière avait l'an dernier et n'a plus, C306 date
    limite de dépôt d'un brouillon (draft = true) déjà passée à la date du jour.

    Code de sortie : 0 sans erreur (avertissements permis), 1 avec au moins une
    erreur (ou un avertissement sous --strict), 2 si le fichier est introuvable.

    Exemples :

      inet-stages calendar check

      inet-stages calendar check calendar_2027_28.toml --previous 2026-2027

      inet-stages calendar check calendar_2027_28.toml --format json
    """
    from inet_stages.calendar import packaged_path
    from inet_stages.calendar.check import CheckOptions, check_file
    from inet_stages.io.tomlsafe import TomlInputError
    from inet_stages.render.calendar_check import check_json, check_text

    packaged = False
    day = common.parse_today(today)
    if file is None:
        found = common.choose_calendar(ctx, day)
        packaged = found is None
        file = packaged_path() if found is None else found
    last = load_previous(previous)
    try:
        report = check_file(
            file,
            CheckOptions(min_notice_weeks=min_notice_weeks, previous=last, today=day),
            packaged=packaged,
        )
    except TomlInputError as exc:
        common.fail(exc.located())
    if output_format == "json":
        common.emit_json(check_json(report))
    else:
        common.write_output(None, check_text(report), force=False)
    failed = report.errors > 0 or (strict and report.warnings > 0)
    raise typer.Exit(common.EXIT_INVALID if failed else common.EXIT_OK)


def load_previous(value: str | None, option: str = "--previous") -> Calendar | None:
    """A calendar named by path or school year (draft or not), or exit 2 naming the problem."""
    if value is None:
        return None
    return common.load_calendar_file(common.calendar_file(value, option))


@calendar_app.command("roll")
def roll(
    ctx: typer.Context,
    file: Path | None = typer.Argument(
        None,
        metavar="FICHIER",
        show_default=False,
        help="Calendrier de départ (par défaut : celui en usage, voir --calendar).",
    ),
    to: str | None = typer.Option(
        None,
        "--to",
        metavar="AAAA-AAAA",
        help="Année scolaire du brouillon (par défaut : celle qui suit le calendrier de départ).",
    ),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    today: str | None = common.today_option(
        " Sert à choisir le calendrier et à signaler les dates limites déjà passées."
    ),
    promotion: str | None = typer.Option(
        None,
        "--promotion",
        metavar="ANNÉE",
        help="Calendrier de départ par son année scolaire (2026-2027), quand deux promotions "
        "sont en cours.",
    ),
) -> None:
    """Prépare le brouillon du calendrier de l'année suivante à partir de celui-ci.

    Les scolarités gardent leurs dates (1er février → 1er février, 31 juillet →
    31 juillet). Les autres dates gardent leur jour de la semaine, le plus proche
    de la même date l'an prochain (52 semaines, ou 53 quand c'est plus près).
    Une fenêtre avance d'un bloc (début, fin et alternatives) et garde son
    nombre de semaines. school_year et draft = true sont posés ; les
    commentaires sont conservés.

    Le rapport liste les dates à revoir à la main : tombées sur un jour férié,
    à plus de trois jours de la même date de l'an prochain, ou dates limites de
    dépôt déjà passées à la date du jour (--today). Il va sur stderr quand le
    brouillon sort sur stdout, sur stdout avec -o.

    Exemples :

      inet-stages calendar roll --to 2027-2028 -o calendar_2027_28.toml

      inet-stages calendar roll calendar_2027_28.toml --to 2028-2029 > brouillon.toml
    """
    from inet_stages.calendar import packaged_path
    from inet_stages.calendar.roll import RollError
    from inet_stages.calendar.roll import roll as roll_calendar
    from inet_stages.render.calendar_roll import roll_report

    if file is None and promotion is not None:
        file = common.calendar_file(promotion, "--promotion")
    elif file is None:
        day = common.parse_today(today)
        found = common.choose_calendar(ctx, day)
        file = packaged_path() if found is None else found
        _say_which(ctx, file, day)
    source = common.load_calendar_file(
        file, advice="Corrigez-le avant d'en tirer l'année suivante."
    )
    if to is None:
        from inet_stages.calendar.model import parse_school_year

        first = parse_school_year(source.school_year)
        to = f"{(first or 0) + 1}-{(first or 0) + 2}"
    from inet_stages.io.tomlsafe import decode, read_bytes

    text = decode(str(file), read_bytes(file))
    try:
        rolled = roll_calendar(text, to, name=str(file), today=common.parse_today(today))
    except RollError as exc:
        common.fail(exc.message)
    report = roll_report(
        rolled,
        # The packaged calendar is named by its year: « --previous 2026-2027 » works.
        source=source.school_year if file == packaged_path() else str(file),
        target=str(output) if output else "BROUILLON.toml",
    )
    common.write_output(output, rolled.text, force=force)
    if output is None:
        sys.stderr.write(report)
    else:
        common.write_output(None, report, force=False)


def _say_which(ctx: typer.Context, file: Path, day: date) -> None:
    """With two promotions in progress, name the one taken and how to take the other."""
    from inet_stages.calendar.promotions import select, start_note
    from inet_stages.cli import promotions

    if common.options(ctx).calendar:
        return
    calendars, default = promotions.known_calendars()
    # Drafts count here: rolling this year again beside next year's draft is worth a word.
    selection = select(calendars, start=day, end=None, default=default, years=[], drafts=True)
    note = start_note(selection, Path(file))
    if note is not None:
        common.warn(note)


@calendar_app.command("diff")
def diff(
    old: str = typer.Argument(
        ..., metavar="ANCIEN", help="Calendrier de départ (fichier ou année)."
    ),
    new: str = typer.Argument(
        ..., metavar="NOUVEAU", help="Calendrier d'arrivée (fichier ou année)."
    ),
    output_format: str = common.format_option(*CHECK_FORMATS, help="text (par défaut) ou json."),
) -> None:
    """Ce qui a changé d'un calendrier à l'autre, par filière et par stage.

    Dates déplacées (en jours, et en semaines quand le compte est rond), durées,
    dates limites de dépôt ajoutées, retirées ou déplacées, fenêtres ajoutées ou
    retirées, scolarités, tuteurs exigés et seuils des projets collectifs. Les
    textes (objectifs, exemples) ne sont pas comparés. Chaque calendrier est un
    fichier ou une année scolaire (voir --calendar). Code de sortie 0, même
    s'il y a des différences ; 2 si un calendrier ne se charge pas.

    Exemples :

      inet-stages calendar diff 2026-2027 calendar_2027_28.toml

      inet-stages calendar diff brouillon.toml calendar_2027_28.toml --format json
    """
    from inet_stages.calendar.diff import diff as diff_calendars
    from inet_stages.render.calendar_diff import diff_json, diff_text

    before = load_previous(old, "ANCIEN")
    after = load_previous(new, "NOUVEAU")
    assert before is not None and after is not None
    changes = diff_calendars(before, after)
    if output_format == "json":
        common.emit_json(diff_json(before, after, changes))
    else:
        common.write_output(None, diff_text(before, after, changes), force=False)
