"""Who is invited to offer what: the plan of the call for offers and of the reminders.

Pure core of ``inet-stages call``. From the contacts (:mod:`inet_stages.call.contacts`),
the calendars and ``today`` it decides who gets a draft and for which
internships (:func:`plan_call`, :func:`plan_reminders`), who is left out and
why, and the name of each draft's file. The drafts' texts and e-mails are
:mod:`inet_stages.call.drafts`.

Nothing here reads the clock, a file of hers or the environment: the CLI
gives ``today`` and the answers already received.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from inet_stages.calendar import Calendar, Window
from inet_stages.call.contacts import HostContact, Invitation, judge, open_windows, same_host
from inet_stages.ids import free_name, slug

DraftKind = Literal["appel", "relance"]
Reason = Literal["not_eligible", "no_open_deadline", "already_answered", "no_deadline_within"]


@dataclass(frozen=True, kw_only=True)
class Answer:
    """An offer received: from which organisation, which tutor's address, for which internship."""

    organisation: str | None
    email: str | None
    internship: str | None
    #: The promotion the offer is for (None: unknown, counts for every promotion).
    school_year: str | None = None
    #: The tracks the offer is for (empty: unknown, counts for every track).
    tracks: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Section:
    """One internship of one promotion in a draft: the invitation and its windows."""

    calendar: Calendar
    invitation: Invitation
    windows: tuple[Window, ...]

    @property
    def internship(self) -> str:
        """The internship id."""
        return self.invitation.internship


@dataclass(frozen=True, kw_only=True)
class Planned:
    """One draft to write: to ``contact``, for these internships of every promotion in progress.

    ``answered`` (reminders only) names the internships the host has already
    sent an offer for, for a promotion the reminder is about, so that the
    reminder can say so.
    """

    contact: HostContact
    kind: DraftKind
    sections: tuple[Section, ...]
    answered: tuple[str, ...] = ()
    name: str = ""

    @property
    def internships(self) -> tuple[str, ...]:
        """The internship ids, in calendar order, each once."""
        return tuple(dict.fromkeys(s.internship for s in self.sections))

    @property
    def invitations(self) -> tuple[Invitation, ...]:
        """The invitations, one per section."""
        return tuple(s.invitation for s in self.sections)

    @property
    def windows(self) -> tuple[Window, ...]:
        """Every window the draft names."""
        return tuple(w for s in self.sections for w in s.windows)

    @property
    def school_years(self) -> tuple[str, ...]:
        """The promotions the draft covers, oldest first."""
        return tuple(sorted({s.calendar.school_year for s in self.sections}))

    @property
    def school_year(self) -> str:
        """« 2026-2027 », or « 2026-2027 et 2027-2028 » when the draft covers two promotions."""
        return " et ".join(self.school_years)

    @property
    def deadlines(self) -> tuple[date, ...]:
        """The distinct deadlines the draft names, earliest first."""
        return tuple(sorted({w.offers_deadline for w in self.windows if w.offers_deadline}))


@dataclass(frozen=True, kw_only=True)
class LeftOut:
    """A contact who gets no draft, and why (``reason``: a code; ``message``: French)."""

    contact: HostContact
    reason: Reason
    message: str


def _calendars(calendars: Calendar | Sequence[Calendar]) -> list[Calendar]:
    """Every promotion, oldest first (one calendar is accepted for a single promotion)."""
    found = [calendars] if isinstance(calendars, Calendar) else list(calendars)
    return sorted(found, key=lambda c: c.school_year)


def _wanted(calendar: Calendar, internships: Sequence[str]) -> tuple[str, ...]:
    return tuple(i for i in calendar.internship_ids if not internships or i in internships)


def _for_contact(contact: HostContact, windows: Sequence[Window]) -> tuple[Window, ...]:
    """The windows of the contact's tracks (the « Filières » column; all when empty)."""
    return tuple(w for w in windows if not contact.tracks or w.track in contact.tracks)


