"""Reading a calendar file: structure (C1xx) then consistency (C2xx), every problem at once.

The calendar file (see ``docs/calendar-format.md``) is read by hand rather
than through pydantic: the messages must speak of the coordinator's keys
(``internships.observation.windows.conservateurs.start``) and the loader sits
on the start-up path of every command, where importing pydantic costs more
than the whole run.

:func:`read_calendar` returns the calendar and every problem found (structure
first, then consistency); :func:`load_calendar` refuses a calendar with any
error. ``calendar check`` reports the same problems as findings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from inet_stages.calendar.bounds import bounds
from inet_stages.calendar.model import (
    HOST_POLICIES,
    TUTOR_REQUIREMENTS,
    Calendar,
    Collective,
    Contact,
    Internship,
    Period,
    Track,
    Window,
    parse_school_year,
)
from inet_stages.calendar.rules import consistency
from inet_stages.errors import UserError
from inet_stages.findings import Finding, at_key
from inet_stages.ids import INTERNSHIP_LABELS, PATRIMOINE_MESSAGE, TRACK_LABELS
from inet_stages.io import tomlsafe
from inet_stages.text.frdates import format_date
from inet_stages.text.textsafe import clean
from inet_stages.text.values import brief as _brief
from inet_stages.text.values import kind_of as _kind

#: Largest integer accepted anywhere in a calendar (weeks, thresholds, fees).
MAX_INT = 10_000_000


class CalendarError(UserError):
    """A calendar that cannot be used; ``problems`` says why, each with its key path."""

    def __init__(self, path: str, problems: list[Finding]) -> None:
        super().__init__(f"{path} : calendrier invalide")
        self.path = path
        self.problems = problems

    def render(self, limit: int = 50) -> str:
        """The French message: the file, then one line per problem (at most ``limit``).

        Every piece that came from the file is escaped (:func:`textsafe.clean`),
        so that a key holding a newline or an escape cannot add or forge a line.
        """
        head = f"Calendrier invalide : {clean(self.path)}"
        lines = []
        for problem in self.problems[:limit]:
            where = f":{problem.line}" if problem.line is not None else ""
            key = f" [{clean(problem.field, limit=80)}]" if problem.field else ""
            lines.append(
                "  " + clean(f"{self.path}{where}: {problem.code} {problem.message}") + key
            )
        if len(self.problems) > limit:
            lines.append(
                f"  … et {len(self.problems) - limit} autres problèmes "
                f"(tous : inet-stages calendar check {clean(self.path)})."
            )
        return "\n".join([head, *lines])


# --- Reading ---------------------------------------------------------------------

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class _Reader:
    """Typed access to a TOML table that records problems instead of raising."""

    def __init__(self, lines: Mapping[str, int]) -> None:
        self.problems: list[Finding] = []
        self.lines = lines

    def add(self, code: str, path: str, message: str) -> None:
        self.problems.append(at_key(code, "error", path, message, self.lines))

    def table(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> dict[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.add("C101", path, "table manquante.")
            return {}
        if not isinstance(value, dict):
            self.add("C102", path, f"une table est attendue, pas {_kind(value)}.")
            return {}
        return value

    def entry(
        self, raw: object, path: str, allowed: tuple[str, ...], unknown_id: str | None
    ) -> bool:
        """Is ``raw`` a track's or an internship's table to read? ``unknown_id`` says why its
        id is not one of the format's (C104); else it must be a table (C102), whose unknown
        keys are reported (C103)."""
        if unknown_id is not None:
            self.add("C104", path, unknown_id)
            return False
        if not isinstance(raw, dict):
            self.add("C102", path, f"une table est attendue, pas {_kind(raw)}.")
            return False
        self.unknown(raw, allowed, path)
        return True

    def unknown(self, data: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
        import difflib

        for key in data:
            if key not in allowed:
                # A suggestion for the first problems only: a file of thousands
                # of unknown keys is not a calendar, and difflib is not free.
                close = (
                    difflib.get_close_matches(key, allowed, n=1) if len(self.problems) < 50 else []
                )
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                where = f"{path}.{key}" if path else key
                self.add("C103", where, f"clé inconnue « {_brief(key)} ».{hint}")

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add("C101", path, "valeur manquante (texte attendu).")
            return ""
        if not isinstance(value, str):
            self.add("C102", path, f"un texte est attendu, pas {_kind(value)}.")
            return ""
        return value

    def integer(
        self,
        data: Mapping[str, Any],
        key: str,
        path: str,
        *,
        required: bool = True,
        minimum: int = 0,
    ) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add("C101", path, "valeur manquante (nombre entier attendu).")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.add("C102", path, f"un nombre entier est attendu, pas {_kind(value)}.")
            return None
        if not minimum <= value <= MAX_INT:
            self.add("C104", path, f"nombre hors limites : attendu entre {minimum} et {MAX_INT}.")
            return None
        return value

    def boolean(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.add("C102", path, f"true ou false est attendu, pas {_kind(value)}.")
            return False
        return value

    def day(
        self, data: Mapping[str, Any], key: str, path: str, *, required: bool = True
    ) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.add("C101", path, "date manquante (forme attendue : AAAA-MM-JJ).")
            return None
        if isinstance(value, str):
            try:
                return date.fromisoformat(value) if len(value) == 10 else _bad_date()
            except ValueError:
                self.add(
                    "C102", path, f"date illisible « {value[:40]} » : forme attendue AAAA-MM-JJ."
                )
                return None
        if isinstance(value, datetime) or not isinstance(value, date):
            self.add("C102", path, f"une date AAAA-MM-JJ est attendue, pas {_kind(value)}.")
            return None
        return value

    def texts(self, data: Mapping[str, Any], key: str, path: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.add("C102", path, "une liste de textes est attendue.")
            return None
        return tuple(value)

    def period(self, value: Any, path: str) -> Period | None:
        if not isinstance(value, dict):
            self.add(
                "C102", path, "une table { start = AAAA-MM-JJ, end = AAAA-MM-JJ } est attendue."
            )
            return None
        self.unknown(value, ("start", "end"), path)
        start = self.day(value, "start", f"{path}.start")
        end = self.day(value, "end", f"{path}.end")
        if start is None or end is None:
            return None
        if start > end:
            self.add(
                "C205", path, f"début ({format_date(start)}) après la fin ({format_date(end)})."
            )
            return None
        return Period(start=start, end=end)


def _short_label(label: str) -> str:
    """« Stage d'observation » → « Observation »: the label without its « Stage de »."""
    for prefix in ("Stage d'", "Stage de ", "Stage des ", "Stage "):
        if label.startswith(prefix) and len(label) > len(prefix):
            rest = label[len(prefix) :]
            return rest[:1].upper() + rest[1:]
    return label


