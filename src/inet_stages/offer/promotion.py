"""Which promotion an offer is checked against, and what to say when none fits.

The policy is :func:`inet_stages.calendar.promotions.offer_calendar` (pure,
on plain values); this module applies it to a read :class:`Offer` and turns
its verdict into findings: D010 when the offer names a promotion no calendar
has (or not the one ``--calendar`` loaded), D011 when its dates fit the
window of no promotion, naming each window missed. The codes are documented
in :mod:`inet_stages.rules.promotions`; like the reader, this module emits
them without importing the rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from inet_stages.calendar.model import Calendar, parse_school_year
from inet_stages.calendar.promotions import Fit, offer_calendar
from inet_stages.findings import Finding
from inet_stages.offer.model import Offer
from inet_stages.text.frdates import format_date, format_range
from inet_stages.text.textsafe import clean

#: What ``validate`` asks of a chooser: the calendar for an offer, and findings to add.
Chooser = Callable[[Offer], "Choice"]


@dataclass(frozen=True, kw_only=True)
class Choice:
    """The calendar an offer is checked against, with the findings the choice itself raises."""

    calendar: Calendar
    findings: tuple[Finding, ...] = ()
    #: Codes the choice's findings already say (D003 when D011 names every window missed).
    superseded: frozenset[str] = frozenset()
    #: How the calendar was chosen (:class:`inet_stages.calendar.promotions.Fit`).
    reason: str = "only"


def _years(calendars: Sequence[Calendar]) -> str:
    return ", ".join(sorted(clean(c.school_year) for c in calendars))


def _dates_key(offer: Offer) -> str:
    return "offer.start" if offer.start is not None else "offer.end"


def for_another_year(promotion: str | None, calendar: Calendar) -> bool:
    """Does the offer name a promotion, well written, other than ``calendar``'s?"""
    return (
        promotion is not None
        and parse_school_year(promotion) is not None
        and promotion.strip() != calendar.school_year
    )


def choose(
    offer: Offer, calendars: Sequence[Calendar], default: Calendar, today: date | None = None
) -> Choice:
    """The calendar ``offer`` is for, among ``calendars`` (one per school year).

    With one calendar (``--calendar``), an offer naming another promotion is
    still checked against it, with a D010 that says so. A deposit date after
    ``today`` (D006: 2027 typed for 2026) tells nothing of the promotion: an
    offer without dates is not moved to next year's on it.
    """
    submitted = offer.submitted
    if submitted is not None and today is not None and submitted > today:
        submitted = None
    fit: Fit = offer_calendar(
        calendars,
        promotion=offer.promotion,
        internship=offer.internship,
        tracks=offer.tracks,
        start=offer.start,
        end=offer.end,
        submitted=submitted,
        default=default,
    )
    found: list[Finding] = []
    superseded: frozenset[str] = frozenset()
    if fit.reason == "unknown" and fit.named is not None:
        named = clean(fit.named, limit=40)
        if parse_school_year(fit.named) is None:
            what = f"promotion « {named} » illisible : forme attendue AAAA-AAAA (2027-2028)"
        elif len(calendars) == 1:
            what = (
                f"l'offre est pour la promotion {named}, mais le calendrier chargé est celui de "
                f"{clean(fit.calendar.school_year)}"
            )
        else:
            what = (
                f"promotion {named} inconnue : les calendriers en usage sont ceux de "
                f"{_years(calendars)}"
            )
        found.append(
            Finding(
                code="D010",
                severity="error",
                field="offer.promotion",
                message=(
                    f"{what} ; l'offre est vérifiée avec le calendrier "
                    f"{clean(fit.calendar.school_year)}."
                ),
                line=offer.line("offer.promotion"),
            )
        )
        if for_another_year(offer.promotion, fit.calendar):
            # The offer is for another promotion: the deadline and the window of the one it
            # is checked with are not its own. « Late » for them would refuse it on a date of
            # the wrong year (the letter would say « 16 février 2026 » to an offer for
            # 2027-2028). A promotion typed wrong (« 2026/2027 ») tells no other year.
            superseded = frozenset({"D002", "D003"})
    if fit.on_time_for is not None and fit.late_for is not None:
        year, deadline = fit.on_time_for
        # Scoped to the tracks it is late for: on time for another, the offer is
        # not in doubt there.
        known = {t.id: t.short for t in fit.calendar.tracks}
        which = ", ".join(clean(known.get(t, t)) for t in fit.late_tracks)
        found.append(
            Finding(
                code="D012",
                severity="warning",
                field="offer.submitted",
                tracks=fit.late_tracks or None,
                message=(
                    f"offre sans dates, déposée après la date limite de la promotion "
                    f"{clean(fit.calendar.school_year)} ({format_date(fit.late_for)}, "
                    f"{which}) : elle est "
                    f"vérifiée avec cette promotion. Si elle est pour la promotion {clean(year)} "
                    f"(date limite : {format_date(deadline)}), écrivez "
                    f'promotion = "{clean(year)}" dans [offer].'
                ),
                line=offer.line("offer.submitted"),
            )
        )
    if fit.reason == "none" and fit.missed and len(calendars) > 1:
        assert offer.internship is not None
        label = clean(fit.calendar.internship(offer.internship).label)
        missed = " ; ".join(
            f"{clean(year)} ({clean(window.track)}) du {format_range(window.start, window.end)}"
            for year, window in fit.missed
        )
        start = offer.start or offer.end
        end = offer.end or offer.start
        assert start is not None and end is not None
        shown = f"du {format_range(start, end)}" if start <= end else "donnée"
        found.append(
            Finding(
                code="D011",
                severity="error",
                field=_dates_key(offer),
                message=(
                    f"la période {shown} ne tient dans la fenêtre d'aucune promotion pour "
                    f"« {label} » : {missed}. Corrigez les dates, ou indiquez la promotion "
                    '(promotion = "AAAA-AAAA").'
                ),
                line=offer.line(_dates_key(offer)),
            )
        )
        superseded |= {"D003"}
    return Choice(
        calendar=fit.calendar,
        findings=tuple(found),
        superseded=superseded,
        reason=fit.reason,
    )


def chooser(calendars: Sequence[Calendar], default: Calendar, today: date | None = None) -> Chooser:
    """A :data:`Chooser` over ``calendars`` (one per school year); ``default`` when none tells."""
    known = tuple(calendars) or (default,)

    def for_offer(offer: Offer) -> Choice:
        return choose(offer, known, default, today)

    return for_offer
