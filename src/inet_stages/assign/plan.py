"""The planning of ``assign``: which offers are places, which solver, which limits, what to say.

The command parses its options, calls these, renders the result and picks the exit code;
everything decided in between is here. Pure: the clock is handed in, nothing is printed (the
notes to show are returned as French sentences).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from inet_stages.assign.models import Place, SolverStatus, silent
from inet_stages.errors import UserError
from inet_stages.text.frdates import format_number
from inet_stages.text.frtypo import typeset

if TYPE_CHECKING:
    from inet_stages.assign.models import AssignResult, Clock, Progress, Student
    from inet_stages.batch.check import FileReport, Report
    from inet_stages.calendar import Calendar

#: The most students one placement takes, individual internships and projets collectifs. A
#: promotion of the INET is a few hundred students; these bounds keep every placement under
#: a minute and 1 GB on a modest machine (measured in bench/assign.py), and refuse at once a
#: file that is not a promotion (50 000 rows) instead of computing for minutes.
MAX_STUDENTS = 10_000
MAX_TEAM_STUDENTS = 1_000
#: The most wishes in all (listed pairs student → offer) one placement takes.
MAX_WISHES = 200_000
#: Projets collectifs without --time-limit stop after this many seconds: choosing which of
#: many projects wanted alike open can take a solver hours (1 000 students on 300 projects
#: that every student ranks at random), and a placement must end in a stated time. Real
#: promotions are proven optimal in seconds, far below it.
TEAM_TIME_LIMIT = 600.0


class PlanError(UserError):
    """An option or an input the placement cannot take; the message is French, ready to show."""

    def __init__(self, message: str) -> None:
        super().__init__(typeset(message))


def internship_of(calendar: Calendar, value: str) -> str:
    """``--internship`` as typed (id, label, accents, « stage- ») → the id, with windows to fill."""
    from inet_stages.ids import UnknownId, resolve

    try:
        found = resolve(value, calendar.internship_ids, kind="internship")
    except UnknownId as exc:
        raise PlanError(f"--internship : {exc.message}") from exc
    if not calendar.windows_of_internship(found):
        raise PlanError(
            f"--internship : le calendrier {calendar.school_year} ne prévoit aucune fenêtre "
            f"pour « {calendar.internship(found).short} »."
        )
    return found


def check_time_limit(value: float | None) -> None:
    """A time limit is a finite number of seconds: ``nan`` and ``inf`` are refused."""
    if value is not None and not math.isfinite(value):
        raise PlanError(
            f"--time-limit : « {value} » n'est pas une durée ; donnez un nombre de secondes "
            "(par exemple 60), ou omettez l'option pour un calcul sans limite."
        )


def time_limit_of(value: float | None, *, collective: bool) -> float | None:
    """The limit the solver gets: ``--time-limit``, else :data:`TEAM_TIME_LIMIT` for teams."""
    return TEAM_TIME_LIMIT if value is None and collective else value


def check_size(rows: int, *, collective: bool) -> None:
    """Refuse, before any work, a students file larger than a placement takes."""
    limit = MAX_TEAM_STUDENTS if collective else MAX_STUDENTS
    if rows > limit:
        what = "des projets collectifs" if collective else "d'un stage individuel"
        raise PlanError(
            f"{format_number(rows)} lignes d'élèves : l'affectation {what} en prend au plus "
            f"{format_number(limit)} (une promotion en compte quelques centaines). "
            "Vérifiez le fichier, ou scindez-le par filière."
        )


def check_wishes(students: Sequence[Student]) -> None:
    """Refuse a placement with more wishes in all than :data:`MAX_WISHES`."""
    total = sum(len(s.wishes) for s in students)
    if total > MAX_WISHES:
        raise PlanError(
            f"{format_number(total)} vœux en tout : une affectation en prend au plus "
            f"{format_number(MAX_WISHES)}. "
            "Limitez le nombre de colonnes de vœux."
        )


def open_tracks(calendar: Calendar, valid: Iterable[str], internship: str) -> frozenset[str]:
    """The tracks an offer of ``internship`` can take: those its verdict retains (``valid``),
    with a window for them.

    The one place where eligibility is decided, from the batch's verdict, as ``report``
    counts the offer: « retenue » or « retenue sous réserve » for a track.
    """
    return frozenset(t for t in valid if calendar.window(t, internship) is not None)


def why_not(calendar: Calendar, report: FileReport, track: str, internship: str) -> str | None:
    """Why an offer of ``internship`` open to ``track`` cannot take it (late for that track…).

    Its first error that bears on that track alone, or the calendar's silence; None when the
    offer is invalid as a whole (then it is « not a valid offer », for every track).
    """
    for finding in report.findings:
        if finding.blocking and finding.tracks is None:
            return None
    for finding in report.findings:
        if finding.blocking and finding.concerns(track):
            text = finding.message.strip().rstrip(".")
            # After a colon, in the middle of a sentence: lower case, unless an acronym.
            return text if text[:2].isupper() else text[:1].lower() + text[1:]
    if calendar.window(track, internship) is None:
        return "le calendrier ne prévoit pas ce stage pour cette filière"
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Places:
    """The places of one internship, and what the coordinator is told about the others.

    ``known``: every offer id read, valid or not. ``closed``: offer id → track → why that
    offer, open to the track, cannot take its students. ``copies``: offer id → track → the
    offer id of its dossier's place (a wish for a copy is a wish for that place).
    ``notes``: French sentences.
    """

    places: tuple[Place, ...]
    known: frozenset[str]
    closed: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    copies: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()


def places_of(calendar: Calendar, checked: Report, internship: str) -> Places:
    """The valid offers of ``internship`` as places; an offer id is its file name.

    When two files share a name, the first is kept and the others are named in a note; an
    invalid offer of the internship is named too, so that the coordinator knows why it is not
    a place.
    """
    places: list[Place] = []
    known: set[str] = set()
    first: dict[str, str] = {}
    invalid: list[str] = []
    notes: list[str] = []
    closed: dict[str, dict[str, str]] = {}
    copies: dict[str, dict[str, str]] = {}
    placed: dict[str, dict[str, str]] = {}  # dossier → track → the offer id that is its place
    for report in checked.files:
        offer_id = PurePath(report.path).stem
        if offer_id in first:
            notes.append(
                f"{report.path} : même nom d'offre « {offer_id} » que {first[offer_id]} ; "
                "ce fichier est ignoré (renommez l'un des deux)."
            )
            continue
        first[offer_id] = report.path
        known.add(offer_id)
        offer = report.offer
        if offer is None or offer.internship != internship:
            continue
        if report.calendar is not None and report.calendar != calendar.school_year:
            continue  # an offer for the other promotion: never a place in this one
        valid = checked.verdicts.of(report.path).valid_tracks
        tracks = open_tracks(calendar, valid, internship)
        # Copies of one offer (W002) are one dossier and one place, as report counts them:
        # the first copy is the place, a later one is closed for the tracks it already has.
        dossier = placed.setdefault(checked.verdicts.dossier_of(report.path).key, {})
        copied = {t: dossier[t] for t in tracks if t in dossier}
        tracks = tracks - copied.keys()
        for track in report.tracks or ():
            if track in copied:
                # The same offer (same host, internship, title): one place, whichever copy a
                # student names.
                copies.setdefault(offer_id, {})[track] = copied[track]
                continue
            reason = None if track in tracks else why_not(calendar, report, track, internship)
            if reason is not None:
                closed.setdefault(offer_id, {})[track] = reason
        dossier.update(dict.fromkeys(tracks, offer_id))
        if tracks:
            places.append(Place(offer=offer_id, tracks=tracks))
        elif not valid:
            invalid.append(report.path)
    if invalid:
        shown = ", ".join(invalid[:10]) + (
            f" et {len(invalid) - 10} autres" if len(invalid) > 10 else ""
        )
        which = "offre invalide écartée" if len(invalid) == 1 else "offres invalides écartées"
        notes.append(f"{len(invalid)} {which} (voir « inet-stages validate ») : {shown}.")
    return Places(
        places=tuple(places),
        known=frozenset(known),
        closed=closed,
        copies=copies,
        notes=tuple(notes),
    )


def solve(
    calendar: Calendar,
    internship: str,
    students: Sequence[Student],
    places: Sequence[Place],
    *,
    seed: int,
    time_limit: float | None,
    clock: Clock | None = None,
    progress: Progress = silent,
) -> AssignResult:
    """Place ``students``: one offer each for an individual internship, teams for projects."""
    collective = calendar.internship(internship).collective
    if collective is None:
        from inet_stages.assign.solver import assign_individual

        progress(f"Calcul de l'affectation\u00a0: {len(students)} élèves, {len(places)} offres…")
        return assign_individual(
            students,
            places,
            internship=internship,
            seed=seed,
            time_limit=time_limit,
            clock=clock,
            progress=progress,
        )
    from inet_stages.assign.teams import assign_projects

    tracks = [w.track for w in calendar.windows_of_internship(internship)]
    progress(f"Calcul des équipes\u00a0: {len(students)} élèves, {len(places)} projets candidats…")
    return assign_projects(
        students,
        places,
        size=collective.students_per_project,
        tracks=tracks,
        internship=internship,
        seed=seed,
        time_limit=time_limit,
        clock=clock,
        progress=progress,
    )


def _percent(gap: float) -> str:
    return f"{gap * 100:.1f}".replace(".", ",") + "\u00a0%"


def stop_note(result: AssignResult, time_limit: float | None) -> str | None:
    """What to tell when the solver did not prove its placement optimal (None: it did).

    ``time_limit`` is the one given (None: the projets collectifs' default applied).
    Consistent with the result: « avant toute affectation » only when nothing is placed; a
    placement in hand is shown as the best found, unproven.
    """
    if time_limit is None and result.collective:
        time_limit = TEAM_TIME_LIMIT
        by = f"la limite par défaut des projets collectifs ({TEAM_TIME_LIMIT:g}\u00a0s)"
    else:
        by = "--time-limit" + ("" if time_limit is None else f" ({time_limit:g}\u00a0s)")
    if result.status is SolverStatus.TIME_LIMIT:
        gap = (
            "écart à l'optimum inconnu"
            if result.gap is None
            else f"au plus {_percent(result.gap)} de l'optimum selon le solveur"
        )
        placed = result.objective.placed
        return typeset(
            f"Attention : calcul arrêté par {by}. Voici la meilleure "
            f"affectation trouvée ({format_number(placed)} élève{'s' if placed > 1 else ''} "
            f"placé{'s' if placed > 1 else ''}), sans preuve qu'elle soit optimale ({gap}). "
            "Relancez avec une limite plus longue pour l'optimum."
        )
    if result.status is SolverStatus.FAILED:
        return typeset(
            f"Attention : calcul arrêté{' par ' + by if time_limit is not None else ''} "
            "avant toute affectation ; "
            "relancez avec une limite plus longue."
        )
    return None
