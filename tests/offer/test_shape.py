"""The pydantic-free shape of an offer agrees with the pydantic model it stands in for.

:func:`inet_stages.offer.shape.conforms` lets the reader skip pydantic for
well-formed documents: it must never accept a document the model refuses.
"""

from __future__ import annotations

import copy
import subprocess
import sys
from datetime import date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from inet_stages.offer.schema import MAX_POPULATION, TABLES, OfferFile
from inet_stages.offer.shape import FIELDS, SHAPE, conforms

GOOD: dict[str, Any] = {
    "offer": {
        "internship": "thematique",
        "tracks": ["administrateurs"],
        "title": "Diagnostic",
        "description": "Une mission.",
        "submitted": date(2026, 1, 10),
        "start": "2026-02-02",
        "promotion": "2026-2027",
    },
    "host": {"name": "Ville de Colmar", "kind": "commune", "population": 67_000},
    "tutor": {"name": "Camille Roux", "position": "DGS", "email": "c.roux@colmar.fr"},
}


def _model_accepts(data: dict[str, Any]) -> bool:
    try:
        OfferFile.model_validate(data)
    except ValidationError:
        return False
    return True


def test_same_tables_keys_and_order_as_the_model() -> None:
    assert list(FIELDS) == list(TABLES)
    for table, model in TABLES.items():
        assert FIELDS[table] == tuple(model.model_fields), table
        for key, field in model.model_fields.items():
            assert SHAPE[table][key][1] == field.is_required(), (table, key)


def test_text_limits_are_the_models() -> None:
    for table, keys in SHAPE.items():
        for key, (kind, _, longest) in keys.items():
            if kind not in ("text", "texts"):
                continue
            data = copy.deepcopy(GOOD)
            data.setdefault(table, {})
            if table == "collective_project":
                continue
            at_limit = "x" * longest
            over = "x" * (longest + 1)
            data[table][key] = [at_limit] if kind == "texts" else at_limit
            assert conforms(data) and _model_accepts(data), (table, key)
            data[table][key] = [over] if kind == "texts" else over
            assert not conforms(data) and not _model_accepts(data), (table, key)


SPACES = [chr(c) for c in range(0x3000 + 1) if chr(c).isspace() or c in (0x180E, 0x200B, 0xFEFF)]

MUTATIONS: list[tuple[str, str, object]] = (
    [
        ("offer", "title", ""),
        ("offer", "title", "   "),
        ("offer", "title", 3),
        ("offer", "tracks", []),
        ("offer", "tracks", ["a"] * 11),
        ("offer", "tracks", ["a"] * 10),
        ("offer", "tracks", "administrateurs"),
        ("offer", "tracks", [1]),
        ("offer", "submitted", "10/01/2026"),
        ("offer", "submitted", "2026-02-30"),
        ("offer", "submitted", datetime(2026, 1, 10, 9, 0)),
        ("offer", "submitted", 20260110),
        ("offer", "end", "2026-03-01"),
        ("offer", "unknown", "x"),
        ("host", "population", 0),
        ("host", "population", MAX_POPULATION),
        ("host", "population", MAX_POPULATION + 1),
        ("host", "population", True),
        ("host", "population", 1.5),
        ("host", "city", "Colmar"),
        ("tutor", "phone", "03 88 15 53 69"),
        ("tutor", "email", None),
        ("collective_project", "fee_accepted", True),
        ("collective_project", "fee_accepted", 1),
        ("extra", "key", "x"),
    ]
    + [("offer", "title", space) for space in SPACES]
    + [("offer", "title", "a" + s) for s in SPACES]
)


@pytest.mark.parametrize(("table", "key", "value"), MUTATIONS)
def test_never_accepts_what_the_model_refuses(table: str, key: str, value: object) -> None:
    data = copy.deepcopy(GOOD)
    data.setdefault(table, {})[key] = value
    if conforms(data):
        assert _model_accepts(data), data


@pytest.mark.parametrize("table", ["offer", "host", "tutor"])
def test_a_missing_table_or_key_is_left_to_the_model(table: str) -> None:
    data = copy.deepcopy(GOOD)
    del data[table]
    assert not conforms(data)
    data = copy.deepcopy(GOOD)
    first_required = next(k for k, spec in SHAPE[table].items() if spec[1])
    del data[table][first_required]
    assert not conforms(data)


def test_good_offer_conforms() -> None:
    assert conforms(GOOD) and _model_accepts(GOOD)


def test_checking_a_good_offer_does_not_import_pydantic(tmp_path: Any) -> None:
    """What a save hook runs: one good offer checked, pydantic never imported."""
    from tests.offer_factory import TODAY, offer_text

    path = tmp_path / "offre.toml"
    path.write_text(offer_text(), encoding="utf-8")
    code = (
        "import sys\n"
        "from inet_stages.cli import main\n"
        "try:\n"
        f"    main(['validate', '--today', {TODAY.isoformat()!r}, {str(path)!r}])\n"
        "except SystemExit as exit:\n"
        "    print(exit.code, 'pydantic' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stdout + done.stderr


def test_tutor_civility_is_read_in_its_usual_spellings() -> None:
    """``tutor.civility`` (optional): Madame, Monsieur, Mme, M.; anything else is an S002."""
    from inet_stages.calendar import load_calendar
    from inet_stages.offer.reader import read_text as read_offer_text
    from tests.offer_factory import offer_text

    calendar = load_calendar()
    for written, read in (("Madame", "Madame"), ("mme", "Madame"), ("M.", "Monsieur")):
        text = offer_text(tutor__civility=written)
        result = read_offer_text("o.toml", text, calendar)
        assert result.offer is not None and result.offer.tutor.civility == read
        assert not [f for f in result.findings if f.field == "tutor.civility"]
    result = read_offer_text("o.toml", offer_text(tutor__civility="Docteur"), calendar)
    assert [f.code for f in result.findings if f.field == "tutor.civility"] == ["S002"]
    assert result.offer is not None and result.offer.tutor.civility is None
