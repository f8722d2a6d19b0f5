"""Projets collectifs: how many teams of which sizes, which projects open, who joins which.

The criteria are those of :mod:`inet_stages.assign.solver` (the module docstring there).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from inet_stages.assign.arcs import Arcs
from inet_stages.assign.milp import Budget, Model, solve
from inet_stages.assign.models import (
    SolverStatus,
    Team,
    TeamPlan,
    finish,
    not_solved,
    silent,
    split_eligible,
)

if TYPE_CHECKING:
    from inet_stages.assign.models import Assignment, AssignResult, Clock, Place, Progress, Student


def plan_teams(students: int, projects: int, size: int) -> TeamPlan:
    """Team sizes for ``students`` over at most ``projects`` projects of ``size`` students.

    When the students are not a multiple of ``size``, the fewest teams take one more student
    or one fewer; when both need as many teams, one more (fewer projects to host). When there
    are more students than ``projects × size``, every team has ``size`` students (the
    remainder absorbed by teams of one more when every project is taken) and the others wait.
    """
    if students <= 0 or projects <= 0 or size <= 0:
        return TeamPlan(size=size, sizes=())
    full, rest = divmod(students, size)
    if full >= projects:
        extra = min(rest, projects) if full == projects else 0
        return TeamPlan(size=size, sizes=(size + 1,) * extra + (size,) * (projects - extra))
    if full == 0:
        return TeamPlan(size=size, sizes=(students,))
    if rest == 0:
        return TeamPlan(size=size, sizes=(size,) * full)
    options: list[tuple[int, tuple[int, ...]]] = []
    if rest <= full:  # `rest` teams take one more
        options.append((rest, (size + 1,) * rest + (size,) * (full - rest)))
    if size - rest <= full + 1 and size > 1:  # `size - rest` teams take one fewer
        fewer = size - rest
        options.append((fewer, (size,) * (full + 1 - fewer) + (size - 1,) * fewer))
    if not options:  # a large `size` over few students: as even as can be
        teams = full + 1
        base, more = divmod(students, teams)
        return TeamPlan(size=size, sizes=(base + 1,) * more + (base,) * (teams - more))
    return TeamPlan(size=size, sizes=min(options, key=lambda o: o[0])[1])


def assign_projects(
    students: Sequence[Student],
    places: Sequence[Place],
    *,
    size: int,
    tracks: Collection[str],
    internship: str = "projet_collectif",
    seed: int = 0,
    time_limit: float | None = None,
    clock: Clock | None = None,
    progress: Progress = silent,
) -> AssignResult:
    """Choose which candidate offers become projects and form one team on each.

    Teams follow :func:`plan_teams` (``size`` is the calendar's students_per_project). Every
    team has at least one student of each of ``tracks`` when the cohorts allow it, otherwise
    as many teams as can be (the others are listed by :attr:`AssignResult.unmixed`). Optimal
    in the order of the module docstring (criteria 1 to 4), by one HiGHS solve when the bounds
    of criteria 1 and 2 are reached, else two.
    """
    budget = Budget(time_limit, clock)
    required = sorted(set(tracks))
    eligible, reasons = split_eligible(students, places)
    plan = plan_teams(len(eligible), len(places), size)
    teams_wanted = len(plan.sizes)
    low, high = (min(plan.sizes), max(plan.sizes)) if plan.sizes else (0, 0)

    # Variables: (student, listed project) pairs; student → pool of their track; pool →
    # project (an integer: how many unlisted students of that track join it); then, per
    # project, « opened » and « mixed ». Pools keep the model small: 120 students with five
    # wishes over 40 projects are under 1 000 variables, not 4 800, and HiGHS needs a second
    # where it needed ten (measured).
    arcs = Arcs.of(students, places, eligible)
    n_projects = len(places)
    from_pool = arcs.from_pool
    opened = arcs.count
    mixed = opened + n_projects
    model = Model.of(mixed + n_projects)
    for k in range(len(arcs.flows)):
        model.bounds[from_pool + k] = float(high)

    by_project: dict[int, dict[int, float]] = defaultdict(dict)
    by_project_track: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    for j, (i, p) in enumerate(arcs.direct):
        by_project[p][j] = 1.0
        by_project_track[p, students[i].track][j] = 1.0
        model.add_row({j: 1.0, opened + p: -1.0}, -1.0, 0.0)
    for k, (t, p) in enumerate(arcs.flows):
        by_project[p][from_pool + k] = 1.0
        by_project_track[p, t][from_pool + k] = 1.0
        model.add_row({from_pool + k: 1.0, opened + p: -float(high)}, -float(high), 0.0)
    arcs.add_rows(model)
    many = float(len(eligible) + 1)
    for p in range(n_projects):
        members = by_project.get(p, {})
        model.add_row({**members, opened + p: -float(low)}, 0.0, many)
        model.add_row({**members, opened + p: -float(high)}, -many, 0.0)
        model.add_row({mixed + p: 1.0, opened + p: -1.0}, -1.0, 0.0)
        for t in required:
            model.add_row({**by_project_track.get((p, t), {}), mixed + p: -1.0}, 0.0, many)
    # At most the planned teams: projects closed to some track may not allow them all, and the
    # first criterion then decides how many open.
    all_opened = {opened + p: 1.0 for p in range(n_projects)}
    model.add_row(all_opened, 0.0, teams_wanted)
    everyone = dict.fromkeys(range(from_pool), 1.0)
    model.add_row(everyone, 0.0, float(plan.places))
    all_mixed = {mixed + p: 1.0 for p in range(n_projects)}

    cost = arcs.costs(seed) + [0.0] * (2 * n_projects)

    # Criteria 1 and 2 have bounds that are reached whenever every project is open to every
    # track (the usual case): the teams' places, and as many mixed teams as the smallest
    # cohort and the team sizes allow. Fixing them and solving once for criteria 3 and 4 then
    # proves the whole order; only if that is infeasible is the first stage solved on its own.
    counts = Counter(students[i].track for i in eligible)
    roomy = sum(1 for size_ in plan.sizes if size_ >= len(required))
    bound_mixed = min([roomy, *(counts[t] for t in required)])
    progress(
        f"Composition de {teams_wanted} équipes parmi {n_projects} projets "
        f"pour {len(eligible)} élèves."
    )
    trial = model.copy()
    trial.add_row(everyone, plan.places, plan.places)
    trial.add_row(all_opened, teams_wanted, teams_wanted)
    trial.add_row(all_mixed, bound_mixed, n_projects)
    # Reaching the bound says more than the bound row alone, and saying it outright tightens
    # the relaxation (measured on 120 students: 5-15 s down to 0.3-4 s). Every team mixed:
    # « mixed » is « opened ». The smallest cohort binding: its students are one per team and
    # the mixed teams are exactly those that have one of them.
    scarce = [t for t in required if counts[t] == bound_mixed < roomy]
    for p in range(n_projects):
        if bound_mixed == teams_wanted:
            trial.add_row({mixed + p: 1.0, opened + p: -1.0}, 0.0, 0.0)
        elif scarce:
            trial.add_row({**by_project_track.get((p, scarce[0]), {}), mixed + p: -1.0}, 0.0, 0.0)
    solution = solve(trial, cost, budget.left())
    if solution.infeasible:
        progress("Les bornes ne sont pas atteintes\u00a0: calcul en deux étapes.")
        first_cost = [-(n_projects + 1.0)] * from_pool + [0.0] * (opened - from_pool)
        first_cost += [0.0] * n_projects + [-1.0] * n_projects
        solution = solve(model, first_cost, budget.left())
        if solution.chosen is not None and solution.status is SolverStatus.OPTIMAL:
            placed = sum(1 for j in solution.chosen if j < from_pool)
            n_mixed = sum(1 for j in solution.chosen if j >= mixed)
            model.add_row(everyone, placed, placed)
            model.add_row(all_mixed, n_mixed, n_projects)
            second = solve(model, cost, budget.left())
            if second.chosen is not None:
                solution = second
            else:  # stopped before a placement of its own: the first stage's one, unproven
                solution = replace(
                    second, chosen=solution.chosen, status=SolverStatus.TIME_LIMIT, gap=None
                )
    if solution.chosen is None:
        reasons = not_solved(eligible, reasons)

    members_of: dict[int, list[Assignment]] = defaultdict(list)
    for p, member in arcs.placed(seed, solution.chosen or {}):
        members_of[p].append(member)
    order = {t: k for k, t in enumerate(required)}
    teams = []
    for p in sorted(members_of, key=lambda p: places[p].offer):
        team = sorted(
            members_of[p], key=lambda a: (order.get(a.student.track, len(order)), a.student.name)
        )
        present = {a.student.track for a in team}
        missing = tuple(t for t in required if t not in present)
        teams.append(Team(offer=places[p].offer, members=tuple(team), missing_tracks=missing))
    return finish(
        internship=internship,
        collective=True,
        students=students,
        assignments=[a for t in teams for a in t.members],
        teams=teams,
        reasons=reasons,
        status=solution.status,
        gap=solution.gap,
        plan=plan,
        seed=seed,
    )
