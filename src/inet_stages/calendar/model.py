"""The calendar model: tracks, internships, windows, the contact — plain frozen data.

Built by :mod:`inet_stages.calendar.reader` from the coordinator's file; read
by every other layer. Nothing here reads a file or knows a finding code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from inet_stages.text.frdates import weeks_touched

HostPolicy = Literal["territorial", "territorial_preferred", "any"]
TutorRequirement = Literal["dgs", "directeur_bibliotheque", "direction_generale"]

HOST_POLICIES: tuple[HostPolicy, ...] = ("territorial", "territorial_preferred", "any")
TUTOR_REQUIREMENTS: tuple[TutorRequirement, ...] = (
    "dgs",
    "directeur_bibliotheque",
    "direction_generale",
)


def min_days(weeks: int) -> int:
    """Fewest days, first and last included, that an internship of ``weeks`` weeks lasts.

    docs/calendar-format.md: an N-week internship is N weeks of work, 7 × N − 3 days from its
    first to its last day — a week may start on the Tuesday after a holiday
    Monday and the last one end on a Friday (26 May–10 July 2026: 46 days for
    7 weeks). Every window and alternative of the 2026-2027 brochure passes.
    """
    return 7 * weeks - 3


_YEAR = re.compile(r"([0-9]{4})-([0-9]{4})")


def parse_school_year(value: str) -> int | None:
    """First year of ``AAAA-AAAA`` (``2027-2028`` → 2027), or None when it is not one."""
    match = _YEAR.fullmatch(value.strip())
    if match is None or int(match.group(2)) != int(match.group(1)) + 1:
        return None
    return int(match.group(1))


@dataclass(frozen=True, kw_only=True)
class Period:
    """Inclusive dates ``start``..``end``."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        """True when ``day`` is inside the period (both ends included)."""
        return self.start <= day <= self.end

    def covers(self, other: Period) -> bool:
        """True when ``other`` lies wholly inside this period."""
        return self.start <= other.start and other.end <= self.end

    @property
    def days(self) -> int:
        """Days from start to end, both included."""
        return (self.end - self.start).days + 1

    @property
    def weeks(self) -> int:
        """Calendar weeks touched."""
        return weeks_touched(self.start, self.end)


@dataclass(frozen=True, kw_only=True)
class Contact:
    """The coordination's contact, printed in footers and letters."""

    name: str
    role: str
    email: str
    phone: str = ""
    mobile: str = ""
    address: str = ""
    website: str = ""

    def one_line(self) -> str:
        """« Ingrid Vibet, … — stages.inet@cnfpt.fr — 03 88 15 53 69 »."""
        parts = [f"{self.name}, {self.role}" if self.role else self.name, self.email]
        parts += [p for p in (self.phone, self.mobile) if p]
        return " — ".join(p for p in parts if p)


@dataclass(frozen=True, kw_only=True)
class Track:
    """A cadre d'emplois with its schooling period."""

    id: str
    label: str
    short: str
    schooling: Period
    months: int | None = None
    cohort: int | None = None


@dataclass(frozen=True, kw_only=True)
class Collective:
    """Thresholds of projets collectifs (data, since next year may change them)."""

    population_more_than: int
    students_per_project: int
    fee_eur: int


@dataclass(frozen=True, kw_only=True)
class Internship:
    """One kind of internship, with what the brochure says of it."""

    id: str
    label: str
    short: str
    purpose: str
    hosts: HostPolicy
    host_examples: str = ""
    objectives: str = ""
    modalities: str = ""
    examples: tuple[str, ...] = ()
    collective: Collective | None = None


@dataclass(frozen=True, kw_only=True)
class Window:
    """When one track does one internship, and until when offers are taken."""

    track: str
    internship: str
    period: Period
    weeks: int
    offers_deadline: date | None = None
    alternatives: tuple[Period, ...] = ()
    tutor: TutorRequirement | None = None
    objectives: str | None = None
    modalities: str | None = None
    examples: tuple[str, ...] | None = None

    @property
    def min_days(self) -> int:
        """Fewest days an offer's period of this window lasts (7 × weeks − 3)."""
        return min_days(self.weeks)

    @property
    def start(self) -> date:
        """First day of the window."""
        return self.period.start

    @property
    def end(self) -> date:
        """Last day of the window."""
        return self.period.end


@dataclass(frozen=True, kw_only=True)
class Calendar:
    """A school year: tracks, internships, their windows and the contact."""

    school_year: str
    source: str
    draft: bool
    path: str
    packaged: bool
    contact: Contact
    tracks: tuple[Track, ...]
    internships: tuple[Internship, ...]
    windows: tuple[Window, ...]
    # An index built once, so that rules asking for one window stay O(1).
    _by_key: dict[tuple[str, str], Window] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({(w.track, w.internship): w for w in self.windows})

    def track(self, track_id: str) -> Track:
        """The track of that id (``KeyError`` if undeclared)."""
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    def internship(self, internship_id: str) -> Internship:
        """The internship of that id (``KeyError`` if undeclared)."""
        for internship in self.internships:
            if internship.id == internship_id:
                return internship
        raise KeyError(internship_id)

    def window(self, track_id: str, internship_id: str) -> Window | None:
        """The window of that track for that internship, if the track has it."""
        return self._by_key.get((track_id, internship_id))

    def windows_of_track(self, track_id: str) -> tuple[Window, ...]:
        """The track's windows, in date order."""
        found = [w for w in self.windows if w.track == track_id]
        return tuple(sorted(found, key=lambda w: (w.start, w.end)))

    def windows_of_internship(self, internship_id: str) -> tuple[Window, ...]:
        """The internship's windows, in track order."""
        order = {t.id: i for i, t in enumerate(self.tracks)}
        found = [w for w in self.windows if w.internship == internship_id]
        return tuple(sorted(found, key=lambda w: order.get(w.track, 99)))

    @property
    def track_ids(self) -> tuple[str, ...]:
        """Declared track ids, in file order."""
        return tuple(t.id for t in self.tracks)

    @property
    def internship_ids(self) -> tuple[str, ...]:
        """Declared internship ids, in file order."""
        return tuple(i.id for i in self.internships)
