"""The call for offers and the reminders before each deadline, as e-mail drafts.

Pure core of ``inet-stages call``. From the contacts (:mod:`inet_stages.call.contacts`),
the calendar and ``today`` it decides who gets a draft and for which
internships (:func:`plan_call`, :func:`plan_reminders`), and who is left out
and why; then renders each draft from Jinja2 templates beside the letters'
(``templates/call/appel.j2``, ``templates/call/relance.j2``), which the
coordination may override by copying them into her ``lettres/`` folder, like
the letters (:mod:`inet_stages.report.letters`: same sandbox, same register, same
errors naming the file and the line).

Nothing here reads the clock, a file of hers or the environment: the CLI
gives ``today``, her folder and the answers already received.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from inet_stages.calendar import Calendar, Window
from inet_stages.call.contacts import HostContact, Invitation, judge, open_windows, same_host
from inet_stages.intake.rows import slug
from inet_stages.io.mail import Attachment, Mailbox, build_draft
from inet_stages.report.letters import OWN_SUBFOLDER, LetterError, long_date, place, salutation
from inet_stages.text.frdates import format_date, format_days_left, format_number, format_range
from inet_stages.text.frtypo import typeset
from inet_stages.text.vocabulary import EXPECTED_TUTOR

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

PACKAGED = Path(__file__).resolve().parent.parent / "templates" / "call"
CALL_TEMPLATE = "appel.j2"
REMINDER_TEMPLATE = "relance.j2"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

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


@dataclass(frozen=True, kw_only=True)
class Planned:
    """One draft to write: to ``contact``, for these internships and windows."""

    contact: HostContact
    kind: DraftKind
    invitations: tuple[Invitation, ...]
    windows: tuple[Window, ...]
    school_year: str = ""
    name: str = ""

    @property
    def internships(self) -> tuple[str, ...]:
        """The internship ids, in calendar order."""
        return tuple(i.internship for i in self.invitations)

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


def _wanted(calendar: Calendar, internships: Sequence[str]) -> tuple[str, ...]:
    return tuple(i for i in calendar.internship_ids if not internships or i in internships)


def _refusals(contact: HostContact, calendar: Calendar, wanted: Sequence[str]) -> str:
    reasons = [
        r.reason for i in wanted if not isinstance(r := judge(contact, calendar, i), Invitation)
    ]
    return "non invitée : " + " ; ".join(reasons) if reasons else "non invitée"


def _invitations(
    contact: HostContact, calendar: Calendar, wanted: Sequence[str]
) -> list[Invitation] | LeftOut:
    """The internships ``contact`` may host among ``wanted``, or why it is left out (none)."""
    invitations = [
        verdict for i in wanted if isinstance(verdict := judge(contact, calendar, i), Invitation)
    ]
    if invitations:
        return invitations
    return LeftOut(
        contact=contact, reason="not_eligible", message=_refusals(contact, calendar, wanted)
    )


def plan_call(
    contacts: Sequence[HostContact],
    calendar: Calendar,
    today: date,
    internships: Sequence[str] = (),
) -> tuple[list[Planned], list[LeftOut]]:
    """Who is invited to offer what (internships with a window still open on ``today``)."""
    wanted = _wanted(calendar, internships)
    planned: list[Planned] = []
    left_out: list[LeftOut] = []
    for contact in contacts:
        invitations = _invitations(contact, calendar, wanted)
        if isinstance(invitations, LeftOut):
            left_out.append(invitations)
            continue
        kept = [(v, open_windows(calendar, v.internship, today)) for v in invitations]
        kept = [(v, ws) for v, ws in kept if ws]
        if not kept:
            left_out.append(
                LeftOut(
                    contact=contact,
                    reason="no_open_deadline",
                    message="aucun de ses stages n'a de date limite de dépôt encore ouverte",
                )
            )
            continue
        planned.append(
            Planned(
                contact=contact,
                kind="appel",
                invitations=tuple(v for v, _ in kept),
                windows=tuple(w for _, ws in kept for w in ws),
                school_year=calendar.school_year,
            )
        )
    return _named(planned), left_out


def plan_reminders(
    contacts: Sequence[HostContact],
    calendar: Calendar,
    today: date,
    *,
    within: int,
    answers: Sequence[Answer],
    internships: Sequence[str] = (),
) -> tuple[list[Planned], list[LeftOut]]:
    """A reminder for each deadline within ``within`` days, to each eligible contact yet to answer.

    A contact who sent an offer for an internship (same organisation or same
    e-mail domain, :func:`inet_stages.call.contacts.same_host`) is not reminded of it.
    """
    wanted = _wanted(calendar, internships)
    planned: list[Planned] = []
    left_out: list[LeftOut] = []
    for contact in contacts:
        invitations = _invitations(contact, calendar, wanted)
        if isinstance(invitations, LeftOut):
            left_out.append(invitations)
            continue
        due: list[tuple[Invitation, tuple[Window, ...]]] = []
        answered: list[str] = []
        for invitation in invitations:
            windows = tuple(
                w
                for w in calendar.windows_of_internship(invitation.internship)
                if w.offers_deadline is not None and 0 <= (w.offers_deadline - today).days <= within
            )
            if not windows:
                continue
            if any(
                a.internship == invitation.internship
                and a.school_year in (None, calendar.school_year)
                and same_host(contact, a.organisation, a.email)
                for a in answers
            ):
                answered.append(calendar.internship(invitation.internship).label)
                continue
            due.append((invitation, windows))
        if due:
            planned.append(
                Planned(
                    contact=contact,
                    kind="relance",
                    invitations=tuple(v for v, _ in due),
                    windows=tuple(w for _, ws in due for w in ws),
                    school_year=calendar.school_year,
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
        else:
            left_out.append(
                LeftOut(
                    contact=contact,
                    reason="no_deadline_within",
                    message=f"aucune date limite de ses stages dans les {within} jours",
                )
            )
    return _named(planned), left_out


def merge_left_out(per_calendar: Sequence[Sequence[LeftOut]], drafted: set[int]) -> list[LeftOut]:
    """Who is left out over several promotions: those with no draft in any, each once.

    ``drafted`` holds the rows of the contacts who get a draft. The most
    telling reason is kept: already answered, then no deadline within the
    days asked, no open deadline, not eligible.
    """
    order: tuple[Reason, ...] = (
        "already_answered",
        "no_deadline_within",
        "no_open_deadline",
        "not_eligible",
    )
    best: dict[int, LeftOut] = {}
    for items in per_calendar:
        for item in items:
            row = item.contact.row
            if row in drafted:
                continue
            if row not in best or order.index(item.reason) < order.index(best[row].reason):
                best[row] = item
    return sorted(best.values(), key=lambda o: o.contact.row)


def _named(planned: list[Planned]) -> list[Planned]:
    """File names: ``appel-2026-2027-ville-de-colmar-camille-martin.eml``, unique in the batch.

    The call names its promotion, a reminder its first deadline
    (``relance-2026-02-16-…``): the reminder of another deadline, or the call
    of another promotion, is another draft; the same one run twice is the
    same file (kept unless ``--force``).
    """
    taken: set[str] = set()
    named: list[Planned] = []
    for item in planned:
        who = slug(f"{item.contact.organisation} {item.contact.name}") or "contact"
        prefix: str = item.kind
        if item.kind == "relance" and item.deadlines:
            prefix += f"-{item.deadlines[0].isoformat()}"
        elif item.school_year:
            prefix += f"-{slug(item.school_year)}"
        stem = f"{prefix}-{who}"
        name = f"{stem}.eml"
        number = 2
        while name in taken:
            name = f"{stem}-{number}.eml"
            number += 1
        taken.add(name)
        named.append(
            Planned(
                contact=item.contact,
                kind=item.kind,
                invitations=item.invitations,
                windows=item.windows,
                school_year=item.school_year,
                name=name,
            )
        )
    return named


# --- Templates ---------------------------------------------------------------------


def environment(own: Path | None) -> SandboxedEnvironment:
    """The sandboxed Jinja2 environment: her ``lettres/`` folder first, then the packaged one."""
    from jinja2 import FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    mine = own / OWN_SUBFOLDER if own is not None else None
    folders = [mine, PACKAGED] if mine is not None and mine.is_dir() else [PACKAGED]
    return SandboxedEnvironment(
        loader=FileSystemLoader([str(p) for p in folders]),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _appel(contact: HostContact) -> str:
    """« Madame la Directrice générale » from the position, else from the civility."""
    words = salutation(contact.position)
    gendered = words != "Madame, Monsieur"
    if gendered and (contact.civility is None or words.startswith(contact.civility)):
        return words
    return contact.civility or "Madame, Monsieur"


def _coordination(calendar: Calendar) -> dict[str, str]:
    contact = calendar.contact
    words = contact.name.split()
    return {
        "nom": contact.name,
        "signature": " ".join(words[:1] + [w.upper() for w in words[1:]]) if words else "",
        "fonction": contact.role,
        "email": contact.email,
        "telephone": contact.phone,
        "adresse": contact.address,
        "site": contact.website,
    }


def _tutor(window: Window) -> str:
    return EXPECTED_TUTOR[window.tutor] if window.tutor else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def form_name(calendar: Calendar) -> str:
    """The attached workbook's name: ``offres-inet-2026-2027.xlsx``."""
    return f"offres-inet-{slug(calendar.school_year)}.xlsx"


