"""A placement of ``assign`` as people and spreadsheets read it: Rich tables, JSON, CSV.

Pure: takes an :class:`~inet_stages.assign.solver.AssignResult` and the labels to show, returns
renderables, a JSON-ready document or CSV bytes. Text from the students file (names, e-mails)
is cleaned of control characters, never read as Rich markup, and a spreadsheet cell that would
start a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from inet_stages.assign.describe import describe_plan, describe_ranks
from inet_stages.assign.models import Assignment, AssignResult, SolverStatus
from inet_stages.render.csv import write_table
from inet_stages.text.frdates import format_number
from inet_stages.text.textsafe import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

#: Version of the JSON document; a key may be added without changing it.
JSON_VERSION = 1

#: CSV header row, in French, for the coordinator's spreadsheet.
CSV_COLUMNS = ("Élève", "Courriel", "Filière", "Offre", "Rang obtenu", "Vœu cité", "Remarque")
#: The same columns by stable identifiers (``--header ids``).
CSV_COLUMNS_IDS = ("student", "email", "track", "offer", "rank", "listed", "remark")

BOM = "\ufeff"


def rank_text(assignment: Assignment) -> str:
    """« 1er vœu », « 2e vœu »…, or « hors vœux » for an offer the student did not list."""
    if not assignment.listed:
        return "hors vœux"
    return "1er vœu" if assignment.rank == 1 else f"{assignment.rank}e vœu"


def _label(labels: Mapping[str, str], track: str) -> str:
    return clean(labels.get(track, track), limit=40)


def _spreadsheet(text: str) -> str:
    """Text safe in a spreadsheet cell: controls escaped, no formula (CSV injection)."""
    cleaned = clean(text)
    # Leading spaces (non-breaking too) do not hide a formula: some spreadsheets trim them.
    if cleaned[:1] in ("\t", "\r") or cleaned.lstrip()[:1] in ("=", "+", "-", "@"):
        return "'" + cleaned
    return cleaned


def headline(result: AssignResult, internship_label: str, places: int) -> str:
    """« Stage thématique : 4 élèves placés sur 5, 4 offres valides. »"""
    students = result.objective.placed + len(result.unplaced)
    placed = result.objective.placed
    kind = "projet candidat" if result.collective else "offre valide"
    kinds = "projets candidats" if result.collective else "offres valides"
    return (
        f"{clean(internship_label)}\u00a0: "
        f"{format_number(placed)} élève{'s' if placed > 1 else ''} "
        f"placé{'s' if placed > 1 else ''} sur {format_number(students)}, "
        f"{format_number(places)} {kinds if places > 1 else kind}."
    )


def tables(result: AssignResult, labels: Mapping[str, str]) -> list[RenderableType]:
    """One table for an individual internship (a line per offer taken), one per team otherwise."""
    from rich.table import Table

    from inet_stages.render.fit import fitted
    from inet_stages.render.style import new_table

    def new(title: str | None, first: str | None) -> Table:
        table = new_table(title=title)
        if first:
            table.add_column(first)
        table.add_column("Élève")
        table.add_column("Filière")
        table.add_column("Rang obtenu", no_wrap=True)
        return table

    if not result.collective:
        if not result.assignments:
            return []
        table = new(None, "Offre")
        for a in result.assignments:
            table.add_row(
                clean(a.offer), clean(a.student.name), _label(labels, a.student.track), rank_text(a)
            )
        return [fitted(table)]
    found: list[RenderableType] = []
    for team in result.teams:
        size = len(team.members)
        title = f"{clean(team.offer)} ({format_number(size)} élève{'s' if size > 1 else ''})"
        if team.missing_tracks:
            missing = ", ".join(_label(labels, t) for t in team.missing_tracks)
            title += f", sans\u00a0: {missing}"
        table = new(title, None)
        for a in team.members:
            table.add_row(clean(a.student.name), _label(labels, a.student.track), rank_text(a))
        found.append(fitted(table))
    return found


def summary_lines(
    result: AssignResult, labels: Mapping[str, str], *, candidates: Sequence[str] = ()
) -> list[str]:
    """Ranks, objective, team sizes, unmixed teams and the students not placed, in French.

    ``candidates`` are the offers that could be projects: those not retained are named.
    """
    lines: list[str] = []
    ranks = describe_ranks(result)
    if ranks:
        lines.append(f"Répartition\u00a0: {ranks}.")
    lines.append(
        f"Somme des rangs au carré\u00a0: {format_number(result.objective.sum_rank_squared)}."
    )
    if result.collective and result.plan is not None:
        lines.append(describe_plan(result.plan))
        taken = {t.offer for t in result.teams}
        left = [clean(c) for c in candidates if c not in taken]
        if left:
            which = "Projet non retenu" if len(left) == 1 else "Projets non retenus"
            lines.append(f"{which}\u00a0: {', '.join(left)}.")
        unmixed = result.unmixed
        if unmixed:
            which = ", ".join(clean(t.offer) for t in unmixed)
            verb = "n'est pas mixte" if len(unmixed) == 1 else "ne sont pas mixtes"
            lines.append(
                f"Les effectifs ne permettent pas des équipes toutes mixtes\u00a0: {which} "
                f"{verb} (voir le titre de chaque équipe)."
            )
    if result.unplaced:
        count = len(result.unplaced)
        lines.append("")
        lines.append(f"Élève{'s' if count > 1 else ''} non placé{'s' if count > 1 else ''}\u00a0:")
        lines.extend(
            f"- {clean(u.student.name)} ({_label(labels, u.student.track)})\u00a0: {u.reason}."
            for u in result.unplaced
        )
    return lines


def to_json(result: AssignResult, *, places: int) -> dict[str, Any]:
    """The placement as one JSON document (``version`` 1; keys may be added, never removed)."""
    document: dict[str, Any] = {
        "version": JSON_VERSION,
        "internship": result.internship,
        "assignments": [
            {
                "student": a.student.name,
                "track": a.student.track,
                "offer": a.offer,
                "rank": a.rank,
                "listed": a.listed,
                "email": a.student.email,
            }
            for a in result.assignments
        ],
        "teams": [
            {
                "offer": t.offer,
                "students": [a.student.name for a in t.members],
                "mixed": t.mixed,
                "missing_tracks": list(t.missing_tracks),
            }
            for t in result.teams
        ],
        "unplaced": [
            {
                "student": u.student.name,
                "track": u.student.track,
                "reason": u.reason,
                "code": u.code.value,
            }
            for u in result.unplaced
        ],
        "ranks": {str(r): n for r, n in sorted(result.ranks.items())},
        "unlisted": result.unlisted,
        "objective": {
            "placed": result.objective.placed,
            "sum_rank_squared": result.objective.sum_rank_squared,
        },
        "places": places,
        "status": result.status.value,
        "gap": result.gap if result.status is SolverStatus.TIME_LIMIT else None,
        "seed": result.seed,
    }
    if result.plan is not None:
        document["team_sizes"] = list(result.plan.sizes)
    return document


def to_csv(result: AssignResult, labels: Mapping[str, str], *, header: str = "fr") -> bytes:
    """One row per student (placed first, by offer; then those not placed), UTF-8 with a BOM.

    ``;``-separated and CRLF-terminated for a French Excel; « Rang obtenu » is a number (an
    offer not listed counts as the number of wishes + 1), « Vœu cité » says oui or non.
    """
    rows: list[tuple[str, ...]] = []
    for a in result.assignments:
        rows.append(
            (
                _spreadsheet(a.student.name),
                _spreadsheet(a.student.email or ""),
                _spreadsheet(labels.get(a.student.track, a.student.track)),
                _spreadsheet(a.offer),
                str(a.rank),
                "oui" if a.listed else "non",
                "" if a.listed else "hors vœux",
            )
        )
    for u in result.unplaced:
        rows.append(
            (
                _spreadsheet(u.student.name),
                _spreadsheet(u.student.email or ""),
                _spreadsheet(labels.get(u.student.track, u.student.track)),
                "",
                "",
                "",
                f"non placé\u00a0: {u.reason}",
            )
        )
    return write_table(CSV_COLUMNS_IDS if header == "ids" else CSV_COLUMNS, rows)
