"""The two placements of the French guide are the ones the solver gives (seed 0)."""

from __future__ import annotations

import csv
import re

from inet_stages.assign.describe import describe_plan, describe_ranks
from inet_stages.assign.models import AssignResult, Place
from inet_stages.assign.solver import assign_individual
from inet_stages.assign.students import parse_students
from inet_stages.assign.teams import assign_projects
from inet_stages.io.tabular import Table, TableRow
from inet_stages.render.assign import rank_text
from tests.conftest import REPO

GUIDE = REPO / "docs" / "guide" / "affectation.md"
TRACKS = ("administrateurs", "conservateurs", "ingenieurs")
A, C, ING = TRACKS


def blocks() -> list[Table]:
    """The ```csv blocks of the guide, as the table reader would give them."""
    tables = []
    for block in re.findall(r"```csv\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S):
        rows = list(csv.reader(block.splitlines(), delimiter=";"))
        keys = [h.replace("œ", "oe").replace("è", "e").replace(" ", "_") for h in rows[0]]
        tables.append(
            Table(
                name="eleves.csv",
                headers=tuple(rows[0]),
                columns=dict(zip(keys, rows[0], strict=True)),
                rows=tuple(
                    TableRow(number=n, cells={k: v or None for k, v in zip(keys, r, strict=True)})
                    for n, r in enumerate(rows[1:], start=2)
                ),
            )
        )
    return tables


def text() -> str:
    return re.sub(r"\s+", " ", GUIDE.read_text(encoding="utf-8").replace("\u00a0", " "))


def lines() -> list[str]:
    """The guide's lines, a list item wrapped on several lines read as one."""
    found: list[str] = []
    for line in GUIDE.read_text(encoding="utf-8").replace("\u00a0", " ").splitlines():
        if found and found[-1].startswith("- ") and line.startswith("  "):
            found[-1] += " " + line.strip()
        else:
            found.append(line)
    return found


def shown(result: AssignResult) -> None:
    """Every placement, the ranks line and the unplaced students appear in the guide's output."""
    guide = lines()
    for a in result.assignments:
        words = [a.student.name, rank_text(a)] + ([] if result.collective else [a.offer])
        assert any(all(w in line for w in words) for line in guide), words
        if result.collective:
            start = next(i for i, line in enumerate(guide) if line.startswith(f"{a.offer} ("))
            end = guide.index("", start)
            assert any(a.student.name in line for line in guide[start:end])
    assert f"Répartition : {describe_ranks(result)}.".replace("\u00a0", " ") in guide
    for u in result.unplaced:
        assert any(f"- {u.student.name} (" in line and u.reason in line for line in guide)


def test_thematique_example() -> None:
    places = [
        Place(offer="colmar-thematique", tracks=frozenset({A, C})),
        Place(offer="lyon-thematique", tracks=frozenset({A})),
        Place(offer="metz-thematique", tracks=frozenset({A})),
        Place(offer="rennes-bibliotheques", tracks=frozenset({C})),
    ]
    students, problems = parse_students(blocks()[0], places=places, tracks=TRACKS)
    assert problems == ()
    result = assign_individual(students, places, internship="thematique")
    assert (result.objective.placed, result.objective.sum_rank_squared) == (4, 10)
    shown(result)


def test_projets_collectifs_example() -> None:
    offers = ("metz-projet-collectif", "nantes-projet-collectif", "rouen-projet-collectif")
    places = [Place(offer=o, tracks=frozenset(TRACKS)) for o in offers]
    students, problems = parse_students(blocks()[1], places=places, tracks=TRACKS)
    assert problems == ()
    result = assign_projects(students, places, size=4, tracks=TRACKS)
    assert all(t.mixed for t in result.teams)
    shown(result)
    assert result.plan is not None
    assert describe_plan(result.plan).replace("\u00a0", " ") in text()
