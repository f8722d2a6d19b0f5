"""Shapes of a ``validate`` report: linter-style text lines, a summary table, JSON.

The JSON is the one docs/reference/validate.md describes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from rich.table import Table
from rich.text import Text

from inet_stages.batch.check import FileReport, Report
from inet_stages.batch.verdict import OfferVerdict
from inet_stages.findings import Finding
from inet_stages.render.style import new_table
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

_STYLES = {"error": "bold red", "warning": "yellow"}
#: The severity in words: without colour (a log, a screen reader), an error
#: and a warning must still read differently.
_WORDS = {"error": "erreur", "warning": "avertissement"}

#: Tracks by their short labels (the calendar's ``short``), where a line names them.
TRACK_SHORT: Mapping[str, str] = {
    "administrateurs": "Administrateurs",
    "conservateurs": "Conservateurs",
    "ingenieurs": "Ingénieurs",
}


def finding_line(path: str, found: Finding) -> Text:
    """``path:line: CODE (erreur) message [field]`` — every piece from a file escaped."""
    where = f"{path}:{found.line}:" if found.line is not None else f"{path}:"
    line = Text(clean(where) + " ")
    line.append(found.code, style=_STYLES[found.severity])
    if found.accepted:
        line.append(" (acceptée par la coordination)", style="green")
    else:
        line.append(f" ({_WORDS[found.severity]})", style=_STYLES[found.severity])
    line.append(" " + clean(found.message))
    if found.field:
        # A key path is short, unless a hostile file made it so (JSON keeps it whole).
        line.append(f" [{clean(found.field, limit=80)}]", style="dim")
    return line


def verdict_words(verdict: OfferVerdict, labels: Mapping[str, str] = TRACK_SHORT) -> str:
    """« valide », or per track when they differ.

    « valide pour Administrateurs ; hors délai pour Conservateurs ».
    """
    if verdict.uniform:
        return verdict.whole.words
    said: dict[str, list[str]] = {}
    for track, judged in verdict.by_track.items():
        said.setdefault(judged.words, []).append(clean(labels.get(track, track)))
    return " ; ".join(f"{words} pour {', '.join(names)}" for words, names in said.items())


_VERDICT_STYLES = {
    "retenue": "green",
    "retenue_sous_reserve": "yellow",
    "a_completer": "bold red",
    "non_retenue": "bold red",
}


def verdict_line(report: FileReport, labels: Mapping[str, str] = TRACK_SHORT) -> Text:
    """``path: valide`` — the file's verdict, per track when the tracks differ."""
    verdict = report.verdict
    return Text(
        f"{clean(report.path)}: {verdict_words(verdict, labels)}",
        style=_VERDICT_STYLES[verdict.outcome],
    )


def file_block(report: FileReport, labels: Mapping[str, str] = TRACK_SHORT) -> Text:
    """The lines of one file, then its verdict line (one line alone when nothing is found)."""
    if not report.findings:
        return verdict_line(report, labels)
    lines = [finding_line(report.path, f) for f in report.findings]
    return Text("\n").join([*lines, verdict_line(report, labels)])


def summary_table(report: Report) -> Table:
    """Files, valid, invalid, errors, warnings."""
    # Padded at the edges, as this table always was.
    table = new_table(title="Bilan de la vérification", pad_edge=True)
    for header in ("Fichiers", "Valides", "Invalides", "Erreurs", "Avertissements"):
        table.add_column(header, justify="right")
    table.add_row(
        str(len(report.files)),
        Text(str(report.valid), style="green" if report.valid else ""),
        Text(str(report.invalid), style="bold red" if report.invalid else ""),
        Text(str(report.errors), style="bold red" if report.errors else ""),
        Text(str(report.warnings), style="yellow" if report.warnings else ""),
    )
    return table


def decision_lines(report: Report) -> list[Text]:
    """The findings on the decisions files themselves (a decision whose offer is gone)."""
    lines = [finding_line(path, found) for path, found in report.decision_notes]
    return [*lines, Text()] if lines else []


def file_blocks(report: Report) -> list[Text]:
    """Each file's block (printed without wrapping: one finding, one line)."""
    if not report.files:
        return [Text("Aucun fichier .toml à vérifier.")]
    return [file_block(file_report) for file_report in report.files]


@functools.cache
def _why(text: str) -> str | None:
    """The promotion's reason typeset, once per reason (a batch repeats a handful)."""
    return typeset(text) if text else None


def verdict_json(report: FileReport) -> dict[str, Any]:
    """A file's verdict keys (added to the first shape): outcome per track, promotion, decision."""
    verdict = report.verdict
    decision = report.decision
    return {
        "outcome": verdict.outcome,
        "outcomes": {t: v.outcome for t, v in verdict.by_track.items()},
        "promotion_reason": report.promotion_reason,
        "promotion_why": _why(report.promotion_why),
        "decision": (
            None
            if decision is None
            else {
                "source": decision.source,
                "accepted": list(decision.accepted),
                "refused": decision.refused,
                "reason": decision.reason,
                "stale": decision.stale,
            }
        ),
    }


def report_json(report: Report) -> dict[str, Any]:
    """``validate``'s JSON shape, version 1 (exact text, no escaping)."""
    return {
        "version": 1,
        "calendar": report.school_year,
        "today": report.today.isoformat(),
        "files": [
            {
                "path": f.path,
                "valid": f.valid,
                "internship": f.internship,
                "tracks": list(f.tracks) if f.tracks is not None else None,
                "calendar": f.calendar,
                # Validity per track: an offer may be valid for one and not another.
                "valid_tracks": list(f.valid_tracks),
                **verdict_json(f),
                "diagnostics": [found.offer_json() for found in f.findings],
            }
            for f in report.files
        ],
        "summary": {
            "files": len(report.files),
            "valid": report.valid,
            "invalid": report.invalid,
            "errors": report.errors,
            "warnings": report.warnings,
            "accepted": report.accepted,
        },
        # Findings on the decisions files (a decision whose offer is gone).
        "decisions": [
            {"path": path, **found.offer_json()} for path, found in report.decision_notes
        ],
    }
