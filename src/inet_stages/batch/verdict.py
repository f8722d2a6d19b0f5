"""One verdict per offer and track, computed once per batch; every output is a view of it.

docs/reference/validate.md, « One verdict per offer and track ». The batch
(:func:`inet_stages.batch.check.check_files`,
then :func:`inet_stages.batch.check.apply_decisions`) gives each file its findings;
this module turns them into the verdict that ``validate``, ``report`` (counts,
CSV, JSON, letters), ``assign``, ``call --remind`` and ``status`` all show, and
never judge again.

API (stable; later keys may be added, never renamed):

- :data:`Outcome` — ``"retenue"`` (no open finding), ``"retenue_sous_reserve"``
  (only warnings the coordination has not settled), ``"a_completer"`` (errors a
  correction cures), ``"non_retenue"`` (an error no correction cures: late,
  wrong host kind, population threshold, track without that internship… —
  :attr:`inet_stages.findings.Code.curable` is false — or a refusal, X001).
  :data:`OUTCOMES` lists them from best to worst; :data:`ELIGIBLE` holds the
  two that count as valid (a place in ``report``, a candidate in ``assign``).
- :class:`TrackVerdict` — ``track``, ``outcome``, ``findings`` (the open
  findings that concern that track), ``cause`` (the code that decides a
  ``non_retenue``: ``D002``, ``X001``…, else None), ``eligible``.
- :class:`AppliedDecision` — the decision of ``decisions.toml`` applied to a
  file: ``source`` (file:line), ``accepted`` codes, ``refused``, ``reason``,
  ``stale`` (the offer changed since: accepted codes not applied).
- :class:`OfferVerdict` — one file's verdict: ``path``, ``tracks``,
  ``by_track`` (track → :class:`TrackVerdict`, in the offer's order),
  ``outcome`` (the whole file's, for a file without tracks or a summary: the
  worst track), ``findings`` (all, accepted ones included), ``address`` (the
  tutor's address as written, or None: it makes the dossiers' replies),
  ``settled``; methods ``outcome_for(track)``, ``eligible_for(track)``,
  ``valid_tracks``. What the verdict was judged on (internship, promotion and
  why, decision, host) is the file's, held once, on
  :class:`inet_stages.batch.check.FileReport`.
- :class:`Addressee` — one reply's recipient within a dossier: ``address``
  (as written by the first file, None when missing), ``usable`` (a valid
  address: no T003, not empty), ``paths`` (that address's own files).
- :class:`Dossier` — copies of one offer (W002: same host, internship, title,
  same promotion) or a single file: ``key`` (its first path), ``paths``,
  ``addressees`` (one per distinct address, compared without case or
  surrounding spaces; files without an address share one ``address=None``).
- :class:`Verdicts` — the batch: ``offers`` (file order), ``dossiers``,
  ``of(path)``, ``outcome(path, track)``, ``eligible(path, track)``,
  ``dossier_of(path)``.

How it is computed: :meth:`FileReport.verdict` (cached on the file) calls
:func:`judge_file`; :attr:`Report.verdicts` (cached on the batch) calls
:func:`judge_batch`. A decision on one copy applies to that copy only; a
copy's W002 is *settled* (no longer holds it « sous réserve ») once every
other copy of its dossier is refused (``FileReport.settled``).

Pure: no file, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from inet_stages.findings import Finding, curable

Outcome = Literal["retenue", "retenue_sous_reserve", "a_completer", "non_retenue"]

#: Best first: the order in which outcomes are compared (the worst track decides a file's).
OUTCOMES: tuple[Outcome, ...] = ("retenue", "retenue_sous_reserve", "a_completer", "non_retenue")

#: The outcomes that make an offer valid for a track (no open error).
ELIGIBLE: frozenset[Outcome] = frozenset({"retenue", "retenue_sous_reserve"})

#: French words for each outcome, as ``validate`` prints them (« valide pour … »).
OUTCOME_WORDS: Mapping[Outcome, str] = {
    "retenue": "valide",
    "retenue_sous_reserve": "valide sous réserve",
    "a_completer": "à compléter",
    "non_retenue": "non retenue",
}

#: Words for a ``non_retenue`` by the code that decides it, where more precise.
CAUSE_WORDS: Mapping[str, str] = {
    "D002": "hors délai",
    "X001": "refusée par la coordination",
    "I003": "stage non prévu pour cette filière",
}

#: Why a promotion judges an offer, by :data:`inet_stages.calendar.promotions.FitReason`.
PROMOTION_WHY: Mapping[str, str] = {
    "named": "promotion indiquée par l'offre (offer.promotion)",
    "window": "promotion dont la fenêtre contient les dates du stage",
    "deadline": (
        "sans dates : promotion dont la fenêtre de ce stage est la prochaine à commencer "
        "après la date de dépôt"
    ),
    "only": "seul calendrier en usage pour ce stage",
    "unknown": "promotion indiquée inconnue : calendrier choisi d'après les dates",
    "none": "dates hors de toute fenêtre : promotion la plus proche",
}


def _is_note(found: Finding) -> bool:
    """A warning on the coordination's own records (X002–X004): hers, not the host's reserve."""
    return found.severity == "warning" and found.code.startswith("X")


@dataclass(frozen=True, kw_only=True, slots=True)
class AppliedDecision:
    """A decision of ``decisions.toml`` as applied to one file."""

    source: str
    accepted: tuple[str, ...] = ()
    refused: bool = False
    reason: str = ""
    #: The offer changed since the decision: its accepted codes were not applied.
    stale: bool = False


# Slots: a batch of 10 000 offers keeps one verdict per file and track.
@dataclass(frozen=True, kw_only=True, slots=True)
class TrackVerdict:
    """The verdict on one offer for one of its tracks."""

    track: str
    outcome: Outcome
    #: Open findings concerning this track: errors not accepted, warnings not settled.
    findings: tuple[Finding, ...] = ()
    #: For ``non_retenue``: the code that decides it (first incurable error), else None.
    cause: str | None = None

    @property
    def eligible(self) -> bool:
        """Valid for the track: a place in ``report``, a candidate in ``assign``."""
        return self.outcome in ELIGIBLE

    @property
    def words(self) -> str:
        """« valide », « hors délai », « à compléter »… (French, as ``validate`` prints it)."""
        if self.outcome == "non_retenue" and self.cause is not None:
            return CAUSE_WORDS.get(self.cause, OUTCOME_WORDS[self.outcome])
        return OUTCOME_WORDS[self.outcome]


def judge(
    findings: Iterable[Finding], *, track: str | None, settled: frozenset[str] = frozenset()
) -> TrackVerdict:
    """The verdict of ``findings`` for ``track`` (None: the whole file, every finding counts).

    ``settled`` are codes the batch settled for this file (a W002 whose other
    copies are all refused).
    """
    open_: list[Finding] = []
    for found in findings:
        if found.accepted or found.code in settled or _is_note(found):
            continue
        if track is not None and not found.concerns(track):
            continue
        open_.append(found)
    if not open_:
        # Most offers of a batch: one shared verdict per track, not one per file.
        key = track or ""
        clear = _CLEAR.get(key)
        if clear is None:
            clear = _CLEAR[key] = TrackVerdict(track=key, outcome="retenue")
        return clear
    errors = [f for f in open_ if f.severity == "error"]
    final = [f for f in errors if not curable(f.code)]
    outcome: Outcome
    if final:
        # A refusal is the coordination's last word: it names the cause first.
        refused = [f for f in final if f.code == "X001"]
        cause = (refused or final)[0].code
        return TrackVerdict(
            track=track or "", outcome="non_retenue", findings=tuple(open_), cause=cause
        )
    if errors:
        outcome = "a_completer"
    elif open_:
        outcome = "retenue_sous_reserve"
    else:
        outcome = "retenue"
    return TrackVerdict(track=track or "", outcome=outcome, findings=tuple(open_))


#: The verdict of a track with nothing open, shared (frozen, so sharing is safe).
_CLEAR: dict[str, TrackVerdict] = {}


def worst(outcomes: Iterable[Outcome]) -> Outcome:
    """The least favourable of ``outcomes`` (``retenue`` when there is none)."""
    return max(outcomes, key=OUTCOMES.index, default="retenue")


@dataclass(frozen=True, kw_only=True, slots=True)
class OfferVerdict:
    """The verdict on one offer file, per track (the facts it was judged on are the file's)."""

    path: str
    tracks: tuple[str, ...]
    by_track: Mapping[str, TrackVerdict]
    #: The whole file's: the worst track's verdict (``track`` names it), or, without
    #: tracks, every finding judged together (``track`` is "").
    whole: TrackVerdict
    findings: tuple[Finding, ...]
    #: The tutor's address as written: one reply per address within a dossier.
    address: str | None = None
    #: Codes the batch settled for this file (W002 once the other copies are refused).
    settled: frozenset[str] = frozenset()

    @property
    def outcome(self) -> Outcome:
        """The file's outcome (worst track; the whole file's when it has no track)."""
        return self.whole.outcome

    def verdict_for(self, track: str) -> TrackVerdict:
        """The verdict for ``track``; a track the offer does not name is judged on file findings."""
        found = self.by_track.get(track)
        if found is not None:
            return found
        return judge(self.findings, track=track, settled=self.settled)

    def outcome_for(self, track: str) -> Outcome:
        """The outcome for ``track``."""
        return self.verdict_for(track).outcome

    def eligible_for(self, track: str) -> bool:
        """Valid for ``track`` (``retenue`` or ``retenue_sous_reserve``)."""
        return self.verdict_for(track).eligible

    @property
    def valid_tracks(self) -> tuple[str, ...]:
        """The offer's tracks it is valid for, in the offer's order."""
        return tuple(t for t in self.tracks if self.by_track[t].eligible)

    @property
    def uniform(self) -> bool:
        """Every track has the same words (``validate`` then prints one verdict)."""
        return len({v.words for v in self.by_track.values()}) <= 1


def judge_file(
    *,
    path: str,
    tracks: Sequence[str] | None,
    findings: tuple[Finding, ...],
    settled: frozenset[str] = frozenset(),
    address: str | None = None,
) -> OfferVerdict:
    """The :class:`OfferVerdict` of one file from its findings (after decisions)."""
    named = tuple(dict.fromkeys(tracks or ()))
    by_track = {t: judge(findings, track=t, settled=settled) for t in named}
    if by_track:
        # A finding on a track the offer does not name (as read) still counts for the file.
        stray = [f for f in findings if f.tracks is not None and not set(f.tracks) & set(named)]
        parts = [*by_track.values(), judge(stray, track=None, settled=settled)]
        outcome = worst(v.outcome for v in parts)
        # The worst part itself (its ``track`` names it): no copy per file.
        whole = next(v for v in parts if v.outcome == outcome)
    else:
        whole = judge(findings, track=None, settled=settled)
    return OfferVerdict(
        path=path,
        tracks=named,
        by_track=by_track,
        whole=whole,
        findings=findings,
        address=address,
        settled=settled,
    )


@dataclass(frozen=True, kw_only=True)
class Addressee:
    """One recipient of a dossier: an address and its own files."""

    address: str | None
    usable: bool
    paths: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class Dossier:
    """Copies of one offer (W002), or one file: one dossier, one reply per address."""

    key: str
    paths: tuple[str, ...]
    addressees: tuple[Addressee, ...]


def address_key(address: str | None) -> str | None:
    """How two addresses are compared: without case nor surrounding spaces; None when empty."""
    if address is None or not address.strip():
        return None
    return address.strip().casefold()


def _dossier(paths: Sequence[str], verdicts: Mapping[str, OfferVerdict]) -> Dossier:
    by_address: dict[str | None, list[str]] = {}
    written: dict[str | None, str | None] = {}
    usable: dict[str | None, bool] = {}
    for path in paths:
        offer = verdicts[path]
        key = address_key(offer.address)
        by_address.setdefault(key, []).append(path)
        written.setdefault(key, offer.address.strip() if offer.address else None)
        bad = any(f.code == "T003" and not f.accepted for f in offer.findings)
        usable[key] = usable.get(key, True) and key is not None and not bad
    return Dossier(
        key=paths[0],
        paths=tuple(paths),
        addressees=tuple(
            Addressee(address=written[k], usable=usable[k], paths=tuple(v))
            for k, v in by_address.items()
        ),
    )


@dataclass(frozen=True, kw_only=True)
class Verdicts:
    """Every file's verdict and the dossiers of a batch."""

    offers: tuple[OfferVerdict, ...]
    dossiers: tuple[Dossier, ...]
    _by_path: dict[str, OfferVerdict] = field(default_factory=dict, repr=False, compare=False)
    _dossier_of: dict[str, Dossier] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for offer in self.offers:
            self._by_path.setdefault(offer.path, offer)
        for dossier in self.dossiers:
            for path in dossier.paths:
                self._dossier_of.setdefault(path, dossier)

    def of(self, path: str) -> OfferVerdict:
        """The verdict of the file at ``path`` (as the batch names it); KeyError if none."""
        return self._by_path[path]

    def outcome(self, path: str, track: str) -> Outcome:
        """The outcome of the file at ``path`` for ``track``."""
        return self.of(path).outcome_for(track)

    def eligible(self, path: str, track: str) -> bool:
        """Whether the file at ``path`` is valid for ``track``."""
        return self.of(path).eligible_for(track)

    def dossier_of(self, path: str) -> Dossier:
        """The dossier the file at ``path`` belongs to."""
        return self._dossier_of[path]


def judge_batch(offers: Sequence[OfferVerdict], groups: Iterable[Sequence[str]]) -> Verdicts:
    """The batch's :class:`Verdicts`: ``offers`` in file order, ``groups`` the W002 copies."""
    by_path = {o.path: o for o in offers}
    grouped: dict[str, Sequence[str]] = {}
    for group in groups:
        members: Sequence[str] = [p for p in group if p in by_path]
        if members:
            for path in members:
                grouped[path] = members
    dossiers: list[Dossier] = []
    seen: set[str] = set()
    for offer in offers:
        if offer.path in seen:
            continue
        members = grouped.get(offer.path, (offer.path,))
        seen.update(members)
        dossiers.append(_dossier(members, by_path))
    return Verdicts(offers=tuple(offers), dossiers=tuple(dossiers))
