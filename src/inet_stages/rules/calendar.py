"""C: the calendar file — read (C100), structure (C1xx), consistency (C2xx), next year (C3xx).

The calendar reader (:mod:`inet_stages.calendar.reader`), its consistency
rules (:mod:`inet_stages.calendar.rules`) and ``calendar check``
(:mod:`inet_stages.calendar.check`) emit these codes; they are documented here
so that ``inet-stages rules C201`` explains them beside the offers' codes.
Errors stop the calendar from loading; warnings (C3xx) are what ``calendar
check`` asks the coordinator to review before publishing next year's file.
"""

from __future__ import annotations

from inet_stages.rules import reader_rule

reader_rule(
    "C100",
    "error",
    """Calendrier illisible ou non TOML.

    Le fichier du calendrier n'a pas pu être lu (absent, droits, trop gros)
    ou n'est pas un document TOML ; le message donne la ligne et la colonne.

    Exemple : school_year = "2026-2027 (guillemet fermant oublié) donne
        calendrier.toml:11: C100 (erreur) TOML invalide : caractère interdit '\n' (ligne 11, colonne
        25)
    """,
)

reader_rule(
    "C101",
    "error",
    """Clé obligatoire manquante dans le calendrier.

    Une table ou une valeur que le format exige manque : school_year, la
    scolarité d'une filière, le début ou la fin d'une fenêtre…
    (voir docs/calendar-format.md).

    Exemple : un calendrier sans school_year donne
        calendrier.toml: C101 (erreur) valeur manquante (texte attendu). [school_year]
    """,
)

reader_rule(
    "C102",
    "error",
    """Valeur du calendrier du mauvais type.

    Un texte là où une date est attendue, un nombre entre guillemets, une
    date avec une heure… Les dates s'écrivent AAAA-MM-JJ.

    Exemple : school_year = 2026 donne
        calendrier.toml:11: C102 (erreur) un texte est attendu, pas un nombre entier. [school_year]
    """,
)

reader_rule(
    "C103",
    "error",
    """Clé inconnue dans le calendrier.

    Le format ne connaît pas cette clé ; quand une clé connue est proche, le
    message la propose (« Vouliez-vous dire… »).

    Exemple : school_yaer = "2026-2027" donne
        calendrier.toml:12: C103 (erreur) clé inconnue « school_yaer ». Vouliez-vous dire «
        school_year » ? [school_yaer]
    """,
)

reader_rule(
    "C104",
    "error",
    """Valeur inconnue ou hors limites dans le calendrier.

    Une filière ou un stage que l'outil ne connaît pas, une politique
    d'accueil (hosts) ou une exigence de tuteur (tutor) inconnue, une année
    scolaire qui n'a pas la forme AAAA-AAAA, un nombre hors limites.

    Exemple : school_year = "2026-2028" donne
        calendrier.toml:11: C104 (erreur) année scolaire « 2026-2028 » : forme attendue AAAA-AAAA
        (2026-2027). [school_year]
    """,
)

reader_rule(
    "C201",
    "error",
    """Fenêtre de stage hors de la scolarité de la filière.

    Une fenêtre commence avant le début ou finit après la fin de la
    scolarité que le calendrier donne à sa filière.

    Exemple : une fenêtre des ingénieurs commençant le 2 mars 2026, avant leur
    scolarité (1er avril 2026), donne C201 « la fenêtre du … sort de la
    scolarité de la filière (…) ».
    """,
)

reader_rule(
    "C202",
    "error",
    """Date limite de dépôt le jour du début du stage ou après.

    La date limite de dépôt des offres doit précéder le début de la fenêtre.

    Exemple : offers_deadline = 2026-06-01 pour une fenêtre qui commence le
    1er juin 2026 donne C202 « la date limite de dépôt (…) doit précéder le
    début de la fenêtre (…) ».
    """,
)

reader_rule(
    "C203",
    "error",
    """Plus de semaines annoncées que la fenêtre n'en contient.

    Le nombre de semaines d'un stage (weeks) ne tient pas dans sa fenêtre :
    un stage de N semaines dure au moins 7 × N − 3 jours du premier au
    dernier jour (une semaine peut commencer le mardi après un lundi férié et
    la dernière finir le vendredi), la mesure même qu'applique D005 aux
    offres. La fenêtre peut être plus longue que le stage.

    Exemple : weeks = 5 pour la fenêtre du 30 mars au 24 avril 2026 (26 jours)
    donne C203 « 5 semaines demandent au moins 32 jours du premier au dernier
    jour (7 × 5 − 3), mais la fenêtre n'en compte que 26. »
    """,
)

reader_rule(
    "C204",
    "error",
    """Alternative hors de la fenêtre.

    Une autre période permise (alternatives) doit être comprise dans la
    fenêtre du stage.

    Exemple : une alternative du 6 au 24 avril 2026 pour une fenêtre du 30 mars
    au 18 avril 2026 donne C204.
    """,
)

