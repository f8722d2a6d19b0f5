"""What every command shares: the root options, ``--today``, ``--track`` and the calendar.

This is the only layer that reads the clock and the environment, prints and
chooses exit codes; the core modules take ``today`` and return values. The
option factories live in :mod:`inet_stages.cli.options`, the consoles and the
output in :mod:`inet_stages.cli.output`; both are re-exported here, so that a
command needs only ``from inet_stages.cli import common``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

# Re-exported: a command needs only ``from inet_stages.cli import common``.
from inet_stages.cli.options import (  # noqa: F401
    MAX_WITHIN,
    check_choice,
    force_option,
    format_option,
    header_option,
    offers_argument,
    output_option,
    today_option,
    track_option,
)
from inet_stages.cli.output import (  # noqa: F401
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    emit_json,
    fail,
    fail_all,
    output_folder,
    probe,
    readable_folder,
    stderr_console,
    stdout_console,
    warn,
    write_output,
)

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.calendar.files import Candidate as CalendarCandidate


@dataclass(kw_only=True)
class Options:
    """Options of the root command, handed to each command through the context; and what a
    command reads once for all its parts (:func:`inet_stages.cli.promotions.known_calendars`)."""

    calendar: str | None = None
    known: tuple[list[Calendar], Calendar] | None = None


def options(ctx: typer.Context) -> Options:
    """The root options, wherever the command sits in the tree."""
    root = ctx.find_root()
    if isinstance(root.obj, Options):
        return root.obj
    return Options()


def local_today() -> date:
    """The local date: the one place a command reads the clock (the tests pin it here)."""
    return date.today()


def parse_today(value: str | None) -> date:
    """``--today`` as a date; the local date when absent.

    ``AAAA-MM-JJ``, or the French order ``JJ/MM/AAAA`` (also with ``.`` or
    ``-``), which the coordinator types out of habit: then a notice on stderr
    says which date was understood, so that a slip shows at once.
    """
    if value is None:
        return local_today()
    from inet_stages.text.frdates import format_date, parse_day

    try:
        day, french = parse_day(value)
    except ValueError:
        fail(
            f"--today : date invalide « {value[:40]} » ; forme attendue AAAA-MM-JJ (2026-11-28) "
            "ou JJ/MM/AAAA (28/11/2026)."
        )
    if not 2000 <= day.year <= 2099:  # a slip (9999…): ahead of it, dates overflow
        fail(f"--today : {day.isoformat()} hors des années que l'outil traite (2000 à 2099).")
    if french:
        warn(f"--today {value.strip()} : compris comme le {format_date(day)} ({day.isoformat()}).")
    return day


def resolve_ids(option: str, values: Iterable[str], known: Iterable[str], kind: str) -> list[str]:
    """Each of ``values`` as the id it designates among ``known`` (case, accents and plural
    forgiven), or a French refusal naming ``option``; ``kind``: ``track`` or ``internship``."""
    from inet_stages.ids import UnknownId, resolve

    try:
        return [resolve(value, known, kind=kind) for value in values]
    except UnknownId as exc:
        fail(f"{option} : {exc.message}")


def resolve_track(calendar: Calendar, value: str | None) -> str | None:
    """``--track`` resolved against the calendar's tracks, or a French refusal."""
    return (
        None if value is None else resolve_ids("--track", [value], calendar.track_ids, "track")[0]
    )


#: Environment variable naming the coordinator's own folder of calendars.
HOME_ENV = "INET_STAGES_HOME"


def default_folder() -> Path:
    """Where each system keeps a user's settings, for ``inet-stages``.

    ``%APPDATA%\\inet-stages`` on Windows (roaming: it follows the coordinator
    from one office computer to the next), ``~/Library/Application
    Support/inet-stages`` on macOS, ``~/.config/inet-stages`` on Linux.
    """
    if sys.platform.startswith("linux"):
        # What platformdirs answers on Linux in the usual cases (XDG), without
        # importing it: the folder is looked for at every start, and the import
        # was most of that cost (tests/calendar/test_home_folder.py holds the two to
        # agreement). Anything unusual (a relative HOME…) is left to it.
        configured = os.environ.get("XDG_CONFIG_HOME", "")
        if os.path.isabs(configured):
            return Path(configured) / "inet-stages"
        home = os.environ.get("HOME", "")
        if os.path.isabs(home):
            return Path(home) / ".config" / "inet-stages"
    from platformdirs import user_config_dir

    return Path(user_config_dir("inet-stages", appauthor=False, roaming=True))


def own_folder() -> Path:
    """The coordinator's folder of calendars: ``$INET_STAGES_HOME``, else :func:`default_folder`.

    Calendars there are named ``calendar_2027_28.toml`` (any ``calendar_*.toml`` is read).
    A folder that cannot be looked at (a parent she cannot read) is exit 2, in
    French; a folder that cannot be listed is said by :func:`readable_folder`.
    """
    value = os.environ.get(HOME_ENV)
    folder = Path(value) if value else default_folder()
    if probe(folder, HOME_ENV if value else "Dossier inet-stages") == "dir":
        readable_folder(folder, HOME_ENV if value else "Dossier inet-stages")
    return folder


