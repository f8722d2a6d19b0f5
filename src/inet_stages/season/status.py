"""The morning's status of a season: what is due, what to answer, whom to remind, what is missing.

Core of ``inet-stages status``: it takes what the CLI read (calendars, the
checked batch with the coordinator's decisions applied, the contacts) and
``today``, reads the replies in ``lettres/`` and the placements saved in
``affectations/`` (never the clock), and returns one frozen :class:`Status`.
It judges nothing itself: the verdicts are the batch's
(:mod:`inet_stages.season.verdicts`), the counts are ``report``'s
(:func:`inet_stages.report.tally.tally`), the contacts to remind are those
``call --remind`` plans (:func:`inet_stages.call.plan.plan_reminders`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from inet_stages.batch.check import Report
from inet_stages.calendar import Calendar
from inet_stages.calendar.events import DueEvent, agenda
from inet_stages.report.tally import Row, letter_names, tally
from inet_stages.season import answers
from inet_stages.season.folder import Season
from inet_stages.season.verdicts import VERDICTS, Verdict, verdict_for

if TYPE_CHECKING:
    from inet_stages.call.contacts import HostContact

#: Days ahead the status looks at (deadlines, reminders).
WINDOW = 30
#: Largest placement file read (assign's JSON for a few hundred students is ~100 kB).
MAX_PLACEMENT = 5_000_000

Part = Literal["offres", "decisions", "lettres", "contacts", "eleves", "affectations"]
PendingReason = Literal["warnings", "changed", "no_hash", "orphan"]


@dataclass(frozen=True, kw_only=True)
class Deadline:
    """A date of the next days (with its days left), of one promotion."""

    due: DueEvent
    calendar: str


@dataclass(frozen=True, kw_only=True)
class Coverage:
    """One row of ``report`` (an internship and track, or all tracks together) of a promotion."""

    calendar: str
    row: Row
    #: Offers of the row per verdict (one per file).
    counts: dict[Verdict, int]


@dataclass(frozen=True, kw_only=True)
class ToAnswer:
    """A dossier (its copies) whose host has no reply yet, or whose offer changed since it."""

    files: tuple[str, ...]
    host: str | None
    reason: answers.Reason
    letter: str | None = None


@dataclass(frozen=True, kw_only=True)
class ToRemind:
    """A contact ``call --remind`` would write to, for one internship and its deadline."""

    contact: str
    organisation: str
    email: str
    internship: str
    deadline: date
    calendar: str


@dataclass(frozen=True, kw_only=True)
class Pending:
    """Something that waits for the coordination's decision, with the codes concerned."""

    file: str
    reason: PendingReason
    codes: tuple[str, ...] = ()
    #: A refusal to take again (``decide --refuse``) rather than codes to accept.
    refused: bool = False


@dataclass(frozen=True, kw_only=True)
class Unplaced:
    """A student a saved placement left without a place."""

    student: str
    track: str | None
    reason: str


@dataclass(frozen=True, kw_only=True)
class Placement:
    """A placement saved by ``assign -f json -o affectations/…``."""

    file: str
    internship: str | None
    placed: int
    unplaced: tuple[Unplaced, ...]
    problem: str | None = None


@dataclass(frozen=True, kw_only=True)
class Status:
    """Everything ``status`` shows, in the order it shows it."""

    today: date
    calendars: tuple[str, ...]
    deadlines: tuple[Deadline, ...]
    coverage: tuple[Coverage, ...]
    to_answer: tuple[ToAnswer, ...]
    to_remind: tuple[ToRemind, ...]
    #: The next offers deadline the reminders are for (None: none in the window).
    remind_deadline: date | None
    pending: tuple[Pending, ...]
    placements: tuple[Placement, ...]
    #: Parts of the season folder not found, in the order they are used.
    missing: tuple[Part, ...] = ()
    #: Run from a sub-folder of this season folder (then « cd .. » is the advice).
    above: str | None = None


