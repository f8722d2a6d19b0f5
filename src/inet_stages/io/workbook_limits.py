"""How much a table may hold, and workbooks measured against it before they are read.

calamine reads every format into one dense grid held in memory, and an
``.xlsx`` keeps its texts in one shared-strings part: a 52 KB file can hold a
50 MB string, or a single cell at row 1 000 000, column XFD, which makes the
grid 16 billion cells. So the parts calamine will read are measured here
first (:func:`measure_archive`; an ``.xls`` by :mod:`inet_stages.io.xls_limits`),
streamed through expat with a byte budget, and the file is refused before
calamine sees it. The
bounds (rows, columns, cells, text of a cell, text in all) are those of
docs/reference/limits.md; :mod:`inet_stages.io.tabular` checks them again
while reading, with the messages of this module.

A limit passed raises :class:`Refused`, which the reader turns into its
``TableError``.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Mapping

from inet_stages.text.frdates import format_number


class Refused(Exception):
    """A workbook beyond a limit, or unreadable; ``message`` is French and names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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


def unreadable(suffix: str) -> str:
    kind = {".ods": "classeur OpenDocument (.ods)", ".xls": "classeur Excel 97-2003 (.xls)"}
    return (
        f"{kind.get(suffix, 'classeur Excel')} illisible (fichier abîmé ou incomplet) ; "
        "ouvrez-le et enregistrez-le de nouveau."
    )


# --- Limits, checked while reading --------------------------------------------------------


def rows_refused(name: str) -> str:
    return (
        f"{name} : plus de {format_number(MAX_ROWS)} lignes (limite des tableaux lus) ; ce n'est "
        "pas un tableau d'offres, d'élèves ou de contacts."
    )


def columns_refused(name: str, column: int) -> str:
    return (
        f"{name} : une cellule en colonne {_column_letters(column)} "
        f"(n°\u00a0{format_number(column)}) ; "
        f"au plus {format_number(MAX_COLUMNS)} colonnes sont lues. Supprimez les colonnes "
        "inutiles, puis recommencez."
    )


def cells_refused(name: str) -> str:
    return f"{name} : plus de {format_number(MAX_CELLS)} cellules (limite des tableaux lus)."


def cell_text_refused(name: str) -> str:
    return (
        f"{name} : une cellule de plus de {format_number(MAX_CELL_TEXT)} caractères (limite "
        "d'une cellule)."
    )