def folder_notice() -> str | None:
    """A French notice when ``$INET_STAGES_HOME`` names a folder that does not exist.

    Without it the tool would silently fall back on the packaged calendar, and
    the coordinator would read last year's dates as if they were hers.
    """
    value = os.environ.get(HOME_ENV)
    if not value:
        return None
    folder = Path(value)
    found = probe(folder, HOME_ENV)  # a folder she cannot read: exit 2, in French
    if found == "dir":
        return None
    what = "n'est pas un dossier" if found != "missing" else "n'existe pas"
    return (
        f"Attention : le dossier de {HOME_ENV} ({folder}) {what} ; seuls les calendriers "
        "fournis avec l'outil sont lus. Créez-le ou corrigez la variable."
    )


def _candidates() -> list[CalendarCandidate]:
    """Every calendar file known: the packaged ones (default first), then the coordinator's."""
    from inet_stages.calendar import files, own_files, packaged_files

    notice = folder_notice()
    if notice:
        warn(notice)
    found = [files.scan(p, packaged=True) for p in packaged_files()]
    return found + [files.scan(p, packaged=False) for p in own_files(own_folder())]


def calendar_file(value: str, option: str = "--calendar") -> Path:
    """A path, or the file of a school year (``2027-2028``), for ``option``; else exit 2.

    The year is looked up among the packaged calendars and the coordinator's
    folder (hers first); an existing file of that name is taken as a path.
    """
    from inet_stages.calendar import files
    from inet_stages.calendar.model import parse_school_year

    if parse_school_year(value) is None or Path(value).exists():
        return Path(value)
    candidates = _candidates()
    found = files.find_year(candidates, value.strip())
    if found is None:
        years = sorted({c.school_year for c in candidates if c.school_year})
        fail(
            f"{option} {value} : aucun calendrier de cette année scolaire, ni parmi "
            f"les calendriers fournis ({', '.join(years) or 'aucun'}) ni dans {own_folder()} "
            f"(fichiers calendar_*.toml, dossier réglable par {HOME_ENV})."
        )
    return found.path


def choose_calendar(ctx: typer.Context, today: date | None = None) -> Path | None:
    """The file of the calendar to use; None for the packaged default.

    ``--calendar`` (or ``INET_STAGES_CALENDAR``) is a path, or a school year
    (``2027-2028``) looked up among the packaged calendars and the
    coordinator's folder. Without it, the calendar whose schooling covers
    ``today`` (the local date when not given), else the next one to start,
    else the packaged default. A notice on stderr says which calendar was
    taken whenever it is not the packaged default.
    """
    from inet_stages.calendar import own_files, packaged_files, packaged_path

    chosen = options(ctx).calendar
    if chosen:
        path = calendar_file(chosen)
        if path == packaged_path():
            return None
        if str(path) != chosen:
            warn(f"Calendrier {chosen.strip()} : {path}")
        return path
    if not own_files(own_folder()) and len(packaged_files()) == 1:
        notice = folder_notice()
        if notice:
            warn(notice)
        return None  # the usual case: nothing to choose from, nothing to read
    from inet_stages.calendar import files

    candidates = _candidates()
    default = candidates[0]
    say_broken(candidates)
    day = today if today is not None else parse_today(None)
    choice = files.choose_for(candidates, day, default)
    for note in files.choice_notes(choice, day, default):
        warn(note)
    taken = choice.candidate
    return None if taken.path == default.path else taken.path


def load_calendar_file(path: Path | None, *, advice: str = "") -> Calendar:
    """The calendar at ``path`` (the packaged one when None), or exit 2 naming file and line.

    The one place where a calendar that cannot be used ends a command:
    ``advice`` is added under the problems (« Corrigez-le avant… »).
    """
    from inet_stages.calendar import CalendarError, load_calendar
    from inet_stages.io.tomlsafe import TomlInputError

    try:
        return load_calendar(path)
    except TomlInputError as exc:
        fail(f"calendrier illisible : {exc.located()}")
    except CalendarError as exc:
        fail(exc.render() + (f"\n{advice}" if advice else ""), lines=True)


def load_calendar(ctx: typer.Context, today: date | None = None) -> Calendar:
    """The calendar chosen by :func:`choose_calendar` for ``today``, loaded and checked.

    A calendar that cannot be used ends the command with exit code 2 and a
    message naming the file, the line and the key.
    """
    calendar = load_calendar_file(choose_calendar(ctx, today))
    say_draft(calendar)
    return calendar


def say_draft(calendar: Calendar) -> None:
    """A draft calendar's dates are to be confirmed: said on stderr whenever one is used."""
    if calendar.draft:
        warn(
            f"Attention : le calendrier {calendar.school_year} ({calendar.path}) est un "
            "brouillon (draft = true) ; ses dates sont à confirmer."
        )


def say_broken(candidates: list[CalendarCandidate]) -> None:
    """Each calendar of her folder that does not load, named with the command that says why."""
    for broken in (c for c in candidates if not c.usable):
        warn(
            f"Calendrier ignoré : {broken.path} ne se charge pas "
            f"(voir « inet-stages calendar check {broken.path} »)."
        )
