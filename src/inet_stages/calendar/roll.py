"""``calendar roll``: a draft of next year's calendar from this year's.

Each date lands where the coordinator would put it by hand:

- a schooling period keeps its calendar dates (1 February → 1 February,
  31 July → 31 July): the school's year starts and ends on set dates;
- every other date keeps its weekday, on the day of that weekday nearest to
  the same calendar date one year later (a Monday start stays a Monday, at
  most three days from its date: 52 weeks, or 53 when that is nearer);
- a window's start, end and alternatives move together, so that it keeps its
  number of weeks.

The file is edited with tomlkit, which keeps the coordinator's comments and
layout; only the dates, ``school_year`` and ``draft`` change. The report
lists the dates a person should look at: those now on a public holiday,
those moved more than three days from the same calendar date, and the offer
deadlines already past on the day of the roll.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from inet_stages.calendar.check import public_holiday
from inet_stages.calendar.model import parse_school_year
from inet_stages.calendar.reader import read_calendar
from inet_stages.errors import UserError
from inet_stages.findings import Finding
from inet_stages.io import tomlsafe
from inet_stages.text.frdates import format_date

#: A date moved farther than this from its calendar date is listed for review.
REVIEW_DAYS = 3

_SCHOOLING_DATE = re.compile(r"^tracks\.[^.]+\.schooling\.(start|end)$")
_WINDOW_DATE = re.compile(r"^(internships\.[^.]+\.windows\.[^.]+)\.(start|end|alternatives\[)")
_DATE_KEYS = ("start", "end", "offers_deadline")


class RollError(UserError):
    """A roll that cannot be done; ``message`` is French."""


@dataclass(frozen=True, kw_only=True)
class Moved:
    """One date of the file, before and after."""

    field: str
    old: date
    new: date
    line: int | None = None

    @property
    def days(self) -> int:
        """Days moved (a multiple of 7)."""
        return (self.new - self.old).days

    @property
    def weeks(self) -> int:
        """Weeks moved."""
        return self.days // 7


@dataclass(frozen=True, kw_only=True)
class Review:
    """A rolled date to check by hand, and why."""

    moved: Moved
    reason: str


@dataclass(frozen=True, kw_only=True)
class Rolled:
    """The draft's text and what the coordinator should know about it."""

    text: str
    source_year: str
    target_year: str
    moved: tuple[Moved, ...]
    reviews: tuple[Review, ...]
    #: Errors of the draft itself (a window now outside its schooling…), if any.
    problems: tuple[Finding, ...]


