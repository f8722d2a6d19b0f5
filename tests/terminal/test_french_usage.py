"""Usage errors, ranges and command summaries in French words, never click's."""

from __future__ import annotations

import pytest

from inet_stages.terminal.help_fr import describe_range, first_sentence
from tests.conftest import Run, fr


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (0, None, "positif ou nul"),
        (1, None, "au moins 1"),
        (None, 9, "au plus 9"),
        (0, 52, "entre 0 et 52"),
    ],
)
def test_describe_range(low: int | None, high: int | None, words: str) -> None:
    assert describe_range(low, high) == words


def test_range_error_in_words(cli: Run) -> None:
    result = cli("deadlines", "--within", "-3")
    assert result.exit_code == 2
    assert fr("valeur invalide pour --within (-w) : -3 doit être entre 0 et 3660.") in result.stderr
    assert "x>=" not in result.stderr


def test_range_in_help_in_words(cli: Run) -> None:
    out = cli("deadlines", "--help").stdout
    assert "[entre 0 et 3660]" in out
    assert "x>=" not in out and "<=x" not in out
    roll = cli("calendar", "roll", "--help").stdout
    assert "x>=" not in roll and "<=x" not in roll


def test_command_summaries_are_whole(cli: Run) -> None:
    out = cli("--help").stdout
    assert "..." not in out.split("Commandes")[1]
    assert "Les prochaines échéances" in out
    for group in ("calendar", "export", "schema"):
        assert "..." not in cli(group, "--help").stdout.split("Commandes")[1]


def test_first_sentence_keeps_nonbreaking_spaces() -> None:
    assert first_sentence("Bilan\u00a0: a.\n\nSuite.") == "Bilan\u00a0: a."
    assert first_sentence("Sans point\nfinal") == "Sans point final"


def test_an_example_stays_on_its_line_however_narrow(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # click rewrapped « … --to 2028-2029 > » and « brouillon.toml » onto two lines: a
    # copy and paste then ran the command cut. An example is never rewrapped.
    monkeypatch.setenv("COLUMNS", "50")
    page = cli("calendar", "roll", "--help").stdout
    assert "    inet-stages calendar roll calendar_2027_28.toml > calendar_2028_29.toml\n" in page
    # The prose around it still fits the width.
    prose = [line for line in page.splitlines() if "inet-stages calendar roll " not in line]
    assert max(len(line) for line in prose) <= 50