def _invitations(
    contact: HostContact, calendar: Calendar, wanted: Sequence[str]
) -> tuple[list[Invitation], list[str]]:
    """The internships ``contact`` may host among ``wanted``, and why not the others."""
    invitations: list[Invitation] = []
    reasons: list[str] = []
    for internship in wanted:
        verdict = judge(contact, calendar, internship)
        if isinstance(verdict, Invitation):
            invitations.append(verdict)
        else:
            reasons.append(verdict.reason)
    return invitations, reasons


def _invited(
    contact: HostContact, calendars: Calendar | Sequence[Calendar], internships: Sequence[str]
) -> tuple[list[tuple[Calendar, Invitation]], list[str]]:
    """Every internship ``contact`` may host, with its promotion (oldest first), and why not
    the others."""
    invited: list[tuple[Calendar, Invitation]] = []
    reasons: list[str] = []
    for calendar in _calendars(calendars):
        invitations, refused = _invitations(contact, calendar, _wanted(calendar, internships))
        reasons.extend(refused)
        invited.extend((calendar, invitation) for invitation in invitations)
    return invited, reasons


def _not_eligible(contact: HostContact, reasons: Sequence[str]) -> LeftOut:
    unique = list(dict.fromkeys(reasons))
    message = "non invitée : " + " ; ".join(unique) if unique else "non invitée"
    return LeftOut(contact=contact, reason="not_eligible", message=message)


def plan_call(
    contacts: Sequence[HostContact],
    calendars: Calendar | Sequence[Calendar],
    today: date,
    internships: Sequence[str] = (),
) -> tuple[list[Planned], list[LeftOut]]:
    """Who is invited to offer what: one draft per contact for every promotion in progress.

    An internship is named when one of its windows (of the contact's tracks)
    is still open to offers on ``today``.
    """
    planned: list[Planned] = []
    left_out: list[LeftOut] = []
    for contact in contacts:
        sections: list[Section] = []
        invited, reasons = _invited(contact, calendars, internships)
        for calendar, invitation in invited:
            windows = _for_contact(contact, open_windows(calendar, invitation.internship, today))
            # Without a published deadline, only the next occurrence of an
            # internship is asked for: next year's comes with next year's call.
            if windows and not (
                all(w.offers_deadline is None for w in windows)
                and any(s.internship == invitation.internship for s in sections)
            ):
                sections.append(Section(calendar=calendar, invitation=invitation, windows=windows))
        if sections:
            planned.append(Planned(contact=contact, kind="appel", sections=tuple(sections)))
        elif invited:
            left_out.append(
                LeftOut(
                    contact=contact,
                    reason="no_open_deadline",
                    message="aucun de ses stages n'a de date limite de dépôt encore ouverte",
                )
            )
        else:
            left_out.append(_not_eligible(contact, reasons))
    return _named(planned), left_out


def _has_answered(
    contact: HostContact, calendar: Calendar, internship: str, answers: Sequence[Answer]
) -> bool:
    """Has the host a dossier for this internship and promotion (any offer received)?

    For a contact asked about some tracks only (the « Filières » column), an
    offer for other tracks answers nothing: the ingénieurs' observation is
    still awaited from a town hall that sent one for the conservateurs.
    """
    return any(
        a.internship == internship
        and a.school_year in (None, calendar.school_year)
        and (not contact.tracks or not a.tracks or bool(set(a.tracks) & set(contact.tracks)))
        and same_host(contact, a.organisation, a.email)
        for a in answers
    )


