"""``export csv``: one row per window, UTF-8 with BOM, ``;`` by default."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar
from inet_stages.render.csv import COLUMNS, render_csv_many
from tests.conftest import Run, fr


def rows(data: bytes, delimiter: str = ";") -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter))


def test_thirteen_rows_with_the_calendar_values() -> None:
    calendar = load_calendar()
    data = render_csv_many([(calendar, calendar.tracks)], header="ids")
    found = rows(data)
    assert len(found) == 13
    assert tuple(found[0]) == COLUMNS
    assert found[0] == {
        "track": "administrateurs",
        "track_label": "Élèves administrateurs et administratrices territoriaux",
        "internship": "observation",
        "internship_label": "Stage d'observation",
        "start": "2026-03-30",
        "end": "2026-04-24",
        "weeks": "4",
        "offers_deadline": "2025-11-24",
        "alternatives": "",
        "calendar": "2026-2027",
    }
    observation = next(
        r for r in found if (r["track"], r["internship"]) == ("conservateurs", "observation")
    )
    assert observation["alternatives"] == "2026-03-30/2026-04-17 2026-03-31/2026-04-18"
    unpublished = [r for r in found if r["offers_deadline"] == ""]
    assert {r["internship"] for r in unpublished} == {
        "ouverture",
        "perfectionnement",
        "professionnalisation",
    }
    assert b"\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n") == 14


def test_stdout_default_separator(cli: Run) -> None:
    result = cli("export", "csv", "--header", "ids")
    assert result.exit_code == 0
    assert result.stdout.startswith("\ufefftrack;track_label;internship;")
    assert len(rows(result.stdout.encode("utf-8"))) == 13


@pytest.mark.parametrize(("option", "delimiter"), [(",", ","), ("tab", "\t"), ("|", "|")])
def test_separator_option(cli: Run, option: str, delimiter: str) -> None:
    result = cli("export", "csv", "--separator", option, "--track", "ingenieurs", "--header", "ids")
    assert result.exit_code == 0
    found = rows(result.stdout.encode("utf-8"), delimiter)
    assert [r["internship"] for r in found] == [
        "observation",
        "projet_collectif",
        "perfectionnement",
    ]
    # « Projets collectifs (inter-filières) » has no separator in it; a label
    # with a comma is quoted.
    assert result.stdout.splitlines()[0].count(delimiter) == len(COLUMNS) - 1


def test_bad_separator(cli: Run) -> None:
    result = cli("export", "csv", "--separator", "::")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert fr("--separator : « :: » n'est pas un séparateur accepté") in result.stderr


def test_formula_and_controls_are_neutralised(cli: Run, hostile_calendar: Path) -> None:
    result = cli("--calendar", str(hostile_calendar), "export", "csv", "--header", "ids")
    assert result.exit_code == 0, result.stderr
    found = rows(result.stdout.encode("utf-8"))
    labels = {r["track"]: r["track_label"] for r in found}
    assert labels["conservateurs"].startswith("'=HYPERLINK(")
    assert "\x1b" not in result.stdout


def test_writes_a_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "stages.csv"
    assert cli("export", "csv", "-o", str(target)).exit_code == 0
    assert len(rows(target.read_bytes())) == 13
    assert cli("export", "csv", "-o", str(target)).exit_code == 2
    assert cli("export", "csv", "-o", str(target), "--force", "-s", ",").exit_code == 0
    assert target.read_bytes().startswith("\ufeffFilière (code),".encode())


def test_french_headers_by_default(cli: Run) -> None:
    result = cli("export", "csv")
    assert result.exit_code == 0
    header = str(result.stdout).lstrip("\ufeff").splitlines()[0]
    assert header.startswith("Filière (code);Filière;Stage (code);Stage;Début;Fin;Semaines;")
    assert "track" not in header


def test_bad_header(cli: Run) -> None:
    result = cli("export", "csv", "--header", "en")
    assert result.exit_code == 2
    assert fr("--header : valeur « en » inconnue ; valeurs possibles : fr, ids") in result.stderr
