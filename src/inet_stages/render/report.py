"""Shapes of ``inet-stages report``: a table, JSON and CSV (the letters: ``report.letters``).

Each function returns a renderable, a document or a string; none prints.
Text from offer files is cleaned for the terminal (:func:`textsafe.clean`),
and for spreadsheets (:func:`render.csv._cell`);
JSON keeps it exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from inet_stages.calendar import Calendar
from inet_stages.render.csv import _cell as spreadsheet_cell
from inet_stages.render.csv import header_row, write_table
from inet_stages.report.tally import Row, Tally, UnclassifiedReason
from inet_stages.text.frdates import format_date, plural
from inet_stages.text.textsafe import clean

if TYPE_CHECKING:
    from rich.console import RenderableType

#: Marks a row whose cohort is not covered, readable without colour.
SHORT_MARK = "!"
UNKNOWN = "—"

UNCLASSIFIED_REASONS: dict[UnclassifiedReason, str] = {
    "unreadable": "fichier illisible comme offre",
    "internship": "stage illisible ou inconnu",
    "tracks": "filières illisibles ou inconnues",
    "no_window": "aucune de ses filières n'a ce stage",
}


def row_label(calendar: Calendar, row: Row) -> str:
    """« Administrateurs », or for a projet collectif « Les 3 filières »."""
    if row.track is not None:
        return clean(calendar.track(row.track).short, limit=80)
    if len(row.tracks) == len(calendar.tracks):
        return f"Les {len(row.tracks)} filières"
    return ", ".join(clean(calendar.track(t).short, limit=80) for t in row.tracks)


def row_title(calendar: Calendar, row: Row) -> str:
    """« Thématique · Administrateurs »: a row named on one line."""
    internship = clean(calendar.internship(row.internship).short, limit=80)
    return f"{internship} · {row_label(calendar, row)}"


# --- Table ---------------------------------------------------------------------------


def tally_table(calendar: Calendar, tally: Tally) -> RenderableType:
    """One section per internship, one line per track (one for projets collectifs)."""
    from rich.text import Text

    from inet_stages.render.fit import fitted
    from inet_stages.render.style import new_table

    table = new_table(
        title=(
            f"Offres reçues, calendrier {clean(tally.school_year)}, au {format_date(tally.today)}"
        ),
    )
    table.add_column("Stage et filière")
    for header in ("Valides", "Invalides", "Avert.", "Places", "Élèves", "Manque"):
        table.add_column(header, justify="right", no_wrap=True, min_width=len(header))
    internship = ""
    for row in tally.rows:
        if row.internship != internship:
            if internship:
                table.add_section()
            internship = row.internship
            label = clean(calendar.internship(row.internship).short, limit=80)
            table.add_row(Text(label, style="bold"))
        missing = row.missing
        if missing is None:
            missing_cell = Text(UNKNOWN, style="dim")
        elif missing:
            missing_cell = Text(f"{SHORT_MARK} {missing}", style="bold red")
        else:
            missing_cell = Text("0", style="green")
        table.add_row(
            "  " + row_label(calendar, row),
            Text(str(row.valid), style="green" if row.valid else ""),
            Text(str(row.invalid), style="red" if row.invalid else ""),
            Text(str(row.with_warnings), style="yellow" if row.with_warnings else ""),
            # A shared place is said where it is counted, without a column
            # of zeros for the batches that have none.
            f"{row.places} ({row.shared} part.)" if row.shared else str(row.places),
            str(row.cohort) if row.cohort is not None else Text(UNKNOWN, style="dim"),
            missing_cell,
        )
    return fitted(table)


def legend(calendar: Calendar, tally: Tally) -> str:
    """What the columns mean, and how to give the cohorts when none is known."""
    per_project = [
        i.collective.students_per_project for i in calendar.internships if i.collective is not None
    ]
    collective = f" ({per_project[0]} par projet collectif)" if per_project else ""
    lines = [
        "Valides, Invalides : offres de la filière, la validité jugée pour elle. Avert. : "
        "valides avec avertissements. Places : une par offre valide pour la filière"
        f"{collective}, une offre en double comptée une fois ; « part. » : places ouvertes "
        "aussi à une autre filière, qu'un seul élève prendra. Élèves : effectif de la promotion. "
        "Manque : élèves sans place après la meilleure répartition des places partagées, "
        f"« {SHORT_MARK} » quand il en manque.",
    ]
    if not tally.cohorts_known:
        lines.append(
            f"{UNKNOWN} : effectif inconnu ; donnez-le avec --cohort FILIÈRE=NOMBRE "
            "(par exemple --cohort administrateurs=40)."
        )
    return "\n".join(lines)


def hosts_lines(calendar: Calendar, tally: Tally) -> list[str]:
    """« Thématique · Administrateurs : Ville de Colmar, … » for rows with valid offers."""
    lines = []
    for row in tally.rows:
        if row.hosts:
            names = ", ".join(clean(h, limit=200) for h in row.hosts)
            lines.append(f"- {row_title(calendar, row)} : {names}")
    if not lines:
        return []
    return ["Structures d'accueil des offres valides :", *lines]


def unclassified_lines(tally: Tally) -> list[str]:
    """The files counted in no row, each with the reason."""
    if not tally.unclassified:
        return []
    head = f"Non classées, comptées dans aucune ligne ({len(tally.unclassified)}) :"
    return [head] + [
        f"- {clean(u.path)} : {UNCLASSIFIED_REASONS[u.reason]}" for u in tally.unclassified
    ]


def received_lines(tally: Tally) -> list[str]:
    """The offers ``import`` took from e-mails, each with its sender and the day it came."""
    if not tally.received:
        return []
    head = f"Offres reçues par e-mail ({len(tally.received)}) :"
    return [head] + [f"- {clean(path)} : {clean(note, limit=200)}" for path, note in tally.received]


def duplicates_lines(tally: Tally) -> list[str]:
    """Each group of files that look like the same offer, on one line."""
    if not tally.duplicates:
        return ["Offres en double : aucune."]
    head = "Offres en double (même structure, stage et intitulé ; une seule place comptée) :"
    return [head] + [f"- {' = '.join(clean(p) for p in group)}" for group in tally.duplicates]


def summary_line(calendar: Calendar, tally: Tally) -> str:
    """The batch in one line: files, valid, invalid, unclassified, duplicates, shortages."""
    valid = plural(tally.valid, "valide")
    if tally.with_warnings:
        valid += f" (dont {tally.with_warnings} avec avertissements)"
    invalid = plural(tally.invalid, "invalide")
    if tally.unclassified:
        invalid += f" (dont {plural(len(tally.unclassified), 'non classé')})"
    groups = len(tally.duplicates)
    duplicates = "aucune offre en double" if not groups else f"{plural(groups, 'offre')} en double"
    if not tally.cohorts_known:
        shortage = "manques inconnus sans effectifs (--cohort)"
    elif tally.short_rows:
        short, rows = len(tally.short_rows), len(tally.rows)
        if short == 1:
            only = row_title(calendar, tally.short_rows[0])
            shortage = f"places insuffisantes sur 1 ligne ({only})"
        elif short == rows:
            shortage = f"places insuffisantes sur toutes les lignes ({rows})"
        else:
            shortage = f"places insuffisantes sur {short} des {rows} lignes"
    else:
        shortage = "places suffisantes partout où l'effectif est connu"
    files = plural(tally.files, "fichier")
    places = plural(tally.places, "place")
    return f"Bilan : {files}, {valid}, {invalid}, {duplicates}, {places} ; {shortage}."


# --- JSON and CSV ----------------------------------------------------------------------


def tally_page(calendar: Calendar, tally: Tally, *, heading: bool = False) -> list[RenderableType]:
    """One promotion's report, block by block (``""``, a blank line, between blocks): its
    table, legend, hosts, unclassified files, files received, duplicates and summary.

    A path is never cut (it overflows the line, whole), so that it can be copied.
    """
    from rich.text import Text

    from inet_stages.render.fit import wrapped_lines

    page: list[RenderableType] = []
    if heading:
        page.append(Text(f"Promotion {calendar.school_year}", style="bold"))
    page += [tally_table(calendar, tally), "", legend(calendar, tally)]
    for block in (
        hosts_lines(calendar, tally),
        unclassified_lines(tally),
        received_lines(tally),
        duplicates_lines(tally),
    ):
        if block:
            page += ["", wrapped_lines("\n".join(block))]
    return [*page, "", summary_line(calendar, tally)]


def csv_note(tally: Tally) -> str | None:
    """What the CSV leaves out, to say beside it: the offers counted in no row."""
    count = len(tally.unclassified)
    if not count:
        return None
    which = "offre non classée" if count == 1 else "offres non classées"
    return (
        f"Attention : {count} {which} (illisibles, stage ou filière inconnus) "
        "hors du CSV : voir --format table ou json."
    )


def tally_json(tally: Tally) -> dict[str, Any]:
    """The ``report`` document, version 1 (exact text, no escaping)."""
    return {
        "version": 1,
        "calendar": tally.school_year,
        "today": tally.today.isoformat(),
        "rows": [
            {
                "internship": row.internship,
                "track": row.track,
                "tracks": list(row.tracks),
                "valid": row.valid,
                "invalid": row.invalid,
                "with_warnings": row.with_warnings,
                "places": row.places,
                "cohort": row.cohort,
                "missing": row.missing,
                "hosts": list(row.hosts),
                "offers_deadline": (
                    row.offers_deadline.isoformat() if row.offers_deadline else None
                ),
                "shared": row.shared,
                "assigned": row.assigned,
            }
            for row in tally.rows
        ],
        "unclassified": len(tally.unclassified),
        "unclassified_files": [{"path": u.path, "reason": u.reason} for u in tally.unclassified],
        "duplicates": [list(group) for group in tally.duplicates],
        "received": [{"path": path, "note": note} for path, note in tally.received],
        "summary": {
            "files": tally.files,
            "valid": tally.valid,
            "invalid": tally.invalid,
            "with_warnings": tally.with_warnings,
            "unclassified": len(tally.unclassified),
            "short": len(tally.short_rows),
            "places": tally.places,
        },
    }


CSV_COLUMNS = (
    "internship",
    "internship_label",
    "track",
    "track_label",
    "tracks",
    "valid",
    "invalid",
    "with_warnings",
    "places",
    "cohort",
    "missing",
    "offers_deadline",
    "hosts",
    "shared",
    "assigned",
)


#: The same columns named for people (``--header fr``, the default of the CLI).
CSV_COLUMNS_FR = (
    "Stage (code)",
    "Stage",
    "Filière (code)",
    "Filière",
    "Filières (codes)",
    "Valides",
    "Invalides",
    "Valides avec avertissements",
    "Places",
    "Élèves",
    "Manque",
    "Date limite de dépôt des offres",
    "Structures d'accueil",
    "Places partagées avec une autre filière",
    "Places attribuées",
)
assert len(CSV_COLUMNS_FR) == len(CSV_COLUMNS), "one French name per column"


def tally_csv(calendar: Calendar, tally: Tally, *, header: str = "fr") -> bytes:
    """One line per row, like ``export csv``: UTF-8 with a BOM, ``;``, CRLF, ISO dates.

    ``track`` is empty for projets collectifs (all tracks together: ``tracks``
    lists them, space-separated); ``cohort`` and ``missing`` are empty when
    unknown; ``hosts`` are separated by `` | ``; ``shared`` counts the places
    also open to another track, ``assigned`` the places the best assignment
    gives the track (empty when its cohort is unknown or for projets collectifs).
    """
    rows: list[Sequence[object]] = []
    for row in tally.rows:
        track_label = (
            calendar.track(row.track).label if row.track is not None else "Toutes les filières"
        )
        rows.append(
            (
                row.internship,
                spreadsheet_cell(calendar.internship(row.internship).label),
                row.track or "",
                spreadsheet_cell(track_label),
                " ".join(row.tracks),
                row.valid,
                row.invalid,
                row.with_warnings,
                row.places,
                "" if row.cohort is None else row.cohort,
                "" if row.missing is None else row.missing,
                row.offers_deadline.isoformat() if row.offers_deadline else "",
                spreadsheet_cell(" | ".join(row.hosts)),
                row.shared,
                "" if row.assigned is None else row.assigned,
            )
        )
    return write_table(header_row(CSV_COLUMNS, CSV_COLUMNS_FR, header), rows)
