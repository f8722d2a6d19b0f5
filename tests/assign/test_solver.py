"""Placements: constraints on generated instances, optimality against brute force, determinism."""

from __future__ import annotations

import itertools
import random
from collections import Counter
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inet_stages.assign.describe import describe_plan, describe_ranks
from inet_stages.assign.models import (
    AssignResult,
    Place,
    SolverStatus,
    Student,
    TeamPlan,
    UnplacedCode,
)
from inet_stages.assign.solver import assign_individual
from inet_stages.assign.teams import assign_projects, plan_teams

TRACKS = ("administrateurs", "conservateurs", "ingenieurs")
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ---------------------------------------------------------------------------------------------
# Instances


@st.composite
def individual_instances(draw: st.DrawFn) -> tuple[list[Student], list[Place]]:
    """A few offers each valid for one or more tracks, students with wishes among them."""
    n_offers = draw(st.integers(0, 5))
    places = [
        Place(
            offer=f"o{k}",
            tracks=frozenset(draw(st.sets(st.sampled_from(TRACKS), min_size=1, max_size=3))),
        )
        for k in range(n_offers)
    ]
    names = [p.offer for p in places]
    students = []
    for i in range(draw(st.integers(0, 5))):
        track = draw(st.sampled_from(TRACKS))
        wishes = draw(st.lists(st.sampled_from(names), unique=True, max_size=4)) if names else []
        # Wishes may name offers not valid for the track: the solver must skip them.
        students.append(Student(name=f"s{i}", track=track, wishes=tuple(wishes)))
    return students, places


@st.composite
def project_instances(draw: st.DrawFn) -> tuple[list[Student], list[Place], int]:
    """Projects, students of random tracks, a team size of 3 or 4."""
    # Mostly open to every track; sometimes not, so that the bounds of criteria 1 and 2 are
    # out of reach and the two-stage path runs.
    some = st.sets(st.sampled_from(TRACKS), min_size=1, max_size=3).map(frozenset)
    open_to = st.one_of(st.just(frozenset(TRACKS)), some)
    places = [Place(offer=f"p{k}", tracks=draw(open_to)) for k in range(draw(st.integers(1, 3)))]
    names = [p.offer for p in places]
    students = [
        Student(
            name=f"e{i}",
            track=draw(st.sampled_from(TRACKS)),
            wishes=tuple(draw(st.lists(st.sampled_from(names), unique=True, max_size=3))),
        )
        for i in range(draw(st.integers(0, 8)))
    ]
    return students, places, draw(st.integers(3, 4))


def check_constraints(
    result: AssignResult, students: Sequence[Student], places: Sequence[Place]
) -> None:
    """Every student at most once, every offer at most one student (or one team), valid only."""
    by_offer = {p.offer: p for p in places}
    names = Counter(a.student.name for a in result.assignments)
    assert all(n == 1 for n in names.values())
    if not result.collective:
        offers = Counter(a.offer for a in result.assignments)
        assert all(n == 1 for n in offers.values())
    else:
        assert len({t.offer for t in result.teams}) == len(result.teams)
        assert sorted(a.student.name for t in result.teams for a in t.members) == sorted(names)
    for a in result.assignments:
        assert a.student.track in by_offer[a.offer].tracks
        assert a.rank == a.student.rank_of(a.offer)
    unplaced = {u.student.name for u in result.unplaced}
    assert unplaced.isdisjoint(names)
    assert len(unplaced) + len(names) == len(students)
    assert result.objective.placed == len(result.assignments)
    assert result.objective.sum_rank_squared == sum(a.rank**2 for a in result.assignments)
    assert sum(result.ranks.values()) + result.unlisted == len(result.assignments)


# ---------------------------------------------------------------------------------------------
# Brute force


def best_individual(students: Sequence[Student], places: Sequence[Place]) -> tuple[int, int]:
    """(placed, sum of squared ranks) of the best matching, by enumerating them all."""
    best = (0, 0)
    choices = [[None, *(p.offer for p in places if s.track in p.tracks)] for s in students]
    for combo in itertools.product(*choices):
        taken = [o for o in combo if o is not None]
        if len(taken) != len(set(taken)):
            continue
        placed = len(taken)
        cost = sum(s.rank_of(o) ** 2 for s, o in zip(students, combo, strict=True) if o)
        if (placed, -cost) > (best[0], -best[1]):
            best = (placed, cost)
    return best


