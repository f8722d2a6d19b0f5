"""Every French string the tool prints is typeset: no breaking space before « : ; ! ? » or in « ».

The strings are taken where people read them — the terminal (through the
real CLI), help pages, the offer template, the web page, the calendar
files for other programs — so that a new message printed some other way
would be caught here.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from inet_stages.cli import COMMANDS
from inet_stages.frtypo import NBSP, plain_spaces_left
from inet_stages.rules import RULES
from tests.conftest import Run

REPO = Path(__file__).resolve().parent.parent
TODAY = ("--today", "2026-11-28")


def _assert_typeset(where: str, text: str) -> None:
    spots = plain_spaces_left(str(text))
    assert spots == [], f"{where}: {spots[:5]}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_pages(cli: Run, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    _assert_typeset(f"{command} --help", result.stdout)


def test_main_help(cli: Run) -> None:
    _assert_typeset("--help", cli("--help").stdout)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_pages(cli: Run, code: str) -> None:
    result = cli("rules", code)
    assert result.exit_code == 0
    _assert_typeset(f"rules {code}", result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ("rules",),
        ("calendar", *TODAY),
        ("calendar", "--format", "timeline", *TODAY),
        ("deadlines", *TODAY),
        ("deadlines", "--all", *TODAY),
        ("template", "thematique", *TODAY),
        ("template", "projet_collectif", *TODAY),
        ("validate", "examples", *TODAY),
        ("report", "examples", *TODAY),
        ("export", "html", *TODAY),
        ("export", "ics", *TODAY),
    ],
)
def test_command_output(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(REPO)
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    _assert_typeset(" ".join(args), result.stdout)
    _assert_typeset(" ".join(args) + " (stderr)", result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("deadlines", "--track", "conservatuers"),
        ("deadlines", "--within", "dix"),
        ("report", "examples", "--cohort", "x"),
        ("template", "inconnu"),
        ("validate", "absent.toml"),
    ],
)
def test_error_messages(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(REPO)
    result = cli(*args)
    assert result.exit_code == 2
    assert f"inet-stages{NBSP}: erreur{NBSP}: " in str(result.stderr)
    _assert_typeset(" ".join(args), result.stderr)


def test_csv_cells(cli: Run) -> None:
    result = cli("export", "csv", *TODAY)
    rows = list(csv.reader(io.StringIO(str(result.stdout).lstrip("\ufeff")), delimiter=";"))
    for row in rows:
        for cell in row:
            _assert_typeset("export csv", cell)


def test_rich_never_breaks_at_a_nonbreaking_space() -> None:
    """A narrow console wraps between words, never inside « 40 000 » or before « : »."""
    from inet_stages.cli.french_console import FrenchConsole

    console = FrenchConsole(width=20, file=io.StringIO(), color_system=None, markup=False)
    console.print("Seuil : 40 000 habitants le 24 novembre 2025 ; « oui » !")
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert len(lines) > 2
    assert not any(line.lstrip().startswith((":", ";", "!", "»", "000", "2025")) for line in lines)
    assert any("24\u00a0novembre\u00a02025" in line for line in lines)
    assert any("40\u00a0000" in line for line in lines)
