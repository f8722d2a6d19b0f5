"""The placements' data: students, places, assignments, teams, results, and criterion 4's weights.

Pure and small: the solvers (:mod:`.solver`, :mod:`.teams`) build these, the command renders them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

#: Weights of criterion 4 are drawn in ``[0, WEIGHTS)``.
WEIGHTS = 1024


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


REASONS: Mapping[UnplacedCode, tuple[str, str]] = {
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


def silent(_: str) -> None:
    """A :data:`Progress` that says nothing."""
    return


def weight(seed: int, student: Student | None, offer: str) -> int:
    """Criterion 4's weight of a pair, from a hash: independent of row order and platform."""
    who = f"{student.name}\x1f{student.track}" if student is not None else ""
    digest = hashlib.blake2b(f"{seed}\x1e{who}\x1e{offer}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") % WEIGHTS


def valid(place: Place, student: Student) -> bool:
    """Whether ``place`` can take ``student``: it is open to the student's track."""
    return student.track in place.tracks


def split_eligible(
    students: Sequence[Student], places: Sequence[Place]
) -> tuple[list[int], dict[int, UnplacedCode]]:
    """The students (by index) some offer is valid for, and the reason of each of the others."""
    reasons: dict[int, UnplacedCode] = {}
    eligible: list[int] = []
    for i, s in enumerate(students):
        if any(valid(p, s) for p in places):
            eligible.append(i)
        else:
            reasons[i] = UnplacedCode.NO_OFFER_FOR_TRACK
    return eligible, reasons


def not_solved(
    eligible: Sequence[int], reasons: Mapping[int, UnplacedCode]
) -> dict[int, UnplacedCode]:
    """The reasons when a solve found no placement: every eligible student « not solved »."""
    return {**dict.fromkeys(eligible, UnplacedCode.NOT_SOLVED), **reasons}


def unplaced(student: Student, code: UnplacedCode, *, collective: bool) -> Unplaced:
    """``student`` left out for ``code``, worded for an individual internship or for teams."""
    return Unplaced(student=student, code=code, reason=REASONS[code][1 if collective else 0])


def finish(
    *,
    internship: str,
    collective: bool,
    students: Sequence[Student],
    assignments: Sequence[Assignment],
    teams: Sequence[Team] = (),
    reasons: Mapping[int, UnplacedCode],
    status: SolverStatus,
    gap: float | None,
    plan: TeamPlan | None = None,
    seed: int,
) -> AssignResult:
    """The result of a solve: the assignments in order, the unplaced with their reasons, figures."""
    placed_ids = {id(a.student) for a in assignments}
    left = tuple(
        unplaced(s, reasons.get(i, UnplacedCode.NO_PLACE_LEFT), collective=collective)
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
        unplaced=left,
        ranks=dict(sorted(ranks.items())),
        unlisted=sum(1 for a in assignments if not a.listed),
        objective=Objective(
            placed=len(assignments), sum_rank_squared=sum(a.rank**2 for a in assignments)
        ),
        # A placement in hand is never reported as « nothing found »: when a later stage
        # stopped without a point of its own, the earlier stage's one stands, unproven.
        status=SolverStatus.TIME_LIMIT if assignments and status is SolverStatus.FAILED else status,
        gap=gap,
        plan=plan,
        seed=seed,
    )


def assignment(student: Student, offer: str) -> Assignment:
    """``student`` on ``offer``, with the rank obtained."""
    rank = student.rank_of(offer)
    return Assignment(student=student, offer=offer, rank=rank, listed=offer in student.wishes)
