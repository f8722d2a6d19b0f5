"""``inet-stages calendar``: tables, timeline and JSON, at 80 columns without colour."""

from __future__ import annotations

import json

import pytest

from tests.brochure import WINDOWS
from tests.conftest import Run, fr


def test_ingenieurs_three_windows(cli: Run) -> None:
    result = cli("calendar", "--track", "ingenieurs", "--today", "2026-11-28")
    assert result.exit_code == 0
    out = result.stdout
    assert "Élèves ingénieurs et ingénieurs en chef territoriaux" in out
    assert fr("lun. 1er juin 2026") in out and fr("ven. 19 juin 2026") in out
    assert fr("lun. 12 oct. 2026") in out and fr("ven. 18 déc. 2026") in out
    assert fr("lun. 1er févr. 2027") in out and fr("ven. 19 mars 2027") in out
    assert "Administrateurs" not in out
    assert "Thématique" not in out


def test_status_relative_to_today(cli: Run) -> None:
    out = cli("calendar", "--track", "ingenieurs", "--today", "2026-11-28").stdout
    rows = {line.split()[0]: line for line in out.splitlines() if line[:1].isalpha()}
    assert rows["Observation"].rstrip().endswith("passé")
    assert rows["Projets"].rstrip().endswith("en cours")
    assert rows["Perfectionnement"].rstrip().endswith("à venir")


@pytest.mark.parametrize("fmt", ["table", "timeline"])
def test_fits_80_columns_without_colour(cli: Run, fmt: str) -> None:
    result = cli("calendar", "--format", fmt, "--today", "2026-11-28")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout


def test_table_never_cuts_an_internship_name(cli: Run) -> None:
    # « Professionnalisation » is one word: at 80 columns the deadline wraps, not it.
    result = cli("calendar", "--today", "2026-11-28")
    rows = [line for line in result.stdout.splitlines() if line.startswith("Professionnal")]
    assert len(rows) == 2
    assert all(row.startswith("Professionnalisation ") for row in rows)
    assert all(row.rstrip().endswith("à venir") for row in rows)
    assert "Professionnalis…" not in result.stdout


def test_table_shows_every_window_and_deadline(cli: Run) -> None:
    out = cli("calendar", "--today", "2026-11-28").stdout
    assert out.count("non publiée") == 5  # ouverture ×2, perfectionnement, professionnalisation ×2
    # At 80 columns a deadline may put its date on the line after its weekday,
    # never its year away from its month (non-breaking spaces).
    assert out.count(fr("19 juin 2026")) == 4  # projets collectifs ×3 + ingénieurs' observation end
    assert fr("24 nov. 2025") in out
    assert fr("11 semaines") in out and fr("13 semaines") in out


def test_timeline_has_a_bar_per_internship_and_track(cli: Run) -> None:
    out = cli("calendar", "--format", "timeline", "--today", "2026-11-28").stdout
    bars = [line for line in out.splitlines() if "█" in line and line.startswith("  ")]
    assert len(bars) == len(WINDOWS)
    assert " F  M  A  M  J  J  A  S  O  N  D  J  F  M  A  M  J  J" in out
    assert "2026" in out and "2027" in out
    assert "▼ aujourd'hui" in out
    # Projets collectifs: mid-October to mid-December, three months of the grid.
    projets = next(line for line in bars if "Projets collectifs" in line)
    assert projets.count("█") == 7


def test_json_shape(cli: Run) -> None:
    result = cli("calendar", "--format", "json", "--track", "ingénieurs", "--today", "2026-11-28")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["calendar"] == "2026-2027"
    (track,) = doc["tracks"]
    assert track["id"] == "ingenieurs"
    assert track["schooling"] == {"start": "2026-04-01", "end": "2027-03-31"}
    assert track["windows"][0] == {
        "internship": "observation",
        "label": "Stage d'observation",
        "start": "2026-06-01",
        "end": "2026-06-19",
        "weeks": 3,
        "offers_deadline": "2026-01-30",
        "alternatives": [],
        "status": "past",
        "calendar": "2026-2027",
    }
    assert [w["internship"] for w in track["windows"]] == [
        "observation",
        "projet_collectif",
        "perfectionnement",
    ]
    assert track["windows"][2]["offers_deadline"] is None


def test_json_alternatives(cli: Run) -> None:
    doc = json.loads(cli("calendar", "-f", "json", "-t", "Conservateurs").stdout)
    observation = doc["tracks"][0]["windows"][0]
    assert observation["alternatives"] == [
        {"start": "2026-03-30", "end": "2026-04-17"},
        {"start": "2026-03-31", "end": "2026-04-18"},
    ]


def test_json_lists_every_track_and_window(cli: Run) -> None:
    doc = json.loads(cli("calendar", "--format", "json").stdout)
    found = {(t["id"], w["internship"]) for t in doc["tracks"] for w in t["windows"]}
    assert found == set(WINDOWS)


@pytest.mark.parametrize("spelling", ["Ingénieurs", "INGENIEUR", "ingenieurs", "ing"])
def test_forgiving_track_spellings(cli: Run, spelling: str) -> None:
    result = cli("calendar", "--track", spelling, "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["tracks"][0]["id"] == "ingenieurs"


def test_unknown_track_lists_the_three(cli: Run) -> None:
    result = cli("calendar", "--track", "pompiers")
    assert result.exit_code == 2
    assert "administrateurs, conservateurs, ingenieurs" in result.stderr
    assert result.stdout == ""


def test_close_track_is_suggested(cli: Run) -> None:
    result = cli("calendar", "--track", "conservatuers")
    assert result.exit_code == 2
    assert fr("Vouliez-vous dire « conservateurs »") in result.stderr


def test_patrimoine_is_the_inp(cli: Run) -> None:
    result = cli("calendar", "--track", "conservateurs du patrimoine")
    assert result.exit_code == 2
    assert "INP" in result.stderr


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--format", "xml"), "--format"),
        (("--today", "31/11/2026"), "JJ/MM/AAAA"),
        (("--today", "11-28-26"), "AAAA-MM-JJ"),
        (("--today", "2026-02-30"), "AAAA-MM-JJ"),
    ],
)
def test_bad_options_exit_2(cli: Run, args: tuple[str, ...], needle: str) -> None:
    result = cli("calendar", *args)
    assert result.exit_code == 2
    assert fr(needle) in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("typed", ["28/11/2026", "28.11.2026", "28-11-2026", " 28/11/2026 "])
def test_today_in_french_order_is_understood_and_said(cli: Run, typed: str) -> None:
    french = cli("calendar", "--format", "json", "--today", typed)
    iso = cli("calendar", "--format", "json", "--today", "2026-11-28")
    assert french.exit_code == 0, french.stderr
    assert json.loads(french.stdout) == json.loads(iso.stdout)
    assert fr("compris comme le sam. 28 novembre 2026 (2026-11-28)") in french.stderr
    assert iso.stderr == ""


@pytest.mark.parametrize("columns", ["60", "70"])
def test_narrow_terminal_keeps_the_deadline_whole(
    cli: Run, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    out = cli("calendar", "--track", "admin", "--today", "2026-11-28").stdout
    assert "Date limite" in out and "de dépôt" in out
    for deadline in ("lun. 24 nov.", "lun. 16 févr.", "ven. 19 juin"):
        assert fr(deadline) in out
    assert "…" not in out.replace("Du … au …", "")
    for status in ("passé", "en cours", "à venir"):
        assert fr(status) in out
    assert max(len(line) for line in out.splitlines()) <= int(columns)
