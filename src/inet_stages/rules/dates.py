"""D: dates — readable, on time for the offer deadline, inside the window, long enough.

Deadlines, windows, alternatives and week counts all come from the calendar:
next year's file changes them, not this code.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import TYPE_CHECKING

from inet_stages.calendar.model import Period, Window
from inet_stages.frdates import format_date, format_range, format_weeks
from inet_stages.rules import Context, Hit, reader_rule, rule

if TYPE_CHECKING:
    from inet_stages.offer.model import Offer

reader_rule(
    "D001",
    "error",
    """Date illisible.

    Les dates s'écrivent AAAA-MM-JJ, sans guillemets (date TOML) ou entre
    guillemets ("2026-02-10") ; toute autre forme (10/02/2026, « 10 février »)
    est refusée, de même qu'une date avec une heure.

    Exemple : submitted = "10/02/2026" donne
        offre.toml:6: D001 date illisible « 10/02/2026 » : forme attendue AAAA-MM-JJ
        (par exemple 2026-02-10). [offer.submitted]
    """,
)


@rule("D002", "error")
def after_deadline(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Offre déposée après la date limite de dépôt.

    offer.submitted est postérieure à la date limite de dépôt des offres que
    le calendrier donne pour ce stage et cette filière. Le jour de la date
    limite lui-même est dans les temps. Sans date limite publiée (stages
    d'ouverture, de perfectionnement, de professionnalisation en 2026-2027),
    rien n'est vérifié.

    Exemple : un stage thématique pour administrateurs (date limite le
    16 février 2026) avec submitted = 2026-02-17 donne
        offre.toml:6: D002 offre déposée le mar. 17 février 2026, après la date limite
        de dépôt du lun. 16 février 2026 (« Stage thématique », administrateurs). [offer.submitted]
    """
    submitted = offer.submitted
    if submitted is None:
        return
    for window, tracks in ctx.grouped(offer, lambda w: w.offers_deadline):
        deadline = window.offers_deadline
        if deadline is not None and submitted > deadline:
            yield (
                "offer.submitted",
                f"offre déposée le {format_date(submitted)}, après la date limite de dépôt du "
                f"{format_date(deadline)} ({ctx.describe(offer, tracks)}) ; le jour même de la "
                "date limite aurait été dans les temps.",
            )


def _same_dates(window: Window) -> Hashable:
    return (window.period, window.alternatives, window.weeks)


def _candidates(window: Window) -> tuple[Period, ...]:
    return window.alternatives or (window.period,)


def fitted_period(offer: Offer, window: Window) -> Period | None:
    """The offer's period inside the window (or one of its alternatives), else None.

    A missing start or end takes the value of the candidate period it is
    checked against: no dates at all is always accepted.
    """
    for candidate in _candidates(window):
        start = offer.start or candidate.start
        end = offer.end or candidate.end
        if start <= end and candidate.start <= start and end <= candidate.end:
            return Period(start=start, end=end)
    return None


def _dates_field(offer: Offer) -> str:
    return "offer.start" if offer.start is not None else "offer.end"


def _inverted(offer: Offer) -> bool:
    return offer.start is not None and offer.end is not None and offer.start > offer.end


@rule("D003", "error")
def outside_window(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Dates du stage hors de la fenêtre.

    offer.start et offer.end doivent tomber dans la fenêtre du stage pour
    chaque filière de l'offre (premier et dernier jour compris). Quand la
    brochure donne deux périodes possibles (observation des conservateurs :
    du 30 mars au 17 avril ou du 31 mars au 18 avril 2026), le stage doit
    tenir dans l'une d'elles. Sans start ni end, le stage prend la fenêtre.

    Exemple : un stage thématique (26 mai au 10 juillet 2026) avec
    start = 2026-05-25 donne
        offre.toml:7: D003 début le lun. 25 mai 2026, hors de la fenêtre du 26 mai au
        10 juillet 2026 (« Stage thématique », administrateurs). [offer.start]
    """
    if (offer.start is None and offer.end is None) or _inverted(offer):
        return
    for window, tracks in ctx.grouped(offer, _same_dates):
        if fitted_period(offer, window) is not None:
            continue
        label = ctx.describe(offer, tracks)
        period = window.period
        if window.alternatives:
            choices = " ou ".join(f"du {format_range(p.start, p.end)}" for p in window.alternatives)
            yield (
                _dates_field(offer),
                f"le stage ne tient dans aucune des périodes possibles : {choices} ({label}).",
            )
            continue
        shown = f"hors de la fenêtre du {format_range(period.start, period.end)} ({label})."
        if offer.start is not None and not period.contains(offer.start):
            yield "offer.start", f"début le {format_date(offer.start)}, {shown}"
        if offer.end is not None and not period.contains(offer.end):
            yield "offer.end", f"fin le {format_date(offer.end)}, {shown}"


@rule("D004", "error")
def start_after_end(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Début du stage après sa fin.

    offer.start doit précéder (ou égaler) offer.end.

    Exemple : start = 2026-07-10 et end = 2026-05-26 donne
        offre.toml:7: D004 début le ven. 10 juillet 2026, après la fin le
        mar. 26 mai 2026. [offer.start]
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

    Le stage doit toucher au moins autant de semaines calendaires (du lundi
    au dimanche) que le calendrier en demande : 7 semaines pour un stage
    thématique, 9 pour un projet collectif (dont la fenêtre en touche 10)…
    Sans start ni end, le stage prend la fenêtre entière.

    Exemple : un stage thématique (7 semaines) avec start = 2026-06-01 et
    end = 2026-07-10 donne
        offre.toml:7: D005 le stage du 1er juin au 10 juillet 2026 touche 6 semaines ;
        il en faut 7 (« Stage thématique », administrateurs). [offer.start]
    """
    if offer.start is None and offer.end is None:
        return
    for window, tracks in ctx.grouped(offer, _same_dates):
        period = fitted_period(offer, window)
        weeks = window.weeks
        if period is None or period.weeks >= weeks:
            continue
        yield (
            _dates_field(offer),
            f"le stage du {format_range(period.start, period.end)} touche "
            f"{format_weeks(period.weeks)} ; il en faut {weeks} "
            f"({ctx.describe(offer, tracks)}).",
        )


@rule("D006", "warning")
def submitted_in_future(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Date de dépôt postérieure à aujourd'hui.

    offer.submitted est la date à laquelle l'offre a été déposée : une date
    future est sans doute une faute de frappe (année, mois et jour inversés).

    Exemple : le 28 novembre 2026, submitted = 2026-12-10 donne
        offre.toml:6: D006 date de dépôt le jeu. 10 décembre 2026, postérieure à
        aujourd'hui (sam. 28 novembre 2026) : vérifiez-la. [offer.submitted]
    """
    if offer.submitted is not None and offer.submitted > ctx.today:
        yield (
            "offer.submitted",
            f"date de dépôt le {format_date(offer.submitted)}, postérieure à aujourd'hui "
            f"({format_date(ctx.today)}) : vérifiez-la.",
        )
