"""``decide``: which codes can be accepted, the decisions written, and the verdicts they give.

Pure but for reading the decisions file and hashing the offers named; the
CLI writes the file back (:func:`inet_stages.batch.decisions.record` keeps
her comments).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from inet_stages.batch.check import FileReport, Report
from inet_stages.batch.decisions import read_decisions, record
from inet_stages.calendar import Calendar
from inet_stages.errors import UserError
from inet_stages.season.answers import file_hash
from inet_stages.season.verdicts import LABELS
from inet_stages.text.frdates import format_date


def codes_of(values: Iterable[str]) -> list[str]:
    """The codes of ``--accept`` (repeated, or joined by commas), upper case, each once."""
    return list(dict.fromkeys(c.strip().upper() for v in values for c in v.split(",") if c.strip()))


def code_refusal(path: Path, file: FileReport | None, codes: Sequence[str]) -> str | None:
    """Why ``codes`` cannot be accepted for the offer at ``path`` (French), or None.

    A code is accepted only if the batch raises it for the offer (the
    decisions' own X codes left out).
    """
    raised = (
        set() if file is None else {f.code for f in file.findings if not f.code.startswith("X")}
    )
    unknown = [c for c in codes if c not in raised]
    if not unknown:
        return None
    said = ", ".join(sorted(raised)) or "aucun"
    return (
        f"{path} : {', '.join(unknown)} n'est pas relevé pour cette offre "
        f"(codes relevés : {said}) ; rien n'est écrit."
    )


def recorded(
    book: Path,
    keys: Iterable[tuple[Path, str]],
    *,
    codes: list[str],
    refuse: bool,
    reason: str | None,
    day: date,
) -> str:
    """The text of ``book`` (empty if new) with the decision recorded for each offer, by its key.

    A file she broke is said (file, line), never rewritten. Each offer's hash
    is written, so that a later change of the offer is seen.
    """
    from inet_stages.io import tomlsafe

    text = ""
    if book.exists():
        read_decisions(book)
        text = tomlsafe.decode(str(book), tomlsafe.read_bytes(book))
    default = f"Décision de la coordination du {format_date(day, weekday=False)}"
    for path, key in keys:
        digest = file_hash(path)
        if digest is None:
            raise UserError(f"{path} : offre illisible.")
        text = record(
            text,
            key,
            sha256=digest,
            accept=codes,
            refuse=refuse,
            reason=reason.strip() if reason else None,
            default_reason=default,
        )
    return text


def decided_lines(
    report: Report, calendar: Calendar, book: Path, files: Iterable[Path]
) -> list[str]:
    """« Décision enregistrée… », then each offer's verdict per track, as the batch gives it."""
    wanted = {p.resolve() for p in files}
    lines = [f"Décision enregistrée dans {book}."]
    for file in report.files:
        if Path(file.path).resolve() not in wanted:
            continue
        lines.append(f"{file.path} :")
        for track, verdict in file.verdict.by_track.items():
            cause = f" ({verdict.words})" if verdict.outcome == "non_retenue" else ""
            short = next((t.short for t in calendar.tracks if t.id == track), track)
            lines.append(f"  {short} : {LABELS[verdict.outcome]}{cause}")
        if not file.verdict.by_track:
            lines.append(f"  {LABELS[file.verdict.outcome]}")
    return lines
