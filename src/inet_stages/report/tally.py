"""After a deadline: are there enough offers for every internship and track, and what to answer.

Pure core of ``inet-stages report``. It takes the calendar, the verdicts of
:func:`inet_stages.batch.check.check_files` (offers are checked there and only
there), the cohort sizes and returns frozen values:

- :func:`tally` counts the offers of each window of the calendar — every
  window, even without any offer — into :class:`Row` values;
- :func:`letter_names` names each offer's letter (the letters themselves are
  :mod:`inet_stages.report.letters`);
- :func:`parse_cohorts` reads ``--cohort TRACK=N`` values.

How offers are counted:

- every count is a view of the batch's verdict (:mod:`inet_stages.batch.verdict`),
  never a judgement of its own; validity is judged per track
  (:meth:`FileReport.valid_for`): an offer whose
  dates fit the administrateurs' window and not the conservateurs' is valid
  in the first row and invalid in the second;
- an offer counts in the row of each track it names that has a window for its
  internship; ``places`` are the offers valid for that track (one each), and
  ``shared`` those of them also valid for another track;
- an offer open to several tracks is still one place: ``assigned`` is what a
  maximum matching of the valid offers to the tracks' cohorts gives each
  track (:func:`inet_stages.report.places.assign_places`; each offer to at most one
  student of a track it names), and ``missing`` is the cohort minus that;
- a projet collectif is inter-filières: one row for all its tracks together
  (``track`` is None), ``places`` = students per project × valid offers, and
  its cohort is the sum of the tracks' cohorts when every one is known;
- offers that look alike (W002: same host, internship and title) add one
  place, not one per file: they are counted in ``valid`` as files, once in
  ``places``;
- ``with_warnings`` counts the valid offers « retenues sous réserve »: open
  warnings the coordination has not settled (a subset of ``valid``);
  ``valid + invalid`` is the number of files in the row;
- an offer that lands in no row (unreadable, internship or tracks unknown, or
  no track of the offer has that internship) is *unclassified*, listed apart
  rather than dropped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import Literal

from inet_stages.batch.check import FileReport, Report
from inet_stages.calendar import Calendar, Window
from inet_stages.errors import UserError
from inet_stages.ids import UnknownId, free_name, normalize, resolve
from inet_stages.report.places import assign_places

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
    #: Of ``places``, the offers also valid for another track (one place for both).
    shared: int = 0
    #: Places the best assignment gives this row's cohort; None when the cohort is unknown.
    assigned: int | None = None

    @property
    def missing(self) -> int | None:
        """Students still without a place after the best assignment; None if cohort unknown."""
        if self.cohort is None:
            return None
        given = self.places if self.assigned is None else self.assigned
        return max(self.cohort - given, 0)

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
    #: Places in the batch, an offer open to several tracks counted once.
    places: int = 0
    #: Offers imported from an e-mail: (path, « Reçue par e-mail de … le … »).
    received: tuple[tuple[str, str], ...] = ()

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


def cohorts_by_promotion(
    values: Iterable[str], track_ids: tuple[str, ...], years: Iterable[str]
) -> dict[str | None, dict[str, int]]:
    """``--cohort`` values, each for every promotion or, prefixed, for one.

    ``2027-2028:administrateurs=40`` sets the 2027-2028 cohort only;
    ``administrateurs=40`` applies to every promotion (key None). A named
    promotion must be one of ``years`` (the calendars in use).
    """
    known = tuple(years)
    plain: list[str] = []
    named: dict[str, list[str]] = {}
    for value in values:
        head, colon, rest = value.partition(":")
        if colon and "=" not in head:
            year = head.strip()
            if year not in known:
                raise CohortError(
                    f"« {value[:40]} » : promotion « {year[:20]} » inconnue ; promotions en "
                    f"usage : {', '.join(known)} (forme PROMOTION:FILIÈRE=NOMBRE, par exemple "
                    f"{known[-1] if known else '2027-2028'}:administrateurs=40)."
                )
            named.setdefault(year, []).append(rest)
        else:
            plain.append(value)
    found: dict[str | None, dict[str, int]] = {None: parse_cohorts(plain, track_ids)}
    for year, given in named.items():
        found[year] = parse_cohorts(given, track_ids)
    return found


def cohorts_for(given: Mapping[str | None, Mapping[str, int]], year: str) -> dict[str, int]:
    """The ``--cohort`` values that apply to the promotion ``year`` (its own win)."""
    return {**given.get(None, {}), **given.get(year, {})}


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


def _files_of(slot: _Slot, files: Iterable[FileReport]) -> list[FileReport]:
    """The files of the slot's internship that name one of its tracks."""
    tracks = slot.tracks
    return [
        f
        for f in files
        if f.offer is not None
        and f.offer.internship == slot.internship
        and any(t in tracks for t in f.offer.tracks)
    ]


def _valid_in(report: FileReport, slot: _Slot) -> bool:
    """Valid for every track of the slot that the offer names (one track, but for collectives)."""
    assert report.offer is not None
    return all(report.valid_for(t) for t in report.offer.tracks if t in slot.tracks)


