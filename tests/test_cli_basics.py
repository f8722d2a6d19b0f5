"""The root command: version, help, usage errors in French."""

from __future__ import annotations

from inet_stages import __version__
from tests.conftest import Run


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"inet-stages {__version__}"


def test_help_lists_calendar(cli: Run) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    assert "calendar" in result.stdout


def test_unknown_option_is_a_french_usage_error(cli: Run) -> None:
    result = cli("calendar", "--bogus")
    assert result.exit_code == 2
    assert "option inconnue" in result.stderr
    assert "Traceback" not in result.stderr


def test_group_without_command_shows_its_help(cli: Run) -> None:
    result = cli("export")
    assert result.exit_code == 2
    assert "Usage: inet-stages export" in result.stderr
    assert "erreur" not in result.stderr
    assert "Options:" in result.stderr


def test_option_without_value(cli: Run) -> None:
    result = cli("calendar", "--track")
    assert result.exit_code == 2
    assert "L'option '--track' attend une valeur" in result.stderr


def test_only_the_requested_command_is_built() -> None:
    from inet_stages.cli import make_app, requested_command

    assert requested_command(["--calendar", "deadlines", "calendar", "-t", "x"]) == "calendar"
    assert requested_command(["--version"]) is None
    names = {c.name for c in make_app(["deadlines"]).registered_commands}
    assert names == {"deadlines"}
    everything = make_app()
    assert {g.name for g in everything.registered_groups} >= {"calendar", "export"}
