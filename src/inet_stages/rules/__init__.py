"""The rules an offer is checked against, one module per family; the codes' documentation.

Every finding code is registered in :data:`inet_stages.findings.CODES` with its
severity and its documentation (the docstring, in French: ``inet-stages rules
CODE`` shows it to the host). Three sorts of codes:

- *reader* codes (F, S, D001, I001, I002, H003) are found while reading the
  file (:mod:`inet_stages.offer.reader`), which emits them as errors without
  importing this package;
- *check* rules look at a read :class:`~inet_stages.offer.model.Offer` with
  ``function(offer, ctx)`` and yield findings;
- *calendar* codes (C1xx–C3xx, :mod:`inet_stages.rules.calendar`) are found by
  the calendar reader and ``calendar check``.

Families: ``F`` file, ``S`` structure, ``I`` identifiers, ``D`` dates,
``H`` host, ``T`` tutor, ``P`` projets collectifs, ``W`` quality and batch.
Codes are stable: a code is never reused for another meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from inet_stages.findings import CODES, FAMILIES, Code, Finding, Severity, register, sorted_codes

if TYPE_CHECKING:
    from inet_stages.calendar.model import Calendar, Window
    from inet_stages.offer.model import Offer

K = TypeVar("K", bound=Hashable)


class Scoped(NamedTuple):
    """A hit that concerns some of the offer's tracks only (the finding says which)."""

    key: str | None
    message: str
    tracks: tuple[str, ...]


#: What a check function yields: the key path it concerns and the French message,
#: or a :class:`Scoped` hit that also names the tracks it concerns.
Hit = tuple[str | None, str] | Scoped
CheckFunction = Callable[["Offer", "Context"], Iterator[Hit]]


@dataclass(frozen=True, kw_only=True)
class Context:
    """What the rules know beside the offer: the calendar and the day of the check."""

    calendar: Calendar
    today: date
    # Several rules ask for the same windows of every offer: computed once per
    # (internship, tracks), since a batch repeats a handful of combinations.
    _windows: dict[tuple[str, tuple[str, ...]], tuple[Window, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def windows(self, offer: Offer) -> tuple[Window, ...]:
        """The windows of the offer's tracks for its internship (tracks without one skipped)."""
        if offer.internship is None:
            return ()
        key = (offer.internship, tuple(offer.tracks))
        cached = self._windows.get(key)
        if cached is None:
            found = (self.calendar.window(track, offer.internship) for track in offer.tracks)
            cached = self._windows[key] = tuple(w for w in found if w is not None)
        return cached

    def grouped(self, offer: Offer, key: Callable[[Window], K]) -> list[tuple[Window, list[str]]]:
        """The offer's windows sharing ``key`` (a deadline, dates…): the first and the tracks.

        Tracks whose windows agree get one finding that names them together.
        """
        groups: dict[K, tuple[Window, list[str]]] = {}
        for window in self.windows(offer):
            groups.setdefault(key(window), (window, []))[1].append(window.track)
        return list(groups.values())

    def describe(self, offer: Offer, tracks: list[str]) -> str:
        """« Stage thématique », Administrateurs — what a finding is about (labels, not ids)."""
        assert offer.internship is not None
        names = track_names(self.calendar, tracks)
        return f"« {self.calendar.internship(offer.internship).label} », {names}"


def track_names(cal: Calendar, tracks: Iterable[str]) -> str:
    """« Administrateurs, Ingénieurs »: the tracks by the calendar's short labels.

    A track the calendar does not know (reported by its own rule) keeps its id.
    """
    known = {track.id: track.short for track in cal.tracks}
    return ", ".join(known.get(track, track) for track in tracks)


#: The check functions, in registration order: (code, severity, function).
_CHECKS: list[tuple[str, Severity, CheckFunction]] = []

#: Compatibility names: the registry is :data:`inet_stages.findings.CODES`.
RULES = CODES
Rule = Code


def rule(
    code: str, severity: Severity, *, curable: bool = True
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function; its docstring is the rule's user documentation.

    ``curable=False`` marks an error no correction of the offer cures (late, wrong host…).
    """

    def decorate(function: CheckFunction) -> CheckFunction:
        register(code, severity, function.__doc__ or "", curable=curable)
        _CHECKS.append((code, severity, function))
        return function

    return decorate


def reader_rule(code: str, severity: Severity, doc: str, *, curable: bool = True) -> None:
    """Register a code that a reader (or the batch) emits, with its documentation."""
    register(code, severity, doc, curable=curable)


def check_offer(offer: Offer, ctx: Context) -> list[Finding]:
    """Every finding of every offer rule, in code order."""
    # The same as chaining Rule.check, without a generator layer per rule:
    # this loop runs some twenty times per file of a batch.
    found: list[Finding] = []
    for code, severity, function in _CHECKS:
        for hit in function(offer, ctx):
            key = hit[0]
            found.append(
                Finding(
                    code=code,
                    severity=severity,
                    field=key or None,
                    message=hit[1],
                    line=offer.line(key),
                    tracks=hit.tracks if isinstance(hit, Scoped) else None,
                )
            )
    return found


def all_rules() -> list[Code]:
    """Every code, offers' and calendars', family by family in reading order, then by code."""
    return sorted_codes(CODES.values())


# Registration: importing the family modules fills the registry and _CHECKS.
from inet_stages.rules import (  # noqa: E402, F401
    calendar,
    collective,
    dates,
    decisions,
    files,
    host,
    identifiers,
    promotions,
    quality,
    structure,
    tutor,
)

# Code order, so that findings come out the same whatever the import order.
_CHECKS.sort(key=lambda check: (list(FAMILIES).index(check[0][0]), check[0]))