def best_projects(
    students: Sequence[Student], places: Sequence[Place], size: int
) -> tuple[int, int, int]:
    """(placed, mixed teams, sum of squared ranks) of the best teams, enumerated."""
    eligible = [s for s in students if any(s.track in p.tracks for p in places)]
    plan = plan_teams(len(eligible), len(places), size)
    low, high = (min(plan.sizes), max(plan.sizes)) if plan.sizes else (0, 0)
    best: tuple[int, int, int] | None = None
    for combo in itertools.product(range(-1, len(places)), repeat=len(students)):
        if any(
            p >= 0 and s.track not in places[p].tracks for s, p in zip(students, combo, strict=True)
        ):
            continue
        teams = Counter(p for p in combo if p >= 0)
        if len(teams) > len(plan.sizes) or any(not low <= n <= high for n in teams.values()):
            continue
        placed = sum(teams.values())
        if placed > plan.places:
            continue
        mixed = sum(
            1
            for p in teams
            if {s.track for s, q in zip(students, combo, strict=True) if q == p} == set(TRACKS)
        )
        cost = sum(
            s.rank_of(places[p].offer) ** 2 for s, p in zip(students, combo, strict=True) if p >= 0
        )
        if best is None or (placed, mixed, -cost) > (best[0], best[1], -best[2]):
            best = (placed, mixed, cost)
    return best or (0, 0, 0)


@SLOW
@given(individual_instances())
def test_individual_constraints_and_optimum(instance: tuple[list[Student], list[Place]]) -> None:
    students, places = instance
    result = assign_individual(students, places, seed=3)
    assert result.status is SolverStatus.OPTIMAL
    check_constraints(result, students, places)
    placed, cost = best_individual(students, places)
    assert (result.objective.placed, result.objective.sum_rank_squared) == (placed, cost)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project_instances())
def test_projects_constraints_and_optimum(instance: tuple[list[Student], list[Place], int]) -> None:
    students, places, size = instance
    result = assign_projects(students, places, size=size, tracks=TRACKS, seed=1)
    assert result.status is SolverStatus.OPTIMAL
    check_constraints(result, students, places)
    assert result.plan is not None
    sizes = sorted((len(t.members) for t in result.teams), reverse=True)
    if len(sizes) == len(result.plan.sizes):
        assert sizes == list(result.plan.sizes)
    else:  # projects closed to some track: fewer teams, of the planned sizes still
        assert all(min(result.plan.sizes) <= n <= max(result.plan.sizes) for n in sizes)
    counts = Counter(s.track for s in students)
    everywhere = all(p.tracks == frozenset(TRACKS) for p in places)
    enough = all(counts[t] >= len(result.teams) for t in TRACKS)
    if everywhere and enough and min(result.plan.sizes, default=3) >= 3:
        assert all(t.mixed for t in result.teams)  # the cohorts allow it: every team mixed
    for team in result.teams:
        assert set(team.missing_tracks) == set(TRACKS) - {a.student.track for a in team.members}
    placed, mixed, cost = best_projects(students, places, size)
    assert result.objective.placed == placed
    assert len(result.teams) - len(result.unmixed) == mixed
    assert result.objective.sum_rank_squared == cost


# ---------------------------------------------------------------------------------------------
# Worked cases


def student(name: str, track: str, *wishes: str) -> Student:
    return Student(name=name, track=track, wishes=wishes)


def place(offer: str, *tracks: str) -> Place:
    return Place(offer=offer, tracks=frozenset(tracks))


