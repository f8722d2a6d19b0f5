"""After a deadline: are there enough offers for every internship and track, and what to answer.

Pure core of ``inet-stages report``. It takes the calendar, the verdicts of
:func:`inet_stages.validate.check_files` (offers are checked there and only
there), the cohort sizes and returns frozen values:

- :func:`tally` counts the offers of each window of the calendar — every
  window, even without any offer — into :class:`Row` values;
- :func:`replies` decides, for each offer file, the answer to send its host
  (:class:`Reply`), which :mod:`inet_stages.render.report` writes as a letter;
- :func:`parse_cohorts` reads ``--cohort TRACK=N`` values.

How offers are counted:

- an offer counts in the row of each track it names that has a window for its
  internship (an offer open to two tracks appears in both rows);
- a projet collectif is inter-filières: one row for all its tracks together
  (``track`` is None), ``places`` = students per project × valid offers, and
  its cohort is the sum of the tracks' cohorts when every one is known;
- for the other internships, one valid offer is one place;
- offers that look alike (W002: same host, internship and title) add one
  place, not one per file: they are counted in ``valid`` as files, once in
  ``places``;
- ``with_warnings`` counts the valid offers that have warnings (a subset of
  ``valid``); ``valid + invalid`` is the number of files in the row;
- an offer that lands in no row (unreadable, internship or tracks unknown, or
  no track of the offer has that internship) is *unclassified*, listed apart
  rather than dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Literal

from inet_stages.calendar import Calendar, Window
from inet_stages.errors import UserError
from inet_stages.findings import Finding
from inet_stages.ids import UnknownId, normalize, resolve
from inet_stages.validate import FileReport, Report

#: Largest cohort accepted from ``--cohort`` (a promotion is a few dozen students).
MAX_COHORT = 10_000

UnclassifiedReason = Literal["unreadable", "internship", "tracks", "no_window"]


@dataclass(frozen=True, kw_only=True)
class Row:
    """The offers of one internship for one track (or, ``track`` None, all tracks together)."""

    internship: str
    track: str | None
    tracks: tuple[str, ...]
    valid: int
    invalid: int
    with_warnings: int
    places: int
    cohort: int | None
    hosts: tuple[str, ...]
    offers_deadline: date | None

    @property
    def missing(self) -> int | None:
        """Students still without a place: max(cohort − places, 0); None if cohort unknown."""
        if self.cohort is None:
            return None
        return max(self.cohort - self.places, 0)

    @property
    def short(self) -> bool:
        """True when the cohort is known and places do not cover it."""
        return bool(self.missing)


@dataclass(frozen=True, kw_only=True)
class Unclassified:
    """An offer file that counts in no row, and why."""

    path: str
    reason: UnclassifiedReason


@dataclass(frozen=True, kw_only=True)
class Tally:
    """The count of a batch of offers against the calendar's windows."""

    school_year: str
    today: date
    rows: tuple[Row, ...]
    unclassified: tuple[Unclassified, ...]
    duplicates: tuple[tuple[str, ...], ...]
    files: int
    valid: int
    invalid: int
    with_warnings: int

    @property
    def short_rows(self) -> tuple[Row, ...]:
        """The rows whose cohort is known and not covered."""
        return tuple(row for row in self.rows if row.short)

    @property
    def cohorts_known(self) -> bool:
        """True when at least one row has a cohort."""
        return any(row.cohort is not None for row in self.rows)


class CohortError(UserError):
    """A ``--cohort`` value that cannot be used; ``message`` is French."""


