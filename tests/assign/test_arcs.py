"""The arcs both placements start from: listed offers once each, pools, costs, pairing."""

from __future__ import annotations

from inet_stages.assign.arcs import Arcs
from inet_stages.assign.models import WEIGHTS, Place, Student, split_eligible, weight

PLACES = (
    Place(offer="a", tracks=frozenset({"adm"})),
    Place(offer="b", tracks=frozenset({"adm", "ing"})),
)


def _arcs(students: list[Student]) -> Arcs:
    eligible, _ = split_eligible(students, PLACES)
    return Arcs.of(students, PLACES, eligible)


def test_a_listed_offer_is_one_arc_and_an_invalid_one_none() -> None:
    students = [
        Student(name="A", track="adm", wishes=("a", "a", "b")),
        Student(name="I", track="ing", wishes=("a", "b", "zz")),
    ]
    arcs = _arcs(students)
    assert list(arcs.direct) == [(0, 0), (0, 1), (1, 1)]
    assert list(arcs.flows) == [("adm", 0), ("adm", 1), ("ing", 1)]
    assert (arcs.to_pool, arcs.from_pool, arcs.count) == (3, 5, 8)


def test_costs_put_the_rank_before_the_weights() -> None:
    student = Student(name="A", track="adm", wishes=("b",))
    arcs = _arcs([student])
    big = 2 * WEIGHTS + 1
    assert arcs.costs(7) == [
        float(big + weight(7, student, "b")),
        float(4 * big + weight(7, student, "")),
        float(weight(7, None, "a")),
        float(weight(7, None, "b")),
    ]


def test_placed_gives_the_listed_arcs_then_the_pools() -> None:
    students = [
        Student(name="A", track="adm", wishes=("b",)),
        Student(name="B", track="adm", wishes=()),
    ]
    arcs = _arcs(students)
    # A on its listed arc (variable 0), B through the pool (1 + 1) to « a » (3 + 0).
    placed = arcs.placed(0, {0: 1, 2: 1, 3: 1})
    assert [(p, a.student.name, a.offer, a.listed) for p, a in placed] == [
        (1, "A", "b", True),
        (0, "B", "a", False),
    ]
