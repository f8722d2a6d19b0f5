"""Shapes of an ``import`` result: per source, a table row → file → verdict, details, JSON.

Returns Rich renderables and plain data; never prints. Every piece of text
that came from a file (headers, cells, names) is escaped with
:func:`inet_stages.text.textsafe.clean` here; JSON keeps the exact text.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from rich.console import RenderableType
from rich.text import Text

from inet_stages.intake.rows import ImportResult, RowOutcome, SourceOutcome
from inet_stages.render.validate import finding_line
from inet_stages.text.frdates import plural
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

_STATUS_STYLE = {
    "valid": "green",
    "invalid": "bold red",
    "rejected": "bold red",
    "not_written": "bold red",
}


def verdict(row: RowOutcome) -> str:
    """« valide », « invalide (2 erreurs) », « refusée : … », « non écrite : … »."""
    match row.status:
        case "valid":
            warnings = row.report.warnings if row.report else 0
            return f"valide ({plural(warnings, 'avertissement')})" if warnings else "valide"
        case "invalid":
            errors = row.report.errors if row.report else 0
            return f"invalide ({plural(errors, 'erreur')})"
        case "rejected":
            return "refusée (cellule illisible)"
        case _:
            return "non écrite"


def source_header(source: SourceOutcome) -> Text:
    """« offres.xlsx : 3 lignes ; colonnes ignorées : « Horodateur » (non reconnue) »."""
    text = Text(clean(source.path), style="bold")
    text.append(f"\u00a0: {plural(source.rows, 'ligne')} d'offre")
    if source.sender or source.received:
        sender = clean(source.sender) if source.sender else "expéditeur inconnu"
        day = _french_day(source.received)
        text.append(f"\nReçu par e-mail de {sender}" + (f" le {day}" if day else ""))
    if source.held:
        text.append(f"\n{clean(source.held)[:1].upper()}{clean(source.held)[1:]}.", style="red")
    if source.ignored:
        shown = " ; ".join(f"« {clean(h, limit=60)} » ({clean(why)})" for h, why in source.ignored)
        text.append(f"\nColonnes ignorées\u00a0: {shown}")
    return text


def _french_day(iso: str | None) -> str | None:
    if not iso:
        return None
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}"


def mails_without_offer(result: ImportResult) -> list[Text]:
    """E-mails that carried no usable attachment: file, sender, subject, what they held."""
    lines: list[Text] = []
    for mail in result.mails:
        if mail.usable or mail.error is not None:
            continue
        sender = clean(mail.sender) if mail.sender else "expéditeur inconnu"
        subject = f"« {clean(mail.subject, limit=80)} »" if mail.subject else "(sans objet)"
        line = Text(f"{clean(mail.path)}\u00a0: aucune pièce jointe à importer — de {sender}, ")
        line.append(f"objet {subject}")
        day = _french_day(mail.received)
        if day:
            line.append(f", le {day}")
        if mail.skipped:
            shown = " ; ".join(
                f"{clean(name, limit=60)} ({clean(why)})" for name, why in mail.skipped
            )
            line.append(f". Pièces jointes laissées de côté\u00a0: {shown}")
        line.append(".")
        lines.append(line)
    return lines


def rows_table(result: ImportResult, source: SourceOutcome) -> Text:
    """Row → file → verdict for one source, as aligned columns of plain text.

    Not a Rich table: at 80 columns Rich would fold or cut a long file name,
    and the file name is what the coordinator then opens. Each row is one line
    (printed with soft wrap); file names only, the folder is in the summary.
    """
    rows = [row for row in result.rows if row.source == source.path]
    names = [clean(PurePath(row.file).name) if row.file else "—" for row in rows]
    numbers = [str(row.row) for row in rows]
    first = max([len("Ligne"), *map(len, numbers)])
    second = max([len("Fichier"), *map(len, names)])
    text = Text(f"{'Ligne':>{first}}  {'Fichier':<{second}}  Verdict", style="bold")
    for row, number, name in zip(rows, numbers, names, strict=True):
        text.append(f"\n{number:>{first}}  {name:<{second}}  ")
        text.append(verdict(row), style=_STATUS_STYLE.get(row.status, ""))
    return text


def details(result: ImportResult) -> list[Text]:
    """What needs a look: unreadable cells, files not written, the validator's findings, notes."""
    lines: list[Text] = []
    for row in result.rows:
        where = f"{clean(row.source)}, ligne {row.row}"
        for problem in row.problems:
            column = f", colonne « {clean(problem.column)} »" if problem.column else ""
            lines.append(Text(f"{where}{column}\u00a0: {clean(problem.message)}", style="red"))
        if row.reason:
            lines.append(Text(f"{where}\u00a0: {clean(row.reason)}", style="red"))
        for note in row.notes:
            lines.append(Text(f"{where}\u00a0: {clean(note)}.", style="dim"))
        if row.report is not None:
            lines.extend(finding_line(row.report.path, f) for f in row.report.findings)
    return lines


