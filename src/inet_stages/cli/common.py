"""What every command shares: options, the consoles, errors, loading the calendar.

This is the only layer that reads the clock and the environment, prints and
chooses exit codes; the core modules take ``today`` and return values.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from inet_stages.calendar import Calendar

#: Exit codes of SPEC.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

TODAY_HELP = "Date du jour pour les calculs, AAAA-MM-JJ (par défaut : la date locale)."
TRACK_HELP = (
    "Filière : administrateurs, conservateurs ou ingenieurs "
    "(majuscules, accents et pluriel indifférents)."
)


@dataclass(kw_only=True)
class Options:
    """Options of the root command, handed to each command through the context."""

    calendar: str | None = None


def options(ctx: typer.Context) -> Options:
    """The root options, wherever the command sits in the tree."""
    root = ctx.find_root()
    if isinstance(root.obj, Options):
        return root.obj
    return Options()


def stdout_console() -> Console:
    """Console for results: never reads markup or emoji codes in what it prints."""
    from rich.console import Console

    return Console(markup=False, emoji=False, highlight=False)


def stderr_console() -> Console:
    """Console for errors, warnings and progress."""
    from rich.console import Console

    return Console(stderr=True, markup=False, emoji=False, highlight=False)


def warn(message: str) -> None:
    """A French notice on stderr (text from files is escaped)."""
    from inet_stages.textsafe import clean

    sys.stderr.write(clean(message, keep_newlines=True) + "\n")


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print ``message`` on stderr as an error and leave with ``code`` (2 by default)."""
    from inet_stages.textsafe import clean

    sys.stderr.write("inet-stages : erreur : " + clean(message, keep_newlines=True) + "\n")
    raise typer.Exit(code)


def parse_today(value: str | None) -> date:
    """``--today`` as a date; the local date when absent."""
    if value is None:
        return date.today()
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--today : date invalide « {value[:40]} » ; forme attendue AAAA-MM-JJ (2026-11-28).")


def format_day(day: date) -> str:
    """« sam. 28 novembre 2026 »."""
    from inet_stages.frdates import format_date

    return format_date(day)


def resolve_track(calendar: Calendar, value: str | None) -> str | None:
    """``--track`` resolved against the calendar's tracks, or a French refusal."""
    if value is None:
        return None
    from inet_stages.ids import UnknownId, resolve

    try:
        return resolve(value, calendar.track_ids, kind="track")
    except UnknownId as exc:
        fail(f"--track : {exc.message}")


def load_calendar(ctx: typer.Context) -> Calendar:
    """The calendar chosen by ``--calendar`` / ``INET_STAGES_CALENDAR``, else the packaged one.

    A calendar that cannot be used ends the command with exit code 2 and a
    message naming the file, the line and the key.
    """
    from inet_stages.calendar import CalendarError
    from inet_stages.calendar import load_calendar as load
    from inet_stages.tomlsafe import TomlInputError

    chosen = options(ctx).calendar
    path = Path(chosen) if chosen else None
    try:
        calendar = load(path)
    except TomlInputError as exc:
        fail(f"calendrier illisible : {exc.located()}")
    except CalendarError as exc:
        fail(exc.render())
    if calendar.draft:
        warn(
            f"Attention : le calendrier {calendar.school_year} ({calendar.path}) est un "
            "brouillon (draft = true) ; ses dates sont à confirmer."
        )
    return calendar


def emit_json(document: object) -> None:
    """Write one JSON document on stdout, UTF-8 whatever the locale says."""
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def check_choice(option: str, value: str, choices: tuple[str, ...]) -> str:
    """A ``--format``-like value, case-insensitive, or a French refusal listing the choices."""
    folded = value.strip().lower()
    if folded in choices:
        return folded
    fail(f"{option} : valeur « {value[:40]} » inconnue ; valeurs possibles : {', '.join(choices)}.")


def write_output(output: Path | None, content: str | bytes, *, force: bool) -> None:
    """``content`` to ``output`` (atomic, no overwrite without ``--force``) or to stdout."""
    if output is None or str(output) == "-":
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from inet_stages.writes import WriteRefused, write_atomic

    try:
        write_atomic(output, content, force=force)
    except WriteRefused as exc:
        fail(exc.message)
    sys.stderr.write(f"Écrit : {output}\n")
