"""The rules an offer is checked against, one module per family, and their registry.

Every finding code of ``validate`` is a :class:`Rule` here, with its severity
and its documentation (the docstring, in French: ``inet-stages rules CODE``
shows it to the host). Two sorts of rules:

- *reader* rules (F, S, D001, I001, I002, H003) are found while reading the
  file (:mod:`inet_stages.offers`): they have no ``check``;
- the others look at a read :class:`~inet_stages.offers.Offer` with
  ``check(offer, ctx)`` and yield findings.

Families: ``F`` file, ``S`` structure, ``I`` identifiers, ``D`` dates,
``H`` host, ``T`` tutor, ``P`` projets collectifs, ``W`` quality and batch.
Codes are stable: a code is never reused for another meaning.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from inet_stages.findings import Finding, Severity

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar, Window
    from inet_stages.offers import Offer

K = TypeVar("K", bound=Hashable)

#: What a check function yields: the key path it concerns and the French message.
Hit = tuple[str | None, str]
CheckFunction = Callable[["Offer", "Context"], Iterator[Hit]]

FAMILIES: dict[str, str] = {
    "F": "Fichier (lecture, encodage, TOML)",
    "S": "Structure (clés manquantes, types, clés inconnues)",
    "I": "Identifiants (stage, filières, nature de mission)",
    "D": "Dates (dépôt, fenêtre, durée)",
    "H": "Structure d'accueil",
    "T": "Tuteur ou tutrice",
    "P": "Projets collectifs",
    "W": "Qualité de l'offre et lot de fichiers",
}


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
        """« Stage thématique », administrateurs — what a finding is about."""
        assert offer.internship is not None
        return f"« {self.calendar.internship(offer.internship).label} », {', '.join(tracks)}"


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One finding code: severity, documentation and, for offer rules, the check."""

    code: str
    severity: Severity
    doc: str
    function: CheckFunction | None = None

    @property
    def family(self) -> str:
        """The family's name (« Dates (dépôt, fenêtre, durée) »)."""
        return FAMILIES[self.code[0]]

    @property
    def title(self) -> str:
        """The first line of the documentation: what the rule means."""
        return self.doc.split("\n", 1)[0].strip()

    @property
    def details(self) -> str:
        """The documentation after its first line (explanation and example)."""
        parts = self.doc.split("\n", 1)
        return parts[1].strip("\n") if len(parts) > 1 else ""

    def check(self, offer: Offer, ctx: Context) -> Iterator[Finding]:
        """The findings of this rule on ``offer`` (none for a reader rule)."""
        if self.function is None:
            return
        for key, message in self.function(offer, ctx):
            yield finding(self.code, key, message, offer.line(key))


RULES: dict[str, Rule] = {}


def _register(code: str, severity: Severity, doc: str, function: CheckFunction | None) -> Rule:
    if code in RULES:
        raise ValueError(f"rule code {code} registered twice")
    if code[0] not in FAMILIES:
        raise ValueError(f"rule code {code} has no family")
    rule = Rule(code=code, severity=severity, doc=inspect.cleandoc(doc), function=function)
    RULES[code] = rule
    return rule


def rule(code: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function; its docstring is the rule's user documentation."""

    def decorate(function: CheckFunction) -> CheckFunction:
        _register(code, severity, function.__doc__ or "", function)
        return function

    return decorate


def reader_rule(code: str, severity: Severity, doc: str) -> None:
    """Register a code that the reader (or the batch) emits, with its documentation."""
    _register(code, severity, doc, None)


def finding(code: str, key: str | None, message: str, line: int | None) -> Finding:
    """A finding of ``code``, with the severity the registry gives it."""
    return Finding(
        code=code, severity=RULES[code].severity, field=key or None, message=message, line=line
    )


def check_offer(offer: Offer, ctx: Context) -> list[Finding]:
    """Every finding of every offer rule, in code order."""
    # The same as chaining Rule.check, without a generator layer per rule:
    # this loop runs some twenty times per file of a batch.
    found: list[Finding] = []
    for code, severity, function in _CHECKS:
        for key, message in function(offer, ctx):
            found.append(
                Finding(
                    code=code,
                    severity=severity,
                    field=key or None,
                    message=message,
                    line=offer.line(key),
                )
            )
    return found


def all_rules() -> list[Rule]:
    """Every rule, family by family in reading order (F, S, I, D, H, T, P, W), then by code."""
    order = list(FAMILIES)
    return sorted(RULES.values(), key=lambda r: (order.index(r.code[0]), r.code))


# Registration: importing the family modules fills RULES.
from inet_stages.rules import (  # noqa: E402
    collective,
    dates,
    files,
    host,
    identifiers,
    quality,
    structure,
    tutor,
)

_FAMILY_MODULES = (files, structure, identifiers, dates, host, tutor, collective, quality)
_CHECKED: tuple[str, ...] = tuple(r.code for r in all_rules() if r.function is not None)
_CHECKS: tuple[tuple[str, Severity, CheckFunction], ...] = tuple(
    (r.code, r.severity, r.function) for r in all_rules() if r.function is not None
)
