"""The call's drafts, all rendered before any is written: one e-mail per planned draft.

The planning is :func:`~inet_stages.call.plan.plan_call` and
:func:`~inet_stages.call.plan.plan_reminders`; here each planned draft
becomes its ``.eml``, with the workbook of its promotions attached when asked.
Pure: the forms, her folder and the draft's time come from the CLI; a
template of hers that fails raises :class:`~inet_stages.report.texts.LetterError`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path

from inet_stages.calendar import Calendar
from inet_stages.call.contacts import HostContact
from inet_stages.call.drafts import environment, render, to_email
from inet_stages.call.plan import Answer, LeftOut, Planned, plan_call, plan_reminders


def plan(
    contacts: Sequence[HostContact],
    calendars: Sequence[Calendar],
    today: date,
    *,
    remind: bool,
    within: int,
    answers: Sequence[Answer],
    internships: Sequence[str],
) -> tuple[list[Planned], list[LeftOut]]:
    """One draft per contact, covering every promotion: the call, or with ``remind`` the
    reminders of the deadlines in the next ``within`` days to those who have not answered."""
    if remind:
        return plan_reminders(
            contacts, calendars, today, within=within, answers=answers, internships=internships
        )
    return plan_call(contacts, calendars, today, internships)


def with_forms(calendars: Sequence[Calendar], found: Sequence[Planned]) -> list[Calendar]:
    """The promotions whose workbook a draft of ``found`` invites to fill (attached once each)."""
    return [
        each
        for each in calendars
        if any(s.calendar is each for item in found for s in item.sections)
    ]


def render_drafts(
    calendar: Calendar,
    found: Sequence[Planned],
    *,
    today: date,
    when: datetime,
    own: Path | None,
    forms: Mapping[str, tuple[str, bytes]],
    say: Callable[[str], None],
) -> list[tuple[Planned, bytes]]:
    """Each planned draft as an e-mail; ``say`` gets a French notice per address it cannot use."""
    env = environment(own)
    rendered: list[tuple[Planned, bytes]] = []
    for item in found:
        attached = [forms[y] for y in item.school_years if y in forms]
        body = render(calendar, item, today=today, env=env, attach_form=bool(attached))
        problems: list[str] = []
        content = to_email(
            calendar, item, body, today=today, when=when, forms=attached, problems=problems
        )
        for problem in problems:
            say(f"Attention : {item.name} : {problem}.")
        rendered.append((item, content))
    return rendered
