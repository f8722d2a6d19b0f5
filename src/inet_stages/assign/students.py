"""The students file of ``assign``: one row per student, problems per row and column, in French.

Columns (headers matched without case, accents or separators): ``name`` (nom, élève),
``track`` (filière, cadre d'emplois; an id or a label), optional ``email`` (courriel), and
``wish1``, ``wish2``… (vœu 1, voeu_2, choix 3) naming offers by their file name without
``.toml``. A bad wish is dropped and the rest of the row kept; a row without a usable name or
track is left out; every other row is used. Pure: works on a :class:`~inet_stages.io.tabular.Table`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from inet_stages.assign.models import Place, Student
from inet_stages.ids import INTERNSHIP_LABELS, TRACK_LABELS, UnknownId, normalize, resolve
from inet_stages.io.tabular import Table
from inet_stages.text.textsafe import clean

#: Accepted headers, folded by :func:`_fold`, for each field.
_NAME = frozenset({"name", "nom", "eleve", "nomdeleleve", "prenomnom", "nomprenom"})
_TRACK = frozenset({"track", "filiere", "cadredemplois", "cadredemploi"})
_EMAIL = frozenset({"email", "courriel", "mail", "adressecourriel", "adresseelectronique"})
_WISH = re.compile(r"^(?:wish|voeu|choix)(\d{1,3})$")


def _fold(header: str) -> str:
    """A header reduced to lower-case letters and digits: « Vœu 1 », « voeu_1 » → ``voeu1``."""
    text = header.casefold().replace("œ", "oe").replace("æ", "ae")
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum() and not unicodedata.combining(ch))


@dataclass(frozen=True, slots=True, kw_only=True)
class StudentProblem:
    """One problem of the students file: row (None for the header), column as written, code."""

    row: int | None
    column: str | None
    code: str
    message: str

    @property
    def text(self) -> str:
        """« ligne 4, colonne « Vœu 2 » : … », ready to follow the file name."""
        where = "en-tête" if self.row is None else f"ligne {self.row}"
        if self.column is not None:
            where += f", colonne « {clean(self.column)} »"
        return _typeset(f"{where} : {self.message}")


def _typeset(text: str) -> str:
    """French spacing: a non-breaking space before « : ; ! ? » and inside the guillemets.

    Also applied to the messages of :func:`inet_stages.ids.resolve`, written with plain spaces.
    """
    text = re.sub(r"[ \u00a0]([:;!?»])", "\u00a0\\1", text)
    return re.sub(r"«[ \u00a0]", "«\u00a0", text)


def _cell(value: object) -> str:
    """A cell as text: numbers without a trailing ``.0``, dates in ISO form, None as empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _short(text: str) -> str:
    shown = clean(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def _track_ids(tracks: Collection[str]) -> Mapping[str, str]:
    """Folded labels of the known tracks → id, so that a label as the brochure writes it works."""
    return {normalize(TRACK_LABELS[t]): t for t in tracks if t in TRACK_LABELS}


def parse_students(
    table: Table,
    *,
    places: Sequence[Place],
    offers: Collection[str] = (),
    tracks: Collection[str] = tuple(TRACK_LABELS),
    internship: str | None = None,
    closed: Mapping[str, Mapping[str, str]] | None = None,
    labels: Mapping[str, str] | None = None,
    copies: Mapping[str, Mapping[str, str]] | None = None,
) -> tuple[tuple[Student, ...], tuple[StudentProblem, ...]]:
    """Read the students of ``table``; return them and the problems found, row by row.

    ``places`` are the candidate places of the internship (offer id and the tracks it is valid
    for); ``offers`` every offer id read, valid or not, so that a wish naming an offer that is
    not a place of this internship is told apart from an unknown name. ``tracks`` are the
    track ids the calendar knows; ``internship`` only words the messages. ``closed`` (offer →
    track → reason) says why an offer open to a track cannot take it (late for that track…);
    ``labels`` are the tracks' short labels for the messages. ``copies`` (offer → track →
    offer) names the place a copy of an offer stands for: a wish for the copy is for it.
    """
    closed = closed or {}
    copies = copies or {}
    shown_tracks = labels or TRACK_LABELS
    problems: list[StudentProblem] = []
    fields: dict[str, str] = {}  # field → normalised header
    wish_columns: list[tuple[int, str]] = []
    for key in table.columns:
        folded = _fold(key)
        match = _WISH.match(folded)
        if match:
            wish_columns.append((int(match.group(1)), key))
        elif folded in _NAME:
            fields.setdefault("name", key)
        elif folded in _TRACK:
            fields.setdefault("track", key)
        elif folded in _EMAIL:
            fields.setdefault("email", key)
    wish_columns.sort()
    for field_, accepted in (("name", "name, nom, élève"), ("track", "track, filière")):
        if field_ not in fields:
            problems.append(
                StudentProblem(
                    row=None,
                    column=None,
                    code="missing_column",
                    message=_typeset(
                        f"colonne « {field_} » absente (en-têtes acceptés : {accepted})."
                    ),
                )
            )
    if problems:
        return (), tuple(problems)

    by_offer = {p.offer: p for p in places}
    known = set(offers) | set(by_offer)
    folded_offers = {o.casefold(): o for o in known}
    labels = _track_ids(tracks)
    what = INTERNSHIP_LABELS.get(internship or "", internship or "ce stage")
    seen_names: dict[str, int] = {}
    students: list[Student] = []

    def problem(row: int, key: str | None, code: str, message: str) -> None:
        column = None if key is None else table.columns.get(key, key)
        problems.append(
            StudentProblem(row=row, column=column, code=code, message=_typeset(message))
        )

    for row in table.rows:
        cells = row.cells
        name = clean(_cell(cells.get(fields["name"])))
        if not name:
            problem(
                row.number,
                fields["name"],
                "missing_name",
                "nom de l'élève absent ; ligne ignorée.",
            )
            continue
        raw_track = _cell(cells.get(fields["track"]))
        if not raw_track:
            problem(
                row.number,
                fields["track"],
                "missing_track",
                f"filière de « {_short(name)} » absente ; ligne ignorée.",
            )
            continue
        track = labels.get(normalize(raw_track))
        if track is None:
            try:
                track = resolve(raw_track, tracks, kind="track")
            except UnknownId as exc:
                problem(
                    row.number, fields["track"], "unknown_track", f"{exc.message} Ligne ignorée."
                )
                continue
        folded_name = normalize(name)
        if folded_name in seen_names:
            problem(
                row.number,
                fields["name"],
                "duplicate_student",
                f"« {_short(name)} » figure déjà ligne {seen_names[folded_name]} ; ligne ignorée.",
            )
            continue
        seen_names[folded_name] = row.number
        email = _cell(cells.get(fields["email"])) if "email" in fields else ""

        wishes: list[str] = []
        where: dict[str, int] = {}
        for number, key in wish_columns:
            value = _cell(cells.get(key))
            if not value:
                continue
            offer = value[:-5] if value.casefold().endswith(".toml") else value
            offer = offer if offer in known else folded_offers.get(offer.casefold(), offer)
            if offer not in known:
                close = difflib.get_close_matches(offer, sorted(known), n=1, cutoff=0.75)
                hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
                problem(
                    row.number,
                    key,
                    "unknown_offer",
                    f"offre inconnue : « {_short(value)} » (aucune offre de ce nom).{hint}",
                )
                continue
            offer = copies.get(offer, {}).get(track, offer)
            place = by_offer.get(offer)
            reason = closed.get(offer, {}).get(track)
            if reason is not None and (place is None or track not in place.tracks):
                problem(
                    row.number,
                    key,
                    "offer_closed_for_track",
                    f"l'offre « {_short(offer)} » n'est pas valide pour la filière "
                    f"« {shown_tracks.get(track, track)} » : {reason}.",
                )
                continue
            if place is None:
                problem(
                    row.number,
                    key,
                    "offer_not_for_internship",
                    f"l'offre « {_short(offer)} » n'est pas une offre valide pour « {what} ».",
                )
                continue
            if track not in place.tracks:
                problem(
                    row.number,
                    key,
                    "offer_not_for_track",
                    f"l'offre « {_short(offer)} » n'est pas ouverte à la filière "
                    f"« {shown_tracks.get(track, track)} ».",
                )
                continue
            if offer in where:
                problem(
                    row.number,
                    key,
                    "duplicate_wish",
                    f"« {_short(offer)} » est déjà le vœu {where[offer]} ; vœu {number} ignoré.",
                )
                continue
            where[offer] = number
            wishes.append(offer)
        students.append(
            Student(
                name=name, track=track, email=email or None, wishes=tuple(wishes), row=row.number
            )
        )
    return tuple(students), tuple(problems)
