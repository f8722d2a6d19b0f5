"""The fixed vocabularies of the offer format: host kinds and mission kinds.

Kept apart from :mod:`inet_stages.offer` (the model) so that the rules, the
model, the template and the JSON Schema share them without import cycles.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Host kinds counted as territorial (collectivités and local public bodies).
TERRITORIAL_KINDS: tuple[str, ...] = (
    "commune",
    "epci",
    "departement",
    "region",
    "collectivite_unique",
    "collectivite_outre_mer",
    "etablissement_public_local",
)
#: The territorial kind that is not a collectivité territoriale.
LOCAL_BODY = "etablissement_public_local"
#: How the rules name it in French.
LOCAL_BODY_TEXT = "établissement public local (CCAS, SDIS, centre de gestion, syndicat mixte…)"
#: The other host kinds.
OTHER_KINDS: tuple[str, ...] = (
    "etat",
    "etablissement_public_national",
    "entreprise_publique",
    "collectivite_etrangere",
    "association",
    "syndicat",
    "hopital",
    "entreprise_privee",
    "autre",
)
HOST_KINDS: tuple[str, ...] = TERRITORIAL_KINDS + OTHER_KINDS

#: Kinds of professionnalisation mission (``offer.mission_kind``).
MISSION_KINDS: tuple[str, ...] = ("pilotage_projet", "renfort_managerial", "pre_prise_de_poste")

#: The tutor's civility as the offer writes it (``tutor.civility``), and the
#: spellings read as each (case and a final dot aside).
CIVILITIES: tuple[str, ...] = ("Madame", "Monsieur")
CIVILITY_SPELLINGS: Mapping[str, str] = {
    "madame": "Madame",
    "mme": "Madame",
    "mme.": "Madame",
    "monsieur": "Monsieur",
    "m": "Monsieur",
    "m.": "Monsieur",
    "mr": "Monsieur",
    "mr.": "Monsieur",
}

#: French labels of the host kinds (by their ids), as the form's drop-down and the
#: template's comments show them.
HOST_KIND_LABELS: Mapping[str, str] = {
    "commune": "Commune",
    "epci": "EPCI (communauté de communes, d'agglomération, urbaine, métropole)",
    "departement": "Département",
    "region": "Région",
    "collectivite_unique": (
        "Collectivité à statut particulier (Corse, Martinique, Guyane, Mayotte, Paris…)"
    ),
    "collectivite_outre_mer": "Collectivité d'outre-mer",
    "etablissement_public_local": (
        "Établissement public local (CCAS, SDIS, centre de gestion, syndicat mixte…)"
    ),
    "etat": "Service de l'État",
    "etablissement_public_national": "Établissement public national",
    "entreprise_publique": "Entreprise publique",
    "collectivite_etrangere": "Collectivité étrangère",
    "association": "Association",
    "syndicat": "Syndicat",
    "hopital": "Hôpital",
    "entreprise_privee": "Entreprise privée",
    "autre": "Autre",
}

#: French labels of the mission kinds (``offer.mission_kind``).
MISSION_KIND_LABELS: Mapping[str, str] = {
    "pilotage_projet": "Pilotage de projet",
    "renfort_managerial": "Renfort managérial",
    "pre_prise_de_poste": "Pré-prise de poste",
}

#: Text a template leaves for the host to replace.
PLACEHOLDER = "À COMPLÉTER"

#: What each requirement of the calendar (a window's ``tutor``) means, in
#: French: shown by the rules and by the template's comments.
EXPECTED_TUTOR: dict[str, str] = {
    "dgs": (
        "le ou la DGS (« Directeur général des services », « Directrice générale des "
        "services », « DGS ») ; un adjoint ou une adjointe (DGA) ne convient pas"
    ),
    "directeur_bibliotheque": (
        "le directeur ou la directrice de l'établissement, quel que soit son titre "
        "(« Directrice de l'établissement », « Responsable de la médiathèque », « Directeur du "
        "réseau de lecture publique ») ; ni un adjoint ou une adjointe, ni la direction des "
        "affaires culturelles"
    ),
    "direction_generale": (
        "un membre de la direction générale (DGS, DGA, « Directrice générale adjointe des "
        "services »), qui porte la commande"
    ),
}
