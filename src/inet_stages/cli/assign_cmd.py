"""``inet-stages assign``: options, the core's plan (:mod:`inet_stages.assign.plan`), rendering.

The students file is read and measured first, then the offers are checked as ``validate``
checks them; the core decides the places, the solver and what to say. The clock is read here.
"""

from __future__ import annotations

import re
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.decisions_opt import DECISIONS_OPTION
from inet_stages.cli.decisions_opt import apply as decided

if TYPE_CHECKING:
    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar
    from inet_stages.io.tabular import Table
    from inet_stages.offer.promotion import Chooser

FORMATS = ("table", "json", "csv")

#: More offer files than this, on a terminal, get a progress bar while they are checked.
PROGRESS_THRESHOLD = 30


def _fr(text: str) -> str:
    """French spacing in the help: a non-breaking space before « : ; ? ! » and inside « »."""
    text = re.sub(r" ([:;?!»])", "\u00a0\\1", text)
    return text.replace("« ", "«\u00a0")


def _stderr_is_terminal() -> bool:
    """Whether progress notes are wanted: someone watches stderr."""
    return sys.stderr.isatty()


def assign(
    ctx: typer.Context,
    paths: list[str] | None = typer.Argument(
        None,
        metavar="OFFRES...",
        help=(
            "Fichiers d'offres (.toml) ou dossiers (parcourus récursivement, *.toml). "
            "Par défaut : le dossier « offres » du dossier de saison."
        ),
        show_default=False,
    ),
    students: Path | None = typer.Option(
        None,
        "--students",
        "-s",
        metavar="FICHIER",
        help=_fr(
            "Fichier des élèves (.csv, « ; » ou « , », UTF-8 ou Windows-1252 ; ou classeur "
            ".xlsx, .xls, .ods) : colonnes "
            "name (nom), track (filière), email (facultatif), wish1, wish2… (vœu 1, vœu 2…) "
            "nommant les offres par leur nom de fichier sans .toml. Par défaut : eleves.csv "
            "ou eleves.xlsx du dossier de saison."
        ),
        show_default=False,
    ),
    internship: str = typer.Option(
        ...,
        "--internship",
        "-i",
        metavar="STAGE",
        help=_fr("Stage à pourvoir : thematique, projet_collectif, perfectionnement…"),
        show_default=False,
    ),
    today: str | None = common.today_option(""),
    output_format: str = common.format_option(
        *FORMATS,
        help=_fr("table (tableaux et bilan), json (un seul document) ou csv (pour Excel, « ; »)."),
    ),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    csv_header: str = common.header_option(),
    decisions: Path | None = DECISIONS_OPTION,
    seed: int = typer.Option(
        0,
        "--seed",
        metavar="N",
        help="Graine du tirage qui départage les affectations exactement aussi bonnes.",
    ),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        metavar="SECONDES",
        min=0.01,
        help=_fr(
            "Arrête le calcul au bout de ce temps : la meilleure affectation trouvée est "
            "donnée, avec son écart à l'optimum. Projets collectifs : 600 s par défaut."
        ),
    ),
) -> None:
    """Affecte les élèves aux offres valides selon leurs vœux classés.

    Seules comptent les offres valides (vérifiées comme par « inet-stages
    validate ») pour ce stage et pour la filière de l'élève ; une offre est
    une place, une offre de projet collectif une équipe (4 élèves en
    2026-2027, au moins un de chaque filière quand les effectifs le
    permettent).

    L'affectation est optimale, calculée par un solveur (HiGHS), dans cet
    ordre : d'abord le plus d'élèves placés que les places le permettent ;
    pour les projets collectifs, ensuite le plus d'équipes mixtes ; puis la
    plus petite somme, sur les élèves, du carré du rang obtenu (une offre
    que l'élève n'a pas citée compte comme le rang « nombre de vœux + 1 »),
    pour que personne ne soit sacrifié aux 1ers vœux des autres ; enfin, à
    égalité parfaite, un tirage déterminé par --seed : même fichier, même
    graine, même affectation.

    Chaque problème du fichier des élèves (offre inconnue ou non valide pour
    la filière, vœu en double, filière inconnue…) est signalé avec sa ligne
    et sa colonne ; le reste est utilisé.

    Les décisions de la coordination (decisions.toml du dossier, ou
    --decisions FICHIER) comptent, comme pour « inet-stages report » : une
    offre acceptée malgré une remarque est une place, une offre refusée n'en
    est pas une.

    Code de sortie : 0 quand l'affectation est produite (même avec des
    lignes signalées) ; 1 quand --time-limit a arrêté le calcul avant toute
    affectation ; 2 pour une option invalide, un fichier des élèves illisible,
    sans colonne « name » ou « track » ou au-delà des limites (10 000 élèves,
    1 000 pour les projets collectifs, 200 000 vœux), un fichier de -o qui
    existe déjà.

    Exemples :

      inet-stages assign offres/ --students eleves.csv --internship thematique

      inet-stages assign offres/ -s eleves.csv -i projet_collectif --seed 7

      inet-stages assign offres/ -s eleves.csv -i thematique -f csv -o affectation.csv
    """
    paths = season_opt.offers(paths)
    students = season_opt.table(students, "--students")
    names = common.check_choice("--header", csv_header, ("fr", "ids"))
    day = common.parse_today(today)
    found = common.probe(output, "-o") if output is not None and str(output) != "-" else ""
    if found == "dir":
        # --force would not help: say what is wrong, as every other -o does.
        common.fail(f"{output} : c'est un dossier ; donnez un nom de fichier.")
    if found not in ("", "missing") and not force:
        common.fail(f"{output} existe déjà ; ajoutez --force pour le remplacer.")
    calendar = common.load_calendar(ctx, today=day)

    from inet_stages.assign import plan

    try:
        plan.check_time_limit(time_limit)
        internship_id = plan.internship_of(calendar, internship)
    except plan.PlanError as exc:
        common.fail(exc.message)
    collective = calendar.internship(internship_id).collective is not None
    table = _students_table(students, collective=collective)

    # Each offer judged against its own promotion, as validate and report judge it.
    _, _, chooser = promotions.for_offers(ctx, day)
    checked = _checked(paths, calendar, day, decisions, chooser)
    offers = plan.places_of(calendar, checked, internship_id)
    for note in offers.notes:
        common.warn(note)

    from inet_stages.assign.students import parse_students

    labels = {t.id: t.short for t in calendar.tracks}
    people, problems = parse_students(
        table,
        places=offers.places,
        offers=offers.known,
        tracks=calendar.track_ids,
        internship=internship_id,
        closed=offers.closed,
        labels=labels,
    )
    header = [p for p in problems if p.row is None]
    if header:
        common.fail("\n".join(f"{table.name}\u00a0: {p.text}" for p in header), lines=True)
    for p in problems:
        common.warn(f"{table.name}\u00a0: {p.text}")
    if not people:
        common.fail(f"{table.name}\u00a0: aucun élève utilisable ; rien à affecter.")
    try:
        plan.check_wishes(people)
    except plan.PlanError as exc:
        common.fail(f"{table.name}\u00a0: {exc.message}")

    terminal = _stderr_is_terminal()
    result = plan.solve(
        calendar,
        internship_id,
        people,
        offers.places,
        seed=seed,
        time_limit=plan.time_limit_of(time_limit, collective=collective),
        clock=time.monotonic,
        progress=common.warn if terminal else lambda _text: None,
    )
    stopped = plan.stop_note(result, time_limit)
    if stopped is not None:
        common.warn(stopped)
    from inet_stages.cli.assign_out import show

    show(
        result,
        output_format,
        labels=labels,
        label=calendar.internship(internship_id).short,
        candidates=[p.offer for p in offers.places],
        output=output,
        force=force,
        header=names,
    )
    failed = result.status.value == "failed"  # nothing placed: the limit came first
    raise typer.Exit(common.EXIT_INVALID if failed else common.EXIT_OK)


