"""The reader never crashes, whatever a parsed TOML document holds."""

from __future__ import annotations

import copy
from datetime import date, datetime
from typing import Any

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.offer.reader import read_document
from inet_stages.rules import Context, check_offer
from tests.offer_factory import BASE, CALENDAR, TODAY

KEYS = st.sampled_from(
    [
        *BASE["offer"],
        *BASE["host"],
        *BASE["tutor"],
        "start",
        "end",
        "mission_kind",
        "fee_accepted",
        "popluation",
        "phone",
    ]
)
SCALARS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["observation", "projet_collectif", "conservateurs", "DGS", "a@b.fr"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=3),
    max_leaves=6,
)
TABLES = st.sampled_from(["offer", "host", "tutor", "collective_project", "hôte"])
DOCUMENTS = st.dictionaries(TABLES, st.dictionaries(KEYS, VALUES, max_size=8) | VALUES, max_size=5)


def _mutated(changes: list[tuple[str, str, Any]]) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    for table, key, value in changes:
        data.setdefault(table, {})[key] = value
    return data


# A valid offer with a few keys changed: the rules run on it, not only the reader.
MUTATED = st.lists(st.tuples(TABLES, KEYS, VALUES), min_size=1, max_size=3).map(_mutated)


@settings(max_examples=300, deadline=None)
@given(DOCUMENTS | MUTATED)
def test_any_document_gives_findings_not_exceptions(data: dict[str, Any]) -> None:
    text = tomli_w.dumps(data)
    result = read_document("offre.toml", text, data, CALENDAR)
    found = list(result.findings)
    assert result.offer is not None
    found.extend(check_offer(result.offer, Context(calendar=CALENDAR, today=TODAY)))
    for finding in found:
        assert finding.message
        assert finding.severity in ("error", "warning")
