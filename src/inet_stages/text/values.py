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


def kind_of(value: Any) -> str:
    """What sort of TOML value ``value`` is, with its article (« une date »)."""
    if isinstance(value, bool):
        return "un booléen"
    if isinstance(value, int):
        return "un nombre entier"
    if isinstance(value, float):
        return "un nombre décimal"
    if isinstance(value, str):
        return "un texte"
    if isinstance(value, datetime):
        return "une date avec heure"
    if isinstance(value, date):
        return "une date"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "une table"
    return "une heure"