assign.__doc__ = _fr(assign.__doc__ or "")


def _students_table(path: Path, *, collective: bool) -> Table:
    """The students file, read and measured before any offer is checked; else exit 2."""
    from inet_stages.assign import plan
    from inet_stages.io.tabular import TableError, read_table

    if common.probe(path, "--students") != "file":
        common.fail(f"--students : {path} n'existe pas ou n'est pas un fichier.")
    try:
        table = read_table(path)
        plan.check_size(len(table.rows), collective=collective)
    except TableError as exc:
        common.fail(exc.message)
    except plan.PlanError as exc:
        common.fail(f"{path}\u00a0: {exc.message}")
    return table


def _checked(
    paths: list[str], calendar: Calendar, day: date, decisions: Path | None, chooser: Chooser
) -> Report:
    """Every offer checked as ``validate`` checks it, then the coordinator's decisions."""
    from inet_stages.batch.check import check_files, collect

    collected = collect(paths)
    for problem in collected.missing:
        common.warn(f"inet-stages : erreur : {problem}")
    if not collected.targets:
        common.fail("aucun fichier d'offre (.toml) dans les chemins donnés.")
    if _stderr_is_terminal() and len(collected.targets) > PROGRESS_THRESHOLD:
        from rich.progress import Progress

        with Progress(console=common.stderr_console(), transient=True) as bar:
            task = bar.add_task("Vérification des offres", total=len(collected.targets))
            checked = check_files(
                collected.targets,
                calendar,
                day,
                progress=lambda _t: bar.advance(task),
                keep_offers=True,
                chooser=chooser,
            )
    else:
        checked = check_files(collected.targets, calendar, day, keep_offers=True, chooser=chooser)
    # The coordinator's word first: an accepted error makes a place, a refusal removes one.
    checked = decided(checked, paths, decisions)
    for path, note in checked.decision_notes:
        where = f":{note.line}" if note.line is not None else ""
        common.warn(f"{path}{where}: {note.code} {note.message}")
    return checked
