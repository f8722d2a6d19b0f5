"""A batch of offers split by promotion, so that ``report`` counts each against its calendar.

Two promotions are in progress at once; :func:`inet_stages.batch.check.check_files`
checks each offer against the calendar of its promotion and records its
school year (:attr:`FileReport.calendar`). The report then counts each
promotion's offers against that promotion's windows and cohorts: an
observation offer for 2027-2028 never fills a 2026-2027 place. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from inet_stages.batch.check import Report
from inet_stages.calendar.model import Calendar


def split(report: Report, calendars: Sequence[Calendar]) -> list[tuple[Calendar, Report]]:
    """One report per calendar that has files (the first calendar always), in calendar order.

    A file checked against no calendar (unreadable) goes with the first one,
    where the report lists it as unclassified. A duplicate group goes with
    the promotion of its first file.
    """
    first = calendars[0].school_year
    years = {c.school_year for c in calendars}
    parts: list[tuple[Calendar, Report]] = []
    for calendar in calendars:
        year = calendar.school_year

        def home(path_year: str | None, year: str = year) -> bool:
            found = path_year if path_year in years else first
            return found == year

        files = tuple(f for f in report.files if home(f.calendar))
        if not files and year != first:
            continue
        kept = {f.path for f in files}
        parts.append(
            (
                calendar,
                Report(
                    school_year=year,
                    today=report.today,
                    files=files,
                    duplicates=tuple(g for g in report.duplicates if g and g[0] in kept),
                ),
            )
        )
    return parts
