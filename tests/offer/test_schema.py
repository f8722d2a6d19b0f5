"""``inet-stages schema offer``: the JSON Schema of offers, from the model, in French."""

from __future__ import annotations

import json
from pathlib import Path

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
