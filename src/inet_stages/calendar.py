"""The school year's calendar: model, loader and consistency rules.

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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from inet_stages import tomlsafe
from inet_stages.findings import Finding
from inet_stages.frdates import format_date, weeks_touched
from inet_stages.ids import INTERNSHIP_LABELS, PATRIMOINE_MESSAGE, TRACK_LABELS

HostPolicy = Literal["territorial", "territorial_preferred", "any"]
TutorRequirement = Literal["dgs", "directeur_bibliotheque"]

HOST_POLICIES: tuple[HostPolicy, ...] = ("territorial", "territorial_preferred", "any")
TUTOR_REQUIREMENTS: tuple[TutorRequirement, ...] = ("dgs", "directeur_bibliotheque")

PACKAGED_NAME = "calendar_2026_27.toml"

#: Largest integer accepted anywhere in a calendar (weeks, thresholds, fees).
MAX_INT = 10_000_000


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


class CalendarError(Exception):
    """A calendar that cannot be used; ``problems`` says why, each with its key path."""

    def __init__(self, path: str, problems: list[Finding]) -> None:
        super().__init__(f"{path}: calendrier invalide")
        self.path = path
        self.problems = problems

    def render(self, limit: int = 50) -> str:
        """The French message: the file, then one line per problem (at most ``limit``).

        Every piece that came from the file is escaped (:func:`textsafe.clean`),
        so that a key holding a newline or an escape cannot add or forge a line.
        """
        from inet_stages.textsafe import clean

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
_YEAR = re.compile(r"^([0-9]{4})-([0-9]{4})$")


class _Reader:
    """Typed access to a TOML table that records problems instead of raising."""

    def __init__(self, lines: Mapping[str, int]) -> None:
        self.problems: list[Finding] = []
        self.lines = lines

    def add(self, code: str, path: str, message: str) -> None:
        self.problems.append(
            Finding(
                code=code,
                severity="error",
                field=path or None,
                message=message,
                line=tomlsafe.line_of(self.lines, path),
            )
        )

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


def _brief(value: Any) -> str:
    """A short, safe rendering of any parsed value for a message.

    ``str()`` of a 5 000-digit integer raises in CPython, and a long text
    would flood the message: both are cut to a few characters.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "un nombre entier démesuré"
    text = str(value) if isinstance(value, int | float | str) else _kind(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int):
        return "un nombre entier"
    if isinstance(value, float):
        return "un nombre décimal"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, datetime):
        return "une date avec heure"
    if isinstance(value, date):
        return "une date"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une table"
    return "une heure"


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
        if track_id not in TRACK_LABELS:
            extra = f" {PATRIMOINE_MESSAGE}" if "patrimoine" in track_id else ""
            r.add(
                "C104",
                path,
                f"filière inconnue « {_brief(track_id)} » ; filières possibles : "
                f"{', '.join(TRACK_LABELS)}.{extra}",
            )
            continue
        if not isinstance(raw, dict):
            r.add("C102", path, f"une table est attendue, pas {_kind(raw)}.")
            continue
        r.unknown(raw, _TRACK_KEYS, path)
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
        if internship_id not in INTERNSHIP_LABELS:
            r.add(
                "C104",
                path,
                f"stage inconnu « {_brief(internship_id)} » ; stages possibles : "
                f"{', '.join(INTERNSHIP_LABELS)}.",
            )
            continue
        if not isinstance(raw, dict):
            r.add("C102", path, f"une table est attendue, pas {_kind(raw)}.")
            continue
        r.unknown(raw, _INTERNSHIP_KEYS, path)
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


def consistency(calendar: Calendar, lines: Mapping[str, int]) -> Iterator[Finding]:
    """The consistency errors of a structurally sound calendar."""

    def finding(code: str, path: str, message: str) -> Finding:
        return Finding(
            code=code,
            severity="error",
            field=path,
            message=message,
            line=tomlsafe.line_of(lines, path),
        )

    for window in calendar.windows:
        path = f"internships.{window.internship}.windows.{window.track}"
        track = calendar.track(window.track)
        if not track.schooling.covers(window.period):
            yield finding(
                "C201",
                path,
                f"la fenêtre du {format_date(window.start)} au {format_date(window.end)} sort de "
                f"la scolarité de la filière ({format_date(track.schooling.start)} – "
                f"{format_date(track.schooling.end)}).",
            )
        deadline = window.offers_deadline
        if deadline is not None and deadline >= window.start:
            yield finding(
                "C202",
                f"{path}.offers_deadline",
                f"la date limite de dépôt ({format_date(deadline)}) doit précéder le début de la "
                f"fenêtre ({format_date(window.start)}).",
            )
        touched = window.period.weeks
        if window.weeks > touched:
            yield finding(
                "C203",
                f"{path}.weeks",
                f"{window.weeks} semaines annoncées, mais la fenêtre n'en touche que {touched} "
                f"(semaines du lundi au dimanche).",
            )
        for index, alternative in enumerate(window.alternatives):
            if not window.period.covers(alternative):
                yield finding(
                    "C204",
                    f"{path}.alternatives[{index}]",
                    f"l'alternative du {format_date(alternative.start)} au "
                    f"{format_date(alternative.end)} n'est pas dans la fenêtre "
                    f"({format_date(window.start)} – {format_date(window.end)}).",
                )


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
    match = _YEAR.fullmatch(school_year)
    if school_year and (match is None or int(match.group(2)) != int(match.group(1)) + 1):
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
    problems = list(consistency(calendar, lines))
    return calendar, problems


def packaged_path() -> Path:
    """Where the packaged default calendar lives (inside the installed package)."""
    # Beside this module, in the wheel as in the source tree; a plain path
    # rather than importlib.resources, which costs start-up time for nothing.
    return Path(__file__).resolve().parent / "data" / PACKAGED_NAME


# packaged_files and own_files live here rather than in calendar_files: every
# command imports this module anyway, and the usual start-up needs no more.
def packaged_files() -> list[Path]:
    """The calendars shipped with the tool, the default one first."""
    default = packaged_path()
    others = sorted(p for p in default.parent.glob("calendar_*.toml") if p != default)
    return [default, *others]


def own_files(folder: Path | None) -> list[Path]:
    """The coordinator's calendars (``calendar_*.toml`` in her folder), if the folder exists."""
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("calendar_*.toml") if p.is_file())


def load_calendar(path: Path | None = None) -> Calendar:
    """Load and check a calendar (the packaged one when ``path`` is None).

    Raises :class:`tomlsafe.TomlInputError` when the file cannot be read as
    TOML, :class:`CalendarError` when it is TOML but not a usable calendar.
    """
    packaged = path is None
    document = tomlsafe.load(packaged_path() if path is None else path)
    calendar, problems = read_calendar(document, packaged=packaged)
    errors = [p for p in problems if p.severity == "error"]
    if calendar is None or errors:
        raise CalendarError(document.path, errors)
    return calendar
