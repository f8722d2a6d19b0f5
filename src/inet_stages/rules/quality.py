"""W: the quality of an offer and of a batch — a real description, no duplicate offers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from inet_stages.rules import Context, Hit, reader_rule, rule

if TYPE_CHECKING:
    from inet_stages.offer.model import Offer

#: Fewer words than this cannot describe a mission (a heuristic of this tool,
#: not a rule of the brochure; hence a warning).
MIN_DESCRIPTION_WORDS = 15


@rule("W001", "warning")
def short_description(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Description trop courte pour décrire une mission.

    offer.description présente la mission : contexte, attendus, livrables,
    interlocuteurs. Moins de 15 mots ne suffisent pas à un élève pour choisir
    son stage. Un texte sur plusieurs lignes s'écrit entre triples guillemets.

    Exemple : description = "Mission RH." donne
        offre.toml:7: W001 (avertissement) description de 2 mots : décrivez la mission (contexte,
        attendus, livrables) en 15 mots au moins. [offer.description]
    """
    if offer.description is None:
        return
    words = len(offer.description.split())
    if words < MIN_DESCRIPTION_WORDS:
        noun = "mot" if words == 1 else "mots"
        yield (
            "offer.description",
            f"description de {words} {noun} : décrivez la mission (contexte, attendus, "
            f"livrables) en {MIN_DESCRIPTION_WORDS} mots au moins.",
        )


reader_rule(
    "W002",
    "warning",
    """Offre en double dans le lot.

    Deux fichiers vérifiés ensemble ont la même structure d'accueil, le même
    stage et le même intitulé (majuscules, accents et espaces indifférents) :
    sans doute la même offre déposée deux fois. L'avertissement figure sur
    chacun des fichiers et nomme l'autre.

    Exemple :
        offres/colmar.toml:6: W002 (avertissement) même structure, même stage et même intitulé que
        colmar-v2.toml : offre en double ? [offer.title]
    """,
)