def summary(result: ImportResult) -> Text:
    """One line of counts."""
    rows = len(result.rows)
    written = result.count("valid") + result.count("invalid")
    return Text(
        f"Bilan\u00a0: {plural(rows, 'ligne')}, {plural(written, 'offre')} "
        f"écrite{'s' if written > 1 else ''} dans {clean(result.output)} "
        f"({result.count('valid')} valide{'s' if result.count('valid') > 1 else ''}, "
        f"{result.count('invalid')} invalide{'s' if result.count('invalid') > 1 else ''}), "
        f"{result.count('rejected')} refusée{'s' if result.count('rejected') > 1 else ''}, "
        f"{result.count('not_written')} non écrite{'s' if result.count('not_written') > 1 else ''}."
    )


def render_text(result: ImportResult) -> list[RenderableType]:
    """Everything for a person, in reading order."""
    parts: list[RenderableType] = []
    for source in result.sources:
        if source.error is not None:
            continue
        parts += [source_header(source), rows_table(result, source), Text("")]
    skipped = [
        Text(
            f"{clean(m.path)}\u00a0: pièce jointe {clean(name, limit=60)} laissée de côté "
            f"({clean(why)}).",
            style="dim",
        )
        for m in result.mails
        if m.usable
        for name, why in m.skipped
    ]
    found = mails_without_offer(result) + skipped + details(result)
    if found:
        parts += [Text("\n").join(found), Text("")]
    parts.append(summary(result))
    return parts


def result_json(result: ImportResult) -> dict[str, Any]:
    """The ``import`` JSON document, version 1 (see docs/guide/formulaire-et-import.md)."""
    return {
        "version": 1,
        "calendar": result.school_year,
        "today": result.today.isoformat(),
        "output": result.output,
        "sources": [
            {
                "path": s.path,
                "readable": s.error is None,
                "error": typeset(s.error) if s.error else s.error,
                "rows": s.rows,
                "columns": dict(s.columns or {}),
                "ignored_columns": [{"header": h, "reason": typeset(why)} for h, why in s.ignored],
                "sender": s.sender,
                "received": s.received,
                "missing_columns": list(s.missing.keys) if s.missing else [],
                "proposals": [
                    {"header": p.header, "nearest": p.nearest, "field": p.key}
                    for p in (s.missing.proposals if s.missing else ())
                ],
                "mapping_lines": list(s.missing.mapping_lines) if s.missing else [],
                "held": typeset(s.held) if s.held else None,
            }
            for s in result.sources
        ],
        "mails": [
            {
                "path": m.path,
                "sender": m.sender,
                "subject": m.subject,
                "received": m.received,
                "imported": list(m.imported),
                "skipped": [{"attachment": n, "reason": typeset(why)} for n, why in m.skipped],
                "error": typeset(m.error) if m.error else None,
            }
            for m in result.mails
        ],
        "rows": [_row_json(row) for row in result.rows],
        "summary": {
            "rows": len(result.rows),
            "written": result.count("valid") + result.count("invalid"),
            "valid": result.count("valid"),
            "invalid": result.count("invalid"),
            "rejected": result.count("rejected"),
            "not_written": result.count("not_written"),
            "unreadable_sources": result.unreadable,
        },
    }


def _row_json(row: RowOutcome) -> dict[str, Any]:
    report = row.report
    return {
        "source": row.source,
        "row": row.row,
        "file": row.file,
        "status": row.status,
        "valid": row.status == "valid",
        "internship": report.internship if report else None,
        "tracks": list(report.tracks) if report and report.tracks else None,
        "problems": [
            {"column": p.column, "field": p.key, "message": typeset(p.message)}
            for p in row.problems
        ],
        "reason": typeset(row.reason) if row.reason else row.reason,
        "notes": [typeset(note) for note in row.notes],
        "diagnostics": [f.to_json() for f in (report.findings if report else ())],
    }
