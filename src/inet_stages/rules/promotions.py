"""D010, D011: the promotion an offer is for — named, or found by its dates.

Two promotions are in progress at once (18-month schooling, a promotion
every February). An offer is checked against the calendar of its promotion:
the one it names (``offer.promotion``), otherwise the one whose window holds
its dates, or, without dates, the one whose offer deadline follows its
``submitted`` date (D012 when it is late for that promotion and on time for
the next). :mod:`inet_stages.offer.promotion` makes the choice and
emits these codes; they are registered here, with the other D codes' family.
"""

from __future__ import annotations

from inet_stages.rules import reader_rule

reader_rule(
    "D010",
    "error",
    """Promotion inconnue ou autre que celle du calendrier chargé.

    offer.promotion nomme l'année scolaire de la promotion (2027-2028). Elle
    doit être celle d'un calendrier en usage (fourni avec l'outil ou dans le
    dossier de la coordination) ; avec --calendar, celle de ce calendrier.
    L'offre est tout de même vérifiée, avec le calendrier qui convient à ses
    dates ; la date limite de dépôt et la fenêtre de ce calendrier, qui ne
    sont pas celles de sa promotion, ne lui sont pas opposées (ni D002, ni
    D003).

    Exemple : promotion = "2031-2032" donne
        offre.toml:8: D010 (erreur) promotion 2031-2032 inconnue : les calendriers en usage sont
        ceux de 2026-2027, 2027-2028 ; l'offre est vérifiée avec le calendrier 2027-2028.
        [offer.promotion]
    """,
)

reader_rule(
    "D011",
    "error",
    """Dates du stage hors de la fenêtre de toutes les promotions.

    Sans offer.promotion, l'offre est vérifiée avec la promotion dont la
    fenêtre, pour ce stage et ces filières, contient ses dates. Quand aucune
    ne les contient, chaque fenêtre manquée est nommée, promotion par
    promotion : il faut corriger les dates, ou nommer la promotion.

    Exemple : un stage d'observation pour administrateurs avec
    start = 2026-09-07 et end = 2026-10-02 donne
        offre.toml:7: D011 (erreur) la période du 7 septembre au 2 octobre 2026 ne tient dans la
        fenêtre d'aucune promotion pour « Stage d'observation » : 2026-2027 (administrateurs) du 30
        mars au 24 avril 2026 ; 2027-2028 (administrateurs) du 29 mars au 23 avril 2027. Corrigez
        les dates, ou indiquez la promotion (promotion = "AAAA-AAAA"). [offer.start]
    """,
)

reader_rule(
    "D012",
    "warning",
    """Offre sans dates, en retard pour sa promotion, à temps pour la suivante.

    Sans offer.promotion ni dates, l'offre est pour la promotion dont la
    fenêtre de ce stage est la prochaine à commencer après la date de dépôt :
    une offre déposée après la date limite reste en retard pour cette
    promotion (elle n'est jamais reportée d'un an en silence). Quand elle
    serait à temps pour la promotion suivante, l'avertissement nomme les deux
    (et les filières pour lesquelles elle est en retard ; il ne concerne
    qu'elles) : écrivez promotion = "AAAA-AAAA" pour choisir.

    Exemple : projet collectif sans dates déposé le 25 juin 2026 (deux calendriers) donne
        offre.toml:5: D012 (avertissement) offre sans dates, déposée après la date limite de la
        promotion 2026-2027 (ven. 19 juin 2026, Administrateurs, Conservateurs, Ingénieurs) :
        elle est vérifiée avec cette promotion. Si elle est pour la promotion 2027-2028 (date
        limite : ven. 18 juin 2027), écrivez promotion = "2027-2028" dans [offer].
        [offer.submitted]
    """,
)