reader_rule(
    "C205",
    "error",
    """Début après la fin.

    Une période (scolarité, fenêtre, alternative) commence après sa fin.

    Exemple : start = 2026-06-19 et end = 2026-06-01 donne C205 « début (…)
    après la fin (…) ».
    """,
)

reader_rule(
    "C206",
    "error",
    """Fenêtre pour une filière non déclarée.

    Une fenêtre nomme une filière absente de la table [tracks].

    Exemple : [internships.observation.windows.patrimoine] sans filière
    « patrimoine » dans [tracks] donne C206.
    """,
)

reader_rule(
    "C301",
    "warning",
    """Date un samedi ou un dimanche.

    Une date limite de dépôt, un début ou une fin de fenêtre tombe un
    week-end ; le message propose le jour ouvré le plus proche.

    Exemple : une fin de fenêtre le samedi 17 avril 2027 donne
        calendar_2027_28.toml:84: C301 (avertissement) fin de fenêtre un samedi (sam. 17 avril
        2027). Jour ouvré le plus proche : ven. 16 avril 2027.
    """,
)

reader_rule(
    "C302",
    "warning",
    """Date un jour férié.

    Une date limite, un début ou une fin de fenêtre tombe un jour férié
    national (pour les dates limites, aussi les jours fériés d'Alsace-Moselle,
    l'INET étant à Strasbourg) ; le message propose le jour ouvré le plus
    proche.

    Exemple : un début de fenêtre le lundi de Pâques donne
        calendar_2027_28.toml:83: C302 (avertissement) début de fenêtre un jour férié : lun. 29 mars
        2027 (Lundi de Pâques). Jour ouvré le plus proche : mar. 30 mars 2027.
    """,
)

reader_rule(
    "C303",
    "warning",
    """Date limite de dépôt trop proche du stage.

    Moins de --min-notice-weeks semaines (8 par défaut) séparent la date
    limite de dépôt du début de la fenêtre.

    Exemple : une date limite trois semaines avant la fenêtre donne C303 avec
    l'écart et le minimum attendu.
    """,
)

reader_rule(
    "C304",
    "warning",
    """Fenêtres qui se chevauchent.

    Deux fenêtres d'une même filière se chevauchent.

    Exemple : un stage thématique qui commence avant la fin du stage
    d'observation de la même filière donne C304.
    """,
)

reader_rule(
    "C305",
    "warning",
    """Stage disparu depuis l'année précédente.

    Avec --previous, une filière avait ce stage l'année précédente et ne l'a
    plus (ou la filière elle-même a disparu).

    Exemple : calendar check --previous 2026-2027 sur un calendrier sans stage
    d'ouverture pour les administrateurs donne C305.
    """,
)

# C207–C210: what the commands could not serve (inet_stages.calendar.bounds).

reader_rule(
    "C207",
    "error",
    """Aucune filière.

    La table [tracks] est vide ou absente : ni page, ni frise, ni agenda ne
    peuvent être tirés d'un calendrier sans filière.

    Exemple : [tracks] suivi directement de [internships…] donne C207.
    """,
)

reader_rule(
    "C208",
    "error",
    """Aucune fenêtre de stage.

    Aucune table [internships.STAGE.windows.FILIÈRE] : le calendrier n'a
    rien à publier.

    Exemple : un calendrier dont les stages n'ont que des textes donne C208.
    """,
)

reader_rule(
    "C209",
    "error",
    """Date hors des limites.

    Chaque date doit tomber entre le 1er janvier 2000 et le 31 décembre 2100 :
    une date en 9999 ou en l'an 1 est une faute de frappe, et rendrait la
    page et la frise démesurées.

    Exemple : end = 2207-07-30 donne C209.
    """,
)

reader_rule(
    "C210",
    "error",
    """Scolarité loin de sa durée annoncée.

    La scolarité d'une filière dure plus de trois mois de plus, ou de moins,
    que ses « months » : une année mal tapée le plus souvent.

    Exemple : months = 18 et schooling = { start = 2026-01-05, end = 2028-07-30 }
    donne C210 « dure environ 31 mois, loin des 18 mois annoncés ».
    """,
)

reader_rule(
    "C306",
    "warning",
    """Date limite de dépôt déjà passée, dans un brouillon.

    Dans un calendrier marqué draft = true (celui de l'année suivante, en
    préparation), une date limite de dépôt des offres tombe avant la date du
    jour (--today) : les structures ne pourraient plus déposer. Un calendrier
    en usage, lui, a naturellement des dates limites passées.

    Exemple : calendar check calendar_2027_28.toml --today 2026-11-28 sur un
    brouillon dont la date limite d'observation est le 23 novembre 2026 donne C306.
    """,
)