def context(calendar: Calendar, item: Planned, *, today: date, attach_form: bool) -> dict[str, Any]:
    """Every variable of the call and reminder templates (listed in the guide)."""
    contact = item.contact
    stages: list[dict[str, Any]] = []
    for invitation in item.invitations:
        internship = calendar.internship(invitation.internship)
        windows = [w for w in item.windows if w.internship == invitation.internship]
        collective = internship.collective
        stages.append(
            {
                "id": internship.id,
                "intitule": internship.label,
                "intitule_minuscule": _lower_first(internship.label),
                "objet": internship.purpose,
                "structures": internship.host_examples,
                "conditions": list(invitation.conditions),
                "collectif": collective is not None,
                "seuil_population": format_number(collective.population_more_than)
                if collective
                else "",
                "participation": f"{format_number(collective.fee_eur)} €" if collective else "",
                "fenetres": [
                    {
                        "filiere_id": w.track,
                        "filiere": calendar.track(w.track).short
                        if w.track in calendar.track_ids
                        else w.track,
                        "periode": format_range(w.start, w.end),
                        "duree": f"{w.weeks} semaines",
                        "date_limite": format_date(w.offers_deadline, weekday=False)
                        if w.offers_deadline
                        else "",
                        "tuteur": _tutor(w),
                    }
                    for w in windows
                ],
            }
        )
    deadlines: list[dict[str, Any]] = []
    for day in item.deadlines:
        at = [w for w in item.windows if w.offers_deadline == day]
        labels = list(dict.fromkeys(calendar.internship(w.internship).label for w in at))
        tracks = [calendar.track(w.track).short for w in at if w.track in calendar.track_ids]
        # « Stage d'observation (Ingénieurs), Stage thématique (Conservateurs) »: each
        # internship with the tracks whose deadline this is, never mixed.
        offers: list[str] = []
        for internship_id in dict.fromkeys(w.internship for w in at):
            shorts = [
                calendar.track(w.track).short
                for w in at
                if w.internship == internship_id and w.track in calendar.track_ids
            ]
            label = calendar.internship(internship_id).label
            offers.append(f"{label} ({', '.join(shorts)})" if shorts else label)
        deadlines.append(
            {
                "date": format_date(day, weekday=False),
                "date_iso": day.isoformat(),
                "jours": format_days_left((day - today).days),
                "jours_restants": (day - today).days,
                "stages": labels,
                "offres": offers,
                "filieres": ", ".join(dict.fromkeys(tracks)),
            }
        )
    return {
        "lieu": place(calendar.contact.address),
        "date": long_date(today),
        "appel": _appel(contact),
        "destinataire": contact.name,
        "fonction": contact.position or "",
        "civilite": contact.civility or "",
        "structure": contact.organisation,
        "ville": contact.city or "",
        "courriel": contact.email,
        "annee": calendar.school_year,
        "stages": stages,
        "echeances": deadlines,
        "formulaire_joint": attach_form,
        "formulaire": form_name(calendar) if attach_form else "",
        "contact": _coordination(calendar),
    }


