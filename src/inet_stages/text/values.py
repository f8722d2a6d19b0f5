"""How a value read from a file is named in a French message (« un texte », « une date »).

Shared by the calendar reader and the offer reader. A leaf: no project imports.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def brief(value: Any) -> str:
    """A short, safe rendering of any parsed value for a message.

    ``str()`` of a 5 000-digit integer raises in CPython, and a long text
    would flood the message: both are cut to a few characters.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 64:
        return "un nombre entier démesuré"
    text = str(value) if isinstance(value, int | float | str) else kind_of(value)
    return text if len(text) <= 40 else text[:37] + "..."


#: Most digits a count read from a cell may have (a population: 12 is a thousand times the
#: world's). Checked before ``int()``, which raises past 4 300 digits and is slow before.
MAX_DIGITS = 12


def bounded_int(digits: str) -> int | None:
    """``digits`` (only 0-9) as an int, or None past :data:`MAX_DIGITS` (leading zeros aside)."""
    significant = digits.lstrip("0")
    if len(significant) > MAX_DIGITS:
        return None
    return int(significant or "0")


#: TOML's kinds of value, with their article; bool before int, datetime before date
#: (each is a subclass of the next).
_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "un booléen"),
    (int, "un nombre entier"),
    (float, "un nombre décimal"),
    (str, "un texte"),
    (datetime, "une date avec heure"),
    (date, "une date"),
    (list, "une liste"),
    (dict, "une table"),
)


def kind_of(value: Any) -> str:
    """What sort of TOML value ``value`` is, with its article (« une date »)."""
    return next((name for kind, name in _KINDS if isinstance(value, kind)), "une heure")