def _row(
    calendar: Calendar,
    slot: _Slot,
    *,
    counted: list[FileReport],
    sizes: Mapping[str, int | None],
    identity: Mapping[str, str],
    open_to: Mapping[str, frozenset[str]],
    assigned: Mapping[str, int],
) -> Row:
    tracks = slot.tracks
    valid = [f for f in counted if _valid_in(f, slot)]
    offers = {identity.get(f.path, f.path) for f in valid}
    collective = calendar.internship(slot.internship).collective
    track_sizes = [sizes.get(t) for t in tracks]
    hosts = {f.offer.host.name for f in valid if f.offer is not None and f.offer.host.name}
    shared = 0 if collective else sum(1 for o in offers if len(open_to.get(o, ())) > 1)
    cohort = None if None in track_sizes else sum(s or 0 for s in track_sizes)
    return Row(
        internship=slot.internship,
        track=slot.track,
        tracks=tracks,
        valid=len(valid),
        invalid=len(counted) - len(valid),
        with_warnings=sum(
            1
            for f in valid
            if any(
                f.verdict.outcome_for(t) == "retenue_sous_reserve"
                for t in f.verdict.tracks
                if t in tracks
            )
        ),
        places=len(offers) * collective.students_per_project if collective else len(offers),
        cohort=cohort,
        hosts=tuple(sorted(hosts, key=lambda h: (normalize(h), h))),
        offers_deadline=_earliest(w.offers_deadline for w in slot.windows),
        shared=shared,
        assigned=(
            assigned.get(slot.track, 0) if slot.track is not None and cohort is not None else None
        ),
    )


def _assignments(
    calendar: Calendar,
    internship: str,
    *,
    slots: list[_Slot],
    counted: Mapping[int, list[FileReport]],
    identity: Mapping[str, str],
    sizes: Mapping[str, int | None],
) -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """For one internship: the tracks each distinct offer is valid for, and the best assignment."""
    open_to: dict[str, set[str]] = {}
    for index, slot in enumerate(slots):
        if slot.internship != internship or slot.track is None:
            continue
        for f in counted[index]:
            if _valid_in(f, slot):
                open_to.setdefault(identity.get(f.path, f.path), set()).add(slot.track)
    groups: dict[frozenset[str], int] = {}
    for tracks in open_to.values():
        key = frozenset(tracks)
        groups[key] = groups.get(key, 0) + 1
    cohorts = {
        w.track: size
        for w in calendar.windows_of_internship(internship)
        if (size := sizes.get(w.track)) is not None
    }
    frozen = {offer: frozenset(tracks) for offer, tracks in open_to.items()}
    return frozen, assign_places(groups, cohorts)


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
    slots = _slots(calendar)
    counted = {index: _files_of(slot, report.files) for index, slot in enumerate(slots)}
    by_internship = {
        internship: _assignments(
            calendar, internship, slots=slots, counted=counted, identity=identity, sizes=sizes
        )
        for internship in dict.fromkeys(slot.internship for slot in slots)
    }
    rows = []
    for index, slot in enumerate(slots):
        open_to, assigned = by_internship[slot.internship]
        rows.append(
            _row(
                calendar,
                slot,
                counted=counted[index],
                sizes=sizes,
                identity=identity,
                open_to=open_to,
                assigned=assigned,
            )
        )
    places = sum(row.places if row.track is None else 0 for row in rows) + sum(
        len(open_to) for open_to, _ in by_internship.values()
    )
    return Tally(
        school_year=report.school_year,
        today=report.today,
        rows=tuple(rows),
        unclassified=tuple(unclassified),
        duplicates=report.duplicates,
        files=len(report.files),
        valid=report.valid,
        invalid=report.invalid,
        with_warnings=sum(1 for f in report.files if f.verdict.outcome == "retenue_sous_reserve"),
        places=places,
        received=tuple((f.path, f.received) for f in report.files if f.received is not None),
    )


# --- Replies to hosts ---------------------------------------------------------------


#: Longest letter stem kept whole, in bytes (file systems allow 255, archives and
#: mail clients less); a longer one is cut and given a hash.
LETTER_STEM_BYTES = 80


def letter_names(paths: Iterable[str]) -> dict[str, str]:
    """The letter's file name for each offer path: ``offres/colmar.toml`` → ``colmar.md``.

    Only the offer's own file name is used, never its folders (they are the
    coordinator's, not the host's). Offers of the same name in different
    folders, and names too long, get a short hash of their path
    (``colmar-3f9a1c2e.md``): stable from one run to the next, unlike a number.
    """
    given = list(dict.fromkeys(paths))
    counts: dict[str, int] = {}
    for path in given:
        counts[_stem(path).casefold()] = counts.get(_stem(path).casefold(), 0) + 1
    names: dict[str, str] = {}
    taken: set[str] = set()
    for path in given:
        stem = _stem(path)
        if counts[stem.casefold()] > 1 or len(stem.encode("utf-8")) > LETTER_STEM_BYTES:
            cut = stem.encode("utf-8")[:LETTER_STEM_BYTES].decode("utf-8", "ignore")
            stem = f"{cut}-{_digest(path)}"
        # Numbered only when two hashes are alike: as good as never.
        names[path] = free_name(stem, ".md", taken, casefold=True)
    return names


def _stem(path: str) -> str:
    return PurePath(path).stem or "offre"


def _digest(path: str) -> str:
    """Eight hex digits of the path: the same path, the same letter name."""
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:8]
