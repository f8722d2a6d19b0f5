"""CSV cells that start with spaces, then a formula character, are neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from inet_stages.calendar import packaged_path
from tests.conftest import Run
from tests.offer_factory import offer_text


def _rows(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.lstrip("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("lead", [" ", "\u00a0", "\u202f", "  \u00a0"])
def test_export_csv_leading_space_then_formula(cli: Run, tmp_path: Path, lead: str) -> None:
    text = packaged_path().read_text(encoding="utf-8")
    old = 'label = "Élèves conservateurs et conservatrices territoriaux de bibliothèques"'
    assert old in text
    text = text.replace(old, f'label = "{lead}=HYPERLINK(\\"http://example.invalid\\")"')
    calendar = tmp_path / "cal.toml"
    calendar.write_text(text, encoding="utf-8")
    result = cli("--calendar", str(calendar), "export", "csv")
    assert result.exit_code == 0, result.stderr
    labels = {row[0]: row[1] for row in _rows(result.stdout)[1:]}
    assert labels["conservateurs"].startswith("'"), labels["conservateurs"]


def test_report_csv_leading_space_then_formula(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    text = offer_text().replace('name = "Ville de Colmar"', 'name = "\u00a0@SOMME(A1:A9)"')
    assert "@SOMME" in text
    (offers / "a.toml").write_text(text, encoding="utf-8")
    result = cli(
        "report", str(offers), "--today", "2026-01-20", "--format", "csv", "--header", "ids"
    )
    assert result.exit_code == 0, result.stderr
    rows = _rows(result.stdout)
    column = rows[0].index("hosts")
    hosts = [row[column] for row in rows[1:] if row[column]]
    assert hosts, result.stdout
    assert all(h.startswith("'") for h in hosts), hosts
