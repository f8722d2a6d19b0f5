"""The hosts the coordination writes to: the contacts file, and what each may host.

Pure core of ``inet-stages call``. A contacts file (``.csv``, ``.xlsx``, ``.xls`` or ``.ods``,
read by :func:`inet_stages.io.tabular.read_table` as ``import`` reads) has one
row per host contact: ``name``, ``email``, ``organisation``, ``kind`` (a host
kind, label or id), and optionally ``population``, ``city``, ``civility``
(Madame, Monsieur), ``position`` and ``tracks`` (the tracks the contact is
invited for, « Conservateurs » for a library; empty: every track), or their
usual French headers (nom, courriel, structure, collectivité, nature,
habitants, ville, civilité, fonction, filières). A row that cannot be used
is a :class:`RowProblem` naming the row and the column; the other rows are
used.

:func:`eligibility` says which internships a contact may host, with the same
judgement as the rules of the offers (``rules/host.py``, ``rules/collective.py``):
the calendar's ``hosts`` policy of each internship, and the projets collectifs'
population threshold (« plus de » : strictly more).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from inet_stages.calendar import Calendar, Window
from inet_stages.errors import UserError
from inet_stages.ids import normalize
from inet_stages.intake.cells import Vocabulary
from inet_stages.io.tabular import Table, normalize_header
from inet_stages.text.frdates import format_number
from inet_stages.text.textsafe import strip
from inet_stages.text.values import MAX_DIGITS, bounded_int
from inet_stages.text.vocabulary import HOST_KIND_LABELS, TERRITORIAL_KINDS

Civility = Literal["Madame", "Monsieur"]
Field = Literal[
    "name", "email", "organisation", "kind", "population", "city", "civility", "position", "tracks"
]


class ContactsError(UserError):
    """A contacts file without the columns it needs; ``message`` names the file."""


def _headers(table: Mapping[Field, Sequence[str]]) -> dict[str, Field]:
    return {normalize_header(word): key for key, words in table.items() for word in words}


#: Accepted headers (normalised) of each field: the English keys and the usual French words.
COLUMNS: Mapping[str, Field] = _headers(
    {
        "name": (
            "name",
            "nom",
            "contact",
            "nom du contact",
            "prénom nom",
            "nom prénom",
            "destinataire",
            "interlocuteur",
        ),
        "email": (
            "email",
            "e-mail",
            "mail",
            "courriel",
            "adresse e-mail",
            "adresse mail",
            "adresse électronique",
            "courriel du contact",
            "mél",
        ),
        "organisation": (
            "organisation",
            "organization",
            "structure",
            "collectivité",
            "nom de la structure",
            "nom de la collectivité",
            "organisme",
            "structure d'accueil",
            "employeur",
        ),
        "kind": (
            "kind",
            "nature",
            "type",
            "nature de la structure",
            "type de structure",
            "type de collectivité",
            "nature de la collectivité",
            "catégorie",
        ),
        "population": ("population", "habitants", "nombre d'habitants", "nb habitants"),
        "city": ("city", "ville", "commune", "localité"),
        "civility": ("civility", "civilité", "titre", "madame/monsieur"),
        "position": ("position", "fonction", "poste", "qualité"),
        "tracks": ("tracks", "filières", "filière", "cadres d'emplois", "cadre d'emplois"),
    }
)
REQUIRED: tuple[Field, ...] = ("email", "organisation", "kind")
#: How each field is named in messages (the French word of the guide).
FIELD_NAMES: Mapping[Field, str] = {
    "name": "nom",
    "email": "courriel",
    "organisation": "structure",
    "kind": "nature",
    "population": "habitants",
    "city": "ville",
    "civility": "civilité",
    "position": "fonction",
    "tracks": "filières",
}

_EMAIL = re.compile(r"[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+")
_NUMBER = re.compile(r"\d{1,3}(?:[ .'’\u00a0\u202f]\d{3})+|\d+")


@dataclass(frozen=True, kw_only=True)
class HostContact:
    """One row of the contacts file, read."""

    row: int
    name: str
    email: str
    organisation: str
    kind: str
    population: int | None = None
    city: str | None = None
    civility: Civility | None = None
    position: str | None = None
    #: The tracks the contact is invited for (the « Filières » column); empty: every track.
    tracks: tuple[str, ...] = ()

    @property
    def domain(self) -> str:
        """The e-mail domain, lower case (``colmar.fr``)."""
        return self.email.rpartition("@")[2].strip().lower()

    @property
    def shown(self) -> str:
        """« Camille Martin (Ville de Colmar) », or the organisation alone."""
        return f"{self.name} ({self.organisation})" if self.name else self.organisation


@dataclass(frozen=True, kw_only=True)
class RowProblem:
    """A row left aside: its number (as the spreadsheet shows it), the column, why."""

    row: int
    column: str
    message: str


@dataclass(frozen=True, kw_only=True)
class Contacts:
    """The contacts of one file and the rows that could not be used."""

    name: str
    contacts: tuple[HostContact, ...]
    problems: tuple[RowProblem, ...]


class _Bad(ValueError):
    """A cell that cannot become its field."""


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(strip(str(value)).split())


def _population(value: object) -> int:
    if isinstance(value, bool):
        raise _Bad("un nombre d'habitants est attendu")
    if isinstance(value, float) and value.is_integer() and abs(value) < 10**MAX_DIGITS:
        value = int(value)
    if isinstance(value, int):
        if abs(value) >= 10**MAX_DIGITS:
            raise _Bad(f"nombre d'habitants invraisemblable (plus de {MAX_DIGITS} chiffres)")
        return value
    text = re.sub(r"\s*(habitants?|hab\.?)$", "", _text(value), flags=re.IGNORECASE)
    if _NUMBER.fullmatch(text):
        number = bounded_int(re.sub(r"\D", "", text))
        if number is None:
            raise _Bad(f"nombre d'habitants invraisemblable (plus de {MAX_DIGITS} chiffres)")
        return number
    raise _Bad(f"« {_text(value)[:40]} » : un nombre d'habitants est attendu, en chiffres (67 000)")


def _civility(value: str) -> Civility:
    folded = value.strip().rstrip(".").casefold()
    if folded in ("madame", "mme", "mme.", "mrs", "ms", "f"):
        return "Madame"
    if folded in ("monsieur", "m", "mr", "h"):
        return "Monsieur"
    raise _Bad(f"« {value[:40]} » : Madame ou Monsieur attendu (ou laissez vide)")


def _tracks(value: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """« Conservateurs », « Administrateurs, Ingénieurs »: the track ids, in calendar order.

    Labels and ids are read as ``import`` reads them; « bibliothèques » stands
    for the conservateurs (a library's contact writes what it is).
    """
    found: set[str] = set()
    for word in re.split(r"\s*[,;/+\n]\s*", value):
        if not word.strip():
            continue
        if normalize(word).rstrip("s") in ("bibliotheque", "mediatheque"):
            found.add("conservateurs")
            continue
        try:
            found.add(vocabulary.track(word))
        except ValueError as exc:
            raise _Bad(str(exc)) from None
    return tuple(t for t in vocabulary.calendar.track_ids if t in found)


def read_contacts(table: Table, calendar: Calendar) -> Contacts:
    """The contacts of ``table``; raise :class:`ContactsError` when a needed column is missing."""
    columns: dict[Field, str] = {}
    for header in table.columns:
        key = COLUMNS.get(header)
        if key is not None and key not in columns:
            columns[key] = header
    missing = [FIELD_NAMES[key] for key in REQUIRED if key not in columns]
    if missing:
        raise ContactsError(
            f"{table.name} : colonne{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)} introuvable{'s' if len(missing) > 1 else ''} ; colonnes "
            "attendues : nom, courriel, structure, nature, et au besoin habitants, ville, "
            "civilité, fonction, filières."
        )
    vocabulary = Vocabulary(calendar)
    found: list[HostContact] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for row in table.rows:
        cells = {key: row.cells.get(header) for key, header in columns.items()}
        values: dict[str, object] = {}
        row_problems: list[RowProblem] = []

        def bad(
            key: Field,
            message: str,
            number: int = row.number,
            into: list[RowProblem] = row_problems,
        ) -> None:
            header = table.columns.get(columns[key], FIELD_NAMES[key])
            into.append(RowProblem(row=number, column=header, message=message))

        for key in REQUIRED:
            if not _text(cells.get(key)):
                bad(key, f"{FIELD_NAMES[key]} manquant{'e' if key != 'email' else ''}")
        email = _text(cells.get("email"))
        if email and not _EMAIL.fullmatch(email):
            bad("email", f"« {email[:60]} » n'est pas une adresse électronique")
        kind = _text(cells.get("kind"))
        if kind:
            try:
                values["kind"] = vocabulary.host(kind)
            except ValueError as exc:
                bad("kind", str(exc))
        if "population" in columns and cells.get("population") not in (None, ""):
            try:
                values["population"] = _population(cells["population"])
            except _Bad as exc:
                bad("population", str(exc))
        civility = _text(cells.get("civility"))
        if civility:
            try:
                values["civility"] = _civility(civility)
            except _Bad as exc:
                bad("civility", str(exc))
        tracks = _text(cells.get("tracks"))
        if tracks:
            try:
                values["tracks"] = _tracks(tracks, vocabulary)
            except _Bad as exc:
                bad("tracks", str(exc))
        # The same address twice would get two drafts: the first row is kept.
        first = seen.get(email.casefold()) if email else None
        if first is not None:
            bad(
                "email",
                f"« {email[:60]} » figure déjà ligne {first} : un seul courriel par adresse",
            )
        if row_problems:
            problems.extend(row_problems)
            continue
        seen[email.casefold()] = row.number
        population = values.get("population")
        civility_value = values.get("civility")
        found.append(
            HostContact(
                row=row.number,
                name=_text(cells.get("name")),
                email=email,
                organisation=_text(cells.get("organisation")),
                kind=str(values["kind"]),
                population=population if isinstance(population, int) else None,
                city=_text(cells.get("city")) or None,
                civility="Madame"
                if civility_value == "Madame"
                else "Monsieur"
                if civility_value == "Monsieur"
                else None,
                position=_text(cells.get("position")) or None,
                tracks=tuple(str(t) for t in chosen)
                if isinstance(chosen := values.get("tracks"), tuple)
                else (),
            )
        )
    return Contacts(name=table.name, contacts=tuple(found), problems=tuple(problems))


def kind_label(kind: str) -> str:
    """« Établissement public local »: a host kind's French label, without its examples."""
    return HOST_KIND_LABELS.get(kind, kind).split(" (")[0]


# --- Eligibility ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Invitation:
    """An internship the contact is invited to offer, and the conditions stated with it."""

    internship: str
    conditions: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Refusal:
    """An internship the contact is not invited to offer, and why (French)."""

    internship: str
    reason: str


def judge(contact: HostContact, calendar: Calendar, internship: str) -> Invitation | Refusal:
    """May ``contact`` host ``internship``? The rules of the offers, applied before the offer.

    - ``hosts = "territorial"``: a collectivité or a local public body only
      (H001); an établissement public local is invited for the observation
      and the thématique with a condition (the internship takes place within a
      collectivité: to confirm with the coordination).
    - ``hosts = "territorial_preferred"``: anyone, a host outside the
      collectivités with the condition stated (H002 is a warning).
    - ``hosts = "any"``: anyone.
    - projets collectifs (the calendar's ``collective``): a collectivité of
      strictly more than the threshold (P002); an établissement public local
      is not a collectivité; a population unknown is invited with the
      condition stated (P001 would ask for it).
    """
    item = calendar.internship(internship)
    label = item.label
    kind = contact.kind
    territorial = kind in TERRITORIAL_KINDS
    conditions: list[str] = []
    if contact.tracks:
        shorts = ", ".join(calendar.track(t).short for t in contact.tracks)
        offered = {w.track for w in calendar.windows_of_internship(internship)}
        if not offered & set(contact.tracks):
            return Refusal(
                internship=internship,
                reason=f"{label} : pas pour la filière de ce contact ({shorts})",
            )
        if item.collective is not None and not offered <= set(contact.tracks):
            # « une équipe composée d'élèves administrateurs, [...] conservateurs [...],
            # ingénieurs », « une commande portée par la direction générale » : a contact
            # for some tracks only (a library) is not the one who orders a projet collectif.
            return Refusal(
                internship=internship,
                reason=f"{label} : une équipe de toutes les filières, commande de la direction "
                f"générale (contact limité à : {shorts})",
            )
    if item.collective is not None:
        threshold = format_number(item.collective.population_more_than)
        if not territorial or kind == "etablissement_public_local":
            return Refusal(
                internship=internship,
                reason=f"{label} : une collectivité de plus de {threshold} habitants "
                f"(structure de nature « {kind_label(kind)} »)",
            )
        if contact.population is None:
            conditions.append(
                "merci d'indiquer avec votre offre le nombre d'habitants de votre collectivité"
            )
        elif contact.population <= item.collective.population_more_than:
            return Refusal(
                internship=internship,
                reason=f"{label} : plus de {threshold} habitants "
                f"({format_number(contact.population)})",
            )
        return Invitation(internship=internship, conditions=tuple(conditions))
    if item.hosts == "territorial":
        if not territorial:
            return Refusal(
                internship=internship,
                reason=f"{label} : en collectivité territoriale "
                f"(structure de nature « {kind_label(kind)} »)",
            )
        if kind == "etablissement_public_local":
            conditions.append(
                "la coordination des stages examinera avec vous une offre d'un établissement "
                "public local, ce stage se déroulant en collectivité"
            )
    elif item.hosts == "territorial_preferred" and not territorial:
        conditions.append(
            "« si le projet professionnel de l'élève le justifie, le stage peut être réalisé "
            "hors collectivité territoriale »"
        )
    return Invitation(internship=internship, conditions=tuple(conditions))


def open_windows(calendar: Calendar, internship: str, today: date) -> tuple[Window, ...]:
    """The internship's windows still open to offers on ``today``.

    Open: a deadline on or after ``today``, or no deadline published and the
    window not started yet.
    """
    return tuple(
        w
        for w in calendar.windows_of_internship(internship)
        if (w.offers_deadline >= today if w.offers_deadline is not None else w.start > today)
    )


# --- Who has answered already ----------------------------------------------------------

#: Mail providers shared by many: the same domain there does not mean the same host.
SHARED_DOMAINS = frozenset(
    {
        "gmail.com",
        "yahoo.fr",
        "yahoo.com",
        "hotmail.fr",
        "hotmail.com",
        "outlook.fr",
        "outlook.com",
        "live.fr",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
        "icloud.com",
    }
)


def same_host(contact: HostContact, organisation: str | None, email: str | None) -> bool:
    """Does an offer from ``organisation`` (tutor ``email``) come from ``contact``'s host?

    Names are compared as duplicates are (:func:`inet_stages.ids.normalize`
    after the invisible characters are removed): case, accents, spacing and
    separators do not count. The same e-mail domain counts too, except a
    shared provider's.
    """
    if organisation and normalize(strip(organisation)) == normalize(strip(contact.organisation)):
        return True
    if email and "@" in email:
        domain = strip(email).rpartition("@")[2].strip().lower()
        return bool(domain) and domain == contact.domain and domain not in SHARED_DOMAINS
    return False
