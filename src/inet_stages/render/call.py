"""Shapes of a ``call`` summary: who gets which draft, who is left out and why, rows refused.

Plain text lines (one per contact, never folded: the file name is what the
coordinator opens next) and CSV; the JSON is :func:`inet_stages.call.drafts.summary_json`.
Text from the contacts file is escaped with :func:`inet_stages.text.textsafe.clean`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import PurePath
from typing import Any

from inet_stages.render.csv import write_table
from inet_stages.text.frdates import format_date, plural
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean


def summary_text(document: Mapping[str, Any], folder: str, labels: Mapping[str, str]) -> str:
    """The summary for people, French, typeset: one block per draft, one line per contact left out.

    ``labels`` names each internship id in French (the calendar's short labels).
    """
    drafts = document["drafts"]
    written = sum(1 for d in drafts if d["written"])
    kept = len(drafts) - written
    detail = plural(written, "écrit")
    if kept:
        s = "s" if kept > 1 else ""
        detail += f", {kept} déjà présent{s}, gardé{s} tel{s} quel{s} (--force pour les réécrire)"
    what = "Relances" if document["mode"] == "relance" else "Appel à offres"
    lines = [f"{what} : {plural(len(drafts), 'brouillon')} dans {clean(folder)} ({detail})."]
    for draft in drafts:
        mark = "" if draft["written"] else " (gardé)"
        stages = ", ".join(labels.get(i, i) for i in draft["internships"])
        dates = ", ".join(
            format_date(date.fromisoformat(d), weekday=False, short=True)
            for d in draft["deadlines"]
        )
        lines += [
            f"  {clean(PurePath(draft['path']).name)}{mark}",
            f"    {_who(draft)}",
            f"    {stages}",
        ]
        if dates:
            lines.append(f"    dates limites : {dates}")
    left_out = document["left_out"]
    if left_out:
        lines.append(f"Sans brouillon : {len(left_out)}")
        lines += [f"  {_who(o)} : {clean(o['reason'])}" for o in left_out]
    rejected = document["rows_rejected"]
    if rejected:
        # One row can have several problems: count the rows, list the problems.
        rows = len({r["row"] for r in rejected})
        lines.append(f"Lignes refusées : {rows}" if rows > 1 else "Ligne refusée : 1")
        lines += [
            f"  ligne {r['row']}, colonne « {clean(r['column'])} » : {clean(r['message'])}"
            for r in rejected
        ]
    return "\n".join(typeset(line) for line in lines) + "\n"


def _who(item: Mapping[str, Any]) -> str:
    """« Ville de Mulhouse, Camille Martin <camille.martin@…> »."""
    name = item["contact"] if item["contact"] != item["organisation"] else ""
    who = clean(item["organisation"]) + (f", {clean(name)}" if name else "")
    return f"{who} <{clean(item['email'])}>"


#: Columns of the summary, named for people (the default) …
HEADER = (
    "Statut",
    "Contact",
    "Structure",
    "Courriel",
    "Fichier",
    "Stages",
    "Dates limites",
    "Raison",
    "Ligne",
    "Colonne",
)
#: … and by stable identifiers (``--header ids``), for a script.
HEADER_IDS = (
    "status",
    "contact",
    "organisation",
    "email",
    "path",
    "internships",
    "deadlines",
    "reason",
    "row",
    "column",
)


def _cell(text: str) -> str:
    # A leading formula character (after spaces) would be evaluated by a spreadsheet.
    if text.lstrip(" \u00a0")[:1] in ("=", "+", "-", "@"):
        return "'" + text
    return text


def summary_csv(document: Mapping[str, Any], *, header: str = "fr") -> bytes:
    """One line per draft, contact left out and row refused; UTF-8 with a BOM, ``;``.

    ``header``: ``fr`` (French column names) or ``ids``.
    """
    rows: list[list[str]] = []
    for d in document["drafts"]:
        rows.append(
            [
                "brouillon" if d["written"] else "gardé",
                _cell(d["contact"]),
                _cell(d["organisation"]),
                _cell(d["email"]),
                _cell(d["path"]),
                " ".join(d["internships"]),
                " ".join(d["deadlines"]),
                "",
                "",
                "",
            ]
        )
    for o in document["left_out"]:
        rows.append(
            [
                "écarté",
                _cell(o["contact"]),
                _cell(o["organisation"]),
                _cell(o["email"]),
                "",
                "",
                "",
                _cell(typeset(o["reason"])),
                "",
                "",
            ]
        )
    for r in document["rows_rejected"]:
        rows.append(
            [
                "refusé",
                "",
                "",
                "",
                "",
                "",
                "",
                _cell(typeset(r["message"])),
                str(r["row"]),
                _cell(r["column"]),
            ]
        )
    return write_table(HEADER_IDS if header == "ids" else HEADER, rows)


def rejected_rows(problems: Sequence[Any]) -> list[dict[str, Any]]:
    """The rows refused, as the JSON wants them."""
    return [{"row": p.row, "column": p.column, "message": typeset(p.message)} for p in problems]
