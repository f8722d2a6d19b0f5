"""The plain offer: what an offer file says, as far as it could be read — frozen data.

Built by :mod:`inet_stages.offer.reader`; read by the rules, the batch, the
report and the replies. pydantic stays at the input boundary (the reader and
the schema): nothing here imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from inet_stages.findings import Finding
from inet_stages.text.vocabulary import TERRITORIAL_KINDS


@dataclass(frozen=True, kw_only=True)
class Host:
    """The host organisation; ``kind`` is the resolved host kind id (None if unreadable)."""

    name: str | None = None
    kind: str | None = None
    population: int | None = None
    city: str | None = None

    @property
    def territorial(self) -> bool | None:
        """True for a collectivité or local public body; None when the kind is unknown."""
        return None if self.kind is None else self.kind in TERRITORIAL_KINDS


@dataclass(frozen=True, kw_only=True)
class Tutor:
    """The tutor as written in the file; ``civility`` is « Madame », « Monsieur » or None."""

    name: str | None = None
    civility: str | None = None
    position: str | None = None
    email: str | None = None
    phone: str | None = None


def _no_lines(_key: str | None) -> int | None:
    return None


@dataclass(frozen=True, kw_only=True)
class Offer:
    """What an offer file says, as far as it could be read.

    Ids are resolved (``internship``, ``tracks``); a field that could not be
    read is ``None`` and its key path is in ``bad_fields``.
    """

    path: str
    internship: str | None = None
    tracks: tuple[str, ...] = ()
    tracks_given: bool = False
    title: str | None = None
    description: str | None = None
    submitted: date | None = None
    start: date | None = None
    end: date | None = None
    mission_kind: str | None = None
    #: The school year the offer names (``2027-2028``), as written; None when not given.
    promotion: str | None = None
    host: Host = field(default_factory=Host)
    tutor: Tutor = field(default_factory=Tutor)
    collective_table: bool = False
    fee_accepted: bool | None = None
    bad_fields: frozenset[str] = frozenset()
    line: Callable[[str | None], int | None] = field(default=_no_lines, compare=False)


@dataclass(frozen=True, kw_only=True)
class ReadResult:
    """An offer (None when the file is not even a TOML document) and the reader's findings."""

    offer: Offer | None
    findings: tuple[Finding, ...]
    #: « Reçue par e-mail de … le … », the note ``import`` wrote atop an offer it took from
    #: an e-mail (a comment: the offer format has no key for it); None otherwise.
    received: str | None = None
