"""Every command's text results fit the terminal, at 80 columns and at 60, without cutting a word.

Each command runs at ``COLUMNS=80`` and ``COLUMNS=60``. A line of its results
may be longer than the terminal only when it holds a single word (a file name
longer than the whole line, shown whole so that it can be copied). Every word
of every label the command should show (internships, tracks, offers, students,
durations, files written) appears whole: nothing folded (« Professionnalisat »
/ « ion ») nor truncated (« Professionnalisat… »).

Diagnostics on stderr (``validate``, ``fix``, the rows refused in a CSV) stay
one line each, like a compiler's, so that they can be searched; they are not
checked here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar, packaged_path
from tests.conftest import REPO, Run

CALENDAR = load_calendar()
WIDTHS = (80, 60)
#: A word as the tests read it: letters, digits and what names and dates hold.
_WORD = re.compile(r"[\w'’./@<>-]+")


def words(text: str) -> set[str]:
    """The words of ``text``, split at any space (non-breaking ones too) and punctuation."""
    return set(_WORD.findall(text.replace("\u00a0", " ").replace("\u202f", " ")))


def label_words(labels: Iterable[str]) -> set[str]:
    """The words the output must hold whole."""
    found: set[str] = set()
    for label in labels:
        found |= words(label)
    return found


def too_long(text: str, width: int) -> list[str]:
    """Lines wider than ``width``, except a line that is one word (a name that cannot fit)."""
    return [
        line for line in text.splitlines() if len(line.rstrip()) > width and len(line.split()) > 1
    ]


def shorts() -> set[str]:
    """The internships' and tracks' short names of the packaged calendar."""
    return {i.short for i in CALENDAR.internships} | {t.short for t in CALENDAR.tracks}


def expected(args: tuple[str, ...]) -> set[str]:
    """The words a command shows whole: tables of ``calendar`` name tracks in full."""
    if args[0] == "calendar" and "timeline" not in args:
        return label_words({i.short for i in CALENDAR.internships}) | label_words(
            t.label for t in CALENDAR.tracks
        )
    return label_words(shorts())


def check(
    cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], whole: set[str]
) -> None:
    """Run ``args`` at each width: short lines, and every word of ``whole`` present, entire."""
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        result = cli(*args)
        assert result.exit_code in (0, 1), result.stderr
        out = result.stdout
        assert out.strip()
        assert too_long(out, width) == [], f"{width} colonnes : {' '.join(args)}"
        missing = sorted(whole - words(out))
        assert missing == [], f"{width} colonnes : {' '.join(args)}\n{out}"
        # « Du … au … » is a header; a word followed by « … » was truncated.
        assert not re.search(r"\w…", out), out


DAY = ("--today", "2027-03-01")


@pytest.mark.parametrize(
    "args",
    [
        ("deadlines", "--today", "2026-11-28", "--all"),
        ("calendar", "--today", "2026-11-28"),
        ("calendar", "--format", "timeline", "--today", "2026-11-28"),
    ],
)
def test_one_promotion(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    check(cli, monkeypatch, args, expected(args))


def test_timeline_shows_every_duration(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """« 13 sem. » after a bar that reaches the edge is written before it instead."""
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        out = cli("calendar", "--format", "timeline", "--today", "2026-11-28").stdout
        rows = [line for line in out.splitlines() if "█" in line and "sem." in line]
        assert len(rows) == len(CALENDAR.windows)
        durations = sorted(re.search(r"\d+ sem\.", row).group() for row in rows)  # type: ignore[union-attr]
        assert durations == sorted(f"{w.weeks} sem." for w in CALENDAR.windows)


@pytest.mark.usefixtures("two_promotions")
@pytest.mark.parametrize(
    "args",
    [
        ("deadlines", *DAY),
        ("deadlines", "--today", "2026-11-28"),
        ("calendar", *DAY),
        ("calendar", "--format", "timeline", *DAY),
    ],
)
def test_two_promotions(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    check(cli, monkeypatch, args, expected(args) | {"2026-2027", "2027-2028"})


def test_report(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """The table, and the files left out or doubled, named whole."""
    monkeypatch.chdir(REPO)
    args = ("report", "tests/data/report", "--today", "2026-01-20")
    cohorts = ("-c", "administrateurs=3", "-c", "conservateurs=2", "-c", "ingenieurs=2")
    files = {
        f"tests/data/report/{name}.toml"
        for name in ("casse", "inconnu", "ingenieurs-thematique", "colmar-copie", "colmar")
    }
    whole = label_words(shorts()) | files
    check(cli, monkeypatch, (*args, *cohorts), whole)


@pytest.mark.parametrize(
    ("folder", "students", "internship"),
    [
        ("thematique", "eleves-thematique.csv", "thematique"),
        ("projets", "eleves-projets.csv", "projet_collectif"),
    ],
)
def test_assign(
    cli: Run, monkeypatch: pytest.MonkeyPatch, folder: str, students: str, internship: str
) -> None:
    data = REPO / "tests" / "data" / "affectation"
    names = {
        line.split(";")[0]
        for line in (data / students).read_text(encoding="utf-8").splitlines()[1:]
        if line.strip()
    }
    args = (
        "assign",
        str(data / folder),
        "--students",
        str(data / students),
        "--internship",
        internship,
        "--today",
        "2026-11-28",
    )
    check(cli, monkeypatch, args, label_words(names))


@pytest.mark.parametrize("code", ["P002", "T001"])
def test_rule_detail(cli: Run, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    """A rule's documentation, written hard-wrapped, is wrapped again at the terminal's width."""
    from inet_stages.rules import RULES

    check(cli, monkeypatch, ("rules", code), label_words([RULES[code].title]))


def test_call(cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    contacts = REPO / "tests" / "data" / "contacts.csv"
    for width in WIDTHS:
        monkeypatch.setenv("COLUMNS", str(width))
        folder = tmp_path / f"appel-{width}"
        result = cli(
            "call", "--contacts", str(contacts), "-o", str(folder), "--today", "2025-10-01"
        )
        assert result.exit_code in (0, 1), result.stderr
        out = result.stdout
        assert too_long(out, width) == []
        drafts = {p.name for p in folder.iterdir()}
        assert drafts
        assert drafts <= words(out), out
        assert label_words(i.short for i in CALENDAR.internships) <= words(out)


def test_a_name_longer_than_the_line_is_shown_whole() -> None:
    """Rich would fold it; Wrapped leaves it whole on its own line and wraps the rest."""
    from inet_stages.render.fit import wrapped_lines
    from inet_stages.terminal.french_console import FrenchConsole

    console = FrenchConsole(width=20, color_system=None, record=True)
    name = "tests/data/report/ingenieurs-thematique.toml"
    console.print(wrapped_lines(f"- {name} : aucune de ses filières"), crop=False)
    lines = console.export_text().splitlines()
    # Typeset, « : » is held to the name by a non-breaking space.
    assert f"  {name}\u00a0:" in lines
    assert all(len(line) <= 20 for line in lines if name not in line)
    assert words("\n".join(lines)) >= {"aucune", "filières", name}


@pytest.mark.parametrize(
    ("minimums", "maximums", "room", "widths"),
    [
        ([20, 7, 15], [20, 14, 15], 60, [20, 14, 15]),  # room for all
        ([20, 7, 15], [20, 14, 15], 45, [20, 10, 15]),  # only the wrapping column gives
        ([20, 7, 15], [20, 14, 15], 30, [20, 7, 15]),  # never below a longest word
        ([4, 4], [10, 20], 18, [6, 12]),  # shared by what each lacks
    ],
)
def test_share(minimums: list[int], maximums: list[int], room: int, widths: list[int]) -> None:
    from inet_stages.render.fit import share

    assert share(minimums, maximums, room) == widths


LONG = "Projets collectifs inter-filières des trois promotions réunies"


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "--today", "2026-11-28"),
        ("calendar", "--format", "timeline", "--today", "2026-11-28"),
        ("deadlines", "--today", "2026-01-26", "--all"),
    ],
)
def test_a_long_name_is_wrapped_not_cut(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: tuple[str, ...]
) -> None:
    """A calendar's short name of 62 characters: tables wrap it, the timeline gives it a line."""
    text = packaged_path().read_text(encoding="utf-8")
    assert 'short = "Projets collectifs"' in text
    path = tmp_path / "long.toml"
    path.write_text(text.replace('short = "Projets collectifs"', f'short = "{LONG}"'), "utf-8")
    check(cli, monkeypatch, ("--calendar", str(path), *args), words(LONG))
