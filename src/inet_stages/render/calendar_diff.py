"""``calendar diff`` output: French text grouped by track and internship, or JSON."""

from __future__ import annotations

from datetime import date

from inet_stages.calendar import Calendar
from inet_stages.calendar.diff import Change
from inet_stages.text.frdates import format_date, format_range, format_weeks, plural
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean


def _day(value: object) -> str:
    return format_date(date.fromisoformat(str(value)), short=True)


def _span(value: object) -> str:
    start, end = (date.fromisoformat(part) for part in str(value).split("/"))
    return format_range(start, end)


_THRESHOLDS = {
    "collective.population_more_than": "population (strictement plus de)",
    "collective.students_per_project": "élèves par projet",
    "collective.fee_eur": "participation en euros",
}


def _move(days: int | None) -> str:
    """« (+364 j, 52 sem.) », « (-3 j) »: days, and weeks when whole."""
    if days is None:
        return ""
    text = f"{days:+d} j"
    if days % 7 == 0:
        text += f", {days // 7:+d} sem."
    return f" ({text})"


def _spans(value: object) -> str:
    return ", ".join(_span(part) for part in str(value or "").split()) or "aucune"


_FIELDS = {
    "start": "début",
    "end": "fin",
    "offers_deadline": "date limite",
    "schooling.start": "scolarité, début",
    "schooling.end": "scolarité, fin",
}


def change_text(change: Change, label: str) -> str:
    """One change in French; ``label`` names the internship when there is one."""
    match change.kind:
        case "start_moved" | "end_moved" | "deadline_moved" | "schooling_moved":
            return (
                f"{_FIELDS[change.field]} : {_day(change.old)} → {_day(change.new)}"
                f"{_move(change.days)}"
            )
        case "weeks_changed":
            return (
                f"durée : {format_weeks(int(change.old or 0))} → "
                f"{format_weeks(int(change.new or 0))}"
            )
        case "deadline_added":
            return f"date limite de dépôt ajoutée : {_day(change.new)}"
        case "deadline_removed":
            return f"date limite de dépôt retirée (c'était le {_day(change.old)})"
        case "window_added":
            return f"« {label} » : fenêtre ajoutée, du {_span(change.new)}"
        case "window_removed":
            return f"« {label} » : fenêtre retirée (c'était du {_span(change.old)})"
        case "alternatives_changed":
            if change.days is not None:
                return f"dates alternatives déplacées{_move(change.days)}"
            return f"dates alternatives : {_spans(change.old)} → {_spans(change.new)}"
        case "tutor_changed":
            return f"tuteur exigé : {change.old or 'aucun'} → {change.new or 'aucun'}"
        case "hosts_changed":
            return f"« {label} » : structures d'accueil {change.old} → {change.new}"
        case "threshold_changed":
            what = _THRESHOLDS.get(change.field, change.field)
            return f"« {label} » : {what} {change.old} → {change.new}"
        case "track_added":
            return "filière ajoutée"
        case "track_removed":
            return "filière retirée"
    return f"{change.kind} {change.field}"


def _internship_label(
    old: Calendar, new: Calendar, internship_id: str, *, short: bool = False
) -> str:
    for calendar in (new, old):
        if internship_id in calendar.internship_ids:
            internship = calendar.internship(internship_id)
            # One line each: a label holding a newline must not forge a line.
            return clean(internship.short if short else internship.label)
    return internship_id


def _track_label(old: Calendar, new: Calendar, track_id: str) -> str:
    for calendar in (new, old):
        if track_id in calendar.track_ids:
            return clean(calendar.track(track_id).short)
    return track_id


def diff_text(old: Calendar, new: Calendar, changes: list[Change]) -> str:
    """The whole French report."""
    count = len(changes)
    lines = [
        f"Ancien  : {old.school_year} ({clean(old.path)})",
        f"Nouveau : {new.school_year} ({clean(new.path)})",
        f"{plural(count, 'changement')}." if count else "Aucune différence.",
    ]
    current: tuple[str | None, str | None] | None = None
    for change in changes:
        label = _internship_label(old, new, change.internship) if change.internship else ""
        one_line = change.kind in ("window_added", "window_removed") or change.track is None
        if one_line and change.internship:
            label = _internship_label(old, new, change.internship, short=True)
        group = (change.track, None)
        if group[0] is not None and (current is None or current[0] != group[0]):
            lines += ["", _track_label(old, new, change.track or "")]
            current = group
        elif change.track is None and current != (None, None):
            lines += ["", "Règles des stages"]
            current = (None, None)
        if change.kind in ("window_added", "window_removed") or change.internship is None:
            lines.append(f"  {change_text(change, label)}")
            continue
        if current != (change.track, change.internship) and change.track is not None:
            lines.append(f"  {label}")
            current = (change.track, change.internship)
        indent = "    " if change.track is not None else "  "
        lines.append(f"{indent}{change_text(change, label)}")
    return typeset(clean("\n".join(lines), keep_newlines=True)) + "\n"


def diff_json(old: Calendar, new: Calendar, changes: list[Change]) -> dict[str, object]:
    """The JSON document."""
    return {
        "version": 1,
        "old": {"calendar": old.school_year, "path": old.path},
        "new": {"calendar": new.school_year, "path": new.path},
        "changes": [c.to_json() for c in changes],
        "summary": {"changes": len(changes)},
    }