def text_refused(name: str) -> str:
    return (
        f"{name} : plus de {format_number(MAX_TEXT)} caractères de texte en tout "
        "(limite d'un tableau)."
    )


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def check_extent(name: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS + 1:
        raise Refused(rows_refused(name))
    if columns > MAX_COLUMNS:
        raise Refused(columns_refused(name, columns))
    if rows * columns > MAX_CELLS:
        raise Refused(cells_refused(name))


def measure_archive(
    data: bytes, name: str, suffix: str, sheet: str | None, *, optional: bool = False
) -> bool:
    """Refuse a zipped workbook (``.xlsx``, ``.xlsm``, ``.ods``) beyond a limit, before calamine.

    Every member's declared size is added up; then the parts calamine reads
    (the sheet, the shared strings; ``content.xml`` for ``.ods``) are streamed
    through expat, which stops at the first limit passed. ``optional``: a
    ``sheet`` the workbook may not have (the form's « Offres »); when it is not
    found, nothing more is measured and False is returned — only a sheet
    measured may then be read.
    """
    described = "classeur OpenDocument" if suffix == ".ods" else "classeur Excel"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Refused(
            f"{name} : ce n'est pas un {described} lisible (fichier abîmé, ou d'un autre "
            f"format renommé en {suffix}) ; ouvrez-le et enregistrez-le de nouveau."
        ) from None
    if sum(info.file_size for info in members.values()) > MAX_UNPACKED:
        raise Refused(
            f"{name} : classeur refusé : son contenu décompressé dépasse "
            f"{format_number(MAX_UNPACKED)} octets."
        )
    try:
        if suffix == ".ods":
            if "content.xml" not in members:
                raise Refused(f"{name} : {unreadable(suffix)}")
            table = _OdsScan(name, sheet)
            _scan(archive, "content.xml", table)
            return table.state != "before"
        part = _xlsx_sheet_part(archive, members, sheet)
        if part is None and optional:
            return False
        if "xl/sharedStrings.xml" in members:
            _scan(archive, "xl/sharedStrings.xml", _SharedStringsScan(name))
        # Sheet not found through the workbook's relations: every worksheet is measured,
        # so that calamine never reads one that was not.
        parts = (
            [part]
            if part is not None
            else [n for n in members if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        )
        for each in parts:
            _measure_sheet(archive, each, name)
        return True
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError):
        raise Refused(f"{name} : {unreadable(suffix)}") from None


class _Scan:
    """Expat handlers of one part; a limit passed raises :class:`Refused`.

    The counts every kind of part keeps, and their limits, are here once:
    the text of the current cell and of the whole workbook, and the filled
    cells. ``name`` is the file the messages name.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.cell_text = 0
        self.characters = 0
        self.cells = 0

    def count_text(self, length: int, repeat: int = 1) -> None:
        """``length`` more characters in the current cell, written ``repeat`` times."""
        self.cell_text += length
        if self.cell_text > MAX_CELL_TEXT:
            raise Refused(cell_text_refused(self.name))
        self.characters += length * repeat
        if self.characters > MAX_TEXT:
            raise Refused(text_refused(self.name))

    def count_cells(self, cells: int) -> None:
        """``cells`` more filled cells."""
        self.cells += cells
        if self.cells > MAX_CELLS:
            raise Refused(cells_refused(self.name))

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
        raise Refused(f"{scan.name} : classeur refusé (déclaration d'entités XML).")

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
        raise Refused(f"{scan.name} : classeur illisible (XML abîmé dans {member}).") from None


def _local(tag: str) -> str:
    return tag.rpartition(" ")[2]


class _SharedStringsScan(_Scan):
    """``xl/sharedStrings.xml``: each string ≤ :data:`MAX_CELL_TEXT`, all ≤ :data:`MAX_TEXT`."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.inside_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "si":
            self.cell_text = 0
        self.inside_text = local == "t"

    def end(self, tag: str) -> None:
        self.inside_text = False

    def text(self, data: str) -> None:
        if self.inside_text:
            self.count_text(len(data))


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


class _XlsxSheetScan(_Scan):
    """A worksheet part: rows, columns and cells of the cells that hold something."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.row = 0
        self.column = 0
        self.filled = False
        self.inside_text = False

    def start(self, tag: str, attributes: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            number = attributes.get("r")
            self.row = int(number) if number and number.isdigit() else self.row + 1
            self.column = 0
            if self.row > MAX_ROWS + 1:
                raise Refused(rows_refused(self.name))
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
            raise Refused(rows_refused(self.name))
        if self.column > MAX_COLUMNS:
            raise Refused(columns_refused(self.name, self.column))
        self.count_cells(1)

    def text(self, data: str) -> None:
        # Inline texts and values (the shared strings are counted in their own part).
        if self.inside_text:
            self.count_text(len(data))


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
                raise Refused(cell_text_refused(name))
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
                raise Refused(rows_refused(name))
            filled = _FILLED_CELL.findall(body)
            for letters, number in filled:
                rows = max(rows, int(number))
                column = _column_number(letters.decode("ascii"))
                if column > MAX_COLUMNS:
                    raise Refused(columns_refused(name, column))
            if rows > MAX_ROWS + 1:
                raise Refused(rows_refused(name))
            cells += len(filled)
            if cells > MAX_CELLS:
                raise Refused(cells_refused(name))
            for text in _TEXT.findall(body):
                size = len(html.unescape(text.decode("utf-8", "replace"))) if text else 0
                if size > MAX_CELL_TEXT:
                    raise Refused(cell_text_refused(name))
                characters += size
            if characters > MAX_TEXT:
                raise Refused(text_refused(name))
            if not chunk:
                return


_CELL_WITHOUT_REFERENCE = re.compile(rb'<(?:\w+:)?c(?:\s(?![^>]*\br=")[^>]*)?/?>')
_TEXT = re.compile(rb"<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)</(?:\w+:)?t>")


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
        super().__init__(name)
        self.sheet = sheet
        self.state = "before"  # before | inside | after
        self.rows = 0
        self.pending_rows = 0
        self.row_repeat = 1
        self.columns = 0
        self.pending_columns = 0
        self.cell_repeat = 1
        self.cell_filled = False
        self.row_filled = False

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
                    raise Refused(columns_refused(self.name, self.columns))
                self.count_cells(self.cell_repeat * self.row_repeat)
                self.row_filled = True
            else:
                self.pending_columns += self.cell_repeat
        elif local == "table-row":
            if self.row_filled:
                self.rows += self.pending_rows + self.row_repeat
                self.pending_rows = 0
                if self.rows > MAX_ROWS + 1:
                    raise Refused(rows_refused(self.name))
            else:
                self.pending_rows += self.row_repeat

    def text(self, data: str) -> None:
        if self.state != "inside":
            return
        self.cell_filled = True
        self.count_text(len(data), self.cell_repeat * self.row_repeat)


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


def text_cell(text: str) -> str | None:
    stripped = text.strip(" \t\r\n\u00a0\u202f\ufeff")
    return stripped or None
