"""Students placed on offers by their ranked wishes: individual internships and projets collectifs.

Pure: no files, no clock for dates, no printing. The solver is HiGHS through
``scipy.optimize.milp``, imported inside the solve functions only (scipy costs a few hundred
milliseconds to import, and every other command must start fast).

What « optimal » means (the issue's words), each criterion choosing only among the solutions
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
same pools. The network matrix of the individual model is totally unimodular: HiGHS solves it
at the root node.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

#: Weights of criterion 4 are drawn in ``[0, _WEIGHTS)``.
_WEIGHTS = 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Student:
    """One student: name, track id, optional e-mail, wishes as offer ids (first = rank 1)."""

    name: str
    track: str
    email: str | None = None
    wishes: tuple[str, ...] = ()
    row: int = 0

    @property
    def unlisted_rank(self) -> int:
        """The rank an offer the student did not list counts as: number of wishes + 1."""
        return len(self.wishes) + 1

    def rank_of(self, offer: str) -> int:
        """Rank of ``offer`` for this student (listed position, else :attr:`unlisted_rank`)."""
        try:
            return self.wishes.index(offer) + 1
        except ValueError:
            return self.unlisted_rank


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """A candidate place: an offer valid for the internship, and the tracks it is valid for.

    For an individual internship an offer is one place; for the projets collectifs, one team.
    """

    offer: str
    tracks: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Assignment:
    """A student on an offer, with the rank obtained (``listed`` is False for an unlisted one)."""

    student: Student
    offer: str
    rank: int
    listed: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class Team:
    """One projet collectif: the offer, its members, and the tracks it lacks (empty = mixed)."""

    offer: str
    members: tuple[Assignment, ...]
    missing_tracks: tuple[str, ...] = ()

    @property
    def mixed(self) -> bool:
        """True when the team has at least one student of each required track."""
        return not self.missing_tracks


class UnplacedCode(StrEnum):
    """Why a student is not placed."""

    NO_OFFER_FOR_TRACK = "no_offer_for_track"
    NO_PLACE_LEFT = "no_place_left"
    NOT_SOLVED = "not_solved"


_REASONS: Mapping[UnplacedCode, tuple[str, str]] = {
    # (individual internship, projets collectifs)
    UnplacedCode.NO_OFFER_FOR_TRACK: (
        "aucune offre valide pour sa filière",
        "aucun projet ouvert à sa filière",
    ),
    UnplacedCode.NO_PLACE_LEFT: (
        "toutes les offres valides pour sa filière sont prises (moins de places que d'élèves)",
        "toutes les places des projets sont prises (moins de places que d'élèves)",
    ),
    UnplacedCode.NOT_SOLVED: (
        "le calcul s'est arrêté avant de trouver une affectation",
        "le calcul s'est arrêté avant de trouver une composition des équipes",
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Unplaced:
    """A student left without a place: a reason code and its French wording."""

    student: Student
    code: UnplacedCode
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Objective:
    """The two figures the placement is judged by (criteria 1 and 3)."""

    placed: int
    sum_rank_squared: int


class SolverStatus(StrEnum):
    """How the solver ended: proven optimum, stopped by the time limit, or nothing usable."""

    OPTIMAL = "optimal"
    TIME_LIMIT = "time_limit"
    FAILED = "failed"


@dataclass(frozen=True, slots=True, kw_only=True)
class TeamPlan:
    """The team sizes chosen for the projets collectifs, largest first.

    ``size`` is the calendar's students_per_project; when the number of students is not a
    multiple of it, the fewest teams take one more student (``larger``) or one fewer
    (``smaller``), one more when both need as many teams.
    """

    size: int
    sizes: tuple[int, ...]

    @property
    def larger(self) -> int:
        """Teams of more than ``size`` students."""
        return sum(1 for s in self.sizes if s > self.size)

    @property
    def smaller(self) -> int:
        """Teams of fewer than ``size`` students."""
        return sum(1 for s in self.sizes if s < self.size)

    @property
    def places(self) -> int:
        """Students the teams take in all."""
        return sum(self.sizes)


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignResult:
    """Everything one placement produced; ``gap`` is HiGHS's relative gap when time ran out."""

    internship: str
    collective: bool
    assignments: tuple[Assignment, ...]
    teams: tuple[Team, ...] = ()
    unplaced: tuple[Unplaced, ...] = ()
    ranks: Mapping[int, int] = field(default_factory=dict)
    unlisted: int = 0
    objective: Objective
    status: SolverStatus
    gap: float | None = None
    plan: TeamPlan | None = None
    seed: int = 0

    @property
    def unmixed(self) -> tuple[Team, ...]:
        """Teams that lack a track (the cohorts did not allow every team to be mixed)."""
        return tuple(t for t in self.teams if not t.mixed)


