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
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import ModuleType

from inet_stages.io.writes import reason
from inet_stages.text.textsafe import clean

#: Largest file read, in bytes. The form filled with a thousand offers is
#: about 300 KB as ``.xlsx`` and 2 MB as CSV; anything far larger is not a
#: table of offers, students or contacts.
MAX_BYTES = 20 * 1024 * 1024

#: Largest uncompressed content of a workbook, in bytes: an ``.xlsx`` is a
#: zip archive, and a few kilobytes can unpack to gigabytes (a zip bomb).
MAX_UNPACKED = 200 * 1024 * 1024

#: Most data rows and columns read: a table of people or offers has hundreds
#: of rows and a few dozen columns; a sheet of a million is refused, not read.
#: A cell beyond column :data:`MAX_COLUMNS` (up to XFD, the 16 384th) is refused.
MAX_ROWS = 50_000
MAX_COLUMNS = 300

#: Most cells: those that hold something, and the rectangle from A1 to the
#: last one, which calamine builds in memory (about 32 bytes a cell).
MAX_CELLS = 2_000_000

#: Longest text of one cell, a shared string included: Excel's own limit.
MAX_CELL_TEXT = 32_767

#: Most characters of text in one table, all cells together (a thousand
#: offers with long descriptions are about 3 million).
MAX_TEXT = 20_000_000

#: Characters seen as spaces in a cell or a header: NBSP and narrow NBSP
#: (French typography), tabs.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


#: The workbooks read (by calamine): Excel 2007+, with macros, Excel 97-2003, OpenDocument.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


class TableError(Exception):
    """A file that cannot be read as a table at all; ``message`` is French and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def read_table(path: Path, *, sheet: str | None = None) -> Table:
    """Read ``path`` (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods`` or ``.csv``) as a header and rows.

    Workbooks (read by calamine, within the limits of this module, checked
    before and while reading): the first sheet (or ``sheet``); the header is the first
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
        grid = _workbook_rows(data, name, suffix, sheet)
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


def read_table_bytes(data: bytes, name: str, *, sheet: str | None = None) -> Table:
    """:func:`read_table` for a file already in memory (an e-mail's attachment named ``name``)."""
    shown = clean(name)
    suffix = Path(name).suffix.lower()
    if len(data) > MAX_BYTES:
        raise TableError(f"{shown} : fichier trop gros (au plus {_grouped(MAX_BYTES)} octets).")
    if not data.strip():
        raise TableError(f"{shown} : le fichier est vide.")
    if suffix in WORKBOOK_SUFFIXES:
        return _table(shown, _workbook_rows(data, shown, suffix, sheet))
    if suffix in (".csv", ".txt"):
        return _table(shown, _csv_rows(data, shown))
    raise TableError(f"{shown} : type de fichier non reconnu.")


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        if not path.is_file():
            if path.is_dir():
                raise TableError(f"{name} : c'est un dossier, pas un fichier.")
            if not path.exists():
                raise TableError(f"{name} : fichier introuvable.")
            raise TableError(f"{name} : ce n'est pas un fichier ordinaire (tube, périphérique…).")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise TableError(
                f"{name} : fichier trop gros ({_grouped(size)} octets ; au plus "
                f"{_grouped(MAX_BYTES)} octets acceptés)."
            )
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except PermissionError:
        raise TableError(f"{name} : accès refusé (droits insuffisants).") from None
    except OSError as exc:
        raise TableError(f"{name} : lecture impossible ({reason(exc)}).") from None
    if len(data) > MAX_BYTES:
        raise TableError(f"{name} : fichier trop gros (au plus {_grouped(MAX_BYTES)} octets).")
    if not data.strip():
        raise TableError(f"{name} : le fichier est vide.")
    return data


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


# --- Workbooks -------------------------------------------------------------------------
#
# calamine reads every format into one dense grid held in memory, and an
# ``.xlsx`` keeps its texts in one shared-strings part: a 52 KB file can hold a
# 50 MB string, or a single cell at row 1 000 000, column XFD, which makes the
# grid 16 billion cells. So the parts calamine will read are measured first,
# streamed through expat with a byte budget, and the file is refused before
# calamine sees it. An ``.xls`` is not compressed: its size bounds it.


