"""The columns of the form and how a table's headers are recognised.

Columns are recognised by their normalised header (:func:`tabular.normalize_header`):

1. a mapping given by the coordination (``--mapping``), first;
2. the labels of the form (:data:`FORM_COLUMNS`) and the dotted keys of the
   offer format (``offer.title``, ``host.name``…);
3. the usual French words of online form tools (« Intitulé du stage »,
   « Nom de la structure », « Courriel du tuteur »…): :data:`SYNONYMS`;
4. a few generic words (« Adresse e-mail », « Horodateur », « Fonction »),
   used only when no better column gives the same field: :data:`WEAK_SYNONYMS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from inet_stages.ids import slug
from inet_stages.io.tabular import Table, normalize_header
from inet_stages.text.frdates import format_number

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar

# --- The vocabulary shown in the form --------------------------------------------------

YES, NO = "oui", "non"

#: How many track columns the form has (one drop-down each): every track at most.
TRACK_COLUMNS = 3

#: The form's sheet of offers: ``import`` reads it wherever a host moved it among sheets.
OFFERS_SHEET = "Offres"


@dataclass(frozen=True, kw_only=True)
class Column:
    """One column of the form: its header, the offer key it fills, its help and its shape."""

    key: str
    label: str
    help: str
    kind: str = "text"  # text | long | date | number | internship | track | host | mission | yes
    # | civility
    width: int = 24


def form_name(calendar: Calendar) -> str:
    """The form's workbook name: ``offres-inet-2026-2027.xlsx`` (``modeles/``, the call)."""
    return f"offres-inet-{slug(calendar.school_year)}.xlsx"


def form_columns(fee_eur: int | None = None) -> tuple[Column, ...]:
    """The columns of the form, in order; ``fee_eur`` is the projets collectifs fee."""
    fee = f"{format_number(fee_eur)}\u00a0€" if fee_eur else "forfaitaire"
    tracks = tuple(
        Column(
            key="offer.tracks",
            label=f"Filière {n}",
            help=(
                "Filière d'élèves concernée (liste). Une colonne par filière ; laissez vide "
                "pour un projet collectif (les trois filières)."
            ),
            kind="track",
            width=18,
        )
        for n in range(1, TRACK_COLUMNS + 1)
    )
    return (
        Column(
            key="offer.internship",
            label="Stage",
            help="Stage proposé (liste).",
            kind="internship",
            width=30,
        ),
        *tracks,
        Column(key="offer.title", label="Intitulé de la mission", help="En une ligne.", width=32),
        Column(
            key="offer.description",
            label="Description de la mission",
            help="Contexte, attendus, livrables, interlocuteurs de l'élève, en quelques phrases.",
            kind="long",
            width=45,
        ),
        Column(
            key="offer.submitted",
            label="Date de dépôt",
            help="Date d'envoi de l'offre, JJ/MM/AAAA.",
            kind="date",
            width=12,
        ),
        Column(
            key="offer.start",
            label="Premier jour du stage",
            help="Facultatif : par défaut, le début de la fenêtre du calendrier. JJ/MM/AAAA.",
            kind="date",
            width=12,
        ),
        Column(
            key="offer.end",
            label="Dernier jour du stage",
            help="Facultatif : par défaut, la fin de la fenêtre du calendrier. JJ/MM/AAAA.",
            kind="date",
            width=12,
        ),
        Column(
            key="offer.mission_kind",
            label="Nature de la mission",
            help=(
                "Seulement pour un stage de professionnalisation (pilotage de projet, "
                "renfort managérial tutoré, ou pré-prise de poste en cas de recrutement) ou "
                "de perfectionnement (pré-prise de poste en cas de recrutement). Laissez vide "
                "pour les autres stages. Facultatif (liste)."
            ),
            kind="mission",
            width=20,
        ),
        Column(
            key="host.name",
            label="Structure d'accueil",
            help="Nom de la structure (« Ville de Colmar »).",
            width=26,
        ),
        Column(
            key="host.kind",
            label="Nature de la structure",
            help="Commune, EPCI, département… (liste).",
            kind="host",
            width=22,
        ),
        Column(
            key="host.population",
            label="Nombre d'habitants",
            help="Obligatoire pour un projet collectif ; un nombre, sans texte.",
            kind="number",
            width=12,
        ),
        Column(key="host.city", label="Ville", help="Ville de la structure.", width=14),
        Column(
            key="tutor.civility",
            label="Civilité du tuteur ou de la tutrice",
            help="Madame ou Monsieur (liste), pour s'adresser à la personne dans les lettres.",
            kind="civility",
            width=12,
        ),
        Column(
            key="tutor.name",
            label="Tuteur ou tutrice : prénom et nom",
            help="La personne qui encadre l'élève.",
            width=22,
        ),
        Column(
            key="tutor.position",
            label="Fonction du tuteur ou de la tutrice",
            help="En toutes lettres (« Directrice générale des services »).",
            width=24,
        ),
        Column(
            key="tutor.email",
            label="Courriel du tuteur ou de la tutrice",
            help="Adresse électronique.",
            width=28,
        ),
        Column(
            key="tutor.phone",
            label="Téléphone du tuteur ou de la tutrice",
            help="Facultatif.",
            width=14,
        ),
        Column(
            key="collective_project.fee_accepted",
            label=f"Participation de {fee} acceptée (projets collectifs)",
            help=f"Projets collectifs seulement : oui si la structure accepte les {fee}.",
            kind="yes",
            width=14,
        ),
    )


