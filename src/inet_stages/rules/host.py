"""H: the host organisation — its kind, and whether the internship accepts it.

Which internship requires a territorial host, prefers one or accepts any is
the calendar's ``hosts`` policy of each internship, not a list in this code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from inet_stages.rules import Context, Hit, reader_rule, rule
from inet_stages.vocabulary import TERRITORIAL_KINDS

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
        offre.toml:11: H003 nature de structure inconnue « mairie ». Collectivités : commune, …
    """,
)


@rule("H001", "error")
def host_not_territorial(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Structure d'accueil non territoriale pour un stage qui exige une collectivité.

    Les stages d'observation et thématiques et les projets collectifs se
    déroulent dans une collectivité territoriale ou un établissement public
    local (hosts = "territorial" dans le calendrier).

    Exemple : internship = "thematique" et kind = "etat" donne
        offre.toml:11: H001 structure d'accueil de nature « etat » : « Stage thématique »
        se déroule dans une collectivité territoriale (commune, epci, …). [host.kind]
    """
    if offer.internship is None or offer.host.territorial is not False:
        return
    internship = ctx.calendar.internship(offer.internship)
    if internship.hosts == "territorial":
        yield (
            "host.kind",
            f"structure d'accueil de nature « {offer.host.kind} » : « {internship.label} » se "
            "déroule dans une collectivité territoriale "
            f"({', '.join(TERRITORIAL_KINDS)}).",
        )


@rule("H002", "warning")
def host_territorial_preferred(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Structure non territoriale pour un stage qui privilégie une collectivité.

    Les stages de perfectionnement et de professionnalisation se font en
    principe dans une collectivité territoriale (hosts =
    "territorial_preferred" dans le calendrier) ; le stage de perfectionnement
    peut se faire ailleurs si le projet professionnel de l'élève le justifie.
    L'offre est recevable ; la coordination vérifiera ce point.

    Exemple : internship = "perfectionnement" et kind = "entreprise_publique" donne
        offre.toml:11: H002 structure d'accueil de nature « entreprise_publique » :
        « Stage de perfectionnement » se fait en principe en collectivité … [host.kind]
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
            f"structure d'accueil de nature « {offer.host.kind} » : « {internship.label} » se "
            f"fait en principe en collectivité territoriale.{expected}",
        )