def _bad_date() -> date:
    raise ValueError


_TOP_KEYS = ("format", "school_year", "draft", "source", "contact", "tracks", "internships")
_CONTACT_KEYS = ("name", "role", "email", "phone", "mobile", "address", "website")
_TRACK_KEYS = ("label", "short", "months", "cohort", "schooling")
_INTERNSHIP_KEYS = (
    "label",
    "short",
    "purpose",
    "hosts",
    "host_examples",
    "objectives",
    "modalities",
    "examples",
    "collective",
    "windows",
)
_WINDOW_KEYS = (
    "start",
    "end",
    "weeks",
    "offers_deadline",
    "alternatives",
    "tutor",
    "objectives",
    "modalities",
    "examples",
)
_COLLECTIVE_KEYS = ("population_more_than", "students_per_project", "fee_eur")


def _read_contact(r: _Reader, data: Mapping[str, Any]) -> Contact:
    table = r.table(data, "contact", "contact")
    r.unknown(table, _CONTACT_KEYS, "contact")
    return Contact(
        name=r.text(table, "name", "contact.name"),
        role=r.text(table, "role", "contact.role", required=False),
        email=r.text(table, "email", "contact.email"),
        phone=r.text(table, "phone", "contact.phone", required=False),
        mobile=r.text(table, "mobile", "contact.mobile", required=False),
        address=r.text(table, "address", "contact.address", required=False),
        website=r.text(table, "website", "contact.website", required=False),
    )


