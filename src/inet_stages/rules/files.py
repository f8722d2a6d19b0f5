"""F: the file itself — readable, UTF-8, not empty, valid TOML (found by the reader)."""

from __future__ import annotations

from inet_stages.rules import reader_rule

reader_rule(
    "F001",
    "error",
    """Fichier illisible.

    Le fichier n'a pas pu être lu : droits insuffisants, ce n'est pas un
    fichier ordinaire (tube, périphérique, dossier), ou il est trop gros pour
    une offre (128 Kio au plus). Les autres fichiers du lot sont tout de même
    vérifiés, puis la commande sort avec le code 2.

    Exemple : un dossier nommé offre.toml donne
        offre.toml: F001 c'est un dossier, pas un fichier.
    """,
)

reader_rule(
    "F002",
    "error",
    """Fichier non encodé en UTF-8.

    Une offre est un fichier texte en UTF-8 (une marque d'ordre d'octets
    UTF-8 en tête est acceptée). Un fichier enregistré en Windows-1252 /
    Latin-1 ou en UTF-16 est refusé : enregistrez-le en UTF-8 depuis votre
    éditeur (« Enregistrer sous… », encodage UTF-8).

    Exemple : title = "Diagnostic énergétique" enregistré en Windows-1252 donne
        offre.toml:2: F002 le fichier n'est pas encodé en UTF-8 (octet 0xe9 à la position 28).
        Il semble encodé en Windows-1252 / Latin-1 ; enregistrez-le en UTF-8.
    """,
)

reader_rule(
    "F003",
    "error",
    """Fichier vide.

    Le fichier ne contient rien (ou seulement des espaces). Partez du modèle
    donné par « inet-stages template STAGE ».

    Exemple :
        offre.toml: F003 le fichier est vide : une offre a les tables [offer], [host] et
        [tutor].
    """,
)

reader_rule(
    "F004",
    "error",
    """Fichier TOML invalide.

    Le fichier n'est pas un document TOML : guillemet oublié, clé écrite deux
    fois, « = » manquant… Le message donne la ligne et la colonne où la
    lecture s'est arrêtée ; corrigez ce point puis relancez la vérification.

    Exemple : title = "Diagnostic (guillemet fermant oublié) à la ligne 6 donne
        offre.toml:6: F004 TOML invalide : caractère interdit '\\n' (ligne 6, colonne 20)
    """,
)
