"""The fixed vocabularies of the offer format (SPEC): host kinds and mission kinds.

Kept apart from :mod:`inet_stages.offer` (the model) so that the rules, the
model, the template and the JSON Schema share them without import cycles.
"""

from __future__ import annotations

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
        "le directeur ou la directrice de l'établissement (« Directrice de la médiathèque », "
        "« Directeur des bibliothèques », « Directeur du réseau de lecture publique ») ; un "
        "adjoint ou une adjointe ne convient pas"
    ),
}
