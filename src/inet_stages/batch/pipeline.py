"""The batch pipeline every command shares: collect, check, then the coordinator's decisions.

``validate``, ``report``, ``assign``, ``status``, ``call --remind`` and
``decide`` all read offers the same way: the paths collected
(:func:`~inet_stages.batch.check.collect`), each file checked against its
promotion's calendar (the chooser), then the decisions files applied. Pure
but for reading the files; the CLI adds the progress bar and says the paths
that could not be used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.batch.by_promotion import split
from inet_stages.batch.check import Report, Target, apply_decisions, check_files
from inet_stages.batch.decisions import Decisions, find_decisions, read_decisions
from inet_stages.calendar.model import Calendar

if TYPE_CHECKING:
    from inet_stages.offer.promotion import Chooser


def decisions_of(
    paths: Iterable[str], given: Path | None, season_offers: Path | None = None
) -> list[Decisions]:
    """The decisions files: ``given`` (``--decisions``) alone, else those of ``paths``.

    ``season_offers``: the offers folder of the season the command runs in,
    whose decisions file holds those of the offers below it (named alone too).
    """
    if given is not None:
        return [read_decisions(given)]
    return [read_decisions(path) for path in find_decisions(paths, season_offers)]


def check_batch(
    targets: Sequence[Target],
    calendar: Calendar,
    today: date,
    *,
    chooser: Chooser,
    decisions: Sequence[Decisions] = (),
    keep_offers: bool = True,
    progress: Callable[[Target], None] | None = None,
) -> Report:
    """Every target checked against its promotion's calendar, then ``decisions`` applied."""
    report = check_files(
        targets, calendar, today, progress=progress, keep_offers=keep_offers, chooser=chooser
    )
    return apply_decisions(report, decisions)


def by_promotion(report: Report, ordered: Sequence[Calendar]) -> list[tuple[Calendar, Report]]:
    """``report`` split over ``ordered`` (the first one takes the unclassified files), by year.

    One calendar: the report whole, against it.
    """
    parts = split(report, ordered) if len(ordered) > 1 else [(ordered[0], report)]
    return sorted(parts, key=lambda part: part[0].school_year)
