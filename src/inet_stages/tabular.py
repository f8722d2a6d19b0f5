"""STUB of the shared table interface (the intake branch writes the real module).

The data shapes ``assign`` codes against (:class:`Table`, :class:`TableRow`,
:class:`TableError`) and a minimal :func:`read_table` with the shared interface's signature:
CSV only (UTF-8 with or without BOM, else Windows-1252; ``;`` or ``,`` sniffed from the
header line). When the real module lands (XLSX too), it replaces this file as a whole.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


class TableError(Exception):
    """A file that cannot be read as a table at all; ``.message`` is French and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class TableRow:
    """One non-empty row: its number as the spreadsheet shows it, cells by normalised header."""

    number: int
    cells: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Table:
    """A whole sheet: file name for messages, headers as written, and the non-empty rows."""

    name: str
    headers: tuple[str, ...]
    columns: Mapping[str, str]
    rows: tuple[TableRow, ...]


def normalize_header(text: str) -> str:
    """Lower case, accents removed, runs of spaces, ``-``, ``_`` as one ``_``.

    « Vœu 1 » → ``voeu_1``, « E-mail » → ``e_mail``; dots are kept (``offer.title``).
    """
    folded = text.strip().casefold().replace("œ", "oe").replace("æ", "ae")
    folded = unicodedata.normalize("NFKD", folded)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.sub(r"[\s_\-']+", "_", folded).strip("_")


#: Larger files are refused rather than read into memory (a students file is a few kB).
_MAX_BYTES = 20_000_000


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """The rows of a CSV file; :class:`TableError` (French, naming the file) when it cannot be read.

    ``sheet`` is accepted for the shared interface's sake (XLSX is left to the real module).
    """
    name = path.name
    if path.suffix.casefold() != ".csv":
        raise TableError(f"{name} : format non pris en charge ici ; enregistrez-le en .csv.")
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise TableError(f"{name} : fichier trop gros pour un tableau d'élèves.")
        data = path.read_bytes()
    except OSError as exc:
        raise TableError(f"{name} : fichier illisible ({exc.strerror or exc}).") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    lines = text.splitlines()
    if not any(line.strip() for line in lines):
        raise TableError(f"{name} : fichier vide.")
    first = next(line for line in lines if line.strip())
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    try:
        rows = list(csv.reader(lines, delimiter=delimiter))
    except csv.Error as exc:
        raise TableError(f"{name} : CSV illisible ({exc}).") from exc
    numbered = [(n, r) for n, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    _, header = numbered[0]
    headers = tuple(h.strip() for h in header)
    keys = [normalize_header(h) for h in headers]
    columns: dict[str, str] = {}
    for key, written in zip(keys, headers, strict=True):
        if key:
            columns.setdefault(key, written)
    table_rows = []
    for number, row in numbered[1:]:
        cells: dict[str, object] = {}
        for key, value in zip(keys, row, strict=False):
            if key and key not in cells:
                cells[key] = value.strip() or None
        table_rows.append(TableRow(number=number, cells=cells))
    return Table(name=name, headers=headers, columns=columns, rows=tuple(table_rows))