def parse_cohorts(values: Iterable[str], track_ids: tuple[str, ...]) -> dict[str, int]:
    """``["administrateurs=40", "Ingénieurs=25"]`` → ``{"administrateurs": 40, …}``.

    Track ids are matched the forgiving way (case, accents, plural). Raises
    :class:`CohortError` on a value without ``=``, an unknown track, a number
    that is not a whole number between 0 and :data:`MAX_COHORT`, or a track
    given twice with different numbers.
    """
    cohorts: dict[str, int] = {}
    for value in values:
        shown = value if len(value) <= 40 else value[:37] + "..."
        name, sign, number = value.partition("=")
        if not sign:
            raise CohortError(
                f"« {shown} » : forme attendue FILIÈRE=NOMBRE (par exemple administrateurs=40)."
            )
        if not name.strip():
            raise CohortError(
                f"« {shown} » : la filière manque avant le « = » "
                f"(par exemple administrateurs=40 ; filières : {', '.join(track_ids)})."
            )
        try:
            track = resolve(name.strip(), track_ids, kind="track")
        except UnknownId as exc:
            raise CohortError(exc.message) from None
        digits = number.strip().replace("_", "")
        if not digits.isdecimal() or not digits.isascii():
            raise CohortError(
                f"« {shown} » : « {number.strip()[:20]} » n'est pas un nombre d'élèves "
                f"(nombre entier attendu, par exemple {track}=40)."
            )
        size = int(digits)
        if size > MAX_COHORT:
            raise CohortError(f"« {shown} » : {size} élèves ? Au plus {MAX_COHORT} sont acceptés.")
        if cohorts.get(track, size) != size:
            raise CohortError(
                f"filière {track} donnée deux fois ({cohorts[track]} puis {size}) : "
                "gardez une seule valeur."
            )
        cohorts[track] = size
    return cohorts


def effective_cohorts(calendar: Calendar, given: Mapping[str, int]) -> dict[str, int | None]:
    """Each track's cohort: ``--cohort`` first, else the calendar's ``cohort``, else None."""
    return {t.id: given.get(t.id, t.cohort) for t in calendar.tracks}


@dataclass(frozen=True, kw_only=True)
class _Slot:
    """Where a row counts: one internship and the windows of its tracks."""

    internship: str
    track: str | None
    windows: tuple[Window, ...]

    @property
    def tracks(self) -> tuple[str, ...]:
        return tuple(w.track for w in self.windows)


def _slots(calendar: Calendar) -> list[_Slot]:
    """One slot per window, or one per collective internship; internships in calendar order."""
    slots: list[_Slot] = []
    for internship in calendar.internships:
        windows = calendar.windows_of_internship(internship.id)
        if not windows:
            continue
        if internship.collective is not None:
            slots.append(_Slot(internship=internship.id, track=None, windows=windows))
        else:
            slots.extend(
                _Slot(internship=internship.id, track=w.track, windows=(w,)) for w in windows
            )
    return slots


def _unclassified_reason(report: FileReport, calendar: Calendar) -> UnclassifiedReason | None:
    offer = report.offer
    if offer is None:
        return "unreadable"
    if offer.internship is None:
        return "internship"
    if not offer.tracks:
        return "tracks"
    if not any(calendar.window(t, offer.internship) for t in offer.tracks):
        return "no_window"
    return None


def _earliest(days: Iterable[date | None]) -> date | None:
    known = [d for d in days if d is not None]
    return min(known) if known else None


def _row(
    calendar: Calendar,
    slot: _Slot,
    files: Iterable[FileReport],
    sizes: Mapping[str, int | None],
    identity: Mapping[str, str],
) -> Row:
    tracks = slot.tracks
    counted = [
        f
        for f in files
        if f.offer is not None
        and f.offer.internship == slot.internship
        and any(t in tracks for t in f.offer.tracks)
    ]
    valid = [f for f in counted if f.valid]
    offers = len({identity.get(f.path, f.path) for f in valid})
    collective = calendar.internship(slot.internship).collective
    track_sizes = [sizes.get(t) for t in tracks]
    hosts = {f.offer.host.name for f in valid if f.offer is not None and f.offer.host.name}
    return Row(
        internship=slot.internship,
        track=slot.track,
        tracks=tracks,
        valid=len(valid),
        invalid=len(counted) - len(valid),
        with_warnings=sum(1 for f in valid if f.warnings),
        places=offers * collective.students_per_project if collective else offers,
        cohort=None if None in track_sizes else sum(s or 0 for s in track_sizes),
        hosts=tuple(sorted(hosts, key=lambda h: (normalize(h), h))),
        offers_deadline=_earliest(w.offers_deadline for w in slot.windows),
    )


