"""``inet-stages report``: are there enough offers per internship and track, and the letters."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.decisions_opt import DECISIONS_OPTION
from inet_stages.cli.decisions_opt import apply as decided

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.report.tally import Tally

FORMATS = ("table", "json", "csv")
LETTER_FORMATS = ("eml", "txt", "md")

#: More files than this, on a terminal, get a progress bar on stderr.
PROGRESS_THRESHOLD = 30


def wants_progress(files: int, *, terminal: bool, output_format: str) -> bool:
    """A progress bar only for a long batch, on a terminal, and never with JSON."""
    return files > PROGRESS_THRESHOLD and terminal and output_format != "json"


def report(
    ctx: typer.Context,
    paths: list[str] | None = typer.Argument(
        None,
        metavar="CHEMIN...",
        help=(
            "Fichiers d'offres (.toml) ou dossiers (parcourus récursivement, *.toml). "
            "Par défaut : le dossier « offres » du dossier de saison."
        ),
        show_default=False,
    ),
    cohort: list[str] = typer.Option(
        [],
        "--cohort",
        "-c",
        metavar="[PROMOTION:]FILIÈRE=N",
        help=(
            "Effectif d'une promotion (répétable) : --cohort administrateurs=40 "
            "--cohort ingenieurs=25, pour toutes les promotions ; "
            "--cohort 2027-2028:administrateurs=40 pour une seule. Remplace la valeur "
            "« cohort » du calendrier."
        ),
        show_default=False,
    ),
    today: str | None = common.today_option(""),
    output_format: str = common.format_option(
        *FORMATS,
        help="table (tableau et bilan), json (un seul document) ou csv (pour Excel, « ; »).",
    ),
    header: str = common.header_option(),
    letters: Path | None = typer.Option(
        None,
        "--letters",
        metavar="DOSSIER",
        help=(
            "Écrit dans DOSSIER (créé au besoin) une réponse par offre et par adresse de "
            "tuteur, nommée comme l'offre (colmar.toml → colmar.eml) ; une seule pour les "
            "exemplaires d'une offre venus de la même adresse."
        ),
    ),
    letters_format: str = typer.Option(
        "eml",
        "--letters-format",
        metavar="FORMAT",
        help=(
            "eml (brouillon de courriel à ouvrir dans Outlook ou Thunderbird), "
            "txt (texte) ou md (Markdown)."
        ),
    ),
    force: bool = typer.Option(
        False, "--force", help="Réécrit aussi les lettres qui existent déjà dans le dossier."
    ),
    drafts: bool = promotions.drafts_option(),
    decisions: Path | None = DECISIONS_OPTION,
) -> None:
    """Bilan des offres reçues : assez d'offres par stage et par filière ? Quoi répondre ?

    Pour chaque stage et chaque filière du calendrier (même sans offre) : offres
    valides, invalides, valides avec avertissements, places, effectif de la
    promotion et élèves encore sans place ; puis les structures d'accueil, les
    offres non classées (illisibles, stage ou filière inconnus), les offres en
    double et un bilan. Les offres sont vérifiées comme par « inet-stages
    validate ».

    Une offre valide vaut une place ; un projet collectif, une place par élève
    de l'équipe (4 en 2026-2027), pour les trois filières ensemble : une seule
    ligne, dont l'effectif est la somme des trois promotions. Une offre reçue
    en double ne compte qu'une fois. Sans effectif (--cohort, ou « cohort »
    dans le calendrier), la colonne Manque reste « — ».

    Les décisions de la coordination (decisions.toml du dossier, ou --decisions
    FICHIER) comptent : une offre acceptée malgré une remarque est valide, une
    offre refusée ne l'est pas.

    Avec --letters DOSSIER : une lettre par offre et par adresse de tuteur
    (une seule pour les exemplaires venus de la même adresse), un brouillon
    de courriel (.eml) adressé au tuteur ou à la tutrice, de la part de la
    coordination des stages, qui dit pour chaque filière le verdict du
    bilan : retenue (avec les dates du stage), retenue sous réserve, à
    compléter (et avant quelle date) ou non retenue, et pourquoi. Une adresse
    absente ou invalide n'arrête rien : ce brouillon est écrit sans
    destinataire et le bilan le signale. Vos références (fichiers, codes)
    sont dans l'en-tête X-INET-Reference et dans le bilan, jamais dans la
    lettre. Les textes viennent de modèles que « inet-stages letters init »
    copie dans votre dossier pour les modifier (voir le guide, « Lettres »).
    Les lettres déjà présentes sont gardées et listées ; --force les réécrit.

    Deux promotions en cours : chaque offre est comptée avec sa promotion (voir
    « inet-stages validate --help »), un tableau par promotion ; --cohort
    s'applique à chacune, ou à une seule quand il la nomme
    (--cohort 2027-2028:administrateurs=40) ; sans --cohort, chaque promotion
    prend l'effectif de son calendrier.

    Code de sortie : 0 quand le bilan est produit, même si des offres sont
    invalides ; 2 pour une option invalide, un chemin introuvable (rien n'est
    alors compté ni écrit), un fichier ou dossier illisible ou un lien non
    suivi (les autres sont tout de même comptés) ou un modèle de lettre qui ne
    peut être lu.

    Exemples :

      inet-stages report offres/ --today 2027-01-05

      inet-stages report offres/ -c administrateurs=40 -c conservateurs=15

      inet-stages report offres/ --format csv > bilan.csv

      inet-stages report offres/ --letters reponses/
    """
    paths = season_opt.offers(paths)
    letters_kind = common.check_choice("--letters-format", letters_format, LETTER_FORMATS)
    names = common.check_choice("--header", header, ("fr", "ids"))
    day = common.parse_today(today)
    calendar, calendars, chooser = promotions.for_offers(ctx, day, drafts=drafts)

    from inet_stages.batch.check import check_files, collect
    from inet_stages.report.tally import CohortError, cohorts_by_promotion, cohorts_for, tally

    try:
        cohorts = cohorts_by_promotion(
            cohort, calendar.track_ids, sorted(c.school_year for c in calendars)
        )
    except CohortError as exc:
        common.fail(f"--cohort : {exc.message}")
    collected = collect(paths)
    for problem in collected.missing:
        common.warn(f"inet-stages : erreur : {problem}")
    if collected.absent or (not collected.targets and collected.missing):
        # A path typed wrong (or nothing usable): counts of the rest, or a table of
        # zeros, would read as the season's result. An unreadable file among
        # others is reported and the others still counted; the exit code says 2.
        raise typer.Exit(common.EXIT_USAGE)
    terminal = sys.stderr.isatty()
    if wants_progress(len(collected.targets), terminal=terminal, output_format=output_format):
        from rich.progress import Progress

        with Progress(console=common.stderr_console(), transient=True) as progress:
            task = progress.add_task("Vérification des offres", total=len(collected.targets))
            checked = check_files(
                collected.targets,
                calendar,
                day,
                progress=lambda _t: progress.advance(task),
                keep_offers=True,
                chooser=chooser,
            )
    else:
        checked = check_files(collected.targets, calendar, day, keep_offers=True, chooser=chooser)
    checked = decided(checked, paths, decisions)
    from inet_stages.batch.by_promotion import split

    # Each promotion's offers against its own windows; the oldest in progress first.
    ordered = sorted(calendars, key=lambda c: (c is not calendar, c.school_year))
    parts = split(checked, ordered) if len(calendars) > 1 else [(calendar, checked)]
    parts.sort(key=lambda p: p[0].school_year)
    rendered = []
    if letters is not None:
        from inet_stages.cli import letters_out

        # Each letter with its own promotion's dates; every one rendered before
        # any output, so that a broken template stops the command first.
        for cal, part in parts:
            rendered += letters_out.prepare(
                letters,
                cal,
                part,
                day=day,
                when=letters_out.draft_time(day, today is not None),
                letters_format=letters_kind,  # type: ignore[arg-type]
            )
    tallies = [
        (cal, tally(cal, part, cohorts_for(cohorts, cal.school_year))) for cal, part in parts
    ]

    from inet_stages.render import promotions as many
    from inet_stages.render import report as render
    from inet_stages.render.fit import wrapped_lines

    extra: dict[str, object] = {}
    if letters is not None and output_format == "json":
        # The document lists the letters written or kept: written first.
        letters_out.write(letters, rendered, force=force)
        extra["letters"] = [item.as_json(letters) for item in rendered]
    if len(tallies) > 1:
        _print_many(output_format, tallies, header=names, extra=extra)
    elif output_format == "json":
        cal, counted = tallies[0]
        common.emit_json({**render.tally_json(counted), **extra})
    elif output_format == "csv":
        cal, counted = tallies[0]
        common.write_output(None, render.tally_csv(cal, counted, header=names), force=False)
        if counted.unclassified:
            count = len(counted.unclassified)
            which = "offre non classée" if count == 1 else "offres non classées"
            common.warn(
                f"Attention : {count} {which} (illisibles, stage ou filière inconnus) "
                "hors du CSV : voir --format table ou json."
            )
    else:
        _print_table(*tallies[0])
        if len(calendars) > 1:
            common.stdout_console().print(wrapped_lines(many.promotions_line(tallies)))
    if letters is not None and output_format != "json":
        letters_out.write(letters, rendered, force=force)
    raise typer.Exit(common.EXIT_USAGE if collected.missing else common.EXIT_OK)


def _print_table(calendar: Calendar, counted: Tally, *, heading: bool = False) -> None:
    """One promotion's table, legend, hosts, unclassified files, duplicates and summary."""
    from rich.text import Text

    from inet_stages.render import report as render
    from inet_stages.render.fit import wrapped_lines

    console = common.stdout_console()
    if heading:
        console.print(Text(f"Promotion {calendar.school_year}", style="bold"))
    console.print(render.tally_table(calendar, counted))
    console.print()
    console.print(render.legend(calendar, counted))
    hosts = render.hosts_lines(calendar, counted)
    if hosts:
        console.print()
        console.print(wrapped_lines("\n".join(hosts)))
    # A path is never cut (it overflows the line, whole), so that it can be copied.
    for block in (render.unclassified_lines(counted), render.duplicates_lines(counted)):
        if block:
            console.print()
            console.print(wrapped_lines("\n".join(block)))
    console.print()
    console.print(render.summary_line(calendar, counted))


def _print_many(
    output_format: str,
    tallies: list[tuple[Calendar, Tally]],
    *,
    header: str,
    extra: dict[str, object] | None = None,
) -> None:
    """Several promotions: one document, or one table per promotion and a line counting each."""
    from inet_stages.render import promotions as many
    from inet_stages.render.fit import wrapped_lines

    if output_format == "json":
        common.emit_json({**many.tally_json_many(tallies), **(extra or {})})
        return
    if output_format == "csv":
        common.write_output(None, many.tally_csv_many(tallies, header=header), force=False)
        return
    for index, (calendar, counted) in enumerate(tallies):
        if index:
            common.stdout_console().print()
        _print_table(calendar, counted, heading=True)
    common.stdout_console().print()
    common.stdout_console().print(wrapped_lines(many.promotions_line(tallies)))
