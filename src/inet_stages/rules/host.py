"""H: the host organisation — its kind, and whether the internship accepts it.

Which internship requires a territorial host, prefers one or accepts any is
the calendar's ``hosts`` policy of each internship, not a list in this code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from inet_stages.rules import Context, Hit, reader_rule, rule
from inet_stages.text.vocabulary import (
    HOST_KIND_LABELS,
    LOCAL_BODY,
    LOCAL_BODY_TEXT,
    TERRITORIAL_KINDS,
)

if TYPE_CHECKING:
    from inet_stages.offer.model import Offer

reader_rule(
    "H003",
    "error",
    """Nature de structure d'accueil inconnue.

    host.kind vaut, pour une collectivité : commune, epci, departement,
    region, collectivite_unique (Corse, Martinique, Guyane, Mayotte, Paris…),
    collectivite_outre_mer, etablissement_public_local (CCAS, SDIS, centre de
    gestion, syndicat mixte…) ; sinon : etat, etablissement_public_national,
    entreprise_publique, collectivite_etrangere, association, syndicat,
    hopital, entreprise_privee, autre.

    Exemple : kind = "mairie" donne
        offre.toml:12: H003 (erreur) nature de structure inconnue « mairie ». Collectivités :
        commune, epci, departement, region, collectivite_unique, collectivite_outre_mer,
        etablissement_public_local ; autres : etat, etablissement_public_national,
        entreprise_publique, collectivite_etrangere, association, syndicat, hopital,
        entreprise_privee, autre. [host.kind]
    """,
)


#: Host kinds that are collectivités territoriales (an EPCI is one for these
#: rules; an établissement public local — CCAS, SDIS, centre de gestion,
#: syndicat mixte — is not).
COLLECTIVITES: tuple[str, ...] = tuple(k for k in TERRITORIAL_KINDS if k != LOCAL_BODY)


@rule("H001", "error", curable=False)
def host_not_territorial(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Structure d'accueil non territoriale pour un stage qui exige une collectivité.

    Les stages d'observation, thématiques et de professionnalisation et les
    projets collectifs se déroulent dans une collectivité territoriale
    (hosts = "territorial" dans le calendrier). Le stage de
    professionnalisation « doit être un temps de rencontre avec les élus, la
    direction générale et les partenaires de la collectivité ». Un
    établissement public local (CCAS, SDIS…) n'est pas une collectivité : il
    est à confirmer avec la coordination, et refusé pour un projet collectif.

    Exemple : internship = "thematique" et kind = "etat" donne
        offre.toml:12: H001 (erreur) structure d'accueil « Service de l'État » (kind = "etat") : «
        Stage thématique » se déroule dans une collectivité territoriale (kind : commune, epci,
        departement, region, collectivite_unique, collectivite_outre_mer). [host.kind]
    """
    if offer.internship is None or offer.host.territorial is not False:
        return
    internship = ctx.calendar.internship(offer.internship)
    if internship.hosts == "territorial":
        yield (
            "host.kind",
            f"structure d'accueil {_kind_named(offer.host.kind)} : « {internship.label} » se "
            f"déroule dans une collectivité territoriale (kind : {', '.join(COLLECTIVITES)}).",
        )


def _kind_named(kind: str | None) -> str:
    """« Service de l'État » (kind = "etat"): the label for people, the id the host typed."""
    label = HOST_KIND_LABELS.get(kind or "", kind or "")
    return f'« {label} » (kind = "{kind}")'


@rule("H002", "warning")
def host_territorial_preferred(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Structure non territoriale pour un stage qui privilégie une collectivité.

    Le stage de perfectionnement se fait en principe dans une collectivité
    territoriale (hosts = "territorial_preferred" dans le calendrier) ; il
    peut se faire ailleurs « si le projet professionnel de l'élève le
    justifie ». L'offre est recevable ; la coordination vérifiera ce point.

    Exemple : internship = "perfectionnement" et kind = "entreprise_publique" donne
        offre.toml:12: H002 (avertissement) structure d'accueil « Entreprise publique » (kind =
        "entreprise_publique") : « Stage de perfectionnement » se fait en principe en collectivité
        territoriale. Structures attendues : Collectivités territoriales ; hors collectivité si le
        projet professionnel de l'élève le justifie. [host.kind]
    """
    if offer.internship is None or offer.host.territorial is not False:
        return
    internship = ctx.calendar.internship(offer.internship)
    if internship.hosts == "territorial_preferred":
        expected = ""
        if internship.host_examples:
            expected = f" Structures attendues : {internship.host_examples}"
        yield (
            "host.kind",
            f"structure d'accueil {_kind_named(offer.host.kind)} : « {internship.label} » se "
            f"fait en principe en collectivité territoriale.{expected}",
        )


@rule("H004", "warning")
def host_local_body(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Établissement public local pour un stage qui se déroule en collectivité : à confirmer.

    Un établissement public local (CCAS, SDIS, centre de gestion, syndicat
    mixte…) n'est pas une collectivité territoriale ; une communauté ou une
    métropole (epci) en est une. Pour les stages d'observation, thématiques
    et de professionnalisation, l'offre est recevable sous réserve de
    l'accord de la coordination des stages ; pour un projet collectif, c'est
    une erreur (P006).

    Exemple : internship = "thematique" et kind = "etablissement_public_local" donne
        offre.toml:12: H004 (avertissement) un établissement public local (CCAS, SDIS, centre de
        gestion, syndicat mixte…) n'est pas une collectivité territoriale : « Stage thématique »
        dans cette structure est à confirmer avec la coordination des stages. [host.kind]
    """
    if offer.internship is None or offer.host.kind != LOCAL_BODY:
        return
    internship = ctx.calendar.internship(offer.internship)
    if internship.hosts == "territorial" and internship.collective is None:
        yield (
            "host.kind",
            f"un {LOCAL_BODY_TEXT} n'est pas une collectivité territoriale : "
            f"« {internship.label} » dans cette structure est à confirmer avec la coordination "
            "des stages.",
        )
