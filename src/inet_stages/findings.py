"""Findings and the one registry of their codes, for offers and calendars alike.

A :class:`Finding` is what a check says about one place of one file. Every
code that can appear in a finding is a :class:`Code` in :data:`CODES`, with its
severity and its documentation in French (the first line is its meaning; the
rest explains it and ends with an example that a test holds to the real
message). ``inet-stages rules`` lists them all; ``inet-stages rules C201``
explains one.

The registry sits beneath every checker, so that the offer reader, the
calendar reader and the rules all name their codes without importing each
other. Family modules fill it when imported (:mod:`inet_stages.rules` imports
them all).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from inet_stages.io import tomlsafe
from inet_stages.text.frtypo import typeset

Severity = Literal["error", "warning"]

#: Families, in reading order: the letter a code starts with, and its name.
FAMILIES: dict[str, str] = {
    "F": "Fichier (lecture, encodage, TOML)",
    "S": "Structure (clés manquantes, types, clés inconnues)",
    "I": "Identifiants (stage, filières, nature de mission)",
    "D": "Dates (dépôt, fenêtre, durée)",
    "H": "Structure d'accueil",
    "T": "Tuteur ou tutrice",
    "P": "Projets collectifs",
    "W": "Qualité de l'offre et lot de fichiers",
    "X": "Décisions de la coordination (decisions.toml)",
    "C": "Calendrier (structure, cohérence, relecture de l'année suivante)",
}


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One problem: a stable code, a severity, the key path, the line, a French message."""

    code: str
    severity: Severity
    field: str | None
    message: str
    line: int | None = None
    #: The tracks the finding concerns, when it concerns some of the offer's
    #: tracks only (a deadline, a window, a tutor of one track); None: the file.
    tracks: tuple[str, ...] | None = None
    #: True when the coordination accepted it (``decisions.toml``): still
    #: shown, it no longer makes the file invalid.
    accepted: bool = False

    def concerns(self, track: str) -> bool:
        """True when the finding bears on ``track`` (a file-wide finding bears on every one)."""
        return self.tracks is None or track in self.tracks

    @property
    def blocking(self) -> bool:
        """An error that was not accepted: it makes the file (or its tracks) invalid."""
        return self.severity == "error" and not self.accepted

    def to_json(self) -> dict[str, object]:
        """The JSON shape of a diagnostic (calendars' and offers').

        The message is for people, so it is typeset as French here too, like
        every other output of it (the terminal's console does it on print).
        """
        return {
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "line": self.line,
            "message": typeset(self.message),
        }

    def offer_json(self) -> dict[str, object]:
        """An offer's diagnostic: the JSON shape with ``tracks`` and ``accepted`` added."""
        return {
            **self.to_json(),
            "tracks": list(self.tracks) if self.tracks is not None else None,
            "accepted": self.accepted,
        }


def at_key(
    code: str, severity: Severity, key: str, message: str, lines: Mapping[str, int]
) -> Finding:
    """A finding on ``key`` of a file whose keys are located in ``lines`` (line of key or table).

    What the calendar's structure, consistency, bounds and review rules all build.
    """
    return Finding(
        code=code,
        severity=severity,
        field=key or None,
        message=message,
        line=tomlsafe.line_of(lines, key),
    )


def count(findings: Iterable[Finding], severity: Severity) -> int:
    """How many of ``findings`` have ``severity`` (the summaries of every linter)."""
    return sum(1 for f in findings if f.severity == severity)


class Counted:
    """``errors`` and ``warnings`` of a verdict that holds its ``findings`` (a file, a calendar)."""

    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """Number of errors."""
        return count(self.findings, "error")

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return count(self.findings, "warning")


@dataclass(frozen=True, kw_only=True)
class Code:
    """One finding code: its severity and its documentation (French)."""

    code: str
    severity: Severity
    doc: str
    #: For an error: whether a correction of the offer can cure it. A late
    #: deposit, a host of the wrong kind, a population below the threshold, a
    #: track without that internship or a refusal cannot be corrected: the
    #: offer is « non retenue » (:mod:`inet_stages.batch.verdict`), not « à compléter ».
    curable: bool = True

    @property
    def family(self) -> str:
        """The family's name (« Dates (dépôt, fenêtre, durée) »)."""
        return FAMILIES[self.code[0]]

    @property
    def title(self) -> str:
        """The first line of the documentation: what the code means."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def details(self) -> str:
        """The documentation after its first line (explanation and example)."""
        parts = self.doc.split("\n", 1)
        return parts[1].lstrip("\n").rstrip() if len(parts) > 1 else ""


#: Every registered code, by code.
CODES: dict[str, Code] = {}


def register(code: str, severity: Severity, doc: str, *, curable: bool = True) -> Code:
    """Add ``code`` to the registry; a code is registered once and never reused.

    ``curable`` is false for an error no correction of the offer cures (see :attr:`Code.curable`).
    """
    if code in CODES:
        raise ValueError(f"code {code} registered twice")
    if code[:1] not in FAMILIES:
        raise ValueError(f"code {code} has no family")
    entry = Code(code=code, severity=severity, doc=inspect.cleandoc(doc), curable=curable)
    CODES[code] = entry
    return entry


def curable(code: str) -> bool:
    """Whether a correction of the offer cures a finding of ``code`` (unknown codes: yes)."""
    entry = CODES.get(code)
    return entry is None or entry.curable


def finding(code: str, key: str | None, message: str, line: int | None) -> Finding:
    """A finding of ``code``, with the severity the registry gives it."""
    return Finding(
        code=code, severity=CODES[code].severity, field=key or None, message=message, line=line
    )


def sorted_codes(codes: Iterable[Code]) -> list[Code]:
    """Family by family in reading order (F, S, I, D, H, T, P, W, X, C), then by code."""
    order = list(FAMILIES)
    return sorted(codes, key=lambda c: (order.index(c.code[0]), c.code))