def _workbook_rows(
    data: bytes, name: str, suffix: str, sheet: str | None
) -> Iterator[tuple[int, list[object]]]:
    if suffix == ".xls":
        if not data.startswith(b"\xd0\xcf\x11\xe0"):
            raise TableError(
                f"{name} : ce n'est pas un classeur Excel 97-2003 lisible (fichier abîmé, ou "
                "d'un autre format renommé en .xls) ; ouvrez-le et enregistrez-le en .xlsx."
            )
        _measure_xls(data, name)
    else:
        _measure_archive(data, name, suffix, sheet)
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception:
        # calamine raises its own errors, and ValueError or OSError, for a damaged file;
        # none of them is a bug of ours, all mean « unreadable ».
        raise TableError(f"{name} : {_unreadable(suffix)}") from None
    try:
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            shown = ", ".join(f"« {clean(s)} »" for s in names)
            raise TableError(f"{name} : pas de feuille « {clean(sheet)} » (feuilles : {shown}).")
        if not names:
            raise TableError(f"{name} : le classeur n'a aucune feuille.")
        try:
            chosen = book.get_sheet_by_name(sheet if sheet is not None else names[0])
        except Exception:
            raise TableError(f"{name} : {_unreadable(suffix)}") from None
        _check_extent(name, chosen.total_height, chosen.total_width)
        grid = chosen.to_python(skip_empty_area=False)
    finally:
        book.close()
    return _grid_rows(grid, name)


def _unreadable(suffix: str) -> str:
    kind = {".ods": "classeur OpenDocument (.ods)", ".xls": "classeur Excel 97-2003 (.xls)"}
    return (
        f"{kind.get(suffix, 'classeur Excel')} illisible (fichier abîmé ou incomplet) ; "
        "ouvrez-le et enregistrez-le de nouveau."
    )


def _grid_rows(grid: Sequence[Sequence[object]], name: str) -> Iterator[tuple[int, list[object]]]:
    rows: list[tuple[int, list[object]]] = []
    text = 0
    convert = _workbook_value
    for number, values in enumerate(grid, start=1):
        # calamine gives "" for an empty cell; texts, the most common, take the short way.
        cells = [
            None if v == "" else _text_cell(v) if type(v) is str else convert(v) for v in values
        ]
        if any(v is not None for v in cells):
            longest = 0
            for cell in cells:
                if type(cell) is str:
                    text += len(cell)
                    longest = max(longest, len(cell))
            if longest > MAX_CELL_TEXT:
                raise TableError(_cell_text_refused(name))
            if text > MAX_TEXT:
                raise TableError(_text_refused(name))
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
    return _text_cell(str(value))


# --- Limits, checked while reading --------------------------------------------------------


def _rows_refused(name: str) -> str:
    return (
        f"{name} : plus de {_grouped(MAX_ROWS)} lignes (limite des tableaux lus) ; ce n'est "
        "pas un tableau d'offres, d'élèves ou de contacts."
    )


def _columns_refused(name: str, column: int) -> str:
    return (
        f"{name} : une cellule en colonne {_column_letters(column)} (n°\u00a0{_grouped(column)}) ; "
        f"au plus {_grouped(MAX_COLUMNS)} colonnes sont lues. Supprimez les colonnes "
        "inutiles, puis recommencez."
    )


def _cells_refused(name: str) -> str:
    return f"{name} : plus de {_grouped(MAX_CELLS)} cellules (limite des tableaux lus)."


def _cell_text_refused(name: str) -> str:
    return (
        f"{name} : une cellule de plus de {_grouped(MAX_CELL_TEXT)} caractères (limite "
        "d'une cellule)."
    )


