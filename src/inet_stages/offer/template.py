"""A commented offer skeleton for one internship, its comments drawn from the calendar.

The host replaces each « À COMPLÉTER : … » value (the validator flags any left,
S006); everything else — the window, the weeks, the offer deadline, who may
host, who must tutor — is written from the calendar, so next year's template
follows next year's file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from inet_stages.calendar.model import Calendar, Internship, Window
from inet_stages.frdates import format_date, format_number, format_range, format_weeks
from inet_stages.textsafe import clean
from inet_stages.vocabulary import (
    EXPECTED_TUTOR,
    MISSION_KINDS,
    OTHER_KINDS,
    PLACEHOLDER,
    TERRITORIAL_KINDS,
)

#: Where the template's ``#:schema`` directive points: the file that
#: ``inet-stages schema offer -o offer.schema.json`` writes beside the offer.
SCHEMA_FILE = "offer.schema.json"


def _comment(text: str) -> list[str]:
    # clean(): text from the calendar must stay inside the comment (a newline
    # would start a key) and must not steer the terminal the template is shown on.
    return [f"# {line}".rstrip() for line in textwrap.wrap(clean(text), width=76)]


def _placeholder(what: str) -> str:
    return f'"{PLACEHOLDER} : {what}"'


def _window_comment(window: Window) -> list[str]:
    deadline = (
        f"dépôt des offres jusqu'au {format_date(window.offers_deadline)} inclus"
        if window.offers_deadline
        else "date limite de dépôt non publiée par le calendrier"
    )
    lines = [
        f"# - {window.track} : {format_weeks(window.weeks)} du "
        f"{format_range(window.start, window.end)}",
        f"#   {deadline}",
    ]
    if window.alternatives:
        lines.append("#   périodes possibles :")
        lines += [f"#   · du {format_range(p.start, p.end)}" for p in window.alternatives]
    return lines


def _host_comment(internship: Internship, collective_population: int | None) -> list[str]:
    territorial = ", ".join(TERRITORIAL_KINDS)
    match internship.hosts:
        case "territorial":
            text = f"une collectivité territoriale (kind : {territorial})."
        case "territorial_preferred":
            text = (
                f"en principe une collectivité territoriale (kind : {territorial}). "
                f"{internship.host_examples}"
            )
        case "any":
            text = (
                f"toute structure (kind : {territorial}, {', '.join(OTHER_KINDS)}). "
                f"{internship.host_examples}"
            )
    lines = _comment(f"Structure d'accueil : {text}")
    if collective_population is not None:
        lines += _comment(
            f"Projet collectif : collectivité de plus de {format_number(collective_population)} "
            "habitants."
        )
    return lines


def render_template(calendar: Calendar, internship_id: str, track_ids: Sequence[str]) -> str:
    """The offer skeleton for ``internship_id`` and ``track_ids`` (each with this internship)."""
    internship = calendar.internship(internship_id)
    windows = [w for w in calendar.windows_of_internship(internship_id) if w.track in track_ids]
    collective = internship.collective
    out = [
        f"#:schema ./{SCHEMA_FILE}",
        f"# Offre de stage pour les élèves de l'INET : {clean(internship.label)}.",
        f"# Calendrier {clean(calendar.school_year)}.",
        "#",
        f"# Remplacez chaque « {PLACEHOLDER} : … » par la vraie valeur, puis vérifiez :",
        "#     inet-stages validate offre.toml",
        "# Complétion des clés dans l'éditeur (taplo, Even Better TOML) :",
        f"#     inet-stages schema offer -o {SCHEMA_FILE}",
        "#",
        "# Fenêtre, durée et date limite de dépôt :",
    ]
    out += [line for window in windows for line in _window_comment(window)]
    out += _host_comment(internship, collective.population_more_than if collective else None)
    tutors = sorted({w.tutor for w in windows if w.tutor is not None})
    for requirement in tutors:
        concerned = ", ".join(w.track for w in windows if w.tutor == requirement)
        out += _comment(f"Tuteur ou tutrice ({concerned}) : {EXPECTED_TUTOR[requirement]}.")
    if not tutors:
        out += _comment(
            "Tuteur ou tutrice : la personne qui encadre l'élève au quotidien ; sa fonction "
            "en toutes lettres et une adresse électronique valide."
        )
    out += ["", "[offer]", f'internship = "{internship_id}"']
    if collective is not None:
        out += ["# tracks : les trois filières par défaut (équipe inter-filières)."]
    else:
        listed = ", ".join(f'"{w.track}"' for w in windows)
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
    if internship_id == "professionnalisation":
        out += [
            "# Nature de la mission (facultatif) :",
            "#   " + " | ".join(MISSION_KINDS),
            f'# mission_kind = "{MISSION_KINDS[0]}"',
        ]
    out += [
        "",
        "[host]",
        f"name = {_placeholder('nom de la structure (Ville de …)')}",
        f"kind = {_placeholder('commune, epci, departement… (voir plus haut)')}",
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
    return "\n".join(out) + "\n"
