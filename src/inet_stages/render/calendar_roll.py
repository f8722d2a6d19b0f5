"""``calendar roll`` report: what moved, and the dates to review by hand."""

from __future__ import annotations

import re
import textwrap

from inet_stages.calendar.roll import Rolled
from inet_stages.render.calendar_check import finding_line
from inet_stages.text.frdates import format_date
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean


def roll_report(rolled: Rolled, *, source: str, target: str, width: int = 80) -> str:
    """The French report, ``width`` columns wide; ``target`` names the draft (a file or stdout).

    A line wider than ``width`` goes on under its own indent, between two words;
    a key path, one word, is never cut.
    """
    # Paths as typed, one line each (a newline in a name must not forge a line).
    source, target = clean(source), clean(target)
    weeks: dict[int, int] = {}
    for moved in rolled.moved:
        if moved.days % 7 == 0:
            weeks[moved.weeks] = weeks.get(moved.weeks, 0) + 1
    spread = ", ".join(f"{count} de {w} semaines" for w, count in sorted(weeks.items()))
    same = len(rolled.moved) - sum(weeks.values())
    if same:  # the schoolings, which keep their calendar dates
        spread += (", " if spread else "") + f"{same} à la même date"
    lines = [
        f"Brouillon {rolled.target_year} tiré du calendrier {rolled.source_year}"
        + (f" ({source}) :" if source != rolled.source_year else " :"),
        f"  {len(rolled.moved)} dates avancées ({spread or 'aucune'}),",
        f'  school_year = "{rolled.target_year}", draft = true ; commentaires conservés.',
    ]
    if rolled.reviews:
        lines += ["", f"Dates à revoir à la main ({len(rolled.reviews)}) :"]
        for review in rolled.reviews:
            moved = review.moved
            where = f"l. {moved.line}" if moved.line is not None else ""
            lines.append(f"  {where:<7}{moved.field}")
            dates = (
                f"  {'':<7}{format_date(moved.old, weekday=False, short=True)} → "
                f"{format_date(moved.new, short=True)}"
            )
            # The reason goes under the dates when the line would pass the width.
            if len(f"{dates} : {review.reason}") <= width:
                lines.append(f"{dates} : {review.reason}")
            else:
                lines += [f"{dates} :", f"  {'':<7}{review.reason}"]
    else:
        lines += ["", "Aucune date à revoir à la main."]
    if rolled.problems:
        lines += ["", f"Erreurs du brouillon, à corriger ({len(rolled.problems)}) :"]
        lines += [f"  {finding_line(target, p)}" for p in rolled.problems]
    lines += [
        "",
        "À faire aussi : mettre à jour « source » et les commentaires qui citent la",
        f"brochure {rolled.source_year}, puis vérifier le brouillon :",
        f"  inet-stages calendar check {target} --previous {source}",
    ]
    text = typeset(clean("\n".join(lines), keep_newlines=True))
    return "\n".join(wrapped for line in text.split("\n") for wrapped in _fit(line, width)) + "\n"


#: « l. 75  internships.observation.windows.administrateurs.start »: its place and its key
#: stay together on their line, however narrow the terminal.
_KEY_LINE = re.compile(r"^ *(l\. \d+ +)?\S+$")


def _fit(line: str, width: int) -> list[str]:
    """``line`` within ``width``, continued under its indent (typeset: no break at U+00A0)."""
    if len(line) <= width or _KEY_LINE.match(line):
        return [line]
    indent = " " * (len(line) - len(line.lstrip()))
    return textwrap.wrap(
        line.strip(),
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [line]
