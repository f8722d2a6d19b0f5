"""What ``init`` writes: the folders and files of a new season folder.

``offres/`` (with an empty, commented ``decisions.toml``), ``lettres/``,
``affectations/``, ``modeles/`` (the form and the offer templates of each
promotion in progress, empty tables to fill) and a short French README. Pure:
the workbooks of the forms come from the CLI (they are rendered above this layer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from inet_stages.calendar import Calendar
from inet_stages.offer.template import render_template
from inet_stages.season import folder as names

#: The head of a new decisions file: how to write in it, for when she opens it.
DECISIONS_HEAD = """\
# Décisions de la coordination des stages, une table par offre.
# Le plus simple : inet-stages decide offres/colmar.toml --accept D002 --reason "…"
# (la commande écrit l'empreinte de l'offre et garde ces commentaires).
#
# ["colmar.toml"]
# accept = ["D002"]
# reason = "Accord de la direction du 20 février"
# sha256 = "…"
"""


#: The headers of the tables to fill (French; the readers accept them, « ; » for Excel).
CONTACTS_HEAD = "Nom;Courriel;Structure;Nature;Habitants;Ville;Civilité;Fonction\n"
STUDENTS_HEAD = "Nom;Filière;Courriel;Vœu 1;Vœu 2;Vœu 3\n"


def season_folders(calendars: Sequence[Calendar]) -> list[Path]:
    """The folders of the season, relative to it: one of models per promotion."""
    found = [Path(n) for n in (names.OFFERS, names.LETTERS, names.PLACEMENTS, names.MODELS)]
    return found + [Path(names.MODELS) / c.school_year for c in calendars]


def season_files(
    calendars: Sequence[Calendar], forms: Mapping[str, tuple[str, bytes]]
) -> list[tuple[Path, str | bytes]]:
    """Each file of the season, relative to it, with its content; ``forms`` by school year
    (file name, workbook)."""
    models = Path(names.MODELS)
    files: list[tuple[Path, str | bytes]] = [
        (Path(names.README), names.readme([c.school_year for c in calendars])),
        (Path(names.OFFERS) / names.DECISIONS, DECISIONS_HEAD),
        # Empty tables with the headers the commands read: copied up one level and
        # filled, they become the season's contacts.csv and eleves.csv.
        (models / "contacts.csv", CONTACTS_HEAD),
        (models / "eleves.csv", STUDENTS_HEAD),
    ]
    for calendar in calendars:
        name, workbook = forms[calendar.school_year]
        files.append((models / name, workbook))
        for internship in calendar.internships:
            tracks = [w.track for w in calendar.windows_of_internship(internship.id)]
            if tracks:
                text = render_template(calendar, internship.id, tracks)
                files.append((models / calendar.school_year / f"{internship.id}.toml", text))
    return files
