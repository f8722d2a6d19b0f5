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
from inet_stages.report.letters import LetterError, place, salutation
from inet_stages.text.frdates import (
    format_date,
    format_days_left,
    format_number,
    format_periods,
    format_weeks,
)
from inet_stages.text.frtypo import typeset

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
    sent an offer for, so that the reminder can say so.
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
        reasons: list[str] = []
        invited = False
        for calendar in _calendars(calendars):
            invitations, refused = _invitations(contact, calendar, _wanted(calendar, internships))
            reasons.extend(refused)
            invited = invited or bool(invitations)
            for invitation in invitations:
                windows = _for_contact(
                    contact, open_windows(calendar, invitation.internship, today)
                )
                # Without a published deadline, only the next occurrence of an
                # internship is asked for: next year's comes with next year's call.
                if windows and not (
                    all(w.offers_deadline is None for w in windows)
                    and any(s.internship == invitation.internship for s in sections)
                ):
                    sections.append(
                        Section(calendar=calendar, invitation=invitation, windows=windows)
                    )
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
    """Has the host a dossier for this internship and promotion (any offer received)?"""
    return any(
        a.internship == internship
        and a.school_year in (None, calendar.school_year)
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
        answered: list[str] = []
        reasons: list[str] = []
        invited = False
        for calendar in _calendars(calendars):
            invitations, refused = _invitations(contact, calendar, _wanted(calendar, internships))
            reasons.extend(refused)
            invited = invited or bool(invitations)
            for invitation in invitations:
                if _has_answered(contact, calendar, invitation.internship, answers):
                    answered.append(calendar.internship(invitation.internship).label)
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
        answered = list(dict.fromkeys(answered))
        if due:
            planned.append(
                Planned(
                    contact=contact,
                    kind="relance",
                    sections=tuple(due),
                    answered=tuple(a for a in answered if a not in _labels(due)),
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


def merge_left_out(per_calendar: Sequence[Sequence[LeftOut]], drafted: set[int]) -> list[LeftOut]:
    """Who is left out over several plans: those with no draft in any, each once.

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
        name = f"{stem}.eml"
        number = 2
        while name in taken:
            name = f"{stem}-{number}.eml"
            number += 1
        taken.add(name)
        named.append(replace(item, name=name))
    return named


# --- Templates ---------------------------------------------------------------------


def environment(own: Path | None) -> SandboxedEnvironment:
    """The letters' sandboxed, budgeted environment: her ``lettres/`` folder first, then the
    packaged call templates (one environment for every template of hers)."""
    from inet_stages.report.letters import environment as letters_environment

    return letters_environment(own, packaged=PACKAGED)


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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def form_name(calendar: Calendar) -> str:
    """The attached workbook's name: ``offres-inet-2026-2027.xlsx``."""
    return f"offres-inet-{slug(calendar.school_year)}.xlsx"


def attention(contact: HostContact) -> str:
    """« À l'attention de Madame Camille Martin », « d'Anne Petit » without a civility."""
    if not contact.name:
        return ""
    if contact.civility:
        return f"À l'attention de {contact.civility} {contact.name}"
    elided = contact.name[:1].casefold() in "aàâäeéèêëiîïoôöuùûüyh"
    return f"À l'attention {'d’' if elided else 'de '}{contact.name}".replace("’", "'")


def _join(words: Sequence[str]) -> str:
    """« Administrateurs », « Administrateurs et Ingénieurs », « A, B et C »."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def _article(label: str, short: str) -> str:
    """« le stage d'observation », « les projets collectifs »: the internship in a sentence."""
    if label.casefold().startswith("stage"):
        return "le " + _lower_first(label)
    return "les " + _lower_first(short or label)


def _shorts(calendar: Calendar, tracks: Sequence[str]) -> str:
    return _join([calendar.track(t).short if t in calendar.track_ids else t for t in tracks])


def _periods(window: Window) -> list[tuple[date, date]]:
    if window.alternatives:
        return [(p.start, p.end) for p in window.alternatives]
    return [(window.start, window.end)]


def _windows(calendar: Calendar, windows: Sequence[Window]) -> list[dict[str, Any]]:
    """The windows as the brochure prints them, tracks with the same dates on one line."""
    lines: dict[tuple[str, int, date | None], list[str]] = {}
    for w in windows:
        lines.setdefault((format_periods(_periods(w)), w.weeks, w.offers_deadline), []).append(
            w.track
        )
    return [
        {
            "filieres": _shorts(calendar, tracks),
            "periode": f"{format_weeks(weeks)} {period}",
            "dates": period,
            "duree": format_weeks(weeks),
            "date_limite": format_date(deadline, weekday=False) if deadline else "",
        }
        for (period, weeks, deadline), tracks in lines.items()
    ]


def _groups(calendar: Calendar, internship: str, windows: Sequence[Window]) -> list[dict[str, Any]]:
    """The brochure's modalities and the tutor asked for, per group of tracks that share them.

    The observation has two: the DGS's (administrateurs, ingénieurs) and the
    library director's (conservateurs).
    """
    item = calendar.internship(internship)
    found: dict[tuple[str, str], list[str]] = {}
    for w in windows:
        key = ((w.modalities or item.modalities).strip(), w.tutor or "")
        found.setdefault(key, []).append(w.track)
    return [
        {
            "filieres": _shorts(calendar, tracks) if len(found) > 1 else "",
            "modalites": [line for line in text.splitlines() if line.strip()],
            "tuteur": tutor,
        }
        for (text, tutor), tracks in found.items()
    ]


def _section(section: Section) -> dict[str, Any]:
    calendar = section.calendar
    internship = calendar.internship(section.internship)
    collective = internship.collective
    return {
        "id": internship.id,
        "promotion": calendar.school_year,
        "intitule": internship.label,
        "intitule_minuscule": _lower_first(internship.label),
        "le_stage": _article(internship.label, internship.short),
        "objet": internship.purpose,
        "groupes": _groups(calendar, section.internship, section.windows),
        "structures": internship.host_examples,
        "conditions": list(section.invitation.conditions),
        "collectif": collective is not None,
        "seuil_population": format_number(collective.population_more_than) if collective else "",
        "participation": f"{format_number(collective.fee_eur)} €" if collective else "",
        "filieres": _shorts(calendar, [w.track for w in section.windows]),
        "fenetres": _windows(calendar, section.windows),
    }


def context(calendar: Calendar, item: Planned, *, today: date, attach_form: bool) -> dict[str, Any]:
    """Every variable of the call and reminder templates (listed in the guide).

    ``calendar`` gives the coordination's contact (the oldest promotion's);
    each section brings its own promotion.
    """
    contact = item.contact
    stages = [_section(s) for s in item.sections]
    years = item.school_years
    promotions = [
        {"annee": year, "stages": [s for s in stages if s["promotion"] == year]} for year in years
    ]
    deadlines: list[dict[str, Any]] = []
    for day in item.deadlines:
        at = [
            (s, [w for w in s.windows if w.offers_deadline == day])
            for s in item.sections
            if any(w.offers_deadline == day for w in s.windows)
        ]
        offers = []
        for section, windows in at:
            each = section.calendar
            label = each.internship(section.internship).label
            shorts = _shorts(each, [w.track for w in windows])
            year = f", promotion {each.school_year}" if len(years) > 1 else ""
            offers.append(f"{label}{year} ({shorts})" if shorts else f"{label}{year}")
        deadlines.append(
            {
                "date": format_date(day, weekday=False),
                "date_iso": day.isoformat(),
                "jours": format_days_left((day - today).days),
                "jours_restants": (day - today).days,
                "stages": list(
                    dict.fromkeys(s.calendar.internship(s.internship).label for s, _ in at)
                ),
                "offres": offers,
            }
        )
    forms = list(dict.fromkeys(form_name(s.calendar) for s in item.sections)) if attach_form else []
    received = [_article(label, "") for label in item.answered]
    return {
        "lieu": place(calendar.contact.address),
        "date": format_date(today, weekday=False),
        "appel": _appel(contact),
        "a_l_attention": attention(contact),
        "destinataire": contact.name,
        "fonction": contact.position or "",
        "civilite": contact.civility or "",
        "structure": contact.organisation,
        "ville": contact.city or "",
        "courriel": contact.email,
        "annee": item.school_year,
        "promotions": promotions,
        "plusieurs_promotions": len(years) > 1,
        "stages": stages,
        "les_stages": _join([s["le_stage"] for s in stages if s["le_stage"]]),
        "echeances": deadlines,
        "deja_recu": _join(list(dict.fromkeys(received))),
        "formulaire_joint": attach_form,
        "formulaire": _join(forms),
        "formulaires": forms,
        "contact": _coordination(calendar),
    }


def subject(calendar: Calendar, item: Planned, today: date) -> str:
    """The e-mail's subject: the call, or the reminder naming its internships and first deadline."""
    if item.kind == "relance" and item.deadlines:
        first = format_date(item.deadlines[0], weekday=False)
        stages = _join(
            list(
                dict.fromkeys(
                    _article(
                        s.calendar.internship(s.internship).label,
                        s.calendar.internship(s.internship).short,
                    )
                    for s in item.sections
                )
            )
        )
        return typeset(f"Relance : dépôt des offres pour {stages} jusqu'au {first} (INET)")
    return typeset(f"Appel à offres de stages des élèves de l'INET ({item.school_year})")


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
    forms: Sequence[tuple[str, bytes]] = (),
    problems: list[str] | None = None,
) -> bytes:
    """The ``.eml`` draft: to the contact, from the coordination, ``X-Unsent: 1``.

    ``forms`` are the workbooks to attach, by name (one per promotion). An
    address that cannot be written in an e-mail leaves the draft without
    ``To``, and a French sentence saying so in ``problems``.
    """
    contact = calendar.contact
    attachments = tuple(
        Attachment(data=data, filename=name, mime_type=XLSX) for name, data in forms
    )
    return build_draft(
        to=Mailbox(name=item.contact.name, address=item.contact.email),
        sender=Mailbox(name=f"{contact.name} (INET)", address=contact.email),
        subject=subject(calendar, item, today),
        body=body,
        when=when,
        attachments=attachments,
        problems=problems,
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
                "school_years": list(item.school_years),
                "internships": list(item.internships),
                "by_promotion": {
                    year: [
                        sec.internship for sec in item.sections if sec.calendar.school_year == year
                    ]
                    for year in item.school_years
                },
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
    "Section",
    "attention",
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
