"""Choosing a calendar by school year, or the one whose schooling covers --today."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inet_stages.calendar.files import year_of_name
from inet_stages.calendar.model import parse_school_year
from tests.calendars import OBSERVATION, window, write
from tests.conftest import Run, fr


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The coordinator's folder, holding a 2027-2028 calendar."""
    folder = tmp_path / "home"
    folder.mkdir()
    write(
        folder,
        window("observation", "2027-03-29", "2027-04-23", 4, "2026-11-23"),
        name="calendar_2027_28.toml",
        year="2027-2028",
        school=("2027-02-01", "2028-07-31"),
    )
    return folder


def test_year_names() -> None:
    assert parse_school_year("2027-2028") == 2027
    assert parse_school_year("2027-2029") is None
    assert year_of_name("calendar_2027_28.toml") == "2027-2028"
    assert year_of_name("calendar_2027-2028.toml") == "2027-2028"
    assert year_of_name("calendar_2027_29.toml") is None


def calendar_year(cli: Run, *args: str) -> tuple[str, str]:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["calendar"], result.stderr


def test_calendar_by_year(
    cli: Run, monkeypatch: pytest.MonkeyPatch, home: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    year, notice = calendar_year(
        cli, "--calendar", "2027-2028", "calendar", "--today", "2026-11-28"
    )
    assert year == "2027-2028"
    assert fr(f"Calendrier 2027-2028 : {home / 'calendar_2027_28.toml'}") in notice
    year, notice = calendar_year(
        cli, "--calendar", "2026-2027", "calendar", "--today", "2028-01-01"
    )
    assert (year, notice) == ("2026-2027", "")


def test_unknown_year_lists_what_exists(
    cli: Run, monkeypatch: pytest.MonkeyPatch, home: Path
) -> None:
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    result = cli("--calendar", "2031-2032", "calendar")
    assert result.exit_code == 2
    assert "aucun calendrier de cette année scolaire" in result.stderr
    assert "2026-2027, 2027-2028" in result.stderr


@pytest.mark.parametrize(
    ("today", "expected", "notice"),
    [
        ("2026-11-28", "2026-2027", ""),
        # Both in progress (18-month schooling): both shown, the older one named first.
        ("2027-03-01", "2026-2027", ""),
        (
            "2027-12-01",
            "2027-2028",
            "Calendrier 2027-2028 pris (promotion en cours le 2027-12-01)",
        ),
        ("2025-06-01", "2026-2027", ""),
        # Nothing covers 2029 and nothing follows: the packaged default.
        ("2029-01-01", "2026-2027", ""),
    ],
)
def test_calendar_for_today(
    cli: Run,
    monkeypatch: pytest.MonkeyPatch,
    home: Path,
    today: str,
    expected: str,
    notice: str,
) -> None:
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    year, stderr = calendar_year(cli, "calendar", "--today", today)
    assert year == expected
    assert notice in stderr
    if not notice:
        assert stderr == ""


def test_next_calendar_when_none_covers(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write(
        tmp_path,
        window("observation", "2029-03-26", "2029-04-20", 4),
        name="calendar_2029_30.toml",
        year="2029-2030",
        school=("2029-02-01", "2030-07-31"),
    )
    monkeypatch.setenv("INET_STAGES_HOME", str(tmp_path))
    year, stderr = calendar_year(cli, "calendar", "--today", "2028-06-01")
    assert year == "2029-2030"
    assert "pris (le prochain après le 2028-06-01)" in stderr


def test_broken_file_in_folder_is_skipped_with_a_notice(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "calendar_2027_28.toml").write_text("school_year = \n", encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(tmp_path))
    year, stderr = calendar_year(cli, "calendar", "--today", "2027-12-01")
    assert year == "2026-2027"
    assert "Calendrier ignoré" in stderr
    # Asked for by year, the broken file is named with its error.
    result = cli("--calendar", "2027-2028", "calendar")
    assert result.exit_code == 2
    assert "calendar_2027_28.toml:1" in result.stderr


def test_a_path_still_works(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, OBSERVATION, year="2030-2031")
    year, _ = calendar_year(cli, "--calendar", str(path), "calendar")
    assert year == "2030-2031"


@pytest.mark.parametrize(
    "args",
    [
        ("template", "observation"),
        ("export", "ics"),
        ("export", "html"),
        ("export", "csv"),
    ],
)
def test_today_chooses_the_calendar_of_every_command(
    cli: Run, monkeypatch: pytest.MonkeyPatch, home: Path, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    result = cli(*args, "--today", "2027-11-28")
    assert result.exit_code == 0, result.stderr
    # template takes the calendar whose schooling covers the date; the exports show
    # every promotion in progress, here 2027-2028 alone.
    assert any(
        f"Calendrier 2027-2028 pris ({why} le 2027-11-28)" in result.stderr
        for why in ("sa scolarité couvre", "promotion en cours")
    )
    assert "2027" in result.stdout
    result = cli(*args, "--today", "2026-11-28")
    assert result.exit_code == 0, result.stderr
    assert "Calendrier 2027-2028" not in result.stderr
