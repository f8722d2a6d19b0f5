"""``inet-stages assign``: options, the core's plan (:mod:`inet_stages.assign.plan`), rendering.

The students file is read and measured first, then the offers are checked as ``validate``
checks them; the core decides the places, the solver and what to say. The clock is read here.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, offers_opt, promotions, season_opt
from inet_stages.cli.offers_opt import DECISIONS_OPTION, check_offers

if TYPE_CHECKING:
    from inet_stages.io.tabular import Table

FORMATS = ("table", "json", "csv")


def assign(
    ctx: typer.Context,
    paths: list[str] | None = common.offers_argument("OFFRES..."),
    students: Path | None = typer.Option(
        None, "--students", "-s", metavar="FICHIER", show_default=False
    ),
    internship: str = typer.Option(..., "--internship", "-i", metavar="STAGE", show_default=False),
    today: str | None = common.today_option(),
    output_format: str = common.format_option(*FORMATS),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    csv_header: str = common.header_option(),
    decisions: Path | None = DECISIONS_OPTION,
    seed: int = typer.Option(0, "--seed", metavar="N"),
    time_limit: float | None = typer.Option(None, "--time-limit", metavar="SECONDES", min=0.01),
) -> None:
    """Place the students of one internship in the offers retained for it."""
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
    _, checked = check_offers(
        paths, calendar, chooser, day, decisions=decisions, progress="table", need_files=True
    )
    # The coordinator's word first: an accepted error makes a place, a refusal removes one.
    for path, finding in checked.decision_notes:
        where = f":{finding.line}" if finding.line is not None else ""
        common.warn(f"{path}{where}: {finding.code} {finding.message}")
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
        copies=offers.copies,
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

    terminal = offers_opt.stderr_is_terminal()
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