def test_squares_spare_the_one_who_would_be_sacrificed() -> None:
    # Ana and Bob both want A first; Bob's second is B, Ana lists nothing else. Giving A to
    # Bob costs 1 + 4 (Ana unlisted: rank 2); to Ana, 1 + 4 as well (Bob's 2nd) — equal, so
    # add a third student who makes one answer strictly better.
    students = [
        student("Ana", "administrateurs", "A", "C"),
        student("Bob", "administrateurs", "A", "B"),
        student("Cyd", "administrateurs", "B", "C"),
    ]
    places = [place(o, "administrateurs") for o in "ABC"]
    result = assign_individual(students, places)
    got = {a.student.name: (a.offer, a.rank) for a in result.assignments}
    # Sums of squares: {Ana A, Bob B, Cyd C} = 1+4+4 = 9 ; {Ana C, Bob A, Cyd B} = 4+1+1 = 6.
    assert got == {"Ana": ("C", 2), "Bob": ("A", 1), "Cyd": ("B", 1)}
    assert result.objective.sum_rank_squared == 6
    assert describe_ranks(result) == "1er vœu\u00a0: 2\u00a0élèves, 2e vœu\u00a0: 1\u00a0élève"


def test_unlisted_offer_counts_as_wishes_plus_one() -> None:
    students = [student("Ana", "ingenieurs", "A"), student("Bob", "ingenieurs", "A")]
    result = assign_individual(students, [place("A", "ingenieurs"), place("Z", "ingenieurs")])
    unlisted = [a for a in result.assignments if not a.listed]
    assert len(unlisted) == 1 and unlisted[0].offer == "Z" and unlisted[0].rank == 2
    assert result.objective == result.objective.__class__(placed=2, sum_rank_squared=5)
    assert describe_ranks(result).endswith("hors vœux\u00a0: 1\u00a0élève")


def test_unplaced_reasons() -> None:
    students = [
        student("Ana", "administrateurs", "A"),
        student("Bob", "administrateurs", "A"),
        student("Cyd", "conservateurs"),
    ]
    result = assign_individual(students, [place("A", "administrateurs")])
    reasons = {u.student.name: (u.code, u.reason) for u in result.unplaced}
    assert reasons["Cyd"] == (
        UnplacedCode.NO_OFFER_FOR_TRACK,
        "aucune offre valide pour sa filière",
    )
    assert len(reasons) == 2
    (crowded,) = (code for name, (code, _) in reasons.items() if name != "Cyd")
    assert crowded is UnplacedCode.NO_PLACE_LEFT


def test_offer_valid_for_another_track_is_never_used() -> None:
    students = [student("Ana", "ingenieurs", "A")]
    result = assign_individual(students, [place("A", "administrateurs")])
    assert result.assignments == ()
    assert result.unplaced[0].code is UnplacedCode.NO_OFFER_FOR_TRACK


def test_projects_unplaced_when_projects_run_short() -> None:
    students = [student(f"e{i}", TRACKS[i % 3]) for i in range(10)]
    result = assign_projects(students, [place("p", *TRACKS)], size=4, tracks=TRACKS)
    assert [len(t.members) for t in result.teams] == [4]
    assert {u.code for u in result.unplaced} == {UnplacedCode.NO_PLACE_LEFT}
    assert result.unplaced[0].reason == (
        "toutes les places des projets sont prises (moins de places que d'élèves)"
    )
    assert result.teams[0].mixed


def test_projects_say_which_team_cannot_be_mixed() -> None:
    # One conservateur for two teams: one team only can have all three tracks.
    students = [
        *(student(f"a{i}", "administrateurs") for i in range(4)),
        *(student(f"i{i}", "ingenieurs") for i in range(3)),
        student("c0", "conservateurs"),
    ]
    places = [place("p1", *TRACKS), place("p2", *TRACKS), place("p3", *TRACKS)]
    result = assign_projects(students, places, size=4, tracks=TRACKS)
    assert len(result.teams) == 2
    assert len(result.unmixed) == 1
    assert result.unmixed[0].missing_tracks == ("conservateurs",)


def test_projects_follow_wishes_within_mixing() -> None:
    students = [
        student("a1", "administrateurs", "p2"),
        student("a2", "administrateurs", "p1"),
        student("c1", "conservateurs", "p1"),
        student("c2", "conservateurs", "p2"),
        student("i1", "ingenieurs", "p2"),
        student("i2", "ingenieurs", "p1"),
    ]
    places = [place("p1", *TRACKS), place("p2", *TRACKS), place("p3", *TRACKS)]
    result = assign_projects(students, places, size=3, tracks=TRACKS)
    teams = {t.offer: [a.student.name for a in t.members] for t in result.teams}
    assert teams == {"p1": ["a2", "c1", "i2"], "p2": ["a1", "c2", "i1"]}
    assert result.objective.sum_rank_squared == 6