def subject(calendar: Calendar, item: Planned, today: date) -> str:
    """The e-mail's subject: the call, or the reminder with its first deadline."""
    if item.kind == "relance" and item.deadlines:
        first = item.deadlines[0]
        return typeset(
            f"Relance : offres de stage à déposer avant le {format_date(first, weekday=False)} "
            f"(INET, {calendar.school_year})"
        )
    return typeset(f"Appel à offres de stages des élèves de l'INET ({calendar.school_year})")


def render(
    calendar: Calendar,
    item: Planned,
    *,
    today: date,
    env: SandboxedEnvironment,
    attach_form: bool,
) -> str:
    """The draft's text, typeset; a :class:`~inet_stages.report.letters.LetterError` if a
    template fails."""
    import re

    from inet_stages.report.letters import _render as render_template  # one error wording for all

    name = CALL_TEMPLATE if item.kind == "appel" else REMINDER_TEMPLATE
    values = context(calendar, item, today=today, attach_form=attach_form)
    body = render_template(env, name, values, name)
    body = re.sub(r"\n{3,}", "\n\n", body).strip() + "\n"
    return typeset(body)


def to_email(
    calendar: Calendar,
    item: Planned,
    body: str,
    *,
    today: date,
    when: datetime,
    form: bytes | None = None,
) -> bytes:
    """The ``.eml`` draft: to the contact, from the coordination, ``X-Unsent: 1``."""
    contact = calendar.contact
    attachments = (
        (Attachment(data=form, filename=form_name(calendar), mime_type=XLSX),)
        if form is not None
        else ()
    )
    return build_draft(
        to=Mailbox(name=item.contact.name, address=item.contact.email),
        sender=Mailbox(name=f"{contact.name} (INET)", address=contact.email),
        subject=subject(calendar, item, today),
        body=body,
        when=when,
        attachments=attachments,
    )


