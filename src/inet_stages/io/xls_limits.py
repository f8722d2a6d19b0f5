"""An ``.xls`` workbook measured before it is read: the cells' positions from its BIFF records.

An ``.xls`` is not compressed, so its size bounds its text; but one record
can name a cell at row 65 536, column IV, and calamine would then build the
whole grid. The records of the ``Workbook`` stream (found through the
compound file's sector tables) give every cell's position first; a limit
of :mod:`inet_stages.io.workbook_limits` passed raises its ``Refused``.
"""

from __future__ import annotations

from inet_stages.io.workbook_limits import (
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_ROWS,
    Refused,
    cells_refused,
    columns_refused,
    rows_refused,
)

#
# A 5 KB .xls with one cell at IV65536 makes calamine build 16 million cells
# (1 GB). The file is a compound file (OLE): its « Workbook » stream is found
# through the sector tables, and each cell record gives its row and column.
# A file this reader cannot follow is left to calamine, which says whether it
# is readable: the measure never refuses a file it does not understand.

_CELL_RECORDS = frozenset({0x0006, 0x00FD, 0x0203, 0x027E, 0x0204, 0x0205, 0x0201, 0x00D6})
_MULTI_RECORDS = frozenset({0x00BD, 0x00BE})


def measure_xls(data: bytes, name: str) -> None:
    """Refuse an ``.xls`` whose cells pass a limit (rows, columns, cells), before calamine."""
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
            raise Refused(rows_refused(name))
        if columns > MAX_COLUMNS:
            raise Refused(columns_refused(name, columns))
        if cells > MAX_CELLS:
            raise Refused(cells_refused(name))


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
