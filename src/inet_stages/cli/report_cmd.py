"""``inet-stages report``: are there enough offers per internship and track, and the letters."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common
from inet_stages.cli.common import TODAY_HELP

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.report import Reply

FORMATS = ("table", "json", "csv")

#: More files than this, on a terminal, get a progress bar on stderr.
PROGRESS_THRESHOLD = 30


def wants_progress(files: int, *, terminal: bool, output_format: str) -> bool:
    """A progress bar only for a long batch, on a terminal, and never with JSON."""
    return files > PROGRESS_THRESHOLD and terminal and output_format != "json"


def report(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ...,
        metavar="CHEMIN...",
        help="Fichiers d'offres (.toml) ou dossiers (parcourus récursivement, *.toml).",
        show_default=False,
    ),
    cohort: list[str] = typer.Option(
        [],
        "--cohort",
        "-c",
        metavar="FILIÈRE=N",
        help=(
            "Effectif d'une promotion (répétable) : --cohort administrateurs=40 "
            "--cohort ingenieurs=25. Remplace la valeur « cohort » du calendrier."
        ),
        show_default=False,
    ),
    today: str | None = typer.Option(None, "--today", metavar="AAAA-MM-JJ", help=TODAY_HELP),
    output_format: str = typer.Option(
        "table",
        "--format",
        "-f",
        metavar="FORMAT",
        help="table (tableau et bilan), json (un seul document) ou csv (pour Excel, « ; »).",
    ),
    letters: Path | None = typer.Option(
        None,
        "--letters",
        metavar="DOSSIER",
        help=(
            "Écrit dans DOSSIER (créé au besoin) une réponse en Markdown par offre, "
            "nommée comme l'offre (colmar.toml → colmar.md)."
        ),
    ),
    force: bool = typer.Option(
        False, "--force", help="Remplace les lettres qui existent déjà dans le dossier."
    ),
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

    Avec --letters DOSSIER : une lettre par offre, adressée au tuteur ou à la
    tutrice, « votre offre est retenue telle quelle » ou « voici ce qu'il faut
    corriger » (chaque remarque expliquée par sa règle) et la date avant laquelle
    la renvoyer. Une lettre existante n'est remplacée qu'avec --force ; sans
    --force, rien n'est écrit si l'une existe.

    Code de sortie : 0 quand le bilan est produit, même si des offres sont
    invalides ; 2 pour une option invalide, un chemin introuvable (les autres
    sont tout de même comptés) ou des lettres qui existent déjà.

    Exemples :

      inet-stages report offres/ --today 2027-01-05

      inet-stages report offres/ -c administrateurs=40 -c conservateurs=15

      inet-stages report offres/ --format csv > bilan.csv

      inet-stages report offres/ --letters reponses/
    """
    chosen = common.check_choice("--format", output_format, FORMATS)
    day = common.parse_today(today)
    calendar = common.load_calendar(ctx, today=day)

    from inet_stages.report import CohortError, parse_cohorts, replies, tally
    from inet_stages.validate import check_files, collect

    try:
        cohorts = parse_cohorts(cohort, calendar.track_ids)
    except CohortError as exc:
        common.fail(f"--cohort : {exc.message}")
    collected = collect(paths)
    for problem in collected.missing:
        common.warn(f"inet-stages : erreur : {problem}")
    terminal = sys.stderr.isatty()
    if wants_progress(len(collected.targets), terminal=terminal, output_format=chosen):
        from rich.progress import Progress

        with Progress(console=common.stderr_console(), transient=True) as progress:
            task = progress.add_task("Vérification des offres", total=len(collected.targets))
            checked = check_files(
                collected.targets,
                calendar,
                day,
                progress=lambda _t: progress.advance(task),
                keep_offers=True,
            )
    else:
        checked = check_files(collected.targets, calendar, day, keep_offers=True)
    answers = replies(calendar, checked) if letters is not None else ()
    if letters is not None:
        _refuse_existing(letters, answers, force=force)
    counted = tally(calendar, checked, cohorts)

    from inet_stages.render import report as render

    if chosen == "json":
        common.emit_json(render.tally_json(counted))
    elif chosen == "csv":
        common.write_output(None, render.tally_csv(calendar, counted), force=False)
        if counted.unclassified:
            count = len(counted.unclassified)
            which = "offre non classée" if count == 1 else "offres non classées"
            common.warn(
                f"Attention : {count} {which} (illisibles, stage ou filière inconnus) "
                "hors du CSV : voir --format table ou json."
            )
    else:
        console = common.stdout_console()
        console.print(render.tally_table(calendar, counted))
        console.print()
        console.print(render.legend(calendar, counted))
        hosts = render.hosts_lines(calendar, counted)
        if hosts:
            console.print()
            console.print("\n".join(hosts))
        # One line per file, whatever the width, so that paths can be copied.
        for block in (render.unclassified_lines(counted), render.duplicates_lines(counted)):
            if block:
                console.print()
                console.print("\n".join(block), soft_wrap=True)
        console.print()
        console.print(render.summary_line(calendar, counted))
    if letters is not None:
        _write_letters(letters, calendar, answers, force=force)
    raise typer.Exit(common.EXIT_USAGE if collected.missing else common.EXIT_OK)


