"""``inet-stages rules``: every code, its meaning and an example."""

from __future__ import annotations

from inet_stages.rules import RULES
from tests.conftest import Run, fr


def test_rules_lists_every_code(cli: Run) -> None:
    result = cli("rules")
    assert result.exit_code == 0
    for code in RULES:
        assert fr(code) in result.stdout
    assert "avertissement" in result.stdout


def test_rule_detail_has_meaning_and_example(cli: Run) -> None:
    result = cli("rules", "p002")
    assert result.exit_code == 0
    assert result.stdout.startswith(fr("P002 (erreur, Projets collectifs) : "))
    assert fr("40 000") in result.stdout
    assert "Exemple" in result.stdout


def test_each_rule_shows_its_own_example_and_nothing_after(cli: Run) -> None:
    for code, rule in RULES.items():
        result = cli("rules", code)
        assert result.exit_code == 0, code
        example = rule.details[rule.details.index("Exemple") :]
        assert code in example, code
        # The example closes the output: no other rule's, no blank line after it
        # (read as words: the output is wrapped again at the terminal's width).
        expected = " ".join(fr(example).split())
        assert " ".join(result.stdout.split()).endswith(expected), code
        assert result.stdout.endswith("\n"), code
        assert not result.stdout.endswith("\n\n"), code
        assert result.stdout.count("Exemple") == 1, code


def test_every_rule_is_documented_with_an_example() -> None:
    for rule in RULES.values():
        assert rule.title.endswith("."), rule.code
        assert "Exemple" in rule.details, rule.code


def test_unknown_rule_code(cli: Run) -> None:
    result = cli("rules", "D02")
    assert result.exit_code == 2
    assert "code inconnu" in result.stderr
