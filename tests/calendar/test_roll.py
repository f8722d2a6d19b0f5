"""``calendar roll``: next year's draft, dates by whole weeks, comments kept."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.calendar import load_calendar, packaged_path
from inet_stages.calendar.roll import RollError, roll, same_day, shift_for
from tests.calendars import OBSERVATION, write
from tests.conftest import Run, fr


def comments(text: str) -> list[str]:
    """Every comment of a TOML text (none of its strings holds a « # »)."""
    return [line[line.index("#") :] for line in text.splitlines() if "#" in line]


@pytest.fixture
def rolled(cli: Run, tmp_path: Path) -> tuple[Path, str]:
    """The packaged calendar rolled to 2027-2028 into a file, and the report."""
    target = tmp_path / "calendar_2027_28.toml"
    result = cli("calendar", "roll", "--to", "2027-2028", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    return target, result.stdout


def test_rolled_packaged_calendar_loads_and_keeps_every_comment(rolled: tuple[Path, str]) -> None:
    target, _ = rolled
    calendar = load_calendar(target)
    assert calendar.school_year == "2027-2028"
    assert calendar.draft is True
    before = packaged_path().read_text(encoding="utf-8")
    after = target.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    assert len(comments(before)) > 30
    # Layout kept too: only dates, school_year and draft differ, line for line.
    changed = [
        (old, new)
        for old, new in zip(before.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert all(re.search(r"\d{4}-\d{2}-\d{2}|school_year|draft", old) for old, _ in changed)
    # Schoolings keep their calendar dates: 1 February → 1 February, 31 July → 31 July.
    assert "schooling = { start = 2027-02-01, end = 2028-07-31 }" in after


@pytest.mark.parametrize(
    ("track", "internship", "start", "end"),
    [
        # Monday 30 March 2026 → Monday 29 March 2027 (52 weeks), verified by hand.
        ("administrateurs", "observation", date(2027, 3, 29), date(2027, 4, 23)),
        ("ingenieurs", "observation", date(2027, 5, 31), date(2027, 6, 18)),
        ("administrateurs", "projet_collectif", date(2027, 10, 11), date(2027, 12, 17)),
        ("conservateurs", "professionnalisation", date(2028, 5, 16), date(2028, 7, 28)),
    ],
)
def test_pinned_rolled_windows(
    rolled: tuple[Path, str], track: str, internship: str, start: date, end: date
) -> None:
    calendar = load_calendar(rolled[0])
    window = calendar.window(track, internship)
    assert window is not None
    assert (window.start, window.end) == (start, end)
    before = load_calendar().window(track, internship)
    assert before is not None
    assert window.start.weekday() == before.start.weekday()
    assert window.period.weeks == before.period.weeks


def test_rolled_draft_checks_clean_but_for_listed_warnings(
    cli: Run, rolled: tuple[Path, str]
) -> None:
    target, report = rolled
    result = cli(
        "calendar", "check", str(target), "--previous", "2026-2027", "--today", "2026-11-20"
    )
    assert result.exit_code == 0
    found = re.findall(r": (C\d+) .*\[(.*)\]$", result.stdout, flags=re.MULTILINE)
    assert found == [
        # Easter Monday 2027 and 1 May 2028: also listed by the roll report.
        ("C302", "internships.observation.windows.administrateurs.start"),
        ("C302", "internships.observation.windows.conservateurs.start"),
        # Already a Saturday in the brochure (« au 17 ou 18 avril »).
        ("C301", "internships.observation.windows.conservateurs.end"),
        ("C302", "internships.professionnalisation.windows.administrateurs.start"),
    ]
    assert "jour férié (Lundi de Pâques)" in report
    assert "jour férié (Fête du Travail)" in report
    assert result.stdout.startswith(fr("Note : ce calendrier est un brouillon"))


def test_report_lists_dates_moved_far_from_their_calendar_date(rolled: tuple[Path, str]) -> None:
    _, report = rolled
    assert fr("44 dates avancées (38 de 52 semaines, 6 à la même date)") in report
    # Schoolings keep their dates; every other date lands within three days of its own.
    assert "schooling" not in report
    assert "jours après" not in report and "jours avant" not in report
    assert "inet-stages calendar check" in report


def test_shift_lands_on_the_weekday_nearest_the_same_date() -> None:
    # 1 June 2026, a Monday: 52 weeks give Monday 31 May 2027, one day from 1 June
    # (53 weeks would give 7 June, six days after).
    assert shift_for([date(2026, 6, 1)], 1) == 364
    # Friday 27 November 2026 → Friday 26 November 2027 (52 weeks, one day before).
    assert shift_for([date(2026, 11, 27)], 1) == 364
    # Tuesday 2 January 2024 (leap year ahead): 2 January 2025 is a Thursday; the
    # nearest Tuesday is 31 December 2024 (52 weeks), two days before.
    assert shift_for([date(2024, 1, 2)], 1) == 364
    # Sunday 28 February 2027 → 2028 is a leap year: the same date is a Monday;
    # 52 weeks give Sunday 27 February 2028, one day before.
    assert shift_for([date(2027, 2, 28)], 1) == 364
    # Over two years (731 days, 29 February 2028 between): 104 weeks, three days before.
    assert shift_for([date(2026, 3, 30)], 2) == 728
    # 30 March 2026, last Monday of March: 52 weeks give 29 March 2027.
    assert shift_for([date(2026, 3, 30)], 1) == 364
    # A window moves as one block, nearest its dates.
    assert shift_for([date(2026, 6, 1), date(2026, 6, 19)], 1) == 364


def test_roll_without_output_writes_stdout_and_reports_on_stderr(cli: Run, tmp_path: Path) -> None:
    source = write(tmp_path, OBSERVATION)
    result = cli("calendar", "roll", str(source))
    assert result.exit_code == 0
    data = tomli.loads(result.stdout)
    assert data["school_year"] == "2027-2028"
    assert data["draft"] is True
    assert "# Petit calendrier de test." in result.stdout
    assert "Brouillon 2027-2028 tiré du calendrier 2026-2027" in result.stderr


def test_roll_adds_draft_when_absent(tmp_path: Path) -> None:
    text = write(tmp_path, OBSERVATION).read_text(encoding="utf-8")
    text = text.replace("draft = false\n", "")
    rolled = roll(text, "2027-2028")
    data = tomli.loads(rolled.text)
    assert data["draft"] is True
    assert data["internships"]["observation"]["windows"]["administrateurs"]["start"] == date(
        2027, 3, 29
    )
    assert rolled.problems == ()


@pytest.mark.parametrize(
    ("to", "message"),
    [
        ("2027-2029", "forme AAAA-AAAA"),
        ("2027", "forme AAAA-AAAA"),
        ("2026-2027", "doit venir après"),
    ],
)
def test_bad_target_year(cli: Run, tmp_path: Path, to: str, message: str) -> None:
    source = write(tmp_path, OBSERVATION)
    result = cli("calendar", "roll", str(source), "--to", to)
    assert result.exit_code == 2
    assert fr(message) in result.stderr
    assert result.stdout == ""
    with pytest.raises(RollError):
        roll(source.read_text(encoding="utf-8"), to)


def test_roll_never_overwrites_without_force(cli: Run, tmp_path: Path) -> None:
    source = write(tmp_path, OBSERVATION)
    target = tmp_path / "next.toml"
    target.write_text("mine\n", encoding="utf-8")
    refused = cli("calendar", "roll", str(source), "-o", str(target))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    forced = cli("calendar", "roll", str(source), "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert 'school_year = "2027-2028"' in target.read_text(encoding="utf-8")


def test_roll_refuses_a_broken_source(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "broken.toml"
    source.write_text('school_year = "2026-2027"\n', encoding="utf-8")
    result = cli("calendar", "roll", str(source))
    assert result.exit_code == 2
    assert "Calendrier invalide" in result.stderr
    assert result.stdout == ""


@settings(max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    length=st.integers(min_value=0, max_value=120),
    years=st.integers(min_value=1, max_value=4),
)
def test_shift_is_whole_weeks_close_to_the_calendar_date(
    start: date, length: int, years: int
) -> None:
    days = [start, start + timedelta(days=length)]
    shift = shift_for(days, years)
    assert shift % 7 == 0
    # Never more than a week from the same calendar date, so at most 6 days off.
    assert abs((start + timedelta(days=shift) - same_day(start, years)).days) <= 6


def test_roll_and_check_flag_a_deadline_already_past(cli: Run, tmp_path: Path) -> None:
    # The observation deadline rolls to Monday 23 November 2026; the roll is run on the 28th.
    target = tmp_path / "calendar_2027_28.toml"
    result = cli(
        "calendar", "roll", "--to", "2027-2028", "-o", str(target), "--today", "2026-11-28"
    )
    assert result.exit_code == 0, result.stderr
    assert (
        fr(
            "internships.observation.windows.administrateurs.offers_deadline\n"
            "         24 nov. 2025 → lun. 23 nov. 2026 :\n"
            "         date limite déjà passée le 28 nov. 2026"
        )
    ) in result.stdout
    # The reason goes under the dates rather than past 80 columns.
    reviews = [line for line in result.stdout.splitlines() if line.startswith(" " * 9)]
    assert reviews
    assert all(len(line) <= 80 for line in reviews)
    checked = cli("calendar", "check", str(target), "--today", "2026-11-28")
    past = re.findall(r":(\d+): C306 .*\[(.*)\]$", checked.stdout, flags=re.MULTILINE)
    assert [field for _, field in past] == [
        "internships.observation.windows.administrateurs.offers_deadline",
        "internships.observation.windows.conservateurs.offers_deadline",
    ]
    assert fr("déjà passée le sam. 28 novembre 2026") in checked.stdout
    # The calendar in use has past deadlines, and says nothing of them.
    in_use = cli("calendar", "check", "--today", "2026-11-28")
    assert "C306" not in in_use.stdout


def test_a_tuesday_start_without_a_holiday_monday_is_to_review(rolled: tuple[Path, str]) -> None:
    """The thématique starts on Tuesday 26 May 2026, the day after Whit Monday; rolled to
    Tuesday 25 May 2027, whose Monday is a working day, it is listed for review."""
    _path, report = rolled
    lines = report.splitlines()
    index = next(
        i for i, line in enumerate(lines) if "thematique.windows.administrateurs.start" in line
    )
    assert fr("mar. 25 mai 2027") in lines[index + 1]
    assert "un mardi sans lundi férié la veille" in lines[index + 1]
    # A Tuesday start that follows a holiday Monday is not flagged for that.
    assert "Lundi de Pentecôte" not in report


def test_roll_names_its_source_when_two_promotions_are_in_progress(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    first = cli("calendar", "roll", "--to", "2027-2028", "-o", str(home / "calendar_2027_28.toml"))
    assert first.exit_code == 0, first.stderr
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    result = cli("calendar", "roll", "--today", "2026-12-07", "-o", str(tmp_path / "a.toml"))
    assert result.exit_code == 0, result.stderr
    assert fr("Calendrier de départ : 2026-2027") in result.stderr
    assert "--promotion 2027-2028" in result.stderr
    chosen = cli(
        "calendar",
        "roll",
        "--promotion",
        "2027-2028",
        "--today",
        "2026-12-07",
        "-o",
        str(tmp_path / "b.toml"),
    )
    assert chosen.exit_code == 0, chosen.stderr
    assert fr("Brouillon 2028-2029 tiré du calendrier 2027-2028") in chosen.stdout + chosen.stderr


def test_the_report_fits_a_narrow_terminal(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # docs/reference/README.md: text fits the terminal down to 60 columns, cutting no word;
    # a key path (one word) stays whole beside its line number.
    monkeypatch.setenv("COLUMNS", "60")
    target = tmp_path / "c.toml"
    result = cli(
        "calendar", "roll", "--to", "2027-2028", "-o", str(target), "--today", "2026-11-28"
    )
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    key = re.compile(r"^ *(l\. \d+ +)?\S+$")
    assert [line for line in lines if len(line) > 60 and not key.match(line)] == []
    assert "  l. 75  internships.observation.windows.administrateurs.start" in lines
    assert "         jour férié (Lundi de Pâques)" in [
        line.replace("\u00a0", " ") for line in lines
    ]
