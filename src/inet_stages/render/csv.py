"""The calendar as a CSV table: one row per internship window.

Made for Excel as much as for scripts: UTF-8 with a byte-order mark (without
it Excel reads « é » as « Ã© »), ``;`` as separator by default (a French
Excel splits on ``;``, not on ``,``), CRLF line ends, ISO dates.

Each row names its promotion (``calendar``: ``2027-2028``): when two school
years are in progress, both are exported, one after the other.

The header row holds stable identifiers (``track``, ``offers_deadline``…)
that scripts can rely on; the French labels are columns of their own
(``track_label``, ``internship_label``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from inet_stages.calendar import Calendar, Track
from inet_stages.render.publishing import selected_windows
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

COLUMNS = (
    "track",
    "track_label",
    "internship",
    "internship_label",
    "start",
    "end",
    "weeks",
    "offers_deadline",
    "alternatives",
    "calendar",
)

#: The same columns named for people (``--header fr``, the default of the CLI).
COLUMNS_FR = (
    "Filière (code)",
    "Filière",
    "Stage (code)",
    "Stage",
    "Début",
    "Fin",
    "Semaines",
    "Date limite de dépôt des offres",
    "Autres périodes possibles",
    "Promotion",
)

#: What ``--header`` accepts: French column names, or the identifiers for a script.
HEADERS = ("fr", "ids")


def header_row(ids: tuple[str, ...], french: tuple[str, ...], header: str) -> tuple[str, ...]:
    """The header line: the identifiers (``header == "ids"``) or the French names."""
    return ids if header == "ids" else french


#: Separators ``--separator`` accepts, by the name a user may type.
SEPARATORS: dict[str, str] = {";": ";", ",": ",", "tab": "\t", "\\t": "\t", "\t": "\t", "|": "|"}

BOM = "\ufeff"


def _cell(text: str) -> str:
    """Calendar text safe for a spreadsheet cell.

    French typography applied (:func:`typeset`); control characters are
    escaped; a leading ``=``, ``+``, ``-`` or ``@`` would make Excel read the
    cell as a formula (CSV injection), so such a cell is prefixed with an
    apostrophe, which Excel shows as plain text. Leading spaces (non-breaking
    ones too) do not hide the formula character: some spreadsheets trim them,
    then evaluate the formula.
    """
    cleaned = typeset(clean(text))
    if cleaned.lstrip()[:1] in ("=", "+", "-", "@"):
        return "'" + cleaned
    return cleaned


def render_csv(
    calendar: Calendar, tracks: Sequence[Track], *, separator: str = ";", header: str = "fr"
) -> bytes:
    """The CSV file of ``tracks``' windows, UTF-8 with a BOM; ``separator`` is one character.

    ``header`` names the columns in French (``fr``) or by identifier (``ids``).
    """
    return render_csv_many([(calendar, tracks)], separator=separator, header=header)


def render_csv_many(
    shown: Sequence[tuple[Calendar, Sequence[Track]]], *, separator: str = ";", header: str = "fr"
) -> bytes:
    """The windows of several promotions in one table, oldest promotion first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header_row(COLUMNS, COLUMNS_FR, header))
    for calendar, tracks in shown:
        for window in selected_windows(calendar, tracks):
            deadline = window.offers_deadline
            writer.writerow(
                (
                    window.track,
                    _cell(calendar.track(window.track).label),
                    window.internship,
                    _cell(calendar.internship(window.internship).label),
                    window.start.isoformat(),
                    window.end.isoformat(),
                    str(window.weeks),
                    deadline.isoformat() if deadline else "",
                    " ".join(
                        f"{p.start.isoformat()}/{p.end.isoformat()}" for p in window.alternatives
                    ),
                    _cell(calendar.school_year),
                )
            )
    return (BOM + buffer.getvalue()).encode("utf-8")
