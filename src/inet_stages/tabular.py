"""STUB of the shared table interface (the intake branch writes the real module).

Only the data shapes ``assign`` codes against: :class:`Table`, :class:`TableRow` and
:class:`TableError`, exactly as the shared interface describes them. The real module adds
``normalize_header`` and ``read_table`` (CSV and XLSX); when it lands, it replaces this file
as a whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


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
