"""``inet-stages schema offer``: the JSON Schema of offers, from the model, in French."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Run


def test_schema_is_generated_from_the_model_in_french(cli: Run) -> None:
    result = cli("schema", "offer")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["required"] == ["offer", "host", "tutor"]
    host = schema["$defs"]["HostTable"]
    assert host["required"] == ["name", "kind"]
    assert host["additionalProperties"] is False
    assert "habitants" in host["properties"]["population"]["description"]
    assert "commune" in host["properties"]["kind"]["enum"]
    offer = schema["$defs"]["OfferTable"]["properties"]
    assert offer["submitted"] == {
        "description": "Date de dépôt de l'offre (AAAA-MM-JJ).",
        "format": "date",
        "type": "string",
    }
    # TOML has no null: optional keys are plain types, not anyOf [..., null].
    assert offer["start"]["type"] == "string"
    for definition in schema["$defs"].values():
        for prop in definition["properties"].values():
            assert prop["description"]


def test_examples_schema_is_up_to_date(cli: Run) -> None:
    shipped = (REPO / "examples" / "offer.schema.json").read_text(encoding="utf-8")
    assert cli("schema", "offer").stdout == shipped


def test_schema_output_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "offer.schema.json"
    assert cli("schema", "offer", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["$id"].endswith("offer-v1.schema.json")
    assert cli("schema", "offer", "-o", str(target)).exit_code == 2


def _document(name: str, edit: Callable[[dict[str, Any]], object] | None = None) -> Any:
    data = tomllib.loads((REPO / "examples" / name).read_text(encoding="utf-8"))
    if edit is not None:
        edit(data)
    # As an editor sees it: dates as strings (the JSON Schema has no date type).
    return json.loads(json.dumps(data, default=str))


@pytest.mark.parametrize(
    ("name", "edit", "valid"),
    [
        ("colmar-thematique.toml", None, True),
        ("strasbourg-projet-collectif.toml", None, True),
        # What validate requires of one internship and not the others (S001, P001, P003).
        ("colmar-thematique.toml", lambda d: d["offer"].pop("tracks"), False),
        ("strasbourg-projet-collectif.toml", lambda d: d["host"].pop("population"), False),
        ("strasbourg-projet-collectif.toml", lambda d: d.pop("collective_project"), False),
    ],
)
def test_the_schema_says_what_validate_says_of_the_examples(
    cli: Run, name: str, edit: Callable[[dict[str, Any]], object] | None, valid: bool
) -> None:
    import jsonschema

    schema = json.loads(cli("schema", "offer").stdout)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(_document(name, edit)))
    assert (errors == []) is valid, [e.message for e in errors]