def plan_reminders(
    contacts: Sequence[HostContact],
    calendars: Calendar | Sequence[Calendar],
    today: date,
    *,
    within: int,
    answers: Sequence[Answer],
    internships: Sequence[str] = (),
) -> tuple[list[Planned], list[LeftOut]]:
    """A reminder for the deadlines within ``within`` days, to each eligible contact yet to answer.

    A host is reminded of an internship only when it has no offer (no
    dossier) for that internship and promotion: same organisation or same
    e-mail domain, :func:`inet_stages.call.contacts.same_host`. The
    internships it has answered for are named in the reminder.
    """
    planned: list[Planned] = []
    left_out: list[LeftOut] = []
    for contact in contacts:
        due: list[Section] = []
        # (promotion, label): an answer is for one promotion, and only said in a
        # reminder of that promotion (a late offer of the last one answers nothing now).
        received: list[tuple[str, str]] = []
        invited, reasons = _invited(contact, calendars, internships)
        for calendar, invitation in invited:
            if _has_answered(contact, calendar, invitation.internship, answers):
                label = calendar.internship(invitation.internship).label
                received.append((calendar.school_year, label))
                continue
            windows = _for_contact(
                contact,
                tuple(
                    w
                    for w in calendar.windows_of_internship(invitation.internship)
                    if w.offers_deadline is not None
                    and 0 <= (w.offers_deadline - today).days <= within
                ),
            )
            if windows:
                due.append(Section(calendar=calendar, invitation=invitation, windows=windows))
        answered = list(dict.fromkeys(label for _, label in received))
        if due:
            years = {s.calendar.school_year for s in due}
            asked = _labels(due)
            planned.append(
                Planned(
                    contact=contact,
                    kind="relance",
                    sections=tuple(due),
                    answered=tuple(
                        dict.fromkeys(
                            label
                            for year, label in received
                            if year in years and label not in asked
                        )
                    ),
                )
            )
        elif answered:
            left_out.append(
                LeftOut(
                    contact=contact,
                    reason="already_answered",
                    message="offre déjà reçue : " + ", ".join(answered),
                )
            )
        elif invited:
            left_out.append(
                LeftOut(
                    contact=contact,
                    reason="no_deadline_within",
                    message=f"aucune date limite de ses stages dans les {within} jours",
                )
            )
        else:
            left_out.append(_not_eligible(contact, reasons))
    return _named(planned), left_out


def _labels(sections: Sequence[Section]) -> set[str]:
    return {s.calendar.internship(s.internship).label for s in sections}


#: Characters kept as they are in a draft's name; any other is written ``%XX`` (UTF-8).
_NAME_SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.@+-")
#: Bytes of the address part of a name; past it, cut and followed by a hash of the address.
_NAME_BYTES = 160


def address_stem(email: str) -> str:
    """The address as a file name's stem: ``camille.martin@mulhouse.fr``, stable and unique.

    Lower case (a file system may ignore case), every character outside
    ``a-z 0-9 . @ + -`` written ``%XX`` (so two addresses never share a name,
    and no ``/``, ``\\``, ``:`` or control reaches the file system); a very
    long one is cut and given a hash of the whole address.
    """
    import hashlib

    folded = email.strip().casefold()
    stem = "".join(
        c if c in _NAME_SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8", "replace"))
        for c in folded
    ).lstrip(".")
    if len(stem) > _NAME_BYTES or not stem:
        digest = hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()[:12]
        stem = f"{stem[:_NAME_BYTES].rstrip('%.')}-{digest}"
    return stem


def _named(planned: list[Planned]) -> list[Planned]:
    """File names: ``appel-2026-2027-camille.martin@colmar.fr.eml``, after the address.

    Named after the contact's address (unique in a contacts file), never its
    row or its rank: removing a contact from the file, or reordering it,
    never gives a kept draft another name, hence another person. The call
    names its promotions (``appel-2026-2027-et-2027-2028-…`` when it covers
    two), a reminder its first deadline (``relance-2026-02-16-…``): the
    reminder of another deadline, or the call of other promotions, is another
    draft; the same one run twice is the same file (kept unless ``--force``).
    """
    from dataclasses import replace

    taken: set[str] = set()
    named: list[Planned] = []
    for item in planned:
        prefix: str = item.kind
        if item.kind == "relance" and item.deadlines:
            prefix += f"-{item.deadlines[0].isoformat()}"
        elif item.school_years:
            prefix += f"-{slug(item.school_year)}"
        # The same address twice in one file (the contacts reader keeps both rows)
        # must not give two drafts one name: the second is numbered.
        stem = f"{prefix}-{address_stem(item.contact.email)}"
        named.append(replace(item, name=free_name(stem, ".eml", taken)))
    return named


__all__ = [
    "Answer",
    "DraftKind",
    "LeftOut",
    "Planned",
    "Reason",
    "Section",
    "address_stem",
    "plan_call",
    "plan_reminders",
]