def deadlines_of(calendars: Sequence[Calendar], today: date) -> list[Deadline]:
    """Every promotion's dates of the next :data:`WINDOW` days, soonest first."""
    found = [
        Deadline(due=due, calendar=calendar.school_year)
        for calendar in calendars
        for due in agenda(calendar, today, within=WINDOW).events
    ]
    found.sort(key=lambda d: (d.due.event.day, d.calendar))
    return found


def coverage_of(parts: Sequence[tuple[Calendar, Report]]) -> list[Coverage]:
    """``report``'s rows of each promotion, with the offers of each row counted per verdict."""
    rows: list[Coverage] = []
    for calendar, part in parts:
        counted = tally(calendar, part, {})
        for row in counted.rows:
            counts: dict[Verdict, int] = dict.fromkeys(VERDICTS, 0)
            for file in part.files:
                if file.internship != row.internship or not file.tracks:
                    continue
                if row.track is not None and row.track not in file.tracks:
                    continue
                counts[verdict_for(file, row.track)] += 1
            rows.append(Coverage(calendar=calendar.school_year, row=row, counts=counts))
    return rows


def to_answer_of(report: Report, letters: Path | None) -> list[ToAnswer]:
    """The replies still to write: one per dossier and tutor address, none yet or outdated.

    The replies are those ``report --letters`` writes (the same plan: copies
    of one offer, one reply per distinct tutor address, named after its first
    file); one is outdated when its offer changed since it, or the verdict it
    told is no longer the batch's (a decision taken since).
    """
    # Imported here: the letters' wording only when there are offers to answer.
    from inet_stages.report.letters import plan

    names = {
        p: n.removesuffix(".md") for p, n in letter_names(f.path for f in report.files).items()
    }
    found: list[ToAnswer] = []
    for letter in plan(report, names):
        reply = answers.find_reply(letters, letter.name) if letters is not None else None
        files = [Path(f.path) for f in letter.files]
        reason = answers.why_answer(reply, files, letter.told)
        if reason is not None:
            found.append(
                ToAnswer(
                    files=tuple(f.path for f in letter.files),
                    host=letter.files[0].host,
                    reason=reason,
                    letter=str(reply.path) if reply is not None else None,
                )
            )
    return found


def next_offers_deadline(calendars: Sequence[Calendar], today: date) -> date | None:
    """The next offers deadline of any promotion within :data:`WINDOW` days, if any."""
    upcoming = [
        w.offers_deadline
        for c in calendars
        for w in c.windows
        if w.offers_deadline is not None and 0 <= (w.offers_deadline - today).days <= WINDOW
    ]
    return min(upcoming, default=None)


def to_remind_of(
    contacts: Sequence[HostContact], calendars: Sequence[Calendar], report: Report, today: date
) -> list[ToRemind]:
    """The contacts ``call --remind`` would write to before the next offers deadline."""
    # Imported here: the call's modules (workbooks, templates) only when there are contacts.
    from inet_stages.call.answers import answers_of
    from inet_stages.call.plan import plan_reminders

    deadline = next_offers_deadline(calendars, today)
    if deadline is None:
        return []
    within = (deadline - today).days
    # The offers received, counted as ``call --remind --offers`` counts them; the batch's
    # verdict names each one's promotion, so no promotion stands in for a missing one.
    received, _ = answers_of(report, None)
    found: list[ToRemind] = []
    for calendar in calendars:
        planned, _ = plan_reminders(contacts, calendar, today, within=within, answers=received)
        for item in planned:
            for invitation in item.invitations:
                found.append(
                    ToRemind(
                        contact=item.contact.name,
                        organisation=item.contact.organisation,
                        email=item.contact.email,
                        internship=invitation.internship,
                        deadline=deadline,
                        calendar=calendar.school_year,
                    )
                )
    return found


