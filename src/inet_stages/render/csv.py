"""The calendar as a CSV table: one row per internship window.

Made for Excel as much as for scripts: UTF-8 with a byte-order mark (without
it Excel reads « é » as « Ã© »), ``;`` as separator by default (a French
Excel splits on ``;``, not on ``,``), CRLF line ends, ISO dates.

Each row names its promotion (``calendar``: ``2027-2028``): when two school
years are in progress, both are exported, one after the other.

The header row names the columns in French by default, by stable
identifiers (``track``, ``offers_deadline``…) with ``--header ids``; the
French labels are columns of their own (``track_label``, ``internship_label``).

:func:`write_table` is the one CSV writer of the tool (``export csv``,
``report``, ``assign``, ``call``): as many headers as cells in every row,
and every cell holding ``;``, ``,``, a quote, a tab or a line break quoted,
whatever the separator — LibreOffice splits on ``,``, ``;`` and tab at once
by default, so a bare comma would shift the row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

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

#: Characters that make a cell quoted, whatever the separator.
_QUOTED = frozenset(';,"\t\r\n')


def quote(cell: object, separator: str = ";") -> str:
    """One cell: quoted (``"`` doubled) when it holds a separator, a quote or a line break."""
    text = "" if cell is None else str(cell)
    if separator in text or any(ch in _QUOTED for ch in text):
        return '"' + text.replace('"', '""') + '"'
    return text


def write_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, separator: str = ";"
) -> bytes:
    """A CSV file: UTF-8 with a BOM, CRLF line ends, each row as long as ``header``.

    A row of another length is a bug of the caller (a column without a name
    shifts every column after it in a spreadsheet): ValueError, never a file.
    """
    width = len(header)
    lines = [separator.join(quote(h, separator) for h in header)]
    for number, row in enumerate(rows, start=1):
        if len(row) != width:
            raise ValueError(f"CSV row {number}: {len(row)} cells for {width} headers")
        lines.append(separator.join(quote(c, separator) for c in row))
    return (BOM + "".join(line + "\r\n" for line in lines)).encode("utf-8")


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


def render_csv_many(
    shown: Sequence[tuple[Calendar, Sequence[Track]]], *, separator: str = ";", header: str = "fr"
) -> bytes:
    """The windows of one promotion or several in one table, oldest promotion first.

    UTF-8 with a BOM; ``separator`` is one character; ``header`` names the
    columns in French (``fr``) or by identifier (``ids``).
    """
    rows: list[Sequence[object]] = []
    for calendar, tracks in shown:
        for window in selected_windows(calendar, tracks):
            deadline = window.offers_deadline
            rows.append(
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
    return write_table(header_row(COLUMNS, COLUMNS_FR, header), rows, separator=separator)
