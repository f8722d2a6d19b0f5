"""``report --letters``: the letters rendered before any output, then written incrementally.

The rendering (:mod:`inet_stages.report.replies`) happens first, so that a
template of hers that fails stops the command (exit 2, the file and line
named) before the report is printed; the writing comes after the report
(before it with ``--format json``, whose document lists the letters):
letters that exist already are kept (listed), unless ``--force``. A tutor
address that cannot be a ``To`` never stops the run: that draft is written
without one, the reason at its top, and the summary lists it « sans
destinataire » with its file.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar
    from inet_stages.report.letters import LetterFormat
    from inet_stages.report.replies import Rendered


def draft_time(day: date, today_given: bool) -> datetime:
    """The ``Date`` of the drafts: now, or 9:00 UTC on ``--today`` (reproducible files)."""
    if today_given:
        return datetime.combine(day, time(9, 0), tzinfo=UTC)
    return datetime.now().astimezone()


def prepare(
    folder: Path,
    calendar: Calendar,
    report: Report,
    *,
    day: date,
    when: datetime,
    letters_format: LetterFormat,
) -> list[Rendered]:
    """Every letter rendered in memory; exit 2 on a folder or template that cannot be used."""
    from inet_stages.io.writes import reason
    from inet_stages.report.replies import render_all
    from inet_stages.report.texts import LetterError

    try:
        if folder.exists() and not folder.is_dir():
            common.fail(f"--letters : {folder} existe et n'est pas un dossier.")
    except OSError as exc:  # a name too long, a loop of links
        common.fail(f"--letters : {folder} inutilisable ({reason(exc)}).")
    try:
        rendered = render_all(
            calendar,
            report,
            own=common.own_folder(),
            day=day,
            when=when,
            letters_format=letters_format,
        )
    except LetterError as exc:
        common.fail(f"--letters : {exc.message}")
    # Created now, before the report is printed: a folder that cannot be made
    # stops the command before any output, not after it.
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"--letters : impossible de créer le dossier {folder} ({reason(exc)}).")
    return rendered


def write(folder: Path, rendered: list[Rendered], *, force: bool) -> tuple[set[str], set[str]]:
    """Write the letters not yet in ``folder`` (all with ``force``); list the ones kept.

    Returns the names kept, and those of them that no longer tell the batch's
    verdict (stale: their offer or their verdict changed since).
    """
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.report.replies import fitted_head, stopped_lines, written_lines
    from inet_stages.text.frtypo import typeset

    written: list[Rendered] = []
    kept: list[str] = []
    linked: list[WriteRefused] = []
    try:
        for item in rendered:
            try:
                # Exclusive without --force (no exists() first): of two runs
                # writing into one folder, each letter is written by one only.
                write_atomic(folder / item.name, item.content, force=force)
            except WriteRefused as exc:
                if exc.taken and not force:
                    kept.append(item.name)  # there already, or another run wrote it meanwhile
                    continue
                if exc.link:
                    linked.append(exc)  # a planted link: reported, never written through
                    continue
                raise exc
            written.append(item)
    except (WriteRefused, KeyboardInterrupt) as exc:
        # Stopped midway: which letters are on disk; then the usual message and exit code.
        lines = stopped_lines(folder, written, len(rendered) - len(kept))
        sys.stderr.write("\n".join([typeset(lines[0]), *lines[1:]]) + "\n")
        if isinstance(exc, WriteRefused):
            common.fail(exc.message)
        raise
    from inet_stages.season.answers import stale_letters

    stale = stale_letters(folder, [item for item in rendered if item.name in kept])
    lines = written_lines(folder, written, kept, stale)
    said = fitted_head([typeset(line) for line in lines], common.stderr_console().width)
    sys.stderr.write("\n".join(said) + "\n")
    if linked:
        common.fail_all([refusal.message for refusal in linked])
    return set(kept), set(stale)