def _refuse_existing(folder: Path, answers: tuple[Reply, ...], *, force: bool) -> None:
    """Stop before any output when the folder is a file, cannot be made, or letters exist."""
    from inet_stages.writes import reason

    try:
        _check_folder(folder, answers, force=force)
    except OSError as exc:  # a name too long, a folder that cannot be read
        common.fail(f"--letters : {folder} inutilisable ({reason(exc)}).")


def _check_folder(folder: Path, answers: tuple[Reply, ...], *, force: bool) -> None:
    if folder.exists() and not folder.is_dir():
        common.fail(f"--letters : {folder} existe et n'est pas un dossier.")
    existing = [] if force else [folder / a.letter for a in answers if (folder / a.letter).exists()]
    if existing:
        shown = "\n".join(f"  {path}" for path in existing[:20])
        more = f"\n  … et {len(existing) - 20} autres" if len(existing) > 20 else ""
        exist = "lettre existe déjà" if len(existing) == 1 else "lettres existent déjà"
        common.fail(
            f"--letters : {len(existing)} {exist} ; aucune lettre n'a été écrite. "
            f"Ajoutez --force pour remplacer :\n{shown}{more}"
        )
    # Created now, before the report is printed: a folder that cannot be made
    # stops the command before any output, not after it.
    from inet_stages.writes import reason

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"--letters : impossible de créer le dossier {folder} ({reason(exc)}).")


def _write_letters(
    folder: Path, calendar: Calendar, answers: tuple[Reply, ...], *, force: bool
) -> None:
    from inet_stages.render.report import render_letter
    from inet_stages.writes import WriteRefused, write_atomic

    written: list[str] = []
    try:
        for answer in answers:
            write_atomic(folder / answer.letter, render_letter(calendar, answer), force=force)
            written.append(answer.letter)
    except (WriteRefused, KeyboardInterrupt) as exc:
        # Stopped midway (Ctrl-C, another run writing the same letters): say
        # which letters are on disk, so that none is sent twice or forgotten.
        _list_written(folder, written, len(answers))
        if isinstance(exc, WriteRefused):
            common.fail(exc.message)
        raise
    accepted = sum(1 for a in answers if a.accepted)
    kept = "offre retenue telle quelle" if accepted < 2 else "offres retenues telles quelles"
    common.warn(
        f"Lettres écrites dans {folder} : {len(answers)} ({accepted} {kept}, "
        f"{len(answers) - accepted} à corriger)."
    )


def _list_written(folder: Path, written: list[str], total: int) -> None:
    """On stderr: the letters of an interrupted run that were written, one per line."""
    if not written:
        common.warn(f"Aucune lettre écrite dans {folder} (sur {total}).")
        return
    common.warn(f"Lettres écrites dans {folder} avant l'arrêt : {len(written)} sur {total}.")
    for name in written:
        common.warn(f"  {name}")
