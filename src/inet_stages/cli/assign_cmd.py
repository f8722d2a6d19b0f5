"""``inet-stages assign``: the students placed on the valid offers by their ranked wishes.

The offers are checked as ``validate`` checks them; only the valid ones of the internship are
places, each for the tracks it is open to and that have a window for that internship. The
students file is read by :mod:`inet_stages.io.tabular` and :mod:`inet_stages.assign.students`; the
solver (:mod:`inet_stages.assign.solver`) gets the clock from here, never reads it itself.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions, season_opt
from inet_stages.cli.decisions_opt import DECISIONS_OPTION
from inet_stages.cli.decisions_opt import apply as decided

if TYPE_CHECKING:
    from inet_stages.assign.solver import AssignResult, Place, Student
    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar

FORMATS = ("table", "json", "csv")

#: More offer files than this, on a terminal, get a progress bar while they are checked.
PROGRESS_THRESHOLD = 30

#: Width of the table written to a file with -o (no terminal to measure).
FILE_WIDTH = 100


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
            "Fichier des élèves (.csv, « ; » ou « , », UTF-8 ou Windows-1252) : colonnes "
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
            "donnée, avec son écart à l'optimum."
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
    affectation ; 2 pour une option invalide, un fichier des élèves illisible
    ou sans colonne « name » ou « track », un fichier de -o qui existe déjà.

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
    internship_id = _internship(calendar, internship)
    # Each offer judged against its own promotion, as validate and report judge it.
    _, _, chooser = promotions.for_offers(ctx, day)

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
    places, known = _places(calendar, checked, internship_id)

    from inet_stages.assign.students import parse_students
    from inet_stages.io.tabular import TableError, read_table

    if common.probe(students, "--students") != "file":
        common.fail(f"--students : {students} n'existe pas ou n'est pas un fichier.")
    try:
        table = read_table(students)
    except TableError as exc:
        common.fail(exc.message)
    people, problems = parse_students(
        table,
        places=places,
        offers=known,
        tracks=calendar.track_ids,
        internship=internship_id,
    )
    header = [p for p in problems if p.row is None]
    if header:
        common.fail(
            "\n".join(f"{table.name}\u00a0: {p.text}" for p in header),
            lines=True,
        )
    for p in problems:
        common.warn(f"{table.name}\u00a0: {p.text}")
    if not people:
        common.fail(f"{table.name}\u00a0: aucun élève utilisable ; rien à affecter.")

    result = _solve(calendar, internship_id, people, places, seed=seed, time_limit=time_limit)
    failed = _tell_status(result, time_limit)

    from inet_stages.render import assign as render

    labels = {t.id: t.short for t in calendar.tracks}
    label = calendar.internship(internship_id).short
    if output_format == "json":
        if output is None or str(output) == "-":
            common.emit_json(render.to_json(result, places=len(places)))
        else:
            import json

            document = render.to_json(result, places=len(places))
            common.write_output(
                output, json.dumps(document, ensure_ascii=False, indent=2) + "\n", force=force
            )
    elif output_format == "csv":
        common.write_output(output, render.to_csv(result, labels, header=names), force=force)
    else:
        candidates = [p.offer for p in places]
        _print_table(result, labels, label, candidates, output=output, force=force)
    raise typer.Exit(common.EXIT_INVALID if failed else common.EXIT_OK)


assign.__doc__ = _fr(assign.__doc__ or "")


def _internship(calendar: Calendar, value: str) -> str:
    """``--internship`` resolved against the calendar, with windows to fill; else exit 2."""
    from inet_stages.ids import UnknownId, resolve

    try:
        found = resolve(value, calendar.internship_ids, kind="internship")
    except UnknownId as exc:
        common.fail(f"--internship : {exc.message}")
    if not calendar.windows_of_internship(found):
        common.fail(
            f"--internship : le calendrier {calendar.school_year} ne prévoit aucune fenêtre "
            f"pour « {calendar.internship(found).short} »."
        )
    return found


def _places(calendar: Calendar, checked: Report, internship: str) -> tuple[list[Place], set[str]]:
    """The valid offers of ``internship`` as places, and every offer id read (valid or not).

    An offer id is the file name without ``.toml``; when two files share one, the first is
    kept and the others are named on stderr. An invalid offer of the internship is named too,
    so that the coordinator knows why it is not a place.
    """
    from inet_stages.assign.solver import Place

    places: list[Place] = []
    known: set[str] = set()
    first: dict[str, str] = {}
    invalid: list[str] = []
    for report in checked.files:
        offer_id = Path(report.path).stem
        if offer_id in first:
            common.warn(
                f"{report.path} : même nom d'offre « {offer_id} » que {first[offer_id]} ; "
                "ce fichier est ignoré (renommez l'un des deux)."
            )
            continue
        first[offer_id] = report.path
        known.add(offer_id)
        offer = report.offer
        if offer is None or offer.internship != internship:
            continue
        if report.calendar is not None and report.calendar != calendar.school_year:
            continue  # an offer for the other promotion: never a place in this one
        # The batch's verdict, as report counts it: eligible for a track when it is
        # « retenue » or « retenue sous réserve » there (valid for one track only, maybe).
        verdict = checked.verdicts.of(report.path)
        valid = verdict.valid_tracks
        if not valid:
            invalid.append(report.path)
            continue
        tracks = frozenset(t for t in valid if calendar.window(t, internship))
        if tracks:
            places.append(Place(offer=offer_id, tracks=tracks))
    if invalid:
        shown = ", ".join(invalid[:10]) + (
            f" et {len(invalid) - 10} autres" if len(invalid) > 10 else ""
        )
        which = "offre invalide écartée" if len(invalid) == 1 else "offres invalides écartées"
        common.warn(f"{len(invalid)} {which} (voir « inet-stages validate ») : {shown}.")
    return places, known


def _solve(
    calendar: Calendar,
    internship: str,
    students: Sequence[Student],
    places: Sequence[Place],
    *,
    seed: int,
    time_limit: float | None,
) -> AssignResult:
    """Run the solver; progress notes on stderr when someone watches it."""
    from inet_stages.assign.solver import assign_individual, assign_projects

    terminal = _stderr_is_terminal()

    def progress(text: str) -> None:
        if terminal:
            common.warn(text)

    collective = calendar.internship(internship).collective
    if collective is None:
        progress(f"Calcul de l'affectation\u00a0: {len(students)} élèves, {len(places)} offres…")
        return assign_individual(
            students,
            places,
            internship=internship,
            seed=seed,
            time_limit=time_limit,
            clock=time.monotonic,
            progress=progress,
        )
    tracks = [w.track for w in calendar.windows_of_internship(internship)]
    progress(f"Calcul des équipes\u00a0: {len(students)} élèves, {len(places)} projets candidats…")
    return assign_projects(
        students,
        places,
        size=collective.students_per_project,
        tracks=tracks,
        internship=internship,
        seed=seed,
        time_limit=time_limit,
        clock=time.monotonic,
        progress=progress,
    )


def _percent(gap: float) -> str:
    return f"{gap * 100:.1f}".replace(".", ",") + "\u00a0%"


def _tell_status(result: AssignResult, time_limit: float | None) -> bool:
    """Say on stderr when the time limit stopped the solver; True when nothing was found."""
    from inet_stages.assign.solver import SolverStatus

    limit = "" if time_limit is None else f" ({time_limit:g}\u00a0s)"
    if result.status is SolverStatus.TIME_LIMIT:
        gap = (
            "écart à l'optimum inconnu"
            if result.gap is None
            else f"au plus {_percent(result.gap)} de l'optimum selon le solveur"
        )
        common.warn(
            f"Attention\u00a0: calcul arrêté par --time-limit{limit}. Voici la meilleure "
            f"affectation trouvée, sans preuve qu'elle soit optimale ({gap}). "
            "Relancez avec une limite plus longue pour l'optimum."
        )
        return False
    if result.status is SolverStatus.FAILED:
        common.warn(
            f"Attention\u00a0: calcul arrêté{' par --time-limit' + limit if time_limit else ''} "
            "avant toute affectation ; relancez avec une limite plus longue."
        )
        return True
    return False


def _print_table(
    result: AssignResult,
    labels: Mapping[str, str],
    label: str,
    candidates: Sequence[str],
    *,
    output: Path | None,
    force: bool,
) -> None:
    """The tables and the summary, on stdout or written to ``output``."""
    import io

    from rich.console import Console

    from inet_stages.render import assign as render
    from inet_stages.render.fit import wrapped_lines

    to_file = output is not None and str(output) != "-"
    buffer = io.StringIO()
    console = (
        Console(
            file=buffer,
            width=FILE_WIDTH,
            markup=False,
            emoji=False,
            highlight=False,
            color_system=None,
        )
        if to_file
        else common.stdout_console()
    )
    console.print(render.headline(result, label, len(candidates)))
    for table in render.tables(result, labels):
        console.print()
        console.print(table)
    console.print()
    # A sentence wraps between words, its continuation indented: a name stays whole.
    console.print(
        wrapped_lines("\n".join(render.summary_lines(result, labels, candidates=candidates)))
    )
    if to_file and output is not None:
        common.write_output(output, buffer.getvalue(), force=force)