def _text_refused(name: str) -> str:
    return (
        f"{name} : plus de {_grouped(MAX_TEXT)} caractères de texte en tout (limite d'un tableau)."
    )


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_extent(name: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS + 1:
        raise TableError(_rows_refused(name))
    if columns > MAX_COLUMNS:
        raise TableError(_columns_refused(name, columns))
    if rows * columns > MAX_CELLS:
        raise TableError(_cells_refused(name))


def _measure_archive(data: bytes, name: str, suffix: str, sheet: str | None) -> None:
    """Refuse a zipped workbook (``.xlsx``, ``.xlsm``, ``.ods``) beyond a limit, before calamine.

    Every member's declared size is added up; then the parts calamine reads
    (the sheet, the shared strings; ``content.xml`` for ``.ods``) are streamed
    through expat, which stops at the first limit passed.
    """
    described = "classeur OpenDocument" if suffix == ".ods" else "classeur Excel"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise TableError(
            f"{name} : ce n'est pas un {described} lisible (fichier abîmé, ou d'un autre "
            f"format renommé en {suffix}) ; ouvrez-le et enregistrez-le de nouveau."
        ) from None
    if sum(info.file_size for info in members.values()) > MAX_UNPACKED:
        raise TableError(
            f"{name} : classeur refusé : son contenu décompressé dépasse "
            f"{_grouped(MAX_UNPACKED)} octets."
        )
    try:
        if suffix == ".ods":
            if "content.xml" not in members:
                raise TableError(f"{name} : {_unreadable(suffix)}")
            _scan(archive, "content.xml", _OdsScan(name, sheet))
            return
        if "xl/sharedStrings.xml" in members:
            _scan(archive, "xl/sharedStrings.xml", _SharedStringsScan(name))
        part = _xlsx_sheet_part(archive, members, sheet)
        # Sheet not found through the workbook's relations: every worksheet is measured,
        # so that calamine never reads one that was not.
        parts = (
            [part]
            if part is not None
            else [n for n in members if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        )
        for each in parts:
            _measure_sheet(archive, each, name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise TableError(f"{name} : {_unreadable(suffix)}") from None


class _Scan:
    """Expat handlers of one part; a limit passed raises :class:`TableError`."""

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        """An element opens."""

    def end(self, tag: str) -> None:
        """An element closes."""

    def text(self, data: str) -> None:
        """Character data inside the current element."""


def _scan(archive: zipfile.ZipFile, member: str, scan: _Scan) -> None:
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.buffer_size = 65536

    def no_entities(*_: object) -> None:
        # defusedxml's rule: a workbook has no business declaring entities (billion laughs).
        raise TableError(f"{scan_name(scan)} : classeur refusé (déclaration d'entités XML).")

    parser.StartElementHandler = scan.start
    parser.EndElementHandler = scan.end
    parser.CharacterDataHandler = scan.text
    parser.EntityDeclHandler = no_entities
    parser.StartDoctypeDeclHandler = no_entities
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(1 << 20):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError:
        raise TableError(
            f"{scan_name(scan)} : classeur illisible (XML abîmé dans {member})."
        ) from None


def scan_name(scan: _Scan) -> str:
    """The file name a scan reports in its messages."""
    return str(getattr(scan, "name", "classeur"))


def _local(tag: str) -> str:
    return tag.rpartition(" ")[2]


class _SharedStringsScan(_Scan):
    """``xl/sharedStrings.xml``: each string ≤ :data:`MAX_CELL_TEXT`, all ≤ :data:`MAX_TEXT`."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.current = 0
        self.total = 0
        self.inside_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            self.current = 0
        self.inside_text = local == "t"

    def end(self, tag: str) -> None:
        self.inside_text = False

    def text(self, data: str) -> None:
        if not self.inside_text:
            return
        self.current += len(data)
        self.total += len(data)
        if self.current > MAX_CELL_TEXT:
            raise TableError(_cell_text_refused(self.name))
        if self.total > MAX_TEXT:
            raise TableError(_text_refused(self.name))


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


class _XlsxSheetScan(_Scan):
    """A worksheet part: rows, columns and cells of the cells that hold something."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.row = 0
        self.column = 0
        self.cells = 0
        self.characters = 0
        self.cell_text = 0
        self.filled = False
        self.inside_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            number = attributes.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
            if self.row > MAX_ROWS + 1:
                raise TableError(_rows_refused(self.name))
        elif local == "c":
            reference = _CELL_REF.match(attributes.get("r", ""))
            self.column = _column_number(reference[1]) if reference else self.column + 1
            if reference:
                self.row = max(self.row, int(reference[2]))
            self.filled = False
            self.cell_text = 0
        elif local in ("v", "is", "f"):
            self.filled = True
        self.inside_text = local in ("v", "t")

    def end(self, tag: str) -> None:
        self.inside_text = False
        if _local(tag) != "c" or not self.filled:
            return
        if self.row > MAX_ROWS + 1:
            raise TableError(_rows_refused(self.name))
        if self.column > MAX_COLUMNS:
            raise TableError(_columns_refused(self.name, self.column))
        self.cells += 1
        if self.cells > MAX_CELLS:
            raise TableError(_cells_refused(self.name))

    def text(self, data: str) -> None:
        # Inline texts and values (the shared strings are counted in their own part).
        if not self.inside_text:
            return
        self.cell_text += len(data)
        if self.cell_text > MAX_CELL_TEXT:
            raise TableError(_cell_text_refused(self.name))
        self.characters += len(data)
        if self.characters > MAX_TEXT:
            raise TableError(_text_refused(self.name))


#: A cell that holds something (not ``<c r="B2" s="3"/>``, a formatted empty cell), its
#: reference; a row's number. Namespace prefixes (``x:c``) are allowed.
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*(?<!/)>')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d{1,7})"')
_ANY_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")


def _measure_sheet(archive: zipfile.ZipFile, part: str, name: str) -> None:
    """The extent and texts of a worksheet, measured chunk by chunk with regular expressions.

    A callback per element (expat) costs a third of the import of a thousand
    rows; a regular expression over each megabyte is a few milliseconds. A
    sheet whose rows or cells have no reference (allowed, rare) is measured by
    :class:`_XlsxSheetScan` instead. A formatted empty cell ends with ``/>``
    and is not counted: calamine leaves it out too. Texts written in the
    sheet (openpyxl writes them there, not in the shared strings) are counted.
    """
    import html

    rows = cells = characters = 0
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(1 << 20)
            data = tail + chunk
            # Keep for the next round an element cut by the chunk's end, and a text
            # whose closing tag is not read yet.
            cut = data.rfind(b"<") if chunk else len(data)
            if cut < 0:
                cut = len(data)
            opened = max(data.rfind(b"<t>", 0, cut), data.rfind(b"<t ", 0, cut))
            if opened > data.rfind(b"</t>", 0, cut):
                cut = opened
            body, tail = data[:cut], data[cut:]
            if len(tail) > 1 << 20:
                # No cell of 32 767 characters takes a megabyte of XML, escaped.
                raise TableError(_cell_text_refused(name))
            references = _ROW.findall(body)
            if (
                len(references) != len(_ANY_ROW.findall(body))
                or _CELL_WITHOUT_REFERENCE.search(body) is not None
            ):
                # Rows or cells by position: expat counts them.
                _scan(archive, part, _XlsxSheetScan(name))
                return
            for number in references:
                rows = max(rows, int(number))
            if rows > MAX_ROWS + 1:
                raise TableError(_rows_refused(name))
            filled = _FILLED_CELL.findall(body)
            for letters, number in filled:
                rows = max(rows, int(number))
                column = _column_number(letters.decode("ascii"))
                if column > MAX_COLUMNS:
                    raise TableError(_columns_refused(name, column))
            if rows > MAX_ROWS + 1:
                raise TableError(_rows_refused(name))
            cells += len(filled)
            if cells > MAX_CELLS:
                raise TableError(_cells_refused(name))
            for text in _TEXT.findall(body):
                size = len(html.unescape(text.decode("utf-8", "replace"))) if text else 0
                if size > MAX_CELL_TEXT:
                    raise TableError(_cell_text_refused(name))
                characters += size
            if characters > MAX_TEXT:
                raise TableError(_text_refused(name))
            if not chunk:
                return


_CELL_WITHOUT_REFERENCE = re.compile(rb'<(?:\w+:)?c(?:\s(?![^>]*\br=")[^>]*)?/?>')
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")


# --- .xls: the cells' positions read from the BIFF records ------------------------------
#
# A 5 KB .xls with one cell at IV65536 makes calamine build 16 million cells
# (1 GB). The file is a compound file (OLE): its « Workbook » stream is found
# through the sector tables, and each cell record gives its row and column.
# A file this reader cannot follow is left to calamine, which says whether it
# is readable: the measure never refuses a file it does not understand.

_CELL_RECORDS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0201, 0x00D6})
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})