def tally(calendar: Calendar, report: Report, cohorts: Mapping[str, int]) -> Tally:
    """Count ``report``'s offers per window of ``calendar``; ``cohorts`` override the calendar's.

    ``report`` comes from ``check_files(..., keep_offers=True)``: without its
    offers, every file would be unclassified.
    """
    sizes = effective_cohorts(calendar, cohorts)
    # Files of one duplicate group share an identity, so that they add one place.
    identity = {path: group[0] for group in report.duplicates for path in group}
    unclassified = []
    for file_report in report.files:
        reason = _unclassified_reason(file_report, calendar)
        if reason is not None:
            unclassified.append(Unclassified(path=file_report.path, reason=reason))
    rows = [_row(calendar, slot, report.files, sizes, identity) for slot in _slots(calendar)]
    return Tally(
        school_year=report.school_year,
        today=report.today,
        rows=tuple(rows),
        unclassified=tuple(unclassified),
        duplicates=report.duplicates,
        files=len(report.files),
        valid=report.valid,
        invalid=report.invalid,
        with_warnings=sum(1 for f in report.files if f.valid and f.warnings),
    )


# --- Replies to hosts ---------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Reply:
    """What to answer the host of one offer file.

    ``accepted`` offers have no error (their warnings are mentioned as
    remarks). ``deadline`` is the earliest offer deadline of the offer's
    internship and tracks (None where the calendar publishes none);
    ``resend_by`` the earliest that is still ahead of (or is) today, None when
    none is: then the host is asked to resend as soon as possible.
    """

    path: str
    letter: str
    today: date
    accepted: bool
    title: str | None
    host: str | None
    tutor: str | None
    internship: str | None
    tracks: tuple[str, ...]
    errors: tuple[Finding, ...]
    warnings: tuple[Finding, ...]
    deadline: date | None
    resend_by: date | None


def letter_names(paths: Iterable[str]) -> dict[str, str]:
    """The letter's file name for each offer path: ``offres/colmar.toml`` → ``colmar.md``.

    Offers of the same name in different folders get as many of their folders
    as it takes to tell them apart (``a-colmar.md``, ``b-colmar.md``); a number
    settles what is left (names that differ only by case, on a disk that ignores it).
    """
    given = list(dict.fromkeys(paths))
    groups: dict[str, list[str]] = {}
    for path in given:
        groups.setdefault(_stem(path).casefold(), []).append(path)
    bases: dict[str, str] = {}
    for group in groups.values():
        depth = 0
        while True:
            found = {path: _base(path, depth) for path in group}
            deepest = max(len(PurePath(p).parent.parts) for p in group)
            if len({b.casefold() for b in found.values()}) == len(group) or depth >= deepest:
                break
            depth += 1
        bases.update(found)
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in given:
        name = f"{bases[path]}.md"
        number = 2
        while name.casefold() in taken:
            name = f"{bases[path]}-{number}.md"
            number += 1
        taken.add(name.casefold())
        names[path] = name
    return names


def _stem(path: str) -> str:
    return PurePath(path).stem or "offre"


def _base(path: str, depth: int) -> str:
    """The file's stem preceded by its ``depth`` nearest folders, joined by ``-``."""
    folders = [p for p in PurePath(path).parent.parts if p not in ("/", ".", "..")]
    kept = folders[len(folders) - depth :] if depth else []
    return "-".join([*kept, _stem(path)])


def replies(calendar: Calendar, report: Report) -> tuple[Reply, ...]:
    """One reply per file of ``report``, in file order."""
    names = letter_names(f.path for f in report.files)
    found: list[Reply] = []
    for file_report in report.files:
        offer = file_report.offer
        internship = offer.internship if offer else None
        tracks = offer.tracks if offer else ()
        deadlines: list[date] = []
        if internship is not None:
            for track in tracks:
                window = calendar.window(track, internship)
                if window is not None and window.offers_deadline is not None:
                    deadlines.append(window.offers_deadline)
        ahead = [d for d in deadlines if d >= report.today]
        found.append(
            Reply(
                path=file_report.path,
                letter=names[file_report.path],
                today=report.today,
                accepted=file_report.valid,
                title=offer.title if offer else None,
                host=offer.host.name if offer else None,
                tutor=offer.tutor.name if offer else None,
                internship=internship,
                tracks=tracks,
                errors=tuple(f for f in file_report.findings if f.severity == "error"),
                warnings=tuple(f for f in file_report.findings if f.severity == "warning"),
                deadline=min(deadlines) if deadlines else None,
                resend_by=min(ahead) if ahead else None,
            )
        )
    return tuple(found)