def _read_tracks(r: _Reader, data: Mapping[str, Any]) -> list[Track]:
    tracks: list[Track] = []
    for track_id, raw in r.table(data, "tracks", "tracks").items():
        path = f"tracks.{track_id}"
        extra = f" {PATRIMOINE_MESSAGE}" if "patrimoine" in track_id else ""
        unknown = (
            f"filière inconnue « {_brief(track_id)} » ; filières possibles : "
            f"{', '.join(TRACK_LABELS)}.{extra}"
        )
        if not r.entry(raw, path, _TRACK_KEYS, None if track_id in TRACK_LABELS else unknown):
            continue
        schooling = None
        if "schooling" in raw:
            schooling = r.period(raw["schooling"], f"{path}.schooling")
        else:
            r.add("C101", f"{path}.schooling", "période de scolarité manquante.")
        label = r.text(raw, "label", f"{path}.label", required=False) or TRACK_LABELS[track_id]
        if schooling is None:
            continue
        tracks.append(
            Track(
                id=track_id,
                label=label,
                short=r.text(raw, "short", f"{path}.short", required=False)
                or track_id.capitalize(),
                schooling=schooling,
                months=r.integer(raw, "months", f"{path}.months", required=False, minimum=1),
                cohort=r.integer(raw, "cohort", f"{path}.cohort", required=False),
            )
        )
    return tracks


def _read_window(
    r: _Reader, internship_id: str, track_id: str, raw: Any, declared: set[str]
) -> Window | None:
    path = f"internships.{internship_id}.windows.{track_id}"
    if track_id not in declared:
        r.add(
            "C206",
            path,
            f"la filière « {_brief(track_id)} » n'est pas déclarée dans [tracks] "
            f"(déclarées : {', '.join(sorted(declared)) or 'aucune'}).",
        )
        return None
    if not isinstance(raw, dict):
        r.add("C102", path, f"une table est attendue, pas {_kind(raw)}.")
        return None
    r.unknown(raw, _WINDOW_KEYS, path)
    period = r.period({"start": raw.get("start"), "end": raw.get("end")}, path)
    weeks = r.integer(raw, "weeks", f"{path}.weeks", minimum=1)
    deadline = r.day(raw, "offers_deadline", f"{path}.offers_deadline", required=False)
    tutor = raw.get("tutor")
    if tutor is not None and tutor not in TUTOR_REQUIREMENTS:
        r.add(
            "C104",
            f"{path}.tutor",
            f"exigence de tuteur inconnue « {_brief(tutor)} » ; valeurs possibles : "
            f"{', '.join(TUTOR_REQUIREMENTS)}.",
        )
        tutor = None
    alternatives: list[Period] = []
    raw_alternatives = raw.get("alternatives", [])
    if not isinstance(raw_alternatives, list):
        r.add("C102", f"{path}.alternatives", "une liste de périodes { start, end } est attendue.")
        raw_alternatives = []
    for index, alternative in enumerate(raw_alternatives):
        found = r.period(alternative, f"{path}.alternatives[{index}]")
        if found is not None:
            alternatives.append(found)
    texts = {
        key: r.text(raw, key, f"{path}.{key}", required=False)
        for key in ("objectives", "modalities")
    }
    examples = r.texts(raw, "examples", f"{path}.examples")
    if period is None or weeks is None:
        return None
    return Window(
        track=track_id,
        internship=internship_id,
        period=period,
        weeks=weeks,
        offers_deadline=deadline,
        alternatives=tuple(alternatives),
        tutor=tutor,
        objectives=texts["objectives"] if "objectives" in raw else None,
        modalities=texts["modalities"] if "modalities" in raw else None,
        examples=examples,
    )


def _read_collective(r: _Reader, raw: Mapping[str, Any], path: str) -> Collective | None:
    table = r.table(raw, "collective", path, required=False)
    if not table:
        return None
    r.unknown(table, _COLLECTIVE_KEYS, path)
    population = r.integer(table, "population_more_than", f"{path}.population_more_than")
    students = r.integer(table, "students_per_project", f"{path}.students_per_project", minimum=1)
    fee = r.integer(table, "fee_eur", f"{path}.fee_eur")
    if population is None or students is None or fee is None:
        return None
    return Collective(population_more_than=population, students_per_project=students, fee_eur=fee)


