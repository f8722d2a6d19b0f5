"""S: the structure of the offer — required keys, types, unknown keys (found by the reader)."""

from __future__ import annotations

from inet_stages.rules import reader_rule

reader_rule(
    "S001",
    "error",
    """Table ou clé obligatoire manquante.

    Une offre a les tables [offer], [host] et [tutor] ; [offer] a internship,
    title, description, submitted et tracks (sauf pour un projet collectif,
    qui concerne les trois filières) ; [host] a name et kind ; [tutor] a name,
    position et email ; [collective_project] a fee_accepted.

    Exemple : une table [tutor] sans email donne
        offre.toml:16: S001 (erreur) clé obligatoire « email » manquante dans la table [tutor].
        [tutor.email]
    """,
)

reader_rule(
    "S002",
    "error",
    """Valeur du mauvais type.

    Chaque clé attend un type : un texte entre guillemets, un nombre entier
    (sans guillemets ni espaces), true ou false, une liste entre crochets,
    une table ou une date AAAA-MM-JJ.

    Exemple : population = "environ 67 000" donne
        offre.toml:13: S002 (erreur) un nombre entier est attendu, pas un texte. [host.population]
    Écrivez population = 67000 (ou 67_000). Un nombre seul entre guillemets
    (population = "67 000") est une faute de frappe : F007.
    """,
)

reader_rule(
    "S003",
    "error",
    """Clé ou table inconnue.

    Le format des offres ne connaît pas cette clé : faute de frappe, ou clé
    placée dans la mauvaise table. Le message propose la clé la plus proche
    et liste les clés possibles. Quand la clé inconnue est proche d'une clé
    absente du fichier (« submited » pour « submitted »), c'est une faute de
    frappe : un seul message la signale, avec la bonne orthographe, sans
    compter en plus la clé comme manquante.

    Exemple : popluation = 67000 dans [host] donne
        offre.toml:15: S003 (erreur) clé inconnue « popluation » dans la table [host]. Vouliez-vous
        dire « population » ? Clés possibles : name, kind, population, city. [host.popluation]
    """,
)

reader_rule(
    "S004",
    "error",
    """Valeur hors limites.

    Un nombre hors des bornes admises (une population de 0 habitant), un
    texte ou une liste trop longs.

    Exemple : population = 0 donne
        offre.toml:13: S004 (erreur) 0 est hors limites : attendu entre 1 et 100 000 000.
        [host.population]
    """,
)

reader_rule(
    "S005",
    "error",
    """Texte vide.

    Une clé de texte est présente mais vide (ou faite d'espaces).

    Exemple : name = "" dans [tutor] donne
        offre.toml:17: S005 (erreur) valeur vide : un texte est attendu. [tutor.name]
    """,
)

reader_rule(
    "S006",
    "error",
    """Valeur du modèle à compléter.

    Le fichier produit par « inet-stages template » contient des valeurs
    « À COMPLÉTER : … » : remplacez chacune par la vraie valeur avant de
    déposer l'offre.

    Exemple : title = "À COMPLÉTER : intitulé de la mission" donne
        offre.toml:6: S006 (erreur) valeur à compléter : remplacez « À COMPLÉTER … » par la vraie
        valeur. [offer.title]
    """,
)

reader_rule(
    "S007",
    "error",
    """Trop d'erreurs de structure pour les détailler toutes.

    Au-delà de 50 erreurs de structure (clés inconnues, types, valeurs
    vides…), le fichier n'est manifestement pas une offre : les 50 premières
    sont détaillées, les autres comptées dans cette remarque, pour que le
    rapport reste lisible et rapide. Partez du modèle donné par
    « inet-stages template STAGE ».

    Exemple : un fichier de 3 000 tables inconnues donne
        offre.toml: S007 (erreur) 2 950 autres erreurs de structure non détaillées (clés inconnues,
        types…) : ce fichier ne suit pas le format des offres.
    """,
)
