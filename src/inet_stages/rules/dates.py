"""D: dates — readable, on time for the offer deadline, inside the window, long enough.

Deadlines, windows, alternatives and week counts all come from the calendar:
next year's file changes them, not this code.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import TYPE_CHECKING

from inet_stages.calendar.model import Period, Window
from inet_stages.rules import Context, Hit, Scoped, reader_rule, rule
from inet_stages.text.frdates import format_date, format_range, format_weeks

if TYPE_CHECKING:
    from inet_stages.offer.model import Offer

reader_rule(
    "D001",
    "error",
    """Date illisible.

    Les dates s'écrivent AAAA-MM-JJ, sans guillemets (date TOML) ou entre
    guillemets ("2026-02-10") ; une date impossible (2026-02-30), écrite en
    toutes lettres (« 10 février ») ou avec une heure est refusée. Une date
    jour/mois/année est expliquée à part (D007). Quand le texte se lit comme
    une date dans un autre ordre (mois d'abord : 02/28/2026), le message
    propose cette date, que « inet-stages fix » n'écrit pas seul : à vous de
    confirmer.

    Exemple : submitted = "02/28/2026" donne
        offre.toml:8: D001 (erreur) date illisible « 02/28/2026 » : forme attendue AAAA-MM-JJ ; si
        c'est le 28 février 2026, écrivez 2026-02-28. [offer.submitted]
    """,
)

reader_rule(
    "D007",
    "error",
    """Date écrite jour/mois/année.

    Une date s'écrit l'année d'abord, AAAA-MM-JJ : 10/02/2026 (le 10 février
    2026) s'écrit 2026-02-10. Les points ou tirets (10.02.2026, 10-02-2026)
    sont lus de même. Avec ou sans guillemets, le reste de l'offre est vérifié
    avec la date convertie ; « inet-stages fix » l'écrit dans le fichier.

    Exemple : submitted = 10/02/2026 donne
        offre.toml:7: D007 (erreur) date 10/02/2026 : écrivez 2026-02-10 (l'année, le mois, puis le
        jour) (ligne 7, colonne 13) [offer.submitted]
    """,
)

reader_rule(
    "D008",
    "error",
    """Date AAAA-MM-JJ mal écrite (zéro ou tiret manquant).

    Le mois et le jour ont deux chiffres, séparés par des tirets : 2026-1-28
    ou 2026/01/28 s'écrivent 2026-01-28. Le reste de l'offre est vérifié avec
    la date corrigée ; « inet-stages fix » l'écrit dans le fichier.

    Exemple : start = "2026-5-26" donne
        offre.toml:8: D008 (erreur) date 2026-5-26 : écrivez 2026-05-26 (AAAA-MM-JJ, deux chiffres
        au mois et au jour) (ligne 8, colonne 10) [offer.start]
    """,
)


@rule("D002", "error", curable=False)
def after_deadline(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Offre déposée après la date limite de dépôt.

    offer.submitted est postérieure à la date limite de dépôt des offres que
    le calendrier donne pour ce stage et cette filière. Le jour de la date
    limite lui-même est dans les temps. Sans date limite publiée (stages
    d'ouverture, de perfectionnement, de professionnalisation en 2026-2027),
    rien n'est vérifié. Une date de dépôt postérieure à aujourd'hui (D006)
    n'est pas celle d'une offre reçue : elle ne la met pas hors délai, la
    coordination la vérifie.

    Exemple : stage thématique (date limite : 16 février 2026), submitted = 2026-02-17 donne
        offre.toml:8: D002 (erreur) offre déposée le mar. 17 février 2026, après la date limite de
        dépôt du lun. 16 février 2026 (« Stage thématique », Administrateurs) ; le jour même de la
        date limite aurait été dans les temps. [offer.submitted]
    """
    submitted = offer.submitted
    if submitted is None or submitted > ctx.today:
        # A deposit after today is a slip of the date (D006), not when the offer came: a
        # refusal, which no correction cures, must not rest on it.
        return
    for window, tracks in ctx.grouped(offer, lambda w: w.offers_deadline):
        deadline = window.offers_deadline
        if deadline is not None and submitted > deadline:
            yield Scoped(
                "offer.submitted",
                f"offre déposée le {format_date(submitted)}, après la date limite de dépôt du "
                f"{format_date(deadline)} ({ctx.describe(offer, tracks)}) ; le jour même de la "
                "date limite aurait été dans les temps.",
                tuple(tracks),
            )


def _same_dates(window: Window) -> Hashable:
    return (window.period, window.alternatives, window.weeks)


def fitted_period(offer: Offer, window: Window) -> Period | None:
    """The offer's period when it lies inside the window, else None.

    A missing start or end takes the window's. The window is what the
    calendar shows (conservateurs' observation: 30 March–18 April 2026);
    its alternatives are the brochure's two ways of filling it, shown to
    help, not extra limits: any period inside the window that lasts long
    enough (D005) is accepted.
    """
    start = offer.start or window.start
    end = offer.end or window.end
    if start <= end and window.start <= start and end <= window.end:
        return Period(start=start, end=end)
    return None


