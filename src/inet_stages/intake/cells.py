"""The value readers of the import: one table cell turned into its field.

Dates (day first, ISO, in words, or an Excel day number), numbers of
inhabitants, yes/no, civilities, texts, and the labels of internships, tracks,
host and mission kinds (:class:`Vocabulary`). Pure; a cell that cannot become
its field raises :class:`Unreadable` with a French message, which
:mod:`inet_stages.intake.rows` turns into a problem of the row.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from functools import lru_cache

from inet_stages.calendar import Calendar
from inet_stages.ids import INTERNSHIP_LABELS, TRACK_LABELS, UnknownId, normalize, resolve
from inet_stages.intake.columns import _DATE_KEYS, NO, YES
from inet_stages.text.frdates import MONTHS
from inet_stages.text.textsafe import strip
from inet_stages.text.values import MAX_DIGITS, bounded_int
from inet_stages.text.vocabulary import (
    HOST_KIND_LABELS,
    HOST_KINDS,
    MISSION_KIND_LABELS,
    MISSION_KINDS,
)


class Unreadable(ValueError):
    """A cell that cannot become its field; the message says what was expected."""


_DAY_FIRST = re.compile(
    r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})(?:[ T,]+\d{1,2}[:h]\d{2}.*)?"
)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}.*)?")
_MONTHS = {normalize(m): n for n, m in enumerate(MONTHS, start=1)}
_MONTHS.update({"fevrier": 2, "aout": 8, "decembre": 12, "fevr": 2, "janv": 1, "sept": 9})
_WORDS = re.compile(r"(?:[a-zé]+\.?\s+)?(\d{1,2})(?:er)?\s+([a-zéû]+)\.?\s+(\d{4})", re.IGNORECASE)
#: Excel day numbers (days since 30 December 1899) of 1955–2119: a date cell
#: that lost its format arrives as such a number.
_SERIALS = range(20_000, 80_000)


def _date(value: object) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if math.isfinite(value) and int(value) in _SERIALS:
            return date(1899, 12, 30) + timedelta(days=int(value))
        raise Unreadable(f"« {value} » n'est pas une date ; écrivez-la JJ/MM/AAAA")
    text = str(value).strip()
    try:
        if match := _DAY_FIRST.fullmatch(text):
            day, month, year = (int(g) for g in match.groups())
            return date(year + 2000 if year < 100 else year, month, day)
        if match := _ISO.fullmatch(text):
            year, month, day = (int(g) for g in match.groups())
            return date(year, month, day)
        if match := _WORDS.fullmatch(text):
            month_number = _MONTHS.get(normalize(match[2]))
            if month_number is not None:
                return date(int(match[3]), month_number, int(match[1]))
    except ValueError:
        raise Unreadable(f"« {_short(text)} » : cette date n'existe pas") from None
    raise Unreadable(
        f"« {_short(text)} » : date illisible ; écrivez-la JJ/MM/AAAA (10/02/2026) "
        "ou AAAA-MM-JJ (2026-02-10)"
    )


_NUMBER = re.compile(r"\d{1,3}(?:[ .'’]\d{3})+|\d+")


def _population(value: object) -> int:
    if isinstance(value, bool):
        raise Unreadable("un nombre d'habitants est attendu")
    if isinstance(value, float):
        if not value.is_integer():
            raise Unreadable(f"« {value} » : un nombre entier d'habitants est attendu")
        if abs(value) >= 10**MAX_DIGITS:
            raise Unreadable(f"nombre d'habitants invraisemblable (plus de {MAX_DIGITS} chiffres)")
        value = int(value)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_DIGITS:
            raise Unreadable(f"nombre d'habitants invraisemblable (plus de {MAX_DIGITS} chiffres)")
        return value
    text = _squeeze(str(value))
    text = re.sub(r"\s*(habitants?|hab\.?)$", "", text, flags=re.IGNORECASE)
    if _NUMBER.fullmatch(text):
        # Bounded before int(): a 4 400-digit « population » raises there.
        number = bounded_int(re.sub(r"\D", "", text))
        if number is None:
            raise Unreadable(f"nombre d'habitants invraisemblable (plus de {MAX_DIGITS} chiffres)")
        return number
    raise Unreadable(
        f"« {_short(str(value))} » : un nombre d'habitants est attendu, en chiffres (67 000)"
    )


def _civility(value: object) -> str:
    folded = _folded(str(value))
    if folded in ("madame", "mme", "mm", "mrs", "ms", "mlle", "mademoiselle", "f"):
        return "Madame"
    if folded in ("monsieur", "m", "mr", "mon", "h"):
        return "Monsieur"
    raise Unreadable(f"« {_short(str(value))} » : écrivez Madame ou Monsieur")


def _yes_no(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    folded = normalize(str(value))
    if folded.startswith(("oui", "yes", "vrai", "true", "accept")) or folded in ("x", "1", "o"):
        return True
    if folded.startswith(("non", "no", "faux", "false", "refus")) or folded in ("0", "n"):
        return False
    raise Unreadable(f"« {_short(str(value))} » : répondez oui ou non")


_RUNS_OF_SPACE = re.compile(r"[\s\u00a0\u202f]+")


def _squeeze(text: str) -> str:
    return _RUNS_OF_SPACE.sub(" ", text).strip()


def _short(text: str) -> str:
    text = _squeeze(text)
    return text if len(text) <= 60 else text[:57] + "..."


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^0-9a-z]+", "", "".join(c for c in decomposed if c.isascii()))


class Vocabulary:
    """Labels and ids the cells may use, for one calendar."""

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.internships = self._labels(
            calendar.internship_ids,
            [
                INTERNSHIP_LABELS,
                {i.id: i.label for i in calendar.internships},
                {i.id: i.short for i in calendar.internships},
            ],
        )
        self.tracks = self._labels(
            calendar.track_ids,
            [
                TRACK_LABELS,
                {t.id: t.label for t in calendar.tracks},
                {t.id: t.short for t in calendar.tracks},
            ],
        )
        self.hosts = self._labels(HOST_KINDS, [HOST_KIND_LABELS, _short_labels(HOST_KIND_LABELS)])
        self.missions = self._labels(MISSION_KINDS, [MISSION_KIND_LABELS])

    @staticmethod
    def _labels(ids: Sequence[str], tables: Sequence[Mapping[str, str]]) -> dict[str, str]:
        found = {_folded(i): i for i in ids}
        for table in tables:
            found.update({_folded(label): i for i, label in table.items() if i in ids})
        return found

    @staticmethod
    def _calendar_id(
        labels: Mapping[str, str], value: str, ids: Sequence[str], *, kind: str
    ) -> str:
        """The id of a label in ``labels``, else of an id spelt as :func:`resolve` reads it."""
        hit = labels.get(_folded(value))
        if hit is not None:
            return hit
        try:
            return resolve(value, ids, kind=kind)
        except UnknownId as exc:
            raise Unreadable(exc.message.rstrip(".")) from None

    def internship(self, value: str) -> str:
        """The internship id of a label or an id."""
        return self._calendar_id(
            self.internships, value, self.calendar.internship_ids, kind="internship"
        )

    def track(self, value: str) -> str:
        """The track id of a label or an id."""
        return self._calendar_id(self.tracks, value, self.calendar.track_ids, kind="track")

    def host(self, value: str) -> str:
        """The host kind id of a label or an id."""
        hit = self.hosts.get(_folded(value))
        if hit is not None:
            return hit
        try:
            return resolve(value, HOST_KINDS, kind="host")
        except UnknownId:
            raise Unreadable(
                f"nature de structure inconnue « {_short(value)} » ; choisissez dans la liste : "
                + ", ".join(HOST_KIND_LABELS[k].split(" (")[0] for k in HOST_KINDS)
            ) from None

    def mission(self, value: str) -> str:
        """The mission kind id of a label or an id."""
        hit = self.missions.get(_folded(value))
        if hit is not None:
            return hit
        raise Unreadable(
            f"nature de mission inconnue « {_short(value)} » ; valeurs possibles : "
            + ", ".join(MISSION_KIND_LABELS.values())
        )


def _short_labels(labels: Mapping[str, str]) -> dict[str, str]:
    # « Établissement public local » as well as the label with its examples.
    return {k: v.split(" (")[0] for k, v in labels.items()}


LIST_SPLIT = re.compile(r"\s*[;,\n]\s*")


def _text(key: str, value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and key == "tutor.phone":
        # A phone number typed in a number cell lost its leading zero.
        digits = str(value)
        return "0" + digits if len(digits) == 9 else digits
    text = str(value)
    if key == "offer.description":
        return strip(text.replace("\r\n", "\n").replace("\r", "\n"), keep_newlines=True).strip()
    return _squeeze(strip(text))


def cell_value(key: str, cell: object, vocabulary: Vocabulary) -> object:
    """The field ``key`` read from ``cell``; :class:`Unreadable` says why it cannot be."""
    if key in _DATE_KEYS:
        return _date(cell)
    if key == "host.population":
        return _population(cell)
    if key == "collective_project.fee_accepted":
        return _yes_no(cell)
    if key == "tutor.civility":
        return _civility(cell)
    text = _text(key, cell)
    match key:
        case "offer.internship":
            return vocabulary.internship(text)
        case "host.kind":
            return vocabulary.host(text)
        case "offer.mission_kind":
            return vocabulary.mission(text)
    return text
