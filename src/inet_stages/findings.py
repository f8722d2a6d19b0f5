"""Findings: what a check says about one place of one file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, kw_only=True)
class Finding:
    """One problem: a stable code, a severity, the key path, the line, a French message."""

    code: str
    severity: Severity
    field: str | None
    message: str
    line: int | None = None

    def to_json(self) -> dict[str, object]:
        """The SPEC shape of a diagnostic."""
        return {
            "code": self.code,
            "severity": self.severity,
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


def count(findings: Iterable[Finding], severity: Severity) -> int:
    """How many of ``findings`` have ``severity`` (the summaries of every linter)."""
    return sum(1 for f in findings if f.severity == severity)