def _measure_xls(data: bytes, name: str) -> None:
    stream = _compound_stream(data, ("Workbook", "Book"))
    if stream is None:
        return
    rows = columns = cells = 0
    offset, end = 0, len(stream)
    while offset + 4 <= end:
        kind, length = (
            int.from_bytes(stream[offset : offset + 2], "little"),
            int.from_bytes(stream[offset + 2 : offset + 4], "little"),
        )
        body = stream[offset + 4 : offset + 4 + length]
        offset += 4 + length
        if kind in _CELL_RECORDS and len(body) >= 4:
            row = int.from_bytes(body[0:2], "little") + 1
            column = int.from_bytes(body[2:4], "little") + 1
            cells += 1
        elif kind in _MULTI_RECORDS and len(body) >= 6:
            row = int.from_bytes(body[0:2], "little") + 1
            column = int.from_bytes(body[-2:], "little") + 1
            cells += max(column - int.from_bytes(body[2:4], "little"), 1)
        else:
            continue
        rows, columns = max(rows, row), max(columns, column)
        if rows > MAX_ROWS + 1:
            raise TableError(_rows_refused(name))
        if columns > MAX_COLUMNS:
            raise TableError(_columns_refused(name, columns))
        if cells > MAX_CELLS:
            raise TableError(_cells_refused(name))


