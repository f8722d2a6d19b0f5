"""``report --letters``: the letters rendered before any output, then written incrementally.

The rendering (:mod:`inet_stages.report.letters`) happens first, so that a
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
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.batch.check import Report
    from inet_stages.batch.verdict import Outcome as Verdict
    from inet_stages.calendar import Calendar
    from inet_stages.report.letters import LetterFormat, LetterOutcome


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """One letter ready to write, and what ``report`` says of it."""

    name: str
    outcome: LetterOutcome
    content: bytes
    files: tuple[str, ...] = ()
    to: str | None = None
    problem: str | None = None
    reference: str = ""
    outcomes: Mapping[str, Verdict] = field(default_factory=dict)

    def as_json(self, folder: Path) -> dict[str, object]:
        """The ``letters`` item of ``report --format json`` (SPEC « JSON shapes »)."""
        return {
            "path": str(folder / self.name),
            "files": list(self.files),
            "to": self.to,
            "outcomes": dict(self.outcomes),
            "reference": self.reference,
            "problem": self.problem,
        }


def draft_time(day: date, today_given: bool) -> datetime:
    """The ``Date`` of the drafts: now, or 9:00 UTC on ``--today`` (reproducible files)."""
    if today_given:
        return datetime.combine(day, time(9, 0), tzinfo=UTC)
    return datetime.now().astimezone()


#: Hex digits of a file's SHA-256 in a letter's reference: enough to tell a change, short
#: enough for three copies in one header line.
DIGEST_CHARS = 16


def _digest(path: str) -> str:
    """The start of the SHA-256 of the offer file as answered, "" when it cannot be read."""
    import hashlib

    from inet_stages.io.tomlsafe import TomlInputError, read_bytes

    try:
        return hashlib.sha256(read_bytes(Path(path))).hexdigest()[:DIGEST_CHARS]
    except TomlInputError:
        return ""


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
        for planned in plan(report, names):
            letter = replace(planned, digests=tuple(_digest(f.path) for f in planned.files))
            body, context = render(
                calendar,
                letter,
                today=day,
                own=own,
                markdown=letters_format == "md",
                texts=texts,
                env=env,
            )
            lost: list[str] = []
            if letters_format == "eml":
                content = to_email(calendar, letter, body, context, when, problems=lost)
            else:
                content = body.encode("utf-8")
            rendered.append(
                Rendered(
                    name=f"{letter.name}.{letters_format}",
                    outcome=letter.outcome,
                    content=content,
                    files=tuple(f.path for f in letter.files),
                    # A header the draft could not carry: listed « sans destinataire ».
                    to=None if lost else letter.to,
                    problem=letter.problem or "; ".join(lost) or None,
                    reference=letter.reference,
                    outcomes=dict(letter.outcomes),
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
    linked: list[WriteRefused] = []
    try:
        for item in rendered:
            target = folder / item.name
            try:
                # Exclusive without --force (no exists() first): of two runs
                # writing into one folder, each letter is written by one only.
                write_atomic(target, item.content, force=force)
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
    lines = [f"Lettres écrites dans {clean(str(folder))} : {len(written)}{_detail(written)}."]
    lines += [f"  {clean(item.name)} : {clean(item.reference)}" for item in written]
    if kept:
        lines.append(
            f"{len(kept)} lettre{'s' if len(kept) > 1 else ''} déjà présente"
            f"{'s' if len(kept) > 1 else ''}, gardée{'s' if len(kept) > 1 else ''} telle"
            f"{'s' if len(kept) > 1 else ''} quelle{'s' if len(kept) > 1 else ''} "
            "(--force pour les réécrire) :"
        )
        # One name per line, each escaped on its own: a list stays a list.
        lines += [f"  {clean(name)}" for name in kept]
    lost = [item for item in written if item.problem]
    if lost:
        lines.append(
            f"{len(lost)} lettre{'s' if len(lost) > 1 else ''} sans destinataire "
            "(à compléter avant l'envoi) :"
        )
        lines += [
            f"  {clean(item.name)} ({clean(', '.join(item.files))}) : {clean(item.problem or '')}"
            for item in lost
        ]
    sys.stderr.write("\n".join(typeset(line) for line in lines) + "\n")
    if linked:
        common.fail_all([refusal.message for refusal in linked])


#: The summary's words for each outcome, singular and plural.
_WORDS = (
    ("retenue", "retenue", "retenues"),
    ("retenue_sous_reserve", "retenue sous réserve", "retenues sous réserve"),
    ("a_completer", "à compléter", "à compléter"),
    ("non_retenue", "non retenue", "non retenues"),
    ("mixte", "différente selon la filière", "différentes selon la filière"),
)


def _detail(written: list[Rendered]) -> str:
    """« (2 retenues, 1 à compléter) »: the outcomes that occur, in the verdicts' order."""
    parts = []
    for outcome, one, many in _WORDS:
        count = sum(1 for r in written if r.outcome == outcome)
        if count:
            parts.append(f"{count} {one if count == 1 else many}")
    return f" ({', '.join(parts)})" if parts else ""
