"""The offer format's shape without pydantic: the tables, their keys, the limits, a quick check.

The pydantic model of :mod:`inet_stages.offer.schema` is the authority on the
format (it words every error, and makes the JSON Schema), but importing
pydantic and building the model costs more than checking a thousand offers:
a save hook that checks one offer would pay it every time. :func:`conforms`
answers, in plain Python, whether a parsed document certainly passes the
model; only when it cannot say so does the reader import pydantic to learn
what is wrong. It errs on the side of « not sure »: a document it accepts is
one the model accepts (``tests/offer/test_shape.py`` holds the two to
agreement, keys, limits and verdicts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

#: Largest population accepted (France's largest collectivité is far below).
MAX_POPULATION = 100_000_000

#: Structure errors detailed per file; beyond, one S007 counts the rest (a file
#: of thousands of unknown tables is not an offer, and its report must stay
#: readable and fast).
MAX_DETAILED = 50

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# One key of a table: (kind, required, longest text). Kinds: "text" (a string
# with a non-space character), "texts" (a list of 1 to 10 of them), "day" (a
# TOML date or a quoted ISO date), "population", "flag" (true or false).
_Key = tuple[str, bool, int]

#: Every table and its keys, in the model's order (the reader lists them so).
SHAPE: dict[str, dict[str, _Key]] = {
    "offer": {
        "internship": ("text", True, 60),
        "tracks": ("texts", False, 60),
        "title": ("text", True, 300),
        "description": ("text", True, 20_000),
        "submitted": ("day", True, 0),
        "start": ("day", False, 0),
        "end": ("day", False, 0),
        "promotion": ("text", False, 20),
        "mission_kind": ("text", False, 60),
    },
    "host": {
        "name": ("text", True, 300),
        "kind": ("text", True, 60),
        "population": ("population", False, 0),
        "city": ("text", False, 200),
    },
    "tutor": {
        "name": ("text", True, 300),
        "civility": ("text", False, 20),
        "position": ("text", True, 300),
        "email": ("text", True, 320),
        "phone": ("text", False, 40),
    },
    "collective_project": {
        "fee_accepted": ("flag", True, 0),
    },
}

#: The tables an offer must have.
REQUIRED_TABLES = ("offer", "host", "tutor")

#: Each table's keys, in order.
FIELDS: dict[str, tuple[str, ...]] = {table: tuple(keys) for table, keys in SHAPE.items()}

#: Most items in ``tracks``.
MAX_TRACKS = 10


def iso_date(value: object) -> object:
    """A quoted ISO date (``"2026-02-10"``) as a date; any other value unchanged."""
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _text(value: object, longest: int) -> bool:
    # str.isspace holds for every character the model's « \S » calls space,
    # and a few more: a text this accepts, the model accepts.
    return type(value) is str and len(value) <= longest and not value.isspace() and value != ""


def _value(kind: str, value: object, longest: int) -> bool:
    if kind == "text":
        return _text(value, longest)
    if kind == "texts":
        return (
            type(value) is list
            and 1 <= len(value) <= MAX_TRACKS
            and all(_text(item, longest) for item in value)
        )
    if kind == "day":
        if type(value) is date:
            return True
        return isinstance(iso_date(value), date) and not isinstance(value, datetime)
    if kind == "population":
        return type(value) is int and 1 <= value <= MAX_POPULATION
    return type(value) is bool  # "flag"


def conforms(data: Mapping[str, Any]) -> bool:
    """True when ``data`` certainly passes the offer model; False when the model must say."""
    if not all(table in data for table in REQUIRED_TABLES):
        return False
    for table, content in data.items():
        keys = SHAPE.get(table)
        if keys is None or type(content) is not dict:
            return False
        for key, (kind, required, longest) in keys.items():
            if key in content:
                if not _value(kind, content[key], longest):
                    return False
            elif required:
                return False
        if len(content) > len(keys) or any(key not in keys for key in content):
            return False
    return True