def _compound_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    """The first stream of ``names`` in a compound file (OLE); None when it cannot be followed."""

    def u32(at: int) -> int:
        return int.from_bytes(data[at : at + 4], "little")

    try:
        shift = int.from_bytes(data[0x1E:0x20], "little")
        mini_shift = int.from_bytes(data[0x20:0x22], "little")
        if shift not in (9, 12) or mini_shift != 6:
            return None
        size = 1 << shift
        count = (len(data) - size) // size + 1

        def sector(number: int) -> bytes:
            return data[(number + 1) * size : (number + 2) * size]

        fat_sectors = [u32(0x4C + 4 * i) for i in range(109)]
        difat, difat_count = u32(0x44), u32(0x48)
        for _ in range(min(difat_count, count)):
            if difat >= count:
                break
            block = sector(difat)
            fat_sectors += [
                int.from_bytes(block[i : i + 4], "little") for i in range(0, size - 4, 4)
            ]
            difat = int.from_bytes(block[size - 4 :], "little")
        fat_sectors = fat_sectors[: u32(0x2C)]
        fat = b"".join(sector(n) for n in fat_sectors if n < count)

        def chain(start: int, table: bytes, limit: int) -> list[int]:
            found: list[int] = []
            while start < limit and len(found) <= limit:
                found.append(start)
                start = int.from_bytes(
                    table[4 * start : 4 * start + 4] or b"\xfe\xff\xff\xff", "little"
                )
            return found

        directory = b"".join(sector(n) for n in chain(u32(0x30), fat, count))
        entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
        if not entries:
            return None
        root = entries[0]
        for entry in entries:
            length = int.from_bytes(entry[0x40:0x42], "little")
            label = entry[: max(length - 2, 0)].decode("utf-16-le", "replace")
            if entry[0x42] != 2 or label not in names:
                continue
            start, wanted = _u32(entry, 0x74), _u32(entry, 0x78)
            if wanted >= u32(0x38):
                stream = b"".join(sector(n) for n in chain(start, fat, count))
                return stream[:wanted]
            mini_fat = b"".join(sector(n) for n in chain(u32(0x3C), fat, count))
            mini = b"".join(sector(n) for n in chain(_u32(root, 0x74), fat, count))
            pieces = chain(start, mini_fat, len(mini) // 64)
            return b"".join(mini[n * 64 : n * 64 + 64] for n in pieces)[:wanted]
    except (IndexError, ValueError):
        return None
    return None


def _u32(block: bytes, at: int) -> int:
    """The little-endian 32-bit number at ``at`` of ``block``."""
    return int.from_bytes(block[at : at + 4], "little")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _xlsx_sheet_part(
    archive: zipfile.ZipFile, members: Mapping[str, zipfile.ZipInfo], sheet: str | None
) -> str | None:
    """The worksheet part calamine will read: the first sheet of the workbook, or ``sheet``."""
    for part in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
        if part not in members or members[part].file_size > 4 * 1024 * 1024:
            return None  # calamine refuses the file itself
    from defusedxml import ElementTree

    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        links = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except Exception:
        return None  # not XML: calamine reports the file unreadable
    relation = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    for entry in book.iter():
        if _local(entry.tag.replace("}", " ")) != "sheet":
            continue
        if sheet is not None and entry.get("name") != sheet:
            continue
        target = targets.get(entry.get(relation), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        return part if part in members else None
    return None


class _OdsScan(_Scan):
    """``content.xml`` of an ``.ods``: the first table (or ``sheet``), repeats counted.

    LibreOffice ends each row with one empty cell repeated to column 1024 or
    16 384, and each sheet with empty rows repeated to row 1 048 576: repeats
    count only once something follows them.
    """

    def __init__(self, name: str, sheet: str | None) -> None:
        self.name = name
        self.sheet = sheet
        self.state = "before"  # before | inside | after
        self.cell_text = 0
        self.rows = 0
        self.pending_rows = 0
        self.row_repeat = 1
        self.columns = 0
        self.pending_columns = 0
        self.cell_repeat = 1
        self.cell_filled = False
        self.row_filled = False
        self.cells = 0
        self.characters = 0

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if self.state == "after":
            return
        if local == "table" and self.state == "before":
            wanted = self.sheet is None or _attribute(attributes, "name") == self.sheet
            if wanted:
                self.state = "inside"
            return
        if self.state != "inside":
            return
        if local == "table-row":
            self.row_repeat = _repeat(attributes, "number-rows-repeated")
            self.columns = 0
            self.pending_columns = 0
            self.row_filled = False
        elif local in ("table-cell", "covered-table-cell"):
            self.cell_repeat = _repeat(attributes, "number-columns-repeated")
            self.cell_filled = _attribute(attributes, "value-type") is not None
            self.cell_text = 0

    def end(self, tag: str) -> None:
        local = _local(tag)
        if self.state != "inside":
            return
        if local == "table":
            self.state = "after"
        elif local in ("table-cell", "covered-table-cell"):
            if self.cell_filled:
                self.columns += self.pending_columns + self.cell_repeat
                self.pending_columns = 0
                if self.columns > MAX_COLUMNS:
                    raise TableError(_columns_refused(self.name, self.columns))
                self.cells += self.cell_repeat * self.row_repeat
                if self.cells > MAX_CELLS:
                    raise TableError(_cells_refused(self.name))
                self.row_filled = True
            else:
                self.pending_columns += self.cell_repeat
        elif local == "table-row":
            if self.row_filled:
                self.rows += self.pending_rows + self.row_repeat
                self.pending_rows = 0
                if self.rows > MAX_ROWS + 1:
                    raise TableError(_rows_refused(self.name))
            else:
                self.pending_rows += self.row_repeat

    def text(self, data: str) -> None:
        if self.state != "inside":
            return
        self.cell_filled = True
        self.cell_text += len(data)
        if self.cell_text > MAX_CELL_TEXT:
            raise TableError(_cell_text_refused(self.name))
        self.characters += len(data) * self.cell_repeat * self.row_repeat
        if self.characters > MAX_TEXT:
            raise TableError(_text_refused(self.name))


def _attribute(attributes: Mapping[str, str], local: str) -> str | None:
    for key, value in attributes.items():
        if _local(key) == local:
            return value
    return None


def _repeat(attributes: Mapping[str, str], local: str) -> int:
    value = _attribute(attributes, local)
    if value is None or not value.isdigit() or len(value) > 9:
        return 1 if value is None else 10**9
    return max(int(value), 1)


def _text_cell(text: str) -> str | None:
    stripped = text.strip(" \t\r\n\u00a0\u202f\ufeff")
    return stripped or None


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
        return f"champ de plus de {_grouped(csv.field_size_limit())} caractères"
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
        raise TableError(_text_refused(name))
    separator = sniff_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    rows: list[tuple[int, list[object]]] = []
    cells_seen = 0
    try:
        for number, values in enumerate(reader, start=1):
            cells: list[object] = [_text_cell(v) for v in values]
            filled = [i for i, v in enumerate(cells, start=1) if v is not None]
            if not filled:
                continue
            if filled[-1] > MAX_COLUMNS:
                raise TableError(_columns_refused(name, filled[-1]))
            if len(rows) > MAX_ROWS:
                raise TableError(_rows_refused(name))
            if any(len(str(v)) > MAX_CELL_TEXT for v in cells if v is not None):
                raise TableError(
                    f"{name} : un champ de plus de {_grouped(MAX_CELL_TEXT)} caractères "
                    "(limite d'une cellule)."
                )
            cells_seen += len(filled)
            if cells_seen > MAX_CELLS:
                raise TableError(_cells_refused(name))
            rows.append((number, cells[:MAX_COLUMNS]))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise TableError(
                f"{name} : un champ de plus de {_grouped(MAX_CELL_TEXT)} caractères (limite "
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
