"""P: projets collectifs — population, participation to the costs, inter-filières team.

The population threshold and the fee are the calendar's ``collective`` data
of the internship (``population_more_than``, ``fee_eur``): an internship is a
« projet collectif » for these rules when the calendar gives it that section.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from inet_stages.calendar.model import Collective
from inet_stages.rules import Context, Hit, rule, track_names
from inet_stages.text.frdates import format_number
from inet_stages.text.vocabulary import LOCAL_BODY, LOCAL_BODY_TEXT

if TYPE_CHECKING:
    from inet_stages.offer.model import Offer


def _collective(offer: Offer, ctx: Context) -> Collective | None:
    if offer.internship is None:
        return None
    return ctx.calendar.internship(offer.internship).collective


@rule("P001", "error")
def population_missing(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Population manquante pour un projet collectif.

    Un projet collectif se déroule dans une collectivité de plus de
    40 000 habitants (seuil du calendrier) : host.population est obligatoire.

    Exemple : une table [host] sans population donne
        offre.toml:7: P001 (erreur) population manquante : un projet collectif se déroule dans une
        collectivité de plus de 40 000 habitants ; ajoutez population = … (nombre d'habitants) dans
        [host]. [host.population]
    """
    collective = _collective(offer, ctx)
    if collective is None or offer.host.population is not None:
        return
    if "host.population" in offer.bad_fields or "host" in offer.bad_fields:
        return
    yield (
        "host.population",
        "population manquante : un projet collectif se déroule dans une collectivité de plus "
        f"de {format_number(collective.population_more_than)} habitants ; ajoutez "
        "population = … (nombre d'habitants) dans [host].",
    )


@rule("P002", "error", curable=False)
def population_too_small(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Collectivité trop petite pour un projet collectif.

    Il faut « plus de 40 000 habitants » : 40 000 tout juste ne suffit pas,
    40 001 suffit. Le seuil vient du calendrier.

    Exemple : population = 40000 donne
        offre.toml:10: P002 (erreur) 40 000 habitants : un projet collectif demande une collectivité
        de plus de 40 000 habitants. [host.population]
    """
    collective = _collective(offer, ctx)
    population = offer.host.population
    if collective is None or population is None:
        return
    if population <= collective.population_more_than:
        yield (
            "host.population",
            f"{format_number(population)} habitants : un projet collectif demande une collectivité "
            f"de plus de {format_number(collective.population_more_than)} habitants.",
        )


@rule("P003", "error")
def fee_not_accepted(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Participation forfaitaire aux frais non acceptée.

    Un projet collectif demande une participation forfaitaire (4 000 € en
    2026-2027, montant du calendrier) : l'offre doit avoir une table
    [collective_project] avec fee_accepted = true.

    Exemple : fee_accepted = false donne
        offre.toml:19: P003 (erreur) la participation forfaitaire de 4 000 € aux frais du projet
        collectif doit être acceptée : fee_accepted = true. [collective_project.fee_accepted]
    """
    collective = _collective(offer, ctx)
    if collective is None or offer.fee_accepted is True:
        return
    if offer.collective_table and offer.fee_accepted is None:
        return  # the key is missing or of the wrong type: S001 / S002 say so
    where = "" if offer.collective_table else " dans une table [collective_project]"
    yield (
        "collective_project.fee_accepted",
        f"la participation forfaitaire de {format_number(collective.fee_eur)} € aux frais du "
        f"projet collectif doit être acceptée : fee_accepted = true{where}.",
    )


@rule("P004", "warning")
def not_all_tracks(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Projet collectif proposé à une partie des filières seulement.

    L'équipe d'un projet collectif est inter-filières : administrateurs,
    conservateurs et ingénieurs. offer.tracks peut être omis (les trois
    filières) ; s'il est donné, il devrait les nommer toutes.

    Exemple : tracks = ["administrateurs"] donne
        offre.toml:3: P004 (avertissement) l'équipe d'un projet collectif réunit les filières
        Administrateurs, Conservateurs, Ingénieurs ; manque : Conservateurs, Ingénieurs (omettez
        tracks pour les trois). [offer.tracks]
    """
    if _collective(offer, ctx) is None or not offer.tracks_given or offer.internship is None:
        return
    expected = [w.track for w in ctx.calendar.windows_of_internship(offer.internship)]
    missing = [track for track in expected if track not in offer.tracks]
    if missing:
        yield (
            "offer.tracks",
            "l'équipe d'un projet collectif réunit les filières "
            f"{track_names(ctx.calendar, expected)} ; manque : "
            f"{track_names(ctx.calendar, missing)} (omettez tracks pour les trois).",
        )


@rule("P005", "warning")
def collective_table_elsewhere(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Table [collective_project] dans une offre qui n'est pas un projet collectif.

    La table [collective_project] ne concerne que les projets collectifs ;
    ailleurs elle est ignorée. Vérifiez offer.internship.

    Exemple : internship = "thematique" avec une table [collective_project] donne
        offre.toml:21: P005 (avertissement) la table [collective_project] ne concerne que les
        projets collectifs : elle est ignorée pour « Stage thématique ». [collective_project]
    """
    if not offer.collective_table or offer.internship is None:
        return
    if _collective(offer, ctx) is None:
        label = ctx.calendar.internship(offer.internship).label
        yield (
            "collective_project",
            "la table [collective_project] ne concerne que les projets collectifs : elle est "
            f"ignorée pour « {label} ».",
        )


@rule("P006", "error", curable=False)
def local_body_not_collectivite(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Projet collectif dans un établissement public local.

    Un projet collectif se déroule « au sein d'une collectivité de plus de
    40 000 habitants » : un établissement public local (CCAS, SDIS, centre de
    gestion, syndicat mixte…) n'en est pas une. Une communauté ou une
    métropole (epci) en est une.

    Exemple : internship = "projet_collectif" et kind = "etablissement_public_local" donne
        offre.toml:9: P006 (erreur) un établissement public local (CCAS, SDIS, centre de gestion,
        syndicat mixte…) n'est pas une collectivité : un projet collectif se déroule dans une
        collectivité de plus de 40 000 habitants. [host.kind]
    """
    collective = _collective(offer, ctx)
    if collective is None or offer.host.kind != LOCAL_BODY:
        return
    yield (
        "host.kind",
        f"un {LOCAL_BODY_TEXT} n'est pas une collectivité : un projet collectif se déroule "
        f"dans une collectivité de plus de {format_number(collective.population_more_than)} "
        "habitants.",
    )
