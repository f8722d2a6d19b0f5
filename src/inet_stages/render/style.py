"""The look of the tables, chosen by the project rather than left to Rich's defaults.

The box is written out here, character by character, so that what the golden
files and the documentation pin is the project's choice: a Rich upgrade that
redraws its own styles does not change a printed table.
"""

from __future__ import annotations

from rich.box import Box

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
