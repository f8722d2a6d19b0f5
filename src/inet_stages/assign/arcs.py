"""The variables both placements start from: listed arcs and pools, their costs, their pairing.

The individual internships (:mod:`.solver`) and the projets collectifs (:mod:`.teams`) build
the same network before adding their own rows: one arc per (student, place) pair the student
listed and the place is valid for; one arc per eligible student to the pool of their track;
one arc per (track, place open to it) out of the pool. The arcs cost the same in both
(criteria 3 and 4 of the module docstring of :mod:`.solver`), and once solved, the pooled
students are paired with the pooled places the same way, in the seed's order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from inet_stages.assign.milp import Model
from inet_stages.assign.models import (
    WEIGHTS,
    Assignment,
    Place,
    Student,
    assignment,
    valid,
    weight,
)


@dataclass(frozen=True, slots=True)
class Arcs:
    """The shared variables, numbered in this order: listed arcs, student → pool, pool → place.

    ``direct`` holds (student, place) indices, ``flows`` (track, place); ``tracks`` are the
    eligible students' tracks, sorted, one pool each.
    """

    students: Sequence[Student]
    places: Sequence[Place]
    eligible: Sequence[int]
    tracks: Sequence[str]
    direct: Sequence[tuple[int, int]]
    flows: Sequence[tuple[str, int]]

    @classmethod
    def of(
        cls, students: Sequence[Student], places: Sequence[Place], eligible: Sequence[int]
    ) -> Arcs:
        """The arcs of ``eligible`` students (indices into ``students``) over ``places``.

        A listed offer is one arc, however many times it is listed; an offer that stands twice
        among the places is the last of them, as a look-up by offer finds it.
        """
        index = {place.offer: p for p, place in enumerate(places)}
        direct: list[tuple[int, int]] = []
        for i in eligible:
            listed: set[int] = set()
            for wish in students[i].wishes:
                p = index.get(wish, -1)
                if p >= 0 and p not in listed and valid(places[p], students[i]):
                    listed.add(p)
                    direct.append((i, p))
        tracks = sorted({students[i].track for i in eligible})
        flows = [(t, p) for t in tracks for p, place in enumerate(places) if t in place.tracks]
        return cls(students, places, eligible, tracks, direct, flows)

    @property
    def to_pool(self) -> int:
        """The first student → pool variable (the k-th eligible student's is ``to_pool + k``)."""
        return len(self.direct)

    @property
    def from_pool(self) -> int:
        """The first pool → place variable; every variable before it places one student."""
        return len(self.direct) + len(self.eligible)

    @property
    def count(self) -> int:
        """How many variables the arcs take; a model's own variables come after them."""
        return self.from_pool + len(self.flows)

    def add_rows(self, model: Model) -> None:
        """Each student on one arc at most, and each pool gives out as many as it takes in."""
        by_student: dict[int, dict[int, float]] = defaultdict(dict)
        by_pool: dict[str, dict[int, float]] = defaultdict(dict)
        for j, (i, _) in enumerate(self.direct):
            by_student[i][j] = 1.0
        for k, i in enumerate(self.eligible):
            by_student[i][self.to_pool + k] = 1.0
            by_pool[self.students[i].track][self.to_pool + k] = 1.0
        for k, (t, _) in enumerate(self.flows):
            by_pool[t][self.from_pool + k] = -1.0
        for coefs in by_student.values():
            model.add_row(coefs, 0.0, 1.0)
        for coefs in by_pool.values():
            model.add_row(coefs, 0.0, 0.0)

    def costs(self, seed: int) -> list[float]:
        """Criteria 3 and 4 of every arc: ``rank² · M + weights``, as the module docstring says.

        ``M`` outweighs any total of weights over the eligible students (at most two each), so
        the weights only ever break ties between equal sums of squared ranks.
        """
        big = 2 * WEIGHTS * max(1, len(self.eligible)) + 1
        students, places = self.students, self.places
        cost = [
            float(
                students[i].rank_of(places[p].offer) ** 2 * big
                + weight(seed, students[i], places[p].offer)
            )
            for i, p in self.direct
        ]
        cost += [
            float(students[i].unlisted_rank ** 2 * big + weight(seed, students[i], ""))
            for i in self.eligible
        ]
        cost += [float(weight(seed, None, places[p].offer)) for _, p in self.flows]
        return cost

    def placed(self, seed: int, chosen: Mapping[int, int]) -> list[tuple[int, Assignment]]:
        """The assignments a solution makes, each with its place: listed arcs, then the pools'.

        Which pooled student takes which pooled place costs the same for all pairings: they
        are paired track by track in the seed's order, so that the answer is still one
        function of the seed. A pool → place arc chosen ``n`` times (a team's place) takes
        ``n`` students.
        """
        students, places = self.students, self.places
        pairs = [pair for j, pair in enumerate(self.direct) if j in chosen]
        for t in self.tracks:
            who = [
                i
                for k, i in enumerate(self.eligible)
                if self.to_pool + k in chosen and students[i].track == t
            ]
            slots = [
                p
                for k, (u, p) in enumerate(self.flows)
                if u == t
                for _ in range(chosen.get(self.from_pool + k, 0))
            ]
            who.sort(key=lambda i: (weight(seed, students[i], ""), students[i].name, i))
            slots.sort(key=lambda p: (weight(seed, None, places[p].offer), places[p].offer))
            pairs.extend(zip(who, slots, strict=False))
        return [(p, assignment(students[i], places[p].offer)) for i, p in pairs]