def _read_internships(
    r: _Reader, data: Mapping[str, Any], declared: set[str]
) -> tuple[list[Internship], list[Window]]:
    internships: list[Internship] = []
    windows: list[Window] = []
    for internship_id, raw in r.table(data, "internships", "internships").items():
        path = f"internships.{internship_id}"
        unknown = (
            f"stage inconnu « {_brief(internship_id)} » ; stages possibles : "
            f"{', '.join(INTERNSHIP_LABELS)}."
        )
        known = internship_id in INTERNSHIP_LABELS
        if not r.entry(raw, path, _INTERNSHIP_KEYS, None if known else unknown):
            continue
        hosts = raw.get("hosts", "territorial")
        if hosts not in HOST_POLICIES:
            r.add(
                "C104",
                f"{path}.hosts",
                f"valeur inconnue « {_brief(hosts)} » ; "
                f"valeurs possibles : {', '.join(HOST_POLICIES)}.",
            )
            hosts = "territorial"
        label = (
            r.text(raw, "label", f"{path}.label", required=False)
            or INTERNSHIP_LABELS[internship_id]
        )
        internships.append(
            Internship(
                id=internship_id,
                label=label,
                short=r.text(raw, "short", f"{path}.short", required=False) or _short_label(label),
                purpose=r.text(raw, "purpose", f"{path}.purpose", required=False),
                hosts=hosts,
                host_examples=r.text(raw, "host_examples", f"{path}.host_examples", required=False),
                objectives=r.text(raw, "objectives", f"{path}.objectives", required=False),
                modalities=r.text(raw, "modalities", f"{path}.modalities", required=False),
                examples=r.texts(raw, "examples", f"{path}.examples") or (),
                collective=_read_collective(r, raw, f"{path}.collective"),
            )
        )
        if internship_id == "projet_collectif" and internships[-1].collective is None:
            r.add(
                "C101",
                f"{path}.collective",
                "seuils des projets collectifs manquants (population_more_than, "
                "students_per_project, fee_eur).",
            )
        for track_id, raw_window in r.table(raw, "windows", f"{path}.windows").items():
            window = _read_window(r, internship_id, track_id, raw_window, declared)
            if window is not None:
                windows.append(window)
    return internships, windows


def read_calendar(
    document: tomlsafe.TomlDocument, *, packaged: bool = False
) -> tuple[Calendar | None, list[Finding]]:
    """Build the calendar of a parsed document; return it (if buildable) and every problem."""
    lines = tomlsafe.LazyLines(document.text)
    r = _Reader(lines)
    data = document.data
    r.unknown(data, _TOP_KEYS, "")
    version = data.get("format", 1)
    if version != 1:
        r.add(
            "C104",
            "format",
            f"version de format « {_brief(version)} » inconnue : seule la version 1 existe.",
        )
    school_year = r.text(data, "school_year", "school_year")
    if school_year and (
        school_year != school_year.strip() or parse_school_year(school_year) is None
    ):
        r.add(
            "C104",
            "school_year",
            f"année scolaire « {school_year[:40]} » : forme attendue AAAA-AAAA (2026-2027).",
        )
    draft = r.boolean(data, "draft", "draft")
    source = r.text(data, "source", "source", required=False)
    contact = _read_contact(r, data)
    tracks = _read_tracks(r, data)
    internships, windows = _read_internships(r, data, {t.id for t in tracks})
    if r.problems:
        return None, r.problems
    calendar = Calendar(
        school_year=school_year,
        source=source,
        draft=draft,
        path=document.path,
        packaged=packaged,
        contact=contact,
        tracks=tuple(tracks),
        internships=tuple(internships),
        windows=tuple(windows),
    )
    problems = [*consistency(calendar, lines), *bounds(calendar, lines)]
    return calendar, problems
