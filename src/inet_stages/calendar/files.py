"""Finding a calendar by school year, or the one that covers a date.

Calendars live in two folders: the packaged ones (``data/calendar_*.toml`` at
the top of the repository, ``inet_stages/data/`` inside the wheel)
and the coordinator's own folder (the CLI decides where it is). A calendar is
known by the ``school_year`` written inside it; the file name
(``calendar_2027_28.toml``) is only a fallback for a file too broken to say.
When both folders hold the same year, the coordinator's file wins: it is the
one she corrected.

Nothing here reads the clock or the environment: the CLI passes the folders
and ``today``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inet_stages.calendar.model import Calendar, Period, parse_school_year
from inet_stages.calendar.reader import CalendarError, read_calendar
from inet_stages.io import tomlsafe

#: The packaged default calendar's file name.
PACKAGED_NAME = "calendar_2026_27.toml"

_NAME = re.compile(r"^calendar_(\d{4})[-_](\d{2}|\d{4})\.toml$")


def year_of_name(name: str) -> str | None:
    """``calendar_2027_28.toml`` (or ``_2027-2028``) → ``2027-2028``; None otherwise."""
    match = _NAME.match(name)
    if match is None:
        return None
    first = int(match.group(1))
    second = match.group(2)
    if int(second) % 100 != (first + 1) % 100 or (len(second) == 4 and int(second) != first + 1):
        return None
    return f"{first}-{first + 1}"


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """One calendar file seen in a folder."""

    path: Path
    packaged: bool
    #: From the file (``school_year``), else from its name; None if neither says.
    school_year: str | None
    #: First schooling start to last schooling end; None when the file is not usable.
    coverage: Period | None
    draft: bool = False
    #: The calendar itself when usable, so that it is not read twice.
    calendar: Calendar | None = field(default=None, compare=False, repr=False)

    @property
    def usable(self) -> bool:
        """True when the file loads without error."""
        return self.coverage is not None


def scan(path: Path, *, packaged: bool) -> Candidate:
    """Read one calendar file just enough to know its year and the dates it covers."""
    named = year_of_name(path.name)
    try:
        document = tomlsafe.load(path)
    except tomlsafe.TomlInputError:
        return Candidate(path=path, packaged=packaged, school_year=named, coverage=None)
    written = document.data.get("school_year")
    year = written if isinstance(written, str) and parse_school_year(written) else named
    calendar, problems = read_calendar(document, packaged=packaged)
    if calendar is None or any(p.severity == "error" for p in problems) or not calendar.tracks:
        return Candidate(path=path, packaged=packaged, school_year=year, coverage=None)
    coverage = Period(
        start=min(t.schooling.start for t in calendar.tracks),
        end=max(t.schooling.end for t in calendar.tracks),
    )
    return Candidate(
        path=path,
        packaged=packaged,
        school_year=year,
        coverage=coverage,
        draft=calendar.draft,
        calendar=calendar,
    )


def find_year(candidates: Sequence[Candidate], school_year: str) -> Candidate | None:
    """The calendar of that school year; the coordinator's file before a packaged one."""
    found = [c for c in candidates if c.school_year == school_year]
    found.sort(key=lambda c: c.packaged)
    return found[0] if found else None


@dataclass(frozen=True, kw_only=True)
class Choice:
    """The calendar taken for a date, and why (for the notice on stderr)."""

    candidate: Candidate
    #: ``covers`` (its schooling covers the date), ``next`` (the next one to start)
    #: or ``default`` (nothing covers or follows: the packaged default).
    reason: str
    #: Other calendars that cover the date too (school years overlap: 18-month schooling).
    also: tuple[Candidate, ...] = ()


def choose_for(candidates: Sequence[Candidate], today: date, default: Candidate) -> Choice:
    """The calendar whose schooling covers ``today``, else the next one, else ``default``.

    Schooling periods of consecutive years overlap (the administrateurs of
    2026-2027 are still in school when those of 2027-2028 start). Then the
    earlier school year is taken, the cohort whose year is under way, and the
    others are named so that the notice can point to them.
    """
    usable = [c for c in _one_per_year(candidates) if c.coverage is not None]
    covering = [c for c in usable if c.coverage is not None and c.coverage.contains(today)]
    if covering:
        covering.sort(key=lambda c: (c.coverage.start if c.coverage else today, c.packaged))
        return Choice(candidate=covering[0], reason="covers", also=tuple(covering[1:]))
    coming = [c for c in usable if c.coverage is not None and c.coverage.start > today]
    if coming:
        coming.sort(key=lambda c: (c.coverage.start if c.coverage else today, c.packaged))
        return Choice(candidate=coming[0], reason="next")
    return Choice(candidate=default, reason="default")


def choice_notes(choice: Choice, today: date, default: Candidate) -> list[str]:
    """What the choice of a calendar says on stderr: the one taken unless the default, the
    others that cover ``today`` too (French)."""
    taken = choice.candidate
    notes = []
    if taken.path != default.path:
        why = {
            "covers": f"sa scolarité couvre le {today.isoformat()}",
            "next": f"le prochain après le {today.isoformat()}",
        }.get(choice.reason, "calendrier par défaut")
        notes.append(f"Calendrier {taken.school_year} pris ({why}) : {taken.path}")
    notes += [
        f"Le calendrier {other.school_year} couvre aussi cette date "
        f"(--calendar {other.school_year})."
        for other in choice.also
    ]
    return notes


def one_per_year(candidates: Sequence[Candidate]) -> list[Candidate]:
    """One calendar per school year: the coordinator's file before a packaged one."""
    return _one_per_year(candidates)


def _one_per_year(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Drop a packaged calendar when the coordinator has her own of the same year."""
    own_years = {c.school_year for c in candidates if not c.packaged and c.usable}
    return [c for c in candidates if not (c.packaged and c.school_year in own_years)]


# The package's own folder: ``inet_stages/``.
_PACKAGE = Path(__file__).resolve().parent.parent


def packaged_folder() -> Path:
    """Where the packaged calendars are: inside the wheel, or ``data/`` of the repository.

    The wheel carries them in ``inet_stages/data/`` (hatch ``force-include``);
    a checkout (and the editable install ``uv run`` uses) keeps the one copy at
    the top of the repository, where the design card puts it. A plain path
    rather than importlib.resources, which costs start-up time for nothing.
    """
    installed = _PACKAGE / "data"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "data"


def packaged_path() -> Path:
    """The packaged default calendar."""
    return packaged_folder() / PACKAGED_NAME


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
