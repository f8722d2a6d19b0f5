"""A calendar that ``calendar check`` passes never crashes another command."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inet_stages.ids import INTERNSHIP_LABELS, TRACK_LABELS
from inet_stages.text.frdates import weeks_touched
from tests.conftest import Run

HEAD = """\
format = 1
school_year = "{year}"

[contact]
name = "Coordination"
email = "stages@example.fr"

[tracks]
"""

COLLECTIVE = """
[internships.projet_collectif.collective]
population_more_than = 40000
students_per_project = 4
fee_eur = 2000
"""


def _check(cli: Run, path: Path) -> tuple[int, str]:
    result = cli("calendar", "check", str(path), "--today", "2026-01-20")
    return result.exit_code, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("body", "code", "line"),
    [
        ("\n[internships.observation.windows]\n", "C207", 8),
        (
            "[tracks.administrateurs]\nschooling = { start = 2026-01-05, end = 2027-07-30 }\n"
            "\n[internships.observation.windows]\n",
            "C208",
            11,
        ),
        (
            "[tracks.administrateurs]\nschooling = { start = 2026-01-05, end = 9999-12-31 }\n"
            "[internships.observation.windows.administrateurs]\n"
            "start = 2026-03-30\nend = 2026-04-24\nweeks = 4\n",
            "C209",
            9,
        ),
        (
            "[tracks.administrateurs]\nmonths = 18\n"
            "schooling = { start = 2026-01-05, end = 2207-07-30 }\n"
            "[internships.observation.windows.administrateurs]\n"
            "start = 2026-03-30\nend = 2026-04-24\nweeks = 4\n",
            "C210",
            10,
        ),
        (
            "[tracks.ingenieurs]\nschooling = { start = 2026-01-05, end = 2027-07-30 }\n"
            "[internships.perfectionement.windows.ingenieurs]\n"
            "start = 2026-03-30\nend = 2026-04-24\nweeks = 4\n",
            "C104",
            10,
        ),
    ],
)
def test_what_the_commands_cannot_serve_is_refused_with_its_line(
    cli: Run, tmp_path: Path, body: str, code: str, line: int
) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(HEAD.format(year="2026-2027").replace("[tracks]\n", "") + body)
    if code == "C207":
        path.write_text(HEAD.format(year="2026-2027") + body)
    exit_code, output = _check(cli, path)
    assert exit_code == 1, output
    assert f"cal.toml:{line}: {code} " in output, output
    # The loader refuses it too: no command crashes on it.
    for args in (["export", "html"], ["calendar", "--format", "timeline"], ["calendar", "roll"]):
        refused = cli("--calendar", str(path), *args, "--today", "2026-01-20")
        assert refused.exit_code == 2, (args, refused.stderr)
        assert "interne" not in refused.stderr


@st.composite
def calendars(draw: st.DrawFn) -> str:
    """A small calendar: any tracks, schoolings and windows, near-valid more often than not."""
    first = draw(st.integers(1995, 2110))
    text = HEAD.format(year=f"{first}-{first + 1}")
    tracks = draw(
        st.one_of(
            st.lists(st.sampled_from(list(TRACK_LABELS)), unique=True, min_size=1, max_size=3),
            st.just([]),
        )
    )
    internships = draw(
        st.lists(st.sampled_from(list(INTERNSHIP_LABELS)), unique=True, min_size=1, max_size=3)
    )
    starts: dict[str, tuple[date, date]] = {}
    for track in tracks:
        # Mostly plausible dates, sometimes far ones (typos, 9999-like tests).
        start = draw(
            st.one_of(
                st.dates(date(2001, 1, 1), date(2098, 1, 1)),
                st.dates(date(1990, 1, 1), date(2115, 1, 1)),
            )
        )
        length = draw(st.one_of(st.integers(30, 800), st.integers(30, 800), st.integers(0, 40_000)))
        end = min(start + timedelta(days=length), date(2150, 12, 31))
        starts[track] = (start, end)
        near = max(1, round(((end - start).days + 1) / 30.44))
        months = draw(st.one_of(st.none(), st.just(near), st.just(near), st.integers(1, 40)))
        text += f"\n[tracks.{track}]\nschooling = {{ start = {start}, end = {end} }}\n"
        if months is not None:
            text += f"months = {months}\n"
    for internship in internships:
        if internship == "projet_collectif":
            text += COLLECTIVE
        text += f"\n[internships.{internship}.windows]\n"
        for track in tracks:
            if not draw(st.integers(0, 3)):
                continue
            school_start, school_end = starts[track]
            span = (school_end - school_start).days
            offset = draw(st.integers(0, max(span, 0)))
            start = school_start + timedelta(days=offset)
            end = min(start + timedelta(days=draw(st.integers(0, 400))), school_end)
            touched = weeks_touched(start, end)
            weeks = draw(
                st.one_of(st.just(touched), st.integers(1, max(touched, 1)), st.integers(1, 60))
            )
            text += (
                f"\n[internships.{internship}.windows.{track}]\n"
                f"start = {start}\nend = {end}\nweeks = {weeks}\n"
            )
            if draw(st.booleans()):
                before = draw(st.one_of(st.integers(60, 400), st.integers(-10, 400)))
                deadline = start - timedelta(days=before)
                if date(1, 1, 1) < deadline:
                    text += f"offers_deadline = {deadline}\n"
    return text


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=calendars())
def test_a_calendar_that_checks_clean_serves_every_command(
    cli: Run, tmp_path: Path, text: str
) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(text, encoding="utf-8")
    exit_code, output = _check(cli, path)
    if exit_code != 0:
        assert exit_code == 1 and "interne" not in output, output
        return
    for args in (
        ["export", "html"],
        ["export", "ics"],
        ["calendar", "--format", "timeline"],
        ["calendar", "roll"],
    ):
        result = cli("--calendar", str(path), *args, "--today", "2026-01-20")
        assert result.exit_code == 0, (args, result.stderr, text)
        assert len(result.stdout) < 5_000_000, (args, len(result.stdout))
