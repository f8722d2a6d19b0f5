"""``calendar check``: loader errors and each warning rule, on small calendars."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.calendars import OBSERVATION, window, write
from tests.conftest import Run, fr


def codes(result_stdout: str) -> list[tuple[str, str | None]]:
    """(code, field) of every diagnostic of a JSON report."""
    document = json.loads(result_stdout)
    return [(d["code"], d["field"]) for d in document["diagnostics"]]


def test_clean_calendar_exits_0_with_a_summary(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, OBSERVATION)
    result = cli("calendar", "check", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(fr("(2026-2027) : 0 erreur, 0 avertissement — utilisable.\n"))


W = "internships.observation.windows.administrateurs"


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        # Saturday 25 April 2026.
        (window("observation", "2026-03-30", "2026-04-25", 4), [("C301", f"{W}.end")]),
        # Sunday 23 November 2025.
        (
            window("observation", "2026-03-30", "2026-04-24", 4, "2025-11-23"),
            [("C301", f"{W}.offers_deadline")],
        ),
        # Easter Monday 6 April 2026, a national holiday.
        (window("observation", "2026-04-06", "2026-04-24", 3), [("C302", f"{W}.start")]),
        # Good Friday 3 April 2026: a holiday in Alsace-Moselle only, which counts for a
        # deadline (offers are received in Strasbourg)...
        (
            window("observation", "2026-05-04", "2026-05-29", 4, "2026-02-27")
            + window("thematique", "2026-06-01", "2026-06-26", 4, "2026-04-03"),
            [("C302", "internships.thematique.windows.administrateurs.offers_deadline")],
        ),
        # ...but not for the end of a window.
        (window("observation", "2026-03-16", "2026-04-03", 3), []),
        # Deadline 4 weeks before the window: less than the default 8.
        (
            window("observation", "2026-03-30", "2026-04-24", 4, "2026-03-02"),
            [("C303", f"{W}.offers_deadline")],
        ),
        # Two windows of one track that overlap.
        (
            OBSERVATION + window("thematique", "2026-04-20", "2026-05-29", 6),
            [("C304", "internships.thematique.windows.administrateurs")],
        ),
    ],
)
def test_each_warning_rule(
    cli: Run, tmp_path: Path, snippet: str, expected: list[tuple[str, str]]
) -> None:
    path = write(tmp_path, snippet)
    result = cli("calendar", "check", str(path), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert codes(result.stdout) == expected


def test_alsace_holiday_is_named(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, window("observation", "2026-06-01", "2026-06-26", 4, "2026-04-03"))
    result = cli("calendar", "check", str(path))
    assert "jour férié en Alsace-Moselle" in result.stdout
    assert "Vendredi saint" in result.stdout
    assert fr("Jour ouvré le plus proche : jeu. 2 avril 2026.") in result.stdout


def test_min_notice_weeks_is_configurable(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, window("observation", "2026-03-30", "2026-04-24", 4, "2026-03-02"))
    assert codes(cli("calendar", "check", str(path), "-f", "json").stdout) == [
        ("C303", f"{W}.offers_deadline")
    ]
    relaxed = cli("calendar", "check", str(path), "-f", "json", "--min-notice-weeks", "4")
    assert codes(relaxed.stdout) == []


def test_previous_names_a_lost_internship(cli: Run, tmp_path: Path) -> None:
    before = write(
        tmp_path,
        OBSERVATION,
        window("thematique", "2026-05-26", "2026-07-10", 7),
        name="old.toml",
    )
    now = write(tmp_path, OBSERVATION, name="new.toml")
    result = cli("calendar", "check", str(now), "--previous", str(before))
    assert result.exit_code == 0
    assert (
        fr("C305 (avertissement) la filière administrateurs avait le stage « Stage thématique »")
        in result.stdout
    )
    without = cli("calendar", "check", str(now))
    assert "C305" not in without.stdout


def test_loader_errors_have_lines_and_exit_1(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, window("observation", "2026-03-30", "2026-04-24", 4, "2026-04-01"))
    result = cli("calendar", "check", str(path))
    assert result.exit_code == 1
    assert f"{path}:17: C202 (erreur) la date limite de dépôt" in result.stdout
    assert "1 erreur, 0 avertissement — inutilisable en l'état." in result.stdout


def test_strict_fails_on_a_warning(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, window("observation", "2026-03-30", "2026-04-25", 4))
    assert cli("calendar", "check", str(path)).exit_code == 0
    assert cli("calendar", "check", str(path), "--strict").exit_code == 1


def test_not_toml_is_a_finding_with_line_and_column(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('school_year = "2026-2027"\nformat = = 1\n', encoding="utf-8")
    result = cli("calendar", "check", str(path), "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["diagnostics"][0]["code"] == "C100"
    assert document["diagnostics"][0]["line"] == 2
    assert "colonne" in document["diagnostics"][0]["message"]


def test_missing_file_is_a_usage_error(cli: Run, tmp_path: Path) -> None:
    result = cli("calendar", "check", str(tmp_path / "absent.toml"))
    assert result.exit_code == 2
    assert "fichier introuvable" in result.stderr


def test_draft_is_announced(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, OBSERVATION, draft=True)
    result = cli("calendar", "check", str(path))
    assert result.stdout.startswith(fr("Note : ce calendrier est un brouillon (draft = true)"))
    assert json.loads(cli("calendar", "check", str(path), "-f", "json").stdout)["draft"] is True


def test_json_shape(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, window("observation", "2026-03-30", "2026-04-25", 4))
    document = json.loads(cli("calendar", "check", str(path), "--format", "json").stdout)
    assert document["version"] == 1
    assert document["calendar"] == "2026-2027"
    assert document["path"] == str(path)
    assert document["summary"] == {"valid": True, "errors": 0, "warnings": 1}
    assert set(document["diagnostics"][0]) == {"code", "severity", "field", "line", "message"}
    assert document["diagnostics"][0]["severity"] == "warning"


def test_packaged_calendar_has_one_warning(cli: Run) -> None:
    # The brochure's « au 17 ou 18 avril 2026 »: the window ends on a Saturday.
    result = cli("calendar", "check", "--format", "json")
    assert result.exit_code == 0
    assert codes(result.stdout) == [("C301", "internships.observation.windows.conservateurs.end")]


def test_default_file_is_the_calendar_in_use(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path, OBSERVATION, year="2030-2031")
    result = cli("--calendar", str(path), "calendar", "check")
    assert result.exit_code == 0
    assert result.stdout.startswith(fr(f"{path} (2030-2031) : 0 erreur"))
    # The calendar in use may be broken: check reports it instead of refusing it.
    path.write_text('school_year = "2030-2031"\n', encoding="utf-8")
    broken = cli("--calendar", str(path), "calendar", "check")
    assert broken.exit_code == 1
    assert "C101" in broken.stdout


def test_calendar_table_still_works(cli: Run) -> None:
    result = cli("calendar", "--track", "ingenieurs", "--today", "2026-11-28")
    assert result.exit_code == 0
    assert "Perfectionnement" in result.stdout
    assert result.stderr == ""