def pending_of(report: Report) -> list[Pending]:
    """What waits for a decision: warnings not settled, decisions to renew, orphan decisions."""
    found: list[Pending] = []
    for file in report.files:
        codes = {f.code for f in file.findings}
        applied = file.decision
        # To renew a decision is to take it again: the same codes, or the same refusal.
        again = applied.accepted if applied is not None else ()
        refused = applied.refused if applied is not None else False
        if "X002" in codes:
            found.append(Pending(file=file.path, reason="changed", codes=again, refused=refused))
        elif "X004" in codes:
            found.append(Pending(file=file.path, reason="no_hash", codes=again, refused=refused))
        verdict = file.verdict
        if verdict.outcome == "retenue_sous_reserve":
            # The batch's reserve: the open warnings its verdict holds, nothing judged here.
            held = [
                *verdict.whole.findings,
                *(f for v in verdict.by_track.values() for f in v.findings),
            ]
            held_codes = tuple(dict.fromkeys(f.code for f in held))
            found.append(Pending(file=file.path, reason="warnings", codes=held_codes))
    for path, note in report.decision_notes:
        if note.code == "X003":
            found.append(Pending(file=f"{path}:{note.field or ''}", reason="orphan"))
    return found


def read_placements(folder: Path | None) -> list[Placement]:
    """The placements saved as ``assign``'s JSON in ``folder`` (sorted by name)."""
    if folder is None:
        return []
    found: list[Placement] = []
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".json" and p.is_file())
    except OSError:
        return []
    for path in files:
        found.append(_placement(path))
    return found


def _placement(path: Path) -> Placement:
    def broken(why: str) -> Placement:
        return Placement(file=str(path), internship=None, placed=0, unplaced=(), problem=why)

    try:
        if path.stat().st_size > MAX_PLACEMENT:
            return broken("fichier trop gros pour une affectation")
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return broken("illisible (JSON attendu, celui de « assign --format json »)")
    if not isinstance(document, dict) or not isinstance(document.get("unplaced"), list):
        return broken("ce n'est pas une affectation de « inet-stages assign --format json »")
    unplaced = tuple(
        Unplaced(
            student=str(u.get("student", "")),
            track=u.get("track") if isinstance(u.get("track"), str) else None,
            reason=str(u.get("reason", "")),
        )
        for u in document["unplaced"]
        if isinstance(u, dict)
    )
    placed = document.get("assignments")
    internship = document.get("internship")
    return Placement(
        file=str(path),
        internship=internship if isinstance(internship, str) else None,
        placed=len(placed) if isinstance(placed, list) else 0,
        unplaced=unplaced,
    )


def missing_parts(season: Season) -> tuple[Part, ...]:
    """The parts of the season folder that are not there."""
    parts: list[Part] = []
    if season.offers is None:
        parts.append("offres")
    elif season.decisions is None:  # a decisions file is looked for in offres/ only
        parts.append("decisions")
    folders: tuple[tuple[Part, Path | None], ...] = (
        ("lettres", season.letters),
        ("contacts", season.contacts),
        ("eleves", season.students),
        ("affectations", season.placements),
    )
    parts += [part for part, folder in folders if folder is None]
    return tuple(parts)


def build_status(
    *,
    today: date,
    season: Season,
    calendars: Sequence[Calendar],
    parts: Sequence[tuple[Calendar, Report]],
    report: Report | None,
    contacts: Sequence[HostContact] | None,
) -> Status:
    """The status of ``season`` on ``today``; ``report`` None when there is no ``offres/``."""
    empty = Report(school_year=calendars[0].school_year, today=today, files=())
    checked = report if report is not None else empty
    reminders = to_remind_of(contacts, calendars, checked, today) if contacts is not None else []
    return Status(
        today=today,
        calendars=tuple(c.school_year for c in calendars),
        deadlines=tuple(deadlines_of(calendars, today)),
        coverage=tuple(coverage_of(parts)),
        to_answer=tuple(to_answer_of(checked, season.letters)) if report is not None else (),
        to_remind=tuple(reminders),
        remind_deadline=next_offers_deadline(calendars, today),
        pending=tuple(pending_of(checked)),
        placements=tuple(read_placements(season.placements)),
        missing=missing_parts(season),
        above=str(season.above) if season.above is not None else None,
    )


def next_days(today: date) -> date:
    """The last day the status looks at."""
    return today + timedelta(days=WINDOW)
