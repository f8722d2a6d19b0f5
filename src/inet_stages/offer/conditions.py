"""Who may host an internship and who must tutor it, in the brochure's words.

Shared by the offer template (its comments) and the web page (its
« Conditions d'accueil » section), so that a host reads the same conditions
wherever the coordination sends it. Everything is drawn from the calendar:
next year's thresholds follow next year's file.
"""

from __future__ import annotations

from collections.abc import Sequence

from inet_stages.calendar.model import Calendar, Internship, Window
from inet_stages.text.frdates import format_number
from inet_stages.text.vocabulary import EXPECTED_TUTOR

#: The kinds of collectivité territoriale, in words (the ids are for the template's key).
COLLECTIVITES = (
    "commune, EPCI, département, région, collectivité à statut particulier ou d'outre-mer"
)

#: The tutor when the calendar sets no requirement for a window.
ANY_TUTOR = (
    "la personne qui encadre l'élève au quotidien ; sa fonction en toutes lettres et une "
    "adresse électronique valide"
)


def who_may_host(internship: Internship) -> str:
    """« une collectivité territoriale (…) de plus de 40 000 habitants. », and so on."""
    collective = internship.collective
    match internship.hosts:
        case "territorial" if collective is not None:
            return (
                f"une collectivité territoriale ({COLLECTIVITES}) de plus de "
                f"{format_number(collective.population_more_than)} habitants."
            )
        case "territorial":
            return (
                f"une collectivité territoriale ({COLLECTIVITES}) ; un établissement public "
                "local (CCAS, SDIS, centre de gestion…) sous réserve de l'accord de la "
                "coordination des stages."
            )
        case "territorial_preferred":
            return (
                "en principe une collectivité territoriale ou un établissement public local ; "
                "une autre structure si le projet professionnel de l'élève le justifie."
            )
        case "any":
            return "toute structure, publique ou privée, en France ou à l'étranger."


def collective_conditions(internship: Internship) -> list[str]:
    """The projet collectif's thresholds, one phrase each (empty for another internship)."""
    collective = internship.collective
    if collective is None:
        return []
    return [
        f"une collectivité de plus de {format_number(collective.population_more_than)} habitants",
        f"une équipe de {collective.students_per_project} élèves des filières de l'INET",
        f"une participation forfaitaire de {format_number(collective.fee_eur)} € aux frais "
        "de réalisation (accompagnement méthodologique, déplacements)",
    ]


def tutor_requirements(calendar: Calendar, windows: Sequence[Window]) -> list[tuple[str, str]]:
    """[(tracks by their short labels, the tutor expected)…], one per requirement.

    The track names are empty when every window asks the same thing.
    """
    groups: dict[str, list[str]] = {}
    for window in windows:
        text = EXPECTED_TUTOR[window.tutor] if window.tutor is not None else ANY_TUTOR
        groups.setdefault(text, []).append(calendar.track(window.track).short)
    if len(groups) == 1:
        return [("", next(iter(groups)))]
    return [(", ".join(names), text) for text, names in groups.items()]
