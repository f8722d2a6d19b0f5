"""``inet-stages validate`` on examples/: text and JSON outputs pinned by golden files."""

from __future__ import annotations

import json
import os

import pytest

from tests.conftest import REPO, TESTS, Run

GOLDEN = TESTS / "golden"
UPDATE = os.environ.get("INET_STAGES_UPDATE_GOLDEN") == "1"


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/NAME (rewrite it with INET_STAGES_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


@pytest.mark.usefixtures("in_repo")
def test_examples_text_golden(cli: Run) -> None:
    result = cli("validate", "examples", "--today", "2026-11-28")
    assert result.exit_code == 1
    assert result.stderr == ""
    golden("validate_examples.txt", result.stdout)


@pytest.mark.usefixtures("in_repo")
def test_examples_json_golden(cli: Run) -> None:
    result = cli("validate", "examples", "--today", "2026-11-28", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["summary"] == {
        "files": 6,
        "valid": 4,
        "invalid": 2,
        "errors": 7,
        "warnings": 3,
        "accepted": 0,
    }
    assert next(f["path"] for f in document["files"]) == "examples/colmar-thematique.toml"
    assert result.stdout.count("\n") == 1  # piped: one compact line
    # The golden file is indented for the reader; the content is pinned whole.
    golden("validate_examples.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")
