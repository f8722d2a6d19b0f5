"""What each rule rests on: the brochure's sentence, or the coordination's practice.

``inet-stages rules CODE`` shows it under the rule's explanation, so that the
coordinator can answer a host who asks « où est-ce écrit ? ». Every code of
the registry has a source (a test holds it to that, and each quoted sentence
to the brochure's text, ``seeds/000_d21ad056699ed0e3.txt``): either one or
more sentences quoted word for word from the brochure « Accueillir un ou une
élève en stage » (2026-2027), or the coordination's practice in words, or
both when the rule goes further than the sentence it rests on.

The families of the file and of the calendar (F, S, C) and the decisions (X)
are the tool's own: their source is the coordination's practice, given once
per family. Data only: kept apart from the registry (``findings.py``) so that
either may change without the other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: The brochure the quotations come from.
BROCHURE = "« Accueillir un ou une élève en stage » (INET, 2026-2027)"


@dataclass(frozen=True, kw_only=True)
class Source:
    """The brochure's sentences a rule rests on (word for word), and the coordination's practice."""

    quotes: tuple[str, ...] = ()
    practice: str = ""


_DATES = "Les dates sont celles du calendrier de la promotion, tiré de la brochure."
_DEADLINE = (
    "Le jour de la date limite est encore dans les délais ; la coordination des stages "
    "examine une offre arrivée après."
)
_OBSERVATION_DGS = "L'élève est directement placé auprès du DGS et sous son autorité."
_OBSERVATION_LIBRARY = (
    "L'élève est directement placé auprès du directeur ou de la directrice d'établissement "
    "et sous son autorité."
)
_COLLECTIVE_HOST = (
    "Le projet collectif est un stage réalisé au sein d'une collectivité de plus de "
    "40 000 habitants"
)
_MISSION_KINDS = (
    "d'une mission de pilotage de projet en lien avec des acteurs impliqués au sein de la "
    "collectivité et des partenaires,",
    "d'un renfort managérial, à condition qu'il soit tutoré,",
    "Il peut s'agir d'un stage de pré-prise de poste en cas de recrutement.",
)

#: The source of each rule of the offers, by code.
SOURCES: Mapping[str, Source] = {
    "I001": Source(
        practice="Les stages sont ceux du calendrier de la promotion, tiré de la brochure ; "
        "un autre nom n'en désigne aucun."
    ),
    "I002": Source(
        quotes=(
            "Les stages des élèves conservateurs et conservatrices territoriaux du patrimoine "
            "sont gérés par l'INP (Institut National du Patrimoine), dans le cadre du "
            "partenariat avec l'INET.",
        ),
        practice="Les filières sont celles du calendrier : administrateurs, conservateurs de "
        "bibliothèques, ingénieurs.",
    ),
    "I003": Source(
        quotes=(
            "Etape finale de la professionnalisation individuelle des élèves ingénieures et "
            "ingénieurs en chef territoriaux, ce stage intervient à la fin de leur scolarité "
            "de 12 mois à l'INET.",
        ),
        practice="Chaque filière a les stages que le calendrier lui donne (pas de stage "
        "thématique pour les ingénieurs, le perfectionnement pour eux seuls).",
    ),
    "I004": Source(
        quotes=_MISSION_KINDS,
        practice="La nature de mission est l'une de ces trois, sous son identifiant.",
    ),
    "I005": Source(
        quotes=_MISSION_KINDS,
        practice="La brochure ne les prévoit que pour la professionnalisation et le "
        "perfectionnement.",
    ),
    "D001": Source(practice="Une date s'écrit AAAA-MM-JJ (format du fichier d'offre)."),
    "D002": Source(
        quotes=(
            "Dépôt des offres jusqu'au 24 novembre 2025",
            "Dépôt des offres jusqu'au 16 février 2026",
        ),
        practice=_DEADLINE,
    ),
    "D003": Source(
        quotes=(
            "4 semaines du 30 mars au 24 avril 2026",
            "3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026",
        ),
        practice=_DATES,
    ),
    "D004": Source(practice="Un stage commence avant de finir."),
    "D005": Source(
        quotes=("7 semaines du 26 mai au 10 juillet 2026",),
        practice="Un stage de N semaines dure au moins 7 × N − 3 jours, du premier au dernier "
        "jour (une semaine peut commencer le mardi après un lundi férié et finir un vendredi).",
    ),
    "D006": Source(practice="Une offre ne peut pas avoir été déposée après aujourd'hui."),
    "D007": Source(practice="Une date s'écrit AAAA-MM-JJ, pas JJ/MM/AAAA."),
    "D008": Source(practice="Une date s'écrit AAAA-MM-JJ, avec ses zéros et ses tirets."),
    "D010": Source(
        quotes=("Les opportunités de stages au cours de la scolarité 2026-27",),
        practice="Chaque promotion a son calendrier ; une offre est jugée sur celui de sa "
        "promotion.",
    ),
    "D011": Source(
        quotes=("9 semaines du 12 octobre au 18 décembre 2026",),
        practice=_DATES,
    ),
    "D012": Source(
        quotes=("Dépôt des offres jusqu'au 19 juin 2026",),
        practice="Une offre sans dates est pour la promotion dont la fenêtre commence la "
        "première après son dépôt ; en retard, elle le reste, et la coordination des stages "
        "demande d'écrire la promotion voulue.",
    ),
    "H001": Source(
        quotes=(
            "Appréhender, au sein d'une direction générale, les enjeux spécifiques de la "
            "collectivité",
            "Ce stage individuel donne aux élèves l'opportunité d'approfondir une thématique "
            "et d'effectuer un travail d'analyse pour une collectivité.",
            "Dans tous les cas, ce stage doit être un temps de rencontre avec les élus, la "
            "direction générale et les partenaires de la collectivité.",
        ),
    ),
    "H002": Source(
        quotes=(
            "Si le projet professionnel de l'élève le justifie, le stage peut être réalisé "
            "hors collectivité territoriale.",
        ),
        practice="La coordination des stages examine le projet de l'élève.",
    ),
    "H003": Source(practice="La nature de la structure est l'une de la liste du format."),
    "H004": Source(
        practice="La coordination des stages examine l'offre d'un établissement public local "
        "(CCAS, SDIS, centre de gestion…), le stage se déroulant en collectivité."
    ),
    "T001": Source(
        quotes=(_OBSERVATION_DGS,),
        practice="La coordination des stages n'accepte pas un adjoint ou une adjointe (DGA).",
    ),
    "T002": Source(
        quotes=(_OBSERVATION_LIBRARY,),
        practice="La coordination des stages n'accepte ni un adjoint ou une adjointe, ni la "
        "direction des affaires culturelles.",
    ),
    "T003": Source(
        practice="La coordination des stages répond au tuteur ou à la tutrice par courriel."
    ),
    "T004": Source(
        quotes=(_OBSERVATION_DGS,),
        practice="Une petite commune n'a pas toujours de DGS : la coordination des stages "
        "confirme le secrétaire général de mairie ou un « directeur général » sans autre "
        "précision.",
    ),
    "T005": Source(
        quotes=("en réponse à une commande portée par la direction générale d'une collectivité.",),
        practice="La coordination des stages demande un tuteur ou une tutrice de la direction "
        "générale (DGS ou DGA).",
    ),
    "P001": Source(quotes=(_COLLECTIVE_HOST,)),
    "P002": Source(quotes=(_COLLECTIVE_HOST,)),
    "P003": Source(
        quotes=(
            "Une participation forfaitaire de 4 000 € est demandée pour contribuer à la "
            "couverture des frais de réalisation des projets collectifs",
        ),
    ),
    "P004": Source(
        quotes=(
            "par une équipe composée d'élèves administrateurs, administratrices, "
            "conservateurs, conservatrices de bibliothèques, ingénieurs et ingénieurs en chef "
            "territoriaux.",
        ),
    ),
    "P005": Source(
        practice="La table [collective_project] ne sert qu'aux projets collectifs (format "
        "du fichier d'offre)."
    ),
    "P006": Source(
        quotes=(_COLLECTIVE_HOST,),
        practice="Un établissement public local (CCAS, SDIS…) n'est pas une collectivité.",
    ),
    "W001": Source(
        practice="La coordination des stages demande une description qui dise la mission."
    ),
    "W002": Source(
        practice="Une offre envoyée deux fois est un seul dossier ; la coordination des "
        "stages garde un exemplaire."
    ),
}

#: The families whose rules are the tool's own (the file, its structure, the
#: calendar she writes, her decisions): one practice for each.
FAMILY_PRACTICE: Mapping[str, str] = {
    "F": "Format du fichier d'offre : un fichier TOML en UTF-8, lisible par l'outil.",
    "S": "Format du fichier d'offre (version 1) : ses tables, ses clés et leurs valeurs.",
    "C": "Cohérence du calendrier que la coordination écrit à partir de la brochure.",
    "X": "Décisions de la coordination des stages (decisions.toml).",
}


def source_of(code: str) -> Source | None:
    """The source of ``code``: its own, else its family's practice; None if it has none."""
    own = SOURCES.get(code)
    if own is not None:
        return own
    practice = FAMILY_PRACTICE.get(code[:1])
    return Source(practice=practice) if practice else None


__all__ = ["BROCHURE", "FAMILY_PRACTICE", "SOURCES", "Source", "source_of"]