def summary_json(
    drafts: Sequence[tuple[Planned, str, bool]],
    left_out: Sequence[LeftOut],
    rejected: Sequence[Mapping[str, Any]],
    *,
    mode: DraftKind,
    today: date,
    school_years: Sequence[str],
) -> dict[str, Any]:
    """The summary as JSON: ``drafts`` (path, written or kept), ``left_out``, ``rows_rejected``."""
    return {
        "version": 1,
        "mode": mode,
        "today": today.isoformat(),
        "school_years": list(school_years),
        "drafts": [
            {
                "contact": item.contact.name or item.contact.organisation,
                "organisation": item.contact.organisation,
                "email": item.contact.email,
                "path": path,
                "written": written,
                "school_year": item.school_year,
                "internships": list(item.internships),
                "deadlines": [d.isoformat() for d in item.deadlines],
            }
            for item, path, written in drafts
        ],
        "left_out": [
            {
                "contact": o.contact.name or o.contact.organisation,
                "organisation": o.contact.organisation,
                "email": o.contact.email,
                "reason": typeset(o.message),
                "code": o.reason,
            }
            for o in left_out
        ],
        "rows_rejected": [dict(r) for r in rejected],
    }


__all__ = [
    "XLSX",
    "Answer",
    "LeftOut",
    "LetterError",
    "Planned",
    "context",
    "environment",
    "merge_left_out",
    "plan_call",
    "plan_reminders",
    "render",
    "subject",
    "summary_json",
    "to_email",
]
