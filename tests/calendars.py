"""Small calendars written in tests, one window at a time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

HEAD = """\
# Petit calendrier de test.
format = 1
school_year = "{year}"
draft = {draft}

[contact]
name = "Coordination"
email = "stages@example.fr"

[tracks.administrateurs]
schooling = {{ start = {school_start}, end = {school_end} }}
"""


def window(
    internship: str,
    start: str,
    end: str,
    weeks: int,
    deadline: str | None = None,
    *,
    track: str = "administrateurs",
) -> str:
    """One ``[internships.X.windows.T]`` table."""
    text = (
        f"\n[internships.{internship}.windows.{track}]\n"
        f"start = {start}\nend = {end}\nweeks = {weeks}\n"
    )
    if deadline is not None:
        text += f"offers_deadline = {deadline}\n"
    return text


def write(
    folder: Path,
    *windows: str,
    name: str = "cal.toml",
    year: str = "2026-2027",
    draft: bool = False,
    school: tuple[str, str] = ("2026-01-05", "2027-07-30"),
) -> Path:
    """A calendar file in ``folder`` with those windows."""
    path = folder / name
    head = HEAD.format(
        year=year, draft=str(draft).lower(), school_start=school[0], school_end=school[1]
    )
    path.write_text(head + "".join(windows), encoding="utf-8")
    return path


OBSERVATION = window("observation", "2026-03-30", "2026-04-24", 4, "2025-11-24")


def next_year_in_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Her folder holding the packaged calendar moved one year on (2027-2028), every date a
    year later, as INET_STAGES_HOME: two promotions in progress at once. Returns the folder."""
    import re

    from inet_stages.calendar import packaged_path

    text = packaged_path().read_text(encoding="utf-8").replace("2026-2027", "2027-2028")
    text = re.sub(r"\b(20\d\d)-(\d\d)-(\d\d)\b", lambda m: f"{int(m[1]) + 1}-{m[2]}-{m[3]}", text)
    home = tmp_path / "home"
    home.mkdir()
    (home / "calendar_2027_28.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    return home