#: The offer format's keys that a column may fill (format version 1, docs/reference/template.md).
KEYS: tuple[str, ...] = (
    "offer.internship",
    "offer.tracks",
    "offer.title",
    "offer.description",
    "offer.submitted",
    "offer.start",
    "offer.end",
    "offer.mission_kind",
    "host.name",
    "host.kind",
    "host.population",
    "host.city",
    "tutor.civility",
    "tutor.name",
    "tutor.position",
    "tutor.email",
    "tutor.phone",
    "collective_project.fee_accepted",
)

_TEXT_KEYS = frozenset(
    {
        "offer.title",
        "offer.description",
        "host.name",
        "host.city",
        "tutor.name",
        "tutor.position",
        "tutor.email",
        "tutor.phone",
    }
)
_DATE_KEYS = frozenset({"offer.submitted", "offer.start", "offer.end"})


#: Every header known, normalised, with the words as written: the proposals of
#: :func:`suggest` show a header a person recognises.
_WRITTEN: dict[str, str] = {}


def _synonyms(table: Mapping[str, Iterable[str]]) -> dict[str, str]:
    for words in table.values():
        _WRITTEN.update({normalize_header(word): word for word in words})
    return {normalize_header(word): key for key, words in table.items() for word in words}


#: Headers of online form tools and hand-made sheets, by field (French usage).
SYNONYMS: Mapping[str, str] = _synonyms(
    {
        "offer.internship": ("Type de stage", "Stage proposé", "Nature du stage", "Type stage"),
        "offer.tracks": (
            "Filière",
            "Filières",
            "Filière(s)",
            "Filières concernées",
            "Filière concernée",
            "Cadre d'emplois",
            "Cadres d'emplois",
        ),
        "offer.title": (
            "Intitulé",
            "Intitulé du stage",
            "Intitulé de l'offre",
            "Intitulé de la mission",
            "Titre",
            "Titre du stage",
            "Titre de la mission",
            "Titre de l'offre",
            "Objet du stage",
            "Objet de la mission",
        ),
        "offer.description": (
            "Description",
            "Description du stage",
            "Description de l'offre",
            "Descriptif",
            "Descriptif de la mission",
            "Descriptif du stage",
            "Mission",
            "Missions",
            "Missions proposées",
            "Contenu de la mission",
        ),
        "offer.submitted": (
            "Date de dépôt",
            "Date dépôt",
            "Date de l'offre",
            "Date de soumission",
            "Date d'envoi",
            "Date de réponse",
        ),
        "offer.start": (
            "Début",
            "Début du stage",
            "Date de début",
            "Date de début du stage",
            "Premier jour",
        ),
        "offer.end": ("Fin", "Fin du stage", "Date de fin", "Date de fin du stage", "Dernier jour"),
        "offer.mission_kind": ("Type de mission", "Nature de la mission"),
        "host.name": (
            "Structure",
            "Nom de la structure",
            "Nom de la structure d'accueil",
            "Structure d'accueil",
            "Collectivité",
            "Collectivité d'accueil",
            "Nom de la collectivité",
            "Organisme",
            "Organisme d'accueil",
            "Nom de l'organisme",
            "Employeur",
        ),
        "host.kind": (
            "Type de structure",
            "Nature de la structure",
            "Type de collectivité",
            "Nature de la collectivité",
            "Catégorie de structure",
            "Statut de la structure",
        ),
        "host.population": (
            "Population",
            "Habitants",
            "Nombre d'habitants",
            "Nb habitants",
            "Nombre habitants",
            "Population de la collectivité",
        ),
        "host.city": ("Ville", "Ville de la structure", "Lieu du stage", "Localisation"),
        "tutor.civility": (
            "Civilité",
            "Civilité du tuteur",
            "Civilité du tuteur ou de la tutrice",
            "Civilité de la tutrice",
            "Madame ou Monsieur",
        ),
        "tutor.name": (
            "Tuteur",
            "Tutrice",
            "Tuteur ou tutrice",
            "Nom du tuteur",
            "Nom du tuteur ou de la tutrice",
            "Prénom et nom du tuteur",
            "Nom et prénom du tuteur",
            "Maître de stage",
            "Nom du maître de stage",
        ),
        "tutor.position": (
            "Fonction du tuteur",
            "Fonction du tuteur ou de la tutrice",
            "Fonction de la tutrice",
            "Poste du tuteur",
            "Fonction du maître de stage",
            "Qualité du tuteur",
        ),
        "tutor.email": (
            "Courriel du tuteur",
            "Courriel du tuteur ou de la tutrice",
            "Courriel de la tutrice",
            "E-mail du tuteur",
            "Email du tuteur",
            "Mail du tuteur",
            "Adresse mail du tuteur",
            "Adresse électronique du tuteur",
            "Courriel du maître de stage",
        ),
        "tutor.phone": (
            "Téléphone",
            "Téléphone du tuteur",
            "Téléphone du tuteur ou de la tutrice",
            "Tél",
            "Tél.",
            "Numéro de téléphone",
        ),
        "collective_project.fee_accepted": (
            "Participation aux frais",
            "Participation aux frais acceptée",
            "Participation forfaitaire",
            "Frais acceptés",
        ),
    }
)

