"""I: identifiers — the internship, the tracks and the kind of mission exist and fit."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from inet_stages.ids import normalize
from inet_stages.rules import Context, Hit, Scoped, reader_rule, rule, track_names
from inet_stages.text.vocabulary import MISSION_KINDS

if TYPE_CHECKING:
    from inet_stages.calendar.model import Calendar
    from inet_stages.offer.model import Offer

reader_rule(
    "I001",
    "error",
    """Stage inconnu.

    offer.internship doit désigner un stage du calendrier : observation,
    thematique, projet_collectif, ouverture, perfectionnement,
    professionnalisation. Majuscules, accents, tirets et « s » final sont
    indifférents (« Thématique », « projets-collectifs »).

    Exemple : internship = "thematiqe" donne
        offre.toml:2: I001 (erreur) stage inconnu : « thematiqe ». Vouliez-vous dire
        « thematique » ? Valeurs possibles : observation, thematique, projet_collectif, ouverture,
        perfectionnement, professionnalisation. [offer.internship]
    """,
)

reader_rule(
    "I002",
    "error",
    """Filière inconnue.

    Chaque élément de offer.tracks doit être une filière : administrateurs,
    conservateurs, ingenieurs. Les conservateurs du patrimoine ne sont pas une
    filière ici : leurs stages sont gérés par l'INP.

    Exemple : tracks = ["ingénieur", "architectes"] donne
        offre.toml:3: I002 (erreur) filière inconnue : « architectes ». Valeurs possibles :
        administrateurs, conservateurs, ingenieurs. [offer.tracks]
    """,
)


@rule("I003", "error", curable=False)
def track_without_internship(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Filière qui n'a pas ce stage.

    Le calendrier ne prévoit pas ce stage pour cette filière : pas de stage
    thématique pour les ingénieurs, le stage de perfectionnement est réservé
    aux ingénieurs, le stage d'ouverture aux administrateurs et conservateurs…
    Le message donne les filières qui ont ce stage.

    Exemple : internship = "thematique" et tracks = ["ingenieurs"] donne
        offre.toml:3: I003 (erreur) « Stage thématique » n'est pas prévu pour la filière Ingénieurs
        dans le calendrier 2026-2027 ; filières concernées : Administrateurs, Conservateurs.
        [offer.tracks]
    """
    if offer.internship is None:
        return
    having = {w.track for w in ctx.calendar.windows_of_internship(offer.internship)}
    for track in offer.tracks:
        if track not in having:
            yield Scoped(
                "offer.tracks", not_planned(ctx.calendar, offer.internship, track), (track,)
            )


def not_planned(calendar: Calendar, internship_id: str, track: str) -> str:
    """« Stage thématique » n'est pas prévu pour la filière Ingénieurs … (and who has it)."""
    label = calendar.internship(internship_id).label
    having = track_names(calendar, (w.track for w in calendar.windows_of_internship(internship_id)))
    return (
        f"« {label} » n'est pas prévu pour la filière {track_names(calendar, [track])} dans le "
        f"calendrier {calendar.school_year} ; filières concernées : {having or 'aucune'}."
    )


@rule("I004", "error")
def unknown_mission_kind(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Nature de mission inconnue.

    offer.mission_kind, pour un stage de professionnalisation, vaut
    pilotage_projet (mission de pilotage de projet), renfort_managerial
    (renfort managérial, à condition qu'il soit tutoré) ou pre_prise_de_poste
    (stage de pré-prise de poste, en cas de recrutement) ; pour un stage de
    perfectionnement, pre_prise_de_poste.

    Exemple : mission_kind = "renfort" donne
        offre.toml:9: I004 (erreur) nature de mission inconnue « renfort ». Vouliez-vous dire «
        renfort_managerial » ? Valeurs possibles : pilotage_projet, renfort_managerial,
        pre_prise_de_poste. [offer.mission_kind]
    """
    value = offer.mission_kind
    if value is None:
        return
    folded = {normalize(kind): kind for kind in MISSION_KINDS}
    if normalize(value) in folded:
        return
    close = difflib.get_close_matches(normalize(value), list(folded), n=1, cutoff=0.5)
    hint = f" Vouliez-vous dire « {folded[close[0]]} » ?" if close else ""
    yield (
        "offer.mission_kind",
        f"nature de mission inconnue « {value[:60]} ».{hint} "
        f"Valeurs possibles : {', '.join(MISSION_KINDS)}.",
    )


#: The mission kinds each internship takes (others ignore ``mission_kind``).
#: Perfectionnement: « Il peut s'agir d'un stage de pré-prise de poste en cas
#: de recrutement. »
MISSION_KINDS_OF: dict[str, tuple[str, ...]] = {
    "professionnalisation": MISSION_KINDS,
    "perfectionnement": ("pre_prise_de_poste",),
}


@rule("I005", "warning")
def mission_kind_elsewhere(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Nature de mission donnée pour un stage qui ne la prévoit pas.

    offer.mission_kind concerne le stage de professionnalisation (les trois
    natures) et le stage de perfectionnement, qui « peut » être un stage de
    pré-prise de poste en cas de recrutement (pre_prise_de_poste seulement) ;
    ailleurs elle est ignorée. Retirez-la, ou vérifiez offer.internship.

    Exemple : internship = "thematique" et mission_kind = "pilotage_projet" donne
        offre.toml:9: I005 (avertissement) mission_kind « pilotage_projet » ne concerne que le stage
        de professionnalisation (toutes les natures) et le stage de perfectionnement
        (pre_prise_de_poste) : elle est ignorée pour « Stage thématique ». [offer.mission_kind]
    """
    value = offer.mission_kind
    if value is None or offer.internship is None:
        return
    folded = {normalize(kind): kind for kind in MISSION_KINDS}
    kind = folded.get(normalize(value))
    if kind is None:
        return  # unknown: I004 says so
    if kind in MISSION_KINDS_OF.get(offer.internship, ()):
        return
    label = ctx.calendar.internship(offer.internship).label
    yield (
        "offer.mission_kind",
        f"mission_kind « {kind} » ne concerne que le stage de professionnalisation (toutes "
        "les natures) et le stage de perfectionnement (pre_prise_de_poste) : elle est ignorée "
        f"pour « {label} ».",
    )
