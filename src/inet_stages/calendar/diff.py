"""``calendar diff``: what changed between two calendars, per track and internship.

Dates are compared as dates: a move is given in days (and the renderer adds
weeks when whole). Texts (purposes, examples) are not compared: the
coordinator edits them freely and ``git diff`` shows them better.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from inet_stages.calendar.model import Calendar, Window

#: Kinds of change, in the order a reader expects them.
KINDS = (
    "track_added",
    "track_removed",
    "schooling_moved",
    "window_added",
    "window_removed",
    "start_moved",
    "end_moved",
    "weeks_changed",
    "deadline_added",
    "deadline_removed",
    "deadline_moved",
    "alternatives_changed",
    "tutor_changed",
    "hosts_changed",
    "threshold_changed",
)

Value = str | int | None


@dataclass(frozen=True, kw_only=True)
class Change:
    """One difference; ``old``/``new`` are ISO dates, numbers or ids; ``days`` for a move."""

    kind: str
    track: str | None
    internship: str | None
    field: str
    old: Value = None
    new: Value = None
    days: int | None = None

    def to_json(self) -> dict[str, object]:
        """The JSON shape of one change."""
        weeks = self.days // 7 if self.days is not None and self.days % 7 == 0 else None
        return {
            "kind": self.kind,
            "track": self.track,
            "internship": self.internship,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "days": self.days,
            "weeks": weeks,
        }


def _moved(
    kind: str, track: str | None, internship: str | None, field: str, *, old: date, new: date
) -> Iterator[Change]:
    if old != new:
        yield Change(
            kind=kind,
            track=track,
            internship=internship,
            field=field,
            old=old.isoformat(),
            new=new.isoformat(),
            days=(new - old).days,
        )


def _added_or_removed(
    what: str, track: str | None, internship: str | None, field: str, *, old: Value, new: Value
) -> Change:
    """``what`` on one side only: ``{what}_added`` (nothing ``old``) or ``{what}_removed``."""
    return Change(
        kind=f"{what}_added" if old is None else f"{what}_removed",
        track=track,
        internship=internship,
        field=field,
        old=old,
        new=new,
    )


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _window_changes(old: Window, new: Window) -> Iterator[Change]:
    t, i = new.track, new.internship
    yield from _moved("start_moved", t, i, "start", old=old.start, new=new.start)
    yield from _moved("end_moved", t, i, "end", old=old.end, new=new.end)
    if old.weeks != new.weeks:
        yield Change(
            kind="weeks_changed", track=t, internship=i, field="weeks", old=old.weeks, new=new.weeks
        )
    before, after = old.offers_deadline, new.offers_deadline
    if before is not None and after is not None:
        yield from _moved("deadline_moved", t, i, "offers_deadline", old=before, new=after)
    elif before is not None or after is not None:
        yield _added_or_removed(
            "deadline", t, i, "offers_deadline", old=_iso(before), new=_iso(after)
        )
    if old.alternatives != new.alternatives:
        moves = {
            (b.start - a.start).days
            for a, b in zip(old.alternatives, new.alternatives, strict=False)
        } | {(b.end - a.end).days for a, b in zip(old.alternatives, new.alternatives, strict=False)}
        same_count = len(old.alternatives) == len(new.alternatives)
        yield Change(
            kind="alternatives_changed",
            track=t,
            internship=i,
            field="alternatives",
            old=" ".join(f"{p.start}/{p.end}" for p in old.alternatives) or None,
            new=" ".join(f"{p.start}/{p.end}" for p in new.alternatives) or None,
            days=moves.pop() if same_count and len(moves) == 1 else None,
        )
    if old.tutor != new.tutor:
        yield Change(
            kind="tutor_changed", track=t, internship=i, field="tutor", old=old.tutor, new=new.tutor
        )


def _window_span(window: Window | None) -> str | None:
    return f"{window.start.isoformat()}/{window.end.isoformat()}" if window is not None else None


def diff(old: Calendar, new: Calendar) -> list[Change]:
    """Every change from ``old`` to ``new``, track by track, then per internship."""
    changes: list[Change] = []
    track_order = list(new.track_ids) + [t for t in old.track_ids if t not in new.track_ids]
    internship_order = list(new.internship_ids) + [
        i for i in old.internship_ids if i not in new.internship_ids
    ]
    for track_id in track_order:
        if track_id not in old.track_ids:
            changes.append(
                Change(kind="track_added", track=track_id, internship=None, field="tracks")
            )
        elif track_id not in new.track_ids:
            changes.append(
                Change(kind="track_removed", track=track_id, internship=None, field="tracks")
            )
        else:
            before, after = old.track(track_id).schooling, new.track(track_id).schooling
            changes += _moved(
                "schooling_moved",
                track_id,
                None,
                "schooling.start",
                old=before.start,
                new=after.start,
            )
            changes += _moved(
                "schooling_moved", track_id, None, "schooling.end", old=before.end, new=after.end
            )
        for internship_id in internship_order:
            was, now = old.window(track_id, internship_id), new.window(track_id, internship_id)
            if was is not None and now is not None:
                changes += _window_changes(was, now)
            elif was is not None or now is not None:
                changes.append(
                    _added_or_removed(
                        "window",
                        track_id,
                        internship_id,
                        "window",
                        old=_window_span(was),
                        new=_window_span(now),
                    )
                )
    for internship_id in internship_order:
        if internship_id not in old.internship_ids or internship_id not in new.internship_ids:
            continue
        before_i, after_i = old.internship(internship_id), new.internship(internship_id)
        if before_i.hosts != after_i.hosts:
            changes.append(
                Change(
                    kind="hosts_changed",
                    track=None,
                    internship=internship_id,
                    field="hosts",
                    old=before_i.hosts,
                    new=after_i.hosts,
                )
            )
        if before_i.collective and after_i.collective:
            for key in ("population_more_than", "students_per_project", "fee_eur"):
                a, b = getattr(before_i.collective, key), getattr(after_i.collective, key)
                if a != b:
                    changes.append(
                        Change(
                            kind="threshold_changed",
                            track=None,
                            internship=internship_id,
                            field=f"collective.{key}",
                            old=a,
                            new=b,
                        )
                    )
    return changes
