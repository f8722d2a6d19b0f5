"""``calendar check`` output: linter lines and a summary, or the JSON document."""

from __future__ import annotations

from inet_stages.calendar.check import CalendarReport
from inet_stages.findings import Finding
from inet_stages.render.validate import finding_line as _styled_line
from inet_stages.text.frdates import plural
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean


def finding_line(path: str, finding: Finding) -> str:
    """``path:line: CODE message [field]``, safe to print (``validate``'s line, unstyled)."""
    return _styled_line(path, finding).plain


def summary_line(report: CalendarReport) -> str:
    """« 0 erreur, 3 avertissements. » with what was checked."""
    year = f" ({report.school_year})" if report.school_year else ""
    counts = f"{plural(report.errors, 'erreur')}, {plural(report.warnings, 'avertissement')}"
    verdict = "utilisable" if report.errors == 0 else "inutilisable en l'état"
    return clean(f"{report.path}{year} : {counts} — {verdict}.")


def check_text(report: CalendarReport) -> str:
    """The whole text report: draft notice, one line per finding, the summary."""
    lines: list[str] = []
    if report.draft:
        lines.append(
            "Note : ce calendrier est un brouillon (draft = true), signalé par chaque\n"
            "commande qui l'utilise. Mettez draft = false une fois les dates confirmées."
        )
    lines += [finding_line(report.path, f) for f in report.findings]
    lines.append(summary_line(report))
    return typeset("\n".join(lines)) + "\n"


def check_json(report: CalendarReport) -> dict[str, object]:
    """The JSON document, shaped like ``validate``'s (docs/reference/calendar.md)."""
    return {
        "version": 1,
        "calendar": report.school_year,
        "path": report.path,
        "draft": report.draft,
        "diagnostics": [f.to_json() for f in report.findings],
        "summary": {
            "valid": report.errors == 0,
            "errors": report.errors,
            "warnings": report.warnings,
        },
    }
