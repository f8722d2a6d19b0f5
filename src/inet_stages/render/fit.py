"""Tables that fit the terminal without cutting a word: a table when it fits, else a list.

Rich shrinks a table that is too wide by narrowing its columns, and then cuts
what no longer fits (« Professionnalisat… », « Projets / collectifs » split
mid-word): the reader loses a name. :func:`fitted` wraps a table so that it
never happens:

- every column that may wrap is given, as its minimum width, its longest word
  (words are separated by breaking spaces only: « 40 000 » and « 9 : » stay
  whole), so lines break between words and never inside one;
- if even then the table is wider than the terminal, the same rows are shown
  as a list instead (:class:`Stacked`): the first cell of each row on its line,
  the other cells below it as « Colonne : valeur », wrapped between words.

Both come from the same table, so the two layouts always say the same thing.
A word longer than the whole line (a file name) is never cut: it overflows
the line, whole, so that it can still be copied.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Group
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
    from rich.table import Table

#: What separates words: whitespace, except the non-breaking spaces of French typography.
_BREAK = re.compile(r"[^\S\u00a0\u202f]+")

#: A line of a cell that holds only a year (« lun. 24 nov.\n2025 »).
_YEAR_LINE = re.compile(r"\n(\d{4})\b")

#: Measuring against this width gives a renderable's true minimum (Rich caps it at the width).
_UNBOUNDED = 10_000


def _plain(cell: object) -> str:
    if isinstance(cell, Text):
        return cell.plain
    return cell if isinstance(cell, str) else ""


def longest_word(text: str) -> int:
    """Cells of the longest unbreakable word of ``text`` (0 when empty)."""
    from inet_stages.text.frtypo import typeset

    return max((cell_len(word) for word in _BREAK.split(typeset(text))), default=0)


def whole_text(text: str | Text) -> Text:
    """``text`` as a Text that wraps between words and lets a too-long word overflow, whole."""
    result = text.copy() if isinstance(text, Text) else Text(text)
    result.overflow = "ignore"
    return result


def wrap_words(text: Text, width: int) -> list[Text]:
    """``text`` cut into lines of at most ``width`` cells between words, never inside one.

    Rich's own wrapping folds a word longer than the line (``overflow="fold"``)
    or does not wrap at all (``"ignore"``); its line divider does both halves
    of what is needed here when told not to fold.
    """
    from rich._wrap import divide_line

    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        offsets = divide_line(line.plain, width, fold=False)
        for part in line.divide(offsets):
            part.rstrip()
            lines.append(part)
    return lines


class Wrapped:
    """Text wrapped between words, indented; a word longer than the line overflows, whole.

    Rich would fold such a word (a file name) or crop it; here it stays on its
    own line, entire, so that it can be read and copied. The console must not
    crop (:class:`inet_stages.terminal.french_console.FrenchConsole` does not).
    """

    def __init__(self, text: str | Text, *, indent: int = 0, hanging: int = 0) -> None:
        self.text = whole_text(text)
        self.indent = indent
        self.hanging = hanging

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        from inet_stages.text.frtypo import typeset

        # Typeset before wrapping, so that « : » stays with its word
        # (typeset replaces one character by one: the styles keep their place).
        text = self.text.copy()
        text.plain = typeset(text.plain)
        width = max(1, options.max_width - self.indent - self.hanging)
        lines = wrap_words(text, width)
        for index, line in enumerate(lines):
            line.rstrip()
            pad = self.indent + (self.hanging if index else 0)
            if pad:
                yield Segment(" " * pad)
            yield from line.render(console)
            yield Segment.line()


def protect_words(table: Table) -> Table:
    """Give each column of ``table`` its true minimum width: longest word, or line if no_wrap."""
    from inet_stages.text.frtypo import typeset

    for column in table.columns:
        cells = [_plain(column.header), *(_plain(cell) for cell in column._cells)]
        lines = [line for cell in cells for line in cell.splitlines()]
        if column.no_wrap:
            # Rich measures such a column by its longest word, yet lays it out whole.
            longest = max((cell_len(typeset(line)) for line in lines), default=0)
        else:
            longest = max((longest_word(line) for line in lines), default=0)
            column.overflow = "fold"
        column.min_width = max(column.min_width or 0, longest)
    return table


def _text(cell: object) -> Text:
    if isinstance(cell, Text):
        return cell.copy()
    return Text(_plain(cell))


class Stacked:
    """The rows of a table as a list, for a terminal too narrow for its columns.

    The first ``head`` cells of a row make its first line; the others follow,
    indented, joined by « · » and wrapped between words, each as
    « Colonne : valeur » when ``labelled`` (numbers need their column's name),
    alone otherwise (dates and names say what they are).
    """

    def __init__(
        self, table: Table, *, head: int = 1, labelled: bool = True, joined: bool = True
    ) -> None:
        self.table = table
        self.head = head
        self.labelled = labelled
        self.joined = joined

    def _rows(self) -> list[list[object]]:
        columns = self.table.columns
        count = max((len(column._cells) for column in columns), default=0)
        return [
            [column._cells[index] if index < len(column._cells) else "" for column in columns]
            for index in range(count)
        ]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        headers = [_plain(column.header).replace("\n", " ") for column in self.table.columns]
        for row in self._rows():
            lead = _plain(row[0])
            depth = len(lead) - len(lead.lstrip(" "))
            first = [_text(cell) for cell in row[: self.head] if _plain(cell).strip()]
            if first:
                first[0] = first[0][depth:]
            rest: list[Text] = []
            for header, cell in zip(headers[self.head :], row[self.head :], strict=True):
                value = _text(cell)
                if not value.plain.strip():
                    continue
                # Lines of a cell: a year alone goes back to its date, others are listed.
                plain = _YEAR_LINE.sub(r" \1", value.plain).replace("\n", ", ")
                value.plain = plain.replace(":,", ":")
                # A label is held to its value by a non-breaking space.
                label = f"{header}\u00a0:\u00a0"
                rest.append(Text.assemble(label, value) if self.labelled else value)
            yield Wrapped(Text("  ").join(first), indent=depth, hanging=2)
            if rest and self.joined:
                # The separator ends a line rather than start the next one.
                yield Wrapped(Text("\u00a0· ").join(rest), indent=depth + 2, hanging=2)
            else:
                for field in rest:
                    yield Wrapped(field, indent=depth + 2, hanging=2)


class FirstThatFits:
    """The first of several layouts whose narrowest rendering fits the width, else the last."""

    def __init__(self, *layouts: RenderableType) -> None:
        self.layouts = layouts

    def choose(self, console: Console, width: int) -> RenderableType:
        """The layout shown at ``width`` columns."""
        options = console.options.update_width(_UNBOUNDED)
        for layout in self.layouts[:-1]:
            if Measurement.get(console, options, layout).minimum <= width:
                return layout
        return self.layouts[-1]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self.choose(console, options.max_width)


def _spaced(table: Table, gap: int) -> Table:
    """A copy of ``table`` with ``gap`` spaces of padding between columns, no title.

    Padding is never collapsed: Rich then measures a table narrower than it
    lays it out, and crops its last column.
    """
    import copy

    spaced = copy.copy(table)
    spaced.collapse_padding = False
    spaced.pad_edge = False
    spaced.padding = (0, (gap + 1) // 2, 0, gap // 2)
    spaced.title = spaced.caption = None
    return spaced


def _widest_line(cells: list[str]) -> int:
    from inet_stages.text.frtypo import typeset

    return max((cell_len(typeset(line)) for cell in cells for line in cell.splitlines()), default=0)


def share(minimums: list[int], maximums: list[int], room: int) -> list[int]:
    """Column widths between their minimum and maximum, within ``room`` cells if possible.

    Each column gets its minimum, then the room left is shared in proportion
    to what each still lacks. Rich's own sharing narrows the widest column
    first, below its longest word if need be; this never goes below a minimum.
    """
    widths = list(minimums)
    spare = room - sum(widths)
    lacking = [high - low for low, high in zip(minimums, maximums, strict=True)]
    total = sum(lacking)
    if spare <= 0 or total == 0:
        return widths
    if spare >= total:
        return list(maximums)
    for index, lack in enumerate(lacking):
        widths[index] += lack * spare // total
    left = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: lacking[i], reverse=True):
        if left <= 0:
            break
        if widths[index] < maximums[index]:
            widths[index] += 1
            left -= 1
    return widths


class FittedTable:
    """A table laid out by :func:`share`: every column at least as wide as its longest word."""

    def __init__(self, table: Table, gap: int) -> None:
        self.table = _spaced(table, gap)
        self.gap = gap
        columns = self.table.columns
        self.minimums = [column.min_width or 0 for column in columns]
        self.maximums = [
            max(low, _widest_line([_plain(c.header), *(_plain(x) for x in c._cells)]))
            for low, c in zip(self.minimums, columns, strict=True)
        ]
        # Padding after every column but the last, and the box's separators.
        self.fixed = gap * (len(columns) - 1) + self.table._extra_width

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(sum(self.minimums) + self.fixed, sum(self.maximums) + self.fixed)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        import copy
        from dataclasses import replace

        widths = share(self.minimums, self.maximums, options.max_width - self.fixed)
        table = copy.copy(self.table)
        table.columns = [
            replace(column, width=width)
            for column, width in zip(self.table.columns, widths, strict=True)
        ]
        yield table


def fitted(
    table: Table,
    *,
    head: int = 1,
    labelled: bool = True,
    joined: bool = True,
    gaps: tuple[int, ...] = (2, 1, 0),
) -> RenderableType:
    """``table`` with whole words, tighter if needed, or its rows as a list where it cannot fit.

    Columns parted by the box's separator and ``gaps`` spaces, the first that
    fits (two, else one, else none), else :class:`Stacked` (``head``,
    ``labelled``, ``joined``: see there). The title and caption wrap between
    words, above and below, whichever layout is shown.
    """
    protect_words(table)
    parts: list[RenderableType] = []
    if table.title:
        parts.append(Wrapped(table.title))
    parts.append(
        FirstThatFits(
            *(FittedTable(table, gap) for gap in gaps),
            Stacked(table, head=head, labelled=labelled, joined=joined),
        )
    )
    if table.caption:
        parts.append(Wrapped(table.caption))
    return Group(*parts)


def wrapped_lines(text: str | Text) -> Group:
    """Each line of ``text`` wrapped between words; a list item's continuation indented two more.

    For lists written one item a line (« - fichier.toml : raison »,
    « ␣␣Ville de Mulhouse, Camille Martin <…> »): a wrapped item stays
    readable as one, and a file name is never cut. A sentence (a line that is
    neither indented nor a « - » item) wraps flush.
    """
    lines = text.split("\n", allow_blank=True) if isinstance(text, Text) else text.split("\n")
    parts = []
    for line in lines:
        plain = line.plain if isinstance(line, Text) else line
        body = plain.lstrip(" ")
        indent = len(plain) - len(body)
        item = indent > 0 or body.startswith("- ")
        parts.append(Wrapped(line[indent:], indent=indent, hanging=2 if item else 0))
    return Group(*parts)


def reflow(text: Text) -> Text:
    """Hard-wrapped text (a docstring) rejoined: consecutive lines of one indent make one line.

    Wrapped again at the terminal's width (:func:`wrapped_lines`), a paragraph
    then breaks where the width says, not where its source was cut.
    """
    joined: list[Text] = []
    previous = -1
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        indent = len(plain) - len(plain.lstrip(" "))
        if plain.strip() and joined and joined[-1].plain.strip() and indent == previous:
            joined[-1] = Text.assemble(joined[-1], " ", line[indent:])
        else:
            joined.append(line)
        previous = indent if plain.strip() else -1
    return Text("\n").join(joined)
