"""The core's plan of ``assign``: limits, time limits, stopped solves reported as they are."""

from __future__ import annotations

import math

import pytest

from inet_stages.assign import milp, plan, solver
from inet_stages.assign.models import (
    Place,
    SolverStatus,
    Student,
    UnplacedCode,
    finish,
)

NB = "\u00a0"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_time_limit_must_be_finite(value: float) -> None:
    with pytest.raises(plan.PlanError, match="n'est pas une durée"):
        plan.check_time_limit(value)
    plan.check_time_limit(None)
    plan.check_time_limit(0.5)


def test_size_limit_names_the_limit() -> None:
    plan.check_size(plan.MAX_STUDENTS, collective=False)
    with pytest.raises(plan.PlanError) as caught:
        plan.check_size(50_000, collective=False)
    assert f"50{NB}000 lignes d'élèves" in caught.value.message
    assert f"au plus {plan.MAX_STUDENTS:,}".replace(",", NB) in caught.value.message
    with pytest.raises(plan.PlanError, match="projets collectifs"):
        plan.check_size(plan.MAX_TEAM_STUDENTS + 1, collective=True)


def test_wishes_limit() -> None:
    many = [Student(name=f"s{i}", track="administrateurs", wishes=("a",) * 10) for i in range(3)]
    plan.check_wishes(many)
    with pytest.raises(plan.PlanError, match="vœux en tout"):
        plan.check_wishes(many * (plan.MAX_WISHES // 20))


STUDENTS = [
    Student(name="Ana", track="administrateurs", wishes=("A", "B")),
    Student(name="Bob", track="administrateurs", wishes=("A",)),
    Student(name="Cyr", track="administrateurs", wishes=("B",)),
]
PLACES = [Place(offer=o, tracks=frozenset({"administrateurs"})) for o in ("A", "B", "C")]


def test_second_stage_stopped_keeps_the_first_and_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The first stage placed everyone; the second stopped with no point of its own."""
    real = milp.solve
    calls: list[int] = []

    def stopped_second(*args: object, **kwargs: object) -> milp.Solution:
        calls.append(1)
        if len(calls) == 1:
            return real(*args, **kwargs)  # type: ignore[arg-type]
        return milp.Solution(None, SolverStatus.FAILED, None)

    monkeypatch.setattr(solver, "solve", stopped_second)
    result = solver.assign_individual(STUDENTS, PLACES, time_limit=1.0)
    assert result.objective.placed == 3
    assert result.status is SolverStatus.TIME_LIMIT  # not « failed » with 3 placements
    note = plan.stop_note(result, 1.0)
    assert note is not None
    assert "avant toute affectation" not in note
    assert f"meilleure affectation trouvée (3{NB}élèves placés)" in note
    assert "écart à l'optimum inconnu" in note


def test_nothing_found_is_said_only_when_nothing_is_placed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        solver, "solve", lambda *a, **k: milp.Solution(None, SolverStatus.FAILED, None)
    )
    result = solver.assign_individual(STUDENTS, PLACES, time_limit=0.01)
    assert result.status is SolverStatus.FAILED
    assert result.assignments == ()
    assert {u.code for u in result.unplaced} == {UnplacedCode.NOT_SOLVED}
    note = plan.stop_note(result, 0.01)
    assert note is not None and "avant toute affectation" in note


def test_a_result_with_placements_is_never_failed() -> None:
    from inet_stages.assign.models import assignment

    result = finish(
        internship="thematique",
        collective=False,
        students=STUDENTS,
        assignments=[assignment(STUDENTS[0], "A")],
        reasons={},
        status=SolverStatus.FAILED,
        gap=None,
        seed=0,
    )
    assert result.status is SolverStatus.TIME_LIMIT
    assert plan.stop_note(result, None) is not None


def test_proven_optimum_says_nothing() -> None:
    result = solver.assign_individual(STUDENTS, PLACES)
    assert result.status is SolverStatus.OPTIMAL
    assert plan.stop_note(result, None) is None


def test_a_fractional_vertex_is_solved_again_as_integers() -> None:
    """``network=True`` trusts the simplex's vertex only when it is integral (an odd cycle)."""
    model = milp.Model.of(3)
    for a, b in ((0, 1), (1, 2), (0, 2)):
        model.add_row({a: 1.0, b: 1.0}, 0.0, 1.0)
    solution = milp.solve(model, [-1.0, -1.0, -1.0], None, network=True)
    assert solution.status is SolverStatus.OPTIMAL
    assert solution.chosen is not None and sum(solution.chosen.values()) == 1


def test_highs_prints_nothing_on_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    """No banner from HiGHS on the C-level stdout: it would end up inside --format json."""
    solver.assign_individual(STUDENTS, PLACES)
    assert capfd.readouterr().out == ""


def test_projets_collectifs_stop_in_a_stated_time() -> None:
    assert plan.time_limit_of(None, collective=True) == plan.TEAM_TIME_LIMIT
    assert plan.time_limit_of(None, collective=False) is None
    assert plan.time_limit_of(30.0, collective=True) == 30.0
    from dataclasses import replace

    from inet_stages.assign.teams import assign_projects

    teams = assign_projects(STUDENTS, PLACES, size=3, tracks=("administrateurs",))
    stopped = replace(teams, status=SolverStatus.TIME_LIMIT, gap=None)
    note = plan.stop_note(stopped, None)
    assert note is not None
    assert f"limite par défaut des projets collectifs (600{NB}s)" in note
