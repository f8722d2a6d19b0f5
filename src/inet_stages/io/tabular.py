"""Spreadsheet-like files read as rows: workbooks (.xlsx, .xlsm, .xls, .ods) and CSV files.

One reader for every table a person sends the coordination: the offers of
``import``, the students of ``assign``, the contacts of ``call``. Each command
maps the normalised headers to its own fields; this module only reads.

What comes in is what offices produce: a workbook saved by Excel or
LibreOffice, a CSV written by a French Excel (« CSV (séparateur : point-virgule) »,
Windows-1252), by LibreOffice or an online form tool (UTF-8, often with a
byte-order mark, ``,`` or ``;``). A file that cannot be read at all raises
:class:`TableError` with a French message naming the file; never a traceback.

Workbooks are read by calamine (python-calamine), every format alike and
several times faster than openpyxl, which only writes the form here. Every
table is bounded (rows, columns, cells, text of a cell, text in all; see
docs/reference/limits.md), and the bounds are checked before and while
reading, so that a small hostile file is refused within seconds. calamine is
imported inside the workbook branch only: start-up is a measured target.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

from inet_stages.errors import UserError
from inet_stages.io.files import FileRefused, read_bytes
from inet_stages.io.workbook_limits import (
    MAX_CELL_TEXT,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_TEXT,
    Refused,
    cell_text_refused,
    cells_refused,
    check_extent,
    columns_refused,
    measure_archive,
    rows_refused,
    text_cell,
    text_refused,
    unreadable,
)
from inet_stages.io.xls_limits import measure_xls
from inet_stages.text.frdates import format_number
from inet_stages.text.textsafe import clean

#: Largest file read, in bytes. The form filled with a thousand offers is
#: about 300 KB as ``.xlsx`` and 2 MB as CSV; anything far larger is not a
#: table of offers, students or contacts.
MAX_BYTES = 20 * 1024 * 1024

#: Characters seen as spaces in a cell or a header: NBSP and narrow NBSP
#: (French typography), tabs.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


#: The workbooks read (by calamine): Excel 2007+, with macros, Excel 97-2003, OpenDocument.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class TableError(UserError):
    """A file that cannot be read as a table at all; ``message`` is French and names the file."""


@dataclass(frozen=True, slots=True)
class TableRow:
    """One non-empty row: its number as the spreadsheet shows it, and its cells.

    ``cells`` maps each normalised header to the value: ``str`` (stripped,
    never empty), ``int``, ``float``, ``bool``, :class:`datetime.date`, or
    ``None`` for an empty cell.
    """

    number: int
    cells: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class Table:
    """A table read from a file: its headers and its non-empty rows."""

    name: str
    headers: tuple[str, ...]
    columns: Mapping[str, str]
    rows: tuple[TableRow, ...]


def normalize_header(text: str) -> str:
    """Fold a column header to the key commands match on.

    Lower case, accents removed (« œ » as « oe »), every run of other
    characters as one ``_``, except that a run holding a dot becomes ``.`` so
    that dotted keys survive: ``"Vœu 1"`` → ``"voeu_1"``, ``"E-mail"`` →
    ``"e_mail"``, ``"offer.title"`` → ``"offer.title"``, ``"Nom de la
    structure d'accueil"`` → ``"nom_de_la_structure_d_accueil"``.
    """
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    runs = re.sub(r"[^0-9a-z.]+", "_", bare)
    dotted = re.sub(r"[._]*\.[._]*", ".", runs)
    return dotted.strip("._")


def read_table(path: Path, *, sheet: str | None = None, prefer: str | None = None) -> Table:
    """Read ``path`` (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods`` or ``.csv``) as a header and rows.

    Workbooks (read by calamine, within the limits of this module, checked
    before and while reading): the first sheet (or ``sheet``; or ``prefer``
    when the workbook has a sheet of that name); the header is the first
    non-empty row; date cells come back as :class:`datetime.date`. CSV:
    UTF-8 with or without byte-order mark, else Windows-1252; the separator
    (``;``, ``,`` or tab) is the one the header line uses most. Rows that are
    entirely empty are left out. Raises :class:`TableError` for a file that is
    missing, too large, of another format, corrupt or without a header.
    """
    name = clean(path.name)
    suffix = path.suffix.lower()
    if path.is_dir():
        # A folder is not a « type de fichier »: say what it is, with the path as given.
        raise TableError(
            f"{clean(str(path))} : c'est un dossier ; donnez un classeur (.xlsx, .xls, .ods) "
            "ou un fichier .csv."
        )
    if suffix in WORKBOOK_SUFFIXES:
        data = _read_bytes(path, name)
        grid = _workbook_rows(data, name, suffix, sheet, prefer)
    elif suffix in (".csv", ".txt"):
        data = _read_bytes(path, name)
        grid = _csv_rows(data, name)
    elif suffix in (".xlsb", ".numbers"):
        raise TableError(
            f"{name} : format {suffix} non lu ; enregistrez le classeur au format Excel "
            "(.xlsx), OpenDocument (.ods) ou en CSV, puis recommencez."
        )
    else:
        raise TableError(
            f"{name} : type de fichier non reconnu ; donnez un classeur (.xlsx, .xls, .ods) "
            "ou un fichier .csv."
        )
    return _table(name, grid)


def read_table_bytes(
    data: bytes, name: str, *, sheet: str | None = None, prefer: str | None = None
) -> Table:
    """:func:`read_table` for a file already in memory (an e-mail's attachment named ``name``)."""
    shown = clean(name)
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise TableError(
            f"{shown} : fichier trop gros (au plus {format_number(MAX_BYTES)} octets)."
        )
    if not data.strip():
        raise TableError(f"{shown} : le fichier est vide.")
    if suffix in WORKBOOK_SUFFIXES:
        return _table(shown, _workbook_rows(data, shown, suffix, sheet, prefer))
    if suffix in (".csv", ".txt"):
        return _table(shown, _csv_rows(data, shown))
    raise TableError(f"{shown} : type de fichier non reconnu.")


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        # io's one reader of a bounded regular file (missing, folder, FIFO, rights, size):
        # its refusal is the sentence a table's would be, without the file's name.
        data = read_bytes(path, limit=MAX_BYTES)
    except FileRefused as exc:
        raise TableError(f"{name} : {exc.message}") from None
    if not data.strip():
        raise TableError(f"{name} : le fichier est vide.")
    return data


# --- Workbooks -------------------------------------------------------------------------
#
# Measured before calamine reads them (:mod:`inet_stages.io.workbook_limits`): an
# ``.xls`` is not compressed, its size bounds it.


def _workbook_rows(
    data: bytes, name: str, suffix: str, sheet: str | None, prefer: str | None = None
) -> Iterator[tuple[int, list[object]]]:
    if suffix == ".xls" and not data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TableError(
            f"{name} : ce n'est pas un classeur Excel 97-2003 lisible (fichier abîmé, ou "
            "d'un autre format renommé en .xls) ; ouvrez-le et enregistrez-le en .xlsx."
        )
    # ``prefer`` is read only when the workbook has it, and it was measured before calamine
    # (an .xls is measured whole); another sheet of it is never measured nor read.
    preferred = suffix == ".xls"
    try:
        if suffix == ".xls":
            measure_xls(data, name)
        else:
            measure_archive(data, name, suffix, sheet)
            if sheet is None and prefer is not None:
                preferred = measure_archive(data, name, suffix, prefer, optional=True)
    except Refused as exc:
        raise TableError(exc.message) from None
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:
        # calamine raises its own errors, and ValueError or OSError, for a damaged file;
        # none of them is a bug of ours, all mean « unreadable ».
        raise TableError(f"{name} : {unreadable(suffix)}") from None
    try:
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            shown = ", ".join(f"« {clean(s)} »" for s in names)
            raise TableError(f"{name} : pas de feuille « {clean(sheet)} » (feuilles : {shown}).")
        if not names:
            raise TableError(f"{name} : le classeur n'a aucune feuille.")
        try:
            wanted = sheet or (prefer if preferred and prefer in names else names[0])
            chosen = book.get_sheet_by_name(wanted)
        except Exception:
            raise TableError(f"{name} : {unreadable(suffix)}") from None
        try:
            check_extent(name, chosen.total_height, chosen.total_width)
        except Refused as exc:
            raise TableError(exc.message) from None
        grid = chosen.to_python(skip_empty_area=False)
    finally:
        book.close()
    return _grid_rows(grid, name)


def _grid_rows(grid: Sequence[Sequence[object]], name: str) -> Iterator[tuple[int, list[object]]]:
    rows: list[tuple[int, list[object]]] = []
    text = 0
    convert = _workbook_value
    for number, values in enumerate(grid, start=1):
        # calamine gives "" for an empty cell; texts, the most common, take the short way.
        cells = [
            None if v == "" else text_cell(v) if type(v) is str else convert(v) for v in values
        ]
        if any(v is not None for v in cells):
            longest = 0
            for cell in cells:
                if type(cell) is str:
                    text += len(cell)
                    longest = max(longest, len(cell))
            if longest > MAX_CELL_TEXT:
                raise TableError(cell_text_refused(name))
            if text > MAX_TEXT:
                raise TableError(text_refused(name))
            rows.append((number, cells))
    return iter(rows)


def _workbook_value(value: object) -> object:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, bool | date | int):
        return value
    if isinstance(value, float):
        # Every spreadsheet stores numbers as floats; 104000.0 is the integer a person typed.
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if isinstance(value, time):
        return value.isoformat(timespec="minutes")
    if isinstance(value, timedelta):
        return str(value)
    return text_cell(str(value))