Progress = Callable[[str], None]
#: A clock in seconds (``time.monotonic``), given by the caller: this module never reads one.
Clock = Callable[[], float]


def _silent(_: str) -> None:
    return None


def weight(seed: int, student: Student | None, offer: str) -> int:
    """Criterion 4's weight of a pair, from a hash: independent of row order and platform."""
    who = f"{student.name}\x1f{student.track}" if student is not None else ""
    digest = hashlib.blake2b(f"{seed}\x1e{who}\x1e{offer}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % _WEIGHTS


# ---------------------------------------------------------------------------------------------
# The solver, behind one small typed function


@dataclass(frozen=True, slots=True)
class _Model:
    """An integer model: ``0 ≤ x ≤ bounds``, ``lower ≤ A x ≤ upper`` (A as triplets)."""

    bounds: list[float]  # upper bound of each variable (0 is every lower bound)
    rows: list[int]
    cols: list[int]
    vals: list[float]
    lower: list[float]
    upper: list[float]

    def add_row(self, coefs: Mapping[int, float], lower: float, upper: float) -> None:
        """Append one constraint ``lower ≤ Σ coefs[j] x_j ≤ upper``."""
        row = len(self.lower)
        for col, val in coefs.items():
            self.rows.append(row)
            self.cols.append(col)
            self.vals.append(val)
        self.lower.append(lower)
        self.upper.append(upper)

    def copy(self) -> _Model:
        """The same model, to which rows can be added without touching this one."""
        return _Model(
            list(self.bounds),
            list(self.rows),
            list(self.cols),
            list(self.vals),
            list(self.lower),
            list(self.upper),
        )


@dataclass(frozen=True, slots=True)
class _Solution:
    chosen: Mapping[int, int] | None  # variable → value, nonzero ones only
    status: SolverStatus
    gap: float | None
    infeasible: bool = False


def _new_model(variables: int) -> _Model:
    return _Model([1.0] * variables, [], [], [], [], [])


def _solve(model: _Model, cost: Sequence[float], time_limit: float | None) -> _Solution:
    """Minimise ``cost · x`` with HiGHS, to the exact optimum of an integer cost."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    n = len(cost)
    if n == 0:
        return _Solution({}, SolverStatus.OPTIMAL, 0.0)
    # Integer costs: an absolute gap below 1/2 proves the optimum. HiGHS takes a relative gap,
    # so divide by a bound on the objective's size.
    scale = max(1.0, sum(abs(c) for c in cost))
    options: dict[str, Any] = {"mip_rel_gap": 0.4 / scale, "presolve": True}
    if time_limit is not None:
        options["time_limit"] = max(0.01, time_limit)
    constraints = []
    if model.lower:
        matrix = csr_array(
            (np.array(model.vals), (np.array(model.rows), np.array(model.cols))),
            shape=(len(model.lower), n),
        )
        constraints.append(LinearConstraint(matrix, np.array(model.lower), np.array(model.upper)))
    res = milp(
        np.array(cost, dtype=float),
        integrality=np.ones(n),
        bounds=Bounds(0, np.array(model.bounds)),
        constraints=constraints,
        options=options,
    )
    x = getattr(res, "x", None)
    chosen = None if x is None else {int(j): round(x[j]) for j in np.flatnonzero(x > 0.5)}
    gap = getattr(res, "mip_gap", None)
    if res.status == 0:
        return _Solution(chosen, SolverStatus.OPTIMAL, 0.0)
    if res.status == 1 and chosen is not None:
        return _Solution(chosen, SolverStatus.TIME_LIMIT, None if gap is None else float(gap))
    return _Solution(None, SolverStatus.FAILED, None, infeasible=res.status == 2)


class _Budget:
    """What is left of ``time_limit`` across the solver's stages (elapsed time, not dates).

    ``clock`` (seconds, e.g. ``time.monotonic``) is handed in by the caller, so that this
    module never reads the clock itself; without it, each solve gets the whole limit.
    """

    def __init__(self, time_limit: float | None, clock: Clock | None) -> None:
        self._limit = time_limit
        self._clock = clock
        self._end = None if time_limit is None or clock is None else clock() + time_limit

    def left(self) -> float | None:
        if self._end is None or self._clock is None:
            return self._limit
        return self._end - self._clock()


# ---------------------------------------------------------------------------------------------
# Individual internships


def _valid(place: Place, student: Student) -> bool:
    return student.track in place.tracks


def _unplaced(student: Student, code: UnplacedCode, *, collective: bool) -> Unplaced:
    return Unplaced(student=student, code=code, reason=_REASONS[code][1 if collective else 0])


def _finish(
    *,
    internship: str,
    collective: bool,
    students: Sequence[Student],
    assignments: Sequence[Assignment],
    teams: Sequence[Team] = (),
    reasons: Mapping[int, UnplacedCode],
    solution: _Solution,
    plan: TeamPlan | None = None,
    seed: int,
) -> AssignResult:
    placed_ids = {id(a.student) for a in assignments}
    unplaced = tuple(
        _unplaced(s, reasons.get(i, UnplacedCode.NO_PLACE_LEFT), collective=collective)
        for i, s in enumerate(students)
        if id(s) not in placed_ids
    )
    ranks = Counter(a.rank for a in assignments if a.listed)
    ordered = tuple(sorted(assignments, key=lambda a: (a.offer, a.student.name)))
    return AssignResult(
        internship=internship,
        collective=collective,
        assignments=ordered,
        teams=tuple(teams),
        unplaced=unplaced,
        ranks=dict(sorted(ranks.items())),
        unlisted=sum(1 for a in assignments if not a.listed),
        objective=Objective(
            placed=len(assignments), sum_rank_squared=sum(a.rank**2 for a in assignments)
        ),
        status=solution.status,
        gap=solution.gap,
        plan=plan,
        seed=seed,
    )


def _assignment(student: Student, offer: str) -> Assignment:
    rank = student.rank_of(offer)
    return Assignment(student=student, offer=offer, rank=rank, listed=offer in student.wishes)


def assign_individual(
    students: Sequence[Student],
    places: Sequence[Place],
    *,
    internship: str = "",
    seed: int = 0,
    time_limit: float | None = None,
    clock: Clock | None = None,
    progress: Progress = _silent,
) -> AssignResult:
    """Place each student on at most one offer valid for their track, each offer at most once.

    Optimal in the order of the module docstring (criteria 1, 3, 4), by two HiGHS solves:
    the most students placed, then — that number fixed — ``Σ rank² · M + weights``.
    ``time_limit`` (seconds) bounds both solves together when ``clock`` is given (each
    solve alone otherwise); when it stops the second one, the
    result keeps the best placement found, ``status`` says so and ``gap`` gives its distance.
    """
    offers = {p.offer: p for p in places}
    budget = _Budget(time_limit, clock)
    reasons: dict[int, UnplacedCode] = {}
    eligible: list[int] = []
    for i, s in enumerate(students):
        if any(_valid(p, s) for p in places):
            eligible.append(i)
        else:
            reasons[i] = UnplacedCode.NO_OFFER_FOR_TRACK
    tracks = sorted({students[i].track for i in eligible})

    # Variables: direct arcs (student, listed offer), then student → pool, then pool → offer.
    direct: list[tuple[int, str]] = []
    for i in eligible:
        s = students[i]
        seen: set[str] = set()
        for wish in s.wishes:
            place = offers.get(wish)
            if place is not None and _valid(place, s) and wish not in seen:
                seen.add(wish)
                direct.append((i, wish))
    to_pool = list(eligible)
    from_pool = [(t, p.offer) for t in tracks for p in places if t in p.tracks]
    n_direct, n_pool = len(direct), len(to_pool)
    model = _new_model(n_direct + n_pool + len(from_pool))

    by_student: dict[int, dict[int, float]] = defaultdict(dict)
    by_offer: dict[str, dict[int, float]] = defaultdict(dict)
    by_pool: dict[str, dict[int, float]] = defaultdict(dict)
    for j, (i, offer) in enumerate(direct):
        by_student[i][j] = 1.0
        by_offer[offer][j] = 1.0
    for k, i in enumerate(to_pool):
        by_student[i][n_direct + k] = 1.0
        by_pool[students[i].track][n_direct + k] = 1.0
    for k, (t, offer) in enumerate(from_pool):
        j = n_direct + n_pool + k
        by_pool[t][j] = -1.0
        by_offer[offer][j] = 1.0
    for coefs in by_student.values():
        model.add_row(coefs, 0.0, 1.0)
    for coefs in by_pool.values():
        model.add_row(coefs, 0.0, 0.0)
    for coefs in by_offer.values():
        model.add_row(coefs, 0.0, 1.0)

    progress(
        f"Affectation de {len(eligible)} élèves sur {len(places)} offres\u00a0: étape 1 sur 2."
    )
    placing = [-1.0] * (n_direct + n_pool) + [0.0] * len(from_pool)
    first = _solve(model, placing, budget.left())
    if first.chosen is None:
        return _finish(
            internship=internship,
            collective=False,
            students=students,
            assignments=(),
            reasons={**dict.fromkeys(eligible, UnplacedCode.NOT_SOLVED), **reasons},
            solution=first,
            seed=seed,
        )
    solution = first
    if first.status is SolverStatus.OPTIMAL:
        placed = sum(1 for j in first.chosen if j < n_direct + n_pool)
        model.add_row(dict.fromkeys(range(n_direct + n_pool), 1.0), placed, placed)
        big = 2 * _WEIGHTS * max(1, len(eligible)) + 1
        cost = [students[i].rank_of(o) ** 2 * big + weight(seed, students[i], o) for i, o in direct]
        cost += [
            students[i].unlisted_rank ** 2 * big + weight(seed, students[i], "") for i in to_pool
        ]
        cost += [weight(seed, None, o) for _, o in from_pool]
        progress("Étape 2 sur 2\u00a0: le plus petit total des rangs au carré.")
        second = _solve(model, cost, budget.left())
        # Stopped before any placement of its own: the first stage's one stands, said unproven.
        solution = second if second.chosen is not None else replace(second, chosen=first.chosen)
    chosen = solution.chosen or {}

    assignments = [_assignment(students[i], o) for j, (i, o) in enumerate(direct) if j in chosen]
    # Which pooled student takes which pooled offer is the same cost for all pairings: pair
    # them in the seed's order so the answer is still one function of the seed.
    for t in tracks:
        who = [
            i for k, i in enumerate(to_pool) if n_direct + k in chosen and students[i].track == t
        ]
        where = [
            o for k, (u, o) in enumerate(from_pool) if u == t and n_direct + n_pool + k in chosen
        ]
        who.sort(key=lambda i: (weight(seed, students[i], ""), students[i].name, i))
        where.sort(key=lambda o: (weight(seed, None, o), o))
        assignments.extend(_assignment(students[i], o) for i, o in zip(who, where, strict=False))
    return _finish(
        internship=internship,
        collective=False,
        students=students,
        assignments=assignments,
        reasons=reasons,
        solution=solution,
        seed=seed,
    )


# ---------------------------------------------------------------------------------------------
# Projets collectifs


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
    progress: Progress = _silent,
) -> AssignResult:
    """Choose which candidate offers become projects and form one team on each.

    Teams follow :func:`plan_teams` (``size`` is the calendar's students_per_project). Every
    team has at least one student of each of ``tracks`` when the cohorts allow it, otherwise
    as many teams as can be (the others are listed by :attr:`AssignResult.unmixed`). Optimal
    in the order of the module docstring (criteria 1 to 4), by one HiGHS solve when the bounds
    of criteria 1 and 2 are reached, else two.
    """
    budget = _Budget(time_limit, clock)
    required = sorted(set(tracks))
    reasons: dict[int, UnplacedCode] = {}
    eligible: list[int] = []
    for i, s in enumerate(students):
        if any(_valid(p, s) for p in places):
            eligible.append(i)
        else:
            reasons[i] = UnplacedCode.NO_OFFER_FOR_TRACK
    plan = plan_teams(len(eligible), len(places), size)
    teams_wanted = len(plan.sizes)
    low, high = (min(plan.sizes), max(plan.sizes)) if plan.sizes else (0, 0)

    # Variables: (student, listed project) pairs; student → pool of their track; pool →
    # project (an integer: how many unlisted students of that track join it); then, per
    # project, « opened » and « mixed ». Pools keep the model small: 120 students with five
    # wishes over 40 projects are under 1 000 variables, not 4 800, and HiGHS needs a second
    # where it needed ten (measured).
    index = {place.offer: p for p, place in enumerate(places)}
    direct: list[tuple[int, int]] = []
    for i in eligible:
        listed: set[int] = set()
        for wish in students[i].wishes:
            p = index.get(wish, -1)
            if p >= 0 and p not in listed and _valid(places[p], students[i]):
                listed.add(p)
                direct.append((i, p))
    pool_tracks = sorted({students[i].track for i in eligible})
    flows = [(t, p) for t in pool_tracks for p, place in enumerate(places) if t in place.tracks]
    n_direct, n_projects = len(direct), len(places)
    to_pool = n_direct  # z_i at to_pool + k for the k-th eligible student
    from_pool = to_pool + len(eligible)
    opened = from_pool + len(flows)
    mixed = opened + n_projects
    model = _new_model(mixed + n_projects)
    for k in range(len(flows)):
        model.bounds[from_pool + k] = float(high)

    by_student: dict[int, dict[int, float]] = defaultdict(dict)
    by_pool: dict[str, dict[int, float]] = defaultdict(dict)
    by_project: dict[int, dict[int, float]] = defaultdict(dict)
    by_project_track: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    for j, (i, p) in enumerate(direct):
        by_student[i][j] = 1.0
        by_project[p][j] = 1.0
        by_project_track[p, students[i].track][j] = 1.0
        model.add_row({j: 1.0, opened + p: -1.0}, -1.0, 0.0)
    for k, i in enumerate(eligible):
        by_student[i][to_pool + k] = 1.0
        by_pool[students[i].track][to_pool + k] = 1.0
    for k, (t, p) in enumerate(flows):
        by_pool[t][from_pool + k] = -1.0
        by_project[p][from_pool + k] = 1.0
        by_project_track[p, t][from_pool + k] = 1.0
        model.add_row({from_pool + k: 1.0, opened + p: -float(high)}, -float(high), 0.0)
    for coefs in by_student.values():
        model.add_row(coefs, 0.0, 1.0)
    for coefs in by_pool.values():
        model.add_row(coefs, 0.0, 0.0)
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

    big = 2 * _WEIGHTS * max(1, len(eligible)) + 1
    cost: list[float] = [
        students[i].rank_of(places[p].offer) ** 2 * big + weight(seed, students[i], places[p].offer)
        for i, p in direct
    ]
    cost += [students[i].unlisted_rank ** 2 * big + weight(seed, students[i], "") for i in eligible]
    cost += [float(weight(seed, None, places[p].offer)) for _, p in flows]
    cost += [0.0] * (2 * n_projects)

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
    solution = _solve(trial, cost, budget.left())
    if solution.infeasible:
        progress("Les bornes ne sont pas atteintes\u00a0: calcul en deux étapes.")
        first_cost = [-(n_projects + 1.0)] * from_pool + [0.0] * (opened - from_pool)
        first_cost += [0.0] * n_projects + [-1.0] * n_projects
        solution = _solve(model, first_cost, budget.left())
        if solution.chosen is not None and solution.status is SolverStatus.OPTIMAL:
            placed = sum(1 for j in solution.chosen if j < from_pool)
            n_mixed = sum(1 for j in solution.chosen if j >= mixed)
            model.add_row(everyone, placed, placed)
            model.add_row(all_mixed, n_mixed, n_projects)
            second = _solve(model, cost, budget.left())
            if second.chosen is not None:
                solution = second
            else:  # stopped before a placement of its own: the first stage's one, unproven
                solution = replace(second, chosen=solution.chosen)
    if solution.chosen is None:
        return _finish(
            internship=internship,
            collective=True,
            students=students,
            assignments=(),
            reasons={**dict.fromkeys(eligible, UnplacedCode.NOT_SOLVED), **reasons},
            solution=solution,
            plan=plan,
            seed=seed,
        )
    chosen = solution.chosen or {}

    members_of: dict[int, list[Assignment]] = defaultdict(list)
    for j, (i, p) in enumerate(direct):
        if j in chosen:
            members_of[p].append(_assignment(students[i], places[p].offer))
    # Which pooled student joins which project is the same cost for all pairings: pair them
    # in the seed's order so the answer is still one function of the seed.
    for t in pool_tracks:
        who = [
            i for k, i in enumerate(eligible) if to_pool + k in chosen and students[i].track == t
        ]
        slots = [
            p
            for k, (u, p) in enumerate(flows)
            if u == t
            for _ in range(chosen.get(from_pool + k, 0))
        ]
        who.sort(key=lambda i: (weight(seed, students[i], ""), students[i].name, i))
        slots.sort(key=lambda p: (weight(seed, None, places[p].offer), places[p].offer))
        for i, p in zip(who, slots, strict=False):
            members_of[p].append(_assignment(students[i], places[p].offer))
    order = {t: k for k, t in enumerate(required)}
    teams = []
    for p in sorted(members_of, key=lambda p: places[p].offer):
        team = sorted(
            members_of[p], key=lambda a: (order.get(a.student.track, len(order)), a.student.name)
        )
        present = {a.student.track for a in team}
        missing = tuple(t for t in required if t not in present)
        teams.append(Team(offer=places[p].offer, members=tuple(team), missing_tracks=missing))
    return _finish(
        internship=internship,
        collective=True,
        students=students,
        assignments=[a for t in teams for a in t.members],
        teams=teams,
        reasons=reasons,
        solution=solution,
        plan=plan,
        seed=seed,
    )


# ---------------------------------------------------------------------------------------------
# French wording of the figures


def _nb(n: int) -> str:
    """« 40 000 »: thousands separated by a non-breaking space."""
    return f"{n:,}".replace(",", "\u00a0")


def _students(n: int) -> str:
    return f"{_nb(n)}\u00a0élève{'s' if n > 1 else ''}"


def _ordinal(rank: int) -> str:
    return "1er" if rank == 1 else f"{rank}e"


def describe_ranks(result: AssignResult) -> str:
    """« 1er vœu : 9 élèves, 2e vœu : 3 élèves, hors vœux : 1 élève » (empty when none placed)."""
    parts = [f"{_ordinal(r)} vœu\u00a0: {_students(n)}" for r, n in sorted(result.ranks.items())]
    if result.unlisted:
        parts.append(f"hors vœux\u00a0: {_students(result.unlisted)}")
    return ", ".join(parts)


def describe_plan(plan: TeamPlan) -> str:
    """The teams' sizes in a sentence, saying which teams take one more or one fewer."""
    if not plan.sizes:
        return "Aucune équipe."
    count = Counter(plan.sizes)
    teams = len(plan.sizes)
    parts = [f"{_nb(n)} de {_nb(s)}" for s, n in sorted(count.items(), key=lambda kv: -kv[1])]
    head = f"{_nb(teams)} équipe{'s' if teams > 1 else ''}"
    if len(count) == 1:
        return f"{head} de {_students(plan.sizes[0])}."
    text = f"{head} pour {_students(plan.places)}\u00a0: {' et '.join(parts)}"
    if plan.larger:
        n = plan.larger
        return f"{text} ({_nb(n)} équipe{'s' if n > 1 else ''} d'un élève de plus que {plan.size})."
    n = plan.smaller
    return f"{text} ({_nb(n)} équipe{'s' if n > 1 else ''} d'un élève de moins que {plan.size})."
