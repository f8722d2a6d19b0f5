"""Dates, durations and counts written the French way: « lun. 30 mars 2026 », « 3 offres ».

And dates read as people type them, day first (« 10/02/2026 »): an offer's value by
:func:`read_date` (the other order only as a proposal), ``--today`` by :func:`parse_day`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from inet_stages.text.frtypo import NBSP

WEEKDAYS_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_SHORT = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)


def day_number(day: date) -> str:
    """``1er`` for the first of the month, else the plain number (French usage)."""
    return "1er" if day.day == 1 else str(day.day)


def format_date(day: date, *, weekday: bool = True, short: bool = False) -> str:
    """« lun. 30 mars 2026 », « 30 mars 2026 » without the weekday, « 24 nov. 2025 » short."""
    month = (MONTHS_SHORT if short else MONTHS)[day.month - 1]
    text = f"{day_number(day)} {month} {day.year}"
    return f"{WEEKDAYS_SHORT[day.weekday()]} {text}" if weekday else text


def format_range(start: date, end: date) -> str:
    """« 1er au 19 juin 2026 », « 26 mai au 10 juillet 2026 », across years in full."""
    if start.year != end.year:
        return f"{format_date(start, weekday=False)} au {format_date(end, weekday=False)}"
    if start.month != end.month:
        return f"{day_number(start)} {MONTHS[start.month - 1]} au {format_date(end, weekday=False)}"
    return f"{day_number(start)} au {format_date(end, weekday=False)}"


def format_periods(periods: Sequence[tuple[date, date]]) -> str:
    """A window as the brochure writes it: « du 1er au 19 juin 2026 », alternatives merged.

    Two periods one day apart in the same months read « du 30 ou 31 mars au
    17 ou 18 avril 2026 » (conservateurs' observation); others are joined by
    « ou ». Never a Saturday or a day the brochure does not print.
    """
    if not periods:
        return ""
    starts = list(dict.fromkeys(p[0] for p in periods))
    ends = list(dict.fromkeys(p[1] for p in periods))
    years = {d.year for d in starts + ends}
    if (
        len(periods) > 1
        and len(years) == 1
        and len({d.month for d in starts}) == 1
        and len({d.month for d in ends}) == 1
    ):
        first = " ou ".join(day_number(d) for d in starts)
        last = " ou ".join(day_number(d) for d in ends)
        if starts[0].month == ends[0].month:
            return f"du {first} au {last} {MONTHS[ends[0].month - 1]} {ends[0].year}"
        return (
            f"du {first} {MONTHS[starts[0].month - 1]} au {last} "
            f"{MONTHS[ends[0].month - 1]} {ends[0].year}"
        )
    return " ou ".join(f"du {format_range(start, end)}" for start, end in periods)


def format_weeks(count: int) -> str:
    """« 1 semaine », « 3 semaines »."""
    return f"{count} semaine" if count == 1 else f"{count} semaines"


def format_days_left(days: int) -> str:
    """« aujourd'hui », « demain », « dans 12 jours », « il y a 3 jours »."""
    if days == 0:
        return "aujourd'hui"
    if days == 1:
        return "demain"
    if days == -1:
        return "hier"
    if days > 0:
        return f"dans {days} jours"
    return f"il y a {-days} jours"


def weeks_touched(start: date, end: date) -> int:
    """Calendar weeks (Monday to Sunday) that ``start``..``end`` touches.

    docs/calendar-format.md: 26 May–10 July 2026 is 7 weeks although it starts on a Tuesday.
    """
    first_monday = start - timedelta(days=start.weekday())
    last_monday = end - timedelta(days=end.weekday())
    return (last_monday - first_monday).days // 7 + 1


def format_number(number: int) -> str:
    """« 40 000 »: thousands grouped the French way, by a non-breaking space (U+00A0).

    The one way the tool groups digits. The space is the one
    :func:`~inet_stages.text.frtypo.typeset` puts there, so a text typeset later
    reads the same, and one that is not (a workbook's cell) never breaks a number
    across two lines.
    """
    return f"{number:,}".replace(",", NBSP)


def plural(count: int, word: str) -> str:
    """« 1 brouillon », « 3 brouillons », « 2 retenues sous réserve », « 2 à compléter ».

    French puts the plural from 2 on (« 0 offre », « 1 offre »). Only what
    comes before « sous » agrees; a phrase that starts with « à » is invariable.
    """
    if count <= 1 or word.startswith("à "):
        return f"{count} {word}"
    head, _, tail = word.partition(" sous")
    return f"{count} {head}s" + (f" sous{tail}" if tail else "")


# --- Reading -----------------------------------------------------------------------

_FRENCH = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_iso_date(text: str) -> bool:
    """``2026-02-10``: an ISO date, as TOML and the offer format write it."""
    if not _ISO.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateReading:
    """How a typed date can be read: ``kind`` is ``french`` (day first, the
    French order: certain), ``loose`` (year first, a zero or dash missing:
    certain) or ``other`` (readable only in another order: a proposal)."""

    kind: str
    value: date


def read_date(typed: str) -> DateReading | None:
    """The date ``typed`` means, when it is not ISO but has one reading; else None.

    ``10/02/2026`` and ``3.4.2026`` are day first (French order, the convention
    of the people who write offers); ``2026-1-28`` and ``2026/01/28`` are ISO
    written loosely. A text readable only the other way (``02/28/2026``
    month first, ``2026-28-01`` day before month) is an ``other`` reading: a
    proposal, never applied without asking.
    """
    text = typed.strip()
    french = _FRENCH.fullmatch(text)
    if french:
        day, month, year = int(french.group(1)), int(french.group(3)), int(french.group(4))
        if len(french.group(4)) == 2:
            # 10/02/26: offers are of this century; the year has one reading.
            year += 2000
        found = _day(year, month, day)
        if found is not None:
            return DateReading("french", found)
        swapped = _day(year, day, month)
        return DateReading("other", swapped) if swapped else None
    first = _YEAR_FIRST.fullmatch(text)
    if first:
        year, month, day = int(first.group(1)), int(first.group(3)), int(first.group(4))
        found = _day(year, month, day)
        if found is not None:
            return None if _ISO.fullmatch(text) else DateReading("loose", found)
        swapped = _day(year, day, month)
        return DateReading("other", swapped) if swapped else None
    return None


_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_day(text: str) -> tuple[date, bool]:
    """A typed day, and whether it was in the French order (``JJ/MM/AAAA``, also ``.`` or
    ``-``) rather than ``AAAA-MM-JJ``.

    Raises ``ValueError`` for anything else, or a day that does not exist.
    """
    text = text.strip()
    if len(text) == 10 and text[4] == "-":
        return date.fromisoformat(text), False
    match = _DAY_FIRST.fullmatch(text)
    if match is None:
        raise ValueError(text)
    return date(int(match.group(3)), int(match.group(2)), int(match.group(1))), True