# --- CSV -------------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (byte-order mark dropped), UTF-16 with a mark, else Windows-1252.

    A French Excel saves « CSV (séparateur : point-virgule) » in Windows-1252;
    the few bytes that code page leaves undefined are read as Latin-1, so
    decoding never fails.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _csv_reason(exc: csv.Error) -> str:
    """The French reason of a ``csv.Error``."""
    text = str(exc)
    if "field larger than field limit" in text:
        return f"champ de plus de {format_number(csv.field_size_limit())} caractères"
    if "NUL" in text:
        return "caractère nul dans le fichier"
    if "new-line" in text or "newline" in text:
        return "saut de ligne dans un champ sans guillemets"
    if "quotechar" in text or "delimiter" in text or "quote" in text:
        return "guillemets mal fermés"
    return "format CSV invalide"


def sniff_separator(text: str) -> str:
    """``;``, ``,`` or tab: the one the first non-empty line holds most (``,`` when none)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {sep: first.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


def _csv_rows(data: bytes, name: str) -> Iterator[tuple[int, list[object]]]:
    text = decode_text(data)
    if "\x00" in text:
        raise TableError(f"{name} : ce n'est pas un fichier texte (octets nuls) ; donnez un CSV.")
    if len(text) > MAX_TEXT:
        raise TableError(text_refused(name))
    separator = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[object]]] = []
    cells_seen = 0
    try:
        for number, values in enumerate(reader, start=1):
            cells: list[object] = [text_cell(v) for v in values]
            filled = [i for i, v in enumerate(cells, start=1) if v is not None]
            if not filled:
                continue
            if filled[-1] > MAX_COLUMNS:
                raise TableError(columns_refused(name, filled[-1]))
            if len(rows) > MAX_ROWS:
                raise TableError(rows_refused(name))
            if any(len(str(v)) > MAX_CELL_TEXT for v in cells if v is not None):
                raise TableError(
                    f"{name} : un champ de plus de {format_number(MAX_CELL_TEXT)} caractères "
                    "(limite d'une cellule)."
                )
            cells_seen += len(filled)
            if cells_seen > MAX_CELLS:
                raise TableError(cells_refused(name))
            rows.append((number, cells[:MAX_COLUMNS]))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise TableError(
                f"{name} : un champ de plus de {format_number(MAX_CELL_TEXT)} caractères (limite "
                "d'une cellule)."
            ) from None
        # The csv module speaks English (« field larger than field limit »): say it in French.
        raise TableError(
            f"{name} : CSV illisible vers la ligne {reader.line_num} ({_csv_reason(exc)})."
        ) from None
    return iter(rows)


# --- Both ------------------------------------------------------------------------------


def _table(name: str, grid: Iterable[tuple[int, list[object]]]) -> Table:
    found = iter(grid)
    first = next(found, None)
    if first is None:
        raise TableError(f"{name} : aucune ligne ; la première ligne doit porter les en-têtes.")
    header_number, header_cells = first
    headers: list[str] = []
    keys: list[str | None] = []
    columns: dict[str, str] = {}
    for index, cell in enumerate(header_cells, start=1):
        written = "" if cell is None else _SPACES.sub(" ", str(cell)).strip()
        if isinstance(cell, date):
            written = cell.isoformat()
        key: str | None
        headers.append(written)
        key = normalize_header(written)
        if not written:
            keys.append(None)  # a column without header is not read
            continue
        if not key:
            key = f"colonne_{index}"
        if key in columns:
            # Two columns of the same title (an online form asks twice): both kept.
            suffix = 2
            while f"{key}_{suffix}" in columns:
                suffix += 1
            key = f"{key}_{suffix}"
        columns[key] = written
        keys.append(key)
    if not columns:
        raise TableError(f"{name} : la ligne {header_number} n'a aucun en-tête de colonne.")
    rows: list[TableRow] = []
    for number, values in found:
        cells: dict[str, object] = dict.fromkeys(columns)
        filled = False
        for key, value in zip(keys, values, strict=False):
            if key is not None and value is not None:
                cells[key] = value
                filled = True
        if filled:
            rows.append(TableRow(number=number, cells=cells))
    return Table(
        name=name,
        headers=tuple(h for h in headers if h),
        columns=columns,
        rows=tuple(rows),
    )


def import_openpyxl() -> ModuleType:
    """openpyxl, imported without numpy when numpy is not loaded yet.

    openpyxl imports numpy, if installed (it is, for ``assign``), only to
    accept numpy numbers in cells: we write none, and numpy's import is about
    a third of ``form``'s and ``import``'s start-up. It is hidden for the
    duration of openpyxl's import only; importing numpy afterwards works.
    """
    loaded: ModuleType | None = sys.modules.get("openpyxl")
    if loaded is not None:
        return loaded
    hide = "numpy" not in sys.modules
    if hide:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # import fails: NUMPY = False
    try:
        import openpyxl
    finally:
        if hide:
            del sys.modules["numpy"]
    module: ModuleType = openpyxl
    return module