@pytest.mark.parametrize(
    ("students", "projects", "sizes"),
    [
        (12, 10, (4, 4, 4)),
        (13, 10, (5, 4, 4)),  # one team of one more rather than three of one fewer
        (15, 10, (4, 4, 4, 3)),  # one team of one fewer rather than three of one more
        (14, 10, (5, 5, 4)),  # as many either way: one more
        (6, 10, (3, 3)),  # one more would need two teams of five over one: impossible
        (2, 10, (2,)),
        (0, 10, ()),
        (20, 3, (4, 4, 4)),  # projects run short: teams of four, the others wait
        (13, 3, (5, 4, 4)),  # every project taken: the remainder joins teams
    ],
)
def test_plan_teams(students: int, projects: int, sizes: tuple[int, ...]) -> None:
    assert plan_teams(students, projects, 4).sizes == sizes


def test_describe_plan() -> None:
    assert describe_plan(TeamPlan(size=4, sizes=(4, 4, 4))) == "3 équipes de 4\u00a0élèves."
    assert describe_plan(TeamPlan(size=4, sizes=(5, 4, 4))) == (
        "3 équipes pour 13\u00a0élèves\u00a0: 2 de 4 et 1 de 5 (1 équipe d'un élève de plus que 4)."
    )
    assert describe_plan(TeamPlan(size=4, sizes=(4, 4, 3, 3))).endswith(
        "(2 équipes d'un élève de moins que 4)."
    )


# ---------------------------------------------------------------------------------------------
# Determinism


def tied_instance() -> tuple[list[Student], list[Place]]:
    """Everyone lists nothing: every full placement is optimal, only the seed chooses."""
    students = [student(f"s{i}", "administrateurs") for i in range(6)]
    return students, [place(f"o{k}", "administrateurs") for k in range(6)]


def pairs(result: AssignResult) -> list[tuple[str, str]]:
    return sorted((a.student.name, a.offer) for a in result.assignments)


def test_same_seed_same_placement_whatever_the_row_order() -> None:
    students, places = tied_instance()
    first = assign_individual(students, places, seed=7)
    again = assign_individual(students, places, seed=7)
    shuffled = list(students)
    random.Random(0).shuffle(shuffled)
    reordered = assign_individual(shuffled, list(reversed(places)), seed=7)
    assert pairs(first) == pairs(again) == pairs(reordered)


def test_the_seed_chooses_among_equal_placements() -> None:
    students, places = tied_instance()
    seen = {tuple(pairs(assign_individual(students, places, seed=s))) for s in range(6)}
    assert len(seen) > 1
    for result in (assign_individual(students, places, seed=s) for s in range(3)):
        assert result.objective.placed == 6 and result.objective.sum_rank_squared == 6


def test_projects_same_seed_same_teams() -> None:
    rng = random.Random(5)
    places = [place(f"p{k}", *TRACKS) for k in range(5)]
    students = [
        Student(
            name=f"e{i}",
            track=TRACKS[i % 3],
            wishes=tuple(rng.sample([p.offer for p in places], 2)),
        )
        for i in range(12)
    ]

    def teams(seed: int) -> list[tuple[str, tuple[str, ...]]]:
        result = assign_projects(students, places, size=4, tracks=TRACKS, seed=seed)
        return [(t.offer, tuple(a.student.name for a in t.members)) for t in result.teams]

    assert teams(2) == teams(2) == teams(2)


def test_time_limit_keeps_a_usable_answer() -> None:
    rng = random.Random(9)
    places = [place(f"o{k}", rng.choice(TRACKS)) for k in range(300)]
    students = [
        Student(
            name=f"s{i}",
            track=(track := rng.choice(TRACKS)),
            wishes=tuple(rng.sample([p.offer for p in places if track in p.tracks], 5)),
        )
        for i in range(300)
    ]
    result = assign_individual(students, places, time_limit=0.001)
    assert result.status in set(SolverStatus)
    if result.status is SolverStatus.FAILED:
        assert {u.code for u in result.unplaced} <= {
            UnplacedCode.NOT_SOLVED,
            UnplacedCode.NO_OFFER_FOR_TRACK,
        }
    else:
        check_constraints(result, students, places)