def alternatives_text(window: Window) -> str:
    """« du 30 mars au 17 avril 2026 ou du 31 mars au 18 avril 2026 » ('' without any)."""
    return " ou ".join(f"du {format_range(p.start, p.end)}" for p in window.alternatives)


def _dates_field(offer: Offer) -> str:
    return "offer.start" if offer.start is not None else "offer.end"


def _inverted(offer: Offer) -> bool:
    return offer.start is not None and offer.end is not None and offer.start > offer.end


@rule("D003", "error")
def outside_window(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Dates du stage hors de la fenêtre.

    offer.start et offer.end doivent tomber dans la fenêtre du stage pour
    chaque filière de l'offre (premier et dernier jour compris), celle
    qu'affiche inet-stages calendar. Quand la brochure donne deux périodes
    possibles (observation des conservateurs : du 30 mars au 17 avril ou du
    31 mars au 18 avril 2026), la fenêtre les couvre toutes deux et toute
    période de la fenêtre assez longue (D005) convient. Sans start ni end,
    le stage prend la fenêtre.

    Exemple : stage thématique (du 26 mai au 10 juillet 2026), start = 2026-05-25 donne
        offre.toml:9: D003 (erreur) début le lun. 25 mai 2026, hors de la fenêtre du 26 mai au 10
        juillet 2026 (« Stage thématique », Administrateurs). [offer.start]
    """
    if (offer.start is None and offer.end is None) or _inverted(offer):
        return
    for window, tracks in ctx.grouped(offer, _same_dates):
        if fitted_period(offer, window) is not None:
            continue
        period = window.period
        shown = f"hors de la fenêtre du {format_range(period.start, period.end)}"
        if window.alternatives:
            shown += f" (périodes possibles : {alternatives_text(window)})"
        shown += f" ({ctx.describe(offer, tracks)})."
        if offer.start is not None and not period.contains(offer.start):
            yield Scoped("offer.start", f"début le {format_date(offer.start)}, {shown}", (*tracks,))
        if offer.end is not None and not period.contains(offer.end):
            yield Scoped("offer.end", f"fin le {format_date(offer.end)}, {shown}", (*tracks,))


@rule("D004", "error")
def start_after_end(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Début du stage après sa fin.

    offer.start doit précéder (ou égaler) offer.end.

    Exemple : start = 2026-07-10 et end = 2026-05-26 donne
        offre.toml:9: D004 (erreur) début le ven. 10 juillet 2026, après la fin le mar. 26 mai 2026.
        [offer.start]
    """
    if _inverted(offer):
        assert offer.start is not None and offer.end is not None
        yield (
            "offer.start",
            f"début le {format_date(offer.start)}, après la fin le {format_date(offer.end)}.",
        )


@rule("D005", "error")
def too_short(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Stage plus court que la durée demandée.

    Un stage de N semaines dure, de son premier à son dernier jour, au moins
    7 × N − 3 jours : une semaine peut commencer le mardi après un lundi férié
    et la dernière finir le vendredi (du mardi 26 mai au vendredi 10 juillet
    2026 : 46 jours pour 7 semaines). Il faut donc 18 jours pour 3 semaines,
    25 pour 4, 46 pour 7, 60 pour 9, 74 pour 11, 88 pour 13. Chaque fenêtre
    de la brochure suffit ; sans start ni end, le stage prend la fenêtre
    entière. Une date seule est complétée par la fenêtre.

    Exemple : stage thématique (7 semaines), start = 2026-06-01 et end = 2026-07-10 donne
        offre.toml:9: D005 (erreur) le stage du 1er juin au 10 juillet 2026 dure 40 jours ; 7
        semaines en demandent au moins 46 du premier au dernier jour (« Stage thématique »,
        Administrateurs). [offer.start]
    """
    if offer.start is None and offer.end is None:
        return
    for window, tracks in ctx.grouped(offer, _same_dates):
        period = fitted_period(offer, window)
        if period is None or period.days >= window.min_days:
            continue
        yield Scoped(
            _dates_field(offer),
            f"le stage du {format_range(period.start, period.end)} dure {period.days} jours ; "
            f"{format_weeks(window.weeks)} en demandent au moins {window.min_days} du premier "
            f"au dernier jour ({ctx.describe(offer, tracks)}).",
            tuple(tracks),
        )


@rule("D006", "warning")
def submitted_in_future(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Date de dépôt postérieure à aujourd'hui.

    offer.submitted est la date à laquelle l'offre a été déposée : une date
    future est sans doute une faute de frappe (année, mois et jour inversés).

    Exemple : le 28 novembre 2026, submitted = 2026-12-10 donne
        offre.toml:8: D006 (avertissement) date de dépôt le jeu. 10 décembre 2026, postérieure à
        aujourd'hui (sam. 28 novembre 2026) : vérifiez-la. [offer.submitted]
    """
    if offer.submitted is not None and offer.submitted > ctx.today:
        yield (
            "offer.submitted",
            f"date de dépôt le {format_date(offer.submitted)}, postérieure à aujourd'hui "
            f"({format_date(ctx.today)}) : vérifiez-la.",
        )
