"""``report --letters``: the letters rendered before any output, then written incrementally.

The rendering (:mod:`inet_stages.report.letters`) happens first, so that a
template of hers that fails stops the command (exit 2, the file and line
named) before the report is printed; the writing comes after the report:
letters that exist already are kept (listed), unless ``--force``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.batch.check import Report
    from inet_stages.calendar import Calendar
    from inet_stages.report.letters import LetterFormat, Outcome


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """One letter ready to write."""

    name: str
    outcome: Outcome
    content: bytes


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
    from inet_stages.report.letters import (
        LetterError,
        environment,
        load_texts,
        plan,
        render,
        to_email,
    )
    from inet_stages.report.tally import letter_names

    try:
        if folder.exists() and not folder.is_dir():
            common.fail(f"--letters : {folder} existe et n'est pas un dossier.")
    except OSError as exc:  # a name too long, a loop of links
        common.fail(f"--letters : {folder} inutilisable ({reason(exc)}).")
    own = common.own_folder()
    names = {
        p: n.removesuffix(".md") for p, n in letter_names(f.path for f in report.files).items()
    }
    rendered: list[Rendered] = []
    try:
        texts = load_texts(own)
        env = environment(own)
        for letter in plan(report, names, texts):
            body, context = render(
                calendar,
                letter,
                today=day,
                own=own,
                markdown=letters_format == "md",
                texts=texts,
                env=env,
            )
            if letters_format == "eml":
                content = to_email(calendar, letter, body, context, when)
            else:
                content = body.encode("utf-8")
            rendered.append(
                Rendered(
                    name=f"{letter.name}.{letters_format}", outcome=letter.outcome, content=content
                )
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


def write(folder: Path, rendered: list[Rendered], *, force: bool) -> None:
    """Write the letters not yet in ``folder`` (all with ``force``); list the ones kept."""
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    written: list[Rendered] = []
    kept: list[str] = []
    try:
        for item in rendered:
            target = folder / item.name
            if target.exists() and not force:
                kept.append(item.name)
                continue
            try:
                # Exclusive without --force: of two runs writing into one
                # folder, each letter is written by one of them only.
                write_atomic(target, item.content, force=force)
            except WriteRefused as exc:
                if not force and target.exists():
                    kept.append(item.name)  # another run wrote it meanwhile
                    continue
                raise exc
            written.append(item)
    except (WriteRefused, KeyboardInterrupt) as exc:
        # Stopped midway: say which letters are on disk, so that none is sent
        # twice or forgotten; then the usual message and exit code.
        names = [f"  {clean(item.name)}" for item in written]
        head = (
            f"Lettres écrites dans {clean(str(folder))} avant l'arrêt : "
            f"{len(written)} sur {len(rendered) - len(kept)}"
        )
        sys.stderr.write("\n".join([typeset(head + (" :" if names else ".")), *names]) + "\n")
        if isinstance(exc, WriteRefused):
            common.fail(exc.message)
        raise
    counts = {
        outcome: sum(1 for r in written if r.outcome == outcome)
        for outcome in ("retenue", "a_corriger", "non_retenue")
    }
    detail = (
        f"{counts['retenue']} retenue{'s' if counts['retenue'] > 1 else ''}, "
        f"{counts['a_corriger']} à corriger, "
        f"{counts['non_retenue']} non retenue{'s' if counts['non_retenue'] > 1 else ''}"
    )
    lines = [f"Lettres écrites dans {clean(str(folder))} : {len(written)} ({detail})."]
    if kept:
        lines.append(
            f"{len(kept)} lettre{'s' if len(kept) > 1 else ''} déjà présente"
            f"{'s' if len(kept) > 1 else ''}, gardée{'s' if len(kept) > 1 else ''} telle"
            f"{'s' if len(kept) > 1 else ''} quelle{'s' if len(kept) > 1 else ''} "
            "(--force pour les réécrire) :"
        )
        # One name per line, each escaped on its own: a list stays a list.
        lines += [f"  {clean(name)}" for name in kept]
    sys.stderr.write("\n".join(typeset(line) for line in lines) + "\n")
