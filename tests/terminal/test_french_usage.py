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