#: Generic headers, taken only when no other column gives the same field: a
#: Google Forms « Adresse e-mail » is whoever filled the form, usually the tutor.
WEAK_SYNONYMS: Mapping[str, str] = _synonyms(
    {
        "offer.submitted": ("Horodateur", "Horodatage", "Date"),
        "host.city": ("Commune", "Lieu"),
        "tutor.position": ("Fonction", "Poste"),
        "tutor.email": (
            "Courriel",
            "E-mail",
            "Email",
            "Mail",
            "Adresse e-mail",
            "Adresse mail",
            "Adresse électronique",
            "Adresse de messagerie",
        ),
        "tutor.phone": ("Portable",),
    }
)

# --- Columns ---------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Columns:
    """How a table's columns are read: normalised header -> key, and what was left aside."""

    keys: Mapping[str, str]
    #: Headers (as written) not read, each with the reason (French).
    ignored: tuple[tuple[str, str], ...] = ()


def _rank(header: str, mapping: Mapping[str, str], known: Mapping[str, str]) -> tuple[int, str]:
    if header in mapping:
        return 0, mapping[header]
    if header in known:
        return 1, known[header]
    if header in SYNONYMS:
        return 2, SYNONYMS[header]
    if header in WEAK_SYNONYMS:
        return 3, WEAK_SYNONYMS[header]
    if header.startswith("participation"):
        # The form's header names the fee (« Participation de 4 000 € acceptée »),
        # which changes with the calendar.
        return 2, "collective_project.fee_accepted"
    return 9, ""


def _known_headers() -> dict[str, str]:
    known = {normalize_header(c.label): c.key for c in form_columns()}
    known.update({key: key for key in KEYS})
    return known


def match_columns(table: Table, mapping: Mapping[str, str] | None = None) -> Columns:
    """Which column fills which offer key.

    ``mapping`` maps normalised headers to keys (``""`` leaves the column
    aside). A key given by several columns is taken from the best-ranked one
    (mapping, form label or dotted key, synonym, generic word; then the
    leftmost); the others are listed in :attr:`Columns.ignored`. Track columns
    all count (« Filière 1 », « Filière 2 »…).
    """
    mapping = mapping or {}
    known = _known_headers()
    best: dict[str, tuple[int, str]] = {}
    ranked: dict[str, tuple[int, str]] = {}
    for header in table.columns:
        rank, key = _rank(header, mapping, known)
        ranked[header] = (rank, key)
        if key and key != "offer.tracks" and (key not in best or rank < best[key][0]):
            best[key] = (rank, header)
    keys: dict[str, str] = {}
    ignored: list[tuple[str, str]] = []
    for header, (_, key) in ranked.items():
        written = table.columns[header]
        if not key:
            why = "laissée de côté par la correspondance" if header in mapping else "non reconnue"
            ignored.append((written, why))
        elif key == "offer.tracks" or best[key][1] == header:
            keys[header] = key
        else:
            other = table.columns[best[key][1]]
            ignored.append((written, f"« {other} » donne déjà {key}"))
    return Columns(keys=keys, ignored=tuple(ignored))


