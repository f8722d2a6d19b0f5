"""Shapes of ``inet-stages fix``: the corrections made or to make, what is left, the summary.

Each function returns lines of text (file names and offer text cleaned for
the terminal); none prints.
"""

from __future__ import annotations

from collections.abc import Sequence

from inet_stages.offer.fix import Change
from inet_stages.text.frdates import format_number
from inet_stages.text.textsafe import clean

#: Changes listed one by one per file; beyond, one line counts the rest.
SHOWN = 50


def change_lines(name: str, changes: Sequence[Change], label: str) -> list[str]:
    """« offre.toml:12: corrigé : … [clé] », a line per change (at most :data:`SHOWN`)."""
    lines = []
    for change in changes[:SHOWN]:
        where = f"{name}:{change.line}:" if change.line else f"{name}:"
        key = f" [{clean(change.key, limit=80)}]" if change.key else ""
        lines.append(f"{where} {label} : {clean(change.what)}{key}")
    if len(changes) > SHOWN:
        rest = format_number(len(changes) - SHOWN)
        lines.append(f"{name}: {label} : {rest} autres, non détaillés.")
    return lines


def count_line(name: str, count: int, *, diff: bool, written: bool) -> str:
    """How many corrections the file gets, and whether they were written."""
    if not count:
        return f"{name}: aucune correction sûre à faire."
    plural = "s" if count > 1 else ""
    if diff:
        done = "à faire (--diff : rien n'est écrit)"
    elif not written:
        done = f"à faire, non écrite{plural} (le fichier n'a pas pu être réécrit)"
    else:
        done = f"écrite{plural}"
    return f"{name}: {count} correction{plural} {done}."


def summary_line(total: int, *, diff: bool) -> str:
    """« Bilan : 3 corrections faites. », for a batch of several files."""
    plural = "s" if total > 1 else ""
    verb = f"proposée{plural} (rien n'est écrit)" if diff else f"faite{plural}"
    return f"Bilan : {total} correction{plural} {verb}."
