"""The call for offers and the reminders before each deadline, as e-mail drafts.

Pure core of ``inet-stages call``: renders each draft planned by
:mod:`inet_stages.call.plan` from Jinja2 templates beside the letters'
(``templates/call/appel.j2``, ``templates/call/relance.j2``), which the
coordination may override by copying them into her ``lettres/`` folder, like
the letters (:mod:`inet_stages.report.texts`: same sandbox, same register, same
errors naming the file and the line), and writes it as an e-mail.

Nothing here reads the clock, a file of hers or the environment: the CLI
gives ``today`` and her folder.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from inet_stages.calendar import Calendar, Internship, Window
from inet_stages.call.contacts import HostContact
from inet_stages.call.plan import DraftKind, LeftOut, Planned, Section
from inet_stages.intake.columns import form_name
from inet_stages.io.mail import Attachment, Mailbox, build_draft
from inet_stages.report.address import place, salutation
from inet_stages.report.texts import LetterError, join_words, render_template
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


def environment(own: Path | None) -> SandboxedEnvironment:
    """The letters' sandboxed, budgeted environment: her ``lettres/`` folder first, then the
    packaged call templates (one environment for every template of hers)."""
    from inet_stages.report.texts import environment as letters_environment

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


def attention(contact: HostContact) -> str:
    """« À l'attention de Madame Camille Martin », « d'Anne Petit » without a civility."""
    if not contact.name:
        return ""
    if contact.civility:
        return f"À l'attention de {contact.civility} {contact.name}"
    elided = contact.name[:1].casefold() in "aàâäeéèêëiîïoôöuùûüyh"
    return f"À l'attention {'d’' if elided else 'de '}{contact.name}".replace("’", "'")


def _article(label: str, short: str) -> str:
    """« le stage d'observation », « les projets collectifs »: the internship in a sentence."""
    if label.casefold().startswith("stage"):
        return "le " + _lower_first(label)
    return "les " + _lower_first(short or label)


def _line_label(internship: Internship) -> str:
    """The internship before its tracks in brackets: « Stage d'observation », but the short
    « Projets collectifs » for « Projets collectifs (inter-filières) » (no two brackets)."""
    if "(" in internship.label and internship.short:
        return internship.short
    return internship.label


def _shorts(calendar: Calendar, tracks: Sequence[str]) -> str:
    return join_words([calendar.track(t).short if t in calendar.track_ids else t for t in tracks])


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
            label = _line_label(each.internship(section.internship))
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
        "les_stages": join_words([s["le_stage"] for s in stages if s["le_stage"]]),
        "plusieurs_stages": len(item.internships) > 1,
        "echeances": deadlines,
        "deja_recu": join_words(list(dict.fromkeys(received))),
        "formulaire_joint": attach_form,
        "formulaire": join_words(forms),
        "formulaires": forms,
        "contact": _coordination(calendar),
    }


#: A subject longer than this names no internship (« des offres de stages »): a mail
#: client shows about that much of it.
SUBJECT_LENGTH = 90


def until(days: Sequence[date]) -> str:
    """What follows « jusqu'au »: « 30 janvier 2026 », « 30 janvier et au 16 février 2026 »,
    and past two dates the nearest one « et à d'autres dates »."""
    if not days:
        return ""
    first = format_date(days[0], weekday=False)
    if len(days) == 1:
        return first
    if len(days) > 2:
        return f"{first} et à d'autres dates"
    last = format_date(days[1], weekday=False)
    if days[0].year == days[1].year:
        first = first.rsplit(" ", 1)[0]  # the year once, after the second date
    return f"{first} et au {last}"


def subject(calendar: Calendar, item: Planned, today: date) -> str:
    """The e-mail's subject: the call, or the reminder naming its deadlines and, when short
    enough, its internship (« pour le stage d'observation »; « de stages » when several)."""
    if item.kind == "relance" and item.deadlines:
        when = until(item.deadlines)
        several = len(item.internships) > 1
        what = "de stages" if several else "de stage"
        if not several:
            first = item.sections[0]
            internship = first.calendar.internship(first.internship)
            named = f"pour {_article(internship.label, internship.short)}"
            text = f"Relance : dépôt des offres {named} jusqu'au {when} (INET)"
            if len(text) <= SUBJECT_LENGTH:
                return typeset(text)
        return typeset(f"Relance : dépôt des offres {what} jusqu'au {when} (INET)")
    return typeset(f"Appel à offres de stages des élèves de l'INET ({item.school_year})")


def render(
    calendar: Calendar,
    item: Planned,
    *,
    today: date,
    env: SandboxedEnvironment,
    attach_form: bool,
) -> str:
    """The draft's text, typeset; a :class:`~inet_stages.report.texts.LetterError` if a
    template fails."""
    import re

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
    "LetterError",
    "attention",
    "context",
    "environment",
    "form_name",
    "render",
    "subject",
    "summary_json",
    "to_email",
    "until",
]
