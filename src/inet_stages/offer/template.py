"""A commented offer skeleton for one internship, its comments drawn from the calendar.

The host replaces each « À COMPLÉTER : … » value (the validator flags any left,
S006); everything else — the window, the weeks, the offer deadline, who may
host, who must tutor — is written from the calendar, so next year's template
follows next year's file.

Two variants: the host's (what a town hall can fill and send back: no
``#:schema`` line, no command, no editor) and the coordination's
(``coordination=True``), which keeps the schema line and the commands for
her editor. :func:`choose_promotion` picks the promotion an offer written
today is for, when two are in progress.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

from inet_stages.calendar.model import Calendar, Contact, Internship, Window
from inet_stages.offer.conditions import (
    collective_conditions,
    tutor_requirements,
    who_may_host,
)
from inet_stages.text.frdates import format_date, format_number, format_periods, format_weeks
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean
from inet_stages.text.vocabulary import (
    HOST_KIND_LABELS,
    HOST_KINDS,
    LOCAL_BODY,
    MISSION_KIND_LABELS,
    MISSION_KINDS,
    PLACEHOLDER,
    TERRITORIAL_KINDS,
)

#: Where the template's ``#:schema`` directive points: the file that
#: ``inet-stages schema offer -o offer.schema.json`` writes beside the offer.
SCHEMA_FILE = "offer.schema.json"


def _comment(text: str) -> list[str]:
    # clean(): text from the calendar must stay inside the comment (a newline
    # would start a key) and must not steer the terminal the template is shown on.
    # typeset() first: its non-breaking spaces are not where textwrap breaks; nor is a
    # hyphen (« inter-filières », « 2026-2027 » stay whole).
    wrapped = textwrap.wrap(typeset(clean(text)), width=76, break_on_hyphens=False)
    return [f"# {line}".rstrip() for line in wrapped]


def _placeholder(what: str) -> str:
    return f'"{PLACEHOLDER} : {what}"'


def _paragraphs(text: str, indent: str = "") -> list[str]:
    # The brochure's texts keep their lines and « - » bullets: each line is
    # wrapped on its own, a bullet's continuation indented under its text.
    lines: list[str] = []
    for raw in text.strip().splitlines():
        line = typeset(clean(raw.strip()))
        if not line:
            continue
        bullet = line.startswith("- ")
        lines += [
            f"# {indent}{part}".rstrip()
            for part in textwrap.wrap(
                line,
                width=76 - len(indent),
                subsequent_indent="  " if bullet else "",
                break_on_hyphens=False,
            )
        ]
    return lines


def _track_name(calendar: Calendar, track_id: str) -> str:
    return clean(calendar.track(track_id).short)


def _per_track(
    calendar: Calendar, windows: Sequence[Window], values: Sequence[str | tuple[str, ...]]
) -> list[tuple[str, str | tuple[str, ...]]]:
    """Group the windows by their value: [(« Administrateurs, Conservateurs », value)…]."""
    groups: dict[str | tuple[str, ...], list[str]] = {}
    for window, value in zip(windows, values, strict=True):
        groups.setdefault(value, []).append(_track_name(calendar, window.track))
    if len(groups) == 1:
        return [("", next(iter(groups)))]
    return [(", ".join(names), value) for value, names in groups.items()]


def _brochure_comment(
    calendar: Calendar, internship: Internship, windows: Sequence[Window]
) -> list[str]:
    """Purpose, objectives, modalities, examples from the calendar (per track if they differ)."""
    lines = _comment(f"Objet du stage : {internship.purpose}") if internship.purpose else []
    texts = (
        ("Objectifs", [w.objectives or internship.objectives for w in windows]),
        ("Modalités", [w.modalities or internship.modalities for w in windows]),
    )
    for title, values in texts:
        for names, value in _per_track(calendar, windows, values):
            if not value:
                continue
            assert isinstance(value, str)
            lines += ["#", f"# {title}{f' ({names})' if names else ''} :"]
            lines += _paragraphs(value, indent="  ")
    examples = [w.examples if w.examples is not None else internship.examples for w in windows]
    for names, value in _per_track(calendar, windows, examples):
        if not value:
            continue
        lines += ["#", f"# Exemples de missions{f' ({names})' if names else ''} :"]
        for example in value:
            lines += _paragraphs(f"- {example}", indent="  ")
    return lines


def _window_comment(calendar: Calendar, window: Window) -> list[str]:
    # The window as the brochure prints it: « 3 semaines du 30 ou 31 mars au 17
    # ou 18 avril 2026 », never the envelope's Saturday.
    deadline = (
        f"dépôt des offres jusqu'au {format_date(window.offers_deadline, weekday=False)}"
        if window.offers_deadline
        else "pas de date limite publiée"
    )
    periods = [(p.start, p.end) for p in window.alternatives] or [(window.start, window.end)]
    return [
        f"# - {_track_name(calendar, window.track)} : {format_weeks(window.weeks)} "
        f"{format_periods(periods)}",
        f"#   {deadline}",
    ]


def choose_promotion(
    calendars: Sequence[Calendar], internship_id: str, track_ids: Sequence[str], today: date
) -> Calendar:
    """The promotion an offer written on ``today`` is for (docs/guide/deux-promotions.md).

    The oldest promotion whose window (of these tracks) is still open to
    offers: a deadline on or after ``today``, or none published and the
    window not started. Else the newest promotion with the internship.
    """
    having = [c for c in calendars if internship_id in c.internship_ids]
    for calendar in sorted(having, key=lambda c: c.school_year):
        for window in calendar.windows_of_internship(internship_id):
            if track_ids and window.track not in track_ids:
                continue
            deadline = window.offers_deadline
            if (deadline >= today) if deadline is not None else (window.start > today):
                return calendar
    pool = having or list(calendars)
    return max(pool, key=lambda c: c.school_year)


def _host_comment(internship: Internship) -> list[str]:
    # Who may host, in words; the identifiers to type are listed under [host].
    lines = _comment(f"Qui peut accueillir : {who_may_host(internship)}")
    if internship.host_examples:
        lines += _comment(f"Exemples de structures : {internship.host_examples}")
    return lines


def _collective_comment(internship: Internship) -> list[str]:
    conditions = collective_conditions(internship)
    if not conditions:
        return []
    lines = ["#", "# Conditions du projet collectif :"]
    for n, condition in enumerate(conditions, start=1):
        lines += _paragraphs(f"- {condition}{' ;' if n < len(conditions) else '.'}", "  ")
    return lines


def _contact_comment(contact: Contact) -> list[str]:
    lines = ["#", "# Contact à l'INET (coordination des stages) :"]
    lines += _paragraphs(contact.one_line(), indent="  ")
    if contact.address:
        lines += _paragraphs(contact.address, indent="  ")
    if contact.website:
        lines += _paragraphs(contact.website, indent="  ")
    return lines


def _kind_choices(internship: Internship) -> list[str]:
    # Identifiers only here, where the host types one, each beside its label.
    kinds = TERRITORIAL_KINDS if internship.hosts == "territorial" else HOST_KINDS
    if internship.collective is not None:
        kinds = tuple(k for k in kinds if k != LOCAL_BODY)
    width = max(len(k) for k in kinds) + 2
    quoted = [f'"{kind}"' for kind in kinds]
    return [
        f"#   kind = {value:<{width}}  # {_short_label(HOST_KIND_LABELS[kind], 44 - width)}"
        for kind, value in zip(kinds, quoted, strict=True)
    ]


def _short_label(label: str, room: int) -> str:
    # The label without its parenthesis when the line would pass 80 columns.
    return label if len(label) <= room else label.split(" (", maxsplit=1)[0]


def render_template(
    calendar: Calendar,
    internship_id: str,
    track_ids: Sequence[str],
    *,
    coordination: bool = False,
) -> str:
    """The offer skeleton for ``internship_id`` and ``track_ids`` (each with this internship).

    The host's variant by default; ``coordination`` adds the ``#:schema``
    line and the commands to check the file.
    """
    internship = calendar.internship(internship_id)
    windows = [w for w in calendar.windows_of_internship(internship_id) if w.track in track_ids]
    collective = internship.collective
    contact = calendar.contact
    out = [f"#:schema ./{SCHEMA_FILE}"] if coordination else []
    # Wrapped like every comment: « Projets collectifs (inter-filières) » made it 81 wide.
    out += _comment(f"Offre de stage pour les élèves de l'INET : {internship.label}.")
    out += [f"# Promotion {clean(calendar.school_year)}.", "#"]
    if coordination:
        out += [
            f"# Remplacez chaque « {PLACEHOLDER} : … » par la vraie valeur, puis vérifiez :",
            "#     inet-stages validate offre.toml",
            "# Complétion des clés dans l'éditeur (taplo, Even Better TOML) :",
            f"#     inet-stages schema offer -o {SCHEMA_FILE}",
        ]
    else:
        out += [
            f"# Remplacez chaque « {PLACEHOLDER} : … » par la vraie valeur, en gardant",
            "# les guillemets, puis renvoyez ce fichier à la coordination des stages",
            f"# ({clean(contact.email)}).",
        ]
    out += [
        "#",
        "# Durée, période et date limite de dépôt des offres :",
    ]
    out += [line for window in windows for line in _window_comment(calendar, window)]
    out += ["#"]
    out += _host_comment(internship)
    for names, requirement in tutor_requirements(calendar, windows):
        concerned = f" ({names})" if names else ""
        out += _comment(f"Tuteur ou tutrice{concerned} : {requirement}.")
    out += _collective_comment(internship)
    out += ["#"]
    out += _brochure_comment(calendar, internship, windows)
    out += _contact_comment(calendar.contact)
    out += ["", "[offer]", f'internship = "{internship_id}"']
    if collective is not None:
        out += ["# tracks : les trois filières par défaut (équipe inter-filières)."]
    else:
        listed = ", ".join(f'"{w.track}"' for w in windows)
        named = ", ".join(f'"{w.track}" ({_track_name(calendar, w.track)})' for w in windows)
        out += _comment(f"Filières : {named}.")
        if len(windows) > 1:
            out += ["# Retirez les filières non concernées."]
        out += [f"tracks = [{listed}]"]
    out += [
        f"title = {_placeholder('intitulé de la mission, en une ligne')}",
        'description = """',
        f"{PLACEHOLDER} : la mission en quelques phrases (contexte, attendus,",
        "livrables, interlocuteurs de l'élève).",
        '"""',
        f"submitted = {_placeholder('date de dépôt, AAAA-MM-JJ')}",
        "# Dates du stage : la fenêtre entière par défaut (voir plus haut).",
    ]
    if windows and len({(w.period, w.alternatives) for w in windows}) == 1:
        first = windows[0].alternatives[0] if windows[0].alternatives else windows[0].period
        out += [
            "# Pour les préciser :",
            f"# start = {first.start.isoformat()}",
            f"# end = {first.end.isoformat()}",
        ]
    out += [
        "# Promotion des élèves (facultatif ; par défaut, celle dont la fenêtre",
        "# contient les dates du stage) :",
        f'# promotion = "{clean(calendar.school_year)}"',
    ]
    if internship_id == "professionnalisation":
        out += [
            "# Nature de la mission (facultatif) :",
            *(f'#   mission_kind = "{k}"  # {MISSION_KIND_LABELS[k]}' for k in MISSION_KINDS),
        ]
    if internship_id == "perfectionnement":
        out += [
            "# Stage de pré-prise de poste, en cas de recrutement (facultatif) :",
            f'# mission_kind = "pre_prise_de_poste"  # {MISSION_KIND_LABELS["pre_prise_de_poste"]}',
        ]
    out += [
        "",
        "[host]",
        f"name = {_placeholder('nom de la structure (Ville de …)')}",
        "# Nature de la structure : l'un de ces identifiants, entre guillemets :",
        *_kind_choices(internship),
        f"kind = {_placeholder('identifiant de la nature de la structure (ci-dessus)')}",
    ]
    if collective is not None:
        population = _placeholder("nombre d'habitants, sans guillemets")
        out += [f"population = {population}"]
    else:
        out += ["# population = 67000  # facultatif"]
    out += [
        f"city = {_placeholder('ville')}",
        "",
        "[tutor]",
        f"name = {_placeholder('prénom et nom')}",
        '# civility = "Madame"  # facultatif : Madame ou Monsieur (pour vous écrire)',
        f"position = {_placeholder('fonction en toutes lettres')}",
        f"email = {_placeholder('adresse électronique')}",
        '# phone = "03 00 00 00 00"  # facultatif',
    ]
    if collective is not None:
        out += [
            "",
            "[collective_project]",
            f"# Participation forfaitaire de {format_number(collective.fee_eur)} € aux frais "
            "de réalisation",
            "# (accompagnement méthodologique, déplacements) : true pour l'accepter.",
            "fee_accepted = false",
        ]
    # French typography, comments and placeholders alike: typeset never
    # touches « key = value », and the placeholder is recognised by its words.
    return "\n".join(typeset(line) for line in out) + "\n"
