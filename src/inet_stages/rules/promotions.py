"""D010, D011: the promotion an offer is for — named, or found by its dates.

Two promotions are in progress at once (18-month schooling, a promotion
every February). An offer is checked against the calendar of its promotion:
the one it names (``offer.promotion``), otherwise the one whose window holds
its dates, or, without dates, the one whose offer deadline follows its
``submitted`` date. :mod:`inet_stages.offer.promotion` makes the choice and
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
    dates.

    Exemple : promotion = "2031-2032" donne
        offre.toml:8: D010 promotion 2031-2032 inconnue : les calendriers en usage sont
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
        offre.toml:7: D011 la période du 7 septembre au 2 octobre 2026 ne tient dans la
        fenêtre d'aucune promotion pour « Stage d'observation » : 2026-2027
        (administrateurs) du 30 mars au 24 avril 2026 ; 2027-2028 (administrateurs) du
        29 mars au 23 avril 2027. Corrigez les dates, ou indiquez la promotion
        (promotion = "AAAA-AAAA"). [offer.start]
    """,
)
