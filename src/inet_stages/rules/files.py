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
        offre.toml: F001 (erreur) c'est un dossier, pas un fichier.
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
        offre.toml:2: F002 (erreur) le fichier n'est pas encodé en UTF-8 (octet 0xe9 à la position
        28). Il semble encodé en Windows-1252 / Latin-1 ; enregistrez-le en UTF-8.
    """,
)

reader_rule(
    "F003",
    "error",
    """Fichier vide.

    Le fichier ne contient rien (ou seulement des espaces). Partez du modèle
    donné par « inet-stages template STAGE ».

    Exemple :
        offre.toml: F003 (erreur) le fichier est vide : une offre a les tables [offer], [host] et
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
        offre.toml:6: F004 (erreur) TOML invalide : caractère interdit '\\n' (ligne 6, colonne 20)
    """,
)

# Word slips (issue 15): each is explained with what was typed and what to
# type, then mended in memory, so that the rest of the file is still checked.
# ``inet-stages fix`` writes the answer in the file.

reader_rule(
    "F005",
    "error",
    """Guillemets typographiques autour d'un texte.

    Un texte s'écrit entre guillemets droits ("…"). Word remplace souvent les
    guillemets tapés par des guillemets typographiques (“…”, « … », ‘…’,
    „…“), que TOML ne reconnaît pas. Le reste du fichier est tout de même
    vérifié, comme si les guillemets étaient droits ; « inet-stages fix »
    les remplace dans le fichier. Les guillemets typographiques restent
    permis à l'intérieur d'un texte ("le projet « Cœur de ville »").

    Exemple : title = « Diagnostic de l'absentéisme » donne
        offre.toml:5: F005 (erreur) guillemets typographiques «…» : tapez des guillemets droits "…"
        (ligne 5, colonne 9) [offer.title]
    """,
)

reader_rule(
    "F006",
    "error",
    """Espace insécable ou caractère invisible hors d'un texte.

    Entre une clé, le signe « = » et la valeur, TOML n'accepte que des
    espaces ordinaires (ou des tabulations). Un copier-coller depuis Word ou
    une page web apporte des espaces insécables (U+00A0, U+202F) ou des
    caractères invisibles (U+200B), refusés. Le reste du fichier est tout de
    même vérifié ; « inet-stages fix » les remplace par une espace ordinaire
    (ou les supprime). Dans un texte entre guillemets, ils sont permis.

    Exemple : title = "Diagnostic" avec une espace insécable avant « = » donne
        offre.toml:5: F006 (erreur) espace insécable (U+00A0) hors des guillemets : tapez une espace
        ordinaire (ligne 5, colonne 6) [offer.title]
    """,
)

reader_rule(
    "F007",
    "error",
    """Nombre écrit avec des espaces.

    Un nombre s'écrit sans espace entre les milliers (67000, ou 67_000) :
    « 67 000 », tapé ou mis en forme par Word ou Excel, n'est pas un nombre
    TOML. Le reste du fichier est tout de même vérifié, avec le nombre sans
    ses espaces ; « inet-stages fix » les retire du fichier.

    Exemple : population = 67 000 donne
        offre.toml:14: F007 (erreur) nombre écrit avec des espaces « 67 000 » : écrivez 67000, sans
        espace (ligne 14, colonne 14) [host.population]
    """,
)

reader_rule(
    "F008",
    "error",
    """Espaces autour d'une adresse électronique.

    L'adresse du tuteur ou de la tutrice s'écrit sans espace entre les
    guillemets : un copier-coller depuis un courriel ou un tableur en ajoute
    souvent une avant ou après. L'adresse est vérifiée sans ces espaces ;
    « inet-stages fix » les retire du fichier.

    « mailto: » devant l'adresse (un lien copié depuis une page web) est
    retiré de même.

    Exemple : email = " camille.martin@example.fr " donne
        offre.toml:20: F008 (erreur) espaces autour de l'adresse « camille.martin@example.fr » :
        tapez "camille.martin@example.fr", sans espace entre les guillemets (ligne 20, colonne 10)
        [tutor.email]
    """,
)

reader_rule(
    "F009",
    "error",
    """« oui » ou « non » au lieu de true ou false.

    Une réponse oui ou non s'écrit true ou false, sans guillemets : « oui »
    et « non », avec ou sans guillemets, sont ce qu'on tape naturellement,
    et ce que le formulaire accepte. La réponse est lue comme true ou
    false ; « inet-stages fix » l'écrit dans le fichier.

    Exemple : fee_accepted = "oui" donne
        offre.toml:24: F009 (erreur) « oui » pour oui ou non : écrivez true, sans guillemets
        (ligne 24, colonne 16) [collective_project.fee_accepted]
    """,
)
