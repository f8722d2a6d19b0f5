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

#: The kinds of collectivité territoriale, in words (the ids are for the template's key).
COLLECTIVITES = (
    "commune, EPCI, département, région, collectivité à statut particulier ou d'outre-mer"
)

#: The tutor each requirement asks for, as hosts read it: the brochure's sentence
#: quoted, the rest the coordination's practice (the rules' accepted spellings
#: are for her, :data:`inet_stages.text.vocabulary.EXPECTED_TUTOR`).
HOST_TUTOR: dict[str, str] = {
    "dgs": (
        "le ou la DGS (« L'élève est directement placé auprès du DGS et sous son "
        "autorité ») ; la coordination des stages n'accepte pas un adjoint ou une adjointe"
    ),
    "directeur_bibliotheque": (
        "le directeur ou la directrice de l'établissement (« L'élève est directement placé "
        "auprès du directeur ou de la directrice d'établissement et sous son autorité ») ; la "
        "coordination des stages n'accepte ni un adjoint ou une adjointe, ni la direction des "
        "affaires culturelles"
    ),
    "direction_generale": (
        "un membre de la direction générale (DGS ou DGA), comme le demande la coordination des "
        "stages, la commande étant « portée par la direction générale »"
    ),
}

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
            # The brochure's list for the stage d'ouverture, « les élèves identifient les
            # structures ».
            return (
                "les élèves identifient les structures (associations, services de l'État, "
                "collectivités européennes, collectivités d'outre-mer, établissements "
                "particuliers, secteur privé...)."
            )


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
        text = HOST_TUTOR.get(window.tutor, ANY_TUTOR) if window.tutor is not None else ANY_TUTOR
        groups.setdefault(text, []).append(calendar.track(window.track).short)
    if len(groups) == 1:
        return [("", next(iter(groups)))]
    return [(", ".join(names), text) for text, names in groups.items()]
