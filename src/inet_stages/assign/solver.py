"""Students placed on offers by their ranked wishes: the individual internships (the projets
collectifs are in :mod:`inet_stages.assign.teams`, on the same criteria).

Pure: no files, no clock for dates, no printing. The solver is HiGHS (:mod:`.milp`), imported
inside the solves only, so that every other command starts fast.

What « optimal » means, each criterion choosing only among the solutions
that are best for the ones before it:

1. as many students placed as the places allow;
2. (projets collectifs) as many teams with at least one student of each track as the cohorts
   allow — every team when they allow it;
3. the smallest sum over placed students of the square of the rank obtained; an offer the
   student did not list counts as rank = number of wishes + 1, so that no one is sacrificed for
   others' first choices;
4. ties: the smallest sum of pseudo-random weights in ``[0, 1024)`` drawn from ``seed`` (a hash
   of the seed, the student and the offer; for an unlisted offer, the student's weight plus the
   offer's, the students and offers so chosen then paired in the seed's order), so that one
   seed always gives the same placement, whatever the order of the rows.

How the lexicographic order is made exact. Individual internships: a first solve maximises the
students placed; a second fixes that number and minimises ``Σ (rank² · M + weights)`` with
``M = 2 · 1024 · n + 1``, larger than any total of weights over ``n`` students (at most two
weights each), so criterion 4 never overrides criterion 3. Projets collectifs: criteria 1 and
2 have bounds that are reached in the usual case (every project open to every track); one
solve with them fixed proves all four criteria, and only when it is infeasible does a first
solve maximise ``(P + 1) · placed + mixed`` (``mixed ≤ P``, the number of projects, so one
more student outweighs every mixed team) before the second. Every coefficient is an integer,
and the relative gap handed to HiGHS keeps the absolute gap below one half, so « optimal »
here is the exact optimum, not a tolerance away from it.

Model size: one variable per (student, offer) pair the student listed and the offer is valid
for the student's track. An unlisted offer has the same rank for every offer, so it goes
through one « pool » per track (student → pool → offer): 1 000 students with ten wishes over
1 000 offers are about 14 000 variables, not a dense million; the projets collectifs use the
same pools. The individual model is a flow network (its matrix totally unimodular, the row
that fixes the number placed included): its linear program has an integral optimal vertex,
which the simplex finds without any branching (10 000 students: seconds, where the
branch-and-bound's machinery took minutes on the same model).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from inet_stages.assign.arcs import Arcs
from inet_stages.assign.milp import Budget, Model, solve
from inet_stages.assign.models import (
    SolverStatus,
    finish,
    not_solved,
    silent,
    split_eligible,
)

if TYPE_CHECKING:
    from inet_stages.assign.models import AssignResult, Clock, Place, Progress, Student


def assign_individual(
    students: Sequence[Student],
    places: Sequence[Place],
    *,
    internship: str = "",
    seed: int = 0,
    time_limit: float | None = None,
    clock: Clock | None = None,
    progress: Progress = silent,
) -> AssignResult:
    """Place each student on at most one offer valid for their track, each offer at most once.

    Optimal in the order of the module docstring (criteria 1, 3, 4), by two HiGHS solves:
    the most students placed, then — that number fixed — ``Σ rank² · M + weights``.
    ``time_limit`` (seconds) bounds both solves together when ``clock`` is given (each
    solve alone otherwise); when it stops the second one, the
    result keeps the best placement found, ``status`` says so and ``gap`` gives its distance.
    """
    budget = Budget(time_limit, clock)
    eligible, reasons = split_eligible(students, places)
    arcs = Arcs.of(students, places, eligible)
    model = Model.of(arcs.count)
    arcs.add_rows(model)
    # Each offer is one place, however many times it stands among the places.
    by_offer: dict[str, dict[int, float]] = defaultdict(dict)
    for j, (_, p) in enumerate(arcs.direct):
        by_offer[places[p].offer][j] = 1.0
    for k, (_, p) in enumerate(arcs.flows):
        by_offer[places[p].offer][arcs.from_pool + k] = 1.0
    for coefs in by_offer.values():
        model.add_row(coefs, 0.0, 1.0)

    progress(
        f"Affectation de {len(eligible)} élèves sur {len(places)} offres\u00a0: étape 1 sur 2."
    )
    placing = [-1.0] * arcs.from_pool + [0.0] * len(arcs.flows)
    first = solve(model, placing, budget.left(), network=True)
    solution = first
    if first.chosen is not None and first.status is SolverStatus.OPTIMAL:
        placed = sum(1 for j in first.chosen if j < arcs.from_pool)
        model.add_row(dict.fromkeys(range(arcs.from_pool), 1.0), placed, placed)
        progress("Étape 2 sur 2\u00a0: le plus petit total des rangs au carré.")
        second = solve(model, arcs.costs(seed), budget.left(), network=True)
        # Stopped before any placement of its own: the first stage's one stands, said unproven.
        solution = (
            second
            if second.chosen is not None
            else replace(second, chosen=first.chosen, status=SolverStatus.TIME_LIMIT, gap=None)
        )
    if solution.chosen is None:
        reasons = not_solved(eligible, reasons)
    assignments = [a for _, a in arcs.placed(seed, solution.chosen or {})]
    return finish(
        internship=internship,
        collective=False,
        students=students,
        assignments=assignments,
        reasons=reasons,
        status=solution.status,
        gap=solution.gap,
        seed=seed,
    )
