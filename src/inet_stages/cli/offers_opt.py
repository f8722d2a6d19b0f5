"""The offers of a command, read as every command reads them: collect, check, decisions.

The pipeline is :mod:`inet_stages.batch.pipeline` (pure); here are what the
terminal adds: the paths that could not be used said on stderr, the progress
bar of a long batch, and ``--decisions``. Without that option, a
``decisions.toml`` in a folder given on the command line (or named among the
paths) is read; with it, that file alone. A file that cannot be used ends the
command with its name and line (exit 2, through :class:`inet_stages.errors.UserError`).
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.batch.check import Collected, Report
    from inet_stages.batch.decisions import Decisions
    from inet_stages.calendar import Calendar
    from inet_stages.offer.promotion import Chooser

DECISIONS_OPTION = typer.Option(None, "--decisions", metavar="FICHIER")

#: More files than this, on a terminal, get a progress bar on stderr.
PROGRESS_THRESHOLD = 30


def stderr_is_terminal() -> bool:
    """Whether someone watches stderr (progress bars and notes are for them)."""
    return sys.stderr.isatty()


def wants_progress(files: int, *, terminal: bool, output_format: str) -> bool:
    """A progress bar only for a long batch, on a terminal, and never with JSON."""
    return files > PROGRESS_THRESHOLD and terminal and output_format != "json"


def check_offers(
    paths: list[str],
    calendar: Calendar,
    chooser: Chooser,
    day: date,
    *,
    decisions: Path | None = None,
    apply: bool = True,
    lenient: bool = False,
    keep_offers: bool = True,
    progress: str | None = None,
    said: str | None = "inet-stages : erreur : ",
    stop_absent: bool = False,
    need_files: bool = False,
) -> tuple[Collected, Report]:
    """The files found under ``paths``, and their report with the decisions applied.

    ``said`` prefixes each path that cannot be used, on stderr (None: silent).
    ``stop_absent``: a path typed wrong (or nothing usable) ends the command
    (exit 2) before anything is counted. ``need_files``: no offer file at all
    ends it too. ``progress`` is the output format when a bar is welcome on a
    terminal (None: never). ``apply=False`` leaves the decisions out;
    ``lenient`` says a decisions file that cannot be used and goes on without it.
    """
    from inet_stages.batch.check import collect
    from inet_stages.batch.pipeline import check_batch

    collected = collect(paths)
    for problem in collected.missing if said is not None else ():
        common.warn(f"{said}{problem}")
    if stop_absent and (collected.absent or (not collected.targets and collected.missing)):
        # A path typed wrong (or nothing usable): counts of the rest, or a table of
        # zeros, would read as the season's result. An unreadable file among
        # others is reported and the others still counted; the exit code says 2.
        raise typer.Exit(common.EXIT_USAGE)
    if need_files and not collected.targets:
        common.fail("aucun fichier d'offre (.toml) dans les chemins donnés.")
    targets = collected.targets
    terminal = progress is not None and stderr_is_terminal()
    if progress is not None and wants_progress(
        len(targets), terminal=terminal, output_format=progress
    ):
        from rich.progress import Progress

        with Progress(console=common.stderr_console(), transient=True) as bar:
            task = bar.add_task("Vérification des offres", total=len(targets))
            report = check_batch(
                targets,
                calendar,
                day,
                chooser=chooser,
                keep_offers=keep_offers,
                progress=lambda _t: bar.advance(task),
            )
    else:
        report = check_batch(targets, calendar, day, chooser=chooser, keep_offers=keep_offers)
    if not apply:
        return collected, report
    from inet_stages.batch.check import apply_decisions

    books = decisions_for(paths, decisions, lenient=lenient)
    return collected, report if books is None else apply_decisions(report, books)


def decisions_for(paths: list[str], given: Path | None, *, lenient: bool) -> list[Decisions] | None:
    """``--decisions`` (exit 2 when it names no file), else those found among ``paths``.

    ``lenient``: a decisions file that cannot be used is said, and None returned.
    """
    from inet_stages.batch.pipeline import decisions_of
    from inet_stages.cli.season_opt import here
    from inet_stages.errors import UserError

    try:
        if given is not None and common.probe(given, "--decisions") != "file":
            raise UserError(f"{given} : fichier de décisions introuvable.")
        return decisions_of(paths, given, here().season_offers)
    except UserError as exc:
        if not lenient:
            raise
        common.warn(f"Attention : décisions non appliquées : {exc.render()}")
        return None
