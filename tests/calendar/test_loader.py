"""A broken or inconsistent calendar is refused with the file, the line and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from inet_stages.calendar import CalendarError, load_calendar, packaged_path
from inet_stages.io.tomlsafe import TomlInputError
from tests.conftest import Run, fr

PACKAGED = packaged_path().read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str, *, count: int = 1) -> Path:
    """The packaged calendar with ``old`` replaced by ``new`` (which must occur)."""
    assert old in PACKAGED, old
    path = tmp_path / "calendrier.toml"
    path.write_text(PACKAGED.replace(old, new, count), encoding="utf-8")
    return path


ADM_OBSERVATION = "[internships.observation.windows.administrateurs]\nstart = 2026-03-30"

# (what is broken, old text, new text, expected code, expected key path)
BROKEN = [
    ("missing key", 'school_year = "2026-2027"\n', "", "C101", "school_year"),
    (
        "wrong type",
        "weeks = 4\n",
        'weeks = "quatre"\n',
        "C102",
        "internships.observation.windows.administrateurs.weeks",
    ),
    (
        "unknown key",
        "weeks = 4\n",
        "weeks = 4\nwekes = 4\n",
        "C103",
        "internships.observation.windows.administrateurs.wekes",
    ),
    (
        "bad date text",
        "start = 2026-03-30\nend = 2026-04-24",
        'start = "30/03/2026"\nend = 2026-04-24',
        "C102",
        "internships.observation.windows.administrateurs.start",
    ),
    ("unknown track", "[tracks.ingenieurs]", "[tracks.patrimoine]", "C104", "tracks.patrimoine"),
    (
        "unknown host policy",
        'hosts = "any"\nhost_',
        'hosts = "partout"\nhost_',
        "C104",
        "internships.ouverture.hosts",
    ),
    (
        "start after end",
        "start = 2026-03-30\nend = 2026-04-24",
        "start = 2026-04-30\nend = 2026-04-24",
        "C205",
        "internships.observation.windows.administrateurs",
    ),
    (
        "window outside schooling",
        "start = 2026-06-01\nend = 2026-06-19",
        "start = 2026-03-02\nend = 2026-03-20",
        "C201",
        "internships.observation.windows.ingenieurs",
    ),
    (
        "deadline on the start day",
        'offers_deadline = 2026-01-30\ntutor = "dgs"',
        'offers_deadline = 2026-06-01\ntutor = "dgs"',
        "C202",
        "internships.observation.windows.ingenieurs.offers_deadline",
    ),
    (
        "deadline after the start",
        "offers_deadline = 2026-02-16",
        "offers_deadline = 2026-06-01",
        "C202",
        "internships.thematique.windows.administrateurs.offers_deadline",
    ),
    (
        "more weeks than touched",
        "weeks = 4\noffers_deadline = 2025-11-24",
        "weeks = 5\noffers_deadline = 2025-11-24",
        "C203",
        "internships.observation.windows.administrateurs.weeks",
    ),
    (
        "alternative outside the window",
        "{ start = 2026-03-31, end = 2026-04-18 }",
        "{ start = 2026-03-31, end = 2026-04-19 }",
        "C204",
        "internships.observation.windows.conservateurs.alternatives[1]",
    ),
    (
        "track used but not declared",
        "[internships.perfectionnement.windows.ingenieurs]",
        "[internships.perfectionnement.windows.ingenieur]",
        "C206",
        "internships.perfectionnement.windows.ingenieur",
    ),
    (
        "internship not declared",
        "[internships.ouverture]\n",
        "[internships.decouverte]\n",
        "C104",
        "internships.decouverte",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "code", "field"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_broken_calendar_is_refused(
    tmp_path: Path, old: str, new: str, code: str, field: str
) -> None:
    path = variant(tmp_path, old, new)
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    found = {(p.code, p.field) for p in caught.value.problems}
    assert (code, field) in found


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    path = variant(tmp_path, "weeks = 4\n", "wekes = 4\n")
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    messages = " ".join(p.message for p in caught.value.problems)
    assert "« wekes »" in messages
    assert "Vouliez-vous dire « weeks »" in messages


def test_the_line_points_at_the_key(tmp_path: Path) -> None:
    path = variant(tmp_path, "weeks = 4\n", 'weeks = "quatre"\n')
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    (problem,) = caught.value.problems
    line = path.read_text(encoding="utf-8").splitlines()[(problem.line or 0) - 1]
    assert line == 'weeks = "quatre"'


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = variant(tmp_path, "weeks = 4\n", "weeks = = 4\n")
    with pytest.raises(TomlInputError) as caught:
        load_calendar(path)
    expected_line = PACKAGED.splitlines().index("weeks = 4") + 1
    assert caught.value.line == expected_line
    assert caught.value.column == 9


@pytest.mark.parametrize(
    ("old", "new", "code", "field"),
    [case[1:] for case in BROKEN],
    ids=[case[0] for case in BROKEN],
)
def test_cli_refuses_a_broken_calendar_with_exit_2(
    cli: Run, tmp_path: Path, old: str, new: str, code: str, field: str
) -> None:
    path = variant(tmp_path, old, new)
    result = cli("--calendar", str(path), "calendar")
    assert result.exit_code == 2
    assert fr(str(path)) in result.stderr
    assert fr(code) in result.stderr
    assert fr(field) in result.stderr
    assert result.stdout == ""


def test_cli_names_file_line_and_column_for_bad_toml(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_text('school_year = "2026-2027"\n[tracks\n', encoding="utf-8")
    result = cli("--calendar", str(path), "deadlines")
    assert result.exit_code == 2
    assert f"{path}:2:" in result.stderr
    assert "Traceback" not in result.stderr


def test_calendar_from_the_environment(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = variant(tmp_path, 'school_year = "2026-2027"', 'school_year = "2027-2028"\n# copie')
    monkeypatch.setenv("INET_STAGES_CALENDAR", str(path))
    result = cli("calendar", "--format", "json")
    assert result.exit_code == 0
    assert '"calendar": "2027-2028"' in result.stdout


def test_draft_calendar_is_announced(cli: Run, tmp_path: Path) -> None:
    path = variant(tmp_path, "draft = false", "draft = true")
    result = cli("--calendar", str(path), "calendar", "--track", "ingenieurs")
    assert result.exit_code == 0
    assert "brouillon" in result.stderr


ING_OBSERVATION = (
    "[internships.observation.windows.ingenieurs]\nstart = 2026-06-01\nend = 2026-06-19"
)


@pytest.mark.parametrize(("end", "refused"), [("2026-06-18", False), ("2026-06-17", True)])
def test_c203_uses_the_offers_measure(tmp_path: Path, end: str, refused: bool) -> None:
    """3 weeks need 18 days (7 × 3 − 3), the measure D005 applies to an offer."""
    path = variant(tmp_path, ING_OBSERVATION, ING_OBSERVATION.replace("2026-06-19", end))
    if not refused:
        assert load_calendar(path).window("ingenieurs", "observation") is not None
        return
    with pytest.raises(CalendarError) as caught:
        load_calendar(path)
    (problem,) = caught.value.problems
    assert problem.code == "C203"
    assert "au moins 18 jours" in problem.message and "que 17" in problem.message
