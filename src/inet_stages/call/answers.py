"""The offers received, as answers: who has answered for which internship and promotion.

``call --remind`` reminds only the hosts that have not answered. Every
readable offer counts, valid or not: the host has answered for that
internship and promotion. Pure: takes the batch's report.
"""

from __future__ import annotations

from inet_stages.batch.check import Report
from inet_stages.call.plan import Answer


def answers_of(report: Report, school_year: str | None) -> tuple[list[Answer], list[str]]:
    """The answers of ``report``, and the files that could not count as one (unreadable).

    Each file says which promotion its offer was judged against (the same
    as validate, report and the letters); ``school_year`` stands for an
    offer whose file names none (None: such an answer counts for
    every promotion). ``status`` counts its reminders with it too.
    """
    answers: list[Answer] = []
    unread: list[str] = []
    for file in report.files:
        offer = file.offer
        if offer is None or file.internship is None:
            unread.append(file.path)
            continue
        answers.append(
            Answer(
                organisation=offer.host.name,
                email=file.address or offer.tutor.email,
                internship=file.internship,
                school_year=file.calendar or school_year,
                tracks=tuple(file.tracks or ()),
            )
        )
    return answers, unread
