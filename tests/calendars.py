"""Small calendars written in tests, one window at a time."""

from __future__ import annotations

from pathlib import Path

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