def same_day(day: date, years: int) -> date:
    """The same calendar date ``years`` later (29 February → 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _place(day: date) -> tuple[int, int]:
    """Month and rank of the weekday in it (0 for the first Monday, Tuesday…)."""
    return day.month, (day.day - 1) // 7


def shift_for(days: list[date], years: int) -> int:
    """Days to move a group of dates that move together: the whole number of weeks
    that lands them nearest to their same calendar dates ``years`` later."""
    first = days[0]
    delta = (same_day(first, years) - first).days
    low = 7 * (delta // 7)
    high = low + 7

    def drift(shift: int) -> tuple[int, int]:
        # Nearest to the same calendar dates first; on a tie, the place in the
        # month (« 1er lundi de juin ») decides.
        far = sum(abs((d + timedelta(days=shift) - same_day(d, years)).days) for d in days)
        kept = sum(_place(d + timedelta(days=shift)) == _place(d) for d in days)
        return far, -kept

    return high if drift(high) < drift(low) else low


def _walk(node: Any, path: str) -> Iterator[tuple[str, Any, str | int, date]]:
    """(dotted path, parent, key, date) of every date in the document."""
    if isinstance(node, Mapping):
        for key, value in node.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(value, datetime):
                continue  # not a calendar date; the loader refuses it anyway
            if isinstance(value, date):
                yield child, node, key, value
            elif isinstance(value, str) and key in _DATE_KEYS and len(value) == 10:
                try:
                    yield child, node, key, date.fromisoformat(value)
                except ValueError:
                    continue
            else:
                yield from _walk(value, child)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, f"{path}[{index}]")


def _group(path: str) -> str:
    """Dates of one window move together; every other date alone."""
    match = _WINDOW_DATE.match(path)
    return match.group(1) if match else path


def _keep_padding(original: str, edited: str) -> str:
    """``edited`` with the blanks tomlkit drops (``{ a = 1 }`` → ``{ a = 1}``) put back.

    Only whitespace that tomlkit deleted is restored; every other change stays.
    """
    old_lines = original.splitlines(keepends=True)
    new_lines = edited.splitlines(keepends=True)
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            for old, new in zip(old_lines[i1:i2], new_lines[j1:j2], strict=True):
                out.append(_merge_line(old, new))
        elif tag == "equal":
            out.extend(old_lines[i1:i2])
        else:
            out.extend(new_lines[j1:j2])
    return "".join(out)


def _merge_line(old: str, new: str) -> str:
    """The old line's blanks around the new line's characters, when only blanks differ.

    Dates keep their length (``2026-02-01`` → ``2027-02-07``), so a line where
    only dates changed has as many non-blank characters before and after.
    """
    old_marks = [c for c in old if not c.isspace()]
    new_marks = iter([c for c in new if not c.isspace()])
    if len(old_marks) != len(new) - sum(c.isspace() for c in new):
        return new
    return "".join(c if c.isspace() else next(new_marks) for c in old)


def _replace(parent: Any, key: str | int, old: Any, new: date) -> None:
    import tomlkit

    if isinstance(old, str):
        parent[key] = new.isoformat()
        return
    item = tomlkit.item(new)
    trivia = getattr(old, "trivia", None)
    if trivia is not None:
        item.trivia.comment_ws = trivia.comment_ws
        item.trivia.comment = trivia.comment
    parent[key] = item


def roll(
    text: str, target_year: str, *, name: str = "calendrier", today: date | None = None
) -> Rolled:
    """Roll a calendar's text to ``target_year``; raise :class:`RollError` when impossible.

    With ``today``, offer deadlines of the draft that are already past are
    listed for review.
    """
    import tomlkit

    target = parse_school_year(target_year)
    if target is None:
        raise RollError(
            f"--to {target_year[:40]} : année scolaire attendue sous la forme AAAA-AAAA, "
            "la seconde année suivant la première (2027-2028)."
        )
    document = tomlkit.parse(text)
    source_year = document.get("school_year")
    source = parse_school_year(source_year) if isinstance(source_year, str) else None
    if source is None or not isinstance(source_year, str):
        raise RollError(f"{name} : school_year illisible, impossible de savoir de combien avancer.")
    years = target - source
    if years < 1:
        raise RollError(
            f"--to {target_year} : le calendrier source est celui de {source_year} ; "
            f"l'année cible doit venir après (par exemple {source + 1}-{source + 2})."
        )
    found = list(_walk(document, ""))
    groups: dict[str, list[date]] = {}
    for path, _parent, _key, day in found:
        groups.setdefault(_group(path), []).append(day)
    shifts = {group: shift_for(days, years) for group, days in groups.items()}
    moved: list[Moved] = []
    for path, parent, key, day in found:
        if _SCHOOLING_DATE.match(path):
            new = same_day(day, years)  # the school's own dates, not a weekday
        else:
            new = day + timedelta(days=shifts[_group(path)])
        _replace(parent, key, parent[key], new)
        moved.append(Moved(field=path, old=day, new=new))
    document["school_year"] = f"{target}-{target + 1}"
    if "draft" in document:
        document["draft"] = True
    else:
        document.add("draft", True)
    rolled_text = _keep_padding(text, tomlkit.dumps(document))
    if tomlsafe.parse(name, rolled_text) != tomlsafe.parse(name, tomlkit.dumps(document)):
        rolled_text = tomlkit.dumps(document)  # never trade a value for a blank
    lines = tomlsafe.locate_keys(rolled_text)
    moved = [
        Moved(field=m.field, old=m.old, new=m.new, line=tomlsafe.line_of(lines, m.field))
        for m in moved
    ]
    rolled = tomlsafe.TomlDocument(
        path=name, text=rolled_text, data=tomlsafe.parse(name, rolled_text)
    )
    _calendar, problems = read_calendar(rolled)
    return Rolled(
        text=rolled_text,
        source_year=source_year,
        target_year=f"{target}-{target + 1}",
        moved=tuple(moved),
        reviews=tuple(sorted(_reviews(moved, years, today), key=lambda r: r.moved.line or 0)),
        problems=tuple(p for p in problems if p.severity == "error"),
    )


def _tuesday_without_holiday(item: Moved) -> bool:
    """A window that started on a Tuesday because its Monday was a holiday (the thématique of
    2026 starts the day after Whit Monday) keeps its Tuesday when rolled; the new year's
    Monday may be a working day, and then the start is a date to review."""
    is_start = _WINDOW_DATE.match(item.field) is not None and ".start" in item.field
    return (
        is_start
        and item.new.weekday() == 1
        and public_holiday(item.new - timedelta(days=1), alsace=False) is None
    )


def _reviews(moved: list[Moved], years: int, today: date | None) -> Iterator[Review]:
    for item in moved:
        reasons = []
        drift = (item.new - same_day(item.old, years)).days
        if abs(drift) > REVIEW_DAYS:
            way = "après" if drift > 0 else "avant"
            same = format_date(same_day(item.old, years), weekday=False, short=True)
            reasons.append(f"{abs(drift)} jours {way} le {same}")
        deadline = item.field.endswith("offers_deadline")
        holiday = public_holiday(item.new, alsace=deadline)
        if holiday is not None:
            reasons.append(f"jour férié ({holiday})")
        if _tuesday_without_holiday(item):
            reasons.append("un mardi sans lundi férié la veille")
        if deadline and today is not None and item.new < today:
            reasons.append(
                f"date limite déjà passée le {format_date(today, weekday=False, short=True)}"
            )
        if reasons:
            yield Review(moved=item, reason=" ; ".join(reasons))