class MappingError(ValueError):
    """A mapping file that says something impossible; ``message`` is French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def read_mapping(data: Mapping[str, Any]) -> dict[str, str]:
    """The ``[columns]`` table of a mapping file as normalised header -> key.

    ``"Votre collectivité" = "host.name"``; ``""`` leaves a column aside.
    Raises :class:`MappingError` for anything else, with the close key when
    one exists.
    """
    import difflib

    unknown_tables = [k for k in data if k != "columns"]
    if unknown_tables:
        raise MappingError(
            f"table inconnue « {unknown_tables[0]} » : le fichier de correspondance n'a "
            'qu\'une table [columns] ("En-tête du fichier" = "offer.title").'
        )
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise MappingError(
            'table [columns] attendue, par exemple : "Nom de votre collectivité" = "host.name".'
        )
    result: dict[str, str] = {}
    for header, key in columns.items():
        if not isinstance(key, str):
            raise MappingError(f"« {header} » : un texte entre guillemets est attendu (une clé).")
        if key and key not in KEYS:
            close = difflib.get_close_matches(key, KEYS, n=1)
            hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
            raise MappingError(
                f"« {header} » = « {key} » : clé inconnue.{hint} Clés possibles : "
                f'{", ".join(KEYS)} ; ou "" pour laisser la colonne de côté.'
            )
        result[normalize_header(header)] = key
    return result


#: The columns without which a row is not an offer one can file: ``import``
#: stops for a file where one of them is not recognised, rather than guess.
REQUIRED: tuple[str, ...] = ("host.name", "offer.internship", "offer.title")

#: How the required keys are named to a person.
REQUIRED_LABELS = {
    "host.name": "nom de la structure d'accueil",
    "offer.internship": "stage",
    "offer.title": "intitulé de la mission",
}


@dataclass(frozen=True, kw_only=True)
class Proposal:
    """An unrecognised column and the nearest known header (None when nothing is close)."""

    header: str
    nearest: str | None
    key: str | None


@dataclass(frozen=True, kw_only=True)
class Missing:
    """Required keys no column gives, the proposals, and the ``--mapping`` lines to write."""

    keys: tuple[str, ...]
    proposals: tuple[Proposal, ...]
    mapping_lines: tuple[str, ...]


def missing_columns(table: Table, columns: Columns) -> Missing | None:
    """None when every :data:`REQUIRED` key has a column; else what to tell the coordinator.

    Each unrecognised column gets the nearest known header (form label,
    format key, usual word); each missing key gets a ``--mapping`` line, from
    the unrecognised column whose nearest header gives that key when there is
    one, else with a placeholder header to replace.
    """
    import difflib

    found = set(columns.keys.values())
    keys = tuple(key for key in REQUIRED if key not in found)
    if not keys:
        return None
    known = _known_headers()
    written = dict(_WRITTEN)
    written.update({normalize_header(c.label): c.label for c in form_columns()})
    candidates = {**SYNONYMS, **WEAK_SYNONYMS, **known}
    recognised = set(columns.keys)
    proposals: list[Proposal] = []
    scores: dict[str, tuple[float, str]] = {}
    for header, label in table.columns.items():
        if header in recognised:
            continue
        close = difflib.get_close_matches(header, list(candidates), n=1, cutoff=0.55)
        if not close:
            proposals.append(Proposal(header=label, nearest=None, key=None))
            continue
        nearest = close[0]
        key = candidates[nearest]
        proposals.append(Proposal(header=label, nearest=written.get(nearest, nearest), key=key))
        ratio = difflib.SequenceMatcher(None, header, nearest).ratio()
        if key in keys and (key not in scores or ratio > scores[key][0]):
            scores[key] = (ratio, label)
    lines: list[str] = []
    for key in keys:
        header = scores[key][1] if key in scores else "En-tête de la colonne"
        lines.append(f"{_quoted(header)} = {_quoted(key)}")
    return Missing(keys=keys, proposals=tuple(proposals), mapping_lines=tuple(lines))


def _quoted(text: str) -> str:
    """A TOML basic string (the mapping file's keys and values)."""
    import json

    return json.dumps(text, ensure_ascii=False)
