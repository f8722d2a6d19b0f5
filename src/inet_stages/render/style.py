"""The look of the tables, chosen by the project rather than left to Rich's defaults.

The box is written out here, character by character, so that what the golden
files and the documentation pin is the project's choice: a Rich upgrade that
redraws its own styles does not change a printed table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.box import Box

if TYPE_CHECKING:
    from rich.table import Table

#: Blank frame and one rule under the header (Rich's SIMPLE_HEAD, spelt out).
TABLE_BOX = Box(
    "    \n"  # top
    "    \n"  # header row
    " ── \n"  # under the header
    "    \n"  # between rows
    "    \n"  # row
    "    \n"  # above the footer
    "    \n"  # footer row
    "    \n"  # bottom
)


def new_table(**options: Any) -> Table:
    """A table in the project's style: :data:`TABLE_BOX`, no outer edge nor padding at the
    edges, the title on the left; ``options`` are Rich's, and may override these."""
    from rich.table import Table

    settings: dict[str, Any] = {
        "box": TABLE_BOX,
        "show_edge": False,
        "pad_edge": False,
        "title_justify": "left",
        **options,
    }
    return Table(**settings)
